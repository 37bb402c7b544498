//! `layerlab lint` and `layerlab rules`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use layerlab::lint::{self, Finding, Severity, registry};
use layerlab::model;
use layerlab::report::Report;
use serde::Serialize;

use super::input;

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    /// Each finding with its source line and a caret.
    Tty,
    /// An array of findings.
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Threshold {
    Error,
    Warning,
    Info,
    Style,
    /// Never fail.
    None,
}

impl Threshold {
    /// hadolint's rule: fail when a finding is at least this severe.
    fn fails_on(self, severity: Severity) -> bool {
        let limit = match self {
            Self::Error => Severity::Error,
            Self::Warning => Severity::Warning,
            Self::Info => Severity::Info,
            Self::Style => Severity::Style,
            Self::None => return false,
        };
        severity <= limit
    }
}

#[derive(Debug, Args)]
pub struct LintArgs {
    #[arg(long, value_enum, default_value = "tty")]
    format: Format,
    /// Exit non-zero when a finding is at least this severe (as hadolint's --failure-threshold).
    #[arg(long, value_enum, default_value = "info")]
    failure_threshold: Threshold,
    /// Dockerfiles to check (`-` for standard input).
    #[arg(required = true)]
    files: Vec<PathBuf>,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    file: &'a str,
    #[serde(flatten)]
    finding: &'a Finding,
}

pub fn run(args: &LintArgs) -> ExitCode {
    let mut all = Vec::new();
    for path in &args.files {
        let (document, name) = match input::load(path) {
            Ok(loaded) => loaded,
            Err(code) => return code,
        };
        let model = model::analyze(&document, &model::Options::default());
        let report = Report { document, model };
        let findings = lint::lint(&report);
        all.push((name, report, findings));
    }
    match args.format {
        Format::Json => {
            let rows: Vec<_> = all
                .iter()
                .flat_map(|(name, _, findings)| {
                    findings.iter().map(move |f| JsonFinding {
                        file: name,
                        finding: f,
                    })
                })
                .collect();
            println!(
                "{}",
                serde_json::to_string_pretty(&rows).unwrap_or_else(|_| "[]".into())
            );
        }
        Format::Tty => {
            for (name, report, findings) in &all {
                for f in findings {
                    print_tty(name, report, f);
                }
            }
        }
    }
    let fail = all
        .iter()
        .flat_map(|(_, _, f)| f)
        .any(|f| args.failure_threshold.fails_on(f.severity));
    let parse_error = all.iter().any(|(_, r, _)| r.document.has_parse_errors());
    if fail || parse_error {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn print_tty(name: &str, report: &Report, f: &Finding) {
    let codes = if f.aliases.is_empty() {
        String::new()
    } else {
        format!(" ({})", f.aliases.join(", "))
    };
    println!(
        "{name}:{}:{} {}{codes} {}: {}",
        f.line,
        f.column,
        f.rule,
        f.severity.as_str(),
        f.message
    );
    let source = &report.document.source;
    let line_text = source.lines().nth(f.line - 1).unwrap_or("");
    let width = if f.end_line == f.line {
        f.end_column.saturating_sub(f.column).max(1)
    } else {
        line_text
            .chars()
            .count()
            .saturating_sub(f.column - 1)
            .max(1)
    };
    println!("  {line_text}");
    println!("  {}{}", " ".repeat(f.column - 1), "^".repeat(width));
    if let Some(fix) = &f.fix {
        println!("  fix: {}", fix.title);
    }
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    #[arg(long, value_enum, default_value = "json")]
    format: RulesFormat,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum RulesFormat {
    /// id, aliases, severity, defaults and docs of every rule.
    Json,
    /// One line per rule.
    Text,
}

pub fn rules(args: &RulesArgs) -> ExitCode {
    let metas: Vec<_> = registry::all().map(|r| r.meta()).collect();
    match args.format {
        RulesFormat::Json => println!(
            "{}",
            serde_json::to_string_pretty(&metas).unwrap_or_else(|_| "[]".into())
        ),
        RulesFormat::Text => {
            for m in metas {
                println!(
                    "{:<32} {:<8} {:<28} {}",
                    m.id,
                    m.severity.as_str(),
                    m.aliases.join(","),
                    m.name
                );
            }
        }
    }
    ExitCode::SUCCESS
}
