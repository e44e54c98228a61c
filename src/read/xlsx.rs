//! Placeholder: being written.

use super::{Extracted, ReadError};

pub fn read(_bytes: &[u8]) -> Result<Extracted, ReadError> {
    Err(ReadError::Unsupported {
        format: "xlsx".to_string(),
        advice: String::new(),
    })
}
