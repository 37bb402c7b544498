//! A trimmed Debian `Packages` index (see `data/README.md` for the format)
//! and the lookups the resolver needs.

use std::collections::HashMap;
use std::fmt;

use super::tsv::{Line, header};

/// A Debian release the catalog ships an index for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Suite {
    /// Debian 12.
    Bookworm,
    /// Debian 13.
    Trixie,
}

impl Suite {
    /// Every suite with shipped data.
    pub const ALL: [Suite; 2] = [Suite::Bookworm, Suite::Trixie];

    /// The codename as Debian spells it.
    pub fn codename(self) -> &'static str {
        match self {
            Suite::Bookworm => "bookworm",
            Suite::Trixie => "trixie",
        }
    }

    /// Parses a codename (`"bookworm"`) or version (`"12"`).
    pub fn from_codename(s: &str) -> Option<Suite> {
        match s {
            "bookworm" | "12" => Some(Suite::Bookworm),
            "trixie" | "13" => Some(Suite::Trixie),
            _ => None,
        }
    }
}

impl fmt::Display for Suite {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.codename())
    }
}

/// Debian's `Priority` field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Priority {
    /// `required`
    Required,
    /// `important`
    Important,
    /// `standard`
    Standard,
    /// `optional`
    Optional,
    /// `extra` (or missing)
    Extra,
}

/// One binary package, trimmed to what the simulator uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Package {
    /// Package name.
    pub name: String,
    /// Version in the archive at the index date.
    pub version: String,
    /// `Installed-Size`, in KiB (Debian's unit).
    pub installed_kib: u64,
    /// `Size`: the `.deb` download, in bytes.
    pub download_bytes: u64,
    /// `Essential: yes`.
    pub essential: bool,
    /// `Priority`.
    pub priority: Priority,
    /// `Depends`: AND of OR-groups, version constraints dropped.
    pub depends: Vec<Vec<String>>,
    /// `Pre-Depends`, same shape as `depends`.
    pub pre_depends: Vec<Vec<String>>,
    /// `Recommends`, same shape as `depends`.
    pub recommends: Vec<Vec<String>>,
    /// Virtual package names this package provides.
    pub provides: Vec<String>,
}

impl Package {
    /// `Installed-Size` in bytes (KiB × 1024), as apt reports it.
    pub fn installed_bytes(&self) -> u64 {
        self.installed_kib * 1024
    }
}

/// Where an index came from, read from its `#` header lines.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IndexSource {
    /// `source:` line: the Packages URL.
    pub url: String,
    /// `release:` line: origin, version, codename and the Release file's date.
    pub release: String,
}

/// Error reading an index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexError(pub String);

impl fmt::Display for IndexError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "bad Debian index: {}", self.0)
    }
}

impl std::error::Error for IndexError {}

/// A parsed index: packages by name and by what they provide.
#[derive(Debug, Clone, Default)]
pub struct DebianIndex {
    /// Header facts (source URL, release date).
    pub source: IndexSource,
    packages: Vec<Package>,
    by_name: HashMap<String, usize>,
    providers: HashMap<String, Vec<usize>>,
}

impl DebianIndex {
    /// Parses the tab-separated `.pkgs` text written by
    /// `scripts/data/debian_packages.py`.
    pub fn parse(text: &str) -> Result<DebianIndex, IndexError> {
        let mut idx = DebianIndex::default();
        for line in super::tsv::lines(text) {
            let (lineno, f) = match line {
                Line::Header(h) => {
                    if let Some(v) = header(h, "source") {
                        idx.source.url = v.to_string();
                    } else if let Some(v) = header(h, "release") {
                        idx.source.release = v.to_string();
                    }
                    continue;
                }
                Line::Row { line, fields } => (line, fields),
            };
            if f.len() != 9 {
                return Err(IndexError(format!(
                    "line {}: {} fields, want 9",
                    lineno,
                    f.len()
                )));
            }
            let num = |s: &str| {
                s.parse::<u64>()
                    .map_err(|_| IndexError(format!("line {lineno}: bad number {s:?}")))
            };
            let flags = f[4];
            let priority = match flags.trim_start_matches('E') {
                "r" => Priority::Required,
                "i" => Priority::Important,
                "s" => Priority::Standard,
                "o" => Priority::Optional,
                _ => Priority::Extra,
            };
            idx.push(Package {
                name: f[0].to_string(),
                version: f[1].to_string(),
                installed_kib: num(f[2])?,
                download_bytes: num(f[3])?,
                essential: flags.starts_with('E'),
                priority,
                depends: parse_relation(f[5]),
                pre_depends: parse_relation(f[6]),
                recommends: parse_relation(f[7]),
                provides: f[8]
                    .split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(String::from)
                    .collect(),
            });
        }
        Ok(idx)
    }

    /// Parses a gzip-compressed `.pkgs.gz` (the full indexes are shipped
    /// that way to stay small in git).
    pub fn from_gzip(bytes: &[u8]) -> Result<DebianIndex, IndexError> {
        let text = super::gzip::gunzip_text(bytes)?;
        DebianIndex::parse(&text)
    }

    fn push(&mut self, p: Package) {
        let i = self.packages.len();
        for v in &p.provides {
            self.providers.entry(v.clone()).or_default().push(i);
        }
        // The archive has one version per name and suite; keep the first.
        self.by_name.entry(p.name.clone()).or_insert(i);
        self.packages.push(p);
    }

    /// The package named `name`, if the index has one (virtual names are not
    /// packages: see [`DebianIndex::providers`]).
    pub fn get(&self, name: &str) -> Option<&Package> {
        self.by_name.get(name).map(|&i| &self.packages[i])
    }

    /// Real packages that `Provides:` `name`.
    pub fn providers(&self, name: &str) -> impl Iterator<Item = &Package> {
        self.providers
            .get(name)
            .into_iter()
            .flatten()
            .map(|&i| &self.packages[i])
    }

    /// Every package, in file order (by name).
    pub fn packages(&self) -> &[Package] {
        &self.packages
    }

    /// Number of packages.
    pub fn len(&self) -> usize {
        self.packages.len()
    }

    /// True when the index holds no package.
    pub fn is_empty(&self) -> bool {
        self.packages.is_empty()
    }
}

/// `a, b | c` -> `[[a], [b, c]]`.
fn parse_relation(field: &str) -> Vec<Vec<String>> {
    field
        .split(',')
        .map(|group| {
            group
                .split('|')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect::<Vec<_>>()
        })
        .filter(|g| !g.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# source: https://example.invalid/Packages.xz\n\
# release: Debian 12.15 (bookworm), Release Date: Sat, 11 Jul 2026 10:16:37 UTC\n\
curl\t7.88.1-10+deb12u15\t489\t315764\to\tlibc6, libcurl4, zlib1g\t\t\t\n\
mawk\t1.3.4\t263\t100\tr\tlibc6\t\t\tawk\n\
dash\t0.5.12-2\t200\t100\tEr\t\tlibc6\t\tsh\n";

    #[test]
    fn parses_fields_and_header() {
        let idx = DebianIndex::parse(SAMPLE).unwrap();
        assert_eq!(idx.len(), 3);
        assert_eq!(idx.source.url, "https://example.invalid/Packages.xz");
        assert!(idx.source.release.contains("11 Jul 2026"));
        let curl = idx.get("curl").unwrap();
        assert_eq!(curl.installed_bytes(), 489 * 1024);
        assert_eq!(curl.depends.len(), 3);
        assert_eq!(curl.priority, Priority::Optional);
        let dash = idx.get("dash").unwrap();
        assert!(dash.essential);
        assert_eq!(dash.priority, Priority::Required);
        assert_eq!(dash.pre_depends, vec![vec!["libc6".to_string()]]);
        assert_eq!(idx.providers("awk").next().unwrap().name, "mawk");
        assert!(idx.get("awk").is_none());
    }

    #[test]
    fn relation_alternatives() {
        assert_eq!(
            parse_relation("a, b | c ,"),
            vec![
                vec!["a".to_string()],
                vec!["b".to_string(), "c".to_string()]
            ]
        );
        assert!(parse_relation("").is_empty());
    }

    #[test]
    fn rejects_short_lines() {
        assert!(DebianIndex::parse("curl\t1\n").is_err());
    }

    #[test]
    fn gunzip_rejects_garbage() {
        assert!(super::super::gzip::gunzip(b"not gzip at all, really not").is_err());
    }
}
