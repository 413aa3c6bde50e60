//! One measure across departments (三公经费, 机关运行经费 …): a table
//! sorted by the library and cut into pages.

use super::pager::{pager, Pages};
use super::{esc, grouped, page, pct};
pub use juesuan_store::measure::SortKey;
use juesuan_store::measure::{MeasureComparison, MEASURES};
use juesuan_store::Paging;
use std::fmt::Write;

/// The list of measures.
pub fn render_index() -> String {
    let mut b = String::from("<h1>跨部门比较</h1>\n<ul class=\"measures\">\n");
    for m in MEASURES {
        let _ = writeln!(
            b,
            "<li><a href=\"/measures/{}\">{}</a></li>",
            pct(m.key),
            esc(m.name)
        );
    }
    b.push_str("</ul>\n");
    page("跨部门比较", &b)
}

/// One page of a measure across the library, sorted by `key` (`desc`:
/// descending); `years` are offered by the year filter.
pub fn render(
    cmp: &MeasureComparison,
    key: SortKey,
    desc: bool,
    paging: Paging,
    years: &[u32],
) -> String {
    let mut b = String::new();
    let scope = cmp
        .year
        .map(|y| format!("{y} 年度"))
        .unwrap_or_else(|| "全部年度".to_string());
    let _ = writeln!(
        b,
        "<h1>{} <span class=\"year\">{}</span></h1>",
        esc(&cmp.name),
        esc(&scope)
    );
    let year_q = cmp.year.map(|y| format!("&year={y}")).unwrap_or_default();
    let shown = if cmp.rows.is_empty() {
        String::new()
    } else {
        format!(
            "，本页第 {}–{} 份",
            cmp.offset + 1,
            cmp.offset + cmp.rows.len() as u64
        )
    };
    let _ = writeln!(
        b,
        "<p class=\"meta\">共 {} 份报告{shown} · 单位：万元 · <a href=\"/api/measures/{}{}\">JSON</a> · \
         <a href=\"/measures\">其他指标</a></p>",
        cmp.total,
        pct(&cmp.key),
        cmp.year.map(|y| format!("?year={y}")).unwrap_or_default()
    );
    year_form(&mut b, cmp, key, desc, years);
    let header = |label: &str, col: SortKey| -> String {
        let (next_desc, mark) = if col == key {
            (!desc, if desc { " ▼" } else { " ▲" })
        } else {
            (col == SortKey::Value, "")
        };
        format!(
            "<th><a href=\"/measures/{}?sort={}{}{}\">{}{}</a></th>",
            pct(&cmp.key),
            col.as_str(),
            if next_desc { "&order=desc" } else { "" },
            year_q,
            esc(label),
            mark
        )
    };
    let _ = write!(
        b,
        "<table class=\"library measure\">\n<thead><tr>{}{}{}<th>出处</th></tr></thead>\n<tbody>\n",
        header("部门", SortKey::Department),
        header("年度", SortKey::Year),
        header("数值", SortKey::Value)
    );
    for r in &cmp.rows {
        let year = r
            .year
            .map(|y| format!("{y} 年度"))
            .unwrap_or_else(|| "年度不详".to_string());
        let source = match (&r.source, r.line) {
            (Some(s), Some(l)) => format!("{s}（第 {l} 行）"),
            (Some(s), None) => s.clone(),
            _ => "未披露".to_string(),
        };
        let _ = writeln!(
            b,
            "<tr data-report=\"{}\"><td><a href=\"/departments/{}\">{}</a></td>\
             <td><a href=\"/reports/{}\">{}</a></td><td class=\"num\">{}</td><td>{}</td></tr>",
            esc(&r.report_id),
            pct(&r.dept_key),
            esc(&r.department),
            pct(&r.report_id),
            esc(&year),
            esc(&r.value.as_deref().map(grouped).unwrap_or_default()),
            esc(&source)
        );
    }
    b.push_str("</tbody>\n</table>\n");
    let mut pairs: Vec<(&str, String)> = vec![("sort", key.as_str().to_string())];
    if desc {
        pairs.push(("order", "desc".to_string()));
    }
    if let Some(y) = cmp.year {
        pairs.push(("year", y.to_string()));
    }
    pager(
        &mut b,
        &format!("/measures/{}", pct(&cmp.key)),
        &pairs,
        Pages::of(cmp.total, paging),
    );
    page(&format!("{} 跨部门比较", cmp.name), &b)
}

/// The year filter, keeping the order.
fn year_form(b: &mut String, cmp: &MeasureComparison, key: SortKey, desc: bool, years: &[u32]) {
    let _ = write!(
        b,
        "<form class=\"search\" method=\"get\" action=\"/measures/{}\">\
         <input type=\"hidden\" name=\"sort\" value=\"{}\">{}\
         <select name=\"year\" aria-label=\"年度\"><option value=\"\">全部年度</option>",
        pct(&cmp.key),
        key.as_str(),
        if desc {
            "<input type=\"hidden\" name=\"order\" value=\"desc\">"
        } else {
            ""
        }
    );
    for y in years {
        let _ = write!(
            b,
            "<option value=\"{y}\"{}>{y} 年度</option>",
            if cmp.year == Some(*y) {
                " selected"
            } else {
                ""
            }
        );
    }
    b.push_str("</select><button type=\"submit\">筛选</button></form>\n");
}
