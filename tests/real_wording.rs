//! The W rules (文字规范) on the seed and on the real published reports
//! (`pdftotext -layout` of `corpus/real/*.pdf`): the findings they must report,
//! each one justified, and nothing else.

use nianbao::diagnostic::{Applicability, Diagnostic, Location, apply_fixes};
use nianbao::rules::{self, Config, RuleSetting};
use nianbao::text::LineIndex;
use nianbao::{Severity, check_text, parse};

fn read(name: &str) -> String {
    let path = format!("{}/tests/fixtures/text/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(path).unwrap()
}

/// The W findings of `text`, in document order.
fn w_findings(text: &str) -> Vec<Diagnostic> {
    check_text(text, &Config::default())
        .unwrap()
        .diagnostics
        .into_iter()
        .filter(|d| d.code.starts_with('W'))
        .collect()
}

/// `CODE L<line>` for each finding.
fn keys(text: &str, found: &[Diagnostic]) -> Vec<String> {
    let idx = LineIndex::new(text);
    found
        .iter()
        .map(|d| match d.location {
            Location::Span(s) => format!("{} L{}", d.code, idx.line_col(text, s.start).0),
            other => format!("{} {other:?}", d.code),
        })
        .collect()
}

#[test]
fn seed() {
    let text = read("seed.txt");
    let found = w_findings(&text);
    // W702 L7: 「按照根据信息公开工作相关规定」, two prepositions stacked.
    // W701 L9: part 一 writes its prose with half-width marks throughout: the
    //   「(一)」…「(四)」 headings and 「机构,办公室设在党政办,并指定…」 — one finding
    //   for the part, every mark in `related`, one safe fix for all of them.
    // W702 L15: 「取的一定突破」 for 取得.
    // W702 L19: 「截止目前共组织2期」 for 截至目前.
    // W701 L83: part 五's sub-headings 「#### (一) 存在的主要问题」「#### (二) 下步计划…」.
    // Nothing else: the tables (「第二十条第(一)项」「(单位: 万元, …)」) are skipped,
    // the ordinals are half-width throughout (no W705), and the prose has no stray
    // spaces (W706), repetitions (W703) or placeholders (W704).
    assert_eq!(
        keys(&text, &found),
        ["W702 L7", "W701 L9", "W702 L15", "W702 L19", "W701 L83"],
        "{found:#?}"
    );
    let w701: Vec<&Diagnostic> = found.iter().filter(|d| d.code == "W701").collect();
    assert_eq!(
        w701[0].message,
        "“一、总体情况”部分的中文里有56处半角标点（逗号44处、括号8处、分号4处），应为全角"
    );
    assert_eq!(w701[0].related.len(), 55);
    assert_eq!(w701[1].related.len(), 3);
    let messages: Vec<&str> = found
        .iter()
        .filter(|d| d.code == "W702")
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        messages,
        [
            "“按照根据”应为“按照”或“根据”",
            "“取的一定突破”应为“取得一定突破”",
            "“截止目前”应为“截至目前”"
        ]
    );
    assert!(found.iter().all(|d| d.severity != Severity::Error));
}

#[test]
fn the_seed_fixed() {
    let text = read("seed.txt");
    let found = w_findings(&text);
    // The safe fixes (W701) make the prose full-width and leave W702 to the user.
    let (safe, _) = apply_fixes(&text, &found, Applicability::Safe);
    assert_eq!(
        keys(&safe, &w_findings(&safe)),
        ["W702 L7", "W702 L15", "W702 L19"]
    );
    assert!(safe.contains("### （一）加强组织领导、完善制度建设"));
    // With the suggestions taken too, nothing is left.
    let (all, _) = apply_fixes(&safe, &w_findings(&safe), Applicability::Suggested);
    assert!(w_findings(&all).is_empty(), "{:#?}", w_findings(&all));
    assert!(all.contains("雁鸣湖镇2021年按照信息公开工作相关规定"));
    assert!(all.contains("取得一定突破"));
    assert!(all.contains("截至目前共组织2期"));
}

#[test]
fn hongze_2023() {
    let text = read("2023_hongze-qu.layout.txt");
    // None. The report uses full-width punctuation and brackets throughout
    // (「（一）主动公开情况。」), no misused word or placeholder. Its 「2023 年」
    // 「21 件」 and the justified 「号 ， 邮 编 ：」 (page 1) are glyph gaps of the
    // PDF, not typed spaces: W706 does not read text extracted from a PDF.
    // 「三 、本 年 度办 理 结果」 lies in table 三, which the W rules skip.
    let found = w_findings(&text);
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn hongze_2024() {
    let text = read("2024_hongze-qu.layout.txt");
    // None: as 2023. 「答复书模板」 (part 五) is prose about a template, not a
    // template leftover: W704 only reads 「模板」 in the title.
    let found = w_findings(&text);
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn huaian_2024() {
    let text = read("2024_huaian-shi.layout.txt");
    // None. 「截至目前，全市在运维政务新媒体共计 95 个」 (page 2) is the right
    // form (W702 reports 截止目前 only); the e-mail 「hazwgkc@163.com」 and phone
    // 「0517-83605210」 hold no half-width Chinese punctuation; 「决策部\n署」
    // wrapped over two lines is 部署, right.
    let found = w_findings(&text);
    assert!(found.is_empty(), "{found:#?}");
}

/// Text copied out of a PDF viewer loses the page breaks; the page numbers
/// 「-1-」 still tell W706 where it comes from. Without them, the glyph gaps
/// read as typed spaces: W706 reports them, as info only — the documented limit.
#[test]
fn pdf_text_without_page_breaks() {
    let text = read("2024_huaian-shi.layout.txt").replace('\u{c}', "");
    assert!(w_findings(&text).is_empty());
    let bare: String = text
        .lines()
        .filter(|l| {
            let t = l.trim();
            !(t.starts_with('-') && t.ends_with('-') && t.len() <= 6)
        })
        .map(|l| format!("{l}\n"))
        .collect();
    let found = w_findings(&bare);
    assert!(
        found
            .iter()
            .all(|d| d.code == "W706" && d.severity == Severity::Info)
    );
    assert!(!found.is_empty());
}

/// How long the W rules take: `cargo test --release --test real_wording -- --ignored --nocapture`.
#[test]
#[ignore]
fn timing() {
    let mut config = Config::default();
    for r in rules::RULES {
        if !r.code.starts_with('W') {
            config.rules.insert(r.code.to_string(), RuleSetting::Off);
        }
    }
    for name in ["seed.txt", "2024_huaian-shi.layout.txt"] {
        let text = read(name);
        let report = parse::parse_text(&text);
        let n = 2000;
        let t = std::time::Instant::now();
        let mut count = 0;
        for _ in 0..n {
            count += rules::check(&report, &config).len();
        }
        let per = t.elapsed() / n;
        println!(
            "{name}: {} bytes, W rules {per:?} per check ({} findings)",
            text.len(),
            count / n as usize
        );
        for w in rules::RULES.iter().filter(|r| r.code.starts_with('W')) {
            let mut one = config.clone();
            for r in rules::RULES
                .iter()
                .filter(|r| r.code.starts_with('W') && r.code != w.code)
            {
                one.rules.insert(r.code.to_string(), RuleSetting::Off);
            }
            let t = std::time::Instant::now();
            for _ in 0..n {
                std::hint::black_box(rules::check(&report, &one));
            }
            println!("  {}: {:?}", w.code, t.elapsed() / n);
        }
    }
}
