//! Drafting 第三部分 情况说明: every sentence that follows from the figures
//! is generated; the reasons come from the preparer's texts, else a visible
//! placeholder stands in their place.

mod harvest;
pub mod other;
pub mod sections;

pub use harvest::harvest;

use crate::document::Block;
use crate::numbers::{percent_text, text_amount};
use crate::texts::{placeholder, Texts};
use juesuan_model::{Report, Side, TableId};
use rust_decimal::Decimal;

/// What the drafting reads.
pub struct Ctx<'a> {
    /// This year's report.
    pub report: &'a Report,
    /// Last year's report, when given.
    pub prior: Option<&'a Report>,
    /// The preparer's texts (merged with words harvested from the source).
    pub texts: &'a Texts,
    /// The fiscal year.
    pub year: u32,
}

impl Ctx<'_> {
    /// A cell value by table, row (key, label or code) and canonical column key.
    pub fn value(&self, id: TableId, row: &str, column_key: &str) -> Option<Decimal> {
        value_in(self.report, id, row, column_key)
    }

    /// Like [`Ctx::value`], zero when blank.
    pub fn amount(&self, id: TableId, row: &str, column_key: &str) -> Decimal {
        self.value(id, row, column_key).unwrap_or_default()
    }

    /// Last year's value of `key`: from the prior report via `f`, else from texts.toml `[prior]`.
    pub fn prior_of(&self, key: &str, f: impl Fn(&Report) -> Option<Decimal>) -> Option<Decimal> {
        self.texts.ask(
            "prior",
            key,
            &format!("上年{key}（万元；未给出上年报告时）"),
        );
        // Asked here too, so the list shows it whether or not this year differs.
        self.texts.ask(
            "reasons",
            key,
            &format!("{key}增减原因（与上年相比有增减时）"),
        );
        self.prior
            .and_then(f)
            .or_else(|| Texts::decimal(&self.texts.prior, key))
    }

    /// The reason for `key`, or a placeholder naming what is missing.
    pub fn reason(&self, key: &str, what: &str) -> String {
        self.texts.ask("reasons", key, &format!("{what}原因"));
        self.texts
            .reason(key)
            .map(str::to_string)
            .unwrap_or_else(|| placeholder(&format!("{what}原因")))
    }

    /// "2023"
    pub fn prior_year(&self) -> u32 {
        self.year.saturating_sub(1)
    }

    /// The year-on-year clause: "比上年减少 3044.73 万元，下降 8.3%" (with
    /// `lead` instead of "比上年" when given), or a placeholder when last
    /// year's figure is unknown.
    pub fn yoy(&self, lead: &str, current: Decimal, prior: Option<Decimal>) -> String {
        match prior {
            Some(p) => change_clause(lead, current, p),
            None => format!("{lead}{}", placeholder("上年数（未提供上年决算）")),
        }
    }
}

/// "比上年增加 A 万元，增长 p%" / "…减少 A 万元，下降 p%" / "…持平".
pub fn change_clause(lead: &str, current: Decimal, prior: Decimal) -> String {
    let diff = current - prior;
    if diff.is_zero() {
        return format!("{lead}持平");
    }
    let (verb, rate_verb) = if diff > Decimal::ZERO {
        ("增加", "增长")
    } else {
        ("减少", "下降")
    };
    let amount = text_amount(diff.abs());
    match percent_text(diff.abs(), prior.abs(), 1) {
        Some(p) => format!("{lead}{verb} {amount} 万元，{rate_verb} {p}%"),
        None => format!("{lead}{verb} {amount} 万元"),
    }
}

/// A cell value in any report.
pub fn value_in(report: &Report, id: TableId, row: &str, column_key: &str) -> Option<Decimal> {
    let t = report.table(id)?;
    let col = t.column(column_key)?;
    let side_ok = |r: &&juesuan_model::Row| match col.side {
        Some(s) => r.side == Some(s),
        None => true,
    };
    t.rows
        .iter()
        .filter(side_ok)
        .find(|r| r.key == row || r.label == row || r.code.as_deref() == Some(row))
        .and_then(|r| r.value(col.number))
}

/// T01's value of a labelled row on one side.
pub fn t01(report: &Report, side: Side, label: &str) -> Option<Decimal> {
    let key = if side == Side::Income {
        "收入决算数"
    } else {
        "支出决算数"
    };
    value_in(report, TableId::T01, label, key)
}

/// Drafts the whole 第三部分.
pub fn draft(ctx: &Ctx) -> Vec<Block> {
    let mut out = Vec::new();
    sections::overview(ctx, &mut out);
    sections::general_budget(ctx, &mut out);
    sections::basic(ctx, &mut out);
    sections::funds(ctx, &mut out);
    other::sangong(ctx, &mut out);
    other::performance(ctx, &mut out);
    other::other_matters(ctx, &mut out);
    out
}

/// "amount 万元".
pub fn wan(v: Decimal) -> String {
    format!("{} 万元", text_amount(v))
}
