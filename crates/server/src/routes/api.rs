//! The JSON API (read side). See `/api/openapi.json`.

use super::params::{href, ListQuery};
use super::{queued, valid_id};
use crate::error::{not_found, ApiError};
use crate::state::App;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Json;
use juesuan_store::Paging;
use serde_json::{json, Value};
use std::sync::Arc;

fn checked(id: &str) -> Result<(), ApiError> {
    if valid_id(id) {
        Ok(())
    } else {
        Err(not_found("该报告"))
    }
}

/// The link to the next slice of a list at `path`, if there is one.
fn next_link(path: &str, q: &ListQuery, paging: Paging, shown: usize, total: u64) -> Value {
    let next = paging.offset + shown as u64;
    if shown == 0 || next >= total {
        return Value::Null;
    }
    let mut pairs = q.list_pairs();
    pairs.push(("limit", paging.limit.to_string()));
    pairs.push(("offset", next.to_string()));
    Value::String(href(path, &pairs))
}

/// `GET /api/reports?q=&year=&status=&dept=&sort=&order=&limit=&offset=`:
/// one slice of the report summaries that pass the filter, with their
/// number and the link to the next slice.
pub async fn reports(
    State(app): State<Arc<App>>,
    Query(q): Query<ListQuery>,
) -> Result<Json<Value>, ApiError> {
    let filter = q.filter()?;
    let order = q.order()?;
    let paging = q.slice()?;
    let list = queued(&app, move |app| {
        app.store.report_page(&filter, order, paging)
    })
    .await??;
    let next = next_link("/api/reports", &q, paging, list.reports.len(), list.total);
    Ok(Json(json!({
        "reports": list.reports, "total": list.total,
        "limit": paging.limit, "offset": paging.offset, "next": next,
    })))
}

/// `GET /api/departments?q=&year=&status=&dept=&limit=&offset=`: one
/// slice of the departments (by key) with their reports that pass the
/// filter.
pub async fn departments(
    State(app): State<Arc<App>>,
    Query(q): Query<ListQuery>,
) -> Result<Json<Value>, ApiError> {
    let filter = q.filter()?;
    let paging = q.slice()?;
    let list = queued(&app, move |app| app.store.department_page(&filter, paging)).await??;
    let next = next_link(
        "/api/departments",
        &q,
        paging,
        list.departments.len(),
        list.total,
    );
    Ok(Json(json!({
        "departments": list.departments, "total": list.total,
        "limit": paging.limit, "offset": paging.offset, "next": next,
    })))
}

/// `GET /api/reports/{id}`: summary and the model.
pub async fn report(
    State(app): State<Arc<App>>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    checked(&id)?;
    let body = queued(&app, move |app| {
        let summary = app.store.summary(&id)?.ok_or_else(|| not_found("该报告"))?;
        let model = app
            .store
            .model_json(&id)?
            .ok_or_else(|| not_found("该报告"))?;
        let summary = serde_json::to_string(&summary)
            .map_err(|e| ApiError(axum::http::StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
        // The stored model is JSON written by the store itself.
        Ok::<_, ApiError>(format!("{{\"summary\":{summary},\"model\":{model}}}"))
    })
    .await??;
    Ok((
        [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
        body,
    )
        .into_response())
}

/// `GET /api/reports/{id}/findings?severity=&rule=`: the findings that
/// pass the filter, in audit order.
pub async fn findings(
    State(app): State<Arc<App>>,
    Path(id): Path<String>,
    Query(q): Query<ListQuery>,
) -> Result<Json<Value>, ApiError> {
    checked(&id)?;
    let filter = q.findings()?;
    let list = queued(&app, move |app| {
        app.store.summary(&id)?.ok_or_else(|| not_found("该报告"))?;
        Ok::<_, ApiError>(app.store.findings_where(&id, &filter)?)
    })
    .await??;
    Ok(Json(json!({ "findings": list })))
}

/// `GET /api/reports/{id}/cells`.
pub async fn cells(
    State(app): State<Arc<App>>,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    checked(&id)?;
    let list = queued(&app, move |app| {
        app.store.summary(&id)?.ok_or_else(|| not_found("该报告"))?;
        let cells = app.store.cells(&id)?;
        Ok::<_, ApiError>(
            cells
                .into_iter()
                .map(|c| {
                    json!({ "addr": c.addr(), "table": c.table, "row": c.row,
                                 "column": c.column, "value": c.value, "name": c.name,
                                 "line": c.line, "page": c.page })
                })
                .collect::<Vec<_>>(),
        )
    })
    .await??;
    Ok(Json(json!({ "cells": list })))
}

/// `GET /api/reports/{id}/coverage`: counts and per-rule outcomes.
pub async fn coverage(
    State(app): State<Arc<App>>,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    checked(&id)?;
    let v = queued(&app, move |app| {
        let summary = app.store.summary(&id)?.ok_or_else(|| not_found("该报告"))?;
        let outcomes = app.store.outcomes_json(&id)?.unwrap_or_else(|| "[]".into());
        let outcomes: Value = serde_json::from_str(&outcomes).unwrap_or(Value::Null);
        Ok::<_, ApiError>(
            json!({ "coverage": summary.coverage, "rulebook": summary.rulebook,
                                  "outcomes": outcomes }),
        )
    })
    .await??;
    Ok(Json(v))
}

/// `GET /api/departments/{key}/compare`.
pub async fn compare(
    State(app): State<Arc<App>>,
    Path(key): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let cmp = queued(&app, move |app| {
        app.store
            .compare_department(&key)?
            .ok_or_else(|| not_found("该部门"))
    })
    .await??;
    Ok(Json(json!(cmp)))
}

/// `GET /api/measures`: the measures that can be compared across departments.
pub async fn measures() -> Json<Value> {
    let list: Vec<Value> = juesuan_store::measure::MEASURES
        .iter()
        .map(|m| json!({ "key": m.key, "name": m.name, "source": m.source.to_string() }))
        .collect();
    Json(json!({ "measures": list }))
}

/// `GET /api/measures/{key}?year=&sort=&order=&limit=&offset=`: one slice
/// of a measure across departments.
pub async fn measure(
    State(app): State<Arc<App>>,
    Path(key): Path<String>,
    Query(q): Query<super::pages::MeasureQuery>,
) -> Result<Json<Value>, ApiError> {
    let (sort, desc) = q.order();
    let list = q.list();
    let paging = list.slice()?;
    let year = list.filter()?.year;
    let cmp = queued(&app, move |app| {
        app.store
            .measure_page(&key, year, sort, desc, paging)?
            .ok_or_else(|| not_found("该指标"))
    })
    .await??;
    Ok(Json(json!({
        "key": cmp.key, "name": cmp.name, "year": cmp.year, "rows": cmp.rows,
        "total": cmp.total, "limit": paging.limit, "offset": cmp.offset,
    })))
}
