//! The size data the simulator rests on, and the queries over it.
//!
//! - [`ImageCatalog`]: official base images (amd64) with per-layer
//!   compressed sizes, on-disk size, OS, package manager, installed packages
//!   and inherited config, read from docker-library/repo-info
//!   (`data/images.json`).
//! - [`DebianIndex`]: trimmed Debian `Packages` indexes for bookworm and
//!   trixie (`data/debian/`), and [`DebianIndex::closure`], an apt-like
//!   resolver.
//! - [`LangIndex`]: the most used PyPI and npm packages with their
//!   installed and download sizes and dependencies (`data/pypi.pkgs`,
//!   `data/npm.pkgs`), and [`LangIndex::closure`].
//! - [`Catalog`]: all of them together, answering "what does
//!   `apt-get install --no-install-recommends X` add on top of image Y" and
//!   "what does `pip install X` / `npm install X` add".
//!
//! Every figure carries its source and date; figures that are estimates say
//! so (`Image::estimate`, `Image::unpacked_estimated`,
//! `Closure::unresolved`, `BaseInstalled::derived`,
//! `LangPackage::installed_estimated`, `LangClosure::unknown`). Nothing is
//! fetched at run time.

mod builtin;
mod closure;
mod compression;
mod debian;
mod gzip;
mod image;
mod lang;
mod measured;
mod tsv;

use std::fmt;

pub use closure::{AddedPackage, Closure, InstallRequest, Installed, Reason};
pub use compression::{AptLists, CompressionModel};
pub use debian::{DebianIndex, IndexError, IndexSource, Package, Priority, Suite};
pub use image::{
    Image, ImageCatalog, ImageConfig, ImageData, ImageLookup, ImageRef, Layer, Os, RefError,
    UnknownImage, split_reference,
};
pub use lang::{Ecosystem, LangClosure, LangDep, LangIndex, LangPackage, LangSource};
pub use measured::{Measured, MeasuredSizes};

/// Images, Debian indexes and language package indexes.
#[derive(Debug, Clone)]
pub struct Catalog {
    /// Base images.
    pub images: ImageCatalog,
    debian: Vec<(Suite, DebianIndex)>,
    pypi: Option<LangIndex>,
    npm: Option<LangIndex>,
    compression: Option<CompressionModel>,
    measured: Vec<(Suite, MeasuredSizes)>,
}

/// The installed-package set of a base image, and how sure we are of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseInstalled {
    /// Package names.
    pub installed: Installed,
    /// True when the list was derived (base image's list + the apt closure of
    /// the packages its Dockerfile installs) rather than read from repo-info.
    pub derived: bool,
}

/// The answer to "what does this `apt-get install` add on this image".
#[derive(Debug, Clone, PartialEq)]
pub struct AptEstimate {
    /// The image's canonical reference.
    pub image: String,
    /// Debian suite whose index was used.
    pub suite: Suite,
    /// `source` header of that index (URL and Release date).
    pub index: IndexSource,
    /// Packages the base already has.
    pub base_packages: usize,
    /// True when the base's package list was derived, not read.
    pub base_derived: bool,
    /// The packages added and their sizes.
    pub closure: Closure,
}

/// Why a catalog query has no answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CatalogError {
    /// The image is not in the catalog (the simulator shows it as unknown).
    UnknownImage {
        /// What was asked.
        reference: String,
        /// Why.
        reason: String,
        /// A known tag that is likely what was meant.
        suggest: Option<String>,
    },
    /// `FROM scratch` has no package manager.
    Scratch,
    /// The image does not use apt, or its release has no shipped index.
    NoDebianIndex {
        /// The image.
        image: String,
        /// Its OS as `id version codename`.
        os: String,
    },
}

impl fmt::Display for CatalogError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CatalogError::UnknownImage {
                reference,
                reason,
                suggest,
            } => {
                write!(f, "unknown image {reference}: {reason}")?;
                if let Some(s) = suggest {
                    write!(f, " (try {s})")?;
                }
                Ok(())
            }
            CatalogError::Scratch => f.write_str("scratch has no package manager"),
            CatalogError::NoDebianIndex { image, os } => {
                write!(
                    f,
                    "{image} ({os}) has no Debian package index in the catalog"
                )
            }
        }
    }
}

impl std::error::Error for CatalogError {}

impl Catalog {
    /// A catalog over the given data, without language package indexes
    /// (add them with [`Catalog::with_lang`]).
    pub fn new(images: ImageCatalog, debian: Vec<(Suite, DebianIndex)>) -> Catalog {
        Catalog {
            images,
            debian,
            pypi: None,
            npm: None,
            compression: None,
            measured: Vec::new(),
        }
    }

    /// The same catalog with per-package measurements for `suite`.
    pub fn with_measured(mut self, suite: Suite, sizes: MeasuredSizes) -> Catalog {
        self.measured.push((suite, sizes));
        self
    }

    /// Measured sizes of `name` at `version` in `suite`, if measured.
    pub fn measured(&self, suite: Suite, name: &str, version: &str) -> Option<&Measured> {
        self.measured
            .iter()
            .find(|(s, _)| *s == suite)
            .and_then(|(_, m)| m.get(name, version))
    }

    /// The same catalog with `model` for the compressed size of apt layers.
    pub fn with_compression(mut self, model: CompressionModel) -> Catalog {
        self.compression = Some(model);
        self
    }

    /// The compressed-size model for apt layers, if loaded.
    pub fn compression(&self) -> Option<&CompressionModel> {
        self.compression.as_ref()
    }

    /// The same catalog with `index` as its index for `index.ecosystem`.
    pub fn with_lang(mut self, index: LangIndex) -> Catalog {
        match index.ecosystem {
            Ecosystem::PyPI => self.pypi = Some(index),
            Ecosystem::Npm => self.npm = Some(index),
        }
        self
    }

    /// The PyPI index, if loaded.
    pub fn pypi(&self) -> Option<&LangIndex> {
        self.pypi.as_ref()
    }

    /// The npm index, if loaded.
    pub fn npm(&self) -> Option<&LangIndex> {
        self.npm.as_ref()
    }

    /// The index for `ecosystem`, if loaded.
    pub fn lang(&self, ecosystem: Ecosystem) -> Option<&LangIndex> {
        match ecosystem {
            Ecosystem::PyPI => self.pypi(),
            Ecosystem::Npm => self.npm(),
        }
    }

    /// The catalog the web page uses: images plus the *web subset* of each
    /// Debian index (~4–5k packages per suite, embedded uncompressed; the web
    /// server compresses it on the wire), the whole PyPI index and the web
    /// subset of the npm index. Requests outside the subset come
    /// back with [`Closure::unknown`] or [`Closure::unresolved`] filled, never
    /// as silent zeros. Parsed once, then shared.
    pub fn builtin_web() -> &'static Catalog {
        builtin::web()
    }

    /// Images plus every package of `main` (~63–69k per suite, embedded
    /// gzipped, inflated on first use) and the whole PyPI and npm indexes:
    /// for the CLI and the tests. Unused by
    /// the web build, so the linker leaves its 4.4 MB out there.
    pub fn builtin_full() -> &'static Catalog {
        builtin::full()
    }

    /// The Debian index for `suite`, if loaded.
    pub fn debian(&self, suite: Suite) -> Option<&DebianIndex> {
        self.debian
            .iter()
            .find(|(s, _)| *s == suite)
            .map(|(_, i)| i)
    }

    /// Resolves a `FROM` reference (see [`ImageCatalog::lookup`]).
    pub fn lookup_image(&self, reference: &str) -> ImageLookup<'_> {
        self.images.lookup(reference)
    }

    /// The Debian suite an image's apt installs from, if we ship its index.
    pub fn suite_of(&self, image: &Image) -> Option<Suite> {
        if image.os.id != "debian" {
            return None;
        }
        Suite::from_codename(&image.os.codename).or_else(|| Suite::from_codename(&image.os.version))
    }

    /// The packages installed in `image`, read or derived.
    pub fn installed_packages(&self, image: &Image) -> Option<BaseInstalled> {
        self.installed_inner(image, 0)
    }

    fn installed_inner(&self, image: &Image, depth: u8) -> Option<BaseInstalled> {
        if let Some(list) = &image.packages {
            return Some(BaseInstalled {
                installed: Installed::from_names(list),
                derived: image.packages_derived,
            });
        }
        // Guard against alias cycles in hand-edited data.
        let from = self.images.get(image.packages_from.as_deref()?)?;
        if depth > 4 {
            return None;
        }
        let mut base = self.installed_inner(from, depth + 1)?;
        if !image.packages_added.is_empty() {
            let index = self.debian(self.suite_of(image)?)?;
            let req =
                InstallRequest::new(image.packages_added.iter().cloned()).no_install_recommends();
            for p in index.closure(&base.installed, &req).added {
                base.installed.insert(&p.name);
            }
        }
        base.derived = true;
        Some(base)
    }

    /// What `apt-get install [--no-install-recommends] PACKAGES` adds on top
    /// of `image_ref`, in bytes (Installed-Size sums, and `.deb` downloads).
    pub fn apt_install(
        &self,
        image_ref: &str,
        packages: &[&str],
        recommends: bool,
    ) -> Result<AptEstimate, CatalogError> {
        let image = match self.lookup_image(image_ref) {
            ImageLookup::Known { image, .. } => image,
            ImageLookup::Scratch => return Err(CatalogError::Scratch),
            ImageLookup::Unknown {
                reason, suggest, ..
            } => {
                return Err(CatalogError::UnknownImage {
                    reference: image_ref.to_string(),
                    reason,
                    suggest,
                });
            }
        };
        let no_index = || CatalogError::NoDebianIndex {
            image: image.reference.clone(),
            os: format!("{} {} {}", image.os.id, image.os.version, image.os.codename)
                .trim()
                .to_string(),
        };
        let suite = self.suite_of(image).ok_or_else(no_index)?;
        let index = self.debian(suite).ok_or_else(no_index)?;
        let base = self.installed_packages(image).ok_or_else(no_index)?;
        let mut req = InstallRequest::new(packages.iter().copied());
        req.recommends = recommends;
        let closure = index.closure(&base.installed, &req);
        Ok(AptEstimate {
            image: image.reference.clone(),
            suite,
            index: index.source.clone(),
            base_packages: base.installed.len(),
            base_derived: base.derived,
            closure,
        })
    }
}
