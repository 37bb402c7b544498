use super::util;
use crate::declare_rule;
use crate::lint::{Finding, LintContext, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags `export`, `local`, `readonly`, `declare` or `typeset` that
    /// assigns a command substitution: `export V=$(cmd)`.
    ///
    /// ## Why it matters
    /// The status of the line is `export`'s, which always succeeds: if
    /// `cmd` fails, neither `&&` nor `set -e` notice, and `V` is silently
    /// empty.
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN export VERSION=$(cat /app/VERSION) && ./build.sh
    /// ```
    ///
    /// ## Fix
    /// ```dockerfile
    /// RUN VERSION=$(cat /app/VERSION) && export VERSION && ./build.sh
    /// ```
    ///
    /// ## Differences from hadolint
    /// hadolint shows at most one ShellCheck finding per RUN line, at the
    /// RUN's first line; Layerlab reports every word (or call) at its own
    /// position, heredoc bodies included. Commands inside a `sh -c '...'`
    /// string are not checked.
    pub struct ExportCommandSubstitution {
        id: "export-command-substitution",
        name: "Declare and assign separately to avoid masking return values",
        aliases: &["SC2155"],
        severity: Warning,
        category: Shell,
        fixable: false,
        enabled_by_default: true,
    }
}

const DECLARATIONS: &[&str] = &["export", "local", "declare", "readonly", "typeset"];

/// Whether `text` runs a command substitution (`$(` but not `$((`, or a
/// backtick) outside single quotes.
fn substitutes(text: &str) -> bool {
    let b = text.as_bytes();
    let mut single = false;
    for (i, &c) in b.iter().enumerate() {
        match c {
            b'\'' => single = !single,
            b'`' if !single => return true,
            b'$' if !single && b.get(i + 1) == Some(&b'(') && b.get(i + 2) != Some(&b'(') => {
                return true;
            }
            _ => {}
        }
    }
    false
}

impl Rule for ExportCommandSubstitution {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        for (run, _) in cx.runs() {
            for call in util::calls(run) {
                if !call.argv.name().is_some_and(|n| DECLARATIONS.contains(&n))
                    || util::in_shell_string(&run.script, call)
                {
                    continue;
                }
                let mut seen = None;
                for word in call.argv.args() {
                    if seen == Some(word.span) {
                        continue;
                    }
                    seen = Some(word.span);
                    let Some(name) = util::assignment_name(&word.raw) else {
                        continue;
                    };
                    if substitutes(&word.raw[name.len() + 1..]) {
                        out.push(cx.finding(
                            &Self::META,
                            word.span,
                            format!(
                                "assign {name} first, then {}: the substitution's status is masked",
                                call.argv.words[0].text()
                            ),
                        ));
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ExportCommandSubstitution;
    use crate::lint::testing::findings;

    #[test]
    fn flags_export_of_a_substitution() {
        for text in [
            "FROM debian\nRUN export V=$(cat /v) && make\n",
            "FROM debian\nRUN export V=\"$(cat /v)\"\n",
            "FROM debian\nRUN readonly V=`cat /v`\n",
            "FROM debian\nRUN <<EOF\nexport A=1 V=\"x-$(date)\"\nEOF\n",
        ] {
            assert_eq!(
                findings(&ExportCommandSubstitution, text).len(),
                1,
                "{text}"
            );
        }
    }

    #[test]
    fn separate_assignments_are_fine() {
        for text in [
            "FROM debian\nRUN V=$(cat /v) && export V\n",
            "FROM debian\nRUN export V=1 W=$((1 + 2)) X='$(no)'\n",
            "FROM debian\nRUN echo V=$(cat /v)\n",
        ] {
            assert!(
                findings(&ExportCommandSubstitution, text).is_empty(),
                "{text}"
            );
        }
    }
}
