//! Small text helpers shared by the part parsers.

/// Removes all whitespace (PDF conversion inserts spaces inside words: "公开 02 表").
pub fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Whether `text` equals `label` once whitespace is removed, without allocating.
pub fn eq_squeezed(text: &str, label: &str) -> bool {
    let mut a = text.chars().filter(|c| !c.is_whitespace());
    let mut b = label.chars();
    loop {
        match (a.next(), b.next()) {
            (None, None) => return true,
            (Some(x), Some(y)) if x == y => continue,
            _ => return false,
        }
    }
}

/// The first `n` non-whitespace characters (cheap heading tests on long lines).
pub fn squeeze_prefix(s: &str, n: usize) -> String {
    s.chars().filter(|c| !c.is_whitespace()).take(n).collect()
}

/// Strips a Markdown list marker ("- ") that some converters put before lines.
pub fn strip_bullet(s: &str) -> &str {
    let t = s.trim_start();
    t.strip_prefix("- ").unwrap_or(t).trim()
}

/// Removes HTML tags (`<p>`, `</p>`) and collapses the whitespace they leave.
pub fn strip_tags(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_tag = false;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if in_tag {
            if c == '>' {
                in_tag = false;
                out.push(' ');
            }
            continue;
        }
        if c == '<' {
            // Only treat `<tag>` shaped sequences as tags; "<=30个" is a comparator.
            if matches!(chars.peek(), Some(n) if n.is_ascii_alphabetic() || *n == '/') {
                in_tag = true;
                continue;
            }
        }
        out.push(c);
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Chinese numeral (一 … 九十九) to its value.
pub fn chinese_numeral(s: &str) -> Option<u32> {
    let digit = |c: char| "零一二三四五六七八九".find(c).map(|i| (i / 3) as u32);
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        [] => None,
        ['十'] => Some(10),
        ['十', d] => Some(10 + digit(*d)?),
        [t, '十'] => Some(digit(*t)? * 10),
        [t, '十', d] => Some(digit(*t)? * 10 + digit(*d)?),
        [d] => digit(*d).filter(|v| *v > 0),
        _ => None,
    }
}

/// Parses a date printed as "2025 年 8 月 25 日" into "2025-08-25".
pub fn parse_cn_date(s: &str) -> Option<String> {
    let t = squeeze(s);
    let (y, rest) = t.split_once('年')?;
    let (m, rest) = rest.split_once('月')?;
    let d = rest.strip_suffix('日')?;
    let y: u32 = y.parse().ok()?;
    let m: u32 = m.parse().ok()?;
    let d: u32 = d.parse().ok()?;
    if !(1900..=2200).contains(&y) || !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

/// The first run of ASCII digits in `s` that looks like a year (4 digits, 19xx/20xx).
pub fn find_year(s: &str) -> Option<u32> {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() {
            let j = (i..b.len())
                .find(|&k| !b[k].is_ascii_digit())
                .unwrap_or(b.len());
            if j - i == 4 {
                if let Ok(y) = s[i..j].parse::<u32>() {
                    if (1990..=2100).contains(&y) {
                        return Some(y);
                    }
                }
            }
            i = j;
        } else {
            i += 1;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn helpers() {
        assert_eq!(squeeze("公开 02 表"), "公开02表");
        assert_eq!(strip_tags("<p>1.开展</p> <p>2.完成</p>"), "1.开展 2.完成");
        assert_eq!(strip_tags("<=30个"), "<=30个");
        assert_eq!(chinese_numeral("十一"), Some(11));
        assert_eq!(chinese_numeral("二十"), Some(20));
        assert_eq!(chinese_numeral("五"), Some(5));
        assert_eq!(chinese_numeral("零"), None);
        assert_eq!(
            parse_cn_date("2025 年 8 月 25 日").as_deref(),
            Some("2025-08-25")
        );
        assert_eq!(parse_cn_date("2025 年 13 月 25 日"), None);
        assert_eq!(find_year("第二部分 2024 年度部门决算表"), Some(2024));
        assert_eq!(find_year("12333 电话"), None);
    }
}
