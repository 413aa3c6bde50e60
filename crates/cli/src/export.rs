//! `juesuan export FILE --format csv`: every numeric cell of T01–T09.

use crate::input;
use juesuan_model::{Report, Unit};
use juesuan_render::csv::{self, Field, Style};
use std::io::Write;
use std::path::Path;

/// Prints the CSV; exit 2 when the file cannot be read.
pub fn run(path: &Path) -> u8 {
    let Some(mut report) = input::load(path) else {
        return 2;
    };
    input::settle(&mut report);
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(to_csv(&report).as_bytes());
    0
}

/// The CSV text: `table,row,column,value,name,line` (+ `page` for paged
/// inputs, + `printed_unit` when a table is printed in another unit than
/// 万元; values are always in 万元). LF line ends, no byte-order mark: the
/// contract other tools read. Names that a spreadsheet would take for a
/// formula get a leading `'` ([`juesuan_render::csv`]).
pub fn to_csv(report: &Report) -> String {
    let cells = report.numeric_cells();
    let paged = cells.iter().any(|(_, _, c)| c.span.page.is_some());
    let unit_of = |t: juesuan_model::TableId| report.table(t).map_or(Unit::WanYuan, |t| t.unit);
    let other_unit = report.tables.values().any(|t| t.unit != Unit::WanYuan);
    let mut header = vec!["table", "row", "column", "value", "name", "line"];
    if paged {
        header.push("page");
    }
    if other_unit {
        header.push("printed_unit");
    }
    let rows = cells.iter().filter_map(|(addr, row, cell)| {
        let value = cell.value?;
        let mut r = vec![
            Field::text(addr.table.as_str()),
            Field::text(addr.row.as_str()),
            Field::text(format!("C{}", addr.column)),
            Field::number(value.to_string()),
            Field::text(row.name.as_str()),
            Field::number(cell.span.line.to_string()),
        ];
        if paged {
            r.push(Field::number(cell.span.page.unwrap_or(0).to_string()));
        }
        if other_unit {
            r.push(Field::text(unit_of(addr.table).label()));
        }
        Some(r)
    });
    csv::to_string(Style::default(), &header, rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/data/jilin-hrss-2024-final-accounts.txt"
    );

    #[test]
    fn names_that_look_like_formulas_are_guarded() {
        let mut report = juesuan_read::read_path(Path::new(SAMPLE)).expect("the Jilin sample");
        let row = report
            .tables
            .values_mut()
            .flat_map(|t| t.rows.iter_mut())
            .find(|r| r.key == "2080101")
            .expect("row 2080101");
        row.name = "=HYPERLINK(\"http://evil.example\",\"x\")".to_string();
        // A negative amount is a number, not a formula.
        if let Some(c) = row.cells.iter_mut().find(|c| c.column == 2) {
            c.value = c.value.map(|v| -v);
        }
        let csv = to_csv(&report);
        assert!(csv.starts_with("table,row,column,value,name,line\n"));
        assert!(
            csv.contains("\nT02,2080101,C2,-4657.90,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",166\n"),
            "{csv}"
        );
        assert!(!csv.contains(",=HYPERLINK"));
    }
}
