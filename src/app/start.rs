//! Starting the app: the panic banner, the mount, and the engine's speed
//! figure for `make bench`.

use super::App;

/// Mounts the app on the page's body, with the crash banner ready
/// ([`super::crash`]).
pub fn start() {
    super::crash::install();
    yew::Renderer::<App>::new().render();
}

/// Engine speed in the browser, for `make bench`: scores the shipped table
/// `rounds` times and returns nanoseconds per unit. Exported by the module
/// (not used by the page itself).
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn bench_engine(rounds: u32) -> f64 {
    let method = crate::engine::profiles::default_profile();
    let reference = crate::engine::reference::shipped();
    let inputs: Vec<_> = reference.table.units.iter().map(|u| u.inputs(method)).collect();
    let now = || web_sys::window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or(0.0);
    let start = now();
    let mut check = 0i64;
    for _ in 0..rounds.max(1) {
        for i in &inputs {
            check += crate::engine::evaluate(method, i).total.unwrap_or(0);
        }
    }
    let elapsed = now() - start;
    // Keeps the work from being optimised away.
    if check == i64::MIN {
        return -1.0;
    }
    elapsed * 1e6 / (rounds.max(1) as f64 * inputs.len().max(1) as f64)
}

/// An element's id by its kind's name ("count", "3.3", "dossiers_channel_online"),
/// for the end-to-end tests' page object: the ids the app gives, from the
/// same functions ([`crate::view::ids::named`]). Exported by the module;
/// an empty string for an unknown kind.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn dom_id(kind: String, args: Vec<String>) -> String {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    crate::view::ids::named(&kind, &args).unwrap_or_default()
}

/// Stops the app as an internal error would, so that the end-to-end tests
/// can prove the crash banner and its download. Exported by the module
/// (not used by the page itself).
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn crash_for_test() {
    panic!("stopped on request (crash_for_test)");
}
