//! Base images: references as users write them in `FROM`, and the facts we
//! hold about each tag (layers, sizes, packages, config).

use std::collections::HashMap;
use std::fmt;

use serde::{Deserialize, Serialize};

/// A parsed image reference, normalised the way Docker does
/// (`docker.io/library/python` = `python`, no tag = `latest`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ImageRef {
    /// Registry host, `None` for Docker Hub.
    pub registry: Option<String>,
    /// Repository path without the Hub's `library/` prefix (`python`, `bitnami/redis`).
    pub repository: String,
    /// Tag (`latest` when none is written).
    pub tag: String,
    /// `sha256:…` when the reference pins a digest.
    pub digest: Option<String>,
}

/// A reference that cannot be an image name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefError(pub String);

impl fmt::Display for RefError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "not an image reference: {}", self.0)
    }
}

impl std::error::Error for RefError {}

/// `[registry/][path/]name[:tag][@digest]` split as written, nothing
/// normalised: the tag is after the last `:` that follows the last `/` (a
/// `:` before it is a registry port).
pub fn split_reference(s: &str) -> (&str, Option<&str>, Option<&str>) {
    let (name_tag, digest) = match s.split_once('@') {
        Some((n, d)) => (n, Some(d)),
        None => (s, None),
    };
    let slash = name_tag.rfind('/').map_or(0, |i| i + 1);
    match name_tag[slash..].rfind(':') {
        Some(i) => (
            &name_tag[..slash + i],
            Some(&name_tag[slash + i + 1..]),
            digest,
        ),
        None => (name_tag, None, digest),
    }
}

impl ImageRef {
    /// Parses `[registry/][path/]name[:tag][@digest]`.
    pub fn parse(s: &str) -> Result<ImageRef, RefError> {
        let s = s.trim();
        if s.is_empty() || s.contains(char::is_whitespace) || s.contains('$') {
            return Err(RefError(s.to_string()));
        }
        let (name, tag, digest) = split_reference(s);
        let digest = digest.map(str::to_string);
        if name.is_empty() || tag == Some("") {
            return Err(RefError(s.to_string()));
        }
        let mut parts: Vec<&str> = name.split('/').collect();
        let mut registry = None;
        if parts.len() > 1 {
            let first = parts[0];
            if first.contains('.') || first.contains(':') || first == "localhost" {
                registry = Some(first.to_ascii_lowercase());
                parts.remove(0);
            }
        }
        if matches!(
            registry.as_deref(),
            Some("docker.io" | "index.docker.io" | "registry-1.docker.io")
        ) {
            registry = None;
        }
        if registry.is_none() && parts.len() > 1 && parts[0] == "library" {
            parts.remove(0);
        }
        Ok(ImageRef {
            registry,
            repository: parts.join("/"),
            tag: tag.unwrap_or("latest").to_string(),
            digest,
        })
    }

    /// `repo:tag`, with the registry when it is not Docker Hub; the digest is
    /// left out (the catalog is keyed by tag).
    pub fn canonical(&self) -> String {
        match &self.registry {
            Some(r) => format!("{r}/{}:{}", self.repository, self.tag),
            None => format!("{}:{}", self.repository, self.tag),
        }
    }
}

impl fmt::Display for ImageRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.canonical())?;
        if let Some(d) = &self.digest {
            write!(f, "@{d}")?;
        }
        Ok(())
    }
}

/// The distribution an image is built on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Os {
    /// `debian`, `ubuntu`, `alpine`, `distroless`, `busybox`, `none`.
    pub id: String,
    /// Release number (`12`, `24.04`, `3.22`), empty when not applicable.
    #[serde(default)]
    pub version: String,
    /// Codename (`bookworm`, `noble`), empty when not applicable.
    #[serde(default)]
    pub codename: String,
}

/// One layer of a base image (amd64).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Layer {
    /// Compressed (gzip) size as pushed to the registry, from repo-info `remote/`.
    pub compressed_bytes: u64,
    /// Short description of the step that made it.
    #[serde(default)]
    pub created_by: String,
}

/// Image config a `FROM` inherits.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImageConfig {
    /// `ENV` as `KEY=value`.
    #[serde(default)]
    pub env: Vec<String>,
    /// `WORKDIR` (empty = `/`).
    #[serde(default)]
    pub workdir: String,
    /// `USER` (empty = root).
    #[serde(default)]
    pub user: String,
    /// `CMD`, exec form.
    #[serde(default)]
    pub cmd: Vec<String>,
    /// `ENTRYPOINT`, exec form.
    #[serde(default)]
    pub entrypoint: Vec<String>,
}

/// Everything we hold about one image tag (amd64).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Image {
    /// The canonical tag the figures were read for (`python:3.12-slim-trixie`).
    pub reference: String,
    /// Other tags pointing at the same image at `date` (from repo-info).
    #[serde(default)]
    pub aliases: Vec<String>,
    /// True when any figure is an estimate rather than read from the source.
    #[serde(default)]
    pub estimate: bool,
    /// What is estimated and from what.
    #[serde(default)]
    pub estimate_reason: String,
    /// Base distribution.
    pub os: Os,
    /// `apt`, `apk`, or empty when the image has none.
    #[serde(default)]
    pub package_manager: String,
    /// Layers, bottom first.
    #[serde(default)]
    pub layers: Vec<Layer>,
    /// Σ compressed layer sizes (repo-info "Total Size").
    pub compressed_bytes: u64,
    /// On-disk size (repo-info `local/` "Virtual Size"), or an estimate.
    pub unpacked_bytes: u64,
    /// True when `unpacked_bytes` is compressed × `unpacked_ratio`, not read.
    #[serde(default)]
    pub unpacked_estimated: bool,
    /// Where a read `unpacked_bytes` comes from (file, commit, and whether it
    /// is the same build as the layer sizes).
    #[serde(default)]
    pub unpacked_source: String,
    /// The ratio used for an estimated `unpacked_bytes`.
    #[serde(default)]
    pub unpacked_ratio: Option<f64>,
    /// Installed packages as `name=version`, when read from repo-info `local/`.
    #[serde(default)]
    pub packages: Option<Vec<String>>,
    /// True when `packages` was derived (see `note`), not read from repo-info.
    #[serde(default)]
    pub packages_derived: bool,
    /// When `packages` is absent: the image whose package list this one
    /// starts from…
    #[serde(default)]
    pub packages_from: Option<String>,
    /// …plus these explicitly installed packages (from its Dockerfile), whose
    /// closure is added at load. The result is marked derived.
    #[serde(default)]
    pub packages_added: Vec<String>,
    /// Inherited config.
    #[serde(default)]
    pub config: ImageConfig,
    /// Always `amd64`: other platforms are ignored.
    pub architecture: String,
    /// Build date of the figures (`YYYY-MM-DD`).
    pub date: String,
    /// Where the figures were read (`docker-library/repo-info repos/…md @commit`).
    pub source: Vec<String>,
    /// Free-form remarks.
    #[serde(default)]
    pub note: String,
}

impl Image {
    /// Per-layer on-disk sizes, apportioned from `unpacked_bytes` by
    /// compressed size (repo-info gives no per-layer on-disk figure, so these
    /// are always estimates).
    pub fn layer_unpacked_estimates(&self) -> Vec<u64> {
        let total = self.compressed_bytes.max(1) as u128;
        self.layers
            .iter()
            .map(|l| (l.compressed_bytes as u128 * self.unpacked_bytes as u128 / total) as u64)
            .collect()
    }

    /// The `ENV` value of `key`, if the image sets it.
    pub fn env(&self, key: &str) -> Option<&str> {
        self.config
            .env
            .iter()
            .rev()
            .find_map(|kv| kv.strip_prefix(key)?.strip_prefix('='))
    }
}

/// A tag we know to exist (or to have existed) but hold no figures for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnknownImage {
    /// The tag users paste.
    pub reference: String,
    /// Why we have no figures.
    pub reason: String,
    /// A maintained tag to use instead.
    #[serde(default)]
    pub suggest: Option<String>,
}

/// The contents of `data/images.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImageData {
    /// Provenance of the file as a whole.
    pub about: String,
    /// Images with figures.
    pub images: Vec<Image>,
    /// Known-unknown tags (deprecated images and the like).
    #[serde(default)]
    pub unknown: Vec<UnknownImage>,
}

/// What a `FROM` reference resolves to.
#[derive(Debug, Clone, PartialEq)]
pub enum ImageLookup<'a> {
    /// `FROM scratch`: no layers, zero bytes.
    Scratch,
    /// An image we hold figures for (check `image.estimate`).
    Known {
        /// The figures.
        image: &'a Image,
        /// The normalised reference that was asked for.
        reference: ImageRef,
        /// True when the reference pinned a digest: figures are for the tag
        /// (or its alias) as of `image.date`, which may differ from the digest.
        digest_ignored: bool,
    },
    /// No figures: the simulator shows the base as unknown (user-settable size).
    Unknown {
        /// The normalised reference (None when it did not parse).
        reference: Option<ImageRef>,
        /// Why.
        reason: String,
        /// A tag we do know that is likely what was meant.
        suggest: Option<String>,
    },
}

/// Images by every name they answer to.
#[derive(Debug, Clone)]
pub struct ImageCatalog {
    data: ImageData,
    by_ref: HashMap<String, usize>,
    unknown: HashMap<String, usize>,
}

impl ImageCatalog {
    /// Loads `data/images.json`.
    pub fn from_json(text: &str) -> Result<ImageCatalog, serde_json::Error> {
        let data: ImageData = serde_json::from_str(text)?;
        Ok(ImageCatalog::new(data))
    }

    /// Indexes `data` by reference and alias (first entry wins on a clash).
    pub fn new(data: ImageData) -> ImageCatalog {
        let mut by_ref = HashMap::new();
        for (i, img) in data.images.iter().enumerate() {
            for r in std::iter::once(&img.reference).chain(&img.aliases) {
                if let Ok(r) = ImageRef::parse(r) {
                    by_ref.entry(r.canonical()).or_insert(i);
                }
            }
        }
        let mut unknown = HashMap::new();
        for (i, u) in data.unknown.iter().enumerate() {
            if let Ok(r) = ImageRef::parse(&u.reference) {
                unknown.entry(r.canonical()).or_insert(i);
            }
        }
        ImageCatalog {
            data,
            by_ref,
            unknown,
        }
    }

    /// Every image with figures.
    pub fn images(&self) -> &[Image] {
        &self.data.images
    }

    /// The file's provenance line.
    pub fn about(&self) -> &str {
        &self.data.about
    }

    /// The image a canonical `repo:tag` names, if held.
    pub fn get(&self, canonical: &str) -> Option<&Image> {
        self.by_ref.get(canonical).map(|&i| &self.data.images[i])
    }

    /// Resolves a `FROM` reference.
    /// The known-unknown entry for `reference` (a deprecated, end-of-life or
    /// never-published tag), if the data lists it.
    pub fn retired(&self, reference: &str) -> Option<&UnknownImage> {
        let key = ImageRef::parse(reference).ok()?.canonical();
        self.unknown.get(&key).map(|&i| &self.data.unknown[i])
    }

    pub fn lookup(&self, reference: &str) -> ImageLookup<'_> {
        if reference.trim() == "scratch" {
            return ImageLookup::Scratch;
        }
        let r = match ImageRef::parse(reference) {
            Ok(r) => r,
            Err(e) => {
                return ImageLookup::Unknown {
                    reference: None,
                    reason: e.to_string(),
                    suggest: None,
                };
            }
        };
        let key = r.canonical();
        if let Some(&i) = self.by_ref.get(&key) {
            let digest_ignored = r.digest.is_some();
            return ImageLookup::Known {
                image: &self.data.images[i],
                reference: r,
                digest_ignored,
            };
        }
        if let Some(&i) = self.unknown.get(&key) {
            let u = &self.data.unknown[i];
            return ImageLookup::Unknown {
                reference: Some(r),
                reason: u.reason.clone(),
                suggest: u.suggest.clone(),
            };
        }
        // Same repository, other tag: suggest the repository's first entry
        // (the data lists the most common tag of each repository first).
        let prefix = format!("{}:", key.rsplit_once(':').map_or(key.as_str(), |p| p.0));
        let suggest = self
            .data
            .images
            .iter()
            .find(|i| i.reference.starts_with(&prefix))
            .map(|i| i.reference.clone());
        let reason = if suggest.is_some() {
            format!("no figures for the tag {}", r.tag)
        } else {
            "image not in the catalog".to_string()
        };
        ImageLookup::Unknown {
            reference: Some(r),
            reason,
            suggest,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> ImageRef {
        ImageRef::parse(s).unwrap()
    }

    #[test]
    fn normalises_hub_references() {
        assert_eq!(p("python").canonical(), "python:latest");
        assert_eq!(
            p("docker.io/library/python:3.12").canonical(),
            "python:3.12"
        );
        assert_eq!(p("index.docker.io/library/node:22").canonical(), "node:22");
        assert_eq!(p("library/alpine:3.22").canonical(), "alpine:3.22");
        assert_eq!(p("bitnami/redis:7").canonical(), "bitnami/redis:7");
    }

    #[test]
    fn registries_ports_and_digests() {
        let r = p("gcr.io/distroless/static-debian12");
        assert_eq!(r.registry.as_deref(), Some("gcr.io"));
        assert_eq!(r.canonical(), "gcr.io/distroless/static-debian12:latest");
        let r = p("localhost:5000/app:1.0");
        assert_eq!(r.registry.as_deref(), Some("localhost:5000"));
        assert_eq!(r.tag, "1.0");
        let r = p("python:3.12@sha256:abc");
        assert_eq!(r.tag, "3.12");
        assert_eq!(r.digest.as_deref(), Some("sha256:abc"));
        assert_eq!(r.to_string(), "python:3.12@sha256:abc");
        assert_eq!(p("python@sha256:abc").tag, "latest");
    }

    #[test]
    fn rejects_non_references() {
        for s in ["", "python:", "$BASE", "a b"] {
            assert!(ImageRef::parse(s).is_err(), "{s}");
        }
    }
}
