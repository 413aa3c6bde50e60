//! Guards around every route: writes are refused when they come from
//! another site or lack the token — both decided from the headers, before
//! a body is read —, and no response may be sniffed into another type.

use crate::auth::check_write;
use crate::error::ApiError;
use crate::state::App;
use axum::extract::{Request, State};
use axum::http::uri::Authority;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

/// Middleware: a request with any method but GET, HEAD and OPTIONS is a
/// write; it must come from this site ([`same_site`]) and pass the write
/// policy ([`check_write`]) before its handler (and so its body) runs.
pub async fn writes(State(app): State<Arc<App>>, req: Request, next: Next) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(req).await;
    }
    let checked =
        same_site(req.headers()).and_then(|()| check_write(&app.config.writes, req.headers()));
    match checked {
        Ok(()) => next.run(req).await,
        Err(e) => e.into_response(),
    }
}

/// Middleware: `X-Content-Type-Options: nosniff` on every response, so
/// that no browser runs an upload's echo, a CSV or an error as script.
pub async fn nosniff(mut res: Response) -> Response {
    res.headers_mut().insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    res
}

/// Refuses a request that a browser sent from another site: one whose
/// `Sec-Fetch-Site` is anything but `same-origin`, `same-site` or `none`
/// (typed by the user), or whose `Origin` names another host or port than
/// its `Host`. Clients other than browsers send neither and pass; a
/// browser always sends `Origin` with a cross-origin POST, so an HTML form
/// on another site cannot upload into the library.
pub fn same_site(headers: &HeaderMap) -> Result<(), ApiError> {
    if let Some(site) = headers.get("sec-fetch-site") {
        let site = site.to_str().unwrap_or("").trim();
        let allowed = ["same-origin", "same-site", "none"]
            .iter()
            .any(|a| site.eq_ignore_ascii_case(a));
        if !allowed {
            return Err(cross_site());
        }
    }
    if let Some(origin) = headers.get(header::ORIGIN) {
        let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
        let same = match (origin.to_str(), host) {
            (Ok(origin), Some(host)) => origin_is_host(origin, host),
            _ => false,
        };
        if !same {
            return Err(cross_site());
        }
    }
    Ok(())
}

fn cross_site() -> ApiError {
    ApiError(
        StatusCode::FORBIDDEN,
        "拒绝来自其他网站的写入请求：请在本站页面上传".to_string(),
    )
}

/// Whether `origin` (`scheme://host[:port]`) names the same host and port
/// as the `Host` header. A port left out means the scheme's default on
/// both sides (the client reached us by that scheme). `null` and anything
/// else that is not an http(s) origin never matches.
fn origin_is_host(origin: &str, host: &str) -> bool {
    let Ok(uri) = origin.trim().parse::<Uri>() else {
        return false;
    };
    let (Some(scheme), Some(from)) = (uri.scheme_str(), uri.authority()) else {
        return false;
    };
    let default = match scheme {
        "http" => 80,
        "https" => 443,
        _ => return false,
    };
    let Ok(to) = host.trim().parse::<Authority>() else {
        return false;
    };
    from.host().eq_ignore_ascii_case(to.host())
        && from.port_u16().unwrap_or(default) == to.port_u16().unwrap_or(default)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn origins_match_their_host_and_port() {
        assert!(origin_is_host("http://127.0.0.1:8080", "127.0.0.1:8080"));
        assert!(origin_is_host("http://Example.org", "example.org:80"));
        assert!(origin_is_host("https://example.org", "example.org"));
        assert!(origin_is_host("http://[::1]:8080", "[::1]:8080"));
        assert!(!origin_is_host("http://evil.example", "127.0.0.1:8080"));
        assert!(!origin_is_host("http://127.0.0.1:9999", "127.0.0.1:8080"));
        assert!(!origin_is_host("https://example.org", "example.org:80"));
        assert!(!origin_is_host("null", "127.0.0.1:8080"));
        assert!(!origin_is_host("file://", "127.0.0.1:8080"));
        assert!(!origin_is_host("http://127.0.0.1:8080", "bad host"));
    }

    #[test]
    fn cross_site_requests_are_refused() {
        let ok = |h: &[(&'static str, &'static str)]| same_site(&headers(h)).is_ok();
        assert!(ok(&[]));
        assert!(ok(&[("sec-fetch-site", "same-origin")]));
        assert!(ok(&[("sec-fetch-site", "none")]));
        assert!(ok(&[("sec-fetch-site", "same-site")]));
        assert!(!ok(&[("sec-fetch-site", "cross-site")]));
        assert!(ok(&[
            ("origin", "http://a.test:8080"),
            ("host", "a.test:8080")
        ]));
        assert!(!ok(&[
            ("origin", "http://evil.example"),
            ("host", "a.test:8080")
        ]));
        assert!(!ok(&[("origin", "http://a.test:8080")]));
        assert!(!ok(&[
            ("origin", "http://a.test:8080"),
            ("host", "a.test:8080"),
            ("sec-fetch-site", "cross-site"),
        ]));
    }
}
