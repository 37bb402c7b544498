//! The parser against real Dockerfiles and against BuildKit itself.
//!
//! * Every file of `../shared/corpora/realworld/` (288 Dockerfiles from
//!   public repositories) must parse without a parse error and print back
//!   byte for byte.
//! * Differential oracle: `tests/oracle/buildkit_oracle.py` reads the same
//!   files (and our own fixtures) with the PyPI package `dockerfile`, which
//!   is BuildKit's Go parser (v0.12-era) compiled for Python, and every
//!   instruction's keyword, flags, values, original line, line range and
//!   heredocs must agree with ours.
//!
//! Both skip with a message when the corpus, `python3` or the module is
//! missing.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use layerlab::syntax::{self, Args, Document, Instruction};
use serde_json::{Value, json};

fn realworld_files() -> Option<Vec<PathBuf>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpora/realworld");
    if !dir.is_dir() {
        eprintln!("skipped: real-world corpus not found at {}", dir.display());
        return None;
    }
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "Dockerfile"))
        .collect();
    files.sort();
    Some(files)
}

fn fixture_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/parser");
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "Dockerfile"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_realworld_file_parses_and_round_trips() {
    let Some(files) = realworld_files() else {
        return;
    };
    let mut failures = Vec::new();
    for path in &files {
        let bytes = fs::read(path).unwrap();
        let doc = syntax::parse_bytes(&bytes);
        let errors: Vec<_> = doc
            .diagnostics
            .iter()
            .filter(|d| d.is_parse_error())
            .collect();
        if !errors.is_empty() {
            failures.push(format!("{}: {errors:?}", path.display()));
        }
        if syntax::print(&doc).as_bytes() != bytes.as_slice() {
            failures.push(format!("{}: does not round-trip", path.display()));
        }
    }
    eprintln!(
        "real-world corpus: {} of {} files parse cleanly and round-trip",
        files.len() - failures.len(),
        files.len()
    );
    assert_eq!(files.len(), 288, "the corpus should hold 288 Dockerfiles");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Our arguments in the shape of the binding's `value` tuple.
fn values(args: &Args) -> Vec<String> {
    match args {
        Args::Empty => vec![],
        Args::Words(ws) | Args::Json(ws) => ws.iter().map(|w| w.value.clone()).collect(),
        Args::Shell(s) => vec![s.text.clone()],
        Args::Text(w) => vec![w.value.clone()],
        // The binding gives key/value pairs without the separator.
        Args::KeyValues(kvs) => kvs
            .iter()
            .flat_map(|kv| {
                [
                    kv.key.value.clone(),
                    kv.value.as_ref().map_or(String::new(), |v| v.value.clone()),
                ]
            })
            .collect(),
        Args::Healthcheck { kind, command } => {
            let mut v = vec![kind.value.clone()];
            v.extend(values(command));
            v
        }
        // The binding reads one level of ONBUILD: a nested one
        // (`ONBUILD ONBUILD RUN x`) shows as one empty value.
        Args::Onbuild(inner) if matches!(inner.args, Args::Onbuild(_)) => vec![String::new()],
        Args::Onbuild(inner) => values(&inner.args),
        // BuildKit keeps one empty argument for an unknown instruction.
        Args::Unknown(_) => vec![String::new()],
    }
}

fn is_json(args: &Args) -> bool {
    match args {
        Args::Json(_) => true,
        Args::Healthcheck { command, .. } => is_json(command),
        Args::Onbuild(inner) => is_json(&inner.args),
        _ => false,
    }
}

/// One instruction, normalized like `buildkit_oracle.py` does.
fn normalized(ins: &Instruction) -> Value {
    // The binding appends each heredoc's body and (chomped) terminator to
    // the original line, except under ONBUILD where it does not see them.
    let mut original = ins.original.clone();
    let onbuild = matches!(ins.args, Args::Onbuild(_));
    if !ins.heredocs.is_empty() && !onbuild {
        original.push('\n');
        for h in &ins.heredocs {
            original.push_str(&h.body);
            original.push_str(&h.name);
            original.push('\n');
        }
    }
    let sub_cmd = match &ins.args {
        Args::Onbuild(inner) if !inner.keyword.is_empty() => json!(inner.keyword),
        _ => Value::Null,
    };
    let heredocs: Vec<Value> = if onbuild {
        vec![]
    } else {
        ins.heredocs
            .iter()
            .map(|h| json!([h.name, h.fd.unwrap_or(0), h.body]))
            .collect()
    };
    json!({
        "cmd": ins.keyword,
        "sub_cmd": sub_cmd,
        "json": is_json(&ins.args),
        "original": original,
        "start_line": ins.start_line,
        "end_line": ins.end_line,
        "flags": ins.flags.iter().map(|f| f.text.clone()).collect::<Vec<_>>(),
        "value": values(&ins.args),
        "heredocs": heredocs,
    })
}

fn run_oracle(files: &[PathBuf]) -> Option<Value> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/oracle/buildkit_oracle.py");
    let output = match Command::new("python3").arg(&script).args(files).output() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("skipped: cannot run python3 ({e})");
            return None;
        }
    };
    if !output.status.success() {
        eprintln!(
            "skipped: the oracle failed ({}): {}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        );
        return None;
    }
    Some(serde_json::from_slice(&output.stdout).expect("oracle output is JSON"))
}

/// Every string of a value cut at its first NUL, as C would see it.
fn cut_at_nul(v: &Value) -> Value {
    match v {
        Value::String(s) => Value::String(s.split('\0').next().unwrap_or("").to_owned()),
        Value::Array(a) => Value::Array(a.iter().map(cut_at_nul).collect()),
        Value::Object(o) => {
            Value::Object(o.iter().map(|(k, v)| (k.clone(), cut_at_nul(v))).collect())
        }
        other => other.clone(),
    }
}

/// Known, justified differences between the binding and our parser, for
/// one instruction; each gives its reason.
fn exception(ours: &Value, theirs: &Value) -> Option<&'static str> {
    // The binding passes strings through C, which cuts them at NUL (BuildKit
    // corpus `json`: `CMD ["\u0000"]`). Only that may differ.
    (ours.to_string().contains("\\u0000") && &cut_at_nul(ours) == theirs)
        .then_some("the binding cuts strings at NUL; equal once ours are cut too")
}

/// Whole files the binding cannot judge.
fn file_exception(doc: &Document) -> Option<&'static str> {
    // `# check=` arrived in BuildKit 0.14 (Dockerfile frontend 1.8). The
    // binding's BuildKit 0.12 treats it as an ordinary comment, which ends
    // the directive header, so a `# escape=` after it is ignored there
    // (fixture `directives`: `# syntax=`, `# CHECK=`, `#Escape = \``).
    let names: Vec<_> = doc.directives.iter().map(|d| d.name.as_str()).collect();
    let check = names.iter().position(|&n| n == "check")?;
    (check + 1 < names.len())
        .then_some("a directive after `# check=`, which BuildKit 0.12 does not know")
}

#[test]
fn buildkit_oracle_agrees() {
    let fixtures = fixture_files();
    let realworld = realworld_files().unwrap_or_default();
    let mut files = fixtures.clone();
    files.extend(realworld.iter().cloned());
    let Some(oracle) = run_oracle(&files) else {
        return;
    };
    compare("fixtures", &fixtures, &oracle);
    compare("real-world", &realworld, &oracle);
}

/// BuildKit's own parser corpus, positive and negative cases, when it is
/// beside the checkout.
#[test]
fn buildkit_oracle_agrees_on_buildkits_corpus() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpora/buildkit-parser");
    if !dir.is_dir() {
        eprintln!(
            "skipped: BuildKit parser corpus not found at {}",
            dir.display()
        );
        return;
    }
    let mut files: Vec<PathBuf> = Vec::new();
    for parent in [dir.clone(), dir.join("_negative")] {
        for e in fs::read_dir(&parent).unwrap() {
            let case = e.unwrap().path().join("Dockerfile");
            if case.is_file() {
                files.push(case);
            }
        }
    }
    files.sort();
    let Some(oracle) = run_oracle(&files) else {
        return;
    };
    compare("BuildKit corpus", &files, &oracle);
}

/// Deterministic pseudo-random Dockerfiles built from lines that real files
/// and BuildKit's own tests use, so that the oracle sees combinations no
/// one wrote by hand.
fn generated_files(dir: &Path, count: usize) -> Vec<PathBuf> {
    const PIECES: &[&str] = &[
        "FROM alpine",
        "FROM img AS b",
        "from  a\t",
        "RUN echo hi",
        "RUN [\"a\", \"b\"]",
        "RUN [\"a\" \"b\"]",
        "RUN ['a']",
        "CMD [\"x\"] y",
        "CMD",
        "CMD []",
        "ENTRYPOINT [ \"a\"",
        "ENV A=1",
        "ENV A 1 2",
        "ENV A=\"x y\" B='z' C=a\\ b",
        "LABEL a=b \"c d\"=e",
        "ARG X=\"1 2\" Y",
        "ARG",
        "COPY --from=b --chown=\"a b\" x y",
        "COPY -- --x y",
        "ADD [\"a\", \"b\"]",
        "VOLUME /a /b",
        "EXPOSE 80 443/udp",
        "USER app",
        "WORKDIR  /w x ",
        "STOPSIGNAL 9",
        "SHELL [\"sh\", \"-c\"]",
        "HEALTHCHECK NONE",
        "HEALTHCHECK",
        "HEALTHCHECK --interval=1s CMD [\"c\"]",
        "HEALTHCHECK CMD c --x",
        "ONBUILD RUN x",
        "ONBUILD COPY [\"a\", \"b\"]",
        "ONBUILD",
        "MAINTAINER me",
        "FOO bar",
        "RUN --mount=type=cache,target=/c -- make",
        "RUN echo a \\",
        "  && echo b \\",
        "# comment",
        "#",
        "",
        "   ",
        "\t",
        "RUN <<EOF",
        "COPY <<A <<B /d/",
        "RUN <<-'X' cat",
        "RUN 3<<E cat",
        "EOF",
        "A",
        "B",
        "\tX",
        "E",
        "body $X",
        "USER <<U",
        "RUN \"<<Q\"",
        "RUN [\"<<EOF\"]",
        "RUN echo é ♥ 日本",
        "RUN echo \\\\",
        "ENV P=C:\\",
        "RUN a `",
        "`",
        "# escape=`",
        "# syntax=x",
        "#escape=\\",
        "ENV K=\"unclosed",
        "LABEL k=\"a\\\"b\"",
    ];
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    (0..count)
        .map(|i| {
            let lines = 1 + next(12);
            let eol = if next(8) == 0 { "\r\n" } else { "\n" };
            let mut text = String::new();
            if next(10) == 0 {
                text.push('\u{feff}');
            }
            for _ in 0..lines {
                text.push_str(PIECES[next(PIECES.len())]);
                text.push_str(eol);
            }
            if next(4) == 0 {
                text.pop();
            }
            let path = dir.join(format!("gen-{i:04}.Dockerfile"));
            fs::write(&path, text).unwrap();
            path
        })
        .collect()
}

#[test]
fn buildkit_oracle_agrees_on_generated_files() {
    let dir = std::env::temp_dir().join(format!("layerlab-oracle-{}", std::process::id()));
    fs::create_dir_all(&dir).unwrap();
    let files = generated_files(&dir, 1500);
    let oracle = run_oracle(&files);
    if let Some(oracle) = oracle {
        compare("generated", &files, &oracle);
    }
    fs::remove_dir_all(&dir).unwrap();
}

/// Compares our parse of every file with the oracle's, prints the
/// agreement and fails on any unexplained difference.
fn compare(label: &str, files: &[PathBuf], oracle: &Value) {
    let (mut files_ok, mut ins_ok, mut ins_total) = (0, 0, 0);
    let mut explained = Vec::new();
    let mut failures = Vec::new();
    for path in files {
        let key = path.to_str().unwrap();
        let theirs = &oracle[key];
        let doc = syntax::parse_bytes(&fs::read(path).unwrap());
        let name = path
            .strip_prefix(path.parent().and_then(Path::parent).unwrap_or(path))
            .unwrap_or(path)
            .to_string_lossy();
        if let Some(err) = theirs["error"].as_str() {
            // BuildKit rejects the file: we must report a parse error too,
            // and our first one must carry BuildKit's message.
            let ours = doc.diagnostics.iter().find(|d| d.is_parse_error());
            match ours {
                // Ours may say more ("unterminated heredoc: no line ...").
                Some(d) if err.contains(&d.message) || d.message.starts_with(err) => files_ok += 1,
                _ => failures.push(format!(
                    "{name}: BuildKit fails with {err:?}, we give {ours:?}"
                )),
            }
            continue;
        }
        if doc.has_parse_errors() {
            failures.push(format!(
                "{name}: BuildKit accepts it but we report {:?}",
                doc.diagnostics
            ));
            continue;
        }
        if let Some(why) = file_exception(&doc) {
            explained.push(format!("{name}: {why}"));
            continue;
        }
        let theirs_cmds = theirs["commands"].as_array().unwrap();
        let ours_cmds: Vec<Value> = doc.instructions.iter().map(normalized).collect();
        let mut file_ok = ours_cmds.len() == theirs_cmds.len();
        if !file_ok {
            failures.push(format!(
                "{name}: {} instructions, BuildKit has {}",
                ours_cmds.len(),
                theirs_cmds.len()
            ));
        }
        for (i, theirs) in theirs_cmds.iter().enumerate() {
            ins_total += 1;
            let ours = ours_cmds.get(i).cloned().unwrap_or(Value::Null);
            if &ours == theirs {
                ins_ok += 1;
                continue;
            }
            if let Some(why) = exception(&ours, theirs) {
                ins_ok += 1;
                explained.push(format!("{name} #{i}: {why}"));
                continue;
            }
            file_ok = false;
            failures.push(format!(
                "{name} #{i}:\n  ours:   {ours}\n  theirs: {theirs}"
            ));
        }
        files_ok += usize::from(file_ok);
    }
    eprintln!(
        "BuildKit oracle, {label}: {files_ok}/{} files agree fully, {ins_ok}/{ins_total} instructions agree",
        files.len()
    );
    for e in &explained {
        eprintln!("  explained: {e}");
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
