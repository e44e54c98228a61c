//! Old binary Office files (OLE compound files): Word 97–2003 `.doc`, WPS
//! `.wps`, Excel `.xls`, and Office files encrypted with a password (which are
//! compound files too, whatever their extension).
//!
//! nianbao does not read their text; it names the format and says how to
//! convert it. The streams are told apart by the names in the compound file's
//! directory (UTF-16LE), which is enough to name the format without parsing it.

use super::ReadError;
use super::sniff::find;

/// The error for a compound file: which format it is and what to do.
pub fn explain(bytes: &[u8]) -> ReadError {
    let has = |name: &str| {
        let utf16: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
        find(bytes, &utf16).is_some()
    };
    if has("EncryptedPackage") || has("EncryptionInfo") {
        return ReadError::Encrypted {
            format: "Office（Word/Excel）",
        };
    }
    let (format, advice) = if has("WordDocument") {
        (
            "旧版 Word 文档（.doc，Word 97–2003 格式）",
            "请在 Word 或 WPS 中打开，选择「另存为」→「Word 文档（*.docx）」，再打开 .docx 文件；也可以全选复制正文后粘贴到页面",
        )
    } else if has("WpsDocument") || has("WPS") {
        (
            "WPS 文字旧格式（.wps）",
            "请在 WPS 中打开，选择「另存为」→「Word 文档（*.docx）」，再打开 .docx 文件；也可以全选复制正文后粘贴到页面",
        )
    } else if has("Workbook") || has("Book") {
        (
            "旧版 Excel 工作簿（.xls）",
            "请在 Excel 或 WPS 表格中另存为「Excel 工作簿（*.xlsx）」后再打开",
        )
    } else {
        (
            "OLE 复合文档（旧版 Office 格式）",
            "请在原程序中另存为 .docx 或 .xlsx 后再打开",
        )
    };
    ReadError::Unsupported {
        format: format.to_string(),
        advice: advice.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compound_with(stream: &str) -> Vec<u8> {
        let mut b = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        b.extend([0u8; 64]);
        b.extend(stream.encode_utf16().flat_map(u16::to_le_bytes));
        b
    }

    #[test]
    fn names_the_old_format_and_how_to_convert() {
        let msg = explain(&compound_with("WordDocument")).to_string();
        assert!(msg.contains(".doc") && msg.contains("另存为"), "{msg}");
        let msg = explain(&compound_with("Workbook")).to_string();
        assert!(msg.contains(".xls"), "{msg}");
    }

    #[test]
    fn encrypted_office_files_say_so() {
        let e = explain(&compound_with("EncryptedPackage"));
        assert!(matches!(e, ReadError::Encrypted { .. }));
        assert!(e.to_string().contains("密码"));
    }
}
