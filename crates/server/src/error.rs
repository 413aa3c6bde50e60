//! Errors as HTTP responses: JSON for the API, an HTML page for pages.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

/// An API error: status and a Chinese message, sent as `{"error": "…"}`.
/// A 503 (busy) also says when to try again (`Retry-After`).
#[derive(Debug)]
pub struct ApiError(pub StatusCode, pub String);

/// Seconds a client is asked to wait after a 503: about what reading and
/// auditing a text or text-layer PDF report takes.
pub const RETRY_AFTER_SECONDS: &str = "10";

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({ "error": self.1 }).to_string();
        let mut res = (
            self.0,
            [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
            body,
        )
            .into_response();
        if self.0 == StatusCode::SERVICE_UNAVAILABLE {
            res.headers_mut().insert(
                header::RETRY_AFTER,
                HeaderValue::from_static(RETRY_AFTER_SECONDS),
            );
        }
        res
    }
}

impl From<juesuan_store::Error> for ApiError {
    fn from(e: juesuan_store::Error) -> ApiError {
        let status = match e.kind {
            juesuan_store::ErrorKind::Invalid => StatusCode::BAD_REQUEST,
            juesuan_store::ErrorKind::NotFound => StatusCode::NOT_FOUND,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        };
        ApiError(status, e.message)
    }
}

/// A page error, rendered as a small HTML page.
#[derive(Debug)]
pub struct PageError(pub StatusCode, pub String);

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let body = crate::html::page(
            "出错了",
            &format!(
                "<h1>出错了</h1><p>{}</p><p><a href=\"/\">返回报告库</a></p>",
                crate::html::esc(&self.1)
            ),
        );
        (self.0, crate::routes::html_headers(), body).into_response()
    }
}

impl From<juesuan_store::Error> for PageError {
    fn from(e: juesuan_store::Error) -> PageError {
        PageError(StatusCode::INTERNAL_SERVER_ERROR, e.message)
    }
}

impl From<ApiError> for PageError {
    fn from(e: ApiError) -> PageError {
        PageError(e.0, e.1)
    }
}

/// 404 with a message.
pub fn not_found(what: &str) -> ApiError {
    ApiError(StatusCode::NOT_FOUND, format!("未找到{what}"))
}
