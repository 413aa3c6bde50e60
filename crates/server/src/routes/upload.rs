//! `POST /api/reports`: upload one report file as the raw request body.

use super::blocking;
use crate::auth::check_write;
use crate::error::ApiError;
use crate::ingest::{file_label, ingest};
use crate::state::App;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use juesuan_store::IngestError;
use serde::Deserialize;
use std::sync::Arc;

/// `?name=` the file's name (a label only: never used as a path).
#[derive(Debug, Deserialize, Default)]
pub struct UploadQuery {
    /// The original file name.
    pub name: Option<String>,
}

/// Stores an uploaded report: 201 when new, 200 when already stored.
pub async fn upload(
    State(app): State<Arc<App>>,
    Query(q): Query<UploadQuery>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    check_write(&app.config.writes, &headers)?;
    let body = body.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError(
                StatusCode::PAYLOAD_TOO_LARGE,
                format!("文件过大（上限 {} 字节）", app.config.max_upload),
            )
        } else {
            ApiError(e.status(), format!("无法读取请求体：{e}"))
        }
    })?;
    sniff(&headers, &body)?;
    let name = file_label(q.name.as_deref());
    let result = blocking(&app, move |app| ingest(app, &name, &body)).await?;
    match result {
        Ok(done) => {
            let status = if done.status == "imported" {
                StatusCode::CREATED
            } else {
                StatusCode::OK
            };
            Ok((status, Json(done)).into_response())
        }
        Err(IngestError::Unreadable(m)) => Err(ApiError(StatusCode::UNPROCESSABLE_ENTITY, m)),
        Err(IngestError::Internal(m) | IngestError::Store(m)) => {
            Err(ApiError(StatusCode::INTERNAL_SERVER_ERROR, m))
        }
    }
}

/// Refuses bodies that cannot be a report before parsing them.
fn sniff(headers: &HeaderMap, body: &[u8]) -> Result<(), ApiError> {
    let ctype = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if ctype.starts_with("multipart/") {
        return Err(ApiError(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "请直接以请求体发送文件内容（不要使用 multipart 表单）".to_string(),
        ));
    }
    if body.is_empty() {
        return Err(ApiError(StatusCode::BAD_REQUEST, "请求体为空".to_string()));
    }
    let head = &body[..body.len().min(8192)];
    let pdf = body.starts_with(b"%PDF");
    let zip = body.starts_with(b"PK\x03\x04");
    if !pdf && !zip && head.contains(&0) {
        return Err(ApiError(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "不支持的文件类型：不是文本、PDF 或 XLSX 文件".to_string(),
        ));
    }
    Ok(())
}
