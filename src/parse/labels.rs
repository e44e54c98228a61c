//! Labels: normalisation, ordinals and matching against the form's wording.
//!
//! Real reports write the form's labels in many ways: half- or full-width
//! brackets and digits, 「、」 or 「，」, curly or straight quotes, spaces and line
//! breaks inside a label (「商业\n企业」), a wrong or missing ordinal, and now
//! and then a typo (「其他法律行政止公开」). Everything here works on a
//! *normalised* form: full-width ASCII folded to ASCII, whitespace and
//! punctuation dropped, ASCII lower-cased. Two labels are the same when their
//! normalised forms, without the leading ordinal, are equal; a small edit
//! distance makes a [`LabelMatch::Fuzzy`] match.
//!
//! The tables of labels are built from the model ([`T3Row::label`],
//! [`T3Row::group`], [`T2Item::label`]), so the wording lives in one place.

use std::sync::OnceLock;

use crate::model::{LabelMatch, Numbering, PartKind, T2Item, T3Row};

/// Folds one character: full-width ASCII forms to ASCII, the ideographic space
/// to a space. Other characters are returned unchanged.
pub(crate) fn fold(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' | '\u{00A0}' => ' ',
        _ => c,
    }
}

/// Whether a (folded) character is punctuation that labels ignore.
fn is_label_punct(c: char) -> bool {
    c.is_ascii_punctuation()
        || matches!(c,
            '\u{3001}'..='\u{3006}' // 、。〃〄々〆
            | '\u{3008}'..='\u{3020}' // 〈〉《》「」『』【】〒〓〔〕〖〗〘〙〚〛〜〝〞〟〠
            | '\u{3030}' | '\u{303D}'
            | '\u{2010}'..='\u{2027}' // dashes, quotes, bullets, ellipsis
            | '\u{2030}'..='\u{205E}'
            | '\u{00B7}' | '\u{30FB}' // middle dots
            | '\u{FE30}'..='\u{FE6F}' // CJK compatibility and small forms
            | '\u{FF5F}'..='\u{FF65}' // half-width CJK punctuation
            | '\u{FFE0}'..='\u{FFEE}'
            | '\u{25A0}'..='\u{25FF}' // geometric shapes used as bullets
        )
}

/// The normalised form of a label: folded, without whitespace, control
/// characters or punctuation, ASCII lower-cased.
pub(crate) fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let c = fold(c);
        if c.is_whitespace() || c.is_control() || is_label_punct(c) {
            continue;
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

/// The value of a Chinese numeral digit.
fn cn_digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '零' => 0,
        '一' => 1,
        '二' | '两' => 2,
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

/// Whether `c` can be part of a Chinese numeral (一…九, 十).
pub(crate) fn is_cn_numeral_char(c: char) -> bool {
    c == '十' || cn_digit(c).is_some()
}

/// The value of a Chinese numeral of up to 99: 一, 十, 十二, 二十, 二十三.
pub(crate) fn chinese_number(s: &str) -> Option<u32> {
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        [d] if *d != '十' => cn_digit(*d).filter(|&n| n > 0),
        ['十'] => Some(10),
        ['十', u] => cn_digit(*u).filter(|&n| n > 0).map(|u| 10 + u),
        [t, '十'] => cn_digit(*t).filter(|&n| n > 1).map(|t| t * 10),
        [t, '十', u] => {
            let t = cn_digit(*t).filter(|&n| n > 1)?;
            let u = cn_digit(*u).filter(|&n| n > 0)?;
            Some(t * 10 + u)
        }
        _ => None,
    }
}

/// The ASCII value of a half- or full-width digit.
pub(crate) fn digit_value(c: char) -> Option<u32> {
    fold(c).to_digit(10)
}

/// Reads the ordinal a label or heading starts with: 「一、」「（一）」「(一)」
/// 「1.」「1、」「1．」「（1）」. `s` should start at its first non-blank
/// character. Returns the numbering and the number of bytes it takes,
/// including the blanks after it. Spaces inside the ordinal are allowed
/// (「三 、」 in text extracted from PDF).
pub(crate) fn parse_numbering(s: &str) -> Option<(Numbering, usize)> {
    let mut it = s.char_indices().peekable();
    let skip_blanks = |it: &mut std::iter::Peekable<std::str::CharIndices<'_>>| {
        while let Some(&(_, c)) = it.peek() {
            if c.is_whitespace() {
                it.next();
            } else {
                break;
            }
        }
    };
    let end_after = |it: &mut std::iter::Peekable<std::str::CharIndices<'_>>| -> usize {
        skip_blanks(it);
        it.peek().map_or(s.len(), |&(i, _)| i)
    };
    let &(_, first) = it.peek()?;
    let first = fold(first);
    if first == '(' || first == '（' {
        let fullwidth = s.starts_with('（');
        it.next();
        skip_blanks(&mut it);
        let mut num = String::new();
        let mut arabic = false;
        while let Some(&(_, c)) = it.peek() {
            if is_cn_numeral_char(c) && !arabic {
                num.push(c);
            } else if let Some(d) = digit_value(c) {
                if !num.is_empty() && !arabic {
                    return None;
                }
                arabic = true;
                num.push(char::from_digit(d, 10).unwrap_or('0'));
            } else {
                break;
            }
            if num.chars().count() > 3 {
                return None;
            }
            it.next();
        }
        skip_blanks(&mut it);
        let &(_, close) = it.peek()?;
        if fold(close) != ')' {
            return None;
        }
        it.next();
        let n = if arabic {
            num.parse().ok()?
        } else {
            chinese_number(&num)?
        };
        let end = end_after(&mut it);
        return Some(if arabic {
            (Numbering::ArabicParen { n, fullwidth }, end)
        } else {
            (Numbering::ChineseParen { n, fullwidth }, end)
        });
    }
    if is_cn_numeral_char(first) {
        let mut num = String::new();
        while let Some(&(_, c)) = it.peek() {
            if !is_cn_numeral_char(c) {
                break;
            }
            num.push(c);
            if num.chars().count() > 3 {
                return None;
            }
            it.next();
        }
        skip_blanks(&mut it);
        let &(_, sep) = it.peek()?;
        if sep != '、' {
            return None;
        }
        it.next();
        let n = chinese_number(&num)?;
        return Some((Numbering::ChineseComma(n), end_after(&mut it)));
    }
    if digit_value(first).is_some() {
        let mut n: u32 = 0;
        let mut count = 0;
        while let Some(&(_, c)) = it.peek() {
            let Some(d) = digit_value(c) else { break };
            n = n.checked_mul(10)?.checked_add(d)?;
            count += 1;
            if count > 3 {
                return None;
            }
            it.next();
        }
        skip_blanks(&mut it);
        let &(_, sep) = it.peek()?;
        if !matches!(fold(sep), '.' | '、') {
            return None;
        }
        it.next();
        // 「1.5」 is a number, not an ordinal.
        if let Some(&(_, c)) = it.peek()
            && digit_value(c).is_some()
        {
            return None;
        }
        return Some((Numbering::Arabic(n), end_after(&mut it)));
    }
    None
}

/// `s` without its leading ordinal (and the blanks around it).
pub(crate) fn strip_numbering(s: &str) -> &str {
    let t = s.trim_start();
    match parse_numbering(t) {
        Some((_, len)) => t.get(len..).unwrap_or(""),
        None => t,
    }
}

/// The core of a label: normalised, without its ordinal.
pub(crate) fn core(s: &str) -> String {
    normalize(strip_numbering(s))
}

/// The forms of a label's core to try: as read, and without leading numerals
/// (「三本年度办理结果」 after a lost 「、」).
fn core_variants(s: &str) -> (String, Option<String>) {
    let n = core(s);
    let trimmed = n.trim_start_matches(|c: char| is_cn_numeral_char(c) || c.is_ascii_digit());
    let alt = (trimmed.len() != n.len() && !trimmed.is_empty()).then(|| trimmed.to_string());
    (n, alt)
}

/// Levenshtein distance over characters, giving up (returning `cap + 1`)
/// once the distance must exceed `cap`. `rows` is scratch space, reused
/// between calls.
pub(crate) fn edit_distance_in(
    a: &[char],
    b: &[char],
    cap: usize,
    rows: &mut (Vec<usize>, Vec<usize>),
) -> usize {
    if a.len().abs_diff(b.len()) > cap {
        return cap + 1;
    }
    let (prev, cur) = rows;
    prev.clear();
    prev.extend(0..=b.len());
    cur.clear();
    cur.resize(b.len() + 1, 0);
    for (i, &ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        let mut row_min = cur[0];
        for (j, &cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
            row_min = row_min.min(cur[j + 1]);
        }
        if row_min > cap {
            return cap + 1;
        }
        std::mem::swap(prev, cur);
    }
    prev[b.len()]
}

/// [`edit_distance_in`] with its own scratch space.
#[cfg(test)]
pub(crate) fn edit_distance(a: &[char], b: &[char], cap: usize) -> usize {
    edit_distance_in(a, b, cap, &mut (Vec::new(), Vec::new()))
}

/// The largest edit distance accepted as a typo for a label of `len` characters.
fn fuzzy_budget(len: usize) -> usize {
    if len < 4 { 0 } else { (len * 3 / 10).max(1) }
}

/// Inputs longer than this (in characters) are never matched fuzzily.
const FUZZY_MAX_CHARS: usize = 80;

// ---------------------------------------------------------------------------
// Table 三
// ---------------------------------------------------------------------------

/// The merged group cells of table 三.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum T3Group {
    /// 三、本年度办理结果 (r03 … r24).
    Results,
    /// （三）不予公开 (r05 … r12).
    Deny,
    /// （四）无法提供 (r13 … r15).
    Unable,
    /// （五）不予处理 (r16 … r20).
    Reject,
    /// （六）其他处理 (r21 … r23); a row of its own in the 2019 layout.
    Other,
}

impl T3Group {
    const ALL: [T3Group; 5] = [
        T3Group::Results,
        T3Group::Deny,
        T3Group::Unable,
        T3Group::Reject,
        T3Group::Other,
    ];

    pub(crate) fn label(self) -> &'static str {
        match self {
            T3Group::Results => "三、本年度办理结果",
            T3Group::Deny => "（三）不予公开",
            T3Group::Unable => "（四）无法提供",
            T3Group::Reject => "（五）不予处理",
            T3Group::Other => "（六）其他处理",
        }
    }

    /// The group a row belongs to, from [`T3Row::group`].
    pub(crate) fn of_row(row: T3Row) -> Option<T3Group> {
        let g = row.group()?;
        T3Group::ALL.into_iter().find(|x| x.label() == g)
    }
}

/// What a label of table 三 names: a row, or a merged group cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum T3Label {
    Row(T3Row),
    Group(T3Group),
}

impl T3Label {
    /// The group this label belongs to (a group belongs to itself).
    fn group(self) -> Option<T3Group> {
        match self {
            T3Label::Row(r) => T3Group::of_row(r),
            T3Label::Group(g) => Some(g),
        }
    }
}

struct Entry<L> {
    label: L,
    /// The ordinal the form gives it (1 for 「1.」 and 「（一）」), if any.
    ordinal: Option<u32>,
    core: Vec<char>,
    core_str: String,
}

fn numbering_value(n: Numbering) -> Option<u32> {
    match n {
        Numbering::ChineseComma(n)
        | Numbering::ChineseParen { n, .. }
        | Numbering::Arabic(n)
        | Numbering::ArabicParen { n, .. } => Some(n),
        Numbering::None => None,
    }
}

fn entry<L>(label: L, text: &str) -> Entry<L> {
    let ordinal = parse_numbering(text.trim_start()).and_then(|(n, _)| numbering_value(n));
    let core_str = normalize(strip_numbering(text));
    Entry {
        label,
        ordinal,
        core: core_str.chars().collect(),
        core_str,
    }
}

fn t3_entries() -> &'static [Entry<T3Label>] {
    static E: OnceLock<Vec<Entry<T3Label>>> = OnceLock::new();
    E.get_or_init(|| {
        let mut v: Vec<Entry<T3Label>> = T3Row::ALL
            .into_iter()
            .map(|r| entry(T3Label::Row(r), r.label()))
            .collect();
        v.extend(
            T3Group::ALL
                .into_iter()
                .map(|g| entry(T3Label::Group(g), g.label())),
        );
        // The note in brackets is often left out.
        v.push(entry(T3Label::Row(T3Row::R04), "（二）部分公开"));
        v
    })
}

/// Finds the best entry for `text`: exact on the core (or the core without
/// leading numerals), else the nearest within the typo budget. Ties prefer the
/// `hint` group, then the entry whose ordinal is the one written.
fn best_match<L: Copy>(
    entries: &[Entry<L>],
    text: &str,
    prefer: impl Fn(&L) -> bool,
) -> Option<(L, LabelMatch)> {
    best_match_among(entries, text, prefer, |_| true)
}

/// [`best_match`] over the entries `among` accepts.
fn best_match_among<L: Copy>(
    entries: &[Entry<L>],
    text: &str,
    prefer: impl Fn(&L) -> bool,
    among: impl Fn(&L) -> bool,
) -> Option<(L, LabelMatch)> {
    let (core, alt) = core_variants(text);
    if core.is_empty() {
        return None;
    }
    for c in std::iter::once(&core).chain(alt.as_ref()) {
        if let Some(e) = entries.iter().find(|e| e.core_str == *c && among(&e.label)) {
            return Some((e.label, LabelMatch::Exact));
        }
    }
    let chars: Vec<char> = core.chars().collect();
    if chars.len() < 3 || chars.len() > FUZZY_MAX_CHARS {
        return None;
    }
    let written = parse_numbering(text.trim_start()).and_then(|(n, _)| numbering_value(n));
    let mut best: Option<(usize, bool, bool, usize)> = None;
    let mut scratch = (Vec::new(), Vec::new());
    for (i, e) in entries.iter().enumerate() {
        let budget = fuzzy_budget(e.core.len());
        if budget == 0 || chars.len() * 2 < e.core.len() || !among(&e.label) {
            continue;
        }
        let d = edit_distance_in(&chars, &e.core, budget, &mut scratch);
        if d > budget {
            continue;
        }
        let key = (
            d,
            !prefer(&e.label),
            written.is_none() || e.ordinal != written,
            i,
        );
        if best.is_none_or(|b| (key.0, key.1, key.2) < (b.0, b.1, b.2)) {
            best = Some(key);
        }
    }
    best.and_then(|(_, _, _, i)| entries.get(i))
        .map(|e| (e.label, LabelMatch::Fuzzy))
}

/// Matches a label of table 三 (a row's own label or a group cell).
/// `hint` is the group the label appears under, when known.
pub(crate) fn match_t3(text: &str, hint: Option<T3Group>) -> Option<(T3Label, LabelMatch)> {
    best_match(t3_entries(), text, |l| hint.is_some() && l.group() == hint)
}

/// Whether `text` (exactly or fuzzily) is one of the labels of table 三
/// numbered 「一、」「二、」「三、」「四、」 like a part heading: r01, r02,
/// 三、本年度办理结果 and r25.
pub(crate) fn is_t3_comma_label(text: &str) -> bool {
    best_match_among(
        t3_entries(),
        text,
        |_| false,
        |l| {
            matches!(
                l,
                T3Label::Row(T3Row::R01 | T3Row::R02 | T3Row::R25)
                    | T3Label::Group(T3Group::Results)
            )
        },
    )
    .is_some()
}

/// Whether `text` is exactly (up to normalisation) a label of table 三.
pub(crate) fn is_t3_exact(text: &str) -> bool {
    match_t3_exact(text).is_some()
}

/// The label of table 三 that `text` is exactly, if any.
pub(crate) fn match_t3_exact(text: &str) -> Option<T3Label> {
    let (core, alt) = core_variants(text);
    std::iter::once(&core)
        .chain(alt.as_ref())
        .find_map(|c| t3_entries().iter().find(|e| e.core_str == *c))
        .map(|e| e.label)
}

// ---------------------------------------------------------------------------
// Table 二
// ---------------------------------------------------------------------------

/// What a row label of table 二 names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum T2Label {
    Item(T2Item),
    /// 规范性文件: the 2019 wording of 行政规范性文件.
    OldNormative,
    /// A row of the 2019 format only: 其他对外管理服务事项, 政府集中采购.
    OldRow,
}

fn t2_entries() -> &'static [Entry<T2Label>] {
    static E: OnceLock<Vec<Entry<T2Label>>> = OnceLock::new();
    E.get_or_init(|| {
        let mut v: Vec<Entry<T2Label>> = T2Item::ALL
            .into_iter()
            .map(|i| entry(T2Label::Item(i), i.label()))
            .collect();
        v.push(entry(T2Label::OldNormative, "规范性文件"));
        v.push(entry(T2Label::OldRow, "其他对外管理服务事项"));
        v.push(entry(T2Label::OldRow, "政府集中采购"));
        v
    })
}

/// Matches a row label of table 二.
pub(crate) fn match_t2(text: &str) -> Option<(T2Label, LabelMatch)> {
    let (label, m) = best_match(t2_entries(), text, |_| false)?;
    // A typo of 规范性文件 is still the 2021 row: only the exact old wording counts as old.
    match (label, m) {
        (T2Label::OldNormative, LabelMatch::Fuzzy) => {
            Some((T2Label::Item(T2Item::Normative), LabelMatch::Fuzzy))
        }
        _ => Some((label, m)),
    }
}

/// Whether `text` is exactly (up to normalisation) a row label of table 二.
pub(crate) fn is_t2_exact(text: &str) -> bool {
    let c = core(text);
    !c.is_empty() && t2_entries().iter().any(|e| e.core_str == c)
}

/// Column and row labels of the 2019 trial format (国办公开办函〔2019〕60号).
const OLD_FORMAT: [&str; 9] = [
    "本年新制作数量",
    "本年新公开数量",
    "对外公开总数量",
    "上一年项目数量",
    "本年增减",
    "采购项目数量",
    "采购总金额",
    "政府集中采购",
    "其他对外管理服务事项",
];

/// Whether a cell's text is a label of the 2019 trial format.
pub(crate) fn is_old_format_label(text: &str) -> bool {
    let n = normalize(text);
    n == "规范性文件" || OLD_FORMAT.iter().any(|l| n.contains(l))
}

// ---------------------------------------------------------------------------
// Part headings
// ---------------------------------------------------------------------------

/// Which part a heading's wording names (without its ordinal), and whether
/// the wording is the standard one or a known variant (`true`) rather than
/// merely mentioning the part's subject (`false`).
pub(crate) fn part_kind(text: &str) -> Option<(PartKind, bool)> {
    let n = normalize(strip_numbering(text));
    if n.is_empty() || n.chars().count() > 40 {
        return None;
    }
    const STRONG: [(PartKind, &[&str]); 6] = [
        (
            PartKind::Overview,
            &[
                "总体情况",
                "政府信息公开工作总体情况",
                "政府信息公开总体情况",
                "工作总体情况",
            ],
        ),
        (
            PartKind::ActiveDisclosure,
            &[
                "主动公开政府信息情况",
                "主动公开政府信息的情况",
                "主动公开政府信息",
            ],
        ),
        (
            PartKind::Applications,
            &[
                "收到和处理政府信息公开申请情况",
                "收到和处理政府信息公开申请的情况",
            ],
        ),
        (
            PartKind::Appeals,
            &[
                "政府信息公开行政复议行政诉讼情况",
                "行政复议行政诉讼情况",
                "政府信息公开行政复议行政诉讼的情况",
            ],
        ),
        (
            PartKind::Problems,
            &[
                "存在的主要问题及改进情况",
                "政府信息公开工作存在的主要问题及改进情况",
                "存在问题及改进情况",
                "存在的问题及改进情况",
                "存在的主要问题及改进措施",
                "存在的主要问题及改进举措",
                "主要问题及改进情况",
            ],
        ),
        (PartKind::Other, &["其他需要报告的事项", "其他需要报告事项"]),
    ];
    for (kind, words) in STRONG {
        if words.contains(&n.as_str()) {
            return Some((kind, true));
        }
    }
    let has = |w: &str| n.contains(w);
    let kind = if has("其他需要报告") || has("需要报告的其他事项") {
        PartKind::Other
    } else if has("问题") && (has("改进") || has("整改")) {
        PartKind::Problems
    } else if has("行政复议") || has("行政诉讼") {
        PartKind::Appeals
    } else if (has("收到") && has("申请")) || has("处理政府信息公开申请") {
        PartKind::Applications
    } else if has("主动公开政府信息") {
        PartKind::ActiveDisclosure
    } else if has("总体情况") && n.chars().count() <= 16 {
        PartKind::Overview
    } else {
        return None;
    };
    Some((kind, false))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_ignores_width_brackets_punctuation_and_spaces() {
        assert_eq!(
            normalize("（二）部分公开 (区分处理的，只计这一情形)"),
            "二部分公开区分处理的只计这一情形"
        );
        assert_eq!(normalize("3. 危及“三安全一稳定”"), "3危及三安全一稳定");
        assert_eq!(normalize("３．危及\"三安全一稳定\""), "3危及三安全一稳定");
        assert_eq!(normalize("商业\n企业"), "商业企业");
        assert_eq!(normalize("第二十条 第(一)项"), "第二十条第一项");
        assert_eq!(normalize("本年增/减"), "本年增减");
        assert_eq!(normalize("〇"), "〇");
    }

    #[test]
    fn numbering_styles() {
        assert_eq!(
            parse_numbering("一、总体情况"),
            Some((Numbering::ChineseComma(1), 6))
        );
        assert_eq!(
            parse_numbering("（三）不予公开").map(|x| x.0),
            Some(Numbering::ChineseParen {
                n: 3,
                fullwidth: true
            })
        );
        assert_eq!(
            parse_numbering("(七) 总计"),
            Some((
                Numbering::ChineseParen {
                    n: 7,
                    fullwidth: false
                },
                6
            ))
        );
        assert_eq!(
            parse_numbering("1. 属于").map(|x| x.0),
            Some(Numbering::Arabic(1))
        );
        assert_eq!(
            parse_numbering("12、重复").map(|x| x.0),
            Some(Numbering::Arabic(12))
        );
        assert_eq!(
            parse_numbering("１．属于").map(|x| x.0),
            Some(Numbering::Arabic(1))
        );
        assert_eq!(
            parse_numbering("（1）说明").map(|x| x.0),
            Some(Numbering::ArabicParen {
                n: 1,
                fullwidth: true
            })
        );
        assert_eq!(
            parse_numbering("三 、本 年 度").map(|x| x.0),
            Some(Numbering::ChineseComma(3))
        );
        assert_eq!(
            parse_numbering("十二、其他").map(|x| x.0),
            Some(Numbering::ChineseComma(12))
        );
        assert_eq!(parse_numbering("一是加强"), None);
        assert_eq!(parse_numbering("1.5万元"), None);
        assert_eq!(parse_numbering("2021年"), None);
        assert_eq!(parse_numbering("（本列数据"), None);
        assert_eq!(parse_numbering(""), None);
        assert_eq!(parse_numbering("("), None);
    }

    #[test]
    fn chinese_numbers() {
        assert_eq!(chinese_number("一"), Some(1));
        assert_eq!(chinese_number("十"), Some(10));
        assert_eq!(chinese_number("十五"), Some(15));
        assert_eq!(chinese_number("二十"), Some(20));
        assert_eq!(chinese_number("九十九"), Some(99));
        assert_eq!(chinese_number("一十"), None);
        assert_eq!(chinese_number("〇"), None);
    }

    #[test]
    fn t3_rows_match_exactly_whatever_the_writing() {
        let m = |s: &str| match_t3(s, None);
        assert_eq!(
            m("一、本年新收政府信息公开申请数量"),
            Some((T3Label::Row(T3Row::R01), LabelMatch::Exact))
        );
        assert_eq!(
            m("(二) 部分公开 (区分处理的, 只计这一情形, 不计其他情形)"),
            Some((T3Label::Row(T3Row::R04), LabelMatch::Exact))
        );
        assert_eq!(
            m("（二）部分公开"),
            Some((T3Label::Row(T3Row::R04), LabelMatch::Exact))
        );
        assert_eq!(
            m("3. 危及\"三安全一稳定\""),
            Some((T3Label::Row(T3Row::R07), LabelMatch::Exact))
        );
        assert_eq!(
            m("1、申请人无正当理由逾期不补正，行政机关不再处理其政府信息公开申请"),
            Some((T3Label::Row(T3Row::R21), LabelMatch::Exact))
        );
        assert_eq!(
            m("3.其他"),
            Some((T3Label::Row(T3Row::R23), LabelMatch::Exact))
        );
        assert_eq!(
            m("(七) 总计"),
            Some((T3Label::Row(T3Row::R24), LabelMatch::Exact))
        );
        assert_eq!(
            m(" 三 、本 年 度办 理 结果"),
            Some((T3Label::Group(T3Group::Results), LabelMatch::Exact))
        );
        assert_eq!(
            m("（六）其他处理"),
            Some((T3Label::Group(T3Group::Other), LabelMatch::Exact))
        );
        assert_eq!(
            m("三本年度办理结果"),
            Some((T3Label::Group(T3Group::Results), LabelMatch::Exact))
        );
    }

    #[test]
    fn t3_typos_match_fuzzily_and_junk_not_at_all() {
        assert_eq!(
            match_t3("2.其他法律行政止公开", None),
            Some((T3Label::Row(T3Row::R06), LabelMatch::Fuzzy))
        );
        assert_eq!(
            match_t3("4.保护第三方合法权利", None),
            Some((T3Label::Row(T3Row::R08), LabelMatch::Fuzzy))
        );
        assert_eq!(match_t3("若干", None), None);
        assert_eq!(match_t3("申请人情况", None), None);
        assert_eq!(match_t3("法人或其他组织", None), None);
        assert_eq!(match_t3("商业企业", None), None);
        assert_eq!(match_t3("本年度收到的咨询电话数量", None), None);
        assert_eq!(match_t3("", None), None);
        assert!(is_t3_exact("四、结转下年度继续办理"));
        assert!(!is_t3_exact("四、政府信息公开行政复议、行政诉讼情况"));
        assert!(is_t3_comma_label("一、本年新收政府信息公开申请数"));
        assert!(is_t3_comma_label(" 三 、本 年 度办 理 结果"));
        assert!(!is_t3_comma_label("三、收到和处理政府信息公开申请情况"));
    }

    #[test]
    fn t2_rows_and_old_labels() {
        assert_eq!(
            match_t2("规章"),
            Some((T2Label::Item(T2Item::Rules), LabelMatch::Exact))
        );
        assert_eq!(
            match_t2("行政规范性文件"),
            Some((T2Label::Item(T2Item::Normative), LabelMatch::Exact))
        );
        assert_eq!(
            match_t2("规范性文件"),
            Some((T2Label::OldNormative, LabelMatch::Exact))
        );
        assert_eq!(
            match_t2("行政规范文件"),
            Some((T2Label::Item(T2Item::Normative), LabelMatch::Fuzzy))
        );
        assert_eq!(
            match_t2("行政事业性收费"),
            Some((T2Label::Item(T2Item::Fee), LabelMatch::Exact))
        );
        assert_eq!(match_t2("信息内容"), None);
        assert!(is_old_format_label("本年增/减"));
        assert!(is_old_format_label("规范性文件"));
        assert!(!is_old_format_label("行政规范性文件"));
        assert!(!is_old_format_label("本年制发件数"));
    }

    #[test]
    fn part_kinds() {
        assert_eq!(part_kind("一、总体情况"), Some((PartKind::Overview, true)));
        assert_eq!(
            part_kind("四、政府信息公开行政复议行政诉讼情况"),
            Some((PartKind::Appeals, true))
        );
        assert_eq!(
            part_kind("五、政府信息公开工作存在的主要问题及改进情况"),
            Some((PartKind::Problems, true))
        );
        assert_eq!(
            part_kind("存在的主要问题及改进举措"),
            Some((PartKind::Problems, true))
        );
        assert_eq!(part_kind("(一) 存在的主要问题"), None);
        assert_eq!(part_kind("（一）主动公开"), None);
        assert_eq!(part_kind("行政复议情况"), Some((PartKind::Appeals, false)));
        assert_eq!(part_kind("本年度办理结果"), None);
    }

    #[test]
    fn edit_distance_caps() {
        let a: Vec<char> = "其他法律行政止公开".chars().collect();
        let b: Vec<char> = "其他法律行政法规禁止公开".chars().collect();
        assert_eq!(edit_distance(&a, &b, 5), 3);
        assert_eq!(edit_distance(&a, &b, 1), 2);
    }
}
