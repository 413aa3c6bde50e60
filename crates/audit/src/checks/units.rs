//! One money unit across the tables (元 and 万元 mixed are converted to
//! 万元 by the reader, and flagged here).

use crate::check::{Check, CheckCtx, CheckResult};
use crate::coverage::Status;
use crate::finding::Finding;

/// A warning for each table whose unit differs from the report's.
pub(crate) fn run(ctx: &CheckCtx<'_>, check: &Check) -> CheckResult {
    let report = ctx.report;
    if report.tables.is_empty() {
        return CheckResult::skipped(Status::InsufficientData, "报告中没有决算表".into());
    }
    let unit = report.meta.unit;
    let findings = report
        .tables
        .values()
        .filter(|t| t.unit != unit)
        .map(|t| {
            Finding::note(
                check.id,
                check.severity,
                format!(
                    "{}：{}（{}）的单位为{}，报告其他表为{}；核对时均已换算为万元",
                    check.message, t.title, t.id, t.unit, unit
                ),
                Vec::new(),
            )
            .at_line(t.span.line, t.span.page)
        })
        .collect();
    CheckResult::ran(findings)
}
