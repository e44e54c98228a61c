//! Any file through `read::read_bytes`: the kind comes from the content, and a
//! name that says otherwise only adds a note.

use nianbao::read::{Format, ReadError, ReadOptions, read_bytes};

fn fixture(path: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/{path}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

#[test]
fn a_file_that_lies_about_its_extension_is_read_by_its_content() {
    let cases = [
        (
            "pdf/2024_huaian-shi.pdf",
            "淮安年报.docx",
            Format::Pdf,
            "PDF",
        ),
        (
            "docx/filled-libreoffice.docx",
            "年报.pdf",
            Format::Docx,
            "Word",
        ),
        (
            "xlsx/official-libreoffice.xlsx",
            "年报.docx",
            Format::Xlsx,
            "Excel",
        ),
        ("html/gov-page-utf8.html", "年报.txt", Format::Html, "网页"),
    ];
    for (path, name, format, what) in cases {
        let e = read_bytes(name, &fixture(path), ReadOptions::default())
            .unwrap_or_else(|err| panic!("{name}: {err}"));
        assert_eq!(e.format, format, "{name}");
        let ext = name.rsplit_once('.').unwrap().1;
        let note = &e.notes[0];
        assert!(
            note.contains(&format!(".{ext}")) && note.contains(what),
            "{name}: {note}"
        );
        let report = nianbao::parse::parse_text(&e.text);
        assert!(report.table3.is_some(), "{name}: the tables are read");
    }
    // The right name adds no note about it.
    let e = read_bytes(
        "年报.pdf",
        &fixture("pdf/2024_huaian-shi.pdf"),
        ReadOptions::default(),
    )
    .unwrap();
    assert!(
        e.notes.iter().all(|n| !n.contains("扩展名")),
        "{:?}",
        e.notes
    );
}

#[test]
fn kinds_nianbao_does_not_read_are_named() {
    for (bytes, name, said) in [
        (&b"\x89PNG\r\n\x1a\n"[..], "扫描件.pdf", "PNG 图片"),
        (b"Rar!\x1a\x07\x00", "年报.zip", "RAR 压缩包"),
        (b"{\\rtf1\\ansi", "年报.doc", "RTF"),
    ] {
        let e = read_bytes(name, bytes, ReadOptions::default()).unwrap_err();
        assert!(matches!(e, ReadError::Unsupported { .. }), "{name}: {e:?}");
        assert!(e.to_string().contains(said), "{name}: {e}");
    }
    let e = read_bytes("空.txt", b"", ReadOptions::default()).unwrap_err();
    assert_eq!(e, ReadError::Empty);
}
