//! The simulation as one serialisable value: what `layerlab sim --format
//! json` prints and what the playground renders.

use serde::Serialize;

use super::cache::{CacheState, CacheStatus};
use super::metrics::{Largest, Waste};
use super::vfs::{Change, Kind};
use super::{Simulation, image_chain};
use crate::report::Report;

#[derive(Debug, Clone, Serialize)]
pub struct SimReport {
    /// Target stage's image: Σ layer sizes, unpacked (`docker images`).
    pub final_size_bytes: u64,
    /// The same, compressed (what a registry stores and a first pull moves).
    pub final_compressed_bytes: u64,
    /// Bytes stored in the image but hidden by later layers.
    pub wasted_bytes: u64,
    /// dive's "wasted bytes" (counts every copy; see `docs/simulation.md`).
    pub dive_wasted_bytes: u64,
    /// dive's efficiency score, 0..1.
    pub efficiency: f64,
    pub target: String,
    /// True when any figure in the image rests on an assumption.
    pub estimate: bool,
    pub stages: Vec<StageReport>,
    pub cache: CacheReport,
    pub context: ContextReport,
    pub largest_files: Vec<Largest>,
    pub waste: Vec<Waste>,
    pub problems: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct StageReport {
    pub index: usize,
    pub name: Option<String>,
    pub line: usize,
    pub base: BaseReport,
    /// Built at all (reachable from the target).
    pub built: bool,
    /// Its layers are part of the target's image.
    pub in_final_image: bool,
    /// The earlier stages it reads (`FROM`, `COPY --from`, `RUN --mount
    /// from=`): the edges of the stage graph.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub uses: Vec<StageUse>,
    pub steps: Vec<StepReport>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StageUse {
    pub stage: usize,
    /// `from`, `copy` or `mount`.
    pub how: &'static str,
    pub line: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct BaseReport {
    pub reference: String,
    pub known: bool,
    pub size_bytes: u64,
    pub compressed_bytes: u64,
    pub layers: Vec<BaseLayerReport>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BaseLayerReport {
    pub created_by: String,
    pub size_bytes: u64,
    pub compressed_bytes: u64,
    /// The unpacked size is apportioned from the image total.
    pub estimate: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct StepReport {
    pub line: usize,
    pub end_line: usize,
    pub keyword: String,
    pub instruction: String,
    /// False for config-only instructions (no filesystem layer).
    pub layer: bool,
    /// Unpacked bytes, as `docker history` shows.
    pub size_bytes: u64,
    /// Estimated gzip bytes of the layer blob.
    pub compressed_bytes: u64,
    /// `hit`, `rebuild` or `skipped` under the given changes.
    pub cache: CacheState,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cache_reason: Option<String>,
    /// True where a size rests on an assumption.
    pub estimate: bool,
    /// Estimated seconds to run it (see the time model).
    pub seconds: f64,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    pub added: usize,
    pub modified: usize,
    pub removed: usize,
    /// The changeset (paths sorted).
    pub changes: Vec<ChangeReport>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ChangeReport {
    pub path: String,
    /// `added`, `modified`, `removed` or `opaque`.
    pub change: &'static str,
    /// `file`, `dir`, `symlink`, `bundle` (many files sized as one) or
    /// `whiteout` (a removal marker; `hidden_bytes` is what it hides).
    pub kind: &'static str,
    pub size_bytes: u64,
    /// For a whiteout or opaque directory: bytes of lower layers it hides
    /// (they stay in the image).
    #[serde(skip_serializing_if = "is_zero")]
    pub hidden_bytes: u64,
    pub estimate: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

#[derive(Debug, Clone, Serialize)]
pub struct CacheReport {
    /// The changes simulated, as sentences.
    pub changes: Vec<String>,
    pub steps_total: usize,
    pub steps_rebuilt: usize,
    /// Unpacked bytes of the layers that are built again.
    pub bytes_rebuilt: u64,
    /// Estimated seconds for the rebuild (an estimate from the time model).
    pub rebuild_seconds: f64,
    /// Compressed bytes a `docker pull` of the new image fetches when the
    /// old one is present: the layers whose content changed.
    pub pull_bytes: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct ContextReport {
    /// True when the files were inferred from the COPY sources.
    pub inferred: bool,
    pub total_bytes: u64,
    pub files: Vec<ContextFileReport>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ContextFileReport {
    pub path: String,
    pub size_bytes: u64,
    pub assumed: bool,
}

impl SimReport {
    pub fn new(report: &Report, sim: &Simulation, options: &super::SimOptions) -> SimReport {
        let build = &sim.build;
        let chain = image_chain(build);
        let mut stages = Vec::new();
        let mut steps_total = 0;
        let mut steps_rebuilt = 0;
        let mut bytes_rebuilt = 0;
        let mut rebuild_seconds = 0.0;
        let mut pull_bytes = 0;
        let mut estimate = false;
        for (si, stage) in build.stages.iter().enumerate() {
            let in_final = chain.contains(&si);
            let cache = &sim.cache[si];
            let from_ins = &report.document.instructions[report.model.stages[si].instructions[0]];
            let base = match &stage.base {
                Some(b) if stage.parent.is_none() => BaseReport {
                    reference: b.reference.clone(),
                    known: b.known,
                    size_bytes: b.size(),
                    compressed_bytes: b.compressed(),
                    layers: b
                        .layers
                        .iter()
                        .map(|l| BaseLayerReport {
                            created_by: l.created_by.clone(),
                            size_bytes: l.size,
                            compressed_bytes: l.compressed,
                            estimate: l.estimate,
                        })
                        .collect(),
                    note: b.note.clone(),
                    source: b.source.clone(),
                },
                _ => BaseReport {
                    reference: stage.base_label.clone(),
                    known: true,
                    size_bytes: 0,
                    compressed_bytes: 0,
                    layers: Vec::new(),
                    note: Some(format!("built on stage {}", stage.base_label)),
                    source: None,
                },
            };
            if in_final && stage.parent.is_none() {
                estimate |= !base.known && !base.layers.is_empty();
                if cache[0].state == CacheState::Rebuild {
                    pull_bytes += base.compressed_bytes;
                }
            }
            let from_cache = &cache[0];
            let mut steps = vec![StepReport {
                line: from_ins.start_line,
                end_line: from_ins.end_line,
                keyword: "FROM".into(),
                instruction: from_ins.original.lines().next().unwrap_or("").to_string(),
                layer: false,
                size_bytes: 0,
                compressed_bytes: 0,
                cache: from_cache.state,
                cache_reason: from_cache.reason.clone(),
                estimate: !base.known,
                seconds: 0.0,
                notes: base.note.clone().into_iter().collect(),
                added: 0,
                modified: 0,
                removed: 0,
                changes: Vec::new(),
            }];
            for (step, status) in stage.steps.iter().zip(&cache[1..]) {
                let CacheStatus { state, reason } = status.clone();
                if stage.reachable && step.layer {
                    steps_total += 1;
                    if state == CacheState::Rebuild {
                        steps_rebuilt += 1;
                        bytes_rebuilt += step.size;
                        rebuild_seconds += step.seconds;
                        if in_final {
                            pull_bytes += step.compressed;
                        }
                    }
                }
                if in_final {
                    estimate |= step.estimate;
                }
                let (added, modified, removed) = step.changes.counts();
                steps.push(StepReport {
                    line: step.line,
                    end_line: step.end_line,
                    keyword: step.keyword.clone(),
                    instruction: step.text.clone(),
                    layer: step.layer,
                    size_bytes: step.size,
                    compressed_bytes: if step.layer { step.compressed } else { 0 },
                    cache: state,
                    cache_reason: reason,
                    estimate: step.estimate,
                    seconds: (step.seconds * 10.0).round() / 10.0,
                    notes: step.notes.clone(),
                    added,
                    modified,
                    removed,
                    changes: step
                        .changes
                        .changes
                        .iter()
                        .map(|(path, c)| change_report(path, c))
                        .collect(),
                });
            }
            stages.push(StageReport {
                index: si,
                name: stage.name.clone(),
                line: stage.line,
                base,
                built: stage.reachable,
                in_final_image: in_final,
                uses: super::engine::stage_uses(report, si)
                    .into_iter()
                    .map(|(stage, how, line)| StageUse { stage, how, line })
                    .collect(),
                steps,
            });
        }
        let mut changes: Vec<String> = options
            .changed_files
            .iter()
            .map(|f| format!("context file {f} edited"))
            .collect();
        changes.extend(
            options
                .edited_lines
                .iter()
                .map(|l| format!("instruction at line {l} edited")),
        );
        if options.base_updated {
            changes.push("base images updated".into());
        }
        let m = &sim.metrics;
        SimReport {
            final_size_bytes: m.size_bytes,
            final_compressed_bytes: m.compressed_bytes,
            wasted_bytes: m.wasted_bytes,
            dive_wasted_bytes: m.dive_wasted_bytes,
            efficiency: (m.efficiency * 10_000.0).round() / 10_000.0,
            target: build
                .stages
                .get(build.target)
                .map_or_else(String::new, |s| {
                    s.name
                        .clone()
                        .unwrap_or_else(|| format!("stage {}", s.index))
                }),
            estimate,
            stages,
            cache: CacheReport {
                changes,
                steps_total,
                steps_rebuilt,
                bytes_rebuilt,
                rebuild_seconds: (rebuild_seconds * 10.0).round() / 10.0,
                pull_bytes,
            },
            context: ContextReport {
                inferred: sim.context_inferred,
                total_bytes: sim.context.total_size(),
                files: sim
                    .context
                    .files
                    .values()
                    .map(|f| ContextFileReport {
                        path: f.path.clone(),
                        size_bytes: f.size,
                        assumed: f.assumed,
                    })
                    .collect(),
            },
            largest_files: m.largest.clone(),
            waste: m.waste.iter().take(50).cloned().collect(),
            problems: sim.problems.clone(),
        }
    }
}

fn change_report(path: &str, c: &Change) -> ChangeReport {
    let (change, entry, hidden) = match c {
        Change::Added(e) => ("added", Some(e), 0),
        Change::Modified(e) => ("modified", Some(e), 0),
        Change::Opaque { entry, hidden } => ("opaque", Some(entry), *hidden),
        Change::Removed { hidden } => ("removed", None, *hidden),
    };
    ChangeReport {
        path: path.to_string(),
        change,
        kind: match entry.map(|e| &e.kind) {
            Some(Kind::File) => "file",
            Some(Kind::Dir) => "dir",
            Some(Kind::Symlink(_)) => "symlink",
            Some(Kind::Bundle) => "bundle",
            None => "whiteout",
        },
        size_bytes: entry.map_or(0, |e| e.size),
        hidden_bytes: hidden,
        estimate: entry.is_some_and(|e| e.estimate),
        note: entry.and_then(|e| e.note.as_deref().map(str::to_string)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::analyze;
    use crate::sim::catalog::Catalog;
    use crate::sim::{BuildSim, SimOptions, simulate};

    const MULTI: &str = "FROM alpine:3.20 AS deps\nRUN echo hi > /x\n\
        FROM alpine:3.20 AS unused\n\
        FROM deps AS build\nRUN --mount=type=bind,from=deps,target=/d cat /d/x\n\
        FROM scratch\nCOPY --from=build /x /x\nCOPY app.py /app/\n";

    #[test]
    fn stage_uses_are_the_graph_edges() {
        let report = analyze(MULTI);
        let options = SimOptions::default();
        let sim = simulate(&report, Catalog::builtin_web(), &options);
        let r = SimReport::new(&report, &sim, &options);
        let uses: Vec<Vec<(usize, &str, usize)>> = r
            .stages
            .iter()
            .map(|s| s.uses.iter().map(|u| (u.stage, u.how, u.line)).collect())
            .collect();
        assert_eq!(
            uses,
            vec![
                vec![],
                vec![],
                vec![(0, "from", 4), (0, "mount", 5)],
                vec![(2, "copy", 7)],
            ]
        );
        assert!(!r.stages[1].built);
    }

    #[test]
    fn inferred_context_is_what_simulate_infers() {
        let report = analyze(MULTI);
        let inferred = BuildSim::inferred_context(&report);
        assert!(inferred.get("app.py").is_some_and(|f| f.assumed));
        let sim = simulate(&report, Catalog::builtin_web(), &SimOptions::default());
        assert!(sim.context_inferred);
        assert_eq!(sim.context, inferred);
    }
}
