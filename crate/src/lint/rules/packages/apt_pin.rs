use super::util::pin_findings;
use crate::declare_rule;
use crate::lint::{Finding, LintContext, Rule, RuleMeta};
use crate::shell::models::Manager;

declare_rule! {
    /// ## What it does
    /// Flags `apt-get install` naming packages without a version
    /// (`name=version`) or a target release (`name/release`).
    ///
    /// ## Why it matters
    /// Unpinned packages install whatever the archive holds on build day,
    /// so two builds of the same Dockerfile can differ and a rebuild can
    /// break without any change to the file.
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN apt-get update && apt-get install -y curl
    /// ```
    ///
    /// ## Fix
    /// ```dockerfile
    /// RUN apt-get update && apt-get install -y curl=7.88.1-10+deb12u5
    /// ```
    /// Local `.deb` files are not packages from the archive and are fine.
    ///
    /// ## Differences from hadolint
    /// Words are read after ARG/ENV substitution: with `ARG PKGS="curl=7.88.1"`,
    /// `apt-get install -y $PKGS` is pinned. A word only known at run time
    /// (`$(cat list)`) is not flagged. Findings point at each install
    /// command and name the unpinned packages.
    pub struct AptPin {
        id: "apt-pin-versions",
        name: "apt-get install without pinned versions",
        aliases: &["DL3008"],
        severity: Warning,
        category: Packages,
        fixable: false,
        enabled_by_default: true,
    }
}

impl Rule for AptPin {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        pin_findings(
            cx,
            &Self::META,
            &[Manager::Apt],
            |p| matches!(p.op.as_deref(), Some("=" | "/")) || p.spec.ends_with(".deb"),
            "use `apt-get install <package>=<version>`",
            out,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::AptPin;
    use crate::lint::testing::findings;

    #[test]
    fn flags_unpinned_packages() {
        let found = findings(
            &AptPin,
            "FROM debian\nRUN apt-get update && apt-get install -y curl git=1:2.39.2-1.1\n",
        );
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains("`curl`"));
        assert!(!found[0].message.contains("git"));
        assert_eq!(
            findings(
                &AptPin,
                "FROM debian\nRUN <<EOF\napt-get install -y wget\nEOF\n"
            )
            .len(),
            1
        );
        assert_eq!(
            findings(
                &AptPin,
                "FROM debian\nARG P=vim\nRUN apt-get install -y $P\n"
            )
            .len(),
            1
        );
    }

    #[test]
    fn accepts_versions_releases_and_debs() {
        for text in [
            "FROM debian\nRUN apt-get install -y curl=7.88.1-10\n",
            "FROM debian\nRUN apt-get install -y -t bookworm-backports curl/bookworm-backports\n",
            "FROM debian\nRUN apt-get install -y ./pkg.deb\n",
            "FROM debian\nARG P=curl=7.88.1\nRUN apt-get install -y $P\n",
            "FROM debian\nRUN apt-get update\n",
        ] {
            assert!(findings(&AptPin, text).is_empty(), "{text}");
        }
    }
}
