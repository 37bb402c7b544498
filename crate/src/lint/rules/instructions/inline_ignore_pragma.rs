use crate::declare_rule;
use crate::lint::{Finding, LintContext, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags inline `# hadolint ignore=...` comments. Off by default: turn
    /// it on in projects that want every exception in the configuration.
    ///
    /// ## Why it matters
    /// Ignores scattered through Dockerfiles are easy to add and hard to
    /// review; keeping them in `.hadolint.yaml` puts every exception in one
    /// place.
    ///
    /// ## Example
    /// ```dockerfile
    /// # hadolint ignore=DL3008
    /// RUN apt-get install -y curl
    /// ```
    ///
    /// ## Fix
    /// Remove the comment, and fix the finding or ignore the rule in the
    /// configuration.
    ///
    /// ## Differences from hadolint
    /// hadolint's level for this rule is "ignore", which Layerlab does not
    /// have; selected, it reports at info level.
    pub struct InlineIgnorePragma {
        id: "inline-ignore-pragma",
        name: "Inline ignore pragma used",
        aliases: &["DL1001"],
        severity: Info,
        category: Syntax,
        fixable: false,
        enabled_by_default: false,
    }
}

impl Rule for InlineIgnorePragma {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        for comment in &cx.document().comments {
            let is_pragma = comment
                .text
                .trim()
                .strip_prefix("hadolint")
                .is_some_and(|rest| rest.trim_start().starts_with("ignore="));
            if is_pragma {
                out.push(cx.finding(
                    &Self::META,
                    comment.span,
                    "inline ignore pragma: keep exceptions in the configuration",
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::InlineIgnorePragma;
    use crate::lint::testing::findings;

    #[test]
    fn flags_inline_ignores() {
        let text = "FROM alpine\n# hadolint ignore=DL3018\nRUN apk add curl\n#hadolint ignore=DL3019 # why\nRUN apk add git\n";
        let lines: Vec<_> = findings(&InlineIgnorePragma, text)
            .iter()
            .map(|f| f.line)
            .collect();
        assert_eq!(lines, [2, 4]);
    }

    #[test]
    fn other_comments_are_fine() {
        let text = "# hadolint global ignore=DL3018\nFROM alpine\n# ignore=DL3018 is not a pragma\nRUN apk add curl\n";
        assert!(findings(&InlineIgnorePragma, text).is_empty());
    }
}
