//! 第四部分 名词解释: the standard terms and a 反映… entry for every 功能分类
//! 科目 the report uses.

use crate::document::Block;
use crate::narrative::sections::code_name;
use crate::numbers::ordinal;
use crate::texts::placeholder;
use juesuan_model::{Report, TableId};

/// The standard terms of a 部门决算 disclosure.
const TERMS: &[(&str, &str)] = &[
    ("财政拨款收入", "指单位从同级财政部门取得的财政预算资金。"),
    ("上级补助收入", "指从主管部门和上级单位取得的非财政补助收入。"),
    ("事业收入", "指事业单位开展专业业务活动及辅助活动取得的收入。"),
    ("经营收入", "指事业单位在专业业务活动及其辅助活动之外开展非独立核算经营活动取得的收入。"),
    ("附属单位上缴收入", "指事业单位附属独立核算单位按照有关规定上缴的收入。"),
    ("其他收入", "指除上述收入以外的各项收入。"),
    ("使用非财政拨款结余（含专用结余）", "指事业单位按照预算管理要求使用非财政拨款结余弥补收支差额的金额，以及使用专用结余安排支出的金额。"),
    ("年初结转和结余", "指单位以前年度尚未完成、结转到本年按有关规定用途继续使用的资金，或项目已完成等产生的结余资金。"),
    ("结余分配", "指事业单位按照会计制度规定缴纳的所得税、提取的专用结余以及转入非财政拨款结余的金额等。"),
    ("年末结转和结余", "指单位按有关规定结转到下年或以后年度继续使用的资金，或项目已完成等产生的结余资金。"),
    ("基本支出", "指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。"),
    ("项目支出", "指在基本支出之外为完成特定行政任务或事业发展目标所发生的支出。"),
    ("经营支出", "指事业单位在专业业务活动及其辅助活动之外开展非独立核算经营活动发生的支出。"),
    ("上缴上级支出", "指事业单位按照有关规定上缴上级单位的支出。"),
    ("对附属单位补助支出", "指事业单位用财政补助收入之外的收入对附属单位补助发生的支出。"),
    ("“三公”经费", "指部门用财政拨款安排的因公出国（境）费、公务用车购置及运行维护费和公务接待费。其中，因公出国（境）费反映公务出国（境）的国际旅费、国外城市间交通费、住宿费、伙食费、培训费、公杂费等支出；公务用车购置及运行维护费反映单位公务用车车辆购置支出（含车辆购置税）及燃料费、维修费、过桥过路费、保险费、安全奖励费等支出；公务接待费反映单位按规定开支的各类公务接待（含外宾接待）支出。"),
    ("机关运行经费", "指为保障行政单位（包括参照公务员法管理的事业单位）运行用于购买货物和服务的各项资金，包括办公费、印刷费、邮电费、差旅费、会议费、福利费、日常维修费、专用材料及一般设备购置费、办公用房水电费、办公用房取暖费、办公用房物业管理费、公务用车运行维护费以及其他费用。"),
];

/// 反映… definitions by 功能分类 code (《2024年政府收支分类科目》, as printed in published disclosures).
const BY_CODE: &[(&str, &str)] = &[
    ("2050303", "反映人力资源社会保障部门举办的技校教育支出。"),
    ("2059999", "反映除上述项目以外其他用于教育方面的支出。"),
    ("2060299", "反映其他用于基础研究工作的支出。"),
    ("20801", "反映人力资源和社会保障管理事务支出。"),
    ("2080104", "反映人力资源和社会保障管理方面综合性管理事务支出。"),
    ("2080105", "反映劳动保障监察事务支出。"),
    ("2080107", "反映社会保险业务管理基金监督方面的支出。"),
    ("2080108", "反映人力资源和社会保障部门用于信息化建设、运行维护和数据分析等方面的支出。"),
    ("2080111", "反映公共就业服务和职业技能鉴定机构的支出。"),
    ("2080112", "反映仲裁机构实体化建设、办案经费、调解仲裁能力建设等支出。"),
    ("2080199", "反映除上述项目以外其他用于人力资源和社会保障管理事务方面的支出。"),
    ("2080501", "反映行政单位开支的离退休经费。"),
    ("2080502", "反映事业单位开支的离退休经费。"),
    ("2080505", "反映机关事业单位实施养老保险制度由单位缴纳的基本养老保险支出。"),
    ("2080506", "反映机关事业单位实施养老保险制度由单位实际缴纳的职业年金支出。"),
    ("2080701", "反映财政用于支持加强公共就业服务机构提升创业服务能力和向社会力量购买就业创业服务成果的补助支出。"),
    ("2080799", "反映除上述项以外按规定确定的其他用于促进就业的补助支出。"),
    ("2080801", "反映按规定用于烈士和牺牲、病故人员家属的一次性和定期抚恤金、丧葬补助费以及烈士褒扬金。"),
    ("2082501", "反映除最低生活保障、临时救助、特困人员救助供养外，用于城市生活困难居民生活救助的其他支出。"),
    ("2089999", "反映除上述项目以外其他用于社会保障和就业方面的支出。"),
    ("2101101", "反映财政部门安排的行政单位（包括实行公务员管理的事业单位）基本医疗保险缴费经费。"),
    ("2101102", "反映财政部门安排的事业单位基本医疗保险缴费经费。"),
    ("2210201", "反映行政事业单位按人力资源和社会保障部、财政部规定的基本工资和津贴补贴以及规定比例为职工缴纳的住房公积金。"),
];

/// Definitions of 项 that mean the same under every 款 (by name).
const BY_NAME: &[(&str, &str)] = &[
    ("行政运行", "反映行政单位的基本支出。"),
    (
        "一般行政管理事务",
        "反映行政单位未单独设置项级科目的其他项目支出。",
    ),
    (
        "机关服务",
        "反映为行政单位提供后勤服务的各类后勤服务中心的支出。",
    ),
    (
        "事业运行",
        "反映事业单位的基本支出，不包括行政单位后勤服务中心等附属事业单位。",
    ),
    (
        "住房公积金",
        "反映行政事业单位按人力资源和社会保障部、财政部规定的基本工资和津贴补贴以及规定比例为职工缴纳的住房公积金。",
    ),
    (
        "提租补贴",
        "反映按房改政策规定的标准，行政事业单位向职工（含离退休人员）发放的租金补贴。",
    ),
    (
        "购房补贴",
        "反映按房改政策规定，行政事业单位向符合条件职工（含离退休人员）、军队（含武警）向转役复员离退休人员发放的用于购买住房的补贴。",
    ),
    ("公务员医疗补助", "反映财政部门安排的公务员医疗补助经费。"),
];

/// The 反映… definition of a code, if the reference has one. A 项 "其他X支出"
/// coded …99 is defined the way the classification defines every such
/// catch-all: "反映除上述项目以外其他用于X方面的支出。"
pub fn definition(code: &str, name: &str) -> Option<String> {
    let known = BY_CODE
        .iter()
        .find(|(c, _)| *c == code)
        .or_else(|| {
            (code.len() == 7)
                .then(|| BY_NAME.iter().find(|(n, _)| *n == name))
                .flatten()
        })
        .map(|(_, d)| d.to_string());
    known.or_else(|| {
        let what = name.strip_prefix("其他")?.strip_suffix("支出")?;
        (code.len() == 7 && code.ends_with("99") && !what.is_empty())
            .then(|| format!("反映除上述项目以外其他用于{what}方面的支出。"))
    })
}

/// Every 功能分类 code the report prints (T02, T03, T05, T07, T08), sorted.
pub fn used_codes(report: &Report) -> Vec<String> {
    let mut codes: Vec<String> = [
        TableId::T02,
        TableId::T03,
        TableId::T05,
        TableId::T07,
        TableId::T08,
    ]
    .iter()
    .filter_map(|id| report.table(*id))
    .flat_map(|t| t.rows.iter().filter_map(|r| r.code.clone()))
    .collect();
    codes.sort();
    codes.dedup();
    codes
}

/// The glossary blocks.
pub fn blocks(report: &Report) -> Vec<Block> {
    let mut out = Vec::new();
    let mut n = 0;
    for (term, def) in TERMS {
        n += 1;
        out.push(Block::Paragraph(format!("{}{term}：{def}", ordinal(n))));
    }
    let codes = used_codes(report);
    let name =
        |c: &str| code_name(report, c).unwrap_or_else(|| placeholder(&format!("{c} 科目名称")));
    let def = |c: &str, nm: &str| {
        definition(c, nm).unwrap_or_else(|| placeholder(&format!("{nm}科目说明")))
    };
    for class in codes.iter().filter(|c| c.len() == 3) {
        n += 1;
        out.push(Block::Paragraph(format!(
            "{}{}（类）",
            ordinal(n),
            name(class)
        )));
        let mut k = 0;
        for kuan in codes
            .iter()
            .filter(|c| c.len() == 5 && c.starts_with(class.as_str()))
        {
            k += 1;
            let kn = name(kuan);
            match definition(kuan, &kn) {
                Some(d) => out.push(Block::Paragraph(format!("{k}.{kn}（款）：{d}"))),
                None => out.push(Block::Paragraph(format!("{k}.{kn}（款）"))),
            }
            let mut j = 0;
            for xiang in codes
                .iter()
                .filter(|c| c.len() == 7 && c.starts_with(kuan.as_str()))
            {
                j += 1;
                let xn = name(xiang);
                out.push(Block::Paragraph(format!(
                    "（{j}）{xn}（项）：{}",
                    def(xiang, &xn)
                )));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::definition;

    #[test]
    fn catch_all_items_and_names() {
        assert_eq!(
            definition("2080599", "其他行政事业单位养老支出").as_deref(),
            Some("反映除上述项目以外其他用于行政事业单位养老方面的支出。")
        );
        // The code table wins over the pattern.
        assert_eq!(
            definition("2080199", "其他人力资源和社会保障管理事务支出").as_deref(),
            Some("反映除上述项目以外其他用于人力资源和社会保障管理事务方面的支出。")
        );
        // Only a 项 coded …99 is a catch-all; a 款 is not defined this way.
        assert_eq!(definition("2080702", "其他补贴支出"), None);
        assert_eq!(definition("20899", "其他社会保障和就业支出"), None);
        assert!(
            definition("2210203", "购房补贴").is_some_and(|d| d.starts_with("反映按房改政策规定"))
        );
    }
}
