//! How many gzip bytes an `apt-get install` adds to a layer blob: the
//! constants of `data/compression.json`, measured on real `.deb` files by
//! `scripts/data/calibrate_compression.py` (the method and its error are in
//! `data/README.md`, "Compressed layer size").

use serde::Deserialize;

use super::Suite;

#[derive(Debug, Clone, PartialEq, Deserialize)]
struct File {
    model: CompressionModel,
    date: String,
}

/// The fitted constants (names as in the JSON file).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct CompressionModel {
    pub gzip_per_deb_byte: f64,
    pub gzip_per_installed_byte: f64,
    pub slim_gzip_per_deb_byte: f64,
    pub slim_gzip_per_installed_byte: f64,
    /// A package's `/var/lib/dpkg/info` files and log lines, gzipped.
    pub per_package_bytes: u64,
    /// dpkg's `status` (and `status-old`), gzipped, per installed package.
    pub status_bytes_per_installed_package: u64,
    /// `ld.so.cache`, apt and dpkg logs, debconf's databases.
    pub fixed_bytes: u64,
    /// A layer of bare directory entries, when apt adds nothing.
    pub empty_install_bytes: u64,
    /// `/var/lib/apt/lists` after `apt-get update`, gzipped.
    pub apt_lists_bytes: AptLists,
    /// Measurement date of the file.
    #[serde(skip)]
    pub date: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct AptLists {
    pub bookworm: u64,
    pub trixie: u64,
}

impl CompressionModel {
    pub fn from_json(text: &str) -> Result<CompressionModel, serde_json::Error> {
        let file: File = serde_json::from_str(text)?;
        Ok(CompressionModel {
            date: file.date,
            ..file.model
        })
    }

    /// Gzip bytes of one package's files. On a `-slim` base, dpkg skips
    /// documentation, man pages and translations, so documentation-only
    /// packages count nothing there.
    pub fn package_gzip(
        &self,
        name: &str,
        deb_bytes: u64,
        installed_bytes: u64,
        slim: bool,
    ) -> u64 {
        let (a, b) = if slim {
            if ["-doc", "-l10n", "-man"].iter().any(|s| name.ends_with(s)) {
                return 0;
            }
            (
                self.slim_gzip_per_deb_byte,
                self.slim_gzip_per_installed_byte,
            )
        } else {
            (self.gzip_per_deb_byte, self.gzip_per_installed_byte)
        };
        (a * deb_bytes as f64 + b * installed_bytes as f64).round() as u64
    }

    /// Gzip bytes of the package lists `apt-get update` leaves.
    pub fn apt_lists(&self, suite: Suite) -> u64 {
        match suite {
            Suite::Bookworm => self.apt_lists_bytes.bookworm,
            Suite::Trixie => self.apt_lists_bytes.trixie,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_model_loads_and_is_plausible() {
        let m =
            CompressionModel::from_json(include_str!("../../../../data/compression.json")).unwrap();
        // A typical library: gzip is above the xz-compressed .deb.
        let gz = m.package_gzip("libfoo1", 1_000_000, 3_000_000, false);
        assert!(gz > 1_000_000 && gz < 3_000_000, "{gz}");
        assert_eq!(m.package_gzip("foo-doc", 1_000_000, 3_000_000, true), 0);
        assert!(m.apt_lists(Suite::Trixie) > m.apt_lists(Suite::Bookworm));
    }
}
