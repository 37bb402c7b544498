//! Every figure the simulator assumes rather than reads, in one place, each
//! with the reason for its value. A size built from one of these is marked
//! `estimate` wherever it is shown, and the note names the assumption.
//!
//! Measured figures come from `../../data` (images, Debian packages) and the
//! research notes quoted below; the rest are round numbers for a typical
//! small service, chosen to be in the right order of magnitude, not exact.

/// One assumed size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Assumption {
    /// What is assumed, as shown to the user.
    pub what: &'static str,
    /// Unpacked bytes.
    pub bytes: u64,
    /// Gzip bytes per unpacked byte.
    pub ratio: f64,
}

impl Assumption {
    pub fn compressed(&self) -> u64 {
        (self.bytes as f64 * self.ratio) as u64
    }

    pub fn note(&self) -> String {
        format!(
            "assumed: {} ({} unpacked)",
            self.what,
            crate::sim::human_bytes(self.bytes)
        )
    }
}

const MB: u64 = 1_000_000;

/// Gzip ratio of text (source, JSON, scripts): text compresses 3–5×.
pub const RATIO_TEXT: f64 = 0.3;
/// Gzip ratio of binaries and mixed OS content: 2.6–2.8× measured on
/// debian:bookworm-slim and python:3.12-slim (layers.md §6.1).
pub const RATIO_BINARY: f64 = 0.37;
/// Already-compressed content (archives, jars, wheels): about 1×.
pub const RATIO_PACKED: f64 = 0.98;

/// A file fetched with curl/wget or `ADD <url>` whose size is not given.
pub const DOWNLOAD: Assumption = Assumption {
    what: "a downloaded file of unknown size",
    bytes: 10 * MB,
    ratio: RATIO_PACKED,
};

/// Unpacked bytes per archive byte when extracting (gzip'd tarballs of
/// binaries and sources typically expand 2.5–4×).
pub const EXTRACT_FACTOR: f64 = 3.0;

/// `npm ci`/`npm install`/`yarn` of a project whose lockfile we cannot
/// read: a small web service's `node_modules`.
pub const NODE_MODULES: Assumption = Assumption {
    what: "node_modules of a small project",
    bytes: 150 * MB,
    ratio: RATIO_TEXT,
};

/// npm's `_cacache` holds the tarballs of what was installed: roughly a
/// third of the unpacked tree, already compressed.
pub const NPM_CACHE_SHARE: f64 = 0.35;

/// `pip install -r requirements.txt` whose contents we cannot read.
pub const PIP_REQUIREMENTS: Assumption = Assumption {
    what: "site-packages of a requirements file",
    bytes: 80 * MB,
    ratio: RATIO_BINARY,
};

/// pip's download cache holds the wheels: about a third of the installed
/// size (numpy's 16.9 MB wheel installs to ~70 MB, layers.md §6.3).
pub const PIP_CACHE_SHARE: f64 = 0.3;

/// A Go binary from `go build` (a small service with its dependencies).
pub const GO_BINARY: Assumption = Assumption {
    what: "a Go binary",
    bytes: 15 * MB,
    ratio: 0.45,
};

/// Go's build cache after building a small service.
pub const GO_BUILD_CACHE: Assumption = Assumption {
    what: "Go build cache (/root/.cache/go-build)",
    bytes: 100 * MB,
    ratio: RATIO_BINARY,
};

/// Go's module cache after `go mod download` of a small service.
pub const GO_MODULES: Assumption = Assumption {
    what: "Go module cache (/go/pkg/mod)",
    bytes: 150 * MB,
    ratio: RATIO_TEXT,
};

/// Cargo's registry (sources and index) after fetching a small project's
/// dependencies.
pub const CARGO_REGISTRY: Assumption = Assumption {
    what: "cargo registry (/usr/local/cargo/registry)",
    bytes: 150 * MB,
    ratio: RATIO_TEXT,
};

/// Dependencies of a project whose manifest we cannot read (bundler,
/// composer, NuGet...).
pub const PROJECT_DEPS: Assumption = Assumption {
    what: "a project's dependencies",
    bytes: 60 * MB,
    ratio: RATIO_BINARY,
};

/// `mvn package` / `gradle build`: the local repository of a Spring-style
/// service, plus the jar it produces.
pub const JVM_REPOSITORY: Assumption = Assumption {
    what: "Maven/Gradle dependency cache (~/.m2, ~/.gradle)",
    bytes: 200 * MB,
    ratio: RATIO_PACKED,
};

pub const JAR: Assumption = Assumption {
    what: "a built application jar",
    bytes: 30 * MB,
    ratio: RATIO_PACKED,
};

/// `cargo build --release`: the target directory (debug info, deps).
pub const CARGO_TARGET: Assumption = Assumption {
    what: "cargo target directory",
    bytes: 400 * MB,
    ratio: RATIO_BINARY,
};

/// `npm run build` and similar front-end builds.
pub const WEB_BUILD: Assumption = Assumption {
    what: "a front-end build output",
    bytes: 5 * MB,
    ratio: RATIO_TEXT,
};

/// `make`/`cmake`/`configure && make install` of an unknown project.
pub const NATIVE_BUILD: Assumption = Assumption {
    what: "a native build's objects and installed files",
    bytes: 50 * MB,
    ratio: RATIO_BINARY,
};

/// Other builds (`dotnet publish`, `cargo build` debug, ...).
pub const OTHER_BUILD: Assumption = Assumption {
    what: "build output of an unknown tool",
    bytes: 20 * MB,
    ratio: RATIO_BINARY,
};

/// `python -m venv`: the interpreter links plus pip and its vendored
/// packages (~18 MB for pip 24 on CPython 3.12).
pub const VENV: Assumption = Assumption {
    what: "a new virtualenv with pip",
    bytes: 18 * MB,
    ratio: RATIO_TEXT,
};

/// A `git clone` of an unknown repository.
pub const GIT_CLONE: Assumption = Assumption {
    what: "a cloned repository",
    bytes: 20 * MB,
    ratio: 0.8,
};

/// A base image the catalog does not know.
pub const UNKNOWN_BASE: Assumption = Assumption {
    what: "an unknown base image",
    bytes: 0,
    ratio: RATIO_BINARY,
};

/// Debian's package lists after `apt-get update` on an official Debian
/// image, which keeps them lz4-compressed (docker-gzip-indexes): bookworm
/// main + security measured at 19.8 MB (layers.md §6.2). Trixie's index has
/// 8% more packages; scaled accordingly.
pub const APT_LISTS_BOOKWORM: u64 = 19_810_000;
pub const APT_LISTS_TRIXIE: u64 = 21_400_000;
/// Ubuntu images keep lists uncompressed (no docker-gzip-indexes); not
/// measured here, so an estimate from Debian's 53 MB uncompressed main.
pub const APT_LISTS_UBUNTU: Assumption = Assumption {
    what: "Ubuntu package lists (uncompressed)",
    bytes: 45 * MB,
    ratio: 0.25,
};
/// lz4-compressed lists recompress a little under gzip.
pub const RATIO_LZ4_LISTS: f64 = 0.8;

/// Alpine's index in `/var/cache/apk` after `apk update` or `apk add`
/// without `--no-cache` (two APKINDEX.tar.gz, main and community).
pub const APK_INDEX: Assumption = Assumption {
    what: "Alpine APKINDEX files",
    bytes: 2_600_000,
    ratio: RATIO_PACKED,
};

/// dpkg bookkeeping per installed package, measured on a 707-package
/// Debian system (layers.md §6.2): `/var/lib/dpkg/status` 628 KB,
/// `/var/lib/dpkg/info` ~40 KB per package, `/var/log/dpkg.log` 364 KB,
/// `/var/cache/debconf/templates.dat` 1.0 MB.
pub const DPKG_STATUS_PER_PKG: u64 = 888;
pub const DPKG_INFO_PER_PKG: u64 = 40_000;
pub const DPKG_LOG_PER_PKG: u64 = 515;
pub const DEBCONF_PER_PKG: u64 = 1_450;

/// Rebuild time model (seconds), see `docs/simulation.md`: download at
/// 20 MB/s, write at 200 MB/s, plus a fixed cost per step and per package.
pub const NET_BYTES_PER_S: f64 = 20e6;
pub const DISK_BYTES_PER_S: f64 = 200e6;
pub const STEP_OVERHEAD_S: f64 = 0.3;
pub const APT_PER_PACKAGE_S: f64 = 0.15;
/// Compile times of the builds above, for the rebuild estimate.
pub const GO_BUILD_S: f64 = 40.0;
pub const JVM_BUILD_S: f64 = 90.0;
pub const CARGO_BUILD_S: f64 = 180.0;
pub const WEB_BUILD_S: f64 = 30.0;
pub const NATIVE_BUILD_S: f64 = 60.0;
