//! Findings: what a rule reports, where, and how to fix it.
//!
//! A [`Diagnostic`] is plain data. One cause is one diagnostic: its primary
//! [`Location`] plus every other place involved in `related`. Serialisation to
//! the JSON contract lives in [`crate::render::json`], not here.

use crate::model::{T2Field, T2Item, T3Col, T3Row, T4Field, T4Group};
use crate::text::Span;

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn key(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// 「错误」「警告」「提示」.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Info => "提示",
            Severity::Warning => "警告",
            Severity::Error => "错误",
        }
    }

    pub fn from_key(s: &str) -> Option<Severity> {
        match s {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

/// A place in one of the three tables: a cell, a whole row or column, or the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CellRef {
    /// Table 二: an item, optionally one of its fields.
    T2 {
        item: Option<T2Item>,
        field: Option<T2Field>,
    },
    /// Table 三: a cell, a row (`col: None`), a column (`row: None`) or the table.
    T3 {
        row: Option<T3Row>,
        col: Option<T3Col>,
    },
    /// Table 四: a group, optionally one field.
    T4 {
        group: Option<T4Group>,
        field: Option<T4Field>,
    },
}

impl CellRef {
    pub fn t3(row: T3Row, col: T3Col) -> Self {
        CellRef::T3 {
            row: Some(row),
            col: Some(col),
        }
    }

    pub fn t4(group: T4Group, field: T4Field) -> Self {
        CellRef::T4 {
            group: Some(group),
            field: Some(field),
        }
    }

    /// `"t2"`, `"t3"` or `"t4"`.
    pub fn table_key(self) -> &'static str {
        match self {
            CellRef::T2 { .. } => "t2",
            CellRef::T3 { .. } => "t3",
            CellRef::T4 { .. } => "t4",
        }
    }

    /// A Chinese description: 「表三 自然人列 第一项（本年新收）」.
    pub fn describe(self) -> String {
        match self {
            CellRef::T2 { item, field } => {
                let mut s = "表二".to_string();
                if let Some(i) = item {
                    s.push(' ');
                    s.push_str(i.label());
                }
                if let Some(f) = field {
                    s.push(' ');
                    s.push_str(f.label());
                }
                s
            }
            CellRef::T3 { row, col } => {
                let mut s = "表三".to_string();
                if let Some(c) = col {
                    s.push_str(&format!(" {}列", c.label()));
                }
                if let Some(r) = row {
                    s.push(' ');
                    s.push_str(&r.short_name());
                }
                s
            }
            CellRef::T4 { group, field } => {
                let mut s = "表四".to_string();
                if let Some(g) = group {
                    s.push(' ');
                    s.push_str(g.label());
                }
                if let Some(f) = field {
                    s.push(' ');
                    s.push_str(f.label());
                }
                s
            }
        }
    }
}

/// Where a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Location {
    /// A table cell, row, column or table.
    Cell(CellRef),
    /// A span of text.
    Span(Span),
    /// The report as a whole (a missing part, a missing title).
    Document,
}

/// How safe a fix is to apply without review.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Applicability {
    /// Shown for the user to decide; never applied automatically.
    Suggested,
    /// Applied by "apply all safe fixes" and `--fix`.
    Safe,
}

/// One replacement of a span of the source text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub span: Span,
    pub replacement: String,
}

/// A fix: edits that are sorted and do not overlap.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    /// An imperative title: 「改为全角逗号“，”」.
    pub title: String,
    pub applicability: Applicability,
    edits: Vec<Edit>,
}

impl Fix {
    pub fn new(
        title: impl Into<String>,
        applicability: Applicability,
        mut edits: Vec<Edit>,
    ) -> Self {
        crate::sort::sort_by_key(&mut edits, |e| e.span);
        debug_assert!(
            edits.windows(2).all(|w| w[0].span.end <= w[1].span.start),
            "overlapping edits"
        );
        Fix {
            title: title.into(),
            applicability,
            edits,
        }
    }

    pub fn edits(&self) -> &[Edit] {
        &self.edits
    }
}

/// A finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The rule's code: 「A301」.
    pub code: &'static str,
    /// The rule's kebab-case name: 「t3-balance」.
    pub name: &'static str,
    pub severity: Severity,
    /// One Chinese sentence naming the numbers involved, without a final 「。」.
    pub message: String,
    pub location: Location,
    /// The finding's other locations: one cause, one finding.
    pub related: Vec<Location>,
    pub help: Option<String>,
    /// The single value that would fix the finding (A306).
    pub suggested_value: Option<u64>,
    pub fix: Option<Fix>,
    /// For findings across a batch of reports (H9xx): the places in the other
    /// report involved, which [`Location`] (a place in this report's text)
    /// cannot express. `None` for every single-report finding.
    pub other: Option<Box<OtherReport>>,
}

/// The other report of a finding across a batch (H901, H902): its file and
/// the places there that correspond, in order, to the finding's primary and
/// related locations (the side-by-side view pairs them).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OtherReport {
    /// The other file, as the user named it.
    pub path: String,
    /// The other report's body, when its title names one.
    pub body: Option<String>,
    pub places: Vec<OtherPlace>,
}

/// A place in the other report, resolved while both texts are at hand.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OtherPlace {
    /// A table location there, if the place is a cell.
    pub cell: Option<CellRef>,
    /// Where in the other report's text, when known.
    pub span: Option<Span>,
    /// The 1-based line and character column of `span.start`.
    pub line: u32,
    pub column: u32,
    /// The text `span` covers.
    pub text: String,
    /// The 1-based page of `span.start`, for paginated inputs.
    pub page: Option<u32>,
}

impl Diagnostic {
    /// A finding of `rule` at `location`, with the rule's default severity.
    pub fn new(
        rule: &crate::rules::RuleMeta,
        location: Location,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            code: rule.code,
            name: rule.name,
            severity: rule.severity,
            message: message.into(),
            location,
            related: Vec::new(),
            help: None,
            suggested_value: None,
            fix: None,
            other: None,
        }
    }

    pub fn with_other(mut self, other: OtherReport) -> Self {
        self.other = Some(Box::new(other));
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_related(mut self, related: impl IntoIterator<Item = Location>) -> Self {
        self.related.extend(related);
        self
    }

    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }

    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    /// Every location of the finding, primary first.
    pub fn locations(&self) -> impl Iterator<Item = &Location> {
        std::iter::once(&self.location).chain(self.related.iter())
    }
}

/// The fixes of at least `min` applicability that [`apply_fixes`] takes. A fix
/// is taken whole or not at all: it is skipped when one of its edits overlaps
/// (or starts where) an edit of a fix already taken starts, or does not fall on
/// character boundaries of `text`; fixes are taken in the order of their first
/// edit. Fixes whose edits interleave without overlapping are all taken.
pub fn select_fixes<'a>(
    text: &str,
    diagnostics: &'a [Diagnostic],
    min: Applicability,
) -> Vec<&'a Fix> {
    let mut fixes: Vec<&Fix> = diagnostics
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .filter(|f| f.applicability >= min && !f.edits.is_empty())
        .collect();
    crate::sort::sort_by_key(&mut fixes, |f| f.edits[0].span);
    let fits = |e: &Edit| {
        let r = e.span.range();
        r.end <= text.len() && text.is_char_boundary(r.start) && text.is_char_boundary(r.end)
    };
    let clash = |a: Span, b: Span| (a.start < b.end && b.start < a.end) || a.start == b.start;
    // The spans of the edits taken so far, sorted.
    let mut taken: Vec<Span> = Vec::new();
    fixes.retain(|fix| {
        let free = fix.edits.iter().all(|e| {
            fits(e) && {
                let i = taken.partition_point(|t| *t < e.span);
                let before = i.checked_sub(1).map(|j| taken[j]);
                ![before, taken.get(i).copied()]
                    .into_iter()
                    .flatten()
                    .any(|t| clash(t, e.span))
            }
        });
        if free {
            for e in &fix.edits {
                let i = taken.partition_point(|t| *t < e.span);
                taken.insert(i, e.span);
            }
        }
        free
    });
    fixes
}

/// Applies the fixes [`select_fixes`] takes; returns the new text and how many
/// fixes were applied.
pub fn apply_fixes(text: &str, diagnostics: &[Diagnostic], min: Applicability) -> (String, usize) {
    let fixes = select_fixes(text, diagnostics, min);
    let mut edits: Vec<&Edit> = fixes.iter().flat_map(|f| f.edits.iter()).collect();
    crate::sort::sort_by_key(&mut edits, |e| e.span);
    let mut out = String::with_capacity(text.len());
    let mut pos = 0usize;
    for e in edits {
        let r = e.span.range();
        out.push_str(&text[pos..r.start]);
        out.push_str(&e.replacement);
        pos = r.end;
    }
    out.push_str(&text[pos..]);
    (out, fixes.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(edits: &[(usize, usize, &str)]) -> Diagnostic {
        static RULE: crate::rules::RuleMeta = crate::rules::RuleMeta::test_rule();
        Diagnostic::new(&RULE, Location::Document, "x").with_fix(Fix::new(
            "fix",
            Applicability::Safe,
            edits
                .iter()
                .map(|&(a, b, r)| Edit {
                    span: Span::new(a, b),
                    replacement: r.to_string(),
                })
                .collect(),
        ))
    }

    #[test]
    fn interleaved_fixes_are_all_applied() {
        let text = "a,b(c),d";
        let ds = [
            fix(&[(1, 2, "，"), (6, 7, "，")]),
            fix(&[(3, 4, "（"), (5, 6, "）")]),
        ];
        assert_eq!(
            apply_fixes(text, &ds, Applicability::Safe),
            ("a，b（c），d".to_string(), 2)
        );
    }

    #[test]
    fn an_overlapping_fix_is_skipped_whole() {
        let text = "abcdef";
        let ds = [fix(&[(0, 2, "X")]), fix(&[(1, 3, "Y"), (4, 5, "Z")])];
        assert_eq!(
            apply_fixes(text, &ds, Applicability::Safe),
            ("Xcdef".to_string(), 1)
        );
    }

    #[test]
    fn suggested_fixes_wait_for_a_lower_threshold() {
        let text = "ab";
        let mut d = fix(&[(0, 1, "X")]);
        d.fix.as_mut().unwrap().applicability = Applicability::Suggested;
        assert_eq!(apply_fixes(text, &[d.clone()], Applicability::Safe).1, 0);
        assert_eq!(apply_fixes(text, &[d], Applicability::Suggested).0, "Xb");
    }
}
