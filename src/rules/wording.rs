//! 文字规范（公文）：W7xx — the typography and wording of the report's prose.
//!
//! The W rules read the prose only: every line outside the three table regions
//! of the model (`table2/3/4.span`) and outside Markdown pipe tables, with the
//! Markdown markers at the start of a line (`#`, `-`, `*`, `>`) set aside.
//! Shared helpers:
//!
//! - [`prose_lines`]: the lines to read, with their byte offsets;
//! - [`Groups`]: the report cut at its part headings. A typographic habit
//!   repeated through a part (half-width commas, stray spaces) is one finding
//!   per part, every place in `related` and every edit in the one fix;
//! - [`Stream`]: the prose as characters with their offsets, for the word
//!   lists (W702, W703). In text extracted from a PDF a wrapped line is joined
//!   to the next and single spaces (the renderer's glyph gaps) are dropped.
//!
//! Every check is linear in the text, without regular expressions (the page
//! re-checks on every keystroke, and the `regex` tables would weigh on the
//! WebAssembly). The word list of W702 is data, `misused_words.txt`.

use std::sync::OnceLock;

use super::{Context, RuleMeta, declare_rule};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, Location};
use crate::model::Report;
use crate::text::Span;

declare_rule! {
    /// ## 检查内容
    ///
    /// 中文文字中使用了半角标点 `,` `;` `:` `?` `!` `(` `)`，应改为全角的“，”“；”“：”“？”“！”“（）”。
    /// 一个标点前面紧挨着汉字或中文标点（中间至多隔一个空格），或后面紧挨着汉字，就算在中文里；
    /// 一对括号，括号里面或两边挨着汉字就一起算。下列情况不算：数字中的分隔符（1,234、12:30）、
    /// 网址（http://…?a=1）、纯英文的片段（Hello, world）、表格区域、Markdown 链接。
    /// 半角标点后（或半角左括号前）的一个空格随标点一起删去，因为全角标点自带间距。
    ///
    /// 同一部分中的半角标点合并为一条，列出每一处，修正一次改完。行首的序号括号“(一)”
    /// 如果文中同时有全角的“（一）”，归 W705 报告，这里不重复。
    ///
    /// ## 为什么
    ///
    /// 公文的中文部分一律使用全角标点。从英文输入法、网页或其他软件复制的文字常带半角标点，
    /// 字距不匀，括号高低不齐，是各地年报检查中常见的格式问题。
    ///
    /// ## 示例
    ///
    /// 「领导小组下设办公室和日常工作机构,办公室设在党政办」应为「……工作机构，办公室设在党政办」；
    /// 「### (一) 加强组织领导」应为「（一）加强组织领导」。不报告：「共1,234条」「上午9:30」
    /// 「https://www.gov.cn/?id=1」。
    ///
    /// ## 依据
    ///
    /// GB/T 15834—2011《标点符号用法》；《党政机关公文格式》（GB/T 9704—2012）；
    /// 国办公开办函〔2021〕30号所附格式本身一律使用全角标点。
    pub static HALFWIDTH_PUNCTUATION = {
        code: "W701",
        name: "halfwidth-punctuation",
        title: "中文中使用半角标点",
        family: Wording,
        severity: Warning,
        check: halfwidth_punctuation,
    };
}

declare_rule! {
    /// ## 检查内容
    ///
    /// 公文中常见的误用词，如「截止目前」（应为「截至目前」）、「取的一定突破」（应为「取得」）、
    /// 「按照根据」（两个介词叠用）、「做为」（作为）、「既使」（即使）、「布署」（部署）、
    /// 「再接再励」（再接再厉）、「一愁莫展」（一筹莫展）、「度过难关」（渡过难关）等。
    /// 词表是数据（`src/rules/misused_words.txt`），每条写明错误写法、正确写法、理由和排除误报的
    /// 上下文条件：例如「采取的措施取得突破」中的「取的」不报，「多做为民办实事」中的「做为」不报，
    /// 「既使群众满意，又使企业受益」中的「既使」不报。
    ///
    /// 只收在任何上下文中都错的写法；「部署」「截至目前」「迄今为止」「渡过难关」等正确写法不报。
    /// 修改建议只替换不同的字，需要人工确认。表格区域不检查。从 PDF 复制的文字中被版面换行
    /// 断开的词（「截止目」「前」分在两行）也能查出；其他文字一行就是一段，不跨行匹配。
    ///
    /// ## 为什么
    ///
    /// 年报是政府机关对外公开的正式文件，错别字和病句损害公信力，也是各地年报
    /// 考评、通报中经常扣分的问题。这些错误拼音输入法不会提示，校对时又容易看过。
    ///
    /// ## 示例
    ///
    /// 「截止目前共组织2期、培训215人次」应为「截至目前……」；「信息公开数量与质量取的一定突破」
    /// 应为「取得一定突破」；「雁鸣湖镇2021年按照根据信息公开工作相关规定」应保留「按照」或
    /// 「根据」之一。
    ///
    /// ## 依据
    ///
    /// 《现代汉语词典》（第7版）；《党政机关公文处理工作条例》第十九条（起草公文的要求）。
    /// 词表每一条的理由写在提示中。
    pub static MISUSED_WORD = {
        code: "W702",
        name: "misused-word",
        title: "常见误用词",
        family: Wording,
        severity: Warning,
        check: misused_word,
    };
}

declare_rule! {
    /// ## 检查内容
    ///
    /// 不小心重复的字词：「的的」「了了」「和和」「与与」「及及」，重复的常用词
    /// （「进一步进一步」「认真认真」「加强加强」等），以及任何紧接着重复一遍的三到四个汉字
    /// （「政府信息政府信息」）。
    ///
    /// 合法的叠用不报：「常常」「天天」「人人」「时时」「一一」「谢谢」「看看」之类的叠字
    /// 不在词表中；「的的确确」「目的的」「为了了解」「不了了之」「和和气气」
    /// 「稳定和和谐」「参与与监督」「以及及时」等由词的边界造成的重复也不报。
    /// 词与词相接造成的同字相连（「学习习近平」「工作作风」「进行行政复议」）不是重复，不报。
    /// 修改建议删去重复的部分，需要人工确认。表格区域不检查；与 W702 一样，只在从 PDF 复制的
    /// 文字中跨行查找。
    ///
    /// ## 为什么
    ///
    /// 字词重复多是修改稿件时删改不净留下的，读者一眼就能看出，损害报告的严肃性。
    ///
    /// ## 示例
    ///
    /// 「公开的的信息」应为「公开的信息」；「进一步进一步完善制度」应为「进一步完善制度」。
    ///
    /// ## 依据
    ///
    /// 《党政机关公文处理工作条例》第十九条（起草公文的要求）。
    pub static REPEATED_WORD = {
        code: "W703",
        name: "repeated-word",
        title: "字词重复",
        family: Wording,
        severity: Warning,
        check: repeated_word,
    };
}

declare_rule! {
    /// ## 检查内容
    ///
    /// 模板中的占位符和说明文字没有替换或删除：
    ///
    /// - 占位符「XX」「XXXX年」「××」「ＸＸ」（夹在英文单词中的 XX 不算）；
    /// - 模板的括注说明「（单位名称）」「（文字描述）」「（文字描述，收取信息处理费情况在此处报告。）」
    ///   「【请填写……】」，以及空白的填空处「（ ）」「____」；
    /// - 填写提示「此处填写」「请填写单位名称」「在此处报告」；
    /// - 标题仍是「政府信息公开工作年度报告格式模板」之类的模板标题。
    ///
    /// 正文中提到「模板」（如「答复书模板」）、「（以下简称《条例》）」「（单位：万元）」不报。
    ///
    /// ## 为什么
    ///
    /// 照着模板填写时漏改的占位符会原样公开，说明报告没有认真编制和审核。
    /// 官方格式模板在第一、五、六部分都留有「（文字描述）」的说明，最容易被保留下来。
    ///
    /// ## 示例
    ///
    /// 「XX县人民政府XXXX年政府信息公开工作年度报告」；第六部分只有
    /// 「（文字描述，收取信息处理费情况在此处报告。）」。
    ///
    /// ## 依据
    ///
    /// 国办公开办函〔2021〕30号所附《中华人民共和国政府信息公开工作年度报告格式》
    /// （模板中的说明文字）；《条例》第五十条（年度报告应当包括的内容）。
    pub static TEMPLATE_LEFTOVER = {
        code: "W704",
        name: "template-leftover",
        title: "模板占位符未替换",
        family: Wording,
        severity: Error,
        check: template_leftover,
    };
}

declare_rule! {
    /// ## 检查内容
    ///
    /// 行首的序号括号全角、半角混用：文中既有「（一）」「（1）」，又有「(一)」「(1)」
    /// （或一半全角一半半角的「（一)」）。全部位置合并为一条，修正把半角括号改为全角，
    /// 并删去半角右括号后多余的一个空格。
    ///
    /// 只看行首（Markdown 的 #、- 等标记之后）的序号，不看表格；全文只用半角序号括号时，
    /// 由 W701 报告半角标点。
    ///
    /// ## 为什么
    ///
    /// 公文的二级、四级标题序号是「（一）」「（1）」，用全角括号。同一篇报告中两种括号混用，
    /// 说明各部分是从不同来源拼接的，版面也不统一。
    ///
    /// ## 示例
    ///
    /// 第一部分写「（一）主动公开情况」，第五部分写「(一) 存在的主要问题」。
    ///
    /// ## 依据
    ///
    /// 《党政机关公文格式》（GB/T 9704—2012）7.3.3：结构层次序数依次用「一、」「（一）」「1.」「（1）」。
    pub static BRACKET_STYLE = {
        code: "W705",
        name: "bracket-style",
        title: "序号括号全半角混用",
        family: Wording,
        severity: Info,
        check: bracket_style,
    };
}

declare_rule! {
    /// ## 检查内容
    ///
    /// 两个汉字之间，或汉字与数字之间，夹了一个多余的空格：「政府 信息」「2021 年」「共 3 件」。
    /// 同一部分合并为一条，修正删去这些空格。汉字与英文之间的空格、标点前后的空格不在此列。
    ///
    /// 为避免误报，下列情况不检查：
    ///
    /// - 表格区域，以及看起来是版面对齐的行（行中有制表符或连续两个以上空格）；
    /// - 从 PDF 复制的文字（含分页符，或有两处以上「-1-」式页码行）：PDF 转出的文字在汉字与数字
    ///   之间、两端对齐的行中到处是空格，那是排版留下的字距，不是作者输入的，无法与真正的
    ///   多余空格区分，所以整篇不报；
    /// - 行首的编号后的空格（「1 加强组织领导」），Markdown 列表标记后的空格（「- 1、」）。
    ///
    /// ## 为什么
    ///
    /// 公文中汉字与阿拉伯数字之间不加空格（「2021年」而不是「2021 年」）。一些通用的排版工具
    /// 默认在中文和数字之间加空格，这种风格不适用于公文；汉字之间的空格多是删改时留下的。
    ///
    /// ## 示例
    ///
    /// 「2021 年，全镇共受理申请 3 件」应为「2021年，全镇共受理申请3件」。
    ///
    /// ## 依据
    ///
    /// 《党政机关公文格式》（GB/T 9704—2012）；《出版物上数字用法》（GB/T 15835—2011），
    /// 其示例（「2008年8月8日」）都不在汉字与数字之间加空格。
    pub static STRAY_SPACE = {
        code: "W706",
        name: "stray-space",
        title: "汉字之间或汉字与数字之间有多余空格",
        family: Wording,
        severity: Info,
        check: stray_space,
    };
}

// ---------------------------------------------------------------------------
// Characters
// ---------------------------------------------------------------------------

/// A 汉字 (CJK unified ideographs, extension A and beyond, compatibility, 〇).
fn is_han(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2FA1F}'
        | '〇')
}

/// Full-width punctuation, and the curly quotes, dash and ellipsis of Chinese text.
fn is_cjk_punct(c: char) -> bool {
    matches!(c,
        '\u{3001}'..='\u{303F}'
        | '\u{FF01}'..='\u{FF0F}'
        | '\u{FF1A}'..='\u{FF20}'
        | '\u{FF3B}'..='\u{FF40}'
        | '\u{FF5B}'..='\u{FF65}'
        | '“' | '”' | '‘' | '’' | '…' | '—' | '·')
}

/// Chinese text: a 汉字 or Chinese punctuation.
fn is_chinese(c: char) -> bool {
    is_han(c) || is_cjk_punct(c)
}

/// A half- or full-width digit.
fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// Horizontal white space, including the form feed that starts a PDF page.
fn is_hspace(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\u{3000}' | '\u{A0}' | '\u{C}' | '\r' | '\u{2002}'..='\u{200B}'
    )
}

/// The full-width form of a half-width punctuation mark W701 converts, and its name.
fn fullwidth(c: char) -> Option<(char, &'static str)> {
    Some(match c {
        ',' => ('，', "逗号"),
        ';' => ('；', "分号"),
        ':' => ('：', "冒号"),
        '?' => ('？', "问号"),
        '!' => ('！', "叹号"),
        '(' => ('（', "括号"),
        ')' => ('）', "括号"),
        _ => return None,
    })
}

// ---------------------------------------------------------------------------
// Lines and prose
// ---------------------------------------------------------------------------

/// One line of the text, without its line break.
#[derive(Clone, Copy, Debug)]
struct Line<'a> {
    /// Byte offset of the line in the text.
    start: usize,
    text: &'a str,
}

impl Line<'_> {
    fn end(&self) -> usize {
        self.start + self.text.len()
    }

    fn overlaps(&self, s: Span) -> bool {
        self.start < s.end as usize && (s.start as usize) < self.end().max(self.start + 1)
    }
}

/// Every line of `text`, split at `\n` (a `\r` before it is left out).
fn all_lines(text: &str) -> impl Iterator<Item = Line<'_>> + '_ {
    let mut start = 0usize;
    text.split('\n').map(move |l| {
        let line = Line {
            start,
            text: l.strip_suffix('\r').unwrap_or(l),
        };
        start += l.len() + 1;
        line
    })
}

fn table_spans(report: &Report) -> Vec<Span> {
    [
        report.table2.as_ref().map(|t| t.span),
        report.table3.as_ref().map(|t| t.span),
        report.table4.as_ref().map(|t| t.span),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// A Markdown table row: `| … |`.
fn is_pipe_row(text: &str) -> bool {
    text.trim_start_matches(is_hspace).starts_with('|')
}

/// The lines the W rules read: outside the table regions and pipe tables.
fn prose_lines(report: &Report) -> Vec<Line<'_>> {
    let tables = table_spans(report);
    all_lines(&report.text)
        .filter(|l| !tables.iter().any(|&t| l.overlaps(t)) && !is_pipe_row(l.text))
        .collect()
}

/// Where a line's content starts: after the indentation and a Markdown heading,
/// list or quote marker (`## `, `- `, `* `, `+ `, `> `).
fn content_start(line: &str) -> usize {
    let skip_space = |from: usize| {
        from + line[from..]
            .char_indices()
            .find(|&(_, c)| !is_hspace(c))
            .map_or(line.len() - from, |(k, _)| k)
    };
    let i = skip_space(0);
    let rest = &line[i..];
    let hashes = rest.bytes().take_while(|&b| b == b'#').count();
    if (1..=6).contains(&hashes) && rest[hashes..].starts_with(is_hspace) {
        return skip_space(i + hashes);
    }
    if rest.len() >= 2
        && matches!(rest.as_bytes()[0], b'-' | b'*' | b'+' | b'>')
        && rest[1..].starts_with(is_hspace)
    {
        return skip_space(i + 1);
    }
    i
}

/// A page number line of a PDF: 「-3-」「— 3 —」「第3页」.
fn is_page_number_line(text: &str) -> bool {
    let t = text.trim_matches(is_hspace);
    if t.is_empty() || t.len() > 24 {
        return false;
    }
    let digits = |s: &str| {
        let s = s.trim_matches(is_hspace);
        !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit())
    };
    let dash = |c: char| matches!(c, '-' | '—' | '–' | '－' | '―');
    if t.starts_with(dash) && t.ends_with(dash) {
        return digits(t.trim_matches(dash));
    }
    t.strip_prefix('第')
        .and_then(|r| r.strip_suffix('页'))
        .is_some_and(digits)
}

/// Whether the text was extracted from a PDF: it has page breaks (form feeds),
/// or at least two page number lines.
fn looks_like_pdf(report: &Report) -> bool {
    !report.page_starts.is_empty()
        || all_lines(&report.text)
            .filter(|l| is_page_number_line(l.text))
            .nth(1)
            .is_some()
}

/// Byte ranges of web addresses in a line: `scheme://…` and `www.…`, without
/// the sentence punctuation that follows them.
fn url_ranges(t: &str) -> Vec<std::ops::Range<usize>> {
    let b = t.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let (start, body) = if b[i..].starts_with(b"://") {
            let mut s = i;
            while s > 0 && b[s - 1].is_ascii_alphabetic() {
                s -= 1;
            }
            (s, i + 3)
        } else if b[i..].starts_with(b"www.")
            && (i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'/'))
        {
            (i, i + 4)
        } else {
            i += 1;
            continue;
        };
        let mut end = body;
        while end < b.len() && b[end].is_ascii_graphic() {
            end += 1;
        }
        while end > body && matches!(b[end - 1], b'.' | b',' | b';' | b':' | b'!' | b'?' | b')') {
            if b[end - 1] == b')' && b[start..end].contains(&b'(') {
                break;
            }
            end -= 1;
        }
        out.push(start..end);
        i = end.max(i + 1);
    }
    out
}

// ---------------------------------------------------------------------------
// Findings grouped by part
// ---------------------------------------------------------------------------

/// The report cut at its part headings: group 0 is what comes before the first
/// part (title, preamble), group `i` is the `i`-th part found.
struct Groups<'a> {
    starts: Vec<u32>,
    labels: Vec<&'a str>,
}

impl<'a> Groups<'a> {
    fn new(report: &'a Report) -> Self {
        let mut starts = vec![0];
        let mut labels = vec![""];
        for p in &report.parts {
            if p.heading.span.start > *starts.last().unwrap_or(&0) {
                starts.push(p.heading.span.start);
                labels.push(p.heading.text.trim());
            }
        }
        Groups { starts, labels }
    }

    fn of(&self, offset: u32) -> usize {
        self.starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1)
    }

    fn label(&self, g: usize) -> String {
        match self.labels.get(g) {
            Some(l) if g > 0 && !l.is_empty() => format!("“{l}”部分"),
            _ if self.starts.len() == 1 => "全文".to_string(),
            _ => "报告开头（第一部分之前）".to_string(),
        }
    }
}

/// One place of a grouped finding, with its edit.
#[derive(Clone, Debug)]
struct Hit {
    /// What to point at.
    at: Span,
    /// What to change: `at`, sometimes with a space beside it.
    edit: Edit,
    /// The kind of problem, for counting in the message.
    kind: &'static str,
}

/// One finding per part for `hits` (in document order): the first place is the
/// location, the others are related, and one safe fix holds every edit.
fn emit_grouped(
    rule: &'static RuleMeta,
    report: &Report,
    hits: &[Hit],
    describe: impl Fn(&str, &[Hit]) -> String,
    fix_title: &str,
    help: &str,
    out: &mut Vec<Diagnostic>,
) {
    let groups = Groups::new(report);
    let mut i = 0;
    while i < hits.len() {
        let g = groups.of(hits[i].at.start);
        let mut j = i + 1;
        while j < hits.len() && groups.of(hits[j].at.start) == g {
            j += 1;
        }
        let chunk = &hits[i..j];
        let edits = chunk.iter().map(|h| h.edit.clone()).collect();
        out.push(
            Diagnostic::new(
                rule,
                Location::Span(chunk[0].at),
                describe(&groups.label(g), chunk),
            )
            .with_related(chunk[1..].iter().map(|h| Location::Span(h.at)))
            .with_help(help)
            .with_fix(Fix::new(fix_title, Applicability::Safe, edits)),
        );
        i = j;
    }
}

/// 「逗号20处、括号2处」: the kinds of `hits`, the most frequent first.
fn count_kinds(hits: &[Hit]) -> String {
    let mut kinds: Vec<(&str, usize)> = Vec::new();
    for h in hits {
        match kinds.iter_mut().find(|(k, _)| *k == h.kind) {
            Some((_, n)) => *n += 1,
            None => kinds.push((h.kind, 1)),
        }
    }
    crate::sort::sort_by_key(&mut kinds, |k| std::cmp::Reverse(k.1));
    kinds
        .iter()
        .map(|(k, n)| format!("{k}{n}处"))
        .collect::<Vec<_>>()
        .join("、")
}

// ---------------------------------------------------------------------------
// Ordinal brackets (W705, and W701 leaves them to it when they are mixed)
// ---------------------------------------------------------------------------

/// A bracketed ordinal at the start of a line: 「（一）」「(1)」「（二)」.
#[derive(Clone, Copy, Debug)]
struct Ordinal {
    /// Byte offsets of the brackets.
    open: usize,
    close: usize,
    open_half: bool,
    close_half: bool,
}

impl Ordinal {
    fn is_half(&self) -> bool {
        self.open_half || self.close_half
    }
}

/// Parses 「(一)」「（12）」 at the start of `s`: the close bracket's byte index
/// and whether each bracket is half-width.
fn parse_ordinal(s: &str) -> Option<(usize, bool, bool)> {
    let mut it = s.char_indices();
    let open_half = match it.next()?.1 {
        '(' => true,
        '（' => false,
        _ => return None,
    };
    let (mut han, mut digits) = (0, 0);
    for (k, c) in it {
        match c {
            '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
                if digits == 0 && han < 3 =>
            {
                han += 1
            }
            c if is_digit(c) && han == 0 && digits < 2 => digits += 1,
            ')' | '）' if han + digits > 0 => return Some((k, open_half, c == ')')),
            _ => return None,
        }
    }
    None
}

fn ordinals(lines: &[Line<'_>]) -> Vec<Ordinal> {
    lines
        .iter()
        .filter_map(|l| {
            let cs = content_start(l.text);
            let (close, open_half, close_half) = parse_ordinal(&l.text[cs..])?;
            Some(Ordinal {
                open: l.start + cs,
                close: l.start + cs + close,
                open_half,
                close_half,
            })
        })
        .collect()
}

fn is_mixed(ords: &[Ordinal]) -> bool {
    ords.iter().any(Ordinal::is_half) && ords.iter().any(|o| !o.is_half())
}

// ---------------------------------------------------------------------------
// W701 halfwidth-punctuation
// ---------------------------------------------------------------------------

/// W701
fn halfwidth_punctuation(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let report = ctx.report;
    let lines = prose_lines(report);
    let ords = ordinals(&lines);
    // When the ordinal brackets are mixed, W705 reports the half-width ones.
    let owned: Vec<usize> = if is_mixed(&ords) {
        ords.iter()
            .filter(|o| o.is_half())
            .flat_map(|o| [o.open, o.close])
            .collect()
    } else {
        Vec::new()
    };
    // Line-start ordinals W701 converts even without Chinese right beside them: 「(1) 加强」.
    let ordinal_brackets: Vec<usize> = ords
        .iter()
        .filter(|o| o.is_half())
        .flat_map(|o| [o.open, o.close])
        .collect();
    let mut hits = Vec::new();
    let mut buf = Vec::new();
    for line in &lines {
        halfwidth_in_line(*line, &owned, &ordinal_brackets, &mut buf, &mut hits);
    }
    emit_grouped(
        &HALFWIDTH_PUNCTUATION,
        report,
        &hits,
        |label, hits| {
            if let [h] = hits {
                let c = report.text.get(h.at.range()).unwrap_or("");
                let full = c
                    .chars()
                    .next()
                    .and_then(fullwidth)
                    .map_or('\u{FFFD}', |f| f.0);
                format!("{label}的中文里使用了半角{}“{c}”，应为全角“{full}”", h.kind)
            } else {
                format!(
                    "{label}的中文里有{}处半角标点（{}），应为全角",
                    hits.len(),
                    count_kinds(hits)
                )
            }
        },
        "改为全角标点",
        "中文文字使用全角标点“，；：？！（）”，全角标点自带间距，前后不再加空格；数字中的分隔符（1,234、12:30）和网址不改",
        out,
    );
}

/// The character before `i`, looking past one space.
fn prev_sig(buf: &[(usize, char)], i: usize) -> Option<char> {
    let mut j = i.checked_sub(1)?;
    if buf[j].1 == ' ' {
        j = j.checked_sub(1)?;
    }
    Some(buf[j].1)
}

/// Whether the mark at `i` belongs to Chinese text: Chinese right before it
/// (past one space), or right after it.
fn near_chinese(buf: &[(usize, char)], i: usize) -> bool {
    prev_sig(buf, i).is_some_and(is_chinese) || buf.get(i + 1).is_some_and(|x| is_chinese(x.1))
}

fn halfwidth_in_line(
    line: Line<'_>,
    owned: &[usize],
    ordinal_brackets: &[usize],
    buf: &mut Vec<(usize, char)>,
    hits: &mut Vec<Hit>,
) {
    let t = line.text;
    if !t
        .bytes()
        .any(|b| matches!(b, b',' | b';' | b':' | b'?' | b'!' | b'(' | b')'))
    {
        return;
    }
    buf.clear();
    buf.extend(t.char_indices());
    let buf = &buf[..];
    let n = buf.len();
    let urls = url_ranges(t);
    let in_url = |b: usize| urls.iter().any(|r| r.contains(&b));
    let is_owned = |b: usize| owned.binary_search(&(line.start + b)).is_ok();
    let is_ordinal = |b: usize| ordinal_brackets.binary_search(&(line.start + b)).is_ok();
    // How many Chinese characters come before each index: a pair's content in O(1).
    let mut chinese_before = Vec::with_capacity(n + 1);
    chinese_before.push(0usize);
    for &(_, c) in buf {
        chinese_before
            .push(chinese_before.last().copied().unwrap_or(0) + usize::from(is_chinese(c)));
    }
    let single = |i: usize| {
        let b = buf[i].0;
        !in_url(b) && !is_owned(b) && (near_chinese(buf, i) || is_ordinal(b))
    };
    let mut convert = vec![false; n];
    let mut open: Vec<usize> = Vec::new();
    for i in 0..n {
        let (b, c) = buf[i];
        match c {
            '(' => open.push(i),
            ')' => match open.pop() {
                Some(o) => {
                    let ob = buf[o].0;
                    let link = o > 0 && buf[o - 1].1 == ']';
                    let yes = !(in_url(ob) || is_owned(ob) || is_owned(b) || link)
                        && (near_chinese(buf, o)
                            || near_chinese(buf, i)
                            || chinese_before[i] > chinese_before[o + 1]
                            || is_ordinal(ob));
                    convert[o] = yes;
                    convert[i] = yes;
                }
                None => convert[i] = single(i),
            },
            ',' | ';' | ':' | '?' | '!' => {
                let between_digits = i > 0
                    && is_digit(buf[i - 1].1)
                    && buf.get(i + 1).is_some_and(|x| is_digit(x.1));
                convert[i] = !between_digits && single(i);
            }
            _ => {}
        }
    }
    for o in open {
        convert[o] = single(o);
    }
    // Edits, with the one space a full-width mark makes superfluous.
    let mut last_end = 0usize;
    for i in (0..n).filter(|&i| convert[i]) {
        let (b, c) = buf[i];
        let Some((full, kind)) = fullwidth(c) else {
            continue;
        };
        let (mut s, mut e) = (b, b + 1);
        if c == '(' {
            if i >= 2
                && buf[i - 1].1 == ' '
                && buf[i - 1].0 >= last_end
                && (is_chinese(buf[i - 2].1) || buf[i - 2].1.is_alphanumeric())
            {
                s = buf[i - 1].0;
            }
        } else if buf.get(i + 1).is_some_and(|x| x.1 == ' ')
            && buf.get(i + 2).is_some_and(|x| !is_hspace(x.1))
        {
            e = b + 2;
        }
        last_end = e;
        hits.push(Hit {
            at: Span::new(line.start + b, line.start + b + 1),
            edit: Edit {
                span: Span::new(line.start + s, line.start + e),
                replacement: full.to_string(),
            },
            kind,
        });
    }
}

// ---------------------------------------------------------------------------
// The prose as a character stream (W702, W703)
// ---------------------------------------------------------------------------

/// Marks a paragraph boundary in a [`Stream`]: nothing matches across it.
const BREAK: char = '\n';

/// The prose as characters with their byte offsets. Tables, blank lines and
/// headings are boundaries ([`BREAK`]); Markdown markers and indentation are
/// left out. In text extracted from a PDF, a line break inside a paragraph is
/// dropped (the line was wrapped by the layout), page number lines are
/// skipped, single spaces are dropped and longer runs are boundaries.
#[derive(Default)]
struct Stream {
    chars: Vec<char>,
    offs: Vec<u32>,
}

impl Stream {
    fn push(&mut self, off: usize, c: char) {
        self.chars.push(c);
        self.offs.push(off as u32);
    }

    fn brk(&mut self, off: usize) {
        if self.chars.last().is_some_and(|&c| c != BREAK) {
            self.push(off, BREAK);
        }
    }

    fn len(&self) -> usize {
        self.chars.len()
    }

    /// The bytes of characters `a..b` (`a < b`).
    fn span(&self, a: usize, b: usize) -> Span {
        let end = self.offs[b - 1] as usize + self.chars[b - 1].len_utf8();
        Span::new(self.offs[a] as usize, end)
    }

    fn string(&self, a: usize, b: usize) -> String {
        self.chars[a..b].iter().collect()
    }

    fn starts_with(&self, at: usize, word: &str) -> bool {
        (at..)
            .zip(word.chars())
            .all(|(i, c)| self.chars.get(i) == Some(&c))
    }

    fn build(report: &Report) -> Stream {
        let join = looks_like_pdf(report);
        let tables = table_spans(report);
        let heads: Vec<Span> = report.headings.iter().map(|h| h.span).collect();
        let mut st = Stream::default();
        st.chars.reserve(report.text.len() / 3 + 8);
        st.offs.reserve(report.text.len() / 3 + 8);
        let mut joinable = false;
        let mut h = 0;
        for line in all_lines(&report.text) {
            if tables.iter().any(|&t| line.overlaps(t)) || is_pipe_row(line.text) {
                st.brk(line.start);
                joinable = false;
                continue;
            }
            if join && is_page_number_line(line.text) {
                continue;
            }
            let cs = content_start(line.text);
            let body = line.text[cs..].trim_end_matches(is_hspace);
            if body.is_empty() {
                st.brk(line.start);
                joinable = false;
                continue;
            }
            while h < heads.len() && (heads[h].end as usize) < line.start {
                h += 1;
            }
            let is_head = heads[h..]
                .iter()
                .take_while(|s| (s.start as usize) <= line.end())
                .any(|&s| line.overlaps(s));
            if !(join && joinable && !is_head) {
                st.brk(line.start);
            }
            let base = line.start + cs;
            let mut it = body.char_indices().peekable();
            while let Some((k, c)) = it.next() {
                if !is_hspace(c) {
                    st.push(base + k, c);
                } else if join {
                    let mut run = 1;
                    while it.next_if(|x| is_hspace(x.1)).is_some() {
                        run += 1;
                    }
                    if run > 1 {
                        st.brk(base + k);
                    }
                } else {
                    st.push(base + k, ' ');
                }
            }
            joinable = !is_head;
            if is_head {
                st.brk(line.end());
            }
        }
        st
    }
}

// ---------------------------------------------------------------------------
// W702 misused-word
// ---------------------------------------------------------------------------

/// How many characters `…` in a word list entry may stand for.
const GAP_MAX: usize = 6;

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Lit(Vec<char>),
    /// 「…」: 0 to [`GAP_MAX`] characters, kept.
    Gap,
    /// 「{d}」: one digit, kept.
    Digit,
}

/// One line of `misused_words.txt`.
#[derive(Debug)]
struct Entry {
    wrong: Vec<Tok>,
    /// The right forms; the first is the fix.
    rights: Vec<Vec<Tok>>,
    reason: String,
    /// 前非: the character before must not be one of these.
    not_before: Vec<char>,
    /// 后是: what follows must start with one of these.
    after_is: Vec<String>,
    /// 后非: what follows must not start with any of these.
    after_not: Vec<String>,
    /// 句非: the rest of the sentence must contain none of these.
    sentence_not: Vec<String>,
}

struct Lexicon {
    entries: Vec<Entry>,
    /// (first character, entry index), sorted: the entries to try at a character.
    first: Vec<(char, usize)>,
    /// A bit for each first character (its code modulo 256): most characters
    /// are ruled out without a search.
    mask: [u64; 4],
}

fn mask_bit(c: char) -> (usize, u64) {
    let b = c as u32 & 255;
    ((b >> 6) as usize, 1 << (b & 63))
}

fn tokens(s: &str) -> Result<Vec<Tok>, String> {
    let mut out: Vec<Tok> = Vec::new();
    let mut rest = s.trim();
    while let Some(c) = rest.chars().next() {
        if let Some(r) = rest.strip_prefix("{d}") {
            out.push(Tok::Digit);
            rest = r;
            continue;
        }
        if c == '…' {
            out.push(Tok::Gap);
        } else if is_hspace(c) || c == '|' || c == '→' {
            return Err(format!("“{s}”中有不能用的字符“{c}”"));
        } else if let Some(Tok::Lit(w)) = out.last_mut() {
            w.push(c);
        } else {
            out.push(Tok::Lit(vec![c]));
        }
        rest = &rest[c.len_utf8()..];
    }
    Ok(out)
}

fn same_shape(a: &[Tok], b: &[Tok]) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(x, y)| std::mem::discriminant(x) == std::mem::discriminant(y))
}

fn parse_entry(line: &str) -> Result<Entry, String> {
    let mut fields = line.split('|').map(str::trim);
    let pair = fields.next().unwrap_or("");
    let (wrong, right) = pair
        .split_once('→')
        .ok_or_else(|| format!("缺少“→”：{line}"))?;
    let wrong = tokens(wrong)?;
    if !matches!(wrong.first(), Some(Tok::Lit(w)) if is_han(w[0])) {
        return Err(format!("错误写法必须以汉字开头：{line}"));
    }
    let rights = right
        .split('/')
        .map(tokens)
        .collect::<Result<Vec<_>, _>>()?;
    if rights.iter().any(|r| !same_shape(&wrong, r)) {
        return Err(format!("正确写法与错误写法的记号不对应：{line}"));
    }
    let reason = fields.next().unwrap_or("").to_string();
    if reason.is_empty() {
        return Err(format!("缺少说明：{line}"));
    }
    let mut e = Entry {
        wrong,
        rights,
        reason,
        not_before: Vec::new(),
        after_is: Vec::new(),
        after_not: Vec::new(),
        sentence_not: Vec::new(),
    };
    let words = |v: &str| v.split(',').map(str::to_string).collect::<Vec<_>>();
    for cond in fields.flat_map(str::split_whitespace) {
        let (key, v) = cond
            .split_once(':')
            .ok_or_else(|| format!("条件应写作“键:值”：{cond}"))?;
        match key {
            "前非" => e.not_before = v.chars().filter(|&c| c != ',').collect(),
            "后是" => e.after_is = words(v),
            "后非" => e.after_not = words(v),
            "句非" => e.sentence_not = words(v),
            _ => return Err(format!("不认识的条件“{key}”：{line}")),
        }
    }
    Ok(e)
}

/// Every entry of `src`, or the first line that is wrong.
#[cfg(test)]
fn parse_lexicon(src: &str) -> Result<Vec<Entry>, String> {
    src.lines()
        .enumerate()
        .map(|(n, l)| (n, l.trim()))
        .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'))
        .map(|(n, l)| parse_entry(l).map_err(|e| format!("第{}行：{e}", n + 1)))
        .collect()
}

fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| {
        // A wrong line is left out here; a unit test keeps the list clean.
        let entries: Vec<Entry> = include_str!("misused_words.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .filter_map(|l| parse_entry(l).ok())
            .collect();
        let mut first: Vec<(char, usize)> = entries
            .iter()
            .enumerate()
            .filter_map(|(i, e)| match e.wrong.first() {
                Some(Tok::Lit(w)) => Some((w[0], i)),
                _ => None,
            })
            .collect();
        first.sort_unstable();
        let mut mask = [0u64; 4];
        for &(c, _) in &first {
            let (w, bit) = mask_bit(c);
            mask[w] |= bit;
        }
        Lexicon {
            entries,
            first,
            mask,
        }
    })
}

/// What a `…` may stand for: no punctuation, space or boundary.
fn is_gap_char(c: char) -> bool {
    is_han(c) || c.is_ascii_alphanumeric() || is_digit(c)
}

/// Matches `toks` at `pos`; on success `marks` holds each token's range and
/// the end is returned.
fn match_toks(
    st: &Stream,
    toks: &[Tok],
    pos: usize,
    marks: &mut Vec<(usize, usize)>,
) -> Option<usize> {
    let Some((tok, rest)) = toks.split_first() else {
        return Some(pos);
    };
    let attempt = |end: usize, marks: &mut Vec<(usize, usize)>| {
        marks.push((pos, end));
        let r = match_toks(st, rest, end, marks);
        if r.is_none() {
            marks.pop();
        }
        r
    };
    match tok {
        Tok::Lit(w) => {
            if st.chars.get(pos..pos + w.len()) == Some(&w[..]) {
                attempt(pos + w.len(), marks)
            } else {
                None
            }
        }
        Tok::Digit => {
            // 「截止 2021年」: one space before the digit is let through.
            let d = pos + usize::from(st.chars.get(pos) == Some(&' '));
            if st.chars.get(d).is_some_and(|&c| is_digit(c)) {
                attempt(d + 1, marks)
            } else {
                None
            }
        }
        Tok::Gap => {
            for g in 0..=GAP_MAX {
                if g > 0 && !st.chars.get(pos + g - 1).is_some_and(|&c| is_gap_char(c)) {
                    return None;
                }
                if let Some(end) = attempt(pos + g, marks) {
                    return Some(end);
                }
            }
            None
        }
    }
}

/// Whether the context of a match at `start..end` allows the entry.
fn guards_pass(e: &Entry, st: &Stream, start: usize, end: usize) -> bool {
    if start > 0 && e.not_before.contains(&st.chars[start - 1]) {
        return false;
    }
    if !e.after_is.is_empty() && !e.after_is.iter().any(|w| st.starts_with(end, w)) {
        return false;
    }
    if e.after_not.iter().any(|w| st.starts_with(end, w)) {
        return false;
    }
    if !e.sentence_not.is_empty() {
        let stop = (end + 60).min(st.len());
        for k in end..stop {
            if matches!(
                st.chars[k],
                BREAK | '。' | '！' | '？' | '；' | '!' | '?' | ';'
            ) {
                break;
            }
            if e.sentence_not.iter().any(|w| st.starts_with(k, w)) {
                return false;
            }
        }
    }
    true
}

/// The text of a match with `right` put in place of the literal parts.
fn rewrite(st: &Stream, marks: &[(usize, usize)], right: &[Tok]) -> String {
    let mut s = String::new();
    for (&(a, b), tok) in marks.iter().zip(right) {
        match tok {
            Tok::Lit(w) => s.extend(w),
            _ => s.extend(&st.chars[a..b]),
        }
    }
    s
}

/// The edits that turn the literal parts of a match into `right`: only the
/// characters that differ.
fn edits_for(st: &Stream, marks: &[(usize, usize)], right: &[Tok]) -> Vec<Edit> {
    let mut edits = Vec::new();
    for (&(a, b), tok) in marks.iter().zip(right) {
        let Tok::Lit(r) = tok else { continue };
        let w = &st.chars[a..b];
        let p = w.iter().zip(r).take_while(|(x, y)| x == y).count();
        let max_s = w.len().min(r.len()) - p;
        let s = w
            .iter()
            .rev()
            .zip(r.iter().rev())
            .take(max_s)
            .take_while(|(x, y)| x == y)
            .count();
        let (wa, wb) = (a + p, b - s);
        let replacement: String = r[p..r.len() - s].iter().collect();
        if wa == wb && replacement.is_empty() {
            continue;
        }
        let span = if wa < wb {
            st.span(wa, wb)
        } else if wa > a {
            let e = st.span(wa - 1, wa).end as usize;
            Span::new(e, e)
        } else {
            let o = st.offs[a] as usize;
            Span::new(o, o)
        };
        edits.push(Edit { span, replacement });
    }
    edits
}

/// W702
fn misused_word(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let lex = lexicon();
    let st = Stream::build(ctx.report);
    let mut marks = Vec::new();
    let mut i = 0;
    while i < st.len() {
        let c = st.chars[i];
        let (w, bit) = mask_bit(c);
        if lex.mask[w] & bit == 0 {
            i += 1;
            continue;
        }
        let from = lex.first.partition_point(|&(f, _)| f < c);
        let mut matched = None;
        for &(_, k) in lex.first[from..].iter().take_while(|&&(f, _)| f == c) {
            let e = &lex.entries[k];
            marks.clear();
            if let Some(end) = match_toks(&st, &e.wrong, i, &mut marks)
                && guards_pass(e, &st, i, end)
            {
                matched = Some((e, end));
                break;
            }
        }
        let Some((e, end)) = matched else {
            i += 1;
            continue;
        };
        let wrong = st.string(i, end);
        let rights: Vec<String> = e.rights.iter().map(|r| rewrite(&st, &marks, r)).collect();
        let message = if let [r] = &rights[..] {
            format!("“{wrong}”应为“{r}”")
        } else {
            let alts: Vec<String> = rights.iter().map(|r| format!("“{r}”")).collect();
            format!("“{wrong}”应为{}", alts.join("或"))
        };
        let edits = edits_for(&st, &marks, &e.rights[0]);
        out.push(
            Diagnostic::new(&MISUSED_WORD, Location::Span(st.span(i, end)), message)
                .with_help(e.reason.clone())
                .with_fix(Fix::new(
                    format!("改为“{}”", rights[0]),
                    Applicability::Suggested,
                    edits,
                )),
        );
        i = end;
    }
}

// ---------------------------------------------------------------------------
// W703 repeated-word
// ---------------------------------------------------------------------------

/// A word whose immediate repetition is a slip, and the neighbours that make
/// the doubled text legitimate (a word boundary or a reduplication).
struct Repeat {
    unit: &'static str,
    /// The character before: 「目的的」 is 目的 + 的.
    not_before: &'static str,
    /// The character after: 「的的确确」, 「为了了解」 (了 + 了解).
    not_after: &'static str,
}

/// The allow-list is built in: everything not listed here (常常, 天天, 人人, 看看 …)
/// is never reported unless it is three or four characters long (see [`repeat_at`]).
const REPEATS: &[Repeat] = &[
    Repeat {
        unit: "的",
        not_before: "目标",
        not_after: "确士",
    },
    Repeat {
        unit: "了",
        not_before: "不明",
        not_after: "解结之如断然却悟当无事账愿若得望了",
    },
    Repeat {
        unit: "和",
        not_before: "平温柔缓调饱中祥谦总共随附违融暖讲求议媾宽亲谐应唱",
        not_after: "谐平睦顺解美气善蔼煦声弦约局棋面风畅缓好尚田亲衷盘议合会胜",
    },
    Repeat {
        unit: "与",
        not_before: "参给赋授干赠寄",
        not_after: "会其否日时人世共",
    },
    Repeat {
        unit: "及",
        not_before: "以涉普波危论提顾企遍来不触殃推惠可所埃",
        not_after: "时格早第至其物笄锋冠门",
    },
    Repeat {
        unit: "进一步",
        not_before: "",
        not_after: "",
    },
];

/// Two-character words that never reduplicate; their doubling is a slip.
const REPEAT_WORDS: &[&str] = &[
    "不断", "加强", "积极", "认真", "切实", "全面", "深入", "持续", "大力", "及时", "以及", "同时",
    "其中", "按照", "根据", "对于", "关于", "并且", "因此", "但是", "所以", "进行", "开展", "推进",
    "落实", "完善", "提高", "提升", "严格", "坚持", "强化", "确保", "我们",
];

fn is_numeral(c: char) -> bool {
    "一二三四五六七八九十百千万零〇两".contains(c)
}

/// The length of the unit repeated at `i`, if a slip starts there.
fn repeat_at(st: &Stream, i: usize) -> Option<usize> {
    let c = st.chars[i];
    if !is_han(c) {
        return None;
    }
    let n = st.len();
    // A unit of k characters repeated puts `c` again at i + k: most characters
    // are done after four comparisons.
    if !(1..=4).any(|k| st.chars.get(i + k) == Some(&c)) {
        return None;
    }
    let doubled = |k: usize| i + 2 * k <= n && st.chars[i..i + k] == st.chars[i + k..i + 2 * k];
    for r in REPEATS {
        if !r.unit.starts_with(c) || !st.starts_with(i, r.unit) {
            continue;
        }
        let k = r.unit.chars().count();
        if !doubled(k) {
            continue;
        }
        if i > 0 && r.not_before.contains(st.chars[i - 1]) {
            return None;
        }
        if st
            .chars
            .get(i + 2 * k)
            .is_some_and(|&a| r.not_after.contains(a))
        {
            return None;
        }
        return Some(k);
    }
    if doubled(2) && REPEAT_WORDS.iter().any(|w| st.starts_with(i, w)) {
        return Some(2);
    }
    // Any three or four 汉字 repeated at once, other than numerals and one character
    // repeated (哈哈哈哈哈哈).
    [4, 3].into_iter().find(|&k| {
        doubled(k)
            && st.chars[i..i + k].iter().all(|&c| is_han(c))
            && !st.chars[i..i + k].iter().all(|&c| is_numeral(c))
            && st.chars[i + 1..i + k].iter().any(|&x| x != c)
    })
}

/// W703
fn repeated_word(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let st = Stream::build(ctx.report);
    let mut i = 0;
    while i < st.len() {
        let Some(k) = repeat_at(&st, i) else {
            i += 1;
            continue;
        };
        let unit = st.string(i, i + k);
        out.push(
            Diagnostic::new(
                &REPEATED_WORD,
                Location::Span(st.span(i, i + 2 * k)),
                format!("“{unit}{unit}”中“{unit}”重复"),
            )
            .with_help(format!("删去重复的“{unit}”"))
            .with_fix(Fix::new(
                format!("删去重复的“{unit}”"),
                Applicability::Suggested,
                vec![Edit {
                    span: st.span(i + k, i + 2 * k),
                    replacement: String::new(),
                }],
            )),
        );
        i += 2 * k;
    }
}

// ---------------------------------------------------------------------------
// W704 template-leftover
// ---------------------------------------------------------------------------

/// A bracketed note of the template contains one of these.
const NOTE_WORDS: &[&str] = &[
    "单位名称",
    "机关名称",
    "部门名称",
    "文字描述",
    "此处填写",
    "在此处",
    "此处报告",
    "请填写",
    "填写说明",
    "请输入",
    "待补充",
    "待填",
];

/// Or is exactly one of these.
const NOTE_EXACT: &[&str] = &["名称", "年份", "日期", "数字", "正文", "文字", "填写"];

/// Prompts outside brackets.
const PROMPTS: &[&str] = &["在此处填写", "此处填写", "请在此处", "在此处报告"];

/// What may follow 「请填写」 when it is a template's prompt (a report may tell
/// applicants 「请填写《申请表》」).
const PROMPT_FIELDS: &[&str] = &[
    "单位",
    "名称",
    "年份",
    "日期",
    "数字",
    "具体",
    "实际",
    "此处",
    "本单位",
    "内容",
    "X",
    "×",
];

fn is_blank_fill(c: char) -> bool {
    is_hspace(c) || c == '_' || c == '＿'
}

fn is_template_note(content: &str) -> bool {
    let c = content.trim_matches(is_hspace);
    c.chars().all(is_blank_fill)
        || NOTE_WORDS.iter().any(|w| c.contains(w))
        || NOTE_EXACT.contains(&c)
}

fn is_x(c: char) -> bool {
    matches!(c, 'X' | 'x' | 'Ｘ' | 'ｘ')
}

fn is_times(c: char) -> bool {
    matches!(c, '×' | '✕' | '╳')
}

/// W704
fn template_leftover(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let report = ctx.report;
    let lines = prose_lines(report);
    let mut found: Vec<(Span, String)> = Vec::new();
    let title_hint = |t: &str| t.contains("模板") || t.contains("模版");
    match &report.title {
        Some(t) if title_hint(&t.text) => {
            found.push((t.span, format!("标题“{}”仍是模板的标题", t.text.trim())))
        }
        Some(_) => {}
        None => {
            // No title with a year: the template's own 「……年度报告格式模板」 line.
            if let Some(l) = lines.iter().find(|l| !l.text.trim().is_empty()) {
                let cs = content_start(l.text);
                let t = l.text[cs..].trim_end_matches(is_hspace);
                if t.chars().count() <= 60 && t.contains("年度报告") && title_hint(t) {
                    found.push((
                        Span::new(l.start + cs, l.start + cs + t.len()),
                        format!("标题“{t}”仍是模板的标题"),
                    ));
                }
            }
        }
    }
    let mut buf: Vec<(usize, char)> = Vec::new();
    for line in &lines {
        let t = line.text;
        let suspect = |c: char| {
            is_x(c)
                || is_times(c)
                || matches!(c, '_' | '＿' | '（' | '(' | '【' | '[' | '［' | '此' | '请')
        };
        if !t.chars().any(suspect) {
            continue;
        }
        buf.clear();
        buf.extend(t.char_indices());
        let at = |a: usize, b: usize| Span::new(line.start + a, line.start + b);
        let mut covered: Vec<(usize, usize)> = Vec::new();
        // Bracketed notes: 「（文字描述）」「【请填写……】」「（ ）」.
        for (i, &(b, c)) in buf.iter().enumerate() {
            let closers: &[char] = match c {
                '（' | '(' => &['）', ')'],
                '【' => &['】'],
                '[' => &[']'],
                '［' => &['］'],
                _ => continue,
            };
            if covered.last().is_some_and(|&(_, e)| b < e) {
                continue;
            }
            let Some(&(cb, cc)) = buf[i + 1..]
                .iter()
                .take(80)
                .find(|x| closers.contains(&x.1) || x.1 == c)
            else {
                continue;
            };
            if cc == c {
                continue;
            }
            let content = &t[b + c.len_utf8()..cb];
            // Markdown check boxes 「[ ]」 and links 「[文字](网址)」.
            if c == '[' && (content.trim().is_empty() || t[cb + 1..].starts_with('(')) {
                continue;
            }
            if is_template_note(content) {
                let end = cb + cc.len_utf8();
                covered.push((b, end));
                let note = &t[b..end];
                let msg = if content.chars().all(is_blank_fill) {
                    format!("“{note}”是待填写的空白，没有填入内容")
                } else {
                    format!("“{note}”是模板的说明文字，没有替换为报告内容")
                };
                found.push((at(b, end), msg));
            }
        }
        let free = |covered: &[(usize, usize)], b: usize, e: usize| {
            !covered.iter().any(|&(s, t)| b < t && s < e)
        };
        let urls = url_ranges(t);
        // Placeholder runs: XX, XXXX, ××, and blanks ____.
        let mut i = 0;
        while i < buf.len() {
            let c = buf[i].1;
            let class = |x: char| {
                if is_x(c) {
                    x == c
                } else if is_times(c) {
                    is_times(x)
                } else {
                    x == '_' || x == '＿'
                }
            };
            if !(is_x(c) || is_times(c) || c == '_' || c == '＿') {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            while j < buf.len() && class(buf[j].1) {
                j += 1;
            }
            let (b, e) = (buf[i].0, buf.get(j).map_or(t.len(), |x| x.0));
            let prev = i.checked_sub(1).map(|k| buf[k].1);
            let next = buf.get(j).map(|x| x.1);
            let run = j - i;
            let yes = if is_x(c) {
                run >= 2
                    && !prev.is_some_and(|p| p.is_ascii_alphabetic())
                    && !next.is_some_and(|n| n.is_ascii_alphabetic())
                    && !urls.iter().any(|r| r.contains(&b))
                    && (prev_sig(&buf, i).is_some_and(|p| is_chinese(p) || is_digit(p))
                        || buf.get(j).is_some_and(|x| is_chinese(x.1))
                        || (buf.get(j).is_some_and(|x| x.1 == ' ')
                            && buf.get(j + 1).is_some_and(|x| is_chinese(x.1))))
            } else if is_times(c) {
                run >= 2
            } else {
                // Fill-in blanks; a line of underscores alone is a Markdown rule.
                run >= 3
                    && !t
                        .chars()
                        .all(|x| is_hspace(x) || x == '_' || x == '＿' || x == '-')
                    && !urls.iter().any(|r| r.contains(&b))
            };
            if yes && free(&covered, b, e) {
                let s = &t[b..e];
                let msg = if c == '_' || c == '＿' {
                    format!("“{s}”是待填写的空白，没有填入内容")
                } else {
                    format!("“{s}”是模板的占位符，没有替换为实际内容")
                };
                found.push((at(b, e), msg));
            }
            i = j;
        }
        // Prompts: 「此处填写」「请填写单位名称」.
        for p in PROMPTS {
            let mut from = 0;
            while let Some(k) = t[from..].find(p) {
                let b = from + k;
                if free(&covered, b, b + p.len()) {
                    found.push((
                        at(b, b + p.len()),
                        format!("“{p}”是模板的填写提示，没有删除"),
                    ));
                    covered.push((b, b + p.len()));
                }
                from = b + p.len();
            }
        }
        let mut from = 0;
        while let Some(k) = t[from..].find("请填写") {
            let b = from + k;
            let after = &t[b + "请填写".len()..];
            let prompt = after
                .chars()
                .next()
                .is_none_or(|n| !is_han(n) && n != '《' && n != '“')
                || PROMPT_FIELDS.iter().any(|f| after.starts_with(f));
            if prompt && free(&covered, b, b + "请填写".len()) {
                found.push((
                    at(b, b + "请填写".len()),
                    "“请填写”是模板的填写提示，没有删除".to_string(),
                ));
            }
            from = b + "请填写".len();
        }
    }
    crate::sort::sort_by_key(&mut found, |(s, _)| *s);
    found.dedup_by_key(|(s, _)| *s);
    for (span, msg) in found {
        out.push(
            Diagnostic::new(&TEMPLATE_LEFTOVER, Location::Span(span), msg)
                .with_help("把模板的占位符和说明文字替换为本机关本年度的实际内容，或删去"),
        );
    }
}

// ---------------------------------------------------------------------------
// W705 bracket-style
// ---------------------------------------------------------------------------

/// W705
fn bracket_style(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let report = ctx.report;
    let text = &report.text;
    let ords = ordinals(&prose_lines(report));
    if !is_mixed(&ords) {
        return;
    }
    let half: Vec<&Ordinal> = ords.iter().filter(|o| o.is_half()).collect();
    let full = ords.len() - half.len();
    let mut edits = Vec::new();
    for o in &half {
        if o.open_half {
            edits.push(Edit {
                span: Span::new(o.open, o.open + 1),
                replacement: "（".to_string(),
            });
        }
        if o.close_half {
            // 「(一) 加强」: the space goes with the bracket, as in 「（一）加强」.
            let rest = text.get(o.close + 1..).unwrap_or("");
            let mut r = rest.chars();
            let space = r.next() == Some(' ') && r.next().is_some_and(|c| !is_hspace(c));
            edits.push(Edit {
                span: Span::new(o.close, o.close + 1 + usize::from(space)),
                replacement: "）".to_string(),
            });
        }
    }
    let span = |o: &Ordinal| {
        let end = o.close + text[o.close..].chars().next().map_or(1, char::len_utf8);
        Span::new(o.open, end)
    };
    let first = text.get(span(half[0]).range()).unwrap_or("");
    out.push(
        Diagnostic::new(
            &BRACKET_STYLE,
            Location::Span(span(half[0])),
            format!(
                "序号括号全角与半角混用：全角{full}处，半角{}处（如“{first}”）",
                half.len()
            ),
        )
        .with_related(half[1..].iter().map(|o| Location::Span(span(o))))
        .with_help("公文的序号“（一）”“（1）”使用全角括号，请统一为全角")
        .with_fix(Fix::new(
            "把半角序号括号改为全角",
            Applicability::Safe,
            edits,
        )),
    );
}

// ---------------------------------------------------------------------------
// W706 stray-space
// ---------------------------------------------------------------------------

/// A line laid out with spaces or tabs (a table row, aligned columns).
fn is_layout_line(body: &str) -> bool {
    let body = body.trim_end_matches(is_hspace);
    let mut prev_space = false;
    for c in body.chars() {
        let space = is_hspace(c);
        if c == '\t' || (space && prev_space) {
            return true;
        }
        prev_space = space;
    }
    false
}

/// W706
fn stray_space(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let report = ctx.report;
    if looks_like_pdf(report) {
        return;
    }
    let mut hits = Vec::new();
    let mut buf: Vec<(usize, char)> = Vec::new();
    for line in prose_lines(report) {
        let cs = content_start(line.text);
        let body = &line.text[cs..];
        if is_layout_line(body) || !body.contains([' ', '\u{3000}', '\u{A0}']) {
            continue;
        }
        buf.clear();
        buf.extend(body.char_indices());
        for i in 1..buf.len().saturating_sub(1) {
            let (b, c) = buf[i];
            if !matches!(c, ' ' | '\u{3000}' | '\u{A0}') {
                continue;
            }
            let (p, n) = (buf[i - 1].1, buf[i + 1].1);
            let kind = if is_han(p) && is_han(n) {
                "汉字之间"
            } else if (is_han(p) && is_digit(n)) || (is_digit(p) && is_han(n)) {
                "汉字与数字之间"
            } else {
                continue;
            };
            // 「1 加强组织领导」: a short number that opens the line is an ordinal.
            if is_digit(p) && i <= 2 && buf[..i].iter().all(|x| is_digit(x.1)) {
                continue;
            }
            let s = Span::new(line.start + cs + b, line.start + cs + b + c.len_utf8());
            hits.push(Hit {
                at: s,
                edit: Edit {
                    span: s,
                    replacement: String::new(),
                },
                kind,
            });
        }
    }
    let text = &report.text;
    emit_grouped(
        &STRAY_SPACE,
        report,
        &hits,
        |label, hits| {
            if let [h] = hits {
                // 「“2021 年”」: a little context either side.
                let a = text[..h.at.start as usize]
                    .char_indices()
                    .rev()
                    .nth(2)
                    .map_or(0, |(k, _)| k);
                let e = h.at.end as usize;
                let b = text[e..]
                    .char_indices()
                    .nth(3)
                    .map_or(text.len(), |(k, _)| e + k);
                let ctx = text[a..b].split('\n').collect::<Vec<_>>().join("");
                format!("{label}“{ctx}”中{}有多余的空格", h.kind)
            } else {
                format!(
                    "{label}有{}处多余的空格（{}）",
                    hits.len(),
                    count_kinds(hits)
                )
            }
        },
        "删去多余的空格",
        "公文中汉字之间、汉字与数字之间不加空格，如“2021年”“共3件”",
        out,
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::apply_fixes;
    use crate::parse::parse_text;
    use crate::rules::Config;

    const W: [&RuleMeta; 6] = [
        &HALFWIDTH_PUNCTUATION,
        &MISUSED_WORD,
        &REPEATED_WORD,
        &TEMPLATE_LEFTOVER,
        &BRACKET_STYLE,
        &STRAY_SPACE,
    ];

    fn run_on(rule: &RuleMeta, report: &Report) -> Vec<Diagnostic> {
        let config = Config::default();
        let ctx = Context::new(report, &config, None);
        let mut out = Vec::new();
        (rule.check)(&ctx, &mut out);
        out
    }

    fn run(rule: &RuleMeta, text: &str) -> Vec<Diagnostic> {
        run_on(rule, &parse_text(text))
    }

    /// `text` with every fix of `rule` applied (safe and suggested).
    fn fixed(rule: &RuleMeta, text: &str) -> String {
        apply_fixes(text, &run(rule, text), Applicability::Suggested).0
    }

    /// Table-driven: `input => output` after the rule's fixes; equal strings
    /// mean the rule must not fire at all.
    fn check_cases(rule: &RuleMeta, cases: &[(&str, &str)]) {
        let mut failures = Vec::new();
        for &(input, want) in cases {
            let found = run(rule, input);
            let got = fixed(rule, input);
            let ok = if input == want {
                found.is_empty()
            } else {
                got == want && !found.is_empty()
            };
            if !ok {
                let msgs: Vec<&str> = found.iter().map(|d| d.message.as_str()).collect();
                failures.push(format!(
                    "{}: {input:?}\n  want {want:?}\n  got  {got:?} {msgs:?}",
                    rule.code
                ));
            }
        }
        assert!(failures.is_empty(), "\n{}", failures.join("\n"));
    }

    #[test]
    fn w701_halfwidth_punctuation() {
        check_cases(
            &HALFWIDTH_PUNCTUATION,
            &[
                (
                    "领导小组下设办公室和日常工作机构,办公室设在党政办。",
                    "领导小组下设办公室和日常工作机构，办公室设在党政办。",
                ),
                ("### (一) 加强组织领导", "### （一）加强组织领导"),
                ("(1) 加强组织领导", "（1）加强组织领导"),
                ("2021年,全镇;共计:3件", "2021年，全镇；共计：3件"),
                ("是否公开?请答复!", "是否公开？请答复！"),
                (
                    "收费金额 (单位: 万元, 保留4位小数)",
                    "收费金额（单位：万元，保留4位小数）",
                ),
                (
                    "采用PPP(政府和社会资本合作)模式",
                    "采用PPP（政府和社会资本合作）模式",
                ),
                ("我们使用Word,并且", "我们使用Word，并且"),
                (
                    "邮箱:abc@163.com,电话:0517-12345678。",
                    "邮箱：abc@163.com，电话：0517-12345678。",
                ),
                ("时间为12:30,地点待定。", "时间为12:30，地点待定。"),
                ("见第二十条第(一)项", "见第二十条第（一）项"),
                // Must not fire.
                ("共1,234条，上午9:30开会。", "共1,234条，上午9:30开会。"),
                (
                    "网址：https://www.gov.cn/a?b=1,2;c=(3)。",
                    "网址：https://www.gov.cn/a?b=1,2;c=(3)。",
                ),
                ("网址：www.gov.cn/x?y=1。", "网址：www.gov.cn/x?y=1。"),
                ("Hello, world! 这是测试。", "Hello, world! 这是测试。"),
                (
                    "系统版本 Windows (x64) 已升级。",
                    "系统版本 Windows (x64) 已升级。",
                ),
                ("详见[链接](http://a.cn)。", "详见[链接](http://a.cn)。"),
                (
                    "全部使用全角标点，（一）无误：是否？好！",
                    "全部使用全角标点，（一）无误：是否？好！",
                ),
            ],
        );
    }

    #[test]
    fn w701_is_one_finding_per_part_with_every_place() {
        let text = "# 某镇2021年政府信息公开工作年度报告\n\n## 一、总体情况\n\n甲,乙,丙。\n\n丁;戊。\n\n## 二、主动公开政府信息情况\n\n己,庚。\n";
        let found = run(&HALFWIDTH_PUNCTUATION, text);
        assert_eq!(found.len(), 2, "{found:#?}");
        assert_eq!(found[0].related.len(), 2);
        assert_eq!(found[0].fix.as_ref().unwrap().edits().len(), 3);
        assert!(
            found[0].message.contains("“一、总体情况”部分"),
            "{}",
            found[0].message
        );
        assert!(
            found[0].message.contains("逗号2处、分号1处"),
            "{}",
            found[0].message
        );
        assert!(!found[0].message.ends_with('。'));
    }

    #[test]
    fn w701_leaves_tables_alone() {
        let seed = include_str!("../../tests/fixtures/text/seed.txt");
        let report = parse_text(seed);
        let tables = table_spans(&report);
        assert_eq!(tables.len(), 3);
        for d in run_on(&HALFWIDTH_PUNCTUATION, &report) {
            for loc in d.locations() {
                let Location::Span(s) = loc else { panic!() };
                assert!(!tables.iter().any(|t| t.start <= s.start && s.start < t.end));
            }
        }
    }

    #[test]
    fn w702_misused_words() {
        check_cases(
            &MISUSED_WORD,
            &[
                ("截止目前共组织2期。", "截至目前共组织2期。"),
                ("截止到2021年底。", "截至2021年底。"),
                (
                    "截止2021年12月31日，共受理。",
                    "截至2021年12月31日，共受理。",
                ),
                ("截止 2021年底。", "截至 2021年底。"),
                ("质量取的一定突破。", "质量取得一定突破。"),
                ("工作取的明显成效。", "工作取得明显成效。"),
                (
                    "按照根据信息公开工作相关规定。",
                    "按照信息公开工作相关规定。",
                ),
                ("将此项工作做为重点。", "将此项工作作为重点。"),
                ("既使困难再大，也要完成。", "即使困难再大，也要完成。"),
                ("精心布署。", "精心部署。"),
                ("认真贯沏落实。", "认真贯彻落实。"),
                ("按排专人负责。", "安排专人负责。"),
                ("消息不径而走。", "消息不胫而走。"),
                ("再接再励。", "再接再厉。"),
                ("一愁莫展。", "一筹莫展。"),
                ("即然如此。", "既然如此。"),
                ("共同度过难关。", "共同渡过难关。"),
                ("一如继往地做好。", "一如既往地做好。"),
                // Must not fire.
                ("截至目前共组织2期。", "截至目前共组织2期。"),
                (
                    "报名截止日期为1月31日，逾期截止。",
                    "报名截止日期为1月31日，逾期截止。",
                ),
                ("采取的措施取得突破。", "采取的措施取得突破。"),
                ("获取的信息成果丰富。", "获取的信息成果丰富。"),
                ("认真部署，周密安排。", "认真部署，周密安排。"),
                ("多做为民办实事。", "多做为民办实事。"),
                (
                    "既使群众满意，又使企业受益。",
                    "既使群众满意，又使企业受益。",
                ),
                (
                    "按排名先后。按排查结果处理。",
                    "按排名先后。按排查结果处理。",
                ),
                (
                    "迄今为止，共同渡过难关，度过春节。",
                    "迄今为止，共同渡过难关，度过春节。",
                ),
                ("有关健康码的信息。", "有关健康码的信息。"),
                ("交通迅速恢复。", "交通迅速恢复。"),
                ("发布署名文章。", "发布署名文章。"),
                ("立即然后处理。", "立即然后处理。"),
            ],
        );
    }

    #[test]
    fn w702_message_names_both_forms() {
        let found = run(&MISUSED_WORD, "雁鸣湖镇按照根据相关规定。");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].message, "“按照根据”应为“按照”或“根据”");
        assert!(found[0].help.as_deref().unwrap().contains("介词"));
        let found = run(&MISUSED_WORD, "取的一定突破");
        assert_eq!(found[0].message, "“取的一定突破”应为“取得一定突破”");
        // Only the differing character is replaced.
        let edits = found[0].fix.as_ref().unwrap().edits();
        assert_eq!(edits.len(), 1);
        assert_eq!(edits[0].replacement, "得");
        assert_eq!(edits[0].span.len(), "的".len());
    }

    #[test]
    fn w702_word_list_is_well_formed() {
        let src = include_str!("misused_words.txt");
        let entries = parse_lexicon(src).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(entries.len(), lexicon().entries.len());
        assert!(entries.len() >= 40);
        // Every wrong form is reported, and its fix is no longer reported.
        for e in &entries {
            let sample = |toks: &[Tok]| -> String {
                toks.iter()
                    .map(|t| match t {
                        Tok::Lit(w) => w.iter().collect(),
                        Tok::Gap => "一定".to_string(),
                        Tok::Digit => "1".to_string(),
                    })
                    .collect()
            };
            let after = e.after_is.first().cloned().unwrap_or_default();
            let wrong = format!("。{}{after}。", sample(&e.wrong));
            let found = run(&MISUSED_WORD, &wrong);
            assert_eq!(found.len(), 1, "{wrong}: {found:#?}");
            let right = fixed(&MISUSED_WORD, &wrong);
            assert_eq!(right, format!("。{}{after}。", sample(&e.rights[0])));
            assert!(run(&MISUSED_WORD, &right).is_empty(), "{right}");
        }
        assert!(parse_entry("做为 作为 | x").is_err());
        assert!(parse_entry("取的…突破 → 取得突破 | x").is_err());
        assert!(parse_entry("做为 → 作为").is_err());
        assert!(parse_entry("做为 → 作为 | x | 前面:a").is_err());
    }

    #[test]
    fn w702_matches_across_a_wrapped_pdf_line() {
        let text = "一、总体情况\n   我镇截止目\n前共受理申请3件。\n\u{c}-1-\n二、其他\n-2-\n";
        let found = run(&MISUSED_WORD, text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].message, "“截止目前”应为“截至目前”");
        // In pasted text a line break is a paragraph break.
        assert!(run(&MISUSED_WORD, "我镇截止目\n前共受理申请3件。").is_empty());
    }

    #[test]
    fn w703_repeated_words() {
        check_cases(
            &REPEATED_WORD,
            &[
                ("公开的的信息。", "公开的信息。"),
                ("进一步进一步加强。", "进一步加强。"),
                ("完成了了任务。", "完成了任务。"),
                ("政府和和社会。", "政府和社会。"),
                ("认真认真落实。", "认真落实。"),
                ("政府信息政府信息公开。", "政府信息公开。"),
                // Must not fire.
                (
                    "常常、天天、人人、时时、一一、谢谢、看看、层层。",
                    "常常、天天、人人、时时、一一、谢谢、看看、层层。",
                ),
                ("为了了解情况，不了了之。", "为了了解情况，不了了之。"),
                ("的的确确，达到目的的手段。", "的的确确，达到目的的手段。"),
                ("和和气气，维护稳定和和谐。", "和和气气，维护稳定和和谐。"),
                (
                    "公众参与与监督，以及及时公开。",
                    "公众参与与监督，以及及时公开。",
                ),
                (
                    "学习习近平新时代，改进工作作风，进行行政复议。",
                    "学习习近平新时代，改进工作作风，进行行政复议。",
                ),
                (
                    "研究研究，一步一步，一个一个。",
                    "研究研究，一步一步，一个一个。",
                ),
                (
                    "2020年2020年，一二三一二三，哈哈哈哈哈哈。",
                    "2020年2020年，一二三一二三，哈哈哈哈哈哈。",
                ),
            ],
        );
    }

    #[test]
    fn w704_template_leftovers() {
        let fires = [
            "XX县人民政府",
            "XXXX年政府信息公开",
            "××镇人民政府",
            "ＸＸ局",
            "20XX年",
            "（单位名称）",
            "一、总体情况\n（文字描述）",
            "（文字描述，收取信息处理费情况在此处报告。）",
            "【请填写单位名称】",
            "请在此处填写。",
            "请填写本单位名称。",
            "共受理（ ）件。",
            "共受理____件。",
        ];
        for t in fires {
            assert!(!run(&TEMPLATE_LEFTOVER, t).is_empty(), "{t}");
        }
        let quiet = [
            "XXL型号，Xxx公司，WXXW，Mexx品牌。",
            "（以下简称《条例》）（单位：万元）（国令第711号）",
            "3×4的表格。",
            "编制答复书模板。",
            "申请人请填写《政府信息公开申请表》。",
            "见https://xx.gov.cn/a。",
            "[链接](http://a.cn)",
            "见[文字描述](http://a.cn)。",
            "---\n___\n",
        ];
        for t in quiet {
            assert!(
                run(&TEMPLATE_LEFTOVER, t).is_empty(),
                "{t}: {:#?}",
                run(&TEMPLATE_LEFTOVER, t)
            );
        }
        // A title still reading like the template.
        let found = run(
            &TEMPLATE_LEFTOVER,
            "政府信息公开工作年度报告格式模板\n一、总体情况\n",
        );
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains("格式模板"));
        let found = run(
            &TEMPLATE_LEFTOVER,
            "某县2021年政府信息公开工作年度报告（模板）\n",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        // One finding per placeholder, the note not counted twice.
        let found = run(&TEMPLATE_LEFTOVER, "（XX单位名称）");
        assert_eq!(found.len(), 1, "{found:#?}");
    }

    #[test]
    fn w705_bracket_style() {
        check_cases(
            &BRACKET_STYLE,
            &[
                (
                    "(一) 加强领导\n（二）完善制度\n",
                    "（一）加强领导\n（二）完善制度\n",
                ),
                (
                    "## （一）甲\n## (1) 乙\n## （2）丙\n",
                    "## （一）甲\n## （1）乙\n## （2）丙\n",
                ),
                ("（一)甲\n（二）乙\n", "（一）甲\n（二）乙\n"),
                // Must not fire: consistent, or not an ordinal at the start of a line.
                ("（一）甲\n（二）乙\n", "（一）甲\n（二）乙\n"),
                ("(一) 甲\n(二) 乙\n", "(一) 甲\n(二) 乙\n"),
                ("（一）甲\n见第(二)项\n", "（一）甲\n见第(二)项\n"),
            ],
        );
        let found = run(&BRACKET_STYLE, "(一) 甲\n（二）乙\n(三) 丙\n");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].related.len(), 1);
        assert_eq!(
            found[0].message,
            "序号括号全角与半角混用：全角1处，半角2处（如“(一)”）"
        );
        // W701 leaves mixed ordinals to W705, and still reports the rest.
        let w701 = run(&HALFWIDTH_PUNCTUATION, "(一) 甲,乙\n（二）乙\n");
        assert_eq!(w701.len(), 1);
        assert_eq!(w701[0].related.len(), 0, "{w701:#?}");
    }

    #[test]
    fn w706_stray_spaces() {
        check_cases(
            &STRAY_SPACE,
            &[
                (
                    "2021 年，全镇共受理申请 3 件。",
                    "2021年，全镇共受理申请3件。",
                ),
                ("政府 信息公开", "政府信息公开"),
                (
                    "# 某镇 2021 年政府信息公开工作年度报告",
                    "# 某镇2021年政府信息公开工作年度报告",
                ),
                ("全角　空格", "全角空格"),
                // Must not fire.
                ("- 1、在政务公开信息工作中", "- 1、在政务公开信息工作中"),
                ("1 加强组织领导", "1 加强组织领导"),
                ("使用 Word 编辑。", "使用 Word 编辑。"),
                ("2021 年", "2021年"),
                (
                    "信息内容  本年制发件数  本年废止件数",
                    "信息内容  本年制发件数  本年废止件数",
                ),
                ("行政许可\t0", "行政许可\t0"),
                ("| 规章 | 0 |", "| 规章 | 0 |"),
                ("2021年，一、 总体", "2021年，一、 总体"),
            ],
        );
        // Text from a PDF: the spaces are the renderer's, not the author's.
        assert!(run(&STRAY_SPACE, "2021 年，全镇\n\u{c}共受理 3 件。\n").is_empty());
        assert!(run(&STRAY_SPACE, "2021 年，全镇\n-1-\n共受理 3 件。\n-2-\n").is_empty());
    }

    /// Applying a rule's safe fixes leaves nothing for the rule to fix.
    #[test]
    fn safe_fixes_converge() {
        let seed = include_str!("../../tests/fixtures/text/seed.txt");
        let samples = [
            seed,
            "# 某镇 2021 年报告\n\n## 一、总体情况\n\n(一) 甲,乙 (丙) 丁\n（二）乙: 1,234 共 3 件\n\n## 二、其他\n\n(三) 政府 信息?是!\n",
        ];
        for sample in samples {
            for rule in [&HALFWIDTH_PUNCTUATION, &BRACKET_STYLE, &STRAY_SPACE] {
                let (once, _) = apply_fixes(sample, &run(rule, sample), Applicability::Safe);
                let again: Vec<_> = run(rule, &once)
                    .into_iter()
                    .filter(|d| {
                        d.fix
                            .as_ref()
                            .is_some_and(|f| f.applicability == Applicability::Safe)
                    })
                    .collect();
                assert!(again.is_empty(), "{}: {once}\n{again:#?}", rule.code);
            }
            // All the W rules' safe fixes together reach a fixed point in a few rounds
            // (fixes of different rules that interleave wait for the next round).
            let mut text = sample.to_string();
            let mut rounds = 0;
            loop {
                let report = parse_text(&text);
                let all: Vec<Diagnostic> = W.iter().flat_map(|r| run_on(r, &report)).collect();
                let (next, applied) = apply_fixes(&text, &all, Applicability::Safe);
                if applied == 0 {
                    break;
                }
                text = next;
                rounds += 1;
                assert!(rounds <= 4, "no fixed point: {text}");
            }
            assert!(!text.contains(",办公室"));
        }
    }

    /// The fixed seed reads as 公文 should.
    #[test]
    fn the_fixed_seed() {
        let seed = include_str!("../../tests/fixtures/text/seed.txt");
        let (fixed, _) = apply_fixes(
            seed,
            &run(&HALFWIDTH_PUNCTUATION, seed),
            Applicability::Safe,
        );
        assert!(fixed.contains("### （一）加强组织领导、完善制度建设"));
        assert!(fixed.contains("日常工作机构，办公室设在党政办，并指定1名"));
        assert!(fixed.contains("#### （二）下步计划及改进情况"));
        // The tables are untouched.
        assert!(fixed.contains("第二十条第(一)项"));
        assert!(
            fixed.contains("(本列数据的勾稽关系为: 第一项加第二项之和, 等于第三项加第四项之和)")
        );
    }

    #[test]
    fn never_panics_at_any_offset() {
        let sample = "# XX县2021年报告\n## 一、总体情况\n(一) 截止目前,取的一定突破（文字描述）的的 2021 年【请填写】\n\u{c}-1-\n（二）https://a.cn/?x=1, 共 3 件；进一步进一步__\n| a | b |\n- 1、甲 乙\n";
        let check_all = |t: &str| {
            let report = parse_text(t);
            for rule in W {
                for d in run_on(rule, &report) {
                    if let Some(f) = &d.fix {
                        for e in f.edits() {
                            assert!(t.is_char_boundary(e.span.start as usize));
                            assert!(t.is_char_boundary(e.span.end as usize));
                        }
                    }
                }
            }
        };
        let bytes = sample.as_bytes();
        for i in 0..=bytes.len() {
            // Cut anywhere, inside a character too (it becomes U+FFFD).
            check_all(&String::from_utf8_lossy(&bytes[..i]));
            check_all(&String::from_utf8_lossy(&bytes[i..]));
            if sample.is_char_boundary(i) {
                for c in [",", "(", ")", " ", "X", "\n", "\r\n", "\u{c}"] {
                    let mut s = sample.to_string();
                    s.insert_str(i, c);
                    check_all(&s);
                }
            }
        }
    }

    #[test]
    fn messages_are_one_sentence_without_a_full_stop() {
        let sample = "# XX县2021年报告\n## 一、总体情况\n(一) 截止目前,取的一定突破（文字描述）的的 2021 年\n（二）甲\n";
        let report = parse_text(sample);
        let mut codes = Vec::new();
        for rule in W {
            for d in run_on(rule, &report) {
                assert!(!d.message.ends_with('。'), "{}", d.message);
                assert!(!d.message.contains('\n'), "{}", d.message);
                codes.push(d.code);
            }
        }
        codes.dedup();
        assert_eq!(codes, ["W701", "W702", "W703", "W704", "W705", "W706"]);
    }
}
