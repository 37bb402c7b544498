use super::util;
use crate::declare_rule;
use crate::lint::{Finding, LintContext, Rule, RuleMeta};
use crate::shell::parse::{CommandCall, Via};

declare_rule! {
    /// ## What it does
    /// Flags a RUN with a pipeline (`a | b`) when `pipefail` is not set,
    /// neither by the stage's `SHELL` (`-o pipefail`) nor by
    /// `set -o pipefail` earlier in the same RUN.
    ///
    /// ## Why it matters
    /// A pipeline's status is its last command's. In
    /// `curl -fsSL https://example.com/install.sh | sh`, a failed download
    /// feeds `sh` an empty script, `sh` succeeds, and the build goes on
    /// with a broken layer. With `pipefail`, any failing stage fails the RUN.
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN curl -fsSL https://example.com/install.sh | sh
    /// ```
    ///
    /// ## Fix
    /// ```dockerfile
    /// SHELL ["/bin/bash", "-o", "pipefail", "-c"]
    /// RUN curl -fsSL https://example.com/install.sh | sh
    /// ```
    /// On Alpine, `/bin/ash` (busybox) supports `-o pipefail` too.
    ///
    /// ## Differences from hadolint
    /// hadolint only accepts `-o pipefail` on `SHELL`. Layerlab also accepts
    /// `set -o pipefail` run earlier in the same RUN, which has the same
    /// effect (and fails the RUN on a shell without the option):
    /// ```dockerfile
    /// RUN set -o pipefail && curl -fsSL https://example.com/x.sh | sh
    /// ```
    /// Pipelines inside a `sh -c '...'` string are left alone (that inner
    /// shell's options are its own), and so are pipelines inside `$(..)` in
    /// a command's arguments, whose status nothing reads; a pipeline in
    /// `v="$(a | b)"` counts, since the assignment has its status. Non-POSIX shells (PowerShell, cmd) are
    /// skipped, as in hadolint.
    pub struct PipeWithoutPipefail {
        id: "pipe-without-pipefail",
        name: "Pipeline without pipefail",
        aliases: &["DL4006"],
        severity: Warning,
        category: Shell,
        fixable: false,
        enabled_by_default: true,
    }
}

impl Rule for PipeWithoutPipefail {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        for (run, _) in cx.runs() {
            // Only pipelines whose status the RUN's own shell reads: at the
            // top level, or in `$(..)` assigned to a variable
            // (`v="$(a | b)"` has the substitution's status). One inside
            // `$(..)` in a command's arguments gives its status to nobody,
            // one in `sh -c` has its own shell.
            let calls = &run.script.calls;
            let read = |c: &CommandCall| match c.parent {
                None => true,
                Some(p) => {
                    c.via == Some(Via::CommandSubstitution)
                        && calls
                            .get(p)
                            .is_some_and(|p| p.argv.words.is_empty() && p.parent.is_none())
                }
            };
            let unsafe_pipe =
                util::calls(run).find(|c| c.context.pipeline.is_some() && !c.pipefail && read(c));
            if let Some(call) = unsafe_pipe {
                out.push(cx.finding(
                    &Self::META,
                    call.span,
                    "set -o pipefail (with SHELL or in this RUN) before a pipeline, or a failing command before `|` goes unnoticed",
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::PipeWithoutPipefail;
    use crate::lint::testing::findings;

    #[test]
    fn flags_a_pipe_under_the_default_shell() {
        let found = findings(
            &PipeWithoutPipefail,
            "FROM debian\nRUN curl -fsSL https://e.x/i.sh | sh\n",
        );
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].line, found[0].column), (2, 5));
    }

    #[test]
    fn flags_assigned_substitutions() {
        let text = "FROM alpine\nRUN set -e; deps=\"$(scanelf x | sort -u)\"; apk add $deps\n";
        assert_eq!(findings(&PipeWithoutPipefail, text).len(), 1);
    }

    #[test]
    fn flags_once_per_run_and_in_heredocs() {
        let text = "FROM debian\nRUN <<EOF\nls | wc -l\nps | cat\nEOF\n";
        assert_eq!(findings(&PipeWithoutPipefail, text).len(), 1);
    }

    #[test]
    fn accepts_pipefail_on_shell_or_set() {
        for text in [
            "FROM debian\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN curl x | sh\n",
            "FROM alpine\nSHELL [\"/bin/ash\", \"-eo\", \"pipefail\", \"-c\"]\nRUN curl x | sh\n",
            "FROM debian\nRUN set -o pipefail && curl x | sh\n",
            "FROM debian\nRUN curl -o x.sh x && sh x.sh\n",
            "FROM debian\nRUN go test $(go list ./... | grep -v e2e)\n",
            "FROM windows\nSHELL [\"powershell\", \"-Command\"]\nRUN Get-Item x | Remove-Item\n",
        ] {
            assert!(findings(&PipeWithoutPipefail, text).is_empty(), "{text}");
        }
    }
}
