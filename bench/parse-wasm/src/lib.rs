//! Raw wasm exports for `bench.mjs`: the parser built as the playground
//! ships it (opt-level "z", LTO), without wasm-bindgen in the way.

use std::alloc::{Layout, alloc as raw_alloc};

/// Memory for `len` bytes of input, which the caller then fills.
#[unsafe(no_mangle)]
pub extern "C" fn alloc(len: usize) -> *mut u8 {
    // SAFETY: the layout is non-zero-sized and the block is leaked on purpose.
    unsafe { raw_alloc(Layout::from_size_align(len.max(1), 1).unwrap()) }
}

/// Parses `len` bytes at `ptr`; returns the instruction count.
#[unsafe(no_mangle)]
pub extern "C" fn parse(ptr: *const u8, len: usize) -> usize {
    // SAFETY: `ptr` came from `alloc(len)` and was filled by the caller.
    let bytes = unsafe { std::slice::from_raw_parts(ptr, len) };
    layerlab::syntax::parse_bytes(bytes).instructions.len()
}
