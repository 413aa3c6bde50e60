//! `juesuan export FILE --format csv`: every numeric cell of T01–T09.

use crate::input;
use juesuan_model::{Report, Unit};
use std::io::Write;
use std::path::Path;

/// Prints the CSV; exit 2 when the file cannot be read.
pub fn run(path: &Path) -> u8 {
    let Some(report) = input::load(path) else {
        return 2;
    };
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(to_csv(&report).as_bytes());
    0
}

/// The CSV text: `table,row,column,value,name,line` (+ `page` for paged
/// inputs, + `printed_unit` when a table is printed in another unit than
/// 万元; values are always in 万元).
pub fn to_csv(report: &Report) -> String {
    let cells = report.numeric_cells();
    let paged = cells.iter().any(|(_, _, c)| c.span.page.is_some());
    let unit_of = |t: juesuan_model::TableId| report.table(t).map_or(Unit::WanYuan, |t| t.unit);
    let other_unit = report.tables.values().any(|t| t.unit != Unit::WanYuan);
    let mut s = String::from("table,row,column,value,name,line");
    if paged {
        s.push_str(",page");
    }
    if other_unit {
        s.push_str(",printed_unit");
    }
    s.push('\n');
    for (addr, row, cell) in cells {
        let Some(value) = cell.value else { continue };
        s.push_str(&format!(
            "{},{},C{},{},{},{}",
            addr.table,
            csv_field(&addr.row),
            addr.column,
            value,
            csv_field(&row.name),
            cell.span.line
        ));
        if paged {
            s.push_str(&format!(",{}", cell.span.page.unwrap_or(0)));
        }
        if other_unit {
            s.push_str(&format!(",{}", unit_of(addr.table).label()));
        }
        s.push('\n');
    }
    s
}

/// Quotes a field when it holds a comma, quote or line break (RFC 4180).
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}
