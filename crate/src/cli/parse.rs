//! `layerlab parse`: the syntax tree, as BuildKit's dump or as JSON.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use layerlab::syntax::{self, Document};
use serde_json::Value;

use super::input;

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    /// BuildKit's own AST dump, as in its parser tests.
    Buildkit,
    /// The full syntax tree with byte spans, lines and columns.
    Json,
}

#[derive(Debug, Args)]
pub struct ParseArgs {
    /// Output format.
    #[arg(long, value_enum, default_value = "json")]
    format: Format,
    /// The Dockerfile to read (`-` for standard input).
    file: PathBuf,
}

pub fn run(args: &ParseArgs) -> ExitCode {
    let (doc, name) = match input::load(&args.file) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    match args.format {
        Format::Buildkit => buildkit(&doc, &name),
        Format::Json => json(&doc, &name),
    }
}

/// Fails exactly where BuildKit's parser fails, with its message.
fn buildkit(doc: &Document, name: &str) -> ExitCode {
    if let Some(d) = doc.diagnostics.iter().find(|d| d.is_parse_error()) {
        eprintln!("{name}:{}:{}: {}", d.line, d.column, d.message);
        return ExitCode::FAILURE;
    }
    print!("{}", syntax::buildkit_dump(doc));
    ExitCode::SUCCESS
}

/// Every span object (`{"start": .., "end": ..}`) also gets its lines and
/// columns, so readers of the JSON need not count bytes.
fn add_positions(doc: &Document, value: &mut Value) {
    match value {
        Value::Object(map) => {
            if let (Some(Value::Number(s)), Some(Value::Number(e)), 2) =
                (map.get("start"), map.get("end"), map.len())
            {
                let (Some(s), Some(e)) = (s.as_u64(), e.as_u64()) else {
                    return;
                };
                let (start, end) = (doc.position(s as usize), doc.position(e as usize));
                map.insert("start_line".into(), start.line.into());
                map.insert("start_column".into(), start.column.into());
                map.insert("end_line".into(), end.line.into());
                map.insert("end_column".into(), end.column.into());
                return;
            }
            map.values_mut().for_each(|v| add_positions(doc, v));
        }
        Value::Array(items) => items.iter_mut().for_each(|v| add_positions(doc, v)),
        _ => {}
    }
}

fn json(doc: &Document, name: &str) -> ExitCode {
    let text = serde_json::to_value(doc).and_then(|mut value| {
        add_positions(doc, &mut value);
        serde_json::to_string_pretty(&value)
    });
    match text {
        Ok(text) => println!("{text}"),
        Err(e) => {
            eprintln!("layerlab: cannot write JSON: {e}");
            return ExitCode::from(2);
        }
    }
    for d in &doc.diagnostics {
        eprintln!(
            "{name}:{}:{}: {}: {}",
            d.line,
            d.column,
            d.severity.as_str(),
            d.message
        );
    }
    if doc
        .diagnostics
        .iter()
        .any(|d| d.severity == syntax::Severity::Error)
    {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
