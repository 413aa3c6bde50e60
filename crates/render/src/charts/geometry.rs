//! A chart laid out once, as marks in drawing units, for every front end to
//! draw as they are: a [`WIDTH`]-unit-wide canvas, y growing downwards, text
//! placed by its baseline. The data stay exact up to here; only the
//! positions and lengths are floating-point numbers, and every printed
//! amount is the exact one.
//!
//! Two kinds: the structure ring (one series as shares of its sum, with a
//! legend giving each amount and share) and grouped horizontal bars (one bar
//! per series and label, with its amount; a legend when there are several
//! series).

use crate::document::{Chart, ChartKind};
use crate::numbers::{percent_text, table_amount};
use juesuan_model::Decimal;
use rust_decimal::prelude::ToPrimitive;
use std::f64::consts::{FRAC_PI_2, TAU};

/// Width of the drawing, in drawing units.
pub const WIDTH: f64 = 640.0;

/// The series colours, as RGB.
pub const PALETTE: [[u8; 3]; 8] = [
    [0x2f, 0x55, 0x97],
    [0xc5, 0x5a, 0x11],
    [0x54, 0x82, 0x35],
    [0x70, 0x30, 0xa0],
    [0xbf, 0x90, 0x00],
    [0x2e, 0x75, 0xb6],
    [0xa5, 0xa5, 0xa5],
    [0x83, 0x3c, 0x0b],
];

/// What a shape is filled with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paint {
    /// The colour of series (or ring part) `n`: [`PALETTE`]`[n % 8]`.
    Series(usize),
    /// The page's background (the ring's hole).
    Background,
}

impl Paint {
    /// The colour as RGB (the background is white).
    pub fn rgb(self) -> [u8; 3] {
        match self {
            Paint::Series(n) => PALETTE[n % PALETTE.len()],
            Paint::Background => [0xff, 0xff, 0xff],
        }
    }
}

/// Which end of a text its `x` is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// The text starts at `x`.
    Start,
    /// The text ends at `x`.
    End,
}

/// One thing to draw.
#[derive(Debug, Clone, PartialEq)]
pub enum Mark {
    /// A filled rectangle; (`x`, `y`) is its top-left corner.
    Rect {
        /// Left.
        x: f64,
        /// Top.
        y: f64,
        /// Width.
        w: f64,
        /// Height.
        h: f64,
        /// Fill.
        paint: Paint,
    },
    /// A filled pie slice around (`cx`, `cy`) from angle `from` to `to`
    /// (radians, 0 pointing right, growing clockwise on the page), less
    /// than a whole turn.
    Sector {
        /// Centre x.
        cx: f64,
        /// Centre y.
        cy: f64,
        /// Radius.
        r: f64,
        /// Start angle.
        from: f64,
        /// End angle (`to > from`).
        to: f64,
        /// Fill.
        paint: Paint,
    },
    /// A filled disc.
    Disc {
        /// Centre x.
        cx: f64,
        /// Centre y.
        cy: f64,
        /// Radius.
        r: f64,
        /// Fill.
        paint: Paint,
    },
    /// A line of text, its baseline at `y`.
    Text {
        /// Start or end of the text (see `anchor`).
        x: f64,
        /// Baseline.
        y: f64,
        /// Font size.
        size: f64,
        /// Which end `x` is.
        anchor: Anchor,
        /// The text.
        text: String,
    },
}

/// A chart laid out: its caption, its size and its marks in drawing order.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// The caption (drawn by the front end, under or over the drawing).
    pub title: String,
    /// Width in drawing units ([`WIDTH`]).
    pub width: f64,
    /// Height in drawing units.
    pub height: f64,
    /// What to draw, in order (later marks over earlier ones).
    pub marks: Vec<Mark>,
}

/// Lays `chart` out.
pub fn layout(chart: &Chart) -> Figure {
    match chart.kind {
        ChartKind::Structure => ring(chart),
        ChartKind::Bars => bars(chart),
    }
}

fn number(v: Decimal) -> f64 {
    v.to_f64().unwrap_or(0.0)
}

fn text(x: f64, y: f64, size: f64, anchor: Anchor, text: String) -> Mark {
    Mark::Text {
        x,
        y,
        size,
        anchor,
        text,
    }
}

/// Ring centre, outer and inner radius; the legend's left edge and line pitch.
const RING: (f64, f64, f64, f64) = (110.0, 110.0, 90.0, 45.0);
const LEGEND_X: f64 = 240.0;
const LEGEND_PITCH: f64 = 22.0;

/// The first series as parts of its sum: slices clockwise from 12 o'clock,
/// a legend line per part with its amount and share.
fn ring(chart: &Chart) -> Figure {
    let values: Vec<Decimal> = chart
        .series
        .first()
        .map(|s| s.1.iter().map(|v| v.unwrap_or_default()).collect())
        .unwrap_or_default();
    let total: Decimal = values.iter().sum();
    let (cx, cy, r, hole) = RING;
    let mut marks = Vec::new();
    let mut angle = -FRAC_PI_2;
    let whole = number(total);
    for (i, v) in values.iter().enumerate() {
        let share = if whole > 0.0 { number(*v) / whole } else { 0.0 };
        let paint = Paint::Series(i);
        if share >= 0.9999 {
            marks.push(Mark::Disc { cx, cy, r, paint });
        } else if share > 0.0 {
            let to = angle + share * TAU;
            marks.push(Mark::Sector {
                cx,
                cy,
                r,
                from: angle,
                to,
                paint,
            });
            angle = to;
        }
    }
    marks.push(Mark::Disc {
        cx,
        cy,
        r: hole,
        paint: Paint::Background,
    });
    for (i, (label, v)) in chart.labels.iter().zip(&values).enumerate() {
        let y = 20.0 + i as f64 * LEGEND_PITCH;
        marks.push(Mark::Rect {
            x: LEGEND_X,
            y: y - 10.0,
            w: 12.0,
            h: 12.0,
            paint: Paint::Series(i),
        });
        let share = percent_text(*v, total, 1).unwrap_or_default();
        marks.push(text(
            LEGEND_X + 18.0,
            y,
            12.0,
            Anchor::Start,
            format!("{label} {} {}（{share}%）", table_amount(*v), chart.unit),
        ));
    }
    Figure {
        title: chart.title.clone(),
        width: WIDTH,
        height: (chart.labels.len() as f64 * LEGEND_PITCH + 20.0).max(2.0 * cy + 10.0),
        marks,
    }
}

/// Where the bars start and the length of the longest.
const BARS_X: f64 = 230.0;
const BARS_W: f64 = 330.0;
/// One bar's pitch (the bar is 2 units thinner), the gap between groups.
const BAR: f64 = 10.0;
const GROUP_GAP: f64 = 6.0;
/// Labels longer than this many characters are cut.
const LABEL_CHARS: usize = 18;

/// One group of bars per label, one bar per series, lengths in proportion
/// to the largest amount; each bar with its amount, blank amounts without
/// a bar.
fn bars(chart: &Chart) -> Figure {
    let n = chart.labels.len();
    let k = chart.series.len().max(1);
    let group = BAR * k as f64 + GROUP_GAP;
    let legend = chart.series.len() > 1;
    let top = if legend { 26.0 } else { 8.0 };
    let max = chart
        .series
        .iter()
        .flat_map(|s| s.1.iter().flatten())
        .map(|v| number(*v))
        .fold(0.0_f64, f64::max);
    let mut marks = Vec::new();
    if legend {
        for (j, (name, _)) in chart.series.iter().enumerate() {
            let x = BARS_X + j as f64 * 120.0;
            marks.push(Mark::Rect {
                x,
                y: 6.0,
                w: 12.0,
                h: 12.0,
                paint: Paint::Series(j),
            });
            marks.push(text(x + 16.0, 16.0, 12.0, Anchor::Start, name.clone()));
        }
    }
    for (i, label) in chart.labels.iter().enumerate() {
        let gy = top + i as f64 * group;
        let short: String = label.chars().take(LABEL_CHARS).collect();
        marks.push(text(
            BARS_X - 6.0,
            gy + (group - GROUP_GAP) / 2.0 + 4.0,
            11.0,
            Anchor::End,
            short,
        ));
        for (j, (_, values)) in chart.series.iter().enumerate() {
            let Some(v) = values.get(i).copied().flatten() else {
                continue;
            };
            let len = if max > 0.0 {
                (number(v) / max * BARS_W).max(0.0)
            } else {
                0.0
            };
            let y = gy + j as f64 * BAR;
            if len > 0.0 {
                marks.push(Mark::Rect {
                    x: BARS_X,
                    y,
                    w: len,
                    h: BAR - 2.0,
                    paint: Paint::Series(j),
                });
            }
            marks.push(text(
                BARS_X + len + 4.0,
                y + BAR - 3.0,
                10.0,
                Anchor::Start,
                table_amount(v),
            ));
        }
    }
    Figure {
        title: chart.title.clone(),
        width: WIDTH,
        height: top + n as f64 * group + 10.0,
        marks,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn texts(f: &Figure) -> Vec<&str> {
        f.marks
            .iter()
            .filter_map(|m| match m {
                Mark::Text { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect()
    }

    fn rects(f: &Figure) -> Vec<(f64, Paint)> {
        f.marks
            .iter()
            .filter_map(|m| match m {
                Mark::Rect { w, paint, .. } => Some((*w, *paint)),
                _ => None,
            })
            .collect()
    }

    /// 三公 of the Jilin sample (line 437): 预算数 合计 161.34 / 决算数
    /// 151.58, 公务接待费 1.40 / 0.55; 公务用车购置费 printed blank.
    #[test]
    fn bars_are_proportional_and_blank_amounts_draw_nothing() {
        let chart = Chart {
            title: "三公".into(),
            kind: ChartKind::Bars,
            labels: vec!["合计".into(), "公务用车购置费".into(), "公务接待费".into()],
            series: vec![
                (
                    "预算数".into(),
                    vec![Some(d("161.34")), None, Some(d("1.40"))],
                ),
                (
                    "决算数".into(),
                    vec![Some(d("151.58")), None, Some(d("0.55"))],
                ),
            ],
            unit: "万元".into(),
        };
        let f = layout(&chart);
        assert_eq!(
            texts(&f),
            vec![
                "预算数",
                "决算数",
                "合计",
                "161.34",
                "151.58",
                "公务用车购置费",
                "公务接待费",
                "1.40",
                "0.55"
            ]
        );
        let bars: Vec<_> = rects(&f).into_iter().skip(2).collect();
        assert_eq!(bars.len(), 4, "two legend keys, then four bars");
        assert_eq!(bars[0], (BARS_W, Paint::Series(0)));
        assert!((bars[1].0 - BARS_W * 151.58 / 161.34).abs() < 1e-9);
        assert_eq!(bars[1].1, Paint::Series(1));
        assert!((bars[3].0 - BARS_W * 0.55 / 161.34).abs() < 1e-9);
        // Legend row, then three groups of two bars.
        assert_eq!(f.height, 26.0 + 3.0 * 26.0 + 10.0);
    }

    #[test]
    fn ring_slices_add_up_to_a_turn_and_the_legend_gives_shares() {
        let chart = Chart {
            title: "结构".into(),
            kind: ChartKind::Structure,
            labels: vec!["甲".into(), "乙".into()],
            series: vec![(
                "决算数".into(),
                vec![Some(d("3000.00")), Some(d("1000.00"))],
            )],
            unit: "万元".into(),
        };
        let f = layout(&chart);
        let sweeps: Vec<f64> = f
            .marks
            .iter()
            .filter_map(|m| match m {
                Mark::Sector { from, to, .. } => Some(to - from),
                _ => None,
            })
            .collect();
        assert_eq!(sweeps.len(), 2);
        assert!((sweeps[0] - 0.75 * TAU).abs() < 1e-12);
        assert!((sweeps.iter().sum::<f64>() - TAU).abs() < 1e-12);
        assert_eq!(
            texts(&f),
            vec!["甲 3,000.00 万元（75%）", "乙 1,000.00 万元（25%）"]
        );
        // One part only: a whole disc, not a slice of a full turn.
        let one = Chart {
            labels: vec!["甲".into()],
            series: vec![("决算数".into(), vec![Some(d("5.00"))])],
            ..chart
        };
        let f = layout(&one);
        assert!(matches!(
            f.marks[0],
            Mark::Disc {
                paint: Paint::Series(0),
                ..
            }
        ));
    }
}
