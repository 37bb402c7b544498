//! Per-package sizes measured on the real `.deb` files
//! (`data/debian/<suite>-amd64.gz.tsv`, written by
//! `scripts/data/debian_gzip_sizes.py`): the gzip bytes of the files dpkg
//! installs, with and without what `-slim` images exclude, and the `.pyc`
//! files the package's maintainer scripts compile at install time. Where a
//! package is measured, these replace the calibrated model of
//! [`super::CompressionModel`].

use std::collections::HashMap;

use super::IndexError;
use super::tsv::Line;

/// One measured package.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Measured {
    /// Gzip (level 6) bytes of a tar of the package's files.
    pub full_gz: u64,
    /// The same without the paths `-slim` images' dpkg skips.
    pub slim_gz: u64,
    /// Unpacked bytes kept on a `-slim` image.
    pub slim_bytes: u64,
    /// `.pyc` files compiled at install time, unpacked and gzipped.
    pub pyc_bytes: u64,
    pub pyc_gz: u64,
    /// The package's `/var/lib/dpkg/info` files, gzipped (0 when the table
    /// predates the column).
    pub info_gz: u64,
    /// debconf templates it registers, gzipped.
    pub debconf_gz: u64,
}

/// The measurements of one suite, by package name and version.
#[derive(Debug, Clone, Default)]
pub struct MeasuredSizes {
    by_name: HashMap<String, (String, Measured)>,
    /// The `#` header lines (source, date, method).
    pub header: Vec<String>,
}

impl MeasuredSizes {
    /// Parses the tab-separated table: `name version full_gz slim_gz
    /// slim_bytes pyc_bytes pyc_gz [info_gz debconf_gz]`, `#` lines as
    /// header.
    pub fn parse(text: &str) -> Result<MeasuredSizes, IndexError> {
        let mut out = MeasuredSizes::default();
        for line in super::tsv::lines(text) {
            let (n, f) = match line {
                Line::Header(h) => {
                    out.header.push(h.to_string());
                    continue;
                }
                Line::Row { line, fields } => (line, fields),
            };
            let num = |i: usize| -> Result<u64, IndexError> {
                f.get(i).and_then(|v| v.trim().parse().ok()).ok_or_else(|| {
                    IndexError(format!("line {n}: column {} is not a number", i + 1))
                })
            };
            if f.len() < 7 {
                return Err(IndexError(format!("line {n}: expected 7 columns")));
            }
            let m = Measured {
                full_gz: num(2)?,
                slim_gz: num(3)?,
                slim_bytes: num(4)?,
                pyc_bytes: num(5)?,
                pyc_gz: num(6)?,
                info_gz: if f.len() > 7 { num(7)? } else { 0 },
                debconf_gz: if f.len() > 8 { num(8)? } else { 0 },
            };
            out.by_name.insert(f[0].to_string(), (f[1].to_string(), m));
        }
        Ok(out)
    }

    /// The measurement of `name` at exactly `version` (another version was
    /// not measured, so it is not used).
    pub fn get(&self, name: &str, version: &str) -> Option<&Measured> {
        self.by_name
            .get(name)
            .filter(|(v, _)| v == version)
            .map(|(_, m)| m)
    }

    pub fn len(&self) -> usize {
        self.by_name.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_name.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_matches_versions_exactly() {
        let t = "# source: test\ncurl\t7.88.1-10\t200000\t150000\t300000\t0\t0\npy\t1.0\t10\t9\t20\t30\t8\n";
        let m = MeasuredSizes::parse(t).unwrap();
        assert_eq!(m.len(), 2);
        assert_eq!(m.header, vec!["source: test"]);
        assert_eq!(m.get("curl", "7.88.1-10").unwrap().slim_gz, 150_000);
        assert!(m.get("curl", "8.0").is_none());
        assert_eq!(m.get("py", "1.0").unwrap().pyc_gz, 8);
        let bad = MeasuredSizes::parse("x\t1\tnot\t1\t1\t1\t1\n").unwrap_err();
        assert!(bad.0.contains("line 1"), "{}", bad.0);
    }
}
