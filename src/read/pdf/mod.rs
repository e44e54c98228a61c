//! PDF: the text of a published report, laid out like `pdftotext -layout`.
//!
//! A compact reader in pure Rust, written for untrusted input and for the
//! browser: [`file`] reads the structure (cross-reference tables and streams,
//! incremental updates, object streams, and a scan of the file when those are
//! broken), [`filter`] decodes streams within a memory budget, [`font`] maps
//! character codes to Unicode and widths, [`content`] runs the page content to
//! place each character, and [`layout`] rebuilds lines and columns from those
//! places. The text parser reads the result as it reads `pdftotext -layout`:
//! pages end with a form feed, table cells are kept apart by runs of spaces.
//!
//! Every run of characters gets an [`Origin`](super::Origin) with its page
//! and position, so findings can name the page. Limits: [`MAX_PAGES`] pages,
//! [`file::MAX_OBJECTS`] objects, 64 levels of nesting, 64 MB per stream and
//! 256 MB in all once decoded, [`content::MAX_OPS_PER_PAGE`] operators a page.
//! Encrypted files are refused, even those with an empty user password.

mod content;
mod file;
mod filter;
mod font;
mod layout;
mod lex;

use super::{Extracted, Format, LegacyDecoder, ReadError, ReadOptions};
use content::{Interpreter, Matrix, PageError};
use file::{File, FileError};
use lex::{Dict, Obj};
use std::collections::{HashMap, HashSet};

/// More pages than any report has.
pub const MAX_PAGES: usize = 2_000;
/// Operators run in the whole file.
const MAX_OPS_PER_FILE: usize = 50_000_000;
/// Characters kept from the whole file (a 500-page report has about 500,000).
const MAX_CHARS_PER_FILE: usize = 5_000_000;

const FORMAT: &str = "PDF";

/// Reads a PDF's text. Fonts with GBK-coded predefined CMaps (`GBK-EUC-H`)
/// need a legacy decoder: see [`read_with`].
pub fn read(bytes: &[u8]) -> Result<Extracted, ReadError> {
    read_with(bytes, ReadOptions::default())
}

/// Reads a PDF's text, decoding GBK-coded fonts with `options.legacy`.
pub fn read_with(bytes: &[u8], options: ReadOptions<'_>) -> Result<Extracted, ReadError> {
    let header = bytes.get(..bytes.len().min(1024)).unwrap_or(&[]);
    let Some(start) = lex::find(header, b"%PDF-", 0) else {
        return Err(corrupt("没有 PDF 文件头（%PDF-）"));
    };
    let file = File::open(bytes).map_err(|e| match e {
        FileError::Corrupt(d) => corrupt(&d),
        FileError::Encrypted => ReadError::Encrypted { format: FORMAT },
        FileError::TooComplex(d) => too_complex(d),
    })?;
    let _ = start;
    let (pages, declared) = collect_pages(&file)?;
    if pages.is_empty() {
        return Err(corrupt("找不到任何页面（页面目录缺失或损坏）"));
    }
    read_pages(&file, &pages, declared, options.legacy)
}

fn corrupt(detail: &str) -> ReadError {
    ReadError::Corrupt {
        format: FORMAT,
        detail: detail.to_string(),
    }
}

fn too_complex(detail: String) -> ReadError {
    ReadError::TooComplex {
        format: FORMAT,
        detail,
    }
}

/// A page with what it inherits from the page tree.
struct Page {
    dict: Dict,
    resources: Dict,
    /// `[llx lly urx ury]`.
    media_box: [f64; 4],
    rotate: i64,
}

/// A page tree node to visit: the node, the resources, media box and
/// rotation it inherits, and its depth.
type TreeNode = (Obj, Option<Dict>, [f64; 4], i64, usize);

/// Walks the page tree (no recursion; cycles and depth bounded). Returns the
/// pages and the count the tree declares.
fn collect_pages(file: &File<'_>) -> Result<(Vec<Page>, usize), ReadError> {
    let root = file.get_in(&file.trailer, "Root");
    let Some(root) = root.as_dict() else {
        return Err(corrupt("找不到文档目录（/Root）"));
    };
    let top = root.get("Pages").cloned().unwrap_or(Obj::Null);
    let declared = file
        .resolve(&top)
        .as_dict()
        .and_then(|d| file.get_in(d, "Count").as_i64())
        .and_then(|c| usize::try_from(c).ok())
        .unwrap_or(0);
    let mut pages = Vec::new();
    let mut seen = HashSet::new();
    let default_box = [0.0, 0.0, 595.0, 842.0];
    let mut stack: Vec<TreeNode> = vec![(top, None, default_box, 0, 0)];
    while let Some((node, res, mbox, rot, depth)) = stack.pop() {
        if let Obj::Ref(n, _) = node
            && !seen.insert(n)
        {
            continue;
        }
        let node = file.resolve(&node);
        let Some(d) = node.as_dict() else { continue };
        let res = match file.get_in(d, "Resources") {
            Obj::Dict(r) => Some(r),
            _ => res,
        };
        let mbox = media_box(file, d).unwrap_or(mbox);
        let rot = file.get_in(d, "Rotate").as_i64().unwrap_or(rot);
        let kids = file.get_in(d, "Kids");
        let is_page = d.get("Type").is_some_and(|t| t.is_name("Page"))
            || (kids.as_array().is_none() && d.get("Contents").is_some());
        if is_page {
            if pages.len() >= MAX_PAGES {
                return Err(too_complex(format!("页数超过 {MAX_PAGES} 页")));
            }
            pages.push(Page {
                dict: d.clone(),
                resources: res.unwrap_or_default(),
                media_box: mbox,
                rotate: rot.rem_euclid(360),
            });
        } else if let Some(kids) = kids.as_array() {
            if depth >= 64 || stack.len() + kids.len() > 4 * MAX_PAGES + 64 {
                return Err(too_complex("页面目录层级或数量异常".to_string()));
            }
            for k in kids.iter().rev() {
                stack.push((k.clone(), res.clone(), mbox, rot, depth + 1));
            }
        }
    }
    Ok((pages, declared))
}

fn media_box(file: &File<'_>, d: &Dict) -> Option<[f64; 4]> {
    let b = file.get_in(d, "CropBox");
    let b = if b.as_array().is_some_and(|a| a.len() == 4) {
        b
    } else {
        file.get_in(d, "MediaBox")
    };
    let a = b.as_array()?;
    if a.len() != 4 {
        return None;
    }
    let v: Vec<f64> = a
        .iter()
        .map(|o| file.resolve(o).as_f64().unwrap_or(0.0))
        .collect();
    let (llx, urx) = (v[0].min(v[2]), v[0].max(v[2]));
    let (lly, ury) = (v[1].min(v[3]), v[1].max(v[3]));
    (urx > llx && ury > lly).then_some([llx, lly, urx, ury])
}

/// User space to page space: points from the top-left corner of the page as
/// displayed (y down), after `/Rotate`.
fn base_matrix(b: [f64; 4], rotate: i64) -> Matrix {
    let [llx, lly, urx, ury] = b;
    match rotate {
        90 => [0.0, 1.0, 1.0, 0.0, -lly, -llx],
        180 => [-1.0, 0.0, 0.0, 1.0, urx, -lly],
        270 => [0.0, -1.0, -1.0, 0.0, ury, urx],
        _ => [1.0, 0.0, 0.0, -1.0, -llx, ury],
    }
}

fn read_pages(
    file: &File<'_>,
    pages: &[Page],
    declared: usize,
    legacy: Option<LegacyDecoder<'_>>,
) -> Result<Extracted, ReadError> {
    let mut text = String::new();
    let mut origins = Vec::new();
    let mut notes = Vec::new();
    let mut fonts = HashMap::new();
    let (mut chars_total, mut unmapped, mut images, mut dropped) = (0usize, 0usize, 0usize, 0usize);
    let mut ops_total = 0usize;
    let mut damaged_pages = Vec::new();
    let mut unmapped_pages = Vec::new();
    for (i, page) in pages.iter().enumerate() {
        let number = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let (content, damaged) = page_content(file, &page.dict);
        if let Some(e) = file.fatal.borrow_mut().take() {
            return Err(match e {
                FileError::TooComplex(d) => too_complex(d),
                FileError::Corrupt(d) => corrupt(&d),
                FileError::Encrypted => ReadError::Encrypted { format: FORMAT },
            });
        }
        let mut interp = Interpreter::new(file, legacy, &mut fonts);
        let base = base_matrix(page.media_box, page.rotate);
        if let Err(PageError::TooComplex(d)) = interp.run(&content, &page.resources, base) {
            return Err(too_complex(d));
        }
        if let Some(FileError::TooComplex(d)) = file.fatal.borrow_mut().take() {
            return Err(too_complex(d));
        }
        let stats = interp.stats;
        let chars = interp.chars;
        ops_total += interp.ops;
        chars_total += chars.len();
        if ops_total > MAX_OPS_PER_FILE {
            return Err(too_complex(format!(
                "绘制指令合计超过 {MAX_OPS_PER_FILE} 条"
            )));
        }
        if chars_total > MAX_CHARS_PER_FILE {
            return Err(too_complex(format!("文字超过 {MAX_CHARS_PER_FILE} 个字符")));
        }
        unmapped += stats.unmapped;
        images += stats.images;
        dropped += stats.dropped;
        if damaged || stats.damaged {
            damaged_pages.push(number);
        }
        if stats.unmapped > 0 {
            unmapped_pages.push(number);
        }
        layout::layout_page(chars, number, &mut text, &mut origins);
    }
    if chars_total == 0 {
        let advice = if unmapped > 0 {
            "文件中的字体没有文字编码信息（只有字形），无法提取文字。请使用原始的 Word 文件，或用 OCR 软件识别后另存为 Word，或直接粘贴文字".to_string()
        } else {
            let _ = images;
            "这是扫描件（只有图片，没有文字层），nianbao 无法识别图片中的文字。请用 OCR 软件识别文字后另存为 Word，或直接粘贴文字".to_string()
        };
        return Err(ReadError::NoText {
            format: FORMAT,
            advice,
        });
    }
    if file.repaired {
        notes.push(
            "PDF 的交叉引用表已损坏，已通过扫描全文件恢复内容；如有缺漏请用原程序重新导出 PDF"
                .to_string(),
        );
    }
    if declared > pages.len() {
        notes.push(format!(
            "文件声明有 {declared} 页，只读到 {} 页：文件可能不完整（下载未完成？）",
            pages.len()
        ));
    }
    if !damaged_pages.is_empty() || file.budget.borrow().damaged {
        notes.push(format!(
            "部分内容已损坏或被截断，只读取了能读到的文字{}",
            page_list(&damaged_pages)
        ));
    }
    if unmapped > 0 {
        notes.push(format!(
            "有 {unmapped} 个字符的字体没有 Unicode 编码信息，无法识别，已略去{}；数字或文字可能缺失，请核对原文件",
            page_list(&unmapped_pages)
        ));
    }
    if dropped > 0 {
        notes.push(format!("有 {dropped} 个字符超出单页上限，已略去"));
    }
    Ok(Extracted {
        text,
        format: Format::Pdf,
        notes,
        origins,
    })
}

fn page_list(pages: &[u32]) -> String {
    if pages.is_empty() {
        return String::new();
    }
    let list: Vec<String> = pages.iter().take(10).map(u32::to_string).collect();
    let more = if pages.len() > 10 { " 等" } else { "" };
    format!("（第 {}{more} 页）", list.join("、"))
}

/// A page's content: its streams decoded and joined. The flag says some
/// stream could not be decoded.
fn page_content(file: &File<'_>, page: &Dict) -> (Vec<u8>, bool) {
    let contents = match file.get_in(page, "Contents") {
        Obj::Array(a) => a.iter().map(|o| file.resolve(o)).collect(),
        o => vec![o],
    };
    let mut out = Vec::new();
    let mut damaged = false;
    for c in contents.iter().take(10_000) {
        if let Obj::Stream(s) = c {
            match file.decode_stream(s) {
                Ok(d) => {
                    out.extend_from_slice(&d);
                    out.push(b'\n');
                }
                Err(_) => damaged = true,
            }
        }
    }
    (out, damaged)
}
