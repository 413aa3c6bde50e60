//! Money units printed in table headers ("单位：万元").

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The unit a table's amounts are printed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Unit {
    /// 元
    #[serde(rename = "元")]
    Yuan,
    /// 万元 (10,000 元), the usual unit of published tables.
    #[default]
    #[serde(rename = "万元")]
    WanYuan,
    /// 亿元 (100,000,000 元).
    #[serde(rename = "亿元")]
    YiYuan,
}

impl Unit {
    /// Parses the unit word of a "单位：…" header.
    pub fn from_label(s: &str) -> Option<Unit> {
        let s = s.trim();
        if s.contains("亿元") {
            Some(Unit::YiYuan)
        } else if s.contains("万元") {
            Some(Unit::WanYuan)
        } else if s.contains('元') {
            Some(Unit::Yuan)
        } else {
            None
        }
    }

    /// The Chinese label as printed.
    pub fn label(self) -> &'static str {
        match self {
            Unit::Yuan => "元",
            Unit::WanYuan => "万元",
            Unit::YiYuan => "亿元",
        }
    }

    /// How many 元 one unit is.
    pub fn yuan_factor(self) -> Decimal {
        match self {
            Unit::Yuan => Decimal::ONE,
            Unit::WanYuan => Decimal::from(10_000),
            Unit::YiYuan => Decimal::from(100_000_000),
        }
    }

    /// Converts an amount printed in `self` to `to`, exactly.
    pub fn convert(self, value: Decimal, to: Unit) -> Decimal {
        if self == to {
            return value;
        }
        value * self.yuan_factor() / to.yuan_factor()
    }
}

impl std::fmt::Display for Unit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_conversion() {
        assert_eq!(Unit::from_label("单位：万元"), Some(Unit::WanYuan));
        assert_eq!(Unit::from_label("单位：元"), Some(Unit::Yuan));
        assert_eq!(Unit::from_label("部门"), None);
        let v: Decimal = "1503.52".parse().unwrap();
        assert_eq!(
            Unit::WanYuan.convert(v, Unit::Yuan).normalize().to_string(),
            "15035200"
        );
    }
}
