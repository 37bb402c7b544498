use super::util::{insert_after, installs};
use crate::declare_rule;
use crate::lint::{Finding, LintContext, Rule, RuleMeta};
use crate::shell::models::Manager;

declare_rule! {
    /// ## What it does
    /// Flags `apt-get install` without `-y` (or `--yes`, `--assume-yes`,
    /// `-qq`, `-q=2`).
    ///
    /// ## Why it matters
    /// Without it apt-get asks for confirmation; a build has no terminal to
    /// answer, so the install aborts.
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN apt-get install curl
    /// ```
    ///
    /// ## Fix
    /// ```dockerfile
    /// RUN apt-get install -y curl
    /// ```
    /// The fix adds `-y` after `install`.
    ///
    /// ## Differences from hadolint
    /// `-o APT::Get::Assume-Yes=true` counts as `-y`, and commands inside
    /// heredoc bodies and `sh -c` are checked too.
    pub struct AptGetYes {
        id: "apt-get-assume-yes",
        name: "apt-get install without -y",
        aliases: &["DL3014"],
        severity: Warning,
        category: Packages,
        fixable: true,
        enabled_by_default: true,
    }
}

/// `-qq`, `-q=2`, `--quiet=2`, `-o APT::Get::Assume-Yes=true`: also non-interactive.
fn quiet_or_option(words: &[Option<&str>]) -> bool {
    words.iter().enumerate().any(|(i, w)| {
        let Some(w) = w else { return false };
        let short_qq = w.starts_with('-') && !w.starts_with("--") && w.matches('q').count() >= 2;
        let next = words.get(i + 1).copied().flatten().unwrap_or("");
        short_qq
            || matches!(*w, "-q=2" | "--quiet=2")
            || (*w == "-o"
                && next
                    .to_ascii_lowercase()
                    .starts_with("apt::get::assume-yes=true"))
            || w.to_ascii_lowercase()
                .starts_with("-oapt::get::assume-yes=true")
    })
}

impl Rule for AptGetYes {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        for (run, _) in cx.runs() {
            for site in installs(run, &[Manager::Apt]) {
                let words: Vec<Option<&str>> = site
                    .call
                    .argv
                    .words
                    .iter()
                    .map(|w| w.value.as_deref())
                    .collect();
                if site.options.assume_yes || quiet_or_option(&words) {
                    continue;
                }
                let tool = words.first().copied().flatten().unwrap_or("apt-get");
                let mut finding = cx.finding(
                    &Self::META,
                    site.call.span,
                    format!(
                        "{tool} install without `-y` waits for a confirmation the build cannot give"
                    ),
                );
                let word = words
                    .iter()
                    .skip(1)
                    .flatten()
                    .find(|w| matches!(**w, "install" | "reinstall"));
                if let Some(edit) = word.and_then(|w| insert_after(cx, site.call, w, " -y")) {
                    finding = finding.with_fix("Add -y", vec![edit]);
                }
                out.push(finding);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::AptGetYes;
    use crate::lint::testing::{apply_fixes, findings};

    #[test]
    fn flags_and_fixes_missing_yes() {
        let text =
            "FROM debian\nRUN apt-get update && apt-get install --no-install-recommends curl\n";
        let found = findings(&AptGetYes, text);
        assert_eq!(found.len(), 1);
        assert_eq!(
            apply_fixes(&AptGetYes, text),
            "FROM debian\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n"
        );
        assert_eq!(
            findings(&AptGetYes, "FROM debian\nRUN apt-get -q install curl\n").len(),
            1
        );
        assert_eq!(
            findings(
                &AptGetYes,
                "FROM debian\nRUN <<EOF\napt-get install git\nEOF\n"
            )
            .len(),
            1
        );
    }

    #[test]
    fn accepts_the_non_interactive_forms() {
        for text in [
            "FROM debian\nRUN apt-get install -y curl\n",
            "FROM debian\nRUN apt-get -y install curl\n",
            "FROM debian\nRUN apt-get install --yes curl\n",
            "FROM debian\nRUN apt-get install --assume-yes curl\n",
            "FROM debian\nRUN apt-get install -qq curl\n",
            "FROM debian\nRUN apt-get -qqy install curl\n",
            "FROM debian\nRUN apt-get install -q=2 curl\n",
            "FROM debian\nRUN apt-get -o APT::Get::Assume-Yes=true install curl\n",
            "FROM debian\nRUN apt-get update\n",
        ] {
            assert!(findings(&AptGetYes, text).is_empty(), "{text}");
        }
    }
}
