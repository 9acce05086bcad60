//! Which session a tab opens at start. A reload of a tab reopens the entry
//! that tab had open (the browser keeps a [`TabMark`] per tab), even when
//! another entry changed since; a link to work already saved opens that
//! entry; any other link opens beside the user's work and changes nothing
//! stored; otherwise the most recent entry opens.

use super::{list, Library, Notice, Store};
use crate::catalog::Catalog;
use crate::session::Session;

/// What a tab remembers of itself across reloads (the browser's
/// `sessionStorage`, which is per tab): the entry it had open, and the
/// link it last wrote to the address bar.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TabMark {
    pub id: String,
    pub link: String,
}

impl TabMark {
    /// The mark as stored: `id` and `link` on two lines.
    pub fn to_text(&self) -> String {
        format!("{}\n{}", self.id, self.link)
    }

    /// A stored mark (`None` when it is not one).
    pub fn from_text(text: &str) -> Option<TabMark> {
        let (id, link) = text.split_once('\n')?;
        (!id.is_empty()).then(|| TabMark { id: id.into(), link: link.into() })
    }
}

/// A link in the address at start: its text and the session it holds.
pub struct Link<'a> {
    pub text: &'a str,
    pub session: &'a Session,
}

/// What a tab opens.
#[derive(Clone, Debug, PartialEq)]
pub struct Start {
    /// The session to show; `None`: nothing stored, show a new one and
    /// call [`Library::start_new`].
    pub session: Option<Session>,
    /// It is the link's (the address options do not apply to it).
    pub from_link: bool,
    /// What to tell the user.
    pub notice: Option<Notice>,
}

impl Library {
    /// Opens what this tab should show at start: with a `link` this tab did
    /// not write itself, the link's session, unsaved until edited; else the
    /// entry this tab had open (`tab`), else the most recent one, unless
    /// the address asks for a `fresh` view (`?unit=…`: a portal's embedded
    /// calculator), which must not change the user's saved work.
    pub fn start(
        &mut self,
        store: &dyn Store,
        catalog: &Catalog,
        link: Option<Link<'_>>,
        tab: Option<&TabMark>,
        fresh: bool,
    ) -> Start {
        let listing = list(store, catalog);
        let damaged = listing.damaged.first().cloned().map(Notice::Damaged);
        let own = |tab: &&TabMark| link.as_ref().is_none_or(|l| l.text == tab.link);
        if let Some(tab) = tab.filter(own) {
            if let Ok(opened) = self.open(store, &tab.id, catalog) {
                return Start { session: Some(opened.session), from_link: false, notice: damaged };
            }
        }
        // A link to work already saved (a bookmark, the address copied from
        // another tab): that entry opens.
        if let Some(link) = &link {
            let text = crate::codec::to_json(link.session);
            let (good, _) = super::entry::scan(store, catalog);
            let same = good.into_iter().find(|(_, s)| crate::codec::to_json(s) == text);
            if let Some(Ok(opened)) = same.map(|(e, _)| self.open(store, &e.id, catalog)) {
                return Start { session: Some(opened.session), from_link: false, notice: damaged };
            }
        }
        if let Some(link) = link {
            // Named when saved, after the unit it then shows.
            self.open_link(link.session, "");
            let saved = listing.entries.len();
            let notice = (saved > 0).then_some(Notice::LinkOpened { saved }).or(damaged);
            return Start { session: Some(link.session.clone()), from_link: true, notice };
        }
        if fresh {
            return Start { session: None, from_link: false, notice: damaged };
        }
        let session = self.open_recent(store, catalog).map(|o| o.session);
        Start { session, from_link: false, notice: damaged }
    }
}

#[cfg(test)]
mod tests {
    use super::super::MemoryStore;
    use super::*;
    use crate::session::Action;

    fn unit(code: &str) -> Session {
        let mut s = Session::default();
        s.apply(Action::ChooseUnit(code.into()));
        s
    }

    fn stored(store: &MemoryStore, code: &str, now: u64) -> super::super::Meta {
        Library::new("seed").add(store, &unit(code), code, now).unwrap()
    }

    #[test]
    fn a_fresh_browser_opens_nothing_and_tells_nothing() {
        let start = Library::new("t").start(&MemoryStore::new(), &Catalog::default(), None, None, false);
        assert_eq!(start, Start { session: None, from_link: false, notice: None });
    }

    #[test]
    fn without_a_mark_the_most_recent_entry_opens() {
        let store = MemoryStore::new();
        stored(&store, "H38", 1);
        let recent = stored(&store, "H01", 2);
        let mut lib = Library::new("t");
        let start = lib.start(&store, &Catalog::default(), None, None, false);
        assert_eq!(start.session.unwrap().unit.as_deref(), Some("H01"));
        assert_eq!(lib.open_id(), Some(recent.id.as_str()));
    }

    #[test]
    fn a_reload_reopens_the_tabs_own_entry_not_the_most_recent() {
        let store = MemoryStore::new();
        let mine = stored(&store, "H38", 1);
        stored(&store, "H01", 2);
        let link = crate::codec::to_link(&unit("H38"));
        let tab = TabMark { id: mine.id.clone(), link: link.clone() };
        let session = unit("H38");
        for with_link in [false, true] {
            let mut lib = Library::new("t");
            let link = with_link.then_some(Link { text: &link, session: &session });
            let start = lib.start(&store, &Catalog::default(), link, Some(&tab), false);
            assert_eq!(start.session.unwrap().unit.as_deref(), Some("H38"));
            assert!(!start.from_link);
            assert_eq!(lib.open_id(), Some(mine.id.as_str()), "link in the address: {with_link}");
        }
    }

    #[test]
    fn a_link_opens_beside_saved_work_and_stores_nothing_until_edited() {
        let store = MemoryStore::new();
        let mine = stored(&store, "H38", 1);
        let before = store.items();
        let theirs = unit("H01");
        let text = crate::codec::to_link(&theirs);
        // This tab had my entry open, but the address holds a link it did not write.
        let tab = TabMark { id: mine.id.clone(), link: "#s=other".into() };
        let mut lib = Library::new("t");
        let start =
            lib.start(&store, &Catalog::default(), Some(Link { text: &text, session: &theirs }), Some(&tab), false);
        assert_eq!(start.notice, Some(Notice::LinkOpened { saved: 1 }));
        assert!(start.from_link);
        assert_eq!(lib.open_id(), None);
        assert_eq!(lib.save(&store, &theirs, 5), Ok(super::super::Saved::Unchanged), "viewing is not editing");
        assert_eq!(store.items(), before, "nothing stored changed");
    }

    #[test]
    fn a_link_to_saved_work_opens_that_entry() {
        let store = MemoryStore::new();
        let mine = stored(&store, "H38", 1);
        stored(&store, "H01", 2);
        let session = unit("H38");
        let text = crate::codec::to_link(&session);
        let mut lib = Library::new("t");
        let start = lib.start(&store, &Catalog::default(), Some(Link { text: &text, session: &session }), None, false);
        assert_eq!((start.from_link, start.notice), (false, None));
        assert_eq!(lib.open_id(), Some(mine.id.as_str()));
    }

    #[test]
    fn a_damaged_entry_is_told_and_the_good_one_still_opens() {
        let store = MemoryStore::new();
        stored(&store, "H38", 1);
        store.set("vn766.s.broken", "{not json").unwrap();
        let start = Library::new("t").start(&store, &Catalog::default(), None, None, false);
        assert_eq!(start.session.unwrap().unit.as_deref(), Some("H38"));
        assert!(matches!(start.notice, Some(Notice::Damaged(d)) if d.key == "vn766.s.broken"));
    }

    #[test]
    fn an_address_asking_for_a_unit_leaves_saved_work_alone() {
        let store = MemoryStore::new();
        let mine = stored(&store, "H38", 1);
        let mut lib = Library::new("t");
        let start = lib.start(&store, &Catalog::default(), None, None, true);
        assert_eq!(start.session, None, "a new session, not the most recent entry");
        // A reload of that tab still reopens what it had open.
        let tab = TabMark { id: mine.id.clone(), link: String::new() };
        let start = lib.start(&store, &Catalog::default(), None, Some(&tab), true);
        assert_eq!(start.session.unwrap().unit.as_deref(), Some("H38"));
    }

    #[test]
    fn a_new_sessions_name_follows_its_unit_until_the_user_names_it() {
        let store = MemoryStore::new();
        let mut lib = Library::new("t");
        let mut s = Session::default();
        lib.start_new(&s, "");
        s.apply(Action::SetLang(crate::engine::Lang::En));
        lib.save(&store, &s, 1).unwrap();
        let name = |store: &MemoryStore| list(store, &Catalog::default()).entries[0].name.clone();
        assert_eq!(name(&store), "UBND tỉnh Đồng Tháp");
        s.apply(Action::ChooseUnit("H38".into()));
        lib.save(&store, &s, 2).unwrap();
        assert_eq!(name(&store), "UBND tỉnh Lào Cai", "the app's name follows the unit");
        let id = lib.open_id().unwrap().to_string();
        super::super::rename(&store, &id, "Kế hoạch quý 4").unwrap();
        s.apply(Action::ChooseUnit("H01".into()));
        lib.save(&store, &s, 3).unwrap();
        assert_eq!(name(&store), "Kế hoạch quý 4", "a name the user gave stays");
    }

    #[test]
    fn a_mark_reads_back() {
        let mark = TabMark { id: "ab-1".into(), link: "#s=2.xyz".into() };
        assert_eq!(TabMark::from_text(&mark.to_text()), Some(mark));
        assert_eq!(TabMark::from_text("garbage"), None);
    }
}
