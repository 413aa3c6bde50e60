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
     dept_key, department, year, profile, unit, model_json, errors, warnings, infos, rules_total, \
     rules_ran, rules_not_applicable, rules_insufficient_data, outcomes_json, rulebook, imported_at) \
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

/// Adds a cell (a repeated address keeps its first value).
pub const INSERT_CELL: &str = "INSERT INTO cells (report_id, table_id, row_pos, row_key, col, \
     value, raw, name, line, page) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) \
     ON CONFLICT (report_id, table_id, row_key, col) DO NOTHING";

/// Adds a finding.
pub const INSERT_FINDING: &str = "INSERT INTO findings (report_id, seq, rule, severity, message, \
     primary_cell, line, page, expected, actual, difference, tolerance, cells_json, source_line) \
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

/// The model JSON of a report.
pub const MODEL_JSON: &str = "SELECT model_json FROM reports WHERE id = ?";

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

/// The cells of every report of a department, with their report id.
pub const DEPARTMENT_CELLS: &str = "SELECT c.report_id, c.table_id, c.row_pos, c.row_key, c.col, \
     c.value, c.name FROM cells c JOIN reports r ON r.id = c.report_id WHERE r.dept_key = ? \
     ORDER BY c.table_id, c.row_pos, c.col";

/// Counts of reports, departments, cells and findings.
pub const COUNTS: &str =
    "SELECT (SELECT COUNT(*) FROM reports), (SELECT COUNT(*) FROM departments), \
     (SELECT COUNT(*) FROM cells), (SELECT COUNT(*) FROM findings)";

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
    fn numbering() {
        assert_eq!(
            numbered("SELECT a FROM t WHERE b = ? AND c = '?' AND d = ?"),
            "SELECT a FROM t WHERE b = $1 AND c = '?' AND d = $2"
        );
    }
}
