//! What a build context probably holds when the user has not said.
//!
//! Every number here is an **assumption**, not a measurement: a round,
//! typical size for a small-to-medium project, chosen so that layer sizes
//! and cache behaviour come out plausible. The simulator marks files made
//! from these tables as assumed, and the user can edit them.

use serde::Serialize;

const KB: u64 = 1024;
const MB: u64 = 1024 * KB;

/// What a file's bytes look like to a compressor, judged by its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FileKind {
    /// Source, configuration, documentation, lock files.
    Text,
    /// Executables, libraries, bytecode, databases, fonts.
    Binary,
    /// Already compressed: archives, packaged jars/wheels, images, media.
    Compressed,
}

impl FileKind {
    /// Classifies by extension (case-insensitive); anything unknown is text,
    /// the common case for what Dockerfiles copy.
    pub fn from_path(path: &str) -> FileKind {
        let name = path.rsplit('/').next().unwrap_or(path).to_ascii_lowercase();
        let Some((_, ext)) = name.rsplit_once('.') else {
            return FileKind::Text;
        };
        match ext {
            "gz" | "tgz" | "zip" | "jar" | "war" | "ear" | "whl" | "egg" | "xz" | "bz2" | "zst"
            | "lz4" | "br" | "7z" | "rar" | "apk" | "deb" | "rpm" | "nupkg" | "gem" | "png"
            | "jpg" | "jpeg" | "gif" | "webp" | "avif" | "mp3" | "mp4" | "webm" | "ogg"
            | "woff" | "woff2" | "pdf" | "docx" | "xlsx" | "parquet" => FileKind::Compressed,
            "exe" | "dll" | "so" | "dylib" | "a" | "o" | "lib" | "bin" | "wasm" | "class"
            | "pyc" | "pyo" | "node" | "db" | "sqlite" | "sqlite3" | "ttf" | "otf" | "ico"
            | "bmp" | "tif" | "tiff" | "dat" | "onnx" | "pt" | "pth" | "safetensors" | "h5"
            | "pb" | "pkl" | "npy" => FileKind::Binary,
            _ => FileKind::Text,
        }
    }

    /// Assumed gzip ratio (compressed / original), for estimating pushed
    /// layer sizes: source text typically shrinks to about a quarter to a
    /// third, machine code to about half, and compressed formats not at all.
    pub fn gzip_ratio(self) -> f64 {
        match self {
            FileKind::Text => 0.3,
            FileKind::Binary => 0.5,
            FileKind::Compressed => 1.0,
        }
    }

    /// `size` after gzip, by [`FileKind::gzip_ratio`].
    pub fn compressed_estimate(self, size: u64) -> u64 {
        (size as f64 * self.gzip_ratio()).round() as u64
    }
}

/// Typical sizes of files known by their full name. Lock files dominate:
/// they list every transitive dependency with hashes.
const BY_NAME: &[(&str, u64)] = &[
    // JavaScript: a manifest is a few dozen lines; an npm lock file for a
    // few dozen direct dependencies pulls in ~1000 packages at ~300 B each.
    ("package.json", 2 * KB),
    ("package-lock.json", 300 * KB),
    ("npm-shrinkwrap.json", 300 * KB),
    ("yarn.lock", 250 * KB),
    ("pnpm-lock.yaml", 200 * KB),
    ("bun.lockb", 150 * KB),
    (".npmrc", 100),
    // Python: one requirement per line, ~20 lines; lock files with hashes.
    ("requirements.txt", KB),
    ("requirements-dev.txt", KB),
    ("pyproject.toml", 2 * KB),
    ("setup.py", 2 * KB),
    ("setup.cfg", KB),
    ("Pipfile", KB),
    ("Pipfile.lock", 40 * KB),
    ("poetry.lock", 150 * KB),
    ("uv.lock", 150 * KB),
    // Go: go.sum has two hash lines per module version.
    ("go.mod", KB),
    ("go.sum", 20 * KB),
    // Rust: Cargo.lock has ~150 B per crate, a few hundred crates.
    ("Cargo.toml", KB),
    ("Cargo.lock", 60 * KB),
    // JVM builds.
    ("pom.xml", 6 * KB),
    ("build.gradle", 3 * KB),
    ("build.gradle.kts", 3 * KB),
    ("settings.gradle", 512),
    ("settings.gradle.kts", 512),
    ("gradlew", 8 * KB),
    ("mvnw", 10 * KB),
    // Ruby, PHP.
    ("Gemfile", KB),
    ("Gemfile.lock", 10 * KB),
    ("composer.json", 2 * KB),
    ("composer.lock", 200 * KB),
    // Build and project files.
    ("Dockerfile", KB),
    (".dockerignore", 256),
    ("Makefile", 2 * KB),
    ("Procfile", 100),
    ("README.md", 4 * KB),
    // The Apache-2.0 text is 11,357 bytes; MIT is about 1 KB.
    ("LICENSE", 11 * KB),
    (".env", 512),
    ("nginx.conf", 2 * KB),
];

/// Typical sizes by extension: a source file of a few hundred lines at
/// ~30 bytes a line is 5-10 KB; packaged artefacts are per-ecosystem
/// typical values (a Spring Boot fat jar is tens of MB).
const BY_EXTENSION: &[(&str, u64)] = &[
    ("py", 5 * KB),
    ("js", 5 * KB),
    ("mjs", 5 * KB),
    ("cjs", 5 * KB),
    ("ts", 5 * KB),
    ("tsx", 5 * KB),
    ("jsx", 5 * KB),
    ("go", 6 * KB),
    ("rs", 8 * KB),
    ("java", 6 * KB),
    ("kt", 5 * KB),
    ("rb", 3 * KB),
    ("php", 4 * KB),
    ("c", 8 * KB),
    ("h", 3 * KB),
    ("cpp", 10 * KB),
    ("cs", 6 * KB),
    ("sh", KB),
    ("sql", 4 * KB),
    ("html", 6 * KB),
    ("css", 10 * KB),
    ("json", 2 * KB),
    ("yaml", KB),
    ("yml", KB),
    ("toml", KB),
    ("ini", KB),
    ("cfg", KB),
    ("conf", KB),
    ("xml", 4 * KB),
    ("md", 4 * KB),
    ("txt", KB),
    ("csv", 100 * KB),
    ("svg", 4 * KB),
    ("png", 50 * KB),
    ("jpg", 100 * KB),
    ("jpeg", 100 * KB),
    ("ico", 15 * KB),
    ("woff2", 30 * KB),
    ("jar", 20 * MB),
    ("war", 40 * MB),
    ("whl", 200 * KB),
    ("tgz", 10 * MB),
    ("gz", 10 * MB),
    ("zip", 10 * MB),
    ("so", 2 * MB),
    ("wasm", 2 * MB),
    ("exe", 10 * MB),
    ("bin", 10 * MB),
    ("pdf", 500 * KB),
    ("db", MB),
    ("sqlite", MB),
];

/// The file names [`assumed_file_size`] knows by name.
pub fn known_file_names() -> impl Iterator<Item = &'static str> {
    BY_NAME.iter().map(|&(name, _)| name)
}

/// Size of a file nothing is known about: a small text file.
pub const DEFAULT_FILE_SIZE: u64 = 4 * KB;

/// An assumed size and kind for a single file named `path`, from the
/// `BY_NAME`/`BY_EXTENSION` tables in this module (full name first, then the
/// extension, case-insensitively; `archive.tar.gz` counts as `gz`), else
/// [`DEFAULT_FILE_SIZE`]. These are assumptions, shown as such.
pub fn assumed_file_size(path: &str) -> (u64, FileKind) {
    let name = path
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or(path);
    let kind = FileKind::from_path(name);
    if let Some(&(_, size)) = BY_NAME.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)) {
        return (size, kind);
    }
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    let size = ext
        .and_then(|ext| BY_EXTENSION.iter().find(|(e, _)| *e == ext))
        .map_or(DEFAULT_FILE_SIZE, |&(_, size)| size);
    (size, kind)
}

/// Whether a `COPY` source that does not exist in the context most likely
/// names a directory: `.`, a trailing `/`, or a last component with no
/// extension that is not a well-known extensionless file (`Makefile`,
/// `LICENSE`, dotfiles such as `.env`).
pub fn looks_like_directory(source: &str) -> bool {
    if source.ends_with('/') {
        return true;
    }
    let name = source.rsplit('/').next().unwrap_or(source);
    if name.is_empty() || name == "." || name == ".." {
        return true;
    }
    const EXTENSIONLESS_FILES: &[&str] = &[
        "Dockerfile",
        "Makefile",
        "Gemfile",
        "Pipfile",
        "Procfile",
        "LICENSE",
        "COPYING",
        "Jenkinsfile",
        "Rakefile",
        "Vagrantfile",
        "gradlew",
        "mvnw",
        "VERSION",
    ];
    if matches!(name, ".git" | ".github" | ".venv" | ".next" | ".cache") {
        return true;
    }
    if name.starts_with('.')
        || EXTENSIONLESS_FILES
            .iter()
            .any(|f| f.eq_ignore_ascii_case(name))
    {
        return false;
    }
    !name.contains('.')
}

/// The default contents assumed for a directory source: `files` files of
/// `file_size` bytes each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct AssumedTree {
    pub files: usize,
    pub file_size: u64,
    pub kind: FileKind,
    /// Why these numbers, for the UI.
    pub reason: &'static str,
}

impl AssumedTree {
    pub fn total_size(&self) -> u64 {
        self.files as u64 * self.file_size
    }

    /// The file paths the tree stands for under `dir` (`dir/file-01`, ...;
    /// the context root when `dir` is empty or `.`).
    pub fn paths(&self, dir: &str) -> Vec<String> {
        let dir = dir.trim_matches('/');
        let prefix = if dir.is_empty() || dir == "." {
            String::new()
        } else {
            format!("{dir}/")
        };
        let width = self.files.to_string().len().max(2);
        (1..=self.files)
            .map(|i| format!("{prefix}file-{i:0width$}"))
            .collect()
    }
}

/// The assumed tree for a directory source, by the directory's last name.
/// Assumptions, each with its reason; other names get ten 8 KB files.
pub fn assumed_tree(dir: &str) -> AssumedTree {
    let name = dir
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    let tree = |files, file_size, kind, reason| AssumedTree {
        files,
        file_size,
        kind,
        reason,
    };
    match name.as_str() {
        "" | "." => tree(
            40,
            6 * KB,
            FileKind::Text,
            "a whole small project: ~40 source and config files of ~6 KB",
        ),
        "src" | "app" | "lib" | "pkg" | "cmd" | "internal" | "source" => tree(
            20,
            6 * KB,
            FileKind::Text,
            "application source: ~20 files of a few hundred lines (~6 KB)",
        ),
        "node_modules" => tree(
            2000,
            20 * KB,
            FileKind::Text,
            "installed npm dependencies of a small app: ~2000 files, ~40 MB",
        ),
        "vendor" | "venv" | ".venv" => tree(
            500,
            20 * KB,
            FileKind::Text,
            "vendored dependencies: ~500 files, ~10 MB",
        ),
        "public" | "static" | "assets" | "images" | "img" | "media" => tree(
            20,
            50 * KB,
            FileKind::Compressed,
            "web assets, mostly already-compressed images: ~20 files of ~50 KB",
        ),
        "dist" | "build" | "out" | ".next" => tree(
            10,
            100 * KB,
            FileKind::Text,
            "bundled build output: ~10 minified files of ~100 KB",
        ),
        "target" | "bin" => tree(
            1,
            10 * MB,
            FileKind::Binary,
            "one compiled executable of ~10 MB",
        ),
        "config" | "conf" | "etc" | "deploy" => tree(
            5,
            2 * KB,
            FileKind::Text,
            "a handful of configuration files of ~2 KB",
        ),
        "test" | "tests" | "spec" | "scripts" | "migrations" => tree(
            10,
            4 * KB,
            FileKind::Text,
            "~10 small scripts or test files of ~4 KB",
        ),
        "docs" | "doc" => tree(
            10,
            8 * KB,
            FileKind::Text,
            "~10 documentation pages of ~8 KB",
        ),
        ".git" => tree(
            300,
            16 * KB,
            FileKind::Compressed,
            "git objects of a young repository (zlib-compressed): ~300 files, ~5 MB",
        ),
        _ => tree(
            10,
            8 * KB,
            FileKind::Text,
            "an unknown folder: ~10 files of ~8 KB",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_by_name_then_extension_then_default() {
        assert_eq!(assumed_file_size("package.json"), (2 * KB, FileKind::Text));
        assert_eq!(
            assumed_file_size("web/package-lock.json"),
            (300 * KB, FileKind::Text)
        );
        assert_eq!(assumed_file_size("requirements.txt"), (KB, FileKind::Text));
        assert_eq!(assumed_file_size("go.sum"), (20 * KB, FileKind::Text));
        assert_eq!(assumed_file_size("Cargo.lock"), (60 * KB, FileKind::Text));
        assert_eq!(assumed_file_size("pom.xml"), (6 * KB, FileKind::Text));
        assert_eq!(assumed_file_size("app/main.py"), (5 * KB, FileKind::Text));
        assert_eq!(assumed_file_size("server.JS"), (5 * KB, FileKind::Text));
        assert_eq!(
            assumed_file_size("target/app.jar"),
            (20 * MB, FileKind::Compressed)
        );
        assert_eq!(
            assumed_file_size("lib/libfoo.so"),
            (2 * MB, FileKind::Binary)
        );
        assert_eq!(
            assumed_file_size("release.tar.gz"),
            (10 * MB, FileKind::Compressed)
        );
        assert_eq!(
            assumed_file_size("notes.unknown"),
            (DEFAULT_FILE_SIZE, FileKind::Text)
        );
        assert_eq!(
            assumed_file_size("dockerfile").0,
            KB,
            "names are case-insensitive"
        );
    }

    #[test]
    fn kinds_by_extension() {
        assert_eq!(FileKind::from_path("a/b.PNG"), FileKind::Compressed);
        assert_eq!(FileKind::from_path("x.pyc"), FileKind::Binary);
        assert_eq!(FileKind::from_path("Makefile"), FileKind::Text);
        assert_eq!(FileKind::from_path("dir.d/file"), FileKind::Text);
        assert_eq!(FileKind::Text.compressed_estimate(1000), 300);
        assert_eq!(FileKind::Compressed.compressed_estimate(1000), 1000);
    }

    #[test]
    fn directory_guess() {
        for dir in [".", "./", "src", "src/", "node_modules", "a/b/", ".git"] {
            assert!(looks_like_directory(dir), "{dir}");
        }
        for file in [
            "main.py",
            "Makefile",
            ".env",
            "LICENSE",
            "a/go.mod",
            "Dockerfile",
        ] {
            assert!(!looks_like_directory(file), "{file}");
        }
    }

    #[test]
    fn trees_are_stated_and_named() {
        let src = assumed_tree("src/");
        assert_eq!((src.files, src.file_size), (20, 6 * KB));
        assert_eq!(src.total_size(), 120 * KB);
        let paths = src.paths("src/");
        assert_eq!(paths.len(), 20);
        assert_eq!(paths[0], "src/file-01");
        assert_eq!(paths[19], "src/file-20");
        assert_eq!(assumed_tree(".").paths(".")[0], "file-01");
        assert_eq!(
            assumed_tree("node_modules").paths("node_modules")[0],
            "node_modules/file-0001"
        );
        assert_eq!(assumed_tree("frontend/public").kind, FileKind::Compressed);
        assert_eq!(assumed_tree("whatever").files, 10);
    }
}
