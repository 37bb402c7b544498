//! The catalog against its sources: image lookups over `data/images.json`,
//! and the apt-like resolver against real apt's answers recorded by
//! `scripts/data/apt_closure_fixture.py`.

use std::collections::BTreeSet;
use std::path::PathBuf;

use layerlab::sim::catalog::{
    Catalog, CatalogError, DebianIndex, ImageLookup, IndexSize, InstallRequest, Installed, Suite,
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

fn fixture() -> Fixture {
    let path = repo_root().join("tests/fixtures/catalog/apt-closures-bookworm.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn full() -> &'static Catalog {
    Catalog::builtin(IndexSize::Full)
}

/// Our closure against apt's for all fixture cases; returns
/// (case, exact, ours-only, apt-only, byte error) rows.
fn compare(index: &DebianIndex, fx: &Fixture) -> Vec<(String, bool, Vec<String>, Vec<String>, i64)> {
    let base = Installed::from_names(&fx.base.packages);
    let mut rows = Vec::new();
    for r in &fx.results {
        assert!(r.error.is_none(), "apt failed for {}: {:?}", r.package, r.error);
        let mut req = InstallRequest::new(r.package.split(','));
        req.recommends = r.recommends;
        let ours = index.closure(&base, &req);
        assert!(ours.unresolved.is_empty(), "{}: {:?}", r.package, ours.unresolved);
        let a: BTreeSet<&str> = ours.added.iter().map(|p| p.name.as_str()).collect();
        let b: BTreeSet<&str> = r.packages.iter().map(String::as_str).collect();
        let case = format!(
            "{}{}",
            r.package,
            if r.recommends { "" } else { " --no-install-recommends" }
        );
        rows.push((
            case,
            a == b,
            a.difference(&b).map(|s| s.to_string()).collect(),
            b.difference(&a).map(|s| s.to_string()).collect(),
            ours.installed_bytes as i64 - r.installed_bytes as i64,
        ));
    }
    rows
}

#[test]
fn closures_agree_with_apt() {
    let fx = fixture();
    let index = full().debian(Suite::Bookworm).unwrap();
    // The fixture must have been recorded against the index we ship.
    assert!(
        index.source.release.contains(&fx.release_date),
        "fixture from {}, index {}",
        fx.release_date,
        index.source.release
    );
    let rows = compare(index, &fx);
    let exact = rows.iter().filter(|r| r.1).count();
    let mut report = String::new();
    for (case, ok, ours, apt, err) in &rows {
        report.push_str(&format!(
            "{} {case}: ours-only {ours:?} apt-only {apt:?} bytes {err:+}\n",
            if *ok { "==" } else { "!=" }
        ));
    }
    let abs_err: i64 = rows.iter().map(|r| r.4.abs()).sum();
    let apt_total: u64 = fx.results.iter().map(|r| r.installed_bytes).sum();
    eprintln!(
        "closure agreement vs apt ({}): {exact}/{} exact; |byte error| {abs_err} of {apt_total}\n{report}",
        fx.base.image,
        rows.len()
    );
    // Every recorded case matches apt exactly today; keep it that way.
    assert_eq!(exact, rows.len(), "{report}");
    assert_eq!(abs_err, 0, "{report}");
}

#[test]
fn web_subset_answers_the_fixture_like_the_full_index() {
    let fx = fixture();
    let web = Catalog::builtin(IndexSize::Web).debian(Suite::Bookworm).unwrap();
    let full = full().debian(Suite::Bookworm).unwrap();
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
