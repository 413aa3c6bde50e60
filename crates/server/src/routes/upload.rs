//! `POST /api/reports`: upload one report file as the raw request body.
//!
//! The router has checked the origin and the token before this runs
//! ([`crate::guard::writes`]); here the headers are checked before the body
//! is read, and the body before it is parsed.

use super::blocking;
use crate::error::ApiError;
use crate::ingest::{file_label, ingest_upload};
use crate::progress::JobView;
use crate::state::App;
use axum::body::Bytes;
use axum::extract::{FromRequest, Path, Query, Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use juesuan_store::IngestError;
use serde::Deserialize;
use std::sync::Arc;

/// `?name=` the file's name (a label only: never used as a path);
/// `?job=` a name the upload page gives the upload to follow its progress
/// (`GET /api/uploads/{job}`).
#[derive(Debug, Deserialize, Default)]
pub struct UploadQuery {
    /// The original file name.
    pub name: Option<String>,
    /// The upload's name for its progress: 8–64 letters, digits, `-`, `_`.
    pub job: Option<String>,
}

/// Whether `job` may name an upload.
fn valid_job(job: &str) -> bool {
    (8..=64).contains(&job.len())
        && job
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// `GET /api/uploads/{job}`: where the upload named `job` stands (pages
/// read by OCR of pages to read, then the audit); 404 when no upload of
/// that name is being read (not started yet, or done: its `POST` answers).
pub async fn progress(
    State(app): State<Arc<App>>,
    Path(job): Path<String>,
) -> Result<Json<JobView>, ApiError> {
    if !valid_job(&job) {
        return Err(ApiError(
            StatusCode::BAD_REQUEST,
            "上传编号无效（应为 8–64 个字母、数字、- 或 _）".to_string(),
        ));
    }
    app.uploads
        .view(&job)
        .map(Json)
        .ok_or_else(|| crate::error::not_found("正在读取的该上传"))
}

/// Media types a report file may be sent as (the format is still decided
/// by the content). No type at all passes too (`fetch` of a file the
/// browser has no type for). Forms' own encodings are not among them.
const ACCEPTED_TYPES: &[&str] = &[
    "application/octet-stream",
    "application/pdf",
    "application/x-pdf",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.ms-excel",
    "text/html",
    "application/xhtml+xml",
    "text/plain",
    "text/csv",
    "text/tab-separated-values",
];

/// Stores an uploaded report: 201 when new, 200 when already stored; 503
/// when as many uploads as allowed are being read already, or when its
/// OCR pages do not fit in what other uploads leave of the OCR budget (413
/// when they exceed all of it: [`crate::budget`]).
pub async fn upload(
    State(app): State<Arc<App>>,
    Query(q): Query<UploadQuery>,
    req: Request,
) -> Result<Response, ApiError> {
    accepted_type(req.headers())?;
    if let Some(job) = q.job.as_deref().filter(|j| !valid_job(j)) {
        return Err(ApiError(
            StatusCode::BAD_REQUEST,
            format!(
                "上传编号“{}”无效（应为 8–64 个字母、数字、- 或 _）",
                job.chars().take(64).collect::<String>()
            ),
        ));
    }
    // Refused before the body is read when no turn is free: the client
    // should not send megabytes only to be told to come back.
    if !app.ingest_free() {
        return Err(busy());
    }
    let body = Bytes::from_request(req, &()).await.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError(
                StatusCode::PAYLOAD_TOO_LARGE,
                format!("文件过大（上限 {} 字节）", app.config.max_upload),
            )
        } else {
            ApiError(e.status(), format!("无法读取请求体：{e}"))
        }
    })?;
    sniff(&body)?;
    // The turn is taken only now, so that a slow sender cannot hold one.
    let turn = app.ingest_turn().ok_or_else(busy)?;
    let name = file_label(q.name.as_deref());
    let job = q.job;
    let result = blocking(&app, move |app| {
        let _turn = turn;
        let following = match job.as_deref() {
            Some(id) => Some(app.uploads.start(id).ok_or_else(|| {
                ApiError(
                    StatusCode::CONFLICT,
                    "同一上传编号的文件正在读取中".to_string(),
                )
            })?),
            None => None,
        };
        ingest_upload(app, &name, &body, following.as_ref().map(|f| f.job()))
    })
    .await??;
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

/// 503: every turn to read an upload is taken (the response carries
/// `Retry-After`, see [`ApiError`]).
fn busy() -> ApiError {
    ApiError(
        StatusCode::SERVICE_UNAVAILABLE,
        "服务器正忙于审核其他上传的报告，请稍后重试".to_string(),
    )
}

/// Refuses a `Content-Type` that is not one of a report file.
fn accepted_type(headers: &HeaderMap) -> Result<(), ApiError> {
    let Some(value) = headers.get(header::CONTENT_TYPE) else {
        return Ok(());
    };
    let media = value
        .to_str()
        .unwrap_or("")
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    if media.starts_with("multipart/") {
        return Err(ApiError(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "请直接以请求体发送文件内容（不要使用 multipart 表单）".to_string(),
        ));
    }
    if ACCEPTED_TYPES.contains(&media.as_str()) {
        Ok(())
    } else {
        Err(ApiError(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "不支持的内容类型：请以 application/octet-stream 或文件本身的类型\
             （PDF、XLSX、XLS、HTML、文本）发送文件内容"
                .to_string(),
        ))
    }
}

/// Refuses bodies that cannot be a report before parsing them: binary
/// data other than a PDF or a workbook (xlsx, or the old binary xls).
fn sniff(body: &[u8]) -> Result<(), ApiError> {
    if body.is_empty() {
        return Err(ApiError(StatusCode::BAD_REQUEST, "请求体为空".to_string()));
    }
    let head = &body[..body.len().min(8192)];
    let pdf = body.starts_with(b"%PDF");
    let workbook = juesuan_read::sheet::is_workbook(body);
    if !pdf && !workbook && head.contains(&0) {
        return Err(ApiError(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "不支持的文件类型：不是文本、PDF 或 Excel（XLSX、XLS）文件".to_string(),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn status(ctype: &'static str) -> Option<StatusCode> {
        let mut h = HeaderMap::new();
        h.insert(header::CONTENT_TYPE, HeaderValue::from_static(ctype));
        accepted_type(&h).err().map(|e| e.0)
    }

    #[test]
    fn only_file_types_are_accepted() {
        assert!(accepted_type(&HeaderMap::new()).is_ok());
        for ok in [
            "application/octet-stream",
            "application/PDF",
            "text/plain; charset=utf-8",
            "application/vnd.ms-excel",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "text/html;charset=gbk",
        ] {
            assert_eq!(status(ok), None, "{ok}");
        }
        let refused = Some(StatusCode::UNSUPPORTED_MEDIA_TYPE);
        assert_eq!(status("multipart/form-data; boundary=x"), refused);
        assert_eq!(status("application/x-www-form-urlencoded"), refused);
        assert_eq!(status("application/json"), refused);
        assert_eq!(status("image/png"), refused);
    }

    #[test]
    fn workbooks_pass_the_sniffer_other_binary_data_does_not() {
        let xls = [
            0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0, 0, 0, 0, 0,
        ];
        assert!(sniff(&xls).is_ok());
        assert!(sniff(b"PK\x03\x04\0\0\0").is_ok());
        assert!(sniff(b"%PDF-1.7\n\0\0").is_ok());
        assert!(sniff("部门决算\n".as_bytes()).is_ok());
        assert_eq!(
            sniff(&[0, 1, 2, 3]).err().map(|e| e.0),
            Some(StatusCode::UNSUPPORTED_MEDIA_TYPE)
        );
        assert_eq!(sniff(b"").err().map(|e| e.0), Some(StatusCode::BAD_REQUEST));
    }
}
