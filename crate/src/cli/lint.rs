//! `layerlab lint` and `layerlab rules`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use layerlab::lint::format::{self, FileFindings};
use layerlab::lint::{self, Config, FailureThreshold, Finding, registry};
use layerlab::model;
use layerlab::report::Report;
use layerlab::sim::catalog::Catalog;
use layerlab::sim::context::BuildContext;
use layerlab::sim::{SimOptions, simulate};

use super::input;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Each finding with its source line and a caret.
    Tty,
    /// An array of findings.
    Json,
    /// SARIF 2.1.0.
    Sarif,
    /// Checkstyle XML.
    Checkstyle,
    /// Code Climate issues (a JSON array).
    Codeclimate,
    /// GitLab's code-quality report.
    #[value(alias = "gitlab_codeclimate")]
    Gitlab,
    /// GitHub Actions workflow commands (annotations).
    Github,
}

impl Format {
    /// A `format:` from the configuration file, in hadolint's spelling.
    fn from_config(text: &str) -> Option<Self> {
        <Self as ValueEnum>::from_str(text, true).ok()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Threshold {
    Error,
    Warning,
    Info,
    Style,
    /// Never fail.
    #[value(alias = "ignore")]
    None,
}

impl From<Threshold> for FailureThreshold {
    fn from(t: Threshold) -> Self {
        match t {
            Threshold::Error => Self::Error,
            Threshold::Warning => Self::Warning,
            Threshold::Info => Self::Info,
            Threshold::Style => Self::Style,
            Threshold::None => Self::None,
        }
    }
}

#[derive(Debug, Args)]
pub struct LintArgs {
    /// Output format (default tty, or the configuration's `format`).
    #[arg(long, short = 'f', value_enum)]
    format: Option<Format>,
    /// A `.hadolint.yaml`-style configuration; without it, `./.hadolint.yaml` is used when present.
    #[arg(long, short = 'c')]
    config: Option<PathBuf>,
    /// Exit non-zero when a finding is at least this severe (as hadolint's
    /// --failure-threshold; default info, or the configuration's).
    #[arg(long, short = 't', value_enum)]
    failure_threshold: Option<Threshold>,
    /// Always exit 0 once the files were read.
    #[arg(long)]
    no_fail: bool,
    /// Run only these rules (ids or hadolint/BuildKit codes, comma-separated),
    /// including rules that are off by default.
    #[arg(long, value_delimiter = ',')]
    select: Vec<String>,
    /// The build context folder: the image rules then see its real files
    /// and `.dockerignore` (e.g. `copy-ignored-file`, `cache-hostile-order`
    /// naming a real file) instead of an inferred context.
    #[arg(long, value_name = "DIR")]
    context: Option<PathBuf>,
    /// Dockerfiles to check (`-` for standard input).
    #[arg(required = true)]
    files: Vec<PathBuf>,
}

/// The configuration: `--config FILE`, else `./.hadolint.yaml` if present
/// (hadolint's first search location), else the defaults. A file that
/// does not parse stops the run with exit status 2.
fn load_config(path: Option<&Path>) -> Result<Config, ExitCode> {
    let (path, explicit) = match path {
        Some(p) => (p.to_path_buf(), true),
        None => (PathBuf::from(".hadolint.yaml"), false),
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if !explicit && e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(Config::default());
        }
        Err(e) => {
            eprintln!("layerlab: {}: {e}", path.display());
            return Err(ExitCode::from(2));
        }
    };
    match Config::parse(&text) {
        Ok((config, warnings)) => {
            for w in warnings {
                eprintln!("layerlab: {}:{w} (warning)", path.display());
            }
            Ok(config)
        }
        Err(e) => {
            eprintln!("layerlab: {}:{e}", path.display());
            Err(ExitCode::from(2))
        }
    }
}

pub fn run(args: &LintArgs) -> ExitCode {
    let mut config = match load_config(args.config.as_deref()) {
        Ok(c) => c,
        Err(code) => return code,
    };
    config.selected.extend(args.select.iter().cloned());
    let context = match &args.context {
        Some(dir) => match BuildContext::from_dir_with_ignore(dir) {
            Ok((ctx, _)) => Some(ctx),
            Err(e) => {
                eprintln!("layerlab: cannot read context {}: {e}", dir.display());
                return ExitCode::from(2);
            }
        },
        None => None,
    };
    let mut all = Vec::new();
    for path in &args.files {
        let (document, name) = match input::load(path) {
            Ok(loaded) => loaded,
            Err(code) => return code,
        };
        let mut findings = lint::parse_error_findings(&document);
        let model = model::analyze(&document, &model::Options::default());
        let report = Report { document, model };
        match &context {
            Some(ctx) => {
                let options = SimOptions {
                    context: Some(ctx.clone()),
                    ..SimOptions::default()
                };
                let sim = simulate(&report, Catalog::builtin_web(), &options);
                findings.extend(lint::lint_with_simulation(&report, &config, &sim));
            }
            None => findings.extend(lint::lint_with(&report, &config)),
        }
        findings.sort_by(|a, b| (a.line, a.column, a.rule).cmp(&(b.line, b.column, b.rule)));
        all.push((name, report, findings));
    }
    let from_config = config.format.as_deref().and_then(|text| {
        let format = Format::from_config(text);
        if format.is_none() && args.format.is_none() {
            eprintln!(
                "layerlab: unknown format `{text}` in the configuration; using tty (warning)"
            );
        }
        format
    });
    let format = args.format.or(from_config).unwrap_or(Format::Tty);
    let files: Vec<_> = all
        .iter()
        .map(|(name, report, findings)| FileFindings {
            file: name,
            source: &report.document.source,
            findings,
        })
        .collect();
    let rendered = match format {
        Format::Tty => {
            for (name, report, findings) in &all {
                for f in findings {
                    print_tty(name, report, f);
                }
            }
            None
        }
        Format::Json => Some(format::json::render(&files)),
        Format::Sarif => Some(format::sarif::render(&files)),
        Format::Checkstyle => Some(format::checkstyle::render(&files)),
        Format::Codeclimate => Some(format::codeclimate::render(&files)),
        Format::Gitlab => Some(format::gitlab::render(&files)),
        Format::Github => Some(format::github::render(&files)),
    };
    if let Some(text) = rendered {
        if text.is_empty() || text.ends_with('\n') {
            print!("{text}");
        } else {
            println!("{text}");
        }
    }
    let threshold = args
        .failure_threshold
        .map(FailureThreshold::from)
        .or(config.failure_threshold)
        .unwrap_or(FailureThreshold::Info);
    // As hadolint: a file that does not parse fails even at `none`; only
    // --no-fail (or `no-fail: true`) exits 0 then.
    let fail = all
        .iter()
        .flat_map(|(_, _, f)| f)
        .any(|f| threshold.fails_on(f.severity) || f.rule == "parse-error");
    if fail && !(args.no_fail || config.no_fail) {
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
