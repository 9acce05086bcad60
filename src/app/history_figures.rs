//! A history's figures: its chart (the bands behind) and the table beside
//! it; for the history typed or imported, and for the one a data
//! directory's series draws.

use std::rc::Rc;

use yew::prelude::*;

use super::Ctx;
use crate::history::tenths as n1;
use crate::text::{fill, t};
use crate::view::HistoryView;

#[derive(Properties, PartialEq)]
pub struct HistoryFiguresProps {
    pub view: Rc<HistoryView>,
    /// The prefix of its element ids ("history", "series").
    pub prefix: AttrValue,
    /// The table behind a "show the figures" line, closed at first (a
    /// directory's series: the chart says it, the table has every date).
    #[prop_or_default]
    pub folded: bool,
}

#[function_component(HistoryFigures)]
pub fn history_figures(props: &HistoryFiguresProps) -> Html {
    let ctx = use_context::<Ctx>().expect("Ctx");
    let s = t(ctx.lang);
    let v = &props.view;
    let active = use_state(|| None::<usize>);
    let chart = v.chart.as_ref().map(|c| {
        let (l, _, r, b) = c.plot;
        let label = active.and_then(|i| c.points.get(i)).map(|(x, y, period, value)| {
            let anchor = if *x > c.width * 0.75 { "end" } else if *x < c.width * 0.25 { "start" } else { "middle" };
            html! { <text class="chart-value" x={n1(*x)} y={n1(y - 10.0)} text-anchor={anchor}>{ format!("{period}: {value}") }</text> }
        });
        html! {
            <figure class="chart">
                <svg viewBox={format!("0 0 {} {}", n1(c.width), n1(c.height))} role="img" aria-labelledby={format!("{}-chart-title", props.prefix)}
                    focusable="false" preserveAspectRatio="xMidYMid meet">
                    <title id={format!("{}-chart-title", props.prefix)}>{ fill(s.history_chart_title, &[("unit", &v.unit)]) }</title>
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
                            </g>
                        }
                    }) }
                    { for c.axis.iter().map(|(x, text, anchor)| html! {
                        <text class="x-label" x={n1(*x)} y={n1(b + 16.0)} text-anchor={*anchor}>{ text }</text>
                    }) }
                    { for label }
                </svg>
                <figcaption>{ s.history_caption }</figcaption>
            </figure>
        }
    });
    let table = html! {
                    <div class="table-wrap" tabindex="0" role="region" aria-labelledby={format!("{}-table-caption", props.prefix)}>
                        <table class="history-table" id={format!("{}-table", props.prefix)}>
                            <caption id={format!("{}-table-caption", props.prefix)}>{ fill(s.history_table_caption, &[("unit", &v.unit)]) }</caption>
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
    };
    html! {
        <>
            { for chart }
            if v.points.is_empty() {
            } else if props.folded {
                <details class="figures">
                    <summary>{ fill(s.history_show_table, &[("n", &v.points.len().to_string())]) }</summary>
                    { table }
                </details>
            } else {
                { table }
            }
        </>
    }
}
