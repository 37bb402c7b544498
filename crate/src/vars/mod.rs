//! Variable expansion as BuildKit does it.
//!
//! * [`lex`]: the word processor BuildKit calls its shell lexer:
//!   `$V`, `${V:-x}` and friends, the `#`/`%`/`/` pattern operators, quote
//!   and escape removal, and word splitting ([`process_word`],
//!   [`process_words`]).
//! * [`scope`]: which ARG and ENV values are visible where: global ARGs for
//!   `FROM`, stage ARGs and ENV, build-arg overrides, built-in platform ARGs,
//!   inheritance between stages. It knows nothing of the Dockerfile AST; the
//!   caller replays instructions into it.
//!
//! The two meet through [`Env`]: a [`scope::StageScope`] or
//! [`scope::GlobalScope`] is an environment the lexer can read.

#![warn(missing_docs)]

pub mod lex;
mod pattern;
pub mod scope;

pub use lex::{
    CaseInsensitive, Env, ExpandError, ExpandErrorKind, Expanded, Lexer, MAX_NESTING, NoEnv,
    VarRef, Word, process_word, process_words,
};
pub use scope::{
    BuildArgs, GlobalScope, Origin, Platform, Scope, ScopedVar, Snapshot, StageScope, VarMap,
};
