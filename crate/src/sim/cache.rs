//! The build cache: which steps of a rebuild hit and which run again.
//!
//! Two builds are simulated, before and after the change; a step of the
//! second hits when its key is among the keys of the first, which is
//! BuildKit's rule (the key folds in the parent's key, the command, ENV and
//! in-scope ARG values, WORKDIR, USER and mounts for RUN, the content of
//! the selected sources for COPY/ADD; config-only instructions pass their
//! parent's key on). A miss is explained by the first input that differs.

use std::collections::HashSet;

use serde::Serialize;

use super::engine::BuildSim;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CacheState {
    Hit,
    Rebuild,
    /// In a stage the target does not need: BuildKit does not build it.
    Skipped,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CacheStatus {
    pub state: CacheState,
    /// Why the step runs again.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// Per stage, per step (FROM first), the cache outcome of `after` given
/// that `before` was built.
pub fn compare(before: &BuildSim, after: &BuildSim) -> Vec<Vec<CacheStatus>> {
    let keys: HashSet<u64> = before
        .stages
        .iter()
        .filter(|s| s.reachable)
        .flat_map(|s| std::iter::once(s.from_key).chain(s.steps.iter().map(|st| st.key)))
        .collect();
    after
        .stages
        .iter()
        .enumerate()
        .map(|(si, stage)| {
            let prev = before.stages.get(si);
            let mut out = Vec::with_capacity(stage.steps.len() + 1);
            if !stage.reachable {
                out.resize(
                    stage.steps.len() + 1,
                    CacheStatus {
                        state: CacheState::Skipped,
                        reason: Some("not needed by the target stage".into()),
                    },
                );
                return out;
            }
            let from_hit = keys.contains(&stage.from_key);
            out.push(CacheStatus {
                state: if from_hit {
                    CacheState::Hit
                } else {
                    CacheState::Rebuild
                },
                reason: (!from_hit).then(|| "the base changed".to_string()),
            });
            for (i, step) in stage.steps.iter().enumerate() {
                if !step.layer {
                    // No cache vertex: nothing runs. An edit changes only
                    // the image config (and, for ENV/ARG/USER/WORKDIR, the
                    // keys of later steps, which then miss themselves).
                    out.push(CacheStatus {
                        state: CacheState::Hit,
                        reason: None,
                    });
                    continue;
                }
                let hit = keys.contains(&step.key);
                let reason = (!hit).then(|| {
                    let old = prev.and_then(|p| p.steps.get(i));
                    let first = old.and_then(|o| {
                        step.inputs
                            .iter()
                            .find(|(name, value)| {
                                o.inputs.iter().find(|(n, _)| n == name).map(|(_, v)| v)
                                    != Some(value)
                            })
                            .map(|(name, _)| name.as_str())
                    });
                    match first {
                        Some("parent step") => "an earlier step runs again".to_string(),
                        Some("command") | Some("edit") => "the instruction changed".to_string(),
                        Some("source content") => "the files it copies changed".to_string(),
                        Some(other) => format!("{other} changed"),
                        None => "new step".to_string(),
                    }
                });
                out.push(CacheStatus {
                    state: if hit {
                        CacheState::Hit
                    } else {
                        CacheState::Rebuild
                    },
                    reason,
                });
            }
            out
        })
        .collect()
}
