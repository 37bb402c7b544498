use super::util::*;
use crate::declare_rule;
use crate::lint::{Finding, LintContext, Rule, RuleMeta};
use crate::shell::models::Manager;

declare_rule! {
    /// ## What it does
    /// Flags `npm install` (`npm i`, `npm add`) naming packages without a
    /// version (`express@4.19.2`, `@scope/pkg@^1`).
    ///
    /// ## Why it matters
    /// An unpinned package installs the newest release on build day; a new
    /// major version can break the image without any change to the file.
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN npm install -g pm2
    /// ```
    ///
    /// ## Fix
    /// ```dockerfile
    /// RUN npm install -g pm2@5.4.2
    /// ```
    /// `npm install` and `npm ci` without package names install from the
    /// lockfile and are fine.
    ///
    /// ## Differences from hadolint
    /// Local folders and tarballs (`./pkg`, `x.tgz`), git and other URLs
    /// (`git+https://github.com/org/repo#v1`, `github:org/repo`) are not
    /// flagged: they do not come from the registry. Words are read after
    /// ARG/ENV substitution.
    pub struct NpmPin {
        id: "npm-pin-versions",
        name: "npm install without pinned versions",
        aliases: &["DL3016"],
        severity: Warning,
        category: Packages,
        fixable: false,
        enabled_by_default: true,
    }
}

impl Rule for NpmPin {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        pin_findings(
            cx,
            &Self::META,
            &[Manager::Npm],
            |p| {
                p.op.is_some()
                    || p.spec.contains(":")
                    || p.spec.contains("/") && !p.spec.starts_with("@")
            },
            "use `npm install <package>@<version>`",
            out,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::NpmPin;
    use crate::lint::testing::findings;

    #[test]
    fn flags() {
        for text in [
            "FROM node:20\nRUN npm install -g pm2 typescript@5.5.4\n",
            "FROM node:20\nRUN npm i @angular/cli\n",
            "FROM node:20\nRUN <<EOF\nnpm install --save express\nEOF\n",
        ] {
            assert_eq!(findings(&NpmPin, text).len(), 1, "{text}");
        }
    }

    #[test]
    fn accepts() {
        for text in [
            "FROM node:20\nRUN npm install -g pm2@5.4.2 @angular/cli@18.1.0 typescript@^5\n",
            "FROM node:20\nRUN npm install\n",
            "FROM node:20\nRUN npm ci --omit=dev\n",
            "FROM node:20\nRUN npm install ./local-pkg pkg.tgz\n",
            "FROM node:20\nRUN npm install git+https://github.com/org/repo.git#v1.0.0\n",
            "FROM node:20\nARG PM2=pm2@5.4.2\nRUN npm install -g $PM2\n",
        ] {
            assert!(findings(&NpmPin, text).is_empty(), "{text}");
        }
    }
}
