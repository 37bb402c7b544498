use super::util::{from_words, parse_image, stage_from};
use crate::declare_rule;
use crate::lint::{Finding, LintContext, Rule, RuleMeta};
use crate::model::Base;

declare_rule! {
    /// ## What it does
    /// Flags a `FROM` whose image is tagged `latest` without a digest.
    ///
    /// ## Why it matters
    /// `latest` moves: builds are not reproducible, and an upgrade of the base
    /// image arrives unannounced in the middle of an unrelated change.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM nginx:latest
    /// ```
    ///
    /// ## Fix
    /// ```dockerfile
    /// FROM nginx:1.27
    /// ```
    ///
    /// ## Differences from hadolint
    /// The image is checked after ARG substitution: `ARG TAG=latest` then
    /// `FROM nginx:$TAG` is a finding, which hadolint misses.
    pub struct LatestTag {
        id: "latest-tag",
        name: "Base image uses the latest tag",
        aliases: &["DL3007"],
        severity: Warning,
        category: BaseImage,
        fixable: false,
        enabled_by_default: true,
    }
}

impl Rule for LatestTag {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        for stage in &cx.model().stages {
            let Base::Image { reference } = &stage.base else {
                continue;
            };
            let image = parse_image(reference);
            if image.tag != Some("latest") || image.digest.is_some() {
                continue;
            }
            let Some(words) = from_words(stage_from(cx, stage)) else {
                continue;
            };
            out.push(cx.finding(
                &Self::META,
                words[0].span,
                format!("`{reference}` uses the latest tag: pin a version"),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::LatestTag;
    use crate::lint::testing::findings;

    fn count(text: &str) -> usize {
        findings(&LatestTag, text).len()
    }

    #[test]
    fn flags_latest() {
        let found = findings(&LatestTag, "FROM nginx:latest\n");
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].line, found[0].column), (1, 6));
        assert_eq!(
            count("FROM ghcr.io/org/tool:latest AS tool\nFROM alpine:3\n"),
            1
        );
        assert_eq!(count("ARG TAG=latest\nFROM nginx:$TAG\n"), 1);
    }

    #[test]
    fn accepts_pinned_images() {
        assert_eq!(count("FROM nginx:1.27\n"), 0);
        assert_eq!(count("FROM nginx:latest@sha256:0123abcd\n"), 0);
        assert_eq!(count("FROM nginx\n"), 0);
        assert_eq!(count("FROM localhost:5000/latest\n"), 0);
        assert_eq!(count("FROM scratch\n"), 0);
    }
}
