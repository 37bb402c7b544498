use std::collections::BTreeMap;

use super::util::at_line;
use crate::declare_rule;
use crate::lint::{Finding, LintContext, Rule, RuleMeta};
use crate::sim::human_bytes;

declare_rule! {
    /// ## What it does
    /// Flags an instruction that deletes files an earlier instruction of the
    /// image wrote (package lists, caches, downloaded archives), and says how
    /// many bytes stay in the image anyway.
    ///
    /// ## Why it matters
    /// Each instruction is a layer, and a layer only records changes: a
    /// deletion adds a whiteout marker on top and never shrinks the layer
    /// below. The bytes are still pulled, stored and counted in the image
    /// size. Only files created and deleted in the same RUN cost nothing.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:bookworm-slim
    /// RUN apt-get update && apt-get install -y --no-install-recommends curl
    /// RUN rm -rf /var/lib/apt/lists/*
    /// ```
    ///
    /// ## Fix
    /// ```dockerfile
    /// FROM debian:bookworm-slim
    /// RUN apt-get update \
    ///  && apt-get install -y --no-install-recommends curl \
    ///  && rm -rf /var/lib/apt/lists/*
    /// ```
    pub struct CleanupInLaterLayer {
        id: "cleanup-in-later-layer",
        name: "Files deleted in a later layer than the one that wrote them",
        aliases: &["LL1002"],
        severity: Warning,
        category: Performance,
        fixable: false,
        enabled_by_default: true,
    }
}

impl Rule for CleanupInLaterLayer {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        // deleting line -> (writing line -> (bytes, first path))
        let mut by_line: BTreeMap<usize, BTreeMap<usize, (u64, String)>> = BTreeMap::new();
        for w in &cx.simulation().metrics.waste {
            let (Some(added), Some(hidden)) = (w.added_line, w.hidden_line) else {
                continue;
            };
            if w.how != "deleted" || added == hidden {
                continue;
            }
            let e = by_line
                .entry(hidden)
                .or_default()
                .entry(added)
                .or_insert((0, w.path.clone()));
            e.0 += w.bytes;
        }
        for (line, sources) in by_line {
            let Some((_, ins)) = at_line(cx, line) else {
                continue;
            };
            let total: u64 = sources.values().map(|(b, _)| b).sum();
            let parts: Vec<String> = sources
                .iter()
                .map(|(l, (b, p))| format!("{} from line {l} (e.g. {p})", human_bytes(*b)))
                .collect();
            out.push(cx.finding(
                &Self::META,
                ins.span,
                format!(
                    "deletes files an earlier layer wrote: {} stay in the image ({}); delete them in the RUN that creates them",
                    human_bytes(total),
                    parts.join(", ")
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::CleanupInLaterLayer;
    use crate::lint::testing::findings;

    #[test]
    fn flags_cleanup_in_a_later_run() {
        let f = findings(
            &CleanupInLaterLayer,
            "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl\nRUN rm -rf /var/lib/apt/lists/*\n",
        );
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].line, 3);
        assert!(f[0].message.contains("MB from line 2"), "{}", f[0].message);
    }

    #[test]
    fn accepts_cleanup_in_the_same_run_and_in_builder_stages() {
        for text in [
            "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n",
            "FROM debian:bookworm-slim AS build\nRUN apt-get update\nRUN rm -rf /var/lib/apt/lists/*\nFROM scratch\nCOPY --from=build /etc/passwd /etc/passwd\n",
            "FROM alpine:3.24\nRUN echo hi > /tmp/x\n",
        ] {
            assert!(findings(&CleanupInLaterLayer, text).is_empty(), "{text}");
        }
    }
}
