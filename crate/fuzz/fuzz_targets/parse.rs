//! `cargo +nightly fuzz run parse` (from `crate/`): arbitrary bytes through
//! the Dockerfile parser. The invariants are the ones the property tests in
//! `tests/parser_props.rs` check: no panic, lossless printing, and every
//! span, line and column inside the text.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    layerlab::syntax::check_invariants_bytes(data);
    if let Ok(text) = std::str::from_utf8(data) {
        layerlab::syntax::check_invariants(text);
    }
});
