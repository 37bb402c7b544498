use crate::declare_rule;
use crate::lint::{Finding, LintContext, Rule, RuleMeta};
use crate::shell::models::Effect;
use crate::syntax::{Args, InstructionKind};

declare_rule! {
    /// ## What it does
    /// Flags a RUN that installs dependencies after a COPY that brings in
    /// more than the dependency manifests (`COPY . .`, `COPY src/ ...`),
    /// and names a file whose edit would make the install run again.
    ///
    /// ## Why it matters
    /// BuildKit keys a COPY on the content of what it copies and every later
    /// step on the step before it. Once any copied file changes, every step
    /// after the COPY runs again: an edit to one source file then reinstalls
    /// every package, which costs minutes per build and a fresh layer to
    /// push and pull. Ordering steps from least to most often changed keeps
    /// the install cached.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:22-slim
    /// WORKDIR /app
    /// COPY . .
    /// RUN npm ci
    /// ```
    ///
    /// ## Fix
    /// ```dockerfile
    /// FROM node:22-slim
    /// WORKDIR /app
    /// COPY package.json package-lock.json ./
    /// RUN npm ci
    /// COPY . .
    /// ```
    pub struct CacheHostileOrder {
        id: "cache-hostile-order",
        name: "Dependencies installed after copying the sources",
        aliases: &["LL1001"],
        severity: Warning,
        category: Performance,
        fixable: false,
        enabled_by_default: true,
    }
}

/// Files that describe dependencies rather than being sources: copying
/// them before an install is the point.
pub fn is_manifest(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    matches!(
        name,
        "package.json"
            | "package-lock.json"
            | "npm-shrinkwrap.json"
            | "yarn.lock"
            | ".yarnrc.yml"
            | ".npmrc"
            | "pnpm-lock.yaml"
            | "pnpm-workspace.yaml"
            | "bun.lockb"
            | "Pipfile"
            | "Pipfile.lock"
            | "pyproject.toml"
            | "poetry.lock"
            | "uv.lock"
            | "setup.py"
            | "setup.cfg"
            | "go.mod"
            | "go.sum"
            | "Gemfile"
            | "Gemfile.lock"
            | "composer.json"
            | "composer.lock"
            | "pom.xml"
            | "build.gradle"
            | "build.gradle.kts"
            | "settings.gradle"
            | "settings.gradle.kts"
            | "gradle.properties"
            | "Cargo.toml"
            | "Cargo.lock"
            | "mix.exs"
            | "mix.lock"
            | "packages.lock.json"
            | "Dockerfile"
            | ".dockerignore"
    ) || (name.starts_with("requirements") && name.ends_with(".txt"))
        || name.ends_with(".csproj")
        || name.ends_with(".sln")
}

/// Builds that download the project's dependencies when none were fetched
/// by an earlier step.
const FETCHING_BUILDS: &[&str] = &[
    "mvn", "maven", "mvnw", "gradle", "gradlew", "go", "cargo", "dotnet",
];

/// Whether the RUN at `index` fetches dependencies without building
/// (`go mod download`, `mvn dependency:go-offline`, `dotnet restore`...).
fn prefetches(cx: &LintContext, index: usize) -> bool {
    cx.report.run(index).is_some_and(|run| {
        run.commands.iter().any(|c| {
            let sub = c.model.subcommand.as_deref().unwrap_or("");
            c.model
                .effects
                .iter()
                .any(|e| matches!(e, Effect::ProjectInstall { .. }))
                || [
                    "download",
                    "dependency",
                    "go-offline",
                    "restore",
                    "fetch",
                    "dependencies",
                ]
                .iter()
                .any(|w| sub.contains(w))
                || c.model
                    .operands
                    .iter()
                    .any(|o| o.text().starts_with("dependency:"))
        })
    })
}

/// The install a RUN performs, as the command a reader recognises.
/// `prefetched`: an earlier step of the stage already fetched dependencies.
fn install_command(cx: &LintContext, index: usize, prefetched: bool) -> Option<(String, bool)> {
    let run = cx.report.run(index)?;
    run.commands.iter().find_map(|c| {
        // A build needs the sources; it is only cache-hostile when it also
        // downloads every dependency because nothing fetched them before.
        if let Some(tool) = c.model.effects.iter().find_map(|e| match e {
            Effect::Build { tool, .. } => Some(*tool),
            _ => None,
        }) {
            let name = c.model.command.as_str();
            return (!prefetched
                && (FETCHING_BUILDS.contains(&tool) || FETCHING_BUILDS.contains(&name)))
            .then(|| match &c.model.subcommand {
                Some(sub) => (format!("{name} {sub}"), true),
                None => (name.to_string(), true),
            });
        }
        let installs = c.model.effects.iter().any(|e| match e {
            Effect::Install {
                packages, options, ..
            } => {
                // Installing the project itself needs its sources.
                let local = packages
                    .iter()
                    .any(|p| p.spec.starts_with(['.', '/']) || p.spec.ends_with(".whl"))
                    || !options.editable.is_empty()
                    || !options.files.is_empty();
                !local
            }
            Effect::ProjectInstall { .. } => true,
            _ => false,
        });
        installs.then(|| match &c.model.subcommand {
            Some(sub) => (format!("{} {sub}", c.model.command), false),
            None => (c.model.command.clone(), false),
        })
    })
}

impl Rule for CacheHostileOrder {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        let sim = cx.simulation();
        for (si, stage) in cx.model().stages.iter().enumerate() {
            if !sim.build.stages.get(si).is_some_and(|s| s.reachable) {
                continue;
            }
            // The first COPY of the stage that brings in sources.
            let mut broad: Option<(usize, String, Option<String>)> = None;
            let mut prefetched = false;
            for &i in &stage.instructions {
                let ins = &cx.document().instructions[i];
                match ins.kind {
                    InstructionKind::Copy | InstructionKind::Add if broad.is_none() => {
                        if ins.flag("from").is_some() {
                            continue;
                        }
                        let (Args::Words(words) | Args::Json(words)) = &ins.args else {
                            continue;
                        };
                        let Some((_, sources)) = words.split_last() else {
                            continue;
                        };
                        let state = cx.model().state(i);
                        for w in sources {
                            let src = match state {
                                Some(s) => s.expand(&w.value, cx.document().escape),
                                None => w.value.clone(),
                            };
                            if src.starts_with("<<") || src.contains("://") {
                                continue;
                            }
                            let files = sim.context.select(&src);
                            let sources: Vec<_> =
                                files.iter().filter(|f| !is_manifest(&f.path)).collect();
                            if !sources.is_empty() {
                                let example =
                                    sources.iter().find(|f| !f.assumed).map(|f| f.path.clone());
                                broad = Some((ins.start_line, first_line(&ins.original), example));
                                break;
                            }
                        }
                    }
                    InstructionKind::Run => {
                        let found = broad
                            .as_ref()
                            .and_then(|b| Some((b, install_command(cx, i, prefetched)?)));
                        prefetched |= prefetches(cx, i);
                        let Some(((line, copy, example), (cmd, build))) = found else {
                            continue;
                        };
                        let what = match example {
                            Some(f) => {
                                format!("{f} or any other file copied by `{copy}` (line {line})")
                            }
                            None => format!("any source file copied by `{copy}` (line {line})"),
                        };
                        let message = if build {
                            format!(
                                "`{cmd}` downloads every dependency again whenever {what} changes: copy the build manifest first and fetch dependencies in an earlier RUN (`go mod download`, `mvn dependency:go-offline`, `dotnet restore`)"
                            )
                        } else {
                            format!(
                                "`{cmd}` runs again whenever {what} changes: copy only the dependency manifests before it, and the rest after"
                            )
                        };
                        out.push(cx.finding(&Self::META, ins.span, message));
                    }
                    _ => {}
                }
            }
        }
    }
}

fn first_line(text: &str) -> String {
    text.lines()
        .next()
        .unwrap_or("")
        .trim_end_matches('\\')
        .trim()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::CacheHostileOrder;
    use crate::lint::testing::findings;

    #[test]
    fn flags_installs_after_copying_sources() {
        for text in [
            "FROM node:22-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci\n",
            "FROM python:3.12-slim\nWORKDIR /app\nCOPY . /app\nRUN pip install -r requirements.txt\n",
            "FROM python:3.12-slim\nCOPY src/ /app/src/\nRUN pip install flask\n",
            "FROM debian:bookworm-slim\nCOPY . /src\nRUN apt-get update && apt-get install -y gcc\n",
            "FROM maven:3-eclipse-temurin-21 AS build\nCOPY src /app/src\nCOPY pom.xml /app\nRUN mvn -f /app/pom.xml clean package\n",
            "FROM golang:1.26 AS build\nCOPY . .\nRUN go build -o /app\n",
        ] {
            let f = findings(&CacheHostileOrder, text);
            assert_eq!(f.len(), 1, "{text}");
            assert!(f[0].message.contains("again whenever"), "{}", f[0].message);
        }
    }

    #[test]
    fn accepts_manifests_first_and_local_installs() {
        for text in [
            "FROM node:22-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\n",
            "FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\n",
            "FROM python:3.12-slim\nCOPY . /app\nRUN pip install /app\n",
            "FROM python:3.12-slim\nCOPY . /app\nRUN pip install -e /app\n",
            "FROM golang:1.26 AS build\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN go build -o /app\n",
            "FROM maven:3-eclipse-temurin-21 AS build\nCOPY pom.xml .\nRUN mvn dependency:go-offline\nCOPY src ./src\nRUN mvn package\n",
        ] {
            assert!(findings(&CacheHostileOrder, text).is_empty(), "{text}");
        }
    }
}
