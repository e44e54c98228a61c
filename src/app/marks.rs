//! Findings the reviewer marked as not a defect (「不是问题」), with a reason.
//!
//! A mark is kept in `localStorage` next to the draft, under a key that
//! survives edits elsewhere in the draft: the rule's code, where the finding
//! is (a table location, or the words it covers: never byte offsets, which
//! move with every edit above them) and its message (which names the numbers
//! or words involved, so a mark does not carry over to a different problem
//! at the same place). Two findings with the same key are told apart by
//! their order (`#2`, `#3`).
//!
//! A marked finding is shown muted, is left out of the counts and of the
//! verdict, and carries its reason into the exports.
//!
//! Plain functions on plain data, tested natively; only [`load_marks`] and
//! [`save_marks`] touch the browser.

use std::collections::BTreeMap;

use crate::Checked;
use crate::diagnostic::{Diagnostic, Location, Severity};

use super::locate;

/// Where the marks are kept between visits.
pub(crate) const MARKS_KEY: &str = "nianbao.marks";

/// The most marks kept: the oldest keys beyond this are dropped when saving
/// (marks of findings long gone should not fill the storage).
pub(crate) const MAX_MARKS: usize = 2000;

/// The longest reason kept, in characters.
pub(crate) const MAX_REASON_CHARS: usize = 500;

/// The marks: finding key → reason (possibly empty), with the order they
/// were made in (for dropping the oldest).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Marks {
    reasons: BTreeMap<String, String>,
    /// Keys, oldest first.
    order: Vec<String>,
}

impl Marks {
    pub(crate) fn get(&self, key: &str) -> Option<&str> {
        self.reasons.get(key).map(String::as_str)
    }

    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.reasons.len()
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.reasons.is_empty()
    }

    /// Marks `key` as not a defect; the reason is trimmed and shortened.
    pub(crate) fn set(&mut self, key: &str, reason: &str) {
        let reason: String = reason.trim().chars().take(MAX_REASON_CHARS).collect();
        self.order.retain(|k| k != key);
        self.order.push(key.to_string());
        self.reasons.insert(key.to_string(), reason);
        while self.order.len() > MAX_MARKS {
            let old = self.order.remove(0);
            self.reasons.remove(&old);
        }
    }

    pub(crate) fn remove(&mut self, key: &str) {
        self.order.retain(|k| k != key);
        self.reasons.remove(key);
    }

    /// `{"v":1,"marks":[[key, reason], …]}`, oldest first.
    pub(crate) fn to_json(&self) -> String {
        let list: Vec<(&str, &str)> = self
            .order
            .iter()
            .filter_map(|k| Some((k.as_str(), self.reasons.get(k)?.as_str())))
            .collect();
        serde_json::json!({ "v": 1, "marks": list }).to_string()
    }

    /// The marks of [`Marks::to_json`]; anything else is no marks.
    pub(crate) fn from_json(s: &str) -> Marks {
        #[derive(serde::Deserialize)]
        struct Stored {
            v: u32,
            marks: Vec<(String, String)>,
        }
        let mut out = Marks::default();
        if let Some(stored) = super::parse_json::<Stored>(s).filter(|s| s.v == 1) {
            for (k, r) in &stored.marks {
                out.set(k, r);
            }
        }
        out
    }
}

/// A finding's key before duplicates are numbered.
fn base_key(d: &Diagnostic, text: &str) -> String {
    let place = match &d.location {
        Location::Span(s) => format!("text:{}", s.slice(text)),
        loc => locate::location_key(loc),
    };
    format!("{}|{}|{}", d.code, place, d.message)
}

/// The key of every finding of `checked`, in order.
pub(crate) fn keys(checked: &Checked) -> Vec<String> {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    checked
        .diagnostics
        .iter()
        .map(|d| {
            let key = base_key(d, &checked.report.text);
            let n = seen.entry(key.clone()).or_insert(0);
            *n += 1;
            if *n == 1 { key } else { format!("{key}|#{n}") }
        })
        .collect()
}

/// For every finding, the reason it was marked as not a defect (`None`: not marked).
pub(crate) fn reasons(marks: &Marks, keys: &[String]) -> Vec<Option<String>> {
    keys.iter()
        .map(|k| marks.get(k).map(str::to_string))
        .collect()
}

/// The findings that count: by severity, the marked ones apart.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Tally {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Marked as not a defect, whatever their severity.
    pub dismissed: usize,
}

pub(crate) fn tally(diagnostics: &[Diagnostic], reasons: &[Option<String>]) -> Tally {
    let mut t = Tally::default();
    for (i, d) in diagnostics.iter().enumerate() {
        if reasons.get(i).is_some_and(Option::is_some) {
            t.dismissed += 1;
            continue;
        }
        match d.severity {
            Severity::Error => t.errors += 1,
            Severity::Warning => t.warnings += 1,
            Severity::Info => t.infos += 1,
        }
    }
    t
}

/// The marks kept from the last visit.
pub(crate) fn load_marks() -> Marks {
    super::local_storage()
        .and_then(|s| s.get_item(MARKS_KEY).ok().flatten())
        .map(|s| Marks::from_json(&s))
        .unwrap_or_default()
}

/// Keeps the marks (none: nothing kept).
pub(crate) fn save_marks(marks: &Marks) {
    let Some(storage) = super::local_storage() else {
        return;
    };
    if marks.is_empty() {
        let _ = storage.remove_item(MARKS_KEY);
    } else {
        let _ = storage.set_item(MARKS_KEY, &marks.to_json());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Config;
    use crate::app::SEED;

    fn check(text: &str) -> Checked {
        crate::check_text(text, &Config::default()).unwrap()
    }

    /// The example with a misused word added at the start of part 一 and the
    /// first A301-breaking edit of table 三.
    fn broken() -> String {
        let s = SEED.replace("\r\n", "\n");
        let at = s.find("一是成立").expect("part 一 text");
        let mut s = format!("{}截止目前，{}", &s[..at], &s[at..]);
        let label = "一、本年新收政府信息公开申请数量";
        let line = s.find(label).unwrap();
        let end = line + s[line..].find('\n').unwrap();
        let row = s[line..end].to_string();
        let fixed = row.replacen(|c: char| c.is_ascii_digit(), "9", 1);
        s.replace_range(line..end, &fixed);
        s
    }

    #[test]
    fn keys_survive_edits_elsewhere() {
        let text = broken();
        let before = check(&text);
        let keys_before = keys(&before);
        assert!(keys_before.iter().any(|k| k.starts_with("A301|t3.np|")));
        assert!(
            keys_before
                .iter()
                .any(|k| k.starts_with("W702|text:截止目前|"))
        );
        // An edit above every finding moves every span.
        let edited = text.replacen('\n', "\n补充一句说明。\n", 1);
        let after = check(&edited);
        let keys_after = keys(&after);
        for k in keys_before
            .iter()
            .filter(|k| k.starts_with("A301|") || k.starts_with("W702|text:截止目前"))
        {
            assert!(keys_after.contains(k), "{k}");
        }
    }

    #[test]
    fn the_same_words_twice_get_two_keys() {
        let s = SEED.replace("\r\n", "\n");
        let at = s.find("一是成立").unwrap();
        let text = format!("{}截止目前，截止目前，{}", &s[..at], &s[at..]);
        let c = check(&text);
        let ks: Vec<String> = keys(&c)
            .into_iter()
            .filter(|k| k.starts_with("W702|text:截止目前"))
            .collect();
        assert!(ks.len() >= 3, "{ks:?}");
        let unique: std::collections::BTreeSet<&String> = ks.iter().collect();
        assert_eq!(unique.len(), ks.len());
        assert!(ks.iter().any(|k| k.ends_with("|#2")));
    }

    #[test]
    fn marked_findings_leave_the_tally() {
        let c = check(&broken());
        let ks = keys(&c);
        let plain = tally(&c.diagnostics, &[]);
        assert!(plain.errors > 0);
        let mut marks = Marks::default();
        for (k, d) in ks.iter().zip(&c.diagnostics) {
            if d.severity == Severity::Error {
                marks.set(k, "台账核实无误");
            }
        }
        let rs = reasons(&marks, &ks);
        let t = tally(&c.diagnostics, &rs);
        assert_eq!(t.errors, 0);
        assert_eq!(t.dismissed, plain.errors);
        assert_eq!(t.warnings, plain.warnings);
    }

    #[test]
    fn marks_round_trip_and_junk_is_no_marks() {
        let mut m = Marks::default();
        m.set("A301|t3.np|x", "  理由  ");
        m.set("W702|text:截止|y", "");
        assert_eq!(m.get("A301|t3.np|x"), Some("理由"));
        let back = Marks::from_json(&m.to_json());
        assert_eq!(back, m);
        m.remove("A301|t3.np|x");
        assert_eq!(m.len(), 1);
        assert!(Marks::from_json("nonsense").is_empty());
        assert!(Marks::from_json("{\"v\":2,\"marks\":[[\"a\",\"b\"]]}").is_empty());
        assert!(Marks::from_json("{\"v\":1,\"marks\":[[1,2]]}").is_empty());
    }

    #[test]
    fn the_oldest_marks_go_first_and_reasons_are_bounded() {
        let mut m = Marks::default();
        for i in 0..MAX_MARKS + 3 {
            m.set(&format!("k{i}"), "");
        }
        assert_eq!(m.len(), MAX_MARKS);
        assert!(m.get("k0").is_none() && m.get("k2").is_none());
        assert!(m.get("k3").is_some());
        m.set("long", &"字".repeat(MAX_REASON_CHARS + 10));
        assert_eq!(m.get("long").unwrap().chars().count(), MAX_REASON_CHARS);
    }
}
