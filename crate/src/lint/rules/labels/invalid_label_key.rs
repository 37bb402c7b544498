use super::util::unquote;
use crate::declare_rule;
use crate::lint::{Finding, LintContext, Rule, RuleMeta};
use crate::syntax::{Args, InstructionKind};

declare_rule! {
    /// ## What it does
    /// Flags a `LABEL` key that breaks Docker's key format: it should start
    /// with a lowercase letter, end with a lowercase letter or digit, use
    /// only `a-z`, `0-9`, `.`, `-`, `_` and `/`, have no `..` or `--`, and
    /// not use the namespaces Docker reserves (`com.docker.`, `io.docker.`,
    /// `org.dockerproject.`).
    ///
    /// ## Why it matters
    /// Tools that read labels expect reverse-DNS keys such as
    /// `org.opencontainers.image.source`. Keys in other shapes are easy to
    /// misspell, collide, or end up ignored.
    ///
    /// ## Example
    /// ```dockerfile
    /// LABEL Maintainer="me@example.com" com.docker.extra=x
    /// ```
    ///
    /// ## Fix
    /// ```dockerfile
    /// LABEL org.opencontainers.image.authors="me@example.com"
    /// ```
    ///
    /// ## Differences from hadolint
    /// Keys written with a variable are not judged.
    pub struct InvalidLabelKey {
        id: "invalid-label-key",
        name: "Invalid label key",
        aliases: &["DL3048"],
        severity: Style,
        category: Labels,
        fixable: false,
        enabled_by_default: true,
    }
}

/// What is wrong with `key`, if anything.
fn problem(key: &str) -> Option<&'static str> {
    let first = key.chars().next()?;
    let last = key.chars().last()?;
    if !first.is_ascii_lowercase() {
        Some("should start with a lowercase letter")
    } else if !(last.is_ascii_lowercase() || last.is_ascii_digit()) {
        Some("should end with a lowercase letter or a digit")
    } else if !key
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || ".-_/".contains(c))
    {
        Some("may only use a-z, 0-9, `.`, `-`, `_` and `/`")
    } else if key.contains("..") || key.contains("--") {
        Some("should not repeat `.` or `-`")
    } else if ["com.docker.", "io.docker.", "org.dockerproject."]
        .iter()
        .any(|ns| key.starts_with(ns))
    {
        Some("uses a namespace reserved by Docker")
    } else {
        None
    }
}

impl Rule for InvalidLabelKey {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        for (_, ins) in cx.instructions() {
            let ins = ins.effective();
            let (InstructionKind::Label, Args::KeyValues(pairs)) = (&ins.kind, &ins.args) else {
                continue;
            };
            for pair in pairs {
                let key = unquote(&pair.key.value);
                if key.contains('$') {
                    continue;
                }
                if let Some(why) = problem(key) {
                    out.push(cx.finding(
                        &Self::META,
                        pair.key.span,
                        format!("label key `{key}` {why}"),
                    ));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::InvalidLabelKey;
    use crate::lint::testing::findings;

    #[test]
    fn flags_badly_formed_and_reserved_keys() {
        let text = "FROM alpine\nLABEL Maintainer=me a_=1 1x=y a..b=1 a--b=1 a:b=1 com.docker.x=1 \"io.docker.y\"=2 org.dockerproject.z=3\n";
        assert_eq!(findings(&InvalidLabelKey, text).len(), 9);
    }

    #[test]
    fn reverse_dns_keys_are_fine() {
        let text = "FROM alpine\nLABEL org.opencontainers.image.source=x \"com.example/v-1_2\"=y version=1 $KEY=v\n";
        assert!(findings(&InvalidLabelKey, text).is_empty());
    }
}
