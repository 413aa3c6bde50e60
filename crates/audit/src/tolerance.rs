//! The rounding policy (domain.md §4): exact arithmetic; each printed operand
//! may be off by half a unit of its last printed digit, so an identity over
//! printed figures holds within the sum of those half units — for
//! `total = Σ n addends` printed with two decimals, 0.005 × (n + 1).

use juesuan_model::amount::half_unit;
use juesuan_model::Decimal;

/// Half a unit of the printed scale of `value`: 0.005 for "12.34", 0.5 for "12".
pub fn half_unit_of(value: &Decimal) -> Decimal {
    half_unit(value.scale())
}

/// How a difference compares with its tolerance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Exactly as required.
    Holds,
    /// Off, but within rounding (尾数误差).
    Rounding,
    /// Off beyond rounding.
    Violated,
}

/// Judges an equality `lhs = rhs` whose difference is `diff`.
pub fn judge_eq(diff: Decimal, tol: Decimal) -> Verdict {
    if diff.is_zero() {
        Verdict::Holds
    } else if diff.abs() <= tol {
        Verdict::Rounding
    } else {
        Verdict::Violated
    }
}

/// Judges an inequality `lhs ≤ rhs` whose difference `lhs − rhs` is `diff`.
pub fn judge_le(diff: Decimal, tol: Decimal) -> Verdict {
    if diff <= Decimal::ZERO {
        Verdict::Holds
    } else if diff <= tol {
        Verdict::Rounding
    } else {
        Verdict::Violated
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn policy() {
        // total = a + b printed with two decimals: tolerance 0.015.
        let tol = half_unit_of(&d("12874.92"))
            + half_unit_of(&d("10814.21"))
            + half_unit_of(&d("2060.70"));
        assert_eq!(tol, d("0.015"));
        assert_eq!(judge_eq(d("0.01"), tol), Verdict::Rounding);
        assert_eq!(judge_eq(d("-0.015"), tol), Verdict::Rounding);
        assert_eq!(judge_eq(d("0.02"), tol), Verdict::Violated);
        assert_eq!(judge_eq(d("0.00"), tol), Verdict::Holds);
        assert_eq!(judge_le(d("-5"), tol), Verdict::Holds);
        assert_eq!(judge_le(d("0.01"), tol), Verdict::Rounding);
        assert_eq!(judge_le(d("0.02"), tol), Verdict::Violated);
        assert_eq!(half_unit_of(&d("100")), d("0.5"));
    }
}
