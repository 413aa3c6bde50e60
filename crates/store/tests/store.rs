//! Store tests with the Jilin sample: migrations from an empty database,
//! idempotent re-import, one transaction per report, departments linked
//! across years.
//!
//! Every test runs on SQLite, and again on PostgreSQL when `JUESUAN_TEST_PG`
//! holds a URL (`postgres://user:password@127.0.0.1/db`; `.ci/run` starts a
//! local server and sets it). Each PostgreSQL run gets a schema of its own,
//! dropped afterwards. Without the variable a "skipped" line is printed.

use juesuan_audit::{audit, Rulebook};
use juesuan_store::{ErrorKind, Imported, NewReport, Store};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};

const SAMPLE: &str = include_str!("../../../tests/data/jilin-hrss-2024-final-accounts.txt");
const DEPARTMENT: &str = "吉林省人力资源和社会保障厅";

static N: AtomicU32 = AtomicU32::new(0);

/// A fresh directory under the system temp dir.
fn temp_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "juesuan-store-test-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// One empty database for one test run.
enum Db {
    /// An SQLite file (not yet created).
    Sqlite(PathBuf),
    /// A PostgreSQL schema of its own on the `JUESUAN_TEST_PG` database.
    Postgres { base: String, schema: String },
}

impl Db {
    fn sqlite() -> Db {
        Db::Sqlite(temp_dir().join("lib.db"))
    }

    fn postgres(base: &str) -> Db {
        let schema = format!(
            "juesuan_test_{}_{}",
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
        Db::Postgres {
            base: base.to_string(),
            schema,
        }
    }

    fn name(&self) -> &'static str {
        match self {
            Db::Sqlite(_) => "sqlite",
            Db::Postgres { .. } => "postgres",
        }
    }

    /// The URL `Store::open` takes.
    fn url(&self) -> String {
        match self {
            Db::Sqlite(path) => format!("sqlite:{}", path.display()),
            Db::Postgres { base, schema } => {
                let sep = if base.contains('?') { '&' } else { '?' };
                format!("{base}{sep}options=-csearch_path%3D{schema}")
            }
        }
    }

    fn open(&self) -> Store {
        let store = Store::open(&self.url()).unwrap();
        assert_eq!(store.backend_name(), self.name());
        store
    }

    /// Runs raw SQL on the database (the store itself exposes none).
    fn execute(&self, sql: &str) {
        match self {
            Db::Sqlite(path) => {
                let conn = rusqlite::Connection::open(path).unwrap();
                conn.execute_batch(sql).unwrap();
            }
            Db::Postgres { .. } => {
                let mut c = postgres::Client::connect(&self.url(), postgres::NoTls).unwrap();
                c.batch_execute(sql).unwrap();
            }
        }
    }
}

impl Drop for Db {
    fn drop(&mut self) {
        if let Db::Postgres { base, schema } = self {
            if let Ok(mut c) = postgres::Client::connect(base, postgres::NoTls) {
                let _ = c.batch_execute(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"));
            }
        }
    }
}

/// Runs `test` on SQLite, then on PostgreSQL if `JUESUAN_TEST_PG` is set.
fn on_each_backend(test: &str, run: impl Fn(&Db)) {
    run(&Db::sqlite());
    match std::env::var("JUESUAN_TEST_PG") {
        Ok(url) if !url.trim().is_empty() => run(&Db::postgres(url.trim())),
        // Skipped (or, where tools are required, failed) without a database.
        _ => {
            juesuan_testkit::available(
                &format!("PostgreSQL 测试库（{test}：设置 JUESUAN_TEST_PG=postgres://…）"),
                false,
            );
        }
    }
}

fn record(name: &str, text: &str) -> NewReport {
    let book = Rulebook::builtin().unwrap();
    let report = juesuan_read::read_bytes(name, text.as_bytes()).unwrap();
    let result = audit(&report, &book);
    NewReport::new(name, text.as_bytes(), &report, &result, &book).unwrap()
}

#[test]
fn migrates_an_empty_file_and_reopens() {
    on_each_backend("migrates_an_empty_file_and_reopens", |db| {
        if let Db::Sqlite(path) = db {
            // An existing empty file is an empty database.
            std::fs::write(path, b"").unwrap();
        }
        let store = db.open();
        assert_eq!(
            store.schema_version().unwrap(),
            juesuan_store::migrations::LATEST
        );
        let t = store.totals().unwrap();
        assert_eq!(
            (t.reports, t.departments, t.cells, t.findings),
            (0, 0, 0, 0)
        );
        drop(store);
        // Reopening applies nothing twice.
        let store = db.open();
        assert_eq!(
            store.schema_version().unwrap(),
            juesuan_store::migrations::LATEST
        );
        drop(store);
        // A database from a newer juesuan is refused, not damaged.
        db.execute("INSERT INTO schema_version (version) VALUES (99)");
        let err = Store::open(&db.url()).err().unwrap();
        assert_eq!(err.kind, ErrorKind::SchemaTooNew);
        assert!(err.message.contains("升级"));
    });
}

#[test]
fn a_schema_1_database_is_upgraded_and_keeps_its_models() {
    on_each_backend(
        "a_schema_1_database_is_upgraded_and_keeps_its_models",
        |db| {
            // A report row as schema 1 wrote it: the model as plain JSON text.
            let v1 = juesuan_store::migrations::MIGRATIONS[0].1;
            db.execute(juesuan_store::migrations::VERSION_TABLE);
            db.execute(v1);
            db.execute(
            "INSERT INTO schema_version (version) VALUES (1);
             INSERT INTO departments (dept_key, name) VALUES ('吉林省人力资源和社会保障厅', '吉林省人力资源和社会保障厅');
             INSERT INTO reports (id, content_hash, source_name, byte_size, dept_key, department, year,
               profile, unit, model_json, errors, warnings, infos, rules_total, rules_ran,
               rules_not_applicable, rules_insufficient_data, outcomes_json, rulebook, imported_at)
             VALUES ('00000000000000aa', 'aa', 'old.txt', 1, '吉林省人力资源和社会保障厅',
               '吉林省人力资源和社会保障厅', 2024, 'central', '万元', '{\"x\":1}', 0, 0, 0, 0, 0, 0, 0,
               '[]', 'builtin@1', '2025-01-01T00:00:00Z');",
        );
            let store = db.open();
            assert_eq!(
                store.schema_version().unwrap(),
                juesuan_store::migrations::LATEST
            );
            assert_eq!(
                store.model_json("00000000000000aa").unwrap().as_deref(),
                Some("{\"x\":1}")
            );
            let s = store.summary("00000000000000aa").unwrap().unwrap();
            assert_eq!(s.year, Some(2024));
        },
    );
}

#[test]
fn imports_the_sample_once() {
    on_each_backend("imports_the_sample_once", |db| {
        let store = db.open();
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
    });
}

#[test]
fn a_failing_report_leaves_nothing_behind() {
    on_each_backend("a_failing_report_leaves_nothing_behind", |db| {
        let store = db.open();
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
    });
}

#[test]
fn links_a_department_across_years() {
    on_each_backend("links_a_department_across_years", |db| {
        let store = db.open();
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
    });
}

#[test]
fn two_importers_of_one_file_store_it_once() {
    on_each_backend("two_importers_of_one_file_store_it_once", |db| {
        let rec = record("jilin.txt", SAMPLE);
        // Two libraries open on one database, as two `juesuan import` processes.
        let (a, b) = (db.open(), db.open());
        let outcomes = std::thread::scope(|s| {
            let ta = s.spawn(|| a.import(&rec).unwrap());
            let tb = s.spawn(|| b.import(&rec).unwrap());
            [ta.join().unwrap(), tb.join().unwrap()]
        });
        let imported = outcomes
            .iter()
            .filter(|o| matches!(o, Imported::Imported(_)))
            .count();
        assert_eq!(imported, 1, "{outcomes:?}");
        assert_eq!(outcomes[0].id(), outcomes[1].id());
        let t = a.totals().unwrap();
        assert_eq!((t.reports, t.departments), (1, 1));
        assert_eq!(t.cells as usize, rec.cells.len());
    });
}

#[test]
fn compares_a_measure_across_departments() {
    on_each_backend("compares_a_measure_across_departments", |db| {
        let store = db.open();
        store.import(&record("jilin.txt", SAMPLE)).unwrap();
        // Another department whose T09 决算合计 (C7, line 437 `… 151.58 …`) is 140.00.
        let other = SAMPLE
            .replace(DEPARTMENT, "吉林省测试厅")
            .replace("151.58", "140.00");
        store.import(&record("other.txt", &other)).unwrap();
        let older = SAMPLE.replace("2024 年度", "2023 年度");
        store.import(&record("older.txt", &older)).unwrap();
        assert_eq!(store.totals().unwrap().measures, 18);

        let m = store.measure("sangong", None).unwrap().unwrap();
        assert_eq!(m.name, "“三公”经费支出决算");
        let got: Vec<_> = m
            .rows
            .iter()
            .map(|r| (r.department.as_str(), r.year, r.value.as_deref()))
            .collect();
        assert_eq!(
            got,
            vec![
                (DEPARTMENT, Some(2023), Some("151.58")),
                (DEPARTMENT, Some(2024), Some("151.58")),
                ("吉林省测试厅", Some(2024), Some("140.00")),
            ]
        );
        assert_eq!(m.rows[0].source.as_deref(), Some("T09[R1,C7]"));
        assert_eq!(m.rows[0].line, Some(437));

        // 机关运行经费 from the narrative: line 1503 `2024年度机关运行经费支出868.28万元`.
        let m = store.measure("jiguan", Some(2024)).unwrap().unwrap();
        assert_eq!(m.rows.len(), 2);
        assert_eq!(m.rows[0].value.as_deref(), Some("868.28"));
        assert_eq!(m.rows[0].line, Some(1503));
        // 公务接待费 决算 (C12) is 0.55.
        let m = store.measure("reception", Some(2024)).unwrap().unwrap();
        assert_eq!(m.rows[0].value.as_deref(), Some("0.55"));
        assert!(store.measure("no-such-measure", None).unwrap().is_none());
    });
}

#[test]
fn stores_report_pages_by_version() {
    on_each_backend("stores_report_pages_by_version", |db| {
        let store = db.open();
        let Imported::Imported(id) = store.import(&record("jilin.txt", SAMPLE)).unwrap() else {
            panic!("expected a new report")
        };
        // A new report has no page yet: it is listed as stale.
        assert_eq!(store.page(&id, 3).unwrap(), None);
        assert_eq!(store.stale_pages(3).unwrap(), vec![id.clone()]);

        // Bytes go in and come out unchanged (all 256 byte values, as in gzip data).
        let v3: Vec<u8> = (0..=255u8).chain([0x1f, 0x8b, 0, 0]).collect();
        store.put_page(&id, 3, &v3).unwrap();
        assert_eq!(store.page(&id, 3).unwrap(), Some(v3.clone()));
        // Only the wanted version is served.
        assert_eq!(store.page(&id, 2).unwrap(), None);
        assert_eq!(store.page(&id, 4).unwrap(), None);
        assert!(store.stale_pages(3).unwrap().is_empty());
        assert_eq!(store.stale_pages(4).unwrap(), vec![id.clone()]);

        // Upsert: the same version is replaced, a newer one replaces it ...
        store.put_page(&id, 3, b"again").unwrap();
        assert_eq!(store.page(&id, 3).unwrap().as_deref(), Some(&b"again"[..]));
        store.put_page(&id, 4, b"newer").unwrap();
        assert_eq!(store.page(&id, 4).unwrap().as_deref(), Some(&b"newer"[..]));
        assert_eq!(store.page(&id, 3).unwrap(), None);
        // ... and an older one (an older server sharing the library) does not.
        store.put_page(&id, 3, b"older").unwrap();
        assert_eq!(store.page(&id, 4).unwrap().as_deref(), Some(&b"newer"[..]));
        assert!(store.stale_pages(4).unwrap().is_empty());

        // Re-importing the same file keeps the report and its page.
        assert_eq!(
            store.import(&record("copy.txt", SAMPLE)).unwrap(),
            Imported::Unchanged(id.clone())
        );
        assert_eq!(store.page(&id, 4).unwrap().as_deref(), Some(&b"newer"[..]));

        // A page needs its report.
        assert!(store.put_page("00000000000000ff", 4, b"x").is_err());
        // The page goes with its report.
        db.execute(&format!("DELETE FROM reports WHERE id = '{id}'"));
        assert_eq!(store.page(&id, 4).unwrap(), None);
        assert!(store.stale_pages(4).unwrap().is_empty());
    });
}

#[test]
fn filters_the_library_by_year_and_status() {
    use juesuan_store::{ReportFilter, Status};
    on_each_backend("filters_the_library_by_year_and_status", |db| {
        let store = db.open();
        store.import(&record("jilin-2024.txt", SAMPLE)).unwrap();
        let older = SAMPLE.replace("2024 年度", "2023 年度");
        store.import(&record("jilin-2023.txt", &older)).unwrap();
        let other = SAMPLE.replace(DEPARTMENT, "吉林省测试厅");
        store.import(&record("other.txt", &other)).unwrap();
        assert_eq!(store.years().unwrap(), vec![2023, 2024]);

        // `juesuan check` of the sample: 5 errors, 26 warnings, 41 infos.
        let all = store.reports_where(&ReportFilter::default()).unwrap();
        assert_eq!(all.len(), 3);
        let sample = all
            .iter()
            .find(|r| r.source_name == "jilin-2024.txt")
            .unwrap();
        assert_eq!(
            (
                sample.counts.errors,
                sample.counts.warnings,
                sample.counts.infos
            ),
            (5, 26, 41)
        );

        let count = |q: &str, year: Option<u32>, status: Option<Status>| {
            store
                .reports_where(&ReportFilter {
                    q: q.to_string(),
                    year,
                    status,
                    dept: None,
                })
                .unwrap()
                .len()
        };
        assert_eq!(count("", Some(2024), None), 2);
        assert_eq!(count("", Some(2023), None), 1);
        assert_eq!(count("", Some(2022), None), 0);
        assert_eq!(count("", None, Some(Status::Errors)), 3);
        assert_eq!(count("", None, Some(Status::Warnings)), 3);
        assert_eq!(count("", None, Some(Status::Clean)), 0);
        assert_eq!(count("人力资源", Some(2024), Some(Status::Errors)), 1);
        assert_eq!(count("测试厅", Some(2023), None), 0);

        let depts = store
            .departments_where(&ReportFilter {
                year: Some(2023),
                ..ReportFilter::default()
            })
            .unwrap();
        assert_eq!(depts.len(), 1);
        assert_eq!(depts[0].name, DEPARTMENT);
        assert_eq!(depts[0].reports.len(), 1);

        assert_eq!(Status::parse("有警告"), Some(Status::Warnings));
        assert_eq!(Status::parse("clean"), Some(Status::Clean));
        assert_eq!(Status::parse("bogus"), None);
    });
}

/// Variant `i` of the sample: department `吉林省第{i}测试厅`, year
/// 2020 + i % 3. Variants 0, 1 and 2 print their 三公 决算 合计 (T09 line
/// 437) as 140.00 instead of 151.58 (`juesuan check`: 7 errors instead of
/// the sample's 4), variant 0 also its 行政运行 决算 (T02 line 166) as
/// 4,600.00 instead of 4,657.90 (9 errors); variant 6 does not name
/// 机关运行经费 (line 1503), so it has no such measure.
fn variant(i: usize) -> String {
    let mut text = SAMPLE
        .replace(DEPARTMENT, &format!("吉林省第{i}测试厅"))
        .replace("2024 年度", &format!("{} 年度", 2020 + i % 3));
    if i < 3 {
        text = text.replace("151.58", "140.00");
    }
    if i == 0 {
        text = text.replace("4,657.90", "4,600.00");
    }
    if i == 6 {
        text = text.replace("机关运行经费", "机关经费");
    }
    text
}

#[test]
fn lists_the_library_a_page_at_a_time() {
    use juesuan_audit::Severity;
    use juesuan_store::measure::SortKey;
    use juesuan_store::{FindingFilter, Order, Paging, ReportFilter, Sort};
    on_each_backend("lists_the_library_a_page_at_a_time", |db| {
        let store = db.open();
        for i in 0..7 {
            store
                .import(&record(&format!("v{i}.txt"), &variant(i)))
                .unwrap();
        }
        let all = ReportFilter::default();
        let depts = |reports: &[juesuan_store::ReportSummary]| -> Vec<String> {
            reports.iter().map(|r| r.department.clone()).collect()
        };

        // Pages of three in department order: none twice, none left out.
        let first = store
            .report_page(&all, Order::default(), Paging::new(3, 0))
            .unwrap();
        assert_eq!((first.total, first.reports.len()), (7, 3));
        let mut listed = Vec::new();
        for k in 0..3 {
            let page = store
                .report_page(&all, Order::default(), Paging::new(3, k * 3))
                .unwrap();
            listed.extend(depts(&page.reports));
        }
        let mut sorted = listed.clone();
        sorted.sort();
        assert_eq!(listed, sorted);
        assert_eq!(listed.len(), 7);

        // By error count: variant 0 first, and last when reversed.
        let worst = store
            .report_page(&all, Order::new(Sort::Errors), Paging::new(7, 0))
            .unwrap();
        assert_eq!(worst.reports[0].department, "吉林省第0测试厅");
        assert!(worst.reports[0].counts.errors > worst.reports[1].counts.errors);
        let best = Order {
            sort: Sort::Errors,
            reverse: true,
        };
        let best = store.report_page(&all, best, Paging::new(7, 0)).unwrap();
        assert_eq!(best.reports[6].department, "吉林省第0测试厅");
        // By year, newest first.
        let by_year = store
            .report_page(&all, Order::new(Sort::Year), Paging::new(7, 0))
            .unwrap();
        let years: Vec<_> = by_year.reports.iter().map(|r| r.year).collect();
        assert!(years.windows(2).all(|w| w[0] >= w[1]), "{years:?}");

        // Filters: year 2021 holds variants 1 and 4; a search folds spaces.
        let y2021 = ReportFilter {
            year: Some(2021),
            ..ReportFilter::default()
        };
        assert_eq!(store.count_reports(&y2021).unwrap(), 2);
        let page = store
            .report_page(&y2021, Order::default(), Paging::new(1, 1))
            .unwrap();
        assert_eq!(
            (page.total, depts(&page.reports)),
            (2, vec!["吉林省第4测试厅".to_string()])
        );
        assert_eq!(
            store.count_reports(&ReportFilter::search("第 6")).unwrap(),
            1
        );
        let one = ReportFilter {
            dept: Some("吉林省第3测试厅".into()),
            ..ReportFilter::default()
        };
        assert_eq!(store.reports_where(&one).unwrap().len(), 1);

        // Departments a page at a time, by key.
        let d = store.department_page(&all, Paging::new(2, 2)).unwrap();
        assert_eq!(d.total, 7);
        let names: Vec<_> = d.departments.iter().map(|d| d.name.as_str()).collect();
        assert_eq!(names, ["吉林省第2测试厅", "吉林省第3测试厅"]);
        assert_eq!(d.departments[0].reports.len(), 1);

        // A measure by value: 140.00 (variants 0 to 2) below 151.58.
        let values = |key: &str, desc: bool, paging: Paging| -> Vec<Option<String>> {
            store
                .measure_page(key, None, SortKey::Value, desc, paging)
                .unwrap()
                .unwrap()
                .rows
                .into_iter()
                .map(|r| r.value)
                .collect()
        };
        let v = |s: &str| Some(s.to_string());
        assert_eq!(
            values("sangong", false, Paging::new(2, 2)),
            [v("140.00"), v("151.58")]
        );
        assert_eq!(
            values("sangong", true, Paging::new(3, 3)),
            [v("151.58"), v("140.00"), v("140.00")]
        );
        // Reports without the measure come last either way, on the same pages.
        assert_eq!(
            values("jiguan", true, Paging::new(2, 5)),
            [v("868.28"), None]
        );
        assert_eq!(values("jiguan", false, Paging::new(5, 6)), [None]);
        let m = store
            .measure_page(
                "jiguan",
                Some(2020),
                SortKey::Department,
                false,
                Paging::new(50, 0),
            )
            .unwrap()
            .unwrap();
        assert_eq!((m.total, m.rows.len()), (3, 3));
        let depts: Vec<_> = m.rows.iter().map(|r| r.department.as_str()).collect();
        assert_eq!(
            depts,
            ["吉林省第0测试厅", "吉林省第3测试厅", "吉林省第6测试厅"]
        );
        assert_eq!(m.rows[2].value, None);
        let m = store
            .measure_page("sangong", None, SortKey::Year, true, Paging::new(7, 0))
            .unwrap()
            .unwrap();
        let years: Vec<_> = m.rows.iter().map(|r| r.year).collect();
        assert!(years.windows(2).all(|w| w[0] >= w[1]), "{years:?}");
        assert!(store
            .measure_page("nothing", None, SortKey::Value, false, Paging::default())
            .unwrap()
            .is_none());

        // A report's findings by severity and rule.
        let id = &first.reports[0].id;
        let every = store.findings(id).unwrap();
        let errors = store
            .findings_where(id, &FindingFilter::severity(Severity::Error))
            .unwrap();
        assert!(!errors.is_empty());
        assert!(errors.iter().all(|f| f.severity == "error"));
        assert_eq!(
            errors.len(),
            every.iter().filter(|f| f.severity == "error").count()
        );
        let t01 = FindingFilter {
            severities: vec![Severity::Info, Severity::Warning],
            rule: "T01".into(),
        };
        let got = store.findings_where(id, &t01).unwrap();
        let want: Vec<_> = every.iter().filter(|f| t01.matches(f)).cloned().collect();
        assert!(!want.is_empty());
        assert_eq!(got, want);
        let lower = FindingFilter {
            rule: "t01".into(),
            ..FindingFilter::default()
        };
        assert!(store.findings_where(id, &lower).unwrap().is_empty());
    });
}

/// The `Y.*` findings stored with a report, as (rule, severity).
fn cross_year(store: &Store, id: &str) -> Vec<(String, String)> {
    store
        .findings(id)
        .unwrap()
        .into_iter()
        .filter(|f| f.rule.starts_with("Y."))
        .map(|f| (f.rule, f.severity))
        .collect()
}

/// The points earned of the cross-year class, if it was scored.
fn cross_year_points(store: &Store, id: &str) -> Option<String> {
    let s = store.score(id).unwrap().unwrap();
    s.parts
        .iter()
        .find(|p| p.item == "跨年度衔接")
        .map(|p| p.earned.to_string())
}

#[test]
fn a_consistent_prior_year_adds_no_error_in_either_order() {
    use juesuan_testkit::years::{jilin_2023, JILIN_2024};
    on_each_backend(
        "a_consistent_prior_year_adds_no_error_in_either_order",
        |db| {
            let store = db.open();
            let book = Rulebook::builtin().unwrap();
            // This year first: compared when last year arrives.
            let now = juesuan_store::ingest(&store, &book, "jilin-2024.txt", JILIN_2024.as_bytes())
                .unwrap();
            let before = store.summary(now.id()).unwrap().unwrap().counts;
            assert_eq!(cross_year_points(&store, now.id()), None);
            store.put_page(now.id(), 1, b"gz").unwrap();
            let last = jilin_2023(true);
            juesuan_store::ingest(&store, &book, "jilin-2023.txt", last.as_bytes()).unwrap();
            let found = cross_year(&store, now.id());
            assert!(found.iter().all(|(_, s)| s == "info"), "{found:?}");
            assert_eq!(
                store.summary(now.id()).unwrap().unwrap().counts.errors,
                before.errors
            );
            // All 6 points of the class, and the page cache dropped.
            assert_eq!(cross_year_points(&store, now.id()).as_deref(), Some("6"));
            assert_eq!(store.page(now.id(), 1).unwrap(), None);
        },
    );
}

#[test]
fn a_broken_prior_year_is_stored_with_the_later_report_and_ranked() {
    use juesuan_testkit::years::{jilin_2023, JILIN_2024};
    on_each_backend(
        "a_broken_prior_year_is_stored_with_the_later_report_and_ranked",
        |db| {
            let store = db.open();
            let book = Rulebook::builtin().unwrap();
            let last = jilin_2023(false);
            let old =
                juesuan_store::ingest(&store, &book, "jilin-2023.txt", last.as_bytes()).unwrap();
            let now = juesuan_store::ingest(&store, &book, "jilin-2024.txt", JILIN_2024.as_bytes())
                .unwrap();
            let mut found: Vec<(String, String)> = cross_year(&store, now.id())
                .into_iter()
                .filter(|(_, s)| s == "error")
                .collect();
            found.sort();
            assert_eq!(
                found,
                [
                    ("Y.carry_forward".to_string(), "error".to_string()),
                    ("Y.prior_stated".to_string(), "error".to_string())
                ]
            );
            let carry = store
                .findings(now.id())
                .unwrap()
                .into_iter()
                .find(|f| f.rule == "Y.carry_forward")
                .unwrap();
            let addrs: Vec<&str> = carry.cells.iter().map(|c| c.addr.as_str()).collect();
            assert_eq!(addrs, ["T01[R12,C1]", "T01[R26,C2]@2023"]);
            assert_eq!(carry.line, Some(134));
            assert!(
                carry.message.contains("jilin-2023.txt，2023 年度"),
                "{}",
                carry.message
            );
            // The sample's own 5 errors, and the two of the comparison.
            assert_eq!(
                store.summary(now.id()).unwrap().unwrap().counts.errors,
                5 + 2
            );
            // 6 points, 3 off per error.
            assert_eq!(cross_year_points(&store, now.id()).as_deref(), Some("0"));
            // Last year's report has no year before it: nothing compared.
            assert!(cross_year(&store, old.id()).is_empty());

            let page = store
                .scores(None, juesuan_store::Paging::new(10, 0))
                .unwrap();
            assert_eq!(page.total, 2);
            let ranked: Vec<&str> = page.rows.iter().map(|r| r.id.as_str()).collect();
            let (a, b) = (
                store.score(ranked[0]).unwrap().unwrap().value,
                store.score(ranked[1]).unwrap().unwrap().value,
            );
            assert!(a >= b, "{page:?}");
            assert_eq!(page.rows[0].score.as_deref(), Some(a.to_string().as_str()));
            let of_2023 = store
                .scores(Some(2023), juesuan_store::Paging::new(10, 0))
                .unwrap();
            assert_eq!(of_2023.total, 1);
            assert_eq!(of_2023.rows[0].id, old.id());
        },
    );
}

#[test]
fn a_renamed_department_is_compared_once_linked() {
    use juesuan_testkit::years::{jilin_2023, JILIN_2024};
    on_each_backend("a_renamed_department_is_compared_once_linked", |db| {
        let store = db.open();
        let book = Rulebook::builtin().unwrap();
        let last = jilin_2023(false).replace(DEPARTMENT, "吉林省人事厅");
        juesuan_store::ingest(&store, &book, "renamed-2023.txt", last.as_bytes()).unwrap();
        let now =
            juesuan_store::ingest(&store, &book, "jilin-2024.txt", JILIN_2024.as_bytes()).unwrap();
        assert!(cross_year(&store, now.id()).is_empty());
        let ids = store.link_departments("吉林省人事厅", DEPARTMENT).unwrap();
        assert_eq!(ids.len(), 2);
        assert_eq!(store.later_years(&ids[0]).unwrap(), [now.id()]);
        let errors = cross_year(&store, now.id())
            .into_iter()
            .filter(|(_, s)| s == "error")
            .count();
        assert_eq!(errors, 2);
        let e = store
            .link_departments("没有这个部门", DEPARTMENT)
            .unwrap_err();
        assert_eq!(e.kind, ErrorKind::NotFound);
        let e = store.link_departments(DEPARTMENT, DEPARTMENT).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Invalid);
    });
}
