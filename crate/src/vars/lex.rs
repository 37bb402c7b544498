//! BuildKit's word processor (`frontend/dockerfile/shell`, "the shell
//! lexer"): `$V` / `${V…}` substitution, quote and escape removal and, for
//! [`process_words`], splitting on whitespace.
//!
//! It is deliberately not a POSIX shell: it follows what BuildKit does,
//! including its quirks, because the point is to show users what their
//! Dockerfile will really produce. Known differences are listed on
//! [`Lexer`].

use std::collections::BTreeSet;
use std::fmt;

use serde::Serialize;

use super::pattern::{self, Pattern};
use crate::span::Span;

/// Where the lexer looks variables up: resolved ARG and ENV values.
///
/// `None` means unset; `Some("")` means set but empty, which the `:`
/// operators (`${V:-x}`) treat differently from unset.
pub trait Env {
    /// The value of `name`, if it is set.
    fn get(&self, name: &str) -> Option<&str>;
}

impl<E: Env + ?Sized> Env for &E {
    fn get(&self, name: &str) -> Option<&str> {
        (**self).get(name)
    }
}

impl<S: std::hash::BuildHasher> Env for std::collections::HashMap<String, String, S> {
    fn get(&self, name: &str) -> Option<&str> {
        std::collections::HashMap::get(self, name).map(String::as_str)
    }
}

impl Env for std::collections::BTreeMap<String, String> {
    fn get(&self, name: &str) -> Option<&str> {
        std::collections::BTreeMap::get(self, name).map(String::as_str)
    }
}

/// A list of `(name, value)` pairs; the last pair for a name wins, like a
/// process environment built up line by line.
impl<K: AsRef<str>, V: AsRef<str>> Env for [(K, V)] {
    fn get(&self, name: &str) -> Option<&str> {
        self.iter()
            .rev()
            .find(|(k, _)| k.as_ref() == name)
            .map(|(_, v)| v.as_ref())
    }
}

impl<K: AsRef<str>, V: AsRef<str>> Env for Vec<(K, V)> {
    fn get(&self, name: &str) -> Option<&str> {
        Env::get(self.as_slice(), name)
    }
}

/// Windows semantics: variable names match whatever their letter case
/// (`$pwd` finds `PWD`), as BuildKit does when building for Windows. An
/// exact match wins over a case-insensitive one.
#[derive(Debug, Clone, Copy)]
pub struct CaseInsensitive<'a>(pub &'a [(String, String)]);

impl Env for CaseInsensitive<'_> {
    fn get(&self, name: &str) -> Option<&str> {
        let lower = name.to_lowercase();
        let exact = self.0.iter().rev().find(|(k, _)| k == name);
        exact
            .or_else(|| self.0.iter().rev().find(|(k, _)| k.to_lowercase() == lower))
            .map(|(_, v)| v.as_str())
    }
}

/// The empty environment: every variable is unset.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoEnv;

impl Env for NoEnv {
    fn get(&self, _: &str) -> Option<&str> {
        None
    }
}

/// One variable reference met while expanding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VarRef {
    /// The name as written (`PWD`, or `1`, `@`, `#` for shell parameters).
    pub name: String,
    /// The whole `$NAME` or `${NAME…}` in the word, in bytes.
    pub span: Span,
    /// Whether the environment had the variable (possibly empty).
    pub set: bool,
}

/// One output word of [`process_words`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Word {
    /// The word after substitution and quote removal.
    pub text: String,
    /// True when at least one character came from a `$` substitution, i.e.
    /// the word is not literally in the source.
    pub from_expansion: bool,
    /// The source bytes the word was made from (for a word made by splitting
    /// one `$V`, the span of that `$V`).
    pub span: Span,
}

/// The result of expanding one word.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Expanded {
    /// The single-word result (BuildKit `ProcessWord`): no splitting.
    pub value: String,
    /// The split result (BuildKit `ProcessWords`).
    pub words: Vec<Word>,
    /// Every variable lookup, in source order (an outer `${A:-$B}` before
    /// the inner `$B`).
    pub refs: Vec<VarRef>,
}

impl Expanded {
    /// Names that were looked up and set (BuildKit's "matched").
    pub fn matched(&self) -> BTreeSet<&str> {
        self.refs
            .iter()
            .filter(|r| r.set)
            .map(|r| r.name.as_str())
            .collect()
    }

    /// Names that were looked up and unset (BuildKit's "unmatched"): what
    /// lint rules about undefined variables report.
    pub fn unmatched(&self) -> BTreeSet<&str> {
        self.refs
            .iter()
            .filter(|r| !r.set)
            .map(|r| r.name.as_str())
            .collect()
    }

    /// Whether the value differs in origin from the source: any `$`
    /// substitution happened.
    pub fn has_substitution(&self) -> bool {
        !self.refs.is_empty()
    }
}

/// What went wrong, for callers that react to the kind, not the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ExpandErrorKind {
    /// `'abc` with no closing quote.
    UnterminatedSingleQuote,
    /// `"abc` with no closing quote.
    UnterminatedDoubleQuote,
    /// `${` with no closing `}`.
    MissingBrace,
    /// `${V/p` with no second `/`.
    MissingSlash,
    /// `${}`, `${:}`, `${{`…
    BadSubstitution,
    /// An operator BuildKit does not have (`${V:=x}`, `${V:x}`, `${V.}`).
    UnsupportedModifier,
    /// `${V?msg}` / `${V:?msg}` on an unset (or empty) variable.
    Required,
    /// A `#`/`%`/`/` pattern with an escape other than `\*`, `\?`, `\\`.
    InvalidPattern,
    /// More than [`MAX_NESTING`] substitutions inside one another. BuildKit
    /// has no limit (Go stacks grow); we stop before the native or wasm stack
    /// runs out.
    TooDeep,
}

/// How deep `${A:-${B:-…}}` may nest.
pub const MAX_NESTING: usize = 100;

/// A word that cannot be expanded. The message is BuildKit's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExpandError {
    /// The kind of failure.
    pub kind: ExpandErrorKind,
    /// The offending construct in the word (bytes); `span.start` is the
    /// offset where it begins, e.g. the opening quote or the `$` of `${`.
    pub span: Span,
    /// BuildKit's message, without its `failed to process "…": ` prefix.
    pub message: String,
}

impl ExpandError {
    fn new(kind: ExpandErrorKind, span: Span, message: impl Into<String>) -> Self {
        Self {
            kind,
            span,
            message: message.into(),
        }
    }

    /// The byte offset into the word where the problem starts.
    pub fn offset(&self) -> usize {
        self.span.start
    }

    /// The full text BuildKit prints: `failed to process "<word>": <message>`.
    pub fn buildkit_message(&self, word: &str) -> String {
        format!("failed to process {word:?}: {}", self.message)
    }
}

impl fmt::Display for ExpandError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ExpandError {}

/// BuildKit's `shell.Lex` with its options.
///
/// Known differences from BuildKit (checked against BuildKit's own code on
/// several hundred thousand random words; nothing else differed):
/// * Names use Rust's Unicode `is_alphabetic` / `is_numeric` where Go uses
///   `unicode.IsLetter` / `IsDigit`; they agree on ASCII and common scripts.
/// * Two messages are clearer: `${NAME` ending right after the name reports
///   "syntax error: missing '}'" (BuildKit: "unsupported modifier (\u{FFFD})
///   in substitution"), and a pattern ending in `\` reports "invalid escape
///   '\' at end of pattern" (BuildKit: "invalid escape '\\u{FFFD}'").
/// * Since a June 2024 change (BuildKit commit 4c935cf), `ProcessWords`
///   shares one buffer between the outer word and the inner word of
///   `${V:-inner}`, so in split mode the text before such an operator is lost
///   (`a${X:-b}` gives `[b]`). We give the intended `[ab]`, as BuildKit did
///   before; `ProcessWord` is unaffected.
/// * Substitutions nest at most [`MAX_NESTING`] deep.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lexer {
    /// The escape character: `\`, or `` ` `` after `# escape=``.
    pub escape: char,
    /// Keep quote characters in the output (BuildKit `RawQuotes`).
    pub raw_quotes: bool,
    /// Keep escape characters in the output (BuildKit `RawEscapes`).
    pub raw_escapes: bool,
    /// Treat quotes as ordinary characters (BuildKit `SkipProcessQuotes`,
    /// used for `RUN --mount` style raw expansion).
    pub skip_process_quotes: bool,
    /// Leave references to unset variables as written (BuildKit
    /// `SkipUnsetEnv`).
    pub skip_unset_env: bool,
}

impl Default for Lexer {
    fn default() -> Self {
        Self::new('\\')
    }
}

impl Lexer {
    /// A lexer with BuildKit's default options and the given escape character.
    pub const fn new(escape: char) -> Self {
        Self {
            escape,
            raw_quotes: false,
            raw_escapes: false,
            skip_process_quotes: false,
            skip_unset_env: false,
        }
    }

    /// Expands `word` (BuildKit `ProcessWord`, plus the split words of
    /// `ProcessWords` in [`Expanded::words`], computed in the same pass).
    pub fn process_word(&self, word: &str, env: &dyn Env) -> Result<Expanded, ExpandError> {
        let mut sw = ShellWord {
            lex: self,
            src: word,
            pos: 0,
            env,
            refs: Vec::new(),
            raw_escapes: self.raw_escapes,
            depth: 0,
        };
        // Go's text/scanner skips a byte order mark at the very start.
        if word.starts_with('\u{feff}') {
            sw.pos = '\u{feff}'.len_utf8();
        }
        let (value, words) = sw.process_until(None, self.raw_escapes)?;
        let mut refs = sw.refs;
        refs.sort_by_key(|r| r.span.start);
        Ok(Expanded {
            value,
            words: words.finish(),
            refs,
        })
    }

    /// Expands and splits `word` (BuildKit `ProcessWords`).
    pub fn process_words(&self, word: &str, env: &dyn Env) -> Result<Vec<Word>, ExpandError> {
        Ok(self.process_word(word, env)?.words)
    }
}

/// Expands `word` with no word splitting (BuildKit `ProcessWord`): the
/// result's [`Expanded::value`] is the string, and its `refs` say which
/// variables were used.
pub fn process_word(word: &str, env: &dyn Env, escape: char) -> Result<Expanded, ExpandError> {
    Lexer::new(escape).process_word(word, env)
}

/// Expands `word` and splits the result on whitespace that is neither quoted
/// nor escaped (BuildKit `ProcessWords`). Whitespace inside a substituted
/// value does split, as in BuildKit.
pub fn process_words(word: &str, env: &dyn Env, escape: char) -> Result<Vec<Word>, ExpandError> {
    Lexer::new(escape).process_words(word, env)
}

/// Go's `unicode.IsLetter || unicode.IsDigit || '_'`, approximately.
pub(crate) fn is_name_char(c: char) -> bool {
    c == '_' || c.is_alphanumeric()
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || (!c.is_ascii() && c.is_numeric())
}

/// The shell's special parameters (`$@`, `$#`…). They are looked up like
/// any name, and Dockerfiles never set them.
fn is_special_param(c: char) -> bool {
    matches!(c, '@' | '*' | '#' | '?' | '-' | '$' | '!' | '0')
}

/// Builds the split words. Mirrors BuildKit's rules: unquoted literal
/// whitespace and whitespace from substitutions split; quoted text and
/// escaped characters never do; an empty quoted string makes no word.
#[derive(Default)]
struct Words {
    buf: String,
    words: Vec<Word>,
    in_word: bool,
    from_expansion: bool,
    span: Option<Span>,
}

impl Words {
    fn cover(&mut self, span: Span) {
        self.span = Some(self.span.map_or(span, |s| s.cover(span)));
    }

    fn push(&mut self) {
        let text = std::mem::take(&mut self.buf);
        let span = self.span.take().unwrap_or_default();
        self.words.push(Word {
            text,
            from_expansion: self.from_expansion,
            span,
        });
        self.from_expansion = false;
        self.in_word = false;
    }

    /// A character that splits if it is whitespace.
    fn add_char(&mut self, c: char, expanded: bool, span: Span) {
        if c.is_whitespace() {
            if self.in_word && !self.buf.is_empty() {
                self.push();
            }
        } else {
            self.add_raw_char(c, expanded, span);
        }
    }

    fn add_raw_char(&mut self, c: char, expanded: bool, span: Span) {
        self.buf.push(c);
        self.in_word = true;
        self.from_expansion |= expanded;
        self.cover(span);
    }

    fn add_raw_str(&mut self, s: &str, span: Span) {
        self.buf.push_str(s);
        self.in_word = true;
        if !s.is_empty() {
            self.cover(span);
        }
    }

    fn finish(mut self) -> Vec<Word> {
        if !self.buf.is_empty() {
            self.push();
        }
        self.words
    }
}

/// The state of one expansion: a cursor over the word.
struct ShellWord<'a> {
    lex: &'a Lexer,
    src: &'a str,
    pos: usize,
    env: &'a dyn Env,
    refs: Vec<VarRef>,
    /// Escapes are kept inside `#`, `%` and `/` patterns, where the pattern
    /// syntax still needs them.
    raw_escapes: bool,
    /// How many inner words of `${…}` we are in.
    depth: usize,
}

impl ShellWord<'_> {
    fn peek(&self) -> Option<char> {
        self.src[self.pos..].chars().next()
    }

    fn next(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    fn span_from(&self, start: usize) -> Span {
        Span::new(start, self.pos)
    }

    fn end_span(&self, start: usize) -> Span {
        Span::new(start, self.src.len())
    }

    fn lookup(&mut self, name: &str, start: usize) -> Option<String> {
        let value = self.env.get(name).map(str::to_owned);
        self.refs.push(VarRef {
            name: name.to_owned(),
            span: self.span_from(start),
            set: value.is_some(),
        });
        value
    }

    /// Processes up to `stop` (consumed) or the end of the word. With a stop
    /// character, reaching the end is an error the caller rewords.
    fn process_until(
        &mut self,
        stop: Option<char>,
        raw_escapes: bool,
    ) -> Result<(String, Words), ExpandError> {
        let saved = std::mem::replace(&mut self.raw_escapes, raw_escapes);
        let r = self.process_until_inner(stop);
        self.raw_escapes = saved;
        r
    }

    fn process_until_inner(&mut self, stop: Option<char>) -> Result<(String, Words), ExpandError> {
        let mut out = String::new();
        let mut words = Words::default();
        let quotes = !self.lex.skip_process_quotes;
        while let Some(c) = self.peek() {
            let start = self.pos;
            if Some(c) == stop {
                self.next();
                return Ok((out, words));
            }
            match c {
                '$' => {
                    let v = self.dollar()?;
                    out.push_str(&v);
                    let span = self.span_from(start);
                    for ch in v.chars() {
                        words.add_char(ch, true, span);
                    }
                }
                '<' => {
                    let v = self.maybe_heredoc();
                    out.push_str(&v);
                    words.add_raw_str(&v, self.span_from(start));
                }
                '\'' if quotes => {
                    let v = self.single_quoted()?;
                    out.push_str(&v);
                    words.add_raw_str(&v, self.span_from(start));
                }
                '"' if quotes => {
                    let (v, expanded) = self.double_quoted()?;
                    out.push_str(&v);
                    words.add_raw_str(&v, self.span_from(start));
                    words.from_expansion |= expanded;
                }
                _ => {
                    self.next();
                    if c == self.lex.escape {
                        if self.raw_escapes {
                            words.add_raw_char(c, false, self.span_from(start));
                            out.push(c);
                        }
                        // An escape at the very end is dropped.
                        let Some(e) = self.next() else { break };
                        words.add_raw_char(e, false, self.span_from(start));
                        out.push(e);
                    } else {
                        words.add_char(c, false, self.span_from(start));
                        out.push(c);
                    }
                }
            }
        }
        match stop {
            Some(s) => Err(ExpandError::new(
                ExpandErrorKind::MissingBrace,
                self.end_span(self.src.len()),
                format!("unexpected end of statement while looking for matching {s}"),
            )),
            None => Ok((out, words)),
        }
    }

    /// `'…'`: everything literal, no escapes.
    fn single_quoted(&mut self) -> Result<String, ExpandError> {
        let start = self.pos;
        let mut out = String::new();
        let open = self.next().unwrap_or('\'');
        if self.lex.raw_quotes {
            out.push(open);
        }
        loop {
            match self.next() {
                None => {
                    return Err(ExpandError::new(
                        ExpandErrorKind::UnterminatedSingleQuote,
                        self.end_span(start),
                        "unexpected end of statement while looking for matching single-quote",
                    ));
                }
                Some('\'') => {
                    if self.lex.raw_quotes {
                        out.push('\'');
                    }
                    return Ok(out);
                }
                Some(c) => out.push(c),
            }
        }
    }

    /// `"…"`: `$` expands; the escape character only escapes `"`, `$` and
    /// itself, and stays literal before anything else. Also says whether a
    /// substitution put any character into the result.
    fn double_quoted(&mut self) -> Result<(String, bool), ExpandError> {
        let start = self.pos;
        let mut out = String::new();
        let mut expanded = false;
        let open = self.next().unwrap_or('"');
        if self.lex.raw_quotes {
            out.push(open);
        }
        loop {
            match self.peek() {
                None => {
                    return Err(ExpandError::new(
                        ExpandErrorKind::UnterminatedDoubleQuote,
                        self.end_span(start),
                        "unexpected end of statement while looking for matching double-quote",
                    ));
                }
                Some('"') => {
                    self.next();
                    if self.lex.raw_quotes {
                        out.push('"');
                    }
                    return Ok((out, expanded));
                }
                Some('$') => {
                    let v = self.dollar()?;
                    expanded |= !v.is_empty();
                    out.push_str(&v);
                }
                Some(_) => {
                    let mut c = self.next().unwrap_or_default();
                    if c == self.lex.escape {
                        if self.raw_escapes {
                            out.push(c);
                        }
                        match self.peek() {
                            // Dropped; the loop then reports the missing quote.
                            None => continue,
                            Some(e) if e == '"' || e == '$' || e == self.lex.escape => {
                                c = e;
                                self.next();
                            }
                            Some(_) => {}
                        }
                    }
                    out.push(c);
                }
            }
        }
    }

    /// `<<` and the blanks after it stay together as one unsplittable piece,
    /// so a heredoc marker survives word splitting.
    fn maybe_heredoc(&mut self) -> String {
        self.next();
        if self.peek() != Some('<') {
            return "<".to_owned();
        }
        self.next();
        let mut out = "<<".to_owned();
        while let Some(c @ (' ' | '\t' | '\r')) = self.peek() {
            out.push(c);
            self.next();
        }
        out
    }

    /// A name after `$` or `${`: letters, digits, `_`; or a run of digits
    /// (positional parameter); or one special-parameter character.
    fn name(&mut self) -> String {
        let mut name = String::new();
        while let Some(c) = self.peek() {
            if name.is_empty() && is_digit(c) {
                while let Some(d) = self.peek().filter(|&d| is_digit(d)) {
                    name.push(d);
                    self.next();
                }
                return name;
            }
            if name.is_empty() && is_special_param(c) {
                self.next();
                name.push(c);
                return name;
            }
            if !is_name_char(c) {
                break;
            }
            self.next();
            name.push(c);
        }
        name
    }

    /// From `$` to the end of the substitution; returns its value.
    fn dollar(&mut self) -> Result<String, ExpandError> {
        let start = self.pos;
        self.next();
        if self.peek() != Some('{') {
            let name = self.name();
            if name.is_empty() {
                return Ok("$".to_owned());
            }
            return Ok(match self.lookup(&name, start) {
                Some(v) => v,
                None if self.lex.skip_unset_env => format!("${name}"),
                None => String::new(),
            });
        }
        self.next();
        match self.peek() {
            None => {
                return Err(ExpandError::new(
                    ExpandErrorKind::MissingBrace,
                    self.end_span(start),
                    "syntax error: missing '}'",
                ));
            }
            Some(c @ ('{' | '}' | ':')) => {
                // Not consumed: an enclosing `${V/…` decides between its own
                // "missing" error and this one by whether the word has ended.
                return Err(ExpandError::new(
                    ExpandErrorKind::BadSubstitution,
                    Span::new(start, self.pos + c.len_utf8()),
                    "syntax error: bad substitution",
                ));
            }
            Some(_) => {}
        }
        let name = self.name();
        let Some(op) = self.next() else {
            return Err(ExpandError::new(
                ExpandErrorKind::MissingBrace,
                self.end_span(start),
                "syntax error: missing '}'",
            ));
        };
        match op {
            '}' => Ok(match self.lookup(&name, start) {
                Some(v) => v,
                None if self.lex.skip_unset_env => format!("${{{name}}}"),
                None => String::new(),
            }),
            ':' | '+' | '-' | '?' | '#' | '%' => self.modifier(start, name, op),
            '/' => self.replace(start, name),
            _ => Err(self.unsupported(start, &op.to_string())),
        }
    }

    fn unsupported(&self, start: usize, op: &str) -> ExpandError {
        ExpandError::new(
            ExpandErrorKind::UnsupportedModifier,
            self.span_from(start),
            format!("unsupported modifier ({op}) in substitution"),
        )
    }

    /// Processes an inner word up to `stop`; an error at the end of the word
    /// becomes the "missing" error for the construct that began at `start`.
    fn inner(
        &mut self,
        start: usize,
        stop: char,
        raw_escapes: bool,
    ) -> Result<String, ExpandError> {
        // Every recursion goes through here, so this bounds the stack.
        if self.depth >= MAX_NESTING {
            return Err(ExpandError::new(
                ExpandErrorKind::TooDeep,
                self.span_from(start),
                format!("substitutions nested more than {MAX_NESTING} deep"),
            ));
        }
        self.depth += 1;
        let r = self.process_until(Some(stop), raw_escapes);
        self.depth -= 1;
        match r {
            Ok((s, _)) => Ok(s),
            Err(_) if self.peek().is_none() => Err(if stop == '/' {
                ExpandError::new(
                    ExpandErrorKind::MissingSlash,
                    self.end_span(start),
                    "syntax error: missing '/' in ${}",
                )
            } else {
                ExpandError::new(
                    ExpandErrorKind::MissingBrace,
                    self.end_span(start),
                    "syntax error: missing '}'",
                )
            }),
            Err(e) => Err(e),
        }
    }

    /// `${V:-w}`, `${V-w}`, `${V:+w}`, `${V+w}`, `${V:?w}`, `${V?w}`,
    /// `${V#p}`, `${V##p}`, `${V%p}`, `${V%%p}`. The `:` forms treat an empty
    /// value like an unset one.
    fn modifier(&mut self, start: usize, name: String, first: char) -> Result<String, ExpandError> {
        let mut op_text = first.to_string();
        let mut op = first;
        let null_is_unset = first == ':';
        if null_is_unset {
            match self.next() {
                Some(c) => {
                    op = c;
                    op_text.push(c);
                }
                // Nothing left: the inner word below reports the missing '}'.
                None => op = '\0',
            }
        }
        let pattern_op = op == '#' || op == '%';
        if null_is_unset && pattern_op {
            return Err(self.unsupported(start, &op_text));
        }
        let word = self.inner(start, '}', pattern_op)?;
        let found = self.lookup(&name, start);
        if found.is_none() && self.lex.skip_unset_env {
            return Ok(format!("${{{name}{op_text}{word}}}"));
        }
        let set = found.is_some();
        let value = found.unwrap_or_default();
        let empty = !set || (null_is_unset && value.is_empty());
        match op {
            '-' => Ok(if empty { word } else { value }),
            '+' => Ok(if empty { String::new() } else { word }),
            '?' if !set => Err(self.required(start, &name, &word, "is not allowed to be unset")),
            '?' if empty => Err(self.required(start, &name, &word, "is not allowed to be empty")),
            '?' => Ok(value),
            '#' | '%' => {
                // A doubled operator (`##`, `%%`) asks for the longest match.
                let (greedy, pat) = match word.strip_prefix(op) {
                    Some(rest) => (true, rest),
                    None => (false, word.as_str()),
                };
                if op == '%' {
                    // BuildKit names the reversed pattern in this error.
                    pattern::trim_suffix(pat, &value, greedy).map_err(|e| {
                        self.invalid_pattern(start, &pattern::reverse_pattern(pat), &e)
                    })
                } else {
                    Pattern::compile(pat, greedy)
                        .map(|p| p.trim_prefix(&value))
                        .map_err(|e| self.invalid_pattern(start, pat, &e))
                }
            }
            _ => Err(self.unsupported(start, &op_text)),
        }
    }

    fn required(&self, start: usize, name: &str, word: &str, default: &str) -> ExpandError {
        let message = if word.is_empty() { default } else { word };
        ExpandError::new(
            ExpandErrorKind::Required,
            self.span_from(start),
            format!("{name}: {message}"),
        )
    }

    fn invalid_pattern(&self, start: usize, pattern: &str, why: &str) -> ExpandError {
        ExpandError::new(
            ExpandErrorKind::InvalidPattern,
            self.span_from(start),
            format!("invalid pattern ({pattern}) in substitution: {why}"),
        )
    }

    /// `${V/p/r}` (first match) and `${V//p/r}` (all matches); `*` is greedy.
    fn replace(&mut self, start: usize, name: String) -> Result<String, ExpandError> {
        let all = self.peek() == Some('/');
        if all {
            self.next();
        }
        let pat = self.inner(start, '/', true)?;
        let replacement = self.inner(start, '}', true)?;
        let found = self.lookup(&name, start);
        if found.is_none() && self.lex.skip_unset_env {
            // BuildKit writes one slash even for `//`.
            return Ok(format!("${{{name}/{pat}/{replacement}}}"));
        }
        // An unset variable is replaced in as empty: only a pattern that
        // matches the empty string changes it.
        self.replace_in(start, &found.unwrap_or_default(), &pat, &replacement, all)
    }

    fn replace_in(
        &self,
        start: usize,
        value: &str,
        pat: &str,
        repl: &str,
        all: bool,
    ) -> Result<String, ExpandError> {
        let p = Pattern::compile(pat, true).map_err(|e| self.invalid_pattern(start, pat, &e))?;
        Ok(if all {
            p.replace_all(value, repl)
        } else {
            p.replace_first(value, repl)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    fn ok(word: &str, e: &[(&str, &str)]) -> Expanded {
        process_word(word, &env(e), '\\').unwrap_or_else(|err| panic!("{word}: {err}"))
    }

    #[test]
    fn matched_and_unmatched_sets() {
        let e = ok(
            "${FOO-aaa} ${BAR-bbb} ${BAZ-ccc}",
            &[("FOO", "xxx"), ("BAR", "")],
        );
        assert_eq!(e.value, "xxx  ccc");
        assert_eq!(e.matched(), BTreeSet::from(["FOO", "BAR"]));
        assert_eq!(e.unmatched(), BTreeSet::from(["BAZ"]));
        let e = ok(
            "${FOO:+aaa} ${BAR:+bbb} ${BAZ:+ccc}",
            &[("FOO", "xxx"), ("BAR", "")],
        );
        assert_eq!(e.value, "aaa  ");
        let e = ok("${FOO#$BAR}", &[("FOO", "xxyy"), ("BAR", "x")]);
        assert_eq!((e.value.as_str(), e.matched().len()), ("xyy", 2));
        assert!(ok("plain", &[]).refs.is_empty());
        assert!(!ok("plain", &[]).has_substitution());
    }

    #[test]
    fn required_messages_expand_their_word() {
        let err = process_word(
            "${VAR:?message here$ARG}",
            &env(&[("VAR", ""), ("ARG", "x")]),
            '\\',
        )
        .unwrap_err();
        assert_eq!(err.message, "VAR: message herex");
        assert_eq!(err.kind, ExpandErrorKind::Required);
        assert_eq!(ok("${VAR?message}", &[("VAR", "")]).value, "");
    }

    #[test]
    fn pattern_operators() {
        fn foo(v: &str) -> Vec<(&str, &str)> {
            vec![("FOO", v)]
        }
        assert_eq!(ok("${FOO%%\\**}", &foo("xx**")).value, "xx");
        assert_eq!(ok("${FOO#*x*y}", &foo("xxyy")).value, "y");
        assert_eq!(ok("${FOO##}", &foo("xxyy")).value, "xxyy");
        assert_eq!(
            ok("${ABC:-.}${FOO%x}${ABC:-.}", &foo("xxyy")).value,
            ".xxyy."
        );
        assert_eq!(
            ok("${FOO#()[]{\\}^$.\\*\\?|\\\\}", &foo("()[]{}^$.*?|\\x")).value,
            "x"
        );
        let needle = [("FOO", "/foo*/*/*.txt"), ("NEEDLE", "\\*/")];
        assert_eq!(
            ok("${FOO/$NEEDLE/.} - ${FOO//$NEEDLE/.}", &needle).value,
            "/foo.*/*.txt - /foo..*.txt"
        );
        let paths = [("FOO", "/a/foo/b/c.txt"), ("NEEDLE", "/?/"), ("R", "/")];
        assert_eq!(
            ok("${FOO/$NEEDLE/$R} - ${FOO//$NEEDLE/$R}", &paths).value,
            "/foo/b/c.txt - /foo/c.txt"
        );
        assert_eq!(
            ok("${FOO//\\//\\/}", &foo("/tmp/foo.txt")).value,
            "\\/tmp\\/foo.txt"
        );
        assert_eq!(
            ok("${FOO/$BAR/ww}", &[("FOO", "xxyy"), ("BAR", "")]).value,
            "wwxxyy"
        );
        assert_eq!(ok("${FOO///}", &foo("xxyy")).value, "xxyy");
        assert_eq!(ok("${FOO///}", &[]).value, "");
        for bad in [
            "${FOO:#}",
            "${FOO:##}",
            "${FOO:%}",
            "${FOO:%%}",
            "${FOO//ww}",
            "${FOO//}",
            "${FOO=}",
        ] {
            assert!(
                process_word(bad, &env(&foo("xxyy")), '\\').is_err(),
                "{bad}"
            );
        }
    }

    #[test]
    fn platform_release_name() {
        let word = "x-${V}.${TARGETOS}-${TARGETARCH}${TARGETVARIANT:+-${TARGETVARIANT}}.tgz";
        let arm = [
            ("V", "1"),
            ("TARGETOS", "linux"),
            ("TARGETARCH", "arm"),
            ("TARGETVARIANT", "v7"),
        ];
        assert_eq!(ok(word, &arm).value, "x-1.linux-arm-v7.tgz");
        assert_eq!(ok(word, &arm[..3]).value, "x-1.linux-arm.tgz");
    }

    #[test]
    fn raw_quotes_keep_quotes() {
        let lex = Lexer {
            raw_quotes: true,
            ..Lexer::default()
        };
        let e = lex
            .process_word("'a b'\"$X\"", &env(&[("X", "1")]))
            .unwrap();
        assert_eq!(e.value, "'a b'\"1\"");
    }

    #[test]
    fn raw_escapes_keep_escapes() {
        let lex = Lexer {
            raw_escapes: true,
            ..Lexer::default()
        };
        assert_eq!(
            lex.process_word("a\\$b\"\\\"\"", &NoEnv).unwrap().value,
            "a\\$b\\\""
        );
    }

    #[test]
    fn skip_process_quotes_treats_quotes_as_text() {
        let lex = Lexer {
            skip_process_quotes: true,
            ..Lexer::default()
        };
        let e = lex.process_word("'$X' \"y", &env(&[("X", "1")])).unwrap();
        assert_eq!(e.value, "'1' \"y");
    }

    #[test]
    fn skip_unset_env_keeps_unknown_references() {
        let lex = Lexer {
            skip_unset_env: true,
            ..Lexer::default()
        };
        let e = lex
            .process_word("$A ${B} ${C:-d} ${D//x/y} $K", &env(&[("K", "k")]))
            .unwrap();
        assert_eq!(e.value, "$A ${B} ${C:-d} ${D/x/y} k");
    }

    #[test]
    fn leading_byte_order_mark_is_skipped() {
        assert_eq!(ok("\u{feff}$A", &[("A", "1")]).value, "1");
        assert_eq!(ok("x\u{feff}", &[]).value, "x\u{feff}");
    }

    #[test]
    fn words_report_expansion_origin() {
        let words = process_words(
            "lit $A \"$A\" \"$E\"x",
            &env(&[("A", "v"), ("E", "")]),
            '\\',
        )
        .unwrap();
        let flags: Vec<_> = words
            .iter()
            .map(|w| (w.text.as_str(), w.from_expansion))
            .collect();
        assert_eq!(
            flags,
            [("lit", false), ("v", true), ("v", true), ("x", false)]
        );
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let depth = 10_000;
        let word = format!("{}x{}", "${A:-\"".repeat(depth), "\"}".repeat(depth));
        let e = process_word(&word, &NoEnv, '\\').unwrap_err();
        assert_eq!(e.kind, ExpandErrorKind::TooDeep);
        let ok_word = format!(
            "{}x{}",
            "${A:-".repeat(MAX_NESTING),
            "}".repeat(MAX_NESTING)
        );
        assert_eq!(process_word(&ok_word, &NoEnv, '\\').unwrap().value, "x");
    }

    #[test]
    fn error_offsets_point_at_the_construct() {
        let e = process_word("ab 'cd", &NoEnv, '\\').unwrap_err();
        assert_eq!((e.offset(), e.span.end), (3, 6));
        let e = process_word("ab${X?}", &NoEnv, '\\').unwrap_err();
        assert_eq!((e.offset(), e.span.end), (2, 7));
        assert_eq!(e.to_string(), "X: is not allowed to be unset");
        assert_eq!(
            e.buildkit_message("ab${X?}"),
            "failed to process \"ab${X?}\": X: is not allowed to be unset"
        );
    }
}
