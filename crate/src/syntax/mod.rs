//! Reading Dockerfiles exactly as BuildKit's parser does, with spans for
//! everything and without giving up on half-typed input.
//!
//! The algorithm is BuildKit's (line assembly, directives, the escape
//! token, flags, JSON versus shell form, heredocs), written anew. Where
//! BuildKit stops at the first error, [`parse`] records a [`Diagnostic`]
//! with a line and column and keeps every other instruction.
//!
//! The `dockerfile-parser` crate was measured against the same bar and
//! left out: it handles 15 of BuildKit's 33 conformance cases, has no
//! heredocs or `# escape=`, and brings about 1 MB of wasm.

mod ast;
mod diagnostic;
mod dump;
mod heredoc;
mod instruction;
mod invariants;
mod json;
mod parser;
mod position;
mod print;
mod source_map;
mod words;

pub use ast::{
    Args, Comment, Directive, Document, Flag, Heredoc, Instruction, InstructionKind, KeyValue,
    Node, ShellText, Word,
};
pub use diagnostic::{Diagnostic, DiagnosticKind, Severity};
pub use dump::{buildkit_dump, go_quote};
#[doc(hidden)]
pub use invariants::{check_document, check_invariants, check_invariants_bytes};
pub use parser::parse;
pub use position::{LineIndex, Position};
pub use print::print;
pub use source_map::{Segment, SourceMap};

/// Parses bytes that may not be valid UTF-8: invalid sequences become
/// U+FFFD and an error diagnostic says where the first one was.
pub fn parse_bytes(bytes: &[u8]) -> Document {
    match std::str::from_utf8(bytes) {
        Ok(text) => parse(text),
        Err(e) => {
            let text = String::from_utf8_lossy(bytes);
            let mut doc = parse(&text);
            let at = e.valid_up_to();
            let pos = doc.position(at);
            doc.diagnostics.insert(
                0,
                Diagnostic {
                    severity: Severity::Error,
                    kind: DiagnosticKind::BuildError,
                    code: "invalid-utf8",
                    message: "the file is not valid UTF-8; invalid bytes were read as U+FFFD"
                        .to_owned(),
                    // The lossy text has U+FFFD where the first bad byte was.
                    span: crate::span::Span::new(at, at + '\u{FFFD}'.len_utf8()),
                    line: pos.line,
                    column: pos.column,
                    end_line: pos.line,
                    end_column: pos.column + 1,
                },
            );
            doc
        }
    }
}
