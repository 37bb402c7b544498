//! The output formats of `layerlab lint`, one file each. Every format
//! renders the same thing: each file's name and source, and its findings.
//! The tty format, which prints source lines, stays in the CLI.

pub mod checkstyle;
pub mod codeclimate;
pub mod github;
pub mod gitlab;
pub mod json;
pub mod sarif;

use super::finding::Finding;
use super::rule::Severity;

/// One linted file.
#[derive(Debug, Clone, Copy)]
pub struct FileFindings<'a> {
    /// As it should appear in the report.
    pub file: &'a str,
    pub source: &'a str,
    pub findings: &'a [Finding],
}

/// 64-bit FNV-1a: small, stable across runs and platforms, enough for
/// fingerprints that only need to tell findings apart.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        hash ^= u64::from(*b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// A finding's fingerprint: its file, rule, line and message, hashed.
pub fn fingerprint(file: &str, f: &Finding) -> String {
    let key = format!("{file}\0{}\0{}\0{}", f.rule, f.line, f.message);
    format!("{:016x}", fnv1a64(key.as_bytes()))
}

/// Code Climate's (and GitLab's) severity for ours.
pub fn codeclimate_severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "critical",
        Severity::Warning => "major",
        Severity::Info => "minor",
        Severity::Style => "info",
    }
}

/// The character offset (not byte) of byte `offset` in `source`.
pub(crate) fn char_offset(source: &str, offset: usize) -> usize {
    let mut end = offset.min(source.len());
    while !source.is_char_boundary(end) {
        end -= 1;
    }
    source[..end].chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv_known_values() {
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    fn char_offsets() {
        assert_eq!(char_offset("héllo", 3), 2);
        assert_eq!(char_offset("héllo", 2), 1);
        assert_eq!(char_offset("ab", 10), 2);
    }
}
