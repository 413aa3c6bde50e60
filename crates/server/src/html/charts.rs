//! Charts on the report page, drawn as inline SVG on the server (no script):
//! the structure of income and expenditure (收入支出决算总表) and the 三公
//! budget against the final accounts. The data and their layout come from
//! the renderer ([`juesuan_render::charts`]), the same as in the published
//! document; this page only frames them.

use super::esc;
use juesuan_model::Report;
use juesuan_render::charts;
use std::fmt::Write;

/// Renders the charts section (only the charts the report has data for).
pub fn render(b: &mut String, report: &Report) {
    let mut body = String::new();
    let all = [
        charts::income_sources(report),
        charts::expense_classes(report),
        charts::sangong(report),
    ];
    for chart in all.iter().flatten() {
        let _ = writeln!(
            body,
            "<figure class=\"chart\"><figcaption>{}</figcaption>{}</figure>",
            esc(&chart.title),
            charts::to_svg(chart)
        );
    }
    if !body.is_empty() {
        let _ = writeln!(b, "<section id=\"charts\"><h2>图表</h2>\n{body}</section>");
    }
}
