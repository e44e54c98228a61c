//! The report rendered as a document: the title, the parts under their
//! headings, the paragraphs, and tables 二, 三 and 四 in the official layout
//! (drawn by [`super::tables`]), with the findings marked in place.
//!
//! Text that a finding points at is underlined by severity: a paragraph is
//! split into runs at the findings' span boundaries ([`runs`]), each marked
//! run a focusable `<mark>` explaining itself (title on hover, a tooltip on
//! focus); a click takes the user to the finding in the findings panel.
//! Findings on the whole document (and text findings that fall where no
//! text is drawn) are listed in a banner above. Findings marked
//! 「不是问题」 are not marked.
//!
//! Built from the parsed report and its text, so it follows typing. Every
//! block (a heading, a paragraph, a table) is rendered once per content:
//! the blocks are keyed by what they show, never by where they are in the
//! text, so a keystroke redraws only the paragraph typed in.
//!
//! The splitting into blocks and runs is plain functions, tested natively.
//! User text is only ever rendered as text nodes.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{FocusOptions, HtmlElement, ScrollBehavior, ScrollIntoViewOptions};

use super::{AppState, Outcome, locate, marks, tables};
use crate::Checked;
use crate::diagnostic::{Diagnostic, Location, Severity};
use crate::model::Report;
use crate::text::Span;

/// How long a revealed mark stays highlighted.
const FLASH: Duration = Duration::from_millis(1800);

// ------------------------------------------------------------ blocks (pure)

/// What a block of the document is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Kind {
    Title,
    /// The heading of one of the parts 一…六 (`<h2>`).
    Part,
    /// Any other heading (`<h3>`).
    Heading,
    Paragraph,
    /// Table 二, 三 or 四.
    Table(u8),
}

/// A block and the text it shows (for a table: the text it was read from).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Block {
    pub kind: Kind,
    pub span: Span,
}

/// The blocks of a report, in document order: every non-blank line outside
/// the title, the headings and the tables is a paragraph; a table stands
/// where its text begins. Headings show without their Markdown markers.
pub(crate) fn blocks(report: &Report) -> Vec<Block> {
    let text = report.text.as_str();
    // What is not a paragraph, by where it begins.
    let mut items: Vec<Block> = Vec::new();
    if let Some(t) = &report.title {
        items.push(Block {
            kind: Kind::Title,
            span: t.span,
        });
    }
    let overlaps = |a: Span, b: Span| a.start < b.end && b.start < a.end;
    for h in &report.headings {
        if items.iter().any(|i| overlaps(i.span, h.span)) {
            continue;
        }
        let part = report.parts.iter().any(|p| p.heading.span == h.span);
        items.push(Block {
            kind: if part { Kind::Part } else { Kind::Heading },
            span: h.span,
        });
    }
    for p in &report.parts {
        // A part heading not listed among the headings.
        if !items.iter().any(|i| overlaps(i.span, p.heading.span)) {
            items.push(Block {
                kind: Kind::Part,
                span: p.heading.span,
            });
        }
    }
    let tables = [
        report.table2.as_ref().map(|t| t.span),
        report.table3.as_ref().map(|t| t.span),
        report.table4.as_ref().map(|t| t.span),
    ];
    for (n, span) in (2u8..).zip(tables) {
        if let Some(span) = span.filter(|s| !s.is_empty()) {
            items.retain(|i| !overlaps(i.span, span));
            items.push(Block {
                kind: Kind::Table(n),
                span,
            });
        }
    }
    items.retain(|i| (i.span.end as usize) <= text.len() && i.span.start < i.span.end);
    crate::sort::sort_by_key(&mut items, |i| i.span.start);

    let mut out = Vec::new();
    let mut next = 0; // the next item not yet placed
    let mut at = 0usize;
    for line in text.split_inclusive('\n') {
        let start = at;
        at += line.len();
        let end = start + line.trim_end_matches(['\n', '\r']).len();
        let line_span = Span::new(start, end.max(start));
        // Items beginning before this line ends are placed here.
        let mut covered = false;
        while next < items.len() && (items[next].span.start as usize) < at {
            let item = items[next];
            next += 1;
            let span = match item.kind {
                Kind::Table(_) => item.span,
                _ => shown(text, item.span),
            };
            out.push(Block {
                kind: item.kind,
                span,
            });
        }
        if items[..next]
            .iter()
            .any(|i| overlaps(i.span, line_span) || i.span.start as usize == start)
        {
            covered = true;
        }
        if covered {
            continue;
        }
        let trimmed = trim(text, line_span);
        if !trimmed.is_empty() {
            out.push(Block {
                kind: Kind::Paragraph,
                span: trimmed,
            });
        }
    }
    out
}

/// `span` without surrounding white space (ASCII and 「　」).
fn trim(text: &str, span: Span) -> Span {
    let s = &text[span.start as usize..span.end as usize];
    let lead = s.len() - s.trim_start().len();
    let body = s.trim();
    Span::new(
        span.start as usize + lead,
        span.start as usize + lead + body.len(),
    )
}

/// A heading's text without its Markdown markers (`#`, `-`, `*`, `>`).
fn shown(text: &str, span: Span) -> Span {
    let s = &text[span.start as usize..span.end as usize];
    let body = s.trim_start_matches(|c: char| c.is_whitespace() || "#-*>".contains(c));
    trim(
        text,
        Span::new(span.end as usize - body.len(), span.end as usize),
    )
}

// ------------------------------------------------------------ runs (pure)

/// A piece of a block's text and the marks covering it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Run {
    pub span: Span,
    /// Indices into the marks given to [`runs`], in their order.
    pub marks: Vec<usize>,
}

/// Splits `block` (bytes of `text`) into runs at the boundaries of `marks`:
/// consecutive runs, covering the block, each with the marks covering all
/// of it. Marks may overlap, stick out of the block or point inside a
/// character (moved out to its boundaries); an empty mark inside the block
/// covers the character after it (before it, at the end of the block).
pub(crate) fn runs(text: &str, block: Span, marks: &[Span]) -> Vec<Run> {
    let (b0, b1) = (block.start as usize, (block.end as usize).min(text.len()));
    if b0 >= b1 {
        return Vec::new();
    }
    let floor = |mut i: usize| {
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let ceil = |mut i: usize| {
        while !text.is_char_boundary(i) {
            i += 1;
        }
        i
    };
    // Each mark clamped to the block, on character boundaries; None outside.
    let placed: Vec<Option<(usize, usize)>> = marks
        .iter()
        .map(|m| {
            let (s, e) = (m.start as usize, m.end as usize);
            if s == e {
                if s < b0 || s > b1 {
                    return None;
                }
                let s = floor(s.min(b1));
                return Some(if s < b1 {
                    (s, ceil(s + 1))
                } else {
                    (floor(s - 1), s)
                });
            }
            let (s, e) = (floor(s.max(b0)), ceil(e.min(b1)));
            (s < e).then_some((s, e))
        })
        .collect();
    let mut cuts: Vec<usize> = vec![b0, b1];
    for &(s, e) in placed.iter().flatten() {
        cuts.push(s);
        cuts.push(e);
    }
    cuts.sort_unstable();
    cuts.dedup();
    cuts.windows(2)
        .map(|w| Run {
            span: Span::new(w[0], w[1]),
            marks: placed
                .iter()
                .enumerate()
                .filter(|(_, p)| p.is_some_and(|(s, e)| s <= w[0] && w[1] <= e))
                .map(|(i, _)| i)
                .collect(),
        })
        .collect()
}

// ------------------------------------------------------------ what is shown (pure)

/// One finding as a mark explains it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) struct Note {
    /// The finding's key ([`marks::keys`]): stable across edits elsewhere.
    pub key: String,
    pub code: &'static str,
    pub severity: Severity,
    /// 「A101 警告：…」.
    pub line: String,
    pub help: Option<String>,
}

impl Note {
    fn of(d: &Diagnostic, key: &str) -> Note {
        Note {
            key: key.to_string(),
            code: d.code,
            severity: d.severity,
            line: locate::note(d),
            help: d.help.clone(),
        }
    }
}

/// A run of text as shown: plain, or marked by findings (most serious first).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) struct Piece {
    pub text: String,
    pub notes: Vec<Note>,
}

/// A block as shown. Its key is what it shows, so an unchanged block keeps
/// its DOM whatever moves above it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) struct Shown {
    pub kind: Kind,
    pub pieces: Vec<Piece>,
}

/// The document as shown: the banner's findings and the blocks, keyed.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct DocView {
    pub banner: Vec<Note>,
    pub blocks: Vec<((u64, u32), Shown)>,
}

/// What the document shows of `c`, leaving out findings whose key `dismissed` says.
pub(crate) fn doc_view(c: &Checked, dismissed: &dyn Fn(&str) -> bool) -> DocView {
    let keys = marks::keys(c);
    let text = c.report.text.as_str();
    // Every text place of a finding kept, primary and related.
    let mut places: Vec<(Span, usize)> = Vec::new();
    let mut banner: Vec<usize> = Vec::new();
    for (i, d) in c.diagnostics.iter().enumerate() {
        if dismissed(&keys[i]) {
            continue;
        }
        if d.location == Location::Document {
            banner.push(i);
        }
        for loc in d.locations() {
            if let Location::Span(s) = loc {
                places.push((*s, i));
            }
        }
    }
    let blocks = blocks(&c.report);
    let mut shown_anywhere = vec![false; c.diagnostics.len()];
    let mut out = DocView::default();
    let mut seen: HashMap<u64, u32> = HashMap::new();
    // Places sorted by start, to find those of a block quickly.
    crate::sort::sort_by_key(&mut places, |(s, _)| s.start);
    for b in &blocks {
        let pieces = match b.kind {
            Kind::Table(_) => Vec::new(),
            _ => {
                let here: Vec<(Span, usize)> = places
                    .iter()
                    .take_while(|(s, _)| s.start <= b.span.end)
                    .filter(|(s, _)| {
                        (s.start < b.span.end && b.span.start < s.end)
                            || (s.is_empty() && b.span.start <= s.start)
                    })
                    .copied()
                    .collect();
                let spans: Vec<Span> = here.iter().map(|(s, _)| *s).collect();
                runs(text, b.span, &spans)
                    .into_iter()
                    .map(|r| {
                        let mut idx: Vec<usize> = r.marks.iter().map(|&m| here[m].1).collect();
                        idx.sort_unstable();
                        idx.dedup();
                        for &i in &idx {
                            shown_anywhere[i] = true;
                        }
                        let mut notes: Vec<Note> = idx
                            .iter()
                            .map(|&i| Note::of(&c.diagnostics[i], &keys[i]))
                            .collect();
                        crate::sort::sort_by_key(&mut notes, |n| std::cmp::Reverse(n.severity));
                        Piece {
                            text: r.span.slice(text).to_string(),
                            notes,
                        }
                    })
                    .collect()
            }
        };
        let shown = Shown {
            kind: b.kind,
            pieces,
        };
        let mut h = DefaultHasher::new();
        shown.hash(&mut h);
        let hash = h.finish();
        let n = seen.entry(hash).or_insert(0);
        *n += 1;
        out.blocks.push(((hash, *n), shown));
    }
    // Text findings that fall where no text is drawn (inside a table's text).
    for &(_, i) in &places {
        if !shown_anywhere[i] && !banner.contains(&i) {
            banner.push(i);
        }
    }
    banner.sort_unstable();
    banner.dedup();
    out.banner = banner
        .into_iter()
        .map(|i| Note::of(&c.diagnostics[i], &keys[i]))
        .collect();
    out
}

// ------------------------------------------------------------ the view

/// Ids of tooltips, unique on the page.
static NEXT_ID: AtomicUsize = AtomicUsize::new(0);

fn next_id() -> String {
    format!("dm-{}", NEXT_ID.fetch_add(1, Ordering::Relaxed))
}

/// The rendered document, in a box of its own beside the source.
#[component]
pub(crate) fn Document() -> impl IntoView {
    let state = expect_context::<AppState>();
    let view = Memo::new(move |_| {
        state.outcome.with(|o| match o {
            Outcome::Checked(c) => state
                .marks
                .with(|m| Some(doc_view(c, &|k: &str| m.get(k).is_some()))),
            _ => None,
        })
    });
    let tables = tables::tables_view(state);
    // Drawn after the page's first frame: the findings and the tables are
    // on screen first (the document is 700 elements for the example).
    let ready = RwSignal::new(false);
    request_animation_frame(move || {
        set_timeout(move || ready.set(true), std::time::Duration::ZERO);
    });
    let notes = Memo::new(move |_| {
        if !ready.get() {
            return Vec::new();
        }
        view.with(|v| v.as_ref().map(|v| v.banner.clone()).unwrap_or_default())
    });
    let banner = move || {
        notes.with(|notes| {
            let notes = notes.clone();
            (!notes.is_empty()).then(|| {
                view! {
                    <ul class="doc-banner" aria-label="涉及全文的检查结果">
                        {notes
                            .into_iter()
                            .map(|n| {
                                let class = format!("doc-banner-item sev-{}", n.severity.key());
                                let (m, description) = mark(state, vec![n], None);
                                view! { <li class=class>{m}{description}</li> }
                            })
                            .collect_view()}
                    </ul>
                }
            })
        })
    };
    // Redrawn only when a report comes or goes: the blocks follow by key.
    let checked = Memo::new(move |_| ready.get().then(|| view.with(Option::is_some)));
    let body = move || match checked.get() {
        None => ().into_any(),
        Some(false) => view! {
            <p class="quiet doc-empty">"粘贴年报后，这里按排版显示全文，有问题的文字会标出。"</p>
        }
        .into_any(),
        Some(true) => view! {
            <For
                each=move || view.with(|v| v.as_ref().map(|v| v.blocks.clone()).unwrap_or_default())
                key=|(k, _)| *k
                children=move |(_, b)| block(state, tables, b)
            />
        }
        .into_any(),
    };
    view! {
        <section id="doc-view" class="doc-view" aria-labelledby="doc-view-heading">
            <h2 id="doc-view-heading" class="doc-view-heading">"排版预览"</h2>
            <div class="doc-scroll">
                {banner}
                <article class="doc-page" aria-label="年报排版">{body}</article>
            </div>
        </section>
    }
}

/// One block.
fn block(state: AppState, tables: Memo<Option<tables::TablesView>>, b: Shown) -> AnyView {
    // The text with its marks, and the marks' descriptions (hidden, after the block).
    let mut descriptions: Vec<AnyView> = Vec::new();
    let text: Vec<AnyView> = b
        .pieces
        .into_iter()
        .map(|p| {
            if p.notes.is_empty() {
                p.text.into_any()
            } else {
                let (m, d) = mark(state, p.notes, Some(p.text));
                descriptions.push(d);
                m
            }
        })
        .collect();
    let descriptions = (!descriptions.is_empty()).then(|| {
        view! { <span class="doc-descriptions" hidden>{descriptions}</span> }
    });
    match b.kind {
        Kind::Title => view! { <h1 class="doc-title">{text}</h1>{descriptions} }.into_any(),
        Kind::Part => view! { <h2 class="doc-part">{text}</h2>{descriptions} }.into_any(),
        Kind::Heading => view! { <h3 class="doc-heading">{text}</h3>{descriptions} }.into_any(),
        Kind::Paragraph => view! { <p class="doc-para">{text}</p>{descriptions} }.into_any(),
        Kind::Table(n) => view! {
            <div class="doc-table" data-table=n.to_string()>
                {move || tables.with(|t| t.as_ref().map(|t| t.document_table(n)))}
            </div>
        }
        .into_any(),
    }
}

/// A marked run (or, with no text, a banner entry): underlined by its most
/// serious finding, focusable, explaining itself; a click takes the user to
/// the finding in the findings panel.
///
/// The tooltip is drawn by the stylesheet from `data-tip`, and the
/// description (`aria-describedby`) is a hidden element returned apart, to
/// be placed outside the text: the text's `textContent` stays the draft's.
fn mark(state: AppState, notes: Vec<Note>, text: Option<String>) -> (AnyView, AnyView) {
    let severity = notes.first().map_or(Severity::Info, |n| n.severity);
    let lines: Vec<String> = notes
        .iter()
        .flat_map(|n| {
            std::iter::once(n.line.clone()).chain(n.help.iter().map(|h| format!("建议：{h}")))
        })
        .collect();
    let title = lines.join("\n");
    let label = notes
        .iter()
        .map(|n| n.line.clone())
        .collect::<Vec<_>>()
        .join("；");
    let finds = notes
        .iter()
        .map(|n| key_hash(&n.key))
        .collect::<Vec<_>>()
        .join(" ");
    let codes = notes.iter().map(|n| n.code).collect::<Vec<_>>().join(" ");
    let first = notes.first().map(|n| (n.key.clone(), n.code));
    let go = move |_| {
        if let Some((key, code)) = &first {
            go_to_finding(state, key, code);
        }
    };
    let on_key = {
        let first = notes.first().map(|n| (n.key.clone(), n.code));
        move |ev: web_sys::KeyboardEvent| {
            if ev.key() == "Enter" {
                ev.prevent_default();
                if let Some((key, code)) = &first {
                    go_to_finding(state, key, code);
                }
            }
        }
    };
    let id = next_id();
    let tip = lines.join("\n");
    let description = view! {
        <span hidden id=id.clone()>
            {tip.clone()}
        </span>
    }
    .into_any();
    let class = format!("doc-mark mark-{}", severity.key());
    let view = match text {
        Some(text) => view! {
            <mark
                class=class
                tabindex="0"
                title=title
                data-tip=tip
                data-finds=finds.clone()
                data-codes=codes
                data-severity=severity.key()
                aria-describedby=id
                on:click=go
                on:keydown=on_key
            >
                {text}
            </mark>
        }
        .into_any(),
        None => view! {
            <span
                class=class
                role="button"
                tabindex="0"
                title=title
                data-tip=tip
                data-finds=finds.clone()
                data-codes=codes
                data-severity=severity.key()
                aria-describedby=id
                on:click=go
                on:keydown=on_key
            >
                {label}
            </span>
        }
        .into_any(),
    };
    (view, description)
}

/// Focuses the finding `key` in the findings panel; when it is not listed
/// (filtered out, or beyond those shown), opens the rule's page instead.
fn go_to_finding(state: AppState, key: &str, code: &'static str) {
    let index = state.outcome.with_untracked(|o| match o {
        Outcome::Checked(c) => marks::keys(c).iter().position(|k| k == key),
        _ => None,
    });
    let el = index.and_then(|i| element(&format!(".finding[data-index=\"{i}\"]")));
    match el {
        Some(el) => {
            let opts = ScrollIntoViewOptions::new();
            opts.set_behavior(ScrollBehavior::Smooth);
            opts.set_block(web_sys::ScrollLogicalPosition::Center);
            el.scroll_into_view_with_scroll_into_view_options(&opts);
            let focus = FocusOptions::new();
            focus.set_prevent_scroll(true);
            let _ = el.focus_with_options(&focus);
            flash(&el);
        }
        None => state.rule.set(Some(code)),
    }
}

fn element(selector: &str) -> Option<HtmlElement> {
    web_sys::window()?
        .document()?
        .query_selector(selector)
        .ok()
        .flatten()?
        .dyn_into::<HtmlElement>()
        .ok()
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

/// Scrolls the document to where finding `d` of `c` is marked (its text,
/// its cell or its banner entry) and highlights it briefly. The page itself
/// does not scroll: only the document's box.
pub(crate) fn reveal(c: &Checked, d: &Diagnostic) {
    let _ = reveal_in_document(c, d);
}

fn reveal_in_document(c: &Checked, d: &Diagnostic) -> Option<()> {
    let index = c.diagnostics.iter().position(|x| std::ptr::eq(x, d))?;
    let key = marks::keys(c).into_iter().nth(index)?;
    let selector = match d.location {
        Location::Cell(cell) => format!(
            "#doc-view td[data-doc-cell=\"{}\"]",
            locate::focus_key(cell)?
        ),
        _ => format!("#doc-view [data-finds~=\"{}\"]", key_hash(&key)),
    };
    let target = element(&selector)?;
    let scroller = element("#doc-view .doc-scroll")?;
    let (x, y) = offset_within(&target, &scroller);
    scroller.set_scroll_top((y - scroller.client_height() / 3).max(0));
    let left = scroller.scroll_left();
    if x < left || x + target.offset_width() > left + scroller.client_width() {
        scroller.set_scroll_left((x - scroller.client_width() / 3).max(0));
    }
    flash(&target);
    Some(())
}

/// Where `el` is inside `ancestor`'s content (which must be positioned).
fn offset_within(el: &HtmlElement, ancestor: &HtmlElement) -> (i32, i32) {
    let (mut x, mut y) = (0, 0);
    let mut at = Some(el.clone());
    while let Some(e) = at {
        if &e == ancestor {
            break;
        }
        x += e.offset_left();
        y += e.offset_top();
        at = e
            .offset_parent()
            .and_then(|p| p.dyn_into::<HtmlElement>().ok());
    }
    (x, y)
}

/// A finding's key as a short token, for `data-finds` (keys hold any text).
fn key_hash(key: &str) -> String {
    let mut h = DefaultHasher::new();
    key.hash(&mut h);
    format!("{:x}", h.finish())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Config;
    use crate::app::SEED;

    fn check(text: &str) -> Checked {
        crate::check_text(text, &Config::default()).unwrap()
    }

    fn texts(text: &str, rs: &[Run]) -> Vec<(String, Vec<usize>)> {
        rs.iter()
            .map(|r| (r.span.slice(text).to_string(), r.marks.clone()))
            .collect()
    }

    #[test]
    fn runs_split_at_mark_boundaries() {
        let text = "甲乙丙丁戊";
        let b = Span::new(0, text.len());
        // 乙丙 and 丙丁 overlap on 丙.
        let rs = runs(text, b, &[Span::new(3, 9), Span::new(6, 12)]);
        assert_eq!(
            texts(text, &rs),
            vec![
                ("甲".to_string(), vec![]),
                ("乙".to_string(), vec![0]),
                ("丙".to_string(), vec![0, 1]),
                ("丁".to_string(), vec![1]),
                ("戊".to_string(), vec![]),
            ]
        );
        // The runs cover the block exactly.
        assert_eq!(rs.first().unwrap().span.start, 0);
        assert_eq!(rs.last().unwrap().span.end as usize, text.len());
    }

    #[test]
    fn runs_keep_to_characters_and_to_the_block() {
        let text = "前，后😀尾";
        let b = Span::new(3, text.len()); // from 「，」
        // A mark starting inside 「前」 and ending inside 「😀」; one outside.
        let rs = runs(text, b, &[Span::new(1, 10), Span::new(0, 2)]);
        assert_eq!(
            texts(text, &rs),
            vec![("，后😀".to_string(), vec![0]), ("尾".to_string(), vec![])]
        );
        // An empty mark covers the character after it, or before it at the end.
        let rs = runs(text, b, &[Span::new(6, 6)]);
        assert_eq!(rs[0].span.slice(text), "，");
        assert_eq!(rs[1].span.slice(text), "后");
        assert_eq!(rs[1].marks, vec![0]);
        let rs = runs(text, b, &[Span::new(text.len(), text.len())]);
        assert_eq!(rs.last().unwrap().span.slice(text), "尾");
        assert_eq!(rs.last().unwrap().marks, vec![0]);
        // A mark covering the whole block, nested marks, nothing to split.
        let rs = runs(text, b, &[Span::new(0, 99), Span::new(6, 9)]);
        assert_eq!(
            texts(text, &rs),
            vec![
                ("，".to_string(), vec![0]),
                ("后".to_string(), vec![0, 1]),
                ("😀尾".to_string(), vec![0]),
            ]
        );
        assert!(runs(text, Span::new(3, 3), &[]).is_empty());
    }

    #[test]
    fn the_seed_renders_as_title_parts_paragraphs_and_tables() {
        let c = check(SEED);
        let bs = blocks(&c.report);
        let text = c.report.text.as_str();
        assert_eq!(bs[0].kind, Kind::Title);
        assert_eq!(
            bs[0].span.slice(text),
            "雁鸣湖镇2021年政府信息公开工作年度报告"
        );
        let parts: Vec<&str> = bs
            .iter()
            .filter(|b| b.kind == Kind::Part)
            .map(|b| b.span.slice(text))
            .collect();
        assert_eq!(parts.len(), 6, "{parts:?}");
        assert_eq!(parts[0], "一、总体情况");
        let tables: Vec<Kind> = bs
            .iter()
            .map(|b| b.kind)
            .filter(|k| matches!(k, Kind::Table(_)))
            .collect();
        assert_eq!(tables, vec![Kind::Table(2), Kind::Table(3), Kind::Table(4)]);
        assert!(bs.iter().any(
            |b| b.kind == Kind::Heading && b.span.slice(text).starts_with("(一) 加强组织领导")
        ));
        // No paragraph repeats a table row, and blocks are in order.
        for b in &bs {
            if b.kind == Kind::Paragraph {
                assert!(!b.span.slice(text).contains('\t'), "{}", b.span.slice(text));
            }
        }
        assert!(bs.windows(2).all(|w| w[0].span.start < w[1].span.start));
    }

    #[test]
    fn findings_are_marked_in_place_and_dismissed_ones_are_not() {
        let c = check(SEED);
        let v = doc_view(&c, &|_| false);
        let marked: Vec<&Piece> = v
            .blocks
            .iter()
            .flat_map(|(_, b)| &b.pieces)
            .filter(|p| !p.notes.is_empty())
            .collect();
        assert!(!marked.is_empty());
        // The half-width commas of the seed are marked, each as itself.
        assert!(
            marked
                .iter()
                .any(|p| p.text == "," && p.notes[0].code == "W701")
        );
        // Keys are unique, so an unchanged block keeps its DOM.
        let mut keys: Vec<_> = v.blocks.iter().map(|(k, _)| *k).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), v.blocks.len());
        // Everything dismissed: nothing is marked.
        let none = doc_view(&c, &|_| true);
        assert!(none.banner.is_empty());
        assert!(
            none.blocks
                .iter()
                .all(|(_, b)| b.pieces.iter().all(|p| p.notes.is_empty()))
        );
    }

    #[test]
    fn an_edit_keeps_the_keys_of_the_other_blocks() {
        let before = doc_view(&check(SEED), &|_| false);
        let edited = SEED.replacen(
            "## 一、总体情况\n",
            "## 一、总体情况\n\n新增一段文字。\n",
            1,
        );
        let after = doc_view(&check(&edited), &|_| false);
        assert_eq!(after.blocks.len(), before.blocks.len() + 1);
        let old: std::collections::HashSet<_> = before.blocks.iter().map(|(k, _)| *k).collect();
        let new = after
            .blocks
            .iter()
            .filter(|(k, _)| !old.contains(k))
            .count();
        assert_eq!(new, 1, "only the new paragraph is new");
    }
}
