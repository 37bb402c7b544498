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
//! Conventions shared by every model:
//! - A word whose value is unknown (`$DEPS`, a glob, `$(...)`) is kept, never
//!   dropped: as an operand, as a [`Package`] with `name: None`, or as an
//!   effect path with `value: None`. Option names are still read from the raw
//!   text when the value is unknown (`--build="$arch"`).
//! - `recognized` is false only when no model exists or the invocation is
//!   malformed for its model (a missing subcommand or option value, an
//!   unknown subcommand, too few operands); `reason` says which. Unknown
//!   options of a known command leave it recognized with a note.
//! - Words a wrapper adds at run time are stood in by words of unknown value:
//!   `find -exec`'s `{}`, and one word with raw text
//!   [`shells::XARGS_INPUT`] at the end of `xargs`'s inner command.
//! - An unmodelled program asked only for its version or help
//!   (`redis-server --version`) is recognized as a side-effect-free probe,
//!   and `./script.sh args` (or any relative path outside a `bin/`, such
//!   as `./aws/install`) as a script file to recurse into.
//!
//! Everything here is data-driven on purpose: an option table is a static
//! slice of `&'static str`, which keeps the wasm build small.

#![warn(missing_docs)]

pub mod apk;
pub mod apt;
pub mod build;
pub mod cargo;
pub mod conda;
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
pub use model::{CommandModel, Effect, Inner, InstallOptions, Manager, Output, ProjectInstall};
pub use pkg::Package;

use crate::shell::argv::{ArgWord, Argv};

/// Reads one simple command.
///
/// Never fails: a command without a model comes back with
/// `recognized: false` and a reason, as does a known command whose
/// arguments do not parse under its model (a missing option value, an
/// unknown subcommand). Unknown flags of a known command leave it
/// recognized, with a note.
pub fn recognize(argv: &Argv) -> CommandModel {
    let Some(name) = command_name(argv) else {
        let mut m = CommandModel::new(
            argv.words
                .first()
                .map(|w| w.raw.clone())
                .unwrap_or_default(),
        );
        m.fail(if argv.words.is_empty() {
            "empty command"
        } else {
            "command name is not known before run time"
        });
        return m;
    };
    let mut m = CommandModel::new(name.to_string());
    // `./aws/install` is the project's own program, not coreutils `install`;
    // `.venv/bin/pip` and `./configure` still get their models.
    let first = argv.words[0].value.as_deref().unwrap_or("");
    let project_file = first.contains('/')
        && !first.starts_with('/')
        && !first.contains("bin/")
        && !matches!(name.as_str(), "configure" | "gradlew" | "mvnw");
    let lookup = if project_file {
        None
    } else {
        registry::lookup(&name)
    };
    match lookup {
        Some(model) => {
            m.model = Some(model.family);
            model.apply(argv.args(), &mut m);
            // `tool --version` and `tool --help` are well-formed for every
            // tool, whatever its model needs otherwise.
            if !m.recognized
                && matches!(argv.args(), [w] if matches!(w.value.as_deref(), Some("--version" | "--help")))
            {
                m.recognized = true;
                m.reason = None;
                m.note("version or help query");
            }
        }
        None if project_file || is_script_path(&name) => {
            // `./build.sh args`: a script file copied into the image.
            m.model = Some("shells");
            m.inner = Some(Inner::ScriptFile {
                path: argv.words[0].clone(),
                args: argv.args().to_vec(),
            });
        }
        None if is_version_probe(argv.args()) => {
            // `redis-server --version`: the image's own program, asked only
            // for its version or help, which changes nothing.
            m.model = Some("probe");
            m.note("program not modelled; a version or help query has no effects");
        }
        None => m.fail("no model for this command"),
    }
    m
}

/// The name to look up: [`Argv::name`], or when `argv[0]` is only partly
/// known (`"$GOROOT/bin/go"`), its last path component if that is literal.
fn command_name(argv: &Argv) -> Option<String> {
    if let Some(n) = argv.name() {
        return Some(n.to_string());
    }
    let raw = argv.words.first()?.raw.trim_matches(['"', '\'']);
    let (_, last) = raw.rsplit_once('/')?;
    let literal = !last.is_empty()
        && last
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '+'));
    literal.then(|| last.to_string())
}

fn is_script_path(name: &str) -> bool {
    name.ends_with(".sh") || name.ends_with(".bash")
}

fn is_version_probe(args: &[ArgWord]) -> bool {
    matches!(
        args,
        [w] if matches!(
            w.value.as_deref(),
            Some("--version" | "-version" | "-v" | "-V" | "version" | "--help" | "-h")
        )
    )
}
