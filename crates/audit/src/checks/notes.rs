//! Empty T07/T08/T09 must say why ("本单位没有政府性基金预算财政拨款。",
//! "…故本表无数据。"); a table with figures must not carry such a note.

use crate::check::{without, Check, CheckCtx, CheckResult};
use crate::finding::{Finding, ReadingDoubt, ReadingShape, SourceLine};
use crate::reading::has_ocr;
use juesuan_model::{Report, Table, TableId};

const TABLES: [TableId; 5] = [
    TableId::T07,
    TableId::T08,
    TableId::T09,
    TableId::T13,
    TableId::T14,
];

/// Findings for empty tables without a note and for filled tables with one.
pub(crate) fn run(ctx: &CheckCtx<'_>, check: &Check) -> CheckResult {
    let report = ctx.report;
    let present: Vec<_> = TABLES.iter().filter_map(|t| report.table(*t)).collect();
    if present.is_empty() {
        return without(report, &TABLES, "报告中没有公开07、08、09表".into());
    }
    let mut findings = Vec::new();
    for t in present {
        // Tables printed with 0.00 in every cell are empty too ("本表数据均为0").
        let empty = t
            .rows
            .iter()
            .flat_map(|r| r.cells.iter())
            .all(|c| c.value.is_none_or(|v| v.is_zero()));
        match (empty, t.empty_note()) {
            (true, None) => {
                let mut f = Finding::note(
                    check.id,
                    check.severity,
                    format!(
                        "{}：{}（{}）没有数据，但未说明原因（如“本单位没有…，故本表无数据”）",
                        check.message, t.title, t.id
                    ),
                    Vec::new(),
                )
                .at_line(t.span.line, t.span.page);
                f.reading = scanned_notes(report, t).map(Box::new);
                findings.push(f);
            }
            (false, Some((line, note))) => findings.push(
                Finding::note(
                    check.id,
                    check.severity,
                    format!(
                        "{}：{}（{}）填有数据，却说明“{}”",
                        check.message, t.title, t.id, note
                    ),
                    Vec::new(),
                )
                .at_line(*line, t.span.page),
            ),
            _ => {}
        }
    }
    CheckResult::ran(findings)
}

/// On a scanned report, the doubt of a table whose notes OCR read without
/// a "没有…"/"无数据" sentence: such a sentence misread (`故本表无雪据`)
/// cannot be told from one the department left out.
fn scanned_notes(report: &Report, t: &Table) -> Option<ReadingDoubt> {
    if !has_ocr(report) || t.notes.is_empty() {
        return None;
    }
    let read: Vec<&str> = t.notes.iter().map(|(_, n)| n.as_str()).collect();
    Some(ReadingDoubt {
        shape: ReadingShape::Doubt,
        cell: None,
        read: Some(read.join(" ")),
        candidate: None,
        confidence: None,
        why: format!(
            "{}的表注经文字识别读取，未见“没有…”或“无数据”的说明，可能是识读有误，请核对原件",
            t.id
        ),
        lines: t
            .notes
            .iter()
            .map(|(line, _)| SourceLine {
                page: t.span.page,
                line: *line,
            })
            .collect(),
    })
}
