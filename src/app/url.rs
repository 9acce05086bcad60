//! The address bar: the session lives in the fragment (`#s=1.…`), replaced
//! in place (no history entry per keystroke).

const KEY: &str = "s=";

/// The session link in the current address, if any.
pub fn read() -> Option<String> {
    let hash = web_sys::window()?.location().hash().ok()?;
    let hash = hash.strip_prefix('#').unwrap_or(&hash);
    hash.split('&').find_map(|part| part.strip_prefix(KEY)).map(str::to_string)
}

/// Writes the session link into the address without adding a history entry.
pub fn replace(link: &str) {
    let Some(window) = web_sys::window() else { return };
    let Ok(history) = window.history() else { return };
    let url = format!("#{KEY}{link}");
    // A failure (a sandboxed frame, say) only means the address is not updated.
    let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
}
