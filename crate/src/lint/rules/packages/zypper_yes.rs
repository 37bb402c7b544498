use super::util::yes_findings;
use crate::declare_rule;
use crate::lint::{Finding, LintContext, Rule, RuleMeta};
use crate::shell::models::Manager;

declare_rule! {
    /// ## What it does
    /// Flags `zypper install` without `-y` (`--no-confirm`) or the global
    /// `-n` (`--non-interactive`).
    ///
    /// ## Why it matters
    /// Without it zypper asks for confirmation; a build has no terminal to
    /// answer, so the install aborts.
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN zypper install curl=8.6.0 && zypper clean
    /// ```
    ///
    /// ## Fix
    /// ```dockerfile
    /// RUN zypper install -y curl=8.6.0 && zypper clean
    /// ```
    /// The fix adds `-y` after the install subcommand.
    pub struct ZypperYes {
        id: "zypper-non-interactive",
        name: "zypper install without -y or -n",
        aliases: &["DL3034"],
        severity: Warning,
        category: Packages,
        fixable: true,
        enabled_by_default: true,
    }
}

impl Rule for ZypperYes {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        yes_findings(cx, &Self::META, &[Manager::Zypper], "-y", out);
    }
}

#[cfg(test)]
mod tests {
    use super::ZypperYes;
    use crate::lint::testing::{apply_fixes, findings};

    #[test]
    fn flags_and_fixes_a_missing_flag() {
        let text = "FROM opensuse/leap:15.6\nRUN zypper install curl && zypper clean\n";
        assert_eq!(findings(&ZypperYes, text).len(), 1);
        assert_eq!(
            apply_fixes(&ZypperYes, text),
            "FROM opensuse/leap:15.6\nRUN zypper install -y curl && zypper clean\n"
        );
        assert_eq!(
            findings(
                &ZypperYes,
                "FROM opensuse/leap:15.6\nRUN zypper in --no-recommends git\n"
            )
            .len(),
            1
        );
    }

    #[test]
    fn accepts_non_interactive_installs() {
        for text in [
            "FROM opensuse/leap:15.6\nRUN zypper install -y curl\n",
            "FROM opensuse/leap:15.6\nRUN zypper -n install curl\n",
            "FROM opensuse/leap:15.6\nRUN zypper --non-interactive in curl\n",
            "FROM opensuse/leap:15.6\nRUN zypper install --no-confirm curl\n",
            "FROM opensuse/leap:15.6\nRUN zypper refresh\n",
        ] {
            assert!(findings(&ZypperYes, text).is_empty(), "{text}");
        }
    }
}
