//! stub
use super::{Context, declare_rule};
use crate::diagnostic::Diagnostic;

declare_rule! {
    /// ## 检查内容
    /// ## 为什么
    /// ## 示例
    /// ## 依据
    pub static T3_BALANCE = {
        code: "A301",
        name: "t3-balance",
        title: "t3-balance",
        family: Arithmetic,
        severity: Error,
        check: t3_balance,
    };
}

fn t3_balance(_ctx: &Context<'_>, _out: &mut Vec<Diagnostic>) {}

declare_rule! {
    /// ## 检查内容
    /// ## 为什么
    /// ## 示例
    /// ## 依据
    pub static T3_RESULTS_TOTAL = {
        code: "A302",
        name: "t3-results-total",
        title: "t3-results-total",
        family: Arithmetic,
        severity: Error,
        check: t3_results_total,
    };
}

fn t3_results_total(_ctx: &Context<'_>, _out: &mut Vec<Diagnostic>) {}

declare_rule! {
    /// ## 检查内容
    /// ## 为什么
    /// ## 示例
    /// ## 依据
    pub static T3_ROW_TOTAL = {
        code: "A303",
        name: "t3-row-total",
        title: "t3-row-total",
        family: Arithmetic,
        severity: Error,
        check: t3_row_total,
    };
}

fn t3_row_total(_ctx: &Context<'_>, _out: &mut Vec<Diagnostic>) {}

declare_rule! {
    /// ## 检查内容
    /// ## 为什么
    /// ## 示例
    /// ## 依据
    pub static T4_TOTAL = {
        code: "A304",
        name: "t4-total",
        title: "t4-total",
        family: Arithmetic,
        severity: Error,
        check: t4_total,
    };
}

fn t4_total(_ctx: &Context<'_>, _out: &mut Vec<Diagnostic>) {}

declare_rule! {
    /// ## 检查内容
    /// ## 为什么
    /// ## 示例
    /// ## 依据
    pub static SUSPECT_CELL = {
        code: "A306",
        name: "suspect-cell",
        title: "suspect-cell",
        family: Arithmetic,
        severity: Info,
        check: suspect_cell,
    };
}

fn suspect_cell(_ctx: &Context<'_>, _out: &mut Vec<Diagnostic>) {}

pub struct Relation;
pub fn relations() {}
