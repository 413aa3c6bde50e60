//! `juesuan check FILE --prior PRIOR`: the cross-year rules without a
//! library, on the Jilin 2024 sample and a 2023 report generated from it
//! (`juesuan_testkit::years`).

use juesuan_testkit::years::jilin_2023;
use std::path::PathBuf;
use std::process::{Command, Output};

fn sample() -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/data/jilin-hrss-2024-final-accounts.txt")
        .display()
        .to_string()
}

fn prior_file(tag: &str, consistent: bool) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("juesuan-prior-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("jilin-2023.txt");
    std::fs::write(&path, jilin_2023(consistent)).unwrap();
    path
}

fn check(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_juesuan"))
        .arg("check")
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{e}"))
}

fn json_findings(o: &Output) -> Vec<serde_json::Value> {
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    v["files"][0]["findings"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

fn rules_of(findings: &[serde_json::Value], severity: &str) -> Vec<String> {
    findings
        .iter()
        .filter(|f| {
            f["severity"] == severity && f["rule"].as_str().is_some_and(|r| r.starts_with("Y."))
        })
        .map(|f| f["rule"].as_str().unwrap_or("").to_string())
        .collect()
}

#[test]
fn a_consistent_prior_adds_no_error() {
    let prior = prior_file("ok", true);
    let o = check(&[
        &sample(),
        "--prior",
        prior.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let findings = json_findings(&o);
    assert!(rules_of(&findings, "error").is_empty(), "{findings:#?}");
    // Without --prior the Y rules are not run at all.
    let o = check(&[&sample(), "--format", "json"]);
    assert!(!json_findings(&o)
        .iter()
        .any(|f| f["rule"].as_str().is_some_and(|r| r.starts_with("Y."))));
}

#[test]
fn a_broken_prior_is_reported_with_both_reports_cells() {
    let prior = prior_file("bad", false);
    let o = check(&[
        &sample(),
        "--prior",
        prior.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let findings = json_findings(&o);
    let mut errors = rules_of(&findings, "error");
    errors.sort();
    assert_eq!(
        errors,
        ["Y.carry_forward", "Y.prior_stated"],
        "{findings:#?}"
    );
    let carry = findings
        .iter()
        .find(|f| f["rule"] == "Y.carry_forward")
        .unwrap();
    assert_eq!(carry["cells"][0], "T01[R12,C1]");
    assert_eq!(carry["cells"][1], "T01[R26,C2]@2023");
    assert_eq!(carry["line"], 134);
    // The text form names the rule and last year's file.
    let o = check(&[&sample(), "--prior", prior.to_str().unwrap()]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("错误[Y.carry_forward]"), "{out}");
    assert!(out.contains("jilin-2023.txt，2023 年度"), "{out}");
}

#[test]
fn an_unreadable_prior_is_exit_2() {
    let o = check(&[&sample(), "--prior", "/nonexistent/prior.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("上年报告无法读取"));
}
