//! A host's current reference table: `?data=URL` in the page's address, or
//! the build's default (`VN766_DATA_URL`, written into the page as
//! `<meta name="vn766-data">`). Fetched once at start and ranked against;
//! kept with the imported tables, so that the next visit offline still has
//! it. When it cannot be fetched or read, the copy kept from an earlier
//! visit ranks, else the shipped table, and a notice says which. The host's
//! server must allow the app's origin (CORS), and a strict
//! Content-Security-Policy must list it in `connect-src` (README).

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use yew::UseReducerDispatcher;

use super::state::{Msg, Notice, State};
use super::{embed, sheets};
use crate::engine::{import, Lang};
use crate::session::Action;
use crate::text::{fill, t};

/// The address of the host's table, if the page names one.
pub fn address() -> Option<String> {
    embed::options().data.or_else(|| {
        let doc = web_sys::window()?.document()?;
        let meta = doc.query_selector("meta[name=vn766-data]").ok()??;
        meta.get_attribute("content").filter(|c| !c.trim().is_empty())
    })
}

/// The host's name in an address ("cong.tinh.vn"), else the address.
fn source(url: &str) -> String {
    let base = web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default();
    web_sys::Url::new_with_base(url, &base).map(|u| u.host()).ok().filter(|h| !h.is_empty()).unwrap_or(url.to_string())
}

fn js_message(e: wasm_bindgen::JsValue) -> String {
    e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())).or_else(|| e.as_string()).unwrap_or_default()
}

/// A file the single offline copy carries (`__vn766Files`, by the address
/// it would have beside the page: `file:///…/data/index.json`).
fn carried(url: &str) -> Option<Vec<u8>> {
    let files = js_sys::Reflect::get(&js_sys::global(), &"__vn766Files".into()).ok().filter(|f| f.is_object())?;
    // Keyed by absolute address (the page's own, file://…/data/…).
    let base = web_sys::window()?.location().href().ok()?;
    let absolute = web_sys::Url::new_with_base(url, &base).ok()?.href();
    let text = js_sys::Reflect::get(&files, &absolute.into()).ok()?.as_string()?;
    Some(text.into_bytes())
}

/// The file's bytes and its Last-Modified date (dd/mm/yyyy), if any.
pub async fn fetch(url: &str) -> Result<(Vec<u8>, Option<String>), String> {
    if let Some(bytes) = carried(url) {
        return Ok((bytes, None));
    }
    let window = web_sys::window().ok_or("no window")?;
    let response = JsFuture::from(window.fetch_with_str(url)).await.map_err(js_message)?;
    let response: web_sys::Response = response.dyn_into().map_err(js_message)?;
    if !response.ok() {
        return Err(format!("HTTP {}", response.status()));
    }
    // Kept for offline use where the service worker looks for data files
    // (src/web/sw.js), whether or not it controls the page yet.
    if let (Ok(copy), Ok(caches)) = (response.clone(), window.caches()) {
        let url = url.to_string();
        wasm_bindgen_futures::spawn_local(async move {
            if let Ok(cache) = JsFuture::from(caches.open("vn766data")).await {
                let cache: web_sys::Cache = cache.unchecked_into();
                let _ = JsFuture::from(cache.put_with_str(&url, &copy)).await;
            }
        });
    }
    let modified = response.headers().get("last-modified").ok().flatten().and_then(|h| {
        let d = js_sys::Date::new(&h.into());
        (!d.get_time().is_nan()).then(|| format!("{:02}/{:02}/{}", d.get_date(), d.get_month() + 1, d.get_full_year()))
    });
    let buffer = JsFuture::from(response.array_buffer().map_err(js_message)?).await.map_err(js_message)?;
    Ok((js_sys::Uint8Array::new(&buffer).to_vec(), modified))
}

/// The table in the fetched bytes, and the text kept as its source.
async fn read(url: &str, bytes: Vec<u8>, lang: Lang) -> Result<(crate::engine::Table, String), String> {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    if bytes.len() > import::MAX_BYTES {
        return Err(import::ImportError::TooLarge { bytes: bytes.len() }.message(lang));
    }
    let text = if sheets::is_workbook(path) {
        sheets::read(&bytes, "", false, lang).await?.text
    } else {
        String::from_utf8(bytes).map_err(|_| import::ImportError::NotUtf8 { offset: 0 }.message(lang))?
    };
    let name = if sheets::is_workbook(path) { "sheet.tsv" } else { path };
    let preview = import::import(text.as_bytes(), Some(name)).map_err(|e| e.message(lang))?;
    Ok((preview.table, text))
}

/// Fetches the host's table and ranks against it; `kept`: a copy from an
/// earlier visit is there (it ranks if this fetch fails).
pub fn start(url: String, kept: bool, lang: Lang, dispatch: UseReducerDispatcher<State>) {
    wasm_bindgen_futures::spawn_local(async move {
        let source = source(&url);
        let result = match fetch(&url).await {
            // A data directory's index: its tables are read on demand.
            Ok((bytes, _)) if super::directory::index_in(&bytes).is_some() => {
                match super::directory::index_in(&bytes) {
                    Some(Ok(index)) => {
                        let absolute = web_sys::window()
                            .and_then(|w| w.location().href().ok())
                            .and_then(|base| web_sys::Url::new_with_base(&url, &base).ok())
                            .map(|u| u.href())
                            .unwrap_or(url.clone());
                        dispatch.dispatch(Msg::Session(Action::SetDirectory { url: absolute, index }));
                    }
                    _ => dispatch.dispatch(Msg::Notice(Notice::Directory(t(lang).dir_newer.to_string()))),
                }
                return;
            }
            Ok((bytes, modified)) => read(&url, bytes, lang).await.map(|r| (r, modified)),
            Err(e) => Err(e),
        };
        match result {
            Ok(((table, text), modified)) => {
                let date = modified.unwrap_or_else(super::persist::today);
                let name = fill(t(lang).host_data_name, &[("source", &source), ("date", &date)]);
                dispatch.dispatch(Msg::Session(Action::SetHostTable { name, table, sources: vec![text] }));
            }
            Err(why) => dispatch.dispatch(Msg::Notice(Notice::HostData { source, why, kept })),
        }
    });
}
