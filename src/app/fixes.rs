//! Fixes: 「应用全部安全修正」 after a preview of the changed lines, one
//! finding's fix from the finding itself, and 「撤销修正」.
//!
//! A fix's edits point into the text that was checked. A fix is applied only
//! while the draft is still that text (a large draft is checked once typing
//! pauses, so the textarea may be ahead of the last check).

use std::sync::Arc;
use std::time::Duration;

use leptos::html::Dialog;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

use super::diff::{LineChange, Seg, line_changes, safe_edit_count};
use super::{AppState, Outcome};
use crate::Checked;
use crate::diagnostic::{Applicability, Diagnostic, apply_fixes};

/// Changed lines listed in the preview; the others are counted.
const MAX_PREVIEW_LINES: usize = 300;

/// What 「应用全部安全修正」 would do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Preview {
    pub before: String,
    pub after: String,
    /// Places (edits) changed.
    pub edits: usize,
    pub changes: Vec<LineChange>,
}

/// Whether the draft is exactly the text `c` was made from.
fn is_current(state: AppState, c: &Checked) -> bool {
    let ta_matches = state
        .textarea
        .get_untracked()
        .is_none_or(|ta| ta.value() == c.report.text);
    ta_matches && state.text.with_untracked(|t| *t == c.report.text)
}

/// Replaces the draft by `after`, keeping `before` for 「撤销修正」.
fn commit(state: AppState, before: String, after: String) {
    if before == after {
        return;
    }
    state.replace_text_in_place(after.clone());
    state.fix_undo.set(Some(Arc::new((before, after))));
    // The button that was used may be gone with the findings it fixed: move
    // the focus to 「撤销修正」, which is there now.
    set_timeout(
        || {
            if let Some(el) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id("undo-fix"))
                .and_then(|e| e.dyn_into::<HtmlElement>().ok())
            {
                let _ = el.focus();
            }
        },
        Duration::from_millis(0),
    );
}

/// The bar above the findings: apply all safe fixes, undo the last fix.
/// Drawn from `c`; what it does is done on the current check.
pub(crate) fn fix_bar(state: AppState, c: &Checked) -> impl IntoView + use<> {
    let n = safe_edit_count(&c.report.text, &c.diagnostics);
    let preview = move |_| {
        let Some(c) = super::findings::current(state) else {
            return;
        };
        if !is_current(state, &c) {
            return;
        }
        let before = c.report.text.clone();
        let (after, _) = apply_fixes(&before, &c.diagnostics, Applicability::Safe);
        let edits = safe_edit_count(&before, &c.diagnostics);
        let changes = line_changes(&before, &after);
        state.fix_preview.set(Some(Arc::new(Preview {
            before,
            after,
            edits,
            changes,
        })));
    };
    // Offered while the draft is the fixed text.
    let undo_shown = move || {
        state.text.with(|t| {
            state
                .fix_undo
                .with(|u| u.as_ref().is_some_and(|u| u.1 == *t))
        })
    };
    let undo = move |_| {
        let Some(u) = state.fix_undo.get_untracked() else {
            return;
        };
        if state.text.with_untracked(|t| *t == u.1) {
            state.fix_undo.set(None);
            state.replace_text_in_place(u.0.clone());
        }
    };
    view! {
        <div class="fix-bar">
            {(n > 0)
                .then(|| {
                    view! {
                        <button
                            type="button"
                            id="apply-safe-fixes"
                            class="plain-button"
                            data-count=n
                            aria-haspopup="dialog"
                            on:click=preview
                        >
                            {format!("应用全部安全修正（{n} 处）")}
                        </button>
                    }
                })}
            {move || {
                undo_shown()
                    .then(|| {
                        view! {
                            <span class="undo-fix">
                                <span class="quiet">"修正已应用。"</span>
                                <button type="button" id="undo-fix" class="plain-button" on:click=undo>
                                    "撤销修正"
                                </button>
                            </span>
                        }
                    })
            }}
        </div>
    }
}

/// The fix of one finding: its title and 「应用此修正」.
/// Drawn from `d`; applied from the current check's finding at `index`.
pub(crate) fn fix_row(state: AppState, index: usize, d: &Diagnostic) -> AnyView {
    let Some(fix) = d.fix.as_ref() else {
        return ().into_any();
    };
    let (kind, kind_class) = match fix.applicability {
        Applicability::Safe => ("安全修正", "fix-safe"),
        Applicability::Suggested => ("建议修正", "fix-suggested"),
    };
    let title = fix.title.clone();
    let label = format!("应用此修正：{title}");
    let apply = move |_| {
        let Some(c) = super::findings::current(state) else {
            return;
        };
        if !is_current(state, &c) {
            return;
        }
        let Some(d) = c.diagnostics.get(index) else {
            return;
        };
        let before = c.report.text.clone();
        let (after, applied) =
            apply_fixes(&before, std::slice::from_ref(d), Applicability::Suggested);
        if applied > 0 {
            commit(state, before, after);
        }
    };
    view! {
        <div class=format!("f-fix {kind_class}")>
            <span class="fix-kind">{kind}</span>
            <span class="fix-title">{title}</span>
            <button
                type="button"
                class="link apply-fix"
                data-code=d.code
                aria-label=label
                on:click=apply
            >
                "应用此修正"
            </button>
        </div>
    }
    .into_any()
}

fn segs_view(segs: &[Seg], changed_tag: &'static str) -> impl IntoView + use<> {
    segs.iter()
        .map(|s| {
            let t = s.text.clone();
            match (s.changed, changed_tag) {
                (false, _) => t.into_any(),
                (true, "del") => view! { <del>{t}</del> }.into_any(),
                (true, _) => view! { <ins>{t}</ins> }.into_any(),
            }
        })
        .collect_view()
}

fn change_view(ch: &LineChange) -> impl IntoView + use<> {
    let before = match &ch.before {
        Some(segs) => segs_view(segs, "del").into_any(),
        None => view! { <span class="quiet">"（新增的行）"</span> }.into_any(),
    };
    let after = match &ch.after {
        Some(segs) => segs_view(segs, "ins").into_any(),
        None => view! { <span class="quiet">"（删去此行）"</span> }.into_any(),
    };
    view! {
        <li class="diff-item" data-line=ch.line>
            <span class="diff-no">{format!("第 {} 行", ch.line)}</span>
            <span class="diff-row diff-before">
                <span class="diff-tag">"修改前"</span>
                <span class="diff-text">{before}</span>
            </span>
            <span class="diff-row diff-after">
                <span class="diff-tag">"修改后"</span>
                <span class="diff-text">{after}</span>
            </span>
        </li>
    }
}

/// The preview dialog of 「应用全部安全修正」.
#[component]
pub(crate) fn FixPreview() -> impl IntoView {
    let state = expect_context::<AppState>();
    let dialog = NodeRef::<Dialog>::new();

    Effect::new(move |_| {
        let open = state.fix_preview.with(Option::is_some);
        if let Some(d) = dialog.get() {
            if open && !d.open() {
                let _ = d.show_modal();
            } else if !open && d.open() {
                d.close();
            }
        }
    });

    let apply = move |_| {
        let Some(p) = state.fix_preview.get_untracked() else {
            return;
        };
        state.fix_preview.set(None);
        // The draft may have changed under the dialog (it cannot be typed
        // into while the dialog is modal, but be sure).
        let current = matches!(
            state.outcome.get_untracked(),
            Outcome::Checked(c) if is_current(state, &c) && c.report.text == p.before
        );
        if current {
            commit(state, p.before.clone(), p.after.clone());
        }
    };
    let cancel = move |_| state.fix_preview.set(None);

    let content = move || {
        state.fix_preview.get().map(|p| {
            let shown = p.changes.len().min(MAX_PREVIEW_LINES);
            let rest = p.changes.len() - shown;
            let items = p.changes[..shown].iter().map(change_view).collect_view();
            view! {
                <header class="dialog-head">
                    <h2 id="fix-preview-title">"应用全部安全修正"</h2>
                </header>
                <p class="fix-summary">
                    {format!(
                        "将修改 {} 处，涉及 {} 行。请核对修改前后的文字（改动处已标出），确认后点「应用」。",
                        p.edits,
                        p.changes.len(),
                    )}
                </p>
                <ol class="diff-list">{items}</ol>
                {(rest > 0)
                    .then(|| view! { <p class="quiet">{format!("另有 {rest} 行的修改未列出。")}</p> })}
                <footer class="dialog-actions">
                    <button type="button" id="fix-apply" class="primary-button" on:click=apply>
                        "应用"
                    </button>
                    <button type="button" id="fix-cancel" class="plain-button" on:click=cancel>
                        "取消"
                    </button>
                    <span class="quiet">"应用后可以撤销。"</span>
                </footer>
            }
        })
    };

    view! {
        <dialog
            id="fix-preview"
            class="wide-dialog"
            node_ref=dialog
            aria-labelledby="fix-preview-title"
            on:close=move |_| state.fix_preview.set(None)
        >
            {content}
        </dialog>
    }
}
