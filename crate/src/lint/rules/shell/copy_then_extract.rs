use super::util;
use crate::declare_rule;
use crate::lint::{Finding, LintContext, Rule, RuleMeta};
use crate::shell::parse::CommandCall;
use crate::syntax::{Args, InstructionKind};

/// Archives `ADD` extracts by itself (tar, optionally gzip, bzip2 or xz).
const ARCHIVES: &[&str] = &[
    ".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tbz", ".tar.xz", ".txz",
];

declare_rule! {
    /// ## What it does
    /// Flags a `COPY` of a local tar archive that a later RUN of the same
    /// stage extracts with `tar -x`.
    ///
    /// ## Why it matters
    /// The copied archive stays in its own layer even if the RUN deletes
    /// it, so the image carries both the archive and its contents. `ADD`
    /// extracts a local tar archive (plain, gzip, bzip2 or xz) straight into
    /// the destination, in one layer.
    ///
    /// ## Example
    /// ```dockerfile
    /// COPY app.tar.gz /tmp/
    /// RUN tar -xzf /tmp/app.tar.gz -C /opt && rm /tmp/app.tar.gz
    /// ```
    ///
    /// ## Fix
    /// ```dockerfile
    /// ADD app.tar.gz /opt/
    /// ```
    /// Not fixed automatically: where the contents go and what else the
    /// RUN does have to be read by a person.
    ///
    /// ## Differences from hadolint
    /// hadolint matches the COPY's destination only when it names the file
    /// itself; Layerlab also follows a directory destination (`COPY
    /// app.tar.gz /tmp/` then `tar -xzf /tmp/app.tar.gz`) and a relative
    /// `tar -xf app.tar.gz` run in the destination's directory (`WORKDIR` or
    /// `cd`).
    pub struct CopyThenExtract {
        id: "copy-then-extract",
        name: "Use ADD for extracting archives into an image",
        aliases: &["DL3010"],
        severity: Info,
        category: Shell,
        fixable: false,
        enabled_by_default: true,
    }
}

fn is_archive(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    ARCHIVES.iter().any(|ext| lower.ends_with(ext))
}

/// The files a `tar` call extracts from, as absolute paths when they can
/// be resolved.
fn extracted(call: &CommandCall) -> Vec<String> {
    let args = call.argv.args();
    let extracting = args.iter().enumerate().any(|(i, w)| {
        let v = w.value.as_deref().unwrap_or_default();
        v == "--extract"
            || v == "--get"
            || (v.starts_with('-') && !v.starts_with("--") && v.contains('x'))
            || (i == 0 && !v.starts_with('-') && v.contains('x'))
    });
    if !extracting {
        return Vec::new();
    }
    args.iter()
        .filter_map(|w| w.value.as_deref())
        .map(|v| v.strip_prefix("--file=").unwrap_or(v))
        .filter(|v| is_archive(v))
        .filter_map(|v| {
            if v.starts_with('/') {
                Some(v.to_owned())
            } else {
                let cwd = call.cwd.as_deref()?;
                Some(format!(
                    "{}/{}",
                    cwd.trim_end_matches('/'),
                    v.trim_start_matches("./")
                ))
            }
        })
        .collect()
}

impl Rule for CopyThenExtract {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        for (index, ins) in cx.instructions() {
            if ins.kind != InstructionKind::Copy || ins.flag("from").is_some() {
                continue;
            }
            let words = match &ins.args {
                Args::Words(w) | Args::Json(w) => w,
                _ => continue,
            };
            let Some((dest, sources)) = words.split_last() else {
                continue;
            };
            let dest = dest.value.as_str();
            if !dest.starts_with('/') || sources.is_empty() {
                continue;
            }
            let into_dir = dest.ends_with('/') || sources.len() > 1;
            let targets: Vec<String> = sources
                .iter()
                .filter(|s| is_archive(&s.value))
                .map(|s| {
                    if into_dir {
                        let base = s.value.rsplit('/').next().unwrap_or(&s.value);
                        format!("{}/{}", dest.trim_end_matches('/'), base)
                    } else {
                        dest.to_owned()
                    }
                })
                .collect();
            if targets.is_empty() {
                continue;
            }
            let stage = cx.stage_of(index).map(|s| s.index);
            let later = cx
                .runs()
                .filter(|(run, _)| run.instruction > index && Some(run.stage) == stage);
            let hit = later
                .flat_map(|(run, _)| {
                    util::calls_named(run, "tar")
                        .flat_map(extracted)
                        .collect::<Vec<_>>()
                })
                .any(|path| targets.contains(&path));
            if hit {
                out.push(cx.finding(
                    &Self::META,
                    ins.span,
                    "use ADD to extract a local tar archive instead of COPY and tar -x",
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::CopyThenExtract;
    use crate::lint::testing::findings;

    #[test]
    fn flags_copy_then_tar() {
        for text in [
            "FROM debian\nCOPY app.tar.gz /tmp/app.tar.gz\nRUN tar -xzf /tmp/app.tar.gz\n",
            "FROM debian\nCOPY app.tar.gz /tmp/\nRUN tar -xzf /tmp/app.tar.gz -C /opt && rm /tmp/app.tar.gz\n",
            "FROM debian\nCOPY app.tar /app.tar\nWORKDIR /\nRUN tar xf app.tar\n",
            "FROM debian\nCOPY app.tgz /src/\nWORKDIR /src\nRUN tar --extract --file=app.tgz\n",
        ] {
            let found = findings(&CopyThenExtract, text);
            assert_eq!(found.len(), 1, "{text}");
            assert_eq!(found[0].line, 2);
        }
    }

    #[test]
    fn other_copies_are_fine() {
        for text in [
            "FROM debian\nCOPY app.tar.gz /tmp/\n",
            // The base image's WORKDIR is unknown.
            "FROM debian\nCOPY app.tar /app.tar\nRUN tar xf app.tar\n",
            "FROM debian\nCOPY app.zip /tmp/\nRUN unzip /tmp/app.zip\n",
            "FROM debian\nCOPY app.tar.gz /tmp/\nRUN tar -tzf /tmp/app.tar.gz\n",
            "FROM debian\nCOPY --from=build /out/app.tar /app.tar\nRUN tar xf /app.tar\n",
            "FROM debian AS a\nCOPY app.tar /app.tar\nFROM debian\nRUN tar xf /app.tar\n",
            "FROM debian\nCOPY app.tar /app.tar\nRUN tar cf /other.tar /app.tar\n",
        ] {
            assert!(findings(&CopyThenExtract, text).is_empty(), "{text}");
        }
    }
}
