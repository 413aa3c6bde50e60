//! The application state shared by all requests.

use axum::body::Bytes;
use juesuan_audit::Rulebook;
use juesuan_store::Store;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

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
    /// Uploads read and audited at once; more are answered 503.
    pub max_ingests: usize,
    /// Pages read by OCR at once over all uploads ([`crate::budget`]).
    pub ocr_pages: usize,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            writes: WritePolicy::Open,
            max_upload: DEFAULT_MAX_UPLOAD,
            max_ingests: cores(),
            ocr_pages: crate::budget::DEFAULT_OCR_PAGES,
        }
    }
}

/// The number of cores (2 when unknown).
fn cores() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get())
}

/// Default upload limit: 16 MiB (a text report is ~200 kB, a PDF a few MB).
pub const DEFAULT_MAX_UPLOAD: usize = 16 * 1024 * 1024;

/// Bytes of rendered report pages kept in memory (reports never change once
/// stored). A page of the sample takes ~100 kB compressed plus ~440 kB as
/// HTML: ~500 pages. Beyond, pages are read from the library again.
const PAGE_CACHE_BYTES: usize = 256 * 1024 * 1024;

/// A rendered report page: gzip-compressed (as stored and as sent to
/// clients that accept it: the sample's page is ~440 kB, ~45 kB compressed)
/// and, once a client without gzip asked for it, as plain HTML. Cheap to
/// clone (shared handles, no copy).
#[derive(Debug, Clone)]
pub struct CachedPage(Arc<PageBodies>);

#[derive(Debug)]
struct PageBodies {
    gzip: Bytes,
    /// Decompressed at most once; `None` inside if the bytes were not gzip.
    html: OnceLock<Option<Bytes>>,
}

impl CachedPage {
    /// Compresses `html` once for all requests.
    pub fn new(html: String) -> CachedPage {
        use std::io::Write;
        let mut enc = flate2::write::GzEncoder::new(
            Vec::with_capacity(html.len() / 8),
            flate2::Compression::fast(),
        );
        // Writing to a Vec cannot fail; an empty body would only cost the
        // compressed form (`gzip()` is then never sent, see `page_response`).
        let gzip = enc
            .write_all(html.as_bytes())
            .and_then(|()| enc.finish())
            .unwrap_or_default();
        CachedPage(Arc::new(PageBodies {
            gzip: Bytes::from(gzip),
            html: OnceLock::from(Some(Bytes::from(html))),
        }))
    }

    /// A page stored compressed ([`juesuan_store::Store::page`]); `None` if
    /// the bytes do not start like gzip data. The HTML is decompressed only
    /// when first asked for ([`CachedPage::html`]).
    pub fn from_gzip(gzip: Vec<u8>) -> Option<CachedPage> {
        // ID1 ID2 CM=deflate, and room for the 10-byte header and 8-byte trailer.
        if gzip.len() < 18 || gzip[..3] != [0x1f, 0x8b, 8] {
            return None;
        }
        Some(CachedPage(Arc::new(PageBodies {
            gzip: Bytes::from(gzip),
            html: OnceLock::new(),
        })))
    }

    /// The compressed page (empty if compressing failed).
    pub fn gzip(&self) -> &Bytes {
        &self.0.gzip
    }

    /// The HTML, decompressed on first use (a blocking step of about a
    /// millisecond: call it off the async threads unless
    /// [`CachedPage::html_ready`]); `None` if the stored bytes are not valid gzip.
    pub fn html(&self) -> Option<Bytes> {
        self.0
            .html
            .get_or_init(|| gunzip(&self.0.gzip).map(Bytes::from))
            .clone()
    }

    /// Bytes held in memory, counting the HTML even before it is
    /// decompressed (from the gzip trailer's size), since a client without
    /// gzip may ask for it at any time.
    pub fn size(&self) -> usize {
        let gzip = &self.0.gzip;
        let html = match self.html_ready() {
            Some(h) => h.len(),
            None => gzip
                .len()
                .checked_sub(4)
                .and_then(|at| <[u8; 4]>::try_from(&gzip[at..]).ok())
                .map_or(0, |t| u32::from_le_bytes(t) as usize),
        };
        gzip.len() + html
    }

    /// The HTML if it needs no decompressing (any more).
    pub fn html_ready(&self) -> Option<Bytes> {
        self.0.html.get().cloned().flatten()
    }
}

/// `gzip` decompressed; `None` unless it is one whole gzip member. Not
/// checked as UTF-8 again: the server wrote it from a `String` (a third of
/// the cost of serving a stored page to a client without gzip).
fn gunzip(gzip: &[u8]) -> Option<Vec<u8>> {
    use std::io::Read;
    // The trailer's ISIZE (size mod 2^32; pages are far smaller) sizes the
    // buffer exactly: no regrowing, no oversized allocation to fault in.
    let isize = gzip
        .get(gzip.len().checked_sub(4)?..)
        .and_then(|t| <[u8; 4]>::try_from(t).ok())
        .map(u32::from_le_bytes)?;
    let expected = usize::try_from(isize).ok()?;
    let mut out = Vec::with_capacity(expected.min(MAX_PAGE_BYTES));
    flate2::read::GzDecoder::new(gzip)
        .take(MAX_PAGE_BYTES as u64)
        .read_to_end(&mut out)
        .ok()?;
    (out.len() == expected).then_some(out)
}

/// Largest page decompressed (a report page is well under a megabyte).
const MAX_PAGE_BYTES: usize = 64 * 1024 * 1024;

/// Everything a request handler needs.
pub struct App {
    /// The library.
    pub store: Store,
    /// The rulebook uploads are audited with.
    pub book: Rulebook,
    /// Settings.
    pub config: Config,
    pages: Mutex<PageCache>,
    /// Report pages loaded (read, decompressed or rendered) at once.
    page_loads: tokio::sync::Semaphore,
    /// Uploads being read and audited ([`App::ingest_turn`]).
    ingests: Arc<tokio::sync::Semaphore>,
    /// Library-wide exports being written ([`App::export_turn`]).
    exports: Arc<tokio::sync::Semaphore>,
    /// Library queries of the pages and the API ([`App::query_turn`]).
    queries: tokio::sync::Semaphore,
    /// The uploads being read, for their pages' progress.
    pub uploads: crate::progress::Uploads,
    /// Pages being read by OCR, over all uploads.
    pub ocr: crate::budget::OcrBudget,
}

/// Library-wide exports written at once: each reads the whole library,
/// which takes a while and one reader connection at a time.
const MAX_EXPORTS: usize = 2;

/// The pages in memory and their bytes ([`CachedPage::size`] when cached).
#[derive(Default)]
struct PageCache {
    pages: HashMap<String, (CachedPage, usize)>,
    bytes: usize,
}

impl App {
    /// Builds the state.
    pub fn new(store: Store, book: Rulebook, config: Config) -> App {
        let ingests = Arc::new(tokio::sync::Semaphore::new(
            config.max_ingests.min(tokio::sync::Semaphore::MAX_PERMITS),
        ));
        App {
            store,
            book,
            ocr: crate::budget::OcrBudget::new(config.ocr_pages),
            uploads: crate::progress::Uploads::default(),
            config,
            pages: Mutex::new(PageCache::default()),
            page_loads: tokio::sync::Semaphore::new(cores()),
            ingests,
            exports: Arc::new(tokio::sync::Semaphore::new(MAX_EXPORTS)),
            queries: tokio::sync::Semaphore::new(cores()),
        }
    }

    /// A turn to read and audit an upload, if one is free. Reading a PDF
    /// may mean OCR, seconds of every core per page: uploads beyond
    /// [`Config::max_ingests`] are refused at once (503) rather than queued,
    /// so that a burst cannot take the cores from everybody else or pile up
    /// request bodies in memory. The turn is owned so that it can go with
    /// the work to a blocking thread and outlive a client that hangs up.
    pub fn ingest_turn(&self) -> Option<tokio::sync::OwnedSemaphorePermit> {
        Arc::clone(&self.ingests).try_acquire_owned().ok()
    }

    /// A turn to write a library-wide export, if one is free; beyond
    /// two at once, exports are refused (503) rather than queued.
    pub fn export_turn(&self) -> Option<tokio::sync::OwnedSemaphorePermit> {
        Arc::clone(&self.exports).try_acquire_owned().ok()
    }

    /// Whether a turn to ingest is free now (checked before reading a
    /// body that would only be refused after).
    pub fn ingest_free(&self) -> bool {
        self.ingests.available_permits() > 0
    }

    /// Waits for a turn to load a report page that is not in memory: at
    /// most one per core at once. A page load is CPU work (decompressing,
    /// rendering); run on as many blocking threads as there are requests,
    /// fifty of them would take the cores from the few async threads that
    /// send every other response, and pages already in memory would wait
    /// behind them.
    pub async fn page_load_turn(&self) -> Option<tokio::sync::SemaphorePermit<'_>> {
        // Never closed; `None` would only mean loading without a turn.
        self.page_loads.acquire().await.ok()
    }

    /// Waits for a turn to query the library for a page or an API list: at
    /// most one per core at once, the others waiting in arrival order. A
    /// query is short CPU work; run on as many blocking threads as there
    /// are requests, fifty of them share two cores in no order, so that
    /// some wait ten times as long as the rest, and each thread warms its
    /// own allocator and database cache.
    pub async fn query_turn(&self) -> Option<tokio::sync::SemaphorePermit<'_>> {
        // Never closed; `None` would only mean querying without a turn.
        self.queries.acquire().await.ok()
    }

    /// A cached rendered page (cheap, shared handles: no copy).
    pub fn cached_page(&self, key: &str) -> Option<CachedPage> {
        self.pages
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .pages
            .get(key)
            .map(|(page, _)| page.clone())
    }

    /// Caches a rendered page. When the pages would take more than their
    /// budget, arbitrary ones (the map's order) make room: random views of a
    /// large library gain nothing from a recency order, and a dropped page
    /// is one read from the library away.
    pub fn cache_page(&self, key: &str, page: CachedPage) {
        let size = page.size();
        if size > PAGE_CACHE_BYTES {
            return;
        }
        let mut cache = self.pages.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((_, old)) = cache.pages.remove(key) {
            cache.bytes -= old;
        }
        while cache.bytes + size > PAGE_CACHE_BYTES {
            let Some(victim) = cache.pages.keys().next().cloned() else {
                break;
            };
            if let Some((_, old)) = cache.pages.remove(&victim) {
                cache.bytes -= old;
            }
        }
        cache.bytes += size;
        cache.pages.insert(key.to_string(), (page, size));
    }
}
