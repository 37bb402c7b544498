use crate::declare_rule;
use crate::lint::{Edit, Finding, LintContext, Rule, RuleMeta};
use crate::shell::models::{Effect, Manager};
use crate::span::Span;

declare_rule! {
    /// ## What it does
    /// Flags `apt-get install` without `--no-install-recommends`.
    ///
    /// ## Why it matters
    /// By default apt also installs every package the requested ones
    /// *recommend*. In an image these are rarely used and often large:
    /// on Debian bookworm, `build-essential` pulls in 51 packages (262 MiB)
    /// with the flag and 119 (337 MiB) without it.
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN apt-get update && apt-get install -y curl
    /// ```
    ///
    /// ## Fix
    /// ```dockerfile
    /// RUN apt-get update && apt-get install -y --no-install-recommends curl
    /// ```
    /// `-o APT::Install-Recommends=false` counts as the flag too.
    pub struct AptInstallRecommends {
        id: "apt-install-recommends",
        name: "apt-get install without --no-install-recommends",
        aliases: &["DL3015"],
        severity: Info,
        category: Packages,
        fixable: true,
        enabled_by_default: true,
    }
}

impl Rule for AptInstallRecommends {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        for (run, _) in cx.runs() {
            for command in &run.commands {
                let misses_flag = command.model.effects.iter().any(|e| {
                    matches!(e, Effect::Install { manager: Manager::Apt, options, .. } if !options.no_recommends)
                });
                if !misses_flag {
                    continue;
                }
                let call = &run.script.calls[command.call];
                let span = call.span;
                let mut finding = cx.finding(&Self::META, span, "apt-get install without --no-install-recommends also installs recommended packages");
                // Insert the flag right after the `install` word when it is literal text.
                if let Some(install) =
                    call.argv.words.iter().find(|w| {
                        w.value.as_deref() == Some("install") && cx.text(w.span) == "install"
                    })
                {
                    let at = Span::new(install.span.end, install.span.end);
                    finding = finding.with_fix(
                        "Add --no-install-recommends",
                        vec![Edit {
                            span: at,
                            replacement: " --no-install-recommends".into(),
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
    use super::AptInstallRecommends;
    use crate::lint::testing::{apply_fixes, findings};

    #[test]
    fn flags_install_without_the_flag() {
        let text = "FROM debian\nRUN apt-get update && \\\n    apt-get install -y curl\n";
        let found = findings(&AptInstallRecommends, text);
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].line, found[0].column), (3, 5));
        assert_eq!(
            apply_fixes(&AptInstallRecommends, text),
            "FROM debian\nRUN apt-get update && \\\n    apt-get install --no-install-recommends -y curl\n"
        );
    }

    #[test]
    fn accepts_the_flag_and_its_option_form() {
        assert!(
            findings(
                &AptInstallRecommends,
                "FROM debian\nRUN apt-get install -y --no-install-recommends curl\n"
            )
            .is_empty()
        );
        assert!(
            findings(
                &AptInstallRecommends,
                "FROM debian\nRUN apt-get -o APT::Install-Recommends=false install -y curl\n"
            )
            .is_empty()
        );
    }

    #[test]
    fn looks_inside_heredocs_and_sh_c() {
        assert_eq!(
            findings(
                &AptInstallRecommends,
                "FROM debian\nRUN <<EOF\napt-get install -y git\nEOF\n"
            )
            .len(),
            1
        );
        assert_eq!(
            findings(
                &AptInstallRecommends,
                "FROM debian\nRUN sh -c 'apt-get install -y git'\n"
            )
            .len(),
            1
        );
    }
}
