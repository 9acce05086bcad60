//! The reference tables a session knows: the shipped one and those the user
//! imported. Part of the session's model ([`crate::session::Session`]
//! holds one), changed by its actions, never by a global: the app stores
//! the imported ones in an effect module and reads them back at start.
//!
//! Tables are shared ([`Arc`]): copying a catalogue copies pointers, and two
//! catalogues are equal when they hold the same tables.

use std::sync::Arc;

use crate::engine::i18n::Text;
use crate::engine::reference::{self, Named, Table};

/// The id of the table a host names with `?data=` (kept, like the
/// imported ones, for offline use).
pub const HOST_ID: &str = "host";

/// The prefix of a table's id in the catalogue when it comes from a data
/// directory (`dir:2026-10-10/H66.communes.year-2026`).
pub const DIR_PREFIX: &str = "dir:";

#[derive(Clone, Debug)]
pub struct Catalog {
    /// The shipped tables first.
    tables: Vec<Arc<Named>>,
    /// The data directory the page reads, when a host names one.
    pub directory: Option<Arc<crate::directory::Directory>>,
}

impl PartialEq for Catalog {
    fn eq(&self, other: &Catalog) -> bool {
        self.tables.len() == other.tables.len()
            && self.tables.iter().zip(&other.tables).all(|(a, b)| Arc::ptr_eq(a, b))
            && match (&self.directory, &other.directory) {
                (Some(a), Some(b)) => Arc::ptr_eq(a, b),
                (None, None) => true,
                _ => false,
            }
    }
}

impl Eq for Catalog {}

impl Default for Catalog {
    /// The shipped tables only.
    fn default() -> Catalog {
        Catalog { tables: vec![reference::shipped()], directory: None }
    }
}

impl Catalog {
    /// Every table, the shipped ones first.
    pub fn tables(&self) -> &[Arc<Named>] {
        &self.tables
    }

    /// The tables the user imported.
    pub fn imported(&self) -> impl Iterator<Item = &Arc<Named>> {
        self.tables.iter().filter(|t| !t.shipped)
    }

    pub fn get(&self, id: &str) -> Option<&Arc<Named>> {
        self.tables.iter().find(|t| t.id == id)
    }

    /// The table `id`, or the default one when there is no such table.
    pub fn get_or_default(&self, id: &str) -> &Arc<Named> {
        self.get(id).unwrap_or(&self.tables[0])
    }

    /// Adds an imported table under `id` (a fresh `user-N` when `None` or
    /// taken) and returns its id.
    pub fn add(&mut self, id: Option<&str>, name: &str, table: Table, sources: Vec<String>) -> String {
        let taken = |id: &str| self.tables.iter().any(|t| t.id == id);
        let id = match id {
            Some(id) if (id.starts_with("user-") || id == HOST_ID || id.starts_with(DIR_PREFIX)) && !taken(id) => {
                id.to_string()
            }
            _ => (1..).map(|n| format!("user-{n}")).find(|id| !taken(id)).unwrap_or_default(),
        };
        self.add_named(&id, Text { vi: name.to_string(), en: name.to_string() }, table, sources);
        id
    }

    /// Adds a table under exactly `id` with a name in each language,
    /// replacing a table of that id.
    pub fn add_named(&mut self, id: &str, name: Text, table: Table, sources: Vec<String>) {
        self.remove(id);
        self.tables.push(Arc::new(Named { id: id.to_string(), name, table, shipped: false, sources }));
    }

    /// Changes the directory the catalogue knows (a copy: others keep theirs).
    pub fn directory_mut(&mut self, change: impl FnOnce(&mut crate::directory::Directory)) {
        if let Some(d) = &mut self.directory {
            change(Arc::make_mut(d));
        }
    }

    /// Sets the host's current table (`?data=`), replacing the one it had.
    pub fn set_host(&mut self, name: &str, table: Table, sources: Vec<String>) {
        self.remove(HOST_ID);
        self.add(Some(HOST_ID), name, table, sources);
    }

    /// The host's table, if it has been fetched (now or on an earlier visit).
    pub fn host(&self) -> Option<&Arc<Named>> {
        self.tables.iter().find(|t| t.id == HOST_ID)
    }

    /// Removes an imported table (shipped ones stay).
    pub fn remove(&mut self, id: &str) {
        self.tables.retain(|t| t.shipped || t.id != id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_added_and_removed_by_value() {
        let mut c = Catalog::default();
        let before = c.clone();
        let id = c.add(None, "Tỉnh X", Table::default(), vec!["code\n".into()]);
        assert_eq!(id, "user-1");
        assert_ne!(c, before);
        assert_eq!(c.add(Some("user-1"), "again", Table::default(), Vec::new()), "user-2", "a taken id is not reused");
        assert_eq!(c.add(Some("user-7"), "kept", Table::default(), Vec::new()), "user-7");
        assert_eq!(c.imported().count(), 3);
        c.remove("user-1");
        c.remove(reference::SHIPPED_ID);
        assert!(c.get("user-1").is_none());
        assert_eq!(c.get_or_default("user-1").id, reference::SHIPPED_ID, "the shipped table stays");
        assert_eq!(before, Catalog::default(), "a copy is not changed by the other");
    }
}
