//! Workbooks in the browser: the workbook module (`src/bin/sheets.rs`, a
//! second wasm module) runs in a worker that `boot.js` starts the first time
//! a workbook is exported or imported (`__vn766Sheets.call`), so its code
//! never weighs on the first screen and a large or damaged workbook never
//! freezes the page. The session goes in as the codec writes it (the module
//! lays out the book), the workbook's bytes come out; a read sheet comes
//! back as JSON rows.

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use std::rc::Rc;

use crate::session::Session;

#[wasm_bindgen]
extern "C" {
    /// Runs an export of the module (`src/bin/sheets.rs`) in its worker.
    #[wasm_bindgen(js_namespace = __vn766Sheets, js_name = call, catch)]
    fn call_module(name: &str, args: &js_sys::Array) -> Result<js_sys::Promise, JsValue>;
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

/// The module stopped on the call (a wasm trap, or too long): its worker
/// was ended and the next call starts another.
fn stopped(e: &JsValue) -> bool {
    js_sys::Reflect::get(e, &"stopped".into()).is_ok_and(|v| v.is_truthy())
}

/// The value of export `name` of the module called with `args`.
async fn call(name: &str, args: &[JsValue]) -> Result<JsValue, JsValue> {
    let args: js_sys::Array = args.iter().collect();
    JsFuture::from(call_module(name, &args)?).await
}

/// The .xlsx bytes of a workbook of the session, made by the workbook
/// module from the session as the codec writes it.
pub async fn write(kind: &Kind, session: &Session) -> Result<Vec<u8>, String> {
    let json = JsValue::from(crate::codec::to_json(session));
    let date = JsValue::from(super::persist::today());
    let tables = || JsValue::from(crate::codec::all_tables_json(&session.tables));
    let value = match kind {
        Kind::Results => call("results_workbook", &[json, tables(), date]).await,
        Kind::Batch(profile) => call("batch_workbook", &[json, tables(), JsValue::from(profile.as_str()), date]).await,
        Kind::History => call("history_workbook", &[json, date]).await,
    }
    .map_err(message)?;
    Ok(js_sys::Uint8Array::new(&value).to_vec())
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
/// workbook reader (a wasm trap, or more than a minute: its worker is then
/// replaced, `sheets-client.js`) is said to be damaged, in `lang`.
pub async fn read(bytes: &[u8], sheet: &str, history: bool, lang: crate::engine::Lang) -> Result<ReadSheet, String> {
    let args = [js_sys::Uint8Array::from(bytes).into(), JsValue::from(sheet), JsValue::from(history)];
    let json = call("read_workbook", &args)
        .await
        .map_err(|e| if stopped(&e) { crate::text::t(lang).workbook_stopped.to_string() } else { message(e) })?
        .as_string()
        .unwrap_or_default();
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
