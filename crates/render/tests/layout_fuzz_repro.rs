//! Minimal reproductions of the layout knobs the reader does not read yet
//! (the gate list of `layout_fuzz.rs`): for each, a PDF or text of a fixed
//! one-项 report printed with that knob alone — cut down to the tables
//! concerned when the failure lies in them — and a note of what the reader
//! gets wrong (cell, expected value, value read; error findings), with the
//! PDF's `pdftotext -layout` text.
//!
//! `LAYOUT_FUZZ_REPRO_DIR=/work/briefs/repro cargo test -p juesuan-render
//! --test layout_fuzz_repro -- --ignored` writes them.

mod common;
#[path = "common/layout_case.rs"]
mod layout_case;
#[path = "common/layout_report.rs"]
mod layout_report;

use juesuan_model::TableId;
use juesuan_render::document::GridKind;
use juesuan_render::pdf::layout::{VAlign, Widths};
use juesuan_render::{txt_spaced, Block, Document};
use layout_case::*;
use std::fmt::Write;
use std::path::Path;

/// One reproduction.
struct Repro {
    /// File stem.
    name: &'static str,
    /// What is printed differently, in words.
    what: &'static str,
    case: Case,
    /// The tables kept (all, with the whole document, when `None`).
    tables: Option<Vec<TableId>>,
    /// Written as space-separated text instead of PDF.
    text: bool,
}

fn repros() -> Vec<Repro> {
    let fixed = fixed_cases();
    let one = &fixed[0];
    let three = &fixed[1];
    let narrow = |c: &Case, name: f32, valign: VAlign| {
        let mut c = c.clone();
        c.layout.widths = Widths::Narrow { name };
        c.layout.valign = valign;
        c
    };
    use TableId::*;
    vec![
        Repro {
            name: "pdf-narrow-t06",
            what: "名称栏 60 点宽（科目名称折行），金额栏与最宽金额同宽（表头折行），单元格垂直居中",
            case: narrow(one, 60.0, VAlign::Middle),
            tables: Some(vec![T06]),
            text: false,
        },
        Repro {
            name: "pdf-narrow-code-tables",
            what: "名称栏 40 点宽（科目名称折成三四行），金额栏与最宽金额同宽（表头折行），单元格垂直居中",
            case: narrow(one, 40.0, VAlign::Middle),
            tables: Some(vec![T02, T03, T05]),
            text: false,
        },
        Repro {
            name: "pdf-narrow-two-sided",
            what: "名称栏 45 点宽（项目名称折行），金额栏与最宽金额同宽，单元格垂直居中",
            case: narrow(three, 45.0, VAlign::Middle),
            tables: Some(vec![T01, T04]),
            text: false,
        },
        Repro {
            name: "pdf-valign-top",
            what: "名称栏 65 点宽，单元格顶端对齐（金额与折行名称的第一行同高）",
            case: narrow(one, 65.0, VAlign::Top),
            tables: Some(vec![T01, T03]),
            text: false,
        },
        Repro {
            name: "pdf-valign-bottom",
            what: "名称栏 65 点宽，单元格底端对齐（金额与折行名称的最后一行同高）",
            case: narrow(one, 65.0, VAlign::Bottom),
            tables: Some(vec![T01, T04]),
            text: false,
        },
        Repro {
            name: "pdf-of-which",
            what: "收入决算表的事业收入分“金额”与“其中：教育收费”两栏（高等学校报表的印法）",
            case: with_knob(one, Knob::OfWhichColumn),
            tables: Some(vec![T02]),
            text: false,
        },
        Repro {
            name: "pdf-yuan",
            what: "九张表的金额以元为单位（单位：元，数值 × 10000，千分位）",
            case: with_knob(one, Knob::Yuan),
            tables: Some(vec![T01, T02, T09]),
            text: false,
        },
        Repro {
            name: "pdf-no-part-3",
            what: "正文和目录都没有“第三部分 … 情况说明”标题（各节标题照印）",
            case: with_knob(one, Knob::NoPart(3)),
            tables: None,
            text: false,
        },
        Repro {
            name: "pdf-part-3-only-in-contents",
            what: "正文没有“第三部分 … 情况说明”标题，只有目录列出",
            case: with_knob(one, Knob::PartOnlyInContents(3)),
            tables: None,
            text: false,
        },
        Repro {
            name: "pdf-part-4-only-in-contents",
            what: "正文没有“第四部分 名词解释”标题，只有目录列出",
            case: with_knob(one, Knob::PartOnlyInContents(4)),
            tables: None,
            text: false,
        },
        Repro {
            name: "pdf-short-names",
            what: "官方栏宽；各表科目名称都短（教育支出、职业教育、技校教育），都够不到居中的“科目名称”表头下方",
            case: with_knob(one, Knob::ShortNames),
            tables: Some(vec![T02, T03, T05]),
            text: false,
        },
        Repro {
            name: "pdf-short-names-t01",
            what: "官方栏宽；收入支出决算总表支出栏的类名称都短（一、卫生健康支出）",
            case: {
                let mut c = one.clone();
                c.items[0].0 = 4;
                c
            },
            tables: Some(vec![T01, T03]),
            text: false,
        },
        Repro {
            name: "pdf-short-amounts",
            what: "官方栏宽；公用经费 47.29、项目支出 0.00 等短金额右对齐，位于居中表头的右侧",
            case: with_knob(one, Knob::ShortAmounts),
            tables: Some(vec![T03, T05]),
            text: false,
        },
        Repro {
            name: "text-spaced",
            what: "pdfplumber 的文本形式：各栏以单个空格分隔，换页符分页且不换行（表题接在上一表的“注：…”行后）",
            case: one.clone(),
            tables: None,
            text: true,
        },
        Repro {
            name: "text-spaced-tables",
            what: "同 text-spaced，只含第二部分的九张表",
            case: one.clone(),
            tables: Some(TableId::ALL.to_vec()),
            text: true,
        },
    ]
}

/// The document cut down to the 第二部分 heading and the kept tables (each
/// with its heading and page break).
fn trimmed(doc: &Document, tables: &[TableId]) -> Document {
    let mut out = doc.clone();
    let keep = |b: &Block| match b {
        Block::Table(g) => matches!(g.kind, GridKind::Statutory(id) if tables.contains(&id)),
        _ => false,
    };
    out.blocks.clear();
    for (i, b) in doc.blocks.iter().enumerate() {
        let next = doc.blocks.get(i + 1);
        let prev = i.checked_sub(1).map(|p| &doc.blocks[p]);
        let wanted = match b {
            Block::Heading { level: 1, text } => text.starts_with("第二部分"),
            Block::Heading { level: 2, .. } => next.is_some_and(keep),
            Block::PageBreak => prev.is_some_and(keep),
            b => keep(b),
        };
        if wanted {
            out.blocks.push(b.clone());
        }
    }
    out
}

fn pdftotext_layout(file: &Path) -> String {
    std::process::Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(file)
        .arg("-")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default()
}

#[test]
#[ignore = "writes the reproductions; set LAYOUT_FUZZ_REPRO_DIR"]
fn write_repros() {
    let Ok(dir) = std::env::var("LAYOUT_FUZZ_REPRO_DIR") else {
        println!("未设置 LAYOUT_FUZZ_REPRO_DIR，不写复现文件");
        return;
    };
    let dir = Path::new(&dir);
    std::fs::create_dir_all(dir).expect("repro directory");
    for r in repros() {
        let source = r.case.source();
        let full = r.case.document(&source);
        let doc = match &r.tables {
            Some(t) => trimmed(&full, t),
            None => full,
        };
        let tables = r.tables.clone().unwrap_or_else(|| TableId::ALL.to_vec());
        let (file, bytes) = if r.text {
            let t = txt_spaced::render(&doc, &r.case.layout, &r.case.text).expect("text");
            (dir.join(format!("{}.txt", r.name)), t.into_bytes())
        } else {
            let p = juesuan_render::pdf::native::render_with(&doc, &r.case.layout).expect("pdf");
            (dir.join(format!("{}.pdf", r.name)), p)
        };
        std::fs::write(&file, &bytes).expect("write repro");
        let result = juesuan_read::read_bytes(&file.display().to_string(), &bytes)
            .map(|back| differences(&source, &back, &tables));
        let mut note = String::new();
        let _ = writeln!(note, "# {}\n", r.name);
        let _ = writeln!(note, "印法：{}。\n", r.what);
        let _ = writeln!(
            note,
            "文件：`{}`（{}）。由 `crates/render/tests/layout_fuzz_repro.rs` 生成：一个随机一致报告（科目 2080505，各表恒等式精确成立），布局参数 `{:?}`。\n",
            file.file_name().map(|f| f.to_string_lossy()).unwrap_or_default(),
            match &r.tables {
                Some(t) => format!(
                    "只含第二部分的 {}",
                    t.iter().map(|t| t.to_string()).collect::<Vec<_>>().join("、")
                ),
                None => "整份报告".to_string(),
            },
            r.case.layout
        );
        let _ = writeln!(note, "## 读取结果（`juesuan_read::read_bytes`）\n");
        match &result {
            Ok(d) if d.is_empty() => {
                let _ = writeln!(note, "已能正确读取：可以从 NOT_YET 中删去此项。");
            }
            Ok(d) => {
                let _ = writeln!(
                    note,
                    "{} 处与原表不同（应为 = 生成报告的值，单位万元）：\n",
                    d.len()
                );
                for l in d.iter().take(40) {
                    let _ = writeln!(note, "- {l}");
                }
                if d.len() > 40 {
                    let _ = writeln!(note, "- ……另 {} 处", d.len() - 40);
                }
            }
            Err(e) => {
                let _ = writeln!(note, "读不出：{e}");
            }
        }
        if let Ok(back) = juesuan_read::read_bytes("repro", &bytes) {
            let names: Vec<String> = tables
                .iter()
                .filter_map(|id| Some((id, source.table(*id)?, back.table(*id)?)))
                .flat_map(|(id, want, got)| {
                    want.rows.iter().filter_map(move |w| {
                        let g = got.rows.iter().find(|g| g.key == w.key);
                        let read = g.map_or("（无此行）", |g| g.name.as_str());
                        (read != w.name).then(|| {
                            format!("- {id}[{}] 名称应为“{}”，读作“{read}”", w.key, w.name)
                        })
                    })
                })
                .collect();
            if !names.is_empty() {
                let _ = writeln!(note, "\n行名称不同：\n\n{}", names.join("\n"));
            }
        }
        if !r.text && r.tables.is_some() {
            let _ = writeln!(
                note,
                "\n## `pdftotext -layout` 文本\n\n```\n{}```",
                pdftotext_layout(&file)
            );
        }
        std::fs::write(dir.join(format!("{}.md", r.name)), note).expect("write note");
        println!(
            "{}: {}",
            r.name,
            match &result {
                Ok(d) => format!("{} 处不同", d.len()),
                Err(e) => e.to_string(),
            }
        );
    }
}
