use super::util::*;
use crate::declare_rule;
use crate::lint::{Finding, LintContext, Rule, RuleMeta};
use crate::shell::models::Manager;

declare_rule! {
    /// ## What it does
    /// Flags a RUN that installs with yarn (`yarn install`, `yarn add`,
    /// `yarn global add`) without `yarn cache clean` in the same RUN.
    ///
    /// ## Why it matters
    /// yarn (v1) keeps every downloaded package in its cache
    /// (`/usr/local/share/.cache/yarn`); in the image it only duplicates
    /// `node_modules`.
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN yarn install --frozen-lockfile
    /// ```
    ///
    /// ## Fix
    /// ```dockerfile
    /// RUN yarn install --frozen-lockfile && yarn cache clean
    /// ```
    /// A cache mount works too:
    /// `RUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install`.
    ///
    /// ## Differences from hadolint
    /// `yarn add` and `yarn global add` are checked too. hadolint only
    /// looks at `yarn install`; this rule also checks `yarn add`,
    /// `yarn global add` and a bare `yarn`, which fill the same cache. So
    /// `RUN yarn global add phantomjs-prebuilt` (from the voting-app sample)
    /// is a finding here and not for hadolint.
    ///
    /// Deleting the cache directory counts as cleaning it, and tmpfs mounts
    /// count like cache mounts.
    pub struct YarnClean {
        id: "yarn-cache-clean",
        name: "yarn cache clean missing",
        aliases: &["DL3060"],
        severity: Info,
        category: Packages,
        fixable: false,
        enabled_by_default: true,
    }
}

impl Rule for YarnClean {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        clean_findings(
            cx,
            &Self::META,
            &[Manager::Yarn],
            &[
                "/usr/local/share/.cache/yarn",
                "/root/.cache/yarn",
                "/home/node/.cache/yarn",
            ],
            "installing with yarn without `yarn cache clean` in the same RUN leaves its cache in the image",
            out,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::YarnClean;
    use crate::lint::testing::findings;

    #[test]
    fn flags() {
        for text in [
            "FROM node:20\nRUN yarn install --frozen-lockfile\n",
            "FROM node:20\nRUN yarn add express@4.19.2\n",
            "FROM node:20\nRUN yarn global add phantomjs-prebuilt\n",
            "FROM node:20\nRUN yarn install\nRUN yarn cache clean\n",
        ] {
            assert_eq!(findings(&YarnClean, text).len(), 1, "{text}");
        }
    }

    #[test]
    fn accepts() {
        for text in [
            "FROM node:20\nRUN yarn install --frozen-lockfile && yarn cache clean\n",
            "FROM node:20\nRUN yarn install && rm -rf /usr/local/share/.cache/yarn\n",
            "FROM node:20\nRUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install\n",
            "FROM node:20\nRUN --mount=type=cache,target=/root/.cache/yarn yarn install\n",
            "FROM node:20\nRUN yarn build\n",
        ] {
            assert!(findings(&YarnClean, text).is_empty(), "{text}");
        }
    }
}
