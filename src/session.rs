//! The calculator's state as a pure model: what the user chose and typed, the
//! actions that change it, and its compact, versioned form for links and
//! storage. No web dependencies: the app wraps it in a Yew reducer, and the
//! tests run it natively.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::engine::inputs::{rate_text, Draft};
use crate::engine::{format, profiles, reference, Lang, Methodology};

/// Everything that makes a view: opening a link with it reproduces the view.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Session {
    pub lang: Lang,
    /// Methodology profile id.
    pub profile: String,
    /// Reference table id.
    pub table: String,
    /// The unit whose published inputs are the baseline, if any.
    pub unit: Option<String>,
    /// What the user typed.
    pub draft: Draft,
    /// The goal and the planner's costs.
    pub targets: Targets,
}

/// What a goal is expressed in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum GoalKind {
    #[default]
    #[serde(rename = "p")]
    Points,
    #[serde(rename = "b")]
    Band,
    #[serde(rename = "r")]
    Rank,
}

/// The goal as typed, and the planner's weights and locks (per lever owner,
/// by indicator id), kept as text like every other input.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Targets {
    #[serde(rename = "k", default)]
    pub kind: GoalKind,
    /// Points ("80"), a band id ("good") or a rank ("5"); empty: no goal.
    #[serde(rename = "v", default, skip_serializing_if = "String::is_empty")]
    pub value: String,
    #[serde(rename = "w", default, skip_serializing_if = "BTreeMap::is_empty")]
    pub weights: BTreeMap<String, String>,
    #[serde(rename = "l", default, skip_serializing_if = "BTreeSet::is_empty")]
    pub locks: BTreeSet<String>,
}

impl Targets {
    fn is_empty(&self) -> bool {
        *self == Targets::default()
    }
}

/// Why a goal cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GoalError {
    Input(crate::engine::InputError),
    UnknownBand(String),
    /// A rank outside 1..=of.
    RankOutOfRange { of: usize },
}

impl GoalError {
    pub fn message(&self, method: &Methodology, lang: Lang) -> String {
        match self {
            GoalError::Input(e) => {
                crate::engine::FieldIssue { field: crate::engine::Field::Indicator(0), error: *e }.message(method, lang)
            }
            GoalError::UnknownBand(b) => format!("{} “{b}”", lang.pick("Không có xếp loại", "No such band")),
            GoalError::RankOutOfRange { of } => match lang {
                Lang::Vi => format!("Thứ hạng phải từ 1 đến {of}"),
                Lang::En => format!("The rank must be from 1 to {of}"),
            },
        }
    }
}

/// A weight typed for a lever owner: a positive number ("2", "0,5").
pub fn parse_weight(text: &str) -> Result<f64, crate::engine::InputError> {
    use crate::engine::number::{parse, NumberError, NumberKind};
    let p = parse(text, NumberKind::Decimal).map_err(crate::engine::InputError::Number)?;
    if p.percent || p.value.mantissa == 0 {
        return Err(crate::engine::InputError::Number(NumberError::NotANumber));
    }
    Ok(p.value.to_f64())
}

impl Default for Session {
    /// The first unit of the default table under the default profile.
    fn default() -> Session {
        let table = &reference::shipped()[0];
        let mut s = Session {
            lang: Lang::Vi,
            profile: profiles::DEFAULT_ID.to_string(),
            table: table.id.to_string(),
            unit: table.table.units.first().map(|u| u.code.clone()),
            draft: Draft::default(),
            targets: Targets::default(),
        };
        s.draft = s.baseline().unwrap_or_default();
        s
    }
}

/// A change the user makes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    SetLang(Lang),
    SetProfile(String),
    /// Start from a unit of the reference table (its published inputs).
    ChooseUnit(String),
    /// Start from empty fields.
    StartBlank,
    SetCount {
        quantity: String,
        text: String,
    },
    SetRate {
        indicator: String,
        text: String,
    },
    /// Rate mode on or off; `prefill` is the rate to show when the field is empty.
    SetRateMode {
        indicator: String,
        on: bool,
        prefill: Option<String>,
    },
    SetGiven {
        group: String,
        text: String,
    },
    /// Given-score mode on or off; `prefill` is the score to show when empty.
    SetGivenMode {
        group: String,
        on: bool,
        prefill: Option<String>,
    },
    ResetCount(String),
    ResetRate(String),
    ResetGiven(String),
    /// Everything of one group back to the baseline.
    ResetGroup(String),
    ResetAll,
    /// A goal of this kind with this value (empty: none).
    SetGoal { kind: GoalKind, value: String },
    SetWeight { indicator: String, text: String },
    SetLock { indicator: String, on: bool },
    /// A plan's changes: counts and rates, as text.
    ApplyPlan { counts: Vec<(String, String)>, rates: Vec<(String, String)> },
}

impl Session {
    pub fn method(&self) -> &'static Methodology {
        profiles::get(&self.profile).unwrap_or_else(profiles::default_profile)
    }

    pub fn reference(&self) -> &'static reference::Shipped {
        reference::shipped_table(&self.table).unwrap_or(&reference::shipped()[0])
    }

    pub fn unit(&self) -> Option<&'static reference::Unit> {
        let code = self.unit.as_deref()?;
        self.reference().table.units.iter().find(|u| u.code == code)
    }

    /// The unit's published inputs as a draft, written in the session's
    /// language; `None` without a unit.
    pub fn baseline(&self) -> Option<Draft> {
        let method = self.method();
        self.unit().map(|u| Draft::from_inputs(method, &u.inputs(method), self.lang))
    }

    pub fn apply(&mut self, action: Action) {
        let base = || self.baseline().unwrap_or_default();
        match action {
            Action::SetLang(lang) => {
                // Numbers the app wrote (published figures, prefilled rates)
                // follow the language; what the user typed stays as typed.
                let old = self.lang;
                for text in self.draft.rates.values_mut() {
                    if let Ok(r) = crate::engine::inputs::parse_rate(text) {
                        if *text == rate_text(r, old) {
                            *text = rate_text(r, lang);
                        }
                    }
                }
                for text in self.draft.given.values_mut() {
                    if let Ok(c) = crate::engine::inputs::parse_score(text, i64::MAX) {
                        if *text == format::cents(c, old) {
                            *text = format::cents(c, lang);
                        }
                    }
                }
                self.lang = lang;
            }
            Action::SetProfile(id) => {
                if profiles::get(&id).is_some() {
                    self.profile = id;
                    // Keep what was typed; fill what the new profile needs
                    // from the baseline.
                    let b = self.baseline().unwrap_or_default();
                    for (k, v) in b.counts {
                        self.draft.counts.entry(k).or_insert(v);
                    }
                    for (k, v) in b.given {
                        self.draft.given.entry(k).or_insert(v);
                    }
                    for g in b.given_mode {
                        if !self.draft.given.get(&g).is_some_and(|t| t.trim().is_empty()) {
                            self.draft.given_mode.insert(g);
                        }
                    }
                }
            }
            Action::ChooseUnit(code) => {
                if self.reference().table.position(&code).is_some() {
                    self.unit = Some(code);
                    self.draft = base_of(self);
                }
            }
            Action::StartBlank => {
                self.unit = None;
                self.draft = Draft::default();
            }
            Action::SetCount { quantity, text } => {
                self.draft.counts.insert(quantity, text);
            }
            Action::SetRate { indicator, text } => {
                self.draft.rates.insert(indicator, text);
            }
            Action::SetRateMode { indicator, on, prefill } => {
                if on {
                    if self.draft.rates.get(&indicator).is_none_or(|t| t.trim().is_empty()) {
                        if let Some(p) = prefill {
                            self.draft.rates.insert(indicator.clone(), p);
                        }
                    }
                    self.draft.rate_mode.insert(indicator);
                } else {
                    self.draft.rate_mode.remove(&indicator);
                }
            }
            Action::SetGiven { group, text } => {
                self.draft.given.insert(group, text);
            }
            Action::SetGivenMode { group, on, prefill } => {
                if on {
                    if self.draft.given.get(&group).is_none_or(|t| t.trim().is_empty()) {
                        if let Some(p) = prefill {
                            self.draft.given.insert(group.clone(), p);
                        }
                    }
                    self.draft.given_mode.insert(group);
                } else {
                    self.draft.given_mode.remove(&group);
                }
            }
            Action::ResetCount(q) => {
                let b = base();
                set_or_remove(&mut self.draft.counts, &q, b.counts.get(&q));
            }
            Action::ResetRate(i) => {
                let b = base();
                set_or_remove(&mut self.draft.rates, &i, b.rates.get(&i));
                set_member(&mut self.draft.rate_mode, &i, b.rate_mode.contains(&i));
            }
            Action::ResetGiven(g) => {
                let b = base();
                set_or_remove(&mut self.draft.given, &g, b.given.get(&g));
            }
            Action::ResetGroup(g) => {
                let b = base();
                let method = self.method();
                if let Some(gi) = method.groups.iter().position(|x| x.id == g) {
                    for q in method.group_quantities(gi) {
                        let id = &method.quantities[q].id;
                        set_or_remove(&mut self.draft.counts, id, b.counts.get(id));
                    }
                    for &i in &method.groups[gi].indicators {
                        let id = &method.indicators[i].id;
                        set_or_remove(&mut self.draft.rates, id, b.rates.get(id));
                        set_member(&mut self.draft.rate_mode, id, b.rate_mode.contains(id));
                    }
                }
                set_or_remove(&mut self.draft.given, &g, b.given.get(&g));
                set_member(&mut self.draft.given_mode, &g, b.given_mode.contains(&g));
            }
            Action::ResetAll => self.draft = base(),
            Action::SetGoal { kind, value } => {
                self.targets.kind = kind;
                self.targets.value = value;
            }
            Action::SetWeight { indicator, text } => {
                if text.trim().is_empty() {
                    self.targets.weights.remove(&indicator);
                } else {
                    self.targets.weights.insert(indicator, text);
                }
            }
            Action::SetLock { indicator, on } => set_member(&mut self.targets.locks, &indicator, on),
            Action::ApplyPlan { counts, rates } => {
                self.draft.counts.extend(counts);
                self.draft.rates.extend(rates);
            }
        }
    }

    /// The rank table: the reference table's published totals, the
    /// session's unit left out.
    pub fn rank_table(&self) -> crate::engine::RankTable {
        let table = &self.reference().table;
        let unit = self.unit.as_deref().and_then(|u| table.position(u));
        crate::engine::RankTable::excluding(&table.published_totals(), unit)
    }

    /// The goal, if one is set.
    pub fn goal(&self) -> Result<Option<crate::engine::plan::Goal>, GoalError> {
        use crate::engine::plan::Goal;
        let value = self.targets.value.trim();
        if value.is_empty() {
            return Ok(None);
        }
        let method = self.method();
        match self.targets.kind {
            GoalKind::Points => crate::engine::inputs::parse_score(value, method.max_total)
                .map(|c| Some(Goal::Total(c)))
                .map_err(GoalError::Input),
            GoalKind::Band => method
                .bands
                .iter()
                .position(|b| b.id == value)
                .map(|b| Some(Goal::Band(b)))
                .ok_or_else(|| GoalError::UnknownBand(value.to_string())),
            GoalKind::Rank => {
                let ranks = self.rank_table();
                let of = ranks.len() + 1;
                let n = crate::engine::inputs::parse_count(value).map_err(GoalError::Input)? as usize;
                if n == 0 || n > of {
                    return Err(GoalError::RankOutOfRange { of });
                }
                Ok(Some(Goal::Rank { position: n, total: ranks.total_for_rank(n) }))
            }
        }
    }

    /// The planner's preferences from the typed weights and locks (weights
    /// that are not valid count as 1).
    pub fn preferences(&self) -> crate::engine::plan::Preferences {
        crate::engine::plan::Preferences {
            weights: self
                .targets
                .weights
                .iter()
                .filter_map(|(k, v)| parse_weight(v).ok().map(|w| (k.clone(), w)))
                .collect(),
            locked: self.targets.locks.clone(),
        }
    }
}

fn base_of(s: &Session) -> Draft {
    s.baseline().unwrap_or_default()
}

fn set_or_remove(map: &mut BTreeMap<String, String>, key: &str, value: Option<&String>) {
    match value {
        Some(v) => {
            map.insert(key.to_string(), v.clone());
        }
        None => {
            map.remove(key);
        }
    }
}

fn set_member(set: &mut BTreeSet<String>, key: &str, member: bool) {
    if member {
        set.insert(key.to_string());
    } else {
        set.remove(key);
    }
}

/// The text a rate field shows for a rate (used to prefill rate mode).
pub fn rate_prefill(rate: crate::engine::Frac, lang: Lang) -> String {
    rate_text(rate, lang)
}

/// A rate text moved by `tenths` tenths of a percentage point, kept within
/// 0–100% (arrow keys step by 0,1, PageUp/PageDown by 1). `None` when the
/// text is not a rate.
pub fn step_rate(text: &str, tenths: i64, lang: Lang) -> Option<String> {
    use crate::engine::number::{parse, NumberKind};
    let p = parse(text, NumberKind::Decimal).ok()?;
    // Millionths of a percent (parse keeps at most 6 decimals).
    let v = p.value.mantissa as i128 * 10i128.pow(6 - p.value.scale.min(6));
    let next = (v + tenths as i128 * 100_000).clamp(0, 100_000_000);
    Some(rate_text(crate::engine::Frac::new(next as u128, 100_000_000), lang))
}

/// The text a given-score field shows for a score (used to prefill).
pub fn score_prefill(cents: i64, lang: Lang) -> String {
    format::cents(cents, lang)
}

// ---------------------------------------------------------------------------
// The compact, versioned form: links (`#s=1.<base64url JSON>`) and storage.

/// The current version of the encoded form.
pub const VERSION: u32 = 1;
/// Links longer than this are refused rather than decoded.
pub const MAX_LINK: usize = 16 * 1024;
const MAX_ENTRIES: usize = 500;
const MAX_TEXT: usize = 64;

/// What a link or stored session holds. Fields differing from the baseline
/// only, so that a link to a unit with a few changes stays short.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
struct Wire {
    v: u32,
    l: Lang,
    p: String,
    t: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    u: Option<String>,
    /// Counts that differ from the baseline.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    c: BTreeMap<String, String>,
    /// Rate texts that differ from the baseline.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    r: BTreeMap<String, String>,
    /// Indicators in rate mode (all of them).
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    rm: BTreeSet<String>,
    /// Given scores that differ from the baseline.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    g: BTreeMap<String, String>,
    /// Groups in given mode (all of them).
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    gm: BTreeSet<String>,
    /// The goal, weights and locks.
    #[serde(default, skip_serializing_if = "Targets::is_empty")]
    tg: Targets,
}

/// Why a link or a stored session could not be opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// Made by a newer version of the app.
    NewerVersion(u32),
    /// Made by an older version this one cannot read.
    OlderVersion(u32),
    TooLong,
    /// Truncated, altered or not ours.
    Corrupt,
    UnknownProfile(String),
    UnknownTable(String),
    UnknownUnit(String),
}

impl DecodeError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            DecodeError::NewerVersion(v) => match lang {
                Lang::Vi => format!("được tạo bởi phiên bản mới hơn (v{v}); hãy tải lại trang"),
                Lang::En => format!("made by a newer version (v{v}); reload the page"),
            },
            DecodeError::OlderVersion(v) => match lang {
                Lang::Vi => format!("thuộc phiên bản cũ (v{v}) không còn đọc được"),
                Lang::En => format!("is from an old version (v{v}) that can no longer be read"),
            },
            DecodeError::TooLong => lang.pick("quá dài", "is too long").into(),
            DecodeError::Corrupt => lang.pick("bị cắt cụt hoặc bị sửa", "is truncated or altered").into(),
            DecodeError::UnknownProfile(p) => match lang {
                Lang::Vi => format!("dùng phương pháp tính không có ở đây (“{p}”)"),
                Lang::En => format!("uses a method this app does not have (“{p}”)"),
            },
            DecodeError::UnknownTable(t) => match lang {
                Lang::Vi => format!("dùng bảng tham chiếu không có ở đây (“{t}”)"),
                Lang::En => format!("uses a reference table this app does not have (“{t}”)"),
            },
            DecodeError::UnknownUnit(u) => match lang {
                Lang::Vi => format!("chọn đơn vị không có trong bảng (“{u}”)"),
                Lang::En => format!("chooses a unit that is not in the table (“{u}”)"),
            },
        }
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

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

impl Session {
    fn to_wire(&self) -> Wire {
        let base = self.baseline().unwrap_or_default();
        Wire {
            v: VERSION,
            l: self.lang,
            p: self.profile.clone(),
            t: self.table.clone(),
            u: self.unit.clone(),
            c: diff(&self.draft.counts, &base.counts),
            r: diff(&self.draft.rates, &base.rates),
            rm: self.draft.rate_mode.clone(),
            g: diff(&self.draft.given, &base.given),
            gm: self.draft.given_mode.clone(),
            tg: self.targets.clone(),
        }
    }

    fn from_wire(w: Wire) -> Result<Session, DecodeError> {
        if w.v > VERSION {
            return Err(DecodeError::NewerVersion(w.v));
        }
        if w.v < VERSION {
            return Err(DecodeError::OlderVersion(w.v));
        }
        if profiles::get(&w.p).is_none() {
            return Err(DecodeError::UnknownProfile(w.p));
        }
        let Some(table) = reference::shipped_table(&w.t) else {
            return Err(DecodeError::UnknownTable(w.t));
        };
        if let Some(u) = &w.u {
            if table.table.position(u).is_none() {
                return Err(DecodeError::UnknownUnit(u.clone()));
            }
        }
        let entries = w.c.len() + w.r.len() + w.rm.len() + w.g.len() + w.gm.len();
        let entries = entries + w.tg.weights.len() + w.tg.locks.len();
        let too_long = |m: &BTreeMap<String, String>| m.iter().any(|(k, v)| k.len() > MAX_TEXT || v.len() > MAX_TEXT);
        if entries > MAX_ENTRIES
            || too_long(&w.c)
            || too_long(&w.r)
            || too_long(&w.g)
            || too_long(&w.tg.weights)
            || w.tg.value.len() > MAX_TEXT
        {
            return Err(DecodeError::Corrupt);
        }
        let mut s =
            Session { lang: w.l, profile: w.p, table: w.t, unit: w.u, draft: Draft::default(), targets: w.tg };
        let mut draft = s.baseline().unwrap_or_default();
        for (target, changes) in [(&mut draft.counts, w.c), (&mut draft.rates, w.r), (&mut draft.given, w.g)] {
            for (k, v) in changes {
                if v.is_empty() {
                    target.remove(&k);
                } else {
                    target.insert(k, v);
                }
            }
        }
        draft.rate_mode = w.rm;
        draft.given_mode = w.gm;
        s.draft = draft;
        Ok(s)
    }

    /// The session as a URL fragment value: `1.<base64url of JSON>`.
    pub fn to_link(&self) -> String {
        let json = serde_json::to_string(&self.to_wire()).unwrap_or_default();
        format!("{VERSION}.{}", base64url::encode(json.as_bytes()))
    }

    /// Opens a link made by [`Session::to_link`].
    pub fn from_link(link: &str) -> Result<Session, DecodeError> {
        if link.len() > MAX_LINK {
            return Err(DecodeError::TooLong);
        }
        let (version, payload) = link.split_once('.').ok_or(DecodeError::Corrupt)?;
        let version: u32 = version.parse().map_err(|_| DecodeError::Corrupt)?;
        if version > VERSION {
            return Err(DecodeError::NewerVersion(version));
        }
        if version < VERSION {
            return Err(DecodeError::OlderVersion(version));
        }
        let bytes = base64url::decode(payload).ok_or(DecodeError::Corrupt)?;
        let wire: Wire = serde_json::from_slice(&bytes).map_err(|_| DecodeError::Corrupt)?;
        Session::from_wire(wire)
    }

    /// The session as stored between visits (JSON).
    pub fn to_storage(&self) -> String {
        serde_json::to_string(&self.to_wire()).unwrap_or_default()
    }

    /// Restores a stored session.
    pub fn from_storage(text: &str) -> Result<Session, DecodeError> {
        if text.len() > MAX_LINK {
            return Err(DecodeError::TooLong);
        }
        #[derive(Deserialize)]
        struct Version {
            v: u32,
        }
        let v: Version = serde_json::from_str(text).map_err(|_| DecodeError::Corrupt)?;
        if v.v != VERSION {
            return Err(if v.v > VERSION { DecodeError::NewerVersion(v.v) } else { DecodeError::OlderVersion(v.v) });
        }
        let wire: Wire = serde_json::from_str(text).map_err(|_| DecodeError::Corrupt)?;
        Session::from_wire(wire)
    }
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
    fn the_default_session_is_a_real_unit() {
        let s = Session::default();
        assert_eq!(s.unit.as_deref(), Some("H20"));
        assert_eq!(s.draft.counts["dossiers_received"], "405424");
        assert_eq!(s.to_wire().c.len(), 0, "an untouched unit differs in nothing");
    }

    #[test]
    fn a_link_reproduces_the_session() {
        let mut s = Session::default();
        s.apply(Action::SetLang(Lang::En));
        s.apply(Action::SetCount { quantity: "dossiers_overdue".into(), text: "20000".into() });
        s.apply(Action::SetCount { quantity: "dossiers_e_result".into(), text: "abc".into() });
        s.apply(Action::SetRateMode { indicator: "1.2".into(), on: true, prefill: Some("86.54".into()) });
        s.apply(Action::SetGivenMode { group: "ONLINE".into(), on: false, prefill: None });
        s.apply(Action::SetProfile("document".into()));
        s.apply(Action::SetGoal { kind: GoalKind::Rank, value: "5".into() });
        s.apply(Action::SetLock { indicator: "2.1".into(), on: true });
        s.apply(Action::SetWeight { indicator: "4.1".into(), text: "2,5".into() });
        let link = s.to_link();
        assert!(link.starts_with("1."));
        assert!(link.len() < 400, "{} characters", link.len());
        let back = Session::from_link(&link).unwrap();
        assert_eq!(back, s);
        assert_eq!(Session::from_storage(&s.to_storage()).unwrap(), s);
    }

    #[test]
    fn bad_links_say_why() {
        let s = Session::default();
        let link = s.to_link();
        assert_eq!(Session::from_link(&link[..link.len() - 5]), Err(DecodeError::Corrupt));
        assert_eq!(Session::from_link("2.e30"), Err(DecodeError::NewerVersion(2)));
        assert_eq!(Session::from_link("0.e30"), Err(DecodeError::OlderVersion(0)));
        assert_eq!(Session::from_link("garbage"), Err(DecodeError::Corrupt));
        assert_eq!(Session::from_link(&"1.".repeat(20_000)), Err(DecodeError::TooLong));
        let forged = format!("1.{}", base64url::encode(br#"{"v":1,"l":"vi","p":"x","t":"provinces-2026-10-10"}"#));
        assert_eq!(Session::from_link(&forged), Err(DecodeError::UnknownProfile("x".into())));
        let forged = format!(
            "1.{}",
            base64url::encode(br#"{"v":1,"l":"vi","p":"portal-2026","t":"provinces-2026-10-10","u":"H99"}"#)
        );
        assert_eq!(Session::from_link(&forged), Err(DecodeError::UnknownUnit("H99".into())));
        assert_eq!(Session::from_storage("{\"v\":0}"), Err(DecodeError::OlderVersion(0)));
        assert_eq!(Session::from_storage("not json"), Err(DecodeError::Corrupt));
        assert_eq!(DecodeError::Corrupt.message(Lang::Vi), "bị cắt cụt hoặc bị sửa");
    }

    #[test]
    fn resets_restore_the_baseline() {
        let mut s = Session::default();
        let base = s.draft.clone();
        s.apply(Action::SetCount { quantity: "dossiers_overdue".into(), text: "1".into() });
        s.apply(Action::SetCount { quantity: "petitions_total".into(), text: "1".into() });
        s.apply(Action::ResetCount("dossiers_overdue".into()));
        assert_eq!(s.draft.counts["dossiers_overdue"], base.counts["dossiers_overdue"]);
        s.apply(Action::SetGivenMode { group: "MDHL".into(), on: true, prefill: Some("14,67".into()) });
        assert_eq!(s.draft.given["MDHL"], "14,67");
        s.apply(Action::ResetGroup("MDHL".into()));
        assert!(!s.draft.given_mode.contains("MDHL"));
        assert_eq!(s.draft, base);
        s.apply(Action::SetRate { indicator: "1.1".into(), text: "5".into() });
        s.apply(Action::ResetAll);
        assert_eq!(s.draft, base);
    }

    #[test]
    fn goals_parse_and_say_what_is_wrong() {
        use crate::engine::plan::Goal;
        let mut s = Session::default();
        assert_eq!(s.goal(), Ok(None));
        s.apply(Action::SetGoal { kind: GoalKind::Points, value: "75,5".into() });
        assert_eq!(s.goal(), Ok(Some(Goal::Total(7550))));
        s.apply(Action::SetGoal { kind: GoalKind::Band, value: "good".into() });
        assert_eq!(s.goal(), Ok(Some(Goal::Band(1))));
        s.apply(Action::SetGoal { kind: GoalKind::Rank, value: "5".into() });
        assert_eq!(s.goal(), Ok(Some(Goal::Rank { position: 5, total: 6591 })));
        s.apply(Action::SetGoal { kind: GoalKind::Rank, value: "40".into() });
        let e = s.goal().unwrap_err();
        assert_eq!(e.message(s.method(), Lang::Vi), "Thứ hạng phải từ 1 đến 34");
        s.apply(Action::SetGoal { kind: GoalKind::Points, value: "120".into() });
        assert_eq!(s.goal().unwrap_err().message(s.method(), Lang::En), "Cannot exceed the maximum of 100");
        s.apply(Action::SetWeight { indicator: "4.1".into(), text: "abc".into() });
        s.apply(Action::SetWeight { indicator: "4.2".into(), text: "3".into() });
        assert_eq!(s.preferences().weights.len(), 1);
        assert_eq!(parse_weight("0"), Err(crate::engine::InputError::Number(crate::engine::number::NumberError::NotANumber)));
    }

    #[test]
    fn numbers_the_app_wrote_follow_the_language() {
        let mut s = Session::default();
        s.apply(Action::SetRateMode { indicator: "4.2".into(), on: true, prefill: Some("23,8227".into()) });
        s.apply(Action::SetGiven { group: "TTTT".into(), text: "6,4".into() });
        s.apply(Action::SetLang(Lang::En));
        assert_eq!(s.draft.given["ONLINE"], "8.84");
        assert_eq!(s.draft.rates["4.2"], "23.8227");
        assert_eq!(s.draft.given["TTTT"], "6,4", "typed by the user: kept as typed");
        assert_eq!(s.to_wire().g.len(), 1, "only TTTT differs from the baseline");
    }

    #[test]
    fn rates_step_by_tenths_and_stay_within_bounds() {
        assert_eq!(step_rate("2,83", 1, Lang::Vi).as_deref(), Some("2,93"));
        assert_eq!(step_rate("2.83", -10, Lang::En).as_deref(), Some("1.83"));
        assert_eq!(step_rate("2.83", -30, Lang::En).as_deref(), Some("0"));
        assert_eq!(step_rate("99,95", 1, Lang::Vi).as_deref(), Some("100"));
        assert_eq!(step_rate("50%", 10, Lang::Vi).as_deref(), Some("51"));
        assert_eq!(step_rate("abc", 1, Lang::Vi), None);
    }

    #[test]
    fn rate_mode_keeps_what_was_typed() {
        let mut s = Session::default();
        s.apply(Action::SetRateMode { indicator: "4.1".into(), on: true, prefill: Some("76,2".into()) });
        s.apply(Action::SetRate { indicator: "4.1".into(), text: "80".into() });
        s.apply(Action::SetRateMode { indicator: "4.1".into(), on: false, prefill: None });
        s.apply(Action::SetRateMode { indicator: "4.1".into(), on: true, prefill: Some("76,2".into()) });
        assert_eq!(s.draft.rates["4.1"], "80");
    }
}
