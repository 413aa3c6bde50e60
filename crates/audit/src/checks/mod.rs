//! Checks that are not formulas: small functions over a `CheckCtx` (check.rs),
//! listed in the registry with an id, a severity and a message, and counted
//! in coverage like rules.

pub(crate) mod code_names;
pub(crate) mod completeness;
pub(crate) mod document_text;
pub(crate) mod funds;
pub(crate) mod generic;
pub(crate) mod narrative;
pub(crate) mod negative;
pub(crate) mod notes;
pub mod ocr;
pub(crate) mod of_which;
pub(crate) mod performance;
pub(crate) mod performance_facts;
pub(crate) mod presence;
pub(crate) mod sentence_sums;
pub(crate) mod text_consistency;
pub(crate) mod units;
pub(crate) mod unread_rows;
