//! The classification reference of the checks: a thin layer over
//! [`juesuan_model::classification`], which holds the per-year data.
//!
//! The checks do not pass the report's year yet, so these functions answer
//! for [`YEAR`]. The model's lists are not complete (see
//! `docs/classification.md`): a code they lack is unverifiable, not wrong.

use juesuan_model::classification;

/// The fiscal year whose list these functions consult.
pub const YEAR: u32 = 2024;

/// Official name of a 功能分类 code.
pub fn functional_name(code: &str) -> Option<&'static str> {
    classification::functional(Some(YEAR)).name(code)
}

/// The 功能分类 code of `len` digits under `parent` whose official name is
/// `name` (compared without spaces and with half-width brackets).
pub fn functional_code_under(parent: &str, len: usize, name: &str) -> Option<&'static str> {
    classification::functional(Some(YEAR)).code_under(parent, len, name)
}

/// Official name of an economic classification code.
pub fn economic_name(code: &str) -> Option<&'static str> {
    classification::economic(Some(YEAR)).name(code)
}
