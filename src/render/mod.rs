//! Rendering findings for people and programs: the JSON contract of
//! `interface.md` ([`json`]) and the terminal report ([`text`]).

pub mod json;
pub mod text;
