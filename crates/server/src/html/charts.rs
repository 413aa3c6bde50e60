//! Charts on the report page, drawn as inline SVG on the server (no script):
//! the structure of income and expenditure (T01) and the 三公 budget against
//! the final accounts (T09).

use super::{esc, grouped};
use juesuan_model::{Decimal, Report, TableId};
use std::fmt::Write;

const WIDTH: f64 = 680.0;
const LABEL: f64 = 250.0;
const BAR: f64 = 300.0;
const ROW: f64 = 24.0;

fn num(d: Decimal) -> f64 {
    d.to_string().parse().unwrap_or(0.0)
}

fn value(report: &Report, table: TableId, row: &str, col: u32) -> Option<(String, Decimal)> {
    let r = report.table(table)?.rows.iter().find(|r| r.key == row)?;
    let v = r.cell(col)?.value?;
    Some((r.name.clone(), v))
}

/// Bars of `(label, [(series, value)])`; one colour per series.
fn chart(b: &mut String, title: &str, series: &[&str], items: &[(String, Vec<Option<Decimal>>)]) {
    let max = items
        .iter()
        .flat_map(|(_, vs)| vs.iter().flatten())
        .map(|d| num(*d))
        .fold(0.0_f64, f64::max);
    if items.is_empty() || max <= 0.0 {
        return;
    }
    let per_item = ROW * series.len() as f64 + 8.0;
    let legend = if series.len() > 1 { 22.0 } else { 0.0 };
    let height = legend + per_item * items.len() as f64 + 4.0;
    let _ = write!(
        b,
        "<figure class=\"chart\"><figcaption>{}</figcaption>\
         <svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" height=\"{height}\" \
         viewBox=\"0 0 {WIDTH} {height}\" role=\"img\" aria-label=\"{}\">",
        esc(title),
        esc(title)
    );
    if series.len() > 1 {
        for (k, s) in series.iter().enumerate() {
            let x = LABEL + 120.0 * k as f64;
            let _ = write!(
                b,
                "<rect class=\"s{k}\" x=\"{x}\" y=\"4\" width=\"12\" height=\"12\"/>\
                 <text x=\"{}\" y=\"15\">{}</text>",
                x + 16.0,
                esc(s)
            );
        }
    }
    for (i, (label, values)) in items.iter().enumerate() {
        let top = legend + per_item * i as f64;
        let _ = write!(
            b,
            "<text class=\"label\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
            LABEL - 8.0,
            top + ROW * series.len() as f64 / 2.0 + 5.0,
            esc(label)
        );
        for (k, v) in values.iter().enumerate() {
            let y = top + ROW * k as f64;
            let Some(v) = v else { continue };
            let w = (num(*v) / max * BAR).max(1.0);
            let _ = write!(
                b,
                "<rect class=\"s{k}\" x=\"{LABEL}\" y=\"{}\" width=\"{w:.1}\" height=\"{}\"/>\
                 <text x=\"{:.1}\" y=\"{}\">{}</text>",
                y + 3.0,
                ROW - 6.0,
                LABEL + w + 6.0,
                y + ROW - 8.0,
                esc(&grouped(&v.to_string()))
            );
        }
    }
    b.push_str("</svg></figure>\n");
}

/// Renders the charts section (only the charts the report has data for).
pub fn render(b: &mut String, report: &Report) {
    let unit = report.meta.unit.label();
    let mut body = String::new();
    let rows =
        |keys: std::ops::RangeInclusive<u32>, col: u32| -> Vec<(String, Vec<Option<Decimal>>)> {
            keys.filter_map(|k| value(report, TableId::T01, &format!("R{k}"), col))
                .filter(|(_, v)| !v.is_zero())
                .map(|(name, v)| (name, vec![Some(v)]))
                .collect()
        };
    chart(
        &mut body,
        &format!("收入结构（公开01表，{unit}）"),
        &["决算数"],
        &rows(1..=8, 1),
    );
    chart(
        &mut body,
        &format!("支出结构（公开01表，{unit}）"),
        &["决算数"],
        &rows(15..=23, 2),
    );
    let sangong: Vec<(String, Vec<Option<Decimal>>)> = juesuan_model::canonical::SANGONG_ITEMS
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let get = |c: u32| value(report, TableId::T09, "R1", c).map(|(_, v)| v);
            (n.to_string(), vec![get(i as u32 + 1), get(i as u32 + 7)])
        })
        .filter(|(_, v)| v.iter().any(Option::is_some))
        .collect();
    chart(
        &mut body,
        &format!("“三公”经费：预算数与决算数（公开09表，{unit}）"),
        &["预算数", "决算数"],
        &sangong,
    );
    if !body.is_empty() {
        let _ = writeln!(b, "<section id=\"charts\"><h2>图表</h2>\n{body}</section>");
    }
}
