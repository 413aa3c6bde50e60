/*!
The juesuan model: an exact, addressable representation of a published
部门决算 (departmental final accounts) report.

Everything a reader extracts lands here: the document's metadata, the nine
statutory tables (canonical ids [`TableId::T01`]…[`TableId::T09`]), the
项目支出绩效自评表, the narrative (情况说明) and the glossary. Every value
keeps its provenance ([`Span`]) so that findings can point at the source.

This crate does no I/O: readers build a [`Report`], the audit reads it.

```
use juesuan_model::{amount, CellAddr, TableId};
let v = amount::parse_amount("33,597.66").unwrap();
assert_eq!(v.to_string(), "33597.66");
let addr = CellAddr::new(TableId::T02, "2080101", 2);
assert_eq!(addr.to_string(), "T02[2080101,C2]");
```
*/
#![deny(missing_docs)]

pub mod address;
pub mod amount;
pub mod canonical;
pub mod classification;
pub mod narrative;
pub mod performance;
pub mod profile;
pub mod report;
pub mod sections;
mod source_lines;
pub mod span;
pub mod table;
pub mod template;
pub mod unit;

pub use address::CellAddr;
pub use narrative::{Figure, FigureKind, FigureRole, GlossaryEntry, Paragraph};
pub use performance::{Comparator, FundRow, Indicator, Measure, Performance};
pub use profile::{Family, Profile};
pub use report::{Meta, ReadNote, Report};
pub use rust_decimal::Decimal;
pub use source_lines::Origin;
pub use span::{Chosen, Span};
pub use table::{Cell, Column, Row, RowKind, Side, Table, TableId};
pub use unit::Unit;
