//! One self-contained, print-ready HTML file: A4 pages, tables that split
//! across pages with their header repeated (`<thead>`), SVG charts inline.

use crate::document::{Align, Block, Document, Grid, GridKind};
use std::fmt::Write;

/// Escapes text for HTML.
pub fn escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            _ => o.push(c),
        }
    }
    o
}

const CSS: &str = r#"
@page { size: A4; margin: 14mm 12mm 14mm 12mm; }
html { font-family: "WenQuanYi Zen Hei", "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif; font-size: 10pt; color: #000; }
body { margin: 0 auto; max-width: 186mm; line-height: 1.5; }
.cover { height: 250mm; display: flex; flex-direction: column; justify-content: center; align-items: center; text-align: center; }
.cover .year { font-size: 22pt; } .cover h1 { font-size: 26pt; margin: 12mm 0; } .cover .date { font-size: 14pt; margin-top: 40mm; }
.page-break { break-after: page; page-break-after: always; height: 0; }
h1 { font-size: 15pt; text-align: center; margin: 4mm 0 3mm; }
h2 { font-size: 12pt; margin: 3mm 0 1.5mm; }
h3 { font-size: 10.5pt; margin: 2.5mm 0 1mm; }
h1, h2, h3 { break-after: avoid; }
p { text-indent: 2em; margin: 0 0 1.2mm; text-align: justify; }
.toc p, .units p, p.item { text-indent: 0; }
.toc .l1 { font-weight: bold; margin-top: 2.5mm; } .toc .l2 { padding-left: 2em; }
.placeholder { background: #fff2a8; color: #9c0006; }
.table-title { text-align: center; font-size: 12pt; font-weight: bold; margin: 2mm 0 1mm; text-indent: 0; }
.table-meta { display: flex; justify-content: space-between; font-size: 8.5pt; margin: 0 0 1mm; }
table { width: 100%; table-layout: fixed; border-collapse: collapse; font-size: 7.5pt; line-height: 1.3; margin-bottom: 1.5mm; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th, td { border: 0.5pt solid #000; padding: 0.6pt 2pt; vertical-align: middle; overflow-wrap: anywhere; }
th { background: #eee; font-weight: bold; text-align: center; }
td.r { text-align: right; white-space: nowrap; }
td.c { text-align: center; }
tr.numbers td { text-align: center; }
.notes p { text-indent: 0; font-size: 8pt; margin: 0; line-height: 1.4; }
.perf { break-inside: avoid; margin-bottom: 3mm; }
.perf .table-title { font-size: 10.5pt; margin: 0 0 1mm; }
figure { margin: 2mm auto; max-width: 150mm; break-inside: avoid; } figure svg { display: block; } figcaption { text-align: center; font-size: 8.5pt; }
@media screen { body { padding: 10mm; } .page-break { border-top: 1px dashed #bbb; margin: 8mm 0; } }
"#;

/// Renders the document as one HTML file.
pub fn render(doc: &Document) -> String {
    let mut s = String::with_capacity(512 * 1024);
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>{}</title><style>{CSS}</style></head><body>\n",
        escape(&format!("{} {} 年度部门决算", doc.department, doc.year))
    );
    for b in &doc.blocks {
        match b {
            Block::Cover {
                year_line,
                title,
                date,
            } => {
                let _ = write!(
                    s,
                    "<section class=\"cover\"><div class=\"year\">{}</div><h1>{}</h1><div class=\"date\">{}</div></section>",
                    escape(year_line),
                    escape(title),
                    date.as_deref().map(escape).unwrap_or_default()
                );
            }
            Block::Toc(entries) => {
                s.push_str("<section class=\"toc\"><h1>目 录</h1>");
                for (l, t) in entries {
                    let _ = write!(s, "<p class=\"l{l}\">{}</p>", escape(t));
                }
                s.push_str("</section>\n");
            }
            Block::Heading { level, text } => {
                let _ = writeln!(s, "<h{level}>{}</h{level}>", escape(text));
            }
            Block::Paragraph(t) => {
                let _ = writeln!(s, "<p>{}</p>", marked(t));
            }
            Block::ListItem(t) => {
                let _ = writeln!(s, "<p class=\"item\">{}</p>", escape(t));
            }
            Block::Table(g) => table(&mut s, g),
            Block::Chart(c) => {
                let _ = writeln!(
                    s,
                    "<figure>{}<figcaption>{}</figcaption></figure>",
                    crate::charts::to_svg(c),
                    escape(&c.title)
                );
            }
            Block::PageBreak => s.push_str("<div class=\"page-break\"></div>\n"),
        }
    }
    s.push_str("</body></html>\n");
    s
}

/// Escapes and highlights 【待填写：…】 placeholders.
fn marked(t: &str) -> String {
    let e = escape(t);
    if !e.contains('【') {
        return e;
    }
    e.replace('【', "<span class=\"placeholder\">【")
        .replace('】', "】</span>")
}

/// Relative column widths of the fixed table layout: names wide, codes and
/// amounts medium, 行次 narrow; the 绩效自评表 in its official proportions.
pub fn column_weights(g: &Grid) -> Vec<u32> {
    if g.kind == GridKind::Performance && g.width == 7 {
        return vec![7, 8, 11, 24, 15, 15, 20];
    }
    let mut label: Vec<&str> = vec![""; g.width];
    for row in &g.header {
        for (c, cell) in row.iter().enumerate() {
            if let Some(h) = cell {
                for l in label.iter_mut().skip(c).take(h.colspan.max(1)) {
                    *l = h.text.as_str();
                }
            }
        }
    }
    label
        .iter()
        .map(|l| match *l {
            "科目名称" | "项目" => 30,
            "科目代码" => 12,
            "行次" => 5,
            _ => 13,
        })
        .collect()
}

fn table(s: &mut String, g: &Grid) {
    let perf = g.kind == GridKind::Performance;
    if perf {
        s.push_str("<div class=\"perf\">");
    }
    let _ = write!(s, "<p class=\"table-title\">{}</p>", escape(&g.title));
    if !perf {
        let _ = write!(
            s,
            "<div class=\"table-meta\"><span>{}</span><span>{}</span><span>{}</span></div>",
            g.department_line.as_deref().map(escape).unwrap_or_default(),
            escape(&g.number_label),
            g.unit_line.as_deref().map(escape).unwrap_or_default()
        );
    }
    s.push_str("<table><colgroup>");
    let weights = column_weights(g);
    let total: u32 = weights.iter().sum::<u32>().max(1);
    for w in weights {
        let bp = w * 10_000 / total;
        let _ = write!(s, "<col style=\"width:{}.{:02}%\">", bp / 100, bp % 100);
    }
    s.push_str("</colgroup>");
    if !g.header.is_empty() || g.column_numbers.is_some() {
        s.push_str("<thead>");
        for row in &g.header {
            s.push_str("<tr>");
            for c in row.iter().flatten() {
                let _ = write!(
                    s,
                    "<th{}{}>{}</th>",
                    span_attr("colspan", c.colspan),
                    span_attr("rowspan", c.rowspan),
                    escape(&c.text)
                );
            }
            s.push_str("</tr>");
        }
        if let Some(n) = &g.column_numbers {
            s.push_str("<tr class=\"numbers\">");
            for t in n {
                let _ = write!(s, "<td>{}</td>", escape(t));
            }
            s.push_str("</tr>");
        }
        s.push_str("</thead>");
    }
    s.push_str("<tbody>");
    for row in &g.body {
        s.push_str("<tr>");
        for c in row {
            let class = match c.align {
                Align::Right => " class=\"r\"",
                Align::Center => " class=\"c\"",
                Align::Left => "",
            };
            let _ = write!(
                s,
                "<td{class}{}>{}</td>",
                span_attr("colspan", c.colspan),
                escape(&c.text)
            );
        }
        s.push_str("</tr>");
    }
    s.push_str("</tbody></table>");
    if !g.notes.is_empty() {
        s.push_str("<div class=\"notes\">");
        for n in &g.notes {
            let _ = write!(s, "<p>{}</p>", escape(n));
        }
        s.push_str("</div>");
    }
    if perf {
        s.push_str("</div>");
    }
    s.push('\n');
}

fn span_attr(name: &str, n: usize) -> String {
    if n > 1 {
        format!(" {name}=\"{n}\"")
    } else {
        String::new()
    }
}
