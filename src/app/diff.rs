//! Plain text comparisons for the page: the changed lines of a fix preview
//! (before and after, the changed characters marked) and the sentences two
//! parts share (Y803's side-by-side view).
//!
//! Plain functions on plain data, so they are tested natively.

use std::collections::HashSet;

use crate::diagnostic::{Applicability, Diagnostic, Fix};

/// A piece of a line: changed (marked on the page) or not.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Seg {
    pub changed: bool,
    pub text: String,
}

/// One changed line: its number (1-based, in the text before) and both versions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct LineChange {
    pub line: usize,
    /// `None`: the line is new (nothing before) or removed (nothing after).
    pub before: Option<Vec<Seg>>,
    pub after: Option<Vec<Seg>>,
}

/// Above this many line pairs the middle of a diff is not aligned line by line
/// (an LCS table of that size would cost too much in the browser): the block
/// is shown as removed lines followed by added ones.
const MAX_LCS_CELLS: usize = 4_000_000;

/// The lines that differ between `before` and `after`, in order.
///
/// Fixes rarely add or remove a line, so the common case is two texts with
/// the same number of lines, compared pairwise; otherwise the common lines at
/// both ends are trimmed and the middle aligned by a longest common
/// subsequence.
pub(crate) fn line_changes(before: &str, after: &str) -> Vec<LineChange> {
    let a: Vec<&str> = before.split('\n').collect();
    let b: Vec<&str> = after.split('\n').collect();
    let mut out = Vec::new();
    if a.len() == b.len() {
        for (i, (x, y)) in a.iter().zip(&b).enumerate() {
            if x != y {
                out.push(changed_pair(i + 1, x, y));
            }
        }
        return out;
    }
    let head = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let tail = a[head..]
        .iter()
        .rev()
        .zip(b[head..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (ma, mb) = (&a[head..a.len() - tail], &b[head..b.len() - tail]);
    for op in align(ma, mb) {
        match op {
            Op::Same(..) => {}
            Op::Changed(i, j) => out.push(changed_pair(head + i + 1, ma[i], mb[j])),
            Op::Removed(i) => out.push(LineChange {
                line: head + i + 1,
                before: Some(plain(ma[i], true)),
                after: None,
            }),
            Op::Added(i, j) => out.push(LineChange {
                line: head + i + 1,
                before: None,
                after: Some(plain(mb[j], true)),
            }),
        }
    }
    out
}

fn plain(s: &str, changed: bool) -> Vec<Seg> {
    vec![Seg {
        changed,
        text: s.to_string(),
    }]
}

fn changed_pair(line: usize, x: &str, y: &str) -> LineChange {
    let (before, after) = char_diff(x, y);
    LineChange {
        line,
        before: Some(before),
        after: Some(after),
    }
}

/// An alignment step: indices into the middle blocks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Op {
    Same(usize, usize),
    /// A line replaced by another (a removal next to an addition).
    Changed(usize, usize),
    Removed(usize),
    /// Added before line `.0` of the old block.
    Added(usize, usize),
}

/// Aligns two blocks of lines: an LCS when small enough, else everything
/// removed then added. A removal followed by an addition becomes a change.
fn align(a: &[&str], b: &[&str]) -> Vec<Op> {
    let (n, m) = (a.len(), b.len());
    let mut raw = Vec::new();
    if n.saturating_mul(m) <= MAX_LCS_CELLS {
        // lcs[i][j]: the LCS length of a[i..] and b[j..].
        let w = m + 1;
        let mut lcs = vec![0u32; (n + 1) * w];
        for i in (0..n).rev() {
            for j in (0..m).rev() {
                lcs[i * w + j] = if a[i] == b[j] {
                    lcs[(i + 1) * w + j + 1] + 1
                } else {
                    lcs[(i + 1) * w + j].max(lcs[i * w + j + 1])
                };
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < n || j < m {
            if i < n && j < m && a[i] == b[j] {
                raw.push(Op::Same(i, j));
                i += 1;
                j += 1;
            } else if j < m && (i == n || lcs[i * w + j + 1] >= lcs[(i + 1) * w + j]) {
                raw.push(Op::Added(i, j));
                j += 1;
            } else {
                raw.push(Op::Removed(i));
                i += 1;
            }
        }
    } else {
        raw.extend((0..n).map(Op::Removed));
        raw.extend((0..m).map(|j| Op::Added(n, j)));
    }
    // Pair the removals and additions of each run of changes, in order.
    let mut out = Vec::with_capacity(raw.len());
    let mut k = 0;
    while k < raw.len() {
        if matches!(raw[k], Op::Same(..)) {
            out.push(raw[k]);
            k += 1;
            continue;
        }
        let start = k;
        while k < raw.len() && !matches!(raw[k], Op::Same(..)) {
            k += 1;
        }
        let removed: Vec<usize> = raw[start..k]
            .iter()
            .filter_map(|o| match o {
                Op::Removed(i) => Some(*i),
                _ => None,
            })
            .collect();
        let added: Vec<(usize, usize)> = raw[start..k]
            .iter()
            .filter_map(|o| match o {
                Op::Added(i, j) => Some((*i, *j)),
                _ => None,
            })
            .collect();
        let pairs = removed.len().min(added.len());
        for p in 0..pairs {
            out.push(Op::Changed(removed[p], added[p].1));
        }
        out.extend(removed[pairs..].iter().map(|&i| Op::Removed(i)));
        out.extend(added[pairs..].iter().map(|&(i, j)| Op::Added(i, j)));
    }
    out
}

/// The two versions of a line with what differs marked. Lines of the same
/// length in characters (a punctuation mark replaced by another) are compared
/// character by character; others by their common start and end.
pub(crate) fn char_diff(x: &str, y: &str) -> (Vec<Seg>, Vec<Seg>) {
    let xs: Vec<char> = x.chars().collect();
    let ys: Vec<char> = y.chars().collect();
    if xs.len() == ys.len() {
        let marks: Vec<bool> = xs.iter().zip(&ys).map(|(a, b)| a != b).collect();
        return (segments(&xs, &marks), segments(&ys, &marks));
    }
    let head = xs.iter().zip(&ys).take_while(|(a, b)| a == b).count();
    let tail = xs[head..]
        .iter()
        .rev()
        .zip(ys[head..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let mark =
        |len: usize| -> Vec<bool> { (0..len).map(|i| i >= head && i < len - tail).collect() };
    (
        segments(&xs, &mark(xs.len())),
        segments(&ys, &mark(ys.len())),
    )
}

/// Runs of characters with the same mark.
fn segments(chars: &[char], marks: &[bool]) -> Vec<Seg> {
    let mut out: Vec<Seg> = Vec::new();
    for (c, &m) in chars.iter().zip(marks) {
        match out.last_mut() {
            Some(s) if s.changed == m => s.text.push(*c),
            _ => out.push(Seg {
                changed: m,
                text: c.to_string(),
            }),
        }
    }
    out
}

/// The safe fixes that "apply all" takes (the selection of
/// [`crate::diagnostic::apply_fixes`]).
pub(crate) fn safe_fixes<'a>(text: &str, diagnostics: &'a [Diagnostic]) -> Vec<&'a Fix> {
    crate::diagnostic::select_fixes(text, diagnostics, Applicability::Safe)
}

/// How many places (edits) "apply all safe fixes" changes.
pub(crate) fn safe_edit_count(text: &str, diagnostics: &[Diagnostic]) -> usize {
    safe_fixes(text, diagnostics)
        .iter()
        .map(|f| f.edits().len())
        .sum()
}

/// A sentence of a part, and whether the other part has it too.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Sentence {
    pub text: String,
    pub shared: bool,
}

/// Sentences that are this short (in comparable characters) are never marked
/// as shared: 「一是」 or a list number says nothing about copying.
const MIN_SHARED_CHARS: usize = 6;

/// Splits text after 。；！？ and at line breaks; every piece keeps its
/// delimiter, so the pieces join back to the text.
pub(crate) fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if matches!(c, '。' | '；' | '！' | '？' | ';' | '\n') {
            let end = i + c.len_utf8();
            out.push(&text[start..end]);
            start = end;
        }
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// A sentence as compared: letters and CJK only, digits folded to 0 (as
/// Y803 compares), so a sentence that only changed its year counts as shared.
fn comparable(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .map(|c| if c.is_numeric() { '0' } else { c })
        .collect()
}

/// Both texts as sentences, each marked when the other text has it too.
pub(crate) fn shared_sentences(now: &str, before: &str) -> (Vec<Sentence>, Vec<Sentence>) {
    let keys = |t: &str| -> HashSet<String> {
        sentences(t)
            .into_iter()
            .map(comparable)
            .filter(|k| k.chars().count() >= MIN_SHARED_CHARS)
            .collect()
    };
    let (now_keys, before_keys) = (keys(now), keys(before));
    let mark = |t: &str, other: &HashSet<String>| -> Vec<Sentence> {
        sentences(t)
            .into_iter()
            .map(|s| Sentence {
                text: s.to_string(),
                shared: other.contains(&comparable(s)),
            })
            .collect()
    };
    (mark(now, &before_keys), mark(before, &now_keys))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(segs: &[Seg]) -> String {
        segs.iter().map(|s| s.text.as_str()).collect()
    }

    fn marked(segs: &[Seg]) -> Vec<&str> {
        segs.iter()
            .filter(|s| s.changed)
            .map(|s| s.text.as_str())
            .collect()
    }

    #[test]
    fn same_line_count_compares_pairwise() {
        let before = "标题\n机构,办公室设在党政办,并指定\n其余";
        let after = "标题\n机构，办公室设在党政办，并指定\n其余";
        let ch = line_changes(before, after);
        assert_eq!(ch.len(), 1);
        assert_eq!(ch[0].line, 2);
        let (b, a) = (
            ch[0].before.as_ref().unwrap(),
            ch[0].after.as_ref().unwrap(),
        );
        assert_eq!(text(b), "机构,办公室设在党政办,并指定");
        assert_eq!(text(a), "机构，办公室设在党政办，并指定");
        assert_eq!(marked(b), vec![",", ","]);
        assert_eq!(marked(a), vec!["，", "，"]);
    }

    #[test]
    fn removed_and_added_lines_are_aligned() {
        let before = "一\n二\n三 \n四\n五";
        let after = "一\n二\n三\n五\n六\n七";
        let ch = line_changes(before, after);
        let lines: Vec<(usize, Option<String>, Option<String>)> = ch
            .iter()
            .map(|c| {
                (
                    c.line,
                    c.before.as_deref().map(text),
                    c.after.as_deref().map(text),
                )
            })
            .collect();
        assert_eq!(
            lines,
            vec![
                (3, Some("三 ".into()), Some("三".into())),
                (4, Some("四".into()), None),
                (6, None, Some("六".into())),
                (6, None, Some("七".into())),
            ]
        );
        let (b, a) = char_diff("三 个", "三个");
        assert_eq!(marked(&b), vec![" "]);
        assert!(marked(&a).is_empty());
    }

    #[test]
    fn identical_texts_have_no_changes() {
        assert!(line_changes("a\nb", "a\nb").is_empty());
        assert!(line_changes("", "").is_empty());
    }

    /// The page's count of places follows `apply_fixes`: applying only the
    /// fixes it selects gives the same text, and as many fixes.
    #[test]
    fn safe_fix_selection_matches_apply_fixes() {
        use crate::diagnostic::apply_fixes;
        let seed = include_str!("../../tests/fixtures/text/seed.txt");
        let bracketed = seed.replace("（", "(").replace("）", ")");
        let spaced = seed
            .replace("共组织2期", "共组织 2 期")
            .replace("政府信息公开", "政府 信息公开");
        for text in [seed, bracketed.as_str(), spaced.as_str()] {
            let c = crate::check_text(text, &crate::Config::default()).unwrap();
            let chosen = safe_fixes(text, &c.diagnostics);
            let (all, applied) = apply_fixes(text, &c.diagnostics, Applicability::Safe);
            assert_eq!(chosen.len(), applied);
            let only: Vec<Diagnostic> = c
                .diagnostics
                .iter()
                .filter(|d| {
                    d.fix
                        .as_ref()
                        .is_some_and(|f| chosen.iter().any(|g| std::ptr::eq(*g, f)))
                })
                .cloned()
                .collect();
            assert_eq!(apply_fixes(text, &only, Applicability::Safe).0, all);
            assert_eq!(
                safe_edit_count(text, &c.diagnostics),
                chosen.iter().map(|f| f.edits().len()).sum::<usize>()
            );
        }
        // Interleaved fixes are both taken; an overlapping one is skipped whole.
        let rule = crate::rules::rule("W701").unwrap();
        let fix =
            |edits: &[(usize, usize)]| {
                let edits = edits
                    .iter()
                    .map(|&(a, b)| crate::diagnostic::Edit {
                        span: crate::text::Span::new(a, b),
                        replacement: "X".into(),
                    })
                    .collect();
                Diagnostic::new(rule, crate::diagnostic::Location::Document, "x")
                    .with_fix(Fix::new("x", Applicability::Safe, edits))
            };
        let ds = [
            fix(&[(1, 2), (6, 7)]),
            fix(&[(3, 4), (5, 6)]),
            fix(&[(0, 2), (8, 9)]),
        ];
        let text = "a,b(c),d.";
        assert_eq!(safe_fixes(text, &ds).len(), 2);
        assert_eq!(safe_edit_count(text, &ds), 4);
        assert_eq!(apply_fixes(text, &ds, Applicability::Safe).1, 2);
        let seed_fixes = crate::check_text(seed, &crate::Config::default()).unwrap();
        assert!(safe_edit_count(seed, &seed_fixes.diagnostics) > 0);
    }

    #[test]
    fn sentences_keep_their_delimiters() {
        let t = "一是成立领导小组；二是制定制度。\n其余";
        let s = sentences(t);
        assert_eq!(
            s,
            vec!["一是成立领导小组；", "二是制定制度。", "\n", "其余"]
        );
        assert_eq!(s.concat(), t);
    }

    #[test]
    fn shared_sentences_ignore_numbers_and_punctuation() {
        let now = "2021年共受理申请3件。今年新增了网站栏目。";
        let before = "2020年,共受理申请5件。去年没有变化。";
        let (a, b) = shared_sentences(now, before);
        assert_eq!(
            a.iter().map(|s| s.shared).collect::<Vec<_>>(),
            vec![true, false]
        );
        assert_eq!(
            b.iter().map(|s| s.shared).collect::<Vec<_>>(),
            vec![true, false]
        );
    }
}
