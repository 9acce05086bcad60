//! "Điểm còn thiếu": where the unit loses points, largest first, each with
//! what full marks on it alone would give; one action on a line opens that
//! indicator with its field focused, in the scenario being edited.

use std::rc::Rc;

use yew::prelude::*;

use super::state::Msg;
use super::Ctx;
use crate::text::{fill, t};
use crate::view::{MissingLine, MissingView};

#[derive(Properties, PartialEq)]
pub struct MissingPanelProps {
    pub missing: Rc<MissingView>,
}

/// Lines shown before "see all".
const SHOWN: usize = 5;

/// Focuses the field `id` once the app has drawn what was revealed.
fn focus_later(id: String) {
    gloo_timers::callback::Timeout::new(0, move || {
        let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(&id)) else {
            return;
        };
        if let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el) {
            el.scroll_into_view_with_bool(false);
            let _ = el.focus();
        }
    })
    .forget();
}

fn line(l: &MissingLine, ctx: &Ctx) -> Html {
    let s = t(ctx.lang);
    html! {
        <li key={l.id.clone()}>
            <div class="m-text">
                <span class="m-name">{ &l.label }</span>
                <span class="m-figures">
                    if let Some(rate) = &l.rate { <span class="m-rate">{ rate }</span> }
                    <span class="m-points">{ &l.points }</span>
                    <span class="m-lost">{ format!("{} {}", s.missing_lost, l.lost) }</span>
                </span>
                <span class="m-full">{ &l.full }</span>
            </div>
            <div class="m-actions">
                { for l.actions.iter().map(|a| {
                    let (dispatch, indicator, group, field) =
                        (ctx.dispatch.clone(), a.indicator.clone(), a.group.clone(), a.field.clone());
                    let onclick = Callback::from(move |_: MouseEvent| {
                        dispatch.dispatch(Msg::Reveal { indicator: indicator.clone(), group: group.clone() });
                        focus_later(field.clone());
                    });
                    html! { <button type="button" class="m-try" title={a.title.clone()} aria-label={a.title.clone()} {onclick}>{ &a.label }</button> }
                }) }
            </div>
        </li>
    }
}

#[function_component(MissingPanel)]
pub fn missing_panel(props: &MissingPanelProps) -> Html {
    let ctx = use_context::<Ctx>().expect("Ctx");
    let s = t(ctx.lang);
    let m = &props.missing;
    let (first, rest) = m.lines.split_at(m.lines.len().min(SHOWN));
    html! {
        <section class="missing" id="missing" aria-labelledby="missing-title">
            <h2 id="missing-title">{ s.missing_title }</h2>
            <p class="m-headline" id="missing-headline">{ &m.headline }</p>
            <ol class="m-list">
                { for first.iter().map(|l| line(l, &ctx)) }
            </ol>
            if !rest.is_empty() {
                <details class="m-more">
                    <summary>{ fill(s.missing_more, &[("n", &m.lines.len().to_string())]) }</summary>
                    <ol class="m-list" start={(SHOWN + 1).to_string()}>
                        { for rest.iter().map(|l| line(l, &ctx)) }
                    </ol>
                </details>
            }
        </section>
    }
}
