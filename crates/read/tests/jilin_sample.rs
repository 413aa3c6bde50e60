//! The Jilin sample (tests/data/jilin-hrss-2024-final-accounts.txt, the 2024
//! 部门决算 of 吉林省人力资源和社会保障厅 as text extracted from its PDF).
//! Every expected value below was read off the document by hand, table by
//! table; the per-table cell counts were counted on the raw text with awk.

use juesuan_model::{CellAddr, Report, TableId};
use std::collections::BTreeMap;
use std::path::PathBuf;

fn sample_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/data/jilin-hrss-2024-final-accounts.txt")
}

fn sample() -> Report {
    match juesuan_read::read_path(&sample_path()) {
        Ok(r) => r,
        Err(e) => panic!("the bundled sample must read: {e}"),
    }
}

/// All filled cells of one table as address → printed value.
fn cells_of(r: &Report, id: TableId) -> BTreeMap<String, String> {
    r.numeric_cells()
        .into_iter()
        .filter(|(a, _, _)| a.table == id)
        .filter_map(|(a, _, c)| c.value.map(|v| (a.to_string(), v.to_string())))
        .collect()
}

fn expect_exact(r: &Report, id: TableId, expected: &[(&str, &str)]) {
    let got = cells_of(r, id);
    let want: BTreeMap<String, String> = expected
        .iter()
        .map(|(a, v)| (a.to_string(), v.to_string()))
        .collect();
    assert_eq!(got, want, "{id}: exported cells differ from the document");
}

fn expect_some(r: &Report, expected: &[(&str, &str, u32)]) {
    for (addr, value, line) in expected {
        let a = CellAddr::parse(addr).unwrap_or_else(|| panic!("bad address {addr}"));
        let (_, cell) = r.cell(&a).unwrap_or_else(|| panic!("{addr} not found"));
        assert_eq!(
            cell.value.map(|v| v.to_string()).as_deref(),
            Some(*value),
            "{addr}"
        );
        assert_eq!(cell.span.line, *line, "{addr} line");
    }
}

#[test]
fn t01_every_cell() {
    expect_exact(
        &sample(),
        TableId::T01,
        &[
            ("T01[R1,C1]", "33597.66"),
            ("T01[R5,C1]", "43.64"),
            ("T01[R8,C1]", "1310.04"),
            ("T01[R10,C1]", "34951.33"),
            ("T01[R11,C1]", "61.70"),
            ("T01[R12,C1]", "3223.44"),
            ("T01[R14,C1]", "38236.47"),
            ("T01[R15,C2]", "2202.82"),
            ("T01[R16,C2]", "0.76"),
            ("T01[R17,C2]", "31060.36"),
            ("T01[R18,C2]", "765.93"),
            ("T01[R19,C2]", "822.94"),
            ("T01[R24,C2]", "34852.82"),
            ("T01[R25,C2]", "3.54"),
            ("T01[R26,C2]", "3380.11"),
            ("T01[R28,C2]", "38236.47"),
        ],
    );
}

#[test]
fn t01_halves_are_split_and_named() {
    let r = sample();
    let t = r.table(TableId::T01).unwrap();
    // Line 128 lost a blank slot in conversion: "六、经营收入⇥6⇥⇥20⇥".
    let r6 = t.row("R6").unwrap();
    assert_eq!(r6.name, "六、经营收入");
    assert_eq!(r6.span.line, 128);
    assert!(t.row("R20").is_some());
    assert_eq!(t.row("R17").unwrap().code.as_deref(), Some("208"));
    assert_eq!(t.row("R10").unwrap().label, "本年收入合计");
    let income_total = t.row("R10").unwrap().cell(1).unwrap();
    let line = &r.lines[131];
    assert_eq!(
        &line[income_total.span.start as usize..income_total.span.end as usize],
        "34,951.33"
    );
}

#[test]
fn t04_every_cell() {
    let r = sample();
    expect_exact(
        &r,
        TableId::T04,
        &[
            ("T04[R1,C1]", "33597.66"),
            ("T04[R6,C1]", "33597.66"),
            ("T04[R7,C1]", "46.45"),
            ("T04[R8,C1]", "46.45"),
            ("T04[R11,C1]", "33644.11"),
            ("T04[R12,C2]", "1431.94"),
            ("T04[R12,C3]", "1431.94"),
            ("T04[R13,C2]", "30587.38"),
            ("T04[R13,C3]", "30587.38"),
            ("T04[R14,C2]", "765.93"),
            ("T04[R14,C3]", "765.93"),
            ("T04[R15,C2]", "822.94"),
            ("T04[R15,C3]", "822.94"),
            ("T04[R17,C2]", "33608.20"),
            ("T04[R17,C3]", "33608.20"),
            ("T04[R18,C2]", "35.91"),
            ("T04[R18,C3]", "35.91"),
            ("T04[R22,C2]", "33644.11"),
            ("T04[R22,C3]", "33644.11"),
        ],
    );
    let t = r.table(TableId::T04).unwrap();
    assert_eq!(
        t.row("R8").unwrap().label,
        "年初结转和结余/一般公共预算财政拨款"
    );
    assert_eq!(t.column("国有资本经营预算财政拨款").unwrap().number, 5);
}

#[test]
fn t09_every_cell_and_blank_cells_stay_blank() {
    let r = sample();
    expect_exact(
        &r,
        TableId::T09,
        &[
            ("T09[R1,C1]", "161.34"),
            ("T09[R1,C2]", "123.54"),
            ("T09[R1,C3]", "36.40"),
            ("T09[R1,C5]", "36.40"),
            ("T09[R1,C6]", "1.40"),
            ("T09[R1,C7]", "151.58"),
            ("T09[R1,C8]", "123.53"),
            ("T09[R1,C9]", "27.51"),
            ("T09[R1,C11]", "27.51"),
            ("T09[R1,C12]", "0.55"),
        ],
    );
    let row = r.table(TableId::T09).unwrap().row("R1").unwrap();
    assert_eq!(
        row.cell(4).unwrap().value,
        None,
        "公务用车购置费 预算数 is printed blank"
    );
    let t = r.table(TableId::T09).unwrap();
    assert_eq!(t.column("决算数/公务接待费").unwrap().number, 12);
}

#[test]
fn t06_every_cell_of_the_three_column_groups() {
    expect_exact(
        &sample(),
        TableId::T06,
        &[
            ("T06[301,C1]", "9818.86"),
            ("T06[30101,C1]", "3646.80"),
            ("T06[30102,C1]", "793.04"),
            ("T06[30103,C1]", "1329.28"),
            ("T06[30107,C1]", "1072.93"),
            ("T06[30108,C1]", "937.37"),
            ("T06[30109,C1]", "18.90"),
            ("T06[30110,C1]", "435.53"),
            ("T06[30111,C1]", "290.89"),
            ("T06[30112,C1]", "168.72"),
            ("T06[30113,C1]", "822.96"),
            ("T06[30114,C1]", "43.70"),
            ("T06[30199,C1]", "258.73"),
            ("T06[303,C1]", "995.35"),
            ("T06[30301,C1]", "94.47"),
            ("T06[30302,C1]", "715.51"),
            ("T06[30304,C1]", "175.28"),
            ("T06[30305,C1]", "0.28"),
            ("T06[30309,C1]", "3.80"),
            ("T06[30399,C1]", "6.02"),
            ("T06[302,C1]", "1991.83"),
            ("T06[30201,C1]", "134.58"),
            ("T06[30202,C1]", "57.04"),
            ("T06[30203,C1]", "14.94"),
            ("T06[30204,C1]", "0.31"),
            ("T06[30205,C1]", "35.47"),
            ("T06[30206,C1]", "78.49"),
            ("T06[30207,C1]", "42.49"),
            ("T06[30208,C1]", "217.24"),
            ("T06[30209,C1]", "341.38"),
            ("T06[30211,C1]", "218.15"),
            ("T06[30212,C1]", "29.05"),
            ("T06[30213,C1]", "125.86"),
            ("T06[30214,C1]", "6.72"),
            ("T06[30215,C1]", "14.76"),
            ("T06[30216,C1]", "14.91"),
            ("T06[30217,C1]", "0.55"),
            ("T06[30226,C1]", "26.67"),
            ("T06[30228,C1]", "92.18"),
            ("T06[30229,C1]", "206.90"),
            ("T06[30231,C1]", "27.51"),
            ("T06[30239,C1]", "247.38"),
            ("T06[30240,C1]", "2.68"),
            ("T06[30299,C1]", "56.57"),
            ("T06[310,C1]", "68.87"),
            ("T06[31002,C1]", "68.20"),
            ("T06[31003,C1]", "0.67"),
            ("T06[人员经费合计,C1]", "10814.21"),
            ("T06[公用经费合计,C1]", "2060.70"),
        ],
    );
}

#[test]
fn code_tables_rows_and_counts() {
    let r = sample();
    // Filled cells per table, counted on the raw text with awk.
    for (id, n) in [(TableId::T02, 105), (TableId::T03, 93), (TableId::T05, 200)] {
        assert_eq!(cells_of(&r, id).len(), n, "{id} filled cells");
    }
    expect_some(
        &r,
        &[
            ("T02[合计,C1]", "34951.33", 153),
            ("T02[合计,C2]", "33597.66", 153),
            ("T02[合计,C4]", "43.64", 153),
            ("T02[合计,C7]", "1310.04", 153),
            ("T02[205,C7]", "693.84", 154),
            ("T02[2080101,C2]", "4657.90", 166),
            ("T02[2080101,C7]", "2.42", 166),
            ("T02[2080199,C1]", "14445.09", 176),
            ("T02[2210201,C2]", "821.26", 196),
            ("T03[合计,C1]", "34852.82", 213),
            ("T03[合计,C2]", "13184.48", 213),
            ("T03[合计,C3]", "21668.33", 213),
            ("T03[2080101,C2]", "4658.66", 226),
            ("T03[2080199,C2]", "316.50", 236),
            ("T03[2080199,C3]", "14182.27", 236),
            ("T03[20825,C3]", "404.09", 248),
            ("T05[合计,C7]", "33608.20", 300),
            ("T05[合计,C8]", "12874.92", 300),
            ("T05[合计,C9]", "10814.21", 300),
            ("T05[合计,C10]", "2060.70", 300),
            ("T05[合计,C11]", "20733.28", 300),
            ("T05[2080101,C10]", "868.28", 310),
            ("T05[2080199,C7]", "14330.84", 319),
            ("T05[20502,C8]", "0.00", 302),
            ("T05[221,C9]", "822.94", 337),
            ("T05[22102,C7]", "822.94", 339),
        ],
    );
    // Blank stays blank, zero stays zero.
    let t02 = r.table(TableId::T02).unwrap();
    assert_eq!(t02.row("20502").unwrap().value(3), None);
    assert_eq!(
        r.table(TableId::T05).unwrap().row("2080199").unwrap().name,
        "其他人力资源和社会保障管理事务支"
    );
    let t05 = r.table(TableId::T05).unwrap();
    let keys: Vec<(u32, &str)> = t05
        .columns
        .iter()
        .map(|c| (c.number, c.key.as_str()))
        .collect();
    assert_eq!(
        keys,
        vec![
            (7, "合计"),
            (8, "基本支出"),
            (9, "人员经费"),
            (10, "公用经费"),
            (11, "项目支出")
        ]
    );
}

#[test]
fn empty_fund_tables_keep_their_notes() {
    let r = sample();
    assert!(r.absent_tables.is_empty());
    for (id, note) in [
        (TableId::T07, "说明：本单位没有政府性基金预算财政拨款。"),
        (TableId::T08, "说明：本单位没有国有资本经营预算财政拨款。"),
    ] {
        let t = r.table(id).unwrap();
        assert!(t.is_empty_of_values(), "{id} has no values");
        assert_eq!(t.empty_note().map(|(_, n)| n.as_str()), Some(note));
    }
}

#[test]
fn metadata() {
    let r = sample();
    assert_eq!(r.meta.department, "吉林省人力资源和社会保障厅");
    assert_eq!(r.meta.year, Some(2024));
    assert_eq!(r.meta.published.as_deref(), Some("2025-08-25"));
    assert_eq!(r.meta.institutions, Some(29));
    assert_eq!(r.meta.member_units.len(), 22);
    assert_eq!(r.meta.member_units[0], "吉林省人力资源和社会保障厅（本级）");
    assert_eq!(r.meta.member_units[21], "吉林省劳动人事争议仲裁院");
    assert_eq!(r.meta.duties.len(), 12);
    assert!(
        r.meta.duties[3].ends_with("建立我省农村养老保险、被征地农民社会保障制度。"),
        "duty (四) spans a page break"
    );
    assert_eq!(r.profile.as_str(), "central");
    for id in TableId::ALL {
        assert_eq!(
            r.table(id).unwrap().number_label,
            format!("公开{:02}表", id.number())
        );
    }
}

/// (全年预算数, 全年执行数, 执行率, 总分) of the 年度资金总额 row of each of the 38
/// tables, from the 年度资金总额 and 总分 lines of the document.
const PERFORMANCE: [(&str, &str, &str, &str); 38] = [
    ("165", "143.11", "86.73", "97.00"),
    ("50.12", "27.77", "55.41", "90.00"),
    ("539.93", "393.02", "72.79", "95.00"),
    ("100", "100", "100", "97.00"),
    ("78.73", "56.71", "72.03", "95.00"),
    ("150", "99.71", "66.47", "95.00"),
    ("210", "37.8", "18", "90.00"),
    ("152.78", "81.88", "53.59", "90.00"),
    ("49.28", "0", "0", "20.00"),
    ("109.12", "99.15", "90.86", "97.00"),
    ("400", "400", "100", "100.00"),
    ("86.24", "65.53", "75.99", "95.00"),
    ("12", "10.41", "86.75", "97.00"),
    ("8.73", "8.73", "100", "100.00"),
    ("35.2", "17.25", "49.01", "90.00"),
    ("50", "49.4", "98.8", "97.00"),
    ("47", "36.02", "76.64", "95.00"),
    ("508", "494.72", "97.39", "97.00"),
    ("510", "456.61", "89.53", "93.21"),
    ("1900", "1805", "95", "97.00"),
    ("394", "372.71", "94.6", "97.00"),
    ("350", "345", "98.57", "97.00"),
    ("21.12", "11.34", "53.69", "90.00"),
    ("13.2", "9.58", "72.58", "87.00"),
    ("190", "190", "100", "96.79"),
    ("503", "378.69", "75.29", "87.20"),
    ("1061.4", "460.29", "43.37", "90.00"),
    ("900", "797.09", "88.57", "97.00"),
    ("200", "200", "100", "100.00"),
    ("4", "4", "100", "100.00"),
    ("6", "5.28", "88", "97.00"),
    ("10", "6.2", "62", "95.00"),
    ("85", "82.58", "97.15", "97.00"),
    ("17", "17", "100", "85.00"),
    ("202.05", "199.03", "98.51", "76.53"),
    ("8", "6.44", "80.5", "90.00"),
    ("6.11", "4.74", "77.58", "95.00"),
    ("33", "33", "100", "97.00"),
];

#[test]
fn performance_tables_funds_and_scores() {
    let r = sample();
    assert_eq!(r.performance.len(), 38);
    let s = |d: Option<rust_decimal::Decimal>| d.map(|v| v.to_string()).unwrap_or_default();
    for (p, (budget, executed, rate, score)) in r.performance.iter().zip(PERFORMANCE) {
        let f = p
            .fund("年度资金总额")
            .unwrap_or_else(|| panic!("P{} has 年度资金总额", p.index));
        assert_eq!(
            (
                s(f.full_year_budget).as_str(),
                s(f.executed).as_str(),
                s(f.rate).as_str()
            ),
            (budget, executed, rate),
            "P{} {}",
            p.index,
            p.name
        );
        assert_eq!(s(p.score), score, "P{} score", p.index);
        assert_eq!(p.funds.len(), 4, "P{} fund rows", p.index);
        assert_eq!(p.department, "吉林省人力资源和社会保障厅", "P{}", p.index);
    }
    // 年初预算数 differs from 全年预算数 in three tables.
    assert_eq!(s(r.performance[26].funds[0].initial_budget), "1766.4");
    assert_eq!(s(r.performance[34].funds[0].initial_budget), "203");
}

#[test]
fn performance_names_recovered_from_damaged_rows() {
    let r = sample();
    let names: Vec<&str> = r.performance.iter().map(|p| p.name.as_str()).collect();
    // Lines 754/755: the name sits in the title row, 项目名称 repeats the department.
    assert_eq!(names[16], "技能人才评价专项工作补助");
    assert_eq!(names[29], "吉林省专业技术人员继续教育经费");
    // Lines 1079/1080: the 项目名称 cell is empty.
    assert_eq!(names[32], "吉林省人社宣传工作补助");
    assert!(!r.performance[16].repairs.is_empty());
    assert_eq!(names[0], "就业创业及人力资源服务管理等工作补助");
    assert_eq!(names[37], "职业教育发展项目补助经费");
    assert_eq!(r.performance[8].implementer, "吉林省就业服务局");
    assert!(names
        .iter()
        .all(|n| !n.is_empty() && *n != "吉林省人力资源和社会保障厅"));
}

#[test]
fn performance_indicators() {
    let r = sample();
    let p = &r.performance[9];
    // Line 635: "\geq 500 万人次" vs "515.93 万人次".
    let i = p.indicators.iter().find(|i| i.line == 635).unwrap();
    assert_eq!(i.level1, "效益指标");
    assert_eq!(i.level2, "社会效益指标");
    assert_eq!(i.level3, "全省系统业务经办量");
    assert_eq!(i.target.comparator, Some(juesuan_model::Comparator::Ge));
    assert_eq!(
        i.target.value.map(|v| v.to_string()).as_deref(),
        Some("500")
    );
    assert_eq!(i.target.unit, "万人次");
    assert_eq!(
        i.actual.value.map(|v| v.to_string()).as_deref(),
        Some("515.93")
    );
    // Line 538 prints no level cells: they carry down.
    let p = &r.performance[4];
    let i = p.indicators.iter().find(|i| i.line == 538).unwrap();
    assert_eq!(
        (i.level1.as_str(), i.level2.as_str(), i.level3.as_str()),
        ("产出指标", "质量指标", "立案受理结案率")
    );
    // Goals lose their <p> tags.
    let p = &r.performance[2];
    assert!(p.goal_expected.starts_with("1.累计开展各类职业培训。"));
    assert!(!p.goal_expected.contains("<p>"));
    // A deviation reason is kept.
    let i = r.performance[0]
        .indicators
        .iter()
        .find(|i| i.line == 456)
        .unwrap();
    assert!(i
        .deviation_reason
        .starts_with("《关于建设吉林省家政服务职业培训示范基地有关问题的通知》"));
}

#[test]
fn narrative_and_glossary() {
    let r = sample();
    let p = r
        .narrative
        .iter()
        .find(|p| p.section == "5.3" && p.item == Some(14))
        .unwrap();
    assert_eq!(p.line, 1260);
    assert!(p
        .text
        .contains("年初预算为 5754.06 万元，支出决算为 14330.84 万元，完成年初预算的 249.1%"));
    // Item 2 of 五(三) is cut by a page break at line 1232.
    let p = r
        .narrative
        .iter()
        .find(|p| p.section == "5.3" && p.item == Some(2))
        .unwrap();
    assert!(p.text.contains("年初预算为 1101.36 万元"));
    assert_eq!(p.lines, vec![(0, 1232), (p.lines[1].0, 1234)]);
    let heading = r.narrative.iter().find(|p| p.line == 1501).unwrap();
    assert!(heading.is_heading);
    assert_eq!(heading.section, "11.1");
    let g = r
        .glossary
        .iter()
        .find(|g| g.term == "财政拨款收入")
        .unwrap();
    assert_eq!(g.definition, "指单位从同级财政部门取得的财政预算资金。");
    assert_eq!(g.line, 1517);
    assert!(r.glossary.iter().any(|g| g.term == "行政运行（项）"));
}

#[test]
fn narrative_figures() {
    let r = sample();
    let f = |addr: &str| {
        r.figures
            .iter()
            .find(|f| f.addr == addr)
            .unwrap_or_else(|| panic!("{addr}"))
    };
    use juesuan_model::FigureRole::*;
    // Line 1204: "财政拨款收入 33597.66 万元，比上年减少 3044.73 万元，下降 8.3%".
    assert_eq!(
        (
            f("N2.p1#2").subject.as_str(),
            f("N2.p1#2").value.to_string()
        ),
        ("财政拨款收入", "33597.66".to_string())
    );
    assert_eq!(
        (f("N2.p1#3").role, f("N2.p1#3").value.to_string()),
        (Decrease, "3044.73".to_string())
    );
    assert_eq!(
        (f("N2.p1#4").role, f("N2.p1#4").unit.as_str()),
        (DecreaseRate, "%")
    );
    // Line 1260: item 14 of 五(三).
    assert_eq!(f("N5.3.14#1").role, Budget);
    assert_eq!(f("N5.3.14#2").value.to_string(), "14330.84");
    assert_eq!(
        (f("N5.3.14#3").role, f("N5.3.14#3").value.to_string()),
        (Completion, "249.1".to_string())
    );
    assert_eq!(f("N5.3.14#3").span.line, 1260);
    // Line 1246: a figure after a page break keeps its own line.
    assert_eq!(f("N5.3.7#3").span.line, 1246);
    // Line 1224: shares with an implied base, line 1220 with a named one.
    assert_eq!(
        (f("N5.2.p1#3").role, f("N5.2.p1#3").base.as_str()),
        (Share, "")
    );
    assert_eq!(f("N5.1.p1#2").base, "本年支出合计");
    assert_eq!(f("N1.p1#1").subject, "收、支总计");
    // Line 1513: vehicles by category.
    assert_eq!(f("N11.3.p1#1").value.to_string(), "33");
    assert_eq!(f("N11.3.p1#7").subject, "其他用车");
    let line = &r.lines[1259];
    let s = &f("N5.3.14#2").span;
    assert_eq!(&line[s.start as usize..s.end as usize], "14330.84");
}
