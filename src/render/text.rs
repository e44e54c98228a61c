//! The terminal report (stub).
