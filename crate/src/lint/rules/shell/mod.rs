//! Rules about how RUN uses the shell.

mod cd_instead_of_workdir;
mod pipe_without_pipefail;
mod pointless_commands;
mod sudo_in_run;
mod util;
mod wget_and_curl;
mod wget_without_progress;

pub use cd_instead_of_workdir::CdInsteadOfWorkdir;
pub use pipe_without_pipefail::PipeWithoutPipefail;
pub use pointless_commands::PointlessCommands;
pub use sudo_in_run::SudoInRun;
pub use wget_and_curl::WgetAndCurl;
pub use wget_without_progress::WgetWithoutProgress;

use crate::lint::Rule;

pub const RULES: &[&dyn Rule] = &[
    &PipeWithoutPipefail,
    &CdInsteadOfWorkdir,
    &SudoInRun,
    &WgetAndCurl,
    &PointlessCommands,
    &WgetWithoutProgress,
];
