use crate::declare_rule;
use crate::lint::{Edit, Finding, LintContext, Rule, RuleMeta};
use crate::syntax::{Args, InstructionKind};

declare_rule! {
    /// ## What it does
    /// Flags `CMD` and `ENTRYPOINT` written in shell form.
    ///
    /// ## Why it matters
    /// In shell form the command runs as `/bin/sh -c "..."`, so the shell is
    /// process 1 in the container. It does not pass `SIGTERM` on, so
    /// `docker stop` waits its whole timeout and then kills the process
    /// without letting it shut down cleanly.
    ///
    /// ## Example
    /// ```dockerfile
    /// CMD python app.py
    /// ```
    ///
    /// ## Fix
    /// ```dockerfile
    /// CMD ["python", "app.py"]
    /// ```
    /// The fix is offered when the command is plain words; a command that
    /// needs the shell (variables, pipes, `&&`) should use `exec` or a
    /// script so the program still becomes process 1.
    ///
    /// ## Differences from hadolint
    /// None in what it flags. BuildKit's check stays silent in a stage that
    /// set `SHELL`; this rule, like hadolint's, still flags it, since the
    /// shell still stands between Docker and the program.
    pub struct JsonArgsRecommended {
        id: "json-args-recommended",
        name: "CMD and ENTRYPOINT should use JSON form",
        aliases: &["DL3025", "JSONArgsRecommended"],
        severity: Warning,
        category: Instructions,
        fixable: true,
        enabled_by_default: true,
    }
}

/// Characters that make a command need a shell to mean what it says.
fn needs_shell(text: &str) -> bool {
    text.contains(|c: char| "$`\\\"'|&;<>()*?[]{}~#\n\t".contains(c))
}

impl Rule for JsonArgsRecommended {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        for (_, ins) in cx.instructions() {
            let ins = ins.effective();
            if !matches!(ins.kind, InstructionKind::Cmd | InstructionKind::Entrypoint) {
                continue;
            }
            let Args::Shell(shell) = &ins.args else {
                continue;
            };
            let keyword = ins.kind.as_str();
            let finding = cx.finding(
                &Self::META,
                shell.span,
                format!("{keyword} in shell form runs under /bin/sh, which does not pass signals on: use JSON form"),
            );
            let finding = if needs_shell(&shell.text) || cx.text(shell.span) != shell.text {
                finding
            } else {
                let words: Vec<String> = shell
                    .text
                    .split_whitespace()
                    .map(|w| format!("\"{w}\""))
                    .collect();
                let edit = Edit {
                    span: shell.span,
                    replacement: format!("[{}]", words.join(", ")),
                };
                finding.with_fix("Rewrite in JSON form", vec![edit])
            };
            out.push(finding);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::JsonArgsRecommended;
    use crate::lint::testing::{apply_fixes, findings};

    #[test]
    fn flags_shell_form_and_fixes_plain_words() {
        let text = "FROM python:3.12\nCMD python app.py --port 80\n";
        let found = findings(&JsonArgsRecommended, text);
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].line, found[0].column), (2, 5));
        assert_eq!(
            apply_fixes(&JsonArgsRecommended, text),
            "FROM python:3.12\nCMD [\"python\", \"app.py\", \"--port\", \"80\"]\n"
        );
    }

    #[test]
    fn shell_syntax_is_flagged_without_a_fix() {
        let text = "FROM alpine\nENTRYPOINT ./start.sh && exec app\nONBUILD CMD echo $HOME\n";
        let found = findings(&JsonArgsRecommended, text);
        assert_eq!(found.len(), 2);
        assert!(found.iter().all(|f| f.fix.is_none()));
    }

    #[test]
    fn json_form_is_fine() {
        let text = "FROM alpine\nCMD [\"sh\", \"-c\", \"echo hi\"]\nENTRYPOINT [\"/app\"]\nCMD []\nRUN echo shell form is fine in RUN\n";
        assert!(findings(&JsonArgsRecommended, text).is_empty());
    }
}
