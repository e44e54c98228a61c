//! The rule catalogue.
//!
//! Each rule is a static [`RuleMeta`] declared with [`declare_rule!`]: its code,
//! kebab-case name, default severity, the function that checks it, and its
//! documentation — the doc comment written above the declaration, in Chinese,
//! in fixed sections (检查内容 / 为什么 / 示例 / 依据). The same text feeds
//! `nianbao rule CODE` and the page's rule pages.
//!
//! [`RULES`] lists every rule of one report in catalogue order; [`check`] runs
//! them. [`BATCH_RULES`] lists the rules across a batch of reports (H9xx),
//! which [`crate::batch`] runs; [`rule`] finds a rule in either list.

use std::collections::BTreeMap;

use crate::diagnostic::{CellRef, Diagnostic, Location, Severity};
use crate::model::{Report, T3Row, T4Field};

mod arithmetic;
mod cells;
mod content;
mod cross;
mod dates;
mod narrative;
mod structure;
mod wording;
mod years;

pub use arithmetic::{Relation, RelationKind, Status, relations, value};
pub use cross::{AGGREGATE_BELOW_UNITS, SIMILAR_REPORTS};
pub(crate) use dates::{core_name, infer_body_type};

/// The family of a rule: the letter of its code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    Structure,
    Cells,
    Arithmetic,
    Narrative,
    Dates,
    Content,
    Wording,
    Years,
    /// Across a batch of reports (H9xx): run only when several are checked together.
    Batch,
}

impl Family {
    pub fn label(self) -> &'static str {
        match self {
            Family::Structure => "结构",
            Family::Cells => "单元格",
            Family::Arithmetic => "表格勾稽",
            Family::Narrative => "正文与表格",
            Family::Dates => "日期与主体",
            Family::Content => "必备内容",
            Family::Wording => "文字规范",
            Family::Years => "跨年度",
            Family::Batch => "跨报告",
        }
    }
}

/// A rule: its identity, its default severity, its documentation and its check.
pub struct RuleMeta {
    /// A letter and three digits, never reused: 「A301」.
    pub code: &'static str,
    /// Kebab-case, naming the problem: 「t3-balance」.
    pub name: &'static str,
    /// A short Chinese title: 「表三各列收支不平衡」.
    pub title: &'static str,
    pub family: Family,
    /// The default severity; a [`Config`] may override it.
    pub severity: Severity,
    /// The documentation in Chinese (Markdown): 检查内容 / 为什么 / 示例 / 依据.
    pub doc: &'static str,
    /// Where the rule is declared, for maintainers.
    pub location: &'static str,
    check: fn(&Context<'_>, &mut Vec<Diagnostic>),
}

impl RuleMeta {
    /// A rule that checks nothing, for unit tests of diagnostics.
    #[cfg(test)]
    pub(crate) const fn test_rule() -> RuleMeta {
        RuleMeta {
            code: "T000",
            name: "test",
            title: "test",
            family: Family::Structure,
            severity: Severity::Info,
            doc: "",
            location: "",
            check: |_, _| {},
        }
    }
}

impl std::fmt::Debug for RuleMeta {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RuleMeta")
            .field("code", &self.code)
            .finish()
    }
}

/// Declares a rule as a `pub static RuleMeta`, collecting its doc comment.
macro_rules! declare_rule {
    (
        $(#[doc = $doc:expr])*
        pub static $ident:ident = {
            code: $code:literal,
            name: $name:literal,
            title: $title:literal,
            family: $family:ident,
            severity: $severity:ident,
            check: $check:path $(,)?
        };
    ) => {
        $(#[doc = $doc])*
        pub static $ident: $crate::rules::RuleMeta = $crate::rules::RuleMeta {
            code: $code,
            name: $name,
            title: $title,
            family: $crate::rules::Family::$family,
            severity: $crate::diagnostic::Severity::$severity,
            doc: concat!($($doc, "\n"),*),
            location: concat!(file!(), ":", line!()),
            check: $check,
        };
    };
}
pub(crate) use declare_rule;

/// Every rule, in catalogue order.
pub static RULES: &[&RuleMeta] = &[
    &structure::MISSING_PART,
    &structure::PART_ORDER,
    &structure::NONSTANDARD_HEADING,
    &structure::OLD_FORMAT,
    &structure::MISSING_TABLE,
    &structure::UNKNOWN_ROW,
    &structure::INCONSISTENT_HEADINGS,
    &structure::MISSING_TITLE,
    &cells::INVALID_COUNT,
    &cells::BLANK_CELL,
    &cells::FEE_AMOUNT,
    &arithmetic::T3_BALANCE,
    &arithmetic::T3_RESULTS_TOTAL,
    &arithmetic::T3_ROW_TOTAL,
    &arithmetic::T4_TOTAL,
    &arithmetic::RULES_WITHOUT_POWER,
    &arithmetic::SUSPECT_CELL,
    &narrative::TEXT_VS_APPLICATIONS,
    &narrative::TEXT_VS_APPEALS,
    &narrative::TEXT_VS_DOCUMENTS,
    &narrative::TEXT_CONTRADICTS_ZERO,
    &dates::YEAR_MISMATCH,
    &dates::LATE_PUBLICATION,
    &dates::MALFORMED_DATE,
    &dates::UNIT_MISMATCH,
    &content::OVERVIEW_ASPECTS,
    &content::PROBLEMS_EMPTY,
    &content::FEE_NOT_REPORTED,
    &wording::HALFWIDTH_PUNCTUATION,
    &wording::MISUSED_WORD,
    &wording::REPEATED_WORD,
    &wording::TEMPLATE_LEFTOVER,
    &wording::BRACKET_STYLE,
    &wording::STRAY_SPACE,
    &years::CARRYOVER_MISMATCH,
    &years::IN_FORCE_BALANCE,
    &years::COPIED_TEXT,
    &years::REPEATED_TABLES,
];

/// The rules across a batch of reports (H9xx), in catalogue order. They are
/// not in [`RULES`]: [`check`] sees one report and cannot run them (every rule
/// of [`RULES`] has a single-report fixture that fires); [`crate::batch::check`]
/// runs them when several reports are checked together.
pub static BATCH_RULES: &[&RuleMeta] = &[&cross::SIMILAR_REPORTS, &cross::AGGREGATE_BELOW_UNITS];

/// Every rule: those of one report, then those across reports.
pub fn all_rules() -> impl Iterator<Item = &'static RuleMeta> {
    RULES.iter().chain(BATCH_RULES).copied()
}

/// The rule with this code (case-insensitive), if any, across reports included.
pub fn rule(code: &str) -> Option<&'static RuleMeta> {
    all_rules().find(|r| r.code.eq_ignore_ascii_case(code.trim()))
}

/// A rule's setting in a [`Config`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum RuleSetting {
    Off,
    Severity(Severity),
}

/// The kind of body that publishes the report: it sets the deadline (D502).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum BodyType {
    /// 县级以上人民政府部门: 1月31日 of the next year (《条例》第四十九条).
    Department,
    /// 乡镇人民政府、街道办事处: 1月31日 by default (provincial rules vary).
    Township,
    /// 县级以上地方人民政府 本级 report: 3月31日.
    Government,
}

impl BodyType {
    pub fn key(self) -> &'static str {
        match self {
            BodyType::Department => "department",
            BodyType::Township => "township",
            BodyType::Government => "government",
        }
    }

    pub fn from_key(s: &str) -> Option<BodyType> {
        match s {
            "department" => Some(BodyType::Department),
            "township" => Some(BodyType::Township),
            "government" => Some(BodyType::Government),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            BodyType::Department => "县级以上人民政府部门",
            BodyType::Township => "乡镇人民政府、街道办事处",
            BodyType::Government => "县级以上地方人民政府",
        }
    }
}

/// A calendar date.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    /// A valid Gregorian date, or `None`.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days)
            .contains(&day)
            .then_some(Date { year, month, day })
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse_iso(s: &str) -> Option<Date> {
        let mut it = s.trim().splitn(3, '-');
        let (y, m, d) = (it.next()?, it.next()?, it.next()?);
        if y.len() != 4 || m.is_empty() || m.len() > 2 || d.is_empty() || d.len() > 2 {
            return None;
        }
        Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}年{}月{}日", self.year, self.month, self.day)
    }
}

/// What the user chose: rule switches and severities, and facts the text may
/// not state (the body type, the publication date). Serde: the page sends it
/// to its worker (the batch review).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Config {
    /// By rule code.
    pub rules: BTreeMap<String, RuleSetting>,
    /// The kind of body; `None`: inferred from the title where possible.
    pub body_type: Option<BodyType>,
    /// The publication date, when the text does not state it.
    pub published: Option<Date>,
}

/// What a rule's check sees.
pub struct Context<'a> {
    pub report: &'a Report,
    pub config: &'a Config,
    /// Last year's report of the same body, for the Y rules.
    pub prev: Option<&'a Report>,
    /// Analyses that several rules of a family share, computed once per check.
    pub(crate) cache: Cache<'a>,
}

impl<'a> Context<'a> {
    pub fn new(report: &'a Report, config: &'a Config, prev: Option<&'a Report>) -> Self {
        Context {
            report,
            config,
            prev,
            cache: Cache::default(),
        }
    }
}

/// What the rules of one family all read, computed by the first of them that
/// runs: the N rules share the claims of the narrative, the D rules the dates.
#[derive(Default)]
pub(crate) struct Cache<'a> {
    pub(crate) narrative: std::cell::OnceCell<Vec<narrative::Finding>>,
    pub(crate) dates: std::cell::OnceCell<dates::Scan<'a>>,
}

/// Runs every enabled rule on `report` and returns the findings in document order.
pub fn check(report: &Report, config: &Config) -> Vec<Diagnostic> {
    check_with_prev(report, None, config)
}

/// Like [`check`], with last year's report of the same body for the Y rules.
pub fn check_with_prev(report: &Report, prev: Option<&Report>, config: &Config) -> Vec<Diagnostic> {
    let ctx = Context::new(report, config, prev);
    let mut out = Vec::new();
    for rule in RULES {
        let setting = config.rules.get(rule.code).copied();
        if setting == Some(RuleSetting::Off) {
            continue;
        }
        let first = out.len();
        (rule.check)(&ctx, &mut out);
        if let Some(RuleSetting::Severity(s)) = setting {
            for d in &mut out[first..] {
                d.severity = s;
            }
        }
    }
    crate::sort::sort_by_cached_key(&mut out, |d| (position(report, &d.location), d.code));
    out
}

/// Where a location sits in the document, for ordering findings.
pub fn position(report: &Report, loc: &Location) -> u32 {
    match loc {
        Location::Document => 0,
        Location::Span(s) => s.start,
        Location::Cell(c) => cell_span(report, *c).map_or(u32::MAX, |s| s.start),
    }
}

/// The source span of a table location: the cell's digits, or the row's label,
/// or the table, whichever is known.
pub fn cell_span(report: &Report, c: CellRef) -> Option<crate::text::Span> {
    match c {
        CellRef::T3 { row, col } => {
            let t = report.table3.as_ref()?;
            match (row, col) {
                (Some(r), Some(c)) => {
                    let row = t.row(r)?;
                    row.cells[c.index()].span.or(Some(row.label.span))
                }
                (Some(r), None) => t.row(r).map(|row| row.label.span),
                // A column: its first cell that has a place in the text.
                (None, Some(c)) => T3Row::ALL
                    .iter()
                    .find_map(|&r| t.cell(r, c).and_then(|cell| cell.span))
                    .or(Some(t.span)),
                (None, None) => Some(t.span),
            }
        }
        CellRef::T4 { group, field } => {
            let t = report.table4.as_ref()?;
            match (group, field) {
                (Some(g), Some(f)) => t.cell(g, f).and_then(|c| c.span).or(Some(t.span)),
                // A group: its first cell that has a place in the text.
                (Some(g), None) => T4Field::ALL
                    .iter()
                    .find_map(|&f| t.cell(g, f).and_then(|c| c.span))
                    .or(Some(t.span)),
                _ => Some(t.span),
            }
        }
        CellRef::T2 { item, field } => {
            let t = report.table2.as_ref()?;
            if let Some(i) = item {
                let cells = t.item(i)?;
                let idx = field.map_or(0, |f| f as usize);
                return cells.get(idx).and_then(|c| c.span).or(Some(t.span));
            }
            Some(t.span)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_well_formed() {
        let mut seen = std::collections::HashSet::new();
        for r in all_rules() {
            assert!(seen.insert(r.code), "duplicate code {}", r.code);
            let b = r.code.as_bytes();
            assert!(
                b.len() == 4 && b[0].is_ascii_uppercase() && b[1..].iter().all(u8::is_ascii_digit)
            );
            assert!(
                r.name
                    .bytes()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-'),
                "{} name {} is not kebab-case",
                r.code,
                r.name
            );
        }
    }

    #[test]
    fn every_rule_is_documented_in_all_sections() {
        for r in all_rules() {
            for section in ["## 检查内容", "## 为什么", "## 示例", "## 依据"] {
                assert!(r.doc.contains(section), "{} lacks {section}", r.code);
            }
        }
    }

    #[test]
    fn rule_lookup_is_case_insensitive() {
        assert_eq!(rule("a301").map(|r| r.name), Some("t3-balance"));
        assert!(rule("Z999").is_none());
        assert_eq!(rule("h901").map(|r| r.name), Some("similar-reports"));
        assert_eq!(rule("H902").map(|r| r.family), Some(Family::Batch));
    }
}
