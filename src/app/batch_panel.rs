//! Batch scoring: every unit of the reference table under a chosen method,
//! computed and published totals side by side, sortable, filterable, paged,
//! exportable. Scoring runs in chunks between frames, so the page keeps
//! responding; a progress bar shows when it takes longer than 100 ms.

use std::rc::Rc;

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::bar::bar;

use super::files;
use super::{Ctx, Shared};
use crate::engine::batch::{self, Scored};
use crate::engine::{format, profiles};
use crate::session::Session;
use crate::text::{fill, t};
use crate::view::{batch_csv, batch_view, BatchSort};

/// Units scored between two checks of the clock.
const CHUNK: usize = 100;
/// The page gets a turn at least this often (ms).
const SLICE_MS: f64 = 12.0;
const PER_PAGE: usize = 50;

#[derive(Properties, PartialEq)]
pub struct BatchPanelProps {
    /// The session: its reference table is scored, under its method unless
    /// another is chosen here.
    pub session: Shared<Session>,
}

#[derive(Clone, PartialEq)]
struct Results {
    table: String,
    profile: String,
    scored: Rc<Vec<Scored>>,
    millis: f64,
}

fn now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or(0.0)
}

#[function_component(BatchPanel)]
pub fn batch_panel(props: &BatchPanelProps) -> Html {
    let ctx = use_context::<Ctx>().expect("Ctx");
    let s = t(ctx.lang);
    let lang = ctx.lang;
    let profile = use_state(|| props.session.0.profile.clone());
    let results = use_state(|| None::<Results>);
    let progress = use_state(|| None::<(usize, usize, f64)>);
    let sort = use_state(|| (BatchSort::Rank, false));
    let filter = use_state(String::new);
    let page = use_state(|| 0usize);

    let reference = props.session.0.reference();
    let on_run = {
        let (results, progress, profile, page) = (results.clone(), progress.clone(), profile.clone(), page.clone());
        let reference = reference.clone();
        Callback::from(move |_: MouseEvent| {
            let (results, progress, page) = (results.clone(), progress.clone(), page.clone());
            let profile_id = (*profile).clone();
            let reference = reference.clone();
            let table_id = reference.id.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let method = profiles::get(&profile_id).unwrap_or_else(profiles::default_profile);
                let n = reference.table.units.len();
                let start = now();
                let mut slice = start;
                let mut scored = Vec::with_capacity(n);
                let mut done = 0;
                while done < n {
                    scored.extend(batch::score_range(method, &reference.table, done..done + CHUNK));
                    done = (done + CHUNK).min(n);
                    let t = now();
                    if done < n && t - slice > SLICE_MS {
                        if t - start > 100.0 {
                            progress.set(Some((done, n, t - start)));
                        }
                        // Let the page respond before the next slice.
                        gloo_timers::future::TimeoutFuture::new(0).await;
                        slice = now();
                    }
                }
                batch::rank(&mut scored, &reference.table);
                let millis = now() - start;
                progress.set(None);
                page.set(0);
                results.set(Some(Results { table: table_id, profile: profile_id, scored: Rc::new(scored), millis }));
            });
        })
    };
    let on_profile = {
        let profile = profile.clone();
        Callback::from(move |e: Event| profile.set(e.target_unchecked_into::<HtmlSelectElement>().value()))
    };
    let on_filter = {
        let (filter, page) = (filter.clone(), page.clone());
        Callback::from(move |e: InputEvent| {
            filter.set(e.target_unchecked_into::<HtmlInputElement>().value());
            page.set(0);
        })
    };
    // Results of another table or method are stale: not shown.
    let current = results.as_ref().filter(|r| r.table == reference.id);
    let table_html = current.map(|r| {
        let method = profiles::get(&r.profile).unwrap_or_else(profiles::default_profile);
        let v = batch_view(method, &reference.table, &r.scored, sort.0, sort.1, &filter, *page, PER_PAGE, lang);
        let header = |key: BatchSort, label: String, numeric: bool| {
            let (current, asc_now) = *sort;
            let active = current == key;
            let aria = if active { if asc_now { "ascending" } else { "descending" } } else { "none" };
            let handle = sort.clone();
            let onclick = Callback::from(move |_: MouseEvent| {
                let asc = if active { !asc_now } else { matches!(key, BatchSort::Code | BatchSort::Name | BatchSort::Kind) };
                handle.set((key, asc));
            });
            html! {
                <th scope="col" aria-sort={aria} class={classes!(numeric.then_some("num"))}>
                    <button type="button" class="sort" {onclick}>
                        { label }{ if active { if asc_now { " ▲" } else { " ▼" } } else { "" } }
                    </button>
                </th>
            }
        };
        let on_csv = {
            let (scored, reference) = (r.scored.clone(), reference.clone());
            Callback::from(move |_: MouseEvent| {
                let csv = batch_csv(method, &reference.table, &scored, lang);
                let _ = files::download("vn766-cham-diem.csv", "text/csv;charset=utf-8", csv.as_bytes());
            })
        };
        let on_xlsx = {
            let (session, dispatch, profile) = (props.session.clone(), ctx.dispatch.clone(), method.id.clone());
            Callback::from(move |_: MouseEvent| {
                let kind = super::sheets::Kind::Batch(profile.clone());
                super::sheets::download(kind, session.0.clone(), "vn766-cham-diem.xlsx".into(), dispatch.clone());
            })
        };
        let go = |to: usize| {
            let page = page.clone();
            Callback::from(move |_: MouseEvent| page.set(to))
        };
        html! {
            <>
                <p class="batch-summary" id="batch-summary" role="status">
                    { fill(s.batch_done, &[("n", &format::count(r.scored.len() as u64, lang))]) }
                    { format!(" {} ms. ", format::count(r.millis.round() as u64, lang)) }
                    { fill(s.batch_differ, &[("n", &format::count(v.differing as u64, lang))]) }
                </p>
                <div class="batch-tools">
                    <div class="field">
                        <label for="batch-filter">{ s.batch_filter }</label>
                        <input id="batch-filter" type="search" value={(*filter).clone()} oninput={on_filter} />
                    </div>
                    <button type="button" id="batch-xlsx" onclick={on_xlsx}>{ s.export_xlsx }</button>
                    <button type="button" id="batch-csv" onclick={on_csv}>{ s.export_csv }</button>
                </div>
                <div class="table-wrap">
                    <table class="batch" id="batch-table">
                        <thead><tr>
                            { header(BatchSort::Code, s.code.into(), false) }
                            { header(BatchSort::Name, s.unit.into(), false) }
                            { header(BatchSort::Kind, s.kind.into(), false) }
                            { for method.groups.iter().enumerate().map(|(g, group)| header(BatchSort::Group(g), group.id.clone(), true)) }
                            { header(BatchSort::Total, s.computed.into(), true) }
                            { header(BatchSort::Published, s.published.into(), true) }
                            { header(BatchSort::Difference, s.difference.into(), true) }
                            <th scope="col">{ s.band }</th>
                            { header(BatchSort::Rank, s.goal_rank.into(), true) }
                        </tr></thead>
                        <tbody>
                            { for v.rows.iter().map(|row| html! {
                                <tr class={classes!(row.differs.then_some("differs"))}>
                                    <td>{ &row.code }</td>
                                    <th scope="row">{ &row.name }</th>
                                    <td>{ &row.kind }</td>
                                    { for row.groups.iter().map(|g| html! { <td class="num">{ g }</td> }) }
                                    <td class="num"><strong>{ &row.total }</strong></td>
                                    <td class="num">{ &row.published }</td>
                                    <td class="num diff">{ &row.difference }</td>
                                    <td>{ &row.band }</td>
                                    <td class="num">{ &row.rank }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </div>
                <nav class="pager" aria-label={s.pages}>
                    <button type="button" disabled={v.page == 0} onclick={go(v.page.saturating_sub(1))}>{ "‹" }</button>
                    <span id="batch-page">{ format!("{} {}/{} · {} {}", s.page, v.page + 1, v.pages, v.matching, s.units) }</span>
                    <button type="button" disabled={v.page + 1 >= v.pages} onclick={go(v.page + 1)}>{ "›" }</button>
                </nav>
            </>
        }
    });
    html! {
        <section class="batch-panel" id="batch" aria-labelledby="batch-title">
            <h2 id="batch-title">{ s.batch }</h2>
            <p class="desc">{ fill(s.batch_intro, &[("table", reference.name.get(lang))]) }</p>
            <div class="batch-tools">
                <div class="field">
                    <label for="batch-profile">{ s.profile }</label>
                    <select id="batch-profile" onchange={on_profile}>
                        { for profiles::list().iter().map(|m| html! {
                            <option value={m.id.clone()} selected={m.id == *profile}>{ m.name.get(lang) }</option>
                        }) }
                    </select>
                </div>
                <button type="button" class="primary" id="batch-run" onclick={on_run} disabled={progress.is_some()}>
                    { fill(s.batch_run, &[("n", &format::count(reference.table.units.len() as u64, lang))]) }
                </button>
            </div>
            if let Some((done, n, _)) = *progress {
                <div class="progress" role="progressbar" aria-valuemin="0" aria-valuemax={n.to_string()} aria-valuenow={done.to_string()}>
                    { bar(done as f64 / n.max(1) as f64) }
                </div>
            }
            { for table_html }
        </section>
    }
}
