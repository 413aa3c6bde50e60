/*!
The report library: many departments × years, each report with its model
(every cell with its provenance), its findings and its audit coverage.

SQLite (bundled, WAL) is the embedded default. The schema
([`migrations`]) and the queries ([`queries`]) are plain SQL meant to run
unchanged on PostgreSQL; [`Store`] dispatches over its backends, so a
PostgreSQL backend is one more variant of its private `Backend` enum and of
[`DbUrl`].

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

pub mod compare;
pub mod department;
pub mod error;
pub mod migrations;
pub mod queries;
pub mod record;
pub mod sqlite;
pub mod time;
pub mod url;
pub mod views;

pub use error::{Error, ErrorKind, Result};
pub use record::{content_hash, Counts, FindingCell, NewReport};
pub use url::{DbUrl, DEFAULT_DB};
pub use views::{
    ComparedCell, Comparison, CoverageCounts, Department, Imported, ReportSummary, StoredCell,
    StoredFinding,
};

use juesuan_model::Report;
use std::path::Path;

/// The backends a store can run on.
enum Backend {
    Sqlite(sqlite::Sqlite),
}

/// An open report library. Cheap to share between threads (`&Store` is `Sync`).
pub struct Store {
    backend: Backend,
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
}

impl Store {
    /// Opens the library at `url` (`sqlite:PATH` or a plain path), creating
    /// and migrating it as needed.
    pub fn open(url: &str) -> Result<Store> {
        match DbUrl::parse(url)? {
            DbUrl::Sqlite(path) => Store::open_sqlite(&path),
        }
    }

    /// Opens (creating if needed) an SQLite library file.
    pub fn open_sqlite(path: &Path) -> Result<Store> {
        Ok(Store {
            backend: Backend::Sqlite(sqlite::Sqlite::open(path)?),
        })
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<u32> {
        match &self.backend {
            Backend::Sqlite(s) => s.schema_version(),
        }
    }

    /// The id of the report stored from a file with this content hash.
    pub fn id_by_hash(&self, hash: &str) -> Result<Option<String>> {
        match &self.backend {
            Backend::Sqlite(s) => s.id_by_hash(hash),
        }
    }

    /// Stores one report in one transaction. A file already stored (same
    /// content hash) is left as it is: `Unchanged`.
    pub fn import(&self, rec: &NewReport) -> Result<Imported> {
        match &self.backend {
            Backend::Sqlite(s) => s.import(rec),
        }
    }

    /// Every report, by department name and year; `search` (if not blank)
    /// keeps the departments whose name contains it.
    pub fn reports(&self, search: &str) -> Result<Vec<ReportSummary>> {
        match &self.backend {
            Backend::Sqlite(s) => s.summaries(search, None),
        }
    }

    /// The departments with their reports (the library page), filtered like [`Store::reports`].
    pub fn departments(&self, search: &str) -> Result<Vec<Department>> {
        let mut out: Vec<Department> = Vec::new();
        for r in self.reports(search)? {
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
        match &self.backend {
            Backend::Sqlite(s) => s.department_name(key),
        }
    }

    /// One report's summary.
    pub fn summary(&self, id: &str) -> Result<Option<ReportSummary>> {
        match &self.backend {
            Backend::Sqlite(s) => s.summary(id),
        }
    }

    /// One report's model (without source lines), as stored.
    pub fn model(&self, id: &str) -> Result<Option<Report>> {
        Ok(match self.model_json(id)? {
            Some(json) => Some(serde_json::from_str(&json)?),
            None => None,
        })
    }

    /// One report's model as its stored JSON text.
    pub fn model_json(&self, id: &str) -> Result<Option<String>> {
        match &self.backend {
            Backend::Sqlite(s) => s.model_json(id),
        }
    }

    /// One report's per-rule outcomes (ran, not applicable, lacking data) as JSON text.
    pub fn outcomes_json(&self, id: &str) -> Result<Option<String>> {
        match &self.backend {
            Backend::Sqlite(s) => s.outcomes_json(id),
        }
    }

    /// One report's findings in audit order.
    pub fn findings(&self, id: &str) -> Result<Vec<StoredFinding>> {
        match &self.backend {
            Backend::Sqlite(s) => s.findings(id),
        }
    }

    /// One report's numeric cells in table, row and column order.
    pub fn cells(&self, id: &str) -> Result<Vec<StoredCell>> {
        match &self.backend {
            Backend::Sqlite(s) => s.cells(id),
        }
    }

    /// One department across its reports (by year), cell by cell.
    pub fn compare_department(&self, key: &str) -> Result<Option<Comparison>> {
        let Some(name) = self.department_name(key)? else {
            return Ok(None);
        };
        let reports = match &self.backend {
            Backend::Sqlite(s) => s.summaries("", Some(key))?,
        };
        let cells = match &self.backend {
            Backend::Sqlite(s) => s.department_cells(key)?,
        };
        Ok(Some(compare::build(key, &name, reports, cells)))
    }

    /// Row counts.
    pub fn totals(&self) -> Result<Totals> {
        let [reports, departments, cells, findings] = match &self.backend {
            Backend::Sqlite(s) => s.counts()?,
        };
        Ok(Totals {
            reports,
            departments,
            cells,
            findings,
        })
    }
}
