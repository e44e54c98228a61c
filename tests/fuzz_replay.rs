//! The fuzz targets under stable `cargo test`: every committed seed
//! (`fuzz/seeds/<target>/`) and every crash artifact a fuzzing run left
//! (`fuzz/artifacts/<target>/`) goes through the same entry points as the fuzz
//! targets (`fuzz/entry.rs`), followed by a deterministic mutation loop over the
//! seed report. Nothing may panic.

use std::path::Path;
use std::time::{Duration, Instant};

#[path = "../fuzz/entry.rs"]
mod entry;

const SEED: &str = include_str!("fixtures/text/seed.txt");

/// A fuzzed entry point.
type Target = fn(&[u8]);

/// The fuzz targets by name, as in `fuzz/Cargo.toml`.
const TARGETS: [(&str, Target); 8] = [
    ("parse_text", entry::parse_text),
    ("decode", entry::decode),
    ("check", entry::check),
    ("read", entry::read),
    ("docx", entry::docx),
    ("xlsx", entry::xlsx),
    ("html", entry::html),
    ("pdf", entry::pdf),
];

/// Runs `f` on `data`, naming the input when it panics.
fn run_one(target: &str, name: &str, f: Target, data: &[u8]) {
    let result = std::panic::catch_unwind(|| f(data));
    if let Err(e) = result {
        let msg = e
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| e.downcast_ref::<&str>().copied())
            .unwrap_or("?");
        panic!(
            "fuzz target {target} panicked on {name} ({} bytes): {msg}\ninput: {:?}",
            data.len(),
            String::from_utf8_lossy(&data[..data.len().min(2000)])
        );
    }
}

/// Every file in `dir/<target>/`, sorted.
fn files(dir: &Path, target: &str) -> Vec<std::path::PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir.join(target)) else {
        return Vec::new();
    };
    let mut files: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

#[test]
fn seeds_and_artifacts_replay_without_panics() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut seeds = 0;
    for (target, f) in TARGETS {
        for dir in ["seeds", "artifacts"] {
            for path in files(&root.join(dir), target) {
                let data = std::fs::read(&path).unwrap();
                run_one(target, &path.display().to_string(), f, &data);
                if dir == "seeds" {
                    seeds += 1;
                }
            }
        }
        // Every target also takes the full seed report.
        run_one(target, "seed.txt", f, SEED.as_bytes());
    }
    assert!(
        seeds >= 9,
        "the committed seeds are missing ({seeds} found)"
    );
}

/// xorshift64: a small deterministic generator.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// Pieces of reports that mutations insert: what parsers trip over.
const TOKENS: &[&str] = &[
    "\t",
    "\n",
    "\r\n",
    " ",
    "　",
    "0",
    "1",
    "9",
    "12",
    "-3",
    "2.5",
    "０",
    "５",
    "/",
    "—",
    "-",
    "无",
    "一、",
    "二、",
    "三、",
    "四、",
    "五、",
    "六、",
    "七、",
    "（一）",
    "(一)",
    "（七）总计",
    "1.",
    "2、",
    "# ",
    "## ",
    "|",
    "| --- |",
    "表三",
    "总计",
    "自然人",
    "商业企业",
    "结果维持",
    "行政复议",
    "行政诉讼",
    "规章",
    "行政规范性文件",
    "行政事业性收费",
    "0.0120",
    "本年新收政府信息公开申请数量",
    "上年结转政府信息公开申请数量",
    "结转下年度继续办理",
    "年政府信息公开工作年度报告",
    "2021年",
    "2022年1月38日",
    "本年新制作数量",
    "\u{FEFF}",
    "\u{200B}",
    "😀",
    "\u{0301}",
];

/// One random edit of `data`.
fn mutate(rng: &mut Rng, data: &mut Vec<u8>, pool: &[&[u8]]) {
    let len = data.len();
    match rng.below(8) {
        // Flip a bit.
        0 if len > 0 => {
            let i = rng.below(len);
            data[i] ^= 1 << rng.below(8);
        }
        // Set a byte to anything.
        1 if len > 0 => {
            let i = rng.below(len);
            data[i] = rng.next() as u8;
        }
        // Delete a range.
        2 if len > 0 => {
            let i = rng.below(len);
            let n = rng.below((len - i).min(64)) + 1;
            data.drain(i..i + n);
        }
        // Duplicate a range.
        3 if len > 0 => {
            let i = rng.below(len);
            let n = rng.below((len - i).min(256)) + 1;
            let piece = data[i..i + n].to_vec();
            let at = rng.below(len + 1);
            data.splice(at..at, piece);
        }
        // Swap two lines.
        4 => {
            let lines: Vec<usize> = std::iter::once(0)
                .chain(
                    data.iter()
                        .enumerate()
                        .filter(|&(_, &b)| b == b'\n')
                        .map(|(i, _)| i + 1),
                )
                .collect();
            if lines.len() > 2 {
                let a = rng.below(lines.len() - 1);
                let b = rng.below(lines.len() - 1);
                let (a, b) = (a.min(b), a.max(b));
                if a != b {
                    let (a0, a1) = (lines[a], lines[a + 1]);
                    let (b0, b1) = (lines[b], lines[b + 1]);
                    let mut out = data[..a0].to_vec();
                    out.extend_from_slice(&data[b0..b1]);
                    out.extend_from_slice(&data[a1..b0]);
                    out.extend_from_slice(&data[a0..a1]);
                    out.extend_from_slice(&data[b1..]);
                    *data = out;
                }
            }
        }
        // Splice in a piece of another input.
        5 => {
            let other = pool[rng.below(pool.len())];
            if !other.is_empty() {
                let i = rng.below(other.len());
                let n = rng.below((other.len() - i).min(512)) + 1;
                let at = rng.below(len + 1);
                data.splice(at..at, other[i..i + n].iter().copied());
            }
        }
        // Insert a token.
        _ => {
            let t = TOKENS[rng.below(TOKENS.len())].as_bytes();
            let at = rng.below(len + 1);
            data.splice(at..at, t.iter().copied());
        }
    }
}

#[test]
fn mutated_seeds_never_panic() {
    const ITERATIONS: usize = 2000;
    // Debug builds are slow: stop early rather than hold up the suite.
    const BUDGET: Duration = Duration::from_secs(5);

    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let owned: Vec<Vec<u8>> = files(&root.join("seeds"), "check")
        .iter()
        .filter_map(|p| std::fs::read(p).ok())
        .chain([SEED.as_bytes().to_vec()])
        .collect();
    let pool: Vec<&[u8]> = owned.iter().map(Vec::as_slice).collect();

    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let started = Instant::now();
    let mut done = 0;
    let mut current = SEED.as_bytes().to_vec();
    while done < ITERATIONS && started.elapsed() < BUDGET {
        // Now and then start again from a pristine input, so that mutations stay
        // near real reports instead of drifting into noise.
        if done % 25 == 0 {
            current = pool[rng.below(pool.len())].to_vec();
        }
        for _ in 0..=rng.below(4) {
            mutate(&mut rng, &mut current, &pool);
        }
        current.truncate(64 * 1024);
        let name = format!("mutation #{done}");
        run_one("check", &name, entry::check, &current);
        if done % 4 == 0 {
            run_one("decode", &name, entry::decode, &current);
        }
        done += 1;
    }
    eprintln!(
        "{done} mutations in {:.1}s",
        started.elapsed().as_secs_f64()
    );
    assert!(done >= 100, "only {done} mutations ran");
}
