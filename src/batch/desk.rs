//! The reviewer's desk: a batch of files kept for review, as the page's
//! 「批量审查」 holds it (in its worker).
//!
//! Files are added one by one ([`Desk::add`]: read, parsed and checked on
//! their own; a `.zip` archive adds each report file inside it); then
//! [`Desk::finish`] pairs this year's reports with last year's of the same
//! body found in the batch (as the command's `--prev` does), runs the Y rules
//! on each pair, and the rules across reports (H901, H902) over every report
//! that was read. The desk answers with compact rows ([`Row`]), the similar
//! pairs with their matching passages ([`PairView`]), one report's text, and
//! the whole batch as the command's JSON or as a CSV summary.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::{Fingerprint, Member, SimilarPair};
use crate::read::{self, Extracted, ReadOptions};
use crate::render::json::{FileResult, SimilarJson, SummaryJson, to_json_with_summary};
use crate::text::{LineIndex, Span};
use crate::{Checked, Config, InputError, MAX_TEXT_BYTES, Report, Severity, parse, rules};

/// The extensions of files inside an archive that are checked.
pub const REPORT_EXTENSIONS: &[&str] = &[
    "txt", "md", "docx", "pdf", "xlsx", "html", "htm", "mht", "mhtml", "doc", "wps",
];

/// At most this many entries of one archive are checked.
pub const MAX_ARCHIVE_ENTRIES: usize = 5_000;

/// At most this many characters of a passage are shown side by side.
const MAX_PASSAGE_CHARS: usize = 1_500;

/// Whether a file is an archive of reports (by its name).
pub fn is_archive(name: &str) -> bool {
    extension(name).is_some_and(|e| e.eq_ignore_ascii_case("zip"))
}

fn extension(name: &str) -> Option<&str> {
    let base = name.rsplit(['/', '\\']).next()?;
    base.rsplit_once('.').map(|(_, e)| e)
}

/// Whether a file found in a chosen folder is checked: a report file or an
/// archive of them (by its extension).
pub fn is_batch_file(name: &str) -> bool {
    is_archive(name) || is_report_entry(name)
}

/// Whether an archive entry is a report to check (by its extension).
fn is_report_entry(name: &str) -> bool {
    !name.ends_with('/')
        && !name
            .split('/')
            .any(|s| s == "__MACOSX" || s.starts_with('.'))
        && extension(name)
            .is_some_and(|e| REPORT_EXTENSIONS.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

/// One report read and checked.
#[derive(Clone, Debug)]
pub struct Reviewed {
    pub extracted: Extracted,
    pub checked: Checked,
    print: Fingerprint,
    /// The file's size in bytes.
    pub bytes: usize,
    /// Last year's report of the same body in the batch (an index).
    pub prev: Option<usize>,
}

/// One file of the batch.
#[derive(Clone, Debug)]
pub struct DeskFile {
    pub name: String,
    /// The report, or why the file could not be read.
    pub outcome: Result<Reviewed, String>,
}

/// Passed, failed (an error-severity finding) or unreadable.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Passed,
    Failed,
    Unreadable,
}

impl Status {
    pub fn label(self) -> &'static str {
        match self {
            Status::Passed => "通过",
            Status::Failed => "不通过",
            Status::Unreadable => "无法读取",
        }
    }
}

/// One row of the summary table.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Row {
    /// Index in the batch.
    pub index: usize,
    pub name: String,
    pub body: Option<String>,
    pub year: Option<i32>,
    /// The format's label (「Word 文档（.docx）」 …); `None` when unreadable.
    pub format: Option<String>,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub status: Status,
    /// Why the file could not be read.
    pub reason: Option<String>,
    /// The distinct rule codes of its findings, in rule order.
    pub codes: Vec<String>,
    /// The files whose narrative is like this one's (H901), by index.
    pub similar: Vec<usize>,
    /// The H902 findings' messages.
    pub below: Vec<String>,
    /// Last year's report paired with it (by index).
    pub prev: Option<usize>,
}

/// One part of a similar pair, with the matching passages of both sides.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartView {
    /// 1 … 6.
    pub part: u32,
    pub heading: String,
    /// Percent of `a`'s part found in `b`, and of `b`'s in `a`.
    pub share_a: Option<u32>,
    pub share_b: Option<u32>,
    pub text_a: String,
    pub text_b: String,
    /// 1-based lines of the passages (0: none).
    pub line_a: usize,
    pub line_b: usize,
}

/// Two reports of different bodies whose narratives are alike (H901).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PairView {
    pub a: usize,
    pub b: usize,
    pub share_a: u32,
    pub share_b: u32,
    pub parts: Vec<PartView>,
}

/// The batch: every file added, in order.
#[derive(Clone, Debug, Default)]
pub struct Desk {
    config: Config,
    pub files: Vec<DeskFile>,
    similar: Vec<SimilarPair>,
    finished: bool,
}

/// The body a report is paired by: the title's body without whitespace.
fn body_key(r: &Report) -> Option<String> {
    r.body().map(|b| b.split_whitespace().collect())
}

impl Desk {
    pub fn new(config: Config) -> Self {
        Desk {
            config,
            ..Desk::default()
        }
    }

    /// Reads and checks a file (each report of an archive); returns how many
    /// rows were added. One file that cannot be read gives one row that says why.
    pub fn add(&mut self, name: &str, bytes: &[u8], options: ReadOptions) -> usize {
        if !is_archive(name) {
            let result = read::read_bytes(name, bytes, options).map_err(|e| e.to_string());
            self.push(name.to_string(), bytes.len(), result);
            return 1;
        }
        let before = self.files.len();
        match read::archive::Archive::open(bytes, "压缩包") {
            Err(e) => self.push(name.to_string(), bytes.len(), Err(e.to_string())),
            Ok(mut archive) => {
                let mut entries: Vec<String> = archive
                    .names()
                    .into_iter()
                    .filter(|n| is_report_entry(n))
                    .collect();
                crate::sort::sort(&mut entries);
                if entries.is_empty() {
                    self.push(
                        name.to_string(),
                        bytes.len(),
                        Err("压缩包中没有可检查的报告文件（.docx、.pdf、.xlsx、.html、.txt、.md 等）"
                            .to_string()),
                    );
                }
                let skipped = entries.len().saturating_sub(MAX_ARCHIVE_ENTRIES);
                entries.truncate(MAX_ARCHIVE_ENTRIES);
                for entry in entries {
                    let shown = format!("{name}/{entry}");
                    match archive.read_limited(&entry, read::MAX_FILE_BYTES as u64) {
                        Ok(Some(data)) => {
                            let result =
                                read::read_bytes(&entry, &data, options).map_err(|e| e.to_string());
                            self.push(shown, data.len(), result);
                        }
                        Ok(None) => self.push(shown, 0, Err("压缩包中找不到该文件".to_string())),
                        Err(e) => self.push(shown, 0, Err(e.to_string())),
                    }
                }
                if skipped > 0 {
                    self.push(
                        name.to_string(),
                        bytes.len(),
                        Err(format!(
                            "压缩包中的报告文件超过 {MAX_ARCHIVE_ENTRIES} 个，其余 {skipped} 个未检查"
                        )),
                    );
                }
            }
        }
        self.files.len() - before
    }

    /// Adds a file that could not be read before it reached the desk.
    pub fn add_unreadable(&mut self, name: &str, reason: String) {
        self.push(name.to_string(), 0, Err(reason));
    }

    fn push(&mut self, name: String, bytes: usize, read: Result<Extracted, String>) {
        let outcome = read.and_then(|extracted| {
            if extracted.text.len() > MAX_TEXT_BYTES {
                return Err(InputError::TooLarge {
                    bytes: extracted.text.len(),
                }
                .to_string());
            }
            let report = parse::parse_text(&extracted.text);
            let diagnostics = rules::check(&report, &self.config);
            let print = Fingerprint::new(&report);
            Ok(Reviewed {
                extracted,
                checked: Checked {
                    report,
                    diagnostics,
                },
                print,
                bytes,
                prev: None,
            })
        });
        self.files.push(DeskFile { name, outcome });
    }

    /// Pairs each report with last year's of the same body in the batch (the
    /// Y rules), then runs the rules across reports. Once per batch: later
    /// calls do nothing.
    pub fn finish(&mut self) {
        if self.finished {
            return;
        }
        self.finished = true;
        // (body, year) → the first such report, in batch order.
        let mut by_body: HashMap<(String, i32), usize> = HashMap::new();
        for (i, f) in self.files.iter().enumerate() {
            if let Ok(r) = &f.outcome
                && let (Some(body), Some(year)) =
                    (body_key(&r.checked.report), r.checked.report.year())
            {
                by_body.entry((body, year)).or_insert(i);
            }
        }
        let pairs: Vec<(usize, usize)> = self
            .files
            .iter()
            .enumerate()
            .filter_map(|(i, f)| {
                let r = &f.outcome.as_ref().ok()?.checked.report;
                let key = (body_key(r)?, r.year()? - 1);
                by_body.get(&key).map(|&p| (i, p))
            })
            .collect();
        for (i, p) in pairs {
            let prev = match &self.files[p].outcome {
                Ok(r) => r.checked.report.clone(),
                Err(_) => continue,
            };
            if let Ok(r) = &mut self.files[i].outcome {
                r.checked.diagnostics =
                    rules::check_with_prev(&r.checked.report, Some(&prev), &self.config);
                r.prev = Some(p);
            }
        }
        // The rules across reports, over every report that was read.
        let (index, members): (Vec<usize>, Vec<Member<'_>>) = self
            .files
            .iter()
            .enumerate()
            .filter_map(|(i, f)| {
                let r = f.outcome.as_ref().ok()?;
                Some((
                    i,
                    Member {
                        path: &f.name,
                        report: &r.checked.report,
                        print: &r.print,
                    },
                ))
            })
            .unzip();
        let outcome = super::check(&members, &self.config);
        drop(members);
        self.similar = outcome
            .similar
            .into_iter()
            .map(|mut p| {
                p.a = index[p.a];
                p.b = index[p.b];
                p
            })
            .collect();
        for (k, extra) in outcome.diagnostics.into_iter().enumerate() {
            if let Ok(r) = &mut self.files[index[k]].outcome {
                super::merge(&mut r.checked, extra);
            }
        }
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// The row of file `i`.
    pub fn row(&self, i: usize) -> Row {
        let f = &self.files[i];
        let similar = self
            .similar
            .iter()
            .filter_map(|p| {
                if p.a == i {
                    Some(p.b)
                } else if p.b == i {
                    Some(p.a)
                } else {
                    None
                }
            })
            .collect();
        match &f.outcome {
            Err(reason) => Row {
                index: i,
                name: f.name.clone(),
                body: None,
                year: None,
                format: None,
                errors: 0,
                warnings: 0,
                infos: 0,
                status: Status::Unreadable,
                reason: Some(reason.clone()),
                codes: Vec::new(),
                similar,
                below: Vec::new(),
                prev: None,
            },
            Ok(r) => {
                let c = &r.checked;
                let (errors, warnings, infos) = c.counts();
                let mut codes: Vec<String> =
                    c.diagnostics.iter().map(|d| d.code.to_string()).collect();
                crate::sort::sort(&mut codes);
                codes.dedup();
                Row {
                    index: i,
                    name: f.name.clone(),
                    body: c.report.body().map(str::to_string),
                    year: c.report.year(),
                    format: Some(r.extracted.format.label()),
                    errors,
                    warnings,
                    infos,
                    status: if c.diagnostics.iter().any(|d| d.severity == Severity::Error) {
                        Status::Failed
                    } else {
                        Status::Passed
                    },
                    reason: None,
                    codes,
                    similar,
                    below: c
                        .diagnostics
                        .iter()
                        .filter(|d| d.code == rules::AGGREGATE_BELOW_UNITS.code)
                        .map(|d| d.message.clone())
                        .collect(),
                    prev: r.prev,
                }
            }
        }
    }

    pub fn rows(&self) -> Vec<Row> {
        (0..self.files.len()).map(|i| self.row(i)).collect()
    }

    /// The similar pairs (H901), with the matching passages side by side.
    pub fn pairs(&self) -> Vec<PairView> {
        self.similar
            .iter()
            .filter_map(|p| {
                let a = &self.files[p.a].outcome.as_ref().ok()?.checked.report.text;
                let b = &self.files[p.b].outcome.as_ref().ok()?.checked.report.text;
                let (ia, ib) = (LineIndex::new(a), LineIndex::new(b));
                Some(PairView {
                    a: p.a,
                    b: p.b,
                    share_a: p.share_a,
                    share_b: p.share_b,
                    parts: p
                        .parts
                        .iter()
                        .map(|x| {
                            let (text_a, line_a) = passage(a, &ia, x.span_a);
                            let (text_b, line_b) = passage(b, &ib, x.span_b);
                            PartView {
                                part: x.kind.number(),
                                heading: x.kind.standard_heading().to_string(),
                                share_a: x.share_a,
                                share_b: x.share_b,
                                text_a,
                                text_b,
                                line_a,
                                line_b,
                            }
                        })
                        .collect(),
                })
            })
            .collect()
    }

    /// The text read from file `i`, or why it could not be read.
    pub fn extracted(&self, i: usize) -> Result<&Extracted, String> {
        match &self
            .files
            .get(i)
            .ok_or_else(|| "没有该文件".to_string())?
            .outcome
        {
            Ok(r) => Ok(&r.extracted),
            Err(e) => Err(e.clone()),
        }
    }

    /// The whole batch as the command's JSON: `{"files": [...], "summary": {...}}`.
    pub fn to_json(&self) -> String {
        let results: Vec<FileResult> = self
            .files
            .iter()
            .map(|f| match &f.outcome {
                Ok(r) => FileResult::checked(&f.name, &r.checked)
                    .with_source(r.extracted.format.key(), r.extracted.notes.clone()),
                Err(e) => FileResult::error(&f.name, e.clone()),
            })
            .collect();
        let similar = self
            .similar
            .iter()
            .map(|p| SimilarJson::new(p, &self.files[p.a].name, &self.files[p.b].name))
            .collect();
        let summary = SummaryJson::new(&results, similar);
        let mut s = to_json_with_summary(&results, &summary);
        s.push('\n');
        s
    }

    /// The summary table as CSV (BOM, CRLF, every field quoted).
    pub fn to_csv(&self) -> String {
        let header = [
            "文件",
            "机关",
            "年度",
            "格式",
            "错误",
            "警告",
            "提示",
            "状态",
            "规则",
            "正文雷同（H901）",
            "上年年报",
            "说明",
        ]
        .map(str::to_string)
        .to_vec();
        let rows = self.rows().into_iter().map(|r| {
            let names = |ix: &[usize]| {
                ix.iter()
                    .map(|&i| self.files[i].name.clone())
                    .collect::<Vec<_>>()
                    .join("；")
            };
            let counted = r.status != Status::Unreadable;
            let count = |n: usize| {
                if counted {
                    n.to_string()
                } else {
                    String::new()
                }
            };
            vec![
                r.name.clone(),
                r.body.clone().unwrap_or_default(),
                r.year.map_or(String::new(), |y| y.to_string()),
                r.format.clone().unwrap_or_default(),
                count(r.errors),
                count(r.warnings),
                count(r.infos),
                r.status.label().to_string(),
                r.codes.join(" "),
                names(&r.similar),
                r.prev.map_or(String::new(), |p| self.files[p].name.clone()),
                r.reason.clone().unwrap_or_else(|| r.below.join("；")),
            ]
        });
        crate::render::csv::to_csv(std::iter::once(header).chain(rows))
    }
}

/// A passage of `text` (cut to [`MAX_PASSAGE_CHARS`]) and its 1-based line.
fn passage(text: &str, index: &LineIndex, span: Option<Span>) -> (String, usize) {
    let Some(s) = span else {
        return (String::new(), 0);
    };
    let body = text.get(s.range()).unwrap_or_default();
    let mut out: String = body.chars().take(MAX_PASSAGE_CHARS).collect();
    if out.len() < body.len() {
        out.push('…');
    }
    (out, index.line_col(text, s.start).0 as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HONGZE_2023: &str = include_str!("../../tests/fixtures/text/2023_hongze-qu.layout.txt");
    const HONGZE_2024: &str = include_str!("../../tests/fixtures/text/2024_hongze-qu.layout.txt");
    const HUAIAN_2024: &str = include_str!("../../tests/fixtures/text/2024_huaian-shi.layout.txt");

    fn options() -> ReadOptions<'static> {
        ReadOptions { legacy: None }
    }

    #[test]
    fn a_batch_pairs_years_flags_copies_and_keeps_unreadable_files() {
        let mut desk = Desk::new(Config::default());
        let copy = HONGZE_2024.replace("洪泽区", "清江浦区");
        assert_eq!(desk.add("a.txt", HONGZE_2024.as_bytes(), options()), 1);
        desk.add("b.txt", copy.as_bytes(), options());
        let last = HONGZE_2023.replacen("洪泽区人民政府", "淮安市洪泽区人民政府", 1);
        desk.add("last.txt", last.as_bytes(), options());
        desk.add("city.txt", HUAIAN_2024.as_bytes(), options());
        desk.add("bad.docx", b"PK\x03\x04broken", options());
        desk.finish();
        let rows = desk.rows();
        assert_eq!(rows.len(), 5);
        assert_eq!(rows[4].status, Status::Unreadable);
        assert!(rows[4].reason.is_some());
        // 2024 paired with 2023 of the same body.
        assert_eq!(rows[0].prev, Some(2));
        assert_eq!(rows[1].prev, None);
        // The copy.
        assert_eq!(rows[0].similar, [1]);
        assert!(rows[1].similar.contains(&0));
        assert!(rows[3].similar.is_empty());
        let pairs = desk.pairs();
        assert_eq!(pairs.len(), 2);
        assert!(
            pairs[0]
                .parts
                .iter()
                .all(|p| !p.text_a.is_empty() && p.line_a > 0)
        );
        let json: serde_json::Value = serde_json::from_str(&desk.to_json()).unwrap();
        assert_eq!(json["summary"]["files"], 5);
        assert_eq!(json["summary"]["unreadable"], 1);
        assert_eq!(json["summary"]["similar"].as_array().unwrap().len(), 2);
        let csv = desk.to_csv();
        assert!(csv.starts_with('\u{feff}'));
        assert_eq!(csv.matches("\r\n").count(), 6);
        assert!(csv.contains("\"无法读取\""));
    }

    #[test]
    fn last_years_report_in_the_batch_runs_the_y_rules() {
        let mut desk = Desk::new(Config::default());
        let now = include_str!("../../tests/fixtures/rules/Y801_carryover_lost.txt");
        let prev = include_str!("../../tests/fixtures/rules/Y801_carryover_lost.prev.txt");
        desk.add("now.txt", now.as_bytes(), options());
        desk.add("prev.txt", prev.as_bytes(), options());
        desk.finish();
        let row = desk.row(0);
        assert_eq!(row.prev, Some(1));
        assert!(row.codes.iter().any(|c| c == "Y801"), "{:?}", row.codes);
        assert!(!desk.row(1).codes.iter().any(|c| c == "Y801"));
    }

    #[test]
    fn an_archive_adds_each_report_inside() {
        let zip = read::archive::tests::zip_of(&[
            ("now/a.txt", HONGZE_2024.as_bytes()),
            ("now/b.txt", HUAIAN_2024.as_bytes()),
            ("readme.png", b"x"),
            ("__MACOSX/now/._a.txt", b"x"),
        ]);
        let mut desk = Desk::new(Config::default());
        assert_eq!(desk.add("batch.zip", &zip, options()), 2);
        assert_eq!(desk.files[0].name, "batch.zip/now/a.txt");
        assert!(desk.files.iter().all(|f| f.outcome.is_ok()));
        let mut bad = Desk::new(Config::default());
        assert_eq!(bad.add("x.zip", b"PK\x03\x04broken", options()), 1);
        assert!(bad.files[0].outcome.is_err());
    }
}
