//! Recognising table titles and printed table numbers.

use super::super::text::{squeeze, strip_bullet};
use crate::source::SourceLine;
use juesuan_model::canonical::label_of;
use juesuan_model::TableId;

/// Title endings, most specific first (several titles end with others).
const TITLES: &[(&str, TableId)] = &[
    ("财政拨款收入支出决算总表", TableId::T04),
    ("收入支出决算总表", TableId::T01),
    ("政府性基金预算财政拨款收入支出决算表", TableId::T07),
    ("国有资本经营预算财政拨款收入支出决算表", TableId::T08),
    ("国有资本经营预算财政拨款支出决算表", TableId::T08),
    ("一般公共预算财政拨款基本支出决算明细表", TableId::T06),
    ("一般公共预算财政拨款基本支出决算表", TableId::T06),
    ("一般公共预算财政拨款支出决算表", TableId::T05),
    ("财政拨款\"三公\"经费支出决算表", TableId::T09),
    ("\"三公\"经费支出决算表", TableId::T09),
    ("收入决算表", TableId::T02),
    ("支出决算表", TableId::T03),
];

/// The canonical table a title line names, if it is one.
pub fn title_id(line: &SourceLine) -> Option<TableId> {
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
    let label = label_of(&text).replace(['（', '）', '(', ')'], "");
    if label.chars().count() > 60 || label.ends_with('。') {
        return None;
    }
    TITLES
        .iter()
        .find(|(t, _)| label.ends_with(t))
        .map(|(_, id)| *id)
        // "一般公共预算财政拨款基本支出决算(明细)表" loses its brackets above.
        .or_else(|| {
            label
                .ends_with("基本支出决算明细表")
                .then_some(TableId::T06)
        })
}

/// Lines that end a table region: the performance tables and part headings.
pub fn is_region_end(line: &SourceLine) -> bool {
    let t = squeeze(strip_bullet(&line.text));
    t.contains("绩效自评表") || t.starts_with("第三部分") || t.starts_with("第四部分")
}

/// The number of a printed table label: "公开01表" → 1, "公开 09 表" → 9, "表7" → 7, "表七" → 7.
pub fn printed_number(label: &str) -> Option<u32> {
    let sq = squeeze(label);
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
    }

    #[test]
    fn printed_numbers() {
        assert_eq!(printed_number("公开01表"), Some(1));
        assert_eq!(printed_number("公开 09 表"), Some(9));
        assert_eq!(printed_number("表7"), Some(7));
        assert_eq!(printed_number("表七"), Some(7));
        assert_eq!(printed_number("单位：万元"), None);
    }
}
