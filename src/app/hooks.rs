//! Hooks of the app.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_timers::callback::Timeout;
use yew::prelude::*;

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
