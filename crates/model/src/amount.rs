//! Exact amounts as printed: parsing of "33,597.66", "1503.52", "-0.20", "100".

use rust_decimal::Decimal;
use std::str::FromStr;

/// Parses a printed amount exactly, keeping its printed number of decimals.
///
/// Accepts ASCII and full-width digits, thousand separators (`,` and `，`
/// between digit groups), a leading minus sign and surrounding spaces.
/// Returns `None` for anything else (text, blanks, percentages).
pub fn parse_amount(text: &str) -> Option<Decimal> {
    let t = text.trim();
    if t.is_empty() || t.len() > 40 {
        return None;
    }
    let mut buf = String::with_capacity(t.len());
    for ch in t.chars() {
        match ch {
            '0'..='9' | '.' | '-' => buf.push(ch),
            '０'..='９' => buf.push(char::from(b'0' + (ch as u32 - '０' as u32) as u8)),
            '．' => buf.push('.'),
            '－' | '−' => buf.push('-'),
            ',' | '，' => {}
            _ => return None,
        }
    }
    if !valid_number_shape(&buf) || !separators_well_placed(t) {
        return None;
    }
    Decimal::from_str(&buf).ok()
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
    fn half_units() {
        assert_eq!(half_unit(2).to_string(), "0.005");
        assert_eq!(half_unit(0).to_string(), "0.5");
    }
}
