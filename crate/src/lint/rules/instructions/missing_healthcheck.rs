use crate::declare_rule;
use crate::lint::{Finding, LintContext, Rule, RuleMeta};
use crate::model::{Base, Stage};
use crate::syntax::InstructionKind;

declare_rule! {
    /// ## What it does
    /// Flags a final stage with no `HEALTHCHECK`, neither its own nor one
    /// from a stage it is built on. Off by default.
    ///
    /// ## Why it matters
    /// Without a health check Docker and Swarm only know whether the process
    /// is running, not whether it still answers; a hung server looks
    /// healthy.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM nginx:1.27
    /// COPY site/ /usr/share/nginx/html/
    /// ```
    ///
    /// ## Fix
    /// ```dockerfile
    /// FROM nginx:1.27
    /// COPY site/ /usr/share/nginx/html/
    /// HEALTHCHECK CMD curl -fsS http://localhost/ || exit 1
    /// ```
    /// `HEALTHCHECK NONE` states that no check is wanted.
    ///
    /// ## Differences from hadolint
    /// hadolint flags every stage without one; only the final stage becomes
    /// the image, so only it is checked here. hadolint's level for this
    /// rule is "ignore"; selected, it reports at info level.
    pub struct MissingHealthcheck {
        id: "missing-healthcheck",
        name: "HEALTHCHECK missing",
        aliases: &["DL3057"],
        severity: Info,
        category: Instructions,
        fixable: false,
        enabled_by_default: false,
    }
}

/// Whether `stage` or a stage it is built on has a HEALTHCHECK.
fn has_healthcheck(cx: &LintContext, stage: &Stage) -> bool {
    let doc = cx.document();
    stage
        .instructions
        .iter()
        .any(|&i| doc.instructions[i].kind == InstructionKind::Healthcheck)
        || match stage.base {
            // Parents come earlier, so this ends.
            Base::Stage { index } if index < stage.index => cx
                .model()
                .stages
                .get(index)
                .is_some_and(|parent| has_healthcheck(cx, parent)),
            _ => false,
        }
}

impl Rule for MissingHealthcheck {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        let Some(last) = cx.model().stages.last() else {
            return;
        };
        if has_healthcheck(cx, last) {
            return;
        }
        let Some(&from) = last.instructions.first() else {
            return;
        };
        out.push(cx.finding(
            &Self::META,
            cx.document().instructions[from].keyword_span,
            "the image has no HEALTHCHECK",
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::MissingHealthcheck;
    use crate::lint::testing::findings;

    #[test]
    fn flags_a_final_stage_without_one() {
        let found = findings(
            &MissingHealthcheck,
            "FROM alpine\nHEALTHCHECK NONE\nFROM nginx\nRUN x\n",
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].line, 3);
    }

    #[test]
    fn own_or_inherited_healthchecks_are_fine() {
        for text in [
            "FROM nginx\nHEALTHCHECK CMD curl -f http://localhost/\n",
            "FROM nginx AS base\nHEALTHCHECK NONE\nFROM base\nRUN x\n",
            "FROM nginx AS a\nHEALTHCHECK NONE\nFROM a AS b\nFROM b\n",
        ] {
            assert!(findings(&MissingHealthcheck, text).is_empty(), "{text}");
        }
    }
}
