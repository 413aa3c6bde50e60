//! HTML pages: library, report, compare.

use super::{blocking, html_headers, valid_id};
use crate::error::{not_found, ApiError, PageError};
use crate::html;
use crate::prerender;
use crate::state::{App, CachedPage};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use juesuan_store::{ReportFilter, Status};
use serde::Deserialize;
use std::sync::Arc;

/// `?q=&year=&status=`: the library's search and filters. Taken as text
/// (an empty form field means "any") and checked by [`Search::filter`].
#[derive(Debug, Deserialize, Default)]
pub struct Search {
    /// Part of a department name.
    #[serde(default)]
    pub q: String,
    /// A fiscal year.
    #[serde(default)]
    pub year: Option<String>,
    /// `errors` (有错误), `warnings` (有警告) or `clean` (无错误); the
    /// Chinese names are accepted too.
    #[serde(default)]
    pub status: Option<String>,
}

impl Search {
    /// The store's filter; a 400 with a Chinese message for a year that is
    /// not a number or an unknown status.
    pub fn filter(&self) -> Result<ReportFilter, ApiError> {
        let bad = |m: String| ApiError(StatusCode::BAD_REQUEST, m);
        let year = match self.year.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(y) => Some(
                y.parse::<u32>()
                    .map_err(|_| bad(format!("无效的年度：{y}（应为数字，例如 2024）")))?,
            ),
        };
        let status = match self.status.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(s) => Some(Status::parse(s).ok_or_else(|| {
                bad(format!(
                    "未知的状态：{s}（可选 errors 有错误、warnings 有警告、clean 无错误）"
                ))
            })?),
        };
        Ok(ReportFilter {
            q: self.q.clone(),
            year,
            status,
        })
    }
}

/// `GET /`: the library, searchable by name and filterable by year and status.
pub async fn library(
    State(app): State<Arc<App>>,
    Query(s): Query<Search>,
) -> Result<Response, PageError> {
    let filter = s.filter()?;
    let page = blocking(&app, move |app| {
        let depts = app.store.departments_where(&filter)?;
        let years = app.store.years()?;
        Ok::<_, PageError>(html::library::render(&depts, &filter, &years))
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

/// A page, compressed when the client accepts it (and it has the
/// compressed form), else as HTML.
fn page_response(page: &CachedPage, gzip: bool) -> Option<Response> {
    let vary = [(header::VARY, "accept-encoding")];
    if gzip && !page.gzip().is_empty() {
        Some(
            (
                html_headers(),
                vary,
                [(header::CONTENT_ENCODING, "gzip")],
                page.gzip().clone(),
            )
                .into_response(),
        )
    } else {
        page.html_ready()
            .map(|html| (html_headers(), vary, html).into_response())
    }
}

/// `GET /reports/{id}`: one report with its findings at their cells. From
/// memory, else the library's stored page (sent as stored to clients that
/// accept gzip), else rendered now — and then stored, after the response,
/// so that a slow or failing write never delays or fails the reader.
pub async fn report(
    State(app): State<Arc<App>>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    if !valid_id(&id) {
        return Err(not_found("该报告").into());
    }
    let gzip = accepts_gzip(&headers);
    if let Some(resp) = app
        .cached_page(&id)
        .and_then(|page| page_response(&page, gzip))
    {
        return Ok(resp);
    }
    let turn = app.page_load_turn().await;
    let key = id.clone();
    let (page, source) = blocking(&app, move |app| {
        prerender::load(app, &key, !gzip)?.ok_or_else(|| not_found("该报告"))
    })
    .await??;
    drop(turn);
    if source == prerender::Source::Rendered {
        let (app, page) = (Arc::clone(&app), page.clone());
        // Not awaited: the reader has its page already.
        drop(tokio::task::spawn_blocking(move || {
            prerender::write_back(&app.store, &id, &page)
        }));
    }
    page_response(&page, gzip).ok_or_else(|| {
        PageError(
            StatusCode::INTERNAL_SERVER_ERROR,
            "报告页面无法生成".to_string(),
        )
    })
}

/// `GET /reports/{id}/narrative`: a report's 情况说明 with its figures
/// marked, as an HTML fragment (the report page loads it after the tables).
pub async fn narrative(
    State(app): State<Arc<App>>,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    fragment(app, id, |model, ix| {
        let mut b = String::new();
        html::narrative::narrative_body(&mut b, model, ix);
        Some(b)
    })
    .await
}

/// `GET /reports/{id}/performance/{index}`: one 绩效自评表 of a report as
/// an HTML fragment (the report page fetches it when the table is opened).
pub async fn performance(
    State(app): State<Arc<App>>,
    Path((id, index)): Path<(String, usize)>,
) -> Result<Response, PageError> {
    fragment(app, id, move |model, ix| {
        html::narrative::performance_fragment(model, ix, index)
    })
    .await
}

/// A part of report `id`'s page, drawn by `draw` from its model and
/// findings; `None` from `draw` is a missing part (404).
async fn fragment(
    app: Arc<App>,
    id: String,
    draw: impl FnOnce(&juesuan_model::Report, &html::table::FindingIndex<'_>) -> Option<String>
        + Send
        + 'static,
) -> Result<Response, PageError> {
    if !valid_id(&id) {
        return Err(not_found("该报告").into());
    }
    let body = blocking(&app, move |app| {
        let model = app.store.model(&id)?.ok_or_else(|| not_found("该报告"))?;
        let findings = app.store.findings(&id)?;
        let ix = html::table::FindingIndex::new(&findings);
        draw(&model, &ix).ok_or_else(|| PageError::from(not_found("该部分")))
    })
    .await??;
    Ok((html_headers(), body).into_response())
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
