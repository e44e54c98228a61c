//! The JSON contract (stub).
