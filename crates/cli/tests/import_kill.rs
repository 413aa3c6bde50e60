//! Killing `juesuan import` mid-batch (SIGKILL) loses no report that it had
//! reported as imported and leaves no partial one.
//!
//! The importer prints `已导入<TAB>ID<TAB>FILE` on standard output after each
//! report's transaction commits. The test feeds it a folder of variants of
//! the Jilin sample (other departments and years), reads those lines, kills
//! the process with SIGKILL after a few, reopens the database and checks
//! every report in it against a reference import of one variant made by an
//! importer that was left to finish.
//!
//! It runs on SQLite, and again on PostgreSQL when `JUESUAN_TEST_PG` holds a
//! URL (`postgres://user:password@127.0.0.1/db`, as for the store tests): in
//! a schema of its own, dropped afterwards. Without the variable a "skipped"
//! line is printed.

#![cfg(unix)]

use juesuan_store::Store;
use std::io::{BufRead, BufReader};
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};

const SAMPLE: &str = include_str!("../../../tests/data/jilin-hrss-2024-final-accounts.txt");
const DEPARTMENT: &str = "吉林省人力资源和社会保障厅";

static N: AtomicU32 = AtomicU32::new(0);

fn temp_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "juesuan-kill-{tag}-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Variant `i`: department `吉林省第{i}测试厅`, year 2015 + i % 10.
fn variant(i: usize) -> String {
    SAMPLE
        .replace(DEPARTMENT, &format!("吉林省第{i}测试厅"))
        .replace("2024 年度", &format!("{} 年度", 2015 + i % 10))
}

/// Runs `juesuan import DIR --db URL`; returns the child and its stdout.
fn spawn_import(dir: &Path, db: &str) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_juesuan"))
        .args(["import", dir.to_str().unwrap(), "--db", db])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// The report ids of `已导入` lines.
fn imported_id(line: &str) -> Option<String> {
    let mut parts = line.split('\t');
    (parts.next() == Some("已导入"))
        .then(|| parts.next().map(str::to_string))
        .flatten()
}

/// What one complete report of the sample holds: (cells, findings).
fn reference(root: &Path) -> (usize, usize) {
    let dir = root.join("ref-in");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("v.txt"), variant(0)).unwrap();
    let db = format!("sqlite:{}", root.join("ref.db").display());
    let out = Command::new(env!("CARGO_BIN_EXE_juesuan"))
        .args(["import", dir.to_str().unwrap(), "--db", &db])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<_> = text.lines().filter_map(imported_id).collect();
    assert_eq!(lines.len(), 1, "{text}");
    assert!(text.contains("新导入 1 份"), "{text}");
    let store = Store::open(&db).unwrap();
    let t = store.totals().unwrap();
    (t.cells as usize, t.findings as usize)
}

/// A PostgreSQL schema of its own on the `JUESUAN_TEST_PG` database,
/// dropped with this value.
struct PgSchema {
    base: String,
    schema: String,
}

impl PgSchema {
    fn new(base: &str) -> PgSchema {
        let schema = format!(
            "juesuan_kill_{}_{}",
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst)
        );
        let mut admin = postgres::Client::connect(base, postgres::NoTls)
            .unwrap_or_else(|e| panic!("JUESUAN_TEST_PG: cannot connect: {e}"));
        admin
            .batch_execute(&format!(
                "DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}"
            ))
            .unwrap();
        PgSchema {
            base: base.to_string(),
            schema,
        }
    }

    /// The URL `juesuan import --db` and `Store::open` take.
    fn url(&self) -> String {
        let sep = if self.base.contains('?') { '&' } else { '?' };
        format!("{}{sep}options=-csearch_path%3D{}", self.base, self.schema)
    }
}

impl Drop for PgSchema {
    fn drop(&mut self) {
        if let Ok(mut c) = postgres::Client::connect(&self.base, postgres::NoTls) {
            let _ = c.batch_execute(&format!("DROP SCHEMA IF EXISTS {} CASCADE", self.schema));
        }
    }
}

#[test]
fn sigkill_mid_batch_loses_nothing_reported_and_leaves_no_partial_report() {
    let root = temp_dir("batch");
    let db = format!("sqlite:{}", root.join("lib.db").display());
    kill_mid_batch(&root, &db);
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn sigkill_mid_batch_on_postgres() {
    let base = match std::env::var("JUESUAN_TEST_PG") {
        Ok(url) if !url.trim().is_empty() => url.trim().to_string(),
        _ => {
            // Skipped (or, where tools are required, failed) without a database.
            juesuan_testkit::available(
                "PostgreSQL 测试库（设置 JUESUAN_TEST_PG=postgres://…）",
                false,
            );
            return;
        }
    };
    let root = temp_dir("pg");
    let schema = PgSchema::new(&base);
    kill_mid_batch(&root, &schema.url());
    let _ = std::fs::remove_dir_all(&root);
}

/// Kills `juesuan import` twice while it fills the library at `db`, then
/// checks what the library holds; `root` is a fresh folder for the inputs.
fn kill_mid_batch(root: &Path, db: &str) {
    let (ref_cells, ref_findings) = reference(root);
    assert!(
        ref_cells > 400 && ref_findings > 0,
        "{ref_cells} {ref_findings}"
    );

    let input = root.join("in");
    std::fs::create_dir_all(&input).unwrap();
    let total = 40;
    for i in 0..total {
        std::fs::write(input.join(format!("v{i:03}.txt")), variant(i)).unwrap();
    }

    // Two rounds on the same database: kill after 3 reported reports, then
    // again after 3 more (the second run skips what the first stored).
    let mut reported: Vec<String> = Vec::new();
    for round in 0..2 {
        let mut child = spawn_import(&input, db);
        let stdout = child.stdout.take().unwrap();
        let mut lines = BufReader::new(stdout).lines();
        let mut seen = 0;
        for line in lines.by_ref() {
            let line = line.unwrap();
            if let Some(id) = imported_id(&line) {
                reported.push(id);
                seen += 1;
                if seen == 3 {
                    break;
                }
            }
        }
        assert_eq!(
            seen, 3,
            "round {round}: the importer ended before 3 reports"
        );
        child.kill().unwrap(); // SIGKILL
                               // Lines already written before the kill count as reported too.
        for line in lines {
            let Ok(line) = line else { break };
            if let Some(id) = imported_id(&line) {
                reported.push(id);
            }
        }
        let status = child.wait().unwrap();
        assert_eq!(status.signal(), Some(9), "round {round}: {status:?}");
    }
    assert!(
        reported.len() >= 6 && reported.len() < total,
        "{reported:?}"
    );

    // Reopen (SQLite recovers its write-ahead log; PostgreSQL has rolled
    // back the killed connection's open transaction) and check.
    let store = Store::open(db).unwrap();
    let reports = store.reports("").unwrap();
    assert!(
        reports.len() < total,
        "the importer was meant to be stopped mid-batch"
    );
    for id in &reported {
        assert!(
            reports.iter().any(|r| &r.id == id),
            "reported report {id} is missing"
        );
    }
    let mut cells_total = 0;
    let mut findings_total = 0;
    for r in &reports {
        // Every stored report is whole: all its cells and findings.
        let cells = store.cells(&r.id).unwrap();
        let findings = store.findings(&r.id).unwrap();
        assert_eq!(cells.len(), ref_cells, "{}: cells", r.source_name);
        assert_eq!(findings.len(), ref_findings, "{}: findings", r.source_name);
        let c = r.counts;
        assert_eq!(
            (c.errors + c.warnings + c.infos) as usize,
            ref_findings,
            "{}",
            r.source_name
        );
        // T02 line 166 `2080101 行政运行 4,660.32 4,657.90`.
        let c = cells
            .iter()
            .find(|c| c.addr() == "T02[2080101,C2]")
            .unwrap();
        assert_eq!((c.value.as_str(), c.line), ("4657.90", 166));
        assert!(r.department.starts_with("吉林省第"), "{}", r.department);
        assert!(store.model(&r.id).unwrap().is_some());
        cells_total += cells.len();
        findings_total += findings.len();
    }
    // No cell or finding belongs to a report that is not there.
    let t = store.totals().unwrap();
    assert_eq!(t.reports as usize, reports.len());
    assert_eq!(t.cells as usize, cells_total);
    assert_eq!(t.findings as usize, findings_total);

    // A last run completes the batch: the stored reports are unchanged.
    let out = Command::new(env!("CARGO_BIN_EXE_juesuan"))
        .args(["import", input.to_str().unwrap(), "--db", db])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains(&format!(
            "新导入 {} 份，未变化 {} 份，失败 0 份",
            total - reports.len(),
            reports.len()
        )),
        "{text}"
    );
    assert_eq!(store.totals().unwrap().reports as usize, total);
    // Pages are a cache written after each report: every report of the run
    // that completed has its page; only a report of a killed run may lack
    // one (the server renders it on view, or in the background at start).
    let stale = store.stale_pages(juesuan_server::PAGE_VERSION).unwrap();
    for id in &stale {
        assert!(
            reported.contains(id),
            "report {id} of the last run has no page"
        );
    }
    assert!(stale.len() < total, "{stale:?}");
}
