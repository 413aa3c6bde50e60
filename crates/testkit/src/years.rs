//! Two consecutive years of one department for the cross-year tests: the
//! bundled Jilin 2024 report as this year, and its 2023 report generated
//! from it. The values written into last year are what the 2024 text
//! states of 2023, worked out by hand from the printed figures (this year's
//! amount minus its stated change, e.g. 收、支总计 38236.47 万元 "减少
//! 3508.99 万元" → 41745.46), and its 年末结转和结余 are the 2024 tables'
//! printed 年初结转和结余 (公开01表 3,223.44; 公开04表 46.45).

/// The bundled Jilin report (2024).
pub const JILIN_2024: &str = include_str!("../../../tests/data/jilin-hrss-2024-final-accounts.txt");

/// What 2024's narrative says of 2023: (2024 figure as printed, 2023 figure).
const STATED_LAST_YEAR: [(&str, &str); 13] = [
    ("38236.47", "41745.46"),
    ("33597.66", "36642.39"),
    ("43.64", "50.46"),
    ("1310.04", "1569.31"),
    ("13184.48", "13198.98"),
    ("21668.33", "25144.33"),
    ("33644.11", "36801.09"),
    ("33608.2", "36733.58"),
    ("151.58", "58.02"),
    ("123.53", "32.33"),
    ("27.51", "25.02"),
    ("0.55", "0.67"),
    ("868.28", "945.26"),
];

/// Every year 2022–2026 written as a whole number moved by `by`.
fn shift_years(text: &str, by: i32) -> String {
    let mut out = String::with_capacity(text.len());
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let digit =
            |k: usize| k < b.len() && (b[k].is_ascii_digit() || b[k] == b',' || b[k] == b'.');
        if i + 4 <= b.len()
            && b[i..i + 4].iter().all(u8::is_ascii_digit)
            && (i == 0 || !digit(i - 1))
            && !digit(i + 4)
        {
            let y: i32 = text[i..i + 4].parse().unwrap_or(0);
            if (2022..=2026).contains(&y) {
                out.push_str(&(y + by).to_string());
                i += 4;
                continue;
            }
        }
        let ch = text[i..].chars().next().unwrap_or('\0');
        out.push(ch);
        i += ch.len_utf8().max(1);
    }
    out
}

/// The generated 2023 report of the Jilin department. `consistent`: its
/// year-end balances are 2024's opening balances and its narrative states
/// what 2024's narrative says of 2023. Otherwise two faults: its 公开01表
/// 年末结转和结余 is 3,380.11 (2024's year-end, not 3,223.44) and its
/// 收、支总计 is 41700.00 instead of 41745.46.
pub fn jilin_2023(consistent: bool) -> String {
    let mut lines: Vec<String> = JILIN_2024.lines().map(str::to_string).collect();
    // The contents list 第三部分 first; the part itself comes last.
    let narrative = lines
        .iter()
        .rposition(|l| l.starts_with("第三部分"))
        .unwrap_or(0);
    for line in &mut lines {
        if line.starts_with("年初结转和结余\t12\t") && consistent {
            *line = line.replace("3,380.11", "3,223.44");
        }
        if line.starts_with("年初结转和结余\t7\t") {
            *line = line.replace("35.91", "46.45");
        }
    }
    for (this, last) in STATED_LAST_YEAR {
        let last = if !consistent && this == "38236.47" {
            "41700.00"
        } else {
            last
        };
        let pat = format!("{this} 万元");
        let alt = format!("{this}万元");
        if let Some(line) = lines[narrative..]
            .iter_mut()
            .find(|l| l.contains(&pat) || l.contains(&alt))
        {
            *line = line.replacen(&pat, &format!("{last} 万元"), 1).replacen(
                &alt,
                &format!("{last}万元"),
                1,
            );
        }
    }
    let mut text = lines.join("\n");
    text.push('\n');
    shift_years(&text, -1)
}
