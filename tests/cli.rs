//! The `nianbao` command against the contract of `interface.md`: exit statuses,
//! inputs (files, folders, stdin), the JSON shape, the rule catalogue and `--fix`.
//!
//! The parser and rules are still being written, so tests that run the real
//! pipeline compare the command with the library (`check_text`) and assert the
//! contract's shape rather than particular findings.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

use nianbao::diagnostic::{Applicability, apply_fixes};
use nianbao::rules::RULES;
use nianbao::{Config, MAX_TEXT_BYTES, check_text};
use serde_json::Value;

const SEED: &str = include_str!("fixtures/text/seed.txt");
/// Text that is no report at all: always at least one error (no title, no parts).
const NOT_A_REPORT: &str = "这不是年度报告，只是一句话。\n";

/// A fresh folder under the system temp folder, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Self {
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "nianbao-cli-{}-{name}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    /// Writes `bytes` to `rel` (creating folders) and returns the path as a string.
    fn file(&self, rel: &str, bytes: impl AsRef<[u8]>) -> String {
        let p = self.0.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, bytes).unwrap();
        p.to_str().unwrap().to_string()
    }

    fn path(&self) -> &Path {
        &self.0
    }

    fn str(&self) -> &str {
        self.0.to_str().unwrap()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", self.stdout))
    }
}

fn run_with_stdin(args: &[&str], stdin: Option<&[u8]>) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(args)
        .env_remove("NO_COLOR")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run nianbao");
    if let Some(bytes) = stdin {
        let mut pipe = child.stdin.take().unwrap();
        let bytes = bytes.to_vec();
        // Write on a thread: a large input would otherwise fill the pipe.
        std::thread::spawn(move || {
            let _ = pipe.write_all(&bytes);
        });
    }
    let out = child.wait_with_output().unwrap();
    Run {
        code: out.status.code().expect("exited normally, not by a signal"),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

fn run(args: &[&str]) -> Run {
    run_with_stdin(args, None)
}

/// The exit status the contract asks for a single readable text.
fn expected_status(text: &str) -> i32 {
    let checked = check_text(text, &Config::default()).unwrap();
    i32::from(checked.has_errors())
}

/// Asserts the contract's shape of one span object and that it points into `text`.
fn assert_span(span: &Value, text: &str) {
    let o = span.as_object().unwrap_or_else(|| panic!("span {span}"));
    for k in ["start", "end", "line", "column", "text"] {
        assert!(o.contains_key(k), "span lacks {k}: {span}");
    }
    for k in o.keys() {
        assert!(
            ["start", "end", "line", "column", "text", "page"].contains(&k.as_str()),
            "unexpected span key {k}"
        );
    }
    let (start, end) = (
        o["start"].as_u64().unwrap() as usize,
        o["end"].as_u64().unwrap() as usize,
    );
    assert!(
        start <= end && end <= text.len(),
        "span {start}..{end} out of text"
    );
    assert_eq!(o["text"].as_str().unwrap(), &text[start..end]);
    let line = o["line"].as_u64().unwrap() as usize;
    let column = o["column"].as_u64().unwrap() as usize;
    let before = &text[..start];
    assert_eq!(line, before.matches('\n').count() + 1);
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    assert_eq!(column, text[line_start..start].chars().count() + 1);
}

/// Asserts the contract's shape of a `cell` object.
fn assert_cell(cell: &Value) {
    let o = cell.as_object().unwrap_or_else(|| panic!("cell {cell}"));
    let table = o["table"].as_str().unwrap();
    let allowed: &[&str] = match table {
        "t2" => &["table", "item", "field"],
        "t3" => &["table", "row", "col"],
        "t4" => &["table", "group", "field"],
        other => panic!("unknown table {other}"),
    };
    for (k, v) in o {
        assert!(allowed.contains(&k.as_str()), "{table} cell has {k}");
        assert!(v.is_string(), "{k} is not a string: {v}");
    }
}

/// Asserts the contract's shape of a checked file's JSON against its text.
fn assert_file_shape(file: &Value, text: &str) {
    let o = file.as_object().unwrap();
    assert!(o["path"].is_string());
    assert!(o["error"].is_null(), "{}", o["error"]);
    let report = o["report"].as_object().expect("report");
    let keys: Vec<&str> = report.keys().map(String::as_str).collect();
    for k in [
        "title", "body", "year", "format", "table2", "table3", "table4",
    ] {
        assert!(keys.contains(&k), "report lacks {k}");
    }
    assert!(["2021", "2019", "unknown"].contains(&report["format"].as_str().unwrap()));
    let count = |v: &Value| assert!(v.is_null() || v.is_u64(), "cell value {v}");
    if let Some(t2) = report["table2"].as_object() {
        for item in ["rules", "normative"] {
            if let Some(row) = t2[item].as_object() {
                for f in ["issued", "repealed", "in_force"] {
                    count(&row[f]);
                }
            }
        }
        for item in ["licensing", "penalty", "coercion"] {
            count(&t2[item]);
        }
        assert!(t2["fee"].is_null() || t2["fee"].is_string());
    }
    if let Some(t3) = report["table3"].as_object() {
        assert_eq!(t3.len(), 25);
        for i in 1..=25 {
            let row = &t3[&format!("r{i:02}")];
            if let Some(row) = row.as_object() {
                let cols: Vec<&str> = row.keys().map(String::as_str).collect();
                assert_eq!(cols.len(), 7);
                for c in ["np", "biz", "res", "ngo", "law", "oth", "tot"] {
                    count(&row[c]);
                }
            } else {
                assert!(row.is_null());
            }
        }
    }
    if let Some(t4) = report["table4"].as_object() {
        for g in ["review", "suit_direct", "suit_after"] {
            if let Some(group) = t4[g].as_object() {
                for f in ["upheld", "corrected", "other", "pending", "total"] {
                    count(&group[f]);
                }
            }
        }
    }
    for d in o["diagnostics"].as_array().expect("diagnostics") {
        let d = d.as_object().unwrap();
        let code = d["code"].as_str().unwrap();
        let meta = nianbao::rules::rule(code).unwrap_or_else(|| panic!("unknown code {code}"));
        assert_eq!(d["name"], meta.name);
        assert!(["error", "warning", "info"].contains(&d["severity"].as_str().unwrap()));
        assert!(d["message"].is_string());
        for k in ["cell", "span", "help", "suggested_value", "related"] {
            assert!(d.contains_key(k), "{code} lacks {k}");
        }
        if !d["cell"].is_null() {
            assert_cell(&d["cell"]);
        }
        if !d["span"].is_null() {
            assert_span(&d["span"], text);
        }
        assert!(d["help"].is_null() || d["help"].is_string());
        assert!(d["suggested_value"].is_null() || d["suggested_value"].is_u64());
        for r in d["related"].as_array().unwrap() {
            let r = r.as_object().unwrap();
            assert!(!r.is_empty());
            for (k, v) in r {
                match k.as_str() {
                    "cell" => assert_cell(v),
                    "span" => assert_span(v, text),
                    other => panic!("related has {other}"),
                }
            }
        }
    }
}

#[test]
fn seed_report_exit_status_follows_its_findings() {
    let seed = "tests/fixtures/text/seed.txt";
    let r = run(&["check", seed]);
    assert_eq!(r.code, expected_status(SEED), "{}{}", r.stdout, r.stderr);
    // The seed is a real, consistent report (all zeros): no error.
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert!(r.stdout.starts_with(seed), "{}", r.stdout);
    assert!(r.stderr.is_empty(), "{}", r.stderr);
}

#[test]
fn json_output_follows_the_contract() {
    let seed = "tests/fixtures/text/seed.txt";
    let r = run(&["check", "--format", "json", seed]);
    assert_eq!(r.code, expected_status(SEED), "{}", r.stderr);
    let v = r.json();
    let files = v["files"].as_array().unwrap();
    assert_eq!(files.len(), 1);
    assert_eq!(files[0]["path"], seed);
    assert_file_shape(&files[0], SEED);
    // The same findings as the library reports.
    let checked = check_text(SEED, &Config::default()).unwrap();
    let codes: Vec<&str> = files[0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    let lib: Vec<&str> = checked.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, lib);
}

#[test]
fn an_unbalanced_table_exits_1_with_located_findings() {
    let row = "一、本年新收政府信息公开申请数量\t\t0\t";
    assert!(SEED.contains(row));
    let text = SEED.replacen(row, "一、本年新收政府信息公开申请数量\t\t5\t", 1);
    let dir = TempDir::new("unbalanced");
    let f = dir.file("unbalanced.txt", &text);
    let r = run(&["check", "--format", "json", &f]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let v = r.json();
    assert_file_shape(&v["files"][0], &text);
    assert_eq!(v["files"][0]["report"]["table3"]["r01"]["np"], 5);
    let diags = v["files"][0]["diagnostics"].as_array().unwrap();
    let a301 = diags
        .iter()
        .find(|d| d["code"] == "A301")
        .expect("an A301 finding");
    assert_eq!(a301["severity"], "error");
    assert_eq!(a301["cell"]["table"], "t3");
    assert_eq!(a301["cell"]["col"], "np");
    // The r01 cell is among the related locations, with the digit it was read from.
    assert!(
        a301["related"]
            .as_array()
            .unwrap()
            .iter()
            .any(|l| l["cell"]["row"] == "r01" && l["span"]["text"] == "5"),
        "{a301}"
    );

    let r = run(&["check", &f]);
    assert_eq!(r.code, 1);
    assert!(r.stdout.contains("error[A301] 自然人列："), "{}", r.stdout);
}

#[test]
fn a_report_with_errors_exits_1() {
    let dir = TempDir::new("err");
    let f = dir.file("bad.txt", NOT_A_REPORT);
    assert_eq!(
        expected_status(NOT_A_REPORT),
        1,
        "no title and no parts is an error"
    );
    let r = run(&["check", &f]);
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.contains("error["), "{}", r.stdout);
    let r = run(&["check", "--format", "json", &f]);
    assert_eq!(r.code, 1);
    let v = r.json();
    assert!(
        v["files"][0]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["severity"] == "error")
    );
    assert_file_shape(&v["files"][0], NOT_A_REPORT);
}

#[test]
fn unreadable_file_exits_2_and_wins_over_1_while_others_are_checked() {
    let dir = TempDir::new("prec");
    let bad = dir.file("bad.txt", NOT_A_REPORT);
    let missing = dir.path().join("missing.txt");
    let missing = missing.to_str().unwrap();
    for format in ["text", "json"] {
        let r = run(&["check", "--format", format, &bad, missing]);
        assert_eq!(r.code, 2, "{format}: {}", r.stderr);
        assert!(r.stderr.contains(missing), "{}", r.stderr);
        assert!(r.stderr.contains("找不到"), "{}", r.stderr);
        // The readable file is still checked and reported.
        assert!(r.stdout.contains(&bad), "{}", r.stdout);
        if format == "json" {
            let v = r.json();
            let files = v["files"].as_array().unwrap();
            assert_eq!(files.len(), 2);
            // In the order of the arguments.
            assert_eq!(files[0]["path"], bad.as_str());
            assert_eq!(files[1]["path"], missing);
            let err = files.iter().find(|f| f["path"] == missing).unwrap();
            assert!(err["error"].as_str().unwrap().contains("找不到"));
            assert!(err.get("report").is_none() && err.get("diagnostics").is_none());
            let ok = files.iter().find(|f| f["path"] == bad.as_str()).unwrap();
            assert_file_shape(ok, NOT_A_REPORT);
        }
    }
}

#[test]
fn binary_corrupt_and_oversized_files_exit_2_naming_the_file() {
    let dir = TempDir::new("bin");
    let docx = dir.file(
        "report.docx",
        b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00",
    );
    let binary = dir.file("gbk.txt", b"\xC4\xEA\x00\xB1\xA8\xA3\xBA2021");
    let big = dir.file("big.txt", vec![b'a'; MAX_TEXT_BYTES + 1]);
    for (path, reason) in [
        (&docx, "Word 文档 文件已损坏"),
        (&binary, "二进制"),
        (&big, "文本过大"),
    ] {
        let r = run(&["check", path]);
        assert_eq!(r.code, 2, "{path}");
        assert!(
            r.stderr.contains(&format!("nianbao: {path}: ")) && r.stderr.contains(reason),
            "{}",
            r.stderr
        );
        assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
        let r = run(&["check", "--format", "json", path]);
        assert_eq!(r.code, 2);
        let v = r.json();
        assert!(v["files"][0]["error"].as_str().unwrap().contains(reason));
        assert!(v["files"][0].get("report").is_none());
    }
}

#[test]
fn gbk_files_are_read_like_utf8() {
    let dir = TempDir::new("gbk");
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(SEED);
    assert!(!unmappable);
    let f = dir.file("gbk.txt", &gbk);
    let r = run(&["check", "--format", "json", &f]);
    assert_eq!(r.code, expected_status(SEED), "{}", r.stderr);
    let utf8 = run(&["check", "--format", "json", "tests/fixtures/text/seed.txt"]).json();
    assert_eq!(r.json()["files"][0]["report"], utf8["files"][0]["report"]);
}

#[test]
fn utf16_files_are_read() {
    let dir = TempDir::new("utf16");
    let mut le = vec![0xFF, 0xFE];
    le.extend(SEED.encode_utf16().flat_map(u16::to_le_bytes));
    let f = dir.file("utf16.txt", le);
    let r = run(&["check", "--format", "json", &f]);
    assert_eq!(r.code, expected_status(SEED), "{}", r.stderr);
    assert_file_shape(&r.json()["files"][0], SEED);
}

#[test]
fn stdin_is_read_for_dash() {
    let r = run_with_stdin(&["check", "--format", "json", "-"], Some(SEED.as_bytes()));
    assert_eq!(r.code, expected_status(SEED), "{}", r.stderr);
    let v = r.json();
    assert_eq!(v["files"][0]["path"], "-");
    assert_file_shape(&v["files"][0], SEED);
    let from_file = run(&["check", "--format", "json", "tests/fixtures/text/seed.txt"]).json();
    assert_eq!(v["files"][0]["report"], from_file["files"][0]["report"]);
    assert_eq!(
        v["files"][0]["diagnostics"],
        from_file["files"][0]["diagnostics"]
    );

    let r = run_with_stdin(&["check", "-"], Some(b"\x00\x01binary"));
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("nianbao: -: "), "{}", r.stderr);
}

#[test]
fn folders_are_walked_recursively_in_order() {
    let dir = TempDir::new("walk");
    let b = dir.file("b.txt", SEED);
    let a = dir.file("sub/a.md", NOT_A_REPORT);
    let upper = dir.file("c.TXT", SEED);
    dir.file("ignored.png", b"\x89PNG");
    dir.file("sub/deeper/notes.csv", b"a,b");
    let r = run(&["check", "--format", "json", dir.str()]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let v = r.json();
    let paths: Vec<&str> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, [b.as_str(), upper.as_str(), a.as_str()]);

    // Text output ends with a summary over the files.
    let r = run(&["check", dir.str()]);
    assert!(r.stdout.contains("共 3 个文件"), "{}", r.stdout);
}

#[test]
fn a_folder_without_reports_exits_2() {
    let dir = TempDir::new("empty");
    dir.file("x.png", b"\x89PNG");
    let r = run(&["check", dir.str()]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains(dir.str()) && r.stderr.contains(".txt"),
        "{}",
        r.stderr
    );

    // A folder whose only report is unreadable.
    let dir = TempDir::new("binonly");
    let f = dir.file("r.txt", b"\x00\x00\x00");
    let r = run(&["check", dir.str()]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains(&f), "{}", r.stderr);
}

#[test]
fn rules_lists_every_rule() {
    let r = run(&["rules"]);
    assert_eq!(r.code, 0);
    let lines: Vec<&str> = r.stdout.lines().collect();
    // The rules of one report, then those across reports (H9xx).
    let all: Vec<_> = nianbao::rules::all_rules().collect();
    assert_eq!(lines.len(), RULES.len() + nianbao::rules::BATCH_RULES.len());
    assert!(lines.last().unwrap().starts_with("H902"));
    for (line, rule) in lines.iter().zip(all) {
        let words: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(words[0], rule.code);
        assert_eq!(words[1], rule.name);
        assert_eq!(words[2], rule.severity.key());
        assert!(line.ends_with(rule.title), "{line}");
    }
}

#[test]
fn rule_prints_its_documentation() {
    let meta = nianbao::rules::rule("A301").unwrap();
    for code in ["A301", "a301"] {
        let r = run(&["rule", code]);
        assert_eq!(r.code, 0);
        let first = r.stdout.lines().next().unwrap();
        assert!(
            first.starts_with("A301 t3-balance") && first.contains(meta.severity.key()),
            "{first}"
        );
        for section in ["## 检查内容", "## 为什么", "## 示例", "## 依据"] {
            assert!(
                r.stdout.lines().any(|l| l == section),
                "{section} in\n{}",
                r.stdout
            );
        }
    }
    let r = run(&["rule", "Z999"]);
    assert_eq!(r.code, 2);
    assert!(r.stdout.is_empty());
    assert!(r.stderr.contains("Z999"), "{}", r.stderr);
}

#[test]
fn the_rules_across_reports_are_documented() {
    for (code, name) in [
        ("H901", "similar-reports"),
        ("h902", "aggregate-below-units"),
    ] {
        let r = run(&["rule", code]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert!(
            r.stdout
                .starts_with(&format!("{} {name}", code.to_uppercase())),
            "{}",
            r.stdout
        );
        // They say that they run only over several reports.
        assert!(
            r.stdout.contains("只检查一份报告时不运行本规则"),
            "{}",
            r.stdout
        );
    }
}

#[test]
fn several_files_get_a_summary_and_their_source() {
    let dir = TempDir::new("summary");
    let seed = dir.file("a/seed.txt", SEED);
    let bad = dir.file("b/bad.txt", NOT_A_REPORT);
    let missing = dir.path().join("missing.txt");
    let missing = missing.to_str().unwrap();
    let r = run(&["check", "--format", "json", &seed, &bad, missing]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    let v = r.json();
    let files = v["files"].as_array().unwrap();
    assert_eq!(files.len(), 3);
    assert_eq!(
        files[0]["source"],
        serde_json::json!({"format": "text", "notes": []})
    );
    assert_eq!(files[1]["source"]["format"], "text");
    // An unreadable file has no source, report or diagnostics.
    assert!(files[2].get("source").is_none());
    assert!(files[2]["error"].is_string());
    assert_eq!(
        v["summary"],
        serde_json::json!({"files": 3, "passed": 1, "failed": 1, "unreadable": 1, "similar": []})
    );
    // The same in text: a table row per file, then the totals.
    let r = run(&["check", &seed, &bad, missing]);
    assert_eq!(r.code, 2);
    let table = &r.stdout[r.stdout.find("汇总：").expect("summary table")..];
    let row = |path: &str| {
        table
            .lines()
            .find(|l| l.starts_with(path))
            .unwrap_or_else(|| panic!("no row for {path}:\n{table}"))
            .split_whitespace()
            .collect::<Vec<_>>()
    };
    assert_eq!(row(&seed)[1..4], ["雁鸣湖镇", "2021", "text"]);
    assert_eq!(row(&seed).last(), Some(&"通过"));
    assert_eq!(row(&bad).last(), Some(&"不通过"));
    assert_eq!(row(missing).last(), Some(&"无法读取"));
    assert!(table.contains("共 3 个文件"), "{table}");
    // One file alone: no table.
    let r = run(&["check", &seed]);
    assert!(!r.stdout.contains("汇总："), "{}", r.stdout);
}

#[test]
fn copied_reports_in_a_folder_are_paired_in_the_summary() {
    let dir = TempDir::new("similar");
    let text = std::fs::read_to_string("tests/fixtures/text/2024_hongze-qu.layout.txt").unwrap();
    let a = dir.file("a.txt", &text);
    let b = dir.file("b.txt", text.replace("洪泽区", "清江浦区"));
    let c = dir.file(
        "c.txt",
        std::fs::read_to_string("tests/fixtures/text/2024_huaian-shi.layout.txt").unwrap(),
    );
    let r = run(&["check", "--format", "json", dir.str()]);
    let v = r.json();
    let similar = v["summary"]["similar"].as_array().unwrap();
    assert_eq!(similar.len(), 1, "{}", v["summary"]);
    assert_eq!(similar[0]["a"], a.as_str());
    assert_eq!(similar[0]["b"], b.as_str());
    assert!(similar[0]["share"].as_f64().unwrap() > 0.9);
    let parts: Vec<u64> = similar[0]["parts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["part"].as_u64().unwrap())
        .collect();
    assert_eq!(parts, [1, 5, 6]);
    let files = v["files"].as_array().unwrap();
    let h901 = |i: usize| -> Vec<&serde_json::Value> {
        files[i]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["code"] == "H901")
            .collect()
    };
    assert_eq!(h901(0).len(), 1);
    assert_eq!(h901(0)[0]["other_report"]["path"], b.as_str());
    assert_eq!(h901(1)[0]["other_report"]["path"], a.as_str());
    let places = h901(0)[0]["other_report"]["locations"].as_array().unwrap();
    assert_eq!(
        places.len(),
        1 + h901(0)[0]["related"].as_array().unwrap().len()
    );
    assert!(places[0]["span"]["line"].as_u64().unwrap() > 0);
    assert!(h901(2).is_empty(), "{c}");
    // The text output shows the other report's places and lists the pair.
    let r = run(&["check", dir.str()]);
    assert!(r.stdout.contains(&format!("= 对照：{b}")), "{}", r.stdout);
    assert!(r.stdout.contains(&format!("{a} ↔ {b}")), "{}", r.stdout);
}

#[test]
fn fix_prints_the_fixed_text_and_never_touches_the_input() {
    let dir = TempDir::new("fix");
    for (name, text) in [("seed.txt", SEED), ("bad.txt", NOT_A_REPORT)] {
        let f = dir.file(name, text);
        let before = std::fs::read(&f).unwrap();
        let r = run(&["check", "--fix", &f]);
        assert_eq!(std::fs::read(&f).unwrap(), before, "--fix changed {f}");
        let checked = check_text(text, &Config::default()).unwrap();
        let (fixed, _) = apply_fixes(text, &checked.diagnostics, Applicability::Safe);
        assert_eq!(r.stdout, fixed);
        assert_eq!(r.code, expected_status(&fixed), "{}", r.stderr);
        assert!(r.stderr.contains("已应用"), "{}", r.stderr);
    }
    let r = run_with_stdin(&["check", "--fix", "-"], Some(SEED.as_bytes()));
    assert!(r.code < 2, "{}", r.stderr);
    // One file at a time, and no JSON.
    let r = run(&["check", "--fix", "tests/fixtures/text/seed.txt", dir.str()]);
    assert_eq!(r.code, 2);
    assert!(r.stdout.is_empty());
    let r = run(&[
        "check",
        "--fix",
        "--format",
        "json",
        "tests/fixtures/text/seed.txt",
    ]);
    assert_eq!(r.code, 2);
}

#[test]
fn wrong_command_lines_exit_2() {
    let seed = "tests/fixtures/text/seed.txt";
    for args in [
        &[][..],
        &["check"],
        &["frobnicate"],
        &["check", "--format", "xml", seed],
        &["check", "--published", "2022-13-01", seed],
        &["check", "--published", "2023-02-29", seed],
        &["check", "--published", "20220131", seed],
        &["check", "--body-type", "city", seed],
        &["check", "--prev", "/nonexistent/nianbao-prev.txt", seed],
        &["check", "--config", "/nonexistent/nianbao.toml", seed],
        &["check", "--no-such-option", seed],
        &["rule"],
    ] {
        let r = run(args);
        assert_eq!(r.code, 2, "{args:?}: {}{}", r.stdout, r.stderr);
        assert!(!r.stderr.is_empty(), "{args:?}");
    }
}

/// The codes of the findings of the first file in a JSON run.
fn codes(r: &Run) -> Vec<String> {
    r.json()["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

/// A rule fixture's report text (without its `expect:` line).
fn rule_fixture(name: &str) -> String {
    let text = std::fs::read_to_string(format!("tests/fixtures/rules/{name}")).unwrap();
    text.split_once('\n')
        .map_or(text.clone(), |(_, t)| t.to_string())
}

#[test]
fn a_config_file_switches_rules_off_and_changes_severities() {
    let dir = TempDir::new("config");
    let bad = dir.file("bad.txt", rule_fixture("A301_column_fires.txt"));
    let r = run(&["check", "--format", "json", &bad]);
    assert_eq!(r.code, 1);
    assert!(codes(&r).contains(&"A301".to_string()));
    let config = dir.file(
        "nianbao.toml",
        "[rules]\nA301 = \"off\"\nA303 = \"warning\"\n",
    );
    let r = run(&["check", "--format", "json", "--config", &config, &bad]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let found = codes(&r);
    assert!(!found.contains(&"A301".to_string()), "{found:?}");
    let a303 = r.json()["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "A303")
        .cloned()
        .unwrap();
    assert_eq!(a303["severity"], "warning");
    // A wrong config is a wrong command line: exit 2, naming the file and the key.
    let wrong = dir.file("wrong.toml", "[rules]\nZ999 = \"off\"\n");
    let r = run(&["check", "--config", &wrong, &bad]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("wrong.toml") && r.stderr.contains("Z999"),
        "{}",
        r.stderr
    );
}

#[test]
fn prev_pairs_last_years_report_for_the_y_rules() {
    let dir = TempDir::new("prev");
    let now = dir.file("now.txt", rule_fixture("Y801_carryover_lost.txt"));
    let prev_text =
        std::fs::read_to_string("tests/fixtures/rules/Y801_carryover_lost.prev.txt").unwrap();
    let prev = dir.file("last/prev.txt", &prev_text);
    let r = run(&["check", "--format", "json", &now]);
    assert!(!codes(&r).contains(&"Y801".to_string()));
    // A file.
    let r = run(&["check", "--format", "json", "--prev", &prev, &now]);
    assert!(codes(&r).contains(&"Y801".to_string()), "{}", r.stdout);
    // A folder: paired by body and year.
    let folder = prev.trim_end_matches("/prev.txt").to_string();
    let r = run(&["check", "--format", "json", "--prev", &folder, &now]);
    assert!(codes(&r).contains(&"Y801".to_string()), "{}", r.stdout);
    // Another body's report in the folder pairs with nothing.
    let other = dir.file("other/prev.txt", prev_text.replace("雁鸣湖镇", "白鹭洲镇"));
    let other_folder = other.trim_end_matches("/prev.txt").to_string();
    let r = run(&["check", "--format", "json", "--prev", &other_folder, &now]);
    assert!(!codes(&r).contains(&"Y801".to_string()), "{}", r.stdout);
}

#[test]
fn body_type_and_published_date_are_accepted() {
    let seed = "tests/fixtures/text/seed.txt";
    for t in ["department", "township", "government"] {
        let r = run(&["check", "--body-type", t, "--published", "2022-01-20", seed]);
        assert_eq!(r.code, expected_status(SEED), "{t}: {}", r.stderr);
    }
}

#[test]
fn help_and_version_exit_0() {
    for args in [&["--help"][..], &["--version"], &["check", "--help"]] {
        let r = run(args);
        assert_eq!(r.code, 0, "{args:?}");
        assert!(!r.stdout.is_empty());
    }
}

#[test]
fn text_output_is_plain_when_piped() {
    let dir = TempDir::new("plain");
    let f = dir.file("bad.txt", NOT_A_REPORT);
    let r = run(&["check", &f]);
    assert!(!r.stdout.contains('\x1b'), "{}", r.stdout);
    let first = r.stdout.lines().next().unwrap();
    assert!(first.starts_with(&f) && first.contains("错误"), "{first}");
    let checked = check_text(NOT_A_REPORT, &Config::default()).unwrap();
    for d in &checked.diagnostics {
        assert!(
            r.stdout
                .contains(&format!("{}[{}] {}", d.severity.key(), d.code, d.message)),
            "{}",
            r.stdout
        );
    }
}

#[test]
fn published_pdfs_are_checked_with_pages() {
    // The 2023 洪泽 report as published: its tables read from the PDF equal
    // those of its pdftotext -layout text, and the 表四 totals are found with
    // the page they are on.
    let pdf = run(&[
        "check",
        "--format",
        "json",
        "tests/fixtures/pdf/2023_hongze-qu.pdf",
    ]);
    assert_eq!(pdf.code, 1, "{}", pdf.stderr);
    let text = run(&[
        "check",
        "--format",
        "json",
        "tests/fixtures/text/2023_hongze-qu.layout.txt",
    ]);
    let (pdf, text) = (pdf.json(), text.json());
    let f = &pdf["files"][0];
    assert_eq!(f["source"]["format"], "pdf");
    for t in ["table2", "table3", "table4"] {
        assert_eq!(f["report"][t], text["files"][0]["report"][t], "{t}");
    }
    let a304: Vec<&serde_json::Value> = f["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "A304")
        .collect();
    assert_eq!(a304.len(), 2);
    assert!(a304.iter().all(|d| d["span"]["page"] == 4), "{a304:?}");
}
