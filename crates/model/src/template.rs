//! The fill-in workbook's own sheets (`juesuan template`): the names and
//! the header the writer prints and the reader recognises.

/// The sheet where the department, year and date are typed.
pub const COVER_SHEET: &str = "封面与说明";
/// The sheet where the texts (reasons, 年初预算, 三公 details …) are answered.
pub const TEXTS_SHEET: &str = "情况说明";
/// The header row of the texts sheet: 类别 (the texts.toml table), 键,
/// the question, an example, and the answer.
pub const TEXTS_HEADER: [&str; 5] = ["类别", "键", "需要填写的内容", "示例", "填写内容"];
/// 类别 of the top-level keys (date, duties, organization).
pub const TEXTS_TOP: &str = "基本";
