//! Recursive-descent parser of rulebooks: one rule per line.
//!
//! ```text
//! book     := ( "rulebook" NAME VERSION | "scope" ( "*" | FAMILY+ ) | "##" doc | rule )*
//! rule     := ID SEVERITY "message" [ "for" binding ("," binding)* ":" ] expr OP expr [ "~" NUMBER ]
//! binding  := VAR "in" domain ("|" domain)*
//! domain   := rows(T [, col]) | codes(T [, 类 款 项]) | columns(T [, col..col]) | [name, name, …]
//! expr     := term (("+" | "-") term)*
//! term     := NUMBER | "-" term | "(" expr ")" | sum(ref, …) | ref
//! ref      := T[rows, cols] | N5.3.14 | P3.funds[row].field
//! rows     := alt | alt..alt | codes(类 …) | children(VAR)
//! cols     := alt | alt..alt
//! alt      := path ("|" path)*          path := segment ("/" segment)*
//! ```

use super::ast::*;
use super::lexer::{lex, LexError, Tok, Token};
use juesuan_model::{Decimal, Family, TableId};
use std::str::FromStr;

/// A syntax error in a rulebook, pointing at a line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// The rulebook's name (file path or `builtin`).
    pub file: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based character column.
    pub col: usize,
    /// What is wrong (Chinese).
    pub message: String,
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}:{}: 规则语法错误：{}",
            self.file, self.line, self.col, self.message
        )
    }
}

/// A parsed rulebook file: its declared version and its rules.
#[derive(Debug, Clone, Default)]
pub struct ParsedBook {
    /// `rulebook <name> <version>` header, if any.
    pub header: Option<(String, String)>,
    /// The rules in file order.
    pub rules: Vec<Rule>,
    /// `set <id> off|error|warning|info` lines: (id, new severity — `None`
    /// turns the rule off —, line).
    pub settings: Vec<(String, Option<Severity>, u32)>,
}

/// Parses a whole rulebook text. Every bad line is reported; good lines are kept.
///
/// A `scope` line sets the template families of the rules that follow it,
/// up to the next `scope` line; rules before any `scope` line apply to
/// every family.
pub fn parse_book(file: &str, text: &str) -> Result<ParsedBook, Vec<ParseError>> {
    let mut book = ParsedBook::default();
    let mut errors = Vec::new();
    let mut doc = String::new();
    let mut scope = Scope::All;
    for (i, raw) in text.lines().enumerate() {
        let line_no = i as u32 + 1;
        let trimmed = raw.trim();
        if let Some(d) = trimmed.strip_prefix("##") {
            if !doc.is_empty() {
                doc.push('\n');
            }
            doc.push_str(d.trim());
            continue;
        }
        if trimmed.is_empty() || trimmed.starts_with('#') {
            if trimmed.is_empty() {
                doc.clear();
            }
            continue;
        }
        if let Some(rest) = trimmed.strip_prefix("rulebook ") {
            let mut it = rest.split_whitespace();
            book.header = Some((
                it.next().unwrap_or("").to_string(),
                it.next().unwrap_or("").to_string(),
            ));
            continue;
        }
        if let Some(rest) = trimmed.strip_prefix("set ") {
            let words: Vec<&str> = rest.split_whitespace().collect();
            match words[..] {
                [id, "off"] => book.settings.push((id.to_string(), None, line_no)),
                [id, level] if Severity::parse(level).is_some() => {
                    book.settings
                        .push((id.to_string(), Severity::parse(level), line_no))
                }
                _ => errors.push(ParseError {
                    file: file.to_string(),
                    line: line_no,
                    col: 1,
                    message: "set 行应为：set 规则编号 off|error|warning|info".to_string(),
                }),
            }
            doc.clear();
            continue;
        }
        if trimmed == "scope" || trimmed.starts_with("scope ") {
            match parse_scope(file, line_no, raw) {
                Ok(s) => scope = s,
                Err(e) => errors.push(e),
            }
            doc.clear();
            continue;
        }
        match parse_rule(file, line_no, raw) {
            Ok(mut rule) => {
                rule.doc = std::mem::take(&mut doc);
                rule.scope = scope.clone();
                book.rules.push(rule);
            }
            Err(e) => errors.push(e),
        }
        doc.clear();
    }
    if errors.is_empty() {
        Ok(book)
    } else {
        Err(errors)
    }
}

/// Parses a `scope` line: `scope *` or `scope` followed by family names
/// (`central`, `shanghai`, `university`, `unit13`, `unknown`).
fn parse_scope(file: &str, line_no: u32, raw: &str) -> Result<Scope, ParseError> {
    let err = |col: usize, message: String| ParseError {
        file: file.to_string(),
        line: line_no,
        col,
        message,
    };
    let start = raw.find("scope").unwrap_or(0) + "scope".len();
    let mut families = Vec::new();
    let mut all = false;
    let mut col = raw[..start].chars().count() + 1;
    for part in raw[start..].split_inclusive(char::is_whitespace) {
        let word = part.trim();
        let at = col + part.chars().take_while(|c| c.is_whitespace()).count();
        col += part.chars().count();
        if word.is_empty() {
            continue;
        }
        if word.starts_with('#') {
            break;
        }
        if word == "*" {
            all = true;
        } else if let Some(f) = Family::parse(word) {
            if !families.contains(&f) {
                families.push(f);
            }
        } else {
            let known: Vec<&str> = Family::ALL.iter().map(|f| f.as_str()).collect();
            return Err(err(
                at,
                format!("未知的模板“{word}”：可用 {} 或 *", known.join("、")),
            ));
        }
    }
    if all {
        return Ok(Scope::All);
    }
    if families.is_empty() {
        return Err(err(col, "scope 之后应列出模板名称或 *".to_string()));
    }
    Ok(Scope::Only(families))
}

/// Parses one rule line.
pub fn parse_rule(file: &str, line_no: u32, raw: &str) -> Result<Rule, ParseError> {
    let err = |col: usize, message: String| ParseError {
        file: file.to_string(),
        line: line_no,
        col,
        message,
    };
    let chars: Vec<char> = raw.chars().collect();
    let mut pos = 0;
    let skip_ws = |pos: &mut usize| {
        while *pos < chars.len() && chars[*pos].is_whitespace() {
            *pos += 1;
        }
    };
    let word = |pos: &mut usize| -> (usize, String) {
        let start = *pos;
        while *pos < chars.len() && !chars[*pos].is_whitespace() {
            *pos += 1;
        }
        (start + 1, chars[start..*pos].iter().collect())
    };
    skip_ws(&mut pos);
    let (id_col, id) = word(&mut pos);
    if id.is_empty()
        || !id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
    {
        return Err(err(
            id_col,
            format!("规则编号“{id}”只能由字母、数字、下划线和点组成"),
        ));
    }
    skip_ws(&mut pos);
    let (sev_col, sev) = word(&mut pos);
    let severity = Severity::parse(&sev).ok_or_else(|| {
        err(
            sev_col,
            format!("严重程度应为 error、warning 或 info，而不是“{sev}”"),
        )
    })?;
    skip_ws(&mut pos);
    if chars.get(pos) != Some(&'"') {
        return Err(err(pos + 1, "此处应为用双引号括起的提示信息".to_string()));
    }
    let msg_start = pos + 1;
    let Some(close) = chars[msg_start..].iter().position(|c| *c == '"') else {
        return Err(err(pos + 1, "提示信息的引号未闭合".to_string()));
    };
    let message: String = chars[msg_start..msg_start + close].iter().collect();
    pos = msg_start + close + 1;
    let rest: String = chars[pos..].iter().collect();
    let tokens = lex(&rest, pos + 1).map_err(|LexError { col, message }| err(col, message))?;
    let end_col = chars.len() + 1;
    let mut p = Parser {
        toks: &tokens,
        pos: 0,
        end_col,
        vars: Vec::new(),
    };
    let (bindings, formula) = p.rule().map_err(|(col, m)| err(col, m))?;
    Ok(Rule {
        id,
        severity,
        message,
        doc: String::new(),
        bindings,
        formula,
        origin: (file.to_string(), line_no),
        scope: Scope::All,
    })
}

type PResult<T> = Result<T, (usize, String)>;

struct Parser<'a> {
    toks: &'a [Token],
    pos: usize,
    end_col: usize,
    vars: Vec<String>,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos).map(|t| &t.tok)
    }

    fn peek_at(&self, k: usize) -> Option<&Tok> {
        self.toks.get(self.pos + k).map(|t| &t.tok)
    }

    fn col(&self) -> usize {
        self.toks.get(self.pos).map_or(self.end_col, |t| t.col)
    }

    fn fail<T>(&self, what: &str) -> PResult<T> {
        let found = match self.peek() {
            None => "行尾".to_string(),
            Some(t) => format!("“{}”", show(t)),
        };
        Err((self.col(), format!("此处应为{what}，实际为{found}")))
    }

    fn eat(&mut self, tok: &Tok) -> bool {
        if self.peek() == Some(tok) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn expect(&mut self, tok: &Tok, what: &str) -> PResult<()> {
        if self.eat(tok) {
            Ok(())
        } else {
            self.fail(what)
        }
    }

    fn is_word(&self, w: &str) -> bool {
        matches!(self.peek(), Some(Tok::Word(x)) if x == w)
    }

    fn rule(&mut self) -> PResult<(Vec<Binding>, Comparison)> {
        let mut bindings = Vec::new();
        if self.is_word("for") {
            self.pos += 1;
            loop {
                bindings.push(self.binding()?);
                if !self.eat(&Tok::Comma) {
                    break;
                }
            }
            self.expect(&Tok::Colon, "“:”（循环变量之后、公式之前）")?;
        }
        let formula = self.comparison()?;
        if self.peek().is_some() {
            return self.fail("行尾（一条规则只写一个等式或不等式）");
        }
        Ok((bindings, formula))
    }

    fn binding(&mut self) -> PResult<Binding> {
        let col = self.col();
        let var = match self.peek() {
            Some(Tok::Word(w)) if is_var_name(w) => w.clone(),
            _ => return self.fail("循环变量名（小写英文字母，如 r、c）"),
        };
        if self.vars.contains(&var) {
            return Err((col, format!("循环变量“{var}”重复定义")));
        }
        self.pos += 1;
        if !self.is_word("in") {
            return self.fail("“in”");
        }
        self.pos += 1;
        let mut domains = vec![self.domain()?];
        while self.eat(&Tok::Pipe) {
            domains.push(self.domain()?);
        }
        self.vars.push(var.clone());
        Ok(Binding { var, domains })
    }

    fn table_arg(&mut self) -> PResult<TableId> {
        let col = self.col();
        match self.peek() {
            Some(Tok::Word(w)) => {
                let id = TableId::parse(w)
                    .ok_or((col, format!("未知的表“{w}”（应为 T01–T14 或 X01–X99）")))?;
                self.pos += 1;
                Ok(id)
            }
            _ => self.fail("表编号（T01–T14 或 X01–X99）"),
        }
    }

    fn domain(&mut self) -> PResult<Domain> {
        if self.eat(&Tok::LBracket) {
            let mut items = Vec::new();
            loop {
                match self.peek() {
                    Some(Tok::Word(w)) | Some(Tok::Str(w)) => {
                        let mut name = w.clone();
                        self.pos += 1;
                        while self.eat(&Tok::Slash) {
                            match self.peek() {
                                Some(Tok::Word(w)) | Some(Tok::Str(w)) => {
                                    name.push('/');
                                    name.push_str(w);
                                    self.pos += 1;
                                }
                                _ => return self.fail("名称"),
                            }
                        }
                        items.push(name);
                    }
                    _ => return self.fail("名称"),
                }
                if !self.eat(&Tok::Comma) {
                    break;
                }
            }
            self.expect(&Tok::RBracket, "“]”")?;
            return Ok(Domain::List(items));
        }
        let col = self.col();
        let func = match self.peek() {
            Some(Tok::Word(w)) => w.clone(),
            _ => return self.fail("取值范围（rows(…)、codes(…)、columns(…)、items(…)、figures(…)、tables(P)、indicators(P[k], 成本指标) 或 [名称, …]）"),
        };
        self.pos += 1;
        self.expect(&Tok::LParen, "“(”")?;
        match func.as_str() {
            "items" => {
                let scope = self.narrative_scope()?;
                self.expect(&Tok::RParen, "“)”")?;
                return Ok(Domain::Items(scope));
            }
            "figures" => {
                let scope = self.narrative_scope()?;
                self.expect(&Tok::Comma, "“,”")?;
                let fcol = self.col();
                let field = self.plain_word(
                    "配对数字的种类（share、change、rate、completion、actual、budget）",
                )?;
                if !NarrRef::ROLES.contains(&field.as_str()) {
                    return Err((fcol, format!("未知的数字种类“{field}”")));
                }
                self.expect(&Tok::RParen, "“)”")?;
                return Ok(Domain::Figures(scope, field));
            }
            "indicators" => {
                let index = self.performance_index()?;
                self.expect(&Tok::Comma, "“,”")?;
                let class = self.plain_word("指标类别（如 成本指标）")?;
                self.expect(&Tok::RParen, "“)”")?;
                return Ok(Domain::Indicators(index, class));
            }
            "tables" => {
                if !self.is_word("P") {
                    return self.fail("“P”（项目支出绩效自评表）");
                }
                self.pos += 1;
                self.expect(&Tok::RParen, "“)”")?;
                return Ok(Domain::Tables);
            }
            _ => {}
        }
        let table = self.table_arg()?;
        let has_arg = self.eat(&Tok::Comma);
        let d = match func.as_str() {
            "rows" => {
                let col_key = if has_arg { Some(self.path()?) } else { None };
                Domain::Rows(table, col_key)
            }
            "codes" => {
                let levels = if has_arg { self.levels()? } else { Vec::new() };
                Domain::Codes(table, levels)
            }
            "columns" => {
                let range = if has_arg {
                    let a = self.path()?;
                    self.expect(&Tok::DotDot, "“..”")?;
                    let b = self.path()?;
                    Some((a, b))
                } else {
                    None
                };
                Domain::Columns(table, range)
            }
            other => {
                return Err((
                    col,
                    format!(
                    "未知的取值范围“{other}”：可用 rows、codes、columns、items、figures、tables"
                ),
                ))
            }
        };
        self.expect(&Tok::RParen, "“)”")?;
        Ok(d)
    }

    fn levels(&mut self) -> PResult<Vec<u8>> {
        let mut out = Vec::new();
        loop {
            let col = self.col();
            match self.peek() {
                Some(Tok::Word(w)) => {
                    let l = match w.as_str() {
                        "类" => 1,
                        "款" => 2,
                        "项" => 3,
                        _ => return Err((col, format!("科目级次应为 类、款 或 项，而不是“{w}”"))),
                    };
                    out.push(l);
                    self.pos += 1;
                }
                _ => break,
            }
            self.eat(&Tok::Comma);
        }
        if out.is_empty() {
            return self.fail("科目级次（类、款、项）");
        }
        Ok(out)
    }

    fn comparison(&mut self) -> PResult<Comparison> {
        let lhs = self.expr()?;
        let op_col = self.col();
        let (op, swap) = match self.peek() {
            Some(Tok::Eq) => (Op::Eq, false),
            Some(Tok::Le) => (Op::Le, false),
            Some(Tok::Ge) => (Op::Le, true),
            _ => return self.fail("比较符（=、<= 或 >=）"),
        };
        self.pos += 1;
        let rhs = self.expr()?;
        if matches!(self.peek(), Some(Tok::Eq | Tok::Le | Tok::Ge)) {
            return Err((op_col, "一条规则只能有一个比较符".to_string()));
        }
        let tolerance = if self.eat(&Tok::Tilde) {
            match self.peek() {
                Some(Tok::Number(n)) | Some(Tok::Word(n)) => {
                    let v =
                        Decimal::from_str(n).map_err(|_| (self.col(), format!("“{n}”不是数字")))?;
                    self.pos += 1;
                    Some(v)
                }
                _ => return self.fail("容差（数字）"),
            }
        } else {
            None
        };
        let (lhs, rhs) = if swap { (rhs, lhs) } else { (lhs, rhs) };
        Ok(Comparison {
            lhs,
            op,
            rhs,
            tolerance,
        })
    }

    fn expr(&mut self) -> PResult<Expr> {
        let mut e = self.term()?;
        loop {
            if self.eat(&Tok::Plus) {
                e = Expr::Add(Box::new(e), Box::new(self.term()?));
            } else if self.eat(&Tok::Minus) {
                e = Expr::Sub(Box::new(e), Box::new(self.term()?));
            } else {
                return Ok(e);
            }
        }
    }

    fn term(&mut self) -> PResult<Expr> {
        let col = self.col();
        match self.peek().cloned() {
            Some(Tok::Minus) => {
                self.pos += 1;
                Ok(Expr::Neg(Box::new(self.term()?)))
            }
            Some(Tok::LParen) => {
                self.pos += 1;
                let e = self.expr()?;
                self.expect(&Tok::RParen, "“)”")?;
                Ok(e)
            }
            Some(Tok::Number(n)) => {
                self.pos += 1;
                Decimal::from_str(&n)
                    .map(Expr::Num)
                    .map_err(|_| (col, format!("“{n}”不是数字")))
            }
            Some(Tok::Word(w)) if w.bytes().all(|b| b.is_ascii_digit()) => {
                self.pos += 1;
                Decimal::from_str(&w)
                    .map(Expr::Num)
                    .map_err(|_| (col, format!("“{w}”不是数字")))
            }
            Some(Tok::Word(w))
                if (w == "pct" || w == "prior") && self.peek_at(1) == Some(&Tok::LParen) =>
            {
                self.pos += 2;
                let a = self.expr()?;
                self.expect(&Tok::Comma, "“,”（两个参数之间）")?;
                let b = self.expr()?;
                self.expect(&Tok::RParen, "“)”")?;
                Ok(if w == "pct" {
                    Expr::Pct(Box::new(a), Box::new(b))
                } else {
                    Expr::Prior(Box::new(a), Box::new(b))
                })
            }
            Some(Tok::Word(w)) if w == "last" && self.peek_at(1) == Some(&Tok::LParen) => {
                self.pos += 2;
                let e = self.expr()?;
                self.expect(&Tok::RParen, "“)”")?;
                Ok(Expr::Last(Box::new(e)))
            }
            Some(Tok::Word(w)) if w == "count" && self.peek_at(1) == Some(&Tok::LParen) => {
                self.pos += 2;
                if !self.is_word("P") {
                    return self.fail("“P”（count(P) 为项目支出绩效自评表的张数）");
                }
                self.pos += 1;
                self.expect(&Tok::RParen, "“)”")?;
                Ok(Expr::CountTables)
            }
            Some(Tok::Word(w)) if w == "sum" && self.peek_at(1) == Some(&Tok::LParen) => {
                self.pos += 2;
                let mut refs = vec![self.reference()?];
                while self.eat(&Tok::Comma) {
                    refs.push(self.reference()?);
                }
                self.expect(&Tok::RParen, "“)”")?;
                Ok(Expr::Sum(refs))
            }
            Some(_) => {
                let r = self.reference()?;
                if !r.is_scalar() {
                    return Err((
                        col,
                        "区间、codes(…) 或 children(…) 选出多个单元格，只能写在 sum(…) 里"
                            .to_string(),
                    ));
                }
                Ok(Expr::Ref(r))
            }
            None => self.fail("单元格、sum(…) 或数字"),
        }
    }

    fn reference(&mut self) -> PResult<Ref> {
        let col = self.col();
        match self.peek().cloned() {
            Some(Tok::Narrative(_)) => Ok(Ref::Narrative(self.narrative_ref()?)),
            Some(Tok::Word(w)) if w == "N" && self.peek_at(1) == Some(&Tok::LBracket) => {
                Ok(Ref::Narrative(self.narrative_ref()?))
            }
            Some(Tok::Word(w)) if w == "P" && self.peek_at(1) == Some(&Tok::LBracket) => {
                self.pos += 2;
                let icol = self.col();
                let index = match self.peek() {
                    Some(Tok::Word(v)) if v == "*" => PIndex::All,
                    Some(Tok::Word(v)) if self.vars.contains(v) => PIndex::Var(v.clone()),
                    Some(Tok::Word(v)) if v.bytes().all(|b| b.is_ascii_digit()) => PIndex::Lit(
                        v.parse()
                            .map_err(|_| (icol, format!("“{v}”不是绩效自评表编号")))?,
                    ),
                    _ => return self.fail("绩效自评表编号、循环变量或 *"),
                };
                self.pos += 1;
                self.expect(&Tok::RBracket, "“]”")?;
                self.expect(&Tok::Dot, "“.”")?;
                self.performance_tail(index)
            }
            Some(Tok::Word(w))
                if w.len() > 1
                    && w.starts_with('P')
                    && w[1..].bytes().all(|b| b.is_ascii_digit())
                    && self.peek_at(1) == Some(&Tok::Dot) =>
            {
                let index: u32 = w[1..]
                    .parse()
                    .map_err(|_| (col, format!("“{w}”不是绩效自评表编号")))?;
                self.pos += 2;
                self.performance_tail(PIndex::Lit(index))
            }
            Some(Tok::Word(w)) if self.peek_at(1) == Some(&Tok::LBracket) => {
                let table = TableId::parse(&w)
                    .ok_or((col, format!("未知的表“{w}”（应为 T01–T14 或 X01–X99）")))?;
                self.pos += 2;
                let rows = self.row_sel()?;
                self.expect(&Tok::Comma, "“,”（行与栏之间）")?;
                let cols = self.col_sel()?;
                self.expect(&Tok::RBracket, "“]”")?;
                Ok(Ref::Table { table, rows, cols })
            }
            _ => self.fail("单元格引用（如 T01[本年收入合计, 收入决算数]）"),
        }
    }

    /// `P[k]` or `P3` naming one 绩效自评表 (in `indicators(…)`).
    fn performance_index(&mut self) -> PResult<PIndex> {
        let col = self.col();
        match (self.peek().cloned(), self.peek_at(1).cloned()) {
            (Some(Tok::Word(w)), Some(Tok::LBracket)) if w == "P" => {
                self.pos += 2;
                let index = match self.peek() {
                    Some(Tok::Word(v)) if self.vars.contains(v) => PIndex::Var(v.clone()),
                    Some(Tok::Word(v)) if v.bytes().all(|b| b.is_ascii_digit()) => PIndex::Lit(
                        v.parse()
                            .map_err(|_| (col, format!("“{v}”不是绩效自评表编号")))?,
                    ),
                    _ => return self.fail("绩效自评表编号或循环变量"),
                };
                self.pos += 1;
                self.expect(&Tok::RBracket, "“]”")?;
                Ok(index)
            }
            (Some(Tok::Word(w)), _)
                if w.len() > 1
                    && w.starts_with('P')
                    && w[1..].bytes().all(|b| b.is_ascii_digit()) =>
            {
                self.pos += 1;
                w[1..]
                    .parse()
                    .map(PIndex::Lit)
                    .map_err(|_| (col, format!("“{w}”不是绩效自评表编号")))
            }
            _ => self.fail("绩效自评表（如 P[k] 或 P3）"),
        }
    }

    /// After `P3.` / `P[k].`: `funds[row].field`, `indicators[name].field` or `score`.
    fn performance_tail(&mut self, index: PIndex) -> PResult<Ref> {
        let pcol = self.col();
        let part = self.plain_word("绩效自评表的部分（funds、indicators 或 score）")?;
        match part.as_str() {
            "score" => Ok(Ref::Performance {
                index,
                part,
                row: None,
                field: None,
            }),
            "funds" | "indicators" => {
                self.expect(&Tok::LBracket, "“[”")?;
                let row = self.path()?;
                self.expect(&Tok::RBracket, "“]”")?;
                self.expect(&Tok::Dot, "“.”")?;
                let field = Path(vec![self.segment()?]);
                Ok(Ref::Performance {
                    index,
                    part,
                    row: Some(row),
                    field: Some(field),
                })
            }
            other => Err((
                pcol,
                format!("未知的绩效自评表部分“{other}”：可用 funds、indicators、score"),
            )),
        }
    }

    /// `N5.3`, `N5.3.i`, `N2.p1` (scope only, for domains and `code(…)`).
    fn narrative_scope(&mut self) -> PResult<Path> {
        let mut segs = Vec::new();
        match self.peek() {
            Some(Tok::Narrative(n)) => {
                segs.extend(
                    n[1..]
                        .split('.')
                        .filter(|s| !s.is_empty())
                        .map(|s| Segment::Lit(s.to_string())),
                );
                self.pos += 1;
            }
            Some(Tok::Word(w)) if w == "N" => self.pos += 1,
            _ => return self.fail("情况说明的节或段（如 N5.3、N5.3.i）"),
        }
        while self.peek() == Some(&Tok::Dot)
            && matches!(self.peek_at(1), Some(Tok::Word(w)) if !NarrRef::ROLES.contains(&w.as_str()))
        {
            self.pos += 1;
            segs.push(self.segment()?);
        }
        Ok(Path(segs))
    }

    /// `N2[本年收入合计]`, `N5.3.i[actual].completion`, `N[f].rate`, `N5.3.14`.
    fn narrative_ref(&mut self) -> PResult<NarrRef> {
        let scope = self.narrative_scope()?;
        let selector = if self.eat(&Tok::LBracket) {
            let a = self.alt()?;
            self.expect(&Tok::RBracket, "“]”")?;
            Some(a)
        } else {
            None
        };
        let field = if self.peek() == Some(&Tok::Dot) {
            self.pos += 1;
            let fcol = self.col();
            let f =
                self.plain_word("配对数字（change、rate、share、completion、actual、budget）")?;
            if !NarrRef::ROLES.contains(&f.as_str()) {
                return Err((fcol, format!("未知的配对数字“{f}”")));
            }
            Some(f)
        } else {
            None
        };
        Ok(NarrRef {
            scope,
            selector,
            field,
        })
    }

    fn plain_word(&mut self, what: &str) -> PResult<String> {
        match self.peek() {
            Some(Tok::Word(w)) => {
                let w = w.clone();
                self.pos += 1;
                Ok(w)
            }
            _ => self.fail(what),
        }
    }

    /// The argument of `subject(v)` / `children(v)`: a loop variable in
    /// scope, then the closing parenthesis.
    fn loop_var_arg(&mut self) -> PResult<String> {
        let col = self.col();
        let v = self.plain_word("循环变量")?;
        if !self.vars.contains(&v) {
            return Err((col, format!("“{v}”不是已定义的循环变量")));
        }
        self.expect(&Tok::RParen, "“)”")?;
        Ok(v)
    }

    fn row_sel(&mut self) -> PResult<RowSel> {
        if self.peek_at(1) == Some(&Tok::LParen) {
            if self.is_word("codes") {
                self.pos += 2;
                let levels = if self.peek() == Some(&Tok::RParen) {
                    Vec::new()
                } else {
                    self.levels()?
                };
                self.expect(&Tok::RParen, "“)”")?;
                return Ok(RowSel::Codes(levels));
            }
            if self.is_word("code") {
                self.pos += 2;
                let scope = self.narrative_scope()?;
                self.expect(&Tok::RParen, "“)”")?;
                return Ok(RowSel::Code(scope));
            }
            if self.is_word("subject") {
                self.pos += 2;
                return Ok(RowSel::Subject(self.loop_var_arg()?));
            }
            if self.is_word("named") {
                self.pos += 2;
                let a = self.alt()?;
                self.expect(&Tok::RParen, "“)”")?;
                return Ok(RowSel::Named(a));
            }
            if self.is_word("children") {
                self.pos += 2;
                return Ok(RowSel::Children(self.loop_var_arg()?));
            }
        }
        let a = self.alt()?;
        if self.eat(&Tok::DotDot) {
            let b = self.alt()?;
            return Ok(RowSel::Range(a, b));
        }
        Ok(RowSel::One(a))
    }

    fn col_sel(&mut self) -> PResult<ColSel> {
        let a = self.alt()?;
        if self.eat(&Tok::DotDot) {
            let b = self.alt()?;
            return Ok(ColSel::Range(a, b));
        }
        Ok(ColSel::One(a))
    }

    fn alt(&mut self) -> PResult<Alt> {
        let mut v = vec![self.path()?];
        while self.eat(&Tok::Pipe) {
            v.push(self.path()?);
        }
        Ok(v)
    }

    fn path(&mut self) -> PResult<Path> {
        let mut segs = vec![self.segment()?];
        while self.eat(&Tok::Slash) {
            segs.push(self.segment()?);
        }
        Ok(Path(segs))
    }

    fn segment(&mut self) -> PResult<Segment> {
        match self.peek() {
            Some(Tok::Word(w)) => {
                let s = if self.vars.contains(w) {
                    Segment::Var(w.clone())
                } else {
                    Segment::Lit(w.clone())
                };
                self.pos += 1;
                Ok(s)
            }
            Some(Tok::Str(w)) => {
                let s = Segment::Lit(w.clone());
                self.pos += 1;
                Ok(s)
            }
            _ => self.fail("行或栏的名称"),
        }
    }
}

/// Variables are short lowercase ASCII identifiers.
fn is_var_name(w: &str) -> bool {
    !w.is_empty()
        && w.len() <= 12
        && w.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
        && !matches!(
            w,
            "for"
                | "in"
                | "sum"
                | "rows"
                | "codes"
                | "columns"
                | "children"
                | "items"
                | "figures"
                | "tables"
                | "indicators"
                | "pct"
                | "prior"
                | "last"
                | "count"
                | "code"
                | "subject"
                | "named"
        )
}

fn show(t: &Tok) -> String {
    match t {
        Tok::Word(w) | Tok::Number(w) | Tok::Narrative(w) => w.clone(),
        Tok::Str(s) => format!("\"{s}\""),
        Tok::LBracket => "[".into(),
        Tok::RBracket => "]".into(),
        Tok::LParen => "(".into(),
        Tok::RParen => ")".into(),
        Tok::Comma => ",".into(),
        Tok::Colon => ":".into(),
        Tok::DotDot => "..".into(),
        Tok::Dot => ".".into(),
        Tok::Slash => "/".into(),
        Tok::Pipe => "|".into(),
        Tok::Plus => "+".into(),
        Tok::Minus => "-".into(),
        Tok::Eq => "=".into(),
        Tok::Le => "<=".into(),
        Tok::Ge => ">=".into(),
        Tok::Tilde => "~".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(s: &str) -> Rule {
        parse_rule("t", 1, s).unwrap()
    }

    fn error(s: &str) -> ParseError {
        parse_rule("t", 7, s).unwrap_err()
    }

    #[test]
    fn single_identity() {
        let r = rule(
            r#"T01.income_total error "本年收入合计" T01[本年收入合计, 收入决算数] = sum(T01[一般公共预算财政拨款收入..其他收入, 收入决算数])"#,
        );
        assert_eq!(r.id, "T01.income_total");
        assert_eq!(r.severity, Severity::Error);
        assert!(r.bindings.is_empty());
        assert!(matches!(r.formula.rhs, Expr::Sum(_)));
        assert_eq!(r.formula.op, Op::Eq);
    }

    #[test]
    fn family_with_paths_and_alternatives() {
        let r = rule(
            r#"T04.fund error "m" for f in [一般公共预算财政拨款, 政府性基金预算财政拨款]: T04[f, 收入决算数] + T04[年初结转和结余/f|年初财政拨款结转和结余/f, 收入决算数] = T04[本年支出合计, f] + T04[年末结转和结余, f]"#,
        );
        assert_eq!(r.bindings.len(), 1);
        let Expr::Add(_, b) = &r.formula.lhs else {
            panic!()
        };
        let Expr::Ref(Ref::Table { rows, .. }) = b.as_ref() else {
            panic!()
        };
        let RowSel::One(alt) = rows else { panic!() };
        assert_eq!(alt.len(), 2);
        assert_eq!(
            alt[0].0,
            vec![
                Segment::Lit("年初结转和结余".into()),
                Segment::Var("f".into())
            ]
        );
    }

    #[test]
    fn ge_is_swapped_le() {
        let r = rule(r#"x.y warning "m" T09[R1, 预算数/合计] >= T09[R1, 决算数/合计]"#);
        assert_eq!(r.formula.op, Op::Le);
        let Expr::Ref(Ref::Table { cols, .. }) = &r.formula.lhs else {
            panic!()
        };
        assert_eq!(
            cols,
            &ColSel::One(vec![Path(vec![
                Segment::Lit("决算数".into()),
                Segment::Lit("合计".into())
            ])])
        );
    }

    #[test]
    fn future_addresses_parse() {
        let r = rule(r#"N.x error "m" N5.3.14 = P3.funds[年度资金总额].executed"#);
        let Expr::Ref(Ref::Narrative(n)) = &r.formula.lhs else {
            panic!()
        };
        assert_eq!(n.scope.0.len(), 3);
        assert!(matches!(
            r.formula.rhs,
            Expr::Ref(Ref::Performance {
                index: PIndex::Lit(3),
                ..
            })
        ));
    }

    #[test]
    fn errors_point_at_line_and_column() {
        let e = error(r#"a.b error "m" T01[总计, 收入决算数] = T15[总计, 收入决算数]"#);
        assert_eq!((e.line, e.col), (7, 32));
        assert!(e.message.contains("T15"), "{}", e.message);
        let e = error(r#"a.b fatal "m" T01[总计, 收入决算数] = 0"#);
        assert_eq!(e.col, 5);
        let e = error(r#"a.b error "m" T01[总计 收入决算数] = 0"#);
        assert_eq!(e.col, 22);
        assert!(e.message.contains("“,”"), "{}", e.message);
        let e = error(r#"a.b error "m" T01[a..b, 收入决算数] = 0"#);
        assert_eq!(e.col, 15);
        assert!(e.message.contains("sum"));
        let e = error(r#"a.b error "m" T01[a, b] = 0 = 1"#);
        assert!(e.message.contains("比较符"));
        let e = error(r#"a.b error "m" for r in rows(T02) T02[r, b] = 0"#);
        assert!(e.message.contains(":"), "{}", e.message);
        let s = e.to_string();
        assert!(s.starts_with("t:7:"), "{s}");
    }

    #[test]
    fn scope_lines_apply_to_the_rules_that_follow() {
        let text = "a.b error \"m\" T01[a, b] = 0\nscope central unit13\nc.d error \"m\" T01[a, b] = 0\nscope *  # 全部\ne.f error \"m\" T01[a, b] = 0\nscope university\ng.h error \"m\" T01[a, b] = 0\n";
        let book = parse_book("t", text).unwrap();
        let scopes: Vec<&Scope> = book.rules.iter().map(|r| &r.scope).collect();
        assert_eq!(
            scopes,
            vec![
                &Scope::All,
                &Scope::Only(vec![Family::Central, Family::Unit13]),
                &Scope::All,
                &Scope::Only(vec![Family::University]),
            ]
        );
        assert!(book.rules[1].scope.includes(Family::Unit13));
        assert!(!book.rules[1].scope.includes(Family::University));
        assert!(book.rules[0].scope.includes(Family::Unknown));
        let errs = parse_book("t", "scope central beijing\nscope\n").unwrap_err();
        assert_eq!((errs[0].line, errs[0].col), (1, 15));
        assert!(errs[0].message.contains("beijing"), "{}", errs[0].message);
        assert_eq!(errs[1].line, 2);
    }

    #[test]
    fn book_collects_docs_and_all_errors() {
        let text = "rulebook central 2024.1\n## 说明一\n## 说明二\na.b error \"m\" T01[a, b] = 0\n\nbad line\nc.d info \"m\" T01[a, b] =\n";
        let book = parse_book("t", text);
        let errs = book.unwrap_err();
        assert_eq!(errs.len(), 2);
        assert_eq!(errs[0].line, 6);
        assert_eq!(errs[1].line, 7);
        let ok = parse_book(
            "t",
            "rulebook central 2024.1\n## 说明一\n## 说明二\na.b error \"m\" T01[a, b] = 0\n",
        )
        .unwrap();
        assert_eq!(ok.rules[0].doc, "说明一\n说明二");
        assert_eq!(ok.header, Some(("central".into(), "2024.1".into())));
    }
}
