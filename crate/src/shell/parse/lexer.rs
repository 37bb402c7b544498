//! Characters to words: quoting, escapes, expansions and operators. Shell
//! lexing depends on where the parser is, so these are methods of the
//! [`Parser`] that the grammar in `parser.rs` calls.

use super::ast::{Param, ParamOp, Part, PartKind, RedirOp, Word};
use super::parser::Parser;

/// Where a word ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// A command word: ends at blanks and operators.
    Normal,
    /// The operand of `${V op word}`: ends at `}` (and `/` for a pattern).
    Param { slash: bool },
    /// An unquoted here-document body: only `$`, backticks and `\` matter.
    Heredoc,
}

/// Control and redirection operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Op {
    AndAnd,
    OrOr,
    Semi,
    DSemi,
    SemiAnd,
    DSemiAnd,
    Amp,
    Pipe,
    PipeAmp,
    LParen,
    RParen,
    Newline,
    Redir(RedirOp),
}

/// Bytes that end an unquoted word.
pub(crate) fn is_meta(c: u8) -> bool {
    matches!(
        c,
        b' ' | b'\t' | b'\r' | b'\n' | b';' | b'&' | b'|' | b'<' | b'>' | b'(' | b')'
    )
}

pub(crate) fn is_name_start(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'_'
}

pub(crate) fn is_name_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

impl Parser<'_> {
    pub(crate) fn at(&self, i: usize) -> u8 {
        self.b.get(i).copied().unwrap_or(0)
    }

    pub(crate) fn eof(&self) -> bool {
        self.pos >= self.b.len()
    }

    /// Length of a backslash-newline continuation at `i` (0 if none).
    pub(crate) fn continuation_at(&self, i: usize) -> usize {
        match (self.at(i), self.at(i + 1), self.at(i + 2)) {
            (b'\\', b'\n', _) => 2,
            (b'\\', b'\r', b'\n') => 3,
            _ => 0,
        }
    }

    /// Skips blanks, continuations and a comment (not the newline ending it).
    pub(crate) fn skip_blanks(&mut self) {
        loop {
            match self.at(self.pos) {
                b' ' | b'\t' | b'\r' if !self.eof() => self.pos += 1,
                b'\\' if self.continuation_at(self.pos) > 0 => {
                    self.pos += self.continuation_at(self.pos)
                }
                b'#' => {
                    while !self.eof() && self.at(self.pos) != b'\n' {
                        self.pos += 1;
                    }
                }
                _ => return,
            }
        }
    }

    /// The operator at the cursor, with its length (process substitution
    /// `<(`/`>(` is a word, not an operator).
    pub(crate) fn peek_op(&self) -> Option<(Op, usize)> {
        use RedirOp as R;
        let (a, b, c) = (
            self.at(self.pos),
            self.at(self.pos + 1),
            self.at(self.pos + 2),
        );
        Some(match (a, b, c) {
            (b'&', b'&', _) => (Op::AndAnd, 2),
            (b'&', b'>', b'>') => (Op::Redir(R::AppendErr), 3),
            (b'&', b'>', _) => (Op::Redir(R::OutErr), 2),
            (b'&', _, _) => (Op::Amp, 1),
            (b'|', b'|', _) => (Op::OrOr, 2),
            (b'|', b'&', _) => (Op::PipeAmp, 2),
            (b'|', _, _) => (Op::Pipe, 1),
            (b';', b';', b'&') => (Op::DSemiAnd, 3),
            (b';', b';', _) => (Op::DSemi, 2),
            (b';', b'&', _) => (Op::SemiAnd, 2),
            (b';', _, _) => (Op::Semi, 1),
            (b'(', _, _) => (Op::LParen, 1),
            (b')', _, _) => (Op::RParen, 1),
            (b'\n', _, _) => (Op::Newline, 1),
            (b'<' | b'>', b'(', _) => return None,
            (b'<', b'<', b'<') => (Op::Redir(R::HereString), 3),
            (b'<', b'<', b'-') => (Op::Redir(R::HereDocStrip), 3),
            (b'<', b'<', _) => (Op::Redir(R::HereDoc), 2),
            (b'<', b'&', _) => (Op::Redir(R::DupIn), 2),
            (b'<', b'>', _) => (Op::Redir(R::ReadWrite), 2),
            (b'<', _, _) => (Op::Redir(R::In), 1),
            (b'>', b'>', _) => (Op::Redir(R::Append), 2),
            (b'>', b'&', _) => (Op::Redir(R::DupOut), 2),
            (b'>', b'|', _) => (Op::Redir(R::Clobber), 2),
            (b'>', _, _) => (Op::Redir(R::Out), 1),
            _ => return None,
        })
    }

    /// An unquoted word made only of ordinary characters, without consuming
    /// it: how reserved words are recognised.
    pub(crate) fn peek_plain(&self) -> Option<&str> {
        let mut i = self.pos;
        while i < self.b.len()
            && !is_meta(self.b[i])
            && !matches!(self.b[i], b'\'' | b'"' | b'\\' | b'$' | b'`')
        {
            i += 1;
        }
        if i == self.pos || (i < self.b.len() && !is_meta(self.b[i])) {
            return None;
        }
        self.src.get(self.pos..i)
    }

    /// Reads one word starting at the cursor (which must not be at a blank or
    /// an operator in `Normal` mode).
    pub(crate) fn read_word(&mut self, mode: Mode) -> Word {
        let start = self.pos;
        if !self.enter() {
            return self.word_from(start, Vec::new());
        }
        let mut parts: Vec<Part> = Vec::new();
        let mut lit = String::new();
        let mut lit_start = start;
        while !self.eof() {
            let c = self.at(self.pos);
            match mode {
                Mode::Normal if is_meta(c) => {
                    let procsub = matches!(c, b'<' | b'>') && self.at(self.pos + 1) == b'(';
                    if !(procsub && self.pos == start) {
                        break;
                    }
                }
                Mode::Param { slash } if c == b'}' || (slash && c == b'/') => break,
                _ => {}
            }
            let here = self.pos;
            if lit.is_empty() {
                lit_start = here;
            }
            let part = match c {
                b'<' | b'>' if mode == Mode::Normal => {
                    self.pos += 2;
                    Some(self.cmd_subst(here, true))
                }
                b'\\' => {
                    let cont = self.continuation_at(here);
                    if cont > 0 {
                        self.pos += cont;
                        continue;
                    }
                    let next = self.src[here + 1..].chars().next();
                    match next {
                        Some(ch) if mode != Mode::Heredoc || matches!(ch, '$' | '`' | '\\') => {
                            self.pos += 1 + ch.len_utf8();
                            Some(self.part(PartKind::Quoted(ch.to_string()), here))
                        }
                        _ => {
                            self.pos += 1;
                            lit.push('\\');
                            None
                        }
                    }
                }
                b'\'' if mode != Mode::Heredoc => Some(self.single_quoted()),
                b'"' if mode != Mode::Heredoc => Some(self.double_quoted()),
                b'$' => self.dollar(false, mode),
                b'`' => Some(self.backtick()),
                b'*' | b'?' if mode != Mode::Heredoc => {
                    self.pos += 1;
                    Some(self.part(PartKind::Glob((c as char).to_string()), here))
                }
                b'[' if mode == Mode::Normal && self.bracket_glob_end().is_some() => {
                    let end = self.bracket_glob_end().unwrap_or(here + 1);
                    self.pos = end;
                    Some(self.part(PartKind::Glob(self.src[here..end].to_string()), here))
                }
                b'{' if mode == Mode::Normal && self.brace_end().is_some() => {
                    let end = self.brace_end().unwrap_or(here + 1);
                    self.pos = end;
                    Some(self.part(PartKind::Brace(self.src[here..end].to_string()), here))
                }
                b'~' if mode == Mode::Normal && here == start => {
                    let mut i = here + 1;
                    while i < self.b.len()
                        && (is_name_char(self.b[i]) || matches!(self.b[i], b'-' | b'.'))
                    {
                        i += 1;
                    }
                    self.pos = i;
                    Some(self.part(PartKind::Tilde(self.src[here + 1..i].to_string()), here))
                }
                _ => {
                    let ch = self.src[here..].chars().next().unwrap_or(' ');
                    self.pos += ch.len_utf8();
                    lit.push(ch);
                    None
                }
            };
            if let Some(p) = part {
                if !lit.is_empty() {
                    parts.push(self.lit_part(&mut lit, lit_start, here));
                }
                parts.push(p);
                lit_start = self.pos;
            }
        }
        if !lit.is_empty() {
            let p = self.lit_part(&mut lit, lit_start, self.pos);
            parts.push(p);
        }
        self.leave();
        self.word_from(start, parts)
    }

    fn lit_part(&self, lit: &mut String, start: usize, end: usize) -> Part {
        Part {
            kind: PartKind::Lit(std::mem::take(lit)),
            span: self.map.span(start, end),
        }
    }

    pub(crate) fn part(&self, kind: PartKind, start: usize) -> Part {
        Part {
            kind,
            span: self.map.span(start, self.pos),
        }
    }

    pub(crate) fn word_from(&self, start: usize, parts: Vec<Part>) -> Word {
        Word {
            parts,
            raw: self.src.get(start..self.pos).unwrap_or("").to_string(),
            span: self.map.span(start, self.pos),
        }
    }

    /// End of a `[...]` bracket expression at the cursor, if it closes
    /// within the word (a lone `[` is the test command, not a glob).
    fn bracket_glob_end(&self) -> Option<usize> {
        let mut i = self.pos + 1;
        if self.at(i) == b']' {
            i += 1;
        }
        // Bracket expressions are short; the cap keeps `[[[[...` linear.
        let cap = (self.pos + 128).min(self.b.len());
        while i < cap && !is_meta(self.b[i]) && !matches!(self.b[i], b'\'' | b'"') {
            if self.b[i] == b']' {
                return Some(i + 1);
            }
            i += 1;
        }
        None
    }

    /// End of a brace expansion `{a,b}` / `{1..3}` at the cursor.
    fn brace_end(&self) -> Option<usize> {
        let mut i = self.pos + 1;
        let mut depth = 1;
        let mut seen = false;
        let cap = (self.pos + 1024).min(self.b.len());
        while i < cap && !is_meta(self.b[i]) && !matches!(self.b[i], b'\'' | b'"' | b'$') {
            match self.b[i] {
                b'{' => depth += 1,
                b'}' => {
                    depth -= 1;
                    if depth == 0 {
                        return seen.then_some(i + 1);
                    }
                }
                b',' => seen = true,
                b'.' if self.at(i + 1) == b'.' => seen = true,
                _ => {}
            }
            i += 1;
        }
        None
    }

    fn single_quoted(&mut self) -> Part {
        let start = self.pos;
        self.pos += 1;
        let body = self.pos;
        while !self.eof() && self.at(self.pos) != b'\'' {
            self.pos += 1;
        }
        let text = self.src[body..self.pos].to_string();
        // The part's span is the text inside the quotes, so that positions
        // within it map one to one (for `sh -c '...'`).
        let span = self.map.span(body, self.pos);
        if self.eof() {
            self.error(start, "unterminated single quote");
        } else {
            self.pos += 1;
        }
        Part {
            kind: PartKind::Quoted(text),
            span,
        }
    }

    fn double_quoted(&mut self) -> Part {
        let start = self.pos;
        self.pos += 1;
        if !self.enter() {
            return self.part(PartKind::Double(Vec::new()), start);
        }
        let mut parts = Vec::new();
        let mut lit = String::new();
        let mut lit_start = self.pos;
        loop {
            if self.eof() {
                self.error(start, "unterminated double quote");
                break;
            }
            let here = self.pos;
            if lit.is_empty() {
                lit_start = here;
            }
            let c = self.at(here);
            let part = match c {
                b'"' => {
                    self.pos += 1;
                    break;
                }
                b'\\' => {
                    let cont = self.continuation_at(here);
                    if cont > 0 {
                        self.pos += cont;
                        continue;
                    }
                    let n = self.at(here + 1);
                    if matches!(n, b'$' | b'`' | b'"' | b'\\') {
                        self.pos += 2;
                        Some(self.part(PartKind::Quoted((n as char).to_string()), here))
                    } else {
                        self.pos += 1;
                        lit.push('\\');
                        None
                    }
                }
                b'$' => self.dollar(true, Mode::Normal),
                b'`' => Some(self.backtick()),
                _ => {
                    let ch = self.src[here..].chars().next().unwrap_or(' ');
                    self.pos += ch.len_utf8();
                    lit.push(ch);
                    None
                }
            };
            if let Some(p) = part {
                if !lit.is_empty() {
                    parts.push(Part {
                        kind: PartKind::Quoted(std::mem::take(&mut lit)),
                        span: self.map.span(lit_start, here),
                    });
                }
                parts.push(p);
                lit_start = self.pos;
            }
        }
        if !lit.is_empty() {
            let end = if self.at(self.pos.saturating_sub(1)) == b'"' {
                self.pos - 1
            } else {
                self.pos
            };
            parts.push(Part {
                kind: PartKind::Quoted(lit),
                span: self.map.span(lit_start, end),
            });
        }
        self.leave();
        self.part(PartKind::Double(parts), start)
    }

    /// A `$` at the cursor; `None` when it is a literal dollar sign (which
    /// is then consumed into the current literal by the caller's next turn).
    fn dollar(&mut self, in_double: bool, mode: Mode) -> Option<Part> {
        let start = self.pos;
        let n = self.at(start + 1);
        match n {
            b'\'' if !in_double && mode != Mode::Heredoc => {
                self.pos += 1;
                let mut p = self.ansi_c();
                p.span = self.map.span(start, self.pos);
                Some(p)
            }
            b'"' if !in_double && mode != Mode::Heredoc => {
                self.pos += 1;
                Some(self.double_quoted())
            }
            b'(' if self.at(start + 2) == b'(' => {
                if let Some(end) = self.arith_end(start + 3) {
                    self.pos = end;
                    let raw = self.src[start..end].to_string();
                    Some(self.part(PartKind::Arith(raw), start))
                } else {
                    self.pos += 2;
                    Some(self.cmd_subst(start, false))
                }
            }
            b'(' => {
                self.pos += 2;
                Some(self.cmd_subst(start, false))
            }
            b'{' => Some(self.braced_param()),
            c if is_name_start(c) => {
                let mut i = start + 1;
                while is_name_char(self.at(i)) {
                    i += 1;
                }
                self.pos = i;
                Some(self.param_part(start, &self.src[start + 1..i], ParamOp::Plain))
            }
            c if c.is_ascii_digit()
                || matches!(c, b'@' | b'*' | b'#' | b'?' | b'-' | b'$' | b'!') =>
            {
                self.pos += 2;
                Some(self.param_part(start, &self.src[start + 1..start + 2], ParamOp::Plain))
            }
            _ => {
                self.pos += 1;
                Some(self.part(PartKind::Lit("$".into()), start))
            }
        }
    }

    fn param_part(&self, start: usize, name: &str, op: ParamOp) -> Part {
        let param = Param {
            name: name.to_string(),
            op,
            arg: None,
            rep: None,
            raw: self.src[start..self.pos].to_string(),
        };
        self.part(PartKind::Param(Box::new(param)), start)
    }

    /// End of `$((..))` whose body starts at `i`, if the parentheses balance.
    fn arith_end(&self, mut i: usize) -> Option<usize> {
        let mut depth = 2;
        while i < self.b.len() {
            match self.b[i] {
                b'(' => depth += 1,
                b')' => {
                    depth -= 1;
                    if depth == 1 {
                        return (self.at(i + 1) == b')').then_some(i + 2);
                    }
                }
                _ => {}
            }
            i += 1;
        }
        None
    }

    /// `$'...'` with the cursor on the quote.
    fn ansi_c(&mut self) -> Part {
        let start = self.pos;
        self.pos += 1;
        let mut out = String::new();
        loop {
            if self.eof() {
                self.error(start, "unterminated $'...' string");
                break;
            }
            let c = self.src[self.pos..].chars().next().unwrap_or('\'');
            self.pos += c.len_utf8();
            match c {
                '\'' => break,
                '\\' => {
                    let e = self.src[self.pos..].chars().next().unwrap_or('\\');
                    self.pos += e.len_utf8().min(self.b.len() - self.pos);
                    match e {
                        'n' => out.push('\n'),
                        't' => out.push('\t'),
                        'r' => out.push('\r'),
                        'a' => out.push('\x07'),
                        'b' => out.push('\x08'),
                        'e' | 'E' => out.push('\x1b'),
                        'f' => out.push('\x0c'),
                        'v' => out.push('\x0b'),
                        '0'..='7' => {
                            let mut v = e as u32 - '0' as u32;
                            for _ in 0..2 {
                                let d = self.at(self.pos);
                                if (b'0'..=b'7').contains(&d) {
                                    v = v * 8 + (d - b'0') as u32;
                                    self.pos += 1;
                                }
                            }
                            out.push(char::from_u32(v).unwrap_or('?'));
                        }
                        'x' => {
                            let mut v = 0u32;
                            for _ in 0..2 {
                                let d = (self.at(self.pos) as char).to_digit(16);
                                if let Some(d) = d {
                                    v = v * 16 + d;
                                    self.pos += 1;
                                }
                            }
                            out.push(char::from_u32(v).unwrap_or('?'));
                        }
                        other => out.push(other),
                    }
                }
                other => out.push(other),
            }
        }
        self.part(PartKind::Quoted(out), start)
    }

    /// `${...}` with the cursor on the `$`.
    fn braced_param(&mut self) -> Part {
        let start = self.pos;
        self.pos += 2;
        let mut op = ParamOp::Plain;
        let c = self.at(self.pos);
        if c == b'#' && self.at(self.pos + 1) != b'}' {
            op = ParamOp::Length;
            self.pos += 1;
        } else if c == b'!' && self.at(self.pos + 1) != b'}' {
            op = ParamOp::Other;
            self.pos += 1;
        }
        let name_start = self.pos;
        let c = self.at(self.pos);
        if is_name_start(c) {
            while is_name_char(self.at(self.pos)) {
                self.pos += 1;
            }
        } else if c.is_ascii_digit() {
            while self.at(self.pos).is_ascii_digit() {
                self.pos += 1;
            }
        } else if matches!(c, b'@' | b'*' | b'#' | b'?' | b'-' | b'$' | b'!') {
            self.pos += 1;
        }
        let name = self.src[name_start..self.pos].to_string();
        if name.is_empty() {
            self.error(start, "bad substitution");
        }
        if self.at(self.pos) == b'[' {
            // Array subscript: skip it, the value is not computed.
            while !self.eof() && self.at(self.pos) != b']' {
                self.pos += 1;
            }
            self.pos = (self.pos + 1).min(self.b.len());
            op = ParamOp::Other;
        }
        let (a, b) = (self.at(self.pos), self.at(self.pos + 1));
        let (new_op, len) = match (a, b) {
            (b'}', _) => (None, 0),
            (b':', b'-') => (Some(ParamOp::Default { colon: true }), 2),
            (b':', b'=') => (Some(ParamOp::Assign { colon: true }), 2),
            (b':', b'?') => (Some(ParamOp::Error { colon: true }), 2),
            (b':', b'+') => (Some(ParamOp::Alt { colon: true }), 2),
            (b'-', _) => (Some(ParamOp::Default { colon: false }), 1),
            (b'=', _) => (Some(ParamOp::Assign { colon: false }), 1),
            (b'?', _) => (Some(ParamOp::Error { colon: false }), 1),
            (b'+', _) => (Some(ParamOp::Alt { colon: false }), 1),
            (b'#', b'#') => (Some(ParamOp::TrimPrefix { longest: true }), 2),
            (b'#', _) => (Some(ParamOp::TrimPrefix { longest: false }), 1),
            (b'%', b'%') => (Some(ParamOp::TrimSuffix { longest: true }), 2),
            (b'%', _) => (Some(ParamOp::TrimSuffix { longest: false }), 1),
            (b'/', b'/') => (Some(ParamOp::Replace { all: true }), 2),
            (b'/', b'#' | b'%') => (Some(ParamOp::Other), 2),
            (b'/', _) => (Some(ParamOp::Replace { all: false }), 1),
            (b':', _) => (Some(ParamOp::Substring), 1),
            (b'^', b'^') => (
                Some(ParamOp::Case {
                    upper: true,
                    all: true,
                }),
                2,
            ),
            (b'^', _) => (
                Some(ParamOp::Case {
                    upper: true,
                    all: false,
                }),
                1,
            ),
            (b',', b',') => (
                Some(ParamOp::Case {
                    upper: false,
                    all: true,
                }),
                2,
            ),
            (b',', _) => (
                Some(ParamOp::Case {
                    upper: false,
                    all: false,
                }),
                1,
            ),
            (b'@', _) => (Some(ParamOp::Other), 1),
            _ => {
                self.error(self.pos, "bad substitution");
                (Some(ParamOp::Other), 0)
            }
        };
        self.pos += len;
        if let Some(o) = new_op {
            op = if op == ParamOp::Plain {
                o
            } else {
                ParamOp::Other
            };
        }
        let (mut arg, mut rep) = (None, None);
        if new_op.is_some() {
            let slash = matches!(new_op, Some(ParamOp::Replace { .. }) | Some(ParamOp::Other));
            arg = Some(self.read_word(Mode::Param { slash }));
            if slash && self.at(self.pos) == b'/' {
                self.pos += 1;
                rep = Some(self.read_word(Mode::Param { slash: false }));
            }
        }
        if self.at(self.pos) == b'}' {
            self.pos += 1;
        } else {
            self.error(start, "unterminated ${...}");
        }
        let param = Param {
            name,
            op,
            arg,
            rep,
            raw: self.src[start..self.pos].to_string(),
        };
        self.part(PartKind::Param(Box::new(param)), start)
    }

    /// `$(...)` or `<(...)`/`>(...)`, the cursor just after the `(`.
    fn cmd_subst(&mut self, start: usize, process: bool) -> Part {
        let list = self.parse_list(&[]);
        if self.at(self.pos) == b')' {
            self.pos += 1;
        } else {
            self.error(start, "unterminated command substitution");
        }
        let raw = self.src[start..self.pos].to_string();
        self.part(PartKind::CmdSubst { list, raw, process }, start)
    }

    /// A backtick command substitution: its body is unescaped, then parsed
    /// on its own with positions mapped back.
    fn backtick(&mut self) -> Part {
        let start = self.pos;
        self.pos += 1;
        let mut text = Vec::new();
        let mut table = Vec::new();
        // Where the body ends: the closing backtick, or the end of input.
        let mut end = self.b.len();
        loop {
            if self.eof() {
                self.error(start, "unterminated backtick");
                break;
            }
            let c = self.at(self.pos);
            if c == b'`' {
                end = self.pos;
                self.pos += 1;
                break;
            }
            if c == b'\\' && matches!(self.at(self.pos + 1), b'`' | b'\\' | b'$') {
                self.pos += 1;
            }
            text.push(self.at(self.pos));
            table.push(self.pos);
            self.pos += 1;
        }
        table.push(end);
        let text = String::from_utf8(text).unwrap_or_default();
        let list = self.sub_parse(&text, &table, |p| p.parse_list(&[]));
        let raw = self.src[start..self.pos].to_string();
        self.part(
            PartKind::CmdSubst {
                list,
                raw,
                process: false,
            },
            start,
        )
    }
}
