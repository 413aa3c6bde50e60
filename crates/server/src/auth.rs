//! The access token for write endpoints.

use crate::error::ApiError;
use crate::state::WritePolicy;
use axum::http::{HeaderMap, StatusCode};

/// Checks that a write request is allowed under `policy`.
pub fn check_write(policy: &WritePolicy, headers: &HeaderMap) -> Result<(), ApiError> {
    match policy {
        WritePolicy::Open => Ok(()),
        WritePolicy::Closed => Err(ApiError(
            StatusCode::FORBIDDEN,
            "服务绑定在非本机地址且未设置 JUESUAN_TOKEN，上传已禁用".to_string(),
        )),
        WritePolicy::Token(expected) => {
            let given = headers
                .get("authorization")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.strip_prefix("Bearer "))
                .or_else(|| headers.get("x-juesuan-token").and_then(|v| v.to_str().ok()));
            match given {
                Some(g) if same(g.trim().as_bytes(), expected.as_bytes()) => Ok(()),
                Some(_) => Err(ApiError(
                    StatusCode::UNAUTHORIZED,
                    "访问令牌不正确".to_string(),
                )),
                None => Err(ApiError(
                    StatusCode::UNAUTHORIZED,
                    "上传需要访问令牌（Authorization: Bearer …）".to_string(),
                )),
            }
        }
    }
}

/// Compares without stopping at the first difference.
fn same(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn policies() {
        let mut h = HeaderMap::new();
        assert!(check_write(&WritePolicy::Open, &h).is_ok());
        assert_eq!(
            check_write(&WritePolicy::Closed, &h).err().map(|e| e.0),
            Some(StatusCode::FORBIDDEN)
        );
        let p = WritePolicy::Token("s3cret".into());
        assert_eq!(
            check_write(&p, &h).err().map(|e| e.0),
            Some(StatusCode::UNAUTHORIZED)
        );
        h.insert("authorization", HeaderValue::from_static("Bearer wrong!"));
        assert_eq!(
            check_write(&p, &h).err().map(|e| e.0),
            Some(StatusCode::UNAUTHORIZED)
        );
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
}
