//! The preparer's path end to end on the Jilin sample: `juesuan template
//! --from SAMPLE --with-values` fills the fill-in workbook with the sample's
//! figures (as read by juesuan_read); `check` on it gives the sample's
//! table findings, each at a `sheet!cell`; `render --format pdf` of it
//! parses back to the sample's cells; a broken total is refused naming its
//! cell, and `--force` says so on the first page. A blank template reads
//! back with the year and department typed on its cover sheet.

mod common;

use common::{bin, corrected_sample as sample, Scratch};

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn run(args: &[&str], paths: &[&Path]) -> Output {
    let mut c = bin();
    c.args(args);
    for p in paths {
        c.arg(p);
    }
    c.output().unwrap()
}

/// `juesuan export FILE` as sorted `table,row,column,value` lines.
fn figures(file: &Path) -> Vec<String> {
    let out = run(&["export"], &[file]);
    assert!(out.status.success(), "export {}", file.display());
    let mut rows: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .skip(1)
        .map(|l| l.splitn(5, ',').take(4).collect::<Vec<_>>().join(","))
        .collect();
    rows.sort();
    rows
}

/// The findings about table cells: (severity, rule, first cell) with the
/// finding's sheet and cell when it has them.
fn table_findings(file: &Path) -> Vec<(String, Option<String>)> {
    let out = run(&["check", "--format", "json"], &[file]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut found: Vec<(String, Option<String>)> = v["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| {
            let cell = f["cells"].get(0)?.as_str()?;
            cell.starts_with('T').then(|| {
                let at = match (f["sheet"].as_str(), f["cell"].as_str()) {
                    (Some(s), Some(c)) => Some(format!("{s}!{c}")),
                    _ => None,
                };
                (
                    format!(
                        "{} {} {cell}",
                        f["severity"].as_str().unwrap_or(""),
                        f["rule"].as_str().unwrap_or("")
                    ),
                    at,
                )
            })
        })
        .collect();
    found.sort();
    found
}

fn filled(dir: &Path, from: &Path) -> PathBuf {
    let book = dir.join("决算填报.xlsx");
    let r = bin()
        .args(["template", "--with-values", "--from"])
        .arg(from)
        .arg("-o")
        .arg(&book)
        .output()
        .unwrap();
    assert_eq!(
        r.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&r.stderr)
    );
    book
}

#[test]
fn filled_template_checks_like_the_sample_and_renders_its_cells() {
    let dir = Scratch::new("filled");
    let book = filled(&dir.0, &sample());
    // The sample's 492 filled cells, read back from the workbook.
    let expected = figures(&sample());
    assert_eq!(expected.len(), 492);
    assert_eq!(figures(&book), expected);

    // The same table findings as the sample, each at a sheet!cell.
    let theirs: BTreeSet<String> = table_findings(&sample()).into_iter().map(|f| f.0).collect();
    let ours = table_findings(&book);
    assert_eq!(
        ours.iter().map(|f| f.0.clone()).collect::<BTreeSet<_>>(),
        theirs
    );
    assert!(ours.len() >= 30, "{ours:?}");
    for (f, at) in &ours {
        assert!(
            at.as_deref().is_some_and(|a| a.contains("表!")),
            "{f} has no sheet!cell"
        );
    }
    // Line 319 of the sample prints 2080199's name cut short: the error
    // points at the name's cell on the 公开05表 sheet.
    assert!(ours.contains(&(
        "error names.functional T05[2080199]".to_string(),
        Some("公开05表!B27".to_string())
    )));

    // The workbook has no 情况说明 of its own (render drafts it): check
    // says nothing of the missing narrative, which the sample's own check
    // would not either.
    let out = run(&["check", "--format", "json"], &[&book]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rules: Vec<&str> = v["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["rule"].as_str())
        .collect();
    assert!(
        !rules.iter().any(|r| r.starts_with("narrative.")),
        "{rules:?}"
    );
    assert!(rules.contains(&"names.functional"));

    // render refuses it naming the cell; --fix completes the name (listed)
    // and renders; the PDF parses back to the sample's cells.
    let pdf = dir.0.join("公开.pdf");
    let r = run(
        &["render", "--format", "pdf", "-o"],
        &[&pdf, Path::new("--from"), &book],
    );
    let err = String::from_utf8_lossy(&r.stderr).to_string();
    assert_eq!(r.status.code(), Some(1), "{err}");
    assert!(err.contains("公开05表!B27"), "{err}");
    let font = juesuan_render::font::locate().is_some();
    if !(juesuan_testkit::available("中文 TrueType 字体", font)
        & juesuan_testkit::tool("pdftotext"))
    {
        return;
    }
    let r = run(
        &["render", "--fix", "--format", "pdf", "-o"],
        &[&pdf, Path::new("--from"), &book],
    );
    let err = String::from_utf8_lossy(&r.stderr).to_string();
    assert_eq!(r.status.code(), Some(0), "{err}");
    assert!(
        err.contains("已修改：公开05表（公开05表!B27）科目 2080199"),
        "{err}"
    );
    assert_eq!(figures(&pdf), expected);
    // The 情况说明 answers came from the workbook: 团组 3, 22 人次 (sample line 1314).
    let text = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout).replace(char::is_whitespace, "");
    assert!(text.contains("因公出国（境）团组3个"), "团组");
    assert!(text.contains("2024年度"));
}

#[test]
fn a_broken_total_in_the_workbook_is_refused_naming_its_cell() {
    let dir = Scratch::new("broken");
    let text = std::fs::read_to_string(sample()).unwrap();
    // 公开01表's 本年收入合计 (line 132) 10.00 more than its items.
    let broken: String = text
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if i + 1 == 132 {
                format!("{}\n", l.replace("34,951.33", "34,961.33"))
            } else {
                format!("{l}\n")
            }
        })
        .collect();
    let source = dir.0.join("broken.txt");
    std::fs::write(&source, broken).unwrap();
    let book = filled(&dir.0, &source);
    let out = dir.0.join("x.txt");
    let r = run(
        &["render", "--fix", "--format", "txt", "-o"],
        &[&out, Path::new("--from"), &book],
    );
    let err = String::from_utf8_lossy(&r.stderr).to_string();
    assert_eq!(r.status.code(), Some(1), "{err}");
    assert!(err.contains("错误[T01.income_total]"), "{err}");
    assert!(err.contains("（公开01表!C17）"), "{err}");
    assert!(!out.exists());
    let r = run(
        &["render", "--fix", "--force", "--format", "txt", "-o"],
        &[&out, Path::new("--from"), &book],
    );
    assert_eq!(r.status.code(), Some(0));
    let text = std::fs::read_to_string(&out).unwrap();
    let note = text.find("未通过审核：").unwrap();
    assert!(note < text.find("目 录").unwrap());
}

#[test]
fn a_blank_template_reads_back_with_its_cover() {
    let dir = Scratch::new("blank");
    let book = dir.0.join("blank.xlsx");
    let r = run(
        &["template", "--year", "2025", "--department", "某某厅", "-o"],
        &[&book],
    );
    assert_eq!(r.status.code(), Some(0));
    let parsed = run(&["parse"], &[&book]);
    assert!(parsed.status.success());
    let model: serde_json::Value = serde_json::from_slice(&parsed.stdout).unwrap();
    assert_eq!(model["meta"]["year"], 2025);
    assert_eq!(model["meta"]["department"], "某某厅");
    assert_eq!(model["profile"], "central");
    // The nine tables of the central family, no figures yet.
    let tables = model["tables"].as_object().unwrap();
    assert_eq!(tables.len(), 9, "{:?}", tables.keys().collect::<Vec<_>>());
    assert!(figures(&book).is_empty());
    // Without a year anywhere, render says so instead of printing "0 年度".
    let undated = dir.0.join("undated.xlsx");
    let r = run(&["template", "-o"], &[&undated]);
    assert_eq!(r.status.code(), Some(0));
    let r = run(
        &["render", "--format", "txt", "-o"],
        &[&dir.0.join("u.txt"), Path::new("--from"), &undated],
    );
    assert_eq!(r.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&r.stderr).contains("未写明决算年度"));
    let r = run(&["template", "--profile", "nowhere", "-o"], &[&undated]);
    assert_eq!(r.status.code(), Some(2));
}
