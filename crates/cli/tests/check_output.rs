//! `juesuan check` as a linter: errors first, 提示 hidden and counted,
//! selection and failure thresholds, folders, and the JSON, SARIF and CSV
//! forms — on the bundled Jilin sample, whose four errors were checked by
//! hand (a cut 科目名称 on line 319, a 决算数大于预算数 sentence that
//! says the opposite of its figures, two 绩效 scores that differ from
//! their tables).

use std::path::PathBuf;
use std::process::{Command, Output};

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/data")
        .join(name)
}

fn check(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_juesuan"))
        .arg("check")
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{e}"))
}

fn sample() -> String {
    data("jilin-hrss-2024-final-accounts.txt")
        .display()
        .to_string()
}

fn heads(out: &str) -> Vec<&str> {
    out.lines()
        .filter(|l| l.starts_with("错误[") || l.starts_with("警告[") || l.starts_with("提示["))
        .collect()
}

#[test]
fn errors_come_first_and_info_is_counted_not_shown() {
    let o = check(&[&sample()]);
    assert_eq!(o.status.code(), Some(1));
    let out = String::from_utf8_lossy(&o.stdout);
    let shown = heads(&out);
    let errors = shown.iter().take_while(|l| l.starts_with("错误[")).count();
    assert_eq!(errors, 5, "{shown:#?}");
    assert!(
        shown[5..].iter().all(|l| l.starts_with("警告[")),
        "{shown:#?}"
    );
    assert!(
        out.contains("提示 41 个（未显示 41 个，加 --show-info 显示提示）"),
        "{out}"
    );
    let o = check(&[&sample(), "--show-info"]);
    let out = String::from_utf8_lossy(&o.stdout);
    // 41 提示: 39 in full, and of the seven of T05.row_basic (rows within
    // rounding) five in full and the other two summed up in one line.
    let info = heads(&out);
    let info: Vec<_> = info.iter().filter(|l| l.starts_with("提示[")).collect();
    assert_eq!(info.iter().filter(|l| !l.contains("……")).count(), 39);
    assert!(out.contains("提示[T05.row_basic]: …… 等另外 2 处"), "{out}");
}

#[test]
fn selection_and_failure_threshold() {
    let o = check(&[&sample(), "--select", "names"]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(heads(&out), vec![heads(&out)[0]]);
    assert!(heads(&out)[0].starts_with("错误[names.functional]"));
    let quiet = ["--ignore", "names,narrative,performance"];
    let o = check(&[&sample(), quiet[0], quiet[1]]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    let o = check(&[&sample(), quiet[0], quiet[1], "--fail-on", "warning"]);
    assert_eq!(o.status.code(), Some(1));
    let o = check(&[&sample(), "--statistics"]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.lines()
            .any(|l| l.split_whitespace().collect::<Vec<_>>()[..3]
                == ["2", "performance.paragraphs", "错误"]),
        "{out}"
    );
}

#[test]
fn a_folder_is_walked_and_totalled() {
    let o = check(&[&data("").display().to_string()]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.lines().any(|l| l.starts_with("共 8 个文件：")), "{out}");
}

#[test]
fn json_lists_unreadable_files_with_their_error() {
    let missing = data("missing.txt").display().to_string();
    let o = check(&[&sample(), &missing, "--format", "json"]);
    assert_eq!(o.status.code(), Some(2));
    let doc: serde_json::Value =
        serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}"));
    let files = doc["files"].as_array().cloned().unwrap_or_default();
    assert_eq!(files.len(), 2);
    assert_eq!(files[0]["findings"].as_array().map(Vec::len), Some(72));
    assert_eq!(files[1]["file"].as_str(), Some(missing.as_str()));
    assert!(files[1]["error"]
        .as_str()
        .is_some_and(|e| e.contains("无法打开")));
}

/// The SARIF 2.1.0 shape code-scanning tools require: version, the
/// driver's rules with unique ids, every result's rule (by id and index),
/// level, message and an artifact location with a line.
#[test]
fn sarif_has_the_shape_of_sarif_2_1_0() {
    let o = check(&[&sample(), "--format", "sarif"]);
    assert_eq!(o.status.code(), Some(1));
    let log: serde_json::Value =
        serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "juesuan");
    let rules = run["tool"]["driver"]["rules"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let ids: std::collections::HashSet<&str> =
        rules.iter().filter_map(|r| r["id"].as_str()).collect();
    assert_eq!(ids.len(), rules.len());
    assert!(rules
        .iter()
        .all(|r| r["shortDescription"]["text"].is_string()));
    let results = run["results"].as_array().cloned().unwrap_or_default();
    assert_eq!(results.len(), 72);
    for r in &results {
        let i = r["ruleIndex"].as_u64().unwrap_or(u64::MAX) as usize;
        assert_eq!(rules.get(i).map(|x| &x["id"]), Some(&r["ruleId"]));
        assert!(["none", "note", "warning", "error"].contains(&r["level"].as_str().unwrap_or("")));
        assert!(r["message"]["text"].as_str().is_some_and(|t| !t.is_empty()));
        let loc = &r["locations"][0]["physicalLocation"];
        assert!(loc["artifactLocation"]["uri"]
            .as_str()
            .is_some_and(|u| u.ends_with("jilin-hrss-2024-final-accounts.txt")));
        assert!(
            loc["region"]["startLine"].as_u64().is_some_and(|l| l >= 1),
            "{r}"
        );
    }
    assert_eq!(results.iter().filter(|r| r["level"] == "error").count(), 5);
    // The types serde-sarif generates from the SARIF 2.1.0 schema accept it.
    let typed: Result<serde_sarif::sarif::Sarif, _> = serde_json::from_slice(&o.stdout);
    let typed = typed.unwrap_or_else(|e| panic!("not SARIF 2.1.0: {e}"));
    assert_eq!(typed.runs.len(), 1);
    // …and would refuse a level the schema does not know.
    let wrong =
        String::from_utf8_lossy(&o.stdout).replace("\"level\": \"error\"", "\"level\": \"fatal\"");
    assert!(serde_json::from_str::<serde_sarif::sarif::Sarif>(&wrong).is_err());
}

#[test]
fn csv_has_a_bom_and_chinese_headers() {
    let o = check(&[&sample(), "--format", "csv"]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.starts_with("\u{feff}文件,规则,级别,说明,页,行,单元格,地址\n"),
        "{out}"
    );
    assert_eq!(out.lines().count(), 1 + 72);
    assert!(out.lines().any(|l| l.contains(",names.functional,错误,")));
}

/// A `juesuan.toml` above the report ignores and re-grades rules; a user
/// rulebook turns one off with a `set` line; an unknown id is an error.
#[test]
fn configuration_and_rulebook_settings() {
    let dir = std::env::temp_dir().join(format!("juesuan-config-{}", std::process::id()));
    let sub = dir.join("2024").join("部门");
    std::fs::create_dir_all(&sub).unwrap_or_else(|e| panic!("{e}"));
    let report = sub.join("report.txt");
    std::fs::copy(sample(), &report).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        dir.join("juesuan.toml"),
        "ignore = [\"names\", \"performance.indicator_unit\"]\n[severity]\n\"performance.paragraphs\" = \"warning\"\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let path = report.display().to_string();
    let o = check(&[&path]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(out.contains("report.txt：错误 1 个，"), "{out}");
    assert_eq!(
        heads(&out)
            .iter()
            .filter(|l| l.starts_with("错误["))
            .collect::<Vec<_>>()
            .len(),
        1
    );
    // Its 5 warnings and 2 errors are now 7 warnings: 5 shown, 2 summed up.
    assert!(
        out.contains("警告[performance.paragraphs]: …… 等另外 2 处"),
        "{out}"
    );
    let rules = dir.join("off.rules");
    std::fs::write(&rules, "set narrative.direction off\n").unwrap_or_else(|e| panic!("{e}"));
    let o = check(&[&path, "--rules", &rules.display().to_string()]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    std::fs::write(&rules, "set no.such.rule off\n").unwrap_or_else(|e| panic!("{e}"));
    let o = check(&[&path, "--rules", &rules.display().to_string()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr)
        .contains("off.rules:1: 没有编号为 no.such.rule 的规则或检查"));
    let _ = std::fs::remove_dir_all(&dir);
}
