//! The page: paste a draft report, see its findings and its three tables.
//!
//! Everything runs in the browser. The text is checked as the user types
//! (inside a `Memo`, with last year's report and the settings); nothing is
//! sent anywhere, and the draft, last year's report and the settings are kept
//! only in this browser's `localStorage`.
//!
//! - [`editor`]: the textarea, its buttons and the input messages;
//! - [`files`]: opening files (picker, drop, rich paste) through the reader worker;
//! - [`batch`]: 「批量审查」, many files checked in a worker, the summary table,
//!   the pairs across years and the similar reports;
//! - [`prev`]: last year's report, for the rules across years (Y8xx);
//! - [`settings`]: body type, publication date, rules on/off and severities;
//! - [`findings`]: the counts, the filters and the findings grouped by part,
//!   with next/previous and 「不是问题」 ([`marks`]);
//! - [`verdict`]: passes or not, what blocks it, table 三's balance per column;
//! - [`export`]: CSV, JSON and the printed review sheet; clearing what the
//!   page keeps in this browser;
//! - [`fixes`]: applying fixes (all safe ones after a preview, or one), undo;
//! - [`compare`]: this year's and last year's parts side by side (Y803);
//! - [`tables`]: tables 二, 三 and 四 in the official layout, cells marked;
//! - [`document`]: the report rendered as a document, findings marked in place;
//! - [`rule_help`]: a rule's documentation in a dialog, the catalogue, `#rule/CODE`;
//! - [`locate`], [`diff`]: cell keys, text offsets, line and sentence
//!   comparisons (pure, tested natively).
//!
//! User text is only ever rendered as text nodes: no `inner_html` anywhere.

mod batch;
mod compare;
mod diff;
mod document;
mod editor;
mod export;
mod files;
mod findings;
mod fixes;
mod locate;
mod marks;
mod prev;
mod rule_help;
mod settings;
mod tables;
mod verdict;

use std::sync::Arc;

use leptos::html::Textarea;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::model::Report;
use crate::{Checked, Config, InputError, MAX_TEXT_BYTES};
use settings::Settings;

/// The report loaded on a first visit and by 「载入示例」.
pub(crate) const SEED: &str = include_str!("../../tests/fixtures/text/seed.txt");

/// Where the draft is kept between visits.
pub(crate) const DRAFT_KEY: &str = "nianbao.draft";

/// Where last year's report is kept between visits.
pub(crate) const PREV_KEY: &str = "nianbao.prev";

/// How long typing pauses before the draft is kept.
const SAVE_PAUSE: std::time::Duration = std::time::Duration::from_millis(300);

/// Drafts larger than this are not kept (localStorage holds about 5 MB of
/// UTF-16, and other pages of the same origin need some of it).
pub(crate) const MAX_STORED_BYTES: usize = 2 * 1024 * 1024;

/// What the checker made of the text.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Outcome {
    /// Nothing but whitespace.
    Empty,
    /// Not checked: the reason, in Chinese ([`crate::InputError`]).
    Rejected(String),
    /// Checked, but nothing of a report was recognised (no title, no part, no table).
    NoReport,
    Checked(Arc<Checked>),
}

impl Outcome {
    /// Checks `text`, with last year's report when one is given.
    ///
    /// The same as [`crate::check_text_with_prev`], except that last year's
    /// report comes parsed: it is parsed once when it changes
    /// ([`PrevOutcome`]), not again on every keystroke in the draft.
    pub(crate) fn of(text: &str, prev: Option<&Report>, config: &Config) -> Outcome {
        if text.trim().is_empty() {
            return Outcome::Empty;
        }
        if text.len() > MAX_TEXT_BYTES {
            return Outcome::Rejected(InputError::TooLarge { bytes: text.len() }.to_string());
        }
        let report = crate::parse::parse_text(text);
        if !recognised(&report) {
            return Outcome::NoReport;
        }
        let diagnostics = crate::rules::check_with_prev(&report, prev, config);
        Outcome::Checked(Arc::new(Checked {
            report,
            diagnostics,
        }))
    }
}

/// What the page made of last year's report.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum PrevOutcome {
    Empty,
    /// Not used: the reason, in Chinese.
    Rejected(String),
    /// Nothing of a report was recognised.
    NoReport,
    Parsed(Arc<Report>),
}

impl PrevOutcome {
    pub(crate) fn of(text: &str) -> PrevOutcome {
        if text.trim().is_empty() {
            return PrevOutcome::Empty;
        }
        if text.len() > MAX_TEXT_BYTES {
            return PrevOutcome::Rejected(InputError::TooLarge { bytes: text.len() }.to_string());
        }
        let report = crate::parse::parse_text(text);
        if recognised(&report) {
            PrevOutcome::Parsed(Arc::new(report))
        } else {
            PrevOutcome::NoReport
        }
    }

    pub(crate) fn report(&self) -> Option<&Report> {
        match self {
            PrevOutcome::Parsed(r) => Some(r),
            _ => None,
        }
    }
}

/// Whether anything of a report was found: a title, a part or a table.
fn recognised(r: &Report) -> bool {
    r.title.is_some()
        || !r.parts.is_empty()
        || r.table2.is_some()
        || r.table3.is_some()
        || r.table4.is_some()
}

/// The page's state, shared through context. Every field is a handle (`Copy`).
#[derive(Clone, Copy)]
pub(crate) struct AppState {
    /// The draft as the textarea holds it.
    pub text: RwSignal<String>,
    pub outcome: Memo<Outcome>,
    pub textarea: NodeRef<Textarea>,
    /// The rule whose documentation is open.
    pub rule: RwSignal<Option<&'static str>>,
    /// A quiet note about keeping the draft (too large to keep, storage refused).
    pub storage_note: RwSignal<Option<String>>,
    /// The draft replaced by 「清空」 or 「载入示例」, until it is restored.
    pub discarded: RwSignal<Option<String>>,
    /// A passing note (a file dropped on the page, …).
    pub note: RwSignal<Option<String>>,
    /// Last year's report as its textarea holds it (may be empty).
    pub prev: RwSignal<String>,
    pub prev_outcome: Memo<PrevOutcome>,
    pub prev_textarea: NodeRef<Textarea>,
    /// A quiet note about keeping last year's report.
    pub prev_storage_note: RwSignal<Option<String>>,
    pub settings: RwSignal<Settings>,
    /// The changes that 「应用全部安全修正」 would make, while they are previewed.
    pub fix_preview: RwSignal<Option<Arc<fixes::Preview>>>,
    /// The draft before the last applied fix, and after it: 「撤销修正」 is
    /// offered while the draft is still the fixed one.
    pub fix_undo: RwSignal<Option<Arc<(String, String)>>>,
    /// Whether the side-by-side view of the copied parts (Y803) is open.
    pub compare: RwSignal<bool>,
    /// The file the draft was read from (its places shown while the draft is
    /// unchanged).
    pub source: RwSignal<Option<Arc<files::Source>>>,
    /// The file being read, while it is.
    pub reading: RwSignal<Option<files::Reading>>,
    /// Why the last file could not be opened.
    pub file_error: RwSignal<Option<String>>,
    /// Whether files are being dragged over the page.
    pub dragging: RwSignal<bool>,
    /// Findings marked 「不是问题」, with their reasons (kept in localStorage).
    pub marks: RwSignal<marks::Marks>,
    /// Whether the page is being printed (the review sheet is drawn only then).
    pub printing: RwSignal<bool>,
    /// 「批量审查」: the batch view and its rows.
    pub batch: batch::Batch,
}

impl AppState {
    /// Replaces the whole draft: the only place the textarea's value is written
    /// (besides a paste), so an IME composition is never disturbed while typing.
    pub(crate) fn replace_text(self, new: String) {
        if let Some(ta) = self.textarea.get_untracked() {
            ta.set_value(&new);
            let _ = ta.set_selection_range(0, 0);
            ta.set_scroll_top(0);
        }
        self.text.set(new);
    }

    /// Replaces the draft where the user is (a fix applied): the textarea
    /// keeps its scroll position.
    pub(crate) fn replace_text_in_place(self, new: String) {
        if let Some(ta) = self.textarea.get_untracked() {
            let top = ta.scroll_top();
            ta.set_value(&new);
            ta.set_scroll_top(top);
        }
        self.text.set(new);
    }

    /// Replaces the draft, keeping the old one for 「恢复」 unless it is
    /// empty or the example.
    pub(crate) fn replace_keeping_old(self, new: String) {
        let old = self.text.get_untracked();
        if old == new {
            return;
        }
        if !old.trim().is_empty() && old != SEED {
            self.discarded.set(Some(old));
        }
        self.replace_text(new);
    }
}

/// Text as a textarea holds it: line breaks are `\n`.
pub(crate) fn normalise_newlines(s: String) -> String {
    if s.contains('\r') {
        s.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        s
    }
}

/// Reads JSON kept in localStorage. In the browser the browser's
/// `JSON.parse` reads it and serde-wasm-bindgen takes the value: the page
/// carries no JSON parser of its own (serde_json's is about 25 KB of wasm).
/// Natively (the unit tests) serde_json reads it.
pub(crate) fn parse_json<T: serde::de::DeserializeOwned>(s: &str) -> Option<T> {
    #[cfg(target_arch = "wasm32")]
    {
        serde_wasm_bindgen::from_value(js_sys::JSON::parse(s).ok()?).ok()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        serde_json::from_str(s).ok()
    }
}

pub(crate) fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// A text kept from the last visit, if any.
fn load_text(key: &str) -> Option<String> {
    local_storage()?.get_item(key).ok().flatten()
}

/// Keeps the draft for the next visit; returns a note when it could not.
/// The example itself is not kept: a reload shows it anyway.
pub(crate) fn save_draft(text: &str) -> Option<String> {
    if text == SEED {
        if let Some(storage) = local_storage() {
            let _ = storage.remove_item(DRAFT_KEY);
        }
        return None;
    }
    save_text(DRAFT_KEY, text, "草稿")
}

/// Keeps a text under `key`; returns a note (about `what`) when it could not.
pub(crate) fn save_text(key: &str, text: &str, what: &str) -> Option<String> {
    let Some(storage) = local_storage() else {
        return Some(format!("浏览器未允许本地存储：{what}不会在刷新后保留。"));
    };
    if text.len() > MAX_STORED_BYTES {
        let _ = storage.remove_item(key);
        return Some(format!(
            "{what}较大（{} MB），超过 {} MB，未保存在本机浏览器中；刷新页面后不会恢复。",
            crate::megabytes(text.len()),
            MAX_STORED_BYTES / 1_048_576
        ));
    }
    match storage.set_item(key, text) {
        Ok(()) => None,
        Err(_) => {
            let _ = storage.remove_item(key);
            Some(format!(
                "本机浏览器存储空间不足，{what}未保存；刷新页面后不会恢复。"
            ))
        }
    }
}

/// The whole page.
#[component]
pub fn App() -> impl IntoView {
    let initial = normalise_newlines(load_text(DRAFT_KEY).unwrap_or_else(|| SEED.to_string()));
    let initial_prev = normalise_newlines(load_text(PREV_KEY).unwrap_or_default());
    let text = RwSignal::new(initial.clone());
    let prev = RwSignal::new(initial_prev.clone());
    let settings = RwSignal::new(settings::load_settings());
    let prev_outcome = Memo::new(move |_| prev.with(|p| PrevOutcome::of(p)));
    let config = Memo::new(move |_| settings.with(Settings::to_config));
    let outcome = Memo::new(move |_| {
        text.with(|t| prev_outcome.with(|p| config.with(|c| Outcome::of(t, p.report(), c))))
    });
    let state = AppState {
        text,
        outcome,
        textarea: NodeRef::new(),
        rule: RwSignal::new(rule_help::rule_from_hash()),
        storage_note: RwSignal::new(None),
        discarded: RwSignal::new(None),
        note: RwSignal::new(None),
        prev,
        prev_outcome,
        prev_textarea: NodeRef::new(),
        prev_storage_note: RwSignal::new(None),
        settings,
        fix_preview: RwSignal::new(None),
        fix_undo: RwSignal::new(None),
        compare: RwSignal::new(false),
        source: RwSignal::new(None),
        reading: RwSignal::new(None),
        file_error: RwSignal::new(None),
        dragging: RwSignal::new(false),
        marks: RwSignal::new(marks::load_marks()),
        printing: RwSignal::new(false),
        batch: batch::Batch::new(),
    };
    provide_context(state);

    // Effects are for the world outside: keep the draft, last year's report
    // and the settings in localStorage.
    // The draft is kept once typing pauses (writing it on every keystroke
    // cost a third of a millisecond each), and at once when the page is left.
    let save_timer = StoredValue::new(None::<TimeoutHandle>);
    let save_now = move || {
        if let Some(h) = save_timer.get_value() {
            h.clear();
            save_timer.set_value(None);
        }
        let note = text.with_untracked(|t| save_draft(t));
        state.storage_note.set(note);
    };
    Effect::new(move |_| {
        text.track();
        if let Some(h) = save_timer.get_value() {
            h.clear();
        }
        save_timer.set_value(set_timeout_with_handle(save_now, SAVE_PAUSE).ok());
    });
    let _ = window_event_listener_untyped("pagehide", move |_| {
        if save_timer.get_value().is_some() {
            save_now();
        }
    });
    Effect::new(move |_| {
        let note = prev.with(|p| save_text(PREV_KEY, p, "上年年报"));
        state.prev_storage_note.set(note);
    });
    Effect::new(move |_| settings.with(settings::save_settings));
    Effect::new(move |_| state.marks.with(marks::save_marks));
    // The browser's own print (Ctrl+P) draws the review sheet first.
    let _ = window_event_listener_untyped("beforeprint", move |_| state.printing.set(true));
    let _ = window_event_listener_untyped("afterprint", move |_| state.printing.set(false));
    rule_help::follow_hash(state);

    // Files dropped anywhere on the page are opened (the browser would
    // otherwise open them itself and leave the page). Dropped text still goes
    // into the textarea as usual.
    let _ = window_event_listener(leptos::ev::dragover, move |ev| {
        if carries_files(&ev) {
            ev.prevent_default();
            state.dragging.set(true);
        }
    });
    let _ = window_event_listener(leptos::ev::dragleave, move |ev| {
        // Leaving the window (not moving between elements inside it).
        if ev.related_target().is_none() {
            state.dragging.set(false);
        }
    });
    let _ = window_event_listener(leptos::ev::drop, move |ev| {
        state.dragging.set(false);
        if carries_files(&ev) {
            ev.prevent_default();
            let dropped = files::files_of(ev.data_transfer().and_then(|d| d.files()));
            // Several files, an archive, or any drop while the batch view is
            // shown: a batch. One file otherwise opens in the editor.
            if state.batch.on.get_untracked()
                || dropped.len() > 1
                || dropped.iter().any(batch::is_archive)
            {
                batch::start(state, dropped);
                return;
            }
            if dropped.len() > 1 {
                state.note.set(Some(format!(
                    "一次打开一个文件：已打开「{}」，其余 {} 个未打开。",
                    dropped[0].name(),
                    dropped.len() - 1
                )));
            }
            if let Some(file) = dropped.into_iter().next() {
                files::open_file(state, file);
            }
        }
    });

    view! {
        <header class="top">
            <h1>"政府信息公开工作年度报告检查"</h1>
            <p class="local-note">
                "检查全部在本机浏览器中完成，报告和打开的文件不会上传到任何服务器。"
            </p>
        </header>
        <export::ReviewSheet />
        <batch::ViewTabs />
        <div class="batch-view" hidden=move || !state.batch.on.get()>
            {move || state.batch.on.get().then(|| view! { <batch::BatchView /> })}
        </div>
        <main class="layout" hidden=move || state.batch.on.get()>
            <section class="pane pane-input" aria-label="年报草稿与检查结果">
                <editor::Editor initial=initial />
                <document::Document />
                <prev::PrevReport initial=initial_prev />
                <settings::SettingsPanel />
                <export::LocalData />
                <findings::Findings />
                <rule_help::RuleCatalogue />
            </section>
            <section class="pane pane-tables" aria-label="统计表">
                <tables::Tables />
                <p class="quiet basis">
                    "按国办公开办函〔2021〕30号规定的年报格式检查。检查结果供核对参考，数字以原始统计台账为准。"
                </p>
            </section>
        </main>
        <div
            id="drop-overlay"
            class="drop-overlay"
            class:drop-overlay-on=move || state.dragging.get()
            aria-hidden="true"
        >
            <p>"松开鼠标即可打开文件（.docx、.pdf、.xlsx、网页、.txt）"</p>
        </div>
        <rule_help::RuleHelp />
        <fixes::FixPreview />
        <compare::Compare />
    }
}

/// A `toggle` handler for a `<details>` whose body is drawn only once it
/// has been opened: sets `opened` the first time.
pub(crate) fn on_first_open(opened: RwSignal<bool>) -> impl Fn(web_sys::Event) + Copy {
    move |ev| {
        let open = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok())
            .is_some_and(|d| d.open());
        if open && !opened.get_untracked() {
            opened.set(true);
        }
    }
}

fn carries_files(ev: &web_sys::DragEvent) -> bool {
    ev.data_transfer()
        .map(|dt| dt.types().includes(&"Files".into(), 0))
        .unwrap_or(false)
}
