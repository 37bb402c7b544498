//! `cargo +nightly fuzz run parse` (from `crate/`): arbitrary bytes through
//! the Dockerfile parser. The invariants are the ones the property tests in
//! `tests/parser_props.rs` check: no panic, lossless printing, and every
//! span, line and column inside the text.
//!
//! Without cargo-fuzz, the same build by hand (from `crate/fuzz/`):
//!
//! ```sh
//! RUSTFLAGS="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
//!   -Cllvm-args=-sanitizer-coverage-inline-8bit-counters \
//!   -Cllvm-args=-sanitizer-coverage-pc-table \
//!   -Cllvm-args=-sanitizer-coverage-trace-compares --cfg fuzzing -Cdebug-assertions" \
//!   cargo +nightly build --release --target x86_64-unknown-linux-gnu
//! target/x86_64-unknown-linux-gnu/release/parse CORPUS_DIR -max_len=4096
//! ```

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    layerlab::syntax::check_invariants_bytes(data);
    if let Ok(text) = std::str::from_utf8(data) {
        layerlab::syntax::check_invariants(text);
    }
});
