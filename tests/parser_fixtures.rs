//! Our own parser fixtures (`tests/fixtures/parser/*.Dockerfile`), covering
//! the ground of BuildKit's parser corpus and of its Go-only tests
//! (heredocs, directives, empty continuation lines, long lines), plus the
//! half-typed input the playground sees while someone types. Each fixture
//! gets two snapshots: BuildKit's AST dump and a compact JSON view of the
//! instructions and diagnostics. They always run: nothing here needs
//! `../shared`.

use std::fs;
use std::path::{Path, PathBuf};

use layerlab::syntax::{self, Args, Document, Instruction, Severity};
use serde_json::{Value, json};

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/parser")
}

fn read(name: &str) -> String {
    fs::read_to_string(fixtures_dir().join(format!("{name}.Dockerfile"))).unwrap()
}

fn parse(name: &str) -> Document {
    let text = read(name);
    let doc = syntax::parse(&text);
    assert_eq!(syntax::print(&doc), text, "{name} does not round-trip");
    doc
}

/// Long strings are cut so that the 64 KiB fixture keeps a small snapshot.
fn short(s: &str) -> String {
    if s.chars().count() > 200 {
        let head: String = s.chars().take(40).collect();
        format!("{head}... ({} bytes)", s.len())
    } else {
        s.to_owned()
    }
}

fn args_json(args: &Args) -> Value {
    let words = |ws: &[syntax::Word]| ws.iter().map(|w| short(&w.value)).collect::<Vec<_>>();
    match args {
        Args::Empty => json!("empty"),
        Args::Words(ws) => json!({ "words": words(ws) }),
        Args::Json(ws) => json!({ "json": words(ws) }),
        Args::Shell(s) => json!({ "shell": short(&s.text) }),
        Args::Text(w) => json!({ "text": short(&w.value) }),
        Args::KeyValues(kvs) => json!({
            "pairs": kvs
                .iter()
                .map(|kv| {
                    let v = kv.value.as_ref().map(|v| short(&v.value));
                    if kv.legacy {
                        json!([kv.key.value, v, "legacy"])
                    } else {
                        json!([kv.key.value, v])
                    }
                })
                .collect::<Vec<_>>()
        }),
        Args::Healthcheck { kind, command } => {
            json!({ "healthcheck": kind.value, "command": args_json(command) })
        }
        Args::Onbuild(inner) => json!({ "onbuild": instruction_json(inner) }),
        Args::Unknown(w) => json!({ "unknown": short(&w.value) }),
    }
}

fn instruction_json(ins: &Instruction) -> Value {
    let mut v = json!({
        "keyword": ins.keyword,
        "kind": ins.kind,
        "lines": [ins.start_line, ins.end_line],
        "args": args_json(&ins.args),
    });
    if !ins.flags.is_empty() {
        v["flags"] = json!(
            ins.flags
                .iter()
                .map(|f| json!([f.name, f.value]))
                .collect::<Vec<_>>()
        );
    }
    if !ins.heredocs.is_empty() {
        v["heredocs"] = json!(
            ins.heredocs
                .iter()
                .map(|h| json!({
                    "name": h.name,
                    "expand": h.expand,
                    "chomp": h.chomp,
                    "fd": h.fd,
                    "body": h.body,
                    "terminated": h.terminator_span.is_some(),
                }))
                .collect::<Vec<_>>()
        );
    }
    v
}

fn document_json(doc: &Document) -> Value {
    json!({
        "bom": doc.bom,
        "escape": doc.escape.to_string(),
        "directives": doc
            .directives
            .iter()
            .map(|d| format!("{}={}", d.name, d.value))
            .collect::<Vec<_>>(),
        "instructions": doc.instructions.iter().map(instruction_json).collect::<Vec<_>>(),
        "diagnostics": doc
            .diagnostics
            .iter()
            .map(|d| format!(
                "{}:{}-{}:{} {} {:?} {}: {}",
                d.line,
                d.column,
                d.end_line,
                d.end_column,
                d.severity.as_str(),
                d.kind,
                d.code,
                short(&d.message)
            ))
            .collect::<Vec<_>>(),
    })
}

fn dump_short(doc: &Document) -> String {
    syntax::buildkit_dump(doc)
        .lines()
        .map(|l| format!("{}\n", short(l)))
        .collect()
}

fn fixture_names() -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(fixtures_dir())
        .unwrap()
        .filter_map(|e| {
            let name = e.unwrap().file_name().into_string().unwrap();
            name.strip_suffix(".Dockerfile").map(str::to_owned)
        })
        .collect();
    names.sort();
    names
}

#[test]
fn every_fixture_matches_its_snapshots() {
    let names = fixture_names();
    assert!(names.len() >= 25, "fixtures missing: {names:?}");
    for name in &names {
        let doc = parse(name);
        insta::with_settings!({
            snapshot_path => fixtures_dir().join("snapshots"),
            prepend_module_to_snapshot => false,
            omit_expression => true,
            info => &name,
        }, {
            insta::assert_snapshot!(format!("{name}.dump"), dump_short(&doc));
            insta::assert_json_snapshot!(format!("{name}.ast"), document_json(&doc));
        });
    }
}

fn dump(name: &str) -> Vec<String> {
    syntax::buildkit_dump(&parse(name))
        .lines()
        .map(str::to_owned)
        .collect()
}

fn codes(doc: &Document) -> Vec<(&'static str, usize, usize)> {
    doc.diagnostics
        .iter()
        .map(|d| (d.code, d.line, d.column))
        .collect()
}

#[test]
fn flags_stop_at_a_double_dash_and_lose_their_quotes() {
    let d = dump("flags");
    assert_eq!(d[2], r#"(copy ["--link"] "--weird-name" "/dst/")"#);
    assert_eq!(d[4], r#"(copy ["--chown=app user"] "a" "b")"#);
    assert_eq!(
        d[5],
        r#"(add ["--checksum=sha256:abc"] "http://example.com/x" "/x")"#
    );
    assert_eq!(d[6], r#"(cmd ["--only"] "a" "b")"#);
    assert_eq!(d[7], r#"(cmd ["--empty"])"#);
    assert_eq!(
        d[8],
        r#"(run ["--mount=type=secret,id=tok"] "echo -- --not-a-flag")"#
    );
}

#[test]
fn flag_spans_point_at_the_written_text() {
    let doc = parse("flags");
    let copy = doc.instructions.last().unwrap();
    let spans: Vec<_> = copy
        .flags
        .iter()
        .map(|f| {
            (
                doc.text(f.name_span),
                f.value_span.map(|s| doc.text(s)),
                f.value.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        spans,
        [
            ("--chown", Some("\"a b\""), Some("a b")),
            ("--from", Some("x"), Some("x"))
        ]
    );
}

#[test]
fn invalid_json_falls_back_to_shell_form() {
    let d = dump("json-shell");
    assert_eq!(d[1], r#"(cmd "echo" "hi")"#);
    assert_eq!(d[2], r#"(cmd "['echo', 'single quotes are shell form']")"#);
    assert_eq!(d[3], r#"(entrypoint "[ \"a\"")"#);
    assert_eq!(d[4], r#"(run "[\"a\" \"b\"]")"#);
    assert_eq!(d[10], "(cmd)");
    let doc = parse("json-nested");
    assert_eq!(doc.instructions.len(), 4, "the rest still comes back");
    let errors: Vec<_> = doc
        .diagnostics
        .iter()
        .filter(|d| d.is_parse_error())
        .collect();
    assert_eq!(errors.len(), 2);
    assert_eq!((errors[0].line, errors[0].column), (2, 5));
    assert_eq!((errors[1].line, errors[1].column), (3, 5));
}

#[test]
fn env_and_label_old_and_new_forms() {
    let d = dump("env-label");
    assert_eq!(d[1], r#"(env "A" "1" "")"#);
    assert_eq!(d[2], r#"(env "B" "two words  here" "")"#);
    assert_eq!(
        d[3],
        r#"(env "C" "3" "=" "D" "\"four five\"" "=" "E" "'six'" "=")"#
    );
    assert_eq!(d[4], r#"(env "F" "a\\ b" "=" "G" "" "=")"#);
    let doc = parse("env-missing");
    assert_eq!(doc.instructions.len(), 5);
    assert_eq!(
        codes(&doc),
        [
            ("missing-value", 2, 5),
            ("missing-value", 3, 7),
            ("missing-equals", 4, 9)
        ]
    );
}

#[test]
fn directives_are_read_only_at_the_top() {
    let doc = parse("directives");
    let names: Vec<_> = doc.directives.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(names, ["syntax", "check", "escape"]);
    assert_eq!(doc.escape, '`');
    assert_eq!(doc.instructions.len(), 2);
    assert_eq!(doc.instructions[1].end_line, 8);

    let dup = parse("directives-duplicate");
    assert_eq!(codes(&dup), [("duplicate-directive", 2, 1)]);
    assert!(dup.diagnostics[0].is_parse_error());

    for name in [
        "directives-after-comment",
        "directives-after-blank",
        "directives-unknown",
    ] {
        let doc = parse(name);
        assert_eq!(doc.escape, '\\', "{name}");
        assert!(doc.directives.is_empty(), "{name}");
        assert_eq!(doc.instructions.len(), 2, "{name}");
    }
    let bad = parse("directives-invalid-escape");
    assert_eq!(codes(&bad), [("invalid-escape", 1, 1)]);
}

#[test]
fn backtick_escape_joins_windows_lines() {
    let d = dump("escape-backtick");
    assert_eq!(
        d[1],
        r#"(run "powershell -Command     $ErrorActionPreference = 'Stop';     Write-Host C:\\path\\dir")"#
    );
    assert_eq!(d[2], r#"(copy "C:\\src\\" "C:\\dst\\")"#);
}

#[test]
fn continuation_lines_skip_comments_and_warn_on_empty_lines() {
    let doc = parse("continuation-comments");
    assert_eq!(doc.instructions.len(), 3);
    assert_eq!(
        (doc.instructions[1].start_line, doc.instructions[1].end_line),
        (2, 8)
    );
    assert_eq!(
        codes(&doc),
        [("empty-continuation", 5, 1), ("empty-continuation", 7, 1)]
    );
    assert!(
        doc.diagnostics
            .iter()
            .all(|d| d.severity == Severity::Warning)
    );

    let eof = parse("continue-at-eof");
    assert!(!eof.has_parse_errors());
    assert_eq!(dump("continue-at-eof")[1], r#"(run "echo a     b")"#);
}

#[test]
fn a_double_backslash_is_not_a_continuation() {
    let doc = parse("trailing-backslash");
    assert_eq!(doc.instructions.len(), 5);
    let d = dump("trailing-backslash");
    assert_eq!(d[1], r#"(run "echo escaped\\\\")"#);
    assert_eq!(d[4], r#"(run "echo spaces-after   joined")"#);
}

#[test]
fn crlf_and_bom_are_transparent() {
    let d = dump("crlf");
    assert_eq!(d[1], r#"(run "echo a     b")"#);
    assert_eq!(d[2], r#"(env "A" "1" "=" "B" "2" "=")"#);
    assert_eq!(d[3], r#"(cmd "x")"#);
    let doc = parse("bom");
    assert!(doc.bom);
    assert_eq!(doc.directives[0].name, "syntax");
    assert_eq!(doc.instructions[0].start_line, 2);
}

#[test]
fn heredocs_of_every_kind() {
    let doc = parse("heredoc-basic");
    let hd: Vec<_> = doc
        .instructions
        .iter()
        .flat_map(|i| &i.heredocs)
        .map(|h| (h.name.as_str(), h.expand, h.chomp, h.fd, h.body.as_str()))
        .collect();
    assert_eq!(
        hd,
        [
            ("EOF", true, false, None, "echo hello\necho world\n"),
            ("EOT", true, true, None, "\techo chomped\n"),
            ("NOEXP", false, false, None, "$HOME stays\n"),
            ("DQ", false, false, None, "$X\n"),
            ("FD", true, false, Some(3), "fd body\n"),
        ]
    );
    assert_eq!(doc.instructions.last().unwrap().start_line, 19);

    let multi = parse("heredoc-multi");
    let counts: Vec<_> = multi
        .instructions
        .iter()
        .map(|i| i.heredocs.len())
        .collect();
    assert_eq!(counts, [0, 2, 2, 1, 1]);
    let Args::Onbuild(inner) = &multi.instructions[3].args else {
        panic!("ONBUILD expected")
    };
    assert_eq!(inner.heredocs[0].body, "echo later\n");

    let not = parse("heredoc-not");
    assert!(not.instructions.iter().all(|i| i.heredocs.is_empty()));
    assert_eq!(not.instructions.len(), 6);
}

#[test]
fn half_typed_input_keeps_every_other_instruction() {
    let doc = parse("half-typed");
    let kinds: Vec<_> = doc
        .instructions
        .iter()
        .map(|i| i.keyword.as_str())
        .collect();
    assert_eq!(
        kinds,
        [
            "FROM", "FORM", "RUN", "CMD", "ENV", "BANANA", "COPY", "EXPOSE"
        ]
    );
    let unknown = &doc.diagnostics[0];
    assert_eq!(
        (unknown.code, unknown.line, unknown.column),
        ("unknown-instruction", 2, 6)
    );
    assert!(unknown.message.contains("did you mean FROM"));
    assert!(codes(&doc).contains(&("missing-value", 5, 5)));

    let unterminated = parse("heredoc-unterminated");
    assert_eq!(unterminated.instructions.len(), 3);
    assert_eq!(codes(&unterminated), [("unterminated-heredoc", 3, 5)]);

    let long = parse("long-line");
    assert_eq!(long.instructions.len(), 3);
    assert_eq!(codes(&long), [("line-too-long", 2, 1)]);
    assert_eq!(
        long.diagnostics[0].message,
        "dockerfile line greater than max allowed size of 65535"
    );

    for name in ["empty", "only-comments"] {
        let doc = parse(name);
        assert_eq!(doc.diagnostics[0].message, "file with no instructions");
    }
}

#[test]
fn onbuild_and_healthcheck() {
    let d = dump("onbuild");
    assert_eq!(d[1], r#"(onbuild (run "echo" "test"))"#);
    assert_eq!(d[3], r#"(onbuild (add ["--chown=a:b"] "x" "/y"))"#);
    assert_eq!(d[7], r#"(onbuild (onbuild (run "x")))"#);
    let doc = parse("onbuild");
    let Args::Onbuild(inner) = &doc.instructions[7].args else {
        panic!("ONBUILD expected")
    };
    let Args::Onbuild(innermost) = &inner.args else {
        panic!("nested ONBUILD expected")
    };
    assert_eq!((innermost.start_line, innermost.end_line), (8, 8));
    let h = dump("healthcheck");
    assert_eq!(h[3], r#"(healthcheck "NONE")"#);
    assert_eq!(h[4], "(healthcheck)");
    assert_eq!(h[5], r#"(healthcheck "CONNECT" "TCP 7000")"#);
}
