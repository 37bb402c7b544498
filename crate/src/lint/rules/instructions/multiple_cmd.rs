use super::util::report_overridden;
use crate::declare_rule;
use crate::lint::{Finding, LintContext, Rule, RuleMeta};
use crate::syntax::InstructionKind;

declare_rule! {
    /// ## What it does
    /// Flags a `CMD` that a later `CMD` in the same stage overrides.
    ///
    /// ## Why it matters
    /// A stage keeps only its last `CMD`; the earlier ones do nothing but
    /// suggest, to whoever reads the file, a setting the image does not have.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine
    /// CMD ["app", "--debug"]
    /// CMD ["app", "--serve"]
    /// ```
    ///
    /// ## Fix
    /// Keep one `CMD` per stage; the fix removes the overridden one.
    ///
    /// ## Differences from hadolint
    /// hadolint reports the second and later `CMD`s; this rule reports the
    /// ones that have no effect, as BuildKit's MultipleInstructionsDisallowed
    /// does, so the finding sits on what to delete.
    pub struct MultipleCmd {
        id: "multiple-cmd",
        name: "More than one CMD in a stage",
        aliases: &["DL4003", "MultipleInstructionsDisallowed"],
        severity: Warning,
        category: Instructions,
        fixable: true,
        enabled_by_default: true,
    }
}

impl Rule for MultipleCmd {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        report_overridden(cx, &Self::META, InstructionKind::Cmd, out);
    }
}

#[cfg(test)]
mod tests {
    use super::MultipleCmd;
    use crate::lint::testing::{apply_fixes, findings};

    #[test]
    fn flags_each_overridden_cmd_per_stage() {
        let text = "FROM alpine AS a\nCMD one\nCMD two\nFROM a\nCMD three\nRUN x\nCMD four\n";
        let lines: Vec<_> = findings(&MultipleCmd, text)
            .iter()
            .map(|f| f.line)
            .collect();
        assert_eq!(lines, [2, 5]);
        assert_eq!(
            apply_fixes(&MultipleCmd, text),
            "FROM alpine AS a\nCMD two\nFROM a\nRUN x\nCMD four\n"
        );
    }

    #[test]
    fn one_per_stage_and_onbuild_are_fine() {
        let text = "FROM alpine AS a\nCMD one\nONBUILD CMD later\nFROM a\nCMD two\n";
        assert!(findings(&MultipleCmd, text).is_empty());
    }
}
