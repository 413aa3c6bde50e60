//! Rendering: compiler-style text (snapshot) and the JSON contract.

mod common;

use common::{check, mutate, NAME, SAMPLE};
use juesuan_audit::report::{json, text};

#[test]
fn text_of_the_truncated_name() {
    let (report, a) = check(SAMPLE);
    let f = a
        .findings
        .iter()
        .find(|f| f.rule == "names.functional")
        .unwrap();
    let got = text::render_finding(NAME, &report, f);
    let want = "\
错误[names.functional]: 科目名称应与支出功能分类科目代码一致：T05[2080199] 的名称印为“其他人力资源和社会保障管理事务支”，2024 年科目 2080199 的名称是“其他人力资源和社会保障管理事务支出”
   --> jilin-hrss-2024-final-accounts.txt:319
    |
319 | 2080199    其他人力资源和社会保障管理事务支    14330.84    184.53    98.15    86.37    14146.31
    |            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ T05[2080199]
";
    assert_eq!(got, want, "\n{got}");
}

#[test]
fn text_of_a_seeded_error() {
    // 公开05表 line 310: 公用经费 868.28 → 878.28.
    let (report, a) = check(&mutate(SAMPLE, 310, 5, "868.28", "878.28"));
    let f = a
        .findings
        .iter()
        .find(|f| f.rule == "T05.row_basic" && f.cells[0].addr == "T05[2080101,C8]")
        .unwrap();
    let got = text::render_finding(NAME, &report, f);
    let want = "\
错误[T05.row_basic]: 2080101 行基本支出应等于人员经费与公用经费之和：T05[2080101,C8] = 4658.29，T05[2080101,C9] + T05[2080101,C10] = 4668.29，相差 -10.00，超出尾数误差容许范围 ±0.015
   --> jilin-hrss-2024-final-accounts.txt:310
    |
310 | 2080101    行政运行    4658.29    4658.29    3790.01    878.28    0.00
    |                                   ^^^^^^^    -------    ------ T05[2080101,C8]
";
    assert_eq!(got, want, "\n{got}");
}

#[test]
fn json_follows_the_contract() {
    let (report, a) = check(SAMPLE);
    let out = json::render(&[json::FileResult {
        file: NAME,
        profile: report.profile.as_str(),
        audit: &a,
    }]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let file = &v["files"][0];
    assert_eq!(file["file"], NAME);
    assert_eq!(file["profile"], "central");
    let cov = &file["coverage"];
    for k in [
        "rules_total",
        "ran",
        "not_applicable",
        "insufficient_data",
        "reading_doubts",
        "chosen_readings",
    ] {
        assert!(cov[k].is_u64(), "{k}");
    }
    assert_eq!(cov["reading_doubts"], 0);
    let f = file["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "T01.income_total")
        .unwrap();
    assert_eq!(f["severity"], "info");
    assert_eq!(f["line"], 132);
    assert_eq!(f["expected"], "34951.34");
    assert_eq!(f["actual"], "34951.33");
    assert_eq!(f["difference"], "-0.01");
    assert_eq!(f["cells"][0], "T01[R10,C1]");
    assert!(f.get("page").is_none());
    assert!(f.get("reading").is_none());
    // Keys in the documented order.
    let i = |k: &str| out.find(&format!("\"{k}\"")).unwrap();
    assert!(i("rule") < i("severity") && i("severity") < i("message") && i("cells") < i("line"));
}
