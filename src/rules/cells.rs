//! C2xx: what a value cell holds.

use super::arithmetic::{Status, relations};
use super::{Context, declare_rule};
use crate::diagnostic::{CellRef, Diagnostic, Location, Severity};
use crate::model::{Cell, CellValue, PartKind, Report, T2Item, T3Col, T3Row, T4Field, T4Group};

declare_rule! {
    /// ## 检查内容
    ///
    /// 表二、表三、表四中填写件数、数量的单元格，内容必须是非负整数。
    ///
    /// ## 为什么
    ///
    /// 件数不可能是负数、小数或文字。这样的内容既无法参与勾稽核对，也说明填写时出了差错
    /// （例如把金额、百分比或说明文字填进了件数栏）。
    ///
    /// ## 示例
    ///
    /// 表三「予以公开」自然人一栏填了「1.5」或「若干」；表四「结果纠正」填了「-1」。
    ///
    /// ## 依据
    ///
    /// 国办公开办函〔2021〕30号各表的件数、数量栏；收费金额一栏另由 C203 检查。
    pub static INVALID_COUNT = {
        code: "C201",
        name: "invalid-count",
        title: "件数不是非负整数",
        family: Cells,
        severity: Error,
        check: invalid_count,
    };
}

declare_rule! {
    /// ## 检查内容
    ///
    /// 应填数字的单元格空着，或填了「/」「—」「-」「无」等占位符号。
    ///
    /// ## 为什么
    ///
    /// 空白不等于 0：没有发生的事项应填「0」。空白的单元格无法核对，涉及它的勾稽关系
    /// 不会被当作错误报告，本条会列出这些单元格以及因此无法核验的关系。
    ///
    /// ## 示例
    ///
    /// 表三「法律服务机构」一列整列留空；表二「规章」一行填「/」。
    ///
    /// ## 依据
    ///
    /// 国办公开办函〔2021〕30号表格各栏均为数量栏；空白或「/」是常见的填报缺陷。
    pub static BLANK_CELL = {
        code: "C202",
        name: "blank-cell",
        title: "应填数字的单元格为空或占位符",
        family: Cells,
        severity: Warning,
        check: blank_cell,
    };
}

/// Every count cell of the report with its place. The 收费金额 cell is not a
/// count; with `blanks_too` it is included, for the blank-cell check.
fn count_cells(report: &Report, blanks_too: bool) -> Vec<(CellRef, &Cell)> {
    let mut out = Vec::new();
    if let Some(t2) = &report.table2 {
        for item in T2Item::ALL {
            if item == T2Item::Fee && !blanks_too {
                continue;
            }
            let Some(cells) = t2.item(item) else {
                continue;
            };
            for (i, cell) in cells.iter().enumerate() {
                let field = item.fields().get(i).copied();
                out.push((
                    CellRef::T2 {
                        item: Some(item),
                        field,
                    },
                    cell,
                ));
            }
        }
    }
    if let Some(t3) = &report.table3 {
        for row in T3Row::ALL {
            let Some(r) = t3.row(row) else { continue };
            for col in T3Col::ALL {
                out.push((CellRef::t3(row, col), &r.cells[col.index()]));
            }
        }
    }
    if let Some(t4) = &report.table4 {
        for group in T4Group::ALL {
            for field in T4Field::ALL {
                if let Some(c) = t4.cell(group, field) {
                    out.push((CellRef::t4(group, field), c));
                }
            }
        }
    }
    out
}

/// C201
fn invalid_count(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (at, cell) in count_cells(ctx.report, false) {
        let why = match cell.value {
            CellValue::Invalid => "不是非负整数",
            CellValue::Decimal(_) => "是小数，件数应为整数",
            _ => continue,
        };
        out.push(
            Diagnostic::new(
                &INVALID_COUNT,
                Location::Cell(at),
                format!("{}填写的「{}」{why}", at.describe(), cell.raw),
            )
            .with_help("件数栏只填阿拉伯数字（没有发生的填 0），不带单位、符号或说明文字"),
        );
    }
}

/// C202: one finding per table, naming every blank cell.
fn blank_cell(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let report = ctx.report;
    let blanks: Vec<(CellRef, &Cell)> = count_cells(report, true)
        .into_iter()
        .filter(|(_, c)| matches!(c.value, CellValue::Blank | CellValue::Placeholder))
        .collect();
    if blanks.is_empty() {
        return;
    }
    let rels = relations(report);
    for table in ["t2", "t3", "t4"] {
        let cells: Vec<&(CellRef, &Cell)> = blanks
            .iter()
            .filter(|(c, _)| c.table_key() == table)
            .collect();
        let Some(((first, _), rest)) = cells.split_first() else {
            continue;
        };
        let unverified = rels
            .iter()
            .filter(|r| r.evaluate(report) == Status::Unverified)
            .filter(|r| r.cells().any(|c| cells.iter().any(|(b, _)| b == c)))
            .count();
        let name = match table {
            "t2" => "表二",
            "t3" => "表三",
            _ => "表四",
        };
        let placeholders = cells
            .iter()
            .filter(|(_, c)| c.value == CellValue::Placeholder)
            .count();
        let mut message = if cells.len() == 1 {
            format!("{}为空白", first.describe())
        } else {
            format!(
                "{name}有{}个应填数字的单元格为空白{}，第一个是{}",
                cells.len(),
                if placeholders > 0 {
                    format!("（其中{placeholders}个为占位符号）")
                } else {
                    String::new()
                },
                first.describe()
            )
        };
        if unverified > 0 {
            message.push_str(&format!("，因此有{unverified}个勾稽关系无法核验"));
        }
        out.push(
            Diagnostic::new(&BLANK_CELL, Location::Cell(*first), message)
                .with_related(rest.iter().map(|(c, _)| Location::Cell(*c)))
                .with_help("空白不等于0：没有发生的事项请填写「0」，不要留空或填「/」「—」「无」"),
        );
    }
}

declare_rule! {
    /// ## 检查内容
    ///
    /// 表二「行政事业性收费」的「本年收费金额（单位：万元）」：负数或不是数字的为错误；
    /// 小数超过 4 位（精确到元只需 4 位小数），或者与第六部分所报以「元」为单位的金额
    /// 数值相同（疑似把元填进了万元栏）的为警告。
    ///
    /// ## 为什么
    ///
    /// 该栏以万元为单位，1 元即 0.0001 万元。把元数直接填入会使金额放大一万倍；
    /// 负数或文字则无法汇总。
    ///
    /// ## 示例
    ///
    /// 第六部分写「收取信息处理费380元」，表二收费金额却填「380」（应为 0.038）。
    ///
    /// ## 依据
    ///
    /// 国办公开办函〔2021〕30号表二「本年收费金额（单位：万元）」。表二的行政事业性收费
    /// 与第六部分的信息处理费口径不同，本条只在数值相同、明显是单位错误时提示。
    pub static FEE_AMOUNT = {
        code: "C203",
        name: "fee-amount",
        title: "收费金额不是非负数或单位可疑",
        family: Cells,
        severity: Error,
        check: fee_amount,
    };
}

/// Amounts in 元 stated in `text`: the numbers directly before 「元」 but not 「万元」.
fn yuan_amounts(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (i, &(_, c)) in chars.iter().enumerate() {
        if c != '元' || i == 0 || chars[i - 1].1 == '万' {
            continue;
        }
        let mut j = i;
        while j > 0 && (chars[j - 1].1.is_ascii_digit() || chars[j - 1].1 == '.') {
            j -= 1;
        }
        if j < i {
            let s: String = chars[j..i].iter().map(|&(_, c)| c).collect();
            out.push(normalise_decimal(&s));
        }
    }
    out
}

/// `"380.00"` → `"380"`, `"0.0380"` → `"0.038"`.
fn normalise_decimal(s: &str) -> String {
    let s = s.trim_start_matches('0');
    let s = if s.starts_with('.') || s.is_empty() {
        format!("0{s}")
    } else {
        s.to_string()
    };
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// C203
fn fee_amount(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let report = ctx.report;
    let Some(cell) = report
        .table2
        .as_ref()
        .and_then(|t| t.fee.as_ref())
        .map(|r| &r.cells[0])
    else {
        return;
    };
    let at = Location::Cell(CellRef::T2 {
        item: Some(T2Item::Fee),
        field: None,
    });
    match &cell.value {
        CellValue::Invalid => out.push(
            Diagnostic::new(
                &FEE_AMOUNT,
                at,
                format!(
                    "表二 行政事业性收费的本年收费金额「{}」不是非负数",
                    cell.raw
                ),
            )
            .with_help("收费金额以万元为单位，只填数字，如 0 或 1.2350；没有收费的填 0"),
        ),
        CellValue::Decimal(v) => {
            let decimals = v.split_once('.').map_or(0, |(_, f)| f.len());
            if decimals > 4 {
                out.push(
                    Diagnostic::new(
                        &FEE_AMOUNT,
                        at,
                        format!(
                            "表二 行政事业性收费的本年收费金额「{v}」有{decimals}位小数，以万元为单位精确到元只需4位"
                        ),
                    )
                    .with_severity(Severity::Warning)
                    .with_help("请核对单位是否为万元，保留不超过4位小数"),
                );
            }
            let amount = normalise_decimal(v);
            let part6 = report
                .part(PartKind::Other)
                .map(|p| p.body.slice(&report.text))
                .unwrap_or("");
            if amount != "0" && yuan_amounts(part6).contains(&amount) {
                out.push(
                    Diagnostic::new(
                        &FEE_AMOUNT,
                        at,
                        format!(
                            "表二 行政事业性收费的本年收费金额为{v}万元，与第六部分所报的{amount}元数值相同，疑似把元填进了万元栏"
                        ),
                    )
                    .with_severity(Severity::Warning)
                    .with_help("本栏单位为万元：1元应填0.0001"),
                );
            }
        }
        _ => {}
    }
}
