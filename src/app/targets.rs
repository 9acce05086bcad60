//! The "Mục tiêu / Targets" panel: a goal (points, band or rank), the
//! cheapest plan in plain words with "apply", and the levers table with the
//! cost weights and locks.

use std::rc::Rc;

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::field::NumberField;
use super::{use_send, Ctx};
use crate::session::{Action, GoalKind};
use crate::text::t;
use crate::view::{ids, TargetStatus, TargetsView};

#[derive(Properties, PartialEq)]
pub struct TargetsProps {
    pub targets: Rc<TargetsView>,
    /// The plan is being worked out again (for what was typed since).
    pub stale: bool,
}

#[function_component(Targets)]
pub fn targets(props: &TargetsProps) -> Html {
    let ctx = use_context::<Ctx>().expect("Ctx");
    let s = t(ctx.lang);
    let v = &props.targets;
    let send = use_send();

    let kind_radio = |kind: GoalKind, label: &'static str, id: &'static str| {
        let send = send.clone();
        let onchange = Callback::from(move |_: Event| send.emit(Action::SetGoal { kind, value: String::new() }));
        html! {
            <label class="radio" for={id}>
                <input type="radio" name="goal-kind" id={id} checked={v.kind == kind} {onchange} />
                { label }
            </label>
        }
    };
    let value_input = match v.kind {
        GoalKind::Points | GoalKind::Rank => {
            let kind = v.kind;
            let send1 = send.clone();
            let send2 = send.clone();
            let (id, label) = if kind == GoalKind::Points {
                ("goal-points", s.goal_points_field)
            } else {
                ("goal-rank", s.goal_rank_field)
            };
            let hint = (kind == GoalKind::Rank).then(|| AttrValue::from(format!("1–{}", v.rank_of)));
            html! {
                <NumberField id={id} label={label} value={v.value.clone()} {hint}
                    error={v.error.clone().map(AttrValue::from)}
                    inputmode={if kind == GoalKind::Points { "decimal" } else { "numeric" }}
                    oninput={Callback::from(move |value| send1.emit(Action::SetGoal { kind, value }))}
                    onreset={Callback::from(move |_| send2.emit(Action::SetGoal { kind, value: String::new() }))} />
            }
        }
        GoalKind::Band => {
            let send = send.clone();
            let onchange = Callback::from(move |e: Event| {
                let value = e.target_unchecked_into::<HtmlSelectElement>().value();
                send.emit(Action::SetGoal { kind: GoalKind::Band, value })
            });
            html! {
                <div class="field">
                    <label for="goal-band">{ s.goal_band_field }</label>
                    <select id="goal-band" {onchange}>
                        <option value="" selected={v.value.is_empty()}>{ s.choose }</option>
                        { for v.bands.iter().map(|(id, name)| html! {
                            <option value={id.clone()} selected={*id == v.value}>{ name }</option>
                        }) }
                    </select>
                </div>
            }
        }
    };

    let has_goal = v.levers.iter().any(|l| l.alone.is_some());
    // The levers table is drawn only while it is open.
    let levers_open = use_state(|| false);
    let on_toggle = {
        let levers_open = levers_open.clone();
        Callback::from(move |_: Event| levers_open.set(!*levers_open))
    };
    let status = match &v.status {
        TargetStatus::NoGoal => html! { <p class="muted">{ s.no_goal }</p> },
        TargetStatus::FixInputs => html! { <p class="warn">{ s.fix_inputs_first }</p> },
        TargetStatus::Met { goal } => html! { <p class="ok" id="goal-met">{ format!("{} {goal}", s.goal_met) }</p> },
        TargetStatus::Plan(p) => {
            let apply = {
                let send = send.clone();
                let (counts, rates) = (p.apply_counts.clone(), p.apply_rates.clone());
                Callback::from(move |_: MouseEvent| {
                    send.emit(Action::ApplyPlan { counts: counts.clone(), rates: rates.clone() })
                })
            };
            let apply_new = {
                let send = send.clone();
                let (counts, rates, name) = (p.apply_counts.clone(), p.apply_rates.clone(), p.goal.clone());
                Callback::from(move |_: MouseEvent| {
                    send.emit(Action::ApplyPlanAsScenario {
                        name: name.clone(),
                        counts: counts.clone(),
                        rates: rates.clone(),
                    })
                })
            };
            let rank = p.rank.map(|(r, of)| format!(" · {} {r}/{of}", s.rank_prefix)).unwrap_or_default();
            let band = p.band.as_ref().map(|b| format!(" · {}", b.name)).unwrap_or_default();
            html! {
                <div class="plan" id="plan">
                    if p.reachable {
                        <p class="plan-goal">{ format!("{} {}:", s.plan_for, p.goal) }</p>
                    } else {
                        <p class="warn">{ format!("{} {}", s.unreachable, p.total) }</p>
                    }
                    <ol class="steps">
                        { for p.steps.iter().map(|step| html! { <li>{ step }</li> }) }
                    </ol>
                    <p class="plan-result" id="plan-result">
                        { format!("{}: {}/{} ({} {}){band}{rank}", s.plan_result, p.total, p.max_total, p.gain, s.points) }
                    </p>
                    if !p.steps.is_empty() {
                        <div class="buttons">
                            <button type="button" class="primary" id="apply-plan" onclick={apply} disabled={props.stale}>{ s.apply }</button>
                            <button type="button" id="apply-plan-new" onclick={apply_new} disabled={props.stale}>{ s.apply_as_scenario }</button>
                        </div>
                    }
                </div>
            }
        }
    };

    html! {
        <section class="targets" id="targets" aria-labelledby="targets-title">
            <h2 id="targets-title">{ s.targets }</h2>
            <p class="desc">{ s.targets_intro }</p>
            <div class="goal">
                <fieldset class="goal-kind">
                    <legend>{ s.goal_by }</legend>
                    { kind_radio(GoalKind::Points, s.goal_points, "goal-kind-points") }
                    { kind_radio(GoalKind::Band, s.goal_band, "goal-kind-band") }
                    { kind_radio(GoalKind::Rank, s.goal_rank, "goal-kind-rank") }
                </fieldset>
                { value_input }
            </div>
            <div class={classes!("plan-status", props.stale.then_some("stale"))} aria-live="polite" aria-busy={props.stale.to_string()}
                data-stale={props.stale.then_some("true")}>
                { status }
            </div>
            if let Some(fixed) = &v.fixed {
                <p class="note" id="plan-fixed">{ fixed }</p>
            }
            <details class="levers" ontoggle={on_toggle}>
                <summary>{ format!("{} ({})", s.levers, v.levers.len()) }</summary>
                if *levers_open {
                <p class="note">{ s.levers_note }</p>
                <div class="table-wrap">
                    <table>
                        <thead>
                            <tr>
                                <th scope="col">{ s.lever_indicator }</th>
                                <th scope="col">{ s.lever_change }</th>
                                <th scope="col" class="num">{ s.lever_per_point }</th>
                                <th scope="col" class="num">{ s.lever_per_hundred }</th>
                                <th scope="col">{ s.lever_headroom }</th>
                                if has_goal { <th scope="col">{ s.lever_alone }</th> }
                                <th scope="col">{ s.lever_weight }</th>
                                <th scope="col">{ s.lever_locked }</th>
                            </tr>
                        </thead>
                        <tbody>
                            { for v.levers.iter().map(|l| {
                                let (w_id, lock_id) = (ids::weight(&l.owner), ids::lock(&l.owner));
                                let (owner1, owner2) = (l.owner.clone(), l.owner.clone());
                                let (send1, send2) = (send.clone(), send.clone());
                                let locked = l.locked;
                                let on_weight = Callback::from(move |e: InputEvent| {
                                    let text = e.target_unchecked_into::<HtmlInputElement>().value();
                                    send1.emit(Action::SetWeight { indicator: owner1.clone(), text })
                                });
                                let on_lock = Callback::from(move |_: Event| send2.emit(Action::SetLock { indicator: owner2.clone(), on: !locked }));
                                html! {
                                    <tr key={format!("{}{}", l.owner, l.what)} class={classes!(l.locked.then_some("locked"))}>
                                        <th scope="row"><span class="ind-id">{ &l.owner }</span>{ " " }{ &l.owner_name }</th>
                                        <td>{ &l.what }</td>
                                        <td class="num">{ &l.per_point }</td>
                                        <td class="num">{ &l.per_hundred }</td>
                                        <td>{ &l.headroom }</td>
                                        if has_goal { <td class="alone">{ l.alone.clone().unwrap_or_default() }</td> }
                                        <td>
                                            <label class="visually-hidden" for={w_id.clone()}>{ format!("{} {}", s.lever_weight, l.owner) }</label>
                                            <input id={w_id} class="weight" type="text" inputmode="decimal" placeholder="1"
                                                value={l.weight.clone()} oninput={on_weight}
                                                aria-invalid={if l.weight_error.is_some() { "true" } else { "false" }} />
                                            if let Some(e) = &l.weight_error { <span class="error">{ e }</span> }
                                        </td>
                                        <td>
                                            <label class="visually-hidden" for={lock_id.clone()}>{ format!("{} {}", s.lever_locked, l.owner) }</label>
                                            <input id={lock_id} type="checkbox" checked={l.locked} onchange={on_lock} />
                                        </td>
                                    </tr>
                                }
                            }) }
                        </tbody>
                    </table>
                </div>
                }
            </details>
        </section>
    }
}
