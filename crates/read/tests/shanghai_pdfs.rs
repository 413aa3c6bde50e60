//! The two real Shanghai reports (tests/data, copied from shared/samples/pdf;
//! see tests/data/SOURCES.md): read through the PDF front end into the
//! Shanghai profile. Expected values were read off the rendered pages
//! (`pdftoppm -r 60`); per-table counts were counted on the pages.

use juesuan_model::{CellAddr, Report, TableId};
use std::path::PathBuf;

fn pdf(name: &str) -> Option<Report> {
    if !juesuan_testkit::tool("pdftotext") {
        return None;
    }
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/data")
        .join(name);
    Some(juesuan_read::read_path(&path).unwrap_or_else(|e| panic!("{e}")))
}

fn value(r: &Report, addr: &str) -> Option<String> {
    let a = CellAddr::parse(addr).unwrap_or_else(|| panic!("bad address {addr}"));
    r.cell(&a).and_then(|(_, c)| c.value).map(|v| v.to_string())
}

fn filled(r: &Report, id: TableId) -> usize {
    r.table(id).map_or(0, |t| t.filled_cells().count())
}

#[test]
fn finance_bureau_profile_and_tables() {
    let Some(r) = pdf("shanghai-putuo-finance-bureau-2024.pdf") else {
        return;
    };
    assert_eq!(r.profile.as_str(), "shanghai");
    assert_eq!(r.meta.department, "上海市普陀区财政局");
    assert_eq!(r.meta.year, Some(2024));
    assert!(r.absent_tables.is_empty());
    // Page 6–7: 收入支出决算总表, every filled cell (no 行次 printed: rows by name).
    let t01 = [
        ("T01[一般公共预算财政拨款收入,C1]", "2940.05"),
        ("T01[其他收入,C1]", "6.20"),
        ("T01[本年收入合计,C1]", "2946.25"),
        ("T01[年初结转和结余,C1]", "49.14"),
        ("T01[总计,C1]", "2995.39"),
        ("T01[一般公共服务支出,C2]", "2106.66"),
        ("T01[社会保障和就业支出,C2]", "326.71"),
        ("T01[卫生健康支出,C2]", "60.99"),
        ("T01[住房保障支出,C2]", "445.69"),
        ("T01[本年支出合计,C2]", "2940.05"),
        ("T01[年末结转和结余,C2]", "55.34"),
        ("T01[总计,C2]", "2995.39"),
    ];
    for (a, v) in t01 {
        assert_eq!(value(&r, a).as_deref(), Some(v), "{a}");
    }
    assert_eq!(filled(&r, TableId::T01), 12);
    // Pages 8–17: counts of printed amounts.
    assert_eq!(filled(&r, TableId::T02), 45);
    assert_eq!(filled(&r, TableId::T03), 44);
    assert_eq!(filled(&r, TableId::T05), 44);
    assert_eq!(filled(&r, TableId::T06), 29);
    // 类|款|项 printed in three columns are joined into the code.
    assert_eq!(value(&r, "T02[2010602,C7]").as_deref(), Some("6.19"));
    assert_eq!(value(&r, "T03[2010601,C3]").as_deref(), Some("8.37"));
    // T05 prints 合计 last.
    assert_eq!(value(&r, "T05[合计,C1]").as_deref(), Some("2940.05"));
    assert_eq!(
        r.table(TableId::T05).unwrap().rows.last().unwrap().key,
        "合计"
    );
    // T04: three fund columns and the 年初 breakdown by fund.
    assert_eq!(
        value(&r, "T04[本年支出合计,C3]").as_deref(),
        Some("2940.05")
    );
    assert_eq!(
        value(&r, "T04[年初财政拨款结转和结余/一般公共预算财政拨款,C1]").as_deref(),
        Some("21.63")
    );
    assert_eq!(
        r.table(TableId::T04)
            .unwrap()
            .column("国有资本经营预算财政拨款")
            .map(|c| c.number),
        Some(5)
    );
    // T06: two groups of 类|款|name|amount; footer totals printed under the amounts.
    assert_eq!(value(&r, "T06[30101,C1]").as_deref(), Some("262.33"));
    assert_eq!(value(&r, "T06[31002,C1]").as_deref(), Some("13.58"));
    assert_eq!(
        value(&r, "T06[人员经费合计,C1]").as_deref(),
        Some("2152.26")
    );
    assert_eq!(value(&r, "T06[公用经费合计,C1]").as_deref(), Some("184.65"));
    // Page 18: 三公 interleaves 预算数/决算数; 0.95 is the 预算数 of 合计 and of 公务接待费.
    let t09 = r.table(TableId::T09).unwrap();
    assert_eq!(t09.column("预算数/合计").map(|c| c.number), Some(1));
    assert_eq!(t09.column("决算数/公务接待费").map(|c| c.number), Some(12));
    assert_eq!(value(&r, "T09[R1,C1]").as_deref(), Some("0.95"));
    assert_eq!(value(&r, "T09[R1,C11]").as_deref(), Some("0.95"));
    assert_eq!(filled(&r, TableId::T09), 2);
    // Empty fund tables keep their note.
    assert!(r.table(TableId::T07).unwrap().empty_note().is_some());
    // Provenance carries the page.
    let a = CellAddr::parse("T01[一般公共预算财政拨款收入,C1]").unwrap();
    let span = &r.cell(&a).unwrap().1.span;
    assert_eq!(span.page, Some(6));
    assert_eq!(
        r.source_line(span.page, span.line)
            .map(|l| &l[span.start as usize..span.end as usize]),
        Some("2,940.05")
    );
}

#[test]
fn social_work_department_with_empty_tables() {
    let Some(r) = pdf("shanghai-putuo-social-work-dept-2024.pdf") else {
        return;
    };
    assert_eq!(r.profile.as_str(), "shanghai");
    assert_eq!(r.meta.department, "中共上海市普陀区委社会工作部");
    for id in [TableId::T07, TableId::T08, TableId::T09] {
        let t = r.table(id).unwrap();
        assert!(t.is_empty_of_values(), "{id} is empty");
    }
    assert!(r
        .table(TableId::T07)
        .unwrap()
        .empty_note()
        .is_some_and(|(_, n)| n.contains("故本表无数据")));
    assert_eq!(
        r.table(TableId::T07)
            .unwrap()
            .row("合计")
            .map(|r| r.cells.len()),
        Some(6)
    );
}

/// The typesetter wraps lines that end with ：or 。 (page 22): a line that
/// runs to the right margin continues its paragraph, so every 五（三）item
/// keeps its 年初预算 and 支出决算; "（项）" at a line start is no enumerator;
/// "（一）…情况说明。" is a heading.
#[test]
fn finance_bureau_narrative_paragraphs_across_wrapped_lines() {
    let Some(r) = pdf("shanghai-putuo-finance-bureau-2024.pdf") else {
        return;
    };
    let para = |addr: &str| {
        r.narrative
            .iter()
            .find(|p| p.addr == addr)
            .map(|p| p.text.as_str())
            .unwrap_or_else(|| panic!("no paragraph {addr}"))
    };
    let items: Vec<&str> = r
        .narrative
        .iter()
        .filter(|p| p.section == "5.3" && p.item.is_some())
        .map(|p| p.addr.as_str())
        .collect();
    assert_eq!(items.len(), 11, "{items:?}");
    assert!(para("N5.3.2").ends_with(
        "主要用于：局财政业务指导与宣传等基本支出。年初预算为 10.00 万元，支出决算为10.00万元。决算数与预算数基本持平。"
    ));
    assert!(para("N5.3.5")
        .contains("行政单位离退休（项）。主要用于：退休人员经费支出。年初预算为 85.55 万元"));
    assert!(para("N5.3.9").contains("年初预算为62.29 万元，支出决算为60.99万元"));
    // Every item states its budget now: the only unnumbered paragraph of
    // 五（三）is its introduction.
    let loose: Vec<&str> = r
        .narrative
        .iter()
        .filter(|p| p.section == "5.3" && !p.is_heading && p.item.is_none())
        .map(|p| p.addr.as_str())
        .collect();
    assert_eq!(loose, ["N5.3.p1"]);
    let heading = r
        .narrative
        .iter()
        .find(|p| p.is_heading && p.section == "7.1")
        .map(|p| p.text.as_str());
    assert_eq!(
        heading,
        Some("（一）“三公”经费财政拨款支出决算总体情况说明。")
    );
    assert!(para("N7.1.p2").starts_with(
        "2024年度“三公”经费财政拨款支出决算数与2023年度持平。其中：因公出国（境）费支出决算持平"
    ));
    assert!(para("N11.3.p1").ends_with("单价100万元（含）以上设备（不含车辆）2台（套）。"));
}

/// The blank Shanghai template: no figure anywhere, so rows are the label
/// lines under the header; two-sided tables get their 收入/支出 columns and
/// names wrapped over three lines stay with the code they are centred on.
#[test]
fn blank_template_reads_its_forms() {
    let Some(r) = pdf("shanghai-2024-final-accounts-template.pdf") else {
        return;
    };
    assert_eq!(r.profile.as_str(), "shanghai");
    let keys = |id: TableId| -> Vec<String> {
        r.table(id)
            .unwrap_or_else(|| panic!("{id}"))
            .columns
            .iter()
            .map(|c| c.key.clone())
            .collect()
    };
    assert_eq!(keys(TableId::T01), ["收入决算数", "支出决算数"]);
    assert_eq!(
        keys(TableId::T04),
        [
            "收入决算数",
            "支出合计",
            "一般公共预算财政拨款",
            "政府性基金预算财政拨款",
            "国有资本经营预算财政拨款"
        ]
    );
    let t01 = r.table(TableId::T01).unwrap();
    for row in [
        "一般公共预算财政拨款收入",
        "抗疫特别国债安排的支出",
        "年末结转和结余",
    ] {
        assert!(t01.row(row).is_some(), "T01 {row}");
    }
    assert!(t01.rows.iter().any(|x| x.label == "总计"));
    let t05 = r.table(TableId::T05).unwrap();
    let name = |code: &str| t05.row(code).map(|x| x.name.clone());
    assert_eq!(name("207").as_deref(), Some("文化旅游体育与传媒支出"));
    assert_eq!(name("20799").as_deref(), Some("其他文化旅游体育与传媒支出"));
    assert!(r.tables.values().all(|t| t.is_empty_of_values()));
}
