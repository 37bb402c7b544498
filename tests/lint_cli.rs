//! `layerlab lint` end to end: the built binary on the Dockerfiles and
//! configurations in `tests/fixtures/lint/`.

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/lint")
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// The rules these fixtures exercise; selecting them keeps the tests about
/// the CLI stable as rules are added.
const SELECT: &str = "--select=maintainer-deprecated,apt-install-recommends";

/// Runs `layerlab lint ARGS` inside the fixtures directory.
fn lint_in(dir: PathBuf, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_layerlab"))
        .arg("lint")
        .arg(SELECT)
        .args(args)
        .current_dir(dir)
        .output()
        .expect("runs");
    Run {
        code: out.status.code().expect("exited"),
        stdout: String::from_utf8(out.stdout).expect("utf-8"),
        stderr: String::from_utf8(out.stderr).expect("utf-8"),
    }
}

fn lint(args: &[&str]) -> Run {
    lint_in(fixtures(), args)
}

fn json(args: &[&str]) -> Vec<Value> {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    let run = lint(&all);
    match serde_json::from_str(&run.stdout).expect("json") {
        Value::Array(rows) => rows,
        other => panic!("not an array: {other}"),
    }
}

/// (rule, severity, line) of each finding.
fn summary(rows: &[Value]) -> Vec<(String, String, u64)> {
    rows.iter()
        .map(|r| {
            (
                r["rule"].as_str().unwrap().to_owned(),
                r["severity"].as_str().unwrap().to_owned(),
                r["line"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn exit_status_follows_the_failure_threshold() {
    // basic: an error (DL4000) and an info (DL3015); info_only: one info.
    for (file, threshold, code) in [
        ("basic.Dockerfile", "error", 1),
        ("basic.Dockerfile", "warning", 1),
        ("basic.Dockerfile", "info", 1),
        ("basic.Dockerfile", "style", 1),
        ("basic.Dockerfile", "none", 0),
        ("info_only.Dockerfile", "error", 0),
        ("info_only.Dockerfile", "warning", 0),
        ("info_only.Dockerfile", "info", 1),
        ("info_only.Dockerfile", "style", 1),
        ("info_only.Dockerfile", "none", 0),
        ("clean.Dockerfile", "style", 0),
        ("parse_error.Dockerfile", "error", 1),
        // As hadolint: a parse error fails even at `none`.
        ("parse_error.Dockerfile", "none", 1),
    ] {
        let run = lint(&["--failure-threshold", threshold, file]);
        assert_eq!(run.code, code, "{file} at {threshold}: {}", run.stdout);
    }
    // The default threshold is info.
    assert_eq!(lint(&["info_only.Dockerfile"]).code, 1);
    assert_eq!(lint(&["--no-fail", "basic.Dockerfile"]).code, 0);
    assert_eq!(lint(&["--no-fail", "parse_error.Dockerfile"]).code, 0);
    // A missing file is not a lint failure.
    assert_eq!(lint(&["missing.Dockerfile"]).code, 2);
}

#[test]
fn json_keeps_its_shape() {
    let rows = json(&["basic.Dockerfile", "info_only.Dockerfile"]);
    assert_eq!(rows.len(), 3);
    for r in &rows {
        for key in [
            "file",
            "rule",
            "aliases",
            "severity",
            "message",
            "line",
            "column",
            "end_line",
            "end_column",
            "fix",
        ] {
            assert!(r.get(key).is_some(), "{key} missing in {r}");
        }
    }
    assert_eq!(rows[0]["file"], "basic.Dockerfile");
    assert_eq!(rows[0]["aliases"][0], "DL4000");
    assert_eq!(rows[2]["file"], "info_only.Dockerfile");
}

#[test]
fn parse_errors_are_dl1000_errors() {
    let rows = json(&["parse_error.Dockerfile"]);
    assert!(!rows.is_empty());
    assert_eq!(rows[0]["rule"], "parse-error");
    assert_eq!(rows[0]["aliases"][0], "DL1000");
    assert_eq!(rows[0]["severity"], "error");
}

#[test]
fn pragmas_suppress_and_can_be_disabled() {
    // global ignore (DL4000), next-instruction ignore (line 5), stage ignore
    // (lines 9-10): only the last stage's RUN remains.
    let rows = json(&["pragma.Dockerfile"]);
    assert_eq!(
        summary(&rows),
        [("apt-install-recommends".into(), "info".into(), 13)]
    );
    let rows = json(&["--config", "nopragma.yaml", "pragma.Dockerfile"]);
    let lines: Vec<_> = summary(&rows).into_iter().map(|s| s.2).collect();
    assert_eq!(lines, [3, 5, 9, 10, 13]);
    // nopragma.yaml also says no-fail.
    assert_eq!(
        lint(&["--config", "nopragma.yaml", "pragma.Dockerfile"]).code,
        0
    );
}

#[test]
fn config_ignores_and_overrides() {
    assert!(json(&["--config", "ignore.yaml", "basic.Dockerfile"]).is_empty());
    assert_eq!(
        lint(&["--config", "ignore.yaml", "basic.Dockerfile"]).code,
        0
    );
    // override: DL3015 → error, maintainer-deprecated → style; threshold error.
    let rows = json(&["--config", "override.yaml", "basic.Dockerfile"]);
    assert_eq!(
        summary(&rows),
        [
            ("maintainer-deprecated".into(), "style".into(), 2),
            ("apt-install-recommends".into(), "error".into(), 3),
        ]
    );
    assert_eq!(
        lint(&["--config", "override.yaml", "info_only.Dockerfile"]).code,
        1
    );
    // The command line's threshold beats the file's.
    assert_eq!(
        lint(&[
            "--config",
            "override.yaml",
            "--failure-threshold",
            "none",
            "info_only.Dockerfile"
        ])
        .code,
        0
    );
}

#[test]
fn config_problems() {
    let run = lint(&["--config", "unknown.yaml", "basic.Dockerfile"]);
    assert!(
        run.stderr.contains("unknown key `colour`"),
        "{}",
        run.stderr
    );
    assert_eq!(run.code, 1);
    let run = lint(&["--config", "broken.yaml", "basic.Dockerfile"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("broken.yaml:3:4"), "{}", run.stderr);
    assert_eq!(
        lint(&["--config", "absent.yaml", "basic.Dockerfile"]).code,
        2
    );
}

#[test]
fn dot_hadolint_yaml_in_the_current_directory_is_used() {
    // It ignores DL3015 and sets the threshold to warning.
    let dir = fixtures().join("discover");
    let run = lint_in(dir.clone(), &["--format", "json", "Dockerfile"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(run.stdout.trim(), "[]");
    // An explicit --config wins over it.
    let run = lint_in(
        dir,
        &[
            "--config",
            "../nopragma.yaml",
            "--failure-threshold",
            "info",
            "Dockerfile",
        ],
    );
    assert!(run.stdout.contains("DL3015"));
}

const ODD: &str = "odd, name & <x>: 50%.Dockerfile";

#[test]
fn sarif_is_2_1_0_with_rules_results_and_fixes() {
    let run = lint(&["--format", "sarif", "basic.Dockerfile", ODD]);
    let doc: Value = serde_json::from_str(&run.stdout).expect("sarif json");
    assert_eq!(doc["version"], "2.1.0");
    let run0 = &doc["runs"][0];
    let rules = run0["tool"]["driver"]["rules"].as_array().unwrap();
    assert!(rules.iter().any(|r| r["id"] == "apt-install-recommends"));
    let results = run0["results"].as_array().unwrap();
    assert_eq!(results.len(), 4);
    let r = &results[0];
    assert_eq!(r["ruleId"], "maintainer-deprecated");
    assert_eq!(r["level"], "error");
    assert_eq!(
        rules[r["ruleIndex"].as_u64().unwrap() as usize]["id"],
        r["ruleId"]
    );
    let region = &r["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startLine"], 2);
    assert_eq!(region["startColumn"], 1);
    assert!(region["endLine"].is_u64() && region["endColumn"].is_u64());
    assert_eq!(results[1]["level"], "note");
    assert!(
        results
            .iter()
            .any(|r| r["fixes"][0]["artifactChanges"][0]["replacements"].is_array())
    );
    assert_eq!(
        results[3]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        ODD
    );
}

/// A small well-formedness check: every tag closes in order, attributes are
/// quoted, and `&`/`<` only appear as markup or known entities.
fn well_formed(xml: &str) -> Result<(), String> {
    let body = xml
        .strip_prefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
        .ok_or("no declaration")?;
    let mut stack: Vec<String> = Vec::new();
    let mut rest = body;
    while let Some(start) = rest.find('<') {
        check_text(&rest[..start])?;
        let end = rest[start..].find('>').ok_or("unclosed tag")? + start;
        let tag = &rest[start + 1..end];
        if let Some(name) = tag.strip_prefix('/') {
            if stack.pop().as_deref() != Some(name) {
                return Err(format!("mismatched </{name}>"));
            }
        } else {
            let self_closing = tag.ends_with('/');
            let tag = tag.trim_end_matches('/');
            let name = tag.split_whitespace().next().ok_or("empty tag")?;
            // Attributes: name="value" pairs with no raw < & or ".
            let mut attrs = tag[name.len()..].trim();
            while !attrs.is_empty() {
                let eq = attrs.find("=\"").ok_or(format!("bad attribute in {tag}"))?;
                let close = attrs[eq + 2..].find('"').ok_or("unterminated value")? + eq + 2;
                check_text(&attrs[eq + 2..close])?;
                attrs = attrs[close + 1..].trim_start();
            }
            if !self_closing {
                stack.push(name.to_owned());
            }
        }
        rest = &rest[end + 1..];
    }
    check_text(rest)?;
    if stack.is_empty() {
        Ok(())
    } else {
        Err(format!("unclosed {stack:?}"))
    }
}

fn check_text(text: &str) -> Result<(), String> {
    if text.contains('<') || text.contains('>') {
        return Err(format!("raw markup in {text:?}"));
    }
    let mut parts = text.split('&');
    parts.next();
    for p in parts {
        let ok = [
            "amp;", "lt;", "gt;", "quot;", "apos;", "#10;", "#13;", "#9;",
        ]
        .iter()
        .any(|e| p.starts_with(e));
        if !ok {
            return Err(format!("bad entity in {text:?}"));
        }
    }
    Ok(())
}

#[test]
fn checkstyle_is_well_formed_xml() {
    let run = lint(&[
        "--format",
        "checkstyle",
        "basic.Dockerfile",
        ODD,
        "clean.Dockerfile",
    ]);
    well_formed(run.stdout.trim()).unwrap();
    assert!(
        run.stdout
            .contains("name=\"odd, name &amp; &lt;x&gt;: 50%.Dockerfile\"")
    );
    assert!(run.stdout.contains("severity=\"error\""));
    assert!(well_formed("<?xml version=\"1.0\" encoding=\"UTF-8\"?><a><b></a>").is_err());
    assert!(well_formed("<?xml version=\"1.0\" encoding=\"UTF-8\"?><a x=\"&\"/>").is_err());
}

#[test]
fn codeclimate_and_gitlab() {
    for format in ["codeclimate", "gitlab"] {
        let run = lint(&[
            "--format",
            format,
            "basic.Dockerfile",
            "info_only.Dockerfile",
        ]);
        let issues: Vec<Value> = serde_json::from_str(&run.stdout).expect(format);
        assert_eq!(issues.len(), 3);
        let prints: Vec<_> = issues
            .iter()
            .map(|i| i["fingerprint"].as_str().unwrap().to_owned())
            .collect();
        assert!(prints.iter().all(|p| p.len() == 16));
        assert_ne!(prints[1], prints[2]);
        assert_eq!(issues[0]["severity"], "critical");
        assert_eq!(issues[1]["severity"], "minor");
        assert_eq!(issues[0]["check_name"], "maintainer-deprecated");
        assert_eq!(issues[0]["location"]["path"], "basic.Dockerfile");
        assert_eq!(issues[0]["location"]["lines"]["begin"], 2);
        assert!(issues[0]["description"].is_string());
        // Stable across runs.
        let again: Vec<Value> = serde_json::from_str(
            &lint(&[
                "--format",
                format,
                "basic.Dockerfile",
                "info_only.Dockerfile",
            ])
            .stdout,
        )
        .unwrap();
        assert_eq!(issues, again);
    }
    let cc: Vec<Value> =
        serde_json::from_str(&lint(&["--format", "codeclimate", "basic.Dockerfile"]).stdout)
            .unwrap();
    assert_eq!(cc[0]["type"], "issue");
    assert!(cc[0]["categories"].is_array());
}

#[test]
fn github_workflow_commands() {
    let run = lint(&["--format", "github", ODD]);
    let lines: Vec<_> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(
        lines[0],
        "::error file=odd%2C name & <x>%3A 50%25.Dockerfile,line=2,col=1,endLine=2,endColumn=31,\
         title=maintainer-deprecated (DL4000)::MAINTAINER is deprecated: use the org.opencontainers.image.authors label"
    );
    assert!(lines[1].starts_with("::notice file="));
    assert_eq!(lint(&["--format", "github", "clean.Dockerfile"]).stdout, "");
}

#[test]
fn select_runs_only_the_named_rules() {
    let out = Command::new(env!("CARGO_BIN_EXE_layerlab"))
        .args([
            "lint",
            "--format",
            "json",
            "--select",
            "DL4000",
            "basic.Dockerfile",
        ])
        .current_dir(fixtures())
        .output()
        .expect("runs");
    let rows: Vec<Value> = serde_json::from_slice(&out.stdout).expect("json");
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|r| r["rule"] == "maintainer-deprecated"));
}

#[test]
fn label_schema_and_trusted_registries_come_from_the_config() {
    let run = |config: Option<&str>| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_layerlab"));
        cmd.args(["lint", "--format", "json", "--select"])
            .arg("DL3026,DL3049,DL3050,DL3052,DL3056");
        if let Some(config) = config {
            cmd.args(["--config", config]);
        }
        let out = cmd
            .arg("schema.Dockerfile")
            .current_dir(fixtures())
            .output()
            .expect("runs");
        let rows: Vec<Value> = serde_json::from_slice(&out.stdout).expect("json");
        summary(&rows)
    };
    assert_eq!(
        run(Some("schema.yaml")),
        [
            ("label-missing".into(), "info".into(), 1),
            ("untrusted-registry".into(), "error".into(), 1),
            ("label-not-url".into(), "warning".into(), 2),
            ("superfluous-label".into(), "info".into(), 2),
        ]
    );
    // Without the configuration these rules have nothing to check against.
    assert!(run(None).is_empty());
}

#[test]
fn a_real_context_feeds_the_image_rules() {
    let dir = fixtures().join("context");
    let args = ["--select=copy-ignored-file", "--format", "json"];
    let with = Command::new(env!("CARGO_BIN_EXE_layerlab"))
        .arg("lint")
        .args(args)
        .args(["--context", ".", "Dockerfile"])
        .current_dir(&dir)
        .output()
        .unwrap();
    let rows: Vec<Value> = serde_json::from_slice(&with.stdout).unwrap();
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0]["rule"], "copy-ignored-file");
    assert_eq!(
        (rows[0]["line"].as_u64(), rows[0]["column"].as_u64()),
        (Some(2), Some(6))
    );
    // Without the context nothing is known to be ignored.
    let without = Command::new(env!("CARGO_BIN_EXE_layerlab"))
        .arg("lint")
        .args(args)
        .arg("Dockerfile")
        .current_dir(&dir)
        .output()
        .unwrap();
    let rows: Vec<Value> = serde_json::from_slice(&without.stdout).unwrap();
    assert!(rows.is_empty(), "{rows:?}");
}
