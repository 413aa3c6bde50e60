//! Shared helpers of the render tests.
#![allow(dead_code)]

use juesuan_model::{Report, TableId};
use std::collections::BTreeMap;

/// The Jilin sample read through the text reader.
pub fn sample() -> Report {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/data/jilin-hrss-2024-final-accounts.txt"
    );
    let text = std::fs::read_to_string(path).expect("sample present");
    juesuan_read::read_text("jilin.txt", &text).expect("sample reads")
}

/// Every numeric cell: (table, row key, column) → value.
pub fn cells(r: &Report) -> BTreeMap<(TableId, String, u32), String> {
    r.numeric_cells()
        .into_iter()
        .map(|(a, _, c)| {
            (
                (a.table, a.row.clone(), a.column),
                c.value
                    .map(|v| v.normalize().to_string())
                    .unwrap_or_default(),
            )
        })
        .collect()
}

/// Performance funds and scores, comparable.
pub fn perf(r: &Report) -> Vec<String> {
    r.performance
        .iter()
        .map(|p| {
            let funds: Vec<String> = p
                .funds
                .iter()
                .map(|f| {
                    let v = |x: Option<rust_decimal::Decimal>| {
                        x.map(|d| d.normalize().to_string()).unwrap_or_default()
                    };
                    format!(
                        "{}:{}/{}/{}/{}",
                        f.row,
                        v(f.initial_budget),
                        v(f.full_year_budget),
                        v(f.executed),
                        v(f.rate)
                    )
                })
                .collect();
            format!(
                "{}|{}|{}",
                p.name,
                funds.join(","),
                p.score
                    .map(|d| d.normalize().to_string())
                    .unwrap_or_default()
            )
        })
        .collect()
}

/// Meta fields that must survive a round trip.
pub fn meta(r: &Report) -> String {
    let m = &r.meta;
    format!(
        "{}|{:?}|{}|{:?}|{:?}|{}|{}",
        m.department,
        m.year,
        m.unit,
        m.published,
        m.institutions,
        m.member_units.join(","),
        m.duties.len()
    )
}

/// Asserts two maps are equal, printing the first differences.
pub fn assert_same<K: std::fmt::Debug + Ord, V: std::fmt::Debug + PartialEq>(
    a: &BTreeMap<K, V>,
    b: &BTreeMap<K, V>,
    what: &str,
) {
    let missing: Vec<_> = a
        .iter()
        .filter(|(k, v)| b.get(k) != Some(v))
        .take(5)
        .collect();
    let extra: Vec<_> = b
        .iter()
        .filter(|(k, _)| !a.contains_key(k))
        .take(5)
        .collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "{what}: differ; source-only or changed: {missing:?}; rendered-only: {extra:?}"
    );
}
