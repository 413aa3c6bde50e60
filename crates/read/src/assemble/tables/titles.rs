//! Recognising table titles and printed table numbers.

use super::super::text::{squeeze, strip_bullet};
use crate::source::SourceLine;
use juesuan_model::profile::{any_table_for_title, title_label};
use juesuan_model::TableId;

/// What a title line names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Titled {
    /// A table some family publishes (the family decides T08/T14 later).
    Known(TableId),
    /// A 决算 table no family knows: read generically.
    Generic,
}

/// The table a title line names, with the folded title, if it is one.
pub fn title_of(line: &SourceLine) -> Option<(Titled, String)> {
    // Cheap rejection first: this runs on every line of the document.
    if !line.text.contains('表') {
        return None;
    }
    let text = if line.is_tabular() {
        // Some converters put the title in the first cell of a row of blanks.
        let filled: Vec<&str> = line
            .cells
            .iter()
            .map(|c| c.text.as_str())
            .filter(|t| !t.is_empty())
            .collect();
        if filled.len() != 1 {
            return None;
        }
        filled[0].to_string()
    } else {
        strip_bullet(&line.text).to_string()
    };
    let label = title_label(&text);
    if label.chars().count() > 60 || label.ends_with('。') {
        return None;
    }
    // "财政拨款“三公”经费及会议费培训费支出决算表" and other 三公 variants
    // (which would otherwise end like the 支出决算表).
    if label.contains("\"三公\"") && label.ends_with("决算表") {
        return Some((Titled::Known(TableId::T09), label));
    }
    if let Some(id) = any_table_for_title(&label) {
        return Some((Titled::Known(id), label));
    }
    is_generic_title(&label).then_some((Titled::Generic, label))
}

#[cfg(test)]
/// The canonical table a title line names, if it is one a family knows.
pub fn title_id(line: &SourceLine) -> Option<TableId> {
    match title_of(line)? {
        (Titled::Known(id), _) => Some(id),
        (Titled::Generic, _) => None,
    }
}

/// A 决算 table title that no family lists: "…决算表", "…明细表", "…情况表".
fn is_generic_title(label: &str) -> bool {
    let n = label.chars().count();
    (6..=40).contains(&n)
        && (label.contains("决算") || label.contains("预算"))
        && ["决算表", "明细表", "情况表", "汇总表", "收支表"]
            .iter()
            .any(|e| label.ends_with(e))
        && !label.contains("绩效")
}

/// Lines that end a table region: the performance tables and part headings.
pub fn is_region_end(line: &SourceLine) -> bool {
    let t = squeeze(strip_bullet(&line.text));
    t.contains("绩效自评表") || t.starts_with("第三部分") || t.starts_with("第四部分")
}

/// The number of a printed table label: "公开01表" → 1, "公开 09 表" → 9, "表7" → 7, "表七" → 7.
pub fn printed_number(label: &str) -> Option<u32> {
    let sq = squeeze(label);
    // "表 1：高等学校收支决算总表": the number before the colon.
    let sq = match sq.split_once(['：', ':']) {
        Some((head, _)) if head.starts_with('表') => head.to_string(),
        _ => sq,
    };
    let body = sq.strip_prefix("公开").unwrap_or(&sq);
    let digits: String = body.chars().filter(char::is_ascii_digit).collect();
    let is_label = (body.ends_with('表') && body.chars().count() <= 5) || body.starts_with('表');
    if !is_label {
        return None;
    }
    if !digits.is_empty() {
        return digits.parse().ok().filter(|n| (1..=20).contains(n));
    }
    let inner = body.trim_start_matches('表').trim_end_matches('表');
    super::super::text::chinese_numeral(inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(t: &str) -> SourceLine {
        SourceLine::from_tabbed(1, t)
    }

    #[test]
    fn titles_map_to_canonical_ids() {
        assert_eq!(title_id(&line("收入支出决算总表")), Some(TableId::T01));
        assert_eq!(
            title_id(&line("财政拨款收入支出决算总表")),
            Some(TableId::T04)
        );
        assert_eq!(
            title_id(&line("一般公共预算财政拨款基本支出决算明细表")),
            Some(TableId::T06)
        );
        assert_eq!(
            title_id(&line("一般公共预算财政拨款基本支出决算(明细)表")),
            Some(TableId::T06)
        );
        assert_eq!(
            title_id(&line("财政拨款“三公”经费支出决算表")),
            Some(TableId::T09)
        );
        assert_eq!(
            title_id(&line("国有资本经营预算财政拨款收入支出决算表")),
            Some(TableId::T08)
        );
        assert_eq!(title_id(&line("- 三、支出决算表")), Some(TableId::T03));
        assert_eq!(title_id(&line("三、支出决算情况说明")), None);
        assert_eq!(title_id(&line("项目支出绩效自评表\t\t\t")), None);
        assert_eq!(
            title_id(&line("表 4：高等学校财政拨款支出决算表")),
            Some(TableId::T10)
        );
        assert_eq!(
            title_id(&line("表 1：高等学校收支决算总表")),
            Some(TableId::T01)
        );
        assert_eq!(
            title_id(&line(
                "一般公共预算财政拨款“三公”经费及会议费培训费支出决算表"
            )),
            Some(TableId::T09)
        );
        assert_eq!(
            title_of(&line("十四、政府采购情况表")),
            None,
            "no 决算/预算 in the title"
        );
        assert_eq!(
            title_of(&line("部门预算项目支出决算情况表")).map(|t| t.0),
            Some(Titled::Generic)
        );
        assert_eq!(title_of(&line("（一）高等学校收支决算总表说明")), None);
    }

    #[test]
    fn printed_numbers() {
        assert_eq!(printed_number("公开01表"), Some(1));
        assert_eq!(printed_number("公开 09 表"), Some(9));
        assert_eq!(printed_number("表7"), Some(7));
        assert_eq!(printed_number("表七"), Some(7));
        assert_eq!(printed_number("单位：万元"), None);
        assert_eq!(printed_number("表 4：高等学校财政拨款支出决算表"), Some(4));
    }
}
