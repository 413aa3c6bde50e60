//! Schema migrations: numbered SQL scripts, applied in order, each in its own
//! transaction together with its row in `schema_version`.
//!
//! The SQL is plain and portable (TEXT, INTEGER, BIGINT, composite primary
//! keys, `ON CONFLICT … DO NOTHING`): no auto-increment, no SQLite-only
//! syntax, so the same scripts can run on PostgreSQL. Keys are text chosen by
//! the application (report ids come from the content hash).

/// The table recording which migrations have run.
pub const VERSION_TABLE: &str =
    "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)";

/// `(version, script)`, in order. Never edit a released script: add a new one.
pub const MIGRATIONS: &[(u32, &str)] = &[(1, V1), (2, V2), (3, V3), (4, V4), (5, V5), (6, V6)];

/// The schema version this build writes.
pub const LATEST: u32 = 6;

/// 1: departments, reports, cells, findings.
const V1: &str = "
CREATE TABLE departments (
    dept_key TEXT PRIMARY KEY,
    name TEXT NOT NULL
);

CREATE TABLE reports (
    id TEXT PRIMARY KEY,
    content_hash TEXT NOT NULL UNIQUE,
    source_name TEXT NOT NULL,
    byte_size BIGINT NOT NULL,
    dept_key TEXT NOT NULL REFERENCES departments (dept_key),
    department TEXT NOT NULL,
    year INTEGER,
    profile TEXT NOT NULL,
    unit TEXT NOT NULL,
    model_json TEXT NOT NULL,
    errors INTEGER NOT NULL,
    warnings INTEGER NOT NULL,
    infos INTEGER NOT NULL,
    rules_total INTEGER NOT NULL,
    rules_ran INTEGER NOT NULL,
    rules_not_applicable INTEGER NOT NULL,
    rules_insufficient_data INTEGER NOT NULL,
    outcomes_json TEXT NOT NULL,
    rulebook TEXT NOT NULL,
    imported_at TEXT NOT NULL
);
CREATE INDEX reports_by_department ON reports (dept_key, year);

CREATE TABLE cells (
    report_id TEXT NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    table_id TEXT NOT NULL,
    row_pos INTEGER NOT NULL,
    row_key TEXT NOT NULL,
    col INTEGER NOT NULL,
    value TEXT NOT NULL,
    raw TEXT NOT NULL,
    name TEXT NOT NULL,
    line INTEGER NOT NULL,
    page INTEGER,
    PRIMARY KEY (report_id, table_id, row_key, col)
);
CREATE INDEX cells_by_address ON cells (table_id, row_key, col);

CREATE TABLE findings (
    report_id TEXT NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    rule TEXT NOT NULL,
    severity TEXT NOT NULL,
    message TEXT NOT NULL,
    primary_cell TEXT,
    line INTEGER,
    page INTEGER,
    expected TEXT,
    actual TEXT,
    difference TEXT,
    tolerance TEXT,
    cells_json TEXT NOT NULL,
    source_line TEXT,
    PRIMARY KEY (report_id, seq)
);
CREATE INDEX findings_by_rule ON findings (rule, severity);
";

/// 2: faster batch imports.
///
/// - The model stored compressed (`model_deflate`, raw DEFLATE of the compact
///   JSON, about a third of its size); `model_json` is then empty. Rows
///   written before keep their `model_json`. `BYTEA` is PostgreSQL's binary
///   type; SQLite stores a blob in it unchanged (NUMERIC affinity never
///   converts blobs).
/// - No `cells_by_address` index: every report adds a cell at nearly every
///   address, so each import rewrote nearly every page of it (gigabytes of
///   write-ahead log for 1,000 reports). A measure across reports is read
///   through the primary key instead, one `(report_id, table_id, row_key,
///   col)` lookup per report.
const V2: &str = "ALTER TABLE reports ADD COLUMN model_deflate BYTEA;
DROP INDEX cells_by_address;";

/// 3: measures compared across departments (see [`crate::measure`]),
/// read from each report at import. Reports stored before have none.
const V3: &str = "
CREATE TABLE measures (
    report_id TEXT NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    measure TEXT NOT NULL,
    value TEXT NOT NULL,
    source TEXT NOT NULL,
    line INTEGER,
    PRIMARY KEY (report_id, measure)
);
";

/// 4: report pages rendered ahead of their first view (the web app's
/// report page, gzip-compressed HTML), so that a page never viewed since the
/// server started costs one row read instead of a render. A page is a cache
/// of its report: `version` is the page template's version (the server's
/// `PAGE_VERSION`), a page of another version is rendered anew, and the
/// page goes with its report (`ON DELETE CASCADE`). Reports stored before
/// have none until the server renders them.
const V4: &str = "
CREATE TABLE report_pages (
    report_id TEXT PRIMARY KEY REFERENCES reports (id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    gzip BYTEA NOT NULL
);
";

/// 5: lists cut in SQL ([`crate::select`]). One narrow index per order of
/// the library (department, year, error count), each holding every column
/// a filter reads, so that a page of any size of library is chosen on an
/// index alone, in order, an offset skipping index entries only (the index
/// by department replaces `reports_by_department`, its prefix). The
/// page's reports are then read from `reports_summary`, which holds every
/// column of a summary: in the table, `rulebook` and `imported_at` come
/// after `outcomes_json` (12 kB for the built-in rulebook), so reading
/// them from a row walks its overflow pages (50 summaries so read cost
/// some 200 page reads). Measures get an index by value, for a measure
/// across the library sorted by value (the double is for ordering only:
/// see `select::VALUE_ORDER`). Cells get an index by report holding what a
/// comparison across years reads, so that a department's cells are read in
/// index order, a few pages per report, instead of one table lookup per
/// cell (unlike the index by address dropped in 2, an import adds its
/// entries in one place: they all start with its id).
const V5: &str = "
DROP INDEX reports_by_department;
CREATE INDEX reports_list_department ON reports (dept_key, year, imported_at, id, errors, warnings);
CREATE INDEX reports_list_year ON reports (year DESC, dept_key, imported_at, id, errors, warnings);
CREATE INDEX reports_list_errors ON reports (errors DESC, dept_key, year, imported_at, id, warnings);
CREATE INDEX reports_summary ON reports (id, content_hash, source_name, byte_size, dept_key, \
department, year, profile, unit, errors, warnings, infos, rules_total, rules_ran, \
rules_not_applicable, rules_insufficient_data, rulebook, imported_at);
CREATE INDEX measures_by_value ON measures (measure, CAST(value AS DOUBLE PRECISION), report_id);
CREATE INDEX cells_by_report ON cells (report_id, table_id, row_key, col, row_pos, value, name);
";

/// 6: cross-year audit and the disclosure quality score (issue 14).
///
/// - `department_links`: a department renamed between two years, linked
///   by hand (`juesuan link`, `POST /api/links`): the reports of `old_key`
///   are the earlier years of `new_key` (one step; links do not chain).
/// - `reports.prior_id` (indexed: an import asks which report was
///   compared with it): the report compared as last year's; the `Y.*`
///   findings of that comparison are rows of `findings` like the others
///   (their `seq` from [`crate::years::CROSS_YEAR_SEQ`] on), and the
///   report's counts include them.
/// - `reports.score` (tenths of a point, 0–1000) and `score_json` (the
///   parts and the method's version), written at import and again when
///   last year's report arrives; reports stored before have none (they
///   are left out of the ranking). The ranking, of all years or of one,
///   reads an index alone (`reports_by_score`, `reports_by_year_score`),
///   in order: its rows lie beyond the overflowing `outcomes_json`.
const V6: &str = "
CREATE TABLE department_links (
    old_key TEXT PRIMARY KEY,
    new_key TEXT NOT NULL
);
CREATE INDEX department_links_by_new ON department_links (new_key);
ALTER TABLE reports ADD COLUMN prior_id TEXT;
ALTER TABLE reports ADD COLUMN score INTEGER;
ALTER TABLE reports ADD COLUMN score_json TEXT;
CREATE INDEX reports_by_score ON reports (score DESC, year DESC, dept_key, id, department, prior_id);
CREATE INDEX reports_by_year_score ON reports (year, score DESC, dept_key, id, department, prior_id);
CREATE INDEX reports_by_prior ON reports (prior_id, id);
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_in_order() {
        for (i, (n, _)) in MIGRATIONS.iter().enumerate() {
            assert_eq!(*n as usize, i + 1);
        }
        assert_eq!(MIGRATIONS.last().map(|m| m.0), Some(LATEST));
    }
}
