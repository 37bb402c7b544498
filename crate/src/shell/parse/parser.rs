//! The grammar: lists, pipelines, compound commands, redirections and
//! here-documents, by recursive descent. Errors become diagnostics and the
//! parser resynchronises at the next separator, so a script always yields a
//! tree.

use std::rc::Rc;

use super::ast::*;
use super::lexer::{Mode, Op, is_meta, is_name_char, is_name_start};
use super::model::{Diagnostic, Severity};
use crate::span::Span;

/// Deep enough for any real script; shallow enough for a small wasm stack.
const MAX_DEPTH: u32 = 100;

/// Reserved words that end a list.
const TERMINATORS: &[&str] = &["then", "elif", "else", "fi", "do", "done", "esac", "}"];

/// Maps byte positions of the text being parsed to the caller's coordinates.
#[derive(Debug, Clone, Default)]
pub(crate) struct PosMap {
    /// Per byte of the text, the range it stands for in the caller's text
    /// (an escape `\"` is one byte standing for two); one extra entry for
    /// the end of the text.
    table: Option<Rc<[(usize, usize)]>>,
    offset: usize,
}

impl PosMap {
    pub(crate) fn offset(offset: usize) -> Self {
        Self {
            table: None,
            offset,
        }
    }

    /// `table[i]` is the range byte `i` stands for, plus the end entry.
    pub(crate) fn ranges(table: Vec<(usize, usize)>) -> Self {
        Self {
            table: Some(table.into()),
            offset: 0,
        }
    }

    fn entry(&self, p: usize) -> Option<(usize, usize)> {
        let t = self.table.as_ref()?;
        t.get(p + self.offset).or(t.last()).copied()
    }

    /// Where byte `p` starts.
    pub(crate) fn at(&self, p: usize) -> usize {
        match self.entry(p) {
            Some((s, _)) => s,
            None if self.table.is_some() => 0,
            None => p + self.offset,
        }
    }

    /// Where byte `p` ends.
    fn end_of(&self, p: usize) -> usize {
        match self.entry(p) {
            Some((_, e)) => e,
            None if self.table.is_some() => 0,
            None => p + self.offset + 1,
        }
    }

    /// Maps `start..end`; the end is mapped through its last byte so a span
    /// never swallows text dropped between pieces.
    pub(crate) fn span(&self, start: usize, end: usize) -> Span {
        let s = self.at(start);
        if end > start {
            Span::new(s, self.end_of(end - 1).max(s))
        } else {
            Span::new(s, s)
        }
    }

    /// The map of a text whose byte `i` is at local position `local[i]`.
    pub(crate) fn compose(&self, local: &[usize]) -> Self {
        Self::ranges(
            local
                .iter()
                .map(|&p| (self.at(p), self.end_of(p)))
                .collect(),
        )
    }
}

struct Pending {
    id: usize,
    delimiter: String,
    quoted: bool,
    strip: bool,
}

/// The parser state; word-level methods live in `lexer.rs`.
pub(crate) struct Parser<'s> {
    pub(crate) src: &'s str,
    pub(crate) b: &'s [u8],
    pub(crate) pos: usize,
    pub(crate) map: PosMap,
    pub(crate) diags: Vec<Diagnostic>,
    /// Here-document bodies by id, filled when their line is read.
    pub(crate) heredocs: Vec<Option<Word>>,
    pending: Vec<Pending>,
    depth: u32,
}

impl<'s> Parser<'s> {
    pub(crate) fn new(src: &'s str, map: PosMap) -> Self {
        Self {
            src,
            b: src.as_bytes(),
            pos: 0,
            map,
            diags: Vec::new(),
            heredocs: Vec::new(),
            pending: Vec::new(),
            depth: 0,
        }
    }

    /// Parses the whole text.
    pub(crate) fn parse_program(&mut self) -> List {
        let mut list = self.parse_list(&[]);
        while !self.eof() {
            // Only a stray `)` or `;;` stops a top-level list.
            let at = self.pos;
            self.error(at, "unexpected token");
            self.pos += self.peek_op().map_or(1, |(_, l)| l.max(1));
            list.items.extend(self.parse_list(&[]).items);
        }
        for p in std::mem::take(&mut self.pending) {
            self.warning(
                self.pos,
                &format!("here-document `{}` has no body", p.delimiter),
            );
        }
        list
    }

    pub(crate) fn error(&mut self, at: usize, msg: &str) {
        self.diagnose(Severity::Error, at, msg);
    }

    /// Something a shell accepts with a complaint (bash warns, dash is
    /// silent): an unterminated here-document.
    pub(crate) fn warning(&mut self, at: usize, msg: &str) {
        self.diagnose(Severity::Warning, at, msg);
    }

    fn diagnose(&mut self, severity: Severity, at: usize, msg: &str) {
        let at = at.min(self.b.len());
        let width = self
            .src
            .get(at..)
            .and_then(|r| r.chars().next())
            .map_or(0, char::len_utf8);
        // Underline the whole word (a keyword, a name), or one character.
        let word = self.b[at..]
            .iter()
            .take(64)
            .take_while(|&&c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.' | b'/'))
            .count();
        let end = at + width.max(word);
        self.diags.push(Diagnostic {
            severity,
            message: msg.to_string(),
            span: self.map.span(at, end),
        });
    }

    /// Counts nesting; past the limit the rest of the text is skipped.
    pub(crate) fn enter(&mut self) -> bool {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            self.depth -= 1;
            self.error(self.pos, "nesting too deep; rest of the script skipped");
            self.pos = self.b.len();
            return false;
        }
        true
    }

    pub(crate) fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    /// Parses `text` (whose byte `i` is at local position `table[i]`) with a
    /// fresh parser sharing this one's diagnostics and here-document table.
    pub(crate) fn sub_parse<T>(
        &mut self,
        text: &str,
        table: &[usize],
        f: impl FnOnce(&mut Parser<'_>) -> T,
    ) -> T {
        let mut sub = Parser::new(text, self.map.compose(table));
        sub.depth = self.depth + 1;
        sub.heredocs = std::mem::take(&mut self.heredocs);
        let out = f(&mut sub);
        if sub.depth > MAX_DEPTH {
            sub.pos = sub.b.len();
        }
        while !sub.eof() {
            let at = sub.pos;
            sub.error(at, "unexpected token");
            sub.pos += 1;
            let _ = sub.parse_list(&[]);
        }
        self.heredocs = sub.heredocs;
        self.diags.append(&mut sub.diags);
        out
    }

    /// Consumes a newline and reads the bodies of pending here-documents.
    fn newline(&mut self) {
        self.pos += 1;
        for p in std::mem::take(&mut self.pending) {
            let body = self.heredoc_body(&p);
            if let Some(slot) = self.heredocs.get_mut(p.id) {
                *slot = Some(body);
            }
        }
    }

    fn heredoc_body(&mut self, p: &Pending) -> Word {
        let start = self.pos;
        let mut text = String::new();
        let mut table = Vec::new();
        let mut end = self.b.len();
        loop {
            if self.eof() {
                self.warning(
                    start,
                    &format!("here-document not terminated by `{}`", p.delimiter),
                );
                break;
            }
            let line_start = self.pos;
            let line_end = self.src[line_start..]
                .find('\n')
                .map_or(self.b.len(), |i| line_start + i);
            let line = &self.src[line_start..line_end];
            let trimmed = if p.strip {
                line.trim_start_matches('\t')
            } else {
                line
            };
            self.pos = (line_end + 1).min(self.b.len());
            if trimmed.trim_end_matches('\r') == p.delimiter {
                end = line_start;
                break;
            }
            let skip = line.len() - trimmed.len();
            let stop = (line_end + 1).min(self.b.len());
            text.push_str(&self.src[line_start + skip..stop]);
            table.extend(line_start + skip..stop);
        }
        table.push(end);
        let raw = self.src[start..end].to_string();
        let span = self.map.span(start, end);
        let mut word = if p.quoted {
            Word {
                parts: vec![Part {
                    kind: PartKind::Quoted(text),
                    span,
                }],
                raw: String::new(),
                span,
            }
        } else {
            self.sub_parse(&text, &table, |sp| {
                if sp.eof() {
                    sp.word_from(0, Vec::new())
                } else {
                    sp.read_word(Mode::Heredoc)
                }
            })
        };
        word.raw = raw;
        word.span = span;
        word
    }

    /// Skips blanks, comments and newlines (where a list may continue).
    fn skip_linebreaks(&mut self) {
        loop {
            self.skip_blanks();
            if self.at(self.pos) == b'\n' {
                self.newline();
            } else {
                return;
            }
        }
    }

    /// A list, ending at end of input, `)`, `;;` or one of `stops`.
    pub(crate) fn parse_list(&mut self, stops: &[&str]) -> List {
        let mut list = List::default();
        loop {
            self.skip_linebreaks();
            if self.eof() {
                break;
            }
            match self.peek_op() {
                Some((Op::RParen | Op::DSemi | Op::SemiAnd | Op::DSemiAnd, _)) => break,
                Some((
                    Op::Semi | Op::Amp | Op::AndAnd | Op::OrOr | Op::Pipe | Op::PipeAmp,
                    len,
                )) => {
                    let at = self.pos;
                    self.error(at, "expected a command before this operator");
                    self.pos += len;
                    continue;
                }
                _ => {}
            }
            if let Some(w) = self.peek_plain() {
                if TERMINATORS.contains(&w) {
                    if stops.contains(&w) {
                        break;
                    }
                    let (at, len) = (self.pos, w.len());
                    let msg = format!("unexpected `{w}`");
                    self.error(at, &msg);
                    self.pos += len;
                    continue;
                }
            }
            let start = self.pos;
            let mut item = self.parse_and_or();
            self.skip_blanks();
            match self.peek_op() {
                Some((Op::Semi, _)) => self.pos += 1,
                Some((Op::Amp, _)) => {
                    self.pos += 1;
                    item.background = true;
                }
                _ => {}
            }
            list.items.push(item);
            if self.pos == start {
                self.error(start, "unexpected character");
                self.pos += 1;
            }
        }
        list
    }

    fn parse_and_or(&mut self) -> AndOr {
        let first = self.parse_pipeline();
        let mut rest = Vec::new();
        loop {
            self.skip_blanks();
            let op = match self.peek_op() {
                Some((Op::AndAnd, _)) => AndOrOp::And,
                Some((Op::OrOr, _)) => AndOrOp::Or,
                _ => break,
            };
            self.pos += 2;
            self.skip_linebreaks();
            rest.push((op, self.parse_pipeline()));
        }
        AndOr {
            first,
            rest,
            background: false,
        }
    }

    fn parse_pipeline(&mut self) -> Pipeline {
        let mut p = Pipeline {
            negated: false,
            timed: false,
            cmds: Vec::new(),
        };
        loop {
            self.skip_blanks();
            match self.peek_plain() {
                Some("!") => {
                    p.negated = !p.negated;
                    self.pos += 1;
                }
                Some("time") if p.cmds.is_empty() && !p.timed => {
                    p.timed = true;
                    self.pos += 4;
                    self.skip_blanks();
                    if self.peek_plain() == Some("-p") {
                        self.pos += 2;
                    }
                }
                _ => break,
            }
        }
        self.skip_blanks();
        let bare = self.eof()
            || matches!(
                self.peek_op(),
                Some((
                    Op::Newline | Op::Semi | Op::Amp | Op::RParen | Op::AndAnd | Op::OrOr,
                    _
                ))
            );
        if p.negated && bare {
            // A lone `!` is accepted by shells (and fails).
            return p;
        }
        p.cmds.push(self.parse_command());
        loop {
            self.skip_blanks();
            match self.peek_op() {
                Some((Op::Pipe | Op::PipeAmp, len)) => self.pos += len,
                _ => break,
            }
            self.skip_linebreaks();
            p.cmds.push(self.parse_command());
        }
        p
    }

    fn expect_word(&mut self, kw: &str) -> bool {
        self.skip_linebreaks();
        if self.peek_plain() == Some(kw) {
            self.pos += kw.len();
            true
        } else {
            let at = self.pos;
            self.error(at, &format!("expected `{kw}`"));
            false
        }
    }

    fn expect_op(&mut self, want: Op, what: &str) {
        self.skip_linebreaks();
        match self.peek_op() {
            Some((op, len)) if op == want => self.pos += len,
            _ => {
                let at = self.pos;
                self.error(at, &format!("expected `{what}`"));
            }
        }
    }

    fn parse_command(&mut self) -> Command {
        self.skip_blanks();
        let start = self.pos;
        if !self.enter() {
            return Command::Simple(Simple::default());
        }
        let arith = if self.at(self.pos) == b'(' && self.at(self.pos + 1) == b'(' {
            self.arith_command()
        } else {
            None
        };
        let compound = if arith.is_some() {
            arith
        } else if self.at(self.pos) == b'(' {
            self.pos += 1;
            let body = self.parse_list(&[]);
            if body.items.is_empty() {
                self.error(start, "empty subshell");
            }
            self.expect_op(Op::RParen, ")");
            Some(Compound::Subshell(body))
        } else {
            match self.peek_plain() {
                Some("{") => {
                    self.pos += 1;
                    let body = self.parse_list(&["}"]);
                    if body.items.is_empty() {
                        self.error(start, "empty `{ }` group");
                    }
                    self.expect_word("}");
                    Some(Compound::Brace(body))
                }
                Some("if") => Some(self.parse_if()),
                Some(kw @ ("while" | "until")) => {
                    let until = kw == "until";
                    self.pos += kw.len();
                    let cond = self.parse_list(&["do"]);
                    self.expect_word("do");
                    let body = self.parse_list(&["done"]);
                    self.expect_word("done");
                    Some(Compound::While { until, cond, body })
                }
                Some(kw @ ("for" | "select")) => {
                    self.pos += kw.len();
                    Some(self.parse_for())
                }
                Some("case") => Some(self.parse_case()),
                Some("[[") => Some(self.parse_test()),
                Some("function") => {
                    self.pos += "function".len();
                    self.skip_blanks();
                    let name = self.peek_plain().unwrap_or("").to_string();
                    self.pos += name.len();
                    self.skip_blanks();
                    if self.at(self.pos) == b'(' {
                        self.pos += 1;
                        self.expect_op(Op::RParen, ")");
                    }
                    let cmd = self.function_body(name, start);
                    self.leave();
                    return cmd;
                }
                _ => None,
            }
        };
        let cmd = match compound {
            Some(c) => {
                let mut redirs = Vec::new();
                loop {
                    self.skip_blanks();
                    match self.parse_redir() {
                        Some(r) => redirs.push(r),
                        None => break,
                    }
                }
                Command::Compound(Box::new(c), redirs, self.map.span(start, self.pos))
            }
            None => self.parse_simple(start),
        };
        self.leave();
        cmd
    }

    fn function_body(&mut self, name: String, start: usize) -> Command {
        self.skip_linebreaks();
        let at = self.pos;
        let body = self.parse_command();
        if matches!(body, Command::Simple(_)) {
            self.error(
                at,
                "a function body must be a compound command (`{ ...; }`)",
            );
        }
        Command::Function {
            name,
            body: Box::new(body),
            span: self.map.span(start, self.pos),
        }
    }

    /// `(( expr ))`; `None` (cursor unmoved) when the parentheses do not
    /// close as `))`, as in `((cd a; make) || true)`: a nested subshell.
    fn arith_command(&mut self) -> Option<Compound> {
        let start = self.pos;
        let mut i = start;
        let mut depth = 0i32;
        while i < self.b.len() {
            match self.b[i] {
                b'(' => depth += 1,
                b')' => {
                    depth -= 1;
                    if depth == 1 && self.at(i + 1) != b')' {
                        return None;
                    }
                    if depth == 0 {
                        self.pos = i + 1;
                        return Some(Compound::Arith(self.src[start..self.pos].to_string()));
                    }
                }
                _ => {}
            }
            i += 1;
        }
        None
    }

    fn parse_if(&mut self) -> Compound {
        self.pos += 2;
        let mut branches = Vec::new();
        let mut otherwise = None;
        loop {
            let cond = self.parse_list(&["then"]);
            self.expect_word("then");
            let body = self.parse_list(&["elif", "else", "fi"]);
            branches.push((cond, body));
            match self.peek_plain() {
                Some("elif") => self.pos += 4,
                Some("else") => {
                    self.pos += 4;
                    otherwise = Some(self.parse_list(&["fi"]));
                    self.expect_word("fi");
                    break;
                }
                _ => {
                    self.expect_word("fi");
                    break;
                }
            }
        }
        Compound::If {
            branches,
            otherwise,
        }
    }

    fn parse_for(&mut self) -> Compound {
        self.skip_blanks();
        if self.at(self.pos) == b'(' && self.at(self.pos + 1) == b'(' {
            // Bash's C-style loop: the header is arithmetic.
            if self.arith_command().is_none() {
                let at = self.pos;
                self.error(at, "bad arithmetic `for` header");
                self.pos += 2;
            }
            self.skip_blanks();
            if self.at(self.pos) == b';' {
                self.pos += 1;
            }
            return self.loop_body(String::new(), None);
        }
        let var = match self.peek_plain() {
            Some(v) if v.bytes().all(is_name_char) => v.to_string(),
            _ => {
                let at = self.pos;
                self.error(at, "expected a variable name after `for`");
                String::new()
            }
        };
        self.pos += var.len();
        self.skip_linebreaks();
        let mut words = None;
        if self.peek_plain() == Some("in") {
            self.pos += 2;
            let mut ws = Vec::new();
            loop {
                self.skip_blanks();
                if self.eof() || self.peek_op().is_some() {
                    break;
                }
                ws.push(self.read_word(Mode::Normal));
            }
            words = Some(ws);
        }
        self.skip_blanks();
        if self.at(self.pos) == b';' {
            self.pos += 1;
        }
        self.loop_body(var, words)
    }

    fn loop_body(&mut self, var: String, words: Option<Vec<Word>>) -> Compound {
        self.skip_linebreaks();
        let body = if self.peek_plain() == Some("{") {
            // Bash also accepts `for x in y; { ...; }`.
            self.pos += 1;
            let body = self.parse_list(&["}"]);
            self.expect_word("}");
            body
        } else {
            self.expect_word("do");
            let body = self.parse_list(&["done"]);
            self.expect_word("done");
            body
        };
        Compound::For { var, words, body }
    }

    fn parse_case(&mut self) -> Compound {
        self.pos += 4;
        self.skip_blanks();
        let word = if self.eof() || self.peek_op().is_some() {
            let at = self.pos;
            self.error(at, "expected a word after `case`");
            self.word_from(at, Vec::new())
        } else {
            self.read_word(Mode::Normal)
        };
        self.expect_word("in");
        let mut arms = Vec::new();
        loop {
            self.skip_linebreaks();
            if self.eof() || self.peek_plain() == Some("esac") {
                break;
            }
            if self.at(self.pos) == b'(' {
                self.pos += 1;
            }
            let mut patterns = Vec::new();
            loop {
                self.skip_blanks();
                if self.eof() {
                    break;
                }
                match self.peek_op() {
                    Some((Op::Pipe, _)) => self.pos += 1,
                    Some((Op::RParen, _)) => {
                        self.pos += 1;
                        break;
                    }
                    Some((_, len)) => {
                        let at = self.pos;
                        self.error(at, "unexpected operator in a case pattern");
                        self.pos += len.max(1);
                    }
                    None => patterns.push(self.read_word(Mode::Normal)),
                }
            }
            let body = self.parse_list(&["esac"]);
            arms.push((patterns, body));
            self.skip_blanks();
            match self.peek_op() {
                Some((Op::DSemi | Op::SemiAnd | Op::DSemiAnd, len)) => self.pos += len,
                _ => break,
            }
        }
        self.expect_word("esac");
        Compound::Case { word, arms }
    }

    /// `[[ ... ]]`: operators inside are words.
    fn parse_test(&mut self) -> Compound {
        let start = self.pos;
        self.pos += 2;
        let mut words = Vec::new();
        loop {
            self.skip_blanks();
            if self.at(self.pos) == b'\n' {
                self.newline();
                continue;
            }
            if self.eof() {
                self.error(start, "expected `]]`");
                break;
            }
            if self.peek_plain() == Some("]]") {
                self.pos += 2;
                break;
            }
            match self.peek_op() {
                Some((op, len)) if !matches!(op, Op::Newline) => {
                    let at = self.pos;
                    self.pos += len.max(1);
                    let text = self.src[at..self.pos].to_string();
                    let part = self.part(PartKind::Lit(text), at);
                    words.push(self.word_from(at, vec![part]));
                }
                _ => words.push(self.read_word(Mode::Normal)),
            }
        }
        Compound::Test(words)
    }

    /// A redirection at the cursor (with its optional fd number), if any.
    fn parse_redir(&mut self) -> Option<Redir> {
        let start = self.pos;
        let mut i = self.pos;
        while self.at(i).is_ascii_digit() {
            i += 1;
        }
        let fd = if i > start && matches!(self.at(i), b'<' | b'>') {
            let fd = self.src[start..i].parse().ok();
            self.pos = i;
            fd
        } else {
            None
        };
        let op = match self.peek_op() {
            Some((Op::Redir(op), len)) => {
                self.pos += len;
                op
            }
            _ => {
                self.pos = start;
                return None;
            }
        };
        self.skip_blanks();
        let target = if self.eof() || self.peek_op().is_some() {
            let at = self.pos;
            self.error(at, "expected a redirection target");
            self.word_from(self.pos, Vec::new())
        } else {
            self.read_word(Mode::Normal)
        };
        let mut heredoc = None;
        if matches!(op, RedirOp::HereDoc | RedirOp::HereDocStrip) {
            let quoted = target
                .parts
                .iter()
                .any(|p| !matches!(p.kind, PartKind::Lit(_)));
            let delimiter: String = target.parts.iter().map(literal_text).collect();
            let id = self.heredocs.len();
            self.heredocs.push(None);
            self.pending.push(Pending {
                id,
                delimiter: delimiter.clone(),
                quoted,
                strip: op == RedirOp::HereDocStrip,
            });
            heredoc = Some(HereDoc {
                delimiter,
                quoted,
                strip_tabs: op == RedirOp::HereDocStrip,
                id,
            });
        }
        Some(Redir {
            fd,
            op,
            target,
            heredoc,
            span: self.map.span(start, self.pos),
        })
    }

    fn parse_simple(&mut self, start: usize) -> Command {
        if let Some(
            w @ ("then" | "elif" | "else" | "fi" | "do" | "done" | "esac" | "}" | "in" | "]]"),
        ) = self.peek_plain()
        {
            // A reserved word where a command should be (after `|`, `&&`,
            // `!`); read on as if it were a command name.
            let msg = format!("unexpected `{w}`");
            self.error(start, &msg);
        }
        let mut cmd = Simple::default();
        // The end of the last item: the span leaves out trailing blanks.
        let mut end = start;
        loop {
            self.skip_blanks();
            if self.eof() {
                break;
            }
            if let Some(r) = self.parse_redir() {
                cmd.redirs.push(r);
                end = self.pos;
                continue;
            }
            match self.peek_op() {
                Some((Op::LParen, _))
                    if cmd.words.len() == 1 && cmd.assigns.is_empty() && cmd.redirs.is_empty() =>
                {
                    let name = cmd.words[0].raw.clone();
                    self.pos += 1;
                    self.expect_op(Op::RParen, ")");
                    return self.function_body(name, start);
                }
                Some((Op::LParen, _)) => {
                    let at = self.pos;
                    self.error(at, "unexpected `(`");
                    self.pos += 1;
                    continue;
                }
                Some(_) => break,
                None => {}
            }
            if cmd.words.is_empty() {
                if let Some(a) = self.parse_assign() {
                    cmd.assigns.push(a);
                    end = self.pos;
                    continue;
                }
            }
            cmd.words.push(self.read_word(Mode::Normal));
            end = self.pos;
        }
        if cmd.words.is_empty() && cmd.assigns.is_empty() && cmd.redirs.is_empty() {
            let at = self.pos;
            self.error(at, "expected a command");
        }
        cmd.span = self.map.span(start, end);
        Command::Simple(cmd)
    }

    /// `NAME=value`, `NAME+=value` or `NAME=(a b)` at the cursor.
    fn parse_assign(&mut self) -> Option<Assign> {
        let start = self.pos;
        if !is_name_start(self.at(start)) {
            return None;
        }
        let mut i = start;
        while is_name_char(self.at(i)) {
            i += 1;
        }
        let name_end = i;
        let append = self.at(i) == b'+';
        if append {
            i += 1;
        }
        if self.at(i) != b'=' {
            return None;
        }
        self.pos = i + 1;
        let name = self.src[start..name_end].to_string();
        let (mut value, mut array) = (None, None);
        if self.at(self.pos) == b'(' {
            self.pos += 1;
            let mut words = Vec::new();
            loop {
                self.skip_linebreaks();
                if self.eof() {
                    self.error(start, "unterminated array assignment");
                    break;
                }
                if self.at(self.pos) == b')' {
                    self.pos += 1;
                    break;
                }
                if self.peek_op().is_some() {
                    let at = self.pos;
                    self.error(at, "unexpected operator in an array");
                    self.pos += 1;
                    continue;
                }
                words.push(self.read_word(Mode::Normal));
            }
            array = Some(words);
        } else if self.eof() || is_meta(self.at(self.pos)) {
            value = Some(self.word_from(self.pos, Vec::new()));
        } else {
            value = Some(self.read_word(Mode::Normal));
        }
        Some(Assign {
            name,
            value,
            array,
            append,
            span: self.map.span(start, self.pos),
        })
    }
}

/// The text of a part with quotes removed and expansions left as written
/// (how a here-document delimiter is spelled).
pub(crate) fn literal_text(p: &Part) -> String {
    match &p.kind {
        PartKind::Lit(s) | PartKind::Quoted(s) | PartKind::Glob(s) | PartKind::Brace(s) => {
            s.clone()
        }
        PartKind::Tilde(s) => format!("~{s}"),
        PartKind::Double(ps) => ps.iter().map(literal_text).collect(),
        PartKind::Param(p) => p.raw.clone(),
        PartKind::CmdSubst { raw, .. } => raw.clone(),
        PartKind::Arith(s) => s.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn program(src: &str) -> (List, Vec<Option<Word>>, Vec<Diagnostic>) {
        let mut p = Parser::new(src, PosMap::default());
        let list = p.parse_program();
        (list, p.heredocs, p.diags)
    }

    #[test]
    fn heredoc_bodies_follow_their_line() {
        let (list, bodies, diags) =
            program("cat <<A; cat <<-'B'\none $x\nA\n\ttwo\n\tB\necho end\n");
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(list.items.len(), 3);
        let texts: Vec<&str> = bodies.iter().flatten().map(|w| w.raw.as_str()).collect();
        assert_eq!(texts, ["one $x\n", "\ttwo\n"]);
        let b = bodies[1].as_ref().map(|w| &w.parts[0].kind);
        assert_eq!(b, Some(&PartKind::Quoted("two\n".into())));
    }

    #[test]
    fn maps_through_tables() {
        // Byte 1 stands for the two bytes of an escape at 10..12.
        let map = PosMap::ranges(vec![(9, 10), (10, 12), (12, 13), (13, 13)]);
        assert_eq!(map.span(0, 3), Span::new(9, 13));
        assert_eq!(map.span(1, 2), Span::new(10, 12));
        assert_eq!(map.span(3, 3), Span::new(13, 13));
        assert_eq!(PosMap::offset(5).span(1, 2), Span::new(6, 7));
    }

    #[test]
    fn keywords_only_in_command_position() {
        let (list, _, diags) = program("echo if then fi; for x in do done; do echo; done");
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(list.items.len(), 2);
    }
}
