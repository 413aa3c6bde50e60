//! The library page: departments × years with their error and warning counts.

use super::{esc, page, pct};
use juesuan_store::{Department, ReportFilter, ReportSummary, Status};
use std::collections::BTreeSet;
use std::fmt::Write;

/// Renders the library as filtered by `filter`; `all_years` are the years
/// offered by the year filter.
pub fn render(departments: &[Department], filter: &ReportFilter, all_years: &[u32]) -> String {
    let mut years: BTreeSet<Option<u32>> = BTreeSet::new();
    for d in departments {
        for r in &d.reports {
            years.insert(r.year);
        }
    }
    let mut b = String::new();
    b.push_str("<h1>部门决算报告库</h1>\n");
    let _ = write!(
        b,
        "<form class=\"search\" method=\"get\" action=\"/\">\
         <input type=\"search\" name=\"q\" value=\"{}\" placeholder=\"按部门名称搜索\">\
         <select name=\"year\" aria-label=\"年度\"><option value=\"\">全部年度</option>",
        esc(&filter.q)
    );
    for y in all_years {
        let _ = write!(
            b,
            "<option value=\"{y}\"{}>{y} 年度</option>",
            selected(filter.year == Some(*y))
        );
    }
    b.push_str(
        "</select><select name=\"status\" aria-label=\"审核状态\">\
         <option value=\"\">全部状态</option>",
    );
    for st in Status::ALL {
        let _ = write!(
            b,
            "<option value=\"{}\"{}>{}</option>",
            st.key(),
            selected(filter.status == Some(st)),
            esc(st.label())
        );
    }
    b.push_str("</select><button type=\"submit\">筛选</button></form>\n");
    if departments.is_empty() {
        b.push_str("<p class=\"empty\">没有找到报告。</p>\n");
    } else {
        b.push_str("<table class=\"library\">\n<thead><tr><th>部门</th>");
        for y in &years {
            let _ = write!(b, "<th>{}</th>", year_label(*y));
        }
        b.push_str("<th>跨年度比较</th></tr></thead>\n<tbody>\n");
        for d in departments {
            let _ = write!(
                b,
                "<tr data-department=\"{}\"><th class=\"dept\">{}</th>",
                esc(&d.key),
                esc(&d.name)
            );
            for y in &years {
                b.push_str("<td>");
                for r in d.reports.iter().filter(|r| r.year == *y) {
                    report_link(&mut b, r);
                }
                b.push_str("</td>");
            }
            let _ = writeln!(
                b,
                "<td><a href=\"/departments/{}\">比较</a></td></tr>",
                pct(&d.key)
            );
        }
        b.push_str("</tbody>\n</table>\n");
    }
    b.push_str(UPLOAD_FORM);
    page("报告库", &b)
}

fn selected(yes: bool) -> &'static str {
    if yes {
        " selected"
    } else {
        ""
    }
}

fn year_label(y: Option<u32>) -> String {
    match y {
        Some(y) => format!("{y} 年度"),
        None => "年度不详".to_string(),
    }
}

fn report_link(b: &mut String, r: &ReportSummary) {
    let _ = write!(
        b,
        "<a class=\"report-link\" href=\"/reports/{}\" title=\"{}\">\
         <span class=\"badge sev-error\" data-count=\"errors\">错误 {}</span>\
         <span class=\"badge sev-warning\" data-count=\"warnings\">警告 {}</span></a>",
        pct(&r.id),
        esc(&r.source_name),
        r.counts.errors,
        r.counts.warnings
    );
}

const UPLOAD_FORM: &str = "<section class=\"upload\"><h2>上传报告</h2>\
<p class=\"meta\">选择或拖放一份决算报告（PDF、XLSX、HTML 或文本），上传后即读取、审核并显示。</p>\
<form id=\"upload\"><input type=\"file\" name=\"file\" required>\
<input type=\"password\" name=\"token\" placeholder=\"访问令牌（如需要）\" autocomplete=\"off\">\
<button type=\"submit\">上传并审核</button></form><p id=\"upload-status\" role=\"status\"></p></section>\n";
