//! The report page: the tables of the report's family (in the profile's
//! order, see [`juesuan_render::layouts::order`]) with each finding at its
//! cells, and the findings list.

use super::table::{self, FindingIndex};
use super::{esc, page, pct};
use juesuan_model::Report;
use juesuan_render::layouts;
use juesuan_store::{ReportSummary, StoredFinding};
use std::fmt::Write;

/// Renders a stored report.
pub fn render(
    summary: &ReportSummary,
    model: &Report,
    findings: &[StoredFinding],
    score: Option<&juesuan_audit::score::Score>,
) -> String {
    let mut b = String::new();
    let year = summary
        .year
        .map(|y| format!("{y} 年度"))
        .unwrap_or_else(|| "年度不详".to_string());
    let _ = write!(
        b,
        "<h1>{} <span class=\"year\">{}</span></h1>\n\
         <p class=\"meta\">文件 {} · 单位 {} · 格式 {} · 导入于 {} · \
         <a href=\"/departments/{}\">跨年度比较</a></p>\n\
         <p class=\"exports\">导出：<a href=\"/reports/{id}/cells.csv\" download>CSV</a> · \
         <a href=\"/api/reports/{id}\">JSON</a> · <a href=\"/reports/{id}/report.xlsx\" download>XLSX</a> · \
         <a href=\"/reports/{id}/disclosure.html\">公开文本（HTML）</a></p>\n",
        esc(&summary.department),
        esc(&year),
        esc(&summary.source_name),
        esc(&summary.unit),
        esc(&summary.profile),
        esc(&summary.imported_at),
        pct(&summary.dept_key),
        id = pct(&summary.id)
    );
    // Above the tables (the findings list is at the end of a long page):
    // the counts by severity, each a link to those findings alone.
    super::findings::summary(&mut b, summary, findings);
    if let Some(s) = score {
        let _ = writeln!(
            b,
            "<p class=\"meta\">信息公开质量评分 <a href=\"#score\"><strong>{}</strong> 分</a></p>",
            s.value
        );
    }
    let order = layouts::order(model);
    b.push_str("<nav class=\"tables\">");
    for id in &order {
        let _ = write!(b, "<a href=\"#{id}\">{id}</a> ");
    }
    b.push_str(
        "<a href=\"#charts\">图表</a> <a href=\"#narrative\">情况说明</a> <a href=\"#performance\">绩效自评表</a> \
         <a href=\"#findings\">审核发现</a> <a href=\"#score\">评分</a></nav>\n",
    );
    b.push_str(
        "<aside id=\"panel\" hidden><button type=\"button\" class=\"close\" aria-label=\"关闭\">×</button>\
         <div class=\"body\"></div></aside>\n",
    );
    let ix = FindingIndex::new(findings);
    for id in order {
        match model.table(id) {
            Some(t) => table::render(&mut b, id, t, &ix),
            None => {
                let _ = writeln!(
                    b,
                    "<section class=\"table absent\" id=\"{id}\"><h2>{} <small>（{id}）</small></h2>\
                     <p class=\"empty\">本报告未包含此表。</p></section>",
                    esc(&layouts::title(model, id))
                );
            }
        }
    }
    super::charts::render(&mut b, model);
    super::narrative::render_narrative_deferred(&mut b, model, &summary.id);
    super::narrative::render_performance(&mut b, model, &ix, &summary.id);
    findings_list(&mut b, findings);
    super::scores::report_section(&mut b, score);
    page(&format!("{} {}", summary.department, year), &b)
}

/// Every finding, errors first. Items keep their audit position as id
/// (`f{i}`): the cells name them so, and the panel copies them from here.
fn findings_list(b: &mut String, findings: &[StoredFinding]) {
    let _ = write!(
        b,
        "<section id=\"findings\"><h2>审核发现（{} 条）</h2>\n<ol class=\"findings\">\n",
        findings.len()
    );
    for i in super::findings::worst_first(findings) {
        super::findings::item(b, &findings[i], Some(&format!("f{i}")), None);
    }
    b.push_str("</ol></section>\n");
}
