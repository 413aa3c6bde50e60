//! The application state shared by all requests.

use axum::body::Bytes;
use juesuan_audit::Rulebook;
use juesuan_store::Store;
use std::collections::HashMap;
use std::sync::Mutex;

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

/// Rendered report pages kept in memory (reports never change once stored;
/// a page of the sample is ~160 kB, so at most ~40 MB).
const PAGE_CACHE: usize = 256;

/// A rendered page, as it is and gzip-compressed (sent to clients that
/// accept it: a report page of the sample is ~440 kB, ~45 kB compressed).
#[derive(Debug, Clone)]
pub struct CachedPage {
    /// The HTML.
    pub html: Bytes,
    /// The HTML, gzip-compressed.
    pub gzip: Bytes,
}

impl CachedPage {
    /// Compresses `html` once for all requests.
    pub fn new(html: String) -> CachedPage {
        use std::io::Write;
        let mut enc = flate2::write::GzEncoder::new(
            Vec::with_capacity(html.len() / 8),
            flate2::Compression::fast(),
        );
        // Writing to a Vec cannot fail; an empty body would only cost the plain page.
        let gzip = enc
            .write_all(html.as_bytes())
            .and_then(|()| enc.finish())
            .unwrap_or_default();
        CachedPage {
            html: Bytes::from(html),
            gzip: Bytes::from(gzip),
        }
    }
}

/// Everything a request handler needs.
pub struct App {
    /// The library.
    pub store: Store,
    /// The rulebook uploads are audited with.
    pub book: Rulebook,
    /// Settings.
    pub config: Config,
    pages: Mutex<HashMap<String, CachedPage>>,
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

    /// A cached rendered page (cheap, shared handles: no copy).
    pub fn cached_page(&self, key: &str) -> Option<CachedPage> {
        self.pages
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(key)
            .cloned()
    }

    /// Caches a rendered page (the cache is emptied when full).
    pub fn cache_page(&self, key: &str, page: CachedPage) {
        let mut pages = self.pages.lock().unwrap_or_else(|p| p.into_inner());
        if pages.len() >= PAGE_CACHE {
            pages.clear();
        }
        pages.insert(key.to_string(), page);
    }
}
