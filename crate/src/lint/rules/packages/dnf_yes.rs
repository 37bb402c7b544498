use super::util::yes_findings;
use crate::declare_rule;
use crate::lint::{Finding, LintContext, Rule, RuleMeta};
use crate::shell::models::Manager;

declare_rule! {
    /// ## What it does
    /// Flags `dnf install` and `microdnf install` without `-y` (`--assumeyes`).
    ///
    /// ## Why it matters
    /// Without it dnf asks for confirmation; a build has no terminal to
    /// answer, so the install aborts.
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN dnf install httpd-2.4.62 && dnf clean all
    /// ```
    ///
    /// ## Fix
    /// ```dockerfile
    /// RUN dnf install -y httpd-2.4.62 && dnf clean all
    /// ```
    /// The fix adds `-y` after the install subcommand.
    pub struct DnfYes {
        id: "dnf-assume-yes",
        name: "dnf install without -y",
        aliases: &["DL3038"],
        severity: Warning,
        category: Packages,
        fixable: true,
        enabled_by_default: true,
    }
}

impl Rule for DnfYes {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        yes_findings(
            cx,
            &Self::META,
            &[Manager::Dnf, Manager::Microdnf],
            "-y",
            out,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::DnfYes;
    use crate::lint::testing::{apply_fixes, findings};

    #[test]
    fn flags_and_fixes_a_missing_flag() {
        let text = "FROM fedora:40\nRUN dnf install httpd && dnf clean all\n";
        assert_eq!(findings(&DnfYes, text).len(), 1);
        assert_eq!(
            apply_fixes(&DnfYes, text),
            "FROM fedora:40\nRUN dnf install -y httpd && dnf clean all\n"
        );
        assert_eq!(
            findings(
                &DnfYes,
                "FROM ubi9-minimal\nRUN microdnf install shadow-utils\n"
            )
            .len(),
            1
        );
        assert_eq!(
            findings(
                &DnfYes,
                "FROM fedora:40\nRUN dnf --setopt=install_weak_deps=False install git\n"
            )
            .len(),
            1
        );
    }

    #[test]
    fn accepts_non_interactive_installs() {
        for text in [
            "FROM fedora:40\nRUN dnf install -y httpd\n",
            "FROM fedora:40\nRUN dnf -y install httpd\n",
            "FROM fedora:40\nRUN dnf install --assumeyes httpd\n",
            "FROM ubi9-minimal\nRUN microdnf install -y shadow-utils\n",
            "FROM centos:7\nRUN yum install httpd\n",
        ] {
            assert!(findings(&DnfYes, text).is_empty(), "{text}");
        }
    }
}
