//! Reports of other template families and of other converters, read from
//! real published reports (tests/data/SOURCES.md). Every value asserted
//! here was read off the printed pages (PDF rendered with pdftoppm) or the
//! converter's text by hand.

use juesuan_model::{CellAddr, Family, Report, TableId};
use std::path::PathBuf;

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/data")
        .join(name)
}

fn read(name: &str) -> Report {
    juesuan_read::read_path(&data(name)).unwrap_or_else(|e| panic!("{e}"))
}

/// The value at an address, as a plain decimal string (`None`: blank or absent).
fn v(r: &Report, addr: &str) -> Option<String> {
    let a = CellAddr::parse(addr).unwrap_or_else(|| panic!("bad address {addr}"));
    r.cell(&a).and_then(|(_, c)| c.value).map(|d| d.to_string())
}

fn eq(r: &Report, cells: &[(&str, Option<&str>)]) {
    for (addr, want) in cells {
        assert_eq!(v(r, addr).as_deref(), *want, "{addr}");
    }
}

#[test]
fn university_pdf_reads_its_four_tables() {
    if !juesuan_testkit::tool("pdftotext") {
        return;
    }
    let r = read("chongqing-southwest-university-2023.pdf");
    assert_eq!(r.profile, Family::University);
    let ids: Vec<TableId> = r.tables.keys().copied().collect();
    assert_eq!(
        ids,
        vec![TableId::T01, TableId::T02, TableId::T03, TableId::T10]
    );
    // The family publishes four tables: none is missing.
    assert!(r.absent_tables.is_empty(), "{:?}", r.absent_tables);
    assert_eq!(r.tables[&TableId::T10].number_label, "表4");
    assert_eq!(r.tables[&TableId::T10].title, "高等学校财政拨款支出决算表");
    // 表 1 (pages 8–9): 其中 rows are parts of the row above; the table
    // runs on to page 9 and closes with 合计 on both sides.
    eq(
        &r,
        &[
            ("T01[财政拨款收入,C1]", Some("243015.38")),
            ("T01[政府性基金预算财政拨款,C1]", Some("109.50")),
            ("T01[捐赠收入,C1]", Some("44.20")),
            ("T01[本年收入合计,C1]", Some("430725.03")),
            ("T01[上年结转和结余,C1]", Some("93660.54")),
            ("T01[住房保障支出,C2]", Some("16278.27")),
            ("T01[结余分配,C2]", Some("4970.88")),
            ("T01[年末结转和结余,C2]", Some("106848.91")),
        ],
    );
    let t01 = &r.tables[&TableId::T01];
    let part = t01
        .rows
        .iter()
        .find(|row| row.label == "政府性基金预算财政拨款")
        .expect("其中 row");
    assert_eq!(part.of_which.as_deref(), Some("财政拨款收入"));
    let totals: Vec<_> = t01
        .rows
        .iter()
        .filter(|row| row.label == "合计")
        .map(|row| row.cells[0].value.map(|d| d.to_string()))
        .collect();
    assert_eq!(
        totals,
        vec![Some("569496.54".to_string()), Some("569496.54".to_string())]
    );
    assert_eq!(
        t01.rows
            .iter()
            .find(|row| row.label == "住房保障支出")
            .and_then(|row| row.code.as_deref()),
        Some("221")
    );
    // 表 2 (page 10): 事业收入 split into 金额 and 其中：教育收费.
    let t02 = &r.tables[&TableId::T02];
    let keys: Vec<&str> = t02.columns.iter().map(|c| c.key.as_str()).collect();
    assert_eq!(
        keys,
        vec![
            "本年收入合计",
            "财政拨款收入",
            "上级补助收入",
            "事业收入",
            "教育收费",
            "经营收入",
            "附属单位上缴收入",
            "其他收入"
        ]
    );
    assert_eq!(t02.columns[4].of_which.as_deref(), Some("事业收入"));
    assert_eq!(t02.rows.len(), 26, "25 科目 rows and 合计");
    eq(
        &r,
        &[
            ("T02[205,C1]", Some("399693.48")),
            ("T02[205,C2]", Some("220752.34")),
            ("T02[205,C3]", None),
            ("T02[205,C4]", Some("136385.24")),
            ("T02[205,C5]", Some("73648.19")),
            ("T02[205,C8]", Some("42555.90")),
            ("T02[合计,C1]", Some("430725.03")),
            ("T02[合计,C8]", Some("51324.41")),
        ],
    );
    // 表 3 (pages 12–13) and 表 4 (pages 14–15, 其中：基本建设资金支出).
    eq(
        &r,
        &[
            ("T03[合计,C1]", Some("457676.75")),
            ("T03[合计,C2]", Some("359781.59")),
            ("T03[合计,C3]", Some("97895.15")),
            ("T10[合计,C1]", Some("237100.00")),
            ("T10[合计,C2]", Some("199015.13")),
            ("T10[合计,C3]", Some("38084.87")),
            ("T10[合计,C4]", Some("6894.90")),
            ("T10[2060204,C2]", None),
            ("T10[2060204,C4]", Some("1357.93")),
        ],
    );
    let t10 = &r.tables[&TableId::T10];
    assert_eq!(t10.columns[3].key, "基本建设资金支出");
    assert_eq!(t10.columns[3].of_which.as_deref(), Some("项目支出"));
    // The 决算报表说明 after 表 4 is prose, not a continuation of the table.
    assert!(t10
        .rows
        .iter()
        .all(|row| row.code.is_some() || row.label == "合计"));
}

#[test]
fn pdfplumber_text_reads_every_table() {
    let r = read("shanghai-putuo-ecology-environment-2025-pdfplumber.txt");
    assert_eq!(r.profile, Family::Shanghai);
    assert_eq!(r.meta.year, Some(2025));
    assert_eq!(r.meta.member_units.len(), 3);
    eq(
        &r,
        &[
            ("T01[一般公共预算财政拨款收入,C1]", Some("4733.14")),
            ("T01[节能环保支出,C2]", Some("3742.47")),
            ("T02[合计,C1]", Some("4733.14")),
            ("T02[2110104,C2]", Some("88.60")),
            ("T03[211,C2]", Some("2385.48")),
            ("T03[211,C3]", Some("1356.98")),
            ("T05[2111101,C3]", Some("391.60")),
            ("T06[30108,C1]", Some("229.67")),
            ("T06[30212,C1]", Some("0.00")),
            ("T06[人员经费合计,C1]", Some("2949.02")),
            // 三公: 预算数 and 决算数 alternate.
            ("T09[R1,C1]", Some("21.00")),
            ("T09[R1,C2]", Some("16.95")),
            ("T09[R1,C5]", Some("20.50")),
            ("T09[R1,C11]", Some("0.50")),
            ("T09[R1,C12]", Some("0.00")),
        ],
    );
    let name = |t: TableId, key: &str| {
        r.tables[&t]
            .row(key)
            .map(|row| row.name.clone())
            .unwrap_or_default()
    };
    // A name wrapped onto a line of its own below its row ("支出"), and
    // names centred on rows of two column groups (above and below).
    assert_eq!(
        name(TableId::T03, "2080505"),
        "机关事业单位基本养老保险缴费支出"
    );
    assert_eq!(name(TableId::T06, "30108"), "机关事业单位基本养老保险缴费");
    assert_eq!(name(TableId::T06, "30212"), "因公出国（境）费用");
    assert_eq!(name(TableId::T06, "30399"), "其他对个人和家庭的补助");
    assert_eq!(name(TableId::T06, "30299"), "其他商品和服务支出");
    // Empty fund tables keep their notes.
    for t in [TableId::T07, TableId::T08] {
        assert!(r.tables[&t].empty_note().is_some(), "{t}");
    }
    // A name the converter may have cut is marked, not taken for printed.
    assert!(r.tables[&TableId::T02]
        .row("2080505")
        .is_some_and(|row| row.doubt.is_some()));
}

#[test]
fn pdfplumber_text_without_blank_marks() {
    let r = read("shanghai-putuo-shiquan-street-2025-pdfplumber.txt");
    // 三公: "因公出国（境）费" prints nothing; its two cells are placed by
    // the table's identities; "0" is an amount.
    eq(
        &r,
        &[
            ("T09[R1,C1]", Some("53.93")),
            ("T09[R1,C2]", Some("37.35")),
            ("T09[R1,C3]", None),
            ("T09[R1,C4]", None),
            ("T09[R1,C5]", Some("52.40")),
            ("T09[R1,C10]", Some("12.35")),
            ("T09[R1,C12]", Some("0")),
        ],
    );
    // T01: the amount of a wrapped expense name stands on a line of its own.
    eq(&r, &[("T01[灾害防治及应急管理支出,C2]", Some("98.23"))]);
    // T06: rows without amounts keep their place in either column group.
    eq(
        &r,
        &[
            ("T06[30106,C1]", None),
            ("T06[30204,C1]", Some("0.25")),
            ("T06[30226,C1]", Some("19.25")),
        ],
    );
    assert!(r.tables[&TableId::T06].row("30303").is_some());
    // Rows whose amounts cannot be placed for certain are marked doubtful
    // and said so in a reader note.
    let t03 = &r.tables[&TableId::T03];
    assert!(t03
        .row("201")
        .is_some_and(|row| row.cells.iter().any(|c| c.doubt.is_some())));
    assert!(r
        .notes
        .iter()
        .any(|n| n.message.contains("支出决算表") && n.message.contains("请核对")));
}

#[test]
fn other_encodings_and_line_ends_read_the_same() {
    let text = std::fs::read_to_string(data("jilin-hrss-2024-final-accounts.txt"))
        .unwrap_or_else(|e| panic!("{e}"));
    let reference = juesuan_read::read_text("x.txt", &text).unwrap_or_else(|e| panic!("{e}"));
    let cells = |r: &Report| -> Vec<(String, Option<String>)> {
        r.numeric_cells()
            .into_iter()
            .map(|(a, _, c)| (a.to_string(), c.value.map(|d| d.to_string())))
            .collect()
    };
    let (gbk, _, _) = encoding_rs::GB18030.encode(&text);
    let mut utf16 = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        utf16.extend(u.to_le_bytes());
    }
    // Windows line ends, a BOM and form feeds where pages break.
    let crlf = format!(
        "\u{feff}{}",
        text.replace('\n', "\r\n").replacen("\r\n\r\n", "\u{c}", 5)
    );
    for (what, bytes, encoding) in [
        ("GB18030", gbk.into_owned(), Some("GB18030")),
        ("UTF-16LE", utf16, Some("UTF-16LE")),
        ("CRLF", crlf.into_bytes(), None),
    ] {
        let r = juesuan_read::read_bytes("x.txt", &bytes).unwrap_or_else(|e| panic!("{what}: {e}"));
        assert_eq!(cells(&r), cells(&reference), "{what}");
        let noted = r.notes.iter().any(|n| n.message.contains("编码读取"));
        assert_eq!(noted, encoding.is_some(), "{what}");
    }
}

/// The 13-table 单位决算 (synthetic text, tests/data/SOURCES.md): the family
/// is recognised by its extra tables, its two 国有资本经营 tables get their
/// own ids, and the tables whose columns the public descriptions do not fix
/// are read from their headers.
#[test]
fn unit13_tables_by_the_family() {
    let r = read("unit13-synthetic-2024.txt");
    assert_eq!(r.profile, Family::Unit13);
    assert!(r.absent_tables.is_empty(), "{:?}", r.absent_tables);
    assert_eq!(r.tables.len(), 13);
    assert_eq!(
        r.tables[&TableId::T08].title,
        "国有资本经营预算财政拨款收入支出决算表"
    );
    assert_eq!(
        r.tables[&TableId::T14].title,
        "国有资本经营预算财政拨款支出决算表"
    );
    let keys: Vec<&str> = r.tables[&TableId::T11]
        .columns
        .iter()
        .map(|c| c.key.as_str())
        .collect();
    assert_eq!(keys, vec!["合计", "基本支出", "项目支出"]);
    eq(
        &r,
        &[
            ("T11[2080505,C1]", Some("100.00")),
            ("T12[30108,C1]", Some("80.00")),
            ("T12[302,C2]", Some("20.00")),
            ("T06[公用经费合计,C1]", Some("20.00")),
        ],
    );
    // The parts in this family's order: 情况说明 second, 附表 fifth.
    assert!(!r.narrative.is_empty());
    assert_eq!(r.glossary.len(), 1);
}

/// pdfplumber joins pages with a form feed, often in the middle of a line:
/// every amount's position still names the file's own line and the bytes
/// where the amount is printed, as the export contract promises.
#[test]
fn form_feeds_keep_the_files_line_numbers() {
    let name = "shanghai-putuo-shiquan-street-2025-pdfplumber.txt";
    let file = std::fs::read_to_string(data(name)).unwrap_or_else(|e| panic!("{e}"));
    assert!(file.contains('\u{c}'));
    let file_lines: Vec<&str> = file.lines().collect();
    let r = read(name);
    let row = r.tables[&TableId::T02].row("20805");
    assert_eq!(row.map(|row| row.span.line), Some(143));
    let mut checked = 0;
    for (addr, _, cell) in r.numeric_cells() {
        let Some(value) = cell.value else { continue };
        let s = &cell.span;
        let printed = file_lines
            .get(s.line as usize - 1)
            .and_then(|l| l.get(s.start as usize..s.end as usize))
            .unwrap_or_else(|| panic!("{addr}: span {s:?} outside the file"));
        let parsed: rust_decimal::Decimal = printed
            .replace(',', "")
            .parse()
            .unwrap_or_else(|e| panic!("{addr}: {printed:?} at {s:?}: {e}"));
        assert_eq!(parsed, value, "{addr} at {s:?}");
        checked += 1;
    }
    assert!(checked > 300, "{checked}");
}
