//! Package managers: index refreshes, installs sized from real package
//! data, removals, autoremove, and the caches each manager leaves behind.

use super::super::assume::{self, Assumption};
use super::super::base::Family;
use super::super::catalog::{Ecosystem, InstallRequest};
use super::{Executor, compress};
use crate::shell::argv::ArgWord;
use crate::shell::models::{InstallOptions, Manager, Package, ProjectInstall};
use crate::sim::hash::StableHasher;
use crate::sim::human_bytes;
use crate::sim::vfs::Entry;

const LISTS: &str = "/var/lib/apt/lists";

impl Executor<'_, '_> {
    pub(super) fn index_update(&mut self, manager: Manager) {
        match manager {
            Manager::Apt => self.apt_update(),
            Manager::Apk => self.apk_index(),
            Manager::Yum | Manager::Dnf | Manager::Microdnf | Manager::Tdnf | Manager::Zypper => {
                self.note(format!("{manager:?} metadata cache not modelled"));
                self.out.estimate = true;
            }
            _ => {}
        }
    }

    fn apt_update(&mut self) {
        let (files, ratio, estimate): (Vec<(&str, u64)>, f64, bool) =
            if self.pkgs.suite_is_equivalent {
                let a = assume::APT_LISTS_UBUNTU;
                (
                    vec![("archive.ubuntu.com_dists_Packages", a.bytes)],
                    a.ratio,
                    true,
                )
            } else {
                let total = match self.pkgs.suite {
                    Some(super::super::catalog::Suite::Trixie) => assume::APT_LISTS_TRIXIE,
                    _ => assume::APT_LISTS_BOOKWORM,
                };
                // main Packages.lz4 dominates; security and the InRelease
                // files are the rest (layers.md §6.2).
                (
                    vec![
                        (
                            "deb.debian.org_debian_dists_main_binary-amd64_Packages.lz4",
                            total * 949 / 1000,
                        ),
                        (
                            "deb.debian.org_debian-security_dists_main_binary-amd64_Packages.lz4",
                            total * 39 / 1000,
                        ),
                        ("deb.debian.org_debian_dists_InRelease", total * 12 / 1000),
                    ],
                    assume::RATIO_LZ4_LISTS,
                    // Trixie's figure is scaled; an image we do not know
                    // may not be Debian bookworm at all.
                    total == assume::APT_LISTS_TRIXIE || self.pkgs.suite.is_none(),
                )
            };
        // Gzip bytes of the lists as measured (data/compression.json), shared
        // out over the files like their unpacked sizes.
        let measured = self
            .pkgs
            .suite
            .filter(|_| !self.pkgs.suite_is_equivalent)
            .and_then(|suite| Some(self.catalog.compression()?.apt_lists(suite)));
        let total: u64 = files.iter().map(|(_, s)| s).sum();
        for (name, size) in files {
            let path = format!("{LISTS}/{name}");
            let content = self.content(&path);
            let gz = match measured {
                Some(m) => (m as u128 * size as u128 / total.max(1) as u128) as u64,
                None => compress(size, ratio),
            };
            let entry = Entry::file(size, gz, content).with_estimate(estimate);
            self.put(&path, entry);
        }
        self.out.seconds += assume::APT_LISTS_BOOKWORM as f64 / assume::NET_BYTES_PER_S + 1.0;
    }

    fn apk_index(&mut self) {
        let a = assume::APK_INDEX;
        for (name, share) in [
            ("APKINDEX.main.tar.gz", 0.3),
            ("APKINDEX.community.tar.gz", 0.7),
        ] {
            let path = format!("/var/cache/apk/{name}");
            let size = (a.bytes as f64 * share) as u64;
            let content = self.content(&path);
            self.put(
                &path,
                Entry::file(size, compress(size, a.ratio), content).with_estimate(true),
            );
        }
        self.note(a.note());
    }

    pub(super) fn install(
        &mut self,
        manager: Manager,
        packages: &[Package],
        options: &InstallOptions,
    ) {
        let names: Vec<String> = packages.iter().filter_map(|p| p.name.clone()).collect();
        let unnamed: Vec<&str> = packages
            .iter()
            .filter(|p| p.name.is_none())
            .map(|p| p.spec.as_str())
            .collect();
        if !unnamed.is_empty() {
            self.note(format!(
                "not sized (known only at build time): {}",
                unnamed.join(" ")
            ));
            self.out.estimate = true;
        }
        match manager {
            Manager::Apt => self.apt_install(&names, !options.no_recommends),
            Manager::Apk => {
                if options.update_index || !options.no_cache {
                    self.apk_index();
                }
                let group = self.deb_install(&names, false, "apk");
                if let (Some(v), Some(group)) = (
                    options.virtual_name.as_ref().and_then(|v| v.value.clone()),
                    group,
                ) {
                    self.pkgs.virtual_groups.insert(v, group);
                }
            }
            Manager::Pip | Manager::Uv | Manager::Pipx => {
                for r in &options.requirements {
                    if let Some(p) = self.path(r)
                        && !self.up.exists(&p)
                    {
                        self.note(format!(
                            "pip fails here: {p} is not in the image at this point"
                        ));
                    }
                }
                if !options.requirements.is_empty()
                    || (names.is_empty() && !options.editable.is_empty())
                {
                    self.assumed_tree(
                        &self.site_packages(options),
                        assume::PIP_REQUIREMENTS,
                        "requirements",
                    );
                    if !options.no_cache && manager == Manager::Pip {
                        self.pip_cache(assume::PIP_REQUIREMENTS.bytes);
                    }
                }
                if !names.is_empty() {
                    self.lang_install(manager, &names, options);
                }
            }
            Manager::Npm | Manager::Yarn | Manager::Pnpm | Manager::Bun => {
                if !names.is_empty() {
                    self.lang_install(manager, &names, options);
                }
            }
            other => {
                if !names.is_empty() {
                    self.note(format!(
                        "{other:?} installs are not sized: {}",
                        names.join(" ")
                    ));
                    self.out.estimate = true;
                }
            }
        }
    }

    fn apt_install(&mut self, names: &[String], recommends: bool) {
        let lists = self
            .up
            .children(LISTS)
            .iter()
            .any(|p| !p.ends_with("/partial") && !p.ends_with("/lock"));
        if !lists && self.pkgs.family == Family::Apt {
            self.note(
                "apt-get install without package lists: official Debian and Ubuntu images ship none, so this fails with \"Unable to locate package\" unless apt-get update runs first in this RUN".into(),
            );
        }
        self.deb_install(names, recommends, "apt");
    }

    /// Installs Debian packages (or their Debian equivalents for apk),
    /// with dpkg's bookkeeping. Returns the names added.
    fn deb_install(
        &mut self,
        names: &[String],
        recommends: bool,
        tool: &str,
    ) -> Option<Vec<String>> {
        if names.is_empty() {
            return None;
        }
        let Some(index) = self.pkgs.suite.and_then(|s| self.catalog.debian(s)) else {
            self.note(format!(
                "{tool} packages not sized: no package index for this image"
            ));
            self.out.estimate = true;
            return None;
        };
        let mut req = InstallRequest::new(names.iter().cloned());
        req.recommends = recommends;
        let key = names
            .iter()
            .fold(StableHasher::new(), |h, n| h.str(n))
            .u64(u64::from(recommends))
            .u64(self.pkgs.suite.map_or(0, |s| s as u64 + 1))
            .u64(self.pkgs.installed.fingerprint())
            .finish();
        let cached = self.memo.apt.borrow().get(&key).cloned();
        let closure = match cached {
            Some(c) => c,
            None => {
                let c = std::rc::Rc::new(index.closure(&self.pkgs.installed, &req));
                self.memo.apt.borrow_mut().insert(key, c.clone());
                c
            }
        };
        let group = self.pkgs.next_group;
        self.pkgs.next_group += 1;
        let equivalent = self.pkgs.suite_is_equivalent || tool == "apk";
        let mut added = Vec::new();
        for p in &closure.added {
            let path = format!("/usr/(deb)/{}", p.name);
            let content = self.content(&path);
            let (size, gz, measured) =
                self.package_sizes(&p.name, &p.version, p.download_bytes, p.installed_bytes);
            let note = if equivalent {
                format!(
                    "{} ~ Debian {} {} (estimate: sized by the Debian package)",
                    p.name, index.source.release, p.version
                )
            } else if measured {
                format!(
                    "Debian package {} {} (measured from the .deb)",
                    p.name, p.version
                )
            } else {
                format!(
                    "Debian package {} {} (Installed-Size; compressed size from the calibrated model)",
                    p.name, p.version
                )
            };
            let entry = Entry::bundle(size, gz, content, note).with_estimate(equivalent);
            self.put(&path, entry);
            if self.pkgs.family == Family::Apt {
                let info = format!("/var/lib/dpkg/info/{}.list", p.name);
                let content = self.content(&info);
                let size = assume::DPKG_INFO_PER_PKG;
                // Measured per-package averages (layers.md §6.2 unpacked,
                // data/compression.json gzipped): data, not a guess.
                let measured_info = self
                    .pkgs
                    .suite
                    .filter(|_| !self.pkgs.suite_is_equivalent)
                    .and_then(|suite| self.catalog.measured(suite, &p.name, &p.version))
                    .map(|m| m.info_gz)
                    .filter(|&g| g > 0);
                let gz = measured_info.unwrap_or_else(|| {
                    self.catalog
                        .compression()
                        .map_or(compress(size, assume::RATIO_TEXT), |m| m.per_package_bytes)
                });
                self.put(&info, Entry::file(size, gz, content));
            }
            if p.name == "ca-certificates" {
                self.generated_ca_bundle(size, gz);
            }
            self.pkgs.installed.insert(&p.name);
            let named = names.iter().any(|n| n == &p.name);
            self.pkgs.added.insert(p.name.clone(), (group, named));
            added.push(p.name.clone());
        }
        let n = closure.added.len() as u64;
        if n == 0
            && let Some(m) = self
                .catalog
                .compression()
                .filter(|_| self.pkgs.family == Family::Apt)
        {
            // Nothing to install: the layer still stores the directory
            // entries apt touched (data/compression.json, an estimate).
            let mut dir = Entry::dir();
            dir.compressed = m.empty_install_bytes;
            dir.estimate = true;
            self.put("/var/lib/dpkg", dir);
        }
        if n > 0 {
            let installed = self.pkgs.installed.len() as u64;
            let model = self
                .catalog
                .compression()
                .filter(|_| self.pkgs.family == Family::Apt);
            // Gzip bytes of dpkg's rewritten files: `status` and `status-old`
            // by the installed-package count; the logs are in each package's
            // share; `templates.dat` stands for the fixed part (ld.so.cache,
            // apt logs, debconf) of data/compression.json.
            let status_gz = model.map(|m| installed * m.status_bytes_per_installed_package);
            let bookkeeping: Vec<(&str, u64, Option<u64>)> = match self.pkgs.family {
                Family::Apt => vec![
                    (
                        "/var/lib/dpkg/status",
                        assume::DPKG_STATUS_PER_PKG,
                        status_gz,
                    ),
                    (
                        "/var/lib/dpkg/status-old",
                        assume::DPKG_STATUS_PER_PKG,
                        status_gz,
                    ),
                    (
                        "/var/log/dpkg.log",
                        assume::DPKG_LOG_PER_PKG,
                        model.map(|_| 0),
                    ),
                    (
                        "/var/cache/debconf/templates.dat",
                        assume::DEBCONF_PER_PKG,
                        model.map(|m| m.fixed_bytes),
                    ),
                ],
                Family::Apk => vec![("/lib/apk/db/installed", 1_100, None)],
                Family::Other => Vec::new(),
            };
            for (path, per, gz) in bookkeeping {
                self.grow(path, n * per, gz);
            }
            if model.is_some() {
                self.debconf_rewrite(index, &closure.added);
            }
        }
        if !closure.unknown.is_empty() || !closure.unresolved.is_empty() {
            let mut missing = closure.unknown.clone();
            missing.extend(closure.unresolved.iter().cloned());
            self.note(format!(
                "not in the {} index, not sized: {}",
                index.source.release,
                missing.join(", ")
            ));
            self.out.estimate = true;
        }
        self.note(format!(
            "{tool}: {} packages, {} installed ({} download){}",
            n,
            human_bytes(closure.installed_bytes),
            human_bytes(closure.download_bytes),
            if equivalent {
                ", sized by their Debian equivalents"
            } else {
                ""
            }
        ));
        if equivalent {
            self.out.estimate = true;
        }
        self.out.seconds += closure.download_bytes as f64 / assume::NET_BYTES_PER_S
            + closure.installed_bytes as f64 / assume::DISK_BYTES_PER_S
            + n as f64 * assume::APT_PER_PACKAGE_S;
        Some(added)
    }

    /// Rewrites a bookkeeping file `extra` bytes longer (a copy-up of the
    /// whole file, as any in-place change).
    /// `update-ca-certificates`, run by the package's postinst, writes
    /// `/etc/ssl/certs/ca-certificates.crt` (every certificate of the
    /// package concatenated, so about the package's own bytes) and a symlink
    /// per certificate and per hash (~290, a tar header each). Files a
    /// maintainer script generates are not in the `.deb`, so the measured
    /// table cannot hold them.
    fn generated_ca_bundle(&mut self, package_bytes: u64, package_gz: u64) {
        const LINKS: u64 = 290;
        const GZ_PER_HEADER: u64 = 50;
        let path = "/etc/ssl/certs/ca-certificates.crt";
        let content = self.content(path);
        let note = "generated by update-ca-certificates: the certificates concatenated, plus ~290 symlinks (estimate from the package's own size)".to_string();
        let entry = Entry::bundle(
            package_bytes,
            package_gz + LINKS * GZ_PER_HEADER,
            content,
            note,
        )
        .with_estimate(true);
        self.put(path, entry);
    }

    /// debconf keeps every installed package's templates in one database
    /// and rewrites it whole, with a `-old` copy, whenever an install
    /// registers templates. Sized from the measured templates of every
    /// installed package (data/debian/*.gz.tsv), when the added ones are
    /// measured.
    fn debconf_rewrite(
        &mut self,
        index: &super::super::catalog::DebianIndex,
        added: &[super::super::catalog::AddedPackage],
    ) {
        let Some(suite) = self.pkgs.suite.filter(|_| !self.pkgs.suite_is_equivalent) else {
            return;
        };
        let templates = |name: &str, version: &str| {
            self.catalog
                .measured(suite, name, version)
                .map(|m| m.debconf_gz)
        };
        if !added
            .iter()
            .any(|p| templates(&p.name, &p.version).unwrap_or(0) > 0)
        {
            return;
        }
        let total: u64 = self
            .pkgs
            .installed
            .names()
            .iter()
            .filter_map(|n| {
                let p = index.get(n)?;
                templates(&p.name, &p.version)
            })
            .sum();
        // Unpacked: the database as `grow` sized it (the measured
        // per-package average), and the `-old` copy is the database before
        // this step.
        let db = "/var/cache/debconf/templates.dat";
        let now = self.up.get(db).map_or(0, |e| e.size);
        let before = self.up.lower().get(db).map_or(0, |e| e.size);
        for (path, size) in [(db, now), ("/var/cache/debconf/templates.dat-old", before)] {
            let content = self.content(path);
            self.put(path, Entry::file(size, total, content));
        }
    }

    /// `gz` is its gzip size when measured.
    fn grow(&mut self, path: &str, extra: u64, gz: Option<u64>) {
        let old = self.up.get(path).map(|e| e.size).unwrap_or(0);
        let size = old + extra;
        let content = self.content(path);
        let gz = gz.unwrap_or_else(|| compress(size, assume::RATIO_TEXT));
        self.put(path, Entry::file(size, gz, content));
    }

    /// Gzip bytes of a Debian package's files inside a layer, from the
    /// calibrated model (data/compression.json); without it, 1.25× the
    /// `.deb` (gzip against xz on typical packages), capped by the size.
    fn package_gzip(&self, name: &str, deb: u64, installed: u64) -> u64 {
        match self.catalog.compression() {
            Some(m) => m.package_gzip(name, deb, installed, self.pkgs.slim),
            None => ((deb as f64 * 1.25) as u64).min(installed),
        }
    }

    /// Unpacked and gzip bytes of a package in this image, and whether they
    /// were measured: the measured table where it has this exact version
    /// (on `-slim` images without the excluded paths, plus the `.pyc`
    /// files its scripts compile), else Installed-Size and the model.
    fn package_sizes(
        &self,
        name: &str,
        version: &str,
        deb: u64,
        installed: u64,
    ) -> (u64, u64, bool) {
        let measured = self
            .pkgs
            .suite
            .filter(|_| !self.pkgs.suite_is_equivalent)
            .and_then(|suite| self.catalog.measured(suite, name, version));
        match measured {
            Some(m) if self.pkgs.slim => (m.slim_bytes + m.pyc_bytes, m.slim_gz + m.pyc_gz, true),
            Some(m) => (installed + m.pyc_bytes, m.full_gz + m.pyc_gz, true),
            None => (installed, self.package_gzip(name, deb, installed), false),
        }
    }

    pub(super) fn remove(&mut self, manager: Manager, packages: &[Package], autoremove: bool) {
        let mut names: Vec<String> = packages.iter().filter_map(|p| p.name.clone()).collect();
        if manager == Manager::Apk {
            // `apk del .build-deps` names a virtual group.
            names = names
                .into_iter()
                .flat_map(|n| {
                    self.pkgs
                        .virtual_groups
                        .remove(&n)
                        .unwrap_or_else(|| vec![n])
                })
                .collect();
        }
        for n in &names {
            self.remove_package(n);
        }
        if autoremove || manager == Manager::Apk {
            self.autoremove(manager);
        }
    }

    fn remove_package(&mut self, name: &str) {
        let path = format!("/usr/(deb)/{name}");
        if self.up.delete(&path) {
            self.up.delete(&format!("/var/lib/dpkg/info/{name}.list"));
            self.pkgs.added.remove(name);
        } else if self.pkgs.installed.contains(name) {
            self.note(format!(
                "removing {name}, which came with the base image, is not sized"
            ));
            self.out.estimate = true;
        }
    }

    /// Drops packages installed as dependencies of a group whose named
    /// packages are all gone.
    pub(super) fn autoremove(&mut self, _manager: Manager) {
        let live: Vec<usize> = self
            .pkgs
            .added
            .values()
            .filter(|(_, named)| *named)
            .map(|(g, _)| *g)
            .collect();
        let orphans: Vec<String> = self
            .pkgs
            .added
            .iter()
            .filter(|(_, (g, named))| !named && !live.contains(g))
            .map(|(n, _)| n.clone())
            .collect();
        for n in orphans {
            self.remove_package(&n);
        }
    }

    pub(super) fn cache_clean(&mut self, manager: Manager, subcommand: Option<&str>) {
        let dirs: &[&str] = match manager {
            // `apt-get dist-clean` (apt 2.7+) also drops the package lists.
            Manager::Apt if matches!(subcommand, Some("dist-clean" | "distclean")) => &[
                "/var/cache/apt/archives",
                "/var/cache/apt/pkgcache.bin",
                "/var/cache/apt/srcpkgcache.bin",
                LISTS,
            ],
            Manager::Apt => &[
                "/var/cache/apt/archives",
                "/var/cache/apt/pkgcache.bin",
                "/var/cache/apt/srcpkgcache.bin",
            ],
            Manager::Apk => &["/var/cache/apk"],
            Manager::Npm => &["/root/.npm/_cacache"],
            Manager::Yarn => &["/usr/local/share/.cache/yarn"],
            Manager::Pip => &["/root/.cache/pip"],
            Manager::Yum => &["/var/cache/yum"],
            Manager::Dnf | Manager::Microdnf | Manager::Tdnf => &["/var/cache/dnf"],
            _ => &[],
        };
        let mut deleted = false;
        for d in dirs {
            // A cache sized as one bundle sits at the directory's own path.
            if self.up.get(d).is_some_and(|e| !e.is_dir()) {
                deleted |= self.up.delete(d);
                continue;
            }
            for child in self.up.children(d) {
                deleted |= self.up.delete(&child);
            }
        }
        if !deleted && subcommand == Some("clean") && self.pkgs.family == Family::Apt {
            self.note(
                "apt-get clean finds nothing: official Debian and Ubuntu images already delete downloaded packages after each install; the package lists of apt-get update are what stays (remove /var/lib/apt/lists/* in the same RUN)".into(),
            );
        }
    }

    pub(super) fn project_install(&mut self, manager: Manager, options: &ProjectInstall) {
        let dir = options
            .project
            .as_ref()
            .and_then(|p| self.path(p))
            .unwrap_or_else(|| self.cwd.clone());
        match manager {
            Manager::Npm | Manager::Yarn | Manager::Pnpm | Manager::Bun => {
                let a = assume::NODE_MODULES;
                self.assumed_tree(
                    &format!("{}/node_modules", dir.trim_end_matches('/')),
                    a,
                    "node_modules",
                );
                if !options.no_cache {
                    let cache = match manager {
                        Manager::Yarn => "/usr/local/share/.cache/yarn/v6",
                        Manager::Pnpm => "/root/.local/share/pnpm/store",
                        _ => "/root/.npm/_cacache",
                    };
                    let bytes = (a.bytes as f64 * assume::NPM_CACHE_SHARE) as u64;
                    let cache = &format!("{cache}/(project dependencies)");
                    let content = self.content(cache);
                    let entry = Entry::bundle(
                        bytes,
                        compress(bytes, assume::RATIO_PACKED),
                        content,
                        format!(
                            "{manager:?} download cache (estimate: {:.0}% of the installed tree)",
                            assume::NPM_CACHE_SHARE * 100.0
                        ),
                    )
                    .with_estimate(true);
                    self.put(cache, entry);
                }
            }
            Manager::Pip | Manager::Poetry | Manager::Uv => {
                let sp = self.site_packages(&InstallOptions::default());
                self.assumed_tree(&sp, assume::PIP_REQUIREMENTS, "project dependencies");
            }
            Manager::Go => self.dependency_cache("/go/pkg/mod", assume::GO_MODULES),
            Manager::Maven => self.dependency_cache("/root/.m2/repository", assume::JVM_REPOSITORY),
            Manager::Gradle => {
                self.dependency_cache("/root/.gradle/caches", assume::JVM_REPOSITORY)
            }
            Manager::Cargo => {
                self.dependency_cache("/usr/local/cargo/registry", assume::CARGO_REGISTRY)
            }
            Manager::Dotnet => self.dependency_cache("/root/.nuget/packages", assume::PROJECT_DEPS),
            _ => {
                self.assumed_tree(
                    &format!("{dir}/(dependencies)"),
                    assume::PROJECT_DEPS,
                    "project dependencies",
                );
            }
        }
    }

    /// A download cache filled by a dependency fetch, unless a cache mount
    /// keeps it out of the layer.
    pub(super) fn dependency_cache(&mut self, path: &str, a: Assumption) {
        if self.mounted(path) {
            return;
        }
        let content = self.content(path);
        self.put(
            path,
            Entry::bundle(a.bytes, a.compressed(), content, a.note()).with_estimate(true),
        );
        self.note(a.note());
        self.out.seconds += a.compressed() as f64 / assume::NET_BYTES_PER_S;
    }

    /// A tree of unknown files, sized by an assumption.
    pub(super) fn assumed_tree(&mut self, path: &str, a: Assumption, what: &str) {
        let path = format!("{}/({what})", path.trim_end_matches('/'));
        let content = self.content(&path);
        self.put(
            &path,
            Entry::bundle(a.bytes, a.compressed(), content, a.note()).with_estimate(true),
        );
        self.note(a.note());
        self.out.seconds += a.bytes as f64 / assume::DISK_BYTES_PER_S
            + a.compressed() as f64 / assume::NET_BYTES_PER_S;
    }

    fn pip_cache(&mut self, installed: u64) {
        let path = "/root/.cache/pip/http-v2/(requirements)";
        let bytes = (installed as f64 * assume::PIP_CACHE_SHARE) as u64;
        let content = self.content(path);
        let entry = Entry::bundle(
            bytes,
            compress(bytes, assume::RATIO_PACKED),
            content,
            "pip's download cache (no --no-cache-dir)".into(),
        )
        .with_estimate(true);
        self.put(path, entry);
    }

    /// Where pip installs: `--target`/`--prefix`, `--user`, an active
    /// virtualenv, else the interpreter's site-packages.
    pub(super) fn site_packages(&self, options: &InstallOptions) -> String {
        let py = self.pkgs.python.clone().unwrap_or_else(|| "python3".into());
        if let Some(p) = options.prefix.as_ref().and_then(|p| self.path(p)) {
            return p;
        }
        if options.user {
            return format!("/root/.local/lib/{py}/site-packages");
        }
        if let Some(venv) = self.options_venv() {
            return format!("{venv}/lib/{py}/site-packages");
        }
        if self.pkgs.python.is_some() {
            format!("/usr/local/lib/{py}/site-packages")
        } else {
            "/usr/lib/python3/dist-packages".into()
        }
    }

    fn options_venv(&self) -> Option<String> {
        self.pkgs.venv.clone()
    }

    /// Named PyPI or npm packages.
    /// Named PyPI or npm packages, sized from registry metadata: each
    /// package of the dependency closure at its installed size; the wheel
    /// or tarball (already deflated) stands for its compressed size.
    fn lang_install(&mut self, manager: Manager, names: &[String], options: &InstallOptions) {
        let eco = match manager {
            Manager::Pip | Manager::Uv | Manager::Pipx => Ecosystem::PyPI,
            _ => Ecosystem::Npm,
        };
        let Some(index) = self.catalog.lang(eco) else {
            self.note(format!(
                "{} packages not sized: no index loaded",
                eco.name()
            ));
            self.out.estimate = true;
            return;
        };
        let wanted: Vec<String> = names.iter().filter_map(|n| eco.request_name(n)).collect();
        let refs: Vec<&str> = wanted.iter().map(String::as_str).collect();
        let closure = index.closure(&refs);
        let root = match eco {
            Ecosystem::PyPI => self.site_packages(options),
            Ecosystem::Npm if options.global => "/usr/local/lib/node_modules".to_string(),
            Ecosystem::Npm => format!("{}/node_modules", self.cwd.trim_end_matches('/')),
        };
        for p in &closure.added {
            let path = format!("{root}/{}", p.name);
            let content = self.content(&path);
            let note = format!(
                "{} {} {} ({}installed size from the registry, {})",
                eco.name(),
                p.name,
                p.version,
                if p.installed_estimated {
                    "estimated "
                } else {
                    ""
                },
                index.source.date
            );
            let entry = Entry::bundle(
                p.installed_bytes,
                p.download_bytes.min(p.installed_bytes),
                content,
                note,
            )
            .with_estimate(p.installed_estimated);
            self.put(&path, entry);
        }
        let (installed, download) = (closure.installed_bytes(), closure.download_bytes());
        // Both tools keep what they downloaded unless told not to.
        let cache = match (eco, manager) {
            (Ecosystem::PyPI, Manager::Pip) if !options.no_cache => {
                Some("/root/.cache/pip/http-v2")
            }
            (Ecosystem::PyPI, Manager::Uv) if !options.no_cache => Some("/root/.cache/uv"),
            (Ecosystem::Npm, Manager::Npm) => Some("/root/.npm/_cacache"),
            (Ecosystem::Npm, Manager::Yarn) => Some("/usr/local/share/.cache/yarn/v6"),
            _ => None,
        };
        if let Some(cache) = cache.filter(|c| !self.mounted(c) && download > 0) {
            // New files in the cache directory; what earlier steps cached
            // stays where it is (no copy-up).
            let first = closure.added.first().map_or("", |p| p.name.as_str());
            let path = format!("{cache}/({first} and dependencies)");
            let content = self.content(&path);
            let note = format!(
                "{} download cache: the {} packages fetched",
                eco.name(),
                closure.added.len()
            );
            self.put(&path, Entry::bundle(download, download, content, note));
        }
        if !closure.unknown.is_empty() {
            self.note(format!(
                "not in the {} index, not sized: {}",
                eco.name(),
                closure.unknown.join(", ")
            ));
            self.out.estimate = true;
        }
        self.note(format!(
            "{}: {} packages, {} installed ({} download)",
            eco.name(),
            closure.added.len(),
            human_bytes(installed),
            human_bytes(download)
        ));
        self.out.seconds +=
            download as f64 / assume::NET_BYTES_PER_S + installed as f64 / assume::DISK_BYTES_PER_S;
    }

    pub(super) fn venv(&mut self, dir: &ArgWord) {
        if let Some(p) = self.path(dir) {
            let a = assume::VENV;
            let content = self.content(&p);
            self.put(
                &format!("{p}/(venv)"),
                Entry::bundle(a.bytes, a.compressed(), content, a.note()).with_estimate(true),
            );
            self.pkgs.venv = Some(p);
        }
    }
}
