//! Stream filters: Flate (with PNG and TIFF predictors), LZW, ASCIIHex,
//! ASCII85 and RunLength. Every decoded byte is counted against a budget, so
//! a small file that inflates to gigabytes stops at the limit.

use super::lex::{Dict, Obj, hex_digit, is_white};
use std::io::Read;

/// The most one stream may decode to.
pub const MAX_STREAM_BYTES: usize = 64 * 1024 * 1024;
/// The most all streams of one file may decode to.
pub const MAX_TOTAL_BYTES: usize = 256 * 1024 * 1024;

/// Why a stream could not be decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FilterError {
    /// A filter nianbao does not decode (images: DCT, JPX, CCITT, JBIG2).
    Unsupported,
    /// Over a size limit: the message names it.
    TooLarge(String),
}

/// Bytes decoded so far in this file.
#[derive(Debug, Default)]
pub struct Budget {
    pub used: usize,
    /// Some stream was damaged and decoded only in part.
    pub damaged: bool,
}

impl Budget {
    fn limit(&self) -> usize {
        MAX_STREAM_BYTES.min(MAX_TOTAL_BYTES.saturating_sub(self.used))
    }

    fn take(&mut self, n: usize) -> Result<(), FilterError> {
        self.used = self.used.saturating_add(n);
        if self.used > MAX_TOTAL_BYTES {
            return Err(too_large_total());
        }
        Ok(())
    }
}

fn too_large_total() -> FilterError {
    FilterError::TooLarge(format!(
        "数据流解压后合计超过 {} MB",
        MAX_TOTAL_BYTES / 1_048_576
    ))
}

fn too_large_stream(limit: usize) -> FilterError {
    if limit < MAX_STREAM_BYTES {
        too_large_total()
    } else {
        FilterError::TooLarge(format!(
            "单个数据流解压后超过 {} MB",
            MAX_STREAM_BYTES / 1_048_576
        ))
    }
}

/// Decodes a stream's data through the filters its dictionary names.
/// `params` resolves indirect filter names and parameters.
pub fn decode(
    dict: &Dict,
    raw: &[u8],
    budget: &mut Budget,
    resolve: &dyn Fn(&Obj) -> Obj,
) -> Result<Vec<u8>, FilterError> {
    let filters = match dict.get("Filter").map(resolve) {
        None | Some(Obj::Null) => Vec::new(),
        Some(Obj::Array(a)) => a.iter().map(resolve).collect(),
        Some(o) => vec![o],
    };
    let params = match dict
        .get("DecodeParms")
        .or_else(|| dict.get("DP"))
        .map(resolve)
    {
        Some(Obj::Array(a)) => a.iter().map(resolve).collect(),
        Some(o) => vec![o],
        None => Vec::new(),
    };
    if filters.len() > 8 {
        return Err(FilterError::Unsupported);
    }
    let mut data: Option<Vec<u8>> = None;
    for (i, f) in filters.iter().enumerate() {
        let input: &[u8] = data.as_deref().unwrap_or(raw);
        let parms = params.get(i).and_then(Obj::as_dict);
        let limit = budget.limit();
        let out = match f.as_name().unwrap_or(b"") {
            b"FlateDecode" | b"Fl" => {
                let out = inflate(input, limit, budget)?;
                predict(out, parms, resolve)?
            }
            b"LZWDecode" | b"LZW" => {
                let early = parms
                    .and_then(|p| p.get("EarlyChange"))
                    .map(resolve)
                    .and_then(|o| o.as_i64())
                    .unwrap_or(1);
                let out = lzw(input, early != 0, limit)?;
                predict(out, parms, resolve)?
            }
            b"ASCIIHexDecode" | b"AHx" => ascii_hex(input),
            b"ASCII85Decode" | b"A85" => ascii85(input),
            b"RunLengthDecode" | b"RL" => run_length(input, limit)?,
            _ => return Err(FilterError::Unsupported),
        };
        budget.take(out.len())?;
        data = Some(out);
    }
    Ok(data.unwrap_or_else(|| raw.to_vec()))
}

/// Inflates zlib data (or raw deflate data, which some writers emit), up to
/// `limit` bytes. Damaged data yields what was decoded before the damage.
fn inflate(input: &[u8], limit: usize, budget: &mut Budget) -> Result<Vec<u8>, FilterError> {
    let first = read_limited(flate2::read::ZlibDecoder::new(input), limit)?;
    match first {
        (out, true) => Ok(out),
        (out, false) if !out.is_empty() => {
            budget.damaged = true;
            Ok(out)
        }
        _ => {
            let (out, ok) = read_limited(flate2::read::DeflateDecoder::new(input), limit)?;
            if !ok {
                budget.damaged = true;
            }
            Ok(out)
        }
    }
}

/// Reads all of `r` up to `limit` bytes; the flag says whether it ended cleanly.
fn read_limited(mut r: impl Read, limit: usize) -> Result<(Vec<u8>, bool), FilterError> {
    let mut out = Vec::new();
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        match r.read(&mut buf) {
            Ok(0) => return Ok((out, true)),
            Ok(n) => {
                if out.len() + n > limit {
                    return Err(too_large_stream(limit));
                }
                out.extend_from_slice(buf.get(..n).unwrap_or(&[]));
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return Ok((out, false)),
        }
    }
}

/// Undoes a PNG (10–15) or TIFF (2) predictor.
fn predict(
    data: Vec<u8>,
    parms: Option<&Dict>,
    resolve: &dyn Fn(&Obj) -> Obj,
) -> Result<Vec<u8>, FilterError> {
    let Some(p) = parms else { return Ok(data) };
    let int = |key: &str, default: i64| {
        p.get(key)
            .map(resolve)
            .and_then(|o| o.as_i64())
            .unwrap_or(default)
    };
    let predictor = int("Predictor", 1);
    if predictor < 2 {
        return Ok(data);
    }
    let colors = int("Colors", 1).clamp(1, 32) as usize;
    let bpc = int("BitsPerComponent", 8).clamp(1, 16) as usize;
    let columns = int("Columns", 1).clamp(1, 1 << 20) as usize;
    let bpp = (colors * bpc).div_ceil(8).max(1);
    // A row is never longer than the data (no huge buffers from a forged
    // /Columns).
    let row_len = (colors * bpc * columns).div_ceil(8).min(data.len().max(1));
    if predictor == 2 {
        if bpc != 8 {
            return Ok(data);
        }
        let mut data = data;
        for row in data.chunks_mut(row_len) {
            for i in bpp..row.len() {
                row[i] = row[i].wrapping_add(row[i - bpp]);
            }
        }
        return Ok(data);
    }
    let mut out = Vec::with_capacity(data.len());
    let mut prev = vec![0u8; row_len];
    for chunk in data.chunks(row_len + 1) {
        let Some((&kind, row)) = chunk.split_first() else {
            break;
        };
        let mut cur = row.to_vec();
        cur.resize(row_len, 0);
        for i in 0..row_len {
            let a = if i >= bpp { cur[i - bpp] } else { 0 };
            let b = prev[i];
            let c = if i >= bpp { prev[i - bpp] } else { 0 };
            cur[i] = match kind {
                1 => cur[i].wrapping_add(a),
                2 => cur[i].wrapping_add(b),
                3 => cur[i].wrapping_add(((u16::from(a) + u16::from(b)) / 2) as u8),
                4 => cur[i].wrapping_add(paeth(a, b, c)),
                _ => cur[i],
            };
        }
        out.extend_from_slice(&cur[..row.len().min(row_len)]);
        prev = cur;
    }
    Ok(out)
}

fn paeth(a: u8, b: u8, c: u8) -> u8 {
    let p = i16::from(a) + i16::from(b) - i16::from(c);
    let (pa, pb, pc) = (
        (p - i16::from(a)).abs(),
        (p - i16::from(b)).abs(),
        (p - i16::from(c)).abs(),
    );
    if pa <= pb && pa <= pc {
        a
    } else if pb <= pc {
        b
    } else {
        c
    }
}

fn ascii_hex(input: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(input.len() / 2);
    let mut high: Option<u8> = None;
    for &b in input {
        if b == b'>' {
            break;
        }
        let Some(v) = hex_digit(b) else { continue };
        match high.take() {
            Some(h) => out.push(h << 4 | v),
            None => high = Some(v),
        }
    }
    if let Some(h) = high {
        out.push(h << 4);
    }
    out
}

fn ascii85(input: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(input.len() * 4 / 5 + 4);
    let mut group = [0u8; 5];
    let mut n = 0;
    let body = input.strip_prefix(b"<~").unwrap_or(input);
    for &b in body {
        match b {
            b'~' => break,
            b'z' if n == 0 => out.extend_from_slice(&[0, 0, 0, 0]),
            b'!'..=b'u' => {
                group[n] = b - b'!';
                n += 1;
                if n == 5 {
                    out.extend_from_slice(&a85_word(&group).to_be_bytes());
                    n = 0;
                }
            }
            _ if is_white(b) => {}
            _ => {}
        }
    }
    if n > 1 {
        for g in group.iter_mut().skip(n) {
            *g = 84;
        }
        let bytes = a85_word(&group).to_be_bytes();
        out.extend_from_slice(&bytes[..n - 1]);
    }
    out
}

fn a85_word(g: &[u8; 5]) -> u32 {
    g.iter().fold(0u32, |acc, &d| {
        acc.wrapping_mul(85).wrapping_add(u32::from(d))
    })
}

fn run_length(input: &[u8], limit: usize) -> Result<Vec<u8>, FilterError> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(&len) = input.get(i) {
        if len == 128 {
            break;
        }
        if len < 128 {
            let n = usize::from(len) + 1;
            let end = (i + 1 + n).min(input.len());
            out.extend_from_slice(input.get(i + 1..end).unwrap_or(&[]));
            i = i + 1 + n;
        } else {
            let Some(&b) = input.get(i + 1) else { break };
            out.extend(std::iter::repeat_n(b, 257 - usize::from(len)));
            i += 2;
        }
        if out.len() > limit {
            return Err(too_large_stream(limit));
        }
    }
    Ok(out)
}

/// LZW as in TIFF and PDF (MSB first, codes 9–12 bits).
fn lzw(input: &[u8], early: bool, limit: usize) -> Result<Vec<u8>, FilterError> {
    let mut out: Vec<u8> = Vec::new();
    // Each table entry: (prefix code, last byte, length).
    let mut table: Vec<(u16, u8, u32)> = Vec::with_capacity(4096);
    let reset = |t: &mut Vec<(u16, u8, u32)>| {
        t.clear();
        for b in 0..=255u8 {
            t.push((u16::MAX, b, 1));
        }
        t.push((u16::MAX, 0, 0)); // 256 clear
        t.push((u16::MAX, 0, 0)); // 257 end
    };
    reset(&mut table);
    let mut width = 9u32;
    let mut acc: u32 = 0;
    let mut nbits = 0u32;
    let mut prev: Option<u16> = None;
    let mut buf: Vec<u8> = Vec::new();
    let mut bytes = input.iter();
    loop {
        while nbits < width {
            let Some(&b) = bytes.next() else {
                return Ok(out);
            };
            acc = (acc << 8) | u32::from(b);
            nbits += 8;
        }
        let code = ((acc >> (nbits - width)) & ((1 << width) - 1)) as u16;
        nbits -= width;
        acc &= (1u32 << nbits).wrapping_sub(1);
        match code {
            256 => {
                reset(&mut table);
                width = 9;
                prev = None;
                continue;
            }
            257 => return Ok(out),
            _ => {}
        }
        let known = usize::from(code) < table.len();
        let entry = if known {
            code
        } else if let Some(p) = prev
            && usize::from(code) == table.len()
        {
            p
        } else {
            return Ok(out);
        };
        // Spell out `entry`.
        buf.clear();
        let mut c = entry;
        while let Some(&(prefix, last, _)) = table.get(usize::from(c)) {
            buf.push(last);
            if prefix == u16::MAX {
                break;
            }
            c = prefix;
            if buf.len() > 4096 {
                return Ok(out);
            }
        }
        buf.reverse();
        let first = buf.first().copied().unwrap_or(0);
        if !known {
            buf.push(first);
        }
        out.extend_from_slice(&buf);
        if out.len() > limit {
            return Err(too_large_stream(limit));
        }
        if let Some(p) = prev
            && table.len() < 4096
        {
            let len = table.get(usize::from(p)).map_or(1, |e| e.2 + 1);
            table.push((p, first, len));
        }
        prev = Some(code);
        let next = table.len() + usize::from(early);
        width = if next >= 2048 {
            12
        } else if next >= 1024 {
            11
        } else if next >= 512 {
            10
        } else {
            9
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn dict(filter: &str) -> Dict {
        Dict(vec![(
            b"Filter".to_vec(),
            Obj::Name(filter.as_bytes().to_vec()),
        )])
    }

    fn id(o: &Obj) -> Obj {
        o.clone()
    }

    #[test]
    fn ascii_filters() {
        let mut b = Budget::default();
        assert_eq!(
            decode(&dict("ASCIIHexDecode"), b"48 65 6C6C6F>", &mut b, &id).unwrap(),
            b"Hello"
        );
        assert_eq!(
            decode(&dict("ASCII85Decode"), b"<~87cURDZ~>", &mut b, &id).unwrap(),
            b"Hello"
        );
    }

    #[test]
    fn lzw_example() {
        // The example of the PDF reference (7.4.4.2).
        let data = [0x80, 0x0B, 0x60, 0x50, 0x22, 0x0C, 0x0C, 0x85, 0x01];
        let out = lzw(&data, true, 1000).unwrap();
        assert_eq!(out, [45, 45, 45, 45, 45, 65, 45, 45, 45, 66]);
    }

    #[test]
    fn flate_bomb_stops_at_the_limit() {
        let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        let zeros = vec![0u8; 1 << 20];
        for _ in 0..70 {
            e.write_all(&zeros).unwrap();
        }
        let small = e.finish().unwrap();
        assert!(small.len() < 200_000);
        let mut b = Budget::default();
        let r = decode(&dict("FlateDecode"), &small, &mut b, &id);
        assert!(matches!(r, Err(FilterError::TooLarge(_))), "{r:?}");
    }

    #[test]
    fn png_up_predictor() {
        let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(&[2, 1, 2, 3, 2, 1, 1, 1]).unwrap();
        let data = e.finish().unwrap();
        let mut d = dict("FlateDecode");
        d.0.push((
            b"DecodeParms".to_vec(),
            Obj::Dict(Dict(vec![
                (b"Predictor".to_vec(), Obj::Int(12)),
                (b"Columns".to_vec(), Obj::Int(3)),
            ])),
        ));
        let mut b = Budget::default();
        assert_eq!(decode(&d, &data, &mut b, &id).unwrap(), [1, 2, 3, 2, 3, 4]);
    }
}
