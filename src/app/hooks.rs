//! Hooks of the app.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_timers::callback::Timeout;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::state::Msg;
use super::Ctx;
use crate::session::Action;

/// How a component changes the session: `send.emit(Action::…)`.
#[hook]
pub fn use_send() -> Callback<Action> {
    let ctx = use_context::<Ctx>().expect("Ctx");
    use_callback(ctx.dispatch, |action: Action, dispatch| dispatch.dispatch(Msg::Session(action)))
}

/// A value shared by pointer: equal only to itself, so that a prop holding
/// it redraws a component when it is replaced, never by comparing contents.
pub struct Shared<T>(pub Rc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// The value as it was when it last stopped changing for `ms`
/// milliseconds: heavier work (the planner, the printed report) follows
/// typing without running on every keystroke.
#[hook]
pub fn use_settled<T: Clone + PartialEq + 'static>(value: T, ms: u32) -> T {
    let settled = use_state(|| value.clone());
    let timer: Rc<RefCell<Option<Timeout>>> = use_mut_ref(|| None);
    {
        let settled = settled.clone();
        use_effect_with(value, move |v| {
            if *v == *settled {
                timer.borrow_mut().take();
            } else {
                let v = v.clone();
                *timer.borrow_mut() = Some(Timeout::new(ms, move || settled.set(v)));
            }
        });
    }
    (*settled).clone()
}

/// Whether the page is being printed (from `beforeprint` to `afterprint`,
/// or while print media is emulated).
#[hook]
pub fn use_printing() -> bool {
    let printing = use_state(|| false);
    {
        let printing = printing.clone();
        use_effect_with((), move |_| {
            let window = web_sys::window();
            let set = |on: bool| {
                let printing = printing.clone();
                Closure::<dyn Fn()>::new(move || printing.set(on))
            };
            let (before, after) = (set(true), set(false));
            let media = window.as_ref().and_then(|w| w.match_media("print").ok().flatten());
            let on_media = {
                let printing = printing.clone();
                let media = media.clone();
                Closure::<dyn Fn()>::new(move || printing.set(media.as_ref().is_some_and(|m| m.matches())))
            };
            if let Some(w) = &window {
                let _ = w.add_event_listener_with_callback("beforeprint", before.as_ref().unchecked_ref());
                let _ = w.add_event_listener_with_callback("afterprint", after.as_ref().unchecked_ref());
            }
            if let Some(m) = &media {
                let _ = m.add_event_listener_with_callback("change", on_media.as_ref().unchecked_ref());
            }
            // The listeners live as long as the page.
            before.forget();
            after.forget();
            on_media.forget();
        });
    }
    *printing
}
