//! The one path from a file's bytes to a stored report: read, audit, store.
//!
//! `juesuan import` (many files, in parallel) and the web app's upload and
//! bundled sample all go through [`ingest`], so the limits, the order of the
//! steps and the isolation of a failing file are the same everywhere. A file
//! already in the library (same content hash) is not read again.
//!
//! Each file is isolated: a reader or audit error is that file's error, and
//! so is a panic inside reading or auditing (caught here as a last line of
//! defence; it is a defect of juesuan to be reported, never a reason to lose
//! the other files of a batch or a server thread).

use crate::{content_hash, Imported, NewReport, Store};
use juesuan_audit::{audit, Rulebook};
use juesuan_model::Report;
use std::fmt;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// A front end turning a file's bytes into a report: [`juesuan_read::read_bytes`]
/// unless a caller (a test) gives another.
pub type Reader = fn(&str, &[u8]) -> Result<Report, juesuan_read::Error>;

/// Why a file was not stored. Messages are Chinese and give the place in
/// the file when there is one; the caller names the file (a batch prints it
/// before the message, an upload answers for its own body).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IngestError {
    /// Not a readable report (the reader's reason, with its place).
    Unreadable(String),
    /// Reading or auditing the file failed inside juesuan (a panic, caught).
    Internal(String),
    /// The library failed.
    Store(String),
}

impl IngestError {
    /// The message shown to users.
    pub fn message(&self) -> &str {
        match self {
            IngestError::Unreadable(m) | IngestError::Internal(m) | IngestError::Store(m) => m,
        }
    }
}

impl fmt::Display for IngestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

impl std::error::Error for IngestError {}

/// Reads, audits and stores `bytes`, named `name` (a label only, never
/// opened), in one transaction; `Unchanged` when the library already holds
/// the same file.
pub fn ingest(
    store: &Store,
    book: &Rulebook,
    name: &str,
    bytes: &[u8],
) -> Result<Imported, IngestError> {
    ingest_with(store, book, name, bytes, juesuan_read::read_bytes)
}

/// [`ingest`] with the front end `read`.
pub fn ingest_with(
    store: &Store,
    book: &Rulebook,
    name: &str,
    bytes: &[u8],
    read: Reader,
) -> Result<Imported, IngestError> {
    let known = store
        .id_by_hash(&content_hash(bytes))
        .map_err(|e| IngestError::Store(e.to_string()))?;
    if let Some(id) = known {
        // An import interrupted after its commit may have left the years
        // uncompared: done now (nothing when they are).
        store
            .refresh_years(&id)
            .map_err(|e| IngestError::Store(format!("跨年度核对失败：{e}")))?;
        return Ok(Imported::Unchanged(id));
    }
    let rec = prepare(book, name, bytes, read)?;
    let outcome = store
        .import(&rec)
        .map_err(|e| IngestError::Store(format!("写入数据库失败：{e}")))?;
    if let Imported::Imported(id) = &outcome {
        // Last year and next year of the same department, if stored.
        store
            .refresh_years(id)
            .map_err(|e| IngestError::Store(format!("跨年度核对失败：{e}")))?;
    }
    Ok(outcome)
}

/// Reads and audits one file into its record, a panic included as that
/// file's error.
fn prepare(
    book: &Rulebook,
    name: &str,
    bytes: &[u8],
    read: Reader,
) -> Result<NewReport, IngestError> {
    // Nothing shared is left half-changed by a panic here: the report and
    // its audit are this call's own values, and the rulebook is only read.
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        let mut report = read(name, bytes).map_err(|e| IngestError::Unreadable(unreadable(&e)))?;
        // Before the audit, and stored with the report: the choice is on the cell.
        juesuan_audit::reading::choose(&mut report, book);
        let result = audit(&report, book);
        NewReport::new(name, bytes, &report, &result, book)
            .map_err(|e| IngestError::Store(e.to_string()))
    }));
    outcome.unwrap_or_else(|panic| {
        let what = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "未知原因".to_string());
        Err(IngestError::Internal(format!(
            "读取或审核时 juesuan 内部出错（{what}），已跳过该文件；这是 juesuan 的缺陷，请报告"
        )))
    })
}

/// The reader's reason with its line, without the file name.
fn unreadable(e: &juesuan_read::Error) -> String {
    match e.line {
        Some(line) => format!("第 {line} 行：{}", e.message),
        None => e.message.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = include_str!("../../../tests/data/jilin-hrss-2024-final-accounts.txt");

    fn poisoned(name: &str, bytes: &[u8]) -> Result<Report, juesuan_read::Error> {
        if name == "poison.txt" {
            panic!("reader bug on {name}");
        }
        juesuan_read::read_bytes(name, bytes)
    }

    fn temp_store(tag: &str) -> Store {
        let dir = std::env::temp_dir().join(format!("juesuan-ingest-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Store::open(dir.join("lib.db").to_str().unwrap()).unwrap()
    }

    #[test]
    fn a_panic_is_that_files_error_and_the_next_file_still_imports() {
        let store = temp_store("panic");
        let book = Rulebook::builtin().unwrap();
        let err = ingest_with(&store, &book, "poison.txt", b"x", poisoned).unwrap_err();
        let IngestError::Internal(m) = &err else {
            panic!("{err:?}")
        };
        assert!(m.contains("内部出错（reader bug on poison.txt）"), "{m}");
        let ok = ingest_with(&store, &book, "a.txt", SAMPLE.as_bytes(), poisoned).unwrap();
        assert!(matches!(ok, Imported::Imported(_)), "{ok:?}");
        // The same bytes again: unchanged, not read a second time.
        let again = ingest(&store, &book, "b.txt", SAMPLE.as_bytes()).unwrap();
        assert_eq!(again, Imported::Unchanged(ok.id().to_string()));
        assert_eq!(store.totals().unwrap().reports, 1);
    }

    /// The cell the misreading reader changes, and the value printed there.
    const MISREAD: &str = "T02[2080101,C2]";

    /// Reads the sample, then plays OCR: 2080101's 财政拨款收入 read with one digit
    /// wrong and confidence 40 (its row and its column both know the value).
    fn misreading(name: &str, bytes: &[u8]) -> Result<Report, juesuan_read::Error> {
        let mut r = juesuan_read::read_bytes(name, bytes)?;
        let a = juesuan_model::CellAddr::parse(MISREAD).expect("an address");
        if let Some(c) = r
            .tables
            .get_mut(&a.table)
            .and_then(|t| t.rows.iter_mut().find(|row| row.key == a.row))
            .and_then(|row| row.cells.iter_mut().find(|c| c.column == a.column))
        {
            let at = c.raw.find(|ch: char| ch.is_ascii_digit()).unwrap_or(0);
            let d = c.raw.as_bytes()[at];
            let other = char::from(if d == b'9' { b'1' } else { d + 1 });
            c.raw = format!("{}{other}{}", &c.raw[..at], &c.raw[at + 1..]);
            c.value = juesuan_model::amount::parse_amount(&c.raw);
            c.span.confidence = Some(40);
        }
        Ok(r)
    }

    #[test]
    fn an_ocr_reading_the_identities_choose_is_stored_with_its_record() {
        let store = temp_store("chosen");
        let book = Rulebook::builtin().unwrap();
        let printed = juesuan_read::read_bytes("a.txt", SAMPLE.as_bytes())
            .unwrap()
            .cell(&juesuan_model::CellAddr::parse(MISREAD).unwrap())
            .map(|(_, c)| (c.raw.clone(), c.value))
            .unwrap();
        let id = ingest_with(&store, &book, "scan.txt", SAMPLE.as_bytes(), misreading)
            .unwrap()
            .id()
            .to_string();
        let model = store.model(&id).unwrap().expect("the stored model");
        let (_, cell) = model
            .cell(&juesuan_model::CellAddr::parse(MISREAD).unwrap())
            .unwrap();
        assert_eq!(cell.value, printed.1, "{cell:?}");
        let rec = cell.span.chosen.as_deref().expect("the choice recorded");
        assert_ne!(rec.read, printed.0);
        assert_eq!(rec.confidence, 40);
        let findings = store.findings(&id).unwrap();
        let note = findings
            .iter()
            .find(|f| f.rule == "ocr.chosen")
            .expect("an ocr.chosen finding");
        assert_eq!(note.severity, "info");
        assert_eq!(note.primary.as_deref(), Some(MISREAD));
        assert!(
            note.message.starts_with(&format!(
                "按恒等式选定读数：{MISREAD}（行政运行）识读为 {}（置信度 40）",
                rec.read
            )),
            "{}",
            note.message
        );
        assert!(
            !findings
                .iter()
                .any(|f| f.severity == "error" && f.primary.as_deref() == Some(MISREAD)),
            "{findings:#?}"
        );
    }

    #[test]
    fn an_unreadable_file_names_itself() {
        let store = temp_store("unreadable");
        let book = Rulebook::builtin().unwrap();
        let err = ingest(&store, &book, "bad.txt", "不是决算报告\n".as_bytes()).unwrap_err();
        let IngestError::Unreadable(m) = &err else {
            panic!("{err:?}")
        };
        assert!(m.contains("未找到任何决算表"), "{m}");
        let long = format!("{}\n", "9".repeat(juesuan_read::limits::MAX_LINE_BYTES + 1));
        let err = ingest(&store, &book, "long.txt", long.as_bytes()).unwrap_err();
        assert!(err.message().starts_with("第 1 行："), "{err}");
        assert_eq!(store.totals().unwrap().reports, 0);
    }
}
