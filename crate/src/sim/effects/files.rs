//! File operations: deletion (whiteouts), copies and moves, links,
//! attribute changes (whole-file copy-up), in-place edits, and the account
//! files user creation rewrites.

use super::super::assume;
use super::{Executor, compress};
use crate::shell::argv::ArgWord;
use crate::sim::vfs::{self, Entry, Kind};

impl Executor<'_, '_> {
    /// Paths a word names: its value, or for a glob (`/var/lib/apt/lists/*`,
    /// whose value is unknown) the visible paths it matches.
    fn targets(&self, word: &ArgWord) -> Vec<String> {
        if let Some(p) = self.path(word) {
            return vec![p];
        }
        let raw = word.raw.trim_matches(|c| c == '"' || c == '\'');
        if raw.contains(['$', '`']) || !raw.contains(['*', '?', '[']) {
            return Vec::new();
        }
        let pattern = vfs::join(&self.cwd, raw);
        // Search from the longest literal prefix.
        let root = pattern[..pattern.find(['*', '?', '[']).unwrap_or(pattern.len())]
            .rsplit_once('/')
            .map(|(d, _)| if d.is_empty() { "/" } else { d })
            .unwrap_or("/")
            .to_string();
        let depth = pattern.matches('/').count();
        self.up
            .visible_subtree(&root)
            .into_iter()
            .filter(|p| p.matches('/').count() == depth && glob_match(&pattern, p))
            .collect()
    }

    pub(super) fn delete(&mut self, paths: &[ArgWord]) {
        for w in paths {
            for p in self.targets(w) {
                self.up.delete(&p);
            }
        }
    }

    pub(super) fn make_dirs(&mut self, paths: &[ArgWord]) {
        for w in paths {
            let Some(p) = self.path(w) else { continue };
            if self.mounted(&p) {
                continue;
            }
            // A file where a directory is wanted (`COPY app.txt /app` then
            // `mkdir -p /app`) makes mkdir fail.
            let mut at = p.as_str();
            while at != "/" {
                if self.up.get(at).is_some_and(|e| !e.is_dir()) {
                    self.note(format!("mkdir {p} fails: {at} is a file, not a directory"));
                    break;
                }
                at = vfs::parent(at);
            }
            self.up.mkdir_p(&p, self.uid);
        }
    }

    /// `cp` and `mv`: the copies are new entries with the same content;
    /// a move also deletes the source (a whiteout if it was below).
    pub(super) fn copy(&mut self, sources: &[ArgWord], dest: &ArgWord, remove: bool) {
        let Some(dest) = self.path(dest) else { return };
        let sources: Vec<String> = sources.iter().flat_map(|s| self.targets(s)).collect();
        let into_dir = sources.len() > 1 || self.up.get(&dest).is_some_and(Entry::is_dir);
        for src in sources {
            let target = if into_dir {
                format!("{}/{}", dest.trim_end_matches('/'), vfs::basename(&src))
            } else {
                dest.clone()
            };
            let entries: Vec<(String, Entry)> = self
                .up
                .visible_subtree(&src)
                .into_iter()
                .filter_map(|p| Some((p.clone(), self.up.get(&p)?.clone())))
                .collect();
            for (p, e) in entries {
                let to = format!("{target}{}", &p[src.len()..]);
                self.put(&to, e);
            }
            if remove {
                self.up.delete(&src);
            }
        }
    }

    pub(super) fn link(&mut self, target: &ArgWord, link: &ArgWord) {
        let (Some(t), Some(mut l)) = (target.value.clone(), self.path(link)) else {
            return;
        };
        if self.up.get(&l).is_some_and(Entry::is_dir) {
            l = format!("{}/{}", l.trim_end_matches('/'), vfs::basename(&t));
        }
        let entry = Entry {
            kind: Kind::Symlink(t),
            ..Entry::dir()
        };
        self.put(&l, entry);
    }

    /// `chmod`/`chown`: every file touched is copied up whole, which is how
    /// `chown -R` in its own RUN doubles a tree's bytes.
    pub(super) fn attributes(
        &mut self,
        paths: &[ArgWord],
        recursive: bool,
        owner: Option<&ArgWord>,
    ) {
        let uid = owner.map(|o| owner_uid(o.text()));
        let mut copied = 0u64;
        for w in paths {
            for p in self.targets(w) {
                let all = if recursive {
                    self.up.visible_subtree(&p)
                } else {
                    vec![p]
                };
                for q in all {
                    if self.mounted(&q) {
                        continue;
                    }
                    let changed = self.up.modify(&q, |e| match uid {
                        Some(u) => {
                            e.uid = u;
                            e.gid = u;
                        }
                        None => e.mode ^= 0o100,
                    });
                    if changed {
                        copied += self.up.get(&q).map(|e| e.size).unwrap_or(0);
                    }
                }
            }
        }
        if copied > 0 {
            self.out.seconds += copied as f64 / assume::DISK_BYTES_PER_S;
        }
    }

    pub(super) fn touch(&mut self, paths: &[ArgWord]) {
        for w in paths {
            let Some(p) = self.path(w) else { continue };
            if !self.up.modify(&p, |_| {}) {
                let content = self.content(&p);
                self.put(&p, Entry::file(0, 0, content));
            }
        }
    }

    /// `sed -i` and friends: a new file of about the same size.
    pub(super) fn edit(&mut self, files: &[ArgWord]) {
        for w in files {
            for p in self.targets(w) {
                let Some(old) = self.up.get(&p).cloned() else {
                    continue;
                };
                let content = self.content(&p);
                self.put(&p, Entry { content, ..old });
            }
        }
    }

    pub(super) fn create_user(
        &mut self,
        _name: &ArgWord,
        home: Option<&ArgWord>,
        create_home: bool,
    ) {
        self.account_files(true);
        if create_home {
            let home = home
                .and_then(|h| self.path(h))
                .unwrap_or_else(|| format!("/home/{}", _name.text()));
            self.up.mkdir_p(&home, 1000);
            // Debian's /etc/skel: .bashrc, .profile, .bash_logout.
            for (f, size) in [(".bashrc", 3_526), (".profile", 807), (".bash_logout", 220)] {
                let p = format!("{home}/{f}");
                let content = vfs_skel_content(f);
                self.put(
                    &p,
                    Entry::file(size, compress(size, assume::RATIO_TEXT), content),
                );
            }
        }
    }

    /// Adding a user or group rewrites the account databases whole.
    pub(super) fn account_files(&mut self, user: bool) {
        let files: &[&str] = if user {
            &["/etc/passwd", "/etc/shadow", "/etc/group", "/etc/gshadow"]
        } else {
            &["/etc/group", "/etc/gshadow"]
        };
        for f in files {
            if self.up.get(f).is_some() {
                let old = self.up.get(f).map(|e| e.size).unwrap_or(0);
                self.write_text(f, old + 60, false);
            }
        }
    }
}

/// Same skeleton files have the same content whoever they are copied for.
fn vfs_skel_content(name: &str) -> u64 {
    crate::sim::hash::hash_strs(["skel", name])
}

/// A numeric uid, or a stand-in for a name (names resolve at build time).
fn owner_uid(owner: &str) -> u32 {
    let user = owner.split([':', '.']).next().unwrap_or(owner);
    user.parse().unwrap_or(1000)
}

/// Shell glob over whole paths: `*` and `?` stay within one component, as
/// in Go's `filepath.Match`, which the context module implements; the
/// shell's `[!...]` negation is Go's `[^...]`.
pub(crate) fn glob_match(pattern: &str, path: &str) -> bool {
    crate::sim::context::glob_match(&pattern.replace("[!", "[^"), path).unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::glob_match;

    #[test]
    fn globs_stay_within_a_component() {
        assert!(glob_match(
            "/var/lib/apt/lists/*",
            "/var/lib/apt/lists/x_Packages.lz4"
        ));
        assert!(!glob_match("/var/lib/*", "/var/lib/apt/lists"));
        assert!(glob_match("/tmp/[a-c]?.txt", "/tmp/b1.txt"));
        assert!(!glob_match("/tmp/[!a-c]?.txt", "/tmp/b1.txt"));
    }
}
