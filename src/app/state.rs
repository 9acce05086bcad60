//! The app's reducer: the pure [`Session`] (with its reference tables) plus
//! the one thing only the shell has, a notice to show.

use std::rc::Rc;

use yew::prelude::*;

use super::{storage, url};
use crate::catalog::Catalog;
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
    /// Imported tables too large to keep (characters).
    TablesTooLarge(usize),
    /// The browser refused to keep the imported tables.
    TablesRefused,
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
        let mut tables = Catalog::default();
        if let Some(text) = storage::load_tables() {
            codec::restore_tables(&text, &mut tables);
        }
        let fresh = || Session { tables: tables.clone(), ..Session::default() };
        let link = url::read();
        let (mut session, mut notice) = if let Some(link) = &link {
            match codec::from_link(link, &tables) {
                Ok((session, false)) => (session, None),
                Ok((session, true)) => (session, Some(Notice::LinkPartial)),
                Err(e) => (fresh(), Some(Notice::LinkFailed(e))),
            }
        } else {
            match storage::load() {
                Err(()) => (fresh(), Some(Notice::StorageUnavailable)),
                Ok(None) => (fresh(), None),
                Ok(Some(text)) => match codec::from_json(&text, &tables) {
                    Ok(session) => (session, None),
                    Err(e) => (fresh(), Some(Notice::StorageFailed(e))),
                },
            }
        };
        // A shared link is the whole view: the address options do not apply.
        if link.is_none() {
            super::embed::options().apply_to(&mut session);
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
