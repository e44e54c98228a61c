//! Taking the review away, and leaving nothing behind:
//!
//! - 「导出表格」: the findings as CSV for Excel and WPS ([`crate::render::csv`]);
//! - 「导出数据」: the extracted tables and the findings as JSON in the CLI's
//!   schema ([`crate::render::json`]), marks as `"dismissed": {"reason"}`;
//! - 「打印审查单」: an A4 review sheet ([`ReviewSheet`], shown only in print:
//!   the title, the date checked, the verdict, the findings and the tables);
//! - 「清除本机保存的数据」 ([`LocalData`]), with why the page can be trusted.
//!
//! Downloads are a `Blob` behind a `blob:` URL of this page, clicked through
//! an `<a download>`: nothing goes over the network.

use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};

use super::marks::{self, Marks};
use super::settings::Settings;
use super::verdict;
use super::{AppState, Outcome, SEED, locate};
use crate::Checked;
use crate::render::{csv, json};

/// The prefix of every key the page keeps in `localStorage`.
pub(crate) const STORAGE_PREFIX: &str = "nianbao.";

/// A file name from the report's title: characters that file systems refuse
/// are replaced, and the name is kept short. 「年报」 without a title.
pub(crate) fn file_stem(title: Option<&str>) -> String {
    let cleaned: String = title
        .unwrap_or("")
        .chars()
        .map(|c| {
            if c.is_control() || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') {
                '_'
            } else {
                c
            }
        })
        .take(60)
        .collect();
    let trimmed = cleaned.trim().trim_matches('.').trim();
    if trimmed.is_empty() {
        "年报".to_string()
    } else {
        trimmed.to_string()
    }
}

/// 「2024年3月5日」.
pub(crate) fn chinese_date(year: u32, month: u32, day: u32) -> String {
    format!("{year}年{month}月{day}日")
}

fn today() -> String {
    let d = js_sys::Date::new_0();
    chinese_date(d.get_full_year(), d.get_month() + 1, d.get_date())
}

/// The path named in the JSON: the opened file's name, else 「草稿.txt」.
fn json_path(state: AppState) -> String {
    state
        .source
        .with_untracked(|s| s.as_ref().map(|s| s.name.clone()))
        .unwrap_or_else(|| "草稿.txt".to_string())
}

/// For every finding of `c`, the reason it was marked as not a defect.
fn reasons(state: AppState, c: &Checked) -> Vec<Option<String>> {
    let keys = marks::keys(c);
    state.marks.with_untracked(|m| marks::reasons(m, &keys))
}

/// Offers `content` as a file named `name`.
pub(crate) fn download(name: &str, mime: &str, content: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(content));
    let opts = BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = Blob::new_with_str_sequence_and_options(&parts, &opts)?;
    let url = Url::create_object_url_with_blob(&blob)?;
    let doc = document();
    let a: HtmlAnchorElement = doc.create_element("a")?.unchecked_into();
    a.set_href(&url);
    a.set_download(name);
    a.set_hidden(true);
    doc.body()
        .ok_or_else(|| JsValue::from_str("no body"))?
        .append_child(&a)?;
    a.click();
    a.remove();
    // The download has started by now; let it finish before freeing the URL.
    set_timeout(
        move || {
            let _ = Url::revoke_object_url(&url);
        },
        Duration::from_secs(60),
    );
    Ok(())
}

/// 「导出表格」「导出数据」「打印审查单」 for a checked report.
pub(crate) fn export_bar(state: AppState, c: &Checked) -> impl IntoView + use<> {
    // Named after the title drawn; what is exported is the current check.
    let stem = file_stem(c.report.title.as_ref().map(|t| t.text.as_str()));
    let note = RwSignal::new(None::<String>);
    let csv_click = {
        let stem = stem.clone();
        move |_| {
            let Some(c) = super::findings::current(state) else {
                return;
            };
            let text = csv::findings_csv(&c, &reasons(state, &c));
            let r = download(
                &format!("{stem}-检查结果.csv"),
                "text/csv;charset=utf-8",
                &text,
            );
            note.set(r.err().map(|_| "浏览器未能保存文件。".to_string()));
        }
    };
    let json_click = move |_| {
        let Some(c) = super::findings::current(state) else {
            return;
        };
        let file =
            json::FileResult::checked(&json_path(state), &c).with_dismissed(&reasons(state, &c));
        let text = json::to_json(&[file]);
        let r = download(
            &format!("{stem}-检查数据.json"),
            "application/json;charset=utf-8",
            &text,
        );
        note.set(r.err().map(|_| "浏览器未能保存文件。".to_string()));
    };
    let print = move |_| {
        // Draw the sheet first (it is drawn only for printing), then print
        // once the page has updated.
        state.printing.set(true);
        set_timeout(
            || {
                let _ = window().print();
            },
            std::time::Duration::ZERO,
        );
    };
    view! {
        <div class="export-bar" role="group" aria-label="导出与打印">
            <button type="button" id="export-csv" class="plain-button" on:click=csv_click>
                "导出表格（CSV）"
            </button>
            <button type="button" id="export-json" class="plain-button" on:click=json_click>
                "导出数据（JSON）"
            </button>
            <button type="button" id="print-sheet" class="plain-button" on:click=print>
                "打印审查单"
            </button>
            {move || note.get().map(|n| view! { <span class="message message-warn">{n}</span> })}
        </div>
    }
}

/// The review sheet, shown only when the page is printed (`@media print`)
/// and drawn only then ([`AppState::printing`], set by the print button and
/// the browser's `beforeprint`):
/// the title, the date checked, the verdict, the balance of table 三 and
/// every finding with its mark. The tables with their marked cells follow
/// it (the tables pane prints after it).
#[component]
pub(crate) fn ReviewSheet() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        // Drawn only while printing: it would otherwise follow every check.
        if !state.printing.get() {
            return view! { <section id="review-sheet" class="review-sheet"></section> }.into_any();
        }
        let Outcome::Checked(c) = state.outcome.get() else {
            return view! {
                <section id="review-sheet" class="review-sheet">
                    <h1>"政府信息公开工作年度报告审查单"</h1>
                    <p>"未识别到年报内容。"</p>
                </section>
            }
            .into_any();
        };
        let keys = marks::keys(&c);
        let reasons = state.marks.with(|m| marks::reasons(m, &keys));
        let v = verdict::verdict(&c.diagnostics, &reasons);
        let title = c
            .report
            .title
            .as_ref()
            .map_or_else(|| "（未找到标题）".to_string(), |t| t.text.clone());
        let source = state.source.with(|s| s.as_ref().map(|s| s.name.clone()));
        let blockers = (!v.blocking.is_empty()).then(|| {
            let list: Vec<String> = v
                .blocking
                .iter()
                .map(|(code, n)| format!("{code} × {n}"))
                .collect();
            view! { <p class="sheet-blockers">{format!("需要修改：{}", list.join("，"))}</p> }
        });
        let rows = c
            .diagnostics
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let reason = reasons[i].clone();
                let mark = reason.as_ref().map(|r| {
                    if r.is_empty() {
                        "不是问题".to_string()
                    } else {
                        format!("不是问题：{r}")
                    }
                });
                view! {
                    <tr
                        class=format!("sev-{}", d.severity.key())
                        class:dismissed=reason.is_some()
                        data-code=d.code
                    >
                        <td>{i + 1}</td>
                        <td>{d.severity.label()}</td>
                        <td>
                            <code>{d.code}</code>
                        </td>
                        <td>{locate::describe(&d.location, &c.report.text)}</td>
                        <td>
                            {d.message.clone()}
                            {d.suggested_value.map(|s| format!("（建议值：{s}）"))}
                        </td>
                        <td>{mark}</td>
                    </tr>
                }
            })
            .collect_view();
        let empty = c
            .diagnostics
            .is_empty()
            .then(|| view! { <p>"未发现问题。"</p> });
        view! {
            <section id="review-sheet" class="review-sheet" aria-label="审查单">
                <h1>"政府信息公开工作年度报告审查单"</h1>
                <dl class="sheet-meta">
                    <dt>"报告"</dt>
                    <dd class="sheet-title">{title}</dd>
                    {source.map(|s| view! { <dt>"文件"</dt> <dd>{s}</dd> })}
                    <dt>"检查日期"</dt>
                    <dd class="sheet-date">{today()}</dd>
                    <dt>"结论"</dt>
                    <dd class="sheet-verdict" class:verdict-fail=!v.passes>{v.headline()}</dd>
                </dl>
                {blockers}
                {(v.tally.dismissed > 0)
                    .then(|| {
                        view! {
                            <p class="quiet">
                                {format!("另有 {} 条经审查标记为「不是问题」，未计入结论。", v.tally.dismissed)}
                            </p>
                        }
                    })}
                {verdict::balance_view(&c.report, "sheet-balance")}
                <h2>{format!("检查结果（共 {} 条）", c.diagnostics.len())}</h2>
                {empty}
                {(!c.diagnostics.is_empty())
                    .then(|| {
                        view! {
                            <table class="sheet-findings">
                                <thead>
                                    <tr>
                                        <th scope="col">"序号"</th>
                                        <th scope="col">"程度"</th>
                                        <th scope="col">"规则"</th>
                                        <th scope="col">"位置"</th>
                                        <th scope="col">"说明"</th>
                                        <th scope="col">"审查标记"</th>
                                    </tr>
                                </thead>
                                <tbody>{rows}</tbody>
                            </table>
                        }
                    })}
                <p class="quiet">
                    "本审查单由浏览器在本机生成，报告内容未上传。检查结果供核对参考，数字以原始统计台账为准。"
                </p>
            </section>
        }
        .into_any()
    }
}

/// Every key the page keeps in `localStorage`.
fn stored_keys(storage: &web_sys::Storage) -> Vec<String> {
    let n = storage.length().unwrap_or(0);
    (0..n)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|k| k.starts_with(STORAGE_PREFIX))
        .collect()
}

/// Why the page can be trusted, and 「清除本机保存的数据」.
#[component]
pub(crate) fn LocalData() -> impl IntoView {
    let state = expect_context::<AppState>();
    let note = RwSignal::new(None::<String>);
    let clear = move |_| {
        let ok = window()
            .confirm_with_message(
                "清除本机浏览器中保存的草稿、上年年报、设置和「不是问题」标记？\n页面将恢复为示例，此操作不能撤销。",
            )
            .unwrap_or(false);
        if !ok {
            return;
        }
        state.marks.set(Marks::default());
        state.settings.set(Settings::default());
        state.prev.set(String::new());
        if let Some(ta) = state.prev_textarea.get_untracked() {
            ta.set_value("");
        }
        state.discarded.set(None);
        state.fix_undo.set(None);
        state.fix_preview.set(None);
        state.source.set(None);
        state.replace_text(SEED.to_string());
        // The effects that keep the draft and last year's report run after
        // this handler: remove what they write once they have run.
        set_timeout(
            move || {
                if let Some(storage) = super::local_storage() {
                    for k in stored_keys(&storage) {
                        let _ = storage.remove_item(&k);
                    }
                }
                note.set(Some("已清除本机保存的数据，页面已恢复为示例。".to_string()));
            },
            Duration::from_millis(50),
        );
    };
    view! {
        <details class="panel local-data" id="local-data">
            <summary>"本机数据与隐私"</summary>
            <div>
                <p>"为什么可以放心使用本页面："</p>
                <ul class="trust-list">
                    <li>"检查全部在本机浏览器中完成，报告和打开的文件不会上传到任何服务器。"</li>
                    <li>"页面加载完成后即可断网使用。"</li>
                    <li>
                        "页面自带的内容安全策略（Content-Security-Policy）禁止向其他网站发起任何连接，也不加载外部字体或脚本。"
                    </li>
                    <li>
                        "草稿、上年年报、设置和「不是问题」标记只保存在本机浏览器的本地存储（localStorage）中。"
                    </li>
                </ul>
                <button type="button" id="clear-local" class="plain-button" on:click=clear>
                    "清除本机保存的数据"
                </button>
                {move || {
                    note.get()
                        .map(|n| {
                            view! {
                                <p class="message message-hint" id="clear-note" role="status">
                                    {n}
                                </p>
                            }
                        })
                }}
            </div>
        </details>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_come_from_the_title() {
        assert_eq!(
            file_stem(Some("雁鸣湖镇2021年政府信息公开工作年度报告")),
            "雁鸣湖镇2021年政府信息公开工作年度报告"
        );
        assert_eq!(file_stem(Some("a/b:c*?\"<>|\n")), "a_b_c_______");
        assert_eq!(file_stem(None), "年报");
        assert_eq!(file_stem(Some(" .. ")), "年报");
        assert_eq!(file_stem(Some(&"长".repeat(100))).chars().count(), 60);
    }

    #[test]
    fn dates_are_written_the_chinese_way() {
        assert_eq!(chinese_date(2024, 3, 5), "2024年3月5日");
    }
}
