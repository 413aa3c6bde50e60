//! The Shanghai order of the nine tables (also Hubei, Guangdong, Shaanxi).
//!
//! Source: 上海市 2024 年部门决算公开模板 (tests/data/shanghai-2024-final-accounts-template.pdf)
//! and the 普陀区财政局 / 社会工作部 2024 reports printed from it: 三公 is 表7,
//! 基金 表8, 国资 表9 (a 收入支出 table); 公开05表 has no 人员/公用 columns and
//! prints 合计 last; the 三公 table alternates 预算数 and 决算数.

use super::central;
use super::{Family, Profile, TableSpec};
use crate::table::TableId;

pub(super) const T08_LAYOUT: &[&str] = &[
    "年初结转和结余",
    "本年收入",
    "合计",
    "基本支出",
    "项目支出",
    "年末结转和结余",
];

pub(super) const PROFILE: Profile = Profile {
    family: Family::Shanghai,
    name: "上海格式部门决算（9 张表，“三公”为表7）",
    source: "上海市 2024 年部门决算公开模板；上海市普陀区财政局、区委社会工作部 2024 年度部门决算",
    tables: &[
        TableSpec {
            id: TableId::T01,
            number: 1,
            titles: central::T01,
            layout: &["收入决算数", "支出决算数"],
        },
        TableSpec {
            id: TableId::T02,
            number: 2,
            titles: central::T02,
            layout: &[
                "本年收入合计",
                "财政拨款收入",
                "上级补助收入",
                "事业收入",
                "经营收入",
                "附属单位上缴收入",
                "其他收入",
            ],
        },
        TableSpec {
            id: TableId::T03,
            number: 3,
            titles: central::T03,
            layout: &[
                "本年支出合计",
                "基本支出",
                "项目支出",
                "上缴上级支出",
                "经营支出",
                "对附属单位补助支出",
            ],
        },
        TableSpec {
            id: TableId::T04,
            number: 4,
            titles: central::T04,
            layout: &[
                "收入决算数",
                "支出合计",
                "一般公共预算财政拨款",
                "政府性基金预算财政拨款",
                "国有资本经营预算财政拨款",
            ],
        },
        TableSpec {
            id: TableId::T05,
            number: 5,
            titles: central::T05,
            layout: &["合计", "基本支出", "项目支出"],
        },
        TableSpec {
            id: TableId::T06,
            number: 6,
            titles: central::T06,
            layout: &["决算数"],
        },
        TableSpec {
            id: TableId::T09,
            number: 7,
            titles: central::T09,
            layout: &[
                "预算数/合计",
                "决算数/合计",
                "预算数/因公出国（境）费",
                "决算数/因公出国（境）费",
                "预算数/公务用车购置及运行维护费",
                "决算数/公务用车购置及运行维护费",
                "预算数/公务用车购置费",
                "决算数/公务用车购置费",
                "预算数/公务用车运行维护费",
                "决算数/公务用车运行维护费",
                "预算数/公务接待费",
                "决算数/公务接待费",
            ],
        },
        TableSpec {
            id: TableId::T07,
            number: 8,
            titles: central::T07,
            layout: &[
                "年初结转和结余",
                "本年收入",
                "本年支出",
                "基本支出",
                "项目支出",
                "年末结转和结余",
            ],
        },
        TableSpec {
            id: TableId::T08,
            number: 9,
            titles: central::T08,
            layout: T08_LAYOUT,
        },
    ],
    t09_interleaved: true,
};
