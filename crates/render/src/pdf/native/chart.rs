//! Charts as vector paths, in the geometry of the HTML form's SVG (a
//! 640-unit-wide drawing scaled to 150 mm): the structure ring with its
//! legend, grouped horizontal bars with value labels. Arcs are cubic
//! Béziers of at most a quarter turn each.

use super::page::{baseline, Flow, Style, CONTENT_W, MARGIN_X, PAGE_H};
use crate::document::{Chart, ChartKind};
use crate::numbers::{percent_text, text_amount};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use std::f32::consts::{FRAC_PI_2, TAU};

/// The SVG's colours, as RGB fractions.
const COLORS: [[u8; 3]; 8] = [
    [0x2f, 0x55, 0x97],
    [0xc5, 0x5a, 0x11],
    [0x54, 0x82, 0x35],
    [0x70, 0x30, 0xa0],
    [0xbf, 0x90, 0x00],
    [0x2e, 0x75, 0xb6],
    [0xa5, 0xa5, 0xa5],
    [0x83, 0x3c, 0x0b],
];

fn color(i: usize) -> [f32; 3] {
    COLORS[i % COLORS.len()].map(|c| f32::from(c) / 255.0)
}

/// Figure width (150 mm) and the scale of the 640-unit drawing.
const FIG_W: f32 = 425.2;
const SCALE: f32 = FIG_W / 640.0;
const MM: f32 = 2.835;
const CAPTION: f32 = 8.5;

fn f(v: Decimal) -> f32 {
    v.to_f32().unwrap_or(0.0)
}

/// Drawing-unit coordinates to page coordinates (top-down → PDF).
struct Frame {
    x0: f32,
    y0: f32,
}

impl Frame {
    fn at(&self, x: f32, y: f32) -> (f32, f32) {
        (self.x0 + x * SCALE, PAGE_H - (self.y0 + y * SCALE))
    }
}

/// The drawing's height in points.
fn drawing(chart: &Chart) -> f32 {
    let units = match chart.kind {
        ChartKind::Structure => (chart.labels.len() as f32 * 22.0 + 20.0).max(230.0),
        ChartKind::Bars => 26.0 + chart.labels.len() as f32 * bar_group(chart) + 10.0,
    };
    units * SCALE
}

/// The whole figure's height: margins, drawing and caption.
pub fn height(chart: &Chart) -> f32 {
    drawing(chart) + CAPTION * 1.5 + 4.0 * MM
}

/// Draws `chart` with its caption at the cursor, kept on one page.
pub fn chart(flow: &mut Flow, chart: &Chart) {
    let h = drawing(chart);
    let caption_lh = CAPTION * 1.5;
    flow.ensure(height(chart));
    flow.y += 2.0 * MM;
    let frame = Frame {
        x0: MARGIN_X + (CONTENT_W - FIG_W) / 2.0,
        y0: flow.y,
    };
    match chart.kind {
        ChartKind::Structure => ring(flow, &frame, chart),
        ChartKind::Bars => bars(flow, &frame, chart),
    }
    flow.y += h;
    let base = baseline(&flow.font, flow.y, caption_lh, CAPTION);
    flow.centred(base, CAPTION, &chart.title, Style::PLAIN);
    flow.y += caption_lh + 2.0 * MM;
}

fn fill(flow: &mut Flow, rgb: [f32; 3], path: impl FnOnce(&mut pdf_writer::Content)) {
    let page = flow.page();
    page.empty = false;
    let c = &mut page.content;
    c.save_state();
    c.set_fill_rgb(rgb[0], rgb[1], rgb[2]);
    path(c);
    c.fill_nonzero();
    c.restore_state();
}

/// Appends the arc from angle `a0` to `a1` (drawing units, clockwise on
/// the page as in SVG) around (cx, cy) to the current path.
fn arc(c: &mut pdf_writer::Content, fr: &Frame, cx: f32, cy: f32, r: f32, a0: f32, a1: f32) {
    let n = ((a1 - a0).abs() / FRAC_PI_2).ceil().max(1.0) as usize;
    let step = (a1 - a0) / n as f32;
    let k = 4.0 / 3.0 * (step / 4.0).tan();
    for i in 0..n {
        let t0 = a0 + step * i as f32;
        let t1 = t0 + step;
        let (s0, c0) = t0.sin_cos();
        let (s1, c1) = t1.sin_cos();
        let p1 = fr.at(cx + r * (c0 - k * s0), cy + r * (s0 + k * c0));
        let p2 = fr.at(cx + r * (c1 + k * s1), cy + r * (s1 - k * c1));
        let p3 = fr.at(cx + r * c1, cy + r * s1);
        c.cubic_to(p1.0, p1.1, p2.0, p2.1, p3.0, p3.1);
    }
}

fn circle(c: &mut pdf_writer::Content, fr: &Frame, cx: f32, cy: f32, r: f32) {
    let (x, y) = fr.at(cx + r, cy);
    c.move_to(x, y);
    arc(c, fr, cx, cy, r, 0.0, TAU);
    c.close_path();
}

fn ring(flow: &mut Flow, fr: &Frame, chart: &Chart) {
    let values = chart.series.first().map(|s| s.1.as_slice()).unwrap_or(&[]);
    let total: Decimal = values.iter().sum();
    let tot = f(total);
    let (cx, cy, r) = (110.0, 110.0, 90.0);
    let mut angle = -FRAC_PI_2;
    for (i, v) in values.iter().enumerate() {
        let frac = if tot > 0.0 { f(*v) / tot } else { 0.0 };
        if frac >= 0.9999 {
            fill(flow, color(i), |c| circle(c, fr, cx, cy, r));
        } else if frac > 0.0 {
            let end = angle + frac * TAU;
            fill(flow, color(i), |c| {
                let (x, y) = fr.at(cx, cy);
                c.move_to(x, y);
                let (x, y) = fr.at(cx + r * angle.cos(), cy + r * angle.sin());
                c.line_to(x, y);
                arc(c, fr, cx, cy, r, angle, end);
                c.close_path();
            });
            angle = end;
        }
    }
    fill(flow, [1.0, 1.0, 1.0], |c| circle(c, fr, cx, cy, 45.0));
    let size = 12.0 * SCALE;
    for (i, (label, v)) in chart.labels.iter().zip(values).enumerate() {
        let y = 20.0 + i as f32 * 22.0;
        fill(flow, color(i), |c| {
            let (x, y) = fr.at(240.0, y - 10.0 + 12.0);
            c.rect(x, y, 12.0 * SCALE, 12.0 * SCALE);
        });
        let share = percent_text(*v, total, 1).unwrap_or_default();
        let text = format!("{label} {} {}（{share}%）", text_amount(*v), chart.unit);
        let x = fr.x0 + 258.0 * SCALE;
        flow.text(x, fr.y0 + y * SCALE, size, &text, Style::PLAIN);
    }
}

fn bar_group(chart: &Chart) -> f32 {
    10.0 * chart.series.len().max(1) as f32 + 6.0
}

fn bars(flow: &mut Flow, fr: &Frame, chart: &Chart) {
    let bar = 10.0;
    let group = bar_group(chart);
    let top = 26.0;
    let (x0, w) = (230.0, 330.0);
    let max = chart
        .series
        .iter()
        .flat_map(|s| s.1.iter())
        .map(|v| f(*v))
        .fold(0.0f32, f32::max)
        .max(1e-9);
    for (j, (name, _)) in chart.series.iter().enumerate() {
        let x = x0 + j as f32 * 120.0;
        fill(flow, color(j), |c| {
            let (px, py) = fr.at(x, 18.0);
            c.rect(px, py, 12.0 * SCALE, 12.0 * SCALE);
        });
        let tx = fr.x0 + (x + 16.0) * SCALE;
        flow.text(tx, fr.y0 + 16.0 * SCALE, 12.0 * SCALE, name, Style::PLAIN);
    }
    for (i, label) in chart.labels.iter().enumerate() {
        let gy = top + i as f32 * group;
        let short: String = label.chars().take(18).collect();
        let size = 11.0 * SCALE;
        let lw = flow.font.width(&short, size);
        let lx = fr.x0 + (x0 - 6.0) * SCALE - lw;
        // SVG puts the label's baseline at the group's middle.
        flow.text(
            lx,
            fr.y0 + (gy + group / 2.0) * SCALE,
            size,
            &short,
            Style::PLAIN,
        );
        for (j, (_, vals)) in chart.series.iter().enumerate() {
            let v = vals.get(i).copied().unwrap_or_default();
            let len = (f(v) / max * w).max(0.0);
            let y = gy + j as f32 * bar;
            if len > 0.0 {
                fill(flow, color(j), |c| {
                    let (px, py) = fr.at(x0, y + bar - 2.0);
                    c.rect(px, py, len * SCALE, (bar - 2.0) * SCALE);
                });
            }
            let tx = fr.x0 + (x0 + len + 4.0) * SCALE;
            let ty = fr.y0 + (y + bar - 3.0) * SCALE;
            flow.text(tx, ty, 10.0 * SCALE, &text_amount(v), Style::PLAIN);
        }
    }
}
