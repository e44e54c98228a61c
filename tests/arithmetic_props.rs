//! Property tests for the arithmetic rules, on reports built directly (no parser):
//! a balanced table never fires; one changed cell always fires on its row or column,
//! and when A306 names a cell, restoring that value makes every relation hold.

use nianbao::diagnostic::{CellRef, Location};
use nianbao::model::{
    Cell, Label, LabelMatch, Report, Row, T3Col, T3Row, T4Field, T4Group, Table3, Table4,
};
use nianbao::rules::{self, Config};
use nianbao::text::Span;
use proptest::prelude::*;

fn row(label: &str, values: [u64; 7]) -> Row<7> {
    Row {
        label: Label {
            text: label.to_string(),
            span: Span::default(),
        },
        matched: LabelMatch::Exact,
        cells: values.map(|v| Cell::int(v, Span::default())),
        extra: vec![],
    }
}

/// A balanced table 三 from the result counts (r03–r23, six columns), the
/// carry-over out (r25) and how much of the total came from last year (r02).
fn balanced_t3(results: &[[u64; 6]], carry_out: [u64; 6], carry_in_share: [u64; 6]) -> Table3 {
    let with_total = |v: [u64; 6]| -> [u64; 7] {
        let mut out = [0; 7];
        out[..6].copy_from_slice(&v);
        out[6] = v.iter().sum();
        out
    };
    let mut r24 = [0u64; 6];
    for r in results {
        for c in 0..6 {
            r24[c] += r[c];
        }
    }
    let mut r01 = [0u64; 6];
    let mut r02 = [0u64; 6];
    for c in 0..6 {
        let available = r24[c] + carry_out[c];
        r02[c] = carry_in_share[c] % (available + 1);
        r01[c] = available - r02[c];
    }
    let mut rows: [Option<Row<7>>; 25] = Default::default();
    rows[0] = Some(row("r01", with_total(r01)));
    rows[1] = Some(row("r02", with_total(r02)));
    for (i, r) in results.iter().enumerate() {
        rows[2 + i] = Some(row("result", with_total(*r)));
    }
    rows[23] = Some(row("r24", with_total(r24)));
    rows[24] = Some(row("r25", with_total(carry_out)));
    Table3 {
        span: Span::default(),
        rows,
        single_other_row: false,
    }
}

fn balanced_t4(parts: [[u64; 4]; 3]) -> Table4 {
    Table4 {
        span: Span::default(),
        groups: parts.map(|p| {
            let total = p.iter().sum();
            let v = [p[0], p[1], p[2], p[3], total];
            Some(v.map(|n| Cell::int(n, Span::default())))
        }),
    }
}

fn report(t3: Table3, t4: Table4) -> Report {
    Report {
        table3: Some(t3),
        table4: Some(t4),
        ..Report::default()
    }
}

fn arithmetic(report: &Report) -> Vec<nianbao::Diagnostic> {
    rules::check(report, &Config::default())
        .into_iter()
        .filter(|d| d.code.starts_with('A'))
        .collect()
}

fn small() -> impl Strategy<Value = u64> {
    prop_oneof![3 => 0u64..3, 1 => 0u64..500]
}

fn tables() -> impl Strategy<Value = (Table3, Table4)> {
    (
        prop::collection::vec(prop::array::uniform6(small()), 21),
        prop::array::uniform6(small()),
        prop::array::uniform6(small()),
        prop::array::uniform3(prop::array::uniform4(small())),
    )
        .prop_map(|(results, out, share, t4)| (balanced_t3(&results, out, share), balanced_t4(t4)))
}

fn touches(d: &nianbao::Diagnostic, cell: CellRef) -> bool {
    d.locations().any(|l| match (l, cell) {
        (Location::Cell(c), _) if *c == cell => true,
        (
            Location::Cell(CellRef::T3 { row, col }),
            CellRef::T3 {
                row: Some(r),
                col: Some(c),
            },
        ) => (row.is_none() && *col == Some(c)) || (*row == Some(r) && col.is_none()),
        (Location::Cell(CellRef::T4 { group, field: None }), CellRef::T4 { group: g, .. }) => {
            *group == g
        }
        _ => false,
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn a_balanced_table_never_fires((t3, t4) in tables()) {
        let found = arithmetic(&report(t3, t4));
        prop_assert!(found.is_empty(), "{:?}", found.iter().map(|d| &d.message).collect::<Vec<_>>());
    }

    #[test]
    fn one_changed_cell_fires_on_its_row_or_column(
        (t3, t4) in tables(),
        in_t3 in any::<bool>(),
        row in 0usize..25,
        col in 0usize..7,
        group in 0usize..3,
        field in 0usize..5,
        delta in 1u64..50,
        up in any::<bool>(),
    ) {
        let mut r = report(t3, t4);
        let (cell, original) = if in_t3 {
            let (rr, cc) = (T3Row::ALL[row], T3Col::ALL[col]);
            let c = &mut r.table3.as_mut().unwrap().rows[row].as_mut().unwrap().cells[col];
            let orig = c.as_int().unwrap();
            (CellRef::t3(rr, cc), (c, orig))
        } else {
            let (g, f) = (T4Group::ALL[group], T4Field::ALL[field]);
            let c = &mut r.table4.as_mut().unwrap().groups[group].as_mut().unwrap()[field];
            let orig = c.as_int().unwrap();
            (CellRef::t4(g, f), (c, orig))
        };
        let (slot, orig) = original;
        let new = if up || orig < delta { orig + delta } else { orig - delta };
        *slot = Cell::int(new, Span::default());

        let found = arithmetic(&r);
        prop_assert!(
            found.iter().any(|d| d.code != "A306" && touches(d, cell)),
            "no finding on {:?}: {:?}", cell, found.iter().map(|d| &d.message).collect::<Vec<_>>()
        );
        // When A306 names a cell, its suggestion repairs every relation.
        if let Some(s) = found.iter().find(|d| d.code == "A306") {
            let Location::Cell(at) = s.location else { panic!("A306 not on a cell") };
            let v = s.suggested_value.unwrap();
            let mut fixed = r.clone();
            match at {
                CellRef::T3 { row: Some(rr), col: Some(cc) } => {
                    fixed.table3.as_mut().unwrap().rows[rr.index()].as_mut().unwrap().cells[cc.index()] = Cell::int(v, Span::default());
                }
                CellRef::T4 { group: Some(g), field: Some(f) } => {
                    fixed.table4.as_mut().unwrap().groups[g as usize].as_mut().unwrap()[f as usize] = Cell::int(v, Span::default());
                }
                _ => panic!("A306 on {at:?}"),
            }
            prop_assert!(arithmetic(&fixed).is_empty());
        }
    }
}
