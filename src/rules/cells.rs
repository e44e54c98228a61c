//! stub
use super::{Context, declare_rule};
use crate::diagnostic::Diagnostic;

declare_rule! {
    /// ## 检查内容
    /// ## 为什么
    /// ## 示例
    /// ## 依据
    pub static INVALID_COUNT = {
        code: "C201",
        name: "invalid-count",
        title: "invalid-count",
        family: Cells,
        severity: Error,
        check: invalid_count,
    };
}

fn invalid_count(_ctx: &Context<'_>, _out: &mut Vec<Diagnostic>) {}

declare_rule! {
    /// ## 检查内容
    /// ## 为什么
    /// ## 示例
    /// ## 依据
    pub static BLANK_CELL = {
        code: "C202",
        name: "blank-cell",
        title: "blank-cell",
        family: Cells,
        severity: Warning,
        check: blank_cell,
    };
}

fn blank_cell(_ctx: &Context<'_>, _out: &mut Vec<Diagnostic>) {}
