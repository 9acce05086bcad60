//! The page's own address options (`?embed=1&lang=…`), and, when embedded,
//! the height posted to the host page whenever it changes:
//! `{ "type": "vn766:height", "height": <CSS pixels> }`.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use crate::session::PageOptions;

/// The options in the address's query string.
pub fn options() -> PageOptions {
    if !super::IN_BROWSER {
        return PageOptions::default();
    }
    let query = web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default();
    PageOptions::from_query(&query)
}

fn post_height() {
    let Some(window) = web_sys::window() else { return };
    let Ok(Some(parent)) = window.parent() else { return };
    let Some(body) = window.document().and_then(|d| d.document_element()) else { return };
    let height = body.get_bounding_client_rect().height();
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&message, &"type".into(), &"vn766:height".into());
    let _ = js_sys::Reflect::set(&message, &"height".into(), &JsValue::from_f64(height.ceil()));
    // Any host may embed the app; the message carries only a height.
    let _ = parent.post_message(&message, "*");
}

/// Posts the page's height to the host now and on every change of size.
pub fn watch_height() {
    let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) else { return };
    let callback = Closure::<dyn Fn()>::new(post_height);
    if let Ok(observer) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) {
        observer.observe(&root);
    }
    // The observer lives as long as the page.
    callback.forget();
    post_height();
}

/// Whether the page says it was just updated (set by boot.js).
pub fn was_updated() -> bool {
    if !super::IN_BROWSER {
        return false;
    }
    js_sys::Reflect::get(&js_sys::global(), &"__vn766Updated".into()).map(|v| v.is_truthy()).unwrap_or(false)
}

/// What was typed into the prerendered page before the app was up, as
/// (field id, text) pairs (set by boot.js), so that the app's first frame
/// already shows it: no frame of the prerendered figures after the quick
/// start showed the user's ([`crate::quick::apply_typed`]).
pub fn typed_before_start() -> Vec<(String, String)> {
    if !super::IN_BROWSER {
        return Vec::new();
    }
    let Ok(value) = js_sys::Reflect::get(&js_sys::global(), &"__vn766Typed".into()) else { return Vec::new() };
    // None without boot.js (the single file, the component tests).
    if !js_sys::Array::is_array(&value) {
        return Vec::new();
    }
    let texts: Vec<String> = js_sys::Array::from(&value).iter().filter_map(|v| v.as_string()).collect();
    texts.chunks_exact(2).map(|p| (p[0].clone(), p[1].clone())).collect()
}
