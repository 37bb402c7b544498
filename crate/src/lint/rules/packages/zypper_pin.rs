use super::util::*;
use crate::declare_rule;
use crate::lint::{Finding, LintContext, Rule, RuleMeta};
use crate::shell::models::Manager;

declare_rule! {
    /// ## What it does
    /// Flags `zypper install` naming packages without a version
    /// (`name=version`, `name>=version`, `name<version`).
    ///
    /// ## Why it matters
    /// Unpinned packages install whatever the repositories hold on build
    /// day, so rebuilds of the same Dockerfile can differ or break.
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN zypper install -y curl && zypper clean
    /// ```
    ///
    /// ## Fix
    /// ```dockerfile
    /// RUN zypper install -y curl=8.6.0 && zypper clean
    /// ```
    /// Local `.rpm` files are not checked.
    ///
    /// ## Differences from hadolint
    /// Words are read after ARG/ENV substitution; patterns (`pattern:devel`)
    /// and local files are not flagged.
    pub struct ZypperPin {
        id: "zypper-pin-versions",
        name: "zypper install without pinned versions",
        aliases: &["DL3037"],
        severity: Warning,
        category: Packages,
        fixable: false,
        enabled_by_default: true,
    }
}

impl Rule for ZypperPin {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        let mut found = Vec::new();
        pin_findings(
            cx,
            &Self::META,
            &[Manager::Zypper],
            |p| p.spec.ends_with(".rpm") || p.spec.contains(['=', '<', '>', ':']),
            "use `zypper install -y <package>=<version>`",
            &mut found,
        );
        // `-t pattern`, `-t product`...: not package names.
        found.retain(|f| {
            let Some((run, _)) = cx
                .runs()
                .find(|(r, _)| r.script.calls.iter().any(|c| c.span == f.span))
            else {
                return true;
            };
            let call = run.script.calls.iter().find(|c| c.span == f.span);
            !call.is_some_and(|c| {
                let words: Vec<&str> = c
                    .argv
                    .words
                    .iter()
                    .filter_map(|w| w.value.as_deref())
                    .collect();
                words
                    .windows(2)
                    .any(|w| matches!(w[0], "-t" | "--type") && w[1] != "package")
                    || words
                        .iter()
                        .any(|w| w.starts_with("--type=") && *w != "--type=package")
            })
        });
        out.extend(found);
    }
}

#[cfg(test)]
mod tests {
    use super::ZypperPin;
    use crate::lint::testing::findings;

    #[test]
    fn flags() {
        for text in [
            "FROM opensuse/leap:15.6\nRUN zypper install -y python3-devel && zypper clean\n",
            "FROM opensuse/leap:15.6\nRUN zypper -n in curl=8.6.0 git\n",
        ] {
            assert_eq!(findings(&ZypperPin, text).len(), 1, "{text}");
        }
    }

    #[test]
    fn accepts() {
        for text in [
            "FROM opensuse/leap:15.6\nRUN zypper install -y curl=8.6.0 \"git>=2.40\" \"vim<10\"\n",
            "FROM opensuse/leap:15.6\nRUN zypper install -y ./x.rpm\n",
            "FROM opensuse/leap:15.6\nRUN zypper install -y -t pattern devel_basis\n",
            "FROM opensuse/leap:15.6\nRUN zypper refresh\n",
        ] {
            assert!(findings(&ZypperPin, text).is_empty(), "{text}");
        }
    }
}
