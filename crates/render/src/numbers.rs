//! Number formatting for the printed document: table amounts, narrative
//! amounts, percentages (四舍五入 half-up, exact in `Decimal`) and Chinese
//! ordinals.

use rust_decimal::{Decimal, RoundingStrategy};

/// Rounds half-up (四舍五入) to `dp` decimals.
pub fn round_half_up(v: Decimal, dp: u32) -> Decimal {
    v.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero)
}

/// A table amount: thousand separators, the value's own printed scale ("33,597.66").
pub fn table_amount(v: Decimal) -> String {
    let s = v.abs().to_string();
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (s.clone(), None),
    };
    let mut grouped = String::with_capacity(int.len() + int.len() / 3);
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    let sign = if v.is_sign_negative() && !v.is_zero() {
        "-"
    } else {
        ""
    };
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// A narrative amount as the documents print it: no separators, no trailing
/// zeros ("33608.2", "1995", "0").
pub fn text_amount(v: Decimal) -> String {
    v.normalize().to_string()
}

/// `part / whole × 100` rounded half-up to `dp` decimals; `None` when `whole` is zero.
pub fn percent(part: Decimal, whole: Decimal, dp: u32) -> Option<Decimal> {
    if whole.is_zero() {
        return None;
    }
    part.checked_mul(Decimal::ONE_HUNDRED)
        .and_then(|x| x.checked_div(whole))
        .map(|x| round_half_up(x, dp))
}

/// A percentage as printed in sentences: half-up at `dp`, trailing zeros dropped ("91", "4.3").
pub fn percent_text(part: Decimal, whole: Decimal, dp: u32) -> Option<String> {
    percent(part, whole, dp).map(text_amount)
}

/// 1 → 一, 11 → 十一, 21 → 二十一 (up to 99).
pub fn cn_numeral(n: u32) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n as usize].to_string(),
        10 => "十".to_string(),
        11..=19 => format!("十{}", D[(n % 10) as usize]),
        20..=99 => {
            let tail = if matches!(n % 10, 0) {
                ""
            } else {
                D[(n % 10) as usize]
            };
            format!("{}十{}", D[(n / 10) as usize], tail)
        }
        _ => n.to_string(),
    }
}

/// "一、" style top-level ordinal.
pub fn ordinal(n: u32) -> String {
    format!("{}、", cn_numeral(n))
}

/// "（一）" style second-level ordinal.
pub fn paren_ordinal(n: u32) -> String {
    format!("（{}）", cn_numeral(n))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap_or_default()
    }

    #[test]
    fn formats() {
        assert_eq!(table_amount(d("33597.66")), "33,597.66");
        assert_eq!(table_amount(d("597.60")), "597.60");
        assert_eq!(table_amount(d("-1234567.1")), "-1,234,567.1");
        assert_eq!(table_amount(d("100")), "100");
        assert_eq!(text_amount(d("33608.20")), "33608.2");
        assert_eq!(text_amount(d("1900.00")), "1900");
        assert_eq!(text_amount(d("0.00")), "0");
        // 30587.38 / 33608.20 = 91.0114…% → 91.0 → "91"
        assert_eq!(
            percent_text(d("30587.38"), d("33608.20"), 1).as_deref(),
            Some("91")
        );
        // half-up at the midpoint: 0.125 → 0.13
        assert_eq!(percent(d("0.125"), d("100"), 2), Some(d("0.13")));
        assert_eq!(percent(d("1"), d("0"), 1), None);
        assert_eq!(cn_numeral(21), "二十一");
        assert_eq!(cn_numeral(10), "十");
        assert_eq!(paren_ordinal(3), "（三）");
    }
}
