//! A unit's scores over periods: an SVG line chart drawn by the app (bands
//! behind, values on hover and focus), an accessible table beside it, and
//! the rows to edit or import.

use std::rc::Rc;

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::files;
use super::history_figures::HistoryFigures;
use super::{use_send, Ctx};
use crate::history::History;
use crate::session::{Action, HistoryColumn};
use crate::text::{fill, t};
use crate::view::HistoryView;

#[derive(Properties, PartialEq)]
pub struct HistorySectionProps {
    pub history: Rc<HistoryView>,
    /// The unit's history from the data directory's series, when read.
    #[prop_or_default]
    pub series: Option<Rc<crate::view::SeriesView>>,
}

#[function_component(HistorySection)]
pub fn history_section(props: &HistorySectionProps) -> Html {
    let ctx = use_context::<Ctx>().expect("Ctx");
    let s = t(ctx.lang);
    let lang = ctx.lang;
    let v = &props.history;
    let import_error = use_state(|| None::<String>);
    let send = use_send();

    let on_example = {
        let send = send.clone();
        Callback::from(move |_: MouseEvent| {
            let method = crate::engine::profiles::default_profile();
            send.emit(Action::ReplaceHistory(History::example(method)))
        })
    };
    let on_clear = {
        let send = send.clone();
        Callback::from(move |_: MouseEvent| send.emit(Action::ReplaceHistory(History::default())))
    };
    let on_add = {
        let send = send.clone();
        Callback::from(move |_: MouseEvent| send.emit(Action::AddHistoryRow))
    };
    let on_unit = {
        let send = send.clone();
        Callback::from(move |e: InputEvent| {
            send.emit(Action::SetHistoryUnit(e.target_unchecked_into::<HtmlInputElement>().value()))
        })
    };
    let on_import = {
        let send = send.clone();
        let import_error = import_error.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
            input.set_value("");
            let send = send.clone();
            let import_error = import_error.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let method = crate::engine::profiles::default_profile();
                let result = match files::read(&file, 1024 * 1024).await {
                    Err(files::ReadError::TooLarge) => Err(s.history_file_too_large.to_string()),
                    Err(files::ReadError::Unreadable) => Err(s.file_unreadable.to_string()),
                    // A workbook: its first sheet, read by the workbook module.
                    Ok(bytes) if super::sheets::is_workbook(&file.name()) => {
                        match super::sheets::read(&bytes, "", true, lang).await {
                            Err(why) => Err(fill(s.workbook_failed, &[("why", &why)])),
                            Ok(read) => History::from_csv(&read.text, method).map_err(|e| e.message(method, lang)),
                        }
                    }
                    Ok(bytes) => match String::from_utf8(bytes) {
                        Err(_) => Err(s.file_not_utf8.to_string()),
                        Ok(text) => History::from_csv(&text, method).map_err(|e| e.message(method, lang)),
                    },
                };
                match result {
                    Ok(h) => {
                        import_error.set(None);
                        send.emit(Action::ReplaceHistory(h));
                    }
                    Err(e) => import_error.set(Some(e)),
                }
            });
        })
    };

    let on_xlsx = {
        let (keeper, dispatch) = (ctx.keeper.clone(), ctx.dispatch.clone());
        Callback::from(move |_: MouseEvent| {
            let kind = super::sheets::Kind::History;
            super::sheets::download(kind, keeper.current(), "vn766-lich-su.xlsx".into(), dispatch.clone());
        })
    };
    let cell = |row: usize, column: HistoryColumn, value: &str, label: String, error: Option<&String>| {
        let send = send.clone();
        let id = format!(
            "h-{row}-{}",
            match &column {
                HistoryColumn::Period => "period".to_string(),
                HistoryColumn::Total => "total".into(),
                HistoryColumn::Rank => "rank".into(),
                HistoryColumn::Of => "of".into(),
                HistoryColumn::Group(g) => g.clone(),
            }
        );
        let oninput = Callback::from(move |e: InputEvent| {
            let text = e.target_unchecked_into::<HtmlInputElement>().value();
            send.emit(Action::SetHistoryCell { row, column: column.clone(), text })
        });
        html! {
            <td>
                <label class="visually-hidden" for={id.clone()}>{ label }</label>
                <input {id} type="text" value={value.to_string()} {oninput}
                    aria-invalid={if error.is_some() { "true" } else { "false" }} title={error.cloned()} />
                if let Some(e) = error { <span class="error">{ e }</span> }
            </td>
        }
    };
    html! {
        <section class="history" id="history" aria-labelledby="history-title">
            <h2 id="history-title">{ s.history }</h2>
            if let Some(series) = &props.series {
                <section class="series" id="series" aria-labelledby="series-title">
                    <h3 id="series-title">{ &series.title }</h3>
                    <HistoryFigures view={Rc::new(series.history.clone())} prefix="series" folded=true />
                </section>
            }
            <p class="desc">{ s.history_intro }</p>
            <div class="history-tools">
                <div class="field">
                    <label for="history-unit">{ s.history_unit }</label>
                    <input id="history-unit" type="text" value={v.unit.clone()} oninput={on_unit} />
                </div>
                <button type="button" id="history-example" onclick={on_example}>{ s.history_example }</button>
                <label class="button">
                    { s.history_import }
                    <input id="history-import" class="visually-hidden" type="file" accept=".csv,.tsv,.txt,.xlsx,.xlsm,.xls,.ods,text/csv" onchange={on_import} />
                </label>
                if !v.rows.is_empty() {
                    <button type="button" id="history-xlsx" onclick={on_xlsx}>{ s.export_xlsx }</button>
                    <button type="button" id="history-clear" onclick={on_clear}>{ s.history_clear }</button>
                }
            </div>
            if let Some(e) = &*import_error {
                <p class="error" role="alert" id="history-import-error">{ e }</p>
            }
            <HistoryFigures view={props.history.clone()} prefix="history" />
            <details class="history-edit">
                <summary>{ s.history_edit }</summary>
                <div class="table-wrap" tabindex="0" role="region" aria-label={s.history_edit}>
                    <table>
                        <thead><tr>
                            <th scope="col">{ s.history_period }</th>
                            <th scope="col">{ s.total }</th>
                            <th scope="col">{ s.goal_rank }</th>
                            <th scope="col">{ s.history_of }</th>
                            { for v.group_ids.iter().map(|g| html! { <th scope="col">{ g }</th> }) }
                            <th scope="col"><span class="visually-hidden">{ s.history_remove }</span></th>
                        </tr></thead>
                        <tbody>
                            { for v.rows.iter().enumerate().map(|(i, r)| {
                                let send = send.clone();
                                let remove = Callback::from(move |_: MouseEvent| send.emit(Action::RemoveHistoryRow(i)));
                                let n = i + 1;
                                html! {
                                    <tr>
                                        { cell(i, HistoryColumn::Period, &r.row.period, format!("{} {n}", s.history_period), r.errors.get("period")) }
                                        { cell(i, HistoryColumn::Total, &r.row.total, format!("{} {n}", s.total), r.errors.get("total")) }
                                        { cell(i, HistoryColumn::Rank, &r.row.rank, format!("{} {n}", s.goal_rank), r.errors.get("rank")) }
                                        { cell(i, HistoryColumn::Of, &r.row.of, format!("{} {n}", s.history_of), r.errors.get("of")) }
                                        { for v.group_ids.iter().map(|g| cell(i, HistoryColumn::Group(g.clone()),
                                            r.row.groups.get(g).map(String::as_str).unwrap_or(""), format!("{g} {n}"), r.errors.get(g))) }
                                        <td><button type="button" class="link" onclick={remove}
                                            aria-label={format!("{} {n}", s.history_remove)}>{ "✕" }</button></td>
                                    </tr>
                                }
                            }) }
                        </tbody>
                    </table>
                </div>
                <button type="button" id="history-add" onclick={on_add}>{ s.history_add }</button>
            </details>
        </section>
    }
}
