//! 项目支出绩效自评表 (stub, replaced below).

use crate::source::SourceLine;
use juesuan_model::{Meta, Performance, ReadNote};

/// Reads every performance self-evaluation table.
pub fn read_performance(_lines: &[SourceLine], _meta: &Meta, _notes: &mut Vec<ReadNote>) -> Vec<Performance> {
    Vec::new()
}
