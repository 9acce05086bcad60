//! Should the app ever stop on an internal error, a banner says so and,
//! before anything else, offers the work as a scenario file: the session
//! the app last showed is kept here for that one purpose.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsCast;

use crate::session::Session;

thread_local! {
    /// The session last shown (set by the keeper on every change).
    static LAST: RefCell<Option<Rc<Session>>> = const { RefCell::new(None) };
}

/// Keeps `session` for the crash banner's download.
pub fn remember(session: Rc<Session>) {
    LAST.with(|l| {
        if let Ok(mut l) = l.try_borrow_mut() {
            *l = Some(session);
        }
    });
}

/// Installs the banner: both languages (the app's state is gone), a link
/// that downloads the work, then the console message.
pub fn install() {
    // Yew installs its own hook at the first render unless given one.
    yew::set_custom_panic_hook(Box::new(|info| {
        web_sys::console::error_1(&info.to_string().into());
        let _ = banner();
    }));
}

fn banner() -> Option<()> {
    let doc = web_sys::window()?.document()?;
    let body = doc.body()?;
    let banner = doc.create_element("div").ok()?;
    banner.set_id("fatal");
    banner.set_attribute("role", "alert").ok()?;
    let text = doc.create_element("p").ok()?;
    text.set_text_content(Some(&format!("{} {}", crate::text::VI.fatal, crate::text::EN.fatal)));
    // The work first: a link the user can click even though the app has stopped.
    if let Some((name, json)) = work() {
        let a: web_sys::HtmlAnchorElement = doc.create_element("a").ok()?.dyn_into().ok()?;
        a.set_id("fatal-download");
        a.set_class_name("button primary");
        a.set_download(&name);
        a.set_href(&data_url(&json)?);
        a.set_text_content(Some(&format!("{} · {}", crate::text::VI.fatal_download, crate::text::EN.fatal_download)));
        banner.append_child(&a).ok()?;
    }
    banner.prepend_with_node_1(&text).ok()?;
    body.prepend_with_node_1(&banner).ok()
}

/// The file name and text of the work last shown.
fn work() -> Option<(String, String)> {
    let session = LAST.with(|l| l.try_borrow().ok().and_then(|l| l.clone()))?;
    let name = format!("vn766-{}.json", session.unit.as_deref().unwrap_or("cong-viec"));
    Some((name, crate::codec::to_json(&session)))
}

/// An object URL of the text (kept for the page's life: the download may come later).
fn data_url(json: &str) -> Option<String> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(json));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
    web_sys::Url::create_object_url_with_blob(&blob).ok()
}
