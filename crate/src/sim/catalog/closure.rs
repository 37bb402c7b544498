//! `apt-get install` without apt: the dependency closure of a request on top
//! of an installed package set, chosen the way apt's `MarkInstall` chooses.
//!
//! What is modelled: Pre-Depends and Depends (always), Recommends (unless
//! `--no-install-recommends`), OR-groups `a | b` (an alternative that is
//! already installed or already chosen wins; else the first alternative that
//! is a real package; else a provider of the first virtual one), virtual
//! packages through `Provides`, and skipping what the base already has.
//! What is not: version constraints and upgrades, Conflicts/Breaks, pinning,
//! multi-arch (one rule stands in for the versioned-Provides case that
//! matters: see `Resolver::satisfied`). `tests/catalog.rs` measures the
//! result against real apt: 810/810 recorded cases agree exactly.

use std::collections::{HashMap, HashSet};

use super::debian::{DebianIndex, Package};

/// Names of the packages already installed (dpkg's view of the base image
/// plus earlier `RUN apt-get install` steps).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Installed {
    names: HashSet<String>,
}

impl Installed {
    /// An empty system (`FROM scratch` plus dpkg, in effect).
    pub fn new() -> Installed {
        Installed::default()
    }

    /// From package names; `name=version` and `name:arch` forms are accepted
    /// and reduced to the name.
    pub fn from_names<I, S>(names: I) -> Installed
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut set = Installed::new();
        for n in names {
            set.insert(n.as_ref());
        }
        set
    }

    /// Adds one package (same normalisation as [`Installed::from_names`]).
    pub fn insert(&mut self, name: &str) {
        let name = name.split('=').next().unwrap_or(name);
        let name = name.split(':').next().unwrap_or(name);
        self.names.insert(name.to_string());
    }

    /// True when `name` is installed.
    pub fn contains(&self, name: &str) -> bool {
        self.names.contains(name)
    }

    /// Number of installed packages.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// True when nothing is installed.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// An order-independent digest of the set (XOR of per-name FNV-1a), to
    /// memoise closures computed on the same system.
    pub fn fingerprint(&self) -> u64 {
        self.names
            .iter()
            .map(|n| crate::sim::context::fnv1a64(n.as_bytes()))
            .fold(self.names.len() as u64, |a, h| a ^ h)
    }

    /// Installed names, sorted.
    pub fn names(&self) -> Vec<&str> {
        let mut v: Vec<&str> = self.names.iter().map(String::as_str).collect();
        v.sort_unstable();
        v
    }
}

/// What `apt-get install` was asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InstallRequest {
    /// Package names as written on the command line.
    pub packages: Vec<String>,
    /// False under `--no-install-recommends` (or `APT::Install-Recommends "false"`).
    pub recommends: bool,
}

impl InstallRequest {
    /// A request for `packages`, with Recommends as apt's default does.
    pub fn new<I, S>(packages: I) -> InstallRequest
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        InstallRequest {
            packages: packages.into_iter().map(Into::into).collect(),
            recommends: true,
        }
    }

    /// The same request with `--no-install-recommends`.
    pub fn no_install_recommends(mut self) -> InstallRequest {
        self.recommends = false;
        self
    }
}

/// Why a package was pulled in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// Named on the command line.
    Requested,
    /// A Depends/Pre-Depends of the named package.
    Depends(String),
    /// A Recommends of the named package.
    Recommends(String),
}

/// One package the install adds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddedPackage {
    /// Package name.
    pub name: String,
    /// Archive version at the index date.
    pub version: String,
    /// `Installed-Size` × 1024.
    pub installed_bytes: u64,
    /// `.deb` size.
    pub download_bytes: u64,
    /// Why it is installed.
    pub reason: Reason,
}

/// The answer to "what does this `apt-get install` add".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Closure {
    /// Packages added, in the order they were chosen.
    pub added: Vec<AddedPackage>,
    /// Requested packages the base already has (apt: "already the newest version").
    pub already_installed: Vec<String>,
    /// Requested names the index does not know (apt: "Unable to locate package").
    pub unknown: Vec<String>,
    /// Dependency groups no package in the index satisfies, as `pkg: a | b`.
    /// Non-empty means the index is incomplete for this request (e.g. the
    /// web subset), so the totals are a lower bound.
    pub unresolved: Vec<String>,
    /// Σ Installed-Size of `added`, in bytes: what dpkg unpacks.
    pub installed_bytes: u64,
    /// Σ `.deb` sizes of `added`: what apt downloads.
    pub download_bytes: u64,
}

impl Closure {
    /// Names of the added packages, sorted.
    pub fn names(&self) -> Vec<&str> {
        let mut v: Vec<&str> = self.added.iter().map(|p| p.name.as_str()).collect();
        v.sort_unstable();
        v
    }
}

struct Resolver<'a> {
    index: &'a DebianIndex,
    installed: &'a Installed,
    recommends: bool,
    /// Names chosen so far, plus every name they provide.
    marked: HashSet<&'a str>,
    /// Virtual name -> the chosen packages providing it.
    marked_provides: HashMap<&'a str, Vec<&'a str>>,
    out: Closure,
}

impl<'a> Resolver<'a> {
    /// True when `name` (real or virtual) is satisfied, for a dependency of
    /// `by`, by the base or by a package already chosen.
    ///
    /// A package's own `Provides` never satisfy its own dependencies: the
    /// index drops version constraints, and the cases that matter are
    /// versioned (node-tap-parser provides node-yaml (= 1.10.2) but depends
    /// on node-yaml (>= 2.0.1~), so apt installs the real node-yaml).
    fn satisfied(&self, name: &str, by: &str) -> bool {
        self.installed.contains(name)
            || self.marked.contains(name)
            || self
                .marked_provides
                .get(name)
                .is_some_and(|ps| ps.iter().any(|&p| p != by))
            || self
                .index
                .providers(name)
                .any(|p| self.installed.contains(&p.name))
    }

    /// apt's pick for one OR-group that nothing satisfies yet.
    fn choose(&self, group: &[String]) -> Option<&'a Package> {
        // A real package wins over virtual names later in the group, as in apt.
        for alt in group {
            if let Some(p) = self.index.get(alt) {
                return Some(p);
            }
            // Virtual: the most important provider (apt's CompareProviders
            // prefers higher Priority); among equals apt takes the one it
            // parsed last (its provider lists are built by prepending, in
            // Packages-file order, which is by name), so the greatest name.
            if let Some(p) = self
                .index
                .providers(alt)
                .min_by(|a, b| a.priority.cmp(&b.priority).then(b.name.cmp(&a.name)))
            {
                return Some(p);
            }
        }
        None
    }

    fn mark(&mut self, p: &'a Package, reason: Reason) {
        if self.installed.contains(&p.name) || self.marked.contains(p.name.as_str()) {
            return;
        }
        self.marked.insert(&p.name);
        for v in &p.provides {
            self.marked_provides.entry(v).or_default().push(&p.name);
        }
        self.out.added.push(AddedPackage {
            name: p.name.clone(),
            version: p.version.clone(),
            installed_bytes: p.installed_bytes(),
            download_bytes: p.download_bytes,
            reason,
        });
        // apt handles the critical dependencies before the recommended ones.
        for group in p.pre_depends.iter().chain(&p.depends) {
            self.satisfy(p, group, false);
        }
        if self.recommends {
            for group in &p.recommends {
                self.satisfy(p, group, true);
            }
        }
    }

    fn satisfy(&mut self, by: &'a Package, group: &'a [String], recommends: bool) {
        if group.iter().any(|alt| self.satisfied(alt, &by.name)) {
            return;
        }
        match self.choose(group) {
            Some(p) => {
                let reason = if recommends {
                    Reason::Recommends(by.name.clone())
                } else {
                    Reason::Depends(by.name.clone())
                };
                self.mark(p, reason);
            }
            // A missing Recommends is not an error for apt either.
            None if recommends => {}
            None => self
                .out
                .unresolved
                .push(format!("{}: {}", by.name, group.join(" | "))),
        }
    }
}

/// The package name in an `apt-get install` argument: `pkg=1.2` (version
/// pin), `pkg/bookworm-backports` (target release) and `pkg:amd64` all name
/// `pkg`; the pin and release are not modelled (one version per suite).
fn request_name(arg: &str) -> &str {
    let end = arg.find(['=', '/', ':']).unwrap_or(arg.len());
    &arg[..end]
}

impl DebianIndex {
    /// The packages `apt-get install` adds for `request` on top of
    /// `installed`, with their sizes.
    pub fn closure(&self, installed: &Installed, request: &InstallRequest) -> Closure {
        let mut r = Resolver {
            index: self,
            installed,
            recommends: request.recommends,
            marked: HashSet::new(),
            marked_provides: HashMap::new(),
            out: Closure::default(),
        };
        for name in &request.packages {
            let name = request_name(name);
            if installed.contains(name) {
                r.out.already_installed.push(name.to_string());
                continue;
            }
            let group = [name.to_string()];
            match r.choose(&group) {
                Some(p) => r.mark(p, Reason::Requested),
                None => r.out.unknown.push(name.to_string()),
            }
        }
        let mut out = r.out;
        out.installed_bytes = out.added.iter().map(|p| p.installed_bytes).sum();
        out.download_bytes = out.added.iter().map(|p| p.download_bytes).sum();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> DebianIndex {
        // name version kib size flags depends pre recommends provides
        DebianIndex::parse(
            "libc6\t2\t100\t10\tr\t\t\t\t\n\
             app\t1\t10\t1\to\tlibc6, liba | libb, mail-transport-agent\t\trec\t\n\
             liba\t1\t20\t2\to\tlibc6\t\t\t\n\
             libb\t1\t30\t3\to\t\t\t\t\n\
             rec\t1\t40\t4\to\t\t\t\t\n\
             exim4\t1\t50\t5\ts\t\t\t\tmail-transport-agent\n\
             postfix\t1\t60\t6\to\t\t\t\tmail-transport-agent\n",
        )
        .unwrap()
    }

    #[test]
    fn closure_skips_base_and_picks_first_alternative() {
        let idx = index();
        let base = Installed::from_names(["libc6=2", "libb:amd64"]);
        let c = idx.closure(&base, &InstallRequest::new(["app"]).no_install_recommends());
        // libb already installed satisfies `liba | libb`; exim4 outranks postfix.
        assert_eq!(c.names(), vec!["app", "exim4"]);
        assert_eq!(c.installed_bytes, (10 + 50) * 1024);
        assert_eq!(c.download_bytes, 6);
        assert_eq!(c.added[1].reason, Reason::Depends("app".into()));
    }

    #[test]
    fn recommends_and_unknowns() {
        let idx = index();
        let c = idx.closure(&Installed::new(), &InstallRequest::new(["app", "nope"]));
        assert_eq!(c.names(), vec!["app", "exim4", "liba", "libc6", "rec"]);
        assert_eq!(c.unknown, vec!["nope"]);
        assert!(c.unresolved.is_empty());
    }

    #[test]
    fn already_installed_request() {
        let idx = index();
        let c = idx.closure(
            &Installed::from_names(["rec"]),
            &InstallRequest::new(["rec"]),
        );
        assert!(c.added.is_empty());
        assert_eq!(c.already_installed, vec!["rec"]);
    }

    #[test]
    fn request_arguments_are_reduced_to_names() {
        assert_eq!(request_name("curl=7.88.1-10"), "curl");
        assert_eq!(request_name("curl/bookworm-backports"), "curl");
        assert_eq!(request_name("curl:amd64"), "curl");
        let idx = index();
        let c = idx.closure(&Installed::new(), &InstallRequest::new(["rec=1"]));
        assert_eq!(c.names(), vec!["rec"]);
    }

    #[test]
    fn virtual_request_selects_provider() {
        let idx = index();
        let c = idx.closure(
            &Installed::new(),
            &InstallRequest::new(["mail-transport-agent"]),
        );
        assert_eq!(c.names(), vec!["exim4"]);
    }
}
