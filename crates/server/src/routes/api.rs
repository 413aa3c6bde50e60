//! The JSON API (read side). See `/api/openapi.json`.

use super::pages::Search;
use super::{blocking, valid_id};
use crate::error::{not_found, ApiError};
use crate::state::App;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};
use std::sync::Arc;

fn checked(id: &str) -> Result<(), ApiError> {
    if valid_id(id) {
        Ok(())
    } else {
        Err(not_found("该报告"))
    }
}

/// `GET /api/reports?q=&year=&status=`: report summaries.
pub async fn reports(
    State(app): State<Arc<App>>,
    Query(s): Query<Search>,
) -> Result<Json<Value>, ApiError> {
    let filter = s.filter()?;
    let list = blocking(&app, move |app| app.store.reports_where(&filter)).await??;
    Ok(Json(json!({ "reports": list })))
}

/// `GET /api/departments?q=&year=&status=`: departments with their reports
/// that pass the filter.
pub async fn departments(
    State(app): State<Arc<App>>,
    Query(s): Query<Search>,
) -> Result<Json<Value>, ApiError> {
    let filter = s.filter()?;
    let list = blocking(&app, move |app| app.store.departments_where(&filter)).await??;
    Ok(Json(json!({ "departments": list })))
}

/// `GET /api/reports/{id}`: summary and the model.
pub async fn report(
    State(app): State<Arc<App>>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    checked(&id)?;
    let body = blocking(&app, move |app| {
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

/// `GET /api/reports/{id}/findings`.
pub async fn findings(
    State(app): State<Arc<App>>,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    checked(&id)?;
    let list = blocking(&app, move |app| {
        app.store.summary(&id)?.ok_or_else(|| not_found("该报告"))?;
        Ok::<_, ApiError>(app.store.findings(&id)?)
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
    let list = blocking(&app, move |app| {
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
    let v = blocking(&app, move |app| {
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
    let cmp = blocking(&app, move |app| {
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

/// `GET /api/measures/{key}?year=&sort=&order=`: one measure across departments.
pub async fn measure(
    State(app): State<Arc<App>>,
    Path(key): Path<String>,
    Query(q): Query<super::pages::MeasureQuery>,
) -> Result<Json<Value>, ApiError> {
    let sort = crate::html::measure::SortKey::parse(q.sort.as_deref());
    let desc = q.order.as_deref() == Some("desc");
    let cmp = blocking(&app, move |app| {
        let mut cmp = app
            .store
            .measure(&key, q.year)?
            .ok_or_else(|| not_found("该指标"))?;
        crate::html::measure::sort(&mut cmp.rows, sort, desc);
        Ok::<_, ApiError>(cmp)
    })
    .await??;
    Ok(Json(json!(cmp)))
}
