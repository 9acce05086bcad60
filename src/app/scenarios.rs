//! The scenarios: one button per scenario (the calculator edits the one
//! pressed), its name, and new / duplicate / delete.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use std::rc::Rc;

use super::{use_send, Ctx};
use crate::session::Action;
use crate::text::t;

#[derive(Properties, PartialEq)]
pub struct ScenarioBarProps {
    /// Display names, in order.
    pub names: Rc<Vec<String>>,
    /// The selected scenario's name as typed (may be blank).
    pub name: AttrValue,
    pub selected: usize,
    pub max: usize,
}

#[function_component(ScenarioBar)]
pub fn scenario_bar(props: &ScenarioBarProps) -> Html {
    let ctx = use_context::<Ctx>().expect("Ctx");
    let s = t(ctx.lang);
    let send = use_send();
    let on = |a: Action| send.reform(move |_: MouseEvent| a.clone());
    let index = props.selected;
    let onrename = send.reform(move |e: InputEvent| {
        let name = e.target_unchecked_into::<HtmlInputElement>().value();
        Action::RenameScenario { index, name }
    });
    let full = props.names.len() >= props.max;
    html! {
        <section class="scenarios" aria-labelledby="scenarios-title">
            <h2 id="scenarios-title">{ s.scenarios }</h2>
            <div class="scenario-tabs" role="group" aria-label={s.scenarios}>
                { for props.names.iter().enumerate().map(|(i, name)| html! {
                    <button type="button" class="scenario" aria-pressed={(i == props.selected).to_string()}
                        onclick={on(Action::SelectScenario(i))}>{ name }</button>
                }) }
            </div>
            <div class="scenario-tools">
                <div class="field">
                    <label for="scenario-name">{ s.scenario_name }</label>
                    <input id="scenario-name" type="text" maxlength="60" value={props.name.clone()}
                        placeholder={props.names.get(props.selected).cloned().unwrap_or_default()} oninput={onrename} />
                </div>
                <button type="button" id="scenario-new" disabled={full} onclick={on(Action::NewScenario)}>{ s.scenario_new }</button>
                <button type="button" id="scenario-duplicate" disabled={full} onclick={on(Action::DuplicateScenario)}>{ s.scenario_duplicate }</button>
                <button type="button" id="scenario-delete" disabled={props.names.len() < 2}
                    onclick={on(Action::DeleteScenario(props.selected))}>{ s.scenario_delete }</button>
            </div>
        </section>
    }
}
