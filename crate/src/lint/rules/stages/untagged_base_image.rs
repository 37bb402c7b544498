use super::util::{from_words, parse_image, stage_from};
use crate::declare_rule;
use crate::lint::{Finding, LintContext, Rule, RuleMeta};
use crate::model::Base;

declare_rule! {
    /// ## What it does
    /// Flags a `FROM` whose image has neither a tag nor a digest.
    ///
    /// ## Why it matters
    /// An untagged image means `:latest`, which changes under you: the same
    /// Dockerfile builds something different next month, and a rebuild can
    /// break with no change on your side.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian
    /// ```
    ///
    /// ## Fix
    /// ```dockerfile
    /// FROM debian:12-slim
    /// ```
    ///
    /// ## Differences from hadolint
    /// The image is checked after ARG substitution: `ARG IMAGE=node:22` then
    /// `FROM $IMAGE` is fine, while `ARG IMAGE=node` then `FROM $IMAGE` is a
    /// finding. An image that cannot be resolved (an ARG with no default) is
    /// not reported. A registry port is not taken for a tag:
    /// `FROM localhost:5000/app` is a finding.
    ///
    /// A variable name that selects a stage is a stage. hadolint
    /// compares the unsubstituted text with the stage names, so it flags
    /// the stage switch BuildKit's own Dockerfiles use:
    /// ```dockerfile
    /// ARG FROM_SOURCE=false
    /// FROM scratch AS binary-false
    /// FROM scratch AS binary-true
    /// FROM binary-${FROM_SOURCE} AS binary
    /// ```
    /// Here `binary-${FROM_SOURCE}` is the stage `binary-false` (or, with
    /// `--build-arg FROM_SOURCE=true`, `binary-true`): nothing is pulled.
    pub struct UntaggedBaseImage {
        id: "untagged-base-image",
        name: "Base image has no tag",
        aliases: &["DL3006"],
        severity: Warning,
        category: BaseImage,
        fixable: false,
        enabled_by_default: true,
    }
}

impl Rule for UntaggedBaseImage {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        for stage in &cx.model().stages {
            let Base::Image { reference } = &stage.base else {
                continue;
            };
            let image = parse_image(reference);
            if image.tag.is_some() || image.digest.is_some() {
                continue;
            }
            let ins = stage_from(cx, stage);
            let Some(words) = from_words(ins) else {
                continue;
            };
            out.push(cx.finding(
                &Self::META,
                words[0].span,
                format!("base image `{reference}` has no tag: pin a version"),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::UntaggedBaseImage;
    use crate::lint::testing::findings;

    fn count(text: &str) -> usize {
        findings(&UntaggedBaseImage, text).len()
    }

    #[test]
    fn flags_untagged_images() {
        let found = findings(&UntaggedBaseImage, "FROM debian\nRUN true\n");
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].line, found[0].column), (1, 6));
        assert!(found[0].message.contains("debian"));
        assert_eq!(count("FROM localhost:5000/team/app AS build\n"), 1);
        assert_eq!(count("ARG IMAGE=node\nFROM $IMAGE\n"), 1);
        assert_eq!(count("FROM --platform=$BUILDPLATFORM golang AS b\n"), 1);
    }

    #[test]
    fn accepts_tags_digests_stages_and_scratch() {
        assert_eq!(count("FROM debian:12-slim\n"), 0);
        assert_eq!(count("FROM alpine@sha256:0123abcd\n"), 0);
        assert_eq!(count("FROM ghcr.io/org/app:1.2 AS base\nFROM base\n"), 0);
        assert_eq!(count("FROM scratch\nCOPY a /a\n"), 0);
        assert_eq!(count("ARG IMAGE=node:22\nFROM ${IMAGE}\n"), 0);
        assert_eq!(count("ARG IMAGE\nFROM $IMAGE\n"), 0);
        assert_eq!(count("FROM golang:1.23 AS Build\nFROM build\n"), 0);
        // A variable that selects a stage (hadolint flags it).
        assert_eq!(
            count(
                "ARG FROM_SOURCE=false\nFROM scratch AS binary-false\n\
                 FROM scratch AS binary-true\nFROM binary-${FROM_SOURCE} AS binary\n"
            ),
            0
        );
    }
}
