//! Shared helpers for the stage rules.

use crate::lint::LintContext;
use crate::model::{Base, Stage};
use crate::span::Span;
use crate::syntax::{Args, Instruction, InstructionKind, Word};
use crate::vars::process_word;

/// An image reference split into name, tag and digest.
#[derive(Debug, PartialEq, Eq)]
pub struct ImageRef<'a> {
    pub name: &'a str,
    pub tag: Option<&'a str>,
    pub digest: Option<&'a str>,
}

/// Splits `registry:5000/repo/name:tag@sha256:...` into its parts as
/// written (the catalog's splitter; no `latest` filled in).
pub fn parse_image(reference: &str) -> ImageRef<'_> {
    let (name, tag, digest) = crate::sim::catalog::split_reference(reference);
    ImageRef { name, tag, digest }
}

/// The words of a FROM: image, and the `AS` keyword and name when present.
pub fn from_words(ins: &Instruction) -> Option<&[Word]> {
    match &ins.args {
        Args::Words(words) if ins.kind == InstructionKind::From && !words.is_empty() => Some(words),
        _ => None,
    }
}

/// The `AS name` words of a FROM, if any.
pub fn from_alias(ins: &Instruction) -> Option<(&Word, &Word)> {
    match from_words(ins)? {
        [_, r#as, name] if r#as.value.eq_ignore_ascii_case("as") => Some((r#as, name)),
        _ => None,
    }
}

/// The FROM instruction of a stage.
pub fn stage_from<'a>(cx: &LintContext<'a>, stage: &Stage) -> &'a Instruction {
    &cx.document().instructions[stage.instructions[0]]
}

/// The span of a flag's value, or of the flag itself.
pub fn flag_value_span(ins: &Instruction, name: &str) -> Option<Span> {
    let flag = ins.flag(name)?;
    Some(flag.value_span.unwrap_or(flag.span))
}

/// The variables in force just before instruction `index`, roughly as
/// BuildKit sees them: ARG defaults and ENV values of the stage and the
/// stages it is built on (global ARG values when a stage re-declares them).
/// Build arguments given on the command line are not known.
fn env_before(cx: &LintContext, index: usize) -> Vec<(String, String)> {
    let model = cx.model();
    let mut chain = Vec::new();
    let mut stage = cx.stage_of(index);
    while let Some(s) = stage {
        chain.push(s);
        stage = match s.base {
            Base::Stage { index } if index < s.index => model.stages.get(index),
            _ => None,
        };
    }
    let mut env: Vec<(String, String)> = Vec::new();
    for s in chain.into_iter().rev() {
        for &i in &s.instructions {
            if i >= index {
                break;
            }
            let ins = &cx.document().instructions[i];
            match (&ins.kind, &ins.args) {
                (InstructionKind::Arg, Args::Words(words)) => {
                    for w in words {
                        let (name, value) = match w.value.split_once('=') {
                            Some((n, v)) => (n, Some(v)),
                            None => (w.value.as_str(), None),
                        };
                        let value = match value {
                            Some(v) => process_word(v, &env, cx.document().escape)
                                .ok()
                                .map(|e| e.value),
                            None => model
                                .global_args
                                .iter()
                                .find(|(n, _)| n == name)
                                .map(|(_, v)| v.clone()),
                        };
                        if let Some(value) = value {
                            env.push((name.to_owned(), value));
                        }
                    }
                }
                (InstructionKind::Env, Args::KeyValues(pairs)) => {
                    for kv in pairs {
                        let raw = kv.value.as_ref().map_or("", |v| v.value.as_str());
                        if let Ok(e) = process_word(raw, &env, cx.document().escape) {
                            env.push((kv.key.value.clone(), e.value));
                        }
                    }
                }
                _ => {}
            }
        }
    }
    env
}

/// `text` with variables substituted as at instruction `index`; `None` when
/// a variable is not known.
pub fn expand_at(cx: &LintContext, index: usize, text: &str) -> Option<String> {
    if !text.contains('$') {
        return Some(text.to_owned());
    }
    let env = env_before(cx, index);
    let expanded = process_word(text, &env, cx.document().escape).ok()?;
    expanded.unmatched().is_empty().then_some(expanded.value)
}

/// The sources and destination of a COPY or ADD, quotes removed.
pub fn copy_paths(ins: &Instruction) -> Option<(Vec<String>, &Word)> {
    let words = match &ins.args {
        Args::Words(w) | Args::Json(w) => w,
        _ => return None,
    };
    let (dest, sources) = words.split_last()?;
    let unquote = |w: &Word| unquoted(&w.value).to_owned();
    Some((sources.iter().map(unquote).collect(), dest))
}

/// A word's value without surrounding quotes.
pub fn unquoted(value: &str) -> &str {
    value
        .strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .or_else(|| value.strip_prefix('\'').and_then(|s| s.strip_suffix('\'')))
        .unwrap_or(value)
}
