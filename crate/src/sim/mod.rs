//! Simulation of what each Dockerfile instruction puts into the image, and
//! of what a change costs to rebuild and pull.
//!
//! - [`catalog`]: the real-world size data (base images from
//!   docker-library/repo-info, Debian packages from Debian's archive).
//! - [`context`]: the build context and `.dockerignore`.
//! - [`vfs`]: overlay semantics (changesets, whiteouts, copy-up).
//! - `base`, `effects`, `copy`, `engine`: a stage from its base image,
//!   instruction by instruction.
//! - `cache`: BuildKit's cache keys and which steps a change rebuilds.
//! - [`metrics`]: sizes, dive's efficiency and wasted bytes (and ours).
//!
//! Every size is either read from data or marked as an estimate with the
//! assumption behind it (`assume`).

pub mod assume;
mod base;
pub mod cache;
pub mod catalog;
pub mod context;
mod copy;
mod effects;
mod engine;
pub mod hash;
pub mod metrics;
mod report;
pub mod vfs;

use std::collections::BTreeMap;

pub use base::{BaseImage, BaseLayer, Family};
pub use cache::{CacheState, CacheStatus};
pub use engine::{BuildSim, StageSim, StepSim};
pub use metrics::Metrics;
pub use report::{BaseReport, CacheReport, SimReport, StageReport, StepReport};

use self::catalog::Catalog;
use self::context::BuildContext;
use self::engine::Salt;
use crate::report::Report;

/// What the user tells the simulator about the build and the change.
#[derive(Debug, Clone, Default)]
pub struct SimOptions {
    /// `--target`: the stage whose image is built (default: the last).
    pub target: Option<String>,
    /// The build context; `None` infers one from the COPY/ADD sources.
    pub context: Option<BuildContext>,
    /// Context files edited since the previous build.
    pub changed_files: Vec<String>,
    /// Lines whose instruction was edited since the previous build.
    pub edited_lines: Vec<usize>,
    /// The base images' tags now point at new builds.
    pub base_updated: bool,
    /// Sizes the user set for downloads, by URL.
    pub download_sizes: BTreeMap<String, u64>,
    /// Sizes the user set for base images the catalog does not know.
    pub unknown_image_sizes: BTreeMap<String, u64>,
}

/// The result: the build after the change, and how it compares.
#[derive(Debug, Clone)]
pub struct Simulation {
    pub build: BuildSim,
    /// Per stage, per step (FROM first).
    pub cache: Vec<Vec<CacheStatus>>,
    pub context: BuildContext,
    /// True when the context was inferred from the COPY sources.
    pub context_inferred: bool,
    pub metrics: Metrics,
    /// Problems with the request (an unknown `--target`, a changed file
    /// that is not in the context).
    pub problems: Vec<String>,
}

/// Simulates the build of `report` and the rebuild after the changes in
/// `options` (files edited, lines edited, base images updated).
pub fn simulate(report: &Report, catalog: &Catalog, options: &SimOptions) -> Simulation {
    simulate_inner(report, report, catalog, options)
}

/// Like [`simulate`], with `previous` as the Dockerfile of the last build:
/// the cache outcome says what editing it into `report` rebuilds.
pub fn simulate_since(
    previous: &Report,
    report: &Report,
    catalog: &Catalog,
    options: &SimOptions,
) -> Simulation {
    simulate_inner(previous, report, catalog, options)
}

fn target_of(report: &Report, target: Option<&str>, problems: &mut Vec<String>) -> usize {
    let stages = &report.model.stages;
    match target {
        Some(t) => {
            let lower = t.to_ascii_lowercase();
            match stages
                .iter()
                .position(|s| s.name.as_deref() == Some(lower.as_str()))
            {
                Some(i) => i,
                None => {
                    problems.push(format!("no stage named {t}; building the last stage"));
                    stages.len().saturating_sub(1)
                }
            }
        }
        None => stages.len().saturating_sub(1),
    }
}

fn simulate_inner(
    previous: &Report,
    report: &Report,
    catalog: &Catalog,
    options: &SimOptions,
) -> Simulation {
    let mut problems = Vec::new();
    let target = target_of(report, options.target.as_deref(), &mut problems);
    let (mut context, context_inferred) = match &options.context {
        Some(c) => (c.clone(), false),
        None => (copy::infer_context(report), true),
    };
    // The Dockerfile in the context is the text simulated; the previous
    // build saw the previous text.
    let mut old_context = context.clone();
    if context.files.contains_key("Dockerfile") {
        copy::set_dockerfile(&mut context, report);
        copy::set_dockerfile(&mut old_context, previous);
    }
    let mut changed = context.clone();
    for f in &options.changed_files {
        if !changed.mark_changed(f) {
            problems.push(format!("{f} is not in the build context"));
        }
    }
    let reachable = engine::reachable(report, target);
    let memo = effects::Memo::default();
    let before = {
        let target = target_of(previous, options.target.as_deref(), &mut Vec::new());
        let reachable = engine::reachable(previous, target);
        engine::build(
            previous,
            catalog,
            options,
            &old_context,
            &Salt::default(),
            target,
            &reachable,
            &memo,
        )
    };
    let salt = Salt {
        edited_lines: options.edited_lines.clone(),
        base_updated: options.base_updated,
    };
    // Nothing changed: the rebuild is the build, every step a hit.
    let unchanged = std::ptr::eq(previous, report)
        && options.changed_files.is_empty()
        && options.edited_lines.is_empty()
        && !options.base_updated;
    let (after, cache) = if unchanged {
        let cache = cache::compare(&before, &before);
        (before, cache)
    } else {
        let after = engine::build(
            report, catalog, options, &changed, &salt, target, &reachable, &memo,
        );
        let cache = cache::compare(&before, &after);
        (after, cache)
    };
    let metrics = final_metrics(&after);
    Simulation {
        build: after,
        cache,
        context,
        context_inferred,
        metrics,
        problems,
    }
}

/// The stages whose layers make up the target's image: the target and the
/// stages it is built `FROM`, base first.
pub fn image_chain(build: &BuildSim) -> Vec<usize> {
    let mut chain = Vec::new();
    let mut s = Some(build.target);
    while let Some(i) = s {
        if i >= build.stages.len() || chain.contains(&i) {
            break;
        }
        chain.push(i);
        s = build.stages[i].parent;
    }
    chain.reverse();
    chain
}

fn final_metrics(build: &BuildSim) -> Metrics {
    let chain = image_chain(build);
    let Some(&first) = chain.first() else {
        return metrics::compute(&[], &vfs::Tree::default());
    };
    let mut layers = Vec::new();
    let base_tree = build.stages[first]
        .base
        .as_ref()
        .map(|b| b.tree())
        .unwrap_or_default();
    // The base as one layer per published layer: each is a bundle of its own.
    let base_changes: Vec<(String, vfs::Change)> = base_tree
        .iter()
        .map(|(k, e)| (k.clone(), vfs::Change::Added(e.clone())))
        .collect();
    layers.push(metrics::LayerView {
        line: None,
        changes: base_changes.iter().map(|(k, c)| (k.as_str(), c)).collect(),
    });
    for &si in &chain {
        for step in build.stages[si].steps.iter().filter(|s| s.layer) {
            layers.push(metrics::LayerView {
                line: Some(step.line),
                changes: step
                    .changes
                    .changes
                    .iter()
                    .map(|(k, c)| (k.as_str(), c))
                    .collect(),
            });
        }
    }
    let last = &build.stages[build.target];
    let mut m = metrics::compute(&layers, &last.tree);
    m.compressed_bytes = build.stages[first]
        .base
        .as_ref()
        .map_or(0, BaseImage::compressed)
        + chain
            .iter()
            .flat_map(|&si| build.stages[si].steps.iter())
            .filter(|s| s.layer)
            .map(|s| s.compressed)
            .sum::<u64>();
    m
}

/// `1.5 MB`-style sizes (decimal units, as Docker prints them).
pub fn human_bytes(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["B", "kB", "MB", "GB", "TB"];
    let mut v = bytes as f64;
    let mut u = 0;
    while v >= 1000.0 && u < UNITS.len() - 1 {
        v /= 1000.0;
        u += 1;
    }
    if u == 0 {
        format!("{bytes} B")
    } else if v < 10.0 {
        format!("{v:.2} {}", UNITS[u])
    } else if v < 100.0 {
        format!("{v:.1} {}", UNITS[u])
    } else {
        format!("{v:.0} {}", UNITS[u])
    }
}
