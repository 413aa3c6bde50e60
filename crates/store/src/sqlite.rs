//! The SQLite backend: one writer connection, a bounded pool of readers
//! ([`crate::pool`]), WAL.

use crate::error::{Error, ErrorKind, Result};
use crate::migrations::{LATEST, MIGRATIONS, VERSION_TABLE};
use crate::pool::Pool;
use crate::queries as q;
use crate::record::{Counts, FindingCell, NewReport};
use crate::select::Arg;
use crate::views::{CoverageCounts, Imported, ReportSummary, StoredCell, StoredFinding};
use rusqlite::types::Value;
use rusqlite::{params, Connection, OpenFlags, OptionalExtension, Row, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

/// An open SQLite library.
pub struct Sqlite {
    path: PathBuf,
    writer: Mutex<Connection>,
    readers: Pool<Connection>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn connect(path: &Path, read_only: bool) -> Result<Connection> {
    let flags = if read_only {
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX
    } else {
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
    };
    let conn = Connection::open_with_flags(path, flags).map_err(|e| {
        Error::new(
            ErrorKind::Database,
            format!("无法打开数据库 {}：{e}", path.display()),
        )
    })?;
    conn.busy_timeout(Duration::from_secs(10))?;
    conn.execute_batch("PRAGMA foreign_keys = ON;")?;
    if read_only {
        // Pages of the library's lists read the indexes of migration 5
        // (some 12 MB for 10,000 reports) over and over: kept in each
        // reader's cache rather than read again (SQLite's default is 2 MB).
        // Readers are reused last-in first-out, so the few busy ones stay
        // warm and the others never fill theirs.
        conn.execute_batch("PRAGMA cache_size = -32768;")?;
        // A page's `LIMIT ? OFFSET ?` would otherwise make SQLite compile
        // its statement again whenever they change (the planner peeks at
        // bound values), that is for nearly every request.
        conn.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
            true,
        )?;
    }
    if !read_only {
        // WAL: readers never block the writer; NORMAL sync keeps every
        // committed transaction across a crash of the process.
        conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0))?;
        // A larger page cache and fewer checkpoints for batch imports.
        conn.execute_batch(
            "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536; \
             PRAGMA wal_autocheckpoint = 8192;",
        )?;
    }
    Ok(conn)
}

impl Sqlite {
    /// Opens (creating if needed) the database file and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Sqlite> {
        let mut writer = connect(path, false)?;
        migrate(&mut writer)?;
        Ok(Sqlite {
            path: path.to_path_buf(),
            writer: Mutex::new(writer),
            readers: Pool::new(),
        })
    }

    fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        // A failed query leaves an SQLite connection usable: always reused.
        self.readers
            .with(|| connect(&self.path, true), |_, _| true, |conn| f(conn))
    }

    /// The schema version recorded in the database.
    pub fn schema_version(&self) -> Result<u32> {
        current_version(&lock(&self.writer))
    }

    /// The id of the report stored with this content hash, if any.
    pub fn id_by_hash(&self, hash: &str) -> Result<Option<String>> {
        self.read(|c| {
            Ok(c.prepare_cached(q::ID_BY_HASH)?
                .query_row([hash], |r| r.get(0))
                .optional()?)
        })
    }

    /// Stores a report in one transaction; nothing of it remains if any statement fails.
    pub fn import(&self, rec: &NewReport) -> Result<Imported> {
        let mut conn = lock(&self.writer);
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        if let Some(id) = tx
            .query_row(q::ID_BY_HASH, [&rec.content_hash], |r| {
                r.get::<_, String>(0)
            })
            .optional()?
        {
            return Ok(Imported::Unchanged(id));
        }
        let dept_name = if rec.department.is_empty() {
            crate::department::UNKNOWN
        } else {
            rec.department.as_str()
        };
        tx.execute(q::INSERT_DEPARTMENT, params![rec.dept_key, dept_name])?;
        tx.execute(
            q::INSERT_REPORT,
            params![
                rec.id,
                rec.content_hash,
                rec.source_name,
                rec.byte_size as i64,
                rec.dept_key,
                rec.department,
                rec.year,
                rec.profile,
                rec.unit,
                rec.model_deflate,
                rec.counts.errors,
                rec.counts.warnings,
                rec.counts.infos,
                rec.coverage.rules_total as i64,
                rec.coverage.ran as i64,
                rec.coverage.not_applicable as i64,
                rec.coverage.insufficient_data as i64,
                rec.outcomes_json,
                rec.rulebook,
                crate::time::now_utc(),
                rec.score,
                rec.score_json,
            ],
        )?;
        {
            let mut st = tx.prepare_cached(q::INSERT_CELL)?;
            for c in &rec.cells {
                st.execute(params![
                    rec.id, c.table, c.row_pos, c.row_key, c.column, c.value, c.raw, c.name,
                    c.line, c.page
                ])?;
            }
            insert_findings(&tx, &rec.id, &rec.findings)?;
            let mut st = tx.prepare_cached(q::INSERT_MEASURE)?;
            for m in &rec.measures {
                st.execute(params![rec.id, m.measure, m.value, m.source, m.line])?;
            }
        }
        tx.commit()?;
        Ok(Imported::Imported(rec.id.clone()))
    }

    /// Runs a list query ([`crate::select`]) on a reader, each row through `map`.
    fn list<T>(
        &self,
        (sql, args): (String, Vec<Arg>),
        map: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>> {
        let args: Vec<Value> = args.into_iter().map(value).collect();
        self.read(|c| {
            let mut st = c.prepare_cached(&sql)?;
            let rows = st.query_map(rusqlite::params_from_iter(args.iter()), map)?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }

    /// Report keys and scores of a query ([`crate::years`]).
    pub fn score_rows(&self, query: (String, Vec<Arg>)) -> Result<Vec<crate::ScoreRow>> {
        self.list(query, |r| {
            Ok(crate::ScoreRow {
                id: r.get(0)?,
                dept_key: r.get(1)?,
                department: r.get(2)?,
                year: r.get(3)?,
                score: r.get::<_, Option<i64>>(4)?.map(crate::years::score_text),
                prior_id: r.get(5)?,
            })
        })
    }

    /// Runs one statement on the writer; the number of rows changed.
    pub fn write(&self, (sql, args): (String, Vec<Arg>)) -> Result<u64> {
        let args: Vec<Value> = args.into_iter().map(value).collect();
        let conn = lock(&self.writer);
        let n = conn
            .prepare_cached(&sql)?
            .execute(rusqlite::params_from_iter(args.iter()))?;
        Ok(n as u64)
    }

    /// Replaces a report's cross-year findings, last year, score and
    /// counts, and drops its cached page, in one transaction.
    pub fn put_cross_year(&self, c: &crate::years::CrossYear<'_>, scored: bool) -> Result<()> {
        use crate::years as y;
        let mut conn = lock(&self.writer);
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute(y::DELETE_CROSS_YEAR, params![c.id, y::CROSS_YEAR_SEQ])?;
        {
            insert_findings(&tx, c.id, &c.findings)?;
        }
        let (score, json) = if scored {
            (Some(c.score), Some(c.score_json.as_str()))
        } else {
            (None, None)
        };
        tx.execute(y::UPDATE_YEARS, params![c.prior_id, score, json, c.id])?;
        tx.execute(y::DELETE_PAGE, params![c.id])?;
        tx.commit()?;
        Ok(())
    }

    /// Report summaries of a list query.
    pub fn summaries(&self, query: (String, Vec<Arg>)) -> Result<Vec<ReportSummary>> {
        self.list(query, summary_from_row)
    }

    /// The one number of a `COUNT(*)` query.
    pub fn count(&self, query: (String, Vec<Arg>)) -> Result<u64> {
        let n = self.list(query, |r| r.get::<_, i64>(0))?;
        Ok(n.first().map_or(0, |n| u64::try_from(*n).unwrap_or(0)))
    }

    /// The first column of a list query, as text.
    pub fn texts(&self, query: (String, Vec<Arg>)) -> Result<Vec<String>> {
        self.list(query, |r| r.get(0))
    }

    /// Findings of a list query ([`crate::select::FINDING_COLUMNS`]).
    pub fn findings_of(&self, query: (String, Vec<Arg>)) -> Result<Vec<StoredFinding>> {
        self.list(query, finding_from_row)
    }

    /// Measure rows of a list query: with the measure's value, source and
    /// line, or (`bare`) only the report's columns.
    pub fn measure_rows_of(
        &self,
        query: (String, Vec<Arg>),
        bare: bool,
    ) -> Result<Vec<crate::measure::MeasureRow>> {
        self.list(query, |r| {
            Ok(crate::measure::MeasureRow {
                report_id: r.get(0)?,
                dept_key: r.get(1)?,
                department: r.get(2)?,
                year: r.get(3)?,
                value: if bare { None } else { r.get(4)? },
                source: if bare { None } else { r.get(5)? },
                line: if bare { None } else { r.get(6)? },
            })
        })
    }

    /// The fiscal years of the library.
    pub fn years(&self) -> Result<Vec<u32>> {
        self.read(|c| {
            let mut st = c.prepare_cached(q::YEARS)?;
            let rows = st.query_map([], |r| r.get::<_, u32>(0))?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }

    /// One report's stored page of `version`.
    pub fn page(&self, id: &str, version: u32) -> Result<Option<Vec<u8>>> {
        self.read(|c| {
            let mut st = c.prepare_cached(q::PAGE)?;
            Ok(st
                .query_row(params![id, version], |r| r.get(0))
                .optional()?)
        })
    }

    /// Stores a report's page (see [`q::PUT_PAGE`]).
    pub fn put_page(&self, id: &str, version: u32, gzip: &[u8]) -> Result<()> {
        let conn = lock(&self.writer);
        conn.prepare_cached(q::PUT_PAGE)?
            .execute(params![id, version, gzip])?;
        Ok(())
    }

    /// The reports without a page of `version` or newer.
    pub fn stale_pages(&self, version: u32) -> Result<Vec<String>> {
        self.read(|c| {
            let mut st = c.prepare_cached(q::STALE_PAGES)?;
            let rows = st.query_map([version], |r| r.get(0))?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }

    /// One report's summary.
    pub fn summary(&self, id: &str) -> Result<Option<ReportSummary>> {
        let sql = q::summary_by_id();
        self.read(|c| {
            let mut st = c.prepare_cached(&sql)?;
            Ok(st.query_row([id], summary_from_row).optional()?)
        })
    }

    /// One report's model as stored.
    pub fn model(&self, id: &str) -> Result<Option<crate::codec::StoredModel>> {
        let row = self.read(|c| {
            Ok(c.prepare_cached(q::MODEL)?
                .query_row([id], |r| {
                    Ok((r.get::<_, String>(0)?, r.get::<_, Option<Vec<u8>>>(1)?))
                })
                .optional()?)
        })?;
        Ok(row.map(|(json, z)| crate::codec::StoredModel::from_columns(json, z)))
    }

    /// One report's per-rule outcomes JSON.
    pub fn outcomes_json(&self, id: &str) -> Result<Option<String>> {
        self.read(|c| {
            Ok(c.prepare_cached(q::OUTCOMES_JSON)?
                .query_row([id], |r| r.get(0))
                .optional()?)
        })
    }

    /// One report's findings.
    pub fn findings(&self, id: &str) -> Result<Vec<StoredFinding>> {
        self.list(
            (q::FINDINGS.to_string(), vec![Arg::Text(id.to_string())]),
            finding_from_row,
        )
    }

    /// One report's cells.
    pub fn cells(&self, id: &str) -> Result<Vec<StoredCell>> {
        self.read(|c| {
            let mut st = c.prepare_cached(q::CELLS)?;
            let rows = st.query_map([id], |r| {
                Ok(StoredCell {
                    table: r.get(0)?,
                    row: r.get(1)?,
                    column: r.get(2)?,
                    value: r.get(3)?,
                    name: r.get(4)?,
                    line: r.get(5)?,
                    page: r.get(6)?,
                })
            })?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }

    /// A department's name.
    pub fn department_name(&self, key: &str) -> Result<Option<String>> {
        self.read(|c| {
            Ok(c.prepare_cached(q::DEPARTMENT_NAME)?
                .query_row([key], |r| r.get(0))
                .optional()?)
        })
    }

    /// Every cell of a department's reports: `(report id, table, row_pos, row, column, value, name)`.
    pub fn department_cells(&self, key: &str) -> Result<Vec<crate::compare::CellOfReport>> {
        self.read(|c| {
            let mut st = c.prepare_cached(q::DEPARTMENT_CELLS)?;
            let rows = st.query_map([key], |r| {
                Ok(crate::compare::CellOfReport {
                    report_id: r.get(0)?,
                    table: r.get(1)?,
                    row_pos: r.get(2)?,
                    row: r.get(3)?,
                    column: r.get(4)?,
                    value: r.get(5)?,
                    name: r.get(6)?,
                })
            })?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }

    /// Row counts: reports, departments, cells, findings, measures.
    pub fn counts(&self) -> Result<[u64; 5]> {
        self.read(|c| {
            Ok(c.prepare_cached(q::COUNTS)?.query_row([], |r| {
                Ok([
                    r.get::<_, i64>(0)? as u64,
                    r.get::<_, i64>(1)? as u64,
                    r.get::<_, i64>(2)? as u64,
                    r.get::<_, i64>(3)? as u64,
                    r.get::<_, i64>(4)? as u64,
                ])
            })?)
        })
    }

    /// One measure of every report.
    pub fn measure_rows(&self, key: &str) -> Result<Vec<crate::measure::MeasureRow>> {
        self.read(|c| {
            let mut st = c.prepare_cached(q::MEASURE_ROWS)?;
            let rows = st.query_map([key], |r| {
                Ok(crate::measure::MeasureRow {
                    report_id: r.get(0)?,
                    dept_key: r.get(1)?,
                    department: r.get(2)?,
                    year: r.get(3)?,
                    value: r.get(4)?,
                    source: r.get(5)?,
                    line: r.get(6)?,
                })
            })?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }
}

fn value(a: Arg) -> Value {
    match a {
        Arg::Text(t) => Value::Text(t),
        Arg::Int(n) | Arg::Count(n) => Value::Integer(n),
    }
}

/// Inserts a report's findings (its own audit's or the cross-year ones).
fn insert_findings(
    tx: &rusqlite::Transaction<'_>,
    id: &str,
    findings: &[StoredFinding],
) -> Result<()> {
    let mut st = tx.prepare_cached(q::INSERT_FINDING)?;
    for f in findings {
        st.execute(params![
            id,
            f.seq,
            f.rule,
            f.severity,
            f.message,
            f.primary,
            f.line,
            f.page,
            f.expected,
            f.actual,
            f.difference,
            f.tolerance,
            serde_json::to_string(&f.cells)?,
            f.source_line,
        ])?;
    }
    Ok(())
}

fn finding_from_row(r: &Row<'_>) -> rusqlite::Result<StoredFinding> {
    let cells_json: String = r.get(11)?;
    let cells: Vec<FindingCell> = serde_json::from_str(&cells_json).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(11, rusqlite::types::Type::Text, Box::new(e))
    })?;
    Ok(StoredFinding {
        seq: r.get(0)?,
        rule: r.get(1)?,
        severity: r.get(2)?,
        message: r.get(3)?,
        primary: r.get(4)?,
        line: r.get(5)?,
        page: r.get(6)?,
        expected: r.get(7)?,
        actual: r.get(8)?,
        difference: r.get(9)?,
        tolerance: r.get(10)?,
        cells,
        source_line: r.get(12)?,
    })
}

fn summary_from_row(r: &Row<'_>) -> rusqlite::Result<ReportSummary> {
    Ok(ReportSummary {
        id: r.get(0)?,
        content_hash: r.get(1)?,
        source_name: r.get(2)?,
        byte_size: r.get::<_, i64>(3)?.max(0) as u64,
        dept_key: r.get(4)?,
        department: r.get(5)?,
        year: r.get(6)?,
        profile: r.get(7)?,
        unit: r.get(8)?,
        counts: Counts {
            errors: r.get(9)?,
            warnings: r.get(10)?,
            infos: r.get(11)?,
        },
        coverage: CoverageCounts {
            rules_total: r.get(12)?,
            ran: r.get(13)?,
            not_applicable: r.get(14)?,
            insufficient_data: r.get(15)?,
        },
        rulebook: r.get(16)?,
        imported_at: r.get(17)?,
    })
}

fn current_version(conn: &Connection) -> Result<u32> {
    let v: Option<i64> =
        conn.query_row("SELECT MAX(version) FROM schema_version", [], |r| r.get(0))?;
    Ok(v.unwrap_or(0).max(0) as u32)
}

/// Applies the migrations the database has not seen, each in its own transaction.
fn migrate(conn: &mut Connection) -> Result<()> {
    conn.execute_batch(VERSION_TABLE)?;
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let current = current_version(&tx)?;
    if current > LATEST {
        return Err(Error::new(
            ErrorKind::SchemaTooNew,
            format!("数据库结构版本为 {current}，高于本程序支持的版本 {LATEST}，请升级 juesuan"),
        ));
    }
    tx.commit()?;
    for (version, script) in MIGRATIONS {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        // Another process may have migrated meanwhile.
        if current_version(&tx)? >= *version {
            continue;
        }
        tx.execute_batch(script)?;
        tx.execute("INSERT INTO schema_version (version) VALUES (?)", [version])?;
        tx.commit()?;
    }
    Ok(())
}
