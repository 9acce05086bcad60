//! The session written down: one versioned schema (documented in README.md,
//! "Files") used for storage and for exported files, and a compact form of
//! it for links (`#s=2.<base64url JSON>`, the drafts as differences from
//! the unit's published figures). Version 1 (a single draft, short keys),
//! written by the first release to links and storage, is still read and
//! upgraded.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::catalog::Catalog;
use crate::engine::inputs::Draft;
use crate::engine::{profiles, Lang};
use crate::history::History;
use crate::session::{Scenario, Session, Targets, MAX_NAME, MAX_SCENARIOS};
use crate::text::{self, fill};

pub mod base64url;
mod share;
mod tables;
mod upgrade;
mod v1;

pub use share::{embed_snippet, share_url};
pub use tables::{all_tables_json, restore_tables, stored_tables, tables_to_json, StoredTable, MAX_STORED_TABLES};
use v1::{upgrade_v1, V1};

/// What our files say they are.
pub const FORMAT: &str = "vn766";
/// The current version of the schema.
pub const VERSION: u32 = 3;
/// The oldest version still read (and upgraded).
pub const OLDEST: u32 = 1;
/// Links and stored sessions longer than this are refused.
pub const MAX_LINK: usize = 16 * 1024;
/// A link aims to stay below this; beyond it, other scenarios and the
/// history are left out (the file export keeps them).
pub const LINK_BUDGET: usize = 6000;
/// Files larger than this are refused before reading.
pub const MAX_FILE: usize = 2 * 1024 * 1024;
const MAX_ENTRIES: usize = 400;
const MAX_TEXT: usize = 64;

/// The schema (version 3).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub(crate) struct File {
    format: String,
    version: u32,
    lang: Lang,
    profile: String,
    table: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    unit: Option<String>,
    /// The unit's current figures the table does not hold (version 3).
    #[serde(default, skip_serializing_if = "is_empty_draft")]
    current: Draft,
    #[serde(default)]
    selected: usize,
    scenarios: Vec<Scenario>,
    #[serde(default, skip_serializing_if = "Targets::is_empty")]
    targets: Targets,
    #[serde(default, skip_serializing_if = "is_empty_history")]
    history: History,
    /// Links: each scenario holds only what differs from the baseline
    /// ("" for a value removed).
    #[serde(default, skip_serializing_if = "is_false")]
    relative: bool,
    /// Links: other scenarios and the history were left out.
    #[serde(default, skip_serializing_if = "is_false")]
    partial: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

fn is_empty_draft(d: &Draft) -> bool {
    *d == Draft::default()
}

fn is_empty_history(h: &History) -> bool {
    h.rows.is_empty() && h.unit.is_empty()
}

/// Why a link, stored session or file could not be opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// Made by a newer version of the app.
    NewerVersion(u32),
    /// Made by a version this one cannot read.
    OlderVersion(u32),
    TooLong,
    /// Truncated, altered or not JSON; the detail says where.
    Corrupt(String),
    /// JSON, but not one of our files.
    NotOurs,
    UnknownProfile(String),
    UnknownTable(String),
    UnknownUnit(String),
    /// A value breaks a limit (too many scenarios, a name too long…).
    Invalid(String),
}

impl DecodeError {
    pub fn message(&self, lang: Lang) -> String {
        let t = text::t(lang);
        match self {
            DecodeError::NewerVersion(v) => fill(t.decode_newer, &[("version", &v.to_string())]),
            DecodeError::OlderVersion(v) => fill(t.decode_older, &[("version", &v.to_string())]),
            DecodeError::TooLong => t.decode_too_long.into(),
            DecodeError::Corrupt(d) if d.is_empty() => t.decode_truncated.into(),
            DecodeError::Corrupt(d) => fill(t.decode_corrupt, &[("detail", d)]),
            DecodeError::NotOurs => t.decode_not_ours.into(),
            DecodeError::UnknownProfile(id) => fill(t.decode_unknown_profile, &[("id", id)]),
            DecodeError::UnknownTable(id) => fill(t.decode_unknown_table, &[("id", id)]),
            DecodeError::UnknownUnit(id) => fill(t.decode_unknown_unit, &[("id", id)]),
            DecodeError::Invalid(d) => fill(t.decode_invalid, &[("detail", d)]),
        }
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

/// Where and what kind of error (serde's own message is not used: it would
/// bring float formatting into the app for one rare case).
fn json_error(e: &serde_json::Error) -> DecodeError {
    use serde_json::error::Category;
    let what = match e.classify() {
        Category::Syntax => "not valid JSON",
        Category::Eof => "the text ends too early",
        Category::Data => "a value of the wrong type, or one missing",
        Category::Io => "could not be read",
    };
    DecodeError::Corrupt(format!("line {}, column {}: {what}", e.line(), e.column()))
}

// --- differences from the baseline (links) ----------------------------------

fn diff(draft: &BTreeMap<String, String>, base: &BTreeMap<String, String>) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for (k, v) in draft {
        if base.get(k) != Some(v) {
            out.insert(k.clone(), v.clone());
        }
    }
    for k in base.keys() {
        if !draft.contains_key(k) {
            out.insert(k.clone(), String::new());
        }
    }
    out
}

fn relative(draft: &Draft, base: &Draft) -> Draft {
    Draft {
        counts: diff(&draft.counts, &base.counts),
        rates: diff(&draft.rates, &base.rates),
        given: diff(&draft.given, &base.given),
        rate_mode: draft.rate_mode.clone(),
        given_mode: draft.given_mode.clone(),
        scores: BTreeMap::new(),
    }
}

fn absolute(changes: Draft, base: &Draft) -> Draft {
    let mut d = base.clone();
    for (target, changes) in
        [(&mut d.counts, changes.counts), (&mut d.rates, changes.rates), (&mut d.given, changes.given)]
    {
        for (k, v) in changes {
            if v.is_empty() {
                target.remove(&k);
            } else {
                target.insert(k, v);
            }
        }
    }
    d.rate_mode = changes.rate_mode;
    d.given_mode = changes.given_mode;
    d
}

// --- session ↔ schema --------------------------------------------------------

fn to_file(s: &Session, rel: bool) -> File {
    let base = s.start_draft();
    File {
        format: FORMAT.into(),
        version: VERSION,
        lang: s.lang,
        profile: s.profile.clone(),
        table: s.table.clone(),
        unit: s.unit.clone(),
        current: s.current.clone(),
        selected: s.selected,
        scenarios: s
            .scenarios
            .iter()
            .map(|sc| Scenario {
                name: sc.name.clone(),
                draft: if rel { relative(&sc.draft, &base) } else { sc.draft.clone() },
            })
            .collect(),
        targets: s.targets.clone(),
        history: s.history.clone(),
        relative: rel,
        partial: false,
    }
}

fn check_map(m: &BTreeMap<String, String>, what: &str) -> Result<(), DecodeError> {
    match m.iter().find(|(k, v)| k.len() > MAX_TEXT || v.len() > MAX_TEXT) {
        Some((k, _)) => Err(DecodeError::Invalid(format!("{what} “{}”", k.chars().take(MAX_TEXT).collect::<String>()))),
        None => Ok(()),
    }
}

fn check_draft(d: &Draft, what: &str) -> Result<(), DecodeError> {
    let entries =
        d.counts.len() + d.rates.len() + d.given.len() + d.rate_mode.len() + d.given_mode.len() + d.scores.len();
    if entries > MAX_ENTRIES {
        return Err(DecodeError::Invalid(format!("{what}: too many values")));
    }
    check_map(&d.counts, "counts")?;
    check_map(&d.rates, "rates")?;
    check_map(&d.given, "given")?;
    check_map(&d.scores, "scores")
}

fn from_file(f: File, catalog: &Catalog) -> Result<(Session, bool), DecodeError> {
    if f.format != FORMAT {
        return Err(DecodeError::NotOurs);
    }
    if f.version > VERSION {
        return Err(DecodeError::NewerVersion(f.version));
    }
    if f.version < OLDEST {
        return Err(DecodeError::OlderVersion(f.version));
    }
    if profiles::get(&f.profile).is_none() {
        return Err(DecodeError::UnknownProfile(f.profile));
    }
    let Some(table) = catalog.get(&f.table) else {
        return Err(DecodeError::UnknownTable(f.table));
    };
    if let Some(u) = &f.unit {
        if table.table.position(u).is_none() {
            return Err(DecodeError::UnknownUnit(u.clone()));
        }
    }
    if f.scenarios.is_empty() {
        return Err(DecodeError::Invalid("scenarios: none".into()));
    }
    if f.scenarios.len() > MAX_SCENARIOS {
        return Err(DecodeError::Invalid(format!("scenarios: more than {MAX_SCENARIOS}")));
    }
    check_draft(&f.current, "current")?;
    for sc in &f.scenarios {
        if sc.name.chars().count() > MAX_NAME {
            return Err(DecodeError::Invalid(format!(
                "scenario name “{}”",
                sc.name.chars().take(MAX_NAME).collect::<String>()
            )));
        }
        check_draft(&sc.draft, &format!("scenario “{}”", sc.name))?;
    }
    let t = &f.targets;
    check_map(&t.weights, "weights")?;
    if t.value.len() > MAX_TEXT || t.locks.len() > MAX_ENTRIES {
        return Err(DecodeError::Invalid("targets".into()));
    }
    if f.history.rows.len() > 1000 || f.history.unit.len() > 200 {
        return Err(DecodeError::Invalid("history: too long".into()));
    }
    let mut s = Session {
        lang: f.lang,
        profile: f.profile,
        table: f.table,
        unit: f.unit,
        current: f.current,
        scenarios: Vec::new(),
        selected: f.selected.min(f.scenarios.len() - 1),
        targets: f.targets,
        history: f.history,
        tables: catalog.clone(),
    };
    let base = s.start_draft();
    s.scenarios = f
        .scenarios
        .into_iter()
        .map(|sc| Scenario { name: sc.name, draft: if f.relative { absolute(sc.draft, &base) } else { sc.draft } })
        .collect();
    if f.version < 3 {
        upgrade::drafts_of_version_2(&mut s);
    }
    Ok((s, f.partial))
}

/// Reads any version of the JSON form.
fn read_json(text: &str, catalog: &Catalog) -> Result<(Session, bool), DecodeError> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| json_error(&e))?;
    let Some(obj) = value.as_object() else { return Err(DecodeError::NotOurs) };
    if let Some(v) = obj.get("v").and_then(|v| v.as_u64()) {
        if v != 1 {
            return Err(if v > 1 { DecodeError::NewerVersion(v as u32) } else { DecodeError::OlderVersion(v as u32) });
        }
        let v1: V1 = serde_json::from_value(value).map_err(|e| json_error(&e))?;
        debug_assert_eq!(v1.v, 1);
        return from_file(upgrade_v1(v1), catalog);
    }
    if obj.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
        return Err(DecodeError::NotOurs);
    }
    match obj.get("version").and_then(|v| v.as_u64()) {
        Some(v) if v > VERSION as u64 => return Err(DecodeError::NewerVersion(v.min(u32::MAX as u64) as u32)),
        Some(v) if v < 2 => return Err(DecodeError::OlderVersion(v as u32)),
        None => return Err(DecodeError::Corrupt("version: missing".into())),
        _ => {}
    }
    // Parse the text again (not the Value) so that errors carry a line and column.
    let file: File = serde_json::from_str(text).map_err(|e| json_error(&e))?;
    from_file(file, catalog)
}

// --- links ------------------------------------------------------------------------

/// A link's payload: `2.<base64url of JSON>`. Beyond [`LINK_BUDGET`] the
/// history, then the other scenarios, are left out (the link says so).
pub fn to_link(s: &Session) -> String {
    let mut f = to_file(s, true);
    let encode =
        |f: &File| format!("{VERSION}.{}", base64url::encode(serde_json::to_string(f).unwrap_or_default().as_bytes()));
    let mut link = encode(&f);
    if link.len() > LINK_BUDGET && !f.history.rows.is_empty() {
        f.history = History::default();
        f.partial = true;
        link = encode(&f);
    }
    if link.len() > LINK_BUDGET && f.scenarios.len() > 1 {
        let keep = f.scenarios.swap_remove(f.selected.min(f.scenarios.len() - 1));
        f.scenarios = vec![keep];
        f.selected = 0;
        f.partial = true;
        link = encode(&f);
    }
    link
}

/// A link opened: the session and whether parts were left out of it.
pub fn from_link(link: &str, catalog: &Catalog) -> Result<(Session, bool), DecodeError> {
    if link.len() > MAX_LINK {
        return Err(DecodeError::TooLong);
    }
    let (version, payload) = link.split_once('.').ok_or(DecodeError::Corrupt(String::new()))?;
    let version: u32 = version.parse().map_err(|_| DecodeError::Corrupt(String::new()))?;
    if version > VERSION {
        return Err(DecodeError::NewerVersion(version));
    }
    if version < 1 {
        return Err(DecodeError::OlderVersion(version));
    }
    let bytes = base64url::decode(payload).ok_or(DecodeError::Corrupt(String::new()))?;
    let text = String::from_utf8(bytes).map_err(|_| DecodeError::Corrupt(String::new()))?;
    read_json(&text, catalog).map_err(|e| match e {
        // A damaged link has no useful line and column to show.
        DecodeError::Corrupt(_) => DecodeError::Corrupt(String::new()),
        other => other,
    })
}

// --- storage and files -----------------------------------------------------------

/// The session as stored between visits, and as exported to a file:
/// pretty-printed JSON of the current schema.
pub fn to_json(s: &Session) -> String {
    serde_json::to_string_pretty(&to_file(s, false)).unwrap_or_default()
}

/// Reads a stored session or an exported file (any version). Validates
/// everything first: on error, nothing is returned to apply.
pub fn from_json(text: &str, catalog: &Catalog) -> Result<Session, DecodeError> {
    if text.len() > MAX_FILE {
        return Err(DecodeError::TooLong);
    }
    read_json(text, catalog).map(|(s, _)| s)
}

/// Reads an exported file's bytes (UTF-8, a byte-order mark allowed).
pub fn from_file_bytes(bytes: &[u8], catalog: &Catalog) -> Result<Session, DecodeError> {
    if bytes.len() > MAX_FILE {
        return Err(DecodeError::TooLong);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text =
        std::str::from_utf8(bytes).map_err(|e| DecodeError::Corrupt(format!("byte {}: not UTF-8", e.valid_up_to())))?;
    from_json(text, catalog)
}

#[cfg(test)]
mod tests;
