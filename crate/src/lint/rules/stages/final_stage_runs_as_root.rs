use super::util::{from_words, parse_image, stage_from};
use crate::declare_rule;
use crate::lint::{Finding, LintContext, Rule, RuleMeta};
use crate::model::{Base, Stage};
use crate::syntax::InstructionKind;

declare_rule! {
    /// ## What it does
    /// Flags a final stage with no `USER` instruction at all, in itself or in
    /// the stages it is built on, when its base image is not known to set an
    /// unprivileged user. Builder stages are not checked: only the final
    /// stage becomes the image that runs.
    ///
    /// ## Why it matters
    /// Most base images run as root unless told otherwise, so an image
    /// without `USER` runs its application as root. `root-user` catches an
    /// explicit `USER root`; this catches the more common forgotten `USER`.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM golang:1.23 AS build
    /// RUN go build -o /app .
    /// FROM debian:12-slim
    /// COPY --from=build /app /app
    /// ENTRYPOINT ["/app"]
    /// ```
    ///
    /// ## Fix
    /// ```dockerfile
    /// FROM debian:12-slim
    /// RUN useradd --system --uid 10001 app
    /// COPY --from=build /app /app
    /// USER app
    /// ENTRYPOINT ["/app"]
    /// ```
    ///
    /// Images known to run unprivileged are not reported: tags naming
    /// `nonroot` (`gcr.io/distroless/static:nonroot`) and Chainguard images.
    ///
    /// ## Differences from hadolint
    /// hadolint has no such check (its DL3002 needs an explicit `USER root`).
    pub struct FinalStageRunsAsRoot {
        id: "final-stage-runs-as-root",
        name: "Final stage never sets USER",
        aliases: &[],
        severity: Warning,
        category: Security,
        fixable: false,
        enabled_by_default: true,
    }
}

/// Base images known to set an unprivileged user.
fn runs_unprivileged(reference: &str) -> bool {
    // A base image whose config names a user other than root, as the
    // catalog records it (distroless `:nonroot` runs as 65532).
    if let crate::sim::catalog::ImageLookup::Known { image, .. } =
        crate::sim::catalog::Catalog::builtin_web().lookup_image(reference)
        && !matches!(
            image.config.user.split(':').next().unwrap_or(""),
            "" | "root" | "0"
        )
    {
        return true;
    }
    let image = parse_image(reference);
    let tag = image.tag.unwrap_or("");
    tag.contains("nonroot")
        || tag.contains("non-root")
        || tag.contains("rootless")
        || image.name.starts_with("cgr.dev/chainguard/")
}

/// Whether the stage has a USER of its own (an explicit root is
/// `root-user`'s business).
fn sets_user(cx: &LintContext, stage: &Stage) -> bool {
    stage
        .instructions
        .iter()
        .any(|&i| cx.document().instructions[i].kind == InstructionKind::User)
}

impl Rule for FinalStageRunsAsRoot {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        let stages = &cx.model().stages;
        let Some(last) = stages.last() else {
            return;
        };
        let mut stage = last;
        loop {
            if sets_user(cx, stage) {
                return;
            }
            match &stage.base {
                Base::Stage { index } if *index < stage.index => stage = &stages[*index],
                Base::Image { reference } if runs_unprivileged(reference) => return,
                Base::Image { .. } | Base::Scratch => break,
                _ => return,
            }
        }
        let ins = stage_from(cx, last);
        let span = from_words(ins).map_or(ins.span, |w| w[0].span);
        out.push(cx.finding(
            &Self::META,
            span,
            "final stage never sets USER, so it runs as root: add an unprivileged USER",
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::FinalStageRunsAsRoot;
    use crate::lint::testing::findings;

    fn count(text: &str) -> usize {
        findings(&FinalStageRunsAsRoot, text).len()
    }

    #[test]
    fn flags_final_stage_without_user() {
        let text = "FROM golang:1.23 AS build\nUSER gopher\nRUN go build -o /app .\nFROM debian:12-slim\nCOPY --from=build /app /app\nENTRYPOINT [\"/app\"]\n";
        let found = findings(&FinalStageRunsAsRoot, text);
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].line, found[0].column), (4, 6));
        assert_eq!(count("FROM python:3.12\nCMD [\"python\"]\n"), 1);
        assert_eq!(count("FROM scratch\nCOPY app /app\n"), 1);
        assert_eq!(count("FROM alpine:3 AS base\nFROM base\nRUN true\n"), 1);
    }

    #[test]
    fn accepts_user_and_unprivileged_bases() {
        assert_eq!(count("FROM node:22\nUSER node\n"), 0);
        assert_eq!(
            count("FROM golang:1.23 AS build\nFROM alpine:3\nUSER 10001\n"),
            0
        );
        assert_eq!(
            count("FROM alpine:3 AS base\nUSER app\nFROM base\nRUN true\n"),
            0
        );
        assert_eq!(
            count("FROM gcr.io/distroless/static:nonroot\nCOPY app /app\n"),
            0
        );
        assert_eq!(count("FROM cgr.dev/chainguard/static:latest\n"), 0);
        assert_eq!(count("ARG BASE\nFROM $BASE\n"), 0);
        assert_eq!(count("FROM alpine:3\nUSER root\n"), 0);
    }
}
