//! The library page: one page of reports (department, year, error and
//! warning counts), filtered, ordered and cut by the library itself, so
//! that the page stays small whatever the library holds.

use super::pager::{pager, Pages};
use super::{esc, page, pct};
use crate::routes::params::href;
use juesuan_store::{Order, ReportFilter, ReportPage, ReportSummary, Sort, Status};
use std::fmt::Write;

/// What the page shows besides its reports.
pub struct View<'a> {
    /// The filter in force.
    pub filter: &'a ReportFilter,
    /// The order in force.
    pub order: Order,
    /// The years offered by the year filter.
    pub years: &'a [u32],
    /// The name of the department filtered on, if any.
    pub dept_name: Option<&'a str>,
    /// The list's own query parameters (filter and order), for links.
    pub pairs: &'a [(&'static str, String)],
    /// The best scores of the year shown (`docs/score.md`).
    pub ranking: Option<&'a juesuan_store::ScorePage>,
}

/// Renders one page of the library.
pub fn render(list: &ReportPage, view: &View<'_>) -> String {
    let mut b = String::new();
    b.push_str("<h1>部门决算报告库</h1>\n");
    search_form(&mut b, view);
    let pages = Pages::of(list.total, list.paging);
    if let Some(name) = view.dept_name {
        let others: Vec<(&str, String)> = view
            .pairs
            .iter()
            .filter(|(k, _)| *k != "dept")
            .cloned()
            .collect();
        let _ = writeln!(
            b,
            "<p class=\"meta\">部门：{} · <a href=\"{}\">全部部门</a></p>",
            esc(name),
            esc(&href("/", &others))
        );
    }
    if list.reports.is_empty() {
        if list.total == 0 {
            b.push_str("<p class=\"empty\">没有找到报告。</p>\n");
        } else {
            b.push_str("<p class=\"empty\">本页没有报告。</p>\n");
        }
    } else {
        let first = list.paging.offset + 1;
        let last = list.paging.offset + list.reports.len() as u64;
        let _ = writeln!(
            b,
            "<p class=\"meta\">共 {} 份报告，本页第 {first}–{last} 份 · \
             <a href=\"{}\" download>导出审核发现（CSV）</a></p>",
            list.total,
            esc(&href("/api/findings.csv", view.pairs))
        );
        b.push_str(
            "<table class=\"library\">\n<thead><tr><th>部门</th><th>年度</th><th>审核结果</th>\
             <th>文件</th><th>跨年度比较</th></tr></thead>\n<tbody>\n",
        );
        for r in &list.reports {
            report_row(&mut b, r, view.pairs);
        }
        b.push_str("</tbody>\n</table>\n");
    }
    pager(&mut b, "/", view.pairs, pages);
    if let Some(r) = view.ranking {
        super::scores::library_box(&mut b, r, view.filter.year);
    }
    b.push_str(UPLOAD_FORM);
    page("报告库", &b)
}

fn search_form(b: &mut String, view: &View<'_>) {
    let filter = view.filter;
    let _ = write!(
        b,
        "<form class=\"search\" method=\"get\" action=\"/\">\
         <input type=\"search\" name=\"q\" value=\"{}\" placeholder=\"按部门名称搜索\" aria-label=\"部门名称\">",
        esc(&filter.q)
    );
    if let Some(dept) = &filter.dept {
        let _ = write!(
            b,
            "<input type=\"hidden\" name=\"dept\" value=\"{}\">",
            esc(dept)
        );
    }
    b.push_str("<select name=\"year\" aria-label=\"年度\"><option value=\"\">全部年度</option>");
    for y in view.years {
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
    b.push_str("</select><select name=\"sort\" aria-label=\"排序\">");
    for s in Sort::ALL {
        let _ = write!(
            b,
            "<option value=\"{}\"{}>{}</option>",
            s.key(),
            selected(view.order.sort == s),
            esc(s.label())
        );
    }
    b.push_str("</select>");
    // A direction given in the URL has no field of its own: kept as given.
    if let Some((_, order)) = view.pairs.iter().find(|(k, _)| *k == "order") {
        let _ = write!(
            b,
            "<input type=\"hidden\" name=\"order\" value=\"{}\">",
            esc(order)
        );
    }
    b.push_str("<button type=\"submit\">筛选</button>");
    if !view.pairs.is_empty() {
        b.push_str(" <a href=\"/\">清除筛选</a>");
    }
    b.push_str("</form>\n");
}

fn report_row(b: &mut String, r: &ReportSummary, pairs: &[(&'static str, String)]) {
    // The department's name filters the library on it, keeping the rest.
    let mut dept_pairs: Vec<(&str, String)> = pairs
        .iter()
        .filter(|(k, _)| *k != "dept")
        .cloned()
        .collect();
    dept_pairs.push(("dept", r.dept_key.clone()));
    let _ = writeln!(
        b,
        "<tr data-department=\"{}\"><th class=\"dept\"><a href=\"{}\" title=\"只看该部门\">{}</a></th>\
         <td>{}</td><td><a class=\"report-link\" href=\"/reports/{}\" title=\"查看报告\">\
         <span class=\"badge sev-error\" data-count=\"errors\">错误 {}</span>\
         <span class=\"badge sev-warning\" data-count=\"warnings\">警告 {}</span></a></td>\
         <td class=\"file\">{}</td><td><a href=\"/departments/{}\">比较</a></td></tr>",
        esc(&r.dept_key),
        esc(&href("/", &dept_pairs)),
        esc(&r.department),
        year_label(r.year),
        pct(&r.id),
        r.counts.errors,
        r.counts.warnings,
        esc(&r.source_name),
        pct(&r.dept_key)
    );
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

const UPLOAD_FORM: &str = "<section class=\"upload\"><h2>上传报告</h2>\
<p class=\"meta\">选择或拖放一份决算报告（PDF、XLSX、HTML 或文本），上传后即读取、审核并显示。</p>\
<form id=\"upload\"><input type=\"file\" name=\"file\" required>\
<input type=\"password\" name=\"token\" placeholder=\"访问令牌（如需要）\" autocomplete=\"off\">\
<button type=\"submit\">上传并审核</button></form><p id=\"upload-status\" role=\"status\"></p></section>\n";
