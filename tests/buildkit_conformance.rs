//! BuildKit's own parser test corpus: every positive case must dump byte
//! for byte as BuildKit's `result`, every negative case must fail with
//! BuildKit's message, and the line-number case must give BuildKit's lines.
//! The corpus lives in `../shared` beside a development checkout; without
//! it these tests say so and skip, and `parser_fixtures.rs` covers the same
//! ground with our own files.

use std::fs;
use std::path::PathBuf;

use layerlab::syntax::{self, InstructionKind};

fn corpus() -> Option<PathBuf> {
    let dir =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpora/buildkit-parser");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "skipped: BuildKit parser corpus not found at {}",
            dir.display()
        );
        None
    }
}

#[test]
fn every_positive_case_dumps_like_buildkit() {
    let Some(dir) = corpus() else { return };
    let mut cases: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("result").is_file())
        .collect();
    cases.sort();
    let mut failures = Vec::new();
    for case in &cases {
        let input = fs::read(case.join("Dockerfile")).unwrap();
        let expected = fs::read_to_string(case.join("result")).unwrap();
        let doc = syntax::parse_bytes(&input);
        let errors: Vec<_> = doc
            .diagnostics
            .iter()
            .filter(|d| d.is_parse_error())
            .collect();
        let got = syntax::buildkit_dump(&doc);
        if !errors.is_empty() || got != expected {
            failures.push(format!(
                "{}: errors {errors:?}\n--- expected\n{expected}--- got\n{got}",
                case.display()
            ));
        }
        assert_eq!(
            syntax::print(&doc).as_bytes(),
            input.as_slice(),
            "{} does not round-trip",
            case.display()
        );
    }
    eprintln!(
        "BuildKit conformance: {} of {} cases match",
        cases.len() - failures.len(),
        cases.len()
    );
    assert_eq!(cases.len(), 33, "the corpus should hold 33 positive cases");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_negative_case_fails_with_buildkits_message() {
    let Some(dir) = corpus() else { return };
    let expected = [
        ("empty_dockerfile", "file with no instructions"),
        ("only_comments", "file with no instructions"),
        ("env_no_value", "ENV must have two arguments"),
        (
            "shykes-nested-json",
            "when using JSON array syntax, arrays must be comprised of strings only",
        ),
    ];
    for (case, message) in expected {
        let input = fs::read(dir.join("_negative").join(case).join("Dockerfile")).unwrap();
        let doc = syntax::parse_bytes(&input);
        let first = doc.diagnostics.iter().find(|d| d.is_parse_error());
        assert_eq!(first.map(|d| d.message.as_str()), Some(message), "{case}");
        assert_eq!(syntax::print(&doc).as_bytes(), input.as_slice());
    }
}

#[test]
fn line_numbers_match_buildkit() {
    let Some(dir) = corpus() else { return };
    let doc = syntax::parse_bytes(&fs::read(dir.join("_line-info/Dockerfile")).unwrap());
    let lines: Vec<_> = doc
        .instructions
        .iter()
        .map(|i| (i.kind, i.start_line, i.end_line))
        .collect();
    assert_eq!(
        lines,
        [
            (InstructionKind::From, 5, 5),
            (InstructionKind::Env, 11, 12),
            (InstructionKind::Run, 17, 31)
        ]
    );
    assert_eq!(
        doc.directive("escape").map(|d| d.value.as_str()),
        Some("\\")
    );
}
