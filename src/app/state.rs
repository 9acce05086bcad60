//! The app's reducer: the pure [`Session`] plus what the shell needs (a
//! notice to show).

use std::rc::Rc;

use yew::prelude::*;

use super::{storage, url};
use crate::codec::{self, DecodeError};
use crate::session::{Action, Session};

#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    LinkFailed(DecodeError),
    /// The link left out other scenarios or the history (too long).
    LinkPartial,
    StorageFailed(DecodeError),
    StorageUnavailable,
    /// A file import succeeded (the number of scenarios).
    Imported(usize),
    /// A file import failed: why (already in the user's language).
    ImportFailed(String),
    /// This visit runs a newer version than the last one.
    Updated,
}

#[derive(Clone, Debug, PartialEq)]
pub struct State {
    pub session: Session,
    pub notice: Option<Notice>,
}

pub enum Msg {
    Session(Action),
    Notice(Notice),
    Dismiss,
}

impl State {
    /// The view from the address (a shared link), else the last session,
    /// else the default. Imported tables are read back first, so that a
    /// session ranked against one finds it.
    pub fn initial() -> State {
        if let Some(text) = storage::load_tables() {
            codec::restore_tables(&text);
        }
        let options = super::embed::options();
        let mut state = if let Some(link) = url::read() {
            match codec::from_link(&link) {
                Ok((session, false)) => State { session, notice: None },
                Ok((session, true)) => State { session, notice: Some(Notice::LinkPartial) },
                Err(e) => State { session: Session::default(), notice: Some(Notice::LinkFailed(e)) },
            }
        } else {
            match storage::load() {
                Err(()) => State { session: Session::default(), notice: Some(Notice::StorageUnavailable) },
                Ok(None) => State { session: Session::default(), notice: None },
                Ok(Some(text)) => match codec::from_json(&text) {
                    Ok(session) => State { session, notice: None },
                    Err(e) => State { session: Session::default(), notice: Some(Notice::StorageFailed(e)) },
                },
            }
        };
        // A shared link is the whole view: the address options do not apply.
        if url::read().is_none() {
            options.apply_to(&mut state.session);
        }
        if state.notice.is_none() && super::embed::was_updated() {
            state.notice = Some(Notice::Updated);
        }
        state
    }
}

impl Reducible for State {
    type Action = Msg;

    fn reduce(self: Rc<Self>, msg: Msg) -> Rc<Self> {
        let mut next = (*self).clone();
        match msg {
            Msg::Session(action) => next.session.apply(action),
            Msg::Notice(n) => next.notice = Some(n),
            Msg::Dismiss => next.notice = None,
        }
        Rc::new(next)
    }
}
