//! nianbao (年报): a checker for 政府信息公开工作年度报告, the government information
//! disclosure annual reports every Chinese government body publishes in the
//! national format of 国办公开办函〔2021〕30号.
//!
//! The crate is a pure core with two thin front ends:
//!
//! - [`model`]: the typed report (title, six parts, tables 二/三/四), every value
//!   with its source [`text::Span`];
//! - [`read`]: files (Word, PDF, HTML, spreadsheets, text in any encoding) to
//!   the text the parser reads, with where each part came from;
//! - [`parse`]: text to the model; parsers never panic and never drop what
//!   they cannot read;
//! - [`rules`]: the rule catalogue of `rules.md`, each rule documented in Chinese;
//! - [`diagnostic`]: findings with locations, help and fixes;
//! - [`render`]: the JSON contract and the terminal report.
//!
//! The front ends are the command `nianbao` (`src/main.rs`, feature `cli`) and
//! the Leptos page (`src/app`, feature `web`, built to WebAssembly by Trunk).
//! Nothing in the core touches the web, the file system or the network.

pub mod batch;
pub mod diagnostic;
pub mod model;
pub mod parse;
pub mod read;
pub mod render;
pub mod rules;
pub mod sort;
pub mod text;

#[cfg(feature = "web")]
pub mod app;

pub use diagnostic::{Diagnostic, Severity};
pub use model::Report;
pub use rules::Config;

/// The largest text nianbao checks: a real report is 20–200 KB of text.
pub const MAX_TEXT_BYTES: usize = 4 * 1024 * 1024;

/// A report and its findings.
#[derive(Clone, Debug, PartialEq)]
pub struct Checked {
    pub report: Report,
    pub diagnostics: Vec<Diagnostic>,
}

impl Checked {
    /// How many findings of each severity: (errors, warnings, infos).
    pub fn counts(&self) -> (usize, usize, usize) {
        self.diagnostics
            .iter()
            .fold((0, 0, 0), |(e, w, i), d| match d.severity {
                Severity::Error => (e + 1, w, i),
                Severity::Warning => (e, w + 1, i),
                Severity::Info => (e, w, i + 1),
            })
    }

    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }
}

/// Why a text was not checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InputError {
    /// Larger than [`MAX_TEXT_BYTES`].
    TooLarge { bytes: usize },
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            InputError::TooLarge { bytes } => write!(
                f,
                "文本过大（{} MB），超过 {} MB 的上限：年报正文一般不超过 200 KB，请只粘贴报告本身",
                megabytes(*bytes),
                MAX_TEXT_BYTES / 1_048_576
            ),
        }
    }
}

impl std::error::Error for InputError {}

/// A size in MB with one decimal (「4.2」), without floating point: formatting
/// an `f64` would add about 10 KB to the page's wasm.
pub fn megabytes(bytes: usize) -> String {
    let tenths = (bytes as u64 * 10 + 524_288) / 1_048_576;
    format!("{}.{}", tenths / 10, tenths % 10)
}

/// Parses pasted or plain text and checks it: the whole path in one call.
pub fn check_text(text: &str, config: &Config) -> Result<Checked, InputError> {
    check_text_with_prev(text, None, config)
}

/// Like [`check_text`], with last year's report of the same body (its text)
/// for the rules across years (Y8xx).
pub fn check_text_with_prev(
    text: &str,
    prev: Option<&str>,
    config: &Config,
) -> Result<Checked, InputError> {
    for t in std::iter::once(text).chain(prev) {
        if t.len() > MAX_TEXT_BYTES {
            return Err(InputError::TooLarge { bytes: t.len() });
        }
    }
    let report = parse::parse_text(text);
    let prev = prev.map(parse::parse_text);
    let diagnostics = rules::check_with_prev(&report, prev.as_ref(), config);
    Ok(Checked {
        report,
        diagnostics,
    })
}

/// The text with every safe fix applied, repeated until no safe fix is left
/// (fixes of different rules may touch neighbouring characters; a few passes
/// settle them). Returns the fixed text and how many fixes were applied.
pub fn fix_text(text: &str, config: &Config) -> Result<(String, usize), InputError> {
    let mut current = text.to_string();
    let mut total = 0;
    // Each pass applies at least one fix or stops; the bound only guards
    // against two rules undoing each other.
    for _ in 0..8 {
        let checked = check_text(&current, config)?;
        let (next, applied) = diagnostic::apply_fixes(
            &current,
            &checked.diagnostics,
            diagnostic::Applicability::Safe,
        );
        if applied == 0 || next == current {
            break;
        }
        total += applied;
        current = next;
    }
    Ok((current, total))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn megabytes_round_to_one_decimal() {
        assert_eq!(megabytes(0), "0.0");
        assert_eq!(megabytes(1_048_576), "1.0");
        assert_eq!(megabytes(4 * 1_048_576 + 200_000), "4.2");
        assert_eq!(megabytes(20 * 1_048_576 - 1), "20.0");
    }

    #[test]
    fn too_large_text_is_refused_with_its_size() {
        let big = "年".repeat(MAX_TEXT_BYTES / 3 + 1);
        let err = check_text(&big, &Config::default()).unwrap_err();
        assert_eq!(err, InputError::TooLarge { bytes: big.len() });
        assert!(err.to_string().contains("4.0 MB"), "{err}");
    }
}
