//! The data files compiled into the binary. Paths are relative to this file:
//! the data lives in the repository's `data/` directory, owned with the
//! scripts that regenerate it (`scripts/data/`).

use std::sync::OnceLock;

use super::{Catalog, DebianIndex, ImageCatalog, IndexSize, Suite};

const IMAGES_JSON: &str = include_str!("../../../../data/images.json");
const BOOKWORM_WEB: &str = include_str!("../../../../data/debian/bookworm-amd64.web.pkgs");
const TRIXIE_WEB: &str = include_str!("../../../../data/debian/trixie-amd64.web.pkgs");

fn full_gz(suite: Suite) -> &'static [u8] {
    // Only reachable from `IndexSize::Full`; a build that never asks for it
    // (the web app) lets the linker drop these bytes.
    match suite {
        Suite::Bookworm => include_bytes!("../../../../data/debian/bookworm-amd64.pkgs.gz"),
        Suite::Trixie => include_bytes!("../../../../data/debian/trixie-amd64.pkgs.gz"),
    }
}

fn load(size: IndexSize) -> Catalog {
    // The embedded files are checked by the tests, so a parse failure here is
    // a build defect, not a user error.
    let images = ImageCatalog::from_json(IMAGES_JSON).expect("data/images.json parses");
    let debian = Suite::ALL
        .iter()
        .map(|&s| {
            let idx = match size {
                IndexSize::Web => DebianIndex::parse(match s {
                    Suite::Bookworm => BOOKWORM_WEB,
                    Suite::Trixie => TRIXIE_WEB,
                }),
                IndexSize::Full => DebianIndex::from_gzip(full_gz(s)),
            };
            (s, idx.expect("embedded Debian index parses"))
        })
        .collect();
    Catalog::new(images, debian)
}

pub(super) fn catalog(size: IndexSize) -> &'static Catalog {
    static WEB: OnceLock<Catalog> = OnceLock::new();
    static FULL: OnceLock<Catalog> = OnceLock::new();
    match size {
        IndexSize::Web => WEB.get_or_init(|| load(IndexSize::Web)),
        IndexSize::Full => FULL.get_or_init(|| load(IndexSize::Full)),
    }
}
