//! Property test: random consistent reports (a few 科目, the identities
//! within and between the tables exact) render to text and workbook that
//! read back to the same cells, funds and scores, and audit without error
//! findings.

mod common;
#[path = "common/layout_report.rs"]
mod layout_report;

use common::*;
use juesuan_model::{FundRow, Indicator, Measure, Performance, Report};
use juesuan_render::{build, texts_for, Inputs};
use layout_report::POOL;
use proptest::prelude::*;
use rust_decimal::Decimal;

fn d(cents: u32) -> Decimal {
    Decimal::new(i64::from(cents), 2)
}

/// Per chosen 项: (人员, 公用, 项目 fiscal; 基本, 项目 non-fiscal) in cents.
type Item = (usize, [u32; 5]);

/// The consistent nine tables of [`layout_report::report`] (no 事业收入)
/// and one project's performance self-evaluation.
fn report(items: &[Item], sangong: [u32; 8], perf: (u32, u32, u32)) -> Report {
    let items: Vec<layout_report::Item> = items.iter().map(|&(i, v)| (i, v, [0, 0])).collect();
    let mut r = layout_report::report(&items, sangong, false);
    let s = Some;
    let (budget, executed, score) = perf;
    let (b, e) = (d(budget.max(executed) + 1), d(executed));
    let rate = juesuan_render::numbers::percent(e, b, 2);
    let fund = |name: &str, v: [Option<Decimal>; 4]| FundRow {
        row: name.into(),
        initial_budget: v[0],
        full_year_budget: v[1],
        executed: v[2],
        rate: v[3],
        spans: Vec::new(),
        line: 0,
    };
    let zero = Some(Decimal::ZERO);
    r.performance.push(Performance {
        index: 1,
        name: "测试工作补助".into(),
        department: "某省测试厅".into(),
        implementer: "某省测试厅（本级）".into(),
        funds: vec![
            fund("年度资金总额", [s(b), s(b), s(e), rate]),
            fund("当年财政拨款", [s(b), s(b), s(e), rate]),
            fund("上年结转资金", [zero, zero, zero, zero]),
            fund("其他资金", [zero, zero, zero, zero]),
        ],
        goal_expected: "完成测试。".into(),
        goal_actual: "已完成测试".into(),
        indicators: vec![Indicator {
            level1: "产出指标".into(),
            level2: "数量指标".into(),
            level3: "测试次数".into(),
            target: Measure {
                raw: "≥2次".into(),
                ..Measure::default()
            },
            actual: Measure {
                raw: "3次".into(),
                ..Measure::default()
            },
            deviation_reason: String::new(),
            line: 0,
        }],
        score: Some(Decimal::new(i64::from(score), 2)),
        score_line: 0,
        lines: (0, 0),
        page: None,
        repairs: Vec::new(),
    });
    r
}

fn item() -> impl Strategy<Value = Item> {
    (
        0..POOL.len(),
        [
            1u32..5_000_000,
            1u32..500_000,
            0u32..5_000_000,
            0u32..100_000,
            0u32..100_000,
        ],
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn generated_reports_round_trip_and_audit_clean(
        items in proptest::collection::vec(item(), 1..5),
        prior_items in proptest::collection::vec(item(), 1..4),
        sangong in [1u32..300_000, 0u32..3_000_000, 1u32..300_000, 1u32..100_000, 1u32..300_000, 0u32..3_000_000, 1u32..300_000, 1u32..100_000],
        perf in (1u32..100_000, 0u32..100_000, 6000u32..10_000),
    ) {
        let source = report(&items, sangong, perf);
        let prior = report(&prior_items, sangong.map(|x| x / 2 + 1), perf);
        let texts = texts_for(&source, layout_report::texts(&source));
        let doc = build(&Inputs { report: &source, prior: Some(&prior), texts: &texts });
        let book = juesuan_audit::Rulebook::builtin().expect("rulebook");
        let text = juesuan_render::txt::render(&doc);
        let xlsx = juesuan_render::xlsx::render(&doc).expect("workbook");
        for (name, back) in [
            ("txt", juesuan_read::read_text("g.txt", &text).expect("text reads")),
            ("xlsx", juesuan_read::read_bytes("g.xlsx", &xlsx).expect("workbook reads")),
        ] {
            assert_same(&cells(&source), &cells(&back), name);
            prop_assert_eq!(perf_of(&source), perf_of(&back));
            prop_assert_eq!(meta(&source), meta(&back));
            let audit = juesuan_audit::audit(&back, &book);
            let errors: Vec<String> = audit
                .findings
                .iter()
                .filter(|f| f.severity == juesuan_audit::Severity::Error)
                .map(|f| format!("{}: {}", f.rule, f.message))
                .collect();
            prop_assert!(errors.is_empty(), "{}: {:?}", name, errors);
        }
    }
}

fn perf_of(r: &Report) -> Vec<String> {
    perf(r)
}
