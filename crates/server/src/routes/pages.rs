//! HTML pages: library, report, compare.

use super::{blocking, html_headers, valid_id};
use crate::error::{not_found, PageError};
use crate::html;
use crate::state::{App, CachedPage};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use std::sync::Arc;

/// `?q=` search.
#[derive(Debug, Deserialize, Default)]
pub struct Search {
    /// Part of a department name.
    #[serde(default)]
    pub q: String,
}

/// `GET /`: the library.
pub async fn library(
    State(app): State<Arc<App>>,
    Query(s): Query<Search>,
) -> Result<Response, PageError> {
    let page = blocking(&app, move |app| {
        let depts = app.store.departments(&s.q)?;
        Ok::<_, PageError>(html::library::render(&depts, &s.q))
    })
    .await??;
    Ok((html_headers(), page).into_response())
}

/// Whether the client accepts a gzip body.
fn accepts_gzip(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|enc| {
            let mut parts = enc.split(';');
            let name = parts.next().unwrap_or("").trim();
            let refused = parts.any(|p| matches!(p.trim(), "q=0" | "q=0.0" | "q=0.00" | "q=0.000"));
            name.eq_ignore_ascii_case("gzip") && !refused
        })
}

/// A cached page, compressed when the client accepts it.
fn page_response(page: CachedPage, gzip: bool) -> Response {
    let vary = [(header::VARY, "accept-encoding")];
    if gzip && !page.gzip.is_empty() {
        (
            html_headers(),
            vary,
            [(header::CONTENT_ENCODING, "gzip")],
            page.gzip,
        )
            .into_response()
    } else {
        (html_headers(), vary, page.html).into_response()
    }
}

/// `GET /reports/{id}`: one report with its findings at their cells.
pub async fn report(
    State(app): State<Arc<App>>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    if !valid_id(&id) {
        return Err(not_found("该报告").into());
    }
    let gzip = accepts_gzip(&headers);
    if let Some(page) = app.cached_page(&id) {
        return Ok(page_response(page, gzip));
    }
    let page = blocking(&app, move |app| {
        let summary = app.store.summary(&id)?.ok_or_else(|| not_found("该报告"))?;
        let model = app.store.model(&id)?.ok_or_else(|| not_found("该报告"))?;
        let findings = app.store.findings(&id)?;
        let page = CachedPage::new(html::report::render(&summary, &model, &findings));
        app.cache_page(&id, page.clone());
        Ok::<_, PageError>(page)
    })
    .await??;
    Ok(page_response(page, gzip))
}

/// `?all=1` on the compare page.
#[derive(Debug, Deserialize, Default)]
pub struct CompareQuery {
    /// Show unchanged cells too.
    #[serde(default)]
    pub all: Option<String>,
}

/// `GET /departments/{key}`: one department across years.
pub async fn compare(
    State(app): State<Arc<App>>,
    Path(key): Path<String>,
    Query(q): Query<CompareQuery>,
) -> Result<Response, PageError> {
    let all = q.all.is_some_and(|v| v != "0");
    let page = blocking(&app, move |app| {
        let cmp = app
            .store
            .compare_department(&key)?
            .ok_or_else(|| not_found("该部门"))?;
        Ok::<_, PageError>(html::compare::render(&cmp, all))
    })
    .await??;
    Ok((html_headers(), page).into_response())
}

/// `?year=&sort=&order=` on the measure page.
#[derive(Debug, Deserialize, Default)]
pub struct MeasureQuery {
    /// Only this year's reports.
    #[serde(default)]
    pub year: Option<u32>,
    /// `department` (default), `year` or `value`.
    #[serde(default)]
    pub sort: Option<String>,
    /// `desc` for descending.
    #[serde(default)]
    pub order: Option<String>,
}

/// `GET /measures`: the measures compared across departments.
pub async fn measures() -> Response {
    (html_headers(), html::measure::render_index()).into_response()
}

/// `GET /measures/{key}`: one measure across departments, sortable.
pub async fn measure(
    State(app): State<Arc<App>>,
    Path(key): Path<String>,
    Query(q): Query<MeasureQuery>,
) -> Result<Response, PageError> {
    let sort = html::measure::SortKey::parse(q.sort.as_deref());
    let desc = q.order.as_deref() == Some("desc");
    let page = blocking(&app, move |app| {
        let mut cmp = app
            .store
            .measure(&key, q.year)?
            .ok_or_else(|| not_found("该指标"))?;
        html::measure::sort(&mut cmp.rows, sort, desc);
        Ok::<_, PageError>(html::measure::render(&cmp, sort, desc))
    })
    .await??;
    Ok((html_headers(), page).into_response())
}
