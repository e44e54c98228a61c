//! Characters to text laid out like `pdftotext -layout`: lines rebuilt from
//! baselines, and each line's characters placed in columns proportional to
//! their x position, so that table cells stay apart by runs of spaces and a
//! label wrapped over lines keeps its column.

use super::content::Char;
use crate::read::{Origin, Place};

/// A character is two columns wide when it is CJK or full-width (as the text
/// parser counts display columns).
fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

fn columns(s: &str) -> usize {
    s.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum()
}

/// A line of characters sharing a baseline.
struct Line {
    y: f64,
    size: f64,
    chars: Vec<Char>,
}

/// Lays out one page's characters and appends the text (ending with a form
/// feed) to `out`, with an origin for every run of characters.
pub fn layout_page(mut chars: Vec<Char>, page: u32, out: &mut String, origins: &mut Vec<Origin>) {
    chars.retain(|c| !c.text.chars().all(char::is_whitespace) && c.size > 0.0);
    chars.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    let (vertical, horizontal): (Vec<Char>, Vec<Char>) =
        chars.into_iter().partition(|c| c.vertical);
    let mut lines = group_lines(horizontal);
    // Text written top to bottom (a table's row header) is one line of its
    // own, placed where it starts, so that it does not take over the rows
    // it runs beside.
    for column in vertical_columns(vertical) {
        let at = lines.partition_point(|l| l.y <= column.y);
        lines.insert(at, column);
    }
    let cw = column_width(&lines);
    let left = lines
        .iter()
        .flat_map(|l| l.chars.iter().map(|c| c.x))
        .fold(f64::INFINITY, f64::min);
    let left = if left.is_finite() { left.max(0.0) } else { 0.0 };
    let mut prev: Option<(f64, f64)> = None;
    for line in &lines {
        if let Some((py, psize)) = prev
            && line.y - py > 2.2 * psize.max(line.size)
        {
            out.push('\n');
        }
        prev = Some((line.y, line.size));
        render_line(line, left, cw, page, out, origins);
        out.push('\n');
    }
    out.push('\x0c');
}

/// Groups characters (sorted by baseline) into lines, each sorted by x,
/// dropping characters drawn twice at the same place (simulated bold).
fn group_lines(chars: Vec<Char>) -> Vec<Line> {
    let mut lines: Vec<Line> = Vec::new();
    for c in chars {
        match lines.last_mut() {
            Some(l)
                if (c.y - l.y).abs() <= 0.5 * l.size.max(c.size).min(2.0 * l.size.min(c.size)) =>
            {
                l.size = l.size.max(c.size);
                l.chars.push(c);
            }
            _ => lines.push(Line {
                y: c.y,
                size: c.size,
                chars: vec![c],
            }),
        }
    }
    for l in &mut lines {
        l.chars.sort_by(|a, b| a.x.total_cmp(&b.x));
        let mut kept: Vec<Char> = Vec::with_capacity(l.chars.len());
        for c in l.chars.drain(..) {
            let dup = kept.iter().rev().take(4).any(|k| {
                k.text == c.text
                    && (k.x - c.x).abs() < 0.15 * c.size
                    && (k.y - c.y).abs() < 0.15 * c.size
            });
            if !dup {
                kept.push(c);
            }
        }
        l.chars = kept;
    }
    lines
}

/// Vertical text in columns: characters at the same x, each close below the
/// previous one, become one line (all at the column's x, so they join).
fn vertical_columns(mut chars: Vec<Char>) -> Vec<Line> {
    chars.sort_by(|a, b| a.x.total_cmp(&b.x).then(a.y.total_cmp(&b.y)));
    let mut columns: Vec<Line> = Vec::new();
    for mut c in chars {
        if let Some(l) = columns.last_mut()
            && let Some(last) = l.chars.last()
            && (c.x - last.x).abs() < 0.5 * c.size
            && c.y - last.y < 3.0 * c.size
        {
            c.x = last.x;
            c.width = 0.0;
            l.chars.push(c);
            continue;
        }
        columns.push(Line {
            y: c.y,
            size: c.size,
            chars: vec![c],
        });
    }
    columns.sort_by(|a, b| a.y.total_cmp(&b.y));
    columns
}

/// The width of one text column: the median advance per display column.
fn column_width(lines: &[Line]) -> f64 {
    let mut w: Vec<f64> = lines
        .iter()
        .flat_map(|l| l.chars.iter())
        .filter(|c| c.width > 0.0 && !c.vertical)
        .map(|c| c.width / columns(&c.text).max(1) as f64)
        .collect();
    if w.is_empty() {
        return 5.0;
    }
    w.sort_by(f64::total_cmp);
    w[w.len() / 2].clamp(1.0, 50.0)
}

fn render_line(
    line: &Line,
    left: f64,
    cw: f64,
    page: u32,
    out: &mut String,
    origins: &mut Vec<Origin>,
) {
    let mut col: usize = 0;
    let mut prev_end: Option<f64> = None;
    let mut run: Option<(usize, Place)> = None;
    let close = |run: &mut Option<(usize, Place)>, out: &String, origins: &mut Vec<Origin>| {
        if let Some((start, place)) = run.take()
            && out.len() > start
            && let (Ok(start), Ok(end)) = (u32::try_from(start), u32::try_from(out.len()))
        {
            origins.push(Origin { start, end, place });
        }
    };
    for c in &line.chars {
        let target = ((c.x - left) / cw).round().max(0.0) as usize;
        let spaces = match prev_end {
            None => target,
            Some(end) => {
                let gap = c.x - end;
                if gap < 0.12 * c.size {
                    0
                } else {
                    let min = if gap > 0.9 * c.size { 2 } else { 1 };
                    target.saturating_sub(col).max(min)
                }
            }
        };
        if spaces > 0 {
            close(&mut run, out, origins);
            let spaces = spaces.min(1000);
            out.extend(std::iter::repeat_n(' ', spaces));
            col += spaces;
        }
        if run.is_none() {
            let place = Place::Page {
                page,
                x: c.x.clamp(0.0, 1e6).round() as u32,
                y: (c.y - 0.85 * c.size).clamp(0.0, 1e6).round() as u32,
            };
            run = Some((out.len(), place));
        }
        // Control characters would break lines or the parser's cells.
        for ch in c.text.chars() {
            out.push(if ch.is_control() { ' ' } else { ch });
        }
        col += columns(&c.text);
        prev_end = Some(c.x + c.width);
    }
    close(&mut run, out, origins);
}
