//! The `juesuan` binary's contracts: export CSV, parse JSON, exit codes.

use std::path::PathBuf;
use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_juesuan"))
}

fn sample() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/data/jilin-hrss-2024-final-accounts.txt")
}

#[test]
fn export_csv_contract() {
    let out = bin()
        .args(["export"])
        .arg(sample())
        .args(["--format", "csv"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let csv = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "table,row,column,value,name,line");
    // The example of the issue, read off line 166 of the sample.
    assert!(lines.contains(&"T02,2080101,C2,4657.90,行政运行,166"));
    assert!(lines.contains(&"T01,R10,C1,34951.33,本年收入合计,132"));
    assert!(lines.contains(&"T05,合计,C7,33608.20,合计,300"));
    assert!(lines.contains(&"T06,人员经费合计,C1,10814.21,人员经费合计,383"));
    // 16 + 105 + 93 + 19 + 200 + 49 + 0 + 0 + 10 filled cells, plus the header.
    assert_eq!(lines.len(), 1 + 492);
    assert!(
        lines[1..]
            .iter()
            .all(|l| !l.split(',').nth(3).unwrap_or("").is_empty()),
        "blank cells are omitted"
    );
}

#[test]
fn parse_json_contract() {
    let out = bin()
        .arg("parse")
        .arg(sample())
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["meta"]["department"], "吉林省人力资源和社会保障厅");
    assert_eq!(v["meta"]["year"], 2024);
    assert_eq!(v["meta"]["unit"], "万元");
    assert_eq!(v["meta"]["published"], "2025-08-25");
    assert_eq!(v["meta"]["member_units"].as_array().unwrap().len(), 22);
    assert_eq!(v["performance"].as_array().unwrap().len(), 38);
    assert_eq!(v["performance"][0]["funds"][0]["row"], "年度资金总额");
    assert_eq!(v["performance"][0]["funds"][0]["executed"], "143.11");
    assert_eq!(v["performance"][0]["score"], "97.00");
    assert_eq!(
        v["tables"]["T02"]["rows"][0]["cells"][0]["value"],
        "34951.33"
    );
    assert!(v["narrative"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["line"] == 1204));
}

#[test]
fn unreadable_input_exits_2_naming_the_file() {
    let dir = std::env::temp_dir().join(format!("juesuan-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let f = dir.join("minutes.txt");
    std::fs::write(&f, "会议纪要\n").unwrap();
    for cmd in ["parse", "export"] {
        let out = bin().arg(cmd).arg(&f).output().unwrap();
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("minutes.txt") && err.contains("未找到任何决算表"),
            "{err}"
        );
    }
    let out = bin()
        .arg("parse")
        .arg(dir.join("missing.txt"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&dir);
}
