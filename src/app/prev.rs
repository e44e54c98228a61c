//! Last year's report of the same body, optional: when it holds a report, the
//! draft is checked against it (Y801 carry-over, Y802 documents in force,
//! Y803 copied text, Y804 identical tables).
//!
//! The textarea works as the draft's does: it owns its value, a paste is
//! inserted by the page, and an IME composition is never disturbed.

use leptos::prelude::*;

use super::editor::{TextareaHandlers, textarea_handlers};
use super::{AppState, Outcome, PrevOutcome};

/// The collapsible box for last year's report.
#[component]
pub(crate) fn PrevReport(
    /// Last year's report kept from the last visit (may be empty).
    initial: String,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let open = !initial.trim().is_empty();

    let sync = move || {
        if let Some(ta) = state.prev_textarea.get_untracked() {
            let v = ta.value();
            if state.prev.with_untracked(|t| *t != v) {
                state.prev.set(v);
            }
        }
    };
    let TextareaHandlers {
        on_input,
        on_composition_start,
        on_composition_end,
        on_paste,
    } = textarea_handlers(state.prev_textarea, sync);
    let clear = move |_| {
        if let Some(ta) = state.prev_textarea.get_untracked() {
            ta.set_value("");
            let _ = ta.focus();
        }
        state.prev.set(String::new());
    };

    // What was made of it, and whether the years fit.
    let status = Memo::new(move |_| {
        let this_year = match state.outcome.get() {
            Outcome::Checked(c) => c.report.year(),
            _ => None,
        };
        state.prev_outcome.with(|p| match p {
            PrevOutcome::Empty => (
                "hint",
                "粘贴同一机关上一年度的年报全文后，将核对上年结转（Y801）、现行有效件数（Y802）、正文雷同（Y803）和表格数字是否照搬（Y804）。"
                    .to_string(),
            ),
            PrevOutcome::Rejected(reason) => ("error", format!("未使用上年年报：{reason}。")),
            PrevOutcome::NoReport => (
                "warn",
                "未识别到上年年报的内容（标题、六个部分或统计表），未做跨年度核对。".to_string(),
            ),
            PrevOutcome::Parsed(r) => {
                let name = r
                    .title
                    .as_ref()
                    .map_or("上年年报（未找到标题）".to_string(), |t| format!("「{}」", t.text));
                match (this_year, r.year()) {
                    (Some(y), Some(p)) if p + 1 != y => (
                        "warn",
                        format!(
                            "已识别{name}，但它是{p}年度、本年报告是{y}年度，年份不相接，未做跨年度核对。"
                        ),
                    ),
                    _ => ("ok", format!("已识别{name}，已与本年报告对照核对。")),
                }
            }
        })
    });

    view! {
        <details class="panel prev" id="prev-panel" open=open>
            <summary>"上年年报（可选）"</summary>
            <div class="prev-body">
                <div class="toolbar">
                    <label for="prev" class="sub-label">"上一年度报告全文"</label>
                    <span class="toolbar-actions">
                        <button type="button" id="prev-clear" on:click=clear>
                            "清空"
                        </button>
                    </span>
                </div>
                <textarea
                    id="prev"
                    node_ref=state.prev_textarea
                    prop:value=initial
                    spellcheck="false"
                    autocomplete="off"
                    placeholder="在此粘贴上一年度的年报全文……"
                    aria-describedby="prev-status"
                    on:input=on_input
                    on:paste=on_paste
                    on:compositionstart=on_composition_start
                    on:compositionend=on_composition_end
                ></textarea>
                <p
                    id="prev-status"
                    class=move || format!("prev-status status-{}", status.with(|s| s.0))
                    role="status"
                    aria-live="polite"
                >
                    {move || status.with(|s| s.1.clone())}
                </p>
                {move || {
                    state
                        .prev_storage_note
                        .get()
                        .map(|n| view! { <p id="prev-storage-note" class="quiet">{n}</p> })
                }}
            </div>
        </details>
    }
}
