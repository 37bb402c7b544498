//! What the label rules share: every LABEL pair with its instruction, and
//! the schema check that all the format rules run.

use crate::lint::{Finding, LabelFormat, LintContext, RuleMeta};
use crate::syntax::{Args, InstructionKind, KeyValue};

/// `value` without one pair of surrounding quotes.
pub fn unquote(value: &str) -> &str {
    for q in ['"', '\''] {
        if let Some(inner) = value.strip_prefix(q).and_then(|v| v.strip_suffix(q)) {
            return inner;
        }
    }
    value
}

/// Every LABEL pair of the file, with the index of its instruction
/// (ONBUILD LABEL is left out: it labels another image).
pub fn label_pairs<'a>(cx: &LintContext<'a>) -> impl Iterator<Item = (usize, &'a KeyValue)> {
    cx.instructions().flat_map(|(i, ins)| {
        let pairs: &[KeyValue] = match (&ins.kind, &ins.args) {
            (InstructionKind::Label, Args::KeyValues(pairs)) => pairs,
            _ => &[],
        };
        pairs.iter().map(move |p| (i, p))
    })
}

/// The label's value as the image gets it, when the file fixes it (no
/// variables).
pub fn label_value(pair: &KeyValue) -> Option<&str> {
    let value = pair.value.as_ref().map_or("", |v| unquote(&v.value));
    (!value.contains('$')).then_some(value)
}

/// Flags every non-empty value of a label the schema gives `format` for
/// that `valid` rejects; `what` names the expected format in the message.
pub fn check_format(
    cx: &LintContext,
    meta: &'static RuleMeta,
    format: LabelFormat,
    valid: fn(&str) -> bool,
    what: &str,
    out: &mut Vec<Finding>,
) {
    let schema = &cx.config.label_schema;
    for (_, pair) in label_pairs(cx) {
        let key = unquote(&pair.key.value);
        if !schema.iter().any(|(k, f)| k == key && *f == format) {
            continue;
        }
        let Some(value) = label_value(pair).filter(|v| !v.is_empty()) else {
            continue;
        };
        if !valid(value) {
            let span = pair.value.as_ref().map_or(pair.key.span, |v| v.span);
            out.push(cx.finding(
                meta,
                span,
                format!("label `{key}` should be {what}, found `{value}`"),
            ));
        }
    }
}
