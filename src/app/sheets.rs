//! Workbooks in the browser: the workbook module (`src/bin/sheets.rs`, a
//! second wasm module) is loaded by `boot.js` the first time one is
//! exported or imported (`__vn766Sheets`), so its code never weighs on the
//! first screen. The session goes in as the codec writes it (the module
//! lays out the book), the workbook's bytes come out; a read sheet comes
//! back as JSON rows.

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use std::rc::Rc;

use crate::session::Session;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = __vn766Sheets, catch)]
    fn load_module() -> Result<js_sys::Promise, JsValue>;

    /// The module's exports (`src/bin/sheets.rs`).
    type SheetsModule;
    #[wasm_bindgen(method, catch)]
    fn results_workbook(this: &SheetsModule, session: &str, tables: &str, date: &str) -> Result<Vec<u8>, JsValue>;
    #[wasm_bindgen(method, catch)]
    fn batch_workbook(
        this: &SheetsModule,
        session: &str,
        tables: &str,
        profile: &str,
        date: &str,
    ) -> Result<Vec<u8>, JsValue>;
    #[wasm_bindgen(method, catch)]
    fn history_workbook(this: &SheetsModule, session: &str, date: &str) -> Result<Vec<u8>, JsValue>;
    #[wasm_bindgen(method, catch)]
    fn read_workbook(this: &SheetsModule, bytes: &[u8], sheet: &str, history: bool) -> Result<String, JsValue>;
}

/// Which workbook to write.
pub enum Kind {
    /// The comparison and every indicator's points.
    Results,
    /// The session's reference table scored under a method (its id).
    Batch(String),
    /// The unit's history.
    History,
}

/// The MIME type of an .xlsx file.
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// Whether a file name is a workbook's (xlsx, xlsm, xlsb, xls, ods).
pub fn is_workbook(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [".xlsx", ".xlsm", ".xlsb", ".xls", ".ods"].iter().any(|ext| lower.ends_with(ext))
}

fn message(e: JsValue) -> String {
    e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())).or_else(|| e.as_string()).unwrap_or_default()
}

async fn module() -> Result<SheetsModule, String> {
    let promise = load_module().map_err(message)?;
    Ok(JsFuture::from(promise).await.map_err(message)?.unchecked_into())
}

/// The .xlsx bytes of a workbook of the session, made by the workbook
/// module from the session as the codec writes it.
pub async fn write(kind: &Kind, session: &Session) -> Result<Vec<u8>, String> {
    let json = crate::codec::to_json(session);
    let date = super::persist::today();
    let module = module().await?;
    match kind {
        Kind::Results => module.results_workbook(&json, &crate::codec::all_tables_json(&session.tables), &date),
        Kind::Batch(profile) => {
            module.batch_workbook(&json, &crate::codec::all_tables_json(&session.tables), profile, &date)
        }
        Kind::History => module.history_workbook(&json, &date),
    }
    .map_err(message)
}

/// A sheet read: every sheet's name, the one read, and its rows from the
/// header on as tab-separated text (empty when no row is a header).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReadSheet {
    pub names: Vec<String>,
    pub name: String,
    pub text: String,
}

/// Sheet `sheet` (empty: the first) of a workbook's bytes, as text for the
/// table importer or (`history`) the history's. A file that stops the
/// workbook reader (a wasm trap: its instance is then replaced, `boot.js`)
/// is said to be damaged, in `lang`.
pub async fn read(bytes: &[u8], sheet: &str, history: bool, lang: crate::engine::Lang) -> Result<ReadSheet, String> {
    let json = module().await?.read_workbook(bytes, sheet, history).map_err(|e| {
        if e.is_instance_of::<js_sys::WebAssembly::RuntimeError>() {
            crate::text::t(lang).workbook_stopped.to_string()
        } else {
            message(e)
        }
    })?;
    // Read with the browser's JSON (no parser of ours on the first screen).
    let value = js_sys::JSON::parse(&json).map_err(message)?;
    let get = |key: &str| js_sys::Reflect::get(&value, &key.into()).unwrap_or(JsValue::UNDEFINED);
    let names = js_sys::Array::from(&get("names")).iter().filter_map(|n| n.as_string()).collect();
    Ok(ReadSheet {
        names,
        name: get("name").as_string().unwrap_or_default(),
        text: get("text").as_string().unwrap_or_default(),
    })
}

/// Writes the workbook and offers it as `file`; a failure is said in the
/// notice bar.
pub fn download(
    kind: Kind,
    session: Rc<Session>,
    file: String,
    dispatch: yew::UseReducerDispatcher<super::state::State>,
) {
    wasm_bindgen_futures::spawn_local(async move {
        match write(&kind, &session).await {
            Ok(bytes) => {
                let _ = super::files::download(&file, XLSX, &bytes);
            }
            Err(why) => dispatch.dispatch(super::state::Msg::Notice(super::state::Notice::Workbook(why))),
        }
    });
}
