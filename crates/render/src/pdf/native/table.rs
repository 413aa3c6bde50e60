//! Tables as published: the title centred, the 公开NN表 label at the right,
//! the 部门/单位 line, a ruled header matrix (row and column spans), the
//! 栏次 row, body rows (long text wraps inside its cell and the row
//! grows), notes below. A table that runs on repeats its header on the next
//! page. Each body row prints as one text line per cell line with amounts
//! right-aligned in their column, which is what a reader of published PDFs
//! expects.

use super::page::{baseline, Flow, Style, BOTTOM, CONTENT_W, MARGIN_TOP, MARGIN_X};
use super::text::{wrap, Line};
use crate::document::{Align, Grid, GridKind};

/// Cell text size and line height (the HTML form's 7.5 pt at 1.3).
const SIZE: f32 = 7.5;
const LH: f32 = 9.75;
/// Cell padding.
const PAD_X: f32 = 2.0;
const PAD_Y: f32 = 1.2;
/// Ruling line width.
const RULE: f32 = 0.5;
/// Header background (#eee).
const HEAD_FILL: [f32; 3] = [0.933, 0.933, 0.933];
/// The weight [`crate::html::column_weights`] gives name columns.
const NAME_WEIGHT: u32 = 30;
/// Meta line (部门/单位/公开NN表) size.
const META: f32 = 8.5;
/// Notes size and line height.
const NOTE: f32 = 8.0;
const NOTE_LH: f32 = 11.2;
/// 1 mm in points.
const MM: f32 = 2.835;

/// One ruled cell of a band, relative to the band's top.
struct Cell {
    x: f32,
    w: f32,
    /// Where the text is aligned (the cell itself, but for group labels).
    text_x: f32,
    text_w: f32,
    top: f32,
    h: f32,
    lines: Vec<Line>,
    align: Align,
    head: bool,
}

/// Rows drawn together: the header (all its rows and the 栏次 row) or one
/// body row.
struct Band {
    h: f32,
    cells: Vec<Cell>,
}

/// Column widths from the HTML form's weights, filling the text area.
fn widths(g: &Grid) -> Vec<f32> {
    let weights = crate::html::column_weights(g);
    let total: u32 = weights.iter().sum::<u32>().max(1);
    weights
        .iter()
        .map(|w| CONTENT_W * *w as f32 / total as f32)
        .collect()
}

fn span(xs: &[f32], ws: &[f32], c: usize, n: usize) -> (f32, f32) {
    let c = c.min(ws.len().saturating_sub(1));
    let end = (c + n.max(1)).min(ws.len());
    (xs[c], ws[c..end].iter().sum())
}

fn lines_for(flow: &mut Flow, text: &str, w: f32, align: Align) -> Vec<Line> {
    if align == Align::Right {
        // Amounts never wrap.
        return vec![Line {
            text: text.to_string(),
            width: flow.font.width(text, SIZE),
        }];
    }
    let inner = (w - 2.0 * PAD_X).max(SIZE);
    wrap(&mut flow.font, text, SIZE, inner, inner)
}

fn need(lines: &[Line]) -> f32 {
    lines.len().max(1) as f32 * LH + 2.0 * PAD_Y
}

/// The header matrix and the 栏次 row as one band.
fn header(flow: &mut Flow, g: &Grid, xs: &[f32], ws: &[f32]) -> Option<Band> {
    if g.header.is_empty() && g.column_numbers.is_none() {
        return None;
    }
    let names: Vec<bool> = crate::html::column_weights(g)
        .iter()
        .map(|w| *w >= NAME_WEIGHT)
        .collect();
    let rows = g.header.len();
    let mut placed = Vec::new();
    for (r, row) in g.header.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let Some(h) = cell else { continue };
            let (x, w) = span(xs, ws, c, h.colspan);
            let n = h.rowspan.clamp(1, rows - r);
            // A group label over a wide name column and its figures (收入
            // over 项目/行次/决算数) is centred over the name column: centred
            // over the whole span it would float in the gap between the
            // names and the figures, where a reader of the text layer takes
            // it for a column of its own.
            let (tx, tw) = if h.colspan > 1 && r + n < rows && names[c] {
                (xs[c], ws[c])
            } else {
                (x, w)
            };
            let lines = lines_for(flow, &h.text, tw, Align::Center);
            placed.push((r, n, x, w, tx, tw, lines));
        }
    }
    // Row heights: single-row cells first, then spanning cells grow the
    // last row they cover.
    let mut hs = vec![LH + 2.0 * PAD_Y; rows];
    for (r, n, _, _, _, _, lines) in &placed {
        if *n == 1 {
            hs[*r] = hs[*r].max(need(lines));
        }
    }
    for (r, n, _, _, _, _, lines) in &placed {
        let have: f32 = hs[*r..*r + *n].iter().sum();
        if *n > 1 && need(lines) > have {
            hs[*r + *n - 1] += need(lines) - have;
        }
    }
    let tops: Vec<f32> = hs
        .iter()
        .scan(0.0, |t, h| {
            let top = *t;
            *t += h;
            Some(top)
        })
        .collect();
    let mut cells: Vec<Cell> = placed
        .into_iter()
        .map(|(r, n, x, w, tx, tw, lines)| Cell {
            x,
            w,
            text_x: tx,
            text_w: tw,
            top: tops[r],
            h: hs[r..r + n].iter().sum(),
            lines,
            align: Align::Center,
            head: true,
        })
        .collect();
    let mut h: f32 = hs.iter().sum();
    if let Some(numbers) = &g.column_numbers {
        let row_h = LH + 2.0 * PAD_Y;
        for (c, t) in numbers.iter().enumerate().take(ws.len()) {
            let lines = lines_for(flow, t, ws[c], Align::Center);
            cells.push(Cell {
                x: xs[c],
                w: ws[c],
                text_x: xs[c],
                text_w: ws[c],
                top: h,
                h: row_h,
                lines,
                align: Align::Center,
                head: false,
            });
        }
        h += row_h;
    }
    Some(Band { h, cells })
}

fn body(flow: &mut Flow, g: &Grid, xs: &[f32], ws: &[f32]) -> Vec<Band> {
    g.body
        .iter()
        .map(|row| {
            let mut c = 0;
            let mut cells = Vec::with_capacity(row.len());
            for cell in row {
                if c >= ws.len() {
                    break;
                }
                let (x, w) = span(xs, ws, c, cell.colspan);
                let lines = lines_for(flow, &cell.text, w, cell.align);
                cells.push(Cell {
                    x,
                    w,
                    text_x: x,
                    text_w: w,
                    top: 0.0,
                    h: 0.0,
                    lines,
                    align: cell.align,
                    head: false,
                });
                c += cell.colspan.max(1);
            }
            let h = cells
                .iter()
                .map(|c| need(&c.lines))
                .fold(LH + 2.0 * PAD_Y, f32::max);
            for cell in &mut cells {
                cell.h = h;
            }
            Band { h, cells }
        })
        .collect()
}

fn draw(flow: &mut Flow, band: &Band, top: f32) {
    for c in &band.cells {
        if c.head {
            flow.fill_rect(c.x, top + c.top, c.w, c.h, HEAD_FILL);
        }
    }
    for c in &band.cells {
        flow.stroke_rect(c.x, top + c.top, c.w, c.h, RULE);
        let block = c.lines.len() as f32 * LH;
        let t0 = top + c.top + (c.h - block) / 2.0;
        let style = if c.head { Style::BOLD } else { Style::PLAIN };
        for (i, l) in c.lines.iter().enumerate() {
            let x = match c.align {
                Align::Left => c.text_x + PAD_X,
                Align::Center => c.text_x + (c.text_w - l.width) / 2.0,
                Align::Right => c.text_x + c.text_w - PAD_X - l.width,
            };
            let base = baseline(&flow.font, t0 + i as f32 * LH, LH, SIZE);
            flow.text(x, base, SIZE, &l.text, style);
        }
    }
}

/// A table laid out, not yet drawn.
pub struct Laid<'g> {
    g: &'g Grid,
    perf: bool,
    title_size: f32,
    title_lines: Vec<Line>,
    head: Option<Band>,
    rows: Vec<Band>,
    notes: Vec<Line>,
    keep: f32,
}

impl Laid<'_> {
    /// The height that must start on one page: title, meta lines, header
    /// and first row; a whole 绩效自评表 when it fits on a page.
    pub fn keep(&self) -> f32 {
        self.keep
    }
}

/// Lays out one table (cell lines, row heights) without drawing it.
pub fn lay<'g>(flow: &mut Flow, g: &'g Grid) -> Laid<'g> {
    let perf = g.kind == GridKind::Performance;
    let ws = widths(g);
    let xs: Vec<f32> = ws
        .iter()
        .scan(MARGIN_X, |x, w| {
            let at = *x;
            *x += w;
            Some(at)
        })
        .collect();
    let title_size = if perf { 10.5 } else { 12.0 };
    let title_lines = wrap(&mut flow.font, &g.title, title_size, CONTENT_W, CONTENT_W);
    let title_h = title_lines.len() as f32 * title_size * 1.5 + if perf { MM } else { 3.0 * MM };
    let meta_lines = if perf {
        0
    } else {
        usize::from(!g.number_label.is_empty())
            + usize::from(g.department_line.is_some() || g.unit_line.is_some())
    };
    let meta_h = meta_lines as f32 * META * 1.5 + MM;
    let head = header(flow, g, &xs, &ws);
    let rows = body(flow, g, &xs, &ws);
    let notes: Vec<Line> = g
        .notes
        .iter()
        .flat_map(|n| wrap(&mut flow.font, n, NOTE, CONTENT_W, CONTENT_W))
        .collect();
    let head_h = head.as_ref().map_or(0.0, |b| b.h);
    let lead = title_h + meta_h + head_h + rows.first().map_or(0.0, |r| r.h);
    let mut keep = lead;
    if perf {
        // A 绩效自评表 stays on one page when it fits on one.
        let total = lead - rows.first().map_or(0.0, |r| r.h)
            + rows.iter().map(|r| r.h).sum::<f32>()
            + notes.len() as f32 * NOTE_LH;
        if total <= BOTTOM - MARGIN_TOP {
            keep = total;
        }
    }
    Laid {
        g,
        perf,
        title_size,
        title_lines,
        head,
        rows,
        notes,
        keep,
    }
}

/// Lays out and draws one table at the cursor.
pub fn table(flow: &mut Flow, g: &Grid) {
    let laid = lay(flow, g);
    draw_table(flow, &laid);
}

/// Draws a laid-out table at the cursor, on a new page when its
/// [`Laid::keep`] part does not fit.
pub fn draw_table(flow: &mut Flow, t: &Laid) {
    let Laid {
        g,
        perf,
        title_size,
        ref title_lines,
        ref head,
        ref rows,
        ref notes,
        keep,
    } = *t;
    let title_lh = title_size * 1.5;
    let meta_lh = META * 1.5;
    flow.ensure(keep);
    // Title.
    flow.y += if perf { 0.0 } else { 2.0 * MM };
    for l in title_lines {
        let base = baseline(&flow.font, flow.y, title_lh, title_size);
        flow.centred(base, title_size, &l.text, Style::BOLD);
        flow.y += title_lh;
    }
    flow.y += MM;
    // 公开NN表 at the right, then 部门 at the left and 单位 at the right.
    if !perf {
        let right = MARGIN_X + CONTENT_W;
        if !g.number_label.is_empty() {
            let base = baseline(&flow.font, flow.y, meta_lh, META);
            let w = flow.font.width(&g.number_label, META);
            flow.text(right - w, base, META, &g.number_label, Style::PLAIN);
            flow.y += meta_lh;
        }
        if g.department_line.is_some() || g.unit_line.is_some() {
            let base = baseline(&flow.font, flow.y, meta_lh, META);
            if let Some(d) = &g.department_line {
                flow.text(MARGIN_X, base, META, d, Style::PLAIN);
            }
            if let Some(u) = &g.unit_line {
                let w = flow.font.width(u, META);
                flow.text(right - w, base, META, u, Style::PLAIN);
            }
            flow.y += meta_lh;
        }
        flow.y += MM;
    }
    if let Some(h) = head {
        draw(flow, h, flow.y);
        flow.y += h.h;
    }
    for row in rows {
        if flow.y + row.h > BOTTOM + 0.01 {
            flow.new_page();
            if let Some(h) = head {
                draw(flow, h, flow.y);
                flow.y += h.h;
            }
        }
        draw(flow, row, flow.y);
        flow.y += row.h;
    }
    flow.y += 1.5 * MM;
    for n in notes {
        flow.ensure(NOTE_LH);
        let base = baseline(&flow.font, flow.y, NOTE_LH, NOTE);
        flow.text(MARGIN_X, base, NOTE, &n.text, Style::PLAIN);
        flow.y += NOTE_LH;
    }
    if perf {
        flow.y += 3.0 * MM;
    }
}
