//! The web app (wasm32 only): a thin Yew shell over the engine.

use yew::prelude::*;

use crate::engine::reference::{self, PROVINCES_2026_CSV};
use crate::engine::{evaluate, format, profiles, Lang};

#[function_component(App)]
fn app() -> Html {
    let method = profiles::default_profile();
    let table = reference::read_csv(PROVINCES_2026_CSV.as_bytes()).unwrap_or_default();
    let Some(unit) = table.units.first() else {
        return html! { <p>{ "Không đọc được bảng tham chiếu" }</p> };
    };
    let ev = evaluate(method, &unit.inputs(method));
    let total = ev.total.map(|t| format::cents(t, Lang::Vi)).unwrap_or_else(|| "—".into());
    html! {
        <main>
            <h1>{ "Máy tính chỉ số 766" }</h1>
            <p>{ &unit.name }{ ": " }<output id="total">{ total }</output>{ " / 100" }</p>
        </main>
    }
}

/// Mounts the app on the page's body.
pub fn start() {
    yew::Renderer::<App>::new().render();
}
