//! 「批量审查」: many files at once, read and checked in the batch worker
//! (`src/bin/reader.rs`, [`crate::batch::desk`]), with a summary table (sorted,
//! filtered, a page of rows at a time), the similar pairs (H901) side by side,
//! the pairs across years (Y rules) and the CSV and JSON of the whole batch.
//!
//! The reports stay in the worker; the page keeps only the rows. Opening a row
//! asks the worker for that file's text and loads it into the editor.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;
use std::sync::Arc;

use js_sys::{Array, Object, Reflect};
use leptos::prelude::*;
use serde::Deserialize;
use wasm_bindgen::prelude::*;
use web_sys::File;

use super::AppState;
use super::files::{self, Answer, Lane, Source};
use crate::batch::desk::{PairView, Row, Status};
use crate::read::Extracted;

/// Rows shown per page of the table.
pub(crate) const PAGE_ROWS: usize = 100;

/// The table's sortable columns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Col {
    Order,
    Name,
    Body,
    Year,
    Format,
    Errors,
    Warnings,
    Status,
    Similar,
}

/// The status filter: every row, or those of one status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Show {
    All,
    Only(Status),
}

/// The batch review's state, shared through [`AppState`]. Every field is a handle.
#[derive(Clone, Copy)]
pub(crate) struct Batch {
    /// Whether the batch view is shown (instead of the single report).
    pub on: RwSignal<bool>,
    pub rows: RwSignal<Vec<Row>>,
    pub pairs: RwSignal<Vec<PairView>>,
    /// Input files done of all, while the batch runs.
    pub progress: RwSignal<Option<(usize, usize)>>,
    pub error: RwSignal<Option<String>>,
    /// The rules across reports have run.
    pub finished: RwSignal<bool>,
    pub sort: RwSignal<(Col, bool)>,
    pub show: RwSignal<Show>,
    pub query: RwSignal<String>,
    pub page: RwSignal<usize>,
    /// The similar pair shown side by side.
    pub pair_open: RwSignal<Option<usize>>,
}

impl Batch {
    pub(crate) fn new() -> Self {
        Batch {
            on: RwSignal::new(false),
            rows: RwSignal::new(Vec::new()),
            pairs: RwSignal::new(Vec::new()),
            progress: RwSignal::new(None),
            error: RwSignal::new(None),
            finished: RwSignal::new(false),
            sort: RwSignal::new((Col::Order, true)),
            show: RwSignal::new(Show::All),
            query: RwSignal::new(String::new()),
            page: RwSignal::new(0),
            pair_open: RwSignal::new(None),
        }
    }
}

#[derive(Deserialize)]
struct Progress {
    done: usize,
    total: usize,
    rows: Vec<Row>,
}

#[derive(Deserialize)]
struct Finished {
    rows: Vec<Row>,
    pairs: Vec<PairView>,
}

/// Whether a dropped file goes to the batch rather than to the editor.
pub(crate) fn is_archive(file: &File) -> bool {
    crate::batch::desk::is_archive(&file.name())
}

fn order_key(r: &Row, col: Col) -> (i64, String) {
    let status = |s: Status| match s {
        Status::Failed => 0,
        Status::Unreadable => 1,
        Status::Passed => 2,
    };
    match col {
        Col::Order => (r.index as i64, String::new()),
        Col::Name => (0, r.name.clone()),
        Col::Body => (
            i64::from(r.body.is_none()),
            r.body.clone().unwrap_or_default(),
        ),
        Col::Year => (r.year.map_or(i64::MAX, i64::from), String::new()),
        Col::Format => (0, r.format.clone().unwrap_or_default()),
        Col::Errors => (r.errors as i64, String::new()),
        Col::Warnings => (r.warnings as i64, String::new()),
        Col::Status => (status(r.status), String::new()),
        Col::Similar => (r.similar.len() as i64, String::new()),
    }
}

/// The rows shown, in order: those of the status chosen whose file or body
/// contains `query`, sorted by `col` (then by their order in the batch).
pub(crate) fn visible(
    rows: &[Row],
    (col, ascending): (Col, bool),
    show: Show,
    query: &str,
) -> Vec<usize> {
    let q = query.trim();
    let mut out: Vec<usize> = rows
        .iter()
        .enumerate()
        .filter(|(_, r)| match show {
            Show::All => true,
            Show::Only(s) => r.status == s,
        })
        .filter(|(_, r)| {
            q.is_empty() || r.name.contains(q) || r.body.as_deref().is_some_and(|b| b.contains(q))
        })
        .map(|(i, _)| i)
        .collect();
    crate::sort::sort_by(&mut out, |&a, &b| {
        let (x, y) = (order_key(&rows[a], col), order_key(&rows[b], col));
        let o = if ascending { x.cmp(&y) } else { y.cmp(&x) };
        o.then(rows[a].index.cmp(&rows[b].index))
    });
    out
}

/// (passed, failed, unreadable).
pub(crate) fn counts(rows: &[Row]) -> (usize, usize, usize) {
    rows.iter().fold((0, 0, 0), |(p, f, u), r| match r.status {
        Status::Passed => (p + 1, f, u),
        Status::Failed => (p, f + 1, u),
        Status::Unreadable => (p, f, u + 1),
    })
}

/// The name a file is shown by: its path inside a chosen folder, else its name.
fn shown_name(file: &File) -> String {
    Reflect::get(file, &"webkitRelativePath".into())
        .ok()
        .and_then(|p| p.as_string())
        .filter(|p| !p.is_empty())
        .unwrap_or_else(|| file.name())
}

/// Starts a new batch of `list` (the old one is dropped) and shows the batch
/// view. Of a chosen folder, only report files and archives are checked.
pub(crate) fn start(state: AppState, mut list: Vec<File>) {
    let b = state.batch;
    b.on.set(true);
    list.retain(|f| {
        let name = shown_name(f);
        name == f.name() || crate::batch::desk::is_batch_file(&name)
    });
    if list.is_empty() {
        return;
    }
    b.rows.set(Vec::new());
    b.pairs.set(Vec::new());
    b.error.set(None);
    b.finished.set(false);
    b.page.set(0);
    b.pair_open.set(None);
    b.progress.set(Some((0, list.len())));
    let config = state.settings.with_untracked(|s| s.to_config());
    let total = list.len();
    let queue: Rc<RefCell<VecDeque<File>>> = Rc::new(RefCell::new(list.into()));
    let id: Rc<Cell<Option<u32>>> = Rc::new(Cell::new(None));
    let job = Object::new();
    let _ = Reflect::set(&job, &"kind".into(), &"batch".into());
    let _ = Reflect::set(
        &job,
        &"config".into(),
        &JsValue::from_str(&serde_json::to_string(&config).unwrap_or_default()),
    );
    let _ = Reflect::set(&job, &"total".into(), &JsValue::from(total as u32));
    let (pump_queue, pump_id) = (queue.clone(), id.clone());
    let mut pumping = false;
    let job_id = files::submit_job(
        Lane::Batch,
        job,
        None,
        Box::new(move |answer| match answer {
            Answer::Progress(data) => {
                if !pumping {
                    // The worker has started the batch: send it the files.
                    pumping = true;
                    if let Some(id) = pump_id.get() {
                        pump(id, pump_queue.clone());
                    }
                }
                if let Some(p) = value_of(&data).and_then(|v| from_value::<Progress>(v).ok()) {
                    if !p.rows.is_empty() {
                        b.rows.update(|rows| rows.extend(p.rows));
                    }
                    b.progress.set(Some((p.done, p.total)));
                }
            }
            Answer::Final(data) => {
                b.progress.set(None);
                match answer_value(&data).and_then(from_value::<Finished>) {
                    Ok(f) => {
                        b.rows.set(f.rows);
                        b.pairs.set(f.pairs);
                        b.finished.set(true);
                    }
                    Err(e) => b.error.set(Some(format!("批量审查未能完成：{e}"))),
                }
            }
            Answer::Failed(e) => {
                b.progress.set(None);
                b.error.set(Some(format!("批量审查未能完成：{e}")));
            }
        }),
    );
    id.set(job_id);
}

/// Files posted to the worker per message.
const CHUNK: usize = 16;

/// Sends the files to the worker a chunk per task (cloning a file chosen from
/// disk costs the main thread a little each), then asks it to finish.
fn pump(id: u32, queue: Rc<RefCell<VecDeque<File>>>) {
    let chunk: Vec<File> = {
        let mut q = queue.borrow_mut();
        let n = q.len().min(CHUNK);
        q.drain(..n).collect()
    };
    let message = Object::new();
    if chunk.is_empty() {
        let _ = Reflect::set(&message, &"kind".into(), &"finish".into());
        files::post_more(Lane::Batch, id, &message);
        return;
    }
    let names = Array::new();
    let list = Array::new();
    for f in &chunk {
        names.push(&JsValue::from_str(&shown_name(f)));
        list.push(f);
    }
    let _ = Reflect::set(&message, &"kind".into(), &"add".into());
    let _ = Reflect::set(&message, &"files".into(), &list);
    let _ = Reflect::set(&message, &"names".into(), &names);
    if files::post_more(Lane::Batch, id, &message) {
        gloo::timers::callback::Timeout::new(0, move || pump(id, queue)).forget();
    }
}

/// An answer's value: a text (an export) or a structured value.
fn value_of(data: &JsValue) -> Option<JsValue> {
    Reflect::get(data, &"value".into())
        .ok()
        .filter(|v| !v.is_undefined())
}

/// A final answer's value, or its error.
fn answer_value(data: &JsValue) -> Result<JsValue, String> {
    if let Some(v) = value_of(data) {
        return Ok(v);
    }
    Err(Reflect::get(data, &"error".into())
        .ok()
        .and_then(|e| e.as_string())
        .unwrap_or_else(|| "未知错误".to_string()))
}

/// A structured value from the worker (serde-wasm-bindgen on both sides: the
/// page carries no JSON parser of its own).
fn from_value<T: serde::de::DeserializeOwned>(v: JsValue) -> Result<T, String> {
    serde_wasm_bindgen::from_value(v).map_err(|e| format!("内部错误：{e}"))
}

/// Sends a job about the batch kept in the worker; `done` gets its value.
fn ask(job: Object, done: impl FnOnce(Result<JsValue, String>) + 'static) {
    let mut done = Some(done);
    files::submit_job(
        Lane::Batch,
        job,
        None,
        Box::new(move |answer| {
            let result = match answer {
                Answer::Progress(_) => return,
                Answer::Final(data) => answer_value(&data),
                Answer::Failed(e) => Err(e),
            };
            if let Some(done) = done.take() {
                done(result);
            }
        }),
    );
}

/// Asks the worker for the text of the batch's file `index`.
fn open_job(index: usize, done: impl FnOnce(Result<Extracted, String>) + 'static) {
    let job = Object::new();
    let _ = Reflect::set(&job, &"kind".into(), &"open".into());
    let _ = Reflect::set(&job, &"index".into(), &JsValue::from(index as u32));
    ask(job, move |result| {
        done(result.and_then(|v| from_value::<Result<Extracted, String>>(v)?));
    });
}

/// Opens row `index`'s report in the editor (the single view), with last
/// year's report the batch paired with it (`prev`) as 上年年报, so that the
/// editor shows the findings the batch found; without a pair, 上年年报 is
/// emptied (the batch checked the report without one).
fn open_row(state: AppState, index: usize, name: String, prev: Option<(usize, String)>) {
    open_job(index, move |extracted| match extracted {
        Ok(extracted) => {
            let text = extracted.text.clone();
            state.file_error.set(None);
            state.source.set(Some(Arc::new(Source {
                name,
                bytes: text.len(),
                extracted,
            })));
            state.replace_keeping_old(text);
            state.batch.on.set(false);
            let note = "已在编辑区打开批量审查中的报告；点「批量审查」可回到汇总表。";
            match prev {
                Some((p, prev_name)) => {
                    state.note.set(Some(format!(
                        "{note}上年年报已换为批量中与它配对的「{prev_name}」。"
                    )));
                    open_job(p, move |extracted| match extracted {
                        Ok(e) => set_prev(state, e.text),
                        Err(e) => state
                            .note
                            .set(Some(format!("无法打开上年年报「{prev_name}」：{e}"))),
                    });
                }
                None => {
                    let had = state.prev.with_untracked(|p| !p.trim().is_empty());
                    set_prev(state, String::new());
                    state.note.set(Some(if had {
                        format!("{note}批量中没有它的上年年报，已清空「上年年报」。")
                    } else {
                        note.to_string()
                    }));
                }
            }
        }
        Err(e) => state
            .batch
            .error
            .set(Some(format!("无法打开「{name}」：{e}"))),
    });
}

/// Replaces 上年年报 (its textarea, and the panel opened when it has text).
fn set_prev(state: AppState, text: String) {
    if let Some(ta) = state.prev_textarea.get_untracked() {
        ta.set_value(&text);
    }
    if !text.trim().is_empty()
        && let Some(panel) = document()
            .get_element_by_id("prev-panel")
            .and_then(|e| e.dyn_into::<web_sys::HtmlDetailsElement>().ok())
    {
        panel.set_open(true);
    }
    state.prev.set(text);
}

fn export(state: AppState, what: &'static str) {
    let job = Object::new();
    let _ = Reflect::set(&job, &"kind".into(), &"export".into());
    let _ = Reflect::set(&job, &"what".into(), &what.into());
    ask(job, move |result| {
        match result.map(|v| v.as_string().unwrap_or_default()) {
            Ok(content) => {
                let (name, mime) = if what == "csv" {
                    ("批量审查汇总.csv", "text/csv;charset=utf-8")
                } else {
                    ("批量审查.json", "application/json;charset=utf-8")
                };
                if super::export::download(name, mime, &content).is_err() {
                    state
                        .batch
                        .error
                        .set(Some("浏览器未能保存文件".to_string()));
                }
            }
            Err(e) => state.batch.error.set(Some(format!("导出失败：{e}"))),
        }
    });
}

/// 「单份检查」「批量审查」: which view is shown.
#[component]
pub(crate) fn ViewTabs() -> impl IntoView {
    let state = expect_context::<AppState>();
    let on = state.batch.on;
    view! {
        <nav class="view-tabs" aria-label="检查方式">
            <button
                type="button"
                id="tab-single"
                aria-pressed=move || (!on.get()).to_string()
                on:click=move |_| on.set(false)
            >
                "单份检查"
            </button>
            <button
                type="button"
                id="tab-batch"
                aria-pressed=move || on.get().to_string()
                on:click=move |_| on.set(true)
            >
                "批量审查"
            </button>
        </nav>
    }
}

const COLUMNS: [(Col, &str); 9] = [
    (Col::Order, "序号"),
    (Col::Name, "文件"),
    (Col::Body, "机关"),
    (Col::Year, "年度"),
    (Col::Format, "格式"),
    (Col::Errors, "错误"),
    (Col::Warnings, "警告"),
    (Col::Status, "状态"),
    (Col::Similar, "正文雷同"),
];

/// The batch view: choosing files, the progress, the table, the pairs.
#[component]
pub(crate) fn BatchView() -> impl IntoView {
    let state = expect_context::<AppState>();
    let b = state.batch;
    let many = NodeRef::<leptos::html::Input>::new();
    let folder = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |_| {
        if let Some(i) = folder.get() {
            let _ = i.set_attribute("webkitdirectory", "");
        }
    });
    let chosen = move |input: NodeRef<leptos::html::Input>| {
        if let Some(i) = input.get_untracked() {
            let list = files::files_of(i.files());
            start(state, list);
            i.set_value("");
        }
    };
    let shown = Memo::new(move |_| {
        b.rows.with(|rows| {
            b.query
                .with(|q| visible(rows, b.sort.get(), b.show.get(), q))
        })
    });
    let pages = move || shown.with(|s| s.len().div_ceil(PAGE_ROWS).max(1));
    let page = move || b.page.get().min(pages() - 1);
    let header = move |(col, label): (Col, &'static str)| {
        let sort = move || {
            let (c, asc) = b.sort.get();
            if c != col {
                "none"
            } else if asc {
                "ascending"
            } else {
                "descending"
            }
        };
        view! {
            <th scope="col" aria-sort=sort data-col=label>
                <button
                    type="button"
                    class="sort"
                    on:click=move |_| {
                        b.sort.update(|s| *s = if s.0 == col { (col, !s.1) } else { (col, true) });
                        b.page.set(0);
                    }
                >
                    {label}
                </button>
            </th>
        }
    };
    let row_view = move |r: &Row| {
        let name_of = |i: usize| {
            b.rows
                .with_untracked(|rows| rows.get(i).map(|r| r.name.clone()).unwrap_or_default())
        };
        let index = r.index;
        let name = r.name.clone();
        let status = r.status;
        let counted = status != Status::Unreadable;
        let similar: Vec<String> = r.similar.iter().map(|&i| name_of(i)).collect();
        let note = r
            .reason
            .clone()
            .or_else(|| (!r.below.is_empty()).then(|| r.below.join("；")));
        let pair = r.prev.map(|p| (p, name_of(p)));
        let prev = pair.as_ref().map(|(_, n)| n.clone());
        view! {
            <tr data-index=index.to_string() data-status=format!("{status:?}").to_lowercase()>
                <td class="num">{index + 1}</td>
                <td class="file">
                    {if counted {
                        let shown = name.clone();
                        view! {
                            <button
                                type="button"
                                class="link open-row"
                                title="在编辑区打开此报告"
                                on:click=move |_| open_row(state, index, shown.clone(), pair.clone())
                            >
                                {name.clone()}
                            </button>
                        }
                            .into_any()
                    } else {
                        view! { <span>{name.clone()}</span> }.into_any()
                    }}
                    {prev.map(|p| view! { <span class="quiet prev-of">{format!("上年：{p}")}</span> })}
                </td>
                <td>{r.body.clone().unwrap_or_default()}</td>
                <td class="num">{r.year.map(|y| y.to_string()).unwrap_or_default()}</td>
                <td>{r.format.clone().unwrap_or_default()}</td>
                <td class="num">{counted.then(|| r.errors.to_string())}</td>
                <td class="num">{counted.then(|| r.warnings.to_string())}</td>
                <td class=format!("status status-{}", format!("{status:?}").to_lowercase())>
                    {status.label()}
                </td>
                <td class="similar">{similar.join("；")}</td>
                <td class="codes">{r.codes.join(" ")}</td>
                <td class="note">{note}</td>
            </tr>
        }
    };
    view! {
        <section id="batch" class="batch" aria-label="批量审查">
            <h2>"批量审查"</h2>
            <p class="quiet">
                "一次检查多份年报：选择多个文件、整个文件夹或 .zip 压缩包，也可以把它们拖到页面上。同一机关上一年度的年报一并选入时，自动配对检查跨年度规则（Y 类）；不同机关正文雷同（H901）和地区汇总数低于所属单位（H902）在下方列出。全部在本机浏览器中完成。"
            </p>
            <div class="batch-bar">
                <button type="button" id="batch-open" on:click=move |_| { if let Some(i) = many.get_untracked() { i.click(); } }>
                    "选择文件…"
                </button>
                <button type="button" id="batch-open-folder" on:click=move |_| { if let Some(i) = folder.get_untracked() { i.click(); } }>
                    "选择文件夹…"
                </button>
                <input
                    type="file"
                    id="batch-input"
                    class="visually-hidden"
                    tabindex="-1"
                    aria-hidden="true"
                    multiple
                    accept=".docx,.pdf,.xlsx,.html,.htm,.mht,.mhtml,.txt,.md,.doc,.wps,.zip"
                    node_ref=many
                    on:change=move |_| chosen(many)
                />
                <input
                    type="file"
                    id="batch-folder"
                    class="visually-hidden"
                    tabindex="-1"
                    aria-hidden="true"
                    multiple
                    node_ref=folder
                    on:change=move |_| chosen(folder)
                />
                <button type="button" id="batch-csv" disabled=move || !b.finished.get() on:click=move |_| export(state, "csv")>
                    "导出汇总表（CSV）"
                </button>
                <button type="button" id="batch-json" disabled=move || !b.finished.get() on:click=move |_| export(state, "json")>
                    "导出数据（JSON）"
                </button>
            </div>
            {move || {
                b.progress
                    .get()
                    .map(|(done, total)| {
                        view! {
                            <p id="batch-running" class="file-status" role="status">
                                <progress id="batch-progress" value=done.to_string() max=total.to_string()></progress>
                                {format!(" 正在读取和检查：{done} / {total} 个文件")}
                            </p>
                        }
                    })
            }}
            {move || b.error.get().map(|e| view! { <p id="batch-error" class="message message-error" role="alert">{e}</p> })}
            {move || {
                let (p, f, u) = b.rows.with(|r| counts(r));
                let n = p + f + u;
                (n > 0)
                    .then(|| {
                        let done = b.finished.get();
                        view! {
                            <p id="batch-summary" data-done=done.to_string()>
                                {format!(
                                    "共 {n} 个文件：通过 {p}，不通过 {f}，无法读取 {u}{}",
                                    if done { format!("；正文雷同 {} 对", b.pairs.with(Vec::len)) } else { "（检查中）".to_string() },
                                )}
                            </p>
                        }
                    })
            }}
            <div class="batch-filters">
                <label>
                    "状态 "
                    <select
                        id="batch-status"
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            b.show.set(match v.as_str() {
                                "passed" => Show::Only(Status::Passed),
                                "failed" => Show::Only(Status::Failed),
                                "unreadable" => Show::Only(Status::Unreadable),
                                _ => Show::All,
                            });
                            b.page.set(0);
                        }
                    >
                        <option value="all">"全部"</option>
                        <option value="failed">"不通过"</option>
                        <option value="passed">"通过"</option>
                        <option value="unreadable">"无法读取"</option>
                    </select>
                </label>
                <label>
                    "搜索机关或文件 "
                    <input
                        type="search"
                        id="batch-query"
                        prop:value=move || b.query.get()
                        on:input=move |ev| {
                            b.query.set(event_target_value(&ev));
                            b.page.set(0);
                        }
                    />
                </label>
                <span class="quiet">{move || format!("显示 {} 个", shown.with(Vec::len))}</span>
            </div>
            <div class="batch-table-wrap">
                <table id="batch-table" class="batch-table">
                    <thead>
                        <tr>
                            {COLUMNS.into_iter().map(header).collect_view()}
                            <th scope="col">"规则"</th>
                            <th scope="col">"说明"</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For
                            each=move || {
                                let p = page();
                                shown.with(|s| {
                                    b.rows.with(|rows| {
                                        s.iter()
                                            .skip(p * PAGE_ROWS)
                                            .take(PAGE_ROWS)
                                            .map(|&i| rows[i].clone())
                                            .collect::<Vec<_>>()
                                    })
                                })
                            }
                            key=|r: &Row| r.clone()
                            children=move |r: Row| row_view(&r)
                        />
                    </tbody>
                </table>
            </div>
            <p class="batch-pages">
                <button type="button" id="batch-prev-page" disabled=move || page() == 0 on:click=move |_| b.page.set(page().saturating_sub(1))>
                    "上一页"
                </button>
                <span id="batch-page">{move || format!(" 第 {} / {} 页 ", page() + 1, pages())}</span>
                <button type="button" id="batch-next-page" disabled=move || page() + 1 >= pages() on:click=move |_| b.page.set(page() + 1)>
                    "下一页"
                </button>
            </p>
            <Pairs />
        </section>
    }
}

/// The similar pairs (H901) and, for the one chosen, its passages side by side.
#[component]
fn Pairs() -> impl IntoView {
    let state = expect_context::<AppState>();
    let b = state.batch;
    let name_of = move |i: usize| {
        b.rows
            .with(|r| r.get(i).map(|r| r.name.clone()).unwrap_or_default())
    };
    let pct = |s: Option<u32>| s.map_or("—".to_string(), |s| format!("{s}%"));
    view! {
        {move || {
            let pairs = b.pairs.get();
            (!pairs.is_empty())
                .then(|| {
                    view! {
                        <section id="batch-pairs" class="batch-pairs" aria-label="正文雷同的报告">
                            <h3>"正文雷同的报告（H901）"</h3>
                            <ul>
                                {pairs
                                    .iter()
                                    .enumerate()
                                    .map(|(k, p)| {
                                        let parts: Vec<String> = p
                                            .parts
                                            .iter()
                                            .map(|x| format!("第{}部分 {}/{}", crate::model::PartKind::ALL[(x.part as usize).saturating_sub(1).min(5)].ordinal(), pct(x.share_a), pct(x.share_b)))
                                            .collect();
                                        view! {
                                            <li class="pair" data-a=name_of(p.a) data-b=name_of(p.b)>
                                                <span class="pair-names">{format!("{} ↔ {}", name_of(p.a), name_of(p.b))}</span>
                                                {format!("：文字部分 {}%/{}% 相同；{}", p.share_a, p.share_b, parts.join("、"))}
                                                " "
                                                <button
                                                    type="button"
                                                    class="pair-open"
                                                    aria-expanded=move || (b.pair_open.get() == Some(k)).to_string()
                                                    on:click=move |_| b.pair_open.update(|o| *o = if *o == Some(k) { None } else { Some(k) })
                                                >
                                                    "并排查看"
                                                </button>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                            {move || {
                                let k = b.pair_open.get()?;
                                let p = b.pairs.with(|ps| ps.get(k).cloned())?;
                                let (na, nb) = (name_of(p.a), name_of(p.b));
                                Some(view! {
                                    <div id="pair-view" class="pair-view">
                                        {p.parts
                                            .into_iter()
                                            .map(|x| {
                                                view! {
                                                    <h4>{format!("{}（{} / {}）", x.heading, pct(x.share_a), pct(x.share_b))}</h4>
                                                    <div class="pair-sides">
                                                        <figure class="pair-side">
                                                            <figcaption>{format!("{na} 第 {} 行", x.line_a)}</figcaption>
                                                            <pre class="passage">{x.text_a}</pre>
                                                        </figure>
                                                        <figure class="pair-side">
                                                            <figcaption>{format!("{nb} 第 {} 行", x.line_b)}</figcaption>
                                                            <pre class="passage">{x.text_b}</pre>
                                                        </figure>
                                                    </div>
                                                }
                                            })
                                            .collect_view()}
                                    </div>
                                })
                            }}
                        </section>
                    }
                })
        }}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(index: usize, name: &str, body: &str, status: Status, errors: usize) -> Row {
        Row {
            index,
            name: name.to_string(),
            body: Some(body.to_string()),
            year: Some(2024),
            format: Some("文本".to_string()),
            errors,
            warnings: 0,
            infos: 0,
            status,
            reason: None,
            codes: Vec::new(),
            similar: Vec::new(),
            below: Vec::new(),
            prev: None,
        }
    }

    #[test]
    fn rows_are_filtered_and_sorted() {
        let rows = vec![
            row(0, "b.txt", "甲县人民政府", Status::Failed, 3),
            row(1, "a.txt", "乙县人民政府", Status::Passed, 0),
            row(2, "c.txt", "甲县教育局", Status::Failed, 1),
        ];
        assert_eq!(visible(&rows, (Col::Order, true), Show::All, ""), [0, 1, 2]);
        assert_eq!(visible(&rows, (Col::Name, true), Show::All, ""), [1, 0, 2]);
        assert_eq!(
            visible(&rows, (Col::Errors, false), Show::All, ""),
            [0, 2, 1]
        );
        assert_eq!(
            visible(&rows, (Col::Order, true), Show::Only(Status::Failed), ""),
            [0, 2]
        );
        assert_eq!(
            visible(&rows, (Col::Order, true), Show::All, "甲县"),
            [0, 2]
        );
        assert_eq!(visible(&rows, (Col::Order, true), Show::All, "a.txt"), [1]);
        assert_eq!(counts(&rows), (1, 2, 0));
    }
}
