//! Property test: random consistent reports (a few 科目, the identities
//! within and between the tables exact) render to text and workbook that
//! read back to the same cells, funds and scores, and audit without error
//! findings.

#![allow(clippy::needless_range_loop, clippy::type_complexity)]

mod common;

use common::*;
use juesuan_model::{
    Cell, Column, FundRow, Indicator, Measure, Meta, Performance, Report, Row, RowKind, Side,
    Table, TableId,
};
use juesuan_render::{build, texts_for, Inputs, Texts};
use proptest::prelude::*;
use rust_decimal::Decimal;

/// (类, 款, 项) codes and names.
const POOL: &[[(&str, &str); 3]] = &[
    [
        ("205", "教育支出"),
        ("20503", "职业教育"),
        ("2050303", "技校教育"),
    ],
    [
        ("208", "社会保障和就业支出"),
        ("20801", "人力资源和社会保障管理事务"),
        ("2080101", "行政运行"),
    ],
    [
        ("208", "社会保障和就业支出"),
        ("20801", "人力资源和社会保障管理事务"),
        ("2080199", "其他人力资源和社会保障管理事务支出"),
    ],
    [
        ("208", "社会保障和就业支出"),
        ("20805", "行政事业单位养老支出"),
        ("2080505", "机关事业单位基本养老保险缴费支出"),
    ],
    [
        ("210", "卫生健康支出"),
        ("21011", "行政事业单位医疗"),
        ("2101101", "行政单位医疗"),
    ],
    [
        ("221", "住房保障支出"),
        ("22102", "住房改革支出"),
        ("2210201", "住房公积金"),
    ],
];

fn d(cents: u32) -> Decimal {
    Decimal::new(i64::from(cents), 2)
}

fn cell(column: u32, v: Option<Decimal>) -> Cell {
    Cell {
        column,
        value: v,
        raw: String::new(),
        span: Default::default(),
        doubt: None,
    }
}

fn row(key: &str, name: &str, kind: RowKind, code: Option<&str>, cells: Vec<Cell>) -> Row {
    Row {
        key: key.into(),
        name: name.into(),
        label: juesuan_model::canonical::label_of(name),
        kind,
        code: code.map(str::to_string),
        line_no: None,
        side: None,
        of_which: None,
        doubt: None,
        span: Default::default(),
        cells,
    }
}

fn table(id: TableId, rows: Vec<Row>, numbered: bool) -> Table {
    let mut t = Table::new(id, id.title(), Default::default());
    t.number_label = format!("公开{:02}表", id.number());
    t.has_column_numbers = numbered;
    let layout = juesuan_model::Family::Central
        .profile()
        .table(id)
        .map_or(&[][..], |s| s.layout);
    t.columns = layout
        .iter()
        .enumerate()
        .map(|(i, k)| Column {
            number: i as u32 + 1,
            name: k.to_string(),
            key: k.to_string(),
            side: None,
            of_which: None,
        })
        .collect();
    t.rows = rows;
    t
}

/// Per chosen 项: (人员, 公用, 项目 fiscal; 基本, 项目 non-fiscal) in cents.
type Item = (usize, [u32; 5]);

fn report(items: &[Item], sangong: [u32; 8], perf: (u32, u32, u32)) -> Report {
    let mut items: Vec<Item> = items.to_vec();
    items.sort_by_key(|i| i.0);
    items.dedup_by_key(|i| i.0);
    let z = Some(Decimal::new(0, 2));
    // Amounts per code, summed up the hierarchy: [T05 合计, 基本, 人员, 公用, 项目, T03 基本, T03 项目, other income]
    let mut sums: std::collections::BTreeMap<String, (String, [Decimal; 8])> = Default::default();
    for (i, v) in &items {
        let [p, u, j, xb, xj] = v.map(d);
        let vals = [p + u + j, p + u, p, u, j, p + u + xb, j + xj, xb + xj];
        for (code, name) in POOL[*i] {
            let e = sums
                .entry(code.to_string())
                .or_insert((name.to_string(), [Decimal::ZERO; 8]));
            for k in 0..8 {
                e.1[k] += vals[k];
            }
        }
    }
    let mut total = [Decimal::ZERO; 8];
    for (code, (_, v)) in &sums {
        if code.len() == 3 {
            for k in 0..8 {
                total[k] += v[k];
            }
        }
    }
    let code_rows = |f: &dyn Fn(&[Decimal; 8]) -> Vec<Option<Decimal>>| -> Vec<Row> {
        let mut rows = vec![row(
            "合计",
            "合计",
            RowKind::Total,
            None,
            f(&total)
                .into_iter()
                .enumerate()
                .map(|(c, v)| cell(c as u32 + 1, v))
                .collect(),
        )];
        for (code, (name, v)) in &sums {
            rows.push(row(
                code,
                name,
                RowKind::Code,
                Some(code),
                f(v).into_iter()
                    .enumerate()
                    .map(|(c, x)| cell(c as u32 + 1, x))
                    .collect(),
            ));
        }
        rows
    };
    let s = Some;
    let t05 = table(
        TableId::T05,
        code_rows(&|v| vec![s(v[0]), s(v[1]), s(v[2]), s(v[3]), s(v[4])]),
        true,
    );
    let t03 = table(
        TableId::T03,
        code_rows(&|v| vec![s(v[5] + v[6]), s(v[5]), s(v[6]), None, None, None]),
        true,
    );
    let t02 = table(
        TableId::T02,
        code_rows(&|v| vec![s(v[0] + v[7]), s(v[0]), None, None, None, None, s(v[7])]),
        true,
    );
    let fiscal = total[0];
    let other = total[7];
    let all = fiscal + other;
    // T01
    let mut t01 = Table::new(TableId::T01, TableId::T01.title(), Default::default());
    t01.number_label = "公开01表".into();
    t01.has_column_numbers = true;
    t01.columns = vec![
        Column {
            number: 1,
            name: "收入决算数".into(),
            key: "收入决算数".into(),
            side: Some(Side::Income),
            of_which: None,
        },
        Column {
            number: 2,
            name: "支出决算数".into(),
            key: "支出决算数".into(),
            side: Some(Side::Expense),
            of_which: None,
        },
    ];
    let two = |n: u32, name: &str, side: Side, col: u32, v: Option<Decimal>, code: Option<&str>| {
        let mut r = row(
            &format!("R{n}"),
            name,
            if name.contains("合计") || name == "总计" {
                RowKind::Total
            } else {
                RowKind::Item
            },
            code,
            vec![cell(col, v)],
        );
        r.line_no = Some(n);
        r.side = Some(side);
        r
    };
    let income = [
        ("一、一般公共预算财政拨款收入", s(fiscal)),
        ("二、政府性基金预算财政拨款收入", None),
        ("三、国有资本经营预算财政拨款收入", None),
        ("四、上级补助收入", None),
        ("五、事业收入", None),
        ("六、经营收入", None),
        ("七、附属单位上缴收入", None),
        ("八、其他收入", s(other)),
        ("", None),
        ("本年收入合计", s(all)),
        ("使用非财政拨款结余（含专用结余）", z),
        ("年初结转和结余", z),
        ("", None),
        ("总计", s(all)),
    ];
    let classes: Vec<(String, String, Decimal)> = sums
        .iter()
        .filter(|(c, _)| c.len() == 3)
        .map(|(c, (n, v))| (c.clone(), n.clone(), v[5] + v[6]))
        .collect();
    let mut expense: Vec<(String, Option<Decimal>, Option<String>)> = classes
        .iter()
        .enumerate()
        .map(|(i, (c, n, v))| {
            (
                format!("{}、{n}", juesuan_render::numbers::cn_numeral(i as u32 + 1)),
                s(*v),
                Some(c.clone()),
            )
        })
        .collect();
    while expense.len() < 9 {
        expense.push((String::new(), None, None));
    }
    expense.extend([
        ("本年支出合计".to_string(), s(all), None),
        ("结余分配".to_string(), z, None),
        ("年末结转和结余".to_string(), z, None),
        (String::new(), None, None),
        ("总计".to_string(), s(all), None),
    ]);
    for (i, (name, v)) in income.iter().enumerate() {
        t01.rows
            .push(two(i as u32 + 1, name, Side::Income, 1, *v, None));
        if let Some((en, ev, code)) = expense.get(i) {
            t01.rows.push(two(
                i as u32 + 15,
                en,
                Side::Expense,
                2,
                *ev,
                code.as_deref(),
            ));
        }
    }
    // T04
    let mut t04 = Table::new(TableId::T04, TableId::T04.title(), Default::default());
    t04.number_label = "公开04表".into();
    t04.has_column_numbers = true;
    t04.columns = vec![Column {
        number: 1,
        name: "收入决算数".into(),
        key: "收入决算数".into(),
        side: Some(Side::Income),
        of_which: None,
    }];
    for (n, k) in [
        (2, "支出合计"),
        (3, "一般公共预算财政拨款"),
        (4, "政府性基金预算财政拨款"),
        (5, "国有资本经营预算财政拨款"),
    ] {
        t04.columns.push(Column {
            number: n,
            name: k.into(),
            key: k.into(),
            side: Some(Side::Expense),
            of_which: None,
        });
    }
    let four =
        |n: u32, name: &str, side: Side, vals: Vec<(u32, Option<Decimal>)>, code: Option<&str>| {
            let mut r = row(
                &format!("R{n}"),
                name,
                if name.contains("合计") || name == "总计" {
                    RowKind::Total
                } else {
                    RowKind::Item
                },
                code,
                vals.into_iter().map(|(c, v)| cell(c, v)).collect(),
            );
            r.line_no = Some(n);
            r.side = Some(side);
            r
        };
    let inc4 = [
        ("一、一般公共预算财政拨款", s(fiscal)),
        ("二、政府性基金预算财政拨款", None),
        ("三、国有资本经营预算财政拨款", None),
        ("", None),
        ("", None),
        ("本年收入合计", s(fiscal)),
        ("年初结转和结余", z),
        ("一般公共预算财政拨款", z),
        ("政府性基金预算财政拨款", None),
        ("国有资本经营预算财政拨款", None),
        ("总计", s(fiscal)),
    ];
    let mut exp4: Vec<(String, Option<Decimal>, Option<String>)> = sums
        .iter()
        .filter(|(c, _)| c.len() == 3)
        .enumerate()
        .map(|(i, (c, (n, v)))| {
            (
                format!("{}、{n}", juesuan_render::numbers::cn_numeral(i as u32 + 1)),
                s(v[0]),
                Some(c.clone()),
            )
        })
        .collect();
    while exp4.len() < 5 {
        exp4.push((String::new(), None, None));
    }
    exp4.extend([
        ("本年支出合计".to_string(), s(fiscal), None),
        ("年末结转和结余".to_string(), z, None),
    ]);
    while exp4.len() < 10 {
        exp4.push((String::new(), None, None));
    }
    exp4.push(("总计".to_string(), s(fiscal), None));
    for (i, (name, v)) in inc4.iter().enumerate() {
        t04.rows
            .push(four(i as u32 + 1, name, Side::Income, vec![(1, *v)], None));
        let (en, ev, code) = &exp4[i];
        t04.rows.push(four(
            i as u32 + 12,
            en,
            Side::Expense,
            vec![(2, *ev), (3, *ev), (4, None), (5, None)],
            code.as_deref(),
        ));
    }
    // T06
    let (people, public) = (total[2], total[3]);
    let t06_rows = vec![
        row(
            "301",
            "工资福利支出",
            RowKind::Code,
            Some("301"),
            vec![cell(1, s(people))],
        ),
        row(
            "30101",
            "基本工资",
            RowKind::Code,
            Some("30101"),
            vec![cell(1, s(people))],
        ),
        row(
            "302",
            "商品和服务支出",
            RowKind::Code,
            Some("302"),
            vec![cell(1, s(public))],
        ),
        row(
            "30201",
            "办公费",
            RowKind::Code,
            Some("30201"),
            vec![cell(1, s(public))],
        ),
        row(
            "人员经费合计",
            "人员经费合计",
            RowKind::Total,
            None,
            vec![cell(1, s(people))],
        ),
        row(
            "公用经费合计",
            "公用经费合计",
            RowKind::Total,
            None,
            vec![cell(1, s(public))],
        ),
    ];
    let mut t06 = table(TableId::T06, t06_rows, false);
    t06.columns.truncate(1);
    let t07 = table(
        TableId::T07,
        vec![row(
            "合计",
            "合计",
            RowKind::Total,
            None,
            (1..=6).map(|c| cell(c, None)).collect(),
        )],
        true,
    );
    let t08 = table(
        TableId::T08,
        vec![row(
            "合计",
            "合计",
            RowKind::Total,
            None,
            (1..=3).map(|c| cell(c, None)).collect(),
        )],
        true,
    );
    let [b1, b2a, b2b, b3, a1, a2a, a2b, a3] = sangong.map(d);
    let t09_vals = [
        b1 + b2a + b2b + b3,
        b1,
        b2a + b2b,
        b2a,
        b2b,
        b3,
        a1 + a2a + a2b + a3,
        a1,
        a2a + a2b,
        a2a,
        a2b,
        a3,
    ];
    let t09 = table(
        TableId::T09,
        vec![row(
            "R1",
            "",
            RowKind::Data,
            None,
            t09_vals
                .iter()
                .enumerate()
                .map(|(c, v)| cell(c as u32 + 1, s(*v)))
                .collect(),
        )],
        true,
    );
    let mut r = Report {
        meta: Meta {
            department: "某省测试厅".into(),
            year: Some(2024),
            unit: Default::default(),
            published: Some("2025-08-25".into()),
            duties: vec!["（一）负责测试工作。".into()],
            institutions: Some(5),
            member_units: vec!["某省测试厅（本级）".into(), "某省测试中心".into()],
        },
        ..Report::default()
    };
    for t in [t01, t02, t03, t04, t05, t06, t07, t08, t09] {
        r.tables.insert(t.id, t);
    }
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
        repairs: Vec::new(),
    });
    r
}

/// The preparer's words for a generated report: every reason and count the draft asks for.
fn texts_for_generated(r: &Report) -> Texts {
    let mut t = Texts::default();
    for key in [
        "收支总计",
        "财政拨款收支总计",
        "财政拨款收入",
        "其他收入",
        "基本支出",
        "项目支出",
        "一般公共预算财政拨款支出",
        "三公经费",
        "因公出国（境）费",
        "公务用车购置及运行维护费",
        "公务接待费",
        "机关运行经费",
        "三公经费/预算",
        "因公出国（境）费/预算",
        "公务用车购置及运行维护费/预算",
        "公务接待费/预算",
    ] {
        t.reasons
            .insert(key.into(), "按实际工作需要安排支出".into());
    }
    for (code, _) in POOL.iter().map(|p| p[2]) {
        t.reasons.insert(code.into(), "按实际工作需要调整".into());
        if let Some(v) = r
            .table(TableId::T05)
            .and_then(|x| x.row_by_code(code))
            .and_then(|x| x.value(1))
        {
            t.budgets
                .insert(code.into(), (v + Decimal::ONE).to_string());
        }
    }
    let total: Decimal = t
        .budgets
        .values()
        .filter_map(|v| v.parse::<Decimal>().ok())
        .sum();
    t.budgets.insert("total".into(), total.to_string());
    for k in [
        "出国团组",
        "出国人次",
        "公务用车保有量",
        "公务用车购置数",
        "外事接待批次",
        "外事接待人次",
        "国内接待批次",
        "国内接待人次",
        "车辆总数",
        "百万元以上设备",
    ] {
        t.counts.insert(k.into(), 1);
    }
    let recv = juesuan_render::narrative::value_in(r, TableId::T09, "R1", "决算数/公务接待费")
        .unwrap_or_default();
    t.amounts.insert("外事接待费".into(), "0".into());
    t.amounts.insert("国内公务接待费".into(), recv.to_string());
    t.amounts.insert("政府采购支出总额".into(), "10.00".into());
    t.amounts.insert("政府采购货物支出".into(), "4.00".into());
    t.amounts.insert("政府采购服务支出".into(), "6.00".into());
    t.notes.insert(
        "公务用车运行维护费用途".into(),
        "公务出行所需车辆燃料费、维修费".into(),
    );
    t
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
        let texts = texts_for(&source, texts_for_generated(&source));
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
