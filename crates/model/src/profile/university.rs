//! 高等学校: universities reporting to a ministry (教育部直属高校 and others).
//!
//! Source: the four-table 高等学校 决算公开 set as printed by 西南大学 2023
//! (tests/data/chongqing-southwest-university-2023.pdf; xxgk.swu.edu.cn/info/1118/4297.htm):
//! 表 1 高等学校收支决算总表 (two sides; 财政拨款收入 with 其中：政府性基金预算财政拨款,
//! 其他收入 with 其中：捐赠收入, 上年结转和结余, 合计), 表 2 高等学校收入决算表
//! (事业收入 split into 金额 and 其中：教育收费), 表 3 高等学校支出决算表, 表 4
//! 高等学校财政拨款支出决算表 (本年支出: 合计, 基本支出, 项目支出 with 其中：基本建设资金支出).
//! The family has no 三公, fund or 基本支出明细 table: their absence is not an error.

use super::{Family, Profile, TableSpec};
use crate::table::TableId;

pub(super) const PROFILE: Profile = Profile {
    family: Family::University,
    name: "高等学校决算（4 张表）",
    source: "教育部直属高校决算公开格式（表 1 高等学校收支决算总表 … 表 4 高等学校财政拨款支出决算表），如西南大学 2023 年度部门决算",
    tables: &[
        TableSpec {
            id: TableId::T01,
            number: 1,
            titles: &["收支决算总表", "收入支出决算总表"],
            layout: &["收入决算数", "支出决算数"],
        },
        TableSpec {
            id: TableId::T02,
            number: 2,
            titles: &["收入决算表"],
            layout: &[
                "本年收入合计",
                "财政拨款收入",
                "上级补助收入",
                "事业收入",
                "教育收费",
                "经营收入",
                "附属单位上缴收入",
                "其他收入",
            ],
        },
        TableSpec {
            id: TableId::T03,
            number: 3,
            titles: &["支出决算表"],
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
            id: TableId::T10,
            number: 4,
            titles: &["财政拨款支出决算表"],
            layout: &["合计", "基本支出", "项目支出", "基本建设资金支出"],
        },
    ],
    t09_interleaved: false,
};
