//! HTML pages: library, report, compare.

use super::params::{ListQuery, PAGE_SIZE};
use super::{blocking, html_headers, queued, valid_id};
use crate::error::{not_found, PageError};
use crate::html;
use crate::prerender;
use crate::state::{App, CachedPage};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use juesuan_store::measure::SortKey;
use juesuan_store::Paging;
use serde::Deserialize;
use std::sync::Arc;

/// `GET /?q=&year=&status=&dept=&sort=&order=&page=`: one page of the
/// library, searchable by name and filterable by department, year and
/// status, ordered by department, year or error count.
pub async fn library(
    State(app): State<Arc<App>>,
    Query(q): Query<ListQuery>,
) -> Result<Response, PageError> {
    let filter = q.filter()?;
    let order = q.order()?;
    let paging = Paging::page(q.page_number()? - 1, PAGE_SIZE);
    let pairs = q.list_pairs();
    let page = queued(&app, move |app| {
        let list = app.store.report_page(&filter, order, paging)?;
        let years = app.store.years()?;
        let ranking = app
            .store
            .scores(filter.year, Paging::new(html::scores::TOP, 0))?;
        let dept_name = match &filter.dept {
            Some(key) => app.store.department_name(key)?,
            None => None,
        };
        let view = html::library::View {
            filter: &filter,
            order,
            years: &years,
            dept_name: dept_name.as_deref(),
            pairs: &pairs,
            ranking: Some(&ranking),
        };
        Ok::<_, PageError>(html::library::render(&list, &view))
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
    let body = queued(&app, move |app| {
        let model = app.store.model(&id)?.ok_or_else(|| not_found("该报告"))?;
        let findings = app.store.findings(&id)?;
        let ix = html::table::FindingIndex::new(&findings);
        draw(&model, &ix).ok_or_else(|| PageError::from(not_found("该部分")))
    })
    .await??;
    Ok((html_headers(), body).into_response())
}

/// `GET /reports/{id}/findings?severity=&rule=`: a report's findings
/// filtered on the server (errors first), the page the report page's
/// summary links to.
pub async fn findings(
    State(app): State<Arc<App>>,
    Path(id): Path<String>,
    Query(q): Query<ListQuery>,
) -> Result<Response, PageError> {
    if !valid_id(&id) {
        return Err(not_found("该报告").into());
    }
    let filter = q.findings()?;
    let page = queued(&app, move |app| {
        let summary = app.store.summary(&id)?.ok_or_else(|| not_found("该报告"))?;
        let all = app.store.findings(&id)?;
        Ok::<_, PageError>(html::findings::render(&summary, &all, &filter))
    })
    .await??;
    Ok((html_headers(), page).into_response())
}

/// `?all=1&page=` on the compare page.
#[derive(Debug, Deserialize, Default)]
pub struct CompareQuery {
    /// Show unchanged cells too.
    #[serde(default)]
    pub all: Option<String>,
    /// Page of cells, from 1.
    #[serde(default)]
    pub page: Option<String>,
}

/// `GET /departments/{key}`: one department across years, a page of cells
/// at a time.
pub async fn compare(
    State(app): State<Arc<App>>,
    Path(key): Path<String>,
    Query(q): Query<CompareQuery>,
) -> Result<Response, PageError> {
    let all = q.all.is_some_and(|v| v != "0");
    let page_no = ListQuery {
        page: q.page,
        ..ListQuery::default()
    }
    .page_number()?;
    let page = queued(&app, move |app| {
        let cmp = app
            .store
            .compare_department(&key)?
            .ok_or_else(|| not_found("该部门"))?;
        Ok::<_, PageError>(html::compare::render(&cmp, all, page_no))
    })
    .await??;
    Ok((html_headers(), page).into_response())
}

/// `?year=&sort=&order=&page=` on the measure page (`limit` and `offset`
/// in the API).
#[derive(Debug, Deserialize, Default)]
pub struct MeasureQuery {
    /// Only this year's reports (blank: every year).
    #[serde(default)]
    pub year: Option<String>,
    /// `department` (default), `year` or `value`.
    #[serde(default)]
    pub sort: Option<String>,
    /// `desc` for descending.
    #[serde(default)]
    pub order: Option<String>,
    /// Page number, from 1 (HTML).
    #[serde(default)]
    pub page: Option<String>,
    /// Rows per response (API).
    #[serde(default)]
    pub limit: Option<String>,
    /// Rows skipped (API).
    #[serde(default)]
    pub offset: Option<String>,
}

impl MeasureQuery {
    /// The order asked for: the key, and whether descending.
    pub fn order(&self) -> (SortKey, bool) {
        (
            SortKey::parse(self.sort.as_deref()),
            self.order.as_deref() == Some("desc"),
        )
    }

    /// The list query of the year and paging parameters (checked there).
    pub fn list(&self) -> ListQuery {
        ListQuery {
            year: self.year.clone(),
            page: self.page.clone(),
            limit: self.limit.clone(),
            offset: self.offset.clone(),
            ..ListQuery::default()
        }
    }
}

/// `GET /measures`: the measures compared across departments.
pub async fn measures() -> Response {
    (html_headers(), html::measure::render_index()).into_response()
}

/// `GET /measures/{key}`: one measure across departments, sortable, a
/// page at a time.
pub async fn measure(
    State(app): State<Arc<App>>,
    Path(key): Path<String>,
    Query(q): Query<MeasureQuery>,
) -> Result<Response, PageError> {
    let (sort, desc) = q.order();
    let list = q.list();
    let paging = Paging::page(list.page_number()? - 1, PAGE_SIZE);
    let year = list.filter()?.year;
    let page = queued(&app, move |app| {
        let cmp = app
            .store
            .measure_page(&key, year, sort, desc, paging)?
            .ok_or_else(|| not_found("该指标"))?;
        let years = app.store.years()?;
        Ok::<_, PageError>(html::measure::render(&cmp, sort, desc, paging, &years))
    })
    .await??;
    Ok((html_headers(), page).into_response())
}
