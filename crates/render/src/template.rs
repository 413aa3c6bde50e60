//! The fill-in workbook (`juesuan template`): a `封面与说明` sheet (department,
//! year, date; the cover lines are formulas of them), one sheet per table in
//! the official layout (merged headers, 栏次, numbers-only input cells, the
//! totals the identities define as formulas), the 绩效自评表 sheet, and a
//! `情况说明` sheet with one row per `--texts` key and the question it
//! answers. The reader reads it back like any published workbook; the
//! 情况说明 answers are read by [`texts_from_rows`].
//!
//! The rows come from a base report: an empty one of the family (blank
//! rows to type 科目 into) or last year's report (its 科目 and row names,
//! with or without its figures).

use crate::document::{Grid, GridKind};
use crate::error::{Error, ErrorKind};
use crate::texts::Texts;
use crate::texts_list::{keys, Key};
use crate::xlsx::{grid, print_setup, sheet_name, styles, Styles};
use juesuan_model::{canonical, Report, RowKind, TableId};
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{
    column_number_to_name, DataValidation, DataValidationRule, Format, Formula, Workbook,
    Worksheet, XlsxError,
};

pub use juesuan_model::template::{COVER_SHEET, TEXTS_HEADER, TEXTS_SHEET, TEXTS_TOP};

/// What the template is made of.
pub struct Spec<'a> {
    /// The rows, names and (with `keep_values`) figures to start from.
    pub base: &'a Report,
    /// Keep the base's figures in the input cells (a corrected re-issue),
    /// else leave them blank.
    pub keep_values: bool,
    /// Blank rows added under each 科目 table for 科目 the base lacks.
    pub blank_rows: usize,
}

fn err(e: XlsxError) -> Error {
    Error::new(ErrorKind::Workbook, format!("无法生成填报工作簿：{e}"))
}

/// Writes the fill-in workbook.
pub fn workbook(spec: &Spec) -> Result<Vec<u8>, Error> {
    let st = styles();
    let mut report = spec.base.clone();
    if !spec.keep_values {
        clear_values(&mut report);
    }
    // Tables the base lacks are written from their empty shells, so they
    // get the same input rows as the others.
    let layout = crate::layouts::of(&report);
    for id in crate::layouts::order(&report) {
        if report.table(id).is_none() {
            let shell = crate::tables::shell(&report, id, layout.prints_column_numbers(id));
            report.tables.insert(id, shell);
        }
    }
    let mut book = Workbook::new();
    book.push_worksheet(cover(&report, &st)?);
    let dept_ref = format!("{COVER_SHEET}!$B$5");
    for id in crate::layouts::order(&report) {
        let mut g = crate::tables::grid(&report, id);
        // The officer's names as printed, never silently completed.
        crate::revisions::grid_names(&report, &mut g, false);
        // The notes go under the blank rows, written after them; a form to
        // fill in says no "本表无数据".
        let mut notes = std::mem::take(&mut g.notes);
        if !spec.keep_values {
            notes.retain(|n| Some(n.as_str()) != crate::tables::empty_note(id));
        }
        let name = sheet_name(&g);
        let mut ws = Worksheet::new();
        ws.set_name(&name).map_err(err)?;
        let mut row = 0;
        let body = grid(&mut ws, &mut row, &g, &st)?;
        // 部门 follows the cover sheet: a formula over the line grid() wrote.
        let unit = g.unit_line.clone().unwrap_or_default();
        let dept_row = 1 + [&g.number_label, &unit]
            .iter()
            .filter(|l| !l.is_empty())
            .count() as u32;
        if let Some(line) = &g.department_line {
            let f = Formula::new(format!("=\"部门：\"&{dept_ref}")).set_result(line);
            ws.write_formula_with_format(dept_row, 0, f, &st.prose)
                .map_err(err)?;
        }
        let after = inputs(&mut ws, &report, id, &g, body, spec.blank_rows, &st)?;
        let w = g.width.max(1) as u16;
        for (r, n) in (after..).zip(&notes) {
            if w > 1 {
                ws.merge_range(r, 0, r, w - 1, n, &st.note).map_err(err)?;
            } else {
                ws.write_string_with_format(r, 0, n, &st.note)
                    .map_err(err)?;
            }
        }
        print_setup(&mut ws, crate::xlsx::is_wide(&g), Some((0, body)))?;
        book.push_worksheet(ws);
    }
    book.push_worksheet(performance(&report, &st)?);
    book.push_worksheet(texts_sheet(&keys(spec.base), spec.keep_values, &st)?);
    book.save_to_buffer().map_err(err)
}

/// Empties every figure of the base (rows, codes and names stay).
fn clear_values(report: &mut Report) {
    for t in report.tables.values_mut() {
        for r in &mut t.rows {
            for c in &mut r.cells {
                c.value = None;
                c.raw.clear();
            }
        }
    }
    for p in &mut report.performance {
        for f in &mut p.funds {
            f.initial_budget = None;
            f.full_year_budget = None;
            f.executed = None;
            f.rate = None;
        }
        p.score = None;
        p.goal_actual.clear();
        for i in &mut p.indicators {
            i.actual = Default::default();
            i.deviation_reason.clear();
        }
    }
}

/// The 封面与说明 sheet: the cover lines as formulas of the cells typed below them.
fn cover(report: &Report, st: &Styles) -> Result<Worksheet, Error> {
    let mut ws = Worksheet::new();
    ws.set_name(COVER_SHEET).map_err(err)?;
    ws.set_column_width(0, 24).map_err(err)?;
    ws.set_column_width(1, 48).map_err(err)?;
    let year = report.meta.year.map(|y| y.to_string()).unwrap_or_default();
    let dept = report.meta.department.clone();
    let date = report
        .meta
        .published
        .as_deref()
        .and_then(cn_date)
        .unwrap_or_default();
    let year_line = if year.is_empty() {
        String::new()
    } else {
        format!("{year} 年度")
    };
    let lines = [
        ("=IF($B$6=\"\",\"\",$B$6&\" 年度\")", year_line),
        ("=$B$5&\"部门决算\"", format!("{dept}部门决算")),
        ("=IF($B$7=\"\",\"\",$B$7)", date.clone()),
    ];
    for (r, (f, cached)) in lines.iter().enumerate() {
        // A blank result must be a (blank) string: an empty one is written as 0.
        let cached = if cached.is_empty() { " " } else { cached };
        ws.merge_range(r as u32, 0, r as u32, 1, "", &st.title)
            .map_err(err)?;
        ws.write_formula_with_format(r as u32, 0, Formula::new(*f).set_result(cached), &st.title)
            .map_err(err)?;
    }
    let label = st.head.clone();
    let input = st.text.clone().set_unlocked();
    for (r, (l, v)) in [
        (4u32, ("部门名称", dept.as_str())),
        (5, ("决算年度", year.as_str())),
        (6, ("公开日期（如 2025 年 8 月 25 日）", date.as_str())),
    ] {
        ws.write_string_with_format(r, 0, l, &label).map_err(err)?;
        if r == 5 && !v.is_empty() {
            let y: f64 = v.parse().unwrap_or_default();
            ws.write_number_with_format(r, 1, y, &input).map_err(err)?;
        } else {
            ws.write_string_with_format(r, 1, v, &input).map_err(err)?;
        }
    }
    let years = DataValidation::new()
        .allow_whole_number(DataValidationRule::Between(2000, 2100))
        .set_error_message("请填写四位数的决算年度，如 2025")
        .map_err(err)?;
    ws.add_data_validation(5, 1, 5, 1, &years).map_err(err)?;
    let notes = [
        "填写说明：",
        "1. 先在本表填写部门名称、决算年度与公开日期；封面三行与各表的“部门”随之更新。",
        "2. 各表只在白色单元格填写金额（万元，两位小数）；灰色表头与带公式的合计单元格不必填写。",
        "3. 科目表在空白行填写科目代码（文本）与科目名称，类、款、项各占一行；合计行按类级科目自动求和。",
        "4. “情况说明”表逐行回答（原因、年初预算、三公经费明细等），未填写的在生成的文件中显示【待填写：…】。",
        "5. 填好后：juesuan check 本文件 审核；juesuan render --from 本文件 --format pdf -o 公开.pdf 生成。",
    ];
    for (i, n) in notes.iter().enumerate() {
        ws.merge_range(9 + i as u32, 0, 9 + i as u32, 1, n, &st.prose)
            .map_err(err)?;
    }
    print_setup(&mut ws, false, None)?;
    Ok(ws)
}

/// "2025-08-25" → "2025 年 8 月 25 日".
fn cn_date(iso: &str) -> Option<String> {
    let mut it = iso.split('-').map(|x| x.parse::<u32>().ok());
    let (y, m, d) = (it.next()??, it.next()??, it.next()??);
    Some(format!("{y} 年 {m} 月 {d} 日"))
}

/// The input cells of one table: numbers only (≥ 0), formulas for the
/// totals the identities define, blank rows for more 科目. Returns the
/// first row after them.
fn inputs(
    ws: &mut Worksheet,
    report: &Report,
    id: TableId,
    g: &Grid,
    body: u32,
    blank_rows: usize,
    st: &Styles,
) -> Result<u32, Error> {
    let numbers = DataValidation::new()
        .allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(0.0))
        .set_error_title("只能填写数字")
        .map_err(err)?
        .set_error_message("请填写不小于 0 的金额（万元），不要填写文字或单位")
        .map_err(err)?;
    let labels = g.frozen_columns as u16;
    let width = g.width as u16;
    let table = report.table(id);
    let code_table = labels == 2
        && table.is_some_and(|t| t.columns.len() + 2 == g.width && t.rows.len() == g.body.len());
    let first = body;
    let mut last = body + g.body.len() as u32;
    if code_table || g.body.len() <= 1 {
        // Room for the 科目 (or rows) the base lacks, formatted like the rest.
        let code = st.text.clone().set_num_format("@");
        let amounts = amount_columns(g);
        for k in 0..blank_rows as u32 {
            let r = last + k;
            for c in 0..width {
                let f = if code_table && c == 0 {
                    &code
                } else if amounts.contains(&c) {
                    &st.amount
                } else {
                    &st.text
                };
                ws.write_blank(r, c, f).map_err(err)?;
            }
        }
        last += blank_rows as u32;
    }
    // Numbers only in the amount columns (those whose body cells are
    // right-aligned amounts): label and 行次 columns of a two-sided table
    // take text.
    if last > first {
        for c in amount_columns(g) {
            ws.add_data_validation(first, c, last - 1, c, &numbers)
                .map_err(err)?;
        }
    }
    let (Some(t), true) = (table, code_table) else {
        return Ok(last);
    };
    let col = |key: &str| -> Option<u16> {
        t.columns
            .iter()
            .position(|c| c.key == key)
            .map(|i| i as u16 + 2)
    };
    for (i, r) in t.rows.iter().enumerate() {
        let at = first + i as u32;
        if r.kind == RowKind::Total {
            // 合计 = Σ 类 rows: the 3-character codes of the column.
            for (j, c) in t.columns.iter().enumerate() {
                let x = column_number_to_name(j as u16 + 2);
                let (a, b) = (first + 2, last);
                let f = format!(
                    "=IF(COUNT({x}{a}:{x}{b})=0,\"\",SUMIF($A${a}:$A${b},\"???\",{x}{a}:{x}{b}))"
                );
                formula(ws, at, j as u16 + 2, &f, r.value(c.number), st)?;
            }
            continue;
        }
        for (total, parts) in canonical::row_identities(id) {
            let (Some(tc), Some(pcs)) = (
                col(total),
                parts.iter().map(|p| col(p)).collect::<Option<Vec<u16>>>(),
            ) else {
                continue;
            };
            let n = at + 1;
            let cells: Vec<String> = pcs
                .iter()
                .map(|c| format!("{}{n}", column_number_to_name(*c)))
                .collect();
            let f = format!("=IF(COUNT({all})=0,\"\",SUM({all}))", all = cells.join(","));
            let value = t.column(total).and_then(|c| r.value(c.number));
            formula(ws, at, tc, &f, value, st)?;
        }
    }
    Ok(last)
}

/// The slots that hold amounts in some body row.
fn amount_columns(g: &Grid) -> Vec<u16> {
    let mut cols = vec![false; g.width];
    for row in &g.body {
        let mut c = 0;
        for cell in row {
            if cell.align == crate::document::Align::Right && cell.colspan <= 1 && c < cols.len() {
                cols[c] = true;
            }
            c += cell.colspan.max(1);
        }
    }
    // A table printed without any row yet (a blank template) still takes
    // amounts right of its label columns, when it has any.
    if !cols.iter().any(|x| *x) && g.frozen_columns > 0 {
        for x in cols.iter_mut().skip(g.frozen_columns) {
            *x = true;
        }
    }
    (0..g.width as u16).filter(|c| cols[*c as usize]).collect()
}

/// A formula cell; `printed` is the value the base printed there, kept as
/// the cached result so a reader sees the document's own figure.
fn formula(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    f: &str,
    printed: Option<rust_decimal::Decimal>,
    st: &Styles,
) -> Result<(), Error> {
    // A blank result must be a (blank) string: an empty one is written as 0.
    let cached = printed
        .and_then(|v| v.to_f64())
        .map_or_else(|| " ".to_string(), |v| v.to_string());
    let fmt: Format = st.amount.clone().set_background_color("#EEF3FA");
    ws.write_formula_with_format(row, col, Formula::new(f).set_result(cached), &fmt)
        .map_err(err)?;
    Ok(())
}

/// The 绩效自评表 sheet: one block per project of the base, a page each.
fn performance(report: &Report, st: &Styles) -> Result<Worksheet, Error> {
    let mut ws = Worksheet::new();
    ws.set_name("项目支出绩效自评表").map_err(err)?;
    let mut row = 0;
    let mut breaks = Vec::new();
    let blank = blank_project();
    let projects: Vec<&juesuan_model::Performance> = if report.performance.is_empty() {
        vec![&blank]
    } else {
        report.performance.iter().collect()
    };
    for p in projects {
        if row > 0 {
            breaks.push(row);
        }
        let g = crate::performance::grid(report, p);
        debug_assert_eq!(g.kind, GridKind::Performance);
        grid(&mut ws, &mut row, &g, st)?;
    }
    print_setup(&mut ws, false, None)?;
    if !breaks.is_empty() {
        ws.set_page_breaks(&breaks).map_err(err)?;
    }
    Ok(ws)
}

/// A 自评表 with its rows and the usual 一级/二级指标, nothing filled in.
fn blank_project() -> juesuan_model::Performance {
    let indicator = |l1: &str, l2: &str| juesuan_model::Indicator {
        level1: l1.to_string(),
        level2: l2.to_string(),
        level3: String::new(),
        target: Default::default(),
        actual: Default::default(),
        deviation_reason: String::new(),
        line: 0,
    };
    juesuan_model::Performance {
        index: 1,
        name: String::new(),
        department: String::new(),
        implementer: String::new(),
        funds: Vec::new(),
        goal_expected: String::new(),
        goal_actual: String::new(),
        indicators: vec![
            indicator("产出指标", "数量指标"),
            indicator("产出指标", "质量指标"),
            indicator("产出指标", "时效指标"),
            indicator("成本指标", "经济成本指标"),
            indicator("效益指标", "社会效益指标"),
            indicator("满意度指标", "服务对象满意度指标"),
        ],
        score: None,
        score_line: 0,
        lines: (0, 0),
        page: None,
        repairs: Vec::new(),
    }
}

/// The 情况说明 sheet: one row per key, the answer typed in column E
/// (with `answered`, the base report's own words are already there).
fn texts_sheet(keys: &[Key], answered: bool, st: &Styles) -> Result<Worksheet, Error> {
    let mut ws = Worksheet::new();
    ws.set_name(TEXTS_SHEET).map_err(err)?;
    for (c, (h, w)) in TEXTS_HEADER
        .iter()
        .zip([10.0, 24.0, 40.0, 40.0, 60.0])
        .enumerate()
    {
        ws.write_string_with_format(0, c as u16, *h, &st.head)
            .map_err(err)?;
        ws.set_column_width(c as u16, w).map_err(err)?;
    }
    let input = st.text.clone();
    for (i, k) in keys.iter().enumerate() {
        let r = i as u32 + 1;
        let table = if k.ask.table.is_empty() {
            TEXTS_TOP
        } else {
            k.ask.table
        };
        ws.write_string_with_format(r, 0, table, &st.text)
            .map_err(err)?;
        ws.write_string_with_format(r, 1, &k.ask.key, &st.text)
            .map_err(err)?;
        ws.write_string_with_format(r, 2, &k.ask.what, &st.text)
            .map_err(err)?;
        ws.write_string_with_format(r, 3, k.example(), &st.text)
            .map_err(err)?;
        match (&k.found, answered) {
            (Some(v), true) => ws.write_string_with_format(r, 4, v, &input),
            _ => ws.write_blank(r, 4, &input),
        }
        .map_err(err)?;
    }
    print_setup(&mut ws, true, Some((0, 0)))?;
    Ok(ws)
}

/// The texts typed in a 情况说明 sheet: rows of (类别, 键, answer, cell).
/// A count that is not a whole number is an error naming its cell.
pub fn texts_from_rows(rows: &[(String, String, String, String)]) -> Result<Texts, String> {
    let mut t = Texts::default();
    for (table, key, value, cell) in rows {
        let value = value.trim();
        if value.is_empty() {
            continue;
        }
        let v = value.to_string();
        match table.as_str() {
            TEXTS_TOP | "" => match key.as_str() {
                "duties" => {
                    t.duties = v
                        .lines()
                        .map(str::trim)
                        .filter(|l| !l.is_empty())
                        .map(str::to_string)
                        .collect()
                }
                "organization" => t.organization = Some(v),
                "date" => t.date = Some(v),
                _ => return Err(format!("{cell}：未知的键“{key}”")),
            },
            "budgets" => check_amount(&mut t.budgets, key, v, cell)?,
            "prior" => check_amount(&mut t.prior, key, v, cell)?,
            "amounts" => check_amount(&mut t.amounts, key, v, cell)?,
            "reasons" => {
                t.reasons.insert(key.clone(), v);
            }
            "notes" => {
                t.notes.insert(key.clone(), v);
            }
            "counts" => {
                let n: u64 = value
                    .trim_end_matches(".0")
                    .parse()
                    .map_err(|_| format!("{cell}：“{key}”应填写整数，而不是“{value}”"))?;
                t.counts.insert(key.clone(), n);
            }
            other => return Err(format!("{cell}：未知的类别“{other}”")),
        }
    }
    Ok(t)
}

fn check_amount(
    map: &mut std::collections::BTreeMap<String, String>,
    key: &str,
    v: String,
    cell: &str,
) -> Result<(), String> {
    if juesuan_model::amount::parse_amount(&v).is_none() {
        return Err(format!("{cell}：“{key}”应填写金额（万元），而不是“{v}”"));
    }
    map.insert(key.to_string(), v);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_become_texts_and_bad_counts_name_the_cell() {
        let row = |t: &str, k: &str, v: &str, c: &str| {
            (t.to_string(), k.to_string(), v.to_string(), c.to_string())
        };
        let t = texts_from_rows(&[
            row("基本", "date", "2025 年 8 月 25 日", "情况说明!E2"),
            row("counts", "出国团组", "3", "情况说明!E3"),
            row("budgets", "2050205", "287.33", "情况说明!E4"),
            row("reasons", "收支总计", "", "情况说明!E5"),
        ])
        .unwrap_or_default();
        assert_eq!(t.date.as_deref(), Some("2025 年 8 月 25 日"));
        assert_eq!(t.counts.get("出国团组"), Some(&3));
        assert_eq!(t.budgets.get("2050205").map(String::as_str), Some("287.33"));
        assert!(t.reasons.is_empty());
        let bad = texts_from_rows(&[row("counts", "出国团组", "三个", "情况说明!E9")]);
        assert_eq!(
            bad.err().as_deref(),
            Some("情况说明!E9：“出国团组”应填写整数，而不是“三个”")
        );
    }
}
