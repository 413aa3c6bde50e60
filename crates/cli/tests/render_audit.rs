//! `juesuan render` audits first and never rewrites silently: the sample
//! (4 error findings under `check`) is refused with exit 1 and the findings
//! on stderr naming their lines; `--force` renders with a 未通过审核 note on
//! the first page; a broken 公开01表 total stays an error even with `--fix`;
//! the places where the sample's words contradict its figures are listed,
//! kept without `--fix` and replaced with it; a model without a year is
//! refused rather than rendered as "0 年度".

mod common;

use common::{bin, corrected_sample as sample, Scratch};

use std::path::Path;
use std::process::{Command, Output};

fn render(from: &Path, flags: &[&str], format: &str, out: &Path) -> Output {
    bin()
        .args(["render", "--from"])
        .arg(from)
        .args(flags)
        .args(["--format", format, "-o"])
        .arg(out)
        .output()
        .unwrap()
}

#[test]
fn errors_refuse_and_force_marks_the_first_page() {
    let dir = Scratch::new("refuse");
    let out = dir.0.join("refused.txt");
    let r = render(&sample(), &[], "txt", &out);
    let err = String::from_utf8_lossy(&r.stderr);
    assert_eq!(r.status.code(), Some(1), "{err}");
    assert!(!out.exists(), "nothing written when refused");
    // The findings as `check` prints them, naming rule, cell and line.
    assert!(err.contains("错误[names.functional]"), "{err}");
    assert!(err.contains("T05[2080199]"), "{err}");
    assert!(
        err.contains("jilin-hrss-2024-final-accounts.txt:319"),
        "{err}"
    );
    assert!(err.contains("审核发现 4 个错误，未生成文件"), "{err}");
    // Warnings are printed as well.
    assert!(err.contains("警告[performance.deviation_reason]"), "{err}");

    let r = render(&sample(), &["--force"], "txt", &out);
    assert_eq!(r.status.code(), Some(0));
    let text = std::fs::read_to_string(&out).unwrap();
    let toc = text.find("目 录").unwrap();
    let note = text.find("未通过审核：").unwrap();
    assert!(note < toc, "the note stands on the cover page");
    assert!(text[note..].starts_with("未通过审核：本文件按 --force 生成，审核发现 4 个错误"));
}

#[test]
fn forced_pdf_says_so_on_page_one() {
    let font = juesuan_render::font::locate().is_some();
    if !(juesuan_testkit::available("中文 TrueType 字体", font)
        & juesuan_testkit::tool("pdftotext"))
    {
        return;
    }
    let dir = Scratch::new("pdf");
    let out = dir.0.join("forced.pdf");
    let r = render(&sample(), &["--force"], "pdf", &out);
    assert_eq!(r.status.code(), Some(0));
    let page1 = Command::new("pdftotext")
        .args(["-f", "1", "-l", "1"])
        .arg(&out)
        .arg("-")
        .output()
        .unwrap();
    let page1 = String::from_utf8_lossy(&page1.stdout).replace(char::is_whitespace, "");
    assert!(page1.contains("2024年度"), "{page1}");
    assert!(page1.contains("未通过审核"), "{page1}");
}

#[test]
fn a_broken_total_is_an_error_even_with_fix() {
    let dir = Scratch::new("broken");
    let text = std::fs::read_to_string(sample()).unwrap();
    // 本年收入合计 of 公开01表 on line 132, 10.00 more than its items.
    let broken: Vec<String> = text
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if i + 1 == 132 {
                l.replace("34,951.33", "34,961.33")
            } else {
                l.to_string()
            }
        })
        .collect();
    assert_ne!(broken.join("\n"), text.trim_end());
    let input = dir.0.join("broken.txt");
    std::fs::write(&input, broken.join("\n")).unwrap();
    let r = render(&input, &["--fix"], "txt", &dir.0.join("x.txt"));
    let err = String::from_utf8_lossy(&r.stderr);
    assert_eq!(r.status.code(), Some(1), "{err}");
    assert!(err.contains("错误[T01.income_total]"), "{err}");
    assert!(err.contains("broken.txt:132"), "{err}");
    assert!(err.contains("T01[R10,C1] = 34961.33"), "{err}");
}

#[test]
fn contradictions_are_listed_and_kept_unless_fix() {
    let dir = Scratch::new("fix");
    let kept = dir.0.join("kept.txt");
    let r = render(&sample(), &["--force"], "txt", &kept);
    assert_eq!(r.status.code(), Some(0));
    let err = String::from_utf8_lossy(&r.stderr);
    // Line 1284 says 大于 where 822.94 < 854.31.
    assert!(
        err.contains("与数字不符：情况说明 N5.3.26（第 1284 行）：方向原文为“决算数大于”，按表中数字应为“决算数小于”；已保留原文"),
        "{err}"
    );
    assert!(
        err.contains("名称原文为“其他人力资源和社会保障管理事务支”"),
        "{err}"
    );
    let text = std::fs::read_to_string(&kept).unwrap().replace(' ', "");
    assert!(text.contains("决算数大于预算数的主要原因是缴费基数调整"));
    assert!(text.contains("2080199\t其他人力资源和社会保障管理事务支\t"));
    assert!(text.contains("修改说明"));

    let fixed = dir.0.join("fixed.txt");
    let r = render(&sample(), &["--fix"], "txt", &fixed);
    let err = String::from_utf8_lossy(&r.stderr);
    // --fix mends the narrative and name errors: nothing left to refuse.
    assert_eq!(r.status.code(), Some(0), "{err}");
    assert!(
        err.contains("已修改：情况说明 N5.3.26（第 1284 行）：方向“决算数大于”改为“决算数小于”")
    );
    assert!(
        err.contains("已修改：情况说明 N10.2.36（第 1444 行）：数字“得分为97分”改为“得分为90分”")
    );
    let text = std::fs::read_to_string(&fixed).unwrap().replace(' ', "");
    assert!(text.contains("决算数小于预算数的主要原因是缴费基数调整"));
    assert!(text.contains("2080199\t其他人力资源和社会保障管理事务支出\t"));
    let section = &text[text.find("修改说明").unwrap()..];
    assert_eq!(
        section.matches("已修改：").count(),
        err.matches("已修改：").count()
    );
    assert!(!text.contains("未通过审核"));
}

#[test]
fn a_missing_year_is_an_error_never_zero() {
    let dir = Scratch::new("year");
    let parsed = bin().arg("parse").arg(sample()).output().unwrap();
    let mut model: serde_json::Value = serde_json::from_slice(&parsed.stdout).unwrap();
    model["meta"]["year"] = serde_json::Value::Null;
    let input = dir.0.join("model.json");
    std::fs::write(&input, model.to_string()).unwrap();
    let out = dir.0.join("out.txt");
    let r = render(&input, &["--fix"], "txt", &out);
    assert_eq!(r.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&r.stderr).contains("未写明决算年度"));
    let r = render(
        &input,
        &["--fix", "--year", "2024", "--department", "某某厅"],
        "txt",
        &out,
    );
    assert_eq!(
        r.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&r.stderr)
    );
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("2024 年度"));
    assert!(text.contains("某某厅部门决算"));
    assert!(!text.contains("0 年度"));
}
