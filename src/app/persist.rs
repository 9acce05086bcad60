//! Keeps the address bar and storage in step with the session without
//! slowing typing: writes wait until typing pauses ([`PAUSE_MS`]), and
//! anything pending is written when the page is hidden or closed.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_timers::callback::Timeout;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use super::{storage, url};
use crate::session::Session;

/// How long typing must pause before the address and storage are written.
pub const PAUSE_MS: u32 = 250;

struct Inner {
    session: Option<Rc<Session>>,
    timer: Option<Timeout>,
    /// Called when storage refuses a write.
    on_refused: Box<dyn Fn()>,
}

/// Marks the page while a write waits (`<html data-saving>`), so that a
/// test can wait for the write instead of sleeping.
fn mark_saving(on: bool) {
    if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = if on { root.set_attribute("data-saving", "") } else { root.remove_attribute("data-saving") };
    }
}

impl Inner {
    fn flush(&mut self) {
        self.timer = None;
        if let Some(s) = self.session.take() {
            url::replace(&crate::codec::to_link(&s));
            if !storage::save(&crate::codec::to_json(&s)) {
                (self.on_refused)();
            }
        }
        mark_saving(false);
    }
}

/// Writes the latest session once typing pauses.
pub struct Persister {
    inner: Rc<RefCell<Inner>>,
    _on_hide: Closure<dyn Fn()>,
}

impl Persister {
    pub fn new(on_refused: impl Fn() + 'static) -> Persister {
        let inner = Rc::new(RefCell::new(Inner { session: None, timer: None, on_refused: Box::new(on_refused) }));
        let on_hide = {
            let inner = inner.clone();
            Closure::<dyn Fn()>::new(move || {
                if let Ok(mut i) = inner.try_borrow_mut() {
                    i.flush();
                }
            })
        };
        if let Some(window) = web_sys::window() {
            let f = on_hide.as_ref().unchecked_ref();
            let _ = window.add_event_listener_with_callback("pagehide", f);
            let _ = window.add_event_listener_with_callback("visibilitychange", f);
        }
        Persister { inner, _on_hide: on_hide }
    }

    /// Records the latest session; it is written once typing pauses.
    pub fn schedule(&self, session: Rc<Session>) {
        let weak = Rc::downgrade(&self.inner);
        let mut i = self.inner.borrow_mut();
        i.session = Some(session);
        mark_saving(true);
        i.timer = Some(Timeout::new(PAUSE_MS, move || {
            if let Some(inner) = weak.upgrade() {
                if let Ok(mut i) = inner.try_borrow_mut() {
                    i.flush();
                }
            }
        }));
    }
}
