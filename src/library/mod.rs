//! Saved work as a library (issue #13, "never lose the user's work"): every
//! session the user worked on is kept in the browser, each under its own
//! key with a name and when it last changed; the app opens the most recent
//! one and lists them all ("Phiên làm việc đã lưu"). Pure: storage is a
//! [`Store`] the app implements over `localStorage`, the time and a per-tab
//! random token are given by the caller.
//!
//! - [`store`]: the [`Store`] trait, [`StoreError`], and [`MemoryStore`] for tests.
//! - [`entry`]: the storage layout (`vn766.s.<id>` → an envelope
//!   `{ "id", "name", "changed", "rev", "session" }`, the session in the
//!   codec's schema, so its versions are upgraded as files and links are),
//!   the list, renaming, export, names.
//! - this file: [`Library`], one per tab: which entry the tab has open, at
//!   which revision; saving without overwriting another tab's work; links
//!   opened beside the user's work; duplicate, delete, import.
//! - `migrate`: the one session the earlier releases kept (`vn766.session`,
//!   schema versions 1 to 3) moved into the library.
//! - `notice`: [`LibraryError`] and [`Notice`], in Vietnamese and English.
//! - `start`: which session a tab opens ([`Library::start`], [`TabMark`]).
//!
//! How the app uses it: at start, [`Library::migrate`], then
//! [`Library::start`] (a link, the tab's own entry or the most recent one;
//! with nothing stored, [`Library::start_new`]); [`list`] for the list and its damaged
//! entries; [`Library::save`] whenever typing pauses and when the page is
//! hidden; [`Library::changed_elsewhere`] on the window's `storage` event.
//!
//! Two tabs never overwrite each other: a save compares the revision this
//! tab read with the stored one, and when another tab wrote in between,
//! this tab's work is saved as a new entry ("… (tab khác)") and the app is
//! told. Every change is a single write of one key, so a refused write
//! (storage full or blocked) leaves everything stored as it was.

use crate::catalog::Catalog;
use crate::codec;
use crate::engine::Lang;
use crate::session::Session;

pub mod entry;
mod migrate;
mod notice;
mod start;
pub mod store;

use entry::Envelope;
pub use entry::{default_name, export, list, rename, Damaged, Listing, Meta, MAX_ENTRY_NAME, PREFIX};
pub use migrate::{Migration, OLD_KEY};
pub use notice::{LibraryError, Notice};
use serde_json::Value;
pub use start::{Link, Start, TabMark};
pub use store::{Memory, MemoryStore, Store, StoreError};

/// One tab's view of the library.
#[derive(Clone, Debug)]
pub struct Library {
    /// Makes this tab's ids unlike another tab's (given by the caller).
    token: String,
    /// The last id number this tab used.
    next: u64,
    open: Open,
    /// The codec's text of the session as last read or written: saving the
    /// same again writes nothing.
    last: Option<String>,
    /// A save was refused and the user told; a successful one resets it.
    refused: bool,
}

/// What this tab has open.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Open {
    /// A stored entry, at the revision this tab last read or wrote.
    Stored { id: String, rev: u64, name: String },
    /// A session not stored yet (a new one, a link's): stored as a new
    /// entry, named `name`, by the first save that changes it.
    Unsaved { name: String, link: bool },
}

/// An entry opened: what the list shows of it, and its session.
#[derive(Clone, Debug, PartialEq)]
pub struct Opened {
    pub meta: Meta,
    pub session: Session,
}

/// What a save did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Saved {
    /// Nothing changed since the last read or write: nothing written.
    Unchanged,
    /// The open entry, written at its next revision.
    Written(Meta),
    /// A new session's first save: a new entry.
    Created(Meta),
    /// A link's session, edited: a new entry (the user's others untouched).
    LinkSaved(Meta),
    /// Another tab wrote this entry since this tab read it: this tab's work
    /// is a new entry beside it, which this tab now has open.
    Forked(Meta),
    /// Another tab deleted this entry: this tab's work is a new entry.
    Recreated(Meta),
}

impl Saved {
    /// What to tell the user, if anything.
    pub fn notice(&self) -> Option<Notice> {
        match self {
            Saved::Unchanged | Saved::Written(_) | Saved::Created(_) => None,
            Saved::LinkSaved(m) => Some(Notice::LinkSaved { name: m.name.clone() }),
            Saved::Forked(m) => Some(Notice::Forked { name: m.name.clone() }),
            Saved::Recreated(m) => Some(Notice::Recreated { name: m.name.clone() }),
        }
    }
}

/// A save the store refused: nothing stored changed, this tab keeps its work.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Refused {
    pub error: StoreError,
    /// The first refusal since the last successful save: tell the user
    /// (once) and offer the file export.
    pub first: bool,
}

impl Refused {
    /// The notice to show: only for the first refusal in a row.
    pub fn notice(&self) -> Option<Notice> {
        self.first.then_some(Notice::Refused(self.error))
    }
}

/// What a `storage` event means for this tab.
#[derive(Clone, Debug, PartialEq)]
pub enum Elsewhere {
    /// Not the library's.
    Unrelated,
    /// Another entry changed (or only this one's name): refresh the list.
    ListChanged,
    /// Another tab saved this tab's session. With no edits waiting, show it
    /// and call [`Library::follow`] ([`Notice::ChangedElsewhere`]); with
    /// edits waiting, keep them: the next save makes them a new entry.
    Newer(Box<Opened>),
    /// Another tab deleted this tab's session ([`Notice::DeletedElsewhere`]):
    /// its next edit is saved as a new entry.
    Deleted,
    /// Another tab left this tab's entry unreadable: the next save makes a new entry.
    Damaged(codec::DecodeError),
}

impl Library {
    /// A tab's library. `token` should be random per tab (a few letters
    /// and digits; others are dropped): it keeps the ids two tabs create
    /// at the same moment apart.
    pub fn new(token: &str) -> Library {
        let mut token: String = token.chars().filter(char::is_ascii_alphanumeric).take(24).collect();
        if token.is_empty() {
            token = "tab".into();
        }
        Library { token, next: 0, open: Open::Unsaved { name: String::new(), link: false }, last: None, refused: false }
    }

    /// The id of the entry this tab has open (`None`: not stored yet).
    pub fn open_id(&self) -> Option<&str> {
        match &self.open {
            Open::Stored { id, .. } => Some(id),
            Open::Unsaved { .. } => None,
        }
    }

    /// Opens entry `id` in this tab (save the current session first).
    pub fn open(&mut self, store: &dyn Store, id: &str, catalog: &Catalog) -> Result<Opened, LibraryError> {
        let envelope = entry::existing(store, id)?;
        let session = entry::decode(&envelope, catalog).map_err(LibraryError::Damaged)?;
        let opened = Opened { meta: envelope.meta(), session };
        self.follow(&opened);
        Ok(opened)
    }

    /// Opens the most recently changed entry that can be read (`None`: none).
    pub fn open_recent(&mut self, store: &dyn Store, catalog: &Catalog) -> Option<Opened> {
        let (good, _) = entry::scan(store, catalog);
        let (envelope, session) = good.into_iter().next()?;
        let opened = Opened { meta: envelope.meta(), session };
        self.follow(&opened);
        Some(opened)
    }

    /// This tab now shows `opened` (an entry another tab saved, see
    /// [`Elsewhere::Newer`]): its revision is the one this tab has read.
    pub fn follow(&mut self, opened: &Opened) {
        let Meta { id, name, rev, .. } = opened.meta.clone();
        self.open = Open::Stored { id, rev, name };
        self.last = Some(codec::to_json(&opened.session));
    }

    /// This tab works on a session not stored yet (the default view, or a
    /// file opened in it): it becomes entry `name` at the first save that
    /// changes it, so an untouched view is not stored.
    pub fn start_new(&mut self, session: &Session, name: &str) {
        self.open = Open::Unsaved { name: name.to_string(), link: false };
        self.last = Some(codec::to_json(session));
    }

    /// This tab shows a link's session beside the user's work: nothing
    /// stored changes until the user edits it; then it becomes a new entry
    /// named `name` (the link's unit, [`default_name`]). The app tells the
    /// user where their work is ([`Notice::LinkOpened`]).
    pub fn open_link(&mut self, session: &Session, name: &str) {
        self.start_new(session, name);
        self.open = Open::Unsaved { name: name.to_string(), link: true };
    }

    /// Saves this tab's session at time `now` (ms since 1970). Never
    /// overwrites what another tab wrote since this tab read it.
    pub fn save(&mut self, store: &dyn Store, session: &Session, now: u64) -> Result<Saved, Refused> {
        let (text, value) = entry::encode(session);
        if self.last.as_deref() == Some(text.as_str()) {
            return Ok(Saved::Unchanged);
        }
        let lang = session.lang;
        let result = match self.open.clone() {
            Open::Unsaved { name, link } => {
                let saved = if link { Saved::LinkSaved } else { Saved::Created };
                match entry::clip(&name) {
                    Some(name) => self.create(store, name, value, now).map(saved),
                    // Named after its unit, and renamed with it until the user names it.
                    None => self.create_auto(store, default_name(session, ""), value, now).map(saved),
                }
            }
            Open::Stored { id, rev, name } => match entry::read(store, &id) {
                None => self.create(store, name, value, now).map(Saved::Recreated),
                Some(Err(_)) => self.create(store, entry::fork_name(&name, lang), value, now).map(Saved::Forked),
                // Another tab stored the very same work: nothing to keep apart.
                Some(Ok(stored)) if stored.rev != rev && stored.session == value => {
                    self.open = Open::Stored { id, rev: stored.rev, name: stored.name };
                    Ok(Saved::Unchanged)
                }
                Some(Ok(stored)) if stored.rev != rev => {
                    self.create(store, entry::fork_name(&stored.name, lang), value, now).map(Saved::Forked)
                }
                // Its name may have changed in another tab: that stays; a name
                // the app made follows the unit.
                Some(Ok(stored)) => {
                    let name = if stored.auto { default_name(session, "") } else { stored.name };
                    let envelope = Envelope { id, name, changed: now, rev: rev + 1, session: value, auto: stored.auto };
                    entry::write(store, &envelope).map(|()| {
                        self.open =
                            Open::Stored { id: envelope.id.clone(), rev: envelope.rev, name: envelope.name.clone() };
                        Saved::Written(envelope.meta())
                    })
                }
            },
        };
        match result {
            Ok(saved) => {
                self.last = Some(text);
                self.refused = false;
                Ok(saved)
            }
            Err(error) => Err(Refused { error, first: !std::mem::replace(&mut self.refused, true) }),
        }
    }

    /// Writes a new entry and opens it in this tab.
    fn create(&mut self, store: &dyn Store, name: String, session: Value, now: u64) -> Result<Meta, StoreError> {
        self.create_entry(store, name, session, now, false)
    }

    /// [`Library::create`] with a name the app made, which follows the unit.
    fn create_auto(&mut self, store: &dyn Store, name: String, session: Value, now: u64) -> Result<Meta, StoreError> {
        self.create_entry(store, name, session, now, true)
    }

    fn create_entry(
        &mut self,
        store: &dyn Store,
        name: String,
        session: Value,
        now: u64,
        auto: bool,
    ) -> Result<Meta, StoreError> {
        let envelope = Envelope { id: self.fresh_id(store), name, changed: now, rev: 1, session, auto };
        entry::write(store, &envelope)?;
        let meta = envelope.meta();
        self.open = Open::Stored { id: meta.id.clone(), rev: meta.rev, name: meta.name.clone() };
        Ok(meta)
    }

    /// Writes a new entry under a fresh id.
    fn add_value(&mut self, store: &dyn Store, name: String, session: Value, now: u64) -> Result<Meta, StoreError> {
        let envelope = Envelope { id: self.fresh_id(store), name, changed: now, rev: 1, session, auto: false };
        entry::write(store, &envelope)?;
        Ok(envelope.meta())
    }

    /// An id no entry has: this tab's token and a number.
    fn fresh_id(&mut self, store: &dyn Store) -> String {
        loop {
            self.next += 1;
            let id = format!("{}-{}", self.token, self.next);
            if store.get(&entry::key_of(&id)).is_none() {
                return id;
            }
        }
    }

    /// What a `storage` event for `key` (`None`: the store was cleared)
    /// means for this tab. Changes nothing: see [`Library::follow`].
    pub fn changed_elsewhere(&self, store: &dyn Store, key: Option<&str>, catalog: &Catalog) -> Elsewhere {
        let ours = match (&self.open, key) {
            (_, Some(k)) if entry::id_of(k).is_none() => return Elsewhere::Unrelated,
            (Open::Stored { id, rev, .. }, None) => (id, rev),
            (Open::Stored { id, rev, .. }, Some(k)) if entry::id_of(k) == Some(id.as_str()) => (id, rev),
            _ => return Elsewhere::ListChanged,
        };
        match entry::read(store, ours.0) {
            None => Elsewhere::Deleted,
            Some(Err(e)) => Elsewhere::Damaged(e),
            Some(Ok(stored)) if stored.rev == *ours.1 => Elsewhere::ListChanged,
            Some(Ok(stored)) => match entry::decode(&stored, catalog) {
                Ok(session) => Elsewhere::Newer(Box::new(Opened { meta: stored.meta(), session })),
                Err(e) => Elsewhere::Damaged(e),
            },
        }
    }

    /// Stores `session` as a new entry named `name` (this tab's open entry stays).
    pub fn add(&mut self, store: &dyn Store, session: &Session, name: &str, now: u64) -> Result<Meta, LibraryError> {
        let name = entry::clip(name).unwrap_or_else(|| default_name(session, ""));
        self.add_value(store, name, entry::encode(session).1, now).map_err(LibraryError::Refused)
    }

    /// A copy of entry `id` as stored ("… (bản sao)"), changed now: save
    /// this tab's session first when it is the one copied.
    pub fn duplicate(&mut self, store: &dyn Store, id: &str, lang: Lang, now: u64) -> Result<Meta, LibraryError> {
        let original = entry::existing(store, id)?;
        self.add_value(store, entry::copy_name(&original.name, lang), original.session, now)
            .map_err(LibraryError::Refused)
    }

    /// Reads a file ([`codec::from_file_bytes`]: any version) into a new entry.
    pub fn import(
        &mut self,
        store: &dyn Store,
        bytes: &[u8],
        name: &str,
        now: u64,
        catalog: &Catalog,
    ) -> Result<Meta, LibraryError> {
        let session = codec::from_file_bytes(bytes, catalog).map_err(LibraryError::File)?;
        self.add(store, &session, name, now)
    }

    /// Deletes entry `id`. When this tab has it open, the tab's session is
    /// no longer stored: an edit of it would be saved as a new entry (the
    /// app opens another one instead).
    pub fn delete(&mut self, store: &dyn Store, id: &str) {
        store.remove(&entry::key_of(id));
        if let Open::Stored { id: open, name, .. } = &self.open {
            if open == id {
                self.open = Open::Unsaved { name: name.clone(), link: false };
            }
        }
    }
}

#[cfg(test)]
mod tests;
