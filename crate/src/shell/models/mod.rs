//! Command models: structured readings of the commands that appear in
//! Dockerfile `RUN` lines.
//!
//! The shell parser hands each simple command over as an [`Argv`];
//! [`recognize`] looks its name up in the [`registry`], parses the arguments
//! with that command's option table ([`flags`]) and returns a
//! [`CommandModel`]: the normalized flags and operands plus the
//! [`Effect`]s a simulator or linter cares about (packages installed, files
//! written, users created...). Commands that run another command (`gosu`,
//! `sh -c`, `find -exec`, `xargs`) return it as [`Inner`] so the caller can
//! recurse with the same machinery.
//!
//! Everything here is data-driven on purpose: an option table is a static
//! slice of `&'static str`, which keeps the wasm build small.

pub mod apk;
pub mod apt;
pub mod build;
pub mod cargo;
pub mod curl;
pub mod dotnet;
pub mod dpkg;
pub mod flags;
pub mod fs;
pub mod git;
pub mod go;
pub mod java;
pub mod misc;
pub mod model;
pub mod npm;
pub mod php;
pub mod pip;
pub mod pkg;
pub mod registry;
pub mod rpm;
pub mod ruby;
pub mod shells;
pub mod tar;
pub mod users;
pub mod wget;
pub mod zypper;

pub use flags::Flag;
pub use model::{CommandModel, Effect, Inner, Manager, Output};
pub use pkg::Package;

use crate::shell::argv::Argv;

/// Reads one simple command.
///
/// Never fails: a command without a model comes back with
/// `recognized: false` and a reason, as does a known command whose
/// arguments do not parse under its model (a missing option value, an
/// unknown subcommand). Unknown flags of a known command leave it
/// recognized, with a note.
pub fn recognize(argv: &Argv) -> CommandModel {
    let Some(name) = argv.name() else {
        let mut m = CommandModel::new(
            argv.words.first().map(|w| w.raw.clone()).unwrap_or_default(),
        );
        m.fail(if argv.words.is_empty() {
            "empty command"
        } else {
            "command name is not known before run time"
        });
        return m;
    };
    let mut m = CommandModel::new(name.to_string());
    match registry::lookup(name) {
        Some(model) => {
            m.model = Some(model.family);
            model.apply(argv.args(), &mut m);
        }
        None => m.fail("no model for this command"),
    }
    m
}
