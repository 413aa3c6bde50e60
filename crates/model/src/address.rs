//! Cell addresses `T<nn>[<row>,C<col>]` (contract of design.md).

use crate::table::TableId;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The address of one table cell, e.g. `T02[2080101,C2]`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct CellAddr {
    /// The canonical table.
    pub table: TableId,
    /// The row key (`R10`, `2080101`, `合计`, …).
    pub row: String,
    /// The 栏次 number.
    pub column: u32,
}

impl CellAddr {
    /// Builds an address.
    pub fn new(table: TableId, row: &str, column: u32) -> CellAddr {
        CellAddr {
            table,
            row: row.to_string(),
            column,
        }
    }

    /// Parses `T02[2080101,C2]`.
    pub fn parse(s: &str) -> Option<CellAddr> {
        let (t, rest) = s.split_once('[')?;
        let table = TableId::parse(t.trim())?;
        let inner = rest.strip_suffix(']')?;
        let (row, col) = inner.rsplit_once(',')?;
        let column = col.trim().strip_prefix('C')?.parse().ok()?;
        Some(CellAddr::new(table, row.trim(), column))
    }
}

impl fmt::Display for CellAddr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}[{},C{}]", self.table, self.row, self.column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        for s in [
            "T02[2080101,C2]",
            "T01[R10,C1]",
            "T04[年初结转和结余/一般公共预算财政拨款,C1]",
        ] {
            assert_eq!(CellAddr::parse(s).unwrap().to_string(), s);
        }
        assert!(CellAddr::parse("T15[R1,C1]").is_none());
        assert_eq!(
            CellAddr::parse("X03[合计,C2]").unwrap().to_string(),
            "X03[合计,C2]"
        );
        assert!(CellAddr::parse("T01[R1,X1]").is_none());
    }
}
