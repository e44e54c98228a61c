//! The page's file reader (feature `reader`): a Web Worker that turns a file's
//! bytes into a report's text with [`nianbao::read`], off the page's main
//! thread. The page loads it only when a file is opened or rich text is
//! pasted, so the first page load carries none of the readers.
//!
//! Protocol: the worker posts `"ready"` once it has started; then each message
//! `{id, name, bytes: Uint8Array, html: bool}` is answered with a
//! [`nianbao::read::Reply`] (serialised by serde-wasm-bindgen). `html` reads
//! the bytes as a clipboard's `text/html` whatever they look like.

use js_sys::{Reflect, Uint8Array};
use nianbao::read::{self, Format, ReadOptions, Reply};
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent, TextDecoder, TextDecoderOptions};

fn main() {
    console_error_panic_hook::set_once();
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_to = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
        let reply = answer(&ev.data());
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

/// GB18030 (GBK) through the browser's TextDecoder: no code tables in the wasm.
fn gb18030(bytes: &[u8]) -> Option<String> {
    let options = TextDecoderOptions::new();
    options.set_fatal(true);
    let decoder = TextDecoder::new_with_label_and_options("gb18030", &options).ok()?;
    decoder.decode_with_u8_array(bytes).ok()
}
