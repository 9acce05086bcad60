//! The workbook module: a second, small wasm module the app loads only when
//! a workbook is first exported or imported, so that neither the workbook
//! crates nor the books' layout weigh on the first screen. Trunk builds it
//! as a "worker" (no page of its own); `boot.js` loads it on demand
//! (`__vn766Sheets`). Text and bytes cross between the two modules: the
//! session as the codec writes it (with its imported tables), a workbook's
//! bytes, a sheet's rows as JSON. They share nothing else.

use vn766::catalog::Catalog;
use vn766::codec;
use vn766::session::Session;
use vn766::view::sheets::{self, Book};
use wasm_bindgen::prelude::*;

/// The session the app sent: its schema's JSON and its imported tables.
fn session(json: &str, tables: &str) -> Result<Session, JsError> {
    let mut catalog = Catalog::default();
    if !tables.is_empty() {
        codec::restore_tables(tables, &mut catalog);
    }
    codec::from_json(json, &catalog).map_err(|e| JsError::new(&e.message(vn766::engine::Lang::En)))
}

fn write(book: &Book) -> Result<Vec<u8>, JsError> {
    Ok(vn766::workbook::write(book)?)
}

/// The results workbook: the comparison and every indicator's points.
#[wasm_bindgen]
pub fn results_workbook(json: &str, tables: &str, date: &str) -> Result<Vec<u8>, JsError> {
    let s = session(json, tables)?;
    write(&sheets::results_book(&s, &vn766::view::columns(&s), date))
}

/// The batch workbook: every unit of the session's reference table scored
/// under the method `profile`.
#[wasm_bindgen]
pub fn batch_workbook(json: &str, tables: &str, profile: &str, date: &str) -> Result<Vec<u8>, JsError> {
    let s = session(json, tables)?;
    let method = vn766::engine::profiles::get(profile).unwrap_or_else(|| s.method());
    let reference = s.reference();
    let scored = vn766::engine::batch::score_table(method, &reference.table);
    write(&sheets::batch_book(&s, method, &reference.table, &scored, date))
}

/// The history workbook.
#[wasm_bindgen]
pub fn history_workbook(json: &str, date: &str) -> Result<Vec<u8>, JsError> {
    write(&sheets::history_book(&session(json, "")?, date))
}

/// A sheet of a workbook (`sheet`: its name; empty: the first), from its
/// header on, as tab-separated text for the app's importers (`history`: the
/// history's header, else a reference table's), with every sheet's name:
/// `{ "names": [...], "name": "...", "text": "..." }` ("" when no row is a
/// header: the importer then says what it looks for).
#[wasm_bindgen]
pub fn read_workbook(bytes: &[u8], sheet: &str, history: bool) -> Result<String, JsError> {
    let read = vn766::workbook::read(bytes, sheet)?;
    let text =
        if history { vn766::history::sheet_text(&read.rows) } else { vn766::engine::import::sheet_text(&read.rows) };
    Ok(serde_json::json!({ "names": read.names, "name": read.name, "text": text.unwrap_or_default() }).to_string())
}

fn main() {}
