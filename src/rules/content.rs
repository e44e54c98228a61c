//! 必备内容：K6xx (stubs being written).

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
    pub static OVERVIEW_ASPECTS = {
        code: "K601",
        name: "overview-aspects",
        title: "总体情况缺少规定的方面",
        family: Content,
        severity: Warning,
        check: overview_aspects,
    };
}

/// K601
fn overview_aspects(_ctx: &Context<'_>, _out: &mut Vec<Diagnostic>) {}

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
    pub static PROBLEMS_EMPTY = {
        code: "K602",
        name: "problems-empty",
        title: "存在的主要问题及改进情况为空或空泛",
        family: Content,
        severity: Warning,
        check: problems_empty,
    };
}

/// K602
fn problems_empty(_ctx: &Context<'_>, _out: &mut Vec<Diagnostic>) {}

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
    pub static FEE_NOT_REPORTED = {
        code: "K603",
        name: "fee-not-reported",
        title: "未报告信息处理费收取情况",
        family: Content,
        severity: Warning,
        check: fee_not_reported,
    };
}

/// K603
fn fee_not_reported(_ctx: &Context<'_>, _out: &mut Vec<Diagnostic>) {}
