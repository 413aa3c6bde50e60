//! `check --format csv`: one finding per row with Chinese headers and a
//! byte-order mark, for opening in a spreadsheet.

use juesuan_audit::report::json::FileResult;
use juesuan_render::csv::{to_string, Field, Style};

const HEADER: &[&str] = &["文件", "规则", "级别", "说明", "页", "行", "单元格", "地址"];

/// Every finding of every file; an unreadable file is one row saying why.
pub fn render(results: &[FileResult<'_>], unreadable: &[(&str, &str)]) -> String {
    let number = |n: Option<u32>| Field::number(n.map(|n| n.to_string()).unwrap_or_default());
    let findings = results.iter().flat_map(|r| {
        r.audit.findings.iter().map(move |f| {
            let cell = f
                .primary_span()
                .and_then(|s| s.cell_ref.clone())
                .unwrap_or_default();
            vec![
                Field::text(r.file),
                Field::text(f.rule.as_str()),
                Field::text(f.severity.chinese()),
                Field::text(f.message.as_str()),
                number(f.page),
                number(f.line),
                Field::text(cell),
                Field::text(f.primary.clone().unwrap_or_default()),
            ]
        })
    });
    let failed = unreadable.iter().map(|(file, error)| {
        vec![
            Field::text(*file),
            Field::text("read"),
            Field::text("错误"),
            Field::text(*error),
            Field::number(""),
            Field::number(""),
            Field::text(""),
            Field::text(""),
        ]
    });
    let style = Style {
        bom: true,
        ..Style::default()
    };
    to_string(style, HEADER, findings.chain(failed))
}
