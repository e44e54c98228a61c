//! Y8xx: this year's report against last year's report of the same body.
//!
//! These rules run only when last year's report is given (`--prev` in the
//! command, the second text box on the page). When both reports name their
//! year and the years are not consecutive, nothing is compared: the pair is
//! not this year and last year.

use std::collections::HashSet;

use super::{Context, declare_rule};
use crate::diagnostic::{CellRef, Diagnostic, Location};
use crate::model::{PartKind, Report, T2Field, T2Item, T3Col, T3Row, T4Field, T4Group};
use crate::text::Span;

declare_rule! {
    /// ## 检查内容
    ///
    /// 本年表三「二、上年结转政府信息公开申请数量」的每一列，应等于上一年度报告表三
    /// 「四、结转下年度继续办理」的同一列。
    ///
    /// ## 为什么
    ///
    /// 上一年结转到下一年度继续办理的申请，正是本年从上年结转过来的申请，两者是同一批件。
    /// 对不上，说明其中一年的数字有误（或上年报告发布后做过更正，应予说明）。
    ///
    /// ## 示例
    ///
    /// 2023 年度报告「结转下年度继续办理」总计 5 件，2024 年度报告「上年结转」总计却填 3 件。
    ///
    /// ## 依据
    ///
    /// 国办公开办函〔2021〕30号表三第二项与第四项的含义。
    pub static CARRYOVER_MISMATCH = {
        code: "Y801",
        name: "carryover-mismatch",
        title: "上年结转与上年报告的结转下年度不符",
        family: Years,
        severity: Warning,
        check: carryover_mismatch,
    };
}

declare_rule! {
    /// ## 检查内容
    ///
    /// 表二「规章」「行政规范性文件」的现行有效件数，应等于上一年度报告的现行有效件数，
    /// 加上本年制发件数，减去本年废止件数。
    ///
    /// ## 为什么
    ///
    /// 现行有效件数是一个存量，每年按制发和废止增减。对不上通常是漏报了废止、把修订计入了
    /// 制发，或者开展了文件清理而未说明。
    ///
    /// ## 示例
    ///
    /// 上年行政规范性文件现行有效 40 件，本年制发 5 件、废止 2 件，本年现行有效应为 43 件，
    /// 报告却填 45 件。
    ///
    /// ## 依据
    ///
    /// 国办公开办函〔2021〕30号表二第二十条第（一）项的三栏含义；因文件清理、机构改革等
    /// 可能存在合理差异，故为警告。
    pub static IN_FORCE_BALANCE = {
        code: "Y802",
        name: "in-force-balance",
        title: "现行有效件数与上年及本年增减不符",
        family: Years,
        severity: Warning,
        check: in_force_balance,
    };
}

declare_rule! {
    /// ## 检查内容
    ///
    /// 本年报告的文字部分（总体情况、存在的主要问题及改进情况、其他需要报告的事项）与上一年度
    /// 报告相同的比例超过 50%。比较时忽略数字、标点和空格，改动了数字的照抄也能发现。
    ///
    /// ## 为什么
    ///
    /// 年度报告应反映本年度的工作。照抄上年报告是通报中最常见的问题之一，不少考核办法对
    /// 「与上年度重复率大于50%」的年报扣分。
    ///
    /// ## 示例
    ///
    /// 2024 年度报告的「存在的主要问题及改进情况」与 2023 年度一字不差，只改了年份。
    ///
    /// ## 依据
    ///
    /// 法治蓝皮书对年报「与去年的重复率竟达90%」的批评；宿迁等地政务公开考核中
    /// 「与上年度重复率大于50%的，扣0.5分」。
    pub static COPIED_TEXT = {
        code: "Y803",
        name: "copied-text",
        title: "正文与上年报告大量雷同",
        family: Years,
        severity: Warning,
        check: copied_text,
    };
}

declare_rule! {
    /// ## 检查内容
    ///
    /// 表二、表三或表四的数字与上一年度报告完全相同（全为 0 的表格除外）。
    ///
    /// ## 为什么
    ///
    /// 两年的申请、复议诉讼、文件数字一个不差的可能性极小，通常是沿用了上年的表格忘记更新。
    ///
    /// ## 示例
    ///
    /// 2024 年度报告表三的 175 个数字与 2023 年度完全一致。
    ///
    /// ## 依据
    ///
    /// 新京报曾报道某局年报「与2008年报告一字不差」、数据三年相同；各地考核将「内容照搬」
    /// 列为扣分项。
    pub static REPEATED_TABLES = {
        code: "Y804",
        name: "repeated-tables",
        title: "表格数字与上年完全相同",
        family: Years,
        severity: Warning,
        check: repeated_tables,
    };
}

/// Last year's report, when it is given and its year fits.
fn previous<'a>(ctx: &Context<'a>) -> Option<&'a Report> {
    let prev = ctx.prev?;
    match (ctx.report.year(), prev.year()) {
        (Some(y), Some(p)) if p + 1 != y => None,
        _ => Some(prev),
    }
}

fn prev_year_label(prev: &Report) -> String {
    prev.year()
        .map_or("上一年度".to_string(), |y| format!("{y}年度"))
}

/// Y801
fn carryover_mismatch(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(prev) = previous(ctx) else { return };
    let (Some(now), Some(before)) = (&ctx.report.table3, &prev.table3) else {
        return;
    };
    let mismatched: Vec<(T3Col, u64, u64)> = T3Col::ALL
        .into_iter()
        .filter_map(|c| {
            let this = now.cell(T3Row::R02, c)?.as_int()?;
            let last = before.cell(T3Row::R25, c)?.as_int()?;
            (this != last).then_some((c, this, last))
        })
        .collect();
    let Some(&(first, ..)) = mismatched.first() else {
        return;
    };
    let listed: Vec<String> = mismatched
        .iter()
        .map(|(c, this, last)| format!("{}列本年{this}、上年{last}", c.label()))
        .collect();
    out.push(
        Diagnostic::new(
            &CARRYOVER_MISMATCH,
            Location::Cell(CellRef::t3(T3Row::R02, first)),
            format!(
                "表三「上年结转」与{}报告的「结转下年度继续办理」不符：{}",
                prev_year_label(prev),
                listed.join("；")
            ),
        )
        .with_related(
            mismatched[1..]
                .iter()
                .map(|&(c, ..)| Location::Cell(CellRef::t3(T3Row::R02, c))),
        )
        .with_help(
            "本年上年结转应等于上年报告的结转下年度继续办理；如上年数字有更正，请在报告中说明",
        ),
    );
}

/// Y802
fn in_force_balance(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(prev) = previous(ctx) else { return };
    let (Some(now), Some(before)) = (&ctx.report.table2, &prev.table2) else {
        return;
    };
    for item in [T2Item::Rules, T2Item::Normative] {
        let (Some(this), Some(last)) = (now.item(item), before.item(item)) else {
            continue;
        };
        let get = |cells: &[crate::model::Cell], f: T2Field| cells.get(f as usize)?.as_int();
        let (Some(in_force), Some(issued), Some(repealed), Some(last_in_force)) = (
            get(this, T2Field::InForce),
            get(this, T2Field::Issued),
            get(this, T2Field::Repealed),
            get(last, T2Field::InForce),
        ) else {
            continue;
        };
        let expected = (last_in_force + issued).checked_sub(repealed);
        if expected == Some(in_force) {
            continue;
        }
        let expected = expected.map_or("负数".to_string(), |e| e.to_string());
        out.push(
            Diagnostic::new(
                &IN_FORCE_BALANCE,
                Location::Cell(CellRef::T2 {
                    item: Some(item),
                    field: Some(T2Field::InForce),
                }),
                format!(
                    "{}现行有效{in_force}件，但{}报告现行有效{last_in_force}件+本年制发{issued}件−本年废止{repealed}件={expected}件",
                    item.label(),
                    prev_year_label(prev)
                ),
            )
            .with_help("如因文件清理、修订或机构改革造成差异，请在报告中说明"),
        );
    }
}

/// The narrative parts compared by Y803.
const NARRATIVE: [PartKind; 3] = [PartKind::Overview, PartKind::Problems, PartKind::Other];
/// Characters per shingle.
const SHINGLE: usize = 8;

/// The comparable characters of a part: letters and CJK, digits folded to 0;
/// punctuation, spaces and table regions dropped.
fn narrative_chars(report: &Report, kind: PartKind) -> Vec<char> {
    let Some(part) = report.part(kind) else {
        return Vec::new();
    };
    let tables: Vec<Span> = [
        report.table2.as_ref().map(|t| t.span),
        report.table3.as_ref().map(|t| t.span),
        report.table4.as_ref().map(|t| t.span),
    ]
    .into_iter()
    .flatten()
    .collect();
    let start = part.body.start as usize;
    part.body
        .slice(&report.text)
        .char_indices()
        .filter(|&(i, _)| {
            let at = (start + i) as u32;
            !tables.iter().any(|t| t.start <= at && at < t.end)
        })
        .map(|(_, c)| c)
        .filter(|c| c.is_alphanumeric())
        .map(|c| if c.is_numeric() { '0' } else { c })
        .collect()
}

fn shingles(chars: &[char]) -> HashSet<u64> {
    chars
        .windows(SHINGLE)
        .map(|w| {
            // FNV-1a over the window: stable and small.
            w.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &c| {
                (h ^ c as u64).wrapping_mul(0x0100_0000_01b3)
            })
        })
        .collect()
}

/// Y803
fn copied_text(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(prev) = previous(ctx) else { return };
    let report = ctx.report;
    let mut copied = Vec::new();
    let (mut same_total, mut all_total) = (0usize, 0usize);
    for kind in NARRATIVE {
        let now = shingles(&narrative_chars(report, kind));
        let before = shingles(&narrative_chars(prev, kind));
        // Too short to judge: a part of a sentence or two.
        if now.len() < 40 || before.is_empty() {
            continue;
        }
        let same = now.intersection(&before).count();
        same_total += same;
        all_total += now.len();
        let share = same * 100 / now.len();
        if share > 50 {
            copied.push((kind, share));
        }
    }
    let Some(&(first, _)) = copied.first() else {
        return;
    };
    let at = |k: PartKind| {
        report
            .part(k)
            .map_or(Location::Document, |p| Location::Span(p.heading.span))
    };
    let listed: Vec<String> = copied
        .iter()
        .map(|(k, s)| format!("「{}」{s}%", k.standard_heading()))
        .collect();
    let overall = same_total * 100 / all_total.max(1);
    out.push(
        Diagnostic::new(
            &COPIED_TEXT,
            at(first),
            format!(
                "正文与{}报告雷同：{}（文字部分合计{overall}%相同，比较时忽略数字和标点）",
                prev_year_label(prev),
                listed.join("、")
            ),
        )
        .with_related(copied[1..].iter().map(|&(k, _)| at(k)))
        .with_help("年度报告应反映本年度的工作情况和问题，请根据本年实际重新撰写"),
    );
}

/// Every value of a table as comparable text (`None` where absent).
fn table_values(report: &Report, table: &str) -> Option<Vec<Option<u64>>> {
    match table {
        "表二" => {
            let t = report.table2.as_ref()?;
            Some(
                T2Item::ALL
                    .into_iter()
                    .filter(|&i| i != T2Item::Fee)
                    .flat_map(|i| {
                        let cells = t.item(i).unwrap_or(&[]);
                        let n = i.fields().len().max(1);
                        (0..n).map(move |k| cells.get(k).and_then(|c| c.as_int()))
                    })
                    .collect(),
            )
        }
        "表三" => {
            let t = report.table3.as_ref()?;
            Some(
                T3Row::ALL
                    .into_iter()
                    .flat_map(|r| T3Col::ALL.into_iter().map(move |c| (r, c)))
                    .map(|(r, c)| t.cell(r, c).and_then(|c| c.as_int()))
                    .collect(),
            )
        }
        _ => {
            let t = report.table4.as_ref()?;
            Some(
                T4Group::ALL
                    .into_iter()
                    .flat_map(|g| T4Field::ALL.into_iter().map(move |f| (g, f)))
                    .map(|(g, f)| t.cell(g, f).and_then(|c| c.as_int()))
                    .collect(),
            )
        }
    }
}

/// Y804
fn repeated_tables(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(prev) = previous(ctx) else { return };
    let report = ctx.report;
    let repeated: Vec<&str> = ["表二", "表三", "表四"]
        .into_iter()
        .filter(|t| {
            let (Some(now), Some(before)) = (table_values(report, t), table_values(prev, t)) else {
                return false;
            };
            now == before && now.iter().any(|v| v.is_some_and(|n| n > 0))
        })
        .collect();
    let Some(first) = repeated.first() else {
        return;
    };
    let location = |t: &str| {
        Location::Cell(match t {
            "表二" => CellRef::T2 {
                item: None,
                field: None,
            },
            "表三" => CellRef::T3 {
                row: None,
                col: None,
            },
            _ => CellRef::T4 {
                group: None,
                field: None,
            },
        })
    };
    out.push(
        Diagnostic::new(
            &REPEATED_TABLES,
            location(first),
            format!(
                "{}的数字与{}报告完全相同",
                repeated.join("、"),
                prev_year_label(prev)
            ),
        )
        .with_related(repeated[1..].iter().map(|t| location(t)))
        .with_help("请核对是否沿用了上年的表格而未按本年数据更新"),
    );
}
