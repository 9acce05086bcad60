//! The data directory written: each table, check, series and the units
//! list to a temporary file renamed into place; `index.json` last, so that
//! a reader never sees an index naming an incomplete file and a killed run
//! leaves the previous index in force.

use std::collections::BTreeMap;
use std::io::{self, Write as _};
use std::path::Path;

use sha2::{Digest, Sha256};

use super::assemble::{record, scores_only, Row, HEADER};
use super::check::{check, mismatches_csv};
use super::{Built, Options};
use crate::directory::{self, Checked, FileRef, Index, Scope, SeriesEntry, Source, TableEntry, Units};
use crate::engine::reference;

/// Writes `bytes` to `dir/rel` whole: a temporary file, then a rename.
pub fn put(dir: &Path, rel: &str, bytes: &[u8]) -> io::Result<(u64, String)> {
    let path = dir.join(rel);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let tmp = path.with_file_name(format!(
        ".{}.{}.tmp",
        path.file_name().and_then(|n| n.to_str()).unwrap_or("file"),
        std::process::id()
    ));
    {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
    }
    std::fs::rename(&tmp, &path)?;
    Ok((bytes.len() as u64, sha256(bytes)))
}

pub fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

fn csv_text(rows: &[Row]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(HEADER);
    for r in rows {
        let _ = w.write_record(record(r));
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// The rows as written. A row the importer refuses (the portal's counts
/// disagree with each other) loses the count it names, so that its group
/// keeps its published score, split, and the other groups their counts;
/// a row still refused keeps only its published scores. Each is said.
fn readable(rows: &[Row], notes: &mut Vec<String>) -> Vec<Row> {
    // Counts that disagree are rare and few a row: past this many, the
    // row's counts are not worth keeping.
    const MOST_LEFT_OUT: usize = 4;
    rows.iter()
        .map(|r| {
            let code = r.cells.get("code").map(String::as_str).unwrap_or("?");
            let mut row = r.clone();
            for _ in 0..MOST_LEFT_OUT {
                match reference::read_csv(csv_text(std::slice::from_ref(&row)).as_bytes()) {
                    Ok(_) => return row,
                    Err(e) => match e.column.as_deref().and_then(|c| HEADER.iter().find(|h| **h == c)) {
                        Some(c) if row.cells.remove(c).is_some() => notes.push(format!(
                            "{code}: {c} left out, the portal's counts disagree ({e}); its group keeps its published score"
                        )),
                        _ => break,
                    },
                }
            }
            notes.push(format!("{code}: counts left out, the portal's counts disagree; its published scores are kept"));
            scores_only(r)
        })
        .collect()
}

/// Reads the columns of a CSV file by name.
fn columns(text: &str, names: &[&str]) -> Vec<Vec<String>> {
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let Ok(header) = r.headers().cloned() else { return Vec::new() };
    let at: Vec<Option<usize>> = names.iter().map(|n| header.iter().position(|h| h == *n)).collect();
    r.records()
        .filter_map(Result::ok)
        .map(|rec| at.iter().map(|i| i.and_then(|i| rec.get(i)).unwrap_or("").to_string()).collect())
        .collect()
}

const SERIES: &[&str] = &["code", "total", "g_CKMB", "g_TDGQ", "g_ONLINE", "g_TTTT", "g_MDHL", "g_MDSH"];

/// Writes the run's tables, then the series and units they change, then
/// the index. Returns a summary line per table.
pub fn write(opts: &Options, built: &[Built], log: &mut dyn io::Write) -> io::Result<Vec<String>> {
    let out = &opts.out;
    std::fs::create_dir_all(out)?;
    let mut index = match std::fs::read_to_string(out.join("index.json")) {
        Ok(text) => Index::read(&text).map_err(|e| {
            io::Error::other(format!("{}: {e}; refusing to update it", out.join("index.json").display()))
        })?,
        Err(_) => Index::empty(&opts.now),
    };
    let period = opts.period.to_string();
    let mut lines = Vec::new();
    for b in built {
        let province = b.province.as_ref().map(|p| p.0.as_str());
        let sid = directory::scope_id(b.scope, province);
        let mut notes = Vec::new();
        let rows = readable(&b.rows, &mut notes);
        let text = csv_text(&rows);
        let report = check(&text).map_err(io::Error::other)?;
        let file = directory::table_file(&opts.date, b.scope, province, &opts.period);
        let (bytes, sha) = put(out, &file, text.as_bytes())?;
        let mismatches = if report.mismatches.is_empty() {
            None
        } else {
            let rel = format!("checks/{}/{sid}.{}.csv", opts.date, opts.period.file_part());
            put(out, &rel, mismatches_csv(&report).as_bytes())?;
            Some(rel)
        };
        index.put(TableEntry {
            id: directory::table_id(&opts.date, b.scope, province, &opts.period),
            scope: b.scope,
            province: province.map(String::from),
            province_name: b.province.as_ref().map(|p| p.1.clone()),
            period: period.clone(),
            date: opts.date.clone(),
            file,
            units: rows.len(),
            bytes,
            sha256: sha,
            counts: report.counted.clone(),
            checked: Some(Checked {
                units: report.units,
                groups: report.groups.iter().map(|(g, (ok, n))| (g.clone(), [*ok, *n])).collect(),
                mismatches,
            }),
            source: b.source.clone().unwrap_or_else(|| Source::Portal {
                url: format!("{}{}", opts.http.base, super::http::API),
                fetched: opts.now.clone(),
                tool: opts.http.user_agent.clone(),
            }),
        });
        let line = format!("{sid}: {} units; {}", rows.len(), report.line());
        let _ = writeln!(log, "{line}");
        for n in &notes {
            let _ = writeln!(log, "  {n}");
        }
        lines.push(line);
    }
    // The series of every scope and period the run touched.
    let touched: Vec<(Scope, Option<String>)> =
        built.iter().map(|b| (b.scope, b.province.as_ref().map(|p| p.0.clone()))).collect();
    for (scope, province) in touched {
        let tables: Vec<TableEntry> =
            index.series_of(scope, province.as_deref(), &period).into_iter().cloned().collect();
        let mut text = String::from("date,code,total,g_CKMB,g_TDGQ,g_ONLINE,g_TTTT,g_MDHL,g_MDSH\n");
        for t in &tables {
            let body = std::fs::read_to_string(out.join(&t.file))?;
            let mut rows = columns(&body, SERIES);
            crate::engine::sort::sort_by_key(&mut rows, |r| r[0].clone());
            for r in rows {
                text.push_str(&t.date);
                for cell in r {
                    text.push(',');
                    text.push_str(&cell);
                }
                text.push('\n');
            }
        }
        let file = directory::series_file(scope, province.as_deref(), &opts.period);
        let (bytes, sha) = put(out, &file, text.as_bytes())?;
        let entry = SeriesEntry {
            scope,
            province: province.clone(),
            period: period.clone(),
            dates: tables.len(),
            file,
            bytes,
            sha256: sha,
        };
        index.series.retain(|s| !(s.scope == scope && s.province == province && s.period == period));
        index.series.push(entry);
    }
    crate::engine::sort::sort_by_key(&mut index.series, |s| s.file.clone());
    // Every unit once, named as its latest table names it (the tables are
    // oldest first, a date's year-to-date table last), with that table.
    let mut units: BTreeMap<String, (String, String, Option<String>, String)> = BTreeMap::new();
    for t in &index.tables {
        let body = std::fs::read_to_string(out.join(&t.file))?;
        for r in columns(&body, &["code", "name", "kind"]) {
            let kind = if r[2].is_empty() { t.scope.kind().to_string() } else { r[2].clone() };
            units.insert(r[0].clone(), (r[1].clone(), kind, t.province.clone(), t.id.clone()));
        }
    }
    let count = units.len();
    let units = Units::new(units.into_iter().map(|(c, (n, k, p, t))| (c, n, k, p, Some(t))).collect());
    let mut text = serde_json::to_string(&units).map_err(io::Error::other)?;
    text.push('\n');
    let (bytes, sha) = put(out, "units.json", text.as_bytes())?;
    index.units = Some(FileRef { file: "units.json".into(), count, bytes, sha256: sha });
    index.updated = opts.now.clone();
    put(out, "index.json", index.to_json().as_bytes())?;
    Ok(lines)
}
