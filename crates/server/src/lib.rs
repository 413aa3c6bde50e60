/*!
The juesuan web app and JSON API over the report library.

Pages (server-rendered, every user text escaped, no inline script): the
library (reports with their error and warning counts, 50 a page, searched,
filtered by department, year and status and ordered by department, year or
error count by the library itself, so that a page costs the same whatever
the library holds; upload by choosing or dropping a file), a report (a
findings summary on top whose counts link to the findings of one
severity, the nine tables with each finding at its cells — a click shows
the rule, both values, the difference and the quoted source line —, SVG
charts, the narrative with its extracted figures marked and the audited
ones flagged, the 绩效自评表 whose headers say what they hold, exports as
CSV, JSON, XLSX and the rendered disclosure), a report's findings
filtered by severity and rule, one department compared across years, and
one measure (三公经费, 机关运行经费 …) compared across departments,
sortable; lists come a page at a time. The same data is served as JSON
under `/api/…`, lists in slices (`limit`, `offset`), described at
`/api/openapi.json`; `/api/findings.csv` exports the findings of the
library (or of a filter of it) as it is written; `POST /api/reports`
uploads a report (raw body), which is read, audited and stored. Report pages are rendered once,
when a report is imported, and stored gzip-compressed in the library
([`prerender`]); the server keeps recent ones in memory.

Uploads need a token (`JUESUAN_TOKEN`) when the server is bound to a
non-loopback address; no request ever names a file-system path. Writes
from another site (`Origin`, `Sec-Fetch-Site`) are refused and the token is
checked before a body is read ([`guard`]); only as many uploads as there
are cores are read and audited at once (503 with `Retry-After` beyond);
every response carries `X-Content-Type-Options: nosniff`. A scanned PDF
is read by OCR within one page budget per process ([`budget`],
`JUESUAN_OCR_PAGES`), and its upload page shows the pages read
([`progress`]).
*/
#![deny(missing_docs)]

pub mod auth;
pub mod budget;
pub mod error;
pub mod guard;
pub mod html;
pub mod ingest;
pub mod openapi;
pub mod prerender;
pub mod progress;
pub mod routes;
pub mod sample;
pub mod state;

pub use prerender::{prerender, PAGE_VERSION};
pub use routes::router;
pub use state::{App, Config, WritePolicy};

use juesuan_audit::Rulebook;
use juesuan_store::{Store, DEFAULT_DB};
use std::net::SocketAddr;
use std::sync::Arc;

/// Serves `app` on `listener` until `shutdown` completes.
pub async fn serve(
    listener: tokio::net::TcpListener,
    app: Arc<App>,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(app))
        .with_graceful_shutdown(shutdown)
        .await
}

/// `juesuan serve`: opens the library (with no `db`, `juesuan.db` in the
/// current directory with the bundled sample imported), binds `addr` and
/// serves until Ctrl-C. Blocks. Errors are Chinese messages.
pub fn run(db: Option<&str>, addr: &str) -> Result<(), String> {
    let addr: SocketAddr = addr
        .parse()
        .map_err(|_| format!("无效的监听地址：{addr}（例如 127.0.0.1:8080）"))?;
    let store = Store::open(db.unwrap_or(DEFAULT_DB)).map_err(|e| e.to_string())?;
    let book = Rulebook::builtin().map_err(|e| e.to_string())?;
    let token = std::env::var("JUESUAN_TOKEN").ok();
    let ocr_pages = match std::env::var("JUESUAN_OCR_PAGES") {
        Ok(v) => v
            .trim()
            .parse::<usize>()
            .ok()
            .filter(|&n| n > 0)
            .ok_or_else(|| {
                format!(
                    "JUESUAN_OCR_PAGES = \"{v}\" 无效（应为正整数：同时进行文字识别的页数上限）"
                )
            })?,
        Err(_) => budget::DEFAULT_OCR_PAGES,
    };
    let config = Config {
        writes: WritePolicy::for_bind(addr.ip().is_loopback(), token),
        ocr_pages,
        ..Config::default()
    };
    let closed = config.writes == WritePolicy::Closed;
    let app = Arc::new(App::new(store, book, config));
    if db.is_none() {
        sample::ensure_sample(&app).map_err(|e| format!("无法导入内置样例：{e}"))?;
    }
    // Pages missing from the library (reports stored before pages were, or
    // pages of an older template) are rendered in the background.
    if let Err(e) = prerender::spawn_background(Arc::clone(&app)) {
        eprintln!("警告：无法启动后台页面生成：{e}");
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("无法启动服务：{e}"))?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|e| format!("无法监听 {addr}：{e}"))?;
        let local = listener.local_addr().map_err(|e| e.to_string())?;
        eprintln!(
            "报告库：{}；服务地址：http://{local}/",
            juesuan_store::redacted(db.unwrap_or(DEFAULT_DB))
        );
        if closed {
            eprintln!("注意：绑定在非本机地址且未设置 JUESUAN_TOKEN，上传已禁用");
        }
        serve(listener, app, async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .map_err(|e| format!("服务出错：{e}"))
    })
}
