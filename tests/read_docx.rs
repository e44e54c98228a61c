//! The Word reader (`nianbao::read::docx`) against the official template, the
//! template filled with the distinct seed values (as written by a script and as
//! re-saved by LibreOffice), small documents built here for each Word feature,
//! and damaged or hostile files.
//!
//! Fixtures: tests/fixtures/docx (see its README).

use std::io::{Cursor, Write};
use std::time::{Duration, Instant};

use nianbao::model::{Cell, CellValue, LabelMatch, Report, T2Item, T3Col, T3Row, T4Field, T4Group};
use nianbao::parse::parse_text;
use nianbao::read::{Extracted, Format, Place, ReadError, ReadOptions, docx, read_bytes};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn seed_distinct() -> Report {
    let text = String::from_utf8(fixture("text/seed_distinct.txt")).unwrap();
    parse_text(&text)
}

const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// A zip with the given parts, deflated.
fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
    zip_with(parts, zip::CompressionMethod::Deflated)
}

fn zip_with(parts: &[(&str, &[u8])], method: zip::CompressionMethod) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default().compression_method(method);
    for (name, data) in parts {
        w.start_file(*name, opts).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;

const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

/// `word/document.xml` around the given body content.
fn document_xml(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="{W_NS}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><w:body>{body}<w:sectPr/></w:body></w:document>"#
    )
}

/// A minimal .docx whose body is `body`.
fn docx_with(body: &str) -> Vec<u8> {
    let xml = document_xml(body);
    zip_of(&[
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", RELS.as_bytes()),
        ("word/document.xml", xml.as_bytes()),
    ])
}

fn read(body: &str) -> Extracted {
    docx::read(&docx_with(body)).unwrap_or_else(|e| panic!("{e}"))
}

fn p(text: &str) -> String {
    format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
}

/// A cell with optional properties and text.
fn tc(props: &str, text: &str) -> String {
    format!("<w:tc><w:tcPr>{props}</w:tcPr>{}</w:tc>", p(text))
}

fn tr(props: &str, cells: &[String]) -> String {
    format!("<w:tr><w:trPr>{props}</w:trPr>{}</w:tr>", cells.concat())
}

fn tbl(rows: &[String]) -> String {
    format!("<w:tbl><w:tblPr/><w:tblGrid/>{}</w:tbl>", rows.concat())
}

fn corrupt_detail(e: ReadError) -> String {
    match e {
        ReadError::Corrupt { detail, .. } => detail,
        other => panic!("expected Corrupt, got {other:?}: {other}"),
    }
}

// ---------------------------------------------------------------------------
// Comparing reports
// ---------------------------------------------------------------------------

fn values(cells: &[Cell]) -> Vec<CellValue> {
    cells.iter().map(|c| c.value.clone()).collect()
}

/// Every value of tables 二, 三 and 四 of `got` equals that of `want`, cell by
/// cell (values, not spans: the texts differ).
fn assert_same_values(got: &Report, want: &Report, what: &str) {
    let (g2, w2) = (
        got.table2
            .as_ref()
            .unwrap_or_else(|| panic!("{what}: no table 二")),
        want.table2.as_ref().unwrap(),
    );
    for item in T2Item::ALL {
        let g = g2
            .item(item)
            .unwrap_or_else(|| panic!("{what}: no {}", item.key()));
        assert_eq!(
            values(g),
            values(w2.item(item).unwrap()),
            "{what}: {}",
            item.key()
        );
    }
    let (g3, w3) = (
        got.table3
            .as_ref()
            .unwrap_or_else(|| panic!("{what}: no table 三")),
        want.table3.as_ref().unwrap(),
    );
    for row in T3Row::ALL {
        let g = g3
            .row(row)
            .unwrap_or_else(|| panic!("{what}: no row {}", row.key()));
        assert_eq!(g.matched, LabelMatch::Exact, "{what}: {}", row.key());
        assert_eq!(
            values(&g.cells),
            values(&w3.row(row).unwrap().cells),
            "{what}: {}",
            row.key()
        );
    }
    let (g4, w4) = (
        got.table4
            .as_ref()
            .unwrap_or_else(|| panic!("{what}: no table 四")),
        want.table4.as_ref().unwrap(),
    );
    for g in T4Group::ALL {
        for f in T4Field::ALL {
            assert_eq!(
                g4.cell(g, f).map(|c| c.value.clone()),
                w4.cell(g, f).map(|c| c.value.clone()),
                "{what}: {}.{}",
                g.key(),
                f.key()
            );
        }
    }
    assert!(
        got.unknown_rows.is_empty(),
        "{what}: {:?}",
        got.unknown_rows
    );
}

// ---------------------------------------------------------------------------
// The official template and the filled template
// ---------------------------------------------------------------------------

/// The tab-separated fields of the line holding `label`.
fn fields_of<'a>(text: &'a str, label: &str) -> Vec<&'a str> {
    let line = text
        .lines()
        .find(|l| l.split('\t').any(|f| f == label))
        .unwrap_or_else(|| panic!("no line with {label}"));
    line.split('\t').collect()
}

#[test]
fn template_maps_cell_for_cell_to_the_official_layout() {
    let e = docx::read(&fixture("docx/official-template-2021.docx")).unwrap();
    assert_eq!(e.format, Format::Docx);
    assert!(e.notes.is_empty(), "{:?}", e.notes);
    let text = &e.text;
    // Table 二: four grid columns, values blank.
    for label in ["规章", "行政规范性文件"] {
        assert_eq!(fields_of(text, label), [label, "", "", ""]);
    }
    for label in ["行政许可", "行政处罚", "行政强制", "行政事业性收费"] {
        // The value cell spans the three value columns.
        assert_eq!(fields_of(text, label), [label, "", "", ""]);
    }
    assert_eq!(
        fields_of(text, "信息内容")[1..],
        ["本年制发件数", "本年废止件数", "现行有效件数"]
    );
    // Table 三: ten grid columns; each row's own label in the column of its
    // level, group labels only on their first row, seven blank values.
    for row in T3Row::ALL {
        let f = fields_of(text, row.label());
        assert_eq!(f.len(), 10, "{}: {f:?}", row.key());
        let col = match row {
            T3Row::R01 | T3Row::R02 | T3Row::R25 => 0,
            T3Row::R03 | T3Row::R04 | T3Row::R24 => 1,
            _ => 2,
        };
        assert_eq!(f[col], row.label(), "{}", row.key());
        assert!(f[3..].iter().all(|v| v.is_empty()), "{}: {f:?}", row.key());
        let first_of_group = matches!(row, T3Row::R05 | T3Row::R13 | T3Row::R16 | T3Row::R21);
        if col == 2 {
            let want = if first_of_group {
                row.group().unwrap()
            } else {
                ""
            };
            assert_eq!(f[1], want, "{}", row.key());
        }
        if row == T3Row::R03 {
            assert_eq!(f[0], "三、本年度办理结果");
        }
    }
    let header = fields_of(text, "申请人情况");
    assert_eq!(header.len(), 10);
    assert_eq!(header[3], "申请人情况");
    assert_eq!(
        fields_of(text, "商业企业")[4..],
        [
            "商业企业",
            "科研机构",
            "社会公益组织",
            "法律服务机构",
            "其他",
            ""
        ]
    );
    // Table 四: fifteen columns under 行政复议 / 行政诉讼.
    let t4_head = fields_of(text, "行政复议");
    assert_eq!(t4_head.len(), 15);
    assert_eq!((t4_head[0], t4_head[5]), ("行政复议", "行政诉讼"));
    let groups = fields_of(text, "未经复议直接起诉");
    assert_eq!((groups[5], groups[10]), ("未经复议直接起诉", "复议后起诉"));
    // Labels wrapped inside their cell read as one label.
    assert!(text.contains("\t结果纠正\t其他结果\t尚未审结\t总计\t"));

    // Where a cell came from: table 三 (the second table), row 7 (after three
    // header rows and four rows), column 2.
    let at = text.find("1.属于国家秘密").unwrap() as u32;
    assert_eq!(
        e.place_at(at),
        Some(Place::Cell {
            table: 1,
            row: 7,
            col: 2
        })
    );
    let at = text.find("一、总体情况").unwrap() as u32;
    assert!(matches!(e.place_at(at), Some(Place::Paragraph { .. })));

    // Every blank value position, filled in the text with a distinct number,
    // lands in its row and column of the model.
    let mut n = 0u64;
    let mut filled = String::new();
    let mut region = 0; // 2, 3 or 4 once inside a table's rows
    for line in text.lines() {
        let mut f: Vec<String> = line.split('\t').map(str::to_string).collect();
        if line.starts_with("第二十条") {
            region = 2;
        } else if line.contains("勾稽") {
            region = 3;
        } else if line.starts_with("行政复议") {
            region = 4;
        } else if !line.contains('\t') {
            region = 0;
        }
        let slots: Vec<usize> = match region {
            2 if ["规章", "行政规范性文件"].contains(&f[0].as_str()) => vec![1, 2, 3],
            2 if ["行政许可", "行政处罚", "行政强制", "行政事业性收费"]
                .contains(&f[0].as_str()) =>
            {
                vec![1]
            }
            3 if f.len() == 10
                && T3Row::ALL
                    .iter()
                    .any(|r| f[..3].contains(&r.label().to_string())) =>
            {
                (3..10).collect()
            }
            4 if f.len() == 15 && f.iter().all(String::is_empty) => (0..15).collect(),
            _ => vec![],
        };
        for i in slots {
            n += 1;
            f[i] = (2000 + n).to_string();
        }
        filled.push_str(&f.join("\t"));
        filled.push('\n');
    }
    assert_eq!(n, 10 + 25 * 7 + 15, "value positions found");
    let r = parse_text(&filled);
    let t2 = r.table2.as_ref().expect("table 二");
    let mut k = 2000;
    for item in T2Item::ALL {
        for c in t2.item(item).unwrap_or_else(|| panic!("{}", item.key())) {
            k += 1;
            if item == T2Item::Fee {
                assert_eq!(c.value, CellValue::Decimal(k.to_string()), "{}", item.key());
            } else {
                assert_eq!(c.as_int(), Some(k), "{}", item.key());
            }
        }
    }
    let t3 = r.table3.as_ref().expect("table 三");
    for row in T3Row::ALL {
        let rw = t3.row(row).unwrap_or_else(|| panic!("row {}", row.key()));
        assert_eq!(rw.matched, LabelMatch::Exact);
        for col in T3Col::ALL {
            k += 1;
            assert_eq!(
                rw.cells[col.index()].as_int(),
                Some(k),
                "{}.{}",
                row.key(),
                col.key()
            );
        }
    }
    let t4 = r.table4.as_ref().expect("table 四");
    for g in T4Group::ALL {
        for f in T4Field::ALL {
            k += 1;
            assert_eq!(
                t4.cell(g, f).and_then(Cell::as_int),
                Some(k),
                "{}.{}",
                g.key(),
                f.key()
            );
        }
    }
    assert!(r.unknown_rows.is_empty(), "{:?}", r.unknown_rows);
}

/// The blank template as it is: all three tables with every row, every value
/// blank (what C202 reports). The text parser does not yet keep a row whose
/// cells are all blank, so tables 二 and 三 are not found.
#[test]
fn blank_template_parses_to_blank_tables() {
    let e = docx::read(&fixture("docx/official-template-2021.docx")).unwrap();
    let r = parse_text(&e.text);
    let t2 = r.table2.as_ref().expect("table 二");
    for item in T2Item::ALL {
        let cells = t2.item(item).unwrap_or_else(|| panic!("{}", item.key()));
        assert!(cells.iter().all(|c| c.value == CellValue::Blank));
    }
    let t3 = r.table3.as_ref().expect("table 三");
    for row in T3Row::ALL {
        let rw = t3.row(row).unwrap_or_else(|| panic!("row {}", row.key()));
        assert!(rw.cells.iter().all(|c| c.value == CellValue::Blank));
    }
    let t4 = r.table4.as_ref().expect("table 四");
    assert!(t4.groups.iter().all(Option::is_some));
}

#[test]
fn blank_template_finds_table_four() {
    let e = docx::read(&fixture("docx/official-template-2021.docx")).unwrap();
    let r = parse_text(&e.text);
    assert!(r.table4.is_some());
    assert!(r.unknown_rows.is_empty(), "{:?}", r.unknown_rows);
}

#[test]
fn filled_template_written_by_script_equals_the_seed() {
    let e = docx::read(&fixture("docx/filled-word-xml.docx")).unwrap();
    let r = parse_text(&e.text);
    assert_same_values(&r, &seed_distinct(), "filled-word-xml.docx");
    assert_eq!(r.year(), Some(2021));
    assert_eq!(r.body(), Some("雁鸣湖镇"));
}

#[test]
fn filled_template_resaved_by_libreoffice_equals_the_seed() {
    let bytes = fixture("docx/filled-libreoffice.docx");
    let e = read_bytes("filled-libreoffice.docx", &bytes, ReadOptions::default()).unwrap();
    assert_eq!(e.format, Format::Docx);
    let r = parse_text(&e.text);
    assert_same_values(&r, &seed_distinct(), "filled-libreoffice.docx");
    // The fee keeps its decimals as written.
    let fee = &r.table2.as_ref().unwrap().item(T2Item::Fee).unwrap()[0];
    assert_eq!(fee.value, CellValue::Decimal("1010.25".into()));
    assert_eq!(fee.span.map(|s| &e.text[s.range()]), Some("1010.25"));
}

#[test]
fn reading_the_filled_template_is_fast() {
    let bytes = fixture("docx/filled-libreoffice.docx");
    let t = Instant::now();
    for _ in 0..10 {
        docx::read(&bytes).unwrap();
    }
    let each = t.elapsed() / 10;
    eprintln!("filled-libreoffice.docx: {each:?} per read");
    // About 3 ms in a release build; generous for debug builds and slow CI.
    assert!(each < Duration::from_millis(500), "{each:?} per read");
}

// ---------------------------------------------------------------------------
// Word features
// ---------------------------------------------------------------------------

#[test]
fn runs_tabs_breaks_symbols_and_entities() {
    let e = read(concat!(
        "<w:p><w:r><w:t>一、</w:t></w:r><w:r><w:t xml:space=\"preserve\">总体 </w:t></w:r>",
        "<w:r><w:t>  情况  </w:t></w:r></w:p>",
        "<w:p><w:r><w:t>A&amp;B&lt;C&#x4E00;&#20108;</w:t><w:tab/><w:t>x</w:t>",
        "<w:br/><w:t>y</w:t><w:sym w:font=\"Symbol\" w:char=\"00B1\"/><w:noBreakHyphen/>",
        "<w:t>z</w:t></w:r></w:p>",
    ));
    assert_eq!(e.text, "一、总体 情况\nA&B<C一二 x y±-z\n");
}

#[test]
fn tracked_changes_read_as_accepted_and_are_counted() {
    let e = read(concat!(
        "<w:p><w:r><w:t>本年新收</w:t></w:r>",
        "<w:del w:id=\"1\" w:author=\"a\"><w:r><w:delText>12</w:delText></w:r></w:del>",
        "<w:ins w:id=\"2\" w:author=\"a\"><w:r><w:t>15</w:t></w:r></w:ins>",
        "<w:moveFrom w:id=\"3\" w:author=\"a\"><w:r><w:t>旧位置</w:t></w:r></w:moveFrom>",
        "<w:r><w:t>件</w:t></w:r>",
        "<w:moveTo w:id=\"4\" w:author=\"a\"><w:r><w:t>新位置</w:t></w:r></w:moveTo></w:p>",
        // A deleted paragraph mark joins this paragraph to the next.
        "<w:p><w:pPr><w:rPr><w:del w:id=\"5\" w:author=\"a\"/></w:rPr></w:pPr>",
        "<w:r><w:t>前半</w:t></w:r></w:p>",
        "<w:p><w:r><w:t>后半</w:t></w:r></w:p>",
        // A deleted row disappears; a cell deletion too.
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>甲</w:t></w:r></w:p></w:tc>",
        "<w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc></w:tr>",
        "<w:tr><w:trPr><w:del w:id=\"6\" w:author=\"a\"/></w:trPr>",
        "<w:tc><w:p><w:r><w:t>乙</w:t></w:r></w:p></w:tc>",
        "<w:tc><w:p><w:r><w:t>2</w:t></w:r></w:p></w:tc></w:tr>",
        "<w:tr><w:tc><w:p><w:r><w:t>丙</w:t></w:r></w:p></w:tc>",
        "<w:tc><w:p><w:r><w:rPr><w:rPrChange w:id=\"7\" w:author=\"a\"><w:rPr><w:b/></w:rPr></w:rPrChange></w:rPr>",
        "<w:t>3</w:t></w:r></w:p></w:tc></w:tr></w:tbl>",
    ));
    assert_eq!(e.text, "本年新收15件新位置\n前半后半\n\n甲\t1\n丙\t3\n");
    // ins, del, moveFrom, moveTo, the paragraph mark, the row; not the
    // formatting change.
    assert_eq!(e.notes, ["文档含 6 处修订，已按“接受全部修订”后的文字检查"]);
}

#[test]
fn content_controls_read_as_they_print() {
    let e = read(concat!(
        // A block-level control around a paragraph, showing its placeholder.
        "<w:sdt><w:sdtPr><w:alias w:val=\"单位名称\"/><w:showingPlcHdr/>",
        "<w:placeholder><w:docPart w:val=\"x\"/></w:placeholder></w:sdtPr>",
        "<w:sdtContent><w:p><w:r><w:t>单击或点击此处输入文字。</w:t></w:r></w:p></w:sdtContent></w:sdt>",
        // A run-level control inside a paragraph.
        "<w:p><w:r><w:t>规章</w:t></w:r><w:sdt><w:sdtPr><w:text/></w:sdtPr>",
        "<w:sdtContent><w:r><w:t>12</w:t></w:r></w:sdtContent></w:sdt></w:p>",
        // A cell-level control inside a row.
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>行政许可</w:t></w:r></w:p></w:tc>",
        "<w:sdt><w:sdtPr/><w:sdtContent><w:tc><w:p><w:r><w:t>7</w:t></w:r></w:p></w:tc>",
        "</w:sdtContent></w:sdt></w:tr></w:tbl>",
    ));
    assert_eq!(e.text, "单击或点击此处输入文字。\n规章12\n\n行政许可\t7\n");
    assert!(e.notes.is_empty());
}

#[test]
fn fields_keep_their_result_not_their_code() {
    let e = read(concat!(
        "<w:p><w:fldSimple w:instr=\" DOCPROPERTY Company \"><w:r><w:t>雁鸣湖镇</w:t></w:r></w:fldSimple>",
        "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>",
        "<w:r><w:instrText xml:space=\"preserve\"> DATE \\@ \"yyyy\" </w:instrText></w:r>",
        "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>",
        "<w:r><w:t>2021</w:t></w:r>",
        "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>",
        "<w:r><w:t>年</w:t></w:r>",
        // A field nested in another's code: its result is part of the code.
        "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText>IF </w:instrText></w:r>",
        "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r>",
        "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>9</w:t></w:r>",
        "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>",
        "<w:r><w:instrText> = 1 \"a\" \"b\"</w:instrText></w:r>",
        "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>报告</w:t></w:r>",
        "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>",
    ));
    assert_eq!(e.text, "雁鸣湖镇2021年报告\n");
    assert!(e.notes.is_empty());
}

#[test]
fn an_unterminated_field_is_noted_not_silent() {
    let e = read(concat!(
        "<w:p><w:r><w:t>开头</w:t></w:r><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>",
        "<w:r><w:t>丢失的文字</w:t></w:r></w:p>",
    ));
    assert_eq!(e.text, "开头\n");
    assert_eq!(e.notes.len(), 1);
    assert!(
        e.notes[0].contains("域代码") && e.notes[0].contains('5'),
        "{:?}",
        e.notes
    );
}

#[test]
fn grid_span_vmerge_and_grid_before_keep_the_grid() {
    let e = read(&tbl(&[
        tr(
            "",
            &[
                tc(
                    "<w:gridSpan w:val=\"3\"/><w:vMerge w:val=\"restart\"/>",
                    "表头",
                ),
                tc("", "A"),
            ],
        ),
        tr(
            "",
            &[tc("<w:gridSpan w:val=\"3\"/><w:vMerge/>", ""), tc("", "B")],
        ),
        tr(
            "",
            &[
                tc("<w:vMerge w:val=\"restart\"/>", "甲"),
                tc("<w:gridSpan w:val=\"2\"/>", "乙"),
                tc("", "1"),
            ],
        ),
        tr(
            "",
            &[
                tc("<w:vMerge w:val=\"continue\"/>", ""),
                tc("", "丙"),
                tc("", "丁"),
                tc("", "2"),
            ],
        ),
        tr(
            "<w:gridBefore w:val=\"2\"/><w:gridAfter w:val=\"1\"/>",
            &[tc("", "戊")],
        ),
    ]));
    assert_eq!(
        e.text,
        "表头\t\t\tA\n\t\t\tB\n甲\t乙\t\t1\n\t丙\t丁\t2\n\t\t戊\t\n"
    );
    let at = |s: &str| e.place_at(e.text.find(s).unwrap() as u32);
    assert_eq!(
        at("戊"),
        Some(Place::Cell {
            table: 0,
            row: 4,
            col: 2
        })
    );
    assert_eq!(
        at("丁"),
        Some(Place::Cell {
            table: 0,
            row: 3,
            col: 2
        })
    );
}

#[test]
fn a_continued_cell_with_text_keeps_it() {
    let e = read(&tbl(&[
        tr(
            "",
            &[tc("<w:vMerge w:val=\"restart\"/>", "上"), tc("", "1")],
        ),
        tr("", &[tc("<w:vMerge/>", "残留"), tc("", "2")]),
    ]));
    assert_eq!(e.text, "上\t1\n残留\t2\n");
}

#[test]
fn nested_tables_are_flattened_without_losing_text() {
    let inner = tbl(&[
        tr("", &[tc("", "内1"), tc("", "内2")]),
        tr("", &[tc("", "内3"), tc("", "")]),
    ]);
    let e = read(&tbl(&[tr(
        "",
        &[tc("", "外"), format!("<w:tc>{}{inner}</w:tc>", p("前"))],
    )]));
    assert_eq!(e.text, "外\t前 内1 内2 内3\n");
    // Cells of a nested table stay apart from the paragraph before them.
    let e = read(&tbl(&[tr(
        "",
        &[tc("", "外"), format!("<w:tc>{}{inner}</w:tc>", p("前文"))],
    )]));
    assert_eq!(e.text, "外\t前文 内1 内2 内3\n");
}

#[test]
fn a_frame_table_around_the_report_is_read_through() {
    // One cell holding a heading, a table and a paragraph: page layout.
    let inner = tbl(&[tr("", &[tc("", "规章"), tc("", "5")])]);
    let e = read(&tbl(&[tr(
        "",
        &[format!(
            "<w:tc>{}{inner}{}</w:tc>",
            p("二、主动公开政府信息情况"),
            p("说明")
        )],
    )]));
    assert_eq!(e.text, "二、主动公开政府信息情况\n\n规章\t5\n\n说明\n");
    let at = e.place_at(e.text.find('5').unwrap() as u32);
    assert_eq!(
        at,
        Some(Place::Cell {
            table: 0,
            row: 0,
            col: 1
        })
    );
}

#[test]
fn text_boxes_are_read_once() {
    let textbox = |t: &str| format!("<w:txbxContent>{}</w:txbxContent>", p(t));
    let e = read(&format!(
        concat!(
            "<w:p><w:r><w:t>正文</w:t></w:r><w:r><mc:AlternateContent>",
            "<mc:Choice Requires=\"wps\"><w:drawing><wp:anchor><a:graphic><a:graphicData>",
            "<wps:wsp><wps:txbx>{}</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>",
            "<mc:Fallback><w:pict><v:shape><v:textbox>{}</v:textbox></v:shape></w:pict></mc:Fallback>",
            "</mc:AlternateContent></w:r></w:p>"
        ),
        textbox("框内"),
        textbox("框内")
    ));
    assert_eq!(e.text.matches("框内").count(), 1, "{}", e.text);
    assert!(e.text.contains("正文"));
}

#[test]
fn headings_come_from_styles() {
    let styles = format!(
        r#"<w:styles xmlns:w="{W_NS}"><w:style w:type="paragraph" w:styleId="1"><w:name w:val="Normal"/></w:style><w:style w:type="paragraph" w:styleId="3"><w:name w:val="heading 2"/><w:basedOn w:val="1"/></w:style><w:style w:type="paragraph" w:styleId="my"><w:name w:val="我的标题"/><w:basedOn w:val="3"/></w:style></w:styles>"#
    );
    let xml = document_xml(concat!(
        "<w:p><w:pPr><w:pStyle w:val=\"1\"/></w:pPr><w:r><w:t>正文</w:t></w:r></w:p>",
        "<w:p><w:pPr><w:pStyle w:val=\"my\"/></w:pPr><w:r><w:t>二级</w:t></w:r></w:p>",
        "<w:p><w:pPr><w:outlineLvl w:val=\"0\"/></w:pPr><w:r><w:t>一级</w:t></w:r></w:p>",
        "<w:p><w:pPr><w:pageBreakBefore/></w:pPr><w:r><w:t>新页</w:t></w:r></w:p>",
    ));
    let z = zip_of(&[
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("word/document.xml", xml.as_bytes()),
        ("word/styles.xml", styles.as_bytes()),
    ]);
    let e = docx::read(&z).unwrap();
    // Headings do not change the text; the page break is not text either.
    assert_eq!(e.text, "正文\n二级\n一级\n新页\n");
}

#[test]
fn the_main_part_is_found_through_the_package_relationships() {
    let xml = document_xml(&p("别处的正文"));
    let rels = RELS.replace("word/document.xml", "/word/main.xml");
    let z = zip_of(&[
        ("_rels/.rels", rels.as_bytes()),
        ("word/main.xml", xml.as_bytes()),
    ]);
    assert_eq!(docx::read(&z).unwrap().text, "别处的正文\n");
}

// ---------------------------------------------------------------------------
// Damaged and hostile files
// ---------------------------------------------------------------------------

#[test]
fn a_truncated_zip_is_corrupt() {
    let bytes = fixture("docx/filled-libreoffice.docx");
    for cut in [bytes.len() / 2, bytes.len() - 30, 100] {
        let e = docx::read(&bytes[..cut]).unwrap_err();
        assert!(matches!(e, ReadError::Corrupt { .. }), "{cut}: {e:?}");
        assert!(e.to_string().contains("损坏"), "{e}");
    }
}

#[test]
fn a_zip_without_the_document_part_is_corrupt() {
    let z = zip_of(&[
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("word/other.xml", b"<a/>"),
    ]);
    let detail = corrupt_detail(docx::read(&z).unwrap_err());
    assert!(detail.contains("word/document.xml"), "{detail}");
    // Through format detection, with a Word name: the same explanation.
    let e = read_bytes("报告.docx", &z, ReadOptions::default()).unwrap_err();
    assert!(corrupt_detail(e).contains("word/document.xml"));
}

#[test]
fn malformed_xml_names_the_part_and_the_position() {
    let xml = document_xml(&format!("{}\n<w:p><w:r><w:t>坏</w:r></w:p>", p("好")));
    let z = zip_of(&[("word/document.xml", xml.as_bytes())]);
    let detail = corrupt_detail(docx::read(&z).unwrap_err());
    assert!(detail.contains("word/document.xml"), "{detail}");
    assert!(detail.contains("第 3 行"), "{detail}");
    let at = xml.find("坏</w:r>").unwrap() + "坏".len();
    assert!(
        detail.contains(&format!("第 {at} 字节")),
        "{detail} (want byte {at})"
    );
}

#[test]
fn a_truncated_document_part_is_corrupt() {
    let xml = document_xml(&p("正文"));
    // Cut between elements: the elements left open say it was cut.
    let cut = &xml[..xml.len() - "</w:body></w:document>".len()];
    let z = zip_of(&[("word/document.xml", cut.as_bytes())]);
    let detail = corrupt_detail(docx::read(&z).unwrap_err());
    assert!(
        detail.contains("word/document.xml") && detail.contains("截断"),
        "{detail}"
    );
    // Cut inside a tag: a syntax error at the end.
    let cut = &xml[..xml.len() - 5];
    let z = zip_of(&[("word/document.xml", cut.as_bytes())]);
    let detail = corrupt_detail(docx::read(&z).unwrap_err());
    assert!(detail.contains("word/document.xml"), "{detail}");
}

#[test]
fn other_xml_is_not_a_document() {
    for xml in ["", "   ", "<html><body>x</body></html>", "纯文本"] {
        let z = zip_of(&[("word/document.xml", xml.as_bytes())]);
        let e = docx::read(&z).unwrap_err();
        assert!(matches!(e, ReadError::Corrupt { .. }), "{xml:?}: {e:?}");
    }
}

#[test]
fn utf16_xml_is_refused_clearly() {
    let xml = document_xml(&p("正文")).replace("UTF-8", "UTF-16");
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(xml.encode_utf16().flat_map(u16::to_le_bytes));
    let z = zip_of(&[("word/document.xml", &utf16)]);
    let detail = corrupt_detail(docx::read(&z).unwrap_err());
    assert!(detail.contains("UTF-16"), "{detail}");
}

/// An OLE compound file as Office writes an encrypted document: the header
/// signature, a directory sector naming the `EncryptionInfo` and
/// `EncryptedPackage` streams in UTF-16.
fn encrypted_office_file() -> Vec<u8> {
    let mut b = vec![0u8; 512 * 4];
    b[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    b[0x18] = 0x3E; // minor version
    b[0x1A] = 0x03; // major version 3
    b[0x1C..0x1E].copy_from_slice(&[0xFE, 0xFF]); // byte order
    b[0x1E] = 9; // sector shift: 512
    b[0x20] = 6; // mini sector shift
    b[0x2C] = 1; // one FAT sector
    b[0x30] = 1; // directory starts at sector 1
    let dir = 512 * 2; // sector 1
    for (i, name) in ["Root Entry", "EncryptionInfo", "EncryptedPackage"]
        .iter()
        .enumerate()
    {
        let entry = dir + i * 128;
        let utf16: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
        b[entry..entry + utf16.len()].copy_from_slice(&utf16);
        b[entry + 0x40] = (utf16.len() + 2) as u8;
        b[entry + 0x42] = if i == 0 { 5 } else { 2 };
    }
    b
}

#[test]
fn an_encrypted_word_file_says_it_has_a_password() {
    let e = read_bytes(
        "加密.docx",
        &encrypted_office_file(),
        ReadOptions::default(),
    )
    .unwrap_err();
    assert!(matches!(e, ReadError::Encrypted { .. }), "{e:?}");
    assert!(e.to_string().contains("密码"), "{e}");
}

#[test]
fn a_zip_bomb_is_refused_quickly() {
    // 70 MB of one paragraph's text compresses to about 70 KB.
    let head = document_xml("<w:p><w:r><w:t>");
    let head = &head[..head.find("<w:sectPr/>").unwrap()];
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    w.start_file("word/document.xml", opts).unwrap();
    w.write_all(head.as_bytes()).unwrap();
    let chunk = vec![b'9'; 1 << 20];
    for _ in 0..70 {
        w.write_all(&chunk).unwrap();
    }
    let z = w.finish().unwrap().into_inner();
    assert!(z.len() < 1 << 20, "bomb is {} bytes", z.len());
    let t = Instant::now();
    let e = read_bytes("炸弹.docx", &z, ReadOptions::default()).unwrap_err();
    assert!(matches!(e, ReadError::TooComplex { .. }), "{e:?}");
    assert!(e.to_string().contains("word/document.xml"), "{e}");
    assert!(t.elapsed() < Duration::from_secs(20), "{:?}", t.elapsed());
}

#[test]
fn ten_thousand_tables_are_refused_quickly() {
    let one = tbl(&[tr("", &[tc("", "1")])]);
    let body = one.repeat(10_000);
    let z = docx_with(&body);
    let t = Instant::now();
    let e = docx::read(&z).unwrap_err();
    match &e {
        ReadError::TooComplex { detail, .. } => assert!(detail.contains("2000"), "{detail}"),
        other => panic!("{other:?}"),
    }
    assert!(t.elapsed() < Duration::from_secs(10), "{:?}", t.elapsed());
    // Up to the cap they are read.
    let z = docx_with(&one.repeat(docx::MAX_TABLES));
    let t = Instant::now();
    let e = docx::read(&z).unwrap();
    assert_eq!(e.text.matches('1').count(), docx::MAX_TABLES);
    assert!(t.elapsed() < Duration::from_secs(10), "{:?}", t.elapsed());
}

#[test]
fn a_huge_table_is_refused() {
    // 2,000 rows of 60 cells: 120,000 cells in one table.
    let row = format!("<w:tr>{}</w:tr>", "<w:tc/>".repeat(60));
    let z = docx_with(&format!("<w:tbl>{}</w:tbl>", row.repeat(2_000)));
    let t = Instant::now();
    let e = docx::read(&z).unwrap_err();
    match &e {
        ReadError::TooComplex { detail, .. } => assert!(detail.contains("100000"), "{detail}"),
        other => panic!("{other:?}"),
    }
    assert!(t.elapsed() < Duration::from_secs(10), "{:?}", t.elapsed());
}

#[test]
fn deep_nesting_is_refused_without_overflowing_the_stack() {
    for open in [
        "<w:sdt><w:sdtContent>",
        "<w:tbl><w:tr><w:tc>",
        "<x:a xmlns:x=\"u\">",
    ] {
        let body = open.repeat(100_000);
        let z = docx_with(&body);
        let e = docx::read(&z).unwrap_err();
        match &e {
            ReadError::TooComplex { detail, .. } => assert!(detail.contains("嵌套"), "{detail}"),
            other => panic!("{open}: {other:?}"),
        }
    }
    // Moderately nested tables read.
    let mut t = tbl(&[tr("", &[tc("", "核心"), tc("", "")])]);
    for _ in 0..20 {
        t = tbl(&[tr("", &[format!("<w:tc>{t}</w:tc>"), tc("", "x")])]);
    }
    let e = read(&t);
    assert!(e.text.contains("核心"), "{}", e.text);
}

#[test]
fn damaged_copies_of_a_real_file_never_panic() {
    let bytes = fixture("docx/filled-word-xml.docx");
    let t = Instant::now();
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for i in 0..300 {
        let mut b = bytes.clone();
        match i % 3 {
            0 => b.truncate(next() as usize % b.len()),
            1 => {
                for _ in 0..8 {
                    let at = next() as usize % b.len();
                    b[at] = next() as u8;
                }
            }
            _ => {
                let at = next() as usize % b.len();
                b.drain(at..(at + 64).min(b.len()));
            }
        }
        match docx::read(&b) {
            Ok(e) => {
                let _ = parse_text(&e.text);
            }
            Err(e) => assert!(!e.to_string().is_empty()),
        }
    }
    assert!(t.elapsed() < Duration::from_secs(60), "{:?}", t.elapsed());
}

#[test]
fn damaged_document_xml_never_panics() {
    let xml = {
        let mut z =
            zip::ZipArchive::new(Cursor::new(fixture("docx/filled-word-xml.docx"))).unwrap();
        let mut f = z.by_name("word/document.xml").unwrap();
        let mut s = Vec::new();
        std::io::Read::read_to_end(&mut f, &mut s).unwrap();
        s
    };
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut read_ok = 0;
    for i in 0..200 {
        let mut b = xml.clone();
        if i % 2 == 0 {
            b.truncate(next() as usize % b.len());
        } else {
            for _ in 0..4 {
                let at = next() as usize % b.len();
                b[at] = b"<>/\"=&;w:x \xFF"[next() as usize % 12];
            }
        }
        let z = zip_with(&[("word/document.xml", &b)], zip::CompressionMethod::Stored);
        if let Ok(e) = docx::read(&z) {
            read_ok += 1;
            let _ = parse_text(&e.text);
        }
    }
    // Some damage lands in text and still reads.
    assert!(read_ok > 0);
}
