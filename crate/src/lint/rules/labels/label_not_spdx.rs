use super::util::check_format;
use crate::declare_rule;
use crate::lint::{Finding, LabelFormat, LintContext, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// With a `label-schema` that gives a label the `spdx` format, flags
    /// a value of that label that is not an SPDX license identifier.
    ///
    /// ## Why it matters
    /// License scanners read the label as an SPDX identifier; free text such
    /// as `MIT License` or `GPL v2` is not one.
    ///
    /// ## Example
    /// With `label-schema: {org.opencontainers.image.licenses: spdx}`:
    /// ```dockerfile
    /// LABEL org.opencontainers.image.licenses="MIT License"
    /// ```
    ///
    /// ## Fix
    /// ```dockerfile
    /// LABEL org.opencontainers.image.licenses="MIT"
    /// ```
    ///
    /// ## Differences from hadolint
    /// The form of the identifier is checked, and expressions such as
    /// `MIT OR Apache-2.0` are accepted; the identifier is not looked up in
    /// the SPDX license list, which hadolint does (for single ids only).
    pub struct LabelNotSpdx {
        id: "label-not-spdx",
        name: "Schema label is not an SPDX license",
        aliases: &["DL3054"],
        severity: Warning,
        category: Labels,
        fixable: false,
        enabled_by_default: true,
    }
}

/// A license id (`MIT`, `GPL-2.0-or-later`, `Apache-2.0+`,
/// `LicenseRef-x`) or an expression joining ids with `AND`, `OR` and
/// `WITH`, with parentheses.
fn valid(value: &str) -> bool {
    let spaced = value.replace('(', " ( ").replace(')', " ) ");
    let mut depth = 0usize;
    // Whether the next token must be an id (or `(`) rather than an operator.
    let mut want_id = true;
    for token in spaced.split_whitespace() {
        match token {
            "(" if want_id => depth += 1,
            ")" if !want_id && depth > 0 => depth -= 1,
            "AND" | "OR" | "WITH" if !want_id => want_id = true,
            id if want_id && is_id(id) => want_id = false,
            _ => return false,
        }
    }
    !want_id && depth == 0
}

fn is_id(token: &str) -> bool {
    let id = token.strip_suffix('+').unwrap_or(token);
    id.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
        && !matches!(id, "AND" | "OR" | "WITH")
}

impl Rule for LabelNotSpdx {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        check_format(
            cx,
            &Self::META,
            LabelFormat::Spdx,
            valid,
            "an SPDX license identifier",
            out,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::{LabelNotSpdx, valid};
    use crate::lint::testing::{findings, findings_with};

    #[test]
    fn accepts_and_rejects_values() {
        for good in [
            "MIT",
            "Apache-2.0",
            "GPL-2.0-or-later",
            "GPL-2.0+",
            "MIT OR Apache-2.0",
            "(MIT AND BSD-3-Clause) OR GPL-2.0-only WITH Classpath-exception-2.0",
            "LicenseRef-Proprietary",
        ] {
            assert!(valid(good), "{good}");
        }
        for bad in [
            "MIT License",
            "GPL v2",
            "MIT OR",
            "(MIT",
            "MIT)",
            "Apache/2",
            "AND",
        ] {
            assert!(!valid(bad), "{bad}");
        }
    }

    #[test]
    fn checks_only_labels_the_schema_gives_this_format() {
        let text = "FROM alpine\nLABEL x=\"MIT License\" y=\"MIT License\" x=\"MIT\" x=$V\n";
        let found = findings_with(&LabelNotSpdx, text, "label-schema:\n  x: spdx\n  y: text\n");
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].line, found[0].column), (2, 9));
        assert!(findings(&LabelNotSpdx, text).is_empty());
    }
}
