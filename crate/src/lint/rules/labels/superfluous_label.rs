use super::util::{label_pairs, unquote};
use crate::declare_rule;
use crate::lint::{Finding, LintContext, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// With `strict-labels: true`, flags every label the `label-schema`
    /// does not list. Without `strict-labels` it does nothing.
    ///
    /// ## Why it matters
    /// A strict schema keeps an organisation's labels to one vocabulary,
    /// so that a misspelt key (`org.opencontainer.image.source`) does not go
    /// unnoticed.
    ///
    /// ## Example
    /// With `label-schema: {version: semver}` and `strict-labels: true`:
    /// ```dockerfile
    /// LABEL version=1.2.0 team=payments
    /// ```
    ///
    /// ## Fix
    /// ```dockerfile
    /// LABEL version=1.2.0
    /// ```
    /// or add `team` to the schema.
    pub struct SuperfluousLabel {
        id: "superfluous-label",
        name: "Label not in the schema",
        aliases: &["DL3050"],
        severity: Info,
        category: Labels,
        fixable: false,
        enabled_by_default: true,
    }
}

impl Rule for SuperfluousLabel {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        if !cx.config.strict_labels {
            return;
        }
        for (_, pair) in label_pairs(cx) {
            let key = unquote(&pair.key.value);
            if !cx.config.label_schema.iter().any(|(k, _)| k == key) {
                out.push(cx.finding(
                    &Self::META,
                    pair.key.span,
                    format!("label `{key}` is not in the label schema"),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::SuperfluousLabel;
    use crate::lint::testing::findings_with;

    const TEXT: &str = "FROM alpine\nLABEL version=1.0.0 team=x\n";

    #[test]
    fn flags_labels_outside_a_strict_schema() {
        let found = findings_with(
            &SuperfluousLabel,
            TEXT,
            "label-schema:\n  version: semver\nstrict-labels: true\n",
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].column, 21);
    }

    #[test]
    fn silent_unless_strict() {
        assert!(
            findings_with(
                &SuperfluousLabel,
                TEXT,
                "label-schema:\n  version: semver\n"
            )
            .is_empty()
        );
    }
}
