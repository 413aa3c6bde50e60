//! Tokens of the rule language. One rule is one line, so the lexer works on
//! one line at a time and reports 1-based character columns.

/// A token kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tok {
    /// A bare word: a row label, a column key, a code, a keyword, a variable
    /// (`本年收入合计`, `2080101`, `sum`, `r`).
    Word(String),
    /// A literal number written with a decimal point or a sign context (`0.01`).
    Number(String),
    /// A double-quoted string (messages, names with special characters).
    Str(String),
    /// A narrative figure address `N5.3.14`.
    Narrative(String),
    /// `[`
    LBracket,
    /// `]`
    RBracket,
    /// `(`
    LParen,
    /// `)`
    RParen,
    /// `,`
    Comma,
    /// `:`
    Colon,
    /// `..`
    DotDot,
    /// `.`
    Dot,
    /// `/`
    Slash,
    /// `|`
    Pipe,
    /// `+`
    Plus,
    /// `-`
    Minus,
    /// `=` (also `==`)
    Eq,
    /// `<=` or `≤`
    Le,
    /// `>=` or `≥`
    Ge,
    /// `~`
    Tilde,
}

/// A token with its 1-based character column in the line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// The token.
    pub tok: Tok,
    /// 1-based character column of the token's first character.
    pub col: usize,
}

/// A lexing error: 1-based column and a message (Chinese).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexError {
    /// 1-based character column.
    pub col: usize,
    /// What went wrong.
    pub message: String,
}

/// Characters that end a bare word.
fn is_special(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '[' | ']'
                | '('
                | ')'
                | ','
                | ':'
                | '.'
                | '/'
                | '|'
                | '+'
                | '-'
                | '='
                | '<'
                | '>'
                | '≤'
                | '≥'
                | '~'
                | '"'
                | '#'
        )
}

/// Splits `text` (a part of one line starting at 1-based column `first_col`) into tokens.
/// A `#` outside a string starts a comment that runs to the end of the line.
pub fn lex(text: &str, first_col: usize) -> Result<Vec<Token>, LexError> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let col = first_col + i;
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if c == '#' {
            break;
        }
        let single = match c {
            '[' => Some(Tok::LBracket),
            ']' => Some(Tok::RBracket),
            '(' => Some(Tok::LParen),
            ')' => Some(Tok::RParen),
            ',' => Some(Tok::Comma),
            ':' => Some(Tok::Colon),
            '/' => Some(Tok::Slash),
            '|' => Some(Tok::Pipe),
            '+' => Some(Tok::Plus),
            '-' => Some(Tok::Minus),
            '~' => Some(Tok::Tilde),
            '≤' => Some(Tok::Le),
            '≥' => Some(Tok::Ge),
            _ => None,
        };
        if let Some(tok) = single {
            out.push(Token { tok, col });
            i += 1;
            continue;
        }
        match c {
            '.' => {
                if chars.get(i + 1) == Some(&'.') {
                    out.push(Token {
                        tok: Tok::DotDot,
                        col,
                    });
                    i += 2;
                } else {
                    out.push(Token { tok: Tok::Dot, col });
                    i += 1;
                }
            }
            '=' => {
                i += if chars.get(i + 1) == Some(&'=') { 2 } else { 1 };
                out.push(Token { tok: Tok::Eq, col });
            }
            '<' | '>' => {
                if chars.get(i + 1) != Some(&'=') {
                    return Err(LexError {
                        col,
                        message: format!("不支持的比较符“{c}”：只能用 =、<=（≤）或 >=（≥）"),
                    });
                }
                let tok = if c == '<' { Tok::Le } else { Tok::Ge };
                out.push(Token { tok, col });
                i += 2;
            }
            '"' => {
                let start = i + 1;
                let mut j = start;
                while j < chars.len() && chars[j] != '"' {
                    j += 1;
                }
                if j >= chars.len() {
                    return Err(LexError {
                        col,
                        message: "引号未闭合".to_string(),
                    });
                }
                out.push(Token {
                    tok: Tok::Str(chars[start..j].iter().collect()),
                    col,
                });
                i = j + 1;
            }
            _ => {
                let start = i;
                while i < chars.len() && !is_special(chars[i]) {
                    i += 1;
                }
                let mut word: String = chars[start..i].iter().collect();
                // A decimal number: digits '.' digits (but not a range "12..34").
                if word.bytes().all(|b| b.is_ascii_digit())
                    && chars.get(i) == Some(&'.')
                    && chars.get(i + 1).is_some_and(|d| d.is_ascii_digit())
                {
                    let mut j = i + 1;
                    while j < chars.len() && chars[j].is_ascii_digit() {
                        j += 1;
                    }
                    let frac: String = chars[i..j].iter().collect();
                    word.push_str(&frac);
                    i = j;
                    out.push(Token {
                        tok: Tok::Number(word),
                        col,
                    });
                    continue;
                }
                // A narrative address: N<digits>(.<digits>)*
                if is_narrative_head(&word) {
                    while chars.get(i) == Some(&'.')
                        && chars.get(i + 1).is_some_and(|d| d.is_ascii_digit())
                    {
                        let mut j = i + 1;
                        while j < chars.len() && chars[j].is_ascii_digit() {
                            j += 1;
                        }
                        let part: String = chars[i..j].iter().collect();
                        word.push_str(&part);
                        i = j;
                    }
                    out.push(Token {
                        tok: Tok::Narrative(word),
                        col,
                    });
                    continue;
                }
                out.push(Token {
                    tok: Tok::Word(word),
                    col,
                });
            }
        }
    }
    Ok(out)
}

fn is_narrative_head(word: &str) -> bool {
    word.len() > 1 && word.starts_with('N') && word[1..].bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<Tok> {
        lex(s, 1).unwrap().into_iter().map(|t| t.tok).collect()
    }

    #[test]
    fn words_ranges_numbers() {
        assert_eq!(
            toks("T01[一般公共预算财政拨款收入..其他收入, 收入决算数] ~0.01"),
            vec![
                Tok::Word("T01".into()),
                Tok::LBracket,
                Tok::Word("一般公共预算财政拨款收入".into()),
                Tok::DotDot,
                Tok::Word("其他收入".into()),
                Tok::Comma,
                Tok::Word("收入决算数".into()),
                Tok::RBracket,
                Tok::Tilde,
                Tok::Number("0.01".into()),
            ]
        );
        assert_eq!(
            toks("2080101..2080199"),
            vec![
                Tok::Word("2080101".into()),
                Tok::DotDot,
                Tok::Word("2080199".into())
            ]
        );
        assert_eq!(toks("N5.3.14"), vec![Tok::Narrative("N5.3.14".into())]);
        assert_eq!(
            toks("a <= b ≤ c >= d # note"),
            vec![
                Tok::Word("a".into()),
                Tok::Le,
                Tok::Word("b".into()),
                Tok::Le,
                Tok::Word("c".into()),
                Tok::Ge,
                Tok::Word("d".into()),
            ]
        );
    }

    #[test]
    fn errors_carry_columns() {
        let e = lex("a < b", 10).unwrap_err();
        assert_eq!(e.col, 12);
        let e = lex("\"abc", 1).unwrap_err();
        assert_eq!(e.col, 1);
    }
}
