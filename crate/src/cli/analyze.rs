//! `layerlab analyze`: per RUN, the commands found and their models.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use layerlab::model::{self, Model, Options};
use serde::Serialize;

use super::input;

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    /// One line per command, for reading.
    Text,
    /// Stages, and per RUN every command with its model.
    Json,
}

#[derive(Debug, Args)]
pub struct AnalyzeArgs {
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// The Dockerfile to read (`-` for standard input).
    file: PathBuf,
}

#[derive(Serialize)]
struct Report<'a> {
    file: &'a str,
    #[serde(flatten)]
    model: &'a Model,
    summary: Summary,
}

#[derive(Serialize)]
struct Summary {
    commands: usize,
    recognized: usize,
}

pub fn run(args: &AnalyzeArgs) -> ExitCode {
    let (doc, name) = match input::load(&args.file) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    input::report_errors(&doc, &name);
    let model = model::analyze(&doc, &Options::default());
    let commands = model.runs.iter().flat_map(|r| &r.commands);
    let summary = Summary {
        commands: commands.clone().count(),
        recognized: commands.filter(|c| c.recognized).count(),
    };
    match args.format {
        Format::Json => {
            let report = Report {
                file: &name,
                model: &model,
                summary,
            };
            match serde_json::to_string_pretty(&report) {
                Ok(text) => println!("{text}"),
                Err(e) => {
                    eprintln!("layerlab: cannot write JSON: {e}");
                    return ExitCode::from(2);
                }
            }
        }
        Format::Text => {
            for run in &model.runs {
                let how = match &run.reason {
                    Some(reason) => format!(" (not interpreted: {reason})"),
                    None => String::new(),
                };
                println!("{name}:{}: RUN{how}", run.line);
                for c in &run.commands {
                    let mark = if c.recognized { "ok " } else { "?? " };
                    let why = c
                        .model
                        .reason
                        .as_deref()
                        .map(|r| format!("  ({r})"))
                        .unwrap_or_default();
                    println!("  {mark}{}:{}  {}{why}", c.line, c.column, c.name);
                }
            }
            println!(
                "{} of {} command calls recognized",
                summary.recognized, summary.commands
            );
        }
    }
    ExitCode::SUCCESS
}
