//! The build context: the files a build can `COPY`/`ADD`, with sizes and
//! content digests.
//!
//! A context comes from a real folder ([`BuildContext::from_dir`], the CLI's
//! `--context DIR`), from the user, or is inferred from the `COPY` sources
//! ([`BuildContext::infer_source`], files marked `assumed`). A
//! `.dockerignore` ([`DockerIgnore`]) moves files to
//! [`BuildContext::excluded`], where no `COPY` can reach them.
//! [`BuildContext::select`] resolves a source the way BuildKit's copy does,
//! and [`BuildContext::digest_of`] gives the content key of a selection:
//! it depends on paths, sizes and bytes, never on modification times, as
//! BuildKit's content-based cache keys do.

pub mod digest;
mod dockerignore;
pub mod glob;
mod infer;

use std::collections::BTreeMap;
use std::fs;
use std::io::{self, Read};
use std::path::Path;

pub use digest::{Fnv64, fnv1a64};
pub use dockerignore::{DockerIgnore, IgnoreDiagnostic, IgnoreRule};
pub use glob::{PatternError, glob_match, has_wildcards};
pub use infer::{
    AssumedTree, DEFAULT_FILE_SIZE, FileKind, assumed_file_size, assumed_tree, known_file_names,
    looks_like_directory,
};

use glob::{Token, compile_match, context_relative, go_match, parse_class};

/// One regular file (or symlink) of the context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContextFile {
    /// `/`-separated, relative to the context root, cleaned (`src/app.py`).
    pub path: String,
    /// Bytes.
    pub size: u64,
    /// Made up from the inference tables rather than given or read.
    pub assumed: bool,
    /// Content digest: FNV-1a of the bytes for files read from disk, else
    /// derived from path and size; bumped by [`BuildContext::mark_changed`].
    pub digest: u64,
    pub kind: FileKind,
}

impl ContextFile {
    /// A file whose bytes are unknown (given by the user or assumed): the
    /// digest stands in for content and follows the stated size.
    pub fn without_content(path: &str, size: u64, assumed: bool, kind: FileKind) -> ContextFile {
        let path = context_relative(path);
        ContextFile {
            digest: stand_in_digest(&path, size),
            path,
            size,
            assumed,
            kind,
        }
    }
}

fn stand_in_digest(path: &str, size: u64) -> u64 {
    let mut h = Fnv64::new();
    h.write_str("no-content");
    h.write_str(path);
    h.write_u64(size);
    h.finish()
}

/// The files of a build context.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BuildContext {
    /// What `COPY`/`ADD` can see, by path.
    pub files: BTreeMap<String, ContextFile>,
    /// What a `.dockerignore` left out, by path (kept to report how many
    /// files and bytes it saved; never selected).
    pub excluded: BTreeMap<String, ContextFile>,
}

impl BuildContext {
    pub fn new() -> BuildContext {
        BuildContext::default()
    }

    /// Adds (or replaces) a file whose content is unknown, its kind judged
    /// by extension. `None` when `path` names the context root itself.
    pub fn insert(&mut self, path: &str, size: u64, assumed: bool) -> Option<&ContextFile> {
        self.insert_file(ContextFile::without_content(
            path,
            size,
            assumed,
            FileKind::from_path(path),
        ))
    }

    /// Adds (or replaces) `file`, normalising its path first. `None` when
    /// the path names the context root itself.
    pub fn insert_file(&mut self, mut file: ContextFile) -> Option<&ContextFile> {
        file.path = context_relative(&file.path);
        if file.path.is_empty() {
            return None;
        }
        self.excluded.remove(&file.path);
        let key = file.path.clone();
        self.files.insert(key.clone(), file);
        self.files.get(&key)
    }

    pub fn get(&self, path: &str) -> Option<&ContextFile> {
        self.files.get(&context_relative(path))
    }

    pub fn remove(&mut self, path: &str) -> Option<ContextFile> {
        self.files.remove(&context_relative(path))
    }

    /// The user edits a size: the file is no longer assumed and, since its
    /// bytes are unknown, its stand-in digest follows the new size. False if
    /// there is no such file.
    pub fn set_size(&mut self, path: &str, size: u64) -> bool {
        let Some(file) = self.files.get_mut(&context_relative(path)) else {
            return false;
        };
        if file.size != size {
            let mut h = Fnv64::new();
            h.write_u64(file.digest);
            h.write_str("resized");
            h.write_u64(size);
            file.digest = h.finish();
        }
        file.size = size;
        file.assumed = false;
        true
    }

    /// Pretends the content of `path` changed: its digest moves to a new,
    /// deterministic value, so every cache key that covers it changes.
    /// Files a `.dockerignore` excluded count too; false only when neither
    /// list has `path` (so the CLI can report an unknown path).
    pub fn mark_changed(&mut self, path: &str) -> bool {
        let key = context_relative(path);
        let Some(file) = self
            .files
            .get_mut(&key)
            .or_else(|| self.excluded.get_mut(&key))
        else {
            return false;
        };
        let mut h = Fnv64::new();
        h.write_u64(file.digest);
        h.write_str("changed");
        file.digest = h.finish();
        true
    }

    /// Reads a real folder: every regular file with its size and content
    /// digest, symlinks as links (not followed, as BuildKit sends them),
    /// minus what the folder's `.dockerignore` excludes (those are listed in
    /// [`BuildContext::excluded`] with their sizes, unread). `Dockerfile`
    /// and `.dockerignore` stay unless excluded, as with BuildKit. Sockets,
    /// FIFOs and devices are skipped.
    pub fn from_dir(path: &Path) -> io::Result<BuildContext> {
        Ok(Self::from_dir_with_ignore(path)?.0)
    }

    /// [`BuildContext::from_dir`], also returning the parsed `.dockerignore`
    /// (if the folder has one) so its diagnostics can be shown.
    pub fn from_dir_with_ignore(path: &Path) -> io::Result<(BuildContext, Option<DockerIgnore>)> {
        let ignore = match fs::read(path.join(".dockerignore")) {
            Ok(bytes) => Some(DockerIgnore::parse(&String::from_utf8_lossy(&bytes))),
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(e) => return Err(e),
        };
        let ctx = Self::from_dir_ignoring(path, ignore.as_ref())?;
        Ok((ctx, ignore))
    }

    /// [`BuildContext::from_dir`] with the ignore rules given rather than
    /// read from the folder: for BuildKit's `<Dockerfile>.dockerignore`,
    /// which takes the place of `.dockerignore` when it exists, or `None`
    /// for no exclusions at all.
    pub fn from_dir_ignoring(
        path: &Path,
        ignore: Option<&DockerIgnore>,
    ) -> io::Result<BuildContext> {
        let mut ctx = BuildContext::new();
        let mut pending = vec![(path.to_path_buf(), String::new())];
        while let Some((dir, prefix)) = pending.pop() {
            for entry in fs::read_dir(&dir)? {
                let entry = entry?;
                let rel = format!("{prefix}{}", entry.file_name().to_string_lossy());
                let kind = entry.file_type()?;
                if kind.is_dir() {
                    pending.push((entry.path(), format!("{rel}/")));
                    continue;
                }
                let excluded = ignore.is_some_and(|i| i.is_excluded(&rel));
                let file = if kind.is_symlink() {
                    let target = fs::read_link(entry.path())?;
                    let target = target.to_string_lossy();
                    let mut h = Fnv64::new();
                    h.write_str("symlink");
                    h.write_str(&target);
                    ContextFile {
                        kind: FileKind::from_path(&rel),
                        path: rel,
                        size: target.len() as u64,
                        assumed: false,
                        digest: h.finish(),
                    }
                } else if kind.is_file() {
                    let size = entry.metadata()?.len();
                    // Excluded files never reach a build: no need to read them.
                    let digest = if excluded {
                        stand_in_digest(&rel, size)
                    } else {
                        hash_file(&entry.path())?
                    };
                    ContextFile {
                        kind: FileKind::from_path(&rel),
                        path: rel,
                        size,
                        assumed: false,
                        digest,
                    }
                } else {
                    continue;
                };
                let target = if excluded {
                    &mut ctx.excluded
                } else {
                    &mut ctx.files
                };
                target.insert(file.path.clone(), file);
            }
        }
        Ok(ctx)
    }

    /// Builder form of [`BuildContext::apply_ignore`].
    pub fn with_dockerignore(mut self, ignore: &DockerIgnore) -> BuildContext {
        self.apply_ignore(ignore);
        self
    }

    /// Moves every file `ignore` excludes to [`BuildContext::excluded`];
    /// returns how many moved.
    pub fn apply_ignore(&mut self, ignore: &DockerIgnore) -> usize {
        let out: Vec<String> = self
            .files
            .keys()
            .filter(|p| ignore.is_excluded(p))
            .cloned()
            .collect();
        for path in &out {
            if let Some(file) = self.files.remove(path) {
                self.excluded.insert(path.clone(), file);
            }
        }
        out.len()
    }

    /// The files a `COPY`/`ADD` source selects, in path order, as BuildKit
    /// resolves it inside the context: the path is cleaned and anchored at
    /// the root (`/src`, `./src/` and `src` are the same); `.` selects
    /// everything; a file selects itself and a directory everything under
    /// it. With wildcards, the path is split at the first component that has
    /// one; below that base, each entry whose relative path matches the rest
    /// under Go's `filepath.Match` is taken, a matched directory with all it
    /// holds. A malformed glob selects nothing (BuildKit reports no match).
    pub fn select(&self, pattern: &str) -> Vec<&ContextFile> {
        let source = Source::new(pattern);
        self.files
            .values()
            .filter(|f| source.selects(&f.path))
            .collect()
    }

    /// The files a source would select among those `.dockerignore`
    /// excluded (what BuildKit's `CopyIgnoredFile` check reports).
    pub fn select_excluded(&self, pattern: &str) -> Vec<&ContextFile> {
        let source = Source::new(pattern);
        self.excluded
            .values()
            .filter(|f| source.selects(&f.path))
            .collect()
    }

    /// The content key of a selection, independent of order and
    /// duplicates: a hash over the (path, digest, size) triples sorted by
    /// path.
    pub fn digest_of(files: &[&ContextFile]) -> u64 {
        let mut sorted: Vec<&ContextFile> = files.to_vec();
        sorted.sort_by(|a, b| a.path.cmp(&b.path));
        sorted.dedup_by(|a, b| a.path == b.path);
        let mut h = Fnv64::new();
        h.write_u64(sorted.len() as u64);
        for f in sorted {
            h.write_str(&f.path);
            h.write_u64(f.digest);
            h.write_u64(f.size);
        }
        h.finish()
    }

    /// Bytes of the files a build can see.
    pub fn total_size(&self) -> u64 {
        self.files.values().map(|f| f.size).sum()
    }

    /// Bytes the `.dockerignore` kept out.
    pub fn excluded_size(&self) -> u64 {
        self.excluded.values().map(|f| f.size).sum()
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Fills in assumed files for a `COPY`/`ADD` source that selects
    /// nothing yet, so the simulator has something to size; returns how many
    /// files were added. Nothing is added when the source already selects
    /// files, or when it would select only `.dockerignore`d ones (BuildKit
    /// would not find them either).
    ///
    /// - a directory-looking source ([`looks_like_directory`]) gets its
    ///   [`assumed_tree`];
    /// - a file gets [`assumed_file_size`];
    /// - a glob gets the well-known file names it matches in its directory
    ///   when its last component starts with a literal (`package*.json` is
    ///   `package.json` and `package-lock.json`), else one example name made
    ///   from it (`*.py` is `app.py`);
    /// - a malformed glob gets nothing.
    pub fn infer_source(&mut self, source: &str) -> usize {
        let selector = Source::new(source);
        if self
            .files
            .keys()
            .chain(self.excluded.keys())
            .any(|p| selector.selects(p))
        {
            return 0;
        }
        let path = context_relative(source);
        let assumed = |path: &str| {
            let (size, kind) = assumed_file_size(path);
            ContextFile::without_content(path, size, true, kind)
        };
        let new: Vec<ContextFile> = match &selector {
            // BuildKit fails on it; nothing sensible to assume.
            Source::Nothing => Vec::new(),
            Source::Glob { .. } => {
                let (dir, last) = path.rsplit_once('/').unwrap_or(("", &path));
                let mut found: Vec<ContextFile> = Vec::new();
                if !has_wildcards(dir) && !last.starts_with(['*', '?', '[']) {
                    found = known_file_names()
                        .map(|name| {
                            if dir.is_empty() {
                                name.to_owned()
                            } else {
                                format!("{dir}/{name}")
                            }
                        })
                        .filter(|p| selector.selects(p))
                        .map(|p| assumed(&p))
                        .collect();
                }
                if found.is_empty() {
                    found.extend(
                        example_path(&path)
                            .filter(|p| selector.selects(p))
                            .map(|p| assumed(&p)),
                    );
                }
                found
            }
            _ if looks_like_directory(source) => {
                let tree = assumed_tree(&path);
                tree.paths(&path)
                    .iter()
                    .map(|p| ContextFile::without_content(p, tree.file_size, true, tree.kind))
                    .collect()
            }
            _ => vec![assumed(&path)],
        };
        let added = new.len();
        for file in new {
            self.insert_file(file);
        }
        added
    }
}

/// FNV-1a of a file's bytes, streamed.
fn hash_file(path: &Path) -> io::Result<u64> {
    let mut file = fs::File::open(path)?;
    let mut h = Fnv64::new();
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        match file.read(&mut buf) {
            Ok(0) => return Ok(h.finish()),
            Ok(n) => h.write(&buf[..n]),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
}

/// A resolved `COPY` source.
enum Source {
    /// `.`
    All,
    /// A plain path: that file, or everything under that directory.
    Path(String),
    /// Wildcards: the literal base directory (`""` for the root) and the
    /// compiled rest.
    Glob { base: String, rest: Vec<Token> },
    /// A malformed glob.
    Nothing,
}

impl Source {
    fn new(pattern: &str) -> Source {
        let path = context_relative(pattern);
        if path.is_empty() {
            return Source::All;
        }
        let components: Vec<&str> = path.split('/').collect();
        let Some(first) = components.iter().position(|c| has_wildcards(c)) else {
            return Source::Path(path);
        };
        match compile_match(&components[first..].join("/")) {
            Ok(rest) => Source::Glob {
                base: components[..first].join("/"),
                rest,
            },
            Err(_) => Source::Nothing,
        }
    }

    fn selects(&self, path: &str) -> bool {
        match self {
            Source::All => true,
            Source::Path(p) => path
                .strip_prefix(p.as_str())
                .is_some_and(|r| r.is_empty() || r.starts_with('/')),
            Source::Glob { base, rest } => {
                let relative = if base.is_empty() {
                    Some(path)
                } else {
                    path.strip_prefix(base.as_str())
                        .and_then(|r| r.strip_prefix('/'))
                };
                // The entry itself or any directory above it, below the base.
                relative.is_some_and(|r| {
                    go_match(rest, r) || r.match_indices('/').any(|(i, _)| go_match(rest, &r[..i]))
                })
            }
            Source::Nothing => false,
        }
    }
}

/// A path the glob `pattern` should match: a leading `*` of a component
/// becomes `app`, an inner one nothing, `?` an `x`, a class one of its
/// characters, an escape its character. `None` for a malformed class.
fn example_path(pattern: &str) -> Option<String> {
    let mut out = String::new();
    let mut i = 0;
    while let Some(c) = pattern[i..].chars().next() {
        let next = i + c.len_utf8();
        i = next;
        match c {
            '*' => {
                if (out.is_empty() || out.ends_with('/')) && !pattern[next..].starts_with('*') {
                    out.push_str("app");
                }
            }
            '?' => out.push('x'),
            '\\' => {
                if let Some(e) = pattern[next..].chars().next() {
                    out.push(e);
                    i = next + e.len_utf8();
                }
            }
            '[' => {
                let (class, end) = parse_class(pattern, next).ok()?;
                out.push(class.example()?);
                i = end;
            }
            _ => out.push(c),
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests;
