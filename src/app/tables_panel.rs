//! Reference tables: which one ranks the scenario, and importing more (a
//! file of the portal's JSON, our CSV, or a table pasted from a spreadsheet)
//! with a preview of each row's problems before anything changes.

use std::rc::Rc;

use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::{files, sheets};
use super::{use_send, Ctx};
use crate::engine::format;
use crate::engine::import::{self, Preview};
use crate::session::Action;
use crate::text::{fill, t};
use crate::view::TableOption;

#[derive(Properties, PartialEq)]
pub struct TablesPanelProps {
    /// Every table the session knows; the selected one ranks the scenario.
    pub tables: Rc<Vec<TableOption>>,
}

/// A preview waiting for "accept": what was read, and its sources (one text
/// per file, merged in order).
struct Pending {
    preview: Preview,
    sources: Vec<String>,
    /// A single workbook picked: its bytes and sheets, to read another sheet.
    workbook: Option<Workbook>,
}

#[derive(Clone)]
struct Workbook {
    bytes: Rc<Vec<u8>>,
    names: Vec<String>,
    sheet: String,
}

/// A workbook's sheet as a preview and the text kept as its source.
async fn read_sheet(
    bytes: &[u8],
    sheet: &str,
    lang: crate::engine::Lang,
) -> Result<(Preview, String, sheets::ReadSheet), String> {
    let read =
        sheets::read(bytes, sheet, false, lang).await.map_err(|why| fill(t(lang).workbook_failed, &[("why", &why)]))?;
    if read.text.is_empty() {
        return Err(import::ImportError::Unrecognised.message(lang));
    }
    let mut preview = import::import(read.text.as_bytes(), Some("sheet.tsv")).map_err(|e| e.message(lang))?;
    preview.shape = import::Shape::Workbook;
    Ok((preview, read.text.clone(), read))
}

#[function_component(TablesPanel)]
pub fn tables_panel(props: &TablesPanelProps) -> Html {
    let ctx = use_context::<Ctx>().expect("Ctx");
    let s = t(ctx.lang);
    let lang = ctx.lang;
    let pending = use_state(|| None::<Rc<Pending>>);
    let name = use_state(String::new);
    let error = use_state(|| None::<String>);
    let paste = use_state(String::new);
    let send = use_send();

    let open = {
        let (pending, error, name_state) = (pending.clone(), error.clone(), name.clone());
        move |result: Result<Preview, String>, name: String, sources: Vec<String>, workbook: Option<Workbook>| {
            match result {
                Ok(preview) => {
                    error.set(None);
                    name_state.set(name);
                    pending.set(Some(Rc::new(Pending { preview, sources, workbook })));
                }
                Err(e) => {
                    pending.set(None);
                    error.set(Some(e));
                }
            }
        }
    };
    let on_file = {
        let open = open.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(list) = input.files() else { return };
            let picked: Vec<web_sys::File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
            input.set_value("");
            if picked.is_empty() {
                return;
            }
            let open = open.clone();
            // Several files (a detail capture and the portal's trees, say)
            // become one table, merged by unit code.
            wasm_bindgen_futures::spawn_local(async move {
                let stem = |n: &str| n.rsplit_once('.').map(|(a, _)| a.to_string()).unwrap_or(n.to_string());
                let name = picked.iter().map(|f| stem(&f.name())).collect::<Vec<_>>().join(" + ");
                let mut previews = Vec::new();
                let mut sources = Vec::new();
                let mut workbook = None;
                for file in &picked {
                    let bytes = match files::read(file, import::MAX_BYTES).await {
                        Ok(b) => b,
                        Err(_) => {
                            let e = import::ImportError::TooLarge { bytes: file.size() as usize };
                            return open(Err(format!("{}: {}", file.name(), e.message(lang))), name, Vec::new(), None);
                        }
                    };
                    // A workbook: its first sheet, read by the workbook module.
                    if sheets::is_workbook(&file.name()) {
                        match read_sheet(&bytes, "", lang).await {
                            Ok((preview, source, read)) => {
                                previews.push(preview);
                                sources.push(source);
                                if picked.len() == 1 && read.names.len() > 1 {
                                    workbook =
                                        Some(Workbook { bytes: Rc::new(bytes), names: read.names, sheet: read.name });
                                }
                            }
                            Err(e) => return open(Err(format!("{}: {e}", file.name())), name, Vec::new(), None),
                        }
                        continue;
                    }
                    match import::import(&bytes, Some(&file.name())) {
                        Ok(p) => previews.push(p),
                        Err(e) => {
                            return open(Err(format!("{}: {}", file.name(), e.message(lang))), name, Vec::new(), None)
                        }
                    }
                    // Stored as text to be read again on the next visit.
                    sources.push(String::from_utf8(bytes).unwrap_or_default());
                }
                let merged = import::merge(previews).ok_or_else(|| import::ImportError::Empty.message(lang));
                open(merged, name, sources, workbook);
            });
        })
    };
    let on_paste_input = {
        let paste = paste.clone();
        Callback::from(move |e: InputEvent| paste.set(e.target_unchecked_into::<HtmlTextAreaElement>().value()))
    };
    let on_paste_preview = {
        let (open, paste) = (open.clone(), paste.clone());
        Callback::from(move |_: MouseEvent| {
            let text = (*paste).clone();
            let result = import::import_text(&text).map_err(|e| e.message(lang));
            open(result, s.table_pasted_name.to_string(), vec![text], None);
        })
    };
    let on_name = {
        let name = name.clone();
        Callback::from(move |e: InputEvent| name.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let on_cancel = {
        let pending = pending.clone();
        Callback::from(move |_: MouseEvent| pending.set(None))
    };
    let on_accept = {
        let (pending, paste, send, name) = (pending.clone(), paste.clone(), send.clone(), name.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(p) = &*pending {
                let name = if name.trim().is_empty() { "—".to_string() } else { name.trim().to_string() };
                send.emit(Action::AddTable { name, table: p.preview.table.clone(), sources: p.sources.clone() });
                pending.set(None);
                paste.set(String::new());
            }
        })
    };
    let on_select = send.reform(|e: Event| Action::SetTable(e.target_unchecked_into::<HtmlSelectElement>().value()));
    let on_sheet = {
        let (open, pending, name) = (open.clone(), pending.clone(), name.clone());
        Callback::from(move |e: Event| {
            let chosen = e.target_unchecked_into::<HtmlSelectElement>().value();
            let Some(wb) = pending.as_ref().and_then(|p| p.workbook.clone()) else { return };
            let (open, name) = (open.clone(), (*name).clone());
            wasm_bindgen_futures::spawn_local(async move {
                match read_sheet(&wb.bytes, &chosen, lang).await {
                    Ok((preview, source, read)) => {
                        open(Ok(preview), name, vec![source], Some(Workbook { sheet: read.name, ..wb }));
                    }
                    Err(e) => open(Err(e), name, Vec::new(), None),
                }
            });
        })
    };
    let preview = pending.as_ref().map(|p| {
        let v = &p.preview;
        let kinds: Vec<String> = v.table.kinds().into_iter().filter(|k| !k.is_empty()).collect();
        let kinds = if kinds.is_empty() { String::new() } else { format!(" ({})", kinds.join(", ")) };
        html! {
            <div class="preview" id="table-preview" aria-live="polite">
                <p>
                    <strong>{ std::iter::once(v.shape).chain(v.merged.iter().copied()).map(|x| x.name(lang)).collect::<Vec<_>>().join(" + ") }</strong>
                    { format!(": {} {}{kinds}", format::count(v.table.units.len() as u64, lang), s.units) }
                </p>
                if let Some(wb) = &p.workbook {
                    <div class="field">
                        <label for="table-sheet">{ s.table_sheet }</label>
                        <select id="table-sheet" onchange={on_sheet}>
                            { for wb.names.iter().map(|n| html! { <option value={n.clone()} selected={*n == wb.sheet}>{ n }</option> }) }
                        </select>
                    </div>
                }
                if !v.problems.is_empty() {
                    <p class="warn">{ fill(s.rows_left_out, &[("n", &v.problems.len().to_string())]) }</p>
                    <ul class="problems" id="table-problems">
                        { for v.problems.iter().take(20).map(|pr| html! { <li>{ pr.message(lang) }</li> }) }
                    </ul>
                }
                if !v.ignored_columns.is_empty() {
                    <p class="note">{ format!("{}: {}", s.columns_ignored, v.ignored_columns.join(", ")) }</p>
                }
                <div class="field">
                    <label for="table-name">{ s.table_name }</label>
                    <input id="table-name" type="text" value={(*name).clone()} oninput={on_name} />
                </div>
                <div class="buttons">
                    <button type="button" class="primary" id="table-accept" onclick={on_accept} disabled={v.table.units.is_empty()}>
                        { s.table_accept }
                    </button>
                    <button type="button" id="table-cancel" onclick={on_cancel}>{ s.cancel }</button>
                </div>
            </div>
        }
    });
    html! {
        <details class="tables" id="tables">
            <summary>{ s.tables }</summary>
            <div class="field">
                <label for="table-select">{ s.ranking_table }</label>
                <select id="table-select" onchange={on_select}>
                    { for props.tables.iter().map(|t| html! {
                        <option value={t.id.clone()} selected={t.selected}>{ &t.label }</option>
                    }) }
                </select>
            </div>
            <p class="note">{ s.tables_intro }</p>
            <div class="tables-tools">
                <label class="button">
                    { s.table_import_file }
                    <input id="table-file" class="visually-hidden" type="file" multiple=true
                        accept=".json,.csv,.tsv,.txt,.xlsx,.xlsm,.xls,.ods,application/json,text/csv" onchange={on_file} />
                </label>
            </div>
            <div class="field paste">
                <label for="table-paste">{ s.table_paste }</label>
                <textarea id="table-paste" rows="4" value={(*paste).clone()} oninput={on_paste_input}
                    placeholder={s.table_paste_hint} />
                <button type="button" id="table-preview-button" onclick={on_paste_preview} disabled={paste.trim().is_empty()}>
                    { s.table_preview }
                </button>
            </div>
            if let Some(e) = &*error { <p class="error" role="alert" id="table-error">{ e }</p> }
            { for preview }
            if props.tables.iter().any(|t| t.imported) {
                <ul class="imported">
                    { for props.tables.iter().filter(|t| t.imported).map(|t| html! {
                        <li>
                            { &t.label }
                            { " " }
                            <button type="button" class="link" onclick={send.reform({
                                let id = t.id.clone();
                                move |_: MouseEvent| Action::RemoveTable(id.clone())
                            })}>{ s.table_remove }</button>
                        </li>
                    }) }
                </ul>
            }
        </details>
    }
}
