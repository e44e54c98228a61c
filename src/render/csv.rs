//! The findings as a table: CSV that Excel and WPS open correctly.
//!
//! Excel reads a CSV file as the system's legacy code page unless it starts
//! with a UTF-8 byte order mark, so the text starts with one; lines end with
//! CRLF and every field is quoted (a quote inside doubled), so commas, quotes
//! and line breaks in a message stay inside their cell. A field that starts
//! with `=`, `+`, `-`, `@`, a tab or a carriage return would be taken by a
//! spreadsheet as a formula: it gets a leading `'` (the usual defence
//! against formula injection: the messages quote the report's own words).
//!
//! Columns: 序号, 严重程度, 规则, 规则名称, 位置, 说明, 建议值,
//! 标记为不是问题, 理由.

use crate::Checked;
use crate::diagnostic::{Diagnostic, Location};
use crate::model::Report;
use crate::text::LineIndex;

/// The header row.
pub const HEADER: [&str; 9] = [
    "序号",
    "严重程度",
    "规则",
    "规则名称",
    "位置",
    "说明",
    "建议值",
    "标记为不是问题",
    "理由",
];

/// The byte order mark that tells Excel and WPS the file is UTF-8.
pub const BOM: char = '\u{feff}';

/// One field, quoted, with a leading `'` when a spreadsheet would read it as
/// a formula.
pub fn field(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 3);
    out.push('"');
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        out.push('\'');
    }
    for ch in s.chars() {
        if ch == '"' {
            out.push('"');
        }
        out.push(ch);
    }
    out.push('"');
    out
}

/// Rows as CSV text: the BOM, every field quoted, CRLF after every row.
pub fn to_csv<R, F>(rows: impl IntoIterator<Item = R>) -> String
where
    R: IntoIterator<Item = F>,
    F: AsRef<str>,
{
    let mut out = String::new();
    out.push(BOM);
    for row in rows {
        let fields: Vec<String> = row.into_iter().map(|f| field(f.as_ref())).collect();
        out.push_str(&fields.join(","));
        out.push_str("\r\n");
    }
    out
}

/// Where a finding is, in words: 「表三 自然人列」, 「第 12 行第 5 列「取的」」, 「全文」.
pub fn place(report: &Report, index: &LineIndex, loc: &Location) -> String {
    match loc {
        Location::Cell(c) => c.describe(),
        Location::Span(s) => {
            let (line, column) = index.line_col(&report.text, s.start);
            let mut out = format!("第 {line} 行第 {column} 列");
            if let Some(page) = report.page_of(s.start) {
                out = format!("第 {page} 页 {out}");
            }
            let covered = s.slice(&report.text);
            if !covered.is_empty() {
                // A long span is shortened: the message says the rest.
                let short: String = covered.chars().take(30).collect();
                let ellipsis = if short.len() < covered.len() {
                    "…"
                } else {
                    ""
                };
                out.push_str(&format!("「{short}{ellipsis}」"));
            }
            out
        }
        Location::Document => "全文".to_string(),
    }
}

/// One finding as a row: `number` is its 1-based place in the table,
/// `dismissed` the reason it was marked as not a defect, if it was.
pub fn finding_row(
    report: &Report,
    index: &LineIndex,
    number: usize,
    d: &Diagnostic,
    dismissed: Option<&str>,
) -> [String; 9] {
    let title = crate::rules::rule(d.code).map_or("", |r| r.title);
    [
        number.to_string(),
        d.severity.label().to_string(),
        d.code.to_string(),
        title.to_string(),
        place(report, index, &d.location),
        d.message.clone(),
        d.suggested_value.map(|v| v.to_string()).unwrap_or_default(),
        if dismissed.is_some() { "是" } else { "" }.to_string(),
        dismissed.unwrap_or_default().to_string(),
    ]
}

/// The findings of a checked report as CSV. `dismissed[i]` is the reason
/// finding `i` was marked as not a defect (missing entries: not marked).
pub fn findings_csv(checked: &Checked, dismissed: &[Option<String>]) -> String {
    let index = LineIndex::new(&checked.report.text);
    let header = HEADER.map(str::to_string);
    let rows = checked.diagnostics.iter().enumerate().map(|(i, d)| {
        let reason = dismissed.get(i).and_then(|r| r.as_deref());
        finding_row(&checked.report, &index, i + 1, d, reason)
    });
    to_csv(std::iter::once(header).chain(rows))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::CellRef;
    use crate::model::{T3Col, T3Row};
    use crate::rules::rule;
    use crate::text::Span;

    fn checked() -> Checked {
        let text = "标题\n第二行，有“引号”,和逗号\n".to_string();
        let at = text.find('有').unwrap();
        let mut a306 = Diagnostic::new(
            rule("A306").unwrap(),
            Location::Cell(CellRef::t3(T3Row::R01, T3Col::Np)),
            "自然人列可能录错",
        );
        a306.suggested_value = Some(6);
        Checked {
            report: Report {
                text: text.clone(),
                ..Report::default()
            },
            diagnostics: vec![
                Diagnostic::new(
                    rule("W702").unwrap(),
                    Location::Span(Span::new(at, at + "有“引号”".len())),
                    "说明里有\"引号\"和,逗号\n和换行",
                ),
                a306,
                Diagnostic::new(rule("S101").unwrap(), Location::Document, "=1+1"),
            ],
        }
    }

    #[test]
    fn starts_with_a_bom_and_ends_rows_with_crlf() {
        let csv = findings_csv(&checked(), &[]);
        assert!(csv.starts_with('\u{feff}'));
        assert!(csv.as_bytes().starts_with(&[0xEF, 0xBB, 0xBF]));
        let body = &csv[3..];
        assert!(body.starts_with(
            "\"序号\",\"严重程度\",\"规则\",\"规则名称\",\"位置\",\"说明\",\"建议值\",\"标记为不是问题\",\"理由\"\r\n"
        ));
        assert!(csv.ends_with("\r\n"));
        // The newline inside a message is the only bare \n.
        assert_eq!(csv.matches('\n').count(), csv.matches("\r\n").count() + 1);
    }

    #[test]
    fn rows_name_the_rule_place_and_suggested_value() {
        let csv = findings_csv(&checked(), &[None, Some("已核对台账".to_string())]);
        let rows: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(
            rows[1],
            "\"1\",\"警告\",\"W702\",\"".to_string()
                + rule("W702").unwrap().title
                + "\",\"第 2 行第 5 列「有“引号”」\",\"说明里有\"\"引号\"\"和,逗号\n和换行\",\"\",\"\",\"\""
        );
        assert_eq!(
            rows[2],
            "\"2\",\"提示\",\"A306\",\"".to_string()
                + rule("A306").unwrap().title
                + "\",\"表三 自然人列 "
                + &T3Row::R01.short_name()
                + "\",\"自然人列可能录错\",\"6\",\"是\",\"已核对台账\""
        );
    }

    #[test]
    fn formulas_are_neutralised() {
        assert_eq!(field("=1+1"), "\"'=1+1\"");
        assert_eq!(field("-3"), "\"'-3\"");
        assert_eq!(field("@SUM(A1)"), "\"'@SUM(A1)\"");
        assert_eq!(field("a=b"), "\"a=b\"");
        let csv = findings_csv(&checked(), &[]);
        assert!(csv.contains(",\"全文\",\"'=1+1\","));
    }

    #[test]
    fn long_spans_are_shortened_and_pages_named() {
        let text = "一".repeat(40);
        let mut report = Report {
            text,
            ..Report::default()
        };
        report.page_starts = vec![3];
        let index = LineIndex::new(&report.text);
        let s = place(&report, &index, &Location::Span(Span::new(3, 120)));
        assert_eq!(s, format!("第 2 页 第 1 行第 2 列「{}…」", "一".repeat(30)));
    }
}
