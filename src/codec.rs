//! The session written down: one versioned schema (documented in README.md,
//! "Files") used for storage and for exported files, and a compact form of
//! it for links (`#s=2.<base64url JSON>`, the drafts as differences from
//! the unit's published figures). Version 1 (a single draft, short keys),
//! written by the first release to links and storage, is still read and
//! upgraded.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::engine::inputs::Draft;
use crate::engine::{profiles, reference, Lang};
use crate::history::History;
use crate::session::{GoalKind, Scenario, Session, Targets, MAX_NAME, MAX_SCENARIOS};

/// What our files say they are.
pub const FORMAT: &str = "vn766";
/// The current version of the schema.
pub const VERSION: u32 = 2;
/// Links and stored sessions longer than this are refused.
pub const MAX_LINK: usize = 16 * 1024;
/// A link aims to stay below this; beyond it, other scenarios and the
/// history are left out (the file export keeps them).
pub const LINK_BUDGET: usize = 6000;
/// Files larger than this are refused before reading.
pub const MAX_FILE: usize = 2 * 1024 * 1024;
const MAX_ENTRIES: usize = 400;
const MAX_TEXT: usize = 64;

/// The schema (version 2).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct File {
    format: String,
    version: u32,
    lang: Lang,
    profile: String,
    table: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    unit: Option<String>,
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
        match (self, lang) {
            (DecodeError::NewerVersion(v), Lang::Vi) => {
                format!("được tạo bởi phiên bản mới hơn (v{v}); hãy tải lại trang")
            }
            (DecodeError::NewerVersion(v), Lang::En) => format!("made by a newer version (v{v}); reload the page"),
            (DecodeError::OlderVersion(v), Lang::Vi) => format!("thuộc phiên bản cũ (v{v}) không còn đọc được"),
            (DecodeError::OlderVersion(v), Lang::En) => {
                format!("is from an old version (v{v}) that can no longer be read")
            }
            (DecodeError::TooLong, _) => lang.pick("quá dài", "is too long").into(),
            (DecodeError::Corrupt(d), Lang::Vi) if d.is_empty() => "bị cắt cụt hoặc bị sửa".into(),
            (DecodeError::Corrupt(d), Lang::En) if d.is_empty() => "is truncated or altered".into(),
            (DecodeError::Corrupt(d), Lang::Vi) => format!("bị hỏng ({d})"),
            (DecodeError::Corrupt(d), Lang::En) => format!("is damaged ({d})"),
            (DecodeError::NotOurs, _) => {
                lang.pick("không phải tệp của máy tính 766", "is not a file of the 766 calculator").into()
            }
            (DecodeError::UnknownProfile(p), Lang::Vi) => format!("dùng phương pháp tính không có ở đây (“{p}”)"),
            (DecodeError::UnknownProfile(p), Lang::En) => format!("uses a method this app does not have (“{p}”)"),
            (DecodeError::UnknownTable(t), Lang::Vi) => format!("dùng bảng tham chiếu không có ở đây (“{t}”)"),
            (DecodeError::UnknownTable(t), Lang::En) => {
                format!("uses a reference table this app does not have (“{t}”)")
            }
            (DecodeError::UnknownUnit(u), Lang::Vi) => format!("chọn đơn vị không có trong bảng (“{u}”)"),
            (DecodeError::UnknownUnit(u), Lang::En) => format!("chooses a unit that is not in the table (“{u}”)"),
            (DecodeError::Invalid(d), Lang::Vi) => format!("có giá trị không hợp lệ: {d}"),
            (DecodeError::Invalid(d), Lang::En) => format!("has a value that is not valid: {d}"),
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
    let base = s.baseline().unwrap_or_default();
    File {
        format: FORMAT.into(),
        version: VERSION,
        lang: s.lang,
        profile: s.profile.clone(),
        table: s.table.clone(),
        unit: s.unit.clone(),
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

fn from_file(f: File) -> Result<(Session, bool), DecodeError> {
    if f.format != FORMAT {
        return Err(DecodeError::NotOurs);
    }
    if f.version > VERSION {
        return Err(DecodeError::NewerVersion(f.version));
    }
    if f.version < VERSION {
        return Err(DecodeError::OlderVersion(f.version));
    }
    if profiles::get(&f.profile).is_none() {
        return Err(DecodeError::UnknownProfile(f.profile));
    }
    let Some(table) = reference::table(&f.table) else {
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
    for sc in &f.scenarios {
        if sc.name.chars().count() > MAX_NAME {
            return Err(DecodeError::Invalid(format!(
                "scenario name “{}”",
                sc.name.chars().take(MAX_NAME).collect::<String>()
            )));
        }
        let d = &sc.draft;
        if d.counts.len() + d.rates.len() + d.given.len() + d.rate_mode.len() + d.given_mode.len() > MAX_ENTRIES {
            return Err(DecodeError::Invalid(format!("scenario “{}”: too many values", sc.name)));
        }
        check_map(&d.counts, "counts")?;
        check_map(&d.rates, "rates")?;
        check_map(&d.given, "given")?;
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
        scenarios: Vec::new(),
        selected: f.selected.min(f.scenarios.len() - 1),
        targets: f.targets,
        history: f.history,
    };
    let base = s.baseline().unwrap_or_default();
    s.scenarios = f
        .scenarios
        .into_iter()
        .map(|sc| Scenario { name: sc.name, draft: if f.relative { absolute(sc.draft, &base) } else { sc.draft } })
        .collect();
    Ok((s, f.partial))
}

// --- version 1 ----------------------------------------------------------------

/// Version 1: one draft, short keys, differences from the baseline.
#[derive(Deserialize)]
struct V1 {
    v: u32,
    l: Lang,
    p: String,
    t: String,
    #[serde(default)]
    u: Option<String>,
    #[serde(default)]
    c: BTreeMap<String, String>,
    #[serde(default)]
    r: BTreeMap<String, String>,
    #[serde(default)]
    rm: BTreeSet<String>,
    #[serde(default)]
    g: BTreeMap<String, String>,
    #[serde(default)]
    gm: BTreeSet<String>,
    #[serde(default)]
    tg: Option<V1Targets>,
}

#[derive(Deserialize)]
struct V1Targets {
    #[serde(default)]
    k: String,
    #[serde(default)]
    v: String,
    #[serde(default)]
    w: BTreeMap<String, String>,
    #[serde(default)]
    l: BTreeSet<String>,
}

/// Upgrades a version 1 session to the current schema.
fn upgrade_v1(v1: V1) -> File {
    let kind = match v1.tg.as_ref().map(|t| t.k.as_str()) {
        Some("b") => GoalKind::Band,
        Some("r") => GoalKind::Rank,
        _ => GoalKind::Points,
    };
    let targets = v1.tg.map(|t| Targets { kind, value: t.v, weights: t.w, locks: t.l }).unwrap_or_default();
    File {
        format: FORMAT.into(),
        version: VERSION,
        lang: v1.l,
        profile: v1.p,
        table: v1.t,
        unit: v1.u,
        selected: 0,
        scenarios: vec![Scenario {
            name: v1.l.pick("Kịch bản 1", "Scenario 1").into(),
            draft: Draft { counts: v1.c, rates: v1.r, rate_mode: v1.rm, given: v1.g, given_mode: v1.gm },
        }],
        targets,
        history: History::default(),
        relative: true,
        partial: false,
    }
}

/// Reads any version of the JSON form.
fn read_json(text: &str) -> Result<(Session, bool), DecodeError> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| json_error(&e))?;
    let Some(obj) = value.as_object() else { return Err(DecodeError::NotOurs) };
    if let Some(v) = obj.get("v").and_then(|v| v.as_u64()) {
        if v != 1 {
            return Err(if v > 1 { DecodeError::NewerVersion(v as u32) } else { DecodeError::OlderVersion(v as u32) });
        }
        let v1: V1 = serde_json::from_value(value).map_err(|e| json_error(&e))?;
        debug_assert_eq!(v1.v, 1);
        return from_file(upgrade_v1(v1));
    }
    if obj.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
        return Err(DecodeError::NotOurs);
    }
    match obj.get("version").and_then(|v| v.as_u64()) {
        Some(v) if v as u32 > VERSION => return Err(DecodeError::NewerVersion(v as u32)),
        Some(v) if (v as u32) < VERSION => return Err(DecodeError::OlderVersion(v as u32)),
        None => return Err(DecodeError::Corrupt("version: missing".into())),
        _ => {}
    }
    // Parse the text again (not the Value) so that errors carry a line and column.
    let file: File = serde_json::from_str(text).map_err(|e| json_error(&e))?;
    from_file(file)
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
pub fn from_link(link: &str) -> Result<(Session, bool), DecodeError> {
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
    read_json(&text).map_err(|e| match e {
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
pub fn from_json(text: &str) -> Result<Session, DecodeError> {
    if text.len() > MAX_FILE {
        return Err(DecodeError::TooLong);
    }
    read_json(text).map(|(s, _)| s)
}

/// Reads an exported file's bytes (UTF-8, a byte-order mark allowed).
pub fn from_file_bytes(bytes: &[u8]) -> Result<Session, DecodeError> {
    if bytes.len() > MAX_FILE {
        return Err(DecodeError::TooLong);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text =
        std::str::from_utf8(bytes).map_err(|e| DecodeError::Corrupt(format!("byte {}: not UTF-8", e.valid_up_to())))?;
    from_json(text)
}

/// Base64 with the URL-safe alphabet and no padding (RFC 4648 §5).
pub mod base64url {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    pub fn encode(data: &[u8]) -> String {
        let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
        for chunk in data.chunks(3) {
            let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
            let n = (b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32;
            for i in 0..=chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            }
        }
        out
    }

    pub fn decode(text: &str) -> Option<Vec<u8>> {
        let text = text.trim_end_matches('=');
        if text.len() % 4 == 1 {
            return None;
        }
        let mut out = Vec::with_capacity(text.len() * 3 / 4);
        let mut acc: u32 = 0;
        let mut bits = 0;
        for c in text.bytes() {
            let v = ALPHABET.iter().position(|&a| a == c)? as u32;
            acc = acc << 6 | v;
            bits += 6;
            if bits >= 8 {
                bits -= 8;
                out.push((acc >> bits) as u8);
                acc &= (1 << bits) - 1;
            }
        }
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::Action;

    fn edited() -> Session {
        let mut s = Session::default();
        s.apply(Action::SetLang(Lang::En));
        s.apply(Action::SetCount { quantity: "dossiers_overdue".into(), text: "20000".into() });
        s.apply(Action::SetCount { quantity: "dossiers_e_result".into(), text: "abc".into() });
        s.apply(Action::SetRateMode { indicator: "1.2".into(), on: true, prefill: Some("86.54".into()) });
        s.apply(Action::SetGivenMode { group: "ONLINE".into(), on: false, prefill: None });
        s.apply(Action::DuplicateScenario);
        s.apply(Action::RenameScenario { index: 1, name: "Plan B".into() });
        s.apply(Action::SetCount { quantity: "petitions_overdue".into(), text: "0".into() });
        s.apply(Action::SetProfile("document".into()));
        s.apply(Action::SetGoal { kind: GoalKind::Rank, value: "5".into() });
        s.apply(Action::SetLock { indicator: "2.1".into(), on: true });
        s.apply(Action::SetWeight { indicator: "4.1".into(), text: "2,5".into() });
        s.apply(Action::ReplaceHistory(History::example(s.method())));
        s
    }

    #[test]
    fn base64url_round_trips() {
        for s in ["", "a", "ab", "abc", "abcd", "Đồng Tháp {\"v\":1}"] {
            assert_eq!(base64url::decode(&base64url::encode(s.as_bytes())).unwrap(), s.as_bytes());
        }
        assert_eq!(base64url::encode(b"\xfb\xff"), "-_8");
        assert_eq!(base64url::decode("a"), None);
        assert_eq!(base64url::decode("ab$c"), None);
    }

    #[test]
    fn links_storage_and_files_round_trip() {
        let s = edited();
        let link = to_link(&s);
        assert!(link.starts_with("2."));
        assert!(link.len() < 2500, "{} characters", link.len());
        assert_eq!(from_link(&link), Ok((s.clone(), false)));
        let json = to_json(&s);
        assert!(json.contains("\"format\": \"vn766\"") && json.contains("\"version\": 2"));
        assert_eq!(from_json(&json), Ok(s.clone()));
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(json.as_bytes());
        assert_eq!(from_file_bytes(&bom), Ok(s));
    }

    #[test]
    fn an_untouched_unit_makes_a_short_link() {
        let s = Session::default();
        assert!(to_link(&s).len() < 400, "{}", to_link(&s));
    }

    #[test]
    fn long_sessions_leave_parts_out_of_links() {
        let mut s = edited();
        let quantities: Vec<String> = s.method().quantities.iter().map(|q| q.id.clone()).collect();
        for n in 0..15 {
            s.apply(Action::NewScenario);
            for q in &quantities {
                s.apply(Action::SetCount { quantity: q.clone(), text: format!("{}", 1000 + n) });
            }
        }
        let link = to_link(&s);
        assert!(link.len() <= LINK_BUDGET, "{}", link.len());
        let (back, partial) = from_link(&link).unwrap();
        assert!(partial);
        assert_eq!(back.scenarios.len(), 1);
        assert_eq!(back.draft(), s.draft());
        assert!(back.history.rows.is_empty());
        // The file keeps everything.
        assert_eq!(from_json(&to_json(&s)), Ok(s));
    }

    #[test]
    fn version_1_links_and_storage_are_upgraded() {
        // As the first release wrote them: one draft, short keys, differences.
        let v1 = r#"{"v":1,"l":"vi","p":"portal-2026","t":"provinces-2026-10-10","u":"H38","c":{"dossiers_overdue":"0"},"rm":["4.6"],"gm":["ONLINE","TTTT"],"tg":{"k":"r","v":"5","l":["2.1"]}}"#;
        let link = format!("1.{}", base64url::encode(v1.as_bytes()));
        let (s, partial) = from_link(&link).unwrap();
        assert!(!partial);
        assert_eq!(s.unit.as_deref(), Some("H38"));
        assert_eq!(s.scenarios.len(), 1);
        assert_eq!(s.scenarios[0].name, "Kịch bản 1");
        assert_eq!(s.draft().counts["dossiers_overdue"], "0");
        assert_eq!(s.draft().counts["dossiers_received"], "280591", "the rest comes from the baseline");
        assert_eq!(s.targets.kind, GoalKind::Rank);
        assert_eq!(s.targets.value, "5");
        assert!(s.targets.locks.contains("2.1"));
        // Stored sessions of version 1 read the same way.
        assert_eq!(from_json(v1), Ok(s));
    }

    #[test]
    fn bad_input_says_what_and_where() {
        let s = Session::default();
        let link = to_link(&s);
        assert_eq!(from_link(&link[..link.len() - 5]), Err(DecodeError::Corrupt(String::new())));
        assert_eq!(from_link("3.e30"), Err(DecodeError::NewerVersion(3)));
        assert_eq!(from_link("0.e30"), Err(DecodeError::OlderVersion(0)));
        assert_eq!(from_link("garbage"), Err(DecodeError::Corrupt(String::new())));
        assert_eq!(from_link(&"1.".repeat(20_000)), Err(DecodeError::TooLong));
        let forged = format!("2.{}", base64url::encode(br#"{"format":"vn766","version":2,"lang":"vi","profile":"x","table":"provinces-2026-10-10","scenarios":[]}"#));
        assert_eq!(from_link(&forged), Err(DecodeError::UnknownProfile("x".into())));
        assert_eq!(from_json("{\"v\":0}"), Err(DecodeError::OlderVersion(0)));
        assert_eq!(from_json("[1,2]"), Err(DecodeError::NotOurs));
        assert_eq!(from_json("{\"format\":\"other\"}"), Err(DecodeError::NotOurs));
        assert_eq!(from_json("{\"format\":\"vn766\",\"version\":9}"), Err(DecodeError::NewerVersion(9)));
        let e = from_json("{\"format\":\"vn766\",\n\"version\":2,\n\"lang\":\"fr\"}").unwrap_err();
        assert!(matches!(&e, DecodeError::Corrupt(d) if d.starts_with("line 3, column")), "{e:?}");
        assert!(e.message(Lang::Vi).starts_with("bị hỏng (line 3, column"));
        let mut json: serde_json::Value = serde_json::from_str(&to_json(&s)).unwrap();
        json["scenarios"][0]["name"] = "x".repeat(70).into();
        assert_eq!(
            from_json(&json.to_string()),
            Err(DecodeError::Invalid(format!("scenario name “{}”", "x".repeat(60))))
        );
        json["unit"] = "H99".into();
        assert_eq!(from_json(&json.to_string()), Err(DecodeError::UnknownUnit("H99".into())));
        assert!(
            matches!(from_file_bytes(b"{\"a\":\"\xff\"}"), Err(DecodeError::Corrupt(d)) if d == "byte 6: not UTF-8")
        );
        assert_eq!(DecodeError::Corrupt(String::new()).message(Lang::Vi), "bị cắt cụt hoặc bị sửa");
    }
}

// --- imported tables, kept between visits --------------------------------------

/// An imported reference table as stored: its id, name, and what it was
/// imported from (read again on the next visit).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredTable {
    pub id: String,
    pub name: String,
    pub source: String,
}

/// The most text the stored tables may take (the browser's storage holds
/// about 5 million characters for the whole page).
pub const MAX_STORED_TABLES: usize = 4_000_000;

/// The imported tables as stored; `Err` with their size when too large.
pub fn tables_to_json(tables: &[StoredTable]) -> Result<String, usize> {
    let size: usize = tables.iter().map(|t| t.source.len() + t.name.len()).sum();
    if size > MAX_STORED_TABLES {
        return Err(size);
    }
    Ok(serde_json::to_string(tables).unwrap_or_default())
}

/// The stored tables, read again into the registry (those that no longer
/// import are skipped); returns how many were skipped.
pub fn restore_tables(text: &str) -> usize {
    let Ok(tables) = serde_json::from_str::<Vec<StoredTable>>(text) else { return 1 };
    let mut skipped = 0;
    for t in tables {
        match crate::engine::import::import_text(&t.source) {
            Ok(p) => {
                reference::add_table(Some(&t.id), &t.name, p.table, t.source);
            }
            Err(_) => skipped += 1,
        }
    }
    skipped
}

/// The imported tables of the registry, to store.
pub fn stored_tables() -> Vec<StoredTable> {
    reference::tables()
        .iter()
        .filter(|t| !t.shipped)
        .map(|t| StoredTable {
            id: t.id.clone(),
            name: t.name.vi.clone(),
            source: t.source.clone().unwrap_or_default(),
        })
        .collect()
}

#[cfg(test)]
mod table_tests {
    use super::*;

    #[test]
    fn imported_tables_are_stored_and_restored() {
        let text = "Mã\tTên đơn vị\tTổng điểm\nX1\tXã Một\t71,5\nX2\tXã Hai\t64,25\n";
        let p = crate::engine::import::import_text(text).unwrap();
        let id = reference::add_table(None, "Dán thử", p.table, text.into());
        let stored = stored_tables();
        let json = tables_to_json(&stored).unwrap();
        reference::remove_table(&id);
        assert!(reference::table(&id).is_none());
        assert_eq!(restore_tables(&json), 0);
        let t = reference::table(&id).unwrap();
        assert_eq!(t.name.vi, "Dán thử");
        assert_eq!(t.table.units.len(), 2);
        assert_eq!(t.table.units[1].published.total, Some(6425));
        reference::remove_table(&id);
        let big = StoredTable { id: "user-9".into(), name: "x".into(), source: "x".repeat(MAX_STORED_TABLES + 1) };
        assert_eq!(tables_to_json(&[big]), Err(MAX_STORED_TABLES + 2));
        assert_eq!(restore_tables("not json"), 1);
    }
}

/// The address of a view: `base` (its query and fragment dropped) with the
/// session in the fragment.
pub fn share_url(base: &str, s: &Session) -> String {
    let base = base.split(['#', '?']).next().unwrap_or(base);
    format!("{base}#s={}", to_link(s))
}

/// The HTML to embed a view in another page: an iframe of `base` in embed
/// mode, and the few lines that let it size itself (see README, "Embed").
pub fn embed_snippet(base: &str, s: &Session) -> String {
    let base = base.split(['#', '?']).next().unwrap_or(base);
    let src = format!("{base}?embed=1&lang={}#s={}", s.lang.code(), to_link(s));
    let origin = base.split('/').take(3).collect::<Vec<_>>().join("/");
    format!(
        "<iframe id=\"vn766\" src=\"{src}\" title=\"Máy tính chỉ số 766\" style=\"width:100%;border:0\" height=\"900\" loading=\"lazy\"></iframe>\n\
<script>\n\
window.addEventListener('message', function (e) {{\n\
  if (e.origin !== '{origin}' || !e.data || e.data.type !== 'vn766:height') return;\n\
  document.getElementById('vn766').style.height = Math.ceil(e.data.height) + 'px';\n\
}});\n\
</script>"
    )
}

#[cfg(test)]
mod share_tests {
    use super::*;

    #[test]
    fn share_links_and_embed_snippets() {
        let s = Session::default();
        let url = share_url("https://dvc.example.vn/chiso766/?embed=1#s=old", &s);
        assert!(url.starts_with("https://dvc.example.vn/chiso766/#s=2."), "{url}");
        assert_eq!(from_link(url.split("#s=").nth(1).unwrap()).unwrap().0, s);
        let html = embed_snippet("https://dvc.example.vn/chiso766/index.html", &s);
        assert!(html
            .starts_with("<iframe id=\"vn766\" src=\"https://dvc.example.vn/chiso766/index.html?embed=1&lang=vi#s=2."));
        assert!(html.contains("e.origin !== 'https://dvc.example.vn'"));
        assert!(html.contains("vn766:height"));
    }
}
