//! The rules across reports (H901 similar reports, H902 an aggregate below a
//! unit) and `nianbao check DIR` over a generated batch.
//!
//! The library tests use the real reports of `tests/fixtures/text/`. The
//! command test generates about 300 reports (and 40 of last year) by editing
//! those real texts with `tests/fixtures/batch/generate.py` (fixed seed), runs
//! the command on the folder with `--prev` and `--format json`, and checks that
//! every planted defect is reported for its file, and nothing like it elsewhere.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

use nianbao::batch::{self, Fingerprint, Member};
use nianbao::rules::RuleSetting;
use nianbao::{Checked, Config, Severity, check_text};
use serde_json::Value;

const HONGZE_2023: &str = include_str!("fixtures/text/2023_hongze-qu.layout.txt");
const HONGZE_2024: &str = include_str!("fixtures/text/2024_hongze-qu.layout.txt");
const HUAIAN_2024: &str = include_str!("fixtures/text/2024_huaian-shi.layout.txt");

/// The batch rules over `texts` (path, text): each report's H9xx findings and the pairs.
fn run_batch(texts: &[(&str, String)], config: &Config) -> (Vec<Checked>, batch::Outcome) {
    let checked: Vec<Checked> = texts
        .iter()
        .map(|(_, t)| check_text(t, config).unwrap())
        .collect();
    let prints: Vec<Fingerprint> = checked
        .iter()
        .map(|c| Fingerprint::new(&c.report))
        .collect();
    let members: Vec<Member<'_>> = texts
        .iter()
        .zip(&checked)
        .zip(&prints)
        .map(|(((path, _), c), print)| Member {
            path,
            report: &c.report,
            print,
        })
        .collect();
    let outcome = batch::check(&members, config);
    (checked, outcome)
}

fn codes(ds: &[nianbao::Diagnostic], code: &str) -> usize {
    ds.iter().filter(|d| d.code == code).count()
}

/// Only the letters, as H901 compares them.
fn letters(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphabetic() && !c.is_numeric())
        .collect()
}

#[test]
fn copied_narrative_of_another_body_is_similar_with_parts_and_places() {
    let copy = HONGZE_2024
        .replace("洪泽湖大道", "淮海路")
        .replace("洪泽区", "清江浦区");
    let texts = [("a.txt", HONGZE_2024.to_string()), ("b.txt", copy)];
    let (checked, out) = run_batch(&texts, &Config::default());
    assert_eq!(out.similar.len(), 1, "{:?}", out.similar);
    let pair = &out.similar[0];
    assert_eq!((pair.a, pair.b), (0, 1));
    assert!(pair.share_a >= 90 && pair.share_b >= 90, "{pair:?}");
    let parts: Vec<u32> = pair.parts.iter().map(|p| p.kind.number()).collect();
    assert_eq!(parts, [1, 5, 6]);
    // The side-by-side places: the same wording in both texts.
    for p in &pair.parts {
        let (sa, sb) = (p.span_a.unwrap(), p.span_b.unwrap());
        let (ta, tb) = (
            letters(sa.slice(&checked[0].report.text)),
            letters(sb.slice(&checked[1].report.text)),
        );
        let prefix: String = ta.chars().take(8).collect();
        assert!(tb.starts_with(&prefix), "{ta} / {tb}");
    }
    // One finding on each side, naming the other file and the parts.
    for (i, other) in [(0, "b.txt"), (1, "a.txt")] {
        let ds = &out.diagnostics[i];
        assert_eq!(codes(ds, "H901"), 1, "{ds:?}");
        let d = &ds[0];
        assert_eq!(d.severity, Severity::Warning);
        assert!(d.message.contains("第一部分"), "{}", d.message);
        assert!(d.message.contains("第五部分") && d.message.contains(other));
        let o = d.other.as_ref().unwrap();
        assert_eq!(o.path, other);
        // The primary location and the related ones pair with the other's places.
        assert_eq!(o.places.len(), 1 + d.related.len());
        assert!(o.places.iter().all(|p| p.line > 0 && !p.text.is_empty()));
    }
}

#[test]
fn independent_reports_of_the_same_year_are_not_similar() {
    let texts = [
        ("hongze.txt", HONGZE_2024.to_string()),
        ("huaian.txt", HUAIAN_2024.to_string()),
        (
            "seed.txt",
            include_str!("fixtures/text/seed.txt").to_string(),
        ),
    ];
    let (_, out) = run_batch(&texts, &Config::default());
    assert!(out.similar.is_empty(), "{:?}", out.similar);
    assert!(out.diagnostics.iter().all(|d| codes(d, "H901") == 0));
}

#[test]
fn the_same_body_across_years_is_not_h901_but_another_body_is() {
    // 洪泽区 2024 reuses much of its 2023 text: Y803's business, not H901's.
    let texts = [
        ("2023.txt", HONGZE_2023.to_string()),
        ("2024.txt", HONGZE_2024.to_string()),
    ];
    let (_, out) = run_batch(&texts, &Config::default());
    assert!(out.similar.is_empty(), "{:?}", out.similar);
    // The same texts under two bodies are similar: the body is what tells them apart.
    let texts = [
        ("2023.txt", HONGZE_2023.replace("洪泽区", "清江浦区")),
        ("2024.txt", HONGZE_2024.to_string()),
    ];
    let (_, out) = run_batch(&texts, &Config::default());
    assert_eq!(out.similar.len(), 1, "{:?}", out.similar);
}

#[test]
fn config_switches_and_sets_the_batch_rules() {
    let copy = HONGZE_2024.replace("洪泽区", "清江浦区");
    let texts = [("a.txt", HONGZE_2024.to_string()), ("b.txt", copy)];
    let mut config = Config::default();
    config
        .rules
        .insert("H901".to_string(), RuleSetting::Severity(Severity::Error));
    let (_, out) = run_batch(&texts, &config);
    assert_eq!(out.diagnostics[0][0].severity, Severity::Error);
    config.rules.insert("H901".to_string(), RuleSetting::Off);
    let (_, out) = run_batch(&texts, &config);
    assert!(out.similar.is_empty() && out.diagnostics.iter().all(Vec::is_empty));
}

#[test]
fn an_aggregate_below_a_unit_is_h902() {
    // 淮安市 (3119 new applications) above 淮安市洪泽区 (95): fine.
    let texts = [
        ("city.txt", HUAIAN_2024.to_string()),
        ("county.txt", HONGZE_2024.to_string()),
    ];
    let (_, out) = run_batch(&texts, &Config::default());
    assert!(out.below.is_empty(), "{:?}", out.below);

    // 淮安市洪泽区 as the aggregate, and a department of 洪泽区 with 3119.
    let unit = HUAIAN_2024.replace("淮安市人民政府", "洪泽区财政局");
    let texts = [
        ("county.txt", HONGZE_2024.to_string()),
        ("dept.txt", unit.clone()),
    ];
    let (checked, out) = run_batch(&texts, &Config::default());
    assert_eq!(checked[1].report.body(), Some("洪泽区财政局"));
    assert_eq!(out.below.len(), 1, "{:?}", out.below);
    let ds = &out.diagnostics[0];
    assert_eq!(codes(ds, "H902"), 1, "{ds:?}");
    let d = ds.iter().find(|d| d.code == "H902").unwrap();
    assert_eq!(d.severity, Severity::Info);
    assert!(
        d.message.contains("本年新收") && d.message.contains("本报告95、该单位3119"),
        "{}",
        d.message
    );
    assert_eq!(d.other.as_ref().unwrap().path, "dept.txt");
    assert!(out.diagnostics[1].is_empty());

    // Not a unit: another county's department, or another year.
    for other in [
        HUAIAN_2024.replace("淮安市人民政府", "清江浦区财政局"),
        unit.replace("2024 年政府信息公开", "2023 年政府信息公开"),
    ] {
        let texts = [
            ("county.txt", HONGZE_2024.to_string()),
            ("other.txt", other),
        ];
        let (_, out) = run_batch(&texts, &Config::default());
        assert!(out.below.is_empty(), "{:?}", out.below);
    }
}

// ---------------------------------------------------------------------------
// The command over a generated batch

struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Self {
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "nianbao-batch-{}-{name}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Generates the batch into `dir` and returns its manifest.
fn generate(dir: &Path, count: usize, prev: usize) -> Value {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/batch/generate.py");
    let out = Command::new("python3")
        .arg(&script)
        .arg(dir)
        .args(["--count", &count.to_string(), "--prev", &prev.to_string()])
        .args(["--seed", "7"])
        .output()
        .expect("python3 runs the generator");
    assert!(
        out.status.success(),
        "generator failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let manifest = std::fs::read_to_string(dir.join("manifest.json")).unwrap();
    serde_json::from_str(&manifest).unwrap()
}

fn nianbao(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(args)
        .output()
        .expect("run nianbao");
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// Per file (relative to `root`, as the manifest names it): its findings.
fn findings(v: &Value, root: &str) -> HashMap<String, Vec<Value>> {
    v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let path = f["path"].as_str().unwrap();
            let rel = path
                .strip_prefix(root)
                .unwrap()
                .trim_start_matches('/')
                .to_string();
            (
                rel,
                f["diagnostics"].as_array().cloned().unwrap_or_default(),
            )
        })
        .collect()
}

#[test]
fn a_generated_batch_reports_every_planted_defect_and_nothing_else() {
    let tmp = TempDir::new("gen");
    let manifest = generate(&tmp.0, 300, 40);
    let root = tmp.0.to_str().unwrap();
    let now = tmp.0.join("now");
    let prev = tmp.0.join("prev");
    let (code, stdout, stderr) = nianbao(&[
        "check",
        "--format",
        "json",
        "--prev",
        prev.to_str().unwrap(),
        now.to_str().unwrap(),
    ]);
    assert!(code == 0 || code == 1, "exit {code}: {stderr}");
    let v: Value = serde_json::from_str(&stdout).unwrap();
    let by_file = findings(&v, root);
    assert_eq!(by_file.len(), 300);

    // The summary counts every file, and each file says how it was read.
    let s = &v["summary"];
    assert_eq!(s["files"], 300);
    assert_eq!(s["unreadable"], 0);
    assert_eq!(
        s["passed"].as_u64().unwrap() + s["failed"].as_u64().unwrap(),
        300
    );
    for f in v["files"].as_array().unwrap() {
        assert_eq!(f["source"]["format"], "text", "{}", f["path"]);
    }

    let has = |file: &str, code: &str| by_file[file].iter().any(|d| d["code"] == code);
    let mut expected: HashMap<&str, BTreeSet<String>> = HashMap::new();
    let mut pairs: BTreeSet<(String, String)> = BTreeSet::new();
    for p in manifest["planted"].as_array().unwrap() {
        let code = p["code"].as_str().unwrap();
        match code {
            "H901" => {
                let a = p["files"][0].as_str().unwrap().to_string();
                let b = p["files"][1].as_str().unwrap().to_string();
                for (x, y) in [(&a, &b), (&b, &a)] {
                    let d = by_file[x.as_str()]
                        .iter()
                        .find(|d| d["code"] == "H901")
                        .unwrap_or_else(|| panic!("{x}: no H901"));
                    let other = d["other_report"]["path"].as_str().unwrap();
                    assert!(other.ends_with(y.as_str()), "{x}: H901 names {other}");
                    assert!(d["message"].as_str().unwrap().contains("第一部分"));
                }
                pairs.insert((a.clone().min(b.clone()), a.max(b)));
            }
            "H902" => {
                let file = p["file"].as_str().unwrap();
                let unit = p["unit"].as_str().unwrap();
                let d = by_file[file]
                    .iter()
                    .find(|d| d["code"] == "H902")
                    .unwrap_or_else(|| panic!("{file}: no H902"));
                assert!(
                    d["other_report"]["path"].as_str().unwrap().ends_with(unit),
                    "{d}"
                );
            }
            _ => {
                let file = p["file"].as_str().unwrap();
                assert!(has(file, code), "{file}: no {code}: {:?}", by_file[file]);
            }
        }
        expected.entry(code).or_default().extend(
            p.get("files")
                .and_then(Value::as_array)
                .map(|fs| fs.iter().map(|f| f.as_str().unwrap().to_string()).collect())
                .unwrap_or_else(|| vec![p["file"].as_str().unwrap().to_string()]),
        );
    }
    for code in ["A301", "D501", "Y801", "H901", "H902"] {
        assert!(expected.contains_key(code), "nothing planted for {code}");
    }
    // Nothing like the planted defects anywhere else.
    for (code, files) in &expected {
        let found: BTreeSet<String> = by_file
            .iter()
            .filter(|(_, ds)| ds.iter().any(|d| d["code"] == *code))
            .map(|(f, _)| f.clone())
            .collect();
        assert_eq!(&found, files, "{code}");
    }
    // The similar pairs of the summary are the planted ones, no more.
    let similar: BTreeSet<(String, String)> = s["similar"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let rel = |k: &str| {
                p[k].as_str()
                    .unwrap()
                    .strip_prefix(root)
                    .unwrap()
                    .trim_start_matches('/')
                    .to_string()
            };
            assert!(p["share"].as_f64().unwrap() > 0.5, "{p}");
            assert!(!p["parts"].as_array().unwrap().is_empty(), "{p}");
            let (a, b) = (rel("a"), rel("b"));
            (a.clone().min(b.clone()), a.max(b))
        })
        .collect();
    assert_eq!(similar, pairs);

    // Without last year's reports there is nothing to compare across years.
    let (_, stdout, _) = nianbao(&["check", "--format", "json", now.to_str().unwrap()]);
    assert!(!stdout.contains("\"Y801\""));

    // The text output ends with the summary table and the similar pairs.
    let (_, stdout, _) = nianbao(&[
        "check",
        "--prev",
        prev.to_str().unwrap(),
        now.to_str().unwrap(),
    ]);
    let table = &stdout[stdout.rfind("汇总：").expect("summary table")..];
    let header = table.lines().nth(1).unwrap();
    for h in ["文件", "机关", "年度", "格式", "错误", "警告", "状态"] {
        assert!(header.contains(h), "{header}");
    }
    assert_eq!(
        table.lines().filter(|l| l.contains("/now/r")).count(),
        300 + pairs.len(),
        "{table}"
    );
    assert!(table.contains("正文雷同的报告（H901）"), "{table}");
    for (a, b) in &pairs {
        assert!(
            table
                .lines()
                .any(|l| l.contains(a.as_str()) && l.contains(b.as_str()) && l.contains('↔')),
            "{a} ↔ {b} missing:\n{table}"
        );
    }
    assert!(table.contains("共 300 个文件"), "{table}");
}
