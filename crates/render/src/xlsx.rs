//! The workbook: one sheet per table in the official layout (merged
//! headers, `#,##0.00`, frozen panes), the 绩效自评表 on one sheet, and the
//! prose parts (cover, 概况, 情况说明, 名词解释) on their own sheets so that
//! the workbook is the whole disclosure and reads back through the reader.

use crate::document::{Align, Block, Document, Grid, GridKind};
use crate::error::{Error, ErrorKind};
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

fn err(e: XlsxError) -> Error {
    Error::new(ErrorKind::Workbook, format!("无法生成工作簿：{e}"))
}

/// The cell formats shared by the disclosure and the fill-in template.
pub(crate) struct Styles {
    pub(crate) title: Format,
    pub(crate) prose: Format,
    pub(crate) heading: Format,
    pub(crate) head: Format,
    pub(crate) text: Format,
    pub(crate) center: Format,
    pub(crate) amount: Format,
    pub(crate) note: Format,
}

/// The body font of official documents; Excel and LibreOffice resolve the
/// name to the installed 宋体 (SimSun) or its substitute.
pub(crate) const FONT: &str = "宋体";

pub(crate) fn styles() -> Styles {
    let base = Format::new().set_font_name(FONT).set_font_size(10);
    let cell = base
        .clone()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::VerticalCenter);
    Styles {
        title: base
            .clone()
            .set_bold()
            .set_font_size(16)
            .set_align(FormatAlign::Center),
        prose: base.clone().set_text_wrap(),
        heading: base.clone().set_bold(),
        head: cell
            .clone()
            .set_bold()
            .set_align(FormatAlign::Center)
            .set_text_wrap()
            .set_background_color("#F2F2F2"),
        text: cell.clone().set_text_wrap(),
        center: cell.clone().set_align(FormatAlign::Center).set_text_wrap(),
        amount: cell
            .set_num_format("#,##0.00")
            .set_align(FormatAlign::Right),
        note: base.set_text_wrap().set_font_size(9),
    }
}

/// A4 print setup: portrait or landscape, one page wide, 2 cm margins,
/// "第 N 页" centred in the footer, and `repeat` rows (a table's title and
/// header) printed atop every page.
pub(crate) fn print_setup(
    ws: &mut Worksheet,
    landscape: bool,
    repeat: Option<(u32, u32)>,
) -> Result<(), Error> {
    ws.set_paper_size(9);
    if landscape {
        ws.set_landscape();
    }
    ws.set_print_fit_to_pages(1, 0);
    ws.set_margins(0.6, 0.6, 0.75, 0.75, 0.3, 0.3);
    ws.set_print_center_horizontally(true);
    ws.set_footer("&C第 &P 页");
    if let Some((first, last)) = repeat {
        ws.set_repeat_rows(first, last).map_err(err)?;
    }
    Ok(())
}

/// Column widths of a 自评表 (Excel character units).
const PERFORMANCE_WIDTHS: [f64; 7] = [12.0, 12.0, 16.0, 24.0, 16.0, 16.0, 30.0];

/// The width of a text in Excel character units: a CJK character counts two.
fn text_width(t: &str) -> f64 {
    t.chars()
        .map(|c| if c.is_ascii() { 1.0 } else { 2.0 })
        .sum()
}

/// Column widths (Excel character units) from the longest unmerged text of
/// each column, a CJK character counting two; header words may wrap a
/// little, so they count for less.
fn column_widths(g: &Grid) -> Vec<f64> {
    let len = text_width;
    let mut w = vec![6.0_f64; g.width.max(1)];
    for row in &g.body {
        let mut c = 0;
        for cell in row {
            if cell.colspan <= 1 && c < w.len() {
                w[c] = w[c].max(len(&cell.text) + 2.0);
            }
            c += cell.colspan.max(1);
        }
    }
    for row in &g.header {
        for (c, cell) in row.iter().enumerate() {
            if let Some(h) = cell.as_ref().filter(|h| h.colspan == 1) {
                w[c] = w[c].max(len(&h.text) * 0.8 + 2.0);
            }
        }
    }
    w.into_iter().map(|x| x.clamp(6.0, 44.0)).collect()
}

/// Whether a table prints landscape: more than six columns.
pub(crate) fn is_wide(g: &Grid) -> bool {
    g.width > 6
}

/// A sheet being written: its name, next row, and what its print setup needs.
struct Sheet {
    name: String,
    ws: Worksheet,
    row: u32,
    wide: bool,
    repeat: Option<(u32, u32)>,
    breaks: Vec<u32>,
}

impl Sheet {
    fn new(name: &str) -> Result<Sheet, Error> {
        let mut ws = Worksheet::new();
        ws.set_name(name).map_err(err)?;
        ws.set_column_width(0, 60).map_err(err)?;
        Ok(Sheet {
            name: name.to_string(),
            ws,
            row: 0,
            wide: false,
            repeat: None,
            breaks: Vec::new(),
        })
    }
}

/// Renders the workbook as bytes.
pub fn render(doc: &Document) -> Result<Vec<u8>, Error> {
    let st = styles();
    let mut book = Workbook::new();
    let mut sheets: Vec<Sheet> = vec![Sheet::new("封面及目录")?];
    let mut pending: Vec<String> = Vec::new();
    for (i, b) in doc.blocks.iter().enumerate() {
        let next_is_table = matches!(doc.blocks.get(i + 1), Some(Block::Table(_)));
        // A part that opens straight onto a table (第二部分) gets no sheet of
        // its own: its heading goes atop the first table's sheet.
        let opens_tables = matches!(doc.blocks.get(i + 1), Some(Block::Heading { level: 2, .. }))
            && matches!(doc.blocks.get(i + 2), Some(Block::Table(_)));
        match b {
            Block::Heading { level: 1, text } if opens_tables => pending.push(text.clone()),
            Block::Heading { level: 1, text } => {
                let name: String = text.chars().take(4).collect();
                sheets.push(Sheet::new(&name)?);
                prose(&mut sheets, text, &st.heading)?;
            }
            Block::Heading { level: 2, text } if next_is_table => pending.push(text.clone()),
            Block::Heading { text, .. } => prose(&mut sheets, text, &st.heading)?,
            Block::Cover {
                year_line,
                title,
                date,
            } => {
                prose(&mut sheets, year_line, &st.title)?;
                prose(&mut sheets, title, &st.title)?;
                if let Some(d) = date {
                    prose(&mut sheets, d, &st.title)?;
                }
            }
            Block::Toc(entries) => {
                prose(&mut sheets, "目 录", &st.heading)?;
                for (_, t) in entries {
                    prose(&mut sheets, t, &st.prose)?;
                }
            }
            Block::Paragraph(t) | Block::ListItem(t) => prose(&mut sheets, t, &st.prose)?,
            Block::Table(g) => {
                let name = sheet_name(g);
                let fresh = sheets.last().is_none_or(|s| s.name != name);
                if fresh {
                    sheets.push(Sheet::new(&name)?);
                }
                if let Some(last) = sheets.last_mut() {
                    // Each 自评表 of the shared sheet starts a printed page.
                    if !fresh && last.row > 0 {
                        last.breaks.push(last.row);
                    }
                    for h in pending.drain(..) {
                        last.ws
                            .write_string_with_format(last.row, 0, &h, &st.heading)
                            .map_err(err)?;
                        last.row += 1;
                    }
                    let top = last.row;
                    let body = grid(&mut last.ws, &mut last.row, g, &st)?;
                    // A 自评表 prints portrait, as published.
                    last.wide |= is_wide(g) && g.kind != GridKind::Performance;
                    if fresh && g.kind != GridKind::Performance {
                        last.repeat = Some((top, body.saturating_sub(1).max(top)));
                    }
                }
            }
            Block::Chart(_) | Block::PageBreak => {}
        }
    }
    for mut sheet in sheets {
        print_setup(&mut sheet.ws, sheet.wide, sheet.repeat)?;
        if !sheet.breaks.is_empty() {
            sheet.ws.set_page_breaks(&sheet.breaks).map_err(err)?;
        }
        book.push_worksheet(sheet.ws);
    }
    book.save_to_buffer().map_err(err)
}

/// The sheet a table goes on: 公开NN表, the 绩效自评表 sheet, or the title.
pub(crate) fn sheet_name(g: &Grid) -> String {
    match g.kind {
        GridKind::Performance => "项目支出绩效自评表".to_string(),
        GridKind::Statutory(_) if !g.number_label.trim().is_empty() => {
            g.number_label.replace(' ', "")
        }
        // Layouts without 公开NN表 numbers (Shanghai): the title,
        // within Excel's 31 characters and without its reserved signs.
        GridKind::Statutory(_) => g
            .title
            .chars()
            .filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\'))
            .take(31)
            .collect(),
    }
}

fn prose(sheets: &mut [Sheet], text: &str, f: &Format) -> Result<(), Error> {
    if let Some(last) = sheets.last_mut() {
        last.ws
            .write_string_with_format(last.row, 0, text, f)
            .map_err(err)?;
        last.row += 1;
    }
    Ok(())
}

fn put(
    ws: &mut Worksheet,
    r: u32,
    c: u16,
    text: &str,
    span: (u32, u16),
    f: &Format,
) -> Result<(), Error> {
    if span.0 > 1 || span.1 > 1 {
        ws.merge_range(r, c, r + span.0 - 1, c + span.1 - 1, text, f)
            .map_err(err)?;
    } else if text.is_empty() {
        ws.write_blank(r, c, f).map_err(err)?;
    } else {
        ws.write_string_with_format(r, c, text, f).map_err(err)?;
    }
    Ok(())
}

/// Writes one table from `row` on; returns the row its body starts at.
pub(crate) fn grid(ws: &mut Worksheet, row: &mut u32, g: &Grid, st: &Styles) -> Result<u32, Error> {
    let w = g.width.max(1) as u16;
    let perf = g.kind == GridKind::Performance;
    put(ws, *row, 0, &g.title, (1, w), &st.title)?;
    *row += 1;
    // As printed: 表号 and 单位 at the right margin, 部门 at the left, each
    // across the table's width (one cell, so each reads as its own line).
    let right = st.prose.clone().set_align(FormatAlign::Right);
    for (line, f) in [
        (Some(&g.number_label), &right),
        (g.unit_line.as_ref(), &right),
        (g.department_line.as_ref(), &st.prose),
    ] {
        let Some(line) = line.filter(|l| !l.is_empty()) else {
            continue;
        };
        put(ws, *row, 0, line, (1, w), f)?;
        *row += 1;
    }
    for hr in &g.header {
        for (c, cell) in hr.iter().enumerate() {
            if let Some(h) = cell {
                put(
                    ws,
                    *row,
                    c as u16,
                    &h.text,
                    (h.rowspan as u32, h.colspan as u16),
                    &st.head,
                )?;
            }
        }
        *row += 1;
    }
    if let Some(n) = &g.column_numbers {
        for (c, t) in n.iter().enumerate() {
            put(ws, *row, c as u16, t, (1, 1), &st.center)?;
        }
        *row += 1;
    }
    let body_start = *row;
    let covered = crate::document::covered(g);
    for (r, br) in g.body.iter().enumerate() {
        // A row of blank amounts would read back as a prose line: mark its blanks.
        let all_blank =
            br.iter().all(|c| c.value.is_none()) && br.iter().any(|c| c.align == Align::Right);
        let mut c: u16 = 0;
        for cell in br {
            let span = cell.colspan.max(1) as u16;
            let down = cell.rowspan.max(1) as u32;
            if covered[r].get(c as usize).copied().unwrap_or(false) {
                c += span;
                continue;
            }
            match cell.value.and_then(|v| v.to_f64()) {
                Some(v) if span == 1 && down == 1 => {
                    ws.write_number_with_format(*row, c, v, &st.amount)
                        .map_err(err)?;
                }
                _ => {
                    let f = match cell.align {
                        Align::Right => &st.amount,
                        Align::Center => &st.center,
                        Align::Left => &st.text,
                    };
                    let text = if all_blank && cell.align == Align::Right {
                        "-"
                    } else {
                        cell.text.as_str()
                    };
                    put(ws, *row, c, text, (down, span), f)?;
                }
            }
            c += span;
        }
        *row += 1;
    }
    for n in &g.notes {
        put(ws, *row, 0, n, (1, w), &st.note)?;
        *row += 1;
    }
    *row += 1;
    let widths = if perf {
        PERFORMANCE_WIDTHS.to_vec()
    } else {
        ws.set_freeze_panes(body_start, g.frozen_columns as u16)
            .map_err(err)?;
        column_widths(g)
    };
    for (c, width) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *width).map_err(err)?;
    }
    // Spreadsheets do not grow a row for wrapped text they did not lay out
    // themselves: give each body row the lines its longest cell needs.
    for (r, br) in g.body.iter().enumerate() {
        let mut c = 0;
        let mut lines = 1.0_f64;
        for cell in br {
            let span = cell.colspan.max(1);
            let room: f64 = widths.iter().skip(c).take(span).sum::<f64>().max(1.0);
            if cell.rowspan <= 1 {
                lines = lines.max((text_width(&cell.text) / room).ceil());
            }
            c += span;
        }
        if lines > 1.0 {
            ws.set_row_height(body_start + r as u32, lines * 13.5)
                .map_err(err)?;
        }
    }
    Ok(body_start)
}
