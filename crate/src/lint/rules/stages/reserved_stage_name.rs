use super::util::from_alias;
use crate::declare_rule;
use crate::lint::{Finding, LintContext, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags a stage named `scratch` or `context`.
    ///
    /// ## Why it matters
    /// `scratch` is the empty image and `context` the build context: a stage
    /// with either name is ambiguous wherever a stage or image is expected,
    /// and BuildKit warns about it.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20 AS context
    /// ```
    ///
    /// ## Fix
    /// ```dockerfile
    /// FROM alpine:3.20 AS sources
    /// ```
    ///
    /// ## Differences from hadolint
    /// Names are compared without regard to case, as BuildKit compares stage
    /// names: `AS Scratch` is a finding.
    pub struct ReservedStageName {
        id: "reserved-stage-name",
        name: "Stage name is reserved",
        aliases: &["DL3063", "ReservedStageName"],
        severity: Warning,
        category: Stages,
        fixable: false,
        enabled_by_default: true,
    }
}

impl Rule for ReservedStageName {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        for (_, ins) in cx.instructions() {
            let Some((_, name)) = from_alias(ins) else {
                continue;
            };
            let lower = name.value.to_lowercase();
            if lower == "scratch" || lower == "context" {
                out.push(cx.finding(
                    &Self::META,
                    name.span,
                    format!("`{}` is a reserved stage name: choose another", name.value),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ReservedStageName;
    use crate::lint::testing::findings;

    fn count(text: &str) -> usize {
        findings(&ReservedStageName, text).len()
    }

    #[test]
    fn flags_reserved_names() {
        let found = findings(&ReservedStageName, "FROM alpine:3 AS context\n");
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].line, found[0].column), (1, 18));
        assert_eq!(count("FROM busybox:1 as scratch\n"), 1);
        assert_eq!(count("FROM busybox:1 AS Scratch\n"), 1);
    }

    #[test]
    fn accepts_other_names() {
        assert_eq!(count("FROM scratch\nFROM alpine:3 AS contexts\n"), 0);
        assert_eq!(count("FROM alpine:3 AS build-context\n"), 0);
    }
}
