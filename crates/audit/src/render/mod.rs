//! Renderers over the same findings: compiler-style text and JSON.

pub mod json;
pub mod text;
mod width;
