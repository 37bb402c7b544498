//! The data files compiled into the binary. Paths are relative to this file:
//! the data lives in the repository's `data/` directory, owned with the
//! scripts that regenerate it (`scripts/data/`).
//!
//! The web and full catalogs are separate functions on purpose: the full
//! indexes (4.4 MB of Debian and 0.15 MB of npm, gzipped) are referenced
//! only from [`full`], so a build that never calls it (the wasm app) does
//! not link them.

use std::sync::OnceLock;

use super::{
    Catalog, CompressionModel, DebianIndex, Ecosystem, ImageCatalog, LangIndex, MeasuredSizes,
    Suite,
};

const IMAGES_JSON: &str = include_str!("../../../../data/images.json");

fn images() -> ImageCatalog {
    // The embedded files are checked by the tests, so a parse failure here is
    // a build defect, not a user error.
    ImageCatalog::from_json(IMAGES_JSON).expect("data/images.json parses")
}

/// Per-package sizes measured on the `.deb` files (both catalogs: the
/// tables are small and name only packages of the web subsets).
trait IntoMeasured {
    fn into_measured(self) -> Catalog;
}

impl IntoMeasured for Catalog {
    fn into_measured(self) -> Catalog {
        measured(self)
    }
}

fn measured(catalog: Catalog) -> Catalog {
    let parse = |text| MeasuredSizes::parse(text).expect("embedded measured sizes parse");
    catalog
        .with_measured(
            Suite::Bookworm,
            parse(include_str!(
                "../../../../data/debian/bookworm-amd64.gz.tsv"
            )),
        )
        .with_measured(
            Suite::Trixie,
            parse(include_str!("../../../../data/debian/trixie-amd64.gz.tsv")),
        )
}

fn compression() -> CompressionModel {
    CompressionModel::from_json(include_str!("../../../../data/compression.json"))
        .expect("data/compression.json parses")
}

/// The PyPI index, plain text in both catalogs: at ~46 KB a web subset
/// would save nothing worth its complexity.
fn pypi() -> LangIndex {
    LangIndex::parse(Ecosystem::PyPI, include_str!("../../../../data/pypi.pkgs"))
        .expect("embedded PyPI index parses")
}

pub(super) fn web() -> &'static Catalog {
    static WEB: OnceLock<Catalog> = OnceLock::new();
    WEB.get_or_init(|| {
        let parse = |text| DebianIndex::parse(text).expect("embedded web index parses");
        let npm = LangIndex::parse(
            Ecosystem::Npm,
            include_str!("../../../../data/npm.web.pkgs"),
        )
        .expect("embedded npm web index parses");
        Catalog::new(
            images(),
            vec![
                (
                    Suite::Bookworm,
                    parse(include_str!(
                        "../../../../data/debian/bookworm-amd64.web.pkgs"
                    )),
                ),
                (
                    Suite::Trixie,
                    parse(include_str!(
                        "../../../../data/debian/trixie-amd64.web.pkgs"
                    )),
                ),
            ],
        )
        .with_lang(pypi())
        .with_lang(npm)
        .with_compression(compression())
        .into_measured()
    })
}

pub(super) fn full() -> &'static Catalog {
    static FULL: OnceLock<Catalog> = OnceLock::new();
    FULL.get_or_init(|| {
        let inflate = |gz| DebianIndex::from_gzip(gz).expect("embedded full index parses");
        let npm = LangIndex::from_gzip(
            Ecosystem::Npm,
            include_bytes!("../../../../data/npm.pkgs.gz"),
        )
        .expect("embedded npm index parses");
        Catalog::new(
            images(),
            vec![
                (
                    Suite::Bookworm,
                    inflate(include_bytes!(
                        "../../../../data/debian/bookworm-amd64.pkgs.gz"
                    )),
                ),
                (
                    Suite::Trixie,
                    inflate(include_bytes!(
                        "../../../../data/debian/trixie-amd64.pkgs.gz"
                    )),
                ),
            ],
        )
        .with_lang(pypi())
        .with_lang(npm)
        .with_compression(compression())
        .into_measured()
    })
}
