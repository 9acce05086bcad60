//! One group of indicators: its score, the given-score switch, its rows.

use std::rc::Rc;

use yew::prelude::*;

use super::bar::bar;

use super::badge::badge;
use super::field::NumberField;
use super::indicator_row::IndicatorRow;
use super::state::{Disclosure, Msg};
use super::{use_send, Ctx};
use crate::session::Action;
use crate::text::t;
use crate::view::{ids, GroupView};

#[derive(Properties, PartialEq)]
pub struct GroupSectionProps {
    pub group: Rc<GroupView>,
    /// Which indicators are open, which groups folded.
    pub open: Rc<Disclosure>,
}

#[function_component(GroupSection)]
pub fn group_section(props: &GroupSectionProps) -> Html {
    let ctx = use_context::<Ctx>().expect("Ctx");
    let s = t(ctx.lang);
    let g = &props.group;
    let send = use_send();
    let title_id = format!("group-{}-title", g.id);
    let toggle_id = ids::given_mode(&g.id);
    let folded = props.open.folded.contains(&g.id);
    let body_id = format!("group-{}-body", g.id);
    let on_fold = {
        let dispatch = ctx.dispatch.clone();
        let id = g.id.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Msg::ToggleGroup(id.clone())))
    };

    let on_toggle = {
        let send = send.clone();
        let id = g.id.clone();
        let on = !g.given_mode;
        let prefill = g.score_prefill.clone();
        Callback::from(move |_: Event| {
            send.emit(Action::SetGivenMode { group: id.clone(), on, prefill: prefill.clone() })
        })
    };
    let on_reset_group = {
        let send = send.clone();
        let id = g.id.clone();
        Callback::from(move |_: MouseEvent| send.emit(Action::ResetGroup(id.clone())))
    };
    let on_given = {
        let send = send.clone();
        let id = g.id.clone();
        Callback::from(move |text| send.emit(Action::SetGiven { group: id.clone(), text }))
    };
    let on_current_score = {
        let send = send.clone();
        let id = g.id.clone();
        Callback::from(move |text| send.emit(Action::SetCurrentScore { group: id.clone(), text }))
    };
    let on_current_score_reset = {
        let send = send.clone();
        let id = g.id.clone();
        Callback::from(move |_| send.emit(Action::SetCurrentScore { group: id.clone(), text: String::new() }))
    };
    let on_given_reset = {
        let send = send.clone();
        let id = g.id.clone();
        Callback::from(move |_| send.emit(Action::ResetGiven(id.clone())))
    };

    html! {
        <section class={classes!("group", g.given_mode.then_some("given"))} id={ids::group(&g.id)} aria-labelledby={title_id.clone()}>
            <header class="group-head">
                <h2>
                    <button type="button" class="fold" id={title_id.clone()} aria-expanded={(!folded).to_string()}
                        aria-controls={body_id.clone()} onclick={on_fold}>
                        <span class="group-code">{ &g.id }</span>{ " " }{ &g.name }
                    </button>
                    { badge(g.confidence, ctx.lang) }
                </h2>
                <div class="group-score">
                    <output id={ids::group_score(&g.id)}>{ &g.score }</output>
                    <span class="max">{ format!(" / {}", g.max) }</span>
                    { bar(g.fraction) }
                </div>
            </header>
            <div class="group-body" id={body_id} hidden={folded}>
            <div class="group-tools">
                <label class="switch" for={toggle_id.clone()}>
                    <input type="checkbox" id={toggle_id} checked={g.given_mode} onchange={on_toggle} />
                    { s.given_mode }
                </label>
                if g.changed {
                    <button type="button" class="link" onclick={on_reset_group}>{ s.reset_group }</button>
                }
            </div>
            if let Some(cur) = &g.current_score {
                <NumberField
                    id={cur.dom_id.clone()}
                    label={format!("{} {} (0–{})", s.current_score, g.id, g.max)}
                    value={cur.text.clone()}
                    error={cur.error.clone().map(AttrValue::from)}
                    changed={!cur.text.trim().is_empty()}
                    reset_label={AttrValue::Static(s.reset_current)}
                    inputmode="decimal"
                    oninput={on_current_score}
                    onreset={on_current_score_reset}
                />
            }
            if let (Some(r), false) = (&g.remainder, g.given_mode) {
                <p class={classes!("remainder", r.warning.is_some().then_some("warning"))} id={ids::rest(&g.id)}
                    role="status">
                    { &r.text }
                    if let Some(w) = &r.warning { <br /><span class="error">{ w }</span> }
                </p>
            }
            if g.needs_current && !g.given_mode {
                <p class="note current-note">{ s.current_note }</p>
            }
            if g.given_mode {
                <NumberField
                    id={g.given_dom_id.clone()}
                    label={format!("{} {} (0–{})", s.given_score, g.id, g.max)}
                    value={g.given_text.clone()}
                    error={g.given_error.clone().map(AttrValue::from)}
                    changed={g.given_changed}
                    inputmode="decimal"
                    oninput={on_given}
                    onreset={on_given_reset}
                />
                <p class="note">{ s.given_note }</p>
            } else {
                { for g.rows.iter().map(|r| html! {
                    <IndicatorRow key={r.id.clone()} row={r.clone()} open={props.open.rows.contains(&r.id)} />
                }) }
            }
            </div>
        </section>
    }
}
