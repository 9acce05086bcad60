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
    /// Shared, so that the page, the effects and the panels hold the same
    /// session without copying it (an action makes one new copy).
    pub session: Rc<Session>,
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
        let (session, notice) = State::restore();
        State { session: Rc::new(session), notice }
    }

    fn restore() -> (Session, Option<Notice>) {
        if let Some(text) = storage::load_tables() {
            codec::restore_tables(&text);
        }
        let options = super::embed::options();
        let (mut session, mut notice) = if let Some(link) = url::read() {
            match codec::from_link(&link) {
                Ok((session, false)) => (session, None),
                Ok((session, true)) => (session, Some(Notice::LinkPartial)),
                Err(e) => (Session::default(), Some(Notice::LinkFailed(e))),
            }
        } else {
            match storage::load() {
                Err(()) => (Session::default(), Some(Notice::StorageUnavailable)),
                Ok(None) => (Session::default(), None),
                Ok(Some(text)) => match codec::from_json(&text) {
                    Ok(session) => (session, None),
                    Err(e) => (Session::default(), Some(Notice::StorageFailed(e))),
                },
            }
        };
        // A shared link is the whole view: the address options do not apply.
        if url::read().is_none() {
            options.apply_to(&mut session);
        }
        if notice.is_none() && super::embed::was_updated() {
            notice = Some(Notice::Updated);
        }
        (session, notice)
    }
}

impl Reducible for State {
    type Action = Msg;

    fn reduce(self: Rc<Self>, msg: Msg) -> Rc<Self> {
        let mut next = (*self).clone();
        match msg {
            Msg::Session(action) => Rc::make_mut(&mut next.session).apply(action),
            Msg::Notice(n) => next.notice = Some(n),
            Msg::Dismiss => next.notice = None,
        }
        Rc::new(next)
    }
}
