//! 文字规范（公文）：W7xx (stubs being written).

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
    pub static HALFWIDTH_PUNCTUATION = {
        code: "W701",
        name: "halfwidth-punctuation",
        title: "中文中使用半角标点",
        family: Wording,
        severity: Warning,
        check: halfwidth_punctuation,
    };
}

/// W701
fn halfwidth_punctuation(_ctx: &Context<'_>, _out: &mut Vec<Diagnostic>) {}

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
    pub static MISUSED_WORD = {
        code: "W702",
        name: "misused-word",
        title: "常见误用词",
        family: Wording,
        severity: Warning,
        check: misused_word,
    };
}

/// W702
fn misused_word(_ctx: &Context<'_>, _out: &mut Vec<Diagnostic>) {}

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
    pub static REPEATED_WORD = {
        code: "W703",
        name: "repeated-word",
        title: "字词重复",
        family: Wording,
        severity: Warning,
        check: repeated_word,
    };
}

/// W703
fn repeated_word(_ctx: &Context<'_>, _out: &mut Vec<Diagnostic>) {}

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
    pub static TEMPLATE_LEFTOVER = {
        code: "W704",
        name: "template-leftover",
        title: "模板占位符未替换",
        family: Wording,
        severity: Error,
        check: template_leftover,
    };
}

/// W704
fn template_leftover(_ctx: &Context<'_>, _out: &mut Vec<Diagnostic>) {}

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
    pub static BRACKET_STYLE = {
        code: "W705",
        name: "bracket-style",
        title: "序号括号全半角混用",
        family: Wording,
        severity: Info,
        check: bracket_style,
    };
}

/// W705
fn bracket_style(_ctx: &Context<'_>, _out: &mut Vec<Diagnostic>) {}

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
    pub static STRAY_SPACE = {
        code: "W706",
        name: "stray-space",
        title: "汉字之间或汉字与数字之间有多余空格",
        family: Wording,
        severity: Info,
        check: stray_space,
    };
}

/// W706
fn stray_space(_ctx: &Context<'_>, _out: &mut Vec<Diagnostic>) {}
