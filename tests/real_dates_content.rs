//! D501–D504 and K601–K603 on the seed and on three published reports
//! (`tests/fixtures/text/*.layout.txt`, `pdftotext -layout` of the PDFs): the
//! exact findings of these rules, each justified, and what the rules find
//! when the real texts are changed the way copied reports go wrong.

use nianbao::diagnostic::{Applicability, Diagnostic, Location};
use nianbao::rules::{BodyType, Date};
use nianbao::text::LineIndex;
use nianbao::{Config, check_text};

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/text/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The D and K findings as `CODE L<line>` (`doc` for the whole document).
fn findings(text: &str, config: &Config) -> Vec<(String, Diagnostic)> {
    let checked = check_text(text, config).expect("fits");
    let index = LineIndex::new(text);
    checked
        .diagnostics
        .into_iter()
        .filter(|d| d.code.starts_with('D') || d.code.starts_with('K'))
        .map(|d| {
            let at = match d.location {
                Location::Span(s) => format!("L{}", index.line_col(text, s.start).0),
                Location::Document => "doc".to_string(),
                Location::Cell(_) => "cell".to_string(),
            };
            (format!("{} {at}", d.code), d)
        })
        .collect()
}

fn keys(found: &[(String, Diagnostic)]) -> Vec<&str> {
    found.iter().map(|(k, _)| k.as_str()).collect()
}

fn lines_of(text: &str, d: &Diagnostic) -> Vec<u32> {
    let index = LineIndex::new(text);
    d.locations()
        .map(|l| match l {
            Location::Span(s) => index.line_col(text, s.start).0,
            _ => 0,
        })
        .collect()
}

#[test]
fn seed_and_its_variants_have_no_date_or_content_finding() {
    // The seed (雁鸣湖镇 2021): every year is 2021 (or 2022 for its publication,
    // 「于2022年1月8日……公布」, on time for a township: deadline 2022年1月31日);
    // the body is always 雁鸣湖镇 (or 本单位); part 一 covers the five aspects
    // (主动公开政府信息262条, 依申请公开接待窗口, 「先审查、后公开」, 网站/平台,
    // 经费保障 and 培训); part 五 has problems and measures; part 六 reports the fee
    // through 「《政府信息公开信息处理费管理办法》……暂未开始收取相关费用」.
    for name in [
        "seed.txt",
        "seed_spaces.txt",
        "seed_pipes.txt",
        "seed_distinct.txt",
    ] {
        let found = findings(&fixture(name), &Config::default());
        assert!(found.is_empty(), "{name}: {:#?}", keys(&found));
    }
}

#[test]
fn hongze_2023() {
    let text = fixture("2023_hongze-qu.layout.txt");
    let found = findings(&text, &Config::default());
    // K601 at the heading of part 一 (line 11): 「洪泽区人民政府」 is a county-level
    // government, whose report must cover 工作考核、社会评议和责任追究结果 under
    // 监督保障 (国办公开办函〔2021〕30号, 条例第五十条第四项). Its （五）监督保障
    // speaks of 责任单位, 日常维护监管, 监测机制 — no 考核, 评议 or 追究. The five
    // aspects themselves are all there, as sub-headings （一）…（五）.
    // Nothing else: every year is 2023 (统计期限 2023年1月1日–2023年12月31日);
    // the body is 洪泽区人民政府 / 淮安市洪泽区人民政府办公室 (its office, which
    // compiles the report); part 五 names 差距 and 下一步; part 六 reports
    // 「全年收取政府信息公开信息处理费 0 元」; no publication date is stated.
    assert_eq!(keys(&found), ["K601 L11"]);
    assert_eq!(
        found[0].1.message,
        "第一部分「总体情况」未涉及：工作考核、社会评议和责任追究结果情况（标题主体「洪泽区人民政府」为县级以上地方人民政府，须在监督保障中报告这一项）"
    );
}

#[test]
fn hongze_2024() {
    let text = fixture("2024_hongze-qu.layout.txt");
    // None: （五）监督保障 says 「纳入全区高质量发展考核内容」 (考核); 「2025 年我们将
    // 切实抓好以下工作」 in part 五 is a plan for the next year, not the period;
    // 统计期限 and every narrated year are 2024; the body is 淮安市洪泽区人民政府
    // throughout; part 五 has 不足 and 针对存在问题…将; part 六 reports the fee.
    assert!(findings(&text, &Config::default()).is_empty());
}

#[test]
fn huaian_2024() {
    let text = fixture("2024_huaian-shi.layout.txt");
    let found = findings(&text, &Config::default());
    // K601 at part 一 (line 11): 淮安市人民政府 is a government; its （五）监督保障
    // reports 检查, 评估分报告, 督促整改 and 培训, but not 工作考核、社会评议和
    // 责任追究结果. Nothing else: the report names 洪泽区 nowhere as itself, its
    // office 淮安市人民政府办公室 compiles it (same body), 「在省办 2024 年四个季度
    // 政务新媒体检查抽查中」 is the period, part 六 reports 信息处理费 3940 元.
    assert_eq!(keys(&found), ["K601 L11"]);
    assert!(
        found[0]
            .1
            .message
            .contains("「淮安市人民政府」为县级以上地方人民政府")
    );
}

#[test]
fn real_reports_state_no_publication_date() {
    // None of the three PDFs states its publication date (no 「于……公布」, no
    // 发布日期 line, no date under a signature): D502 stays silent, and a date
    // from the settings is used — located on the document, which it would not
    // be if a date had been read from the text.
    for (name, year) in [
        ("2023_hongze-qu.layout.txt", 2023),
        ("2024_hongze-qu.layout.txt", 2024),
        ("2024_huaian-shi.layout.txt", 2024),
    ] {
        let text = fixture(name);
        let d502 = |config: &Config| -> Vec<(String, Diagnostic)> {
            findings(&text, config)
                .into_iter()
                .filter(|(k, _)| k.starts_with("D502"))
                .collect()
        };
        assert!(d502(&Config::default()).is_empty(), "{name}");
        // Both bodies are governments (…区人民政府, …市人民政府): 3月31日.
        let on_time = Config {
            published: Date::new(year + 1, 3, 31),
            ..Config::default()
        };
        assert!(d502(&on_time).is_empty(), "{name}");
        let late = Config {
            published: Date::new(year + 1, 4, 1),
            ..Config::default()
        };
        let found = d502(&late);
        assert_eq!(keys(&found), ["D502 doc"], "{name}");
        assert!(
            found[0]
                .1
                .message
                .contains(&format!("期限{}年3月31日", year + 1)),
            "{}",
            found[0].1.message
        );
        // Said to be a department, the same report is due on 1月31日.
        let department = Config {
            published: Date::new(year + 1, 2, 1),
            body_type: Some(BodyType::Department),
            ..Config::default()
        };
        let found = d502(&department);
        assert_eq!(keys(&found), ["D502 doc"], "{name}");
        assert!(
            found[0]
                .1
                .message
                .contains("县级以上人民政府部门应于次年1月31日前公布")
        );
    }
}

#[test]
fn a_report_retitled_without_updating_its_years() {
    // 洪泽 2024 retitled 2025 and nothing else changed: one finding for the one
    // wrong year, with every place that narrates the period as 2024 — the two
    // dates of the 统计期限 and the clauses 「2024 年，……」 of parts 一, 五, 六.
    // 「2025 年我们将……」 is now the report year itself.
    let text = fixture("2024_hongze-qu.layout.txt").replacen(
        "2024 年政府信息公开工作年度报告",
        "2025 年政府信息公开工作年度报告",
        1,
    );
    let found: Vec<_> = findings(&text, &Config::default())
        .into_iter()
        .filter(|(k, _)| k.starts_with("D501"))
        .collect();
    assert_eq!(keys(&found), ["D501 L6"]);
    let d = &found[0].1;
    assert_eq!(lines_of(&text, d), [6, 7, 11, 18, 24, 148, 165]);
    assert!(
        d.message
            .starts_with("报告年度为2025年（标题），正文有7处以「2024年」指本报告期"),
        "{}",
        d.message
    );
    let fix = d.fix.as_ref().expect("a suggested fix");
    assert_eq!(fix.applicability, Applicability::Suggested);
    assert_eq!(fix.edits().len(), 7);
    assert!(fix.edits().iter().all(|e| e.replacement == "2025"));
}

#[test]
fn a_garbled_period_end_in_a_real_report() {
    // The typo of 涡阳县审计局 2025 (「截至202512月31日」), planted in 淮安 2024.
    let text = fixture("2024_huaian-shi.layout.txt").replacen(
        "至 2024 年 12 月 31 日",
        "至 202412 月 31 日",
        1,
    );
    let found: Vec<_> = findings(&text, &Config::default())
        .into_iter()
        .filter(|(k, _)| k.starts_with("D503"))
        .collect();
    assert_eq!(keys(&found), ["D503 L7"]);
    let d = &found[0].1;
    assert_eq!(
        d.message,
        "日期「202412月31日」缺少「年」字，应为「2024年12月31日」"
    );
    let (fixed, n) =
        nianbao::diagnostic::apply_fixes(&text, std::slice::from_ref(d), Applicability::Suggested);
    assert_eq!(n, 1);
    assert!(fixed.contains("至 2024年12 月 31 日"));
}

#[test]
fn names_of_other_bodies_in_real_reports() {
    // 淮安市 mentioning its district 洪泽区 as a subject: a subordinate, no finding.
    let huaian = fixture("2024_huaian-shi.layout.txt").replacen(
        "（一）主动公开情况。",
        "（一）主动公开情况。洪泽区及时公布政府信息公开指南。",
        1,
    );
    let d504 = |text: &str| -> Vec<(String, Diagnostic)> {
        findings(text, &Config::default())
            .into_iter()
            .filter(|(k, _)| k.starts_with("D504"))
            .collect()
    };
    assert!(d504(&huaian).is_empty());
    // 洪泽区's report said to be compiled by the city's office: another body.
    let hongze = fixture("2024_hongze-qu.layout.txt").replacen(
        "本报告由淮安市洪泽区人民政府办公室",
        "本报告由淮安市人民政府办公室",
        1,
    );
    let found = d504(&hongze);
    assert_eq!(keys(&found), ["D504 L4"]);
    assert!(
        found[0].1.message.contains("「淮安市人民政府办公室」"),
        "{}",
        found[0].1.message
    );
    // A neighbouring district as the subject of 洪泽区's own work: copied.
    let hongze = fixture("2024_hongze-qu.layout.txt").replacen(
        "2024 年，淮安市洪泽区人民政府坚持",
        "2024 年，淮阴区人民政府坚持",
        1,
    );
    assert_eq!(keys(&d504(&hongze)), ["D504 L11"]);
}
