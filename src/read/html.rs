//! Placeholder: being written.

use super::{Extracted, ReadError, ReadOptions};

pub fn read_bytes(_bytes: &[u8], _options: ReadOptions) -> Result<Extracted, ReadError> {
    Err(ReadError::Unsupported {
        format: "html".to_string(),
        advice: String::new(),
    })
}

pub fn read_mht(_bytes: &[u8], _options: ReadOptions) -> Result<Extracted, ReadError> {
    Err(ReadError::Unsupported {
        format: "mht".to_string(),
        advice: String::new(),
    })
}
