//! The 13-table 单位决算 of county units (Sichuan and elsewhere).
//!
//! Source: the table list of 渠县农业综合技术服务中心 2024 年度单位决算
//! (www.quxian.gov.cn/xxgk-show-64159.html, published 2025-10-15) and of
//! 泸州市中医医院 2023 年度单位决算 (www.lzszyyy.com/content/3654.html):
//! 一 收入支出决算总表, 二 收入决算表, 三 支出决算表, 四 财政拨款收入支出决算总表,
//! 五 财政拨款支出决算明细表, 六 一般公共预算财政拨款支出决算表, 七 一般公共预算财政拨款支出决算明细表,
//! 八 一般公共预算财政拨款基本支出决算明细表, 九 一般公共预算财政拨款项目支出决算表,
//! 十 政府性基金预算财政拨款收入支出决算表, 十一 国有资本经营预算财政拨款收入支出决算表,
//! 十二 国有资本经营预算财政拨款支出决算表, 十三 财政拨款“三公”经费支出决算表.
//! The column layouts of the five 明细/项目 tables are not described in the
//! public material used; they are read from their printed headers.

use super::central;
use super::shanghai::T08_LAYOUT;
use super::{Family, Profile, TableSpec};
use crate::table::TableId;

const CENTRAL: &[TableSpec] = central::PROFILE.tables;

pub(super) const PROFILE: Profile = Profile {
    family: Family::Unit13,
    name: "单位决算（13 张表，四川等地县级单位）",
    source: "四川等地县级单位决算公开格式（13 张表），如渠县农业综合技术服务中心 2024 年度单位决算",
    tables: &[
        CENTRAL[0],
        CENTRAL[1],
        CENTRAL[2],
        CENTRAL[3],
        TableSpec {
            id: TableId::T11,
            number: 5,
            titles: &["财政拨款支出决算明细表"],
            layout: &[],
        },
        TableSpec {
            number: 6,
            ..CENTRAL[4]
        },
        TableSpec {
            id: TableId::T12,
            number: 7,
            titles: &["一般公共预算财政拨款支出决算明细表"],
            layout: &[],
        },
        TableSpec {
            number: 8,
            ..CENTRAL[5]
        },
        TableSpec {
            id: TableId::T13,
            number: 9,
            titles: &["一般公共预算财政拨款项目支出决算表"],
            layout: &[],
        },
        TableSpec {
            number: 10,
            ..CENTRAL[6]
        },
        TableSpec {
            id: TableId::T08,
            number: 11,
            titles: &["国有资本经营预算财政拨款收入支出决算表"],
            layout: T08_LAYOUT,
        },
        TableSpec {
            id: TableId::T14,
            number: 12,
            titles: &["国有资本经营预算财政拨款支出决算表"],
            layout: &["合计", "基本支出", "项目支出"],
        },
        TableSpec {
            number: 13,
            ..CENTRAL[8]
        },
    ],
    t09_interleaved: false,
};
