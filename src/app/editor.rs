//! The draft: a textarea checked as the user types, with 「载入示例」 and 「清空」.
//!
//! The textarea owns its value. The page reads it on every input and writes it
//! only on load, example, clear, restore and paste, never while an IME
//! composition is under way (writing it would cancel the composition).

use std::time::Duration;

use leptos::leptos_dom::helpers::TimeoutHandle;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{ClipboardEvent, CompositionEvent, Event, HtmlTextAreaElement, InputEvent};

use super::{AppState, Outcome, SEED, normalise_newlines, save_draft};

/// Drafts longer than this (in UTF-16 units, about 256 K characters) are
/// checked once typing pauses rather than on every keystroke.
const LARGE_DRAFT_UTF16: u32 = 256 * 1024;

/// The pause that triggers the check of a large draft.
const LARGE_DRAFT_PAUSE: Duration = Duration::from_millis(400);

/// The handlers a text area of the page needs, for the draft and for last
/// year's report alike: input is read (through `sync`) except during an IME
/// composition, and a paste is inserted by the page itself, because a paste
/// event from a script (as in the browser tests) is untrusted and the browser
/// would ignore it.
pub(crate) struct TextareaHandlers<I, S, E, P> {
    pub on_input: I,
    pub on_composition_start: S,
    pub on_composition_end: E,
    pub on_paste: P,
}

#[allow(clippy::type_complexity)] // Four closure types, spelled out once here.
pub(crate) fn textarea_handlers(
    textarea: NodeRef<leptos::html::Textarea>,
    sync: impl Fn() + Copy + 'static,
) -> TextareaHandlers<
    impl Fn(Event) + Copy + 'static,
    impl Fn(CompositionEvent) + Copy + 'static,
    impl Fn(CompositionEvent) + Copy + 'static,
    impl Fn(ClipboardEvent) + Copy + 'static,
> {
    let composing = StoredValue::new(false);
    TextareaHandlers {
        on_input: move |ev: Event| {
            let in_composition = ev
                .dyn_ref::<InputEvent>()
                .is_some_and(InputEvent::is_composing);
            if !in_composition && !composing.get_value() {
                sync();
            }
        },
        on_composition_start: move |_: CompositionEvent| composing.set_value(true),
        on_composition_end: move |_: CompositionEvent| {
            composing.set_value(false);
            sync();
        },
        on_paste: move |ev: ClipboardEvent| {
            if composing.get_value() {
                return;
            }
            let Some(ta) = textarea.get_untracked() else {
                return;
            };
            if let Some(html) = table_html(&ev) {
                // Word, WPS and web pages put tables on the clipboard as HTML
                // with real cells; the reader worker turns them into rows.
                // Until it answers, nothing is inserted; if it cannot, the
                // plain text is pasted as the browser would.
                ev.prevent_default();
                let plain = clipboard(&ev, "text/plain");
                let (start, end) = selection(&ta);
                super::files::read_pasted_html(&html, move |text| {
                    let text = text.filter(|t| !t.trim().is_empty()).unwrap_or(plain);
                    insert_at(&ta, &normalise_newlines(text), start, end);
                    sync();
                });
                return;
            }
            if insert_pasted(&ta, &ev) {
                sync();
            }
        },
    }
}

/// The textarea, its buttons and the input messages.
#[component]
pub(crate) fn Editor(
    /// The draft to show first (restored from localStorage, or the example).
    initial: String,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let pending = StoredValue::new(None::<TimeoutHandle>);

    // Reads the textarea into the text signal (the check follows).
    let sync_now = move || {
        if let Some(ta) = state.textarea.get_untracked() {
            let v = ta.value();
            if state.text.with_untracked(|t| *t != v) {
                state.text.set(v);
            }
        }
        state.note.set(None);
    };
    // Small drafts are checked on every keystroke; a large one once typing
    // pauses, so that typing into it stays quick. The timer reads the
    // textarea when it fires, so it never brings back an older text.
    let sync = move || {
        if let Some(h) = pending.get_value() {
            h.clear();
            pending.set_value(None);
        }
        let large = state
            .textarea
            .get_untracked()
            .is_some_and(|ta| ta.text_length() > LARGE_DRAFT_UTF16);
        if large {
            let h = set_timeout_with_handle(
                move || {
                    pending.set_value(None);
                    sync_now();
                },
                LARGE_DRAFT_PAUSE,
            );
            pending.set_value(h.ok());
        } else {
            sync_now();
        }
    };

    // Leaving the page while a large draft waits for its check: keep it now.
    let _ = window_event_listener_untyped("pagehide", move |_| {
        if let Some(h) = pending.get_value() {
            h.clear();
            pending.set_value(None);
            sync_now();
            state.text.with_untracked(|t| save_draft(t));
        }
    });

    let TextareaHandlers {
        on_input,
        on_composition_start,
        on_composition_end,
        on_paste,
    } = textarea_handlers(state.textarea, sync);

    let load_example = move |_| {
        state.replace_keeping_old(SEED.to_string());
    };
    let clear = move |_| {
        state.replace_keeping_old(String::new());
        if let Some(ta) = state.textarea.get_untracked() {
            let _ = ta.focus();
        }
    };
    let restore = move |_| {
        if let Some(old) = state.discarded.get_untracked() {
            state.discarded.set(None);
            state.replace_text(old);
        }
    };

    let message = move || {
        match state.outcome.get() {
        Outcome::Empty => Some((
            "hint",
            "请粘贴年报全文（从 Word、WPS、PDF 或网页复制均可），输入时会自动检查。"
                .to_string(),
        )),
        Outcome::Rejected(reason) => Some(("error", format!("未检查：{reason}。已输入的文本仍保留在文本框中。"))),
        Outcome::NoReport => Some((
            "warn",
            "未识别到年报内容：没有找到报告标题、“一、总体情况”等六个部分的标题或统计表。请确认粘贴的是政府信息公开工作年度报告全文。"
                .to_string(),
        )),
        Outcome::Checked(_) => None,
    }
    };
    let message_class = move || match message() {
        Some((kind, _)) => format!("message message-{kind}"),
        None => "message message-none".to_string(),
    };

    view! {
        <div class="editor">
            <div class="toolbar">
                <label for="draft" class="draft-label">"年报草稿"</label>
                <span class="toolbar-actions">
                    <super::files::FileOpener />
                    <button type="button" id="load-example" on:click=load_example>
                        "载入示例"
                    </button>
                    <button type="button" id="clear" on:click=clear>
                        "清空"
                    </button>
                </span>
            </div>
            <super::files::FileStatus />
            <textarea
                id="draft"
                node_ref=state.textarea
                prop:value=initial
                spellcheck="false"
                autocomplete="off"
                placeholder="在此粘贴年报全文……"
                aria-describedby="message"
                on:input=on_input
                on:paste=on_paste
                on:compositionstart=on_composition_start
                on:compositionend=on_composition_end
            ></textarea>
            <p id="message" class=message_class role="status" aria-live="polite">
                {move || message().map(|(_, m)| m)}
            </p>
            {move || {
                state
                    .discarded
                    .get()
                    .map(|_| {
                        view! {
                            <p class="quiet undo">
                                "原来的草稿已替换。"
                                <button type="button" id="restore" class="link" on:click=restore>
                                    "恢复原来的草稿"
                                </button>
                            </p>
                        }
                    })
            }}
            {move || {
                state.note.get().map(|n| view! { <p id="note" class="quiet">{n}</p> })
            }}
            {move || {
                state
                    .storage_note
                    .get()
                    .map(|n| view! { <p id="storage-note" class="quiet">{n}</p> })
            }}
        </div>
    }
}

/// The clipboard's data of one type (empty when absent).
fn clipboard(ev: &ClipboardEvent, kind: &str) -> String {
    ev.clipboard_data()
        .and_then(|d| d.get_data(kind).ok())
        .unwrap_or_default()
}

/// The clipboard's HTML when it holds a table (a copy from Word, WPS or a web
/// page); plain paragraphs paste as well as plain text.
fn table_html(ev: &ClipboardEvent) -> Option<String> {
    let html = clipboard(ev, "text/html");
    let lower = html.to_ascii_lowercase();
    (lower.contains("<table") || lower.contains("<td")).then_some(html)
}

/// The textarea's selection, ordered, in UTF-16 units.
fn selection(ta: &HtmlTextAreaElement) -> (u32, u32) {
    let len = ta.text_length();
    let start = ta.selection_start().ok().flatten().unwrap_or(len);
    let end = ta.selection_end().ok().flatten().unwrap_or(start);
    (start.min(end), end.max(start))
}

/// Inserts the text of a paste event at the textarea's selection, as the
/// browser would for a trusted paste; returns whether it did (there was text).
pub(crate) fn insert_pasted(ta: &HtmlTextAreaElement, ev: &ClipboardEvent) -> bool {
    let pasted = clipboard(ev, "text/plain");
    if pasted.is_empty() {
        return false; // nothing as text: leave it to the browser
    }
    ev.prevent_default();
    let (start, end) = selection(ta);
    insert_at(ta, &normalise_newlines(pasted), start, end);
    true
}

/// Replaces the UTF-16 range `start..end` of the textarea with `pasted`,
/// leaving the caret after it.
fn insert_at(ta: &HtmlTextAreaElement, pasted: &str, start: u32, end: u32) {
    let len = ta.text_length();
    let (start, end) = (start.min(len), end.min(len));
    if ta
        .set_range_text_with_start_and_end_and_mode(pasted, start, end, "end")
        .is_err()
    {
        // Should not happen; fall back to rebuilding the value.
        let v = ta.value();
        let units: Vec<u16> = v.encode_utf16().collect();
        let (a, b) = (start as usize, (end as usize).min(units.len()));
        let mut out = String::from_utf16_lossy(&units[..a.min(b)]);
        out.push_str(pasted);
        out.push_str(&String::from_utf16_lossy(&units[b..]));
        ta.set_value(&out);
    }
}
