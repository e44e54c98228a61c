//! A tolerant HTML tokenizer: start and end tags with their attributes, and
//! text with character references decoded. Comments, doctypes, processing
//! instructions and the contents of script-like elements are consumed here and
//! never reach the text.
//!
//! It follows the WHATWG tokenizer where it matters for reading text:
//! `<!-- … -->` comments (so Word's `<!--[if gte mso 9]>…<![endif]-->` blocks
//! vanish whole, while `<![if !supportLists]>…<![endif]>` only hides its two
//! markers and keeps the list number between them), bogus comments (`<!…>`,
//! `<?…>`), raw text up to the matching end tag for `script`, `style` and the
//! like, and a `<` that starts no tag being text. It works on a `&str` in one
//! pass with no recursion, so its time is linear in the input.

/// One token.
#[derive(Debug, PartialEq, Eq)]
pub enum Token {
    /// Text with character references decoded (whitespace as in the source).
    Text(String),
    /// A start tag: lowercase name, attributes (lowercase names, decoded
    /// values), and whether it ended with `/>`.
    Start {
        name: String,
        attrs: Vec<(String, String)>,
        self_closing: bool,
    },
    /// An end tag, lowercase name.
    End { name: String },
}

/// Elements whose content is not markup and is never shown as text. Their
/// content is skipped up to the matching end tag.
const RAW_TEXT: [&str; 9] = [
    "script", "style", "xmp", "iframe", "noembed", "noframes", "noscript", "textarea", "title",
];

pub struct Tokenizer<'a> {
    src: &'a str,
    pos: usize,
    /// Set when the input ended inside a comment or a script-like element,
    /// whose remaining content was therefore not read as text.
    pub unterminated: bool,
    /// The end tag of a raw-text element whose content has been skipped, to
    /// be returned next.
    pending_end: Option<String>,
}

impl<'a> Tokenizer<'a> {
    pub fn new(src: &'a str) -> Self {
        Tokenizer {
            src,
            pos: 0,
            unterminated: false,
            pending_end: None,
        }
    }

    fn rest(&self) -> &'a str {
        &self.src[self.pos..]
    }

    /// Text up to the next `<` that starts markup.
    fn text(&mut self) -> Token {
        let bytes = self.src.as_bytes();
        let start = self.pos;
        let mut i = self.pos;
        loop {
            // `i` is always on a character boundary (just past a `<`).
            match self.src[i..].find('<') {
                None => {
                    i = bytes.len();
                    break;
                }
                Some(off) => {
                    i += off;
                    if starts_markup(&bytes[i + 1..]) {
                        break;
                    }
                    i += 1;
                }
            }
        }
        self.pos = i;
        let mut out = String::with_capacity(i - start);
        decode_entities(&self.src[start..i], &mut out);
        Token::Text(out)
    }

    /// Skips a comment or bogus comment starting at `<!` or `<?`.
    fn skip_comment(&mut self) {
        let rest = self.rest();
        if let Some(body) = rest.strip_prefix("<!--") {
            // `<!-->` and `<!--->` are complete (empty) comments.
            if body.starts_with('>') {
                self.pos += 5;
                return;
            }
            if body.starts_with("->") {
                self.pos += 6;
                return;
            }
            match find(body.as_bytes(), b"-->") {
                Some(end) => self.pos += 4 + end + 3,
                None => {
                    // `--!>` also ends a comment.
                    match find(body.as_bytes(), b"--!>") {
                        Some(end) => self.pos += 4 + end + 4,
                        None => {
                            self.unterminated = true;
                            self.pos = self.src.len();
                        }
                    }
                }
            }
            return;
        }
        // `<!DOCTYPE …>`, `<![CDATA[…]]>`, `<![if …]>`, `<?xml …?>`: bogus
        // comments, up to the first `>`.
        match rest.as_bytes().iter().position(|&b| b == b'>') {
            Some(end) => self.pos += end + 1,
            None => self.pos = self.src.len(),
        }
    }

    /// A tag starting at `<`; `None` when the input ends inside it (the
    /// partial tag is dropped, as browsers do).
    fn tag(&mut self) -> Option<Token> {
        let bytes = self.src.as_bytes();
        let mut i = self.pos + 1;
        let end_tag = bytes.get(i) == Some(&b'/');
        if end_tag {
            i += 1;
        }
        let name_start = i;
        while i < bytes.len() && !is_space(bytes[i]) && bytes[i] != b'/' && bytes[i] != b'>' {
            i += 1;
        }
        let name = self.src[name_start..i].to_ascii_lowercase();
        let mut attrs = Vec::new();
        let mut self_closing = false;
        loop {
            while i < bytes.len() && (is_space(bytes[i]) || bytes[i] == b'/') {
                self_closing = bytes[i] == b'/';
                i += 1;
            }
            if i >= bytes.len() {
                self.pos = bytes.len();
                return None;
            }
            if bytes[i] == b'>' {
                i += 1;
                break;
            }
            self_closing = false;
            // Attribute name: up to whitespace, `/`, `>` or `=` (a leading `=`
            // belongs to the name).
            let a_start = i;
            i += 1;
            while i < bytes.len() && !is_space(bytes[i]) && !matches!(bytes[i], b'/' | b'>' | b'=')
            {
                i += 1;
            }
            let a_name = self.src[a_start..i].to_ascii_lowercase();
            while i < bytes.len() && is_space(bytes[i]) {
                i += 1;
            }
            let mut value = String::new();
            if bytes.get(i) == Some(&b'=') {
                i += 1;
                while i < bytes.len() && is_space(bytes[i]) {
                    i += 1;
                }
                match bytes.get(i) {
                    Some(&q @ (b'"' | b'\'')) => {
                        let v_start = i + 1;
                        match bytes[v_start..].iter().position(|&b| b == q) {
                            Some(len) => {
                                decode_entities(&self.src[v_start..v_start + len], &mut value);
                                i = v_start + len + 1;
                            }
                            None => {
                                self.pos = bytes.len();
                                return None;
                            }
                        }
                    }
                    _ => {
                        let v_start = i;
                        while i < bytes.len() && !is_space(bytes[i]) && bytes[i] != b'>' {
                            i += 1;
                        }
                        decode_entities(&self.src[v_start..i], &mut value);
                    }
                }
            }
            if attrs.len() < 64 && !attrs.iter().any(|(n, _)| *n == a_name) {
                attrs.push((a_name, value));
            }
        }
        self.pos = i;
        if end_tag {
            return Some(Token::End { name });
        }
        if RAW_TEXT.contains(&name.as_str()) && !self_closing {
            self.skip_raw_text(&name);
        }
        Some(Token::Start {
            name,
            attrs,
            self_closing,
        })
    }

    /// Skips the content of a raw-text element up to `</name`; the end tag
    /// is returned as the next token.
    fn skip_raw_text(&mut self, name: &str) {
        let bytes = self.src.as_bytes();
        let mut i = self.pos;
        while let Some(off) = find(&bytes[i..], b"</") {
            let at = i + off;
            let after = at + 2 + name.len();
            if after <= bytes.len()
                && bytes[at + 2..after].eq_ignore_ascii_case(name.as_bytes())
                && bytes
                    .get(after)
                    .is_none_or(|&b| is_space(b) || b == b'/' || b == b'>')
            {
                // Consume the end tag itself.
                let close = bytes[after..]
                    .iter()
                    .position(|&b| b == b'>')
                    .map_or(bytes.len(), |p| after + p + 1);
                self.pos = close;
                self.pending_end = Some(name.to_string());
                return;
            }
            i = at + 2;
        }
        self.unterminated = true;
        self.pos = bytes.len();
        self.pending_end = Some(name.to_string());
    }
}

impl Iterator for Tokenizer<'_> {
    type Item = Token;

    fn next(&mut self) -> Option<Token> {
        if let Some(name) = self.pending_end.take() {
            return Some(Token::End { name });
        }
        loop {
            let bytes = self.src.as_bytes();
            if self.pos >= bytes.len() {
                return None;
            }
            if bytes[self.pos] != b'<' || !starts_markup(&bytes[self.pos + 1..]) {
                return Some(self.text());
            }
            match bytes.get(self.pos + 1) {
                Some(b'!' | b'?') => self.skip_comment(),
                Some(b'/') if bytes.get(self.pos + 2) == Some(&b'>') => {
                    // `</>` is dropped.
                    self.pos += 3;
                }
                Some(b'/') if !bytes.get(self.pos + 2).is_some_and(u8::is_ascii_alphabetic) => {
                    // `</ …>` is a bogus comment.
                    self.skip_comment();
                }
                _ => {
                    if let Some(t) = self.tag() {
                        return Some(t);
                    }
                }
            }
        }
    }
}

/// Whether the bytes after a `<` start a tag, an end tag or a comment.
fn starts_markup(after: &[u8]) -> bool {
    match after.first() {
        Some(b) if b.is_ascii_alphabetic() => true,
        Some(b'!' | b'?') => true,
        Some(b'/') => after.len() > 1,
        _ => false,
    }
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// The first index of `needle` in `hay`.
pub(crate) fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let first = *needle.first()?;
    let mut i = 0;
    while i + needle.len() <= hay.len() {
        let off = hay[i..=hay.len() - needle.len()]
            .iter()
            .position(|&b| b == first)?;
        i += off;
        if &hay[i..i + needle.len()] == needle {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// Named character references that occur in reports and the pages around
/// them. Unknown names stay as written.
const ENTITIES: &[(&str, char)] = &[
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("nbsp", '\u{a0}'),
    ("ensp", '\u{2002}'),
    ("emsp", '\u{2003}'),
    ("thinsp", '\u{2009}'),
    ("zwnj", '\u{200c}'),
    ("zwj", '\u{200d}'),
    ("lrm", '\u{200e}'),
    ("rlm", '\u{200f}'),
    ("shy", '\u{ad}'),
    ("ndash", '–'),
    ("mdash", '—'),
    ("lsquo", '‘'),
    ("rsquo", '’'),
    ("sbquo", '‚'),
    ("ldquo", '“'),
    ("rdquo", '”'),
    ("bdquo", '„'),
    ("hellip", '…'),
    ("middot", '·'),
    ("bull", '•'),
    ("times", '×'),
    ("divide", '÷'),
    ("deg", '°'),
    ("plusmn", '±'),
    ("copy", '©'),
    ("reg", '®'),
    ("trade", '™'),
    ("sect", '§'),
    ("para", '¶'),
    ("yen", '¥'),
    ("cent", '¢'),
    ("pound", '£'),
    ("euro", '€'),
    ("laquo", '«'),
    ("raquo", '»'),
    ("lsaquo", '‹'),
    ("rsaquo", '›'),
    ("permil", '‰'),
    ("prime", '′'),
    ("Prime", '″'),
    ("larr", '←'),
    ("rarr", '→'),
    ("uarr", '↑'),
    ("darr", '↓'),
    ("harr", '↔'),
    ("le", '≤'),
    ("ge", '≥'),
    ("ne", '≠'),
    ("asymp", '≈'),
    ("infin", '∞'),
    ("minus", '−'),
    ("frac12", '½'),
    ("frac14", '¼'),
    ("frac34", '¾'),
    ("sup1", '¹'),
    ("sup2", '²'),
    ("sup3", '³'),
    ("micro", 'µ'),
    ("iexcl", '¡'),
    ("iquest", '¿'),
    ("acute", '´'),
    ("uml", '¨'),
    ("macr", '¯'),
    ("ordf", 'ª'),
    ("ordm", 'º'),
    ("not", '¬'),
    ("brvbar", '¦'),
    ("curren", '¤'),
    ("loz", '◊'),
    ("hearts", '♥'),
    ("radic", '√'),
    ("sum", '∑'),
    ("alpha", 'α'),
    ("beta", 'β'),
    ("mu", 'μ'),
    ("pi", 'π'),
];

/// Legacy references browsers decode without the `;`.
const NO_SEMICOLON: [&str; 7] = ["amp", "lt", "gt", "quot", "nbsp", "copy", "reg"];

/// Appends `s` to `out` with character references decoded.
pub fn decode_entities(s: &str, out: &mut String) {
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        match reference(rest) {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
}

/// The character a reference at the start of `s` (which starts with `&`)
/// stands for, and the reference's length in bytes.
fn reference(s: &str) -> Option<(char, usize)> {
    let b = s.as_bytes();
    if b.get(1) == Some(&b'#') {
        let (hex, start) = match b.get(2) {
            Some(b'x' | b'X') => (true, 3),
            _ => (false, 2),
        };
        let mut i = start;
        let mut n: u32 = 0;
        while i < b.len() && i - start < 10 {
            let d = match (hex, b[i]) {
                (_, c @ b'0'..=b'9') => u32::from(c - b'0'),
                (true, c @ b'a'..=b'f') => u32::from(c - b'a' + 10),
                (true, c @ b'A'..=b'F') => u32::from(c - b'A' + 10),
                _ => break,
            };
            n = n
                .saturating_mul(if hex { 16 } else { 10 })
                .saturating_add(d);
            i += 1;
        }
        if i == start {
            return None;
        }
        // Skip any further digits of an absurdly long number.
        while i < b.len() && (b[i].is_ascii_digit() || hex && b[i].is_ascii_hexdigit()) {
            i += 1;
        }
        if b.get(i) == Some(&b';') {
            i += 1;
        }
        return Some((numeric_char(n), i));
    }
    let name_len = b[1..]
        .iter()
        .take(32)
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    if name_len == 0 {
        return None;
    }
    let name = &s[1..1 + name_len];
    let with_semicolon = b.get(1 + name_len) == Some(&b';');
    let lookup = |n: &str| ENTITIES.iter().find(|(e, _)| *e == n).map(|&(_, c)| c);
    if with_semicolon && let Some(c) = lookup(name) {
        return Some((c, name_len + 2));
    }
    // `&nbsp` without `;`, also as the prefix of a longer run (`&nbspx`).
    for legacy in NO_SEMICOLON {
        if name.starts_with(legacy) {
            return Some((lookup(legacy)?, legacy.len() + 1));
        }
    }
    None
}

/// The character of a numeric reference, with the replacements browsers make
/// (windows-1252 for 0x80–0x9F, U+FFFD for NUL, surrogates and out of range).
fn numeric_char(n: u32) -> char {
    const W1252: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match n {
        0 => '\u{fffd}',
        0x80..=0x9f => W1252[(n - 0x80) as usize],
        _ => char::from_u32(n).unwrap_or('\u{fffd}'),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(s: &str) -> Vec<Token> {
        Tokenizer::new(s).collect()
    }

    fn text(s: &str) -> String {
        tokens(s)
            .into_iter()
            .filter_map(|t| match t {
                Token::Text(t) => Some(t),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn tags_and_attributes() {
        let t = tokens("<TD colspan=2 rowspan='3' Style=\"a:b\" nowrap>x</td>");
        assert_eq!(
            t[0],
            Token::Start {
                name: "td".into(),
                attrs: vec![
                    ("colspan".into(), "2".into()),
                    ("rowspan".into(), "3".into()),
                    ("style".into(), "a:b".into()),
                    ("nowrap".into(), String::new()),
                ],
                self_closing: false
            }
        );
        assert_eq!(t[1], Token::Text("x".into()));
        assert_eq!(t[2], Token::End { name: "td".into() });
        assert!(
            matches!(&tokens("<o:p/>")[0], Token::Start { name, self_closing: true, .. } if name == "o:p")
        );
    }

    #[test]
    fn entities_decode() {
        assert_eq!(
            text("&lt;a&gt; &amp; &nbsp;&#20013;&#x6587;&#X6587;&quot;&copy&unknown; & &#;"),
            "<a> & \u{a0}中文文\"©&unknown; & &#;"
        );
        assert_eq!(
            text("&#150;&#0;&#xD800;&#99999999999;"),
            "–\u{fffd}\u{fffd}\u{fffd}"
        );
        assert_eq!(
            text("&ldquo;三安全一稳定&rdquo;&hellip;"),
            "“三安全一稳定”…"
        );
    }

    #[test]
    fn comments_and_conditionals() {
        assert_eq!(
            text("a<!--[if gte mso 9]><xml><w:x>no</w:x></xml><![endif]-->b"),
            "ab"
        );
        assert_eq!(
            text("<![if !supportLists]>1.<![endif]>二<!--[if !supportLists]-->3<!--[endif]-->"),
            "1.二3"
        );
        assert_eq!(text("<!DOCTYPE html><?xml x?>a<!---->b<!-->c"), "abc");
        let mut t = Tokenizer::new("a<!-- never closed <p>hidden");
        assert_eq!(t.by_ref().count(), 1);
        assert!(t.unterminated);
    }

    #[test]
    fn raw_text_is_skipped() {
        assert_eq!(
            text("<script>document.write('<p>x</p>');alert(1)</script >a<STYLE>p{}</style>b"),
            "ab"
        );
        assert_eq!(text("<title>t</title><textarea><b>y</b></textarea>c"), "c");
        let mut t = Tokenizer::new("<script>alert(1)");
        let all: Vec<_> = t.by_ref().collect();
        assert!(t.unterminated);
        assert!(!all.iter().any(|x| matches!(x, Token::Text(_))));
    }

    #[test]
    fn stray_lt_and_truncation() {
        assert_eq!(text("1 < 2 <= 3 <3"), "1 < 2 <= 3 <3");
        assert_eq!(text("a<b"), "a");
        assert_eq!(text("a<td class=\"x"), "a");
        assert_eq!(text("x</"), "x</");
    }
}
