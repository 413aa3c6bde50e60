//! `juesuan texts --list`: every `--texts` key with what it fills and an
//! example; with `--from` the sample's own words are the examples, and the
//! listing uncommented is a texts.toml that `render --texts` accepts.

mod common;

use common::{bin, corrected_sample as sample};

/// The listing with every key line uncommented.
fn uncomment(listing: &str) -> String {
    listing
        .lines()
        .filter_map(|l| {
            if l.starts_with('[') {
                Some(l)
            } else {
                l.strip_prefix("# ").filter(|r| r.contains(" = "))
            }
        })
        .map(|l| format!("{l}\n"))
        .collect()
}

#[test]
fn lists_the_fixed_keys_without_a_report() {
    let out = bin().args(["texts", "--list"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    for line in [
        "# 封面日期（如 2025 年 8 月 25 日）\n# date = ",
        "# 部门职责（每段一项，覆盖报告中的部门职责）\n# duties = [",
        "# 收支总计增减原因（与上年相比有增减时）\n# \"收支总计\" = ",
        "# 一般公共预算财政拨款支出年初预算总数（万元）\n# \"total\" = ",
        "# \"政府采购支出总额\" = ",
        "# \"出国团组\" = 3",
        "加 --from 报告文件 列出",
    ] {
        assert!(text.contains(line), "missing {line:?} in\n{text}");
    }
}

#[test]
fn lists_the_sample_keys_with_its_own_words() {
    let out = bin()
        .args(["texts", "--list", "--from"])
        .arg(sample())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    // Values printed in the sample's 情况说明 (lines 1230, 1284, 1314).
    for line in [
        "# \"2050205\" = \"287.33\"",
        "# \"2210201\" = \"缴费基数调整，相应财政支出减少\"",
        "# \"出国团组\" = 3",
        "# \"出国人次\" = 22",
        "# date = \"2025 年 8 月 25 日\"",
    ] {
        assert!(text.contains(line), "missing {line:?}");
    }
    // [budgets]: "total", the 25 项 of 公开05表 (lines 290–341) and 2060299
    // 其他基础研究支出, budgeted but not spent (五（三） item 4, line 1238).
    let budgets = text
        .split("\n[")
        .find(|s| s.starts_with("budgets]"))
        .unwrap();
    assert_eq!(budgets.matches(" = ").count(), 27, "{budgets}");
    // Uncommented, it is a texts file render accepts.
    let dir = std::env::temp_dir().join(format!("juesuan-texts-list-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let toml = dir.join("texts.toml");
    std::fs::write(&toml, uncomment(&text)).unwrap();
    let r = bin()
        .args(["render", "--fix", "--from"])
        .arg(sample())
        .arg("--texts")
        .arg(&toml)
        .args(["--format", "txt", "-o"])
        .arg(dir.join("out.txt"))
        .output()
        .unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(
        r.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&r.stderr)
    );
}
