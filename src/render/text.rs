//! The terminal report: a header per file, then each finding in the manner of
//! rustc and ruff, with the source line and a caret underline.
//!
//! ```text
//! a.txt：雁鸣湖镇2021年政府信息公开工作年度报告（2021年）：错误 1，警告 0，提示 0
//!
//! error[A301] 自然人列：第一项(5)+第二项(1)=6，第三项总计(5)+第四项(2)=7，相差1
//!  --> a.txt:2:8
//!   |
//! 2 | 一、本年新收    5    1
//!   |                 ^
//!   = 位置：表三 自然人列 第一项（本年新收）
//!   = 帮助：核对自然人列
//!   = 相关位置：
//!     - a.txt 表三 自然人列 第三项（七）总计
//! ```
//!
//! Columns are counted in terminal cells: CJK characters are two wide, tabs are
//! shown as four spaces. Colour is the caller's choice ([`Style`]); the output
//! is otherwise plain and stable, for tests.

use std::fmt::Write as _;

use crate::Checked;
use crate::diagnostic::{Diagnostic, Location, Severity};
use crate::model::Report;
use crate::rules::cell_span;
use crate::text::{LineIndex, Span};

/// How to render: with ANSI colours or plain.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Style {
    pub color: bool,
}

impl Style {
    pub const PLAIN: Style = Style { color: false };

    fn paint(self, codes: &str, s: &str) -> String {
        if self.color {
            format!("\x1b[{codes}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }

    fn severity(self, sev: Severity, s: &str) -> String {
        let codes = match sev {
            Severity::Error => "1;31",
            Severity::Warning => "1;33",
            Severity::Info => "1;36",
        };
        self.paint(codes, s)
    }

    fn gutter(self, s: &str) -> String {
        self.paint("1;34", s)
    }

    fn bold(self, s: &str) -> String {
        self.paint("1", s)
    }
}

/// Spaces a tab is shown as.
const TAB_WIDTH: usize = 4;
/// Source lines wider than this are shown as a window around the finding.
const MAX_LINE_WIDTH: usize = 120;
/// Cells of context kept before the finding in a windowed line.
const WINDOW_BEFORE: usize = 40;

/// The width of a character in terminal cells: 2 for East Asian wide and
/// fullwidth characters, 0 for combining marks and zero-width characters, else 1.
pub fn char_width(c: char) -> usize {
    let c = c as u32;
    match c {
        0x0300..=0x036F | 0x200B..=0x200F | 0x2028..=0x202E | 0x2060..=0x2064 => 0,
        0xFE00..=0xFE0F | 0xFEFF | 0xE0100..=0xE01EF => 0,
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xA960..=0xA97F
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE10..=0xFE19
        | 0xFE30..=0xFE6F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x1F300..=0x1F64F
        | 0x1F900..=0x1F9FF
        | 0x20000..=0x3FFFD => 2,
        _ => 1,
    }
}

/// The width of a string in terminal cells, as shown (tabs as [`TAB_WIDTH`]).
pub fn str_width(s: &str) -> usize {
    s.chars().map(shown).map(|(_, w)| w).sum()
}

/// How a source character is shown: tabs as spaces, control characters as `�`.
fn shown(c: char) -> (&'static str, usize) {
    match c {
        '\t' => ("    ", TAB_WIDTH),
        c if c.is_control() => ("\u{FFFD}", 1),
        _ => ("", char_width(c)),
    }
}

/// The header line of a checked file.
pub fn header(path: &str, checked: &Checked, style: Style) -> String {
    let (e, w, i) = checked.counts();
    let title = match &checked.report.title {
        Some(t) => t.text.clone(),
        None => "（未识别到标题）".to_string(),
    };
    let year = match checked.report.year() {
        Some(y) => format!("（{y}年）"),
        None => String::new(),
    };
    format!(
        "{}：{title}{year}：错误 {e}，警告 {w}，提示 {i}",
        style.bold(path)
    )
}

/// The whole report of one checked file: its header and every finding.
pub fn render_file(path: &str, checked: &Checked, style: Style) -> String {
    let index = LineIndex::new(&checked.report.text);
    let mut out = header(path, checked, style);
    out.push('\n');
    for d in &checked.diagnostics {
        out.push('\n');
        out.push_str(&render_diagnostic(path, &checked.report, &index, d, style));
    }
    out
}

/// A file that could not be read.
pub fn render_error(path: &str, error: &str, style: Style) -> String {
    format!(
        "{}：{} {error}\n",
        style.bold(path),
        style.severity(Severity::Error, "无法检查：")
    )
}

/// The closing line over several files.
pub fn summary(files: usize, unreadable: usize, counts: (usize, usize, usize)) -> String {
    let (e, w, i) = counts;
    let mut s = format!("共 {files} 个文件：错误 {e}，警告 {w}，提示 {i}");
    if unreadable > 0 {
        let _ = write!(s, "；{unreadable} 个文件无法读取");
    }
    s.push('\n');
    s
}

/// Where a location lies in the text: its span (the cell's source for a cell).
fn location_span(report: &Report, loc: &Location) -> Option<Span> {
    match loc {
        Location::Span(s) => Some(*s),
        Location::Cell(c) => cell_span(report, *c),
        Location::Document => None,
    }
}

/// `path:line:col` of a span, or just `path`.
fn position(path: &str, report: &Report, index: &LineIndex, span: Option<Span>) -> String {
    match span {
        Some(s) => {
            let (line, col) = index.line_col(&report.text, s.start);
            let mut p = format!("{path}:{line}:{col}");
            if let Some(page) = report.page_of(s.start) {
                let _ = write!(p, "（第 {page} 页）");
            }
            p
        }
        None => path.to_string(),
    }
}

/// One finding.
pub fn render_diagnostic(
    path: &str,
    report: &Report,
    index: &LineIndex,
    d: &Diagnostic,
    style: Style,
) -> String {
    let mut out = String::new();
    let span = location_span(report, &d.location);
    let line_no = span.map(|s| index.line_col(&report.text, s.start).0);
    let pad = " ".repeat(line_no.map_or(1, |n| n.to_string().len()));

    let _ = writeln!(
        out,
        "{} {}",
        style.severity(d.severity, &format!("{}[{}]", d.severity.key(), d.code)),
        style.bold(&d.message)
    );
    let _ = writeln!(
        out,
        "{pad}{} {}",
        style.gutter("-->"),
        position(path, report, index, span)
    );
    if let (Some(s), Some(n)) = (span, line_no) {
        let (line, underline) = excerpt(&report.text, s);
        let bar = style.gutter("|");
        let _ = writeln!(out, "{pad} {bar}");
        let _ = writeln!(out, "{} {bar} {line}", style.gutter(&n.to_string()));
        let _ = writeln!(
            out,
            "{pad} {bar} {}",
            style.severity(d.severity, &underline)
        );
    }
    let eq = style.gutter("=");
    if let Location::Cell(c) = d.location {
        let _ = writeln!(out, "{pad} {eq} 位置：{}", c.describe());
    }
    if let Some(v) = d.suggested_value {
        let _ = writeln!(out, "{pad} {eq} 建议值：{v}");
    }
    if let Some(h) = &d.help {
        let _ = writeln!(out, "{pad} {eq} 帮助：{h}");
    }
    if let Some(f) = &d.fix {
        let _ = writeln!(out, "{pad} {eq} 修正：{}", f.title);
    }
    let related: Vec<&Location> = d
        .related
        .iter()
        .filter(|l| !matches!(l, Location::Document))
        .collect();
    if !related.is_empty() {
        let _ = writeln!(out, "{pad} {eq} 相关位置：");
        for l in related {
            let s = location_span(report, l);
            let what = match l {
                Location::Cell(c) => c.describe(),
                Location::Span(s) => format!("「{}」", clip(s.slice(&report.text), 30)),
                Location::Document => String::new(),
            };
            let _ = writeln!(out, "{pad}   - {} {what}", position(path, report, index, s));
        }
    }
    if let Some(o) = &d.other {
        let _ = writeln!(out, "{pad} {eq} 对照：{}", o.path);
        for p in &o.places {
            let mut at = o.path.clone();
            if p.span.is_some() {
                let _ = write!(at, ":{}:{}", p.line, p.column);
                if let Some(page) = p.page {
                    let _ = write!(at, "（第 {page} 页）");
                }
            }
            let what = match (p.cell, p.text.is_empty()) {
                (Some(c), _) => c.describe(),
                (None, false) => format!("「{}」", clip(&p.text, 30)),
                (None, true) => String::new(),
            };
            let _ = writeln!(out, "{pad}   - {at} {what}");
        }
    }
    out
}

/// One row of the summary table over a batch.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SummaryRow {
    pub path: String,
    pub body: Option<String>,
    pub year: Option<i32>,
    /// The input format (`text`, `docx`, `pdf`, …), when the file was read.
    pub format: Option<&'static str>,
    /// Errors and warnings; `None` when the file could not be read.
    pub counts: Option<(usize, usize)>,
}

/// The summary table over a batch: one row per file (路径、机关、年度、格式、错误、
/// 警告、状态), then the similar pairs (H901) as `a ↔ b：第二部分 83%…`.
pub fn summary_table(rows: &[SummaryRow], similar: &[String]) -> String {
    let header = ["文件", "机关", "年度", "格式", "错误", "警告", "状态"];
    let cells: Vec<[String; 7]> = rows
        .iter()
        .map(|r| {
            let (e, w, status) = match r.counts {
                Some((e, w)) => (
                    e.to_string(),
                    w.to_string(),
                    if e == 0 { "通过" } else { "不通过" },
                ),
                None => ("-".to_string(), "-".to_string(), "无法读取"),
            };
            [
                r.path.clone(),
                r.body.clone().unwrap_or_else(|| "-".to_string()),
                r.year.map_or("-".to_string(), |y| y.to_string()),
                r.format.unwrap_or("-").to_string(),
                e,
                w,
                status.to_string(),
            ]
        })
        .collect();
    let mut widths: Vec<usize> = header.iter().map(|h| str_width(h)).collect();
    for row in &cells {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(str_width(c));
        }
    }
    let line = |row: &[String]| {
        let mut s = String::new();
        for (i, (c, w)) in row.iter().zip(&widths).enumerate() {
            s.push_str(c);
            if i + 1 < row.len() {
                s.push_str(&" ".repeat(w - str_width(c) + 2));
            }
        }
        s.push('\n');
        s
    };
    let mut out = String::from("汇总：\n");
    out.push_str(&line(&header.map(str::to_string)));
    for row in &cells {
        out.push_str(&line(row));
    }
    if !similar.is_empty() {
        let _ = writeln!(out, "\n正文雷同的报告（H901）：");
        for s in similar {
            let _ = writeln!(out, "  {s}");
        }
    }
    out.push('\n');
    out
}

/// The first `max` characters of `s` on one line, with 「…」 when cut.
fn clip(s: &str, max: usize) -> String {
    let one_line: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let mut chars = one_line.chars();
    let head: String = chars.by_ref().take(max).collect();
    if chars.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}

/// The source line holding `span.start`, as shown, and the caret underline of the
/// span's part on that line. Both are windowed when the line is very wide.
fn excerpt(text: &str, span: Span) -> (String, String) {
    let mut start = (span.start as usize).min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let end = (span.end as usize).clamp(start, line_end);

    // Each character of the line: its byte offset, how it is shown and its width.
    let mut cells: Vec<(usize, String, usize)> = Vec::new();
    for (i, c) in text[line_start..line_end].char_indices() {
        let at = line_start + i;
        if c == '\r' && at + 1 == line_end {
            break;
        }
        let (rep, w) = shown(c);
        let rep = if rep.is_empty() {
            c.to_string()
        } else {
            rep.to_string()
        };
        cells.push((at, rep, w));
    }

    // The window: the whole line, or a slice around the span.
    let total: usize = cells.iter().map(|c| c.2).sum();
    let (mut from, mut to) = (0, cells.len());
    if total > MAX_LINE_WIDTH {
        let first = cells
            .iter()
            .position(|c| c.0 >= start)
            .unwrap_or(cells.len());
        let mut width = 0;
        from = first;
        while from > 0 && width + cells[from - 1].2 <= WINDOW_BEFORE {
            from -= 1;
            width += cells[from].2;
        }
        to = from;
        width = 0;
        while to < cells.len() && width + cells[to].2 <= MAX_LINE_WIDTH {
            width += cells[to].2;
            to += 1;
        }
        // Always show at least the first character of the span.
        to = to.max((first + 1).min(cells.len()));
    }

    let mut line = String::new();
    let mut under = String::new();
    if from > 0 {
        line.push('…');
        under.push(' ');
    }
    for (at, rep, w) in &cells[from..to] {
        line.push_str(rep);
        let mark = if *at >= start && *at < end { '^' } else { ' ' };
        if *at < end {
            under.extend(std::iter::repeat_n(mark, *w));
        }
    }
    if to < cells.len() {
        line.push('…');
    }
    if start == end || !under.contains('^') {
        // An empty span, or one that begins at the end of its line.
        under.push('^');
    }
    (line.trim_end().to_string(), under.trim_end().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{CellRef, Fix};
    use crate::model::{Cell, LabelMatch, Row, T3Col, T3Row, Table3, Title};
    use crate::model::{Label, T4Field, T4Group};
    use crate::rules::rule;

    fn report() -> Report {
        let text = "雁鸣湖镇2021年政府信息公开工作年度报告\n一、本年新收\t5\t1\n".to_string();
        let row_at = text.find("一、").unwrap();
        let five = text.rfind('5').unwrap();
        let mut cells: [Cell; 7] = std::array::from_fn(|_| Cell::blank());
        cells[0] = Cell::int(5, Span::new(five, five + 1));
        let mut rows: [Option<Row<7>>; 25] = std::array::from_fn(|_| None);
        rows[0] = Some(Row {
            label: Label {
                text: "一、本年新收".to_string(),
                span: Span::new(row_at, row_at + "一、本年新收".len()),
            },
            matched: LabelMatch::Exact,
            cells,
            extra: Vec::new(),
        });
        let title_len = text.find('\n').unwrap();
        Report {
            title: Some(Title {
                text: text[..title_len].to_string(),
                span: Span::new(0, title_len),
                body: Some("雁鸣湖镇".to_string()),
                year: Some(2021),
            }),
            table3: Some(Table3 {
                span: Span::new(row_at, text.len()),
                rows,
                single_other_row: false,
            }),
            text,
            ..Report::default()
        }
    }

    #[test]
    fn widths_count_cjk_as_two() {
        assert_eq!(str_width("abc"), 3);
        assert_eq!(str_width("年报"), 4);
        assert_eq!(str_width("（一）"), 6);
        assert_eq!(str_width("a\tb"), 6);
        assert_eq!(char_width('\u{0301}'), 0);
    }

    #[test]
    fn cell_finding_points_at_the_digits() {
        let r = report();
        let d = Diagnostic::new(
            rule("A301").unwrap(),
            Location::Cell(CellRef::t3(T3Row::R01, T3Col::Np)),
            "自然人列：第一项(5)+第二项(1)=6，第三项总计(5)+第四项(2)=7，相差1",
        )
        .with_help("核对自然人列")
        .with_related([
            Location::Cell(CellRef::t3(T3Row::R24, T3Col::Np)),
            Location::Span(Span::new(0, 12)),
        ]);
        let checked = Checked {
            report: r,
            diagnostics: vec![d],
        };
        let out = render_file("a.txt", &checked, Style::PLAIN);
        let expected = "\
a.txt：雁鸣湖镇2021年政府信息公开工作年度报告（2021年）：错误 1，警告 0，提示 0

error[A301] 自然人列：第一项(5)+第二项(1)=6，第三项总计(5)+第四项(2)=7，相差1
 --> a.txt:2:8
  |
2 | 一、本年新收    5    1
  |                 ^
  = 位置：表三 自然人列 第一项（本年新收）
  = 帮助：核对自然人列
  = 相关位置：
    - a.txt 表三 自然人列 第三项（七）总计
    - a.txt:1:1 「雁鸣湖镇」
";
        assert_eq!(out, expected);
    }

    #[test]
    fn document_findings_have_no_excerpt() {
        let checked = Checked {
            report: Report::default(),
            diagnostics: vec![
                Diagnostic::new(rule("S108").unwrap(), Location::Document, "缺少标题").with_fix(
                    Fix::new("补标题", crate::diagnostic::Applicability::Safe, vec![]),
                ),
            ],
        };
        let out = render_file("b.md", &checked, Style::PLAIN);
        assert_eq!(
            out,
            "b.md：（未识别到标题）：错误 1，警告 0，提示 0\n\n\
             error[S108] 缺少标题\n --> b.md\n  = 修正：补标题\n"
        );
    }

    #[test]
    fn cells_without_a_source_are_named() {
        let d = Diagnostic::new(
            rule("C202").unwrap(),
            Location::Cell(CellRef::t4(T4Group::Review, T4Field::Total)),
            "空白",
        );
        let checked = Checked {
            report: Report::default(),
            diagnostics: vec![d],
        };
        let out = render_file("c.txt", &checked, Style::PLAIN);
        assert!(
            out.contains("warning[C202] 空白\n --> c.txt\n  = 位置：表四 行政复议 总计\n"),
            "{out}"
        );
    }

    #[test]
    fn spans_across_lines_and_past_the_end_are_safe() {
        let text = "ab\r\ncd";
        assert_eq!(excerpt(text, Span::new(1, 5)), ("ab".into(), " ^".into()));
        assert_eq!(excerpt(text, Span::new(2, 2)), ("ab".into(), "  ^".into()));
        assert_eq!(
            excerpt(text, Span::new(50, 60)),
            ("cd".into(), "  ^".into())
        );
        // Inside a character: clamped back to its start.
        assert_eq!(
            excerpt("年x", Span::new(1, 4)),
            ("年x".into(), "^^^".into())
        );
        assert_eq!(excerpt("", Span::new(0, 0)), ("".into(), "^".into()));
    }

    #[test]
    fn wide_lines_are_windowed() {
        let text = format!("{}X{}", "字".repeat(200), "y".repeat(300));
        let at = text.find('X').unwrap();
        let (line, under) = excerpt(&text, Span::new(at, at + 1));
        assert!(line.starts_with('…') && line.ends_with('…'));
        assert!(str_width(&line) <= MAX_LINE_WIDTH + 2);
        let caret = under.find('^').unwrap();
        assert_eq!(
            str_width(&under[..caret]),
            str_width(&line[..line.find('X').unwrap()])
        );
    }

    #[test]
    fn colour_only_when_asked() {
        let checked = Checked {
            report: Report::default(),
            diagnostics: vec![Diagnostic::new(
                rule("S108").unwrap(),
                Location::Document,
                "缺少标题",
            )],
        };
        assert!(!render_file("a", &checked, Style::PLAIN).contains('\x1b'));
        assert!(render_file("a", &checked, Style { color: true }).contains("\x1b[1;31m"));
    }
}
