use super::util::from_alias;
use crate::declare_rule;
use crate::lint::{Edit, Finding, LintContext, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags `FROM ... AS name` where `FROM` and `AS` are not in the same
    /// casing (both upper or both lower).
    ///
    /// ## Why it matters
    /// Consistent keywords are easier to read and to search; BuildKit warns
    /// about the mix.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM golang:1.23 as build
    /// ```
    ///
    /// ## Fix
    /// ```dockerfile
    /// FROM golang:1.23 AS build
    /// ```
    pub struct FromAsCasing {
        id: "from-as-casing",
        name: "FROM and AS casing differ",
        aliases: &["FromAsCasing"],
        severity: Style,
        category: Syntax,
        fixable: true,
        enabled_by_default: true,
    }
}

impl Rule for FromAsCasing {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        for (_, ins) in cx.instructions() {
            let Some((r#as, _)) = from_alias(ins) else {
                continue;
            };
            let from = ins.keyword.as_str();
            let kw = r#as.value.as_str();
            let upper = from == from.to_uppercase() && kw == kw.to_uppercase();
            let lower = from == from.to_lowercase() && kw == kw.to_lowercase();
            if upper || lower {
                continue;
            }
            let replacement = if from == from.to_lowercase() {
                "as"
            } else {
                "AS"
            };
            out.push(
                cx.finding(
                    &Self::META,
                    r#as.span,
                    format!("`{kw}` does not match the casing of `{from}`"),
                )
                .with_fix(
                    format!("Write `{replacement}`"),
                    vec![Edit {
                        span: r#as.span,
                        replacement: replacement.into(),
                    }],
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::FromAsCasing;
    use crate::lint::testing::{apply_fixes, findings};

    fn count(text: &str) -> usize {
        findings(&FromAsCasing, text).len()
    }

    #[test]
    fn flags_mismatched_as() {
        let found = findings(&FromAsCasing, "FROM golang:1.23 as build\n");
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].line, found[0].column), (1, 18));
        assert_eq!(count("from alpine:3 AS build\n"), 1);
        assert_eq!(count("FROM alpine:3 As build\n"), 1);
    }

    #[test]
    fn fix_matches_from() {
        assert_eq!(
            apply_fixes(&FromAsCasing, "FROM a:1 as b\nfrom c:1 AS d\n"),
            "FROM a:1 AS b\nfrom c:1 as d\n"
        );
    }

    #[test]
    fn accepts_matching_casing() {
        assert_eq!(count("FROM a:1 AS b\nfrom c:1 as d\nFROM e:1\n"), 0);
    }
}
