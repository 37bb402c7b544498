use super::util::{self, Piece};
use crate::declare_rule;
use crate::lint::{Finding, LintContext, Rule, RuleMeta};
use crate::shell::parse::ShellKind;

declare_rule! {
    /// ## What it does
    /// Flags a command substitution (`$(..)` or backticks) outside double
    /// quotes in a command's arguments.
    ///
    /// ## Why it matters
    /// The output of an unquoted substitution is split on whitespace and
    /// each piece is expanded as a glob: `cd $(dirname $0)` breaks on a
    /// path with a space, and a `*` in the output matches files.
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN cp app.conf $(python3 -c 'import site; print(site.getsitepackages()[0])')
    /// ```
    ///
    /// ## Fix
    /// ```dockerfile
    /// RUN cp app.conf "$(python3 -c 'import site; print(site.getsitepackages()[0])')"
    /// ```
    /// When the splitting is intended (`apt-get install $(cat packages.txt)`),
    /// keep it and ignore the finding, or read the list with `xargs`. No
    /// automatic fix is offered, since quoting changes what such commands do.
    ///
    /// ## Differences from hadolint
    /// Every word is reported at its own position (heredoc bodies
    /// included), where hadolint reports one ShellCheck finding per line of
    /// the RUN's start. In bash and zsh, `export A=$(cmd)` is not split and
    /// is left to `export-command-substitution` (SC2155).
    pub struct UnquotedCommandSubstitution {
        id: "unquoted-command-substitution",
        name: "Quote command substitutions to prevent word splitting",
        aliases: &["SC2046"],
        severity: Warning,
        category: Shell,
        fixable: false,
        enabled_by_default: true,
    }
}

const DECLARATIONS: &[&str] = &["export", "local", "declare", "readonly", "typeset"];

impl Rule for UnquotedCommandSubstitution {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        for (run, _) in cx.runs() {
            let bash_like = matches!(run.script.shell, ShellKind::Bash | ShellKind::Zsh);
            for call in util::calls(run) {
                if util::in_shell_string(&run.script, call) {
                    continue;
                }
                let declaration = call.argv.name().is_some_and(|n| DECLARATIONS.contains(&n));
                let words = &call.argv.words;
                for (i, word) in words.iter().enumerate() {
                    if i > 0 && words[i - 1].span == word.span {
                        continue;
                    }
                    if declaration && bash_like && util::assignment_name(&word.raw).is_some() {
                        continue;
                    }
                    let substitutes = util::scan(&word.raw)
                        .iter()
                        .any(|p| matches!(p, Piece::CmdSub { .. }));
                    if substitutes {
                        out.push(cx.finding(
                            &Self::META,
                            word.span,
                            "quote this command substitution to prevent word splitting",
                        ));
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::UnquotedCommandSubstitution;
    use crate::lint::testing::findings;

    #[test]
    fn flags_unquoted_substitutions() {
        let found = findings(
            &UnquotedCommandSubstitution,
            "FROM debian\nRUN cd $(dirname /a/b) && ls `pwd`/x\n",
        );
        assert_eq!(found.len(), 2);
        assert_eq!((found[0].line, found[0].column), (2, 8));
        assert_eq!(
            findings(
                &UnquotedCommandSubstitution,
                "FROM debian\nRUN export A=$(date)\n"
            )
            .len(),
            1
        );
    }

    #[test]
    fn quoted_and_bash_declarations_are_fine() {
        for text in [
            "FROM debian\nRUN cd \"$(dirname /a/b)\"\n",
            "FROM debian\nRUN A=$(date) && echo \"$A\"\n",
            "FROM debian\nSHELL [\"/bin/bash\", \"-c\"]\nRUN export A=$(date)\n",
            "FROM debian\nRUN echo $((1 + 2)) '$(x)'\n",
        ] {
            assert!(
                findings(&UnquotedCommandSubstitution, text).is_empty(),
                "{text}"
            );
        }
    }
}
