//! The findings: counts by severity, then one button per finding that takes
//! the user to its cell or text, and a link to the rule's documentation.

use std::sync::Arc;
use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    FocusOptions, HtmlElement, HtmlTextAreaElement, ScrollBehavior, ScrollIntoViewOptions,
    ScrollLogicalPosition,
};

use super::fixes::{fix_bar, fix_row};
use super::locate::{self, utf16_offset};
use super::{AppState, Outcome};
use crate::Checked;
use crate::diagnostic::{Diagnostic, Location};
use crate::text::Span;

/// Findings listed before 「显示其余」: a long list costs time on every keystroke.
const MAX_SHOWN: usize = 200;

/// How long a revealed cell or text stays highlighted.
const FLASH: Duration = Duration::from_millis(1800);

/// The summary and the list, once a report was recognised.
#[component]
pub(crate) fn Findings() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || match state.outcome.get() {
        Outcome::Checked(c) => findings_view(state, c).into_any(),
        _ => ().into_any(),
    }
}

fn findings_view(state: AppState, c: Arc<Checked>) -> impl IntoView {
    let (errors, warnings, infos) = c.counts();
    let title = c.report.title.as_ref().map(|t| t.text.clone());
    let verdict = match (errors, warnings, infos) {
        (0, 0, 0) => "未发现问题。",
        (0, 0, _) => "未发现错误或警告，另有提示供参考。",
        (0, _, _) => "未发现错误，请查看警告。",
        _ => "发现错误，请逐条核对。",
    };
    let total = c.diagnostics.len();
    let off = move || {
        let n = state.settings.with(|s| s.rules_off());
        (n > 0).then(|| {
            view! {
                <p class="quiet rules-off" id="rules-off">
                    {format!("已在设置中关闭 {n} 条规则。")}
                </p>
            }
        })
    };
    let bar = fix_bar(state, c.clone());
    let show_all = RwSignal::new(false);
    let items = {
        let c = c.clone();
        move || {
            let shown = if show_all.get() {
                total
            } else {
                total.min(MAX_SHOWN)
            };
            c.diagnostics[..shown]
                .iter()
                .enumerate()
                .map(|(i, d)| finding_item(state, c.clone(), i, d))
                .collect_view()
        }
    };
    let more = move || {
        (total > MAX_SHOWN && !show_all.get()).then(|| {
            view! {
                <p class="more">
                    <button type="button" class="link" on:click=move |_| show_all.set(true)>
                        {format!("显示其余 {} 条", total - MAX_SHOWN)}
                    </button>
                </p>
            }
        })
    };
    view! {
        <section class="findings" aria-labelledby="findings-heading">
            <h2 id="findings-heading">"检查结果"</h2>
            <p class="report-title">
                {match title {
                    Some(t) => format!("已识别：{t}"),
                    None => "已识别到年报内容（未找到标题）".to_string(),
                }}
            </p>
            <div
                id="summary"
                class="summary"
                data-errors=errors
                data-warnings=warnings
                data-infos=infos
            >
                <span class="count count-error">"错误 " <b>{errors}</b></span>
                <span class="count count-warning">"警告 " <b>{warnings}</b></span>
                <span class="count count-info">"提示 " <b>{infos}</b></span>
                <span class="verdict">{verdict}</span>
            </div>
            {off}
            {bar}
            <ol class="finding-list">{items}</ol>
            {more}
        </section>
    }
}

fn finding_item(state: AppState, c: Arc<Checked>, index: usize, d: &Diagnostic) -> AnyView {
    let code = d.code;
    let severity = d.severity;
    let place = locate::describe(&d.location, &c.report.text);
    let location = locate::location_key(&d.location);
    let suggested = d.suggested_value;
    let help = d.help.clone();
    let suggestion = d.suggested_value.map(|v| format!("建议值：{v}"));
    let fix = fix_row(state, c.clone(), index, d);
    let go = move |_| {
        if let Some(d) = c.diagnostics.get(index) {
            reveal(state, &c, d);
        }
    };
    let open_rule = move |_| state.rule.set(Some(code));
    let compare = (code == "Y803").then(|| {
        view! {
            <button
                type="button"
                class="link compare-open"
                aria-haspopup="dialog"
                on:click=move |_| state.compare.set(true)
            >
                "对照上年原文"
            </button>
        }
    });
    view! {
        <li class="finding-item">
            <button
                type="button"
                class=format!("finding sev-{}", severity.key())
                data-code=code
                data-severity=severity.key()
                data-where=location
                data-suggested=suggested
                on:click=go
            >
                <span class="f-head">
                    <span class="f-sev">{severity.label()}</span>
                    <code class="f-code">{code}</code>
                    <span class="f-where">{place}</span>
                </span>
                <span class="f-msg">{d.message.clone()}</span>
                {suggestion.map(|s| view! { <span class="f-suggest">{s}</span> })}
                {help.map(|h| view! { <span class="f-help">{h}</span> })}
            </button>
            {fix}
            {compare}
            <button
                type="button"
                class="rule-link link"
                data-rule=code
                aria-label=format!("规则 {code} 的说明")
                on:click=open_rule
            >
                "规则说明"
            </button>
        </li>
    }
    .into_any()
}

/// Takes the user to a finding: its cell (scrolled into view, focused,
/// highlighted) or its text (selected in the textarea).
fn reveal(state: AppState, c: &Checked, d: &Diagnostic) {
    match d.location {
        Location::Cell(cell) => {
            let el = locate::focus_key(cell).and_then(|k| cell_element(&k));
            match el {
                Some(el) => reveal_element(&el),
                // The table was not drawn (not recognised): show the source instead.
                None => {
                    if let Some(span) = crate::rules::cell_span(&c.report, cell) {
                        select_text(state, &c.report.text, span);
                    }
                }
            }
        }
        Location::Span(span) => select_text(state, &c.report.text, span),
        Location::Document => select_text(state, &c.report.text, Span::default()),
    }
}

fn cell_element(key: &str) -> Option<HtmlElement> {
    let doc = web_sys::window()?.document()?;
    doc.query_selector(&format!("td[data-cell=\"{key}\"]"))
        .ok()
        .flatten()?
        .dyn_into::<HtmlElement>()
        .ok()
}

fn reveal_element(el: &HtmlElement) {
    let opts = ScrollIntoViewOptions::new();
    opts.set_behavior(ScrollBehavior::Smooth);
    opts.set_block(ScrollLogicalPosition::Center);
    opts.set_inline(ScrollLogicalPosition::Center);
    el.scroll_into_view_with_scroll_into_view_options(&opts);
    let focus = FocusOptions::new();
    focus.set_prevent_scroll(true);
    let _ = el.focus_with_options(&focus);
    flash(el);
}

fn flash(el: &HtmlElement) {
    let list = el.class_list();
    let _ = list.remove_1("flash");
    let _ = list.add_1("flash");
    let el = el.clone();
    set_timeout(
        move || {
            let _ = el.class_list().remove_1("flash");
        },
        FLASH,
    );
}

/// Selects `span` (UTF-8 bytes of `text`) in the textarea and scrolls it into view.
fn select_text(state: AppState, text: &str, span: Span) {
    let Some(ta) = state.textarea.get_untracked() else {
        return;
    };
    let start = utf16_offset(text, span.start as usize);
    let end = utf16_offset(text, span.end as usize);
    let _ = ta.focus();
    let _ = ta.set_selection_range(start, end);
    // Browsers do not scroll a textarea to a selection made by a script.
    scroll_textarea_to(&ta, start);
    let opts = ScrollIntoViewOptions::new();
    opts.set_behavior(ScrollBehavior::Smooth);
    opts.set_block(ScrollLogicalPosition::Nearest);
    ta.scroll_into_view_with_scroll_into_view_options(&opts);
    flash(&ta);
}

/// Scrolls the textarea so that UTF-16 offset `at` sits in its upper third.
/// The offset's height is measured on a hidden copy of the textarea's box
/// (same font, width, padding and wrapping) holding the text before it, as
/// a text node.
fn scroll_textarea_to(ta: &HtmlTextAreaElement, at: u32) -> Option<()> {
    let window = web_sys::window()?;
    let doc = window.document()?;
    let body = doc.body()?;
    let style = window.get_computed_style(ta).ok()??;
    let px = |prop: &str| {
        style
            .get_property_value(prop)
            .ok()
            .and_then(|v| v.trim_end_matches("px").parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    let mirror = doc
        .create_element("div")
        .ok()?
        .dyn_into::<HtmlElement>()
        .ok()?;
    let ms = mirror.style();
    for prop in [
        "font-family",
        "font-size",
        "font-weight",
        "font-style",
        "line-height",
        "letter-spacing",
        "word-spacing",
        "tab-size",
        "text-indent",
        "text-transform",
        "word-break",
        "padding-top",
        "padding-left",
        "padding-right",
    ] {
        let _ = ms.set_property(prop, &style.get_property_value(prop).unwrap_or_default());
    }
    let width = f64::from(ta.client_width()) - px("padding-left") - px("padding-right");
    for (prop, value) in [
        ("position", "absolute".to_string()),
        ("visibility", "hidden".to_string()),
        ("top", "0".to_string()),
        ("left", "-10000px".to_string()),
        ("box-sizing", "content-box".to_string()),
        ("border", "0".to_string()),
        ("white-space", "pre-wrap".to_string()),
        ("overflow-wrap", "break-word".to_string()),
        ("width", format!("{}px", width.max(1.0))),
    ] {
        let _ = ms.set_property(prop, &value);
    }
    let units: Vec<u16> = ta.value().encode_utf16().take(at as usize).collect();
    mirror.set_text_content(Some(&String::from_utf16_lossy(&units)));
    let marker = doc
        .create_element("span")
        .ok()?
        .dyn_into::<HtmlElement>()
        .ok()?;
    marker.set_text_content(Some("\u{200b}"));
    mirror.append_child(&marker).ok()?;
    body.append_child(&mirror).ok()?;
    let top = marker.offset_top();
    mirror.remove();
    ta.set_scroll_top((top - ta.client_height() / 3).max(0));
    Some(())
}
