//! The application state shared by all requests.

use juesuan_audit::Rulebook;
use juesuan_store::Store;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Who may write (upload).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WritePolicy {
    /// Anyone who can connect (a loopback address without a token).
    Open,
    /// Requests carrying this token (`Authorization: Bearer …` or `X-Juesuan-Token`).
    Token(String),
    /// Nobody: bound to a non-loopback address without `JUESUAN_TOKEN`.
    Closed,
}

impl WritePolicy {
    /// The policy for a server bound to a loopback address or not, with an optional token.
    pub fn for_bind(loopback: bool, token: Option<String>) -> WritePolicy {
        match token.filter(|t| !t.trim().is_empty()) {
            Some(t) => WritePolicy::Token(t),
            None if loopback => WritePolicy::Open,
            None => WritePolicy::Closed,
        }
    }
}

/// Server settings.
#[derive(Debug, Clone)]
pub struct Config {
    /// Who may upload.
    pub writes: WritePolicy,
    /// Largest accepted upload body (bytes).
    pub max_upload: usize,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            writes: WritePolicy::Open,
            max_upload: DEFAULT_MAX_UPLOAD,
        }
    }
}

/// Default upload limit: 16 MiB (a text report is ~200 kB, a PDF a few MB).
pub const DEFAULT_MAX_UPLOAD: usize = 16 * 1024 * 1024;

/// Rendered report pages kept in memory (reports never change once stored).
const PAGE_CACHE: usize = 64;

/// Everything a request handler needs.
pub struct App {
    /// The library.
    pub store: Store,
    /// The rulebook uploads are audited with.
    pub book: Rulebook,
    /// Settings.
    pub config: Config,
    pages: Mutex<HashMap<String, Arc<str>>>,
}

impl App {
    /// Builds the state.
    pub fn new(store: Store, book: Rulebook, config: Config) -> App {
        App {
            store,
            book,
            config,
            pages: Mutex::new(HashMap::new()),
        }
    }

    /// A cached rendered page.
    pub fn cached_page(&self, key: &str) -> Option<Arc<str>> {
        self.pages
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(key)
            .cloned()
    }

    /// Caches a rendered page (the cache is emptied when full).
    pub fn cache_page(&self, key: &str, page: Arc<str>) {
        let mut pages = self.pages.lock().unwrap_or_else(|p| p.into_inner());
        if pages.len() >= PAGE_CACHE {
            pages.clear();
        }
        pages.insert(key.to_string(), page);
    }
}
