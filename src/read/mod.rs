//! Readers: files and clipboard contents to the text the parser reads.
//!
//! Every input ends as one [`Extracted`]: the report's text in the form
//! [`parse_text`](crate::parse::parse_text) reads (tables as tab-separated rows
//! with merged cells flattened, the way Word copies them), the format it came
//! from, notes for the user (tracked changes accepted, encoding detected, …)
//! and [`Origin`]s that map ranges of that text back to where they came from
//! (a paragraph, a table cell, a PDF page and position). Findings keep their
//! spans into the text; the origins say where that is in the document.
//!
//! Structured formats (Word, HTML, spreadsheets) first become a
//! [`Document`](document::Document) of paragraphs and tables; one function
//! turns any document into text, so a table reads the same whichever format
//! it came in. The format is found from the content, never trusted from the
//! file name: a `.doc` that is really a `.docx` is read as one.
//!
//! Readers never panic and bound their work: a file larger than
//! [`MAX_FILE_BYTES`], a zip entry that inflates past its limit, or a document
//! with more parts than any report has, is refused with a message that says so.

pub mod archive;
pub mod document;
pub mod docx;
pub mod html;
pub mod legacy;
pub mod pdf;
pub mod sniff;
pub mod xlsx;

use serde::{Deserialize, Serialize};

pub use crate::parse::Encoding;
pub use document::{Block, Document, Paragraph, Table, TableCell};
pub use sniff::Kind;

/// The largest file nianbao opens. Real reports are 0.1–5 MB as PDF or Word
/// (more with pictures); anything larger is refused before it is read.
pub const MAX_FILE_BYTES: usize = 50 * 1024 * 1024;

/// The format a report was read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Format {
    Text(Encoding),
    Docx,
    Html,
    Mht,
    Xlsx,
    Pdf,
}

impl Format {
    /// The format as the page and the command name it.
    pub fn label(self) -> String {
        match self {
            Format::Text(e) => format!("纯文本（{}）", e.label()),
            Format::Docx => "Word 文档（.docx）".to_string(),
            Format::Html => "网页（HTML）".to_string(),
            Format::Mht => "网页存档（.mht）".to_string(),
            Format::Xlsx => "Excel 工作簿（.xlsx）".to_string(),
            Format::Pdf => "PDF".to_string(),
        }
    }

    /// A short machine-readable name: `text`, `docx`, `html`, `mht`, `xlsx`, `pdf`.
    pub fn key(self) -> &'static str {
        match self {
            Format::Text(_) => "text",
            Format::Docx => "docx",
            Format::Html => "html",
            Format::Mht => "mht",
            Format::Xlsx => "xlsx",
            Format::Pdf => "pdf",
        }
    }
}

/// Where a range of the extracted text came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Place {
    /// The `index`-th paragraph of the document (0-based, tables not counted).
    Paragraph { index: u32 },
    /// A cell of the `table`-th table of the document (0-based), by its row and
    /// its first grid column (0-based).
    Cell { table: u32, row: u32, col: u32 },
    /// A cell of a spreadsheet: the `sheet`-th sheet, row and column (0-based).
    Sheet { sheet: u32, row: u32, col: u32 },
    /// A place on a PDF page (1-based), `x` and `y` in points from the page's
    /// top-left corner.
    Page { page: u32, x: u32, y: u32 },
}

/// A range of the extracted text (byte offsets) and where it came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Origin {
    pub start: u32,
    pub end: u32,
    pub place: Place,
}

/// A report's text as read from a file, with where each part came from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Extracted {
    pub text: String,
    pub format: Format,
    /// What the user should know about the reading, in Chinese (tracked
    /// changes accepted, encoding detected, content that was skipped, …).
    pub notes: Vec<String>,
    /// Sorted by `start`, not overlapping.
    pub origins: Vec<Origin>,
}

impl Extracted {
    /// Plain text with no origins.
    pub fn text(text: String, format: Format) -> Self {
        Extracted {
            text,
            format,
            notes: Vec::new(),
            origins: Vec::new(),
        }
    }

    /// Where the byte `offset` of the text came from, if known.
    pub fn place_at(&self, offset: u32) -> Option<Place> {
        let i = self.origins.partition_point(|o| o.end <= offset);
        self.origins
            .get(i)
            .filter(|o| o.start <= offset)
            .map(|o| o.place)
    }

    /// The 1-based PDF page of the byte `offset`, if the text came from a PDF.
    pub fn page_at(&self, offset: u32) -> Option<u32> {
        match self.place_at(offset)? {
            Place::Page { page, .. } => Some(page),
            _ => None,
        }
    }
}

/// The answer to one reading job of the page's reader worker
/// (`src/bin/reader.rs`), passed to the page with serde.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Reply {
    pub id: u32,
    /// The text read, or why the file could not be read (the message).
    pub result: Result<Extracted, String>,
}

/// Why a file could not be read. The message (Display, in Chinese) says what
/// was found and what the user can do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadError {
    /// Larger than the limit, refused before reading.
    TooLarge { bytes: usize, limit: usize },
    /// The file is empty.
    Empty,
    /// Not text in a supported encoding; `detail` says what was seen.
    NotText { detail: String },
    /// The file is of a known kind but damaged or truncated.
    Corrupt {
        format: &'static str,
        detail: String,
    },
    /// The file is password-protected.
    Encrypted { format: &'static str },
    /// A kind nianbao does not read (old binary Word, WPS, images, …), and how
    /// to convert it.
    Unsupported { format: String, advice: String },
    /// Readable, but no text in it (a scanned PDF), and what to do.
    NoText {
        format: &'static str,
        advice: String,
    },
    /// The file would take more memory or time than any real report needs (a
    /// zip or PDF bomb, thousands of tables): `detail` names the limit hit.
    TooComplex {
        format: &'static str,
        detail: String,
    },
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::TooLarge { bytes, limit } => write!(
                f,
                "文件过大（{} MB），超过 {} MB 的上限：年报文件一般不超过 5 MB，请确认选择的是报告本身",
                crate::megabytes(*bytes),
                limit / 1_048_576
            ),
            ReadError::Empty => write!(f, "文件是空的（0 字节）"),
            ReadError::NotText { detail } => write!(f, "无法作为文本读取：{detail}"),
            ReadError::Corrupt { format, detail } => {
                write!(
                    f,
                    "{format} 文件已损坏或不完整：{detail}。请用原程序重新保存后再试"
                )
            }
            ReadError::Encrypted { format } => write!(
                f,
                "{format} 文件设置了密码（已加密），无法读取。请在原程序中取消密码保护后另存，再打开"
            ),
            ReadError::Unsupported { format, advice } => {
                write!(f, "不支持{format}：{advice}")
            }
            ReadError::NoText { format, advice } => {
                write!(f, "{format} 中没有可读取的文字：{advice}")
            }
            ReadError::TooComplex { format, detail } => write!(
                f,
                "{format} 文件超出了年报应有的规模（{detail}），为保护本机内存已停止读取。文件可能已损坏或是恶意构造的"
            ),
        }
    }
}

impl std::error::Error for ReadError {}

/// How to decode text in a legacy Chinese encoding (GB18030, a superset of
/// GBK and GB2312). The page passes the browser's `TextDecoder`, so the wasm
/// carries no code tables; the command passes `encoding_rs`. `None` means the
/// bytes are not valid in that encoding.
pub type LegacyDecoder<'a> = &'a dyn Fn(&[u8]) -> Option<String>;

/// What a reader may use from its host.
#[derive(Clone, Copy, Default)]
pub struct ReadOptions<'a> {
    /// Decoder for GB18030/GBK text; without one, such text is refused with
    /// advice to save it as UTF-8.
    pub legacy: Option<LegacyDecoder<'a>>,
}

/// Reads a file's bytes as a report, whatever its format. `name` is used only
/// in notes (e.g. when the extension does not match the content).
pub fn read_bytes(name: &str, bytes: &[u8], options: ReadOptions) -> Result<Extracted, ReadError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge {
            bytes: bytes.len(),
            limit: MAX_FILE_BYTES,
        });
    }
    if bytes.is_empty() {
        return Err(ReadError::Empty);
    }
    let kind = sniff::sniff(bytes);
    let mut extracted = match kind {
        Kind::Text => read_text(bytes, options)?,
        Kind::Pdf => pdf::read_with(bytes, options)?,
        Kind::Docx => docx::read(bytes)?,
        Kind::Xlsx => xlsx::read(bytes)?,
        Kind::Html => html::read_bytes(bytes, options)?,
        Kind::Mht => html::read_mht(bytes, options)?,
        Kind::Compound => return Err(legacy::explain(bytes)),
        Kind::Zip if has_extension(name, &["docx", "docm", "dotx"]) => {
            return Err(ReadError::Corrupt {
                format: "Word 文档",
                detail: "压缩包中没有正文部分 word/document.xml（文件不完整，或不是 Word 文档）"
                    .to_string(),
            });
        }
        Kind::Zip if has_extension(name, &["xlsx", "xlsm"]) => {
            return Err(ReadError::Corrupt {
                format: "Excel 工作簿",
                detail: "压缩包中没有 xl/workbook.xml（文件不完整，或不是 Excel 工作簿）"
                    .to_string(),
            });
        }
        Kind::Zip => {
            return Err(ReadError::Unsupported {
                format: "普通压缩包（.zip）".to_string(),
                advice: "请解压后打开其中的报告文件；批量审查时可直接把压缩包拖入页面".to_string(),
            });
        }
        Kind::Other(what) => {
            return Err(ReadError::Unsupported {
                format: what.to_string(),
                advice: "nianbao 读取 .docx、.pdf、.xlsx、网页（.html/.htm/.mht）和纯文本（.txt/.md）；图片或扫描件请先用 OCR 软件转成文字".to_string(),
            });
        }
    };
    if let Some(note) = sniff::extension_mismatch(name, kind) {
        extracted.notes.insert(0, note);
    }
    Ok(extracted)
}

fn has_extension(name: &str, exts: &[&str]) -> bool {
    name.rsplit_once('.')
        .is_some_and(|(_, e)| exts.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

/// Text in UTF-8, UTF-16 (with BOM) or, through `options.legacy`, GB18030.
pub fn read_text(bytes: &[u8], options: ReadOptions) -> Result<Extracted, ReadError> {
    match crate::parse::decode(bytes) {
        Ok((text, encoding)) => Ok(Extracted::text(text, Format::Text(encoding))),
        Err(utf8_error) => {
            // Not UTF-8: a draft saved by Notepad or WPS on Chinese Windows
            // is GBK. Binary data (NUL bytes) is never tried.
            if bytes.contains(&0) {
                return Err(utf8_error);
            }
            let Some(legacy) = options.legacy else {
                return Err(utf8_error);
            };
            match legacy(bytes) {
                Some(text) if looks_like_chinese(&text) => {
                    let mut e = Extracted::text(text, Format::Text(Encoding::Gb18030));
                    e.notes.push(
                        "文件不是 UTF-8，已按 GB18030（GBK）编码读取；如有乱码，请另存为 UTF-8 后再打开"
                            .to_string(),
                    );
                    Ok(e)
                }
                _ => Err(utf8_error),
            }
        }
    }
}

/// At least a few CJK characters and no control characters but whitespace:
/// GB18030 decodes almost any bytes, so this guards against reading binary
/// data as nonsense text.
fn looks_like_chinese(text: &str) -> bool {
    let mut cjk = 0usize;
    for c in text.chars() {
        if c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\x0c') {
            return false;
        }
        if ('\u{4e00}'..='\u{9fff}').contains(&c) {
            cjk += 1;
        }
    }
    cjk >= 2
}
