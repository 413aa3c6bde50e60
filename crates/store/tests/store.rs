//! Store tests on SQLite with the Jilin sample: migrations from an empty
//! file, idempotent re-import, one transaction per report, departments
//! linked across years.

use juesuan_audit::{audit, Rulebook};
use juesuan_store::{ErrorKind, Imported, NewReport, Store};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};

const SAMPLE: &str = include_str!("../../../tests/data/jilin-hrss-2024-final-accounts.txt");

/// A fresh directory under the system temp dir.
fn temp_dir() -> PathBuf {
    static N: AtomicU32 = AtomicU32::new(0);
    let dir = std::env::temp_dir().join(format!(
        "juesuan-store-test-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn record(name: &str, text: &str) -> NewReport {
    let book = Rulebook::builtin().unwrap();
    let report = juesuan_read::read_bytes(name, text.as_bytes()).unwrap();
    let result = audit(&report, &book);
    NewReport::new(name, text.as_bytes(), &report, &result, &book).unwrap()
}

#[test]
fn migrates_an_empty_file_and_reopens() {
    let dir = temp_dir();
    let path = dir.join("lib.db");
    // An existing empty file is an empty database.
    std::fs::write(&path, b"").unwrap();
    let store = Store::open(&format!("sqlite:{}", path.display())).unwrap();
    assert_eq!(store.schema_version().unwrap(), 1);
    let t = store.totals().unwrap();
    assert_eq!(
        (t.reports, t.departments, t.cells, t.findings),
        (0, 0, 0, 0)
    );
    drop(store);
    // Reopening applies nothing twice.
    let store = Store::open(path.to_str().unwrap()).unwrap();
    assert_eq!(store.schema_version().unwrap(), 1);
    drop(store);
    // A database from a newer juesuan is refused, not damaged.
    record_future_version(&path);
    let err = Store::open(path.to_str().unwrap()).err().unwrap();
    assert_eq!(err.kind, ErrorKind::SchemaTooNew);
    assert!(err.message.contains("升级"));
}

/// Marks the database as written by a newer schema (through a plain SQLite
/// connection: the store itself exposes no raw SQL).
fn record_future_version(path: &std::path::Path) {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute("INSERT INTO schema_version (version) VALUES (99)", [])
        .unwrap();
}

#[test]
fn imports_the_sample_once() {
    let dir = temp_dir();
    let store = Store::open(dir.join("lib.db").to_str().unwrap()).unwrap();
    let rec = record("jilin.txt", SAMPLE);
    let first = store.import(&rec).unwrap();
    let Imported::Imported(id) = first else {
        panic!("expected a new report, got {first:?}")
    };
    let totals = store.totals().unwrap();
    assert_eq!(totals.reports, 1);
    assert_eq!(totals.departments, 1);

    // Same bytes again, even under another name: unchanged, nothing added.
    let again = record("copy-of-jilin.txt", SAMPLE);
    assert_eq!(
        store.import(&again).unwrap(),
        Imported::Unchanged(id.clone())
    );
    assert_eq!(store.totals().unwrap(), totals);

    let s = store.summary(&id).unwrap().unwrap();
    assert_eq!(s.department, "吉林省人力资源和社会保障厅");
    assert_eq!(s.year, Some(2024));
    assert_eq!(s.source_name, "jilin.txt");
    assert_eq!(s.unit, "万元");
    assert_eq!(s.byte_size, SAMPLE.len() as u64);
    assert_eq!(store.id_by_hash(&s.content_hash).unwrap(), Some(id.clone()));

    // Cells as printed in the document: T02 line 166 `2080101 行政运行 4,660.32 4,657.90`.
    let cells = store.cells(&id).unwrap();
    let c = cells
        .iter()
        .find(|c| c.addr() == "T02[2080101,C2]")
        .unwrap();
    assert_eq!(
        (c.value.as_str(), c.name.as_str(), c.line),
        ("4657.90", "行政运行", 166)
    );
    // T05 prints 栏次 7–11 (line 310 `2080101 行政运行 4658.29 …`).
    let c = cells
        .iter()
        .find(|c| c.addr() == "T05[2080101,C7]")
        .unwrap();
    assert_eq!((c.value.as_str(), c.line), ("4658.29", 310));

    // The model round-trips with its provenance.
    let model = store.model(&id).unwrap().unwrap();
    assert_eq!(model.meta.department, "吉林省人力资源和社会保障厅");

    // Findings are stored with their cells; the T01 income total (T01[R10,C1] printed
    // 34,951.33) is one of the cells the audit reads.
    let findings = store.findings(&id).unwrap();
    assert!(!findings.is_empty());
    assert_eq!(findings.len() as u64, totals.findings);
    let f = findings
        .iter()
        .find(|f| f.primary.as_deref() == Some("T01[R10,C1]"))
        .unwrap();
    assert_eq!(f.actual.as_deref(), Some("34951.33"));
    assert!(
        f.source_line
            .as_deref()
            .unwrap_or_default()
            .contains("34,951.33"),
        "{f:?}"
    );
}

#[test]
fn a_failing_report_leaves_nothing_behind() {
    let dir = temp_dir();
    let store = Store::open(dir.join("lib.db").to_str().unwrap()).unwrap();
    let good = record("jilin.txt", SAMPLE);
    // A record whose last statement fails (a finding numbered twice violates
    // the primary key) after its department, report row and cells went in.
    let mut bad = good.clone();
    let dup = bad.findings[0].clone();
    bad.findings.push(dup);
    assert!(store.import(&bad).is_err());
    let t = store.totals().unwrap();
    assert_eq!(
        (t.reports, t.departments, t.cells, t.findings),
        (0, 0, 0, 0)
    );
    assert_eq!(store.id_by_hash(&good.content_hash).unwrap(), None);
    // The good record then goes in whole.
    assert!(matches!(
        store.import(&good).unwrap(),
        Imported::Imported(_)
    ));
    let t = store.totals().unwrap();
    assert_eq!(t.cells as usize, good.cells.len());
    assert_eq!(t.findings as usize, good.findings.len());
}

#[test]
fn links_a_department_across_years() {
    let dir = temp_dir();
    let store = Store::open(dir.join("lib.db").to_str().unwrap()).unwrap();
    // A 2023 variant of the sample with T02[2080101,C2] printed 4,600.00.
    let older = SAMPLE
        .replace("2024 年度", "2023 年度")
        .replace("4,657.90", "4,600.00");
    store.import(&record("jilin-2024.txt", SAMPLE)).unwrap();
    store.import(&record("jilin-2023.txt", &older)).unwrap();

    let depts = store.departments("人力资源").unwrap();
    assert_eq!(depts.len(), 1);
    assert_eq!(depts[0].name, "吉林省人力资源和社会保障厅");
    let years: Vec<_> = depts[0].reports.iter().map(|r| r.year).collect();
    assert_eq!(years, vec![Some(2023), Some(2024)]);
    assert!(store.departments("财政厅").unwrap().is_empty());
    // LIKE wildcards in the search are literal.
    assert!(store.departments("%").unwrap().is_empty());

    let cmp = store.compare_department(&depts[0].key).unwrap().unwrap();
    assert_eq!(cmp.reports.len(), 2);
    let row = cmp
        .rows
        .iter()
        .find(|r| r.addr == "T02[2080101,C2]")
        .unwrap();
    assert_eq!(
        row.values,
        vec![Some("4600.00".to_string()), Some("4657.90".to_string())]
    );
    assert_eq!(row.changes[1].as_deref(), Some("57.90"));
    assert!(row.changed);
    let same = cmp
        .rows
        .iter()
        .find(|r| r.addr == "T02[2080101,C1]")
        .unwrap();
    assert_eq!(same.values[0].as_deref(), Some("4660.32"));
    assert!(!same.changed);
    assert!(store.compare_department("没有这个部门").unwrap().is_none());
}
