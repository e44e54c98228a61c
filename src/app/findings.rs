//! The findings panel: the verdict, counts by severity, filters by severity
//! and by rule, and the findings grouped by where they are (全文, the six
//! parts, tables 二/三/四). Each finding is a button that takes the user to
//! its cell or text, with a link to the rule's documentation and
//! 「不是问题」 to mark it as not a defect with a reason ([`super::marks`]).
//!
//! 「上一处」/「下一处」, `j`/`k` (outside text fields) and Alt+↓/↑ move the
//! focus to the next or previous finding shown and reveal it.
//!
//! The grouping and the order of the findings shown are plain functions,
//! tested natively.

use std::sync::Arc;
use std::time::Duration;

use leptos::html::Input;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    FocusOptions, HtmlElement, HtmlTextAreaElement, KeyboardEvent, ScrollBehavior,
    ScrollIntoViewOptions, ScrollLogicalPosition,
};

use super::fixes::{fix_bar, fix_row};
use super::locate::{self, utf16_offset};
use super::{AppState, Outcome, export, marks, verdict};
use crate::Checked;
use crate::diagnostic::{Applicability, Diagnostic, Location, Severity};
use crate::model::{PartKind, Report};
use crate::text::{LineIndex, Span};

/// Findings listed before 「显示其余」: a long list costs time on every keystroke.
const MAX_SHOWN: usize = 200;

/// How long a revealed cell or text stays highlighted.
const FLASH: Duration = Duration::from_millis(1800);

// ------------------------------------------------------------ grouping (pure)

/// Where a finding is, for grouping: in document order, each table after the
/// part that holds it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Group {
    /// The report as a whole (a missing part, a missing title).
    Document,
    /// The title and anything before part 一.
    Front,
    Overview,
    ActiveDisclosure,
    Table2,
    Applications,
    Table3,
    Appeals,
    Table4,
    Problems,
    Other,
    /// A part whose heading names none of the six (a 七、…).
    Unknown,
}

impl Group {
    fn of_part(kind: Option<PartKind>) -> Group {
        match kind {
            Some(PartKind::Overview) => Group::Overview,
            Some(PartKind::ActiveDisclosure) => Group::ActiveDisclosure,
            Some(PartKind::Applications) => Group::Applications,
            Some(PartKind::Appeals) => Group::Appeals,
            Some(PartKind::Problems) => Group::Problems,
            Some(PartKind::Other) => Group::Other,
            None => Group::Unknown,
        }
    }

    fn part(kind: PartKind) -> String {
        format!("{}、{}", kind.ordinal(), kind.standard_heading())
    }

    /// The group's heading: 「一、总体情况」, 「表三 收到和处理政府信息公开申请情况」, 「全文」.
    pub(crate) fn label(self) -> String {
        match self {
            Group::Document => "全文".to_string(),
            Group::Front => "标题及开头".to_string(),
            Group::Overview => Group::part(PartKind::Overview),
            Group::ActiveDisclosure => Group::part(PartKind::ActiveDisclosure),
            Group::Table2 => "表二 主动公开政府信息情况".to_string(),
            Group::Applications => Group::part(PartKind::Applications),
            Group::Table3 => "表三 收到和处理政府信息公开申请情况".to_string(),
            Group::Appeals => Group::part(PartKind::Appeals),
            Group::Table4 => "表四 政府信息公开行政复议、行政诉讼情况".to_string(),
            Group::Problems => Group::part(PartKind::Problems),
            Group::Other => Group::part(PartKind::Other),
            Group::Unknown => "其他内容".to_string(),
        }
    }

    /// A short stable key, for `data-group`.
    pub(crate) fn key(self) -> &'static str {
        match self {
            Group::Document => "document",
            Group::Front => "front",
            Group::Overview => "p1",
            Group::ActiveDisclosure => "p2",
            Group::Table2 => "t2",
            Group::Applications => "p3",
            Group::Table3 => "t3",
            Group::Appeals => "p4",
            Group::Table4 => "t4",
            Group::Problems => "p5",
            Group::Other => "p6",
            Group::Unknown => "unknown",
        }
    }
}

/// The group of a finding: by its primary location.
pub(crate) fn group_of(report: &Report, loc: &Location) -> Group {
    let s = match loc {
        Location::Document => return Group::Document,
        Location::Cell(c) => {
            return match c.table_key() {
                "t2" => Group::Table2,
                "t3" => Group::Table3,
                _ => Group::Table4,
            };
        }
        Location::Span(s) => s.start,
    };
    let inside = |t: Span| t.start <= s && s < t.end;
    if report.table2.as_ref().is_some_and(|t| inside(t.span)) {
        return Group::Table2;
    }
    if report.table3.as_ref().is_some_and(|t| inside(t.span)) {
        return Group::Table3;
    }
    if report.table4.as_ref().is_some_and(|t| inside(t.span)) {
        return Group::Table4;
    }
    report
        .parts
        .iter()
        .rev()
        .find(|p| p.heading.span.start <= s)
        .map_or(Group::Front, |p| Group::of_part(p.kind))
}

/// Which findings are shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Filter {
    /// Shown severities: error, warning, info.
    pub severities: [bool; 3],
    /// Only this rule's findings, when set.
    pub rule: Option<String>,
}

impl Default for Filter {
    fn default() -> Self {
        Filter {
            severities: [true; 3],
            rule: None,
        }
    }
}

fn severity_slot(s: Severity) -> usize {
    match s {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Info => 2,
    }
}

impl Filter {
    pub(crate) fn shows(&self, d: &Diagnostic) -> bool {
        self.severities[severity_slot(d.severity)]
            && self.rule.as_deref().is_none_or(|r| r == d.code)
    }
}

/// The findings shown, by group in document order; within a group in the
/// checker's order. Indices into `diagnostics`.
pub(crate) fn grouped(
    report: &Report,
    diagnostics: &[Diagnostic],
    filter: &Filter,
) -> Vec<(Group, Vec<usize>)> {
    let mut out: Vec<(Group, Vec<usize>)> = Vec::new();
    for (i, d) in diagnostics.iter().enumerate() {
        if !filter.shows(d) {
            continue;
        }
        let g = group_of(report, &d.location);
        match out.iter_mut().find(|(h, _)| *h == g) {
            Some((_, v)) => v.push(i),
            None => out.push((g, vec![i])),
        }
    }
    crate::sort::sort_by_key(&mut out, |(g, _)| *g);
    out
}

/// The finding after (`forward`) or before the one at `current` in the
/// order shown, wrapping around; the first (or last) when `current` is not
/// shown.
pub(crate) fn neighbour(order: &[usize], current: Option<usize>, forward: bool) -> Option<usize> {
    let n = order.len();
    if n == 0 {
        return None;
    }
    let pos = current.and_then(|c| order.iter().position(|&i| i == c));
    let next = match (pos, forward) {
        (None, true) => 0,
        (None, false) => n - 1,
        (Some(p), true) => (p + 1) % n,
        (Some(p), false) => (p + n - 1) % n,
    };
    Some(order[next])
}

/// The rules among the findings, by code, with how many findings each.
pub(crate) fn rule_counts(diagnostics: &[Diagnostic]) -> Vec<(&'static str, usize)> {
    let mut out: Vec<(&'static str, usize)> = Vec::new();
    for d in diagnostics {
        match out.iter_mut().find(|(c, _)| *c == d.code) {
            Some((_, n)) => *n += 1,
            None => out.push((d.code, 1)),
        }
    }
    crate::sort::sort(&mut out);
    out
}

// ------------------------------------------------------------ the panel

/// What the panel keeps across checks: filters, the finding the user is on,
/// the finding whose 「不是问题」 form is open.
#[derive(Clone, Copy)]
struct Ui {
    filter: RwSignal<Filter>,
    /// The key ([`marks::keys`]) of the finding the user is on.
    current: RwSignal<Option<String>>,
    /// The key of the finding whose reason is being written.
    editing: RwSignal<Option<String>>,
    show_all: RwSignal<bool>,
}

/// The panel, once a report was recognised.
#[component]
pub(crate) fn Findings() -> impl IntoView {
    let state = expect_context::<AppState>();
    let ui = Ui {
        filter: RwSignal::new(Filter::default()),
        current: RwSignal::new(None),
        editing: RwSignal::new(None),
        show_all: RwSignal::new(false),
    };
    let _ = window_event_listener(leptos::ev::keydown, move |ev| on_key(state, ui, &ev));
    let drawn = Memo::new_with_compare(
        move |_| match state.outcome.get() {
            Outcome::Checked(c) => {
                let from_file = state.source.with(|s| {
                    s.as_ref()
                        .is_some_and(|s| s.extracted.text == c.report.text)
                });
                Some(Drawn { c, from_file })
            }
            _ => None,
        },
        redraw,
    );
    move || match drawn.get() {
        Some(d) => findings_view(state, ui, d.c).into_any(),
        None => ().into_any(),
    }
}

/// The check the panel was drawn from.
///
/// The panel is redrawn only when what it shows changes ([`same_panel`]):
/// typing that moves the findings without changing them, as most keystrokes
/// do, costs the check and nothing else. So what the panel's buttons do is
/// done on the current check ([`current`]), never on the one drawn.
#[derive(Clone)]
struct Drawn {
    c: Arc<Checked>,
    /// The draft is the opened file's text: findings show where they are in the file.
    from_file: bool,
}

fn redraw(old: Option<&Option<Drawn>>, new: Option<&Option<Drawn>>) -> bool {
    match (old, new) {
        (Some(Some(a)), Some(Some(b))) => {
            a.from_file != b.from_file
                || (a.from_file && !Arc::ptr_eq(&a.c, &b.c))
                || !same_panel(&a.c, &b.c)
        }
        (Some(None), Some(None)) => false,
        _ => true,
    }
}

/// Whether two checks show the same panel: the same title, the same findings
/// in the same order (their words, their lines, their fixes), and the same
/// values in table 三 (the verdict shows its balance). Where the findings
/// are in the text may differ.
pub(crate) fn same_panel(a: &Checked, b: &Checked) -> bool {
    fn title(c: &Checked) -> Option<&str> {
        c.report.title.as_ref().map(|t| t.text.as_str())
    }
    if title(a) != title(b)
        || a.diagnostics.len() != b.diagnostics.len()
        || !super::tables::same_table3(&a.report, &b.report)
    {
        return false;
    }
    // Lines of findings in the text (「第 N 行」), each text indexed once.
    let (lines_a, lines_b) = (
        LineIndex::new(&a.report.text),
        LineIndex::new(&b.report.text),
    );
    a.diagnostics.iter().zip(&b.diagnostics).all(|(x, y)| {
        same_finding(x, y)
            && match (&x.location, &y.location) {
                (Location::Span(s), Location::Span(t)) => {
                    s.slice(&a.report.text) == t.slice(&b.report.text)
                        && lines_a.line(s.start) == lines_b.line(t.start)
                }
                (l, m) => l == m,
            }
    })
}

/// The same words, fix and suggestion (where they are is compared apart).
fn same_finding(x: &Diagnostic, y: &Diagnostic) -> bool {
    fn fix(d: &Diagnostic) -> Option<(&str, Applicability)> {
        d.fix.as_ref().map(|f| (f.title.as_str(), f.applicability))
    }
    x.code == y.code
        && x.severity == y.severity
        && x.message == y.message
        && x.help == y.help
        && x.suggested_value == y.suggested_value
        && fix(x) == fix(y)
}

/// The current check, for what the panel's buttons do.
pub(crate) fn current(state: AppState) -> Option<Arc<Checked>> {
    state.outcome.with_untracked(|o| match o {
        Outcome::Checked(c) => Some(c.clone()),
        _ => None,
    })
}

/// `j`/`k` outside text fields, Alt+↓/↑ anywhere but in a list box.
fn on_key(state: AppState, ui: Ui, ev: &KeyboardEvent) {
    if ev.ctrl_key() || ev.meta_key() || ev.is_composing() || ev.default_prevented() {
        return;
    }
    let target = ev.target().and_then(|t| t.dyn_into::<HtmlElement>().ok());
    let tag = target.as_ref().map(|t| t.tag_name()).unwrap_or_default();
    let editable = matches!(tag.as_str(), "TEXTAREA" | "INPUT" | "SELECT")
        || target.as_ref().is_some_and(|t| t.is_content_editable());
    let forward = match (ev.key().as_str(), ev.alt_key()) {
        ("ArrowDown", true) if tag != "SELECT" => true,
        ("ArrowUp", true) if tag != "SELECT" => false,
        ("j", false) if !editable && !ev.shift_key() => true,
        ("k", false) if !editable && !ev.shift_key() => false,
        _ => return,
    };
    // Not behind an open dialog (a rule's page, the fix preview).
    let dialog_open = document()
        .query_selector("dialog[open]")
        .ok()
        .flatten()
        .is_some();
    if dialog_open {
        return;
    }
    if step(state, ui, forward) {
        ev.prevent_default();
    }
}

/// Moves to the next or previous finding shown; false when there is none.
fn step(state: AppState, ui: Ui, forward: bool) -> bool {
    let Outcome::Checked(c) = state.outcome.get_untracked() else {
        return false;
    };
    let keys = marks::keys(&c);
    let order: Vec<usize> = ui.filter.with_untracked(|f| {
        grouped(&c.report, &c.diagnostics, f)
            .into_iter()
            .flat_map(|(_, v)| v)
            .collect()
    });
    let current = ui
        .current
        .with_untracked(|k| k.as_ref().and_then(|k| keys.iter().position(|x| x == k)));
    let Some(next) = neighbour(&order, current, forward) else {
        return false;
    };
    let shown_at = order.iter().position(|&i| i == next).unwrap_or(0);
    if shown_at >= MAX_SHOWN && !ui.show_all.get_untracked() {
        ui.show_all.set(true);
    }
    ui.current.set(keys.get(next).cloned());
    // Reveal it without taking the focus, then focus the finding once drawn.
    if let Some(d) = c.diagnostics.get(next) {
        reveal_quietly(state, &c, d);
    }
    focus_finding(next);
    true
}

/// Focuses the finding at `index` once the list shows it.
fn focus_finding(index: usize) {
    request_animation_frame(move || {
        if let Some(el) = document()
            .query_selector(&format!(".finding[data-index=\"{index}\"]"))
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    });
}

fn findings_view(state: AppState, ui: Ui, c: Arc<Checked>) -> impl IntoView {
    let keys = Arc::new(marks::keys(&c));
    let title = c.report.title.as_ref().map(|t| t.text.clone());
    let tally = {
        let keys = keys.clone();
        let c = c.clone();
        Memo::new(move |_| {
            state
                .marks
                .with(|m| marks::tally(&c.diagnostics, &marks::reasons(m, &keys)))
        })
    };
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
    let bar = fix_bar(state, &c);
    let exports = export::export_bar(state, &c);
    let verdict = verdict::verdict_view(state, &c);
    let filters = filters_view(ui, &c);
    let list = {
        let c = c.clone();
        let keys = keys.clone();
        move || list_view(state, ui, c.clone(), keys.clone())
    };
    let nav = view! {
        <div class="finding-nav" role="group" aria-label="在检查结果之间移动">
            <button
                type="button"
                id="prev-finding"
                class="plain-button"
                aria-keyshortcuts="k Alt+ArrowUp"
                on:click=move |_| {
                    step(state, ui, false);
                }
            >
                "上一处"
            </button>
            <button
                type="button"
                id="next-finding"
                class="plain-button"
                aria-keyshortcuts="j Alt+ArrowDown"
                on:click=move |_| {
                    step(state, ui, true);
                }
            >
                "下一处"
            </button>
            <span class="quiet nav-hint">"快捷键：j / k 或 Alt+↓ / Alt+↑"</span>
        </div>
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
                data-errors=move || tally.get().errors
                data-warnings=move || tally.get().warnings
                data-infos=move || tally.get().infos
                data-dismissed=move || tally.get().dismissed
            >
                <span class="count count-error">"错误 " <b>{move || tally.get().errors}</b></span>
                <span class="count count-warning">
                    "警告 " <b>{move || tally.get().warnings}</b>
                </span>
                <span class="count count-info">"提示 " <b>{move || tally.get().infos}</b></span>
                {move || {
                    let n = tally.get().dismissed;
                    (n > 0)
                        .then(|| {
                            view! {
                                <span class="count count-dismissed">
                                    "不是问题 " <b>{n}</b>
                                </span>
                            }
                        })
                }}
            </div>
            {verdict}
            {off}
            {exports}
            {bar}
            {filters}
            {nav}
            {list}
        </section>
    }
}

/// The severity and rule filters.
fn filters_view(ui: Ui, c: &Checked) -> impl IntoView + use<> {
    let (e, w, i) = c.counts();
    let sev = |slot: usize, label: &'static str, n: usize, key: &'static str| {
        let id = format!("filter-{key}");
        let for_id = id.clone();
        view! {
            <label class=format!("filter-sev sev-tag sev-{key}") for=for_id>
                <input
                    type="checkbox"
                    id=id
                    data-severity=key
                    prop:checked=move || ui.filter.with(|f| f.severities[slot])
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        ui.filter.update(|f| f.severities[slot] = on);
                    }
                />
                {format!("{label}（{n}）")}
            </label>
        }
    };
    let options = rule_counts(&c.diagnostics)
        .into_iter()
        .map(|(code, n)| {
            let title = crate::rules::rule(code).map_or("", |r| r.title);
            view! {
                <option
                    value=code
                    prop:selected=move || ui.filter.with(|f| f.rule.as_deref() == Some(code))
                >
                    {format!("{code} {title}（{n}）")}
                </option>
            }
        })
        .collect_view();
    view! {
        <fieldset class="filters">
            <legend>"筛选"</legend>
            {sev(0, "错误", e, "error")}
            {sev(1, "警告", w, "warning")}
            {sev(2, "提示", i, "info")}
            <label class="filter-rule" for="filter-rule">
                "规则 "
                <select
                    id="filter-rule"
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        ui.filter.update(|f| f.rule = (!v.is_empty()).then_some(v));
                    }
                >
                    <option value="" prop:selected=move || ui.filter.with(|f| f.rule.is_none())>
                        "全部规则"
                    </option>
                    {options}
                </select>
            </label>
        </fieldset>
    }
}

/// The findings shown, grouped, each group a heading and a list.
fn list_view(state: AppState, ui: Ui, c: Arc<Checked>, keys: Arc<Vec<String>>) -> AnyView {
    let groups = ui.filter.with(|f| grouped(&c.report, &c.diagnostics, f));
    let total: usize = groups.iter().map(|(_, v)| v.len()).sum();
    if total == 0 {
        if c.diagnostics.is_empty() {
            return ().into_any();
        }
        return view! {
            <p class="quiet no-match" id="no-match">
                "没有符合筛选条件的检查结果。"
                <button
                    type="button"
                    class="link"
                    on:click=move |_| ui.filter.set(Filter::default())
                >
                    "显示全部"
                </button>
            </p>
        }
        .into_any();
    }
    let limit = if ui.show_all.get() { total } else { MAX_SHOWN };
    let mut left = limit;
    let sections = groups
        .into_iter()
        .filter_map(|(g, idx)| {
            if left == 0 {
                return None;
            }
            let n = idx.len();
            let take = n.min(left);
            left -= take;
            let heading_id = format!("fg-{}", g.key());
            let labelled_by = heading_id.clone();
            let items = idx[..take]
                .iter()
                .map(|&i| finding_item(state, ui, c.clone(), keys.clone(), i))
                .collect_view();
            Some(view! {
                <section
                    class="finding-group"
                    data-group=g.key()
                    aria-labelledby=labelled_by
                >
                    <h3 class="group-heading" id=heading_id>
                        {g.label()}
                        <span class="group-count">{format!("{n} 条")}</span>
                    </h3>
                    <ol class="finding-list">{items}</ol>
                </section>
            })
        })
        .collect_view();
    let more = (total > limit).then(|| {
        view! {
            <p class="more">
                <button type="button" class="link" on:click=move |_| ui.show_all.set(true)>
                    {format!("显示其余 {} 条", total - limit)}
                </button>
            </p>
        }
    });
    view! {
        <div class="finding-groups">{sections}</div>
        {more}
    }
    .into_any()
}

fn finding_item(
    state: AppState,
    ui: Ui,
    c: Arc<Checked>,
    keys: Arc<Vec<String>>,
    index: usize,
) -> AnyView {
    let d = &c.diagnostics[index];
    let key = keys[index].clone();
    let code = d.code;
    let severity = d.severity;
    let place = locate::describe(&d.location, &c.report.text);
    // Where it is in the opened file (PDF page, Word table cell), while the
    // draft is still the file's text.
    let offset = match d.location {
        Location::Span(span) => Some(span.start),
        Location::Cell(cell) => crate::rules::cell_span(&c.report, cell).map(|s| s.start),
        Location::Document => None,
    };
    let in_file = offset.and_then(|o| {
        state
            .source
            .with_untracked(|s| s.as_ref().and_then(|s| s.place_label(&c.report.text, o)))
    });
    let location = locate::location_key(&d.location);
    let suggested = d.suggested_value;
    let help = d.help.clone();
    let message = d.message.clone();
    let suggestion = d.suggested_value.map(|v| format!("建议值：{v}"));
    let fix = fix_row(state, index, d);
    let go = {
        let key = key.clone();
        move |_| {
            ui.current.set(Some(key.clone()));
            if let Some(c) = current(state)
                && let Some(d) = c.diagnostics.get(index)
            {
                reveal(state, &c, d);
            }
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
    let dismissed = {
        let key = key.clone();
        Memo::new(move |_| state.marks.with(|m| m.get(&key).map(str::to_string)))
    };
    let is_current = {
        let key = key.clone();
        move || ui.current.with(|k| k.as_deref() == Some(key.as_str()))
    };
    let mark = mark_view(state, ui, key, index, code, dismissed);
    view! {
        <li
            class="finding-item"
            class:dismissed=move || dismissed.with(Option::is_some)
            class:current=is_current
        >
            <button
                type="button"
                class=format!("finding sev-{}", severity.key())
                data-code=code
                data-severity=severity.key()
                data-where=location
                data-suggested=suggested
                data-index=index
                data-dismissed=move || dismissed.with(Option::is_some).to_string()
                on:click=go
            >
                <span class="f-head">
                    <span class="f-sev">{severity.label()}</span>
                    <code class="f-code">{code}</code>
                    <span class="f-where">{place}</span>
                    {in_file.map(|p| view! { <span class="f-file">{p}</span> })}
                </span>
                <span class="f-msg">{message}</span>
                {suggestion.map(|s| view! { <span class="f-suggest">{s}</span> })}
                {help.map(|h| view! { <span class="f-help">{h}</span> })}
            </button>
            {fix}
            {compare}
            <div class="f-actions">
                <button
                    type="button"
                    class="rule-link link"
                    data-rule=code
                    aria-label=format!("规则 {code} 的说明")
                    on:click=open_rule
                >
                    "规则说明"
                </button>
                {mark}
            </div>
        </li>
    }
    .into_any()
}

/// 「不是问题」: the button, the reason being written, or the mark and 「撤销标记」.
fn mark_view(
    state: AppState,
    ui: Ui,
    key: String,
    index: usize,
    code: &'static str,
    dismissed: Memo<Option<String>>,
) -> impl IntoView {
    let input = NodeRef::<Input>::new();
    let editing = {
        let key = key.clone();
        Memo::new(move |_| ui.editing.with(|e| e.as_deref() == Some(key.as_str())))
    };
    let open = {
        let key = key.clone();
        move |_| {
            ui.editing.set(Some(key.clone()));
            request_animation_frame(move || {
                if let Some(el) = input.get_untracked() {
                    let _ = el.focus();
                }
            });
        }
    };
    let confirm = {
        let key = key.clone();
        move || {
            let reason = input
                .get_untracked()
                .map(|el| el.value())
                .unwrap_or_default();
            state.marks.update(|m| m.set(&key, &reason));
            ui.editing.set(None);
            focus_finding(index);
        }
    };
    let cancel = move || {
        ui.editing.set(None);
        focus_finding(index);
    };
    let undo = {
        let key = key.clone();
        move |_| {
            state.marks.update(|m| m.remove(&key));
            focus_finding(index);
        }
    };
    let input_id = format!("reason-{index}");
    move || {
        if let Some(reason) = dismissed.get() {
            let text = if reason.is_empty() {
                "已标记为不是问题".to_string()
            } else {
                format!("已标记为不是问题：{reason}")
            };
            view! {
                <span class="dismissed-note">{text}</span>
                <button
                    type="button"
                    class="link undismiss"
                    aria-label=format!("撤销 {code} 的「不是问题」标记")
                    on:click=undo.clone()
                >
                    "撤销标记"
                </button>
            }
            .into_any()
        } else if editing.get() {
            let confirm_key = confirm.clone();
            let confirm_click = confirm.clone();
            view! {
                <div class="dismiss-form" role="group" aria-label=format!("将 {code} 标记为不是问题")>
                    <label for=input_id.clone()>"理由"</label>
                    <input
                        type="text"
                        id=input_id.clone()
                        class="dismiss-reason"
                        maxlength=marks::MAX_REASON_CHARS
                        placeholder="例如：已核对原始台账，数字无误"
                        node_ref=input
                        on:keydown=move |ev| match ev.key().as_str() {
                            "Enter" if !ev.is_composing() => {
                                ev.prevent_default();
                                confirm_key();
                            }
                            "Escape" => {
                                ev.prevent_default();
                                cancel();
                            }
                            _ => {}
                        }
                    />
                    <button
                        type="button"
                        class="plain-button dismiss-confirm"
                        on:click=move |_| confirm_click()
                    >
                        "确认"
                    </button>
                    <button type="button" class="link dismiss-cancel" on:click=move |_| cancel()>
                        "取消"
                    </button>
                </div>
            }
            .into_any()
        } else {
            view! {
                <button
                    type="button"
                    class="link dismiss-open"
                    aria-label=format!("将 {code} 标记为不是问题")
                    on:click=open.clone()
                >
                    "不是问题"
                </button>
            }
            .into_any()
        }
    }
}

// ------------------------------------------------------------ revealing

/// Takes the user to a finding: its cell (scrolled into view, focused,
/// highlighted) or its text (selected in the textarea), and to its mark in
/// the rendered document ([`super::document::reveal`]).
fn reveal(state: AppState, c: &Checked, d: &Diagnostic) {
    // The rendered document follows (its own box scrolls, the focus stays).
    super::document::reveal(c, d);
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

/// Shows a finding without taking the focus: its cell scrolled into view and
/// highlighted, or its text selected and scrolled to in the textarea (the
/// focus stays on the list, so `j`/`k` go on working).
fn reveal_quietly(state: AppState, c: &Checked, d: &Diagnostic) {
    super::document::reveal(c, d);
    let span = match d.location {
        Location::Cell(cell) => {
            if let Some(el) = locate::focus_key(cell).and_then(|k| cell_element(&k)) {
                let opts = ScrollIntoViewOptions::new();
                opts.set_behavior(ScrollBehavior::Smooth);
                opts.set_block(ScrollLogicalPosition::Nearest);
                opts.set_inline(ScrollLogicalPosition::Nearest);
                el.scroll_into_view_with_scroll_into_view_options(&opts);
                flash(&el);
                return;
            }
            crate::rules::cell_span(&c.report, cell)
        }
        Location::Span(span) => Some(span),
        Location::Document => None,
    };
    let Some(span) = span else { return };
    let Some(ta) = state.textarea.get_untracked() else {
        return;
    };
    let start = utf16_offset(&c.report.text, span.start as usize);
    let end = utf16_offset(&c.report.text, span.end as usize);
    let _ = ta.set_selection_range(start, end);
    scroll_textarea_to(&ta, start);
    flash(&ta);
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
            // The browser's parseFloat: Rust's float parser is 10 KB of wasm.
            .map(|v| js_sys::parse_float(v.trim_end_matches("px")))
            .filter(|v| v.is_finite())
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Config;
    use crate::app::SEED;
    use crate::diagnostic::CellRef;
    use crate::model::{T3Col, T3Row};
    use crate::rules::rule;

    fn check(text: &str) -> Checked {
        crate::check_text(text, &Config::default()).unwrap()
    }

    fn seed() -> String {
        SEED.replace("\r\n", "\n")
    }

    #[test]
    fn findings_fall_in_their_part_or_table() {
        let c = check(&seed());
        let r = &c.report;
        assert_eq!(group_of(r, &Location::Document), Group::Document);
        assert_eq!(
            group_of(r, &Location::Cell(CellRef::t3(T3Row::R01, T3Col::Np))),
            Group::Table3
        );
        let at = |needle: &str| {
            let s = r.text.find(needle).unwrap_or_else(|| panic!("{needle}"));
            Location::Span(Span::new(s, s + needle.len()))
        };
        assert_eq!(group_of(r, &at("雁鸣湖镇2021年政府信息公开")), Group::Front);
        assert_eq!(group_of(r, &at("一是成立")), Group::Overview);
        assert_eq!(group_of(r, &at("五、存在的主要问题")), Group::Problems);
        assert_eq!(
            group_of(r, &at("本年新收政府信息公开申请数量")),
            Group::Table3
        );
        // The seed's own findings: a misused word in part 一, punctuation in 五.
        let groups = grouped(r, &c.diagnostics, &Filter::default());
        let w702 = c.diagnostics.iter().position(|d| d.code == "W702").unwrap();
        assert!(
            groups
                .iter()
                .any(|(g, v)| *g == Group::Overview && v.contains(&w702))
        );
        let order: Vec<Group> = groups.iter().map(|(g, _)| *g).collect();
        let mut sorted = order.clone();
        sorted.sort();
        assert_eq!(order, sorted, "groups follow the document");
        let n: usize = groups.iter().map(|(_, v)| v.len()).sum();
        assert_eq!(n, c.diagnostics.len(), "every finding is in one group");
    }

    #[test]
    fn group_labels_name_the_parts_and_tables() {
        assert_eq!(Group::Overview.label(), "一、总体情况");
        assert_eq!(Group::Other.label(), "六、其他需要报告的事项");
        assert!(Group::Table3.label().starts_with("表三"));
        assert_eq!(Group::Document.label(), "全文");
        assert!(Group::ActiveDisclosure < Group::Table2 && Group::Table2 < Group::Applications);
        assert!(Group::Appeals < Group::Table4 && Group::Table4 < Group::Problems);
    }

    #[test]
    fn filters_by_severity_and_rule() {
        let d = |code: &str, loc: Location| Diagnostic::new(rule(code).unwrap(), loc, "m");
        let ds = vec![
            d("A301", Location::Cell(CellRef::t3(T3Row::R01, T3Col::Np))),
            d("W702", Location::Document),
            d("A301", Location::Cell(CellRef::t3(T3Row::R02, T3Col::Np))),
            d("S101", Location::Document),
        ];
        let r = Report::default();
        let all = grouped(&r, &ds, &Filter::default());
        assert_eq!(
            all,
            vec![(Group::Document, vec![1, 3]), (Group::Table3, vec![0, 2])]
        );
        let errors_only = Filter {
            severities: [true, false, false],
            rule: None,
        };
        assert_eq!(
            grouped(&r, &ds, &errors_only),
            vec![(Group::Document, vec![3]), (Group::Table3, vec![0, 2])]
        );
        let a301 = Filter {
            rule: Some("A301".to_string()),
            ..Filter::default()
        };
        assert_eq!(grouped(&r, &ds, &a301), vec![(Group::Table3, vec![0, 2])]);
        assert_ne!(a301, Filter::default());
        assert_eq!(
            rule_counts(&ds),
            vec![("A301", 2), ("S101", 1), ("W702", 1)]
        );
    }

    #[test]
    fn the_panel_is_kept_while_typing_only_moves_the_findings() {
        let seed = seed();
        let a = check(&seed);
        assert!(!a.diagnostics.is_empty());
        // Words typed at the start of part 一 move every finding after them.
        let moved = seed.replacen("## 一、总体情况\n", "## 一、总体情况\n本机关", 1);
        assert_ne!(moved, seed);
        let b = check(&moved);
        assert!(same_panel(&a, &b));
        // A finding that appears or goes redraws it.
        let typo = seed.replacen("## 一、总体情况\n", "## 一、总体情况\n本机关,全年", 1);
        assert!(!same_panel(&a, &check(&typo)));
        // So does a new line before a finding (its 「第 N 行」 changes).
        let line = seed.replacen("## 一、总体情况\n", "## 一、总体情况\n\n", 1);
        let c = check(&line);
        let lines_differ = a.diagnostics.iter().zip(&c.diagnostics).any(|(x, y)| {
            locate::describe(&x.location, &a.report.text)
                != locate::describe(&y.location, &c.report.text)
        });
        assert_eq!(same_panel(&a, &c), !lines_differ);
        assert!(lines_differ, "the seed has a finding placed by its line");
        // And a value of table 三 that changes no finding (the balance shows it).
        let mut t3 = b.clone();
        if let Some(t) = t3.report.table3.as_mut()
            && let Some(row) = t.rows.iter_mut().flatten().next()
        {
            row.cells[0].value = match row.cells[0].value {
                crate::model::CellValue::Int(n) => crate::model::CellValue::Int(n + 1),
                _ => crate::model::CellValue::Int(1),
            };
        }
        assert!(!same_panel(&b, &t3));
    }

    #[test]
    fn next_and_previous_wrap_around() {
        let order = [4, 1, 7];
        assert_eq!(neighbour(&order, None, true), Some(4));
        assert_eq!(neighbour(&order, None, false), Some(7));
        assert_eq!(neighbour(&order, Some(4), true), Some(1));
        assert_eq!(neighbour(&order, Some(7), true), Some(4));
        assert_eq!(neighbour(&order, Some(4), false), Some(7));
        assert_eq!(
            neighbour(&order, Some(9), true),
            Some(4),
            "not shown: start over"
        );
        assert_eq!(neighbour(&[], Some(1), true), None);
    }
}
