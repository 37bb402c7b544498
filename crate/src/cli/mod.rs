//! Command-line front end. Each subcommand lives in its own module and only
//! formats what the core computes.

mod analyze;
mod input;
mod lint;
mod parse;
mod sim;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Parse, analyse and lint Dockerfiles without a Docker engine.
#[derive(Debug, Parser)]
#[command(name = "layerlab", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Parse a Dockerfile and print its syntax tree.
    Parse(parse::ParseArgs),
    /// Show what each RUN does: the commands it runs and how they were read.
    Analyze(analyze::AnalyzeArgs),
    /// Check Dockerfiles against the lint rules.
    Lint(lint::LintArgs),
    /// List the lint rules with their documentation.
    Rules(lint::RulesArgs),
    /// Simulate the image: layers, sizes, wasted bytes and the build cache.
    Sim(sim::SimArgs),
}

pub fn run() -> ExitCode {
    match Cli::parse().command {
        Command::Parse(args) => parse::run(&args),
        Command::Analyze(args) => analyze::run(&args),
        Command::Lint(args) => lint::run(&args),
        Command::Rules(args) => lint::rules(&args),
        Command::Sim(args) => sim::run(&args),
    }
}
