//! Assembly: from numbered source lines to the model.
//!
//! The document is first cut into its parts (封面/第一部分, the tables of
//! 第二部分, the 绩效自评表, 第三部分 情况说明, 第四部分 名词解释); each part
//! has its own small parser. Tables are recognised by title and header, not
//! by their printed number, so that documents numbering them differently
//! (Shanghai: 三公 = 表7) map onto the same canonical ids.

mod bounds;
mod figures;
mod glossary;
mod line_cells;
mod meta;
mod narrative;
mod parts;
mod performance;
mod tables;
mod text;

use crate::error::{Error, ErrorKind};
use crate::source::SourceLine;
use juesuan_model::{ReadNote, Report};

/// Builds the report model from source lines.
///
/// Fails only when nothing recognisable as a 部门决算 report is found; a
/// report lacking some tables still assembles and lists them in
/// [`Report::absent_tables`].
pub fn assemble(file: &str, lines: &[SourceLine]) -> Result<Report, Error> {
    let parts = parts::split(lines);
    let mut notes: Vec<ReadNote> = Vec::new();

    let (found, family) = tables::read_tables(&lines[parts.tables.clone()], &mut notes);
    if found.is_empty() {
        let first = lines.iter().find(|l| !l.trimmed().is_empty());
        let what = if first.is_none() {
            "文件为空"
        } else {
            "未找到任何决算表（公开01表—公开09表），不是可识别的部门决算报告"
        };
        return Err(Error::new(ErrorKind::NotAReport, file, None, what));
    }

    let mut report = Report {
        source: file.to_string(),
        profile: family,
        ..Report::default()
    };
    report.meta = meta::read_meta(lines, &parts, &found);
    for table in found {
        report.tables.entry(table.id).or_insert(table);
    }
    let profile = family.profile();
    report.absent_tables = profile
        .tables
        .iter()
        .map(|t| t.id)
        .filter(|id| !report.tables.contains_key(id))
        .collect();
    for id in &report.absent_tables {
        let number = profile.number_label(*id).unwrap_or_default();
        notes.push(ReadNote {
            line: 0,
            message: format!("未找到{}（{number}）", id.title()),
        });
    }
    report.performance =
        performance::read_performance(&lines[parts.performance.clone()], &report.meta, &mut notes);
    report.narrative = narrative::read_narrative(&lines[parts.narrative.clone()]);
    bounds::check_tables(&report).map_err(|o| o.error(file))?;
    report.figures = figures::extract(&report.narrative).map_err(|o| o.error(file))?;
    // A figure of the narrative read by OCR carries its line's confidence,
    // as a cell carries its words'.
    for f in &mut report.figures {
        let line = (f.span.line as usize)
            .checked_sub(1)
            .and_then(|i| lines.get(i));
        if let Some(c) = line.and_then(|l| l.flow).and_then(|fl| fl.confidence) {
            f.span.confidence = Some(c);
        }
    }
    report.glossary = glossary::read_glossary(&lines[parts.glossary.clone()]);
    report.notes = notes;
    Ok(report)
}
