//! The rule language: one identity per line over cell addresses.

pub mod ast;
pub mod lexer;
pub mod parser;

pub use ast::{Rule, Scope, Severity};
pub use parser::{parse_book, ParseError};
