use super::util::{cache_mount, deletes_dir, has_effect, stage_is_image};
use crate::declare_rule;
use crate::lint::{Finding, LintContext, Rule, RuleMeta};
use crate::shell::models::{Effect, Manager};

declare_rule! {
    /// ## What it does
    /// Flags a RUN that runs `apt-get update` but does not delete
    /// `/var/lib/apt/lists` in the same RUN.
    ///
    /// ## Why it matters
    /// The package lists weigh tens of MiB and are useless once the
    /// packages are installed. Deleted in a later RUN, they stay in the
    /// earlier layer and in the image.
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN apt-get update && apt-get install -y --no-install-recommends curl
    /// ```
    ///
    /// ## Fix
    /// ```dockerfile
    /// RUN apt-get update && apt-get install -y --no-install-recommends curl \
    ///  && rm -rf /var/lib/apt/lists/*
    /// ```
    /// A cache or tmpfs mount on the lists (or on `/var/lib/apt`) keeps them
    /// out of the layer too:
    /// `RUN --mount=type=cache,target=/var/lib/apt/lists apt-get update && ...`.
    /// Stages only copied from (`COPY --from`) are not checked: their layers
    /// are not in the image.
    ///
    /// ## Differences from hadolint
    /// The update may come from a heredoc body (hadolint does not look
    /// inside heredocs), `sh -c`, or `apt-get install --update`. A tmpfs
    /// mount counts like a cache mount.
    ///
    /// `apt-get dist-clean` counts as cleanup. Since apt 2.7 (Debian
    /// trixie, Ubuntu 24.04) `apt-get dist-clean` deletes the lists along
    /// with the package cache; hadolint only knows `rm -rf
    /// /var/lib/apt/lists/*` and flags, as in the official python and php
    /// images:
    /// ```dockerfile
    /// RUN apt-get update; apt-get install -y --no-install-recommends netbase; apt-get dist-clean
    /// ```
    pub struct AptLists {
        id: "apt-lists-not-deleted",
        name: "apt lists not deleted after apt-get update",
        aliases: &["DL3009"],
        severity: Info,
        category: Packages,
        fixable: false,
        enabled_by_default: true,
    }
}

/// `apt-get dist-clean` (apt 2.7+) also deletes the lists.
fn dist_clean(run: &crate::model::RunAnalysis) -> bool {
    run.commands.iter().any(|c| {
        c.model.effects.iter().any(|e| {
            matches!(
                e,
                Effect::CacheClean {
                    manager: Manager::Apt
                }
            )
        }) && matches!(
            c.model.subcommand.as_deref(),
            Some("dist-clean" | "distclean")
        )
    })
}

impl Rule for AptLists {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        for (run, inst) in cx.runs() {
            let updates = has_effect(run, |e| {
                matches!(
                    e,
                    Effect::IndexUpdate {
                        manager: Manager::Apt
                    }
                )
            });
            if !updates
                || deletes_dir(run, "/var/lib/apt/lists")
                || dist_clean(run)
                || cache_mount(inst, &["/var/lib/apt/lists"])
                || !stage_is_image(cx, run.instruction)
            {
                continue;
            }
            out.push(cx.finding(
                &Self::META,
                inst.span,
                "apt-get update without `rm -rf /var/lib/apt/lists/*` in the same RUN leaves the package lists in the image",
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::AptLists;
    use crate::lint::testing::findings;

    #[test]
    fn flags_update_without_cleanup() {
        for text in [
            "FROM debian\nRUN apt-get update && apt-get install -y curl\n",
            "FROM debian\nRUN apt update\n",
            "FROM debian\nRUN apt-get update && apt-get install -y curl && apt-get clean\n",
            "FROM debian:trixie\nRUN apt-get install --update -y curl\n",
            "FROM debian\nRUN <<EOF\napt-get update\napt-get install -y curl\nEOF\n",
            "FROM debian\nRUN apt-get update && apt-get install -y curl\nRUN rm -rf /var/lib/apt/lists/*\n",
            "FROM debian\nRUN --mount=type=cache,target=/var/cache/apt apt-get update\n",
        ] {
            assert_eq!(findings(&AptLists, text).len(), 1, "{text}");
        }
    }

    #[test]
    fn accepts_cleanup_mounts_and_copied_stages() {
        for text in [
            "FROM debian\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n",
            "FROM debian\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists\n",
            "FROM debian\nRUN --mount=type=cache,target=/var/lib/apt/lists apt-get update && apt-get install -y curl\n",
            "FROM debian\nRUN --mount=type=cache,target=/var/lib/apt,sharing=locked apt-get update\n",
            "FROM debian\nRUN --mount=type=tmpfs,target=/var/lib/apt/lists apt-get update\n",
            "FROM debian AS build\nRUN apt-get update && apt-get install -y gcc\nFROM scratch\nCOPY --from=build /x /x\n",
            "FROM debian\nRUN apt-get install -y ./x.deb\n",
            "FROM debian:trixie\nRUN set -eux; apt-get install --update -y curl; apt-get dist-clean\n",
        ] {
            assert!(findings(&AptLists, text).is_empty(), "{text}");
        }
    }
}
