//! Charts as vector paths: the marks of the chart's one layout
//! ([`crate::charts::geometry`]), the drawing scaled to 150 mm and centred,
//! its caption under it. Arcs are cubic Béziers of at most a quarter turn
//! each.

use super::page::{baseline, Flow, Style, CONTENT_W, MARGIN_X, PAGE_H};
use crate::charts::geometry::{layout, Anchor, Figure, Mark, Paint};
use crate::document::Chart;
use std::f32::consts::{FRAC_PI_2, TAU};

/// Figure width (150 mm).
const FIG_W: f32 = 425.2;
const MM: f32 = 2.835;
const CAPTION: f32 = 8.5;

/// Drawing units to page coordinates (top-down → PDF).
struct Frame {
    x0: f32,
    y0: f32,
    scale: f32,
}

impl Frame {
    fn len(&self, v: f64) -> f32 {
        v as f32 * self.scale
    }

    fn at(&self, x: f64, y: f64) -> (f32, f32) {
        (self.x0 + self.len(x), PAGE_H - (self.y0 + self.len(y)))
    }
}

fn scale(figure: &Figure) -> f32 {
    FIG_W / figure.width as f32
}

/// The whole figure's height: margins, drawing and caption.
pub fn height(chart: &Chart) -> f32 {
    let figure = layout(chart);
    figure.height as f32 * scale(&figure) + CAPTION * 1.5 + 4.0 * MM
}

/// Draws `chart` with its caption at the cursor, kept on one page.
pub fn chart(flow: &mut Flow, chart: &Chart) {
    let figure = layout(chart);
    let caption_lh = CAPTION * 1.5;
    flow.ensure(height(chart));
    flow.y += 2.0 * MM;
    let frame = Frame {
        x0: MARGIN_X + (CONTENT_W - FIG_W) / 2.0,
        y0: flow.y,
        scale: scale(&figure),
    };
    for m in &figure.marks {
        draw(flow, &frame, m);
    }
    flow.y += figure.height as f32 * frame.scale;
    let base = baseline(&flow.font, flow.y, caption_lh, CAPTION);
    flow.centred(base, CAPTION, &figure.title, Style::PLAIN);
    flow.y += caption_lh + 2.0 * MM;
}

fn draw(flow: &mut Flow, fr: &Frame, mark: &Mark) {
    match mark {
        Mark::Rect { x, y, w, h, paint } => fill(flow, *paint, |c| {
            // PDF rectangles grow upwards from their lower-left corner.
            let (px, py) = fr.at(*x, y + h);
            c.rect(px, py, fr.len(*w), fr.len(*h));
        }),
        Mark::Sector {
            cx,
            cy,
            r,
            from,
            to,
            paint,
        } => fill(flow, *paint, |c| {
            let (x, y) = fr.at(*cx, *cy);
            c.move_to(x, y);
            let (x, y) = fr.at(cx + r * from.cos(), cy + r * from.sin());
            c.line_to(x, y);
            arc(c, fr, (*cx, *cy, *r), *from as f32, *to as f32);
            c.close_path();
        }),
        Mark::Disc { cx, cy, r, paint } => fill(flow, *paint, |c| {
            let (x, y) = fr.at(cx + r, *cy);
            c.move_to(x, y);
            arc(c, fr, (*cx, *cy, *r), 0.0, TAU);
            c.close_path();
        }),
        Mark::Text {
            x,
            y,
            size,
            anchor,
            text,
        } => {
            let size = fr.len(*size);
            let left = match anchor {
                Anchor::Start => fr.x0 + fr.len(*x),
                Anchor::End => fr.x0 + fr.len(*x) - flow.font.width(text, size),
            };
            flow.text(left, fr.y0 + fr.len(*y), size, text, Style::PLAIN);
        }
    }
}

fn fill(flow: &mut Flow, paint: Paint, path: impl FnOnce(&mut pdf_writer::Content)) {
    let [r, g, b] = paint.rgb().map(|c| f32::from(c) / 255.0);
    let page = flow.page();
    page.empty = false;
    let c = &mut page.content;
    c.save_state();
    c.set_fill_rgb(r, g, b);
    path(c);
    c.fill_nonzero();
    c.restore_state();
}

/// Appends the arc from angle `a0` to `a1` (clockwise on the page, as in
/// the layout) around the circle (cx, cy, r) to the current path.
fn arc(c: &mut pdf_writer::Content, fr: &Frame, circle: (f64, f64, f64), a0: f32, a1: f32) {
    let (cx, cy, r) = (circle.0 as f32, circle.1 as f32, circle.2 as f32);
    let n = ((a1 - a0).abs() / FRAC_PI_2).ceil().max(1.0) as usize;
    let step = (a1 - a0) / n as f32;
    let k = 4.0 / 3.0 * (step / 4.0).tan();
    let at = |x: f32, y: f32| fr.at(f64::from(x), f64::from(y));
    for i in 0..n {
        let t0 = a0 + step * i as f32;
        let t1 = t0 + step;
        let (s0, c0) = t0.sin_cos();
        let (s1, c1) = t1.sin_cos();
        let p1 = at(cx + r * (c0 - k * s0), cy + r * (s0 + k * c0));
        let p2 = at(cx + r * (c1 + k * s1), cy + r * (s1 - k * c1));
        let p3 = at(cx + r * c1, cy + r * s1);
        c.cubic_to(p1.0, p1.1, p2.0, p2.1, p3.0, p3.1);
    }
}
