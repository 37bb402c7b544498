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

const LINT_CONFIG_KEY: &str = "layerlab.hadolint-yaml";

/// The `.hadolint.yaml` text pasted into the Problems panel.
pub fn load_lint_config() -> Option<String> {
    storage()?.get_item(LINT_CONFIG_KEY).ok().flatten()
}

pub fn save_lint_config(text: &str) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(LINT_CONFIG_KEY, text);
    }
}

const SCENARIO_KEY: &str = "layerlab.scenario";

/// The rebuild scenario as last saved, as JSON (parsed by the caller so a
/// stale or hand-edited value can be dropped rather than trusted).
pub fn load_scenario() -> Option<String> {
    storage()?.get_item(SCENARIO_KEY).ok().flatten()
}

pub fn save_scenario(json: &str) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(SCENARIO_KEY, json);
    }
}

/// Selects lines `start..=end` (1-based) of the Dockerfile editor and
/// scrolls them into view, so a figure can point at the instruction.
pub fn select_lines(start: usize, end: usize) {
    use wasm_bindgen::JsCast;
    let Some(area) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("dockerfile"))
        .and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
    else {
        return;
    };
    let text = area.value();
    // Selection offsets are UTF-16 code units, as the DOM counts them.
    let (mut from, mut to, mut offset) = (None, None, 0u32);
    for (i, line) in text.split('\n').enumerate() {
        let n = i + 1;
        let len = line.encode_utf16().count() as u32;
        if n == start {
            from = Some(offset);
        }
        if n == end.max(start) {
            to = Some(offset + len);
            break;
        }
        offset += len + 1;
    }
    let (Some(from), Some(to)) = (from, to) else {
        return;
    };
    let _ = area.focus();
    let _ = area.set_selection_range(from, to);
    // Browsers do not scroll a textarea to a selection set from script.
    let line_height = web_sys::window()
        .and_then(|w| w.get_computed_style(&area).ok().flatten())
        .and_then(|s| s.get_property_value("line-height").ok())
        .and_then(|v| v.trim_end_matches("px").parse::<f64>().ok())
        .unwrap_or(21.0);
    let top =
        (start.saturating_sub(1) as f64 * line_height) - f64::from(area.client_height()) / 3.0;
    area.set_scroll_top(top.max(0.0) as i32);
}
