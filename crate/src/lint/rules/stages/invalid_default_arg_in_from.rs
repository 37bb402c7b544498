use super::util::{from_words, parse_image, stage_from};
use crate::declare_rule;
use crate::lint::{Finding, LintContext, Rule, RuleMeta};
use crate::model::Base;

declare_rule! {
    /// ## What it does
    /// Flags a `FROM` that uses global ARGs whose default values give an
    /// empty or invalid image name.
    ///
    /// ## Why it matters
    /// The file then only builds when every such ARG is passed with
    /// `--build-arg`; a plain `docker build` fails with a confusing error.
    /// Give the ARG a working default.
    ///
    /// ## Example
    /// ```dockerfile
    /// ARG TAG
    /// FROM alpine:${TAG}
    /// ```
    ///
    /// ## Fix
    /// ```dockerfile
    /// ARG TAG=3.20
    /// FROM alpine:${TAG}
    /// ```
    pub struct InvalidDefaultArgInFrom {
        id: "invalid-default-arg-in-from",
        name: "ARG defaults give an invalid base image",
        aliases: &["InvalidDefaultArgInFrom"],
        severity: Warning,
        category: BaseImage,
        fixable: false,
        enabled_by_default: true,
    }
}

fn is_tag(tag: &str) -> bool {
    let mut chars = tag.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
        && tag.len() <= 128
}

/// Whether `reference` is a well-formed image reference.
fn is_valid(reference: &str) -> bool {
    if reference.is_empty() || reference.contains(char::is_whitespace) {
        return false;
    }
    let image = parse_image(reference);
    let mut parts: Vec<&str> = image.name.split('/').collect();
    if parts.len() > 1 {
        let host = parts[0];
        if host.contains(['.', ':']) || host == "localhost" || host != host.to_lowercase() {
            parts.remove(0);
        }
    }
    let path_ok = parts.iter().all(|p| {
        !p.is_empty()
            && p.chars().all(|c| {
                c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-')
            })
            && p.starts_with(|c: char| c.is_ascii_alphanumeric())
    });
    path_ok && image.tag.is_none_or(is_tag) && image.digest.is_none_or(|d| d.contains(':'))
}

impl Rule for InvalidDefaultArgInFrom {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        for stage in &cx.model().stages {
            let ins = stage_from(cx, stage);
            let Some(words) = from_words(ins) else {
                continue;
            };
            if !words[0].value.contains('$') {
                continue;
            }
            let shown = match &stage.base {
                Base::Unresolved { .. } => "an empty name".to_owned(),
                Base::Image { reference } if !is_valid(reference) => format!("`{reference}`"),
                _ => continue,
            };
            out.push(cx.finding(
                &Self::META,
                words[0].span,
                format!(
                    "with the ARG defaults `{}` gives {shown}: give the ARG a working default",
                    words[0].value
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::InvalidDefaultArgInFrom;
    use crate::lint::testing::findings;

    fn count(text: &str) -> usize {
        findings(&InvalidDefaultArgInFrom, text).len()
    }

    #[test]
    fn flags_bad_defaults() {
        let found = findings(&InvalidDefaultArgInFrom, "ARG TAG\nFROM alpine:${TAG}\n");
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].line, found[0].column), (2, 6));
        assert_eq!(count("ARG IMAGE\nFROM $IMAGE\n"), 1);
        assert_eq!(count("ARG REPO=org/App\nFROM ${REPO}:1\n"), 1);
        assert_eq!(count("ARG REG\nFROM ${REG}/app:1\n"), 1);
        assert_eq!(count("ARG IMAGE=ghcr.io/Org-X/app:1.0\nFROM $IMAGE\n"), 1);
        assert_eq!(count("ARG T=1.0+x\nFROM app:$T\n"), 1);
    }

    #[test]
    fn accepts_good_defaults() {
        assert_eq!(count("ARG TAG=3.20\nFROM alpine:${TAG}\n"), 0);
        assert_eq!(count("ARG REG=localhost:5000\nFROM $REG/app:1\n"), 0);
        assert_eq!(count("FROM alpine:3\nFROM alpine\n"), 0);
        assert_eq!(
            count("ARG V=1.23\nFROM golang:${V}-alpine AS build\nFROM build\n"),
            0
        );
    }
}
