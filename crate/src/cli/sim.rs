//! `layerlab sim`: the layers each instruction makes, their sizes, the
//! final image, and what a change rebuilds and a pull fetches.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use layerlab::report;
use layerlab::sim::catalog::Catalog;
use layerlab::sim::context::BuildContext;
use layerlab::sim::{self, CacheState, SimOptions, SimReport, human_bytes};

use super::input;

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    /// A table per stage, then the image summary.
    Table,
    /// The whole report (see `docs/simulation.md` for its fields).
    Json,
}

#[derive(Debug, Args)]
pub struct SimArgs {
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
    /// Read the build context from this folder (sizes and content from the
    /// files, `.dockerignore` applied). Without it the context is inferred
    /// from the COPY sources, with assumed sizes.
    #[arg(long, value_name = "DIR")]
    context: Option<PathBuf>,
    /// A context file edited since the last build (repeatable).
    #[arg(long, value_name = "PATH")]
    changed: Vec<String>,
    /// An instruction edited since the last build, by line (repeatable).
    #[arg(long, value_name = "LINE")]
    edited_line: Vec<usize>,
    /// The base images' tags now point at new builds.
    #[arg(long)]
    base_updated: bool,
    /// Build this stage (default: the last).
    #[arg(long, value_name = "STAGE")]
    target: Option<String>,
    /// Size of a download, as URL=BYTES (repeatable).
    #[arg(long, value_name = "URL=BYTES")]
    download_size: Vec<String>,
    /// Size of a base image the catalog does not know, as IMAGE=BYTES.
    #[arg(long, value_name = "IMAGE=BYTES")]
    base_size: Vec<String>,
    /// The Dockerfile to read (`-` for standard input).
    file: PathBuf,
}

fn sizes(pairs: &[String], what: &str) -> Result<Vec<(String, u64)>, String> {
    pairs
        .iter()
        .map(|p| {
            let (k, v) = p
                .rsplit_once('=')
                .ok_or_else(|| format!("--{what} expects KEY=BYTES, got {p}"))?;
            let n = v
                .parse()
                .map_err(|_| format!("--{what}: {v} is not a number of bytes"))?;
            Ok((k.to_string(), n))
        })
        .collect()
}

pub fn run(args: &SimArgs) -> ExitCode {
    let (doc, name) = match input::load(&args.file) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    input::report_errors(&doc, &name);
    let report = report::from_document(doc);
    let mut options = SimOptions {
        target: args.target.clone(),
        changed_files: args.changed.clone(),
        edited_lines: args.edited_line.clone(),
        base_updated: args.base_updated,
        ..SimOptions::default()
    };
    match (
        sizes(&args.download_size, "download-size"),
        sizes(&args.base_size, "base-size"),
    ) {
        (Ok(d), Ok(b)) => {
            options.download_sizes = d.into_iter().collect();
            options.unknown_image_sizes = b.into_iter().collect();
        }
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("layerlab sim: {e}");
            return ExitCode::from(2);
        }
    }
    if let Some(dir) = &args.context {
        match BuildContext::from_dir_with_ignore(dir) {
            Ok((ctx, ignore)) => {
                for d in ignore.iter().flat_map(|i| i.diagnostics()) {
                    eprintln!(
                        "{}:{}:{}: {}",
                        dir.join(".dockerignore").display(),
                        d.line,
                        d.column,
                        d.message
                    );
                }
                for f in &args.changed {
                    if ctx.excluded.contains_key(f.as_str()) {
                        eprintln!(
                            "layerlab sim: {f} is excluded by .dockerignore: editing it rebuilds nothing"
                        );
                    }
                }
                options.context = Some(ctx);
            }
            Err(e) => {
                eprintln!("layerlab sim: cannot read context {}: {e}", dir.display());
                return ExitCode::from(2);
            }
        }
    }
    if report.model.stages.is_empty() {
        eprintln!("{name}: no FROM: nothing to simulate");
        return ExitCode::from(1);
    }
    let simulation = sim::simulate(&report, Catalog::builtin_full(), &options);
    let out = SimReport::new(&report, &simulation, &options);
    for p in &out.problems {
        eprintln!("{name}: {p}");
    }
    match args.format {
        Format::Json => match serde_json::to_string_pretty(&out) {
            Ok(s) => println!("{s}"),
            Err(e) => {
                eprintln!("layerlab sim: {e}");
                return ExitCode::from(2);
            }
        },
        Format::Table => print!("{}", table(&out)),
    }
    ExitCode::SUCCESS
}

fn table(r: &SimReport) -> String {
    let mut s = String::new();
    let tilde = |e: bool| if e { "~" } else { " " };
    for st in &r.stages {
        let name = st.name.clone().unwrap_or_else(|| format!("#{}", st.index));
        let role = match (st.built, st.in_final_image) {
            (false, _) => "not built (the target does not need it)",
            (true, true) => "in the final image",
            (true, false) => "built, not in the final image",
        };
        s.push_str(&format!(
            "stage {name} FROM {} ({}{} compressed): {role}\n",
            st.base.reference,
            tilde(!st.base.known),
            human_bytes(st.base.compressed_bytes)
        ));
        s.push_str("  LINE  SIZE        GZIP        CACHE    INSTRUCTION\n");
        for step in &st.steps {
            let cache = match step.cache {
                CacheState::Hit => "hit",
                CacheState::Rebuild => "rebuild",
                CacheState::Skipped => "skipped",
            };
            let (size, gz) = if step.layer {
                (
                    format!("{}{}", tilde(step.estimate), human_bytes(step.size_bytes)),
                    format!(
                        "{}{}",
                        tilde(step.estimate),
                        human_bytes(step.compressed_bytes)
                    ),
                )
            } else {
                ("-".into(), "-".into())
            };
            s.push_str(&format!(
                "  {:>4}  {:<10}  {:<10}  {:<7}  {}\n",
                step.line, size, gz, cache, step.instruction
            ));
            if let Some(reason) = &step.cache_reason {
                s.push_str(&format!("{:>37}{reason}\n", "↳ "));
            }
            for n in &step.notes {
                s.push_str(&format!("{:>37}{n}\n", "· "));
            }
        }
        s.push('\n');
    }
    s.push_str(&format!(
        "image ({}): {}{} ({} compressed), wasted {} (dive counts {}), efficiency {:.1} %\n",
        r.target,
        tilde(r.estimate),
        human_bytes(r.final_size_bytes),
        human_bytes(r.final_compressed_bytes),
        human_bytes(r.wasted_bytes),
        human_bytes(r.dive_wasted_bytes),
        r.efficiency * 100.0
    ));
    let c = &r.cache;
    if !c.changes.is_empty() {
        s.push_str(&format!(
            "after {}: {} of {} layer steps rebuild ({}, ~{:.0} s estimated); a pull fetches {}\n",
            c.changes.join(", "),
            c.steps_rebuilt,
            c.steps_total,
            human_bytes(c.bytes_rebuilt),
            c.rebuild_seconds,
            human_bytes(c.pull_bytes)
        ));
    }
    if !r.waste.is_empty() {
        s.push_str("wasted bytes (stored, then hidden by a later layer):\n");
        for w in r.waste.iter().take(8) {
            let from = w
                .added_line
                .map_or("base image".to_string(), |l| format!("line {l}"));
            let by = w
                .hidden_line
                .map_or(String::new(), |l| format!(" at line {l}"));
            s.push_str(&format!(
                "  {:>10}  {}  (from {from}, {}{by})\n",
                human_bytes(w.bytes),
                w.path,
                w.how
            ));
        }
    }
    if r.context.inferred {
        s.push_str("build context inferred from the COPY sources (sizes assumed; pass --context DIR to read a real one)\n");
    }
    s.push_str("~ marks sizes that rest on an assumption\n");
    s
}
