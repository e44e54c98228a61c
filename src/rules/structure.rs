//! stub
use super::{Context, declare_rule};
use crate::diagnostic::Diagnostic;

declare_rule! {
    /// ## 检查内容
    /// ## 为什么
    /// ## 示例
    /// ## 依据
    pub static MISSING_PART = {
        code: "S101",
        name: "missing-part",
        title: "missing-part",
        family: Structure,
        severity: Error,
        check: missing_part,
    };
}

fn missing_part(_ctx: &Context<'_>, _out: &mut Vec<Diagnostic>) {}

declare_rule! {
    /// ## 检查内容
    /// ## 为什么
    /// ## 示例
    /// ## 依据
    pub static PART_ORDER = {
        code: "S102",
        name: "part-order",
        title: "part-order",
        family: Structure,
        severity: Error,
        check: part_order,
    };
}

fn part_order(_ctx: &Context<'_>, _out: &mut Vec<Diagnostic>) {}

declare_rule! {
    /// ## 检查内容
    /// ## 为什么
    /// ## 示例
    /// ## 依据
    pub static OLD_FORMAT = {
        code: "S104",
        name: "old-format",
        title: "old-format",
        family: Structure,
        severity: Error,
        check: old_format,
    };
}

fn old_format(_ctx: &Context<'_>, _out: &mut Vec<Diagnostic>) {}

declare_rule! {
    /// ## 检查内容
    /// ## 为什么
    /// ## 示例
    /// ## 依据
    pub static MISSING_TABLE = {
        code: "S105",
        name: "missing-table",
        title: "missing-table",
        family: Structure,
        severity: Error,
        check: missing_table,
    };
}

fn missing_table(_ctx: &Context<'_>, _out: &mut Vec<Diagnostic>) {}

declare_rule! {
    /// ## 检查内容
    /// ## 为什么
    /// ## 示例
    /// ## 依据
    pub static MISSING_TITLE = {
        code: "S108",
        name: "missing-title",
        title: "missing-title",
        family: Structure,
        severity: Error,
        check: missing_title,
    };
}

fn missing_title(_ctx: &Context<'_>, _out: &mut Vec<Diagnostic>) {}
