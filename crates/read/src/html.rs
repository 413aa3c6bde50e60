//! Web page front end: tables in `<table>` (with `rowspan`/`colspan`
//! expanded into blank slots, as merged cells read in the PDF conversion),
//! narrative in paragraphs and headings, in document order.
//!
//! An HTML parser gives no source positions, so a "line" here is the
//! position of the block in reading order; each table cell also carries a
//! `cell_ref` ("表3 第5行 第2列") that points at it in the page.

use crate::error::{Error, ErrorKind};
use crate::source::{SourceCell, SourceLine};
use juesuan_model::Span;
use scraper::{ElementRef, Html, Node};

/// Deepest element nesting accepted. Hostile pages nest without end, and
/// the parser's work grows with the square of the depth (100,000 nested
/// `<div>` took 18 s), so the depth is measured before parsing.
const MAX_DEPTH: usize = 512;
/// Largest number of lines read from one page.
const MAX_LINES: usize = crate::limits::MAX_LINES;
/// Most slots one table row may expand to (`colspan` included); a
/// disclosure table has at most a few dozen columns.
const MAX_ROW_SLOTS: usize = 256;
/// Most slots all tables of a page may expand to.
const MAX_SLOTS: usize = crate::limits::MAX_CELLS;

/// Whether the text looks like an HTML page.
pub fn is_html(text: &str) -> bool {
    let head: String = text
        .chars()
        .take(1024)
        .collect::<String>()
        .to_ascii_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || (head.starts_with('<')
            && (head.contains("<table") || head.contains("<body") || head.contains("<p")))
}

/// Reads a page into numbered source lines.
pub fn html_to_lines(file: &str, text: &str) -> Result<Vec<SourceLine>, Error> {
    let too_large = |m: String| Error::new(ErrorKind::TooLarge, file, None, m);
    if nesting_depth(text) > MAX_DEPTH {
        return Err(too_large(format!(
            "网页元素嵌套超过 {MAX_DEPTH} 层，不是报告网页"
        )));
    }
    let doc = Html::parse_document(text);
    let mut out = Out {
        lines: Vec::new(),
        tables: 0,
        slots: 0,
    };
    walk(doc.root_element(), 0, &mut out).map_err(too_large)?;
    if out.lines.len() > MAX_LINES {
        return Err(too_large(format!("网页内容超过 {MAX_LINES} 行")));
    }
    Ok(out.lines)
}

/// The deepest nesting of elements in the page, counted on the raw text
/// before any parsing. Elements whose end tag may be left out (`p`, `td`,
/// `li` …) and void elements are not counted: the parser closes them
/// itself, so they do not nest, and leaving their ends out is common in
/// pages exported from office suites.
fn nesting_depth(text: &str) -> usize {
    const UNCOUNTED: &[&str] = &[
        "p", "li", "td", "th", "tr", "dt", "dd", "option", "thead", "tbody", "tfoot", "colgroup",
        "caption", "br", "img", "hr", "meta", "link", "input", "col", "area", "base", "embed",
        "param", "source", "track", "wbr", "html", "head", "body",
    ];
    let bytes = text.as_bytes();
    let (mut depth, mut deepest) = (0usize, 0usize);
    let mut i = 0;
    while let Some(at) = bytes[i..].iter().position(|b| *b == b'<') {
        i += at + 1;
        let closing = bytes.get(i) == Some(&b'/');
        let from = i + usize::from(closing);
        let len = bytes[from..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if len == 0 || len > 16 {
            continue;
        }
        let name = &text[from..from + len];
        if UNCOUNTED.iter().any(|u| u.eq_ignore_ascii_case(name)) {
            continue;
        }
        let end = bytes[from..]
            .iter()
            .position(|b| *b == b'>')
            .map_or(bytes.len(), |p| from + p);
        if closing {
            depth = depth.saturating_sub(1);
        } else if bytes[..end].last() != Some(&b'/') {
            depth += 1;
            deepest = deepest.max(depth);
        }
    }
    deepest
}

struct Out {
    lines: Vec<SourceLine>,
    tables: u32,
    slots: usize,
}

impl Out {
    fn prose(&mut self, text: String) {
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if text.is_empty() {
            return;
        }
        let number = self.lines.len() as u32 + 1;
        self.lines.push(SourceLine {
            number,
            page: None,
            text,
            cells: Vec::new(),
            flow: None,
            columns_guessed: false,
        });
    }
}

const BLOCKS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "caption",
    "pre",
    "blockquote",
    "dt",
    "dd",
];

fn walk(el: ElementRef<'_>, depth: usize, out: &mut Out) -> Result<(), String> {
    // The parser nests at most a few uncounted elements per counted one.
    if depth > 4 * MAX_DEPTH {
        return Err(format!("网页元素嵌套超过 {MAX_DEPTH} 层，不是报告网页"));
    }
    let name = el.value().name();
    if matches!(name, "script" | "style" | "head" | "noscript" | "template") {
        return Ok(());
    }
    if name == "table" {
        return read_table(el, out);
    }
    if BLOCKS.contains(&name) && !has_block_child(el) {
        // "<br>" inside a paragraph ends a line.
        for part in text_with_breaks(el).split('\n') {
            out.prose(part.to_string());
        }
        return Ok(());
    }
    // Loose text directly inside a container (e.g. <div>text<br>text</div>).
    let mut loose = String::new();
    for child in el.children() {
        match child.value() {
            Node::Text(t) => loose.push_str(t),
            Node::Element(e) if e.name() == "br" => {
                out.prose(std::mem::take(&mut loose));
            }
            Node::Element(_) => {
                out.prose(std::mem::take(&mut loose));
                if let Some(c) = ElementRef::wrap(child) {
                    walk(c, depth + 1, out)?;
                }
            }
            _ => {}
        }
    }
    out.prose(loose);
    Ok(())
}

fn has_block_child(el: ElementRef<'_>) -> bool {
    el.children().filter_map(ElementRef::wrap).any(|c| {
        c.value().name() == "table"
            || BLOCKS.contains(&c.value().name())
            || c.value().name() == "div"
    })
}

fn text_with_breaks(el: ElementRef<'_>) -> String {
    let mut s = String::new();
    for node in el.descendants() {
        match node.value() {
            Node::Text(t) => s.push_str(t),
            Node::Element(e) if e.name() == "br" => s.push('\n'),
            _ => {}
        }
    }
    s
}

/// Expands a table into rows of slots: a cell spanning k columns fills k
/// slots (text in the first), a cell spanning r rows leaves blank slots
/// below it.
fn read_table(table: ElementRef<'_>, out: &mut Out) -> Result<(), String> {
    out.tables += 1;
    let t = out.tables;
    let rows: Vec<ElementRef<'_>> = table
        .descendants()
        .filter_map(ElementRef::wrap)
        .filter(|e| e.value().name() == "tr")
        // Rows of nested tables belong to those tables.
        .filter(|tr| {
            tr.ancestors()
                .filter_map(ElementRef::wrap)
                .find(|a| a.value().name() == "table")
                .map(|a| a.id())
                == Some(table.id())
        })
        .collect();
    // Slots still covered by a rowspan from above: column → rows left.
    let mut covered: Vec<u32> = Vec::new();
    for (r, tr) in rows.iter().enumerate() {
        let mut slots: Vec<String> = Vec::new();
        let mut col = 0usize;
        for td in tr
            .children()
            .filter_map(ElementRef::wrap)
            .filter(|c| matches!(c.value().name(), "td" | "th"))
        {
            skip_covered(&mut slots, &mut col, &mut covered);
            let span_of = |attr: &str| {
                td.value()
                    .attr(attr)
                    .and_then(|v| v.trim().parse::<usize>().ok())
                    .unwrap_or(1)
                    .clamp(1, 1000)
            };
            let (cs, rs) = (span_of("colspan"), span_of("rowspan"));
            let text = text_with_breaks(td)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            if slots.len() + cs > MAX_ROW_SLOTS {
                return Err(format!(
                    "网页表格第 {} 行超过 {MAX_ROW_SLOTS} 列，不是报告表格",
                    r + 1
                ));
            }
            out.slots += cs;
            if out.slots > MAX_SLOTS {
                return Err(format!("网页表格单元格超过上限 {MAX_SLOTS}"));
            }
            for k in 0..cs {
                slots.push(if k == 0 { text.clone() } else { String::new() });
                if covered.len() <= col {
                    covered.resize(col + 1, 0);
                }
                if rs > 1 {
                    covered[col] = (rs - 1) as u32;
                }
                col += 1;
            }
        }
        skip_covered(&mut slots, &mut col, &mut covered);
        let last = slots
            .iter()
            .rposition(|s| !s.is_empty())
            .map_or(0, |p| p + 1);
        slots.truncate(last);
        let filled = slots.iter().filter(|s| !s.is_empty()).count();
        if filled <= 1 {
            out.prose(
                slots
                    .into_iter()
                    .find(|s| !s.is_empty())
                    .unwrap_or_default(),
            );
            continue;
        }
        let number = out.lines.len() as u32 + 1;
        let mut text = String::new();
        let mut cells = Vec::with_capacity(slots.len());
        for (c, s) in slots.into_iter().enumerate() {
            if c > 0 {
                text.push('\t');
            }
            let start = text.len() as u32;
            text.push_str(&s);
            let mut span = Span::new(number, start, text.len() as u32);
            span.cell_ref = Some(format!("表{t} 第{}行 第{}列", r + 1, c + 1));
            cells.push(SourceCell { text: s, span });
        }
        out.lines.push(SourceLine {
            number,
            page: None,
            text,
            cells,
            flow: None,
            columns_guessed: false,
        });
    }
    Ok(())
}

/// Emits blank slots for the columns a rowspan from above still covers.
fn skip_covered(slots: &mut Vec<String>, col: &mut usize, covered: &mut [u32]) {
    // `covered` is no longer than a row may be: the slots stay bounded.
    while *col < covered.len() && covered[*col] > 0 {
        covered[*col] -= 1;
        slots.push(String::new());
        *col += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_expand_into_blank_slots() {
        let page = "<html><body><h2>收入决算表</h2><p>单位：万元</p><table>\
            <tr><td rowspan=2>科目代码</td><td colspan=2>金额</td></tr>\
            <tr><td>甲</td><td>乙</td></tr>\
            <tr><td>205</td><td>1,431.94</td><td></td></tr></table><p>注：本表。</p></body></html>";
        let lines = html_to_lines("x.html", page).unwrap();
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            texts,
            vec![
                "收入决算表",
                "单位：万元",
                "科目代码\t金额",
                "\t甲\t乙",
                "205\t1,431.94",
                "注：本表。"
            ]
        );
        assert_eq!(lines[3].cells[0].text, "");
        assert_eq!(
            lines[4].cells[1].span.cell_ref.as_deref(),
            Some("表1 第3行 第2列")
        );
        assert!(is_html(page));
        assert!(!is_html("2024 年度\n部门决算"));
    }

    #[test]
    fn nesting_is_measured_before_parsing() {
        assert_eq!(
            nesting_depth("<div><span>a</span><br><img src=x/></div>"),
            2
        );
        assert_eq!(nesting_depth("<table><tr><td>1<td>2<tr><td>3</table>"), 1);
        assert_eq!(nesting_depth("<div/><div />"), 0);
        let deep = "<div>".repeat(100_000);
        let e = html_to_lines("deep.html", &deep).unwrap_err();
        assert!(e.message.contains("嵌套超过"), "{e}");
        let wide = format!(
            "<table><tr>{}</tr></table>",
            "<td colspan=1000>1</td>".repeat(200)
        );
        let e = html_to_lines("wide.html", &wide).unwrap_err();
        assert!(e.message.contains("列"), "{e}");
    }
}
