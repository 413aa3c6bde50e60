//! The rule language: one identity per line over cell addresses.

pub mod ast;
pub mod lexer;
pub mod parser;

pub use ast::{Rule, Severity};
pub use parser::{parse_book, parse_rule, ParseError, ParsedBook};
