//! Where findings point on the page: the `data-cell` keys of the table cells,
//! the marks each cell carries, and UTF-8 byte offsets turned into the UTF-16
//! offsets a textarea counts in.
//!
//! Plain functions on plain data, so they are tested natively.

use std::collections::HashMap;

use crate::diagnostic::{CellRef, Diagnostic, Location, Severity};
use crate::model::{T2Field, T2Item, T3Col, T3Row, T4Field, T4Group};

/// `t3.r01.np`.
pub(crate) fn t3_key(row: T3Row, col: T3Col) -> String {
    format!("t3.{}.{}", row.key(), col.key())
}

/// `t4.review.total`.
pub(crate) fn t4_key(group: T4Group, field: T4Field) -> String {
    format!("t4.{}.{}", group.key(), field.key())
}

/// `t2.rules.issued` for the three-column items, `t2.licensing` for the others.
pub(crate) fn t2_key(item: T2Item, field: T2Field) -> String {
    if item.fields().is_empty() {
        format!("t2.{}", item.key())
    } else {
        format!("t2.{}.{}", item.key(), field.key())
    }
}

/// The cells a table location covers, and whether it names them one by one
/// (`true`: a cell) or as a whole row, column or group (`false`: marked lightly).
/// A location on a whole table covers no cell: see [`is_table_level`].
pub(crate) fn cells_of(c: CellRef) -> (Vec<String>, bool) {
    match c {
        CellRef::T3 {
            row: Some(r),
            col: Some(c),
        } => (vec![t3_key(r, c)], true),
        CellRef::T3 {
            row: Some(r),
            col: None,
        } => (T3Col::ALL.iter().map(|&c| t3_key(r, c)).collect(), false),
        CellRef::T3 {
            row: None,
            col: Some(c),
        } => (T3Row::ALL.iter().map(|&r| t3_key(r, c)).collect(), false),
        CellRef::T4 {
            group: Some(g),
            field: Some(f),
        } => (vec![t4_key(g, f)], true),
        CellRef::T4 {
            group: Some(g),
            field: None,
        } => (T4Field::ALL.iter().map(|&f| t4_key(g, f)).collect(), false),
        CellRef::T4 {
            group: None,
            field: Some(f),
        } => (T4Group::ALL.iter().map(|&g| t4_key(g, f)).collect(), false),
        CellRef::T2 {
            item: Some(i),
            field,
        } => {
            if i.fields().is_empty() {
                (vec![t2_key(i, T2Field::Issued)], true)
            } else if let Some(f) = field {
                (vec![t2_key(i, f)], true)
            } else {
                (i.fields().iter().map(|&f| t2_key(i, f)).collect(), false)
            }
        }
        CellRef::T3 {
            row: None,
            col: None,
        }
        | CellRef::T4 {
            group: None,
            field: None,
        }
        | CellRef::T2 { item: None, .. } => (Vec::new(), false),
    }
}

/// A location on a whole table rather than on cells of it.
pub(crate) fn is_table_level(c: CellRef) -> bool {
    cells_of(c).0.is_empty()
}

/// What a cell shows about the findings that involve it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct CellMark {
    /// The most serious finding involving the cell.
    pub severity: Severity,
    /// Named one by one by some finding (else only through a row or column).
    pub direct: bool,
    /// One line per finding: 「A301 错误：…」.
    pub notes: Vec<String>,
}

impl CellMark {
    /// The classes of a marked cell: `marked cell-error`, plus `cell-light`
    /// when only whole rows or columns involve it.
    pub(crate) fn classes(&self) -> String {
        let mut s = format!("marked cell-{}", self.severity.key());
        if !self.direct {
            s.push_str(" cell-light");
        }
        s
    }
}

/// The marks of every cell involved in a finding, by `data-cell` key.
pub(crate) type Marks = HashMap<String, CellMark>;

/// One finding as a line of a cell's tooltip.
pub(crate) fn note(d: &Diagnostic) -> String {
    format!("{} {}：{}", d.code, d.severity.label(), d.message)
}

/// Marks for every cell that a finding's locations (primary and related) cover.
pub(crate) fn marks(diagnostics: &[Diagnostic]) -> Marks {
    let mut out = Marks::new();
    for d in diagnostics {
        let line = note(d);
        for loc in d.locations() {
            let Location::Cell(c) = loc else { continue };
            let (keys, direct) = cells_of(*c);
            for key in keys {
                let m = out.entry(key).or_insert_with(|| CellMark {
                    severity: d.severity,
                    direct,
                    notes: Vec::new(),
                });
                m.severity = m.severity.max(d.severity);
                m.direct |= direct;
                if !m.notes.contains(&line) {
                    m.notes.push(line.clone());
                }
            }
        }
    }
    out
}

/// The findings located on a whole table (`"t2"`, `"t3"`, `"t4"`), as notes.
pub(crate) fn table_notes(diagnostics: &[Diagnostic], table: &str) -> Vec<(Severity, String)> {
    let mut out: Vec<(Severity, String)> = Vec::new();
    for d in diagnostics {
        let hit = d.locations().any(|l| match l {
            Location::Cell(c) => c.table_key() == table && is_table_level(*c),
            _ => false,
        });
        if hit {
            out.push((d.severity, note(d)));
        }
    }
    out
}

/// The cell to scroll to for a table location: the first it covers.
pub(crate) fn focus_key(c: CellRef) -> Option<String> {
    cells_of(c).0.into_iter().next()
}

/// A location as a short stable key, for `data-where` on a finding:
/// `t3.r01.np` (a cell), `t3.r01` (a row), `t3.np` (a column), `t4.review`,
/// `t2.rules`, `t3` (a table), `span:120-123` (bytes), `document`.
pub(crate) fn location_key(loc: &Location) -> String {
    match loc {
        Location::Document => "document".to_string(),
        Location::Span(s) => format!("span:{}-{}", s.start, s.end),
        Location::Cell(c) => {
            let (keys, direct) = cells_of(*c);
            if direct && keys.len() == 1 {
                return keys[0].clone();
            }
            let parts: Vec<&str> = match *c {
                CellRef::T3 { row, col } => [row.map(T3Row::key), col.map(T3Col::key)]
                    .into_iter()
                    .flatten()
                    .collect(),
                CellRef::T4 { group, field } => [group.map(T4Group::key), field.map(T4Field::key)]
                    .into_iter()
                    .flatten()
                    .collect(),
                CellRef::T2 { item, field } => [item.map(T2Item::key), field.map(T2Field::key)]
                    .into_iter()
                    .flatten()
                    .collect(),
            };
            std::iter::once(c.table_key())
                .chain(parts)
                .collect::<Vec<_>>()
                .join(".")
        }
    }
}

/// The UTF-16 offset (what a textarea counts) of byte `offset` of `text`,
/// clamped to the text and to a character boundary.
pub(crate) fn utf16_offset(text: &str, offset: usize) -> u32 {
    let mut b = offset.min(text.len());
    while !text.is_char_boundary(b) {
        b -= 1;
    }
    text[..b].chars().map(char::len_utf16).sum::<usize>() as u32
}

/// A human description of where a finding is: 「表三 自然人列」「第 12 行」「全文」.
pub(crate) fn describe(loc: &Location, text: &str) -> String {
    match loc {
        Location::Cell(c) => c.describe(),
        Location::Span(s) => {
            let line = text
                .get(..(s.start as usize).min(text.len()))
                .map_or(0, |t| t.bytes().filter(|&b| b == b'\n').count())
                + 1;
            format!("第 {line} 行")
        }
        Location::Document => "全文".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::rule;

    #[test]
    fn keys_follow_the_data_cell_convention() {
        assert_eq!(t3_key(T3Row::R01, T3Col::Np), "t3.r01.np");
        assert_eq!(t4_key(T4Group::Review, T4Field::Total), "t4.review.total");
        assert_eq!(t2_key(T2Item::Rules, T2Field::Issued), "t2.rules.issued");
        assert_eq!(t2_key(T2Item::Licensing, T2Field::Issued), "t2.licensing");
        assert_eq!(t2_key(T2Item::Fee, T2Field::InForce), "t2.fee");
    }

    #[test]
    fn rows_and_columns_are_marked_lightly() {
        let (keys, direct) = cells_of(CellRef::T3 {
            row: Some(T3Row::R01),
            col: None,
        });
        assert_eq!(keys.len(), 7);
        assert!(!direct);
        let (keys, _) = cells_of(CellRef::T3 {
            row: None,
            col: Some(T3Col::Tot),
        });
        assert_eq!(keys.len(), 25);
        assert!(is_table_level(CellRef::T3 {
            row: None,
            col: None
        }));
    }

    #[test]
    fn a_cell_takes_the_most_serious_finding() {
        let a301 = rule("A301").unwrap();
        let a306 = rule("A306").unwrap();
        let cell = Location::Cell(CellRef::t3(T3Row::R01, T3Col::Np));
        let row = Location::Cell(CellRef::T3 {
            row: Some(T3Row::R01),
            col: None,
        });
        let diags = vec![
            Diagnostic::new(a306, cell, "建议改为 0"),
            Diagnostic::new(a301, row, "不平衡").with_related([cell]),
        ];
        let m = marks(&diags);
        let np = &m["t3.r01.np"];
        assert_eq!(np.severity, Severity::Error);
        assert!(np.direct);
        assert_eq!(np.notes.len(), 2);
        assert_eq!(np.classes(), "marked cell-error");
        assert_eq!(m["t3.r01.biz"].classes(), "marked cell-error cell-light");
    }

    #[test]
    fn location_keys_are_short_and_stable() {
        let cell = Location::Cell(CellRef::t3(T3Row::R01, T3Col::Np));
        assert_eq!(location_key(&cell), "t3.r01.np");
        let row = Location::Cell(CellRef::T3 {
            row: Some(T3Row::R01),
            col: None,
        });
        assert_eq!(location_key(&row), "t3.r01");
        let col = Location::Cell(CellRef::T3 {
            row: None,
            col: Some(T3Col::Np),
        });
        assert_eq!(location_key(&col), "t3.np");
        let fee = Location::Cell(CellRef::T2 {
            item: Some(T2Item::Fee),
            field: None,
        });
        assert_eq!(location_key(&fee), "t2.fee");
        assert_eq!(location_key(&Location::Document), "document");
    }

    #[test]
    fn utf16_offsets_count_code_units() {
        let text = "表三：😀5";
        assert_eq!(utf16_offset(text, 0), 0);
        assert_eq!(utf16_offset(text, "表三：".len()), 3);
        assert_eq!(utf16_offset(text, text.len() - 1), 5);
        // Inside a character and past the end: clamped.
        assert_eq!(utf16_offset(text, 1), 0);
        assert_eq!(utf16_offset(text, 999), 6);
    }
}
