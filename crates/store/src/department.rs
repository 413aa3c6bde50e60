//! Department names and the key that links one department's reports across years.

/// The key of a department: its printed name with full-width ASCII folded,
/// all white space removed and full-width brackets made half-width, so that
/// `吉林省人力资源和社会保障厅` printed with stray spaces or `（本级）` in
/// either width link to the same department. An empty name gets `未知部门`.
pub fn key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for ch in name.chars() {
        let ch = match ch {
            '\u{3000}' => ' ',
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(ch as u32 - 0xFEE0).unwrap_or(ch),
            _ => ch,
        };
        if !ch.is_whitespace() {
            out.push(ch);
        }
    }
    if out.is_empty() {
        out.push_str(UNKNOWN);
    }
    out
}

/// The key (and display name) of reports whose department was not found.
pub const UNKNOWN: &str = "未知部门";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_spaces_and_widths() {
        assert_eq!(
            key(" 吉林省 人力资源和社会保障厅\u{3000}"),
            "吉林省人力资源和社会保障厅"
        );
        assert_eq!(key("某厅（本级）"), "某厅(本级)");
        assert_eq!(key("某厅(本级)"), "某厅(本级)");
        assert_eq!(key("  "), UNKNOWN);
    }
}
