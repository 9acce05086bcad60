//! What the library tells the user, in Vietnamese and English: why an
//! action on an entry failed ([`LibraryError`]), and the notices the app
//! shows after a save, at start or when another tab changed something
//! ([`Notice`]).

use std::fmt;

use super::entry::Damaged;
use super::store::StoreError;
use crate::codec::DecodeError;
use crate::engine::Lang;
use crate::text::{self, fill};

/// Why an action on an entry (open, rename, duplicate, export, import) failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LibraryError {
    /// No such entry (another tab may have deleted it).
    Missing,
    /// The entry cannot be read.
    Damaged(DecodeError),
    /// A file to import cannot be read.
    File(DecodeError),
    /// The store refused the write; nothing changed.
    Refused(StoreError),
    /// A name cannot be blank.
    BlankName,
}

/// Something the app should tell the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    /// A link opened beside the user's work (`saved` entries, unchanged).
    LinkOpened { saved: usize },
    /// The link's session, edited, is saved as a new entry.
    LinkSaved { name: String },
    /// Another tab changed this tab's session: this tab's work went to a new entry.
    Forked { name: String },
    /// Another tab deleted this tab's session: this tab's work went to a new entry.
    Recreated { name: String },
    /// Another tab changed this tab's session, and this tab now shows it.
    ChangedElsewhere,
    /// Another tab deleted this tab's session.
    DeletedElsewhere,
    /// The store refused a save: the tab works on, the work is not stored.
    Refused(StoreError),
    /// An entry that cannot be read was skipped.
    Damaged(Damaged),
    /// The session saved by an earlier release cannot be read (it is kept).
    OldUnreadable(DecodeError),
}

impl StoreError {
    /// What happened, to follow "could not save:".
    pub fn message(self, lang: Lang) -> String {
        let t = text::t(lang);
        match self {
            StoreError::Full => t.store_full,
            StoreError::Unavailable => t.store_unavailable,
        }
        .into()
    }
}

impl LibraryError {
    pub fn message(&self, lang: Lang) -> String {
        let t = text::t(lang);
        match self {
            LibraryError::Missing => t.library_missing.into(),
            LibraryError::Damaged(e) => fill(t.library_damaged, &[("why", &e.message(lang))]),
            LibraryError::File(e) => fill(t.library_file, &[("why", &e.message(lang))]),
            LibraryError::Refused(e) => fill(t.library_refused, &[("why", &e.message(lang))]),
            LibraryError::BlankName => t.library_blank_name.into(),
        }
    }
}

impl Notice {
    pub fn message(&self, lang: Lang) -> String {
        let t = text::t(lang);
        match self {
            Notice::LinkOpened { saved: 0 } => t.notice_link_opened_first.into(),
            Notice::LinkOpened { saved } => fill(t.notice_link_opened, &[("n", &saved.to_string())]),
            Notice::LinkSaved { name } => fill(t.notice_link_saved, &[("name", name)]),
            Notice::Forked { name } => fill(t.notice_forked, &[("name", name)]),
            Notice::Recreated { name } => fill(t.notice_recreated, &[("name", name)]),
            Notice::ChangedElsewhere => t.notice_changed_elsewhere.into(),
            Notice::DeletedElsewhere => t.notice_deleted_elsewhere.into(),
            Notice::Refused(e) => fill(t.notice_refused, &[("why", &e.message(lang))]),
            Notice::Damaged(d) => fill(
                t.notice_damaged,
                &[("name", d.name.as_deref().unwrap_or(&d.key)), ("why", &d.error.message(lang))],
            ),
            Notice::OldUnreadable(e) => fill(t.notice_old_unreadable, &[("why", &e.message(lang))]),
        }
    }
}

impl fmt::Display for LibraryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl fmt::Display for Notice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}
