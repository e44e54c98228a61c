//! The .xlsx reader (`nianbao::read::xlsx`): the fixtures in
//! `tests/fixtures/xlsx/` (see its README) read like the pasted seed, cells
//! read as the user sees them, and damaged or oversized workbooks are refused
//! with a reason, quickly.

use std::io::{Cursor, Write};
use std::time::{Duration, Instant};

use nianbao::model::{CellValue, Report, T3Row};
use nianbao::parse::parse_text;
use nianbao::read::{self, Format, Place, ReadError, xlsx};

const SEED: &str = include_str!("fixtures/text/seed_distinct.txt");

fn fixture(name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/xlsx")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every value cell of the three tables, by table and row.
fn values(r: &Report) -> Vec<(String, Vec<CellValue>)> {
    let mut out = Vec::new();
    let t2 = r.table2.as_ref().expect("table 二");
    for (name, row) in [("rules", &t2.rules), ("normative", &t2.normative)] {
        let row = row.as_ref().unwrap_or_else(|| panic!("table 二 {name}"));
        out.push((
            name.to_string(),
            row.cells.iter().map(|c| c.value.clone()).collect(),
        ));
    }
    for (name, row) in [
        ("licensing", &t2.licensing),
        ("penalty", &t2.penalty),
        ("coercion", &t2.coercion),
        ("fee", &t2.fee),
    ] {
        let row = row.as_ref().unwrap_or_else(|| panic!("table 二 {name}"));
        out.push((
            name.to_string(),
            row.cells.iter().map(|c| c.value.clone()).collect(),
        ));
    }
    let t3 = r.table3.as_ref().expect("table 三");
    for (i, row) in t3.rows.iter().enumerate() {
        let row = row
            .as_ref()
            .unwrap_or_else(|| panic!("table 三 row {}", i + 1));
        out.push((
            format!("t3 r{:02}", i + 1),
            row.cells.iter().map(|c| c.value.clone()).collect(),
        ));
    }
    let t4 = r.table4.as_ref().expect("table 四");
    for (g, group) in t4.groups.iter().enumerate() {
        let group = group
            .as_ref()
            .unwrap_or_else(|| panic!("table 四 group {g}"));
        out.push((
            format!("t4 {g}"),
            group.iter().map(|c| c.value.clone()).collect(),
        ));
    }
    out
}

fn assert_reads_like_seed(name: &str) -> read::Extracted {
    let e = xlsx::read(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(e.format, Format::Xlsx);
    let got = values(&parse_text(&e.text));
    let want = values(&parse_text(SEED));
    // The seed itself has what the comparison relies on.
    assert_eq!(
        want[0].1,
        vec![
            CellValue::Int(1001),
            CellValue::Int(1002),
            CellValue::Int(1003)
        ]
    );
    assert_eq!(want[5].1, vec![CellValue::Decimal("1010.25".into())]);
    assert_eq!(got.len(), want.len());
    for (g, w) in got.iter().zip(&want) {
        assert_eq!(g, w, "{name}: {} differs\n{}", w.0, e.text);
    }
    e
}

/// The place of the first occurrence of `needle` in the text.
fn place_of(e: &read::Extracted, needle: &str) -> Option<Place> {
    let at = e.text.find(needle)?;
    e.place_at(at as u32)
}

// ---------------------------------------------------------------------------
// The fixtures
// ---------------------------------------------------------------------------

#[test]
fn the_official_layout_from_libreoffice_reads_like_the_pasted_seed() {
    let e = assert_reads_like_seed("official-libreoffice.xlsx");
    // All three tables on one sheet, each its own table under its heading.
    let r = parse_text(&e.text);
    let headings: Vec<&str> = r.parts.iter().map(|p| p.heading.text.as_str()).collect();
    assert!(
        headings.iter().any(|h| h.contains("主动公开政府信息情况"))
            && headings.iter().any(|h| h.contains("收到和处理"))
            && headings.iter().any(|h| h.contains("行政复议")),
        "{headings:?}\n{}",
        e.text
    );
    assert!(
        e.text.contains("\n二、主动公开政府信息情况\n"),
        "{}",
        e.text
    );
    // Merged cells flattened as Word copies them: one column per grid column.
    assert!(
        e.text.contains("\n行政许可\t1007\t\t\n"),
        "the value spans three columns:\n{}",
        e.text
    );
    assert!(
        e.text
            .contains("\n\t（四）无法提供\t1.本机关不掌握相关政府信息\t1095\t")
    );
    // The title's rich-text runs joined.
    assert!(
        e.text
            .starts_with("雁鸣湖镇2021年政府信息公开工作年度报告\n")
    );
    assert_eq!(r.year(), Some(2021));
}

#[test]
fn official_layout_origins_point_at_sheet_cells() {
    let e = xlsx::read(&fixture("official-libreoffice.xlsx")).unwrap();
    // LibreOffice put the three tables on one sheet, table 二 from row 4: its
    // first value sits in G5 (the label in A5:F5).
    assert_eq!(
        place_of(&e, "1001"),
        Some(Place::Sheet {
            sheet: 0,
            row: 4,
            col: 6
        })
    );
    assert_eq!(
        place_of(&e, "规章"),
        Some(Place::Sheet {
            sheet: 0,
            row: 4,
            col: 0
        })
    );
    // A paragraph from a title cell points at that cell.
    assert_eq!(
        place_of(&e, "三、收到和处理"),
        Some(Place::Sheet {
            sheet: 0,
            row: 16,
            col: 0
        })
    );
    // The parsed value's span leads back to its cell: table 三 r25, 总计.
    let r = parse_text(&e.text);
    let cell = r.table3.as_ref().unwrap().row(T3Row::R25).unwrap().cells[6].clone();
    assert_eq!(cell.raw, "1185");
    let Some(Place::Sheet { sheet, row, col }) = e.place_at(cell.span.unwrap().start) else {
        panic!("no sheet place for 1185");
    };
    assert_eq!(sheet, 0);
    let xml = sheet_xml_of(
        &fixture("official-libreoffice.xlsx"),
        "xl/worksheets/sheet1.xml",
    );
    let reference = format!("{}{}", column_letters(col), row + 1);
    assert!(
        xml.contains(&format!("<c r=\"{reference}\" s=\"1\" t=\"n\"><v>1185</v>")),
        "1185 is not in {reference}"
    );
    // Every origin is a sheet place.
    assert!(
        e.origins
            .iter()
            .all(|o| matches!(o.place, Place::Sheet { sheet: 0, .. }))
    );
}

#[test]
fn the_label_values_layout_on_three_sheets_reads_like_the_pasted_seed() {
    let e = assert_reads_like_seed("label-values.xlsx");
    // The hidden sheet 「草稿」 (its r01 is all 9s) is skipped, and said so.
    assert!(!e.text.contains("\t9\t"), "{}", e.text);
    assert!(
        e.notes
            .iter()
            .any(|n| n.contains("隐藏") && n.contains("草稿")),
        "{:?}",
        e.notes
    );
    assert!(
        e.notes[0].contains("3 个工作表") && e.notes[0].contains("「依申请公开」"),
        "{:?}",
        e.notes
    );
    // The fee, a number in a 「0.00」 cell.
    assert!(e.text.contains("\n行政事业性收费\t1010.25"), "{}", e.text);
}

#[test]
fn label_values_origins_count_hidden_sheets_and_skip_empty_columns() {
    let e = xlsx::read(&fixture("label-values.xlsx")).unwrap();
    // Tables start in column B; 「复议诉讼」 is the fourth sheet (after the
    // hidden one): 1186 is in its C3.
    assert_eq!(
        place_of(&e, "1186"),
        Some(Place::Sheet {
            sheet: 3,
            row: 2,
            col: 2
        })
    );
    assert_eq!(
        place_of(&e, "1011"),
        Some(Place::Sheet {
            sheet: 1,
            row: 3,
            col: 2
        })
    );
    assert_eq!(
        place_of(&e, "三、收到和处理"),
        Some(Place::Sheet {
            sheet: 1,
            row: 0,
            col: 1
        })
    );
    // No empty leading column in the text.
    assert!(e.text.contains("\n规章\t1001\t1002\t1003\n"), "{}", e.text);
}

#[test]
fn the_sniffer_sends_workbooks_here() {
    let e = read::read_bytes(
        "年报.xlsx",
        &fixture("label-values.xlsx"),
        read::ReadOptions::default(),
    )
    .unwrap();
    assert_eq!(e.format, Format::Xlsx);
    assert!(e.text.contains("1185"));
}

// ---------------------------------------------------------------------------
// Workbooks made here
// ---------------------------------------------------------------------------

const NS: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// A sheet: its name, whether hidden, and the XML inside `<worksheet>`.
struct Sheet<'a> {
    name: &'a str,
    hidden: bool,
    body: String,
}

fn sheet(name: &str, body: impl Into<String>) -> Sheet<'_> {
    Sheet {
        name,
        hidden: false,
        body: body.into(),
    }
}

fn zip_of(parts: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in parts {
        w.start_file(*name, opts).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// A workbook with the given sheets, shared strings (`<si>` items) and cell
/// formats (`(numFmtId, formatCode)`; the first is style 1).
fn workbook(sheets: &[Sheet<'_>], shared: &[&str], formats: &[(u32, &str)]) -> Vec<u8> {
    let mut parts: Vec<(&str, Vec<u8>)> = Vec::new();
    let tags: String = sheets
        .iter()
        .enumerate()
        .map(|(i, s)| {
            format!(
                r#"<sheet name="{}" sheetId="{}" r:id="rId{}"{}/>"#,
                s.name,
                i + 1,
                i + 1,
                if s.hidden { r#" state="hidden""# } else { "" }
            )
        })
        .collect();
    let wb = format!(
        r#"<?xml version="1.0"?><workbook xmlns="{NS}" xmlns:r="{REL}"><sheets>{tags}</sheets></workbook>"#
    );
    let mut rels: String = (0..sheets.len())
        .map(|i| {
            format!(
                r#"<Relationship Id="rId{}" Type="{REL}/worksheet" Target="worksheets/sheet{}.xml"/>"#,
                i + 1,
                i + 1
            )
        })
        .collect();
    rels.push_str(&format!(
        r#"<Relationship Id="rS" Type="{REL}/sharedStrings" Target="/xl/sharedStrings.xml"/><Relationship Id="rY" Type="{REL}/styles" Target="styles.xml"/>"#
    ));
    let sst: String = shared.iter().map(|s| format!("<si>{s}</si>")).collect();
    let num_fmts: String = num_fmts_custom(formats);
    let xfs: String = formats
        .iter()
        .map(|(id, _)| format!(r#"<xf numFmtId="{id}" applyNumberFormat="1"/>"#))
        .collect();
    let styles = format!(
        r#"<styleSheet xmlns="{NS}"><numFmts>{num_fmts}</numFmts><cellXfs><xf numFmtId="0"/>{xfs}</cellXfs></styleSheet>"#
    );
    parts.push(("xl/workbook.xml", wb.into_bytes()));
    parts.push((
        "xl/_rels/workbook.xml.rels",
        format!(r#"<Relationships xmlns="x">{rels}</Relationships>"#).into_bytes(),
    ));
    parts.push((
        "xl/sharedStrings.xml",
        format!(r#"<sst xmlns="{NS}">{sst}</sst>"#).into_bytes(),
    ));
    parts.push(("xl/styles.xml", styles.into_bytes()));
    let names: Vec<String> = (0..sheets.len())
        .map(|i| format!("xl/worksheets/sheet{}.xml", i + 1))
        .collect();
    for (s, name) in sheets.iter().zip(&names) {
        parts.push((
            name.as_str(),
            format!(r#"<worksheet xmlns="{NS}">{}</worksheet>"#, s.body).into_bytes(),
        ));
    }
    zip_of(&parts)
}

/// The custom formats (built-in ones, below 164, are not written).
fn num_fmts_custom(formats: &[(u32, &str)]) -> String {
    formats
        .iter()
        .filter(|(id, _)| *id >= 164)
        .map(|(id, code)| format!(r#"<numFmt numFmtId="{id}" formatCode="{code}"/>"#))
        .collect()
}

/// The workbook with one part replaced (`Some`) or removed (`None`).
fn replace_part(xlsx: &[u8], part: &str, data: Option<&[u8]>) -> Vec<u8> {
    let mut z = zip::ZipArchive::new(Cursor::new(xlsx)).unwrap();
    let mut parts = Vec::new();
    for i in 0..z.len() {
        let mut f = z.by_index(i).unwrap();
        let name = f.name().to_string();
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut f, &mut bytes).unwrap();
        if name != part {
            parts.push((name, bytes));
        } else if let Some(d) = data {
            parts.push((name, d.to_vec()));
        }
    }
    let parts: Vec<(&str, Vec<u8>)> = parts.iter().map(|(n, d)| (n.as_str(), d.clone())).collect();
    zip_of(&parts)
}

fn one_sheet(body: &str) -> Vec<u8> {
    workbook(&[sheet("Sheet1", body)], &[], &[])
}

fn sheet_xml_of(xlsx: &[u8], part: &str) -> String {
    let mut z = zip::ZipArchive::new(Cursor::new(xlsx)).unwrap();
    let mut s = String::new();
    std::io::Read::read_to_string(&mut z.by_name(part).unwrap(), &mut s).unwrap();
    s
}

fn column_letters(col: u32) -> String {
    let mut n = col + 1;
    let mut out = Vec::new();
    while n > 0 {
        out.push(b'A' + ((n - 1) % 26) as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap()
}

/// The text of a one-row sheet's cells, tab-separated.
fn row_text(cells: &str) -> String {
    let e = one_sheet(&format!(
        r#"<sheetData><row r="1">{cells}</row></sheetData>"#
    ));
    let e = xlsx::read(&e).unwrap_or_else(|e| panic!("{e}"));
    e.text.trim_end_matches('\n').to_string()
}

#[test]
fn shared_strings_join_runs_and_drop_phonetic_guides() {
    let shared = [
        "<t>规章</t>",
        r#"<r><rPr><b/></rPr><t xml:space="preserve">行政</t></r><r><t>许可</t></r><rPh sb="0" eb="2"><t>ぎょうせい</t></rPh><phoneticPr fontId="1"/>"#,
        "<t>A&amp;B &lt;1&gt; &#x4E00;</t>",
        "<t>第一行_x000D_\n第二行</t>",
    ];
    let body = r#"<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v> 3 </v></c><c r="E1" t="s"><v>99</v></c></row></sheetData>"#;
    let e = xlsx::read(&workbook(&[sheet("S", body)], &shared, &[])).unwrap();
    // The line break inside a cell joins the Chinese text (as from Word).
    assert_eq!(
        e.text, "规章\t行政许可\tA&B <1> 一\t第一行第二行\n",
        "{:?}",
        e.text
    );
    // The reference to a string that does not exist is blank, with a note.
    assert!(
        e.notes.iter().any(|n| n.contains("共享字符串")),
        "{:?}",
        e.notes
    );
}

#[test]
fn inline_formula_boolean_and_error_cells_are_text() {
    let cells = r#"<c r="A1" t="inlineStr"><is><r><t>行政</t></r><r><t>处罚</t></r><rPh><t>x</t></rPh></is></c><c r="B1" t="str"><f>A1</f><v>计算结果</v></c><c r="C1" t="b"><v>1</v></c><c r="D1" t="e"><v>#REF!</v></c><c r="E1" t="d"><v>2022-01-08T00:00:00</v></c><c r="F1" t="inlineStr"><is><t>_x005F_x0041_</t></is></c>"#;
    assert_eq!(
        row_text(cells),
        "行政处罚\t计算结果\tTRUE\t#REF!\t2022-01-08T00:00:00\t_x0041_"
    );
}

#[test]
fn numbers_read_as_the_user_sees_them() {
    let formats = [
        (164, "0.0000"),
        (14, ""),
        (165, "yyyy\"年\"m\"月\"d\"日\""),
        (10, ""),
        (166, "0"),
    ];
    let body = r#"<sheetData><row r="1"><c r="A1"><v>12</v></c><c r="B1"><v>12.0</v></c><c r="C1"><v>0.30000000000000004</v></c><c r="D1"><v>1010.25</v></c><c r="E1" s="1"><v>1.2E-2</v></c><c r="F1" s="2"><v>44569</v></c><c r="G1" s="3"><v>44569.5</v></c><c r="H1" s="4"><v>0.125</v></c><c r="I1" s="5"><v>2.5</v></c><c r="J1" t="n"><v>-3</v></c><c r="K1"><v>1E+21</v></c></row></sheetData>"#;
    let e = xlsx::read(&workbook(&[sheet("S", body)], &[], &formats)).unwrap();
    assert_eq!(
        e.text.trim_end(),
        "12\t12\t0.3\t1010.25\t0.0120\t2022-01-08\t2022-01-08\t12.50%\t2.5\t-3\t1000000000000000000000"
    );
}

#[test]
fn formulas_without_a_saved_result_are_blank_with_a_note() {
    let body = r#"<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><f>SUM(C1:D1)</f></c><c r="C1"><v>1</v></c></row></sheetData>"#;
    let e = xlsx::read(&workbook(&[sheet("表二", body)], &["<t>规章</t>"], &[])).unwrap();
    assert_eq!(e.text, "规章\t\t1\n");
    assert!(
        e.notes
            .iter()
            .any(|n| n.contains("「表二」") && n.contains("1 个公式")),
        "{:?}",
        e.notes
    );
}

#[test]
fn cells_without_references_follow_their_neighbours() {
    let body = r#"<sheetData><row><c t="inlineStr"><is><t>甲</t></is></c><c><v>1</v></c></row><row><c r="B2"><v>2</v></c><c><v>3</v></c></row></sheetData>"#;
    let e = xlsx::read(&one_sheet(body)).unwrap();
    assert_eq!(e.text, "甲\t1\t\n\t2\t3\n");
}

#[test]
fn merges_become_spans_and_titles_become_paragraphs() {
    // A1:C1 a merged part heading; A2:A3 a label merged down; row 5 empty
    // except under the merge A4:A6, so rows 4–7 stay one table; row 9 after
    // an empty row starts another table.
    let cell = |r: &str, t: &str| format!(r#"<c r="{r}" t="inlineStr"><is><t>{t}</t></is></c>"#);
    let num = |r: &str, v: u32| format!(r#"<c r="{r}"><v>{v}</v></c>"#);
    let body = format!(
        "<sheetData>\
         <row r=\"1\">{}<c r=\"B1\" s=\"0\"/></row>\
         <row r=\"2\">{}{}{}</row>\
         <row r=\"3\">{}{}</row>\
         <row r=\"4\">{}{}{}</row>\
         <row r=\"6\">{}{}</row>\
         <row r=\"7\">{}{}{}</row>\
         <row r=\"9\">{}{}</row>\
         </sheetData>\
         <mergeCells count=\"3\"><mergeCell ref=\"A1:C1\"/><mergeCell ref=\"A2:A3\"/><mergeCell ref=\"A4:A6\"/></mergeCells>",
        cell("A1", "二、主动公开政府信息情况"),
        cell("A2", "甲"),
        cell("B2", "子一"),
        num("C2", 1),
        cell("B3", "子二"),
        num("C3", 2),
        cell("A4", "乙"),
        cell("B4", "子三"),
        num("C4", 3),
        cell("B6", "子四"),
        num("C6", 4),
        cell("A7", "丙"),
        cell("B7", "子五"),
        num("C7", 5),
        cell("A9", "丁"),
        num("B9", 6),
    );
    let e = xlsx::read(&one_sheet(&body)).unwrap();
    assert_eq!(
        e.text,
        "二、主动公开政府信息情况\n\n甲\t子一\t1\n\t子二\t2\n乙\t子三\t3\n\t子四\t4\n丙\t子五\t5\n\n丁\t6\n"
    );
    assert_eq!(
        place_of(&e, "子四"),
        Some(Place::Sheet {
            sheet: 0,
            row: 5,
            col: 1
        })
    );
    assert_eq!(
        place_of(&e, "6\n"),
        Some(Place::Sheet {
            sheet: 0,
            row: 8,
            col: 1
        })
    );
}

#[test]
fn a_column_of_single_cells_is_paragraphs() {
    let cell = |r: &str, t: &str| format!(r#"<c r="{r}" t="inlineStr"><is><t>{t}</t></is></c>"#);
    let body = format!(
        "<sheetData><row r=\"2\">{}</row><row r=\"3\">{}</row></sheetData>",
        cell("C2", "一、总体情况"),
        cell("C3", "本机关认真贯彻落实条例。"),
    );
    let e = xlsx::read(&one_sheet(&body)).unwrap();
    assert_eq!(e.text, "一、总体情况\n本机关认真贯彻落实条例。\n");
    assert_eq!(
        place_of(&e, "本机关"),
        Some(Place::Sheet {
            sheet: 0,
            row: 2,
            col: 2
        })
    );
}

// ---------------------------------------------------------------------------
// Damaged and oversized workbooks
// ---------------------------------------------------------------------------

fn corrupt_detail(r: Result<read::Extracted, ReadError>) -> String {
    match r {
        Err(ReadError::Corrupt { format, detail }) => {
            assert_eq!(format, "Excel 工作簿");
            detail
        }
        other => panic!("expected Corrupt, got {other:?}"),
    }
}

fn too_complex_detail(r: Result<read::Extracted, ReadError>) -> String {
    match r {
        Err(ReadError::TooComplex { detail, .. }) => detail,
        other => panic!("expected TooComplex, got {other:?}"),
    }
}

#[test]
fn a_truncated_zip_is_corrupt() {
    let bytes = fixture("label-values.xlsx");
    for cut in [bytes.len() / 2, bytes.len() - 30, 100] {
        let r = xlsx::read(&bytes[..cut]);
        let e = r.unwrap_err();
        assert!(matches!(e, ReadError::Corrupt { .. }), "{e}");
        assert!(!e.to_string().is_empty());
    }
}

#[test]
fn a_zip_without_a_workbook_names_the_missing_part() {
    let z = zip_of(&[("word/document.xml", b"<w:document/>".to_vec())]);
    let d = corrupt_detail(xlsx::read(&z));
    assert!(d.contains("xl/workbook.xml"), "{d}");
}

#[test]
fn a_workbook_without_sheets_is_corrupt() {
    let d = corrupt_detail(xlsx::read(&workbook(&[], &[], &[])));
    assert!(d.contains("没有任何工作表"), "{d}");
}

#[test]
fn a_sheet_whose_part_is_missing_is_named() {
    let wb = workbook(&[sheet("表三", "<sheetData/>")], &[], &[]);
    let wb = replace_part(&wb, "xl/worksheets/sheet1.xml", None);
    let d = corrupt_detail(xlsx::read(&wb));
    assert!(
        d.contains("「表三」") && d.contains("xl/worksheets/sheet1.xml"),
        "{d}"
    );
}

#[test]
fn malformed_xml_is_corrupt_and_names_the_part() {
    let d = corrupt_detail(xlsx::read(&one_sheet(
        r#"<sheetData><row r="1"><c r="A1"><v>1</v></row></sheetData>"#,
    )));
    assert!(d.contains("xl/worksheets/sheet1.xml"), "{d}");
    // A part cut off in the middle.
    let cut = br#"<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c>"#;
    let wb = replace_part(
        &one_sheet("<sheetData/>"),
        "xl/worksheets/sheet1.xml",
        Some(cut),
    );
    let d = corrupt_detail(xlsx::read(&wb));
    assert!(
        d.contains("xl/worksheets/sheet1.xml") && d.contains("中断"),
        "{d}"
    );
    // A broken workbook part.
    let z = zip_of(&[(
        "xl/workbook.xml",
        b"<workbook><sheets><sheet name=\"a\" </sheets>".to_vec(),
    )]);
    let d = corrupt_detail(xlsx::read(&z));
    assert!(d.contains("xl/workbook.xml"), "{d}");
}

#[test]
fn a_huge_dimension_allocates_nothing() {
    let start = Instant::now();
    let body = r#"<dimension ref="A1:XFD1048576"/><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>规章</t></is></c><c r="B1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576"><v>9</v></c><c r="BL1048576"><v>8</v></c></row></sheetData><mergeCells><mergeCell ref="A1048000:XFD1048576"/><mergeCell ref="C1:XFD1"/></mergeCells>"#;
    let e = xlsx::read(&one_sheet(body)).unwrap();
    assert!(start.elapsed() < Duration::from_secs(2));
    assert!(e.text.starts_with("规章\t1"), "{:?}", e.text);
    // XFD is beyond the columns read; BL (the 64th) is read.
    assert!(
        e.text.contains('8') && !e.text.contains('9'),
        "{:?}",
        e.text
    );
    assert!(
        e.notes.iter().any(|n| n.contains("1 个单元格未读取")),
        "{:?}",
        e.notes
    );
}

#[test]
fn a_sheet_of_100000_rows_is_refused_quickly() {
    let mut body = String::from("<sheetData>");
    for r in 1..=100_000 {
        body.push_str(&format!(r#"<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>"#));
    }
    body.push_str("</sheetData>");
    let wb = one_sheet(&body);
    let start = Instant::now();
    let d = too_complex_detail(xlsx::read(&wb));
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "{:?}",
        start.elapsed()
    );
    assert!(d.contains("5000") && d.contains("Sheet1"), "{d}");
    // 5,000 rows are still read.
    let mut body = String::from("<sheetData>");
    for r in 1..=xlsx::MAX_ROWS {
        body.push_str(&format!(
            r#"<row r="{r}"><c r="A{r}"><v>{r}</v></c><c r="B{r}"><v>1</v></c></row>"#
        ));
    }
    body.push_str("</sheetData>");
    let e = xlsx::read(&one_sheet(&body)).unwrap();
    assert!(e.text.ends_with("\n5000\t1\n"));
}

#[test]
fn too_many_sheets_are_refused() {
    let sheets: Vec<Sheet<'_>> = (0..=xlsx::MAX_SHEETS)
        .map(|_| sheet("S", "<sheetData/>"))
        .collect();
    let d = too_complex_detail(xlsx::read(&workbook(&sheets, &[], &[])));
    assert!(d.contains("50"), "{d}");
}

#[test]
fn too_much_text_is_refused() {
    // One 40,000-byte shared string referenced by many cells.
    let big = format!("<t>{}</t>", "年".repeat(13_000));
    let mut body = String::from("<sheetData>");
    for r in 1..=300 {
        body.push_str(&format!(r#"<row r="{r}">"#));
        for c in ["A", "B", "C"] {
            body.push_str(&format!(r#"<c r="{c}{r}" t="s"><v>0</v></c>"#));
        }
        body.push_str("</row>");
    }
    body.push_str("</sheetData>");
    let d = too_complex_detail(xlsx::read(&workbook(&[sheet("S", body)], &[&big], &[])));
    assert!(d.contains("MB"), "{d}");
}

#[test]
fn an_empty_workbook_has_no_text() {
    let r = xlsx::read(&workbook(&[sheet("S", "<sheetData/>")], &[], &[]));
    assert!(matches!(r, Err(ReadError::NoText { .. })), "{r:?}");
}

#[test]
fn a_workbook_of_hidden_sheets_only_is_read() {
    let mut s = sheet(
        "隐藏",
        r#"<sheetData><row r="1"><c r="A1"><v>7</v></c></row></sheetData>"#,
    );
    s.hidden = true;
    let e = xlsx::read(&workbook(&[s], &[], &[])).unwrap();
    assert_eq!(e.text, "7\n");
}

#[test]
fn overlapping_and_degenerate_merges_do_not_break_the_grid() {
    let body = r#"<sheetData><row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c><c r="C1"><v>3</v></c></row><row r="2"><c r="A2"><v>4</v></c><c r="B2"><v>5</v></c><c r="C2"><v>6</v></c></row></sheetData><mergeCells><mergeCell ref="A1:B2"/><mergeCell ref="B1:C1"/><mergeCell ref="C2:C2"/><mergeCell ref="junk"/></mergeCells>"#;
    let e = xlsx::read(&one_sheet(body)).unwrap();
    // A1:B2 hides 2, 4 and 5 (column B, under the merge in every row,
    // folds into A); the overlapping B1:C1 is dropped, with a note.
    assert_eq!(e.text, "1\t3\n\t6\n");
    assert!(e.notes.iter().any(|n| n.contains("重叠")), "{:?}", e.notes);
    assert_eq!(
        place_of(&e, "6"),
        Some(Place::Sheet {
            sheet: 0,
            row: 1,
            col: 2
        })
    );
}
