//! Web pages: rich paste (the clipboard's `text/html`), saved pages (`.html`,
//! `.htm`, Word's "网页" files) and web archives (`.mht`).
//!
//! The page is read in three passes, none of them recursive, so neither the
//! nesting depth nor the size of the page can exhaust the stack:
//!
//! 1. [`token`] splits the HTML into tags and text; comments (Word's
//!    conditional comments), scripts and styles never become text.
//! 2. A small tree builder keeps the stack of open elements as a browser does
//!    (implied end tags for `p`, `li`, `td`, `tr`; end tags that match nothing
//!    ignored), drops `<head>` and hidden elements (`display:none`,
//!    `mso-hide:all`, form controls, SVG), and records the block-level
//!    elements as a flat list of open/close events with their parents.
//! 3. The events become a [`Document`] of paragraphs and tables. A table that
//!    contains another table, or has a single column, is page layout: its
//!    cells read as blocks. The innermost tables are the data tables, with
//!    `rowspan`/`colspan` kept for [`Document::to_extracted`].
//!
//! On a saved government page the report sits among the site's furniture
//! (menus, breadcrumbs, footers). When the page has at least two of the six
//! part headings, only the smallest element holding them (and the tables
//! between them) is kept, plus the title line just before it, and a note says
//! the rest was ignored.

mod mht;
mod token;

pub use mht::read_mht;

use super::{
    Block, Document, Extracted, Format, Paragraph, ReadError, ReadOptions, Table, TableCell,
};
use std::collections::HashMap;
use token::{Token, Tokenizer};

/// The note added when site furniture around the report was dropped.
pub const FURNITURE_NOTE: &str = "已忽略网页中报告正文以外的内容（导航、页脚等）";

/// The most block-level elements kept as structure; later ones read as
/// running text (no real page comes near this).
const MAX_ELEMENTS: usize = 1_000_000;
/// The deepest nesting kept as structure; deeper start tags are ignored (their
/// text is kept). Browsers stop nesting at a similar depth.
const MAX_DEPTH: usize = 1024;

/// HTML text (a rich paste, or a page already decoded) as the report's text.
pub fn read_html(html: &str) -> Extracted {
    read_as(html, Format::Html)
}

/// A saved web page: the charset is found from a BOM or the page's `<meta>`
/// declaration; UTF-8 is decoded here and GBK/GB2312/GB18030 through
/// `options.legacy`.
pub fn read_bytes(bytes: &[u8], options: ReadOptions) -> Result<Extracted, ReadError> {
    if bytes.is_empty() {
        return Err(ReadError::Empty);
    }
    let (html, notes) = decode_page(bytes, None, options)?;
    finish(read_as(&html, Format::Html), notes)
}

/// Adds the decoding notes and refuses a page with no text at all.
fn finish(mut extracted: Extracted, notes: Vec<String>) -> Result<Extracted, ReadError> {
    if extracted.text.trim().is_empty() {
        return Err(ReadError::NoText {
            format: "网页",
            advice: "网页中没有正文文字。如果报告是网页中的图片，或是附件（PDF、Word），请下载附件后打开".to_string(),
        });
    }
    for (i, note) in notes.into_iter().enumerate() {
        extracted.notes.insert(i, note);
    }
    Ok(extracted)
}

fn read_as(html: &str, format: Format) -> Extracted {
    let built = build(strip_clipboard_header(html));
    let (blocks, dropped) = convert(&built);
    let (blocks, furniture) = select_report(blocks, &built.elements);
    let mut doc = Document {
        blocks,
        notes: Vec::new(),
    };
    if furniture {
        doc.notes.push(FURNITURE_NOTE.to_string());
    }
    if built.unterminated {
        doc.notes.push(
            "网页源码不完整：某个注释或脚本没有结束，其后的内容浏览器也不会显示，已忽略"
                .to_string(),
        );
    }
    if built.capped {
        doc.notes.push(
            "网页结构过于复杂（元素过多或嵌套过深），超出部分的段落和表格结构已忽略，文字按连续文本读取"
                .to_string(),
        );
    }
    if dropped {
        doc.notes
            .push("网页中有表格外的零散文字，已放在该表格之前".to_string());
    }
    doc.to_extracted(format)
}

/// Windows' clipboard format ("HTML Format") starts with a header of offsets
/// (`Version:0.9`, `StartHTML:…`) before the markup; browsers usually strip
/// it, but a raw clipboard dump keeps it.
fn strip_clipboard_header(html: &str) -> &str {
    let head = &html.as_bytes()[..html.len().min(400)];
    if html.starts_with("Version:")
        && token::find(head, b"StartHTML:").is_some()
        && let Some(at) = html.find('<')
    {
        return &html[at..];
    }
    html
}

// ---------------------------------------------------------------------------
// Pass 2: the element stack.

/// What an element is, for reading text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// The document itself (element 0).
    Root,
    Head,
    /// A block with no special role (`div`, `section`, `body`, …).
    Block,
    P,
    Heading(u8),
    Table,
    Caption,
    /// `thead`, `tbody`, `tfoot`.
    Section,
    Tr,
    /// `td`, `th`.
    Cell,
    /// `ul`, `ol`, `dl`, `menu`.
    List,
    /// `li`, `dt`, `dd`.
    Item,
    /// A line break (`br`) or rule (`hr`): void, a boundary.
    Break,
    /// Void and without text (`img`, `meta`, `input`, …).
    Void,
    /// Never shown as text: the subtree is dropped (`select`, `svg`, …).
    Drop,
    /// Inline (`span`, `b`, `a`, `font`, `o:p`, unknown elements).
    Inline,
}

fn classify(name: &str) -> Kind {
    match name {
        "p" => Kind::P,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => Kind::Heading(name.as_bytes()[1] - b'0'),
        "table" => Kind::Table,
        "caption" => Kind::Caption,
        "thead" | "tbody" | "tfoot" => Kind::Section,
        "tr" => Kind::Tr,
        "td" | "th" => Kind::Cell,
        "ul" | "ol" | "dl" | "menu" | "dir" => Kind::List,
        "li" | "dt" | "dd" => Kind::Item,
        "br" | "hr" => Kind::Break,
        "head" => Kind::Head,
        "html" | "body" | "div" | "blockquote" | "pre" | "section" | "article" | "header"
        | "footer" | "nav" | "aside" | "main" | "address" | "center" | "form" | "fieldset"
        | "figure" | "figcaption" | "details" | "summary" | "legend" | "hgroup" | "listing"
        | "plaintext" | "frameset" | "noframes" => Kind::Block,
        "area" | "base" | "col" | "embed" | "img" | "input" | "link" | "meta" | "param"
        | "source" | "track" | "wbr" | "keygen" | "basefont" | "bgsound" | "frame" | "image" => {
            Kind::Void
        }
        "select" | "button" | "svg" | "math" | "template" | "object" | "applet" | "audio"
        | "video" | "canvas" | "datalist" | "option" | "optgroup" | "map" | "script" | "style"
        | "title" | "textarea" | "iframe" | "noscript" | "noembed" | "xmp" | "xml" => Kind::Drop,
        _ => Kind::Inline,
    }
}

/// How many element names have a fixed index (see [`known`]).
const KNOWN: usize = 26;

/// The fixed index of the names the builder looks up, and of the commonest
/// ones; other names are interned (no hashing for these in the hot path).
fn known(name: &str) -> Option<usize> {
    Some(match name {
        "head" => 0,
        "html" => 1,
        "body" => 2,
        "p" => 3,
        "table" => 4,
        "td" => 5,
        "th" => 6,
        "caption" => 7,
        "tr" => 8,
        "thead" => 9,
        "tbody" => 10,
        "tfoot" => 11,
        "li" => 12,
        "dt" => 13,
        "dd" => 14,
        "ul" => 15,
        "ol" => 16,
        "menu" => 17,
        "button" => 18,
        "div" => 19,
        "span" => 20,
        "font" => 21,
        "b" => 22,
        "o:p" => 23,
        "a" => 24,
        "strong" => 25,
        _ => return None,
    })
}

/// Elements a `<head>` may hold; any other start tag ends the head, as in a
/// browser.
fn in_head_ok(name: &str) -> bool {
    matches!(
        name,
        "meta" | "link" | "title" | "style" | "script" | "base" | "noscript" | "template" | "xml"
    ) || name.contains(':')
}

/// A block-level element kept as structure.
#[derive(Clone, Debug)]
struct Element {
    parent: u32,
    /// The last element id inside this one (ids are in document order).
    end: u32,
    kind: Kind,
    /// For tables: page layout rather than data.
    layout: bool,
    col_span: u32,
    row_span: u32,
}

#[derive(Clone, Copy, Debug)]
enum Event {
    Open(u32),
    Close(u32),
    /// Text in `Built::text[start..end]`, inside element `parent`.
    Text {
        parent: u32,
        start: u32,
        end: u32,
    },
    Break,
}

struct Built {
    elements: Vec<Element>,
    events: Vec<Event>,
    text: String,
    unterminated: bool,
    capped: bool,
}

/// An open element on the stack.
struct Open {
    /// The name's index in `Builder::positions`.
    name: usize,
    kind: Kind,
    /// The element this one is, or (for inline and hidden ones) is inside.
    id: u32,
    created: bool,
    hidden: bool,
}

/// A table being built, to tell layout tables from data tables.
struct TableTrack {
    id: u32,
    row_cells: u32,
    max_cells: u32,
}

struct Builder {
    out: Built,
    stack: Vec<Open>,
    /// For each element name (by [`known`] index, then interned), the stack
    /// positions where it is open.
    positions: Vec<Vec<u32>>,
    interned: HashMap<String, usize>,
    tables: Vec<TableTrack>,
}

fn build(html: &str) -> Built {
    let mut b = Builder {
        out: Built {
            elements: vec![Element {
                parent: 0,
                end: 0,
                kind: Kind::Root,
                layout: true,
                col_span: 1,
                row_span: 1,
            }],
            events: vec![Event::Open(0)],
            text: String::new(),
            unterminated: false,
            capped: false,
        },
        stack: vec![Open {
            name: usize::MAX,
            kind: Kind::Root,
            id: 0,
            created: true,
            hidden: false,
        }],
        positions: vec![Vec::new(); KNOWN],
        interned: HashMap::new(),
        tables: Vec::new(),
    };
    let mut tokens = Tokenizer::new(html);
    for token in tokens.by_ref() {
        match token {
            Token::Text(t) => b.text(&t),
            Token::Start {
                name,
                attrs,
                self_closing,
            } => b.start(name, &attrs, self_closing),
            Token::End { name } => b.end(&name),
        }
    }
    b.pop_to(1);
    b.out.events.push(Event::Close(0));
    b.out.elements[0].end = (b.out.elements.len() - 1) as u32;
    b.out.unterminated = tokens.unterminated;
    b.out
}

impl Builder {
    fn top(&self) -> &Open {
        // The root is never popped.
        &self.stack[self.stack.len() - 1]
    }

    /// The stack position of the innermost open `name`, if any.
    fn pos(&self, name: &str) -> Option<usize> {
        let id = known(name).or_else(|| self.interned.get(name).copied())?;
        self.positions[id].last().map(|&p| p as usize)
    }

    /// The innermost of several names.
    fn pos_any(&self, names: &[&str]) -> Option<usize> {
        names.iter().filter_map(|n| self.pos(n)).max()
    }

    /// The innermost table, cell or caption: the scope an end tag cannot
    /// reach past.
    fn scope(&self) -> Option<usize> {
        self.pos_any(&["table", "td", "th", "caption"])
    }

    /// Pops `name` when it is open inside the current scope `limit`.
    fn close_in_scope(&mut self, name: &str, limit: Option<usize>) -> bool {
        match self.pos(name) {
            Some(p) if limit.is_none_or(|l| p > l) => {
                self.pop_to(p);
                true
            }
            _ => false,
        }
    }

    /// Pops the stack down to `len` entries, closing the elements popped.
    fn pop_to(&mut self, len: usize) {
        while self.stack.len() > len.max(1) {
            let Some(open) = self.stack.pop() else { break };
            if let Some(v) = self.positions.get_mut(open.name) {
                v.pop();
            }
            if open.created {
                let last = (self.out.elements.len() - 1) as u32;
                self.out.elements[open.id as usize].end = last;
                self.out.events.push(Event::Close(open.id));
                if open.kind == Kind::Table
                    && let Some(t) = self.tables.pop()
                    && t.max_cells <= 1
                {
                    // A one-column table is layout, not data.
                    self.out.elements[t.id as usize].layout = true;
                }
            }
        }
    }

    fn text(&mut self, t: &str) {
        if t.is_empty() {
            return;
        }
        if self.top().hidden {
            // Text in the head ends it, as in a browser; other hidden text is
            // dropped.
            let visible = t.trim_matches(|c: char| c.is_ascii_whitespace());
            match self.pos("head") {
                Some(p) if !visible.is_empty() => self.pop_to(p),
                _ => return,
            }
            if self.top().hidden {
                return;
            }
        }
        let start = self.out.text.len() as u32;
        self.out.text.push_str(t);
        let end = self.out.text.len() as u32;
        self.out.events.push(Event::Text {
            parent: self.top().id,
            start,
            end,
        });
    }

    fn start(&mut self, name: String, attrs: &[(String, String)], self_closing: bool) {
        let mut kind = classify(&name);
        if let Some(p) = self.pos("head")
            && !in_head_ok(&name)
        {
            self.pop_to(p);
        }
        if matches!(name.as_str(), "html" | "body") && self.pos(&name).is_some() {
            return;
        }
        if self.top().hidden {
            if !matches!(kind, Kind::Void | Kind::Break) && !self_closing {
                self.push(name, kind, false, true);
            }
            return;
        }
        match kind {
            Kind::Break => {
                if name == "hr" {
                    self.close_p();
                }
                self.out.events.push(Event::Break);
                return;
            }
            Kind::Void => return,
            Kind::P | Kind::Block | Kind::Table | Kind::List | Kind::Heading(_) => {
                self.close_p();
                if let (Kind::Heading(_), Kind::Heading(_)) = (kind, self.top().kind) {
                    let len = self.stack.len() - 1;
                    self.pop_to(len);
                }
            }
            Kind::Item => {
                self.close_p();
                let limit = self.pos_any(&["table", "td", "th", "caption", "ul", "ol", "menu"]);
                let names: &[&str] = if name == "li" { &["li"] } else { &["dt", "dd"] };
                if let Some(p) = self.pos_any(names)
                    && limit.is_none_or(|l| p > l)
                {
                    self.pop_to(p);
                }
            }
            Kind::Cell => self.close_table_parts(&["td", "th"]),
            Kind::Tr => self.close_table_parts(&["tr", "td", "th"]),
            Kind::Section | Kind::Caption => {
                self.close_table_parts(&["tr", "td", "th", "thead", "tbody", "tfoot", "caption"])
            }
            _ => {}
        }
        let hidden = kind == Kind::Head || kind == Kind::Drop || is_hidden(attrs);
        if self_closing && (matches!(kind, Kind::Inline | Kind::Drop) || name.contains(':')) {
            // `<o:p/>`, `<svg … />`: nothing inside.
            return;
        }
        if kind == Kind::Drop || kind == Kind::Head {
            kind = Kind::Inline;
        }
        let create = !hidden && kind != Kind::Inline;
        self.push(name, kind, create, hidden);
        if let Some(open) = self.stack.last()
            && open.created
            && kind == Kind::Cell
        {
            let id = open.id as usize;
            let span = |n: &str| {
                attrs
                    .iter()
                    .find(|(a, _)| a == n)
                    .and_then(|(_, v)| leading_number(v))
                    .map_or(1, |v| v.clamp(1, 1000))
            };
            self.out.elements[id].col_span = span("colspan");
            self.out.elements[id].row_span = span("rowspan");
        }
    }

    /// Closes a `p` open in the current scope (a block start ends it).
    fn close_p(&mut self) {
        let limit = self.pos_any(&["table", "td", "th", "caption", "button"]);
        self.close_in_scope("p", limit);
    }

    /// Pops the outermost of `names` open inside the innermost table.
    fn close_table_parts(&mut self, names: &[&str]) {
        let table = self.pos("table");
        let lowest = names
            .iter()
            .filter_map(|n| self.pos(n))
            .filter(|&p| table.is_none_or(|t| p > t))
            .min();
        if let Some(p) = lowest {
            self.pop_to(p);
        }
    }

    /// Pushes an element; it becomes a block element when `create` and the
    /// limits allow.
    fn push(&mut self, name: String, kind: Kind, create: bool, hidden: bool) {
        if self.stack.len() >= MAX_DEPTH {
            self.out.capped = true;
            return;
        }
        let parent = self.top().id;
        let create = create && {
            let room = self.out.elements.len() < MAX_ELEMENTS;
            if !room {
                self.out.capped = true;
            }
            room
        };
        let id = if create {
            let id = self.out.elements.len() as u32;
            self.out.elements.push(Element {
                parent,
                end: id,
                kind,
                layout: false,
                col_span: 1,
                row_span: 1,
            });
            self.out.events.push(Event::Open(id));
            match kind {
                Kind::Table => {
                    // A table inside another makes the outer one layout.
                    if let Some(outer) = self.tables.last() {
                        self.out.elements[outer.id as usize].layout = true;
                    }
                    self.tables.push(TableTrack {
                        id,
                        row_cells: 0,
                        max_cells: 0,
                    });
                }
                Kind::Tr => {
                    if let Some(t) = self.tables.last_mut() {
                        t.row_cells = 0;
                    }
                }
                Kind::Cell => {
                    if let Some(t) = self.tables.last_mut() {
                        t.row_cells += 1;
                        t.max_cells = t.max_cells.max(t.row_cells);
                    }
                }
                _ => {}
            }
            id
        } else {
            parent
        };
        let hidden = hidden || self.top().hidden;
        let name = match known(&name) {
            Some(id) => id,
            None => {
                let next = self.positions.len();
                let id = *self.interned.entry(name).or_insert(next);
                if id == next {
                    self.positions.push(Vec::new());
                }
                id
            }
        };
        self.positions[name].push(self.stack.len() as u32);
        self.stack.push(Open {
            name,
            kind,
            id,
            created: create,
            hidden,
        });
    }

    fn end(&mut self, name: &str) {
        let kind = classify(name);
        match kind {
            Kind::Break => {
                if !self.top().hidden {
                    self.out.events.push(Event::Break);
                }
            }
            Kind::Head => {
                if let Some(p) = self.pos("head") {
                    self.pop_to(p);
                }
            }
            _ if matches!(name, "html" | "body") => {}
            Kind::P => {
                let limit = self.pos_any(&["table", "td", "th", "caption", "button"]);
                if !self.close_in_scope("p", limit) && !self.top().hidden {
                    // `</p>` with no `<p>` open is an empty paragraph.
                    self.out.events.push(Event::Break);
                }
            }
            Kind::Table => {
                self.close_in_scope("table", None);
            }
            Kind::Cell | Kind::Tr | Kind::Section | Kind::Caption => {
                let limit = self.pos("table");
                self.close_in_scope(name, limit);
            }
            Kind::Item if name == "li" => {
                let limit = self.pos_any(&["table", "td", "th", "caption", "ul", "ol", "menu"]);
                self.close_in_scope(name, limit);
            }
            _ => {
                let limit = self.scope();
                self.close_in_scope(name, limit);
            }
        }
    }
}

/// Hidden by an attribute: `hidden`, or an inline style that hides it.
fn is_hidden(attrs: &[(String, String)]) -> bool {
    attrs.iter().any(|(name, value)| match name.as_str() {
        "hidden" => true,
        "style" => {
            let style: String = value
                .chars()
                .filter(|c| !c.is_whitespace())
                .map(|c| c.to_ascii_lowercase())
                .collect();
            style.contains("display:none")
                || style.contains("mso-hide:all")
                || style.contains("visibility:hidden")
        }
        _ => false,
    })
}

/// The number at the start of an attribute value (`"2"`, `" 3px"`).
fn leading_number(v: &str) -> Option<u32> {
    let digits: String = v
        .trim_start()
        .chars()
        .take_while(char::is_ascii_digit)
        .take(6)
        .collect();
    digits.parse().ok()
}

// ---------------------------------------------------------------------------
// Pass 3: blocks.

/// Inline text being gathered, with whitespace collapsed as a browser does:
/// runs of spaces, tabs and newlines become one space (none at the start of a
/// line, and none for a line break between two Chinese characters), while
/// `&nbsp;` stays a space of its own. `\n` separates lines (paragraphs in a
/// table cell).
#[derive(Default)]
struct Inline {
    s: String,
    /// Collapsible whitespace seen and not yet written: 0 none, 1 space, 2 a
    /// line break.
    ws: u8,
}

impl Inline {
    fn push(&mut self, t: &str) {
        for c in t.chars() {
            match c {
                ' ' | '\t' | '\x0c' => self.ws = self.ws.max(1),
                '\n' | '\r' => self.ws = 2,
                // Invisible: zero-width space, BOM, soft hyphen.
                '\u{200b}' | '\u{feff}' | '\u{ad}' => {}
                '\u{a0}' => {
                    self.flush_ws(' ');
                    self.s.push(' ');
                }
                c if c.is_control() => self.ws = self.ws.max(1),
                c => {
                    self.flush_ws(c);
                    self.s.push(c);
                }
            }
        }
    }

    fn flush_ws(&mut self, next: char) {
        let ws = std::mem::take(&mut self.ws);
        if ws == 0 || self.s.is_empty() || self.s.ends_with('\n') {
            return;
        }
        let prev = self.s.chars().next_back().unwrap_or(' ');
        if ws == 2 && wide(prev) && wide(next) {
            return;
        }
        self.s.push(' ');
    }

    fn line_break(&mut self) {
        self.ws = 0;
        let trimmed = self.s.trim_end_matches(' ').len();
        self.s.truncate(trimmed);
        if !self.s.is_empty() && !self.s.ends_with('\n') {
            self.s.push('\n');
        }
    }

    /// The lines gathered, trimmed, without empty lines.
    fn take(&mut self) -> String {
        self.ws = 0;
        let s = std::mem::take(&mut self.s);
        let mut out = String::with_capacity(s.len());
        for line in s.split('\n') {
            let line = line.trim_matches(' ');
            if !line.is_empty() {
                if !out.is_empty() {
                    out.push('\n');
                }
                out.push_str(line);
            }
        }
        out
    }
}

/// East Asian wide characters, between which a line break in the source
/// shows as nothing.
fn wide(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFD)
}

/// A block and the element it came from.
struct Placed {
    block: Block,
    anchor: u32,
}

struct DataTable {
    id: u32,
    rows: Vec<Vec<TableCell>>,
    row: Option<Vec<TableCell>>,
    cell: Option<(Inline, u32, u32)>,
    /// Text inside the table but outside its cells (a caption, stray text):
    /// shown before the table, as browsers do.
    stray: Inline,
}

impl DataTable {
    fn close_cell(&mut self) {
        if let Some((mut text, col_span, row_span)) = self.cell.take() {
            let mut cell = TableCell::new(text.take());
            cell.col_span = col_span;
            cell.row_span = row_span;
            self.row.get_or_insert_with(Vec::new).push(cell);
        }
    }

    fn close_row(&mut self) {
        self.close_cell();
        if let Some(row) = self.row.take() {
            self.rows.push(row);
        }
    }

    fn inline(&mut self) -> &mut Inline {
        match &mut self.cell {
            Some((text, _, _)) => text,
            None => &mut self.stray,
        }
    }
}

struct Converter<'a> {
    built: &'a Built,
    blocks: Vec<Placed>,
    para: Inline,
    anchor: Option<u32>,
    heading: Option<u8>,
    table: Option<DataTable>,
    stray: bool,
}

/// The events as blocks; the flag says stray table text was moved.
fn convert(built: &Built) -> (Vec<Placed>, bool) {
    let mut c = Converter {
        built,
        blocks: Vec::new(),
        para: Inline::default(),
        anchor: None,
        heading: None,
        table: None,
        stray: false,
    };
    for &event in &built.events {
        match event {
            Event::Open(id) => c.open(id),
            Event::Close(id) => c.close(id),
            Event::Break => c.boundary(),
            Event::Text { parent, start, end } => {
                let t = &built.text[start as usize..end as usize];
                match &mut c.table {
                    Some(table) => table.inline().push(t),
                    None => {
                        c.para.push(t);
                        if c.anchor.is_none() && t.chars().any(|ch| !ch.is_whitespace()) {
                            c.anchor = Some(parent);
                        }
                    }
                }
            }
        }
    }
    c.flush();
    (c.blocks, c.stray)
}

impl Converter<'_> {
    fn flush(&mut self) {
        let text = self.para.take();
        let anchor = self.anchor.take().unwrap_or(0);
        if !text.is_empty() {
            self.blocks.push(Placed {
                block: Block::Paragraph(Paragraph {
                    text,
                    heading: self.heading,
                }),
                anchor,
            });
        }
    }

    fn boundary(&mut self) {
        match &mut self.table {
            Some(t) => t.inline().line_break(),
            None => self.flush(),
        }
    }

    fn open(&mut self, id: u32) {
        let e = &self.built.elements[id as usize];
        if let Some(t) = &mut self.table {
            match e.kind {
                Kind::Tr | Kind::Section => t.close_row(),
                Kind::Cell => {
                    t.close_cell();
                    t.cell = Some((Inline::default(), e.col_span, e.row_span));
                }
                _ => t.inline().line_break(),
            }
            return;
        }
        match e.kind {
            Kind::Table if !e.layout => {
                self.flush();
                self.table = Some(DataTable {
                    id,
                    rows: Vec::new(),
                    row: None,
                    cell: None,
                    stray: Inline::default(),
                });
            }
            Kind::Heading(level) => {
                self.flush();
                self.heading = Some(level);
            }
            _ => self.flush(),
        }
    }

    fn close(&mut self, id: u32) {
        let kind = self.built.elements[id as usize].kind;
        if let Some(t) = &mut self.table {
            match kind {
                Kind::Table if t.id == id => {
                    t.close_row();
                    let mut t = self.table.take().expect("a table is open");
                    let stray = t.stray.take();
                    for line in stray.lines() {
                        self.stray = true;
                        self.blocks.push(Placed {
                            block: Block::Paragraph(Paragraph {
                                text: line.to_string(),
                                heading: None,
                            }),
                            anchor: id,
                        });
                    }
                    if !t.rows.is_empty() {
                        self.blocks.push(Placed {
                            block: Block::Table(Table { rows: t.rows }),
                            anchor: id,
                        });
                    }
                }
                Kind::Cell => t.close_cell(),
                Kind::Tr | Kind::Section => t.close_row(),
                _ => t.inline().line_break(),
            }
            return;
        }
        self.flush();
        if matches!(kind, Kind::Heading(_)) {
            self.heading = None;
        }
    }
}

// ---------------------------------------------------------------------------
// Finding the report among the site's furniture.

/// The report's part (1–6) a paragraph is the heading of.
fn part_number(text: &str) -> Option<usize> {
    const PARTS: [(char, &str); 6] = [
        ('一', "总体情况"),
        ('二', "主动公开"),
        ('三', "收到和处理"),
        ('四', "行政复议"),
        ('五', "存在的主要问题"),
        ('六', "其他需要报告"),
    ];
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if t.chars().count() > 40 {
        return None;
    }
    let mut chars = t.chars();
    let (first, second) = (chars.next()?, chars.next()?);
    if !matches!(second, '、' | '.' | '．' | '，' | ',' | '：' | ':') {
        return None;
    }
    PARTS
        .iter()
        .position(|&(n, key)| n == first && t.contains(key))
        .map(|i| i + 1)
}

/// A report's title line: "…政府信息公开工作年度报告", not a numbered heading
/// that mentions the report.
fn is_title(text: &str) -> bool {
    let t = text.trim_matches(|c: char| c.is_whitespace() || "。.：:".contains(c));
    t.chars().count() <= 80
        && (t.contains("政府信息公开") || t.contains("政务公开"))
        && (t.ends_with("年度报告") || t.ends_with("年报"))
        && !t.starts_with([
            '(', '（', '一', '二', '三', '四', '五', '六', '1', '2', '3', '4', '5', '6',
        ])
}

/// The smallest element holding both `root` and element `x`: `root` or
/// one of its ancestors (ids are in document order and `end` is an element's
/// last descendant, so "inside" is a range test). The walk only goes up, so
/// widening one root many times costs at most the depth in all.
fn widen(elements: &[Element], mut root: u32, x: u32) -> u32 {
    while root != 0 && !(root <= x && x <= elements[root as usize].end) {
        root = elements[root as usize].parent;
    }
    root
}

/// Keeps the report when the page has furniture around it: the blocks inside
/// the smallest element holding the part headings (and the tables between
/// them), and the title line before it. The flag says something was dropped.
fn select_report(placed: Vec<Placed>, elements: &[Element]) -> (Vec<Block>, bool) {
    let mut first: [Option<usize>; 6] = [None; 6];
    for (i, p) in placed.iter().enumerate() {
        if let Block::Paragraph(para) = &p.block
            && let Some(n) = part_number(&para.text)
        {
            first[n - 1].get_or_insert(i);
        }
    }
    let found: Vec<usize> = first.iter().flatten().copied().collect();
    if found.len() < 2 {
        return (placed.into_iter().map(|p| p.block).collect(), false);
    }
    let (lo, hi) = (
        *found.iter().min().unwrap_or(&0),
        *found.iter().max().unwrap_or(&0),
    );
    let mut root = placed[found[0]].anchor;
    for (i, p) in placed.iter().enumerate() {
        let table_between = (lo..=hi).contains(&i) && matches!(p.block, Block::Table(_));
        if found.contains(&i) || table_between {
            root = widen(elements, root, p.anchor);
        }
    }
    let end = elements[root as usize].end;
    let inside = |p: &Placed| root <= p.anchor && p.anchor <= end;
    let first_kept = placed.iter().position(inside).unwrap_or(0);
    let has_title = placed
        .iter()
        .filter(|p| inside(p))
        .any(|p| matches!(&p.block, Block::Paragraph(para) if is_title(&para.text)));
    let title = if has_title {
        None
    } else {
        placed[..first_kept]
            .iter()
            .rposition(|p| matches!(&p.block, Block::Paragraph(para) if is_title(&para.text)))
    };
    let mut dropped = false;
    let mut blocks = Vec::with_capacity(placed.len());
    for (i, p) in placed.into_iter().enumerate() {
        if inside(&p) || Some(i) == title {
            blocks.push(p.block);
        } else {
            dropped = true;
        }
    }
    (blocks, dropped)
}

// ---------------------------------------------------------------------------
// Character sets.

/// An encoding a page declares.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Charset {
    Utf8,
    /// GBK, GB2312, GB18030 and their aliases.
    Gb,
    /// ASCII, ISO-8859-1, windows-1252.
    Latin,
    Other(String),
}

fn charset_of(label: &str) -> Charset {
    let l = label.trim().trim_matches(['"', '\'']).to_ascii_lowercase();
    match l.as_str() {
        "utf-8" | "utf8" | "unicode-1-1-utf-8" | "x-unicode20utf8" => Charset::Utf8,
        "gbk" | "gb2312" | "gb_2312" | "gb_2312-80" | "gb18030" | "x-gbk" | "cp936" | "ms936"
        | "windows-936" | "euc-cn" | "csgb2312" | "chinese" | "iso-ir-58" | "csiso58gb231280" => {
            Charset::Gb
        }
        "us-ascii" | "ascii" | "iso-8859-1" | "iso8859-1" | "latin1" | "l1" | "windows-1252"
        | "cp1252" | "x-cp1252" | "cp819" | "ansi_x3.4-1968" => Charset::Latin,
        _ => Charset::Other(l),
    }
}

/// The charset a page declares in its first 64 KB: `<meta charset>`,
/// `<meta http-equiv … content="…; charset=…">` or `<?xml encoding=…?>`.
fn declared_charset(bytes: &[u8]) -> Option<String> {
    let head: Vec<u8> = bytes[..bytes.len().min(65536)]
        .iter()
        .map(u8::to_ascii_lowercase)
        .collect();
    let value_after = |tag: &[u8], key: &[u8]| -> Option<String> {
        let at = token::find(tag, key)?;
        let mut rest = &tag[at + key.len()..];
        rest = rest.trim_ascii_start();
        rest = rest.strip_prefix(b"=")?.trim_ascii_start();
        if let Some(r) = rest.strip_prefix(b"\"").or_else(|| rest.strip_prefix(b"'")) {
            rest = r;
        }
        let len = rest
            .iter()
            .position(|&b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.')))
            .unwrap_or(rest.len());
        (len > 0).then(|| String::from_utf8_lossy(&rest[..len]).into_owned())
    };
    if head.trim_ascii_start().starts_with(b"<?xml") {
        let end = token::find(&head, b"?>").unwrap_or(head.len().min(200));
        if let Some(v) = value_after(&head[..end], b"encoding") {
            return Some(v);
        }
    }
    let mut i = 0;
    while let Some(at) = token::find(&head[i..], b"<meta") {
        let start = i + at;
        let end = head[start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(head.len(), |p| start + p);
        if let Some(v) = value_after(&head[start..end], b"charset") {
            return Some(v);
        }
        i = end.max(start + 5);
    }
    None
}

/// A page's bytes as text: from a BOM, then the charset `declared` by the
/// container (an MHT part) or by the page itself.
fn decode_page(
    bytes: &[u8],
    declared: Option<&str>,
    options: ReadOptions,
) -> Result<(String, Vec<String>), ReadError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return Ok(utf8_lossy(rest));
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let (text, _) = crate::parse::decode(bytes)?;
        return Ok((text, Vec::new()));
    }
    let label = declared
        .map(str::to_string)
        .or_else(|| declared_charset(bytes));
    let charset = label.as_deref().map(charset_of);
    if let Ok(text) = std::str::from_utf8(bytes) {
        // Valid UTF-8 is UTF-8, whatever the page says: GBK text is almost
        // never valid UTF-8, and pages often keep an old declaration.
        let mut notes = Vec::new();
        if charset == Some(Charset::Gb) && !text.is_ascii() {
            notes.push(format!(
                "网页声明的编码为 {}，但内容是 UTF-8 编码，已按 UTF-8 读取",
                label.as_deref().unwrap_or("")
            ));
        }
        return Ok((text.to_string(), notes));
    }
    match charset {
        Some(Charset::Utf8) => Ok(utf8_lossy(bytes)),
        Some(Charset::Latin) => Ok((bytes.iter().map(|&b| windows_1252(b)).collect(), Vec::new())),
        Some(Charset::Gb) => {
            let label = label.unwrap_or_default();
            let Some(legacy) = options.legacy else {
                return Err(ReadError::NotText {
                    detail: format!(
                        "网页使用 {label} 编码，此处无法解码。请在浏览器中打开网页后复制正文粘贴，或把网页另存为 UTF-8 编码"
                    ),
                });
            };
            match legacy(bytes) {
                Some(text) => Ok((text, Vec::new())),
                None => Err(ReadError::NotText {
                    detail: format!(
                        "网页声明为 {label} 编码，但内容无法按 GB18030 解码，文件可能已损坏"
                    ),
                }),
            }
        }
        Some(Charset::Other(name)) => Err(ReadError::NotText {
            detail: format!(
                "网页使用 {name} 编码，nianbao 只读取 UTF-8 和 GBK/GB2312/GB18030 编码的网页。请在浏览器中打开网页后复制正文粘贴"
            ),
        }),
        None => {
            let guessed = options
                .legacy
                .filter(|_| !bytes.contains(&0))
                .and_then(|legacy| legacy(bytes))
                .filter(|text| super::looks_like_chinese(text));
            match guessed {
                Some(text) => Ok((
                    text,
                    vec![
                        "网页未声明编码，且不是 UTF-8，已按 GB18030（GBK）读取；如有乱码，请另存为 UTF-8 后再打开"
                            .to_string(),
                    ],
                )),
                None => Err(ReadError::NotText {
                    detail: "网页不是 UTF-8 编码，也没有声明编码（<meta charset>）。请在浏览器中打开网页后复制正文粘贴，或另存为 UTF-8 编码".to_string(),
                }),
            }
        }
    }
}

fn utf8_lossy(bytes: &[u8]) -> (String, Vec<String>) {
    let text = String::from_utf8_lossy(bytes);
    let notes = match text {
        std::borrow::Cow::Borrowed(_) => Vec::new(),
        std::borrow::Cow::Owned(_) => vec![
            "网页中有不符合 UTF-8 编码的字节，已显示为 �；如有乱码，请检查原网页的编码".to_string(),
        ],
    };
    (text.into_owned(), notes)
}

/// A windows-1252 byte (what browsers read for ISO-8859-1 and ASCII labels).
fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9f => HIGH[(b - 0x80) as usize],
        _ => b as char,
    }
}

#[cfg(test)]
mod tests;
