//! Everything the core computes for one text, in one value: what the
//! playground renders and the CLI formats. Callers never re-run a stage.

use crate::model::{self, Model, Options, RunAnalysis};
use crate::syntax::{self, Document};

/// The parse and the analysis of one Dockerfile.
#[derive(Debug, Clone)]
pub struct Report {
    pub document: Document,
    pub model: Model,
}

/// A report is a function of its text (with default options), so two
/// reports are equal when their texts are.
impl PartialEq for Report {
    fn eq(&self, other: &Self) -> bool {
        self.document.source == other.document.source
    }
}

impl Report {
    /// The analysis of the RUN that is instruction `index`, if it is one.
    pub fn run(&self, index: usize) -> Option<&RunAnalysis> {
        self.model.runs.iter().find(|r| r.instruction == index)
    }
}

/// Parses and analyses `text` with default options.
pub fn analyze(text: &str) -> Report {
    from_document(syntax::parse(text))
}

/// Analyses an already parsed document with default options.
pub fn from_document(document: Document) -> Report {
    let model = model::analyze(&document, &Options::default());
    Report { document, model }
}
