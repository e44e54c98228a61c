//! Fonts: how the bytes of a shown string split into character codes, what
//! each code means in Unicode, and how wide its glyph is.
//!
//! - Type0 (composite) fonts: the code length comes from the encoding CMap —
//!   `Identity-H/V` (two bytes), an embedded CMap's `codespacerange`, or a
//!   predefined Chinese CMap by name (`UniGB-UCS2-H`, `UniGB-UTF16-H`,
//!   `GBK-EUC-H`, `GB-EUC-H`, …). Unicode comes from `/ToUnicode`, else from
//!   the CMap itself when its codes are Unicode (UCS2/UTF16) or GBK bytes
//!   (decoded by the host's legacy decoder, when there is one).
//! - Simple fonts (Type1, TrueType, Type3): one byte per code, Unicode from
//!   `/ToUnicode`, else `/Encoding` (a base encoding and `/Differences`).
//! - Widths: `/Widths` with `/FirstChar`, or `/W` and `/DW` (default 1000).

use super::file::File;
use super::lex::{Dict, Lexer, Obj, Tok};
use crate::read::LegacyDecoder;
use std::cell::RefCell;
use std::collections::HashMap;

/// Entries a ToUnicode CMap may define (a range of 65,536 codes is the most
/// any real CMap has; bigger ones are cut there).
const MAX_MAP_ENTRIES: usize = 1 << 18;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CodeText {
    /// Only `/ToUnicode` says what a code is.
    ToUnicodeOnly,
    /// Codes are UCS-2 / UTF-16BE code units.
    Utf16,
    /// Codes are UTF-8 bytes.
    Utf8,
    /// Codes are UTF-32.
    Utf32,
    /// Codes are GBK (or GB 2312) bytes.
    Gbk,
}

/// One range of a code space: codes of `len` bytes, each byte within the
/// corresponding bytes of `lo` and `hi`.
#[derive(Clone, Debug)]
struct CodeRange {
    len: usize,
    lo: [u8; 4],
    hi: [u8; 4],
}

impl CodeRange {
    fn new(lo: &[u8], hi: &[u8]) -> Option<Self> {
        if lo.len() != hi.len() || lo.is_empty() || lo.len() > 4 {
            return None;
        }
        let mut r = CodeRange {
            len: lo.len(),
            lo: [0; 4],
            hi: [0; 4],
        };
        r.lo[..lo.len()].copy_from_slice(lo);
        r.hi[..hi.len()].copy_from_slice(hi);
        Some(r)
    }

    fn matches(&self, bytes: &[u8]) -> bool {
        bytes.len() >= self.len
            && (0..self.len).all(|i| (self.lo[i]..=self.hi[i]).contains(&bytes[i]))
    }
}

/// A code read from a string.
#[derive(Clone, Debug, PartialEq)]
pub struct Code {
    pub code: u32,
    /// Its bytes (1–4).
    pub len: usize,
    /// What it reads as; `None` when the font does not say.
    pub text: Option<String>,
    /// Horizontal advance (vertical for vertical fonts) in text space for a
    /// font size of 1.
    pub width: f64,
    /// A single-byte code 32: word spacing applies.
    pub is_space_code: bool,
}

/// A font, ready to decode strings.
#[derive(Debug)]
pub struct Font {
    composite: bool,
    codespace: Vec<CodeRange>,
    to_unicode: HashMap<u64, String>,
    simple_encoding: Option<Box<[Option<char>; 256]>>,
    code_text: CodeText,
    /// Simple fonts: widths from FirstChar.
    first_char: u32,
    widths: Vec<f64>,
    missing_width: f64,
    /// CID fonts: widths by CID.
    cid_widths: HashMap<u32, f64>,
    /// Codes are CIDs (Identity CMaps): `/W` applies.
    identity: bool,
    pub vertical: bool,
    /// Glyph space to text space (1/1000, or Type3's FontMatrix).
    scale: f64,
    legacy_cache: RefCell<HashMap<u32, Option<String>>>,
    /// The font dictionary could not be read: no code has a known text.
    unknown: bool,
}

fn key(code: u32, len: usize) -> u64 {
    (len as u64) << 32 | u64::from(code)
}

impl Font {
    /// A font for strings shown with no usable font: one byte per code,
    /// Latin-1, 500 wide.
    pub fn fallback() -> Font {
        Font {
            composite: false,
            codespace: Vec::new(),
            to_unicode: HashMap::new(),
            simple_encoding: Some(Box::new(latin1_table())),
            code_text: CodeText::ToUnicodeOnly,
            first_char: 0,
            widths: Vec::new(),
            missing_width: 500.0,
            cid_widths: HashMap::new(),
            identity: false,
            vertical: false,
            scale: 0.001,
            legacy_cache: RefCell::new(HashMap::new()),
            unknown: false,
        }
    }

    /// A font whose dictionary is missing (a damaged or truncated file):
    /// one byte per code, none of them readable.
    pub fn unknown() -> Font {
        Font {
            unknown: true,
            ..Font::fallback()
        }
    }

    /// Reads a font dictionary.
    pub fn load(file: &File<'_>, dict: &Dict) -> Font {
        let mut font = Font::fallback();
        let subtype = file.get_in(dict, "Subtype");
        if let Obj::Stream(s) = file.get_in(dict, "ToUnicode")
            && let Ok(data) = file.decode_stream(&s)
        {
            let mut cs = Vec::new();
            parse_cmap(&data, &mut cs, &mut font.to_unicode);
        }
        if subtype.is_name("Type0") {
            font.composite = true;
            font.simple_encoding = None;
            font.load_composite(file, dict);
        } else {
            font.load_simple(file, dict, subtype.is_name("Type3"));
        }
        font
    }

    fn load_composite(&mut self, file: &File<'_>, dict: &Dict) {
        match file.get_in(dict, "Encoding") {
            Obj::Name(n) => self.predefined_cmap(&n),
            Obj::Stream(s) => {
                if let Ok(data) = file.decode_stream(&s) {
                    let mut ignored = HashMap::new();
                    parse_cmap(&data, &mut self.codespace, &mut ignored);
                }
                if let Obj::Name(n) = file.get_in(&s.dict, "CMapName") {
                    self.vertical = n.ends_with(b"-V");
                }
                if let Obj::Name(u) = file.get_in(&s.dict, "UseCMap")
                    && self.codespace.is_empty()
                {
                    self.predefined_cmap(&u);
                }
                self.identity = self.codespace.is_empty();
            }
            _ => self.predefined_cmap(b"Identity-H"),
        }
        if self.codespace.is_empty() {
            self.codespace
                .extend(CodeRange::new(&[0, 0], &[0xff, 0xff]));
        }
        let descendant = match file.get_in(dict, "DescendantFonts") {
            Obj::Array(a) => a.first().map(|d| file.resolve(d)),
            _ => None,
        };
        let Some(Obj::Dict(cid)) = descendant else {
            self.missing_width = 1000.0;
            return;
        };
        self.missing_width = file.get_in(&cid, "DW").as_f64().unwrap_or(1000.0);
        if let Obj::Array(w) = file.get_in(&cid, "W") {
            let w: Vec<Obj> = w.iter().map(|o| file.resolve(o)).collect();
            let mut i = 0;
            while i < w.len() && self.cid_widths.len() < MAX_MAP_ENTRIES {
                let Some(first) = w[i].as_i64() else { break };
                match w.get(i + 1) {
                    Some(Obj::Array(list)) => {
                        for (j, v) in list.iter().enumerate() {
                            if let (Some(v), Ok(c)) = (
                                file.resolve(v).as_f64(),
                                u32::try_from(first.saturating_add(j as i64)),
                            ) {
                                self.cid_widths.insert(c, v);
                            }
                        }
                        i += 2;
                    }
                    Some(last) => {
                        let (Some(last), Some(v)) =
                            (last.as_i64(), w.get(i + 2).and_then(Obj::as_f64))
                        else {
                            break;
                        };
                        let last = last.min(first.saturating_add(65_535));
                        for c in first..=last {
                            if let Ok(c) = u32::try_from(c) {
                                self.cid_widths.insert(c, v);
                            }
                        }
                        i += 3;
                    }
                    None => break,
                }
            }
        }
    }

    fn predefined_cmap(&mut self, name: &[u8]) {
        let name = String::from_utf8_lossy(name).into_owned();
        self.vertical = name.ends_with("-V");
        let r = |lo: &[u8], hi: &[u8]| CodeRange::new(lo, hi);
        let mut cs: Vec<Option<CodeRange>> = Vec::new();
        if name.starts_with("Identity") {
            self.identity = true;
            cs.push(r(&[0, 0], &[0xff, 0xff]));
        } else if name.contains("UCS2") {
            self.code_text = CodeText::Utf16;
            cs.push(r(&[0, 0], &[0xff, 0xff]));
        } else if name.contains("UTF16") {
            self.code_text = CodeText::Utf16;
            cs.push(r(&[0xd8, 0, 0xdc, 0], &[0xdb, 0xff, 0xdf, 0xff]));
            cs.push(r(&[0, 0], &[0xd7, 0xff]));
            cs.push(r(&[0xe0, 0], &[0xff, 0xff]));
        } else if name.contains("UTF8") {
            self.code_text = CodeText::Utf8;
            cs.push(r(&[0], &[0x7f]));
            cs.push(r(&[0xc0, 0x80], &[0xdf, 0xbf]));
            cs.push(r(&[0xe0, 0x80, 0x80], &[0xef, 0xbf, 0xbf]));
            cs.push(r(&[0xf0, 0x80, 0x80, 0x80], &[0xf7, 0xbf, 0xbf, 0xbf]));
        } else if name.contains("UTF32") {
            self.code_text = CodeText::Utf32;
            cs.push(r(&[0, 0, 0, 0], &[0, 0x10, 0xff, 0xff]));
        } else if name.starts_with("GBK") || name.starts_with("GBT") {
            // GBK-EUC-H, GBKp-EUC-H, GBK2K-H, GBT-EUC-H: GBK bytes.
            self.code_text = CodeText::Gbk;
            cs.push(r(&[0], &[0x80]));
            if name.starts_with("GBK2K") {
                cs.push(r(&[0x81, 0x30, 0x81, 0x30], &[0xfe, 0x39, 0xfe, 0x39]));
            }
            cs.push(r(&[0x81, 0x40], &[0xfe, 0xfe]));
        } else if name.starts_with("GB") {
            // GB-EUC-H, GBpc-EUC-H: EUC-CN (GB 2312), a subset of GBK.
            self.code_text = CodeText::Gbk;
            cs.push(r(&[0], &[0x80]));
            cs.push(r(&[0xa1, 0xa1], &[0xfe, 0xfe]));
        } else {
            cs.push(r(&[0, 0], &[0xff, 0xff]));
        }
        self.codespace = cs.into_iter().flatten().collect();
    }

    fn load_simple(&mut self, file: &File<'_>, dict: &Dict, type3: bool) {
        if type3
            && let Obj::Array(m) = file.get_in(dict, "FontMatrix")
            && let Some(a) = m.first().and_then(Obj::as_f64)
            && a.is_finite()
            && a.abs() < 10.0
        {
            self.scale = a.abs();
        }
        self.first_char = file
            .get_in(dict, "FirstChar")
            .as_i64()
            .and_then(|v| u32::try_from(v).ok())
            .unwrap_or(0)
            .min(255);
        if let Obj::Array(w) = file.get_in(dict, "Widths") {
            self.widths = w
                .iter()
                .take(256)
                .map(|o| file.resolve(o).as_f64().unwrap_or(0.0))
                .collect();
        }
        if let Obj::Dict(fd) = file.get_in(dict, "FontDescriptor")
            && let Some(m) = file.get_in(&fd, "MissingWidth").as_f64()
        {
            self.missing_width = m;
        }
        if type3 && self.widths.is_empty() {
            self.missing_width = 0.0;
        }
        let mut table = latin1_table();
        let (base, diffs) = match file.get_in(dict, "Encoding") {
            Obj::Name(n) => (Some(n), None),
            Obj::Dict(d) => (
                file.get_in(&d, "BaseEncoding")
                    .as_name()
                    .map(<[u8]>::to_vec),
                Some(file.get_in(&d, "Differences")),
            ),
            _ => (None, None),
        };
        if base.as_deref() != Some(b"MacRomanEncoding".as_slice()) {
            for (i, c) in WIN_ANSI_80.iter().enumerate() {
                table[0x80 + i] = *c;
            }
        }
        if let Some(Obj::Array(d)) = diffs {
            let mut code: i64 = 0;
            for o in d.iter().take(4096) {
                match file.resolve(o) {
                    Obj::Int(c) => code = c,
                    Obj::Name(n) => {
                        if let Ok(c) = usize::try_from(code)
                            && c < 256
                        {
                            table[c] = glyph_name_char(&n);
                        }
                        code = code.saturating_add(1);
                    }
                    _ => {}
                }
            }
        }
        self.simple_encoding = Some(Box::new(table));
    }

    /// Splits a shown string into codes.
    pub fn decode(&self, bytes: &[u8], legacy: Option<LegacyDecoder<'_>>) -> Vec<Code> {
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            let rest = &bytes[i..];
            let len = if self.composite {
                self.codespace
                    .iter()
                    .filter(|r| r.matches(rest))
                    .map(|r| r.len)
                    .min()
                    .or_else(|| self.codespace.iter().map(|r| r.len).min())
                    .unwrap_or(2)
                    .min(rest.len())
            } else {
                1
            };
            let code_bytes = &rest[..len];
            let code = code_bytes
                .iter()
                .fold(0u32, |acc, &b| acc << 8 | u32::from(b));
            let text = self.text_of(code, code_bytes, legacy);
            let width = self.width_of(code, len, text.as_deref());
            out.push(Code {
                code,
                len,
                text,
                width,
                is_space_code: len == 1 && code == 32,
            });
            i += len.max(1);
        }
        out
    }

    fn text_of(
        &self,
        code: u32,
        bytes: &[u8],
        legacy: Option<LegacyDecoder<'_>>,
    ) -> Option<String> {
        if self.unknown {
            return None;
        }
        if let Some(t) = self.to_unicode.get(&key(code, bytes.len())) {
            return Some(t.clone());
        }
        if let Some(enc) = &self.simple_encoding {
            return enc.get(code as usize).copied().flatten().map(String::from);
        }
        match self.code_text {
            CodeText::ToUnicodeOnly => None,
            CodeText::Utf16 => {
                let units: Vec<u16> = bytes
                    .chunks(2)
                    .map(|c| u16::from(c[0]) << 8 | u16::from(*c.get(1).unwrap_or(&0)))
                    .collect();
                String::from_utf16(&units).ok()
            }
            CodeText::Utf8 => std::str::from_utf8(bytes).ok().map(str::to_string),
            CodeText::Utf32 => char::from_u32(code).map(String::from),
            CodeText::Gbk => {
                if bytes.len() == 1 {
                    return (code < 0x80).then(|| char::from(code as u8).to_string());
                }
                let legacy = legacy?;
                if let Some(t) = self.legacy_cache.borrow().get(&code) {
                    return t.clone();
                }
                let t = legacy(bytes).filter(|s| s.chars().count() == 1 && !s.contains('\u{fffd}'));
                self.legacy_cache.borrow_mut().insert(code, t.clone());
                t
            }
        }
    }

    fn width_of(&self, code: u32, len: usize, text: Option<&str>) -> f64 {
        let w = if self.composite {
            if self.identity {
                self.cid_widths
                    .get(&code)
                    .copied()
                    .unwrap_or(self.missing_width)
            } else if self.vertical {
                1000.0
            } else {
                // The CMap maps codes to CIDs we do not know: half width for
                // one-byte codes and ASCII, the default width for the rest.
                let ascii = len == 1 || text.is_some_and(|t| t.is_ascii());
                if ascii { 500.0 } else { self.missing_width }
            }
        } else {
            code.checked_sub(self.first_char)
                .and_then(|i| self.widths.get(i as usize))
                .copied()
                .unwrap_or(self.missing_width)
        };
        let w = if w.is_finite() { w } else { 0.0 };
        if self.vertical { 1.0 } else { w * self.scale }
    }

    /// The horizontal width (for layout) of a vertical font's glyph.
    pub fn vertical_glyph_width(&self, code: u32) -> f64 {
        self.cid_widths
            .get(&code)
            .copied()
            .unwrap_or(self.missing_width)
            * self.scale
    }
}

/// Parses a CMap: its code space ranges (into `codespace`) and its `bfchar`
/// and `bfrange` mappings (into `map`). Anything else is skipped.
fn parse_cmap(data: &[u8], codespace: &mut Vec<CodeRange>, map: &mut HashMap<u64, String>) {
    let mut lx = Lexer::new(data, 0);
    let mut ops = 0usize;
    while let Some(tok) = lx.next() {
        ops += 1;
        if ops > 4 * MAX_MAP_ENTRIES {
            return;
        }
        let Tok::Word(w) = tok else { continue };
        match w {
            b"begincodespacerange" => {
                while let (Some(Tok::Str(lo)), Some(Tok::Str(hi))) = (lx.next(), lx.next()) {
                    if codespace.len() < 256 {
                        codespace.extend(CodeRange::new(&lo, &hi));
                    }
                }
            }
            b"beginbfchar" => {
                while let Some(Tok::Str(src)) = lx.next() {
                    let Some(dst) = lx.next() else { break };
                    if src.is_empty() || src.len() > 4 || map.len() >= MAX_MAP_ENTRIES {
                        continue;
                    }
                    let text = match dst {
                        Tok::Str(d) => utf16_text(&d),
                        Tok::Name(n) => glyph_name_char(&n).map(String::from),
                        _ => None,
                    };
                    if let Some(t) = text {
                        map.insert(key(be(&src), src.len()), t);
                    }
                }
            }
            b"beginbfrange" => {
                while let (Some(Tok::Str(lo)), Some(Tok::Str(hi))) = (lx.next(), lx.next()) {
                    let Some(dst) = lx.next() else { break };
                    if lo.is_empty() || lo.len() > 4 || lo.len() != hi.len() {
                        continue;
                    }
                    let (a, b) = (be(&lo), be(&hi));
                    let b = b.min(a.saturating_add(65_535));
                    match dst {
                        Tok::Str(d) => {
                            for (i, code) in (a..=b).enumerate() {
                                if map.len() >= MAX_MAP_ENTRIES {
                                    break;
                                }
                                if let Some(t) = utf16_text(&add_to_last(&d, i as u32)) {
                                    map.insert(key(code, lo.len()), t);
                                }
                            }
                        }
                        Tok::ArrayOpen => {
                            let mut code = a;
                            loop {
                                match lx.next() {
                                    Some(Tok::Str(d)) => {
                                        if code <= b
                                            && map.len() < MAX_MAP_ENTRIES
                                            && let Some(t) = utf16_text(&d)
                                        {
                                            map.insert(key(code, lo.len()), t);
                                        }
                                        code = code.saturating_add(1);
                                    }
                                    Some(Tok::ArrayClose) | None => break,
                                    Some(_) => {}
                                }
                            }
                        }
                        _ => break,
                    }
                }
            }
            _ => {}
        }
    }
}

fn be(b: &[u8]) -> u32 {
    b.iter().fold(0u32, |acc, &x| acc << 8 | u32::from(x))
}

/// A bfrange destination plus `n`: the last UTF-16 unit incremented.
fn add_to_last(d: &[u8], n: u32) -> Vec<u8> {
    let mut out = d.to_vec();
    if out.len() >= 2 {
        let i = out.len() - 2;
        let v = (u32::from(out[i]) << 8 | u32::from(out[i + 1])).wrapping_add(n);
        out[i] = (v >> 8) as u8;
        out[i + 1] = v as u8;
    } else if let Some(last) = out.last_mut() {
        *last = last.wrapping_add(n as u8);
    }
    out
}

/// UTF-16BE (with surrogates; several characters for ligatures) to text.
/// A single byte is taken as Latin-1.
fn utf16_text(d: &[u8]) -> Option<String> {
    if d.len() == 1 {
        return Some(char::from(d[0]).to_string());
    }
    let units: Vec<u16> = d
        .chunks(2)
        .map(|c| u16::from(c[0]) << 8 | u16::from(*c.get(1).unwrap_or(&0)))
        .collect();
    let s: String = char::decode_utf16(units)
        .map(|r| r.unwrap_or('\u{fffd}'))
        .collect();
    (!s.is_empty()).then_some(s)
}

fn latin1_table() -> [Option<char>; 256] {
    let mut t = [None; 256];
    for (i, c) in t.iter_mut().enumerate() {
        if i >= 0x20 && i != 0x7f {
            *c = char::from_u32(i as u32);
        }
    }
    t
}

/// WinAnsiEncoding 0x80–0x9F.
const WIN_ANSI_80: [Option<char>; 32] = [
    Some('€'),
    None,
    Some('‚'),
    Some('ƒ'),
    Some('„'),
    Some('…'),
    Some('†'),
    Some('‡'),
    Some('ˆ'),
    Some('‰'),
    Some('Š'),
    Some('‹'),
    Some('Œ'),
    None,
    Some('Ž'),
    None,
    None,
    Some('‘'),
    Some('’'),
    Some('“'),
    Some('”'),
    Some('•'),
    Some('–'),
    Some('—'),
    Some('˜'),
    Some('™'),
    Some('š'),
    Some('›'),
    Some('œ'),
    None,
    Some('ž'),
    Some('Ÿ'),
];

/// Glyph names of the Adobe Glyph List that reports use, and `uniXXXX`,
/// `uXXXX[XX]`.
pub fn glyph_name_char(name: &[u8]) -> Option<char> {
    let name = std::str::from_utf8(name).ok()?;
    let base = name.split('.').next().unwrap_or(name);
    if base.len() == 1 {
        let c = base.chars().next()?;
        return c.is_ascii_alphabetic().then_some(c);
    }
    if let Some(hex) = base.strip_prefix("uni")
        && hex.len() >= 4
    {
        return u32::from_str_radix(hex.get(..4)?, 16)
            .ok()
            .and_then(char::from_u32);
    }
    if let Some(hex) = base.strip_prefix('u')
        && (4..=6).contains(&hex.len())
        && hex.chars().all(|c| c.is_ascii_hexdigit())
    {
        return u32::from_str_radix(hex, 16).ok().and_then(char::from_u32);
    }
    const NAMES: &[(&str, char)] = &[
        ("space", ' '),
        ("exclam", '!'),
        ("quotedbl", '"'),
        ("numbersign", '#'),
        ("dollar", '$'),
        ("percent", '%'),
        ("ampersand", '&'),
        ("quotesingle", '\''),
        ("quoteright", '’'),
        ("parenleft", '('),
        ("parenright", ')'),
        ("asterisk", '*'),
        ("plus", '+'),
        ("comma", ','),
        ("hyphen", '-'),
        ("period", '.'),
        ("slash", '/'),
        ("zero", '0'),
        ("one", '1'),
        ("two", '2'),
        ("three", '3'),
        ("four", '4'),
        ("five", '5'),
        ("six", '6'),
        ("seven", '7'),
        ("eight", '8'),
        ("nine", '9'),
        ("colon", ':'),
        ("semicolon", ';'),
        ("less", '<'),
        ("equal", '='),
        ("greater", '>'),
        ("question", '?'),
        ("at", '@'),
        ("bracketleft", '['),
        ("backslash", '\\'),
        ("bracketright", ']'),
        ("asciicircum", '^'),
        ("underscore", '_'),
        ("grave", '`'),
        ("quoteleft", '‘'),
        ("braceleft", '{'),
        ("bar", '|'),
        ("braceright", '}'),
        ("asciitilde", '~'),
        ("bullet", '•'),
        ("endash", '–'),
        ("emdash", '—'),
        ("quotedblleft", '“'),
        ("quotedblright", '”'),
        ("ellipsis", '…'),
        ("periodcentered", '·'),
        ("degree", '°'),
        ("multiply", '×'),
        ("divide", '÷'),
        ("minus", '−'),
        ("nbspace", '\u{a0}'),
        ("copyright", '©'),
        ("registered", '®'),
        ("section", '§'),
        ("yen", '¥'),
        ("Euro", '€'),
        ("fi", '\u{fb01}'),
        ("fl", '\u{fb02}'),
    ];
    NAMES.iter().find(|(n, _)| *n == base).map(|&(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tounicode_cmap() {
        let cmap = b"1 begincodespacerange <0000> <FFFF> endcodespacerange
2 beginbfchar <0003> <0020> <0010> <D835DC00> endbfchar
2 beginbfrange <0020> <0022> <4E00> <0030> <0031> [<0066006C> <00410042>] endbfrange";
        let mut cs = Vec::new();
        let mut map = HashMap::new();
        parse_cmap(cmap, &mut cs, &mut map);
        assert_eq!(cs.len(), 1);
        assert_eq!(map[&key(3, 2)], " ");
        assert_eq!(map[&key(0x10, 2)], "\u{1d400}");
        assert_eq!(map[&key(0x22, 2)], "\u{4e02}");
        assert_eq!(map[&key(0x30, 2)], "fl");
        assert_eq!(map[&key(0x31, 2)], "AB");
    }

    #[test]
    fn glyph_names() {
        assert_eq!(glyph_name_char(b"uni4E2D"), Some('中'));
        assert_eq!(glyph_name_char(b"zero"), Some('0'));
        assert_eq!(glyph_name_char(b"a.sc"), Some('a'));
        assert_eq!(glyph_name_char(b"g123"), None);
    }

    #[test]
    fn predefined_cmaps_split_codes() {
        let mut f = Font::fallback();
        f.composite = true;
        f.simple_encoding = None;
        f.predefined_cmap(b"GBK-EUC-H");
        let gbk = |b: &[u8]| (b == [0xd6, 0xd0]).then(|| "中".to_string());
        let codes = f.decode(&[b'1', 0xd6, 0xd0], Some(&gbk));
        assert_eq!(codes.len(), 2);
        assert_eq!(codes[0].text.as_deref(), Some("1"));
        assert_eq!(codes[1].text.as_deref(), Some("中"));
        assert_eq!(codes[1].len, 2);
        f.predefined_cmap(b"UniGB-UTF16-H");
        f.code_text = CodeText::Utf16;
        let codes = f.decode(&[0x4e, 0x2d, 0xd8, 0x40, 0xdc, 0x00], None);
        assert_eq!(codes.len(), 2);
        assert_eq!(codes[1].text.as_deref(), Some("\u{20000}"));
    }
}
