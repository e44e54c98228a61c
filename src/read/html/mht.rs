//! MHTML web archives (`.mht`): Word's "单个文件网页" and browsers' "网页，单个文件".
//!
//! The file is a MIME message, usually `multipart/related`: the page is the
//! first `text/html` part, in quoted-printable or base64, in the charset its
//! `Content-Type` names (or its own `<meta>` declares). Pictures and styles in
//! the other parts are not read.

use super::super::{Extracted, Format, ReadError, ReadOptions};
use super::{decode_page, finish, read_as};

const FORMAT: &str = "网页存档（.mht）";

/// How deep `multipart` parts may nest (a page in `multipart/alternative`
/// inside `multipart/related` is two).
const MAX_NESTING: usize = 4;

/// A web archive as the report's text.
pub fn read_mht(bytes: &[u8], options: ReadOptions) -> Result<Extracted, ReadError> {
    if bytes.is_empty() {
        return Err(ReadError::Empty);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let (headers, mut body) = split_headers(bytes).ok_or_else(|| ReadError::Corrupt {
        format: FORMAT,
        detail: "开头没有 MIME 头部（MIME-Version、Content-Type）".to_string(),
    })?;
    let mut headers = headers;
    let mut nesting = 0;
    loop {
        let content_type = header(&headers, "content-type").unwrap_or("text/html");
        let media = media_type(content_type);
        if !media.starts_with("multipart/") {
            if media != "text/html" && nesting == 0 && !looks_like_html(body) {
                return Err(no_html());
            }
            break;
        }
        nesting += 1;
        let boundary = param(content_type, "boundary").ok_or_else(|| ReadError::Corrupt {
            format: FORMAT,
            detail: "多部分内容没有分隔标记（boundary）".to_string(),
        })?;
        if nesting > MAX_NESTING || boundary.is_empty() {
            return Err(no_html());
        }
        let parts = split_parts(body, boundary.as_bytes());
        // The page: the first text/html part, or a nested multipart holding it.
        let mut chosen = None;
        for part in &parts {
            let Some((h, b)) = split_headers(part) else {
                continue;
            };
            let m = media_type(header(&h, "content-type").unwrap_or("text/plain"));
            if m == "text/html" || (m.starts_with("multipart/") && chosen.is_none()) {
                let html = m == "text/html";
                chosen = Some((h, b));
                if html {
                    break;
                }
            }
        }
        let Some((h, b)) = chosen else {
            return Err(no_html());
        };
        headers = h;
        body = b;
    }
    let encoding = header(&headers, "content-transfer-encoding")
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let decoded;
    let html_bytes: &[u8] = match encoding.as_str() {
        "quoted-printable" => {
            decoded = quoted_printable(body);
            &decoded
        }
        "base64" => {
            decoded = base64(body);
            &decoded
        }
        _ => body,
    };
    if html_bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(no_html());
    }
    let charset = header(&headers, "content-type").and_then(|t| param(t, "charset"));
    let (html, notes) = decode_page(html_bytes, charset.as_deref(), options)?;
    finish(read_as(&html, Format::Mht), notes)
}

fn no_html() -> ReadError {
    ReadError::Corrupt {
        format: FORMAT,
        detail: "其中没有网页正文（text/html 部分）".to_string(),
    }
}

fn looks_like_html(body: &[u8]) -> bool {
    let head: Vec<u8> = body[..body.len().min(4096)]
        .iter()
        .map(u8::to_ascii_lowercase)
        .collect();
    super::token::find(&head, b"<html").is_some() || super::token::find(&head, b"<body").is_some()
}

/// MIME headers: lowercase names and unfolded values.
type Headers = Vec<(String, String)>;

/// A MIME header block and the body after it. `None` when the bytes do not
/// start with headers.
fn split_headers(bytes: &[u8]) -> Option<(Headers, &[u8])> {
    let mut headers: Vec<(String, String)> = Vec::new();
    let mut pos = 0;
    // Blank lines before the headers (after a boundary line) are skipped.
    while pos < bytes.len() && matches!(bytes[pos], b'\r' | b'\n') {
        pos += 1;
    }
    loop {
        if pos >= bytes.len() {
            break;
        }
        let end = bytes[pos..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |p| pos + p);
        let line = &bytes[pos..end];
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let next = (end + 1).min(bytes.len());
        if line.is_empty() {
            pos = next;
            break;
        }
        if matches!(line[0], b' ' | b'\t') {
            // A folded continuation of the previous header.
            let (_, value) = headers.last_mut()?;
            value.push(' ');
            value.push_str(String::from_utf8_lossy(line).trim());
        } else {
            let colon = line.iter().position(|&b| b == b':')?;
            let name = &line[..colon];
            if name.is_empty()
                || !name
                    .iter()
                    .all(|&b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
            {
                return None;
            }
            if headers.len() >= 200 {
                return None;
            }
            headers.push((
                String::from_utf8_lossy(name).to_ascii_lowercase(),
                String::from_utf8_lossy(&line[colon + 1..])
                    .trim()
                    .to_string(),
            ));
        }
        pos = next;
    }
    if headers.is_empty() {
        return None;
    }
    Some((headers, &bytes[pos.min(bytes.len())..]))
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

/// `text/html` of `text/html; charset="gb2312"`, lowercase.
fn media_type(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// A parameter of a header value (`boundary`, `charset`), unquoted.
fn param(value: &str, name: &str) -> Option<String> {
    value.split(';').skip(1).find_map(|p| {
        let (n, v) = p.split_once('=')?;
        n.trim()
            .eq_ignore_ascii_case(name)
            .then(|| v.trim().trim_matches(|c| c == '"' || c == '\'').to_string())
    })
}

/// The parts of a multipart body: the bytes between `--boundary` lines.
fn split_parts<'a>(body: &'a [u8], boundary: &[u8]) -> Vec<&'a [u8]> {
    let mut delimiter = b"--".to_vec();
    delimiter.extend_from_slice(boundary);
    let mut starts = Vec::new();
    let mut i = 0;
    while let Some(off) = super::token::find(&body[i..], &delimiter) {
        let at = i + off;
        if at == 0 || body[at - 1] == b'\n' {
            starts.push(at);
        }
        i = at + delimiter.len();
    }
    let mut parts = Vec::new();
    for (k, &at) in starts.iter().enumerate() {
        let after = at + delimiter.len();
        if body[after..].starts_with(b"--") {
            break;
        }
        // The part starts on the line after the delimiter.
        let start = body[after..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(body.len(), |p| after + p + 1);
        let mut end = starts.get(k + 1).copied().unwrap_or(body.len());
        // The line break before the next delimiter belongs to it.
        if end > start && body[end - 1] == b'\n' {
            end -= 1;
            if end > start && body[end - 1] == b'\r' {
                end -= 1;
            }
        }
        parts.push(&body[start..end.max(start)]);
    }
    parts
}

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Quoted-printable: `=XX` bytes, `=` at a line end joins lines; anything
/// malformed is kept as written.
pub(super) fn quoted_printable(b: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'=' {
            out.push(b[i]);
            i += 1;
            continue;
        }
        if let (Some(h), Some(l)) = (
            b.get(i + 1).copied().and_then(hex),
            b.get(i + 2).copied().and_then(hex),
        ) {
            out.push(h * 16 + l);
            i += 3;
            continue;
        }
        // A soft line break: `=`, optional trailing blanks, a line end.
        let mut j = i + 1;
        while j < b.len() && matches!(b[j], b' ' | b'\t') {
            j += 1;
        }
        if b.get(j) == Some(&b'\r') {
            j += 1;
        }
        if b.get(j) == Some(&b'\n') || j >= b.len() {
            i = j + 1;
            continue;
        }
        out.push(b'=');
        i += 1;
    }
    out
}

/// Base64, skipping line breaks and anything outside the alphabet.
pub(super) fn base64(b: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(b.len() / 4 * 3);
    let mut acc: u32 = 0;
    let mut bits = 0;
    for &c in b {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            b'=' => break,
            _ => continue,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_printable_decodes() {
        assert_eq!(
            quoted_printable(b"a=3D1=\r\nb=E4=B8=AD =\nc=zz=4"),
            b"a=1b\xE4\xB8\xAD c=zz=4".to_vec()
        );
        assert_eq!(quoted_printable(b"end="), b"end".to_vec());
    }

    #[test]
    fn base64_decodes() {
        assert_eq!(base64(b"5Lit5paH\r\nYWJj"), "中文abc".as_bytes().to_vec());
        assert_eq!(base64(b"YQ=="), b"a".to_vec());
        assert_eq!(base64(b"!!"), Vec::<u8>::new());
    }

    #[test]
    fn parts_and_parameters() {
        let body = b"preamble\r\n--b1\r\nContent-Type: text/css\r\n\r\np{}\r\n--b1\r\nContent-Type: text/html; charset=\"utf-8\"\r\n\r\n<p>x</p>\r\n--b1--\r\n";
        let parts = split_parts(body, b"b1");
        assert_eq!(parts.len(), 2);
        let (h, b) = split_headers(parts[1]).unwrap();
        assert_eq!(b, b"<p>x</p>");
        let ct = header(&h, "content-type").unwrap();
        assert_eq!(media_type(ct), "text/html");
        assert_eq!(param(ct, "charset").as_deref(), Some("utf-8"));
        assert!(split_headers(b"<html>").is_none());
    }

    #[test]
    fn a_simple_archive_reads() {
        let mht = "MIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\tboundary=\"----=_NextPart_000\";\r\n\ttype=\"text/html\"\r\n\r\n------=_NextPart_000\r\nContent-Type: text/html; charset=\"utf-8\"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n<p>=E4=B8=80=E3=80=81=E6=80=BB=E4=BD=93=\r\n=E6=83=85=E5=86=B5</p>\r\n------=_NextPart_000--\r\n";
        let e = read_mht(mht.as_bytes(), ReadOptions::default()).unwrap();
        assert_eq!(e.text, "一、总体情况\n");
        assert_eq!(e.format, Format::Mht);
        assert!(read_mht(b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=x\r\n\r\n--x\r\nContent-Type: image/png\r\n\r\n....\r\n--x--", ReadOptions::default()).is_err());
        assert!(read_mht(b"\x00\x01garbage", ReadOptions::default()).is_err());
    }
}
