use super::util::yes_findings;
use crate::declare_rule;
use crate::lint::{Finding, LintContext, Rule, RuleMeta};
use crate::shell::models::Manager;

declare_rule! {
    /// ## What it does
    /// Flags `yum install` without `-y` (`--assumeyes`).
    ///
    /// ## Why it matters
    /// Without it yum asks for confirmation; a build has no terminal to
    /// answer, so the install aborts.
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN yum install httpd-2.4.6 && yum clean all
    /// ```
    ///
    /// ## Fix
    /// ```dockerfile
    /// RUN yum install -y httpd-2.4.6 && yum clean all
    /// ```
    /// The fix adds `-y` after the install subcommand.
    pub struct YumYes {
        id: "yum-assume-yes",
        name: "yum install without -y",
        aliases: &["DL3030"],
        severity: Warning,
        category: Packages,
        fixable: true,
        enabled_by_default: true,
    }
}

impl Rule for YumYes {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        yes_findings(cx, &Self::META, &[Manager::Yum], "-y", out);
    }
}

#[cfg(test)]
mod tests {
    use super::YumYes;
    use crate::lint::testing::{apply_fixes, findings};

    #[test]
    fn flags_and_fixes_a_missing_flag() {
        let text = "FROM centos:7\nRUN yum install httpd-2.4.6 && yum clean all\n";
        assert_eq!(findings(&YumYes, text).len(), 1);
        assert_eq!(
            apply_fixes(&YumYes, text),
            "FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean all\n"
        );
        assert_eq!(
            findings(
                &YumYes,
                "FROM centos:7\nRUN yum groupinstall \"Development Tools\"\n"
            )
            .len(),
            1
        );
        assert_eq!(
            findings(
                &YumYes,
                "FROM centos:7\nRUN <<EOF\nyum -q install git\nEOF\n"
            )
            .len(),
            1
        );
    }

    #[test]
    fn accepts_non_interactive_installs() {
        for text in [
            "FROM centos:7\nRUN yum install -y httpd\n",
            "FROM centos:7\nRUN yum -y install httpd\n",
            "FROM centos:7\nRUN yum install --assumeyes httpd\n",
            "FROM centos:7\nRUN yum clean all\n",
            "FROM fedora:40\nRUN dnf install httpd\n",
        ] {
            assert!(findings(&YumYes, text).is_empty(), "{text}");
        }
    }
}
