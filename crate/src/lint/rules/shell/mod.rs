//! Rules about how RUN uses the shell.

mod cd_instead_of_workdir;
mod cd_without_exit;
mod consecutive_runs;
mod copy_then_extract;
mod export_command_substitution;
mod glob_as_option;
mod ln_default_shell;
mod pipe_without_pipefail;
mod pointless_commands;
mod single_quoted_expansion;
mod sudo_in_run;
mod unquoted_command_substitution;
mod unquoted_variable;
mod useradd_high_uid;
mod util;
mod wget_and_curl;
mod wget_without_progress;

pub use cd_instead_of_workdir::CdInsteadOfWorkdir;
pub use cd_without_exit::CdWithoutExit;
pub use consecutive_runs::ConsecutiveRuns;
pub use copy_then_extract::CopyThenExtract;
pub use export_command_substitution::ExportCommandSubstitution;
pub use glob_as_option::GlobAsOption;
pub use ln_default_shell::LnDefaultShell;
pub use pipe_without_pipefail::PipeWithoutPipefail;
pub use pointless_commands::PointlessCommands;
pub use single_quoted_expansion::SingleQuotedExpansion;
pub use sudo_in_run::SudoInRun;
pub use unquoted_command_substitution::UnquotedCommandSubstitution;
pub use unquoted_variable::UnquotedVariable;
pub use useradd_high_uid::UseraddHighUid;
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
    &ConsecutiveRuns,
    &UseraddHighUid,
    &LnDefaultShell,
    &CopyThenExtract,
    &UnquotedVariable,
    &UnquotedCommandSubstitution,
    &CdWithoutExit,
    &ExportCommandSubstitution,
    &GlobAsOption,
    &SingleQuotedExpansion,
];
