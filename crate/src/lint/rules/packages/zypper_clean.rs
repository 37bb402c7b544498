use super::util::*;
use crate::declare_rule;
use crate::lint::{Finding, LintContext, Rule, RuleMeta};
use crate::shell::models::Manager;

declare_rule! {
    /// ## What it does
    /// Flags a RUN that installs with zypper but neither runs `zypper clean`
    /// (`zypper cc`) nor deletes `/var/cache/zypp`.
    ///
    /// ## Why it matters
    /// zypper keeps repository metadata and downloaded packages in
    /// `/var/cache/zypp`; left in the layer they waste space.
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN zypper install -y curl=8.6.0
    /// ```
    ///
    /// ## Fix
    /// ```dockerfile
    /// RUN zypper install -y curl=8.6.0 && zypper clean --all
    /// ```
    ///
    /// ## Differences from hadolint
    /// `rm -rf /var/cache/zypp` and a cache or tmpfs mount on
    /// `/var/cache/zypp` count as cleanup; hadolint only accepts
    /// `zypper clean`.
    pub struct ZypperClean {
        id: "zypper-clean",
        name: "zypper clean missing",
        aliases: &["DL3036"],
        severity: Warning,
        category: Packages,
        fixable: false,
        enabled_by_default: true,
    }
}

impl Rule for ZypperClean {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        clean_findings(
            cx,
            &Self::META,
            &[Manager::Zypper],
            &["/var/cache/zypp"],
            "zypper install without `zypper clean` in the same RUN leaves its cache in the image",
            out,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::ZypperClean;
    use crate::lint::testing::findings;

    #[test]
    fn flags() {
        for text in [
            "FROM opensuse/leap:15.6\nRUN zypper install -y curl\n",
            "FROM opensuse/leap:15.6\nRUN zypper -n in git\n",
        ] {
            assert_eq!(findings(&ZypperClean, text).len(), 1, "{text}");
        }
    }

    #[test]
    fn accepts() {
        for text in [
            "FROM opensuse/leap:15.6\nRUN zypper install -y curl && zypper clean\n",
            "FROM opensuse/leap:15.6\nRUN zypper install -y curl && zypper clean --all\n",
            "FROM opensuse/leap:15.6\nRUN zypper install -y curl && zypper cc -a\n",
            "FROM opensuse/leap:15.6\nRUN zypper install -y curl && rm -rf /var/cache/zypp\n",
            "FROM opensuse/leap:15.6\nRUN --mount=type=cache,target=/var/cache/zypp zypper install -y curl\n",
            "FROM opensuse/leap:15.6\nRUN zypper refresh\n",
        ] {
            assert!(findings(&ZypperClean, text).is_empty(), "{text}");
        }
    }
}
