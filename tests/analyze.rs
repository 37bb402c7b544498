//! The analysis stage end to end: stages, ARG/ENV scoping, and what each
//! RUN runs, checked on our own fixtures (snapshots) and, when present,
//! over the real-world corpus in `../shared`.

use std::fs;
use std::path::{Path, PathBuf};

use layerlab::model::{self, Base, Model, Options};
use layerlab::syntax;
use serde_json::{Value, json};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/analyze")
}

fn analyze_text(text: &str) -> Model {
    model::analyze(&syntax::parse(text), &Options::default())
}

/// A compact view: what a reader of `layerlab analyze` would check.
fn summary(model: &Model) -> Value {
    let stages: Vec<_> = model
        .stages
        .iter()
        .map(|s| json!({"name": s.name, "base": s.base, "line": s.line}))
        .collect();
    let runs: Vec<_> = model
        .runs
        .iter()
        .map(|r| {
            let commands: Vec<_> = r
                .commands
                .iter()
                .map(|c| {
                    let effects: Vec<_> = serde_json::to_value(&c.model.effects).unwrap().as_array().unwrap().iter().map(|e| e["effect"].clone()).collect();
                    json!({
                        "at": format!("{}:{}", c.line, c.column),
                        "name": c.name,
                        "recognized": c.recognized,
                        "nested": c.nested,
                        "subcommand": c.model.subcommand,
                        "effects": effects,
                    })
                })
                .collect();
            json!({"line": r.line, "form": r.form, "interpreted": r.interpreted, "reason": r.reason, "commands": commands})
        })
        .collect();
    json!({"stages": stages, "runs": runs, "problems": model.problems})
}

fn snapshot(name: &str) {
    let text = fs::read_to_string(fixtures().join(format!("{name}.Dockerfile"))).unwrap();
    let model = analyze_text(&text);
    insta::with_settings!({snapshot_path => fixtures().join("snapshots"), prepend_module_to_snapshot => false}, {
        insta::assert_json_snapshot!(name, summary(&model));
    });
}

#[test]
fn multistage_build() {
    snapshot("multistage");
}

#[test]
fn scripts_heredocs_and_nested_commands() {
    snapshot("scripts");
}

#[test]
fn windows_shells_are_recognised_and_left_alone() {
    snapshot("windows");
}

#[test]
fn global_args_resolve_in_from_but_not_in_stages_unless_redeclared() {
    let model = analyze_text(
        "ARG TAG=3.20\nARG PKG=curl\nFROM alpine:$TAG\nRUN apk add $PKG\nARG PKG\nRUN apk add $PKG\n",
    );
    assert_eq!(
        model.stages[0].base,
        Base::Image {
            reference: "alpine:3.20".into()
        }
    );
    let packages = |run: usize| {
        model.runs[run].commands[0]
            .model
            .operands
            .iter()
            .map(|w| w.value.clone())
            .collect::<Vec<_>>()
    };
    // Before `ARG PKG` the stage does not see the global value: unknown, not guessed.
    assert_eq!(packages(0), [None]);
    assert_eq!(packages(1), [Some("curl".to_owned())]);
}

#[test]
fn env_and_workdir_reach_the_shell() {
    let model = analyze_text(
        "FROM debian\nENV DIR=/opt/tool\nWORKDIR /srv\nWORKDIR app\nRUN mkdir -p $DIR/bin\n",
    );
    let run = &model.runs[0];
    assert_eq!(
        run.commands[0].model.operands[0].value.as_deref(),
        Some("/opt/tool/bin")
    );
    assert_eq!(run.script.calls[0].cwd.as_deref(), Some("/srv/app"));
}

#[test]
fn stage_references_and_inherited_state() {
    let model = analyze_text(
        "FROM alpine AS base\nSHELL [\"/bin/bash\", \"-c\"]\nFROM base AS app\nRUN echo hi\nFROM scratch\n",
    );
    assert_eq!(model.stages[1].base, Base::Stage { index: 0 });
    assert_eq!(model.stages[2].base, Base::Scratch);
    assert!(model.runs[0].interpreted);
    assert_eq!(format!("{:?}", model.runs[0].script.shell), "Bash");
}

#[test]
fn command_positions_point_into_the_file_across_continuations() {
    let text = "FROM debian\nRUN apt-get update && \\\n    apt-get install -y curl\n";
    let model = analyze_text(text);
    let second = &model.runs[0].commands[1];
    assert_eq!((second.line, second.column), (3, 5));
}

#[test]
fn realworld_corpus_coverage() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpora/realworld");
    if !dir.is_dir() {
        eprintln!("skipped: real-world corpus not found at {}", dir.display());
        return;
    }
    let (mut calls, mut recognized) = (0usize, 0usize);
    for entry in fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if !is_dockerfile(&path) {
            continue;
        }
        let model = model::analyze(
            &syntax::parse_bytes(&fs::read(&path).unwrap()),
            &Options::default(),
        );
        for run in model.runs.iter().filter(|r| r.interpreted) {
            calls += run.commands.len();
            recognized += run.commands.iter().filter(|c| c.recognized).count();
        }
    }
    let share = recognized as f64 / calls as f64;
    eprintln!(
        "command calls recognized: {recognized} of {calls} ({:.2}%)",
        share * 100.0
    );
    assert!(
        calls > 8000,
        "the corpus should have thousands of command calls, found {calls}"
    );
    assert!(share >= 0.97, "coverage fell to {:.2}%", share * 100.0);
}

fn is_dockerfile(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.contains("Dockerfile"))
}
