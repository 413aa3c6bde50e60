//! One measure across departments (三公经费, 机关运行经费 …): a sortable table.

use super::{esc, grouped, page, pct};
use juesuan_model::Decimal;
use juesuan_store::measure::{MeasureComparison, MeasureRow, MEASURES};
use std::cmp::Ordering;
use std::fmt::Write;
use std::str::FromStr;

/// How the rows are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    /// Department name, then year (the default).
    Department,
    /// Year, then department.
    Year,
    /// Value (missing values last), then department.
    Value,
}

impl SortKey {
    /// From the `sort` query value; unknown values sort by department.
    pub fn parse(s: Option<&str>) -> SortKey {
        match s {
            Some("year") => SortKey::Year,
            Some("value") => SortKey::Value,
            _ => SortKey::Department,
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            SortKey::Department => "department",
            SortKey::Year => "year",
            SortKey::Value => "value",
        }
    }
}

fn value_of(r: &MeasureRow) -> Option<Decimal> {
    r.value.as_deref().and_then(|v| Decimal::from_str(v).ok())
}

/// Orders `rows` by `key`, descending if `desc`; missing values stay last either way.
pub fn sort(rows: &mut [MeasureRow], key: SortKey, desc: bool) {
    let by_dept = |a: &MeasureRow, b: &MeasureRow| {
        (a.department.as_str(), a.year, a.report_id.as_str()).cmp(&(
            b.department.as_str(),
            b.year,
            b.report_id.as_str(),
        ))
    };
    let flip = |o: Ordering| if desc { o.reverse() } else { o };
    rows.sort_by(|a, b| match key {
        SortKey::Department => flip(by_dept(a, b)),
        SortKey::Year => flip(a.year.cmp(&b.year)).then_with(|| by_dept(a, b)),
        SortKey::Value => match (value_of(a), value_of(b)) {
            (Some(x), Some(y)) => flip(x.cmp(&y)).then_with(|| by_dept(a, b)),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => by_dept(a, b),
        },
    });
}

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

/// One measure across the library, sorted.
pub fn render(cmp: &MeasureComparison, key: SortKey, desc: bool) -> String {
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
    let _ = writeln!(
        b,
        "<p class=\"meta\">{} 份报告 · 单位：万元 · <a href=\"/api/measures/{}{}\">JSON</a> · \
         <a href=\"/measures\">其他指标</a></p>",
        cmp.rows.len(),
        pct(&cmp.key),
        cmp.year.map(|y| format!("?year={y}")).unwrap_or_default()
    );
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
    page(&format!("{} 跨部门比较", cmp.name), &b)
}
