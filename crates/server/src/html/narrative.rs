//! The report page's second half: the narrative (情况说明) with every figure
//! the reader extracted marked, those an audit rule read flagged like table
//! cells (click: the finding), and the 项目支出绩效自评表.

use super::esc;
use super::table::FindingIndex;
use juesuan_model::{Decimal, FundRow, Paragraph, Performance, Report};
use std::fmt::Write;

const NARRATIVE_HEAD: &str =
    "<h2>情况说明 <small>（下划虚线为已提取的数字，着色为审核发现所涉数字，点击查看）</small></h2>";

/// The narrative section of the report page, filled in by the page's script
/// from [`narrative_body`] right after the page loads (a third of a report
/// page's bytes: the tables come first). Nothing when the report has none.
pub fn render_narrative_deferred(b: &mut String, model: &Report, report_id: &str) {
    if model.narrative.is_empty() {
        return;
    }
    let src = format!("/reports/{}/narrative", super::pct(report_id));
    let _ = writeln!(
        b,
        "<section id=\"narrative\" data-src=\"{src}\">{NARRATIVE_HEAD}\
         <p class=\"loading\"><a href=\"{src}\">查看情况说明</a></p></section>"
    );
}

/// The narrative's headings and paragraphs, figures marked.
pub fn narrative_body(b: &mut String, model: &Report, ix: &FindingIndex<'_>) {
    for p in &model.narrative {
        if p.is_heading {
            let _ = writeln!(b, "<h3 data-line=\"{}\">{}</h3>", p.line, esc(&p.text));
            continue;
        }
        let attrs = if p.addr.is_empty() {
            " class=\"para\"".to_string()
        } else {
            ix.attrs(&p.addr, true, "para")
        };
        let _ = write!(
            b,
            "<p id=\"{}\" data-line=\"{}\"{attrs}>",
            esc(&p.addr),
            p.line
        );
        paragraph_text(b, model, p, ix);
        b.push_str("</p>\n");
    }
}

/// The paragraph's text with its figures wrapped in spans.
fn paragraph_text(b: &mut String, model: &Report, p: &Paragraph, ix: &FindingIndex<'_>) {
    let text = p.text.as_str();
    // (start, end, figure) in text offsets, valid and non-overlapping.
    let mut marks: Vec<(usize, usize, &juesuan_model::Figure)> = Vec::new();
    for f in model.figures.iter().filter(|f| f.paragraph == p.addr) {
        let Some(&(offset, _)) = p.lines.iter().find(|(_, line)| *line == f.span.line) else {
            continue;
        };
        let start = offset as usize + f.span.start as usize;
        let end = offset as usize + f.span.end as usize;
        if start < end && text.get(start..end).is_some() {
            marks.push((start, end, f));
        }
    }
    marks.sort_by_key(|m| m.0);
    let mut at = 0;
    for (start, end, f) in marks {
        if start < at {
            continue;
        }
        b.push_str(&esc(&text[at..start]));
        let _ = write!(
            b,
            "<span data-addr=\"{}\" title=\"{}：{}\"{}>{}</span>",
            esc(&f.addr),
            esc(&f.subject),
            esc(&f.value.to_string()),
            ix.attrs(&f.addr, true, "fig"),
            esc(&text[start..end])
        );
        at = end;
    }
    b.push_str(&esc(&text[at..]));
}

fn dec(v: Option<Decimal>) -> String {
    v.map(|d| d.to_string()).unwrap_or_default()
}

/// Renders the 项目支出绩效自评表 (nothing when the report has none). A table
/// with a finding is open; the others are folded.
pub fn render_performance(b: &mut String, model: &Report, ix: &FindingIndex<'_>, report_id: &str) {
    if model.performance.is_empty() {
        return;
    }
    let _ = writeln!(
        b,
        "<section id=\"performance\"><h2>项目支出绩效自评表（{} 张）</h2>",
        model.performance.len()
    );
    for p in &model.performance {
        let mut body = String::new();
        let flagged = one_table(&mut body, p, ix);
        // The header says what the table holds, so that a folded table
        // with a finding is seen without opening every one.
        let badge = match ix.within(&format!("P{}.", p.index)) {
            Some((n, worst)) => format!(
                " <span class=\"badge sev-{}\" data-findings-count=\"{n}\">{n} 条审核发现 · 最严重：{}</span>",
                esc(worst),
                super::severity_name(worst)
            ),
            None => String::new(),
        };
        let summary = format!(
            "<summary>{}. {}{}{badge}</summary>",
            p.index,
            esc(&p.name),
            p.score
                .map(|s| format!("（自评得分 {s}）"))
                .unwrap_or_default()
        );
        if flagged {
            // A table with a finding is shown open, in the page itself.
            let _ = writeln!(
                b,
                "<details id=\"P{}\" open>{summary}\n{body}</details>",
                p.index
            );
        } else {
            // The others (most of them, and a third of a page's bytes) are
            // fetched when opened; without scripts the link shows them.
            let src = format!("/reports/{}/performance/{}", super::pct(report_id), p.index);
            let _ = writeln!(
                b,
                "<details id=\"P{}\" data-src=\"{src}\">{summary}\
                 <p class=\"loading\"><a href=\"{src}\">查看此表</a></p></details>",
                p.index
            );
        }
    }
    b.push_str("</section>\n");
}

/// The self-evaluation table `index` (1-based) as an HTML fragment, for a
/// `<details>` opened on the report page.
pub fn performance_fragment(model: &Report, ix: &FindingIndex<'_>, index: usize) -> Option<String> {
    let p = model
        .performance
        .iter()
        .find(|p| p.index as usize == index)?;
    let mut body = String::new();
    one_table(&mut body, p, ix);
    Some(body)
}

/// One self-evaluation table; whether any of its parts has a finding.
fn one_table(b: &mut String, p: &Performance, ix: &FindingIndex<'_>) -> bool {
    let mut flagged = false;
    let mut attrs = |addr: &str, base: &str| {
        let a = ix.attrs(addr, true, base);
        flagged |= a.contains("data-findings");
        a
    };
    let _ = writeln!(
        b,
        "<p class=\"meta\">主管部门 {} · 实施单位 {} · 第 {}–{} 行</p>",
        esc(&p.department),
        esc(&p.implementer),
        p.lines.0,
        p.lines.1
    );
    b.push_str(
        "<table class=\"grid perf\"><thead><tr><th>资金</th><th>年初预算数</th><th>全年预算数</th>\
         <th>全年执行数</th><th>执行率（%）</th></tr></thead><tbody>\n",
    );
    for f in &p.funds {
        let _ = write!(b, "<tr><th class=\"name\">{}</th>", esc(&f.row));
        for key in FundRow::KEYS {
            let addr = format!("P{}.funds[{}].{key}", p.index, f.row);
            let _ = write!(
                b,
                "<td data-addr=\"{}\"{}>{}</td>",
                esc(&addr),
                attrs(&addr, "num"),
                esc(&dec(f.get(key)))
            );
        }
        b.push_str("</tr>\n");
    }
    b.push_str("</tbody></table>\n");
    let _ = writeln!(
        b,
        "<dl class=\"goals\"><dt>预期目标</dt><dd>{}</dd><dt>实际完成情况</dt><dd>{}</dd></dl>",
        esc(&p.goal_expected),
        esc(&p.goal_actual)
    );
    b.push_str(
        "<table class=\"grid perf\"><thead><tr><th>一级指标</th><th>二级指标</th><th>三级指标</th>\
         <th>年度指标值</th><th>实际完成值</th><th>偏差原因分析及改进措施</th></tr></thead><tbody>\n",
    );
    for i in &p.indicators {
        let addr = format!("P{}.indicators[{}]", p.index, i.level3);
        let _ = writeln!(
            b,
            "<tr data-line=\"{}\"><td>{}</td><td>{}</td><td data-addr=\"{}\"{}>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            i.line,
            esc(&i.level1),
            esc(&i.level2),
            esc(&addr),
            attrs(&addr, "name"),
            esc(&i.level3),
            esc(&i.target.raw),
            esc(&i.actual.raw),
            esc(&i.deviation_reason)
        );
    }
    b.push_str("</tbody></table>\n");
    let addr = format!("P{}.score", p.index);
    let _ = writeln!(
        b,
        "<p>自评得分：<span data-addr=\"{}\"{}>{}</span></p>",
        esc(&addr),
        attrs(&addr, "score"),
        esc(&dec(p.score))
    );
    flagged
}
