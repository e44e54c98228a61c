//! The file structure: cross-reference tables and streams, incremental
//! updates, object streams, and a scan of the whole file for `n g obj` when
//! the cross-reference data is missing or wrong.

use super::filter::{self, Budget, FilterError};
use super::lex::{Dict, Lexer, Obj, Stream, SyntaxError, Tok, find, is_white, rfind};
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

/// More objects than any report has.
pub const MAX_OBJECTS: usize = 1_000_000;
/// Revisions (`/Prev` links) followed.
const MAX_REVISIONS: usize = 256;

/// Why the file cannot be read at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileError {
    Corrupt(String),
    Encrypted,
    TooComplex(String),
}

impl From<FilterError> for FileError {
    fn from(e: FilterError) -> Self {
        match e {
            FilterError::TooLarge(m) => FileError::TooComplex(m),
            FilterError::Unsupported => FileError::Corrupt("不支持的压缩方式".to_string()),
        }
    }
}

#[derive(Clone, Copy, Debug)]
enum Entry {
    /// At this byte offset.
    At(usize),
    /// The `index`-th object of object stream `stream`.
    InStream { stream: u32, index: u32 },
}

/// A parsed object stream: its decoded data and where each object starts.
struct ObjStm {
    data: Rc<Vec<u8>>,
    offsets: Vec<(u32, usize)>,
}

/// An open PDF file.
pub struct File<'a> {
    data: &'a [u8],
    xref: HashMap<u32, Entry>,
    pub trailer: Dict,
    cache: RefCell<HashMap<u32, Obj>>,
    objstms: RefCell<HashMap<u32, Option<Rc<ObjStm>>>>,
    /// Objects found by scanning the file, built on the first failed lookup.
    scanned: RefCell<Option<HashMap<u32, usize>>>,
    pub budget: RefCell<Budget>,
    /// The cross-reference data was broken and the file was scanned instead.
    pub repaired: bool,
    /// An error that stops reading (a decompression bomb).
    pub fatal: RefCell<Option<FileError>>,
    /// Objects being resolved (reference cycles).
    resolving: RefCell<HashSet<u32>>,
    /// Where every `endstream` is, found once (streams whose `/Length` is
    /// wrong are cut there without scanning the file again each time).
    endstreams: RefCell<Option<Vec<usize>>>,
}

impl<'a> File<'a> {
    pub fn open(data: &'a [u8]) -> Result<Self, FileError> {
        let mut file = File {
            data,
            xref: HashMap::new(),
            trailer: Dict::default(),
            cache: RefCell::new(HashMap::new()),
            objstms: RefCell::new(HashMap::new()),
            scanned: RefCell::new(None),
            budget: RefCell::new(Budget::default()),
            repaired: false,
            fatal: RefCell::new(None),
            resolving: RefCell::new(HashSet::new()),
            endstreams: RefCell::new(None),
        };
        let ok = file.load_xref_chain();
        if let Some(e) = file.fatal.borrow_mut().take() {
            return Err(e);
        }
        let has_root = ok
            && file.trailer.get("Root").is_some_and(|r| {
                file.resolve(r)
                    .as_dict()
                    .is_some_and(|d| d.get("Pages").is_some())
            });
        if !has_root {
            file.repair()?;
        }
        if let Some(e) = file.fatal.borrow_mut().take() {
            return Err(e);
        }
        if file.trailer.get("Encrypt").is_some_and(|e| *e != Obj::Null) {
            return Err(FileError::Encrypted);
        }
        Ok(file)
    }

    /// Reads the cross-reference sections from `startxref` back through
    /// `/Prev`; sections read first (the newest) win.
    fn load_xref_chain(&mut self) -> bool {
        let tail_start = self.data.len().saturating_sub(2048);
        let Some(sx) = rfind(self.data.get(tail_start..).unwrap_or(&[]), b"startxref") else {
            return false;
        };
        let mut lx = Lexer::new(self.data, tail_start + sx + 9);
        let Some(Tok::Int(mut offset)) = lx.next() else {
            return false;
        };
        let mut seen = HashSet::new();
        let mut first = true;
        while seen.len() < MAX_REVISIONS {
            let Ok(off) = usize::try_from(offset) else {
                return false;
            };
            if !seen.insert(off) {
                break;
            }
            let Some(trailer) = self.read_xref_section(off) else {
                return false;
            };
            if self.xref.len() > MAX_OBJECTS {
                *self.fatal.borrow_mut() = Some(too_many_objects());
                return false;
            }
            // A hybrid file: the table's trailer points at a stream too.
            if let Some(stm) = trailer.get("XRefStm").and_then(Obj::as_i64)
                && let Ok(stm) = usize::try_from(stm)
                && seen.insert(stm)
            {
                self.read_xref_section(stm);
            }
            let prev = trailer.get("Prev").and_then(Obj::as_i64);
            if first {
                self.trailer = trailer;
                first = false;
            } else {
                for (k, v) in trailer.0 {
                    if self.trailer.get_key(&k).is_none() {
                        self.trailer.0.push((k, v));
                    }
                }
            }
            match prev {
                Some(p) => offset = p,
                None => break,
            }
        }
        !first
    }

    /// One section: a table with its trailer, or a cross-reference stream.
    /// Returns the trailer dictionary.
    fn read_xref_section(&mut self, off: usize) -> Option<Dict> {
        let mut lx = Lexer::new(self.data, off);
        lx.skip_ws();
        if self.data.get(lx.pos..)?.starts_with(b"xref") {
            lx.pos += 4;
            return self.read_xref_table(&mut lx);
        }
        // A cross-reference stream: `n g obj << … >> stream`.
        let (_, obj) = self.parse_indirect_at(off)?;
        let Obj::Stream(s) = obj else { return None };
        if !s.dict.get("Type").is_some_and(|t| t.is_name("XRef")) {
            return None;
        }
        let data = self.decode_stream(&s).ok()?;
        let w: Vec<usize> = s
            .dict
            .get("W")?
            .as_array()?
            .iter()
            .map(|o| o.as_i64().unwrap_or(0).clamp(0, 8) as usize)
            .collect();
        if w.len() < 3 {
            return None;
        }
        let size = s.dict.get("Size").and_then(Obj::as_i64).unwrap_or(0);
        let index: Vec<i64> = match s.dict.get("Index").and_then(Obj::as_array) {
            Some(a) => a.iter().filter_map(Obj::as_i64).collect(),
            None => vec![0, size],
        };
        let row = w[0] + w[1] + w[2];
        if row == 0 {
            return Some(s.dict.clone());
        }
        let mut rows = data.chunks_exact(row);
        for pair in index.chunks_exact(2) {
            let (start, count) = (pair[0], pair[1]);
            if start < 0 || count < 0 || count > MAX_OBJECTS as i64 {
                break;
            }
            for i in 0..count {
                let Some(r) = rows.next() else { break };
                let field = |a: usize, n: usize| {
                    r.get(a..a + n)
                        .unwrap_or(&[])
                        .iter()
                        .fold(0u64, |acc, &b| acc << 8 | u64::from(b))
                };
                let kind = if w[0] == 0 { 1 } else { field(0, w[0]) };
                let f2 = field(w[0], w[1]);
                let f3 = field(w[0] + w[1], w[2]);
                let Ok(num) = u32::try_from(start.saturating_add(i)) else {
                    break;
                };
                let entry = match kind {
                    1 => usize::try_from(f2).ok().map(Entry::At),
                    2 => Some(Entry::InStream {
                        stream: u32::try_from(f2).ok()?,
                        index: u32::try_from(f3).ok()?,
                    }),
                    _ => None,
                };
                if let Some(e) = entry {
                    self.xref.entry(num).or_insert(e);
                }
                if self.xref.len() > MAX_OBJECTS {
                    return None;
                }
            }
        }
        Some(s.dict.clone())
    }

    fn read_xref_table(&mut self, lx: &mut Lexer<'a>) -> Option<Dict> {
        loop {
            let save = lx.pos;
            match lx.next()? {
                Tok::Word(b"trailer") => {
                    let t = lx.object(true).ok()?;
                    return t.as_dict().cloned();
                }
                Tok::Int(start) => {
                    let Some(Tok::Int(count)) = lx.next() else {
                        return None;
                    };
                    if start < 0 || !(0..=MAX_OBJECTS as i64).contains(&count) {
                        return None;
                    }
                    for i in 0..count {
                        lx.skip_ws();
                        let line = lx.data.get(lx.pos..)?;
                        // `oooooooooo ggggg n` — parse leniently by tokens.
                        let mut t = Lexer::new(line, 0);
                        let (Some(Tok::Int(off)), Some(Tok::Int(_gen)), Some(Tok::Word(kind))) =
                            (t.next(), t.next(), t.next())
                        else {
                            return None;
                        };
                        lx.pos += t.pos;
                        let num = u32::try_from(start.saturating_add(i)).ok()?;
                        if kind == b"n" && off > 0 {
                            self.xref
                                .entry(num)
                                .or_insert(Entry::At(usize::try_from(off).ok()?));
                        }
                        if self.xref.len() > MAX_OBJECTS {
                            return None;
                        }
                    }
                }
                _ => {
                    lx.pos = save;
                    return None;
                }
            }
        }
    }

    /// Rebuilds the object table by scanning the file for `n g obj`, and the
    /// trailer from the last trailer or cross-reference stream found.
    fn repair(&mut self) -> Result<(), FileError> {
        self.repaired = true;
        let scanned = scan_objects(self.data)?;
        let mut trailer: Option<Dict> = None;
        // Trailers of tables.
        let mut from = 0;
        while let Some(p) = find(self.data, b"trailer", from) {
            from = p + 7;
            if let Ok(Obj::Dict(d)) = Lexer::new(self.data, from).object(true)
                && d.get("Root").is_some()
            {
                trailer = Some(d);
            }
        }
        self.xref = scanned.iter().map(|(&n, &o)| (n, Entry::At(o))).collect();
        *self.scanned.borrow_mut() = Some(scanned.clone());
        self.cache.borrow_mut().clear();
        // Objects in object streams, and cross-reference streams' trailers.
        let mut nums: Vec<(u32, usize)> = scanned.into_iter().collect();
        nums.sort_by_key(|&(_, o)| o);
        let mut catalog = None;
        for &(num, off) in &nums {
            let head = self
                .data
                .get(off..(off + 300).min(self.data.len()))
                .unwrap_or(&[]);
            let has = |k: &[u8]| find(head, k, 0).is_some();
            if has(b"/ObjStm") {
                if let Some(stm) = self.objstm(num) {
                    for (i, &(n, _)) in stm.offsets.iter().enumerate() {
                        self.xref.entry(n).or_insert(Entry::InStream {
                            stream: num,
                            index: i as u32,
                        });
                    }
                }
            } else if has(b"/XRef")
                && let Some(Obj::Stream(s)) = self.parse_indirect_at(off).map(|x| x.1)
                && s.dict.get("Root").is_some()
            {
                trailer = Some(s.dict.clone());
            }
            if has(b"/Catalog") {
                catalog = Some(num);
            }
            if self.xref.len() > MAX_OBJECTS {
                return Err(too_many_objects());
            }
        }
        if let Some(e) = self.fatal.borrow_mut().take() {
            return Err(e);
        }
        let mut trailer = trailer.unwrap_or_default();
        let root_ok = trailer.get("Root").is_some_and(|r| {
            self.resolve(r)
                .as_dict()
                .is_some_and(|d| d.get("Pages").is_some())
        });
        if !root_ok {
            // Look for the catalog among objects in object streams too.
            if catalog.is_none() {
                let nums: Vec<u32> = self.xref.keys().copied().collect();
                catalog = nums.into_iter().find(|&n| {
                    self.get(n)
                        .as_dict()
                        .is_some_and(|d| d.get("Type").is_some_and(|t| t.is_name("Catalog")))
                });
            }
            if let Some(c) = catalog {
                trailer.0.retain(|(k, _)| k.as_slice() != b"Root");
                trailer.0.push((b"Root".to_vec(), Obj::Ref(c, 0)));
            }
        }
        // Keep an /Encrypt seen anywhere.
        if trailer.get("Encrypt").is_none()
            && self.trailer.get("Encrypt").is_some()
            && let Some(e) = self.trailer.get("Encrypt").cloned()
        {
            trailer.0.push((b"Encrypt".to_vec(), e));
        }
        self.trailer = trailer;
        Ok(())
    }

    /// Parses `n g obj <object>` at `off`.
    fn parse_indirect_at(&self, off: usize) -> Option<(u32, Obj)> {
        let mut lx = Lexer::new(self.data, off);
        let Some(Tok::Int(num)) = lx.next() else {
            return None;
        };
        let Some(Tok::Int(_)) = lx.next() else {
            return None;
        };
        let Some(Tok::Word(b"obj")) = lx.next() else {
            return None;
        };
        let num = u32::try_from(num).ok()?;
        let obj = match lx.object(true) {
            Ok(o) => o,
            Err(SyntaxError::TooDeep) => {
                return Some((num, Obj::Null));
            }
            Err(_) => return None,
        };
        let Obj::Dict(dict) = obj else {
            return Some((num, obj));
        };
        // `stream` follows the dictionary?
        if lx.next() != Some(Tok::Word(b"stream")) {
            return Some((num, Obj::Dict(dict)));
        }
        let mut start = lx.pos;
        if self.data.get(start) == Some(&b'\r') {
            start += 1;
        }
        if self.data.get(start) == Some(&b'\n') {
            start += 1;
        }
        let (raw, truncated) = self.stream_data(&dict, start);
        Some((
            num,
            Obj::Stream(Rc::new(Stream {
                dict,
                raw,
                truncated,
            })),
        ))
    }

    /// A stream's bytes from `start`: `/Length` when it ends at `endstream`,
    /// else up to the next `endstream`.
    fn stream_data(&self, dict: &Dict, start: usize) -> (Vec<u8>, bool) {
        if let Some(len) = dict.get("Length").and_then(|l| match l {
            Obj::Ref(..) => self.resolve_shallow(l),
            o => o.as_i64(),
        }) && let Ok(len) = usize::try_from(len)
            && let Some(end) = start.checked_add(len)
            && let Some(after) = self.data.get(end..)
        {
            let skip = after.iter().take(4).take_while(|&&b| is_white(b)).count();
            if after
                .get(skip..)
                .is_some_and(|a| a.starts_with(b"endstream"))
            {
                return (self.data[start..end].to_vec(), false);
            }
        }
        let next_end = {
            let mut index = self.endstreams.borrow_mut();
            let all = index.get_or_insert_with(|| {
                let mut v = Vec::new();
                let mut from = 0;
                while let Some(p) = find(self.data, b"endstream", from) {
                    v.push(p);
                    from = p + 9;
                }
                v
            });
            let i = all.partition_point(|&p| p < start);
            all.get(i).copied()
        };
        match next_end {
            Some(mut end) => {
                if end > start && self.data.get(end - 1) == Some(&b'\n') {
                    end -= 1;
                }
                if end > start && self.data.get(end - 1) == Some(&b'\r') {
                    end -= 1;
                }
                (self.data.get(start..end).unwrap_or(&[]).to_vec(), false)
            }
            None => (self.data.get(start..).unwrap_or(&[]).to_vec(), true),
        }
    }

    /// An indirect `/Length`: an integer object, read without recursion.
    fn resolve_shallow(&self, r: &Obj) -> Option<i64> {
        let Obj::Ref(num, _) = *r else { return None };
        if let Some(o) = self.cache.borrow().get(&num) {
            return o.as_i64();
        }
        match self.xref.get(&num)? {
            Entry::At(off) => {
                let mut lx = Lexer::new(self.data, *off);
                let (Some(Tok::Int(_)), Some(Tok::Int(_)), Some(Tok::Word(b"obj"))) =
                    (lx.next(), lx.next(), lx.next())
                else {
                    return None;
                };
                match lx.next()? {
                    Tok::Int(i) => Some(i),
                    _ => None,
                }
            }
            Entry::InStream { .. } => None,
        }
    }

    /// Decodes a stream's data; damage and bombs are recorded.
    pub fn decode_stream(&self, s: &Stream) -> Result<Vec<u8>, FilterError> {
        let mut budget = self.budget.borrow_mut();
        if s.truncated {
            budget.damaged = true;
        }
        let res = filter::decode(&s.dict, &s.raw, &mut budget, &|o| self.resolve(o));
        if let Err(FilterError::TooLarge(m)) = &res {
            let mut fatal = self.fatal.borrow_mut();
            if fatal.is_none() {
                *fatal = Some(FileError::TooComplex(m.clone()));
            }
        }
        res
    }

    /// The object numbered `num` (null when missing or unreadable).
    pub fn get(&self, num: u32) -> Obj {
        if let Some(o) = self.cache.borrow().get(&num) {
            return o.clone();
        }
        if !self.resolving.borrow_mut().insert(num) {
            return Obj::Null;
        }
        let obj = self.load(num).unwrap_or(Obj::Null);
        self.resolving.borrow_mut().remove(&num);
        let mut cache = self.cache.borrow_mut();
        if cache.len() < MAX_OBJECTS {
            cache.insert(num, obj.clone());
        }
        obj
    }

    fn load(&self, num: u32) -> Option<Obj> {
        match self.xref.get(&num).copied() {
            Some(Entry::At(off)) => match self.parse_indirect_at(off) {
                Some((n, o)) if n == num => Some(o),
                _ => self.load_scanned(num),
            },
            Some(Entry::InStream { stream, index }) => {
                let stm = self.objstm(stream)?;
                let &(n, off) = stm.offsets.get(index as usize)?;
                let off = if n == num {
                    off
                } else {
                    stm.offsets.iter().find(|e| e.0 == num)?.1
                };
                Lexer::new(&stm.data, off).object(true).ok()
            }
            None => self.load_scanned(num),
        }
    }

    /// Looks the object up by scanning the file (an offset was wrong).
    fn load_scanned(&self, num: u32) -> Option<Obj> {
        if self.scanned.borrow().is_none() {
            let s = scan_objects(self.data).unwrap_or_default();
            *self.scanned.borrow_mut() = Some(s);
        }
        let off = *self.scanned.borrow().as_ref()?.get(&num)?;
        match self.parse_indirect_at(off) {
            Some((n, o)) if n == num => Some(o),
            _ => None,
        }
    }

    fn objstm(&self, num: u32) -> Option<Rc<ObjStm>> {
        if let Some(s) = self.objstms.borrow().get(&num) {
            return s.clone();
        }
        // Mark first: an object stream that (indirectly) contains itself.
        self.objstms.borrow_mut().insert(num, None);
        let parsed = self.parse_objstm(num).map(Rc::new);
        self.objstms.borrow_mut().insert(num, parsed.clone());
        parsed
    }

    fn parse_objstm(&self, num: u32) -> Option<ObjStm> {
        let Obj::Stream(s) = self.get(num) else {
            return None;
        };
        let n = s.dict.get("N").and_then(Obj::as_i64)?;
        let first = usize::try_from(s.dict.get("First").and_then(Obj::as_i64)?).ok()?;
        if !(0..=MAX_OBJECTS as i64).contains(&n) {
            return None;
        }
        let data = self.decode_stream(&s).ok()?;
        let mut lx = Lexer::new(&data, 0);
        let mut offsets = Vec::new();
        for _ in 0..n {
            let (Some(Tok::Int(obj)), Some(Tok::Int(off))) = (lx.next(), lx.next()) else {
                break;
            };
            let (Ok(obj), Ok(off)) = (u32::try_from(obj), usize::try_from(off)) else {
                break;
            };
            offsets.push((obj, first.saturating_add(off)));
        }
        Some(ObjStm {
            data: Rc::new(data),
            offsets,
        })
    }

    /// Follows references (a few levels) to a direct object.
    pub fn resolve(&self, o: &Obj) -> Obj {
        let mut cur = o.clone();
        for _ in 0..16 {
            match cur {
                Obj::Ref(n, _) => cur = self.get(n),
                other => return other,
            }
        }
        Obj::Null
    }

    /// `dict[key]`, resolved.
    pub fn get_in(&self, d: &Dict, key: &str) -> Obj {
        d.get(key).map_or(Obj::Null, |o| self.resolve(o))
    }
}

impl Dict {
    fn get_key(&self, k: &[u8]) -> Option<&Obj> {
        self.0
            .iter()
            .find(|(key, _)| key.as_slice() == k)
            .map(|(_, v)| v)
    }
}

fn too_many_objects() -> FileError {
    FileError::TooComplex(format!("对象数量超过 {MAX_OBJECTS} 个"))
}

/// Every `n g obj` at the start of a line (or after white space), by number;
/// later definitions win.
fn scan_objects(data: &[u8]) -> Result<HashMap<u32, usize>, FileError> {
    let mut out = HashMap::new();
    let mut from = 0;
    while let Some(p) = find(data, b"obj", from) {
        from = p + 3;
        // Not `endobj`, and followed by a delimiter.
        if data
            .get(from)
            .is_some_and(|&b| !is_white(b) && !matches!(b, b'<' | b'[' | b'(' | b'/' | b'%'))
        {
            continue;
        }
        // Walk back over `g`, white space, `n`.
        let mut i = p;
        let back_ws = |i: &mut usize| {
            while *i > 0 && is_white(data[*i - 1]) {
                *i -= 1;
            }
        };
        let back_digits = |i: &mut usize| {
            let end = *i;
            while *i > 0 && data[*i - 1].is_ascii_digit() && end - *i < 10 {
                *i -= 1;
            }
            end - *i
        };
        back_ws(&mut i);
        if i == p || back_digits(&mut i) == 0 {
            continue;
        }
        let gen_start = i;
        back_ws(&mut i);
        if i == gen_start {
            continue;
        }
        let num_end = i;
        if back_digits(&mut i) == 0 {
            continue;
        }
        if i > 0 && !is_white(data[i - 1]) && !matches!(data[i - 1], b'>' | b']' | b')') {
            continue;
        }
        let Some(num) = std::str::from_utf8(&data[i..num_end])
            .ok()
            .and_then(|s| s.parse::<u32>().ok())
        else {
            continue;
        };
        out.insert(num, i);
        if out.len() > MAX_OBJECTS {
            return Err(too_many_objects());
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scan_finds_objects() {
        let data = b"%PDF-1.4\n1 0 obj\n<</A 1>>\nendobj\n2 0 obj<</B 2>>endobj\n1 0 obj\n<</A 3>>\nendobj\n";
        let s = scan_objects(data).unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s[&1], 55);
        assert_eq!(s[&2], 33);
    }
}
