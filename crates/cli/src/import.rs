//! `juesuan import PATH... [--db URL]`: batch import of files and folders.
//!
//! Workers (one per core) each take the next file and put it through the
//! library's one ingest path ([`juesuan_store::ingest`]: read, audit, store
//! in one transaction), so a report counted as imported is committed and a
//! failed one leaves nothing. One bad file never stops the batch: its error
//! (a panic while reading or auditing included) is that file's failure.
//!
//! Each imported report's web page is then rendered and stored too
//! ([`juesuan_server::prerender`]) by a thread of its own, after the
//! report's commit and its line: the page is a cache of the report, so a
//! report whose page is missing (a failure, a kill) is still served and its
//! page rendered on first view. A page that fails is a warning, not a
//! failed file.
//!
//! Output: after each report's transaction has committed, one line on
//! standard output, flushed at once — `已导入<TAB>ID<TAB>FILE` — so that a
//! script (or a test that kills the importer) knows exactly which reports are
//! stored for good; files already in the library are not listed. Failures
//! with their reasons go to standard error at the end, then a summary line
//! on standard output. The progress bar is drawn on standard error only when
//! that is a terminal.

use juesuan_audit::Rulebook;
use juesuan_store::ingest::{ingest_with, IngestError, Reader};
use juesuan_store::{Imported, Store, DEFAULT_DB};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Imports files and folders; exit 0 when every file was imported or
/// unchanged, 1 when the batch ran but some files could not be imported
/// (each listed with its reason), 2 when the batch could not run (the
/// database or the rulebook could not be opened).
pub fn run(paths: &[PathBuf], db: Option<&str>) -> u8 {
    let url = db.unwrap_or(DEFAULT_DB);
    let store = match Store::open(url) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("错误：{e}");
            return 2;
        }
    };
    let book = match Rulebook::builtin() {
        Ok(b) => b,
        Err(e) => {
            eprintln!("错误：{e}");
            return 2;
        }
    };
    let mut failures: Vec<(PathBuf, String)> = Vec::new();
    let files = crate::files::collect(paths, &mut failures);
    let mut out = std::io::stdout().lock();
    let summary = import_files(
        &store,
        &book,
        juesuan_read::read_bytes,
        &files,
        &mut failures,
        &mut out,
    );
    print_summary(
        &summary,
        &failures,
        &juesuan_store::redacted(url),
        &mut out,
        &mut std::io::stderr().lock(),
    );
    if failures.is_empty() {
        0
    } else {
        1
    }
}

/// Counts of one batch.
struct Summary {
    imported: usize,
    unchanged: usize,
    elapsed: Duration,
    /// Reports stored whose page could not be rendered or stored.
    page_warnings: Vec<(PathBuf, String)>,
}

/// The failures and page warnings on `err`, then the summary line on `out`.
fn print_summary(
    summary: &Summary,
    failures: &[(PathBuf, String)],
    db: &str,
    out: &mut dyn Write,
    err: &mut dyn Write,
) {
    for (path, reason) in failures {
        let _ = writeln!(err, "错误：{}：{reason}", path.display());
    }
    for (path, reason) in &summary.page_warnings {
        let _ = writeln!(
            err,
            "警告：{}：报告页面未能预先生成：{reason}",
            path.display()
        );
    }
    let _ = writeln!(
        out,
        "导入完成：新导入 {} 份，未变化 {} 份，失败 {} 份（用时 {:.1} 秒，数据库 {db}）",
        summary.imported,
        summary.unchanged,
        failures.len(),
        summary.elapsed.as_secs_f64(),
    );
    let _ = out.flush();
}

/// Puts every file through the ingest path with the front end `read`,
/// printing each committed report's line on `out`.
fn import_files(
    store: &Store,
    book: &Rulebook,
    read: Reader,
    files: &[PathBuf],
    failures: &mut Vec<(PathBuf, String)>,
    out: &mut dyn Write,
) -> Summary {
    let start = Instant::now();
    let workers = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(files.len().max(1));
    let next = AtomicUsize::new(0);
    let progress = crate::progress::Progress::new(files.len());
    let (mut imported, mut unchanged) = (0, 0);
    let mut page_warnings = Vec::new();
    std::thread::scope(|s| {
        // Pages of committed reports, rendered off the workers so that the
        // next report's commit never waits for a page.
        let (page_tx, page_rx) = mpsc::channel::<(String, usize)>();
        let pager = s.spawn(move || {
            let mut warnings = Vec::new();
            for (id, i) in page_rx {
                match juesuan_server::prerender(store, &id) {
                    Ok(Some(_)) => {}
                    Ok(None) => warnings.push((files[i].clone(), "报告未找到".to_string())),
                    Err(e) => warnings.push((files[i].clone(), e.to_string())),
                }
            }
            warnings
        });
        let (tx, rx) = mpsc::channel::<(usize, Result<Imported, String>)>();
        for _ in 0..workers {
            let tx = tx.clone();
            let next = &next;
            s.spawn(move || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(path) = files.get(i) else { break };
                let outcome = import_file(store, book, read, path);
                if tx.send((i, outcome)).is_err() {
                    break;
                }
            });
        }
        drop(tx);
        for (i, outcome) in rx {
            let path = &files[i];
            match outcome {
                Ok(Imported::Imported(id)) => {
                    imported += 1;
                    committed(out, &id, path);
                    // The pager only ends after this loop: sending cannot fail.
                    // Next year's report was compared with this one: its page
                    // changed too, rendered after this one's (the pager is
                    // one thread, so the last page it stores is the fresh one).
                    let later = store.later_years(&id).unwrap_or_default();
                    let _ = page_tx.send((id, i));
                    for l in later {
                        let _ = page_tx.send((l, i));
                    }
                }
                Ok(Imported::Unchanged(id)) => {
                    unchanged += 1;
                    // A run killed after this report's commit may have left
                    // it without its page, and this run may have completed
                    // the comparison with its next year (whose page that
                    // dropped): render whichever page is missing.
                    let mut ids = store.later_years(&id).unwrap_or_default();
                    ids.insert(0, id);
                    for id in ids {
                        let missing = store
                            .page(&id, juesuan_server::PAGE_VERSION)
                            .map_or(true, |p| p.is_none());
                        if missing {
                            let _ = page_tx.send((id, i));
                        }
                    }
                }
                Err(reason) => failures.push((path.clone(), reason)),
            }
            progress.tick(format!(
                "新导入 {imported}  未变化 {unchanged}  失败 {}",
                failures.len()
            ));
        }
        drop(page_tx);
        page_warnings = pager
            .join()
            .unwrap_or_else(|_| vec![(PathBuf::new(), "页面生成线程异常退出".to_string())]);
    });
    progress.finish();
    Summary {
        imported,
        unchanged,
        elapsed: start.elapsed(),
        page_warnings,
    }
}

/// Reports one committed report (see the module docs), flushed so that the
/// line is out before the next report is written.
fn committed(out: &mut dyn Write, id: &str, path: &Path) {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_else(|| path.to_string_lossy());
    let _ = writeln!(out, "已导入\t{id}\t{name}");
    let _ = out.flush();
}

/// Loads one file (refusing one too large before reading it) and ingests
/// it (runs on a worker); the reason when it failed.
fn import_file(
    store: &Store,
    book: &Rulebook,
    read: Reader,
    path: &Path,
) -> Result<Imported, String> {
    let limit = juesuan_read::MAX_FILE_BYTES as u64;
    match std::fs::metadata(path) {
        Ok(m) if m.len() > limit => {
            return Err(format!("文件过大（{} 字节，上限 {limit} 字节）", m.len()))
        }
        Ok(_) => {}
        Err(e) => return Err(format!("无法打开文件：{e}")),
    }
    let bytes = std::fs::read(path).map_err(|e| format!("无法读取文件：{e}"))?;
    // The stored name is the file name only: a label, not a path.
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    ingest_with(store, book, &name, &bytes, read).map_err(|e: IngestError| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = include_str!("../../../tests/data/jilin-hrss-2024-final-accounts.txt");

    fn temp_dir(tag: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("juesuan-import-test-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn a_bad_file_never_stops_the_batch() {
        let dir = temp_dir("batch");
        let input = dir.join("in");
        std::fs::create_dir_all(input.join("sub")).unwrap();
        std::fs::write(input.join("a-2024.txt"), SAMPLE).unwrap();
        let older = SAMPLE.replace("2024 年度", "2023 年度");
        std::fs::write(input.join("sub").join("a-2023.txt"), older).unwrap();
        std::fs::write(input.join("bad.txt"), "不是决算报告\n").unwrap();
        std::fs::write(input.join("README.md"), "skipped: not a report extension").unwrap();
        std::fs::write(input.join(".hidden.txt"), "skipped: hidden").unwrap();
        let store = Store::open(dir.join("lib.db").to_str().unwrap()).unwrap();
        let book = Rulebook::builtin().unwrap();

        let mut failures = Vec::new();
        let files = crate::files::collect(std::slice::from_ref(&input), &mut failures);
        assert_eq!(files.len(), 3, "{files:?}");
        let s = import_files(
            &store,
            &book,
            juesuan_read::read_bytes,
            &files,
            &mut failures,
            &mut std::io::sink(),
        );
        assert_eq!((s.imported, s.unchanged), (2, 0));
        assert_eq!(failures.len(), 1);
        assert!(failures[0].0.ends_with("bad.txt"));
        assert!(
            failures[0].1.contains("未找到任何决算表"),
            "{}",
            failures[0].1
        );
        let depts = store.departments("").unwrap();
        assert_eq!(depts.len(), 1);
        assert_eq!(depts[0].name, "吉林省人力资源和社会保障厅");
        let years: Vec<_> = depts[0].reports.iter().map(|r| r.year).collect();
        assert_eq!(years, vec![Some(2023), Some(2024)]);
        // Stored under the file name only.
        assert_eq!(depts[0].reports[1].source_name, "a-2024.txt");
        assert!(s.page_warnings.is_empty(), "{:?}", s.page_warnings);
        // Each report's page is stored, the same page the server renders.
        for r in &depts[0].reports {
            let stored = store
                .page(&r.id, juesuan_server::PAGE_VERSION)
                .unwrap()
                .unwrap();
            let mut html = String::new();
            std::io::Read::read_to_string(
                &mut flate2::read::GzDecoder::new(&stored[..]),
                &mut html,
            )
            .unwrap();
            let fresh = juesuan_server::prerender::render_page(&store, &r.id)
                .unwrap()
                .unwrap();
            assert_eq!(html, fresh);
            // The page of this report: T02 line 166 `2080101 行政运行 4,660.32 4,657.90`.
            assert!(html.contains("4,657.90</td>"));
        }
        assert!(store
            .stale_pages(juesuan_server::PAGE_VERSION)
            .unwrap()
            .is_empty());

        // Again, with the file also named directly: all unchanged.
        let mut failures = Vec::new();
        let files =
            crate::files::collect(&[input.clone(), input.join("a-2024.txt")], &mut failures);
        let s = import_files(
            &store,
            &book,
            juesuan_read::read_bytes,
            &files,
            &mut failures,
            &mut std::io::sink(),
        );
        assert_eq!((s.imported, s.unchanged), (0, 3));
        assert_eq!(failures.len(), 1);
        // A missing path is a failure with its reason, not a stop.
        let mut failures = Vec::new();
        let files = crate::files::collect(&[dir.join("missing.txt")], &mut failures);
        assert!(files.is_empty());
        assert!(failures[0].1.contains("无法打开"));
    }

    /// A front end with a defect: it panics on one file.
    fn panics_on_poison(
        name: &str,
        bytes: &[u8],
    ) -> Result<juesuan_model::Report, juesuan_read::Error> {
        if name.contains("poison") {
            panic!("a defect of the reader on {name}");
        }
        juesuan_read::read_bytes(name, bytes)
    }

    #[test]
    fn a_panic_in_one_file_is_that_files_failure() {
        let dir = temp_dir("poison");
        let input = dir.join("in");
        std::fs::create_dir_all(&input).unwrap();
        std::fs::write(input.join("a-2024.txt"), SAMPLE).unwrap();
        std::fs::write(
            input.join("b-poison.txt"),
            SAMPLE.replace("2024 年度", "2022 年度"),
        )
        .unwrap();
        std::fs::write(
            input.join("c-2023.txt"),
            SAMPLE.replace("2024 年度", "2023 年度"),
        )
        .unwrap();
        let store = Store::open(dir.join("lib.db").to_str().unwrap()).unwrap();
        let book = Rulebook::builtin().unwrap();
        let mut failures = Vec::new();
        let files = crate::files::collect(std::slice::from_ref(&input), &mut failures);
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let s = import_files(
            &store,
            &book,
            panics_on_poison,
            &files,
            &mut failures,
            &mut out,
        );
        print_summary(&s, &failures, "lib.db", &mut out, &mut err);
        let (out, err) = (
            String::from_utf8(out).unwrap(),
            String::from_utf8(err).unwrap(),
        );
        assert_eq!(
            (s.imported, s.unchanged, failures.len()),
            (2, 0, 1),
            "{out}{err}"
        );
        assert_eq!(out.matches("已导入\t").count(), 2, "{out}");
        assert!(
            out.contains("导入完成：新导入 2 份，未变化 0 份，失败 1 份"),
            "{out}"
        );
        assert!(err.contains("b-poison.txt：读取或审核时 juesuan 内部出错（a defect of the reader on b-poison.txt）"), "{err}");
        let years: Vec<_> = store.reports("").unwrap().iter().map(|r| r.year).collect();
        assert_eq!(years, vec![Some(2023), Some(2024)]);
    }

    #[test]
    fn run_reports_exit_codes() {
        let dir = temp_dir("run");
        let good = dir.join("a.txt");
        std::fs::write(&good, SAMPLE).unwrap();
        let db = format!("sqlite:{}", dir.join("lib.db").display());
        assert_eq!(run(std::slice::from_ref(&good), Some(&db)), 0);
        assert_eq!(run(&[good, dir.join("missing.txt")], Some(&db)), 1);
        // Nothing listens on port 1: the database cannot be opened.
        assert_eq!(
            run(
                std::slice::from_ref(&dir),
                Some("postgres://u@127.0.0.1:1/db")
            ),
            2
        );
    }
}
