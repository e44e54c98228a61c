//! The page's file reader (feature `reader`): a Web Worker that turns a file's
//! bytes into a report's text with [`nianbao::read`], off the page's main
//! thread. The page loads it only when a file is opened or rich text is
//! pasted, so the first page load carries none of the readers.
//!
//! Protocol: the worker posts `"ready"` once it has started; then each message
//! `{id, name, bytes: Uint8Array, html: bool}` is answered with a
//! [`nianbao::read::Reply`] (serialised by serde-wasm-bindgen). `html` reads
//! the bytes as a clipboard's `text/html` whatever they look like.
//!
//! The batch review (「批量审查」) keeps its reports here, in a
//! [`nianbao::batch::desk::Desk`]; its jobs have a `kind`, and every answer
//! is `{id, text}` (a JSON string the page parses at once) or `{id, error}`:
//!
//! - `{id, kind: "batch", config, total}`: a new batch of `total` files (the
//!   old one is dropped), checked with `config` (a [`nianbao::Config`] as
//!   JSON); answered with a first progress message. Then, with the same id,
//!   `{id, kind: "add", files: File[], names: string[]}` for each chunk of
//!   files (the page sends small chunks: cloning a file chosen from disk
//!   costs the page's main thread a little each): each file is read (a `.zip`
//!   expands to its report files), parsed and checked, with
//!   `{id, progress: true, text}` (a [`Progress`]) at most every 50 ms; and
//!   `{id, kind: "finish"}`: last year's reports are paired, the rules across
//!   reports run, and the answer is a [`Finished`].
//! - `{id, kind: "open", index}`: one file's text (`Result<Extracted, String>`).
//! - `{id, kind: "export", what: "json" | "csv"}`: the whole batch as the
//!   command's JSON or as the summary's CSV.

use std::cell::RefCell;

use js_sys::{Array, Reflect, Uint8Array};
use nianbao::batch::desk::{Desk, PairView, Row};
use nianbao::read::{self, Format, ReadOptions, Reply};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use web_sys::{
    DedicatedWorkerGlobalScope, File, FileReaderSync, MessageEvent, TextDecoder, TextDecoderOptions,
};

/// A batch while its files arrive.
struct Run {
    desk: Desk,
    total: usize,
    done: usize,
    /// Rows already posted.
    sent: usize,
    /// When progress was last posted.
    last: f64,
}

thread_local! {
    /// The last batch checked.
    static DESK: RefCell<Option<Desk>> = const { RefCell::new(None) };
    static RUN: RefCell<Option<Run>> = const { RefCell::new(None) };
}

/// How often, at most, the batch posts its progress.
const PROGRESS_MS: f64 = 50.0;

/// The batch's progress: files done of all, and the rows added since the last one.
#[derive(Serialize)]
struct Progress {
    done: usize,
    total: usize,
    rows: Vec<Row>,
}

/// The batch checked: every row (after the rules across reports) and the similar pairs.
#[derive(Serialize)]
struct Finished {
    rows: Vec<Row>,
    pairs: Vec<PairView>,
}

fn main() {
    console_error_panic_hook::set_once();
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_to = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
        let job = ev.data();
        let kind = Reflect::get(&job, &JsValue::from_str("kind"))
            .ok()
            .and_then(|k| k.as_string());
        if let Some(kind) = kind {
            let id = Reflect::get(&job, &JsValue::from_str("id"))
                .ok()
                .and_then(|v| v.as_f64())
                .unwrap_or(0.0) as u32;
            if let Some(answer) = desk_job(&reply_to, id, &kind, &job) {
                let _ = reply_to.post_message(&message(id, answer, false));
            }
            return;
        }
        let reply = answer(&job);
        if let Ok(value) = serde_wasm_bindgen::to_value(&reply) {
            let _ = reply_to.post_message(&value);
        }
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let _ = scope.post_message(&JsValue::from_str("ready"));
}

/// Reads one job.
fn answer(job: &JsValue) -> Reply {
    let get = |key: &str| Reflect::get(job, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED);
    let id = get("id").as_f64().unwrap_or(0.0) as u32;
    let name = get("name").as_string().unwrap_or_default();
    let html = get("html").as_bool().unwrap_or(false);
    let bytes = get("bytes");
    if !bytes.is_instance_of::<Uint8Array>() {
        return Reply {
            id,
            result: Err("内部错误：读取任务没有文件内容".to_string()),
        };
    }
    let bytes = Uint8Array::from(bytes).to_vec();
    let result = if html {
        // Clipboard HTML is UTF-16 in the browser; the page sends it as UTF-8.
        match String::from_utf8(bytes) {
            Ok(s) => Ok(read::html::read_html(&s)),
            Err(_) => Err("剪贴板内容不是有效的文本".to_string()),
        }
    } else {
        let decoder = gb18030;
        let options = ReadOptions {
            legacy: Some(&decoder),
        };
        read::read_bytes(&name, &bytes, options).map_err(|e| e.to_string())
    };
    let result = result.map(|mut e| {
        if html {
            e.format = Format::Html;
        }
        e
    });
    Reply { id, result }
}

/// `{id, value}`, `{id, progress: true, value}` or `{id, error}`: `value`
/// is a text (an export) or a structured value (see [`value`]).
fn message(id: u32, answer: Result<JsValue, String>, progress: bool) -> JsValue {
    let m = js_sys::Object::new();
    let _ = Reflect::set(&m, &"id".into(), &JsValue::from(id));
    match answer {
        Ok(value) => {
            let _ = Reflect::set(&m, &"value".into(), &value);
        }
        Err(e) => {
            let _ = Reflect::set(&m, &"error".into(), &JsValue::from_str(&e));
        }
    }
    if progress {
        let _ = Reflect::set(&m, &"progress".into(), &JsValue::TRUE);
    }
    m.into()
}

/// A value for the page, as a structured JavaScript value: the page reads it
/// with serde-wasm-bindgen, so it needs no JSON parser of its own.
fn value<T: Serialize>(value: &T) -> Result<JsValue, String> {
    serde_wasm_bindgen::to_value(value).map_err(|e| format!("内部错误：{e}"))
}

/// One job of the batch review: its final answer, or `None` when it has none
/// (the start of a batch and each chunk of its files answer with progress).
fn desk_job(
    scope: &DedicatedWorkerGlobalScope,
    id: u32,
    kind: &str,
    job: &JsValue,
) -> Option<Result<JsValue, String>> {
    let get = |key: &str| Reflect::get(job, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED);
    match kind {
        "batch" => {
            // The old batch goes first: only one is kept.
            DESK.with_borrow_mut(|d| *d = None);
            let config: nianbao::Config = get("config")
                .as_string()
                .and_then(|c| serde_json::from_str(&c).ok())
                .unwrap_or_default();
            let total = get("total").as_f64().unwrap_or(0.0) as usize;
            RUN.with_borrow_mut(|r| {
                *r = Some(Run {
                    desk: Desk::new(config),
                    total,
                    done: 0,
                    sent: 0,
                    last: js_sys::Date::now(),
                })
            });
            let progress = Progress {
                done: 0,
                total,
                rows: Vec::new(),
            };
            let _ = scope.post_message(&message(id, value(&progress), true));
            None
        }
        "add" => {
            let files = Array::from(&get("files"));
            let names = Array::from(&get("names"));
            let decoder = gb18030;
            let options = ReadOptions {
                legacy: Some(&decoder),
            };
            RUN.with_borrow_mut(|run| {
                let Some(run) = run.as_mut() else {
                    return Some(Err("内部错误：批次未开始".to_string()));
                };
                for (i, file) in files.iter().enumerate() {
                    let name = names
                        .get(i as u32)
                        .as_string()
                        .filter(|n| !n.is_empty())
                        .or_else(|| file.dyn_ref::<File>().map(File::name))
                        .unwrap_or_else(|| format!("文件 {}", run.done + 1));
                    match file_bytes(&file) {
                        Ok(bytes) => {
                            run.desk.add(&name, &bytes, options);
                        }
                        Err(reason) => run.desk.add_unreadable(&name, reason),
                    }
                    run.done += 1;
                    let now = js_sys::Date::now();
                    if now - run.last >= PROGRESS_MS || run.done == run.total {
                        run.last = now;
                        let rows = (run.sent..run.desk.len())
                            .map(|k| run.desk.row(k))
                            .collect();
                        run.sent = run.desk.len();
                        let progress = Progress {
                            done: run.done,
                            total: run.total,
                            rows,
                        };
                        let _ = scope.post_message(&message(id, value(&progress), true));
                    }
                }
                None
            })
        }
        "finish" => {
            let Some(run) = RUN.with_borrow_mut(Option::take) else {
                return Some(Err("内部错误：批次未开始".to_string()));
            };
            let mut desk = run.desk;
            desk.finish();
            let finished = Finished {
                rows: desk.rows(),
                pairs: desk.pairs(),
            };
            DESK.with_borrow_mut(|d| *d = Some(desk));
            Some(value(&finished))
        }
        "open" => {
            let index = get("index").as_f64().unwrap_or(-1.0);
            Some(DESK.with_borrow(|d| {
                let desk = d.as_ref().ok_or("没有正在审查的批次")?;
                if index < 0.0 {
                    return Err("没有该文件".to_string());
                }
                let extracted = desk.extracted(index as usize).cloned();
                value(&extracted)
            }))
        }
        "export" => Some(DESK.with_borrow(|d| {
            let desk = d.as_ref().ok_or("没有正在审查的批次")?;
            Ok(JsValue::from_str(
                &match get("what").as_string().as_deref() {
                    Some("csv") => desk.to_csv(),
                    _ => desk.to_json(),
                },
            ))
        })),
        _ => Some(Err(format!("内部错误：未知的任务「{kind}」"))),
    }
}

/// A `File`'s bytes, read synchronously (this is a worker), refusing files
/// far too large to be a report.
fn file_bytes(file: &JsValue) -> Result<Vec<u8>, String> {
    let file: &File = file
        .dyn_ref()
        .ok_or_else(|| "内部错误：任务中没有文件".to_string())?;
    let size = file.size() as usize;
    if size > read::MAX_FILE_BYTES {
        return Err(read::ReadError::TooLarge {
            bytes: size,
            limit: read::MAX_FILE_BYTES,
        }
        .to_string());
    }
    let reader = FileReaderSync::new().map_err(|_| "浏览器未能读取该文件".to_string())?;
    let buffer = reader
        .read_as_array_buffer(file)
        .map_err(|_| "浏览器未能读取该文件（可能已被移动或删除，或是文件夹）".to_string())?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

/// GB18030 (GBK) through the browser's TextDecoder: no code tables in the wasm.
fn gb18030(bytes: &[u8]) -> Option<String> {
    let options = TextDecoderOptions::new();
    options.set_fatal(true);
    let decoder = TextDecoder::new_with_label_and_options("gb18030", &options).ok()?;
    decoder.decode_with_u8_array(bytes).ok()
}
