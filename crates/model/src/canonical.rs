//! The canonical vocabulary of the nine tables: column keys by meaning.
//!
//! Readers map every printed column onto one of these keys (via the
//! document's profile), so that rules address cells by meaning
//! (`T05[合计, 人员经费]`) whatever 栏次 numbers the document prints.

use crate::profile::Family;
use crate::table::TableId;

/// The 三公 items of 公开09表 in printed order (公务用车 with its two parts
/// under it); each has a 预算数 and a 决算数 column.
pub const SANGONG_ITEMS: [&str; 6] = [
    "合计",
    "因公出国（境）费",
    "公务用车购置及运行维护费",
    "公务用车购置费",
    "公务用车运行维护费",
    "公务接待费",
];

/// The canonical column keys of a table, in the central (Jilin) printed order.
pub fn column_keys(id: TableId) -> &'static [&'static str] {
    match id {
        TableId::T01 => &["收入决算数", "支出决算数"],
        TableId::T02 => &[
            "本年收入合计",
            "财政拨款收入",
            "上级补助收入",
            "事业收入",
            "经营收入",
            "附属单位上缴收入",
            "其他收入",
            "教育收费",
        ],
        TableId::T03 => &[
            "本年支出合计",
            "基本支出",
            "项目支出",
            "上缴上级支出",
            "经营支出",
            "对附属单位补助支出",
        ],
        TableId::T04 => &[
            "收入决算数",
            "支出合计",
            "一般公共预算财政拨款",
            "政府性基金预算财政拨款",
            "国有资本经营预算财政拨款",
        ],
        TableId::T05 => &["合计", "基本支出", "人员经费", "公用经费", "项目支出"],
        TableId::T06 => &["决算数"],
        TableId::T07 => &[
            "年初结转和结余",
            "本年收入",
            "本年支出",
            "基本支出",
            "项目支出",
            "年末结转和结余",
        ],
        TableId::T08 => &[
            "合计",
            "基本支出",
            "项目支出",
            "年初结转和结余",
            "本年收入",
            "年末结转和结余",
        ],
        TableId::T09 => &[
            "预算数/合计",
            "预算数/因公出国（境）费",
            "预算数/公务用车购置及运行维护费",
            "预算数/公务用车购置费",
            "预算数/公务用车运行维护费",
            "预算数/公务接待费",
            "决算数/合计",
            "决算数/因公出国（境）费",
            "决算数/公务用车购置及运行维护费",
            "决算数/公务用车购置费",
            "决算数/公务用车运行维护费",
            "决算数/公务接待费",
        ],
        TableId::T10 => &[
            "合计",
            "基本支出",
            "人员经费",
            "公用经费",
            "项目支出",
            "基本建设资金支出",
        ],
        TableId::T14 => &["合计", "基本支出", "项目支出"],
        // Read from the printed header: the public descriptions used do not
        // fix these tables' columns (see profile::unit13).
        TableId::T11 | TableId::T12 | TableId::T13 | TableId::Other(_) => &[],
    }
}

/// The column a "其中：…" column of table `id` is part of: such a column is
/// never a part of a sum, only at most its parent.
pub fn of_which(id: TableId, key: &str) -> Option<&'static str> {
    match (id, key) {
        (TableId::T02, "教育收费") => Some("事业收入"),
        (TableId::T10, "基本建设资金支出") => Some("项目支出"),
        _ => None,
    }
}

/// The printed column orders known for a table, each a list of canonical
/// keys left to right: every family's layout (see [`crate::profile`]), the
/// central one first, without repeats.
pub fn column_layouts(id: TableId) -> Vec<&'static [&'static str]> {
    let mut out: Vec<&'static [&'static str]> = Vec::new();
    for family in [
        Family::Central,
        Family::Shanghai,
        Family::Unit13,
        Family::University,
    ] {
        if let Some(spec) = family.profile().table(id) {
            if !spec.layout.is_empty() && !out.contains(&spec.layout) {
                out.push(spec.layout);
            }
        }
    }
    // Some converters drop T04's income column from the expense rows.
    if id == TableId::T04 {
        out.push(&[
            "支出合计",
            "一般公共预算财政拨款",
            "政府性基金预算财政拨款",
            "国有资本经营预算财政拨款",
        ]);
    }
    out
}

/// Normalises a printed name for matching: NFKC-like folding of the few
/// full-width forms that vary between documents, no spaces, no ordinal
/// prefix ("一、", "（三）", "1.", "2．").
pub fn label_of(name: &str) -> String {
    let folded = fold(name);
    strip_ordinal(&folded).to_string()
}

/// [`label_of`] without removing the ordinal prefix: no spaces, brackets
/// and quotes folded to one form.
pub fn fold(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            '“' | '”' | '"' => '"',
            _ => c,
        })
        .collect()
}

fn strip_ordinal(s: &str) -> &str {
    const NUMERALS: &str = "一二三四五六七八九十百零〇";
    // "一、" "二十三、"
    let n: usize = s
        .char_indices()
        .take_while(|(_, c)| NUMERALS.contains(*c))
        .map(|(i, c)| i + c.len_utf8())
        .last()
        .unwrap_or(0);
    if n > 0 {
        if let Some(rest) = s[n..].strip_prefix('、') {
            return rest;
        }
    }
    // "（一）"
    if let Some(rest) = s.strip_prefix('（') {
        if let Some(close) = rest.find('）') {
            let inner = &rest[..close];
            if !inner.is_empty()
                && inner
                    .chars()
                    .all(|c| NUMERALS.contains(c) || c.is_ascii_digit())
            {
                return &rest[close + '）'.len_utf8()..];
            }
        }
    }
    // "1." "12．" "3、"
    let d = s.bytes().take_while(u8::is_ascii_digit).count();
    if d > 0 && d < s.len() {
        let rest = &s[d..];
        for sep in [".", "．", "、"] {
            if let Some(r) = rest.strip_prefix(sep) {
                // "1.5" is a number, not an ordinal
                if !r.starts_with(|c: char| c.is_ascii_digit()) {
                    return r;
                }
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        assert_eq!(
            label_of("一、一般公共预算财政拨款收入"),
            "一般公共预算财政拨款收入"
        );
        assert_eq!(label_of("二十三、其他支出"), "其他支出");
        assert_eq!(
            label_of("使用非财政拨款结余(含专用结余)"),
            "使用非财政拨款结余（含专用结余）"
        );
        assert_eq!(label_of("项 目"), "项目");
        assert_eq!(label_of("（一）一般公共预算"), "一般公共预算");
        assert_eq!(label_of("1.教育支出"), "教育支出");
        assert_eq!(label_of("十分重要"), "十分重要");
        assert_eq!(column_keys(TableId::T05)[2], "人员经费");
    }
}
