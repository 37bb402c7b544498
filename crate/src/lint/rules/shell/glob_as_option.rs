use super::util::{self, Piece};
use crate::declare_rule;
use crate::lint::{Edit, Finding, LintContext, Rule, RuleMeta};
use crate::span::Span;

/// Commands that take no options from their operands, or read the glob
/// themselves.
const EXEMPT: &[&str] = &["echo", "printf", "[", "test", "find"];

declare_rule! {
    /// ## What it does
    /// Flags a command argument that starts with an unquoted glob
    /// (`rm *.txt`, `chmod +x *.sh`) before any `--`.
    ///
    /// ## Why it matters
    /// A file named `-rf` or `--help` in the directory matches the glob
    /// and reaches the command as an option. `./*.txt` cannot start with a
    /// dash.
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN rm *.tmp
    /// ```
    ///
    /// ## Fix
    /// ```dockerfile
    /// RUN rm ./*.tmp
    /// ```
    /// The fix prefixes the glob with `./`; `rm -- *.tmp` works too.
    /// `echo` and `printf` are not flagged.
    ///
    /// ## Differences from hadolint
    /// hadolint shows at most one ShellCheck finding per RUN line, at the
    /// RUN's first line; Layerlab reports every word (or call) at its own
    /// position, heredoc bodies included. Commands inside a `sh -c '...'`
    /// string are not checked.
    pub struct GlobAsOption {
        id: "glob-as-option",
        name: "Use ./*glob* or -- *glob* so names with dashes won't become options",
        aliases: &["SC2035"],
        severity: Info,
        category: Shell,
        fixable: true,
        enabled_by_default: true,
    }
}

impl Rule for GlobAsOption {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        for (run, _) in cx.runs() {
            for call in util::calls(run) {
                if call.argv.name().is_none_or(|n| EXEMPT.contains(&n))
                    || util::in_shell_string(&run.script, call)
                {
                    continue;
                }
                let mut seen = None;
                for word in call.argv.args() {
                    if word.value.as_deref() == Some("--") {
                        break;
                    }
                    if seen == Some(word.span) {
                        continue;
                    }
                    seen = Some(word.span);
                    let leads = util::scan(&word.raw).first().is_some_and(|p| {
                        matches!(p, Piece::Glob { at: 0 })
                            && (word.raw.starts_with('*') || word.raw.starts_with('?'))
                    });
                    if !leads {
                        continue;
                    }
                    let mut finding = cx.finding(
                        &Self::META,
                        word.span,
                        format!(
                            "use ./{} so names starting with a dash do not become options",
                            word.raw
                        ),
                    );
                    if cx.text(word.span) == word.raw {
                        finding = finding.with_fix(
                            "Prefix the glob with ./",
                            vec![Edit {
                                span: Span::new(word.span.start, word.span.start),
                                replacement: "./".into(),
                            }],
                        );
                    }
                    out.push(finding);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::GlobAsOption;
    use crate::lint::testing::{apply_fixes, findings};

    #[test]
    fn flags_and_fixes_leading_globs() {
        let text = "FROM debian\nRUN rm *.txt && chmod +x ?.sh\n";
        assert_eq!(findings(&GlobAsOption, text).len(), 2);
        assert_eq!(
            apply_fixes(&GlobAsOption, text),
            "FROM debian\nRUN rm ./*.txt && chmod +x ./?.sh\n"
        );
    }

    #[test]
    fn safe_globs_are_fine() {
        for text in [
            "FROM debian\nRUN rm ./*.txt /tmp/* \"*.x\"\n",
            "FROM debian\nRUN rm -- *.txt\n",
            "FROM debian\nRUN echo *\n",
            "FROM debian\nRUN find . -name '*.pyc' -delete\n",
            "FROM debian\nRUN for f in *; do :; done\n",
        ] {
            assert!(findings(&GlobAsOption, text).is_empty(), "{text}");
        }
    }
}
