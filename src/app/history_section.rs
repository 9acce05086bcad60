//! A unit's scores over periods: an SVG line chart drawn by the app (bands
//! behind, values on hover and focus), an accessible table beside it, and
//! the rows to edit or import.

use std::rc::Rc;

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::files;
use super::{use_send, Ctx};
use crate::history::History;
use crate::session::{Action, HistoryColumn};
use crate::text::{fill, t};
use crate::view::HistoryView;

#[derive(Properties, PartialEq)]
pub struct HistorySectionProps {
    pub history: Rc<HistoryView>,
}

use crate::history::tenths as n1;

#[function_component(HistorySection)]
pub fn history_section(props: &HistorySectionProps) -> Html {
    let ctx = use_context::<Ctx>().expect("Ctx");
    let s = t(ctx.lang);
    let lang = ctx.lang;
    let v = &props.history;
    let active = use_state(|| None::<usize>);
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
    let chart = v.chart.as_ref().map(|c| {
        let (l, _, r, b) = c.plot;
        let label = active.and_then(|i| c.points.get(i)).map(|(x, y, period, value)| {
            let anchor = if *x > c.width * 0.75 { "end" } else if *x < c.width * 0.25 { "start" } else { "middle" };
            html! { <text class="chart-value" x={n1(*x)} y={n1(y - 10.0)} text-anchor={anchor}>{ format!("{period}: {value}") }</text> }
        });
        html! {
            <figure class="chart">
                <svg viewBox={format!("0 0 {} {}", n1(c.width), n1(c.height))} role="img" aria-labelledby="history-chart-title"
                    focusable="false" preserveAspectRatio="xMidYMid meet">
                    <title id="history-chart-title">{ fill(s.history_chart_title, &[("unit", &v.unit)]) }</title>
                    { for c.bands.iter().map(|(y, h, color, name)| html! {
                        <g class="band">
                            <rect x={n1(l)} y={n1(*y)} width={n1(r - l)} height={n1(*h)} fill={color.clone()} fill-opacity="0.10" />
                            <text x={n1(r - 4.0)} y={n1(y + 12.0)} text-anchor="end" class="band-label" fill={color.clone()}>{ name }</text>
                        </g>
                    }) }
                    { for c.y_ticks.iter().map(|(y, text)| html! {
                        <g class="tick">
                            <line x1={n1(l)} x2={n1(r)} y1={n1(*y)} y2={n1(*y)} />
                            <text x={n1(l - 6.0)} y={n1(y + 4.0)} text-anchor="end">{ text }</text>
                        </g>
                    }) }
                    <line class="axis" x1={n1(l)} x2={n1(r)} y1={n1(b)} y2={n1(b)} />
                    <path class="line" d={c.path.clone()} />
                    { for c.points.iter().enumerate().map(|(i, (x, y, period, value))| {
                        let (a1, a2, a3) = (active.clone(), active.clone(), active.clone());
                        html! {
                            <g class="point">
                                <circle cx={n1(*x)} cy={n1(*y)} r="5" tabindex="0"
                                    aria-label={format!("{period}: {value}")}
                                    onmouseenter={Callback::from(move |_| a1.set(Some(i)))}
                                    onfocus={Callback::from(move |_| a2.set(Some(i)))}
                                    onblur={Callback::from(move |_| a3.set(None))}>
                                    <title>{ format!("{period}: {value}") }</title>
                                </circle>
                                <text class="x-label" x={n1(*x)} y={n1(b + 16.0)} text-anchor="middle">{ period }</text>
                            </g>
                        }
                    }) }
                    { for label }
                </svg>
                <figcaption>{ s.history_caption }</figcaption>
            </figure>
        }
    });
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
            { for chart }
            if !v.points.is_empty() {
                <div class="table-wrap" tabindex="0" role="region" aria-labelledby="history-table-caption">
                    <table class="history-table" id="history-table">
                        <caption id="history-table-caption">{ fill(s.history_table_caption, &[("unit", &v.unit)]) }</caption>
                        <thead><tr>
                            <th scope="col">{ s.history_period }</th>
                            <th scope="col" class="num">{ s.total }</th>
                            <th scope="col">{ s.band }</th>
                            <th scope="col" class="num">{ s.goal_rank }</th>
                            <th scope="col">{ s.history_check }</th>
                        </tr></thead>
                        <tbody>
                            { for v.points.iter().map(|p| html! {
                                <tr>
                                    <th scope="row">{ &p.period }</th>
                                    <td class="num">{ &p.total }</td>
                                    <td>{ &p.band }</td>
                                    <td class="num">{ &p.rank }</td>
                                    <td class={classes!(p.warning.is_some().then_some("warn-cell"))}>{ p.warning.clone().unwrap_or_default() }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </div>
            }
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
