//! The one-page A4 report for leaders, shown only when printing: the unit,
//! period, method, total, band, rank, the six groups with bars, the top
//! levers and the scenario comparison.

use std::rc::Rc;

use yew::prelude::*;

use super::bar::bar;

use super::comparison::Comparison;
use super::Ctx;
use crate::derive::ReportView;
use crate::text::t;

#[derive(Properties, PartialEq)]
pub struct ReportProps {
    pub report: Rc<ReportView>,
}

/// Today as the user's calendar shows it: "23/11/2026" / "2026-11-23".
fn today(lang: crate::engine::Lang) -> String {
    if !super::IN_BROWSER {
        return String::new(); // prerendered: the app fills it in
    }
    let d = js_sys::Date::new_0();
    let (y, m, day) = (d.get_full_year(), d.get_month() + 1, d.get_date());
    match lang {
        crate::engine::Lang::Vi => format!("{day:02}/{m:02}/{y}"),
        crate::engine::Lang::En => format!("{y}-{m:02}-{day:02}"),
    }
}

#[function_component(Report)]
pub fn report(props: &ReportProps) -> Html {
    let ctx = use_context::<Ctx>().expect("Ctx");
    let s = t(ctx.lang);
    let props = &*props.report;
    let v = &props.summary;
    let rank = v.rank.map(|(r, of)| format!("{} {r}/{of}", s.rank_prefix)).unwrap_or_else(|| "—".into());
    html! {
        <section class="report" id="report" aria-hidden="true">
            <header>
                <h1>{ s.report_title }</h1>
                <p class="report-unit">{ &props.unit }</p>
                <p class="report-meta">
                    { format!(
                        "{}: {} · {}: {} · {}: {} · {} {}",
                        s.reference, props.period, s.profile, props.method, s.scenario, props.scenario, s.printed_on, today(ctx.lang)
                    ) }
                </p>
            </header>
            <div class="report-key">
                <div><span class="label">{ s.total }</span><strong id="report-total">{ format!("{}/{}", v.total, v.max_total) }</strong></div>
                <div><span class="label">{ s.band }</span><strong>{ v.band.as_ref().map(|b| b.name.clone()).unwrap_or_else(|| "—".into()) }</strong></div>
                <div><span class="label">{ s.rank }</span><strong>{ rank }</strong></div>
            </div>
            <table class="report-groups">
                <tbody>
                    { for v.groups.iter().map(|g| html! {
                        <tr>
                            <th scope="row">{ format!("{} {}", g.id, g.name) }</th>
                            <td class="bar-cell">{ bar(g.fraction) }</td>
                            <td class="num">{ format!("{}/{}", g.score, g.max) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            if let Some(p) = &props.plan {
                <h2>{ format!("{} {}", s.plan_for, p.goal) }</h2>
                <ol class="report-levers">
                    { for p.steps.iter().map(|step| html! { <li>{ step }</li> }) }
                </ol>
                <p class="report-plan-result">{ format!("{}: {}/{}", s.plan_result, p.total, p.max_total) }</p>
            }
            if !props.levers.is_empty() {
                <h2>{ s.report_levers }</h2>
                <ol class="report-levers">
                    { for props.levers.iter().take(5).map(|l| html! {
                        <li>{ format!("{} {}: {} {} {} ({})", l.owner, l.owner_name, l.per_point, s.points, s.per_point_of_rate, l.what) }</li>
                    }) }
                </ol>
            }
            <h2>{ s.comparison }</h2>
            <Comparison comparison={props.comparison.clone()} printed={true} />
            <footer><p>{ s.footer }</p></footer>
        </section>
    }
}
