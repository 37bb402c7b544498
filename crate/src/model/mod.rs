//! The analysis every later stage reads: build stages and how they depend
//! on each other, ARG and ENV values resolved with BuildKit's scoping, and
//! for each `RUN` the commands it runs with their models.
//!
//! It reads only the syntax tree; nothing here looks at raw text again
//! except through the spans and source maps the parser kept.

mod resolve;
mod runs;
mod stages;
mod state;

use serde::Serialize;

use crate::syntax::Document;
use crate::vars::BuildArgs;

pub(crate) use resolve::join_path;
pub use runs::{CommandInfo, RunAnalysis, RunForm};
pub use stages::{Base, Stage};
pub use state::InstructionState;

/// What the caller can set about the build.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// `--build-arg` values; they override ARG defaults.
    pub build_args: BuildArgs,
}

/// A diagnostic of the analysis (an expansion that fails, a stage that
/// does not exist); positions as in [`crate::syntax::Diagnostic`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub code: &'static str,
    pub message: String,
    pub line: usize,
    pub column: usize,
}

/// The analysis of one document.
#[derive(Debug, Clone, Serialize)]
pub struct Model {
    pub stages: Vec<Stage>,
    /// Global ARG values in effect for FROM lines.
    pub global_args: Vec<(String, String)>,
    pub runs: Vec<RunAnalysis>,
    pub problems: Vec<Problem>,
    /// Per instruction (same index as `Document::instructions`): the build
    /// state it executes in; `None` before the first FROM.
    pub states: Vec<Option<InstructionState>>,
}

impl Model {
    /// The state instruction `index` executes in.
    pub fn state(&self, index: usize) -> Option<&InstructionState> {
        self.states.get(index)?.as_ref()
    }
}

/// Analyses a parsed document.
pub fn analyze(doc: &Document, options: &Options) -> Model {
    resolve::Resolver::new(doc, options).run()
}
