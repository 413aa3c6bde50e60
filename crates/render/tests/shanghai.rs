//! A Shanghai-profile report (the real 普陀区财政局 PDF, read through the
//! PDF front end) renders in the Shanghai layout, and the rendered text,
//! workbook and HTML read back to the same table cells (address and value)
//! and the same profile.

mod common;

use common::*;
use juesuan_model::{Report, TableId};
use juesuan_render::{build, texts_for, Inputs, Texts};
use std::path::PathBuf;

fn shanghai() -> Option<Report> {
    if !juesuan_testkit::tool("pdftotext") {
        return None;
    }
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/data/shanghai-putuo-finance-bureau-2024.pdf");
    Some(juesuan_read::read_path(&path).expect("Shanghai PDF reads"))
}

fn document(r: &Report) -> juesuan_render::Document {
    let texts = texts_for(r, Texts::default());
    build(&Inputs {
        report: r,
        prior: None,
        texts: &texts,
    })
}

fn assert_round_trip(source: &Report, back: &Report, what: &str) {
    assert_eq!(back.profile.as_str(), "shanghai", "{what}: profile");
    assert_same(
        &cells(source),
        &cells(back),
        &format!("{what}: table cells"),
    );
    for id in TableId::ALL {
        assert!(back.table(id).is_some(), "{what}: {id} read back");
    }
    assert_eq!(
        back.table(TableId::T05)
            .and_then(|t| t.rows.last())
            .map(|r| r.key.as_str()),
        Some("合计"),
        "{what}: T05 合计 last"
    );
}

#[test]
fn shanghai_layout_in_text() {
    let Some(source) = shanghai() else { return };
    assert_eq!(source.profile.as_str(), "shanghai");
    let text = juesuan_render::txt::render(&document(&source));
    // 三公 seventh, then the two fund tables, no 公开NN表, no 栏次/行次.
    let pos = |t: &str| text.find(t).unwrap_or_else(|| panic!("{t} printed"));
    assert!(
        pos("七、财政拨款“三公”经费支出决算表") < pos("八、政府性基金预算财政拨款收入支出决算表")
    );
    assert!(
        pos("八、政府性基金预算财政拨款收入支出决算表")
            < pos("九、国有资本经营预算财政拨款收入支出决算表")
    );
    assert!(!text.contains("公开01表") && !text.contains("栏次") && !text.contains("行次"));
    // 类|款|项 code columns; all 26 类 in T01; 预算数/决算数 interleaved in 三公.
    assert!(text.contains("201\t06\t01\t行政运行\t1,511.90\t1,511.89"));
    assert!(text.contains("二十六、抗疫特别国债安排的支出"));
    assert!(text.contains("预算数\t决算数\t预算数\t决算数"));
    assert!(text.contains("0.95\t\t\t\t\t\t\t\t\t\t0.95"));
    let back = juesuan_read::read_text("rendered.txt", &text).expect("rendered text reads");
    assert_round_trip(&source, &back, "txt");
}

#[test]
fn shanghai_workbook_round_trip() {
    let Some(source) = shanghai() else { return };
    let bytes = juesuan_render::xlsx::render(&document(&source)).expect("workbook");
    let back = juesuan_read::read_bytes("rendered.xlsx", &bytes).expect("workbook reads");
    assert_round_trip(&source, &back, "xlsx");
}

#[test]
fn shanghai_html_round_trip() {
    let Some(source) = shanghai() else { return };
    let html = juesuan_render::html::render(&document(&source));
    assert!(html.contains("<th colspan=\"12\">财政拨款“三公”经费</th>"));
    let back = juesuan_read::read_bytes("rendered.html", html.as_bytes()).expect("HTML reads");
    assert_round_trip(&source, &back, "html");
}

#[test]
fn shanghai_t01_lists_every_class_even_when_the_model_does_not() {
    let Some(mut source) = shanghai() else { return };
    for id in [TableId::T01, TableId::T04] {
        if let Some(t) = source.tables.get_mut(&id) {
            t.rows
                .retain(|r| !matches!(r.code.as_deref(), Some("202" | "231" | "232")));
        }
    }
    let text = juesuan_render::txt::render(&document(&source));
    for line in [
        "二、外交支出",
        "二十四、债务还本支出",
        "二十五、债务付息支出",
        "二十六、抗疫特别国债安排的支出",
    ] {
        assert_eq!(text.matches(line).count(), 2, "{line} in T01 and T04");
    }
    // The rows that were printed keep their figures.
    let back = juesuan_read::read_text("rendered.txt", &text).expect("rendered text reads");
    let a = juesuan_model::CellAddr::parse("T01[住房保障支出,C2]").expect("address");
    assert_eq!(
        back.cell(&a)
            .and_then(|(_, c)| c.value)
            .map(|v| v.to_string())
            .as_deref(),
        Some("445.69")
    );
}

/// Re-rendering the 财政局 report drafts its 情况说明 from its own words:
/// the Shanghai wording ("决算数小于预算数的主要原因：…", "与2023年度持平",
/// "政府采购金额（以合同签订为准）为…", "共有车辆0辆") and its own section
/// numbers (三公 in 七) are understood, and amounts of nothing imply counts
/// of nothing. What the report never says (last year's components, 职能
/// 科目 definitions) stays a placeholder.
#[test]
fn shanghai_draft_uses_the_reports_own_words() {
    let Some(source) = shanghai() else { return };
    let text = juesuan_render::txt::render(&document(&source));
    for sentence in [
        // 五（三）item 5: budget on a wrapped line, reason after "主要原因：".
        "5.社会保障和就业支出（类）行政事业单位养老支出（款）行政单位离退休（项）。年初预算为 85.55 万元，支出决算为 84.65 万元，完成年初预算的 98.9%。决算数小于预算数的主要原因是预算按充分保障预估，实际执行基本贴合预期。",
        "2.一般公共服务支出（类）财政事务（款）一般行政管理事务（项）。年初预算为 10 万元，支出决算为 10 万元，完成年初预算的 100%。",
        // 三公: "持平" gives last year's amounts; nothing spent → no trips.
        "较 2023 年度持平。决算数小于预算数的主要原因是当年度无“三公”经费支出。",
        "全年共有因公出国（境）团组 0 个，因公出国（境）0 人次。",
        "公务用车保有量为 0 辆，公务用车购置数为 0 辆。",
        "公务用车运行维护费支出 0 万元。",
        "外事接待费支出 0 万元。全年共接待外事来访团组数 0 个、来访外宾 0 人次（不包括陪同人员）。",
        // 政府采购 in the Shanghai wording.
        "2024 年度政府采购支出总额 251.25 万元，其中：政府采购货物支出 4.79 万元、政府采购工程支出 0 万元、政府采购服务支出 246.47 万元。",
    ] {
        let lead: String = sentence.chars().take(6).collect();
        let near: Vec<&str> = text.lines().filter(|l| l.contains(&lead)).collect();
        assert!(
            text.contains(sentence),
            "not drafted: {sentence}\nnear: {near:#?}"
        );
    }
    let placeholders = text.matches("【待填写").count();
    assert!(
        (1..=20).contains(&placeholders),
        "{placeholders} placeholders"
    );
}

/// The charts find their cells by row meaning and column key in the
/// Shanghai order too: page 6 (收入支出决算总表, no 行次) and page 18 (三公,
/// 预算数 and 决算数 alternating: only 合计 and 公务接待费 预算数 0.95
/// printed).
#[test]
fn shanghai_charts_take_the_printed_cells() {
    use juesuan_model::Decimal;
    use juesuan_render::charts;
    let Some(source) = shanghai() else { return };
    let d = |s: &str| Some(s.parse::<Decimal>().unwrap());
    let income = charts::income_sources(&source).unwrap();
    assert_eq!(income.title, "收入结构（表1，万元）");
    assert_eq!(
        income.labels,
        ["一、一般公共预算财政拨款收入", "八、其他收入"]
    );
    assert_eq!(income.series[0].1, [d("2940.05"), d("6.20")]);
    let expense = charts::expense_classes(&source).unwrap();
    assert_eq!(
        expense.labels,
        [
            "一、一般公共服务支出",
            "八、社会保障和就业支出",
            "九、卫生健康支出",
            "十九、住房保障支出"
        ]
    );
    assert_eq!(
        expense.series[0].1,
        [d("2106.66"), d("326.71"), d("60.99"), d("445.69")]
    );
    let sangong = charts::sangong(&source).unwrap();
    assert_eq!(sangong.labels, ["合计", "公务接待费"]);
    assert_eq!(
        sangong.series[0],
        ("预算数".to_string(), vec![d("0.95"), d("0.95")])
    );
    assert_eq!(sangong.series[1], ("决算数".to_string(), vec![None, None]));
}
