//! Negative amounts are unusual in final-accounts tables: worth a look.

use crate::check::{Check, CheckCtx, CheckResult};
use crate::finding::{CellRef, Finding};
use juesuan_model::{CellAddr, Decimal};

/// A warning per negative cell.
pub(crate) fn run(ctx: &CheckCtx<'_>, check: &Check) -> CheckResult {
    let report = ctx.report;
    let mut findings = Vec::new();
    for t in report.tables.values() {
        for (row, cell) in t.filled_cells() {
            let Some(v) = cell.value.filter(|v| *v < Decimal::ZERO) else {
                continue;
            };
            let addr = CellAddr::new(t.id, &row.key, cell.column).to_string();
            findings.push(Finding::note(
                check.id,
                check.severity,
                format!("{}：{}（{}）为 {}", check.message, addr, row.name, v),
                vec![CellRef {
                    addr,
                    printed: Some(v.to_string()),
                    span: Some(cell.span.clone()),
                }],
            ));
        }
    }
    CheckResult::ran(findings)
}
