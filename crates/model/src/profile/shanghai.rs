//! The Shanghai order of the nine tables (also Hubei, Guangdong, Shaanxi).
//!
//! Source: 上海市 2024 年部门决算公开模板 (tests/data/shanghai-2024-final-accounts-template.pdf)
//! and the 普陀区财政局 / 社会工作部 2024 reports printed from it: 三公 is 表7,
//! 基金 表8, 国资 表9 (a 收入支出 table); 公开05表 has no 人员/公用 columns and
//! prints 合计 last; the 三公 table alternates 预算数 and 决算数.

use super::central;
use super::{Family, Profile, TableSpec};
use crate::table::TableId;

const CENTRAL: &[TableSpec] = central::PROFILE.tables;

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
        // 表1–表6 as the central set prints them, but 公开05表 without the
        // 人员/公用经费 columns.
        CENTRAL[0],
        CENTRAL[1],
        CENTRAL[2],
        CENTRAL[3],
        TableSpec {
            id: TableId::T05,
            number: 5,
            titles: central::T05,
            layout: &["合计", "基本支出", "项目支出"],
        },
        CENTRAL[5],
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
            number: 8,
            ..CENTRAL[6]
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
