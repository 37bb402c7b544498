use super::util::*;
use crate::declare_rule;
use crate::lint::{Finding, LintContext, Rule, RuleMeta};
use crate::shell::models::Manager;

declare_rule! {
    /// ## What it does
    /// Flags `dnf install` and `microdnf install` naming packages without a version
    /// (`name-version`, `name-version-release`).
    ///
    /// ## Why it matters
    /// Unpinned packages install whatever the repositories hold on build
    /// day, so rebuilds of the same Dockerfile can differ or break.
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN dnf install -y httpd && dnf clean all
    /// ```
    ///
    /// ## Fix
    /// ```dockerfile
    /// RUN dnf install -y httpd-2.4.6 && dnf clean all
    /// ```
    /// Local `.rpm` files, groups (`@group`) and module streams
    /// (`nodejs:20`) are not checked.
    ///
    /// ## Differences from hadolint
    /// A dash counts as a version only when a digit follows it, as in
    /// hadolint; groups and module streams are not flagged, and words are
    /// read after ARG/ENV substitution (`ARG V=1.2.3` then
    /// `dnf install -y pkg-$V` is pinned).
    pub struct DnfPin {
        id: "dnf-pin-versions",
        name: "dnf install without pinned versions",
        aliases: &["DL3041"],
        severity: Warning,
        category: Packages,
        fixable: false,
        enabled_by_default: true,
    }
}

impl Rule for DnfPin {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        pin_findings(
            cx,
            &Self::META,
            &[Manager::Dnf, Manager::Microdnf],
            rpm_pinned,
            "use `dnf install -y <package>-<version>`",
            out,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::DnfPin;
    use crate::lint::testing::findings;

    #[test]
    fn flags() {
        for text in [
            "FROM fedora:40\nRUN dnf install -y python3-devel && dnf clean all\n",
            "FROM ubi9-minimal\nRUN microdnf install -y shadow-utils\n",
            "FROM fedora:40\nRUN dnf install -y git-2.45.2 vim\n",
        ] {
            assert_eq!(findings(&DnfPin, text).len(), 1, "{text}");
        }
    }

    #[test]
    fn accepts() {
        for text in [
            "FROM fedora:40\nRUN dnf install -y git-2.45.2 vim-enhanced-2:9.1.393-1.fc40\n",
            "FROM fedora:40\nRUN dnf module install -y nodejs:20\n",
            "FROM fedora:40\nRUN dnf install -y @development-tools\n",
            "FROM fedora:40\nRUN dnf install -y ./x.rpm\n",
            "FROM centos:7\nRUN yum install -y git\n",
        ] {
            assert!(findings(&DnfPin, text).is_empty(), "{text}");
        }
    }
}
