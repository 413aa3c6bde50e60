//! Server-rendered HTML: escaping, the page frame and the pages.

pub mod charts;
pub mod compare;
pub mod findings;
pub mod library;
pub mod measure;
pub mod narrative;
pub mod pager;
pub mod report;
pub mod scores;
pub mod table;

use std::fmt::Write;

/// Escapes text for HTML content and quoted attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(ch),
        }
    }
    out
}

/// Percent-encodes one URL path segment or query value (UTF-8, RFC 3986 unreserved kept).
pub fn pct(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// Wraps a page body in the common frame. `title` is plain text.
pub fn page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{} · 决算审核</title>\n<link rel=\"stylesheet\" href=\"/static/style.css\">\n\
         <script src=\"/static/app.js\" defer></script>\n</head>\n<body>\n\
         <header class=\"top\"><a href=\"/\">决算审核 · 报告库</a>\
         <a href=\"/measures\">跨部门比较</a><a href=\"/api/openapi.json\">API</a></header>\n<main>\n{body}\n</main>\n</body>\n</html>\n",
        esc(title)
    )
}

/// A severity's Chinese name.
pub fn severity_name(sev: &str) -> &'static str {
    match sev {
        "error" => "错误",
        "warning" => "警告",
        "info" => "提示",
        _ => "其他",
    }
}

/// Rank of a severity, for picking the worst.
pub fn severity_rank(sev: &str) -> u8 {
    match sev {
        "error" => 3,
        "warning" => 2,
        "info" => 1,
        _ => 0,
    }
}

/// Formats a plain decimal with thousand separators, as the documents print it.
pub fn grouped(value: &str) -> String {
    let (sign, rest) = match value.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", value),
    };
    let (int, frac) = match rest.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (rest, None),
    };
    if !int.bytes().all(|b| b.is_ascii_digit()) {
        return value.to_string();
    }
    let mut out = String::from(sign);
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_encodes() {
        assert_eq!(
            esc("<script>\"a\" & 'b'</script>"),
            "&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/script&gt;"
        );
        assert_eq!(pct("吉林 a/b"), "%E5%90%89%E6%9E%97%20a%2Fb");
        assert_eq!(grouped("34951.33"), "34,951.33");
        assert_eq!(grouped("-1234567"), "-1,234,567");
        assert_eq!(grouped("100.5"), "100.5");
    }
}
