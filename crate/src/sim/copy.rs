//! COPY and ADD: files from the build context, another stage or an image,
//! here-documents, URLs and local archives; their cache keys from the
//! content of what they select, as BuildKit computes them.

use super::SimOptions;
use super::assume;
use super::context::{BuildContext, ContextFile};
use super::engine::{StageSim, key_of, stage_ref};
use super::hash::StableHasher;
use super::vfs::{self, Changeset, Entry, Tree, Upper};
use crate::model::InstructionState;
use crate::report::Report;
use crate::syntax::{Args, Instruction, InstructionKind};

/// What a COPY/ADD produced.
pub struct CopyOutcome {
    pub changes: Changeset,
    pub inputs: Vec<(String, u64)>,
    pub key: u64,
    pub notes: Vec<String>,
    pub seconds: f64,
    pub estimate: bool,
}

/// Sources and destination, expanded.
fn operands(
    ins: &Instruction,
    state: Option<&InstructionState>,
    escape: char,
) -> (Vec<String>, String) {
    let words: Vec<String> = match &ins.args {
        Args::Words(w) | Args::Json(w) => w
            .iter()
            .map(|w| match state {
                Some(s) if !matches!(ins.args, Args::Json(_)) || w.value.contains('$') => {
                    s.expand(&w.value, escape)
                }
                _ => w.value.clone(),
            })
            .collect(),
        _ => Vec::new(),
    };
    match words.split_last() {
        Some((dest, srcs)) => (srcs.to_vec(), dest.clone()),
        None => (Vec::new(), String::new()),
    }
}

fn is_url(s: &str) -> bool {
    s.starts_with("http://") || s.starts_with("https://") || s.starts_with("git@")
}

fn is_archive(path: &str) -> bool {
    [
        ".tar", ".tar.gz", ".tgz", ".tar.xz", ".txz", ".tar.bz2", ".tbz2", ".tar.zst",
    ]
    .iter()
    .any(|e| path.ends_with(e))
}

#[allow(clippy::too_many_arguments)]
pub fn copy(
    report: &Report,
    ins: &Instruction,
    index: usize,
    state: Option<&InstructionState>,
    escape: char,
    workdir: &str,
    parent: u64,
    edited: bool,
    context: &BuildContext,
    done: &[StageSim],
    lower: &Tree,
    options: &SimOptions,
) -> CopyOutcome {
    let (sources, dest) = operands(ins, state, escape);
    let dest_path = vfs::join(workdir, &dest);
    let into_dir = dest.ends_with('/') || sources.len() > 1 || dest == ".";
    let flag = |name: &str| ins.flag(name).and_then(|f| f.value.clone());
    let link = ins
        .flag("link")
        .is_some_and(|f| f.value.as_deref() != Some("false"));
    let uid = flag("chown")
        .map(|o| o.split(':').next().unwrap_or("").parse().unwrap_or(1000))
        .unwrap_or(0);
    let mut notes = Vec::new();
    let mut estimate = false;
    let mut up = Upper::new(lower);
    let mut content = StableHasher::new();
    let mut selected_bytes = 0u64;

    let mut put = |up: &mut Upper, path: &str, mut e: Entry| {
        e.uid = uid;
        e.gid = uid;
        selected_bytes += e.size;
        up.write(path, e);
    };

    let from = flag("from");
    match from.as_deref() {
        Some(f) => match stage_ref(
            &report.model,
            f,
            report.model.state(index).map_or(usize::MAX, |s| s.stage),
        ) {
            Some(si) => {
                let src_tree = &done[si].tree;
                for src in &sources {
                    let src = vfs::join("/", src);
                    let hits: Vec<(String, Entry)> = matching(src_tree, &src);
                    if hits.is_empty() {
                        notes.push(format!(
                            "{src} does not exist in stage {f} at this point: the build would fail"
                        ));
                        estimate = true;
                    }
                    for (p, e) in hits {
                        content = content.str(&p).u64(e.content);
                        let rel = p.strip_prefix(&src).unwrap_or("");
                        let target = if rel.is_empty() {
                            if into_dir {
                                format!("{}/{}", dest_path.trim_end_matches('/'), vfs::basename(&p))
                            } else {
                                dest_path.clone()
                            }
                        } else {
                            format!("{}{}", dest_path.trim_end_matches('/'), rel)
                        };
                        if e.is_dir() {
                            up.mkdir_p(&target, uid);
                        } else {
                            put(&mut up, &target, e);
                        }
                    }
                }
            }
            None => {
                notes.push(format!(
                    "files from image {f} are not sized (its file list is not in the catalog)"
                ));
                estimate = true;
                content = content.str(f).str(&sources.join(" "));
            }
        },
        None => {
            for src in &sources {
                if let Some(h) = ins.heredocs.iter().find(|h| {
                    src.strip_prefix("<<").map(|n| {
                        n.trim_start_matches('-')
                            .trim_matches(|c| c == '"' || c == '\'')
                    }) == Some(h.name.as_str())
                }) {
                    let size = h.body.len() as u64;
                    let id = StableHasher::new().str(&h.body).finish();
                    content = content.u64(id);
                    let target = if into_dir {
                        format!("{}/{}", dest_path.trim_end_matches('/'), h.name)
                    } else {
                        dest_path.clone()
                    };
                    put(
                        &mut up,
                        &target,
                        Entry::file(size, (size as f64 * assume::RATIO_TEXT) as u64, id),
                    );
                    continue;
                }
                if is_url(src) {
                    let git =
                        src.ends_with(".git") || src.contains(".git#") || src.starts_with("git@");
                    let a = if git {
                        assume::GIT_CLONE
                    } else {
                        assume::DOWNLOAD
                    };
                    let (size, est) = match options.download_sizes.get(src.as_str()) {
                        Some(&s) => (s, false),
                        None => (a.bytes, true),
                    };
                    if est {
                        notes.push(format!("{} for {src}", a.note()));
                        estimate = true;
                    }
                    content = content.str(src).u64(size);
                    let name = vfs::basename(src.trim_end_matches('/'));
                    let target = if into_dir || dest.ends_with('/') {
                        format!("{}/{}", dest_path.trim_end_matches('/'), name)
                    } else {
                        dest_path.clone()
                    };
                    let id = StableHasher::new().str(src).finish();
                    let e = if git {
                        Entry::bundle(size, (size as f64 * a.ratio) as u64, id, a.note())
                    } else {
                        Entry {
                            mode: 0o600,
                            ..Entry::file(size, (size as f64 * a.ratio) as u64, id)
                        }
                    };
                    put(&mut up, &target, e.with_estimate(est));
                    continue;
                }
                let files: Vec<&ContextFile> = context.select(src);
                if files.is_empty() {
                    notes.push(format!(
                        "no file in the build context matches {src}: the build would fail"
                    ));
                    estimate = true;
                }
                let base = source_base(src);
                for f in files {
                    content = content.str(&f.path).u64(f.digest);
                    let rel = f
                        .path
                        .strip_prefix(&base)
                        .unwrap_or(&f.path)
                        .trim_start_matches('/');
                    let glob = src.contains(['*', '?', '[']);
                    let single =
                        !glob && f.path == src.trim_start_matches("./").trim_end_matches('/');
                    // A named file or a glob match lands under its own name
                    // (or as the destination itself); a directory's files
                    // keep their path below it.
                    let target = if single && !into_dir {
                        dest_path.clone()
                    } else if single || glob {
                        format!(
                            "{}/{}",
                            dest_path.trim_end_matches('/'),
                            vfs::basename(&f.path)
                        )
                    } else {
                        format!("{}/{}", dest_path.trim_end_matches('/'), rel)
                    };
                    estimate |= f.assumed;
                    if ins.kind == InstructionKind::Add && is_archive(&f.path) {
                        let unpacked = (f.size as f64 * assume::EXTRACT_FACTOR) as u64;
                        let path = format!(
                            "{}/({} contents)",
                            dest_path.trim_end_matches('/'),
                            vfs::basename(&f.path)
                        );
                        notes.push(format!(
                            "ADD extracts {}: assumed {}× its size",
                            f.path,
                            assume::EXTRACT_FACTOR
                        ));
                        estimate = true;
                        put(
                            &mut up,
                            &path,
                            Entry::bundle(
                                unpacked,
                                (unpacked as f64 * assume::RATIO_BINARY) as u64,
                                f.digest,
                                format!("files of {}", f.path),
                            )
                            .with_estimate(true),
                        );
                        continue;
                    }
                    let e = Entry::file(f.size, f.kind.compressed_estimate(f.size), f.digest)
                        .with_estimate(f.assumed);
                    put(&mut up, &target, e);
                }
            }
        }
    }
    let mut inputs = Vec::new();
    if !link {
        inputs.push(("parent step".to_string(), parent));
    }
    inputs.push((
        "sources and destination".into(),
        StableHasher::new()
            .str(&sources.join("\u{0}"))
            .str(&dest_path)
            .finish(),
    ));
    inputs.push((
        "flags".into(),
        ins.flags
            .iter()
            .fold(StableHasher::new(), |h, f| h.str(&f.text))
            .finish(),
    ));
    inputs.push(("source content".into(), content.finish()));
    inputs.push(("edit".into(), u64::from(edited)));
    let key = key_of(&inputs);
    let changes = up.commit();
    CopyOutcome {
        seconds: selected_bytes as f64 / assume::DISK_BYTES_PER_S,
        changes,
        inputs,
        key,
        notes,
        estimate,
    }
}

/// Entries a `--from` source selects: the path and its subtree, or a glob's
/// matches.
fn matching(tree: &Tree, src: &str) -> Vec<(String, Entry)> {
    if src.contains(['*', '?', '[']) {
        let depth = src.matches('/').count();
        let hits: Vec<(String, Entry)> = tree
            .iter()
            .filter(|(p, _)| p.matches('/').count() == depth && super::effects::glob_match(src, p))
            .flat_map(|(p, _)| {
                tree.subtree(p)
                    .map(|(k, e)| (k.clone(), e.clone()))
                    .collect::<Vec<_>>()
            })
            .collect();
        if !hits.is_empty() {
            return hits;
        }
    }
    let hits: Vec<(String, Entry)> = tree
        .subtree(src)
        .map(|(k, e)| (k.clone(), e.clone()))
        .collect();
    if !hits.is_empty() {
        return hits;
    }
    // A build's output whose file name we do not know (`target/*.jar` of
    // `mvn package`) is a bundle named `(jar)` in the directory.
    let dir = vfs::parent(src);
    tree.children(dir)
        .filter(|p| vfs::basename(p).starts_with('('))
        .filter_map(|p| {
            let e = tree.get(p)?;
            (e.kind == super::vfs::Kind::Bundle).then(|| (src.to_string(), e.clone()))
        })
        .take(1)
        .collect()
}

/// The directory part a source's relative paths are taken from: `src/`
/// copies the contents of `src`; `.` copies everything.
fn source_base(src: &str) -> String {
    let s = src.trim_start_matches("./").trim_end_matches('/');
    if s == "." || s.is_empty() {
        String::new()
    } else {
        s.to_string()
    }
}

/// Puts the Dockerfile into an inferred context with its real size and
/// content, so `COPY . .` sees an edit to it as BuildKit does.
pub fn set_dockerfile(ctx: &mut BuildContext, report: &Report) {
    ctx.insert("Dockerfile", report.document.source.len() as u64, false);
    if let Some(f) = ctx.files.get_mut("Dockerfile") {
        f.digest = StableHasher::new().str(&report.document.source).finish();
    }
}

/// A build context inferred from the COPY/ADD sources when the user gives
/// none: every source becomes assumed files (`context::infer_source`),
/// directories first so a `COPY . .` after a `COPY package.json .` still
/// brings a tree; requirement files that RUNs read are added too. The
/// Dockerfile itself is real.
pub fn infer_context(report: &Report) -> BuildContext {
    let mut sources: Vec<String> = Vec::new();
    for (i, ins) in report.document.instructions.iter().enumerate() {
        if !matches!(ins.kind, InstructionKind::Copy | InstructionKind::Add)
            || ins.flag("from").is_some()
        {
            continue;
        }
        let (srcs, _) = operands(ins, report.model.state(i), report.document.escape);
        sources.extend(
            srcs.into_iter()
                .filter(|s| !s.starts_with("<<") && !is_url(s)),
        );
    }
    let mut ctx = BuildContext::new();
    let (dirs, files): (Vec<&String>, Vec<&String>) = sources
        .iter()
        .partition(|s| super::context::looks_like_directory(s));
    for s in dirs.iter().chain(&files) {
        ctx.infer_source(s);
    }
    if !dirs.is_empty() {
        for name in requirement_files(report) {
            ctx.infer_source(&name);
        }
    }
    set_dockerfile(&mut ctx, report);
    ctx
}

/// Files RUNs read by name (`pip install -r requirements.txt`), by base
/// name: a directory COPY most likely brought them.
fn requirement_files(report: &Report) -> Vec<String> {
    let mut out = Vec::new();
    for run in &report.model.runs {
        for c in &run.commands {
            for e in &c.model.effects {
                if let crate::shell::models::Effect::Install { options, .. } = e {
                    for r in &options.requirements {
                        if let Some(v) = &r.value {
                            let name = vfs::basename(v).to_string();
                            if !out.contains(&name) {
                                out.push(name);
                            }
                        }
                    }
                }
            }
        }
    }
    out
}
