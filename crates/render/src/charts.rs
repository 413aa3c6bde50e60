//! Charts where a reader would rather look than read: expenditure structure
//! by 类, budget vs actual per 项, 三公 budget vs actual, year on year. The
//! data stay exact; only the SVG geometry uses floats, at the very end.

use crate::document::{Chart, ChartKind};
use crate::narrative::{t01, value_in};
use crate::numbers::{percent_text, text_amount};
use crate::texts::Texts;
use juesuan_model::{Report, RowKind, Side, TableId};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use std::fmt::Write;

/// Expenditure structure by 类 (T05 合计).
pub fn structure(report: &Report) -> Option<Chart> {
    let t = report.table(TableId::T05)?;
    let col = t.column("合计")?.number;
    let rows: Vec<_> = t
        .rows
        .iter()
        .filter(|r| r.kind == RowKind::Code && r.level() == Some(1))
        .filter_map(|r| Some((r.name.clone(), r.value(col)?)))
        .filter(|(_, v)| *v > Decimal::ZERO)
        .collect();
    (!rows.is_empty()).then(|| Chart {
        title: "一般公共预算财政拨款支出结构（按功能分类类级科目）".into(),
        kind: ChartKind::Structure,
        labels: rows.iter().map(|r| r.0.clone()).collect(),
        series: vec![("决算数".into(), rows.iter().map(|r| r.1).collect())],
        unit: "万元".into(),
    })
}

/// 年初预算 vs 决算 per 项 (only 项 with a stated budget).
pub fn budget_vs_actual(report: &Report, texts: &Texts) -> Option<Chart> {
    let t = report.table(TableId::T05)?;
    let col = t.column("合计")?.number;
    let mut labels = Vec::new();
    let (mut b, mut a) = (Vec::new(), Vec::new());
    for r in t.rows.iter().filter(|r| r.level() == Some(3)) {
        let Some(code) = &r.code else { continue };
        let Some(budget) = Texts::decimal(&texts.budgets, code) else {
            continue;
        };
        labels.push(crate::tables::full_name(report, code, &r.name));
        b.push(budget);
        a.push(r.value(col).unwrap_or_default());
    }
    (!labels.is_empty()).then(|| Chart {
        title: "一般公共预算财政拨款支出年初预算与决算（按项级科目）".into(),
        kind: ChartKind::Bars,
        labels,
        series: vec![("年初预算".into(), b), ("决算".into(), a)],
        unit: "万元".into(),
    })
}

/// 三公 budget vs actual.
pub fn sangong(report: &Report) -> Option<Chart> {
    let items = ["因公出国（境）费", "公务用车购置及运行维护费", "公务接待费"];
    let v = |g: &str, i: &str| value_in(report, TableId::T09, "R1", &format!("{g}/{i}"));
    let b: Vec<Decimal> = items
        .iter()
        .map(|i| v("预算数", i).unwrap_or_default())
        .collect();
    let a: Vec<Decimal> = items
        .iter()
        .map(|i| v("决算数", i).unwrap_or_default())
        .collect();
    (b.iter().chain(&a).any(|x| !x.is_zero())).then(|| Chart {
        title: "财政拨款“三公”经费预算与决算".into(),
        kind: ChartKind::Bars,
        labels: items.iter().map(|s| s.to_string()).collect(),
        series: vec![("预算数".into(), b), ("决算数".into(), a)],
        unit: "万元".into(),
    })
}

/// Year on year: the main totals against last year's report.
pub fn year_on_year(report: &Report, prior: &Report, year: u32) -> Option<Chart> {
    let pick = |r: &Report| {
        vec![
            t01(r, Side::Income, "本年收入合计").unwrap_or_default(),
            t01(r, Side::Expense, "本年支出合计").unwrap_or_default(),
            value_in(r, TableId::T05, "合计", "合计").unwrap_or_default(),
            value_in(r, TableId::T09, "R1", "决算数/合计").unwrap_or_default(),
        ]
    };
    Some(Chart {
        title: format!("{} 年度与 {year} 年度主要指标对比", year.saturating_sub(1)),
        kind: ChartKind::Bars,
        labels: [
            "本年收入合计",
            "本年支出合计",
            "一般公共预算财政拨款支出",
            "“三公”经费支出",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect(),
        series: vec![
            (format!("{} 年度", year.saturating_sub(1)), pick(prior)),
            (format!("{year} 年度"), pick(report)),
        ],
        unit: "万元".into(),
    })
}

const COLORS: [&str; 8] = [
    "#2f5597", "#c55a11", "#548235", "#7030a0", "#bf9000", "#2e75b6", "#a5a5a5", "#833c0b",
];

fn esc(s: &str) -> String {
    crate::html::escape(s)
}

fn f(v: Decimal) -> f64 {
    v.to_f64().unwrap_or(0.0)
}

/// The chart as an inline SVG element.
pub fn svg(chart: &Chart) -> String {
    match chart.kind {
        ChartKind::Structure => ring(chart),
        ChartKind::Bars => bars(chart),
    }
}

fn ring(chart: &Chart) -> String {
    let values = chart.series.first().map(|s| s.1.as_slice()).unwrap_or(&[]);
    let total: Decimal = values.iter().sum();
    let (cx, cy, r) = (110.0, 110.0, 90.0);
    let h = (chart.labels.len() as f64 * 22.0 + 20.0).max(230.0);
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 {h}" width="100%" role="img" aria-label="{}">"#,
        esc(&chart.title)
    );
    let mut angle = -std::f64::consts::FRAC_PI_2;
    let tot = f(total);
    for (i, v) in values.iter().enumerate() {
        let frac = if tot > 0.0 { f(*v) / tot } else { 0.0 };
        let color = COLORS[i % COLORS.len()];
        if frac >= 0.9999 {
            let _ = write!(s, r#"<circle cx="{cx}" cy="{cy}" r="{r}" fill="{color}"/>"#);
        } else if frac > 0.0 {
            let end = angle + frac * std::f64::consts::TAU;
            let (x1, y1) = (cx + r * angle.cos(), cy + r * angle.sin());
            let (x2, y2) = (cx + r * end.cos(), cy + r * end.sin());
            let large = i32::from(frac > 0.5);
            let _ = write!(
                s,
                r#"<path d="M{cx},{cy} L{x1:.2},{y1:.2} A{r},{r} 0 {large} 1 {x2:.2},{y2:.2} Z" fill="{color}"/>"#
            );
            angle = end;
        }
    }
    let _ = write!(s, r##"<circle cx="{cx}" cy="{cy}" r="45" fill="#fff"/>"##);
    for (i, (label, v)) in chart.labels.iter().zip(values).enumerate() {
        let y = 20.0 + i as f64 * 22.0;
        let share = percent_text(*v, total, 1).unwrap_or_default();
        let _ = write!(
            s,
            r#"<rect x="240" y="{:.1}" width="12" height="12" fill="{}"/><text x="258" y="{:.1}" font-size="12">{} {} {}（{}%）</text>"#,
            y - 10.0,
            COLORS[i % COLORS.len()],
            y,
            esc(label),
            text_amount(*v),
            esc(&chart.unit),
            share
        );
    }
    s.push_str("</svg>");
    s
}

fn bars(chart: &Chart) -> String {
    let n = chart.labels.len();
    let k = chart.series.len().max(1);
    let bar = 10.0;
    let group = bar * k as f64 + 6.0;
    let top = 26.0;
    let h = top + n as f64 * group + 10.0;
    let (x0, w) = (230.0, 330.0);
    let max = chart
        .series
        .iter()
        .flat_map(|s| s.1.iter())
        .map(|v| f(*v))
        .fold(0.0_f64, f64::max)
        .max(1e-9);
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 {h:.0}" width="100%" role="img" aria-label="{}">"#,
        esc(&chart.title)
    );
    for (j, (name, _)) in chart.series.iter().enumerate() {
        let x = x0 + j as f64 * 120.0;
        let _ = write!(
            s,
            r#"<rect x="{x}" y="6" width="12" height="12" fill="{}"/><text x="{}" y="16" font-size="12">{}</text>"#,
            COLORS[j % COLORS.len()],
            x + 16.0,
            esc(name)
        );
    }
    for (i, label) in chart.labels.iter().enumerate() {
        let gy = top + i as f64 * group;
        let short: String = label.chars().take(18).collect();
        let _ = write!(
            s,
            r#"<text x="{}" y="{:.1}" font-size="11" text-anchor="end">{}</text>"#,
            x0 - 6.0,
            gy + group / 2.0,
            esc(&short)
        );
        for (j, (_, vals)) in chart.series.iter().enumerate() {
            let v = vals.get(i).copied().unwrap_or_default();
            let len = (f(v) / max * w).max(0.0);
            let y = gy + j as f64 * bar;
            let _ = write!(
                s,
                r#"<rect x="{x0}" y="{y:.1}" width="{len:.1}" height="{:.1}" fill="{}"/><text x="{:.1}" y="{:.1}" font-size="10">{}</text>"#,
                bar - 2.0,
                COLORS[j % COLORS.len()],
                x0 + len + 4.0,
                y + bar - 3.0,
                text_amount(v)
            );
        }
    }
    s.push_str("</svg>");
    s
}
