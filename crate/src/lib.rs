//! Layerlab's core: everything the playground and the CLI know about a
//! Dockerfile, with no browser dependency.
//!
//! Data flows one way: [`syntax`] turns text into a lossless AST with spans,
//! [`vars`] expands words the way BuildKit does, and [`shell`] reads what a
//! `RUN` line does. Later stages (lint, simulate, fix) read only the outputs
//! of the stages before them.

pub mod lint;
pub mod model;
pub mod report;
pub mod shell;
pub mod sim;
pub mod span;
pub mod syntax;
pub mod vars;
