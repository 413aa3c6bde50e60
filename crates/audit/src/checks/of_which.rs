//! “其中”数不大于其所属项: a "其中：…" column is at most the column it is
//! part of, row by row (高等学校 收入决算表 教育收费 ≤ 事业收入), and a
//! "其中：…" row at most its parent row, column by column (收支决算总表
//! 其中：捐赠收入 ≤ 其他收入).

use crate::check::{Check, CheckCtx, CheckResult};
use crate::coverage::Status;
use crate::eval::resolve::of_which_column;
use crate::finding::{CellRef, Finding};
use crate::tolerance::{half_unit_of, judge_le, Verdict};
use juesuan_model::{Cell, CellAddr, Decimal, Row, Table};

/// A cell as a finding's reference.
fn cell_ref(t: &Table, row: &Row, cell: &Cell) -> CellRef {
    CellRef {
        addr: CellAddr::new(t.id, &row.key, cell.column).to_string(),
        printed: cell.value.map(|v| v.to_string()),
        span: Some(cell.span.clone()),
    }
}

/// A finding when `part` exceeds `whole` beyond rounding (info within it).
fn compare(
    check: &Check,
    t: &Table,
    (part_row, part): (&Row, &Cell),
    (whole_row, whole): (&Row, &Cell),
    what: &str,
) -> Option<Finding> {
    let p = part.value?;
    let w = whole.value.unwrap_or(Decimal::ZERO);
    let tol = half_unit_of(&p) + whole.value.as_ref().map_or(Decimal::ZERO, half_unit_of);
    let diff = p - w;
    let severity = match judge_le(diff, tol) {
        Verdict::Holds => return None,
        Verdict::Rounding => crate::lang::Severity::Info,
        Verdict::Violated => check.severity,
    };
    let (pa, wa) = (cell_ref(t, part_row, part), cell_ref(t, whole_row, whole));
    let message = format!(
        "{}：{what}，{} = {p} 大于 {} = {w}，多 {diff}（尾数误差容许范围 {tol}）",
        check.message, pa.addr, wa.addr
    );
    let mut f = Finding::note(check.id, severity, message, vec![pa, wa]);
    f.expected = Some(w.to_string());
    f.actual = Some(p.to_string());
    f.difference = Some(diff.to_string());
    f.tolerance = Some(tol.to_string());
    Some(f)
}

/// Every "其中" cell against its parent cell.
pub(crate) fn run(ctx: &CheckCtx<'_>, check: &Check) -> CheckResult {
    let mut findings = Vec::new();
    let mut pairs = 0usize;
    for t in ctx.report.tables.values() {
        // Columns: each row's sub-column against its parent column.
        for c in &t.columns {
            let Some(parent) = of_which_column(t, c).and_then(|k| t.column(k)) else {
                continue;
            };
            for row in &t.rows {
                let (Some(part), Some(whole)) = (row.cell(c.number), row.cell(parent.number))
                else {
                    continue;
                };
                pairs += 1;
                let what = format!("{} 行“{}”是“{}”的一部分", row.key, c.name, parent.name);
                findings.extend(compare(check, t, (row, part), (row, whole), &what));
            }
        }
        // Rows: each sub-row's cells against its parent row's.
        for row in t.rows.iter().filter(|r| r.of_which.is_some()) {
            let key = row.of_which.as_deref().unwrap_or_default();
            for part in &row.cells {
                // Two-sided tables print a name on both sides: the parent
                // is the row of that key with a cell in the same column.
                let Some((whole_row, whole)) = t
                    .rows
                    .iter()
                    .filter(|r| r.key == key)
                    .find_map(|r| Some((r, r.cell(part.column)?)))
                else {
                    continue;
                };
                pairs += 1;
                let what = format!("“{}”是“{}”的一部分", row.name.trim(), whole_row.name.trim());
                findings.extend(compare(check, t, (row, part), (whole_row, whole), &what));
            }
        }
    }
    if pairs == 0 {
        return CheckResult::skipped(
            Status::NotApplicable,
            "报告的表中没有“其中”栏或“其中”行".into(),
        );
    }
    CheckResult::ran(findings)
}
