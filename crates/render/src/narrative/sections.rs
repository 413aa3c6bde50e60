//! 一 to 八: totals, income, expenditure, 财政拨款, 一般公共预算 (structure
//! and per-项 budget execution), 基本支出, the fund tables.

use super::{t01, value_in, wan, Ctx};
use crate::document::Block;
use crate::numbers::{ordinal, paren_ordinal, percent_text, text_amount};
use crate::tables::full_name;
use crate::texts::placeholder;
use juesuan_model::canonical::{column_keys, of_which};
use juesuan_model::{Report, RowKind, Side, TableId};
use rust_decimal::Decimal;

fn heading(out: &mut Vec<Block>, level: u8, text: String) {
    out.push(Block::Heading { level, text });
}

fn para(out: &mut Vec<Block>, text: String) {
    out.push(Block::Paragraph(text));
}

/// 一 to 四.
pub fn overview(ctx: &Ctx, out: &mut Vec<Block>) {
    let r = ctx.report;
    let y = ctx.year;
    let py = ctx.prior_year();

    heading(out, 2, format!("{}收入支出决算总体情况说明", ordinal(1)));
    let total = t01(r, Side::Income, "总计").unwrap_or_default();
    let prior = ctx.prior_of("收支总计", |p| t01(p, Side::Income, "总计"));
    let mut s = format!("{y} 年度收、支总计均为 {}。", wan(total));
    s.push_str(&ctx.yoy(&format!("与 {py} 年度相比，收、支总计各"), total, prior));
    if prior.is_some_and(|p| p != total) {
        s.push_str(&format!(
            "。主要原因：{}。",
            ctx.reason("收支总计", "收支总计增减")
        ));
    } else {
        s.push('。');
    }
    para(out, s);

    heading(out, 2, format!("{}收入决算情况说明", ordinal(2)));
    components(ctx, out, TableId::T02);

    heading(out, 2, format!("{}支出决算情况说明", ordinal(3)));
    components(ctx, out, TableId::T03);

    heading(
        out,
        2,
        format!("{}财政拨款收入支出决算总体情况说明", ordinal(4)),
    );
    let total = value_in(r, TableId::T04, "总计", "收入决算数").unwrap_or_default();
    let prior = ctx.prior_of("财政拨款收支总计", |p| {
        value_in(p, TableId::T04, "总计", "收入决算数")
    });
    let mut s = format!("{y} 年度财政拨款收、支总计均为 {}。", wan(total));
    s.push_str(&ctx.yoy(
        &format!("与 {py} 年度相比，财政拨款收、支总计各"),
        total,
        prior,
    ));
    if prior.is_some_and(|p| p != total) {
        s.push_str(&format!(
            "。主要原因：{}。",
            ctx.reason("财政拨款收支总计", "财政拨款收支总计增减")
        ));
    } else {
        s.push('。');
    }
    para(out, s);
}

/// "本年收入合计 X 万元，其中：财政拨款收入 X 万元，占 p%，比上年…，主要是…；…。"
/// The 合计 row of T02/T03: its first column is the total, the others its parts.
fn components(ctx: &Ctx, out: &mut Vec<Block>, id: TableId) {
    let Some((total_key, parts)) = column_keys(id).split_first() else {
        return;
    };
    let total = ctx.amount(id, "合计", total_key);
    let mut clauses = Vec::new();
    for key in parts.iter().filter(|k| of_which(id, k).is_none()) {
        let v = ctx.amount(id, "合计", key);
        let prior = ctx.prior_of(key, |p| value_in(p, id, "合计", key));
        if v.is_zero() && prior.is_none_or(|p| p.is_zero()) {
            continue;
        }
        let mut c = format!("{key} {}", wan(v));
        if let Some(share) = percent_text(v, total, 1) {
            c.push_str(&format!("，占 {share}%"));
        }
        c.push('，');
        c.push_str(&ctx.yoy("比上年", v, prior));
        if prior.is_some_and(|p| p != v) {
            c.push_str(&format!(
                "，主要是{}",
                ctx.reason(key, &format!("{key}增减"))
            ));
        }
        clauses.push(c);
    }
    let mut s = format!("{total_key} {}", wan(total));
    if !clauses.is_empty() {
        s.push_str("，其中：");
        s.push_str(&clauses.join("；"));
    }
    s.push('。');
    para(out, s);
}

/// The T05 合计 row's value in a column.
fn t05_total(r: &Report, key: &str) -> Option<Decimal> {
    value_in(r, TableId::T05, "合计", key)
}

/// 五: 一般公共预算财政拨款支出 — total, structure by 类, per-项 budget execution.
pub fn general_budget(ctx: &Ctx, out: &mut Vec<Block>) {
    let r = ctx.report;
    let y = ctx.year;
    let py = ctx.prior_year();
    heading(
        out,
        2,
        format!("{}一般公共预算财政拨款支出决算情况说明", ordinal(5)),
    );
    heading(
        out,
        3,
        format!("{}一般公共预算财政拨款支出决算总体情况", paren_ordinal(1)),
    );
    let total = t05_total(r, "合计").unwrap_or_default();
    let all = t01(r, Side::Expense, "本年支出合计").unwrap_or_default();
    let mut s = format!("{y} 年度一般公共预算财政拨款支出 {}", wan(total));
    if let Some(share) = percent_text(total, all, 1) {
        s.push_str(&format!("，占本年支出合计的 {share}%"));
    }
    s.push('。');
    let prior = ctx.prior_of("一般公共预算财政拨款支出", |p| {
        t05_total(p, "合计")
    });
    s.push_str(&ctx.yoy(
        &format!("与 {py} 年度相比，一般公共预算财政拨款支出"),
        total,
        prior,
    ));
    if prior.is_some_and(|p| p != total) {
        s.push_str(&format!(
            "。主要原因：{}。",
            ctx.reason("一般公共预算财政拨款支出", "一般公共预算财政拨款支出增减")
        ));
    } else {
        s.push('。');
    }
    para(out, s);

    heading(
        out,
        3,
        format!("{}一般公共预算财政拨款支出决算结构情况", paren_ordinal(2)),
    );
    let classes: Vec<(String, Decimal)> = r
        .table(TableId::T05)
        .map(|t| {
            let col = t.column("合计").map_or(1, |c| c.number);
            t.rows
                .iter()
                .filter(|row| row.kind == RowKind::Code && row.level() == Some(1))
                .map(|row| (row.name.clone(), row.value(col).unwrap_or_default()))
                .collect()
        })
        .unwrap_or_default();
    let parts: Vec<String> = classes
        .iter()
        .map(|(name, v)| match percent_text(*v, total, 1) {
            Some(p) => format!("{name} {}，占 {p}%", wan(*v)),
            None => format!("{name} {}", wan(*v)),
        })
        .collect();
    let mut s = format!(
        "{y} 年度一般公共预算财政拨款支出 {}，主要用于以下方面：",
        wan(total)
    );
    s.push_str(&parts.join("；"));
    s.push('。');
    para(out, s);

    heading(
        out,
        3,
        format!("{}一般公共预算财政拨款支出决算具体情况", paren_ordinal(3)),
    );
    let budget_total = ctx
        .texts
        .budget("total", "一般公共预算财政拨款支出年初预算总数（万元）");
    let mut s = format!("{y} 年度一般公共预算财政拨款支出年初预算为 ");
    match budget_total {
        Some(b) => {
            s.push_str(&wan(b));
            s.push_str(&format!("，支出决算为 {}", wan(total)));
            if let Some(p) = percent_text(total, b, 1) {
                s.push_str(&format!("，完成年初预算的 {p}%"));
            }
        }
        None => {
            s.push_str(&placeholder("年初预算数"));
            s.push_str(&format!(" 万元，支出决算为 {}", wan(total)));
        }
    }
    s.push_str("。其中：");
    para(out, s);
    for (k, item) in items(ctx).iter().enumerate() {
        para(out, format!("{}.{}", k + 1, item));
    }
}

/// The per-项 paragraphs of 五(三): every 项 in T05 or with a 年初预算.
fn items(ctx: &Ctx) -> Vec<String> {
    let r = ctx.report;
    let mut codes: Vec<String> = r
        .table(TableId::T05)
        .map(|t| {
            t.rows
                .iter()
                .filter(|row| row.level() == Some(3))
                .filter_map(|row| row.code.clone())
                .collect()
        })
        .unwrap_or_default();
    for code in ctx.texts.budgets.keys() {
        if code.len() == 7 && code.bytes().all(|b| b.is_ascii_digit()) && !codes.contains(code) {
            codes.push(code.clone());
        }
    }
    codes.sort();
    codes
        .iter()
        .map(|code| {
            let actual = value_in(r, TableId::T05, code, "合计").unwrap_or_default();
            let budget = ctx.texts.budget(
                code,
                &format!("{}年初预算数（万元）", subject_path(r, code)),
            );
            ctx.texts.ask(
                "reasons",
                code,
                &format!("{}决算数大于或小于年初预算数的原因", subject_path(r, code)),
            );
            let mut s = format!("{}。年初预算为 ", subject_path(r, code));
            match budget {
                Some(b) => {
                    s.push_str(&wan(b));
                    s.push_str(&format!("，支出决算为 {}", wan(actual)));
                    if let Some(p) = percent_text(actual, b, 1) {
                        s.push_str(&format!("，完成年初预算的 {p}%"));
                    }
                    s.push('。');
                    if actual != b {
                        let word = if actual > b { "大于" } else { "小于" };
                        s.push_str(&format!(
                            "决算数{word}预算数的主要原因是{}。",
                            ctx.reason(code, &format!("决算数{word}预算数的"))
                        ));
                    } else {
                        s.push_str("决算数与预算数持平。");
                    }
                }
                None => {
                    s.push_str(&placeholder("年初预算数"));
                    s.push_str(&format!(" 万元，支出决算为 {}。", wan(actual)));
                }
            }
            s
        })
        .collect()
}

/// The printed name of a code from any table of the report.
pub fn code_name(r: &Report, code: &str) -> Option<String> {
    for id in [
        TableId::T05,
        TableId::T03,
        TableId::T02,
        TableId::T07,
        TableId::T08,
    ] {
        if let Some(row) = r.table(id).and_then(|t| t.row_by_code(code)) {
            return Some(full_name(r, code, &row.name));
        }
    }
    if code.len() == 3 {
        return juesuan_model::classification::functional_class_name(code).map(str::to_string);
    }
    None
}

/// "社会保障和就业支出（类）人力资源和社会保障管理事务（款）行政运行（项）".
pub fn subject_path(r: &Report, code: &str) -> String {
    let name = |c: &str| code_name(r, c).unwrap_or_else(|| placeholder(&format!("{c} 科目名称")));
    let mut s = format!("{}（类）", name(&code[..3.min(code.len())]));
    if code.len() >= 5 {
        s.push_str(&format!("{}（款）", name(&code[..5])));
    }
    if code.len() >= 7 {
        s.push_str(&format!("{}（项）", name(code)));
    }
    s
}

/// 六: 基本支出 = 人员经费 + 公用经费 with the 款 that make them up.
pub fn basic(ctx: &Ctx, out: &mut Vec<Block>) {
    let r = ctx.report;
    let y = ctx.year;
    heading(
        out,
        2,
        format!("{}一般公共预算财政拨款基本支出决算情况说明", ordinal(6)),
    );
    let basic = t05_total(r, "基本支出").unwrap_or_default();
    para(
        out,
        format!(
            "{y} 年度一般公共预算财政拨款基本支出 {}，其中：",
            wan(basic)
        ),
    );
    let names = |classes: &[&str]| -> Vec<String> {
        r.table(TableId::T06)
            .map(|t| {
                t.rows
                    .iter()
                    .filter(|row| {
                        row.code
                            .as_deref()
                            .is_some_and(|c| c.len() == 5 && classes.contains(&&c[..3]))
                            && row.value(1).is_some_and(|v| !v.is_zero())
                    })
                    .map(|row| row.name.clone())
                    .collect()
            })
            .unwrap_or_default()
    };
    for (label, key, classes) in [
        ("人员经费", "人员经费", &["301", "303"][..]),
        (
            "公用经费",
            "公用经费",
            &["302", "307", "309", "310", "312", "313", "399"][..],
        ),
    ] {
        // Layouts whose 公开05表 has no 人员经费/公用经费 columns (Shanghai):
        // the 公开06表 footer totals.
        let v = t05_total(r, key)
            .or_else(|| r.table(TableId::T06)?.row(&format!("{key}合计"))?.value(1))
            .unwrap_or_default();
        let list = names(classes);
        let mut s = format!("{label} {}", wan(v));
        if !list.is_empty() {
            s.push_str("，主要包括：");
            s.push_str(&list.join("、"));
        }
        s.push('。');
        para(out, s);
    }
}

/// 七 and 八: the fund tables.
pub fn funds(ctx: &Ctx, out: &mut Vec<Block>) {
    let y = ctx.year;
    heading(
        out,
        2,
        format!("{}政府性基金预算财政拨款收入支出决算情况说明", ordinal(7)),
    );
    let v = |k: &str| wan(ctx.amount(TableId::T07, "合计", k));
    para(
        out,
        format!(
            "{y} 年度政府性基金预算财政拨款年初结转和结余 {}；本年收入 {}；本年支出 {}，年末结转和结余 {}。",
            v("年初结转和结余"),
            v("本年收入"),
            v("本年支出"),
            v("年末结转和结余")
        ),
    );
    heading(
        out,
        2,
        format!("{}国有资本经营预算财政拨款支出决算情况说明", ordinal(8)),
    );
    let v = |k: &str| wan(ctx.amount(TableId::T08, "合计", k));
    para(
        out,
        format!(
            "{y} 年度国有资本经营预算财政拨款支出 {}，其中：基本支出 {}，项目支出 {}。",
            v("合计"),
            v("基本支出"),
            v("项目支出")
        ),
    );
}

/// A decimal printed as in sentences.
pub fn plain(v: Decimal) -> String {
    text_amount(v)
}
