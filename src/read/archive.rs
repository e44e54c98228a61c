//! Zip archives (the container of .docx and .xlsx) read with bounds: a part
//! is inflated only up to its limit, whatever size the archive claims, so a
//! zip bomb costs at most the limit in memory and time.

use std::io::{Cursor, Read};

use super::ReadError;

/// The most a single part (e.g. `word/document.xml`) may inflate to. The
/// document part of a long report is 1–3 MB.
pub const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;

/// The most all parts read from one archive may inflate to together.
pub const MAX_TOTAL_BYTES: u64 = 128 * 1024 * 1024;

/// An open zip archive.
pub struct Archive<'a> {
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
    format: &'static str,
    inflated: u64,
}

impl<'a> Archive<'a> {
    /// Opens the archive; `format` names the file kind in messages
    /// ("Word 文档" …).
    pub fn open(bytes: &'a [u8], format: &'static str) -> Result<Self, ReadError> {
        let zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| ReadError::Corrupt {
            format,
            detail: zip_detail(&e),
        })?;
        Ok(Archive {
            zip,
            format,
            inflated: 0,
        })
    }

    /// The names of the archive's parts, in archive order.
    pub fn names(&self) -> Vec<String> {
        self.zip.file_names().map(str::to_string).collect()
    }

    /// A part's bytes, or `None` when the archive has no such part.
    pub fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>, ReadError> {
        self.read_limited(name, MAX_PART_BYTES)
    }

    /// A part's bytes, refusing parts that inflate past `limit`.
    pub fn read_limited(&mut self, name: &str, limit: u64) -> Result<Option<Vec<u8>>, ReadError> {
        let format = self.format;
        let mut part = match self.zip.by_name(name) {
            Ok(part) => part,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(zip::result::ZipError::UnsupportedArchive(msg))
                if msg.to_ascii_lowercase().contains("password") =>
            {
                return Err(ReadError::Encrypted { format });
            }
            Err(e) => {
                return Err(ReadError::Corrupt {
                    format,
                    detail: format!("{name}：{}", zip_detail(&e)),
                });
            }
        };
        if part.encrypted() {
            return Err(ReadError::Encrypted { format });
        }
        let budget = limit.min(MAX_TOTAL_BYTES.saturating_sub(self.inflated));
        let mut out = Vec::with_capacity(part.size().min(budget).min(16 << 20) as usize);
        let read = (&mut part)
            .take(budget + 1)
            .read_to_end(&mut out)
            .map_err(|e| ReadError::Corrupt {
                format,
                detail: format!("{name} 无法解压（{e}）"),
            })?;
        if read as u64 > budget {
            return Err(ReadError::TooComplex {
                format,
                detail: format!("{name} 解压后超过 {} MB", budget / 1_048_576),
            });
        }
        self.inflated += read as u64;
        Ok(Some(out))
    }
}

fn zip_detail(e: &zip::result::ZipError) -> String {
    use zip::result::ZipError;
    match e {
        ZipError::InvalidArchive(_) => "不是完整的 zip 压缩格式（文件可能被截断）".to_string(),
        ZipError::UnsupportedArchive(what) => format!("使用了不支持的压缩方式（{what}）"),
        ZipError::Io(io) => format!("读取失败（{io}）"),
        other => other.to_string(),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::io::Write;

    /// A zip with the given parts (deflated), for tests.
    pub(crate) fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, data) in parts {
            w.start_file(*name, opts).unwrap();
            w.write_all(data).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    #[test]
    fn reads_parts_and_reports_missing_ones() {
        let z = zip_of(&[("a.xml", b"<a/>")]);
        let mut a = Archive::open(&z, "Word 文档").unwrap();
        assert_eq!(a.read("a.xml").unwrap().unwrap(), b"<a/>");
        assert_eq!(a.read("b.xml").unwrap(), None);
    }

    #[test]
    fn a_bomb_stops_at_the_limit() {
        let big = vec![b'a'; 2 << 20];
        let z = zip_of(&[("a.xml", &big)]);
        assert!(z.len() < 20_000, "deflated to {}", z.len());
        let mut a = Archive::open(&z, "Word 文档").unwrap();
        let e = a.read_limited("a.xml", 1 << 20).unwrap_err();
        assert!(matches!(e, ReadError::TooComplex { .. }), "{e}");
    }

    #[test]
    fn truncated_archives_are_corrupt() {
        let z = zip_of(&[("a.xml", b"<a/>")]);
        let e = Archive::open(&z[..z.len() - 10], "Word 文档")
            .err()
            .unwrap();
        assert!(matches!(e, ReadError::Corrupt { .. }), "{e}");
    }
}
