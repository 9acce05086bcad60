//! Files in and out: all scenarios as JSON (export, import), the results as
//! CSV, and the printed report.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::files;
use super::state::{Msg, Notice};
use super::{Ctx, Shared};
use crate::codec;
use crate::text::t;

#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    pub session: Shared<crate::session::Session>,
    pub columns: Shared<Vec<crate::view::ColumnResult>>,
    /// The file name without extension ("vn766-H38").
    pub stem: AttrValue,
    pub share_open: bool,
    pub onshare: Callback<()>,
}

#[function_component(Toolbar)]
pub fn toolbar(props: &ToolbarProps) -> Html {
    let ctx = use_context::<Ctx>().expect("Ctx");
    let s = t(ctx.lang);
    let lang = ctx.lang;
    let on_export = {
        let (session, stem) = (props.session.clone(), props.stem.clone());
        Callback::from(move |_: MouseEvent| {
            let json = codec::to_json(&session.0);
            let _ = files::download(&format!("{stem}.json"), "application/json", json.as_bytes());
        })
    };
    let on_csv = {
        let (session, columns, stem) = (props.session.clone(), props.columns.clone(), props.stem.clone());
        Callback::from(move |_: MouseEvent| {
            let csv = crate::view::results_csv(&session.0, &columns.0);
            let _ = files::download(&format!("{stem}-ket-qua.csv"), "text/csv;charset=utf-8", csv.as_bytes());
        })
    };
    let on_xlsx = {
        let (session, stem, dispatch) = (props.session.clone(), props.stem.clone(), ctx.dispatch.clone());
        Callback::from(move |_: MouseEvent| {
            let kind = super::sheets::Kind::Results;
            super::sheets::download(kind, session.0.clone(), format!("{stem}.xlsx"), dispatch.clone());
        })
    };
    let on_print = Callback::from(|_: MouseEvent| files::print());
    // A file opens as a session of its own, saved beside the others.
    let on_import = {
        let (dispatch, keeper) = (ctx.dispatch.clone(), ctx.keeper.clone());
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
            input.set_value("");
            let (dispatch, keeper) = (dispatch.clone(), keeper.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let notice = match files::read(&file, codec::MAX_FILE).await {
                    Err(_) => Notice::ImportFailed(codec::DecodeError::TooLong.message(lang)),
                    Ok(bytes) => match keeper.import(&bytes) {
                        Ok(n) => Notice::Imported(n),
                        Err(crate::library::LibraryError::File(e)) => Notice::ImportFailed(e.message(lang)),
                        Err(e) => Notice::ImportFailed(e.message(lang)),
                    },
                };
                dispatch.dispatch(Msg::Notice(notice));
            });
        })
    };
    html! {
        <div class="toolbar" role="group" aria-label={s.files}>
            <button type="button" id="export-json" onclick={on_export}>{ s.export_json }</button>
            <label class="button">
                { s.import_json }
                <input id="import-json" class="visually-hidden" type="file" accept=".json,application/json" onchange={on_import} />
            </label>
            <button type="button" id="export-xlsx" onclick={on_xlsx}>{ s.export_xlsx }</button>
            <button type="button" id="export-csv" onclick={on_csv}>{ s.export_csv }</button>
            <button type="button" id="print-report" onclick={on_print}>{ s.print_report }</button>
            <button type="button" id="share-button" aria-expanded={props.share_open.to_string()} aria-controls="share"
                onclick={props.onshare.reform(|_: MouseEvent| ())}>{ s.share }</button>
        </div>
    }
}
