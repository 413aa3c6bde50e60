//! The score and the years of a department: `GET /api/reports/{id}/score`,
//! `GET /api/scores` (the ranking), `GET /scores` (its page) and
//! `POST /api/links` (a renamed department).

use super::{blocking, html_headers, queued, valid_id};
use crate::error::{not_found, ApiError, PageError};
use crate::state::App;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::Json;
use juesuan_store::Paging;
use serde::Deserialize;
use serde_json::{json, Value};
use std::sync::Arc;

/// `?year=&limit=&offset=` of the ranking.
#[derive(Debug, Deserialize, Default)]
pub struct RankingQuery {
    /// Only this fiscal year.
    #[serde(default)]
    pub year: Option<String>,
    /// Rows at most.
    #[serde(default)]
    pub limit: Option<String>,
    /// Rows skipped.
    #[serde(default)]
    pub offset: Option<String>,
}

fn number<T: std::str::FromStr>(v: &Option<String>, what: &str) -> Result<Option<T>, ApiError> {
    match v.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => s.parse().map(Some).map_err(|_| {
            ApiError(
                axum::http::StatusCode::BAD_REQUEST,
                format!("无效的{what}：{s}"),
            )
        }),
    }
}

impl RankingQuery {
    fn parts(&self, default_limit: u32) -> Result<(Option<u32>, Paging), ApiError> {
        let year = number(&self.year, "年度")?;
        let limit = number(&self.limit, "limit")?.unwrap_or(default_limit);
        let offset = number(&self.offset, "offset")?.unwrap_or(0);
        Ok((year, Paging::new(limit, offset)))
    }
}

/// `GET /api/reports/{id}/score`: the score with its parts (`score` null
/// for a report stored before scores).
pub async fn score(
    State(app): State<Arc<App>>,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    if !valid_id(&id) {
        return Err(not_found("该报告"));
    }
    let s = queued(&app, move |app| {
        app.store.summary(&id)?.ok_or_else(|| not_found("该报告"))?;
        Ok::<_, ApiError>(app.store.score(&id)?)
    })
    .await??;
    Ok(Json(json!({ "score": s })))
}

/// `GET /api/scores?year=&limit=&offset=`: the reports ranked by score.
pub async fn scores(
    State(app): State<Arc<App>>,
    Query(q): Query<RankingQuery>,
) -> Result<Json<Value>, ApiError> {
    let (year, paging) = q.parts(100)?;
    let page = queued(&app, move |app| app.store.scores(year, paging)).await??;
    Ok(Json(json!({
        "rows": page.rows, "total": page.total, "limit": paging.limit, "offset": page.offset,
    })))
}

/// `GET /scores?year=&offset=`: the ranking's page.
pub async fn ranking_page(
    State(app): State<Arc<App>>,
    Query(q): Query<RankingQuery>,
) -> Result<Response, PageError> {
    let (year, paging) = q.parts(50)?;
    let page = queued(&app, move |app| app.store.scores(year, paging)).await??;
    let html = crate::html::scores::ranking_page(&page, year, paging.limit);
    Ok((html_headers(), html).into_response())
}

/// The body of `POST /api/links`.
#[derive(Debug, Deserialize)]
pub struct LinkBody {
    /// The department's former name.
    pub old: String,
    /// Its name now.
    pub new: String,
}

/// `POST /api/links` `{"old": "…", "new": "…"}`: links a renamed
/// department; its years are compared again and their pages rendered anew.
pub async fn link(
    State(app): State<Arc<App>>,
    Json(body): Json<LinkBody>,
) -> Result<Json<Value>, ApiError> {
    let ids = blocking(&app, move |app| {
        let ids = app.store.link_departments(&body.old, &body.new)?;
        for id in &ids {
            crate::ingest::refresh_page(app, id);
        }
        Ok::<_, ApiError>(ids)
    })
    .await??;
    Ok(Json(json!({ "compared": ids })))
}

/// The API paths of this module for `/api/openapi.json`.
pub fn openapi(doc: &mut Value) {
    let id = json!({ "name": "id", "in": "path", "required": true,
                     "description": "报告编号（文件 SHA-256 的前 16 位十六进制数）",
                     "schema": { "type": "string", "pattern": "^[0-9a-f]{16}$" } });
    let err = json!({ "description": "错误", "content": { "application/json": {
                      "schema": { "$ref": "#/components/schemas/Error" } } } });
    let part = json!({ "type": "object", "properties": {
        "group": { "type": "string", "example": "一致性" }, "item": { "type": "string", "example": "表内表间" },
        "earned": { "type": "string", "example": "22" }, "possible": { "type": "string", "example": "25" },
        "note": { "type": "string" } } });
    let score = json!({ "type": "object", "nullable": true, "properties": {
        "value": { "type": "string", "example": "86.2", "description": "0–100，一位小数" },
        "method": { "type": "string", "description": "评分方法版本（docs/score.md）" },
        "parts": { "type": "array", "items": part } } });
    let paths = &mut doc["paths"];
    paths["/api/reports/{id}/score"] = json!({ "get": {
        "summary": "报告的信息公开质量评分及各项得分（方法见 docs/score.md）",
        "parameters": [id],
        "responses": { "200": { "description": "评分（评分功能启用前导入的报告为 null）",
            "content": { "application/json": { "schema": { "type": "object",
                "properties": { "score": score } } } } },
            "404": err.clone() } } });
    paths["/api/scores"] = json!({ "get": {
        "summary": "按信息公开质量评分排名（高→低）",
        "parameters": [
            { "name": "year", "in": "query", "required": false, "schema": { "type": "integer" },
              "description": "只排该年度的报告" },
            { "name": "limit", "in": "query", "required": false,
              "schema": { "type": "integer", "minimum": 1, "maximum": 500, "default": 100 } },
            { "name": "offset", "in": "query", "required": false,
              "schema": { "type": "integer", "minimum": 0, "default": 0 } }],
        "responses": { "200": { "description": "排名", "content": { "application/json": {
            "schema": { "type": "object", "properties": {
                "rows": { "type": "array", "items": { "type": "object", "properties": {
                    "id": { "type": "string" }, "dept_key": { "type": "string" },
                    "department": { "type": "string" },
                    "year": { "type": "integer", "nullable": true },
                    "score": { "type": "string", "example": "86.2" } } } },
                "total": { "type": "integer" }, "limit": { "type": "integer" },
                "offset": { "type": "integer" } } } } } },
            "400": err.clone() } } });
    paths["/api/links"] = json!({ "post": {
        "summary": "关联更名的部门：old 为 new 的往年名称；两者各年度的跨年度衔接（Y.*）重新核对",
        "security": [{ "token": [] }, {}],
        "requestBody": { "required": true, "content": { "application/json": { "schema": {
            "type": "object", "required": ["old", "new"], "properties": {
                "old": { "type": "string", "example": "吉林省人事厅" },
                "new": { "type": "string", "example": "吉林省人力资源和社会保障厅" } } } } } },
        "responses": { "200": { "description": "已关联；compared 为重新核对的报告编号",
            "content": { "application/json": { "schema": { "type": "object", "properties": {
                "compared": { "type": "array", "items": { "type": "string" } } } } } } },
            "400": err.clone(), "404": err } } });
}
