//! A3xx: the arithmetic of tables 三 and 四.
//!
//! Every relation the form implies is enumerated once by [`relations`], as two
//! sums of cells that must be equal. The rules A301–A304 report the relations
//! that fail; A306 looks, among the failing relations that share cells, for the
//! one cell whose change would repair them all. A relation that involves a
//! blank or unreadable cell is not evaluated: C202/C201 report those cells.

use std::collections::BTreeSet;

use super::{Context, declare_rule};
use crate::diagnostic::{CellRef, Diagnostic, Location};
use crate::model::{Report, T3Col, T3Row, T4Field, T4Group};

declare_rule! {
    /// ## 检查内容
    ///
    /// 表三每一列（自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他、总计）都必须满足
    /// 「第一项（本年新收）+ 第二项（上年结转）= 第三项（七）总计 + 第四项（结转下年度继续办理）」。
    ///
    /// ## 为什么
    ///
    /// 这是表格左上角印明的勾稽关系：当年可办理的申请（新收加上年结转），要么本年办结，
    /// 要么结转到下一年度，不会凭空增减。不平衡说明至少有一个数字填错。
    ///
    /// ## 示例
    ///
    /// 自然人列：本年新收 5、上年结转 1，合计 6；（七）总计 5、结转下年度 2，合计 7，相差 1。
    /// 报告为：「自然人列：第一项(5)+第二项(1)=6，第三项总计(5)+第四项(2)=7，相差1」。
    ///
    /// ## 依据
    ///
    /// 《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）表三表头：
    /// 「本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和」。
    pub static T3_BALANCE = {
        code: "A301",
        name: "t3-balance",
        title: "表三各列新收加结转与办结加结转下年不相等",
        family: Arithmetic,
        severity: Error,
        check: t3_balance,
    };
}

declare_rule! {
    /// ## 检查内容
    ///
    /// 表三每一列的「（七）总计」必须等于本年度办理结果各项之和：（一）予以公开、（二）部分公开、
    /// （三）不予公开 1–8、（四）无法提供 1–3、（五）不予处理 1–5、（六）其他处理 1–3。
    ///
    /// ## 为什么
    ///
    /// 「总计」是办理结果的合计。合计与分项对不上，说明分项漏填、重复计数或总计算错。
    ///
    /// ## 示例
    ///
    /// 总计列：（七）总计填 12，而予以公开 8、部分公开 1、无法提供 2，合计 11，相差 1。
    ///
    /// ## 依据
    ///
    /// 国办公开办函〔2021〕30号表三「（七）总计」一栏的含义；2019 年试行格式只有一行
    /// 「（六）其他处理」时，该行即作为（六）的全部。
    pub static T3_RESULTS_TOTAL = {
        code: "A302",
        name: "t3-results-total",
        title: "表三（七）总计与各项办理结果之和不相等",
        family: Arithmetic,
        severity: Error,
        check: t3_results_total,
    };
}

declare_rule! {
    /// ## 检查内容
    ///
    /// 表三每一行的「总计」列必须等于自然人与五类法人或其他组织（商业企业、科研机构、
    /// 社会公益组织、法律服务机构、其他）之和。
    ///
    /// ## 为什么
    ///
    /// 「总计」列是按申请人类型分列数字的合计，合计对不上说明某一类申请人的数字或总计填错。
    ///
    /// ## 示例
    ///
    /// 「一、本年新收政府信息公开申请数量」：自然人 3、商业企业 1，其余为 0，总计却填 5。
    ///
    /// ## 依据
    ///
    /// 国办公开办函〔2021〕30号表三「总计」列的含义。
    pub static T3_ROW_TOTAL = {
        code: "A303",
        name: "t3-row-total",
        title: "表三行总计与各类申请人之和不相等",
        family: Arithmetic,
        severity: Error,
        check: t3_row_total,
    };
}

declare_rule! {
    /// ## 检查内容
    ///
    /// 表四的行政复议、未经复议直接起诉、复议后起诉三组，每组的「总计」必须等于
    /// 结果维持、结果纠正、其他结果、尚未审结四项之和。
    ///
    /// ## 为什么
    ///
    /// 每一起复议或诉讼必定处于四种结果之一，总计是它们的合计。
    ///
    /// ## 示例
    ///
    /// 行政复议：结果维持 2、结果纠正 1、其他结果 0、尚未审结 1，合计 4，总计却填 3。
    ///
    /// ## 依据
    ///
    /// 国办公开办函〔2021〕30号表四各组「总计」的含义。
    pub static T4_TOTAL = {
        code: "A304",
        name: "t4-total",
        title: "表四总计与各项结果之和不相等",
        family: Arithmetic,
        severity: Error,
        check: t4_total,
    };
}

declare_rule! {
    /// ## 检查内容
    ///
    /// 对不成立的勾稽关系（A301–A304），把共用单元格的关系归为一组；如果恰好只有一个单元格，
    /// 改成某一个非负整数就能让这一组关系全部成立，又不破坏任何原本成立的关系，就指出这个
    /// 单元格和应填的数值。有多个候选或没有候选时不作推测。
    ///
    /// ## 为什么
    ///
    /// 勾稽错误往往只是一个数字录错。直接指出最可能出错的单元格，能省去逐格核对的时间；
    /// 但只有唯一解时才提示，避免误导。
    ///
    /// ## 示例
    ///
    /// 表三其余数字都平衡，只有「本年新收」自然人一格从 0 误填为 5：A301（自然人列）和
    /// A303（本年新收行）同时不成立，它们唯一共用的单元格就是这一格，改回 0 两者都成立，
    /// 于是提示「表三 自然人列 第一项（本年新收）可能有误，改为 0 可使相关勾稽关系全部成立」。
    ///
    /// ## 依据
    ///
    /// 由 A301–A304 的勾稽关系推算，仅作提示（info），须对照原始台账核实。
    pub static SUSPECT_CELL = {
        code: "A306",
        name: "suspect-cell",
        title: "可能录错的单元格",
        family: Arithmetic,
        severity: Info,
        check: suspect_cell,
    };
}

/// Which rule a relation belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum RelationKind {
    /// A301, one per column of table 三.
    T3Balance(T3Col),
    /// A302, one per column of table 三.
    T3ResultsTotal(T3Col),
    /// A303, one per row of table 三.
    T3RowTotal(T3Row),
    /// A304, one per group of table 四.
    T4Total(T4Group),
}

/// A relation of the form: the sum of `lhs` equals the sum of `rhs`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Relation {
    pub kind: RelationKind,
    pub lhs: Vec<CellRef>,
    pub rhs: Vec<CellRef>,
}

/// A relation evaluated on a report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Status {
    Holds,
    /// Both sides known and unequal.
    Fails {
        lhs: u64,
        rhs: u64,
    },
    /// A cell is blank, a placeholder, unreadable or missing.
    Unverified,
}

impl Relation {
    pub fn cells(&self) -> impl Iterator<Item = &CellRef> {
        self.lhs.iter().chain(self.rhs.iter())
    }

    pub fn evaluate(&self, report: &Report) -> Status {
        let sum = |cells: &[CellRef]| -> Option<u64> {
            cells
                .iter()
                .try_fold(0u64, |acc, c| acc.checked_add(value(report, *c)?))
        };
        match (sum(&self.lhs), sum(&self.rhs)) {
            (Some(l), Some(r)) if l == r => Status::Holds,
            (Some(lhs), Some(rhs)) => Status::Fails { lhs, rhs },
            _ => Status::Unverified,
        }
    }
}

/// The count in a table cell, when it holds one.
pub fn value(report: &Report, cell: CellRef) -> Option<u64> {
    match cell {
        CellRef::T3 {
            row: Some(r),
            col: Some(c),
        } => report.table3.as_ref()?.cell(r, c)?.as_int(),
        CellRef::T4 {
            group: Some(g),
            field: Some(f),
        } => report.table4.as_ref()?.cell(g, f)?.as_int(),
        _ => None,
    }
}

/// Every arithmetic relation of the form that applies to `report` (tables
/// that are absent contribute none).
pub fn relations(report: &Report) -> Vec<Relation> {
    let mut out = Vec::new();
    if let Some(t3) = &report.table3 {
        let results: Vec<T3Row> = T3Row::ALL[T3Row::RESULTS]
            .iter()
            .copied()
            // In the 2019 layout the single （六） row (kept as r21) stands for the
            // whole of （六）: r22 and r23 do not exist there.
            .filter(|r| !(t3.single_other_row && matches!(r, T3Row::R22 | T3Row::R23)))
            .collect();
        for col in T3Col::ALL {
            let c = |r: T3Row| CellRef::t3(r, col);
            out.push(Relation {
                kind: RelationKind::T3Balance(col),
                lhs: vec![c(T3Row::R01), c(T3Row::R02)],
                rhs: vec![c(T3Row::R24), c(T3Row::R25)],
            });
            out.push(Relation {
                kind: RelationKind::T3ResultsTotal(col),
                lhs: vec![c(T3Row::R24)],
                rhs: results.iter().map(|&r| c(r)).collect(),
            });
        }
        for row in T3Row::ALL {
            if t3.row(row).is_none() {
                continue;
            }
            out.push(Relation {
                kind: RelationKind::T3RowTotal(row),
                lhs: vec![CellRef::t3(row, T3Col::Tot)],
                rhs: T3Col::ALL[..6]
                    .iter()
                    .map(|&c| CellRef::t3(row, c))
                    .collect(),
            });
        }
    }
    if let Some(t4) = &report.table4 {
        for group in T4Group::ALL {
            if t4.groups[group as usize].is_none() {
                continue;
            }
            out.push(Relation {
                kind: RelationKind::T4Total(group),
                lhs: vec![CellRef::t4(group, T4Field::Total)],
                rhs: T4Field::ALL[..4]
                    .iter()
                    .map(|&f| CellRef::t4(group, f))
                    .collect(),
            });
        }
    }
    out
}

/// `a+b=c` written with each cell's value: 「第一项(5)+第二项(1)=6」.
fn terms(report: &Report, cells: &[(String, CellRef)]) -> String {
    let parts: Vec<String> = cells
        .iter()
        .map(|(name, c)| format!("{name}({})", value(report, *c).unwrap_or(0)))
        .collect();
    parts.join("+")
}

fn diff(a: u64, b: u64) -> u64 {
    a.abs_diff(b)
}

fn failing(report: &Report, pick: impl Fn(RelationKind) -> bool) -> Vec<(Relation, u64, u64)> {
    relations(report)
        .into_iter()
        .filter(|r| pick(r.kind))
        .filter_map(|r| match r.evaluate(report) {
            Status::Fails { lhs, rhs } => Some((r, lhs, rhs)),
            _ => None,
        })
        .collect()
}

fn cells_of(rel: &Relation) -> Vec<Location> {
    rel.cells().map(|c| Location::Cell(*c)).collect()
}

/// A301
fn t3_balance(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let report = ctx.report;
    for (rel, lhs, rhs) in failing(report, |k| matches!(k, RelationKind::T3Balance(_))) {
        let RelationKind::T3Balance(col) = rel.kind else {
            continue;
        };
        let named = |r: T3Row, name: &str| (name.to_string(), CellRef::t3(r, col));
        let left = terms(
            report,
            &[named(T3Row::R01, "第一项"), named(T3Row::R02, "第二项")],
        );
        let right = terms(
            report,
            &[named(T3Row::R24, "第三项总计"), named(T3Row::R25, "第四项")],
        );
        out.push(
            Diagnostic::new(
                &T3_BALANCE,
                Location::Cell(CellRef::T3 {
                    row: None,
                    col: Some(col),
                }),
                format!(
                    "{}列：{left}={lhs}，{right}={rhs}，相差{}",
                    col.label(),
                    diff(lhs, rhs)
                ),
            )
            .with_related(cells_of(&rel))
            .with_help(
                "本年新收加上年结转，应等于本年办理结果总计加结转下年度继续办理；请核对这四个数字",
            ),
        );
    }
}

/// A302
fn t3_results_total(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let report = ctx.report;
    for (rel, lhs, rhs) in failing(report, |k| matches!(k, RelationKind::T3ResultsTotal(_))) {
        let RelationKind::T3ResultsTotal(col) = rel.kind else {
            continue;
        };
        // Point at the total and at the result cells that hold something.
        let mut related = vec![Location::Cell(CellRef::t3(T3Row::R24, col))];
        related.extend(
            rel.rhs
                .iter()
                .filter(|c| value(report, **c).unwrap_or(0) > 0)
                .map(|c| Location::Cell(*c)),
        );
        out.push(
            Diagnostic::new(
                &T3_RESULTS_TOTAL,
                Location::Cell(CellRef::T3 {
                    row: None,
                    col: Some(col),
                }),
                format!(
                    "{}列：（七）总计为{lhs}，但（一）至（六）各项办理结果之和为{rhs}，相差{}",
                    col.label(),
                    diff(lhs, rhs)
                ),
            )
            .with_related(related)
            .with_help("（七）总计应等于予以公开、部分公开、不予公开、无法提供、不予处理、其他处理各项之和"),
        );
    }
}

/// A303
fn t3_row_total(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let report = ctx.report;
    for (rel, lhs, rhs) in failing(report, |k| matches!(k, RelationKind::T3RowTotal(_))) {
        let RelationKind::T3RowTotal(row) = rel.kind else {
            continue;
        };
        let parts: Vec<String> = T3Col::ALL[..6]
            .iter()
            .map(|&c| value(report, CellRef::t3(row, c)).unwrap_or(0).to_string())
            .collect();
        out.push(
            Diagnostic::new(
                &T3_ROW_TOTAL,
                Location::Cell(CellRef::T3 {
                    row: Some(row),
                    col: None,
                }),
                format!(
                    "{}：总计为{lhs}，但各类申请人之和为{}={rhs}，相差{}",
                    row.short_name(),
                    parts.join("+"),
                    diff(lhs, rhs)
                ),
            )
            .with_related(cells_of(&rel))
            .with_help(
                "总计列应等于自然人与商业企业、科研机构、社会公益组织、法律服务机构、其他之和",
            ),
        );
    }
}

/// A304
fn t4_total(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let report = ctx.report;
    for (rel, lhs, rhs) in failing(report, |k| matches!(k, RelationKind::T4Total(_))) {
        let RelationKind::T4Total(group) = rel.kind else {
            continue;
        };
        let named: Vec<(String, CellRef)> = T4Field::ALL[..4]
            .iter()
            .map(|&f| (f.label().to_string(), CellRef::t4(group, f)))
            .collect();
        out.push(
            Diagnostic::new(
                &T4_TOTAL,
                Location::Cell(CellRef::T4 {
                    group: Some(group),
                    field: None,
                }),
                format!(
                    "{}：总计为{lhs}，但{}={rhs}，相差{}",
                    group.label(),
                    terms(report, &named),
                    diff(lhs, rhs)
                ),
            )
            .with_related(cells_of(&rel))
            .with_help("每组总计应等于结果维持、结果纠正、其他结果、尚未审结四项之和"),
        );
    }
}

/// A306
fn suspect_cell(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let report = ctx.report;
    let rels = relations(report);
    let status: Vec<Status> = rels.iter().map(|r| r.evaluate(report)).collect();
    let failing: Vec<usize> = (0..rels.len())
        .filter(|&i| matches!(status[i], Status::Fails { .. }))
        .collect();

    // Group the failing relations that share cells (connected components).
    let mut group_of: Vec<usize> = (0..failing.len()).collect();
    fn root(g: &mut [usize], mut i: usize) -> usize {
        while g[i] != i {
            g[i] = g[g[i]];
            i = g[i];
        }
        i
    }
    for a in 0..failing.len() {
        for b in a + 1..failing.len() {
            let shares = rels[failing[a]]
                .cells()
                .any(|c| rels[failing[b]].cells().any(|d| d == c));
            if shares {
                let (ra, rb) = (root(&mut group_of, a), root(&mut group_of, b));
                group_of[ra] = rb;
            }
        }
    }
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut seen: Vec<Option<usize>> = vec![None; failing.len()];
    for (i, &rel) in failing.iter().enumerate() {
        let r = root(&mut group_of, i);
        match seen[r] {
            Some(g) => groups[g].push(rel),
            None => {
                seen[r] = Some(groups.len());
                groups.push(vec![rel]);
            }
        }
    }

    for group in groups {
        // A candidate must appear in every failing relation of the group.
        let mut candidates: BTreeSet<CellRef> = rels[group[0]].cells().copied().collect();
        for &i in &group[1..] {
            let cells: BTreeSet<CellRef> = rels[i].cells().copied().collect();
            candidates.retain(|c| cells.contains(c));
        }
        let fixes: Vec<(CellRef, u64)> = candidates
            .into_iter()
            .filter_map(|cell| {
                let cur = value(report, cell)? as i128;
                let mut wanted: Option<i128> = None;
                for &i in &group {
                    let Status::Fails { lhs, rhs } = status[i] else {
                        return None;
                    };
                    let (l, r) = (lhs as i128, rhs as i128);
                    let on_left = rels[i].lhs.contains(&cell);
                    let on_right = rels[i].rhs.contains(&cell);
                    let v = match (on_left, on_right) {
                        (true, false) => cur + (r - l),
                        (false, true) => cur + (l - r),
                        _ => return None,
                    };
                    if wanted.is_some_and(|w| w != v) {
                        return None;
                    }
                    wanted = Some(v);
                }
                let v = wanted.filter(|&v| v >= 0 && v != cur)?;
                // It must not break a relation that holds now.
                let breaks = rels
                    .iter()
                    .zip(&status)
                    .any(|(r, s)| *s == Status::Holds && r.cells().any(|c| *c == cell));
                (!breaks).then_some((cell, v as u64))
            })
            .collect();
        if let [(cell, v)] = fixes[..] {
            let codes: BTreeSet<&str> = group
                .iter()
                .map(|&i| match rels[i].kind {
                    RelationKind::T3Balance(_) => "A301",
                    RelationKind::T3ResultsTotal(_) => "A302",
                    RelationKind::T3RowTotal(_) => "A303",
                    RelationKind::T4Total(_) => "A304",
                })
                .collect();
            let cur = value(report, cell).unwrap_or(0);
            let mut d = Diagnostic::new(
                &SUSPECT_CELL,
                Location::Cell(cell),
                format!(
                    "{}（现为{cur}）可能有误：改为{v}可使{}的勾稽关系全部成立",
                    cell.describe(),
                    codes.into_iter().collect::<Vec<_>>().join("、")
                ),
            )
            .with_help("这是唯一一个改动后能让相关勾稽关系全部成立的单元格；请对照台账核实后再改");
            d.suggested_value = Some(v);
            out.push(d);
        }
    }
}

declare_rule! {
    /// ## 检查内容
    ///
    /// 无规章制定权的机关在表二「规章」一行填报了大于 0 的件数。乡镇人民政府、街道办事处，
    /// 县级人民政府（含县级市、市辖区、旗）及其部门都没有规章制定权，其「规章」一行应为 0。
    ///
    /// ## 为什么
    ///
    /// 依《中华人民共和国立法法》，只有国务院部门和省、自治区、直辖市、设区的市、自治州的
    /// 人民政府可以制定规章。乡镇或县级报告填报规章，通常是把规范性文件、政策文件误填进了
    /// 规章一行。
    ///
    /// ## 示例
    ///
    /// 某镇 2023 年度报告表二「规章」现行有效件数填 6。
    ///
    /// ## 依据
    ///
    /// 《中华人民共和国立法法》关于规章制定权限的规定；报告主体从标题判断
    /// （含「乡」「镇」「街道」，或含「县」「区」「旗」而非「自治区」）。
    pub static RULES_WITHOUT_POWER = {
        code: "A305",
        name: "rules-without-power",
        title: "无规章制定权的机关填报了规章",
        family: Arithmetic,
        severity: Warning,
        check: rules_without_power,
    };
}

/// Why a body named `body` has no power to make 规章, if it has none.
pub(crate) fn lacks_rule_power(body: &str) -> Option<&'static str> {
    if ["乡", "镇", "街道", "苏木"]
        .iter()
        .any(|k| body.contains(k))
    {
        return Some("乡镇、街道");
    }
    let regional = body.replace("自治区", "").replace("特别行政区", "");
    if ["县", "区", "旗"].iter().any(|k| regional.contains(k)) {
        return Some("县级人民政府及其部门");
    }
    None
}

/// A305
fn rules_without_power(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    use crate::model::{T2Field, T2Item};
    let report = ctx.report;
    let (Some(body), Some(row)) = (
        report.body(),
        report.table2.as_ref().and_then(|t| t.rules.as_ref()),
    ) else {
        return;
    };
    let Some(kind) = lacks_rule_power(body) else {
        return;
    };
    let nonzero: Vec<(T2Field, u64)> = T2Field::ALL
        .into_iter()
        .filter_map(|f| {
            row.cells[f as usize]
                .as_int()
                .filter(|&n| n > 0)
                .map(|n| (f, n))
        })
        .collect();
    let Some(&(first, _)) = nonzero.first() else {
        return;
    };
    let listed: Vec<String> = nonzero
        .iter()
        .map(|(f, n)| format!("{}{n}件", f.label()))
        .collect();
    let cell = |f: T2Field| {
        Location::Cell(CellRef::T2 {
            item: Some(T2Item::Rules),
            field: Some(f),
        })
    };
    out.push(
        Diagnostic::new(
            &RULES_WITHOUT_POWER,
            cell(first),
            format!(
                "{body}属于{kind}，没有规章制定权，但表二「规章」填报了{}",
                listed.join("、")
            ),
        )
        .with_related(nonzero[1..].iter().map(|&(f, _)| cell(f)))
        .with_help("规章只能由国务院部门和省级、设区的市级人民政府制定；本机关的文件应计入「行政规范性文件」，没有规章的填 0"),
    );
}
