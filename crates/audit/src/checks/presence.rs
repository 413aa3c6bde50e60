//! All nine tables present.

use super::{Check, CheckResult};
use crate::finding::Finding;
use juesuan_model::Report;

/// One error per canonical table the document lacks.
pub fn run(report: &Report, check: &Check) -> CheckResult {
    let findings = report
        .absent_tables
        .iter()
        .map(|t| {
            Finding::note(
                check.id,
                check.severity,
                format!(
                    "{}：报告中没有{}（公开{:02}表）；无数据时也应公开空表并加以说明",
                    check.message,
                    t.title(),
                    t.number()
                ),
                Vec::new(),
            )
        })
        .collect();
    CheckResult::ran(findings)
}
