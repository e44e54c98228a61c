//! The `nianbao` command: the contract of `interface.md`.
//!
//! ```text
//! nianbao check [OPTIONS] <FILE>...
//! nianbao rules
//! nianbao rule <CODE>
//! ```
//!
//! Exit status: 0 when no file has an error-severity finding, 1 when at least one
//! has, 2 when a file cannot be read or the command line is wrong (2 wins).
//!
//! Files are read and checked on all cores (a work queue over
//! `std::thread::available_parallelism()`, or `NIANBAO_JOBS` threads when that
//! variable is set); the output keeps the order of the inputs. The rules across
//! reports (H9xx, [`nianbao::batch`]) then run over every report that was read.

use std::collections::HashMap;
use std::fs;
use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};

use clap::{Args, Parser, Subcommand, ValueEnum};

use nianbao::batch::{self, Fingerprint, Member};
use nianbao::render::json::{FileResult, SimilarJson, SummaryJson, to_json_with_summary};
use nianbao::render::text::{self as text_render, Style, SummaryRow};
use nianbao::rules::{self, BodyType, Date};
use nianbao::{
    Checked, Config, InputError, MAX_TEXT_BYTES, Report, check_text_with_prev, parse, read,
};

mod config;

/// 检查政府信息公开工作年度报告（国办公开办函〔2021〕30号格式）。
#[derive(Parser, Debug)]
#[command(name = "nianbao", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// 检查年报：文件、文件夹（其中全部 .txt / .md 文件）或 -（标准输入）
    Check(CheckArgs),
    /// 列出全部规则：代码、名称、级别、标题，每条一行
    Rules,
    /// 显示一条规则的完整说明
    Rule {
        /// 规则代码，如 A301
        code: String,
    },
}

#[derive(Args, Debug)]
struct CheckArgs {
    /// 要检查的文件或文件夹；- 表示标准输入
    #[arg(value_name = "FILE", required = true)]
    files: Vec<String>,

    /// 输出格式：text 供人阅读（含原文摘录），json 供程序处理
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    format: OutputFormat,

    /// 同一机关上一年度的年报（或上年年报所在文件夹，按机关配对），启用 Y 类规则
    #[arg(long, value_name = "FILE|DIR")]
    prev: Option<PathBuf>,

    /// 发布日期（正文未写明时），格式 YYYY-MM-DD
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    published: Option<Date>,

    /// 机关类型，决定发布期限
    #[arg(long, value_enum, value_name = "TYPE")]
    body_type: Option<BodyTypeArg>,

    /// 规则开关与级别配置（TOML）；未指定时读取当前文件夹中的 nianbao.toml
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,

    /// 输出应用全部安全修正后的文本（标准输出），从不改写输入文件
    #[arg(long, conflicts_with = "format")]
    fix: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum OutputFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum BodyTypeArg {
    /// 政府部门
    Department,
    /// 乡镇、街道
    Township,
    /// 县级以上人民政府（本级年报）
    Government,
}

impl From<BodyTypeArg> for BodyType {
    fn from(b: BodyTypeArg) -> Self {
        match b {
            BodyTypeArg::Department => BodyType::Department,
            BodyTypeArg::Township => BodyType::Township,
            BodyTypeArg::Government => BodyType::Government,
        }
    }
}

/// Parses `YYYY-MM-DD` and checks that the day exists.
fn parse_date(s: &str) -> Result<Date, String> {
    let b = s.as_bytes();
    let well_formed = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !well_formed {
        return Err("日期应写作 YYYY-MM-DD，如 2022-01-31".to_string());
    }
    Date::parse_iso(s).ok_or_else(|| format!("{s} 不是存在的日期"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Check(args) => check(&args),
        Command::Rules => list_rules(),
        Command::Rule { code } => show_rule(&code),
    };
    ExitCode::from(code)
}

/// Writes to stdout; a closed pipe (`nianbao … | head`) is not an error.
fn out(s: &str) {
    let mut stdout = io::stdout().lock();
    if let Err(e) = stdout.write_all(s.as_bytes()).and_then(|()| stdout.flush())
        && e.kind() != io::ErrorKind::BrokenPipe
    {
        eprintln!("nianbao: 无法写入标准输出：{e}");
    }
}

/// Reports a problem on stderr as `nianbao: <what>: <reason>`.
fn complain(what: &str, reason: &str) {
    eprintln!("nianbao: {what}: {reason}");
}

fn list_rules() -> u8 {
    let name_width = rules::all_rules().map(|r| r.name.len()).max().unwrap_or(0);
    let mut s = String::new();
    for r in rules::all_rules() {
        s.push_str(&format!(
            "{}  {:name_width$}  {:7}  {}\n",
            r.code,
            r.name,
            r.severity.key(),
            r.title
        ));
    }
    out(&s);
    0
}

fn show_rule(code: &str) -> u8 {
    let Some(r) = rules::rule(code) else {
        complain(code, "没有这条规则（运行 nianbao rules 查看全部规则）");
        return 2;
    };
    let mut s = format!(
        "{} {}（默认级别 {}）：{}\n\n",
        r.code,
        r.name,
        r.severity.key(),
        r.title
    );
    // Doc comments keep the space after `///`.
    for line in r.doc.trim_end().lines() {
        s.push_str(line.strip_prefix(' ').unwrap_or(line));
        s.push('\n');
    }
    out(&s);
    0
}

/// Where a report comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Source {
    Stdin,
    File(PathBuf),
    /// A FILE argument or folder entry that cannot be read: the reason.
    Unreadable(String),
}

/// One input to check, named as the user will see it.
#[derive(Clone, Debug)]
struct Input {
    name: String,
    source: Source,
}

impl Input {
    fn file(path: PathBuf) -> Self {
        Input {
            name: path.display().to_string(),
            source: Source::File(path),
        }
    }

    fn unreadable(name: impl Into<String>, reason: impl Into<String>) -> Self {
        Input {
            name: name.into(),
            source: Source::Unreadable(reason.into()),
        }
    }
}

/// Why a file system entry could not be read, in Chinese.
fn io_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "找不到该文件或文件夹".to_string(),
        io::ErrorKind::PermissionDenied => "没有读取权限".to_string(),
        io::ErrorKind::IsADirectory => "是文件夹，不是文件".to_string(),
        _ => format!("无法读取：{e}"),
    }
}

/// The extensions of files in a folder that are checked.
const REPORT_EXTENSIONS: &[&str] = &[
    "txt", "md", "docx", "pdf", "xlsx", "html", "htm", "mht", "mhtml", "doc", "wps",
];

/// Whether a file in a folder is one to check, by its extension (its content
/// decides how it is read). Old `.doc`/`.wps` files are listed so that the
/// summary says how to convert them rather than skipping them silently.
fn is_report_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| REPORT_EXTENSIONS.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

/// Every `.txt`/`.md` file under `dir`, recursively, and every sub-folder that
/// cannot be read. Symbolic links to folders are not followed (no loops).
fn walk(dir: &Path, found: &mut Vec<Input>) {
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            found.push(Input::unreadable(dir.display().to_string(), io_reason(&e)));
            return;
        }
    };
    for entry in entries {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                found.push(Input::unreadable(dir.display().to_string(), io_reason(&e)));
                continue;
            }
        };
        let path = entry.path();
        let Ok(ft) = entry.file_type() else { continue };
        if ft.is_dir() {
            walk(&path, found);
        } else if is_report_file(&path)
            && (ft.is_file() || fs::metadata(&path).is_ok_and(|m| m.is_file()))
        {
            found.push(Input::file(path));
        }
    }
}

/// Expands the FILE arguments, in order: files as given, folders to their
/// report files (sorted by path), `-` to stdin; what cannot be read stays in
/// place as [`Source::Unreadable`].
fn expand(args: &[String]) -> Vec<Input> {
    let mut inputs = Vec::new();
    for arg in args {
        if arg == "-" {
            inputs.push(Input {
                name: "-".to_string(),
                source: Source::Stdin,
            });
            continue;
        }
        let path = PathBuf::from(arg);
        match fs::metadata(&path) {
            Err(e) => inputs.push(Input::unreadable(arg.clone(), io_reason(&e))),
            Ok(m) if m.is_dir() => {
                let mut found = Vec::new();
                walk(&path, &mut found);
                found.sort_by(|a, b| Path::new(&a.name).cmp(Path::new(&b.name)));
                if !found.iter().any(|i| matches!(i.source, Source::File(_))) {
                    found.push(Input::unreadable(
                        arg.clone(),
                        "文件夹中没有可检查的报告文件（.docx、.pdf、.xlsx、.html、.txt、.md 等）",
                    ));
                }
                inputs.extend(found);
            }
            Ok(_) => inputs.push(Input {
                name: arg.clone(),
                source: Source::File(path),
            }),
        }
    }
    inputs
}

/// Reads an input's bytes, refusing early what is far too large to be a report.
fn read_bytes(source: &Source) -> Result<Vec<u8>, String> {
    let limit = read::MAX_FILE_BYTES as u64 + 1;
    let mut bytes = Vec::new();
    let result = match source {
        Source::Stdin => io::stdin().lock().take(limit).read_to_end(&mut bytes),
        Source::File(p) => fs::File::open(p).and_then(|f| f.take(limit).read_to_end(&mut bytes)),
        Source::Unreadable(reason) => return Err(reason.clone()),
    };
    result.map_err(|e| io_reason(&e))?;
    if bytes.len() as u64 >= limit {
        let size = match source {
            Source::File(p) => fs::metadata(p).map_or(bytes.len(), |m| m.len() as usize),
            _ => bytes.len(),
        };
        return Err(read::ReadError::TooLarge {
            bytes: size,
            limit: read::MAX_FILE_BYTES,
        }
        .to_string());
    }
    Ok(bytes)
}

/// GB18030 (GBK) text, for drafts saved on Chinese Windows.
fn gb18030(bytes: &[u8]) -> Option<String> {
    let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
    (!had_errors).then(|| text.into_owned())
}

/// Reads one input, whatever its format: its text, format and the reader's notes.
fn read_extracted(name: &str, source: &Source) -> Result<read::Extracted, String> {
    let bytes = read_bytes(source)?;
    let options = read::ReadOptions {
        legacy: Some(&gb18030),
    };
    read::read_bytes(name, &bytes, options).map_err(|e| e.to_string())
}

/// Reads one input, whatever its format, as a report's text.
fn read_text(name: &str, source: &Source) -> Result<String, String> {
    read_extracted(name, source).map(|e| e.text)
}

/// One input read and checked on its own.
struct Done {
    checked: Checked,
    /// The input format: `text`, `docx`, `pdf`, …
    format: &'static str,
    notes: Vec<String>,
    /// What the rules across reports need of it.
    print: Fingerprint,
}

/// Reads, decodes and checks one input, with last year's report when one pairs with it.
fn check_input(input: &Input, config: &Config, prev: &Previous) -> Result<Done, String> {
    let extracted = read_extracted(&input.name, &input.source)?;
    let text = extracted.text;
    if text.len() > MAX_TEXT_BYTES {
        return Err(InputError::TooLarge { bytes: text.len() }.to_string());
    }
    let report = parse::parse_text(&text);
    let last = prev.for_report(&report)?;
    let diagnostics = rules::check_with_prev(&report, last, config);
    let print = Fingerprint::new(&report);
    Ok(Done {
        checked: Checked {
            report,
            diagnostics,
        },
        format: extracted.format.key(),
        notes: extracted.notes,
        print,
    })
}

/// How many threads check files: `NIANBAO_JOBS` when set to a positive number,
/// else every core.
fn jobs() -> usize {
    std::env::var("NIANBAO_JOBS")
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|&n| n > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// `f` over every item on [`jobs`] threads, taking items from a shared queue;
/// the results keep the items' order.
fn par_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = jobs().min(items.len());
    if threads <= 1 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let mut slots: Vec<Option<R>> = items.iter().map(|_| None).collect();
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break };
                        done.push((i, f(item)));
                    }
                    done
                })
            })
            .collect();
        for w in workers {
            // A worker panics only on a bug; the panic is passed on.
            let done = w.join().unwrap_or_else(|e| std::panic::resume_unwind(e));
            for (i, r) in done {
                slots[i] = Some(r);
            }
        }
    });
    slots
        .into_iter()
        .map(|r| r.expect("every item is done"))
        .collect()
}

/// Last year's reports given with `--prev`.
enum Previous {
    None,
    /// One file: last year's report of the body of every input (or why it
    /// cannot be used: too large).
    One(Result<Box<Report>, String>),
    /// A folder: paired with each input by body and year.
    Many {
        reports: Vec<Report>,
        /// (body without whitespace, year) → the first such report, in path order.
        by_body: HashMap<(String, i32), usize>,
    },
}

/// The body a report is paired by: the title's body without whitespace.
fn body_key(r: &Report) -> Option<String> {
    r.body().map(|b| b.split_whitespace().collect())
}

impl Previous {
    fn load(path: Option<&Path>) -> Result<Previous, (String, String)> {
        let Some(path) = path else {
            return Ok(Previous::None);
        };
        let name = path.display().to_string();
        if !path.is_dir() {
            let text = read_text(&name, &Source::File(path.to_path_buf()))
                .map_err(|e| (name, format!("上年年报：{e}")))?;
            if text.len() > MAX_TEXT_BYTES {
                return Ok(Previous::One(Err(InputError::TooLarge {
                    bytes: text.len(),
                }
                .to_string())));
            }
            return Ok(Previous::One(Ok(Box::new(parse::parse_text(&text)))));
        }
        let mut found = Vec::new();
        walk(path, &mut found);
        found.sort_by(|a, b| Path::new(&a.name).cmp(Path::new(&b.name)));
        let read = par_map(&found, |input| {
            let text = read_text(&input.name, &input.source)?;
            if text.len() > MAX_TEXT_BYTES {
                return Err(InputError::TooLarge { bytes: text.len() }.to_string());
            }
            Ok(parse::parse_text(&text))
        });
        let mut reports = Vec::new();
        for (input, r) in found.iter().zip(read) {
            match r {
                Ok(report) => reports.push(report),
                // One unreadable file of last year's does not stop the check.
                Err(reason) => complain(&input.name, &format!("上年年报：{reason}")),
            }
        }
        let mut by_body = HashMap::new();
        for (i, r) in reports.iter().enumerate() {
            if let (Some(body), Some(year)) = (body_key(r), r.year()) {
                by_body.entry((body, year)).or_insert(i);
            }
        }
        Ok(Previous::Many { reports, by_body })
    }

    /// Last year's report for `this`: the same body, the year before. `Err`
    /// when the one report given cannot be used.
    fn for_report(&self, this: &Report) -> Result<Option<&Report>, String> {
        Ok(match self {
            Previous::None => None,
            Previous::One(r) => Some(&**r.as_ref().map_err(Clone::clone)?),
            Previous::Many { reports, by_body } => body_key(this)
                .zip(this.year())
                .and_then(|(body, year)| by_body.get(&(body, year - 1)))
                .map(|&i| &reports[i]),
        })
    }
}

/// The settings for this run: the config file (`--config`, else `./nianbao.toml`
/// when present), then the command-line options over it. `Err` names the file
/// and the reason.
fn build_config(args: &CheckArgs) -> Result<Config, (String, String)> {
    let default = PathBuf::from("nianbao.toml");
    let path = match &args.config {
        Some(p) => Some(p.clone()),
        None => default.is_file().then_some(default),
    };
    let mut config = match &path {
        None => Config::default(),
        Some(p) => {
            let name = p.display().to_string();
            let bytes =
                fs::read(p).map_err(|e| (name.clone(), format!("配置文件：{}", io_reason(&e))))?;
            let text = String::from_utf8(bytes)
                .map_err(|_| (name.clone(), "配置文件不是 UTF-8 文本".to_string()))?;
            config::parse(&text).map_err(|e| (name, format!("配置文件：{e}")))?
        }
    };
    if let Some(b) = args.body_type {
        config.body_type = Some(b.into());
    }
    if let Some(d) = args.published {
        config.published = Some(d);
    }
    Ok(config)
}

fn check(args: &CheckArgs) -> u8 {
    let config = match build_config(args) {
        Ok(c) => c,
        Err((what, reason)) => {
            complain(&what, &reason);
            return 2;
        }
    };
    let prev = match Previous::load(args.prev.as_deref()) {
        Ok(p) => p,
        Err((what, reason)) => {
            complain(&what, &reason);
            return 2;
        }
    };
    let inputs = expand(&args.files);
    if args.fix {
        return fix(&inputs, &config);
    }

    let style = Style {
        color: args.format == OutputFormat::Text
            && io::stdout().is_terminal()
            && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    };
    // Every input, read and checked on its own, on all cores.
    let mut done: Vec<Result<Done, String>> =
        par_map(&inputs, |input| check_input(input, &config, &prev));
    drop(prev);

    // The rules across reports, over every report that was read.
    let (index, members): (Vec<usize>, Vec<Member<'_>>) = done
        .iter()
        .enumerate()
        .filter_map(|(i, d)| {
            let d = d.as_ref().ok()?;
            Some((
                i,
                Member {
                    path: &inputs[i].name,
                    report: &d.checked.report,
                    print: &d.print,
                },
            ))
        })
        .unzip();
    let outcome = batch::check(&members, &config);
    drop(members);
    let similar: Vec<(String, String, batch::SimilarPair)> = outcome
        .similar
        .into_iter()
        .map(|p| {
            let (a, b) = (&inputs[index[p.a]].name, &inputs[index[p.b]].name);
            (a.clone(), b.clone(), p)
        })
        .collect();
    for (k, extra) in outcome.diagnostics.into_iter().enumerate() {
        if let Ok(d) = &mut done[index[k]] {
            batch::merge(&mut d.checked, extra);
        }
    }

    let mut status = 0u8;
    let mut results: Vec<FileResult> = Vec::new();
    let mut rows: Vec<SummaryRow> = Vec::new();
    let mut totals = (0, 0, 0);
    let mut unreadable = 0;
    for (input, result) in inputs.iter().zip(&done) {
        match result {
            Ok(d) => {
                let checked = &d.checked;
                if checked.has_errors() && status == 0 {
                    status = 1;
                }
                let (e, w, i) = checked.counts();
                totals = (totals.0 + e, totals.1 + w, totals.2 + i);
                rows.push(SummaryRow {
                    path: input.name.clone(),
                    body: checked.report.body().map(str::to_string),
                    year: checked.report.year(),
                    format: Some(d.format),
                    counts: Some((e, w)),
                });
                match args.format {
                    OutputFormat::Text => {
                        let mut s = text_render::render_file(&input.name, checked, style);
                        s.push('\n');
                        out(&s);
                    }
                    OutputFormat::Json => results.push(
                        FileResult::checked(&input.name, checked)
                            .with_source(d.format, d.notes.clone()),
                    ),
                }
            }
            Err(reason) => {
                complain(&input.name, reason);
                status = 2;
                unreadable += 1;
                rows.push(SummaryRow {
                    path: input.name.clone(),
                    body: None,
                    year: None,
                    format: None,
                    counts: None,
                });
                results.push(FileResult::error(&input.name, reason.clone()));
            }
        }
    }
    match args.format {
        OutputFormat::Text => {
            if inputs.len() > 1 {
                let pairs: Vec<String> = similar
                    .iter()
                    .map(|(a, b, p)| {
                        let parts: Vec<String> = p
                            .parts
                            .iter()
                            .map(|x| {
                                let pct =
                                    |s: Option<u32>| s.map_or("-".to_string(), |s| format!("{s}%"));
                                format!(
                                    "第{}部分 {}/{}",
                                    x.kind.ordinal(),
                                    pct(x.share_a),
                                    pct(x.share_b)
                                )
                            })
                            .collect();
                        format!(
                            "{a} ↔ {b}：文字部分 {}%/{}% 相同；{}",
                            p.share_a,
                            p.share_b,
                            parts.join("、")
                        )
                    })
                    .collect();
                let mut s = text_render::summary_table(&rows, &pairs);
                s.push_str(&text_render::summary(inputs.len(), unreadable, totals));
                out(&s);
            }
        }
        OutputFormat::Json => {
            let pairs = similar
                .iter()
                .map(|(a, b, p)| SimilarJson::new(p, a, b))
                .collect();
            let summary = SummaryJson::new(&results, pairs);
            let mut s = to_json_with_summary(&results, &summary);
            s.push('\n');
            out(&s);
        }
    }
    status
}

/// `--fix`: the text of one input with every safe fix applied, on stdout.
fn fix(inputs: &[Input], config: &Config) -> u8 {
    if let Some(Input {
        name,
        source: Source::Unreadable(reason),
    }) = inputs
        .iter()
        .find(|i| matches!(i.source, Source::Unreadable(_)))
    {
        complain(name, reason);
        return 2;
    }
    let [input] = inputs else {
        complain(
            "--fix",
            &format!("一次只能修正一个文件，现有 {} 个", inputs.len()),
        );
        return 2;
    };
    let text = match read_text(&input.name, &input.source) {
        Ok(t) => t,
        Err(reason) => {
            complain(&input.name, &reason);
            return 2;
        }
    };
    let (fixed, applied) = match nianbao::fix_text(&text, config) {
        Ok(r) => r,
        Err(e) => {
            complain(&input.name, &e.to_string());
            return 2;
        }
    };
    out(&fixed);
    // What is left to fix by hand decides the exit status.
    let Ok(after) = check_text_with_prev(&fixed, None, config) else {
        return 2;
    };
    let (e, w, i) = after.counts();
    eprintln!(
        "nianbao: {}: 已应用 {applied} 处安全修正；修正后：错误 {e}，警告 {w}，提示 {i}",
        input.name
    );
    u8::from(after.has_errors())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn dates_are_checked() {
        assert_eq!(
            parse_date("2022-01-31"),
            Ok(Date::new(2022, 1, 31).unwrap())
        );
        assert!(parse_date("2024-02-29").is_ok());
        assert!(parse_date("2023-02-29").is_err());
        assert!(parse_date("2022-13-01").is_err());
        assert!(parse_date("2022-1-31").is_err());
        assert!(parse_date("2022/01/31").is_err());
        assert!(parse_date("２０２２-01-31").is_err());
    }
}
