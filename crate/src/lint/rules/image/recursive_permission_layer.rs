use std::collections::BTreeMap;

use super::util::at_line;
use crate::declare_rule;
use crate::lint::{Finding, LintContext, Rule, RuleMeta};
use crate::shell::models::Effect;
use crate::sim::human_bytes;

declare_rule! {
    /// ## What it does
    /// Flags a `chown -R` or `chmod -R` that changes files an earlier layer
    /// wrote, and says how many bytes it duplicates.
    ///
    /// ## Why it matters
    /// Changing the owner or mode of a file from a lower layer copies the
    /// whole file into the new layer (overlayfs copy-up); the old copy stays
    /// below. A recursive `chown` of an application directory in its own RUN
    /// therefore stores the directory twice.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:22-slim
    /// COPY . /app
    /// RUN chown -R node:node /app
    /// ```
    ///
    /// ## Fix
    /// ```dockerfile
    /// FROM node:22-slim
    /// COPY --chown=node:node . /app
    /// ```
    pub struct RecursivePermissionLayer {
        id: "recursive-permission-layer",
        name: "Recursive chown/chmod duplicating files of an earlier layer",
        aliases: &["LL1003"],
        severity: Warning,
        category: Performance,
        fixable: false,
        enabled_by_default: true,
    }
}

/// Whether the RUN at `index` changes ownership or modes recursively.
fn recursive_attributes(cx: &LintContext, index: usize) -> Option<&'static str> {
    cx.report.run(index)?.commands.iter().find_map(|c| {
        c.model.effects.iter().find_map(|e| match e {
            Effect::Chown {
                recursive: true, ..
            } => Some("chown -R"),
            Effect::Chmod {
                recursive: true, ..
            } => Some("chmod -R"),
            _ => None,
        })
    })
}

impl Rule for RecursivePermissionLayer {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        let mut by_line: BTreeMap<usize, (u64, Vec<usize>)> = BTreeMap::new();
        for w in &cx.simulation().metrics.waste {
            let (Some(hidden), "overwritten") = (w.hidden_line, w.how) else {
                continue;
            };
            if w.added_line == Some(hidden) {
                continue;
            }
            let e = by_line.entry(hidden).or_default();
            e.0 += w.bytes;
            if let Some(l) = w.added_line
                && !e.1.contains(&l)
            {
                e.1.push(l);
            }
        }
        for (line, (bytes, mut from)) in by_line {
            let Some((i, ins)) = at_line(cx, line) else {
                continue;
            };
            let Some(cmd) = recursive_attributes(cx, i) else {
                continue;
            };
            from.sort_unstable();
            let from = if from.is_empty() {
                "the base image".to_string()
            } else {
                format!(
                    "line {}",
                    from.iter()
                        .map(usize::to_string)
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            };
            out.push(cx.finding(
                &Self::META,
                ins.span,
                format!(
                    "`{cmd}` copies {} of files from {from} into a new layer, so the image holds them twice: set ownership when copying (`COPY --chown`) or in the RUN that creates them",
                    human_bytes(bytes)
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RecursivePermissionLayer;
    use crate::lint::testing::findings;

    #[test]
    fn flags_chown_of_an_earlier_layer() {
        let f = findings(
            &RecursivePermissionLayer,
            "FROM node:22-bookworm-slim\nCOPY . /app\nRUN chown -R node:node /app\n",
        );
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].message.contains("from line 2"), "{}", f[0].message);
    }

    #[test]
    fn accepts_copy_chown_and_same_run() {
        for text in [
            "FROM node:22-bookworm-slim\nCOPY --chown=node:node . /app\n",
            "FROM node:22-bookworm-slim\nRUN mkdir /data && echo x > /data/f && chown -R node /data\n",
            "FROM node:22-bookworm-slim\nRUN chown -R node /does-not-exist\n",
        ] {
            assert!(
                findings(&RecursivePermissionLayer, text).is_empty(),
                "{text}"
            );
        }
    }
}
