//! The workbook module: a second, small wasm module the app loads only when
//! a workbook is first exported or imported (its code stays off the first
//! screen). Trunk builds it as a "worker" (no page of its own); `boot.js`
//! loads it on demand (`__vn766Sheets`). Bytes and JSON text cross between
//! the two modules; they share nothing else.

use wasm_bindgen::prelude::*;

/// The .xlsx bytes of a book given as JSON ([`vn766::view::sheets::Book`]).
#[wasm_bindgen]
pub fn write_workbook(book: &str) -> Result<Vec<u8>, JsError> {
    let book: vn766::view::sheets::Book = serde_json::from_str(book)?;
    Ok(vn766::workbook::write(&book)?)
}

/// A sheet of a workbook (`sheet`: its name; empty: the first) as JSON:
/// `{ "names": [...], "name": "...", "rows": [[...], ...] }`.
#[wasm_bindgen]
pub fn read_workbook(bytes: &[u8], sheet: &str) -> Result<String, JsError> {
    let read = vn766::workbook::read(bytes, sheet)?;
    Ok(serde_json::json!({ "names": read.names, "name": read.name, "rows": read.rows }).to_string())
}

fn main() {}
