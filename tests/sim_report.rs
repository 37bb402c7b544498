//! The simulation end to end: snapshots of the report for our fixtures
//! (`tests/fixtures/sim`), the overlay rules the issue lists checked one by
//! one, and `layerlab sim --format json`'s required fields.

use std::fs;
use std::path::PathBuf;
use std::process::Command;

use layerlab::report::{self, Report};
use layerlab::sim::catalog::Catalog;
use layerlab::sim::{SimOptions, SimReport, simulate};
use serde_json::{Value, json};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/sim")
}

fn sim(text: &str) -> (Report, SimReport) {
    sim_with(text, &SimOptions::default())
}

fn sim_with(text: &str, options: &SimOptions) -> (Report, SimReport) {
    let r = report::analyze(text);
    let s = simulate(&r, Catalog::builtin_full(), options);
    let out = SimReport::new(&r, &s, options);
    (r, out)
}

/// What a reader checks: per step its size, cache state and notes, the
/// first changes, and the image totals.
fn summary(r: &SimReport) -> Value {
    let stages: Vec<Value> = r
        .stages
        .iter()
        .map(|st| {
            let steps: Vec<Value> = st
                .steps
                .iter()
                .map(|s| {
                    let changes: Vec<String> = s
                        .changes
                        .iter()
                        .filter(|c| c.kind != "dir")
                        .take(8)
                        .map(|c| format!("{} {} {}", c.change, c.path, c.size_bytes))
                        .collect();
                    json!({
                        "line": s.line,
                        "instruction": s.instruction,
                        "layer": s.layer,
                        "size": s.size_bytes,
                        "compressed": s.compressed_bytes,
                        "cache": s.cache,
                        "estimate": s.estimate,
                        "notes": s.notes,
                        "changes": changes,
                    })
                })
                .collect();
            json!({
                "name": st.name,
                "base": st.base.reference,
                "known": st.base.known,
                "built": st.built,
                "in_final_image": st.in_final_image,
                "steps": steps,
            })
        })
        .collect();
    json!({
        "final_size_bytes": r.final_size_bytes,
        "final_compressed_bytes": r.final_compressed_bytes,
        "wasted_bytes": r.wasted_bytes,
        "dive_wasted_bytes": r.dive_wasted_bytes,
        "efficiency": r.efficiency,
        "estimate": r.estimate,
        "stages": stages,
        "waste": r.waste.iter().take(5).map(|w| format!("{} {} {:?}->{:?} {}", w.bytes, w.path, w.added_line, w.hidden_line, w.how)).collect::<Vec<_>>(),
    })
}

#[test]
fn fixture_reports() {
    let mut names: Vec<String> = fs::read_dir(fixtures())
        .unwrap()
        .filter_map(|e| {
            let name = e.unwrap().file_name().into_string().ok()?;
            Some(name.strip_suffix(".Dockerfile")?.to_string())
        })
        .collect();
    names.sort();
    assert!(names.len() >= 8);
    for name in names {
        let text = fs::read_to_string(fixtures().join(format!("{name}.Dockerfile"))).unwrap();
        let (r, out) = sim(&text);
        let findings: Vec<String> = layerlab::lint::lint(&r)
            .into_iter()
            .filter(|f| f.aliases.iter().any(|a| a.starts_with("LL")))
            .map(|f| format!("{}:{} {}", f.line, f.rule, f.message))
            .collect();
        insta::with_settings!({snapshot_path => fixtures().join("snapshots"), prepend_module_to_snapshot => false}, {
            insta::assert_json_snapshot!(name.clone(), json!({"report": summary(&out), "image_findings": findings}));
        });
    }
}

fn step(r: &SimReport, line: usize) -> &layerlab::sim::StepReport {
    r.stages
        .iter()
        .flat_map(|s| &s.steps)
        .find(|s| s.line == line)
        .unwrap_or_else(|| panic!("no step at line {line}"))
}

#[test]
fn files_created_and_deleted_in_one_run_cost_nothing() {
    let (_, same) = sim(
        "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n",
    );
    let (_, later) = sim(
        "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl\nRUN rm -rf /var/lib/apt/lists/*\n",
    );
    let lists = 19_000_000;
    assert!(step(&same, 2).size_bytes + lists < step(&later, 2).size_bytes + 1_000_000);
    // A later deletion is a whiteout: its layer holds no bytes, and the
    // image does not shrink.
    assert_eq!(step(&later, 3).size_bytes, 0);
    // `rm -rf dir/*` deletes each child: one whiteout per list file.
    assert_eq!(step(&later, 3).removed, 3, "{:?}", step(&later, 3).changes);
    assert!(
        step(&later, 3)
            .changes
            .iter()
            .all(|c| c.kind == "whiteout" && c.hidden_bytes > 0)
    );
    assert!(later.final_size_bytes > same.final_size_bytes + lists);
    assert!(later.wasted_bytes >= lists);
}

#[test]
fn in_place_changes_copy_the_whole_file_up() {
    let (_, r) = sim(
        "FROM debian:bookworm-slim\nRUN sed -i 's/x/y/' /etc/passwd\nRUN chmod 600 /var/lib/dpkg/status\n",
    );
    let status = r.stages[0].base.layers.len();
    assert!(status > 0);
    let sed = step(&r, 2);
    assert_eq!((sed.added, sed.modified), (0, 1));
    assert!(
        sed.size_bytes >= 900,
        "the whole /etc/passwd is stored again"
    );
    let chmod = step(&r, 3);
    assert!(
        chmod.size_bytes > 50_000,
        "the whole dpkg status file: {}",
        chmod.size_bytes
    );
    assert!(r.wasted_bytes >= chmod.size_bytes);
}

#[test]
fn chown_in_its_own_run_doubles_the_tree_copy_chown_does_not() {
    let ctx = || {
        let mut c = layerlab::sim::context::BuildContext::new();
        c.insert("app/big.bin", 50_000_000, false);
        c
    };
    let opts = SimOptions {
        context: Some(ctx()),
        ..SimOptions::default()
    };
    let (_, separate) = sim_with(
        "FROM alpine:3.24\nCOPY app /app\nRUN chown -R 1000:1000 /app\n",
        &opts,
    );
    let (_, copy_chown) = sim_with("FROM alpine:3.24\nCOPY --chown=1000:1000 app /app\n", &opts);
    assert_eq!(step(&separate, 3).size_bytes, 50_000_000);
    assert_eq!(separate.wasted_bytes, 50_000_000);
    assert!(separate.final_size_bytes >= copy_chown.final_size_bytes + 50_000_000);
    assert_eq!(copy_chown.wasted_bytes, 0);
}

#[test]
fn caches_follow_the_flags_that_avoid_them() {
    let (_, apk_cache) = sim("FROM alpine:3.24\nRUN apk add curl\n");
    let (_, apk_no_cache) = sim("FROM alpine:3.24\nRUN apk add --no-cache curl\n");
    assert!(
        step(&apk_cache, 2)
            .changes
            .iter()
            .any(|c| c.path.starts_with("/var/cache/apk/"))
    );
    assert!(
        !step(&apk_no_cache, 2)
            .changes
            .iter()
            .any(|c| c.path.starts_with("/var/cache/apk/"))
    );
    let (_, pip_cache) = sim(
        "FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n",
    );
    let (_, pip_no_cache) = sim(
        "FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\n",
    );
    assert!(step(&pip_cache, 3).size_bytes > step(&pip_no_cache, 3).size_bytes);
    assert!(
        step(&pip_cache, 3)
            .changes
            .iter()
            .any(|c| c.path.starts_with("/root/.cache/pip"))
    );
    let (_, npm) = sim(
        "FROM node:22-bookworm-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci && npm cache clean --force\n",
    );
    assert!(
        !step(&npm, 4)
            .changes
            .iter()
            .any(|c| c.path.starts_with("/root/.npm") && c.kind != "dir")
    );
    let (_, mount) = sim(
        "FROM python:3.12-slim\nCOPY requirements.txt .\nRUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt\n",
    );
    assert!(
        !step(&mount, 3)
            .changes
            .iter()
            .any(|c| c.path.starts_with("/root/.cache/pip"))
    );
}

#[test]
fn recommends_make_apt_installs_bigger() {
    let (_, with) = sim(
        "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y git && rm -rf /var/lib/apt/lists/*\n",
    );
    let (_, without) = sim(
        "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends git && rm -rf /var/lib/apt/lists/*\n",
    );
    assert!(step(&with, 2).size_bytes > step(&without, 2).size_bytes);
    assert!(
        !step(&without, 2).estimate,
        "Debian packages on a Debian image are data, not estimates"
    );
}

#[test]
fn layers_and_config_steps_as_buildkit_makes_them() {
    let (_, r) =
        sim("FROM alpine:3.24\nENV A=1\nLABEL x=y\nWORKDIR /srv\nWORKDIR /\nRUN true\nUSER 1000\n");
    let kinds: Vec<(usize, bool)> = r.stages[0]
        .steps
        .iter()
        .map(|s| (s.line, s.layer))
        .collect();
    // FROM, ENV, LABEL: config; WORKDIR /srv: a layer; WORKDIR /: none;
    // RUN: always a layer, even empty; USER: config.
    assert_eq!(
        kinds,
        vec![
            (1, false),
            (2, false),
            (3, false),
            (4, true),
            (5, false),
            (6, true),
            (7, false)
        ]
    );
    assert_eq!(
        step(&r, 6).compressed_bytes,
        32,
        "BuildKit's empty layer is a 32-byte gzip"
    );
}

#[test]
fn only_the_target_stage_is_the_image() {
    let text = "FROM golang:1.26-trixie AS build\nRUN go build -o /out/app .\nFROM alpine:3.24\nCOPY --from=build /out/app /app\n";
    let (_, r) = sim(text);
    assert!(!r.stages[0].in_final_image && r.stages[1].in_final_image);
    let alpine = r.stages[1].base.size_bytes;
    assert_eq!(r.final_size_bytes, alpine + step(&r, 4).size_bytes);
    assert!(step(&r, 4).size_bytes > 0, "the binary was copied");
}

#[test]
fn unknown_images_are_shown_as_unknown_with_a_settable_size() {
    let (_, r) = sim("FROM example.com/me/base:1\nRUN true\n");
    assert!(!r.stages[0].base.known && r.estimate);
    assert!(r.stages[0].steps[0].notes[0].starts_with("unknown image"));
    let mut options = SimOptions::default();
    options
        .unknown_image_sizes
        .insert("example.com/me/base:1".into(), 123_000_000);
    let (_, sized) = sim_with("FROM example.com/me/base:1\nRUN true\n", &options);
    assert_eq!(sized.stages[0].base.size_bytes, 123_000_000);
}

#[test]
fn downloads_and_archives_are_stated_assumptions_unless_sized() {
    let text = "FROM debian:bookworm-slim\nRUN curl -fsSLo /tmp/t.tgz https://example.com/t.tgz && tar -xzf /tmp/t.tgz -C /opt && rm /tmp/t.tgz\n";
    let (_, r) = sim(text);
    let s = step(&r, 2);
    assert!(
        s.estimate && s.notes.iter().any(|n| n.contains("assumed")),
        "{:?}",
        s.notes
    );
    assert!(
        !s.changes.iter().any(|c| c.path == "/tmp/t.tgz"),
        "deleted in the same RUN"
    );
    let mut options = SimOptions::default();
    options
        .download_sizes
        .insert("https://example.com/t.tgz".into(), 1_000_000);
    let (_, sized) = sim_with(text, &options);
    assert_eq!(
        step(&sized, 2).size_bytes,
        3_000_000,
        "extracted at the stated factor"
    );
}

#[test]
fn mistakes_show_up_as_step_notes() {
    let (_, r) = sim(
        "FROM python:3.12-slim\nCOPY requirements.txt /app\nRUN pip install -r requirements.txt\nRUN mkdir -p /app\n",
    );
    assert!(
        step(&r, 3)
            .notes
            .iter()
            .any(|n| n.contains("not in the image")),
        "{:?}",
        step(&r, 3).notes
    );
    assert!(
        step(&r, 4).notes.iter().any(|n| n.contains("is a file")),
        "{:?}",
        step(&r, 4).notes
    );
    let (_, r) = sim("FROM debian:bookworm-slim\nRUN apt-get install -y curl\n");
    assert!(
        step(&r, 2)
            .notes
            .iter()
            .any(|n| n.contains("without package lists"))
    );
}

#[test]
fn cli_json_has_the_required_fields() {
    let exe = env!("CARGO_BIN_EXE_layerlab");
    let file = fixtures().join("maven-two-stages.Dockerfile");
    let out = Command::new(exe)
        .args(["sim", "--format", "json", "--changed", "src"])
        .arg(&file)
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        v["final_size_bytes"].is_u64() && v["wasted_bytes"].is_u64() && v["efficiency"].is_f64()
    );
    for st in v["stages"].as_array().unwrap() {
        assert!(st["name"].is_string() || st["name"].is_null());
        assert!(st["in_final_image"].is_boolean());
        for s in st["steps"].as_array().unwrap() {
            assert!(s["line"].is_u64() && s["instruction"].is_string() && s["layer"].is_boolean());
            assert!(
                s["size_bytes"].is_u64()
                    && s["compressed_bytes"].is_u64()
                    && s["estimate"].is_boolean()
            );
            assert!(["hit", "rebuild", "skipped"].contains(&s["cache"].as_str().unwrap()));
        }
    }
    let table = Command::new(exe).args(["sim"]).arg(&file).output().unwrap();
    assert!(String::from_utf8_lossy(&table.stdout).contains("in the final image"));
    let bad = Command::new(exe)
        .args(["sim", "--download-size", "x"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&bad.stderr).contains("URL=BYTES")
            || String::from_utf8_lossy(&bad.stderr).contains("KEY=BYTES")
    );
}

#[test]
fn named_pypi_and_npm_packages_are_sized_from_registry_data() {
    let (_, r) =
        sim("FROM python:3.12-slim\nRUN pip install flask\nRUN pip install --no-cache-dir flask\n");
    let with_cache = step(&r, 2);
    assert!(!with_cache.estimate, "{:?}", with_cache.notes);
    let paths: Vec<&str> = with_cache.changes.iter().map(|c| c.path.as_str()).collect();
    for dep in ["flask", "werkzeug", "jinja2", "click"] {
        assert!(
            paths.contains(&format!("/usr/local/lib/python3.12/site-packages/{dep}").as_str()),
            "{dep}: {paths:?}"
        );
    }
    assert!(
        paths
            .iter()
            .any(|p| p.starts_with("/root/.cache/pip/http-v2/"))
    );
    assert!(
        !step(&r, 3)
            .changes
            .iter()
            .any(|c| c.path.starts_with("/root/.cache/pip") && c.kind != "dir")
    );
    let (_, n) = sim(
        "FROM node:22-bookworm-slim\nWORKDIR /app\nRUN npm install express no-such-package-xyz\n",
    );
    let s = step(&n, 3);
    assert!(
        s.changes
            .iter()
            .any(|c| c.path == "/app/node_modules/express")
    );
    assert!(
        s.estimate && s.notes.iter().any(|m| m.contains("no-such-package-xyz")),
        "{:?}",
        s.notes
    );
}

#[test]
fn lint_reads_a_given_simulation_like_its_own() {
    let text = fs::read_to_string(fixtures().join("chown-own-layer.Dockerfile")).unwrap();
    let r = report::analyze(&text);
    let sim = simulate(&r, Catalog::builtin_web(), &SimOptions::default());
    let own: Vec<String> = layerlab::lint::lint(&r)
        .iter()
        .map(|f| format!("{}:{}", f.line, f.message))
        .collect();
    let given: Vec<String> = layerlab::lint::lint_with_simulation(&r, &Default::default(), &sim)
        .iter()
        .map(|f| format!("{}:{}", f.line, f.message))
        .collect();
    assert_eq!(own, given);
    assert!(own.iter().any(|f| f.contains("chown -R")));
}
