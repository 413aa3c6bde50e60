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

struct Styles {
    title: Format,
    prose: Format,
    heading: Format,
    head: Format,
    text: Format,
    center: Format,
    amount: Format,
    note: Format,
}

fn styles() -> Styles {
    let cell = Format::new()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::VerticalCenter);
    Styles {
        title: Format::new()
            .set_bold()
            .set_font_size(16)
            .set_align(FormatAlign::Center),
        prose: Format::new().set_text_wrap(),
        heading: Format::new().set_bold(),
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
        note: Format::new().set_text_wrap().set_font_size(9),
    }
}

/// Renders the workbook as bytes.
pub fn render(doc: &Document) -> Result<Vec<u8>, Error> {
    let st = styles();
    let mut book = Workbook::new();
    let mut sheets: Vec<(String, Worksheet, u32)> = Vec::new();
    let mut pending: Vec<String> = Vec::new();
    let new_sheet = |name: &str| -> Result<(String, Worksheet, u32), Error> {
        let mut ws = Worksheet::new();
        ws.set_name(name).map_err(err)?;
        ws.set_column_width(0, 60).map_err(err)?;
        Ok((name.to_string(), ws, 0))
    };
    sheets.push(new_sheet("封面及目录")?);
    for (i, b) in doc.blocks.iter().enumerate() {
        let next_is_table = matches!(doc.blocks.get(i + 1), Some(Block::Table(_)));
        match b {
            Block::Heading { level: 1, text } => {
                let name: String = text.chars().take(4).collect();
                sheets.push(new_sheet(&name)?);
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
                let name = match g.kind {
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
                };
                if sheets.last().is_none_or(|s| s.0 != name) {
                    sheets.push(new_sheet(&name)?);
                }
                if let Some(last) = sheets.last_mut() {
                    for h in pending.drain(..) {
                        last.1
                            .write_string_with_format(last.2, 0, &h, &st.heading)
                            .map_err(err)?;
                        last.2 += 1;
                    }
                    grid(&mut last.1, &mut last.2, g, &st)?;
                }
            }
            Block::Chart(_) | Block::PageBreak => {}
        }
    }
    for (_, ws, _) in sheets {
        book.push_worksheet(ws);
    }
    book.save_to_buffer().map_err(err)
}

fn prose(sheets: &mut [(String, Worksheet, u32)], text: &str, f: &Format) -> Result<(), Error> {
    if let Some(last) = sheets.last_mut() {
        last.1
            .write_string_with_format(last.2, 0, text, f)
            .map_err(err)?;
        last.2 += 1;
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

fn grid(ws: &mut Worksheet, row: &mut u32, g: &Grid, st: &Styles) -> Result<(), Error> {
    let w = g.width.max(1) as u16;
    let perf = g.kind == GridKind::Performance;
    put(ws, *row, 0, &g.title, (1, w), &st.title)?;
    *row += 1;
    for line in [
        Some(&g.number_label),
        g.unit_line.as_ref(),
        g.department_line.as_ref(),
    ]
    .into_iter()
    .flatten()
    .filter(|l| !l.is_empty())
    {
        ws.write_string(*row, 0, line).map_err(err)?;
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
    for br in &g.body {
        // A row of blank amounts would read back as a prose line: mark its blanks.
        let all_blank =
            br.iter().all(|c| c.value.is_none()) && br.iter().any(|c| c.align == Align::Right);
        let mut c: u16 = 0;
        for cell in br {
            let span = cell.colspan.max(1) as u16;
            match cell.value.and_then(|v| v.to_f64()) {
                Some(v) if span == 1 => {
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
                    put(ws, *row, c, text, (1, span), f)?;
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
    if !perf {
        ws.set_freeze_panes(body_start, g.frozen_columns as u16)
            .map_err(err)?;
        for c in 0..w {
            let width = if c < g.frozen_columns as u16 {
                14.0
            } else {
                16.0
            };
            ws.set_column_width(c, width).map_err(err)?;
        }
        if g.frozen_columns == 2 {
            ws.set_column_width(1, 34).map_err(err)?;
        }
    } else {
        for (c, width) in [12.0, 12.0, 16.0, 24.0, 16.0, 16.0, 30.0]
            .iter()
            .enumerate()
        {
            ws.set_column_width(c as u16, *width).map_err(err)?;
        }
    }
    Ok(())
}
