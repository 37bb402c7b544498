use super::util::pin_findings;
use crate::declare_rule;
use crate::lint::{Finding, LintContext, Rule, RuleMeta};
use crate::shell::models::Manager;

declare_rule! {
    /// ## What it does
    /// Flags `apk add` naming packages without a version constraint
    /// (`curl=8.5.0-r0`, `curl~8.5`, `curl>=8`).
    ///
    /// ## Why it matters
    /// Unpinned packages install whatever the repository holds on build day.
    /// Note that Alpine removes old package versions from its repositories,
    /// so an exact pin (`=`) can break later builds; a fuzzy pin (`~8.5`)
    /// is often the better trade-off.
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN apk add --no-cache curl
    /// ```
    ///
    /// ## Fix
    /// ```dockerfile
    /// RUN apk add --no-cache curl~8.5
    /// ```
    /// Local `.apk` files and the `--virtual` group name are not checked.
    ///
    /// ## Differences from hadolint
    /// A repository tag alone (`curl@edge`) does not count as a pin. Words
    /// are read after ARG/ENV substitution.
    pub struct ApkPin {
        id: "apk-pin-versions",
        name: "apk add without pinned versions",
        aliases: &["DL3018"],
        severity: Warning,
        category: Packages,
        fixable: false,
        enabled_by_default: true,
    }
}

impl Rule for ApkPin {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        pin_findings(
            cx,
            &Self::META,
            &[Manager::Apk],
            |p| {
                p.op.as_deref().is_some_and(|op| op != "@")
                    || p.spec.ends_with(".apk")
                    || p.spec.contains(['=', '~', '<', '>'])
            },
            "use `apk add <package>=<version>` or `<package>~<version>`",
            out,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::ApkPin;
    use crate::lint::testing::findings;

    #[test]
    fn flags_unpinned_packages() {
        let found = findings(
            &ApkPin,
            "FROM alpine:3.20\nRUN apk add --no-cache curl git=2.45.2-r0\n",
        );
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains("`curl`") && !found[0].message.contains("git"));
        for text in [
            "FROM alpine:3.20\nRUN apk add --no-cache --virtual .build-deps gcc\n",
            "FROM alpine:3.20\nRUN apk add --no-cache curl@edge\n",
            "FROM alpine:3.20\nRUN <<EOF\napk add bash\nEOF\n",
        ] {
            assert_eq!(findings(&ApkPin, text).len(), 1, "{text}");
        }
    }

    #[test]
    fn accepts_pins_and_files() {
        for text in [
            "FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.1-r0 'bash>5' git~2.45\n",
            "FROM alpine:3.20\nRUN apk add --no-cache --virtual .build-deps gcc=13.2.1_git20240309-r0\n",
            "FROM alpine:3.20\nRUN apk add --allow-untrusted ./pkg.apk\n",
            "FROM alpine:3.20\nARG V=curl=8.9.1-r0\nRUN apk add --no-cache $V\n",
            "FROM alpine:3.20\nRUN apk update && apk upgrade\n",
        ] {
            assert!(findings(&ApkPin, text).is_empty(), "{text}");
        }
    }
}
