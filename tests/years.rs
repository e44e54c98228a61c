//! The rules across years (Y8xx), on the real pair 洪泽区 2023 → 2024 and on
//! the seed paired with edited copies of itself.

use nianbao::diagnostic::{CellRef, Location};
use nianbao::model::{T3Col, T3Row};
use nianbao::{Checked, Config, check_text_with_prev};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/text/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn y_findings(checked: &Checked) -> Vec<(&'static str, Location, String)> {
    checked
        .diagnostics
        .iter()
        .filter(|d| d.code.starts_with('Y'))
        .map(|d| (d.code, d.location, d.message.clone()))
        .collect()
}

fn check(now: &str, prev: &str) -> Checked {
    check_text_with_prev(now, Some(prev), &Config::default()).unwrap()
}

/// Replaces the `n`-th number on the one line containing `label`.
fn set(text: &str, label: &str, n: usize, value: u64) -> String {
    let mut hits = 0;
    text.lines()
        .map(|l| {
            if !l.contains(label) {
                return l.to_string();
            }
            hits += 1;
            let mut k = 0;
            l.split('\t')
                .map(|c| {
                    if c.trim().chars().all(|c| c.is_ascii_digit()) && !c.trim().is_empty() {
                        k += 1;
                        if k == n + 1 {
                            return value.to_string();
                        }
                    }
                    c.to_string()
                })
                .collect::<Vec<_>>()
                .join("\t")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn hongze_2024_against_2023() {
    let now = fixture("2024_hongze-qu.layout.txt");
    let prev = fixture("2023_hongze-qu.layout.txt");
    let found = y_findings(&check(&now, &prev));
    // No Y finding on this real pair, for these reasons:
    // - Y801: 2023 carried 0 applications over (r25 all 0) and 2024 reports 0
    //   carried in.
    // - Y802: 行政规范性文件 2023 现行有效 5; 2024 制发 3, 废止 0, 现行有效 8 = 5+3−0.
    //   规章 0 both years.
    // - Y803: the reports were rewritten; their narrative shares phrases, not half its text.
    // - Y804: the tables differ (2024 has other application counts).
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn carryover_mismatch_fires_per_column_once() {
    let seed = fixture("seed.txt");
    let mut prev = set(&seed, "四、结转下年度", 0, 3);
    prev = set(&prev, "四、结转下年度", 6, 3);
    prev = prev.replace("雁鸣湖镇2021年", "雁鸣湖镇2020年");
    // The texts are the same, so Y803 fires too; Y801 is one finding for both columns.
    let found: Vec<_> = y_findings(&check(&seed, &prev))
        .into_iter()
        .filter(|f| f.0 == "Y801")
        .collect();
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(
        found[0].1,
        Location::Cell(CellRef::t3(T3Row::R02, T3Col::Np))
    );
    assert!(
        found[0].2.contains("自然人列本年0、上年3") && found[0].2.contains("总计列本年0、上年3")
    );
}

#[test]
fn consistent_carryover_and_other_years_do_not_fire() {
    let seed = fixture("seed.txt");
    let prev = seed.replace("雁鸣湖镇2021年", "雁鸣湖镇2020年");
    let now = set(&seed, "二、上年结转", 0, 0);
    // Identical text: Y803 fires (copied), nothing else does (tables all zero).
    let found = y_findings(&check(&now, &prev));
    let codes: Vec<&str> = found.iter().map(|f| f.0).collect();
    assert_eq!(codes, ["Y803"], "{found:#?}");
    // A report two years older is not last year's: no comparison at all.
    let old = seed.replace("雁鸣湖镇2021年", "雁鸣湖镇2019年");
    assert!(y_findings(&check(&now, &old)).is_empty());
}

#[test]
fn in_force_balance_and_repeated_tables() {
    let seed = fixture("seed.txt");
    let mut prev = set(&seed, "行政规范性文件", 2, 40);
    prev = set(&prev, "一、本年新收", 0, 2);
    prev = set(&prev, "一、本年新收", 6, 2);
    prev = prev.replace("雁鸣湖镇2021年", "雁鸣湖镇2020年");
    // This year: 5 issued, 2 repealed, 45 in force (40 + 5 - 2 = 43 expected).
    let mut now = set(&seed, "行政规范性文件", 0, 5);
    now = set(&now, "行政规范性文件", 1, 2);
    now = set(&now, "行政规范性文件", 2, 45);
    let found = y_findings(&check(&now, &prev));
    let y802: Vec<_> = found.iter().filter(|f| f.0 == "Y802").collect();
    assert_eq!(y802.len(), 1, "{found:#?}");
    assert!(
        y802[0].2.contains("现行有效45件") && y802[0].2.contains("=43件"),
        "{}",
        y802[0].2
    );
    assert!(!found.iter().any(|f| f.0 == "Y804"));
    // Table 三 identical and non-zero: Y804.
    let mut same = set(&prev, "雁鸣湖镇2020年", 0, 0).replace("雁鸣湖镇2020年", "雁鸣湖镇2021年");
    same = set(&same, "行政规范性文件", 2, 40);
    let found = y_findings(&check(&same, &prev));
    let y804: Vec<_> = found.iter().filter(|f| f.0 == "Y804").collect();
    assert_eq!(y804.len(), 1, "{found:#?}");
    assert!(
        y804[0]
            .2
            .starts_with("表二、表三的数字与2020年度报告完全相同"),
        "{}",
        y804[0].2
    );
}
