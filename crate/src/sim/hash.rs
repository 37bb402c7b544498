//! Builder-style hashing for cache keys and content ids, over the stable
//! FNV-1a of [`super::context::digest`]: the same input gives the same value
//! on every platform and run, which std's `DefaultHasher` does not promise.

use super::context::Fnv64;

/// Chainable wrapper: `StableHasher::new().str("run").u64(parent).finish()`.
/// Strings are length-prefixed, so `("ab","c")` and `("a","bc")` differ.
#[derive(Debug, Clone, Copy, Default)]
pub struct StableHasher(Fnv64);

impl StableHasher {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn str(mut self, s: &str) -> Self {
        self.0.write_str(s);
        self
    }

    pub fn u64(mut self, v: u64) -> Self {
        self.0.write_u64(v);
        self
    }

    pub fn finish(self) -> u64 {
        self.0.finish()
    }
}

/// Hash of a list of strings.
pub fn hash_strs<'a>(parts: impl IntoIterator<Item = &'a str>) -> u64 {
    parts
        .into_iter()
        .fold(StableHasher::new(), StableHasher::str)
        .finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stable_and_field_separated() {
        assert_eq!(hash_strs(["a", "b"]), hash_strs(["a", "b"]));
        assert_ne!(hash_strs(["ab", "c"]), hash_strs(["a", "bc"]));
    }
}
