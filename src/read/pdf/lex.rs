//! PDF tokens and objects: the syntax shared by the file structure and the
//! content streams. Parsing is bounded: nesting deeper than [`MAX_DEPTH`] is
//! an error (no recursion without a cap), strings and names are plain bytes.

use std::rc::Rc;

/// Arrays and dictionaries nested deeper than this are refused.
pub const MAX_DEPTH: usize = 64;

/// A PDF object. Streams keep their dictionary and raw (still encoded) bytes.
#[derive(Clone, Debug, PartialEq)]
pub enum Obj {
    Null,
    Bool(bool),
    Int(i64),
    Real(f64),
    Str(Vec<u8>),
    Name(Vec<u8>),
    Array(Vec<Obj>),
    Dict(Dict),
    Ref(u32, u16),
    Stream(Rc<Stream>),
}

/// A dictionary, in file order (small: a linear search is fastest).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Dict(pub Vec<(Vec<u8>, Obj)>);

impl Dict {
    pub fn get(&self, key: &str) -> Option<&Obj> {
        self.0
            .iter()
            .rev()
            .find(|(k, _)| k.as_slice() == key.as_bytes())
            .map(|(_, v)| v)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Stream {
    pub dict: Dict,
    pub raw: Vec<u8>,
    /// No `endstream` was found: the data runs to the end of the file.
    pub truncated: bool,
}

impl Obj {
    pub fn as_f64(&self) -> Option<f64> {
        match *self {
            Obj::Int(i) => Some(i as f64),
            Obj::Real(r) if r.is_finite() => Some(r),
            _ => None,
        }
    }

    pub fn as_i64(&self) -> Option<i64> {
        match *self {
            Obj::Int(i) => Some(i),
            Obj::Real(r) if r.is_finite() && r.abs() < 1e15 => Some(r as i64),
            _ => None,
        }
    }

    pub fn as_name(&self) -> Option<&[u8]> {
        match self {
            Obj::Name(n) => Some(n),
            _ => None,
        }
    }

    pub fn as_dict(&self) -> Option<&Dict> {
        match self {
            Obj::Dict(d) => Some(d),
            Obj::Stream(s) => Some(&s.dict),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Obj]> {
        match self {
            Obj::Array(a) => Some(a),
            _ => None,
        }
    }

    pub fn is_name(&self, name: &str) -> bool {
        self.as_name() == Some(name.as_bytes())
    }
}

pub fn is_white(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'\x0c' | b'\0')
}

pub fn is_delim(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

fn is_regular(b: u8) -> bool {
    !is_white(b) && !is_delim(b)
}

/// A token of PDF syntax.
#[derive(Clone, Debug, PartialEq)]
pub enum Tok<'a> {
    Int(i64),
    Real(f64),
    Str(Vec<u8>),
    Name(Vec<u8>),
    ArrayOpen,
    ArrayClose,
    DictOpen,
    DictClose,
    /// An operator or keyword (`obj`, `R`, `Tj`, `true`, …); also a stray
    /// delimiter, so that every byte makes progress.
    Word(&'a [u8]),
}

/// Why an object could not be parsed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SyntaxError {
    /// The input ended inside the object.
    Eof,
    /// Nested deeper than [`MAX_DEPTH`].
    TooDeep,
    /// Something that does not belong there.
    Unexpected,
}

/// A cursor over PDF bytes.
#[derive(Clone)]
pub struct Lexer<'a> {
    pub data: &'a [u8],
    pub pos: usize,
}

impl<'a> Lexer<'a> {
    pub fn new(data: &'a [u8], pos: usize) -> Self {
        Lexer { data, pos }
    }

    fn peek(&self) -> Option<u8> {
        self.data.get(self.pos).copied()
    }

    /// Skips white space and comments.
    pub fn skip_ws(&mut self) {
        while let Some(b) = self.peek() {
            if is_white(b) {
                self.pos += 1;
            } else if b == b'%' {
                while let Some(b) = self.peek() {
                    if b == b'\r' || b == b'\n' {
                        break;
                    }
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    /// The next token, or `None` at the end of the input.
    pub fn next(&mut self) -> Option<Tok<'a>> {
        self.skip_ws();
        let b = self.peek()?;
        let start = self.pos;
        match b {
            b'[' => {
                self.pos += 1;
                Some(Tok::ArrayOpen)
            }
            b']' => {
                self.pos += 1;
                Some(Tok::ArrayClose)
            }
            b'<' if self.data.get(start + 1) == Some(&b'<') => {
                self.pos += 2;
                Some(Tok::DictOpen)
            }
            b'>' if self.data.get(start + 1) == Some(&b'>') => {
                self.pos += 2;
                Some(Tok::DictClose)
            }
            b'<' => Some(Tok::Str(self.hex_string())),
            b'(' => Some(Tok::Str(self.literal_string())),
            b'/' => {
                self.pos += 1;
                Some(Tok::Name(self.name()))
            }
            b'+' | b'-' | b'.' | b'0'..=b'9' => {
                while self.peek().is_some_and(is_regular) {
                    self.pos += 1;
                }
                let word = &self.data[start..self.pos];
                Some(number(word).unwrap_or(Tok::Word(word)))
            }
            _ if is_regular(b) => {
                while self.peek().is_some_and(is_regular) {
                    self.pos += 1;
                }
                Some(Tok::Word(&self.data[start..self.pos]))
            }
            _ => {
                // A stray `)`, `>`, `{`, `}`.
                self.pos += 1;
                Some(Tok::Word(&self.data[start..self.pos]))
            }
        }
    }

    fn name(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        while let Some(b) = self.peek() {
            if !is_regular(b) {
                break;
            }
            self.pos += 1;
            if b == b'#' {
                let h = self.data.get(self.pos..self.pos + 2).and_then(hex_pair);
                if let Some(v) = h {
                    out.push(v);
                    self.pos += 2;
                    continue;
                }
            }
            out.push(b);
        }
        out
    }

    fn hex_string(&mut self) -> Vec<u8> {
        self.pos += 1;
        let mut out = Vec::new();
        let mut high: Option<u8> = None;
        while let Some(b) = self.peek() {
            self.pos += 1;
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

    fn literal_string(&mut self) -> Vec<u8> {
        self.pos += 1;
        let mut out = Vec::new();
        let mut depth = 1usize;
        while let Some(b) = self.peek() {
            self.pos += 1;
            match b {
                b'(' => {
                    depth += 1;
                    out.push(b);
                }
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                    out.push(b);
                }
                b'\\' => {
                    let Some(e) = self.peek() else { break };
                    self.pos += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'\r' => {
                            if self.peek() == Some(b'\n') {
                                self.pos += 1;
                            }
                        }
                        b'\n' => {}
                        b'0'..=b'7' => {
                            let mut v = u32::from(e - b'0');
                            for _ in 0..2 {
                                match self.peek() {
                                    Some(d @ b'0'..=b'7') => {
                                        v = v * 8 + u32::from(d - b'0');
                                        self.pos += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push(v as u8);
                        }
                        _ => out.push(e),
                    }
                }
                b'\r' => {
                    // An end of line in a string is read as \n.
                    if self.peek() == Some(b'\n') {
                        self.pos += 1;
                    }
                    out.push(b'\n');
                }
                _ => out.push(b),
            }
        }
        out
    }

    /// Parses one object. `allow_refs` reads `n g R` as a reference (file
    /// syntax); content streams have none.
    pub fn object(&mut self, allow_refs: bool) -> Result<Obj, SyntaxError> {
        let tok = self.next().ok_or(SyntaxError::Eof)?;
        self.object_from(tok, allow_refs, 0)
    }

    /// Parses the object that starts with `tok`.
    pub fn object_from(
        &mut self,
        tok: Tok<'a>,
        allow_refs: bool,
        depth: usize,
    ) -> Result<Obj, SyntaxError> {
        if depth > MAX_DEPTH {
            return Err(SyntaxError::TooDeep);
        }
        Ok(match tok {
            Tok::Int(i) => {
                if allow_refs && (0..=i64::from(u32::MAX)).contains(&i) {
                    let save = self.pos;
                    if let Some(Tok::Int(g)) = self.next()
                        && (0..=65535).contains(&g)
                        && let Some(Tok::Word(b"R")) = self.next()
                    {
                        return Ok(Obj::Ref(i as u32, g as u16));
                    }
                    self.pos = save;
                }
                Obj::Int(i)
            }
            Tok::Real(r) => Obj::Real(r),
            Tok::Str(s) => Obj::Str(s),
            Tok::Name(n) => Obj::Name(n),
            Tok::ArrayOpen => {
                let mut items = Vec::new();
                loop {
                    match self.next().ok_or(SyntaxError::Eof)? {
                        Tok::ArrayClose => break,
                        Tok::DictClose => return Err(SyntaxError::Unexpected),
                        Tok::Word(w) if is_keyword_end(w) => return Err(SyntaxError::Unexpected),
                        t => items.push(self.object_from(t, allow_refs, depth + 1)?),
                    }
                }
                Obj::Array(items)
            }
            Tok::DictOpen => {
                let mut entries = Vec::new();
                loop {
                    match self.next().ok_or(SyntaxError::Eof)? {
                        Tok::DictClose => break,
                        Tok::Name(key) => {
                            let t = self.next().ok_or(SyntaxError::Eof)?;
                            if t == Tok::DictClose {
                                // A key without a value: take it as null.
                                break;
                            }
                            if let Tok::Word(w) = t
                                && is_keyword_end(w)
                            {
                                return Err(SyntaxError::Unexpected);
                            }
                            let v = self.object_from(t, allow_refs, depth + 1)?;
                            entries.push((key, v));
                        }
                        Tok::Word(w) if is_keyword_end(w) => return Err(SyntaxError::Unexpected),
                        // Junk where a key should be: skip it.
                        _ => {}
                    }
                }
                Obj::Dict(Dict(entries))
            }
            Tok::Word(b"true") => Obj::Bool(true),
            Tok::Word(b"false") => Obj::Bool(false),
            Tok::Word(b"null") => Obj::Null,
            Tok::Word(_) | Tok::ArrayClose | Tok::DictClose => return Err(SyntaxError::Unexpected),
        })
    }
}

/// Keywords that end an object in the file: an unclosed array or dictionary
/// stops there instead of swallowing the rest of the file.
fn is_keyword_end(w: &[u8]) -> bool {
    matches!(
        w,
        b"endobj" | b"stream" | b"endstream" | b"obj" | b"xref" | b"trailer" | b"startxref"
    )
}

fn number(word: &[u8]) -> Option<Tok<'static>> {
    let s = std::str::from_utf8(word).ok()?;
    if !s.contains('.')
        && let Ok(i) = s.parse::<i64>()
    {
        return Some(Tok::Int(i));
    }
    // PDF reals have no exponent; some writers emit `--5` or `5-`: take what
    // parses, or 0 like most readers.
    let clean: String = s.chars().filter(|c| !matches!(c, 'e' | 'E')).collect();
    let v = clean.parse::<f64>().ok().or_else(|| {
        let t = clean.trim_start_matches(['+', '-']);
        let neg = clean.starts_with('-');
        let num: String = t
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        num.parse::<f64>().ok().map(|v| if neg { -v } else { v })
    });
    Some(Tok::Real(v.filter(|v| v.is_finite()).unwrap_or(0.0)))
}

pub fn hex_digit(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

fn hex_pair(p: &[u8]) -> Option<u8> {
    Some(hex_digit(*p.first()?)? << 4 | hex_digit(*p.get(1)?)?)
}

/// Finds `needle` in `hay` from `from`.
pub fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if needle.is_empty() || from >= hay.len() {
        return None;
    }
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// Finds the last `needle` in `hay`.
pub fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || needle.len() > hay.len() {
        return None;
    }
    hay.windows(needle.len()).rposition(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Result<Obj, SyntaxError> {
        Lexer::new(s.as_bytes(), 0).object(true)
    }

    #[test]
    fn objects() {
        assert_eq!(parse("12 0 R"), Ok(Obj::Ref(12, 0)));
        assert_eq!(parse("12 0"), Ok(Obj::Int(12)));
        assert_eq!(parse("-.5"), Ok(Obj::Real(-0.5)));
        assert_eq!(parse("(a\\(b\\)\\101)"), Ok(Obj::Str(b"a(b)A".to_vec())));
        assert_eq!(parse("<4E6F7>"), Ok(Obj::Str(vec![0x4e, 0x6f, 0x70])));
        assert_eq!(parse("/A#42"), Ok(Obj::Name(b"AB".to_vec())));
        let d = parse("<</Type/Page/Kids[1 0 R 2 0 R]/N null>>").unwrap();
        let d = d.as_dict().unwrap();
        assert!(d.get("Type").unwrap().is_name("Page"));
        assert_eq!(d.get("Kids").unwrap().as_array().unwrap().len(), 2);
    }

    #[test]
    fn depth_is_capped() {
        let deep = "[".repeat(100_000);
        assert_eq!(parse(&deep), Err(SyntaxError::TooDeep));
        let ok = format!("{}{}", "[".repeat(60), "]".repeat(60));
        assert!(parse(&ok).is_ok());
        assert_eq!(parse("[1 2"), Err(SyntaxError::Eof));
    }
}
