//! 科目代码 ↔ 科目名称 against the reference of the report's year, and across tables.

use crate::check::{row_ref, without, Check, CheckCtx, CheckResult};
use crate::coverage::Status;
use crate::finding::Finding;
use crate::lang::Severity;
use crate::reference::{economic_name, functional_name};
use juesuan_model::canonical::label_of;
use juesuan_model::{Report, TableId};

/// Tables whose 科目 rows use the functional classification.
const FUNCTIONAL_TABLES: [TableId; 10] = [
    TableId::T02,
    TableId::T03,
    TableId::T05,
    TableId::T07,
    TableId::T08,
    TableId::T10,
    TableId::T11,
    TableId::T12,
    TableId::T13,
    TableId::T14,
];

fn by_reference(
    report: &Report,
    check: &Check,
    tables: &[TableId],
    reference: fn(Option<u32>, &str) -> Option<&'static str>,
) -> CheckResult {
    let year = report.meta.year;
    let mut findings = Vec::new();
    let mut rows_seen = 0;
    let mut any_table = false;
    for id in tables {
        let Some(t) = report.table(*id) else { continue };
        any_table = true;
        let mut unknown = Vec::new();
        for row in t.rows.iter() {
            let Some(code) = row.code.as_deref().filter(|_| row.level().is_some()) else {
                continue;
            };
            rows_seen += 1;
            match reference(year, code) {
                Some(name) if label_of(name) != label_of(&row.name) => {
                    findings.push(Finding::note(
                        check.id,
                        check.severity,
                        format!(
                            "{}：{}[{}] 的名称印为“{}”，{} 年科目 {} 的名称是“{}”",
                            check.message,
                            t.id,
                            row.key,
                            row.name,
                            crate::reference::year_of(year),
                            code,
                            name
                        ),
                        vec![row_ref(t.id, row)],
                    ));
                }
                Some(_) => {}
                None => unknown.push(code.to_string()),
            }
        }
        if !unknown.is_empty() {
            findings.push(
                Finding::note(
                    check.id,
                    Severity::Info,
                    format!(
                        "参考表未收录{}中的科目代码 {}，未核对其名称",
                        t.id,
                        unknown.join("、")
                    ),
                    Vec::new(),
                )
                .at_line(t.span.line, t.span.page),
            );
        }
    }
    if !any_table {
        return without(report, tables, "报告中没有科目表".into());
    }
    if rows_seen == 0 {
        return CheckResult::skipped(Status::NotApplicable, "各表没有科目行".into());
    }
    CheckResult::ran(findings)
}

/// 功能分类 names in T02/T03/T05/T07/T08.
pub(crate) fn functional(ctx: &CheckCtx<'_>, check: &Check) -> CheckResult {
    let report = ctx.report;
    by_reference(report, check, &FUNCTIONAL_TABLES, functional_name)
}

/// 经济分类 names in T06.
pub(crate) fn economic(ctx: &CheckCtx<'_>, check: &Check) -> CheckResult {
    let report = ctx.report;
    by_reference(report, check, &[TableId::T06], economic_name)
}

/// The same functional code printed with different names in different tables
/// (only for codes the reference lacks: the others are checked against it).
pub(crate) fn across_tables(ctx: &CheckCtx<'_>, check: &Check) -> CheckResult {
    let report = ctx.report;
    let mut first: Vec<(String, String, TableId)> = Vec::new();
    let mut findings = Vec::new();
    let mut compared = false;
    for id in FUNCTIONAL_TABLES {
        let Some(t) = report.table(id) else { continue };
        for row in &t.rows {
            let Some(code) = row.code.as_deref().filter(|_| row.level().is_some()) else {
                continue;
            };
            if functional_name(report.meta.year, code).is_some() {
                continue;
            }
            match first.iter().find(|(c, _, _)| c == code) {
                Some((_, name, t0)) => {
                    compared = true;
                    if label_of(name) != label_of(&row.name) {
                        findings.push(Finding::note(
                            check.id,
                            check.severity,
                            format!(
                                "{}：科目 {} 在{}中为“{}”，在{}中为“{}”",
                                check.message, code, t0, name, t.id, row.name
                            ),
                            vec![row_ref(t.id, row)],
                        ));
                    }
                }
                None => first.push((code.to_string(), row.name.clone(), id)),
            }
        }
    }
    if !compared {
        return CheckResult::skipped(
            Status::NotApplicable,
            "没有参考表未收录、且在多张表中出现的科目".into(),
        );
    }
    CheckResult::ran(findings)
}
