use super::util::{label_pairs, label_value, unquote};
use crate::declare_rule;
use crate::lint::{Finding, LintContext, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// With a `label-schema` configured, flags a schema label set to an
    /// empty value.
    ///
    /// ## Why it matters
    /// An empty label passes a check for its presence while carrying none
    /// of the information the schema asks for; it is usually a build
    /// argument that was not passed.
    ///
    /// ## Example
    /// With `label-schema: {org.opencontainers.image.revision: hash}`:
    /// ```dockerfile
    /// LABEL org.opencontainers.image.revision=""
    /// ```
    ///
    /// ## Fix
    /// ```dockerfile
    /// LABEL org.opencontainers.image.revision=3f2a9c1
    /// ```
    pub struct LabelEmpty {
        id: "label-empty",
        name: "Schema label is empty",
        aliases: &["DL3051"],
        severity: Warning,
        category: Labels,
        fixable: false,
        enabled_by_default: true,
    }
}

impl Rule for LabelEmpty {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        for (_, pair) in label_pairs(cx) {
            let key = unquote(&pair.key.value);
            if cx.config.label_schema.iter().any(|(k, _)| k == key) && label_value(pair) == Some("")
            {
                out.push(cx.finding(
                    &Self::META,
                    pair.key.span,
                    format!("label `{key}` is empty"),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::LabelEmpty;
    use crate::lint::testing::findings_with;

    const SCHEMA: &str = "label-schema:\n  a: text\n  b: text\n  c: url\n";

    #[test]
    fn flags_empty_schema_labels() {
        let text = "FROM alpine\nLABEL a=\"\" b='' c=\nLABEL other=\"\"\n";
        assert_eq!(findings_with(&LabelEmpty, text, SCHEMA).len(), 3);
    }

    #[test]
    fn values_and_variables_are_fine() {
        let text = "FROM alpine\nLABEL a=x b=$B c=\"https://x\"\n";
        assert!(findings_with(&LabelEmpty, text, SCHEMA).is_empty());
    }
}
