//! Benchmarks of the readers on real files: the filled Word template, the
//! three published PDFs, the LibreOffice workbook and a saved web page, each
//! read to text and then checked (the whole path of opening a file); and how
//! long hostile files take to be refused or read (a zip bomb, 10,000 tables,
//! a PDF bomb, deep nesting, 500 pages, 100 MB). The tests only guard these
//! against a hang; the figures are here.
//!
//! ```text
//! cargo bench --bench read                full measurement
//! cargo bench --bench read -- --test      run each benchmark once (CI smoke test)
//! ```

use std::hint::black_box;
use std::io::{Cursor, Write};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use nianbao::read::{self, ReadOptions};
use nianbao::{Config, check_text};

const FILES: &[(&str, &[u8])] = &[
    (
        "docx_filled",
        include_bytes!("../tests/fixtures/docx/filled-libreoffice.docx"),
    ),
    (
        "pdf_hongze_2023",
        include_bytes!("../tests/fixtures/pdf/2023_hongze-qu.pdf"),
    ),
    (
        "pdf_huaian_2024",
        include_bytes!("../tests/fixtures/pdf/2024_huaian-shi.pdf"),
    ),
    (
        "xlsx_official",
        include_bytes!("../tests/fixtures/xlsx/official-libreoffice.xlsx"),
    ),
    (
        "html_gov_page",
        include_bytes!("../tests/fixtures/html/gov-page-utf8.html"),
    ),
];

fn read_files(c: &mut Criterion) {
    let config = Config::default();
    let mut g = c.benchmark_group("read");
    for (name, bytes) in FILES {
        g.throughput(Throughput::Bytes(bytes.len() as u64));
        g.bench_function(*name, |b| {
            b.iter(|| read::read_bytes(name, black_box(bytes), ReadOptions::default()).unwrap())
        });
        g.bench_function(format!("{name}_and_check"), |b| {
            b.iter(|| {
                let e = read::read_bytes(name, black_box(bytes), ReadOptions::default()).unwrap();
                check_text(&e.text, &config).unwrap()
            })
        });
    }
    g.finish();
}

/// A .docx of the given `word/document.xml` body, compressed.
fn docx(body: &[u8]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    w.start_file("word/document.xml", opts).unwrap();
    w.write_all(b"<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>").unwrap();
    w.write_all(body).unwrap();
    w.write_all(b"</w:body></w:document>").unwrap();
    w.finish().unwrap().into_inner()
}

/// A PDF of `pages` pages of 40 lines each (a standard font, WinAnsi text).
fn pdf_pages(pages: usize) -> Vec<u8> {
    let mut objs: Vec<Vec<u8>> = vec![
        b"<</Type/Catalog/Pages 2 0 R>>".to_vec(),
        {
            let kids: Vec<String> = (0..pages).map(|i| format!("{} 0 R", 5 + 2 * i)).collect();
            format!("<</Type/Pages/Kids[{}]/Count {pages}>>", kids.join(" ")).into_bytes()
        },
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica/Encoding/WinAnsiEncoding>>".to_vec(),
    ];
    for p in 0..pages {
        let mut content = String::new();
        for l in 0..40 {
            content += &format!(
                "BT /F1 10 Tf 72 {} Td (line {l} of page {p}: 12 34 56) Tj ET\n",
                780 - l * 18
            );
        }
        objs.push(
            format!(
                "<</Length {}>>\nstream\n{content}\nendstream",
                content.len()
            )
            .into_bytes(),
        );
        objs.push(format!("<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Resources<</Font<</F1 3 0 R>>>>/Contents {} 0 R>>", 4 + 2 * p).into_bytes());
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

fn hostile(c: &mut Criterion) {
    let mut bomb_body = b"<w:p><w:r><w:t>".to_vec();
    bomb_body.resize(bomb_body.len() + (70 << 20), b'9');
    let one_table = b"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc></w:tr></w:tbl>";
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("docx_zip_bomb_70mb", docx(&bomb_body)),
        ("docx_10000_tables", docx(&one_table.repeat(10_000))),
        (
            "pdf_bomb",
            include_bytes!("../tests/fixtures/pdf/bomb.pdf").to_vec(),
        ),
        (
            "pdf_nested",
            include_bytes!("../tests/fixtures/pdf/nested.pdf").to_vec(),
        ),
        ("pdf_500_pages", pdf_pages(500)),
        (
            "truncated_docx",
            include_bytes!("../tests/fixtures/docx/filled-libreoffice.docx")[..3000].to_vec(),
        ),
        ("file_100mb", vec![b' '; 100 << 20]),
    ];
    // What each must come to, checked once outside the timing: only the 500
    // pages are a readable report.
    for (name, bytes) in &cases {
        let read = read::read_bytes(name, bytes, ReadOptions::default());
        assert_eq!(
            read.is_ok(),
            *name == "pdf_500_pages",
            "{name}: {:?}",
            read.err()
        );
    }
    let mut g = c.benchmark_group("hostile");
    g.sample_size(10);
    for (name, bytes) in &cases {
        g.bench_function(*name, |b| {
            // Refused or read: either way an answer, quickly.
            b.iter(|| {
                read::read_bytes(name, black_box(bytes), ReadOptions::default())
                    .map(|e| e.text.len())
            })
        });
    }
    g.finish();
}

criterion_group!(benches, read_files, hostile);
criterion_main!(benches);
