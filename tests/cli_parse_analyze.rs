//! `layerlab parse` and `layerlab analyze` as a user runs them: the built
//! binary, its output shapes and exit statuses.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

/// Runs the CLI with `stdin` as the Dockerfile (`-`).
fn run(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_layerlab"))
        .args(args)
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().expect("exits")
}

#[test]
fn buildkit_dump_and_buildkits_message_on_failure() {
    let out = run(
        &["parse", "--format", "buildkit"],
        "FROM alpine\nRUN --mount=type=cache,target=/x echo hi\n",
    );
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "(from \"alpine\")\n(run [\"--mount=type=cache,target=/x\"] \"echo hi\")\n"
    );
    let out = run(
        &["parse", "--format", "buildkit"],
        "FROM alpine\nENV PATH\n",
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "<stdin>:2:5: ENV must have two arguments\n"
    );
}

#[test]
fn json_spans_carry_lines_and_columns() {
    let out = run(
        &["parse", "--format", "json"],
        "FROM alpine\nRUN --mount=type=cache,target=/x \\\n  echo hi\n",
    );
    assert!(out.status.success());
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let run = &doc["instructions"][1];
    assert_eq!(
        (run["start_line"].as_u64(), run["end_line"].as_u64()),
        (Some(2), Some(3))
    );
    let flag = &run["flags"][0]["span"];
    assert_eq!(
        (flag["start_line"].as_u64(), flag["start_column"].as_u64()),
        (Some(2), Some(5))
    );
    let text = &run["args"]["value"]["span"];
    assert_eq!(
        (text["start_line"].as_u64(), text["start_column"].as_u64()),
        (Some(3), Some(3))
    );
}

#[test]
fn analyze_lists_every_command_with_name_recognized_and_line() {
    let text =
        "FROM debian\nRUN apt-get update \\\n && apt-get install -y curl \\\n && frobnicate\n";
    let out = run(&["analyze", "--format", "json"], text);
    assert!(out.status.success());
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let commands: Vec<(String, bool, u64)> = report["runs"][0]["commands"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["name"].as_str().unwrap().to_owned(),
                c["recognized"].as_bool().unwrap(),
                c["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        commands,
        [
            ("apt-get".into(), true, 2),
            ("apt-get".into(), true, 3),
            ("frobnicate".into(), false, 4)
        ]
    );
    assert_eq!(report["summary"]["recognized"].as_u64(), Some(2));
}
