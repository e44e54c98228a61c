//! The fuzzed entry points, shared by the fuzz targets (`fuzz_targets/*.rs`) and
//! by `tests/fuzz_replay.rs`, which replays the seeds and any crash artifacts
//! under stable `cargo test`.
//!
//! Beyond "never panics", each entry point checks the model's invariants: the
//! report keeps the text it was given, and every span in the model and in the
//! findings lies inside that text, on character boundaries.
#![allow(dead_code)]

use nianbao::diagnostic::{Applicability, Diagnostic, Location, apply_fixes};
use nianbao::model::{Cell, Label, Report, Row};
use nianbao::render::{json, text};
use nianbao::text::Span;
use nianbao::{Config, check_text, parse};

/// Arbitrary bytes, read as UTF-8 (lossily), through the text parser.
pub fn parse_text(data: &[u8]) {
    let s = String::from_utf8_lossy(data);
    let report = parse::parse_text(&s);
    assert_report(&report, &s);
}

/// Arbitrary bytes through the decoder and, when they decode, the text parser.
pub fn decode(data: &[u8]) {
    match parse::decode(data) {
        Ok((s, _encoding)) => {
            let report = parse::parse_text(&s);
            assert_report(&report, &s);
        }
        Err(e) => assert!(!e.to_string().is_empty()),
    }
}

/// The whole path of the page and the command: check, then render both ways and
/// apply the fixes.
pub fn check(data: &[u8]) {
    let s = String::from_utf8_lossy(data);
    let Ok(checked) = check_text(&s, &Config::default()) else {
        assert!(s.len() > nianbao::MAX_TEXT_BYTES);
        return;
    };
    assert_report(&checked.report, &s);
    for d in &checked.diagnostics {
        assert_diagnostic(d, &s);
    }
    let out = json::to_json(&[json::FileResult::checked("fuzz.txt", &checked)]);
    let v: serde_json::Value = serde_json::from_str(&out).expect("the JSON output parses");
    assert_eq!(
        v["files"][0]["diagnostics"].as_array().map(Vec::len),
        Some(checked.diagnostics.len())
    );
    let plain = text::render_file("fuzz.txt", &checked, text::Style::PLAIN);
    assert!(plain.starts_with("fuzz.txt"));
    let _ = text::render_file("fuzz.txt", &checked, text::Style { color: true });
    for min in [Applicability::Safe, Applicability::Suggested] {
        let _ = apply_fixes(&s, &checked.diagnostics, min);
    }
}

fn assert_span(text: &str, span: Span, what: &str) {
    assert!(
        span.start <= span.end
            && span.range().end <= text.len()
            && text.is_char_boundary(span.range().start)
            && text.is_char_boundary(span.range().end),
        "{what}: span {span:?} is not a char range of a {}-byte text",
        text.len()
    );
}

fn assert_label(text: &str, label: &Label, what: &str) {
    assert_span(text, label.span, what);
}

fn assert_cell(text: &str, cell: &Cell, what: &str) {
    if let Some(s) = cell.span {
        assert_span(text, s, what);
    }
}

fn assert_row<const N: usize>(text: &str, row: &Row<N>, what: &str) {
    assert_label(text, &row.label, what);
    for c in &row.cells {
        assert_cell(text, c, what);
    }
    for e in &row.extra {
        assert_label(text, e, what);
    }
}

/// The report holds the text it was read from and every span points into it.
fn assert_report(report: &Report, text: &str) {
    assert_eq!(report.text, text, "the report keeps its text");
    if let Some(t) = &report.title {
        assert_span(text, t.span, "title");
    }
    for h in &report.headings {
        assert_span(text, h.span, "heading");
    }
    for p in &report.parts {
        assert_label(text, &p.heading, "part heading");
        assert_span(text, p.body, "part body");
    }
    if let Some(t) = &report.table2 {
        assert_span(text, t.span, "table2");
        for r in [&t.rules, &t.normative].into_iter().flatten() {
            assert_row(text, r, "table2 row");
        }
        for r in [&t.licensing, &t.penalty, &t.coercion, &t.fee]
            .into_iter()
            .flatten()
        {
            assert_row(text, r, "table2 row");
        }
    }
    if let Some(t) = &report.table3 {
        assert_span(text, t.span, "table3");
        for r in t.rows.iter().flatten() {
            assert_row(text, r, "table3 row");
        }
    }
    if let Some(t) = &report.table4 {
        assert_span(text, t.span, "table4");
        for c in t.groups.iter().flatten().flatten() {
            assert_cell(text, c, "table4 cell");
        }
    }
    for l in report.old_format_labels.iter().chain(&report.unknown_rows) {
        assert_label(text, l, "label");
    }
}

/// A finding's spans and fix edits point into the text.
fn assert_diagnostic(d: &Diagnostic, text: &str) {
    assert!(!d.message.is_empty(), "{} has no message", d.code);
    for l in d.locations() {
        if let Location::Span(s) = l {
            assert_span(text, *s, d.code);
        }
    }
    if let Some(f) = &d.fix {
        for e in f.edits() {
            assert_span(text, e.span, d.code);
        }
    }
}

/// An extracted text's invariants: origins sorted, inside the text, on
/// character boundaries; and the text goes through the parser.
fn assert_extracted(result: Result<nianbao::read::Extracted, nianbao::read::ReadError>) {
    match result {
        Ok(e) => {
            let mut last = 0;
            for o in &e.origins {
                assert!(o.start >= last && o.start < o.end, "origins out of order");
                assert!(o.end as usize <= e.text.len(), "origin past the text");
                assert!(e.text.is_char_boundary(o.start as usize));
                assert!(e.text.is_char_boundary(o.end as usize));
                last = o.end;
            }
            let report = parse::parse_text(&e.text);
            assert_report(&report, &e.text);
        }
        Err(err) => assert!(!err.to_string().is_empty()),
    }
}

/// Any bytes through the format detection and whichever reader it picks.
pub fn read(data: &[u8]) {
    let gbk = |b: &[u8]| Some(String::from_utf8_lossy(b).into_owned());
    let options = nianbao::read::ReadOptions { legacy: Some(&gbk) };
    assert_extracted(nianbao::read::read_bytes("fuzz", data, options));
}

/// Bytes as a Word document.
pub fn docx(data: &[u8]) {
    assert_extracted(nianbao::read::docx::read(data));
}

/// Bytes as an Excel workbook.
pub fn xlsx(data: &[u8]) {
    assert_extracted(nianbao::read::xlsx::read(data));
}

/// Bytes as a web page (and as a web archive).
pub fn html(data: &[u8]) {
    let options = nianbao::read::ReadOptions::default();
    assert_extracted(nianbao::read::html::read_bytes(data, options));
    assert_extracted(nianbao::read::html::read_mht(data, options));
}

/// Bytes as a PDF.
pub fn pdf(data: &[u8]) {
    assert_extracted(nianbao::read::pdf::read(data));
}
