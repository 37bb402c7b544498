//! The mistakes the project's source blog post teaches about (and makes in
//! its own examples) must be caught: layer order that busts the cache,
//! build tools left in the runtime image, cleanup in a later layer, paths
//! that break the build, tags that do not exist.
//!
//! Our own fixtures (`tests/fixtures/lessons`) always run. When the post is
//! present beside the checkout (`../shared/seed`), its Dockerfile examples
//! are checked too; otherwise that test says it skipped.

use std::fs;
use std::path::PathBuf;

use layerlab::lint;
use layerlab::report::{self, Report};
use layerlab::sim::catalog::Catalog;
use layerlab::sim::{SimOptions, SimReport, simulate};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Rule ids (and aliases) found, and every simulation note.
fn check(text: &str) -> (Vec<String>, Vec<String>) {
    let r: Report = report::analyze(text);
    let rules = lint::lint(&r)
        .into_iter()
        .flat_map(|f| {
            std::iter::once(f.rule.to_string()).chain(f.aliases.iter().map(|a| a.to_string()))
        })
        .collect();
    let options = SimOptions::default();
    let sim = simulate(&r, Catalog::builtin_web(), &options);
    let notes = SimReport::new(&r, &sim, &options)
        .stages
        .into_iter()
        .flat_map(|s| s.steps)
        .flat_map(|s| s.notes)
        .collect();
    (rules, notes)
}

fn assert_has(found: &[String], wanted: &[&str], what: &str) {
    for w in wanted {
        assert!(
            found.iter().any(|f| f.contains(w)),
            "{what}: expected {w} in {found:#?}"
        );
    }
}

#[test]
fn own_fixtures() {
    let dir = root().join("tests/fixtures/lessons");
    let read = |n: &str| fs::read_to_string(dir.join(n)).unwrap();

    let (rules, notes) = check(&read("file-where-a-dir-goes.Dockerfile"));
    assert_has(
        &rules,
        &["build-tools-in-final-image", "DL3009", "DL3015"],
        "file-where-a-dir-goes",
    );
    assert_has(
        &notes,
        &["/app is a file", "is not in the image at this point"],
        "file-where-a-dir-goes",
    );

    let (rules, _) = check(&read("sources-before-manifest.Dockerfile"));
    assert_has(&rules, &["cache-hostile-order"], "sources-before-manifest");

    let (rules, notes) = check(&read("cleanup-too-late.Dockerfile"));
    assert_has(
        &rules,
        &["retired-base-image", "DL3059", "DL3009"],
        "cleanup-too-late",
    );
    assert_has(
        &notes,
        &["apt-get clean finds nothing", "never published -slim"],
        "cleanup-too-late",
    );
}

#[test]
fn the_source_posts_examples() {
    let post = root().join("../shared/seed/docker-image-tips.md");
    let Ok(text) = fs::read_to_string(&post) else {
        eprintln!(
            "skipped: {} is not present (it exists beside a development checkout and in CI)",
            post.display()
        );
        return;
    };
    // Its fenced examples that start a build.
    let blocks: Vec<&str> = text
        .split("```")
        .skip(1)
        .step_by(2)
        .map(|b| b.split_once('\n').map_or(b, |(_, body)| body))
        .filter(|b| b.contains("FROM "))
        .collect();
    assert_eq!(blocks.len(), 4, "the post's four Dockerfiles");
    // 1. Sources copied before the installs.
    let (rules, notes) = check(blocks[0]);
    assert_has(
        &rules,
        &["cache-hostile-order", "build-tools-in-final-image"],
        "ordering example",
    );
    assert_has(&notes, &["is a file"], "ordering example");
    // 2. The post's "fixed" version still breaks: the requirements file
    //    becomes /app, pip runs elsewhere, mkdir fails; compilers stay.
    let (rules, notes) = check(blocks[1]);
    assert_has(
        &rules,
        &["build-tools-in-final-image", "DL3009"],
        "fixed ordering example",
    );
    assert_has(
        &notes,
        &["is not in the image at this point", "is a file"],
        "fixed ordering example",
    );
    // 3. Multi-stage, but the sources come before pom.xml.
    let (rules, _) = check(blocks[2]);
    assert_has(&rules, &["cache-hostile-order"], "multi-stage example");
    // 4. Package cache: a tag that does not exist, cleanup in its own layer.
    let (rules, notes) = check(blocks[3]);
    assert_has(
        &rules,
        &["retired-base-image", "DL3059", "DL3009"],
        "package cache example",
    );
    assert_has(
        &notes,
        &["apt-get clean finds nothing"],
        "package cache example",
    );
}
