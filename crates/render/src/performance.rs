//! 项目支出绩效自评表 as grids in the official 7-column layout.

use crate::document::{BodyCell, Grid, GridKind};
use juesuan_model::{Performance, Report};
use rust_decimal::Decimal;

/// The four funding rows in printed order.
pub const FUND_ROWS: [&str; 4] = ["年度资金总额", "当年财政拨款", "上年结转资金", "其他资金"];

/// Amounts, rates and scores as the form prints them: two decimals.
fn plain(v: Decimal) -> String {
    let v = v.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    format!("{v:.2}")
}

/// The grid of one self-evaluation table.
pub fn grid(report: &Report, p: &Performance) -> Grid {
    let mut body: Vec<Vec<BodyCell>> = Vec::new();
    body.push(vec![
        BodyCell::label("项目名称").span(2),
        BodyCell::text(p.name.clone()).span(5),
    ]);
    let department = if p.department.is_empty() {
        report.meta.department.clone()
    } else {
        p.department.clone()
    };
    body.push(vec![
        BodyCell::label("主管部门").span(2),
        BodyCell::text(department).span(2),
        BodyCell::label("实施单位"),
        BodyCell::text(p.implementer.clone()).span(2),
    ]);
    body.push(vec![
        BodyCell::label("资金情况（万元）")
            .span(2)
            .down(1 + FUND_ROWS.len()),
        BodyCell::label("项目资金"),
        BodyCell::label("年初预算数"),
        BodyCell::label("全年预算数"),
        BodyCell::label("全年执行数"),
        BodyCell::label("执行率（%）"),
    ]);
    for name in FUND_ROWS {
        let f = p.fund(name);
        let v = |k: &str| f.and_then(|f| f.get(k));
        body.push(vec![
            BodyCell::blank(),
            BodyCell::blank(),
            BodyCell::label(name),
            BodyCell::amount(v("initial_budget"), plain),
            BodyCell::amount(v("full_year_budget"), plain),
            BodyCell::amount(v("executed"), plain),
            BodyCell::amount(v("rate"), plain),
        ]);
    }
    body.push(vec![
        BodyCell::label("年度总体目标").span(2).down(2),
        BodyCell::label("预期目标").span(3),
        BodyCell::label("实际完成情况").span(2),
    ]);
    body.push(vec![
        BodyCell::blank().span(2),
        BodyCell::text(p.goal_expected.clone()).span(3),
        BodyCell::text(p.goal_actual.clone()).span(2),
    ]);
    let indicators = &p.indicators;
    body.push(
        [
            "绩效指标",
            "一级指标",
            "二级指标",
            "三级指标",
            "年度指标值",
            "实际完成值",
            "偏差原因分析及改进措施",
        ]
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let cell = BodyCell::label(*t);
            // 绩效指标 stands once, down the header and every indicator.
            if i == 0 {
                cell.down(1 + indicators.len())
            } else {
                cell
            }
        })
        .collect(),
    );
    for (i, ind) in indicators.iter().enumerate() {
        let new1 = i == 0 || ind.level1 != indicators[i - 1].level1;
        let new2 = new1 || ind.level2 != indicators[i - 1].level2;
        // A run of the same 一级 (二级 within it) is one merged cell.
        let run1 = indicators[i..]
            .iter()
            .take_while(|x| x.level1 == ind.level1)
            .count();
        let run2 = indicators[i..]
            .iter()
            .take_while(|x| x.level1 == ind.level1 && x.level2 == ind.level2)
            .count();
        body.push(vec![
            BodyCell::blank(),
            if new1 {
                BodyCell::label(ind.level1.as_str()).down(run1)
            } else {
                BodyCell::blank()
            },
            if new2 {
                BodyCell::label(ind.level2.as_str()).down(run2)
            } else {
                BodyCell::blank()
            },
            BodyCell::text(ind.level3.clone()),
            BodyCell::text(ind.target.raw.clone()),
            BodyCell::text(ind.actual.raw.clone()),
            BodyCell::text(ind.deviation_reason.clone()),
        ]);
    }
    body.push(vec![
        BodyCell::label("总分").span(6),
        BodyCell::amount(p.score, plain),
    ]);
    Grid {
        kind: GridKind::Performance,
        title: "项目支出绩效自评表".to_string(),
        number_label: String::new(),
        unit_line: None,
        department_line: None,
        width: 7,
        header: Vec::new(),
        column_numbers: None,
        body,
        notes: Vec::new(),
        frozen_columns: 0,
    }
}
