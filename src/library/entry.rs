//! One stored session: its key, its envelope (name, time, revision, the
//! session in the codec's schema), and the list of them, read by scanning
//! the store's keys (there is no index: two tabs would overwrite it).

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::store::{Store, StoreError};
use super::LibraryError;
use crate::catalog::Catalog;
use crate::codec::{self, DecodeError};
use crate::engine::Lang;
use crate::session::Session;

/// Every entry is stored under this prefix and its id: `vn766.s.<id>`.
pub const PREFIX: &str = "vn766.s.";
/// The longest name of an entry.
pub const MAX_ENTRY_NAME: usize = 80;

/// The key of entry `id`.
pub fn key_of(id: &str) -> String {
    format!("{PREFIX}{id}")
}

/// The entry id of a key of the store, if it is an entry's key.
pub fn id_of(key: &str) -> Option<&str> {
    key.strip_prefix(PREFIX).filter(|id| !id.is_empty())
}

/// What the list shows of an entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Meta {
    pub id: String,
    pub name: String,
    /// When its work last changed, in milliseconds since 1970 (the caller's clock).
    pub changed: u64,
    /// Counts the writes of its session: a tab that read revision 4 and
    /// finds 5 knows another tab wrote it since.
    pub rev: u64,
    /// Its name was made by the app from the unit, and follows it.
    pub auto: bool,
}

/// An entry as stored (JSON).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub(super) struct Envelope {
    pub id: String,
    pub name: String,
    pub changed: u64,
    pub rev: u64,
    /// The session in the codec's schema ([`codec::to_json`]): read with
    /// [`codec::from_json`], so older versions are upgraded.
    pub session: Value,
    /// The name was made by the app (the unit's), not given by the user: it
    /// follows the unit the session shows.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub auto: bool,
}

impl Envelope {
    pub fn meta(&self) -> Meta {
        Meta { id: self.id.clone(), name: self.name.clone(), changed: self.changed, rev: self.rev, auto: self.auto }
    }
}

/// The session as stored in an envelope, and the codec's text it came from
/// (to tell whether a later save changes anything).
pub(super) fn encode(session: &Session) -> (String, Value) {
    let text = codec::to_json(session);
    // The codec's text is always JSON; `Null` would only make the entry read as damaged.
    let value = serde_json::from_str(&text).unwrap_or(Value::Null);
    (text, value)
}

/// The session of an envelope, upgraded to the current schema.
pub(super) fn decode(envelope: &Envelope, catalog: &Catalog) -> Result<Session, DecodeError> {
    codec::from_json(&envelope.session.to_string(), catalog)
}

/// Entry `id`: `None` when there is none, `Err` when its envelope is damaged.
pub(super) fn read(store: &dyn Store, id: &str) -> Option<Result<Envelope, DecodeError>> {
    store.get(&key_of(id)).map(|text| parse(id, &text))
}

fn parse(id: &str, text: &str) -> Result<Envelope, DecodeError> {
    if text.len() > 2 * codec::MAX_FILE {
        return Err(DecodeError::TooLong);
    }
    let mut envelope: Envelope = serde_json::from_str(text)
        .map_err(|e| DecodeError::Corrupt(format!("line {}, column {}", e.line(), e.column())))?;
    // The key is what counts (an envelope copied under another key is that entry).
    envelope.id = id.to_string();
    Ok(envelope)
}

/// Writes an envelope under its id's key (a refused write changes nothing).
pub(super) fn write(store: &dyn Store, envelope: &Envelope) -> Result<(), StoreError> {
    let text = serde_json::to_string(envelope).map_err(|_| StoreError::Unavailable)?;
    store.set(&key_of(&envelope.id), &text)
}

/// An entry that could not be read: skipped, with its key in a notice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Damaged {
    pub key: String,
    /// Its name, when the envelope could be read (its session could not).
    pub name: Option<String>,
    pub error: DecodeError,
}

/// The library's entries, the most recently changed first, and those that
/// could not be read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Listing {
    pub entries: Vec<Meta>,
    pub damaged: Vec<Damaged>,
}

impl Listing {
    /// The entry the app opens at start.
    pub fn most_recent(&self) -> Option<&Meta> {
        self.entries.first()
    }
}

/// Every entry of the store, each read and decoded: the good ones with
/// their session (the most recent first), and the damaged ones.
pub(super) fn scan(store: &dyn Store, catalog: &Catalog) -> (Vec<(Envelope, Session)>, Vec<Damaged>) {
    let mut keys: Vec<String> = store.keys().into_iter().filter(|k| id_of(k).is_some()).collect();
    crate::engine::sort::sort_by(&mut keys, |a, b| a.cmp(b));
    let mut good = Vec::new();
    let mut damaged = Vec::new();
    for key in keys {
        let Some(id) = id_of(&key) else { continue };
        // Gone since the keys were listed (another tab deleted it): not listed.
        let Some(read) = read(store, id) else { continue };
        match read {
            Ok(envelope) => match decode(&envelope, catalog) {
                Ok(session) => good.push((envelope, session)),
                Err(error) => damaged.push(Damaged { key, name: Some(envelope.name), error }),
            },
            Err(error) => damaged.push(Damaged { key, name: None, error }),
        }
    }
    crate::engine::sort::sort_by(&mut good, |(a, _), (b, _)| b.changed.cmp(&a.changed).then_with(|| a.id.cmp(&b.id)));
    (good, damaged)
}

/// The list of saved sessions ("Phiên làm việc đã lưu").
pub fn list(store: &dyn Store, catalog: &Catalog) -> Listing {
    let (good, damaged) = scan(store, catalog);
    Listing { entries: good.into_iter().map(|(e, _)| e.meta()).collect(), damaged }
}

/// Renames entry `id` (trimmed, at most [`MAX_ENTRY_NAME`] characters).
/// Its revision and time stay: a rename is not an edit of the work, and a
/// tab editing it keeps the new name at its next save.
pub fn rename(store: &dyn Store, id: &str, name: &str) -> Result<Meta, LibraryError> {
    let name = clip(name).ok_or(LibraryError::BlankName)?;
    let mut envelope = existing(store, id)?;
    envelope.name = name;
    envelope.auto = false;
    write(store, &envelope).map_err(LibraryError::Refused)?;
    Ok(envelope.meta())
}

/// Entry `id`'s session as a file (the codec's JSON, current schema).
pub fn export(store: &dyn Store, id: &str, catalog: &Catalog) -> Result<String, LibraryError> {
    let envelope = existing(store, id)?;
    let session = decode(&envelope, catalog).map_err(LibraryError::Damaged)?;
    Ok(codec::to_json(&session))
}

/// Entry `id`'s envelope, or why not.
pub(super) fn existing(store: &dyn Store, id: &str) -> Result<Envelope, LibraryError> {
    match read(store, id) {
        None => Err(LibraryError::Missing),
        Some(Err(e)) => Err(LibraryError::Damaged(e)),
        Some(Ok(envelope)) => Ok(envelope),
    }
}

/// A name trimmed to [`MAX_ENTRY_NAME`] characters; `None` when blank.
pub(super) fn clip(name: &str) -> Option<String> {
    let name = name.trim();
    (!name.is_empty()).then(|| name.chars().take(MAX_ENTRY_NAME).collect())
}

/// The name of a new entry: the unit's name and a date as the caller
/// writes it ("Lào Cai · 02/12/2026"); a session without a unit is
/// "Số liệu tự nhập" ("Own figures").
pub fn default_name(session: &Session, date: &str) -> String {
    let unit = match session.unit() {
        Some(u) => u.name,
        None => crate::text::t(session.lang).library_own_figures.to_string(),
    };
    let name = if date.trim().is_empty() { unit } else { format!("{unit} · {}", date.trim()) };
    clip(&name).unwrap_or_default()
}

/// The suffix of a tab's work saved beside another tab's, in both languages.
const OTHER_TAB: [&str; 2] = [crate::text::VI.library_other_tab, crate::text::EN.library_other_tab];

/// `name` with a suffix in brackets ("Lào Cai (bản sao)"), clipped so that
/// the suffix stays.
fn suffixed(name: &str, suffix: &str) -> String {
    let suffix = format!(" ({suffix})");
    let room = MAX_ENTRY_NAME.saturating_sub(suffix.chars().count());
    format!("{}{suffix}", name.trim().chars().take(room).collect::<String>())
}

/// The name of this tab's work saved beside a session another tab changed:
/// "Lào Cai (tab khác)", not "Lào Cai (tab khác) (tab khác)" when it
/// happens again.
pub(super) fn fork_name(name: &str, lang: Lang) -> String {
    let mut base = name.trim();
    while let Some(b) = OTHER_TAB.iter().find_map(|k| base.strip_suffix(&format!(" ({k})"))) {
        base = b.trim_end();
    }
    suffixed(base, crate::text::t(lang).library_other_tab)
}

/// The name of a copy: "Lào Cai (bản sao)".
pub(super) fn copy_name(name: &str, lang: Lang) -> String {
    suffixed(name, crate::text::t(lang).library_copy)
}
