use crate::declare_rule;
use crate::lint::{Edit, Finding, LintContext, Rule, RuleMeta};
use crate::span::Span;
use crate::syntax::{Args, InstructionKind, KeyValue};

declare_rule! {
    /// ## What it does
    /// Flags `ENV` and `LABEL` written in the legacy `key value` form
    /// instead of `key=value`.
    ///
    /// ## Why it matters
    /// In the legacy form everything after the key, spaces included, is one
    /// value: `ENV A 1 B 2` sets `A` to `1 B 2`. The form is deprecated and
    /// BuildKit warns about it.
    ///
    /// ## Example
    /// ```dockerfile
    /// ENV NODE_ENV production
    /// ```
    ///
    /// ## Fix
    /// ```dockerfile
    /// ENV NODE_ENV=production
    /// ```
    /// The fix joins key and value with `=`, putting a value with spaces in
    /// double quotes. Values with quotes or backslashes are left to rewrite
    /// by hand.
    pub struct LegacyKeyValueFormat {
        id: "legacy-key-value-format",
        name: "Legacy `key value` form in ENV or LABEL",
        aliases: &["LegacyKeyValueFormat"],
        severity: Warning,
        category: Syntax,
        fixable: true,
        enabled_by_default: true,
    }
}

/// The edit that rewrites `key value` as `key=value`, when that keeps the
/// value's meaning.
fn rewrite(cx: &LintContext, pair: &KeyValue) -> Option<Edit> {
    let value = pair.value.as_ref()?;
    let text = cx.text(value.span);
    if text != value.value
        || text.contains(['"', '\'', '\\', '`', '\n'])
        || pair.key.span.end > value.span.start
    {
        return None;
    }
    let joined = if text.contains(char::is_whitespace) {
        format!("=\"{text}\"")
    } else {
        format!("={text}")
    };
    Some(Edit {
        span: Span::new(pair.key.span.end, value.span.end),
        replacement: joined,
    })
}

impl Rule for LegacyKeyValueFormat {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        for (_, ins) in cx.instructions() {
            let ins = ins.effective();
            if !matches!(ins.kind, InstructionKind::Env | InstructionKind::Label) {
                continue;
            }
            let Args::KeyValues(pairs) = &ins.args else {
                continue;
            };
            let keyword = ins.kind.as_str();
            for pair in pairs.iter().filter(|p| p.legacy) {
                let finding = cx.finding(
                    &Self::META,
                    pair.key.span,
                    format!(
                        "use `{keyword} key=value` instead of the legacy `{keyword} key value` form"
                    ),
                );
                out.push(match rewrite(cx, pair) {
                    Some(edit) => finding.with_fix("Rewrite as key=value", vec![edit]),
                    None => finding,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::LegacyKeyValueFormat;
    use crate::lint::testing::{apply_fixes, findings};

    #[test]
    fn flags_and_rewrites_the_legacy_form() {
        let text = "FROM alpine\nENV NODE_ENV production\nLABEL description A small image\nONBUILD ENV X $HOME/x\n";
        assert_eq!(findings(&LegacyKeyValueFormat, text).len(), 3);
        assert_eq!(
            apply_fixes(&LegacyKeyValueFormat, text),
            "FROM alpine\nENV NODE_ENV=production\nLABEL description=\"A small image\"\nONBUILD ENV X=$HOME/x\n"
        );
    }

    #[test]
    fn quoted_values_get_no_fix() {
        let found = findings(&LegacyKeyValueFormat, "FROM alpine\nENV MSG \"hi there\"\n");
        assert_eq!(found.len(), 1);
        assert!(found[0].fix.is_none());
    }

    #[test]
    fn key_equals_value_is_fine() {
        let text = "FROM alpine\nENV A=1 B=\"two words\"\nLABEL a=b\nARG C 1\n";
        assert!(findings(&LegacyKeyValueFormat, text).is_empty());
    }
}
