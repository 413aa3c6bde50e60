//! `juesuan import` of two years of a department renamed in between, then
//! `juesuan link OLD NEW`: the years are compared across the new name.

use juesuan_testkit::years::{jilin_2023, JILIN_2024};
use std::process::Command;

fn juesuan(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_juesuan"))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn link_compares_the_years_of_a_renamed_department() {
    let dir = std::env::temp_dir().join(format!("juesuan-link-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let old = dir.join("renamed-2023.txt");
    std::fs::write(
        &old,
        jilin_2023(false).replace("吉林省人力资源和社会保障厅", "吉林省人事厅"),
    )
    .unwrap();
    let now = dir.join("jilin-2024.txt");
    std::fs::write(&now, JILIN_2024).unwrap();
    let db = dir.join("lib.db");
    let db = db.to_str().unwrap();
    let o = juesuan(&[
        "import",
        old.to_str().unwrap(),
        now.to_str().unwrap(),
        "--db",
        db,
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let o = juesuan(&[
        "link",
        "吉林省人事厅",
        "吉林省人力资源和社会保障厅",
        "--db",
        db,
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(String::from_utf8_lossy(&o.stdout).contains("重新核对了 2 份报告"));
    let store = juesuan_store::Store::open(db).unwrap();
    let id = juesuan_store::content_hash(JILIN_2024.as_bytes());
    let id = &id[..16];
    let rules: Vec<String> = store
        .findings(id)
        .unwrap()
        .into_iter()
        .filter(|f| f.severity == "error" && f.rule.starts_with("Y."))
        .map(|f| f.rule)
        .collect();
    assert_eq!(rules.len(), 2, "{rules:?}");
    // A department the library does not hold: refused.
    let o = juesuan(&[
        "link",
        "没有这个部门",
        "吉林省人力资源和社会保障厅",
        "--db",
        db,
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("报告库中没有部门"));
}
