//! Every table of the report's template family is published (an empty one
//! with a note when there is no data); a table the family does not have is
//! never missing.

use crate::check::{Check, CheckCtx, CheckResult};
use crate::coverage::Status;
use crate::finding::Finding;

/// One error per table of the family that the document lacks.
pub(crate) fn run(ctx: &CheckCtx<'_>, check: &Check) -> CheckResult {
    let report = ctx.report;
    let profile = report.profile.profile();
    if profile.tables.is_empty() {
        return CheckResult::skipped(
            Status::NotApplicable,
            format!(
                "报告所用模板未能识别（{}），无从确定应公开哪些表",
                profile.name
            ),
        );
    }
    let findings = profile
        .tables
        .iter()
        .filter(|spec| report.table(spec.id).is_none())
        .map(|spec| {
            let number = profile
                .number_label(spec.id)
                .unwrap_or_else(|| spec.id.to_string());
            Finding::note(
                check.id,
                check.severity,
                format!(
                    "{}：报告中没有{}（{number}），{}应公开此表；无数据时也应公开空表并加以说明",
                    check.message,
                    spec.id.title(),
                    profile.name
                ),
                Vec::new(),
            )
        })
        .collect();
    CheckResult::ran(findings)
}
