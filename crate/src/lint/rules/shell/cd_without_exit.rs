use super::util;
use crate::declare_rule;
use crate::lint::{Edit, Finding, LintContext, Rule, RuleMeta};
use crate::shell::parse::Connector;
use crate::span::Span;

declare_rule! {
    /// ## What it does
    /// Flags a `cd` whose failure is not handled: not tested (`cd x && ..`,
    /// `cd x || exit`) and not under `set -e` (or `SHELL [.., "-e", ..]`).
    ///
    /// ## Why it matters
    /// If the directory is missing, `cd` fails, the shell goes on in the
    /// old directory, and the next commands (`rm -rf *`, `make install`)
    /// run in the wrong place while the RUN may still succeed.
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN cd /tmp/build; rm -rf *
    /// ```
    ///
    /// ## Fix
    /// ```dockerfile
    /// RUN cd /tmp/build || exit; rm -rf *
    /// ```
    /// The fix adds `|| exit` after a `cd` that stands alone in its list;
    /// `&&` between the commands, `set -e`, or `WORKDIR` are just as good.
    ///
    /// ## Differences from hadolint
    /// hadolint shows at most one ShellCheck finding per RUN line, at the
    /// RUN's first line; Layerlab reports every word (or call) at its own
    /// position, heredoc bodies included. Commands inside a `sh -c '...'`
    /// string are not checked.
    pub struct CdWithoutExit {
        id: "cd-without-exit",
        name: "cd without || exit",
        aliases: &["SC2164"],
        severity: Warning,
        category: Shell,
        fixable: true,
        enabled_by_default: true,
    }
}

impl Rule for CdWithoutExit {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        for (run, _) in cx.runs() {
            for call in util::calls_named(run, "cd") {
                let ctx = &call.context;
                if ctx.tested
                    || ctx.negated
                    || call.errexit
                    || util::in_shell_string(&run.script, call)
                {
                    continue;
                }
                let mut finding = cx.finding(
                    &Self::META,
                    call.span,
                    "use `cd ... || exit` in case cd fails",
                );
                let alone = matches!(ctx.connector, Connector::First | Connector::Seq)
                    && ctx.pipeline.is_none()
                    && !ctx.background
                    && call.parent.is_none()
                    && call.redirects.is_empty();
                let last = call.argv.words.last().map(|w| w.span.end);
                if alone && last == Some(call.span.end) {
                    finding = finding.with_fix(
                        "Add || exit",
                        vec![Edit {
                            span: Span::new(call.span.end, call.span.end),
                            replacement: " || exit".into(),
                        }],
                    );
                }
                out.push(finding);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::CdWithoutExit;
    use crate::lint::testing::{apply_fixes, findings};

    #[test]
    fn flags_and_fixes_unchecked_cd() {
        let text = "FROM debian\nRUN cd /tmp/build; rm -rf *\n";
        assert_eq!(findings(&CdWithoutExit, text).len(), 1);
        assert_eq!(
            apply_fixes(&CdWithoutExit, text),
            "FROM debian\nRUN cd /tmp/build || exit; rm -rf *\n"
        );
        assert_eq!(
            findings(&CdWithoutExit, "FROM debian\nRUN (cd /x; make)\n").len(),
            1
        );
        assert_eq!(
            findings(&CdWithoutExit, "FROM debian\nRUN <<EOF\ncd /x\nmake\nEOF\n").len(),
            1
        );
    }

    #[test]
    fn handled_failures_are_fine() {
        for text in [
            "FROM debian\nRUN cd /x && make\n",
            "FROM debian\nRUN cd /x || exit 1; make\n",
            "FROM debian\nRUN set -e; cd /x; make\n",
            "FROM debian\nSHELL [\"/bin/sh\", \"-ec\"]\nRUN cd /x; make\n",
            "FROM debian\nRUN if cd /x; then make; fi\n",
        ] {
            assert!(findings(&CdWithoutExit, text).is_empty(), "{text}");
        }
    }
}
