//! Exact amounts as printed: parsing of "33,597.66", "1503.52", "-0.20", "100".

use rust_decimal::Decimal;
use std::str::FromStr;

/// Amounts a report can mean are below 10¹⁵ (in 万元 that is a thousand
/// times the world's GDP). The bound is what keeps every sum, difference
/// and ratio the audit computes far inside `Decimal`'s 28 digits, so no
/// arithmetic on read values can overflow.
pub const MAX_MAGNITUDE: i64 = 1_000_000_000_000_000;
/// Most decimals a printed amount may carry.
pub const MAX_PRINTED_DECIMALS: u32 = 6;
/// Most decimals a model value may carry: printed decimals plus the four
/// that converting 元 to 万元 adds.
pub const MAX_MODEL_DECIMALS: u32 = MAX_PRINTED_DECIMALS + 4;

/// Why a printed text is not an amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotAnAmount {
    /// Text, blanks, percentages: no number at all.
    NotANumber,
    /// Shaped like a number but beyond what a report can mean (see
    /// [`MAX_MAGNITUDE`], [`MAX_PRINTED_DECIMALS`]): a read error, never
    /// a value.
    OutOfRange,
}

/// Parses a printed amount exactly, keeping its printed number of decimals.
///
/// Accepts ASCII and full-width digits, thousand separators (`,` and `，`
/// between digit groups), a leading minus sign and surrounding spaces.
/// Returns `None` for anything else (text, blanks, percentages) and for
/// numbers out of range (see [`read_amount`] to tell the two apart).
pub fn parse_amount(text: &str) -> Option<Decimal> {
    read_amount(text).ok()
}

/// Like [`parse_amount`], saying why a text is no amount.
pub fn read_amount(text: &str) -> Result<Decimal, NotAnAmount> {
    let t = text.trim();
    if t.is_empty() {
        return Err(NotAnAmount::NotANumber);
    }
    let mut buf = String::with_capacity(t.len());
    for ch in t.chars() {
        match ch {
            '0'..='9' | '.' | '-' => buf.push(ch),
            '０'..='９' => buf.push(char::from(b'0' + (ch as u32 - '０' as u32) as u8)),
            '．' => buf.push('.'),
            '－' | '−' => buf.push('-'),
            ',' | '，' => {}
            _ => return Err(NotAnAmount::NotANumber),
        }
    }
    if !valid_number_shape(&buf) || !separators_well_placed(t) {
        return Err(NotAnAmount::NotANumber);
    }
    let value = Decimal::from_str(&buf).map_err(|_| NotAnAmount::OutOfRange)?;
    if value.scale() > MAX_PRINTED_DECIMALS || !within_magnitude(&value) {
        return Err(NotAnAmount::OutOfRange);
    }
    Ok(value)
}

/// Whether a model value is one a report can mean: below [`MAX_MAGNITUDE`]
/// with at most [`MAX_MODEL_DECIMALS`] decimals. Values from outside the
/// readers (model JSON) are held to it when deserialized.
pub fn in_model_range(value: &Decimal) -> bool {
    value.scale() <= MAX_MODEL_DECIMALS && within_magnitude(value)
}

fn within_magnitude(value: &Decimal) -> bool {
    value.abs() < Decimal::from(MAX_MAGNITUDE)
}

/// `-?digits(.digits)?`
fn valid_number_shape(s: &str) -> bool {
    let body = s.strip_prefix('-').unwrap_or(s);
    let mut parts = body.splitn(2, '.');
    let int = parts.next().unwrap_or("");
    let frac = parts.next();
    !int.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()))
}

/// Thousand separators, when present, must split the integer part in groups of three.
fn separators_well_placed(t: &str) -> bool {
    if !t.contains([',', '，']) {
        return true;
    }
    let int = t.trim_start_matches(['-', '－', '−']);
    let int = int.split(['.', '．']).next().unwrap_or("");
    let groups: Vec<&str> = int.split([',', '，']).collect();
    groups[0].chars().count() >= 1
        && groups[0].chars().count() <= 3
        && groups[1..].iter().all(|g| g.chars().count() == 3)
}

/// Number of decimals printed (the scale), e.g. 2 for "1,503.52", 0 for "100".
pub fn printed_scale(value: &Decimal) -> u32 {
    value.scale()
}

/// Half a unit of the last printed decimal place: 0.005 for two decimals.
pub fn half_unit(scale: u32) -> Decimal {
    Decimal::new(5, scale + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_printed_forms() {
        assert_eq!(parse_amount("33,597.66").unwrap().to_string(), "33597.66");
        assert_eq!(parse_amount("33597.66").unwrap().to_string(), "33597.66");
        assert_eq!(parse_amount(" 0.00 ").unwrap().to_string(), "0.00");
        assert_eq!(parse_amount("165").unwrap().to_string(), "165");
        assert_eq!(parse_amount("-3.54").unwrap().to_string(), "-3.54");
        assert_eq!(parse_amount("１２.５").unwrap().to_string(), "12.5");
        assert_eq!(parse_amount("1,2345.00"), None);
        assert_eq!(parse_amount("12%"), None);
        assert_eq!(parse_amount(""), None);
        assert_eq!(parse_amount("行政运行"), None);
        assert_eq!(parse_amount("1.2.3"), None);
        assert_eq!(parse_amount("."), None);
    }

    #[test]
    fn numbers_beyond_a_report_are_out_of_range() {
        for t in [
            "79228162514264337593543950335",
            "792281625142643375935439503350",
            "0.0000000000000000000000000001",
            "1,000,000,000,000,000.00",
            "1.1234567",
        ] {
            assert_eq!(read_amount(t), Err(NotAnAmount::OutOfRange), "{t}");
        }
        assert_eq!(
            read_amount("999,999,999,999,999.99").map(|v| v.scale()),
            Ok(2)
        );
        assert_eq!(read_amount("1.123456").map(|v| v.scale()), Ok(6));
        assert_eq!(read_amount("十二"), Err(NotAnAmount::NotANumber));
        assert!(!in_model_range(&Decimal::MAX));
        assert!(in_model_range(&Decimal::new(123_456, 10)));
    }

    #[test]
    fn half_units() {
        assert_eq!(half_unit(2).to_string(), "0.005");
        assert_eq!(half_unit(0).to_string(), "0.5");
    }
}
