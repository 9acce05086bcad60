//! Public captures of the portal's figures converted into a data directory
//! (`data/README.md`): the shipped `data/directory/`, built by `make
//! data-directory` from `data/captures/` (see its README).
//!
//! Each capture is read by the same code as a fetch: the portal's own
//! answers go through [`assemble`](super::assemble) unchanged; the two
//! crawler shapes (Crawler-766's national `scores_Provinces_*` and
//! 766-Analyze's daily snapshot of a province) are first put into the
//! answer's shape, field for field. The tables are then written, checked
//! and indexed by [`write`](super::write), with each table's source. Every
//! time written into the directory is a capture's own, so that the same
//! captures always give the same bytes.

use std::io;
use std::path::Path;

use serde_json::{json, Map, Value};

use super::assemble::{items, Part, Row, Rows, HEADER};
use super::{Built, Options};
use crate::directory::{FileAt, Period, Scope, Source};

/// One dated table to write, with its period.
struct Job {
    date: String,
    period: Period,
    captured: String,
    built: Built,
}

fn read_json(path: &Path) -> io::Result<Value> {
    let text =
        std::fs::read_to_string(path).map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
    serde_json::from_str(&text).map_err(|e| io::Error::other(format!("{}: {e}", path.display())))
}

fn field(v: &Value, key: &str, path: &Path) -> io::Result<String> {
    v.get(key)
        .and_then(Value::as_str)
        .map(String::from)
        .ok_or_else(|| io::Error::other(format!("{}: no \"{key}\"", path.display())))
}

/// A capture's `.source.json`: where the file came from.
fn source_of(path: &Path) -> io::Result<(Source, String)> {
    let v = read_json(path)?;
    let captured = field(&v, "captured", path)?;
    let source = Source::Capture {
        repository: field(&v, "repository", path)?,
        path: field(&v, "path", path)?,
        commit: field(&v, "commit", path)?,
        captured: captured.clone(),
        files: Vec::new(),
    };
    Ok((source, captured))
}

/// The sidecar of a capture: `x.json` → `x.source.json`.
fn sidecar(path: &Path) -> std::path::PathBuf {
    path.with_extension("source.json")
}

/// The files of a folder whose names start with `prefix` and end with
/// `.json` (not the sidecars), sorted.
fn captures_in(dir: &Path, prefix: &str) -> io::Result<Vec<std::path::PathBuf>> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else { return Ok(out) };
    for e in entries {
        let p = e?.path();
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.starts_with(prefix) && name.ends_with(".json") && !name.ends_with(".source.json") {
            out.push(p);
        }
    }
    out.sort();
    Ok(out)
}

/// The date of `<prefix>YYYY-MM-DD.json`; `None` for any other name (a
/// capture still being transcribed in parts, say).
fn stem_date(path: &Path, prefix: &str) -> Option<String> {
    let name = path.file_name()?.to_str()?;
    let date = name.strip_prefix(prefix)?.strip_suffix(".json")?;
    let b = date.as_bytes();
    let ok = b.len() == 10 && b[4] == b'-' && b[7] == b'-' && date.replace('-', "").bytes().all(|c| c.is_ascii_digit());
    ok.then(|| date.to_string())
}

/// The rows of a reference CSV file, by column name (the shipped table
/// with counts).
fn csv_rows(path: &Path) -> io::Result<Vec<Row>> {
    let mut r = csv::Reader::from_path(path).map_err(|e| io::Error::other(format!("{}: {e}", path.display())))?;
    let header = r.headers().map_err(io::Error::other)?.clone();
    let mut rows = Vec::new();
    for rec in r.records() {
        let rec = rec.map_err(io::Error::other)?;
        let mut row = Row::default();
        for (h, v) in header.iter().zip(rec.iter()) {
            match HEADER.iter().find(|k| **k == h) {
                Some(k) if !v.is_empty() => {
                    row.cells.insert(k, v.to_string());
                }
                Some(_) => {}
                None => return Err(io::Error::other(format!("{}: column {h} is not of the format", path.display()))),
            }
        }
        row.id = row.cells.get("code").cloned().unwrap_or_default();
        rows.push(row);
    }
    Ok(rows)
}

/// Crawler-766's national list (`scores_Provinces_DDMMYYYY.json`, trimmed):
/// each province as a unit of `service-results` with its group scores.
fn provinces(dir: &Path, tables: &Path, jobs: &mut Vec<Job>) -> io::Result<()> {
    for path in captures_in(&dir.join("provinces"), "scores-")? {
        let Some(date) = stem_date(&path, "scores-") else { continue };
        let (source, captured) = source_of(&sidecar(&path))?;
        // A table of the reference format for that date (with every count)
        // takes the place of the scores-only capture.
        let csv = tables.join(format!("provinces-{date}.csv"));
        let (rows, source, captured) = if csv.exists() {
            let meta = read_json(&tables.join(format!("provinces-{date}.meta.json")))?;
            let m = |k: &str| field(&meta, k, &csv);
            let source = Source::Capture {
                repository: m("source_repo")?,
                path: m("path")?,
                commit: m("commit")?,
                captured: m("extractedAt")?,
                files: Vec::new(),
            };
            (csv_rows(&csv)?, source, m("extractedAt")?)
        } else {
            let v = read_json(&path)?;
            let mut rows = Rows::default();
            for p in v.get("provinces").and_then(Value::as_array).into_iter().flatten() {
                // The national list names provinces by code: that is the key.
                let mut p = p.clone();
                let code = p.get("departmentCode").cloned();
                if let (Some(o), Some(code)) = (p.as_object_mut(), code) {
                    o.insert("departmentId".into(), code);
                }
                rows.add_total(&p, Some("PROVINCE"));
            }
            (sorted(rows), source, captured)
        };
        let built = Built { scope: Scope::Provinces, province: None, rows, source: Some(source) };
        jobs.push(Job { date, period: Period::Year(2026), captured, built });
    }
    Ok(())
}

fn sorted(rows: Rows) -> Vec<Row> {
    let mut out: Vec<Row> = rows.rows.into_values().filter(|r| r.cells.contains_key("code")).collect();
    crate::engine::sort::sort_by_key(&mut out, |r| r.cells["code"].clone());
    out
}

/// A province's units as its two tables, agencies and communes, each sorted
/// by code: of a date, a period and a capture time.
fn by_kind(
    rows: Rows,
    (code, name): (&str, &str),
    source: Source,
    (date, period, captured): (&str, Period, &str),
    jobs: &mut Vec<Job>,
) {
    let all = sorted(rows);
    for scope in [Scope::Agencies, Scope::Communes] {
        let rows: Vec<Row> =
            all.iter().filter(|r| r.cells.get("kind").map(String::as_str) == Some(scope.kind())).cloned().collect();
        let province = Some((code.to_string(), name.to_string()));
        let built = Built { scope, province, rows, source: Some(source.clone()) };
        jobs.push(Job { date: date.to_string(), period, captured: captured.to_string(), built });
    }
}

/// A sum of published scores in cents ("7.96" + "17.86"), exactly; `None`
/// when one is missing or has more than two decimals.
fn cents_sum(values: &[Option<&String>]) -> Option<i64> {
    values
        .iter()
        .map(|v| {
            let v = (*v)?.as_str();
            let (whole, frac) = v.split_once('.').unwrap_or((v, ""));
            (frac.len() <= 2).then_some(())?;
            Some(whole.parse::<i64>().ok()? * 100 + format!("{frac:0<2}").parse::<i64>().ok()?)
        })
        .sum()
}

/// 766-Analyze's group keys, as the portal's answers name them.
const SNAPSHOT_GROUPS: &[(&str, Part)] = &[
    ("transparency", Part::Ckmb),
    ("progress", Part::Tdgq),
    ("onlineService", Part::Online),
    ("payment", Part::Tttt),
    ("satisfaction", Part::Mdhl),
    ("digitized", Part::Mdsh),
];

/// One unit of a 766-Analyze snapshot put into the portal's answers'
/// shapes, field for field, and added to `rows`.
fn snapshot_unit(u: &Value, rows: &mut Rows) {
    let id = u.get("departmentId").cloned().unwrap_or(Value::Null);
    let ident = |extra: Map<String, Value>| -> Value {
        let mut o = Map::new();
        for k in ["departmentId", "departmentCode", "departmentName"] {
            if let Some(v) = u.get(k) {
                o.insert(k.into(), v.clone());
            }
        }
        o.extend(extra);
        Value::Object(o)
    };
    let kind = match u.get("departmentLevel").and_then(Value::as_str) {
        Some("COMMUNE") => "COMMUNE",
        _ => "AGENCY",
    };
    rows.add_total(&ident(Map::from_iter([("totalScore".into(), u["totalScore"].clone())])), Some(kind));
    let details = &u["indicatorDetails"];
    for (key, part) in SNAPSHOT_GROUPS {
        let d = &details[*key];
        let score = u["scores"].get(*key).cloned().unwrap_or(Value::Null);
        match part {
            Part::Ckmb | Part::Mdsh | Part::Mdhl => rows.add_metrics(
                *part,
                &ident(Map::from_iter([
                    ("totalScore".into(), score),
                    ("metrics".into(), d.get("metrics").cloned().unwrap_or(json!([]))),
                ])),
            ),
            Part::Tdgq => rows.add_progress(&ident(Map::from_iter([
                ("totalReceived".into(), d["totalReceived"].clone()),
                ("totalOnTime".into(), d["onTime"]["numerator"].clone()),
                ("totalOverdue".into(), d["overdue"]["numerator"].clone()),
                ("score".into(), score),
            ]))),
            // Dossiers paid online; procedures with an online payment; fee
            // procedures with dossiers (C's numerator): in this order.
            Part::Tttt => {
                let m = |i: usize, k: &str| d["metrics"].get(i).and_then(|m| m.get(k)).cloned().unwrap_or(Value::Null);
                rows.add_payment(&ident(Map::from_iter([
                    ("totalScore".into(), score),
                    ("totalDossierOnlinePaymentSuccess".into(), m(0, "numerator")),
                    ("totalDossierFinancialObligation".into(), m(0, "denominator")),
                    ("totalDossierOnlineFormalityPaymentSuccess".into(), m(1, "numerator")),
                    ("totalFeeFormality".into(), m(1, "denominator")),
                    ("totalFeeDossierFormality".into(), m(2, "numerator")),
                ])))
            }
            // The snapshot holds ONLINE's score, not its counts: the group
            // stays split from its published score.
            Part::Online => {
                rows.add_online_child(&ident(Map::from_iter([("totalScore".into(), score)])));
                if let Some(r) = id.as_str().and_then(|i| rows.rows.get_mut(i)) {
                    r.parts.insert(Part::Online);
                }
            }
            Part::Total => {}
        }
    }
}

/// A province's units on one day (766-Analyze `data/snapshots/DATE.json`,
/// trimmed): agencies and communes.
fn snapshots(dir: &Path, code: &str, jobs: &mut Vec<Job>) -> io::Result<()> {
    for path in captures_in(&dir.join(code), "snapshot-")? {
        let Some(date) = stem_date(&path, "snapshot-") else { continue };
        let (source, captured) = source_of(&sidecar(&path))?;
        let v = read_json(&path)?;
        let name = v["department"]["name"].as_str().unwrap_or(code).to_string();
        let mut rows = Rows::default();
        for u in v.get("units").and_then(Value::as_array).into_iter().flatten() {
            snapshot_unit(u, &mut rows);
        }
        by_kind(rows, (code, &name), source, (&date, Period::Year(2026), &captured), jobs);
    }
    Ok(())
}

/// The portal's own answers for a province's units (`<endpoint>.<period>.json`,
/// trimmed), as a fetch reads them. No capture holds the province-scope
/// `service-results`: a unit's total is the sum of its six published group
/// scores, and its kind the trees' `level`.
fn answers(dir: &Path, code: &str, name: &str, date: &str, periods: &[Period], jobs: &mut Vec<Job>) -> io::Result<()> {
    let folder = dir.join(code);
    for &period in periods {
        let period_part = period.file_part();
        let mut rows = Rows::default();
        let mut at = Vec::new();
        let mut captured = String::new();
        let mut first: Option<Source> = None;
        for part in [Part::Ckmb, Part::Mdsh, Part::Mdhl, Part::Tdgq, Part::Tttt, Part::Online] {
            let path = folder.join(format!("{}.{period_part}.json", part.name()));
            let (source, when) = source_of(&sidecar(&path))?;
            if let Source::Capture { path, commit, .. } = &source {
                at.push(FileAt { path: path.clone(), commit: commit.clone() });
            }
            captured = captured.max(when);
            first.get_or_insert(source);
            let data = &read_json(&path)?["data"];
            for item in items(data) {
                match part {
                    Part::Ckmb | Part::Mdsh | Part::Mdhl => rows.add_metrics(part, item),
                    Part::Tdgq => rows.add_progress(item),
                    Part::Tttt => rows.add_payment(item),
                    _ => rows.add_online_child(item),
                }
            }
        }
        for row in rows.rows.values_mut() {
            row.parts.insert(Part::Online);
            // The total is the sum of the group scores (the method's rule).
            let groups = ["g_CKMB", "g_TDGQ", "g_ONLINE", "g_TTTT", "g_MDHL", "g_MDSH"].map(|g| row.cells.get(g));
            if let Some(total) = cents_sum(&groups) {
                row.cells.insert("total", crate::engine::format::plain_cents(total));
                row.parts.insert(Part::Total);
            }
        }
        let Some(Source::Capture { repository, path, commit, .. }) = first else { continue };
        let source = Source::Capture { repository, path, commit, captured: captured.clone(), files: at };
        by_kind(rows, (code, name), source, (date, period, &captured), jobs);
    }
    Ok(())
}

/// Converts the captures in `dir` (`data/captures/`) into a new data
/// directory at `out`, which must not exist; `tables` is the folder of the
/// shipped reference tables (`data/`). Returns a line per table.
pub fn convert(dir: &Path, tables: &Path, out: &Path, log: &mut dyn io::Write) -> io::Result<Vec<String>> {
    if out.exists() {
        return Err(io::Error::other(format!("{}: already exists; the directory is built anew", out.display())));
    }
    let manifest = read_json(&dir.join("captures.json"))?;
    let mut jobs = Vec::new();
    provinces(dir, tables, &mut jobs)?;
    for p in manifest.get("snapshots").and_then(Value::as_array).into_iter().flatten() {
        snapshots(dir, p.as_str().unwrap_or(""), &mut jobs)?;
    }
    for p in manifest.get("answers").and_then(Value::as_array).into_iter().flatten() {
        let (code, name, date) = (field(p, "code", dir)?, field(p, "name", dir)?, field(p, "date", dir)?);
        let periods = p
            .get("periods")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .map(|v| v.as_str().unwrap_or("").parse::<Period>().map_err(io::Error::other))
            .collect::<io::Result<Vec<Period>>>()?;
        answers(dir, &code, &name, &date, &periods, &mut jobs)?;
    }
    crate::engine::sort::sort_by_key(&mut jobs, |j| (j.date.clone(), j.period.to_string()));
    let mut lines = Vec::new();
    let mut i = 0;
    while i < jobs.len() {
        let (date, period) = (jobs[i].date.clone(), jobs[i].period);
        let same: Vec<&Job> = jobs[i..].iter().take_while(|j| j.date == date && j.period == period).collect();
        let now = same.iter().map(|j| j.captured.clone()).max().unwrap_or_default();
        let built: Vec<Built> = same.iter().map(|j| j.built.clone()).filter(|b| !b.rows.is_empty()).collect();
        i += same.len();
        let opts = Options {
            target: super::Target::All,
            period,
            out: out.to_path_buf(),
            date,
            now,
            http: super::http::Settings {
                base: String::new(),
                rate: 1.0,
                timeout: std::time::Duration::from_secs(1),
                retries: 0,
                backoff: std::time::Duration::from_secs(1),
                cache: out.join(".cache"),
                user_agent: String::new(),
            },
        };
        lines.extend(super::write::write(&opts, &built, log)?);
    }
    Ok(lines)
}
