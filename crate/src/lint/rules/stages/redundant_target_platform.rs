use crate::declare_rule;
use crate::lint::{Edit, Finding, LintContext, Rule, RuleMeta};
use crate::span::Span;
use crate::syntax::InstructionKind;

declare_rule! {
    /// ## What it does
    /// Flags `FROM --platform=$TARGETPLATFORM`.
    ///
    /// ## Why it matters
    /// Stages are built for the target platform anyway: the flag only adds
    /// noise, and suggests a difference that is not there.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM --platform=$TARGETPLATFORM alpine:3.20
    /// ```
    ///
    /// ## Fix
    /// ```dockerfile
    /// FROM alpine:3.20
    /// ```
    pub struct RedundantTargetPlatform {
        id: "redundant-target-platform",
        name: "FROM --platform=$TARGETPLATFORM is redundant",
        aliases: &["DL3065", "RedundantTargetPlatform"],
        severity: Warning,
        category: BaseImage,
        fixable: true,
        enabled_by_default: true,
    }
}

impl Rule for RedundantTargetPlatform {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        let source = &cx.document().source;
        for (_, ins) in cx.instructions() {
            if ins.kind != InstructionKind::From {
                continue;
            }
            let Some(flag) = ins.flag("platform") else {
                continue;
            };
            let value = flag.value.as_deref().unwrap_or("");
            if value != "$TARGETPLATFORM" && value != "${TARGETPLATFORM}" {
                continue;
            }
            let finding = cx.finding(
                &Self::META,
                flag.span,
                "--platform=$TARGETPLATFORM is the default: remove it",
            );
            let rest = &source[flag.span.end..];
            let blanks = rest.len() - rest.trim_start_matches([' ', '\t']).len();
            let finding = if blanks > 0 {
                let span = Span::new(flag.span.start, flag.span.end + blanks);
                finding.with_fix(
                    "Remove --platform",
                    vec![Edit {
                        span,
                        replacement: String::new(),
                    }],
                )
            } else {
                finding
            };
            out.push(finding);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RedundantTargetPlatform;
    use crate::lint::testing::{apply_fixes, findings};

    fn count(text: &str) -> usize {
        findings(&RedundantTargetPlatform, text).len()
    }

    #[test]
    fn flags_target_platform() {
        let found = findings(
            &RedundantTargetPlatform,
            "FROM --platform=$TARGETPLATFORM alpine:3\n",
        );
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].line, found[0].column), (1, 6));
        assert_eq!(
            count("FROM --platform=${TARGETPLATFORM} alpine:3 AS run\n"),
            1
        );
    }

    #[test]
    fn fix_removes_the_flag() {
        assert_eq!(
            apply_fixes(
                &RedundantTargetPlatform,
                "FROM  --platform=${TARGETPLATFORM}   alpine:3 AS run\n"
            ),
            "FROM  alpine:3 AS run\n"
        );
    }

    #[test]
    fn accepts_other_platforms() {
        assert_eq!(
            count("FROM --platform=$BUILDPLATFORM golang:1.23 AS b\n"),
            0
        );
        assert_eq!(count("FROM --platform=linux/amd64 alpine:3\n"), 0);
        assert_eq!(count("FROM alpine:3\n"), 0);
    }
}
