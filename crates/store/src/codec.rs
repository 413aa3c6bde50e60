//! The stored form of a report's model: its compact JSON, raw-DEFLATE
//! compressed (schema 2). The JSON of the sample is ~350 kB and compresses to
//! about a fifth at the fastest level, which is what makes a batch import
//! write-cheap.

use crate::error::{Error, ErrorKind, Result};
use flate2::read::DeflateDecoder;
use flate2::write::DeflateEncoder;
use flate2::Compression;
use std::io::{Read, Write};

/// Compresses model JSON for storing.
pub fn deflate(json: &str) -> Result<Vec<u8>> {
    let mut enc = DeflateEncoder::new(Vec::with_capacity(json.len() / 4 + 64), Compression::fast());
    enc.write_all(json.as_bytes())
        .and_then(|()| enc.finish())
        .map_err(|e| Error::new(ErrorKind::Corrupt, format!("无法压缩报告模型：{e}")))
}

/// Decompresses stored model JSON as bytes (not checked as UTF-8: the JSON
/// parser checks its strings anyway).
pub fn inflate_bytes(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut out = Vec::with_capacity(bytes.len() * 4);
    DeflateDecoder::new(bytes)
        .read_to_end(&mut out)
        .map_err(|e| Error::new(ErrorKind::Corrupt, format!("存储的报告模型已损坏：{e}")))?;
    Ok(out)
}

/// Decompresses stored model JSON.
pub fn inflate(bytes: &[u8]) -> Result<String> {
    String::from_utf8(inflate_bytes(bytes)?)
        .map_err(|_| Error::new(ErrorKind::Corrupt, "存储的报告模型不是 UTF-8 文本"))
}

/// A report's model as stored: plain JSON (rows written before schema 2) or
/// deflated JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoredModel {
    /// JSON text.
    Json(String),
    /// Raw DEFLATE of the JSON.
    Deflated(Vec<u8>),
}

impl StoredModel {
    /// From a row's two columns: the deflated one when set.
    pub fn from_columns(json: String, deflated: Option<Vec<u8>>) -> StoredModel {
        match deflated {
            Some(z) => StoredModel::Deflated(z),
            None => StoredModel::Json(json),
        }
    }

    /// The JSON text.
    pub fn json(self) -> Result<String> {
        match self {
            StoredModel::Json(s) => Ok(s),
            StoredModel::Deflated(z) => inflate(&z),
        }
    }

    /// The model.
    pub fn decode(self) -> Result<juesuan_model::Report> {
        Ok(match self {
            StoredModel::Json(s) => serde_json::from_str(&s)?,
            StoredModel::Deflated(z) => serde_json::from_slice(&inflate_bytes(&z)?)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let json = r#"{"department":"吉林省人力资源和社会保障厅","year":2024}"#.repeat(50);
        let z = deflate(&json).unwrap();
        assert!(z.len() < json.len() / 4);
        assert_eq!(inflate(&z).unwrap(), json);
        assert_eq!(
            StoredModel::from_columns(String::new(), Some(z))
                .json()
                .unwrap(),
            json
        );
        assert_eq!(
            StoredModel::from_columns("{}".into(), None).json().unwrap(),
            "{}"
        );
        assert_eq!(inflate(b"\xff\xfe").unwrap_err().kind, ErrorKind::Corrupt);
    }
}
