use crate::declare_rule;
use crate::lint::{Finding, LintContext, Rule, RuleMeta};
use crate::syntax::{Args, InstructionKind};

declare_rule! {
    /// ## What it does
    /// Flags `ONBUILD ONBUILD`, `ONBUILD FROM` and `ONBUILD MAINTAINER`.
    ///
    /// ## Why it matters
    /// Docker does not allow these as triggers: chaining ONBUILD is
    /// refused, a trigger cannot start a new stage, and MAINTAINER is
    /// deprecated. The image that inherits the trigger fails to build,
    /// far from the file that wrote it.
    ///
    /// ## Example
    /// ```dockerfile
    /// ONBUILD FROM alpine
    /// ```
    ///
    /// ## Fix
    /// Remove the trigger, or make it an instruction ONBUILD accepts,
    /// such as `ONBUILD RUN` or `ONBUILD COPY`.
    pub struct OnbuildTrigger {
        id: "onbuild-trigger",
        name: "ONBUILD triggers ONBUILD, FROM or MAINTAINER",
        aliases: &["DL3043"],
        severity: Error,
        category: Instructions,
        fixable: false,
        enabled_by_default: true,
    }
}

impl Rule for OnbuildTrigger {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        for (_, ins) in cx.instructions() {
            let Args::Onbuild(inner) = &ins.args else {
                continue;
            };
            if matches!(
                inner.kind,
                InstructionKind::Onbuild | InstructionKind::From | InstructionKind::Maintainer
            ) {
                out.push(cx.finding(
                    &Self::META,
                    inner.keyword_span,
                    format!(
                        "{} is not allowed as an ONBUILD trigger",
                        inner.kind.as_str()
                    ),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::OnbuildTrigger;
    use crate::lint::testing::findings;

    #[test]
    fn flags_forbidden_triggers() {
        let text =
            "FROM alpine\nONBUILD ONBUILD RUN x\nonbuild from alpine\nONBUILD MAINTAINER me\n";
        let found = findings(&OnbuildTrigger, text);
        let at: Vec<_> = found.iter().map(|f| (f.line, f.column)).collect();
        assert_eq!(at, [(2, 9), (3, 9), (4, 9)]);
    }

    #[test]
    fn ordinary_triggers_are_fine() {
        let text = "FROM alpine\nONBUILD RUN make\nONBUILD COPY . /src\nMAINTAINER me\n";
        assert!(findings(&OnbuildTrigger, text).is_empty());
    }
}
