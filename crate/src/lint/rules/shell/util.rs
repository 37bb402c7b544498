//! Helpers shared by the shell rules.

use std::collections::BTreeSet;

use crate::lint::LintContext;
use crate::model::RunAnalysis;
use crate::shell::parse::{CommandCall, Script, Via};
use crate::syntax::{Args, InstructionKind};

/// The calls of an interpreted RUN that run a command (not bare
/// assignments), wherever they are nested.
pub fn calls(run: &RunAnalysis) -> impl Iterator<Item = &CommandCall> {
    run.script
        .calls
        .iter()
        .filter(move |c| run.interpreted && !c.argv.words.is_empty())
}

/// The calls named `name` in an interpreted RUN.
pub fn calls_named<'a>(
    run: &'a RunAnalysis,
    name: &'a str,
) -> impl Iterator<Item = &'a CommandCall> {
    calls(run).filter(move |c| c.argv.name() == Some(name))
}

/// Whether a call's arguments hold `flag` (`--progress`, `--progress=x`) or,
/// for a one-letter flag, the letter in a short-option cluster (`-l` in `-lm`).
pub fn has_flag(call: &CommandCall, long: &[&str], short: &[char]) -> bool {
    for word in call.argv.args() {
        let Some(v) = word.value.as_deref() else {
            continue;
        };
        if v == "--" {
            break;
        }
        if let Some(name) = v.strip_prefix("--") {
            let name = name.split('=').next().unwrap_or(name);
            if long.iter().any(|l| l.trim_start_matches('-') == name) {
                return true;
            }
        } else if let Some(cluster) = v.strip_prefix('-')
            && cluster.chars().next().is_some_and(|c| short.contains(&c))
        {
            return true;
        } else if let Some(cluster) = v.strip_prefix('-')
            && cluster.chars().all(|c| c.is_ascii_alphabetic())
            && cluster.chars().any(|c| short.contains(&c))
        {
            return true;
        }
    }
    false
}

/// A part of a word as written that the shell expands or quotes, with its
/// byte range in the word's `raw` text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// `$NAME`, `${NAME...}`, `$1`, outside double quotes.
    Var {
        start: usize,
        end: usize,
        name: String,
    },
    /// `$(..)` or backticks outside double quotes.
    CmdSub { start: usize, end: usize },
    /// A `'...'` string (not `$'...'`), quotes included.
    Single { start: usize, end: usize },
    /// `*`, `?` or `[` outside quotes.
    Glob { at: usize },
}

/// The index just past the `close` matching the `open` at `i`.
fn matching(b: &[u8], mut i: usize, open: u8, close: u8) -> usize {
    let mut depth = 0;
    let mut quote: Option<u8> = None;
    while i < b.len() {
        let c = b[i];
        match quote {
            Some(q) if c == q => quote = None,
            Some(b'"') if c == b'\\' => i += 1,
            Some(_) => {}
            None if c == b'\\' => i += 1,
            None if c == b'\'' || c == b'"' => quote = Some(c),
            None if c == open => depth += 1,
            None if c == close => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            None => {}
        }
        i += 1;
    }
    b.len()
}

/// The expansions, single-quoted strings and globs of a word as written.
pub fn scan(raw: &str) -> Vec<Piece> {
    let b = raw.as_bytes();
    let mut out = Vec::new();
    let mut in_double = false;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        match c {
            b'\\' => i += 2,
            b'\'' if !in_double => {
                let end = raw[i + 1..].find('\'').map_or(b.len(), |j| i + j + 2);
                let ansi = i > 0 && b[i - 1] == b'$';
                if !ansi {
                    out.push(Piece::Single { start: i, end });
                }
                i = end;
            }
            b'"' => {
                in_double = !in_double;
                i += 1;
            }
            b'`' => {
                let mut j = i + 1;
                while j < b.len() && b[j] != b'`' {
                    j += if b[j] == b'\\' { 2 } else { 1 };
                }
                let end = (j + 1).min(b.len());
                if !in_double {
                    out.push(Piece::CmdSub { start: i, end });
                }
                i = end;
            }
            b'$' => {
                let next = b.get(i + 1).copied();
                match next {
                    Some(b'(') if b.get(i + 2) == Some(&b'(') => {
                        i = matching(b, i + 1, b'(', b')');
                    }
                    Some(b'(') => {
                        let end = matching(b, i + 1, b'(', b')');
                        if !in_double {
                            out.push(Piece::CmdSub { start: i, end });
                        }
                        i = end;
                    }
                    Some(b'{') => {
                        let end = matching(b, i + 1, b'{', b'}');
                        let inner = &raw[(i + 2).min(end)..end.saturating_sub(1).max(i + 2)];
                        let name: String = inner
                            .chars()
                            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                            .collect();
                        if !in_double && !name.is_empty() {
                            out.push(Piece::Var {
                                start: i,
                                end,
                                name,
                            });
                        }
                        i = end;
                    }
                    Some(c) if c.is_ascii_alphabetic() || c == b'_' || c.is_ascii_digit() => {
                        let mut j = i + 1;
                        if c.is_ascii_digit() {
                            j += 1;
                        } else {
                            while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'_') {
                                j += 1;
                            }
                        }
                        if !in_double {
                            out.push(Piece::Var {
                                start: i,
                                end: j,
                                name: raw[i + 1..j].to_owned(),
                            });
                        }
                        i = j;
                    }
                    _ => i += 1,
                }
            }
            b'*' | b'?' | b'[' if !in_double => {
                out.push(Piece::Glob { at: i });
                i += 1;
            }
            _ => i += 1,
        }
    }
    out
}

/// Names declared by `ARG` or `ENV` anywhere before instruction `before`.
pub fn declared_names(cx: &LintContext, before: usize) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for (i, ins) in cx.instructions() {
        if i >= before {
            break;
        }
        match (&ins.kind, &ins.args) {
            (InstructionKind::Arg, Args::Words(words)) => {
                for w in words {
                    names.insert(w.value.split('=').next().unwrap_or_default().to_owned());
                }
            }
            (InstructionKind::Env, Args::KeyValues(pairs)) => {
                for kv in pairs {
                    names.insert(kv.key.value.clone());
                }
            }
            _ => {}
        }
    }
    names
}

/// Whether `call` runs inside a `sh -c` string (its words are the inner
/// shell's text, not the Dockerfile's).
pub fn in_shell_string(script: &Script, call: &CommandCall) -> bool {
    call.via == Some(Via::ShellString)
        || script
            .ancestors(call)
            .any(|a| a.via == Some(Via::ShellString))
}

/// The name of a `NAME=value` word as written, if it is one.
pub fn assignment_name(raw: &str) -> Option<&str> {
    let (name, _) = raw.split_once('=')?;
    let mut chars = name.chars();
    let first = chars.next()?;
    ((first.is_ascii_alphabetic() || first == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_'))
    .then_some(name)
}
