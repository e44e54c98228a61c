//! S1xx: the report's structure — title, the six parts, the three tables, the format.

use super::{Context, declare_rule};
use crate::diagnostic::{CellRef, Diagnostic, Location};
use crate::model::{LabelMatch, PartKind, Report, T2Item, T3Row, T4Group};

declare_rule! {
    /// ## 检查内容
    ///
    /// 年度报告必须包含格式规定的六个部分：一、总体情况；二、主动公开政府信息情况；
    /// 三、收到和处理政府信息公开申请情况；四、政府信息公开行政复议、行政诉讼情况；
    /// 五、存在的主要问题及改进情况；六、其他需要报告的事项。本条报告缺少的部分。
    ///
    /// ## 为什么
    ///
    /// 《条例》第五十条规定了年度报告应当包括的内容，统一格式把它们固定为六个部分，
    /// 「不能遗漏」。缺少一部分，就缺少了法定的报告事项。
    ///
    /// ## 示例
    ///
    /// 报告从「三、收到和处理政府信息公开申请情况」直接跳到「五、存在的主要问题及改进情况」，
    /// 缺少第四部分（行政复议、行政诉讼情况）。
    ///
    /// ## 依据
    ///
    /// 《中华人民共和国政府信息公开条例》第五十条；国办公开办函〔2021〕30号「报告内容，
    /// 要严格按照……第五十条的规定确定，不能遗漏，也不宜泛化」。
    pub static MISSING_PART = {
        code: "S101",
        name: "missing-part",
        title: "缺少报告的组成部分",
        family: Structure,
        severity: Error,
        check: missing_part,
    };
}

declare_rule! {
    /// ## 检查内容
    ///
    /// 六个部分应按一至六的顺序各出现一次，序号与内容相符。部分顺序颠倒、重复出现，
    /// 或者序号写错（如「七、其他需要报告的事项」、把第五部分标成「四、」）都会报告。
    ///
    /// ## 为什么
    ///
    /// 统一格式固定了各部分的顺序和序号，审核人员和汇总系统都按序号查找内容。
    ///
    /// ## 示例
    ///
    /// 「六、存在的主要问题及改进情况」（应为五）；「七、其他需要报告的事项」（应为六）。
    ///
    /// ## 依据
    ///
    /// 国办公开办函〔2021〕30号规定的报告结构。
    pub static PART_ORDER = {
        code: "S102",
        name: "part-order",
        title: "部分顺序、重复或序号错误",
        family: Structure,
        severity: Error,
        check: part_order,
    };
}

declare_rule! {
    /// ## 检查内容
    ///
    /// 2021 年及以后的报告仍使用 2019 年试行格式的栏目：如「本年新制作数量」「本年新公开数量」
    /// 「对外公开总数量」「规范性文件」（应为「行政规范性文件」）「上一年项目数量」「本年增/减」
    /// 「政府集中采购」「其他对外管理服务事项」，或表三只有一行「（六）其他处理」
    /// （新格式分为 3 个子项）。
    ///
    /// ## 为什么
    ///
    /// 国办公开办函〔2021〕30号印发了修订后的格式，取代 2019 年的试行格式，自 2021 年度报告起施行。
    /// 沿用旧表格说明报告是照搬往年模板编制的，表二、表三的统计口径也与新格式不同。
    ///
    /// ## 示例
    ///
    /// 某区 2023 年度报告的表三中只有「（六）其他处理」一行，没有「1. 申请人无正当理由逾期不补正……」
    /// 等三个子项。
    ///
    /// ## 依据
    ///
    /// 国办公开办函〔2021〕30号；国办公开办函〔2019〕60号（试行格式）。只有一行（六）时，
    /// 该行按 r21 读取，并在 A302 中作为（六）的全部。
    pub static OLD_FORMAT = {
        code: "S104",
        name: "old-format",
        title: "使用了 2019 年试行格式",
        family: Structure,
        severity: Error,
        check: old_format,
    };
}

declare_rule! {
    /// ## 检查内容
    ///
    /// 表二（主动公开）、表三（收到和处理申请）、表四（行政复议、行政诉讼）必须齐全，
    /// 表中规定的行、列也必须齐全；一行中的数值多于表格列数（列错位）也在此报告。
    ///
    /// ## 为什么
    ///
    /// 三张表是统一格式的核心，是汇总统计和勾稽核对的依据。缺表、缺行意味着数据没有报告；
    /// 多出的数值通常说明复制粘贴时列发生了错位。
    ///
    /// ## 示例
    ///
    /// 第四部分只写了「本年度未发生行政复议、行政诉讼」而没有表四；表三缺少
    /// 「5. 要求行政机关确认或重新出具已获取信息」一行。
    ///
    /// ## 依据
    ///
    /// 国办公开办函〔2021〕30号所附三张表格。
    pub static MISSING_TABLE = {
        code: "S105",
        name: "missing-table",
        title: "缺少表格或表格的行列",
        family: Structure,
        severity: Error,
        check: missing_table,
    };
}

declare_rule! {
    /// ## 检查内容
    ///
    /// 报告应有标题，标题写明报告主体和年度，形如「××2021年政府信息公开工作年度报告」。
    ///
    /// ## 为什么
    ///
    /// 标题是识别报告主体和年度的依据；缺少年度或主体，读者无法判断这是哪个机关、
    /// 哪一年的报告，跨年度核对也无从进行。
    ///
    /// ## 示例
    ///
    /// 标题只写「政府信息公开工作年度报告」，或写成「关于政府信息公开工作情况的报告」。
    ///
    /// ## 依据
    ///
    /// 国办公开办函〔2021〕30号格式的标题；各地通报中「标题不规范」是常见问题。
    pub static MISSING_TITLE = {
        code: "S108",
        name: "missing-title",
        title: "缺少标题或标题未写明主体和年度",
        family: Structure,
        severity: Error,
        check: missing_title,
    };
}

/// Whether `report` has anything of a report at all. When it has nothing
/// (no title, no part, no table), the structure rules say so once instead of
/// listing six missing parts and three missing tables.
fn is_empty_report(report: &Report) -> bool {
    report.title.is_none()
        && report.parts.is_empty()
        && report.table2.is_none()
        && report.table3.is_none()
        && report.table4.is_none()
}

fn part_found(report: &Report, kind: PartKind) -> bool {
    report
        .parts
        .iter()
        .any(|p| p.kind == Some(kind) || (p.kind.is_none() && p.number == Some(kind.number())))
}

/// S101
fn missing_part(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let report = ctx.report;
    if is_empty_report(report) {
        out.push(
            Diagnostic::new(
                &MISSING_PART,
                Location::Document,
                "未识别出年度报告的任何部分：没有标题、没有「一、总体情况」等六个部分，也没有表格",
            )
            .with_help("请粘贴年度报告全文（含标题、六个部分和三张表格）"),
        );
        return;
    }
    let missing: Vec<PartKind> = PartKind::ALL
        .into_iter()
        .filter(|&k| !part_found(report, k))
        .collect();
    for kind in missing {
        out.push(
            Diagnostic::new(
                &MISSING_PART,
                Location::Document,
                format!(
                    "缺少第{}部分「{}、{}」",
                    kind.ordinal(),
                    kind.ordinal(),
                    kind.standard_heading()
                ),
            )
            .with_help("年度报告应依次包含六个部分，各部分标题按统一格式书写"),
        );
    }
}

/// S102
fn part_order(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let report = ctx.report;
    let mut last: Option<PartKind> = None;
    let mut seen: Vec<PartKind> = Vec::new();
    for part in &report.parts {
        let at = Location::Span(part.heading.span);
        let heading = &part.heading.text;
        // Wrong ordinal for the wording, or an ordinal past 六.
        match (part.kind, part.number) {
            (Some(kind), Some(n)) if n != kind.number() => {
                out.push(
                    Diagnostic::new(
                        &PART_ORDER,
                        at,
                        format!(
                            "「{heading}」的序号有误：「{}」是第{}部分，应编为「{}、」",
                            kind.standard_heading(),
                            kind.ordinal(),
                            kind.ordinal()
                        ),
                    )
                    .with_help("六个部分的序号依次为一至六"),
                );
            }
            (None, Some(n)) if n > 6 => {
                out.push(
                    Diagnostic::new(
                        &PART_ORDER,
                        at,
                        format!("「{heading}」：年度报告只有六个部分，不应出现第{n}部分"),
                    )
                    .with_help("其他需要报告的事项应写在「六、其他需要报告的事项」中"),
                );
            }
            _ => {}
        }
        let Some(kind) = part.kind else { continue };
        if seen.contains(&kind) {
            out.push(
                Diagnostic::new(
                    &PART_ORDER,
                    at,
                    format!(
                        "第{}部分「{}」重复出现",
                        kind.ordinal(),
                        kind.standard_heading()
                    ),
                )
                .with_help("每个部分只应出现一次；请合并重复的内容"),
            );
        } else if last.is_some_and(|l| kind < l) {
            let prev = last.unwrap_or(kind);
            out.push(
                Diagnostic::new(
                    &PART_ORDER,
                    at,
                    format!(
                        "第{}部分「{}」出现在第{}部分「{}」之后，顺序颠倒",
                        kind.ordinal(),
                        kind.standard_heading(),
                        prev.ordinal(),
                        prev.standard_heading()
                    ),
                )
                .with_help("六个部分应按一至六的顺序排列"),
            );
        }
        seen.push(kind);
        last = Some(last.map_or(kind, |l| l.max(kind)));
    }
}

/// S104
fn old_format(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let report = ctx.report;
    // The trial format is right for reports before 2021.
    if report.year().is_some_and(|y| y < 2021) {
        return;
    }
    let single_other = report
        .table3
        .as_ref()
        .filter(|t| t.single_other_row)
        .and_then(|t| t.row(T3Row::R21));
    let mut signals: Vec<String> = report
        .old_format_labels
        .iter()
        .map(|l| format!("「{}」", l.text))
        .collect();
    signals.dedup();
    let mut locations: Vec<Location> = report
        .old_format_labels
        .iter()
        .map(|l| Location::Span(l.span))
        .collect();
    if let Some(row) = single_other {
        signals.push("表三只有一行「（六）其他处理」".to_string());
        locations.push(Location::Span(row.label.span));
    }
    let Some((&first, rest)) = locations.split_first() else {
        return;
    };
    let year = report
        .year()
        .map_or("本".to_string(), |y| format!("{y}年度"));
    out.push(
        Diagnostic::new(
            &OLD_FORMAT,
            first,
            format!(
                "{year}报告使用了2019年试行格式：{}",
                signals.join("、")
            ),
        )
        .with_related(rest.iter().copied())
        .with_help(
            "2021年度起应使用国办公开办函〔2021〕30号的新格式：表二为「本年制发件数、本年废止件数、现行有效件数」，表三「（六）其他处理」分为3个子项",
        ),
    );
}

/// S105
fn missing_table(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let report = ctx.report;
    if is_empty_report(report) {
        return;
    }
    let part_span = |k: PartKind| {
        report
            .part(k)
            .map_or(Location::Document, |p| Location::Span(p.heading.span))
    };
    let help = "请按国办公开办函〔2021〕30号的表格填报，表格的行、列不得删减";

    match &report.table2 {
        None => out.push(
            Diagnostic::new(
                &MISSING_TABLE,
                part_span(PartKind::ActiveDisclosure),
                "缺少表二（主动公开政府信息情况：规章、行政规范性文件、行政许可、行政处罚、行政强制、行政事业性收费）",
            )
            .with_help(help),
        ),
        Some(t2) => {
            let missing: Vec<T2Item> = T2Item::ALL
                .into_iter()
                .filter(|&i| t2.item(i).is_none())
                .collect();
            if let Some(&first) = missing.first() {
                let names: Vec<&str> = missing.iter().map(|i| i.label()).collect();
                out.push(
                    Diagnostic::new(
                        &MISSING_TABLE,
                        Location::Cell(CellRef::T2 {
                            item: Some(first),
                            field: None,
                        }),
                        format!("表二缺少「{}」行", names.join("」「")),
                    )
                    .with_related(missing[1..].iter().map(|&i| {
                        Location::Cell(CellRef::T2 {
                            item: Some(i),
                            field: None,
                        })
                    }))
                    .with_help(help),
                );
            }
        }
    }

    match &report.table3 {
        None => out.push(
            Diagnostic::new(
                &MISSING_TABLE,
                part_span(PartKind::Applications),
                "缺少表三（收到和处理政府信息公开申请情况）",
            )
            .with_help(help),
        ),
        Some(t3) => {
            let missing: Vec<T3Row> = T3Row::ALL
                .into_iter()
                .filter(|&r| t3.row(r).is_none())
                .filter(|r| !(t3.single_other_row && matches!(r, T3Row::R22 | T3Row::R23)))
                .collect();
            if let Some(&first) = missing.first() {
                let names: Vec<String> = missing.iter().map(|r| r.short_name()).collect();
                out.push(
                    Diagnostic::new(
                        &MISSING_TABLE,
                        Location::Cell(CellRef::T3 {
                            row: Some(first),
                            col: None,
                        }),
                        format!("表三缺少{}行：{}", missing.len(), names.join("；")),
                    )
                    .with_related(missing[1..].iter().map(|&r| {
                        Location::Cell(CellRef::T3 {
                            row: Some(r),
                            col: None,
                        })
                    }))
                    .with_help(help),
                );
            }
            for row in T3Row::ALL {
                let Some(r) = t3.row(row) else { continue };
                if let Some(first) = r.extra.first() {
                    let last = r.extra.last().map_or(first.span, |l| l.span);
                    out.push(
                        Diagnostic::new(
                            &MISSING_TABLE,
                            Location::Span(first.span.cover(last)),
                            format!(
                                "表三「{}」一行有{}个数值，比表格的7列多{}个，多出的数值未读入：请核对该行是否错位",
                                row.short_name(),
                                7 + r.extra.len(),
                                r.extra.len()
                            ),
                        )
                        .with_related([Location::Cell(CellRef::T3 {
                            row: Some(row),
                            col: None,
                        })])
                        .with_help("表三每行依次为自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他、总计七列"),
                    );
                }
            }
        }
    }

    match &report.table4 {
        None => out.push(
            Diagnostic::new(
                &MISSING_TABLE,
                part_span(PartKind::Appeals),
                "缺少表四（政府信息公开行政复议、行政诉讼情况）；没有发生复议、诉讼也应填表并填0",
            )
            .with_help(help),
        ),
        Some(t4) => {
            let missing: Vec<T4Group> = T4Group::ALL
                .into_iter()
                .filter(|&g| t4.groups[g as usize].is_none())
                .collect();
            if let Some(&first) = missing.first() {
                let names: Vec<&str> = missing.iter().map(|g| g.label()).collect();
                out.push(
                    Diagnostic::new(
                        &MISSING_TABLE,
                        Location::Cell(CellRef::T4 {
                            group: Some(first),
                            field: None,
                        }),
                        format!("表四缺少「{}」的数据", names.join("」「")),
                    )
                    .with_help("表四一行15个数：行政复议5个、未经复议直接起诉5个、复议后起诉5个"),
                );
            }
        }
    }
}

/// S108
fn missing_title(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let report = ctx.report;
    if is_empty_report(report) {
        return;
    }
    let help = "标题应写明报告主体和年度，如「××县人民政府2021年政府信息公开工作年度报告」";
    let Some(title) = &report.title else {
        out.push(
            Diagnostic::new(
                &MISSING_TITLE,
                Location::Document,
                "没有找到报告标题（「××2021年政府信息公开工作年度报告」）",
            )
            .with_help(help),
        );
        return;
    };
    let mut lacks = Vec::new();
    if title.body.as_deref().is_none_or(|b| b.trim().is_empty()) {
        lacks.push("报告主体");
    }
    if title.year.is_none() {
        lacks.push("年度");
    }
    if !lacks.is_empty() {
        out.push(
            Diagnostic::new(
                &MISSING_TITLE,
                Location::Span(title.span),
                format!("标题「{}」没有写明{}", title.text, lacks.join("和")),
            )
            .with_help(help),
        );
    }
}

declare_rule! {
    /// ## 检查内容
    ///
    /// 六个部分的标题应使用统一格式的规范用语：「一、总体情况」「二、主动公开政府信息情况」
    /// 「三、收到和处理政府信息公开申请情况」「四、政府信息公开行政复议、行政诉讼情况」
    /// 「五、存在的主要问题及改进情况」「六、其他需要报告的事项」。实际报告中常见的变体
    /// （如「存在的主要问题及改进措施」「政府信息公开行政复议行政诉讼情况」）能被识别，
    /// 但仍提示改用规范用语；无法识别内容的标题也在此报告。
    ///
    /// ## 为什么
    ///
    /// 统一的标题便于审核和汇总，也是「严格按照统一的格式模板进行编制」的要求。
    ///
    /// ## 示例
    ///
    /// 「五、存在的主要问题及改进举措」应为「五、存在的主要问题及改进情况」。
    ///
    /// ## 依据
    ///
    /// 国办公开办函〔2021〕30号格式的六个部分标题。
    pub static NONSTANDARD_HEADING = {
        code: "S103",
        name: "nonstandard-heading",
        title: "部分标题与规范用语不一致",
        family: Structure,
        severity: Warning,
        check: nonstandard_heading,
    };
}

declare_rule! {
    /// ## 检查内容
    ///
    /// 表格中行的名称与统一格式的规范用语不一致：有小错字的行（如「行政止公开」）仍按最接近的
    /// 规范行读取，并在此给出规范名称；与任何规范行都不相似的行，其数值不会被读取，也在此报告。
    ///
    /// ## 为什么
    ///
    /// 行名称写错，读者和汇总系统可能把数字对到错误的栏目上；无法识别的行，其数字不会参与
    /// 勾稽核对。
    ///
    /// ## 示例
    ///
    /// 表三「2.其他法律行政止公开」应为「2.其他法律行政法规禁止公开」。
    ///
    /// ## 依据
    ///
    /// 国办公开办函〔2021〕30号所附表格的行名称。
    pub static UNKNOWN_ROW = {
        code: "S106",
        name: "unknown-row",
        title: "表格行名称不规范或无法识别",
        family: Structure,
        severity: Warning,
        check: unknown_row,
    };
}

declare_rule! {
    /// ## 检查内容
    ///
    /// 同一级标题应使用同一种标题层级和编号样式。例如六个部分的标题（一、二、……）一部分用
    /// 二级标题、一部分用三级标题，或同级小标题有的用「（一）」有的用「1.」。
    ///
    /// ## 为什么
    ///
    /// 公文的层次序数依次为「一、」「（一）」「1.」「（1）」，同一层次应保持一致；层级混乱的
    /// 稿件通常是从不同来源拼接而成，排版后也会显得层次不清。
    ///
    /// ## 示例
    ///
    /// 「## 二、主动公开政府信息情况」之后是「### 三、收到和处理政府信息公开申请情况」。
    ///
    /// ## 依据
    ///
    /// 《党政机关公文格式》（GB/T 9704—2012）关于结构层次序数的规定。
    pub static INCONSISTENT_HEADINGS = {
        code: "S107",
        name: "inconsistent-headings",
        title: "同级标题的层级或编号样式不一致",
        family: Structure,
        severity: Info,
        check: inconsistent_headings,
    };
}

/// A heading's wording without its ordinal, Markdown, spaces and trailing punctuation.
fn heading_words(heading: &str) -> String {
    let t = heading.trim();
    let t = match t.find('、') {
        Some(i) if t[..i].chars().all(|c| "一二三四五六七八九十".contains(c)) => {
            &t[i + '、'.len_utf8()..]
        }
        _ => t,
    };
    t.chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .trim_end_matches(['。', '：', ':'])
        .to_string()
}

/// S103
fn nonstandard_heading(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for part in &ctx.report.parts {
        let words = heading_words(&part.heading.text);
        let at = Location::Span(part.heading.span);
        match part.kind {
            Some(kind) if words != kind.standard_heading() => out.push(
                Diagnostic::new(
                    &NONSTANDARD_HEADING,
                    at,
                    format!(
                        "标题「{}」与规范用语不一致，应为「{}、{}」",
                        part.heading.text.trim(),
                        kind.ordinal(),
                        kind.standard_heading()
                    ),
                )
                .with_help("六个部分的标题请使用国办公开办函〔2021〕30号格式的原文"),
            ),
            None => {
                let expected = part
                    .number
                    .and_then(|n| PartKind::ALL.get(n as usize - 1).copied());
                let message = match expected {
                    Some(k) => format!(
                        "第{}部分的标题「{}」未使用规范用语，应为「{}、{}」",
                        k.ordinal(),
                        part.heading.text.trim(),
                        k.ordinal(),
                        k.standard_heading()
                    ),
                    None => format!(
                        "标题「{}」不是年度报告六个部分中的任何一个",
                        part.heading.text.trim()
                    ),
                };
                out.push(
                    Diagnostic::new(&NONSTANDARD_HEADING, at, message)
                        .with_help("六个部分的标题请使用国办公开办函〔2021〕30号格式的原文"),
                );
            }
            _ => {}
        }
    }
}

/// S106
fn unknown_row(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let report = ctx.report;
    // A 2019 label read into a 2021 row is S104's finding, not a typo.
    let is_old = |span: crate::text::Span| report.old_format_labels.iter().any(|l| l.span == span);
    let mut fuzzy: Vec<(CellRef, &crate::model::Label, String)> = Vec::new();
    if let Some(t3) = &report.table3 {
        for row in T3Row::ALL {
            if let Some(r) = t3.row(row).filter(|r| r.matched == LabelMatch::Fuzzy) {
                let standard = match row.group() {
                    Some(g) => format!("{g}{}", row.label()),
                    None => row.label().to_string(),
                };
                fuzzy.push((
                    CellRef::T3 {
                        row: Some(row),
                        col: None,
                    },
                    &r.label,
                    standard,
                ));
            }
        }
    }
    if let Some(t2) = &report.table2 {
        for item in [T2Item::Rules, T2Item::Normative] {
            if let Some(r) = t2
                .row_label(item)
                .filter(|r| r.matched == LabelMatch::Fuzzy)
            {
                fuzzy.push((
                    CellRef::T2 {
                        item: Some(item),
                        field: None,
                    },
                    &r.label,
                    item.label().to_string(),
                ));
            }
        }
        for (item, row) in [
            (T2Item::Licensing, &t2.licensing),
            (T2Item::Penalty, &t2.penalty),
            (T2Item::Coercion, &t2.coercion),
            (T2Item::Fee, &t2.fee),
        ] {
            if let Some(r) = row.as_ref().filter(|r| r.matched == LabelMatch::Fuzzy) {
                fuzzy.push((
                    CellRef::T2 {
                        item: Some(item),
                        field: None,
                    },
                    &r.label,
                    item.label().to_string(),
                ));
            }
        }
    }
    for (at, label, standard) in fuzzy {
        if is_old(label.span) {
            continue;
        }
        out.push(
            Diagnostic::new(
                &UNKNOWN_ROW,
                Location::Span(label.span),
                format!(
                    "行名称「{}」与规范用语不一致，已按「{standard}」读取",
                    label.text.trim()
                ),
            )
            .with_related([Location::Cell(at)])
            .with_help("请改用统一格式表格中的行名称原文"),
        );
    }
    for label in &report.unknown_rows {
        out.push(
            Diagnostic::new(
                &UNKNOWN_ROW,
                Location::Span(label.span),
                format!(
                    "表格中的「{}」不是统一格式中的任何一行，该行的数值未被读取",
                    label.text.trim()
                ),
            )
            .with_help("请删除格式之外的行，或把数字填入对应的规范行"),
        );
    }
}

/// S107
fn inconsistent_headings(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    use crate::model::Numbering;
    let report = ctx.report;
    // Markdown levels used by each kind of numbering.
    let class = |n: Numbering| match n {
        Numbering::ChineseComma(_) => Some(("「一、」", 0)),
        Numbering::ChineseParen { .. } => Some(("「（一）」", 1)),
        Numbering::Arabic(_) => Some(("「1.」", 2)),
        Numbering::ArabicParen { .. } => Some(("「（1）」", 3)),
        Numbering::None => None,
    };
    // Each heading's level relative to the heading it sits under (the nearest
    // earlier heading of a higher numbering class), so that sub-headings under
    // a part written one level too deep are not reported again: one cause, one finding.
    let mut by_class: [Vec<(&crate::model::Heading, i32)>; 4] = Default::default();
    let mut parent_level: [Option<i32>; 4] = [None; 4];
    for h in &report.headings {
        let (Some((_, i)), Some(level)) = (class(h.numbering), h.markdown_level) else {
            continue;
        };
        let level = i32::from(level);
        let base = parent_level[..i].iter().rev().find_map(|l| *l).unwrap_or(0);
        by_class[i].push((h, level - base));
        parent_level[i] = Some(level);
        for l in &mut parent_level[i + 1..] {
            *l = None;
        }
    }
    for headings in by_class {
        let Some((first, _)) = headings.first() else {
            continue;
        };
        let (name, _) = class(first.numbering).unwrap_or(("", 0));
        // The relative level most headings of this class use is taken as intended.
        let mut levels: Vec<(i32, usize)> = Vec::new();
        for (_, l) in &headings {
            match levels.iter_mut().find(|(x, _)| x == l) {
                Some(e) => e.1 += 1,
                None => levels.push((*l, 1)),
            }
        }
        if levels.len() < 2 {
            continue;
        }
        let (main, _) = levels
            .iter()
            .copied()
            .max_by_key(|&(l, n)| (n, std::cmp::Reverse(l)))
            .unwrap_or((0, 0));
        let odd: Vec<&crate::model::Heading> = headings
            .iter()
            .filter(|(_, l)| *l != main)
            .map(|(h, _)| *h)
            .collect();
        let Some((head, rest)) = odd.split_first() else {
            continue;
        };
        let majority = headings
            .iter()
            .find(|(_, l)| *l == main)
            .and_then(|(h, _)| h.markdown_level)
            .unwrap_or(0);
        out.push(
            Diagnostic::new(
                &INCONSISTENT_HEADINGS,
                Location::Span(head.span),
                format!(
                    "以{name}编号的同级标题层级不一致：多数为{majority}级标题，「{}」等{}处为其他级别",
                    head.text.trim(),
                    odd.len()
                ),
            )
            .with_related(rest.iter().map(|h| Location::Span(h.span)))
            .with_help("同一层次的标题请使用相同的标题级别"),
        );
    }
}
