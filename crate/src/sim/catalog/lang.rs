//! PyPI and npm package indexes (`data/pypi.pkgs`, `data/npm.pkgs`, written
//! by `scripts/data/lang_packages.py`; see `data/README.md`) and the install
//! closure over them.
//!
//! Line format, tab-separated, `#` lines are comments:
//! `name version installed_bytes download_bytes flags depends`, where
//! `depends` is a comma list of names (PyPI) or `name@version` (npm).

use std::collections::{HashMap, HashSet, VecDeque};
use std::fmt;

use super::IndexError;
use super::tsv::{Line, header};

/// A language package registry the catalog ships an index for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Ecosystem {
    /// The Python Package Index (`pip install`).
    PyPI,
    /// The npm registry (`npm install`, `yarn add`, `pnpm add`).
    Npm,
}

impl Ecosystem {
    /// Every ecosystem with shipped data.
    pub const ALL: [Ecosystem; 2] = [Ecosystem::PyPI, Ecosystem::Npm];

    /// The registry's usual name.
    pub fn name(self) -> &'static str {
        match self {
            Ecosystem::PyPI => "PyPI",
            Ecosystem::Npm => "npm",
        }
    }

    /// The name the index files use: PEP 503 normalisation for PyPI (runs
    /// of `-`, `_`, `.` become one `-`, lower case), since pip treats
    /// `Flask`, `flask` and `FLASK` alike; npm names are case-sensitive and
    /// kept as given.
    pub fn normalize(self, name: &str) -> String {
        match self {
            Ecosystem::Npm => name.to_string(),
            Ecosystem::PyPI => {
                let mut out = String::with_capacity(name.len());
                let mut sep = false;
                for c in name.chars() {
                    if matches!(c, '-' | '_' | '.') {
                        sep = true;
                    } else {
                        if sep && !out.is_empty() {
                            out.push('-');
                        }
                        sep = false;
                        out.extend(c.to_lowercase());
                    }
                }
                out
            }
        }
    }

    /// The package name in an install argument, without version or extras:
    /// `Flask[async]>=3` → `flask`, `express@^5` → `express`,
    /// `@types/node@22` → `@types/node`. `None` for paths, URLs and
    /// options, which name no registry package.
    pub fn request_name(self, spec: &str) -> Option<String> {
        let spec = spec.trim();
        if spec.is_empty() || spec.starts_with(['-', '.', '/', '$']) || spec.contains("://") {
            return None;
        }
        let name = match self {
            Ecosystem::PyPI => {
                let end = spec
                    .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
                    .unwrap_or(spec.len());
                &spec[..end]
            }
            Ecosystem::Npm => {
                // A leading `@` is a scope; the next `@` starts the version.
                let at = spec[1..].find('@').map(|i| i + 1).unwrap_or(spec.len());
                let name = &spec[..at];
                if name.contains(':') || (name.contains('/') && !name.starts_with('@')) {
                    return None;
                }
                name
            }
        };
        (!name.is_empty()).then(|| self.normalize(name))
    }
}

impl fmt::Display for Ecosystem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A direct dependency as recorded: npm records pin the version the
/// script's resolver picked (none when no release satisfied the range);
/// PyPI records hold one version per name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LangDep {
    /// Package name (normalised for PyPI).
    pub name: String,
    /// The exact version to use, when recorded.
    pub version: Option<String>,
}

/// One release of a package, with its sizes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LangPackage {
    /// Package name (PEP 503-normalised for PyPI).
    pub name: String,
    /// Release version.
    pub version: String,
    /// Bytes on disk after install: the files of the chosen wheel, or of
    /// the npm tarball.
    pub installed_bytes: u64,
    /// Bytes downloaded: the wheel, sdist or tarball.
    pub download_bytes: u64,
    /// True when `installed_bytes` is an estimate (PyPI project without a
    /// usable wheel: the files of its sdist were summed instead).
    pub installed_estimated: bool,
    /// True for the release the registry's `latest` tag named at crawl time
    /// (npm; PyPI records are all the latest release).
    pub latest: bool,
    /// Direct dependencies on Linux x86_64, in the order the metadata lists
    /// them.
    pub depends: Vec<LangDep>,
}

/// Where an index came from, read from its `#` header lines.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LangSource {
    /// `source:` line: the registry URLs read.
    pub url: String,
    /// `date:` line: the day the registry was read (UTC, `YYYY-MM-DD`).
    pub date: String,
}

/// A parsed index for one ecosystem.
#[derive(Debug, Clone)]
pub struct LangIndex {
    /// Which registry.
    pub ecosystem: Ecosystem,
    /// Header facts (source, date).
    pub source: LangSource,
    packages: Vec<LangPackage>,
    by_name: HashMap<String, usize>,
    by_version: HashMap<(String, String), usize>,
}

/// What installing some packages adds, dependencies included.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LangClosure {
    /// Each package once: the requested ones in request order, then their
    /// dependencies breadth-first in the order the metadata lists them.
    pub added: Vec<LangPackage>,
    /// Requested names, or dependencies (`name@version` for npm), that the
    /// index does not hold. They are reported, never counted as zero bytes.
    pub unknown: Vec<String>,
}

impl LangClosure {
    /// Sum of the added packages' installed sizes.
    pub fn installed_bytes(&self) -> u64 {
        self.added.iter().map(|p| p.installed_bytes).sum()
    }

    /// Sum of the added packages' download sizes.
    pub fn download_bytes(&self) -> u64 {
        self.added.iter().map(|p| p.download_bytes).sum()
    }

    /// True when some size is an estimate or some package is unknown.
    pub fn is_partial(&self) -> bool {
        !self.unknown.is_empty() || self.added.iter().any(|p| p.installed_estimated)
    }
}

impl LangIndex {
    /// Parses the text written by `scripts/data/lang_packages.py`.
    pub fn parse(ecosystem: Ecosystem, text: &str) -> Result<LangIndex, IndexError> {
        let mut idx = LangIndex {
            ecosystem,
            source: LangSource::default(),
            packages: Vec::new(),
            by_name: HashMap::new(),
            by_version: HashMap::new(),
        };
        for line in super::tsv::lines(text) {
            let (lineno, f) = match line {
                Line::Header(h) => {
                    if let Some(v) = header(h, "source") {
                        idx.source.url = v.to_string();
                    } else if let Some(v) = header(h, "date") {
                        idx.source.date = v.to_string();
                    }
                    continue;
                }
                Line::Row { line, fields } => (line, fields),
            };
            let bad = |m: String| IndexError(format!("{ecosystem} line {lineno}: {m}"));
            if f.len() != 6 {
                return Err(bad(format!("{} fields, want 6", f.len())));
            }
            let num = |s: &str| {
                s.parse::<u64>()
                    .map_err(|_| bad(format!("bad number {s:?}")))
            };
            let depends = f[5]
                .split(',')
                .filter(|s| !s.is_empty())
                .map(|d| split_dep(ecosystem, d))
                .collect();
            idx.push(LangPackage {
                name: ecosystem.normalize(f[0]),
                version: f[1].to_string(),
                installed_bytes: num(f[2])?,
                download_bytes: num(f[3])?,
                installed_estimated: f[4].contains('e'),
                // PyPI records are the latest release by construction.
                latest: ecosystem == Ecosystem::PyPI || f[4].contains('L'),
                depends,
            });
        }
        Ok(idx)
    }

    /// Parses a gzip-compressed index (the full npm index ships that way).
    pub fn from_gzip(ecosystem: Ecosystem, bytes: &[u8]) -> Result<LangIndex, IndexError> {
        let text = super::gzip::gunzip_text(bytes)?;
        LangIndex::parse(ecosystem, &text)
    }

    fn push(&mut self, p: LangPackage) {
        let i = self.packages.len();
        self.by_version
            .insert((p.name.clone(), p.version.clone()), i);
        // A bare name answers the `latest` release; failing that, the last
        // listed (the file lists a name's versions in ascending order).
        match self.by_name.get(&p.name) {
            Some(&j) if self.packages[j].latest && !p.latest => {}
            _ => {
                self.by_name.insert(p.name.clone(), i);
            }
        }
        self.packages.push(p);
    }

    /// The release `pip install NAME` / `npm install NAME` would fetch, if
    /// the index holds the package. PyPI names are normalised first.
    pub fn get(&self, name: &str) -> Option<&LangPackage> {
        let key = self.ecosystem.normalize(name);
        self.by_name.get(&key).map(|&i| &self.packages[i])
    }

    /// A specific release, if listed.
    pub fn get_version(&self, name: &str, version: &str) -> Option<&LangPackage> {
        let key = (self.ecosystem.normalize(name), version.to_string());
        self.by_version.get(&key).map(|&i| &self.packages[i])
    }

    /// Every record, in file order (by name, then version).
    pub fn packages(&self) -> &[LangPackage] {
        &self.packages
    }

    /// Number of records (npm may list several versions of one name).
    pub fn len(&self) -> usize {
        self.packages.len()
    }

    /// True when the index holds no record.
    pub fn is_empty(&self) -> bool {
        self.packages.is_empty()
    }

    /// Everything installing `names` brings in, each release once.
    pub fn closure(&self, names: &[&str]) -> LangClosure {
        let mut out = LangClosure::default();
        let mut seen: HashSet<usize> = HashSet::new();
        let mut unknown: HashSet<String> = HashSet::new();
        let mut queue: VecDeque<usize> = VecDeque::new();
        let mut note_unknown = |s: String, out: &mut LangClosure| {
            if unknown.insert(s.clone()) {
                out.unknown.push(s);
            }
        };
        for name in names {
            match self.by_name.get(&self.ecosystem.normalize(name)) {
                Some(&i) => {
                    if seen.insert(i) {
                        queue.push_back(i);
                    }
                }
                None => note_unknown(name.to_string(), &mut out),
            }
        }
        while let Some(i) = queue.pop_front() {
            let p = &self.packages[i];
            for d in &p.depends {
                let found = match (&d.version, self.ecosystem) {
                    (Some(v), _) => self.by_version.get(&(d.name.clone(), v.clone())),
                    (None, Ecosystem::PyPI) => self.by_name.get(&d.name),
                    // An npm dependency without a version is a range no
                    // release satisfied at crawl time (npm would fail with
                    // ETARGET): unknown, not whatever version we hold.
                    (None, Ecosystem::Npm) => None,
                };
                match found {
                    Some(&j) => {
                        if seen.insert(j) {
                            queue.push_back(j);
                        }
                    }
                    None => note_unknown(
                        match &d.version {
                            Some(v) => format!("{}@{v}", d.name),
                            None => d.name.clone(),
                        },
                        &mut out,
                    ),
                }
            }
            out.added.push(p.clone());
        }
        out
    }
}

/// `name` or `name@version` (a leading `@` is an npm scope).
fn split_dep(eco: Ecosystem, d: &str) -> LangDep {
    let d = d.trim();
    match d.get(1..).and_then(|rest| rest.rfind('@')).map(|i| i + 1) {
        Some(at) => LangDep {
            name: eco.normalize(&d[..at]),
            version: Some(d[at + 1..].to_string()),
        },
        None => LangDep {
            name: eco.normalize(d),
            version: None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PYPI: &str = "# layerlab PyPI package index\n\
# source: https://pypi.invalid/pypi/<name>/json\n\
# date: 2026-11-28\n\
flask\t3.1.3\t300000\t103424\t\tblinker,click,itsdangerous,jinja2,markupsafe,werkzeug\n\
blinker\t1.9.0\t20000\t8000\t\t\n\
click\t8.3.1\t250000\t100000\t\t\n\
itsdangerous\t2.2.0\t40000\t16000\t\t\n\
jinja2\t3.1.6\t800000\t130000\t\tmarkupsafe\n\
markupsafe\t3.0.3\t50000\t20000\t\t\n\
werkzeug\t3.1.4\t900000\t220000\t\tmarkupsafe\n\
oldthing\t0.1\t12345\t4000\te\tghost\n";

    const NPM: &str = "# source: https://npm.invalid\n\
# date: 2026-11-28\n\
@scope/a\t1.0.0\t100\t50\tL\tms@2.1.3,debug@4.4.0\n\
debug\t2.6.9\t80\t40\t\tms@2.0.0\n\
debug\t4.4.0\t90\t45\tL\tms@2.1.3\n\
ms\t2.0.0\t10\t5\t\t\n\
ms\t2.1.3\t12\t6\tL\t\n\
old\t1.0.0\t10\t5\tL\tdebug@2.6.9,gone@1.0.0,ms\n";

    #[test]
    fn pep503_normalisation() {
        let e = Ecosystem::PyPI;
        assert_eq!(e.normalize("Flask"), "flask");
        assert_eq!(e.normalize("zope.interface"), "zope-interface");
        assert_eq!(e.normalize("Typing__Extensions"), "typing-extensions");
        assert_eq!(e.normalize("a-_.b"), "a-b");
        assert_eq!(Ecosystem::Npm.normalize("JSONStream"), "JSONStream");
    }

    #[test]
    fn request_names() {
        let p = Ecosystem::PyPI;
        assert_eq!(p.request_name("Flask[async]>=3").as_deref(), Some("flask"));
        assert_eq!(
            p.request_name("psycopg2_binary==2.9").as_deref(),
            Some("psycopg2-binary")
        );
        assert_eq!(p.request_name("./wheels/x.whl"), None);
        assert_eq!(p.request_name("--no-cache-dir"), None);
        let n = Ecosystem::Npm;
        assert_eq!(n.request_name("express@^5").as_deref(), Some("express"));
        assert_eq!(
            n.request_name("@types/node@22").as_deref(),
            Some("@types/node")
        );
        assert_eq!(
            n.request_name("@angular/cli").as_deref(),
            Some("@angular/cli")
        );
        assert_eq!(n.request_name("github:user/repo"), None);
        assert_eq!(n.request_name("user/repo"), None);
    }

    #[test]
    fn parses_records_and_header() {
        let idx = LangIndex::parse(Ecosystem::PyPI, PYPI).unwrap();
        assert_eq!(idx.len(), 8);
        assert_eq!(idx.source.date, "2026-11-28");
        assert!(idx.source.url.starts_with("https://pypi.invalid"));
        let f = idx.get("Flask").unwrap();
        assert_eq!((f.installed_bytes, f.download_bytes), (300000, 103424));
        assert_eq!(f.depends.len(), 6);
        assert!(f.depends.iter().all(|d| d.version.is_none()));
        assert!(idx.get("OldThing").unwrap().installed_estimated);
        assert!(LangIndex::parse(Ecosystem::PyPI, "x\t1\t2\n").is_err());
        assert!(LangIndex::parse(Ecosystem::PyPI, "x\t1\tlots\t2\t\t\n").is_err());
    }

    #[test]
    fn pypi_closure_each_once_in_order() {
        let idx = LangIndex::parse(Ecosystem::PyPI, PYPI).unwrap();
        let c = idx.closure(&["flask", "Jinja2"]);
        let names: Vec<&str> = c.added.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "flask",
                "jinja2",
                "blinker",
                "click",
                "itsdangerous",
                "markupsafe",
                "werkzeug"
            ]
        );
        assert!(c.unknown.is_empty());
        assert_eq!(c.installed_bytes(), 2_360_000);
        assert!(!c.is_partial());
    }

    #[test]
    fn unknown_names_are_reported_not_zero() {
        let idx = LangIndex::parse(Ecosystem::PyPI, PYPI).unwrap();
        let c = idx.closure(&["nope", "oldthing", "nope"]);
        assert_eq!(c.unknown, ["nope", "ghost"]);
        assert_eq!(c.added.len(), 1);
        assert!(c.is_partial());
    }

    #[test]
    fn npm_versions_and_scopes() {
        let idx = LangIndex::parse(Ecosystem::Npm, NPM).unwrap();
        assert_eq!(idx.get("debug").unwrap().version, "4.4.0");
        assert_eq!(idx.get("ms").unwrap().version, "2.1.3");
        assert_eq!(
            idx.get_version("debug", "2.6.9").unwrap().depends[0]
                .version
                .as_deref(),
            Some("2.0.0")
        );
        let a = idx.get("@scope/a").unwrap();
        assert_eq!(
            a.depends[0],
            LangDep {
                name: "ms".into(),
                version: Some("2.1.3".into())
            }
        );
        let c = idx.closure(&["@scope/a", "old"]);
        let got: Vec<String> = c
            .added
            .iter()
            .map(|p| format!("{}@{}", p.name, p.version))
            .collect();
        assert_eq!(
            got,
            [
                "@scope/a@1.0.0",
                "old@1.0.0",
                "ms@2.1.3",
                "debug@4.4.0",
                "debug@2.6.9",
                "ms@2.0.0"
            ]
        );
        // `ms` without a version: no release satisfied the range.
        assert_eq!(c.unknown, ["gone@1.0.0", "ms"]);
        // Case matters on npm.
        assert!(idx.get("Debug").is_none());
    }

    #[test]
    fn gzip_round_trip_and_garbage() {
        // `printf 'x\t1\t2\t3\t\t\n' | gzip -9n`, bytes inlined.
        let gz: &[u8] = &[
            0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0xab, 0xe0, 0x34, 0xe4,
            0x34, 0xe2, 0x34, 0xe6, 0xe4, 0xe4, 0x02, 0x00, 0x31, 0xf7, 0xb2, 0xee, 0x0a, 0x00,
            0x00, 0x00,
        ];
        let idx = LangIndex::from_gzip(Ecosystem::Npm, gz).unwrap();
        assert_eq!(idx.get("x").unwrap().download_bytes, 3);
        assert!(LangIndex::from_gzip(Ecosystem::Npm, b"plain text, not gzip at all").is_err());
    }

    #[test]
    fn split_dep_forms() {
        let n = Ecosystem::Npm;
        assert_eq!(split_dep(n, "@a/b@1.0.0").name, "@a/b");
        assert_eq!(split_dep(n, "@a/b").version, None);
        assert_eq!(
            split_dep(Ecosystem::PyPI, "Zope.Interface").name,
            "zope-interface"
        );
    }
}
