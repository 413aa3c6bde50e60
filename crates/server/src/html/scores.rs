//! The disclosure quality score (`docs/score.md`): its parts on the report
//! page, the ranking on the library page and on its own page (`/scores`).

use super::{esc, page, pct};
use juesuan_audit::score::Score;
use juesuan_store::ScorePage;
use std::fmt::Write;

/// How many reports the library page ranks.
pub const TOP: u32 = 10;

/// The report page's score section: the score and each part.
pub fn report_section(b: &mut String, score: Option<&Score>) {
    b.push_str("<section id=\"score\"><h2>信息公开质量评分</h2>\n");
    let Some(s) = score else {
        b.push_str("<p class=\"empty\">本报告在评分功能启用前导入，暂无评分。</p></section>\n");
        return;
    };
    let _ = writeln!(
        b,
        "<p class=\"score\"><strong>{}</strong> 分（满分 100；评分方法 {}，见 docs/score.md）</p>",
        s.value,
        esc(&s.method)
    );
    b.push_str(
        "<table class=\"library\"><thead><tr><th>方面</th><th>项目</th><th>得分</th><th>满分</th>\
         <th>依据</th></tr></thead><tbody>\n",
    );
    for p in &s.parts {
        let _ = writeln!(
            b,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&p.group),
            esc(&p.item),
            p.earned.normalize(),
            p.possible.normalize(),
            esc(&p.note)
        );
    }
    b.push_str("</tbody></table></section>\n");
}

fn rows(b: &mut String, page: &ScorePage) {
    b.push_str(
        "<table class=\"library ranking\"><thead><tr><th>名次</th><th>部门</th><th>年度</th>\
         <th>评分</th></tr></thead><tbody>\n",
    );
    for (i, r) in page.rows.iter().enumerate() {
        let year = r.year.map_or_else(|| "—".to_string(), |y| y.to_string());
        let _ = writeln!(
            b,
            "<tr><td>{}</td><td><a href=\"/reports/{}#score\">{}</a></td><td>{}</td><td>{}</td></tr>",
            page.offset + i as u64 + 1,
            pct(&r.id),
            esc(&r.department),
            esc(&year),
            esc(r.score.as_deref().unwrap_or("—"))
        );
    }
    b.push_str("</tbody></table>\n");
}

/// The library page's ranking box (the best [`TOP`] of the year shown).
pub fn library_box(b: &mut String, page: &ScorePage, year: Option<u32>) {
    if page.rows.is_empty() {
        return;
    }
    let which = year.map_or_else(String::new, |y| format!("（{y} 年度）"));
    let _ = writeln!(
        b,
        "<section id=\"ranking\"><h2>信息公开质量排名{which}</h2>"
    );
    rows(b, page);
    let link = year.map_or_else(|| "/scores".to_string(), |y| format!("/scores?year={y}"));
    let _ = writeln!(
        b,
        "<p class=\"meta\">共 {} 份报告有评分 · <a href=\"{}\">完整排名</a> · 评分方法见 docs/score.md</p></section>",
        page.total,
        esc(&link)
    );
}

/// The whole ranking, a page at a time.
pub fn ranking_page(page_of: &ScorePage, year: Option<u32>, limit: u32) -> String {
    let mut b = String::new();
    let which = year.map_or_else(String::new, |y| format!("（{y} 年度）"));
    let _ = writeln!(b, "<h1>信息公开质量排名{which}</h1>");
    if page_of.rows.is_empty() {
        b.push_str("<p class=\"empty\">没有评分的报告。</p>\n");
    } else {
        rows(&mut b, page_of);
    }
    let next = page_of.offset + page_of.rows.len() as u64;
    let mut nav = Vec::new();
    let y = year.map_or_else(String::new, |y| format!("&year={y}"));
    if page_of.offset > 0 {
        let prev = page_of.offset.saturating_sub(u64::from(limit));
        nav.push(format!("<a href=\"/scores?offset={prev}{y}\">上一页</a>"));
    }
    if next < page_of.total {
        nav.push(format!("<a href=\"/scores?offset={next}{y}\">下一页</a>"));
    }
    let _ = writeln!(
        b,
        "<p class=\"meta\">共 {} 份 {}</p>",
        page_of.total,
        nav.join(" · ")
    );
    page("信息公开质量排名", &b)
}
