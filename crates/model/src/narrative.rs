//! The narrative (第三部分 情况说明) and the glossary (第四部分 名词解释).

use serde::{Deserialize, Serialize};

/// One paragraph of the narrative, with the section it belongs to.
///
/// A paragraph that the PDF conversion broke across a page (a line ending
/// mid-sentence) is joined back: `text` is the exact concatenation of the
/// source lines listed in `lines`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paragraph {
    /// Section path: "5" for 五, "5.3" for 五(三), "" before the first section.
    pub section: String,
    /// The section heading text, as printed.
    pub heading: String,
    /// The numbered item within the section ("14." → 14), if the paragraph starts one.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub item: Option<u32>,
    /// First source line.
    pub line: u32,
    /// The exact text.
    pub text: String,
    /// The source lines joined into `text`: (byte offset in `text`, line number).
    pub lines: Vec<(u32, u32)>,
    /// Whether this paragraph is a heading line.
    #[serde(skip_serializing_if = "std::ops::Not::not", default)]
    pub is_heading: bool,
}

impl Paragraph {
    /// The source line holding byte `offset` of `text`.
    pub fn line_at(&self, offset: usize) -> u32 {
        self.lines
            .iter()
            .rev()
            .find(|(o, _)| *o as usize <= offset)
            .map(|(_, l)| *l)
            .unwrap_or(self.line)
    }
}

/// One glossary entry: term → definition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GlossaryEntry {
    /// The term, without numbering and markup.
    pub term: String,
    /// The definition.
    pub definition: String,
    /// Source line.
    pub line: u32,
}
