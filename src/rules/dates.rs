//! 日期与主体：D5xx (stubs being written).

use super::{Context, declare_rule};
use crate::diagnostic::Diagnostic;

declare_rule! {
    /// ## 检查内容
    ///
    /// （待实现）
    ///
    /// ## 为什么
    ///
    /// ## 示例
    ///
    /// ## 依据
    pub static YEAR_MISMATCH = {
        code: "D501",
        name: "year-mismatch",
        title: "正文年份与报告年度不符",
        family: Dates,
        severity: Warning,
        check: year_mismatch,
    };
}

/// D501
fn year_mismatch(_ctx: &Context<'_>, _out: &mut Vec<Diagnostic>) {}

declare_rule! {
    /// ## 检查内容
    ///
    /// （待实现）
    ///
    /// ## 为什么
    ///
    /// ## 示例
    ///
    /// ## 依据
    pub static LATE_PUBLICATION = {
        code: "D502",
        name: "late-publication",
        title: "发布日期晚于法定期限",
        family: Dates,
        severity: Warning,
        check: late_publication,
    };
}

/// D502
fn late_publication(_ctx: &Context<'_>, _out: &mut Vec<Diagnostic>) {}

declare_rule! {
    /// ## 检查内容
    ///
    /// （待实现）
    ///
    /// ## 为什么
    ///
    /// ## 示例
    ///
    /// ## 依据
    pub static MALFORMED_DATE = {
        code: "D503",
        name: "malformed-date",
        title: "日期不存在或书写错误",
        family: Dates,
        severity: Error,
        check: malformed_date,
    };
}

/// D503
fn malformed_date(_ctx: &Context<'_>, _out: &mut Vec<Diagnostic>) {}

declare_rule! {
    /// ## 检查内容
    ///
    /// （待实现）
    ///
    /// ## 为什么
    ///
    /// ## 示例
    ///
    /// ## 依据
    pub static UNIT_MISMATCH = {
        code: "D504",
        name: "unit-mismatch",
        title: "出现其他机关名称作为报告主体",
        family: Dates,
        severity: Warning,
        check: unit_mismatch,
    };
}

/// D504
fn unit_mismatch(_ctx: &Context<'_>, _out: &mut Vec<Diagnostic>) {}
