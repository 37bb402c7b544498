use super::util::*;
use crate::declare_rule;
use crate::lint::{Finding, LintContext, Rule, RuleMeta};
use crate::shell::models::Manager;

declare_rule! {
    /// ## What it does
    /// Flags a RUN that installs with yum but neither runs `yum clean all`
    /// nor deletes `/var/cache/yum`.
    ///
    /// ## Why it matters
    /// yum keeps its metadata and downloaded packages in `/var/cache/yum`;
    /// left in the layer they add tens to hundreds of MiB.
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN yum install -y httpd-2.4.6
    /// ```
    ///
    /// ## Fix
    /// ```dockerfile
    /// RUN yum install -y httpd-2.4.6 && yum clean all
    /// ```
    /// `rm -rf /var/cache/yum` works too, and so does a cache mount:
    /// `RUN --mount=type=cache,target=/var/cache/yum yum install -y ...`.
    ///
    /// ## Differences from hadolint
    /// A cache or tmpfs mount on `/var/cache/yum` silences the rule
    /// (hadolint still asks for `yum clean all`).
    pub struct YumClean {
        id: "yum-clean-all",
        name: "yum clean all missing",
        aliases: &["DL3032"],
        severity: Warning,
        category: Packages,
        fixable: false,
        enabled_by_default: true,
    }
}

impl Rule for YumClean {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        clean_findings(
            cx,
            &Self::META,
            &[Manager::Yum],
            &["/var/cache/yum"],
            "yum install without `yum clean all` in the same RUN leaves its cache in the image",
            out,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::YumClean;
    use crate::lint::testing::findings;

    #[test]
    fn flags() {
        for text in [
            "FROM centos:7\nRUN yum install -y httpd-2.4.6\n",
            "FROM centos:7\nRUN yum install -y httpd-2.4.6\nRUN yum clean all\n",
            "FROM centos:7\nRUN <<EOF\nyum -y install git-1.8.3\nEOF\n",
        ] {
            assert_eq!(findings(&YumClean, text).len(), 1, "{text}");
        }
    }

    #[test]
    fn accepts() {
        for text in [
            "FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean all\n",
            "FROM centos:7\nRUN yum install -y httpd-2.4.6 && rm -rf /var/cache/yum\n",
            "FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean packages && rm -rf /var/cache/yum/*\n",
            "FROM centos:7\nRUN --mount=type=cache,target=/var/cache/yum yum install -y httpd-2.4.6\n",
            "FROM centos:7\nRUN yum makecache\n",
        ] {
            assert!(findings(&YumClean, text).is_empty(), "{text}");
        }
    }
}
