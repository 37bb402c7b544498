use super::util::*;
use crate::declare_rule;
use crate::lint::{Finding, LintContext, Rule, RuleMeta};
use crate::shell::models::Manager;

declare_rule! {
    /// ## What it does
    /// Flags a RUN that installs with dnf or microdnf but neither runs
    /// `dnf clean all` nor deletes `/var/cache/dnf` (or `/var/cache/yum`).
    ///
    /// ## Why it matters
    /// dnf keeps its repository metadata and downloaded packages under
    /// `/var/cache`; left in the layer they often add over 100 MiB.
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN dnf install -y httpd-2.4.62
    /// ```
    ///
    /// ## Fix
    /// ```dockerfile
    /// RUN dnf install -y httpd-2.4.62 && dnf clean all
    /// ```
    /// A cache mount works too:
    /// `RUN --mount=type=cache,target=/var/cache/dnf dnf install -y ...`.
    ///
    /// ## Differences from hadolint
    /// A cache or tmpfs mount on the dnf cache (`/var/cache/dnf`,
    /// `/var/cache/libdnf5`, `/var/cache/yum`) silences the rule; hadolint
    /// still asks for `dnf clean all`.
    pub struct DnfClean {
        id: "dnf-clean-all",
        name: "dnf clean all missing",
        aliases: &["DL3040"],
        severity: Warning,
        category: Packages,
        fixable: false,
        enabled_by_default: true,
    }
}

impl Rule for DnfClean {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        clean_findings(
            cx,
            &Self::META,
            &[Manager::Dnf, Manager::Microdnf],
            &["/var/cache/dnf", "/var/cache/libdnf5", "/var/cache/yum"],
            "dnf install without `dnf clean all` in the same RUN leaves its cache in the image",
            out,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::DnfClean;
    use crate::lint::testing::findings;

    #[test]
    fn flags() {
        for text in [
            "FROM fedora:40\nRUN dnf install -y httpd\n",
            "FROM ubi9-minimal\nRUN microdnf install -y shadow-utils\n",
            "FROM fedora:40\nRUN --mount=type=cache,target=/root/.cache dnf install -y git\n",
        ] {
            assert_eq!(findings(&DnfClean, text).len(), 1, "{text}");
        }
    }

    #[test]
    fn accepts() {
        for text in [
            "FROM fedora:40\nRUN dnf install -y httpd && dnf clean all\n",
            "FROM ubi9-minimal\nRUN microdnf install -y shadow-utils && microdnf clean all\n",
            "FROM fedora:40\nRUN dnf install -y httpd && rm -rf /var/cache/dnf\n",
            "FROM fedora:40\nRUN --mount=type=cache,target=/var/cache/dnf dnf install -y httpd\n",
            "FROM fedora:40\nRUN --mount=type=cache,target=/var/cache/libdnf5 dnf5 install -y httpd\n",
            "FROM centos:7\nRUN yum install -y httpd\n",
        ] {
            assert!(findings(&DnfClean, text).is_empty(), "{text}");
        }
    }
}
