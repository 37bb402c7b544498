//! The boundary between the shell parser and the command models: one simple
//! command, its words already split, quote-removed and expanded as far as the
//! known variables allow.

use serde::Serialize;

use crate::span::Span;

/// One word of a simple command after expansion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ArgWord {
    /// The word's value after quote removal and expansion, or `None` when it
    /// depends on something unknown (an unset variable, a command
    /// substitution, a glob).
    pub value: Option<String>,
    /// The word as written, quotes included.
    pub raw: String,
    /// Where the word is, in the coordinates of the text handed to the parser.
    pub span: Span,
}

impl ArgWord {
    /// The value when known, else the raw text: what a reader would see.
    pub fn text(&self) -> &str {
        self.value.as_deref().unwrap_or(&self.raw)
    }
}

/// A simple command ready for a command model: `argv[0]` is the command name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Argv {
    pub words: Vec<ArgWord>,
}

impl Argv {
    /// The command's name as a model looks it up: the last path component of
    /// `argv[0]` (`/usr/bin/apt-get` is `apt-get`).
    pub fn name(&self) -> Option<&str> {
        let first = self.words.first()?.value.as_deref()?;
        Some(first.rsplit('/').next().unwrap_or(first))
    }

    pub fn args(&self) -> &[ArgWord] {
        self.words.get(1..).unwrap_or(&[])
    }
}
