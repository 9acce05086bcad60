//! Data directories (`data/README.md`, format `vn766-data` version 1): the
//! portal's figures for many units on many dates, as `vn766-fetch` writes
//! them and the app reads them. Pure: the types of `index.json` and
//! `units.json`, periods, scopes and file names; reading refuses a newer
//! format with a clear message.

use serde::Serialize;

mod period;
mod read;
pub mod series;
pub use period::{Period, PeriodError};
pub use series::Series;

/// The format's name and the version this code reads and writes.
pub const FORMAT: &str = "vn766-data";
pub const VERSION: u32 = 1;
pub const UNITS_FORMAT: &str = "vn766-units";

/// What a table holds: the provinces, or one province's agencies or communes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    Provinces,
    Agencies,
    Communes,
}

impl Scope {
    pub fn name(self) -> &'static str {
        match self {
            Scope::Provinces => "provinces",
            Scope::Agencies => "agencies",
            Scope::Communes => "communes",
        }
    }
    /// The unit kind of the table's rows (the reference CSV's `kind`).
    pub fn kind(self) -> &'static str {
        match self {
            Scope::Provinces => "PROVINCE",
            Scope::Agencies => "AGENCY",
            Scope::Communes => "COMMUNE",
        }
    }
    pub fn of_kind(kind: &str) -> Option<Scope> {
        match kind {
            "PROVINCE" => Some(Scope::Provinces),
            "AGENCY" => Some(Scope::Agencies),
            "COMMUNE" => Some(Scope::Communes),
            _ => None,
        }
    }
}

/// A scope id: `provinces`, or `H66.communes`.
pub fn scope_id(scope: Scope, province: Option<&str>) -> String {
    match (scope, province) {
        (Scope::Provinces, _) | (_, None) => scope.name().to_string(),
        (_, Some(p)) => format!("{p}.{}", scope.name()),
    }
}

/// A table's file, relative to the directory:
/// `tables/2026-10-10/H66.communes.year-2026.csv`.
pub fn table_file(date: &str, scope: Scope, province: Option<&str>, period: &Period) -> String {
    format!("tables/{date}/{}.{}.csv", scope_id(scope, province), period.file_part())
}

/// A table's id: `2026-10-10/H66.communes.year-2026`.
pub fn table_id(date: &str, scope: Scope, province: Option<&str>, period: &Period) -> String {
    format!("{date}/{}.{}", scope_id(scope, province), period.file_part())
}

/// A scope's series file: `series/H66.communes.year-2026.csv`.
pub fn series_file(scope: Scope, province: Option<&str>, period: &Period) -> String {
    format!("series/{}.{}.csv", scope_id(scope, province), period.file_part())
}

/// `index.json`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Index {
    pub format: String,
    pub version: u32,
    /// When it was last written (UTC, RFC 3339).
    pub updated: String,
    pub tables: Vec<TableEntry>,
    #[serde(default)]
    pub series: Vec<SeriesEntry>,
    pub units: Option<FileRef>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TableEntry {
    pub id: String,
    pub scope: Scope,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub province: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub province_name: Option<String>,
    /// `year:2026`, `quarter:2026-4`, `month:2026-11`.
    pub period: String,
    /// The day the figures stand for (`YYYY-MM-DD`).
    pub date: String,
    pub file: String,
    pub units: usize,
    pub bytes: u64,
    pub sha256: String,
    /// The groups whose every count the table carries.
    #[serde(default)]
    pub counts: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checked: Option<Checked>,
    pub source: Source,
}

/// What `vn766-fetch` found when it scored every unit from its counts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Checked {
    pub units: usize,
    /// Per group: `[reproduced, compared]`.
    pub groups: std::collections::BTreeMap<String, [usize; 2]>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mismatches: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Source {
    /// Fetched from the portal's API.
    Portal { url: String, fetched: String, tool: String },
    /// A public capture converted by the project's importers (`path` at
    /// `commit` of `repository` on GitHub); `files`, when the table joins
    /// several captured files, lists each.
    Capture {
        repository: String,
        path: String,
        commit: String,
        captured: String,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        files: Vec<FileAt>,
    },
}

/// A file of a repository at a commit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FileAt {
    pub path: String,
    pub commit: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SeriesEntry {
    pub scope: Scope,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub province: Option<String>,
    pub period: String,
    pub dates: usize,
    pub file: String,
    pub bytes: u64,
    pub sha256: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FileRef {
    pub file: String,
    pub count: usize,
    pub bytes: u64,
    pub sha256: String,
}

/// A row of `units.json`: `[code, name, kind, province, table]`, `table`
/// the id of the latest table that holds the unit (absent in files written
/// before it was added: the scope's latest table is read then).
pub type UnitRow = (String, String, String, Option<String>, Option<String>);

/// `units.json`: every unit of every table once.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Units {
    pub format: String,
    pub version: u32,
    pub columns: Vec<String>,
    pub rows: Vec<UnitRow>,
}

impl Units {
    pub fn new(rows: Vec<UnitRow>) -> Units {
        Units {
            format: UNITS_FORMAT.into(),
            version: VERSION,
            columns: ["code", "name", "kind", "province", "table"].map(String::from).to_vec(),
            rows,
        }
    }
}

/// Why an index or a units file was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DirectoryError {
    /// Not JSON of this shape.
    Malformed(String),
    /// Not a data directory's index.
    NotAnIndex,
    /// A newer format than this code reads.
    Newer(u32),
}

impl std::fmt::Display for DirectoryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DirectoryError::Malformed(e) => write!(f, "not a data directory index: {e}"),
            DirectoryError::NotAnIndex => write!(f, "not a data directory index (format is not \"{FORMAT}\")"),
            DirectoryError::Newer(v) => {
                write!(f, "a newer data directory (version {v}; this version reads {VERSION}): update the app")
            }
        }
    }
}

impl std::error::Error for DirectoryError {}

impl Index {
    pub fn empty(updated: &str) -> Index {
        Index {
            format: FORMAT.into(),
            version: VERSION,
            updated: updated.into(),
            tables: Vec::new(),
            series: Vec::new(),
            units: None,
        }
    }

    /// Reads `index.json`, refusing another format or a newer version.
    pub fn read(text: &str) -> Result<Index, DirectoryError> {
        let v: serde_json::Value = serde_json::from_str(text).map_err(|e| DirectoryError::Malformed(e.to_string()))?;
        if v.get("format").and_then(serde_json::Value::as_str) != Some(FORMAT) {
            return Err(DirectoryError::NotAnIndex);
        }
        match v.get("version").and_then(serde_json::Value::as_u64) {
            Some(n) if n > VERSION as u64 => return Err(DirectoryError::Newer(n as u32)),
            None => return Err(DirectoryError::Malformed("no version".into())),
            _ => {}
        }
        read::index(&v)
    }

    /// The index as written: pretty JSON with a final newline.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("an index serialises");
        s.push('\n');
        s
    }

    /// Adds or replaces a table (same id), keeping tables ordered by date,
    /// then by scope id and period.
    pub fn put(&mut self, entry: TableEntry) {
        self.tables.retain(|t| t.id != entry.id);
        self.tables.push(entry);
        crate::engine::sort::sort_by_key(&mut self.tables, |t| (t.date.clone(), t.id.clone()));
    }

    /// The dated tables of one scope and period, oldest first.
    pub fn series_of(&self, scope: Scope, province: Option<&str>, period: &str) -> Vec<&TableEntry> {
        self.tables
            .iter()
            .filter(|t| t.scope == scope && t.province.as_deref() == province && t.period == period)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_the_format() {
        let p: Period = "year:2026".parse().unwrap();
        assert_eq!(
            table_file("2026-10-10", Scope::Communes, Some("H66"), &p),
            "tables/2026-10-10/H66.communes.year-2026.csv"
        );
        assert_eq!(table_id("2026-10-10", Scope::Provinces, None, &p), "2026-10-10/provinces.year-2026");
        assert_eq!(
            series_file(Scope::Agencies, Some("H44"), &"month:2026-08".parse().unwrap()),
            "series/H44.agencies.month-2026-08.csv"
        );
    }

    #[test]
    fn a_newer_or_foreign_index_is_refused_clearly() {
        assert_eq!(Index::read(r#"{"format":"vn766-data","version":2}"#), Err(DirectoryError::Newer(2)));
        assert_eq!(
            Index::read(r#"{"format":"vn766-data","version":2}"#).unwrap_err().to_string(),
            "a newer data directory (version 2; this version reads 1): update the app"
        );
        assert_eq!(Index::read(r#"{"format":"other","version":1}"#), Err(DirectoryError::NotAnIndex));
        assert!(matches!(Index::read("<html>"), Err(DirectoryError::Malformed(_))));
        let i = Index::empty("2026-10-10T00:00:00Z");
        assert_eq!(Index::read(&i.to_json()).unwrap(), i);
    }
}

/// A unit of a directory, as the unit picker searches it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DirUnit {
    pub code: String,
    pub name: String,
    pub scope: Scope,
    pub province: Option<String>,
    /// Name and code folded for searching ("ubnd xa ea kao h15.104").
    pub folded: String,
    /// The latest table that holds it, when the file says.
    pub table: Option<String>,
}

/// What a session knows of a data directory: its index, and what has been
/// loaded of it (the units list, series), each on demand.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Directory {
    /// The index's address (the directory's files are relative to it).
    pub url: String,
    pub index: Index,
    pub units: Option<std::sync::Arc<Vec<DirUnit>>>,
    /// Series read, by file.
    pub series: std::collections::BTreeMap<String, std::sync::Arc<Series>>,
}

impl Directory {
    pub fn new(url: &str, index: Index) -> Directory {
        Directory { url: url.to_string(), index, units: None, series: Default::default() }
    }

    /// The address of one of its files.
    pub fn file_url(&self, file: &str) -> String {
        match self.url.rfind('/') {
            Some(i) => format!("{}/{file}", &self.url[..i]),
            None => file.to_string(),
        }
    }

    /// Reads `units.json`.
    pub fn read_units(text: &str) -> Result<Vec<DirUnit>, DirectoryError> {
        let v: serde_json::Value = serde_json::from_str(text).map_err(|e| DirectoryError::Malformed(e.to_string()))?;
        if v.get("format").and_then(serde_json::Value::as_str) != Some(UNITS_FORMAT) {
            return Err(DirectoryError::NotAnIndex);
        }
        if let Some(n) = v.get("version").and_then(serde_json::Value::as_u64).filter(|&n| n > VERSION as u64) {
            return Err(DirectoryError::Newer(n as u32));
        }
        let u = Units::new(read::unit_rows(&v)?);
        Ok(u.rows
            .into_iter()
            .filter_map(|(code, name, kind, province, table)| {
                let scope = Scope::of_kind(&kind)?;
                let folded = crate::engine::i18n::fold(&format!("{name} {code}"));
                Some(DirUnit { code, name, scope, province, folded, table })
            })
            .collect())
    }

    /// The latest table of a scope (any period, the year's first on a tie),
    /// and of a period when one is given.
    pub fn latest(&self, scope: Scope, province: Option<&str>, period: Option<&str>) -> Option<&TableEntry> {
        self.index
            .tables
            .iter()
            .filter(|t| t.scope == scope && t.province.as_deref() == province.filter(|_| scope != Scope::Provinces))
            .filter(|t| period.is_none_or(|p| t.period == p))
            .max_by_key(|t| (t.date.clone(), t.period.starts_with("year"), t.period.clone()))
    }

    /// The table of an id.
    pub fn table(&self, id: &str) -> Option<&TableEntry> {
        self.index.tables.iter().find(|t| t.id == id)
    }

    /// The directory's table behind a reference table of the session's
    /// catalogue: a directory table (`dir:<id>`), or the shipped provinces
    /// table, which is the directory's provinces table of its date and
    /// period when the directory holds one (so that a province's history
    /// and dates come from the directory's series).
    pub fn entry_for(&self, catalog_id: &str) -> Option<&TableEntry> {
        if let Some(id) = catalog_id.strip_prefix(crate::catalog::DIR_PREFIX) {
            return self.table(id);
        }
        use crate::engine::reference::{SHIPPED_DATE, SHIPPED_ID, SHIPPED_PERIOD};
        (catalog_id == SHIPPED_ID).then_some(())?;
        self.index
            .tables
            .iter()
            .find(|t| t.scope == Scope::Provinces && t.date == SHIPPED_DATE && t.period == SHIPPED_PERIOD)
    }

    /// The series file of a table's scope and period.
    pub fn series_of(&self, t: &TableEntry) -> Option<&SeriesEntry> {
        self.index.series.iter().find(|s| s.scope == t.scope && s.province == t.province && s.period == t.period)
    }

    /// The name of a province of the directory ("UBND tỉnh Đắk Lắk").
    pub fn province_name(&self, code: &str) -> Option<&str> {
        self.index.tables.iter().find(|t| t.province.as_deref() == Some(code)).and_then(|t| t.province_name.as_deref())
    }
}

/// A period in words: "năm 2026", "quý 4/2026", "tháng 11/2026".
pub fn period_name(period: &str, lang: crate::engine::Lang) -> String {
    use crate::text::{fill, t};
    let s = t(lang);
    match period.parse::<Period>() {
        Ok(Period::Year(y)) => fill(s.dir_year, &[("year", &y.to_string())]),
        Ok(Period::Quarter(y, q)) => fill(s.dir_quarter, &[("year", &y.to_string()), ("n", &q.to_string())]),
        Ok(Period::Month(y, m)) => fill(s.dir_month, &[("year", &y.to_string()), ("n", &m.to_string())]),
        Err(_) => period.to_string(),
    }
}

/// A kind of unit in words ("xã, phường").
pub fn kind_name(scope: Scope, lang: crate::engine::Lang) -> &'static str {
    let s = crate::text::t(lang);
    match scope {
        Scope::Provinces => s.dir_kind_province,
        Scope::Agencies => s.dir_kind_agency,
        Scope::Communes => s.dir_kind_commune,
    }
}

/// A directory table's name in both languages.
pub fn table_names(t: &TableEntry) -> crate::engine::i18n::Text {
    crate::engine::i18n::Text { vi: table_name(t, crate::engine::Lang::Vi), en: table_name(t, crate::engine::Lang::En) }
}

/// A directory table's name in a language: "Xã, phường của UBND tỉnh Đắk
/// Lắk · năm 2026 · 10/10/2026".
pub fn table_name(t: &TableEntry, lang: crate::engine::Lang) -> String {
    use crate::text::{fill, t as texts};
    let s = texts(lang);
    let province = t.province_name.as_deref().or(t.province.as_deref()).unwrap_or("");
    let scope = match t.scope {
        Scope::Provinces => s.dir_provinces.to_string(),
        Scope::Agencies => fill(s.dir_agencies, &[("province", province)]),
        Scope::Communes => fill(s.dir_communes, &[("province", province)]),
    };
    format!("{scope} · {} · {}", period_name(&t.period, lang), series::show_date(&t.date, lang))
}
