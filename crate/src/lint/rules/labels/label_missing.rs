use super::util::{label_pairs, unquote};
use crate::declare_rule;
use crate::lint::{Finding, LintContext, Rule, RuleMeta};
use crate::model::{Base, Stage};

declare_rule! {
    /// ## What it does
    /// With a `label-schema` configured, flags each label of the schema
    /// that the image does not set. Without a schema it does nothing.
    ///
    /// ## Why it matters
    /// Registries, scanners and deployment tools find an image's source,
    /// version and owner through its labels. A schema makes sure every
    /// image carries them.
    ///
    /// ## Example
    /// With `label-schema: {org.opencontainers.image.source: url}`:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.title=tool
    /// ```
    ///
    /// ## Fix
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.title=tool \
    ///       org.opencontainers.image.source=https://example.com/tool
    /// ```
    ///
    /// ## Differences from hadolint
    /// Only the final stage, the image, is checked, with the labels it
    /// inherits from the stages it is built on; hadolint also checks build
    /// stages that are neither copied from nor built on.
    pub struct LabelMissing {
        id: "label-missing",
        name: "Required label missing",
        aliases: &["DL3049"],
        severity: Info,
        category: Labels,
        fixable: false,
        enabled_by_default: true,
    }
}

/// Whether `stage`, or a stage it is built on, sets `label`.
fn sets(cx: &LintContext, stage: &Stage, label: &str) -> bool {
    label_pairs(cx)
        .any(|(i, pair)| stage.instructions.contains(&i) && unquote(&pair.key.value) == label)
        || match stage.base {
            Base::Stage { index } if index < stage.index => cx
                .model()
                .stages
                .get(index)
                .is_some_and(|parent| sets(cx, parent, label)),
            _ => false,
        }
}

impl Rule for LabelMissing {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        let Some(last) = cx.model().stages.last() else {
            return;
        };
        let Some(&from) = last.instructions.first() else {
            return;
        };
        for (label, _) in &cx.config.label_schema {
            if !sets(cx, last, label) {
                out.push(cx.finding(
                    &Self::META,
                    cx.document().instructions[from].keyword_span,
                    format!("label `{label}` is missing"),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::LabelMissing;
    use crate::lint::testing::{findings, findings_with};

    const SCHEMA: &str =
        "label-schema:\n  version: semver\n  \"org.opencontainers.image.source\": url\n";

    #[test]
    fn flags_schema_labels_the_image_lacks() {
        let text = "FROM alpine AS build\nLABEL version=1.0.0\nFROM alpine\nLABEL other=x\n";
        let found = findings_with(&LabelMissing, text, SCHEMA);
        assert_eq!(found.len(), 2);
        assert!(found.iter().all(|f| f.line == 3));
    }

    #[test]
    fn own_and_inherited_labels_count() {
        let text = "FROM alpine AS base\nLABEL version=1.0.0\nFROM base\nLABEL \"org.opencontainers.image.source\"=https://x\n";
        assert!(findings_with(&LabelMissing, text, SCHEMA).is_empty());
        assert!(findings(&LabelMissing, "FROM alpine\n").is_empty());
    }
}
