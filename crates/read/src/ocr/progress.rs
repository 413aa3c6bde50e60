//! Progress of OCR: a scanned report takes about a second a page, so the
//! programs reading it (the CLI's bar on stderr, the web upload's progress)
//! are told after every page how many of how many are done.

use std::sync::RwLock;

/// Where OCR stands in one document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress<'a> {
    /// The document's name, as given to the reader.
    pub file: &'a str,
    /// Which reading this is: the same in every report of one reading, and
    /// different from any other reading going on at the same time (two
    /// uploads may share a name). It is the address of the name the reader
    /// was given, which lives as long as the reading.
    pub doc: usize,
    /// Pages read so far.
    pub done: usize,
    /// Pages to read by OCR in this document.
    pub total: usize,
}

type Observer = Box<dyn Fn(Progress<'_>) + Send + Sync>;

static OBSERVERS: RwLock<Vec<Observer>> = RwLock::new(Vec::new());

/// Adds a function told of OCR progress in this process (the CLI's bar,
/// the server's upload progress; each is told of every document). It is
/// called with `done == 0` before the first page, on the thread that asked
/// for the reading, then from the OCR worker threads after each page.
pub fn observe(f: impl Fn(Progress<'_>) + Send + Sync + 'static) {
    OBSERVERS
        .write()
        .unwrap_or_else(|p| p.into_inner())
        .push(Box::new(f));
}

/// Tells the observers, if any.
pub(crate) fn report(file: &str, done: usize, total: usize) {
    let observers = OBSERVERS.read().unwrap_or_else(|p| p.into_inner());
    let p = Progress {
        file,
        doc: file.as_ptr() as usize,
        done,
        total,
    };
    for o in observers.iter() {
        o(p);
    }
}
