//! Charts where a reader would rather look than read: the structure of
//! income and expenditure, budget vs actual per 项, 三公 budget vs actual,
//! year on year.
//!
//! Computed once, drawn three times: this module picks the data (exact
//! decimals, cells found by row meaning and column key, never by 栏次),
//! [`geometry`] lays a chart out as marks in drawing units, and the front
//! ends only draw those marks: [`svg`] (the HTML document and the web app's
//! report page) and the native PDF engine (`pdf::native::chart`).

pub mod geometry;
pub mod svg;

pub use geometry::{Figure, Mark};

use crate::document::{Chart, ChartKind};
use crate::narrative::{t01, value_in};
use crate::texts::Texts;
use juesuan_model::canonical::SANGONG_ITEMS;
use juesuan_model::{Decimal, Report, Row, RowKind, Side, TableId};

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
        series: vec![("决算数".into(), rows.iter().map(|r| Some(r.1)).collect())],
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
        b.push(Some(budget));
        a.push(r.value(col));
    }
    (!labels.is_empty()).then(|| Chart {
        title: "一般公共预算财政拨款支出年初预算与决算（按项级科目）".into(),
        kind: ChartKind::Bars,
        labels,
        series: vec![("年初预算".into(), b), ("决算".into(), a)],
        unit: "万元".into(),
    })
}

/// 三公 预算数 vs 决算数 for every printed item (合计, 因公出国（境）费,
/// 公务用车 with its two parts, 公务接待费); items with neither printed
/// are left out.
pub fn sangong(report: &Report) -> Option<Chart> {
    let v =
        |stage: &str, item: &str| value_in(report, TableId::T09, "R1", &format!("{stage}/{item}"));
    let items: Vec<(&str, Option<Decimal>, Option<Decimal>)> = SANGONG_ITEMS
        .iter()
        .map(|i| (*i, v("预算数", i), v("决算数", i)))
        .filter(|(_, b, a)| b.is_some() || a.is_some())
        .collect();
    items
        .iter()
        .any(|(_, b, a)| b.is_some_and(|x| !x.is_zero()) || a.is_some_and(|x| !x.is_zero()))
        .then(|| Chart {
            title: "财政拨款“三公”经费预算数与决算数".into(),
            kind: ChartKind::Bars,
            labels: items.iter().map(|i| i.0.to_string()).collect(),
            series: vec![
                ("预算数".into(), items.iter().map(|i| i.1).collect()),
                ("决算数".into(), items.iter().map(|i| i.2).collect()),
            ],
            unit: "万元".into(),
        })
}

/// The rows of one side of 收入支出决算总表 that come before that side's
/// first total: the income sources, or the expense 类.
fn t01_parts(report: &Report, side: Side) -> Vec<(&Row, Decimal)> {
    let Some(t) = report.table(TableId::T01) else {
        return Vec::new();
    };
    let Some(col) = t.columns.iter().find(|c| c.side == Some(side)) else {
        return Vec::new();
    };
    t.rows
        .iter()
        .filter(|r| r.side == Some(side))
        .take_while(|r| r.kind != RowKind::Total)
        .filter_map(|r| Some((r, r.value(col.number)?)))
        .filter(|(_, v)| !v.is_zero())
        .collect()
}

/// One side of 收入支出决算总表 as bars: its parts with their amounts.
fn t01_bars(report: &Report, side: Side, what: &str) -> Option<Chart> {
    let parts = t01_parts(report, side);
    let number = report
        .table(TableId::T01)
        .map(|t| t.number_label.clone())
        .filter(|n| !n.is_empty())
        .or_else(|| report.profile.profile().number_label(TableId::T01))
        .unwrap_or_else(|| TableId::T01.title().to_string());
    let unit = report.meta.unit.label();
    (!parts.is_empty()).then(|| Chart {
        title: format!("{what}结构（{number}，{unit}）"),
        kind: ChartKind::Bars,
        labels: parts.iter().map(|(r, _)| r.name.clone()).collect(),
        series: vec![(
            "决算数".into(),
            parts.iter().map(|(_, v)| Some(*v)).collect(),
        )],
        unit: unit.to_string(),
    })
}

/// Income by source (收入支出决算总表, income side).
pub fn income_sources(report: &Report) -> Option<Chart> {
    t01_bars(report, Side::Income, "收入")
}

/// Expenditure by 功能分类 类 (收入支出决算总表, expense side).
pub fn expense_classes(report: &Report) -> Option<Chart> {
    t01_bars(report, Side::Expense, "支出")
}

/// Year on year: the main totals against last year's report.
pub fn year_on_year(report: &Report, prior: &Report, year: u32) -> Option<Chart> {
    let pick = |r: &Report| {
        vec![
            t01(r, Side::Income, "本年收入合计"),
            t01(r, Side::Expense, "本年支出合计"),
            value_in(r, TableId::T05, "合计", "合计"),
            value_in(r, TableId::T09, "R1", "决算数/合计"),
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

/// A chart laid out and written as an inline SVG element.
pub fn to_svg(chart: &Chart) -> String {
    svg::svg(&geometry::layout(chart))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = include_str!("../../../../tests/data/jilin-hrss-2024-final-accounts.txt");

    fn d(s: &str) -> Option<Decimal> {
        Some(s.parse().unwrap())
    }

    /// The Jilin sample's 收入支出决算总表 (lines 123–130) and 三公 table
    /// (line 437), as printed.
    #[test]
    fn charts_of_the_sample_take_the_printed_cells() {
        let report = juesuan_read::read_text("jilin.txt", SAMPLE).unwrap();
        let income = income_sources(&report).unwrap();
        assert_eq!(income.title, "收入结构（公开01表，万元）");
        assert_eq!(
            income.labels,
            [
                "一、一般公共预算财政拨款收入",
                "五、事业收入",
                "八、其他收入"
            ]
        );
        assert_eq!(
            income.series[0].1,
            vec![d("33597.66"), d("43.64"), d("1310.04")]
        );
        let expense = expense_classes(&report).unwrap();
        assert_eq!(expense.labels.len(), 5);
        assert_eq!(expense.labels[2], "三、社会保障和就业支出");
        assert_eq!(
            expense.series[0].1,
            vec![
                d("2202.82"),
                d("0.76"),
                d("31060.36"),
                d("765.93"),
                d("822.94")
            ]
        );
        let sangong = sangong(&report).unwrap();
        // 公务用车购置费 is blank in both groups: no bars for it.
        assert_eq!(
            sangong.labels,
            [
                "合计",
                "因公出国（境）费",
                "公务用车购置及运行维护费",
                "公务用车运行维护费",
                "公务接待费"
            ]
        );
        let budget = [d("161.34"), d("123.54"), d("36.40"), d("36.40"), d("1.40")];
        let actual = [d("151.58"), d("123.53"), d("27.51"), d("27.51"), d("0.55")];
        assert_eq!(sangong.series[0].1, budget);
        assert_eq!(sangong.series[1].1, actual);
    }
}
