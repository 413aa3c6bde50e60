//! HTML pages: library, report, compare.

use super::{blocking, html_headers, valid_id};
use crate::error::{not_found, PageError};
use crate::html;
use crate::state::App;
use axum::extract::{Path, Query, State};
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

/// `GET /reports/{id}`: one report with its findings at their cells.
pub async fn report(
    State(app): State<Arc<App>>,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    if !valid_id(&id) {
        return Err(not_found("该报告").into());
    }
    if let Some(page) = app.cached_page(&id) {
        return Ok((html_headers(), page.to_string()).into_response());
    }
    let page = blocking(&app, move |app| {
        let summary = app.store.summary(&id)?.ok_or_else(|| not_found("该报告"))?;
        let model = app.store.model(&id)?.ok_or_else(|| not_found("该报告"))?;
        let findings = app.store.findings(&id)?;
        let page: Arc<str> = html::report::render(&summary, &model, &findings).into();
        app.cache_page(&id, Arc::clone(&page));
        Ok::<_, PageError>(page)
    })
    .await??;
    Ok((html_headers(), page.to_string()).into_response())
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
