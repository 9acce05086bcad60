//! One indicator: its name, inputs (counts or a rate), rate, points and how
//! they were computed.

use std::rc::Rc;

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::bar::bar;

use super::badge::badge;
use super::field::NumberField;
use super::state::Msg;
use super::{use_send, Ctx};
use crate::engine::Lang;
use crate::session::{step_rate, Action};
use crate::text::{t, Texts};
use crate::view::{ids, RowView};

#[derive(Properties, PartialEq)]
pub struct IndicatorRowProps {
    pub row: Rc<RowView>,
    /// Its details are shown (the counts, formula, how computed).
    pub open: bool,
}

/// Arrow keys step a rate by 0,1; PageUp/PageDown by 1.
fn step_of(e: &KeyboardEvent) -> Option<i64> {
    match e.key().as_str() {
        "ArrowUp" => Some(1),
        "ArrowDown" => Some(-1),
        "PageUp" => Some(10),
        "PageDown" => Some(-10),
        _ => None,
    }
}

/// One indicator on one line (its name, its rate as a field, its points of
/// its maximum and a bar), with its details on demand: the counts or the
/// slider, the formula, the description, "Cách tính".
#[function_component(IndicatorRow)]
pub fn indicator_row(props: &IndicatorRowProps) -> Html {
    let ctx = use_context::<Ctx>().expect("Ctx");
    let s = t(ctx.lang);
    let row = &props.row;
    let send = use_send();

    let name_id = format!("{}-name", row.dom_id);
    let more_id = format!("{}-more", row.dom_id);
    let points = html! {
        <div class="ind-points">
            <output class="points" id={ids::points(&row.id)}>{ &row.points }</output>
            <span class="max">{ format!("\u{a0}/ {}", row.max) }</span>
            if let Some(cur) = &row.current_points {
                <span class="from" id={ids::current_points(&row.id)}>{ format!("({cur})") }</span>
            }
            { bar(row.fraction) }
        </div>
    };
    if row.display_only {
        return html! {
            <article class="ind display-only" id={row.dom_id.clone()} aria-labelledby={name_id.clone()}>
                <div class="ind-line">
                    <h3 class="ind-name" id={name_id}>
                        <span class="ind-id">{ &row.id }</span>{ " " }{ &row.name }
                    </h3>
                    <p class="desc">{ s.display_only }</p>
                </div>
            </article>
        };
    }
    let ontoggle = {
        let dispatch = ctx.dispatch.clone();
        let id = row.id.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Msg::ToggleRow(id.clone())))
    };
    // The line's rate: typing there tries that rate (rate mode on).
    let line_field = |current: bool| {
        let send = send.clone();
        let row = row.clone();
        Callback::from(move |text: String| send.emit(row.try_rate(text, current)))
    };
    let on_key = {
        let send = send.clone();
        let row = row.clone();
        let lang = ctx.lang;
        Callback::from(move |e: KeyboardEvent| {
            if let Some(step) = step_of(&e) {
                e.prevent_default();
                if let Some(next) = step_rate(&row.line_rate, step, lang) {
                    send.emit(row.try_rate(next, false));
                }
            }
        })
    };
    let on_reset = {
        let send = send.clone();
        let id = row.id.clone();
        Callback::from(move |_| send.emit(Action::ResetRate(id.clone())))
    };
    let current = row.current_rate.as_ref().map(|cur| {
        let (send, id) = (send.clone(), row.id.clone());
        html! {
            <NumberField
                id={cur.dom_id.clone()}
                label={format!("{} {} ({})", s.rate_field, row.id, s.current_value)}
                short={AttrValue::Static(s.current_value)}
                value={cur.text.clone()}
                error={cur.error.clone().map(AttrValue::from)}
                changed={!cur.text.trim().is_empty()}
                reset_label={AttrValue::Static(s.reset_current)}
                inputmode="decimal"
                suffix={AttrValue::Static("%")}
                select_on_focus=true
                oninput={line_field(true)}
                onreset={Callback::from(move |_| send.emit(Action::ResetCurrent(id.clone())))}
            />
        }
    });
    let rate_field = html! {
        <NumberField
            id={row.rate_dom_id.clone()}
            label={match &row.current_rate {
                Some(_) => format!("{} {} ({})", s.rate_field, row.id, s.try_value),
                None => format!("{} {}", s.rate_field, row.id),
            }}
            short={AttrValue::Static(if row.current_rate.is_some() { s.try_value } else { s.rate })}
            value={row.line_rate.clone()}
            error={row.rate_error.clone().map(AttrValue::from)}
            changed={row.rate_changed}
            inputmode="decimal"
            suffix={AttrValue::Static("%")}
            select_on_focus=true
            oninput={line_field(false)}
            onreset={on_reset}
            onkeydown={on_key}
        />
    };

    html! {
        <article class={classes!("ind", props.open.then_some("open"), row.error.is_some().then_some("invalid"), row.in_remainder.then_some("in-rest"))}
            id={row.dom_id.clone()} aria-labelledby={name_id.clone()}>
            <div class="ind-line">
                <h3 class="ind-name">
                    <button type="button" class="ind-toggle" id={name_id} aria-expanded={props.open.to_string()}
                        aria-controls={more_id.clone()} onclick={ontoggle}>
                        <span class="ind-id">{ &row.id }</span>{ " " }{ &row.name }
                    </button>
                    { badge(row.confidence, ctx.lang) }
                </h3>
                <div class={classes!("ind-rate", current.is_some().then_some("pair"))}>
                    { for current }
                    { rate_field }
                </div>
                { points }
            </div>
            if let Some(e) = &row.error { <p class="error" role="status">{ e }</p> }
            <div class="ind-more" id={more_id} hidden={!props.open}>
                <p class="desc">
                    { &row.description }
                    if let Some(target) = &row.target { <span class="target">{ format!(" ({target})") }</span> }
                </p>
                { details(row, s, ctx.lang, &send) }
                <p class="rate-line">{ format!("{}: ", s.rate) }<output id={ids::rate_out(&row.id)}>{ &row.rate }</output></p>
                <details class="how">
                    <summary>{ s.how_computed }</summary>
                    <p class="explanation">{ &row.explanation }</p>
                    <p class="source">{ format!("{}: {}", s.source, row.source) }</p>
                </details>
            </div>
        </article>
    }
}

/// The details' inputs: the mode, then the counts (with their current
/// values where the table does not hold them) or the slider.
fn details(row: &RowView, s: &Texts, lang: Lang, send: &Callback<Action>) -> Html {
    let mode_button = |rate: bool, label: &'static str| {
        let send = send.clone();
        let id = row.id.clone();
        let prefill = row.rate_prefill.clone();
        let current_prefill = row.current_rate_prefill.clone();
        let pressed = row.rate_mode == rate;
        let onclick = Callback::from(move |_: MouseEvent| {
            send.emit(Action::SetRateMode {
                indicator: id.clone(),
                on: rate,
                prefill: prefill.clone(),
                current_prefill: current_prefill.clone(),
            })
        });
        html! { <button type="button" aria-pressed={pressed.to_string()} {onclick}>{ label }</button> }
    };
    let inputs = if row.rate_mode { slider(row, s, lang, send) } else { counts(row, s, send) };
    html! {
        <>
            <div class="mode" role="group" aria-label={format!("{}: {} {}", s.input_mode, row.id, row.name)}>
                { mode_button(false, s.counts_mode) }
                { mode_button(true, s.rate_mode) }
            </div>
            { inputs }
        </>
    }
}

fn counts(row: &RowView, s: &Texts, send: &Callback<Action>) -> Html {
    html! {
        <>
            <div class="fields">
                { for row.fields.iter().map(|f| {
                    let (q1, q2) = (f.quantity.clone(), f.quantity.clone());
                    let (send1, send2) = (send.clone(), send.clone());
                    let hint = (!f.shared_with.is_empty())
                        .then(|| AttrValue::from(format!("{} {}", s.shared_with, f.shared_with.join(", "))));
                    let tried = html! {
                        <NumberField
                            key={f.dom_id.clone()}
                            id={f.dom_id.clone()}
                            label={match &f.current { Some(_) => format!("{} ({})", f.label, s.try_value), None => f.label.clone() }}
                            value={f.text.clone()}
                            {hint}
                            error={f.error.clone().map(AttrValue::from)}
                            changed={f.changed}
                            oninput={Callback::from(move |text| send1.emit(Action::SetCount { quantity: q1.clone(), text }))}
                            onreset={Callback::from(move |_| send2.emit(Action::ResetCount(q2.clone())))}
                        />
                    };
                    match &f.current {
                        None => tried,
                        Some(cur) => {
                            let (q, send1, send2, ind) = (f.quantity.clone(), send.clone(), send.clone(), row.id.clone());
                            html! {
                                <div class="field-pair" key={cur.dom_id.clone()}>
                                    <NumberField
                                        id={cur.dom_id.clone()}
                                        label={format!("{} ({})", f.label, s.current_value)}
                                        value={cur.text.clone()}
                                        error={cur.error.clone().map(AttrValue::from)}
                                        changed={!cur.text.trim().is_empty()}
                                        reset_label={AttrValue::Static(s.reset_current)}
                                        oninput={Callback::from(move |text| send1.emit(Action::SetCurrentCount { quantity: q.clone(), text }))}
                                        onreset={Callback::from(move |_| send2.emit(Action::ResetCurrent(ind.clone())))}
                                    />
                                    { tried }
                                </div>
                            }
                        }
                    }
                }) }
            </div>
            <p class="formula">{ &row.formula }</p>
        </>
    }
}

fn slider(row: &RowView, s: &Texts, lang: Lang, send: &Callback<Action>) -> Html {
    let id = row.id.clone();
    let on_slide = {
        let send = send.clone();
        let id = id.clone();
        Callback::from(move |e: InputEvent| {
            let v = e.target_unchecked_into::<HtmlInputElement>().value();
            send.emit(Action::SetRate { indicator: id.clone(), text: crate::view::slider_text(&v, lang) })
        })
    };
    let on_slide_key = {
        let send = send.clone();
        let text = row.rate_text.clone();
        Callback::from(move |e: KeyboardEvent| {
            // Arrow keys move the slider by its step (0,1) natively.
            if let Some(step @ (10 | -10)) = step_of(&e) {
                e.prevent_default();
                if let Some(next) = step_rate(&text, step, lang) {
                    send.emit(Action::SetRate { indicator: id.clone(), text: next });
                }
            }
        })
    };
    let slider_id = ids::slider(&row.id);
    html! {
        <div class="rate-input">
            <label for={slider_id.clone()}>{ format!("{} {}", s.rate_slider, row.id) }</label>
            <input id={slider_id} type="range" min="0" max="100" step="0.1"
                value={crate::view::slider_value(row.slider)}
                aria-valuetext={row.rate_text.clone()}
                oninput={on_slide} onkeydown={on_slide_key} />
        </div>
    }
}
