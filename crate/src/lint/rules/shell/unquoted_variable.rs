use super::util::{self, Piece};
use std::collections::BTreeSet;

use crate::declare_rule;
use crate::lint::{Edit, Finding, LintContext, Rule, RuleMeta};
use crate::shell::parse::Script;
use crate::span::Span;

declare_rule! {
    /// ## What it does
    /// Flags a variable expansion outside double quotes in a command's
    /// arguments (`rm $FILE`) when its value may contain spaces or glob
    /// characters.
    ///
    /// ## Why it matters
    /// An unquoted expansion is split on whitespace and each piece is
    /// expanded as a glob: `rm $FILE` with `FILE="my file"` removes `my`
    /// and `file`, and a value of `*` matches every file.
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN for f in /etc/app/*.conf; do cp $f /backup/; done
    /// ```
    ///
    /// ## Fix
    /// ```dockerfile
    /// RUN for f in /etc/app/*.conf; do cp "$f" /backup/; done
    /// ```
    /// The fix quotes the expansion. If the splitting is intended (a list
    /// of packages in one variable), ignore the finding instead.
    ///
    /// ## Differences from hadolint
    /// Layerlab substitutes known values: a variable whose value is known
    /// (assigned earlier in the RUN, or from `ARG`/`ENV`) and has no spaces
    /// or glob characters cannot split, so it is not flagged. ShellCheck
    /// flags this one, Layerlab does not:
    /// ```dockerfile
    /// RUN re='^root:' && grep $re /etc/passwd
    /// ```
    /// Variables declared by `ARG` or `ENV` are never flagged, as in
    /// hadolint: without a default their value comes from `--build-arg`, and
    /// a value with spaces written in the Dockerfile is a list split on
    /// purpose (`ENV PHPIZE_DEPS="autoconf gcc make"` then
    /// `apt-get install $PHPIZE_DEPS`). Heredoc bodies are checked, and each
    /// word is reported at its own position, where hadolint reports one
    /// ShellCheck finding per RUN. Commands inside a `sh -c '...'` string
    /// are not checked (neither does ShellCheck).
    pub struct UnquotedVariable {
        id: "unquoted-variable",
        name: "Double quote to prevent globbing and word splitting",
        aliases: &["SC2086"],
        severity: Info,
        category: Shell,
        fixable: true,
        enabled_by_default: true,
    }
}

/// Variables assigned earlier in the script (`v=1.2; ...`) to a known value
/// that cannot split or glob; the word's own value is unknown when it also
/// holds a literal glob (`/opt/$v/*/bin`).
fn safe_locals(script: &Script, before: usize) -> BTreeSet<String> {
    let mut safe = BTreeSet::new();
    for call in script.calls.iter().take(before) {
        if !call.argv.words.is_empty() {
            continue;
        }
        for assign in &call.env {
            let ok = assign
                .value
                .as_deref()
                .is_some_and(|v| !v.contains(|c: char| c.is_whitespace() || "*?[".contains(c)));
            if ok {
                safe.insert(assign.name.clone());
            } else {
                safe.remove(&assign.name);
            }
        }
    }
    safe
}

impl Rule for UnquotedVariable {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        for (run, _) in cx.runs() {
            let declared = util::declared_names(cx, run.instruction);
            for call in util::calls(run) {
                if util::in_shell_string(&run.script, call) {
                    continue;
                }
                let words = &call.argv.words;
                for (i, word) in words.iter().enumerate() {
                    // A split word shows up as several words with one span.
                    if i > 0 && words[i - 1].span == word.span {
                        continue;
                    }
                    let split = words.get(i + 1).is_some_and(|w| w.span == word.span);
                    if let Some(v) = &word.value
                        && !split
                        && !v.contains(|c: char| c.is_whitespace() || "*?[".contains(c))
                    {
                        continue;
                    }
                    let vars: Vec<_> = util::scan(&word.raw)
                        .into_iter()
                        .filter_map(|p| match p {
                            Piece::Var { start, end, name } => Some((start, end, name)),
                            _ => None,
                        })
                        .filter(|(_, _, name)| {
                            !declared.contains(name)
                                && !safe_locals(&run.script, call.id).contains(name)
                        })
                        .collect();
                    if vars.is_empty() {
                        continue;
                    }
                    let mut finding = cx.finding(
                        &Self::META,
                        word.span,
                        format!(
                            "double quote `{}` to prevent globbing and word splitting",
                            word.raw
                        ),
                    );
                    if cx.text(word.span) == word.raw {
                        let at = word.span.start;
                        let edits = vars
                            .iter()
                            .flat_map(|(start, end, _)| {
                                [
                                    Edit {
                                        span: Span::new(at + start, at + start),
                                        replacement: "\"".into(),
                                    },
                                    Edit {
                                        span: Span::new(at + end, at + end),
                                        replacement: "\"".into(),
                                    },
                                ]
                            })
                            .collect();
                        finding = finding.with_fix("Quote the expansion", edits);
                    }
                    out.push(finding);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::UnquotedVariable;
    use crate::lint::testing::{apply_fixes, findings};

    #[test]
    fn flags_and_quotes_unknown_variables() {
        let text = "FROM debian\nRUN for f in *.conf; do cp $f /b/${f}.bak; done\n";
        assert_eq!(findings(&UnquotedVariable, text).len(), 2);
        assert_eq!(
            apply_fixes(&UnquotedVariable, text),
            "FROM debian\nRUN for f in *.conf; do cp \"$f\" /b/\"${f}\".bak; done\n"
        );
    }

    #[test]
    fn flags_known_values_that_split_and_heredocs() {
        let found = findings(
            &UnquotedVariable,
            "FROM debian\nRUN FLAGS=\"-O2 -g\" && cc $FLAGS x.c\n",
        );
        assert_eq!(found.len(), 1);
        let found = findings(
            &UnquotedVariable,
            "FROM debian\nRUN <<EOF\nx=$(ls)\necho $x\nEOF\n",
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].line, 4);
    }

    #[test]
    fn quoted_known_and_special_are_fine() {
        for text in [
            "FROM debian\nRUN echo \"$HOME\" \"${A:-b}\"\n",
            "FROM debian\nARG VERSION=1.2.3\nRUN curl -O https://e.x/v$VERSION.tgz\n",
            "FROM debian\nARG VERSION\nRUN curl -O https://e.x/v$VERSION.tgz\n",
            "FROM debian\nENV DEPS=\"gcc make\"\nRUN apt-get install -y $DEPS\n",
            "FROM debian\nRUN re='^root:' && grep $re /etc/passwd\n",
            "FROM debian\nRUN v=1.2 && chmod 755 /opt/$v/*/bin\n",
            "FROM debian\nRUN echo $? $# '$X'\n",
            "FROM debian\nRUN sh -c 'echo $X'\n",
        ] {
            assert!(findings(&UnquotedVariable, text).is_empty(), "{text}");
        }
    }
}
