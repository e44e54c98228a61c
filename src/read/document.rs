//! The document model every structured reader produces (Word, HTML,
//! spreadsheets): paragraphs and tables in reading order, and the one function
//! that turns it into the text the parser reads.
//!
//! A table becomes one line per row, cells separated by tabs, one cell per
//! grid column: a cell merged across columns (`gridSpan`, `colspan`) is
//! followed by empty cells for the columns it covers, and a cell merged down
//! (`vMerge`, `rowspan`) leaves its later rows empty. This is how Word puts a
//! table on the clipboard as plain text, the form the text parser was built
//! for, so every format reads the same way.

use super::{Extracted, Format, Origin, Place};

/// A document's content in reading order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Document {
    pub blocks: Vec<Block>,
    /// What the reader wants the user to know (tracked changes accepted, …).
    pub notes: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    Paragraph(Paragraph),
    Table(Table),
    /// A page break the source states (Word's page breaks).
    PageBreak,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Paragraph {
    pub text: String,
    /// Heading level from the source's styles (1 = 标题 1), when it has one.
    pub heading: Option<u8>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Table {
    /// Rows of cells as the source lists them: a cell covered by a merge from
    /// above is absent (HTML) or present with `continued` set (Word); both read
    /// the same.
    pub rows: Vec<Vec<TableCell>>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableCell {
    /// The cell's text; paragraphs inside a cell joined by `\n`.
    pub text: String,
    /// Grid columns this cell covers (≥ 1).
    pub col_span: u32,
    /// Rows this cell covers (≥ 1), for sources that state it (HTML rowspan).
    pub row_span: u32,
    /// Word's `vMerge` continuation: the cell is covered by the one above.
    pub continued: bool,
    /// Empty grid columns before this cell (Word's `gridBefore`).
    pub skip_before: u32,
}

impl TableCell {
    pub fn new(text: impl Into<String>) -> Self {
        TableCell {
            text: text.into(),
            col_span: 1,
            row_span: 1,
            continued: false,
            skip_before: 0,
        }
    }
}

/// The most grid columns a table row may have: the widest official table has
/// 16; Word allows 63.
const MAX_COLUMNS: usize = 64;

impl Document {
    /// The document as the parser's text, with the origin of every paragraph
    /// and cell.
    pub fn to_extracted(&self, format: Format) -> Extracted {
        let mut out = Writer::default();
        let mut paragraph = 0u32;
        let mut table = 0u32;
        for block in &self.blocks {
            match block {
                Block::Paragraph(p) => {
                    let text = one_line(&p.text);
                    if !text.is_empty() {
                        out.push(&text, Place::Paragraph { index: paragraph });
                        out.newline();
                    }
                    paragraph += 1;
                }
                Block::Table(t) => {
                    out.blank_line();
                    for (r, cells) in t.grid().iter().enumerate() {
                        for (c, cell) in cells.iter().enumerate() {
                            if c > 0 {
                                out.text.push('\t');
                            }
                            if let Some(text) = cell {
                                out.push(
                                    &one_line(text),
                                    Place::Cell {
                                        table,
                                        row: r as u32,
                                        col: c as u32,
                                    },
                                );
                            }
                        }
                        out.newline();
                    }
                    out.blank_line();
                    table += 1;
                }
                Block::PageBreak => {}
            }
        }
        let mut text = out.text;
        while text.ends_with('\n') {
            text.pop();
        }
        text.push('\n');
        Extracted {
            text,
            format,
            notes: self.notes.clone(),
            origins: out.origins,
        }
    }
}

impl Table {
    /// The table laid out on its grid: `grid()[row][col]` is the text of the
    /// cell that starts there, `None` for a grid position covered by a merge or
    /// left empty. Rows are padded to the widest row.
    pub fn grid(&self) -> Vec<Vec<Option<String>>> {
        let mut grid: Vec<Vec<Option<String>>> = Vec::with_capacity(self.rows.len());
        // Columns still covered by a rowspan from above: (rows left).
        let mut covered: Vec<u32> = Vec::new();
        for row in &self.rows {
            let mut line: Vec<Option<String>> = Vec::new();
            let mut col = 0usize;
            let place = |line: &mut Vec<Option<String>>, col: &mut usize, covered: &[u32]| {
                // Skip grid columns a rowspan from above still covers.
                while *col < covered.len() && covered[*col] > 0 && *col < MAX_COLUMNS {
                    if line.len() <= *col {
                        line.resize(*col + 1, None);
                    }
                    *col += 1;
                }
            };
            for cell in row {
                place(&mut line, &mut col, &covered);
                col += cell.skip_before as usize;
                place(&mut line, &mut col, &covered);
                if col >= MAX_COLUMNS {
                    break;
                }
                let span = (cell.col_span.max(1) as usize).min(MAX_COLUMNS - col);
                if line.len() < col + span {
                    line.resize(col + span, None);
                }
                if !cell.continued {
                    line[col] = Some(cell.text.clone());
                }
                if cell.row_span > 1 {
                    if covered.len() < col + span {
                        covered.resize(col + span, 0);
                    }
                    for c in &mut covered[col..col + span] {
                        // This row counts as one of the span's rows.
                        *c = (*c).max(cell.row_span);
                    }
                }
                col += span;
            }
            place(&mut line, &mut col, &covered);
            // The rows a rowspan covers are counted down after each row.
            for c in covered.iter_mut() {
                *c = c.saturating_sub(1);
            }
            grid.push(line);
        }
        let width = grid.iter().map(Vec::len).max().unwrap_or(0);
        for line in &mut grid {
            line.resize(width, None);
        }
        grid
    }
}

/// The text on one line: line breaks and tabs inside a paragraph or cell
/// become nothing between Chinese characters and one space elsewhere (a label
/// wrapped inside its cell reads as one label).
fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_break = false;
    for c in text.chars() {
        if matches!(c, '\n' | '\r' | '\t' | '\u{0b}' | '\u{0c}') {
            pending_break = true;
            continue;
        }
        if pending_break {
            let prev_wide = out.chars().next_back().is_some_and(|p| !p.is_ascii());
            let join_cjk = prev_wide && !c.is_ascii();
            if !out.is_empty() && !join_cjk && !out.ends_with(' ') && c != ' ' {
                out.push(' ');
            }
            pending_break = false;
        }
        out.push(c);
    }
    out.trim_end().to_string()
}

#[derive(Default)]
struct Writer {
    text: String,
    origins: Vec<Origin>,
}

impl Writer {
    fn push(&mut self, s: &str, place: Place) {
        let start = self.text.len() as u32;
        self.text.push_str(s);
        let end = self.text.len() as u32;
        if end > start {
            self.origins.push(Origin { start, end, place });
        }
    }

    fn newline(&mut self) {
        self.text.push('\n');
    }

    /// Ensures the text so far ends with an empty line (tables stand apart
    /// from paragraphs, as in pasted text).
    fn blank_line(&mut self) {
        if self.text.is_empty() || self.text.ends_with("\n\n") {
            return;
        }
        if !self.text.ends_with('\n') {
            self.text.push('\n');
        }
        self.text.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(text: &str) -> TableCell {
        TableCell::new(text)
    }

    #[test]
    fn merged_cells_leave_their_columns_empty() {
        let mut wide = cell("收到和处理政府信息公开申请情况");
        wide.col_span = 3;
        let mut tall = cell("三、本年度办理结果");
        tall.row_span = 2;
        let t = Table {
            rows: vec![
                vec![wide],
                vec![tall, cell("（一）予以公开"), cell("5")],
                vec![cell("（二）部分公开"), cell("1")],
            ],
        };
        let g = t.grid();
        assert_eq!(
            g,
            vec![
                vec![Some("收到和处理政府信息公开申请情况".into()), None, None],
                vec![
                    Some("三、本年度办理结果".into()),
                    Some("（一）予以公开".into()),
                    Some("5".into())
                ],
                vec![None, Some("（二）部分公开".into()), Some("1".into())],
            ]
        );
    }

    #[test]
    fn word_continuations_and_grid_before_read_like_rowspans() {
        let mut cont = cell("");
        cont.continued = true;
        let mut after = cell("7");
        after.skip_before = 1;
        let t = Table {
            rows: vec![
                vec![cell("甲"), cell("乙"), cell("丙")],
                vec![cont, cell("丁"), cell("1")],
                vec![after],
            ],
        };
        assert_eq!(
            t.grid(),
            vec![
                vec![Some("甲".into()), Some("乙".into()), Some("丙".into())],
                vec![None, Some("丁".into()), Some("1".into())],
                vec![None, Some("7".into()), None],
            ]
        );
    }

    #[test]
    fn text_has_one_line_per_row_and_origins_for_every_cell() {
        let doc = Document {
            blocks: vec![
                Block::Paragraph(Paragraph {
                    text: "一、总体情况".into(),
                    heading: Some(1),
                }),
                Block::Table(Table {
                    rows: vec![vec![cell("行政许可"), cell("1\n2")]],
                }),
                Block::Paragraph(Paragraph {
                    text: "二、\n主动公开".into(),
                    heading: None,
                }),
            ],
            notes: vec![],
        };
        let e = doc.to_extracted(Format::Docx);
        assert_eq!(e.text, "一、总体情况\n\n行政许可\t1 2\n\n二、主动公开\n");
        let at = |s: &str| e.place_at(e.text.find(s).unwrap() as u32);
        assert_eq!(
            at("行政许可"),
            Some(Place::Cell {
                table: 0,
                row: 0,
                col: 0
            })
        );
        assert_eq!(
            at("1 2"),
            Some(Place::Cell {
                table: 0,
                row: 0,
                col: 1
            })
        );
        assert_eq!(at("主动"), Some(Place::Paragraph { index: 1 }));
        assert_eq!(e.place_at(e.text.find('\t').unwrap() as u32), None);
    }

    #[test]
    fn rows_wider_than_any_table_are_cut_not_grown() {
        let mut huge = cell("x");
        huge.col_span = u32::MAX;
        let t = Table {
            rows: vec![vec![huge, cell("y")]],
        };
        assert_eq!(t.grid()[0].len(), MAX_COLUMNS);
    }
}
