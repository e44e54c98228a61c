//! The verdict at a glance: whether the report passes (no error that is not
//! marked as not a defect), what blocks it (codes and counts), and the
//! balance of table 三 per column, as the form states it:
//! 第一项 + 第二项 = 第三项 + 第四项.
//!
//! The balance rows come from the rules' own relations
//! ([`crate::rules::relations`], kind `T3Balance`), evaluated as A301
//! evaluates them: nothing is derived again here.

use leptos::prelude::*;

use super::AppState;
use super::marks::{self, Tally};
use crate::Checked;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Report, T3Col};
use crate::rules::{RelationKind, Status, relations, value};

/// Whether the report passes, and why not.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Verdict {
    pub passes: bool,
    /// The rules with errors that are not marked, and how many each, in
    /// the order they first appear.
    pub blocking: Vec<(&'static str, usize)>,
    pub tally: Tally,
}

pub(crate) fn verdict(diagnostics: &[Diagnostic], reasons: &[Option<String>]) -> Verdict {
    let tally = marks::tally(diagnostics, reasons);
    let mut blocking: Vec<(&'static str, usize)> = Vec::new();
    for (i, d) in diagnostics.iter().enumerate() {
        if d.severity != Severity::Error || reasons.get(i).is_some_and(Option::is_some) {
            continue;
        }
        match blocking.iter_mut().find(|(c, _)| *c == d.code) {
            Some((_, n)) => *n += 1,
            None => blocking.push((d.code, 1)),
        }
    }
    Verdict {
        passes: blocking.is_empty(),
        blocking,
        tally,
    }
}

impl Verdict {
    /// One line: 「通过：未发现错误」 or 「未通过：3 处错误」.
    pub(crate) fn headline(&self) -> String {
        let t = self.tally;
        if !self.passes {
            return format!("未通过：{} 处错误需要修改", t.errors);
        }
        match (t.warnings, t.infos) {
            (0, 0) => "通过：未发现问题".to_string(),
            (0, _) => "通过：未发现错误或警告，另有提示供参考".to_string(),
            (w, _) => format!("通过：未发现错误，另有 {w} 条警告请核对"),
        }
    }
}

/// One column of table 三 checked against 第一项 + 第二项 = 第三项 + 第四项.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct BalanceRow {
    pub col: T3Col,
    /// 第一项 (本年新收), 第二项 (上年结转): the relation's left side.
    pub lhs: Vec<Option<u64>>,
    /// 第三项 (（七）总计), 第四项 (结转下年度继续办理): the right side.
    pub rhs: Vec<Option<u64>>,
    pub status: Status,
}

impl BalanceRow {
    /// The sum of a side, when every cell of it holds a count.
    pub(crate) fn sum(side: &[Option<u64>]) -> Option<u64> {
        side.iter().try_fold(0u64, |a, v| a.checked_add((*v)?))
    }

    /// 「✓」, 「相差 2」 or 「无法核对」.
    pub(crate) fn outcome(&self) -> String {
        match self.status {
            Status::Holds => "✓".to_string(),
            Status::Fails { lhs, rhs } => format!("相差 {}", lhs.abs_diff(rhs)),
            Status::Unverified => "无法核对".to_string(),
        }
    }
}

/// The balance of every column of table 三 (none without table 三).
pub(crate) fn balance_rows(report: &Report) -> Vec<BalanceRow> {
    relations(report)
        .into_iter()
        .filter_map(|rel| {
            let RelationKind::T3Balance(col) = rel.kind else {
                return None;
            };
            let values = |cells: &[crate::diagnostic::CellRef]| {
                cells.iter().map(|c| value(report, *c)).collect::<Vec<_>>()
            };
            Some(BalanceRow {
                col,
                lhs: values(&rel.lhs),
                rhs: values(&rel.rhs),
                status: rel.evaluate(report),
            })
        })
        .collect()
}

fn num(v: Option<u64>) -> String {
    v.map_or_else(|| "—".to_string(), |n| n.to_string())
}

/// The verdict of a checked report: the headline, what blocks it and the
/// balance of table 三. Reactive on the marks.
pub(crate) fn verdict_view(state: AppState, c: &Checked) -> impl IntoView + use<> {
    let keys = marks::keys(c);
    let diagnostics = c.diagnostics.clone();
    let v = Memo::new(move |_| {
        state
            .marks
            .with(|m| verdict(&diagnostics, &marks::reasons(m, &keys)))
    });
    let blockers = move || {
        let v = v.get();
        (!v.blocking.is_empty()).then(|| {
            let items = v
                .blocking
                .iter()
                .map(|&(code, n)| {
                    let title = crate::rules::rule(code).map_or("", |r| r.title);
                    view! {
                        <li data-code=code>
                            <code>{code}</code>
                            " "
                            {title}
                            <span class="blocker-count">{format!(" × {n}")}</span>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <div class="blockers">
                    <span class="blockers-label">"需要修改："</span>
                    <ul class="blocker-list">{items}</ul>
                </div>
            }
        })
    };
    let dismissed = move || {
        let n = v.with(|v| v.tally.dismissed);
        (n > 0).then(|| {
            view! {
                <p class="quiet dismissed-count">
                    {format!("另有 {n} 条已标记为「不是问题」，未计入。")}
                </p>
            }
        })
    };
    view! {
        <div
            id="verdict"
            class="verdict-box"
            class:verdict-pass=move || v.with(|v| v.passes)
            class:verdict-fail=move || v.with(|v| !v.passes)
            data-passes=move || v.with(|v| v.passes.to_string())
            role="status"
        >
            <p class="verdict-headline">
                <span class="verdict-mark" aria-hidden="true">
                    {move || if v.with(|v| v.passes) { "✓" } else { "✗" }}
                </span>
                {move || v.with(Verdict::headline)}
            </p>
            {blockers}
            {dismissed}
        </div>
        {balance_view(&c.report, "balance")}
    }
}

/// Table 三's balance per column, or nothing without table 三; `id` names
/// the table (the page and the review sheet each have one).
pub(crate) fn balance_view(report: &Report, id: &'static str) -> Option<impl IntoView + use<>> {
    let rows = balance_rows(report);
    if rows.is_empty() {
        return None;
    }
    let body = rows
        .into_iter()
        .map(|r| {
            let class = match r.status {
                Status::Holds => "bal-ok",
                Status::Fails { .. } => "bal-fail",
                Status::Unverified => "bal-unknown",
            };
            let outcome = r.outcome();
            let left = BalanceRow::sum(&r.lhs);
            let right = BalanceRow::sum(&r.rhs);
            view! {
                <tr class=class data-col=r.col.key()>
                    <th scope="row">{r.col.label()}</th>
                    <td>{num(r.lhs[0])}</td>
                    <td>{num(r.lhs[1])}</td>
                    <td class="bal-sum">{num(left)}</td>
                    <td>{num(r.rhs[0])}</td>
                    <td>{num(r.rhs[1])}</td>
                    <td class="bal-sum">{num(right)}</td>
                    <td class="bal-outcome">{outcome}</td>
                </tr>
            }
        })
        .collect_view();
    Some(view! {
        <div class="balance-wrap">
            <table class="balance" id=id>
                <caption>
                    "表三勾稽关系：第一项 + 第二项 = 第三项 + 第四项"
                    <span class="quiet balance-note">
                        "第一项：本年新收；第二项：上年结转；第三项：本年度办理结果（七）总计；第四项：结转下年度继续办理"
                    </span>
                </caption>
                <thead>
                    <tr>
                        <th scope="col">"申请人"</th>
                        <th scope="col" title="一、本年新收政府信息公开申请数量">"第一项"</th>
                        <th scope="col" title="二、上年结转政府信息公开申请数量">"第二项"</th>
                        <th scope="col">"一+二"</th>
                        <th scope="col" title="三、本年度办理结果（七）总计">"第三项"</th>
                        <th scope="col" title="四、结转下年度继续办理">"第四项"</th>
                        <th scope="col">"三+四"</th>
                        <th scope="col">"核对"</th>
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Config;
    use crate::app::SEED;

    fn check(text: &str) -> Checked {
        crate::check_text(text, &Config::default()).unwrap()
    }

    /// The example with 一、本年新收 of 自然人 raised by `by`.
    fn raised(by: u64) -> String {
        let s = SEED.replace("\r\n", "\n");
        let label = "一、本年新收政府信息公开申请数量";
        let line = s.find(label).unwrap();
        let end = line + s[line..].find('\n').unwrap();
        let row = &s[line..end];
        let at = line + row.find(|c: char| c.is_ascii_digit()).unwrap();
        let len = s[at..].find(|c: char| !c.is_ascii_digit()).unwrap();
        let n: u64 = s[at..at + len].parse().unwrap();
        format!("{}{}{}", &s[..at], n + by, &s[at + len..])
    }

    #[test]
    fn the_example_balances_in_every_column() {
        let c = check(SEED);
        let rows = balance_rows(&c.report);
        assert_eq!(rows.len(), 7);
        assert_eq!(rows[0].col, T3Col::Np);
        assert_eq!(rows[6].col, T3Col::Tot);
        for r in &rows {
            assert_eq!(r.status, Status::Holds, "{:?}", r.col);
            assert_eq!(BalanceRow::sum(&r.lhs), BalanceRow::sum(&r.rhs));
            assert_eq!(r.outcome(), "✓");
        }
        let v = verdict(&c.diagnostics, &[]);
        assert!(v.passes);
        assert!(v.blocking.is_empty());
        assert!(v.headline().starts_with("通过"));
    }

    #[test]
    fn a_broken_column_shows_its_numbers_and_difference_and_blocks() {
        let c = check(&raised(2));
        let rows = balance_rows(&c.report);
        let np = rows.iter().find(|r| r.col == T3Col::Np).unwrap();
        let (l, r) = (
            BalanceRow::sum(&np.lhs).unwrap(),
            BalanceRow::sum(&np.rhs).unwrap(),
        );
        assert_eq!(l, r + 2);
        assert_eq!(np.status, Status::Fails { lhs: l, rhs: r });
        assert_eq!(np.outcome(), "相差 2");
        // The same relations as A301: one A301 per failing column.
        let failing = rows
            .iter()
            .filter(|r| matches!(r.status, Status::Fails { .. }))
            .count();
        let a301 = c.diagnostics.iter().filter(|d| d.code == "A301").count();
        assert_eq!(failing, a301);
        let v = verdict(&c.diagnostics, &[]);
        assert!(!v.passes);
        assert!(v.blocking.contains(&("A301", a301)));
        assert!(v.headline().starts_with("未通过"));
    }

    #[test]
    fn marked_errors_no_longer_block() {
        let c = check(&raised(1));
        let reasons: Vec<Option<String>> = c
            .diagnostics
            .iter()
            .map(|d| (d.severity == Severity::Error).then(|| "已核实".to_string()))
            .collect();
        let v = verdict(&c.diagnostics, &reasons);
        assert!(v.passes);
        assert!(v.tally.dismissed > 0);
        assert_eq!(v.tally.errors, 0);
    }

    #[test]
    fn blank_cells_leave_a_column_unverified() {
        let mut r = check(SEED).report;
        let t3 = r.table3.as_mut().unwrap();
        t3.rows[0].as_mut().unwrap().cells[0] = crate::model::Cell::blank();
        let rows = balance_rows(&r);
        assert_eq!(rows[0].status, Status::Unverified);
        assert_eq!(rows[0].outcome(), "无法核对");
        assert_eq!(rows[0].lhs[0], None);
        assert_eq!(num(rows[0].lhs[0]), "—");
    }
}
