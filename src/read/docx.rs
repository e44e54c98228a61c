//! Word documents (.docx): `word/document.xml` read as a stream of XML events
//! (no DOM) into a [`Document`] of paragraphs and tables.
//!
//! What is read is the text as it prints with all tracked changes accepted:
//! insertions and moved-to text are kept, deletions and moved-from text are
//! dropped (and counted in a note), a deleted paragraph mark joins its
//! paragraph to the next and a deleted table row disappears. Content controls
//! read as their content (a control still showing its placeholder reads as the
//! placeholder, as it prints), fields as their result (never the field code),
//! text boxes in place of their anchor (the DrawingML version, not the VML
//! fallback). Headers, footers, footnotes and comments are not read.
//!
//! Tables keep Word's grid: `gridSpan` becomes [`TableCell::col_span`], a
//! `vMerge` continuation [`TableCell::continued`], a row's `gridBefore`
//! [`TableCell::skip_before`] of its first cell. A table nested in a cell reads
//! as text in that cell (rows on lines, cells separated by tabs), except when
//! the outer table is only a frame (one column, holding tables, or a single
//! cell): its content is then read as if it stood outside it.
//!
//! Everything is bounded: the part is inflated through [`Archive`] with its
//! size limit, the element nesting is tracked on an explicit stack with a depth
//! cap (no recursion), and the counts of tables, paragraphs, rows and cells are
//! capped far above any report ([`ReadError::TooComplex`] past them).

use std::collections::HashMap;

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::{Namespace, ResolveResult};
use quick_xml::reader::NsReader;

use super::archive::Archive;
use super::document::{Block, Document, Paragraph, Table, TableCell};
use super::{Extracted, Format, ReadError};

/// The format's name in messages.
const FORMAT: &str = "Word 文档";

/// The most tables (nested ones included) a document may have. A report has 3.
pub const MAX_TABLES: usize = 2_000;
/// The most paragraphs (empty ones and those in cells included). A long
/// report has about a thousand.
pub const MAX_PARAGRAPHS: usize = 200_000;
/// The most cells one table may have. Table 三 has 175 value cells.
pub const MAX_CELLS_PER_TABLE: usize = 100_000;
/// The most cells all tables may have together.
pub const MAX_CELLS: usize = 300_000;
/// The most table rows in the whole document (each row becomes a line of up
/// to 64 grid positions when the text is written).
pub const MAX_ROWS: usize = 20_000;
/// The deepest element nesting read. Word's own documents stay below 40 even
/// with nested tables and content controls.
pub const MAX_DEPTH: usize = 256;
/// Page breaks beyond this many are not recorded as blocks (they carry no text).
const MAX_PAGE_BREAKS: usize = 10_000;
/// The largest `styles.xml` read for heading levels.
const MAX_STYLES_BYTES: u64 = 16 * 1024 * 1024;

const MAIN_PART: &str = "word/document.xml";

/// Reads a .docx file.
pub fn read(bytes: &[u8]) -> Result<Extracted, ReadError> {
    let mut archive = Archive::open(bytes, FORMAT)?;
    let (part, xml) = main_part(&mut archive)?;
    let styles_part = match part.rsplit_once('/') {
        Some((dir, _)) => format!("{dir}/styles.xml"),
        None => "styles.xml".to_string(),
    };
    // Styles only give heading levels: a missing or damaged styles part costs
    // nothing but those.
    let styles = match archive.read_limited(&styles_part, MAX_STYLES_BYTES) {
        Ok(Some(xml)) => Styles::parse(&xml),
        _ => Styles::default(),
    };
    let doc = parse_document(&xml, &part, &styles)?;
    Ok(doc.to_extracted(Format::Docx))
}

/// The main document part: `word/document.xml`, or wherever the package
/// relationships (`_rels/.rels`) point.
fn main_part(archive: &mut Archive) -> Result<(String, Vec<u8>), ReadError> {
    if let Some(xml) = archive.read(MAIN_PART)? {
        return Ok((MAIN_PART.to_string(), xml));
    }
    if let Ok(Some(rels)) = archive.read_limited("_rels/.rels", 1 << 20)
        && let Some(target) = office_document_target(&rels)
        && let Some(xml) = archive.read(&target)?
    {
        return Ok((target, xml));
    }
    Err(ReadError::Corrupt {
        format: FORMAT,
        detail: "压缩包中没有正文部分 word/document.xml（文件不完整，或不是 Word 文档）"
            .to_string(),
    })
}

/// The target of the `officeDocument` relationship in `_rels/.rels`.
fn office_document_target(rels: &[u8]) -> Option<String> {
    let mut reader = NsReader::from_reader(rels);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == b"Relationship" => {
                let ty = attr(&e, b"Type")?;
                if ty.ends_with(b"/officeDocument") {
                    let target = String::from_utf8(attr(&e, b"Target")?).ok()?;
                    return Some(target.trim_start_matches('/').to_string());
                }
            }
            Ok(Event::Eof) | Err(_) => return None,
            Ok(_) => {}
        }
    }
}

/// The raw value of the attribute whose local name is `local` (any prefix).
fn attr(e: &BytesStart, local: &[u8]) -> Option<Vec<u8>> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .map(|a| a.value.into_owned())
}

/// `w:val` as a number.
fn val_num(e: &BytesStart) -> Option<u32> {
    let v = attr(e, b"val")?;
    std::str::from_utf8(&v).ok()?.trim().parse().ok()
}

/// An on/off property (`<w:b/>`, `<w:b w:val="0"/>`).
fn val_on(e: &BytesStart) -> bool {
    match attr(e, b"val") {
        None => true,
        Some(v) => !matches!(v.as_slice(), b"0" | b"false" | b"off"),
    }
}

/// The namespaces the reader tells apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Ns {
    /// WordprocessingML (transitional or strict).
    W,
    /// Markup compatibility (`mc:AlternateContent`).
    Mc,
    /// Office math.
    M,
    Other,
}

fn ns_of(r: &ResolveResult) -> Ns {
    match r {
        ResolveResult::Bound(Namespace(uri)) => match *uri {
            b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"
            | b"http://purl.oclc.org/ooxml/wordprocessingml/main" => Ns::W,
            b"http://schemas.openxmlformats.org/markup-compatibility/2006" => Ns::Mc,
            b"http://schemas.openxmlformats.org/officeDocument/2006/math"
            | b"http://purl.oclc.org/ooxml/officeDocument/math" => Ns::M,
            _ => Ns::Other,
        },
        // A prefix never declared: trust the usual prefixes.
        ResolveResult::Unknown(p) => match p.as_slice() {
            b"w" => Ns::W,
            b"mc" => Ns::Mc,
            b"m" => Ns::M,
            _ => Ns::Other,
        },
        ResolveResult::Unbound => Ns::Other,
    }
}

/// Heading levels of paragraph styles, from `styles.xml`.
#[derive(Default)]
struct Styles {
    styles: HashMap<String, StyleInfo>,
}

#[derive(Default)]
struct StyleInfo {
    /// From the style's `outlineLvl` (0-based as written).
    outline: Option<u32>,
    /// From its name: 「heading 2」「标题 2」.
    named_level: Option<u8>,
    based_on: Option<String>,
}

impl Styles {
    /// Reads what it can; a damaged part yields the styles read before the damage.
    fn parse(xml: &[u8]) -> Styles {
        let mut reader = NsReader::from_reader(xml);
        let mut styles = HashMap::new();
        let mut current: Option<(String, StyleInfo)> = None;
        loop {
            let event = match reader.read_event() {
                Ok(Event::Eof) | Err(_) => break,
                Ok(e) => e,
            };
            match event {
                Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                    b"style" => {
                        if let Some((id, info)) = current.take() {
                            styles.insert(id, info);
                        }
                        let paragraph = attr(&e, b"type").is_none_or(|t| t == b"paragraph");
                        if let Some(id) = attr(&e, b"styleId").filter(|_| paragraph) {
                            current = Some((
                                String::from_utf8_lossy(&id).into_owned(),
                                StyleInfo::default(),
                            ));
                        }
                    }
                    b"name" => {
                        if let (Some((_, info)), Some(v)) = (&mut current, attr(&e, b"val")) {
                            info.named_level = heading_name_level(&String::from_utf8_lossy(&v));
                        }
                    }
                    b"basedOn" => {
                        if let (Some((_, info)), Some(v)) = (&mut current, attr(&e, b"val")) {
                            info.based_on = Some(String::from_utf8_lossy(&v).into_owned());
                        }
                    }
                    b"outlineLvl" => {
                        if let Some((_, info)) = &mut current {
                            info.outline = val_num(&e);
                        }
                    }
                    _ => {}
                },
                Event::End(e) if e.local_name().as_ref() == b"style" => {
                    if let Some((id, info)) = current.take() {
                        styles.insert(id, info);
                    }
                }
                _ => {}
            }
        }
        Styles { styles }
    }

    /// The heading level of a paragraph style, following `basedOn`.
    fn level(&self, id: &str) -> Option<u8> {
        if self.styles.is_empty() {
            return heading_name_level(id);
        }
        let mut id = id;
        for _ in 0..16 {
            let info = self.styles.get(id)?;
            if let Some(l) = info.outline {
                return outline_level(l);
            }
            if info.named_level.is_some() {
                return info.named_level;
            }
            id = info.based_on.as_deref()?;
        }
        None
    }
}

/// `outlineLvl` 0–8 is heading 1–9; 9 is body text.
fn outline_level(l: u32) -> Option<u8> {
    (l < 9).then(|| l as u8 + 1)
}

/// 「heading 1」「Heading1」「标题 1」 → 1.
fn heading_name_level(name: &str) -> Option<u8> {
    let lower = name.trim().to_lowercase();
    let rest = lower
        .strip_prefix("heading")
        .or_else(|| lower.strip_prefix("标题"))?;
    let n: u8 = rest.trim().parse().ok()?;
    (1..=9).contains(&n).then_some(n)
}

/// What an open element is, as far as the reader cares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum El {
    /// Read through: its content is read as if it stood in its parent.
    Other,
    P,
    PPr,
    /// The paragraph mark's run properties (`w:pPr/w:rPr`): a tracked
    /// insertion or deletion of the mark.
    PPrRPr,
    R,
    /// `w:t` or `m:t`: text to keep.
    T,
    Tbl,
    Tr,
    TrPr,
    Tc,
    TcPr,
}

#[derive(Default)]
struct ParaBuf {
    text: String,
    style: Option<String>,
    outline: Option<u32>,
    /// The paragraph mark is a tracked deletion: accepted, the paragraph runs
    /// on into the next.
    mark_deleted: bool,
    break_before: bool,
    break_after: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
enum VMerge {
    #[default]
    None,
    Restart,
    Continue,
}

#[derive(Default)]
struct CellBuf {
    blocks: Vec<Block>,
    span: u32,
    vmerge: VMerge,
    deleted: bool,
}

#[derive(Default)]
struct RowBuf {
    cells: Vec<CellBuf>,
    grid_before: u32,
    deleted: bool,
}

#[derive(Default)]
struct TableBuf {
    rows: Vec<RowBuf>,
    row: Option<RowBuf>,
    cell: Option<CellBuf>,
    cells: usize,
}

impl TableBuf {
    fn cell_mut(&mut self) -> &mut CellBuf {
        self.cell.get_or_insert_with(CellBuf::default)
    }

    fn close_cell(&mut self) {
        if let Some(cell) = self.cell.take()
            && !cell.deleted
        {
            self.row
                .get_or_insert_with(RowBuf::default)
                .cells
                .push(cell);
        }
    }

    fn close_row(&mut self) {
        self.close_cell();
        if let Some(row) = self.row.take()
            && !row.deleted
        {
            self.rows.push(row);
        }
    }
}

enum Scope {
    Para(ParaBuf),
    Table(TableBuf),
}

/// The reading state: open elements, open paragraphs and tables, counts.
struct State<'a> {
    part: &'a str,
    styles: &'a Styles,
    els: Vec<El>,
    /// Depth inside a subtree being skipped (deleted text, field codes,
    /// properties, the VML fallback of a drawing); 0 when reading.
    skip: usize,
    scopes: Vec<Scope>,
    blocks: Vec<Block>,
    /// The text of paragraphs whose mark was deleted, waiting for the next one.
    carry: Option<String>,
    /// The text of the open `w:t`, and whether it keeps its edge spaces.
    t_buf: String,
    t_preserve: bool,
    /// Open complex fields: `true` once past their `separate` (in the result).
    fields: Vec<bool>,
    /// How many open fields are still in their instruction part.
    in_instruction: usize,
    /// Characters dropped as field code since no field was open.
    dropped_in_fields: usize,
    revisions: usize,
    tables: usize,
    paragraphs: usize,
    rows: usize,
    cells: usize,
    page_breaks: usize,
    bad_utf8: usize,
    root_seen: bool,
    root_closed: bool,
}

fn too_complex(detail: String) -> ReadError {
    ReadError::TooComplex {
        format: FORMAT,
        detail,
    }
}

impl<'a> State<'a> {
    fn new(part: &'a str, styles: &'a Styles) -> Self {
        State {
            part,
            styles,
            els: Vec::new(),
            skip: 0,
            scopes: Vec::new(),
            blocks: Vec::new(),
            carry: None,
            t_buf: String::new(),
            t_preserve: false,
            fields: Vec::new(),
            in_instruction: 0,
            dropped_in_fields: 0,
            revisions: 0,
            tables: 0,
            paragraphs: 0,
            rows: 0,
            cells: 0,
            page_breaks: 0,
            bad_utf8: 0,
            root_seen: false,
            root_closed: false,
        }
    }

    fn parent(&self) -> Option<El> {
        self.els.last().copied()
    }

    fn check_depth(&self) -> Result<(), ReadError> {
        if self.els.len() + self.skip >= MAX_DEPTH {
            return Err(too_complex(format!(
                "{} 中元素嵌套超过 {MAX_DEPTH} 层",
                self.part
            )));
        }
        Ok(())
    }

    /// An element starts (`empty`: and ends at once, `<x/>`).
    fn start(&mut self, ns: Ns, e: &BytesStart, empty: bool) -> Result<(), ReadError> {
        if self.skip > 0 {
            if !empty {
                self.check_depth()?;
                self.skip += 1;
            }
            return Ok(());
        }
        if !self.root_seen {
            self.root_seen = true;
            let name = e.local_name();
            if ns != Ns::W || !matches!(name.as_ref(), b"document" | b"glossaryDocument") {
                return Err(ReadError::Corrupt {
                    format: FORMAT,
                    detail: format!(
                        "{} 不是 Word 正文（根元素是 <{}>）",
                        self.part,
                        String::from_utf8_lossy(e.name().as_ref())
                    ),
                });
            }
        }
        if !empty {
            self.check_depth()?;
        }
        let el = match self.classify(ns, e) {
            Some(el) => el,
            None => {
                // A subtree to skip.
                if !empty {
                    self.skip = 1;
                }
                return Ok(());
            }
        };
        self.open(el, e)?;
        if empty {
            self.close(el);
            if self.els.is_empty() {
                // `<w:document/>`: the root closed at once.
                self.root_closed = true;
            }
        } else {
            self.els.push(el);
        }
        Ok(())
    }

    /// What an element is; `None` to skip it and its content. Elements that
    /// only carry a value (`w:tab`, `w:gridSpan`, …) take effect here.
    fn classify(&mut self, ns: Ns, e: &BytesStart) -> Option<El> {
        let name = e.local_name();
        let name = name.as_ref();
        let parent = self.parent();
        match ns {
            Ns::Mc => {
                // Read the first choice of an AlternateContent (a text box as
                // DrawingML), never its fallback (the same box as VML).
                return (name != b"Fallback").then_some(El::Other);
            }
            Ns::M => return Some(if name == b"t" { El::T } else { El::Other }),
            Ns::Other => return Some(El::Other),
            Ns::W => {}
        }
        // Properties: only the few that matter are read.
        match parent {
            Some(El::PPr) => {
                match name {
                    b"pStyle" => {
                        if let (Some(v), Some(p)) = (attr(e, b"val"), self.para_mut()) {
                            p.style = Some(String::from_utf8_lossy(&v).into_owned());
                        }
                    }
                    b"outlineLvl" => {
                        let level = val_num(e);
                        if let Some(p) = self.para_mut() {
                            p.outline = level;
                        }
                    }
                    b"pageBreakBefore" => {
                        let on = val_on(e);
                        if let Some(p) = self.para_mut() {
                            p.break_before |= on;
                        }
                    }
                    b"rPr" => return Some(El::PPrRPr),
                    _ => {}
                }
                return None;
            }
            Some(El::PPrRPr) => {
                match name {
                    b"del" | b"moveFrom" => {
                        self.revisions += 1;
                        if let Some(p) = self.para_mut() {
                            p.mark_deleted = true;
                        }
                    }
                    b"ins" | b"moveTo" => self.revisions += 1,
                    _ => {}
                }
                return None;
            }
            Some(El::TrPr) => {
                match name {
                    b"gridBefore" => {
                        let n = val_num(e).unwrap_or(0).min(64);
                        if let Some(r) = self.row_mut() {
                            r.grid_before = n;
                        }
                    }
                    b"del" => {
                        self.revisions += 1;
                        if let Some(r) = self.row_mut() {
                            r.deleted = true;
                        }
                    }
                    b"ins" => self.revisions += 1,
                    // gridAfter needs nothing: rows are padded to the widest.
                    _ => {}
                }
                return None;
            }
            Some(El::TcPr) => {
                match name {
                    b"gridSpan" => {
                        let n = val_num(e).unwrap_or(1).clamp(1, 64);
                        if let Some(c) = self.table_cell_mut() {
                            c.span = n;
                        }
                    }
                    b"vMerge" => {
                        let restart = attr(e, b"val").is_some_and(|v| v == b"restart");
                        if let Some(c) = self.table_cell_mut() {
                            c.vmerge = if restart {
                                VMerge::Restart
                            } else {
                                VMerge::Continue
                            };
                        }
                    }
                    b"cellDel" => {
                        self.revisions += 1;
                        if let Some(c) = self.table_cell_mut() {
                            c.deleted = true;
                        }
                    }
                    b"cellIns" => self.revisions += 1,
                    _ => {}
                }
                return None;
            }
            _ => {}
        }
        let in_run = parent == Some(El::R);
        match name {
            b"p" => Some(El::P),
            b"pPr" if parent == Some(El::P) => Some(El::PPr),
            b"r" => Some(El::R),
            b"t" => Some(El::T),
            b"tbl" => Some(El::Tbl),
            b"tr" => Some(El::Tr),
            b"trPr" if parent == Some(El::Tr) => Some(El::TrPr),
            b"tc" => Some(El::Tc),
            b"tcPr" if parent == Some(El::Tc) => Some(El::TcPr),
            b"del" | b"moveFrom" => {
                self.revisions += 1;
                None
            }
            b"ins" | b"moveTo" => {
                self.revisions += 1;
                Some(El::Other)
            }
            b"delText" | b"instrText" | b"delInstrText" | b"tblGrid" => None,
            b"tab" | b"ptab" if in_run => {
                self.push_text("\t");
                None
            }
            b"br" if in_run => {
                let ty = attr(e, b"type");
                if ty.as_deref() == Some(b"page") {
                    self.page_break();
                } else {
                    self.push_text("\n");
                }
                None
            }
            b"cr" if in_run => {
                self.push_text("\n");
                None
            }
            b"noBreakHyphen" if in_run => {
                self.push_text("-");
                None
            }
            b"sym" if in_run => {
                if let Some(c) = attr(e, b"char")
                    .and_then(|v| u32::from_str_radix(std::str::from_utf8(&v).ok()?, 16).ok())
                    .and_then(char::from_u32)
                {
                    // A symbol font's character stays in its private-use code,
                    // as Word copies it.
                    self.push_text(c.encode_utf8(&mut [0; 4]));
                }
                None
            }
            b"fldChar" => {
                match attr(e, b"fldCharType").as_deref() {
                    Some(b"begin") => {
                        self.fields.push(false);
                        self.in_instruction += 1;
                    }
                    Some(b"separate") => {
                        if let Some(top) = self.fields.last_mut()
                            && !*top
                        {
                            *top = true;
                            self.in_instruction -= 1;
                        }
                    }
                    Some(b"end") => {
                        if let Some(in_result) = self.fields.pop()
                            && !in_result
                        {
                            self.in_instruction -= 1;
                        }
                        if self.in_instruction == 0 {
                            self.dropped_in_fields = 0;
                        }
                    }
                    _ => {}
                }
                None
            }
            // Properties and property changes hold no text.
            n if n.ends_with(b"Pr") || n.ends_with(b"PrEx") || n.ends_with(b"Change") => None,
            _ => Some(El::Other),
        }
    }

    /// An element's start takes effect.
    fn open(&mut self, el: El, e: &BytesStart) -> Result<(), ReadError> {
        match el {
            El::P => {
                self.paragraphs += 1;
                if self.paragraphs > MAX_PARAGRAPHS {
                    return Err(too_complex(format!("段落超过 {MAX_PARAGRAPHS} 个")));
                }
                let mut p = ParaBuf::default();
                if let Some(text) = self.carry.take() {
                    p.text = text;
                }
                self.scopes.push(Scope::Para(p));
            }
            El::T => {
                self.t_buf.clear();
                self.t_preserve = e
                    .attributes()
                    .flatten()
                    .any(|a| a.key.as_ref() == b"xml:space" && a.value.as_ref() == b"preserve");
            }
            El::Tbl => {
                self.tables += 1;
                if self.tables > MAX_TABLES {
                    return Err(too_complex(format!("表格超过 {MAX_TABLES} 个")));
                }
                self.flush_carry();
                self.scopes.push(Scope::Table(TableBuf::default()));
            }
            El::Tr => {
                self.rows += 1;
                if self.rows > MAX_ROWS {
                    return Err(too_complex(format!("表格行数合计超过 {MAX_ROWS} 行")));
                }
                if let Some(t) = self.table_mut() {
                    t.close_row();
                    t.row = Some(RowBuf::default());
                }
            }
            El::Tc => {
                self.cells += 1;
                if self.cells > MAX_CELLS {
                    return Err(too_complex(format!("单元格合计超过 {MAX_CELLS} 个")));
                }
                if let Some(t) = self.table_mut() {
                    t.cells += 1;
                    if t.cells > MAX_CELLS_PER_TABLE {
                        return Err(too_complex(format!(
                            "一个表格的单元格超过 {MAX_CELLS_PER_TABLE} 个"
                        )));
                    }
                    t.close_cell();
                    t.cell = Some(CellBuf {
                        span: 1,
                        ..CellBuf::default()
                    });
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// An element ends.
    fn end(&mut self) {
        if self.skip > 0 {
            self.skip -= 1;
            return;
        }
        match self.els.pop() {
            Some(el) => self.close(el),
            None => self.root_closed = true,
        }
        if self.els.is_empty() && self.root_seen {
            self.root_closed = true;
        }
    }

    fn close(&mut self, el: El) {
        match el {
            El::T => {
                let mut text = std::mem::take(&mut self.t_buf);
                if !self.t_preserve {
                    let trimmed = text.trim_matches([' ', '\t', '\n', '\r']);
                    if trimmed.len() != text.len() {
                        text = trimmed.to_string();
                    }
                }
                self.push_text(&text);
                // Keep the buffer's allocation for the next run.
                self.t_buf = text;
                self.t_buf.clear();
            }
            El::P => {
                let Some(Scope::Para(p)) = self.scopes.pop() else {
                    return;
                };
                self.finish_paragraph(p);
            }
            El::Tc => {
                self.flush_carry();
                if let Some(t) = self.table_mut() {
                    t.close_cell();
                }
            }
            El::Tr => {
                self.flush_carry();
                if let Some(t) = self.table_mut() {
                    t.close_row();
                }
            }
            El::Tbl => {
                self.flush_carry();
                let Some(Scope::Table(mut t)) = self.scopes.pop() else {
                    return;
                };
                t.close_row();
                self.finish_table(t);
            }
            _ => {}
        }
    }

    fn finish_paragraph(&mut self, p: ParaBuf) {
        if p.mark_deleted {
            // Accepting the deletion of the mark joins this paragraph to the next.
            self.carry = Some(p.text);
            return;
        }
        let heading = match p.outline {
            Some(l) => outline_level(l),
            None => p.style.as_deref().and_then(|s| self.styles.level(s)),
        };
        if p.break_before {
            self.emit(Block::PageBreak);
        }
        self.emit(Block::Paragraph(Paragraph {
            text: p.text,
            heading,
        }));
        if p.break_after {
            self.emit(Block::PageBreak);
        }
    }

    /// A paragraph whose mark was deleted but no paragraph followed it.
    fn flush_carry(&mut self) {
        if let Some(text) = self.carry.take() {
            self.emit(Block::Paragraph(Paragraph {
                text,
                heading: None,
            }));
        }
    }

    fn finish_table(&mut self, t: TableBuf) {
        let one_column = t.rows.iter().all(|r| r.cells.len() <= 1);
        let nested = t
            .rows
            .iter()
            .flat_map(|r| &r.cells)
            .any(|c| c.blocks.iter().any(|b| matches!(b, Block::Table(_))));
        let single = t.rows.len() == 1 && t.rows[0].cells.len() == 1;
        if one_column && (nested || single) {
            // A frame around content: read the content as if outside it.
            for block in t
                .rows
                .into_iter()
                .flat_map(|r| r.cells)
                .flat_map(|c| c.blocks)
            {
                self.emit(block);
            }
            return;
        }
        let rows = t
            .rows
            .into_iter()
            .map(|r| {
                let mut skip = r.grid_before;
                r.cells
                    .into_iter()
                    .map(|c| {
                        let text = cell_text(&c.blocks);
                        // A continuation with text of its own keeps it.
                        let continued = c.vmerge == VMerge::Continue && text.trim().is_empty();
                        TableCell {
                            text,
                            col_span: c.span.max(1),
                            row_span: 1,
                            continued,
                            skip_before: std::mem::take(&mut skip),
                        }
                    })
                    .collect()
            })
            .collect();
        self.emit(Block::Table(Table { rows }));
    }

    /// Adds a finished block to the innermost open cell, or to the document.
    /// Paragraphs open around it (a text box's anchor) are passed over.
    fn emit(&mut self, block: Block) {
        for scope in self.scopes.iter_mut().rev() {
            if let Scope::Table(t) = scope {
                if !matches!(block, Block::PageBreak) {
                    t.cell_mut().blocks.push(block);
                }
                return;
            }
        }
        if matches!(block, Block::PageBreak) {
            if self.page_breaks >= MAX_PAGE_BREAKS {
                return;
            }
            self.page_breaks += 1;
        }
        self.blocks.push(block);
    }

    fn page_break(&mut self) {
        if let Some(p) = self.para_mut() {
            if p.text.trim().is_empty() {
                p.break_before = true;
            } else {
                p.break_after = true;
            }
        }
    }

    /// Text that prints, into the open paragraph.
    fn push_text(&mut self, s: &str) {
        if s.is_empty() {
            return;
        }
        if self.in_instruction > 0 {
            self.dropped_in_fields += s.chars().count();
            return;
        }
        if let Some(Scope::Para(p)) = self.scopes.last_mut() {
            p.text.push_str(s);
        } else {
            // Text outside any paragraph (not valid Word, but kept).
            self.emit(Block::Paragraph(Paragraph {
                text: s.to_string(),
                heading: None,
            }));
        }
    }

    /// Text content of the open `w:t`.
    fn text(&mut self, bytes: &[u8]) {
        if self.skip > 0 || self.parent() != Some(El::T) {
            return;
        }
        match std::str::from_utf8(bytes) {
            Ok(s) => self.t_buf.push_str(s),
            Err(_) => {
                self.bad_utf8 += 1;
                self.t_buf.push_str(&String::from_utf8_lossy(bytes));
            }
        }
    }

    /// The open paragraph, when the innermost open scope is one.
    fn para_mut(&mut self) -> Option<&mut ParaBuf> {
        match self.scopes.last_mut() {
            Some(Scope::Para(p)) => Some(p),
            _ => None,
        }
    }

    fn table_mut(&mut self) -> Option<&mut TableBuf> {
        match self.scopes.last_mut() {
            Some(Scope::Table(t)) => Some(t),
            _ => None,
        }
    }

    fn row_mut(&mut self) -> Option<&mut RowBuf> {
        self.table_mut().and_then(|t| t.row.as_mut())
    }

    fn table_cell_mut(&mut self) -> Option<&mut CellBuf> {
        self.table_mut().and_then(|t| t.cell.as_mut())
    }
}

/// A cell's text: its paragraphs on lines (a label wrapped over lines reads
/// as one), a nested table's cells and rows separated by spaces (they stay
/// apart when the cell is written on one line).
fn cell_text(blocks: &[Block]) -> String {
    let mut out = String::new();
    for block in blocks {
        match block {
            Block::Paragraph(p) => {
                if p.text.trim().is_empty() {
                    continue;
                }
                if !out.is_empty() {
                    out.push('\n');
                }
                out.push_str(&p.text);
            }
            Block::Table(t) => {
                for text in t.grid().into_iter().flatten().flatten() {
                    if text.trim().is_empty() {
                        continue;
                    }
                    if !out.is_empty() {
                        out.push(' ');
                    }
                    out.push_str(&text);
                }
            }
            Block::PageBreak => {}
        }
    }
    out
}

/// 1-based line and column (in characters) of a byte offset.
fn line_col(xml: &[u8], pos: usize) -> (usize, usize) {
    let before = &xml[..pos.min(xml.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    // Count characters, not bytes: skip UTF-8 continuation bytes.
    let col = before[start..]
        .iter()
        .filter(|&&b| b & 0xC0 != 0x80)
        .count()
        + 1;
    (line, col)
}

fn xml_error(part: &str, xml: &[u8], pos: u64, e: &quick_xml::Error) -> ReadError {
    use quick_xml::Error as E;
    let what = match e {
        E::Syntax(_) => "XML 语法错误",
        E::IllFormed(_) => "XML 结构错误（标记不配对）",
        E::InvalidAttr(_) => "XML 属性错误",
        E::Encoding(_) => "字符编码错误",
        E::Escape(_) => "XML 转义字符错误",
        _ => "XML 无法读取",
    };
    let (line, col) = line_col(xml, pos as usize);
    ReadError::Corrupt {
        format: FORMAT,
        detail: format!("{part} 第 {line} 行第 {col} 列（第 {pos} 字节）处{what}：{e}"),
    }
}

/// Parses a main document part into paragraphs and tables.
fn parse_document(xml: &[u8], part: &str, styles: &Styles) -> Result<Document, ReadError> {
    if xml.starts_with(&[0xFF, 0xFE])
        || xml.starts_with(&[0xFE, 0xFF])
        || xml.starts_with(b"<\0")
        || xml.starts_with(b"\0<")
    {
        return Err(ReadError::Corrupt {
            format: FORMAT,
            detail: format!(
                "{part} 是 UTF-16 编码的 XML，只能读取 UTF-8（Word 保存的文件都是 UTF-8）；请用 Word 或 WPS 重新保存"
            ),
        });
    }
    let body = xml.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(xml);
    let offset = (xml.len() - body.len()) as u64;
    let mut reader = NsReader::from_reader(body);
    let mut state = State::new(part, styles);
    loop {
        let (ns, event) = match reader.read_resolved_event() {
            Ok((res, event)) => (ns_of(&res), event),
            Err(e) => return Err(xml_error(part, xml, reader.error_position() + offset, &e)),
        };
        match event {
            Event::Start(e) => state.start(ns, &e, false)?,
            Event::Empty(e) => state.start(ns, &e, true)?,
            Event::End(_) => state.end(),
            Event::Text(t) => state.text(&t),
            Event::CData(t) => state.text(&t),
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c.to_string()),
                    _ => std::str::from_utf8(&r)
                        .ok()
                        .and_then(quick_xml::escape::resolve_predefined_entity)
                        .map(str::to_string),
                };
                // An unknown entity stays as written.
                let s = resolved.unwrap_or_else(|| format!("&{};", String::from_utf8_lossy(&r)));
                state.text(s.as_bytes());
            }
            Event::Decl(d) => {
                if let Some(Ok(enc)) = d.encoding()
                    && !enc.eq_ignore_ascii_case(b"utf-8")
                    && !enc.eq_ignore_ascii_case(b"utf8")
                    && std::str::from_utf8(body).is_err()
                {
                    return Err(ReadError::Corrupt {
                        format: FORMAT,
                        detail: format!(
                            "{part} 声明的编码是 {}，只能读取 UTF-8；请用 Word 或 WPS 重新保存",
                            String::from_utf8_lossy(&enc)
                        ),
                    });
                }
            }
            Event::Eof => break,
            _ => {}
        }
        if state.root_closed {
            break;
        }
    }
    if !state.root_seen {
        return Err(ReadError::Corrupt {
            format: FORMAT,
            detail: format!("{part} 是空的，没有正文"),
        });
    }
    if !state.root_closed {
        let pos = xml.len() as u64;
        let (line, col) = line_col(xml, pos as usize);
        return Err(ReadError::Corrupt {
            format: FORMAT,
            detail: format!(
                "{part} 在第 {line} 行第 {col} 列（第 {pos} 字节）处意外结束，元素未闭合（文件可能被截断）"
            ),
        });
    }
    Ok(state.into_document())
}

impl State<'_> {
    fn into_document(mut self) -> Document {
        self.flush_carry();
        let mut notes = Vec::new();
        if self.revisions > 0 {
            notes.push(format!(
                "文档含 {} 处修订，已按“接受全部修订”后的文字检查",
                self.revisions
            ));
        }
        if self.in_instruction > 0 && self.dropped_in_fields > 0 {
            notes.push(format!(
                "文档中有未结束的域代码，其后约 {} 个字按域代码处理、未读取；请在 Word 中检查后重新保存",
                self.dropped_in_fields
            ));
        }
        if self.bad_utf8 > 0 {
            notes.push(format!(
                "正文有 {} 处文字不是有效的 UTF-8 编码，已替换为 �",
                self.bad_utf8
            ));
        }
        Document {
            blocks: self.blocks,
            notes,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    fn doc(body: &str) -> Result<Document, ReadError> {
        let xml = format!(
            r#"<?xml version="1.0"?><w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>"#
        );
        parse_document(xml.as_bytes(), MAIN_PART, &Styles::default())
    }

    fn paragraphs(d: &Document) -> Vec<(&str, Option<u8>)> {
        d.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Paragraph(p) => Some((p.text.as_str(), p.heading)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn heading_levels_from_names_and_outline_levels() {
        assert_eq!(heading_name_level("heading 2"), Some(2));
        assert_eq!(heading_name_level("Heading1"), Some(1));
        assert_eq!(heading_name_level("标题 3"), Some(3));
        assert_eq!(heading_name_level("Normal"), None);
        assert_eq!(heading_name_level("heading 10"), None);
        let d = doc(concat!(
            r#"<w:p><w:pPr><w:pStyle w:val="Heading2"/></w:pPr><w:r><w:t>甲</w:t></w:r></w:p>"#,
            r#"<w:p><w:pPr><w:outlineLvl w:val="9"/></w:pPr><w:r><w:t>乙</w:t></w:r></w:p>"#,
            r#"<w:p><w:pPr><w:outlineLvl w:val="2"/></w:pPr><w:r><w:t>丙</w:t></w:r></w:p>"#,
        ))
        .unwrap();
        assert_eq!(
            paragraphs(&d),
            [("甲", Some(2)), ("乙", None), ("丙", Some(3))]
        );
    }

    #[test]
    fn styles_follow_based_on_and_outline_levels() {
        let xml = format!(
            r#"<w:styles xmlns:w="{W}"><w:style w:type="paragraph" w:styleId="1"><w:name w:val="Normal"/></w:style><w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 1"/></w:style><w:style w:type="paragraph" w:styleId="x"><w:name w:val="自定义"/><w:basedOn w:val="2"/></w:style><w:style w:type="paragraph" w:styleId="o"><w:name w:val="大纲"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="loop"><w:basedOn w:val="loop"/></w:style></w:styles>"#
        );
        let s = Styles::parse(xml.as_bytes());
        assert_eq!(s.level("1"), None);
        assert_eq!(s.level("2"), Some(1));
        assert_eq!(s.level("x"), Some(1));
        assert_eq!(s.level("o"), Some(2));
        assert_eq!(s.level("loop"), None);
        assert_eq!(s.level("missing"), None);
    }

    #[test]
    fn page_breaks_are_blocks_around_their_paragraph() {
        let d = doc(concat!(
            r#"<w:p><w:r><w:t>前</w:t><w:br w:type="page"/></w:r></w:p>"#,
            r#"<w:p><w:r><w:br w:type="page"/><w:t>后</w:t></w:r></w:p>"#,
        ))
        .unwrap();
        let kinds: Vec<&str> = d
            .blocks
            .iter()
            .map(|b| match b {
                Block::Paragraph(_) => "p",
                Block::Table(_) => "t",
                Block::PageBreak => "break",
            })
            .collect();
        assert_eq!(kinds, ["p", "break", "break", "p"]);
    }

    #[test]
    fn cells_keep_spans_merges_and_grid_before() {
        let d = doc(concat!(
            r#"<w:tbl><w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>"#,
            r#"<w:tc><w:tcPr><w:gridSpan w:val="2"/><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>商业</w:t></w:r></w:p><w:p><w:r><w:t>企业</w:t></w:r></w:p></w:tc></w:tr>"#,
            r#"<w:tr><w:tc><w:tcPr><w:gridSpan w:val="999"/><w:vMerge/><w:tcPrChange><w:tcPr><w:gridSpan w:val="5"/></w:tcPr></w:tcPrChange></w:tcPr><w:p/></w:tc></w:tr></w:tbl>"#,
        ))
        .unwrap();
        let Some(Block::Table(t)) = d.blocks.first() else {
            panic!("{:?}", d.blocks)
        };
        let a = &t.rows[0][0];
        assert_eq!(
            (a.text.as_str(), a.col_span, a.continued, a.skip_before),
            ("商业\n企业", 2, false, 1)
        );
        let b = &t.rows[1][0];
        // The old value inside tcPrChange is not read; a huge span is capped.
        assert_eq!((b.col_span, b.continued, b.skip_before), (64, true, 0));
    }

    #[test]
    fn math_text_and_unknown_entities_are_kept() {
        let d = doc(concat!(
            r#"<w:p><m:oMath xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"><m:r><m:t>x+1</m:t></m:r></m:oMath>"#,
            r#"<w:r><w:t><![CDATA[<5>]]></w:t></w:r></w:p>"#,
        ))
        .unwrap();
        assert_eq!(paragraphs(&d), [("x+1<5>", None)]);
    }

    #[test]
    fn documents_without_namespace_declarations_still_read() {
        let xml =
            "<w:document><w:body><w:p><w:r><w:t>无声明</w:t></w:r></w:p></w:body></w:document>";
        let d = parse_document(xml.as_bytes(), MAIN_PART, &Styles::default()).unwrap();
        assert_eq!(paragraphs(&d), [("无声明", None)]);
    }

    #[test]
    fn invalid_utf8_is_replaced_and_noted() {
        let mut xml =
            format!(r#"<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>坏"#).into_bytes();
        xml.extend([0xFF, 0xFE]);
        xml.extend(b"</w:t></w:r></w:p></w:body></w:document>");
        let d = parse_document(&xml, MAIN_PART, &Styles::default()).unwrap();
        assert_eq!(paragraphs(&d)[0].0, "坏\u{FFFD}\u{FFFD}");
        assert!(d.notes[0].contains("UTF-8"), "{:?}", d.notes);
    }

    #[test]
    fn errors_report_line_and_column_in_characters() {
        assert_eq!(line_col(b"ab\ncd", 4), (2, 2));
        assert_eq!(line_col("一二\n三".as_bytes(), 9), (2, 2));
        assert_eq!(line_col(b"", 10), (1, 1));
        let e = doc("<w:p></w:r>").unwrap_err();
        let ReadError::Corrupt { detail, .. } = e else {
            panic!("{e:?}")
        };
        assert!(detail.starts_with("word/document.xml 第 1 行"), "{detail}");
    }

    #[test]
    fn an_empty_root_is_an_empty_document() {
        let xml = format!(r#"<w:document xmlns:w="{W}"/>"#);
        let d = parse_document(xml.as_bytes(), MAIN_PART, &Styles::default()).unwrap();
        assert!(d.blocks.is_empty());
    }

    #[test]
    fn too_many_paragraphs_are_refused() {
        let body = "<w:p/>".repeat(MAX_PARAGRAPHS + 1);
        let e = doc(&body).unwrap_err();
        assert!(matches!(e, ReadError::TooComplex { .. }), "{e:?}");
        assert!(doc(&"<w:p/>".repeat(1000)).is_ok());
    }
}
