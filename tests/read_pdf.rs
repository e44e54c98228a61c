//! The PDF reader: the three real published reports read to the same table
//! values as their `pdftotext -layout` text, and generated files for every
//! structure, font encoding and kind of bad input the reader must handle.

use nianbao::diagnostic::{CellRef, Location};
use nianbao::model::{Cell, CellValue, Report, T2Item, T3Col, T3Row, T4Field, T4Group};
use nianbao::parse::parse_text;
use nianbao::read::{Extracted, Format, Place, ReadError, ReadOptions, pdf};
use nianbao::{Config, check_text};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/pdf/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn layout_text(name: &str) -> String {
    let path = format!("{}/tests/fixtures/text/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
#[ignore = "writes the extracted text to /tmp for inspection"]
fn dump() {
    for name in ["2023_hongze-qu", "2024_hongze-qu", "2024_huaian-shi"] {
        let e = pdf::read(&fixture(&format!("{name}.pdf"))).unwrap();
        std::fs::write(format!("/tmp/{name}.nianbao.txt"), &e.text).unwrap();
    }
}

// ---------------------------------------------------------------------------
// The real published reports
// ---------------------------------------------------------------------------

/// Every table value of a report, with where it is, for comparison.
fn values(r: &Report) -> Vec<(String, CellValue)> {
    let mut out = Vec::new();
    let mut add = |at: String, cells: &[Cell]| {
        for (i, c) in cells.iter().enumerate() {
            out.push((format!("{at}/{i}"), c.value.clone()));
        }
    };
    if let Some(t2) = &r.table2 {
        for item in T2Item::ALL {
            add(format!("t2/{}", item.key()), t2.item(item).unwrap_or(&[]));
        }
    }
    if let Some(t3) = &r.table3 {
        for row in T3Row::ALL {
            if let Some(rw) = t3.row(row) {
                add(format!("t3/{}", row.key()), &rw.cells);
            }
        }
    }
    if let Some(t4) = &r.table4 {
        for g in T4Group::ALL {
            if let Some(cells) = &t4.groups[g as usize] {
                add(format!("t4/{}", g.key()), cells);
            }
        }
    }
    out
}

/// The structure, cell and arithmetic findings (the families of
/// tests/real_reports.rs), sorted.
/// Locations in the text (spans) differ between the two texts: only cell
/// locations are kept.
fn findings(text: &str) -> Vec<(String, Option<Location>)> {
    let checked = check_text(text, &Config::default()).unwrap();
    let mut f: Vec<(String, Option<Location>)> = checked
        .diagnostics
        .iter()
        .filter(|d| matches!(d.code.as_bytes()[0], b'S' | b'C' | b'A'))
        .map(|d| {
            let cell = matches!(d.location, Location::Cell(_)).then_some(d.location);
            (d.code.to_string(), cell)
        })
        .collect();
    f.sort_by(|a, b| a.0.cmp(&b.0));
    f
}

/// Reads the PDF and checks it against the layout text: same values (and as
/// many as expected), same title, same findings. Returns the extraction.
fn same_as_layout(name: &str, cells: usize, title: &str) -> Extracted {
    let start = std::time::Instant::now();
    let e = pdf::read(&fixture(&format!("{name}.pdf"))).unwrap();
    eprintln!("{name}: read in {:?}", start.elapsed());
    assert_eq!(e.format, Format::Pdf);
    let from_pdf = parse_text(&e.text);
    let from_layout = parse_text(&layout_text(&format!("{name}.layout.txt")));
    let (got, want) = (values(&from_pdf), values(&from_layout));
    assert_eq!(want.len(), cells, "{name}: cells in the layout text");
    let diff: Vec<_> = got
        .iter()
        .filter(|g| !want.contains(g))
        .chain(want.iter().filter(|w| !got.contains(w)))
        .collect();
    assert!(diff.is_empty(), "{name}: table values differ: {diff:?}");
    assert_eq!(got, want, "{name}: table values");
    assert!(
        from_pdf.unknown_rows.is_empty(),
        "{:?}",
        from_pdf.unknown_rows
    );
    let t = from_pdf.title.as_ref().expect("a title");
    assert!(t.text.contains(title), "{}", t.text);
    assert_eq!(t.year, from_layout.title.as_ref().unwrap().year);
    assert_eq!(
        findings(&e.text),
        findings(&from_layout.text),
        "{name}: findings"
    );
    // Every origin is on a real page, and the text has one form feed a page.
    let pages = e.text.matches('\x0c').count() as u32;
    assert!(e.origins.iter().all(|o| matches!(o.place,
        Place::Page { page, .. } if (1..=pages).contains(&page))));
    e
}

/// The page (1-based) of the first occurrence of `needle` in the text, by the
/// origins.
fn page_of(e: &Extracted, needle: &str) -> Option<u32> {
    let at = e.text.find(needle)?;
    e.page_at(at as u32)
}

#[test]
fn hongze_2023() {
    let e = same_as_layout(
        "2023_hongze-qu",
        2 * 3 + 4 + 23 * 7 + 3 * 5,
        "洪泽区人民政府",
    );
    let r = parse_text(&e.text);
    // 表四 总计 cells disagree with their parts (A304 ×2, A306 → 11), and 表三
    // has the single （六）其他处理 row of the older format (S104), as
    // tests/real_reports.rs asserts on the layout text.
    let f = findings(&e.text);
    let codes: Vec<&str> = f.iter().map(|x| x.0.as_str()).collect();
    assert_eq!(codes, ["A304", "A304", "A306", "S104", "S106"]);
    assert_eq!(
        f[2].1,
        Some(Location::Cell(CellRef::t4(T4Group::Review, T4Field::Total)))
    );
    let t4 = r.table4.as_ref().unwrap();
    let review: Vec<CellValue> = t4.groups[T4Group::Review as usize]
        .as_ref()
        .unwrap()
        .iter()
        .map(|c| c.value.clone())
        .collect();
    assert_eq!(review, [10, 1, 0, 0, 0].map(CellValue::Int));
    // Pages, as `pdftotext -f N -l N` shows them: 表二's 行政许可 550 on page 2,
    // 表三's first row on page 3, 表四 on page 4.
    assert_eq!(page_of(&e, "行政许可"), Some(2));
    assert_eq!(page_of(&e, "一、本年新收政府信息公开申请数量"), Some(3));
    assert_eq!(page_of(&e, "3.补正后申请内容仍不明确"), Some(4));
    // 表四's span starts on page 4 (the next run of text from its start).
    let next = e.origins.iter().find(|o| o.end > t4.span.start).unwrap();
    assert_eq!(e.page_at(next.start), Some(4));
    // The cell 550 itself.
    let licensing = &r.table2.as_ref().unwrap().item(T2Item::Licensing).unwrap()[0];
    assert_eq!(licensing.value, CellValue::Int(550));
    assert_eq!(e.page_at(licensing.span.unwrap().start), Some(2));
}

#[test]
fn hongze_2024() {
    let e = same_as_layout(
        "2024_hongze-qu",
        2 * 3 + 4 + 23 * 7 + 3 * 5,
        "洪泽区人民政府",
    );
    let codes: Vec<String> = findings(&e.text).into_iter().map(|x| x.0).collect();
    assert_eq!(codes, ["S104", "S106"]);
    let r = parse_text(&e.text);
    let fee = &r.table2.as_ref().unwrap().item(T2Item::Fee).unwrap()[0];
    assert_eq!(fee.value, CellValue::Decimal("7545".to_string()));
}

#[test]
fn huaian_2024() {
    let e = same_as_layout(
        "2024_huaian-shi",
        2 * 3 + 4 + 25 * 7 + 3 * 5,
        "淮安市人民政府",
    );
    assert!(findings(&e.text).is_empty());
    let r = parse_text(&e.text);
    let t3 = r.table3.as_ref().unwrap();
    let c = t3.cell(T3Row::R01, T3Col::Tot).unwrap();
    assert_eq!(c.value, CellValue::Int(3119));
    assert!(e.notes.is_empty(), "{:?}", e.notes);
}

// ---------------------------------------------------------------------------
// Generated files (tests/fixtures/pdf/generate.py)
// ---------------------------------------------------------------------------

fn int(n: u64) -> CellValue {
    CellValue::Int(n)
}

/// The generated report page read right: title, and every value of 表二.
fn assert_generated_report(e: &Extracted, licensing: u64) {
    let r = parse_text(&e.text);
    let t = r.title.as_ref().expect("a title");
    assert_eq!(t.text, "某某区人民政府2023年政府信息公开工作年度报告");
    assert_eq!(t.year, Some(2023));
    let t2 = r
        .table2
        .as_ref()
        .unwrap_or_else(|| panic!("no 表二 in {}", e.text));
    let v = |item: T2Item| -> Vec<CellValue> {
        t2.item(item)
            .unwrap_or(&[])
            .iter()
            .map(|c| c.value.clone())
            .collect()
    };
    assert_eq!(v(T2Item::Rules), [int(1), int(0), int(3)], "{}", e.text);
    assert_eq!(v(T2Item::Normative), [int(2), int(5), int(17)]);
    assert_eq!(v(T2Item::Licensing), [int(licensing)]);
    assert_eq!(v(T2Item::Penalty), [int(4119)]);
    assert_eq!(v(T2Item::Coercion), [int(195)]);
    assert_eq!(v(T2Item::Fee), [CellValue::Decimal("7730.28".to_string())]);
    assert!(e.text.ends_with('\x0c'));
    // The value 4119 is on page 1, at its place: x = 360 pt, the baseline
    // 490 pt from the bottom of an 842 pt page (top of the run ≈ 842 − 490 − 9).
    let at = e.text.find("4119").unwrap() as u32;
    match e.place_at(at) {
        Some(Place::Page { page: 1, x: 360, y }) => assert!((340..346).contains(&y), "{y}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn identity_h_with_tounicode_and_tj_kerning() {
    // Type0 / Identity-H; ToUnicode with bfchar, bfrange (string and array
    // forms); /W widths; table rows shown as one TJ each, cells apart by
    // kerning offsets.
    let e = pdf::read(&fixture("report_identity.pdf")).unwrap();
    assert_generated_report(&e, 550);
    assert!(e.notes.is_empty(), "{:?}", e.notes);
}

#[test]
fn simple_font_with_differences() {
    // TrueType, WinAnsiEncoding with /Differences naming uniXXXX glyphs.
    let e = pdf::read(&fixture("report_simple.pdf")).unwrap();
    assert_generated_report(&e, 550);
}

#[test]
fn predefined_cmap_unigb_ucs2() {
    // /Encoding /UniGB-UCS2-H and no ToUnicode: the codes are Unicode.
    let e = pdf::read(&fixture("report_ucs2.pdf")).unwrap();
    assert_generated_report(&e, 550);
}

#[test]
fn predefined_cmap_gbk_euc() {
    // /Encoding /GBK-EUC-H and no ToUnicode: the codes are GBK bytes, decoded
    // by the host's legacy decoder (encoding_rs here, TextDecoder in the page).
    let data = fixture("report_gbk.pdf");
    let gbk = |b: &[u8]| {
        let (s, _, bad) = encoding_rs::GBK.decode(b);
        (!bad).then(|| s.into_owned())
    };
    let options = ReadOptions { legacy: Some(&gbk) };
    let e = pdf::read_with(&data, options).unwrap();
    assert_generated_report(&e, 550);
    // Without a decoder: the digits (one-byte codes) are read, the Chinese
    // characters cannot be, and a note says so.
    let e = pdf::read(&data).unwrap();
    assert!(e.text.contains("7730.28"));
    assert!(!e.text.contains("行政"));
    assert!(
        e.notes.iter().any(|n| n.contains("无法识别")),
        "{:?}",
        e.notes
    );
}

#[test]
fn xref_stream_object_stream_and_form_xobject() {
    // PDF 1.5: objects in an object stream, a cross-reference stream with
    // the PNG Up predictor, table 二 drawn by a Form XObject with a /Matrix.
    let e = pdf::read(&fixture("report_xref_stream.pdf")).unwrap();
    assert_generated_report(&e, 550);
    assert!(e.notes.is_empty(), "{:?}", e.notes);
}

#[test]
fn incremental_update_later_definition_wins() {
    // The appended update replaces the page's content: 行政许可 550 → 551.
    let data = fixture("report_incremental.pdf");
    let e = pdf::read(&data).unwrap();
    assert_generated_report(&e, 551);
    // Cut the update off: the original value again.
    let first_eof = data.windows(5).position(|w| w == b"%%EOF").unwrap() + 6;
    let e = pdf::read(&data[..first_eof]).unwrap();
    assert_generated_report(&e, 550);
}

#[test]
fn scanned_pdf_has_no_text() {
    match pdf::read(&fixture("scanned.pdf")) {
        Err(ReadError::NoText {
            format: "PDF",
            advice,
        }) => {
            assert!(
                advice.contains("扫描件") && advice.contains("OCR"),
                "{advice}"
            )
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn encrypted_pdf_is_refused() {
    assert_eq!(
        pdf::read(&fixture("encrypted.pdf")),
        Err(ReadError::Encrypted { format: "PDF" })
    );
}

#[test]
fn truncated_files_never_panic() {
    let data = fixture("report_identity.pdf");
    // The file cut right before its cross-reference table: the objects are
    // found by scanning, the values are all there, and a note says so.
    let xref = data.windows(5).rposition(|w| w == b"xref\n").unwrap();
    let e = pdf::read(&data[..xref]).unwrap();
    assert_generated_report(&e, 550);
    assert!(
        e.notes.iter().any(|n| n.contains("交叉引用表")),
        "{:?}",
        e.notes
    );
    // Cut anywhere: an error that says the file is damaged, or the text
    // that could be read — never a panic.
    for len in (0..data.len()).step_by(7) {
        match pdf::read(&data[..len]) {
            Ok(e) => assert!(!e.text.is_empty()),
            Err(ReadError::Corrupt { .. } | ReadError::NoText { .. }) => {}
            Err(other) => panic!("{len}: {other:?}"),
        }
    }
    // Cut before the page object: nothing to read, said so.
    let page = data.windows(11).position(|w| w == b"/Type/Page/").unwrap();
    assert!(matches!(
        pdf::read(&data[..page]),
        Err(ReadError::Corrupt { format: "PDF", .. })
    ));
    // A real report cut in the middle (a download that stopped): the pages
    // before the cut are read, with notes that say the file is incomplete.
    let real = fixture("2023_hongze-qu.pdf");
    let e = pdf::read(&real[..real.len() / 2]).unwrap();
    assert!(
        e.text.starts_with("                  洪泽区人民政府\n"),
        "{}",
        e.text
    );
    assert!(
        e.notes.iter().any(|n| n.contains("文件声明有 5 页")),
        "{:?}",
        e.notes
    );
}

#[test]
fn deeply_nested_arrays_do_not_overflow() {
    let r = pdf::read(&fixture("nested.pdf"));
    assert!(
        matches!(
            r,
            Err(ReadError::NoText { .. }) | Err(ReadError::Corrupt { .. })
        ),
        "{r:?}"
    );
    // Unbounded nesting where the file structure is read.
    let mut data = b"%PDF-1.4\n1 0 obj\n<</Type/Catalog/Pages ".to_vec();
    data.extend(std::iter::repeat_n(b'[', 1_000_000));
    data.extend_from_slice(b"\nendobj\ntrailer<</Root 1 0 R>>\n");
    assert!(pdf::read(&data).is_err());
    let mut data = b"%PDF-1.4\n".to_vec();
    data.extend(std::iter::repeat_n(b"<<".as_slice(), 500_000).flatten());
    assert!(pdf::read(&data).is_err());
}

#[test]
fn flate_bomb_is_too_complex() {
    let start = std::time::Instant::now();
    let r = pdf::read(&fixture("bomb.pdf"));
    assert!(
        matches!(r, Err(ReadError::TooComplex { format: "PDF", .. })),
        "{r:?}"
    );
    assert!(r.unwrap_err().to_string().contains("64 MB"));
    assert!(start.elapsed().as_secs() < 30, "{:?}", start.elapsed());
}

/// A PDF of `pages` pages of 40 lines of Chinese text each (a Type0 font
/// whose ToUnicode maps every code to itself), compressed like real files.
fn many_pages(pages: usize) -> Vec<u8> {
    use std::io::Write;
    let deflate = |data: &[u8]| {
        let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    };
    let mut objs: Vec<Vec<u8>> = Vec::new();
    let stream = |dict: &str, data: &[u8]| {
        let z = deflate(data);
        let mut o =
            format!("<<{dict}/Filter/FlateDecode/Length {}>>\nstream\n", z.len()).into_bytes();
        o.extend_from_slice(&z);
        o.extend_from_slice(b"\nendstream");
        o
    };
    let kids: Vec<String> = (0..pages).map(|i| format!("{} 0 R", 8 + 2 * i)).collect();
    objs.push(b"<</Type/Catalog/Pages 2 0 R>>".to_vec());
    objs.push(format!("<</Type/Pages/Kids[{}]/Count {pages}>>", kids.join(" ")).into_bytes());
    objs.push(b"<</Type/Font/Subtype/Type0/BaseFont/F/Encoding/Identity-H/DescendantFonts[4 0 R]/ToUnicode 5 0 R>>".to_vec());
    objs.push(b"<</Type/Font/Subtype/CIDFontType2/BaseFont/F/DW 1000/W[48 57 500]>>".to_vec());
    objs.push(stream("", b"1 begincodespacerange <0000> <FFFF> endcodespacerange 1 beginbfrange <0000> <FFFF> <0000> endbfrange"));
    objs.push(b"<<>>".to_vec());
    let line = "本机关坚持以公开为常态、不公开为例外，推进政府信息公开工作规范有序";
    for p in 0..pages {
        let mut content = String::new();
        for l in 0..40 {
            let text = format!("{line}{p}{l}");
            let hex: String = text.encode_utf16().map(|u| format!("{u:04X}")).collect();
            content += &format!(
                "BT /F1 10.5 Tf 1 0 0 1 72 {} Tm <{hex}> Tj ET\n",
                780 - l * 18
            );
        }
        objs.push(stream("", content.as_bytes()));
        objs.push(format!("<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Resources<</Font<</F1 3 0 R>>>>/Contents {} 0 R>>", 7 + 2 * p).into_bytes());
    }
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objs.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(o);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objs.len() + 1).as_bytes());
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<</Size {}/Root 1 0 R>>\nstartxref\n{xref}\n%%EOF\n",
            objs.len() + 1
        )
        .as_bytes(),
    );
    out
}

#[test]
fn five_hundred_pages_in_time() {
    let data = many_pages(500);
    let start = std::time::Instant::now();
    let e = pdf::read(&data).unwrap();
    let took = start.elapsed();
    eprintln!("500 pages ({} KB): {took:?}", data.len() / 1024);
    assert!(took.as_secs() < 30, "{took:?}");
    assert_eq!(e.text.matches('\x0c').count(), 500);
    assert_eq!(
        e.text
            .lines()
            .filter(|l| l.contains("推进政府信息公开"))
            .count(),
        500 * 40
    );
    let at = e.text.find("规范有序49939").unwrap() as u32;
    assert_eq!(e.page_at(at), Some(500));
}

// ---------------------------------------------------------------------------
// Damaged input: deterministic mutations of the generated files
// ---------------------------------------------------------------------------

/// Checks what the fuzz target checks: origins in order, inside the text, on
/// character boundaries; errors have a message.
fn assert_sound(r: Result<Extracted, ReadError>) {
    match r {
        Ok(e) => {
            let mut last = 0;
            for o in &e.origins {
                assert!(o.start >= last && o.start < o.end);
                assert!(e.text.is_char_boundary(o.start as usize));
                assert!(e.text.is_char_boundary(o.end as usize));
                last = o.end;
            }
            assert!(last as usize <= e.text.len());
            let _ = parse_text(&e.text);
        }
        Err(err) => assert!(!err.to_string().is_empty()),
    }
}

#[test]
fn mutated_files_never_panic() {
    const PIECES: &[&[u8]] = &[
        b"[",
        b"<<",
        b">>",
        b"]",
        b"0 0 R",
        b"1 0 R",
        b"endstream",
        b"endobj",
        b"stream\n",
        b"/Length 99999999",
        b"/Filter/LZWDecode",
        b"/Predictor 15",
        b"-1",
        b"99999999999",
        b"BT",
        b"Tj",
        b"TJ",
        b"q",
        b"Q",
        b"Do",
        b"/Type/Page",
        b"xref\n0 1\n",
        b"(",
        b"<FFFE",
        b"beginbfrange",
        b"%%EOF",
        b"startxref\n0\n",
    ];
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut rnd = |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n.max(1) as u64) as usize
    };
    let names = [
        "report_identity.pdf",
        "report_simple.pdf",
        "report_ucs2.pdf",
        "report_gbk.pdf",
        "report_xref_stream.pdf",
        "report_incremental.pdf",
        "nested.pdf",
    ];
    // More rounds (and the real reports too) with PDF_MUTATIONS=n.
    let rounds: Option<usize> = std::env::var("PDF_MUTATIONS")
        .ok()
        .and_then(|v| v.parse().ok());
    let real = ["2023_hongze-qu.pdf", "2024_huaian-shi.pdf"];
    let extra: &[&str] = if rounds.is_some() { &real } else { &[] };
    for name in names.iter().chain(extra) {
        let original = fixture(name);
        for _ in 0..rounds.unwrap_or(60) {
            let mut data = original.clone();
            for _ in 0..1 + rnd(4) {
                let len = data.len();
                let at = rnd(len);
                match rnd(5) {
                    0 => data[at] ^= 1 << rnd(8),
                    1 => data.truncate(at),
                    2 => {
                        let n = rnd(64).min(len - at);
                        data.drain(at..at + n);
                    }
                    3 => {
                        let n = rnd(200).min(len - at);
                        let piece = data[at..at + n].to_vec();
                        let to = rnd(data.len());
                        data.splice(to..to, piece);
                    }
                    _ => {
                        let piece = PIECES[rnd(PIECES.len())];
                        data.splice(at..at, piece.iter().copied());
                    }
                }
                if data.is_empty() {
                    break;
                }
            }
            assert_sound(pdf::read(&data));
        }
    }
}
