//! Files in and out of the browser: a download made from bytes, and the
//! text of a file the user picked. No server is involved.

use wasm_bindgen::JsCast;

/// Offers `bytes` as a file named `name` (a download).
pub fn download(name: &str, mime: &str, bytes: &[u8]) -> Result<(), ()> {
    let window = web_sys::window().ok_or(())?;
    let document = window.document().ok_or(())?;
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array.buffer());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_buffer_source_sequence_and_options(&parts, &options).map_err(|_| ())?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| ())?;
    let a: web_sys::HtmlAnchorElement = document.create_element("a").map_err(|_| ())?.dyn_into().map_err(|_| ())?;
    a.set_href(&url);
    a.set_download(name);
    a.click();
    // The download has started; the object URL can go.
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// The bytes of a file the user picked (at most `max` bytes; larger files
/// are refused before reading).
pub async fn read(file: &web_sys::File, max: usize) -> Result<Vec<u8>, ReadError> {
    if file.size() > max as f64 {
        return Err(ReadError::TooLarge);
    }
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await.map_err(|_| ReadError::Unreadable)?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReadError {
    TooLarge,
    Unreadable,
}

/// Opens the browser's print dialog (the report has its own print styles).
pub fn print() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}
