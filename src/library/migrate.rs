//! The session the earlier releases kept, moved into the library: the
//! first release wrote version 1 (short keys) under `vn766.session`, the
//! current one versions 2 and 3. It is copied into a new entry, and the old
//! key removed only once the copy is written; one that cannot be read is
//! left as it is, and said so.

use super::entry::{self, default_name};
use super::{Library, Meta, Notice, Store, StoreError};
use crate::catalog::Catalog;
use crate::codec::{self, DecodeError};

/// Where the earlier releases kept their one session.
pub const OLD_KEY: &str = "vn766.session";

/// What became of the earlier releases' session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Migration {
    /// Now an entry (the old key is removed).
    Moved(Meta),
    /// It cannot be read: the old key is kept untouched.
    Unreadable(DecodeError),
    /// The store refused the copy: the old key is kept untouched.
    Refused(StoreError),
}

impl Migration {
    /// What to tell the user, if anything (a move is silent).
    pub fn notice(&self) -> Option<Notice> {
        match self {
            Migration::Moved(_) => None,
            Migration::Unreadable(e) => Some(Notice::OldUnreadable(e.clone())),
            Migration::Refused(e) => Some(Notice::Refused(*e)),
        }
    }
}

impl Library {
    /// Moves the earlier releases' session, if there is one, into a new
    /// entry named after its unit and `date` ([`default_name`]), changed
    /// `now`. `catalog` holds the imported tables (read back first), so a
    /// session ranked against one opens. Run it at start, before listing.
    pub fn migrate(&mut self, store: &dyn Store, catalog: &Catalog, now: u64, date: &str) -> Option<Migration> {
        let text = store.get(OLD_KEY)?;
        let session = match codec::from_json(&text, catalog) {
            Ok(s) => s,
            Err(e) => return Some(Migration::Unreadable(e)),
        };
        let (_, value) = entry::encode(&session);
        // Another tab moved the same session a moment ago: only the old key is left to remove.
        let (good, _) = entry::scan(store, catalog);
        if let Some((moved, _)) = good.into_iter().find(|(e, _)| e.session == value) {
            store.remove(OLD_KEY);
            return Some(Migration::Moved(moved.meta()));
        }
        match self.add_value(store, default_name(&session, date), value, now) {
            Ok(meta) => {
                store.remove(OLD_KEY);
                Some(Migration::Moved(meta))
            }
            Err(e) => Some(Migration::Refused(e)),
        }
    }
}
