//! The promises [`super::parse`] makes for any input, checked in one place
//! so that the property tests and the cargo-fuzz target assert the same
//! thing.

use super::ast::{Args, Document, Instruction, Word};
use super::print::print;
use crate::span::Span;

/// Parses `text` and panics with a description if any promise is broken:
/// printing gives `text` back byte for byte, the nodes cover the text in
/// order, and every span, line and column lies within the text.
#[doc(hidden)]
pub fn check_invariants(text: &str) -> Document {
    let doc = super::parse(text);
    check_document(&doc);
    assert_eq!(print(&doc), text, "print(parse(x)) != x");
    doc
}

/// Like [`check_invariants`] for arbitrary bytes through
/// [`super::parse_bytes`]: the document holds the lossy UTF-8 text and
/// prints it back.
#[doc(hidden)]
pub fn check_invariants_bytes(bytes: &[u8]) -> Document {
    let doc = super::parse_bytes(bytes);
    check_document(&doc);
    assert_eq!(
        print(&doc),
        String::from_utf8_lossy(bytes),
        "print(parse_bytes(x)) != lossy(x)"
    );
    if std::str::from_utf8(bytes).is_err() {
        assert_eq!(doc.diagnostics[0].code, "invalid-utf8");
    }
    doc
}

fn check_span(doc: &Document, span: Span, what: &str) {
    let src = &doc.source;
    assert!(
        span.start <= span.end && span.end <= src.len(),
        "{what} span {span:?} outside the source ({} bytes)",
        src.len()
    );
    assert!(
        src.is_char_boundary(span.start) && src.is_char_boundary(span.end),
        "{what} span {span:?} splits a character"
    );
}

/// Checks a parsed document (see [`check_invariants`]).
#[doc(hidden)]
pub fn check_document(doc: &Document) {
    let src = &doc.source;
    let line_count = doc.lines.line_count();

    let mut at = 0;
    for node in &doc.nodes {
        let span = node.span();
        assert_eq!(span.start, at, "node {node:?} leaves a gap or overlaps");
        check_span(doc, span, "node");
        at = span.end;
    }
    assert_eq!(
        at,
        src.len(),
        "the nodes do not reach the end of the source"
    );

    for d in &doc.diagnostics {
        check_span(doc, d.span, "diagnostic");
        let start = doc.position(d.span.start);
        let end = doc.position(d.span.end);
        assert_eq!((d.line, d.column), (start.line, start.column), "{d:?}");
        assert_eq!((d.end_line, d.end_column), (end.line, end.column), "{d:?}");
        assert!((1..=line_count).contains(&d.line), "{d:?}");
        assert!((d.line, d.column) <= (d.end_line, d.end_column), "{d:?}");
        let line_start = doc.lines.line_start(d.line).unwrap();
        let line_chars = src[line_start..]
            .split('\n')
            .next()
            .unwrap_or("")
            .chars()
            .count();
        assert!(
            d.column >= 1 && d.column <= line_chars + 1,
            "diagnostic column outside its line: {d:?}"
        );
    }

    for d in &doc.directives {
        check_span(doc, d.span, "directive");
        check_span(doc, d.value_span, "directive value");
        assert_eq!(doc.text(d.value_span), d.value);
    }
    for c in &doc.comments {
        check_span(doc, c.span, "comment");
    }
    for ins in &doc.instructions {
        check_instruction(doc, ins, line_count);
    }
}

fn check_words(doc: &Document, words: &[Word], outer: Span) {
    for w in words {
        check_span(doc, w.span, "word");
        assert!(
            w.span.start >= outer.start && w.span.end <= outer.end,
            "word {w:?} outside its instruction {outer:?}"
        );
    }
}

fn check_args(doc: &Document, args: &Args, outer: Span, line_count: usize) {
    match args {
        Args::Empty => {}
        Args::Words(ws) | Args::Json(ws) => check_words(doc, ws, outer),
        Args::Shell(s) => check_span(doc, s.span, "shell text"),
        Args::Text(w) | Args::Unknown(w) => check_words(doc, std::slice::from_ref(w), outer),
        Args::KeyValues(kvs) => {
            for kv in kvs {
                check_words(doc, std::slice::from_ref(&kv.key), outer);
                if let Some(v) = &kv.value {
                    check_words(doc, std::slice::from_ref(v), outer);
                }
            }
        }
        Args::Healthcheck { kind, command } => {
            check_words(doc, std::slice::from_ref(kind), outer);
            check_args(doc, command, outer, line_count);
        }
        Args::Onbuild(inner) => check_instruction(doc, inner, line_count),
    }
}

fn check_instruction(doc: &Document, ins: &Instruction, line_count: usize) {
    check_span(doc, ins.span, "instruction");
    check_span(doc, ins.keyword_span, "keyword");
    assert!(
        ins.keyword_span.start >= ins.span.start && ins.keyword_span.end <= ins.span.end,
        "keyword outside its instruction: {ins:?}"
    );
    // A keyword may be split by a line continuation; otherwise it is
    // exactly the text it points at.
    if ins.keyword_span.len() == ins.keyword.len() {
        assert_eq!(doc.text(ins.keyword_span), ins.keyword);
    }
    assert!(
        1 <= ins.start_line && ins.start_line <= ins.end_line && ins.end_line <= line_count,
        "lines {}..{} outside 1..{line_count}",
        ins.start_line,
        ins.end_line
    );
    for seg in ins.source_map.segments() {
        check_span(doc, Span::new(seg.source, seg.source + seg.len), "segment");
    }
    for f in &ins.flags {
        check_span(doc, f.span, "flag");
        check_span(doc, f.name_span, "flag name");
        if let Some(v) = f.value_span {
            check_span(doc, v, "flag value");
        }
    }
    for h in &ins.heredocs {
        check_span(doc, h.body_span, "heredoc body");
        assert_eq!(doc.text(h.body_span), h.body);
        if let Some(t) = h.terminator_span {
            check_span(doc, t, "heredoc terminator");
        }
    }
    check_args(doc, &ins.args, ins.span, line_count);
}
