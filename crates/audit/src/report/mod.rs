//! Reporting findings: compiler-style text and the JSON contract, over the
//! same findings.

pub mod json;
pub mod sarif;
pub mod text;
mod width;
