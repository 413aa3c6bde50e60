//! Cover, 目录 and 第一部分 部门概况.

use crate::document::Block;
use crate::numbers::ordinal;
use crate::texts::{placeholder, Texts};
use juesuan_model::Report;

/// The heading of the 绩效自评表, numbered after the family's `tables` tables.
pub fn performance_heading(tables: usize) -> String {
    format!("{}部门预算项目支出绩效自评表", ordinal(tables as u32 + 1))
}

/// The 目录 entries (tables in the report's printed order).
pub fn toc(report: &Report, year: u32) -> Vec<(u8, String)> {
    let performance = !report.performance.is_empty();
    let mut v = vec![
        (1, "第一部分 部门概况".to_string()),
        (2, "一、部门职责".to_string()),
        (2, "二、机构设置及部门决算单位构成".to_string()),
        (1, format!("第二部分 {year} 年度部门决算表")),
    ];
    let order = crate::layouts::order(report);
    for (i, id) in order.iter().enumerate() {
        v.push((
            2,
            format!(
                "{}{}",
                ordinal(i as u32 + 1),
                crate::layouts::title(report, *id)
            ),
        ));
    }
    if performance {
        v.push((2, performance_heading(order.len())));
    }
    v.push((1, format!("第三部分 {year} 年度部门决算情况说明")));
    for (i, t) in [
        "收入支出决算总体情况说明",
        "收入决算情况说明",
        "支出决算情况说明",
        "财政拨款收入支出决算总体情况说明",
        "一般公共预算财政拨款支出决算情况说明",
        "一般公共预算财政拨款基本支出决算情况说明",
        "政府性基金预算财政拨款收入支出决算情况说明",
        "国有资本经营预算财政拨款支出决算情况说明",
        "财政拨款“三公”经费支出决算情况说明",
        "绩效评价情况说明",
        "其他重要事项情况说明",
    ]
    .iter()
    .enumerate()
    {
        v.push((2, format!("{}{t}", ordinal(i as u32 + 1))));
    }
    v.push((1, "第四部分 名词解释".to_string()));
    v
}

/// 第一部分 部门概况.
pub fn overview(report: &Report, texts: &Texts, year: u32) -> Vec<Block> {
    let dept = &report.meta.department;
    let mut out = vec![
        Block::Heading {
            level: 1,
            text: "第一部分 部门概况".into(),
        },
        Block::Heading {
            level: 2,
            text: "一、部门主要职责".into(),
        },
    ];
    texts.ask("", "duties", "部门职责（每段一项，覆盖报告中的部门职责）");
    texts.ask("", "organization", "机构设置（内设机构情况，整段）");
    let duties = if texts.duties.is_empty() {
        &report.meta.duties
    } else {
        &texts.duties
    };
    if duties.is_empty() {
        out.push(Block::Paragraph(format!("{}。", placeholder("部门职责"))));
    }
    for d in duties {
        let d = d.trim();
        if d.ends_with(['。', '；', '！']) {
            out.push(Block::Paragraph(d.to_string()));
        } else {
            out.push(Block::Paragraph(format!("{d}。")));
        }
    }
    out.push(Block::Heading {
        level: 2,
        text: "二、机构设置及部门决算单位构成".into(),
    });
    let org = match (&texts.organization, report.meta.institutions) {
        (Some(o), _) => o.clone(),
        (None, Some(n)) => format!("根据上述职责，{dept}内设 {n} 个机构。"),
        (None, None) => format!("根据上述职责，{dept}{}。", placeholder("内设机构情况")),
    };
    out.push(Block::Paragraph(org));
    out.push(Block::Paragraph(format!(
        "纳入{dept} {year} 年度部门决算编制范围的单位包括："
    )));
    if report.meta.member_units.is_empty() {
        out.push(Block::ListItem(format!("1.{dept}")));
    }
    for (i, u) in report.meta.member_units.iter().enumerate() {
        out.push(Block::ListItem(format!("{}.{u}", i + 1)));
    }
    out
}
