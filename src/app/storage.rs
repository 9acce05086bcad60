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
