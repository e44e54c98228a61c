//! Source positions.
//!
//! Inside the core every position is a byte range into the text as read (after
//! decoding). Lines and columns, counted in characters as editors and the JSON
//! contract count them, are computed only at the edges, through [`LineIndex`].

use serde::Serialize;

/// A byte range `start..end` into the source text, on `char` boundaries.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    /// A span from byte offsets. `start` must not exceed `end`.
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end, "span start {start} after end {end}");
        Span {
            start: start as u32,
            end: end as u32,
        }
    }

    /// The span of `part`, a sub-slice of `whole` (both from the same allocation).
    /// Returns `None` when `part` does not point into `whole`.
    pub fn of_subslice(whole: &str, part: &str) -> Option<Self> {
        let base = whole.as_ptr() as usize;
        let p = part.as_ptr() as usize;
        if p < base || p + part.len() > base + whole.len() {
            return None;
        }
        Some(Span::new(p - base, p - base + part.len()))
    }

    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    /// The text this span covers, or `""` when it does not fit `text`.
    pub fn slice(self, text: &str) -> &str {
        text.get(self.range()).unwrap_or("")
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }
}

/// Maps byte offsets to 1-based line and character column.
#[derive(Clone, Debug)]
pub struct LineIndex {
    line_starts: Vec<u32>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i as u32 + 1),
        );
        LineIndex { line_starts }
    }

    /// The 1-based line of byte `offset`.
    pub fn line(&self, offset: u32) -> u32 {
        self.line_starts.partition_point(|&s| s <= offset) as u32
    }

    /// 1-based line and 1-based column in characters of byte `offset` in `text`.
    /// Offsets past the end or inside a character are clamped to a boundary.
    pub fn line_col(&self, text: &str, offset: u32) -> (u32, u32) {
        let mut offset = (offset as usize).min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_starts.partition_point(|&s| s as usize <= offset) - 1;
        let start = self.line_starts[line] as usize;
        let col = text[start..offset].chars().count();
        (line as u32 + 1, col as u32 + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_of_an_offset() {
        let text = "甲\n乙丙\n\n丁";
        let idx = LineIndex::new(text);
        let line = |o: usize| idx.line(o as u32);
        assert_eq!(line(0), 1);
        assert_eq!(line(text.find('\n').unwrap()), 1, "a line's own newline");
        assert_eq!(line(text.find('乙').unwrap()), 2);
        assert_eq!(line(text.find('丁').unwrap()), 4);
        assert_eq!(line(text.len()), 4);
    }

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let text = "一、总体情况\n本年新收3件";
        let idx = LineIndex::new(text);
        let three = text.find('3').unwrap() as u32;
        assert_eq!(idx.line_col(text, three), (2, 5));
        assert_eq!(idx.line_col(text, 0), (1, 1));
        assert_eq!(idx.line_col(text, text.len() as u32), (2, 7));
    }

    #[test]
    fn line_col_never_panics_on_any_offset() {
        let text = "年报\r\n表三：\t5\n\n😀x";
        let idx = LineIndex::new(text);
        for off in 0..=text.len() as u32 + 3 {
            let (line, col) = idx.line_col(text, off);
            assert!(line >= 1 && col >= 1);
        }
    }

    #[test]
    fn subslice_spans() {
        let text = "abc 123 def";
        let part = &text[4..7];
        assert_eq!(Span::of_subslice(text, part), Some(Span::new(4, 7)));
        assert_eq!(Span::of_subslice(text, "123"), None);
    }
}
