//! The N rules (narrative against tables) on the real published reports
//! (`pdftotext -layout` of `corpus/real/*.pdf`) and on the seed: the exact
//! findings, each one justified by what the report says. A finding added here
//! must be a real defect of the report.
//!
//! What the reports' prose states was checked against the PDFs (text with
//! `pdftotext`, tables on the pages rendered with `pdftoppm`); the unit test
//! `real_reports_are_read` in `src/rules/narrative.rs` pins every count the
//! reader takes from these texts, so that "no finding" means "agrees", not
//! "read nothing".

use nianbao::diagnostic::{CellRef, Diagnostic, Location};
use nianbao::model::{T3Col, T3Row};
use nianbao::text::LineIndex;
use nianbao::{Config, check_text};

/// The text of a fixture and its N4xx findings.
fn narrative(name: &str) -> (String, Vec<Diagnostic>) {
    let path = format!("{}/tests/fixtures/text/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    let checked = check_text(&text, &Config::default()).unwrap();
    let found = checked
        .diagnostics
        .into_iter()
        .filter(|d| d.code.starts_with("N4"))
        .collect();
    (text, found)
}

fn summary(text: &str, found: &[Diagnostic]) -> Vec<String> {
    found
        .iter()
        .map(|d| match d.location {
            Location::Span(s) => format!(
                "{} L{} {}",
                d.code,
                LineIndex::new(text).line_col(text, s.start).0,
                d.message
            ),
            other => format!("{} {other:?} {}", d.code, d.message),
        })
        .collect()
}

#[test]
fn hongze_2023_text_agrees_with_its_tables() {
    // Part 一（二）: 「2023 年全区受理政府信息公开申请 21 件，均在法定期限答复」;
    // 表三 第一项 总计 is 21 (page 3). No other count of applications, appeals
    // or documents is stated in the prose (the 表四 totals printed as 0 are
    // A304's business; the text says nothing about 复议 or 诉讼).
    let (text, found) = narrative("2023_hongze-qu.layout.txt");
    assert!(found.is_empty(), "{:#?}", summary(&text, &found));
}

#[test]
fn hongze_2024_states_17_applications_against_95_in_table_three() {
    // Part 一（二）, page 1: 「2024 年，区政府办代表区政府受理政府信息公开申请 17 件，
    // 均已在法定期限内予以答复」. 表三 (page 3) prints 一、本年新收 95 (自然人 95,
    // 总计 95), 二、上年结转 0, （七）总计 95: the report's own prose and table
    // disagree (17 vs 95, nor 95 + 0). A real defect, found once. 「均已……予以答复」
    // states no number, so 办结 is not checked.
    let (text, found) = narrative("2024_hongze-qu.layout.txt");
    assert_eq!(
        summary(&text, &found),
        ["N401 L24 正文称受理政府信息公开申请17件，表三第一项（本年新收）总计为95件"]
    );
    let d = &found[0];
    let Location::Span(span) = d.location else {
        panic!("{:?}", d.location)
    };
    // The statement as printed, wrapped over two lines by the PDF.
    assert_eq!(span.slice(&text), "受理政府\n信息公开申请 17 件");
    assert_eq!(
        d.related,
        [Location::Cell(CellRef::t3(T3Row::R01, T3Col::Tot))]
    );
    assert!(d.help.is_some());
    assert_eq!(d.severity, nianbao::Severity::Warning);
}

#[test]
fn huaian_2024_text_agrees_with_its_tables() {
    // Every count in part 一 matches (pages 1–2 against pages 3–5):
    // - 「全市共受理政府信息公开申请 3119 件」 = 表三 第一项 总计 3119;
    // - 「答复 3050 件」 = （七）总计 3050; its 「（含上年度结转申请 34 件」 is the
    //   上年结转 count (第二项 34), not a qualifier of 受理; 「另有 103 件顺延到下年度
    //   答复」 = 第四项 103;
    // - 「行政复议 351 件，其中结果维持 72 件，结果纠正 64 件，其他结果 178 件，尚未审结
    //   37 件」 = 表四 行政复议 72 64 178 37 / 351;
    // - 「行政诉讼 46 件，其中结果维持 25 件，结果纠正 5 件，其他结果 9 件，尚未审结 7 件」
    //   = 未经复议直接起诉 13 4 8 1 / 26 plus 复议后起诉 12 1 1 6 / 20;
    // - 「新增公开市政府规章 1 件」 = 表二 规章 本年制发 1.
    // 「市政府及市政府办政策性文件 11 件」 is not table 二's 行政规范性文件 (8 issued):
    // not compared. 5500余条, 21 个解读, 12 场, 95 个新媒体, 4 次检查 are other things.
    let (text, found) = narrative("2024_huaian-shi.layout.txt");
    assert!(found.is_empty(), "{:#?}", summary(&text, &found));
}

#[test]
fn the_seed_states_no_count() {
    // 雁鸣湖镇 2021: the prose gives 主动公开政府信息262条, 网站公开121条, 2期/215人次
    // of training and dates, none of them a count of table 二, 三 or 四.
    for name in [
        "seed.txt",
        "seed_distinct.txt",
        "seed_pipes.txt",
        "seed_spaces.txt",
    ] {
        let (text, found) = narrative(name);
        assert!(found.is_empty(), "{name}: {:#?}", summary(&text, &found));
    }
}
