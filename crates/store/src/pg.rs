//! The PostgreSQL backend: the same schema ([`crate::migrations`]) and the
//! same queries ([`crate::queries`], `?` rewritten to `$n`) as SQLite, over
//! the synchronous `postgres` client. One writer connection stores reports,
//! each in one transaction; a bounded pool of reader connections
//! ([`crate::pool`]) serves queries. Each connection keeps its prepared
//! statements.
//!
//! Every call blocks: from async code call it on a blocking thread (the
//! server does, through `spawn_blocking`).

use crate::error::{Error, ErrorKind, Result};
use crate::migrations::{LATEST, MIGRATIONS, VERSION_TABLE};
use crate::pool::Pool;
use crate::queries as q;
use crate::record::{Counts, FindingCell, NewReport};
use crate::select::Arg;
use crate::views::{CoverageCounts, Imported, ReportSummary, StoredCell, StoredFinding};
use postgres::types::ToSql;
use postgres::{Client, GenericClient, NoTls, Row, Statement};
use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

/// Cells per `INSERT` (10 parameters each; PostgreSQL allows 65,535).
const CELLS_PER_STATEMENT: usize = 200;

/// Findings per `INSERT` (14 parameters each).
const FINDINGS_PER_STATEMENT: usize = 100;

/// Key of the advisory lock that serializes migrations between processes.
const MIGRATION_LOCK: i64 = 0x6a75_6573_7561_6e01;

/// A connection with its prepared statements (by SQL text).
struct Conn {
    client: Client,
    statements: HashMap<String, Statement>,
}

/// An open PostgreSQL library.
pub struct Postgres {
    config: postgres::Config,
    writer: Mutex<Conn>,
    readers: Pool<Conn>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl From<postgres::Error> for Error {
    fn from(e: postgres::Error) -> Error {
        let detail = match e.as_db_error() {
            Some(db) => db.message().to_string(),
            None => e.to_string(),
        };
        Error::new(ErrorKind::Database, format!("数据库错误：{detail}"))
    }
}

fn connect(config: &postgres::Config) -> Result<Conn> {
    let client = config.connect(NoTls).map_err(|e| {
        Error::new(
            ErrorKind::Database,
            format!("无法连接 PostgreSQL 数据库：{e}"),
        )
    })?;
    Ok(Conn {
        client,
        statements: HashMap::new(),
    })
}

/// The statement for `sql` (with `?` placeholders), prepared once per connection.
fn prepared(
    statements: &mut HashMap<String, Statement>,
    client: &mut impl GenericClient,
    sql: &str,
) -> Result<Statement> {
    if let Some(st) = statements.get(sql) {
        return Ok(st.clone());
    }
    let st = client.prepare(&q::for_postgres(sql))?;
    statements.insert(sql.to_string(), st.clone());
    Ok(st)
}

/// A count or small number as PostgreSQL `INTEGER`.
fn int(n: impl TryInto<i32>) -> i32 {
    n.try_into().unwrap_or(i32::MAX)
}

fn opt_int(n: Option<u32>) -> Option<i32> {
    n.map(int)
}

/// A stored `INTEGER` as a count (negative values, never written, read as 0).
fn uint(n: i32) -> u32 {
    u32::try_from(n).unwrap_or(0)
}

fn opt_uint(n: Option<i32>) -> Option<u32> {
    n.map(uint)
}

impl Postgres {
    /// Connects to the database at `url` (`postgres://…`) and brings its schema up to date.
    pub fn open(url: &str) -> Result<Postgres> {
        let mut config: postgres::Config = url
            .parse()
            .map_err(|e| Error::new(ErrorKind::Url, format!("无法解析 PostgreSQL 地址：{e}")))?;
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(Duration::from_secs(10));
        }
        if config.get_application_name().is_none() {
            config.application_name("juesuan");
        }
        let mut writer = connect(&config)?;
        migrate(&mut writer.client)?;
        Ok(Postgres {
            config,
            writer: Mutex::new(writer),
            readers: Pool::new(),
        })
    }

    fn read<T>(&self, f: impl FnOnce(&mut Conn) -> Result<T>) -> Result<T> {
        self.readers.with(
            || connect(&self.config),
            // A connection that failed may be broken: only healthy ones go back.
            |conn, out| out.is_ok() && !conn.client.is_closed(),
            f,
        )
    }

    /// Runs one query on a reader.
    fn query(&self, sql: &str, args: &[&(dyn ToSql + Sync)]) -> Result<Vec<Row>> {
        self.read(|c| {
            let st = prepared(&mut c.statements, &mut c.client, sql)?;
            Ok(c.client.query(&st, args)?)
        })
    }

    /// Runs a query expected to return at most one row on a reader.
    fn query_opt(&self, sql: &str, args: &[&(dyn ToSql + Sync)]) -> Result<Option<Row>> {
        self.read(|c| {
            let st = prepared(&mut c.statements, &mut c.client, sql)?;
            Ok(c.client.query_opt(&st, args)?)
        })
    }

    /// The schema version recorded in the database.
    pub fn schema_version(&self) -> Result<u32> {
        current_version(&mut lock(&self.writer).client)
    }

    /// The id of the report stored with this content hash, if any.
    pub fn id_by_hash(&self, hash: &str) -> Result<Option<String>> {
        Ok(match self.query_opt(q::ID_BY_HASH, &[&hash])? {
            Some(r) => Some(r.try_get(0)?),
            None => None,
        })
    }

    /// Stores a report in one transaction; nothing of it remains if any statement fails.
    pub fn import(&self, rec: &NewReport) -> Result<Imported> {
        let mut guard = lock(&self.writer);
        let Conn { client, statements } = &mut *guard;
        let mut tx = client.transaction()?;
        // Two importers of the same file wait for each other here, so the
        // second one sees the first one's report instead of a key violation.
        tx.execute(
            "SELECT pg_advisory_xact_lock(hashtext($1))",
            &[&rec.content_hash],
        )?;
        let st = prepared(statements, &mut tx, q::ID_BY_HASH)?;
        if let Some(row) = tx.query_opt(&st, &[&rec.content_hash])? {
            return Ok(Imported::Unchanged(row.try_get(0)?));
        }
        let dept_name = if rec.department.is_empty() {
            crate::department::UNKNOWN
        } else {
            rec.department.as_str()
        };
        let st = prepared(statements, &mut tx, q::INSERT_DEPARTMENT)?;
        tx.execute(&st, &[&rec.dept_key, &dept_name])?;
        let st = prepared(statements, &mut tx, q::INSERT_REPORT)?;
        let imported_at = crate::time::now_utc();
        tx.execute(
            &st,
            &[
                &rec.id,
                &rec.content_hash,
                &rec.source_name,
                &i64::try_from(rec.byte_size).unwrap_or(i64::MAX),
                &rec.dept_key,
                &rec.department,
                &opt_int(rec.year),
                &rec.profile,
                &rec.unit,
                &rec.model_deflate,
                &int(rec.counts.errors),
                &int(rec.counts.warnings),
                &int(rec.counts.infos),
                &int(rec.coverage.rules_total),
                &int(rec.coverage.ran),
                &int(rec.coverage.not_applicable),
                &int(rec.coverage.insufficient_data),
                &rec.outcomes_json,
                &rec.rulebook,
                &imported_at,
                &int(rec.score),
                &rec.score_json,
            ],
        )?;
        // Many rows per statement: one round trip per chunk, not per row.
        for chunk in rec.cells.chunks(CELLS_PER_STATEMENT) {
            let ints: Vec<[i32; 3]> = chunk
                .iter()
                .map(|c| [int(c.row_pos), int(c.column), int(c.line)])
                .collect();
            let pages: Vec<Option<i32>> = chunk.iter().map(|c| opt_int(c.page)).collect();
            let mut args: Vec<&(dyn ToSql + Sync)> = Vec::with_capacity(chunk.len() * 10);
            for (i, c) in chunk.iter().enumerate() {
                args.extend_from_slice(&[
                    &rec.id,
                    &c.table,
                    &ints[i][0],
                    &c.row_key,
                    &ints[i][1],
                    &c.value,
                    &c.raw,
                    &c.name,
                    &ints[i][2],
                    &pages[i],
                ]);
            }
            let sql = q::multi_row(q::INSERT_CELL, chunk.len());
            let st = prepared(statements, &mut tx, &sql)?;
            tx.execute(&st, &args)?;
        }
        for chunk in rec.findings.chunks(FINDINGS_PER_STATEMENT) {
            let ints: Vec<[Option<i32>; 3]> = chunk
                .iter()
                .map(|f| [Some(int(f.seq)), opt_int(f.line), opt_int(f.page)])
                .collect();
            let cells: Vec<String> = chunk
                .iter()
                .map(|f| serde_json::to_string(&f.cells))
                .collect::<std::result::Result<_, _>>()?;
            let mut args: Vec<&(dyn ToSql + Sync)> = Vec::with_capacity(chunk.len() * 14);
            for (i, f) in chunk.iter().enumerate() {
                args.extend_from_slice(&[
                    &rec.id,
                    &ints[i][0],
                    &f.rule,
                    &f.severity,
                    &f.message,
                    &f.primary,
                    &ints[i][1],
                    &ints[i][2],
                    &f.expected,
                    &f.actual,
                    &f.difference,
                    &f.tolerance,
                    &cells[i],
                    &f.source_line,
                ]);
            }
            let sql = q::multi_row(q::INSERT_FINDING, chunk.len());
            let st = prepared(statements, &mut tx, &sql)?;
            tx.execute(&st, &args)?;
        }
        if !rec.measures.is_empty() {
            let lines: Vec<Option<i32>> = rec.measures.iter().map(|m| opt_int(m.line)).collect();
            let mut args: Vec<&(dyn ToSql + Sync)> = Vec::new();
            for (i, m) in rec.measures.iter().enumerate() {
                args.extend_from_slice(&[&rec.id, &m.measure, &m.value, &m.source, &lines[i]]);
            }
            let sql = q::multi_row(q::INSERT_MEASURE, rec.measures.len());
            let st = prepared(statements, &mut tx, &sql)?;
            tx.execute(&st, &args)?;
        }
        tx.commit()?;
        Ok(Imported::Imported(rec.id.clone()))
    }

    /// Runs a list query ([`crate::select`]) on a reader.
    fn list(&self, (sql, args): (String, Vec<Arg>)) -> Result<Vec<Row>> {
        // Integers compared with `INTEGER` columns are bound as `int4`,
        // counts (`LIMIT`, `OFFSET`) as `int8`: what the server infers.
        let ints: Vec<i32> = args
            .iter()
            .map(|a| match a {
                Arg::Int(n) => int(*n),
                _ => 0,
            })
            .collect();
        let params: Vec<&(dyn ToSql + Sync)> = args
            .iter()
            .zip(&ints)
            .map(|(a, i)| match a {
                Arg::Text(t) => t as &(dyn ToSql + Sync),
                Arg::Int(_) => i as &(dyn ToSql + Sync),
                Arg::Count(n) => n as &(dyn ToSql + Sync),
            })
            .collect();
        self.query(&sql, &params)
    }

    /// Report keys and scores of a query ([`crate::years`]).
    pub fn score_rows(&self, query: (String, Vec<Arg>)) -> Result<Vec<crate::ScoreRow>> {
        self.list(query)?
            .iter()
            .map(|r| {
                Ok(crate::ScoreRow {
                    id: r.try_get(0)?,
                    dept_key: r.try_get(1)?,
                    department: r.try_get(2)?,
                    year: opt_uint(r.try_get(3)?),
                    score: r
                        .try_get::<_, Option<i32>>(4)?
                        .map(|n| crate::years::score_text(i64::from(n))),
                    prior_id: r.try_get(5)?,
                })
            })
            .collect()
    }

    /// Runs one statement of text arguments on the writer; the number of rows changed.
    pub fn write(&self, (sql, args): (String, Vec<Arg>)) -> Result<u64> {
        let texts: Vec<String> = args
            .into_iter()
            .map(|a| match a {
                Arg::Text(t) => t,
                Arg::Int(n) | Arg::Count(n) => n.to_string(),
            })
            .collect();
        let params: Vec<&(dyn ToSql + Sync)> =
            texts.iter().map(|t| t as &(dyn ToSql + Sync)).collect();
        let mut guard = lock(&self.writer);
        let Conn { client, statements } = &mut *guard;
        let st = prepared(statements, client, &sql)?;
        Ok(client.execute(&st, &params)?)
    }

    /// Replaces a report's cross-year findings, last year, score and
    /// counts, and drops its cached page, in one transaction.
    pub fn put_cross_year(&self, c: &crate::years::CrossYear<'_>, scored: bool) -> Result<()> {
        use crate::years as y;
        let mut guard = lock(&self.writer);
        let Conn { client, statements } = &mut *guard;
        let mut tx = client.transaction()?;
        let st = prepared(statements, &mut tx, y::DELETE_CROSS_YEAR)?;
        tx.execute(&st, &[&c.id, &int(y::CROSS_YEAR_SEQ)])?;
        let st = prepared(statements, &mut tx, q::INSERT_FINDING)?;
        for f in &c.findings {
            let cells = serde_json::to_string(&f.cells)?;
            tx.execute(
                &st,
                &[
                    &c.id,
                    &int(f.seq),
                    &f.rule,
                    &f.severity,
                    &f.message,
                    &f.primary,
                    &opt_int(f.line),
                    &opt_int(f.page),
                    &f.expected,
                    &f.actual,
                    &f.difference,
                    &f.tolerance,
                    &cells,
                    &f.source_line,
                ],
            )?;
        }
        let score = scored.then(|| int(c.score));
        let json = scored.then_some(c.score_json.as_str());
        let st = prepared(statements, &mut tx, y::UPDATE_YEARS)?;
        tx.execute(&st, &[&c.prior_id, &score, &json, &c.id])?;
        let st = prepared(statements, &mut tx, y::DELETE_PAGE)?;
        tx.execute(&st, &[&c.id])?;
        tx.commit()?;
        Ok(())
    }

    /// Report summaries of a list query.
    pub fn summaries(&self, query: (String, Vec<Arg>)) -> Result<Vec<ReportSummary>> {
        self.list(query)?.iter().map(summary_from_row).collect()
    }

    /// The one number of a `COUNT(*)` query.
    pub fn count(&self, query: (String, Vec<Arg>)) -> Result<u64> {
        match self.list(query)?.first() {
            Some(r) => Ok(u64::try_from(r.try_get::<_, i64>(0)?).unwrap_or(0)),
            None => Ok(0),
        }
    }

    /// The first column of a list query, as text.
    pub fn texts(&self, query: (String, Vec<Arg>)) -> Result<Vec<String>> {
        self.list(query)?
            .iter()
            .map(|r| Ok(r.try_get(0)?))
            .collect()
    }

    /// Findings of a list query ([`crate::select::FINDING_COLUMNS`]).
    pub fn findings_of(&self, query: (String, Vec<Arg>)) -> Result<Vec<StoredFinding>> {
        self.list(query)?.iter().map(finding_from_row).collect()
    }

    /// Measure rows of a list query: with the measure's value, source and
    /// line, or (`bare`) only the report's columns.
    pub fn measure_rows_of(
        &self,
        query: (String, Vec<Arg>),
        bare: bool,
    ) -> Result<Vec<crate::measure::MeasureRow>> {
        self.list(query)?
            .iter()
            .map(|r| measure_row(r, bare))
            .collect()
    }

    /// The fiscal years of the library.
    pub fn years(&self) -> Result<Vec<u32>> {
        self.query(q::YEARS, &[])?
            .iter()
            .map(|r| Ok(uint(r.try_get(0)?)))
            .collect()
    }

    /// One report's stored page of `version`.
    pub fn page(&self, id: &str, version: u32) -> Result<Option<Vec<u8>>> {
        match self.query_opt(q::PAGE, &[&id, &int(version)])? {
            Some(r) => Ok(Some(r.try_get(0)?)),
            None => Ok(None),
        }
    }

    /// Stores a report's page (see [`q::PUT_PAGE`]).
    pub fn put_page(&self, id: &str, version: u32, gzip: &[u8]) -> Result<()> {
        let mut guard = lock(&self.writer);
        let Conn { client, statements } = &mut *guard;
        let st = prepared(statements, client, q::PUT_PAGE)?;
        client.execute(&st, &[&id, &int(version), &gzip])?;
        Ok(())
    }

    /// The reports without a page of `version` or newer.
    pub fn stale_pages(&self, version: u32) -> Result<Vec<String>> {
        self.query(q::STALE_PAGES, &[&int(version)])?
            .iter()
            .map(|r| Ok(r.try_get(0)?))
            .collect()
    }

    /// One report's summary.
    pub fn summary(&self, id: &str) -> Result<Option<ReportSummary>> {
        self.query_opt(&q::summary_by_id(), &[&id])?
            .as_ref()
            .map(summary_from_row)
            .transpose()
    }

    /// One report's model as stored.
    pub fn model(&self, id: &str) -> Result<Option<crate::codec::StoredModel>> {
        match self.query_opt(q::MODEL, &[&id])? {
            Some(r) => Ok(Some(crate::codec::StoredModel::from_columns(
                r.try_get(0)?,
                r.try_get(1)?,
            ))),
            None => Ok(None),
        }
    }

    /// One report's per-rule outcomes JSON.
    pub fn outcomes_json(&self, id: &str) -> Result<Option<String>> {
        match self.query_opt(q::OUTCOMES_JSON, &[&id])? {
            Some(r) => Ok(Some(r.try_get(0)?)),
            None => Ok(None),
        }
    }

    /// One report's findings.
    pub fn findings(&self, id: &str) -> Result<Vec<StoredFinding>> {
        self.query(q::FINDINGS, &[&id])?
            .iter()
            .map(finding_from_row)
            .collect()
    }

    /// One report's cells.
    pub fn cells(&self, id: &str) -> Result<Vec<StoredCell>> {
        self.query(q::CELLS, &[&id])?
            .iter()
            .map(|r| {
                Ok(StoredCell {
                    table: r.try_get(0)?,
                    row: r.try_get(1)?,
                    column: uint(r.try_get(2)?),
                    value: r.try_get(3)?,
                    name: r.try_get(4)?,
                    line: uint(r.try_get(5)?),
                    page: opt_uint(r.try_get(6)?),
                })
            })
            .collect()
    }

    /// A department's name.
    pub fn department_name(&self, key: &str) -> Result<Option<String>> {
        match self.query_opt(q::DEPARTMENT_NAME, &[&key])? {
            Some(r) => Ok(Some(r.try_get(0)?)),
            None => Ok(None),
        }
    }

    /// Every cell of a department's reports.
    pub fn department_cells(&self, key: &str) -> Result<Vec<crate::compare::CellOfReport>> {
        self.query(q::DEPARTMENT_CELLS, &[&key])?
            .iter()
            .map(|r| {
                Ok(crate::compare::CellOfReport {
                    report_id: r.try_get(0)?,
                    table: r.try_get(1)?,
                    row_pos: uint(r.try_get(2)?),
                    row: r.try_get(3)?,
                    column: uint(r.try_get(4)?),
                    value: r.try_get(5)?,
                    name: r.try_get(6)?,
                })
            })
            .collect()
    }

    /// One measure of every report.
    pub fn measure_rows(&self, key: &str) -> Result<Vec<crate::measure::MeasureRow>> {
        self.query(q::MEASURE_ROWS, &[&key])?
            .iter()
            .map(|r| measure_row(r, false))
            .collect()
    }

    /// Row counts: reports, departments, cells, findings, measures.
    pub fn counts(&self) -> Result<[u64; 5]> {
        let rows = self.query(q::COUNTS, &[])?;
        let r = rows
            .first()
            .ok_or_else(|| Error::new(ErrorKind::Database, "数据库未返回计数"))?;
        let n =
            |i: usize| -> Result<u64> { Ok(u64::try_from(r.try_get::<_, i64>(i)?).unwrap_or(0)) };
        Ok([n(0)?, n(1)?, n(2)?, n(3)?, n(4)?])
    }
}

fn finding_from_row(r: &Row) -> Result<StoredFinding> {
    let cells_json: String = r.try_get(11)?;
    let cells: Vec<FindingCell> = serde_json::from_str(&cells_json)?;
    Ok(StoredFinding {
        seq: uint(r.try_get(0)?),
        rule: r.try_get(1)?,
        severity: r.try_get(2)?,
        message: r.try_get(3)?,
        primary: r.try_get(4)?,
        line: opt_uint(r.try_get(5)?),
        page: opt_uint(r.try_get(6)?),
        expected: r.try_get(7)?,
        actual: r.try_get(8)?,
        difference: r.try_get(9)?,
        tolerance: r.try_get(10)?,
        cells,
        source_line: r.try_get(12)?,
    })
}

/// A measure row; `bare` rows hold only the report's columns.
fn measure_row(r: &Row, bare: bool) -> Result<crate::measure::MeasureRow> {
    Ok(crate::measure::MeasureRow {
        report_id: r.try_get(0)?,
        dept_key: r.try_get(1)?,
        department: r.try_get(2)?,
        year: opt_uint(r.try_get(3)?),
        value: if bare { None } else { r.try_get(4)? },
        source: if bare { None } else { r.try_get(5)? },
        line: if bare { None } else { opt_uint(r.try_get(6)?) },
    })
}

fn summary_from_row(r: &Row) -> Result<ReportSummary> {
    Ok(ReportSummary {
        id: r.try_get(0)?,
        content_hash: r.try_get(1)?,
        source_name: r.try_get(2)?,
        byte_size: u64::try_from(r.try_get::<_, i64>(3)?).unwrap_or(0),
        dept_key: r.try_get(4)?,
        department: r.try_get(5)?,
        year: opt_uint(r.try_get(6)?),
        profile: r.try_get(7)?,
        unit: r.try_get(8)?,
        counts: Counts {
            errors: uint(r.try_get(9)?),
            warnings: uint(r.try_get(10)?),
            infos: uint(r.try_get(11)?),
        },
        coverage: CoverageCounts {
            rules_total: uint(r.try_get(12)?),
            ran: uint(r.try_get(13)?),
            not_applicable: uint(r.try_get(14)?),
            insufficient_data: uint(r.try_get(15)?),
        },
        rulebook: r.try_get(16)?,
        imported_at: r.try_get(17)?,
    })
}

fn current_version(client: &mut impl GenericClient) -> Result<u32> {
    let row = client.query_one("SELECT MAX(version) FROM schema_version", &[])?;
    Ok(opt_uint(row.try_get(0)?).unwrap_or(0))
}

/// Applies the migrations the database has not seen, each in its own
/// transaction, under an advisory lock so that concurrent openers take turns.
fn migrate(client: &mut Client) -> Result<()> {
    let mut tx = client.transaction()?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])?;
    tx.batch_execute(VERSION_TABLE)?;
    let current = current_version(&mut tx)?;
    if current > LATEST {
        return Err(Error::new(
            ErrorKind::SchemaTooNew,
            format!("数据库结构版本为 {current}，高于本程序支持的版本 {LATEST}，请升级 juesuan"),
        ));
    }
    tx.commit()?;
    for (version, script) in MIGRATIONS {
        let mut tx = client.transaction()?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])?;
        if current_version(&mut tx)? >= *version {
            continue;
        }
        tx.batch_execute(script)?;
        tx.execute(
            "INSERT INTO schema_version (version) VALUES ($1)",
            &[&int(*version)],
        )?;
        tx.commit()?;
    }
    Ok(())
}
