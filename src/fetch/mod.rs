//! `vn766-fetch`: the portal's latest figures for a province's units (or
//! every unit) into a dated data directory (`data/README.md`), checked unit
//! by unit against the portal's published scores.
//!
//! - [`http`]: the API, politely, with every answer kept on disk;
//! - [`assemble`]: answers into rows of the reference CSV format;
//! - [`check`]: every unit scored by the engine and compared;
//! - [`write`]: the directory written, each file whole, the index last;
//! - [`captures`]: public captures converted into the same directory.
//!
//! What is asked, for each province (`rootDepartmentId` its id): the
//! province's units and totals (`service-results`), the three metrics
//! answers (paged) and the three trees; then, as the online tree gives its
//! children's scores only, the online tree once per unit for its counts.
//! The 34 provinces come from the national `service-results`.

pub mod assemble;
pub mod captures;
pub mod check;
pub mod http;
pub mod write;

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde_json::{json, Map, Value};

use crate::directory::{Period, Scope};
use assemble::{items, pages, root, Part, Row, Rows};
use http::{Client, HttpError};

/// What to fetch.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// Every province and every unit.
    All,
    /// One province (its code, `H44`) and its units.
    Province(String),
}

#[derive(Clone, Debug)]
pub struct Options {
    pub target: Target,
    pub period: Period,
    pub out: PathBuf,
    /// The day the figures stand for (`YYYY-MM-DD`).
    pub date: String,
    /// The run's time (RFC 3339, UTC), for the index.
    pub now: String,
    pub http: http::Settings,
}

/// One table the run built.
#[derive(Clone, Debug)]
pub struct Built {
    pub scope: Scope,
    pub province: Option<(String, String)>,
    pub rows: Vec<Row>,
    /// Where the rows came from, when not from this run's answers (a
    /// public capture: [`captures`]).
    pub source: Option<crate::directory::Source>,
}

/// What a run did, for its summary and exit status.
#[derive(Clone, Debug, Default)]
pub struct Outcome {
    /// A line per table: what was reproduced.
    pub lines: Vec<String>,
    /// Units and provinces left out, with why.
    pub left_out: Vec<String>,
    /// Why the run stopped asking, when the portal refused.
    pub blocked: Option<String>,
    pub tables: usize,
    pub sent: usize,
    pub from_cache: usize,
}

impl Outcome {
    /// 0: everything fetched (mismatches are reported, not failures); 1:
    /// some units or provinces left out; 3: the portal refused.
    pub fn status(&self) -> u8 {
        if self.blocked.is_some() {
            3
        } else if !self.left_out.is_empty() {
            1
        } else {
            0
        }
    }
}

/// Why a run could not start or finish.
#[derive(Debug)]
pub enum FetchError {
    /// The national list could not be had (nothing was written).
    National(HttpError),
    UnknownProvince(String, Vec<String>),
    Io(String),
}

impl std::fmt::Display for FetchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FetchError::National(e) => write!(f, "the portal's list of provinces: {e}; nothing was written"),
            FetchError::UnknownProvince(code, known) => {
                write!(f, "{code} is not among the portal's provinces ({})", known.join(", "))
            }
            FetchError::Io(e) => f.write_str(e),
        }
    }
}

/// The period as the API's body fields.
fn period_fields(period: &Period, body: &mut Map<String, Value>, by_dates: bool) {
    if by_dates {
        let (from, to) = period.date_range();
        body.insert("fromDate".into(), json!(from));
        body.insert("toDate".into(), json!(to));
    } else {
        let (kind, number) = period.time_type();
        body.insert("timeType".into(), json!(kind));
        body.insert("year".into(), json!(period.year()));
        if let Some((field, n)) = number {
            body.insert(field.into(), json!(n));
        }
    }
}

fn body(period: &Period, root: &str, page: u64, by_dates: bool) -> Value {
    let mut b = Map::new();
    period_fields(period, &mut b, by_dates);
    b.insert("rootDepartmentId".into(), json!(root));
    b.insert("currentPage".into(), json!(page));
    b.insert("pageSize".into(), json!(200));
    Value::Object(b)
}

/// A root object, given the id of the unit it is about when it lacks one.
fn with_id(v: &Value, id: &str) -> Value {
    let mut v = v.clone();
    if let Some(o) = v.as_object_mut() {
        o.entry("departmentId").or_insert_with(|| json!(id));
    }
    v
}

struct Province {
    id: String,
    code: String,
    name: String,
}

/// Everything of one province: its units, and its own figures added to
/// `provinces`.
fn fetch_province(
    client: &mut Client,
    period: &Period,
    p: &Province,
    provinces: &mut Rows,
    left_out: &mut Vec<String>,
) -> Result<Rows, HttpError> {
    let mut units = Rows::default();
    let data = client.post("service-results", &body(period, &p.id, 1, false))?;
    for item in items(&data) {
        units.add_total(item, None);
    }
    for part in [Part::Ckmb, Part::Mdsh, Part::Mdhl] {
        let by_dates = part == Part::Mdhl;
        let mut page = 1;
        loop {
            let data = client.post(part.name(), &body(period, &p.id, page, by_dates))?;
            if page == 1 {
                if let Some(r) = root(&data) {
                    provinces.add_metrics(part, &with_id(r, &p.id));
                }
            }
            for item in items(&data) {
                units.add_metrics(part, item);
            }
            let (current, total) = pages(&data);
            if current >= total || items(&data).is_empty() || page >= 50 {
                break;
            }
            page += 1;
        }
    }
    let data = client.post(Part::Tdgq.name(), &body(period, &p.id, 1, false))?;
    root(&data).into_iter().for_each(|r| provinces.add_progress(&with_id(r, &p.id)));
    items(&data).iter().for_each(|c| units.add_progress(c));
    let data = client.post(Part::Tttt.name(), &body(period, &p.id, 1, false))?;
    root(&data).into_iter().for_each(|r| provinces.add_payment(&with_id(r, &p.id)));
    items(&data).iter().for_each(|c| units.add_payment(c));
    let data = client.post(Part::Online.name(), &body(period, &p.id, 1, false))?;
    root(&data).into_iter().for_each(|r| provinces.add_online(&with_id(r, &p.id)));
    items(&data).iter().for_each(|c| units.add_online_child(c));
    // Each unit's own ONLINE counts: the tree with the unit as its root.
    let ids: Vec<String> = units.rows.keys().cloned().collect();
    for id in ids {
        match client.post(Part::Online.name(), &body(period, &id, 1, false)) {
            Ok(data) => match root(&data).filter(|r| r.get("departmentId").and_then(Value::as_str) == Some(&id)) {
                Some(r) => units.add_online(r),
                None => {
                    left_out.push(format!("{}: the online tree answered for another unit", label(&units.rows[&id])))
                }
            },
            Err(HttpError::Failed(why)) => left_out.push(format!("{}: {why}", label(&units.rows[&id]))),
            Err(blocked) => return Err(blocked),
        }
    }
    Ok(units)
}

fn label(row: &Row) -> String {
    match (row.cells.get("code"), row.cells.get("name")) {
        (Some(c), Some(n)) => format!("{c} {n}"),
        (Some(c), None) => c.clone(),
        _ => row.id.clone(),
    }
}

/// The rows of one kind with every part, sorted by code; the others said.
fn complete(rows: &Rows, kind: &str, needs: &[Part], left_out: &mut Vec<String>) -> Vec<Row> {
    let mut out: Vec<Row> = Vec::new();
    for row in rows.rows.values() {
        if row.cells.get("kind").map(String::as_str) != Some(kind) {
            continue;
        }
        let missing: Vec<&str> = needs.iter().filter(|p| !row.parts.contains(p)).map(|p| p.name()).collect();
        if !row.cells.contains_key("code") {
            left_out.push(format!("{}: no unit code in the answers", label(row)));
        } else if !missing.is_empty() {
            left_out.push(format!("{}: missing from {}", label(row), missing.join(", ")));
        } else {
            out.push(row.clone());
        }
    }
    crate::engine::sort::sort_by_key(&mut out, |r| r.cells["code"].clone());
    out
}

/// Runs a fetch; `log` gets the progress and the summary.
pub fn run(opts: &Options, log: &mut dyn std::io::Write) -> Result<Outcome, FetchError> {
    let http_log: Box<dyn std::io::Write> = Box::new(std::io::stderr());
    let mut client = Client::new(opts.http.clone(), http_log).map_err(|e| FetchError::Io(format!("cache: {e}")))?;
    let mut national = Map::new();
    period_fields(&opts.period, &mut national, false);
    national.insert("departmentType".into(), json!("ADMINISTRATIVE_UNIT"));
    let data = client.post("service-results", &Value::Object(national)).map_err(FetchError::National)?;
    let mut list: Vec<Province> = items(&data)
        .iter()
        .filter(|i| i.get("childGroup").is_none_or(Value::is_null))
        .filter_map(|i| {
            Some(Province {
                id: i.get("departmentId")?.as_str()?.to_string(),
                code: i.get("departmentCode")?.as_str()?.to_string(),
                name: i.get("departmentName")?.as_str()?.to_string(),
            })
        })
        .collect();
    crate::engine::sort::sort_by_key(&mut list, |p| p.code.clone());
    let mut provinces = Rows::default();
    for item in items(&data) {
        provinces.add_total(item, Some("PROVINCE"));
    }
    let chosen: Vec<&Province> = match &opts.target {
        Target::All => list.iter().collect(),
        Target::Province(code) => match list.iter().find(|p| p.code.eq_ignore_ascii_case(code)) {
            Some(p) => vec![p],
            None => {
                return Err(FetchError::UnknownProvince(code.clone(), list.iter().map(|p| p.code.clone()).collect()))
            }
        },
    };
    let mut outcome = Outcome::default();
    let mut built: Vec<Built> = Vec::new();
    let all_parts = Part::ALL;
    for p in &chosen {
        let _ = writeln!(log, "{} {}: fetching", p.code, p.name);
        match fetch_province(&mut client, &opts.period, p, &mut provinces, &mut outcome.left_out) {
            Ok(units) => {
                for scope in [Scope::Agencies, Scope::Communes] {
                    let rows = complete(&units, scope.kind(), &all_parts, &mut outcome.left_out);
                    if !rows.is_empty() {
                        built.push(Built {
                            scope,
                            province: Some((p.code.clone(), p.name.clone())),
                            rows,
                            source: None,
                        });
                    }
                }
            }
            Err(HttpError::Blocked(why)) => {
                outcome.blocked = Some(why);
                break;
            }
            Err(HttpError::Failed(why)) => outcome.left_out.push(format!("{} {}: {why}", p.code, p.name)),
        }
    }
    if opts.target == Target::All && outcome.blocked.is_none() {
        let rows = complete(&provinces, "PROVINCE", &all_parts, &mut outcome.left_out);
        built.insert(0, Built { scope: Scope::Provinces, province: None, rows, source: None });
    }
    outcome.sent = client.sent;
    outcome.from_cache = client.from_cache;
    let written = write::write(opts, &built, log).map_err(|e| FetchError::Io(e.to_string()))?;
    outcome.tables = written.len();
    outcome.lines = written;
    Ok(outcome)
}

/// Today's date in Vietnam (UTC+7) and the time now (UTC), from the clock.
pub fn clock() -> (String, String) {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    (civil(secs + 7 * 3600).0, civil(secs).1)
}

/// A Unix time as (`YYYY-MM-DD`, `YYYY-MM-DDTHH:MM:SSZ`).
pub fn civil(secs: u64) -> (String, String) {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    // Howard Hinnant's days-to-civil.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    let date = format!("{y:04}-{m:02}-{d:02}");
    let time = format!("{date}T{:02}:{:02}:{:02}Z", rem / 3600, rem % 3600 / 60, rem % 60);
    (date, time)
}

/// Counts per scope of a run, for tests and the summary.
pub fn by_scope(built: &[Built]) -> BTreeMap<String, usize> {
    built
        .iter()
        .map(|b| (crate::directory::scope_id(b.scope, b.province.as_ref().map(|p| p.0.as_str())), b.rows.len()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_clock_reads_civil_dates() {
        assert_eq!(civil(0), ("1970-01-01".into(), "1970-01-01T00:00:00Z".into()));
        // 2026-10-10T02:00:00Z
        assert_eq!(civil(1_791_597_600).1, "2026-10-10T02:00:00Z");
        assert_eq!(civil(951_782_400).0, "2000-02-29");
    }

    #[test]
    fn bodies_are_the_crawlers() {
        let y: Period = "year:2026".parse().unwrap();
        assert_eq!(
            body(&y, "x", 1, false).to_string(),
            r#"{"currentPage":1,"pageSize":200,"rootDepartmentId":"x","timeType":"year","year":2026}"#
        );
        let m: Period = "month:2026-08".parse().unwrap();
        assert_eq!(
            body(&m, "x", 2, true).to_string(),
            r#"{"currentPage":2,"fromDate":"2026-08-01","pageSize":200,"rootDepartmentId":"x","toDate":"2026-08-31"}"#
        );
        assert_eq!(body(&m, "x", 1, false)["month"], 8);
    }
}
