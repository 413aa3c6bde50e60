//! Families without a layout of their own render every table generically,
//! in the profile's order with their printed titles and the profile's
//! numbers: a synthetic 高等学校 report (four tables, 表 4 with a
//! `其中：` sub-column) and a report of no known family.

use juesuan_model::{Cell, Column, Decimal, Family, Report, Row, RowKind, Span, Table, TableId};
use juesuan_render::pdf::Options;
use juesuan_render::{build, Inputs, Texts};

fn cell(column: u32, v: &str) -> Cell {
    Cell {
        column,
        value: Some(v.replace(',', "").parse::<Decimal>().unwrap()),
        raw: v.to_string(),
        span: Span::default(),
        doubt: None,
    }
}

fn row(key: &str, name: &str, kind: RowKind, code: Option<&str>, values: &[&str]) -> Row {
    Row {
        key: key.into(),
        name: name.into(),
        label: name.into(),
        kind,
        code: code.map(str::to_string),
        line_no: None,
        side: None,
        of_which: None,
        doubt: None,
        span: Span::default(),
        cells: values
            .iter()
            .enumerate()
            .map(|(i, v)| cell(i as u32 + 1, v))
            .collect(),
    }
}

fn column(number: u32, key: &str, name: &str, of_which: Option<&str>) -> Column {
    Column {
        number,
        name: name.into(),
        key: key.into(),
        side: None,
        of_which: of_which.map(str::to_string),
    }
}

/// 表 4：高等学校财政拨款支出决算表 with 项目支出 / 其中：基本建设资金支出.
fn university_t10() -> Table {
    let mut t = Table::new(
        TableId::T10,
        "高等学校财政拨款支出决算表",
        Span {
            line: 40,
            ..Span::default()
        },
    );
    t.number_label = "表 4".into();
    t.columns = vec![
        column(1, "合计", "本年支出/合计", None),
        column(2, "基本支出", "本年支出/基本支出", None),
        column(3, "项目支出", "本年支出/项目支出", None),
        column(
            4,
            "基本建设资金支出",
            "本年支出/其中：基本建设资金支出",
            Some("项目支出"),
        ),
    ];
    t.rows = vec![
        row(
            "合计",
            "合计",
            RowKind::Total,
            None,
            &["1,250.40", "800.00", "450.40", "120.00"],
        ),
        row(
            "205",
            "教育支出",
            RowKind::Code,
            Some("205"),
            &["1,250.40", "800.00", "450.40", "120.00"],
        ),
    ];
    t
}

/// A table no family knows, with one named row.
fn other_table() -> Table {
    let mut t = Table::new(
        TableId::Other(1),
        "国有资产占用情况表",
        Span {
            line: 90,
            ..Span::default()
        },
    );
    t.columns = vec![column(1, "", "车辆/数量", None)];
    t.rows = vec![row(
        "一般公务用车",
        "一般公务用车",
        RowKind::Item,
        None,
        &["3"],
    )];
    t
}

fn report(family: Family, tables: Vec<Table>) -> Report {
    let mut r = Report {
        profile: family,
        ..Report::default()
    };
    r.meta.department = "某大学".into();
    r.meta.year = Some(2023);
    for t in tables {
        r.tables.insert(t.id, t);
    }
    r
}

/// Renders every format; the text form is returned.
fn render_all(r: &Report) -> String {
    let texts = Texts::default();
    let doc = build(&Inputs {
        report: r,
        prior: None,
        texts: &texts,
    });
    juesuan_render::html::render(&doc);
    juesuan_render::xlsx::render(&doc).expect("workbook");
    if juesuan_render::font::locate().is_some() {
        juesuan_render::pdf::render(&doc, &Options::default()).expect("pdf");
    }
    juesuan_render::txt::render(&doc)
}

fn position(text: &str, what: &str) -> usize {
    text.find(what)
        .unwrap_or_else(|| panic!("{what} missing:\n{text}"))
}

#[test]
fn university_tables_in_the_profile_order_with_their_titles() {
    let r = report(Family::University, vec![other_table(), university_t10()]);
    let text = render_all(&r);
    // Table part: the four tables of the family (three absent ones as empty
    // shells), then the table no family lists; never the nine central ones.
    let part = &text[position(&text, "\n一、收入支出决算总表\n")..];
    let at = |s: &str| position(part, s);
    assert!(at("\n二、收入决算表\n") < at("\n三、支出决算表\n"));
    assert!(at("\n三、支出决算表\n") < at("\n四、高等学校财政拨款支出决算表\n"));
    assert!(at("\n四、高等学校财政拨款支出决算表\n") < at("\n五、国有资产占用情况表\n"));
    assert!(!text.contains("财政拨款“三公”经费支出决算表"), "{text}");
    // Numbers: the printed one, else the profile's (表2 for 收入决算表).
    assert!(
        part.contains("\n表 4\n") && part.contains("\n表2\n"),
        "{part}"
    );
    // 表 4's header and row, the 其中 column under its group.
    let t10 = &part[at("\n四、高等学校财政拨款支出决算表\n")..at("\n五、")];
    assert!(t10.contains("其中：基本建设资金支出"), "{t10}");
    assert!(
        t10.contains("205\t教育支出\t1,250.40\t800.00\t450.40\t120.00"),
        "{t10}"
    );
    let other = &part[at("\n五、国有资产占用情况表\n")..];
    assert!(other.contains("一般公务用车\t3"), "{other}");
}

#[test]
fn a_report_of_no_known_family_keeps_its_tables() {
    let r = report(Family::Unknown, vec![other_table()]);
    let text = render_all(&r);
    let part = &text[position(&text, "第二部分 2023 年度部门决算表\n")..];
    assert!(part.contains("\n一、国有资产占用情况表\n"), "{part}");
    assert!(!part.contains("二、收入决算表"), "{part}");
    assert!(part.contains("项目\t车辆"), "{part}");
}
