//! Rendering findings for people and programs: the JSON contract of
//! `interface.md` ([`json`]), the terminal report ([`text`]) and the findings
//! as a spreadsheet table ([`csv`]).

pub mod csv;
pub mod json;
pub mod text;
