use super::util::check_format;
use crate::declare_rule;
use crate::lint::{Finding, LabelFormat, LintContext, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// With a `label-schema` that gives a label the `hash` format, flags
    /// a value of that label that is not a git commit hash (7 or 40 lowercase hex digits).
    ///
    /// ## Why it matters
    /// The revision label ties an image to the exact commit it was built
    /// from; a branch name moves and a tag can be re-pointed.
    ///
    /// ## Example
    /// With `label-schema: {org.opencontainers.image.revision: hash}`:
    /// ```dockerfile
    /// LABEL org.opencontainers.image.revision="main"
    /// ```
    ///
    /// ## Fix
    /// ```dockerfile
    /// LABEL org.opencontainers.image.revision="3f2a9c1"
    /// ```
    pub struct LabelNotGitHash {
        id: "label-not-git-hash",
        name: "Schema label is not a git hash",
        aliases: &["DL3055"],
        severity: Warning,
        category: Labels,
        fixable: false,
        enabled_by_default: true,
    }
}

/// A short (7) or full (40) commit hash in lowercase hex.
fn valid(value: &str) -> bool {
    matches!(value.len(), 7 | 40)
        && value
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

impl Rule for LabelNotGitHash {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        check_format(
            cx,
            &Self::META,
            LabelFormat::Hash,
            valid,
            "a git commit hash (7 or 40 lowercase hex digits)",
            out,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::{LabelNotGitHash, valid};
    use crate::lint::testing::{findings, findings_with};

    #[test]
    fn accepts_and_rejects_values() {
        for good in ["3f2a9c1", "0123456789abcdef0123456789abcdef01234567"] {
            assert!(valid(good), "{good}");
        }
        for bad in [
            "main",
            "3F2A9C1",
            "3f2a9c",
            "v1.0.0",
            "0123456789abcdef0123456789abcdef0123456",
        ] {
            assert!(!valid(bad), "{bad}");
        }
    }

    #[test]
    fn checks_only_labels_the_schema_gives_this_format() {
        let text = "FROM alpine\nLABEL x=\"main\" y=\"main\" x=\"3f2a9c1\" x=$V\n";
        let found = findings_with(
            &LabelNotGitHash,
            text,
            "label-schema:\n  x: hash\n  y: text\n",
        );
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].line, found[0].column), (2, 9));
        assert!(findings(&LabelNotGitHash, text).is_empty());
    }
}
