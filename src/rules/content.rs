//! 必备内容：K6xx — what parts 一, 五 and 六 must report.
//!
//! The checks read the part's text with whitespace removed (PDF extraction
//! breaks lines inside words) and look for the words that report each required
//! item. They are lenient on purpose: any wording that plainly covers an item
//! counts, so that a finding means the item is really absent. A part that is
//! missing altogether is S101's finding, not theirs.

use super::dates::body_type;
use super::{BodyType, Context, declare_rule};
use crate::diagnostic::{Diagnostic, Location};
use crate::model::{Part, PartKind, Report};
use crate::text::Span;

declare_rule! {
    /// ## 检查内容
    ///
    /// 第一部分「总体情况」应涵盖五个方面：主动公开、依申请公开、政府信息管理、政府信息公开平台建设、
    /// 监督保障。按小标题和正文中的用语判断，例如：
    ///
    /// - 主动公开：「主动公开」「主动发布」；
    /// - 依申请公开：「依申请」「公开申请」「申请公开」；
    /// - 政府信息管理：「信息管理」「审查」「审核」「公开属性」「规范性文件」「公开目录」等；
    /// - 平台建设：「平台」「网站」「新媒体」「公开栏」「公报」「专栏」等；
    /// - 监督保障：「监督」「保障」「考核」「评议」「培训」「督查」「检查」「整改」等。
    ///
    /// 县级以上地方人民政府的本级报告（按设置的机关类型，或由标题主体推断）还应说明
    /// 「工作考核、社会评议和责任追究结果情况」：提到「考核」「评议」「责任追究」「问责」之一即可。
    /// 部门、乡镇和街道的报告不要求这一项。缺少的方面在一条消息中全部列出。
    ///
    /// ## 为什么
    ///
    /// 统一格式规定总体情况是对贯彻《条例》情况的综述，「主要包括」这五个方面；漏掉某一方面，
    /// 读者就无从了解该项工作。空泛的总体情况也是各地通报中的常见问题。
    ///
    /// ## 示例
    ///
    /// 总体情况只写了「加强组织领导、完善制度建设」一段，没有主动公开、依申请公开和平台建设的内容：
    /// 报告「第一部分「总体情况」未涉及：主动公开、依申请公开、政府信息公开平台建设」。
    ///
    /// ## 依据
    ///
    /// 国办公开办函〔2021〕30号：总体情况「主要包括主动公开、依申请公开、政府信息管理、
    /// 政府信息公开平台建设、监督保障（含《中华人民共和国政府信息公开条例》第五十条第四项规定的
    /// 各级人民政府“工作考核、社会评议和责任追究结果情况”）」。考核、评议、追究一项只对县级以上地方
    /// 人民政府的报告要求：这些制度由政府建立（《条例》第四十六条），乡镇和部门是被考核的一方。
    pub static OVERVIEW_ASPECTS = {
        code: "K601",
        name: "overview-aspects",
        title: "总体情况缺少规定的方面",
        family: Content,
        severity: Warning,
        check: overview_aspects,
    };
}

declare_rule! {
    /// ## 检查内容
    ///
    /// 第五部分「存在的主要问题及改进情况」为空、只写「无」「暂无」，或者没有同时写明存在的问题
    /// 和改进措施：
    ///
    /// - 问题：「问题」「不足」「差距」「短板」「薄弱」「不够」「有待」「仍需」等；
    /// - 改进措施：「改进」「措施」「下一步」「整改」「计划」「将」「加强」「完善」等。
    ///
    /// 小标题（如「（一）存在的主要问题」）不计入，只看其下的内容。
    ///
    /// ## 为什么
    ///
    /// 《条例》要求年度报告写明「政府信息公开工作存在的主要问题及改进情况」。只写「无」，
    /// 或只列问题不说怎么改、只说打算不说问题，都没有完成这项报告义务。
    ///
    /// ## 示例
    ///
    /// 「五、存在的主要问题及改进情况」下只有一个「无」字；或只写「下一步，我镇将继续做好政府信息公开工作」。
    ///
    /// ## 依据
    ///
    /// 《中华人民共和国政府信息公开条例》第五十条第（四）项；国办公开办函〔2021〕30号第五部分。
    /// 格式是否还要求报告上年度问题的整改情况，尚未核实原文，本条不检查。
    pub static PROBLEMS_EMPTY = {
        code: "K602",
        name: "problems-empty",
        title: "存在的主要问题及改进情况为空或空泛",
        family: Content,
        severity: Warning,
        check: problems_empty,
    };
}

declare_rule! {
    /// ## 检查内容
    ///
    /// 第六部分「其他需要报告的事项」没有报告信息处理费的收取情况。写明「未收取」「暂未开始收取
    /// 相关费用」也算已报告；提到「信息处理费」「处理费」「收费」，或「收取」与「费」都算。
    /// 信息处理费写在了其他部分的，仍然报告，并在消息中说明写在哪一部分。
    ///
    /// ## 为什么
    ///
    /// 格式模板在第六部分注明「收取信息处理费情况在此处报告」。按《政府信息公开信息处理费管理办法》
    /// 收费的，应说明收费情况；没有收费的，也应说明没有收取。
    ///
    /// ## 示例
    ///
    /// 「六、其他需要报告的事项」下只写「无」。应写如「依据《政府信息公开信息处理费管理办法》的规定，
    /// 我单位本年度未收取信息处理费」。
    ///
    /// ## 依据
    ///
    /// 国办公开办函〔2021〕30号格式第六部分的说明「收取信息处理费情况在此处报告」；
    /// 《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）。不要与表二的「行政事业性收费」混淆。
    pub static FEE_NOT_REPORTED = {
        code: "K603",
        name: "fee-not-reported",
        title: "未报告信息处理费收取情况",
        family: Content,
        severity: Warning,
        check: fee_not_reported,
    };
}

/// The part of `kind`, found as S101 finds it: by its wording, or by its
/// number when the wording was not recognised.
fn find_part(report: &Report, kind: PartKind) -> Option<&Part> {
    report.part(kind).or_else(|| {
        report
            .parts
            .iter()
            .find(|p| p.kind.is_none() && p.number == Some(kind.number()))
    })
}

/// The part's text without whitespace and without its table; `headings`:
/// whether its sub-headings are kept.
fn part_text(report: &Report, part: &Part, headings: bool) -> String {
    let body = part.body;
    let inside = |s: &Span| s.start < body.end && body.start < s.end;
    let mut skip: Vec<Span> = [
        report.table2.as_ref().map(|t| t.span),
        report.table3.as_ref().map(|t| t.span),
        report.table4.as_ref().map(|t| t.span),
    ]
    .into_iter()
    .flatten()
    .chain(report.headings.iter().filter(|_| !headings).map(|h| h.span))
    .filter(inside)
    .collect();
    crate::sort::sort(&mut skip);
    let mut out = String::new();
    let mut pos = body.start as usize;
    for s in skip
        .iter()
        .chain([&Span::new(body.end as usize, body.end as usize)])
    {
        let until = (s.start as usize).min(body.end as usize);
        if until > pos {
            out.extend(
                report
                    .text
                    .get(pos..until)
                    .unwrap_or("")
                    .chars()
                    .filter(|c| !c.is_whitespace()),
            );
        }
        pos = pos.max(s.end as usize);
    }
    out
}

/// One aspect of part 一 and the words that show it is covered.
struct Aspect {
    name: &'static str,
    words: &'static [&'static str],
}

const ASPECTS: [Aspect; 5] = [
    Aspect {
        name: "主动公开",
        words: &["主动公开", "主动发布"],
    },
    Aspect {
        name: "依申请公开",
        words: &["依申请", "公开申请", "申请公开"],
    },
    Aspect {
        name: "政府信息管理",
        words: &[
            "信息管理",
            "审查",
            "审核",
            "保密审",
            "公开属性",
            "源头认定",
            "规范性文件",
            "文件管理",
            "公开目录",
            "动态调整",
            "信息清理",
        ],
    },
    Aspect {
        name: "政府信息公开平台建设",
        words: &["平台", "网站", "新媒体", "公开栏", "公报", "专栏", "门户"],
    },
    Aspect {
        name: "监督保障",
        words: &[
            "监督",
            "保障",
            "考核",
            "评议",
            "问责",
            "责任追究",
            "督查",
            "培训",
            "检查",
            "整改",
            "督促",
        ],
    },
];

/// The item that 第五十条第四项 adds for the reports of 各级人民政府.
const GOVERNMENT_ASPECT: Aspect = Aspect {
    name: "工作考核、社会评议和责任追究结果情况",
    words: &["考核", "评议", "责任追究", "问责", "追责"],
};

/// K601
fn overview_aspects(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let report = ctx.report;
    let Some(part) = find_part(report, PartKind::Overview) else {
        return;
    };
    let text = part_text(report, part, true);
    let covered = |a: &Aspect| a.words.iter().any(|w| text.contains(w));
    let mut missing: Vec<&str> = ASPECTS
        .iter()
        .filter(|a| !covered(a))
        .map(|a| a.name)
        .collect();
    let (t, why) = body_type(ctx);
    let government = t == BodyType::Government && !covered(&GOVERNMENT_ASPECT);
    if government {
        missing.push(GOVERNMENT_ASPECT.name);
    }
    if missing.is_empty() {
        return;
    }
    let mut message = format!("第一部分「总体情况」未涉及：{}", missing.join("、"));
    if government {
        message.push_str(&format!("（{why}，须在监督保障中报告这一项）"));
    }
    out.push(
        Diagnostic::new(&OVERVIEW_ASPECTS, Location::Span(part.heading.span), message).with_help(
            "总体情况应综述主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障五个方面，可各设一个小标题",
        ),
    );
}

#[rustfmt::skip]
const PROBLEM_WORDS: [&str; 16] = [
    "问题", "不足", "差距", "短板", "薄弱", "欠缺", "不够", "有待", "不到位", "不及时",
    "滞后", "尚需", "仍需", "还需", "不强", "不高",
];

#[rustfmt::skip]
const MEASURE_WORDS: [&str; 16] = [
    "改进", "措施", "举措", "下一步", "下步", "整改", "计划", "将", "拟", "进一步", "加强",
    "强化", "完善", "提升", "推进", "提高",
];

/// Whether `text` (whitespace removed) says nothing: empty, 「无」, 「暂无」 ….
fn says_nothing(text: &str) -> bool {
    let bare: String = text
        .chars()
        .filter(|c| !c.is_ascii_punctuation() && !"。，、；：！？（）“”《》…—·".contains(*c))
        .collect();
    bare.is_empty()
        || (bare.chars().count() <= 10 && ["无", "没有", "不涉及"].iter().any(|w| bare.contains(w)))
}

/// K602
fn problems_empty(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let report = ctx.report;
    let Some(part) = find_part(report, PartKind::Problems) else {
        return;
    };
    let text = part_text(report, part, false);
    let message = if says_nothing(&text) {
        if text.is_empty() {
            "第五部分「存在的主要问题及改进情况」没有内容".to_string()
        } else {
            format!(
                "第五部分「存在的主要问题及改进情况」只写了「{text}」，未报告存在的问题和改进措施"
            )
        }
    } else {
        let problems = PROBLEM_WORDS.iter().any(|w| text.contains(w));
        let measures = MEASURE_WORDS.iter().any(|w| text.contains(w));
        match (problems, measures) {
            (true, true) => return,
            (false, true) => {
                "第五部分「存在的主要问题及改进情况」只写了打算，未写明存在的具体问题".to_string()
            }
            (true, false) => {
                "第五部分「存在的主要问题及改进情况」只列了问题，未写明改进措施".to_string()
            }
            (false, false) => {
                "第五部分「存在的主要问题及改进情况」既未写明存在的问题，也未写明改进措施"
                    .to_string()
            }
        }
    };
    out.push(
        Diagnostic::new(&PROBLEMS_EMPTY, Location::Span(part.heading.span), message)
            .with_help("写明本年度工作存在的具体问题，以及针对每个问题的改进措施或下一步计划"),
    );
}

/// Whether `text` reports the 信息处理费, even as not charged.
fn reports_fee(text: &str) -> bool {
    text.contains("处理费")
        || text.contains("收费")
        || (text.contains("收取") && text.contains('费'))
}

/// K603
fn fee_not_reported(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let report = ctx.report;
    let Some(part) = find_part(report, PartKind::Other) else {
        return;
    };
    if reports_fee(&part_text(report, part, true)) {
        return;
    }
    // Reported in another part? (Tables are left out: table 三 speaks of 收费通知.)
    let elsewhere = PartKind::ALL.into_iter().find(|&k| {
        k != PartKind::Other
            && find_part(report, k)
                .is_some_and(|p| part_text(report, p, true).contains("信息处理费"))
    });
    let mut message = "第六部分「其他需要报告的事项」未报告信息处理费的收取情况".to_string();
    if let Some(k) = elsewhere {
        message.push_str(&format!(
            "（信息处理费写在第{}部分，按格式应在第六部分报告）",
            k.ordinal()
        ));
    }
    out.push(
        Diagnostic::new(
            &FEE_NOT_REPORTED,
            Location::Span(part.heading.span),
            message,
        )
        .with_help(
            "在第六部分写明信息处理费的收取情况，未收取的也应说明，如「本年度未收取信息处理费」",
        ),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_is_nothing() {
        assert!(says_nothing(""));
        assert!(says_nothing("无。"));
        assert!(says_nothing("暂无。"));
        assert!(says_nothing("本年度无。"));
        assert!(!says_nothing("政策解读形式单一。下一步将增加图解。"));
    }

    #[test]
    fn fee_wordings() {
        assert!(reports_fee(
            "依据《政府信息公开信息处理费管理办法》的规定，我单位暂未开始收取相关费用。"
        ));
        assert!(reports_fee("本年度未收取信息处理费。"));
        assert!(reports_fee("本年度未收取任何费用。"));
        assert!(!reports_fee("无。"));
        assert!(!reports_fee("本年度无其他需要报告的事项。"));
    }
}
