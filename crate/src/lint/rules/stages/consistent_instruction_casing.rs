use crate::declare_rule;
use crate::lint::{Edit, Finding, LintContext, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags instruction keywords whose casing differs from the file's
    /// majority: if most keywords are uppercase, `run` and `Run` are
    /// findings; if most are lowercase, `RUN` is. A tie counts as uppercase.
    ///
    /// ## Why it matters
    /// Mixed keyword casing makes a Dockerfile harder to read and grep.
    /// BuildKit warns about it.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// run apk add --no-cache curl
    /// CMD ["curl", "--version"]
    /// ```
    ///
    /// ## Fix
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUN apk add --no-cache curl
    /// CMD ["curl", "--version"]
    /// ```
    pub struct ConsistentInstructionCasing {
        id: "consistent-instruction-casing",
        name: "Instruction casing differs from the file's majority",
        aliases: &["ConsistentInstructionCasing"],
        severity: Style,
        category: Syntax,
        fixable: true,
        enabled_by_default: true,
    }
}

impl Rule for ConsistentInstructionCasing {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        let (mut lower, mut upper) = (0, 0);
        for (_, ins) in cx.instructions() {
            if ins.keyword == ins.keyword.to_lowercase() {
                lower += 1;
            } else if ins.keyword == ins.keyword.to_uppercase() {
                upper += 1;
            }
        }
        let majority_lower = lower > upper;
        for (_, ins) in cx.instructions() {
            let wanted = if majority_lower {
                ins.keyword.to_lowercase()
            } else {
                ins.keyword.to_uppercase()
            };
            if ins.keyword == wanted {
                continue;
            }
            let casing = if majority_lower {
                "lowercase"
            } else {
                "uppercase"
            };
            out.push(
                cx.finding(
                    &Self::META,
                    ins.keyword_span,
                    format!(
                        "`{}` should be {casing} like most instructions",
                        ins.keyword
                    ),
                )
                .with_fix(
                    format!("Write `{wanted}`"),
                    vec![Edit {
                        span: ins.keyword_span,
                        replacement: wanted,
                    }],
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ConsistentInstructionCasing;
    use crate::lint::testing::{apply_fixes, findings};

    fn count(text: &str) -> usize {
        findings(&ConsistentInstructionCasing, text).len()
    }

    #[test]
    fn flags_minority_casing() {
        let found = findings(
            &ConsistentInstructionCasing,
            "FROM alpine:3\nrun apk add curl\nCMD [\"sh\"]\n",
        );
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].line, found[0].column), (2, 1));
        assert_eq!(count("from a:1\nrun x\nRUN y\nRun z\n"), 2);
        assert_eq!(count("from a:1\nRUN y\n"), 1);
    }

    #[test]
    fn fix_uses_majority() {
        assert_eq!(
            apply_fixes(
                &ConsistentInstructionCasing,
                "from a:1\nrun x\nRUN y\nWorkdir /app\n"
            ),
            "from a:1\nrun x\nrun y\nworkdir /app\n"
        );
    }

    #[test]
    fn accepts_consistent_files() {
        assert_eq!(count("FROM a:1\nRUN x\nCMD y\n"), 0);
        assert_eq!(count("from a:1\nrun x\ncmd y\n"), 0);
    }
}
