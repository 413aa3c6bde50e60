//! The unit of each table as its 单位 line was read, and what is done when
//! a scan's reading of that line cannot be trusted.
//!
//! A table's amounts are scaled by its unit, so a 单位 line misread by OCR
//! (`单位：广元` for 万元) would turn a whole table's figures 10,000 times
//! too small and make every identity across tables fail. What was read is
//! weighed against the other tables of the report: a reading one character
//! off a unit word takes the unit the other tables print when that is one
//! of the near words; an OCR reading that disagrees with every other table
//! does not rescale the table, and its cells carry the doubt, so a finding
//! on them is a reading question, not an error. A printed text layer is
//! taken as printed.

use juesuan_model::{ReadNote, Table, Unit};

/// The unit words a 单位 line prints.
const UNITS: [Unit; 3] = [Unit::Yuan, Unit::WanYuan, Unit::YiYuan];

/// Fewest other tables that must agree before a scan's odd reading is
/// doubted (with one other table there is no majority to lean on).
const QUORUM: usize = 2;

/// What a table's 单位 line says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitRead {
    /// Source line of the 单位 text.
    pub line: u32,
    /// The word after `单位：` as read (`万元`, or `广元` from a scan).
    pub word: String,
    /// Whether the line was read by OCR (its words carry confidence).
    pub ocr: bool,
    /// The lowest confidence OCR gave the line's words, if known.
    pub confidence: Option<u8>,
}

impl UnitRead {
    /// The unit the word names exactly, if it is one of the unit words.
    fn exact(&self) -> Option<Unit> {
        UNITS.into_iter().find(|u| u.label() == self.word)
    }

    /// The unit words one character off the word (a misread character,
    /// a lost or an extra one).
    fn near(&self) -> Vec<Unit> {
        let word: Vec<char> = self.word.chars().collect();
        UNITS
            .into_iter()
            .filter(|u| {
                let label: Vec<char> = u.label().chars().collect();
                crate::ocr::edits(&word, &label) == 1
            })
            .collect()
    }
}

/// Settles each table's unit from what its 单位 line read (`reads`, one
/// per table in the same order) and the other tables' units; records a
/// note for every unit not taken as read, and marks the cells of a table
/// whose unit stays in doubt.
pub fn settle(tables: &mut [&mut Table], reads: &[Option<UnitRead>], notes: &mut Vec<ReadNote>) {
    for (i, table) in tables.iter_mut().enumerate() {
        let Some(read) = reads.get(i).and_then(Option::as_ref) else {
            continue;
        };
        // The units the other tables print, as read exactly.
        let others: Vec<Unit> = reads
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != i)
            .filter_map(|(_, r)| r.as_ref().and_then(UnitRead::exact))
            .collect();
        let Some(common) = most_common(&others) else {
            continue;
        };
        let agreeing = others.iter().filter(|u| **u == common).count();
        match read.exact() {
            Some(unit) if unit == common || !read.ocr => {}
            Some(unit) => {
                // A scan's exact reading that no other table shares.
                if others.contains(&unit) || agreeing < QUORUM {
                    continue;
                }
                let reason = format!(
                    "单位识别为“{}”{}，与本报告其他各表的“{}”不同，按“{}”读取，数值的单位存疑",
                    read.word,
                    confidence_text(read.confidence),
                    common.label(),
                    common.label()
                );
                table.unit = common;
                doubt_cells(table, &reason);
                notes.push(ReadNote {
                    line: read.line,
                    message: reason,
                });
            }
            // A printed word that is no unit word (`千元`) is as printed.
            None if !read.ocr => {}
            None => {
                let near = read.near();
                if near.is_empty() {
                    continue;
                }
                let (unit, sure) = if near.contains(&common) {
                    (common, true)
                } else if let [only] = near.as_slice() {
                    (*only, false)
                } else {
                    (common, false)
                };
                let mut message = format!(
                    "单位识别为“{}”{}，按本报告其他各表的单位读作“{}”",
                    read.word,
                    confidence_text(read.confidence),
                    unit.label()
                );
                if !sure {
                    message = format!(
                        "单位识别为“{}”{}，无法确定，按“{}”读取，数值的单位存疑",
                        read.word,
                        confidence_text(read.confidence),
                        unit.label()
                    );
                    doubt_cells(table, &message);
                }
                table.unit = unit;
                notes.push(ReadNote {
                    line: read.line,
                    message,
                });
            }
        }
    }
}

fn confidence_text(confidence: Option<u8>) -> String {
    confidence.map_or(String::new(), |c| format!("（识别置信度 {c}）"))
}

/// Every filled cell of the table carries the doubt (unless it has one).
fn doubt_cells(table: &mut Table, reason: &str) {
    for cell in table.rows.iter_mut().flat_map(|r| r.cells.iter_mut()) {
        if cell.value.is_some() && cell.doubt.is_none() {
            cell.doubt = Some(reason.to_string());
        }
    }
}

/// The unit most tables print; the first of a tie.
fn most_common(units: &[Unit]) -> Option<Unit> {
    let count = |u: &Unit| units.iter().filter(|v| *v == u).count();
    let mut best: Option<(Unit, usize)> = None;
    for u in units {
        let n = count(u);
        if best.is_none_or(|(_, m)| n > m) {
            best = Some((*u, n));
        }
    }
    best.map(|(u, _)| u)
}

#[cfg(test)]
mod tests {
    use super::*;
    use juesuan_model::{Cell, Row, RowKind, Span, TableId};

    fn read(word: &str, ocr: bool) -> Option<UnitRead> {
        Some(UnitRead {
            line: 2,
            word: word.to_string(),
            ocr,
            confidence: ocr.then_some(47),
        })
    }

    fn table(id: TableId, unit: Unit) -> Table {
        let mut t = Table::new(id, id.title(), Span::default());
        t.unit = unit;
        t.rows.push(Row {
            key: "合计".to_string(),
            name: "合计".to_string(),
            label: "合计".to_string(),
            kind: RowKind::Total,
            code: None,
            line_no: None,
            side: None,
            of_which: None,
            doubt: None,
            span: Span::default(),
            cells: vec![Cell {
                column: 1,
                value: Some(juesuan_model::Decimal::new(271, 2)),
                raw: "2.71".to_string(),
                span: Span::default(),
                doubt: None,
            }],
        });
        t
    }

    fn settled(units: &[(Unit, Option<UnitRead>)]) -> (Vec<Table>, Vec<ReadNote>) {
        let mut tables: Vec<Table> = units
            .iter()
            .enumerate()
            .map(|(i, (u, _))| table(TableId::from_number(i as u32 + 1).unwrap(), *u))
            .collect();
        let reads: Vec<Option<UnitRead>> = units.iter().map(|(_, r)| r.clone()).collect();
        let mut notes = Vec::new();
        let mut refs: Vec<&mut Table> = tables.iter_mut().collect();
        settle(&mut refs, &reads, &mut notes);
        (tables, notes)
    }

    #[test]
    fn a_unit_word_read_one_character_off_takes_the_reports_unit() {
        // 万 read as 广: `广元` is one character off 元, 万元 and 亿元.
        let (t, notes) = settled(&[
            (Unit::WanYuan, read("万元", true)),
            (Unit::Yuan, read("广元", true)),
            (Unit::WanYuan, read("万元", true)),
        ]);
        assert_eq!(t[1].unit, Unit::WanYuan);
        assert_eq!(t[1].rows[0].cells[0].doubt, None);
        assert_eq!(notes.len(), 1);
        assert!(notes[0].message.contains("广元"), "{}", notes[0].message);
    }

    #[test]
    fn a_scans_unit_unlike_every_other_table_is_doubted_not_scaled() {
        let (t, notes) = settled(&[
            (Unit::WanYuan, read("万元", true)),
            (Unit::Yuan, read("元", true)),
            (Unit::WanYuan, read("万元", true)),
            (Unit::WanYuan, None),
        ]);
        assert_eq!(t[1].unit, Unit::WanYuan);
        let doubt = t[1].rows[0].cells[0].doubt.clone().unwrap_or_default();
        assert!(doubt.contains("“元”"), "{doubt}");
        assert_eq!(notes.len(), 1);
        assert_eq!(t[0].rows[0].cells[0].doubt, None);
    }

    #[test]
    fn a_printed_unit_is_taken_as_printed() {
        let (t, notes) = settled(&[
            (Unit::WanYuan, read("万元", false)),
            (Unit::Yuan, read("元", false)),
            (Unit::WanYuan, read("万元", false)),
        ]);
        assert_eq!(t[1].unit, Unit::Yuan);
        assert!(notes.is_empty());
    }

    #[test]
    fn a_printed_word_that_is_no_unit_word_is_left_as_read() {
        let (t, notes) = settled(&[
            (Unit::WanYuan, read("万元", false)),
            (Unit::Yuan, read("千元", false)),
            (Unit::WanYuan, read("万元", false)),
        ]);
        assert_eq!(t[1].unit, Unit::Yuan);
        assert!(notes.is_empty());
    }

    #[test]
    fn one_other_table_is_no_majority() {
        let (t, _) = settled(&[
            (Unit::WanYuan, read("万元", true)),
            (Unit::Yuan, read("元", true)),
        ]);
        assert_eq!(t[1].unit, Unit::Yuan);
        assert_eq!(t[1].rows[0].cells[0].doubt, None);
    }
}
