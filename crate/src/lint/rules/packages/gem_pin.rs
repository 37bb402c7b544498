use super::util::*;
use crate::declare_rule;
use crate::lint::{Finding, LintContext, Rule, RuleMeta};
use crate::shell::models::Manager;

declare_rule! {
    /// ## What it does
    /// Flags `gem install` naming gems without a version (`-v 2.4.22`,
    /// `--version 2.4.22` or `bundler:2.4.22`).
    ///
    /// ## Why it matters
    /// An unpinned gem installs the newest release on build day; a new major
    /// version can break the image without any change to the file.
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN gem install bundler
    /// ```
    ///
    /// ## Fix
    /// ```dockerfile
    /// RUN gem install bundler:2.5.16
    /// ```
    /// Local `.gem` files are not checked.
    ///
    /// ## Differences from hadolint
    /// Words are read after ARG/ENV substitution (`ARG BUNDLER=2.5.16` then
    /// `gem install bundler -v $BUNDLER` is pinned).
    pub struct GemPin {
        id: "gem-pin-versions",
        name: "gem install without pinned versions",
        aliases: &["DL3028"],
        severity: Warning,
        category: Packages,
        fixable: false,
        enabled_by_default: true,
    }
}

impl Rule for GemPin {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        pin_findings(
            cx,
            &Self::META,
            &[Manager::Gem],
            |p| p.version.is_some() || p.op.is_some() || p.spec.ends_with(".gem"),
            "use `gem install <gem>:<version>` or `-v <version>`",
            out,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::GemPin;
    use crate::lint::testing::findings;

    #[test]
    fn flags() {
        for text in [
            "FROM ruby:3.3\nRUN gem install bundler\n",
            "FROM ruby:3.3\nRUN gem install --no-document rails\n",
            "FROM ruby:3.3\nRUN <<EOF\ngem install foreman\nEOF\n",
        ] {
            assert_eq!(findings(&GemPin, text).len(), 1, "{text}");
        }
    }

    #[test]
    fn accepts() {
        for text in [
            "FROM ruby:3.3\nRUN gem install bundler:2.5.16\n",
            "FROM ruby:3.3\nRUN gem install bundler -v 2.5.16\n",
            "FROM ruby:3.3\nRUN gem install rails --version 7.1.3\n",
            "FROM ruby:3.3\nARG V=2.5.16\nRUN gem install bundler -v $V\n",
            "FROM ruby:3.3\nRUN gem install ./my.gem\n",
            "FROM ruby:3.3\nRUN bundle install\n",
        ] {
            assert!(findings(&GemPin, text).is_empty(), "{text}");
        }
    }
}
