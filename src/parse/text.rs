//! Pasted and plain text: the [`Report`] model from what users paste.
//!
//! Users paste reports copied from Word (tab-separated tables, merged cells
//! flattened), from web pages (Markdown pipe tables, runs of spaces) and from
//! published PDFs (`pdftotext -layout`: labels wrapped over several lines,
//! numbers in columns, page numbers in between). This parser reads all of them
//! with one approach, in passes over the lines, keeping byte offsets so that
//! every value in the model points back at its text.
//!
//! 1. **Lines and cells.** [`split_lines`] keeps each line's offset;
//!    [`tokenize`] splits a line into cells at tabs, at `|` (Markdown tables),
//!    or at runs of two or more blanks (text laid out with spaces), keeping each
//!    cell's offset and its display column (a CJK character is two columns
//!    wide). A cell is text (a label), a value (a number or a placeholder such
//!    as 「/」) or empty. Numbers glued to a label by a single space are split off.
//! 2. **Headings** ([`head_of`]): Markdown headings, and short numbered lines
//!    (一、 （一） 1. （1）) that are not sentences and not table rows. A part is a
//!    heading numbered 「一、」… or one whose wording names a standard part
//!    ([`labels::part_kind`]).
//! 3. **Title** ([`find_title`]): the first line naming a year and a 年度报告,
//!    joined with the line before or after it when the title wraps.
//! 4. **Table regions** are found by their labels, not by position: table 二
//!    from 「第二十条…」 or its row labels, table 三 from its header note
//!    (勾稽关系, 申请人情况) or its first rows, table 四 from its 「行政复议」 header
//!    cell; each ends at the next part heading.
//! 5. **Rows** ([`Chains`]): inside a region, the text cells of each line are
//!    label fragments. A fragment that starts with an ordinal or is a complete
//!    label starts a new *chain*; any other fragment continues the most recent
//!    incomplete chain whose columns overlap it (a label wrapped over lines in a
//!    PDF, or the vertical 「三、本年度办理结果」 of table 三). The values of a line
//!    belong to the line's own (rightmost) label; a line of values alone belongs
//!    to the latest chain without values (a wrapped label whose numbers sit on a
//!    line of their own). Chains are then matched to the form's rows by
//!    [`labels`] (exact up to brackets, width, punctuation and spaces; a small
//!    typo is a fuzzy match); a chain with values that matches no row goes to
//!    `unknown_rows`.
//! 6. **Cells** ([`count_cell`], [`amount_cell`]): half- or full-width digits
//!    and thousands separators; the span covers exactly the digits.
//!
//! The parser never panics and takes time linear in the input: regions are
//! bounded, fuzzy matching is only tried on short labels, and look-backs are
//! limited to a few chains.

use super::labels::{self, T2Label, T3Group, T3Label};
use crate::model::{
    Cell, CellValue, Heading, Label, LabelMatch, Numbering, Part, PartKind, Report, Row, T2Item,
    T3Row, Table2, Table3, Table4,
};
use crate::text::Span;

/// Reads a report from text as users paste it.
pub fn parse_text(text: &str) -> Report {
    let lines = split_lines(text);
    let heads: Vec<Option<Head<'_>>> = lines.iter().map(|l| head_of(*l)).collect();
    let mut report = Report {
        text: text.to_string(),
        page_starts: page_starts(text),
        title: find_title(&lines, &heads),
        ..Report::default()
    };
    let mut regions = find_regions(&lines, &heads);
    if let Some(r) = regions.t2 {
        report.table2 = read_table2(&lines, r, &mut report);
    }
    if let Some(r) = regions.t3 {
        report.table3 = read_table3(&lines, r, &mut report.unknown_rows);
    }
    if let Some(r) = regions.t4 {
        let (t4, used) = read_table4(&lines, &heads, r);
        report.table4 = t4;
        regions.t4_lines = used;
    }
    read_headings(text, &lines, &heads, &regions, &mut report);
    report
}

// ---------------------------------------------------------------------------
// Lines
// ---------------------------------------------------------------------------

/// One line of the input, without its line break.
#[derive(Clone, Copy, Debug)]
struct Line<'a> {
    /// Byte offset of the line in the input.
    start: usize,
    text: &'a str,
}

impl Line<'_> {
    fn end(&self) -> usize {
        self.start + self.text.len()
    }

    fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }
}

/// Splits at `\n`, `\r\n` and lone `\r`, keeping byte offsets.
fn split_lines(text: &str) -> Vec<Line<'_>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let brk = match bytes[i] {
            b'\n' => 1,
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => 2,
            b'\r' => 1,
            _ => 0,
        };
        if brk == 0 {
            i += 1;
            continue;
        }
        out.push(Line {
            start,
            text: text.get(start..i).unwrap_or(""),
        });
        i += brk;
        start = i;
    }
    if start < bytes.len() {
        out.push(Line {
            start,
            text: text.get(start..).unwrap_or(""),
        });
    }
    out
}

/// Where pages 2, 3, … begin: after each form feed (pdftotext's page break),
/// unless nothing but blanks follows.
fn page_starts(text: &str) -> Vec<u32> {
    let content_end = text.trim_end().len();
    text.bytes()
        .enumerate()
        .filter(|&(i, b)| b == 0x0C && i + 1 < content_end)
        .map(|(i, _)| (i + 1) as u32)
        .collect()
}

/// Whether a line is a page number or page footer: 「-3-」「— 3 —」「第3页」「3/6」.
fn is_page_number(line: &str) -> bool {
    if line.len() > 96 {
        return false;
    }
    let t: String = line
        .chars()
        .map(labels::fold)
        .filter(|c| !c.is_whitespace())
        .collect();
    if t.is_empty() || t.chars().count() > 16 {
        return false;
    }
    let dash = |c: char| matches!(c, '-' | '—' | '–' | '―' | '─');
    let inner = t.trim_matches(dash);
    let digits = |s: &str| !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit());
    if inner.len() != t.len() && digits(inner) {
        return true;
    }
    if let Some(rest) = t.strip_prefix('第') {
        let (n, rest) = rest.split_at(rest.find('页').unwrap_or(rest.len()));
        return digits(n) && rest.starts_with('页');
    }
    if let Some((a, b)) = t.split_once('/') {
        return digits(a) && digits(b);
    }
    false
}

// ---------------------------------------------------------------------------
// Cells
// ---------------------------------------------------------------------------

/// How a line separates its cells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Sep {
    Tab,
    Pipe,
    /// Runs of two or more blanks (or an ideographic space).
    Space,
}

impl Sep {
    /// Tabs and pipes keep empty cells in place; runs of spaces do not.
    fn delimited(self) -> bool {
        self != Sep::Space
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Empty,
    /// A number or a placeholder.
    Value,
    Text,
}

/// One cell of a line.
#[derive(Clone, Copy, Debug)]
struct Tok<'a> {
    /// The cell's text, trimmed (empty for an empty delimited cell).
    text: &'a str,
    /// Byte offset of `text` in the input.
    start: usize,
    /// Display columns the text covers (a CJK character is two wide).
    x0: u32,
    x1: u32,
    kind: Kind,
}

impl Tok<'_> {
    fn span(&self) -> Span {
        Span::new(self.start, self.start + self.text.len())
    }
}

struct Cells<'a> {
    toks: Vec<Tok<'a>>,
    sep: Sep,
}

impl Cells<'_> {
    fn has_kind(&self, kind: Kind) -> bool {
        self.toks.iter().any(|t| t.kind == kind)
    }

    /// A Markdown table's `|---|:---|` line, or a line of dashes.
    fn is_rule(&self) -> bool {
        let mut long = false;
        for t in self.toks.iter().filter(|t| t.kind != Kind::Empty) {
            if !t
                .text
                .chars()
                .all(|c| matches!(c, '-' | ':' | '=' | '+' | '—' | '─' | '－' | ' '))
            {
                return false;
            }
            long |= t.text.chars().count() >= 3;
        }
        long
    }
}

fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFD)
}

/// Display width of a character at column `col`.
fn char_width(c: char, col: u32) -> u32 {
    if c == '\t' {
        8 - col % 8
    } else if c.is_control() {
        0
    } else if is_wide(c) {
        2
    } else {
        1
    }
}

fn is_blank_char(c: char) -> bool {
    c.is_whitespace() || c.is_control()
}

/// Splits a line into cells (see the module docs).
fn tokenize(line: Line<'_>) -> Cells<'_> {
    let s = line.text;
    let sep = if s.contains('\t') {
        Sep::Tab
    } else if s.trim_start().starts_with('|') && s.bytes().filter(|&b| b == b'|').count() >= 2 {
        Sep::Pipe
    } else {
        Sep::Space
    };
    // Raw cells: (start, end, x0, x1) relative to the line, trimmed.
    let mut raw: Vec<(usize, usize, u32, u32)> = Vec::new();
    let mut col = 0u32;
    let mut cur: Option<(usize, u32)> = None;
    let mut cur_end = (0usize, 0u32);
    let mut cell_at = (0usize, 0u32);
    let mut blanks = 0u32;
    let mut hard_blank = false;
    for (i, c) in s.char_indices() {
        let w = char_width(c, col);
        let is_delim = match sep {
            Sep::Tab => c == '\t',
            Sep::Pipe => c == '|',
            Sep::Space => false,
        };
        if is_delim {
            match cur.take() {
                Some((st, x)) => raw.push((st, cur_end.0, x, cur_end.1)),
                None => raw.push((cell_at.0, cell_at.0, cell_at.1, cell_at.1)),
            }
            cell_at = (i + c.len_utf8(), col.saturating_add(w));
            blanks = 0;
            hard_blank = false;
        } else if is_blank_char(c) {
            blanks += 1;
            hard_blank |= c != ' ';
        } else {
            if sep == Sep::Space
                && (blanks >= 2 || hard_blank)
                && let Some((st, x)) = cur.take()
            {
                raw.push((st, cur_end.0, x, cur_end.1));
            }
            if cur.is_none() {
                cur = Some((i, col));
            }
            cur_end = (i + c.len_utf8(), col.saturating_add(w));
            blanks = 0;
            hard_blank = false;
        }
        col = col.saturating_add(w);
    }
    match cur {
        Some((st, x)) => raw.push((st, cur_end.0, x, cur_end.1)),
        None if sep.delimited() => raw.push((cell_at.0, cell_at.0, cell_at.1, cell_at.1)),
        None => {}
    }
    if sep == Sep::Pipe {
        // The empty "cells" before the first and after the last pipe.
        if raw.first().is_some_and(|r| r.0 == r.1) {
            raw.remove(0);
        }
        if raw.last().is_some_and(|r| r.0 == r.1) {
            raw.pop();
        }
    }
    let mut toks = Vec::with_capacity(raw.len());
    for (st, en, x0, x1) in raw {
        let text = s.get(st..en).unwrap_or("");
        let tok = Tok {
            text,
            start: line.start + st,
            x0,
            x1,
            kind: classify(text),
        };
        if tok.kind == Kind::Text && text.contains(is_blank_char) {
            split_glued_values(tok, &mut toks);
        } else {
            toks.push(tok);
        }
    }
    Cells { toks, sep }
}

/// Splits a text cell whose words are separated by single blanks when its last
/// words are values (「规章 0 0 0」), or when all of them are (「0 0 0」).
fn split_glued_values<'a>(tok: Tok<'a>, out: &mut Vec<Tok<'a>>) {
    let mut words: Vec<Tok<'a>> = Vec::new();
    let mut col = tok.x0;
    let mut cur: Option<(usize, u32)> = None;
    let mut end = (0usize, 0u32);
    for (i, c) in tok.text.char_indices() {
        let w = char_width(c, col);
        if is_blank_char(c) {
            if let Some((st, x)) = cur.take() {
                words.push(sub_tok(tok, st, end.0, x, end.1));
            }
        } else {
            if cur.is_none() {
                cur = Some((i, col));
            }
            end = (i + c.len_utf8(), col.saturating_add(w));
        }
        col = col.saturating_add(w);
    }
    if let Some((st, x)) = cur {
        words.push(sub_tok(tok, st, end.0, x, end.1));
    }
    let values = words
        .iter()
        .rev()
        .take_while(|w| w.kind == Kind::Value)
        .count();
    if values == 0 {
        out.push(tok);
    } else if values == words.len() {
        out.extend(words);
    } else {
        let split = words.len() - values;
        let last_text = words[split - 1];
        let rel_end = last_text.start + last_text.text.len() - tok.start;
        out.push(Tok {
            text: tok.text.get(..rel_end).unwrap_or(tok.text),
            x1: last_text.x1,
            ..tok
        });
        out.extend(words.into_iter().skip(split));
    }
}

fn sub_tok<'a>(tok: Tok<'a>, st: usize, en: usize, x0: u32, x1: u32) -> Tok<'a> {
    let text = tok.text.get(st..en).unwrap_or("");
    Tok {
        text,
        start: tok.start + st,
        x0,
        x1,
        kind: classify(text),
    }
}

fn classify(t: &str) -> Kind {
    if t.is_empty() {
        Kind::Empty
    } else if is_placeholder(t) || scan_number(t).is_some() {
        Kind::Value
    } else {
        Kind::Text
    }
}

/// 「/」「／」「—」「-」「－」「——」「无」: written where a number belongs.
fn is_placeholder(t: &str) -> bool {
    t == "无"
        || t.chars().all(|c| {
            matches!(
                labels::fold(c),
                '/' | '\\' | '-' | '—' | '–' | '―' | '─' | '_'
            )
        })
}

/// A unit written after a number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Unit {
    None,
    /// 件 or 个: fine after a count.
    Piece,
    /// 万元 or 万: fine after the fee amount.
    TenThousandYuan,
    /// Anything else we still recognise as "a number with a unit" (元, %).
    Other,
}

/// A number as written: optional sign, digits with optional thousands
/// separators, an optional fraction and unit.
#[derive(Debug)]
struct Number {
    signed: bool,
    /// The integer digits, ASCII, without separators.
    int: String,
    /// The fraction digits, ASCII.
    frac: Option<String>,
    unit: Unit,
    /// Byte range of the digits (first to last digit) in the cell text.
    digits: (usize, usize),
}

fn scan_number(t: &str) -> Option<Number> {
    let chars: Vec<(usize, char)> = t.char_indices().collect();
    let mut i = 0;
    let at = |i: usize| chars.get(i).map(|&(_, c)| labels::fold(c));
    let signed = matches!(at(0), Some('+' | '-' | '−'));
    if signed {
        i += 1;
    }
    let digit = |i: usize| chars.get(i).and_then(|&(_, c)| labels::digit_value(c));
    let begin = chars.get(i).map(|&(b, _)| b)?;
    let mut int = String::new();
    let mut last = None;
    while let Some(d) = digit(i) {
        int.push(char::from_digit(d, 10).unwrap_or('0'));
        last = Some(i);
        i += 1;
    }
    if int.is_empty() {
        return None;
    }
    // Thousands separators: a comma followed by exactly three digits.
    while matches!(at(i), Some(',' | '，')) {
        let group: Vec<u32> = (i + 1..i + 5).map_while(digit).collect();
        if group.len() != 3 {
            return None;
        }
        for d in group {
            int.push(char::from_digit(d, 10).unwrap_or('0'));
        }
        last = Some(i + 3);
        i += 4;
    }
    let mut frac = None;
    if at(i) == Some('.') {
        let mut f = String::new();
        i += 1;
        while let Some(d) = digit(i) {
            f.push(char::from_digit(d, 10).unwrap_or('0'));
            last = Some(i);
            i += 1;
        }
        if f.is_empty() {
            return None;
        }
        frac = Some(f);
    }
    let end = last
        .and_then(|l| chars.get(l))
        .map(|&(b, c)| b + c.len_utf8())?;
    let rest = chars.get(i).map_or("", |&(b, _)| t.get(b..).unwrap_or(""));
    let unit = match rest.trim_start() {
        "" => Unit::None,
        "件" | "个" => Unit::Piece,
        "万元" | "万" => Unit::TenThousandYuan,
        "元" | "%" | "％" => Unit::Other,
        _ => return None,
    };
    Some(Number {
        signed,
        int,
        frac,
        unit,
        digits: (begin, end),
    })
}

/// A count cell (table 三, 四, and all of table 二 but the fee).
fn count_cell(tok: Option<&Tok<'_>>) -> Cell {
    let Some(tok) = tok else {
        return Cell::blank();
    };
    if tok.kind == Kind::Empty {
        return Cell {
            value: CellValue::Blank,
            raw: String::new(),
            span: Some(Span::new(tok.start, tok.start)),
        };
    }
    let whole = Cell {
        value: CellValue::Invalid,
        raw: tok.text.to_string(),
        span: Some(tok.span()),
    };
    if is_placeholder(tok.text) {
        return Cell {
            value: CellValue::Placeholder,
            ..whole
        };
    }
    match scan_number(tok.text) {
        Some(n) if !n.signed && n.frac.is_none() && matches!(n.unit, Unit::None | Unit::Piece) => {
            match n.int.parse::<u64>() {
                Ok(v) => Cell {
                    value: CellValue::Int(v),
                    raw: tok.text.to_string(),
                    span: Some(Span::new(tok.start + n.digits.0, tok.start + n.digits.1)),
                },
                Err(_) => whole,
            }
        }
        _ => whole,
    }
}

/// The fee amount cell of table 二: a decimal in 万元.
fn amount_cell(tok: Option<&Tok<'_>>) -> Cell {
    let Some(t) = tok else {
        return Cell::blank();
    };
    if t.kind == Kind::Empty || is_placeholder(t.text) {
        return count_cell(tok);
    }
    match scan_number(t.text) {
        Some(n) if !n.signed && matches!(n.unit, Unit::None | Unit::TenThousandYuan) => {
            let value = match &n.frac {
                Some(f) => format!("{}.{f}", n.int),
                None => n.int.clone(),
            };
            Cell {
                value: CellValue::Decimal(value),
                raw: t.text.to_string(),
                span: Some(Span::new(t.start + n.digits.0, t.start + n.digits.1)),
            }
        }
        _ => Cell {
            value: CellValue::Invalid,
            raw: t.text.to_string(),
            span: Some(t.span()),
        },
    }
}

/// Places the value cells of a row into `n` columns. With tabs or pipes an
/// empty cell keeps its place, but empty cells left over from flattened merged
/// label cells (before the values) and trailing empty cells are dropped first.
/// Returns the `n` columns (`None`: the row ended early) and the values beyond.
fn fit<'t, 'a>(
    toks: &'t [Tok<'a>],
    delimited: bool,
    n: usize,
) -> (Vec<Option<&'t Tok<'a>>>, Vec<&'t Tok<'a>>) {
    let mut list: Vec<&Tok<'a>> = if delimited {
        toks.iter().collect()
    } else {
        toks.iter().filter(|t| t.kind != Kind::Empty).collect()
    };
    while list.last().is_some_and(|t| t.kind == Kind::Empty) {
        list.pop();
    }
    let lead = list
        .iter()
        .take_while(|t| t.kind == Kind::Empty)
        .count()
        .min(list.len().saturating_sub(n));
    list.drain(..lead);
    let mut cells: Vec<Option<&Tok<'a>>> = list.iter().take(n).map(|t| Some(*t)).collect();
    cells.resize(n, None);
    let extra = list
        .into_iter()
        .skip(n)
        .filter(|t| t.kind != Kind::Empty)
        .collect();
    (cells, extra)
}

/// Values of table 二's fee row or counts elsewhere.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ValueKind {
    Count,
    Amount,
}

fn make_row<const N: usize>(
    label: Label,
    matched: LabelMatch,
    values: &RowValues<'_>,
    kind: ValueKind,
) -> Row<N> {
    let (cells, extra) = fit(&values.toks, values.delimited, N);
    let cells = std::array::from_fn(|i| {
        let tok = cells.get(i).copied().flatten();
        match kind {
            ValueKind::Count => count_cell(tok),
            ValueKind::Amount => amount_cell(tok),
        }
    });
    Row {
        label,
        matched,
        cells,
        extra: extra
            .into_iter()
            .map(|t| Label {
                text: t.text.to_string(),
                span: t.span(),
            })
            .collect(),
    }
}

// ---------------------------------------------------------------------------
// Headings
// ---------------------------------------------------------------------------

/// A line that may be a heading.
#[derive(Clone, Debug)]
struct Head<'a> {
    /// The text without Markdown markers, trimmed.
    text: &'a str,
    /// Byte offset of `text` in the input.
    start: usize,
    markdown_level: Option<u8>,
    numbering: Numbering,
    /// Which part the wording names, and whether it names it in standard words.
    kind: Option<(PartKind, bool)>,
    /// The line is a label of table 三 (「三、本年度办理结果」, 「（七）总计」).
    t3_like: bool,
}

impl Head<'_> {
    fn span(&self) -> Span {
        Span::new(self.start, self.start + self.text.len())
    }

    /// Whether this heading is one of the six parts (or a wrongly numbered one).
    fn is_part(&self) -> bool {
        if self.t3_like {
            return false;
        }
        match self.numbering {
            Numbering::ChineseComma(_) => true,
            Numbering::None => self
                .kind
                .is_some_and(|(_, strong)| strong || self.markdown_level.is_some()),
            _ => self.kind.is_some_and(|(_, strong)| strong),
        }
    }
}

/// Whether `t` has a gap of two blanks (or an ideographic space) inside.
fn has_cell_gap(t: &str) -> bool {
    let mut run = 0;
    for c in t.chars() {
        if c == '\u{3000}' || c == '\t' {
            return true;
        }
        if c.is_whitespace() {
            run += 1;
            if run >= 2 {
                return true;
            }
        } else {
            run = 0;
        }
    }
    false
}

/// Reads a line as a heading, if it is one (see the module docs).
fn head_of(line: Line<'_>) -> Option<Head<'_>> {
    const MAX_LINE: usize = 600;
    const MAX_PLAIN_CHARS: usize = 40;
    if line.text.len() > MAX_LINE {
        return None;
    }
    let trimmed = line.text.trim_matches(is_blank_char);
    if trimmed.is_empty() || trimmed.starts_with('|') {
        return None;
    }
    let hashes = trimmed.bytes().take_while(|&b| b == b'#').count();
    let (markdown_level, body) = if (1..=6).contains(&hashes) {
        (Some(hashes as u8), trimmed.get(hashes..).unwrap_or(""))
    } else if let Some(rest) = ["- ", "* ", "+ ", "• "]
        .iter()
        .find_map(|m| trimmed.strip_prefix(m))
    {
        (None, rest)
    } else {
        (None, trimmed)
    };
    let body_trim = body.trim_matches(is_blank_char);
    let body_trim = if markdown_level.is_some() {
        body_trim
            .trim_end_matches('#')
            .trim_end_matches(is_blank_char)
    } else {
        body_trim
    };
    if body_trim.is_empty() {
        return None;
    }
    // `body_trim` is a sub-slice of the line.
    let offset = body_trim.as_ptr() as usize - line.text.as_ptr() as usize;
    let (numbering, num_len) = labels::parse_numbering(body_trim).unwrap_or((Numbering::None, 0));
    let rest = body_trim.get(num_len..).unwrap_or("");
    if numbering != Numbering::None && rest.trim().is_empty() {
        return None;
    }
    if markdown_level.is_none() {
        if line.text.contains('\t') || has_cell_gap(body_trim) {
            return None;
        }
        if body_trim.chars().count() > MAX_PLAIN_CHARS || body_trim.contains('。') {
            return None;
        }
        if body_trim.ends_with(['，', ',', '；', ';', '：', ':', '、']) {
            return None;
        }
        // 「（七）总计 0」: a table row, not a heading.
        if rest
            .split_whitespace()
            .last()
            .is_some_and(|w| classify(w) == Kind::Value)
        {
            return None;
        }
    }
    let kind = labels::part_kind(body_trim);
    if markdown_level.is_none()
        && numbering == Numbering::None
        && !kind.is_some_and(|(_, strong)| strong)
    {
        return None;
    }
    let t3_like = match numbering {
        Numbering::ChineseComma(_) if kind.is_none() => labels::is_t3_comma_label(body_trim),
        _ => labels::is_t3_exact(body_trim),
    };
    Some(Head {
        text: body_trim,
        start: line.start + offset,
        markdown_level,
        numbering,
        kind,
        t3_like,
    })
}

fn read_headings(
    text: &str,
    lines: &[Line<'_>],
    heads: &[Option<Head<'_>>],
    regions: &Regions,
    report: &mut Report,
) {
    let mut part_lines: Vec<(usize, &Head<'_>)> = Vec::new();
    for (i, h) in heads.iter().enumerate() {
        let Some(h) = h else { continue };
        if regions.contains(i) || (h.t3_like && h.markdown_level.is_none()) {
            continue;
        }
        report.headings.push(Heading {
            text: h.text.to_string(),
            span: h.span(),
            markdown_level: h.markdown_level,
            numbering: h.numbering,
        });
        if h.is_part() {
            part_lines.push((i, h));
        }
    }
    for (k, &(i, h)) in part_lines.iter().enumerate() {
        let body_start = lines.get(i).map_or(h.span().end as usize, |l| l.end());
        let body_end = part_lines
            .get(k + 1)
            .and_then(|&(j, _)| lines.get(j))
            .map_or(text.len(), |l| l.start);
        report.parts.push(Part {
            number: match h.numbering {
                Numbering::ChineseComma(n) => Some(n),
                _ => None,
            },
            kind: h.kind.map(|(k, _)| k),
            heading: Label {
                text: h.text.to_string(),
                span: h.span(),
            },
            body: Span::new(body_start, body_end.max(body_start)),
        });
    }
}

// ---------------------------------------------------------------------------
// Title
// ---------------------------------------------------------------------------

/// The first year (1990–2100) followed by 「年」: its value and byte range.
fn find_year(t: &str) -> Option<(i32, usize, usize)> {
    let chars: Vec<(usize, char)> = t.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let run = chars[i..]
            .iter()
            .take_while(|&&(_, c)| labels::digit_value(c).is_some())
            .count();
        if run == 0 {
            i += 1;
            continue;
        }
        if run == 4 {
            let year = chars[i..i + 4]
                .iter()
                .filter_map(|&(_, c)| labels::digit_value(c))
                .fold(0i32, |acc, d| acc * 10 + d as i32);
            let after = chars[i + 4..]
                .iter()
                .find(|&&(_, c)| !c.is_whitespace())
                .map(|&(_, c)| c);
            if (1990..=2100).contains(&year) && after == Some('年') {
                let (b0, _) = chars[i];
                let (b3, c3) = chars[i + 3];
                return Some((year, b0, b3 + c3.len_utf8()));
            }
        }
        i += run;
    }
    None
}

/// A title line's text, without Markdown markers: (text, byte offset).
fn title_text(line: Line<'_>) -> (&str, usize) {
    let t = line.text.trim_matches(is_blank_char);
    let t = t.trim_start_matches('#').trim_matches(is_blank_char);
    let off = if t.is_empty() {
        0
    } else {
        t.as_ptr() as usize - line.text.as_ptr() as usize
    };
    (t, line.start + off)
}

fn names_report(t: &str) -> bool {
    let n = labels::normalize(t);
    n.contains("年度报告") || n.contains("工作报告") || n.contains("年报")
}

/// A short line that can be part of a wrapped title.
fn title_piece(t: &str) -> bool {
    !t.is_empty()
        && t.chars().count() <= 30
        && !t.contains(['。', '，', '：', ':', '；', '|', '\t'])
}

fn find_title(lines: &[Line<'_>], heads: &[Option<Head<'_>>]) -> Option<crate::model::Title> {
    title_with_year(lines, heads).or_else(|| title_without_year(lines, heads))
}

/// The line before the first part where the title may stand.
fn title_limit(lines: &[Line<'_>], heads: &[Option<Head<'_>>]) -> usize {
    heads
        .iter()
        .position(|h| h.as_ref().is_some_and(Head::is_part))
        .unwrap_or(lines.len())
        .min(80)
        .min(lines.len())
}

/// A title that names no year (「政府信息公开工作年度报告」): read so that the
/// missing year can be reported. The body is the text before 「政府信息公开」.
fn title_without_year(
    lines: &[Line<'_>],
    heads: &[Option<Head<'_>>],
) -> Option<crate::model::Title> {
    let limit = title_limit(lines, heads);
    lines.get(..limit)?.iter().find_map(|&line| {
        let (t, start) = title_text(line);
        if !title_piece(t) || !names_report(t) || t.contains(['、', '（', '(']) {
            return None;
        }
        let body: String = t
            .split("政府信息公开")
            .next()
            .filter(|b| b.len() < t.len())
            .unwrap_or("")
            .chars()
            .filter(|c| !is_blank_char(*c))
            .collect();
        let body = body.strip_prefix("关于").unwrap_or(&body);
        Some(crate::model::Title {
            text: t.to_string(),
            span: Span::new(start, start + t.len()),
            body: (!body.is_empty()).then(|| body.to_string()),
            year: None,
        })
    })
}

/// The first title-like line naming a year and a report, joined with the line
/// before or after it when the title wraps.
fn title_with_year(lines: &[Line<'_>], heads: &[Option<Head<'_>>]) -> Option<crate::model::Title> {
    let limit = title_limit(lines, heads);
    let non_blank = |from: usize, down: bool| -> Option<usize> {
        let mut i = from;
        for _ in 0..3 {
            i = if down {
                i.checked_add(1)?
            } else {
                i.checked_sub(1)?
            };
            if lines.get(i)?.is_blank() {
                continue;
            }
            return Some(i);
        }
        None
    };
    for i in 0..limit {
        let line = lines[i];
        if line.text.len() > 400 {
            continue;
        }
        let (t, _) = title_text(line);
        let Some((year, y0, _)) = find_year(t) else {
            continue;
        };
        let mut pieces = vec![i];
        if !names_report(t) {
            // 「淮安市人民政府2024年政府信息公开工作」 + 「年度报告」.
            match non_blank(i, true) {
                Some(j)
                    if title_piece(title_text(lines[j]).0)
                        && names_report(title_text(lines[j]).0) =>
                {
                    pieces.push(j)
                }
                _ => continue,
            }
        }
        // A title is not a sentence.
        if t.len() > 200 || t.contains(['。', '，', ',', '；', ';']) {
            continue;
        }
        let before_year = t.get(..y0).unwrap_or("");
        let mut body_prefix = String::new();
        if before_year.trim().is_empty()
            && let Some(j) = non_blank(i, false)
            && heads[j].is_none()
            && title_piece(title_text(lines[j]).0)
            && find_year(title_text(lines[j]).0).is_none()
        {
            // 「洪泽区人民政府」 on the line above 「2023 年…年度报告」.
            pieces.insert(0, j);
            body_prefix = title_text(lines[j]).0.to_string();
        }
        let text: String = pieces.iter().map(|&j| title_text(lines[j]).0).collect();
        let start = title_text(lines[pieces[0]]).1;
        let last = lines[*pieces.last().unwrap_or(&i)];
        let (lt, lstart) = title_text(last);
        let body_raw = format!("{body_prefix}{before_year}");
        let body: String = body_raw.chars().filter(|c| !is_blank_char(*c)).collect();
        let body = body.strip_prefix("关于").unwrap_or(&body);
        let body = body.trim_matches(['《', '》', '“', '”', '"', '「', '」']);
        return Some(crate::model::Title {
            text,
            span: Span::new(start, (lstart + lt.len()).max(start)),
            body: (!body.is_empty()).then(|| body.to_string()),
            year: Some(year),
        });
    }
    None
}

// ---------------------------------------------------------------------------
// Table regions
// ---------------------------------------------------------------------------

/// Line ranges `[start, end)` of the tables.
#[derive(Debug, Default)]
struct Regions {
    t2: Option<(usize, usize)>,
    t3: Option<(usize, usize)>,
    /// Table 四: the line of its 「行政复议」 header (or the part heading when
    /// the header is missing) and the end of the search for its values.
    t4: Option<T4Region>,
    /// The lines table 四 was read from, filled in when it is read.
    t4_lines: Option<(usize, usize)>,
}

#[derive(Clone, Copy, Debug)]
struct T4Region {
    start: usize,
    end: usize,
    /// Whether `start` is the table's own header (not just the part heading).
    header: bool,
}

impl Regions {
    fn contains(&self, i: usize) -> bool {
        let within = |r: Option<(usize, usize)>| r.is_some_and(|(s, e)| (s..e).contains(&i));
        within(self.t2) || within(self.t3) || within(self.t4_lines)
    }
}

fn is_part_line(heads: &[Option<Head<'_>>], i: usize) -> bool {
    heads
        .get(i)
        .and_then(|h| h.as_ref())
        .is_some_and(|h| h.is_part() || (h.markdown_level.is_some() && !h.t3_like))
}

fn part_line_of(heads: &[Option<Head<'_>>], kind: PartKind) -> Option<usize> {
    heads.iter().position(|h| {
        h.as_ref()
            .is_some_and(|h| h.is_part() && h.kind.map(|k| k.0) == Some(kind))
    })
}

/// The 「行政复议」 header cell of table 四.
fn is_t4_anchor(line: Line<'_>) -> bool {
    line.text.contains("行政复议")
        && line.text.len() < 2000
        && tokenize(line)
            .toks
            .iter()
            .any(|t| t.kind == Kind::Text && labels::normalize(t.text) == "行政复议")
}

/// A line that starts table 三: its header note, its 申请人情况 header, or its first rows.
fn is_t3_anchor(line: Line<'_>) -> bool {
    let s = line.text;
    let hit = ["勾稽", "申请人情况", "本年新收", "上年结转"]
        .iter()
        .any(|w| s.contains(w));
    if !hit || s.len() > 4000 {
        return false;
    }
    let cells = tokenize(line);
    if s.contains("勾稽")
        && cells
            .toks
            .iter()
            .any(|t| t.text.chars().count() < 80 && t.text.contains("勾稽"))
    {
        return true;
    }
    cells.toks.iter().any(|t| {
        t.kind == Kind::Text
            && (labels::normalize(t.text) == "申请人情况"
                || matches!(
                    labels::match_t3_exact(t.text),
                    Some(T3Label::Row(T3Row::R01 | T3Row::R02))
                ) && cells.has_kind(Kind::Value))
    })
}

/// A line that starts table 二: 「第二十条第（一）项」, 「信息内容」 or a row.
fn is_t2_anchor(line: Line<'_>) -> bool {
    let s = line.text;
    let hit = ["第二十条", "信息内容", "规章", "规范性文件", "行政许可"]
        .iter()
        .any(|w| s.contains(w));
    if !hit || s.len() > 4000 {
        return false;
    }
    let cells = tokenize(line);
    cells.toks.iter().any(|t| {
        if t.kind != Kind::Text {
            return false;
        }
        let n = labels::normalize(t.text);
        (n.starts_with("第二十条") && n.chars().count() <= 16)
            || n == "信息内容"
            || (labels::is_t2_exact(t.text) && cells.has_kind(Kind::Value))
    })
}

const T2_MAX_LINES: usize = 200;
const T3_MAX_LINES: usize = 600;
const T4_MAX_LINES: usize = 80;

fn find_regions(lines: &[Line<'_>], heads: &[Option<Head<'_>>]) -> Regions {
    let mut regions = Regions::default();
    let n = lines.len();
    // Table 三.
    let t3_start = (0..n).find(|&i| is_t3_anchor(lines[i]));
    if let Some(s) = t3_start {
        let end = (s + 1..n.min(s + T3_MAX_LINES))
            .find(|&j| is_part_line(heads, j) || is_t4_anchor(lines[j]))
            .unwrap_or(n.min(s + T3_MAX_LINES));
        regions.t3 = Some((s, end));
    }
    // Table 二: before table 三.
    let t2_from = part_line_of(heads, PartKind::ActiveDisclosure).unwrap_or(0);
    let t2_limit = t3_start.unwrap_or(n);
    if t2_from < t2_limit
        && let Some(s) =
            (t2_from..t2_limit).find(|&i| !is_part_line(heads, i) && is_t2_anchor(lines[i]))
    {
        let end = (s + 1..t2_limit.min(s + T2_MAX_LINES))
            .find(|&j| is_part_line(heads, j))
            .unwrap_or(t2_limit.min(s + T2_MAX_LINES));
        regions.t2 = Some((s, end));
    }
    // Table 四: after table 三 (or the part heading).
    let appeals = part_line_of(heads, PartKind::Appeals);
    let t4_from = match (regions.t3, appeals) {
        (Some((_, e)), _) => e,
        (None, Some(a)) => a,
        (None, None) => 0,
    };
    let bound = n.min(t4_from + T4_MAX_LINES * 3);
    let mut anchor = None;
    for i in t4_from..bound {
        let other_part = heads[i]
            .as_ref()
            .is_some_and(|h| h.kind.map(|k| k.0) != Some(PartKind::Appeals));
        if i > t4_from && is_part_line(heads, i) && other_part {
            break;
        }
        if !is_part_line(heads, i) && is_t4_anchor(lines[i]) {
            anchor = Some(i);
            break;
        }
    }
    let start = match (anchor, appeals) {
        (Some(a), _) => Some((a, true)),
        (None, Some(a)) if a >= t4_from => Some((a, false)),
        _ => None,
    };
    if let Some((s, header)) = start {
        let end = (s + 1..n.min(s + T4_MAX_LINES))
            .find(|&j| is_part_line(heads, j))
            .unwrap_or(n.min(s + T4_MAX_LINES));
        regions.t4 = Some(T4Region {
            start: s,
            end,
            header,
        });
    }
    regions
}

// ---------------------------------------------------------------------------
// Rows: label chains and their values
// ---------------------------------------------------------------------------

/// A label made of one or more fragments (a label wrapped over lines).
struct Chain<'a> {
    frags: Vec<Tok<'a>>,
    x0: u32,
    x1: u32,
    /// The fragments so far are exactly a label of the table.
    complete: bool,
    has_values: bool,
}

impl Chain<'_> {
    fn text(&self) -> String {
        self.frags.iter().map(|f| f.text).collect()
    }

    fn span(&self) -> Span {
        let mut it = self.frags.iter().map(Tok::span);
        let first = it.next().unwrap_or_default();
        it.fold(first, Span::cover)
    }
}

/// The values of one row, from one or more lines.
struct RowValues<'a> {
    toks: Vec<Tok<'a>>,
    delimited: bool,
}

/// A run of values and the chain it belongs to.
struct ValueGroup<'a> {
    values: RowValues<'a>,
    chain: Option<usize>,
    /// How many chains existed when the group started.
    chains_before: usize,
    span: Span,
}

/// The labels and values of a table region.
struct Chains<'a> {
    chains: Vec<Chain<'a>>,
    groups: Vec<ValueGroup<'a>>,
}

/// How far back a fragment looks for the label it continues.
const CHAIN_LOOKBACK: usize = 16;
/// No label has more fragments than this.
const CHAIN_MAX_FRAGS: usize = 12;
/// How many of a line's last text cells may be its row's own label.
const OWN_LABEL_CANDIDATES: usize = 4;

impl<'a> Chains<'a> {
    /// Reads the lines of a region. `exact` says whether a text is exactly a
    /// label of the table; `row_like` whether it is fit to be a row label (a
    /// fuzzy match, when exact fails); `n_cols` is the number of value columns,
    /// up to which lines of values alone are joined; `blank_row` whether an
    /// exact label followed only by empty cells of a delimited line is a row
    /// whose cells are all blank (an unfilled form), not a merged group label.
    fn build(
        lines: &[Line<'a>],
        range: (usize, usize),
        n_cols: usize,
        exact: &dyn Fn(&str) -> bool,
        row_like: &dyn Fn(&str) -> bool,
        blank_row: &dyn Fn(&str) -> bool,
    ) -> Self {
        let mut me = Chains {
            chains: Vec::new(),
            groups: Vec::new(),
        };
        // Whether the last thing read was a group of values with no label since.
        let mut open_values = false;
        for line in lines.get(range.0..range.1).unwrap_or(&[]) {
            if line.is_blank() || is_page_number(line.text) {
                continue;
            }
            let cells = tokenize(*line);
            if cells.is_rule() {
                continue;
            }
            let toks = &cells.toks;
            let delimited = cells.sep.delimited();
            let first_text = toks.iter().position(|t| t.kind == Kind::Text);
            let Some(first_text) = first_text else {
                if !cells.has_kind(Kind::Value) {
                    continue;
                }
                // Values alone.
                let span = Span::new(line.start, line.end());
                let seg = trim_segment(toks, delimited, open_values);
                match me.groups.last_mut() {
                    Some(g)
                        if open_values
                            && g.values
                                .toks
                                .iter()
                                .filter(|t| t.kind != Kind::Empty)
                                .count()
                                < n_cols =>
                    {
                        trim_trailing_empty(&mut g.values.toks);
                        g.values.toks.extend(seg);
                        g.span = g.span.cover(span);
                    }
                    _ => {
                        me.groups.push(ValueGroup {
                            values: RowValues {
                                toks: seg,
                                delimited,
                            },
                            chain: None,
                            chains_before: me.chains.len(),
                            span,
                        });
                    }
                }
                open_values = true;
                continue;
            };
            // The first value after a label ends the label part.
            let first_value = toks
                .iter()
                .skip(first_text + 1)
                .position(|t| t.kind == Kind::Value)
                .map(|p| p + first_text + 1);
            let label_end = first_value.unwrap_or(toks.len());
            let labels_idx: Vec<usize> = (0..label_end)
                .filter(|&i| toks[i].kind == Kind::Text)
                .collect();
            // The row's own label: the rightmost exact label, else (with values)
            // the rightmost that resembles one, else the last text before the
            // values. Text after the matched label is a value only when it is
            // short and unnumbered (「若干」); otherwise it is the row's own
            // label, one the form does not have. Only the last few text cells are
            // candidates (a row has at most three labels).
            let recent = &labels_idx[labels_idx.len().saturating_sub(OWN_LABEL_CANDIDATES)..];
            let matched = recent
                .iter()
                .rev()
                .find(|&&i| exact(toks[i].text))
                .or_else(|| {
                    first_value?;
                    recent.iter().rev().find(|&&i| row_like(toks[i].text))
                })
                .copied();
            let after = |o: usize| labels_idx.iter().filter(move |&&i| i > o);
            let value_like = |i: &usize| {
                toks[*i].text.chars().count() <= 3
                    && labels::parse_numbering(toks[*i].text).is_none()
            };
            let own = match first_value {
                Some(_) => Some(
                    matched
                        .filter(|&o| after(o).all(value_like))
                        .or(labels_idx.last().copied())
                        .unwrap_or(first_text),
                ),
                // 「行政许可→若干」: a label whose only value is text.
                None => matched
                    .filter(|&o| after(o).count() > 0 && after(o).all(value_like))
                    .or_else(|| {
                        // An unfilled row: 「规章\t\t\t」 as a blank form has it,
                        // the last text of a delimited line followed by (nearly)
                        // a row's worth of empty cells.
                        let last = *labels_idx.last()?;
                        let empty = toks[last + 1..]
                            .iter()
                            .filter(|t| t.kind == Kind::Empty)
                            .count();
                        (delimited
                            && empty + 1 >= n_cols
                            && empty == toks.len() - last - 1
                            && blank_row(toks[last].text))
                        .then_some(last)
                    }),
            };
            for &i in &labels_idx {
                if own.is_some_and(|o| i > o) {
                    break;
                }
                let is_row = own == Some(i);
                let ci = me.attach(toks[i], is_row, delimited, exact);
                if is_row {
                    let seg: Vec<Tok<'a>> = toks.get(i + 1..).unwrap_or(&[]).to_vec();
                    let span = Span::new(line.start, line.end());
                    me.groups.push(ValueGroup {
                        values: RowValues {
                            toks: seg,
                            delimited,
                        },
                        chain: Some(ci),
                        chains_before: me.chains.len(),
                        span,
                    });
                    if let Some(c) = me.chains.get_mut(ci) {
                        c.has_values = true;
                    }
                }
            }
            open_values = own.is_some();
        }
        me
    }

    /// Adds a label fragment: continues a chain, or starts one.
    fn attach(
        &mut self,
        tok: Tok<'a>,
        is_row: bool,
        delimited: bool,
        exact: &dyn Fn(&str) -> bool,
    ) -> usize {
        let starter = labels::parse_numbering(tok.text).is_some() || exact(tok.text);
        if !starter && !delimited {
            let from = self.chains.len().saturating_sub(CHAIN_LOOKBACK);
            for ci in (from..self.chains.len()).rev() {
                let c = &mut self.chains[ci];
                if c.complete || c.frags.len() >= CHAIN_MAX_FRAGS || (is_row && c.has_values) {
                    continue;
                }
                if tok.x0 < c.x1 && c.x0 < tok.x1 {
                    c.frags.push(tok);
                    c.x0 = c.x0.min(tok.x0);
                    c.x1 = c.x1.max(tok.x1);
                    c.complete = exact(&c.text());
                    return ci;
                }
            }
        }
        self.chains.push(Chain {
            frags: vec![tok],
            x0: tok.x0,
            x1: tok.x1,
            complete: exact(tok.text),
            has_values: false,
        });
        self.chains.len() - 1
    }

    /// Gives each group of values alone a chain: first, for every group, the
    /// latest chain started since the previous group that takes values and has
    /// none (a label above or beside its numbers); then, for the groups still
    /// without one, the first such chain after it that is still without values
    /// (a label below its numbers). `takes_values` says whether a (complete)
    /// label may carry values (a merged group cell such as （三）不予公开 may not).
    fn resolve(&mut self, takes_values: &dyn Fn(&str) -> bool) {
        for backward in [true, false] {
            for gi in 0..self.groups.len() {
                if self.groups[gi].chain.is_some() {
                    continue;
                }
                let cb = self.groups[gi].chains_before;
                let found = if backward {
                    let lo = gi
                        .checked_sub(1)
                        .and_then(|p| self.groups.get(p))
                        .map_or(0, |p| p.chains_before);
                    (lo..cb).rev().find(|&ci| self.free(ci, takes_values))
                } else {
                    let hi = self
                        .groups
                        .get(gi + 1)
                        .map_or(self.chains.len(), |g| g.chains_before);
                    (cb..hi).find(|&ci| self.free(ci, takes_values))
                };
                if let Some(ci) = found {
                    self.groups[gi].chain = Some(ci);
                    if let Some(c) = self.chains.get_mut(ci) {
                        c.has_values = true;
                    }
                }
            }
        }
    }

    /// Whether chain `ci` can still take a group of values.
    fn free(&self, ci: usize, takes_values: &dyn Fn(&str) -> bool) -> bool {
        self.chains
            .get(ci)
            .is_some_and(|c| !c.has_values && takes_values(&c.text()))
    }

    /// The rows found, in order, and the groups of values that belong to no label.
    fn rows(self) -> (Vec<FoundRow<'a>>, Vec<Label>) {
        let mut rows = Vec::new();
        let mut orphans = Vec::new();
        for g in self.groups {
            match g.chain.and_then(|ci| self.chains.get(ci).map(|c| (ci, c))) {
                Some((chain, c)) => rows.push(FoundRow {
                    label: Label {
                        text: c.text(),
                        span: c.span(),
                    },
                    chain,
                    span: c.span().cover(g.span),
                    values: g.values,
                }),
                None => orphans.push(Label {
                    text: g
                        .values
                        .toks
                        .iter()
                        .filter(|t| t.kind != Kind::Empty)
                        .map(|t| t.text)
                        .collect::<Vec<_>>()
                        .join(" "),
                    span: g.span,
                }),
            }
        }
        (rows, orphans)
    }
}

/// A label with its values.
struct FoundRow<'a> {
    label: Label,
    /// The index of the label's chain, in document order.
    chain: usize,
    /// The lines the row was read from.
    span: Span,
    values: RowValues<'a>,
}

fn trim_trailing_empty(toks: &mut Vec<Tok<'_>>) {
    while toks.last().is_some_and(|t| t.kind == Kind::Empty) {
        toks.pop();
    }
}

/// The cells of a line of values alone; a line continuing a group drops its
/// leading empty cells.
fn trim_segment<'a>(toks: &[Tok<'a>], delimited: bool, continuing: bool) -> Vec<Tok<'a>> {
    let mut seg: Vec<Tok<'a>> = if delimited {
        toks.to_vec()
    } else {
        toks.iter()
            .filter(|t| t.kind != Kind::Empty)
            .copied()
            .collect()
    };
    trim_trailing_empty(&mut seg);
    if continuing {
        let lead = seg.iter().take_while(|t| t.kind == Kind::Empty).count();
        seg.drain(..lead);
    }
    seg
}

// ---------------------------------------------------------------------------
// Table 三
// ---------------------------------------------------------------------------

fn read_table3(
    lines: &[Line<'_>],
    range: (usize, usize),
    unknown: &mut Vec<Label>,
) -> Option<Table3> {
    let exact = |t: &str| labels::match_t3_exact(t).is_some();
    let row_like = |t: &str| labels::match_t3(t, None).is_some();
    let blank_row = |t: &str| match labels::match_t3_exact(t) {
        Some(T3Label::Row(_) | T3Label::Group(T3Group::Other)) => true,
        Some(T3Label::Group(_)) => false,
        // 「3.其他」 is a row only under its group: placed later.
        None => row_like(t),
    };
    let mut chains = Chains::build(lines, range, 7, &exact, &row_like, &blank_row);
    // Merged group cells (（三）不予公开 …) carry no values of their own;
    // （六）其他处理 does in the 2019 layout.
    chains.resolve(&|t| {
        !matches!(
            labels::match_t3_exact(t),
            Some(T3Label::Group(g)) if g != T3Group::Other
        )
    });
    // Group context: the latest group label before each chain.
    let mut current: Option<T3Group> = None;
    let hint_of: Vec<Option<T3Group>> = chains
        .chains
        .iter()
        .map(|c| {
            if let Some(T3Label::Group(g)) = labels::match_t3_exact(&c.text())
                && g != T3Group::Results
            {
                current = Some(g);
            }
            current
        })
        .collect();
    let (found, orphans) = chains.rows();
    let mut rows: [Option<Row<7>>; 25] = std::array::from_fn(|_| None);
    let mut single_other: Option<Row<7>> = None;
    let mut span = lines.get(range.0).map(|l| Span::new(l.start, l.end()));
    for row in found {
        span = Some(span.map_or(row.span, |s| s.cover(row.span)));
        let hint = hint_of.get(row.chain).copied().flatten();
        match labels::match_t3(&row.label.text, hint) {
            Some((T3Label::Row(r), m)) if rows[r.index()].is_none() => {
                rows[r.index()] = Some(make_row(row.label, m, &row.values, ValueKind::Count));
            }
            Some((T3Label::Group(T3Group::Other), m)) if single_other.is_none() => {
                single_other = Some(make_row(row.label, m, &row.values, ValueKind::Count));
            }
            // Unknown, a duplicate, or a group cell with values (a subtotal).
            _ => unknown.push(row.label),
        }
    }
    unknown.extend(orphans);
    // The 2019 layout: a single （六）其他处理 row, kept as r21.
    let mut single_other_row = false;
    if let Some(row) = single_other {
        if rows[20..23].iter().all(Option::is_none) {
            rows[20] = Some(row);
            single_other_row = true;
        } else {
            unknown.push(row.label);
        }
    }
    rows.iter().any(Option::is_some).then(|| Table3 {
        span: span.unwrap_or_default(),
        rows,
        single_other_row,
    })
}

// ---------------------------------------------------------------------------
// Table 二
// ---------------------------------------------------------------------------

fn read_table2(lines: &[Line<'_>], range: (usize, usize), report: &mut Report) -> Option<Table2> {
    // Labels of the 2019 trial format, wherever they stand in the table.
    let mut old_columns = false;
    for line in lines.get(range.0..range.1).unwrap_or(&[]) {
        for t in tokenize(*line).toks.iter().filter(|t| t.kind == Kind::Text) {
            if labels::is_old_format_label(t.text) {
                let n = labels::normalize(t.text);
                old_columns |= n.contains("上一年项目数量") || n.contains("本年增减");
                report.old_format_labels.push(Label {
                    text: t.text.to_string(),
                    span: t.span(),
                });
            }
        }
    }
    let exact = |t: &str| labels::is_t2_exact(t);
    let row_like = |t: &str| labels::match_t2(t).is_some();
    let mut chains = Chains::build(lines, range, 3, &exact, &row_like, &exact);
    chains.resolve(&|_| true);
    let (found, orphans) = chains.rows();
    let mut t2 = Table2 {
        span: lines
            .get(range.0)
            .map_or_else(Span::default, |l| Span::new(l.start, l.end())),
        rules: None,
        normative: None,
        licensing: None,
        penalty: None,
        coercion: None,
        fee: None,
    };
    let mut any = false;
    for mut row in found {
        let Some((l, m)) = labels::match_t2(&row.label.text) else {
            if !labels::is_old_format_label(&row.label.text) {
                report.unknown_rows.push(row.label);
            }
            continue;
        };
        let placed = match l {
            T2Label::Item(T2Item::Rules) => place(&mut t2.rules, &row, m, ValueKind::Count),
            T2Label::Item(T2Item::Normative) => place(&mut t2.normative, &row, m, ValueKind::Count),
            // The 2019 wording of 行政规范性文件: read into it, as a near miss.
            T2Label::OldNormative => {
                place(&mut t2.normative, &row, LabelMatch::Fuzzy, ValueKind::Count)
            }
            T2Label::Item(item @ (T2Item::Licensing | T2Item::Penalty | T2Item::Coercion)) => {
                if old_columns {
                    decision_count_first(&mut row.values);
                }
                let slot = match item {
                    T2Item::Licensing => &mut t2.licensing,
                    T2Item::Penalty => &mut t2.penalty,
                    _ => &mut t2.coercion,
                };
                place(slot, &row, m, ValueKind::Count)
            }
            // The 2019 fee row counts items (上一年项目数量, 本年增/减), not money.
            T2Label::Item(T2Item::Fee) if old_columns => continue,
            T2Label::Item(T2Item::Fee) => place(&mut t2.fee, &row, m, ValueKind::Amount),
            T2Label::OldRow => continue,
        };
        if placed {
            any = true;
            t2.span = t2.span.cover(row.span);
        } else {
            report.unknown_rows.push(row.label);
        }
    }
    report.unknown_rows.extend(orphans);
    any.then_some(t2)
}

/// Fills an empty row slot; `false` when the row was already read (a duplicate).
fn place<const N: usize>(
    slot: &mut Option<Row<N>>,
    row: &FoundRow<'_>,
    m: LabelMatch,
    kind: ValueKind,
) -> bool {
    if slot.is_some() {
        return false;
    }
    *slot = Some(make_row(row.label.clone(), m, &row.values, kind));
    true
}

/// The 2019 rows of （五）（六） read 上一年项目数量 | 本年增/减 | 处理决定数量:
/// puts the third value, the count the 2021 form asks for, first, and the
/// others after it (they become the row's extra values).
fn decision_count_first(values: &mut RowValues<'_>) {
    let mut non_empty: Vec<Tok<'_>> = values
        .toks
        .iter()
        .filter(|t| t.kind != Kind::Empty)
        .copied()
        .collect();
    if non_empty.len() >= 3 {
        let third = non_empty.remove(2);
        non_empty.insert(0, third);
        values.toks = non_empty;
        values.delimited = false;
    }
}

// ---------------------------------------------------------------------------
// Table 四
// ---------------------------------------------------------------------------

/// Reads table 四; also returns the lines it was read from.
fn read_table4(
    lines: &[Line<'_>],
    heads: &[Option<Head<'_>>],
    region: T4Region,
) -> (Option<Table4>, Option<(usize, usize)>) {
    const N: usize = 15;
    let mut toks: Vec<Tok<'_>> = Vec::new();
    let mut delimited = false;
    let mut first_line = None;
    let mut last_line = None;
    // Whether the values are an unfilled form's empty cells.
    let mut blank_form = false;
    let end = region.end.min(lines.len());
    // The table's own header line may carry the values too, when the table
    // is laid out as rows (「行政复议 | 5 values」, as in a spreadsheet).
    let from = region.start + usize::from(!region.header);
    for (i, &line) in lines.iter().enumerate().take(end).skip(from) {
        // An unfilled form's row of values: only tabs, one per cell.
        let unfilled = first_line.is_none()
            && line
                .text
                .trim_matches([' ', '\u{3000}'])
                .chars()
                .all(|c| c == '\t')
            && line.text.matches('\t').count() + 1 >= N;
        if (line.is_blank() && !unfilled) || is_page_number(line.text) {
            continue;
        }
        if is_part_line(heads, i) {
            break;
        }
        let cells = tokenize(line);
        if cells.is_rule() {
            continue;
        }
        blank_form |= unfilled;
        if !cells.has_kind(Kind::Value) && !unfilled {
            if first_line.is_some() {
                break;
            }
            continue;
        }
        let after_label = cells
            .toks
            .iter()
            .rposition(|t| t.kind == Kind::Text)
            .map_or(0, |p| p + 1);
        let seg = trim_segment(
            cells.toks.get(after_label..).unwrap_or(&[]),
            cells.sep.delimited(),
            first_line.is_some(),
        );
        if first_line.is_none() {
            first_line = Some(i);
            delimited = cells.sep.delimited();
        } else {
            trim_trailing_empty(&mut toks);
        }
        toks.extend(seg);
        last_line = Some(i);
        if toks.iter().filter(|t| t.kind != Kind::Empty).count() >= N {
            break;
        }
    }
    let start_span = lines
        .get(region.start)
        .map(|l| Span::new(l.start, l.end()))
        .unwrap_or_default();
    let Some(last) = last_line else {
        let t4 = region.header.then_some(Table4 {
            span: start_span,
            groups: [None, None, None],
        });
        return (
            t4,
            region.header.then_some((region.start, region.start + 1)),
        );
    };
    let (cells, _extra) = fit(&toks, delimited, N);
    let groups = std::array::from_fn(|g| {
        let part = cells.get(g * 5..g * 5 + 5).unwrap_or(&[]);
        (blank_form || part.iter().any(Option::is_some))
            .then(|| std::array::from_fn(|f| count_cell(part.get(f).copied().flatten())))
    });
    let span_start = if region.header {
        start_span
    } else {
        first_line
            .and_then(|i| lines.get(i))
            .map(|l| Span::new(l.start, l.end()))
            .unwrap_or(start_span)
    };
    let end = lines.get(last).map_or(span_start.end as usize, |l| l.end());
    let first = if region.header {
        region.start
    } else {
        first_line.unwrap_or(last)
    };
    (
        Some(Table4 {
            span: Span::new(
                span_start.start as usize,
                end.max(span_start.start as usize),
            ),
            groups,
        }),
        Some((first, last + 1)),
    )
}
