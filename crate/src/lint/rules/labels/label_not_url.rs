use super::util::check_format;
use crate::declare_rule;
use crate::lint::{Finding, LabelFormat, LintContext, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// With a `label-schema` that gives a label the `url` format, flags
    /// a value of that label that is not an absolute URL.
    ///
    /// ## Why it matters
    /// Tools open the label as a link or clone it; without a scheme it is
    /// neither.
    ///
    /// ## Example
    /// With `label-schema: {org.opencontainers.image.source: url}`:
    /// ```dockerfile
    /// LABEL org.opencontainers.image.source="github.com/org/tool"
    /// ```
    ///
    /// ## Fix
    /// ```dockerfile
    /// LABEL org.opencontainers.image.source="https://github.com/org/tool"
    /// ```
    pub struct LabelNotUrl {
        id: "label-not-url",
        name: "Schema label is not a URL",
        aliases: &["DL3052"],
        severity: Warning,
        category: Labels,
        fixable: false,
        enabled_by_default: true,
    }
}

/// An absolute URI: a scheme, `:`, and no characters URIs do not allow.
fn valid(value: &str) -> bool {
    let Some((scheme, rest)) = value.split_once(':') else {
        return false;
    };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        && !rest.is_empty()
        && rest
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-._~:/?#[]@!$&'()*+,;=%".contains(c))
}

impl Rule for LabelNotUrl {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        check_format(
            cx,
            &Self::META,
            LabelFormat::Url,
            valid,
            "an absolute URL",
            out,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::{LabelNotUrl, valid};
    use crate::lint::testing::{findings, findings_with};

    #[test]
    fn accepts_and_rejects_values() {
        for good in [
            "https://example.com/a?b=c#d",
            "mailto:me@example.com",
            "git+ssh://git@host/repo.git",
            "urn:isbn:0451450523",
        ] {
            assert!(valid(good), "{good}");
        }
        for bad in [
            "github.com/org/tool",
            "https://exa mple.com",
            "http:",
            "1http://x",
            "not a url",
        ] {
            assert!(!valid(bad), "{bad}");
        }
    }

    #[test]
    fn checks_only_labels_the_schema_gives_this_format() {
        let text = "FROM alpine\nLABEL x=\"github.com/org/tool\" y=\"github.com/org/tool\" x=\"https://github.com/org/tool\" x=$V\n";
        let found = findings_with(&LabelNotUrl, text, "label-schema:\n  x: url\n  y: text\n");
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].line, found[0].column), (2, 9));
        assert!(findings(&LabelNotUrl, text).is_empty());
    }
}
