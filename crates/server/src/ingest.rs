//! Storing one uploaded file (also the bundled sample) through the
//! library's one ingest path ([`juesuan_store::ingest`]), then its page.

use juesuan_store::{Counts, Imported, IngestError};
use serde::Serialize;

use crate::error::ApiError;
use crate::progress::Job;
use crate::state::App;
use std::sync::Arc;

/// The result of storing an upload.
#[derive(Debug, Clone, Serialize)]
pub struct Ingested {
    /// Report id.
    pub id: String,
    /// `imported` or `unchanged`.
    pub status: &'static str,
    /// Department as printed.
    pub department: String,
    /// Fiscal year.
    pub year: Option<u32>,
    /// Finding counts.
    pub counts: Counts,
    /// The report page.
    pub url: String,
}

/// Reads, audits and stores `bytes` named `name` (a label only), then
/// renders and stores the new report's page ([`crate::prerender`]).
pub fn ingest(app: &App, name: &str, bytes: &[u8]) -> Result<Ingested, IngestError> {
    let outcome = juesuan_store::ingest(&app.store, &app.book, name, bytes)?;
    if let Imported::Imported(id) = &outcome {
        // The page is a cache: a report without one is still served (and
        // its page rendered on first view), so a failure is only logged.
        match crate::prerender::prerender(&app.store, id) {
            Ok(Some(page)) => app.cache_page(id, page),
            Ok(None) => {}
            Err(e) => eprintln!("警告：报告 {id} 的页面未能预先生成：{e}"),
        }
        // Next year's report was compared with this one: its page changed.
        match app.store.later_years(id) {
            Ok(later) => later.iter().for_each(|l| refresh_page(app, l)),
            Err(e) => eprintln!("警告：报告 {id} 的下一年度报告未能查到：{e}"),
        }
    }
    let summary = app
        .store
        .summary(outcome.id())
        .map_err(|e| IngestError::Store(e.to_string()))?
        .ok_or_else(|| IngestError::Store("刚写入的报告未找到".to_string()))?;
    Ok(Ingested {
        status: match outcome {
            Imported::Imported(_) => "imported",
            Imported::Unchanged(_) => "unchanged",
        },
        url: format!("/reports/{}", summary.id),
        id: summary.id,
        department: summary.department,
        year: summary.year,
        counts: summary.counts,
    })
}

/// [`ingest`] of an upload: a PDF that needs OCR first takes its pages of
/// the process's OCR budget (refused with 413 or 503 before any OCR when
/// they do not fit), and the reading's progress goes to `job` when the
/// upload page follows it. A file already in the library takes nothing.
pub fn ingest_upload(
    app: &App,
    name: &str,
    bytes: &[u8],
    job: Option<&Arc<Job>>,
) -> Result<Result<Ingested, IngestError>, ApiError> {
    let known = bytes.starts_with(b"%PDF")
        && app
            .store
            .id_by_hash(&juesuan_store::content_hash(bytes))
            .is_ok_and(|id| id.is_some());
    // A PDF the count cannot read is left to the reader to explain.
    let pages = if bytes.starts_with(b"%PDF") && !known {
        juesuan_read::pdf::scan_pages::ocr_pages(name, bytes).map_or(0, |p| p.len())
    } else {
        0
    };
    let _held = (pages > 0).then(|| app.ocr.take(pages)).transpose()?;
    Ok(match job {
        Some(job) => {
            job.expect_pages(pages);
            crate::progress::reading(job, || ingest(app, name, bytes))
        }
        None => ingest(app, name, bytes),
    })
}

/// Renders report `id`'s page anew (its findings or score changed) and
/// caches it; a failure is only logged (the page is rendered on first view).
pub fn refresh_page(app: &App, id: &str) {
    match crate::prerender::prerender(&app.store, id) {
        Ok(Some(page)) => app.cache_page(id, page),
        Ok(None) => {}
        Err(e) => eprintln!("警告：报告 {id} 的页面未能重新生成：{e}"),
    }
}

/// A safe label from a client-supplied file name: its last path component,
/// without control characters, at most 120 characters; `upload` if nothing remains.
pub fn file_label(name: Option<&str>) -> String {
    let raw = name.unwrap_or("");
    let last = raw.rsplit(['/', '\\']).next().unwrap_or("");
    let clean: String = last.chars().filter(|c| !c.is_control()).take(120).collect();
    let clean = clean.trim().trim_start_matches('.').to_string();
    if clean.is_empty() {
        "upload".to_string()
    } else {
        clean
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_never_carry_paths() {
        assert_eq!(file_label(Some("../../etc/passwd")), "passwd");
        assert_eq!(file_label(Some("C:\\x\\报告.txt")), "报告.txt");
        assert_eq!(file_label(Some("..")), "upload");
        assert_eq!(file_label(Some("a\u{0}b\nc.txt")), "abc.txt");
        assert_eq!(file_label(None), "upload");
    }
}
