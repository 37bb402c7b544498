//! What a stage starts from: the base image's layers from the catalog, the
//! package set it has installed, and the handful of files later steps are
//! known to rewrite (dpkg's status, `/etc/passwd`), so that rewriting them
//! shows up as the copy-up it is.

use super::assume;
use super::catalog::{Catalog, ImageLookup, Installed, Suite};
use super::hash::hash_strs;
use super::vfs::{Entry, Tree};

/// Which package manager family the image uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    Apt,
    Apk,
    Other,
}

/// One layer of the base image as the catalog publishes it.
#[derive(Debug, Clone, PartialEq)]
pub struct BaseLayer {
    pub created_by: String,
    /// Unpacked bytes (apportioned from the image's on-disk size).
    pub size: u64,
    /// Compressed bytes as the registry reports them.
    pub compressed: u64,
    /// True when `size` is an estimate (always apportioned) or the image is
    /// unknown.
    pub estimate: bool,
}

/// Everything the simulation needs to know about a `FROM` image.
#[derive(Debug, Clone, PartialEq)]
pub struct BaseImage {
    /// The reference as resolved (`python:3.12-slim-trixie`).
    pub reference: String,
    /// False for an image the catalog has no figures for.
    pub known: bool,
    pub layers: Vec<BaseLayer>,
    pub family: Family,
    /// The Debian suite whose index sizes apt installs, and whether that is
    /// only an equivalent (Ubuntu, Alpine).
    pub suite: Option<Suite>,
    pub suite_is_equivalent: bool,
    pub installed: Installed,
    /// ENV of the image config, `KEY=value`.
    pub env: Vec<String>,
    pub workdir: String,
    pub user: String,
    /// Why figures are missing or approximate.
    pub note: Option<String>,
    /// Date and source of the figures.
    pub source: Option<String>,
    /// Built on a Debian `-slim` image (dpkg skips docs, man pages and
    /// translations there), by its name or the image its packages come from.
    pub slim: bool,
}

impl BaseImage {
    /// Resolves `reference` in the catalog. `unknown_size` is what the user
    /// set for images the catalog does not know (0 when unset).
    pub fn lookup(catalog: &Catalog, reference: &str, unknown_size: u64) -> BaseImage {
        let mut base = BaseImage {
            reference: reference.to_string(),
            known: false,
            layers: Vec::new(),
            family: Family::Other,
            suite: None,
            suite_is_equivalent: false,
            installed: Installed::new(),
            env: Vec::new(),
            workdir: String::new(),
            user: String::new(),
            note: None,
            source: None,
            slim: reference.contains("slim"),
        };
        match catalog.lookup_image(reference) {
            ImageLookup::Scratch => {
                base.known = true;
                base.reference = "scratch".into();
            }
            ImageLookup::Unknown {
                reason, suggest, ..
            } => {
                let mut note = format!("unknown image: {reason}");
                if let Some(s) = suggest {
                    note.push_str(&format!(" (the catalog knows {s})"));
                }
                base.note = Some(note);
                base.family = guess_family(reference);
                base.layers.push(BaseLayer {
                    created_by: format!("{reference} (size not known; set it)"),
                    size: unknown_size,
                    compressed: (unknown_size as f64 * assume::UNKNOWN_BASE.ratio) as u64,
                    estimate: true,
                });
            }
            ImageLookup::Known { image, .. } => {
                base.known = true;
                base.reference = image.reference.clone();
                base.slim = is_slim(image);
                let unpacked = image.layer_unpacked_estimates();
                base.layers = image
                    .layers
                    .iter()
                    .zip(unpacked)
                    .map(|(l, size)| BaseLayer {
                        created_by: l.created_by.clone(),
                        size,
                        compressed: l.compressed_bytes,
                        estimate: true,
                    })
                    .collect();
                base.family = match image.package_manager.as_str() {
                    "apt" => Family::Apt,
                    "apk" => Family::Apk,
                    _ => Family::Other,
                };
                if let Some(installed) = catalog.installed_packages(image) {
                    base.installed = installed.installed;
                }
                base.suite = catalog.suite_of(image);
                if base.suite.is_none() && base.family != Family::Other {
                    // Ubuntu and Alpine archives are not in our data: size
                    // their packages by the Debian equivalent.
                    base.suite = Some(Suite::Bookworm);
                    base.suite_is_equivalent = true;
                }
                base.env = image.config.env.clone();
                base.workdir = image.config.workdir.clone();
                base.user = image.config.user.clone();
                base.source = Some(format!("{} ({})", image.source.join("; "), image.date));
                if image.estimate {
                    base.note = Some(image.estimate_reason.clone());
                }
            }
        }
        base
    }

    /// The merged filesystem of the base: one bundle per layer, plus the
    /// bookkeeping files later steps rewrite (carved out of the first layer's
    /// bytes, so the total stays the published one).
    pub fn tree(&self) -> Tree {
        let mut tree = Tree::default();
        if self.layers.is_empty() {
            return tree;
        }
        for dir in [
            "/etc",
            "/tmp",
            "/root",
            "/var",
            "/var/lib",
            "/var/cache",
            "/var/log",
        ] {
            tree.insert(dir.into(), Entry::dir());
        }
        let n = self.installed.len() as u64;
        let mut known: Vec<(&str, u64)> = vec![
            ("/etc/passwd", 900),
            ("/etc/group", 450),
            ("/etc/shadow", 500),
        ];
        match self.family {
            Family::Apt => {
                for dir in [
                    "/var/lib/dpkg",
                    "/var/lib/apt",
                    "/var/lib/apt/lists",
                    "/var/cache/debconf",
                    "/var/cache/apt",
                ] {
                    tree.insert(dir.into(), Entry::dir());
                }
                known.extend([
                    ("/etc/gshadow", 380),
                    ("/var/lib/dpkg/status", n * assume::DPKG_STATUS_PER_PKG),
                    ("/var/log/dpkg.log", n * assume::DPKG_LOG_PER_PKG),
                    (
                        "/var/cache/debconf/templates.dat",
                        n * assume::DEBCONF_PER_PKG,
                    ),
                ]);
            }
            Family::Apk => {
                for dir in ["/lib", "/lib/apk", "/lib/apk/db", "/var/cache/apk"] {
                    tree.insert(dir.into(), Entry::dir());
                }
                known.push(("/lib/apk/db/installed", n.max(15) * 1_100));
            }
            Family::Other => {}
        }
        let mut carved = 0;
        if !self.layers.is_empty() && self.layers[0].size > 0 {
            for (path, size) in &known {
                let content = hash_strs(["base", &self.reference, path]);
                let entry = Entry::file(*size, (*size as f64 * assume::RATIO_TEXT) as u64, content)
                    .with_estimate(true);
                tree.insert((*path).to_string(), entry);
                carved += size;
            }
        }
        tree.insert("/(base)".into(), Entry::dir());
        for (i, layer) in self.layers.iter().enumerate() {
            let size = if i == 0 {
                layer.size.saturating_sub(carved)
            } else {
                layer.size
            };
            let path = format!("/(base)/layer {}", i + 1);
            let note = format!("{}: {}", self.reference, layer.created_by);
            let content = hash_strs(["base", &self.reference, &path]);
            let entry =
                Entry::bundle(size, layer.compressed, content, note).with_estimate(layer.estimate);
            tree.insert(path, entry);
        }
        tree
    }

    /// The image's ENV value for `key`.
    pub fn env(&self, key: &str) -> Option<&str> {
        self.env
            .iter()
            .rev()
            .find_map(|kv| kv.strip_prefix(key)?.strip_prefix('='))
    }

    pub fn compressed(&self) -> u64 {
        self.layers.iter().map(|l| l.compressed).sum()
    }

    pub fn size(&self) -> u64 {
        self.layers.iter().map(|l| l.size).sum()
    }
}

/// Whether `image` is a Debian `-slim` variant (or built on one, which the
/// official images say in their tag: `python:3.12-slim`). The image its
/// package list is derived from does not count: `debian:bookworm` derives
/// its list from `-slim` but installs documentation.
fn is_slim(image: &super::catalog::Image) -> bool {
    image.reference.contains("slim") || image.aliases.iter().any(|a| a.contains("slim"))
}

/// For an image the catalog does not know: the package manager its name
/// suggests, so `apk add` on `myorg/app:alpine` is still understood.
fn guess_family(reference: &str) -> Family {
    let r = reference.to_ascii_lowercase();
    if r.contains("alpine") {
        Family::Apk
    } else if [
        "debian", "ubuntu", "bookworm", "trixie", "bullseye", "slim", "jammy", "noble",
    ]
    .iter()
    .any(|w| r.contains(w))
    {
        Family::Apt
    } else {
        Family::Other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_image_has_published_layers_and_packages() {
        let b = BaseImage::lookup(Catalog::builtin_web(), "debian:bookworm-slim", 0);
        assert!(b.known);
        assert_eq!(b.layers.len(), 1);
        assert_eq!(b.compressed(), 28_232_590);
        assert_eq!(b.family, Family::Apt);
        assert!(b.installed.contains("dpkg"));
        let t = b.tree();
        // Carving the bookkeeping files out keeps the published total.
        let total: u64 = t.iter().map(|(_, e)| e.size).sum();
        assert_eq!(total, b.size());
        assert!(t.get("/var/lib/dpkg/status").is_some());
    }

    #[test]
    fn unknown_image_is_marked_and_sized_by_the_user() {
        let b = BaseImage::lookup(Catalog::builtin_web(), "example.com/team/base:1", 5_000);
        assert!(!b.known);
        assert!(b.note.as_deref().unwrap().starts_with("unknown image"));
        assert_eq!(b.size(), 5_000);
        assert!(b.layers[0].estimate);
    }

    #[test]
    fn scratch_is_empty() {
        let b = BaseImage::lookup(Catalog::builtin_web(), "scratch", 0);
        assert!(b.known && b.layers.is_empty());
    }
}
