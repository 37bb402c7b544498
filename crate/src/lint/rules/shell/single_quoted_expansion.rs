use super::util::{self, Piece};
use crate::declare_rule;
use crate::lint::{Finding, LintContext, Rule, RuleMeta};
use crate::shell::parse::{CommandCall, Script, Via};

/// Commands whose arguments are code in a language of their own, where `$`
/// belongs to that language (or to a shell run later).
const OWN_LANGUAGE: &[&str] = &[
    "sh", "bash", "dash", "ash", "zsh", "ksh", "su", "runuser", "eval", "trap", "awk", "gawk",
    "mawk", "nawk", "perl", "python", "python2", "python3", "ruby", "php", "node", "jq", "yq",
    "sed", "grep", "egrep", "envsubst", "xargs", "find", "ssh", "docker", "git", "expect",
];

declare_rule! {
    /// ## What it does
    /// Flags `$VAR`, `${..}`, `$(..)` or backticks inside single quotes in
    /// the arguments of a command that does not expand them itself.
    ///
    /// ## Why it matters
    /// The shell does not expand anything in single quotes: `echo 'Home is
    /// $HOME'` prints `$HOME` literally. This is usually a mistake for
    /// double quotes.
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN echo 'Built for $TARGETARCH' > /build-info
    /// ```
    ///
    /// ## Fix
    /// ```dockerfile
    /// RUN echo "Built for $TARGETARCH" > /build-info
    /// ```
    /// Not fixed automatically: the literal text may be intended.
    ///
    /// ## Differences from hadolint
    /// ShellCheck exempts only a few commands (`sh -c`, `awk`, `perl`,
    /// `jq`...). Layerlab also leaves alone commands that hand the text to
    /// another shell or language (`su -c`, `xargs sh -c`, `find -exec`,
    /// `ssh`, `git`, `docker`), regular expressions (`sed`, `grep`, where
    /// `$` is an anchor), and `echo`/`printf` whose output goes to a file,
    /// which is how scripts and profiles are written:
    /// ```dockerfile
    /// RUN echo 'export PATH=$PATH:/opt/bin' >> /etc/profile
    /// ```
    pub struct SingleQuotedExpansion {
        id: "single-quoted-expansion",
        name: "Expressions don't expand in single quotes",
        aliases: &["SC2016"],
        severity: Info,
        category: Shell,
        fixable: false,
        enabled_by_default: true,
    }
}

/// Whether `call` or a command it runs (`sudo sh -c`) reads its arguments
/// as code.
fn own_language(script: &Script, call: &CommandCall) -> bool {
    let named = |c: &CommandCall| c.argv.name().is_some_and(|n| OWN_LANGUAGE.contains(&n));
    named(call)
        || script.calls.iter().any(|c| {
            c.parent == Some(call.id)
                && matches!(c.via, Some(Via::Wrapper | Via::ShellString))
                && (c.via == Some(Via::ShellString) || named(c))
        })
}

/// Whether single-quoted `text` holds something a shell would expand.
fn expandable(text: &str) -> bool {
    let b = text.as_bytes();
    b.iter().enumerate().any(|(i, &c)| {
        c == b'`'
            || (c == b'$'
                && b.get(i + 1).is_some_and(|&n| {
                    n.is_ascii_alphabetic() || n == b'_' || n == b'{' || n == b'('
                }))
    })
}

impl Rule for SingleQuotedExpansion {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        for (run, _) in cx.runs() {
            for call in util::calls(run) {
                if own_language(&run.script, call)
                    || util::in_shell_string(&run.script, call)
                    || run
                        .script
                        .ancestors(call)
                        .any(|a| own_language(&run.script, a))
                {
                    continue;
                }
                let writes_file = call.written_files().next().is_some();
                if writes_file && matches!(call.argv.name(), Some("echo" | "printf")) {
                    continue;
                }
                let mut seen = None;
                for word in call.argv.args() {
                    if seen == Some(word.span) {
                        continue;
                    }
                    seen = Some(word.span);
                    let literal = util::scan(&word.raw).iter().any(|p| match p {
                        Piece::Single { start, end } => expandable(&word.raw[*start..*end]),
                        _ => false,
                    });
                    if literal {
                        out.push(cx.finding(
                            &Self::META,
                            word.span,
                            "expressions don't expand in single quotes: use double quotes",
                        ));
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::SingleQuotedExpansion;
    use crate::lint::testing::findings;

    #[test]
    fn flags_single_quoted_expansions() {
        for text in [
            "FROM debian\nRUN echo 'arch: $TARGETARCH'\n",
            "FROM debian\nRUN printf '%s\\n' '${HOME}'\n",
            "FROM debian\nRUN touch '$(date)'\n",
            "FROM debian\nRUN <<EOF\nchown '$USER' /x\nEOF\n",
        ] {
            assert_eq!(findings(&SingleQuotedExpansion, text).len(), 1, "{text}");
        }
    }

    #[test]
    fn other_languages_and_files_are_fine() {
        for text in [
            "FROM debian\nRUN echo \"$HOME\" 'a$' '$1'\n",
            "FROM debian\nRUN sh -c 'echo $HOME'\n",
            "FROM debian\nRUN su -c 'ls $HOME' app\n",
            "FROM debian\nRUN sudo sh -c 'echo $HOME'\n",
            "FROM debian\nRUN awk '{print $NF}' f\n",
            "FROM debian\nRUN sed -i 's/$x/y/' f\n",
            "FROM debian\nRUN echo 'export PATH=$PATH:/opt' >> /etc/profile\n",
            "FROM debian\nRUN find . -exec sh -c 'echo $0' {} +\n",
        ] {
            assert!(findings(&SingleQuotedExpansion, text).is_empty(), "{text}");
        }
    }
}
