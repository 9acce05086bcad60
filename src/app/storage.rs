//! localStorage: the last session, restored on the next visit. Storage may be
//! missing or refuse writes (private mode, a third-party frame): the app then
//! works on and says it will not remember.

const KEY: &str = "vn766.session";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The stored session text; `Err` when storage is unavailable.
pub fn load() -> Result<Option<String>, ()> {
    let s = storage().ok_or(())?;
    s.get_item(KEY).map_err(|_| ())
}

/// Stores the session text; `false` when storage is unavailable or full.
pub fn save(text: &str) -> bool {
    storage().is_some_and(|s| s.set_item(KEY, text).is_ok())
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
    storage()?.get_item(TABLES).ok().flatten()
}

/// Stores the imported tables (all of them, replacing what was stored).
pub fn save_tables(catalog: &crate::catalog::Catalog) -> Result<(), TablesError> {
    let tables = crate::codec::stored_tables(catalog);
    let s = storage().ok_or(TablesError::Refused)?;
    if tables.is_empty() {
        let _ = s.remove_item(TABLES);
        return Ok(());
    }
    let text = crate::codec::tables_to_json(&tables).map_err(TablesError::TooLarge)?;
    s.set_item(TABLES, &text).map_err(|_| TablesError::Refused)
}
