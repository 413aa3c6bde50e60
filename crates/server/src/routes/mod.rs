//! The router: HTML pages, the JSON API under `/api`, static files.

pub mod api;
pub mod export;
pub mod findings_csv;
pub mod pages;
pub mod params;
pub mod upload;
pub mod years;

use crate::error::ApiError;
use crate::state::App;
use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderName, StatusCode};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{middleware, Router};
use std::sync::Arc;

/// All routes over the shared state.
pub fn router(app: Arc<App>) -> Router {
    let limit = app.config.max_upload;
    Router::new()
        .route("/", get(pages::library))
        .route("/reports/{id}", get(pages::report))
        .route("/reports/{id}/performance/{index}", get(pages::performance))
        .route("/reports/{id}/narrative", get(pages::narrative))
        .route("/reports/{id}/findings", get(pages::findings))
        .route("/reports/{id}/cells.csv", get(export::csv))
        .route("/reports/{id}/report.xlsx", get(export::xlsx))
        .route("/reports/{id}/disclosure.html", get(export::disclosure))
        .route("/departments/{key}", get(pages::compare))
        .route("/measures", get(pages::measures))
        .route("/measures/{key}", get(pages::measure))
        .route("/scores", get(years::ranking_page))
        .route("/static/style.css", get(style))
        .route("/static/app.js", get(script))
        .route("/api/openapi.json", get(openapi))
        .route("/api/reports", get(api::reports).post(upload::upload))
        .route("/api/uploads/{job}", get(upload::progress))
        .route("/api/reports/{id}", get(api::report))
        .route("/api/reports/{id}/findings", get(api::findings))
        .route("/api/reports/{id}/cells", get(api::cells))
        .route("/api/reports/{id}/coverage", get(api::coverage))
        .route("/api/reports/{id}/score", get(years::score))
        .route("/api/scores", get(years::scores))
        .route("/api/links", axum::routing::post(years::link))
        .route("/api/findings.csv", get(findings_csv::findings_csv))
        .route("/api/departments", get(api::departments))
        .route("/api/departments/{key}/compare", get(api::compare))
        .route("/api/measures", get(api::measures))
        .route("/api/measures/{key}", get(api::measure))
        .fallback(fallback)
        .layer(DefaultBodyLimit::max(limit))
        // Layers run outside in: nosniff sees every response, including
        // the refusals of the write guard.
        .layer(middleware::from_fn_with_state(
            Arc::clone(&app),
            crate::guard::writes,
        ))
        .layer(middleware::map_response(crate::guard::nosniff))
        .with_state(app)
}

/// Headers of every HTML page (`nosniff` comes with every response:
/// [`crate::guard::nosniff`]).
pub fn html_headers() -> [(HeaderName, &'static str); 2] {
    [
        (header::CONTENT_TYPE, "text/html; charset=utf-8"),
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
        ),
    ]
}

/// Runs blocking work (database, parsing, auditing) off the async threads.
pub async fn blocking<T, F>(app: &Arc<App>, f: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&App) -> T + Send + 'static,
{
    let app = Arc::clone(app);
    tokio::task::spawn_blocking(move || f(&app))
        .await
        .map_err(|_| ApiError(StatusCode::INTERNAL_SERVER_ERROR, "内部错误".to_string()))
}

/// [`blocking`] in turn with the other library queries of pages and API
/// lists ([`App::query_turn`]), so that under load every request waits
/// about as long as the others.
pub async fn queued<T, F>(app: &Arc<App>, f: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&App) -> T + Send + 'static,
{
    let _turn = app.query_turn().await;
    blocking(app, f).await
}

/// Report ids are 16 lowercase hex digits.
pub fn valid_id(id: &str) -> bool {
    id.len() == 16 && id.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

async fn style() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "max-age=3600"),
        ],
        include_str!("../static/style.css"),
    )
}

async fn script() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "max-age=3600"),
        ],
        include_str!("../static/app.js"),
    )
}

async fn openapi() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
        crate::openapi::document().to_string(),
    )
}

async fn fallback(uri: axum::http::Uri) -> axum::response::Response {
    if uri.path().starts_with("/api/") {
        crate::error::not_found("该接口").into_response()
    } else {
        crate::error::PageError(StatusCode::NOT_FOUND, "未找到该页面".to_string()).into_response()
    }
}
