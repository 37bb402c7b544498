//! Command-line front end. Each subcommand lives in its own module and only
//! formats what the core computes.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Parse, lint and simulate Dockerfiles without a Docker engine.
#[derive(Debug, Parser)]
#[command(name = "layerlab", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {}

pub fn run() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {}
}
