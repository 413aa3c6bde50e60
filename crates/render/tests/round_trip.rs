//! Rendered text and workbook read back to the same model.

mod common;

use common::*;
use juesuan_render::{build, texts_for, Inputs, Texts};

#[test]
fn sample_text_round_trip() {
    let source = sample();
    let texts = texts_for(&source, Texts::default());
    let doc = build(&Inputs {
        report: &source,
        prior: None,
        texts: &texts,
    });
    let text = juesuan_render::txt::render(&doc);
    let back = juesuan_read::read_text("rendered.txt", &text).expect("rendered text reads");
    assert_same(&cells(&source), &cells(&back), "table cells");
    assert_eq!(perf(&source), perf(&back), "performance funds and scores");
    assert_eq!(meta(&source), meta(&back), "meta");
    assert_eq!(source.meta.duties, back.meta.duties);
    assert_eq!(back.performance.len(), 38);
}

#[test]
fn sample_workbook_round_trip() {
    let source = sample();
    let texts = texts_for(&source, Texts::default());
    let doc = build(&Inputs {
        report: &source,
        prior: None,
        texts: &texts,
    });
    let bytes = juesuan_render::xlsx::render(&doc).expect("workbook");
    let back = juesuan_read::read_bytes("rendered.xlsx", &bytes).expect("workbook reads");
    assert_same(&cells(&source), &cells(&back), "table cells");
    assert_eq!(perf(&source), perf(&back), "performance funds and scores");
    assert_eq!(meta(&source), meta(&back), "meta");
    for id in juesuan_model::TableId::ALL {
        assert!(back.table(id).is_some(), "{id} read back");
    }
}

#[test]
fn sample_html_round_trip() {
    let source = sample();
    let texts = texts_for(&source, Texts::default());
    let doc = build(&Inputs {
        report: &source,
        prior: None,
        texts: &texts,
    });
    let html = juesuan_render::html::render(&doc);
    let back = juesuan_read::read_bytes("rendered.html", html.as_bytes()).expect("HTML reads");
    assert_same(&cells(&source), &cells(&back), "table cells");
    assert_eq!(perf(&source), perf(&back), "performance funds and scores");
    assert_eq!(meta(&source), meta(&back), "meta");
    assert_eq!(source.meta.duties, back.meta.duties);
    assert_eq!(back.performance.len(), source.performance.len());
    for id in juesuan_model::TableId::ALL {
        assert!(back.table(id).is_some(), "{id} read back");
    }
}
