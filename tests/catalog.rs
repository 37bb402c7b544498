//! The catalog against its sources: image lookups over `data/images.json`,
//! and the apt-like resolver against real apt's answers recorded by
//! `scripts/data/apt_closure_fixture.py`.

use std::collections::BTreeSet;
use std::path::PathBuf;

use layerlab::sim::catalog::{
    Catalog, CatalogError, DebianIndex, Ecosystem, ImageLookup, InstallRequest, Installed, Suite,
};
use serde::Deserialize;

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

#[derive(Deserialize)]
struct Fixture {
    release_date: String,
    base: FixtureBase,
    results: Vec<FixtureResult>,
}

#[derive(Deserialize)]
struct FixtureBase {
    image: String,
    packages: Vec<String>,
}

#[derive(Deserialize)]
struct FixtureResult {
    package: String,
    recommends: bool,
    #[serde(default)]
    packages: Vec<String>,
    #[serde(default)]
    installed_bytes: u64,
    #[serde(default)]
    error: Option<String>,
}

fn fixture_for(suite: Suite) -> Fixture {
    fixture_file(&format!("apt-closures-{suite}.json"))
}

fn fixture_file(name: &str) -> Fixture {
    let path = repo_root().join("tests/fixtures/catalog").join(name);
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn full() -> &'static Catalog {
    Catalog::builtin_full()
}

/// One fixture case: ours against apt's.
struct Row {
    case: String,
    exact: bool,
    ours_only: Vec<String>,
    apt_only: Vec<String>,
    byte_error: i64,
}

/// Our closure against apt's for all fixture cases.
fn compare(index: &DebianIndex, fx: &Fixture) -> Vec<Row> {
    let base = Installed::from_names(&fx.base.packages);
    let mut rows = Vec::new();
    for r in &fx.results {
        assert!(
            r.error.is_none(),
            "apt failed for {}: {:?}",
            r.package,
            r.error
        );
        let mut req = InstallRequest::new(r.package.split(','));
        req.recommends = r.recommends;
        let ours = index.closure(&base, &req);
        assert!(
            ours.unresolved.is_empty(),
            "{}: {:?}",
            r.package,
            ours.unresolved
        );
        let a: BTreeSet<&str> = ours.added.iter().map(|p| p.name.as_str()).collect();
        let b: BTreeSet<&str> = r.packages.iter().map(String::as_str).collect();
        let case = format!(
            "{}{}",
            r.package,
            if r.recommends {
                ""
            } else {
                " --no-install-recommends"
            }
        );
        rows.push(Row {
            case,
            exact: a == b,
            ours_only: a.difference(&b).map(|s| s.to_string()).collect(),
            apt_only: b.difference(&a).map(|s| s.to_string()).collect(),
            byte_error: ours.installed_bytes as i64 - r.installed_bytes as i64,
        });
    }
    rows
}

/// The seeds of the web subset, with and without Recommends, on each suite's
/// slim base: a wider net than the 21 headline cases.
#[test]
fn broad_closures_agree_with_apt() {
    for suite in Suite::ALL {
        broad_against_apt(suite);
    }
}

fn broad_against_apt(suite: Suite) {
    let fx = fixture_file(&format!("apt-closures-{suite}-broad.json"));
    let rows = compare(full().debian(suite).unwrap(), &fx);
    let exact = rows.iter().filter(|r| r.exact).count();
    let abs_err: i64 = rows.iter().map(|r| r.byte_error.abs()).sum();
    let apt_total: u64 = fx.results.iter().map(|r| r.installed_bytes).sum();
    let misses: Vec<String> = rows
        .iter()
        .filter(|r| !r.exact)
        .map(|r| {
            format!(
                "{}: ours-only {:?} apt-only {:?} bytes {:+}",
                r.case, r.ours_only, r.apt_only, r.byte_error
            )
        })
        .collect();
    eprintln!(
        "broad agreement vs apt, {suite}: {exact}/{} exact; |byte error| {abs_err} of {apt_total}\n{}",
        rows.len(),
        misses.join("\n")
    );
    assert_eq!(exact, rows.len(), "{misses:#?}");
}

#[test]
fn closures_agree_with_apt() {
    for suite in Suite::ALL {
        check_against_apt(suite);
    }
}

fn check_against_apt(suite: Suite) {
    let fx = fixture_for(suite);
    let index = full().debian(suite).unwrap();
    // The fixture must have been recorded against the index we ship.
    assert!(
        index.source.release.contains(&fx.release_date),
        "fixture from {}, index {}",
        fx.release_date,
        index.source.release
    );
    let rows = compare(index, &fx);
    let exact = rows.iter().filter(|r| r.exact).count();
    let mut report = String::new();
    for r in &rows {
        report.push_str(&format!(
            "{} {}: ours-only {:?} apt-only {:?} bytes {:+}\n",
            if r.exact { "==" } else { "!=" },
            r.case,
            r.ours_only,
            r.apt_only,
            r.byte_error
        ));
    }
    let abs_err: i64 = rows.iter().map(|r| r.byte_error.abs()).sum();
    let apt_total: u64 = fx.results.iter().map(|r| r.installed_bytes).sum();
    eprintln!(
        "closure agreement vs apt, {suite} ({}): {exact}/{} exact; |byte error| {abs_err} of {apt_total}\n{report}",
        fx.base.image,
        rows.len()
    );
    // Every recorded case matches apt exactly today; keep it that way.
    assert_eq!(exact, rows.len(), "{report}");
    assert_eq!(abs_err, 0, "{report}");
}

#[test]
fn web_subset_answers_the_fixture_like_the_full_index() {
    for suite in Suite::ALL {
        web_vs_full(suite);
    }
}

fn web_vs_full(suite: Suite) {
    let fx = fixture_for(suite);
    let web = Catalog::builtin_web().debian(suite).unwrap();
    let full = full().debian(suite).unwrap();
    let base = Installed::from_names(&fx.base.packages);
    for r in &fx.results {
        let mut req = InstallRequest::new(r.package.split(','));
        req.recommends = r.recommends;
        assert_eq!(
            web.closure(&base, &req),
            full.closure(&base, &req),
            "{} recommends={}",
            r.package,
            r.recommends
        );
    }
}

fn web() -> &'static Catalog {
    Catalog::builtin_web()
}

#[test]
fn image_lookup_normalises_references_and_aliases() {
    let cat = web();
    for (reference, canonical) in [
        ("python:3.12-slim", "python:3.12-slim-trixie"),
        (
            "docker.io/library/python:3.12-slim",
            "python:3.12-slim-trixie",
        ),
        (
            "index.docker.io/library/python:3.12.13-slim-trixie",
            "python:3.12-slim-trixie",
        ),
        ("node:22-slim", "node:22-bookworm-slim"),
        ("golang", "golang:1.26-trixie"),
        ("alpine", "alpine:3.24"),
        ("debian:stable-slim", "debian:trixie-slim"),
        ("ubuntu:noble", "ubuntu:24.04"),
        (
            "gcr.io/distroless/static-debian12",
            "gcr.io/distroless/static-debian12:latest",
        ),
    ] {
        match cat.lookup_image(reference) {
            ImageLookup::Known { image, .. } => {
                assert_eq!(image.reference, canonical, "{reference}")
            }
            other => panic!("{reference}: {other:?}"),
        }
    }
}

#[test]
fn digests_are_ignored_but_reported() {
    match web().lookup_image(
        "python:3.12-slim@sha256:229a2c5bfa27522db7815ea81f9bed70af17ccb9de9fc7ad142b1877b5830d36",
    ) {
        ImageLookup::Known {
            image,
            digest_ignored,
            ..
        } => {
            assert_eq!(image.reference, "python:3.12-slim-trixie");
            assert!(digest_ignored);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn scratch_and_unknowns() {
    let cat = web();
    assert_eq!(cat.lookup_image("scratch"), ImageLookup::Scratch);
    match cat.lookup_image("openjdk:17-jdk-slim") {
        ImageLookup::Unknown {
            suggest, reason, ..
        } => {
            assert_eq!(suggest.as_deref(), Some("eclipse-temurin:17-jre"));
            assert!(reason.contains("deprecated"), "{reason}");
        }
        other => panic!("{other:?}"),
    }
    // Unknown tag of a known repository: suggest that repository's first entry.
    match cat.lookup_image("python:3.99-slim") {
        ImageLookup::Unknown { suggest, .. } => assert!(suggest.unwrap().starts_with("python:")),
        other => panic!("{other:?}"),
    }
    match cat.lookup_image("mcr.microsoft.com/dotnet/aspnet:8.0") {
        ImageLookup::Unknown {
            suggest, reason, ..
        } => {
            assert_eq!(suggest, None);
            assert_eq!(reason, "image not in the catalog");
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        cat.lookup_image("${BASE}"),
        ImageLookup::Unknown {
            reference: None,
            ..
        }
    ));
}

#[test]
fn legacy_tags_are_flagged_estimates() {
    for r in [
        "openjdk:11-jre-slim",
        "python:3.7-buster",
        "maven:3.6.3-jdk-11",
    ] {
        match web().lookup_image(r) {
            ImageLookup::Known { image, .. } => {
                assert!(image.estimate, "{r}");
                assert!(!image.estimate_reason.is_empty(), "{r}");
            }
            other => panic!("{r}: {other:?}"),
        }
    }
}

#[test]
fn every_image_is_consistent_and_sourced() {
    let cat = web();
    let mut tags = 0;
    for img in cat.images.images() {
        tags += 1 + img.aliases.len();
        assert!(!img.source.is_empty(), "{}", img.reference);
        assert_eq!(img.architecture, "amd64");
        assert!(img.date.len() == 10, "{}: {}", img.reference, img.date);
        if !img.layers.is_empty() {
            let sum: u64 = img.layers.iter().map(|l| l.compressed_bytes).sum();
            assert_eq!(sum, img.compressed_bytes, "{}", img.reference);
        }
        assert!(
            img.unpacked_bytes >= img.compressed_bytes,
            "{}",
            img.reference
        );
        if img.unpacked_estimated {
            assert!(img.unpacked_ratio.is_some(), "{}", img.reference);
        } else if !img.estimate {
            assert!(!img.unpacked_source.is_empty(), "{}", img.reference);
        }
        // Every Debian image can answer apt questions (base list read or derived).
        if cat.suite_of(img).is_some() {
            assert!(cat.installed_packages(img).is_some(), "{}", img.reference);
        }
        let est: u64 = img.layer_unpacked_estimates().iter().sum();
        assert!(est <= img.unpacked_bytes, "{}", img.reference);
    }
    assert!(tags >= 40, "{tags} tags");
}

#[test]
fn base_package_lists() {
    let cat = web();
    let get = |r: &str| match cat.lookup_image(r) {
        ImageLookup::Known { image, .. } => image,
        other => panic!("{r}: {other:?}"),
    };
    let slim = cat.installed_packages(get("debian:bookworm-slim")).unwrap();
    assert!(!slim.derived);
    assert_eq!(slim.installed.len(), 88);
    // python:3.12-slim = trixie-slim (derived) + ca-certificates netbase tzdata and their deps.
    let py = cat.installed_packages(get("python:3.12-slim")).unwrap();
    assert!(py.derived);
    for p in [
        "ca-certificates",
        "openssl",
        "netbase",
        "tzdata",
        "libc6",
        "apt",
    ] {
        assert!(py.installed.contains(p), "{p}");
    }
    assert!(!py.installed.contains("gcc"));
    assert_eq!(
        get("python:3.12-slim").env("PYTHON_VERSION"),
        Some("3.12.13")
    );
}

#[test]
fn apt_install_on_images() {
    let cat = full();
    // The question the simulator asks, end to end.
    let est = cat
        .apt_install("python:3.12-slim", &["build-essential", "libpq-dev"], false)
        .unwrap();
    assert_eq!(est.suite, Suite::Trixie);
    assert!(est.base_derived);
    assert!(est.closure.unknown.is_empty() && est.closure.unresolved.is_empty());
    let names = est.closure.names();
    for p in [
        "build-essential",
        "gcc",
        "g++",
        "make",
        "libpq-dev",
        "libpq5",
        "libssl-dev",
    ] {
        assert!(names.contains(&p), "{p} missing from {names:?}");
    }
    // Already in the base: not added again.
    assert!(!names.contains(&"ca-certificates") && !names.contains(&"libc6"));
    assert!(
        est.closure.installed_bytes > 100 << 20,
        "{}",
        est.closure.installed_bytes
    );

    // The same on bookworm-slim equals the apt-recorded union.
    let est = cat
        .apt_install("debian:bookworm-slim", &["curl"], true)
        .unwrap();
    assert_eq!(est.suite, Suite::Bookworm);
    assert!(!est.base_derived);
    assert_eq!(est.closure.added.len(), 22);

    assert_eq!(
        cat.apt_install("scratch", &["curl"], true),
        Err(CatalogError::Scratch)
    );
    assert!(matches!(
        cat.apt_install("alpine:3.24", &["curl"], true),
        Err(CatalogError::NoDebianIndex { .. })
    ));
    assert!(matches!(
        cat.apt_install("openjdk:11-jre-slim", &["curl"], true),
        Err(CatalogError::NoDebianIndex { .. })
    ));
    assert!(matches!(
        cat.apt_install("nosuch/image:1", &["curl"], true),
        Err(CatalogError::UnknownImage { .. })
    ));
}

#[test]
fn web_subset_flags_what_it_cannot_answer() {
    // A package outside the web subset is reported, not silently sized as zero.
    let est = web()
        .apt_install("debian:bookworm-slim", &["fortune-mod"], false)
        .unwrap();
    assert_eq!(est.closure.unknown, vec!["fortune-mod"]);
    assert!(est.closure.added.is_empty());
    let full_est = full()
        .apt_install("debian:bookworm-slim", &["fortune-mod"], false)
        .unwrap();
    assert!(full_est.closure.unknown.is_empty());
    assert!(full_est.closure.names().contains(&"fortune-mod"));
}

#[test]
fn snapshot_python_slim_build_deps() {
    let est = full()
        .apt_install("python:3.12-slim", &["build-essential", "libpq-dev"], false)
        .unwrap();
    let value = serde_json::json!({
        "image": est.image,
        "suite": est.suite.codename(),
        "index": est.index.release,
        "base_packages": est.base_packages,
        "base_derived": est.base_derived,
        "added": est.closure.names(),
        "count": est.closure.added.len(),
        "installed_bytes": est.closure.installed_bytes,
        "download_bytes": est.closure.download_bytes,
    });
    insta::with_settings!({
        snapshot_path => repo_root().join("tests/fixtures/catalog/snapshots"),
        prepend_module_to_snapshot => false,
    }, {
        insta::assert_json_snapshot!("python-3.12-slim-build-essential-libpq-dev", value);
    });
}

#[test]
fn derived_bases_already_hold_their_build_deps() {
    // python:3.12 (full) sits on buildpack-deps: libpq-dev and gcc are there.
    let est = full()
        .apt_install("python:3.12", &["libpq-dev", "gcc"], true)
        .unwrap();
    assert!(est.base_derived);
    assert_eq!(est.closure.already_installed, vec!["libpq-dev", "gcc"]);
    assert!(est.closure.added.is_empty());
    // golang:latest has gcc but not postgresql-client.
    let est = full()
        .apt_install("golang", &["postgresql-client"], false)
        .unwrap();
    assert!(est.closure.names().contains(&"postgresql-client"));
    assert!(!est.closure.names().contains(&"libc6"));
}

#[test]
fn snapshot_image_record() {
    let image = match web().lookup_image("python:3.12-slim") {
        ImageLookup::Known { image, .. } => image.clone(),
        other => panic!("{other:?}"),
    };
    insta::with_settings!({
        snapshot_path => repo_root().join("tests/fixtures/catalog/snapshots"),
        prepend_module_to_snapshot => false,
    }, {
        insta::assert_json_snapshot!("image-python-3.12-slim", image);
    });
}

#[test]
fn web_and_full_catalogs_agree_on_every_base() {
    // Derived base lists are computed with the loaded index; the web subset
    // must hold everything they need.
    for img in web().images.images() {
        let (w, f) = (
            web().installed_packages(img),
            full().installed_packages(img),
        );
        assert_eq!(w, f, "{}", img.reference);
    }
}

// ---- PyPI and npm indexes (`data/pypi.pkgs`, `data/npm.pkgs`)

fn names(c: &layerlab::sim::catalog::LangClosure) -> BTreeSet<String> {
    c.added.iter().map(|p| p.name.clone()).collect()
}

#[test]
fn lang_indexes_are_in_both_catalogs_with_provenance() {
    let web = Catalog::builtin_web();
    for eco in Ecosystem::ALL {
        let (w, f) = (web.lang(eco).unwrap(), full().lang(eco).unwrap());
        assert_eq!(w.ecosystem, eco);
        assert!(w.len() > 500, "{eco}: {}", w.len());
        assert!(f.source.url.starts_with("https://"), "{eco}");
        assert_eq!(f.source.date.len(), 10, "{eco}: {:?}", f.source.date);
        assert_eq!(w.source, f.source, "{eco}");
        // The web npm index is a subset: the same records, fewer of them.
        for p in w.packages() {
            assert_eq!(f.get_version(&p.name, &p.version), Some(p), "{eco}");
        }
    }
    assert_eq!(web.pypi().unwrap().len(), full().pypi().unwrap().len());
    assert!(web.npm().unwrap().len() < full().npm().unwrap().len());
}

/// The files carry the dependency closure of every record. The only
/// dangling dependencies are the few npm ranges no published release
/// satisfied at crawl time (recorded without a version, listed in the
/// file's header); closures report those as unknown.
#[test]
fn lang_indexes_are_closed_under_dependencies() {
    for catalog in [full(), Catalog::builtin_web()] {
        for eco in Ecosystem::ALL {
            let idx = catalog.lang(eco).unwrap();
            let unpinned: BTreeSet<&str> = match eco {
                Ecosystem::PyPI => BTreeSet::new(),
                Ecosystem::Npm => idx
                    .packages()
                    .iter()
                    .flat_map(|p| &p.depends)
                    .filter(|d| d.version.is_none())
                    .map(|d| d.name.as_str())
                    .collect(),
            };
            assert!(unpinned.len() <= 10, "{eco}: {unpinned:?}");
            for p in idx.packages() {
                let c = idx.closure(&[p.name.as_str()]);
                for u in &c.unknown {
                    assert!(unpinned.contains(u.as_str()), "{eco} {}: {u}", p.name);
                }
            }
        }
    }
}

/// Roots left out of the web npm subset come back unknown, never as zero,
/// and the web answers every request it knows exactly like the full index.
#[test]
fn web_npm_subset_is_honest() {
    let (web, full) = (Catalog::builtin_web().npm().unwrap(), full().npm().unwrap());
    let gatsby = web.closure(&["gatsby"]);
    assert!(full.get("gatsby").is_some());
    assert_eq!(gatsby.unknown, ["gatsby"]);
    assert_eq!(gatsby.installed_bytes(), 0);
    for name in [
        "express",
        "@angular/cli",
        "@vue/cli",
        "nodemon",
        "typescript",
        "next",
        "pm2",
    ] {
        assert_eq!(web.closure(&[name]), full.closure(&[name]), "{name}");
    }
}

#[test]
fn pypi_closures_match_the_projects_metadata() {
    let pypi = full().pypi().unwrap();
    let flask = pypi.closure(&["Flask"]);
    assert!(flask.unknown.is_empty());
    let got = names(&flask);
    for dep in [
        "flask",
        "werkzeug",
        "jinja2",
        "itsdangerous",
        "click",
        "blinker",
        "markupsafe",
    ] {
        assert!(got.contains(dep), "flask closure lacks {dep}: {got:?}");
    }
    // Requests-only packages, and nothing from extras or other platforms.
    assert!(!got.contains("asgiref") && !got.contains("python-dotenv"));
    assert!(
        !got.contains("colorama"),
        "click needs colorama only on Windows"
    );
    let requests = names(&pypi.closure(&["requests"]));
    for dep in ["urllib3", "idna", "certifi", "charset-normalizer"] {
        assert!(requests.contains(dep), "{dep}");
    }
    let django = names(&pypi.closure(&["django"]));
    assert!(django.contains("asgiref") && django.contains("sqlparse"));
    assert!(
        !django.contains("tzdata"),
        "tzdata is a Windows-only Django dependency"
    );
    // PEP 503 lookups.
    assert_eq!(pypi.get("psycopg2_binary").unwrap().name, "psycopg2-binary");
    assert_eq!(pypi.get("PyYAML").unwrap().name, "pyyaml");
}

#[test]
fn pypi_sizes_are_plausible() {
    let pypi = full().pypi().unwrap();
    let get = |n: &str| pypi.get(n).unwrap();
    // numpy's manylinux wheel bundles OpenBLAS.
    assert!(get("numpy").installed_bytes > 20 << 20);
    assert!(get("numpy").download_bytes > 5 << 20);
    // torch's Linux wheel alone is hundreds of MB, its CUDA closure GBs.
    assert!(get("torch").installed_bytes > 500 << 20);
    assert!(pypi.closure(&["torch"]).installed_bytes() > 2 << 30);
    let flask = get("flask");
    assert!(flask.installed_bytes > 100_000 && flask.installed_bytes < 2 << 20);
    for p in pypi.packages() {
        assert!(p.installed_bytes > 0 && p.download_bytes > 0, "{}", p.name);
        // A wheel is a zip: what it unpacks to is at least its compressed
        // size give or take the zip's own headers.
        if !p.installed_estimated {
            assert!(
                p.installed_bytes + 64 * 1024 >= p.download_bytes,
                "{} {} {}",
                p.name,
                p.installed_bytes,
                p.download_bytes
            );
        }
    }
}

#[test]
fn npm_closures_match_the_registry() {
    let npm = full().npm().unwrap();
    let express = npm.closure(&["express"]);
    assert!(express.unknown.is_empty());
    let got = names(&express);
    for dep in [
        "express",
        "body-parser",
        "router",
        "send",
        "serve-static",
        "accepts",
        "debug",
        "ms",
        "qs",
        "cookie",
        "finalhandler",
        "mime-types",
        "mime-db",
        "type-is",
        "http-errors",
    ] {
        assert!(got.contains(dep), "express closure lacks {dep}");
    }
    // Each release once, even when several dependents share it.
    let mut seen = BTreeSet::new();
    for p in &express.added {
        assert!(
            seen.insert((&p.name, &p.version)),
            "{}@{} twice",
            p.name,
            p.version
        );
    }
    let react = names(&npm.closure(&["react-dom"]));
    assert!(react.contains("scheduler"));
    assert!(npm.get("@types/node").is_some());
    let unknown = npm.closure(&["express", "surely-not-a-package-layerlab"]);
    assert_eq!(unknown.unknown, ["surely-not-a-package-layerlab"]);
    assert_eq!(unknown.installed_bytes(), express.installed_bytes());
}

#[test]
fn npm_sizes_are_plausible() {
    let npm = full().npm().unwrap();
    let get = |n: &str| npm.get(n).unwrap();
    // typescript 7 ships its compiler as a native binary in a per-platform
    // optional dependency; the linux-x64 one is part of the closure.
    let ts = npm.closure(&["typescript"]);
    assert!(
        ts.added
            .iter()
            .any(|p| p.name == "@typescript/typescript-linux-x64")
    );
    assert!(
        !ts.added
            .iter()
            .any(|p| p.name.contains("darwin") || p.name.contains("win32"))
    );
    assert!(ts.installed_bytes() > 10 << 20);
    assert!(get("lodash").installed_bytes > 1 << 20);
    let express = get("express");
    assert!(express.installed_bytes > 20_000 && express.installed_bytes < 1 << 20);
    assert!(express.latest);
    for p in npm.packages() {
        assert!(p.installed_bytes > 0 && p.download_bytes > 0, "{}", p.name);
    }
}
