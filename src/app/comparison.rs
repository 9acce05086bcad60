//! Scenarios side by side: each group's score, the total, band and rank,
//! with the differences from the published figures marked.

use std::rc::Rc;

use yew::prelude::*;

use super::{use_send, Ctx};
use crate::session::Action;
use crate::text::t;
use crate::view::ComparisonView;

#[derive(Properties, PartialEq)]
pub struct ComparisonProps {
    pub comparison: Rc<ComparisonView>,
    /// Compact (for the printed report): no buttons.
    #[prop_or_default]
    pub printed: bool,
}

#[function_component(Comparison)]
pub fn comparison(props: &ComparisonProps) -> Html {
    let ctx = use_context::<Ctx>().expect("Ctx");
    let send = use_send();
    let s = t(ctx.lang);
    let v = &props.comparison;
    let head = |(name, baseline, selected, index): &(String, bool, bool, Option<usize>)| {
        let class = classes!(baseline.then_some("baseline"), selected.then_some("selected"));
        match (index, props.printed) {
            (Some(i), false) => {
                let i = *i;
                let onclick = send.reform(move |_: MouseEvent| Action::SelectScenario(i));
                html! {
                    <th scope="col" {class}>
                        <button type="button" class="link" aria-pressed={selected.to_string()} {onclick}>{ name }</button>
                    </th>
                }
            }
            _ => html! { <th scope="col" {class}>{ name }</th> },
        }
    };
    html! {
        <div class="comparison table-wrap">
            <table id={if props.printed { "report-comparison" } else { "comparison" }}>
                <caption class="visually-hidden">{ s.comparison }</caption>
                <thead>
                    <tr><th scope="col">{ s.item }</th>{ for v.columns.iter().map(head) }</tr>
                </thead>
                <tbody>
                    { for v.rows.iter().map(|r| html! {
                        <tr class={classes!(r.key.then_some("key"))}>
                            <th scope="row">{ &r.label }</th>
                            { for r.cells.iter().zip(&v.columns).map(|(c, col)| {
                                let class = classes!(
                                    "num",
                                    col.2.then_some("selected"),
                                    c.better.map(|b| if b { "better" } else { "worse" }),
                                );
                                html! {
                                    <td {class}>
                                        { &c.text }
                                        if let Some(d) = &c.delta { <span class="delta-small">{ format!(" ({d})") }</span> }
                                    </td>
                                }
                            }) }
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}
