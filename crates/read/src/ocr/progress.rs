//! Progress of OCR: a scanned report takes about a second a page, so the
//! program reading it (the CLI's bar on stderr, the web upload) is told
//! after every page how many of how many are done.

use std::sync::OnceLock;

/// Where OCR stands in one document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress<'a> {
    /// The document's name, as given to the reader.
    pub file: &'a str,
    /// Pages read so far.
    pub done: usize,
    /// Pages to read by OCR in this document.
    pub total: usize,
}

type Observer = Box<dyn Fn(Progress<'_>) + Send + Sync>;

static OBSERVER: OnceLock<Observer> = OnceLock::new();

/// Sets the one function told of OCR progress in this process (once: a
/// later call is refused and returns `false`). It is called from the OCR
/// worker threads, with `done == 0` before the first page.
pub fn observe(f: impl Fn(Progress<'_>) + Send + Sync + 'static) -> bool {
    OBSERVER.set(Box::new(f)).is_ok()
}

/// Tells the observer, if any.
pub(crate) fn report(file: &str, done: usize, total: usize) {
    if let Some(o) = OBSERVER.get() {
        o(Progress { file, done, total });
    }
}
