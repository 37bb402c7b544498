use super::util::*;
use crate::declare_rule;
use crate::lint::{Finding, LintContext, Rule, RuleMeta};
use crate::shell::models::Manager;

declare_rule! {
    /// ## What it does
    /// Flags `yum install` naming packages without a version
    /// (`name-version`, `name-version-release`).
    ///
    /// ## Why it matters
    /// Unpinned packages install whatever the repositories hold on build
    /// day, so rebuilds of the same Dockerfile can differ or break.
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN yum install -y httpd && yum clean all
    /// ```
    ///
    /// ## Fix
    /// ```dockerfile
    /// RUN yum install -y httpd-2.4.6 && yum clean all
    /// ```
    /// Local `.rpm` files, groups (`@group`) and module streams
    /// (`nodejs:20`) are not checked.
    ///
    /// ## Differences from hadolint
    /// A dash counts as a version only when a digit follows it, as in
    /// hadolint; groups and module streams are not flagged, and words are
    /// read after ARG/ENV substitution (`ARG V=1.2.3` then
    /// `yum install -y pkg-$V` is pinned).
    pub struct YumPin {
        id: "yum-pin-versions",
        name: "yum install without pinned versions",
        aliases: &["DL3033"],
        severity: Warning,
        category: Packages,
        fixable: false,
        enabled_by_default: true,
    }
}

impl Rule for YumPin {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        pin_findings(
            cx,
            &Self::META,
            &[Manager::Yum],
            rpm_pinned,
            "use `yum install -y <package>-<version>`",
            out,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::YumPin;
    use crate::lint::testing::findings;

    #[test]
    fn flags() {
        for text in [
            "FROM centos:7\nRUN yum install -y python3-devel && yum clean all\n",
            "FROM centos:7\nRUN yum install -y httpd-2.4.6 mod_ssl && yum clean all\n",
            "FROM centos:7\nRUN <<EOF\nyum install -y git\nEOF\n",
        ] {
            assert_eq!(findings(&YumPin, text).len(), 1, "{text}");
        }
    }

    #[test]
    fn accepts() {
        for text in [
            "FROM centos:7\nRUN yum install -y httpd-2.4.6 mod_ssl-2.4.6-99.el7 && yum clean all\n",
            "FROM centos:7\nRUN yum install -y ./pkg.rpm https://example.com/x.rpm\n",
            "FROM centos:7\nARG V=2.4.6\nRUN yum install -y httpd-$V\n",
            "FROM centos:7\nRUN yum clean all\n",
        ] {
            assert!(findings(&YumPin, text).is_empty(), "{text}");
        }
    }
}
