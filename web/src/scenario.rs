//! The "what if" around the text: context files edited since the last
//! build, sizes the visitor knows better than the guesses, a
//! `.dockerignore`, and a remembered previous build. It is turned into
//! `SimOptions` here and handed to the core; nothing is simulated here.

use std::collections::{BTreeMap, BTreeSet};

use layerlab::report::Report;
use layerlab::sim::catalog::Catalog;
use layerlab::sim::context::{DockerIgnore, IgnoreDiagnostic};
use layerlab::sim::{self, BuildSim, SimOptions, SimReport, Simulation};
use serde::{Deserialize, Serialize};

use crate::bridge;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Scenario {
    /// Context files whose content changed since the previous build.
    pub changed: BTreeSet<String>,
    /// Sizes the visitor set for context files, in bytes.
    pub sizes: BTreeMap<String, u64>,
    pub dockerignore: String,
    pub base_updated: bool,
    /// Sizes set for base images the catalog does not know, by reference.
    pub image_sizes: BTreeMap<String, u64>,
    /// `--target`, a stage name; `None` builds the last stage.
    pub target: Option<String>,
    /// The Dockerfile of the remembered build, if any.
    pub previous: Option<String>,
}

impl Scenario {
    /// The saved scenario; anything unreadable starts afresh rather than
    /// breaking the page.
    pub fn load() -> Scenario {
        bridge::load_scenario()
            .and_then(|json| serde_json::from_str(&json).ok())
            .unwrap_or_default()
    }

    pub fn save(&self) {
        if let Ok(json) = serde_json::to_string(self) {
            bridge::save_scenario(&json);
        }
    }
}

/// What the core made of the text under the scenario.
pub struct Analysis {
    pub sim: Simulation,
    pub report: SimReport,
    /// Files the `.dockerignore` keeps out of the context: (path, bytes, assumed).
    pub excluded: Vec<(String, u64, bool)>,
    pub ignore_diagnostics: Vec<IgnoreDiagnostic>,
    /// Compared with a remembered build rather than with itself.
    pub since_previous: bool,
}

// Each analysis is a fresh value: identity is equality, and it is cheap.
impl PartialEq for Analysis {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

pub fn analyse(report: &Report, previous: Option<&Report>, scenario: &Scenario) -> Analysis {
    let ignore = DockerIgnore::parse(&scenario.dockerignore);
    let mut context = BuildSim::inferred_context(report);
    for (path, size) in &scenario.sizes {
        context.set_size(path, *size);
    }
    let context = context.with_dockerignore(&ignore);
    // A file ticked for an older text may have left the context: drop it
    // rather than report it on every keystroke.
    let changed_files = scenario
        .changed
        .iter()
        .filter(|p| context.get(p).is_some() || context.excluded.contains_key(*p))
        .cloned()
        .collect();
    let excluded = context
        .excluded
        .values()
        .map(|f| (f.path.clone(), f.size, f.assumed))
        .collect();
    let target = scenario.target.clone().filter(|t| {
        report
            .model
            .stages
            .iter()
            .any(|s| s.name.as_deref() == Some(t))
    });
    let edited = !scenario.sizes.is_empty() || !ignore.is_empty();
    let options = SimOptions {
        target,
        // Left to the core when untouched, so it reports the context as inferred.
        context: edited.then_some(context),
        changed_files,
        base_updated: scenario.base_updated,
        unknown_image_sizes: scenario.image_sizes.clone(),
        ..SimOptions::default()
    };
    let catalog = Catalog::builtin_web();
    let sim = match previous {
        Some(previous) => sim::simulate_since(previous, report, catalog, &options),
        None => sim::simulate(report, catalog, &options),
    };
    let sim_report = SimReport::new(report, &sim, &options);
    Analysis {
        sim,
        report: sim_report,
        excluded,
        ignore_diagnostics: ignore.diagnostics().to_vec(),
        since_previous: previous.is_some(),
    }
}

/// Reads a size as typed: `1200`, `12 kB`, `3.5MB`, `2 GiB`. Decimal units
/// as Docker prints them; binary ones when asked for.
pub fn parse_size(text: &str) -> Option<u64> {
    let text = text.trim();
    let split = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: f64 = number.parse().ok()?;
    let factor: f64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1.0,
        "k" | "kb" => 1e3,
        "m" | "mb" => 1e6,
        "g" | "gb" => 1e9,
        "kib" => 1024.0,
        "mib" => 1024.0 * 1024.0,
        "gib" => 1024.0 * 1024.0 * 1024.0,
        _ => return None,
    };
    let bytes = (number * factor).round();
    // Past a terabyte it is a typo, not a context file.
    (bytes.is_finite() && (0.0..=1e12).contains(&bytes)).then_some(bytes as u64)
}
