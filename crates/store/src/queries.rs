//! The store's SQL, shared by all backends. Placeholders are `?` in order of
//! appearance; a backend that numbers them (PostgreSQL's `$1`) rewrites them
//! with [`numbered`].

/// Columns of a report summary, in the order `summary_from_row` reads them.
pub const SUMMARY_COLUMNS: &str = "r.id, r.content_hash, r.source_name, r.byte_size, r.dept_key, \
     r.department, r.year, r.profile, r.unit, r.errors, r.warnings, r.infos, r.rules_total, \
     r.rules_ran, r.rules_not_applicable, r.rules_insufficient_data, r.rulebook, r.imported_at";

/// The id of the report with a content hash.
pub const ID_BY_HASH: &str = "SELECT id FROM reports WHERE content_hash = ?";

/// Adds a department unless its key is known.
pub const INSERT_DEPARTMENT: &str =
    "INSERT INTO departments (dept_key, name) VALUES (?, ?) ON CONFLICT (dept_key) DO NOTHING";

/// Adds a report.
pub const INSERT_REPORT: &str = "INSERT INTO reports (id, content_hash, source_name, byte_size, \
     dept_key, department, year, profile, unit, model_json, model_deflate, errors, warnings, infos, \
     rules_total, rules_ran, rules_not_applicable, rules_insufficient_data, outcomes_json, rulebook, \
     imported_at, score, score_json) \
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

/// Adds a cell (a repeated address keeps its first value).
pub const INSERT_CELL: &str = "INSERT INTO cells (report_id, table_id, row_pos, row_key, col, \
     value, raw, name, line, page) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) \
     ON CONFLICT (report_id, table_id, row_key, col) DO NOTHING";

/// Adds a finding.
pub const INSERT_FINDING: &str = "INSERT INTO findings (report_id, seq, rule, severity, message, \
     primary_cell, line, page, expected, actual, difference, tolerance, cells_json, source_line) \
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

/// Adds a measure of a report.
pub const INSERT_MEASURE: &str =
    "INSERT INTO measures (report_id, measure, value, source, line) VALUES (?, ?, ?, ?, ?)";

/// One measure across every report (blank where a report has none), by
/// department and year.
pub const MEASURE_ROWS: &str = "SELECT r.id, r.dept_key, r.department, r.year, m.value, \
     m.source, m.line FROM reports r LEFT JOIN measures m ON m.report_id = r.id AND m.measure = ? \
     ORDER BY r.department, r.year, r.id";

/// The model of a report: its JSON (reports stored before schema 2) or its
/// deflated JSON.
pub const MODEL: &str = "SELECT model_json, model_deflate FROM reports WHERE id = ?";

/// The outcomes JSON of a report.
pub const OUTCOMES_JSON: &str = "SELECT outcomes_json FROM reports WHERE id = ?";

/// A report's findings in audit order.
pub const FINDINGS: &str = "SELECT seq, rule, severity, message, primary_cell, line, page, \
     expected, actual, difference, tolerance, cells_json, source_line \
     FROM findings WHERE report_id = ? ORDER BY seq";

/// A report's cells in table, row and column order.
pub const CELLS: &str = "SELECT table_id, row_key, col, value, name, line, page \
     FROM cells WHERE report_id = ? ORDER BY table_id, row_pos, col";

/// A department's name.
pub const DEPARTMENT_NAME: &str = "SELECT name FROM departments WHERE dept_key = ?";

/// The cells of every report of a department, with their report id, in no
/// particular order (the comparison orders them).
pub const DEPARTMENT_CELLS: &str = "SELECT c.report_id, c.table_id, c.row_pos, c.row_key, c.col, \
     c.value, c.name FROM cells c JOIN reports r ON r.id = c.report_id WHERE r.dept_key = ?";

/// Counts of reports, departments, cells, findings and measures.
pub const COUNTS: &str =
    "SELECT (SELECT COUNT(*) FROM reports), (SELECT COUNT(*) FROM departments), \
     (SELECT COUNT(*) FROM cells), (SELECT COUNT(*) FROM findings), (SELECT COUNT(*) FROM measures)";

/// One report's stored page, if it has the wanted version.
pub const PAGE: &str = "SELECT gzip FROM report_pages WHERE report_id = ? AND version = ?";

/// Stores a report's page, replacing one of the same or an older version (a
/// page of a newer version, written by a newer server sharing the library,
/// is kept).
pub const PUT_PAGE: &str = "INSERT INTO report_pages (report_id, version, gzip) VALUES (?, ?, ?) \
     ON CONFLICT (report_id) DO UPDATE SET version = excluded.version, gzip = excluded.gzip \
     WHERE report_pages.version <= excluded.version";

/// The reports without a page of the wanted version or newer, newest import first.
pub const STALE_PAGES: &str = "SELECT r.id FROM reports r \
     LEFT JOIN report_pages p ON p.report_id = r.id \
     WHERE p.report_id IS NULL OR p.version < ? ORDER BY r.imported_at DESC, r.id";

/// The fiscal years of the library, in order: each the least year above
/// the one before, one index seek per year (a `DISTINCT` read every
/// report's entry, on every page that offers the year filter).
pub const YEARS: &str = "WITH RECURSIVE y (year) AS (SELECT MIN(year) FROM reports \
     UNION ALL SELECT (SELECT MIN(r.year) FROM reports r WHERE r.year > y.year) FROM y \
     WHERE y.year IS NOT NULL) SELECT year FROM y WHERE year IS NOT NULL";

/// One report's summary by id, read from the index that holds it (the
/// row's `rulebook` and `imported_at` lie beyond its overflowing outcomes).
pub fn summary_by_id() -> String {
    format!("SELECT {SUMMARY_COLUMNS} FROM reports r INDEXED BY reports_summary WHERE r.id = ?")
}

/// `sql`, an `INSERT … VALUES (?, …) …` of one row, for `rows` rows: the
/// `VALUES` tuple repeated, any clause after it (`ON CONFLICT …`) kept.
pub fn multi_row(sql: &str, rows: usize) -> String {
    let Some(at) = sql.find("VALUES (") else {
        return sql.to_string();
    };
    let start = at + "VALUES ".len();
    let Some(len) = sql[start..].find(')') else {
        return sql.to_string();
    };
    let end = start + len + 1;
    let tuple = &sql[start..end];
    let mut out = String::with_capacity(sql.len() + (tuple.len() + 2) * rows);
    out.push_str(&sql[..start]);
    for i in 0..rows.max(1) {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(tuple);
    }
    out.push_str(&sql[end..]);
    out
}

/// `sql` for PostgreSQL: without SQLite's index hints (`INDEXED BY name`)
/// and with its placeholders numbered ([`numbered`]).
pub fn for_postgres(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut rest = sql;
    while let Some(at) = rest.find(" INDEXED BY ") {
        out.push_str(&rest[..at]);
        let after = &rest[at + " INDEXED BY ".len()..];
        let name_end = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(after.len());
        rest = &after[name_end..];
    }
    out.push_str(rest);
    numbered(&out)
}

/// Rewrites `?` placeholders as `$1`, `$2`, … (outside quoted strings).
pub fn numbered(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 16);
    let mut n = 0;
    let mut quoted = false;
    for ch in sql.chars() {
        match ch {
            '\'' => {
                quoted = !quoted;
                out.push(ch);
            }
            '?' if !quoted => {
                n += 1;
                out.push('$');
                out.push_str(&n.to_string());
            }
            _ => out.push(ch),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multi_rows() {
        assert_eq!(
            multi_row(
                "INSERT INTO t (a, b) VALUES (?, ?) ON CONFLICT (a) DO NOTHING",
                3
            ),
            "INSERT INTO t (a, b) VALUES (?, ?), (?, ?), (?, ?) ON CONFLICT (a) DO NOTHING"
        );
        assert_eq!(
            numbered(&multi_row(INSERT_MEASURE, 2)),
            "INSERT INTO measures (report_id, measure, value, source, line) \
             VALUES ($1, $2, $3, $4, $5), ($6, $7, $8, $9, $10)"
        );
    }

    #[test]
    fn postgres_gets_no_index_hints() {
        assert_eq!(
            for_postgres("SELECT a FROM t x INDEXED BY t_ab ON x.a = ? WHERE b = ?"),
            "SELECT a FROM t x ON x.a = $1 WHERE b = $2"
        );
    }

    #[test]
    fn numbering() {
        assert_eq!(
            numbered("SELECT a FROM t WHERE b = ? AND c = '?' AND d = ?"),
            "SELECT a FROM t WHERE b = $1 AND c = '?' AND d = $2"
        );
    }
}
