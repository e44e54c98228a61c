//! Tables 二, 三 and 四 drawn in the official layout (国办公开办函〔2021〕30号),
//! merged header cells included, with the values as read from the draft.
//!
//! Built from data with iterators: a single `view!` of hundreds of cells would
//! overflow the compiler's query depth. Every value cell carries `data-cell`
//! (`t3.r01.np`, `t4.review.total`, `t2.rules.issued`, `t2.licensing`, `t2.fee`);
//! a cell that a finding involves is marked by severity, focusable, and
//! explains itself (title on hover, a tooltip on focus).

use leptos::prelude::*;

use super::locate::{self, CellMark, Marks, t2_key, t3_key, t4_key};
use super::{AppState, Outcome};
use crate::diagnostic::Severity;
use crate::model::{
    Cell, CellValue, Label, Report, Row, T2Field, T2Item, T3Col, T3Row, T4Field, T4Group, Table2,
    Table3, Table4,
};
use crate::text::Span;

/// What the tables show: the tables without their source positions, the
/// marks on their cells and the findings on each table as a whole. Typing in
/// the prose moves every span but changes none of this, so the tables are
/// redrawn only when a value or a finding on them changes.
///
/// Findings marked 「不是问题」 ([`super::marks`]) mark no cell.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct TablesView {
    /// Only the tables of the report, with every span cleared.
    report: Report,
    marks: Marks,
    notes: [Vec<(Severity, String)>; 3],
}

/// Where a table is drawn: in the tables pane (`data-cell`, the cells that
/// findings are revealed in) or in the rendered document (`data-doc-cell`).
#[derive(Clone, Copy)]
pub(crate) struct Cx<'a> {
    marks: &'a Marks,
    document: bool,
}

impl TablesView {
    fn of(c: &crate::Checked, dismissed: &super::marks::Marks) -> Self {
        // The findings that count: those not marked 「不是问题」.
        let kept: Vec<crate::diagnostic::Diagnostic>;
        let d: &[crate::diagnostic::Diagnostic] = if dismissed.is_empty() {
            &c.diagnostics
        } else {
            let keys = super::marks::keys(c);
            kept = c
                .diagnostics
                .iter()
                .zip(&keys)
                .filter(|(_, k)| dismissed.get(k).is_none())
                .map(|(d, _)| d.clone())
                .collect();
            &kept
        };
        TablesView {
            report: Report {
                table2: c.report.table2.as_ref().map(|t| Table2 {
                    span: Span::default(),
                    rules: t.rules.as_ref().map(unplaced),
                    normative: t.normative.as_ref().map(unplaced),
                    licensing: t.licensing.as_ref().map(unplaced),
                    penalty: t.penalty.as_ref().map(unplaced),
                    coercion: t.coercion.as_ref().map(unplaced),
                    fee: t.fee.as_ref().map(unplaced),
                }),
                table3: c.report.table3.as_ref().map(|t| Table3 {
                    span: Span::default(),
                    rows: t.rows.each_ref().map(|r| r.as_ref().map(unplaced)),
                    single_other_row: t.single_other_row,
                }),
                table4: c.report.table4.as_ref().map(|t| Table4 {
                    span: Span::default(),
                    groups: t
                        .groups
                        .each_ref()
                        .map(|g| g.as_ref().map(|cells| cells.each_ref().map(unplaced_cell))),
                }),
                ..Report::default()
            },
            marks: locate::marks(d),
            notes: ["t2", "t3", "t4"].map(|id| locate::table_notes(d, id)),
        }
    }

    /// Table 二 (`2`), 三 or 四 for the rendered document: its cells marked
    /// like the tables pane's, keyed `data-doc-cell`.
    pub(crate) fn document_table(&self, n: u8) -> AnyView {
        let cx = Cx {
            marks: &self.marks,
            document: true,
        };
        match n {
            2 => table2(&self.report, cx),
            3 => table3(&self.report, cx),
            _ => table4(&self.report, cx),
        }
    }
}

/// What the tables show, following the draft and the 「不是问题」 marks.
pub(crate) fn tables_view(state: AppState) -> Memo<Option<TablesView>> {
    Memo::new(move |_| {
        state.outcome.with(|o| match o {
            Outcome::Checked(c) => state.marks.with(|m| Some(TablesView::of(c, m))),
            _ => None,
        })
    })
}

/// Whether table 三 holds the same values in both reports, wherever they
/// are in the text.
pub(crate) fn same_table3(a: &Report, b: &Report) -> bool {
    let values = |r: &Report| {
        r.table3.as_ref().map(|t| {
            (
                t.rows.each_ref().map(|r| r.as_ref().map(unplaced)),
                t.single_other_row,
            )
        })
    };
    values(a) == values(b)
}

fn unplaced_cell(c: &Cell) -> Cell {
    Cell {
        span: None,
        ..c.clone()
    }
}

fn unplaced<const N: usize>(r: &Row<N>) -> Row<N> {
    Row {
        label: Label {
            text: r.label.text.clone(),
            span: Span::default(),
        },
        matched: r.matched,
        cells: r.cells.each_ref().map(unplaced_cell),
        extra: r
            .extra
            .iter()
            .map(|l| Label {
                text: l.text.clone(),
                span: Span::default(),
            })
            .collect(),
    }
}

/// The three tables, or a quiet placeholder before a report is recognised.
#[component]
pub(crate) fn Tables() -> impl IntoView {
    let state = expect_context::<AppState>();
    let view = tables_view(state);
    move || {
        view.with(|v| match v {
            Some(v) => {
                let r = &v.report;
                let cx = Cx {
                    marks: &v.marks,
                    document: false,
                };
                view! {
                    <div class="tables">
                        {table_block("t2", "二、主动公开政府信息情况", &v.notes[0], table2(r, cx))}
                        {table_block(
                            "t3",
                            "三、收到和处理政府信息公开申请情况",
                            &v.notes[1],
                            table3(r, cx),
                        )}
                        {table_block(
                            "t4",
                            "四、政府信息公开行政复议、行政诉讼情况",
                            &v.notes[2],
                            table4(r, cx),
                        )}
                    </div>
                }
                .into_any()
            }
            None => view! {
                <p class="tables-empty">
                    "粘贴年报后，这里按国家规定的格式显示三张统计表，有问题的单元格会标出。"
                </p>
            }
            .into_any(),
        })
    }
}

/// A table under its heading, with the findings on the table as a whole.
fn table_block(
    id: &'static str,
    heading: &'static str,
    notes: &[(Severity, String)],
    table: AnyView,
) -> AnyView {
    let notes = (!notes.is_empty()).then(|| {
        view! {
            <ul class="table-notes">
                {notes
                    .iter()
                    .map(|(s, n)| view! { <li class=format!("note-{}", s.key())>{n.clone()}</li> })
                    .collect_view()}
            </ul>
        }
    });
    view! {
        <section class="table-block" id=format!("table-{id}") aria-labelledby=format!("{id}-heading")>
            <h2 id=format!("{id}-heading")>{heading}</h2>
            {notes}
            {table}
        </section>
    }
    .into_any()
}

/// A notice in place of a table that was not found.
fn missing(name: &'static str) -> AnyView {
    view! {
        <p class="notice table-missing">
            {format!("未在草稿中找到{name}。请检查表格是否完整粘贴、表头文字是否与国家规定的格式一致。")}
        </p>
    }
    .into_any()
}

/// A header cell; spans of 1 are left out.
fn th(text: &'static str, rowspan: u32, colspan: u32, class: &'static str) -> AnyView {
    view! {
        <th
            class=class
            rowspan=(rowspan > 1).then_some(rowspan)
            colspan=(colspan > 1).then_some(colspan)
        >
            {text}
        </th>
    }
    .into_any()
}

/// What a value cell shows: the number, nothing for a blank, the text as
/// written for anything else.
fn shown(cell: &Cell) -> (String, &'static str) {
    match &cell.value {
        CellValue::Int(n) => (n.to_string(), "num"),
        CellValue::Decimal(s) => (s.clone(), "num"),
        CellValue::Blank => (String::new(), "blank"),
        CellValue::Placeholder => (cell.raw.clone(), "placeholder"),
        CellValue::Invalid => (cell.raw.clone(), "invalid"),
    }
}

/// A value cell: `cell` is `None` when its row was not found.
fn value_cell(key: String, cell: Option<&Cell>, colspan: u32, cx: Cx<'_>) -> AnyView {
    let mark: Option<&CellMark> = cx.marks.get(&key);
    let (text, kind) = match cell {
        Some(c) => shown(c),
        None => (String::new(), "absent"),
    };
    let mut class = format!("v v-{kind}");
    if let Some(m) = mark {
        class.push(' ');
        class.push_str(&m.classes());
    }
    let title = match (mark, cell) {
        (Some(m), _) => Some(m.notes.join("\n")),
        (None, None) => Some("草稿中未找到这一行".to_string()),
        (None, Some(_)) => None,
    };
    let tip = mark.map(|m| {
        view! {
            <span class="tip" role="tooltip">
                {m
                    .notes
                    .iter()
                    .map(|n| view! { <span class="tip-line">{n.clone()}</span> })
                    .collect_view()}
            </span>
        }
    });
    view! {
        <td
            class=class
            data-cell=(!cx.document).then(|| key.clone())
            data-doc-cell=cx.document.then_some(key)
            colspan=(colspan > 1).then_some(colspan)
            tabindex=mark.map(|_| 0)
            title=title
        >
            <span class="val">{text}</span>
            {tip}
        </td>
    }
    .into_any()
}

// ---------------------------------------------------------------- table 二

fn table2(report: &Report, cx: Cx<'_>) -> AnyView {
    let Some(t) = &report.table2 else {
        return missing("表二（主动公开政府信息情况）");
    };
    let rows: Vec<AnyView> = vec![
        caption2("第二十条第（一）项"),
        view! {
            <tr>
                {th("信息内容", 1, 1, "head")}
                {T2Field::ALL.iter().map(|f| th(f.label(), 1, 1, "head")).collect_view()}
            </tr>
        }
        .into_any(),
        three_row(t, T2Item::Rules, cx),
        three_row(t, T2Item::Normative, cx),
        caption2("第二十条第（五）项"),
        head2("本年处理决定数量"),
        one_row(t, T2Item::Licensing, cx),
        caption2("第二十条第（六）项"),
        head2("本年处理决定数量"),
        one_row(t, T2Item::Penalty, cx),
        one_row(t, T2Item::Coercion, cx),
        caption2("第二十条第（八）项"),
        head2("本年收费金额（单位：万元）"),
        one_row(t, T2Item::Fee, cx),
    ];
    view! {
        <div class="table-scroll">
            <table class="form form-t2">
                <colgroup>
                    <col class="c-t2-label" />
                    <col class="c-t2-val" />
                    <col class="c-t2-val" />
                    <col class="c-t2-val" />
                </colgroup>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}

fn caption2(text: &'static str) -> AnyView {
    view! { <tr class="caption-row">{th(text, 1, 4, "caption")}</tr> }.into_any()
}

fn head2(text: &'static str) -> AnyView {
    view! { <tr>{th("信息内容", 1, 1, "head")} {th(text, 1, 3, "head")}</tr> }.into_any()
}

fn three_row(t: &Table2, item: T2Item, cx: Cx<'_>) -> AnyView {
    let cells = t.item(item);
    view! {
        <tr>
            {th(item.label(), 1, 1, "row-label")}
            {T2Field::ALL
                .iter()
                .map(|&f| value_cell(t2_key(item, f), cells.and_then(|c| c.get(f as usize)), 1, cx))
                .collect_view()}
        </tr>
    }
    .into_any()
}

fn one_row(t: &Table2, item: T2Item, cx: Cx<'_>) -> AnyView {
    let cell = t.item(item).and_then(|c| c.first());
    view! {
        <tr>
            {th(item.label(), 1, 1, "row-label")}
            {value_cell(t2_key(item, T2Field::Issued), cell, 3, cx)}
        </tr>
    }
    .into_any()
}

// ---------------------------------------------------------------- table 三

/// The note in the corner of table 三: the only relation printed on the form.
const T3_CORNER: &str = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";

fn table3(report: &Report, cx: Cx<'_>) -> AnyView {
    let Some(t) = &report.table3 else {
        return missing("表三（收到和处理政府信息公开申请情况）");
    };
    let head = view! {
        <tr>{th(T3_CORNER, 3, 3, "corner")} {th("申请人情况", 1, 7, "head")}</tr>
        <tr>
            {th("自然人", 2, 1, "head")}
            {th("法人或其他组织", 1, 5, "head")}
            {th("总计", 2, 1, "head")}
        </tr>
        <tr>
            {[T3Col::Biz, T3Col::Res, T3Col::Ngo, T3Col::Law, T3Col::Oth]
                .iter()
                .map(|c| th(c.label(), 1, 1, "head"))
                .collect_view()}
        </tr>
    };
    let body = T3Row::ALL.iter().map(|&r| t3_row(t, r, cx)).collect_view();
    view! {
        <div class="table-scroll">
            <table class="form form-t3">
                <colgroup>
                    <col class="c-t3-a" />
                    <col class="c-t3-b" />
                    <col class="c-t3-c" />
                    {T3Col::ALL.iter().map(|_| view! { <col class="c-t3-val" /> }).collect_view()}
                </colgroup>
                <thead>{head}</thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
    .into_any()
}

/// The first row of each group of table 三 and how many rows it spans.
fn group_start(r: T3Row) -> Option<u32> {
    match r {
        T3Row::R05 => Some(8),
        T3Row::R13 => Some(3),
        T3Row::R16 => Some(5),
        T3Row::R21 => Some(3),
        _ => None,
    }
}

fn t3_row(t: &Table3, r: T3Row, cx: Cx<'_>) -> AnyView {
    let mut labels: Vec<AnyView> = Vec::new();
    match r {
        T3Row::R01 | T3Row::R02 | T3Row::R25 => labels.push(th(r.label(), 1, 3, "row-label")),
        T3Row::R03 => {
            labels.push(th("三、本年度办理结果", 22, 1, "group group-results"));
            labels.push(th(r.label(), 1, 2, "row-label"));
        }
        T3Row::R04 | T3Row::R24 => labels.push(th(r.label(), 1, 2, "row-label")),
        _ => {
            if let (Some(n), Some(g)) = (group_start(r), r.group()) {
                labels.push(th(g, n, 1, "group"));
            }
            labels.push(th(r.label(), 1, 1, "row-label sub"));
        }
    }
    let row = t.row(r);
    let cells = T3Col::ALL
        .iter()
        .map(|&c| value_cell(t3_key(r, c), row.map(|x| &x.cells[c.index()]), 1, cx))
        .collect_view();
    let class = if row.is_none() { "row-absent" } else { "" };
    view! { <tr data-row=r.key() class=class>{labels}{cells}</tr> }.into_any()
}

// ---------------------------------------------------------------- table 四

fn table4(report: &Report, cx: Cx<'_>) -> AnyView {
    let Some(t) = &report.table4 else {
        return missing("表四（政府信息公开行政复议、行政诉讼情况）");
    };
    let fields = |class: &'static str, rowspan: u32| {
        T4Field::ALL
            .iter()
            .map(move |f| th(f.label(), rowspan, 1, class))
            .collect_view()
    };
    let values = T4Group::ALL
        .iter()
        .flat_map(|&g| T4Field::ALL.iter().map(move |&f| (g, f)))
        .map(|(g, f)| value_cell(t4_key(g, f), table4_cell(t, g, f), 1, cx))
        .collect_view();
    view! {
        <div class="table-scroll">
            <table class="form form-t4">
                <thead>
                    <tr>{th("行政复议", 1, 5, "head")} {th("行政诉讼", 1, 10, "head")}</tr>
                    <tr>
                        {fields("head", 2)}
                        {th("未经复议直接起诉", 1, 5, "head")}
                        {th("复议后起诉", 1, 5, "head")}
                    </tr>
                    <tr>{fields("head", 1)} {fields("head", 1)}</tr>
                </thead>
                <tbody>
                    <tr>{values}</tr>
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

fn table4_cell(t: &Table4, g: T4Group, f: T4Field) -> Option<&Cell> {
    t.cell(g, f)
}
