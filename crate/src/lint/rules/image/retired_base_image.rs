use crate::declare_rule;
use crate::lint::{Finding, LintContext, Rule, RuleMeta};
use crate::model::Base;
use crate::sim::catalog::Catalog;

declare_rule! {
    /// ## What it does
    /// Flags a `FROM` whose image tag the catalog knows to be deprecated,
    /// past its end of life, or never published, and names the maintained
    /// tag to use instead.
    ///
    /// ## Why it matters
    /// A tag that no longer gets builds carries every security fix it has
    /// missed since; a tag that was never published fails the build at the
    /// first pull. Both are easy to copy from an old tutorial.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM ubuntu:18.04-slim
    /// ```
    ///
    /// ## Fix
    /// ```dockerfile
    /// FROM ubuntu:24.04
    /// ```
    pub struct RetiredBaseImage {
        id: "retired-base-image",
        name: "Base image deprecated, end-of-life or never published",
        aliases: &["LL1005"],
        severity: Warning,
        category: BaseImage,
        fixable: false,
        enabled_by_default: true,
    }
}

impl Rule for RetiredBaseImage {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        let catalog = Catalog::builtin_web();
        for stage in &cx.model().stages {
            let Base::Image { reference } = &stage.base else {
                continue;
            };
            let Some(entry) = catalog.images.retired(reference) else {
                continue;
            };
            let ins = &cx.document().instructions[stage.instructions[0]];
            let mut message = format!("{reference}: {}", entry.reason);
            if let Some(s) = &entry.suggest {
                message.push_str(&format!("; use {s}"));
            }
            out.push(cx.finding(&Self::META, ins.span, message));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RetiredBaseImage;
    use crate::lint::testing::findings;

    #[test]
    fn flags_retired_and_unpublished_tags() {
        for text in [
            "FROM ubuntu:18.04-slim\n",
            "FROM node:14 AS web\nFROM centos:7\n",
        ] {
            let f = findings(&RetiredBaseImage, text);
            assert!(
                !f.is_empty() && f[0].message.contains("use "),
                "{text}: {f:?}"
            );
        }
    }

    #[test]
    fn accepts_maintained_and_unknown_tags() {
        for text in [
            "FROM ubuntu:24.04\n",
            "FROM registry.example.com/base:1\n",
            "FROM scratch\n",
            "FROM debian:bookworm AS a\nFROM a\n",
        ] {
            assert!(findings(&RetiredBaseImage, text).is_empty(), "{text}");
        }
    }
}
