//! The `layerlab` command-line tool: the same core as the playground, for
//! terminals and CI.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    cli::run()
}
