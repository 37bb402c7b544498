//! Property tests: whatever the input, the parser never panics, prints it
//! back byte for byte, and keeps every span, line and column inside the
//! text. The checks live in `layerlab::syntax::check_invariants`, which the
//! cargo-fuzz target (`crate/fuzz/fuzz_targets/parse.rs`) calls too.

use layerlab::syntax::{self, check_invariants, check_invariants_bytes};
use proptest::prelude::*;

/// Pieces that exercise every corner of the line assembler and the
/// instruction readers.
const TOKENS: &[&str] = &[
    "FROM",
    "RUN",
    "CMD",
    "COPY",
    "ADD",
    "ENV",
    "LABEL",
    "ARG",
    "ONBUILD",
    "HEALTHCHECK",
    "SHELL",
    "ENTRYPOINT",
    "USER",
    "WORKDIR",
    "EXPOSE",
    "VOLUME",
    "STOPSIGNAL",
    "MAINTAINER",
    "run",
    "FORM",
    "NONE",
    "CMD",
    " ",
    " ",
    " ",
    "\t",
    "\n",
    "\n",
    "\r\n",
    "\r",
    "\\\n",
    "\\",
    "`\n",
    "`",
    "\"",
    "'",
    "[",
    "]",
    ",",
    "\"a\"",
    "[\"x\", \"y\"]",
    "=",
    "a=b",
    "k=\"v w\"",
    "<<EOF",
    "<<-EOF",
    "<<'EOF'",
    "3<<EOF",
    "EOF\n",
    "\tEOF\n",
    "<<",
    "#",
    "# escape=`\n",
    "# syntax=x\n",
    "# check=skip=all\n",
    "#escape=\\\n",
    "--",
    "--flag=",
    "--mount=type=cache",
    "--chown=\"a b\"",
    "\u{feff}",
    "é",
    "♥",
    "日本",
    "😀",
    "\u{0}",
    "\u{a0}",
    "$HOME",
    "${X:-y}",
    "&&",
    "\\u0000",
    "x",
    "/app",
    ".",
];

fn soup() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(TOKENS), 0..60).prop_map(|t| t.concat())
}

/// Whole lines built from tokens, so that keywords start lines more often.
fn lines() -> impl Strategy<Value = String> {
    let line = prop::collection::vec(prop::sample::select(TOKENS), 0..8).prop_map(|t| t.join(" "));
    (
        prop::bool::ANY,
        prop::collection::vec(line, 0..12),
        prop::sample::select(&["\n", "\r\n"][..]),
    )
        .prop_map(|(bom, lines, eol)| {
            let body = lines.join(eol);
            if bom { format!("\u{feff}{body}") } else { body }
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1500))]

    #[test]
    fn arbitrary_strings(text in any::<String>()) {
        check_invariants(&text);
    }

    #[test]
    fn token_soup(text in soup()) {
        check_invariants(&text);
    }

    #[test]
    fn token_lines(text in lines()) {
        check_invariants(&text);
    }

    #[test]
    fn arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        check_invariants_bytes(&bytes);
    }

    #[test]
    fn soup_with_bad_bytes(text in soup(), cut in any::<prop::sample::Index>(), byte in 0x80u8..=0xff) {
        let mut bytes = text.into_bytes();
        let at = cut.index(bytes.len() + 1);
        bytes.insert(at, byte);
        check_invariants_bytes(&bytes);
    }
}

#[test]
fn very_long_lines_and_deep_json_do_not_panic() {
    let long = format!("FROM a\nRUN {}\n", "x".repeat(70_000));
    let doc = check_invariants(&long);
    assert!(doc.diagnostics.iter().any(|d| d.code == "line-too-long"));
    let deep = format!("CMD [{}\"a\"{}]\n", "[".repeat(5000), "]".repeat(5000));
    check_invariants(&deep);
    let continued = format!("RUN a{}", "\\\n".repeat(10_000));
    check_invariants(&continued);
    assert_eq!(syntax::parse(&continued).instructions.len(), 1);
}
