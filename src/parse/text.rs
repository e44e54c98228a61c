//! Pasted and plain text (stub: being written).
use crate::model::Report;

/// Reads a report from text as users paste it.
pub fn parse_text(text: &str) -> Report {
    Report {
        text: text.to_string(),
        ..Report::default()
    }
}
