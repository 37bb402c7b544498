//! Problems found while reading a Dockerfile. Each carries a span and its
//! line and column, and says how far BuildKit would get with the file.

use serde::Serialize;

use crate::span::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// How BuildKit itself treats the problem: the playground keeps going
/// either way, but `parse --format buildkit` must fail exactly where
/// BuildKit's parser does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DiagnosticKind {
    /// BuildKit's parser rejects the file.
    ParseError,
    /// The parser accepts it, but the build fails when it reaches it.
    BuildError,
    /// BuildKit warns and carries on.
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub kind: DiagnosticKind,
    /// A stable identifier, e.g. `unknown-instruction`.
    pub code: &'static str,
    pub message: String,
    pub span: Span,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

impl Diagnostic {
    pub fn is_parse_error(&self) -> bool {
        self.kind == DiagnosticKind::ParseError
    }
}
