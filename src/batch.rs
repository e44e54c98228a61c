//! Rules across a batch of reports: H901 (similar reports of different
//! bodies) and H902 (a regional aggregate below one of its units).
//!
//! Each report is checked on its own first; then the batch is looked at as a
//! whole. The work is split so that a caller with threads can do the costly
//! per-report part in parallel: [`Fingerprint::new`] reads one report's
//! narrative into shingles, and [`check`] (single-threaded, pure) compares the
//! fingerprints.
//!
//! H901, the method. Each report's narrative (the six parts' text outside the
//! tables) is reduced to its letters (digits, whitespace and punctuation
//! dropped) and cut into overlapping 5-character shingles, kept per part.
//! Shingles of the official template (headings, table labels, the standard
//! preamble) are dropped, and so is any shingle found in more than a tenth of
//! the batch: wording everyone shares makes no two reports alike. Each part
//! then gets a MinHash signature (one-permutation hashing, 128 bins), cut into
//! 32 bands of 4 (LSH): two reports become a candidate pair when one band of
//! one of their parts is equal. Only candidate pairs are compared exactly, by
//! the share of each report's shingles found in the other. The cost grows with
//! the number of reports (plus the candidate pairs, few for unrelated
//! reports), not with its square.

pub mod desk;

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use crate::diagnostic::{CellRef, Diagnostic, Location, OtherPlace, OtherReport};
use crate::model::{PartKind, Report, T3Col, T3Row, T4Field, T4Group};
use crate::rules::{
    self, AGGREGATE_BELOW_UNITS, BodyType, Config, RuleMeta, RuleSetting, SIMILAR_REPORTS,
};
use crate::text::{LineIndex, Span};

/// Characters per shingle.
const SHINGLE: usize = 5;
/// Bins of a MinHash signature (a power of two).
const BINS: usize = 128;
/// Signature values per LSH band.
const ROWS: usize = 4;
/// A part needs this many shingles (after the template is dropped) to get a
/// signature: shorter parts are compared only within a candidate pair.
const MIN_SIGNED_PART: usize = 20;
/// A report's narrative needs this many shingles for its share to count.
const MIN_NARRATIVE: usize = 50;
/// A part is named in a finding when at least this share of it (percent) is
/// found in the other report.
const PART_LISTED: u32 = 30;
/// Shingles in more than `max(DF_FLOOR, n / DF_DIVISOR)` of `n` reports are template.
const DF_FLOOR: usize = 10;
const DF_DIVISOR: usize = 10;
/// At most this many H901 findings per report: the most similar reports.
const MAX_SIMILAR_PER_REPORT: usize = 5;

/// One shingle of a report: its hash and the bytes it covers in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Shingle {
    hash: u32,
    start: u32,
    end: u32,
}

/// What H901 and H902 need of one report, computed once per report (in
/// parallel where the caller can): the narrative's shingles per part, and the
/// body and year.
#[derive(Clone, Debug, Default)]
pub struct Fingerprint {
    /// The body's name without suffixes (「淮安市洪泽区」), if the title names one.
    body: Option<String>,
    /// Per part, the distinct shingles sorted by hash (each at its first place).
    parts: Vec<(PartKind, Vec<Shingle>)>,
}

impl Fingerprint {
    pub fn new(report: &Report) -> Self {
        let template = template();
        let tables: Vec<Span> = [
            report.table2.as_ref().map(|t| t.span),
            report.table3.as_ref().map(|t| t.span),
            report.table4.as_ref().map(|t| t.span),
        ]
        .into_iter()
        .flatten()
        .collect();
        let mut parts: Vec<(PartKind, Vec<Shingle>)> = Vec::new();
        for part in &report.parts {
            let Some(kind) = part.kind else { continue };
            let base = part.body.start as usize;
            let body = part.body.slice(&report.text);
            let chars: Vec<(char, u32, u32)> = body
                .char_indices()
                .filter(|&(_, c)| is_letter(c))
                .map(|(i, c)| {
                    let at = base + i;
                    (c, at as u32, (at + c.len_utf8()) as u32)
                })
                .filter(|&(_, at, _)| !tables.iter().any(|t| t.start <= at && at < t.end))
                .collect();
            let mut shingles: Vec<Shingle> = chars
                .windows(SHINGLE)
                .map(|w| Shingle {
                    hash: hash_chars(w.iter().map(|x| x.0)),
                    start: w[0].1,
                    end: w[SHINGLE - 1].2,
                })
                .filter(|s| !template.contains(&s.hash))
                .collect();
            match parts.iter_mut().find(|(k, _)| *k == kind) {
                Some((_, all)) => all.append(&mut shingles),
                None => parts.push((kind, shingles)),
            }
        }
        for (_, s) in &mut parts {
            crate::sort::sort_by_key(s, |x| (x.hash, x.start));
            s.dedup_by_key(|x| x.hash);
        }
        crate::sort::sort_by_key(&mut parts, |(k, _)| *k);
        Fingerprint {
            body: report.body().map(rules::core_name),
            parts,
        }
    }

    /// How many distinct shingles the narrative has (template wording dropped).
    pub fn len(&self) -> usize {
        self.parts.iter().map(|(_, s)| s.len()).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.parts.iter().all(|(_, s)| s.is_empty())
    }
}

/// The characters compared: letters (CJK included); digits, whitespace and
/// punctuation are dropped, so changed numbers do not hide a copy.
fn is_letter(c: char) -> bool {
    c.is_alphabetic() && !c.is_numeric()
}

fn hash_chars(chars: impl Iterator<Item = char>) -> u32 {
    // FNV-1a, then a finaliser: stable across runs and platforms.
    let h = chars.fold(0xcbf2_9ce4_8422_2325u64, |h, c| {
        (h ^ c as u64).wrapping_mul(0x0100_0000_01b3)
    });
    (mix(h) >> 32) as u32
}

/// The splitmix64 finaliser.
fn mix(mut x: u64) -> u64 {
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// Wording of the official form that every report may share: the headings,
/// the table labels, the preamble. Its shingles never count.
fn template() -> &'static FastSet<u32> {
    static SET: OnceLock<FastSet<u32>> = OnceLock::new();
    SET.get_or_init(|| {
        let mut phrases: Vec<String> = PartKind::ALL
            .iter()
            .map(|k| k.standard_heading().to_string())
            .collect();
        phrases.extend(T3Row::ALL.iter().map(|r| r.label().to_string()));
        phrases.extend(T3Col::ALL.iter().map(|c| c.label().to_string()));
        phrases.extend(T4Group::ALL.iter().map(|g| g.label().to_string()));
        phrases.extend(T4Field::ALL.iter().map(|f| f.label().to_string()));
        phrases.extend(TEMPLATE_PHRASES.iter().map(|s| s.to_string()));
        let mut set = FastSet::default();
        for p in phrases {
            let chars: Vec<char> = p.chars().filter(|&c| is_letter(c)).collect();
            for w in chars.windows(SHINGLE) {
                set.insert(hash_chars(w.iter().copied()));
            }
        }
        set
    })
}

/// The fixed wording of the form and of its usual preamble.
#[rustfmt::skip]
const TEMPLATE_PHRASES: &[&str] = &[
    "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知要求编制",
    "本报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议、行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项六个部分组成",
    "本报告所列数据的统计期限自年月日起至年月日止",
    "本报告中所列数据的统计期限自年月日起至年月日止",
    "本报告的电子版可在政府门户网站查阅或下载",
    "如对本报告有疑问，请与政府信息公开工作机构联系",
    "主动公开情况", "依申请公开情况", "政府信息管理情况", "政府信息公开平台建设情况",
    "政府信息公开监督保障情况", "工作考核、社会评议和责任追究结果情况",
    "第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项",
    "信息内容", "本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量",
    "本年收费金额（单位：万元）", "规章", "行政规范性文件", "行政许可", "行政处罚", "行政强制",
    "行政事业性收费", "申请人情况", "法人或其他组织", "商业企业", "科研机构", "社会公益组织",
    "法律服务机构", "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
    "行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉", "结果维持", "结果纠正", "其他结果",
    "尚未审结", "总计",
];

// ---------------------------------------------------------------------------
// H901

/// How much of a part is found in the other report, and where, for both reports.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartOverlap {
    pub kind: PartKind,
    /// Percent of report `a`'s part found anywhere in `b`'s narrative
    /// (`None`: `a` has no text of its own in this part).
    pub share_a: Option<u32>,
    pub share_b: Option<u32>,
    /// In `a`'s text: from the first to the last shingle of the part found in `b`.
    pub span_a: Option<Span>,
    pub span_b: Option<Span>,
}

/// Two reports of different bodies whose narratives are alike.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SimilarPair {
    /// Indices into the batch, `a < b`.
    pub a: usize,
    pub b: usize,
    /// Percent of `a`'s narrative found in `b`, and of `b`'s in `a`.
    pub share_a: u32,
    pub share_b: u32,
    /// The parts in which at least 30% of one side is found in the other, in
    /// part order.
    pub parts: Vec<PartOverlap>,
}

impl SimilarPair {
    /// The larger of the two shares.
    pub fn share(&self) -> u32 {
        self.share_a.max(self.share_b)
    }
}

/// A `HashMap` hasher for keys that are hashes already.
#[derive(Default)]
struct Prehashed(u64);

impl Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ b as u64).wrapping_mul(0x0100_0000_01b3);
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.0 = (n as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Prehashed>>;
type FastSet<K> = std::collections::HashSet<K, BuildHasherDefault<Prehashed>>;

/// One report's narrative with the batch's common wording dropped.
struct Kept {
    parts: Vec<(PartKind, Vec<Shingle>)>,
    /// Every kept shingle of the report, sorted by hash, each hash once.
    all: Vec<Shingle>,
}

/// The pairs of reports of different bodies whose narratives share more than half.
pub fn similar_pairs(prints: &[&Fingerprint]) -> Vec<SimilarPair> {
    let n = prints.len();
    if n < 2 {
        return Vec::new();
    }
    // Document frequency: in how many reports each shingle occurs.
    let mut df: FastMap<u32, u32> = FastMap::default();
    let mut hashes: Vec<u32> = Vec::new();
    for p in prints {
        hashes.clear();
        hashes.extend(p.parts.iter().flat_map(|(_, s)| s.iter().map(|x| x.hash)));
        hashes.sort_unstable();
        hashes.dedup();
        for &h in &hashes {
            *df.entry(h).or_insert(0) += 1;
        }
    }
    let cap = DF_FLOOR.max(n / DF_DIVISOR) as u32;
    let kept: Vec<Kept> = prints
        .iter()
        .map(|p| {
            let parts: Vec<(PartKind, Vec<Shingle>)> = p
                .parts
                .iter()
                .map(|(k, s)| {
                    let s: Vec<Shingle> = s
                        .iter()
                        .copied()
                        .filter(|x| df.get(&x.hash).is_some_and(|&d| d <= cap))
                        .collect();
                    (*k, s)
                })
                .collect();
            let mut all: Vec<Shingle> = parts.iter().flat_map(|(_, s)| s.iter().copied()).collect();
            crate::sort::sort_by_key(&mut all, |x| (x.hash, x.start));
            all.dedup_by_key(|x| x.hash);
            Kept { parts, all }
        })
        .collect();
    drop(df);

    // LSH: (band key, report) for every band of every signed part.
    let mut keys: Vec<(u64, u32)> = Vec::new();
    for (i, k) in kept.iter().enumerate() {
        for (_, s) in &k.parts {
            if s.len() < MIN_SIGNED_PART {
                continue;
            }
            let sig = signature(s);
            for (band, rows) in sig.chunks(ROWS).enumerate() {
                let key = rows.iter().fold(mix(band as u64 + 1), |h, &v| mix(h ^ v));
                keys.push((key, i as u32));
            }
        }
    }
    keys.sort_unstable();
    keys.dedup();
    let mut candidates: Vec<(u32, u32)> = Vec::new();
    for run in keys.chunk_by(|x, y| x.0 == y.0) {
        for (x, &(_, i)) in run.iter().enumerate() {
            for &(_, j) in &run[x + 1..] {
                candidates.push((i.min(j), i.max(j)));
            }
        }
    }
    candidates.sort_unstable();
    candidates.dedup();

    candidates
        .into_iter()
        .filter(|&(i, j)| !same_body(prints[i as usize], prints[j as usize]))
        .filter_map(|(i, j)| compare(i as usize, j as usize, &kept[i as usize], &kept[j as usize]))
        .collect()
}

/// Whether two fingerprints are of the same body (any year): 「淮安市洪泽区」 and
/// 「洪泽区」 are.
fn same_body(a: &Fingerprint, b: &Fingerprint) -> bool {
    match (&a.body, &b.body) {
        (Some(x), Some(y)) => x == y || x.ends_with(y.as_str()) || y.ends_with(x.as_str()),
        _ => false,
    }
}

/// A MinHash signature by one-permutation hashing: each shingle falls into one
/// of [`BINS`] bins by its hash and each bin keeps its least value; an empty bin
/// borrows the next non-empty bin's value (rotation), so that equal sets give
/// equal signatures and similar sets mostly equal bins.
fn signature(shingles: &[Shingle]) -> [u64; BINS] {
    let mut bins = [u64::MAX; BINS];
    for s in shingles {
        let x = mix(s.hash as u64);
        let bin = (x >> (64 - BINS.trailing_zeros())) as usize;
        let v = x & (u64::MAX >> BINS.trailing_zeros());
        if v < bins[bin] {
            bins[bin] = v;
        }
    }
    let mut out = bins;
    if bins.iter().all(|&v| v == u64::MAX) {
        return out;
    }
    for i in 0..BINS {
        if bins[i] != u64::MAX {
            continue;
        }
        let mut d = 1;
        while bins[(i + d) % BINS] == u64::MAX {
            d += 1;
        }
        out[i] = mix(bins[(i + d) % BINS] ^ (d as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15));
    }
    out
}

/// Shingles of `part` whose hash is in `all` (both sorted by hash).
fn found_in<'a>(part: &'a [Shingle], all: &[Shingle]) -> Vec<&'a Shingle> {
    let mut out = Vec::new();
    let mut j = 0;
    for s in part {
        while j < all.len() && all[j].hash < s.hash {
            j += 1;
        }
        if j < all.len() && all[j].hash == s.hash {
            out.push(s);
        }
    }
    out
}

fn percent(part: usize, whole: usize) -> u32 {
    (part * 100 / whole.max(1)) as u32
}

/// The exact comparison of a candidate pair.
fn compare(a: usize, b: usize, ka: &Kept, kb: &Kept) -> Option<SimilarPair> {
    let shared = found_in(&ka.all, &kb.all).len();
    let over_half = |total: usize| total >= MIN_NARRATIVE && shared * 2 > total;
    if !over_half(ka.all.len()) && !over_half(kb.all.len()) {
        return None;
    }
    let side = |mine: &Kept, theirs: &Kept, kind: PartKind| -> (Option<u32>, Option<Span>) {
        let Some((_, s)) = mine.parts.iter().find(|(k, _)| *k == kind) else {
            return (None, None);
        };
        if s.is_empty() {
            return (None, None);
        }
        let found = found_in(s, &theirs.all);
        let span = found
            .iter()
            .map(|x| x.start)
            .min()
            .zip(found.iter().map(|x| x.end).max())
            .map(|(start, end)| Span { start, end });
        (Some(percent(found.len(), s.len())), span)
    };
    let parts: Vec<PartOverlap> = PartKind::ALL
        .into_iter()
        .filter_map(|kind| {
            let (share_a, span_a) = side(ka, kb, kind);
            let (share_b, span_b) = side(kb, ka, kind);
            let listed = |s: Option<u32>| s.is_some_and(|s| s >= PART_LISTED);
            (listed(share_a) || listed(share_b)).then_some(PartOverlap {
                kind,
                share_a,
                share_b,
                span_a,
                span_b,
            })
        })
        .collect();
    Some(SimilarPair {
        a,
        b,
        share_a: percent(shared, ka.all.len()),
        share_b: percent(shared, kb.all.len()),
        parts,
    })
}

// ---------------------------------------------------------------------------
// H902

/// The numbers an aggregate report must not be below its units' in.
const METRICS: [CellRef; 5] = [
    CellRef::T3 {
        row: Some(T3Row::R01),
        col: Some(T3Col::Tot),
    },
    CellRef::T3 {
        row: Some(T3Row::R24),
        col: Some(T3Col::Tot),
    },
    CellRef::T4 {
        group: Some(T4Group::Review),
        field: Some(T4Field::Total),
    },
    CellRef::T4 {
        group: Some(T4Group::SuitDirect),
        field: Some(T4Field::Total),
    },
    CellRef::T4 {
        group: Some(T4Group::SuitAfter),
        field: Some(T4Field::Total),
    },
];

fn metric_value(report: &Report, c: CellRef) -> Option<u64> {
    match c {
        CellRef::T3 {
            row: Some(r),
            col: Some(col),
        } => report.table3.as_ref()?.cell(r, col)?.as_int(),
        CellRef::T4 {
            group: Some(g),
            field: Some(f),
        } => report.table4.as_ref()?.cell(g, f)?.as_int(),
        _ => None,
    }
}

/// A regional aggregate report below one of its units' reports.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BelowUnit {
    /// Indices into the batch.
    pub aggregate: usize,
    pub unit: usize,
    /// Each number below: where, the aggregate's value and the unit's.
    pub below: Vec<(CellRef, u64, u64)>,
}

/// The region a report's body governs, when it is a regional government
/// (「淮安市人民政府」 → 「淮安市」), and the region's own last level (「洪泽区」
/// of 「淮安市洪泽区」).
fn region(report: &Report) -> Option<(String, String)> {
    let body = report.body()?;
    if rules::infer_body_type(body) != BodyType::Government {
        return None;
    }
    let core = rules::core_name(body);
    let chars: Vec<char> = core.chars().collect();
    // The last level starts after the last 省/市/州/盟 before the final character.
    let cut = chars[..chars.len().saturating_sub(1)]
        .iter()
        .rposition(|c| matches!(c, '省' | '市' | '州' | '盟'))
        .map_or(0, |i| i + 1);
    let tail: String = chars[cut..].iter().collect();
    Some((core, tail))
}

/// Regional aggregate reports whose numbers are below one of their units' of the same year.
pub fn aggregates_below_units(reports: &[&Report]) -> Vec<BelowUnit> {
    let cores: Vec<Option<String>> = reports
        .iter()
        .map(|r| r.body().map(rules::core_name))
        .collect();
    let mut out = Vec::new();
    for (g, report) in reports.iter().enumerate() {
        let Some((core, tail)) = region(report) else {
            continue;
        };
        let Some(year) = report.year() else { continue };
        for (u, unit) in reports.iter().enumerate() {
            let Some(ucore) = &cores[u] else { continue };
            let belongs = ucore != &core
                && !core.ends_with(ucore.as_str())
                && (ucore.starts_with(core.as_str())
                    || (tail.chars().count() >= 2 && ucore.starts_with(tail.as_str())))
                && ucore.chars().count() > tail.chars().count();
            if !belongs || unit.year() != Some(year) {
                continue;
            }
            let below: Vec<(CellRef, u64, u64)> = METRICS
                .iter()
                .filter_map(|&c| {
                    let (mine, theirs) = (metric_value(report, c)?, metric_value(unit, c)?);
                    (mine < theirs).then_some((c, mine, theirs))
                })
                .collect();
            if !below.is_empty() {
                out.push(BelowUnit {
                    aggregate: g,
                    unit: u,
                    below,
                });
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------
// The findings

/// One report of a batch, as the caller names it.
#[derive(Clone, Copy, Debug)]
pub struct Member<'a> {
    /// The file, as the user named it.
    pub path: &'a str,
    pub report: &'a Report,
    pub print: &'a Fingerprint,
}

/// What the batch rules found.
#[derive(Clone, Debug, Default)]
pub struct Outcome {
    /// Per member, in the batch's order: its H901 and H902 findings.
    pub diagnostics: Vec<Vec<Diagnostic>>,
    /// Every similar pair (H901), ordered by `a` then `b`.
    pub similar: Vec<SimilarPair>,
    /// Every aggregate below a unit (H902).
    pub below: Vec<BelowUnit>,
}

/// A rule's setting: `None` when it is off, else its severity.
fn setting(rule: &RuleMeta, config: &Config) -> Option<crate::Severity> {
    match config.rules.get(rule.code) {
        Some(RuleSetting::Off) => None,
        Some(RuleSetting::Severity(s)) => Some(*s),
        None => Some(rule.severity),
    }
}

/// Runs H901 and H902 over the batch (each as the config sets it).
pub fn check(members: &[Member<'_>], config: &Config) -> Outcome {
    let mut out = Outcome {
        diagnostics: vec![Vec::new(); members.len()],
        ..Outcome::default()
    };
    if let Some(severity) = setting(&SIMILAR_REPORTS, config) {
        let prints: Vec<&Fingerprint> = members.iter().map(|m| m.print).collect();
        out.similar = similar_pairs(&prints);
        // Per report, its pairs, most similar first.
        let mut per: Vec<Vec<(usize, bool)>> = vec![Vec::new(); members.len()];
        for (i, p) in out.similar.iter().enumerate() {
            per[p.a].push((i, true));
            per[p.b].push((i, false));
        }
        for (m, pairs) in per.iter_mut().enumerate() {
            crate::sort::sort_by_key(pairs, |&(i, first)| {
                let p = &out.similar[i];
                let mine = if first { p.share_a } else { p.share_b };
                (std::cmp::Reverse(p.share().max(mine)), i)
            });
            for &(i, first) in pairs.iter().take(MAX_SIMILAR_PER_REPORT) {
                let d = similar_diagnostic(members, &out.similar[i], first);
                out.diagnostics[m].push(d.with_severity(severity));
            }
        }
    }
    if let Some(severity) = setting(&AGGREGATE_BELOW_UNITS, config) {
        let reports: Vec<&Report> = members.iter().map(|m| m.report).collect();
        out.below = aggregates_below_units(&reports);
        for b in &out.below {
            let d = below_diagnostic(members, b).with_severity(severity);
            out.diagnostics[b.aggregate].push(d);
        }
    }
    out
}

/// Adds the batch's findings to a report's own and puts them all in document order.
pub fn merge(checked: &mut crate::Checked, extra: Vec<Diagnostic>) {
    if extra.is_empty() {
        return;
    }
    checked.diagnostics.extend(extra);
    let report = &checked.report;
    crate::sort::sort_by_cached_key(&mut checked.diagnostics, |d| {
        (rules::position(report, &d.location), d.code)
    });
}

/// A place in `report` for an [`OtherReport`].
fn other_place(
    report: &Report,
    index: &LineIndex,
    cell: Option<CellRef>,
    span: Option<Span>,
) -> OtherPlace {
    let text = &report.text;
    let (line, column) = span.map_or((0, 0), |s| index.line_col(text, s.start));
    OtherPlace {
        cell,
        span,
        line,
        column,
        text: span.map_or(String::new(), |s| {
            text.get(s.range()).unwrap_or_default().to_string()
        }),
        page: span.and_then(|s| report.page_of(s.start)),
    }
}

/// 「「淮安市洪泽区人民政府」的报告（a.txt）」, or 「a.txt」 when the body is unknown.
fn naming(m: &Member<'_>) -> String {
    match m.report.body() {
        Some(b) => format!("「{b}」的报告（{}）", m.path),
        None => format!("报告 {}", m.path),
    }
}

fn part_name(kind: PartKind) -> String {
    format!("第{}部分", kind.ordinal())
}

/// The H901 finding of one side of a pair: `first` for `a`, else `b`.
fn similar_diagnostic(members: &[Member<'_>], pair: &SimilarPair, first: bool) -> Diagnostic {
    let (me, them) = if first {
        (&members[pair.a], &members[pair.b])
    } else {
        (&members[pair.b], &members[pair.a])
    };
    let (mine, theirs) = if first {
        (pair.share_a, pair.share_b)
    } else {
        (pair.share_b, pair.share_a)
    };
    // This side's parts, with their share and the matching spans on both sides.
    let mut parts: Vec<(PartKind, u32, Option<Span>, Option<Span>)> = pair
        .parts
        .iter()
        .filter_map(|p| {
            let (share, here, there) = if first {
                (p.share_a, p.span_a, p.span_b)
            } else {
                (p.share_b, p.span_b, p.span_a)
            };
            share
                .filter(|&s| s >= PART_LISTED)
                .map(|s| (p.kind, s, here, there))
        })
        .collect();
    if parts.is_empty() {
        // This side is the larger one: name its parts found in the other at all.
        parts = pair
            .parts
            .iter()
            .map(|p| {
                let (share, here, there) = if first {
                    (p.share_a, p.span_a, p.span_b)
                } else {
                    (p.share_b, p.span_b, p.span_a)
                };
                (p.kind, share.unwrap_or(0), here, there)
            })
            .collect();
    }
    let listed: Vec<String> = parts
        .iter()
        .map(|(k, s, ..)| format!("{} {s}%", part_name(*k)))
        .collect();
    let heading = |k: PartKind| {
        me.report
            .part(k)
            .map_or(Location::Document, |p| Location::Span(p.heading.span))
    };
    let locations: Vec<Location> = parts
        .iter()
        .map(|&(k, _, here, _)| here.map_or_else(|| heading(k), Location::Span))
        .collect();
    let index = LineIndex::new(&them.report.text);
    let places: Vec<OtherPlace> = parts
        .iter()
        .map(|&(k, _, _, there)| {
            let there = there.or_else(|| them.report.part(k).map(|p| p.heading.span));
            other_place(them.report, &index, None, there)
        })
        .collect();
    let message = format!(
        "正文与{}雷同：{}（本报告文字部分合计{mine}%见于对方报告，对方{theirs}%见于本报告；比较时忽略数字、标点和各报告共有的模板用语）",
        naming(them),
        listed.join("、")
    );
    Diagnostic::new(
        &SIMILAR_REPORTS,
        locations.first().copied().unwrap_or(Location::Document),
        message,
    )
    .with_related(locations.into_iter().skip(1))
    .with_help(
        "不同机关的年度报告应各自反映本机关的工作；请对照两份报告，核对是否照抄了其他机关的报告",
    )
    .with_other(OtherReport {
        path: them.path.to_string(),
        body: them.report.body().map(str::to_string),
        places,
    })
}

fn metric_name(c: CellRef) -> String {
    match c {
        CellRef::T3 { row: Some(r), .. } => format!("表三 {} 总计", r.short_name()),
        CellRef::T4 { group: Some(g), .. } => format!("表四 {} 总计", g.label()),
        other => other.describe(),
    }
}

/// The H902 finding on the aggregate report.
fn below_diagnostic(members: &[Member<'_>], b: &BelowUnit) -> Diagnostic {
    let unit = &members[b.unit];
    let listed: Vec<String> = b
        .below
        .iter()
        .map(|&(c, mine, theirs)| format!("{} 本报告{mine}、该单位{theirs}", metric_name(c)))
        .collect();
    let index = LineIndex::new(&unit.report.text);
    let places: Vec<OtherPlace> = b
        .below
        .iter()
        .map(|&(c, ..)| {
            other_place(
                unit.report,
                &index,
                Some(c),
                rules::cell_span(unit.report, c),
            )
        })
        .collect();
    Diagnostic::new(
        &AGGREGATE_BELOW_UNITS,
        Location::Cell(b.below[0].0),
        format!(
            "本地区汇总报告的数字低于所属单位{}：{}",
            naming(unit),
            listed.join("；")
        ),
    )
    .with_related(b.below[1..].iter().map(|&(c, ..)| Location::Cell(c)))
    .with_help("地区政府年报如为本行政区域的汇总报告，每个数字都不应小于其中任一单位；请核对汇总是否遗漏了单位，或该单位的数字是否有误。如本报告只报告政府本级，可在配置中关闭 H902")
    .with_other(OtherReport {
        path: unit.path.to_string(),
        body: unit.report.body().map(str::to_string),
        places,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_of_equal_sets_are_equal_and_of_different_sets_differ() {
        let s = |seed: u32, n: u32| -> Vec<Shingle> {
            (0..n)
                .map(|i| Shingle {
                    hash: (mix((seed * 100_000 + i) as u64) >> 32) as u32,
                    start: i,
                    end: i + 1,
                })
                .collect()
        };
        assert_eq!(signature(&s(1, 200)), signature(&s(1, 200)));
        let (x, y) = (signature(&s(1, 200)), signature(&s(2, 200)));
        let same = x.iter().zip(&y).filter(|(a, b)| a == b).count();
        assert!(same < 5, "{same}");
    }

    #[test]
    fn template_wording_is_dropped() {
        let t = template();
        let chars: Vec<char> = "主动公开政府信息情况".chars().collect();
        assert!(t.contains(&hash_chars(chars[..5].iter().copied())));
    }
}
