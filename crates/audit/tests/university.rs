//! The 高等学校 family on the 2023 决算 of 西南大学
//! (/work/shared/samples/pdf/chongqing-southwest-university-2023.pdf, pages
//! 8–15): its four tables built by hand from the printed numbers (not read),
//! so that the rules are tested on what the document prints. The published
//! tables are consistent: no error, no warning.

mod common;

use common::fixture::{add_table, add_two_sided, cell_mut, report};
use juesuan_audit::{audit, Audit, Rulebook, Severity, Status};
use juesuan_model::{Family, Report, TableId};

/// 表 1：高等学校收支决算总表 (page 8–9): income name, amount, expense name, amount.
const T01: &[&str] = &[
    "一、财政拨款收入\t243,015.38\t一、一般公共服务支出\t",
    "  其中：政府性基金预算财政拨款\t109.50\t二、外交支出\t",
    "二、上级补助收入\t\t三、国防支出\t",
    "三、事业收入\t136,385.24\t四、公共安全支出\t",
    "四、经营收入\t\t五、教育支出\t425,287.27",
    "五、附属单位上缴收入\t\t六、科学技术支出\t2,536.65",
    "六、其他收入\t51,324.41\t七、文化旅游体育与传媒支出\t",
    "其中：捐赠收入\t44.20\t八、社会保障和就业支出\t13,465.06",
    "\t\t九、卫生健康支出\t",
    "\t\t十、节能环保支出\t",
    "\t\t十一、城乡社区支出\t",
    "\t\t十二、农林水支出\t",
    "\t\t十三、交通运输支出\t",
    "\t\t十四、资源勘探工业信息等支出\t",
    "\t\t十五、商业服务业等支出\t",
    "\t\t十六、金融支出\t",
    "\t\t十七、援助其他地区支出\t",
    "\t\t十八、自然资源海洋气象等支出\t",
    "\t\t十九、住房保障支出\t16,278.27",
    "\t\t二十、粮油物资储备支出\t",
    "\t\t二十一、国有资本经营预算支出\t",
    "\t\t二十二、灾害防治及应急管理支出\t",
    "\t\t二十三、其他支出\t109.50",
    "\t\t二十四、债务还本支出\t",
    "\t\t二十五、债务付息支出\t",
    "\t\t二十六、抗役特别国债安排的支出\t",
    "本年收入合计\t430,725.03\t本年支出合计\t457,676.75",
    "使用非财政拨款结余（含专用结余）\t45,110.97\t结余分配\t4,970.88",
    "上年结转和结余\t93,660.54\t年末结转和结余\t106,848.91",
    "合计\t569,496.54\t合计\t569,496.54",
];

/// 表 2：高等学校收入决算表 (pages 10–11).
const T02_KEYS: &[&str] = &[
    "本年收入合计",
    "财政拨款收入",
    "上级补助收入",
    "事业收入",
    "教育收费",
    "经营收入",
    "附属单位上缴收入",
    "其他收入",
];
const T02: &[&str] = &[
    "205\t教育支出\t399,693.48\t220,752.34\t\t136,385.24\t73,648.19\t\t\t42,555.90",
    "20502\t普通教育\t397,735.40\t218,794.26\t\t136,385.24\t73,648.19\t\t\t42,555.90",
    "2050202\t小学教育\t9,447.71\t8,201.15\t\t4.70\t\t\t\t1,241.86",
    "2050204\t高中教育\t24,804.57\t16,600.08\t\t1,133.95\t977.85\t\t\t7,070.55",
    "2050205\t高等教育\t363,483.12\t193,993.03\t\t135,246.59\t72,670.34\t\t\t34,243.50",
    "20506\t留学教育\t1,309.00\t1,309.00\t\t\t\t\t\t",
    "2050602\t来华留学教育\t570.14\t570.14\t\t\t\t\t\t",
    "2050699\t其他留学教育支出\t738.86\t738.86\t\t\t\t\t\t",
    "20599\t其他教育支出\t649.08\t649.08\t\t\t\t\t\t",
    "2059999\t其他教育支出\t649.08\t649.08\t\t\t\t\t\t",
    "206\t科学技术支出\t1,178.72\t1,178.72\t\t\t\t\t\t",
    "20602\t基础研究\t1,178.72\t1,178.72\t\t\t\t\t\t",
    "2060201\t机构运行\t828.72\t828.72\t\t\t\t\t\t",
    "2060204\t实验室及相关设施\t350.00\t350.00\t\t\t\t\t\t",
    "208\t社会保障和就业支出\t13,465.06\t13,345.79\t\t\t\t\t\t119.27",
    "20805\t行政事业单位养老支出\t13,465.06\t13,345.79\t\t\t\t\t\t119.27",
    "2080505\t机关事业单位基本养老保险缴费支出\t8,976.60\t8,897.19\t\t\t\t\t\t79.41",
    "2080506\t机关事业单位职业年金缴费支出\t4,488.46\t4,448.60\t\t\t\t\t\t39.86",
    "221\t住房保障支出\t16,278.27\t7,629.03\t\t\t\t\t\t8,649.24",
    "22102\t住房改革支出\t16,278.27\t7,629.03\t\t\t\t\t\t8,649.24",
    "2210201\t住房公积金\t15,400.44\t7,448.44\t\t\t\t\t\t7,952.00",
    "2210203\t购房补贴\t877.83\t180.59\t\t\t\t\t\t697.24",
    "229\t其他支出\t109.50\t109.50\t\t\t\t\t\t",
    "22960\t彩票公益金安排的支出\t109.50\t109.50\t\t\t\t\t\t",
    "2296004\t用于教育事业的彩票公益金支出\t109.50\t109.50\t\t\t\t\t\t",
    "合计\t\t430,725.03\t243,015.38\t\t136,385.24\t73,648.19\t\t\t51,324.41",
];

/// 表 3：高等学校支出决算表 (pages 12–13).
const T03_KEYS: &[&str] = &[
    "本年支出合计",
    "基本支出",
    "项目支出",
    "上缴上级支出",
    "经营支出",
    "对附属单位补助支出",
];
const T03: &[&str] = &[
    "205\t教育支出\t425,287.27\t329,209.55\t96,077.73\t\t\t",
    "20502\t普通教育\t423,102.24\t327,900.55\t95,201.69\t\t\t",
    "2050202\t小学教育\t9,256.09\t8,931.76\t324.33\t\t\t",
    "2050204\t高中教育\t24,239.28\t22,824.63\t1,414.65\t\t\t",
    "2050205\t高等教育\t389,606.87\t296,144.16\t93,462.71\t\t\t",
    "20506\t留学教育\t1,309.00\t1,309.00\t\t\t\t",
    "2050602\t来华留学教育\t570.14\t570.14\t\t\t\t",
    "2050699\t其他留学教育支出\t738.86\t738.86\t\t\t\t",
    "20599\t其他教育支出\t876.03\t\t876.03\t\t\t",
    "2059999\t其他教育支出\t876.03\t\t876.03\t\t\t",
    "206\t科学技术支出\t2,536.65\t828.72\t1,707.93\t\t\t",
    "20602\t基础研究\t2,536.65\t828.72\t1,707.93\t\t\t",
    "2060201\t机构运行\t828.72\t828.72\t\t\t\t",
    "2060204\t实验室及相关设施\t1,707.93\t\t1,707.93\t\t\t",
    "208\t社会保障和就业支出\t13,465.06\t13,465.06\t\t\t\t",
    "20805\t行政事业单位养老支出\t13,465.06\t13,465.06\t\t\t\t",
    "2080505\t机关事业单位基本养老保险缴费支出\t8,976.60\t8,976.60\t\t\t\t",
    "2080506\t机关事业单位职业年金缴费支出\t4,488.46\t4,488.46\t\t\t\t",
    "221\t住房保障支出\t16,278.27\t16,278.27\t\t\t\t",
    "22102\t住房改革支出\t16,278.27\t16,278.27\t\t\t\t",
    "2210201\t住房公积金\t15,400.44\t15,400.44\t\t\t\t",
    "2210203\t购房补贴\t877.83\t877.83\t\t\t\t",
    "229\t其他支出\t109.50\t\t109.50\t\t\t",
    "22960\t彩票公益金安排的支出\t109.50\t\t109.50\t\t\t",
    "2296004\t用于教育事业的彩票公益金支出\t109.50\t\t109.50\t\t\t",
    "合计\t\t457,676.75\t359,781.59\t97,895.15\t\t\t",
];

/// 表 4：高等学校财政拨款支出决算表 (pages 14–15): 合计 printed above and below.
const T10_KEYS: &[&str] = &["合计", "基本支出", "项目支出", "基本建设资金支出"];
const T10: &[&str] = &[
    "合计\t\t237,100.00\t199,015.13\t38,084.87\t6,894.90",
    "205\t教育支出\t213,588.53\t177,211.59\t36,376.94\t5,536.97",
    "20502\t普通教育\t211,403.50\t175,902.59\t35,500.91\t5,536.97",
    "2050202\t小学教育\t7,970.38\t7,646.15\t324.23\t",
    "2050204\t高中教育\t16,769.73\t15,687.08\t1,082.65\t",
    "2050205\t高等教育\t186,663.39\t152,569.36\t34,094.03\t5,536.97",
    "20506\t留学教育\t1,309.00\t1,309.00\t\t",
    "2050602\t来华留学教育\t570.14\t570.14\t\t",
    "2050699\t其他留学教育支出\t738.86\t738.86\t\t",
    "20599\t其他教育支出\t876.03\t\t876.03\t",
    "2059999\t其他教育支出\t876.03\t\t876.03\t",
    "206\t科学技术支出\t2,536.65\t828.72\t1,707.93\t1,357.93",
    "20602\t基础研究\t2,536.65\t828.72\t1,707.93\t1,357.93",
    "2060201\t机构运行\t828.72\t828.72\t\t",
    "2060204\t实验室及相关设施\t1,707.93\t\t1,707.93\t1,357.93",
    "208\t社会保障和就业支出\t13,345.79\t13,345.79\t\t",
    "20805\t行政事业单位养老支出\t13,345.79\t13,345.79\t\t",
    "2080505\t机关事业单位基本养老保险缴费支出\t8,897.19\t8,897.19\t\t",
    "2080506\t机关事业单位职业年金缴费支出\t4,448.60\t4,448.60\t\t",
    "221\t住房保障支出\t7,629.03\t7,629.03\t\t",
    "22102\t住房改革支出\t7,629.03\t7,629.03\t\t",
    "2210201\t住房公积金\t7,448.44\t7,448.44\t\t",
    "2210203\t购房补贴\t180.59\t180.59\t\t",
    "合计\t\t237,100.00\t199,015.13\t38,084.87\t6,894.90",
];

/// The four tables, each after its title line, in printed order.
fn university() -> Report {
    let parts: [(&str, &[&str]); 4] = [
        ("表 1：高等学校收支决算总表", T01),
        ("表 2：高等学校收入决算表", T02),
        ("表 3：高等学校支出决算表", T03),
        ("表 4：高等学校财政拨款支出决算表", T10),
    ];
    let mut text = String::new();
    let mut ranges = Vec::new();
    let mut line = 0u32;
    for (title, rows) in parts {
        text.push_str(title);
        text.push('\n');
        line += 1;
        ranges.push((line + 1, line + rows.len() as u32));
        for r in rows {
            text.push_str(r);
            text.push('\n');
        }
        line += rows.len() as u32;
    }
    let mut r = report(Family::University, &text);
    add_two_sided(
        &mut r,
        TableId::T01,
        ["收入决算数", "支出决算数"],
        ranges[0].0,
        ranges[0].1,
    );
    add_table(&mut r, TableId::T02, T02_KEYS, ranges[1].0, ranges[1].1);
    add_table(&mut r, TableId::T03, T03_KEYS, ranges[2].0, ranges[2].1);
    add_table(&mut r, TableId::T10, T10_KEYS, ranges[3].0, ranges[3].1);
    r
}

fn check(report: &Report) -> Audit {
    audit(report, &Rulebook::builtin().expect("builtin rulebook"))
}

fn status(a: &Audit, rule: &str) -> Status {
    a.outcomes
        .iter()
        .find(|o| o.rule == rule)
        .unwrap_or_else(|| panic!("no outcome for {rule}"))
        .status
}

#[test]
fn the_published_tables_hold_together() {
    let a = check(&university());
    // Only the tables were built: the missing 名词解释 is the one warning.
    let flagged: Vec<_> = a
        .findings
        .iter()
        .filter(|f| f.severity >= Severity::Warning && f.rule != "glossary.present")
        .map(|f| (f.rule.as_str(), f.message.as_str()))
        .collect();
    assert!(flagged.is_empty(), "{flagged:#?}");
    // The identities of the family ran, each on the printed figures.
    for rule in [
        "U.T01.income_total",
        "U.T01.income_grand",
        "U.T01.expense_total",
        "U.T01.expense_grand",
        "U.T01.balance",
        "U.T01_T02.income",
        "U.T01_T02.sources",
        "U.T01_T03.expense",
        "U.T01_T03.classes",
        "T02.row_sum",
        "T02.total_classes",
        "T02.hierarchy",
        "T03.row_sum",
        "T03.total_classes",
        "T03.hierarchy",
        "T10.row_sum",
        "T10.total_classes",
        "T10.hierarchy",
        "X.T10_T03.total",
        "X.T10_T03.basic",
        "X.T10_T03.project",
        "amounts.of_which",
        "tables.present",
    ] {
        assert_eq!(status(&a, rule), Status::Ran, "{rule}");
    }
    // Rounding only: 表 3 教育支出 425,287.27 vs 329,209.55 + 96,077.73 = 425,287.28.
    let f = a
        .findings
        .iter()
        .find(|f| f.rule == "T03.row_sum" && f.cells[0].addr == "T03[205,C1]")
        .expect("rounding note");
    assert_eq!(f.severity, Severity::Info);
    assert_eq!(
        (f.actual.as_deref(), f.expected.as_deref()),
        (Some("425287.27"), Some("425287.28"))
    );
}

#[test]
fn the_education_fee_column_is_no_part_of_the_row_sum() {
    // 表 2 205: 399,693.48 = 220,752.34 + 136,385.24 + 42,555.90; 教育收费
    // 73,648.19 is part of 事业收入 and must not be added again.
    let a = check(&university());
    assert!(!a
        .findings
        .iter()
        .any(|f| f.rule == "T02.row_sum" && f.cells[0].addr == "T02[205,C1]"));
    // 教育收费 above 事业收入 is an error of its own.
    let mut r = university();
    cell_mut(&mut r, "T02[2050202,C5]").value = Some("5.00".parse().unwrap());
    let a = check(&r);
    let f = a
        .findings
        .iter()
        .find(|f| f.rule == "amounts.of_which")
        .expect("of_which finding");
    assert_eq!(f.severity, Severity::Error);
    assert_eq!(f.cells[0].addr, "T02[2050202,C5]");
    assert_eq!(f.cells[1].addr, "T02[2050202,C4]");
    assert_eq!(f.difference.as_deref(), Some("0.30"));
}

#[test]
fn tables_the_family_lacks_are_neither_missing_nor_checked() {
    let a = check(&university());
    assert!(!a.findings.iter().any(|f| f.rule == "tables.present"));
    // Central 公开01表 rows and the 第三部分 scheme are not this family's.
    for rule in ["T01.income_total", "X.T01_T02.income", "N2.income_total"] {
        let o = a.outcomes.iter().find(|o| o.rule == rule).unwrap();
        assert_eq!(o.status, Status::NotApplicable, "{rule}");
        assert_eq!(
            o.reason.as_deref(),
            Some("本报告的模板（高等学校决算（4 张表））不含此项"),
            "{rule}"
        );
    }
    // Checks on tables the family does not publish (fund tables, 三公, T06).
    for check in [
        "narrative.sections",
        "tables.empty_note",
        "funds.empty_iff",
        "names.economic",
    ] {
        assert_eq!(status(&a, check), Status::NotApplicable, "{check}");
    }
    // A table the family does not publish: the rule does not apply.
    for rule in ["T04.balance", "T05.row_sum", "X.T05_T06.basic", "T09.total"] {
        let o = a.outcomes.iter().find(|o| o.rule == rule).unwrap();
        assert_eq!(o.status, Status::NotApplicable, "{rule}");
        assert!(
            o.reason
                .as_deref()
                .is_some_and(|r| r.starts_with("本报告的模板（高等学校决算（4 张表））不含")),
            "{rule}: {:?}",
            o.reason
        );
    }
    // Without 表 4 the report lacks one of its tables.
    let mut r = university();
    r.tables.remove(&TableId::T10);
    let a = check(&r);
    let missing: Vec<&str> = a
        .findings
        .iter()
        .filter(|f| f.rule == "tables.present")
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(missing.len(), 1, "{missing:?}");
    assert!(missing[0].contains("表4"), "{}", missing[0]);
    assert!(!missing[0].contains("九张"), "{}", missing[0]);
    assert_eq!(status(&a, "T10.row_sum"), Status::InsufficientData);
}

#[test]
fn seeded_errors_are_caught() {
    // One figure changed in each table: each gives an error naming it.
    for (addr, value, rule) in [
        ("T01[事业收入,C1]", "136,395.24", "U.T01.income_total"),
        ("T01[教育支出,C2]", "425,297.27", "U.T01.expense_total"),
        ("T02[合计,C8]", "51,334.41", "U.T01_T02.sources"),
        ("T03[2050204,C2]", "22,834.63", "T03.row_sum"),
        ("T10[2050205,C3]", "34,104.03", "T10.row_sum"),
        ("T10[2050202,C3]", "334.43", "X.T10_T03.project"),
        // 其中：捐赠收入 above 其他收入.
        ("T01[捐赠收入,C1]", "60,000.00", "amounts.of_which"),
    ] {
        let mut r = university();
        let c = cell_mut(&mut r, addr);
        c.value = juesuan_model::amount::parse_amount(value);
        c.raw = value.to_string();
        let a = check(&r);
        assert!(
            a.findings.iter().any(|f| f.rule == rule
                && f.severity == Severity::Error
                && f.cells.iter().any(|c| c.addr == addr)),
            "{addr} → {value}: no error from {rule}: {:#?}",
            a.findings
                .iter()
                .filter(|f| f.severity == Severity::Error)
                .map(|f| &f.message)
                .collect::<Vec<_>>()
        );
    }
}

/// The real PDF through the reader: no error, and the family's identities
/// run (the published tables are consistent).
#[test]
fn the_real_pdf_has_no_error() {
    if !juesuan_testkit::tool("pdftotext") {
        return;
    }
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/data/chongqing-southwest-university-2023.pdf");
    let r = juesuan_read::read_path(&path).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(r.profile, Family::University);
    let a = check(&r);
    let errors: Vec<&str> = a
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| f.message.as_str())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    for rule in [
        "U.T01.income_total",
        "U.T01_T02.sources",
        "U.T01_T03.classes",
        "T02.row_sum",
    ] {
        assert_eq!(status(&a, rule), Status::Ran, "{rule}");
    }
}
