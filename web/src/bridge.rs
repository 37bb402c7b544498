//! Every call into the browser outside Yew's own rendering lives here.

use web_sys::Storage;

const STORAGE_KEY: &str = "layerlab.dockerfile";

fn storage() -> Option<Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The text the visitor last had in the editor, so a reload never loses work.
pub fn load_text() -> Option<String> {
    storage()?.get_item(STORAGE_KEY).ok().flatten()
}

pub fn save_text(text: &str) {
    if let Some(storage) = storage() {
        // Storage can be full or disabled (private mode); the editor keeps working either way.
        let _ = storage.set_item(STORAGE_KEY, text);
    }
}

/// index.html shows "Loading…" until the app starts; once it does, that
/// message would only be clutter.
pub fn remove_boot_message() {
    let boot = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("boot"));
    if let Some(boot) = boot {
        boot.remove();
    }
}

/// The page's `#fragment` without the `#`, so a link can open a view.
pub fn location_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .map(|h| h.trim_start_matches('#').to_owned())
        .unwrap_or_default()
}
