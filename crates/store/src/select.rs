//! The store's SQL for lists (library pages, a measure across the library,
//! a report's findings): built from a filter, an order and a slice, with
//! the arguments in placeholder order. Shared by all backends, like
//! [`crate::queries`]; each binds the [`Arg`]s its own way.
//!
//! The orders below are those of the narrow list indexes of migration 5,
//! which also hold every column a filter reads: a page is chosen on one of
//! them, in order, without sorting (an offset skips index entries only),
//! and only its reports are then read, from an index holding their
//! summaries, never from the wide report rows (model, outcomes), whose
//! reading made a library page slow.
//!
//! Where reports are joined by id, `INDEXED BY reports_summary` has SQLite
//! read them from that index: left to itself it takes the unique index of
//! the primary key, then the wide row. The hint is SQLite's; the
//! PostgreSQL backend drops it ([`crate::queries::for_postgres`]).

use crate::department;
use crate::listing::{FindingFilter, Order, Paging, ReportFilter, Sort, Status};
use crate::queries::SUMMARY_COLUMNS;

/// A query argument.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    /// Text.
    Text(String),
    /// An integer compared with an `INTEGER` column (PostgreSQL binds it
    /// as `int4`).
    Int(i64),
    /// A row count or offset (`LIMIT`, `OFFSET`: PostgreSQL binds it as
    /// `int8`).
    Count(i64),
}

/// The columns of a stored finding, in the order the backends read them.
pub const FINDING_COLUMNS: &str = "seq, rule, severity, message, primary_cell, line, page, \
     expected, actual, difference, tolerance, cells_json, source_line";

/// The columns of a measure row, in the order the backends read them.
const MEASURE_COLUMNS: &str = "r.id, r.dept_key, r.department, r.year, m.value, m.source, m.line";

/// The conditions of `filter` on `reports r` (joined with `AND`) and their
/// arguments; none for an empty filter.
fn conditions(filter: &ReportFilter) -> (Vec<&'static str>, Vec<Arg>) {
    let mut conds = Vec::new();
    let mut args = Vec::new();
    let search = filter.q.trim();
    if !search.is_empty() {
        // The key folds spaces and widths of the name; folding the search
        // the same way finds every name that contains it as printed. The
        // departments are searched (a department has a report per year),
        // then their reports read by key.
        conds.push(
            "r.dept_key IN (SELECT d.dept_key FROM departments d WHERE d.dept_key LIKE ? ESCAPE '\\')",
        );
        args.push(Arg::Text(format!(
            "%{}%",
            like_escape(&department::key(search))
        )));
    }
    if let Some(year) = filter.year {
        conds.push("r.year = ?");
        args.push(Arg::Int(i64::from(year)));
    }
    match filter.status {
        Some(Status::Errors) => conds.push("r.errors > 0"),
        Some(Status::Warnings) => conds.push("r.warnings > 0"),
        Some(Status::Clean) => conds.push("r.errors = 0"),
        None => {}
    }
    if let Some(k) = &filter.dept {
        conds.push("r.dept_key = ?");
        args.push(Arg::Text(k.clone()));
    }
    (conds, args)
}

/// ` WHERE a AND b` (nothing without conditions).
fn where_clause(conds: &[&str]) -> String {
    if conds.is_empty() {
        String::new()
    } else {
        format!(" WHERE {}", conds.join(" AND "))
    }
}

/// `ORDER BY` terms of `order` over `reports r`: the columns of its index,
/// each flipped when the order is reversed.
pub fn order_by(order: Order) -> String {
    let terms: &[(&str, bool)] = match order.sort {
        Sort::Department => &[
            ("r.dept_key", false),
            ("r.year", false),
            ("r.imported_at", false),
            ("r.id", false),
        ],
        Sort::Year => &[
            ("r.year", true),
            ("r.dept_key", false),
            ("r.imported_at", false),
            ("r.id", false),
        ],
        Sort::Errors => &[
            ("r.errors", true),
            ("r.dept_key", false),
            ("r.year", false),
            ("r.imported_at", false),
            ("r.id", false),
        ],
    };
    terms
        .iter()
        .map(|(col, desc)| {
            if *desc != order.reverse {
                format!("{col} DESC")
            } else {
                col.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn limit_offset(args: &mut Vec<Arg>, paging: Paging) {
    args.push(Arg::Count(i64::from(paging.limit)));
    args.push(Arg::Count(i64::try_from(paging.offset).unwrap_or(i64::MAX)));
}

/// Summaries of the reports that pass `filter` in `order`, a slice of them
/// if `paging` is given. The reports (and the slice) are chosen on a list
/// index, then their summaries read from `reports_summary`.
fn summaries_in(filter: &ReportFilter, order: Order, paging: Option<Paging>) -> (String, Vec<Arg>) {
    let (conds, mut args) = conditions(filter);
    let order = order_by(order);
    let slice = match paging {
        Some(p) => {
            limit_offset(&mut args, p);
            " LIMIT ? OFFSET ?"
        }
        None => "",
    };
    // The same columns of the table read as `t` (names hold no `r.`).
    let columns = SUMMARY_COLUMNS.replace("r.", "t.");
    let sql = format!(
        "SELECT {columns} FROM (SELECT r.id, r.dept_key, r.year, r.imported_at, r.errors \
         FROM reports r{} ORDER BY {order}{slice}) r \
         JOIN reports t INDEXED BY reports_summary ON t.id = r.id ORDER BY {order}",
        where_clause(&conds)
    );
    (sql, args)
}

/// Every report summary that passes `filter`, in department order.
pub fn summaries(filter: &ReportFilter) -> (String, Vec<Arg>) {
    summaries_in(filter, Order::default(), None)
}

/// The summaries of one page of the reports that pass `filter`, in `order`.
pub fn summary_page(filter: &ReportFilter, order: Order, paging: Paging) -> (String, Vec<Arg>) {
    summaries_in(filter, order, Some(paging))
}

/// How many reports pass `filter`.
pub fn count_reports(filter: &ReportFilter) -> (String, Vec<Arg>) {
    let (conds, args) = conditions(filter);
    (
        format!("SELECT COUNT(*) FROM reports r{}", where_clause(&conds)),
        args,
    )
}

/// The keys of one page of the departments with a report that passes
/// `filter`, by key.
pub fn department_keys(filter: &ReportFilter, paging: Paging) -> (String, Vec<Arg>) {
    let (conds, mut args) = conditions(filter);
    limit_offset(&mut args, paging);
    let sql = format!(
        "SELECT r.dept_key FROM reports r{} GROUP BY r.dept_key ORDER BY r.dept_key \
         LIMIT ? OFFSET ?",
        where_clause(&conds)
    );
    (sql, args)
}

/// How many departments have a report that passes `filter`.
pub fn count_departments(filter: &ReportFilter) -> (String, Vec<Arg>) {
    let (conds, args) = conditions(filter);
    (
        format!(
            "SELECT COUNT(DISTINCT r.dept_key) FROM reports r{}",
            where_clause(&conds)
        ),
        args,
    )
}

/// Report `id`'s findings that pass `filter`, in audit order.
pub fn findings(id: &str, filter: &FindingFilter) -> (String, Vec<Arg>) {
    let mut sql = format!("SELECT {FINDING_COLUMNS} FROM findings WHERE report_id = ?");
    let mut args = vec![Arg::Text(id.to_string())];
    if !filter.severities.is_empty() {
        let marks = vec!["?"; filter.severities.len()].join(", ");
        sql.push_str(&format!(" AND severity IN ({marks})"));
        args.extend(
            filter
                .severities
                .iter()
                .map(|s| Arg::Text(s.as_str().to_string())),
        );
    }
    let rule = filter.rule.trim();
    if !rule.is_empty() {
        // Not `LIKE`: SQLite's ignores the case of ASCII letters, and rule
        // ids are compared exactly (as `FindingFilter::matches` does).
        sql.push_str(" AND substr(rule, 1, ?) = ?");
        args.push(Arg::Int(rule.chars().count() as i64));
        args.push(Arg::Text(rule.to_string()));
    }
    sql.push_str(" ORDER BY seq");
    (sql, args)
}

/// Measure `key` of one page of the reports (of `year`, if given) in
/// `order`, blank where a report has none.
pub fn measure_by_report(
    key: &str,
    year: Option<u32>,
    order: Order,
    paging: Paging,
) -> (String, Vec<Arg>) {
    let filter = ReportFilter {
        year,
        ..ReportFilter::default()
    };
    let (conds, mut args) = conditions(&filter);
    limit_offset(&mut args, paging);
    args.push(Arg::Text(key.to_string()));
    let order = order_by(order);
    // The page's reports come from a list index alone (the table's
    // `imported_at` lies beyond the overflowing outcomes), then their
    // measure from its primary key.
    let sql = format!(
        "SELECT r.id, r.dept_key, t.department, r.year, m.value, m.source, m.line \
         FROM (SELECT r.id, r.dept_key, r.year, r.imported_at FROM reports r{} \
         ORDER BY {order} LIMIT ? OFFSET ?) r \
         JOIN reports t INDEXED BY reports_summary ON t.id = r.id \
         LEFT JOIN measures m ON m.report_id = r.id AND m.measure = ? ORDER BY {order}",
        where_clause(&conds)
    );
    (sql, args)
}

/// The value of measure `key` as the index `measures_by_value` holds it:
/// for ordering only (values themselves stay exact text). A double keeps
/// the order of amounts below 10¹⁵ with two decimals, which is what
/// reports print; ties are broken by report id.
const VALUE_ORDER: &str = "CAST(m.value AS DOUBLE PRECISION)";

/// One page of the reports (of `year`, if given) that have measure `key`,
/// by value (largest first if `desc`).
pub fn measure_by_value(
    key: &str,
    year: Option<u32>,
    desc: bool,
    paging: Paging,
) -> (String, Vec<Arg>) {
    let dir = if desc { " DESC" } else { "" };
    let mut args = vec![Arg::Text(key.to_string())];
    let (join, year_cond) = match year {
        Some(y) => {
            args.push(Arg::Int(i64::from(y)));
            (
                " JOIN reports r INDEXED BY reports_summary ON r.id = m.report_id",
                " AND r.year = ?",
            )
        }
        None => ("", ""),
    };
    limit_offset(&mut args, paging);
    let order = format!("{VALUE_ORDER}{dir}, m.report_id{dir}");
    // The page is cut on the index by value, then its reports are read:
    // rows skipped by the offset are never joined.
    let sql = format!(
        "SELECT {MEASURE_COLUMNS} FROM (SELECT m.report_id, m.value, m.source, m.line \
         FROM measures m{join} WHERE m.measure = ?{year_cond} ORDER BY {order} LIMIT ? OFFSET ?) m \
         JOIN reports r INDEXED BY reports_summary ON r.id = m.report_id ORDER BY {order}"
    );
    (sql, args)
}

/// How many reports (of `year`, if given) have measure `key`.
pub fn count_with_measure(key: &str, year: Option<u32>) -> (String, Vec<Arg>) {
    match year {
        // Measures go with their report (`ON DELETE CASCADE`): no join needed.
        None => (
            "SELECT COUNT(*) FROM measures m WHERE m.measure = ?".to_string(),
            vec![Arg::Text(key.to_string())],
        ),
        Some(y) => (
            "SELECT COUNT(*) FROM measures m JOIN reports r INDEXED BY reports_summary \
             ON r.id = m.report_id WHERE m.measure = ? AND r.year = ?"
                .to_string(),
            vec![Arg::Text(key.to_string()), Arg::Int(i64::from(y))],
        ),
    }
}

/// One page of the reports (of `year`, if given) without measure `key`, in
/// department order: `r.id, r.dept_key, r.department, r.year`.
pub fn without_measure(key: &str, year: Option<u32>, paging: Paging) -> (String, Vec<Arg>) {
    let mut args = vec![Arg::Text(key.to_string())];
    let year_cond = match year {
        Some(y) => {
            args.push(Arg::Int(i64::from(y)));
            " AND r.year = ?"
        }
        None => "",
    };
    limit_offset(&mut args, paging);
    let order = order_by(Order::default());
    let sql = format!(
        "SELECT r.id, r.dept_key, t.department, r.year FROM (SELECT r.id, r.dept_key, r.year, \
         r.imported_at FROM reports r WHERE NOT EXISTS (SELECT 1 FROM measures m \
         WHERE m.report_id = r.id AND m.measure = ?){year_cond} ORDER BY {order} \
         LIMIT ? OFFSET ?) r JOIN reports t INDEXED BY reports_summary ON t.id = r.id \
         ORDER BY {order}"
    );
    (sql, args)
}

/// Escapes `%`, `_` and `\` for `LIKE … ESCAPE '\'`.
fn like_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        if matches!(ch, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn orders_flip_every_key() {
        assert_eq!(
            order_by(Order::new(Sort::Errors)),
            "r.errors DESC, r.dept_key, r.year, r.imported_at, r.id"
        );
        assert_eq!(
            order_by(Order {
                sort: Sort::Year,
                reverse: true
            }),
            "r.year, r.dept_key DESC, r.imported_at DESC, r.id DESC"
        );
    }

    #[test]
    fn arguments_follow_the_placeholders() {
        let filter = ReportFilter {
            q: " 人力 资源_% ".into(),
            year: Some(2024),
            status: Some(Status::Clean),
            dept: Some("某厅".into()),
        };
        let (sql, args) = summary_page(&filter, Order::default(), Paging::new(50, 100));
        assert_eq!(sql.matches('?').count(), args.len());
        assert!(sql.contains("r.errors = 0"));
        assert_eq!(
            args,
            vec![
                Arg::Text("%人力资源\\_\\%%".into()),
                Arg::Int(2024),
                Arg::Text("某厅".into()),
                Arg::Count(50),
                Arg::Count(100),
            ]
        );
        let (sql, args) = findings(
            "00ff",
            &FindingFilter {
                severities: vec![
                    juesuan_audit::Severity::Error,
                    juesuan_audit::Severity::Warning,
                ],
                rule: "T01_".into(),
            },
        );
        assert_eq!(sql.matches('?').count(), args.len());
        assert_eq!(args[3..], [Arg::Int(4), Arg::Text("T01_".into())]);
        for (sql, args) in [
            measure_by_report("sangong", Some(2024), Order::default(), Paging::default()),
            measure_by_value("sangong", Some(2024), true, Paging::default()),
            without_measure("sangong", Some(2024), Paging::default()),
            count_with_measure("sangong", Some(2024)),
            department_keys(&filter, Paging::default()),
        ] {
            assert_eq!(sql.matches('?').count(), args.len(), "{sql}");
        }
    }
}
