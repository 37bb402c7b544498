//! The walk over a build: each reachable stage from its base, instruction
//! by instruction, producing a layer (or a config-only step), its cache key
//! and the merged filesystem after it.

use super::SimOptions;
use super::base::BaseImage;
use super::catalog::Catalog;
use super::context::BuildContext;
use super::copy::{self, CopyOutcome};
use super::effects::{Executor, Memo, Packages};
use super::hash::StableHasher;
use super::vfs::{self, Changeset, Tree, Upper};
use crate::model::{Base, InstructionState, Model};
use crate::report::Report;
use crate::syntax::{Args, Instruction, InstructionKind};

/// One instruction's simulation.
#[derive(Debug, Clone)]
pub struct StepSim {
    /// Index into `Document::instructions`.
    pub instruction: usize,
    pub line: usize,
    pub end_line: usize,
    pub keyword: String,
    /// The instruction as written (first line, for display).
    pub text: String,
    /// True for a filesystem layer; false for a config-only change.
    pub layer: bool,
    pub changes: Changeset,
    pub size: u64,
    pub compressed: u64,
    pub estimate: bool,
    pub notes: Vec<String>,
    pub seconds: f64,
    /// BuildKit-style cache key, and the named inputs it was made from
    /// (to say why a step missed).
    pub key: u64,
    /// The key of the state after it, which later steps build on. Equal to
    /// `key` except for `COPY --link`, whose layer is keyed without its
    /// parent while the merged state still depends on it.
    pub chain: u64,
    pub inputs: Vec<(String, u64)>,
}

/// One stage's simulation.
#[derive(Debug, Clone)]
pub struct StageSim {
    pub index: usize,
    pub name: Option<String>,
    pub line: usize,
    /// What it is built on, as the user wrote it (resolved).
    pub base_label: String,
    /// The image this stage (or its parent stage chain) starts from.
    pub base: Option<BaseImage>,
    /// Built at all: reachable from the target, as BuildKit prunes.
    pub reachable: bool,
    /// The stage it is built `FROM`, if any.
    pub parent: Option<usize>,
    pub steps: Vec<StepSim>,
    /// Key of the FROM (base digest or parent stage's last key).
    pub from_key: u64,
    /// The merged filesystem the stage starts from (its base).
    pub start: Tree,
    /// The merged filesystem after its last step.
    pub tree: Tree,
    pub packages: Packages,
}

impl StageSim {
    /// The merged filesystem after step `n` (0-based) of the stage.
    pub fn tree_after(&self, n: usize) -> Tree {
        let mut tree = self.start.clone();
        for step in self.steps.iter().take(n + 1) {
            tree.apply(&step.changes);
        }
        tree
    }

    /// The key of the stage's last step (what a child stage builds on).
    pub fn last_key(&self) -> u64 {
        self.steps.last().map_or(self.from_key, |s| s.chain)
    }
}

/// Salts applied to keys for a "what if" scenario.
#[derive(Debug, Clone, Default)]
pub struct Salt {
    /// Lines whose instruction was edited.
    pub edited_lines: Vec<usize>,
    /// Base images were updated (a new digest behind the tag).
    pub base_updated: bool,
}

/// A whole build.
#[derive(Debug, Clone)]
pub struct BuildSim {
    pub stages: Vec<StageSim>,
    pub target: usize,
}

impl BuildSim {
    /// The build context [`super::simulate`] infers from the COPY/ADD
    /// sources when given none (files marked `assumed`): the starting point
    /// for a user who edits sizes or adds a `.dockerignore`.
    pub fn inferred_context(report: &Report) -> BuildContext {
        copy::infer_context(report)
    }
}

#[allow(clippy::too_many_arguments)]
pub fn build(
    report: &Report,
    catalog: &Catalog,
    options: &SimOptions,
    context: &BuildContext,
    salt: &Salt,
    target: usize,
    reachable: &[bool],
    memo: &Memo,
) -> BuildSim {
    let model = &report.model;
    let mut stages: Vec<StageSim> = Vec::new();
    for (si, stage) in model.stages.iter().enumerate() {
        let from_ins = &report.document.instructions[stage.instructions[0]];
        let edited = salt
            .edited_lines
            .iter()
            .any(|l| (from_ins.start_line..=from_ins.end_line).contains(l));
        let (base_label, base, tree, packages, from_key) = match &stage.base {
            Base::Stage { index } if *index < stages.len() => {
                let parent = &stages[*index];
                let label = parent
                    .name
                    .clone()
                    .unwrap_or_else(|| format!("stage {index}"));
                (
                    label,
                    parent.base.clone(),
                    parent.tree.clone(),
                    parent.packages.clone(),
                    parent.last_key(),
                )
            }
            other => {
                let reference = match other {
                    Base::Image { reference } => reference.clone(),
                    Base::Scratch => "scratch".into(),
                    Base::Unresolved { raw } => raw.clone(),
                    Base::Stage { .. } => String::new(),
                };
                let unknown = options
                    .unknown_image_sizes
                    .get(&reference)
                    .copied()
                    .unwrap_or(0);
                let b = BaseImage::lookup(catalog, &reference, unknown);
                let key = StableHasher::new()
                    .str("from")
                    .str(&b.reference)
                    .str(stage.platform.as_deref().unwrap_or(""))
                    .u64(u64::from(salt.base_updated))
                    .u64(u64::from(edited))
                    .finish();
                let pkgs = Packages {
                    family: b.family,
                    suite: b.suite,
                    suite_is_equivalent: b.suite_is_equivalent,
                    installed: b.installed.clone(),
                    added: Default::default(),
                    virtual_groups: Default::default(),
                    next_group: 0,
                    python: b.env("PYTHON_VERSION").map(python_dir),
                    venv: None,
                    slim: b.slim,
                };
                (b.reference.clone(), Some(b.clone()), b.tree(), pkgs, key)
            }
        };
        let mut sim = StageSim {
            index: si,
            name: stage.name.clone(),
            line: stage.line,
            base_label,
            base,
            reachable: reachable.get(si).copied().unwrap_or(false),
            parent: match stage.base {
                Base::Stage { index } if index < si => Some(index),
                _ => None,
            },
            steps: Vec::new(),
            from_key,
            start: tree.clone(),
            tree,
            packages,
        };
        if sim.reachable {
            for &i in &stage.instructions[1..] {
                let step = step(
                    report, catalog, options, memo, context, salt, &stages, &mut sim, i,
                );
                sim.tree.apply(&step.changes);
                sim.steps.push(step);
            }
        } else {
            // Not built: listed without effects, so the user sees it skipped.
            for &i in &stage.instructions[1..] {
                let ins = &report.document.instructions[i];
                sim.steps.push(config_step(ins, i, sim.last_key()));
            }
        }
        stages.push(sim);
    }
    BuildSim { stages, target }
}

#[allow(clippy::too_many_arguments)]
fn step(
    report: &Report,
    catalog: &Catalog,
    options: &SimOptions,
    memo: &Memo,
    context: &BuildContext,
    salt: &Salt,
    done: &[StageSim],
    stage: &mut StageSim,
    i: usize,
) -> StepSim {
    let ins = &report.document.instructions[i];
    let parent = stage.last_key();
    let state = report.model.state(i);
    let edited = salt
        .edited_lines
        .iter()
        .any(|l| (ins.start_line..=ins.end_line).contains(l));
    let escape = report.document.escape;
    let workdir = workdir_of(state, stage);
    let uid = uid_of(state, stage);
    match ins.kind {
        InstructionKind::Run => {
            let mut inputs = vec![("parent step".to_string(), parent)];
            inputs.push(("command".into(), run_text_hash(ins)));
            if let Some(st) = state {
                let env = st
                    .run_env()
                    .fold(StableHasher::new(), |h, (k, v)| h.str(k).str(v))
                    .finish();
                inputs.push(("ENV/ARG values".into(), env));
            }
            inputs.push(("WORKDIR".into(), StableHasher::new().str(&workdir).finish()));
            inputs.push(("USER".into(), u64::from(uid)));
            inputs.push(("mounts".into(), mounts_hash(ins)));
            inputs.push(("edit".into(), u64::from(edited)));
            let key = key_of(&inputs);
            let mut up = Upper::new(&stage.tree);
            let mounts = cache_mounts(ins);
            let mut exec = Executor::new(
                &mut up,
                catalog,
                options,
                memo,
                &mut stage.packages,
                key,
                uid,
                mounts,
            );
            match report.run(i) {
                Some(run) => exec.run(run, &workdir),
                None => exec.note("not simulated: the RUN could not be analysed".into()),
            }
            let out = exec.out;
            let changes = up.commit();
            finish(
                ins,
                i,
                changes,
                key,
                inputs,
                out.notes,
                out.seconds,
                out.estimate,
            )
        }
        InstructionKind::Copy | InstructionKind::Add => {
            let CopyOutcome {
                changes,
                inputs,
                key,
                notes,
                seconds,
                estimate,
            } = copy::copy(
                report,
                ins,
                i,
                state,
                escape,
                &workdir,
                parent,
                edited,
                context,
                done,
                &stage.tree,
                options,
            );
            let mut s = finish(ins, i, changes, key, inputs, notes, seconds, estimate);
            s.chain = StableHasher::new().u64(key).u64(parent).finish();
            s
        }
        InstructionKind::Workdir => {
            let path = match (&ins.args, state) {
                (Args::Text(w), Some(st)) => vfs::join(&workdir, &st.expand(&w.value, escape)),
                _ => workdir,
            };
            let inputs = vec![
                ("parent step".to_string(), parent),
                ("path".into(), StableHasher::new().str(&path).finish()),
                ("USER".into(), u64::from(uid)),
                ("edit".into(), u64::from(edited)),
            ];
            let key = key_of(&inputs);
            if path == "/" {
                return config_step(ins, i, parent);
            }
            let mut up = Upper::new(&stage.tree);
            up.mkdir_p(&path, uid);
            let changes = up.commit();
            finish(ins, i, changes, key, inputs, Vec::new(), 0.1, false)
        }
        _ => config_step(ins, i, parent),
    }
}

#[allow(clippy::too_many_arguments)]
fn finish(
    ins: &Instruction,
    i: usize,
    changes: Changeset,
    key: u64,
    inputs: Vec<(String, u64)>,
    notes: Vec<String>,
    seconds: f64,
    estimate: bool,
) -> StepSim {
    StepSim {
        layer: true,
        size: changes.size(),
        compressed: changes.compressed(),
        estimate: estimate || changes.estimate(),
        changes,
        notes,
        seconds: seconds + super::assume::STEP_OVERHEAD_S,
        inputs,
        ..config_step(ins, i, key)
    }
}

/// A step that only changes the image config: no layer, and in BuildKit no
/// cache vertex, so it passes its parent's key on.
fn config_step(ins: &Instruction, i: usize, parent: u64) -> StepSim {
    StepSim {
        instruction: i,
        line: ins.start_line,
        end_line: ins.end_line,
        keyword: ins.kind.as_str().to_string(),
        text: first_line(ins),
        layer: false,
        changes: Changeset::default(),
        size: 0,
        compressed: 0,
        estimate: false,
        notes: Vec::new(),
        seconds: 0.0,
        key: parent,
        chain: parent,
        inputs: vec![("parent step".into(), parent)],
    }
}

fn first_line(ins: &Instruction) -> String {
    let line = ins
        .original
        .lines()
        .next()
        .unwrap_or("")
        .trim_end_matches('\\')
        .trim();
    if line.chars().count() > 120 {
        format!("{}…", line.chars().take(119).collect::<String>())
    } else {
        line.to_string()
    }
}

pub(crate) fn key_of(inputs: &[(String, u64)]) -> u64 {
    inputs
        .iter()
        .fold(StableHasher::new(), |h, (n, v)| h.str(n).u64(*v))
        .finish()
}

/// The command as BuildKit keys it: the shell-form text or the exec-form
/// words, plus any here-document bodies.
fn run_text_hash(ins: &Instruction) -> u64 {
    let mut h = StableHasher::new();
    h = match &ins.args {
        Args::Shell(t) => h.str(&t.text),
        Args::Json(words) => words.iter().fold(h, |h, w| h.str(&w.value)),
        _ => h.str(&ins.original),
    };
    ins.heredocs.iter().fold(h, |h, d| h.str(&d.body)).finish()
}

/// RUN flags as keyed: mounts (a cache mount's `id`/`sharing` excluded, as
/// BuildKit strips them), network and security modes.
fn mounts_hash(ins: &Instruction) -> u64 {
    let mut h = StableHasher::new();
    for f in &ins.flags {
        let value = f.value.as_deref().unwrap_or("");
        let kept: Vec<&str> = value
            .split(',')
            .filter(|kv| !(kv.starts_with("id=") || kv.starts_with("sharing=")))
            .collect();
        h = h.str(&f.name).str(&kept.join(","));
    }
    h.finish()
}

/// Targets of `--mount=type=cache` and `type=tmpfs` (and secret/ssh files):
/// what is written there never reaches the layer.
fn cache_mounts(ins: &Instruction) -> Vec<String> {
    ins.flags
        .iter()
        .filter(|f| f.name == "mount")
        .filter_map(|f| {
            let v = f.value.as_deref()?;
            let mut kind = "bind";
            let mut target = None;
            for kv in v.split(',') {
                match kv.split_once('=') {
                    Some(("type", t)) => kind = t,
                    Some(("target" | "dst" | "destination", t)) => target = Some(t.to_string()),
                    _ => {}
                }
            }
            matches!(kind, "cache" | "tmpfs" | "bind").then_some(target?)
        })
        .collect()
}

fn workdir_of(state: Option<&InstructionState>, stage: &StageSim) -> String {
    state
        .and_then(|s| s.workdir.clone())
        .or_else(|| {
            stage
                .base
                .as_ref()
                .map(|b| b.workdir.clone())
                .filter(|w| !w.is_empty())
        })
        .unwrap_or_else(|| "/".into())
}

/// 0 for root, else a stand-in id (names resolve only at build time).
fn uid_of(state: Option<&InstructionState>, stage: &StageSim) -> u32 {
    let user = state
        .and_then(|s| s.user.clone())
        .or_else(|| stage.base.as_ref().map(|b| b.user.clone()))
        .unwrap_or_default();
    let name = user.split(':').next().unwrap_or("");
    match name {
        "" | "root" | "0" => 0,
        n => n.parse().unwrap_or(1000),
    }
}

/// `3.12.13` → `python3.12`.
fn python_dir(version: &str) -> String {
    let mut parts = version.split('.');
    match (parts.next(), parts.next()) {
        (Some(a), Some(b)) => format!("python{a}.{b}"),
        _ => "python3".into(),
    }
}

/// Stages the target needs: its base chain, `COPY --from` and
/// `RUN --mount from=` stages, transitively. BuildKit builds only these.
pub fn reachable(report: &Report, target: usize) -> Vec<bool> {
    let mut seen = vec![false; report.model.stages.len()];
    let mut todo = vec![target];
    while let Some(s) = todo.pop() {
        if s >= seen.len() || seen[s] {
            continue;
        }
        seen[s] = true;
        todo.extend(stage_uses(report, s).into_iter().map(|u| u.0));
    }
    seen
}

/// The earlier stages stage `s` reads, in source order: (stage, how, line),
/// where how is `from` (`FROM <stage>`), `copy` (`COPY --from`) or `mount`
/// (`RUN --mount from=`). One list for pruning and for the stage graph.
pub(crate) fn stage_uses(report: &Report, s: usize) -> Vec<(usize, &'static str, usize)> {
    let model: &Model = &report.model;
    let Some(stage) = model.stages.get(s) else {
        return Vec::new();
    };
    let mut uses = Vec::new();
    if let Base::Stage { index } = stage.base {
        uses.push((index, "from", stage.line));
    }
    for &i in &stage.instructions {
        let ins = &report.document.instructions[i];
        for f in &ins.flags {
            let (how, from) = match (f.name.as_str(), f.value.as_deref()) {
                ("from", Some(v)) => ("copy", Some(v)),
                ("mount", Some(v)) => (
                    "mount",
                    v.split(',').find_map(|kv| kv.strip_prefix("from=")),
                ),
                _ => continue,
            };
            if let Some(idx) = from.and_then(|from| stage_ref(model, from, s)) {
                uses.push((idx, how, ins.start_line));
            }
        }
    }
    uses
}

/// The stage a `--from` value names (by name or index), if it names one
/// defined before `before`.
pub fn stage_ref(model: &Model, from: &str, before: usize) -> Option<usize> {
    let lower = from.to_ascii_lowercase();
    if let Ok(n) = lower.parse::<usize>() {
        return (n < before).then_some(n);
    }
    model.stages[..before.min(model.stages.len())]
        .iter()
        .position(|s| s.name.as_deref() == Some(lower.as_str()))
}
