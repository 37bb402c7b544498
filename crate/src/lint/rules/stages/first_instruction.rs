use crate::declare_rule;
use crate::lint::{Finding, LintContext, Rule, RuleMeta};
use crate::syntax::InstructionKind;

declare_rule! {
    /// ## What it does
    /// Flags every instruction before the first `FROM` other than `ARG`.
    ///
    /// ## Why it matters
    /// Only `ARG` may come before the first `FROM`; BuildKit rejects anything
    /// else, because there is no stage yet for it to belong to.
    ///
    /// ## Example
    /// ```dockerfile
    /// LABEL org.opencontainers.image.source=https://github.com/org/app
    /// FROM alpine:3.20
    /// ```
    ///
    /// ## Fix
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.source=https://github.com/org/app
    /// ```
    pub struct FirstInstruction {
        id: "first-instruction",
        name: "File must start with FROM or ARG",
        aliases: &["DL3061"],
        severity: Error,
        category: Syntax,
        fixable: false,
        enabled_by_default: true,
    }
}

impl Rule for FirstInstruction {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        for (_, ins) in cx.instructions() {
            match ins.kind {
                InstructionKind::From => return,
                InstructionKind::Arg => {}
                _ => out.push(cx.finding(
                    &Self::META,
                    ins.keyword_span,
                    format!(
                        "{} before the first FROM: only ARG may come first",
                        ins.kind.as_str()
                    ),
                )),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::FirstInstruction;
    use crate::lint::testing::findings;

    fn count(text: &str) -> usize {
        findings(&FirstInstruction, text).len()
    }

    #[test]
    fn flags_instructions_before_from() {
        let found = findings(&FirstInstruction, "# comment\nLABEL a=b\nFROM alpine:3\n");
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].line, found[0].column), (2, 1));
        assert_eq!(
            count("ARG V=1\nENV A=1\nRUN true\nFROM alpine:3\nRUN true\n"),
            2
        );
        assert_eq!(count("RUN echo no from\n"), 1);
    }

    #[test]
    fn accepts_from_or_arg_first() {
        assert_eq!(
            count("# syntax=docker/dockerfile:1\nARG V=3\nFROM alpine:$V\nRUN true\n"),
            0
        );
        assert_eq!(count("FROM alpine:3\nLABEL a=b\n"), 0);
        assert_eq!(count(""), 0);
    }
}
