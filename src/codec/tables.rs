//! Imported reference tables, kept between visits as the text they were
//! imported from.

use serde::{Deserialize, Serialize};

use crate::catalog::Catalog;

/// An imported reference table as stored: its id, name, and what it was
/// imported from (read again on the next visit).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredTable {
    pub id: String,
    pub name: String,
    pub source: String,
    /// More files merged into the table, in order (by unit code).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub more: Vec<String>,
}

/// The most text the stored tables may take (the browser's storage holds
/// about 5 million characters for the whole page).
pub const MAX_STORED_TABLES: usize = 4_000_000;

/// The imported tables as stored; `Err` with their size when too large.
pub fn tables_to_json(tables: &[StoredTable]) -> Result<String, usize> {
    let size: usize =
        tables.iter().map(|t| t.source.len() + t.name.len() + t.more.iter().map(String::len).sum::<usize>()).sum();
    if size > MAX_STORED_TABLES {
        return Err(size);
    }
    Ok(serde_json::to_string(tables).unwrap_or_default())
}

/// Every imported table of a catalogue as JSON, whatever its size (to hand
/// a session whole to the workbook module; [`restore_tables`] reads it).
pub fn all_tables_json(catalog: &Catalog) -> String {
    serde_json::to_string(&stored_tables(catalog)).unwrap_or_default()
}

/// The stored tables, read again into `catalog` (those that no longer
/// import are skipped); returns how many were skipped.
pub fn restore_tables(text: &str, catalog: &mut Catalog) -> usize {
    let Ok(tables) = serde_json::from_str::<Vec<StoredTable>>(text) else { return 1 };
    let mut skipped = 0;
    for t in tables {
        let previews: Result<Vec<_>, _> =
            std::iter::once(&t.source).chain(&t.more).map(|s| crate::engine::import::import_text(s)).collect();
        match previews.ok().and_then(crate::engine::import::merge) {
            Some(p) => {
                let sources = std::iter::once(t.source).chain(t.more).collect();
                catalog.add(Some(&t.id), &t.name, p.table, sources);
            }
            None => skipped += 1,
        }
    }
    skipped
}

/// The imported tables of a catalogue, to store.
pub fn stored_tables(catalog: &Catalog) -> Vec<StoredTable> {
    catalog
        .imported()
        .map(|t| StoredTable {
            id: t.id.clone(),
            name: t.name.vi.clone(),
            source: t.sources.first().cloned().unwrap_or_default(),
            more: t.sources.iter().skip(1).cloned().collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn imported_tables_are_stored_and_restored() {
        let text = "Mã\tTên đơn vị\tTổng điểm\nX1\tXã Một\t71,5\nX2\tXã Hai\t64,25\n";
        let p = crate::engine::import::import_text(text).unwrap();
        let mut catalog = Catalog::default();
        let id = catalog.add(None, "Dán thử", p.table, vec![text.into()]);
        let json = tables_to_json(&stored_tables(&catalog)).unwrap();
        let mut restored = Catalog::default();
        assert_eq!(restore_tables(&json, &mut restored), 0);
        let t = restored.get(&id).unwrap();
        assert_eq!(t.name.vi, "Dán thử");
        assert_eq!(t.table.units.len(), 2);
        assert_eq!(t.table.units[1].published.total, Some(6425));
        let big = StoredTable {
            id: "user-9".into(),
            name: "x".into(),
            source: "x".repeat(MAX_STORED_TABLES + 1),
            more: Vec::new(),
        };
        assert_eq!(tables_to_json(&[big]), Err(MAX_STORED_TABLES + 2));
        assert_eq!(restore_tables("not json", &mut restored), 1);
    }
}
