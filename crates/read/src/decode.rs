//! Text encodings: reports saved as UTF-8 (with or without BOM), UTF-16
//! (Windows "Unicode" text) or GBK/GB18030 (older Chinese Windows tools) are
//! all read; the encoding used is reported when it was not UTF-8.

use crate::error::{Error, ErrorKind};
use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE};
use std::borrow::Cow;

/// Decodes text bytes; returns the text and, when it was not UTF-8, the
/// name of the encoding used.
pub(crate) fn decode<'a>(
    file: &str,
    bytes: &'a [u8],
) -> Result<(Cow<'a, str>, Option<&'static str>), Error> {
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        if enc == encoding_rs::UTF_8 {
            return utf8(file, &bytes[bom..]).map(|t| (t, None));
        }
        return whole(file, enc, &bytes[bom..]).map(|t| (t, Some(enc.name())));
    }
    if let Ok(t) = std::str::from_utf8(bytes) {
        return Ok((Cow::Borrowed(t), None));
    }
    // UTF-16 without a BOM: every other byte of ASCII text is zero.
    let zeros_even = bytes.iter().step_by(2).filter(|b| **b == 0).count();
    let zeros_odd = bytes.iter().skip(1).step_by(2).filter(|b| **b == 0).count();
    let half = bytes.len() / 2;
    if half > 0 && zeros_odd * 4 > half {
        return whole(file, UTF_16LE, bytes).map(|t| (t, Some("UTF-16LE")));
    }
    if half > 0 && zeros_even * 4 > half {
        return whole(file, UTF_16BE, bytes).map(|t| (t, Some("UTF-16BE")));
    }
    whole(file, GB18030, bytes).map(|t| (t, Some("GB18030")))
}

fn utf8<'a>(file: &str, bytes: &'a [u8]) -> Result<Cow<'a, str>, Error> {
    std::str::from_utf8(bytes).map(Cow::Borrowed).map_err(|e| {
        Error::new(
            ErrorKind::NotText,
            file,
            None,
            format!("不是 UTF-8 文本（第 {} 字节处编码无效）", e.valid_up_to()),
        )
    })
}

/// Decodes with `enc`; text that does not decode cleanly is not text.
fn whole<'a>(file: &str, enc: &'static Encoding, bytes: &'a [u8]) -> Result<Cow<'a, str>, Error> {
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    // Binary data decodes into replacement characters and control codes.
    let controls = text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
        .count();
    if had_errors || controls * 100 > text.chars().count().max(1) {
        return Err(Error::new(
            ErrorKind::NotText,
            file,
            None,
            "不是可识别的文本（既不是 UTF-8，也不是 UTF-16 或 GBK/GB18030 编码）",
        ));
    }
    Ok(Cow::Owned(text.into_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings() {
        let s = "公开01表\t收入支出决算总表\r\n";
        let (t, e) = decode("f", s.as_bytes()).unwrap();
        assert_eq!((t.as_ref(), e), (s, None));
        let (gbk, _, _) = GB18030.encode(s);
        let (t, e) = decode("f", &gbk).unwrap();
        assert_eq!((t.as_ref(), e), (s, Some("GB18030")));
        let mut u16le = vec![0xFF, 0xFE];
        for u in s.encode_utf16() {
            u16le.extend(u.to_le_bytes());
        }
        let (t, e) = decode("f", &u16le).unwrap();
        assert_eq!((t.as_ref(), e), (s, Some("UTF-16LE")));
        let bare: Vec<u8> = "单位：万元 ab"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        assert_eq!(decode("f", &bare).unwrap().1, Some("UTF-16LE"));
        let mut bom8 = b"\xEF\xBB\xBF".to_vec();
        bom8.extend(s.as_bytes());
        assert_eq!(decode("f", &bom8).unwrap(), (Cow::Borrowed(s), None));
        // Random binary is refused.
        let noise: Vec<u8> = (0..400u32).map(|i| (i * 7919 % 251) as u8).collect();
        assert!(decode("f", &noise).is_err());
    }
}
