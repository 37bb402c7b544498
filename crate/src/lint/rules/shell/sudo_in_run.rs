use super::util;
use crate::declare_rule;
use crate::lint::{Finding, LintContext, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags `sudo` in a RUN.
    ///
    /// ## Why it matters
    /// A build runs as the `USER` in effect, with no terminal and no
    /// password; `sudo` then either prompts and fails, or depends on a
    /// sudoers file baked into the image, and behaves differently from
    /// `USER root`. It also leaves `sudo` and its setuid binary in the image.
    ///
    /// ## Example
    /// ```dockerfile
    /// USER app
    /// RUN sudo apt-get update
    /// ```
    ///
    /// ## Fix
    /// ```dockerfile
    /// USER root
    /// RUN apt-get update
    /// USER app
    /// ```
    /// To drop privileges at run time, use `gosu` or `su-exec` in the
    /// entrypoint.
    pub struct SudoInRun {
        id: "sudo-in-run",
        name: "Do not use sudo",
        aliases: &["DL3004"],
        severity: Error,
        category: Shell,
        fixable: false,
        enabled_by_default: true,
    }
}

impl Rule for SudoInRun {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        for (run, _) in cx.runs() {
            if let Some(call) = util::calls_named(run, "sudo").next() {
                out.push(cx.finding(
                    &Self::META,
                    call.span,
                    "do not use sudo: switch with USER, or use gosu/su-exec at run time",
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::SudoInRun;
    use crate::lint::testing::findings;

    #[test]
    fn flags_sudo() {
        let found = findings(&SudoInRun, "FROM debian\nRUN ls && sudo apt-get update\n");
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].line, found[0].column), (2, 11));
        assert_eq!(
            findings(&SudoInRun, "FROM debian\nRUN sh -c 'sudo ls'\n").len(),
            1
        );
    }

    #[test]
    fn installing_sudo_is_fine() {
        for text in [
            "FROM debian\nRUN apt-get install -y sudo\n",
            "FROM debian\nRUN gosu app ls\n",
        ] {
            assert!(findings(&SudoInRun, text).is_empty(), "{text}");
        }
    }
}
