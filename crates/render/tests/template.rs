//! The fill-in workbook's cells, read back with calamine: the sheets in
//! order, the cover lines and 部门 lines as formulas of the cover sheet,
//! the 合计 row of a 科目 table as the sum of its 类 rows, each row's
//! totals as the sums the identities define, with the sample's printed
//! figures as their cached results.

use calamine::{Data, Reader, Xlsx};
use juesuan_render::template::{workbook, Spec};
use std::io::Cursor;

fn sample() -> juesuan_model::Report {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/data/jilin-hrss-2024-final-accounts.txt");
    juesuan_read::read_path(&path).expect("sample reads")
}

#[test]
fn formulas_and_cached_figures() {
    let report = sample();
    let bytes = workbook(&Spec {
        base: &report,
        keep_values: true,
        blank_rows: 5,
    })
    .expect("workbook");
    let mut book = Xlsx::new(Cursor::new(bytes)).expect("xlsx");
    assert_eq!(
        book.sheet_names(),
        [
            "封面与说明",
            "公开01表",
            "公开02表",
            "公开03表",
            "公开04表",
            "公开05表",
            "公开06表",
            "公开07表",
            "公开08表",
            "公开09表",
            "项目支出绩效自评表",
            "情况说明"
        ]
    );
    let cover = book
        .worksheet_formula("封面与说明")
        .expect("cover formulas");
    assert_eq!(
        cover.get_value((0, 0)).map(String::as_str),
        Some("IF($B$6=\"\",\"\",$B$6&\" 年度\")")
    );
    let values = book.worksheet_range("封面与说明").expect("cover");
    assert_eq!(
        values.get_value((0, 0)),
        Some(&Data::String("2024 年度".into()))
    );
    assert_eq!(
        values.get_value((4, 1)),
        Some(&Data::String("吉林省人力资源和社会保障厅".into()))
    );

    // 公开05表: title, 表号, 单位, 部门, two header rows, 栏次, then 合计 on row 8.
    let f = book.worksheet_formula("公开05表").expect("T05 formulas");
    let v = book.worksheet_range("公开05表").expect("T05");
    assert_eq!(
        f.get_value((3, 0)).map(String::as_str),
        Some("\"部门：\"&封面与说明!$B$5")
    );
    assert_eq!(v.get_value((7, 0)), Some(&Data::String("合计".into())));
    let total = f.get_value((7, 2)).cloned().unwrap_or_default();
    assert!(total.contains("SUMIF($A$9:$A$"), "{total}");
    assert!(total.contains(",\"???\",C9:C"), "{total}");
    // Printed 合计 of 公开05表 (sample line 300): 33608.20.
    assert_eq!(v.get_value((7, 2)), Some(&Data::Float(33608.2)));
    // Row 9 (205 教育支出): 合计 = 基本支出 + 项目支出, 基本支出 = 人员经费 + 公用经费.
    assert_eq!(v.get_value((8, 0)), Some(&Data::String("205".into())));
    assert_eq!(
        f.get_value((8, 2)).map(String::as_str),
        Some("IF(COUNT(D9,G9)=0,\"\",SUM(D9,G9))")
    );
    assert_eq!(
        f.get_value((8, 3)).map(String::as_str),
        Some("IF(COUNT(E9,F9)=0,\"\",SUM(E9,F9))")
    );
    // The sample prints 1431.94 and 847.18 there (line 301).
    assert_eq!(v.get_value((8, 2)), Some(&Data::Float(1431.94)));
    assert_eq!(v.get_value((8, 3)), Some(&Data::Float(847.18)));
}

#[test]
fn a_blank_template_has_blank_inputs() {
    let report = juesuan_model::Report {
        profile: juesuan_model::Family::Central,
        ..Default::default()
    };
    let bytes = workbook(&Spec {
        base: &report,
        keep_values: false,
        blank_rows: 3,
    })
    .expect("workbook");
    let mut book = Xlsx::new(Cursor::new(bytes)).expect("xlsx");
    let v = book.worksheet_range("公开02表").expect("T02");
    // No figure anywhere: the 合计 row's formulas cache a blank.
    let numbers = v
        .used_cells()
        .filter(|(_, _, d)| matches!(d, Data::Float(_) | Data::Int(_)))
        .count();
    assert_eq!(numbers, 0);
    let texts = book.worksheet_range("情况说明").expect("texts");
    assert_eq!(
        texts.get_value((0, 4)),
        Some(&Data::String("填写内容".into()))
    );
    assert!(texts.height() > 40, "{} keys", texts.height() - 1);
}
