//! The native engine: lays the [`Document`] out on A4 pages in the look of
//! the HTML form and writes the PDF objects directly (`pdf-writer`), with
//! each CJK face used embedded as a Type 0 / CIDFontType2 font (Identity-H,
//! CIDToGIDMap Identity, a `/W` array for the used glyphs and a `ToUnicode`
//! map, so the text layer reads back). No browser, no temporary files.
//!
//! - [`font`]: measuring and encoding with the system CJK face and its fallbacks;
//! - [`text`]: Chinese line breaking;
//! - [`page`]: pages, the flow cursor and drawing primitives;
//! - [`table`]: ruled tables with repeated headers;
//! - [`chart`]: ring and bar charts as vector paths.
//!
//! [`render_with`] prints the document with other [`Layout`] knobs, and
//! [`pages`] gives the text runs of every page as laid out, for the
//! space-separated text form ([`crate::txt_spaced`]).

pub mod chart;
pub mod font;
pub mod page;
pub mod table;
pub mod text;

use crate::document::{Block, Document};
use crate::error::Error;
use crate::pdf::layout::Layout;
use font::{Face, Font};
use page::{baseline, Flow, Run, Style, BOTTOM, CONTENT_W, MARGIN_TOP, MARGIN_X, PAGE_H, PAGE_W};
use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

/// 1 mm in points.
const MM: f32 = 2.835;
/// Body text size and line height (10 pt at 1.5, as the HTML form).
const BODY: f32 = 10.0;
const BODY_LH: f32 = 15.0;
/// Placeholder highlight (#fff2a8) and text (#9c0006) colours.
const MARK_FILL: [f32; 3] = [1.0, 0.949, 0.659];
const MARK_TEXT: [f32; 3] = [0.612, 0.0, 0.024];

/// Writes the document as PDF bytes in the official layout.
pub fn render(doc: &Document) -> Result<Vec<u8>, Error> {
    render_with(doc, &Layout::default())
}

/// Writes the document as PDF bytes with the knobs of `layout`.
pub fn render_with(doc: &Document, layout: &Layout) -> Result<Vec<u8>, Error> {
    render_font(doc, layout, None)
}

/// Writes the document as PDF bytes with the knobs of `layout`, printed
/// with `face` (`None`: the installed default).
pub fn render_font(
    doc: &Document,
    layout: &Layout,
    face: Option<&crate::font::FaceFile>,
) -> Result<Vec<u8>, Error> {
    let doc = layout.document(doc);
    let flow = lay_out(&doc, layout, face)?;
    write(flow, &doc)
}

/// The text runs of every page of the document printed with `layout`, in
/// drawing order (the page numbers last).
pub fn pages(doc: &Document, layout: &Layout) -> Result<Vec<Vec<Run>>, Error> {
    let doc = layout.document(doc);
    let flow = lay_out(&doc, layout, None)?;
    Ok(flow.pages.into_iter().map(|p| p.runs).collect())
}

/// Lays the document out on numbered pages.
fn lay_out(
    doc: &Document,
    layout: &Layout,
    face: Option<&crate::font::FaceFile>,
) -> Result<Flow, Error> {
    let font = Font::load(&all_text(doc), face)?;
    let mut flow = Flow::new(font);
    let mut i = 0;
    while i < doc.blocks.len() {
        // A heading stays on the page with the start of the table or the
        // chart it introduces.
        match (&doc.blocks[i], doc.blocks.get(i + 1)) {
            (Block::Heading { level, text }, Some(Block::Table(g))) => {
                let laid = table::lay(&mut flow, g, layout);
                heading(&mut flow, *level, text, laid.keep());
                table::draw_table(&mut flow, &laid);
                i += 2;
                continue;
            }
            (Block::Heading { level, text }, Some(Block::Chart(c))) => {
                heading(&mut flow, *level, text, chart::height(c));
            }
            (Block::Heading { level, text }, _) => {
                heading(&mut flow, *level, text, 3.0 * BODY_LH);
            }
            (b, _) => block(&mut flow, b, layout),
        }
        i += 1;
    }
    // A trailing break leaves no empty last page.
    if flow.at_top() && flow.pages.len() > 1 {
        flow.pages.pop();
    }
    flow.number_pages();
    Ok(flow)
}

/// Every text of the document, so the face is measured in one pass.
fn all_text(doc: &Document) -> String {
    let mut s = String::with_capacity(64 * 1024);
    s.push_str("目 录-0123456789（）%：");
    for b in &doc.blocks {
        match b {
            Block::Cover {
                year_line,
                title,
                date,
            } => {
                s.push_str(year_line);
                s.push_str(title);
                s.push_str(date.as_deref().unwrap_or_default());
            }
            Block::Toc(entries) => entries.iter().for_each(|e| s.push_str(&e.1)),
            Block::Heading { text, .. } | Block::Paragraph(text) | Block::ListItem(text) => {
                s.push_str(text)
            }
            Block::Table(g) => {
                for t in [&g.title, &g.number_label]
                    .into_iter()
                    .chain(g.unit_line.as_ref())
                    .chain(g.department_line.as_ref())
                    .chain(g.notes.iter())
                    .chain(g.column_numbers.iter().flatten())
                {
                    s.push_str(t);
                }
                for h in g.header.iter().flatten().flatten() {
                    s.push_str(&h.text);
                }
                for c in g.body.iter().flatten() {
                    s.push_str(&c.text);
                }
            }
            Block::Chart(c) => {
                s.push_str(&c.title);
                s.push_str(&c.unit);
                c.labels.iter().for_each(|l| s.push_str(l));
                c.series.iter().for_each(|x| s.push_str(&x.0));
            }
            Block::PageBreak => {}
        }
    }
    s
}

fn block(flow: &mut Flow, b: &Block, layout: &Layout) {
    match b {
        Block::Cover {
            year_line,
            title,
            date,
        } => cover(flow, year_line, title, date.as_deref()),
        Block::Toc(entries) => {
            heading(flow, 1, "目 录", 3.0 * BODY_LH);
            for (level, t) in entries {
                if *level <= 1 {
                    flow.y += 2.5 * MM;
                    paragraph(flow, t, 0.0, Style::BOLD);
                } else {
                    paragraph_at(flow, t, 2.0 * BODY, 2.0 * BODY, Style::PLAIN, false);
                }
            }
        }
        Block::Heading { level, text } => heading(flow, *level, text, 3.0 * BODY_LH),
        Block::Paragraph(t) => {
            paragraph_at(flow, t, 2.0 * BODY, 0.0, Style::PLAIN, true);
            flow.y += 1.2 * MM;
        }
        Block::ListItem(t) => {
            paragraph(flow, t, 0.0, Style::PLAIN);
            flow.y += 1.2 * MM;
        }
        Block::Table(g) => table::table(flow, g, layout),
        Block::Chart(c) => chart::chart(flow, c),
        Block::PageBreak => flow.break_page(),
    }
}

/// The cover: year line, title, date, centred in a 250 mm box as the HTML
/// form's flex column; no page number.
fn cover(flow: &mut Flow, year_line: &str, title: &str, date: Option<&str>) {
    flow.break_page();
    flow.page().numbered = false;
    let (ys, ts, ds) = (22.0, 26.0, 14.0);
    let title_lines = text::wrap(&mut flow.font, title, ts, CONTENT_W, CONTENT_W);
    let h = ys * 1.5
        + 24.0 * MM
        + title_lines.len() as f32 * ts * 1.5
        + date.map_or(0.0, |_| 40.0 * MM + ds * 1.5);
    flow.y = MARGIN_TOP + (250.0 * MM - h) / 2.0;
    let base = baseline(&flow.font, flow.y, ys * 1.5, ys);
    flow.centred(base, ys, year_line, Style::PLAIN);
    flow.y += ys * 1.5 + 12.0 * MM;
    for l in &title_lines {
        let base = baseline(&flow.font, flow.y, ts * 1.5, ts);
        flow.centred(base, ts, &l.text, Style::BOLD);
        flow.y += ts * 1.5;
    }
    flow.y += 12.0 * MM;
    if let Some(d) = date {
        flow.y += 40.0 * MM;
        let base = baseline(&flow.font, flow.y, ds * 1.5, ds);
        flow.centred(base, ds, d, Style::PLAIN);
        flow.y += ds * 1.5;
    }
}

/// Headings: 第X部分 centred at 15 pt, 一、 at 12 pt, （一） at 10.5 pt;
/// kept on a page with the first `follow` points of what follows.
fn heading(flow: &mut Flow, level: u8, text: &str, follow: f32) {
    let (size, before, after) = match level {
        1 => (15.0, 4.0 * MM, 3.0 * MM),
        2 => (12.0, 3.0 * MM, 1.5 * MM),
        _ => (10.5, 2.5 * MM, 1.0 * MM),
    };
    let lh = size * 1.5;
    let lines = text::wrap(&mut flow.font, text, size, CONTENT_W, CONTENT_W);
    let h = lines.len() as f32 * lh;
    // What cannot fit on any page anyway is not waited for.
    let follow = if follow > BOTTOM - MARGIN_TOP - h - before - after {
        3.0 * BODY_LH
    } else {
        follow
    };
    flow.ensure(before + h + after + follow);
    if !flow.at_top() {
        flow.y += before;
    }
    for l in &lines {
        let base = baseline(&flow.font, flow.y, lh, size);
        if level <= 1 {
            flow.centred(base, size, &l.text, Style::BOLD);
        } else {
            flow.text(MARGIN_X, base, size, &l.text, Style::BOLD);
        }
        flow.y += lh;
    }
    flow.y += after;
}

fn paragraph(flow: &mut Flow, t: &str, indent: f32, style: Style) {
    paragraph_at(flow, t, indent, 0.0, style, false);
}

/// A paragraph of body text: first line indented by `first`, the others by
/// `rest`; justified lines (but the last) when `justify`; 【待填写：…】
/// placeholders highlighted as in the HTML form.
fn paragraph_at(flow: &mut Flow, t: &str, first: f32, rest: f32, style: Style, justify: bool) {
    let lines = text::wrap(&mut flow.font, t, BODY, CONTENT_W - first, CONTENT_W - rest);
    let n = lines.len();
    let mut marked = false;
    for (i, l) in lines.iter().enumerate() {
        flow.ensure(BODY_LH);
        let indent = if i == 0 { first } else { rest };
        let chars = l.text.chars().count();
        let slack = CONTENT_W - indent - l.width;
        let spacing = if justify && i + 1 < n && chars > 1 && slack < BODY * 2.0 {
            (slack / (chars - 1) as f32).max(0.0)
        } else {
            0.0
        };
        let base = baseline(&flow.font, flow.y, BODY_LH, BODY);
        let mut x = MARGIN_X + indent;
        for (seg, mark) in segments(&l.text, &mut marked) {
            let w = flow.font.width(seg, BODY) + spacing * seg.chars().count() as f32;
            let mut st = Style { spacing, ..style };
            if mark {
                flow.fill_rect(x, flow.y + 1.0, w, BODY_LH - 2.0, MARK_FILL);
                st.color = Some(MARK_TEXT);
            }
            flow.text(x, base, BODY, seg, st);
            x += w;
        }
        flow.y += BODY_LH;
    }
}

/// Splits a line into runs inside and outside 【…】, carrying the state
/// across lines.
fn segments<'a>(line: &'a str, marked: &mut bool) -> Vec<(&'a str, bool)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in line.char_indices() {
        if c == '【' && !*marked {
            if i > start {
                out.push((&line[start..i], false));
            }
            start = i;
            *marked = true;
        } else if c == '】' && *marked {
            let end = i + c.len_utf8();
            out.push((&line[start..end], true));
            start = end;
            *marked = false;
        }
    }
    if start < line.len() {
        out.push((&line[start..], *marked));
    }
    out
}

/// The PDF objects: catalog, page tree, pages with their content streams,
/// a Type 0 font per face used (with its CIDFont, descriptor, font program
/// and `ToUnicode` map), and the document information.
fn write(flow: Flow, doc: &Document) -> Result<Vec<u8>, Error> {
    let mut next = Ref::new(1);
    let catalog = next.bump();
    let tree = next.bump();
    let info = next.bump();
    let faces: Vec<(usize, Ref)> = flow
        .font
        .faces()
        .iter()
        .enumerate()
        .filter(|(_, f)| !f.used().is_empty())
        .map(|(i, _)| (i, next.bump()))
        .collect();
    let ids: Vec<(Ref, Ref)> = flow
        .pages
        .iter()
        .map(|_| (next.bump(), next.bump()))
        .collect();
    let mut pdf = Pdf::with_capacity(512 * 1024);
    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree)
        .kids(ids.iter().map(|p| p.0))
        .count(ids.len() as i32);
    for (page, (id, content)) in flow.pages.into_iter().zip(&ids) {
        let mut p = pdf.page(*id);
        p.media_box(Rect::new(0.0, 0.0, PAGE_W, PAGE_H))
            .parent(tree)
            .contents(*content);
        {
            let mut resources = p.resources();
            let mut fonts = resources.fonts();
            for (i, type0) in &faces {
                fonts.pair(page::FONTS[*i], *type0);
            }
        }
        p.finish();
        pdf.stream(*content, &deflate(&page.content.finish()))
            .filter(Filter::FlateDecode);
    }
    for (i, type0) in faces {
        write_face(&mut pdf, &mut next, type0, &flow.font.faces()[i])?;
    }
    let title = format!("{} {} 年度部门决算", doc.department, doc.year);
    pdf.document_info(info)
        .title(TextStr(&title))
        .producer(TextStr("juesuan"));
    Ok(pdf.finish())
}

/// One face as a Type 0 font `type0`: its CIDFont with the `/W` widths of
/// the used glyphs, descriptor, subset program and `ToUnicode` map.
fn write_face(pdf: &mut Pdf, next: &mut Ref, type0: Ref, font: &Face) -> Result<(), Error> {
    let program = font.program()?;
    let cid = next.bump();
    let descriptor = next.bump();
    let file = next.bump();
    let to_unicode = next.bump();
    let family: String = font
        .family
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    let name = format!("{}+{}", font.tag(), family);
    let name = Name(name.as_bytes());
    let system = SystemInfo {
        registry: Str(b"Adobe"),
        ordering: Str(b"Identity"),
        supplement: 0,
    };
    pdf.type0_font(type0)
        .base_font(name)
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(cid)
        .to_unicode(to_unicode);
    let mut cid_font = pdf.cid_font(cid);
    cid_font
        .subtype(CidFontType::Type2)
        .base_font(name)
        .system_info(system)
        .font_descriptor(descriptor)
        .default_width(1000.0)
        .cid_to_gid_map_predefined(Name(b"Identity"));
    {
        let mut w = cid_font.widths();
        for (gid, (_, advance)) in font.used() {
            w.consecutive(*gid, [advance * 1000.0]);
        }
    }
    cid_font.finish();
    let [x0, y0, x1, y1] = font.bbox;
    pdf.font_descriptor(descriptor)
        .name(name)
        .flags(FontFlags::SYMBOLIC)
        .bbox(Rect::new(x0, y0, x1, y1))
        .italic_angle(0.0)
        .ascent(font.ascent * 1000.0)
        .descent(font.descent * 1000.0)
        .cap_height(font.ascent * 800.0)
        .stem_v(80.0)
        .font_file2(file);
    pdf.stream(file, &deflate(&program))
        .filter(Filter::FlateDecode)
        .pair(Name(b"Length1"), program.len() as i32);
    let mut cmap = UnicodeCmap::new(Name(b"Juesuan-UTF16"), system);
    for (gid, (c, _)) in font.used() {
        if *gid != 0 {
            cmap.pair(*gid, *c);
        }
    }
    pdf.stream(to_unicode, &deflate(cmap.finish().as_slice()))
        .filter(Filter::FlateDecode);
    Ok(())
}

/// Deflates a stream: the font program and the table pages shrink to a
/// quarter; a fast level costs a few milliseconds on the sample.
fn deflate(data: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut z = flate2::write::ZlibEncoder::new(
        Vec::with_capacity(data.len() / 3),
        flate2::Compression::new(4),
    );
    // Writing into a Vec cannot fail.
    let _ = z.write_all(data);
    z.finish().unwrap_or_default()
}
