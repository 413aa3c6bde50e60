//! The access token for write endpoints.

use crate::error::ApiError;
use crate::state::WritePolicy;
use axum::http::{header, HeaderMap, StatusCode};
use sha2::{Digest, Sha256};

/// Checks that a write request is allowed under `policy`. Looks at the
/// headers only, so that it runs before any body is read.
pub fn check_write(policy: &WritePolicy, headers: &HeaderMap) -> Result<(), ApiError> {
    match policy {
        WritePolicy::Open => Ok(()),
        WritePolicy::Closed => Err(ApiError(
            StatusCode::FORBIDDEN,
            "服务绑定在非本机地址且未设置 JUESUAN_TOKEN，上传已禁用".to_string(),
        )),
        WritePolicy::Token(expected) => match given_token(headers) {
            Some(g) if same_token(g, expected) => Ok(()),
            Some(_) => Err(ApiError(
                StatusCode::UNAUTHORIZED,
                "访问令牌不正确".to_string(),
            )),
            None => Err(ApiError(
                StatusCode::UNAUTHORIZED,
                "上传需要访问令牌（Authorization: Bearer …）".to_string(),
            )),
        },
    }
}

/// The token of `Authorization: Bearer …` (scheme in any case, RFC 9110),
/// else of `X-Juesuan-Token`.
fn given_token(headers: &HeaderMap) -> Option<&str> {
    let text = |name| headers.get(name).and_then(|v| v.to_str().ok());
    text(header::AUTHORIZATION.as_str())
        .and_then(bearer)
        .or_else(|| text("x-juesuan-token").map(str::trim))
}

/// The credentials of a `Bearer` authorization value.
fn bearer(value: &str) -> Option<&str> {
    let (scheme, token) = value.trim().split_once([' ', '\t'])?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

/// Whether `given` is `expected`, in time independent of where they
/// differ and of either length: both are hashed to 32 bytes and every byte
/// of the digests is compared.
fn same_token(given: &str, expected: &str) -> bool {
    let a = Sha256::digest(given.as_bytes());
    let b = Sha256::digest(expected.as_bytes());
    let diff = a
        .iter()
        .zip(b.iter())
        // black_box keeps the compiler from turning the fold into a loop
        // that stops at the first difference.
        .fold(0u8, |acc, (x, y)| std::hint::black_box(acc | (x ^ y)));
    diff == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn status(p: &WritePolicy, h: &HeaderMap) -> Option<StatusCode> {
        check_write(p, h).err().map(|e| e.0)
    }

    #[test]
    fn policies() {
        let mut h = HeaderMap::new();
        assert!(check_write(&WritePolicy::Open, &h).is_ok());
        assert_eq!(
            status(&WritePolicy::Closed, &h),
            Some(StatusCode::FORBIDDEN)
        );
        let p = WritePolicy::Token("s3cret".into());
        assert_eq!(status(&p, &h), Some(StatusCode::UNAUTHORIZED));
        h.insert("authorization", HeaderValue::from_static("Bearer wrong!"));
        assert_eq!(status(&p, &h), Some(StatusCode::UNAUTHORIZED));
        h.insert("authorization", HeaderValue::from_static("Bearer s3cret"));
        assert!(check_write(&p, &h).is_ok());
        assert_eq!(WritePolicy::for_bind(true, None), WritePolicy::Open);
        assert_eq!(
            WritePolicy::for_bind(false, Some(" ".into())),
            WritePolicy::Closed
        );
        assert_eq!(
            WritePolicy::for_bind(false, Some("t".into())),
            WritePolicy::Token("t".into())
        );
    }

    #[test]
    fn the_bearer_scheme_is_case_insensitive() {
        let p = WritePolicy::Token("s3cret".into());
        for value in [
            "bearer s3cret",
            "BEARER s3cret",
            "BeArEr  s3cret ",
            "Bearer\ts3cret",
        ] {
            let mut h = HeaderMap::new();
            h.insert("authorization", HeaderValue::from_static(value));
            assert!(check_write(&p, &h).is_ok(), "{value}");
        }
        for value in ["Basic s3cret", "Bearers3cret", "s3cret", "Bearer"] {
            let mut h = HeaderMap::new();
            h.insert("authorization", HeaderValue::from_static(value));
            assert_eq!(status(&p, &h), Some(StatusCode::UNAUTHORIZED), "{value}");
        }
        let mut h = HeaderMap::new();
        h.insert("x-juesuan-token", HeaderValue::from_static("s3cret"));
        assert!(check_write(&p, &h).is_ok());
    }

    #[test]
    fn tokens_are_compared_as_digests() {
        assert!(same_token("s3cret", "s3cret"));
        assert!(!same_token("s3cre", "s3cret"));
        assert!(!same_token("s3cret-and-more", "s3cret"));
        assert!(!same_token("S3cret", "s3cret"));
        assert!(!same_token("", "s3cret"));
        assert!(same_token("", ""));
        let long = "x".repeat(10_000);
        assert!(same_token(&long, &long));
        assert!(!same_token(&long, &long[1..]));
    }
}
