use super::util;
use crate::declare_rule;
use crate::lint::{Edit, Finding, LintContext, Rule, RuleMeta};
use crate::shell::parse::CommandCall;
use crate::span::Span;

declare_rule! {
    /// ## What it does
    /// Flags `wget` run without `--progress`, `-q`/`--quiet`,
    /// `-nv`/`--no-verbose` or a log file (`-o`, `-a`).
    ///
    /// ## Why it matters
    /// Without a terminal, wget's default progress output prints a line of
    /// dots for every few kilobytes; a large download fills the build log
    /// with thousands of lines.
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN wget https://example.com/big.tar.gz
    /// ```
    ///
    /// ## Fix
    /// ```dockerfile
    /// RUN wget --progress=dot:giga https://example.com/big.tar.gz
    /// ```
    /// The fix adds `--progress=dot:giga` after `wget`.
    pub struct WgetWithoutProgress {
        id: "wget-without-progress",
        name: "wget without --progress",
        aliases: &["DL3047"],
        severity: Info,
        category: Shell,
        fixable: true,
        enabled_by_default: true,
    }
}

fn quiet(call: &CommandCall) -> bool {
    util::has_flag(
        call,
        &[
            "progress",
            "quiet",
            "no-verbose",
            "output-file",
            "append-output",
        ],
        &['q', 'o', 'a'],
    ) || call
        .argv
        .args()
        .iter()
        .any(|w| w.value.as_deref() == Some("-nv"))
}

impl Rule for WgetWithoutProgress {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        for (run, _) in cx.runs() {
            for call in util::calls_named(run, "wget") {
                if quiet(call) {
                    continue;
                }
                let mut finding = cx.finding(
                    &Self::META,
                    call.span,
                    "wget without --progress fills the build log: use --progress=dot:giga, -q or -nv",
                );
                let name = &call.argv.words[0];
                if cx.text(name.span) == name.raw && !name.raw.contains(['"', '\'', '\\']) {
                    finding = finding.with_fix(
                        "Add --progress=dot:giga",
                        vec![Edit {
                            span: Span::new(name.span.end, name.span.end),
                            replacement: " --progress=dot:giga".into(),
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
    use super::WgetWithoutProgress;
    use crate::lint::testing::{apply_fixes, findings};

    #[test]
    fn flags_and_fixes_plain_wget() {
        let text = "FROM debian\nRUN wget -O x.tgz https://e.x/x.tgz\n";
        let found = findings(&WgetWithoutProgress, text);
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].line, found[0].column), (2, 5));
        assert_eq!(
            apply_fixes(&WgetWithoutProgress, text),
            "FROM debian\nRUN wget --progress=dot:giga -O x.tgz https://e.x/x.tgz\n"
        );
    }

    #[test]
    fn quiet_forms_are_fine() {
        for flags in [
            "-q",
            "-qO-",
            "--quiet",
            "-nv",
            "--no-verbose",
            "--progress=bar",
            "-o log",
        ] {
            let text = format!("FROM debian\nRUN wget {flags} https://e.x/x\n");
            assert!(findings(&WgetWithoutProgress, &text).is_empty(), "{text}");
        }
    }
}
