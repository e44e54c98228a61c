//! The JSON contract of `interface.md`.
//!
//! The types here are the only serialisable view of a checked report: the core
//! model is never serialised directly, so the contract can stay stable while the
//! model changes. Key order follows `interface.md`, because struct fields and
//! [`Ordered`] maps serialise in declaration order.
//!
//! ```text
//! { "files": [ { "path", "error", "report", "diagnostics" } ] }
//! ```
//!
//! A file that could not be read has `error` set and neither `report` nor
//! `diagnostics`; a checked file has `"error": null`.
//!
//! Compatible additions for batches (several files checked together): each
//! file's `source` (`{format, notes}`: how the input was read), a top-level
//! `summary` ([`SummaryJson`]), and on a finding across reports (H9xx) an
//! `other_report` naming the other file and its matching places.

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use crate::Checked;
use crate::batch::SimilarPair;
use crate::diagnostic::{CellRef, Diagnostic, Location, OtherReport};
use crate::model::{
    Cell, CellValue, Report, Row, T2Field, T2Item, T3Col, T3Row, T4Field, T4Group, Table2, Table3,
    Table4,
};
use crate::rules::cell_span;
use crate::text::{LineIndex, Span};

/// A map whose keys serialise in the order given (the contract's order),
/// whatever map type the serialiser would otherwise use.
#[derive(Clone, Debug, PartialEq)]
pub struct Ordered<V>(pub Vec<(&'static str, V)>);

impl<V: Serialize> Serialize for Ordered<V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// The whole output: `{"files": [...]}`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Output {
    pub files: Vec<FileResult>,
}

/// One input file: its report and findings, or why it could not be read.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FileResult {
    pub path: String,
    /// The reason the file could not be read; `null` for a checked file.
    pub error: Option<String>,
    /// How the input was read (absent when unknown).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceJson>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub report: Option<ReportJson>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub diagnostics: Option<Vec<DiagnosticJson>>,
}

impl FileResult {
    /// A file that was read and checked.
    pub fn checked(path: &str, checked: &Checked) -> Self {
        let index = LineIndex::new(&checked.report.text);
        let ctx = Ctx {
            report: &checked.report,
            index: &index,
        };
        FileResult {
            path: path.to_string(),
            error: None,
            source: None,
            report: Some(ReportJson::new(&checked.report)),
            diagnostics: Some(
                checked
                    .diagnostics
                    .iter()
                    .map(|d| DiagnosticJson::new(&ctx, d))
                    .collect(),
            ),
        }
    }

    /// A file that could not be read at all.
    pub fn error(path: &str, error: impl Into<String>) -> Self {
        FileResult {
            path: path.to_string(),
            error: Some(error.into()),
            source: None,
            report: None,
            diagnostics: None,
        }
    }

    /// Adds how the input was read: its format key (`text`, `docx`, `pdf`, …)
    /// and the reader's notes.
    pub fn with_source(mut self, format: &'static str, notes: Vec<String>) -> Self {
        self.source = Some(SourceJson { format, notes });
        self
    }

    /// Adds the reviewer's marks: `reasons[i]` is why finding `i` was marked
    /// as not a defect (missing entries: not marked). A marked finding gains
    /// `"dismissed": {"reason": …}`; the others are unchanged.
    pub fn with_dismissed(mut self, reasons: &[Option<String>]) -> Self {
        if let Some(ds) = &mut self.diagnostics {
            for (d, reason) in ds.iter_mut().zip(reasons) {
                d.dismissed = reason.clone().map(|reason| Dismissed { reason });
            }
        }
        self
    }

    /// Whether the file was checked and has no error-severity finding.
    pub fn passed(&self) -> bool {
        self.diagnostics
            .as_ref()
            .is_some_and(|ds| ds.iter().all(|d| d.severity != "error"))
    }
}

/// How an input was read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SourceJson {
    /// `text`, `docx`, `html`, `mht`, `xlsx` or `pdf`.
    pub format: &'static str,
    /// What the reader wants the user to know (in Chinese).
    pub notes: Vec<String>,
}

/// The summary over a batch: counts and the similar pairs (H901).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SummaryJson {
    pub files: usize,
    /// Checked with no error-severity finding.
    pub passed: usize,
    /// Checked with at least one error.
    pub failed: usize,
    pub unreadable: usize,
    pub similar: Vec<SimilarJson>,
}

impl SummaryJson {
    pub fn new(files: &[FileResult], similar: Vec<SimilarJson>) -> Self {
        let unreadable = files.iter().filter(|f| f.error.is_some()).count();
        let passed = files.iter().filter(|f| f.passed()).count();
        SummaryJson {
            files: files.len(),
            passed,
            failed: files.len() - unreadable - passed,
            unreadable,
            similar,
        }
    }
}

/// Two reports of different bodies whose narratives are alike (H901).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SimilarJson {
    pub a: String,
    pub b: String,
    /// The larger of `share_a` and `share_b`, 0…1.
    pub share: f64,
    /// The share of `a`'s narrative found in `b`, and of `b`'s in `a`.
    pub share_a: f64,
    pub share_b: f64,
    pub parts: Vec<SimilarPartJson>,
}

/// One part of a similar pair.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SimilarPartJson {
    /// 1 … 6.
    pub part: u32,
    pub heading: &'static str,
    /// The share of `a`'s part found in `b` (`null`: `a` has no text there), and of `b`'s in `a`.
    pub a: Option<f64>,
    pub b: Option<f64>,
    /// Where the matching text lies in `a` and in `b`: `{start, end}` byte offsets.
    pub span_a: Option<Span>,
    pub span_b: Option<Span>,
}

/// A percentage as a share 0…1 with two decimals.
fn share(percent: u32) -> f64 {
    f64::from(percent) / 100.0
}

impl SimilarJson {
    pub fn new(pair: &SimilarPair, a: &str, b: &str) -> Self {
        SimilarJson {
            a: a.to_string(),
            b: b.to_string(),
            share: share(pair.share()),
            share_a: share(pair.share_a),
            share_b: share(pair.share_b),
            parts: pair
                .parts
                .iter()
                .map(|p| SimilarPartJson {
                    part: p.kind.number(),
                    heading: p.kind.standard_heading(),
                    a: p.share_a.map(share),
                    b: p.share_b.map(share),
                    span_a: p.span_a,
                    span_b: p.span_b,
                })
                .collect(),
        }
    }
}

/// The report's content: title, year, format and the three tables.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ReportJson {
    pub title: Option<String>,
    pub body: Option<String>,
    pub year: Option<i32>,
    /// `"2021"`, `"2019"` or `"unknown"`.
    pub format: &'static str,
    pub table2: Option<Table2Json>,
    /// `r01` … `r25`, each a row of seven cells or `null`.
    pub table3: Option<Ordered<Option<Ordered<Option<u64>>>>>,
    /// `review`, `suit_direct`, `suit_after`, each five cells or `null`.
    pub table4: Option<Ordered<Option<Ordered<Option<u64>>>>>,
}

impl ReportJson {
    pub fn new(report: &Report) -> Self {
        ReportJson {
            title: report.title.as_ref().map(|t| t.text.clone()),
            body: report.body().map(str::to_string),
            year: report.year(),
            format: report.format().key(),
            table2: report.table2.as_ref().map(Table2Json::new),
            table3: report.table3.as_ref().map(table3),
            table4: report.table4.as_ref().map(table4),
        }
    }
}

/// Table 二.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Table2Json {
    pub rules: Option<Ordered<Option<u64>>>,
    pub normative: Option<Ordered<Option<u64>>>,
    pub licensing: Option<u64>,
    pub penalty: Option<u64>,
    pub coercion: Option<u64>,
    /// The amount as written (万元), a decimal string.
    pub fee: Option<String>,
}

impl Table2Json {
    fn new(t: &Table2) -> Self {
        let three = |row: &Option<Row<3>>| {
            row.as_ref().map(|r| {
                Ordered(
                    T2Field::ALL
                        .iter()
                        .map(|f| (f.key(), count(&r.cells[*f as usize])))
                        .collect(),
                )
            })
        };
        let one = |row: &Option<Row<1>>| row.as_ref().and_then(|r| count(&r.cells[0]));
        Table2Json {
            rules: three(&t.rules),
            normative: three(&t.normative),
            licensing: one(&t.licensing),
            penalty: one(&t.penalty),
            coercion: one(&t.coercion),
            fee: t.fee.as_ref().and_then(|r| amount(&r.cells[0])),
        }
    }
}

/// A count cell: an integer, or `None` for blank, placeholder and invalid cells.
fn count(cell: &Cell) -> Option<u64> {
    cell.as_int()
}

/// The fee cell: the amount as written, or `None`.
fn amount(cell: &Cell) -> Option<String> {
    match &cell.value {
        CellValue::Int(n) => Some(n.to_string()),
        CellValue::Decimal(s) => Some(s.clone()),
        _ => None,
    }
}

fn table3(t: &Table3) -> Ordered<Option<Ordered<Option<u64>>>> {
    Ordered(
        T3Row::ALL
            .iter()
            .map(|r| {
                let row = t.row(*r).map(|row| {
                    Ordered(
                        T3Col::ALL
                            .iter()
                            .map(|c| (c.key(), count(&row.cells[c.index()])))
                            .collect(),
                    )
                });
                (r.key(), row)
            })
            .collect(),
    )
}

fn table4(t: &Table4) -> Ordered<Option<Ordered<Option<u64>>>> {
    Ordered(
        T4Group::ALL
            .iter()
            .map(|g| {
                let group = t.groups[*g as usize].as_ref().map(|cells| {
                    Ordered(
                        T4Field::ALL
                            .iter()
                            .map(|f| (f.key(), count(&cells[*f as usize])))
                            .collect(),
                    )
                });
                (g.key(), group)
            })
            .collect(),
    )
}

/// What locating a finding needs.
struct Ctx<'a> {
    report: &'a Report,
    index: &'a LineIndex,
}

/// A finding.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DiagnosticJson {
    pub code: &'static str,
    pub name: &'static str,
    /// `"error"`, `"warning"` or `"info"`.
    pub severity: &'static str,
    pub message: String,
    pub cell: Option<CellJson>,
    /// The text span: of the finding itself, or of its cell's source.
    pub span: Option<SpanJson>,
    pub help: Option<String>,
    pub suggested_value: Option<u64>,
    pub related: Vec<LocationJson>,
    /// For findings across reports (H9xx): the other file and its places,
    /// in the order of `span`/`cell` and then `related`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub other_report: Option<OtherReportJson>,
    /// Marked by the reviewer as not a defect (the page's 「不是问题」);
    /// absent otherwise, so the CLI's output is unchanged.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dismissed: Option<Dismissed>,
}

/// Why a reviewer marked a finding as not a defect.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Dismissed {
    /// As the reviewer wrote it; may be empty.
    pub reason: String,
}

/// The other report of a finding across reports.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OtherReportJson {
    pub path: String,
    pub body: Option<String>,
    pub locations: Vec<LocationJson>,
}

impl OtherReportJson {
    fn new(o: &OtherReport) -> Self {
        OtherReportJson {
            path: o.path.clone(),
            body: o.body.clone(),
            locations: o
                .places
                .iter()
                .map(|p| LocationJson {
                    cell: p.cell.map(CellJson::new),
                    span: p.span.map(|s| SpanJson {
                        start: s.start,
                        end: s.end,
                        line: p.line,
                        column: p.column,
                        text: p.text.clone(),
                        page: p.page,
                    }),
                })
                .collect(),
        }
    }
}

impl DiagnosticJson {
    fn new(ctx: &Ctx<'_>, d: &Diagnostic) -> Self {
        let primary = LocationJson::new(ctx, &d.location);
        DiagnosticJson {
            code: d.code,
            name: d.name,
            severity: d.severity.key(),
            message: d.message.clone(),
            cell: primary.cell,
            span: primary.span,
            help: d.help.clone(),
            suggested_value: d.suggested_value,
            related: d
                .related
                .iter()
                // The document as a whole adds no place to a finding.
                .filter(|l| !matches!(l, Location::Document))
                .map(|l| LocationJson::new(ctx, l))
                .collect(),
            other_report: d.other.as_deref().map(OtherReportJson::new),
            dismissed: None,
        }
    }
}

/// A location: `{cell}` (with the cell's source `span` where known) or `{span}`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LocationJson {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cell: Option<CellJson>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub span: Option<SpanJson>,
}

impl LocationJson {
    fn new(ctx: &Ctx<'_>, loc: &Location) -> Self {
        match loc {
            Location::Cell(c) => LocationJson {
                cell: Some(CellJson::new(*c)),
                span: cell_span(ctx.report, *c).map(|s| SpanJson::new(ctx, s)),
            },
            Location::Span(s) => LocationJson {
                cell: None,
                span: Some(SpanJson::new(ctx, *s)),
            },
            Location::Document => LocationJson {
                cell: None,
                span: None,
            },
        }
    }
}

/// A table location: `{table, row?, col?}`, `{table, group?, field?}` or `{table, item?, field?}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CellJson {
    pub table: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub col: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<&'static str>,
}

impl CellJson {
    pub fn new(c: CellRef) -> Self {
        let mut out = CellJson {
            table: c.table_key(),
            row: None,
            col: None,
            group: None,
            item: None,
            field: None,
        };
        match c {
            CellRef::T2 { item, field } => {
                out.item = item.map(T2Item::key);
                out.field = field.map(T2Field::key);
            }
            CellRef::T3 { row, col } => {
                out.row = row.map(T3Row::key);
                out.col = col.map(T3Col::key);
            }
            CellRef::T4 { group, field } => {
                out.group = group.map(T4Group::key);
                out.field = field.map(T4Field::key);
            }
        }
        out
    }
}

/// A span of the text: byte offsets, the 1-based line and character column of
/// its start, the text it covers and, for paginated inputs, its page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SpanJson {
    pub start: u32,
    pub end: u32,
    pub line: u32,
    pub column: u32,
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
}

impl SpanJson {
    fn new(ctx: &Ctx<'_>, s: Span) -> Self {
        let text = &ctx.report.text;
        let (line, column) = ctx.index.line_col(text, s.start);
        SpanJson {
            start: s.start,
            end: s.end,
            line,
            column,
            text: s.slice(text).to_string(),
            page: ctx.report.page_of(s.start),
        }
    }
}

/// The JSON of every file, pretty-printed, keys in the contract's order.
pub fn to_json(files: &[FileResult]) -> String {
    #[derive(Serialize)]
    struct Files<'a> {
        files: &'a [FileResult],
    }
    // Serialising plain data to a String cannot fail.
    serde_json::to_string_pretty(&Files { files }).expect("JSON serialisation")
}

/// The JSON of a batch: every file, then the summary.
pub fn to_json_with_summary(files: &[FileResult], summary: &SummaryJson) -> String {
    #[derive(Serialize)]
    struct Batch<'a> {
        files: &'a [FileResult],
        summary: &'a SummaryJson,
    }
    serde_json::to_string_pretty(&Batch { files, summary }).expect("JSON serialisation")
}

/// One checked file as a JSON value (keys sorted as `serde_json::Value` sorts them).
pub fn file_json(path: &str, checked: &Checked) -> serde_json::Value {
    serde_json::to_value(FileResult::checked(path, checked)).expect("JSON serialisation")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Applicability, Edit, Fix, Severity};
    use crate::model::{Label, LabelMatch, Title};
    use crate::rules::rule;
    use serde_json::json;

    fn label(text: &str, at: usize) -> Label {
        Label {
            text: text.to_string(),
            span: Span::new(at, at + text.len()),
        }
    }

    /// A small report: a title and a table 三 with row r01 read from the text.
    fn report() -> Report {
        let text = "雁鸣湖镇2021年政府信息公开工作年度报告\n一、本年新收\t5\t1\n".to_string();
        let row_at = text.find("一、").unwrap();
        let five = row_at + text[row_at..].find('5').unwrap();
        let one = row_at + text[row_at..].find('1').unwrap();
        let mut cells: [Cell; 7] = std::array::from_fn(|_| Cell::blank());
        cells[0] = Cell::int(5, Span::new(five, five + 1));
        cells[1] = Cell::int(1, Span::new(one, one + 1));
        cells[2] = Cell {
            value: CellValue::Placeholder,
            raw: "/".to_string(),
            span: None,
        };
        let mut rows: [Option<Row<7>>; 25] = std::array::from_fn(|_| None);
        rows[0] = Some(Row {
            label: label("一、本年新收", row_at),
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
    fn report_json_has_every_key_and_nulls() {
        let checked = Checked {
            report: report(),
            diagnostics: Vec::new(),
        };
        let v = file_json("a.txt", &checked);
        assert_eq!(v["path"], "a.txt");
        assert_eq!(v["error"], serde_json::Value::Null);
        assert_eq!(v["diagnostics"], json!([]));
        let r = &v["report"];
        assert_eq!(r["title"], "雁鸣湖镇2021年政府信息公开工作年度报告");
        assert_eq!(r["body"], "雁鸣湖镇");
        assert_eq!(r["year"], 2021);
        assert_eq!(r["format"], "2021");
        assert_eq!(r["table2"], serde_json::Value::Null);
        assert_eq!(r["table4"], serde_json::Value::Null);
        assert_eq!(
            r["table3"]["r01"],
            json!({"np": 5, "biz": 1, "res": null, "ngo": null, "law": null, "oth": null, "tot": null})
        );
        let t3 = r["table3"].as_object().unwrap();
        assert_eq!(t3.len(), 25);
        assert_eq!(t3["r25"], serde_json::Value::Null);
    }

    #[test]
    fn tables_two_and_four_serialise_with_contract_keys() {
        let z = |n| Cell::int(n, Span::new(0, 1));
        let t2 = Table2 {
            span: Span::default(),
            rules: Some(Row {
                label: label("规章", 0),
                matched: LabelMatch::Exact,
                cells: [z(1), z(2), z(3)],
                extra: Vec::new(),
            }),
            normative: None,
            licensing: Some(Row {
                label: label("行政许可", 0),
                matched: LabelMatch::Exact,
                cells: [Cell {
                    value: CellValue::Invalid,
                    raw: "-3".to_string(),
                    span: None,
                }],
                extra: Vec::new(),
            }),
            penalty: Some(Row {
                label: label("行政处罚", 0),
                matched: LabelMatch::Exact,
                cells: [z(7)],
                extra: Vec::new(),
            }),
            coercion: None,
            fee: Some(Row {
                label: label("行政事业性收费", 0),
                matched: LabelMatch::Exact,
                cells: [Cell {
                    value: CellValue::Decimal("0.0120".to_string()),
                    raw: "0.0120".to_string(),
                    span: None,
                }],
                extra: Vec::new(),
            }),
        };
        let t4 = Table4 {
            span: Span::default(),
            groups: [Some(std::array::from_fn(|i| z(i as u64))), None, None],
        };
        let r = Report {
            table2: Some(t2),
            table4: Some(t4),
            ..Report::default()
        };
        let v = serde_json::to_value(ReportJson::new(&r)).unwrap();
        assert_eq!(
            v,
            json!({
                "title": null, "body": null, "year": null, "format": "2021",
                "table2": {
                    "rules": {"issued": 1, "repealed": 2, "in_force": 3},
                    "normative": null, "licensing": null, "penalty": 7, "coercion": null,
                    "fee": "0.0120"
                },
                "table3": null,
                "table4": {
                    "review": {"upheld": 0, "corrected": 1, "other": 2, "pending": 3, "total": 4},
                    "suit_direct": null, "suit_after": null
                }
            })
        );
    }

    #[test]
    fn key_order_follows_the_contract() {
        let checked = Checked {
            report: report(),
            diagnostics: vec![
                Diagnostic::new(
                    rule("A301").unwrap(),
                    Location::Cell(CellRef::T3 {
                        row: None,
                        col: Some(T3Col::Np),
                    }),
                    "m",
                )
                .with_help("h"),
            ],
        };
        let s = to_json(&[FileResult::checked("a.txt", &checked)]);
        let pos = |k: &str| s.find(&format!("\"{k}\"")).unwrap_or_else(|| panic!("{k}"));
        let order = [
            "files",
            "path",
            "error",
            "report",
            "title",
            "body",
            "year",
            "format",
            "table2",
            "table3",
            "r01",
            "np",
            "biz",
            "tot",
            "r25",
            "table4",
            "diagnostics",
            "code",
            "name",
            "severity",
            "message",
            "cell",
            "span",
            "help",
            "suggested_value",
            "related",
        ];
        for w in order.windows(2) {
            assert!(pos(w[0]) < pos(w[1]), "{} before {}", w[0], w[1]);
        }
    }

    #[test]
    fn diagnostic_json_is_exact() {
        let r = report();
        let five = r.text.rfind('5').unwrap();
        let one = r.text.rfind('1').unwrap();
        let d = Diagnostic::new(
            rule("A301").unwrap(),
            Location::Cell(CellRef::t3(T3Row::R01, T3Col::Np)),
            "自然人列：第一项(5)+第二项(1)=6，第三项总计(5)+第四项(2)=7，相差1",
        )
        .with_help("核对自然人列")
        .with_related([
            Location::Cell(CellRef::t3(T3Row::R24, T3Col::Np)),
            Location::Span(Span::new(one, one + 1)),
            Location::Document,
        ]);
        let checked = Checked {
            report: r,
            diagnostics: vec![d],
        };
        let v = file_json("a.txt", &checked);
        assert_eq!(
            v["diagnostics"][0],
            json!({
                "code": "A301",
                "name": "t3-balance",
                "severity": "error",
                "message": "自然人列：第一项(5)+第二项(1)=6，第三项总计(5)+第四项(2)=7，相差1",
                "cell": {"table": "t3", "row": "r01", "col": "np"},
                "span": {"start": five, "end": five + 1, "line": 2, "column": 8, "text": "5"},
                "help": "核对自然人列",
                "suggested_value": null,
                "related": [
                    // r24 is absent from this report's table 三: no span.
                    {"cell": {"table": "t3", "row": "r24", "col": "np"}},
                    {"span": {"start": one, "end": one + 1, "line": 2, "column": 10, "text": "1"}}
                ]
            })
        );
    }

    #[test]
    fn whole_columns_rows_and_other_tables_omit_absent_keys() {
        let cell = |c| serde_json::to_value(CellJson::new(c)).unwrap();
        assert_eq!(
            cell(CellRef::T3 {
                row: None,
                col: Some(T3Col::Tot)
            }),
            json!({"table": "t3", "col": "tot"})
        );
        assert_eq!(
            cell(CellRef::T3 {
                row: Some(T3Row::R24),
                col: None
            }),
            json!({"table": "t3", "row": "r24"})
        );
        assert_eq!(
            cell(CellRef::T4 {
                group: Some(T4Group::SuitDirect),
                field: None
            }),
            json!({"table": "t4", "group": "suit_direct"})
        );
        assert_eq!(
            cell(CellRef::t4(T4Group::Review, T4Field::Total)),
            json!({"table": "t4", "group": "review", "field": "total"})
        );
        assert_eq!(
            cell(CellRef::T2 {
                item: Some(T2Item::Rules),
                field: Some(T2Field::InForce)
            }),
            json!({"table": "t2", "item": "rules", "field": "in_force"})
        );
        assert_eq!(
            cell(CellRef::T2 {
                item: None,
                field: None
            }),
            json!({"table": "t2"})
        );
    }

    #[test]
    fn document_findings_suggested_values_and_pages() {
        let mut r = report();
        r.page_starts = vec![10];
        let d1 = Diagnostic::new(rule("S108").unwrap(), Location::Document, "缺少标题");
        let mut d2 = Diagnostic::new(
            rule("A306").unwrap(),
            Location::Span(Span::new(0, 3)),
            "疑似有误",
        )
        .with_severity(Severity::Warning)
        .with_fix(Fix::new(
            "改",
            Applicability::Safe,
            vec![Edit {
                span: Span::new(0, 3),
                replacement: "x".to_string(),
            }],
        ));
        d2.suggested_value = Some(6);
        let checked = Checked {
            report: r,
            diagnostics: vec![d1, d2],
        };
        let v = file_json("p.txt", &checked);
        let ds = &v["diagnostics"];
        assert_eq!(ds[0]["cell"], serde_json::Value::Null);
        assert_eq!(ds[0]["span"], serde_json::Value::Null);
        assert_eq!(ds[0]["help"], serde_json::Value::Null);
        assert_eq!(ds[0]["severity"], "error");
        assert_eq!(ds[1]["severity"], "warning");
        assert_eq!(ds[1]["suggested_value"], 6);
        assert_eq!(
            ds[1]["span"],
            json!({"start": 0, "end": 3, "line": 1, "column": 1, "text": "雁", "page": 1})
        );
    }

    #[test]
    fn dismissed_findings_carry_the_reason_and_others_are_unchanged() {
        let d = |m: &str| Diagnostic::new(rule("W702").unwrap(), Location::Document, m);
        let checked = Checked {
            report: report(),
            diagnostics: vec![d("a"), d("b")],
        };
        let plain = FileResult::checked("a.txt", &checked);
        let marked = plain
            .clone()
            .with_dismissed(&[None, Some("原文如此".to_string())]);
        let v = serde_json::to_value(&marked).unwrap();
        assert_eq!(
            v["diagnostics"][1]["dismissed"],
            json!({"reason": "原文如此"})
        );
        assert!(v["diagnostics"][0].get("dismissed").is_none());
        // Without marks the output is exactly the CLI's.
        assert_eq!(plain.clone().with_dismissed(&[]), plain);
        let s = to_json(&[marked]);
        assert!(s.find("\"related\"").unwrap() < s.find("\"dismissed\"").unwrap());
    }

    #[test]
    fn unreadable_files_have_an_error_and_nothing_else() {
        let s = to_json(&[FileResult::error("r.docx", "无法作为文本读取：二进制")]);
        let v: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(
            v,
            json!({"files": [{"path": "r.docx", "error": "无法作为文本读取：二进制"}]})
        );
    }

    #[test]
    fn spans_outside_the_text_do_not_panic() {
        let mut r = report();
        r.text.truncate(3);
        let d = Diagnostic::new(
            rule("C201").unwrap(),
            Location::Span(Span::new(1, 400)),
            "x",
        )
        .with_related([Location::Cell(CellRef::t3(T3Row::R01, T3Col::Biz))]);
        let checked = Checked {
            report: r,
            diagnostics: vec![d],
        };
        let v = file_json("a.txt", &checked);
        assert_eq!(v["diagnostics"][0]["span"]["text"], "");
        assert_eq!(v["diagnostics"][0]["span"]["line"], 1);
    }
}
