//! The report model: what a 政府信息公开工作年度报告 says, whatever it was read from.
//!
//! Parsers fill a [`Report`]; rules read it. Every value keeps the [`Span`] of
//! the text it was read from, so a finding can point back at its source. The
//! model is plain data: no parsing, no checking, no rendering lives here.
//!
//! Table keys are those of `rules.md`: table 三 rows `r01`…`r25` and columns
//! `np`…`tot` ([`T3Row`], [`T3Col`]); table 四 groups and fields ([`T4Group`],
//! [`T4Field`]); table 二 items and fields ([`T2Item`], [`T2Field`]).

use crate::text::Span;

/// One annual report as read from one input.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Report {
    /// The text the spans point into (after decoding and, for structured
    /// inputs, after flattening to text).
    pub text: String,
    /// Byte offsets where pages 2, 3, … begin, for paginated inputs (PDF);
    /// empty otherwise. See [`Report::page_of`].
    pub page_starts: Vec<u32>,
    /// The title line, such as 「雁鸣湖镇2021年政府信息公开工作年度报告」.
    pub title: Option<Title>,
    /// Every heading found, in document order (parts and their sub-headings).
    pub headings: Vec<Heading>,
    /// The numbered parts 一…六 (and any wrongly numbered 七、…), in document order.
    pub parts: Vec<Part>,
    pub table2: Option<Table2>,
    pub table3: Option<Table3>,
    pub table4: Option<Table4>,
    /// Labels of the 2019 trial format found in the tables (本年新制作数量, 规范性文件, …).
    pub old_format_labels: Vec<Label>,
    /// Lines inside a table that look like table rows but match no row of the form.
    /// Their values are not read into the model (S106).
    pub unknown_rows: Vec<Label>,
}

impl Report {
    /// The 1-based page a byte offset lies on, when the input is paginated.
    pub fn page_of(&self, offset: u32) -> Option<u32> {
        if self.page_starts.is_empty() {
            return None;
        }
        Some(self.page_starts.partition_point(|&s| s <= offset) as u32 + 1)
    }

    /// The report year: from the title, when it names one.
    pub fn year(&self) -> Option<i32> {
        self.title.as_ref().and_then(|t| t.year)
    }

    /// The reporting body named in the title (雁鸣湖镇, 淮安市人民政府 …).
    pub fn body(&self) -> Option<&str> {
        self.title.as_ref().and_then(|t| t.body.as_deref())
    }

    /// The first part whose heading was recognised as `kind`.
    pub fn part(&self, kind: PartKind) -> Option<&Part> {
        self.parts.iter().find(|p| p.kind == Some(kind))
    }

    /// Which edition of the national format the tables follow.
    pub fn format(&self) -> FormatEdition {
        if !self.old_format_labels.is_empty() {
            return FormatEdition::Trial2019;
        }
        if self.table2.is_some() || self.table3.is_some() || self.table4.is_some() {
            FormatEdition::Format2021
        } else {
            FormatEdition::Unknown
        }
    }
}

/// The edition of the national format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormatEdition {
    /// 国办公开办函〔2021〕30号, in force for the 2021 reports onwards.
    Format2021,
    /// The 2019 trial format of 国办公开办函〔2019〕60号.
    Trial2019,
    /// No table was found to tell.
    Unknown,
}

impl FormatEdition {
    pub fn key(self) -> &'static str {
        match self {
            FormatEdition::Format2021 => "2021",
            FormatEdition::Trial2019 => "2019",
            FormatEdition::Unknown => "unknown",
        }
    }
}

/// A piece of source text with its place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub text: String,
    pub span: Span,
}

/// The report's title.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Title {
    /// The title as written, with line breaks of a wrapped title joined.
    pub text: String,
    pub span: Span,
    /// The reporting body: the text before the year (「雁鸣湖镇」).
    pub body: Option<String>,
    /// The year the title names (2021 in 「…2021年政府信息公开工作年度报告」).
    pub year: Option<i32>,
}

/// A heading line, whatever its level.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Heading {
    /// The heading text without Markdown markers (`#`, `-`).
    pub text: String,
    pub span: Span,
    /// The Markdown level (`#` = 1 …) when written as Markdown, else `None`.
    pub markdown_level: Option<u8>,
    /// How the heading is numbered.
    pub numbering: Numbering,
}

/// How a heading is numbered, as in 公文: 一、 （一） 1. （1）.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Numbering {
    /// 「一、」: the ordinal of a part (1 for 一).
    ChineseComma(u32),
    /// 「（一）」 or 「(一)」: `fullwidth` says which brackets.
    ChineseParen { n: u32, fullwidth: bool },
    /// 「1.」「1、」「1．」.
    Arabic(u32),
    /// 「（1）」 or 「(1)」.
    ArabicParen { n: u32, fullwidth: bool },
    /// A heading without a number.
    None,
}

/// One of the six parts of the report, as found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Part {
    /// The ordinal as written (一 = 1, 七 = 7), if any.
    pub number: Option<u32>,
    /// Which standard part the heading's wording names, if recognised.
    pub kind: Option<PartKind>,
    /// The heading as written (without Markdown markers).
    pub heading: Label,
    /// The part's content: from the end of its heading to the next part's heading.
    pub body: Span,
}

/// The six parts of the 2021 format, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PartKind {
    Overview = 1,
    ActiveDisclosure = 2,
    Applications = 3,
    Appeals = 4,
    Problems = 5,
    Other = 6,
}

impl PartKind {
    pub const ALL: [PartKind; 6] = [
        PartKind::Overview,
        PartKind::ActiveDisclosure,
        PartKind::Applications,
        PartKind::Appeals,
        PartKind::Problems,
        PartKind::Other,
    ];

    /// The ordinal of the part in the form (1 … 6).
    pub fn number(self) -> u32 {
        self as u32
    }

    /// The standard heading, without its ordinal.
    pub fn standard_heading(self) -> &'static str {
        match self {
            PartKind::Overview => "总体情况",
            PartKind::ActiveDisclosure => "主动公开政府信息情况",
            PartKind::Applications => "收到和处理政府信息公开申请情况",
            PartKind::Appeals => "政府信息公开行政复议、行政诉讼情况",
            PartKind::Problems => "存在的主要问题及改进情况",
            PartKind::Other => "其他需要报告的事项",
        }
    }

    /// 「一」…「六」.
    pub fn ordinal(self) -> &'static str {
        ["一", "二", "三", "四", "五", "六"][self as usize - 1]
    }
}

/// What a value cell holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CellValue {
    /// A non-negative whole number (a count).
    Int(u64),
    /// A decimal amount as written, normalised to ASCII (`"0.0120"`): only the
    /// 收费金额 cell of table 二 holds one.
    Decimal(String),
    /// Nothing written.
    Blank,
    /// A placeholder for a number: 「/」「—」「-」「无」 and the like.
    Placeholder,
    /// Anything else: text, a negative number, a decimal count. `Cell::raw` keeps it.
    Invalid,
}

/// One value cell of a table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cell {
    pub value: CellValue,
    /// The cell's text as written (trimmed); empty for a blank cell.
    pub raw: String,
    /// Where the text is: exactly the digits for a number. `None` for a blank cell
    /// with no place in the text (a row that ends early).
    pub span: Option<Span>,
}

impl Cell {
    pub fn blank() -> Self {
        Cell {
            value: CellValue::Blank,
            raw: String::new(),
            span: None,
        }
    }

    pub fn int(n: u64, span: Span) -> Self {
        Cell {
            value: CellValue::Int(n),
            raw: n.to_string(),
            span: Some(span),
        }
    }

    /// The count, when the cell holds one.
    pub fn as_int(&self) -> Option<u64> {
        match self.value {
            CellValue::Int(n) => Some(n),
            _ => None,
        }
    }
}

/// A row of a table: its label as written and its value cells.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row<const N: usize> {
    /// The label as written in the source (the row's own label, without group labels).
    pub label: Label,
    /// How the label matched the form's wording.
    pub matched: LabelMatch,
    pub cells: [Cell; N],
    /// Values found beyond the form's columns (a table with extra columns).
    /// They are not read into `cells`; S105 reports them.
    pub extra: Vec<Label>,
}

/// How a row label was matched to the form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LabelMatch {
    /// The form's wording, up to brackets, punctuation, spaces and line breaks.
    Exact,
    /// A near miss (a small typo): read into the row it most resembles (S106).
    Fuzzy,
}

/// Table 二 (part 二): 主动公开政府信息情况.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table2 {
    /// The table's extent in the text.
    pub span: Span,
    /// 规章: 本年制发件数, 本年废止件数, 现行有效件数.
    pub rules: Option<Row<3>>,
    /// 行政规范性文件: same columns.
    pub normative: Option<Row<3>>,
    /// 行政许可: 本年处理决定数量.
    pub licensing: Option<Row<1>>,
    /// 行政处罚.
    pub penalty: Option<Row<1>>,
    /// 行政强制.
    pub coercion: Option<Row<1>>,
    /// 行政事业性收费: 本年收费金额（万元）, a decimal.
    pub fee: Option<Row<1>>,
}

impl Table2 {
    pub fn item(&self, item: T2Item) -> Option<&[Cell]> {
        match item {
            T2Item::Rules => self.rules.as_ref().map(|r| &r.cells[..]),
            T2Item::Normative => self.normative.as_ref().map(|r| &r.cells[..]),
            T2Item::Licensing => self.licensing.as_ref().map(|r| &r.cells[..]),
            T2Item::Penalty => self.penalty.as_ref().map(|r| &r.cells[..]),
            T2Item::Coercion => self.coercion.as_ref().map(|r| &r.cells[..]),
            T2Item::Fee => self.fee.as_ref().map(|r| &r.cells[..]),
        }
    }

    pub fn row_label(&self, item: T2Item) -> Option<&Row<3>> {
        match item {
            T2Item::Rules => self.rules.as_ref(),
            T2Item::Normative => self.normative.as_ref(),
            _ => None,
        }
    }
}

/// The items (rows) of table 二.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum T2Item {
    Rules,
    Normative,
    Licensing,
    Penalty,
    Coercion,
    Fee,
}

impl T2Item {
    pub const ALL: [T2Item; 6] = [
        T2Item::Rules,
        T2Item::Normative,
        T2Item::Licensing,
        T2Item::Penalty,
        T2Item::Coercion,
        T2Item::Fee,
    ];

    pub fn key(self) -> &'static str {
        match self {
            T2Item::Rules => "rules",
            T2Item::Normative => "normative",
            T2Item::Licensing => "licensing",
            T2Item::Penalty => "penalty",
            T2Item::Coercion => "coercion",
            T2Item::Fee => "fee",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            T2Item::Rules => "规章",
            T2Item::Normative => "行政规范性文件",
            T2Item::Licensing => "行政许可",
            T2Item::Penalty => "行政处罚",
            T2Item::Coercion => "行政强制",
            T2Item::Fee => "行政事业性收费",
        }
    }

    /// The fields of this item: three for 规章 and 行政规范性文件, one otherwise.
    pub fn fields(self) -> &'static [T2Field] {
        match self {
            T2Item::Rules | T2Item::Normative => &T2Field::ALL,
            _ => &[],
        }
    }
}

/// The columns of the 规章 / 行政规范性文件 rows of table 二.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum T2Field {
    Issued = 0,
    Repealed = 1,
    InForce = 2,
}

impl T2Field {
    pub const ALL: [T2Field; 3] = [T2Field::Issued, T2Field::Repealed, T2Field::InForce];

    pub fn key(self) -> &'static str {
        match self {
            T2Field::Issued => "issued",
            T2Field::Repealed => "repealed",
            T2Field::InForce => "in_force",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            T2Field::Issued => "本年制发件数",
            T2Field::Repealed => "本年废止件数",
            T2Field::InForce => "现行有效件数",
        }
    }
}

/// Table 三 (part 三): 25 rows × 7 columns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table3 {
    pub span: Span,
    /// Indexed by [`T3Row::index`]; `None` for a row not found.
    pub rows: [Option<Row<7>>; 25],
    /// The 2019 layout: a single （六）其他处理 row, kept as `r21` with `r22`
    /// and `r23` absent (S104). It counts as the whole of （六） in A302.
    pub single_other_row: bool,
}

impl Table3 {
    pub fn row(&self, row: T3Row) -> Option<&Row<7>> {
        self.rows[row.index()].as_ref()
    }

    pub fn cell(&self, row: T3Row, col: T3Col) -> Option<&Cell> {
        self.row(row).map(|r| &r.cells[col.index()])
    }
}

/// The rows of table 三, in the order of the form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum T3Row {
    R01,
    R02,
    R03,
    R04,
    R05,
    R06,
    R07,
    R08,
    R09,
    R10,
    R11,
    R12,
    R13,
    R14,
    R15,
    R16,
    R17,
    R18,
    R19,
    R20,
    R21,
    R22,
    R23,
    R24,
    R25,
}

impl T3Row {
    pub const ALL: [T3Row; 25] = [
        T3Row::R01,
        T3Row::R02,
        T3Row::R03,
        T3Row::R04,
        T3Row::R05,
        T3Row::R06,
        T3Row::R07,
        T3Row::R08,
        T3Row::R09,
        T3Row::R10,
        T3Row::R11,
        T3Row::R12,
        T3Row::R13,
        T3Row::R14,
        T3Row::R15,
        T3Row::R16,
        T3Row::R17,
        T3Row::R18,
        T3Row::R19,
        T3Row::R20,
        T3Row::R21,
        T3Row::R22,
        T3Row::R23,
        T3Row::R24,
        T3Row::R25,
    ];

    /// The results rows （一）…（六） that add up to （七）总计 (r03 … r23).
    pub const RESULTS: std::ops::RangeInclusive<usize> = 2..=22;

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn from_index(i: usize) -> Option<T3Row> {
        T3Row::ALL.get(i).copied()
    }

    /// `"r01"` … `"r25"`.
    pub fn key(self) -> &'static str {
        [
            "r01", "r02", "r03", "r04", "r05", "r06", "r07", "r08", "r09", "r10", "r11", "r12",
            "r13", "r14", "r15", "r16", "r17", "r18", "r19", "r20", "r21", "r22", "r23", "r24",
            "r25",
        ][self.index()]
    }

    /// The row's own label in the form (without its group labels).
    pub fn label(self) -> &'static str {
        [
            "一、本年新收政府信息公开申请数量",
            "二、上年结转政府信息公开申请数量",
            "（一）予以公开",
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
            "1.属于国家秘密",
            "2.其他法律行政法规禁止公开",
            "3.危及“三安全一稳定”",
            "4.保护第三方合法权益",
            "5.属于三类内部事务信息",
            "6.属于四类过程性信息",
            "7.属于行政执法案卷",
            "8.属于行政查询事项",
            "1.本机关不掌握相关政府信息",
            "2.没有现成信息需要另行制作",
            "3.补正后申请内容仍不明确",
            "1.信访举报投诉类申请",
            "2.重复申请",
            "3.要求提供公开出版物",
            "4.无正当理由大量反复申请",
            "5.要求行政机关确认或重新出具已获取信息",
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            "3.其他",
            "（七）总计",
            "四、结转下年度继续办理",
        ][self.index()]
    }

    /// The group a sub-row belongs to: （三）不予公开 for r05–r12 and so on.
    pub fn group(self) -> Option<&'static str> {
        match self.index() {
            4..=11 => Some("（三）不予公开"),
            12..=14 => Some("（四）无法提供"),
            15..=19 => Some("（五）不予处理"),
            20..=22 => Some("（六）其他处理"),
            _ => None,
        }
    }

    /// A short name for messages: 「第一项」「（三）不予公开 1.属于国家秘密」 …
    pub fn short_name(self) -> String {
        match self {
            T3Row::R01 => "第一项（本年新收）".to_string(),
            T3Row::R02 => "第二项（上年结转）".to_string(),
            T3Row::R24 => "第三项（七）总计".to_string(),
            T3Row::R25 => "第四项（结转下年度）".to_string(),
            r => match r.group() {
                Some(g) => format!("{g}{}", r.label()),
                None => r.label().to_string(),
            },
        }
    }
}

/// The columns of table 三.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum T3Col {
    Np,
    Biz,
    Res,
    Ngo,
    Law,
    Oth,
    Tot,
}

impl T3Col {
    pub const ALL: [T3Col; 7] = [
        T3Col::Np,
        T3Col::Biz,
        T3Col::Res,
        T3Col::Ngo,
        T3Col::Law,
        T3Col::Oth,
        T3Col::Tot,
    ];

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn key(self) -> &'static str {
        ["np", "biz", "res", "ngo", "law", "oth", "tot"][self.index()]
    }

    pub fn label(self) -> &'static str {
        [
            "自然人",
            "商业企业",
            "科研机构",
            "社会公益组织",
            "法律服务机构",
            "其他",
            "总计",
        ][self.index()]
    }
}

/// Table 四 (part 四): three groups of five.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table4 {
    pub span: Span,
    /// Indexed by [`T4Group`]; each group's cells by [`T4Field`].
    pub groups: [Option<[Cell; 5]>; 3],
}

impl Table4 {
    pub fn cell(&self, group: T4Group, field: T4Field) -> Option<&Cell> {
        self.groups[group as usize]
            .as_ref()
            .map(|g| &g[field as usize])
    }
}

/// The groups of table 四.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum T4Group {
    Review = 0,
    SuitDirect = 1,
    SuitAfter = 2,
}

impl T4Group {
    pub const ALL: [T4Group; 3] = [T4Group::Review, T4Group::SuitDirect, T4Group::SuitAfter];

    pub fn key(self) -> &'static str {
        ["review", "suit_direct", "suit_after"][self as usize]
    }

    pub fn label(self) -> &'static str {
        [
            "行政复议",
            "行政诉讼（未经复议直接起诉）",
            "行政诉讼（复议后起诉）",
        ][self as usize]
    }
}

/// The fields of each group of table 四.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum T4Field {
    Upheld = 0,
    Corrected = 1,
    Other = 2,
    Pending = 3,
    Total = 4,
}

impl T4Field {
    pub const ALL: [T4Field; 5] = [
        T4Field::Upheld,
        T4Field::Corrected,
        T4Field::Other,
        T4Field::Pending,
        T4Field::Total,
    ];

    pub fn key(self) -> &'static str {
        ["upheld", "corrected", "other", "pending", "total"][self as usize]
    }

    pub fn label(self) -> &'static str {
        ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"][self as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_of_counts_from_one() {
        let r = Report {
            page_starts: vec![10, 20],
            ..Report::default()
        };
        assert_eq!(r.page_of(0), Some(1));
        assert_eq!(r.page_of(10), Some(2));
        assert_eq!(r.page_of(25), Some(3));
        assert_eq!(Report::default().page_of(5), None);
    }

    #[test]
    fn keys_follow_the_catalogue() {
        assert_eq!(T3Row::R25.key(), "r25");
        assert_eq!(T3Row::from_index(20), Some(T3Row::R21));
        assert_eq!(T3Col::Tot.key(), "tot");
        assert_eq!(T4Group::SuitAfter.key(), "suit_after");
        assert_eq!(T2Field::InForce.key(), "in_force");
    }
}
