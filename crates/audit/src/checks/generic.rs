//! Tables read from their header alone (`TableId::Other`, a table no
//! family knows): only identities whose meaning is certain whatever the
//! columns mean, checked per column: each 类 equals the sum of its 款 (or of
//! its 项 when no 款 is printed), each 款 the sum of its 项, and a 合计 row
//! the sum of the 类.

use crate::check::{Check, CheckCtx, CheckResult};
use crate::coverage::Status;
use crate::finding::{CellRef, Finding};
use crate::lang::Severity;
use crate::tolerance::{half_unit_of, judge_eq, Verdict};
use juesuan_model::canonical::label_of;
use juesuan_model::{CellAddr, Column, Decimal, Row, Table, TableId};

/// The rows a 科目 row (or the 合计 row, `parent` = None) sums.
fn parts<'t>(t: &'t Table, parent: Option<&str>) -> Vec<&'t Row> {
    let under = |len: usize| -> Vec<&'t Row> {
        t.rows
            .iter()
            .filter(|r| {
                r.code
                    .as_deref()
                    .is_some_and(|c| c.len() == len && parent.is_none_or(|p| c.starts_with(p)))
            })
            .collect()
    };
    match parent.map(str::len) {
        None => under(3),
        Some(3) => {
            let kuan = under(5);
            if kuan.is_empty() {
                under(7)
            } else {
                kuan
            }
        }
        Some(5) => under(7),
        _ => Vec::new(),
    }
}

fn cell_ref(t: &Table, row: &Row, c: &Column) -> CellRef {
    let cell = row.cell(c.number);
    CellRef {
        addr: CellAddr::new(t.id, &row.key, c.number).to_string(),
        printed: cell.and_then(|c| c.value).map(|v| v.to_string()),
        span: Some(cell.map_or_else(|| row.span.clone(), |c| c.span.clone())),
    }
}

/// `total = Σ parts` in column `c`; a finding unless it holds.
fn judge(
    check: &Check,
    t: &Table,
    c: &Column,
    total: &Row,
    parts: &[&Row],
    what: &str,
) -> Option<Finding> {
    let value = |r: &Row| r.value(c.number);
    if value(total).is_none() && parts.iter().all(|r| value(r).is_none()) {
        return None;
    }
    let half = |r: &Row| value(r).as_ref().map_or(Decimal::ZERO, half_unit_of);
    let lhs = value(total).unwrap_or(Decimal::ZERO);
    let rhs: Decimal = parts.iter().filter_map(|r| value(r)).sum();
    let tol = half(total) + parts.iter().map(|r| half(r)).sum::<Decimal>();
    let diff = lhs - rhs;
    let severity = match judge_eq(diff, tol) {
        Verdict::Holds => return None,
        Verdict::Rounding => Severity::Info,
        Verdict::Violated => check.severity,
    };
    let mut cells = vec![cell_ref(t, total, c)];
    cells.extend(parts.iter().map(|r| cell_ref(t, r, c)));
    let sum = match parts {
        [_] => cells[1].addr.clone(),
        _ => format!(
            "{} + … + {}（共 {} 项）",
            cells[1].addr,
            cells[cells.len() - 1].addr,
            parts.len()
        ),
    };
    let tail = if severity == Severity::Info {
        "之内（尾数误差）"
    } else {
        ""
    };
    let message = format!(
        "{}：{}（{}）{what}的“{}”：{} = {lhs}，{sum} = {rhs}，相差 {diff}，{}尾数误差容许范围 ±{tol}{tail}",
        check.message,
        t.title,
        t.id,
        c.name,
        cells[0].addr,
        if severity == Severity::Info { "在" } else { "超出" },
    );
    let mut f = Finding::note(check.id, severity, message, cells);
    f.expected = Some(rhs.to_string());
    f.actual = Some(lhs.to_string());
    f.difference = Some(diff.to_string());
    f.tolerance = Some(tol.to_string());
    Some(f)
}

/// The sums of every generic table.
pub(crate) fn run(ctx: &CheckCtx<'_>, check: &Check) -> CheckResult {
    let generic: Vec<&Table> = ctx
        .report
        .tables
        .values()
        .filter(|t| matches!(t.id, TableId::Other(_)))
        .collect();
    if generic.is_empty() {
        return CheckResult::skipped(Status::NotApplicable, "报告中没有按表头读取的表".into());
    }
    let mut findings = Vec::new();
    let mut ran = false;
    for t in generic {
        let total = t.rows.iter().find(|r| label_of(&r.name) == "合计");
        let mut sums: Vec<(&Row, Vec<&Row>, String)> = Vec::new();
        if let Some(total) = total {
            sums.push((total, parts(t, None), "合计行".to_string()));
        }
        for r in t.rows.iter().filter(|r| matches!(r.level(), Some(1 | 2))) {
            let code = r.code.as_deref().unwrap_or_default();
            sums.push((r, parts(t, Some(code)), format!("科目 {code}")));
        }
        for (total, parts, what) in sums.iter().filter(|s| !s.1.is_empty()) {
            ran = true;
            for c in &t.columns {
                findings.extend(judge(check, t, c, total, parts, what));
            }
        }
    }
    if !ran {
        return CheckResult::skipped(
            Status::NotApplicable,
            "按表头读取的表中没有科目代码行".into(),
        );
    }
    CheckResult::ran(findings)
}
