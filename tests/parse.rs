//! The pasted-text parser against real and constructed inputs.
//!
//! Fixtures (tests/fixtures/text, see its README):
//! - `seed.txt`: the draft report the project started from (tab-separated tables).
//! - `seed_distinct.txt`: the seed with a distinct number in every value cell.
//! - `seed_pipes.txt`, `seed_spaces.txt`: the same tables as Markdown pipe tables
//!   and with runs of spaces (plus full-width digits).
//! - `*.layout.txt`: `pdftotext -layout` of the three real published reports; the
//!   expected values below were read off the PDF pages.

use nianbao::model::{
    Cell, CellValue, LabelMatch, Numbering, PartKind, Report, T2Item, T3Col, T3Row, T4Field,
    T4Group,
};
use nianbao::parse::parse_text;

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/text/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The value of a string of half- or full-width digits (with thousands separators).
fn digits_value(s: &str) -> Option<u64> {
    let mut n: u64 = 0;
    let mut any = false;
    for c in s.chars() {
        let d = match c {
            '0'..='9' => c as u64 - '0' as u64,
            '０'..='９' => c as u64 - '０' as u64,
            ',' | '，' => continue,
            _ => return None,
        };
        n = n.checked_mul(10)?.checked_add(d)?;
        any = true;
    }
    any.then_some(n)
}

/// Every cell of the report's tables.
fn all_cells(r: &Report) -> Vec<&Cell> {
    let mut out: Vec<&Cell> = Vec::new();
    if let Some(t2) = &r.table2 {
        for item in T2Item::ALL {
            out.extend(t2.item(item).unwrap_or(&[]));
        }
    }
    if let Some(t3) = &r.table3 {
        out.extend(t3.rows.iter().flatten().flat_map(|row| row.cells.iter()));
    }
    if let Some(t4) = &r.table4 {
        out.extend(t4.groups.iter().flatten().flat_map(|g| g.iter()));
    }
    out
}

/// Spans are in bounds; an integer's span covers exactly its digits.
fn assert_spans_sound(r: &Report) {
    let text = &r.text;
    for c in all_cells(r) {
        if let Some(s) = c.span {
            assert!(s.start <= s.end && s.end as usize <= text.len(), "{c:?}");
            assert!(
                text.get(s.range()).is_some(),
                "span not on char boundaries: {c:?}"
            );
        }
        if let CellValue::Int(n) = c.value {
            let s = c.span.expect("an integer has a span");
            assert_eq!(digits_value(s.slice(text)), Some(n), "{c:?}");
        }
    }
    for p in &r.parts {
        assert!(p.body.end as usize <= text.len());
        assert_eq!(p.heading.span.slice(text), p.heading.text);
    }
    for h in &r.headings {
        assert_eq!(h.span.slice(text), h.text);
    }
}

fn ints<const N: usize>(cells: &[Cell]) -> [Option<u64>; N] {
    std::array::from_fn(|i| cells.get(i).and_then(Cell::as_int))
}

fn assert_parts(r: &Report) {
    let kinds: Vec<_> = r.parts.iter().map(|p| p.kind).collect();
    assert_eq!(kinds, PartKind::ALL.map(Some).to_vec(), "{:#?}", r.parts);
    let numbers: Vec<_> = r.parts.iter().map(|p| p.number).collect();
    assert_eq!(numbers, (1..=6).map(Some).collect::<Vec<_>>());
    // Each table lies in its part.
    let within = |kind: PartKind, span: nianbao::text::Span| {
        let body = r.part(kind).expect("part").body;
        assert!(
            body.start <= span.start && span.end <= body.end,
            "{kind:?}: {span:?} not in {body:?}"
        );
    };
    within(
        PartKind::ActiveDisclosure,
        r.table2.as_ref().expect("table 二").span,
    );
    within(
        PartKind::Applications,
        r.table3.as_ref().expect("table 三").span,
    );
    within(PartKind::Appeals, r.table4.as_ref().expect("table 四").span);
}

fn assert_title(r: &Report, body: &str, year: i32) {
    let t = r.title.as_ref().expect("title");
    assert_eq!(t.body.as_deref(), Some(body), "{t:?}");
    assert_eq!(t.year, Some(year));
    assert!(t.text.contains("年度报告"));
}

type T2Expect = ([u64; 3], [u64; 3], u64, u64, u64, &'static str);

fn assert_table2(r: &Report, e: T2Expect) {
    let t2 = r.table2.as_ref().expect("table 二");
    let one = |item: T2Item| t2.item(item).and_then(|c| c[0].as_int());
    assert_eq!(
        ints::<3>(t2.item(T2Item::Rules).expect("规章")),
        e.0.map(Some)
    );
    assert_eq!(
        ints::<3>(t2.item(T2Item::Normative).expect("行政规范性文件")),
        e.1.map(Some)
    );
    assert_eq!(one(T2Item::Licensing), Some(e.2));
    assert_eq!(one(T2Item::Penalty), Some(e.3));
    assert_eq!(one(T2Item::Coercion), Some(e.4));
    let fee = &t2.item(T2Item::Fee).expect("收费")[0];
    assert_eq!(fee.value, CellValue::Decimal(e.5.to_string()));
    assert_eq!(fee.span.map(|s| s.slice(&r.text)), Some(e.5));
}

/// Table 三 as expected: `None` for a row that must be absent.
fn assert_table3(r: &Report, e: &[Option<[u64; 7]>; 25]) {
    let t3 = r.table3.as_ref().expect("table 三");
    for row in T3Row::ALL {
        let got = t3.row(row).map(|rw| ints::<7>(&rw.cells));
        assert_eq!(
            got,
            e[row.index()].map(|v| v.map(Some)),
            "row {}",
            row.key()
        );
    }
}

fn assert_table4(r: &Report, e: [[u64; 5]; 3]) {
    let t4 = r.table4.as_ref().expect("table 四");
    for g in T4Group::ALL {
        let got = t4.groups[g as usize].as_ref().map(|c| ints::<5>(c));
        assert_eq!(got, Some(e[g as usize].map(Some)), "group {}", g.key());
    }
}

fn z(n: u64) -> Option<[u64; 7]> {
    Some([n, 0, 0, 0, 0, 0, n])
}

// ---------------------------------------------------------------------------
// The seed and its variants
// ---------------------------------------------------------------------------

#[test]
fn seed_title_parts_and_tables() {
    let r = parse_text(&fixture("seed.txt"));
    assert_eq!(r.text, fixture("seed.txt"));
    assert_title(&r, "雁鸣湖镇", 2021);
    assert_eq!(
        r.title.as_ref().map(|t| t.text.as_str()),
        Some("雁鸣湖镇2021年政府信息公开工作年度报告")
    );
    assert_parts(&r);
    // 「### 三、」 sits at another level than 「## 二、」: still a part.
    assert_eq!(
        r.parts[2].heading.text,
        "三、收到和处理政府信息公开申请情况"
    );
    // Headings: title, six parts, four sub-headings of 一, two of 五.
    assert_eq!(r.headings.len(), 13, "{:#?}", r.headings);
    assert!(r.headings.iter().any(|h| h.text == "(一) 存在的主要问题"
        && h.markdown_level == Some(4)
        && h.numbering
            == Numbering::ChineseParen {
                n: 1,
                fullwidth: false
            }));
    assert_table2(&r, ([0; 3], [0; 3], 0, 0, 0, "0"));
    assert_table3(&r, &[Some([0; 7]); 25]);
    assert_table4(&r, [[0; 5]; 3]);
    let t3 = r.table3.as_ref().unwrap();
    assert!(!t3.single_other_row);
    assert!(
        t3.rows
            .iter()
            .flatten()
            .all(|row| row.matched == LabelMatch::Exact && row.extra.is_empty())
    );
    assert_eq!(t3.row(T3Row::R05).unwrap().label.text, "1. 属于国家秘密");
    assert_eq!(t3.row(T3Row::R23).unwrap().label.text, "3. 其他");
    assert!(r.unknown_rows.is_empty() && r.old_format_labels.is_empty());
    assert!(r.page_starts.is_empty());
    assert_spans_sound(&r);
}

/// The value the distinct fixtures hold in each cell: table 二 1001…1009 and
/// 1010.25, table 三 1011…1185 row by row, table 四 1186…1200.
fn distinct_t3(row: T3Row, col: T3Col) -> u64 {
    1011 + 7 * row.index() as u64 + col.index() as u64
}

fn distinct_t4(g: T4Group, f: T4Field) -> u64 {
    1186 + 5 * g as u64 + f as u64
}

fn fold_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect()
}

fn assert_distinct(name: &str) {
    let r = parse_text(&fixture(name));
    assert_title(&r, "雁鸣湖镇", 2021);
    assert_parts(&r);
    let text = &r.text;
    let check = |c: &Cell, want: u64, what: &str| {
        assert_eq!(c.as_int(), Some(want), "{name} {what}");
        let span = c.span.unwrap_or_else(|| panic!("{name} {what}: no span"));
        assert_eq!(
            fold_digits(span.slice(text)),
            want.to_string(),
            "{name} {what}"
        );
    };
    let t2 = r.table2.as_ref().expect("table 二");
    let mut n = 1001;
    for item in [
        T2Item::Rules,
        T2Item::Normative,
        T2Item::Licensing,
        T2Item::Penalty,
        T2Item::Coercion,
    ] {
        for c in t2.item(item).expect("row") {
            check(c, n, item.key());
            n += 1;
        }
    }
    let fee = &t2.item(T2Item::Fee).expect("fee")[0];
    assert_eq!(fee.value, CellValue::Decimal("1010.25".into()));
    assert_eq!(fee.span.map(|s| s.slice(text)), Some("1010.25"));
    let t3 = r.table3.as_ref().expect("table 三");
    let mut count = 0;
    for row in T3Row::ALL {
        let rw = t3
            .row(row)
            .unwrap_or_else(|| panic!("{name}: no row {}", row.key()));
        assert_eq!(rw.matched, LabelMatch::Exact);
        assert!(rw.extra.is_empty());
        for col in T3Col::ALL {
            check(
                &rw.cells[col.index()],
                distinct_t3(row, col),
                &format!("{}.{}", row.key(), col.key()),
            );
            count += 1;
        }
    }
    let t4 = r.table4.as_ref().expect("table 四");
    for g in T4Group::ALL {
        for f in T4Field::ALL {
            check(
                t4.cell(g, f).expect("cell"),
                distinct_t4(g, f),
                &format!("{}.{}", g.key(), f.key()),
            );
            count += 1;
        }
    }
    assert_eq!(count, 175 + 15);
    assert!(r.unknown_rows.is_empty(), "{:?}", r.unknown_rows);
    assert_spans_sound(&r);
}

#[test]
fn distinct_values_tabs() {
    assert_distinct("seed_distinct.txt");
}

#[test]
fn distinct_values_markdown_pipes() {
    assert_distinct("seed_pipes.txt");
}

#[test]
fn distinct_values_runs_of_spaces_and_fullwidth_digits() {
    assert_distinct("seed_spaces.txt");
    // Full-width digits are three bytes each: the span covers them exactly.
    let r = parse_text(&fixture("seed_spaces.txt"));
    let c = r
        .table3
        .as_ref()
        .unwrap()
        .cell(T3Row::R01, T3Col::Np)
        .unwrap();
    assert_eq!(c.span.unwrap().slice(&r.text), "１０１１");
    assert_eq!(c.span.unwrap().len(), 12);
}

// ---------------------------------------------------------------------------
// The real published reports (pdftotext -layout)
// ---------------------------------------------------------------------------

#[test]
fn hongze_2023_layout() {
    let r = parse_text(&fixture("2023_hongze-qu.layout.txt"));
    // The title wraps over two lines.
    assert_title(&r, "洪泽区人民政府", 2023);
    let title = r.title.as_ref().unwrap();
    assert!(title.span.slice(&r.text).contains('\n'));
    assert_parts(&r);
    assert_eq!(r.page_starts.len(), 4);
    assert_eq!(r.page_of(r.table4.as_ref().unwrap().span.start), Some(4));
    assert_table2(&r, ([0, 0, 0], [0, 5, 5], 550, 4119, 195, "7730.28"));
    let t3 = [
        z(21),
        z(0),
        z(0),
        z(4),
        z(1),
        z(0),
        z(0),
        z(0),
        z(0),
        z(1),
        z(1),
        z(0),
        z(10),
        z(3),
        z(0),
        z(1),
        z(0),
        z(0),
        z(0),
        z(0),
        z(0),
        None,
        None,
        z(21),
        z(0),
    ];
    assert_table3(&r, &t3);
    // The old layout: a single （六）其他处理 row.
    let t = r.table3.as_ref().unwrap();
    assert!(t.single_other_row);
    assert_eq!(t.row(T3Row::R21).unwrap().label.text, "（六）其他处理");
    // 「2.其他法律行政止公开」: a typo, read into r06.
    assert_eq!(t.row(T3Row::R06).unwrap().matched, LabelMatch::Fuzzy);
    // Labels wrapped over lines are joined.
    assert_eq!(
        t.row(T3Row::R20).unwrap().label.text,
        "5.要求行政机关确认或重 新出具已获取信息"
    );
    // Table 四's totals disagree with their parts, as printed: read as printed.
    assert_table4(&r, [[10, 1, 0, 0, 0], [0, 0, 0, 0, 0], [5, 0, 0, 0, 0]]);
    assert!(r.unknown_rows.is_empty(), "{:?}", r.unknown_rows);
    assert_spans_sound(&r);
}

#[test]
fn hongze_2024_layout() {
    let r = parse_text(&fixture("2024_hongze-qu.layout.txt"));
    assert_title(&r, "淮安市洪泽区人民政府", 2024);
    assert_parts(&r);
    assert_table2(&r, ([0, 0, 0], [3, 0, 8], 9487, 2776, 84, "7545"));
    let t3 = [
        z(95),
        z(0),
        z(50),
        z(9),
        z(0),
        z(0),
        z(1),
        z(0),
        z(0),
        z(1),
        z(1),
        z(0),
        z(31),
        z(1),
        z(0),
        z(1),
        z(0),
        z(0),
        z(0),
        z(0),
        z(0),
        None,
        None,
        z(95),
        z(0),
    ];
    assert_table3(&r, &t3);
    assert!(r.table3.as_ref().unwrap().single_other_row);
    assert_table4(&r, [[1, 1, 0, 0, 2], [1, 0, 0, 0, 1], [2, 0, 1, 0, 3]]);
    assert!(r.unknown_rows.is_empty(), "{:?}", r.unknown_rows);
    assert_spans_sound(&r);
}

#[test]
fn huaian_2024_layout() {
    let r = parse_text(&fixture("2024_huaian-shi.layout.txt"));
    assert_title(&r, "淮安市人民政府", 2024);
    assert_parts(&r);
    assert_table2(
        &r,
        ([1, 0, 11], [8, 26, 66], 447228, 3985758, 88283, "96171.6"),
    );
    let t3 = [
        Some([3001, 53, 0, 0, 61, 4, 3119]),
        Some([34, 0, 0, 0, 0, 0, 34]),
        Some([1288, 21, 0, 0, 50, 3, 1362]),
        Some([447, 7, 0, 0, 0, 0, 454]),
        Some([2, 0, 0, 0, 0, 0, 2]),
        Some([30, 1, 0, 0, 0, 0, 31]),
        Some([5, 0, 0, 0, 0, 0, 5]),
        Some([6, 0, 0, 0, 0, 0, 6]),
        Some([7, 1, 0, 0, 0, 0, 8]),
        Some([12, 0, 0, 0, 0, 0, 12]),
        Some([9, 0, 0, 0, 0, 0, 9]),
        Some([105, 0, 0, 0, 0, 0, 105]),
        Some([746, 12, 0, 0, 10, 1, 769]),
        Some([11, 0, 0, 0, 0, 0, 11]),
        Some([1, 0, 0, 0, 0, 0, 1]),
        Some([56, 6, 0, 0, 0, 0, 62]),
        Some([25, 0, 0, 0, 0, 0, 25]),
        Some([0, 0, 0, 0, 0, 0, 0]),
        Some([0, 0, 0, 0, 0, 0, 0]),
        Some([1, 0, 0, 0, 0, 0, 1]),
        Some([67, 3, 0, 0, 1, 0, 71]),
        Some([6, 0, 0, 0, 0, 0, 6]),
        Some([108, 2, 0, 0, 0, 0, 110]),
        Some([2932, 53, 0, 0, 61, 4, 3050]),
        Some([103, 0, 0, 0, 0, 0, 103]),
    ];
    assert_table3(&r, &t3);
    let t = r.table3.as_ref().unwrap();
    assert!(!t.single_other_row);
    assert!(
        t.rows
            .iter()
            .flatten()
            .all(|row| row.matched == LabelMatch::Exact)
    );
    // Wrapped around its numbers: label above and below the line of values.
    assert_eq!(
        t.row(T3Row::R04).unwrap().label.text,
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
    );
    assert_eq!(
        t.row(T3Row::R21).unwrap().label.text,
        "1、申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"
    );
    assert_table4(
        &r,
        [[72, 64, 178, 37, 351], [13, 4, 8, 1, 26], [12, 1, 1, 6, 20]],
    );
    assert!(r.unknown_rows.is_empty(), "{:?}", r.unknown_rows);
    assert_eq!(r.page_starts.len(), 5);
    assert_spans_sound(&r);
}

// ---------------------------------------------------------------------------
// Look-alikes and odd inputs
// ---------------------------------------------------------------------------

const MINI_T3_HEAD: &str = "### 三、收到和处理政府信息公开申请情况\n\n";

/// A minimal report around a table 三 body.
fn with_t3(rows: &str) -> String {
    format!(
        "# 某镇2022年政府信息公开工作年度报告\n\n## 一、总体情况\n\n正文。\n\n{MINI_T3_HEAD}{rows}\n### 四、政府信息公开行政复议、行政诉讼情况\n\n无。\n"
    )
}

#[test]
fn body_paragraphs_are_not_headings() {
    let r = parse_text(
        "## 一、总体情况\n\n一是加强组织领导，成立工作专班。\n二是完善制度。\n1. 本年度共发布信息200条，较上年增长。\n（一）主动公开情况。主要通过网站公开。\n",
    );
    assert_eq!(r.headings.len(), 1, "{:#?}", r.headings);
    assert_eq!(r.parts.len(), 1);
    assert_eq!(r.parts[0].kind, Some(PartKind::Overview));
    assert!(r.title.is_none());
}

#[test]
fn table_three_rows_are_never_parts() {
    // Rows with and without values, as plain lines with single spaces.
    let rows = "一、本年新收政府信息公开申请数量 3 0 0 0 0 0 3\n二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0\n三、本年度办理结果\n（一）予以公开 3 0 0 0 0 0 3\n（七）总计 3 0 0 0 0 0 3\n四、结转下年度继续办理 0 0 0 0 0 0 0\n";
    let r = parse_text(&with_t3(rows));
    let numbers: Vec<_> = r.parts.iter().map(|p| p.number).collect();
    assert_eq!(numbers, vec![Some(1), Some(3), Some(4)], "{:#?}", r.parts);
    let t3 = r.table3.as_ref().expect("table 三");
    assert_eq!(
        ints::<7>(&t3.row(T3Row::R01).unwrap().cells),
        [3, 0, 0, 0, 0, 0, 3].map(Some)
    );
    assert_eq!(
        ints::<7>(&t3.row(T3Row::R25).unwrap().cells),
        [0; 7].map(Some)
    );
    assert!(
        r.headings
            .iter()
            .all(|h| !h.text.contains("本年度办理结果"))
    );
    assert_spans_sound(&r);
}

#[test]
fn rows_with_too_many_and_too_few_values() {
    let rows = "一、本年新收政府信息公开申请数量\t1\t2\t3\t4\t5\t6\t7\t8\t9\n二、上年结转政府信息公开申请数量\t1\t2\t3\t4\t5\n";
    let r = parse_text(&with_t3(rows));
    let t3 = r.table3.as_ref().expect("table 三");
    let r01 = t3.row(T3Row::R01).unwrap();
    assert_eq!(ints::<7>(&r01.cells), [1, 2, 3, 4, 5, 6, 7].map(Some));
    let extra: Vec<_> = r01.extra.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(extra, ["8", "9"]);
    assert_eq!(r01.extra[1].span.slice(&r.text), "9");
    let r02 = t3.row(T3Row::R02).unwrap();
    assert_eq!(ints::<5>(&r02.cells), [1, 2, 3, 4, 5].map(Some));
    assert_eq!(r02.cells[5], Cell::blank());
    assert_eq!(r02.cells[6], Cell::blank());
    assert!(r02.cells[6].span.is_none());
    assert_spans_sound(&r);
}

#[test]
fn an_empty_tab_cell_in_place_is_blank_with_a_place() {
    let rows = "一、本年新收政府信息公开申请数量\t\t\t0\t1\t2\t3\t4\t5\n";
    let r = parse_text(&with_t3(rows));
    let row = r.table3.as_ref().unwrap().row(T3Row::R01).unwrap();
    assert_eq!(row.cells[0].value, CellValue::Blank);
    assert!(row.cells[0].span.is_some_and(|s| s.is_empty()));
    assert_eq!(ints::<7>(&row.cells)[1..], [0, 1, 2, 3, 4, 5].map(Some));
}

#[test]
fn cell_values_of_every_kind() {
    let rows = "一、本年新收政府信息公开申请数量\t/\t—\t-\t无\t－\t／\t3件\n\
                二、上年结转政府信息公开申请数量\t若干\t-2\t1.5\t1,234\t１２\t+1\t007\n";
    let r = parse_text(&with_t3(rows));
    let t3 = r.table3.as_ref().expect("table 三");
    let r01 = t3.row(T3Row::R01).unwrap();
    for c in &r01.cells[..6] {
        assert_eq!(c.value, CellValue::Placeholder, "{c:?}");
    }
    assert_eq!(r01.cells[6].value, CellValue::Int(3));
    assert_eq!(r01.cells[6].span.unwrap().slice(&r.text), "3");
    assert_eq!(r01.cells[6].raw, "3件");
    let r02 = t3.row(T3Row::R02).unwrap();
    let kinds: Vec<_> = r02.cells.iter().map(|c| c.value.clone()).collect();
    assert_eq!(
        kinds,
        [
            CellValue::Invalid,
            CellValue::Invalid,
            CellValue::Invalid,
            CellValue::Int(1234),
            CellValue::Int(12),
            CellValue::Invalid,
            CellValue::Int(7),
        ]
    );
    assert_eq!(r02.cells[0].raw, "若干");
    assert_eq!(r02.cells[1].raw, "-2");
    assert_eq!(r02.cells[3].span.unwrap().slice(&r.text), "1,234");
    assert_eq!(r02.cells[4].span.unwrap().slice(&r.text), "１２");
    assert_spans_sound(&r);
    // A row whose only value is text is still read.
    let r = parse_text(
        "## 二、主动公开政府信息情况\n第二十条第（五）项\n信息内容\t本年处理决定数量\t\t\n行政许可\t若干\t\t\n",
    );
    let licensing = r
        .table2
        .as_ref()
        .and_then(|t| t.licensing.as_ref())
        .expect("行政许可");
    assert_eq!(licensing.cells[0].value, CellValue::Invalid);
    assert_eq!(licensing.cells[0].raw, "若干");
}

#[test]
fn unknown_and_misspelt_rows() {
    let rows = "一、本年新收政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1\n\
                三、本年度办理结果\t(一) 予以公开\t1\t0\t0\t0\t0\t0\t1\n\
                \t(三) 不予公开\t9. 本年度收到的咨询电话数量\t5\t5\t5\t5\t5\t5\t5\n\
                \t\t4. 保护第三方合法权利\t2\t0\t0\t0\t0\t0\t2\n";
    let r = parse_text(&with_t3(rows));
    let t3 = r.table3.as_ref().expect("table 三");
    let r08 = t3.row(T3Row::R08).expect("the typo is read into r08");
    assert_eq!(r08.matched, LabelMatch::Fuzzy);
    assert_eq!(r08.cells[0].as_int(), Some(2));
    assert_eq!(r.unknown_rows.len(), 1, "{:?}", r.unknown_rows);
    assert_eq!(r.unknown_rows[0].text, "9. 本年度收到的咨询电话数量");
    assert_eq!(
        r.unknown_rows[0].span.slice(&r.text),
        "9. 本年度收到的咨询电话数量"
    );
    // Its values are not read anywhere.
    assert!(all_cells(&r).iter().all(|c| c.as_int() != Some(5)));
}

#[test]
fn cells_spilled_one_per_line() {
    // Web pages copied as text: every cell on a line of its own.
    let mut text = String::from(
        "# 某局2023年政府信息公开工作年度报告\n## 二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\n本年制发件数\n本年废止件数\n现行有效件数\n规章\n0\n0\n0\n行政规范性文件\n1\n2\n3\n行政许可\n44\n行政事业性收费\n0.5\n",
    );
    text.push_str("## 三、收到和处理政府信息公开申请情况\n申请人情况\n自然人\n总计\n一、本年新收政府信息公开申请数量\n");
    for v in [5, 1, 0, 0, 0, 0, 6] {
        text.push_str(&format!("{v}\n"));
    }
    text.push_str("三、本年度办理结果\n（一）予以公开\n");
    for v in [4, 1, 0, 0, 0, 0, 5] {
        text.push_str(&format!("{v}\n"));
    }
    text.push_str(
        "## 四、政府信息公开行政复议、行政诉讼情况\n行政复议\n行政诉讼\n结果维持\n总计\n",
    );
    for v in 1..=15 {
        text.push_str(&format!("{v}\n"));
    }
    text.push_str("## 五、存在的主要问题及改进情况\n无。\n");
    let r = parse_text(&text);
    let t2 = r.table2.as_ref().expect("table 二");
    assert_eq!(
        ints::<3>(t2.item(T2Item::Normative).unwrap()),
        [1, 2, 3].map(Some)
    );
    assert_eq!(t2.item(T2Item::Licensing).unwrap()[0].as_int(), Some(44));
    assert_eq!(
        t2.item(T2Item::Fee).unwrap()[0].value,
        CellValue::Decimal("0.5".into())
    );
    let t3 = r.table3.as_ref().expect("table 三");
    assert_eq!(
        ints::<7>(&t3.row(T3Row::R01).unwrap().cells),
        [5, 1, 0, 0, 0, 0, 6].map(Some)
    );
    assert_eq!(
        ints::<7>(&t3.row(T3Row::R03).unwrap().cells),
        [4, 1, 0, 0, 0, 0, 5].map(Some)
    );
    let t4 = r.table4.as_ref().expect("table 四");
    assert_eq!(
        t4.cell(T4Group::SuitAfter, T4Field::Total)
            .unwrap()
            .as_int(),
        Some(15)
    );
    assert!(r.unknown_rows.is_empty(), "{:?}", r.unknown_rows);
    assert_spans_sound(&r);
}

#[test]
fn labels_below_their_numbers_and_numbers_without_a_label() {
    // Layout text where a label (wrapped or not) starts below its line of numbers.
    let rows = "一、本年新收政府信息公开申请数量      1   0   0   0   0   0   1\n\
                                     2   0   0   0   0   0   2\n\
                二、上年结转政府信息公开\n\
                申请数量\n\
                (七) 总计                3   0   0   0   0   0   3\n\
                                     9   9   9   9   9   9   9\n\
                四、结转下年度继续办理\n";
    let r = parse_text(&with_t3(rows));
    let t3 = r.table3.as_ref().expect("table 三");
    assert_eq!(
        ints::<7>(&t3.row(T3Row::R02).unwrap().cells),
        [2, 0, 0, 0, 0, 0, 2].map(Some)
    );
    assert_eq!(
        t3.row(T3Row::R02).unwrap().label.text,
        "二、上年结转政府信息公开申请数量"
    );
    assert_eq!(
        ints::<7>(&t3.row(T3Row::R24).unwrap().cells),
        [3, 0, 0, 0, 0, 0, 3].map(Some)
    );
    assert_eq!(
        ints::<7>(&t3.row(T3Row::R25).unwrap().cells),
        [9; 7].map(Some)
    );
    assert!(r.unknown_rows.is_empty(), "{:?}", r.unknown_rows);

    // Numbers whose label is lost are reported, not shifted onto the next row.
    let rows = "一、本年新收政府信息公开申请数量      1   0   0   0   0   0   1\n\
                                     8   8   8   8   8   8   8\n\
                二、上年结转政府信息公开申请数量      2   0   0   0   0   0   2\n";
    let r = parse_text(&with_t3(rows));
    let t3 = r.table3.as_ref().expect("table 三");
    assert_eq!(
        ints::<7>(&t3.row(T3Row::R02).unwrap().cells),
        [2, 0, 0, 0, 0, 0, 2].map(Some)
    );
    assert_eq!(r.unknown_rows.len(), 1);
    assert_eq!(r.unknown_rows[0].text, "8 8 8 8 8 8 8");
    assert!(r.unknown_rows[0].span.slice(&r.text).contains("8   8"));
}

#[test]
fn old_trial_format_labels() {
    let text = "# 某局2019年政府信息公开工作年度报告\n\
        ## 二、主动公开政府信息情况\n\
        第二十条第（一）项\n\
        信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量\n\
        规章\t0\t0\t0\n\
        规范性文件\t2\t2\t15\n\
        第二十条第（五）项\n\
        信息内容\t上一年项目数量\t本年增/减\t处理决定数量\n\
        行政许可\t10\t+1\t120\n\
        其他对外管理服务事项\t3\t0\t8\n\
        第二十条第（八）项\n\
        信息内容\t上一年项目数量\t本年增/减\n\
        行政事业性收费\t2\t0\n\
        第二十条第（九）项\n\
        信息内容\t采购项目数量\t采购总金额\n\
        政府集中采购\t4\t12.5\n\
        ## 三、收到和处理政府信息公开申请情况\n";
    let r = parse_text(text);
    let old: Vec<_> = r
        .old_format_labels
        .iter()
        .map(|l| l.text.as_str())
        .collect();
    for l in [
        "本年新制作数量",
        "规范性文件",
        "上一年项目数量",
        "本年增/减",
        "其他对外管理服务事项",
        "政府集中采购",
        "采购项目数量",
    ] {
        assert!(old.contains(&l), "{l} not in {old:?}");
    }
    for l in &r.old_format_labels {
        assert_eq!(l.span.slice(text), l.text);
    }
    let t2 = r.table2.as_ref().expect("table 二");
    let normative = t2
        .normative
        .as_ref()
        .expect("规范性文件 read as 行政规范性文件");
    assert_eq!(ints::<3>(&normative.cells), [2, 2, 15].map(Some));
    let licensing = t2.licensing.as_ref().expect("行政许可");
    assert_eq!(licensing.cells[0].as_int(), Some(120));
    assert_eq!(licensing.extra.len(), 2);
    assert!(t2.fee.is_none(), "the 2019 fee row counts items, not money");
    assert!(r.unknown_rows.is_empty(), "{:?}", r.unknown_rows);
    assert_eq!(r.format(), nianbao::model::FormatEdition::Trial2019);
}

#[test]
fn a_report_without_tables() {
    let text = "XX县2022年政府信息公开工作年度报告\n一、总体情况\n正文。\n二、主动公开政府信息情况\n见网站。\n三、收到和处理政府信息公开申请情况\n本年未收到申请。\n四、政府信息公开行政复议、行政诉讼情况\n无。\n五、存在的主要问题及改进情况\n无。\n六、其他需要报告的事项\n无。\n";
    let r = parse_text(text);
    assert_title(&r, "XX县", 2022);
    assert_eq!(r.parts.len(), 6);
    assert!(r.table2.is_none() && r.table3.is_none() && r.table4.is_none());
    assert_eq!(r.parts[5].body.slice(text), "\n无。\n");
}

#[test]
fn titles_in_other_shapes() {
    let r = parse_text("关于淮安市某局２０２３年政府信息公开工作年度报告\n");
    assert_title(&r, "淮安市某局", 2023);
    let r = parse_text("  淮安市人民政府2024 年政府信息公开工作\n  年度报告\n\n一、总体情况\n");
    assert_title(&r, "淮安市人民政府", 2024);
    assert!(
        r.title
            .as_ref()
            .unwrap()
            .span
            .slice(&r.text)
            .ends_with("年度报告")
    );
    let r = parse_text("## 2021年度政府信息公开工作报告\n");
    assert_eq!(r.year(), Some(2021));
    assert_eq!(r.body(), None);
    // No year: still the title, so that the missing year can be reported.
    let r = parse_text(
        "\n# 政府信息公开工作年度报告\n\n## 一、总体情况\n\n雁鸣湖镇2021年工作报告如下：\n",
    );
    let t = r.title.as_ref().expect("title");
    assert_eq!(
        (t.text.as_str(), t.year, t.body.as_deref()),
        ("政府信息公开工作年度报告", None, None)
    );
    assert_eq!(t.span.slice(&r.text), "政府信息公开工作年度报告");
    let r = parse_text("某局政府信息公开工作年度报告\n");
    assert_eq!((r.year(), r.body()), (None, Some("某局")));
}

#[test]
fn wrong_ordinals_and_levels_are_still_parts() {
    let text = "# 某镇2021年政府信息公开工作年度报告\n## 一、总体情况\n#### 二、主动公开政府信息情况\n### 收到和处理政府信息公开申请情况\n## 七、其他需要报告的事项\n（五）存在问题及改进情况\n";
    let r = parse_text(text);
    let got: Vec<_> = r.parts.iter().map(|p| (p.number, p.kind)).collect();
    assert_eq!(
        got,
        [
            (Some(1), Some(PartKind::Overview)),
            (Some(2), Some(PartKind::ActiveDisclosure)),
            (None, Some(PartKind::Applications)),
            (Some(7), Some(PartKind::Other)),
            (None, Some(PartKind::Problems)),
        ]
    );
}

#[test]
fn empty_and_binary_inputs() {
    for text in [
        "",
        "\n",
        "\r\n\r\n",
        "\u{0}\u{1}PK\u{3}\u{4}\u{14}\u{0}\u{8}\u{0}\u{0}\u{0}!\u{fffd}\u{fffd}",
        "|",
        "||||\n|---|",
        "#",
        "（",
        "一、",
        "\u{c}\u{c}",
    ] {
        let r = parse_text(text);
        assert_eq!(r.text, text);
        assert!(r.table3.is_none() && r.parts.is_empty(), "{text:?}");
        assert_spans_sound(&r);
    }
}

/// A deterministic stream of table-like and random pieces.
fn noise(len: usize, seed: u64) -> String {
    const PIECES: [&str; 28] = [
        "\t",
        "  ",
        " ",
        "\n",
        "\r\n",
        "|",
        "0",
        "12",
        "１２",
        "3,4",
        "一、",
        "（三）",
        "1.",
        "-",
        "/",
        "本年新收政府信息公开申请数量",
        "（七）总计",
        "行政复议",
        "申请人情况",
        "勾稽",
        "第二十条第（一）项",
        "规章",
        "## ",
        "二、主动公开政府信息情况",
        "2021年",
        "年度报告",
        "\u{c}",
        "😀",
    ];
    let mut s = String::with_capacity(len + 64);
    let mut x = seed;
    while s.len() < len {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let k = (x >> 33) as usize;
        if k.is_multiple_of(5) {
            s.push(char::from_u32(((x >> 40) as u32) % 0x3_0000).unwrap_or('?'));
        } else {
            s.push_str(PIECES[k % PIECES.len()]);
        }
    }
    s
}

#[test]
fn noise_never_panics_and_keeps_spans_sound() {
    for seed in 0..40 {
        let text = noise(3000 + seed as usize * 500, seed);
        let r = parse_text(&text);
        assert_spans_sound(&r);
    }
}

#[test]
fn twenty_megabytes_and_megabyte_lines() {
    let big = noise(20 * 1024 * 1024, 7);
    let r = parse_text(&big);
    assert_eq!(r.text.len(), big.len());
    assert_spans_sound(&r);
    // One line of 1 MB, inside table 三.
    let long_line = format!(
        "一、本年新收政府信息公开申请数量{}\n",
        "  字 0".repeat(200_000)
    );
    let r = parse_text(&with_t3(&long_line));
    assert_spans_sound(&r);
    let long_line = format!("（一）{}\n", "x".repeat(1 << 20));
    parse_text(&long_line);
}

#[test]
fn four_megabytes_of_reports_parse_quickly() {
    let one = fixture("2024_huaian-shi.layout.txt") + &fixture("seed_distinct.txt");
    let text = one.repeat(4 * 1024 * 1024 / one.len() + 1);
    let t = std::time::Instant::now();
    let r = parse_text(&text);
    let took = t.elapsed();
    eprintln!("{} bytes in {took:?}", text.len());
    assert!(r.table3.is_some());
    // Generous in debug builds; the release build takes a fraction of this.
    let limit = if cfg!(debug_assertions) { 20.0 } else { 1.0 };
    assert!(took.as_secs_f64() < limit, "{took:?}");
}

#[test]
fn adversarial_shapes_stay_fast() {
    // 4 MB in release; a quarter of that keeps debug test runs short.
    let size: usize = if cfg!(debug_assertions) {
        1 << 20
    } else {
        4 << 20
    };
    let fill = |piece: &str| piece.repeat(size / piece.len() + 1);
    let cases = [
        // Short numbered lines: every one a heading candidate matched against the labels.
        fill("一、属于国家秘密的事项情况\n"),
        fill("（三）不予公开事项\n1. 属于国家秘密 1 2\n"),
        // One huge line inside table 三, label cells and values alternating.
        format!(
            "勾稽\n一、本年新收政府信息公开申请数量{}",
            fill("  法提供  0")
        ),
        // Table 三 with thousands of wrapped fragments.
        format!("申请人情况\n{}", fill("        法提供\n  予公开  1\n")),
        fill("\t"),
        fill("（一）"),
        fill("|---"),
        fill("第二十条第（一）项\t规章\t1\n"),
    ];
    for text in &cases {
        let t = std::time::Instant::now();
        let r = parse_text(text);
        let took = t.elapsed();
        assert_spans_sound(&r);
        // About 0.2 s of CPU in release for the worst of these; the limit
        // leaves room for a loaded machine.
        let limit = if cfg!(debug_assertions) { 30.0 } else { 2.0 };
        assert!(took.as_secs_f64() < limit, "{:?}: {took:?}", text.get(..40));
        eprintln!("{:?}…: {took:?}", text.chars().take(12).collect::<String>());
    }
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    fn piece() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("\t".to_string()),
            Just("  ".to_string()),
            Just("\n".to_string()),
            Just("|".to_string()),
            Just("一、本年新收政府信息公开申请数量".to_string()),
            Just("（三）不予公开".to_string()),
            Just("3. 其他".to_string()),
            Just("行政复议".to_string()),
            Just("勾稽".to_string()),
            Just("规章".to_string()),
            Just("第二十条".to_string()),
            Just("### 四、政府信息公开行政复议、行政诉讼情况".to_string()),
            "[0-9０-９,.，/—-]{1,6}",
            "\\PC{0,8}",
            any::<char>().prop_map(String::from),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]
        #[test]
        fn any_text_parses_with_sound_spans(pieces in proptest::collection::vec(piece(), 0..80)) {
            let text: String = pieces.concat();
            let r = parse_text(&text);
            prop_assert_eq!(&r.text, &text);
            assert_spans_sound(&r);
        }
    }
}

/// Prints what the parser reads from a file, for looking at new inputs:
/// `NIANBAO_DUMP=path cargo test --test parse dump -- --ignored --nocapture`.
#[test]
#[ignore]
fn dump() {
    let Ok(path) = std::env::var("NIANBAO_DUMP") else {
        return;
    };
    let text = std::fs::read_to_string(&path).expect("readable file");
    let r = parse_text(&text);
    let show = |c: &Cell| match &c.value {
        CellValue::Int(n) => n.to_string(),
        CellValue::Decimal(d) => d.clone(),
        CellValue::Blank => "_".into(),
        CellValue::Placeholder => format!("P({})", c.raw),
        CellValue::Invalid => format!("!({})", c.raw),
    };
    println!("title {:?}", r.title);
    for p in &r.parts {
        println!("part {:?} {:?} {}", p.number, p.kind, p.heading.text);
    }
    if let Some(t2) = &r.table2 {
        for item in T2Item::ALL {
            let cells = t2
                .item(item)
                .map(|c| c.iter().map(show).collect::<Vec<_>>());
            println!("t2 {} {cells:?}", item.key());
        }
    }
    if let Some(t3) = &r.table3 {
        for row in T3Row::ALL {
            match t3.row(row) {
                Some(rw) => println!(
                    "t3 {} {:?} {:?} [{}] extra {:?}",
                    row.key(),
                    rw.matched,
                    rw.label.text,
                    rw.cells.iter().map(show).collect::<Vec<_>>().join(" "),
                    rw.extra.iter().map(|l| &l.text).collect::<Vec<_>>()
                ),
                None => println!("t3 {} -", row.key()),
            }
        }
    }
    if let Some(t4) = &r.table4 {
        for g in &t4.groups {
            println!(
                "t4 {:?}",
                g.as_ref().map(|g| g.iter().map(show).collect::<Vec<_>>())
            );
        }
    }
    println!(
        "old {:?}",
        r.old_format_labels
            .iter()
            .map(|l| &l.text)
            .collect::<Vec<_>>()
    );
    println!(
        "unknown {:?}",
        r.unknown_rows.iter().map(|l| &l.text).collect::<Vec<_>>()
    );
}

#[test]
fn table_four_as_rows_with_values_on_the_header_line() {
    // A spreadsheet's layout: each group a row, its values after the label
    // (the first row is the table's header line itself).
    let text = "四、政府信息公开行政复议、行政诉讼情况\n\n\
        行政复议\t1\t2\t3\t4\t10\n\
        行政诉讼（未经复议直接起诉）\t5\t6\t7\t8\t26\n\
        行政诉讼（复议后起诉）\t9\t10\t11\t12\t42\n\n\
        五、存在的主要问题及改进情况\n";
    let r = parse_text(text);
    assert_table4(
        &r,
        [[1, 2, 3, 4, 10], [5, 6, 7, 8, 26], [9, 10, 11, 12, 42]],
    );
}
