//! Bytes that come from outside the package managers: downloads, archives
//! unpacked, repositories cloned, and what builds leave behind. Their sizes
//! are assumptions (see `assume`) unless the user sets them.

use super::super::assume::{self, Assumption};
use super::{Executor, compress};
use crate::shell::argv::ArgWord;
use crate::shell::models::Output;
use crate::sim::vfs::{self, Entry};

impl Executor<'_, '_> {
    /// The size of a download: the user's figure for this URL, else the
    /// assumption.
    fn download_size(&mut self, url: &str) -> (u64, bool) {
        match self.options.download_sizes.get(url) {
            Some(&size) => (size, false),
            None => {
                self.note(format!("{} for {url}", assume::DOWNLOAD.note()));
                (assume::DOWNLOAD.bytes, true)
            }
        }
    }

    pub(super) fn download(&mut self, url: &ArgWord, output: &Output) {
        let url_text = url.text().to_string();
        let (size, estimate) = self.download_size(&url_text);
        self.out.seconds += size as f64 / assume::NET_BYTES_PER_S;
        let path = match output {
            Output::Stdout => {
                self.piped = Some((size, url_text));
                return;
            }
            Output::File { path } => self.path(path),
            Output::RemoteName { name } => {
                let name = name
                    .clone()
                    .unwrap_or_else(|| vfs::basename(&url_text).to_string());
                Some(vfs::join(&self.cwd, &name))
            }
        };
        if let Some(p) = path {
            let content = self.content(&p);
            let entry = Entry::file(size, compress(size, assume::DOWNLOAD.ratio), content)
                .with_estimate(estimate);
            self.put(&p, entry);
        }
    }

    pub(super) fn extract(&mut self, archive: Option<&ArgWord>, dest: Option<&ArgWord>) {
        let (size, name) = match archive {
            None => match self.piped.take() {
                Some((size, url)) => (size, vfs::basename(&url).to_string()),
                None => return,
            },
            Some(a) => {
                let Some(p) = self.path(a) else { return };
                match self.up.get(&p) {
                    Some(e) => (e.size, vfs::basename(&p).to_string()),
                    None => {
                        self.note(format!(
                            "{} is not in the image at this point: its contents are not sized",
                            a.text()
                        ));
                        self.out.estimate = true;
                        return;
                    }
                }
            }
        };
        let dest = dest
            .and_then(|d| self.path(d))
            .unwrap_or_else(|| self.cwd.clone());
        let unpacked = (size as f64 * assume::EXTRACT_FACTOR) as u64;
        let path = format!("{}/({name} contents)", dest.trim_end_matches('/'));
        let content = self.content(&path);
        let note = format!(
            "files of {name}: assumed {}× the archive's size",
            assume::EXTRACT_FACTOR
        );
        let entry = Entry::bundle(
            unpacked,
            compress(unpacked, assume::RATIO_BINARY),
            content,
            note,
        )
        .with_estimate(true);
        self.put(&path, entry);
        self.out.seconds += unpacked as f64 / assume::DISK_BYTES_PER_S;
    }

    pub(super) fn git_clone(&mut self, url: &ArgWord, dir: Option<&ArgWord>) {
        let dir = dir.and_then(|d| self.path(d)).unwrap_or_else(|| {
            let name = vfs::basename(url.text().trim_end_matches('/'));
            vfs::join(&self.cwd, name.trim_end_matches(".git"))
        });
        self.assumed_tree(&dir, assume::GIT_CLONE, "repository");
    }

    /// Build outputs and the caches builds fill.
    pub(super) fn build(
        &mut self,
        tool: &str,
        targets: &[ArgWord],
        dir: Option<&ArgWord>,
        outputs: &[ArgWord],
    ) {
        // Maven and Gradle goals that only fetch or check produce no artifact.
        let packaging = [
            "package",
            "install",
            "verify",
            "deploy",
            "build",
            "assemble",
            "jar",
            "bootJar",
            "shadowJar",
            "installDist",
            "war",
            "bootWar",
        ];
        if matches!(tool, "mvn" | "maven" | "mvnw" | "gradle" | "gradlew")
            && !targets.is_empty()
            && !targets
                .iter()
                .any(|t| packaging.contains(&t.text().rsplit(':').next().unwrap_or("")))
        {
            return;
        }
        let dir = dir
            .and_then(|d| self.path(d))
            .unwrap_or_else(|| self.cwd.clone());
        let out = outputs.first().and_then(|o| self.path(o));
        let (product, caches, seconds): (Assumption, &[(&str, Assumption)], f64) = match tool {
            "go" => (
                assume::GO_BINARY,
                &[("/root/.cache/go-build", assume::GO_BUILD_CACHE)],
                assume::GO_BUILD_S,
            ),
            "mvn" | "maven" | "gradle" | "gradlew" | "mvnw" => (
                assume::JAR,
                &[("/root/.m2/repository", assume::JVM_REPOSITORY)],
                assume::JVM_BUILD_S,
            ),
            "cargo" => (assume::CARGO_TARGET, &[], assume::CARGO_BUILD_S),
            "npm" | "yarn" | "pnpm" | "bun" | "vite" | "webpack" | "next" | "ng" | "tsc" => {
                (assume::WEB_BUILD, &[], assume::WEB_BUILD_S)
            }
            "make" | "cmake" | "ninja" | "meson" | "configure" | "gcc" | "cc" | "g++" => {
                (assume::NATIVE_BUILD, &[], assume::NATIVE_BUILD_S)
            }
            _ => (assume::OTHER_BUILD, &[], assume::NATIVE_BUILD_S),
        };
        let target = out.unwrap_or_else(|| match tool {
            "go" => format!("{dir}/(go binary)"),
            "cargo" => format!("{dir}/target"),
            "mvn" | "maven" | "mvnw" => format!("{dir}/target/(jar)"),
            "gradle" | "gradlew" => format!("{dir}/build/libs/(jar)"),
            "npm" | "yarn" | "pnpm" | "bun" | "vite" | "webpack" | "next" | "ng" | "tsc" => {
                format!("{dir}/dist")
            }
            _ => format!("{dir}/(build output)"),
        });
        let content = self.content(&target);
        let entry = Entry::bundle(product.bytes, product.compressed(), content, product.note())
            .with_estimate(true);
        self.put(&target, entry);
        self.note(format!("{tool} build: {}", product.note()));
        for (path, a) in caches {
            // A cache an earlier step filled is reused, not written again.
            if !self.mounted(path) && !self.up.exists(path) {
                let content = self.content(path);
                let entry =
                    Entry::bundle(a.bytes, a.compressed(), content, a.note()).with_estimate(true);
                self.put(path, entry);
                self.note(a.note());
            }
        }
        self.out.seconds += seconds;
    }
}
