//! The classification reference of the checks: a thin layer over
//! [`juesuan_model::classification`], which holds the per-year data.
//!
//! Every lookup names the report's fiscal year (`meta.year`; the nearest
//! year's list answers when there is none for it). The model's lists are
//! not complete (see `docs/classification.md`): a code they lack is
//! unverifiable, not wrong.

use juesuan_model::classification;

/// Official name of a 功能分类 code.
pub fn functional_name(year: Option<u32>, code: &str) -> Option<&'static str> {
    classification::functional(year).name(code)
}

/// The 功能分类 code of `len` digits under `parent` whose official name is
/// `name` (compared without spaces and with half-width brackets).
pub fn functional_code_under(
    year: Option<u32>,
    parent: &str,
    len: usize,
    name: &str,
) -> Option<&'static str> {
    classification::functional(year).code_under(parent, len, name)
}

/// Official name of an economic classification code.
pub fn economic_name(year: Option<u32>, code: &str) -> Option<&'static str> {
    classification::economic(year).name(code)
}

/// The year of the list that answers for `year`.
pub fn year_of(year: Option<u32>) -> u32 {
    classification::functional(year).year()
}
