//! N4xx: what the narrative says against what the tables say.
//!
//! The prose of the report (everything outside the spans of tables 二, 三 and
//! 四) is read into *claims*: a count the text states for a quantity of a
//! table (「受理政府信息公开申请17件」), or a statement that there is none
//! (「未发生行政复议、行政诉讼」). Each claim is compared with the table; a
//! claim that disagrees is one finding, under exactly one code:
//!
//! - both sides positive and different: N401 (table 三), N402 (table 四),
//!   N403 (table 二);
//! - one side none or 0 and the other positive: N404, whatever the table.
//!
//! Reading is deliberately conservative: a number is a claim only when a
//! known verb and subject govern it through known filler words alone
//! ([`read_phrase`]). Anything unknown between them (同比, 各部门, 政策性文件,
//! 近, 余 …) breaks the link, so numbers about other things are never taken.
//!
//! The text is first flattened into a [`Stream`] without whitespace, each
//! character keeping its byte range, so that 「17 件」, 「2024 年」 and words
//! or numbers wrapped over lines by `pdftotext` read as written; page-number
//! lines (「-2-」) are dropped and headings and tables act as sentence breaks.

use std::collections::HashMap;

use super::{Context, RuleMeta, declare_rule};
use crate::diagnostic::{CellRef, Diagnostic, Location};
use crate::model::{Report, T2Field, T2Item, T3Col, T3Row, T4Field, T4Group};
use crate::text::Span;

declare_rule! {
    /// ## 检查内容
    ///
    /// 正文（总体情况等表格以外的文字）写明的依申请公开数字，与表三「总计」列核对：
    ///
    /// - 「新收／收到／受理……申请 N 件」对第一项（本年新收）；「收到」「受理」未说明口径时，
    ///   与第一项或「第一项＋第二项（上年结转）」之一相符即可；写明「含上年结转」的，对两项之和；
    /// - 「办结／答复……N 件」对第三项「（七）总计」；「办理／处理……N 件」口径不一，
    ///   与（七）总计、第一项、第一项＋第二项之一相符即可；
    /// - 「上年结转……N 件」对第二项；「结转下年度（继续办理）／顺延到下年度……N 件」对第四项；
    ///   只写「结转 N 件」的，与第二项或第四项之一相符即可。
    ///
    /// 数字可以是阿拉伯数字（含全角数字、千位分隔符）或中文数字（二十件、一百零五件、两件），
    /// 数字、单位之间和跨行处的空格、换行不影响识别。括注的「含上年结转」归属于紧挨着的那个数字：
    /// 「答复3050件（含上年度结转申请34件）」中，34 件是上年结转数，3050 件是答复数。
    /// 动词与数字之间只允许出现「政府信息公开申请」「共」「全年」等常见词；夹有其他词语
    /// （「同比增加」「人大代表建议」「各部门」「近」「余」等）或写的是其他年度（「较2023年的21件」）
    /// 的数字不核对。同一说法在几处重复出现、与表格的差异相同的，只报告一次，列出各处位置。
    /// 一方为零、另一方有数的情形由 N404 报告，本条不重复报告。
    ///
    /// ## 为什么
    ///
    /// 总体情况中的依申请公开数字是读者最先看到的概要，应与表三一致。正文与表格不一致，
    /// 往往是沿用了往年文字、只统计了本级办公室办理的申请，或表格填报有误，两处至少有一处不对。
    ///
    /// ## 示例
    ///
    /// 淮安市洪泽区 2024 年度报告正文称「区政府办代表区政府受理政府信息公开申请 17 件」，
    /// 而表三第一项（本年新收）总计为 95 件，报告为：
    /// 「正文称受理政府信息公开申请17件，表三第一项（本年新收）总计为95件」。
    /// 淮安市 2024 年度报告「全市共受理政府信息公开申请 3119 件，答复 3050 件（含上年度结转申请
    /// 34 件，另有 103 件顺延到下年度答复）」与表三的 3119、3050、34、103 一致，不报告。
    ///
    /// ## 依据
    ///
    /// 国办公开办函〔2021〕30号表三各项的含义（第一项加第二项之和等于第三项加第四项之和）；
    /// 正文与表格数字应当一致。本条为启发式核对，级别为警告。
    pub static TEXT_VS_APPLICATIONS = {
        code: "N401",
        name: "text-vs-applications",
        title: "正文所述申请数与表三不符",
        family: Narrative,
        severity: Warning,
        check: text_vs_applications,
    };
}

declare_rule! {
    /// ## 检查内容
    ///
    /// 正文写明的政府信息公开行政复议、行政诉讼数字，与表四核对：
    ///
    /// - 「行政复议 N 件／起」（含「收到行政复议申请」「被申请行政复议」「因政府信息公开引起的行政复议案件」
    ///   等说法）对行政复议「总计」；
    /// - 「行政诉讼 N 件／起」对未经复议直接起诉与复议后起诉两组「总计」之和；写明
    ///   「未经复议直接起诉」「复议后起诉」的，对相应一组；
    /// - 紧接其后的「其中结果维持 a 件，结果纠正 b 件，其他结果 c 件，尚未审结 d 件」，
    ///   对相应的结果栏（行政诉讼为两组之和）。
    ///
    /// 「行政复议、行政诉讼各 N 件」分别核对；「行政复议和行政诉讼共 N 件」这类合计数不核对。
    /// 一方为零、另一方有数的情形由 N404 报告。
    ///
    /// ## 为什么
    ///
    /// 行政复议、行政诉讼数字反映依申请公开的争议和纠错情况，是上级考核和社会关注的重点；
    /// 正文与表四不一致，说明其中一处有误。
    ///
    /// ## 示例
    ///
    /// 正文称「政府信息公开行政复议 3 件」，表四行政复议总计为 2，报告为：
    /// 「正文称行政复议3件，表四行政复议总计为2件」。
    /// 淮安市 2024 年度报告「行政复议 351 件，其中结果维持 72 件……；行政诉讼 46 件，其中结果维持
    /// 25 件……」与表四（行政诉讼 26＋20＝46，结果维持 13＋12＝25）一致，不报告。
    ///
    /// ## 依据
    ///
    /// 国办公开办函〔2021〕30号表四各栏的含义。本条为启发式核对，级别为警告。
    pub static TEXT_VS_APPEALS = {
        code: "N402",
        name: "text-vs-appeals",
        title: "正文所述复议诉讼数与表四不符",
        family: Narrative,
        severity: Warning,
        check: text_vs_appeals,
    };
}

declare_rule! {
    /// ## 检查内容
    ///
    /// 正文写明的规章、行政规范性文件数字，与表二第二十条第（一）项核对：
    /// 「制发／印发／出台／制定／发布／新增……规章（行政规范性文件）N 件」对「本年制发件数」，
    /// 「废止……N 件」对「本年废止件数」，「现行有效……N 件」对「现行有效件数」。
    /// 「制发规章 1 件、行政规范性文件 3 件」「行政规范性文件制发 8 件、废止 26 件」这样的并列说法
    /// 逐项核对。
    ///
    /// 不核对的说法：没有写明是制发、废止还是现行有效的（「公开规章 1 件」）；
    /// 「政策性文件」「规章制度」；以及前面没有「行政」二字的「规范性文件」——它可能指党内规范性文件
    /// 或泛指各类文件，口径不能确定，为避免误报不作比对；「清理」「审核」「备案」「修订」
    /// 行政规范性文件的数字也不是制发数。一方为零、另一方有数的情形由 N404 报告。
    ///
    /// ## 为什么
    ///
    /// 总体情况「政府信息管理」部分常写明本年制发、废止和现行有效的规章和行政规范性文件数量，
    /// 部分地方还要求必须写明；这些数字应与表二一致。
    ///
    /// ## 示例
    ///
    /// 正文称「本年度制发行政规范性文件 3 件」，表二行政规范性文件本年制发件数为 2，报告为：
    /// 「正文称制发行政规范性文件3件，表二行政规范性文件本年制发件数为2件」。
    /// 淮安市 2024 年度报告「新增公开市政府规章 1 件、市政府及市政府办政策性文件 11 件」：
    /// 规章 1 件与表二一致；政策性文件不是表二的行政规范性文件，不核对。
    ///
    /// ## 依据
    ///
    /// 国办公开办函〔2021〕30号表二「第二十条第（一）项」；部分地方年报审核要求
    /// （如武威市）规定总体情况须写明这些数字。本条为启发式核对，级别为警告。
    pub static TEXT_VS_DOCUMENTS = {
        code: "N403",
        name: "text-vs-documents",
        title: "正文所述规章规范性文件数与表二不符",
        family: Narrative,
        severity: Warning,
        check: text_vs_documents,
    };
}

declare_rule! {
    /// ## 检查内容
    ///
    /// 正文与表格一方说「没有」、另一方有数：
    ///
    /// - 正文称没有，表格却有数：「未收到政府信息公开申请」「无依申请公开事项」对表三第一项；
    ///   「无上年结转申请」对第二项，「没有结转下年度的申请」对第四项；「未发生（因政府信息公开
    ///   引起的）行政复议、行政诉讼」对表四相应总计；「未制发规章」「未废止行政规范性文件」对表二；
    ///   正文写「0 件」的同样对待。
    /// - 正文写了正数，表格对应的数却是 0（如正文「受理申请 3 件」，表三第一项为 0）。
    ///
    /// 核对的数字和口径与 N401–N403 相同。为做到一个原因只报告一次，凡一方为零的不一致都归入本条，
    /// N401–N403 只报告双方都是正数而不相等的情形。否定说法须紧接其对象并在句读处结束
    /// （「无正当理由……」「未收到申请人补正材料」等不算），写的是其他年度的不核对。
    ///
    /// ## 为什么
    ///
    /// 「有」与「没有」的矛盾最为显眼：读者看正文以为没有申请或争议，表格却有，或者相反。
    /// 这通常是沿用往年「未发生行政复议、行政诉讼」等套话，或表格整表填 0 造成的。
    ///
    /// ## 示例
    ///
    /// 正文称「本年度未收到政府信息公开申请」，表三第一项（本年新收）总计为 2，报告为：
    /// 「正文称未收到政府信息公开申请，表三第一项（本年新收）总计为2件」。
    /// 正文称「未发生政府信息公开行政复议、行政诉讼」，表四行政复议总计为 1，报告为：
    /// 「正文称未发生政府信息公开行政复议、行政诉讼，表四行政复议总计为1件」。
    ///
    /// ## 依据
    ///
    /// 国办公开办函〔2021〕30号表三、表四、表二；正文与表格应当一致。本条为启发式核对，
    /// 级别为警告。
    pub static TEXT_CONTRADICTS_ZERO = {
        code: "N404",
        name: "text-contradicts-zero",
        title: "正文称没有而表格有数（或相反）",
        family: Narrative,
        severity: Warning,
        check: text_contradicts_zero,
    };
}

/// N401
fn text_vs_applications(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    run(ctx, out, &TEXT_VS_APPLICATIONS);
}

/// N402
fn text_vs_appeals(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    run(ctx, out, &TEXT_VS_APPEALS);
}

/// N403
fn text_vs_documents(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    run(ctx, out, &TEXT_VS_DOCUMENTS);
}

/// N404
fn text_contradicts_zero(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    run(ctx, out, &TEXT_CONTRADICTS_ZERO);
}

/// Reports the findings of `rule`: every disagreeing claim of its kind, with
/// the same statement repeated in several places merged into one finding.
fn run(ctx: &Context<'_>, out: &mut Vec<Diagnostic>, rule: &'static RuleMeta) {
    let report = ctx.report;
    let mut merged: Vec<Finding> = Vec::new();
    let mut by_message: HashMap<String, usize> = HashMap::new();
    // The four N rules read the same claims: evaluate them once per check.
    let findings = ctx.cache.narrative.get_or_init(|| {
        claims(report)
            .iter()
            .filter_map(|c| evaluate(report, c))
            .collect()
    });
    for f in findings
        .iter()
        .filter(|f| f.rule.code == rule.code)
        .cloned()
    {
        match by_message.get(&f.message) {
            Some(&k) => {
                if !merged[k].spans.contains(&f.spans[0]) {
                    merged[k].spans.push(f.spans[0]);
                }
            }
            None => {
                by_message.insert(f.message.clone(), merged.len());
                merged.push(f);
            }
        }
    }
    for f in merged {
        let related = f
            .cells
            .iter()
            .map(|&c| Location::Cell(c))
            .chain(f.spans[1..].iter().map(|&s| Location::Span(s)));
        out.push(
            Diagnostic::new(rule, Location::Span(f.spans[0]), f.message)
                .with_related(related)
                .with_help(f.help),
        );
    }
}

// ---------------------------------------------------------------------------
// Claims and their evaluation
// ---------------------------------------------------------------------------

/// Which table a claim is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Family {
    /// Table 三.
    Applications,
    /// Table 四.
    Appeals,
    /// Table 二, 第二十条第（一）项.
    Documents,
}

const R01: &[T3Row] = &[T3Row::R01];
const R02: &[T3Row] = &[T3Row::R02];
const R01_R02: &[T3Row] = &[T3Row::R01, T3Row::R02];
const R24: &[T3Row] = &[T3Row::R24];
const R25: &[T3Row] = &[T3Row::R25];
const REVIEW: &[T4Group] = &[T4Group::Review];
const SUITS: &[T4Group] = &[T4Group::SuitDirect, T4Group::SuitAfter];
const SUIT_DIRECT: &[T4Group] = &[T4Group::SuitDirect];
const SUIT_AFTER: &[T4Group] = &[T4Group::SuitAfter];

/// A number of a table: the sum of some cells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Quantity {
    /// The 总计 column of table 三, summed over these rows.
    T3(&'static [T3Row]),
    /// A field of table 四, summed over these groups.
    T4(&'static [T4Group], T4Field),
    /// One cell of table 二.
    T2(T2Item, T2Field),
}

impl Quantity {
    fn cells(self) -> Vec<CellRef> {
        match self {
            Quantity::T3(rows) => rows.iter().map(|&r| CellRef::t3(r, T3Col::Tot)).collect(),
            Quantity::T4(groups, f) => groups.iter().map(|&g| CellRef::t4(g, f)).collect(),
            Quantity::T2(item, field) => vec![CellRef::T2 {
                item: Some(item),
                field: Some(field),
            }],
        }
    }

    /// Each cell's count, when every cell holds one.
    fn parts(self, report: &Report) -> Option<Vec<u64>> {
        self.cells()
            .into_iter()
            .map(|c| match c {
                CellRef::T3 {
                    row: Some(r),
                    col: Some(col),
                } => report.table3.as_ref()?.cell(r, col)?.as_int(),
                CellRef::T4 {
                    group: Some(g),
                    field: Some(f),
                } => report.table4.as_ref()?.cell(g, f)?.as_int(),
                CellRef::T2 {
                    item: Some(i),
                    field: Some(f),
                } => report.table2.as_ref()?.item(i)?.get(f as usize)?.as_int(),
                _ => None,
            })
            .collect()
    }

    fn value(self, report: &Report) -> Option<u64> {
        self.parts(report)?
            .into_iter()
            .try_fold(0u64, |a, b| a.checked_add(b))
    }

    /// 「表三第一项（本年新收）总计为95件」, with the values of `report`.
    fn describe(self, report: &Report) -> String {
        let parts = self.parts(report).unwrap_or_default();
        let v: u64 = parts.iter().sum();
        let sum = || {
            let s: Vec<String> = parts.iter().map(u64::to_string).collect();
            format!("{}={v}", s.join("+"))
        };
        match self {
            Quantity::T3(rows) => match rows {
                [T3Row::R01] => format!("表三第一项（本年新收）总计为{v}件"),
                [T3Row::R02] => format!("表三第二项（上年结转）总计为{v}件"),
                [T3Row::R24] => format!("表三第三项办理结果（七）总计为{v}件"),
                [T3Row::R25] => format!("表三第四项（结转下年度继续办理）总计为{v}件"),
                _ => format!(
                    "表三第一项（本年新收）与第二项（上年结转）总计之和为{}件",
                    sum()
                ),
            },
            Quantity::T4(groups, field) => {
                let field = if field == T4Field::Total {
                    "总计"
                } else {
                    field.label()
                };
                match groups {
                    [g] => format!("表四{}{field}为{v}件", g.label()),
                    _ => format!(
                        "表四行政诉讼{field}（未经复议直接起诉与复议后起诉之和）为{}件",
                        sum()
                    ),
                }
            }
            Quantity::T2(item, field) => {
                format!("表二{}{}为{v}件", item.label(), field.label())
            }
        }
    }
}

/// What the text states about a quantity.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Stated {
    /// A count. `readings` are the quantities the wording can mean, the most
    /// likely first; the claim holds when it matches any of them.
    Count { value: u64, readings: Vec<Quantity> },
    /// There is none of each of `targets` (「未发生行政复议、行政诉讼」).
    None { targets: Vec<Quantity> },
}

/// One statement of the narrative about a table's numbers.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Claim {
    family: Family,
    /// What is counted, as the message names it: 「受理政府信息公开申请」.
    /// For [`Stated::None`], the whole statement as written.
    wording: String,
    /// The statement in the source: from its verb or subject to its unit.
    span: Span,
    /// The unit of a count as written: 件, 起 …
    unit: char,
    stated: Stated,
}

/// A disagreeing claim, before it becomes a [`Diagnostic`].
#[derive(Clone)]
pub(crate) struct Finding {
    rule: &'static RuleMeta,
    message: String,
    /// The claim's span; more when the same statement is repeated.
    spans: Vec<Span>,
    cells: Vec<CellRef>,
    help: &'static str,
}

const HELP_APPLICATIONS: &str = "核对正文与表三：本年新收对应第一项，上年结转对应第二项，办结（答复）对应第三项（七）总计，结转下年度对应第四项；正文的口径与表格不同时（如含上年结转），请在正文中写明";
const HELP_APPEALS: &str = "核对正文与表四：行政复议对应行政复议「总计」，行政诉讼对应未经复议直接起诉与复议后起诉两组「总计」之和";
const HELP_DOCUMENTS: &str =
    "核对正文与表二第二十条第（一）项：规章、行政规范性文件的本年制发、本年废止和现行有效件数";
const HELP_ZERO: &str =
    "正文与表格应当一致：确实没有的，表格应填 0；表格无误的，请修改正文中「没有」或数字的说法";

/// Compares a claim with the tables: the finding when they disagree.
fn evaluate(report: &Report, claim: &Claim) -> Option<Finding> {
    match &claim.stated {
        Stated::Count { value, readings } => {
            let known: Vec<(Quantity, u64)> = readings
                .iter()
                .filter_map(|&q| Some((q, q.value(report)?)))
                .collect();
            let &(primary, table) = known.first()?;
            if known.iter().any(|&(_, v)| v == *value) {
                return None;
            }
            let mut message = format!(
                "正文称{}{value}{}，{}",
                claim.wording,
                claim.unit,
                primary.describe(report)
            );
            // The other readings the wording allows, when their number differs.
            for &(q, v) in &known[1..] {
                if v != table {
                    let d = q.describe(report);
                    message.push('，');
                    message.push_str(d.strip_prefix("表三").unwrap_or(&d));
                }
            }
            let (rule, help) = if *value == 0 || table == 0 {
                (&TEXT_CONTRADICTS_ZERO, HELP_ZERO)
            } else {
                match claim.family {
                    Family::Applications => (&TEXT_VS_APPLICATIONS, HELP_APPLICATIONS),
                    Family::Appeals => (&TEXT_VS_APPEALS, HELP_APPEALS),
                    Family::Documents => (&TEXT_VS_DOCUMENTS, HELP_DOCUMENTS),
                }
            };
            Some(Finding {
                rule,
                message,
                spans: vec![claim.span],
                cells: primary.cells(),
                help,
            })
        }
        Stated::None { targets } => {
            let nonzero: Vec<Quantity> = targets
                .iter()
                .copied()
                .filter(|q| q.value(report).is_some_and(|v| v > 0))
                .collect();
            if nonzero.is_empty() {
                return None;
            }
            let described: Vec<String> = nonzero.iter().map(|q| q.describe(report)).collect();
            Some(Finding {
                rule: &TEXT_CONTRADICTS_ZERO,
                message: format!("正文称{}，{}", claim.wording, described.join("，")),
                spans: vec![claim.span],
                cells: nonzero.iter().flat_map(|q| q.cells()).collect(),
                help: HELP_ZERO,
            })
        }
    }
}

// ---------------------------------------------------------------------------
// The narrative as a stream of characters
// ---------------------------------------------------------------------------

/// A sentence break: a heading, a table, or the end of a segment.
const BREAK: char = '\u{0}';

/// The narrative without whitespace: each character with its byte range in
/// the source, table spans replaced by a [`BREAK`].
#[derive(Default)]
struct Stream {
    chars: Vec<char>,
    at: Vec<(u32, u32)>,
}

impl Stream {
    fn push(&mut self, c: char, start: usize) {
        self.chars.push(c);
        self.at.push((start as u32, (start + c.len_utf8()) as u32));
    }

    fn brk(&mut self, pos: usize) {
        if self.chars.last().is_some_and(|&c| c != BREAK) {
            self.chars.push(BREAK);
            self.at.push((pos as u32, pos as u32));
        }
    }

    /// The source span of stream characters `start..end` (non-empty).
    fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.at[start].0 as usize, self.at[end - 1].1 as usize)
    }

    fn text(&self, start: usize, end: usize) -> String {
        self.chars[start..end].iter().collect()
    }
}

/// The prose of `report`: everything outside the three tables, without page numbers.
fn narrative(report: &Report) -> Stream {
    let text = report.text.as_str();
    let mut skip: Vec<Span> = [
        report.table2.as_ref().map(|t| t.span),
        report.table3.as_ref().map(|t| t.span),
        report.table4.as_ref().map(|t| t.span),
    ]
    .into_iter()
    .flatten()
    .collect();
    crate::sort::sort(&mut skip);
    let mut marks: Vec<u32> = report
        .headings
        .iter()
        .flat_map(|h| [h.span.start, h.span.end])
        .collect();
    marks.sort_unstable();
    let (mut si, mut mi) = (0, 0);
    let mut s = Stream::default();
    let mut base = 0;
    for line in text.split_inclusive('\n') {
        let line_start = base;
        base += line.len();
        if is_page_number(line) {
            continue;
        }
        for (i, c) in line.char_indices() {
            let pos = line_start + i;
            while mi < marks.len() && marks[mi] as usize <= pos {
                s.brk(pos);
                mi += 1;
            }
            while si < skip.len() && (skip[si].end as usize) <= pos {
                si += 1;
            }
            if si < skip.len() && skip[si].start as usize <= pos {
                s.brk(pos);
                continue;
            }
            if c.is_whitespace() || matches!(c, '\u{feff}' | '\u{200b}') {
                continue;
            }
            s.push(c, pos);
        }
    }
    s
}

/// A page-number line of a PDF: 「-2-」「— 3 —」「第 4 页」「第4页 共6页」.
fn is_page_number(line: &str) -> bool {
    let t = line.trim();
    let dash = |c: char| matches!(c, '-' | '—' | '–' | '－');
    let digits = |s: &str| !s.is_empty() && s.len() <= 4 && s.chars().all(|c| c.is_ascii_digit());
    if t.starts_with(dash) && t.ends_with(dash) {
        return digits(t.trim_matches(|c: char| dash(c) || c.is_whitespace()));
    }
    let compact: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    let page = |s: &str| {
        s.strip_prefix('第')
            .and_then(|s| s.strip_suffix('页'))
            .is_some_and(digits)
    };
    match compact.split_once("页共") {
        Some((a, b)) => page(&format!("{a}页")) && page(&format!("第{b}")),
        None => page(&compact),
    }
}

// ---------------------------------------------------------------------------
// Numbers
// ---------------------------------------------------------------------------

/// The value of an ASCII or full-width digit.
fn digit(c: char) -> Option<u64> {
    match c {
        '0'..='9' => Some(c as u64 - '0' as u64),
        '０'..='９' => Some(c as u64 - '０' as u64),
        _ => None,
    }
}

/// An Arabic number at `chars[i]`: digits (half- or full-width) with optional
/// thousands separators (「3,119」). Returns its value (`None` for a decimal
/// such as 1.5), whether it has exactly four digits and no separator, and the
/// index after it.
fn read_arabic(chars: &[char], i: usize) -> Option<(Option<u64>, bool, usize)> {
    digit(*chars.get(i)?)?;
    let mut j = i;
    let mut v: u64 = 0;
    let mut overflow = false;
    let mut grouped = false;
    loop {
        while let Some(d) = chars.get(j).and_then(|&c| digit(c)) {
            match v.checked_mul(10).and_then(|v| v.checked_add(d)) {
                Some(n) => v = n,
                None => overflow = true,
            }
            j += 1;
        }
        // A thousands separator: a comma followed by exactly three digits.
        let three = (1..=3).all(|k| chars.get(j + k).and_then(|&c| digit(c)).is_some());
        let fourth = chars.get(j + 4).and_then(|&c| digit(c)).is_some();
        if chars.get(j) == Some(&',') && three && !fourth {
            grouped = true;
            j += 1;
            continue;
        }
        break;
    }
    let four = !grouped && j - i == 4;
    if matches!(chars.get(j), Some('.' | '．'))
        && chars.get(j + 1).and_then(|&c| digit(c)).is_some()
    {
        j += 1;
        while chars.get(j).and_then(|&c| digit(c)).is_some() {
            j += 1;
        }
        return Some((None, false, j));
    }
    Some(((!overflow).then_some(v), four, j))
}

fn cn_digit(c: char) -> Option<u64> {
    "〇零一二三四五六七八九"
        .chars()
        .position(|d| d == c)
        .map(|p| p.saturating_sub(1) as u64)
        .or((c == '两').then_some(2))
}

fn cn_unit(c: char) -> Option<u64> {
    match c {
        '十' => Some(10),
        '百' => Some(100),
        '千' => Some(1000),
        '万' => Some(10_000),
        _ => None,
    }
}

/// A Chinese numeral at `chars[i]` (二十, 一百零五, 两千, 三万五千, 二〇二四).
/// Returns its value and the index after it. A run of digits without units
/// (「三四」 is "three or four", an estimate) is read only when it has four
/// digits, as years are written; a malformed numeral is not read.
fn read_chinese(chars: &[char], i: usize) -> Option<(u64, usize)> {
    let first = *chars.get(i)?;
    if cn_digit(first).is_none() && first != '十' {
        return None;
    }
    let numeral = |c: &char| cn_digit(*c).is_some() || cn_unit(*c).is_some();
    // No count is written with more than a dozen characters; a longer run is
    // not a numeral (and bounding it keeps the reader linear).
    let mut j = i;
    while chars.get(j).is_some_and(numeral) {
        j += 1;
        if j - i > 12 {
            return None;
        }
    }
    let run = &chars[i..j];
    if run.iter().all(|&c| cn_unit(c).is_none()) {
        if run.len() == 1 {
            return Some((cn_digit(run[0])?, j));
        }
        if run.len() == 4 {
            let v = run
                .iter()
                .try_fold(0u64, |a, &c| Some(a * 10 + cn_digit(c)?))?;
            return Some((v, j));
        }
        return None;
    }
    // Positional: digits each followed by a descending unit, 零 for gaps.
    let (mut total, mut section) = (0u64, 0u64);
    let mut pending: Option<u64> = None;
    let mut last_unit = u64::MAX; // within the current 万 section
    let mut after_zero = false;
    for (k, &c) in run.iter().enumerate() {
        if let Some(d) = cn_digit(c) {
            if pending.is_some() {
                return None; // two digits in a row: 三四十
            }
            if d == 0 {
                if k == 0 || after_zero {
                    return None;
                }
                after_zero = true;
                continue;
            }
            pending = Some(d);
        } else if c == '万' {
            if total > 0 {
                return None;
            }
            section += pending.take().unwrap_or(0);
            if section == 0 {
                return None;
            }
            total = section * 10_000;
            section = 0;
            last_unit = u64::MAX;
            after_zero = false;
        } else {
            let unit = cn_unit(c)?;
            if unit >= last_unit {
                return None;
            }
            // 十 may stand alone at the start of a section: 十五 = 15.
            let d = match pending.take() {
                Some(d) => d,
                None if unit == 10 && section == 0 && !after_zero => 1,
                None => return None,
            };
            section += d * unit;
            last_unit = unit;
            after_zero = false;
        }
    }
    Some((total + section + pending.unwrap_or(0), j))
}

// ---------------------------------------------------------------------------
// Words
// ---------------------------------------------------------------------------

/// The verbs that say what a count is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Verb {
    /// 新收: table 三 r01.
    New,
    /// 收到, 受理: r01, or r01 + r02.
    Received,
    /// 办结, 答复: r24.
    Handled,
    /// 办理, 处理: r24, r01 or r01 + r02.
    Processed,
    /// 上年结转: r02.
    CarryIn,
    /// 结转下年度, 顺延到下年度: r25.
    CarryOut,
    /// 结转 alone: r02 or r25.
    CarryAny,
    /// 新增: 新收 for applications, 制发 for documents.
    NewAdd,
    /// 发生, 提起, 涉及: neutral, for appeals.
    Occur,
    /// 制发, 印发, 出台 …
    Issued,
    /// 废止.
    Repealed,
    /// 现行有效.
    InForce,
}

/// What is counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Subject {
    /// 政府信息公开申请, 依申请公开 …
    Application,
    Review,
    /// 行政诉讼: both suit groups.
    Suits,
    SuitDirect,
    SuitAfter,
    Rules,
    Normative,
}

impl Subject {
    fn family(self) -> Family {
        match self {
            Subject::Application => Family::Applications,
            Subject::Review | Subject::Suits | Subject::SuitDirect | Subject::SuitAfter => {
                Family::Appeals
            }
            Subject::Rules | Subject::Normative => Family::Documents,
        }
    }
}

/// A number followed by a unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Count {
    /// `None` for a decimal or a number too large.
    value: Option<u64>,
    /// The unit right after the number (件, 起 …), when it is a count unit.
    unit: Option<char>,
    /// An ordinal (第3件) or an estimate (300件左右).
    vague: bool,
}

/// A word of the narrative, as far as the claims are concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum W {
    Verb(Verb),
    /// 结果维持, 结果纠正, 其他结果, 尚未审结 (table 四).
    Field(T4Field),
    Subject(Subject),
    /// 未, 没有, 无.
    Neg,
    /// 含, 包括, 其中.
    Incl,
    /// 各.
    Each,
    /// 、 和 及 并.
    Conj,
    Open,
    Close,
    /// ， ； ：
    Punct,
    /// Words that may stand between a verb and its count: 共, 全年, 的 …
    Filler,
    /// Anything else: it breaks the link between a verb and a number.
    Other,
    /// 各部门, 各级, 下属: a count of other bodies than the reporting one.
    Wide,
    Num(Count),
    /// 「2024年」.
    Year(i32),
}

/// The words known to the reader. At each place the longest match wins, so
/// the blocking entries (「不予处理」「规章制度」「申请人」) shadow the keywords
/// they contain.
const VOCAB: &[(&str, W)] = &[
    // Blocking words that contain a keyword.
    ("不予处理", W::Other),
    ("其他处理", W::Other),
    ("不予公开", W::Other),
    ("部分公开", W::Other),
    ("予以公开", W::Other),
    ("无法提供", W::Other),
    ("正在办理", W::Other),
    ("办理结果", W::Other),
    ("无正当理由", W::Other),
    ("申请人", W::Other),
    ("申请表", W::Other),
    ("规章制度", W::Other),
    ("规范性文件", W::Other),
    ("主动公开", W::Other),
    ("各级", W::Wide),
    ("各地", W::Wide),
    ("各部门", W::Wide),
    ("各单位", W::Wide),
    ("各县", W::Wide),
    ("各区", W::Wide),
    ("各镇", W::Wide),
    ("各乡", W::Wide),
    ("各县区", W::Wide),
    ("各街道", W::Wide),
    ("全省", W::Wide),
    ("下属", W::Wide),
    ("所属", W::Wide),
    ("系统", W::Wide),
    ("上年", W::Other),
    ("上年度", W::Other),
    ("去年", W::Other),
    ("有效降低", W::Other),
    // Applications.
    ("新收", W::Verb(Verb::New)),
    ("新接收", W::Verb(Verb::New)),
    ("新增", W::Verb(Verb::NewAdd)),
    ("收到", W::Verb(Verb::Received)),
    ("受理", W::Verb(Verb::Received)),
    ("接收", W::Verb(Verb::Received)),
    ("接到", W::Verb(Verb::Received)),
    ("办结", W::Verb(Verb::Handled)),
    ("答复", W::Verb(Verb::Handled)),
    ("回复", W::Verb(Verb::Handled)),
    ("办理", W::Verb(Verb::Processed)),
    ("处理", W::Verb(Verb::Processed)),
    ("上年结转", W::Verb(Verb::CarryIn)),
    ("上年度结转", W::Verb(Verb::CarryIn)),
    ("上一年结转", W::Verb(Verb::CarryIn)),
    ("上一年度结转", W::Verb(Verb::CarryIn)),
    ("去年结转", W::Verb(Verb::CarryIn)),
    ("往年结转", W::Verb(Verb::CarryIn)),
    ("上年转入", W::Verb(Verb::CarryIn)),
    ("上年度转入", W::Verb(Verb::CarryIn)),
    ("结转", W::Verb(Verb::CarryAny)),
    ("政府信息公开申请", W::Subject(Subject::Application)),
    ("信息公开申请", W::Subject(Subject::Application)),
    ("依申请公开申请", W::Subject(Subject::Application)),
    ("依申请公开事项", W::Subject(Subject::Application)),
    ("依申请公开件", W::Subject(Subject::Application)),
    ("依申请公开", W::Subject(Subject::Application)),
    ("依申请", W::Subject(Subject::Application)),
    ("公开申请", W::Subject(Subject::Application)),
    ("申请公开", W::Subject(Subject::Application)),
    ("申请件", W::Subject(Subject::Application)),
    ("申请书", W::Subject(Subject::Application)),
    ("申请", W::Subject(Subject::Application)),
    // Appeals.
    ("行政复议申请", W::Subject(Subject::Review)),
    ("复议申请", W::Subject(Subject::Review)),
    ("申请行政复议", W::Subject(Subject::Review)),
    ("被申请行政复议", W::Subject(Subject::Review)),
    ("申请复议", W::Subject(Subject::Review)),
    ("行政复议", W::Subject(Subject::Review)),
    ("复议", W::Subject(Subject::Review)),
    ("行政复议后起诉", W::Subject(Subject::SuitAfter)),
    ("复议后起诉", W::Subject(Subject::SuitAfter)),
    ("复议后提起行政诉讼", W::Subject(Subject::SuitAfter)),
    ("未经复议直接起诉", W::Subject(Subject::SuitDirect)),
    ("直接起诉", W::Subject(Subject::SuitDirect)),
    ("直接提起行政诉讼", W::Subject(Subject::SuitDirect)),
    ("提起行政诉讼", W::Subject(Subject::Suits)),
    ("被提起行政诉讼", W::Subject(Subject::Suits)),
    ("行政诉讼", W::Subject(Subject::Suits)),
    ("行政应诉", W::Subject(Subject::Suits)),
    ("诉讼", W::Subject(Subject::Suits)),
    ("发生", W::Verb(Verb::Occur)),
    ("提起", W::Verb(Verb::Occur)),
    ("涉及", W::Verb(Verb::Occur)),
    ("产生", W::Verb(Verb::Occur)),
    ("出现", W::Verb(Verb::Occur)),
    ("引起", W::Verb(Verb::Occur)),
    ("引发", W::Verb(Verb::Occur)),
    ("结果维持", W::Field(T4Field::Upheld)),
    ("维持", W::Field(T4Field::Upheld)),
    ("结果纠正", W::Field(T4Field::Corrected)),
    ("纠正", W::Field(T4Field::Corrected)),
    ("纠错", W::Field(T4Field::Corrected)),
    ("被纠错", W::Field(T4Field::Corrected)),
    ("其他结果", W::Field(T4Field::Other)),
    ("尚未审结", W::Field(T4Field::Pending)),
    ("未审结", W::Field(T4Field::Pending)),
    ("正在审理", W::Field(T4Field::Pending)),
    ("尚在审理", W::Field(T4Field::Pending)),
    ("审理中", W::Field(T4Field::Pending)),
    // Documents.
    ("行政规范性文件", W::Subject(Subject::Normative)),
    ("规章", W::Subject(Subject::Rules)),
    ("制发", W::Verb(Verb::Issued)),
    ("新制发", W::Verb(Verb::Issued)),
    ("印发", W::Verb(Verb::Issued)),
    ("出台", W::Verb(Verb::Issued)),
    ("新出台", W::Verb(Verb::Issued)),
    ("制定", W::Verb(Verb::Issued)),
    ("新制定", W::Verb(Verb::Issued)),
    ("发布", W::Verb(Verb::Issued)),
    ("新发布", W::Verb(Verb::Issued)),
    ("废止", W::Verb(Verb::Repealed)),
    ("宣布废止", W::Verb(Verb::Repealed)),
    ("宣布失效", W::Verb(Verb::Repealed)),
    ("现行有效", W::Verb(Verb::InForce)),
    ("有效", W::Verb(Verb::InForce)),
    // Negation, inclusion, each.
    ("未", W::Neg),
    ("没有", W::Neg),
    ("无", W::Neg),
    ("尚未", W::Neg),
    ("暂未", W::Neg),
    ("暂无", W::Neg),
    ("从未", W::Neg),
    ("并未", W::Neg),
    ("未曾", W::Neg),
    ("含", W::Incl),
    ("包含", W::Incl),
    ("包括", W::Incl),
    ("含有", W::Incl),
    ("其中", W::Incl),
    ("加上", W::Incl),
    ("连同", W::Incl),
    ("各", W::Each),
    // Conjunctions and punctuation.
    ("、", W::Conj),
    ("和", W::Conj),
    ("及", W::Conj),
    ("与", W::Conj),
    ("并", W::Conj),
    ("以及", W::Conj),
    ("或", W::Conj),
    ("（", W::Open),
    ("(", W::Open),
    ("）", W::Close),
    (")", W::Close),
    ("，", W::Punct),
    (",", W::Punct),
    ("；", W::Punct),
    (";", W::Punct),
    ("：", W::Punct),
    (":", W::Punct),
    // Fillers.
    ("共", W::Filler),
    ("共计", W::Filler),
    ("合计", W::Filler),
    ("总计", W::Filler),
    ("累计", W::Filler),
    ("总共", W::Filler),
    ("一共", W::Filler),
    ("计", W::Filler),
    ("全年", W::Filler),
    ("全年度", W::Filler),
    ("本年", W::Filler),
    ("本年度", W::Filler),
    ("今年", W::Filler),
    ("年度", W::Filler),
    ("全市", W::Filler),
    ("全区", W::Filler),
    ("全县", W::Filler),
    ("全镇", W::Filler),
    ("全乡", W::Filler),
    ("全街道", W::Filler),
    ("本级", W::Filler),
    ("本机关", W::Filler),
    ("本单位", W::Filler),
    ("本部门", W::Filler),
    ("我市", W::Filler),
    ("我区", W::Filler),
    ("我县", W::Filler),
    ("我镇", W::Filler),
    ("我乡", W::Filler),
    ("我街道", W::Filler),
    ("我局", W::Filler),
    ("我委", W::Filler),
    ("我办", W::Filler),
    ("我单位", W::Filler),
    ("我部门", W::Filler),
    ("政府", W::Filler),
    ("人民政府", W::Filler),
    ("市政府", W::Filler),
    ("区政府", W::Filler),
    ("县政府", W::Filler),
    ("镇政府", W::Filler),
    ("乡政府", W::Filler),
    ("市人民政府", W::Filler),
    ("区人民政府", W::Filler),
    ("县人民政府", W::Filler),
    ("镇人民政府", W::Filler),
    ("的", W::Filler),
    ("了", W::Filler),
    ("已", W::Filler),
    ("已经", W::Filler),
    ("均", W::Filler),
    ("均已", W::Filler),
    ("全部", W::Filler),
    ("为", W::Filler),
    ("是", W::Filler),
    ("系", W::Filler),
    ("属", W::Filler),
    ("属于", W::Filler),
    ("达", W::Filler),
    ("达到", W::Filler),
    ("有", W::Filler),
    ("另有", W::Filler),
    ("另", W::Filler),
    ("另外", W::Filler),
    ("还有", W::Filler),
    ("政府信息公开", W::Filler),
    ("信息公开", W::Filler),
    ("政府信息", W::Filler),
    ("政务公开", W::Filler),
    ("公开", W::Filler),
    ("被", W::Filler),
    ("案件", W::Filler),
    ("案", W::Filler),
    ("数量", W::Filler),
    ("件数", W::Filler),
    ("总数", W::Filler),
    ("总量", W::Filler),
    ("量", W::Filler),
    ("数", W::Filler),
    ("继续办理", W::Filler),
    ("继续", W::Filler),
    ("因", W::Filler),
    ("相关", W::Filler),
    ("有关", W::Filler),
    ("方面", W::Filler),
    ("类", W::Filler),
    ("各类", W::Filler),
    ("网上", W::Filler),
    ("书面", W::Filler),
    ("依法", W::Filler),
    ("按时", W::Filler),
    ("及时", W::Filler),
    ("新", W::Filler),
    ("至", W::Filler),
    ("到", W::Filler),
    ("情况", W::Filler),
    ("事项", W::Filler),
    ("等", W::Filler),
    ("予以", W::Filler),
    ("作出", W::Filler),
];

/// 「结转下年度」「顺延到下年度」「转入下一年度」…: its length at `chars[i]`.
fn carry_out_len(chars: &[char], i: usize) -> Option<usize> {
    let starts_with = |at: usize, w: &str| {
        let mut k = at;
        for c in w.chars() {
            if chars.get(k) != Some(&c) {
                return None;
            }
            k += 1;
        }
        Some(k)
    };
    let mut best = None;
    for verb in ["结转", "顺延", "延续", "转入", "转至", "转到", "延至"] {
        let Some(j) = starts_with(i, verb) else {
            continue;
        };
        for link in ["至", "到", "入", ""] {
            let Some(k) = starts_with(j, link) else {
                continue;
            };
            for next in ["下一年度", "下一年", "下年度", "下年", "次年度", "次年"]
            {
                if let Some(end) = starts_with(k, next) {
                    best = best.max(Some(end - i));
                }
            }
        }
    }
    best
}

/// The longest known word at `chars[i]`.
fn word_at(chars: &[char], i: usize) -> Option<(usize, W)> {
    /// [`VOCAB`] by first character.
    type Index = HashMap<char, Vec<(Vec<char>, W)>>;
    static BY_FIRST: std::sync::OnceLock<Index> = std::sync::OnceLock::new();
    let index = BY_FIRST.get_or_init(|| {
        let mut m = Index::new();
        for &(w, kind) in VOCAB {
            let cs: Vec<char> = w.chars().collect();
            m.entry(cs[0]).or_default().push((cs, kind));
        }
        m
    });
    let mut best: Option<(usize, W)> =
        carry_out_len(chars, i).map(|n| (n, W::Verb(Verb::CarryOut)));
    for (w, kind) in index.get(chars.get(i)?).into_iter().flatten() {
        let n = w.len();
        if best.is_some_and(|(b, _)| b >= n) {
            continue;
        }
        if chars.get(i..i + n) == Some(w.as_slice()) {
            best = Some((n, *kind));
        }
    }
    best
}

/// Count units after an Arabic number; after a Chinese numeral only
/// [`CN_UNITS`] count.
const UNITS: &str = "件起宗例个部份篇条项次";
const CN_UNITS: &str = "件起宗例部份篇";

/// A word with its place in the stream.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Tok {
    w: W,
    start: usize,
    end: usize,
}

/// The words of the stream characters `range` (one sentence). Years other
/// than the report year stay [`W::Year`]; the report year becomes a filler,
/// 「2023年结转」 in a 2024 report a carry-in, 「结转至2025年」 a carry-out.
fn tokenize(chars: &[char], range: std::ops::Range<usize>, year: Option<i32>) -> Vec<Tok> {
    let mut toks: Vec<Tok> = Vec::new();
    let end = range.end;
    let cs = &chars[..end];
    let mut i = range.start;
    let push = |toks: &mut Vec<Tok>, w: W, start: usize, end: usize| {
        if w == W::Other
            && let Some(last) = toks.last_mut()
            && last.w == W::Other
            && last.end == start
        {
            last.end = end;
            return;
        }
        toks.push(Tok { w, start, end });
    };
    while i < end {
        let prev = (i > range.start).then(|| cs[i - 1]);
        // Arabic numbers.
        if let Some((value, four, j)) = read_arabic(cs, i) {
            if four && cs.get(j) == Some(&'年') {
                let y = value.unwrap_or(0) as i32;
                let mut k = j + 1;
                if cs.get(k) == Some(&'度') {
                    k += 1;
                }
                push(&mut toks, W::Year(y), i, k);
                i = k;
                continue;
            }
            let (count, k) = count_after(cs, j, value, UNITS, prev == Some('第'));
            push(&mut toks, W::Num(count), i, k);
            i = k;
            continue;
        }
        // Chinese numerals: only a count with its unit, or a year.
        if !matches!(prev, Some('第' | '数' | '几' | '每' | '近' | '约' | '逾'))
            && let Some((v, j)) = read_chinese(cs, i)
        {
            if j - i == 4 && cs.get(j) == Some(&'年') {
                let mut k = j + 1;
                if cs.get(k) == Some(&'度') {
                    k += 1;
                }
                push(&mut toks, W::Year(v as i32), i, k);
                i = k;
                continue;
            }
            let unit = cs.get(j).copied();
            let after = cs.get(j + 1).copied();
            let unit_ok = unit.is_some_and(|u| CN_UNITS.contains(u))
                && v > 0
                && match unit {
                    // 「一件事」「一件一档」.
                    Some('件') => !matches!(after, Some('事' | '一')),
                    // 「一起研究」「一部分」「一份力量」: only before a pause.
                    _ => after.is_none_or(|c| "，。；、）)：,;".contains(c) || c == BREAK),
                };
            if unit_ok {
                let (count, k) = count_after(cs, j, Some(v), CN_UNITS, false);
                push(&mut toks, W::Num(count), i, k);
                i = k;
                continue;
            }
        }
        match word_at(cs, i) {
            Some((n, w)) => {
                push(&mut toks, w, i, i + n);
                i += n;
            }
            None => {
                push(&mut toks, W::Other, i, i + 1);
                i += 1;
            }
        }
    }
    resolve_years(&mut toks, year);
    toks
}

/// The count whose digits end at `j`: takes the unit (and 「件次」) and notes
/// an estimate (「300件左右」「以上」).
fn count_after(
    cs: &[char],
    j: usize,
    value: Option<u64>,
    units: &str,
    ordinal: bool,
) -> (Count, usize) {
    let mut k = j;
    let unit = cs.get(j).copied().filter(|&u| units.contains(u));
    if unit.is_some() {
        k += 1;
        if unit == Some('件') && cs.get(k) == Some(&'次') {
            k += 1;
        }
    }
    let rest: String = cs[k..cs.len().min(k + 2)].iter().collect();
    let estimate = ["左右", "以上", "以下", "上下", "多"]
        .iter()
        .any(|w| rest.starts_with(w))
        || matches!(cs.get(j), Some('余' | '多'));
    (
        Count {
            value,
            unit,
            vague: ordinal || estimate,
        },
        k,
    )
}

/// Years: the report year is a filler; the year before, right before 「结转」,
/// makes a carry-in; the year after, after 「结转（至）」, a carry-out. Without
/// a report year, years are fillers.
fn resolve_years(toks: &mut [Tok], year: Option<i32>) {
    for k in 0..toks.len() {
        let W::Year(y) = toks[k].w else { continue };
        let Some(year) = year else {
            toks[k].w = W::Filler;
            continue;
        };
        if y == year {
            toks[k].w = W::Filler;
        } else if i64::from(y) == i64::from(year) - 1
            && toks
                .get(k + 1)
                .is_some_and(|t| t.w == W::Verb(Verb::CarryAny))
        {
            toks[k].w = W::Filler;
            toks[k + 1].w = W::Verb(Verb::CarryIn);
        } else if i64::from(y) == i64::from(year) + 1 {
            // 「结转至2025年」: at most a 至 or 到 between.
            let mut j = k;
            while j > 0 && k - j < 2 && toks[j - 1].w == W::Filler {
                j -= 1;
            }
            if j > 0 && toks[j - 1].w == W::Verb(Verb::CarryAny) {
                toks[j - 1].w = W::Verb(Verb::CarryOut);
                toks[k].w = W::Filler;
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Reading claims
// ---------------------------------------------------------------------------

/// Every claim of the report's narrative, in document order.
fn claims(report: &Report) -> Vec<Claim> {
    let s = narrative(report);
    let year = report.year();
    let mut out = Vec::new();
    let mut start = 0;
    for i in 0..=s.chars.len() {
        let end_here =
            i == s.chars.len() || matches!(s.chars[i], '。' | '！' | '？' | '!' | '?' | BREAK);
        if !end_here {
            continue;
        }
        if i > start {
            let toks = tokenize(&s.chars, start..i, year);
            sentence_claims(&s, &toks, &mut out);
        }
        start = i + 1;
    }
    out
}

/// How the words before a count read.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Phrase {
    subjects: Vec<Subject>,
    /// The governing verb, if any.
    verb: Option<Verb>,
    /// A verb joined to it: 「受理并答复」.
    also: Option<Verb>,
    /// A result of table 四: 「其中结果维持」.
    field: Option<T4Field>,
    /// The verb as written: 「受理」「新增」「受理并答复」.
    verb_text: String,
    /// Where the statement begins in the stream.
    start: usize,
    /// Where it ends (after the unit, or after a trailing 「结转下年度」).
    end: usize,
    /// 「含上年结转」 qualifies this count.
    inclusive: bool,
}

fn sentence_claims(s: &Stream, toks: &[Tok], out: &mut Vec<Claim>) {
    let mut scope_start = 0;
    let mut prev: Option<Phrase> = None;
    for i in 0..toks.len() {
        let W::Num(count) = toks[i].w else { continue };
        let scope = &toks[scope_start..i];
        scope_start = i + 1;
        let phrase = read_phrase(s, scope, toks[i], &toks[i + 1..], prev.as_ref());
        prev = phrase.clone();
        let (Some(p), Some(value), false) = (phrase, count.value, count.vague) else {
            continue;
        };
        let unit = count.unit.unwrap_or(' ');
        let span = s.span(p.start, p.end);
        for &subject in &p.subjects {
            if let Some(claim) = count_claim(&p, subject, value, unit, span) {
                out.push(claim);
            }
        }
    }
    negations(s, toks, out);
}

/// Reads the words `scope` between the previous number of the sentence and
/// the count `num`. The statement is the run of known words right before the
/// number (after the last unknown word): its nearest subject and verb govern
/// the count. A run that starts the scope after a comma or 、 and names no
/// subject takes the subject of the previous count (「受理申请5件，办结5件」);
/// for documents also the verb (「制发规章1件、行政规范性文件3件」).
fn read_phrase(
    s: &Stream,
    scope: &[Tok],
    num: Tok,
    after: &[Tok],
    prev: Option<&Phrase>,
) -> Option<Phrase> {
    let blocking = |t: &Tok| matches!(t.w, W::Other | W::Wide | W::Neg | W::Year(_) | W::Num(_));
    let run_start = scope.iter().rposition(blocking).map_or(0, |p| p + 1);
    // 「全市各部门共受理……」: not the reporting body's own count.
    let clause_start = scope[..run_start]
        .iter()
        .rposition(|t| t.w == W::Punct)
        .map_or(0, |p| p + 1);
    if scope[clause_start..run_start]
        .iter()
        .any(|t| t.w == W::Wide)
    {
        return None;
    }
    let run = &scope[run_start..];
    // A parenthesis closed inside the run qualifies what precedes it:
    // 「受理申请（含上年结转）20件」.
    let mut skip = vec![false; run.len()];
    let mut inclusive = false;
    let mut open: Option<usize> = None;
    for (k, t) in run.iter().enumerate() {
        match t.w {
            W::Open => open = Some(k),
            W::Close => {
                if let Some(o) = open.take() {
                    let inner = &run[o..=k];
                    if inner.iter().any(|t| t.w == W::Incl)
                        && inner.iter().any(|t| t.w == W::Verb(Verb::CarryIn))
                    {
                        inclusive = true;
                    }
                    skip[o..=k].iter_mut().for_each(|x| *x = true);
                }
            }
            _ => {}
        }
    }
    let words: Vec<&Tok> = run
        .iter()
        .zip(&skip)
        .filter(|(_, skip)| !**skip)
        .map(|(t, _)| t)
        .collect();
    let mut subjects: Vec<Subject> = Vec::new();
    let mut subject_start: Option<usize> = None;
    for t in &words {
        if let W::Subject(sub) = t.w {
            if !subjects.contains(&sub) {
                subjects.push(sub);
            }
            subject_start.get_or_insert(t.start);
        }
    }
    // 「因政府信息公开申请引起的行政复议」: the appeal is what is counted.
    if subjects.iter().any(|s| s.family() == Family::Appeals) {
        subjects.retain(|s| s.family() == Family::Appeals);
    }
    let each = words.iter().any(|t| t.w == W::Each);
    if subjects.len() > 1 && !each {
        return None;
    }
    let whole = run_start == 0
        && scope
            .first()
            .is_some_and(|t| matches!(t.w, W::Punct | W::Conj | W::Open | W::Close));
    let mut inherited = false;
    if subjects.is_empty() {
        let p = prev.filter(|_| whole)?;
        subjects = p.subjects.clone();
        inherited = true;
    }
    // The governing verb: the nearest to the number.
    let mut verb: Option<Verb> = None;
    let mut field: Option<T4Field> = None;
    let mut verb_at: Option<usize> = None;
    for (k, t) in words.iter().enumerate().rev() {
        match t.w {
            W::Verb(v) if verb.is_none() && field.is_none() => {
                verb = Some(v);
                verb_at = Some(k);
            }
            W::Field(f) if verb.is_none() && field.is_none() => {
                field = Some(f);
                verb_at = Some(k);
            }
            _ => {}
        }
    }
    let mut also = None;
    let mut verb_start = verb_at.map(|k| words[k].start);
    let mut verb_end = verb_at.map(|k| words[k].end);
    if let (Some(k), Some(v)) = (verb_at, verb) {
        let mut j = k;
        while j > 0 && words[j - 1].w == W::Filler {
            j -= 1;
        }
        if j > 0 {
            let before = words[j - 1];
            if let W::Verb(c @ (Verb::CarryIn | Verb::CarryOut | Verb::CarryAny)) = before.w
                && matches!(v, Verb::Processed | Verb::Handled)
            {
                // 「结转下年度办理」: the carry-over says what the count is.
                verb = Some(c);
                verb_start = Some(before.start);
            } else if before.w == W::Conj
                && j > 1
                && let W::Verb(v0) = words[j - 2].w
            {
                // 「受理并答复」: either reading.
                also = Some(v0);
                verb_start = Some(words[j - 2].start);
            }
        }
    }
    let mut end = num.end;
    // 「103件顺延到下年度」「34件为上年结转」: a carry-over after the count.
    if verb.is_none() && field.is_none() {
        let mut k = 0;
        while after.get(k).is_some_and(|t| t.w == W::Filler) && k < 2 {
            k += 1;
        }
        if let Some(t) = after.get(k)
            && let W::Verb(v @ (Verb::CarryIn | Verb::CarryOut | Verb::CarryAny)) = t.w
        {
            verb = Some(v);
            verb_start = Some(t.start);
            verb_end = Some(t.end);
            end = t.end;
        }
    }
    let family = subjects[0].family();
    let mut verb_text = match (verb_start, verb_end) {
        (Some(a), Some(b)) if a < b => s.text(a, b),
        _ => String::new(),
    };
    if verb.is_none() && field.is_none() && family == Family::Documents {
        // 「制发规章1件、行政规范性文件3件」: the verb of the previous count.
        if let Some(p) = prev.filter(|p| whole && p.subjects[0].family() == Family::Documents) {
            verb = p.verb;
            verb_text = p.verb_text.clone();
        }
    }
    // The count itself may be qualified: 「20件（含上年结转2件）」「20件，其中上年结转2件」.
    if !inclusive {
        let in_paren = after.first().is_some_and(|t| t.w == W::Open);
        let rest = match after.first() {
            Some(t) if matches!(t.w, W::Open | W::Punct) => &after[1..],
            _ => after,
        };
        if rest.first().is_some_and(|t| t.w == W::Incl) {
            inclusive = rest
                .iter()
                .take_while(|t| match t.w {
                    W::Close | W::Other => false,
                    W::Punct => in_paren,
                    _ => true,
                })
                .any(|t| t.w == W::Verb(Verb::CarryIn));
        }
    }
    let start = [verb_start, (!inherited).then_some(subject_start).flatten()]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(num.start)
        .min(num.start);
    Some(Phrase {
        subjects,
        verb,
        also,
        field,
        verb_text,
        start,
        end,
        inclusive,
    })
}

/// The readings of an application count.
fn application_readings(v: Verb, inclusive: bool) -> Option<Vec<Quantity>> {
    let rows: &[&'static [T3Row]] = match v {
        Verb::New | Verb::NewAdd if inclusive => &[R01_R02],
        Verb::New | Verb::NewAdd => &[R01],
        Verb::Received if inclusive => &[R01_R02],
        Verb::Received => &[R01, R01_R02],
        Verb::Handled => &[R24],
        Verb::Processed => &[R24, R01, R01_R02],
        Verb::CarryIn => &[R02],
        Verb::CarryOut => &[R25],
        Verb::CarryAny => &[R25, R02],
        _ => return None,
    };
    Some(rows.iter().map(|&r| Quantity::T3(r)).collect())
}

/// The claim a count makes about `subject`, if the words make one.
fn count_claim(p: &Phrase, subject: Subject, value: u64, unit: char, span: Span) -> Option<Claim> {
    let family = subject.family();
    let (wording, readings) = match family {
        Family::Applications => {
            if !"件份宗".contains(unit) || p.field.is_some() {
                return None;
            }
            let v = p.verb?;
            let mut readings = application_readings(v, p.inclusive)?;
            if let Some(a) = p.also {
                for q in application_readings(a, p.inclusive)? {
                    if !readings.contains(&q) {
                        readings.push(q);
                    }
                }
            }
            let wording = match v {
                Verb::CarryIn => "上年结转的政府信息公开申请".to_string(),
                Verb::CarryOut => "结转下年度的政府信息公开申请".to_string(),
                Verb::CarryAny => "结转的政府信息公开申请".to_string(),
                _ if p.inclusive => format!("{}政府信息公开申请（含上年结转）", p.verb_text),
                _ => format!("{}政府信息公开申请", p.verb_text),
            };
            (wording, readings)
        }
        Family::Appeals => {
            if !"件起宗例个".contains(unit) {
                return None;
            }
            let field = match (p.field, p.verb) {
                (Some(f), _) => f,
                (None, None | Some(Verb::Received | Verb::NewAdd | Verb::Occur)) => T4Field::Total,
                _ => return None,
            };
            let (groups, name) = match subject {
                Subject::Review => (REVIEW, "行政复议"),
                Subject::Suits => (SUITS, "行政诉讼"),
                Subject::SuitDirect => (SUIT_DIRECT, "未经复议直接起诉的行政诉讼"),
                _ => (SUIT_AFTER, "复议后起诉的行政诉讼"),
            };
            let wording = match field {
                T4Field::Total => name.to_string(),
                f => format!("{name}{}", f.label()),
            };
            (wording, vec![Quantity::T4(groups, field)])
        }
        Family::Documents => {
            if !"件部个份篇".contains(unit) || p.field.is_some() {
                return None;
            }
            let field = match p.verb? {
                Verb::Issued | Verb::NewAdd => T2Field::Issued,
                Verb::Repealed => T2Field::Repealed,
                Verb::InForce => T2Field::InForce,
                _ => return None,
            };
            let item = if subject == Subject::Rules {
                T2Item::Rules
            } else {
                T2Item::Normative
            };
            let verb = match field {
                T2Field::Issued => p.verb_text.as_str(),
                T2Field::Repealed => "废止",
                T2Field::InForce => "现行有效",
            };
            (
                format!("{verb}{}", item.label()),
                vec![Quantity::T2(item, field)],
            )
        }
    };
    Some(Claim {
        family,
        wording,
        span,
        unit,
        stated: Stated::Count { value, readings },
    })
}

/// 「未收到政府信息公开申请」「未发生行政复议、行政诉讼」「未制发规章」: a
/// negation, then only known words (verbs, fillers, subjects), ending at a
/// pause. Mixed or unclear statements make no claim.
fn negations(s: &Stream, toks: &[Tok], out: &mut Vec<Claim>) {
    let has_application = toks.iter().any(|t| t.w == W::Subject(Subject::Application));
    // Another year, or other bodies (各部门), earlier in the same clause: the
    // statement is not about this report's own year and body.
    let mut elsewhere = false;
    for (i, t) in toks.iter().enumerate() {
        match t.w {
            W::Punct => elsewhere = false,
            W::Year(_) | W::Wide => elsewhere = true,
            _ => {}
        }
        if t.w != W::Neg || elsewhere {
            continue;
        }
        let mut j = i + 1;
        while j < toks.len()
            && matches!(toks[j].w, W::Verb(_) | W::Subject(_) | W::Filler | W::Conj)
        {
            j += 1;
        }
        if j == i + 1 || !(j == toks.len() || matches!(toks[j].w, W::Punct | W::Close)) {
            continue;
        }
        let phrase = &toks[i + 1..j];
        // Trailing 「和」「、」 would leave the list open.
        if phrase.last().is_some_and(|t| t.w == W::Conj) {
            continue;
        }
        let mut subjects: Vec<Subject> = Vec::new();
        let mut verbs: Vec<Verb> = Vec::new();
        for t in phrase {
            match t.w {
                W::Subject(sub) if !subjects.contains(&sub) => subjects.push(sub),
                W::Verb(v) if !verbs.contains(&v) => verbs.push(v),
                _ => {}
            }
        }
        if subjects.iter().any(|s| s.family() == Family::Appeals) {
            subjects.retain(|s| s.family() == Family::Appeals);
        }
        let families: Vec<Family> = subjects.iter().map(|s| s.family()).collect();
        let carry = verbs
            .iter()
            .find(|v| matches!(v, Verb::CarryIn | Verb::CarryOut))
            .copied();
        let mut targets: Vec<Quantity> = Vec::new();
        let family;
        if subjects.is_empty() || families.iter().all(|&f| f == Family::Applications) {
            // 「无上年结转申请」「没有结转下年度的申请」「未收到政府信息公开申请」.
            if subjects.is_empty() && !(carry.is_some() && has_application) {
                continue;
            }
            let ok = verbs.iter().all(|v| {
                matches!(
                    v,
                    Verb::Received | Verb::New | Verb::NewAdd | Verb::CarryIn | Verb::CarryOut
                )
            });
            if !ok {
                continue;
            }
            family = Family::Applications;
            targets.push(Quantity::T3(match carry {
                Some(Verb::CarryIn) => R02,
                Some(_) => R25,
                None => R01,
            }));
        } else if families.iter().all(|&f| f == Family::Appeals) {
            if !verbs
                .iter()
                .all(|v| matches!(v, Verb::Received | Verb::Occur | Verb::NewAdd))
            {
                continue;
            }
            family = Family::Appeals;
            for sub in &subjects {
                let groups = match sub {
                    Subject::Review => REVIEW,
                    Subject::Suits => SUITS,
                    Subject::SuitDirect => SUIT_DIRECT,
                    _ => SUIT_AFTER,
                };
                targets.push(Quantity::T4(groups, T4Field::Total));
            }
        } else if families.iter().all(|&f| f == Family::Documents) {
            let field = match verbs.as_slice() {
                [Verb::Issued | Verb::NewAdd] => T2Field::Issued,
                [Verb::Repealed] => T2Field::Repealed,
                [Verb::InForce] => T2Field::InForce,
                _ => continue,
            };
            family = Family::Documents;
            for sub in &subjects {
                let item = if *sub == Subject::Rules {
                    T2Item::Rules
                } else {
                    T2Item::Normative
                };
                targets.push(Quantity::T2(item, field));
            }
        } else {
            continue;
        }
        let end = phrase.last().map_or(t.end, |l| l.end);
        out.push(Claim {
            family,
            wording: s.text(t.start, end),
            span: s.span(t.start, end),
            unit: '件',
            stated: Stated::None { targets },
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn arabic(s: &str) -> Option<(Option<u64>, usize)> {
        let cs: Vec<char> = s.chars().collect();
        read_arabic(&cs, 0).map(|(v, _, j)| (v, j))
    }

    fn chinese(s: &str) -> Option<u64> {
        let cs: Vec<char> = s.chars().collect();
        read_chinese(&cs, 0)
            .filter(|&(_, j)| j == cs.len())
            .map(|(v, _)| v)
    }

    #[test]
    fn reads_arabic_numbers() {
        assert_eq!(arabic("17件"), Some((Some(17), 2)));
        assert_eq!(arabic("１７件"), Some((Some(17), 2)));
        assert_eq!(arabic("3,119件"), Some((Some(3119), 5)));
        // A comma not followed by exactly three digits is a list separator.
        assert_eq!(arabic("3,11件"), Some((Some(3), 1)));
        assert_eq!(arabic("3,1190"), Some((Some(3), 1)));
        assert_eq!(arabic("1.5件"), Some((None, 3)));
        assert_eq!(arabic("7730.28"), Some((None, 7)));
        assert_eq!(arabic("件"), None);
        assert_eq!(arabic("99999999999999999999999"), Some((None, 23)));
        let cs: Vec<char> = "2024年".chars().collect();
        assert_eq!(read_arabic(&cs, 0), Some((Some(2024), true, 4)));
    }

    #[test]
    fn reads_chinese_numerals() {
        for (s, v) in [
            ("一", 1),
            ("两", 2),
            ("十", 10),
            ("十五", 15),
            ("二十", 20),
            ("二十三", 23),
            ("一百零五", 105),
            ("一百一十", 110),
            ("三百二十一", 321),
            ("两千", 2000),
            ("一千零一", 1001),
            ("三万五千", 35000),
            ("一万零三百", 10300),
            ("十万", 100_000),
            ("二〇二四", 2024),
            // Read as 0; the tokenizer never takes 「零件」 for a count.
            ("零", 0),
        ] {
            assert_eq!(chinese(s), Some(v), "{s}");
        }
        // Estimates and malformed numerals are not read.
        for s in [
            "三四",
            "二十三四",
            "十十",
            "百",
            "一零",
            "二百十千",
            "五万三万",
            "一二三四五六七八九十百千万",
        ] {
            assert_eq!(chinese(s), None, "{s}");
        }
    }

    #[test]
    fn page_numbers() {
        assert!(is_page_number("                                 -1-\n"));
        assert!(is_page_number("— 12 —"));
        assert!(is_page_number("第 3 页"));
        assert!(is_page_number("第3页 共6页"));
        assert!(!is_page_number("17"));
        assert!(!is_page_number("-"));
        assert!(!is_page_number("- 1"));
        assert!(!is_page_number("信息公开申请 17 件"));
    }

    fn report(text: &str) -> Report {
        crate::parse::parse_text(text)
    }

    fn claims_of(text: &str) -> Vec<(String, Stated)> {
        let r = report(text);
        claims(&r)
            .into_iter()
            .map(|c| (c.span.slice(&r.text).to_string(), c.stated))
            .collect()
    }

    fn count(value: u64, readings: &[Quantity]) -> Stated {
        Stated::Count {
            value,
            readings: readings.to_vec(),
        }
    }

    #[test]
    fn reads_the_huaian_sentence() {
        let text = "2024 年，全市共受理政府信息公开申请 3119 件，答\n复 3050 件（含上年度结转申请 34 件，另有 103 件顺延到下年度\n答复），均在法定期限内予以答复。";
        let got = claims_of(text);
        assert_eq!(
            got,
            [
                (
                    "受理政府信息公开申请 3119 件".to_string(),
                    count(3119, &[Quantity::T3(R01), Quantity::T3(R01_R02)])
                ),
                (
                    "答\n复 3050 件".to_string(),
                    count(3050, &[Quantity::T3(R24)])
                ),
                (
                    "上年度结转申请 34 件".to_string(),
                    count(34, &[Quantity::T3(R02)])
                ),
                (
                    "103 件顺延到下年度".to_string(),
                    count(103, &[Quantity::T3(R25)])
                ),
            ]
        );
    }

    #[test]
    fn inclusive_and_chinese_counts() {
        let got =
            claims_of("本年度共收到政府信息公开申请二十件（含上年结转两件），办结一百零五件。");
        assert_eq!(
            got,
            [
                (
                    "收到政府信息公开申请二十件".to_string(),
                    count(20, &[Quantity::T3(R01_R02)])
                ),
                ("上年结转两件".to_string(), count(2, &[Quantity::T3(R02)])),
                (
                    "办结一百零五件".to_string(),
                    count(105, &[Quantity::T3(R24)])
                ),
            ]
        );
    }

    #[test]
    fn other_numbers_are_not_claims() {
        for text in [
            "主动公开政府信息262条，培训215人次，2022年1月8日公布。",
            "依据《条例》第二十条，受理申请近300件。",
            "全市共受理政府信息公开申请3000余件。",
            "受理量同比增加12件。",
            "办理人大代表建议12件、政协提案20件。",
            "2024年受理申请17件，比2023年受理的21件有所减少。",
            "全市各部门共受理政府信息公开申请400件。",
            "市政府及市政府办政策性文件11件，规范性文件5件，完善规章制度3件。",
            "推进高效办成一件事，收到申请一两件。",
        ] {
            let got = claims_of(text);
            let kept: Vec<_> = got.iter().filter(|(s, _)| !s.contains("17")).collect();
            assert!(kept.is_empty(), "{text}: {got:?}");
        }
    }

    #[test]
    fn appeals_with_results_and_each() {
        let got = claims_of(
            "政府信息公开行政复议 351\n件，其中结果维持 72 件，尚\n未审结 37 件；行政复议、行政诉讼各1起。",
        );
        let readings: Vec<Stated> = got.into_iter().map(|(_, s)| s).collect();
        assert_eq!(
            readings,
            [
                count(351, &[Quantity::T4(REVIEW, T4Field::Total)]),
                count(72, &[Quantity::T4(REVIEW, T4Field::Upheld)]),
                count(37, &[Quantity::T4(REVIEW, T4Field::Pending)]),
                count(1, &[Quantity::T4(REVIEW, T4Field::Total)]),
                count(1, &[Quantity::T4(SUITS, T4Field::Total)]),
            ]
        );
    }

    #[test]
    fn documents_in_lists() {
        let got = claims_of(
            "全年新增公开市政府规章 1 件、行政规范性文件 3 件；行政规范性文件废止26件、现行有效66件。",
        );
        let readings: Vec<Stated> = got.into_iter().map(|(_, s)| s).collect();
        assert_eq!(
            readings,
            [
                count(1, &[Quantity::T2(T2Item::Rules, T2Field::Issued)]),
                count(3, &[Quantity::T2(T2Item::Normative, T2Field::Issued)]),
                count(26, &[Quantity::T2(T2Item::Normative, T2Field::Repealed)]),
                count(66, &[Quantity::T2(T2Item::Normative, T2Field::InForce)]),
            ]
        );
    }

    #[test]
    fn negations() {
        let got = claims_of(
            "本年度未收到政府信息公开申请，未发生因政府信息公开引起的行政复议、行政诉讼。对无正当理由大量反复申请的，未收到申请人补正材料。",
        );
        assert_eq!(
            got,
            [
                (
                    "未收到政府信息公开申请".to_string(),
                    Stated::None {
                        targets: vec![Quantity::T3(R01)]
                    }
                ),
                (
                    "未发生因政府信息公开引起的行政复议、行政诉讼".to_string(),
                    Stated::None {
                        targets: vec![
                            Quantity::T4(REVIEW, T4Field::Total),
                            Quantity::T4(SUITS, T4Field::Total)
                        ]
                    }
                ),
            ]
        );
    }

    #[test]
    fn years_around_carry_overs() {
        let r = report(
            "# 某局2024年政府信息公开工作年度报告\n\n含2023年结转申请3件，另有2件结转至2025年。\n",
        );
        let got: Vec<Stated> = claims(&r).into_iter().map(|c| c.stated).collect();
        assert_eq!(
            got,
            [
                count(3, &[Quantity::T3(R02)]),
                count(2, &[Quantity::T3(R25)])
            ]
        );
    }

    /// What is read from the real reports (the texts of `tests/real_narrative.rs`):
    /// every count they state, so that their agreeing with the tables is not
    /// an accident of reading nothing.
    #[test]
    fn real_reports_are_read() {
        let read = |text: &str| -> Vec<(String, u64)> {
            let r = report(text);
            claims(&r)
                .into_iter()
                .map(|c| {
                    let Stated::Count { value, .. } = c.stated else {
                        panic!("no negation expected: {}", c.wording)
                    };
                    (c.wording, value)
                })
                .collect()
        };
        let w = |s: &str, v: u64| (s.to_string(), v);
        assert_eq!(
            read(include_str!(
                "../../tests/fixtures/text/2023_hongze-qu.layout.txt"
            )),
            [w("受理政府信息公开申请", 21)]
        );
        assert_eq!(
            read(include_str!(
                "../../tests/fixtures/text/2024_hongze-qu.layout.txt"
            )),
            [w("受理政府信息公开申请", 17)]
        );
        assert_eq!(
            read(include_str!(
                "../../tests/fixtures/text/2024_huaian-shi.layout.txt"
            )),
            [
                w("新增规章", 1),
                w("受理政府信息公开申请", 3119),
                w("答复政府信息公开申请（含上年结转）", 3050),
                w("上年结转的政府信息公开申请", 34),
                w("结转下年度的政府信息公开申请", 103),
                w("行政复议", 351),
                w("行政复议结果维持", 72),
                w("行政复议结果纠正", 64),
                w("行政复议其他结果", 178),
                w("行政复议尚未审结", 37),
                w("行政诉讼", 46),
                w("行政诉讼结果维持", 25),
                w("行政诉讼结果纠正", 5),
                w("行政诉讼其他结果", 9),
                w("行政诉讼尚未审结", 7),
            ]
        );
        assert!(read(include_str!("../../tests/fixtures/text/seed.txt")).is_empty());
    }

    #[test]
    fn more_phrasings() {
        let read = |text: &str| -> Vec<Stated> {
            claims(&report(text))
                .into_iter()
                .map(|c| c.stated)
                .collect()
        };
        // A breakdown inside the parenthesis makes the total inclusive.
        assert_eq!(
            read("共受理政府信息公开申请20件（其中新收18件，上年结转2件）。"),
            [
                count(20, &[Quantity::T3(R01_R02)]),
                count(18, &[Quantity::T3(R01)]),
                count(2, &[Quantity::T3(R02)]),
            ]
        );
        // 「受理并办结」: either reading; 「结转至下一年度办理」 is the carry-over.
        assert_eq!(
            read("受理并办结政府信息公开申请20件，结转至下一年度办理的申请3件，2件结转下年度。"),
            [
                count(
                    20,
                    &[Quantity::T3(R24), Quantity::T3(R01), Quantity::T3(R01_R02)]
                ),
                count(3, &[Quantity::T3(R25)]),
                count(2, &[Quantity::T3(R25)]),
            ]
        );
        // Breakdowns by applicant or by result are not counts of table rows.
        assert!(read("共收到申请20件，其中自然人申请18件，予以公开10件，不予处理2件。").len() == 1);
        // Appeals: 起, 因……引起的, the direct and after-review groups.
        assert_eq!(
            read("因政府信息公开申请引起的行政复议案件2起，未经复议直接起诉1件，复议后起诉3件。"),
            [
                count(2, &[Quantity::T4(REVIEW, T4Field::Total)]),
                count(1, &[Quantity::T4(SUIT_DIRECT, T4Field::Total)]),
                count(3, &[Quantity::T4(SUIT_AFTER, T4Field::Total)]),
            ]
        );
        // Combined counts and rates are not compared.
        assert!(read("行政复议和行政诉讼共3件，纠错率为0，答复率100%。").is_empty());
        // Documents: no verb, 清理 or 规范性文件 alone make no claim.
        assert!(read("公开规章1件，清理行政规范性文件12件，制发规范性文件3件。").is_empty());
        // Negations of carry-overs; 「无结转」 alone is unclear.
        assert_eq!(
            read("本年度无上年结转申请，均已办结，无结转。"),
            [Stated::None {
                targets: vec![Quantity::T3(R02)]
            }]
        );
        // Other bodies: not the report's own count.
        assert!(read("全市各部门均未收到政府信息公开申请。").is_empty());
    }
}
