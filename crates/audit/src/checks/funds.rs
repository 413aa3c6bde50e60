//! A fund that T04 shows must have its table (T07 政府性基金, T08 国有资本经营),
//! and a fund table with figures must show in T04.

use crate::check::{without, Check, CheckCtx, CheckResult};
use crate::finding::Finding;
use juesuan_model::{Table, TableId};

const FUNDS: [(TableId, &str); 2] = [
    (TableId::T07, "政府性基金预算财政拨款"),
    (TableId::T08, "国有资本经营预算财政拨款"),
];

fn column_has_values(t: &Table, key: &str) -> bool {
    // The fund's expense column and its income row (labelled by the fund).
    let col = t.column(key).map(|c| c.number);
    t.rows.iter().any(|r| {
        r.cells.iter().any(|c| {
            c.value.is_some_and(|v| !v.is_zero())
                && (Some(c.column) == col || r.label.ends_with(key))
        })
    })
}

/// An error per fund where T04 and the fund table disagree on being empty.
pub(crate) fn run(ctx: &CheckCtx<'_>, check: &Check) -> CheckResult {
    let report = ctx.report;
    let Some(t04) = report.table(TableId::T04) else {
        return without(report, &[TableId::T04], "报告中没有公开04表".into());
    };
    let mut findings = Vec::new();
    let mut ran = false;
    for (id, key) in FUNDS {
        let Some(ft) = report.table(id) else { continue };
        ran = true;
        let in_t04 = column_has_values(t04, key);
        let in_ft = ft.rows.iter().any(|r| {
            r.cells
                .iter()
                .any(|c| c.value.is_some_and(|v| !v.is_zero()))
        });
        if in_t04 != in_ft {
            let msg = if in_t04 {
                format!(
                    "{}：公开04表列有{}，但{}（{}）没有数据",
                    check.message, key, ft.title, id
                )
            } else {
                format!(
                    "{}：{}（{}）有数据，但公开04表{}栏为空",
                    check.message, ft.title, id, key
                )
            };
            findings.push(
                Finding::note(check.id, check.severity, msg, Vec::new())
                    .at_line(ft.span.line, ft.span.page),
            );
        }
    }
    if !ran {
        return without(
            report,
            &[TableId::T07, TableId::T08],
            "报告中没有公开07、08表".into(),
        );
    }
    CheckResult::ran(findings)
}
