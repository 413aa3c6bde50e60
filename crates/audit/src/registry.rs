//! The registry: every rule and check an audit runs, each under an id no
//! other rule or check has. The built-in rulebooks are shipped in the
//! binary (`src/rulebook/*.rules`); users add their own files.

use crate::check::Check;
use crate::checks::{
    code_names, completeness, funds, generic, narrative, negative, notes, ocr, of_which,
    performance, performance_facts, presence, sentence_sums, text_consistency, units, unread_rows,
};
use crate::lang::{parse_book, ParseError, Rule, Severity};
use juesuan_model::Family;

/// The built-in rulebooks: (name reported in errors, text).
const BUILTIN: [(&str, &str); 2] = [
    (
        "builtin:central.rules",
        include_str!("rulebook/central.rules"),
    ),
    (
        "builtin:university.rules",
        include_str!("rulebook/university.rules"),
    ),
];

/// The families whose 情况说明 follows the 第三部分 scheme of the central
/// template (一 收入支出决算总体情况 … 十一 其他重要事项), as the
/// narrative rules of `central.rules` are scoped.
const THIRD_PART: &[Family] = &[Family::Central, Family::Shanghai, Family::Unit13];

/// Every check, in the order they run.
const CHECKS: &[Check] = &[
    Check {
        id: "tables.present",
        severity: Severity::Error,
        message: "本模板规定的决算公开表应全部公开",
        doc: "本报告所属模板（中央、上海、高等学校、13 张表单位决算）规定的每一张决算公开表都应出现在报告中，缺一张报一条（注明该表在本模板中的表号）；无数据的表也应公开空表并说明。模板未能识别时不适用。",
        families: &[],
        run: presence::run,
    },
    Check {
        id: "tables.unit",
        severity: Severity::Warning,
        message: "各表金额单位应一致",
        doc: "每张表的金额单位应与报告的金额单位相同（如元与万元混用），单位不同的表各报一条。核对时金额均已换算为万元，不影响其他审核公式。",
        families: &[],
        run: units::run,
    },
    Check {
        id: "tables.empty_note",
        severity: Severity::Error,
        message: "空表应附“没有…/本表无数据”的说明，有数据的表不应附此说明",
        doc: "政府性基金、国有资本经营预算、“三公”经费各表（公开07、08、09表）以及 13 张表单位决算的表9、表12 中，各单元格均为空或为 0 的表应附“本单位没有…，故本表无数据”之类的说明；填有非零金额的表不应附这类说明。",
        families: &[],
        run: notes::run,
    },
    Check {
        id: "funds.empty_iff",
        severity: Severity::Error,
        message: "公开04表政府性基金、国有资本经营预算栏为空，当且仅当公开07、08表为空",
        doc: "政府性基金（公开07表）、国有资本经营预算（公开08表）各自核对：公开04表该资金的支出栏或收入行有非零金额，当且仅当对应的 07/08 表有非零金额；一方有数、另一方为空即报错。报告中没有该表时不核对。",
        families: &[],
        run: funds::run,
    },
    Check {
        id: "amounts.negative",
        severity: Severity::Warning,
        message: "金额为负数，请核实",
        doc: "表中每个为负数的金额报一条警告：决算表的金额一般不为负，请核实是否填报或识读有误。",
        families: &[],
        run: negative::run,
    },
    Check {
        id: "amounts.of_which",
        severity: Severity::Error,
        message: "其中数不应大于其所属项",
        doc: "“其中”数不大于其所属项：“其中：…”栏（如高等学校收入决算表的教育收费属于事业收入、表 4 的基本建设资金支出属于项目支出）逐行不大于所属栏；“其中：…”行（如收支决算总表的捐赠收入属于其他收入）逐栏不大于所属行。超出在尾数误差之内为提示。",
        families: &[],
        run: of_which::run,
    },
    Check {
        id: "tables.generic_sums",
        severity: Severity::Error,
        message: "按表头读取的表中，类应等于其下级科目之和，合计应等于各类之和",
        doc: "只按表头读取、不属于已知表式的表：逐栏核对合计行 = 各类之和，类 = 其下各款之和（未列款时为其下各项之和），款 = 其下各项之和；含义不确定的栏间关系不核对。",
        families: &[],
        run: generic::run,
    },
    Check {
        id: "names.functional",
        severity: Severity::Error,
        message: "科目名称应与支出功能分类科目代码一致",
        doc: "按支出功能分类列科目的表（公开02、03、05、07、08表及 T10–T14 各表）中每个类、款、项的科目名称，应与报告年度支出功能分类参考表中该科目代码的名称一致（不计空格和序号，括号、引号不分全半角）；参考表未收录的代码报提示，不核对。",
        families: &[],
        run: code_names::functional,
    },
    Check {
        id: "names.economic",
        severity: Severity::Error,
        message: "科目名称应与部门预算支出经济分类科目代码一致",
        doc: "公开06表中每个经济分类科目的名称，应与报告年度部门预算支出经济分类参考表中该科目代码的名称一致（不计空格和序号，括号、引号不分全半角）；参考表未收录的代码报提示，不核对。",
        families: &[],
        run: code_names::economic,
    },
    Check {
        id: "names.across_tables",
        severity: Severity::Error,
        message: "同一科目代码在各表中的名称应相同",
        doc: "参考表未收录的功能分类科目代码，若出现在多张表（公开02、03、05、07、08表及 T10–T14 各表）中，各表所印名称应相同（与最先列出它的表比较）；参考表已收录的代码由 names.functional 核对。",
        families: &[],
        run: code_names::across_tables,
    },
    Check {
        id: "narrative.direction",
        severity: Severity::Error,
        message: "“决算数大于／小于／持平预算数”的表述应与金额相符",
        doc: "情况说明同一段先述预算数、后述决算数时，所称“决算数大于（高于、超过）/小于（低于）/持平（等于）预算数”应与两数的实际大小相符。",
        families: &[],
        run: narrative::direction,
    },
    Check {
        id: "narrative.zero_budget",
        severity: Severity::Error,
        message: "预算数为零时不应计算完成预算的百分比",
        doc: "情况说明中完成预算的百分比所对应的预算数（同段之前所述）为 0 时报错：以零为分母的完成率没有意义。",
        families: &[],
        run: narrative::zero_budget,
    },
    Check {
        id: "narrative.item_codes",
        severity: Severity::Error,
        message: "情况说明五（三）各项所列“类、款、项”科目名称应与科目代码相符",
        doc: "情况说明五（三）每一编号项应按“X（类）Y（款）Z（项）”写明科目，且三级名称应能在公开05表或报告年度支出功能分类科目中找到对应的科目代码；未按此格式写明为警告，参考表不全时找不到也只报警告。",
        families: THIRD_PART,
        run: narrative::item_codes,
    },
    Check {
        id: "narrative.wording",
        severity: Severity::Warning,
        message: "增减表述有误",
        doc: "情况说明中把相反的增减方向连写在一起（如“增降低”“增减少”“减增加”“降增长”）报警告：应只写其中一个方向。",
        families: &[],
        run: narrative::wording,
    },
    Check {
        id: "performance.paragraphs",
        severity: Severity::Error,
        message: "绩效自评结果段落应与项目支出绩效自评表一致",
        doc: "情况说明十（二）每个项目的绩效自评段落，按项目名称对应到项目支出绩效自评表（名称对不上而段落数与表数相同时按顺序对应，并报警告）：所述自评得分、全年预算数、执行数、完成预算的百分比应与该表总分及年度资金总额的全年预算数、全年执行数、执行率一致（按所印精度四舍五入比较）；表中有而段落未写明的报警告。",
        families: &[],
        run: performance::paragraphs,
    },
    Check {
        id: "performance.deviation_reason",
        severity: Severity::Warning,
        message: "未完成年度指标值的绩效指标应说明偏差原因",
        doc: "项目支出绩效自评表中，年度指标值带比较符（≥、≤、= 等）且与实际完成值同单位的数值指标，实际完成值未达到年度指标值时，应填写偏差原因；无比较符、非数值或单位不同的指标无法比较，计为数据不足。",
        families: &[],
        run: performance::deviations,
    },
    Check {
        id: "narrative.sections",
        severity: Severity::Error,
        message: "情况说明应包含规定的各部分",
        doc: "情况说明（第三部分）应有规定的各节：一 收入支出决算总体情况至九 “三公”经费，缺少为错误；十 预算绩效管理（绩效评价）、十一 其他重要事项，缺少为警告；十一中还应说明机关运行经费、政府采购、国有资产占用（车辆、大型设备），缺少为警告。报告没有第三部分时报错。",
        families: THIRD_PART,
        run: completeness::sections,
    },
    Check {
        id: "narrative.sangong_details",
        severity: Severity::Warning,
        message: "“三公”经费情况说明应列明团组数、人次、车辆购置数和保有量、接待批次和人次",
        doc: "情况说明“三公”经费一节应写明因公出国（境）团组数和人次、公务用车购置数和保有量、公务接待批次（或团组）和人次，缺一项报一条；该节声明无“三公”经费时不适用。",
        families: THIRD_PART,
        run: completeness::sangong_details,
    },
    Check {
        id: "glossary.present",
        severity: Severity::Warning,
        message: "决算公开应包含名词解释",
        doc: "报告应包含第四部分名词解释（对所用科目等的解释），没有则报警告。",
        families: &[],
        run: completeness::glossary,
    },
    Check {
        id: "text.placeholders",
        severity: Severity::Error,
        message: "公开文本不应留有模板占位文字",
        doc: "全文（封面、目录、各部分标题、表名、情况说明、绩效自评表、名词解释）不应留有模板占位文字，如“XX”“【】”“某某”“××”“待填写”“请填写”“（略）”“增加（减少）”“大于（小于）”“主要原因是：。”，每处报一条。",
        families: &[],
        run: completeness::placeholders,
    },
    Check {
        id: "text.punctuation",
        severity: Severity::Warning,
        message: "标点使用有误",
        doc: "全文（含标题与名词解释）重复或连用的标点（“。。”“，，”“；；”“；。”“，。”“。，”“、、”“：。”），每处报一条警告。",
        families: &[],
        run: completeness::punctuation,
    },
    Check {
        id: "text.heading_year",
        severity: Severity::Error,
        message: "标题中的年度应为报告年度",
        doc: "情况说明各标题、各部分标题、表名和目录中出现的四位数年度应为报告年度，不同即报错；未能识别报告年度时不核对。",
        families: &[],
        run: completeness::heading_years,
    },
    Check {
        id: "performance.indicator_unit",
        severity: Severity::Error,
        message: "绩效指标的金额单位应与资金单位相符",
        doc: "绩效自评表中以金额计的指标（年度指标值或实际完成值）：以“元”计而数值恰等于本表年度资金总额（年初预算数、全年预算数或全年执行数，单位万元）的，或以“万元”计而数值恰为其一万倍的，是单位写错（如 33 万元的项目写成“=33元”），报错。人均、单价、每…、标准等按单位计的成本不核对。",
        families: &[],
        run: performance_facts::indicator_units,
    },
    Check {
        id: "performance.implementer",
        severity: Severity::Warning,
        message: "绩效自评表的实施单位应为部门决算单位构成中的单位",
        doc: "每张项目支出绩效自评表的实施单位应是第一部分“部门决算单位构成”列出的单位之一（或部门本身、本级），写法相同（空格、全半角括号、序号不计）。不在其中的报警告，并给出名单中最接近的名称。未能读出单位构成时不核对。",
        families: &[],
        run: performance_facts::implementers,
    },
    Check {
        id: "text.sum_parts",
        severity: Severity::Warning,
        message: "句中所列各部分之和应与总数相符",
        doc: "全文（情况说明、绩效自评表及其他文字）逐句核对总数与其组成：数量后括号内列出的各部分（如“138 人（机关 78 人，事业单位 60 人）”）之和应等于该数量（括号中有“主要、等、包括、含”时不超过即可）；“其中／包括”后列出的同单位各部分之和不应超过其前面的总数；各部分之和恰等于总数、且总数与各部分都按同一口径分列（如都分机关、事业单位）时，同一口径的各部分之和应等于总数中的该项。带“约、余、以上”等约数词的数字，以及“比上年增加、占、完成”等比较性数字不参与求和。计数（人、个、辆）按整数精确比较，金额按所印精度的尾数误差比较。",
        families: &[],
        run: sentence_sums::sentence_sums,
    },
    Check {
        id: "text.date_year",
        severity: Severity::Error,
        message: "截至日期的年度应为报告年度",
        doc: "资产、车辆等“截至…年12月31日（年末、年底）”的时点应为报告年度的年末，不同即报错；句中未提资产、车辆、房屋、设备、土地（如绩效自评表回顾以往进度）的报警告；同一句中对比两个时点的不核对。全文核对（情况说明、绩效自评表及其他文字）。未能识别报告年度时不核对。",
        families: &[],
        run: text_consistency::date_years,
    },
    Check {
        id: "text.contents",
        severity: Severity::Warning,
        message: "目录与正文的部分标题应一致",
        doc: "“第…部分”标题在目录中第一次出现的写法与正文中的写法应一致（去掉空格、标点、目录的引导点和页码；正文标题折行时只比较印出的部分），不一致的每处报一条警告。",
        families: &[],
        run: text_consistency::contents,
    },
    Check {
        id: "text.level",
        severity: Severity::Warning,
        message: "“我省／我市／我区／我县”应与部门的层级相符",
        doc: "由部门名称开头的地名判断部门层级（省、自治区、直辖市为省级，市为市级，区、县为区县级），文中称呼低于本部门层级的“我市／我区／我县”（如省级部门称“我市”）的每处报一条警告；称呼上级（市级部门称“我省”）不报。部门名称不以地名开头时不核对。",
        families: &[],
        run: text_consistency::level_words,
    },
    Check {
        id: "read.unread_rows",
        severity: Severity::Warning,
        message: "表中有金额未能读取",
        doc: "表格中印有金额、但读取时无法归入任何一行的（如扫描件的科目代码识读不全、一行的单元格无法分开），每个金额报一条警告，指向其所在的页和行；该表可能因此缺行，凡对该表两行以上求和、或读到该表所缺之行的公式不成立时，按疑似识读问题报警告而不报错误。",
        families: &[],
        run: unread_rows::run,
    },
    Check {
        id: "ocr.review",
        severity: Severity::Warning,
        message: "请核对识别结果",
        doc: "经文字识别（OCR）读取、且处在不成立（或差在尾数误差之内）公式中的单元格：若按常见误识（斑点识为负号；丢失小数点或小数点识为逗号；1↔7、2↔7、3↔8、5↔6、0↔8；置信度低于 80 时任一位数字、丢失的负号或数字、多出的数字）改正后，其所在公式的差异消除（或由错误降为尾数误差），且不使任何公式变差，则报警告，给出修复最多的候选值，请人工核对；数值本身不改。没有 OCR 读取的数值时不适用。",
        families: &[],
        run: ocr::run,
    },
    Check {
        id: crate::reading::CHOSEN_RULE,
        severity: Severity::Info,
        message: "按恒等式选定读数",
        doc: "经文字识别（OCR）读取、处在不成立公式中的单元格，若在常见误识的候选读数中恰有一个使该单元格所在的全部公式（至少两个，如行与列）成立、且不使任何公式变差，则取该读数，并在模型中记下识读原文、置信度和据以选定的公式；本项对每个这样的单元格报一条提示。候选读数不止一个或只使部分公式成立时不选定，仍按 ocr.review 报警告。没有 OCR 读取的数值时不适用。",
        families: &[],
        run: ocr::chosen,
    },
];

/// An error loading a rulebook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RulebookError {
    /// Syntax errors, each with its line and column.
    Syntax(Vec<ParseError>),
    /// A rule id defined twice (the second definition's place).
    Duplicate {
        /// The id.
        id: String,
        /// Rulebook name and line of the second definition.
        at: (String, u32),
        /// Rulebook name and line of the first definition (or the check list).
        first: (String, u32),
    },
    /// A `set` line or a configuration names no rule or check.
    Unknown {
        /// The id.
        id: String,
        /// Rulebook name and line (empty for a configuration).
        at: (String, u32),
    },
    /// The rulebook file could not be read.
    Io {
        /// The file.
        file: String,
        /// The reason.
        reason: String,
    },
}

impl std::fmt::Display for RulebookError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RulebookError::Syntax(errs) => {
                for (i, e) in errs.iter().enumerate() {
                    if i > 0 {
                        writeln!(f)?;
                    }
                    write!(f, "{e}")?;
                }
                Ok(())
            }
            RulebookError::Duplicate { id, at, first } if first.1 == 0 => write!(
                f,
                "{}:{}: 规则编号“{id}”重复（已是内置检查项 {} 的编号）",
                at.0, at.1, first.0
            ),
            RulebookError::Duplicate { id, at, first } => write!(
                f,
                "{}:{}: 规则编号“{id}”重复（已在 {}:{} 定义）",
                at.0, at.1, first.0, first.1
            ),
            RulebookError::Unknown { id, at } if at.0.is_empty() => {
                write!(f, "没有编号为 {id} 的规则或检查")
            }
            RulebookError::Unknown { id, at } => {
                write!(f, "{}:{}: 没有编号为 {id} 的规则或检查", at.0, at.1)
            }
            RulebookError::Io { file, reason } => write!(f, "{file}: 无法读取规则文件：{reason}"),
        }
    }
}

impl std::error::Error for RulebookError {}

/// The rules and checks to run, in order, with the rulebooks' versions.
#[derive(Debug, Clone)]
pub struct Rulebook {
    /// The formula rules.
    pub rules: Vec<Rule>,
    /// `(name, version)` of each loaded rulebook.
    pub versions: Vec<(String, String)>,
    /// The checks that are not formulas.
    checks: &'static [Check],
    /// Rules turned off (`None`) or re-graded by `set` lines or a
    /// configuration, the last word for an id winning.
    settings: Vec<(String, Option<Severity>)>,
}

impl Default for Rulebook {
    /// No rule, every built-in check.
    fn default() -> Rulebook {
        Rulebook {
            rules: Vec::new(),
            versions: Vec::new(),
            checks: CHECKS,
            settings: Vec::new(),
        }
    }
}

/// One entry of the rulebook's catalogue: a formula rule or a check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleInfo {
    /// The id findings carry.
    pub id: String,
    /// The severity of a failure beyond rounding.
    pub severity: Severity,
    /// The one-line Chinese message.
    pub message: String,
    /// The rule's `##` explanation (empty when it has none).
    pub doc: String,
    /// Where it is written: `builtin:central.rules:123`, or `check` for the
    /// checks that are not formulas.
    pub origin: String,
}

impl Rulebook {
    /// Every rule and check, rules in rulebook order then the checks.
    pub fn catalogue(&self) -> Vec<RuleInfo> {
        let rules = self.rules.iter().map(|r| RuleInfo {
            id: r.id.clone(),
            severity: r.severity,
            message: r.message.clone(),
            doc: r.doc.clone(),
            origin: format!("{}:{}", r.origin.0, r.origin.1),
        });
        let checks = self.checks.iter().map(|c| RuleInfo {
            id: c.id.to_string(),
            severity: c.severity,
            message: c.message.to_string(),
            doc: c.doc.to_string(),
            origin: "check".to_string(),
        });
        rules.chain(checks).collect()
    }

    /// The built-in rulebooks and checks.
    ///
    /// Parsed once per process: a batch (or a server) audits many reports
    /// with the same rules.
    pub fn builtin() -> Result<Rulebook, RulebookError> {
        static PARSED: std::sync::OnceLock<Result<Rulebook, RulebookError>> =
            std::sync::OnceLock::new();
        PARSED
            .get_or_init(|| {
                let mut book = Rulebook::default();
                for (name, text) in BUILTIN {
                    book.add_text(name, text)?;
                }
                Ok(book)
            })
            .clone()
    }

    /// Adds the rules of a rulebook text; their ids must be new to the
    /// registry (rules and checks alike).
    pub fn add_text(&mut self, name: &str, text: &str) -> Result<(), RulebookError> {
        let parsed = parse_book(name, text).map_err(RulebookError::Syntax)?;
        for rule in parsed.rules {
            if let Some(first) = self.defined(&rule.id) {
                return Err(RulebookError::Duplicate {
                    id: rule.id.clone(),
                    at: rule.origin.clone(),
                    first,
                });
            }
            self.rules.push(rule);
        }
        for (id, severity, line) in parsed.settings {
            self.set(&id, severity)
                .map_err(|_| RulebookError::Unknown {
                    id,
                    at: (name.to_string(), line),
                })?;
        }
        if let Some(h) = parsed.header {
            self.versions.push(h);
        }
        Ok(())
    }

    /// Turns a rule or check off (`None`) or gives its failures beyond
    /// rounding another severity. Differences within rounding stay 提示,
    /// and findings shaped like reading artefacts stay 疑似识读问题.
    pub fn set(&mut self, id: &str, severity: Option<Severity>) -> Result<(), RulebookError> {
        if self.defined(id).is_none() {
            return Err(RulebookError::Unknown {
                id: id.to_string(),
                at: (String::new(), 0),
            });
        }
        self.settings.retain(|(i, _)| i != id);
        self.settings.push((id.to_string(), severity));
        Ok(())
    }

    /// The setting for `id`: `None` when none was made, `Some(None)` when
    /// the rule is off, `Some(Some(s))` when re-graded.
    pub fn setting(&self, id: &str) -> Option<Option<Severity>> {
        self.settings.iter().find(|(i, _)| i == id).map(|(_, s)| *s)
    }

    /// Adds a user rulebook file.
    pub fn add_file(&mut self, path: &std::path::Path) -> Result<(), RulebookError> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| RulebookError::Io {
            file: name.clone(),
            reason: e.to_string(),
        })?;
        self.add_text(&name, &text)
    }

    /// The checks that are not formulas, in the order they run.
    pub(crate) fn checks(&self) -> &'static [Check] {
        self.checks
    }

    /// Where `id` is defined already: a rule's origin, or `(check id, 0)`
    /// for a check.
    fn defined(&self, id: &str) -> Option<(String, u32)> {
        if let Some(r) = self.rules.iter().find(|r| r.id == id) {
            return Some(r.origin.clone());
        }
        self.checks
            .iter()
            .find(|c| c.id == id)
            .map(|c| (c.id.to_string(), 0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_parses_with_unique_ids_and_versions() {
        let book = match Rulebook::builtin() {
            Ok(b) => b,
            Err(e) => panic!("{e}"),
        };
        assert!(book.rules.len() >= 50, "{}", book.rules.len());
        assert_eq!(
            book.versions,
            vec![
                ("central".into(), "2024.2".into()),
                ("university".into(), "2024.1".into())
            ]
        );
        let mut ids: Vec<&str> = book.rules.iter().map(|r| r.id.as_str()).collect();
        ids.extend(book.checks().iter().map(|c| c.id));
        let n = ids.len();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), n, "duplicate ids among the rules and checks");
    }

    #[test]
    fn every_builtin_rule_and_check_is_documented() {
        let book = match Rulebook::builtin() {
            Ok(b) => b,
            Err(e) => panic!("{e}"),
        };
        let catalogue = book.catalogue();
        assert_eq!(catalogue.len(), book.rules.len() + book.checks().len());
        let undocumented: Vec<&str> = catalogue
            .iter()
            .filter(|r| r.doc.trim().is_empty())
            .map(|r| r.id.as_str())
            .collect();
        assert!(undocumented.is_empty(), "no doc: {undocumented:?}");
        // A check's explanation is its own, not a copy of its message.
        for c in book.checks() {
            assert_ne!(c.doc, c.message, "{}", c.id);
        }
    }

    #[test]
    fn duplicate_ids_are_rejected() {
        let mut book = Rulebook::builtin().unwrap();
        let err = book
            .add_text(
                "user.rules",
                "T01.balance error \"m\" T01[总计, 收入决算数] = 0\n",
            )
            .unwrap_err();
        assert!(matches!(err, RulebookError::Duplicate { .. }));
        assert!(err.to_string().contains("user.rules:1"), "{err}");
        assert!(err.to_string().contains("central.rules:"), "{err}");
        let err = book
            .add_text(
                "user.rules",
                "\nnames.functional error \"m\" T01[总计, 收入决算数] = 0\n",
            )
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "user.rules:2: 规则编号“names.functional”重复（已是内置检查项 names.functional 的编号）"
        );
    }

    #[test]
    fn user_rules_are_added_for_every_family() {
        let mut book = Rulebook::builtin().unwrap();
        let n = book.rules.len();
        book.add_text(
            "u",
            "rulebook mine 1\nU.one warning \"m\" T01[总计, 收入决算数] <= 100\n",
        )
        .unwrap();
        assert_eq!(book.rules.len(), n + 1);
        let added = &book.rules[n];
        for f in Family::ALL {
            assert!(added.scope.includes(f), "{f}");
        }
        let err = book.add_text("u", "U.two warning \"m\" T01[总计 收入决算数] <= 100\n");
        let Err(RulebookError::Syntax(e)) = err else {
            panic!()
        };
        assert_eq!((e[0].line, e[0].col), (1, 26));
    }

    #[test]
    fn builtin_rules_are_scoped_by_family() {
        let book = Rulebook::builtin().unwrap();
        let scope = |id: &str| {
            &book
                .rules
                .iter()
                .find(|r| r.id == id)
                .unwrap_or_else(|| panic!("{id}"))
                .scope
        };
        for id in ["T01.income_total", "X.T01_T02.income", "N2.income_total"] {
            assert!(scope(id).includes(Family::Shanghai), "{id}");
            assert!(!scope(id).includes(Family::University), "{id}");
        }
        for id in ["T02.row_sum", "T05.hierarchy", "P.rate", "T11.hierarchy"] {
            assert!(scope(id).includes(Family::University), "{id}");
            assert!(scope(id).includes(Family::Unknown), "{id}");
        }
        assert!(scope("U.T01.income_total").includes(Family::University));
        assert!(!scope("U.T01.income_total").includes(Family::Central));
    }
}
