//! 日期与主体：D5xx — the report year, the publication date, impossible dates
//! and the reporting body.
//!
//! The rules read the text through one date scanner ([`scan_dates`]) that works
//! on a normalised view of the text ([`Norm`]): whitespace is dropped (PDF
//! extraction writes 「2024 年 1 月」 and breaks lines inside dates) and
//! full-width digits read as ASCII. It finds 「YYYY年」「YYYY年度」「YYYY年M月」
//! 「YYYY年M月D日」「M月D日」, 「YYYY-MM-DD」, Chinese-numeral dates
//! (「二〇二二年一月八日」) and the garbled forms of real reports (「20251月1日」
//! 「202512月31日」「2021年13月」「1月38日」).
//!
//! All four rules are conservative: a year, a date or a name is judged only in
//! the contexts where it plainly refers to this report (its period, its
//! publication, its author), never inside 《》 titles, document numbers or
//! comparisons with earlier years.

use std::collections::BTreeMap;

use super::{BodyType, Context, Date, declare_rule};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, Location};
use crate::model::Report;
use crate::text::Span;

declare_rule! {
    /// ## 检查内容
    ///
    /// 正文中指本报告期的年份与报告年度不一致。报告年度取标题中的年份；标题没有年份时，
    /// 取「统计期限自YYYY年1月1日起至YYYY年12月31日止」中的年份。以下年份被核对：
    ///
    /// - 统计期限（「YYYY年1月1日至YYYY年12月31日」）中的年份；
    /// - 「现将……YYYY年……报告如下」中指本报告的年份；
    /// - 句首叙述本年工作的年份：「2020年，我镇……」「2020年全区受理……」（只核对早于报告年度的年份）。
    ///
    /// 不核对：「上年」「同比」「较2020年」「与2020年相比」「2020年同期」等比较所在的句子；「2019年以来」；
    /// 文号〔2021〕；《……2019年……》等文件、法规名称和引号内的名称；「2019年修订的《条例》」；
    /// 发布日期（「于2022年1月8日……公布」）；下一年度的计划（「2022年，我镇将……」）。
    /// 同一个错误年份出现多次，只报告一次，并列出全部位置。
    ///
    /// ## 为什么
    ///
    /// 年度报告常在上一年报告的基础上修改，标题改了、正文里的年份却没改，是「照搬往年」最常见的痕迹，
    /// 也让读者无法判断所说的数字属于哪一年。
    ///
    /// ## 示例
    ///
    /// 标题为「雁鸣湖镇2021年政府信息公开工作年度报告」，正文写「2020年,雁鸣湖镇坚持在便民服务中心设立
    /// 依申请公开接待窗口……」；或统计期限写作「自2020年1月1日起至2020年12月31日止」。
    ///
    /// ## 依据
    ///
    /// 《中华人民共和国政府信息公开条例》第四十九条（报告的是「上一年度」的工作）；
    /// 国办公开办函〔2021〕30号格式的标题「××年政府信息公开工作年度报告」。
    pub static YEAR_MISMATCH = {
        code: "D501",
        name: "year-mismatch",
        title: "正文年份与报告年度不符",
        family: Dates,
        severity: Warning,
        check: year_mismatch,
    };
}

declare_rule! {
    /// ## 检查内容
    ///
    /// 报告的发布日期晚于法定期限。发布日期依次取自：
    ///
    /// - 正文中关于本报告公布的陈述，如「……2021年政府信息公开工作年度报告，并于2022年1月8日……公布」；
    /// - 「发布日期：」「公布日期：」「成文日期：」「日期：」等行；
    /// - 报告末尾落款下单独成行的日期；
    /// - 正文没有写明时，取设置中的发布日期。
    ///
    /// 期限按机关类型确定：县级以上人民政府部门为次年1月31日；乡镇人民政府、街道办事处默认按次年
    /// 1月31日；县级以上地方人民政府本级报告为次年3月31日。机关类型取设置；未设置时由标题主体推断：
    /// 名称以镇、乡、街道结尾的为乡镇、街道；以「人民政府」结尾（不含办公室、办公厅）且含省、市、县、区等
    /// 行政区划的为县级以上地方人民政府；其余按部门计。消息中写明所用期限及其理由。
    /// 没有任何发布日期时不报告。
    ///
    /// ## 为什么
    ///
    /// 按时公布年度报告是法定义务，逾期发布也是各地考核扣分的常见事项。落款日期晚于期限，
    /// 说明报告不可能按时公布。
    ///
    /// ## 示例
    ///
    /// 「雁鸣湖镇2021年政府信息公开工作年度报告……于2022年2月8日在本单位政府信息公开网站首页向社会进行了公布」：
    /// 乡镇的期限为2022年1月31日，晚了8天。
    ///
    /// ## 依据
    ///
    /// 《中华人民共和国政府信息公开条例》第四十九条：县级以上人民政府部门应当在每年1月31日前公布
    /// 上一年度报告；县级以上地方人民政府的政府信息公开工作主管部门应当在每年3月31日前公布本级政府
    /// 上一年度报告。乡镇、街道的期限《条例》未列明，各地规定不一，默认按1月31日，可在设置中改为其他机关类型。
    pub static LATE_PUBLICATION = {
        code: "D502",
        name: "late-publication",
        title: "发布日期晚于法定期限",
        family: Dates,
        severity: Warning,
        check: late_publication,
    };
}

declare_rule! {
    /// ## 检查内容
    ///
    /// 不存在或书写错误的日期：
    ///
    /// - 漏写「年」字，年份和月份连在一起：「20251月1日」「截至202512月31日」；
    /// - 月份不在1至12之间：「2021年13月」；
    /// - 当月没有这一天：「1月38日」「2021年2月30日」「2023年2月29日」（闰年的2月29日是有效日期）。
    ///
    /// 阿拉伯数字、全角数字、中文数字（「二〇二二年一月三十八日」）和「2022-13-01」式的日期都会核对，
    /// PDF 转出的空格（「2024 年 1 月 38 日」）不影响识别。同样写法的错误日期只报告一次。
    ///
    /// ## 为什么
    ///
    /// 日期写错会让统计期限、发布时间等关键信息失去意义，也是校对不严的明显标志。
    ///
    /// ## 示例
    ///
    /// 「统计期限自2025年1月1日至202512月31日止」：应为「2025年12月31日」。
    ///
    /// ## 依据
    ///
    /// 公历日期规则；《党政机关公文格式》（GB/T 9704—2012）对日期写法的要求。真实报告中的例子：
    /// 白银区2025年报告「20251月1日」、涡阳县审计局2025年报告「截至202512月31日」。
    pub static MALFORMED_DATE = {
        code: "D503",
        name: "malformed-date",
        title: "日期不存在或书写错误",
        family: Dates,
        severity: Error,
        check: malformed_date,
    };
}

declare_rule! {
    /// ## 检查内容
    ///
    /// 正文把另一个机关的名称当作报告主体，通常是照抄其他单位报告后没有改名。核对的是明确指报告
    /// 主体的位置：
    ///
    /// - 「现将××镇人民政府2021年政府信息公开工作……报告如下」；
    /// - 「本报告由××编制」；
    /// - 「××2021年政府信息公开工作年度报告」（同级机关的名称）；
    /// - 「本机关（××）」「我单位（××）」；
    /// - 乡镇、街道和县区的报告中，句首作主语的同级地名：「××镇及时公布……」「××镇坚持……」。
    ///
    /// 标题主体的各种写法视为同一主体：「雁鸣湖镇人民政府」「雁鸣湖镇」「本镇」「我镇」，
    /// 「淮安市洪泽区人民政府」与「洪泽区人民政府」，「××人民政府」与其「××人民政府办公室」。
    /// 上级或下级单位的名称（市政府报告中的各区县、乡镇报告中的村）不报告；「××」等模板占位符由
    /// W704 报告，本条不重复。同一个名称出现多次，只报告一次，并列出全部位置。
    ///
    /// ## 为什么
    ///
    /// 「年报与其他单位雷同」是各地考核明确扣分的问题；报告中出现别的单位的名称，读者会怀疑
    /// 其中的数字是否属于本机关。
    ///
    /// ## 示例
    ///
    /// 标题为「雁鸣湖镇2021年政府信息公开工作年度报告」，正文却写「现将白鹭湾镇人民政府2021年政府信息
    /// 与政务公开工作报告如下」「白鹭湾镇及时公布政府信息公开指南」。
    ///
    /// ## 依据
    ///
    /// 《中华人民共和国政府信息公开条例》第四十九条（报告的是「本行政机关」的工作）；
    /// 泉州市鲤城区政务公开考评「年度报告与往年或与其他单位雷同扣5分」。
    pub static UNIT_MISMATCH = {
        code: "D504",
        name: "unit-mismatch",
        title: "出现其他机关名称作为报告主体",
        family: Dates,
        severity: Warning,
        check: unit_mismatch,
    };
}

// ---------------------------------------------------------------------------
// The normalised text and the date scanner.

/// The text as the scanner reads it: whitespace dropped, full-width digits as
/// ASCII, each char with its place in the source.
struct Norm {
    chars: Vec<char>,
    /// The source byte range of each char.
    spans: Vec<Span>,
    /// How many line breaks were dropped just before each char.
    breaks: Vec<u8>,
}

impl Norm {
    fn new(text: &str) -> Norm {
        let mut chars: Vec<char> = Vec::with_capacity(text.len() / 2);
        let mut spans = Vec::with_capacity(text.len() / 2);
        let mut breaks = Vec::with_capacity(text.len() / 2);
        // A dropped run of whitespace: the span of its first char, its line breaks.
        let mut pending: Option<(Span, u8)> = None;
        for (i, ch) in text.char_indices() {
            if ch.is_whitespace() {
                let p = pending.get_or_insert((Span::new(i, i + ch.len_utf8()), 0));
                if ch == '\n' {
                    p.1 = p.1.saturating_add(1);
                }
                continue;
            }
            let c = fold_digit(ch);
            let mut brk = 0;
            if let Some((ws, n)) = pending.take() {
                brk = n;
                // Keep digit runs apart: 「1 0 11」 is three numbers, not 1011.
                if c.is_ascii_digit() && chars.last().is_some_and(|p| p.is_ascii_digit()) {
                    chars.push(' ');
                    spans.push(ws);
                    breaks.push(n);
                    brk = 0;
                }
            }
            chars.push(c);
            spans.push(Span::new(i, i + ch.len_utf8()));
            breaks.push(brk);
        }
        Norm {
            chars,
            spans,
            breaks,
        }
    }

    fn len(&self) -> usize {
        self.chars.len()
    }

    /// The source span of chars `start..end` (`start < end`).
    fn span(&self, start: usize, end: usize) -> Span {
        Span {
            start: self.spans[start].start,
            end: self.spans[end - 1].end,
        }
    }

    fn string(&self, start: usize, end: usize) -> String {
        self.chars[start.min(self.len())..end.min(self.len())]
            .iter()
            .collect()
    }

    fn at(&self, i: usize) -> Option<char> {
        self.chars.get(i).copied()
    }

    fn starts_with(&self, at: usize, s: &str) -> bool {
        (at..).zip(s.chars()).all(|(i, ch)| self.at(i) == Some(ch))
    }

    /// The first index in `from..to` where `s` begins.
    fn find(&self, from: usize, to: usize, s: &str) -> Option<usize> {
        (from..to.min(self.len())).find(|&i| self.starts_with(i, s))
    }

    /// The sentence around char `i`: bounded by 。！？； and blank lines, at most
    /// 300 chars either way (a PDF breaks lines inside sentences, so a single
    /// line break is no boundary).
    fn sentence(&self, i: usize) -> (usize, usize) {
        let mut start = i.min(self.len());
        let lo = i.saturating_sub(300);
        while start > lo
            && !SENTENCE_END.contains(&self.chars[start - 1])
            && self.breaks.get(start).is_none_or(|&b| b < 2)
        {
            start -= 1;
        }
        let mut end = i.min(self.len());
        let hi = (i + 300).min(self.len());
        while end < hi && !SENTENCE_END.contains(&self.chars[end]) {
            end += 1;
            if end < self.len() && self.breaks[end] >= 2 {
                break;
            }
        }
        (start, end)
    }

    /// Whether char `i` begins a line or follows 。；：, ignoring Markdown markers
    /// (「## 」「- 」) before it; `commas`: whether 「，」 counts too.
    fn line_or_clause_start(&self, i: usize, commas: bool) -> bool {
        let mut k = i;
        while k > 0
            && self.breaks[k] == 0
            && matches!(self.chars[k - 1], '#' | '-' | '*' | '>' | '·')
        {
            k -= 1;
        }
        if k == 0 || self.breaks[k] > 0 {
            return true;
        }
        let p = self.chars[k - 1];
        SENTENCE_END.contains(&p) || matches!(p, '：' | ':') || (commas && matches!(p, '，' | ','))
    }

    /// Whether char `i` begins a clause: a line or sentence start, or right
    /// after an ordinal label at one (「（一）」「1、」「2.」).
    fn clause_start(&self, i: usize, commas: bool) -> bool {
        if self.line_or_clause_start(i, commas) {
            return true;
        }
        let Some(&p) = i.checked_sub(1).and_then(|k| self.chars.get(k)) else {
            return true;
        };
        let numeral = |c: char| c.is_ascii_digit() || cn_digit(c).is_some() || c == '十';
        if matches!(p, '）' | ')') {
            let lo = i.saturating_sub(6);
            let mut k = i - 1;
            while k > lo && numeral(self.chars[k - 1]) {
                k -= 1;
            }
            if k < i - 1 && k > 0 && matches!(self.chars[k - 1], '（' | '(') {
                return self.line_or_clause_start(k - 1, commas);
            }
        } else if matches!(p, '、' | '.' | '．') {
            let lo = i.saturating_sub(5);
            let mut k = i - 1;
            while k > lo && numeral(self.chars[k - 1]) {
                k -= 1;
            }
            if k < i - 1 {
                return self.line_or_clause_start(k, commas);
            }
        }
        false
    }

    /// For each char, whether it lies inside 《》〈〉“”「」『』 (reset at each
    /// sentence end and blank line, so that an unclosed mark spoils little).
    fn quoted(&self) -> Vec<bool> {
        let mut depth = 0u32;
        let mut out = Vec::with_capacity(self.len());
        for (i, &c) in self.chars.iter().enumerate() {
            if self.breaks[i] >= 2 {
                depth = 0;
            }
            match c {
                '《' | '〈' | '“' | '「' | '『' => {
                    depth += 1;
                    out.push(true);
                }
                '》' | '〉' | '”' | '」' | '』' => {
                    depth = depth.saturating_sub(1);
                    out.push(true);
                }
                '。' => {
                    depth = 0;
                    out.push(false);
                }
                _ => out.push(depth > 0),
            }
        }
        out
    }
}

const SENTENCE_END: [char; 7] = ['。', '！', '？', '；', '!', '?', ';'];

fn fold_digit(c: char) -> char {
    match c {
        '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
        _ => c,
    }
}

/// A digit of a Chinese-numeral year: 〇 (or 零, ○) and 一 … 九.
fn cn_digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '零' | '○' => 0,
        '一' => 1,
        '二' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// What is wrong with a date as written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Defect {
    /// 「20251月1日」: no 「年」 between the year and the month.
    MissingNian,
    /// 「2021年13月」: a month outside 1–12.
    BadMonth,
    /// 「1月38日」「2021年2月30日」: a day the month does not have.
    BadDay,
}

/// A date or year found in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
struct DateMention {
    /// The chars `start..end` of the [`Norm`].
    start: usize,
    end: usize,
    /// Where it is in the source.
    span: Span,
    /// The source span of the year's digits, when written in (full-width) digits.
    year_digits: Option<Span>,
    year: Option<i32>,
    month: Option<u32>,
    day: Option<u32>,
    /// 「2021年度」.
    niandu: bool,
    defect: Option<Defect>,
}

impl DateMention {
    fn date(&self) -> Option<Date> {
        Date::new(self.year?, self.month?, self.day?)
    }
}

/// A run of at most `max` ASCII digits at `i`, not followed by another digit.
fn number(n: &Norm, i: usize, max: usize) -> Option<(u32, usize)> {
    let mut j = i;
    while n.at(j).is_some_and(|c| c.is_ascii_digit()) {
        j += 1;
    }
    if j == i || j - i > max {
        return None;
    }
    Some((n.string(i, j).parse().ok()?, j))
}

/// A Chinese numeral for a month or a day at `i`: 八, 十, 十二, 二十, 三十八.
fn cn_number(n: &Norm, i: usize) -> Option<(u32, usize)> {
    let mut j = i;
    while j < i + 3
        && n.at(j)
            .is_some_and(|c| c == '十' || matches!(cn_digit(c), Some(1..=9)))
    {
        j += 1;
    }
    let s: Vec<char> = n.chars[i..j].to_vec();
    let digit = |c: &char| cn_digit(*c).filter(|d| *d > 0);
    let value = match s.iter().position(|&c| c == '十') {
        None if s.len() == 1 => digit(&s[0])?,
        None => return None,
        Some(t) => {
            let tens = match t {
                0 => 1,
                1 => digit(&s[0])?,
                _ => return None,
            };
            let ones = match s.len() - t - 1 {
                0 => 0,
                1 => digit(&s[t + 1])?,
                _ => return None,
            };
            tens * 10 + ones
        }
    };
    Some((value, j))
}

/// Every date and year of `n`, in order.
fn scan_dates(n: &Norm) -> Vec<DateMention> {
    let c = &n.chars;
    let mut out = Vec::new();
    let mut i = 0;
    while i < c.len() {
        if c[i].is_ascii_digit() {
            let mut j = i;
            while j < c.len() && c[j].is_ascii_digit() {
                j += 1;
            }
            let free = i == 0 || !c[i - 1].is_ascii_alphanumeric();
            if let Some(m) = free.then(|| ascii_date(n, i, j)).flatten() {
                i = m.end;
                out.push(m);
            } else {
                i = j;
            }
            continue;
        }
        if cn_digit(c[i]).is_some()
            && (i == 0 || cn_digit(c[i - 1]).is_none())
            && let Some(m) = cn_date(n, i)
        {
            i = m.end;
            out.push(m);
            continue;
        }
        i += 1;
    }
    out
}

fn mention(start: usize, end: usize) -> DateMention {
    DateMention {
        start,
        end,
        span: Span::default(),
        year_digits: None,
        year: None,
        month: None,
        day: None,
        niandu: false,
        defect: None,
    }
}

/// 「M月」 and 「D日」 after a year, into `m`.
fn month_and_day(n: &Norm, i: usize, m: &mut DateMention) {
    if let Some((mo, k)) = number(n, i, 2)
        && n.at(k) == Some('月')
    {
        m.month = Some(mo);
        m.end = k + 1;
        day(n, k + 1, m);
    }
}

fn day(n: &Norm, i: usize, m: &mut DateMention) {
    if let Some((d, k)) = number(n, i, 2)
        && matches!(n.at(k), Some('日' | '号'))
    {
        m.day = Some(d);
        m.end = k + 1;
    }
}

/// A date written in digits, starting with the digit run `i..j`.
fn ascii_date(n: &Norm, i: usize, j: usize) -> Option<DateMention> {
    let digits = n.string(i, j);
    let mut m = mention(i, j);
    match (j - i, n.at(j)) {
        (4, Some('年')) => {
            let y: i32 = digits.parse().ok()?;
            if !(1900..=2100).contains(&y) {
                return None;
            }
            m.year = Some(y);
            m.year_digits = Some(n.span(i, j));
            m.end = j + 1;
            if n.at(j + 1) == Some('度') {
                m.niandu = true;
                m.end = j + 2;
            } else {
                month_and_day(n, j + 1, &mut m);
            }
        }
        (4, Some(sep @ ('-' | '.' | '/'))) => {
            // 2022-01-08, 2022.1.8, 2022/01/08
            let y: i32 = digits.parse().ok()?;
            if !(1900..=2100).contains(&y) {
                return None;
            }
            let (mo, k) = number(n, j + 1, 2)?;
            if n.at(k) != Some(sep) {
                return None;
            }
            let (d, k2) = number(n, k + 1, 2)?;
            if matches!(n.at(k2), Some('-' | '.' | '/'))
                && n.at(k2 + 1).is_some_and(|c| c.is_ascii_digit())
            {
                return None;
            }
            m.year = Some(y);
            m.year_digits = Some(n.span(i, j));
            m.month = Some(mo);
            m.day = Some(d);
            m.end = k2;
        }
        (5..=6, Some('月')) => {
            // 「20251月」「202512月」: the 「年」 was lost.
            let y: i32 = digits[..4].parse().ok()?;
            if !(1990..=2099).contains(&y) {
                return None;
            }
            m.year = Some(y);
            m.year_digits = Some(n.span(i, i + 4));
            m.month = Some(digits[4..].parse().ok()?);
            m.defect = Some(Defect::MissingNian);
            m.end = j + 1;
            day(n, j + 1, &mut m);
        }
        (1..=2, Some('月')) => {
            // A month without a year counts only with its day: 「1月38日」.
            m.month = Some(digits.parse().ok()?);
            day(n, j + 1, &mut m);
            m.day?;
        }
        _ => return None,
    }
    m.span = n.span(m.start, m.end);
    validate(&mut m);
    Some(m)
}

/// 「二〇二二年一月八日」.
fn cn_date(n: &Norm, i: usize) -> Option<DateMention> {
    let mut y = 0i32;
    for k in 0..4 {
        y = y * 10 + cn_digit(n.at(i + k)?)? as i32;
    }
    if n.at(i + 4) != Some('年') || !(1900..=2100).contains(&y) {
        return None;
    }
    let mut m = mention(i, i + 5);
    m.year = Some(y);
    if n.at(i + 5) == Some('度') {
        m.niandu = true;
        m.end = i + 6;
    } else if let Some((mo, k)) = cn_number(n, i + 5)
        && n.at(k) == Some('月')
    {
        m.month = Some(mo);
        m.end = k + 1;
        if let Some((d, k2)) = cn_number(n, k + 1)
            && matches!(n.at(k2), Some('日' | '号'))
        {
            m.day = Some(d);
            m.end = k2 + 1;
        }
    }
    m.span = n.span(m.start, m.end);
    validate(&mut m);
    Some(m)
}

/// Sets the defect of a date whose month or day does not exist. A date
/// without a year is checked against a leap year (2月29日 may be valid).
fn validate(m: &mut DateMention) {
    if m.defect.is_some() {
        return;
    }
    let Some(mo) = m.month else { return };
    if !(1..=12).contains(&mo) {
        m.defect = Some(Defect::BadMonth);
    } else if let Some(d) = m.day
        && Date::new(m.year.unwrap_or(2000), mo, d).is_none()
    {
        m.defect = Some(Defect::BadDay);
    }
}

fn days_in_month(year: Option<i32>, month: u32) -> u32 {
    (28..=31)
        .rev()
        .find(|&d| Date::new(year.unwrap_or(2000), month, d).is_some())
        .unwrap_or(31)
}

// ---------------------------------------------------------------------------
// What the rules share.

/// Everything the D rules read, computed once per check (`Context::cache`).
pub(crate) struct Scan<'a> {
    report: &'a Report,
    norm: Norm,
    /// Every date in the text, tables and title included.
    mentions: Vec<DateMention>,
    /// Inside 《》 and quotes, per char of `norm`.
    quoted: Vec<bool>,
    /// The title and the tables: not narrative.
    excluded: Vec<Span>,
}

impl<'a> Scan<'a> {
    fn new(report: &'a Report) -> Scan<'a> {
        let norm = Norm::new(&report.text);
        let mentions = scan_dates(&norm);
        let quoted = norm.quoted();
        let mut excluded: Vec<Span> = report.title.iter().map(|t| t.span).collect();
        excluded.extend(report.table2.as_ref().map(|t| t.span));
        excluded.extend(report.table3.as_ref().map(|t| t.span));
        excluded.extend(report.table4.as_ref().map(|t| t.span));
        Scan {
            report,
            norm,
            mentions,
            quoted,
            excluded,
        }
    }

    /// Whether `span` is in the narrative: not the title, not a table.
    fn narrative(&self, span: Span) -> bool {
        !self
            .excluded
            .iter()
            .any(|e| span.start < e.end && e.start < span.end)
    }

    /// The mentions of the narrative, outside 《》 and quotes.
    fn narrative_mentions(&self) -> impl Iterator<Item = (usize, &DateMention)> {
        self.mentions
            .iter()
            .enumerate()
            .filter(|(_, m)| self.narrative(m.span) && !self.quoted[m.start])
    }

    /// The mentions whose chars lie within `start..end` of the norm.
    fn within(&self, start: usize, end: usize) -> &[DateMention] {
        let a = self.mentions.partition_point(|m| m.start < start);
        let b = self.mentions.partition_point(|m| m.start < end);
        let b = a.max(b - usize::from(b > a && self.mentions[b - 1].end > end));
        &self.mentions[a..b]
    }

    /// The mentions whose source span lies within bytes `lo..hi`.
    fn within_bytes(&self, lo: u32, hi: u32) -> impl Iterator<Item = &DateMention> {
        let a = self.mentions.partition_point(|m| m.span.start < lo);
        self.mentions[a..]
            .iter()
            .take_while(move |m| m.span.start < hi)
            .filter(move |m| m.span.end <= hi)
    }

    /// The statistical periods: a 「1月1日」 followed in its sentence by a
    /// 「12月31日」; pairs of indexes into `mentions`.
    fn periods(&self) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for (a, m) in self.narrative_mentions() {
            if m.defect.is_some() || m.year.is_none() || (m.month, m.day) != (Some(1), Some(1)) {
                continue;
            }
            let (_, end) = self.norm.sentence(m.start);
            let b = self.mentions[a + 1..]
                .iter()
                .position(|b| b.start >= end || (b.month, b.day) == (Some(12), Some(31)))
                .map(|k| a + 1 + k)
                .filter(|&b| self.mentions[b].start < end && self.mentions[b].defect.is_none());
            if let Some(b) = b {
                out.push((a, b));
            }
        }
        out
    }

    /// The report year and where it comes from: the title, else the period.
    fn report_year(&self) -> Option<(i32, &'static str)> {
        if let Some(y) = self.report.year() {
            return Some((y, "标题"));
        }
        let (a, _) = *self.periods().first()?;
        Some((self.mentions[a].year?, "统计期限"))
    }

    /// A short quote of the text from char `i`: 「2020年,雁鸣湖镇坚持在便民…」.
    fn snippet(&self, i: usize, len: usize) -> String {
        let end = (i + len).min(self.norm.len());
        let (_, sentence_end) = self.norm.sentence(i);
        let cut = end.min(sentence_end);
        let mut s = self.norm.string(i, cut);
        if cut < sentence_end {
            s.push('…');
        }
        s
    }
}

// ---------------------------------------------------------------------------
// D501

/// Words that make a year a comparison, not the reporting period.
#[rustfmt::skip]
const COMPARISONS: [&str; 9] = [
    "同比", "环比", "上年", "上一年", "去年", "相比", "较上", "较去", "比上",
];

/// What may follow a year that opens a clause about this year's work:
/// 「2020年，」「2020年我镇」「2020年全区受理」.
#[rustfmt::skip]
const SUBJECTS: [&str; 20] = [
    "我", "全", "本", "共", "累计", "各", "在", "通过", "按照", "根据", "围绕", "坚持",
    "进一步", "受理", "收到", "新收", "主动公开", "政府信息", "政务公开", "针对",
];

/// D501
fn year_mismatch(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let scan = ctx.cache.dates.get_or_init(|| Scan::new(ctx.report));
    let Some((year, source)) = scan.report_year() else {
        return;
    };
    let n = &scan.norm;
    let body = ctx.report.body().map(core_name).unwrap_or_default();
    // The body's name as written in the title and its core: 「雁鸣湖镇2020年，」.
    let mut names: Vec<String> = ctx
        .report
        .body()
        .map(|b| b.chars().filter(|c| !c.is_whitespace()).collect())
        .into_iter()
        .chain([body.clone()])
        .filter(|s: &String| !s.is_empty())
        .collect();
    names.dedup();
    // Wrong year → the mentions that use it, and whether all are in a period.
    let mut wrong: BTreeMap<i32, Vec<usize>> = BTreeMap::new();
    let periods = scan.periods();
    let in_period: std::collections::BTreeSet<usize> =
        periods.iter().flat_map(|&(a, b)| [a, b]).collect();
    for &(a, b) in &periods {
        for k in [a, b] {
            if let Some(y) = scan.mentions[k].year.filter(|&y| y != year) {
                wrong.entry(y).or_default().push(k);
            }
        }
    }
    for (k, m) in scan.narrative_mentions() {
        let Some(x) = m.year else { continue };
        if x == year || m.defect.is_some() || in_period.contains(&k) {
            continue;
        }
        let (s_start, s_end) = n.sentence(m.start);
        // 「上年结转」「上年度结转」 are the form's terms, not comparisons.
        let sentence = n
            .string(s_start, s_end)
            .replace("上年度结转", "")
            .replace("上年结转", "");
        // 「现将……2020年……报告如下」: the year of this report, whatever it is.
        let announces = m.month.is_none()
            && n.find(s_start, m.start, "现将").is_some()
            && announced_report(n, m.end, s_end);
        // 「2020年，我镇……」: an earlier year narrating this year's work.
        let narrates = x < year
            && m.month.is_none()
            && opens_clause(n, m.start, &names)
            && (matches!(n.at(m.end), Some('，' | ','))
                || SUBJECTS.iter().any(|s| n.starts_with(m.end, s))
                || (!body.is_empty() && n.starts_with(m.end, &body)))
            && !COMPARISONS.iter().any(|w| sentence.contains(w))
            && !compares_years(n, scan.within(s_start, s_end))
            && !scan
                .within(s_start, s_end)
                .iter()
                .any(|o| o.year == Some(year));
        if announces || narrates {
            wrong.entry(x).or_default().push(k);
        }
    }
    for (x, mut ks) in wrong {
        ks.sort_unstable();
        ks.dedup();
        let first = &scan.mentions[ks[0]];
        let all_period = ks.iter().all(|k| in_period.contains(k));
        let message = if all_period {
            format!(
                "统计期限写作{x}年（「{}」），与报告年度{year}年（{source}）不符",
                scan.snippet(first.start, 24)
            )
        } else {
            format!(
                "报告年度为{year}年（{source}），正文有{}处以「{x}年」指本报告期（如「{}」），疑为沿用往年报告未改",
                ks.len(),
                scan.snippet(first.start, 16)
            )
        };
        let edits: Vec<Edit> = ks
            .iter()
            .filter_map(|&k| scan.mentions[k].year_digits)
            .filter(|s| s.slice(&ctx.report.text).is_ascii())
            .map(|span| Edit {
                span,
                replacement: year.to_string(),
            })
            .collect();
        let mut d = Diagnostic::new(&YEAR_MISMATCH, Location::Span(first.span), message)
            .with_related(
                ks[1..]
                    .iter()
                    .map(|&k| Location::Span(scan.mentions[k].span)),
            )
            .with_help(format!(
                "本报告期的年份应为{year}年；若确指往年，请写明「较{x}年」「上年」等比较关系"
            ));
        if !edits.is_empty() {
            d = d.with_fix(Fix::new(
                format!("改为{year}年"),
                Applicability::Suggested,
                edits,
            ));
        }
        out.push(d);
    }
}

/// Whether the sentence `start..end` compares with another year: 「较2020年」
/// 「比2020年」「与2020年相比」「2020年同期」.
fn compares_years(n: &Norm, sentence: &[DateMention]) -> bool {
    sentence.iter().filter(|m| m.start > 0).any(|m| {
        matches!(n.chars[m.start - 1], '较' | '比' | '与' | '和' | '同')
            || n.starts_with(m.end, "同期")
    })
}

/// Whether the first 「报告」 after a year names the report being announced:
/// 「……2020年政府信息公开工作年度报告如下」, not 「……2020年度报告中提出的问题……」.
fn announced_report(n: &Norm, from: usize, end: usize) -> bool {
    let Some(r) = n.find(from, (from + 30).min(end), "报告") else {
        return false;
    };
    let after = r + 2;
    after >= end
        || ["如下", "公布", "发布", "予以", "向社会"]
            .iter()
            .any(|w| n.starts_with(after, w))
        || n.at(after).is_some_and(|c| "，,：:。".contains(c))
}

/// Whether a year at char `i` opens a clause, alone or after the body's name:
/// 「2020年，……」「雁鸣湖镇2020年按照……」.
fn opens_clause(n: &Norm, i: usize, names: &[String]) -> bool {
    n.clause_start(i, false)
        || names.iter().any(|name| {
            let len = name.chars().count();
            i >= len && n.string(i - len, i) == *name && n.clause_start(i - len, false)
        })
}

// ---------------------------------------------------------------------------
// D502

/// The kind of body that publishes the report, and why: from the settings, else
/// from the title's body. Shared with K601.
pub(super) fn body_type(ctx: &Context<'_>) -> (BodyType, String) {
    if let Some(t) = ctx.config.body_type {
        return (t, format!("按设置的机关类型「{}」", t.label()));
    }
    match ctx.report.body() {
        Some(body) => {
            let t = infer_body_type(body);
            let why = match t {
                BodyType::Township => format!("标题主体「{body}」为乡镇、街道"),
                BodyType::Government => format!("标题主体「{body}」为县级以上地方人民政府"),
                BodyType::Department => format!("标题主体「{body}」按县级以上人民政府部门计"),
            };
            (t, why)
        }
        None => (
            BodyType::Department,
            "标题未写明机关，按县级以上人民政府部门计".to_string(),
        ),
    }
}

/// The body type a name suggests: 乡/镇/街道 → township; 「…人民政府」 of a
/// 省/市/县/区 (not its 办公室) → government; anything else → department.
pub(crate) fn infer_body_type(body: &str) -> BodyType {
    let core = core_name(body);
    if matches!(level(&core), Level::Township) {
        return BodyType::Township;
    }
    let name: String = body.chars().filter(|c| !c.is_whitespace()).collect();
    let government = name.ends_with("人民政府") || name.ends_with("政府");
    if government
        && ["省", "市", "县", "区", "州", "旗", "盟"]
            .iter()
            .any(|s| core.contains(s))
    {
        BodyType::Government
    } else {
        BodyType::Department
    }
}

/// The last day to publish the report for `year`.
fn deadline(t: BodyType, year: i32) -> Date {
    match t {
        BodyType::Government => Date {
            year: year + 1,
            month: 3,
            day: 31,
        },
        BodyType::Department | BodyType::Township => Date {
            year: year + 1,
            month: 1,
            day: 31,
        },
    }
}

fn deadline_rule(t: BodyType) -> &'static str {
    match t {
        BodyType::Department => "县级以上人民政府部门应于次年1月31日前公布",
        BodyType::Township => "乡镇人民政府、街道办事处默认按次年1月31日前公布",
        BodyType::Government => "县级以上地方人民政府本级报告应于次年3月31日前公布",
    }
}

/// How the text states a publication date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stated {
    /// 「……年度报告，并于2022年1月8日……公布」.
    Sentence,
    /// 「发布日期：2022-01-08」.
    Label,
    /// The date under the signature.
    Signature,
}

impl Stated {
    fn label(self) -> &'static str {
        match self {
            Stated::Sentence => "正文所述",
            Stated::Label => "日期栏所列",
            Stated::Signature => "落款日期",
        }
    }
}

const PUBLISH_VERBS: [&str; 6] = ["公布", "发布", "公开", "刊登", "挂网", "上网"];
#[rustfmt::skip]
const DATE_LABELS: [&str; 8] = [
    "发布日期", "发布时间", "公布日期", "公开日期", "成文日期", "印发日期", "落款日期", "日期",
];

/// The publication dates the text states for the report of `year`, with
/// their spans and how they are stated.
fn stated_publication(scan: &Scan<'_>, year: i32) -> Vec<(Date, Span, Stated)> {
    let n = &scan.norm;
    let text = &scan.report.text;
    let after_year = |d: Date| {
        d > Date {
            year,
            month: 12,
            day: 31,
        }
    };
    let mut out: Vec<(Date, Span, Stated)> = Vec::new();
    // 1. A sentence about publishing this report.
    for (_, m) in scan.narrative_mentions() {
        let Some(date) = m.date().filter(|&d| after_year(d)) else {
            continue;
        };
        let (s_start, s_end) = n.sentence(m.start);
        let published = PUBLISH_VERBS
            .iter()
            .any(|v| n.find(m.end, s_end, v).is_some());
        let this_report = n.find(s_start, s_end, "本报告").is_some()
            || scan.within(s_start, s_end).iter().any(|o| {
                o.year == Some(year)
                    && o.month.is_none()
                    && n.find(o.end, (o.end + 20).min(s_end), "报告").is_some()
            });
        if published && this_report {
            out.push((date, m.span, Stated::Sentence));
        }
    }
    // 2. A 「发布日期：」 line; 3. a date alone on one of the last lines.
    let tail_from = scan
        .report
        .parts
        .last()
        .map_or(text.len(), |p| p.heading.span.start as usize);
    let mut offset = 0usize;
    let mut tail_lines: Vec<(usize, &str)> = Vec::new();
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let trimmed = line.trim_start_matches(|c: char| c.is_whitespace() || "#-*>".contains(c));
        let lead = line.len() - trimmed.len();
        let trimmed = trimmed.trim_end();
        if trimmed.is_empty() || is_page_number(trimmed) {
            continue;
        }
        let line_start = start + lead;
        if let Some(label) = DATE_LABELS.iter().find(|l| trimmed.starts_with(**l)) {
            let rest = trimmed[label.len()..].trim_start();
            if rest.starts_with([':', '：']) {
                let lo = line_start as u32;
                let hi = (line_start + trimmed.len()) as u32;
                if let Some(m) = scan.within_bytes(lo, hi).find(|m| m.date().is_some()) {
                    out.push((m.date().unwrap(), m.span, Stated::Label));
                }
            }
        }
        if line_start >= tail_from {
            tail_lines.push((line_start, trimmed));
        }
    }
    let last = tail_lines.len().saturating_sub(4);
    for &(start, line) in &tail_lines[last..] {
        let span = Span::new(start, start + line.len());
        if let Some(m) = scan
            .within_bytes(span.start, span.end)
            .find(|m| m.span == span)
            && let Some(date) = m.date().filter(|&d| after_year(d))
        {
            out.push((date, m.span, Stated::Signature));
        }
    }
    crate::sort::sort_by_key(&mut out, |&(_, span, _)| span);
    out.dedup_by_key(|&mut (_, span, _)| span);
    out
}

/// 「-1-」「— 2 —」「第3页」: a page number line of a PDF.
fn is_page_number(line: &str) -> bool {
    let core = line.trim_matches(|c: char| "-—–－ 第页共/".contains(c) || c.is_whitespace());
    !core.is_empty() && core.len() <= 4 && core.chars().all(|c| c.is_ascii_digit())
}

/// D502
fn late_publication(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let scan = ctx.cache.dates.get_or_init(|| Scan::new(ctx.report));
    let Some((year, _)) = scan.report_year() else {
        return;
    };
    let (t, why) = body_type(ctx);
    let due = deadline(t, year);
    let stated = stated_publication(scan, year);
    let help = "《条例》第四十九条：县级以上人民政府部门在每年1月31日前、县级以上地方人民政府的报告在每年3月31日前公布上一年度报告；机关类型不符时，可在设置中指定";
    if stated.is_empty() {
        if let Some(date) = ctx.config.published.filter(|&d| d > due) {
            out.push(
                Diagnostic::new(
                    &LATE_PUBLICATION,
                    Location::Document,
                    format!(
                        "设置的发布日期{date}晚于期限{due}（{}；{why}）",
                        deadline_rule(t)
                    ),
                )
                .with_help(help),
            );
        }
        return;
    }
    let late: Vec<&(Date, Span, Stated)> = stated.iter().filter(|(d, _, _)| *d > due).collect();
    let Some(&&(latest, _, how)) = late.iter().max_by_key(|(d, _, _)| *d) else {
        return;
    };
    out.push(
        Diagnostic::new(
            &LATE_PUBLICATION,
            Location::Span(late[0].1),
            format!(
                "{}的发布日期{latest}晚于期限{due}（{}；{why}）",
                how.label(),
                deadline_rule(t)
            ),
        )
        .with_related(late[1..].iter().map(|(_, s, _)| Location::Span(*s)))
        .with_help(help),
    );
}

// ---------------------------------------------------------------------------
// D503

/// D503
fn malformed_date(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let scan = ctx.cache.dates.get_or_init(|| Scan::new(ctx.report));
    let text = &ctx.report.text;
    // Same writing, same cause: one finding.
    let mut groups: Vec<(String, Vec<&DateMention>)> = Vec::new();
    for m in scan.mentions.iter().filter(|m| m.defect.is_some()) {
        let written: String = m
            .span
            .slice(text)
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        match groups.iter_mut().find(|(w, _)| *w == written) {
            Some((_, ms)) => ms.push(m),
            None => groups.push((written, vec![m])),
        }
    }
    for (written, ms) in groups {
        let m = ms[0];
        let (month, day) = (m.month.unwrap_or(0), m.day);
        let mut fix = None;
        let message = match m.defect {
            Some(Defect::MissingNian) => {
                let y = m.year.unwrap_or(0);
                let intended = match day {
                    Some(d) => format!("{y}年{month}月{d}日"),
                    None => format!("{y}年{month}月"),
                };
                let edits: Vec<Edit> = ms.iter().filter_map(|o| nian_edit(scan, o)).collect();
                if edits.len() == ms.len() {
                    fix = Some(Fix::new("补上「年」字", Applicability::Suggested, edits));
                }
                if Date::new(y, month, day.unwrap_or(1)).is_some() {
                    format!("日期「{written}」缺少「年」字，应为「{intended}」")
                } else {
                    format!(
                        "日期「{written}」缺少「年」字，且{y}年{month}月{}不存在",
                        day.map_or(String::new(), |d| format!("{d}日"))
                    )
                }
            }
            Some(Defect::BadMonth) => {
                format!("日期「{written}」中的月份{month}不存在，月份应在1至12之间")
            }
            Some(Defect::BadDay) => {
                let d = day.unwrap_or(0);
                let max = days_in_month(m.year, month);
                match m.year {
                    Some(y) => {
                        format!("日期「{written}」不存在：{y}年{month}月只有{max}天，没有{d}日")
                    }
                    None => format!("日期「{written}」不存在：{month}月最多{max}天，没有{d}日"),
                }
            }
            None => continue,
        };
        let mut diag = Diagnostic::new(&MALFORMED_DATE, Location::Span(m.span), message)
            .with_related(ms[1..].iter().map(|o| Location::Span(o.span)))
            .with_help("核对原始日期并改正；年、月、日应完整书写，如「2025年12月31日」");
        if let Some(f) = fix {
            diag = diag.with_fix(f);
        }
        out.push(diag);
    }
}

/// The edit that puts the lost 「年」 back: 「20251」 → 「2025年1」.
fn nian_edit(scan: &Scan<'_>, m: &DateMention) -> Option<Edit> {
    let k = scan.norm.find(m.start, m.end, "月")?;
    let span = scan.norm.span(m.start, k);
    let digits = span.slice(&scan.report.text);
    (digits.len() > 4 && digits.bytes().all(|b| b.is_ascii_digit())).then(|| Edit {
        span,
        replacement: format!("{}年{}", &digits[..4], &digits[4..]),
    })
}

// ---------------------------------------------------------------------------
// D504

/// The administrative level of a body's name, from its last characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Level {
    Province,
    City,
    County,
    Township,
    /// A department, an office or anything not named by an area.
    Other,
}

fn level(core: &str) -> Level {
    if core.ends_with("街道") || core.ends_with("苏木") || core.ends_with(['镇', '乡']) {
        Level::Township
    } else if core.ends_with("自治区") || core.ends_with('省') {
        Level::Province
    } else if core.ends_with(['区', '县', '旗']) {
        Level::County
    } else if core.ends_with(['市', '州', '盟']) {
        Level::City
    } else {
        Level::Other
    }
}

/// Suffixes that do not change the body: 「雁鸣湖镇人民政府」 is 「雁鸣湖镇」,
/// 「淮安市人民政府办公室」 speaks for 「淮安市人民政府」.
#[rustfmt::skip]
const BODY_SUFFIXES: [&str; 12] = [
    "人民政府办公室", "人民政府办公厅", "人民政府办", "政府办公室", "政府办公厅", "党政办公室", "人民政府",
    "办事处", "政府办", "党政办", "办公室", "政府",
];

/// A body's name without whitespace and without the suffixes of [`BODY_SUFFIXES`].
pub(crate) fn core_name(name: &str) -> String {
    let mut s: String = name.chars().filter(|c| !c.is_whitespace()).collect();
    while let Some(suffix) = BODY_SUFFIXES
        .iter()
        .find(|x| s.ends_with(**x) && s.chars().count() > x.chars().count() + 1)
    {
        s.truncate(s.len() - suffix.len());
    }
    if s.ends_with("街道办") {
        s.truncate(s.len() - "办".len());
    }
    s
}

/// Whether two cores name the same body: equal, one the tail of the other
/// (「淮安市洪泽区」 ~ 「洪泽区」), or `other` an office inside `ours`
/// (「雁鸣湖镇党政综合」 in 「雁鸣湖镇」).
fn same_body(ours: &str, other: &str) -> bool {
    ours == other || ours.ends_with(other) || other.ends_with(ours) || other.starts_with(ours)
}

/// Names that are no body of their own, or a template placeholder (W704).
fn is_self_or_placeholder(name: &str) -> bool {
    name.starts_with(['本', '我', '全', '该', '各'])
        || name.contains(['X', 'x', '×', 'Ｘ', '某', '*', '＊', '〇', '○'])
}

/// Endings of a name of a body.
#[rustfmt::skip]
const ORG_ENDINGS: [&str; 27] = [
    "政府", "办公室", "办公厅", "办事处", "街道", "镇", "乡", "区", "县", "市", "州",
    "旗", "盟", "省", "局", "委", "委员会", "厅", "院", "中心", "所", "站", "办",
    "处", "署", "馆", "队",
];

fn looks_like_body(name: &str) -> bool {
    name.chars().count() >= 3
        && name.chars().all(is_cjk)
        && ORG_ENDINGS.iter().any(|e| name.ends_with(e))
}

/// Verbs and adverbs after a subject in a sentence about the body's own work.
#[rustfmt::skip]
const SUBJECT_VERBS: [&str; 33] = [
    "及时", "坚持", "高度重视", "严格", "认真", "积极", "按照", "根据", "依据", "主动",
    "进一步", "不断", "持续", "始终", "全年", "共", "切实", "扎实", "着力", "全面", "深入",
    "围绕", "通过", "建立", "制定", "完善", "加强", "强化", "开展", "推进", "落实", "在",
    "已",
];

/// Clause openings that are not a name: 「积极推进乡村振兴」.
#[rustfmt::skip]
const NOT_NAMES: [&str; 20] = [
    "进一步", "积极", "加强", "坚持", "严格", "认真", "不断", "持续", "及时", "全面",
    "深入", "推进", "按照", "根据", "依据", "围绕", "通过", "针对", "同时", "目前",
];

/// Function words that open a clause before a name: 「现将」「并与」「对」 … (a town
/// whose name begins with one of them, such as 和平镇, is not checked as a subject).
const LEADING_WORDS: &str = "现并与和同对向在由将把据及以为从经于跟给让使被至自";

/// Areas that end like a county but are none: 社区, 园区 ….
#[rustfmt::skip]
const NOT_AREAS: [&str; 16] = [
    "社区", "小区", "园区", "景区", "城区", "市区", "辖区", "片区", "街区", "校区", "厂区",
    "库区", "山区", "矿区", "开发区", "高新区",
];

/// A name used as the reporting body.
struct NameUse {
    name: String,
    span: Span,
    /// The char where the phrase begins, for the quote in the message.
    phrase: usize,
}

/// D504
fn unit_mismatch(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(body) = ctx.report.body() else {
        return;
    };
    let ours = core_name(body);
    if ours.chars().count() < 2 || is_self_or_placeholder(&ours) {
        return;
    }
    let our_level = level(&ours);
    let scan = ctx.cache.dates.get_or_init(|| Scan::new(ctx.report));
    let n = &scan.norm;
    let mut uses: Vec<NameUse> = Vec::new();
    // Names right after 「现将」「本报告由」「本机关（」…, up to a stop.
    let explicit: [(&str, &[&str]); 6] = [
        (
            "现将",
            &["政府信息", "政务公开", "关于", "年度", "工作", "报告", "的"],
        ),
        (
            "本报告由",
            &[
                "根据", "依据", "按照", "依照", "编制", "负责", "结合", "会同",
            ],
        ),
        ("本机关（", &["）"]),
        ("本单位（", &["）"]),
        ("我单位（", &["）"]),
        ("我机关（", &["）"]),
    ];
    for i in 0..n.len() {
        if !scan.narrative(n.spans[i]) || scan.quoted[i] {
            continue;
        }
        for (lead, stops) in explicit {
            if !n.starts_with(i, lead) {
                continue;
            }
            let from = i + lead.chars().count();
            let mut end = from;
            while end < n.len()
                && end < from + 24
                && is_cjk(n.chars[end])
                && !stops.iter().any(|s| n.starts_with(end, s))
            {
                end += 1;
            }
            let name = n.string(from, end);
            if end > from && looks_like_body(&name) && !is_self_or_placeholder(&name) {
                uses.push(NameUse {
                    name,
                    span: n.span(from, end),
                    phrase: i,
                });
            }
        }
    }
    // 「××2021年政府信息公开工作年度报告」: a body of the same level as ours.
    for (_, m) in scan.narrative_mentions() {
        if m.month.is_some() || m.start == 0 {
            continue;
        }
        let (_, s_end) = n.sentence(m.start);
        let window = (m.end + 16).min(s_end);
        let about_report = (n.starts_with(m.end, "政府信息") || n.starts_with(m.end, "政务公开"))
            && n.find(m.end, window, "报告").is_some();
        if !about_report {
            continue;
        }
        let mut from = m.start;
        while from > 0
            && m.start - from < 16
            && is_cjk(n.chars[from - 1])
            && !"了的在把对于和与及是为由按入向从以并等将即其该本我各全经据同使给被至自"
                .contains(n.chars[from - 1])
        {
            from -= 1;
        }
        let name = n.string(from, m.start);
        if looks_like_body(&name)
            && !is_self_or_placeholder(&name)
            && level(&core_name(&name)) == our_level
        {
            uses.push(NameUse {
                name,
                span: n.span(from, m.start),
                phrase: from,
            });
        }
    }
    // 「××镇及时公布……」: a township, district or county of our level as the subject.
    if matches!(our_level, Level::Township | Level::County) {
        for i in 0..n.len() {
            if !is_cjk(n.chars[i])
                || !scan.narrative(n.spans[i])
                || scan.quoted[i]
                || !n.clause_start(i, true)
                || NOT_NAMES.iter().any(|w| n.starts_with(i, w))
                || LEADING_WORDS.contains(n.chars[i])
            {
                continue;
            }
            let Some(end) = (i..(i + 8).min(n.len()))
                .take_while(|&k| is_cjk(n.chars[k]))
                .find(|&k| {
                    matches!(n.chars[k], '镇' | '乡' | '区' | '县')
                        || (n.chars[k] == '道' && k > i && n.chars[k - 1] == '街')
                })
                .map(|k| k + 1)
            else {
                continue;
            };
            let name = n.string(i, end);
            if name.chars().count() < 3
                || is_self_or_placeholder(&name)
                || NOT_AREAS.iter().any(|a| name.ends_with(a))
                || level(&name) != our_level
            {
                continue;
            }
            let mut after = end;
            for s in ["人民政府", "政府"] {
                if n.starts_with(after, s) {
                    after += s.chars().count();
                    break;
                }
            }
            let acts = SUBJECT_VERBS.iter().any(|v| n.starts_with(after, v))
                || scan
                    .mentions
                    .binary_search_by_key(&after, |m| m.start)
                    .is_ok();
            if acts {
                uses.push(NameUse {
                    name: n.string(i, after),
                    span: n.span(i, after),
                    phrase: i,
                });
            }
        }
    }
    // One finding per foreign body.
    let mut groups: Vec<(String, Vec<NameUse>)> = Vec::new();
    for u in uses {
        let core = core_name(&u.name);
        if same_body(&ours, &core) {
            continue;
        }
        match groups.iter_mut().find(|(c, _)| *c == core) {
            Some((_, us)) => us.push(u),
            None => groups.push((core, vec![u])),
        }
    }
    for (_, mut us) in groups {
        crate::sort::sort_by_key(&mut us, |u| u.span);
        us.dedup_by_key(|u| u.span);
        let first = &us[0];
        let message = format!(
            "报告主体为「{body}」（标题），正文{}处却以「{}」作为报告主体（如「{}」），疑为照抄其他单位的报告",
            us.len(),
            first.name,
            scan.snippet(first.phrase, 24)
        );
        out.push(
            Diagnostic::new(&UNIT_MISMATCH, Location::Span(first.span), message)
                .with_related(us[1..].iter().map(|u| Location::Span(u.span)))
                .with_help(format!(
                    "核对报告主体名称，应与标题一致（「{body}」，或「本机关」「我{}」等简称）",
                    ours.chars().last().map_or(String::new(), |c| c.to_string())
                )),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Config;

    fn scan(text: &str) -> Vec<DateMention> {
        scan_dates(&Norm::new(text))
    }

    fn one(text: &str) -> DateMention {
        let ms = scan(text);
        assert_eq!(ms.len(), 1, "{text}: {ms:?}");
        ms.into_iter().next().unwrap()
    }

    fn ymd(m: &DateMention) -> (Option<i32>, Option<u32>, Option<u32>) {
        (m.year, m.month, m.day)
    }

    #[test]
    fn scanner_reads_the_plain_forms() {
        let m = one("于2022年1月8日公布");
        assert_eq!(ymd(&m), (Some(2022), Some(1), Some(8)));
        assert_eq!(m.defect, None);
        assert_eq!(m.span.slice("于2022年1月8日公布"), "2022年1月8日");
        assert_eq!(ymd(&one("2024年3月")), (Some(2024), Some(3), None));
        assert_eq!(ymd(&one("2021年，我镇")), (Some(2021), None, None));
        let m = one("2021年度报告");
        assert!(m.niandu);
        assert_eq!(m.year, Some(2021));
        assert_eq!(ymd(&one("截至12月31日")), (None, Some(12), Some(31)));
        assert_eq!(
            ymd(&one("发布日期：2022-01-08")),
            (Some(2022), Some(1), Some(8))
        );
        assert_eq!(ymd(&one("2022.1.8")), (Some(2022), Some(1), Some(8)));
    }

    #[test]
    fn scanner_reads_full_width_spaced_and_chinese_dates() {
        assert_eq!(
            ymd(&one("２０２２年１月８日")),
            (Some(2022), Some(1), Some(8))
        );
        let text = "统计期限自 2024 年 1 月\n 1 日起";
        let m = one(text);
        assert_eq!(ymd(&m), (Some(2024), Some(1), Some(1)));
        assert_eq!(m.span.slice(text), "2024 年 1 月\n 1 日");
        assert_eq!(
            ymd(&one("二〇二二年一月八日")),
            (Some(2022), Some(1), Some(8))
        );
        assert_eq!(
            ymd(&one("二〇二一年十二月三十一日")),
            (Some(2021), Some(12), Some(31))
        );
        assert_eq!(ymd(&one("二零二一年十月")), (Some(2021), Some(10), None));
        assert!(one("二〇二一年度").niandu);
    }

    #[test]
    fn scanner_finds_garbled_dates() {
        let m = one("自20251月1日起");
        assert_eq!(ymd(&m), (Some(2025), Some(1), Some(1)));
        assert_eq!(m.defect, Some(Defect::MissingNian));
        let m = one("截至202512月31日");
        assert_eq!(ymd(&m), (Some(2025), Some(12), Some(31)));
        assert_eq!(m.defect, Some(Defect::MissingNian));
        assert_eq!(one("2021年13月").defect, Some(Defect::BadMonth));
        assert_eq!(one("1月38日").defect, Some(Defect::BadDay));
        assert_eq!(one("2021年2月30日").defect, Some(Defect::BadDay));
        assert_eq!(one("2023年2月29日").defect, Some(Defect::BadDay));
        assert_eq!(one("二〇二二年一月三十八日").defect, Some(Defect::BadDay));
        assert_eq!(one("2022-13-01").defect, Some(Defect::BadMonth));
    }

    #[test]
    fn scanner_accepts_valid_look_alikes() {
        assert_eq!(one("2024年2月29日").defect, None);
        assert_eq!(one("2月29日").defect, None);
        assert_eq!(one("12月31日").defect, None);
        // Not dates: document numbers, counts, phone numbers, table rows.
        assert!(scan("国办公开办函〔2021〕30号").is_empty());
        assert!(scan("电话：0517-83605210").is_empty());
        assert!(scan("主动公开政府信息262条、培训215人次、3个月").is_empty());
        assert!(scan("规章 1 0 11\n行政许可 447228").is_empty());
        assert!(scan("第12345号").is_empty());
        assert!(scan("共2021条").is_empty());
    }

    #[test]
    fn scanner_keeps_digit_runs_apart_across_spaces() {
        // 「1 2021年」 is the number 1 and the year 2021.
        let ms = scan("第 1 2021年");
        assert_eq!(ms.len(), 1);
        assert_eq!(ms[0].year, Some(2021));
        assert_eq!(ms[0].defect, None);
    }

    #[test]
    fn clause_starts() {
        let n = Norm::new("甲。2020年，乙\n（一）2020年，丙，2020年");
        let starts: Vec<bool> = scan_dates(&n)
            .iter()
            .map(|m| n.clause_start(m.start, false))
            .collect();
        assert_eq!(starts, [true, true, false]);
    }

    #[test]
    fn body_types_are_inferred_from_the_title() {
        assert_eq!(infer_body_type("雁鸣湖镇"), BodyType::Township);
        assert_eq!(infer_body_type("雁鸣湖镇人民政府"), BodyType::Township);
        assert_eq!(infer_body_type("城东街道办事处"), BodyType::Township);
        assert_eq!(infer_body_type("淮安市人民政府"), BodyType::Government);
        assert_eq!(
            infer_body_type("淮安市洪泽区人民政府"),
            BodyType::Government
        );
        assert_eq!(
            infer_body_type("淮安市人民政府办公室"),
            BodyType::Department
        );
        assert_eq!(infer_body_type("淮安市财政局"), BodyType::Department);
        assert_eq!(infer_body_type("镇江市人民政府"), BodyType::Government);
    }

    #[test]
    fn names_reduce_to_their_core() {
        assert_eq!(core_name("雁鸣湖镇人民政府"), "雁鸣湖镇");
        assert_eq!(core_name("淮安市人民政府办公室"), "淮安市");
        assert_eq!(core_name("城东街道办事处"), "城东街道");
        assert_eq!(core_name("淮安市洪泽区人民政府"), "淮安市洪泽区");
        assert!(same_body("洪泽区", "淮安市洪泽区"));
        assert!(!same_body("雁鸣湖镇", "白鹭湾镇"));
        assert_eq!(level("雁鸣湖镇"), Level::Township);
        assert_eq!(level("洪泽区"), Level::County);
        assert_eq!(level("广西壮族自治区"), Level::Province);
    }

    const SEED: &str = include_str!("../../tests/fixtures/text/seed.txt");

    fn d502(text: &str, config: &Config) -> Vec<Diagnostic> {
        crate::check_text(text, config)
            .unwrap()
            .diagnostics
            .into_iter()
            .filter(|d| d.code == "D502")
            .collect()
    }

    fn codes(text: &str, code: &str) -> Vec<Diagnostic> {
        crate::check_text(text, &Config::default())
            .unwrap()
            .diagnostics
            .into_iter()
            .filter(|d| d.code == code)
            .collect()
    }

    #[test]
    fn d501_announcement_of_this_report_only() {
        let text = SEED.replace("现将雁鸣湖镇人民政府2021年", "现将雁鸣湖镇人民政府2020年");
        let ds = codes(&text, "D501");
        assert_eq!(ds.len(), 1);
        assert!(
            ds[0].message.contains("正文有1处以「2020年」指本报告期"),
            "{}",
            ds[0].message
        );
        // Last year's report named in an announcement of something else.
        let text = SEED.replace(
            "- 1、不断强化",
            "- 1、现将2020年度报告中提出问题的整改情况报告如下：不断强化",
        );
        assert!(codes(&text, "D501").is_empty());
    }

    #[test]
    fn d501_chinese_numeral_year() {
        let text = SEED.replace("2021年,雁鸣湖镇坚持", "二〇二〇年，雁鸣湖镇坚持");
        let ds = codes(&text, "D501");
        assert_eq!(ds.len(), 1);
        // No fix: the year is not written in digits.
        assert!(ds[0].fix.is_none());
    }

    #[test]
    fn d503_messages() {
        let text = SEED.replace("截止目前", "截至1月38日");
        let ds = codes(&text, "D503");
        assert_eq!(
            ds[0].message,
            "日期「1月38日」不存在：1月最多31天，没有38日"
        );
        let text = SEED.replace("截止目前", "截至2021年13月");
        let ds = codes(&text, "D503");
        assert_eq!(
            ds[0].message,
            "日期「2021年13月」中的月份13不存在，月份应在1至12之间"
        );
        // The same garbled date twice: one finding, two places, one fix for both.
        let text = SEED
            .replace("于2022年1月8日", "于20221月8日")
            .replace("截止目前", "截至20221月8日");
        let ds = codes(&text, "D503");
        assert_eq!(ds.len(), 1);
        assert_eq!(ds[0].related.len(), 1);
        assert_eq!(ds[0].fix.as_ref().unwrap().edits().len(), 2);
        assert_eq!(
            ds[0].message,
            "日期「20221月8日」缺少「年」字，应为「2022年1月8日」"
        );
    }

    #[test]
    fn d502_seed_is_on_time() {
        assert!(d502(SEED, &Config::default()).is_empty());
    }

    #[test]
    fn d502_text_date_after_the_township_deadline() {
        let text = SEED.replace("于2022年1月8日", "于2022年2月8日");
        let ds = d502(&text, &Config::default());
        assert_eq!(ds.len(), 1);
        assert_eq!(
            ds[0].message,
            "正文所述的发布日期2022年2月8日晚于期限2022年1月31日（乡镇人民政府、街道办事处默认按次年1月31日前公布；标题主体「雁鸣湖镇」为乡镇、街道）"
        );
        // The same date is on time for a county government's own report.
        let config = Config {
            body_type: Some(BodyType::Government),
            ..Config::default()
        };
        assert!(d502(&text, &config).is_empty());
        let text = SEED.replace("于2022年1月8日", "于2022年4月1日");
        let ds = d502(&text, &config);
        assert_eq!(ds.len(), 1);
        assert!(
            ds[0].message.contains("期限2022年3月31日"),
            "{}",
            ds[0].message
        );
        assert!(
            ds[0]
                .message
                .contains("按设置的机关类型「县级以上地方人民政府」")
        );
    }

    #[test]
    fn d502_published_from_the_config_when_the_text_states_none() {
        let text = SEED.replace(
            "并于2022年1月8日在本单位政府信息公开网站首页向社会进行了公布",
            "",
        );
        assert!(d502(&text, &Config::default()).is_empty());
        let late = Config {
            published: Date::new(2022, 2, 1),
            ..Config::default()
        };
        let ds = d502(&text, &late);
        assert_eq!(ds.len(), 1);
        assert_eq!(ds[0].location, Location::Document);
        assert!(
            ds[0]
                .message
                .starts_with("设置的发布日期2022年2月1日晚于期限2022年1月31日")
        );
        let on_time = Config {
            published: Date::new(2022, 1, 31),
            ..Config::default()
        };
        assert!(d502(&text, &on_time).is_empty());
        // A date the text states wins over the config (the config fills a gap).
        assert!(d502(SEED, &late).is_empty());
    }

    #[test]
    fn d502_department_and_government_from_the_title() {
        let dept = SEED.replace("# 雁鸣湖镇2021年", "# 青山县财政局2021年");
        let text = dept.replace("于2022年1月8日", "于2022年2月8日");
        let ds = d502(&text, &Config::default());
        assert_eq!(ds.len(), 1);
        assert!(
            ds[0]
                .message
                .contains("「青山县财政局」按县级以上人民政府部门计")
        );
        let gov = text.replace("# 青山县财政局2021年", "# 青山县人民政府2021年");
        assert!(d502(&gov, &Config::default()).is_empty());
    }

    #[test]
    fn d502_signature_and_label_dates() {
        let signed = format!("{SEED}\n\n雁鸣湖镇人民政府\n2022年3月1日\n");
        let ds = d502(&signed, &Config::default());
        assert_eq!(ds.len(), 1);
        assert!(
            ds[0].message.starts_with("落款日期的发布日期2022年3月1日"),
            "{}",
            ds[0].message
        );
        let signed = format!("{SEED}\n\n雁鸣湖镇人民政府\n二〇二二年一月二十日\n");
        assert!(d502(&signed, &Config::default()).is_empty());
        let labelled = format!("{SEED}\n发布日期：2022-02-15\n");
        let ds = d502(&labelled, &Config::default());
        assert_eq!(ds.len(), 1);
        assert!(ds[0].message.contains("2022年2月15日"));
    }

    #[test]
    fn d502_ignores_last_years_report_and_dates_in_the_year() {
        // Publishing last year's report, in the reporting year: not this report.
        let text = SEED.replace(
            "确保政府信息公开经费得到保障。",
            "确保政府信息公开经费得到保障。于2021年1月20日公布了2020年政府信息公开工作年度报告。",
        );
        assert!(d502(&text, &Config::default()).is_empty());
    }
}
