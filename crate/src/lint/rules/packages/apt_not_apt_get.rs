use crate::declare_rule;
use crate::lint::{Edit, Finding, LintContext, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags the `apt` command in RUN.
    ///
    /// ## Why it matters
    /// `apt` is meant for people at a terminal: its output and behaviour
    /// may change between releases and it warns that it has no stable
    /// command-line interface. `apt-get` and `apt-cache` are the stable
    /// tools for scripts.
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN apt update && apt install -y curl
    /// ```
    ///
    /// ## Fix
    /// ```dockerfile
    /// RUN apt-get update && apt-get install -y curl
    /// ```
    /// The fix renames `apt` to `apt-get` when the subcommand exists in
    /// apt-get (`install`, `update`, `remove`, `upgrade`...); `apt search`
    /// or `apt list` are left to you (`apt-cache search`, `dpkg -l`).
    pub struct AptNotAptGet {
        id: "apt-instead-of-apt-get",
        name: "apt used instead of apt-get",
        aliases: &["DL3027"],
        severity: Warning,
        category: Packages,
        fixable: true,
        enabled_by_default: true,
    }
}

const APT_GET_SUBCOMMANDS: &[&str] = &[
    "install",
    "reinstall",
    "update",
    "upgrade",
    "dist-upgrade",
    "full-upgrade",
    "remove",
    "purge",
    "autoremove",
    "autopurge",
    "clean",
    "autoclean",
    "source",
    "build-dep",
    "satisfy",
    "download",
    "changelog",
];

impl Rule for AptNotAptGet {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        for (run, _) in cx.runs() {
            for command in &run.commands {
                let call = &run.script.calls[command.call];
                let Some(first) = call.argv.words.first() else {
                    continue;
                };
                if first.value.as_deref() != Some("apt") {
                    continue;
                }
                let sub = command.model.subcommand.as_deref().unwrap_or("");
                let mut finding = cx.finding(
                    &Self::META,
                    call.span,
                    format!(
                        "`{}` is for interactive use; use apt-get or apt-cache in scripts",
                        format!("apt {sub}").trim_end()
                    ),
                );
                let full = sub == "full-upgrade";
                if APT_GET_SUBCOMMANDS.contains(&sub) && cx.text(first.span) == "apt" {
                    let mut edits = vec![Edit {
                        span: first.span,
                        replacement: "apt-get".into(),
                    }];
                    if full {
                        if let Some(w) = call.argv.words.iter().find(|w| {
                            w.value.as_deref() == Some("full-upgrade")
                                && cx.text(w.span) == "full-upgrade"
                        }) {
                            edits.push(Edit {
                                span: w.span,
                                replacement: "dist-upgrade".into(),
                            });
                        }
                    }
                    finding = finding.with_fix("Use apt-get", edits);
                }
                out.push(finding);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::AptNotAptGet;
    use crate::lint::testing::{apply_fixes, findings};

    #[test]
    fn flags_and_fixes_apt() {
        let text = "FROM debian\nRUN apt update && apt install -y curl\n";
        assert_eq!(findings(&AptNotAptGet, text).len(), 2);
        assert_eq!(
            apply_fixes(&AptNotAptGet, text),
            "FROM debian\nRUN apt-get update && apt-get install -y curl\n"
        );
        let search = "FROM debian\nRUN apt search curl\n";
        assert_eq!(findings(&AptNotAptGet, search).len(), 1);
        assert_eq!(apply_fixes(&AptNotAptGet, search), search);
        assert_eq!(
            findings(
                &AptNotAptGet,
                "FROM debian\nRUN <<EOF\napt install -y git\nEOF\n"
            )
            .len(),
            1
        );
    }

    #[test]
    fn accepts_apt_get_and_apt_cache() {
        for text in [
            "FROM debian\nRUN apt-get update && apt-get install -y curl\n",
            "FROM debian\nRUN apt-cache policy curl\n",
            "FROM debian\nRUN echo apt install\n",
            "FROM debian\nRUN apt-key add key.gpg\n",
        ] {
            assert!(findings(&AptNotAptGet, text).is_empty(), "{text}");
        }
    }
}
