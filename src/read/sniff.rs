//! What a file is, from its content. The extension is only compared with the
//! content, to tell the user when they disagree.

/// The kinds of file nianbao tells apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Text,
    Pdf,
    Docx,
    Xlsx,
    /// A zip archive that is neither a Word nor an Excel file (a batch of reports).
    Zip,
    Html,
    Mht,
    /// An OLE compound file: old .doc/.wps/.xls, or an encrypted Office file.
    Compound,
    /// Something else, named (an image, an archive format, …).
    Other(&'static str),
}

/// The kind of `bytes`, from magic numbers and, for zip archives, the names of
/// their parts.
pub fn sniff(bytes: &[u8]) -> Kind {
    let head = &bytes[..bytes.len().min(1024)];
    if find(head, b"%PDF-").is_some() {
        return Kind::Pdf;
    }
    // A zip archive, or the first bytes of one (a truncated download).
    if bytes.starts_with(b"PK\x03\x04")
        || bytes.starts_with(b"PK\x05\x06")
        || (bytes.len() < 4 && bytes.starts_with(b"PK"))
    {
        return zip_kind(bytes);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Kind::Compound;
    }
    for (magic, what) in [
        (&b"\x89PNG"[..], "PNG 图片"),
        (b"\xFF\xD8\xFF", "JPEG 图片"),
        (b"GIF8", "GIF 图片"),
        (b"II*\x00", "TIFF 图片"),
        (b"MM\x00*", "TIFF 图片"),
        (b"Rar!", "RAR 压缩包"),
        (b"7z\xBC\xAF", "7z 压缩包"),
        (b"\x1F\x8B", "gzip 压缩包"),
        (b"{\\rtf", "RTF 文档"),
        (b"BM", "BMP 图片"),
    ] {
        if bytes.starts_with(magic) {
            return Kind::Other(what);
        }
    }
    if bytes.starts_with(b"\x00\x00\x01\x00") {
        return Kind::Other("图标文件");
    }
    let text_head = lowercase_ascii(strip_bom(head));
    let trimmed = text_head.trim_ascii_start();
    if trimmed.starts_with(b"mime-version:")
        || (find(&text_head, b"mime-version:").is_some()
            && find(&text_head, b"multipart/related").is_some())
    {
        return Kind::Mht;
    }
    if trimmed.starts_with(b"<!doctype html")
        || trimmed.starts_with(b"<html")
        || trimmed.starts_with(b"<?xml") && find(&text_head, b"<html").is_some()
        || (trimmed.starts_with(b"<")
            && [&b"<table"[..], b"<body", b"<head", b"<meta", b"<p", b"<div"]
                .iter()
                .any(|t| find(&text_head, t).is_some()))
    {
        return Kind::Html;
    }
    Kind::Text
}

/// Word or Excel or another zip, from the part names in the archive's
/// central directory (read without inflating anything).
fn zip_kind(bytes: &[u8]) -> Kind {
    // Part names appear in the local headers and the central directory.
    if find(bytes, b"word/document.xml").is_some() {
        Kind::Docx
    } else if find(bytes, b"xl/workbook.xml").is_some() {
        Kind::Xlsx
    } else if find(bytes, b"ppt/presentation.xml").is_some() {
        Kind::Other("PowerPoint 演示文稿（.pptx）")
    } else if find(bytes, b"content.xml").is_some() && find(bytes, b"opendocument").is_some() {
        Kind::Other("OpenDocument 文档（.odt/.ods）")
    } else {
        Kind::Zip
    }
}

/// A note when the file name's extension says another kind than the content.
pub fn extension_mismatch(name: &str, kind: Kind) -> Option<String> {
    let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
    let matches = match kind {
        Kind::Text => matches!(ext.as_str(), "txt" | "md" | "text" | "csv"),
        Kind::Pdf => ext == "pdf",
        Kind::Docx => matches!(ext.as_str(), "docx" | "docm" | "dotx" | "wps"),
        Kind::Xlsx => matches!(ext.as_str(), "xlsx" | "xlsm" | "et"),
        Kind::Html => matches!(ext.as_str(), "html" | "htm" | "xhtml" | "shtml" | "doc"),
        Kind::Mht => matches!(ext.as_str(), "mht" | "mhtml" | "doc"),
        Kind::Zip => ext == "zip",
        Kind::Compound | Kind::Other(_) => return None,
    };
    if matches || ext.len() > 5 {
        return None;
    }
    let what = match kind {
        Kind::Text => "纯文本",
        Kind::Pdf => "PDF",
        Kind::Docx => "Word 文档（.docx）",
        Kind::Xlsx => "Excel 工作簿（.xlsx）",
        Kind::Html => "网页（HTML）",
        Kind::Mht => "网页存档（.mht）",
        Kind::Zip => "压缩包",
        _ => return None,
    };
    Some(format!(
        "文件扩展名为 .{ext}，但内容是{what}，已按{what}读取"
    ))
}

fn strip_bom(b: &[u8]) -> &[u8] {
    b.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(b)
}

fn lowercase_ascii(b: &[u8]) -> Vec<u8> {
    b.iter().map(u8::to_ascii_lowercase).collect()
}

/// The first index of `needle` in `hay` (memchr for the first byte).
pub(crate) fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_come_from_content() {
        assert_eq!(sniff(b"%PDF-1.7\n"), Kind::Pdf);
        assert_eq!(sniff("一、总体情况".as_bytes()), Kind::Text);
        assert_eq!(sniff(b"<!DOCTYPE html><html>"), Kind::Html);
        assert_eq!(sniff(b"\xEF\xBB\xBF  <html lang=zh>"), Kind::Html);
        assert_eq!(
            sniff(b"MIME-Version: 1.0\r\nContent-Type: multipart/related;"),
            Kind::Mht
        );
        assert_eq!(sniff(b"PK\x03\x04....word/document.xml"), Kind::Docx);
        assert_eq!(sniff(b"PK\x03\x04....xl/workbook.xml"), Kind::Xlsx);
        assert_eq!(sniff(b"PK\x03\x04....a.txt"), Kind::Zip);
        assert_eq!(
            sniff(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0]),
            Kind::Compound
        );
        assert_eq!(sniff(b"\x89PNG\r\n"), Kind::Other("PNG 图片"));
        // Text that merely mentions a tag is still text.
        assert_eq!(sniff("在<p>标签".as_bytes()), Kind::Text);
    }

    #[test]
    fn a_lying_extension_is_named() {
        let note = extension_mismatch("报告.docx", Kind::Pdf).unwrap();
        assert!(note.contains(".docx") && note.contains("PDF"), "{note}");
        assert_eq!(extension_mismatch("报告.pdf", Kind::Pdf), None);
        assert_eq!(extension_mismatch("报告", Kind::Pdf), None);
    }
}
