use super::util::report_overridden;
use crate::declare_rule;
use crate::lint::{Finding, LintContext, Rule, RuleMeta};
use crate::syntax::InstructionKind;

declare_rule! {
    /// ## What it does
    /// Flags a `ENTRYPOINT` that a later `ENTRYPOINT` in the same stage overrides.
    ///
    /// ## Why it matters
    /// A stage keeps only its last `ENTRYPOINT`; the earlier ones do nothing but
    /// suggest, to whoever reads the file, a setting the image does not have.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine
    /// ENTRYPOINT ["/old"]
    /// ENTRYPOINT ["/app"]
    /// ```
    ///
    /// ## Fix
    /// Keep one `ENTRYPOINT` per stage; the fix removes the overridden one.
    ///
    /// ## Differences from hadolint
    /// hadolint reports the second and later `ENTRYPOINT`s; this rule reports the
    /// ones that have no effect, as BuildKit's MultipleInstructionsDisallowed
    /// does, so the finding sits on what to delete.
    pub struct MultipleEntrypoint {
        id: "multiple-entrypoint",
        name: "More than one ENTRYPOINT in a stage",
        aliases: &["DL4004", "MultipleInstructionsDisallowed"],
        severity: Error,
        category: Instructions,
        fixable: true,
        enabled_by_default: true,
    }
}

impl Rule for MultipleEntrypoint {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        report_overridden(cx, &Self::META, InstructionKind::Entrypoint, out);
    }
}

#[cfg(test)]
mod tests {
    use super::MultipleEntrypoint;
    use crate::lint::testing::{apply_fixes, findings};

    #[test]
    fn flags_and_removes_the_overridden_entrypoint() {
        let text = "FROM alpine\nENTRYPOINT [\"/a\", \\\n  \"x\"]\nENTRYPOINT /b\n";
        let found = findings(&MultipleEntrypoint, text);
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].line, found[0].column), (2, 1));
        assert_eq!(
            apply_fixes(&MultipleEntrypoint, text),
            "FROM alpine\nENTRYPOINT /b\n"
        );
    }

    #[test]
    fn one_entrypoint_per_stage_is_fine() {
        let text = "FROM alpine\nENTRYPOINT [\"/a\"]\nFROM alpine\nENTRYPOINT [\"/b\"]\n";
        assert!(findings(&MultipleEntrypoint, text).is_empty());
    }
}
