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
@page { size: A4; margin: 18mm 15mm 18mm 15mm; }
html { font-family: "WenQuanYi Zen Hei", "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif; font-size: 10.5pt; color: #000; }
body { margin: 0 auto; max-width: 180mm; line-height: 1.6; }
.cover { height: 250mm; display: flex; flex-direction: column; justify-content: center; align-items: center; text-align: center; }
.cover .year { font-size: 22pt; } .cover h1 { font-size: 26pt; margin: 12mm 0; } .cover .date { font-size: 14pt; margin-top: 40mm; }
.page-break { break-after: page; page-break-after: always; height: 0; }
h1 { font-size: 16pt; text-align: center; margin: 6mm 0 4mm; }
h2 { font-size: 13pt; margin: 5mm 0 2mm; }
h3 { font-size: 11pt; margin: 4mm 0 2mm; }
p { text-indent: 2em; margin: 0 0 2mm; text-align: justify; }
.toc p, .units p { text-indent: 0; }
.toc .l1 { font-weight: bold; margin-top: 3mm; } .toc .l2 { padding-left: 2em; }
.placeholder { background: #fff2a8; color: #9c0006; }
.table-title { text-align: center; font-size: 13pt; font-weight: bold; margin: 4mm 0 1mm; text-indent: 0; }
.table-meta { display: flex; justify-content: space-between; font-size: 9pt; margin: 0 0 1mm; }
table { width: 100%; border-collapse: collapse; font-size: 8pt; page-break-inside: auto; margin-bottom: 2mm; }
thead { display: table-header-group; } tfoot { display: table-footer-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th, td { border: 0.5pt solid #000; padding: 1pt 3pt; vertical-align: middle; }
th { background: #f2f2f2; font-weight: bold; text-align: center; }
td.r { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.c { text-align: center; }
tr.numbers td { text-align: center; color: #444; }
.notes p { text-indent: 0; font-size: 8.5pt; margin: 0; }
table.perf { font-size: 8pt; } table.perf td { word-break: break-all; }
figure { margin: 3mm 0; break-inside: avoid; } figcaption { text-align: center; font-size: 9pt; }
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
                let _ = writeln!(
                    s,
                    "<p class=\"item\" style=\"text-indent:0\">{}</p>",
                    escape(t)
                );
            }
            Block::Table(g) => table(&mut s, g),
            Block::Chart(c) => {
                let _ = writeln!(
                    s,
                    "<figure>{}<figcaption>{}</figcaption></figure>",
                    crate::charts::svg(c),
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

fn table(s: &mut String, g: &Grid) {
    let perf = g.kind == GridKind::Performance;
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
    let _ = write!(s, "<table{}>", if perf { " class=\"perf\"" } else { "" });
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
    s.push('\n');
}

fn span_attr(name: &str, n: usize) -> String {
    if n > 1 {
        format!(" {name}=\"{n}\"")
    } else {
        String::new()
    }
}
