//! Parsers: inputs to the [`Report`](crate::model::Report) model.
//!
//! A parser never panics and never drops what it cannot read silently: text it
//! cannot place ends up in the model (`unknown_rows`, `Cell::raw`) where a rule
//! reports it. Only an unreadable container (a file that is not text at all) is
//! an error, and the error names the reason.

mod labels;
mod text;

pub use text::parse_text;

/// The text encodings nianbao reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Encoding {
    Utf8,
    Utf16Le,
    Utf16Be,
    /// GB18030, the superset of GBK and GB2312 (decoded by the host; see
    /// [`crate::read::ReadOptions`]).
    Gb18030,
}

impl Encoding {
    pub fn label(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Gb18030 => "GB18030/GBK",
        }
    }
}

pub use crate::read::ReadError;

/// Decodes a text file: UTF-8 (with or without BOM) or UTF-16 with a BOM.
pub fn decode(bytes: &[u8]) -> Result<(String, Encoding), ReadError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return utf8(rest);
    }
    for (bom, enc) in [
        (b"\xFF\xFE", Encoding::Utf16Le),
        (b"\xFE\xFF", Encoding::Utf16Be),
    ] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            if rest.len() % 2 != 0 {
                return Err(ReadError::NotText {
                    detail: format!("{} 文本的字节数为奇数，文件可能已截断", enc.label()),
                });
            }
            let units = rest.chunks_exact(2).map(|c| match enc {
                Encoding::Utf16Le => u16::from_le_bytes([c[0], c[1]]),
                _ => u16::from_be_bytes([c[0], c[1]]),
            });
            return char::decode_utf16(units)
                .collect::<Result<String, _>>()
                .map(|s| (s, enc))
                .map_err(|_| ReadError::NotText {
                    detail: format!("{} 文本中有无效的代理项", enc.label()),
                });
        }
    }
    utf8(bytes)
}

fn utf8(bytes: &[u8]) -> Result<(String, Encoding), ReadError> {
    if bytes.contains(&0) {
        return Err(ReadError::NotText {
            detail: "含有空字节，像是二进制文件（如 Word、PDF 或压缩包），不是纯文本".to_string(),
        });
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok((s.to_string(), Encoding::Utf8)),
        Err(e) => Err(ReadError::NotText {
            detail: format!(
                "第 {} 个字节起不是有效的 UTF-8（可能是 GBK 编码或二进制文件；请另存为 UTF-8 文本）",
                e.valid_up_to() + 1
            ),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_utf8_with_and_without_bom() {
        assert_eq!(decode("年报".as_bytes()).unwrap().0, "年报");
        assert_eq!(
            decode(b"\xEF\xBB\xBFab").unwrap(),
            ("ab".to_string(), Encoding::Utf8)
        );
    }

    #[test]
    fn decodes_utf16_with_bom() {
        let mut le = vec![0xFF, 0xFE];
        le.extend("年报".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(
            decode(&le).unwrap(),
            ("年报".to_string(), Encoding::Utf16Le)
        );
        let mut be = vec![0xFE, 0xFF];
        be.extend("年报".encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(decode(&be).unwrap().0, "年报");
    }

    #[test]
    fn rejects_binary_and_gbk_with_a_reason() {
        let err = decode(b"PK\x03\x04\x00\x00").unwrap_err();
        assert!(err.to_string().contains("二进制"));
        // 「年报」 in GBK.
        let err = decode(b"\xC4\xEA\xB1\xA8").unwrap_err();
        assert!(err.to_string().contains("UTF-8"), "{err}");
    }
}
