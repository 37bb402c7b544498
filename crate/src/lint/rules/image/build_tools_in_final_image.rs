use std::collections::BTreeMap;

use super::util::at_line;
use crate::declare_rule;
use crate::lint::{Finding, LintContext, Rule, RuleMeta};
use crate::sim::{human_bytes, image_chain};

declare_rule! {
    /// ## What it does
    /// Flags packages and caches only a build needs (compilers, `-dev`
    /// headers, `make`, package-manager download caches) that are still in
    /// the final image, with the bytes they take.
    ///
    /// ## Why it matters
    /// Every byte of the final image is pulled by every host that runs it,
    /// and compilers widen what an attacker can do inside the container. A
    /// multi-stage build compiles in one stage and copies only the result
    /// into a clean one, so none of it ships.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// RUN apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev \
    ///  && rm -rf /var/lib/apt/lists/*
    /// COPY requirements.txt .
    /// RUN pip install --no-cache-dir -r requirements.txt
    /// ```
    ///
    /// ## Fix
    /// ```dockerfile
    /// FROM python:3.12-slim AS build
    /// RUN apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev \
    ///  && rm -rf /var/lib/apt/lists/*
    /// COPY requirements.txt .
    /// RUN pip wheel --no-cache-dir --wheel-dir /wheels -r requirements.txt
    ///
    /// FROM python:3.12-slim
    /// RUN apt-get update && apt-get install -y --no-install-recommends libpq5 \
    ///  && rm -rf /var/lib/apt/lists/*
    /// COPY --from=build /wheels /wheels
    /// RUN pip install --no-cache-dir /wheels/*
    /// ```
    pub struct BuildToolsInFinalImage {
        id: "build-tools-in-final-image",
        name: "Build tools or caches left in the final image",
        aliases: &["LL1004"],
        severity: Warning,
        category: Performance,
        fixable: false,
        enabled_by_default: true,
    }
}

/// Debian package names of compilers, headers and build helpers.
pub fn is_build_package(name: &str) -> bool {
    const EXACT: &[&str] = &[
        "build-essential",
        "gcc",
        "g++",
        "cpp",
        "make",
        "cmake",
        "autoconf",
        "automake",
        "libtool",
        "pkg-config",
        "pkgconf",
        "binutils",
        "dpkg-dev",
        "clang",
        "llvm",
        "golang-go",
        "rustc",
        "cargo",
        "bison",
        "flex",
        "patch",
        "m4",
        "gfortran",
        "ninja-build",
        "meson",
        "libc-dev-bin",
        "linux-libc-dev",
        "libc6-dev",
        "musl-dev",
    ];
    EXACT.contains(&name)
        || [
            "gcc-",
            "g++-",
            "cpp-",
            "binutils-",
            "clang-",
            "llvm-",
            "libgcc-",
            "libstdc++-",
        ]
        .iter()
        .any(|p| {
            name.starts_with(p)
                && (name.ends_with("-dev")
                    || name[p.len()..]
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_ascii_digit()))
        })
        || name.ends_with("-dev")
}

/// Download caches a build leaves and a runtime never reads.
const CACHES: &[&str] = &[
    "/root/.cache/pip",
    "/root/.npm",
    "/root/.cache/go-build",
    "/root/.m2",
    "/usr/local/share/.cache/yarn",
    "/root/.cache/yarn",
];

impl Rule for BuildToolsInFinalImage {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext, out: &mut Vec<Finding>) {
        let sim = cx.simulation();
        let build = &sim.build;
        let Some(last) = build.stages.get(build.target) else {
            return;
        };
        let final_tree = &last.tree;
        // line -> (bytes, (name, bytes) largest first)
        let mut by_line: BTreeMap<usize, (u64, Vec<(String, u64)>)> = BTreeMap::new();
        for &si in &image_chain(build) {
            for step in build.stages[si].steps.iter().filter(|s| s.layer) {
                for (path, change) in &step.changes.changes {
                    let Some(entry) = change.entry() else {
                        continue;
                    };
                    let name = match path.strip_prefix("/usr/(deb)/") {
                        Some(pkg) if is_build_package(pkg) => pkg.to_string(),
                        Some(_) => continue,
                        None => match CACHES
                            .iter()
                            .find(|c| path == *c || path.starts_with(&format!("{c}/")))
                        {
                            Some(c) => format!("{c} (cache)"),
                            None => continue,
                        },
                    };
                    // Still there at the end, unchanged by later layers.
                    if final_tree
                        .get(path)
                        .is_none_or(|e| e.content != entry.content)
                    {
                        continue;
                    }
                    let e = by_line.entry(step.line).or_default();
                    e.0 += entry.size;
                    match e.1.iter_mut().find(|(n, _)| *n == name) {
                        Some(known) => known.1 += entry.size,
                        None => e.1.push((name, entry.size)),
                    }
                }
            }
        }
        for (line, (bytes, mut names)) in by_line {
            if bytes < 1_000_000 {
                continue;
            }
            names.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            let Some((_, ins)) = at_line(cx, line) else {
                continue;
            };
            let shown: Vec<&str> = names.iter().take(4).map(|(n, _)| n.as_str()).collect();
            let more = if names.len() > 4 {
                format!(" and {} more", names.len() - 4)
            } else {
                String::new()
            };
            out.push(cx.finding(
                &Self::META,
                ins.span,
                format!(
                    "build tools or caches stay in the final image: {}{more} ({}); build in a separate stage and copy only the result with `COPY --from`",
                    shown.join(", "),
                    human_bytes(bytes)
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{BuildToolsInFinalImage, is_build_package};
    use crate::lint::testing::findings;

    #[test]
    fn flags_compilers_in_the_final_stage() {
        let f = findings(
            &BuildToolsInFinalImage,
            "FROM python:3.12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev && rm -rf /var/lib/apt/lists/*\n",
        );
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].message.contains("gcc"), "{}", f[0].message);
        assert!(f[0].message.contains("MB"), "{}", f[0].message);
    }

    #[test]
    fn accepts_builder_stages_and_removed_tools() {
        for text in [
            "FROM python:3.12-slim AS build\nRUN apt-get update && apt-get install -y --no-install-recommends gcc\nFROM python:3.12-slim\nCOPY --from=build /usr/local /usr/local\n",
            "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends gcc && apt-get purge -y --auto-remove gcc && rm -rf /var/lib/apt/lists/*\n",
            "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n",
        ] {
            assert!(findings(&BuildToolsInFinalImage, text).is_empty(), "{text}");
        }
    }

    #[test]
    fn knows_build_packages() {
        assert!(is_build_package("gcc-12"));
        assert!(is_build_package("libpq-dev"));
        assert!(!is_build_package("libpq5"));
        assert!(!is_build_package("curl"));
    }
}
