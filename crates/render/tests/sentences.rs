//! The generated 情况说明 against the sample's own sentences: every figure
//! the sample states in 二, 三, 五(二), 五(三), 九 is reproduced, except the
//! documented differences (where the sample itself is inconsistent or
//! states something the tables cannot give).

mod common;

use common::sample;
use juesuan_model::{Figure, Report};
use juesuan_render::{build, texts_for, Inputs, Texts};
use std::collections::BTreeMap;

const SECTIONS: &[&str] = &[
    "1", "2", "3", "4", "5.1", "5.2", "5.3", "6", "7", "9.1", "9.2", "10.1", "10.2", "11.1",
];

/// (paragraph address, role, value) → count.
fn figures(r: &Report) -> BTreeMap<(String, String, String), usize> {
    let mut m = BTreeMap::new();
    for f in &r.figures {
        let p = r.narrative.iter().find(|p| p.addr == f.paragraph);
        let Some(p) = p else { continue };
        if !SECTIONS.contains(&p.section.as_str()) {
            continue;
        }
        *m.entry(key(f)).or_insert(0) += 1;
    }
    m
}

fn key(f: &Figure) -> (String, String, String) {
    (
        f.paragraph.clone(),
        format!("{:?}", f.role),
        format!("{}{}", f.value.normalize(), f.unit),
    )
}

fn rendered() -> (Report, Report) {
    let source = sample();
    let texts = texts_for(&source, Texts::default());
    let doc = build(&Inputs {
        report: &source,
        prior: None,
        texts: &texts,
    });
    let text = juesuan_render::txt::render(&doc);
    let back = juesuan_read::read_text("rendered.txt", &text).expect("reads");
    (source, back)
}

fn diff(
    a: &BTreeMap<(String, String, String), usize>,
    b: &BTreeMap<(String, String, String), usize>,
) -> Vec<String> {
    a.iter()
        .filter(|(k, n)| b.get(*k).copied().unwrap_or(0) < **n)
        .map(|(k, _)| format!("{} {} {}", k.0, k.1, k.2))
        .collect()
}

#[test]
fn figures_follow_the_sample() {
    let (source, back) = rendered();
    let (want, got) = (figures(&source), figures(&back));
    let missing = diff(&want, &got);
    let extra = diff(&got, &want);
    for m in &missing {
        println!("sample only: {m}");
    }
    for e in &extra {
        println!("generated only: {e}");
    }
    // Documented differences (see the crate's report):
    let expected_missing: &[&str] = &[
        // 公务接待费 is item 3 here; the sample leaves it unnumbered (1., 2., then none),
        // so its figures move from N9.2.p3–p5 to N9.2.3, N9.2.p3–p4 (same values).
        "N9.2.p3 ",
        "N9.2.p4 ",
        "N9.2.p5 ",
        // 123.53 / 123.54 = 99.992 % → half-up 100.0 (the sample truncates to 99.9).
        "N9.2.1 Completion 99.9%",
        // 2.49 / 25.02 = 9.952 % → half-up 10.0 (the sample truncates to 9.9).
        "N9.2.2 IncreaseRate 9.9%",
        // Preparer's statements not derivable from the tables (一级项目 count,
        // 部门整体支出 paragraph): not drafted.
        "N10.1.p1 Value 5个",
        "N10.1.p2 ",
        // The sample's project paragraphs disagree with their own tables
        // (21.1/11.3/53.7 vs 21.12/11.34/53.69; 460.3 vs 460.29; 82.6 vs 82.58;
        // scores 97/100 vs the tables' 90/97): the draft follows the tables.
        "N10.2.23 ",
        "N10.2.27 ",
        "N10.2.33 ",
        "N10.2.36 Value 97分",
        "N10.2.38 Value 100分",
        // 基本支出 12874.91 in the sample vs T05[合计,C8] = 12874.92.
        "N6.p1 Value 12874.91万元",
    ];
    let expected_extra: &[&str] = &[
        "N9.2.3 ",
        "N9.2.p3 ",
        "N9.2.p4 ",
        "N9.2.1 Completion 100%",
        "N9.2.2 IncreaseRate 10%",
        "N10.2.23 ",
        "N10.2.27 ",
        "N10.2.33 ",
        "N10.2.36 Value 90分",
        "N10.2.38 Value 97分",
        "N6.p1 Value 12874.92万元",
        // Components with their shares (the sample gives none in 二 and 三).
        "N2.p1 Share ",
        "N3.p1 Share ",
        // Completion rates the sample leaves out (0 %, 100 %).
        "N5.3.4 Completion 0%",
        "N5.3.18 Completion 100%",
        "N10.2.25 Completion 100%",
    ];
    let unexplained_missing: Vec<_> = missing
        .iter()
        .filter(|m| !expected_missing.iter().any(|e| m.starts_with(e)))
        .collect();
    let unexplained_extra: Vec<_> = extra
        .iter()
        .filter(|m| !expected_extra.iter().any(|e| m.starts_with(e)))
        .collect();
    // Most of the sample's figures are reproduced exactly.
    let total: usize = want.values().sum();
    assert!(total > 150, "{total} figures compared");
    assert!(
        missing.len() * 8 < total,
        "{} of {total} differ",
        missing.len()
    );
    assert!(
        unexplained_missing.is_empty() && unexplained_extra.is_empty(),
        "unexplained differences: {unexplained_missing:?} / {unexplained_extra:?}"
    );
}
