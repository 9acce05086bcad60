//! The browser's storage: the library's entries in `localStorage` (one key
//! each, through [`LocalStore`]), the tab's own mark in `sessionStorage`,
//! and the imported tables. Storage may be missing, full or refuse writes
//! (private mode, a third-party frame): the app then works on and says so.

use wasm_bindgen::JsCast;

use crate::library::{Memory, Store, StoreError, TabMark};

fn local() -> Option<web_sys::Storage> {
    if !super::IN_BROWSER {
        return None;
    }
    web_sys::window()?.local_storage().ok().flatten()
}

/// `localStorage` as the library's [`Store`]; every call fails softly when
/// the browser gives no storage.
pub struct LocalStore(Option<web_sys::Storage>);

impl LocalStore {
    pub fn open() -> LocalStore {
        LocalStore(local())
    }

    /// Whether the browser gives this page a storage at all.
    pub fn available(&self) -> bool {
        self.0.is_some()
    }
}

impl Store for LocalStore {
    fn get(&self, key: &str) -> Option<String> {
        self.0.as_ref()?.get_item(key).ok().flatten()
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        let s = self.0.as_ref().ok_or(StoreError::Unavailable)?;
        s.set_item(key, value).map_err(|e| {
            let name = e.dyn_ref::<web_sys::DomException>().map(|d| d.name()).unwrap_or_default();
            if name == "QuotaExceededError" {
                StoreError::Full
            } else {
                StoreError::Unavailable
            }
        })
    }

    fn remove(&self, key: &str) {
        if let Some(s) = &self.0 {
            let _ = s.remove_item(key);
        }
    }

    fn keys(&self) -> Vec<String> {
        let Some(s) = &self.0 else { return Vec::new() };
        let n = s.length().unwrap_or(0);
        (0..n).filter_map(|i| s.key(i).ok().flatten()).collect()
    }
}

/// Whether the work is kept, as the page can tell.
pub fn memory(store: &LocalStore) -> Memory {
    if !super::IN_BROWSER {
        return Memory::Remembers;
    }
    match (store.available(), in_foreign_frame()) {
        (false, _) => Memory::Forgets,
        (true, true) => Memory::ForThisSite,
        (true, false) => Memory::Remembers,
    }
}

/// Inside a frame of another origin (the parent's address cannot be read).
fn in_foreign_frame() -> bool {
    let Some(window) = web_sys::window() else { return false };
    match window.parent() {
        Ok(Some(parent)) if parent != window => parent.location().href().is_err(),
        _ => false,
    }
}

const TAB: &str = "vn766.tab";

fn tab_storage() -> Option<web_sys::Storage> {
    if !super::IN_BROWSER {
        return None;
    }
    web_sys::window()?.session_storage().ok().flatten()
}

/// What this tab remembers of itself across reloads.
pub fn tab_mark() -> Option<TabMark> {
    TabMark::from_text(&tab_storage()?.get_item(TAB).ok().flatten()?)
}

/// This page was loaded by reloading the tab.
pub fn reloaded() -> bool {
    if !super::IN_BROWSER {
        return false;
    }
    let Some(perf) = web_sys::window().and_then(|w| w.performance()) else { return false };
    let entries = perf.get_entries_by_type("navigation");
    let entry = entries.get(0);
    js_sys::Reflect::get(&entry, &"type".into()).ok().and_then(|t| t.as_string()).as_deref() == Some("reload")
}

pub fn set_tab_mark(mark: &TabMark) {
    if let Some(s) = tab_storage() {
        let _ = s.set_item(TAB, &mark.to_text());
    }
}

const TABLES: &str = "vn766.tables";

/// Why tables could not be stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TablesError {
    /// Larger than what the page may keep (characters).
    TooLarge(usize),
    /// The browser refused (storage full or unavailable).
    Refused,
}

/// The stored tables' text, if any.
pub fn load_tables() -> Option<String> {
    local()?.get_item(TABLES).ok().flatten()
}

/// Stores the imported tables (all of them, replacing what was stored).
pub fn save_tables(catalog: &crate::catalog::Catalog) -> Result<(), TablesError> {
    let tables = crate::codec::stored_tables(catalog);
    let s = local().ok_or(TablesError::Refused)?;
    if tables.is_empty() {
        let _ = s.remove_item(TABLES);
        return Ok(());
    }
    let text = crate::codec::tables_to_json(&tables).map_err(TablesError::TooLarge)?;
    s.set_item(TABLES, &text).map_err(|_| TablesError::Refused)
}
