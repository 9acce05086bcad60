//! The app's reducer: the pure [`Session`] (with its reference tables), and
//! what only the shell has: a notice to show and the list of saved sessions.

use std::collections::BTreeSet;
use std::rc::Rc;

use yew::prelude::*;

use super::persist::{Keeper, Kept};
use crate::codec::DecodeError;
use crate::library;
use crate::session::{Action, Session};

#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    LinkFailed(DecodeError),
    /// The link left out other scenarios or the history (too long).
    LinkPartial,
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
    /// What the library of saved sessions says (saved beside another tab's
    /// work, storage full, a damaged entry, a link opened beside the work).
    Library(library::Notice),
    /// An action on a saved session failed.
    LibraryFailed(library::LibraryError),
    /// A workbook could not be written or read (why, in English from the crate).
    Workbook(String),
    /// The host's table (`?data=`) could not be fetched or read: why, and
    /// whether a copy from an earlier visit ranks instead of the shipped table.
    HostData {
        source: String,
        why: String,
        kept: bool,
    },
    /// About the host's data directory (loading, a file that failed), in
    /// the user's language.
    Directory(String),
}

impl Notice {
    /// Work that could not be stored: the notice offers it as a file.
    pub fn offers_file(&self) -> bool {
        matches!(self, Notice::StorageUnavailable | Notice::Library(library::Notice::Refused(_)))
    }
}

#[derive(Clone, PartialEq)]
pub struct State {
    /// Shared, so that the page, the effects and the panels hold the same
    /// session without copying it (an action makes one new copy).
    pub session: Rc<Session>,
    pub notice: Option<Notice>,
    /// The saved sessions, as last read.
    pub kept: Rc<Kept>,
    /// What the page shows open or folded (not saved): the indicators whose
    /// details are open, the groups folded.
    pub open: Rc<Disclosure>,
}

/// Indicators opened and groups folded by the user.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Disclosure {
    pub rows: BTreeSet<String>,
    pub folded: BTreeSet<String>,
}

pub enum Msg {
    Session(Action),
    Notice(Notice),
    Dismiss,
    /// Show another session (one opened from the list, another tab's newer
    /// save, a new one), with what to tell.
    Open(Box<Session>, Option<Notice>),
    /// The saved sessions changed.
    Kept(Rc<Kept>),
    /// Opens or closes an indicator's details.
    ToggleRow(String),
    /// Folds or unfolds a group.
    ToggleGroup(String),
    /// Shows an indicator with its details open (its group unfolded).
    Reveal {
        indicator: String,
        group: String,
    },
}

impl State {
    /// What the tab opens (see [`Keeper::start`]).
    pub fn initial(keeper: &Keeper) -> State {
        let (session, notice) = keeper.start();
        State { session: Rc::new(session), notice, kept: keeper.kept(), open: Rc::default() }
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
            Msg::Open(session, notice) => {
                next.session = Rc::new(*session);
                next.notice = notice;
            }
            Msg::Kept(kept) => next.kept = kept,
            Msg::ToggleRow(id) => flip(&mut Rc::make_mut(&mut next.open).rows, id),
            Msg::ToggleGroup(id) => flip(&mut Rc::make_mut(&mut next.open).folded, id),
            Msg::Reveal { indicator, group } => {
                let open = Rc::make_mut(&mut next.open);
                open.folded.remove(&group);
                if !indicator.is_empty() {
                    open.rows.insert(indicator);
                }
            }
        }
        Rc::new(next)
    }
}

fn flip(set: &mut BTreeSet<String>, id: String) {
    if !set.remove(&id) {
        set.insert(id);
    }
}
