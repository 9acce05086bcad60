//! The summary, always in view: total, band, hypothetical rank, the change
//! against the published figures, the six groups, and what needs fixing.

use std::rc::Rc;

use yew::prelude::*;

use super::bar::bar;

use super::{use_send, Ctx};
use crate::session::Action;
use crate::text::t;
use crate::view::{summary_lines, SummaryView};

#[derive(Properties, PartialEq)]
pub struct SummaryProps {
    pub summary: Rc<SummaryView>,
    /// The change since the previous date of the data directory's series.
    #[prop_or_default]
    pub since: Option<AttrValue>,
}

fn focus(id: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    if let Some(el) = doc.get_element_by_id(id) {
        el.scroll_into_view();
        if let Ok(input) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el) {
            let _ = input.focus();
        }
    }
}

fn scroll_to(id: &str) {
    if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(id)) {
        el.scroll_into_view();
    }
}

#[function_component(Summary)]
pub fn summary(props: &SummaryProps) -> Html {
    let ctx = use_context::<Ctx>().expect("Ctx");
    let send = use_send();
    let s = t(ctx.lang);
    let v = &props.summary;
    let lines = summary_lines(v, ctx.lang);
    let on_first = {
        let id = v.first_issue.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(id) = &id {
                focus(id);
            }
        })
    };
    let on_reset_all = {
        let dispatch = send.clone();
        dispatch.reform(|_: MouseEvent| Action::ResetAll)
    };
    // The band's colour is set through the CSSOM (not a style attribute),
    // which a strict Content-Security-Policy allows.
    let chip = use_node_ref();
    {
        let chip = chip.clone();
        let color = v.band.as_ref().map(|b| b.color.clone());
        use_effect_with(color, move |color| {
            if let Some(el) = chip.cast::<web_sys::HtmlElement>() {
                let style = el.style();
                let _ = match color {
                    Some(c) => style.set_property("background-color", c),
                    None => style.remove_property("background-color").map(|_| ()),
                };
            }
        });
    }
    html! {
        <section class="summary" aria-label={s.summary}>
            <div class="summary-main">
                <div class="metric total">
                    <span class="label">{ s.total }</span>
                    <span class="value"><output id="total" aria-live="polite" aria-atomic="true">{ &v.total }</output><span class="of">{ format!("/{}", v.max_total) }</span></span>
                </div>
                <div class="metric band">
                    <span class="label">{ s.band }</span>
                    <output id="band" ref={chip} class={classes!("band-chip", v.band.is_none().then_some("none"))} aria-live="polite" aria-atomic="true">
                        { v.band.as_ref().map(|b| b.name.clone()).unwrap_or_else(|| "—".into()) }
                    </output>
                    if v.band.as_ref().is_some_and(|b| b.estimate) {
                        <span class="badge estimate" title={s.estimate_title}>{ s.estimate }</span>
                    }
                </div>
                <div class="metric rank">
                    <span class="label">{ s.rank }</span>
                    <output id="rank" aria-live="polite" aria-atomic="true">{ &lines.rank }</output>
                </div>
            </div>
            // The change against the published figures and, from a data
            // directory, since its previous date: one block.
            if lines.delta.is_some() || props.since.is_some() {
                <div class="deltas">
                    if let Some(d) = &lines.delta {
                        <p class="delta" id="delta">{ d }</p>
                    }
                    if let Some(since) = &props.since {
                        <p class="delta since" id="since">{ since }</p>
                    }
                </div>
            }
            if let Some(next) = &lines.next {
                <p class="next" id="next-rank">{ next }</p>
            }
            if let Some(text) = &lines.issues {
                <p class="issues" id="issues" role="status">
                    <span>{ text }</span>
                    if v.issues > 0 && v.first_issue.is_some() {
                        <button type="button" class="link" onclick={on_first}>{ s.fix_first }</button>
                    }
                </p>
            }
            <ul class="bars" aria-label={s.groups}>
                { for v.groups.iter().map(|g| {
                    let target = crate::view::ids::group(&g.id);
                    let onclick = Callback::from(move |_: MouseEvent| scroll_to(&target));
                    html! {
                    <li key={g.id.clone()} id={crate::view::ids::bar(&g.id)}>
                        <button type="button" class="bar-name" title={g.name.clone()} {onclick}>{ &g.id }</button>
                        { bar(g.fraction) }
                        <span class="bar-value">{ format!("{}/{}", g.score, g.max) }</span>
                    </li>
                }}) }
            </ul>
            if v.has_baseline {
                <button type="button" class="link reset-all" onclick={on_reset_all}>{ s.reset_all }</button>
            }
        </section>
    }
}
