//! What a RUN writes: the command models' effects (see
//! `crate::shell::models::Effect`) replayed in order on the step's upper
//! layer. Each submodule handles one family of effects:
//! [`packages`] (apt, apk, pip, npm and their caches), [`files`] (rm, cp,
//! chmod, users...), [`fetch`] (downloads, archives, clones, builds).

mod fetch;
pub(crate) use files::glob_match;
mod files;
mod packages;

use std::collections::BTreeMap;

use super::SimOptions;
use super::base::Family;
use super::catalog::{Catalog, Installed, Suite};
use super::hash::StableHasher;
use super::vfs::{self, Entry, Upper};
use crate::model::RunAnalysis;
use crate::shell::argv::ArgWord;
use crate::shell::models::Effect;
use crate::shell::parse::{RedirOp, Redirect};

/// Package bookkeeping of a stage, carried from step to step.
#[derive(Debug, Clone)]
pub struct Packages {
    pub family: Family,
    pub suite: Option<Suite>,
    /// The Debian index stands in for another distribution's packages.
    pub suite_is_equivalent: bool,
    pub installed: Installed,
    /// Packages this build installed: name to (install group, named on the
    /// command line). Autoremove drops a group's dependencies once all its
    /// named packages are gone.
    pub added: BTreeMap<String, (usize, bool)>,
    /// `apk add --virtual NAME`: the packages of each virtual group.
    pub virtual_groups: BTreeMap<String, Vec<String>>,
    pub next_group: usize,
    /// `python3.12` when the image says which Python it has (the official
    /// images' `PYTHON_VERSION`), for site-packages paths.
    pub python: Option<String>,
    /// A virtualenv created in this stage (pip installs go there).
    pub venv: Option<String>,
    /// A `-slim` Debian image: dpkg skips documentation, man pages and
    /// translations (its path-exclude configuration).
    pub slim: bool,
}

/// What one RUN did besides its changeset.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Sentences for the user: what was sized how, what was not modelled.
    pub notes: Vec<String>,
    /// Estimated seconds to run it (see `assume`'s time model).
    pub seconds: f64,
    /// True when a size rests on an assumption or an effect was not
    /// modelled.
    pub estimate: bool,
}

/// Results shared by the builds of one simulation (the previous and the
/// changed build resolve the same installs).
#[derive(Debug, Default)]
pub struct Memo {
    pub(super) apt:
        std::cell::RefCell<std::collections::HashMap<u64, std::rc::Rc<super::catalog::Closure>>>,
}

/// Replays one RUN on `upper`.
pub struct Executor<'a, 'b> {
    pub up: &'b mut Upper<'a>,
    pub catalog: &'a Catalog,
    pub options: &'a SimOptions,
    pub memo: &'a Memo,
    pub pkgs: &'b mut Packages,
    pub out: Outcome,
    key: u64,
    writes: u64,
    cwd: String,
    uid: u32,
    /// Cache and tmpfs mount targets: nothing under them is committed.
    mounts: Vec<String>,
    /// A download piped to the next command (`curl url | tar -x`).
    piped: Option<(u64, String)>,
}

impl<'a, 'b> Executor<'a, 'b> {
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        up: &'b mut Upper<'a>,
        catalog: &'a Catalog,
        options: &'a SimOptions,
        memo: &'a Memo,
        pkgs: &'b mut Packages,
        key: u64,
        uid: u32,
        mounts: Vec<String>,
    ) -> Self {
        Executor {
            up,
            catalog,
            options,
            memo,
            pkgs,
            out: Outcome::default(),
            key,
            writes: 0,
            cwd: "/".into(),
            uid,
            mounts,
            piped: None,
        }
    }

    /// Runs every command of `run` in order.
    pub fn run(&mut self, run: &RunAnalysis, workdir: &str) {
        if !run.interpreted {
            self.note(format!(
                "not simulated: {}",
                run.reason
                    .as_deref()
                    .unwrap_or("the script could not be read")
            ));
            self.out.estimate = true;
            return;
        }
        let unknown: Vec<&str> = run
            .commands
            .iter()
            .filter(|c| !c.recognized)
            .map(|c| c.name.as_str())
            .collect();
        if !unknown.is_empty() {
            self.note(format!("effects of {} not modelled", unknown.join(", ")));
            self.out.estimate = true;
        }
        for cmd in &run.commands {
            let call = run.script.calls.get(cmd.call);
            self.cwd = call
                .and_then(|c| c.cwd.clone())
                .unwrap_or_else(|| workdir.to_string());
            for effect in &cmd.model.effects {
                self.effect(effect, cmd.model.subcommand.as_deref());
            }
            if let Some(call) = call {
                for r in call.redirects.iter().filter(|r| r.writes_file) {
                    let append = r.op == RedirOp::Append;
                    let size = written_bytes(&cmd.model.command, &call.argv.words, r);
                    if let Some(path) = self.path(&r.target) {
                        self.write_text(&path, size, append);
                    }
                }
            }
        }
    }

    fn effect(&mut self, effect: &Effect, subcommand: Option<&str>) {
        match effect {
            Effect::IndexUpdate { manager } => self.index_update(*manager),
            Effect::Install {
                manager,
                packages,
                options,
            } => self.install(*manager, packages, options),
            Effect::ProjectInstall { manager, options } => self.project_install(*manager, options),
            Effect::Remove {
                manager,
                packages,
                autoremove,
                ..
            } => self.remove(*manager, packages, *autoremove),
            Effect::Autoremove { manager } => self.autoremove(*manager),
            Effect::CacheClean { manager } => self.cache_clean(*manager, subcommand),
            Effect::Download { url, output } => self.download(url, output),
            Effect::Extract { archive, dest, .. } => self.extract(archive.as_ref(), dest.as_ref()),
            Effect::Delete { paths, .. } => self.delete(paths),
            Effect::MakeDirs { paths, .. } => self.make_dirs(paths),
            Effect::Copy { sources, dest, .. } => self.copy(sources, dest, false),
            Effect::Move { sources, dest } => self.copy(sources, dest, true),
            Effect::Link { target, link, .. } => self.link(target, link),
            Effect::Chmod {
                paths, recursive, ..
            } => self.attributes(paths, *recursive, None),
            Effect::Chown {
                owner,
                paths,
                recursive,
            } => self.attributes(paths, *recursive, Some(owner)),
            Effect::Touch { paths } => self.touch(paths),
            Effect::EditInPlace { files } => self.edit(files),
            Effect::WriteFiles { files, append } => {
                for f in files {
                    if let Some(p) = self.path(f) {
                        self.write_text(&p, 1024, *append);
                    }
                }
            }
            Effect::CreateUser {
                name,
                home,
                create_home,
                ..
            } => self.create_user(name, home.as_ref(), *create_home),
            Effect::CreateGroup { .. } | Effect::AddToGroup { .. } => self.account_files(false),
            Effect::Build {
                tool,
                targets,
                dir,
                outputs,
                ..
            } => self.build(tool, targets, dir.as_ref(), outputs),
            Effect::CreateVenv { dir } => self.venv(dir),
            Effect::GitClone { url, dir, .. } => self.git_clone(url, dir.as_ref()),
            _ => {}
        }
    }

    pub(super) fn note(&mut self, note: String) {
        if !self.out.notes.contains(&note) {
            self.out.notes.push(note);
        }
    }

    /// A fresh content id for a file this step writes.
    fn content(&mut self, path: &str) -> u64 {
        self.writes += 1;
        StableHasher::new()
            .u64(self.key)
            .str(path)
            .u64(self.writes)
            .finish()
    }

    /// Whether `path` is under a cache or tmpfs mount (never committed).
    fn mounted(&self, path: &str) -> bool {
        self.mounts.iter().any(|m| under(path, m))
    }

    /// Writes a new entry owned by the step's user.
    fn put(&mut self, path: &str, mut entry: Entry) {
        if self.mounted(path) || is_virtual_fs(path) {
            return;
        }
        entry.uid = self.uid;
        entry.gid = self.uid;
        if entry.estimate {
            self.out.estimate = true;
        }
        self.up.write(path, entry);
    }

    /// A word as an absolute path, when its value is known.
    fn path(&self, word: &ArgWord) -> Option<String> {
        let v = word.value.as_deref()?;
        if v.is_empty() || v.contains("://") {
            return None;
        }
        Some(vfs::join(&self.cwd, v))
    }

    /// Appends to or writes a small text file.
    fn write_text(&mut self, path: &str, size: u64, append: bool) {
        if self.mounted(path) || is_virtual_fs(path) {
            return;
        }
        let old = self.up.get(path).filter(|e| !e.is_dir()).map(|e| e.size);
        let size = if append {
            old.unwrap_or(0) + size
        } else {
            size
        };
        let content = self.content(path);
        let entry = Entry::file(size, compress(size, super::assume::RATIO_TEXT), content);
        self.put(path, entry);
    }
}

/// Bytes a redirect writes: the text of `echo`/`printf`, a here-document's
/// body, else a small file.
fn written_bytes(command: &str, argv: &[ArgWord], r: &Redirect) -> u64 {
    if r.heredoc_delimiter.is_some() {
        return r.target.raw.len() as u64;
    }
    match command {
        "echo" | "printf" => argv
            .iter()
            .skip(1)
            .filter(|w| !w.text().starts_with('-'))
            .map(|w| w.text().len() as u64 + 1)
            .sum(),
        _ => 1024,
    }
}

/// `/dev`, `/proc` and `/sys` are not part of the image.
fn is_virtual_fs(path: &str) -> bool {
    ["/dev", "/proc", "/sys"].iter().any(|p| under(path, p))
}

/// `path` is `dir` or below it.
fn under(path: &str, dir: &str) -> bool {
    let dir = dir.trim_end_matches('/');
    path.strip_prefix(dir)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

pub(crate) fn compress(size: u64, ratio: f64) -> u64 {
    (size as f64 * ratio) as u64
}
