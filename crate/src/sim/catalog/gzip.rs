//! A one-member gzip reader for the embedded indexes.

use super::IndexError;

/// The deflate payload of a one-member gzip stream (RFC 1952), inflated.
/// Python's `gzip.compress` writes no optional header fields, but they are
/// skipped anyway so a hand-recompressed file still loads.
pub(super) fn gunzip(b: &[u8]) -> Result<Vec<u8>, IndexError> {
    let bad = |m: &str| IndexError(format!("gzip: {m}"));
    if b.len() < 18 || b[..3] != [0x1f, 0x8b, 8] {
        return Err(bad("not a gzip stream"));
    }
    let flags = b[3];
    let mut pos = 10;
    if flags & 4 != 0 {
        let xlen = b.get(pos..pos + 2).ok_or_else(|| bad("truncated header"))?;
        pos += 2 + u16::from_le_bytes([xlen[0], xlen[1]]) as usize;
    }
    for bit in [8u8, 16] {
        if flags & bit != 0 {
            let nul = b
                .get(pos..)
                .and_then(|r| r.iter().position(|&c| c == 0))
                .ok_or_else(|| bad("truncated header"))?;
            pos += nul + 1;
        }
    }
    if flags & 2 != 0 {
        pos += 2;
    }
    if pos + 8 > b.len() {
        return Err(bad("truncated header"));
    }
    miniz_oxide::inflate::decompress_to_vec(&b[pos..b.len() - 8])
        .map_err(|e| bad(&format!("{e:?}")))
}

/// The text of a gzip-compressed UTF-8 file.
pub(super) fn gunzip_text(b: &[u8]) -> Result<String, IndexError> {
    String::from_utf8(gunzip(b)?).map_err(|e| IndexError(e.to_string()))
}
