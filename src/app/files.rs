//! Opening files: the file picker, drag-and-drop on the whole window, and rich
//! paste, all read by the reader worker (`src/bin/reader.rs`).
//!
//! The worker is started on first use, so a user who only pastes text never
//! downloads the readers. Every job is answered or times out; while a file is
//! read the page stays usable, and a file that cannot be read leaves the draft
//! as it was, with a message naming the file and the reason.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

use js_sys::{Object, Reflect, Uint8Array};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{File, MessageEvent, Worker};

use super::AppState;
use crate::read::{Extracted, MAX_FILE_BYTES, Place, Reply};

/// How long a reading job may take before the worker is stopped: readers
/// bound their own work, so this only catches what they cannot.
const JOB_TIMEOUT_MS: u32 = 60_000;

/// The file the draft was read from, while the draft is still its text.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Source {
    pub name: String,
    pub bytes: usize,
    pub extracted: Extracted,
}

impl Source {
    /// Where the byte `offset` of the draft is in the file, in words, when the
    /// draft is still the file's text.
    pub(crate) fn place_label(&self, draft: &str, offset: u32) -> Option<String> {
        if draft != self.extracted.text {
            return None;
        }
        Some(match self.extracted.place_at(offset)? {
            Place::Page { page, .. } => format!("PDF 第 {page} 页"),
            Place::Paragraph { index } => format!("文档第 {} 段", index + 1),
            Place::Cell { table, row, col } => format!(
                "文档第 {} 个表格第 {} 行第 {} 列",
                table + 1,
                row + 1,
                col + 1
            ),
            Place::Sheet { sheet, row, col } => {
                format!("第 {} 张工作表 {}{}", sheet + 1, column_name(col), row + 1)
            }
        })
    }
}

/// A spreadsheet column's letters: 0 → A, 26 → AA.
fn column_name(mut col: u32) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// What is being read, for the status line.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Reading {
    pub name: String,
    pub bytes: usize,
}

#[wasm_bindgen]
extern "C" {
    /// Starts the reader worker: defined by the page's loader (web/boot.js,
    /// or the single file's inline script), which knows its file names.
    #[wasm_bindgen(catch, js_name = nianbaoReader)]
    fn spawn_reader() -> Result<Worker, JsValue>;
}

type Callback = Box<dyn FnOnce(Result<Extracted, String>)>;

/// What a job's handler gets: a progress message, the answer, or why there is none.
pub(crate) enum Answer {
    Progress(JsValue),
    Final(JsValue),
    Failed(String),
}

type Handler = Box<dyn FnMut(Answer)>;

/// Which worker runs a job: files opened in the editor and rich pastes, or
/// the batch review (which keeps its reports in its worker, so a reading
/// job that times out never loses the batch).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Lane {
    Read = 0,
    Batch = 1,
}

/// The running worker, the jobs it has not answered, and the jobs waiting for
/// it to start.
struct Client {
    worker: Worker,
    ready: bool,
    queued: Vec<JsValue>,
    waiting: HashMap<u32, Handler>,
}

thread_local! {
    static CLIENTS: RefCell<[Option<Client>; 2]> = const { RefCell::new([None, None]) };
    static NEXT_ID: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// Sends a reading job to the worker (starting it if needed); `done` gets the answer.
fn submit(name: &str, bytes: Uint8Array, html: bool, done: Callback) {
    let job = Object::new();
    let _ = Reflect::set(&job, &"name".into(), &JsValue::from_str(name));
    let _ = Reflect::set(&job, &"html".into(), &JsValue::from(html));
    let _ = Reflect::set(&job, &"bytes".into(), &bytes);
    let mut done = Some(done);
    submit_job(
        Lane::Read,
        job,
        Some(JOB_TIMEOUT_MS),
        Box::new(move |answer| {
            let result = match answer {
                Answer::Progress(_) => return,
                Answer::Final(data) => match serde_wasm_bindgen::from_value::<Reply>(data) {
                    Ok(reply) => reply.result,
                    Err(_) => Err("内部错误：读取组件的回答无法识别".to_string()),
                },
                Answer::Failed(e) => Err(e),
            };
            if let Some(done) = done.take() {
                done(result);
            }
        }),
    );
}

/// Sends `job` (an object without its `id`) to the worker of `lane`,
/// starting it if needed; `handler` gets every message of the job, and
/// exactly one final answer or failure. With a `timeout`, a job not answered
/// in time stops the worker. Returns the job's id (`None`: no worker).
pub(crate) fn submit_job(
    lane: Lane,
    job: Object,
    timeout: Option<u32>,
    mut handler: Handler,
) -> Option<u32> {
    let slot = lane as usize;
    let started = CLIENTS.with_borrow_mut(|c| {
        if c[slot].is_none() {
            c[slot] = start(lane).map_err(|e| done_error(&e)).ok();
        }
        c[slot].is_some()
    });
    if !started {
        handler(Answer::Failed(
            "读取组件未能启动（浏览器可能禁用了 Web Worker）。可以改为复制报告全文后粘贴到文本框"
                .to_string(),
        ));
        return None;
    }
    let id = NEXT_ID.with(|n| {
        n.set(n.get() + 1);
        n.get()
    });
    let _ = Reflect::set(&job, &"id".into(), &JsValue::from(id));
    CLIENTS.with_borrow_mut(|c| {
        let c = c[slot].as_mut().expect("started above");
        c.waiting.insert(id, handler);
        if c.ready {
            let _ = c.worker.post_message(&job);
        } else {
            c.queued.push(job.into());
        }
    });
    if let Some(ms) = timeout {
        gloo::timers::callback::Timeout::new(ms, move || {
            let late =
                CLIENTS.with_borrow_mut(|c| c[slot].as_mut().and_then(|c| c.waiting.remove(&id)));
            if let Some(mut handler) = late {
                stop_worker(lane);
                handler(Answer::Failed(
                    "读取超时：文件过于复杂，已停止读取。可以改为复制报告全文后粘贴到文本框"
                        .to_string(),
                ));
            }
        })
        .forget();
    }
    Some(id)
}

/// Posts one more message of job `id` (its answers go to the job's handler);
/// `false` when its worker has stopped.
pub(crate) fn post_more(lane: Lane, id: u32, message: &Object) -> bool {
    let _ = Reflect::set(message, &"id".into(), &JsValue::from(id));
    CLIENTS.with_borrow_mut(|c| match c[lane as usize].as_mut() {
        Some(c) => {
            if c.ready {
                let _ = c.worker.post_message(message);
            } else {
                c.queued.push(message.into());
            }
            true
        }
        _ => false,
    })
}

fn done_error(e: &JsValue) -> String {
    e.as_string().unwrap_or_else(|| "未知错误".to_string())
}

/// Stops the worker and fails every job it had; the next job starts a new one.
fn stop_worker(lane: Lane) {
    let old = CLIENTS.with_borrow_mut(|c| c[lane as usize].take());
    if let Some(c) = old {
        c.worker.terminate();
        for (_, mut handler) in c.waiting {
            handler(Answer::Failed("读取组件已停止，请重试".to_string()));
        }
    }
}

fn start(lane: Lane) -> Result<Client, JsValue> {
    let slot = lane as usize;
    let worker = spawn_reader()?;
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
        let data = ev.data();
        if data.as_string().as_deref() == Some("ready") {
            CLIENTS.with_borrow_mut(|c| {
                if let Some(c) = c[slot].as_mut() {
                    c.ready = true;
                    for job in c.queued.drain(..) {
                        let _ = c.worker.post_message(&job);
                    }
                }
            });
            return;
        }
        let get = |key: &str| Reflect::get(&data, &JsValue::from_str(key)).unwrap_or_default();
        let Some(id) = get("id").as_f64().map(|i| i as u32) else {
            return;
        };
        if get("progress").is_truthy() {
            // The handler is taken out while it runs: it may submit other jobs.
            let handler = CLIENTS.with_borrow_mut(|c| c[slot].as_mut()?.waiting.remove(&id));
            if let Some(mut handler) = handler {
                handler(Answer::Progress(data));
                CLIENTS.with_borrow_mut(|c| {
                    if let Some(c) = c[slot].as_mut() {
                        c.waiting.insert(id, handler);
                    }
                });
            }
            return;
        }
        let handler = CLIENTS.with_borrow_mut(|c| c[slot].as_mut()?.waiting.remove(&id));
        if let Some(mut handler) = handler {
            handler(Answer::Final(data));
        }
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let on_error = Closure::<dyn FnMut(JsValue)>::new(move |_| {
        // A failed start (or a crash): every waiting job gets an answer.
        let old = CLIENTS.with_borrow_mut(|c| c[slot].take());
        if let Some(c) = old {
            c.worker.terminate();
            for (_, mut handler) in c.waiting {
                handler(Answer::Failed(
                    "读取组件出错或未能加载。可以改为复制报告全文后粘贴到文本框".to_string(),
                ));
            }
        }
    });
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    on_error.forget();
    Ok(Client {
        worker,
        ready: false,
        queued: Vec::new(),
        waiting: HashMap::new(),
    })
}

/// Opens a file chosen or dropped by the user: the draft becomes its text,
/// or a message says why it could not be read (the draft stays).
pub(crate) fn open_file(state: AppState, file: File) {
    let name = file.name();
    let bytes = file.size() as usize;
    state.file_error.set(None);
    if bytes > MAX_FILE_BYTES {
        let e = crate::read::ReadError::TooLarge {
            bytes,
            limit: MAX_FILE_BYTES,
        };
        state
            .file_error
            .set(Some(format!("无法打开「{name}」：{e}")));
        return;
    }
    state.reading.set(Some(Reading {
        name: name.clone(),
        bytes,
    }));
    leptos::task::spawn_local(async move {
        let buffer = match JsFuture::from(file.array_buffer()).await {
            Ok(b) => b,
            Err(_) => {
                state.reading.set(None);
                state.file_error.set(Some(format!(
                    "无法打开「{name}」：浏览器未能读取该文件（可能已被移动或删除）"
                )));
                return;
            }
        };
        let data = Uint8Array::new(&buffer);
        let shown = name.clone();
        submit(
            &name,
            data,
            false,
            Box::new(move |result| {
                state.reading.set(None);
                match result {
                    Ok(extracted) => {
                        // The source first: the findings of the new text
                        // look up their places in it.
                        let text = extracted.text.clone();
                        state.source.set(Some(Arc::new(Source {
                            name: shown,
                            bytes,
                            extracted,
                        })));
                        state.replace_keeping_old(text);
                    }
                    Err(reason) => state.file_error.set(Some(format!(
                        "无法打开「{shown}」：{reason}。原来的草稿未改动。"
                    ))),
                }
            }),
        );
    });
}

/// Reads a clipboard's `text/html` (a table copied from Word, WPS or a web
/// page keeps its cells there); `insert` gets the text, or `None` when the
/// HTML could not be read (the caller then pastes the plain text).
pub(crate) fn read_pasted_html(html: &str, insert: impl FnOnce(Option<String>) + 'static) {
    let data = Uint8Array::from(html.as_bytes());
    submit(
        "剪贴板.html",
        data,
        true,
        Box::new(move |result| insert(result.ok().map(|e| e.text))),
    );
}

/// The files of a drop or a file input, as a list.
pub(crate) fn files_of(list: Option<web_sys::FileList>) -> Vec<File> {
    let Some(list) = list else {
        return Vec::new();
    };
    (0..list.length()).filter_map(|i| list.item(i)).collect()
}

/// The file picker and the status of the file being read.
#[component]
pub(crate) fn FileOpener() -> impl IntoView {
    let state = expect_context::<AppState>();
    let input = NodeRef::<leptos::html::Input>::new();
    let choose = move |_| {
        if let Some(i) = input.get_untracked() {
            i.click();
        }
    };
    let on_change = move |_| {
        if let Some(i) = input.get_untracked() {
            if let Some(file) = files_of(i.files()).into_iter().next() {
                open_file(state, file);
            }
            // Choosing the same file again must fire change again.
            i.set_value("");
        }
    };
    view! {
        <button type="button" id="open-file" on:click=choose>
            "打开文件…"
        </button>
        <input
            type="file"
            id="file-input"
            class="visually-hidden"
            tabindex="-1"
            aria-hidden="true"
            accept=".docx,.pdf,.xlsx,.html,.htm,.mht,.mhtml,.txt,.md,.doc,.wps"
            node_ref=input
            on:change=on_change
        />
    }
}

/// The line under the toolbar: what is being read, what the draft was read
/// from, or why a file could not be opened.
#[component]
pub(crate) fn FileStatus() -> impl IntoView {
    let state = expect_context::<AppState>();
    let current = move || {
        state
            .source
            .get()
            .filter(|s| state.text.with(|t| *t == s.extracted.text))
    };
    view! {
        {move || {
            state
                .reading
                .get()
                .map(|r| {
                    view! {
                        <p id="reading" class="file-status" role="status">
                            <progress aria-label="正在读取"></progress>
                            {format!("正在读取「{}」（{} MB）……", r.name, crate::megabytes(r.bytes))}
                        </p>
                    }
                })
        }}
        {move || {
            state
                .file_error
                .get()
                .map(|e| view! { <p id="file-error" class="message message-error" role="alert">{e}</p> })
        }}
        {move || {
            current()
                .map(|s| {
                    let notes = s.extracted.notes.clone();
                    view! {
                        <div id="source" class="file-status">
                            <p>
                                "来自文件「" <strong class="file-name">{s.name.clone()}</strong> "」："
                                <span class="file-kind">{s.extracted.format.label()}</span>
                                {format!("，{} MB。下方为从文件中读出的文字，可直接修改。", crate::megabytes(s.bytes))}
                            </p>
                            {(!notes.is_empty())
                                .then(|| {
                                    view! {
                                        <ul class="file-notes">
                                            {notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}
                                        </ul>
                                    }
                                })}
                        </div>
                    }
                })
        }}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spreadsheet_columns_are_lettered() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(27), "AB");
        assert_eq!(column_name(701), "ZZ");
        assert_eq!(column_name(702), "AAA");
    }
}
