use super::util::report_overridden;
use crate::declare_rule;
use crate::lint::{Finding, LintContext, Rule, RuleMeta};
use crate::syntax::InstructionKind;

declare_rule! {
    /// ## What it does
    /// Flags a `HEALTHCHECK` that a later `HEALTHCHECK` in the same stage overrides.
    ///
    /// ## Why it matters
    /// A stage keeps only its last `HEALTHCHECK`; the earlier ones do nothing but
    /// suggest, to whoever reads the file, a setting the image does not have.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine
    /// HEALTHCHECK NONE
    /// HEALTHCHECK CMD ["/app", "ping"]
    /// ```
    ///
    /// ## Fix
    /// Keep one `HEALTHCHECK` per stage; the fix removes the overridden one.
    ///
    /// ## Differences from hadolint
    /// hadolint reports the second and later `HEALTHCHECK`s; this rule reports the
    /// ones that have no effect, as BuildKit's MultipleInstructionsDisallowed
    /// does, so the finding sits on what to delete.
    pub struct MultipleHealthcheck {
        id: "multiple-healthcheck",
        name: "More than one HEALTHCHECK in a stage",
        aliases: &["DL3012", "MultipleInstructionsDisallowed"],
        severity: Error,
        category: Instructions,
        fixable: true,
        enabled_by_default: true,
    }
}

impl Rule for MultipleHealthcheck {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        report_overridden(cx, &Self::META, InstructionKind::Healthcheck, out);
    }
}

#[cfg(test)]
mod tests {
    use super::MultipleHealthcheck;
    use crate::lint::testing::findings;

    #[test]
    fn flags_the_overridden_healthcheck() {
        let text = "FROM alpine\nHEALTHCHECK NONE\nHEALTHCHECK CMD true\n";
        let found = findings(&MultipleHealthcheck, text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].line, 2);
        assert!(found[0].fix.is_some());
    }

    #[test]
    fn one_healthcheck_per_stage_is_fine() {
        let text = "FROM alpine\nHEALTHCHECK CMD true\nFROM alpine\nHEALTHCHECK NONE\n";
        assert!(findings(&MultipleHealthcheck, text).is_empty());
    }
}
