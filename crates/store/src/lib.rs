/*!
The report library: many departments × years, each report with its model
(every cell with its provenance), its findings and its audit coverage.

SQLite (bundled, WAL) is the embedded default; PostgreSQL
(`postgres://…`, for shared multi-user deployments) runs the same schema
([`migrations`]) and the same queries (`queries`, placeholders numbered
for it). [`Store`] dispatches over its backends by [`DbUrl`].

Lists come a page at a time, cut and ordered in SQL over indexes
([`Store::report_page`], [`Store::department_page`],
[`Store::measure_page`], [`Store::findings_where`]), so that a page costs
about the same whatever the library holds.

Importing is idempotent (a file's SHA-256 identifies it) and atomic (one
transaction per report):

```no_run
# fn demo(report: &juesuan_model::Report, audit: &juesuan_audit::Audit,
#         book: &juesuan_audit::Rulebook, bytes: &[u8]) -> Result<(), juesuan_store::Error> {
use juesuan_store::{NewReport, Store};
let store = Store::open("sqlite:library.db")?;
let rec = NewReport::new("report.txt", bytes, report, audit, book)?;
let outcome = store.import(&rec)?; // Imported(id) or Unchanged(id)
# Ok(()) }
```
*/
#![deny(missing_docs)]

pub(crate) mod codec;
pub(crate) mod compare;
pub(crate) mod department;
pub(crate) mod error;
pub mod ingest;
pub(crate) mod listing;
pub mod measure;
pub(crate) mod memo;
pub mod migrations;
pub(crate) mod pg;
mod pool;
pub(crate) mod queries;
pub(crate) mod record;
pub(crate) mod select;
pub(crate) mod sqlite;
pub(crate) mod time;
pub(crate) mod url;
pub(crate) mod views;

pub use error::{Error, ErrorKind, Result};
pub use ingest::{ingest, IngestError};
pub use listing::{
    DepartmentPage, FindingFilter, Order, Paging, ReportFilter, ReportPage, Sort, Status,
};
pub use record::{content_hash, Counts, FindingCell, NewReport};
pub use url::{redacted, DbUrl, DEFAULT_DB};
pub use views::{
    ComparedCell, Comparison, CoverageCounts, Department, Imported, ReportSummary, StoredCell,
    StoredFinding,
};
pub use years::{ScorePage, ScoreRow};

use juesuan_model::Report;
use std::path::Path;

/// The backends a store can run on.
enum Backend {
    Sqlite(sqlite::Sqlite),
    Postgres(Box<pg::Postgres>),
}

/// Calls the same method on whichever backend is open.
macro_rules! dispatch {
    ($self:ident . $method:ident ( $($arg:expr),* )) => {
        match &$self.backend {
            Backend::Sqlite(s) => s.$method($($arg),*),
            Backend::Postgres(p) => p.$method($($arg),*),
        }
    };
}

mod lists;
pub mod years;

/// An open report library. Cheap to share between threads (`&Store` is `Sync`).
pub struct Store {
    backend: Backend,
    memo: memo::Memo,
}

/// Row counts of a library.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Totals {
    /// Reports.
    pub reports: u64,
    /// Departments.
    pub departments: u64,
    /// Stored cells.
    pub cells: u64,
    /// Stored findings.
    pub findings: u64,
    /// Stored measures.
    pub measures: u64,
}

impl Store {
    /// Opens the library at `url` (`sqlite:PATH`, a plain path, or
    /// `postgres://…`), creating and migrating it as needed.
    pub fn open(url: &str) -> Result<Store> {
        match DbUrl::parse(url)? {
            DbUrl::Sqlite(path) => Store::open_sqlite(&path),
            DbUrl::Postgres(url) => Ok(Store {
                backend: Backend::Postgres(Box::new(pg::Postgres::open(&url)?)),
                memo: memo::Memo::default(),
            }),
        }
    }

    /// `sqlite` or `postgres`: the backend in use.
    pub fn backend_name(&self) -> &'static str {
        match &self.backend {
            Backend::Sqlite(_) => "sqlite",
            Backend::Postgres(_) => "postgres",
        }
    }

    /// Opens (creating if needed) an SQLite library file.
    pub fn open_sqlite(path: &Path) -> Result<Store> {
        Ok(Store {
            backend: Backend::Sqlite(sqlite::Sqlite::open(path)?),
            memo: memo::Memo::default(),
        })
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<u32> {
        dispatch!(self.schema_version())
    }

    /// The id of the report stored from a file with this content hash.
    pub fn id_by_hash(&self, hash: &str) -> Result<Option<String>> {
        dispatch!(self.id_by_hash(hash))
    }

    /// Stores one report in one transaction. A file already stored (same
    /// content hash) is left as it is: `Unchanged`.
    pub fn import(&self, rec: &NewReport) -> Result<Imported> {
        let outcome = dispatch!(self.import(rec))?;
        if let Imported::Imported(_) = outcome {
            self.memo.changed();
        }
        Ok(outcome)
    }

    /// Every report, by department name and year; `search` (if not blank)
    /// keeps the departments whose name contains it.
    pub fn reports(&self, search: &str) -> Result<Vec<ReportSummary>> {
        self.reports_where(&ReportFilter::search(search))
    }

    /// Every report that passes `filter`, in department order. A whole
    /// list: pages are [`Store::report_page`].
    pub fn reports_where(&self, filter: &ReportFilter) -> Result<Vec<ReportSummary>> {
        dispatch!(self.summaries(select::summaries(filter)))
    }

    /// The departments with their reports (the library page), filtered like [`Store::reports`].
    pub fn departments(&self, search: &str) -> Result<Vec<Department>> {
        self.departments_where(&ReportFilter::search(search))
    }

    /// The departments with their reports that pass `filter`; a department
    /// with none is left out. A whole list: pages are [`Store::department_page`].
    pub fn departments_where(&self, filter: &ReportFilter) -> Result<Vec<Department>> {
        let mut out: Vec<Department> = Vec::new();
        for r in self.reports_where(filter)? {
            match out.last_mut() {
                Some(d) if d.key == r.dept_key => d.reports.push(r),
                _ => {
                    let name = self
                        .department_name(&r.dept_key)?
                        .unwrap_or_else(|| r.department.clone());
                    out.push(Department {
                        key: r.dept_key.clone(),
                        name,
                        reports: vec![r],
                    });
                }
            }
        }
        Ok(out)
    }

    /// A department's name by key.
    pub fn department_name(&self, key: &str) -> Result<Option<String>> {
        self.memo.name(key, || dispatch!(self.department_name(key)))
    }

    /// One report's summary.
    pub fn summary(&self, id: &str) -> Result<Option<ReportSummary>> {
        dispatch!(self.summary(id))
    }

    /// One report's model (without source lines), as stored.
    pub fn model(&self, id: &str) -> Result<Option<Report>> {
        dispatch!(self.model(id))?
            .map(codec::StoredModel::decode)
            .transpose()
    }

    /// One report's model as its stored JSON text.
    pub fn model_json(&self, id: &str) -> Result<Option<String>> {
        dispatch!(self.model(id))?
            .map(codec::StoredModel::json)
            .transpose()
    }

    /// One report's per-rule outcomes (ran, not applicable, lacking data) as JSON text.
    pub fn outcomes_json(&self, id: &str) -> Result<Option<String>> {
        dispatch!(self.outcomes_json(id))
    }

    /// One report's findings in audit order.
    pub fn findings(&self, id: &str) -> Result<Vec<StoredFinding>> {
        dispatch!(self.findings(id))
    }

    /// One report's numeric cells in table, row and column order.
    pub fn cells(&self, id: &str) -> Result<Vec<StoredCell>> {
        dispatch!(self.cells(id))
    }

    /// One department across its reports (by year), cell by cell.
    pub fn compare_department(&self, key: &str) -> Result<Option<Comparison>> {
        let Some(name) = self.department_name(key)? else {
            return Ok(None);
        };
        let reports = self.reports_where(&ReportFilter {
            dept: Some(key.to_string()),
            ..ReportFilter::default()
        })?;
        let cells = dispatch!(self.department_cells(key))?;
        Ok(Some(compare::build(key, &name, reports, cells)))
    }

    /// One measure ([`measure::MEASURES`]) across every report, by department
    /// and year; only `year`'s reports if given. `None` for an unknown
    /// measure. A whole list: pages are [`Store::measure_page`].
    pub fn measure(
        &self,
        key: &str,
        year: Option<u32>,
    ) -> Result<Option<measure::MeasureComparison>> {
        let Some(m) = measure::by_key(key) else {
            return Ok(None);
        };
        let mut rows = dispatch!(self.measure_rows(m.key))?;
        if let Some(y) = year {
            rows.retain(|r| r.year == Some(y));
        }
        Ok(Some(measure::MeasureComparison {
            key: m.key.to_string(),
            name: m.name.to_string(),
            year,
            total: rows.len() as u64,
            offset: 0,
            rows,
        }))
    }

    /// The fiscal years of the library's reports, in order (for the
    /// library's year filter); read again after a few seconds (see `memo`).
    pub fn years(&self) -> Result<Vec<u32>> {
        self.memo.years(|| dispatch!(self.years()))
    }

    /// One report's stored page (gzip-compressed HTML) if one of `version`
    /// is stored. Pages are a cache of their report, written by
    /// [`Store::put_page`]; a report may have none.
    pub fn page(&self, id: &str, version: u32) -> Result<Option<Vec<u8>>> {
        dispatch!(self.page(id, version))
    }

    /// Stores report `id`'s page of `version` (gzip-compressed HTML),
    /// replacing a stored page of the same or an older version; a page of a
    /// newer version (from a newer server sharing the library) is kept. The
    /// report must be stored; the page goes with it. A single statement of
    /// its own: never part of a report's import transaction.
    pub fn put_page(&self, id: &str, version: u32, gzip: &[u8]) -> Result<()> {
        dispatch!(self.put_page(id, version, gzip))
    }

    /// The reports without a stored page of `version` or newer (none yet,
    /// or an older template's), most recently imported first.
    pub fn stale_pages(&self, version: u32) -> Result<Vec<String>> {
        dispatch!(self.stale_pages(version))
    }

    /// Row counts.
    pub fn totals(&self) -> Result<Totals> {
        let [reports, departments, cells, findings, measures] = dispatch!(self.counts())?;
        Ok(Totals {
            reports,
            departments,
            cells,
            findings,
            measures,
        })
    }
}
