//! The parts Y803 found copied, this year's and last year's side by side.
//! Sentences both years have (ignoring numbers and punctuation, as Y803
//! compares) are marked. The texts are text nodes.

use leptos::html::Dialog;
use leptos::prelude::*;

use super::diff::{Sentence, shared_sentences};
use super::{AppState, Outcome};
use crate::diagnostic::{Diagnostic, Location};
use crate::model::{PartKind, Report};

/// The parts Y803 compares.
const NARRATIVE: [PartKind; 3] = [PartKind::Overview, PartKind::Problems, PartKind::Other];

/// The parts a Y803 finding names (by their headings); all the narrative
/// parts both reports have when it names none.
pub(crate) fn copied_parts(report: &Report, prev: &Report, d: &Diagnostic) -> Vec<PartKind> {
    let named: Vec<PartKind> = NARRATIVE
        .into_iter()
        .filter(|&k| {
            report
                .part(k)
                .is_some_and(|p| d.locations().any(|l| *l == Location::Span(p.heading.span)))
        })
        .collect();
    if !named.is_empty() {
        return named;
    }
    NARRATIVE
        .into_iter()
        .filter(|&k| report.part(k).is_some() && prev.part(k).is_some())
        .collect()
}

/// A part's text, without the blank lines around it.
fn part_text(report: &Report, kind: PartKind) -> String {
    report
        .part(kind)
        .map(|p| {
            p.body
                .slice(&report.text)
                .trim_matches(['\n', '\r', ' ', '\t'])
                .to_string()
        })
        .unwrap_or_default()
}

fn sentences_view(sentences: Vec<Sentence>) -> impl IntoView {
    sentences
        .into_iter()
        .map(|s| {
            if s.shared {
                view! { <mark class="same">{s.text}</mark> }.into_any()
            } else {
                s.text.into_any()
            }
        })
        .collect_view()
}

fn year_label(r: &Report, fallback: &str) -> String {
    r.year()
        .map_or(fallback.to_string(), |y| format!("{fallback}（{y}年度）"))
}

fn part_view(report: &Report, prev: &Report, kind: PartKind) -> impl IntoView + use<> {
    let (now, before) = (part_text(report, kind), part_text(prev, kind));
    let (now_s, before_s) = shared_sentences(&now, &before);
    let counted = |s: &[Sentence]| {
        let real: Vec<&Sentence> = s.iter().filter(|s| !s.text.trim().is_empty()).collect();
        (real.iter().filter(|s| s.shared).count(), real.len())
    };
    let (same, total) = counted(&now_s);
    let heading = format!("{}、{}", kind.ordinal(), kind.standard_heading());
    let now_label = year_label(report, "本年");
    let before_label = year_label(prev, "上年");
    view! {
        <section class="compare-part" data-part=kind.number()>
            <h3>
                {heading}
                " "
                <span class="quiet">{format!("本年 {total} 句中有 {same} 句与上年相同")}</span>
            </h3>
            <div class="compare-cols">
                <div class="compare-col compare-now">
                    <h4>{now_label}</h4>
                    <div class="compare-text">{sentences_view(now_s)}</div>
                </div>
                <div class="compare-col compare-prev">
                    <h4>{before_label}</h4>
                    <div class="compare-text">{sentences_view(before_s)}</div>
                </div>
            </div>
        </section>
    }
}

/// The side-by-side dialog, opened from a Y803 finding.
#[component]
pub(crate) fn Compare() -> impl IntoView {
    let state = expect_context::<AppState>();
    let dialog = NodeRef::<Dialog>::new();

    Effect::new(move |_| {
        let open = state.compare.get();
        if let Some(d) = dialog.get() {
            if open && !d.open() {
                let _ = d.show_modal();
            } else if !open && d.open() {
                d.close();
            }
        }
    });

    let content = move || {
        if !state.compare.get() {
            return None;
        }
        let Outcome::Checked(c) = state.outcome.get() else {
            return None;
        };
        let prev = state.prev_outcome.with(|p| match p {
            super::PrevOutcome::Parsed(r) => Some(r.clone()),
            _ => None,
        })?;
        let d = c.diagnostics.iter().find(|d| d.code == "Y803")?;
        let parts = copied_parts(&c.report, &prev, d)
            .into_iter()
            .map(|k| part_view(&c.report, &prev, k))
            .collect_view();
        Some(view! {
            <header class="dialog-head">
                <h2 id="compare-title">"与上年报告对照"</h2>
                <button
                    type="button"
                    class="close"
                    aria-label="关闭"
                    on:click=move |_| state.compare.set(false)
                >
                    "关闭"
                </button>
            </header>
            <p class="quiet">
                "左为本年报告，右为上年报告。两年都有的句子（比较时忽略数字和标点）以底色标出。"
            </p>
            {parts}
        })
    };

    view! {
        <dialog
            id="compare"
            class="wide-dialog"
            node_ref=dialog
            aria-labelledby="compare-title"
            on:close=move |_| state.compare.set(false)
        >
            {content}
        </dialog>
    }
}
