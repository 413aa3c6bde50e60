//! Central and provincial 部门决算 (公开01–09表).
//!
//! Source: the Ministry of Finance's 部门决算公开 table set as printed by
//! central and provincial departments, e.g. the 2024 决算 of
//! 吉林省人力资源和社会保障厅 (tests/data/jilin-hrss-2024-final-accounts.txt),
//! and the table list of the county template published by
//! 岳阳经济技术开发区 (yykfq.yueyang.gov.cn, content_2126229). The column
//! orders are those of the printed 栏次.

use super::{Family, Profile, TableSpec};
use crate::table::TableId;

/// Title endings shared by the families that print the nine tables.
pub(super) const T01: &[&str] = &["收入支出决算总表"];
pub(super) const T02: &[&str] = &["收入决算表"];
pub(super) const T03: &[&str] = &["支出决算表"];
pub(super) const T04: &[&str] = &["财政拨款收入支出决算总表"];
pub(super) const T05: &[&str] = &[
    "一般公共预算财政拨款支出决算表",
    "一般公共预算财政拨款收入支出决算表",
];
pub(super) const T06: &[&str] = &[
    "一般公共预算财政拨款基本支出决算明细表",
    "一般公共预算财政拨款基本支出决算表",
    "基本支出决算明细表",
];
pub(super) const T07: &[&str] = &[
    "政府性基金预算财政拨款收入支出决算表",
    "政府性基金预算财政拨款支出决算表",
];
pub(super) const T08: &[&str] = &[
    "国有资本经营预算财政拨款支出决算表",
    "国有资本经营预算财政拨款收入支出决算表",
];
pub(super) const T09: &[&str] = &[
    "\"三公\"经费支出决算表",
    "\"三公\"经费及会议费、培训费支出决算表",
    "\"三公\"经费、会议费、培训费支出决算表",
];

pub(super) const PROFILE: Profile = Profile {
    family: Family::Central,
    name: "中央及省级部门决算（9 张表）",
    source: "财政部部门决算公开格式（公开01–09表），如吉林省人力资源和社会保障厅 2024 年度部门决算",
    tables: &[
        TableSpec {
            id: TableId::T01,
            number: 1,
            titles: T01,
            layout: &["收入决算数", "支出决算数"],
        },
        TableSpec {
            id: TableId::T02,
            number: 2,
            titles: T02,
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
            titles: T03,
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
            titles: T04,
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
            titles: T05,
            layout: &["合计", "基本支出", "人员经费", "公用经费", "项目支出"],
        },
        TableSpec {
            id: TableId::T06,
            number: 6,
            titles: T06,
            layout: &["决算数"],
        },
        TableSpec {
            id: TableId::T07,
            number: 7,
            titles: T07,
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
            number: 8,
            titles: T08,
            layout: &["合计", "基本支出", "项目支出"],
        },
        TableSpec {
            id: TableId::T09,
            number: 9,
            titles: T09,
            layout: &[
                "预算数/合计",
                "预算数/因公出国（境）费",
                "预算数/公务用车购置及运行维护费",
                "预算数/公务用车购置费",
                "预算数/公务用车运行维护费",
                "预算数/公务接待费",
                "决算数/合计",
                "决算数/因公出国（境）费",
                "决算数/公务用车购置及运行维护费",
                "决算数/公务用车购置费",
                "决算数/公务用车运行维护费",
                "决算数/公务接待费",
            ],
        },
    ],
    t09_interleaved: false,
};
