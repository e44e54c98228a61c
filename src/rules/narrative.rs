//! 正文与表格：N4xx (stubs being written).

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
    pub static TEXT_VS_APPLICATIONS = {
        code: "N401",
        name: "text-vs-applications",
        title: "正文所述申请数与表三不符",
        family: Narrative,
        severity: Warning,
        check: text_vs_applications,
    };
}

/// N401
fn text_vs_applications(_ctx: &Context<'_>, _out: &mut Vec<Diagnostic>) {}

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
    pub static TEXT_VS_APPEALS = {
        code: "N402",
        name: "text-vs-appeals",
        title: "正文所述复议诉讼数与表四不符",
        family: Narrative,
        severity: Warning,
        check: text_vs_appeals,
    };
}

/// N402
fn text_vs_appeals(_ctx: &Context<'_>, _out: &mut Vec<Diagnostic>) {}

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
    pub static TEXT_VS_DOCUMENTS = {
        code: "N403",
        name: "text-vs-documents",
        title: "正文所述规章规范性文件数与表二不符",
        family: Narrative,
        severity: Warning,
        check: text_vs_documents,
    };
}

/// N403
fn text_vs_documents(_ctx: &Context<'_>, _out: &mut Vec<Diagnostic>) {}

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
    pub static TEXT_CONTRADICTS_ZERO = {
        code: "N404",
        name: "text-contradicts-zero",
        title: "正文称没有而表格有数（或相反）",
        family: Narrative,
        severity: Warning,
        check: text_contradicts_zero,
    };
}

/// N404
fn text_contradicts_zero(_ctx: &Context<'_>, _out: &mut Vec<Diagnostic>) {}
