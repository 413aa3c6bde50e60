//! One statutory table laid out as rows × columns, with findings at their cells.

use super::{esc, severity_rank};
use juesuan_model::{Column, Row, Side, Table, TableId};
use juesuan_store::StoredFinding;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;

/// Which findings touch which cells and rows.
#[derive(Default)]
pub struct FindingIndex<'a> {
    /// Cell address (`T02[2080101,C2]`) → finding positions.
    cells: HashMap<String, Vec<usize>>,
    /// Row address (`T05[2080199]`) → finding positions.
    rows: HashMap<String, Vec<usize>>,
    /// Addresses that are some finding's primary cell.
    primary: HashMap<String, ()>,
    findings: &'a [StoredFinding],
}

impl<'a> FindingIndex<'a> {
    /// Indexes `findings` by the cells they read.
    pub fn new(findings: &'a [StoredFinding]) -> FindingIndex<'a> {
        let mut ix = FindingIndex {
            findings,
            ..FindingIndex::default()
        };
        for (i, f) in findings.iter().enumerate() {
            for c in &f.cells {
                let map = if c.addr.contains(",C") {
                    &mut ix.cells
                } else {
                    &mut ix.rows
                };
                let list = map.entry(c.addr.clone()).or_default();
                if !list.contains(&i) {
                    list.push(i);
                }
            }
            if let Some(p) = &f.primary {
                ix.primary.insert(p.clone(), ());
            }
        }
        ix
    }

    /// How many findings read a cell whose address starts with `prefix`
    /// (`P3.`: the third 绩效自评表), and the worst severity among them.
    pub fn within(&self, prefix: &str) -> Option<(usize, &'a str)> {
        let findings: &'a [StoredFinding] = self.findings;
        let hits: Vec<&'a StoredFinding> = findings
            .iter()
            .filter(|f| {
                f.primary.as_deref().is_some_and(|p| p.starts_with(prefix))
                    || f.cells.iter().any(|c| c.addr.starts_with(prefix))
            })
            .collect();
        let worst = hits
            .iter()
            .map(|f| f.severity.as_str())
            .max_by_key(|s| severity_rank(s))?;
        Some((hits.len(), worst))
    }

    /// The `class` attribute (`base` plus the worst severity of the findings
    /// touching `addr`) and, when flagged, `data-rule` and `data-findings`.
    pub fn attrs(&self, addr: &str, by_row: bool, base: &str) -> String {
        let map = if by_row { &self.rows } else { &self.cells };
        let Some(list) = map.get(addr) else {
            return format!(" class=\"{base}\"");
        };
        let worst = list
            .iter()
            .map(|&i| self.findings[i].severity.as_str())
            .max_by_key(|s| severity_rank(s))
            .unwrap_or("info");
        let mut rules: Vec<&str> = Vec::new();
        for &i in list {
            let r = self.findings[i].rule.as_str();
            if !rules.contains(&r) {
                rules.push(r);
            }
        }
        let ids: Vec<String> = list.iter().map(|i| format!("f{i}")).collect();
        format!(
            " class=\"{base} flag sev-{}{}\" data-rule=\"{}\" data-findings=\"{}\" tabindex=\"0\"",
            esc(worst),
            if self.primary.contains_key(addr) {
                " primary"
            } else {
                ""
            },
            esc(&rules.join(" ")),
            ids.join(" ")
        )
    }
}

/// Renders one table.
pub fn render(b: &mut String, id: TableId, table: &Table, ix: &FindingIndex<'_>) {
    let _ = write!(
        b,
        "<section class=\"table\" id=\"{id}\"><h2>{} {} <small>（{id}）</small></h2>\n\
         <p class=\"unit\">单位：{}</p>\n",
        esc(&table.number_label),
        esc(&table.title),
        esc(table.unit.label())
    );
    b.push_str("<div class=\"scroll\"><table class=\"grid\">\n<thead><tr>");
    let income: Vec<&Column> = table
        .columns
        .iter()
        .filter(|c| c.side != Some(Side::Expense))
        .collect();
    let expense: Vec<&Column> = table
        .columns
        .iter()
        .filter(|c| c.side == Some(Side::Expense))
        .collect();
    let two_sided = !expense.is_empty() && !income.is_empty();
    if two_sided {
        // T01/T04: income on the left, expense on the right, line by line as printed.
        header(b, &income);
        header(b, &expense);
        b.push_str("</tr></thead>\n<tbody>\n");
        let mut lines: BTreeMap<u32, (Option<&Row>, Option<&Row>)> = BTreeMap::new();
        for row in &table.rows {
            let slot = lines.entry(row.span.line).or_default();
            let right = row.side == Some(Side::Expense)
                || (row.side.is_none() && expense.iter().any(|c| row.cell(c.number).is_some()));
            if right && slot.1.is_none() {
                slot.1 = Some(row);
            } else if !right && slot.0.is_none() {
                slot.0 = Some(row);
            } else {
                // A second row on one printed line: give it its own line.
                let extra = lines.len() as u32 + u32::MAX / 2;
                let s = lines.entry(extra).or_default();
                if right {
                    s.1 = Some(row);
                } else {
                    s.0 = Some(row);
                }
            }
        }
        for (left, right) in lines.values() {
            b.push_str("<tr>");
            half(b, id, *left, &income, ix);
            half(b, id, *right, &expense, ix);
            b.push_str("</tr>\n");
        }
    } else {
        let all: Vec<&Column> = table.columns.iter().collect();
        header(b, &all);
        b.push_str("</tr></thead>\n<tbody>\n");
        for row in &table.rows {
            b.push_str("<tr>");
            half(b, id, Some(row), &all, ix);
            b.push_str("</tr>\n");
        }
    }
    b.push_str("</tbody>\n</table></div>\n");
    for (line, note) in &table.notes {
        let _ = writeln!(
            b,
            "<p class=\"note\" data-line=\"{line}\">{}</p>",
            esc(note)
        );
    }
    b.push_str("</section>\n");
}

fn header(b: &mut String, cols: &[&Column]) {
    b.push_str("<th>行</th><th>项目</th>");
    for c in cols {
        let _ = write!(
            b,
            "<th title=\"C{}\">{}<br><small>C{}</small></th>",
            c.number,
            esc(&c.name),
            c.number
        );
    }
}

/// The key, the name and the cells of one row over `cols` (blank when no row).
fn half(b: &mut String, id: TableId, row: Option<&Row>, cols: &[&Column], ix: &FindingIndex<'_>) {
    let Some(row) = row else {
        b.push_str("<th class=\"key\"></th><th class=\"name\"></th>");
        for _ in cols {
            b.push_str("<td class=\"none\"></td>");
        }
        return;
    };
    let row_addr = format!("{id}[{}]", row.key);
    let _ = write!(
        b,
        "<th class=\"key\" data-row=\"{}\" data-line=\"{}\">{}</th><th{}>{}</th>",
        esc(&row.key),
        row.span.line,
        esc(&row.key),
        ix.attrs(&row_addr, true, "name"),
        esc(&row.name)
    );
    for col in cols {
        let addr = format!("{id}[{},C{}]", row.key, col.number);
        match row.cell(col.number) {
            Some(cell) => {
                // The source line is the row's (on its key cell): one
                // attribute per row, not per cell, keeps the page small.
                let _ = write!(
                    b,
                    "<td data-addr=\"{}\"{}>{}</td>",
                    esc(&addr),
                    ix.attrs(&addr, false, "num"),
                    esc(&cell.raw)
                );
            }
            None => b.push_str("<td class=\"none\"></td>"),
        }
    }
}
