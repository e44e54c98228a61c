//! 跨年度：Y8xx (stubs being written).

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
    pub static CARRYOVER_MISMATCH = {
        code: "Y801",
        name: "carryover-mismatch",
        title: "上年结转与上年报告的结转下年度不符",
        family: Years,
        severity: Warning,
        check: carryover_mismatch,
    };
}

/// Y801
fn carryover_mismatch(_ctx: &Context<'_>, _out: &mut Vec<Diagnostic>) {}

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
    pub static IN_FORCE_BALANCE = {
        code: "Y802",
        name: "in-force-balance",
        title: "现行有效件数与上年及本年增减不符",
        family: Years,
        severity: Warning,
        check: in_force_balance,
    };
}

/// Y802
fn in_force_balance(_ctx: &Context<'_>, _out: &mut Vec<Diagnostic>) {}

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
    pub static COPIED_TEXT = {
        code: "Y803",
        name: "copied-text",
        title: "正文与上年报告大量雷同",
        family: Years,
        severity: Warning,
        check: copied_text,
    };
}

/// Y803
fn copied_text(_ctx: &Context<'_>, _out: &mut Vec<Diagnostic>) {}

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
    pub static REPEATED_TABLES = {
        code: "Y804",
        name: "repeated-tables",
        title: "表格与上年完全相同",
        family: Years,
        severity: Warning,
        check: repeated_tables,
    };
}

/// Y804
fn repeated_tables(_ctx: &Context<'_>, _out: &mut Vec<Diagnostic>) {}
