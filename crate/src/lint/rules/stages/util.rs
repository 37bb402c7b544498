//! Shared helpers for the stage rules.

use crate::lint::LintContext;
use crate::model::Stage;
use crate::span::Span;
use crate::syntax::{Args, Instruction, InstructionKind, Word};

/// An image reference split into name, tag and digest.
#[derive(Debug, PartialEq, Eq)]
pub struct ImageRef<'a> {
    pub name: &'a str,
    pub tag: Option<&'a str>,
    pub digest: Option<&'a str>,
}

/// Splits `registry:5000/repo/name:tag@sha256:...` into its parts.
pub fn parse_image(reference: &str) -> ImageRef<'_> {
    let (rest, digest) = match reference.split_once('@') {
        Some((r, d)) => (r, Some(d)),
        None => (reference, None),
    };
    let last_slash = rest.rfind('/').map_or(0, |i| i + 1);
    match rest[last_slash..].rfind(':') {
        Some(i) => ImageRef {
            name: &rest[..last_slash + i],
            tag: Some(&rest[last_slash + i + 1..]),
            digest,
        },
        None => ImageRef {
            name: rest,
            tag: None,
            digest,
        },
    }
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
