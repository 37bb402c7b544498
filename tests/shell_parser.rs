//! The shell parser on our own fixtures (one per construct, snapshotted),
//! on every shell-form `RUN` of the real-world corpus, and on arbitrary
//! input.

use std::path::{Path, PathBuf};

use layerlab::shell::parse::{
    ParseOptions, Script, ShellKind, ShellSpec, SourceMap, Via, parse_script,
};
use layerlab::span::Span;

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/shell")
}

fn vars(name: &str) -> Option<String> {
    match name {
        "PYTHON_VERSION" => Some("3.12.4".into()),
        "GPG_KEY" => Some("7169605F62C751356D054A26A821E680E5FA6305".into()),
        "HOME" => Some("/root".into()),
        "PKGS" => Some("curl ca-certificates".into()),
        _ => None,
    }
}

fn parse(src: &str) -> Script {
    let opts = ParseOptions {
        vars: Some(&vars),
        cwd: Some("/app".into()),
        ..ParseOptions::default()
    };
    parse_script(src, &opts)
}

/// Each `tests/fixtures/shell/*.sh` parses as its snapshot says. A first
/// line `# shell: bash -o pipefail` picks the shell.
#[test]
fn fixtures() {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(fixtures_dir())
        .expect("fixtures dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "sh"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty());
    for path in paths {
        let src = std::fs::read_to_string(&path).expect("fixture");
        let shell = src
            .lines()
            .next()
            .and_then(|l| l.strip_prefix("# shell: "))
            .map(|s| ShellSpec::from_argv(&s.split(' ').collect::<Vec<_>>()))
            .unwrap_or_default();
        let opts = ParseOptions {
            shell,
            vars: Some(&vars),
            cwd: Some("/app".into()),
            ..ParseOptions::default()
        };
        let script = parse_script(&src, &opts);
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("fixture")
            .to_string();
        let expect_errors = name.starts_with("error");
        assert_eq!(
            script.has_errors(),
            expect_errors,
            "{name}: {:#?}",
            script.diagnostics
        );
        check_spans(&src, &script);
        insta::with_settings!({
            snapshot_path => fixtures_dir().join("snapshots"),
            prepend_module_to_snapshot => false,
            input_file => &path,
        }, {
            insta::assert_json_snapshot!(name, script);
        });
    }
}

/// Every span lies inside the text, on character boundaries; outside shell
/// strings and here-documents, a word's span is exactly its raw text.
fn check_spans(src: &str, script: &Script) {
    for (i, c) in script.calls.iter().enumerate() {
        assert_eq!(c.id, i);
        // Parents are other calls; the chain ends (no cycles).
        assert!(c.parent.is_none_or(|p| p < script.calls.len() && p != i));
        assert!(script.ancestors(c).count() < script.calls.len());
        let mut in_string = false;
        let mut up = Some(c);
        while let Some(call) = up {
            in_string |= call.via == Some(Via::ShellString);
            up = call.parent.map(|p| &script.calls[p]);
        }
        let words = c
            .argv
            .words
            .iter()
            .chain(c.redirects.iter().map(|r| &r.target));
        for w in words {
            assert!(
                w.span.start <= w.span.end && w.span.end <= src.len(),
                "{w:?}"
            );
            assert!(src.is_char_boundary(w.span.start) && src.is_char_boundary(w.span.end));
        }
        // Backtick bodies are unescaped before parsing: raw texts differ.
        if !in_string && !src.contains('`') {
            for w in &c.argv.words {
                assert_eq!(&src[w.span.start..w.span.end], w.raw, "{w:?}");
            }
        }
    }
    for d in &script.diagnostics {
        assert!(
            d.span.start <= d.span.end && d.span.end <= src.len(),
            "{d:?}"
        );
        assert!(src.is_char_boundary(d.span.start) && src.is_char_boundary(d.span.end));
    }
}

/// A shell-form `RUN` pulled out of a Dockerfile.
struct Run {
    file: String,
    text: String,
    shell: Vec<String>,
}

/// A rough extraction: `RUN` lines joined over continuations (comment and
/// blank lines dropped, as Docker does), flags skipped; JSON-form and
/// here-document `RUN`s left out.
fn extract_runs(file: &str, text: &str) -> Vec<Run> {
    let escape = if text
        .lines()
        .take(5)
        .any(|l| l.replace(' ', "").to_lowercase() == "#escape=`")
    {
        '`'
    } else {
        '\\'
    };
    // Windows images run `RUN` with `cmd /S /C` unless `SHELL` says
    // otherwise; a backtick escape or a Windows base image gives them away.
    let windows = escape == '`';
    let default_shell = |from: &str| -> Vec<String> {
        let from = from.to_ascii_lowercase();
        if windows
            || ["windows", "nanoserver", "servercore"]
                .iter()
                .any(|w| from.contains(w))
        {
            vec!["cmd".into(), "/S".into(), "/C".into()]
        } else {
            vec!["/bin/sh".into(), "-c".into()]
        }
    };
    let mut runs = Vec::new();
    let mut shell = default_shell("");
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        let trimmed = line.trim_start();
        let mut joined = trimmed.to_string();
        while joined.trim_end().ends_with(escape) {
            let Some(next) = lines.next() else { break };
            let t = next.trim_start();
            if t.starts_with('#') || t.is_empty() {
                joined.push('\n');
                joined.truncate(joined.len() - 1);
                continue;
            }
            joined = joined.trim_end().to_string();
            if escape != '\\' {
                joined.pop();
                joined.push('\\');
            }
            joined.push('\n');
            joined.push_str(next);
        }
        let upper = joined.to_ascii_uppercase();
        if upper.starts_with("FROM ") {
            shell = default_shell(&joined);
        } else if upper.starts_with("SHELL ") {
            if let Ok(v) = serde_json::from_str::<Vec<String>>(joined[6..].trim()) {
                shell = v;
            }
        } else if upper.starts_with("RUN ") || upper.starts_with("RUN\t") {
            let mut rest = joined[4..].trim_start();
            while rest.starts_with("--") {
                rest = rest
                    .split_once(char::is_whitespace)
                    .map_or("", |(_, r)| r)
                    .trim_start();
                rest = rest.strip_prefix('\\').unwrap_or(rest).trim_start();
            }
            let first_line = rest.lines().next().unwrap_or("");
            if rest.starts_with('[') || first_line.contains("<<") {
                continue;
            }
            runs.push(Run {
                file: file.to_string(),
                text: rest.to_string(),
                shell: shell.clone(),
            });
        }
    }
    runs
}

#[test]
fn realworld_runs() {
    let dir = Path::new("/work/shared/corpora/realworld");
    let Ok(entries) = std::fs::read_dir(dir) else {
        eprintln!("skipped: {} is absent", dir.display());
        return;
    };
    let mut runs = Vec::new();
    for e in entries.flatten() {
        let Ok(text) = std::fs::read_to_string(e.path()) else {
            continue;
        };
        let file = e.file_name().to_string_lossy().into_owned();
        runs.extend(extract_runs(&file, &text));
    }
    let (mut ok, mut interpreted, mut calls) = (0, 0, 0);
    for run in &runs {
        let shell = ShellSpec::from_argv(&run.shell);
        let opts = ParseOptions {
            shell,
            ..ParseOptions::default()
        };
        let script = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            parse_script(&run.text, &opts)
        }))
        .unwrap_or_else(|_| panic!("panic on a RUN of {}:\n{}", run.file, run.text));
        if !script.interpreted {
            continue;
        }
        interpreted += 1;
        calls += script.calls.len();
        // `SHELL_PARSER_DUMP=1 cargo test realworld -- --nocapture` lists
        // every call, to eyeball what the corpus runs.
        if std::env::var_os("SHELL_PARSER_DUMP").is_some() {
            for c in &script.calls {
                let words: Vec<&str> = c.argv.words.iter().map(|w| w.text()).collect();
                eprintln!(
                    "CALL\t{}\t{}",
                    run.file,
                    words.join(" ").replace('\n', "\\n")
                );
            }
        }
        check_spans(&run.text, &script);
        if script.has_errors() {
            let d = &script.diagnostics[0];
            let at = d.span.start.min(run.text.len());
            let from = run.text[..at].rfind('\n').map_or(0, |i| i + 1);
            let to = run.text[at..].find('\n').map_or(run.text.len(), |i| at + i);
            eprintln!(
                "--- {}: {} at {}: {}",
                run.file,
                d.message,
                at,
                &run.text[from..to]
            );
        } else {
            ok += 1;
        }
    }
    let rate = ok as f64 * 100.0 / interpreted.max(1) as f64;
    eprintln!(
        "realworld: {} RUNs, {interpreted} interpreted, {ok} without errors ({rate:.2}%), {calls} calls",
        runs.len()
    );
    assert!(interpreted > 0);
    assert!(rate >= 99.0, "parse rate {rate:.2}% below 99%");
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

    /// Arbitrary text never panics.
    #[test]
    fn never_panics(src in "\\PC*") {
        let s = parse(&src);
        check_spans(&src, &s);
    }

    /// Nor do scripts made of shell tokens (keywords, operators, quotes,
    /// expansions), which reach deeper into the grammar.
    #[test]
    fn never_panics_on_tokens(tokens in proptest::collection::vec(proptest::sample::select(vec![
        "if", "then", "elif", "else", "fi", "for", "in", "do", "done", "while", "until",
        "case", "esac", ";;", "{", "}", "(", ")", "((", "))", "[[", "]]", "!", "function",
        "&&", "||", "|", ";", "&", "\n", ">", ">>", "<", "2>&1", "<<EOF", "<<-'X'", "EOF",
        "X", "<<<", "'q'", "\"", "\"$A\"", "$(", "`", "${A:-", "${A#*.}", "$((1+2))",
        "sh -c", "sudo", "env A=1", "xargs", "find . -exec", "\\;", "cd /x", "set -e",
        "A=1", "export B=2", "*", "x?", "[ab]", "{a,b}", "~", "\\\n", "#c", "$'\\t'", "eval",
    ]), 0..40)) {
        let src = tokens.join(" ");
        let s = parse(&src);
        check_spans(&src, &s);
    }

    /// Nor does text made of shell syntax characters.
    #[test]
    fn never_panics_on_syntax(src in "[ a-z0-9$(){}\\[\\]'\"`\\\\|&;<>=#*?~!\n\t-]{0,80}") {
        let s = parse(&src);
        check_spans(&src, &s);
    }
}

/// Pathological nesting is cut off with a diagnostic, not a stack overflow,
/// even on a 1 MiB stack (the wasm default).
#[test]
fn deep_nesting() {
    std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(deep_nesting_body)
        .expect("thread")
        .join()
        .expect("no overflow");
}

fn deep_nesting_body() {
    for (open, close) in [
        ("$(", ")"),
        ("(", ")"),
        ("{ ", "; }"),
        ("\"$(", ")\""),
        ("${a:-", "}"),
        ("if ", "; then :; fi"),
        ("`", "`"),
        ("sh -c '", "'"),
    ] {
        let src = format!("{}echo{}", open.repeat(5000), close.repeat(5000));
        let script = parse(&src);
        assert!(script.diagnostics.len() < 10_000);
    }
}

#[test]
fn non_posix_shells_are_not_interpreted() {
    for argv in [
        &["powershell", "-Command", "$ErrorActionPreference = 'Stop';"][..],
        &["pwsh", "-c"],
        &["cmd", "/S", "/C"],
        &["C:\\Windows\\System32\\cmd.exe", "/c"],
        &["/usr/bin/python3", "-c"],
    ] {
        let opts = ParseOptions {
            shell: ShellSpec::from_argv(argv),
            ..ParseOptions::default()
        };
        let script = parse_script("Invoke-WebRequest -Uri $url; echo %PATH%", &opts);
        assert!(!script.interpreted, "{argv:?}");
        assert!(script.reason.is_some() && script.calls.is_empty());
    }
    let spec = ShellSpec::from_argv(&["/bin/bash", "-eo", "pipefail", "-c"]);
    assert_eq!(spec.kind, ShellKind::Bash);
    assert!(spec.errexit && spec.pipefail);
    let spec = ShellSpec::from_argv(&["busybox", "ash", "-c"]);
    assert_eq!(spec.kind, ShellKind::Sh);
    let opts = ParseOptions {
        shell: ShellSpec::from_argv(&["/bin/bash", "-o", "pipefail", "-c"]),
        ..ParseOptions::default()
    };
    let script = parse_script("curl x | sh", &opts);
    assert!(script.interpreted && script.calls.iter().all(|c| c.pipefail && !c.errexit));
}

/// How the Dockerfile parser maps spans back: a `RUN` whose text is a slice
/// of the file at an offset, or glued from pieces.
#[test]
fn spans_in_dockerfile_coordinates() {
    let dockerfile = "FROM x\nRUN apt-get update \\\n# a comment\n  && apt-get install -y curl\n";
    let start = dockerfile.find("apt-get").unwrap_or(0);
    let comment = dockerfile.find("# a comment").unwrap_or(0);
    let after = dockerfile.find("  && apt-get install").unwrap_or(0);
    // Docker drops the comment line: the shell text is two pieces.
    let pieces = [(start, comment - start), (after, dockerfile.len() - after)];
    let text: String = pieces.iter().map(|&(s, l)| &dockerfile[s..s + l]).collect();
    let opts = ParseOptions {
        source_map: SourceMap::from_segments(&pieces),
        ..ParseOptions::default()
    };
    let script = parse_script(&text, &opts);
    assert!(!script.has_errors());
    for call in &script.calls {
        for w in &call.argv.words {
            assert_eq!(&dockerfile[w.span.start..w.span.end], w.raw);
        }
    }
    let install = &script.calls[1];
    assert_eq!(
        &dockerfile[install.span.start..install.span.end],
        "apt-get install -y curl"
    );

    // A contiguous slice only needs an offset.
    let opts = ParseOptions {
        source_map: SourceMap::offset(11),
        ..ParseOptions::default()
    };
    let script = parse_script("echo hi", &opts);
    assert_eq!(script.calls[0].argv.words[1].span, Span::new(16, 18));
}

/// Inside `sh -c '...'`, spans point at the characters in the outer text.
#[test]
fn shell_string_spans() {
    let src = r#"sh -c 'cd /opt && make' && bash -c "echo \"a b\" $HOME/x""#;
    let script = parse(src);
    let at = |s: Span| &src[s.start..s.end];
    let inner: Vec<_> = script
        .calls
        .iter()
        .filter(|c| c.via == Some(Via::ShellString))
        .collect();
    assert_eq!(inner.len(), 3);
    assert_eq!(at(inner[0].argv.words[1].span), "/opt");
    assert_eq!(inner[1].cwd.as_deref(), Some("/opt"));
    assert_eq!(at(inner[1].span), "make");
    let echo = &inner[2].argv.words;
    assert_eq!(echo[1].value.as_deref(), Some("a b"));
    assert_eq!(at(echo[1].span), "\\\"a b\\\"");
    assert_eq!(echo[2].value.as_deref(), Some("/root/x"));
}

#[test]
fn variables_and_cwd() {
    let opts = ParseOptions {
        vars: Some(&|n: &str| (n == "VERSION").then(|| "1.2.3".to_string())),
        cwd: Some("/src".into()),
        ..ParseOptions::default()
    };
    let script = parse_script(
        "cd sub && curl -o \"app-${VERSION%.*}.tgz\" x; DIR=/opt; cd \"$DIR\"/.. ; pwd",
        &opts,
    );
    assert_eq!(script.calls[1].cwd.as_deref(), Some("/src/sub"));
    assert_eq!(
        script.calls[1].argv.words[2].value.as_deref(),
        Some("app-1.2.tgz")
    );
    assert_eq!(script.calls[4].cwd.as_deref(), Some("/"));
}

/// A `RUN <<EOF` body reaches the parser as a script of its own.
#[test]
fn heredoc_body_script() {
    let body = "set -e\napt-get update\n\napt-get install -y \\\n  curl\n";
    let script = parse(body);
    assert!(!script.has_errors());
    let names: Vec<_> = script.calls.iter().filter_map(|c| c.argv.name()).collect();
    assert_eq!(names, ["set", "apt-get", "apt-get"]);
    assert!(script.calls[2].errexit);
    assert_eq!(script.calls[2].argv.words.len(), 4);
}

#[test]
fn helpers() {
    let script = parse("sudo sh -c 'apt-get update > /tmp/log' && apt-get install -y x");
    let apt: Vec<_> = script.calls_named("apt-get").collect();
    assert_eq!(apt.len(), 2);
    let chain: Vec<_> = script
        .ancestors(apt[0])
        .filter_map(|c| c.argv.name())
        .collect();
    assert_eq!(chain, ["sh", "sudo"]);
    let files: Vec<_> = apt[0].written_files().map(|w| w.text()).collect();
    assert_eq!(files, ["/tmp/log"]);
}

/// Pathological inputs stay roughly linear.
#[test]
fn large_inputs_stay_fast() {
    for unit in [
        "[",
        "{",
        "$((",
        "${",
        "\"",
        "'",
        "`",
        "a=",
        "((",
        "$(( ",
        "<<E\n",
        "x|",
        "if ",
        "\\\n",
        "{a,",
        "case x in ",
        "$'",
        "[[ ",
        "for x in ",
        "cd ..;",
    ] {
        let src = unit.repeat(20_000 / unit.len());
        let t = std::time::Instant::now();
        let _ = parse(&src);
        let took = t.elapsed();
        eprintln!("{unit:?}: {took:?}");
        assert!(took.as_secs() < 10, "{unit:?} took {took:?}");
    }
}

/// Exec form: no shell, but `sh -c` and wrappers are still followed.
#[test]
fn exec_form() {
    use layerlab::shell::argv::ArgWord;
    use layerlab::shell::parse::parse_exec_form;
    let line = r#"RUN ["sudo", "sh", "-c", "cd /x && make"]"#;
    let words: Vec<ArgWord> = ["sudo", "sh", "-c", "cd /x && make"]
        .iter()
        .map(|w| {
            let start = line.find(&format!("\"{w}\"")).unwrap_or(0) + 1;
            ArgWord {
                value: Some(w.to_string()),
                raw: w.to_string(),
                span: Span::new(start, start + w.len()),
            }
        })
        .collect();
    let script = parse_exec_form(words, &ParseOptions::default());
    let names: Vec<_> = script.calls.iter().filter_map(|c| c.argv.name()).collect();
    assert_eq!(names, ["sudo", "sh", "cd", "make"]);
    let make = &script.calls[3];
    assert_eq!(&line[make.span.start..make.span.end], "make");
    assert_eq!(make.cwd.as_deref(), Some("/x"));
}
