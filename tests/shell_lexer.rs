//! Conformance of `layerlab::vars` with BuildKit's shell lexer.
//!
//! * BuildKit's own data (`envVarTest`, `wordsTest`) from the shared corpus,
//!   when it is present on this machine (skipped with a message otherwise).
//! * Our fixture `tests/fixtures/vars/cases.txt`, always.
//! * Snapshots of the structured results, and a no-panic property test.

use std::path::{Path, PathBuf};

use layerlab::vars::{
    CaseInsensitive, Env, ExpandError, Lexer, VarMap, process_word, process_words,
};
use proptest::prelude::*;

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpora/buildkit-parser/_shell-lexer")
}

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/vars")
}

/// Go's `strings.TrimSpace`, close enough for this data.
fn trim(s: &str) -> &str {
    s.trim()
}

#[test]
fn buildkit_env_var_test() {
    let path = corpus_dir().join("envVarTest");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("SKIP buildkit_env_var_test: {} not found", path.display());
        return;
    };
    let env: VarMap = [
        ("PWD", "/home"),
        ("SHELL", "bash"),
        ("KOREAN", "한국어"),
        ("NULL", ""),
    ]
    .into_iter()
    .collect();
    // BuildKit building for Windows matches names whatever their case.
    let pairs: Vec<(String, String)> = env
        .iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
    let windows_env = CaseInsensitive(&pairs);
    let (mut run, mut passed, mut by_platform) = (0, 0, [0usize; 3]);
    let mut failures = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.starts_with('#') || trim(line).is_empty() {
            continue;
        }
        let fields: Vec<&str> = trim(line).split('|').collect();
        assert_eq!(fields.len(), 3, "line {}: {line:?}", n + 1);
        let (platform, input, expected) = (trim(fields[0]), trim(fields[1]), trim(fields[2]));
        let slot = match platform {
            "A" => 0,
            "U" => 1,
            "W" => 2,
            other => panic!("line {}: bad platform {other:?}", n + 1),
        };
        run += 1;
        let got = if slot == 2 {
            process_word(input, &windows_env, '\\')
        } else {
            process_word(input, &env, '\\')
        };
        let ok = match (&got, expected) {
            (Err(_), "error") => true,
            (Ok(e), exp) => e.value == exp,
            (Err(_), _) => false,
        };
        if ok {
            passed += 1;
            by_platform[slot] += 1;
        } else {
            failures.push(format!(
                "line {}: {input:?} expected {expected:?}, got {got:?}",
                n + 1
            ));
        }
    }
    println!(
        "envVarTest: {passed}/{run} passed (A: {}, U: {}, W: {})",
        by_platform[0], by_platform[1], by_platform[2]
    );
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn buildkit_words_test() {
    let path = corpus_dir().join("wordsTest");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("SKIP buildkit_words_test: {} not found", path.display());
        return;
    };
    let mut env: Vec<(String, String)> = Vec::new();
    let (mut run, mut passed) = (0, 0);
    let mut failures = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.starts_with('#') {
            continue;
        }
        if let Some(rest) = line.strip_prefix("ENV ") {
            // Only leading spaces go: trailing ones are part of the value.
            let (k, v) = rest
                .trim_start_matches(' ')
                .split_once('=')
                .unwrap_or((rest, ""));
            env.push((k.to_owned(), v.to_owned()));
            continue;
        }
        let (input, expected) = line.split_once('|').expect("one |");
        let input = trim(input);
        let expected: Vec<&str> = expected.trim_start_matches(' ').split(',').collect();
        run += 1;
        let got: Vec<String> = match process_words(input, &env, '\\') {
            Ok(words) => words.into_iter().map(|w| w.text).collect(),
            Err(_) => vec!["error".to_owned()],
        };
        if got == expected {
            passed += 1;
        } else {
            failures.push(format!(
                "line {}: {input:?} expected {expected:?}, got {got:?}",
                n + 1
            ));
        }
    }
    println!("wordsTest: {passed}/{run} passed");
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// A field of the fixture: trimmed, or exact between `⟨` and `⟩`.
fn field(s: &str) -> String {
    let t = s.trim();
    match t.strip_prefix('⟨').and_then(|r| r.strip_suffix('⟩')) {
        Some(exact) => exact.to_owned(),
        None => t.to_owned(),
    }
}

/// Runs `tests/fixtures/vars/cases.txt`; its header documents the format.
#[test]
fn fixture_cases() {
    let path = fixture_dir().join("cases.txt");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut env = VarMap::new();
    let mut lexer = Lexer::new('\\');
    let (mut run, mut failures) = (0, Vec::new());
    for (n, line) in text.lines().enumerate() {
        let line_no = n + 1;
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let (kind, rest) = line.split_once(' ').unwrap_or((line, ""));
        match kind {
            "env" => {
                let (k, v) = rest
                    .split_once('=')
                    .unwrap_or_else(|| panic!("line {line_no}: env NAME=VALUE"));
                env.set(k, v);
                continue;
            }
            "unset" => {
                env.remove(rest.trim());
                continue;
            }
            "escape" => {
                lexer.escape = rest.trim().chars().next().expect("escape char");
                continue;
            }
            _ => {}
        }
        let (input, expected) = rest
            .split_once(" => ")
            .unwrap_or_else(|| panic!("line {line_no}: no ' => '"));
        let input = field(input);
        run += 1;
        let result = lexer.process_word(&input, &env);
        let verdict: Result<(), String> = match kind {
            "word" => match &result {
                Ok(e) if e.value == field(expected) => Ok(()),
                other => Err(format!("expected {:?}, got {other:?}", field(expected))),
            },
            "words" => {
                let want: Vec<String> = if expected.trim().is_empty() {
                    Vec::new()
                } else {
                    expected.split(" | ").map(field).collect()
                };
                match &result {
                    Ok(e) if e.words.iter().map(|w| &w.text).eq(want.iter()) => Ok(()),
                    other => Err(format!("expected {want:?}, got {other:?}")),
                }
            }
            "error" => {
                let (msg, at) = expected
                    .rsplit_once(" @ ")
                    .unwrap_or_else(|| panic!("line {line_no}: MESSAGE @ OFFSET"));
                let at: usize = at.trim().parse().expect("offset");
                match &result {
                    Err(ExpandError { message, .. })
                        if *message == field(msg)
                            && result.as_ref().unwrap_err().offset() == at =>
                    {
                        Ok(())
                    }
                    other => Err(format!(
                        "expected error {:?} at {at}, got {other:?}",
                        field(msg)
                    )),
                }
            }
            "unset-refs" => {
                let want: Vec<String> = expected.split_whitespace().map(str::to_owned).collect();
                match &result {
                    Ok(e)
                        if e.unmatched()
                            .into_iter()
                            .eq(want.iter().map(String::as_str)) =>
                    {
                        Ok(())
                    }
                    other => Err(format!("expected unmatched {want:?}, got {other:?}")),
                }
            }
            other => panic!("line {line_no}: unknown kind {other:?}"),
        };
        if let Err(why) = verdict {
            failures.push(format!("line {line_no}: {input:?}: {why}"));
        }
    }
    println!("fixture cases: {}/{run} passed", run - failures.len());
    assert!(run > 0);
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn snapshot_env() -> VarMap {
    [("HOME", "/root"), ("PAIR", "a  b"), ("EMPTY", "")]
        .into_iter()
        .collect()
}

macro_rules! snap {
    ($name:literal, $value:expr) => {
        insta::with_settings!({ snapshot_path => "fixtures/vars/snapshots", prepend_module_to_snapshot => false }, {
            insta::assert_json_snapshot!($name, $value);
        });
    };
}

#[test]
fn snapshot_refs_and_spans() {
    let env = snapshot_env();
    let e = process_word("${UNSET:-$HOME}/x$EMPTY${1}", &env, '\\').unwrap();
    snap!("refs_and_spans", e);
}

#[test]
fn snapshot_split_words() {
    let env = snapshot_env();
    let e = process_word("cp $PAIR \"$PAIR\" lit\\ eral x${EMPTY}y", &env, '\\').unwrap();
    snap!("split_words", e.words);
}

#[test]
fn snapshot_errors() {
    let env = snapshot_env();
    let cases = [
        "${}",
        "'open",
        "x\"open",
        "${HOME",
        "${HOME:=x}",
        "${EMPTY:?}",
        "${NOPE?}",
        "${HOME#\\q}",
        "${HOME/x",
    ];
    let errors: Vec<_> = cases
        .iter()
        .map(|w| {
            let e = process_word(w, &env, '\\').unwrap_err();
            (w, e.kind, e.span, e.buildkit_message(w))
        })
        .collect();
    snap!("errors", errors);
}

#[test]
fn env_trait_accepts_common_maps() {
    let mut hm = std::collections::HashMap::new();
    hm.insert("A".to_owned(), "1".to_owned());
    assert_eq!(process_word("$A", &hm, '\\').unwrap().value, "1");
    let pairs = [("A", "1"), ("A", "2")];
    assert_eq!(Env::get(&pairs[..], "A"), Some("2"), "last pair wins");
    assert_eq!(
        process_word("$A", &layerlab::vars::NoEnv, '\\')
            .unwrap()
            .value,
        ""
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]

    /// Any input, either escape, any option: an answer, never a panic; an
    /// error span always lies inside the word.
    #[test]
    fn never_panics(
        word in "[-a-zA-Z0-9_ $'\"\\\\`{}:+?#%/*<@!.\t\n한]{0,40}|\\PC{0,20}",
        backtick in any::<bool>(),
        opts in any::<[bool; 4]>(),
    ) {
        let env: VarMap = [("A", "x y*"), ("B", ""), ("C", "/a/b.c")].into_iter().collect();
        let mut lexer = Lexer::new(if backtick { '`' } else { '\\' });
        [lexer.raw_quotes, lexer.raw_escapes, lexer.skip_process_quotes, lexer.skip_unset_env] = opts;
        match lexer.process_word(&word, &env) {
            Ok(e) => {
                for r in &e.refs {
                    prop_assert!(r.span.end <= word.len() && r.span.start < r.span.end);
                }
            }
            Err(e) => prop_assert!(e.span.start <= e.span.end && e.span.end <= word.len()),
        }
    }
}
