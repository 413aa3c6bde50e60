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
use crate::pdf::layout::{Layout, VAlign, Widths};

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
/// The weights [`crate::html::column_weights`] gives name, 科目代码 and
/// 行次 columns (every other column holds figures).
const NAME_WEIGHT: u32 = 30;
const CODE_WEIGHT: u32 = 12;
const LINE_NO_WEIGHT: u32 = 5;
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
    /// Spans rows: its text stands at the top, on its first row's line,
    /// where a reader of the text layer looks for a carried-down label.
    merged: bool,
}

/// Rows drawn together: the header (all its rows and the 栏次 row) or one
/// body row.
struct Band {
    h: f32,
    cells: Vec<Cell>,
    /// A body row (its cells follow the layout's vertical alignment; the
    /// header's are centred).
    body: bool,
}

/// The text size of a table's cells, its line height and where body
/// lines stand in a row.
#[derive(Debug, Clone, Copy)]
struct Metrics {
    size: f32,
    lh: f32,
    valign: VAlign,
}

impl Metrics {
    /// The official size, scaled by `k` (≤ 1) when the figures would not
    /// fit their columns otherwise.
    fn scaled(k: f32, valign: VAlign) -> Metrics {
        if k < 1.0 {
            Metrics {
                size: SIZE * k,
                lh: LH * k,
                valign,
            }
        } else {
            Metrics {
                size: SIZE,
                lh: LH,
                valign,
            }
        }
    }
}

/// What a column holds, from its header label (as the HTML weights say).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    Name,
    Code,
    LineNo,
    Figure,
}

fn slots(weights: &[u32]) -> Vec<Slot> {
    weights
        .iter()
        .map(|w| match *w {
            w if w >= NAME_WEIGHT => Slot::Name,
            CODE_WEIGHT => Slot::Code,
            LINE_NO_WEIGHT => Slot::LineNo,
            _ => Slot::Figure,
        })
        .collect()
}

/// Column widths and the scale of the cell text. The HTML form's weights
/// fill the text area; the text shrinks when an amount would not fit its
/// column (amounts in 元 in a table of many columns). Narrow widths give
/// name columns the layout's width and every other column the width of
/// its widest entry.
fn widths(flow: &mut Flow, g: &Grid, layout: &Layout) -> (Vec<f32>, f32) {
    let weights = crate::html::column_weights(g);
    let slots = slots(&weights);
    // The natural width of each slot's widest single-slot body text, and
    // of its widest amount.
    let mut widest = vec![0.0f32; g.width];
    let mut widest_amount = vec![0.0f32; g.width];
    for row in &g.body {
        let mut c = 0;
        for cell in row {
            if cell.colspan.max(1) == 1 && c < widest.len() {
                let w = flow.font.width(&cell.text, SIZE);
                widest[c] = widest[c].max(w);
                if cell.align == Align::Right {
                    widest_amount[c] = widest_amount[c].max(w);
                }
            }
            c += cell.colspan.max(1);
        }
    }
    let statutory = g.kind != GridKind::Performance;
    match layout.widths {
        Widths::Narrow { name } if statutory => {
            let inner: Vec<f32> = slots
                .iter()
                .zip(&widest)
                .map(|(s, w)| match s {
                    Slot::Name => name.max(SIZE),
                    Slot::Code => w.max(SIZE),
                    Slot::LineNo => w.max(2.0 * SIZE),
                    Slot::Figure => w.max(3.0 * SIZE),
                })
                .collect();
            let pads = 2.0 * PAD_X * inner.len() as f32;
            let text: f32 = inner.iter().sum();
            let k = if text + pads > CONTENT_W {
                ((CONTENT_W - pads) / text).max(0.1)
            } else {
                1.0
            };
            (inner.iter().map(|w| w * k + 2.0 * PAD_X).collect(), k)
        }
        _ => {
            let total: u32 = weights.iter().sum::<u32>().max(1);
            let ws: Vec<f32> = weights
                .iter()
                .map(|w| CONTENT_W * *w as f32 / total as f32)
                .collect();
            let k = ws
                .iter()
                .zip(&widest_amount)
                .filter(|(w, t)| statutory && **t > **w - 2.0 * PAD_X)
                .map(|(w, t)| ((w - 2.0 * PAD_X) / t).max(0.1))
                .fold(1.0f32, f32::min);
            (ws, k)
        }
    }
}

fn span(xs: &[f32], ws: &[f32], c: usize, n: usize) -> (f32, f32) {
    let c = c.min(ws.len().saturating_sub(1));
    let end = (c + n.max(1)).min(ws.len());
    (xs[c], ws[c..end].iter().sum())
}

fn lines_for(flow: &mut Flow, m: &Metrics, text: &str, w: f32, align: Align) -> Vec<Line> {
    if align == Align::Right {
        // Amounts never wrap.
        return vec![Line {
            text: text.to_string(),
            width: flow.font.width(text, m.size),
        }];
    }
    let inner = (w - 2.0 * PAD_X).max(m.size);
    wrap(&mut flow.font, text, m.size, inner, inner)
}

fn need(m: &Metrics, lines: &[Line]) -> f32 {
    lines.len().max(1) as f32 * m.lh + 2.0 * PAD_Y
}

/// The header matrix and the 栏次 row as one band.
fn header(flow: &mut Flow, m: &Metrics, g: &Grid, xs: &[f32], ws: &[f32]) -> Option<Band> {
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
            let lines = lines_for(flow, m, &h.text, tw, Align::Center);
            placed.push((r, n, x, w, tx, tw, lines));
        }
    }
    // Row heights: single-row cells first, then spanning cells grow the
    // last row they cover.
    let mut hs = vec![m.lh + 2.0 * PAD_Y; rows];
    for (r, n, _, _, _, _, lines) in &placed {
        if *n == 1 {
            hs[*r] = hs[*r].max(need(m, lines));
        }
    }
    for (r, n, _, _, _, _, lines) in &placed {
        let have: f32 = hs[*r..*r + *n].iter().sum();
        if *n > 1 && need(m, lines) > have {
            hs[*r + *n - 1] += need(m, lines) - have;
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
            merged: false,
        })
        .collect();
    let mut h: f32 = hs.iter().sum();
    if let Some(numbers) = &g.column_numbers {
        let row_h = m.lh + 2.0 * PAD_Y;
        for (c, t) in numbers.iter().enumerate().take(ws.len()) {
            let lines = lines_for(flow, m, t, ws[c], Align::Center);
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
                merged: false,
            });
        }
        h += row_h;
    }
    Some(Band {
        h,
        cells,
        body: false,
    })
}

/// The body rows. With `merge`, a cell spanning rows is drawn once over
/// them (the slots it covers below are left out): only for a table that
/// stays on one page, where no page break can cut a merged cell.
fn body(flow: &mut Flow, m: &Metrics, g: &Grid, xs: &[f32], ws: &[f32], merge: bool) -> Vec<Band> {
    let covered = crate::document::covered(g);
    // (band, cell index, rows spanned) of each merged cell.
    let mut merged: Vec<(usize, usize, usize)> = Vec::new();
    let mut bands: Vec<Band> = Vec::with_capacity(g.body.len());
    for (r, row) in g.body.iter().enumerate() {
        let mut c = 0;
        let mut cells = Vec::with_capacity(row.len());
        let mut h = m.lh + 2.0 * PAD_Y;
        for cell in row {
            if c >= ws.len() {
                break;
            }
            let here = c;
            c += cell.colspan.max(1);
            if merge && covered[r].get(here).copied().unwrap_or(false) {
                continue;
            }
            let (x, w) = span(xs, ws, here, cell.colspan);
            let lines = lines_for(flow, m, &cell.text, w, cell.align);
            let down = if merge {
                cell.rowspan.clamp(1, g.body.len() - r)
            } else {
                1
            };
            if down > 1 {
                merged.push((r, cells.len(), down));
            } else {
                h = h.max(need(m, &lines));
            }
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
                merged: down > 1,
            });
        }
        bands.push(Band {
            h,
            cells,
            body: true,
        });
    }
    // A merged cell's text that needs more than its rows grows the last one.
    for &(r, i, n) in &merged {
        let have: f32 = bands[r..r + n].iter().map(|b| b.h).sum();
        let want = need(m, &bands[r].cells[i].lines);
        if want > have {
            bands[r + n - 1].h += want - have;
        }
    }
    for b in &mut bands {
        let h = b.h;
        for cell in &mut b.cells {
            cell.h = h;
        }
    }
    for &(r, i, n) in &merged {
        let total: f32 = bands[r..r + n].iter().map(|b| b.h).sum();
        bands[r].cells[i].h = total;
    }
    bands
}

fn draw(flow: &mut Flow, m: &Metrics, band: &Band, top: f32) {
    for c in &band.cells {
        if c.head {
            flow.fill_rect(c.x, top + c.top, c.w, c.h, HEAD_FILL);
        }
    }
    for c in &band.cells {
        flow.stroke_rect(c.x, top + c.top, c.w, c.h, RULE);
        let block = c.lines.len() as f32 * m.lh;
        let t0 = match (band.body, m.valign) {
            (true, _) if c.merged => top + c.top + PAD_Y,
            (true, VAlign::Top) => top + c.top + PAD_Y,
            (true, VAlign::Bottom) => top + c.top + c.h - PAD_Y - block,
            _ => top + c.top + (c.h - block) / 2.0,
        };
        let style = if c.head { Style::BOLD } else { Style::PLAIN };
        for (i, l) in c.lines.iter().enumerate() {
            let x = match c.align {
                Align::Left => c.text_x + PAD_X,
                Align::Center => c.text_x + (c.text_w - l.width) / 2.0,
                Align::Right => c.text_x + c.text_w - PAD_X - l.width,
            };
            let base = baseline(&flow.font, t0 + i as f32 * m.lh, m.lh, m.size);
            flow.text(x, base, m.size, &l.text, style);
        }
    }
}

/// A table laid out, not yet drawn.
pub struct Laid<'g> {
    g: &'g Grid,
    metrics: Metrics,
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

/// Lays out one table (cell lines, row heights) without drawing it, with
/// the column widths and vertical alignment of `layout`.
pub fn lay<'g>(flow: &mut Flow, g: &'g Grid, layout: &Layout) -> Laid<'g> {
    let perf = g.kind == GridKind::Performance;
    let (ws, k) = widths(flow, g, layout);
    let m = Metrics::scaled(k, layout.valign);
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
    let head = header(flow, &m, g, &xs, &ws);
    let mut rows = body(flow, &m, g, &xs, &ws, false);
    let notes: Vec<Line> = g
        .notes
        .iter()
        .flat_map(|n| wrap(&mut flow.font, n, NOTE, CONTENT_W, CONTENT_W))
        .collect();
    let head_h = head.as_ref().map_or(0.0, |b| b.h);
    let lead = title_h + meta_h + head_h + rows.first().map_or(0.0, |r| r.h);
    let mut keep = lead;
    if perf {
        // A 绩效自评表 stays on one page when it fits on one, and then
        // prints its merged cells (资金情况, 一级/二级指标) as merged.
        let total_of = |rows: &[Band]| {
            lead - rows.first().map_or(0.0, |r| r.h)
                + rows.iter().map(|r| r.h).sum::<f32>()
                + notes.len() as f32 * NOTE_LH
        };
        let merged = body(flow, &m, g, &xs, &ws, true);
        if total_of(&merged) <= BOTTOM - MARGIN_TOP {
            keep = total_of(&merged);
            rows = merged;
        } else if total_of(&rows) <= BOTTOM - MARGIN_TOP {
            keep = total_of(&rows);
        }
    }
    Laid {
        g,
        metrics: m,
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
pub fn table(flow: &mut Flow, g: &Grid, layout: &Layout) {
    let laid = lay(flow, g, layout);
    draw_table(flow, &laid);
}

/// Draws a laid-out table at the cursor, on a new page when its
/// [`Laid::keep`] part does not fit.
pub fn draw_table(flow: &mut Flow, t: &Laid) {
    let Laid {
        g,
        metrics: ref m,
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
        draw(flow, m, h, flow.y);
        flow.y += h.h;
    }
    for row in rows {
        if flow.y + row.h > BOTTOM + 0.01 {
            flow.new_page();
            if let Some(h) = head {
                draw(flow, m, h, flow.y);
                flow.y += h.h;
            }
        }
        draw(flow, m, row, flow.y);
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
