//! `index.json` and `units.json` read from a parsed JSON value, field by
//! field: the app already links serde_json's `Value`, and this costs far
//! less wasm than a derived deserialiser per type.

use std::collections::BTreeMap;

use serde_json::Value;

use super::{Checked, DirectoryError, FileAt, FileRef, Index, Scope, SeriesEntry, Source, TableEntry};

type R<T> = Result<T, DirectoryError>;

fn bad(what: &str) -> DirectoryError {
    DirectoryError::Malformed(format!("{what} is missing or not of its type"))
}

fn string(v: &Value, key: &str) -> R<String> {
    v.get(key).and_then(Value::as_str).map(String::from).ok_or_else(|| bad(key))
}

fn opt_string(v: &Value, key: &str) -> Option<String> {
    v.get(key).and_then(Value::as_str).map(String::from)
}

fn number(v: &Value, key: &str) -> R<u64> {
    v.get(key).and_then(Value::as_u64).ok_or_else(|| bad(key))
}

fn scope(v: &Value) -> R<Scope> {
    match v.get("scope").and_then(Value::as_str) {
        Some("provinces") => Ok(Scope::Provinces),
        Some("agencies") => Ok(Scope::Agencies),
        Some("communes") => Ok(Scope::Communes),
        _ => Err(bad("scope")),
    }
}

fn source(v: &Value) -> R<Source> {
    let s = v.get("source").ok_or_else(|| bad("source"))?;
    match s.get("kind").and_then(Value::as_str) {
        Some("portal") => {
            Ok(Source::Portal { url: string(s, "url")?, fetched: string(s, "fetched")?, tool: string(s, "tool")? })
        }
        Some("capture") => Ok(Source::Capture {
            repository: string(s, "repository")?,
            path: string(s, "path")?,
            commit: string(s, "commit")?,
            captured: string(s, "captured")?,
            files: list(s, "files", |f| Ok(FileAt { path: string(f, "path")?, commit: string(f, "commit")? }))?,
        }),
        _ => Err(bad("source.kind")),
    }
}

fn checked(v: &Value) -> Option<Checked> {
    let c = v.get("checked")?;
    let mut groups = BTreeMap::new();
    for (g, pair) in c.get("groups")?.as_object()? {
        let a = pair.as_array()?;
        groups.insert(g.clone(), [a.first()?.as_u64()? as usize, a.get(1)?.as_u64()? as usize]);
    }
    Some(Checked { units: c.get("units")?.as_u64()? as usize, groups, mismatches: opt_string(c, "mismatches") })
}

fn table(v: &Value) -> R<TableEntry> {
    Ok(TableEntry {
        id: string(v, "id")?,
        scope: scope(v)?,
        province: opt_string(v, "province"),
        province_name: opt_string(v, "province_name"),
        period: string(v, "period")?,
        date: string(v, "date")?,
        file: string(v, "file")?,
        units: number(v, "units")? as usize,
        bytes: number(v, "bytes")?,
        sha256: string(v, "sha256")?,
        counts: v
            .get("counts")
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(Value::as_str).map(String::from).collect())
            .unwrap_or_default(),
        checked: checked(v),
        source: source(v)?,
    })
}

fn series(v: &Value) -> R<SeriesEntry> {
    Ok(SeriesEntry {
        scope: scope(v)?,
        province: opt_string(v, "province"),
        period: string(v, "period")?,
        dates: number(v, "dates")? as usize,
        file: string(v, "file")?,
        bytes: number(v, "bytes")?,
        sha256: string(v, "sha256")?,
    })
}

fn list<T>(v: &Value, key: &str, one: impl Fn(&Value) -> R<T>) -> R<Vec<T>> {
    match v.get(key) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(a)) => a.iter().map(one).collect(),
        Some(_) => Err(bad(key)),
    }
}

/// The index, once its format and version are checked.
pub(super) fn index(v: &Value) -> R<Index> {
    Ok(Index {
        format: string(v, "format")?,
        version: number(v, "version")? as u32,
        updated: string(v, "updated")?,
        tables: list(v, "tables", table)?,
        series: list(v, "series", series)?,
        units: match v.get("units") {
            None | Some(Value::Null) => None,
            Some(u) => Some(FileRef {
                file: string(u, "file")?,
                count: number(u, "count")? as usize,
                bytes: number(u, "bytes")?,
                sha256: string(u, "sha256")?,
            }),
        },
    })
}

/// `units.json`'s rows: `[code, name, kind, province, table]`.
pub(super) fn unit_rows(v: &Value) -> R<Vec<super::UnitRow>> {
    let rows = v.get("rows").and_then(Value::as_array).ok_or_else(|| bad("rows"))?;
    Ok(rows
        .iter()
        .filter_map(|r| {
            let r = r.as_array()?;
            let s = |i: usize| r.get(i).and_then(Value::as_str).map(String::from);
            Some((s(0)?, s(1)?, s(2)?, s(3), s(4)))
        })
        .collect())
}
