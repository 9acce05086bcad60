//! Keeps the user's work: the tab's session is saved in the library
//! ([`crate::library`], one entry a session) and written to the address bar
//! once typing pauses ([`PAUSE_MS`]) and whenever the page is hidden or
//! closed; other tabs' saves arrive through the window's `storage` event.
//! The [`Keeper`] is the one owner of the tab's [`Library`]; the reducer
//! hears of it through messages ([`Msg::Kept`], [`Msg::Open`], notices).

use std::cell::RefCell;
use std::rc::Rc;

use gloo_timers::callback::Timeout;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use super::state::{Msg, Notice};
use super::storage::{self, LocalStore};
use super::{crash, url};
use crate::catalog::Catalog;
use crate::library::{self, Elsewhere, Library, LibraryError, Listing, Memory, Meta, TabMark};
use crate::session::Session;

/// How long typing must pause before the address and storage are written.
pub const PAUSE_MS: u32 = 250;

/// What the list of saved sessions shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Kept {
    pub listing: Listing,
    /// The entry this tab has open (`None`: not stored yet).
    pub open: Option<String>,
    pub memory: Memory,
}

/// The tab's saved work: its library, what waits to be written, and how
/// to tell the reducer. Clones share it.
#[derive(Clone)]
pub struct Keeper(Rc<Inner>);

impl PartialEq for Keeper {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// How the keeper tells the reducer.
type Tell = Box<dyn Fn(Msg)>;
/// A window event listener, kept as long as the keeper.
type Listener = Closure<dyn Fn(web_sys::Event)>;

struct Inner {
    store: LocalStore,
    memory: Memory,
    library: RefCell<Library>,
    /// The latest session (its tables are the catalogue entries are read with).
    current: RefCell<Rc<Session>>,
    /// A session not written yet.
    pending: RefCell<Option<Rc<Session>>>,
    timer: RefCell<Option<Timeout>>,
    tell: RefCell<Option<Tell>>,
    listeners: RefCell<Vec<Listener>>,
}

/// Milliseconds since 1970, by the browser's clock.
pub fn now() -> u64 {
    if !super::IN_BROWSER {
        return 0;
    }
    js_sys::Date::now().max(0.0) as u64
}

/// The browser's time zone, in minutes east of UTC (Hà Nội: 420).
pub fn utc_offset_minutes() -> i64 {
    if !super::IN_BROWSER {
        return 0;
    }
    -(js_sys::Date::new_0().get_timezone_offset() as i64)
}

/// Today as dd/mm/yyyy, by the browser's clock and time zone.
pub fn today() -> String {
    if !super::IN_BROWSER {
        return String::new();
    }
    let d = js_sys::Date::new_0();
    format!("{:02}/{:02}/{}", d.get_date(), d.get_month() + 1, d.get_full_year())
}

/// Marks the page while a write waits (`<html data-saving>`), so that a
/// test can wait for the write instead of sleeping.
fn mark_saving(on: bool) {
    if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = if on { root.set_attribute("data-saving", "") } else { root.remove_attribute("data-saving") };
    }
}

impl Keeper {
    /// The tab's keeper, with a random token that keeps its new entries'
    /// ids apart from another tab's.
    pub fn new() -> Keeper {
        let random = if super::IN_BROWSER { js_sys::Math::random() } else { 0.0 };
        let token = format!("{:x}{:x}", (random * 4_294_967_296.0) as u64, now() % 1_000_000);
        let store = LocalStore::open();
        let memory = storage::memory(&store);
        Keeper(Rc::new(Inner {
            store,
            memory,
            library: RefCell::new(Library::new(&token)),
            current: RefCell::new(Rc::new(Session::default())),
            pending: RefCell::new(None),
            timer: RefCell::new(None),
            tell: RefCell::new(None),
            listeners: RefCell::new(Vec::new()),
        }))
    }

    /// What the tab shows at start, and what to tell the user: the imported
    /// tables read back, the earlier releases' session moved into the
    /// library, then the link in the address, the tab's own entry after a
    /// reload, or the most recent one (see [`Library::start`]).
    pub fn start(&self) -> (Session, Option<Notice>) {
        if !super::IN_BROWSER {
            return (Session::default(), None);
        }
        let mut tables = Catalog::default();
        if let Some(text) = storage::load_tables() {
            crate::codec::restore_tables(&text, &mut tables);
        }
        let i = &self.0;
        let mut library = i.library.borrow_mut();
        let mut notice = None;
        if !i.store.available() {
            notice = Some(Notice::StorageUnavailable);
        }
        let moved = library.migrate(&i.store, &tables, now(), &today());
        notice = notice.or(moved.and_then(|m| m.notice()).map(Notice::Library));
        let text = url::read();
        let link = match text.as_deref().map(|t| (t, crate::codec::from_link(t, &tables))) {
            None => None,
            Some((_, Err(e))) => {
                notice = Some(Notice::LinkFailed(e));
                None
            }
            Some((t, Ok((session, partial)))) => {
                if partial {
                    notice = Some(Notice::LinkPartial);
                }
                Some((t, session))
            }
        };
        // A reload is the tab's own address, whatever it holds (the last
        // edit may have been written as the page went).
        let reloaded = storage::reloaded();
        let tab = storage::tab_mark().map(|mut mark| {
            if let (true, Some(text)) = (reloaded, &text) {
                mark.link = text.clone();
            }
            mark
        });
        let link_in = link.as_ref().map(|(text, session)| library::Link { text, session });
        let options = super::embed::options();
        let fresh = options.unit.is_some() || options.profile.is_some();
        let start = library.start(&i.store, &tables, link_in, tab.as_ref(), fresh);
        notice = notice.or(start.notice.map(Notice::Library));
        let mut session = start.session.unwrap_or_else(|| Session { tables: tables.clone(), ..Session::default() });
        // A shared link is the whole view: the address options do not apply.
        if !start.from_link {
            options.apply_to(&mut session);
        }
        if library.open_id().is_none() && !start.from_link {
            // Named when first saved, after the unit it then shows.
            library.start_new(&session, "");
            // The prerendered page, shown for a new session: what was typed
            // there before the app was up.
            crate::quick::apply_typed(&mut session, &super::embed::typed_before_start());
        }
        if notice.is_none() && super::embed::was_updated() {
            notice = Some(Notice::Updated);
        }
        *i.current.borrow_mut() = Rc::new(session.clone());
        (session, notice)
    }

    /// The session shown now (for an action that needs all of it, such as
    /// a workbook of the history, without a component holding it).
    pub fn current(&self) -> Rc<Session> {
        self.0.current.borrow().clone()
    }

    /// What the list of saved sessions shows now.
    pub fn kept(&self) -> Rc<Kept> {
        let i = &self.0;
        let catalog = i.current.borrow().tables.clone();
        let listing = library::list(&i.store, &catalog);
        Rc::new(Kept { listing, open: i.library.borrow().open_id().map(str::to_string), memory: i.memory })
    }

    /// From now on, messages go to `tell`; writes happen when the page is
    /// hidden, and other tabs' saves are followed.
    pub fn listen(&self, tell: impl Fn(Msg) + 'static) {
        *self.0.tell.borrow_mut() = Some(Box::new(tell));
        let Some(window) = web_sys::window() else { return };
        let weak = Rc::downgrade(&self.0);
        let on_hide = Closure::<dyn Fn(web_sys::Event)>::new(move |_| {
            if let Some(inner) = weak.upgrade() {
                Keeper(inner).flush();
            }
        });
        let weak = Rc::downgrade(&self.0);
        let on_storage = Closure::<dyn Fn(web_sys::Event)>::new(move |e: web_sys::Event| {
            if let (Some(inner), Some(e)) = (weak.upgrade(), e.dyn_ref::<web_sys::StorageEvent>()) {
                Keeper(inner).changed_elsewhere(e.key());
            }
        });
        for (name, f) in [("pagehide", &on_hide), ("visibilitychange", &on_hide), ("storage", &on_storage)] {
            let _ = window.add_event_listener_with_callback(name, f.as_ref().unchecked_ref());
        }
        self.0.listeners.borrow_mut().extend([on_hide, on_storage]);
    }

    fn tell(&self, msg: Msg) {
        if let Some(tell) = self.0.tell.borrow().as_ref() {
            tell(msg);
        }
    }

    /// Records the latest session; it is written once typing pauses.
    pub fn schedule(&self, session: Rc<Session>) {
        crash::remember(session.clone());
        *self.0.current.borrow_mut() = session.clone();
        *self.0.pending.borrow_mut() = Some(session);
        mark_saving(true);
        let weak = Rc::downgrade(&self.0);
        *self.0.timer.borrow_mut() = Some(Timeout::new(PAUSE_MS, move || {
            if let Some(inner) = weak.upgrade() {
                Keeper(inner).flush();
            }
        }));
    }

    /// Writes what waits, now.
    pub fn flush(&self) {
        let i = &self.0;
        i.timer.borrow_mut().take();
        let Some(s) = i.pending.borrow_mut().take() else { return };
        let link = crate::codec::to_link(&s);
        url::replace(&link);
        let result = i.library.borrow_mut().save(&i.store, &s, now());
        mark_saving(false);
        match result {
            Ok(saved) => {
                if let Some(n) = saved.notice() {
                    self.tell(Msg::Notice(Notice::Library(n)));
                }
                if saved != library::Saved::Unchanged {
                    self.tell(Msg::Kept(self.kept()));
                }
            }
            // Without storage the user was told at start.
            Err(_) if i.memory == Memory::Forgets => {}
            Err(refused) => {
                if let Some(n) = refused.notice() {
                    self.tell(Msg::Notice(Notice::Library(n)));
                }
            }
        }
        if let Some(id) = i.library.borrow().open_id() {
            storage::set_tab_mark(&TabMark { id: id.to_string(), link });
        }
    }

    /// Another tab changed the store (`key`; `None`: it was cleared).
    fn changed_elsewhere(&self, key: Option<String>) {
        let i = &self.0;
        let catalog = i.current.borrow().tables.clone();
        let what = i.library.borrow().changed_elsewhere(&i.store, key.as_deref(), &catalog);
        match what {
            Elsewhere::Unrelated => return,
            Elsewhere::ListChanged | Elsewhere::Damaged(_) => {}
            // Edits wait to be written: they are kept (the next save makes them a new entry).
            Elsewhere::Newer(_) if i.pending.borrow().is_some() => {}
            Elsewhere::Newer(opened) => {
                i.library.borrow_mut().follow(&opened);
                let notice = Notice::Library(library::Notice::ChangedElsewhere);
                self.tell(Msg::Open(Box::new(opened.session), Some(notice)));
            }
            Elsewhere::Deleted => self.tell(Msg::Notice(Notice::Library(library::Notice::DeletedElsewhere))),
        }
        self.tell(Msg::Kept(self.kept()));
    }

    /// Opens entry `id` in this tab, after writing what waits.
    pub fn open(&self, id: &str) -> Result<(), LibraryError> {
        self.flush();
        let i = &self.0;
        let catalog = i.current.borrow().tables.clone();
        let opened = i.library.borrow_mut().open(&i.store, id, &catalog)?;
        self.tell(Msg::Open(Box::new(opened.session), None));
        self.tell(Msg::Kept(self.kept()));
        Ok(())
    }

    /// Shows `session` as a new session of its own, stored at its first
    /// edit (`None`: a new default session with the current tables).
    pub fn open_new(&self, session: Option<Session>) {
        self.flush();
        let i = &self.0;
        let current = i.current.borrow().clone();
        let session = session.unwrap_or_else(|| Session {
            tables: current.tables.clone(),
            lang: current.lang,
            ..Session::default()
        });
        i.library.borrow_mut().start_new(&session, "");
        self.tell(Msg::Open(Box::new(session), None));
        self.tell(Msg::Kept(self.kept()));
    }

    /// Stores a file's session as a new entry and opens it.
    pub fn import(&self, bytes: &[u8]) -> Result<usize, LibraryError> {
        self.flush();
        let i = &self.0;
        let catalog = i.current.borrow().tables.clone();
        let session = crate::codec::from_file_bytes(bytes, &catalog).map_err(LibraryError::File)?;
        let n = session.scenarios.len();
        let name = library::default_name(&session, &today());
        let added = i.library.borrow_mut().add(&i.store, &session, &name, now());
        match added {
            Ok(meta) => self.open(&meta.id).map(|()| n),
            // Not stored (storage refused): shown all the same, as unsaved work.
            Err(LibraryError::Refused(_)) => {
                self.open_new(Some(session));
                Ok(n)
            }
            Err(e) => Err(e),
        }
    }

    pub fn rename(&self, id: &str, name: &str) -> Result<Meta, LibraryError> {
        self.flush();
        let meta = library::rename(&self.0.store, id, name)?;
        self.tell(Msg::Kept(self.kept()));
        Ok(meta)
    }

    pub fn duplicate(&self, id: &str) -> Result<Meta, LibraryError> {
        self.flush();
        let i = &self.0;
        let lang = i.current.borrow().lang;
        let meta = i.library.borrow_mut().duplicate(&i.store, id, lang, now())?;
        self.tell(Msg::Kept(self.kept()));
        Ok(meta)
    }

    /// Deletes entry `id`; when this tab has it open, the most recent other
    /// entry opens (or a new session).
    pub fn delete(&self, id: &str) {
        self.flush();
        let i = &self.0;
        let was_open = i.library.borrow().open_id() == Some(id);
        i.library.borrow_mut().delete(&i.store, id);
        if was_open {
            let catalog = i.current.borrow().tables.clone();
            let recent = i.library.borrow_mut().open_recent(&i.store, &catalog);
            match recent {
                Some(opened) => self.tell(Msg::Open(Box::new(opened.session), None)),
                None => return self.open_new(None),
            }
        }
        self.tell(Msg::Kept(self.kept()));
    }

    /// Entry `id` as a scenario file (JSON).
    pub fn export(&self, id: &str) -> Result<String, LibraryError> {
        self.flush();
        let catalog = self.0.current.borrow().tables.clone();
        library::export(&self.0.store, id, &catalog)
    }
}
