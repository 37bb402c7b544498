//! A virtual filesystem with overlay semantics: a merged view ([`Tree`])
//! and, per build step, the changeset the step writes ([`Upper`] while it
//! runs, [`Changeset`] once it is committed).
//!
//! The rules are those of OCI layer tars on an overlay snapshotter:
//! additions and modifications are stored whole; a change to a lower file
//! (append, `sed -i`, `chmod`, `chown`, `touch`) copies the entire file up;
//! deleting a lower path writes a whiteout, which never frees the lower
//! bytes; a path created and deleted within one step leaves nothing.

use std::collections::BTreeMap;

use serde::Serialize;

/// What a path is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "type", content = "target")]
pub enum Kind {
    File,
    Dir,
    Symlink(String),
    /// Many files whose names the simulation does not know, sized as one
    /// (a base layer, a package's files, a `node_modules` tree).
    Bundle,
}

/// One path's entry in a layer or in the merged view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    #[serde(flatten)]
    pub kind: Kind,
    /// Content bytes (0 for directories and links), as `docker history` and
    /// dive count them.
    pub size: u64,
    /// Estimated gzip bytes of this entry inside a layer blob.
    pub compressed: u64,
    pub mode: u32,
    pub uid: u32,
    pub gid: u32,
    /// Identifies the content: equal ids mean byte-identical files. A
    /// rebuilt step gets new ids (builds are not reproducible by default).
    pub content: u64,
    /// True when the size rests on an assumption rather than data.
    pub estimate: bool,
    /// Where the figure comes from, for the file tree.
    #[serde(skip_serializing_if = "Option::is_none")]
    /// Shared, so that copying trees and layers does not copy the text.
    pub note: Option<std::sync::Arc<str>>,
}

impl Entry {
    /// A directory owned by root.
    pub fn dir() -> Entry {
        Entry {
            kind: Kind::Dir,
            size: 0,
            compressed: 0,
            mode: 0o755,
            uid: 0,
            gid: 0,
            content: 0,
            estimate: false,
            note: None,
        }
    }

    /// A regular file of `size` bytes.
    pub fn file(size: u64, compressed: u64, content: u64) -> Entry {
        Entry {
            kind: Kind::File,
            size,
            compressed,
            mode: 0o644,
            content,
            ..Entry::dir()
        }
    }

    /// A bundle of files sized as one.
    pub fn bundle(size: u64, compressed: u64, content: u64, note: String) -> Entry {
        Entry {
            kind: Kind::Bundle,
            note: Some(note.into()),
            ..Entry::file(size, compressed, content)
        }
    }

    pub fn is_dir(&self) -> bool {
        self.kind == Kind::Dir
    }

    pub fn with_estimate(mut self, estimate: bool) -> Entry {
        self.estimate = estimate;
        self
    }
}

/// A change a layer records for one path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "change")]
pub enum Change {
    /// The path did not exist below.
    Added(Entry),
    /// The path existed below; the whole entry is stored again.
    Modified(Entry),
    /// A whiteout: the path (and for a directory its subtree) is hidden.
    /// `hidden` is what the lower layers still hold under it.
    Removed { hidden: u64 },
    /// A lower directory deleted and created again in one step: an opaque
    /// directory that hides everything the lower layers had under it.
    Opaque { entry: Entry, hidden: u64 },
}

impl Change {
    /// The entry stored in the layer, if any.
    pub fn entry(&self) -> Option<&Entry> {
        match self {
            Change::Added(e) | Change::Modified(e) | Change::Opaque { entry: e, .. } => Some(e),
            Change::Removed { .. } => None,
        }
    }
}

/// The merged view of a stack of layers: path to entry. Paths are
/// absolute and normalised (`/a/b`); the root is implicit.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tree {
    entries: BTreeMap<String, Entry>,
}

impl Tree {
    pub fn get(&self, path: &str) -> Option<&Entry> {
        self.entries.get(path)
    }

    pub fn contains(&self, path: &str) -> bool {
        path == "/" || self.entries.contains_key(path)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &Entry)> {
        self.entries.iter()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// `path` itself and everything under it.
    pub fn subtree<'a>(&'a self, path: &'a str) -> impl Iterator<Item = (&'a String, &'a Entry)> {
        let prefix = if path == "/" {
            String::from("/")
        } else {
            format!("{path}/")
        };
        let own = self.entries.get_key_value(path);
        own.into_iter().chain(
            self.entries
                .range(prefix.clone()..)
                .take_while(move |(k, _)| k.starts_with(&prefix)),
        )
    }

    /// Total content bytes under `path` (inclusive).
    pub fn subtree_size(&self, path: &str) -> u64 {
        self.subtree(path).map(|(_, e)| e.size).sum()
    }

    /// The direct children of directory `path`.
    pub fn children<'a>(&'a self, path: &'a str) -> impl Iterator<Item = &'a String> {
        self.subtree(path)
            .map(|(k, _)| k)
            .filter(move |k| k.as_str() != path && parent(k) == path)
    }

    /// Applies a committed layer (§1.4 of the OCI layer spec's algorithm).
    pub fn apply(&mut self, layer: &Changeset) {
        for (path, change) in &layer.changes {
            match change {
                Change::Removed { .. } => self.remove_subtree(path),
                Change::Opaque { entry, .. } => {
                    self.remove_subtree(path);
                    self.entries.insert(path.clone(), entry.clone());
                }
                Change::Added(e) | Change::Modified(e) => {
                    // A directory over a directory keeps its children; only
                    // replacing a directory by something else drops them.
                    let below_is_dir = self.get(path).is_some_and(Entry::is_dir);
                    if below_is_dir && !e.is_dir() {
                        self.remove_subtree(path);
                    }
                    self.entries.insert(path.clone(), e.clone());
                }
            }
        }
    }

    /// Inserts an entry directly (base layers).
    pub fn insert(&mut self, path: String, entry: Entry) {
        self.entries.insert(path, entry);
    }

    fn remove_subtree(&mut self, path: &str) {
        let doomed: Vec<String> = self.subtree(path).map(|(k, _)| k.clone()).collect();
        for k in doomed {
            self.entries.remove(&k);
        }
    }
}

/// A committed layer: the changes of one step, keyed by path.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Changeset {
    pub changes: BTreeMap<String, Change>,
}

impl Changeset {
    /// Content bytes stored in the layer (what `docker history` shows).
    pub fn size(&self) -> u64 {
        self.changes
            .values()
            .filter_map(Change::entry)
            .map(|e| e.size)
            .sum()
    }

    /// Estimated gzip bytes of the layer blob, including tar headers
    /// (512 B per entry, compressing to roughly a tenth).
    pub fn compressed(&self) -> u64 {
        let content: u64 = self
            .changes
            .values()
            .filter_map(Change::entry)
            .map(|e| e.compressed)
            .sum();
        // An empty layer is BuildKit's 32-byte gzip of an empty tar.
        content + 32 + self.changes.len() as u64 * 51
    }

    /// True when any size in it rests on an assumption.
    pub fn estimate(&self) -> bool {
        self.changes
            .values()
            .filter_map(Change::entry)
            .any(|e| e.estimate)
    }

    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// Counts of added, modified and removed paths.
    pub fn counts(&self) -> (usize, usize, usize) {
        let mut c = (0, 0, 0);
        for ch in self.changes.values() {
            match ch {
                Change::Added(_) => c.0 += 1,
                Change::Modified(_) | Change::Opaque { .. } => c.1 += 1,
                Change::Removed { .. } => c.2 += 1,
            }
        }
        c
    }
}

/// The writable upper layer of a step while it runs: reads see the lower
/// tree with this step's changes on top.
#[derive(Debug)]
pub struct Upper<'a> {
    lower: &'a Tree,
    changes: BTreeMap<String, Change>,
    /// Whether any change can hide lower paths (a whiteout, an opaque
    /// directory, a lower directory replaced by a file). Most steps only
    /// add files, and then reads skip the ancestor walk.
    shadows: bool,
}

impl<'a> Upper<'a> {
    pub fn new(lower: &'a Tree) -> Upper<'a> {
        Upper {
            lower,
            changes: BTreeMap::new(),
            shadows: false,
        }
    }

    /// The lower tree this step started from.
    pub fn lower(&self) -> &Tree {
        self.lower
    }

    /// What a read of `path` sees now.
    pub fn get(&self, path: &str) -> Option<&Entry> {
        if let Some(change) = self.changes.get(path) {
            return change.entry();
        }
        if self.hidden(path) {
            return None;
        }
        self.lower.get(path)
    }

    pub fn exists(&self, path: &str) -> bool {
        path == "/" || self.get(path).is_some()
    }

    /// Whether a whiteout of `path` or an ancestor, or a replacement of an
    /// ancestor by a non-directory, hides the lower `path`.
    fn hidden(&self, path: &str) -> bool {
        if !self.shadows {
            return false;
        }
        let mut p = path;
        loop {
            match self.changes.get(p) {
                Some(Change::Removed { .. }) => return true,
                Some(Change::Opaque { .. }) if p != path => return true,
                Some(Change::Added(e) | Change::Modified(e)) if p != path && !e.is_dir() => {
                    return true;
                }
                _ => {}
            }
            if p == "/" || p.is_empty() {
                return false;
            }
            p = parent(p);
        }
    }

    /// Every visible path under `path` (inclusive), sorted.
    pub fn visible_subtree(&self, path: &str) -> Vec<String> {
        let mut out: Vec<String> = self
            .lower
            .subtree(path)
            .map(|(k, _)| k.clone())
            .filter(|k| !self.hidden(k))
            .collect();
        let prefix = format!("{}/", path.trim_end_matches('/'));
        out.extend(
            self.changes
                .iter()
                .filter(|(k, c)| {
                    c.entry().is_some() && (k.as_str() == path || k.starts_with(&prefix))
                })
                .map(|(k, _)| k.clone()),
        );
        out.sort();
        out.dedup();
        out
    }

    /// Visible direct children of `dir`.
    pub fn children(&self, dir: &str) -> Vec<String> {
        self.visible_subtree(dir)
            .into_iter()
            .filter(|k| k != dir && parent(k) == dir)
            .collect()
    }

    /// Creates `dir` and its missing parents.
    pub fn mkdir_p(&mut self, dir: &str, uid: u32) {
        if dir == "/" || dir.is_empty() || self.get(dir).is_some_and(Entry::is_dir) {
            return;
        }
        let up = parent(dir).to_string();
        self.mkdir_p(&up, uid);
        match self.get(dir) {
            Some(e) if e.is_dir() => {}
            _ => {
                let entry = Entry {
                    uid,
                    gid: uid,
                    ..Entry::dir()
                };
                self.put(dir, entry);
            }
        }
    }

    /// Writes `entry` at `path` (creating parents), replacing what is there.
    pub fn write(&mut self, path: &str, entry: Entry) {
        let up = parent(path).to_string();
        self.mkdir_p(&up, 0);
        if let Some(old) = self.get(path)
            && old.is_dir()
            && !entry.is_dir()
        {
            self.delete(path);
        }
        self.put(path, entry);
    }

    fn put(&mut self, path: &str, entry: Entry) {
        if let Some(Change::Removed { hidden } | Change::Opaque { hidden, .. }) =
            self.changes.get(path)
            && entry.is_dir()
        {
            let hidden = *hidden;
            self.changes
                .insert(path.to_string(), Change::Opaque { entry, hidden });
            return;
        }
        let lower = self.lower.get(path);
        if !entry.is_dir() && lower.is_some_and(Entry::is_dir) {
            self.shadows = true;
        }
        let below = lower.is_some() && !self.hidden_above(path);
        let change = if below {
            Change::Modified(entry)
        } else {
            Change::Added(entry)
        };
        self.changes.insert(path.to_string(), change);
    }

    /// Whether an ancestor of `path` was removed or replaced in this step
    /// (then a write at `path` is an addition, not a modification).
    fn hidden_above(&self, path: &str) -> bool {
        path != "/" && self.hidden(parent(path))
            || matches!(self.changes.get(path), Some(Change::Removed { .. }))
    }

    /// Changes an existing entry in place: the whole entry is copied up.
    /// Returns false when the path does not exist.
    pub fn modify(&mut self, path: &str, f: impl FnOnce(&mut Entry)) -> bool {
        let Some(mut e) = self.get(path).cloned() else {
            return false;
        };
        f(&mut e);
        self.put(path, e);
        true
    }

    /// Deletes `path` and its subtree. Paths created in this step vanish;
    /// lower ones get one whiteout (a directory's covers its subtree).
    pub fn delete(&mut self, path: &str) -> bool {
        if !self.exists(path) || path == "/" {
            return false;
        }
        let prefix = format!("{path}/");
        self.changes
            .retain(|k, _| k != path && !k.starts_with(&prefix));
        let hidden: u64 = self
            .lower
            .subtree(path)
            .filter(|(k, _)| !self.hidden(k))
            .map(|(_, e)| e.size)
            .sum();
        if self.lower.get(path).is_some() && !self.hidden(path) {
            self.changes
                .insert(path.to_string(), Change::Removed { hidden });
            self.shadows = true;
        }
        true
    }

    /// Commits the step.
    pub fn commit(self) -> Changeset {
        Changeset {
            changes: self.changes,
        }
    }
}

/// The parent of a normalised absolute path (`/` for top-level paths).
pub fn parent(path: &str) -> &str {
    match path.rfind('/') {
        Some(0) | None => "/",
        Some(i) => &path[..i],
    }
}

/// `base` joined with `path`, with `.` and `..` resolved; the result is
/// absolute and has no trailing slash.
pub fn join(base: &str, path: &str) -> String {
    // The same rule WORKDIR follows, so paths in RUN and COPY agree with it.
    crate::model::join_path(base, path)
}

/// The last component of a path.
pub fn basename(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> Tree {
        let mut t = Tree::default();
        t.insert("/etc".into(), Entry::dir());
        t.insert("/etc/passwd".into(), Entry::file(1000, 300, 1));
        t.insert("/var".into(), Entry::dir());
        t.insert("/var/lib".into(), Entry::dir());
        t.insert("/var/lib/apt".into(), Entry::dir());
        t.insert("/var/lib/apt/lists".into(), Entry::dir());
        t.insert("/var/lib/apt/lists/a".into(), Entry::file(500, 100, 2));
        t
    }

    #[test]
    fn create_and_delete_in_one_step_costs_nothing() {
        let lower = base();
        let mut up = Upper::new(&lower);
        up.write("/tmp/big", Entry::file(10_000, 9_000, 3));
        assert!(up.delete("/tmp/big"));
        let layer = up.commit();
        assert_eq!(layer.size(), 0);
        assert!(layer.changes.keys().all(|k| k != "/tmp/big"));
    }

    #[test]
    fn deleting_a_lower_file_is_a_whiteout_and_frees_nothing() {
        let lower = base();
        let mut up = Upper::new(&lower);
        up.delete("/var/lib/apt/lists");
        let layer = up.commit();
        assert_eq!(
            layer.changes.get("/var/lib/apt/lists"),
            Some(&Change::Removed { hidden: 500 })
        );
        assert_eq!(layer.changes.len(), 1, "one marker for the directory");
        let mut merged = lower.clone();
        merged.apply(&layer);
        assert!(merged.get("/var/lib/apt/lists/a").is_none());
    }

    #[test]
    fn chmod_copies_the_whole_file_up() {
        let lower = base();
        let mut up = Upper::new(&lower);
        assert!(up.modify("/etc/passwd", |e| e.mode = 0o600));
        let layer = up.commit();
        assert_eq!(layer.size(), 1000);
        assert!(matches!(layer.changes["/etc/passwd"], Change::Modified(_)));
    }

    #[test]
    fn delete_then_recreate_is_an_addition_over_a_whiteout() {
        let lower = base();
        let mut up = Upper::new(&lower);
        up.delete("/var/lib/apt/lists");
        up.mkdir_p("/var/lib/apt/lists", 0);
        assert!(!up.exists("/var/lib/apt/lists/a"));
        let layer = up.commit();
        let mut merged = lower.clone();
        merged.apply(&layer);
        assert!(merged.contains("/var/lib/apt/lists"));
        assert!(!merged.contains("/var/lib/apt/lists/a"));
    }

    #[test]
    fn paths_join_and_split() {
        assert_eq!(join("/app", "src/../lib/"), "/app/lib");
        assert_eq!(join("/app", "/srv"), "/srv");
        assert_eq!(parent("/a/b"), "/a");
        assert_eq!(parent("/a"), "/");
        assert_eq!(basename("/a/b.txt"), "b.txt");
    }
}
