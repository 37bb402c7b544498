//! A minimal wasm interface for timing the parser from JavaScript: no
//! wasm-bindgen, just memory and two functions.

/// Reserves `len` bytes in wasm memory for the caller to fill.
#[unsafe(no_mangle)]
pub extern "C" fn alloc(len: usize) -> *mut u8 {
    let mut buf = Vec::<u8>::with_capacity(len);
    let ptr = buf.as_mut_ptr();
    std::mem::forget(buf);
    ptr
}

/// Parses the bytes at `ptr..ptr+len` and returns the number of
/// instructions, so the work cannot be optimised away.
///
/// # Safety
/// `ptr` must point to `len` initialised bytes from [`alloc`].
#[unsafe(no_mangle)]
pub unsafe extern "C" fn parse(ptr: *const u8, len: usize) -> usize {
    let bytes = unsafe { std::slice::from_raw_parts(ptr, len) };
    layerlab::syntax::parse_bytes(bytes).instructions.len()
}
