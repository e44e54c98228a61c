//! Benchmarks of the readers on real files: the filled Word template, the
//! three published PDFs, the LibreOffice workbook and a saved web page, each
//! read to text and then checked (the whole path of opening a file).
//!
//! ```text
//! cargo bench --bench read                full measurement
//! cargo bench --bench read -- --test      run each benchmark once (CI smoke test)
//! ```

use std::hint::black_box;

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

criterion_group!(benches, read_files);
criterion_main!(benches);
