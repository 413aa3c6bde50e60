//! Report pages stored pre-rendered in the library.
//!
//! Rendering a report page costs ~15 ms of CPU (decompress and deserialize
//! the model, render ~440 kB of HTML, compress it): too much to do on first
//! view when many clients open different reports at once. So each report's
//! page is rendered once — when it is imported (`juesuan import`, upload),
//! or by the server for reports stored before — and stored gzip-compressed
//! next to the report ([`Store::put_page`]); a view then costs one row read.
//!
//! A stored page is a cache of its report: it carries [`PAGE_VERSION`], a
//! page of another version is never served but rendered anew, and a report
//! without a page is still served (rendered on first view, then stored).

use crate::state::{App, CachedPage};
use juesuan_store::{Error, Store};
use std::sync::Arc;
use std::time::Instant;

/// Version of the report page's HTML as stored in the library.
///
/// **Bump it whenever the report page changes** — `html::report`,
/// `html::table`, `html::charts`, `html::narrative` or the page frame
/// `html::page` — so that pages stored by an older build are rendered anew
/// instead of being served. (Stylesheet and script are separate files and
/// need no bump.)
pub const PAGE_VERSION: u32 = 8;

/// Renders report `id`'s page from what the library holds (summary, model,
/// findings); `None` if there is no such report.
pub fn render_page(store: &Store, id: &str) -> Result<Option<String>, Error> {
    let Some(summary) = store.summary(id)? else {
        return Ok(None);
    };
    let Some(model) = store.model(id)? else {
        return Ok(None);
    };
    let findings = store.findings(id)?;
    let score = store.score(id)?;
    Ok(Some(crate::html::report::render(
        &summary,
        &model,
        &findings,
        score.as_ref(),
    )))
}

/// Renders report `id`'s page and stores it ([`PAGE_VERSION`]); the page,
/// or `None` if there is no such report. Errors are the store's (Chinese).
pub fn prerender(store: &Store, id: &str) -> Result<Option<CachedPage>, Error> {
    let Some(html) = render_page(store, id)? else {
        return Ok(None);
    };
    let page = CachedPage::new(html);
    store.put_page(id, PAGE_VERSION, page.gzip())?;
    Ok(Some(page))
}

/// Report `id`'s page as stored, if it has [`PAGE_VERSION`] and looks like
/// gzip data.
pub fn stored_page(store: &Store, id: &str) -> Result<Option<CachedPage>, Error> {
    Ok(store
        .page(id, PAGE_VERSION)?
        .and_then(CachedPage::from_gzip))
}

/// Where a page came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// The memory cache.
    Memory,
    /// The library's stored page.
    Stored,
    /// Rendered now: not stored yet (the caller writes it back).
    Rendered,
}

/// Report `id`'s page from memory, the library or freshly rendered — with
/// its HTML decompressed if `plain` — and cached in memory; `None` if there
/// is no such report. A freshly rendered page is not stored here: see
/// [`write_back`]. Blocking.
pub fn load(app: &App, id: &str, plain: bool) -> Result<Option<(CachedPage, Source)>, Error> {
    let usable = |p: &CachedPage| !plain || p.html().is_some();
    if let Some(p) = app.cached_page(id).filter(usable) {
        return Ok(Some((p, Source::Memory)));
    }
    match stored_page(&app.store, id) {
        Ok(Some(p)) if usable(&p) => {
            app.cache_page(id, p.clone());
            return Ok(Some((p, Source::Stored)));
        }
        // Not valid gzip after all: rendered anew below (and overwritten).
        Ok(_) => {}
        // The page is only a cache: render from the report instead.
        Err(e) => eprintln!("警告：无法读取报告 {id} 的预生成页面：{e}"),
    }
    let Some(html) = render_page(&app.store, id)? else {
        return Ok(None);
    };
    let page = CachedPage::new(html);
    app.cache_page(id, page.clone());
    Ok(Some((page, Source::Rendered)))
}

/// Stores a page rendered on view; a failure (a read-only library, a busy
/// writer) is logged, never the reader's error. Blocking.
pub fn write_back(store: &Store, id: &str, page: &CachedPage) {
    if let Err(e) = store.put_page(id, PAGE_VERSION, page.gzip()) {
        eprintln!("警告：报告 {id} 的页面未能保存：{e}");
    }
}

/// What [`prerender_stale`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Prerendered {
    /// Pages rendered and stored.
    pub rendered: usize,
    /// Pages that failed (logged).
    pub failed: usize,
}

/// Renders and stores the page of every report without one of
/// [`PAGE_VERSION`] (stored before pages were, or by an older template),
/// one at a time. With `pace`, it rests `pace` times as long as each page
/// took, so that it never takes more than a share of one core from the
/// requests being served. Blocking.
pub fn prerender_stale(store: &Store, pace: u32) -> Result<Prerendered, Error> {
    let mut done = Prerendered::default();
    for id in store.stale_pages(PAGE_VERSION)? {
        let started = Instant::now();
        // A request may have stored it meanwhile.
        if matches!(store.page(&id, PAGE_VERSION), Ok(Some(_))) {
            continue;
        }
        match prerender(store, &id) {
            Ok(Some(_)) => done.rendered += 1,
            // Removed meanwhile: nothing to render.
            Ok(None) => {}
            Err(e) => {
                done.failed += 1;
                eprintln!("警告：报告 {id} 的页面未能预先生成：{e}");
            }
        }
        if pace > 0 {
            std::thread::sleep(started.elapsed() * pace);
        }
    }
    Ok(done)
}

/// How many times as long as a page took the background renderer rests:
/// at most a third of one core.
const BACKGROUND_PACE: u32 = 2;

/// Starts a background thread that renders the missing and outdated pages
/// ([`prerender_stale`], paced) while the server serves; it ends when done.
/// Serving never waits for it: a page it has not reached yet is rendered on
/// view as before.
pub fn spawn_background(app: Arc<App>) -> std::io::Result<std::thread::JoinHandle<()>> {
    std::thread::Builder::new()
        .name("juesuan-prerender".to_string())
        .spawn(move || {
            let started = Instant::now();
            match prerender_stale(&app.store, BACKGROUND_PACE) {
                Ok(done) if done.rendered + done.failed > 0 => eprintln!(
                    "已在后台预先生成 {} 个报告页面（失败 {} 个，用时 {:.1} 秒）",
                    done.rendered,
                    done.failed,
                    started.elapsed().as_secs_f64()
                ),
                Ok(_) => {}
                Err(e) => eprintln!("警告：无法列出待生成的报告页面：{e}"),
            }
        })
}
