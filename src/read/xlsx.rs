//! Excel workbooks (.xlsx): the three tables kept in a spreadsheet.
//!
//! A workbook is a zip of XML parts: `xl/workbook.xml` lists the sheets (name,
//! order, hidden or not), `xl/_rels/workbook.xml.rels` says which part holds
//! each sheet, `xl/sharedStrings.xml` holds the text most cells point at,
//! `xl/styles.xml` the number formats, and each sheet part its cells and merged
//! ranges. Every part is read with a streaming reader; no sheet grid is ever
//! allocated from the size a sheet claims (`<dimension ref="A1:XFD1048576">`):
//! only the cells actually present are kept.
//!
//! The cells become a [`Document`], so a spreadsheet reads like the same
//! tables copied from Word:
//!
//! - **Values as the user sees them.** Numbers are shown as Excel shows them
//!   in a 「常规」 cell: integers without a decimal part, binary artefacts such
//!   as `0.30000000000000004` rounded to 15 significant digits (`0.3`). A
//!   format with fixed decimals (`0.0000`) pads the value (`0.0120`), but
//!   never hides digits: `2.5` in a `0` cell stays `2.5`, so a rule sees it.
//!   Dates become `2022-01-08`, booleans `TRUE`/`FALSE`, errors stay `#REF!`:
//!   all text, for the rules to report.
//! - **Tables.** Each sheet is cut into blocks at fully empty rows (a row
//!   covered by a merged cell from above is not empty), so a sheet holding all
//!   three tables gives three tables. A row whose only cell is a title (a part
//!   heading such as 「二、主动公开政府信息情况」, or the report's title) becomes a
//!   paragraph and splits the table there; a block of single cells is a run of
//!   paragraphs. Empty leading columns are dropped. Merged ranges become
//!   `col_span`/`row_span` of their top-left cell, as in Word; a column that
//!   lies under merges in every row of a table (a web page pasted into a
//!   sheet leaves a fine grid of them) is folded into its neighbour, so the
//!   text has the columns the user sees.
//! - **Hidden sheets** (`state="hidden"`/`"veryHidden"`) are skipped with a
//!   note: what the user cannot see in the workbook is not part of the report
//!   (units keep working data there). A workbook whose sheets are all hidden
//!   is read whole.
//! - **Origins.** Every paragraph and cell of the text points back at its sheet
//!   cell ([`Place::Sheet`], 0-based sheet in workbook order, row, column).
//!
//! Bounds (a report's tables fill about 60 rows and 16 columns): at most
//! [`MAX_SHEETS`] sheets, [`MAX_ROWS`] rows with content per sheet,
//! [`MAX_CELLS`] cells and [`MAX_TEXT_BYTES`] of cell text in all; beyond
//! them the file is refused with [`ReadError::TooComplex`]. Cells right of
//! column [`MAX_COLUMNS`] are skipped with a note. Nothing here panics.

use std::collections::HashMap;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::archive::Archive;
use super::document::{Block, Document, Paragraph, Table, TableCell};
use super::{Extracted, Format, Place, ReadError};

/// The file kind in messages.
const FORMAT: &str = "Excel 工作簿";

/// The most sheets a workbook may have.
pub const MAX_SHEETS: usize = 50;
/// The most rows with content one sheet may have.
pub const MAX_ROWS: usize = 5_000;
/// Columns read per sheet (A to BL); the widest table has 16.
pub const MAX_COLUMNS: u32 = 64;
/// The most non-empty cells a workbook may have.
pub const MAX_CELLS: usize = 1_000_000;
/// The most cell text a workbook may have, in bytes.
pub const MAX_TEXT_BYTES: usize = 8 * 1024 * 1024;
/// The most shared strings a workbook may have.
const MAX_SHARED_STRINGS: usize = 1_000_000;
/// Merged ranges used per sheet; the official tables have about 60.
const MAX_MERGES: usize = 2_000;
/// Cell formats read from the styles (Excel allows 64,000).
const MAX_STYLES: usize = 65_536;
/// Relationships read from one part.
const MAX_RELS: usize = 100_000;
/// The highest row Excel has (1-based).
const LAST_ROW: u32 = 1_048_576;

/// Reads an .xlsx workbook's visible sheets as a report.
pub fn read(bytes: &[u8]) -> Result<Extracted, ReadError> {
    let mut archive = Archive::open(bytes, FORMAT)?;
    let book = Book::open(&mut archive)?;
    let mut notes = book.notes.clone();
    let mut budget = Budget::default();
    let mut doc = Document::default();
    let mut places = Places::default();
    let visible: Vec<usize> = (0..book.sheets.len())
        .filter(|&i| !book.sheets[i].hidden)
        .collect();
    let order: Vec<usize> = if visible.is_empty() {
        (0..book.sheets.len()).collect()
    } else {
        visible
    };
    let hidden: Vec<String> = (0..book.sheets.len())
        .filter(|i| !order.contains(i))
        .map(|i| format!("「{}」", book.sheets[i].name))
        .collect();
    let mut read_names = Vec::new();
    for &i in &order {
        let entry = &book.sheets[i];
        let Some(part) = entry.part.as_deref() else {
            continue;
        };
        let xml = archive.read(part)?.ok_or_else(|| ReadError::Corrupt {
            format: FORMAT,
            detail: format!("缺少工作表「{}」的内容部分 {part}", entry.name),
        })?;
        let mut sheet = parse_sheet(&xml, part, &entry.name, &book, &mut budget)?;
        let before = doc.blocks.len();
        sheet.merges_dropped += layout(i as u32, &mut sheet, &mut doc, &mut places);
        notes.extend(sheet.notes(&entry.name));
        if doc.blocks.len() > before {
            read_names.push(format!("「{}」", entry.name));
        }
    }
    if budget.bad_shared > 0 {
        notes.push(format!(
            "有 {} 个单元格引用了不存在的共享字符串，按空白读取（文件可能已损坏）",
            budget.bad_shared
        ));
    }
    if !hidden.is_empty() {
        notes.push(format!(
            "已跳过隐藏的工作表{}：隐藏工作表中的内容不作为报告内容读取",
            hidden.join("、")
        ));
    }
    if read_names.len() > 1 {
        notes.insert(
            0,
            format!(
                "已按顺序读取 {} 个工作表：{}",
                read_names.len(),
                read_names.join("、")
            ),
        );
    }
    if doc.blocks.is_empty() {
        return Err(ReadError::NoText {
            format: FORMAT,
            advice: "各个工作表都是空的；请确认打开的是已填写表格的工作簿".to_string(),
        });
    }
    doc.notes = notes;
    let mut extracted = doc.to_extracted(Format::Xlsx);
    for o in &mut extracted.origins {
        o.place = places.map(o.place);
    }
    Ok(extracted)
}

// ---------------------------------------------------------------------------
// The workbook: sheets, relationships, shared strings, styles
// ---------------------------------------------------------------------------

/// A sheet as the workbook lists it.
struct SheetEntry {
    name: String,
    hidden: bool,
    /// The part holding its cells; `None` for a chart or dialog sheet.
    part: Option<String>,
}

/// What every sheet needs from the workbook.
struct Book {
    sheets: Vec<SheetEntry>,
    date1904: bool,
    shared: SharedStrings,
    /// Number format of each cell format (`s` attribute of a cell).
    formats: Vec<NumFmt>,
    notes: Vec<String>,
}

impl Book {
    fn open(archive: &mut Archive<'_>) -> Result<Self, ReadError> {
        let names = archive.names();
        let workbook_part = main_part(archive, &names)?;
        let Some(xml) = read_part(archive, &names, &workbook_part)? else {
            return Err(ReadError::Corrupt {
                format: FORMAT,
                detail: format!("缺少工作簿的目录部分 {workbook_part}"),
            });
        };
        let (entries, date1904) = parse_workbook(&xml, &workbook_part)?;
        if entries.is_empty() {
            return Err(ReadError::Corrupt {
                format: FORMAT,
                detail: format!("{workbook_part} 中没有任何工作表"),
            });
        }
        let rels_part = rels_of(&workbook_part);
        let rels = match read_part(archive, &names, &rels_part)? {
            Some(xml) => parse_rels(&xml, &rels_part)?,
            None => {
                return Err(ReadError::Corrupt {
                    format: FORMAT,
                    detail: format!("缺少工作表的索引部分 {rels_part}"),
                });
            }
        };
        let mut sheets = Vec::with_capacity(entries.len());
        for (name, rel_id, hidden) in entries {
            let Some(rel) = rels.iter().find(|r| r.id == rel_id) else {
                return Err(ReadError::Corrupt {
                    format: FORMAT,
                    detail: format!("工作表「{name}」在 {rels_part} 中找不到对应的部分"),
                });
            };
            let kind = rel.kind.rsplit('/').next().unwrap_or("");
            let part = (!matches!(kind, "chartsheet" | "dialogsheet" | "macrosheet"))
                .then(|| resolve(&workbook_part, &rel.target));
            sheets.push(SheetEntry { name, hidden, part });
        }
        let mut notes = Vec::new();
        let shared_part = rels
            .iter()
            .find(|r| r.kind.ends_with("/sharedStrings"))
            .map(|r| resolve(&workbook_part, &r.target))
            .unwrap_or_else(|| "xl/sharedStrings.xml".to_string());
        let shared = match read_part(archive, &names, &shared_part)? {
            Some(xml) => parse_shared_strings(&xml, &shared_part)?,
            None => SharedStrings::default(),
        };
        let styles_part = rels
            .iter()
            .find(|r| r.kind.ends_with("/styles"))
            .map(|r| resolve(&workbook_part, &r.target))
            .unwrap_or_else(|| "xl/styles.xml".to_string());
        let formats = match read_part(archive, &names, &styles_part)? {
            Some(xml) => match parse_styles(&xml, &styles_part) {
                Ok(f) => f,
                Err(_) => {
                    notes.push(format!(
                        "样式部分 {styles_part} 无法读取，数字一律按常规格式显示"
                    ));
                    Vec::new()
                }
            },
            None => Vec::new(),
        };
        Ok(Book {
            sheets,
            date1904,
            shared,
            formats,
            notes,
        })
    }
}

/// The workbook part, from the package relationships (`_rels/.rels`), or the
/// usual `xl/workbook.xml`.
fn main_part(archive: &mut Archive<'_>, names: &[String]) -> Result<String, ReadError> {
    const DEFAULT: &str = "xl/workbook.xml";
    let Some(xml) = read_part(archive, names, "_rels/.rels")? else {
        return Ok(DEFAULT.to_string());
    };
    let rels = parse_rels(&xml, "_rels/.rels")?;
    let found = rels
        .iter()
        .find(|r| r.kind.ends_with("/officeDocument"))
        .map(|r| resolve("", &r.target))
        .filter(|p| names.iter().any(|n| n.eq_ignore_ascii_case(p)));
    Ok(found.unwrap_or_else(|| DEFAULT.to_string()))
}

/// A part by name, matching case-insensitively when the exact name is absent
/// (zips written on Windows).
fn read_part(
    archive: &mut Archive<'_>,
    names: &[String],
    name: &str,
) -> Result<Option<Vec<u8>>, ReadError> {
    if let Some(bytes) = archive.read(name)? {
        return Ok(Some(bytes));
    }
    match names.iter().find(|n| n.eq_ignore_ascii_case(name)) {
        Some(other) => archive.read(other),
        None => Ok(None),
    }
}

/// The relationships part of `part`: `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`.
fn rels_of(part: &str) -> String {
    match part.rsplit_once('/') {
        Some((dir, file)) => format!("{dir}/_rels/{file}.rels"),
        None => format!("_rels/{part}.rels"),
    }
}

/// A relationship target resolved against the part that names it: relative
/// to its folder, or from the package root when it starts with `/`.
fn resolve(source: &str, target: &str) -> String {
    let target = target.replace('\\', "/");
    let mut parts: Vec<&str> = Vec::new();
    if !target.starts_with('/')
        && let Some((dir, _)) = source.rsplit_once('/')
    {
        parts.extend(dir.split('/').filter(|s| !s.is_empty()));
    }
    for piece in target.split('/') {
        match piece {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

/// `(name, relationship id, hidden)` of each sheet, and the 1904 date system.
type SheetList = (Vec<(String, String, bool)>, bool);

fn parse_workbook(xml: &[u8], part: &str) -> Result<SheetList, ReadError> {
    let mut sheets = Vec::new();
    let mut date1904 = false;
    walk(xml, part, |ev| {
        if let Ev::Open(e, _) = ev {
            match e.local_name().as_ref() {
                b"sheet" => {
                    if sheets.len() >= MAX_SHEETS {
                        return Err(ReadError::TooComplex {
                            format: FORMAT,
                            detail: format!("工作表超过 {MAX_SHEETS} 个"),
                        });
                    }
                    let name = attr(e, b"name").unwrap_or_default();
                    let id = attr(e, b"id").unwrap_or_default();
                    let hidden = attr(e, b"state")
                        .is_some_and(|s| s.eq_ignore_ascii_case("hidden") || s == "veryHidden");
                    sheets.push((name, id, hidden));
                }
                b"workbookPr" => {
                    date1904 = attr(e, b"date1904").is_some_and(|v| v == "1" || v == "true");
                }
                _ => {}
            }
        }
        Ok(())
    })?;
    Ok((sheets, date1904))
}

struct Rel {
    id: String,
    kind: String,
    target: String,
}

fn parse_rels(xml: &[u8], part: &str) -> Result<Vec<Rel>, ReadError> {
    let mut rels = Vec::new();
    walk(xml, part, |ev| {
        if let Ev::Open(e, _) = ev
            && e.local_name().as_ref() == b"Relationship"
            && rels.len() < MAX_RELS
            && attr(e, b"TargetMode").is_none_or(|m| m != "External")
        {
            rels.push(Rel {
                id: attr(e, b"Id").unwrap_or_default(),
                kind: attr(e, b"Type").unwrap_or_default(),
                target: attr(e, b"Target").unwrap_or_default(),
            });
        }
        Ok(())
    })?;
    Ok(rels)
}

/// The shared strings, stored end to end.
#[derive(Default)]
struct SharedStrings {
    text: String,
    ends: Vec<usize>,
}

impl SharedStrings {
    fn get(&self, i: usize) -> Option<&str> {
        let end = *self.ends.get(i)?;
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        self.text.get(start..end)
    }

    fn push(&mut self, s: &str) {
        self.text.push_str(&decode_escapes(s));
        self.ends.push(self.text.len());
    }
}

/// `<si>` items: the text of `<t>`, directly or in rich-text runs `<r><t>`,
/// without phonetic guides (`<rPh>`).
fn parse_shared_strings(xml: &[u8], part: &str) -> Result<SharedStrings, ReadError> {
    let mut out = SharedStrings::default();
    let mut item: Option<String> = None;
    let mut in_t = false;
    let mut phonetic = 0u32;
    walk(xml, part, |ev| {
        match ev {
            Ev::Open(e, empty) => match e.local_name().as_ref() {
                b"si" => {
                    if out.ends.len() >= MAX_SHARED_STRINGS {
                        return Err(ReadError::TooComplex {
                            format: FORMAT,
                            detail: format!("共享字符串超过 {} 万个", MAX_SHARED_STRINGS / 10_000),
                        });
                    }
                    if empty {
                        out.push("");
                    } else {
                        item = Some(String::new());
                    }
                }
                b"rPh" if !empty => phonetic += 1,
                b"t" if !empty => in_t = true,
                _ => {}
            },
            Ev::Close(name) => match name {
                b"si" => {
                    if let Some(s) = item.take() {
                        out.push(&s);
                    }
                    phonetic = 0;
                    in_t = false;
                }
                b"rPh" => phonetic = phonetic.saturating_sub(1),
                b"t" => in_t = false,
                _ => {}
            },
            Ev::Text(t) => {
                if in_t
                    && phonetic == 0
                    && let Some(s) = item.as_mut()
                {
                    s.push_str(t);
                }
            }
        }
        Ok(())
    })?;
    Ok(out)
}

/// How a cell format shows numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum NumFmt {
    General,
    /// Fixed decimals (`0.00`, `#,##0.0000`).
    Decimals(u8),
    /// A percentage with fixed decimals (`0%`, `0.00%`).
    Percent(u8),
    /// A date, a time or both.
    Date {
        date: bool,
        time: bool,
    },
}

/// The number format of each cell format (`<cellXfs><xf numFmtId>`).
fn parse_styles(xml: &[u8], part: &str) -> Result<Vec<NumFmt>, ReadError> {
    let mut custom: HashMap<u32, NumFmt> = HashMap::new();
    let mut ids: Vec<u32> = Vec::new();
    let mut in_xfs = false;
    walk(xml, part, |ev| {
        match ev {
            Ev::Open(e, empty) => match e.local_name().as_ref() {
                b"numFmt" => {
                    if custom.len() < MAX_STYLES
                        && let Some(id) = attr(e, b"numFmtId").and_then(|v| v.parse().ok())
                    {
                        let code = attr(e, b"formatCode").unwrap_or_default();
                        custom.insert(id, classify_format(&code));
                    }
                }
                b"cellXfs" if !empty => in_xfs = true,
                b"xf" if in_xfs && ids.len() < MAX_STYLES => {
                    ids.push(
                        attr(e, b"numFmtId")
                            .and_then(|v| v.parse().ok())
                            .unwrap_or(0),
                    );
                }
                _ => {}
            },
            Ev::Close(b"cellXfs") => in_xfs = false,
            _ => {}
        }
        Ok(())
    })?;
    Ok(ids
        .into_iter()
        .map(|id| {
            custom
                .get(&id)
                .copied()
                .unwrap_or_else(|| builtin_format(id))
        })
        .collect())
}

/// Excel's built-in number formats (ECMA-376 §18.8.30, with the zh-CN date
/// formats 27–36 and 50–58).
fn builtin_format(id: u32) -> NumFmt {
    match id {
        2 | 4 | 39 | 40 => NumFmt::Decimals(2),
        9 => NumFmt::Percent(0),
        10 => NumFmt::Percent(2),
        14..=17 | 27..=31 | 34..=36 | 50..=58 => NumFmt::Date {
            date: true,
            time: false,
        },
        18..=21 | 32 | 33 | 45..=47 => NumFmt::Date {
            date: false,
            time: true,
        },
        22 => NumFmt::Date {
            date: true,
            time: true,
        },
        _ => NumFmt::General,
    }
}

/// What a custom format code shows: only its first section counts; quoted
/// text, escaped characters and `[…]` modifiers (colours, locales) are
/// ignored, except elapsed-time brackets (`[h]`).
fn classify_format(code: &str) -> NumFmt {
    let mut plain = String::new();
    let mut chars = code.chars();
    let mut elapsed = false;
    while let Some(c) = chars.next() {
        match c {
            ';' => break,
            '"' => {
                for q in chars.by_ref() {
                    if q == '"' {
                        break;
                    }
                }
            }
            '\\' | '_' | '*' => {
                chars.next();
            }
            '[' => {
                let mut inside = String::new();
                for q in chars.by_ref() {
                    if q == ']' {
                        break;
                    }
                    inside.push(q);
                }
                let l = inside.to_ascii_lowercase();
                if !l.is_empty() && l.chars().all(|c| matches!(c, 'h' | 'm' | 's')) {
                    elapsed = true;
                }
            }
            _ => plain.push(c.to_ascii_lowercase()),
        }
    }
    let plain = plain.replace("general", "");
    if plain.contains("e+") || plain.contains("e-") {
        return NumFmt::General;
    }
    let has = |set: &[char]| plain.chars().any(|c| set.contains(&c));
    let time = elapsed || has(&['h', 's']);
    let date = has(&['y', 'd']) || (plain.contains('m') && !time);
    if date || time {
        return NumFmt::Date { date, time };
    }
    let decimals = plain
        .split_once('.')
        .map_or(0, |(_, after)| {
            after.chars().take_while(|&c| c == '0').count()
        })
        .min(30) as u8;
    if plain.contains('%') {
        NumFmt::Percent(decimals)
    } else if decimals > 0 {
        NumFmt::Decimals(decimals)
    } else {
        NumFmt::General
    }
}

// ---------------------------------------------------------------------------
// Sheets
// ---------------------------------------------------------------------------

/// Totals over the whole workbook.
#[derive(Default)]
struct Budget {
    cells: usize,
    text: usize,
    bad_shared: usize,
}

/// A non-empty cell.
struct RawCell {
    row: u32,
    col: u32,
    text: String,
}

/// A merged range, inclusive, 0-based.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Rect {
    r0: u32,
    c0: u32,
    r1: u32,
    c1: u32,
}

impl Rect {
    fn overlaps(&self, o: &Rect) -> bool {
        self.r0 <= o.r1 && o.r0 <= self.r1 && self.c0 <= o.c1 && o.c0 <= self.c1
    }
}

#[derive(Default)]
struct SheetData {
    cells: Vec<RawCell>,
    merges: Vec<Rect>,
    formulas_without_value: usize,
    cut_cells: usize,
    merges_dropped: usize,
}

impl SheetData {
    fn notes(&self, name: &str) -> Vec<String> {
        let mut notes = Vec::new();
        if self.formulas_without_value > 0 {
            notes.push(format!(
                "工作表「{name}」中有 {} 个公式没有保存计算结果，按空白读取；请在 Excel 或 WPS 中打开后重新保存",
                self.formulas_without_value
            ));
        }
        if self.cut_cells > 0 {
            notes.push(format!(
                "工作表「{name}」第 {MAX_COLUMNS} 列（{} 列）以右的 {} 个单元格未读取：年报的表格不超过 16 列",
                column_name(MAX_COLUMNS - 1),
                self.cut_cells
            ));
        }
        if self.merges_dropped > 0 {
            notes.push(format!(
                "工作表「{name}」有 {} 个合并单元格区域与其他区域重叠或超出上限，已按未合并读取",
                self.merges_dropped
            ));
        }
        notes
    }
}

/// The cell being read.
#[derive(Default)]
struct CellState {
    row: u32,
    col: u32,
    kind: String,
    style: usize,
    value: Option<String>,
    inline: Option<String>,
    formula: bool,
}

/// Where text goes while reading a cell.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Target {
    None,
    Value,
    Inline,
}

fn parse_sheet(
    xml: &[u8],
    part: &str,
    name: &str,
    book: &Book,
    budget: &mut Budget,
) -> Result<SheetData, ReadError> {
    let mut out = SheetData::default();
    let mut next_row = 0u32;
    let mut row = 0u32;
    let mut next_col = 0u32;
    let mut cell: Option<CellState> = None;
    let mut target = Target::None;
    let mut in_is = false;
    let mut phonetic = 0u32;
    let mut rows_with_content = 0usize;
    let mut last_content_row: Option<u32> = None;
    walk(xml, part, |ev| {
        match ev {
            Ev::Open(e, empty) => match e.local_name().as_ref() {
                b"row" => {
                    row = attr(e, b"r")
                        .and_then(|r| r.trim().parse::<u32>().ok())
                        .filter(|r| (1..=LAST_ROW).contains(r))
                        .map_or(next_row, |r| r - 1);
                    next_row = row.saturating_add(1);
                    next_col = 0;
                }
                b"c" => {
                    let (r, c) = attr(e, b"r")
                        .and_then(|r| parse_ref(&r))
                        .unwrap_or((row, next_col));
                    next_col = c.saturating_add(1);
                    if !empty {
                        cell = Some(CellState {
                            row: r,
                            col: c,
                            kind: attr(e, b"t").unwrap_or_default(),
                            style: attr(e, b"s").and_then(|s| s.parse().ok()).unwrap_or(0),
                            ..CellState::default()
                        });
                    }
                }
                b"v" if cell.is_some() => {
                    if let Some(c) = cell.as_mut() {
                        c.value.get_or_insert_with(String::new);
                    }
                    if !empty {
                        target = Target::Value;
                    }
                }
                b"f" if cell.is_some() => {
                    if let Some(c) = cell.as_mut() {
                        c.formula = true;
                    }
                }
                b"is" if cell.is_some() && !empty => {
                    in_is = true;
                    if let Some(c) = cell.as_mut() {
                        c.inline.get_or_insert_with(String::new);
                    }
                }
                b"rPh" if in_is && !empty => phonetic += 1,
                b"t" if in_is && !empty => target = Target::Inline,
                b"mergeCell" => {
                    if let Some(rect) = attr(e, b"ref").and_then(|r| parse_range(&r)) {
                        if out.merges.len() < MAX_MERGES {
                            out.merges.push(rect);
                        } else {
                            out.merges_dropped += 1;
                        }
                    }
                }
                _ => {}
            },
            Ev::Close(tag) => match tag {
                b"v" | b"t" => target = Target::None,
                b"rPh" => phonetic = phonetic.saturating_sub(1),
                b"is" => {
                    in_is = false;
                    phonetic = 0;
                    target = Target::None;
                }
                b"c" => {
                    target = Target::None;
                    in_is = false;
                    let Some(c) = cell.take() else {
                        return Ok(());
                    };
                    if is_formula_without_value(&c) {
                        out.formulas_without_value += 1;
                        return Ok(());
                    }
                    let Some(text) = cell_text(&c, book, budget) else {
                        return Ok(());
                    };
                    if text.trim().is_empty() {
                        return Ok(());
                    }
                    if c.col >= MAX_COLUMNS {
                        out.cut_cells += 1;
                        return Ok(());
                    }
                    if last_content_row != Some(c.row) {
                        last_content_row = Some(c.row);
                        rows_with_content += 1;
                        if rows_with_content > MAX_ROWS {
                            return Err(ReadError::TooComplex {
                                format: FORMAT,
                                detail: format!("工作表「{name}」有内容的行超过 {MAX_ROWS} 行"),
                            });
                        }
                    }
                    budget.cells += 1;
                    budget.text += text.len();
                    if budget.cells > MAX_CELLS {
                        return Err(ReadError::TooComplex {
                            format: FORMAT,
                            detail: format!("有内容的单元格超过 {} 万个", MAX_CELLS / 10_000),
                        });
                    }
                    if budget.text > MAX_TEXT_BYTES {
                        return Err(ReadError::TooComplex {
                            format: FORMAT,
                            detail: format!("单元格文字合计超过 {} MB", MAX_TEXT_BYTES / 1_048_576),
                        });
                    }
                    out.cells.push(RawCell {
                        row: c.row,
                        col: c.col,
                        text,
                    });
                }
                _ => {}
            },
            Ev::Text(t) => {
                if let Some(c) = cell.as_mut() {
                    match target {
                        Target::Value => {
                            if let Some(v) = c.value.as_mut() {
                                v.push_str(t);
                            }
                        }
                        Target::Inline if phonetic == 0 => {
                            if let Some(v) = c.inline.as_mut() {
                                v.push_str(t);
                            }
                        }
                        _ => {}
                    }
                }
            }
        }
        Ok(())
    })?;
    Ok(out)
}

/// A cell's text as the user sees it; `None` for a cell with no value.
fn cell_text(c: &CellState, book: &Book, budget: &mut Budget) -> Option<String> {
    let value = c.value.as_deref();
    let text = match c.kind.as_str() {
        "s" => {
            let v = value?;
            match v
                .trim()
                .parse::<usize>()
                .ok()
                .and_then(|i| book.shared.get(i))
            {
                Some(s) => s.to_string(),
                None => {
                    budget.bad_shared += 1;
                    return None;
                }
            }
        }
        "inlineStr" => decode_escapes(c.inline.as_deref().or(value)?),
        "str" => decode_escapes(value?),
        "b" => match value?.trim() {
            "1" => "TRUE".to_string(),
            "0" => "FALSE".to_string(),
            other => other.to_string(),
        },
        "e" | "d" => value?.trim().to_string(),
        _ => {
            let Some(v) = value else {
                if c.inline.is_some() {
                    return c.inline.as_deref().map(decode_escapes);
                }
                return None;
            };
            let format = book
                .formats
                .get(c.style)
                .copied()
                .unwrap_or(NumFmt::General);
            format_number(v, format, book.date1904)
        }
    };
    Some(text)
}

/// A formula whose result was never saved (files written by programs that do
/// not calculate): read as blank, with a note.
fn is_formula_without_value(c: &CellState) -> bool {
    c.formula && c.value.is_none() && c.inline.is_none()
}

// ---------------------------------------------------------------------------
// Numbers
// ---------------------------------------------------------------------------

/// A stored number (`<v>`) shown as the user sees it; text that is not a
/// number is kept as it is.
fn format_number(raw: &str, format: NumFmt, date1904: bool) -> String {
    let t = raw.trim();
    let Some(v) = t.parse::<f64>().ok().filter(|v| v.is_finite()) else {
        return t.to_string();
    };
    // `parse` accepts "inf" and "nan"; only digits, sign, point and exponent
    // are a stored number.
    if !t
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.' | b'e' | b'E'))
    {
        return t.to_string();
    }
    match format {
        NumFmt::General => shortest(v),
        NumFmt::Decimals(n) => with_decimals(v, n),
        NumFmt::Percent(n) => format!("{}%", with_decimals(v * 100.0, n)),
        NumFmt::Date { date, time } => {
            format_date(v, date, time, date1904).unwrap_or_else(|| shortest(v))
        }
    }
}

/// The number rounded to 15 significant digits (what Excel shows in a wide
/// 「常规」 cell), without a decimal part when it is whole.
fn shortest(v: f64) -> String {
    let rounded: f64 = format!("{v:.14e}").parse().unwrap_or(v);
    if rounded == rounded.trunc() && rounded.abs() < 1e15 {
        // Whole and exactly representable: no ".0", and no "-0".
        let i = rounded as i64;
        return i.to_string();
    }
    format!("{rounded}")
}

/// The number with at least `n` decimals: padded with zeros as the format
/// shows it, but never rounded (more digits than the format shows are kept).
fn with_decimals(v: f64, n: u8) -> String {
    let s = shortest(v);
    let have = s.split_once('.').map_or(0, |(_, d)| d.len());
    let n = n as usize;
    if have >= n {
        return s;
    }
    let mut out = s;
    if have == 0 {
        out.push('.');
    }
    out.extend(std::iter::repeat_n('0', n - have));
    out
}

/// A date serial as `YYYY-MM-DD`, `HH:MM:SS` or both.
fn format_date(v: f64, date: bool, time: bool, date1904: bool) -> Option<String> {
    if !(0.0..2_958_466.0).contains(&v) {
        return None;
    }
    let mut days = v.trunc() as i64;
    let mut secs = ((v - v.trunc()) * 86_400.0).round() as i64;
    if secs >= 86_400 {
        days += 1;
        secs -= 86_400;
    }
    let day_text = if date1904 {
        let (y, m, d) = civil_from_days(days + days_from_civil(1904, 1, 1));
        format!("{y:04}-{m:02}-{d:02}")
    } else if days == 60 {
        // Excel's 1900-02-29, which never was (kept from Lotus 1-2-3).
        "1900-02-29".to_string()
    } else {
        let base = days_from_civil(1899, 12, if days < 60 { 31 } else { 30 });
        let (y, m, d) = civil_from_days(base + days);
        format!("{y:04}-{m:02}-{d:02}")
    };
    let time_text = format!(
        "{:02}:{:02}:{:02}",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    );
    Some(match (date, time) {
        (true, true) => format!("{day_text} {time_text}"),
        (false, true) => time_text,
        _ => day_text,
    })
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day count since 1970-01-01.
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

// ---------------------------------------------------------------------------
// References and escapes
// ---------------------------------------------------------------------------

/// `B3` → `(2, 1)` (0-based row, column); `None` when it is not a reference.
fn parse_ref(s: &str) -> Option<(u32, u32)> {
    let s = s.trim();
    let letters = s.bytes().take_while(u8::is_ascii_alphabetic).count();
    if !(1..=3).contains(&letters) {
        return None;
    }
    let (col, row) = s.split_at(letters);
    if row.is_empty() || row.len() > 7 || !row.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let row: u32 = row.parse().ok()?;
    if !(1..=LAST_ROW).contains(&row) {
        return None;
    }
    let col = col.bytes().fold(0u32, |acc, b| {
        acc * 26 + u32::from(b.to_ascii_uppercase() - b'A' + 1)
    });
    Some((row - 1, col - 1))
}

/// `A1:C2` → the range; a single cell is no merge.
fn parse_range(s: &str) -> Option<Rect> {
    let (a, b) = s.split_once(':')?;
    let (ra, ca) = parse_ref(a)?;
    let (rb, cb) = parse_ref(b)?;
    let rect = Rect {
        r0: ra.min(rb),
        c0: ca.min(cb),
        r1: ra.max(rb),
        c1: ca.max(cb),
    };
    (rect.r0 != rect.r1 || rect.c0 != rect.c1).then_some(rect)
}

/// The column's letters: 0 → `A`, 63 → `BL`.
fn column_name(col: u32) -> String {
    let mut n = col + 1;
    let mut out = Vec::new();
    while n > 0 {
        let d = (n - 1) % 26;
        out.push(b'A' + d as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Excel's escapes for characters XML cannot hold: `_x000D_` is a carriage
/// return, `_x005F_` a literal underscore. Other control characters are
/// dropped.
fn decode_escapes(s: &str) -> String {
    if !s.contains("_x") {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find("_x") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 2..];
        let hex = after
            .get(..4)
            .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()));
        match hex {
            Some(h) if after.as_bytes().get(4) == Some(&b'_') => {
                let c = u32::from_str_radix(h, 16).ok().and_then(char::from_u32);
                match c {
                    Some(c) if !c.is_control() || matches!(c, '\t' | '\n' | '\r') => out.push(c),
                    Some(_) => {}
                    None => out.push_str(&rest[i..i + 7]),
                }
                rest = &after[5..];
            }
            _ => {
                out.push_str("_x");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

// ---------------------------------------------------------------------------
// XML
// ---------------------------------------------------------------------------

/// What [`walk`] hands on: an opening tag (and whether it is empty, `<a/>`),
/// a closing tag's local name, or a piece of text with references resolved.
enum Ev<'e, 'x> {
    Open(&'e BytesStart<'x>, bool),
    Close(&'e [u8]),
    Text(&'e str),
}

/// Streams a part's XML events to `f`. Malformed XML, and a part that ends
/// with elements still open (a truncated part), is [`ReadError::Corrupt`].
fn walk(
    xml: &[u8],
    part: &str,
    mut f: impl FnMut(Ev<'_, '_>) -> Result<(), ReadError>,
) -> Result<(), ReadError> {
    let mut reader = Reader::from_reader(xml);
    let config = reader.config_mut();
    config.trim_text(false);
    config.check_end_names = true;
    config.expand_empty_elements = false;
    let mut depth = 0usize;
    loop {
        let event = match reader.read_event() {
            Ok(e) => e,
            Err(e) => {
                return Err(ReadError::Corrupt {
                    format: FORMAT,
                    detail: format!(
                        "{part} 的 XML 格式有误（第 {} 字节附近：{e}）",
                        reader.error_position()
                    ),
                });
            }
        };
        match event {
            Event::Start(e) => {
                depth += 1;
                f(Ev::Open(&e, false))?;
            }
            Event::Empty(e) => f(Ev::Open(&e, true))?,
            Event::End(e) => {
                depth = depth.saturating_sub(1);
                f(Ev::Close(e.local_name().as_ref()))?;
            }
            Event::Text(t) => f(Ev::Text(&String::from_utf8_lossy(&t)))?,
            Event::CData(t) => f(Ev::Text(&String::from_utf8_lossy(&t)))?,
            Event::GeneralRef(r) => {
                let text = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => match &*r as &[u8] {
                        b"amp" => "&".to_string(),
                        b"lt" => "<".to_string(),
                        b"gt" => ">".to_string(),
                        b"quot" => "\"".to_string(),
                        b"apos" => "'".to_string(),
                        other => format!("&{};", String::from_utf8_lossy(other)),
                    },
                };
                f(Ev::Text(&text))?;
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if depth > 0 {
        return Err(ReadError::Corrupt {
            format: FORMAT,
            detail: format!("{part} 的 XML 在结尾前中断（文件可能被截断）"),
        });
    }
    Ok(())
}

/// An attribute's value by local name (`r:id` is `id`), unescaped.
fn attr(e: &BytesStart<'_>, name: &[u8]) -> Option<String> {
    for a in e.attributes().with_checks(false) {
        let Ok(a) = a else {
            break;
        };
        if a.key.local_name().as_ref() == name {
            let raw = String::from_utf8_lossy(&a.value);
            return Some(match quick_xml::escape::unescape(&raw) {
                Ok(s) => s.into_owned(),
                Err(_) => raw.into_owned(),
            });
        }
    }
    None
}

// ---------------------------------------------------------------------------
// Layout: cells to paragraphs and tables
// ---------------------------------------------------------------------------

/// Where the document's paragraphs and table cells are in the workbook.
#[derive(Default)]
struct Places {
    paragraphs: Vec<Place>,
    tables: Vec<TablePlace>,
}

/// A table's sheet, and the sheet row and column of each table row and grid
/// column.
struct TablePlace {
    sheet: u32,
    rows: Vec<u32>,
    cols: Vec<u32>,
}

impl Places {
    /// A document place as a sheet place.
    fn map(&self, place: Place) -> Place {
        match place {
            Place::Paragraph { index } => self
                .paragraphs
                .get(index as usize)
                .copied()
                .unwrap_or(place),
            Place::Cell { table, row, col } => self
                .tables
                .get(table as usize)
                .and_then(|t| {
                    Some(Place::Sheet {
                        sheet: t.sheet,
                        row: *t.rows.get(row as usize)?,
                        col: *t.cols.get(col as usize)?,
                    })
                })
                .unwrap_or(place),
            other => other,
        }
    }
}

/// A row with content: its sheet row and its cells (sorted by column).
struct Line<'s> {
    row: u32,
    cells: &'s [RawCell],
}

/// How a grid position of a table is covered by merges.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Cover {
    Free,
    /// The top-left cell of a merge: the columns and the lines it spans.
    Anchor(u32, u32),
    Covered,
}

/// Lays out one sheet: blocks at empty rows, title rows as paragraphs, the
/// rest as tables. Returns the number of merges dropped for overlapping.
fn layout(sheet: u32, data: &mut SheetData, doc: &mut Document, places: &mut Places) -> usize {
    data.cells.sort_by_key(|c| (c.row, c.col));
    data.cells.dedup_by_key(|c| (c.row, c.col));
    let cells = &data.cells;
    let mut lines: Vec<Line<'_>> = Vec::new();
    let mut start = 0;
    while start < cells.len() {
        let row = cells[start].row;
        let end = start + cells[start..].iter().take_while(|c| c.row == row).count();
        lines.push(Line {
            row,
            cells: &cells[start..end],
        });
        start = end;
    }
    let (merges, overlapping) = clean_merges(&data.merges, lines.last().map_or(0, |l| l.row));
    // Blocks: rows with content, joined across empty rows only where a merge
    // anchored in the block still covers them.
    let mut from = 0;
    let mut reach = 0u32;
    let mut m = 0;
    for (i, line) in lines.iter().enumerate() {
        if i > from && line.row > lines[i - 1].row + 1 && line.row > reach.saturating_add(1) {
            lay_block(sheet, &lines[from..i], &merges, doc, places);
            from = i;
            reach = 0;
        }
        while m < merges.len() && merges[m].r0 < line.row {
            m += 1;
        }
        while m < merges.len() && merges[m].r0 == line.row {
            reach = reach.max(merges[m].r1);
            m += 1;
        }
    }
    if from < lines.len() {
        lay_block(sheet, &lines[from..], &merges, doc, places);
    }
    overlapping
}

/// Merges cut to the columns read and the rows with content, without any that
/// overlap an earlier one (counted), sorted by their first row.
fn clean_merges(merges: &[Rect], last_row: u32) -> (Vec<Rect>, usize) {
    let mut out: Vec<Rect> = Vec::new();
    let mut overlapping = 0;
    for m in merges {
        if m.c0 >= MAX_COLUMNS || m.r0 > last_row {
            continue;
        }
        let m = Rect {
            c1: m.c1.min(MAX_COLUMNS - 1),
            r1: m.r1.min(last_row),
            ..*m
        };
        if m.r0 == m.r1 && m.c0 == m.c1 {
            continue;
        }
        if out.iter().any(|o| o.overlaps(&m)) {
            overlapping += 1;
            continue;
        }
        out.push(m);
    }
    out.sort_by_key(|m| (m.r0, m.c0));
    (out, overlapping)
}

/// The merges that apply to a run of lines: anchored in one of its lines at
/// or right of `first_col`.
fn merges_in(lines: &[Line<'_>], merges: &[Rect], first_col: u32) -> Vec<Rect> {
    merges
        .iter()
        .filter(|m| m.c0 >= first_col && lines.binary_search_by_key(&m.r0, |l| l.row).is_ok())
        .copied()
        .collect()
}

/// The columns a run of lines uses: its first column and its width, counting
/// the merges anchored in it.
fn extent(lines: &[Line<'_>], merges: &[Rect]) -> (u32, u32, Vec<Rect>) {
    let first = lines
        .iter()
        .filter_map(|l| l.cells.first().map(|c| c.col))
        .min()
        .unwrap_or(0);
    let own = merges_in(lines, merges, first);
    let last = lines
        .iter()
        .filter_map(|l| l.cells.last().map(|c| c.col))
        .chain(own.iter().map(|m| m.c1))
        .max()
        .unwrap_or(first)
        .max(first);
    (first, last - first + 1, own)
}

/// The merge coverage of a run of lines (`own`: the merges anchored in it, see
/// [`extent`]); a row span counts the lines it covers.
fn coverage(lines: &[Line<'_>], own: &[Rect], first_col: u32, width: u32) -> Vec<Cover> {
    let w = width as usize;
    let mut grid = vec![Cover::Free; lines.len() * w];
    for m in own {
        let Ok(top) = lines.binary_search_by_key(&m.r0, |l| l.row) else {
            continue;
        };
        let bottom = top + lines[top..].iter().take_while(|l| l.row <= m.r1).count();
        let c0 = (m.c0 - first_col) as usize;
        let c1 = ((m.c1 - first_col) as usize).min(w - 1);
        for i in top..bottom {
            for cell in &mut grid[i * w + c0..=i * w + c1] {
                *cell = Cover::Covered;
            }
        }
        grid[top * w + c0] = Cover::Anchor((c1 - c0 + 1) as u32, (bottom - top) as u32);
    }
    grid
}

/// The cells of line `i` the user sees: those not hidden under a merge.
fn visible<'s>(
    line: &Line<'s>,
    cover: &[Cover],
    i: usize,
    first: u32,
    width: u32,
) -> Vec<&'s RawCell> {
    let w = width as usize;
    line.cells
        .iter()
        .filter(|c| {
            c.col >= first
                && ((c.col - first) as usize) < w
                && cover[i * w + (c.col - first) as usize] != Cover::Covered
        })
        .collect()
}

/// One block: title rows become paragraphs and split it; the runs between
/// them become tables (or paragraphs, when no row holds two cells).
fn lay_block(
    sheet: u32,
    block: &[Line<'_>],
    merges: &[Rect],
    doc: &mut Document,
    places: &mut Places,
) {
    let (first, width, own) = extent(block, merges);
    let cover = coverage(block, &own, first, width);
    let mut from = 0;
    for (i, line) in block.iter().enumerate() {
        let cells = visible(line, &cover, i, first, width);
        // A row inside a merge from a row above belongs to the table.
        let inside = own.iter().any(|m| m.r0 < line.row && line.row <= m.r1);
        if let [only] = cells.as_slice()
            && !inside
            && is_title(&only.text)
        {
            lay_run(sheet, &block[from..i], merges, doc, places);
            push_paragraph(sheet, only, doc, places);
            from = i + 1;
        }
    }
    lay_run(sheet, &block[from..], merges, doc, places);
}

fn push_paragraph(sheet: u32, cell: &RawCell, doc: &mut Document, places: &mut Places) {
    doc.blocks.push(Block::Paragraph(Paragraph {
        text: cell.text.clone(),
        heading: None,
    }));
    places.paragraphs.push(Place::Sheet {
        sheet,
        row: cell.row,
        col: cell.col,
    });
}

/// A run of lines between titles: a table, or paragraphs when no row has two
/// visible cells.
fn lay_run(sheet: u32, run: &[Line<'_>], merges: &[Rect], doc: &mut Document, places: &mut Places) {
    if run.is_empty() {
        return;
    }
    let (first, width, own) = extent(run, merges);
    let w = width as usize;
    let cover = coverage(run, &own, first, width);
    let shown: Vec<Vec<&RawCell>> = run
        .iter()
        .enumerate()
        .map(|(i, l)| visible(l, &cover, i, first, width))
        .collect();
    if shown.iter().all(|c| c.len() <= 1) {
        for cell in shown.iter().flatten() {
            push_paragraph(sheet, cell, doc, places);
        }
        return;
    }
    // A column no cell starts in, covered by merges in every row, holds
    // nothing of its own: a web page pasted into a sheet leaves a fine grid
    // of such columns. It is dropped and the merges over it span one column
    // less, so the table keeps the columns the user sees.
    let keep: Vec<bool> = (0..w)
        .map(|c| c == 0 || (0..run.len()).any(|i| cover[i * w + c] != Cover::Covered))
        .collect();
    let mut table = Table::default();
    for (i, cells) in shown.iter().enumerate() {
        let mut texts: Vec<&str> = vec![""; w];
        for c in cells {
            texts[(c.col - first) as usize] = &c.text;
        }
        let mut row = Vec::with_capacity(w);
        for (c, text) in texts.iter().enumerate() {
            match cover[i * w + c] {
                Cover::Covered => {}
                Cover::Free => row.push(TableCell::new(*text)),
                Cover::Anchor(cols, rows) => {
                    let mut cell = TableCell::new(*text);
                    let end = (c + cols as usize).min(w);
                    cell.col_span = keep[c..end].iter().filter(|&&k| k).count().max(1) as u32;
                    cell.row_span = rows;
                    row.push(cell);
                }
            }
        }
        table.rows.push(row);
    }
    doc.blocks.push(Block::Table(table));
    places.tables.push(TablePlace {
        sheet,
        rows: run.iter().map(|l| l.row).collect(),
        cols: (0..w)
            .filter(|&c| keep[c])
            .map(|c| first + c as u32)
            .collect(),
    });
}

/// Whether a lone cell is a title: a part heading of the report (by its
/// wording, with or without its ordinal) or the report's title. Table labels
/// (「一、本年新收政府信息公开申请数量」, 「第二十条第（一）项」) are not.
fn is_title(text: &str) -> bool {
    const PARTS: [&str; 8] = [
        "总体情况",
        "主动公开政府信息情况",
        "收到和处理政府信息公开申请情况",
        "政府信息公开行政复议",
        "行政复议、行政诉讼情况",
        "存在的主要问题",
        "其他需要报告的事项",
        "年度报告",
    ];
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    t.chars().count() <= 80 && PARTS.iter().any(|p| t.contains(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_shown() {
        assert_eq!(format_number("12", NumFmt::General, false), "12");
        assert_eq!(format_number("12.0", NumFmt::General, false), "12");
        assert_eq!(format_number("1.2E1", NumFmt::General, false), "12");
        assert_eq!(
            format_number("0.30000000000000004", NumFmt::General, false),
            "0.3"
        );
        assert_eq!(format_number("1010.25", NumFmt::General, false), "1010.25");
        assert_eq!(format_number("-0", NumFmt::General, false), "0");
        assert_eq!(format_number("0.012", NumFmt::Decimals(4), false), "0.0120");
        assert_eq!(format_number("3", NumFmt::Decimals(2), false), "3.00");
        // A format with fewer decimals never hides digits.
        assert_eq!(format_number("2.5", NumFmt::Decimals(0), false), "2.5");
        assert_eq!(format_number("0.125", NumFmt::Percent(1), false), "12.5%");
        assert_eq!(format_number("inf", NumFmt::General, false), "inf");
        assert_eq!(format_number("abc", NumFmt::General, false), "abc");
    }

    #[test]
    fn dates_read_as_dates() {
        let date = NumFmt::Date {
            date: true,
            time: false,
        };
        assert_eq!(format_number("44569", date, false), "2022-01-08");
        assert_eq!(format_number("1", date, false), "1900-01-01");
        assert_eq!(format_number("60", date, false), "1900-02-29");
        assert_eq!(format_number("61", date, false), "1900-03-01");
        assert_eq!(format_number("0", date, true), "1904-01-01");
        let both = NumFmt::Date {
            date: true,
            time: true,
        };
        assert_eq!(format_number("44569.5", both, false), "2022-01-08 12:00:00");
        assert_eq!(format_number("-1", date, false), "-1");
    }

    #[test]
    fn format_codes_are_classified() {
        assert_eq!(classify_format("0.0000"), NumFmt::Decimals(4));
        assert_eq!(
            classify_format("#,##0.00_ ;[Red]-#,##0.00"),
            NumFmt::Decimals(2)
        );
        assert_eq!(classify_format("0.0%"), NumFmt::Percent(1));
        assert_eq!(classify_format("General"), NumFmt::General);
        assert_eq!(classify_format("@"), NumFmt::General);
        assert_eq!(classify_format("0.00E+00"), NumFmt::General);
        assert_eq!(classify_format("0\"件\""), NumFmt::General);
        assert_eq!(
            classify_format("yyyy\"年\"m\"月\"d\"日\""),
            NumFmt::Date {
                date: true,
                time: false
            }
        );
        assert_eq!(
            classify_format("[h]:mm"),
            NumFmt::Date {
                date: false,
                time: true
            }
        );
        assert_eq!(
            builtin_format(14),
            NumFmt::Date {
                date: true,
                time: false
            }
        );
        assert_eq!(builtin_format(1), NumFmt::General);
    }

    #[test]
    fn references_and_escapes() {
        assert_eq!(parse_ref("A1"), Some((0, 0)));
        assert_eq!(parse_ref("B3"), Some((2, 1)));
        assert_eq!(parse_ref("XFD1048576"), Some((1_048_575, 16_383)));
        assert_eq!(parse_ref("A0"), None);
        assert_eq!(parse_ref("ABCD1"), None);
        assert_eq!(parse_ref("A99999999"), None);
        assert_eq!(
            parse_range("C2:A1"),
            Some(Rect {
                r0: 0,
                c0: 0,
                r1: 1,
                c1: 2
            })
        );
        assert_eq!(parse_range("A1:A1"), None);
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(63), "BL");
        assert_eq!(column_name(16_383), "XFD");
        assert_eq!(decode_escapes("a_x000D_b"), "a\rb");
        assert_eq!(decode_escapes("_x005F_x0041_"), "_x0041_");
        assert_eq!(decode_escapes("x_x0001_y_x"), "xy_x");
        assert_eq!(decode_escapes("_xZZZZ_"), "_xZZZZ_");
    }

    #[test]
    fn targets_resolve_against_their_part() {
        assert_eq!(
            resolve("xl/workbook.xml", "worksheets/sheet1.xml"),
            "xl/worksheets/sheet1.xml"
        );
        assert_eq!(
            resolve("xl/workbook.xml", "/xl/worksheets/s.xml"),
            "xl/worksheets/s.xml"
        );
        assert_eq!(resolve("xl/workbook.xml", "../x/s.xml"), "x/s.xml");
        assert_eq!(resolve("", "xl/workbook.xml"), "xl/workbook.xml");
        assert_eq!(rels_of("xl/workbook.xml"), "xl/_rels/workbook.xml.rels");
    }

    #[test]
    fn titles_are_part_headings_not_labels() {
        assert!(is_title("二、主动公开政府信息情况"));
        assert!(is_title("四、政府信息公开行政复议、行政诉讼情况"));
        assert!(is_title("XX局2021年政府信息公开工作年度报告"));
        assert!(!is_title("一、本年新收政府信息公开申请数量"));
        assert!(!is_title("第二十条第（一）项"));
        assert!(!is_title("行政复议"));
    }
}
