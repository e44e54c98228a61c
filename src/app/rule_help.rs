//! A rule's documentation in a dialog, and the catalogue of all rules.
//!
//! [`RuleMeta::doc`] is Markdown in Chinese (检查内容 / 为什么 / 示例 / 依据). It is
//! rendered simply, and only as text nodes: headings, paragraphs, list items,
//! code blocks and `code` spans.
//!
//! A rule's page has an address: `#rule/A301` opens it on load, and the open
//! dialog writes its address into the location bar (replacing the entry, so
//! the back button is not filled with rule pages) for the user to share.

use leptos::html::Dialog;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

use super::AppState;
use super::settings::by_family;
use crate::rules::{RuleMeta, rule};

#[wasm_bindgen]
extern "C" {
    /// `history.replaceState(null, "", url)`: changes the address without a
    /// new history entry, a `hashchange` or a reload.
    #[wasm_bindgen(catch, js_namespace = history, js_name = replaceState)]
    fn history_replace_state(data: &JsValue, unused: &str, url: &str) -> Result<(), JsValue>;
}

/// The rule a location hash names: `rule/A306` (case-insensitive).
pub(crate) fn rule_of_hash(hash: &str) -> Option<&'static str> {
    let hash = hash.strip_prefix('#').unwrap_or(hash);
    let code = hash.strip_prefix("rule/")?;
    rule(code).map(|r| r.code)
}

/// The rule the page's address names, if any.
pub(crate) fn rule_from_hash() -> Option<&'static str> {
    rule_of_hash(&location_hash()?)
}

/// Keeps the address and the open rule in step: the dialog writes
/// `#rule/CODE` (and removes it on close); an address typed by the user
/// opens its rule.
pub(crate) fn follow_hash(state: AppState) {
    Effect::new(move |_| {
        let open = state.rule.get();
        let current = location_hash().unwrap_or_default();
        let url = match open {
            Some(code) if rule_of_hash(&current) != Some(code) => format!("#rule/{code}"),
            // Closed: drop a rule address, keep any other.
            None if current.starts_with("rule/") => {
                let l = location();
                format!(
                    "{}{}",
                    l.pathname().unwrap_or_default(),
                    l.search().unwrap_or_default()
                )
            }
            _ => return,
        };
        let _ = history_replace_state(&JsValue::NULL, "", &url);
    });
    let _ = window_event_listener(leptos::ev::hashchange, move |_| {
        let named = rule_from_hash();
        if state.rule.get_untracked() != named {
            state.rule.set(named);
        }
    });
}

/// A block of a rule's documentation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Block {
    /// `## ` (level 2) or `### ` (level 3).
    Heading(u8, String),
    Paragraph(String),
    Item(String),
    /// A fenced code block or a Markdown table, shown as written.
    Pre(String),
}

/// Splits Markdown into blocks. Lines of a doc comment keep the space after
/// `///`; one leading space is dropped.
pub(crate) fn blocks(doc: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut para = String::new();
    let mut pre: Option<String> = None;
    let flush = |para: &mut String, out: &mut Vec<Block>| {
        if !para.is_empty() {
            out.push(Block::Paragraph(std::mem::take(para)));
        }
    };
    for raw in doc.lines() {
        let line = raw.strip_prefix(' ').unwrap_or(raw);
        let trimmed = line.trim();
        if let Some(code) = pre.as_mut() {
            if trimmed.starts_with("```") {
                out.push(Block::Pre(std::mem::take(code)));
                pre = None;
            } else {
                if !code.is_empty() {
                    code.push('\n');
                }
                code.push_str(line);
            }
            continue;
        }
        if trimmed.starts_with("```") {
            flush(&mut para, &mut out);
            pre = Some(String::new());
        } else if let Some(h) = trimmed.strip_prefix("### ") {
            flush(&mut para, &mut out);
            out.push(Block::Heading(3, h.trim().to_string()));
        } else if let Some(h) = trimmed.strip_prefix("## ") {
            flush(&mut para, &mut out);
            out.push(Block::Heading(2, h.trim().to_string()));
        } else if let Some(h) = trimmed.strip_prefix("# ") {
            flush(&mut para, &mut out);
            out.push(Block::Heading(2, h.trim().to_string()));
        } else if let Some(item) = trimmed
            .strip_prefix("- ")
            .or_else(|| trimmed.strip_prefix("* "))
        {
            flush(&mut para, &mut out);
            out.push(Block::Item(item.trim().to_string()));
        } else if trimmed.starts_with('|') {
            flush(&mut para, &mut out);
            match out.last_mut() {
                Some(Block::Pre(t)) if t.starts_with('|') => {
                    t.push('\n');
                    t.push_str(trimmed);
                }
                _ => out.push(Block::Pre(trimmed.to_string())),
            }
        } else if trimmed.is_empty() {
            flush(&mut para, &mut out);
        } else {
            // Chinese lines join without a space; others with one.
            let ascii_edge = para
                .chars()
                .last()
                .is_some_and(|c| c.is_ascii_alphanumeric())
                && trimmed
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_alphanumeric());
            if ascii_edge {
                para.push(' ');
            }
            para.push_str(trimmed);
        }
    }
    if let Some(code) = pre {
        out.push(Block::Pre(code));
    }
    flush(&mut para, &mut out);
    out
}

/// Text with `code` spans: odd pieces between backticks are code. Bold
/// markers are dropped.
fn inline(text: &str) -> impl IntoView + use<> {
    text.replace("**", "")
        .split('`')
        .enumerate()
        .map(|(i, piece)| {
            if i % 2 == 1 {
                view! { <code>{piece.to_string()}</code> }.into_any()
            } else {
                piece.to_string().into_any()
            }
        })
        .collect_view()
}

fn render_doc(doc: &str) -> impl IntoView + use<> {
    let mut items: Vec<AnyView> = Vec::new();
    let mut list: Vec<AnyView> = Vec::new();
    let close_list = |list: &mut Vec<AnyView>, items: &mut Vec<AnyView>| {
        if !list.is_empty() {
            let lis = std::mem::take(list);
            items.push(view! { <ul>{lis}</ul> }.into_any());
        }
    };
    for b in blocks(doc) {
        match b {
            Block::Item(t) => list.push(view! { <li>{inline(&t)}</li> }.into_any()),
            other => {
                close_list(&mut list, &mut items);
                items.push(match other {
                    Block::Heading(2, t) => view! { <h3>{inline(&t)}</h3> }.into_any(),
                    Block::Heading(_, t) => view! { <h4>{inline(&t)}</h4> }.into_any(),
                    Block::Paragraph(t) => view! { <p>{inline(&t)}</p> }.into_any(),
                    Block::Pre(t) => view! { <pre>{t}</pre> }.into_any(),
                    Block::Item(_) => unreachable!(),
                });
            }
        }
    }
    close_list(&mut list, &mut items);
    items
}

/// The dialog showing the open rule's documentation.
#[component]
pub(crate) fn RuleHelp() -> impl IntoView {
    let state = expect_context::<AppState>();
    let dialog = NodeRef::<Dialog>::new();

    // Open or close the dialog as the open rule changes.
    Effect::new(move |_| {
        let open = state.rule.get().is_some();
        if let Some(d) = dialog.get() {
            if open && !d.open() {
                let _ = d.show_modal();
            } else if !open && d.open() {
                d.close();
            }
        }
    });

    let content = move || {
        state.rule.get().and_then(rule).map(|r: &'static RuleMeta| {
            view! {
                <header class="dialog-head">
                    <h2 id="rule-doc-title">
                        <code>{r.code}</code>
                        " "
                        {r.title}
                    </h2>
                    <button
                        type="button"
                        class="close"
                        aria-label="关闭"
                        on:click=move |_| state.rule.set(None)
                    >
                        "关闭"
                    </button>
                </header>
                <p class="rule-meta">
                    {format!("{} · 默认级别：{} · {}", r.family.label(), r.severity.label(), r.name)}
                    " · "
                    <a class="permalink" href=format!("#rule/{}", r.code)>
                        "本页链接"
                    </a>
                </p>
                <div class="doc">{render_doc(r.doc)}</div>
            }
        })
    };

    view! {
        <dialog
            id="rule-doc"
            node_ref=dialog
            aria-labelledby="rule-doc-title"
            on:close=move |_| state.rule.set(None)
        >
            {content}
        </dialog>
    }
}

/// Every rule, grouped by family, each opening its documentation.
#[component]
pub(crate) fn RuleCatalogue() -> impl IntoView {
    let state = expect_context::<AppState>();
    // Drawn when the panel is first opened, not with the page.
    let opened = RwSignal::new(false);
    let groups = move || {
        opened.get().then(|| {
            by_family(crate::rules::all_rules())
                .into_iter()
                .map(|(family, rules)| {
                    let heading_id = format!("family-{}", rules[0].code);
                    let labelled_by = heading_id.clone();
                    let entries = rules
                        .into_iter()
                        .map(|r| catalogue_entry(state, r))
                        .collect_view();
                    view! {
                        <section class="family" aria-labelledby=labelled_by>
                            <h3 id=heading_id>{family.label()}</h3>
                            <ul>{entries}</ul>
                        </section>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <details class="panel catalogue" id="catalogue" on:toggle=super::on_first_open(opened)>
            <summary>{format!("规则目录（{} 条）", crate::rules::all_rules().count())}</summary>
            <div class="catalogue-body">{groups}</div>
        </details>
    }
}

fn catalogue_entry(state: AppState, r: &'static RuleMeta) -> impl IntoView + use<> {
    let code = r.code;
    view! {
        <li>
            <button
                type="button"
                class="link rule-entry"
                data-rule=code
                aria-haspopup="dialog"
                on:click=move |_| state.rule.set(Some(code))
            >
                <code>{code}</code>
                " "
                <span class="rule-title">{r.title}</span>
            </button>
            " "
            <span class=format!("sev-tag sev-{}", r.severity.key())>{r.severity.label()}</span>
            " "
            <code class="rule-name">{r.name}</code>
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_comments_become_blocks() {
        let doc = " ## 检查内容\n 表三各列：第一项加第二项\n 等于第三项加第四项。\n\n - 一项\n - 二项\n ## 示例\n ```text\n 一、本年新收\t5\n ```\n";
        assert_eq!(
            blocks(doc),
            vec![
                Block::Heading(2, "检查内容".into()),
                Block::Paragraph("表三各列：第一项加第二项等于第三项加第四项。".into()),
                Block::Item("一项".into()),
                Block::Item("二项".into()),
                Block::Heading(2, "示例".into()),
                Block::Pre("一、本年新收\t5".into()),
            ]
        );
    }

    #[test]
    fn hashes_name_rules() {
        assert_eq!(rule_of_hash("#rule/A306"), Some("A306"));
        assert_eq!(rule_of_hash("rule/a301"), Some("A301"));
        assert_eq!(rule_of_hash("#rule/Z999"), None);
        assert_eq!(rule_of_hash("#A306"), None);
        assert_eq!(rule_of_hash(""), None);
    }

    #[test]
    fn every_rule_doc_has_its_sections() {
        for r in crate::rules::all_rules() {
            let headings: Vec<_> = blocks(r.doc)
                .into_iter()
                .filter_map(|b| match b {
                    Block::Heading(2, h) => Some(h),
                    _ => None,
                })
                .collect();
            assert!(headings.iter().any(|h| h == "检查内容"), "{}", r.code);
        }
    }
}
