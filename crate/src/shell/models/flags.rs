//! Declarative option tables and the one parser that reads them.
//!
//! A command's options are a static slice of [`Opt`]: names joined by `|`
//! (one letter is a short option `-x`, more is a long one `--xyz`; the first
//! name is the canonical one reported in [`Flag::name`]) and whether the
//! option takes a value. [`parse`] then handles everything GNU-style tools
//! accept: combined shorts (`-qy`), attached values (`-ofile`, `-j4`),
//! `--opt=value` and `--opt value`, `--` and options after operands.

use std::borrow::Cow;

use serde::Serialize;

use crate::shell::argv::ArgWord;
use crate::span::Span;

/// Whether an option takes a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Takes {
    /// A switch.
    No,
    /// Always takes a value: attached (`-ofile`, `--out=file`) or the next word.
    Value,
    /// Takes a value only when attached (`--color=auto`, `-j4` for make).
    Attached,
}

/// One row of an option table.
#[derive(Debug, Clone, Copy)]
pub struct Opt {
    /// `|`-separated names without dashes; the first is canonical.
    pub names: &'static str,
    /// Whether it takes a value.
    pub takes: Takes,
}

/// A switch: `flag("yes|y|assume-yes")`.
pub const fn flag(names: &'static str) -> Opt {
    Opt {
        names,
        takes: Takes::No,
    }
}

/// An option that takes a value: `val("output|o")`.
pub const fn val(names: &'static str) -> Opt {
    Opt {
        names,
        takes: Takes::Value,
    }
}

/// An option whose value, if any, is attached: `opt("jobs|j")`.
pub const fn opt(names: &'static str) -> Opt {
    Opt {
        names,
        takes: Takes::Attached,
    }
}

/// How a command spells its options.
#[derive(Debug, Clone, Copy)]
pub struct Spec {
    /// The options.
    pub opts: &'static [Opt],
    /// Long options take one dash too (`find -name`, `go build -ldflags`,
    /// `gcc -static`); a single-dash word is tried as a long name first.
    pub single_dash_long: bool,
    /// Stop at the first operand: the rest belongs to a subcommand or an
    /// inner command (`gosu user cmd -x`, `git -C dir clone ...`).
    pub stop_at_operand: bool,
}

impl Spec {
    /// A GNU-style table that permutes options and operands.
    pub const fn gnu(opts: &'static [Opt]) -> Self {
        Self {
            opts,
            single_dash_long: false,
            stop_at_operand: false,
        }
    }

    /// A GNU-style table that stops at the first operand.
    pub const fn leading(opts: &'static [Opt]) -> Self {
        Self {
            opts,
            single_dash_long: false,
            stop_at_operand: true,
        }
    }

    /// A Go-style table: `-name` and `--name` are the same long option.
    pub const fn single_dash(opts: &'static [Opt]) -> Self {
        Self {
            opts,
            single_dash_long: true,
            stop_at_operand: false,
        }
    }

    fn find(&self, name: &str) -> Option<(&'static str, Takes)> {
        self.opts.iter().find_map(|o| {
            o.names
                .split('|')
                .any(|n| n == name)
                .then(|| (o.names.split('|').next().unwrap_or(o.names), o.takes))
        })
    }
}

/// One option as given, normalized.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Flag {
    /// Canonical name from the table, or the name as written if unknown.
    pub name: Cow<'static, str>,
    /// The value, when the option takes one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<ArgWord>,
}

/// The result of [`parse`].
#[derive(Debug, Clone, Default)]
pub struct Parsed<'a> {
    /// Options in order.
    pub flags: Vec<Flag>,
    /// Non-option words in order (none with [`Spec::stop_at_operand`]).
    pub operands: Vec<&'a ArgWord>,
    /// Options not in the table, as written; they are kept in `flags` too.
    pub unknown: Vec<String>,
    /// With [`Spec::stop_at_operand`]: the first operand and all after it.
    pub rest: &'a [ArgWord],
}

impl Parsed<'_> {
    /// Whether a flag with this canonical name was given.
    pub fn has(&self, name: &str) -> bool {
        self.flags.iter().any(|f| f.name == name)
    }

    /// The value of the last flag with this canonical name.
    pub fn value(&self, name: &str) -> Option<&ArgWord> {
        self.flags
            .iter()
            .rev()
            .find(|f| f.name == name)
            .and_then(|f| f.value.as_ref())
    }
}

/// A word made from part of another (the value in `--opt=value` or `-ofile`):
/// `at` is the byte offset of the part in the word's text.
pub fn sub_word(w: &ArgWord, at: usize) -> ArgWord {
    let value = w
        .value
        .as_ref()
        .and_then(|v| v.get(at..))
        .map(str::to_string);
    // The raw text lines up with the value only when nothing before `at` was
    // quoted or expanded, the usual case for option names.
    let raw_at = if w.raw.get(..at) == w.value.as_deref().and_then(|v| v.get(..at)) {
        at
    } else {
        w.raw.find('=').map_or(0, |i| i + 1)
    };
    let raw = w.raw.get(raw_at..).unwrap_or("").to_string();
    let start = (w.span.start + raw_at).min(w.span.end);
    ArgWord {
        value,
        raw,
        span: Span::new(start, w.span.end),
    }
}

/// Parses `args` under `spec`. Fails only when an option that needs a value
/// comes last.
pub fn parse<'a>(args: &'a [ArgWord], spec: &Spec) -> Result<Parsed<'a>, String> {
    let mut p = Parsed::default();
    let mut i = 0;
    while i < args.len() {
        let w = &args[i];
        // A word whose value is unknown is an operand, unless its raw form
        // shows an option name (`--build="$arch"`).
        let text: &str = match &w.value {
            Some(v) => v,
            None if w.raw.starts_with('-') && w.raw.contains('=') => &w.raw,
            None => {
                if spec.stop_at_operand {
                    p.rest = &args[i..];
                    return Ok(p);
                }
                p.operands.push(w);
                i += 1;
                continue;
            }
        };
        if text == "--" {
            if spec.stop_at_operand {
                p.rest = &args[i + 1..];
                return Ok(p);
            }
            p.operands.extend(&args[i + 1..]);
            return Ok(p);
        }
        if !text.starts_with('-') || text == "-" {
            if spec.stop_at_operand {
                p.rest = &args[i..];
                return Ok(p);
            }
            p.operands.push(w);
            i += 1;
            continue;
        }
        let long = text.strip_prefix("--");
        let single = if long.is_none() && spec.single_dash_long {
            let body = &text[1..];
            let name = body.split('=').next().unwrap_or(body);
            spec.find(name).map(|_| body)
        } else {
            None
        };
        if let Some(body) = long.or(single) {
            let dashes = text.len() - body.len();
            let (name, attached) = match body.split_once('=') {
                Some((n, _)) => (n, Some(sub_word(w, dashes + n.len() + 1))),
                None => (body, None),
            };
            match spec.find(name) {
                Some((canon, takes)) => {
                    let value = match (takes, attached) {
                        (Takes::No, Some(v)) => {
                            p.unknown.push(format!("{text} (takes no value)"));
                            Some(v)
                        }
                        (Takes::No, None) => None,
                        (Takes::Attached, v) => v,
                        (Takes::Value, Some(v)) => Some(v),
                        (Takes::Value, None) => {
                            i += 1;
                            Some(
                                args.get(i)
                                    .ok_or_else(|| format!("option {text} needs a value"))?
                                    .clone(),
                            )
                        }
                    };
                    p.flags.push(Flag {
                        name: Cow::Borrowed(canon),
                        value,
                    });
                }
                None => {
                    p.unknown
                        .push(text.split('=').next().unwrap_or(text).to_string());
                    p.flags.push(Flag {
                        name: Cow::Owned(name.to_string()),
                        value: attached,
                    });
                }
            }
            i += 1;
            continue;
        }
        // Combined short options: `-qyo file`, `-j4`, `-fsSLo out`.
        let body = &text[1..];
        for (off, c) in body.char_indices() {
            let mut buf = [0u8; 4];
            let s: &str = c.encode_utf8(&mut buf);
            match spec.find(s) {
                Some((canon, Takes::No)) => p.flags.push(Flag {
                    name: Cow::Borrowed(canon),
                    value: None,
                }),
                Some((canon, takes)) => {
                    let rest_at = 1 + off + c.len_utf8();
                    let value = if rest_at < text.len() {
                        Some(sub_word(w, rest_at))
                    } else if takes == Takes::Value {
                        i += 1;
                        Some(
                            args.get(i)
                                .ok_or_else(|| format!("option -{c} needs a value"))?
                                .clone(),
                        )
                    } else {
                        None
                    };
                    p.flags.push(Flag {
                        name: Cow::Borrowed(canon),
                        value,
                    });
                    break;
                }
                None => {
                    p.unknown.push(format!("-{c}"));
                    p.flags.push(Flag {
                        name: Cow::Owned(s.to_string()),
                        value: None,
                    });
                }
            }
        }
        i += 1;
    }
    Ok(p)
}

/// Test helpers shared by the model files: words from plain strings.
#[cfg(test)]
pub(crate) mod testing {
    use super::super::{CommandModel, recognize};
    use crate::shell::argv::{ArgWord, Argv};
    use crate::span::Span;

    /// Splits on whitespace; a word starting with `$` has an unknown value.
    pub fn argv(line: &str) -> Argv {
        let mut words = Vec::new();
        let mut pos = 0;
        for w in line.split_whitespace() {
            let start = line[pos..].find(w).map_or(pos, |i| pos + i);
            pos = start + w.len();
            words.push(ArgWord {
                value: (!w.contains('$')).then(|| w.to_string()),
                raw: w.to_string(),
                span: Span::new(start, pos),
            });
        }
        Argv { words }
    }

    /// Recognizes a whitespace-split line.
    pub fn rec(line: &str) -> CommandModel {
        recognize(&argv(line))
    }

    /// The known texts of a list of words.
    pub fn texts(words: &[ArgWord]) -> Vec<&str> {
        words.iter().map(ArgWord::text).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::testing::argv;
    use super::*;

    const T: &[Opt] = &[
        flag("yes|y|assume-yes"),
        flag("quiet|q"),
        val("option|o"),
        val("output|O"),
        opt("jobs|j"),
    ];

    fn names(p: &Parsed<'_>) -> Vec<String> {
        p.flags
            .iter()
            .map(|f| match &f.value {
                Some(v) => format!("{}={}", f.name, v.text()),
                None => f.name.to_string(),
            })
            .collect()
    }

    #[test]
    fn combined_shorts_and_values() {
        let a = argv("x -qy -o Dpkg::Options::=--force-confnew --output=f -Ofile -j4 op");
        let p = parse(a.args(), &Spec::gnu(T)).unwrap();
        assert_eq!(
            names(&p),
            [
                "quiet",
                "yes",
                "option=Dpkg::Options::=--force-confnew",
                "output=f",
                "output=file",
                "jobs=4"
            ]
        );
        assert_eq!(p.operands.len(), 1);
        assert!(p.unknown.is_empty());
    }

    #[test]
    fn value_span_points_inside_word() {
        let a = argv("x --output=file");
        let p = parse(a.args(), &Spec::gnu(T)).unwrap();
        let v = p.value("output").unwrap();
        assert_eq!(v.span, Span::new(11, 15));
        assert_eq!(v.raw, "file");
    }

    #[test]
    fn missing_value_is_an_error() {
        let a = argv("x -o");
        assert!(parse(a.args(), &Spec::gnu(T)).is_err());
    }

    #[test]
    fn unknown_options_are_kept() {
        let a = argv("x --frob=2 -z a");
        let p = parse(a.args(), &Spec::gnu(T)).unwrap();
        assert_eq!(p.unknown, ["--frob", "-z"]);
        assert_eq!(names(&p), ["frob=2", "z"]);
    }

    #[test]
    fn double_dash_and_stop() {
        let a = argv("x -q -- -y");
        let p = parse(a.args(), &Spec::gnu(T)).unwrap();
        assert_eq!(p.operands[0].text(), "-y");
        let a = argv("x -q sub -y");
        let p = parse(a.args(), &Spec::leading(T)).unwrap();
        assert_eq!(p.rest.len(), 2);
    }

    #[test]
    fn unknown_value_word_with_option_name() {
        let a = argv("x --output=$F $PKG");
        let p = parse(a.args(), &Spec::gnu(T)).unwrap();
        let v = p.value("output").unwrap();
        assert_eq!(v.value, None);
        assert_eq!(v.raw, "$F");
        assert_eq!(p.operands.len(), 1);
    }
}
