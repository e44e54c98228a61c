//! Content streams: the operators that place text, run with the graphics and
//! text state, producing each shown character with its place on the page.

use super::file::File;
use super::font::Font;
use super::lex::{Dict, Lexer, Obj, SyntaxError, Tok, find, is_white};
use crate::read::LegacyDecoder;
use std::collections::HashMap;
use std::rc::Rc;

/// Operators run on one page (Form XObjects included).
pub const MAX_OPS_PER_PAGE: usize = 2_000_000;
/// Characters kept from one page.
pub const MAX_CHARS_PER_PAGE: usize = 200_000;
/// Form XObjects inside Form XObjects.
const MAX_FORM_DEPTH: usize = 12;
/// Saved graphics states (`q` without `Q`).
const MAX_SAVED_STATES: usize = 256;
/// Operands kept before an operator.
const MAX_OPERANDS: usize = 64;

/// A character shown on a page, in page space (points, y down from the top).
#[derive(Clone, Debug)]
pub struct Char {
    pub text: String,
    /// Left end of the baseline.
    pub x: f64,
    /// The baseline.
    pub y: f64,
    /// Font size on the page.
    pub size: f64,
    /// Advance on the page.
    pub width: f64,
    /// Shown by a vertical (top-to-bottom) font.
    pub vertical: bool,
}

/// A 2-D affine matrix `[a b c d e f]`.
pub type Matrix = [f64; 6];

pub const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `m × n` (apply `m` first).
pub fn mul(m: &Matrix, n: &Matrix) -> Matrix {
    [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]
}

#[derive(Clone)]
struct GState {
    ctm: Matrix,
    font: Option<Rc<Font>>,
    size: f64,
    char_spacing: f64,
    word_spacing: f64,
    hscale: f64,
    leading: f64,
    rise: f64,
}

/// What reading a page found beyond its characters.
#[derive(Default, Debug)]
pub struct PageStats {
    /// Codes whose font says nothing of their text.
    pub unmapped: usize,
    /// Images drawn (a scan).
    pub images: usize,
    /// Characters dropped over [`MAX_CHARS_PER_PAGE`].
    pub dropped: usize,
    /// The content was damaged (a syntax error stopped it early).
    pub damaged: bool,
}

/// Why a page could not be read.
#[derive(Debug)]
pub enum PageError {
    TooComplex(String),
}

/// Runs a page's content and returns its characters. `base` maps user space
/// to page space (y down, rotation applied).
pub struct Interpreter<'f, 'a> {
    file: &'f File<'a>,
    legacy: Option<LegacyDecoder<'f>>,
    fonts: &'f mut HashMap<u32, Rc<Font>>,
    pub chars: Vec<Char>,
    pub stats: PageStats,
    /// Operators run on this page.
    pub ops: usize,
}

impl<'f, 'a> Interpreter<'f, 'a> {
    pub fn new(
        file: &'f File<'a>,
        legacy: Option<LegacyDecoder<'f>>,
        fonts: &'f mut HashMap<u32, Rc<Font>>,
    ) -> Self {
        Interpreter {
            file,
            legacy,
            fonts,
            chars: Vec::new(),
            stats: PageStats::default(),
            ops: 0,
        }
    }

    /// Runs `content` with `resources`, starting from the matrix `base`.
    pub fn run(&mut self, content: &[u8], resources: &Dict, base: Matrix) -> Result<(), PageError> {
        let gs = GState {
            ctm: base,
            font: None,
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            hscale: 1.0,
            leading: 0.0,
            rise: 0.0,
        };
        self.run_stream(content, resources, gs, 0)
    }

    fn font(
        &mut self,
        resources: &Dict,
        name: &[u8],
        direct: &mut HashMap<Vec<u8>, Rc<Font>>,
    ) -> Option<Rc<Font>> {
        if let Some(f) = direct.get(name) {
            return Some(f.clone());
        }
        let fonts = self.file.get_in(resources, "Font");
        let fonts = fonts.as_dict()?;
        let entry = fonts
            .0
            .iter()
            .find(|(k, _)| k.as_slice() == name)
            .map(|(_, v)| v.clone())?;
        if let Obj::Ref(num, _) = entry
            && let Some(f) = self.fonts.get(&num)
        {
            return Some(f.clone());
        }
        let dict = self.file.resolve(&entry);
        let font = Rc::new(match dict.as_dict() {
            Some(d) => Font::load(self.file, d),
            None => Font::unknown(),
        });
        match entry {
            Obj::Ref(num, _) => {
                self.fonts.insert(num, font.clone());
            }
            // A font dictionary written in the resources: loaded once per
            // content stream, not at every `Tf`.
            _ => {
                direct.insert(name.to_vec(), font.clone());
            }
        }
        Some(font)
    }

    fn run_stream(
        &mut self,
        content: &[u8],
        resources: &Dict,
        mut gs: GState,
        depth: usize,
    ) -> Result<(), PageError> {
        let mut stack: Vec<GState> = Vec::new();
        let mut tm = IDENTITY;
        let mut tlm = IDENTITY;
        let mut args: Vec<Obj> = Vec::new();
        let mut direct_fonts = HashMap::new();
        let mut lx = Lexer::new(content, 0);
        while let Some(tok) = lx.next() {
            let op = match tok {
                Tok::Word(w) if !matches!(w, b"true" | b"false" | b"null") => w,
                t => {
                    match lx.object_from(t, false, 0) {
                        Ok(o) => {
                            if args.len() >= MAX_OPERANDS {
                                args.remove(0);
                            }
                            args.push(o);
                        }
                        Err(SyntaxError::Eof) | Err(SyntaxError::TooDeep) => {
                            self.stats.damaged = true;
                            return Ok(());
                        }
                        Err(SyntaxError::Unexpected) => args.clear(),
                    }
                    continue;
                }
            };
            self.ops += 1;
            if self.ops > MAX_OPS_PER_PAGE {
                return Err(PageError::TooComplex(format!(
                    "一页的绘制指令超过 {MAX_OPS_PER_PAGE} 条"
                )));
            }
            let num = |i: usize| args.get(i).and_then(Obj::as_f64).unwrap_or(0.0);
            match op {
                b"q" if stack.len() < MAX_SAVED_STATES => {
                    stack.push(gs.clone());
                }
                b"Q" => {
                    if let Some(g) = stack.pop() {
                        gs = g;
                    }
                }
                b"cm" if args.len() >= 6 => {
                    let m = [num(0), num(1), num(2), num(3), num(4), num(5)];
                    gs.ctm = mul(&m, &gs.ctm);
                }
                b"BT" => {
                    tm = IDENTITY;
                    tlm = IDENTITY;
                }
                b"Tf" => {
                    if let Some(Obj::Name(n)) = args.first() {
                        gs.font = Some(
                            self.font(resources, n, &mut direct_fonts)
                                .unwrap_or_else(|| Rc::new(Font::unknown())),
                        );
                    }
                    gs.size = num(1);
                }
                b"Tc" => gs.char_spacing = num(0),
                b"Tw" => gs.word_spacing = num(0),
                b"Tz" => gs.hscale = num(0) / 100.0,
                b"TL" => gs.leading = num(0),
                b"Ts" => gs.rise = num(0),
                b"Td" => {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, num(0), num(1)], &tlm);
                    tm = tlm;
                }
                b"TD" => {
                    gs.leading = -num(1);
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, num(0), num(1)], &tlm);
                    tm = tlm;
                }
                b"Tm" if args.len() >= 6 => {
                    tlm = [num(0), num(1), num(2), num(3), num(4), num(5)];
                    tm = tlm;
                }
                b"T*" => {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading], &tlm);
                    tm = tlm;
                }
                b"Tj" => {
                    if let Some(Obj::Str(s)) = args.first() {
                        self.show(s, &gs, &mut tm);
                    }
                }
                b"'" => {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading], &tlm);
                    tm = tlm;
                    if let Some(Obj::Str(s)) = args.first() {
                        self.show(s, &gs, &mut tm);
                    }
                }
                b"\"" => {
                    gs.word_spacing = num(0);
                    gs.char_spacing = num(1);
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading], &tlm);
                    tm = tlm;
                    if let Some(Obj::Str(s)) = args.get(2) {
                        self.show(s, &gs, &mut tm);
                    }
                }
                b"TJ" => {
                    if let Some(Obj::Array(items)) = args.first() {
                        for item in items {
                            match item {
                                Obj::Str(s) => self.show(s, &gs, &mut tm),
                                o => {
                                    let adj = o.as_f64().unwrap_or(0.0) / 1000.0 * gs.size;
                                    let vertical = gs.font.as_ref().is_some_and(|f| f.vertical);
                                    let shift = if vertical {
                                        [1.0, 0.0, 0.0, 1.0, 0.0, -adj]
                                    } else {
                                        [1.0, 0.0, 0.0, 1.0, -adj * gs.hscale, 0.0]
                                    };
                                    tm = mul(&shift, &tm);
                                }
                            }
                        }
                    }
                }
                b"Do" => {
                    if let Some(Obj::Name(n)) = args.first() {
                        self.do_xobject(resources, n, &gs, depth)?;
                    }
                }
                b"BI" => {
                    // An inline image: skip to `EI`.
                    self.stats.images += 1;
                    skip_inline_image(&mut lx);
                }
                _ => {}
            }
            args.clear();
        }
        Ok(())
    }

    fn do_xobject(
        &mut self,
        resources: &Dict,
        name: &[u8],
        gs: &GState,
        depth: usize,
    ) -> Result<(), PageError> {
        let xobjects = self.file.get_in(resources, "XObject");
        let Some(entry) = xobjects
            .as_dict()
            .and_then(|d| d.0.iter().find(|(k, _)| k.as_slice() == name))
            .map(|(_, v)| v.clone())
        else {
            return Ok(());
        };
        let Obj::Stream(s) = self.file.resolve(&entry) else {
            return Ok(());
        };
        let subtype = self.file.get_in(&s.dict, "Subtype");
        if subtype.is_name("Image") {
            self.stats.images += 1;
            return Ok(());
        }
        if !subtype.is_name("Form") || depth >= MAX_FORM_DEPTH {
            return Ok(());
        }
        let Ok(data) = self.file.decode_stream(&s) else {
            return Ok(());
        };
        let mut inner = gs.clone();
        if let Obj::Array(m) = self.file.get_in(&s.dict, "Matrix")
            && m.len() == 6
        {
            let m: Vec<f64> = m.iter().map(|o| o.as_f64().unwrap_or(0.0)).collect();
            inner.ctm = mul(&[m[0], m[1], m[2], m[3], m[4], m[5]], &gs.ctm);
        }
        let res = match self.file.get_in(&s.dict, "Resources") {
            Obj::Dict(d) => d,
            _ => resources.clone(),
        };
        self.run_stream(&data, &res, inner, depth + 1)
    }

    /// Shows a string: one [`Char`] per code, advancing the text matrix.
    fn show(&mut self, s: &[u8], gs: &GState, tm: &mut Matrix) {
        let fallback;
        let font: &Font = match &gs.font {
            Some(f) => f,
            None => {
                fallback = Font::unknown();
                &fallback
            }
        };
        let size = gs.size;
        for code in font.decode(s, self.legacy) {
            let trm = mul(
                &mul(&[size * gs.hscale, 0.0, 0.0, size, 0.0, gs.rise], tm),
                &gs.ctm,
            );
            let (x, y) = (trm[4], trm[5]);
            let dev_size = trm[2].hypot(trm[3]);
            let spacing = gs.char_spacing
                + if code.is_space_code {
                    gs.word_spacing
                } else {
                    0.0
                };
            if font.vertical {
                let w = font.vertical_glyph_width(code.code);
                let run = trm[0].hypot(trm[1]) / gs.hscale.abs().max(1e-9);
                self.push_char(code.text, x - w / 2.0 * run, y, dev_size, w * run, true);
                let ty = -(code.width * size) - spacing;
                *tm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, ty], tm);
            } else {
                let dev_width = code.width * trm[0].hypot(trm[1]);
                self.push_char(code.text, x, y, dev_size, dev_width, false);
                let tx = (code.width * size + spacing) * gs.hscale;
                *tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], tm);
            }
        }
    }

    fn push_char(
        &mut self,
        text: Option<String>,
        x: f64,
        y: f64,
        size: f64,
        width: f64,
        vertical: bool,
    ) {
        let Some(text) = text else {
            self.stats.unmapped += 1;
            return;
        };
        if !(x.is_finite() && y.is_finite() && size.is_finite() && width.is_finite()) {
            return;
        }
        if self.chars.len() >= MAX_CHARS_PER_PAGE {
            self.stats.dropped += 1;
            return;
        }
        self.chars.push(Char {
            text,
            x,
            y,
            size,
            width,
            vertical,
        });
    }
}

/// Skips an inline image's dictionary and data, up to and including `EI`.
fn skip_inline_image(lx: &mut Lexer<'_>) {
    let data = lx.data;
    let Some(id) = find(data, b"ID", lx.pos) else {
        lx.pos = data.len();
        return;
    };
    let mut from = id + 3;
    while let Some(ei) = find(data, b"EI", from) {
        let before = ei == 0 || data.get(ei - 1).is_some_and(|&b| is_white(b));
        let after = data.get(ei + 2).is_none_or(|&b| is_white(b));
        if before && after {
            lx.pos = ei + 2;
            return;
        }
        from = ei + 2;
    }
    lx.pos = data.len();
}
