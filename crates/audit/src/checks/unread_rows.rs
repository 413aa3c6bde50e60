//! `read.unread_rows`: a warning per amount printed inside a table that the
//! reader could not read as part of a row (`Table::unread`), pointing at
//! its line. The reader says plainly what it did not read; the review of
//! findings ([`crate::reading`]) makes a sum over such a table a reading
//! question, since the row it lacks may be this one.

use crate::check::{Check, CheckCtx, CheckResult};
use crate::finding::{CellRef, Finding};

/// The check: one warning per unread amount, table by table.
pub(crate) fn run(ctx: &CheckCtx<'_>, check: &Check) -> CheckResult {
    let report = ctx.report;
    let mut out = Vec::new();
    for t in report.tables.values() {
        for span in &t.unread {
            let printed = report
                .source_line(span.page, span.line)
                .and_then(|l| l.get(span.start as usize..span.end as usize))
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(str::to_string);
            let read = match span.confidence {
                Some(c) => format!("（文字识别置信度 {c}）"),
                None => String::new(),
            };
            let message = format!(
                "{}：{}（{}）中的金额 {}{read} 未能读成表格行，未读取；本表可能缺行，涉及本表各行合计的公式按疑似识读问题报告，请核对原件",
                check.message,
                t.title,
                t.id,
                printed.as_deref().unwrap_or("（见原文）"),
            );
            let mut f = Finding::note(
                check.id,
                check.severity,
                message,
                vec![CellRef {
                    addr: t.id.to_string(),
                    printed: printed.clone(),
                    span: Some(span.clone()),
                }],
            );
            f.actual = printed;
            out.push(f);
        }
    }
    CheckResult::ran(out)
}
