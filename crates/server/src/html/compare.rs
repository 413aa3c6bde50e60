//! The compare page: one department across years, cell by cell, a page of
//! cells at a time.

use super::pager::{pager, Pages};
use super::{esc, grouped, page, pct};
use juesuan_store::{Comparison, Paging};
use std::fmt::Write;

/// Cells per page: a department's reports hold about two thousand cell
/// addresses, each a row here.
pub const CELLS_PER_PAGE: u32 = 200;

/// Renders page `page_no` (from 1) of a comparison; `all` shows unchanged
/// cells too.
pub fn render(cmp: &Comparison, all: bool, page_no: u64) -> String {
    let mut b = String::new();
    let _ = writeln!(b, "<h1>{} · 跨年度比较</h1>", esc(&cmp.department));
    let changed = cmp.rows.iter().filter(|r| r.changed).count();
    let _ = writeln!(
        b,
        "<p class=\"meta\">{} 份报告，{} 个单元格，其中 {} 个有变化。 {}</p>",
        cmp.reports.len(),
        cmp.rows.len(),
        changed,
        if all {
            format!(
                "<a href=\"/departments/{}\">只看变化</a>",
                pct(&cmp.dept_key)
            )
        } else {
            format!(
                "<a href=\"/departments/{}?all=1\">显示全部</a>",
                pct(&cmp.dept_key)
            )
        }
    );
    let listed = if all { cmp.rows.len() } else { changed };
    let paging = Paging::page(page_no.saturating_sub(1), CELLS_PER_PAGE);
    let skip = usize::try_from(paging.offset).unwrap_or(usize::MAX);
    b.push_str("<div class=\"scroll\"><table class=\"grid compare\">\n<thead><tr><th>单元格</th><th>项目</th>");
    for r in &cmp.reports {
        let year = r
            .year
            .map(|y| format!("{y} 年度"))
            .unwrap_or_else(|| "年度不详".into());
        let _ = write!(
            b,
            "<th><a href=\"/reports/{}\">{}</a></th><th>增减</th>",
            pct(&r.id),
            esc(&year)
        );
    }
    b.push_str("</tr></thead>\n<tbody>\n");
    let rows = cmp.rows.iter().filter(|r| all || r.changed);
    for row in rows.skip(skip).take(paging.limit as usize) {
        let _ = write!(
            b,
            "<tr data-addr=\"{}\"{}><td><code>{}</code></td><td>{}</td>",
            esc(&row.addr),
            if row.changed {
                " class=\"changed\""
            } else {
                ""
            },
            esc(&row.addr),
            esc(&row.name)
        );
        for (k, v) in row.values.iter().enumerate() {
            let change = row.changes.get(k).and_then(|c| c.as_deref());
            let moved = change.is_some_and(|c| !c.trim_start_matches(['-', '0', '.']).is_empty());
            let _ = write!(
                b,
                "<td class=\"num\">{}</td><td class=\"num{}\">{}</td>",
                esc(&v.as_deref().map(grouped).unwrap_or_default()),
                if moved { " delta" } else { "" },
                esc(&change.map(grouped).unwrap_or_default())
            );
        }
        b.push_str("</tr>\n");
    }
    b.push_str("</tbody>\n</table></div>\n");
    let pairs: Vec<(&str, String)> = if all {
        vec![("all", "1".to_string())]
    } else {
        Vec::new()
    };
    pager(
        &mut b,
        &format!("/departments/{}", pct(&cmp.dept_key)),
        &pairs,
        Pages::of(listed as u64, paging),
    );
    page(&format!("{} 跨年度比较", cmp.department), &b)
}
