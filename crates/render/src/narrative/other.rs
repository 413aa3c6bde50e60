//! 九 三公, 十 绩效评价, 十一 其他重要事项 (机关运行经费, 政府采购, 国有资产).

use super::{change_clause, value_in, wan, Ctx};
use crate::document::Block;
use crate::numbers::{ordinal, paren_ordinal, percent_text, text_amount};
use crate::texts::placeholder;
use juesuan_model::{Report, TableId};
use rust_decimal::Decimal;

fn heading(out: &mut Vec<Block>, level: u8, text: String) {
    out.push(Block::Heading { level, text });
}

fn para(out: &mut Vec<Block>, text: String) {
    out.push(Block::Paragraph(text));
}

fn t09(r: &Report, key: &str) -> Option<Decimal> {
    value_in(r, TableId::T09, "R1", key)
}

fn count(ctx: &Ctx, key: &str) -> String {
    ctx.texts
        .count(key, key)
        .map(|n| n.to_string())
        .unwrap_or_else(|| placeholder(key))
}

/// A count of trips, purchases or receptions paid from `spent`: when
/// nothing was spent there were none, so no one has to fill it in.
fn count_paid(ctx: &Ctx, key: &str, spent: Decimal) -> String {
    match ctx.texts.count(key, key) {
        Some(n) => n.to_string(),
        None if spent.is_zero() => "0".to_string(),
        None => placeholder(key),
    }
}

fn note(ctx: &Ctx, key: &str, what: &str) -> Option<String> {
    ctx.texts
        .note(key, what)
        .map(|s| s.trim().trim_end_matches('。').to_string())
        .filter(|s| !s.is_empty())
}

/// "预算为 B 万元，支出决算为 A 万元，完成预算的 p%；较 2023 年度…，主要原因是…。决算数小于预算数的主要原因是…。"
fn budget_vs_actual(ctx: &Ctx, key: &str, item: &str, lead: &str) -> String {
    let r = ctx.report;
    let b = t09(r, &format!("预算数/{item}")).unwrap_or_default();
    let a = t09(r, &format!("决算数/{item}")).unwrap_or_default();
    let mut s = format!("{lead}预算为 {}，支出决算为 {}", wan(b), wan(a));
    if let Some(p) = percent_text(a, b, 1) {
        s.push_str(&format!("，完成预算的 {p}%"));
    }
    let prior = ctx.prior_of(key, |p| t09(p, &format!("决算数/{item}")));
    ctx.texts.ask(
        "reasons",
        &format!("{key}/预算"),
        &format!("{key}决算数大于或小于预算数的原因"),
    );
    s.push('；');
    match prior {
        Some(p) => {
            s.push_str(&change_clause(
                &format!("较 {} 年度", ctx.prior_year()),
                a,
                p,
            ));
            if p != a {
                s.push_str(&format!(
                    "，主要原因是{}",
                    ctx.reason(key, &format!("{key}增减"))
                ));
            }
        }
        None => s.push_str(&ctx.yoy(&format!("较 {} 年度", ctx.prior_year()), a, None)),
    }
    s.push('。');
    if a != b {
        let word = if a > b { "大于" } else { "小于" };
        s.push_str(&format!(
            "决算数{word}预算数的主要原因是{}。",
            ctx.reason(&format!("{key}/预算"), &format!("决算数{word}预算数的"))
        ));
    }
    s
}

/// 九: 财政拨款“三公”经费.
pub fn sangong(ctx: &Ctx, out: &mut Vec<Block>) {
    let r = ctx.report;
    let y = ctx.year;
    heading(
        out,
        2,
        format!("{}财政拨款“三公”经费支出决算情况说明", ordinal(9)),
    );
    heading(
        out,
        3,
        format!("{}“三公”经费财政拨款支出决算总体情况说明", paren_ordinal(1)),
    );
    para(
        out,
        budget_vs_actual(
            ctx,
            "三公经费",
            "合计",
            &format!("{y} 年度“三公”经费财政拨款支出"),
        ),
    );
    heading(
        out,
        3,
        format!("{}“三公”经费财政拨款支出决算具体情况说明", paren_ordinal(2)),
    );
    let mut s = budget_vs_actual(
        ctx,
        "因公出国（境）费",
        "因公出国（境）费",
        "1.因公出国（境）费",
    );
    let abroad = t09(r, "决算数/因公出国（境）费").unwrap_or_default();
    s.push_str(&format!(
        "全年共有因公出国（境）团组 {} 个，因公出国（境）{} 人次。",
        count_paid(ctx, "出国团组", abroad),
        count_paid(ctx, "出国人次", abroad)
    ));
    if let Some(d) = note(ctx, "出国详情", "因公出国（境）团组的去向、人数与金额")
    {
        s.push_str(&d);
        s.push('。');
    }
    para(out, s);
    let mut s = budget_vs_actual(
        ctx,
        "公务用车购置及运行维护费",
        "公务用车购置及运行维护费",
        "2.公务用车购置及运行维护费",
    );
    s.push_str("其中：");
    para(out, s);
    let buy = t09(r, "决算数/公务用车购置费").unwrap_or_default();
    para(
        out,
        format!(
            "公务用车购置费支出 {}。截至 {y} 年 12 月 31 日，公务用车保有量为 {} 辆，公务用车购置数为 {} 辆。",
            wan(buy),
            count(ctx, "公务用车保有量"),
            count_paid(ctx, "公务用车购置数", buy)
        ),
    );
    let run = t09(r, "决算数/公务用车运行维护费").unwrap_or_default();
    let use_text = note(ctx, "公务用车运行维护费用途", "公务用车运行维护费主要用途");
    para(
        out,
        match use_text {
            None if run.is_zero() => format!("公务用车运行维护费支出 {}。", wan(run)),
            _ => format!(
                "公务用车运行维护费支出 {}，主要是用于{}。",
                wan(run),
                use_text.unwrap_or_else(|| placeholder("运行维护费主要用途"))
            ),
        },
    );
    let mut s = budget_vs_actual(ctx, "公务接待费", "公务接待费", "3.公务接待费");
    s.push_str("其中：");
    para(out, s);
    // Nothing spent on receptions: neither kind had any.
    let received = t09(r, "决算数/公务接待费").unwrap_or_default();
    let none = received.is_zero().then_some(Decimal::ZERO);
    let foreign = ctx
        .texts
        .amount("外事接待费", "外事接待费（万元）")
        .or(none);
    let domestic = ctx
        .texts
        .amount("国内公务接待费", "国内公务接待费（万元）")
        .or(none);
    let amount_or = |v: Option<Decimal>, what: &str| {
        v.map(wan)
            .unwrap_or_else(|| format!("{} 万元", placeholder(what)))
    };
    para(
        out,
        format!(
            "外事接待费支出 {}。全年共接待外事来访团组数 {} 个、来访外宾 {} 人次（不包括陪同人员）。",
            amount_or(foreign, "外事接待费"),
            count_paid(ctx, "外事接待批次", foreign.unwrap_or(Decimal::ONE)),
            count_paid(ctx, "外事接待人次", foreign.unwrap_or(Decimal::ONE))
        ),
    );
    para(
        out,
        format!(
            "其他国内公务接待支出 {}。全年共接待国内来访团组 {} 个、来宾 {} 人次（不包括陪同人员）。",
            amount_or(domestic, "国内公务接待费"),
            count_paid(ctx, "国内接待批次", domestic.unwrap_or(Decimal::ONE)),
            count_paid(ctx, "国内接待人次", domestic.unwrap_or(Decimal::ONE))
        ),
    );
}

/// 十: 绩效评价 — the summary and one paragraph per self-evaluated project.
pub fn performance(ctx: &Ctx, out: &mut Vec<Block>) {
    let r = ctx.report;
    let y = ctx.year;
    heading(out, 2, format!("{}绩效评价情况说明", ordinal(10)));
    heading(out, 3, format!("{}绩效评价工作开展情况", paren_ordinal(1)));
    let funds: Decimal = r
        .performance
        .iter()
        .filter_map(|p| p.fund("年度资金总额").and_then(|f| f.initial_budget))
        .sum();
    let projects = value_in(r, TableId::T05, "合计", "项目支出").unwrap_or_default();
    let mut s = format!(
        "根据预算绩效管理要求，本部门组织对 {y} 年度一般公共预算项目支出全面开展绩效自评，共 {} 个项目，共涉及资金 {}",
        r.performance.len(),
        wan(funds)
    );
    if let Some(p) = percent_text(funds, projects, 1) {
        s.push_str(&format!("，占一般公共预算项目支出总额的 {p}%"));
    }
    s.push('。');
    para(out, s);
    heading(out, 3, format!("{}项目绩效自评结果", paren_ordinal(2)));
    for (k, p) in r.performance.iter().enumerate() {
        let total = p.fund("年度资金总额");
        let budget = total.and_then(|f| f.full_year_budget);
        let executed = total.and_then(|f| f.executed);
        let mut s = format!(
            "{}.{}项目绩效自评情况：根据年初设定的绩效目标，项目绩效自评得分为 {} 分。",
            k + 1,
            p.name.trim_end_matches("项目"),
            p.score
                .map(text_amount)
                .unwrap_or_else(|| placeholder("自评得分"))
        );
        if let (Some(b), Some(e)) = (budget, executed) {
            s.push_str(&format!("项目全年预算数为 {}，执行数为 {}", wan(b), wan(e)));
            if let Some(rate) = percent_text(e, b, 2) {
                s.push_str(&format!("，完成预算的 {rate}%"));
            }
            s.push('。');
        }
        let remark = note(
            ctx,
            &format!("绩效:{}", p.name),
            &format!("{}绩效目标完成情况", p.name),
        )
        .or_else(|| Some(p.goal_actual.trim().trim_end_matches('。').to_string()))
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| placeholder("绩效目标完成情况"));
        s.push_str(&format!("项目绩效目标完成情况：{remark}。"));
        para(out, s);
    }
}

/// 十一: 机关运行经费, 政府采购, 国有资产占用.
pub fn other_matters(ctx: &Ctx, out: &mut Vec<Block>) {
    let y = ctx.year;
    heading(out, 2, format!("{}其他重要事项情况说明", ordinal(11)));
    heading(
        out,
        3,
        format!("{}机关运行经费执行情况说明", paren_ordinal(1)),
    );
    let cost = ctx
        .texts
        .amount("机关运行经费", "机关运行经费（万元；各部门口径不同时填写）")
        .unwrap_or_else(|| running_cost(ctx.report));
    let prior = ctx.prior_of("机关运行经费", |p| Some(running_cost(p)));
    let mut s = format!("{y} 年度机关运行经费支出 {}，", wan(cost));
    s.push_str(&ctx.yoy(&format!("较 {} 年度", ctx.prior_year()), cost, prior));
    if prior.is_some_and(|p| p != cost) {
        s.push_str(&format!(
            "，主要原因是{}",
            ctx.reason("机关运行经费", "机关运行经费增减")
        ));
    }
    s.push('。');
    para(out, s);

    heading(out, 3, format!("{}政府采购支出情况说明", paren_ordinal(2)));
    let a = |k: &str| ctx.texts.amount(k, &format!("{k}（万元）"));
    match a("政府采购支出总额") {
        Some(total) => {
            let mut s = format!("{y} 年度政府采购支出总额 {}，其中：", wan(total));
            let kinds: Vec<String> = [
                ("货物", "政府采购货物支出"),
                ("工程", "政府采购工程支出"),
                ("服务", "政府采购服务支出"),
            ]
            .iter()
            .filter_map(|(_, k)| a(k).map(|v| format!("{k} {}", wan(v))))
            .collect();
            s.push_str(&kinds.join("、"));
            s.push('。');
            if let Some(sme) = a("授予中小企业合同金额") {
                s.push_str(&format!("授予中小企业合同金额 {}", wan(sme)));
                if let Some(p) = percent_text(sme, total, 1) {
                    s.push_str(&format!("，占政府采购支出总额的 {p}%"));
                }
                if let Some(micro) = a("授予小微企业合同金额") {
                    s.push_str(&format!("，其中：授予小微企业合同金额 {}", wan(micro)));
                    if let Some(p) = percent_text(micro, sme, 1) {
                        s.push_str(&format!("，占授予中小企业合同金额的 {p}%"));
                    }
                }
                s.push('。');
            }
            para(out, s);
        }
        None => para(
            out,
            format!(
                "{y} 年度政府采购支出总额{}。",
                placeholder("政府采购支出情况")
            ),
        ),
    }

    heading(out, 3, format!("{}国有资产占用情况说明", paren_ordinal(3)));
    match note(ctx, "国有资产占用", "国有资产占有使用情况（整段）") {
        Some(t) => para(out, format!("{t}。")),
        None => para(
            out,
            format!(
                "截至 {y} 年 12 月 31 日，本部门共有车辆 {} 辆；单位价值 100 万元（含）以上设备（不含车辆）{} 台（套）。",
                count(ctx, "车辆总数"),
                count(ctx, "百万元以上设备")
            ),
        ),
    }
}

/// 机关运行经费: the 公用经费 of the 行政运行 项 (…0101) in T05.
pub fn running_cost(r: &Report) -> Decimal {
    r.table(TableId::T05)
        .map(|t| {
            let col = t.column("公用经费").map(|c| c.number);
            t.rows
                .iter()
                // 行政运行 is item 01 of every 款 (2010601 财政事务, 2080101 …).
                .filter(|row| {
                    row.code.as_deref().is_some_and(|c| c.len() == 7)
                        && row.name.trim() == "行政运行"
                })
                .filter_map(|row| col.and_then(|c| row.value(c)))
                .sum()
        })
        .unwrap_or_default()
}
