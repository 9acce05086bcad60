//! Where the library keeps its entries: a key–value store of texts, as the
//! browser's `localStorage` is. The app implements [`Store`] over
//! `web_sys::Storage`; [`MemoryStore`] is the same in memory, for tests,
//! shared between clones so that two "tabs" can see one store.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

/// Why the store refused a write. A refused write changes nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StoreError {
    /// The store is full (the browser's quota).
    Full,
    /// The store is missing or blocked (private mode, a third-party frame,
    /// partitioned storage).
    Unavailable,
}

/// Whether the user's work is kept, as the page can tell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Memory {
    /// Kept in this browser.
    Remembers,
    /// Kept, but inside another site's page: the browser keeps it apart
    /// for that site (partitioned storage).
    ForThisSite,
    /// The browser gives no storage (blocked, private mode): nothing is kept.
    Forgets,
}

/// A key–value store of texts.
pub trait Store {
    /// The text under `key`, if any (`None` as well when the store cannot be read).
    fn get(&self, key: &str) -> Option<String>;
    /// Writes `value` under `key`; on `Err`, what was stored under `key` is unchanged.
    fn set(&self, key: &str, value: &str) -> Result<(), StoreError>;
    /// Removes `key` (nothing when it is not there).
    fn remove(&self, key: &str);
    /// Every key of the store, in any order.
    fn keys(&self) -> Vec<String>;
}

/// A store in memory. Clones share their contents: two [`super::Library`]
/// values over clones of one `MemoryStore` behave as two tabs of a browser.
#[derive(Clone, Debug, Default)]
pub struct MemoryStore {
    inner: Rc<RefCell<Contents>>,
}

#[derive(Debug, Default)]
struct Contents {
    items: BTreeMap<String, String>,
    /// Every write is refused with this, while set.
    refuse: Option<StoreError>,
}

impl MemoryStore {
    pub fn new() -> MemoryStore {
        MemoryStore::default()
    }

    /// From now on, refuse every write with `why` (`None`: accept them again).
    pub fn refuse_writes(&self, why: Option<StoreError>) {
        self.inner.borrow_mut().refuse = why;
    }

    /// Everything stored, by key.
    pub fn items(&self) -> BTreeMap<String, String> {
        self.inner.borrow().items.clone()
    }
}

impl Store for MemoryStore {
    fn get(&self, key: &str) -> Option<String> {
        self.inner.borrow().items.get(key).cloned()
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        let mut m = self.inner.borrow_mut();
        if let Some(e) = m.refuse {
            return Err(e);
        }
        m.items.insert(key.to_string(), value.to_string());
        Ok(())
    }

    fn remove(&self, key: &str) {
        self.inner.borrow_mut().items.remove(key);
    }

    fn keys(&self) -> Vec<String> {
        self.inner.borrow().items.keys().cloned().collect()
    }
}
