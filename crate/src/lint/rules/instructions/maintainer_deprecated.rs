use crate::declare_rule;
use crate::lint::{Edit, Finding, LintContext, Rule, RuleMeta};
use crate::syntax::{Args, InstructionKind};

declare_rule! {
    /// ## What it does
    /// Flags the `MAINTAINER` instruction.
    ///
    /// ## Why it matters
    /// `MAINTAINER` has been deprecated since Docker 1.13. Tools read the
    /// author from the standard OCI label instead, and BuildKit warns about
    /// it on every build.
    ///
    /// ## Example
    /// ```dockerfile
    /// MAINTAINER Jane Doe <jane@example.com>
    /// ```
    ///
    /// ## Fix
    /// ```dockerfile
    /// LABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"
    /// ```
    pub struct MaintainerDeprecated {
        id: "maintainer-deprecated",
        name: "MAINTAINER is deprecated",
        aliases: &["DL4000", "MaintainerDeprecated"],
        severity: Error,
        category: Instructions,
        fixable: true,
        enabled_by_default: true,
    }
}

impl Rule for MaintainerDeprecated {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        for (_, ins) in cx.instructions() {
            if ins.kind != InstructionKind::Maintainer {
                continue;
            }
            let finding = cx.finding(
                &Self::META,
                ins.span,
                "MAINTAINER is deprecated: use the org.opencontainers.image.authors label",
            );
            let finding = match &ins.args {
                Args::Text(author) if !ins.span.is_empty() => {
                    let value = author.value.replace('\\', "\\\\").replace('"', "\\\"");
                    let edit = Edit {
                        span: ins.span,
                        replacement: format!("LABEL org.opencontainers.image.authors=\"{value}\""),
                    };
                    finding.with_fix("Replace with the OCI authors label", vec![edit])
                }
                _ => finding,
            };
            out.push(finding);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::MaintainerDeprecated;
    use crate::lint::testing::{apply_fixes, findings};

    #[test]
    fn flags_maintainer() {
        let found = findings(
            &MaintainerDeprecated,
            "FROM alpine\nMAINTAINER Jane \"JD\" <jane@example.com>\n",
        );
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].line, found[0].column), (2, 1));
    }

    #[test]
    fn fix_writes_the_label() {
        let text = "FROM alpine\nMAINTAINER Jane \"JD\" <jane@example.com>\n";
        assert_eq!(
            apply_fixes(&MaintainerDeprecated, text),
            "FROM alpine\nLABEL org.opencontainers.image.authors=\"Jane \\\"JD\\\" <jane@example.com>\"\n"
        );
    }

    #[test]
    fn labels_are_fine() {
        assert!(
            findings(
                &MaintainerDeprecated,
                "FROM alpine\nLABEL org.opencontainers.image.authors=jane\n"
            )
            .is_empty()
        );
    }
}
