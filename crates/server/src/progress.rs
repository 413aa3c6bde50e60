//! Progress of the uploads being read: the upload page names its upload
//! (`?job=` on `POST /api/reports`) and asks `GET /api/uploads/{job}`
//! how far the reading has come — pages read by OCR of pages to read,
//! then the audit.
//!
//! The reader tells one process-wide observer of every OCR page
//! ([`juesuan_read::ocr::progress`]); it is told first on the thread that
//! asked for the reading, which is the upload's blocking thread, so that
//! first report ties the reading ([`Progress::doc`]) to the upload running
//! there, and later reports from the OCR worker threads follow the tie.

use juesuan_read::ocr::progress::Progress;
use serde::Serialize;
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU8, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, Once};

/// Where one upload stands.
#[derive(Debug, Default)]
pub struct Job {
    stage: AtomicU8,
    done: AtomicUsize,
    total: AtomicUsize,
}

// Stage 0 (the default) is reading and auditing a document without OCR.
const OCR: u8 = 1;
const AUDITING: u8 = 2;

impl Job {
    /// Pages to be read by OCR, known before the reading starts.
    pub fn expect_pages(&self, total: usize) {
        self.total.store(total, Ordering::Relaxed);
        if total > 0 {
            self.stage.store(OCR, Ordering::Relaxed);
        }
    }

    fn told(&self, done: usize, total: usize) {
        self.total.store(total, Ordering::Relaxed);
        self.done.store(done, Ordering::Relaxed);
        let stage = if done >= total { AUDITING } else { OCR };
        self.stage.store(stage, Ordering::Relaxed);
    }

    /// What the upload page shows.
    pub fn view(&self) -> JobView {
        let (done, total) = (
            self.done.load(Ordering::Relaxed),
            self.total.load(Ordering::Relaxed),
        );
        let (stage, message) = match self.stage.load(Ordering::Relaxed) {
            OCR => (
                "ocr",
                format!("正在文字识别（OCR）：已完成 {done} / {total} 页"),
            ),
            AUDITING => ("auditing", format!("文字识别完成（{total} 页），正在审核…")),
            _ => ("reading", "正在读取并审核…".to_string()),
        };
        JobView {
            stage,
            done,
            total,
            message,
        }
    }
}

/// An upload's progress as JSON.
#[derive(Debug, Clone, Serialize)]
pub struct JobView {
    /// `reading`, `ocr` or `auditing`.
    pub stage: &'static str,
    /// Pages read by OCR so far.
    pub done: usize,
    /// Pages to read by OCR (0 for a text document).
    pub total: usize,
    /// The same in words, for the page.
    pub message: String,
}

/// The uploads being read, by the name their page gave them.
#[derive(Debug, Default)]
pub struct Uploads(Mutex<HashMap<String, Arc<Job>>>);

impl Uploads {
    /// Starts following upload `id`; `None` when an upload of that name is
    /// being read already. Followed until the returned guard is dropped.
    pub fn start(&self, id: &str) -> Option<Following<'_>> {
        let mut all = self.0.lock().unwrap_or_else(|p| p.into_inner());
        if all.contains_key(id) {
            return None;
        }
        let job = Arc::new(Job::default());
        all.insert(id.to_string(), Arc::clone(&job));
        Some(Following {
            uploads: self,
            id: id.to_string(),
            job,
        })
    }

    /// Where upload `id` stands, if it is being read.
    pub fn view(&self, id: &str) -> Option<JobView> {
        let all = self.0.lock().unwrap_or_else(|p| p.into_inner());
        all.get(id).map(|j| j.view())
    }
}

/// An upload followed; it is forgotten when this is dropped.
#[derive(Debug)]
pub struct Following<'a> {
    uploads: &'a Uploads,
    id: String,
    job: Arc<Job>,
}

impl Following<'_> {
    /// The upload's progress.
    pub fn job(&self) -> &Arc<Job> {
        &self.job
    }
}

impl Drop for Following<'_> {
    fn drop(&mut self) {
        let mut all = self.uploads.0.lock().unwrap_or_else(|p| p.into_inner());
        all.remove(&self.id);
    }
}

/// Readings in progress (by [`Progress::doc`]) and the upload each is for.
static READINGS: Mutex<Vec<(usize, Arc<Job>)>> = Mutex::new(Vec::new());

thread_local! {
    /// The upload this thread is reading.
    static CURRENT: RefCell<Option<Arc<Job>>> = const { RefCell::new(None) };
}

fn told(p: Progress<'_>) {
    let mut readings = READINGS.lock().unwrap_or_else(|e| e.into_inner());
    if p.done == 0 {
        if let Some(job) = CURRENT.with(|c| c.borrow().clone()) {
            readings.retain(|(doc, _)| *doc != p.doc);
            readings.push((p.doc, job));
        }
    }
    if let Some((_, job)) = readings.iter().find(|(doc, _)| *doc == p.doc) {
        job.told(p.done, p.total);
    }
    if p.done >= p.total {
        readings.retain(|(doc, _)| *doc != p.doc);
    }
}

/// Runs `f` (the reading of an upload) on this thread with its OCR
/// progress going to `job`.
pub fn reading<R>(job: &Arc<Job>, f: impl FnOnce() -> R) -> R {
    static OBSERVING: Once = Once::new();
    OBSERVING.call_once(|| juesuan_read::ocr::progress::observe(told));
    /// Unties the thread (and any reading left unfinished by an error)
    /// from the job, however `f` ends.
    struct Untie<'a>(&'a Arc<Job>);
    impl Drop for Untie<'_> {
        fn drop(&mut self) {
            CURRENT.with(|c| *c.borrow_mut() = None);
            let mut readings = READINGS.lock().unwrap_or_else(|e| e.into_inner());
            readings.retain(|(_, j)| !Arc::ptr_eq(j, self.0));
        }
    }
    CURRENT.with(|c| *c.borrow_mut() = Some(Arc::clone(job)));
    let _untie = Untie(job);
    f()
}
