//! Random consistent reports for the layout fuzz test: a few 科目 in the
//! nine tables of the central family, every identity of domain.md §3 exact,
//! built from amounts in cents independently of the renderer and the
//! reader. Beside fiscal and other income, rows may carry 事业收入, and
//! the 收入决算表 may print its sub-column 其中：教育收费.

use juesuan_model::{Cell, Column, Meta, Report, Row, RowKind, Side, Table, TableId};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// (类, 款, 项) codes and names of the 2024 classification.
pub const POOL: &[[(&str, &str); 3]] = &[
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

/// One 项 of the report: its index in [`POOL`] and, in cents, fiscal
/// 人员经费, 公用经费, 项目支出, non-fiscal 基本支出, 项目支出; then the
/// share (in %) of the non-fiscal money that is 事业收入 and the share of
/// that which is 教育收费.
pub type Item = (usize, [u32; 5], [u32; 2]);

/// The report's amounts per 科目 code and in total.
#[derive(Debug, Clone, Copy, Default)]
struct Sums {
    people: Decimal,
    public: Decimal,
    project: Decimal,
    other_basic: Decimal,
    other_project: Decimal,
    business: Decimal,
    tuition: Decimal,
}

impl Sums {
    fn fiscal(&self) -> Decimal {
        self.people + self.public + self.project
    }
    fn basic(&self) -> Decimal {
        self.people + self.public + self.other_basic
    }
    fn projects(&self) -> Decimal {
        self.project + self.other_project
    }
    fn other_income(&self) -> Decimal {
        self.other_basic + self.other_project - self.business
    }
    fn add(&mut self, o: &Sums) {
        self.people += o.people;
        self.public += o.public;
        self.project += o.project;
        self.other_basic += o.other_basic;
        self.other_project += o.other_project;
        self.business += o.business;
        self.tuition += o.tuition;
    }
}

fn cents(c: u32) -> Decimal {
    Decimal::new(i64::from(c), 2)
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

fn row(
    key: &str,
    name: &str,
    kind: RowKind,
    code: Option<&str>,
    values: &[Option<Decimal>],
) -> Row {
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
        cells: values
            .iter()
            .enumerate()
            .map(|(i, v)| cell(i as u32 + 1, *v))
            .collect(),
    }
}

fn column(number: u32, key: &str, side: Option<Side>, of_which: Option<&str>) -> Column {
    Column {
        number,
        name: key.into(),
        key: key.into(),
        side,
        of_which: of_which.map(str::to_string),
    }
}

fn table(id: TableId, keys: &[&str], rows: Vec<Row>) -> Table {
    let mut t = Table::new(id, id.title(), Default::default());
    t.number_label = format!("公开{:02}表", id.number());
    t.has_column_numbers = id != TableId::T06;
    t.columns = keys
        .iter()
        .enumerate()
        .map(|(i, k)| {
            column(
                i as u32 + 1,
                k,
                None,
                juesuan_model::canonical::of_which(id, k),
            )
        })
        .collect();
    t.rows = rows;
    t
}

/// The central family's printed columns of table `id`.
fn layout(id: TableId) -> &'static [&'static str] {
    juesuan_model::Family::Central
        .profile()
        .table(id)
        .map_or(&[][..], |s| s.layout)
}

/// A two-sided row (T01/T04) with its 行次.
fn sided(n: u32, name: &str, side: Side, cells: Vec<Cell>, code: Option<&str>) -> Row {
    let kind = if name.contains("合计") || name == "总计" {
        RowKind::Total
    } else {
        RowKind::Item
    };
    let mut r = row(&format!("R{n}"), name, kind, code, &[]);
    r.cells = cells;
    r.line_no = Some(n);
    r.side = Some(side);
    r
}

/// A consistent report of the chosen 项 (duplicates dropped) with the
/// given 三公 amounts (预算 出国, 购置, 运行, 接待; 决算 the same), in cents.
/// With `tuition`, the 收入决算表 prints 事业收入's sub-column
/// 其中：教育收费 right after it.
pub fn report(items: &[Item], sangong: [u32; 8], tuition: bool) -> Report {
    let mut items = items.to_vec();
    items.sort_by_key(|i| i.0);
    items.dedup_by_key(|i| i.0);
    let mut by_code: BTreeMap<String, (String, Sums)> = BTreeMap::new();
    let mut total = Sums::default();
    for (i, [p, u, j, xb, xj], [share, fee]) in &items {
        let other = xb + xj;
        let business = (u64::from(other) * u64::from(*share.min(&100)) / 100) as u32;
        let tuition_cents = (u64::from(business) * u64::from(*fee.min(&100)) / 100) as u32;
        let s = Sums {
            people: cents(*p),
            public: cents(*u),
            project: cents(*j),
            other_basic: cents(*xb),
            other_project: cents(*xj),
            business: cents(business),
            tuition: cents(tuition_cents),
        };
        for (code, name) in POOL[*i] {
            by_code
                .entry(code.to_string())
                .or_insert_with(|| (name.to_string(), Sums::default()))
                .1
                .add(&s);
        }
        total.add(&s);
    }
    let code_rows = |f: &dyn Fn(&Sums) -> Vec<Option<Decimal>>| -> Vec<Row> {
        let mut rows = vec![row("合计", "合计", RowKind::Total, None, &f(&total))];
        for (code, (name, s)) in &by_code {
            rows.push(row(code, name, RowKind::Code, Some(code), &f(s)));
        }
        rows
    };
    let s = Some;
    let zero = s(Decimal::new(0, 2));
    let t05 = table(
        TableId::T05,
        layout(TableId::T05),
        code_rows(&|v| {
            vec![
                s(v.fiscal()),
                s(v.people + v.public),
                s(v.people),
                s(v.public),
                s(v.project),
            ]
        }),
    );
    let t03 = table(
        TableId::T03,
        layout(TableId::T03),
        code_rows(&|v| {
            vec![
                s(v.basic() + v.projects()),
                s(v.basic()),
                s(v.projects()),
                None,
                None,
                None,
            ]
        }),
    );
    let mut t02_keys: Vec<&str> = layout(TableId::T02).to_vec();
    if tuition {
        let at = t02_keys
            .iter()
            .position(|k| *k == "事业收入")
            .map_or(t02_keys.len(), |p| p + 1);
        t02_keys.insert(at, "教育收费");
    }
    let t02 = table(
        TableId::T02,
        &t02_keys,
        code_rows(&|v| {
            t02_keys
                .iter()
                .map(|k| match *k {
                    "本年收入合计" => s(v.fiscal() + v.business + v.other_income()),
                    "财政拨款收入" => s(v.fiscal()),
                    "事业收入" => s(v.business),
                    "教育收费" => s(v.tuition),
                    "其他收入" => s(v.other_income()),
                    _ => None,
                })
                .collect()
        }),
    );
    let fiscal = total.fiscal();
    let all = fiscal + total.business + total.other_income();
    // T01: income 行次 1–14, expense 15–28.
    let mut t01 = Table::new(TableId::T01, TableId::T01.title(), Default::default());
    t01.number_label = "公开01表".into();
    t01.has_column_numbers = true;
    t01.columns = vec![
        column(1, "收入决算数", Some(Side::Income), None),
        column(2, "支出决算数", Some(Side::Expense), None),
    ];
    let income: [(&str, Option<Decimal>); 14] = [
        ("一、一般公共预算财政拨款收入", s(fiscal)),
        ("二、政府性基金预算财政拨款收入", None),
        ("三、国有资本经营预算财政拨款收入", None),
        ("四、上级补助收入", None),
        ("五、事业收入", s(total.business)),
        ("六、经营收入", None),
        ("七、附属单位上缴收入", None),
        ("八、其他收入", s(total.other_income())),
        ("", None),
        ("本年收入合计", s(all)),
        ("使用非财政拨款结余（含专用结余）", zero),
        ("年初结转和结余", zero),
        ("", None),
        ("总计", s(all)),
    ];
    let classes: Vec<(&String, &String, &Sums)> = by_code
        .iter()
        .filter(|(c, _)| c.len() == 3)
        .map(|(c, (n, v))| (c, n, v))
        .collect();
    let numbered =
        |i: usize, n: &str| format!("{}、{n}", juesuan_render::numbers::cn_numeral(i as u32 + 1));
    let mut expense: Vec<(String, Option<Decimal>, Option<String>)> = classes
        .iter()
        .enumerate()
        .map(|(i, (c, n, v))| {
            (
                numbered(i, n),
                s(v.basic() + v.projects()),
                Some(c.to_string()),
            )
        })
        .collect();
    expense.resize(9, (String::new(), None, None));
    expense.extend([
        ("本年支出合计".to_string(), s(all), None),
        ("结余分配".to_string(), zero, None),
        ("年末结转和结余".to_string(), zero, None),
        (String::new(), None, None),
        ("总计".to_string(), s(all), None),
    ]);
    for (i, ((name, v), (en, ev, code))) in income.iter().zip(&expense).enumerate() {
        let n = i as u32 + 1;
        t01.rows
            .push(sided(n, name, Side::Income, vec![cell(1, *v)], None));
        t01.rows.push(sided(
            n + 14,
            en,
            Side::Expense,
            vec![cell(2, *ev)],
            code.as_deref(),
        ));
    }
    // T04: income 行次 1–11, expense 12–22.
    let mut t04 = Table::new(TableId::T04, TableId::T04.title(), Default::default());
    t04.number_label = "公开04表".into();
    t04.has_column_numbers = true;
    t04.columns = vec![column(1, "收入决算数", Some(Side::Income), None)];
    for (n, k) in [
        (2, "支出合计"),
        (3, "一般公共预算财政拨款"),
        (4, "政府性基金预算财政拨款"),
        (5, "国有资本经营预算财政拨款"),
    ] {
        t04.columns.push(column(n, k, Some(Side::Expense), None));
    }
    let income4: [(&str, Option<Decimal>); 11] = [
        ("一、一般公共预算财政拨款", s(fiscal)),
        ("二、政府性基金预算财政拨款", None),
        ("三、国有资本经营预算财政拨款", None),
        ("", None),
        ("", None),
        ("本年收入合计", s(fiscal)),
        ("年初结转和结余", zero),
        ("一般公共预算财政拨款", zero),
        ("政府性基金预算财政拨款", None),
        ("国有资本经营预算财政拨款", None),
        ("总计", s(fiscal)),
    ];
    let mut expense4: Vec<(String, Option<Decimal>, Option<String>)> = classes
        .iter()
        .enumerate()
        .map(|(i, (c, n, v))| (numbered(i, n), s(v.fiscal()), Some(c.to_string())))
        .collect();
    expense4.resize(5, (String::new(), None, None));
    expense4.extend([
        ("本年支出合计".to_string(), s(fiscal), None),
        ("年末结转和结余".to_string(), zero, None),
    ]);
    expense4.resize(10, (String::new(), None, None));
    expense4.push(("总计".to_string(), s(fiscal), None));
    for (i, ((name, v), (en, ev, code))) in income4.iter().zip(&expense4).enumerate() {
        let n = i as u32 + 1;
        t04.rows
            .push(sided(n, name, Side::Income, vec![cell(1, *v)], None));
        t04.rows.push(sided(
            n + 11,
            en,
            Side::Expense,
            vec![cell(2, *ev), cell(3, *ev), cell(4, None), cell(5, None)],
            code.as_deref(),
        ));
    }
    // T06: one 款 per class and the two totals.
    let (people, public) = (s(total.people), s(total.public));
    let t06 = table(
        TableId::T06,
        layout(TableId::T06),
        vec![
            row("301", "工资福利支出", RowKind::Code, Some("301"), &[people]),
            row("30101", "基本工资", RowKind::Code, Some("30101"), &[people]),
            row(
                "302",
                "商品和服务支出",
                RowKind::Code,
                Some("302"),
                &[public],
            ),
            row("30201", "办公费", RowKind::Code, Some("30201"), &[public]),
            row(
                "人员经费合计",
                "人员经费合计",
                RowKind::Total,
                None,
                &[people],
            ),
            row(
                "公用经费合计",
                "公用经费合计",
                RowKind::Total,
                None,
                &[public],
            ),
        ],
    );
    let t07 = table(
        TableId::T07,
        layout(TableId::T07),
        vec![row("合计", "合计", RowKind::Total, None, &[None; 6])],
    );
    let t08 = table(
        TableId::T08,
        layout(TableId::T08),
        vec![row("合计", "合计", RowKind::Total, None, &[None; 3])],
    );
    let [b1, b2a, b2b, b3, a1, a2a, a2b, a3] = sangong.map(cents);
    let t09_values: Vec<Option<Decimal>> = [
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
    ]
    .into_iter()
    .map(Some)
    .collect();
    let t09 = table(
        TableId::T09,
        layout(TableId::T09),
        vec![row("R1", "", RowKind::Data, None, &t09_values)],
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
    r
}

/// The preparer's words for a report of [`report`]: every reason, budget,
/// count and amount the drafted 情况说明 asks for, so no placeholder is left.
pub fn texts(r: &Report) -> juesuan_render::Texts {
    let mut t = juesuan_render::Texts::default();
    for key in [
        "收支总计",
        "财政拨款收支总计",
        "财政拨款收入",
        "事业收入",
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
    let mut total = Decimal::ZERO;
    for (code, _) in POOL.iter().map(|p| p[2]) {
        t.reasons.insert(code.into(), "按实际工作需要调整".into());
        if let Some(v) = r
            .table(TableId::T05)
            .and_then(|x| x.row_by_code(code))
            .and_then(|x| x.value(1))
        {
            let budget = v + Decimal::ONE;
            total += budget;
            t.budgets.insert(code.into(), budget.to_string());
        }
    }
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
    let reception = juesuan_render::narrative::value_in(r, TableId::T09, "R1", "决算数/公务接待费")
        .unwrap_or_default();
    t.amounts.insert("外事接待费".into(), "0".into());
    t.amounts
        .insert("国内公务接待费".into(), reception.to_string());
    t.amounts.insert("政府采购支出总额".into(), "10.00".into());
    t.amounts.insert("政府采购货物支出".into(), "4.00".into());
    t.amounts.insert("政府采购服务支出".into(), "6.00".into());
    t.notes.insert(
        "公务用车运行维护费用途".into(),
        "公务出行所需车辆燃料费、维修费".into(),
    );
    t
}
