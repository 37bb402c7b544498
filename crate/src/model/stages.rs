//! Build stages: where each starts, what it is built on, and its name.

use serde::Serialize;

/// What a stage starts from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Base {
    /// An image from a registry, after ARG expansion.
    Image { reference: String },
    /// An earlier stage of this file.
    Stage { index: usize },
    /// The empty image.
    Scratch,
    /// The reference could not be expanded (an undefined ARG with no default
    /// leaves it empty, say).
    Unresolved { raw: String },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stage {
    pub index: usize,
    /// The `AS` name, lower-cased as BuildKit compares it.
    pub name: Option<String>,
    pub base: Base,
    /// `--platform` as written, if any.
    pub platform: Option<String>,
    /// Indices into the document's instructions: the FROM and what follows.
    pub instructions: Vec<usize>,
    /// Line of the FROM.
    pub line: usize,
}
