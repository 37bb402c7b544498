use crate::declare_rule;
use crate::lint::{Finding, LintContext, Rule, RuleMeta};
use crate::shell::models::Manager;

declare_rule! {
    /// ## What it does
    /// Flags `zypper dist-upgrade` (`zypper dup`).
    ///
    /// ## Why it matters
    /// A distribution upgrade can move the image to a new release, change
    /// vendors and remove packages: the result depends on the build day,
    /// not on the Dockerfile. Use a newer base image instead.
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN zypper -n dup
    /// ```
    ///
    /// ## Fix
    /// ```dockerfile
    /// FROM opensuse/leap:15.6
    /// RUN zypper -n update --no-recommends && zypper clean
    /// ```
    pub struct ZypperDistUpgrade {
        id: "zypper-dist-upgrade",
        name: "zypper dist-upgrade",
        aliases: &["DL3035"],
        severity: Warning,
        category: Packages,
        fixable: false,
        enabled_by_default: true,
    }
}

impl Rule for ZypperDistUpgrade {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        for (run, _) in cx.runs() {
            for command in &run.commands {
                if command.model.effects.iter().any(|e| {
                    matches!(
                        e,
                        crate::shell::models::Effect::Upgrade {
                            manager: Manager::Zypper,
                            dist: true,
                            ..
                        }
                    )
                }) {
                    out.push(cx.finding(&Self::META, run.script.calls[command.call].span, "`zypper dist-upgrade` makes the image depend on the build day; use a newer base image"));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ZypperDistUpgrade;
    use crate::lint::testing::findings;

    #[test]
    fn flags() {
        for text in [
            "FROM opensuse/leap:15.6\nRUN zypper dist-upgrade -y\n",
            "FROM opensuse/leap:15.6\nRUN zypper -n dup && zypper clean\n",
            "FROM opensuse/leap:15.6\nRUN <<EOF\nzypper --non-interactive dup\nEOF\n",
        ] {
            assert_eq!(findings(&ZypperDistUpgrade, text).len(), 1, "{text}");
        }
    }

    #[test]
    fn accepts() {
        for text in [
            "FROM opensuse/leap:15.6\nRUN zypper -n update && zypper clean\n",
            "FROM opensuse/leap:15.6\nRUN zypper patch -y\n",
            "FROM debian:12\nRUN apt-get dist-upgrade -y\n",
        ] {
            assert!(findings(&ZypperDistUpgrade, text).is_empty(), "{text}");
        }
    }
}
