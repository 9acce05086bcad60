//! The clipboard: copies text where the browser allows it (a secure page);
//! the caller shows the text to copy by hand otherwise.

/// Copies `text`; `false` when the clipboard is not available.
pub async fn copy(text: &str) -> bool {
    let Some(window) = web_sys::window() else { return false };
    let clipboard = window.navigator().clipboard();
    if clipboard.is_undefined() {
        return false;
    }
    wasm_bindgen_futures::JsFuture::from(clipboard.write_text(text)).await.is_ok()
}
