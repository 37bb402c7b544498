//! What a `RUN` line does: a shell parser and models of the commands that
//! matter in Dockerfiles. Knows nothing of Dockerfile syntax beyond the text
//! and spans it is handed.

pub mod argv;
pub mod models;
pub mod parse;

pub use parse::{ParseOptions, Script, ShellKind, ShellSpec, parse_exec_form, parse_script};
