//! The report page: the tables of the report's family (in the profile's
//! order, see [`juesuan_render::layouts::order`]) with each finding at its
//! cells, and the findings list.

use super::table::{self, FindingIndex};
use super::{esc, page, pct, severity_name};
use juesuan_model::Report;
use juesuan_render::layouts;
use juesuan_store::{ReportSummary, StoredFinding};
use std::fmt::Write;

/// Renders a stored report.
pub fn render(summary: &ReportSummary, model: &Report, findings: &[StoredFinding]) -> String {
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
    let c = &summary.counts;
    let cov = &summary.coverage;
    let _ = writeln!(
        b,
        "<p class=\"counts\"><span class=\"badge sev-error\">错误 {}</span> \
         <span class=\"badge sev-warning\">警告 {}</span> \
         <span class=\"badge sev-info\">提示 {}</span> · 审核规则 {} 条：执行 {}，不适用 {}，缺少数据 {}</p>",
        c.errors,
        c.warnings,
        c.infos,
        cov.rules_total,
        cov.ran,
        cov.not_applicable,
        cov.insufficient_data
    );
    let order = layouts::order(model);
    b.push_str("<nav class=\"tables\">");
    for id in &order {
        let _ = write!(b, "<a href=\"#{id}\">{id}</a> ");
    }
    b.push_str(
        "<a href=\"#charts\">图表</a> <a href=\"#narrative\">情况说明</a> <a href=\"#performance\">绩效自评表</a> \
         <a href=\"#findings\">审核发现</a></nav>\n",
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
    page(&format!("{} {}", summary.department, year), &b)
}

fn findings_list(b: &mut String, findings: &[StoredFinding]) {
    let _ = write!(
        b,
        "<section id=\"findings\"><h2>审核发现（{} 条）</h2>\n<ol class=\"findings\">\n",
        findings.len()
    );
    for (i, f) in findings.iter().enumerate() {
        let _ = write!(
            b,
            "<li id=\"f{i}\" class=\"finding sev-{}\" data-rule=\"{}\">\
             <p class=\"head\"><span class=\"badge sev-{}\">{}</span> <code>{}</code></p>\
             <p class=\"msg\">{}</p><dl>",
            esc(&f.severity),
            esc(&f.rule),
            esc(&f.severity),
            severity_name(&f.severity),
            esc(&f.rule),
            esc(&f.message)
        );
        let mut item = |label: &str, value: Option<&str>| {
            if let Some(v) = value {
                let _ = write!(b, "<dt>{label}</dt><dd>{}</dd>", esc(v));
            }
        };
        item("单元格", f.primary.as_deref());
        item("应为", f.expected.as_deref());
        item("实为", f.actual.as_deref());
        item("差额", f.difference.as_deref());
        item("容差", f.tolerance.as_deref());
        if let Some(line) = f.line {
            let label = match f.page {
                Some(p) => format!("原文（第 {p} 页第 {line} 行）"),
                None => format!("原文（第 {line} 行）"),
            };
            let _ = write!(
                b,
                "<dt>{}</dt><dd><code class=\"source\">{}</code></dd>",
                esc(&label),
                esc(f.source_line.as_deref().unwrap_or(""))
            );
        }
        b.push_str("</dl></li>\n");
    }
    b.push_str("</ol></section>\n");
}
