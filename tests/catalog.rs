//! The catalog against its sources: image lookups over `data/images.json`,
//! and the apt-like resolver against real apt's answers recorded by
//! `scripts/data/apt_closure_fixture.py`.

use std::collections::BTreeSet;
use std::path::PathBuf;

use layerlab::sim::catalog::{
    Catalog, CatalogError, DebianIndex, ImageLookup, InstallRequest, Installed, Suite,
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
