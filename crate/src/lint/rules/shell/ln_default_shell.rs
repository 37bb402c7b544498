use super::util;
use crate::declare_rule;
use crate::lint::{Finding, LintContext, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags `ln` replacing `/bin/sh` (or `/usr/bin/sh`) with a link to
    /// another shell, such as `ln -sf /bin/bash /bin/sh`.
    ///
    /// ## Why it matters
    /// Relinking `/bin/sh` changes the shell of every script in the image,
    /// including the distribution's own maintainer scripts, which expect
    /// the shell they were written for. To run your RUNs in bash, say so
    /// with `SHELL`, which changes only the Dockerfile's commands.
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN ln -sf /bin/bash /bin/sh
    /// ```
    ///
    /// ## Fix
    /// ```dockerfile
    /// SHELL ["/bin/bash", "-c"]
    /// ```
    ///
    /// ## Differences from hadolint
    /// hadolint only looks for the target `/bin/sh`; Layerlab also catches
    /// `/usr/bin/sh` (the same file on merged-/usr systems).
    pub struct LnDefaultShell {
        id: "ln-default-shell",
        name: "Use SHELL to change the default shell",
        aliases: &["DL4005"],
        severity: Warning,
        category: Shell,
        fixable: false,
        enabled_by_default: true,
    }
}

impl Rule for LnDefaultShell {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        for (run, _) in cx.runs() {
            for call in util::calls_named(run, "ln") {
                let operands: Vec<_> = call
                    .argv
                    .args()
                    .iter()
                    .filter(|w| !w.value.as_deref().is_some_and(|v| v.starts_with('-')))
                    .collect();
                let target = operands.last().and_then(|w| w.value.as_deref());
                if operands.len() >= 2 && matches!(target, Some("/bin/sh" | "/usr/bin/sh")) {
                    out.push(cx.finding(
                        &Self::META,
                        call.span,
                        "use SHELL to change the default shell instead of relinking /bin/sh",
                    ));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::LnDefaultShell;
    use crate::lint::testing::findings;

    #[test]
    fn flags_relinking_sh() {
        for text in [
            "FROM debian\nRUN ln -sf /bin/bash /bin/sh\n",
            "FROM debian\nRUN ln -s -f bash /bin/sh\n",
            "FROM debian\nRUN ln -sfv /bin/bash /usr/bin/sh\n",
        ] {
            assert_eq!(findings(&LnDefaultShell, text).len(), 1, "{text}");
        }
    }

    #[test]
    fn other_links_are_fine() {
        for text in [
            "FROM debian\nRUN ln -s /bin/sh /usr/local/bin/mysh\n",
            "FROM debian\nRUN ln -sf /usr/bin/python3 /usr/bin/python\n",
            "FROM debian\nSHELL [\"/bin/bash\", \"-c\"]\n",
        ] {
            assert!(findings(&LnDefaultShell, text).is_empty(), "{text}");
        }
    }
}
