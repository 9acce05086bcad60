//! The calculator's state as a pure model: what the user chose and typed
//! (the unit, the scenarios, the goal, the history) and the actions that
//! change it. No web dependencies: the app wraps it in a Yew reducer, the
//! tests run it natively, and [`crate::codec`] writes it to links, storage
//! and files.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::engine::inputs::{rate_text, Draft};
use crate::engine::{format, profiles, reference, Lang, Methodology};
use crate::history::{History, HistoryRow};

/// A named set of inputs: "Kịch bản 1", "Phương án A".
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scenario {
    pub name: String,
    #[serde(flatten)]
    pub draft: Draft,
}

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
    /// The scenarios (at least one); the calculator edits the selected one.
    pub scenarios: Vec<Scenario>,
    pub selected: usize,
    /// The goal and the planner's costs.
    pub targets: Targets,
    /// The unit's scores over periods.
    pub history: History,
}

/// What a goal is expressed in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum GoalKind {
    #[default]
    Points,
    Band,
    Rank,
}

/// The goal as typed, and the planner's weights and locks (per lever owner,
/// by indicator id), kept as text like every other input.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Targets {
    #[serde(default)]
    pub kind: GoalKind,
    /// Points ("80"), a band id ("good") or a rank ("5"); empty: no goal.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub value: String,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub weights: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub locks: BTreeSet<String>,
}

impl Targets {
    pub fn is_empty(&self) -> bool {
        *self == Targets::default()
    }
}

/// Why a goal cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GoalError {
    Input(crate::engine::InputError),
    UnknownBand(String),
    /// A rank outside 1..=of.
    RankOutOfRange {
        of: usize,
    },
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

/// The most scenarios a session keeps.
pub const MAX_SCENARIOS: usize = 20;
/// The longest scenario name.
pub const MAX_NAME: usize = 60;

fn scenario_name(lang: Lang, n: usize) -> String {
    format!("{} {n}", lang.pick("Kịch bản", "Scenario"))
}

impl Default for Session {
    /// The first unit of the default table under the default profile.
    fn default() -> Session {
        let table = reference::default_table();
        let mut s = Session {
            lang: Lang::Vi,
            profile: profiles::DEFAULT_ID.to_string(),
            table: table.id.clone(),
            unit: table.table.units.first().map(|u| u.code.clone()),
            scenarios: Vec::new(),
            selected: 0,
            targets: Targets::default(),
            history: History::default(),
        };
        s.restart();
        s
    }
}

/// Which cell of a history row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HistoryColumn {
    Period,
    Total,
    Rank,
    Of,
    Group(String),
}

/// A change the user makes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    SetLang(Lang),
    SetProfile(String),
    /// Rank against another reference table (the unit stays if it is in it).
    SetTable(String),
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
    SetGoal {
        kind: GoalKind,
        value: String,
    },
    SetWeight {
        indicator: String,
        text: String,
    },
    SetLock {
        indicator: String,
        on: bool,
    },
    /// A plan's changes: counts and rates, as text.
    ApplyPlan {
        counts: Vec<(String, String)>,
        rates: Vec<(String, String)>,
    },
    /// A plan's changes as a new scenario (selected).
    ApplyPlanAsScenario {
        name: String,
        counts: Vec<(String, String)>,
        rates: Vec<(String, String)>,
    },
    /// A new scenario from the baseline (selected).
    NewScenario,
    /// A copy of the selected scenario (selected).
    DuplicateScenario,
    RenameScenario {
        index: usize,
        name: String,
    },
    /// Deletes a scenario (never the last one).
    DeleteScenario(usize),
    SelectScenario(usize),
    SetHistoryUnit(String),
    SetHistoryCell {
        row: usize,
        column: HistoryColumn,
        text: String,
    },
    AddHistoryRow,
    RemoveHistoryRow(usize),
    /// Replaces the history (an import, the example).
    ReplaceHistory(History),
    /// Replaces the whole session (a file import).
    Replace(Box<Session>),
}

impl Session {
    pub fn method(&self) -> &'static Methodology {
        profiles::get(&self.profile).unwrap_or_else(profiles::default_profile)
    }

    /// The reference table (the default one if this one is gone).
    pub fn reference(&self) -> std::sync::Arc<reference::Named> {
        reference::table(&self.table).unwrap_or_else(reference::default_table)
    }

    /// The unit, from the reference table.
    pub fn unit(&self) -> Option<reference::Unit> {
        let code = self.unit.as_deref()?;
        self.reference().table.units.iter().find(|u| u.code == code).cloned()
    }

    /// The selected scenario's inputs: what the calculator shows and edits.
    pub fn draft(&self) -> &Draft {
        static EMPTY: std::sync::OnceLock<Draft> = std::sync::OnceLock::new();
        match self.scenarios.get(self.selected) {
            Some(s) => &s.draft,
            None => EMPTY.get_or_init(Draft::default),
        }
    }

    fn draft_mut(&mut self) -> &mut Draft {
        if self.scenarios.is_empty() {
            self.scenarios.push(Scenario { name: scenario_name(self.lang, 1), draft: Draft::default() });
        }
        self.selected = self.selected.min(self.scenarios.len() - 1);
        &mut self.scenarios[self.selected].draft
    }

    /// A scenario's name as shown: its name, or "Kịch bản N" when blank.
    pub fn display_name(&self, index: usize) -> String {
        match self.scenarios.get(index) {
            Some(s) if !s.name.trim().is_empty() => s.name.trim().to_string(),
            _ => scenario_name(self.lang, index + 1),
        }
    }

    pub fn current(&self) -> Option<&Scenario> {
        self.scenarios.get(self.selected)
    }

    /// The unit's published inputs as a draft, written in the session's
    /// language; `None` without a unit.
    pub fn baseline(&self) -> Option<Draft> {
        let method = self.method();
        self.unit().map(|u| Draft::from_inputs(method, &u.inputs(method), self.lang))
    }

    /// One scenario, from the baseline.
    fn restart(&mut self) {
        self.scenarios =
            vec![Scenario { name: scenario_name(self.lang, 1), draft: self.baseline().unwrap_or_default() }];
        self.selected = 0;
    }

    /// A name not yet taken: "Kịch bản 3".
    fn fresh_name(&self) -> String {
        (1..)
            .map(|n| scenario_name(self.lang, n))
            .find(|name| !self.scenarios.iter().any(|s| &s.name == name))
            .unwrap_or_default()
    }

    pub fn apply(&mut self, action: Action) {
        let base = |s: &Session| s.baseline().unwrap_or_default();
        match action {
            Action::SetLang(lang) => {
                // Numbers the app wrote (published figures, prefilled rates)
                // follow the language; what the user typed stays as typed.
                let old = self.lang;
                for scenario in &mut self.scenarios {
                    for text in scenario.draft.rates.values_mut() {
                        if let Ok(r) = crate::engine::inputs::parse_rate(text) {
                            if *text == rate_text(r, old) {
                                *text = rate_text(r, lang);
                            }
                        }
                    }
                    for text in scenario.draft.given.values_mut() {
                        if let Ok(c) = crate::engine::inputs::parse_score(text, i64::MAX) {
                            if *text == format::cents(c, old) {
                                *text = format::cents(c, lang);
                            }
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
                    let b = base(self);
                    for scenario in &mut self.scenarios {
                        let d = &mut scenario.draft;
                        for (k, v) in &b.counts {
                            d.counts.entry(k.clone()).or_insert_with(|| v.clone());
                        }
                        for (k, v) in &b.given {
                            d.given.entry(k.clone()).or_insert_with(|| v.clone());
                        }
                        for g in &b.given_mode {
                            if !d.given.get(g).is_some_and(|t| t.trim().is_empty()) {
                                d.given_mode.insert(g.clone());
                            }
                        }
                    }
                }
            }
            Action::SetTable(id) => {
                if let Some(t) = reference::table(&id) {
                    if self.unit.as_deref().is_some_and(|u| t.table.position(u).is_none()) {
                        self.unit = None;
                    }
                    self.table = id;
                }
            }
            Action::ChooseUnit(code) => {
                if self.reference().table.position(&code).is_some() {
                    self.unit = Some(code);
                    self.restart();
                }
            }
            Action::StartBlank => {
                self.unit = None;
                self.restart();
            }
            Action::SetCount { quantity, text } => {
                self.draft_mut().counts.insert(quantity, text);
            }
            Action::SetRate { indicator, text } => {
                self.draft_mut().rates.insert(indicator, text);
            }
            Action::SetRateMode { indicator, on, prefill } => {
                let d = self.draft_mut();
                if on {
                    if d.rates.get(&indicator).is_none_or(|t| t.trim().is_empty()) {
                        if let Some(p) = prefill {
                            d.rates.insert(indicator.clone(), p);
                        }
                    }
                    d.rate_mode.insert(indicator);
                } else {
                    d.rate_mode.remove(&indicator);
                }
            }
            Action::SetGiven { group, text } => {
                self.draft_mut().given.insert(group, text);
            }
            Action::SetGivenMode { group, on, prefill } => {
                let d = self.draft_mut();
                if on {
                    if d.given.get(&group).is_none_or(|t| t.trim().is_empty()) {
                        if let Some(p) = prefill {
                            d.given.insert(group.clone(), p);
                        }
                    }
                    d.given_mode.insert(group);
                } else {
                    d.given_mode.remove(&group);
                }
            }
            Action::ResetCount(q) => {
                let b = base(self);
                set_or_remove(&mut self.draft_mut().counts, &q, b.counts.get(&q));
            }
            Action::ResetRate(i) => {
                let b = base(self);
                let d = self.draft_mut();
                set_or_remove(&mut d.rates, &i, b.rates.get(&i));
                set_member(&mut d.rate_mode, &i, b.rate_mode.contains(&i));
            }
            Action::ResetGiven(g) => {
                let b = base(self);
                set_or_remove(&mut self.draft_mut().given, &g, b.given.get(&g));
            }
            Action::ResetGroup(g) => {
                let b = base(self);
                let method = self.method();
                let d = self.draft_mut();
                if let Some(gi) = method.groups.iter().position(|x| x.id == g) {
                    for q in method.group_quantities(gi) {
                        let id = &method.quantities[q].id;
                        set_or_remove(&mut d.counts, id, b.counts.get(id));
                    }
                    for &i in &method.groups[gi].indicators {
                        let id = &method.indicators[i].id;
                        set_or_remove(&mut d.rates, id, b.rates.get(id));
                        set_member(&mut d.rate_mode, id, b.rate_mode.contains(id));
                    }
                }
                set_or_remove(&mut d.given, &g, b.given.get(&g));
                set_member(&mut d.given_mode, &g, b.given_mode.contains(&g));
            }
            Action::ResetAll => *self.draft_mut() = base(self),
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
                let d = self.draft_mut();
                d.counts.extend(counts);
                d.rates.extend(rates);
            }
            Action::ApplyPlanAsScenario { name, counts, rates } => {
                if self.scenarios.len() < MAX_SCENARIOS {
                    let mut draft = self.draft().clone();
                    draft.counts.extend(counts);
                    draft.rates.extend(rates);
                    let name = clip_name(&name).unwrap_or_else(|| self.fresh_name());
                    self.scenarios.push(Scenario { name, draft });
                    self.selected = self.scenarios.len() - 1;
                }
            }
            Action::NewScenario => {
                if self.scenarios.len() < MAX_SCENARIOS {
                    let name = self.fresh_name();
                    self.scenarios.push(Scenario { name, draft: base(self) });
                    self.selected = self.scenarios.len() - 1;
                }
            }
            Action::DuplicateScenario => {
                if self.scenarios.len() < MAX_SCENARIOS {
                    if let Some(s) = self.current().cloned() {
                        let suffix = self.lang.pick("bản sao", "copy");
                        let mut name = format!("{} ({suffix})", s.name);
                        if self.scenarios.iter().any(|x| x.name == name) {
                            name = self.fresh_name();
                        }
                        self.scenarios.push(Scenario { name: clip_name(&name).unwrap_or(name), draft: s.draft });
                        self.selected = self.scenarios.len() - 1;
                    }
                }
            }
            Action::RenameScenario { index, name } => {
                // Kept as typed (a blank name shows as "Kịch bản N").
                if let Some(s) = self.scenarios.get_mut(index) {
                    s.name = name.chars().take(MAX_NAME).collect();
                }
            }
            Action::DeleteScenario(index) => {
                if self.scenarios.len() > 1 && index < self.scenarios.len() {
                    self.scenarios.remove(index);
                    if self.selected > index || self.selected >= self.scenarios.len() {
                        self.selected = self.selected.saturating_sub(1);
                    }
                }
            }
            Action::SelectScenario(index) => {
                if index < self.scenarios.len() {
                    self.selected = index;
                }
            }
            Action::SetHistoryUnit(text) => self.history.unit = text,
            Action::SetHistoryCell { row, column, text } => {
                if let Some(r) = self.history.rows.get_mut(row) {
                    match column {
                        HistoryColumn::Period => r.period = text,
                        HistoryColumn::Total => r.total = text,
                        HistoryColumn::Rank => r.rank = text,
                        HistoryColumn::Of => r.of = text,
                        HistoryColumn::Group(g) => {
                            if text.is_empty() {
                                r.groups.remove(&g);
                            } else {
                                r.groups.insert(g, text);
                            }
                        }
                    }
                }
            }
            Action::AddHistoryRow => {
                if self.history.rows.len() < 1000 {
                    let of = self.history.rows.last().map(|r| r.of.clone()).unwrap_or_default();
                    self.history.rows.push(HistoryRow { of, ..HistoryRow::default() });
                }
            }
            Action::RemoveHistoryRow(i) => {
                if i < self.history.rows.len() {
                    self.history.rows.remove(i);
                }
            }
            Action::ReplaceHistory(h) => self.history = h,
            Action::Replace(s) => *self = *s,
        }
    }

    /// The rank table: the reference table's published totals of the
    /// unit's kind (agencies among agencies, communes among communes), the
    /// unit itself left out; without a unit, every unit of the table.
    pub fn rank_table(&self) -> crate::engine::RankTable {
        let reference = self.reference();
        let table = &reference.table;
        match self.unit.as_deref().and_then(|u| table.position(u)) {
            Some(i) => table.rank_table(&table.units[i].kind, Some(i)),
            None => crate::engine::RankTable::new(table.published_totals()),
        }
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

/// A scenario name trimmed to [`MAX_NAME`] characters; `None` when blank.
fn clip_name(name: &str) -> Option<String> {
    let name = name.trim();
    (!name.is_empty()).then(|| name.chars().take(MAX_NAME).collect())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_session_is_a_real_unit() {
        let s = Session::default();
        assert_eq!(s.unit.as_deref(), Some("H20"));
        assert_eq!(s.draft().counts["dossiers_received"], "405424");
        assert_eq!(s.scenarios.len(), 1);
        assert_eq!(s.scenarios[0].name, "Kịch bản 1");
    }

    #[test]
    fn resets_restore_the_baseline() {
        let mut s = Session::default();
        let base = s.draft().clone();
        s.apply(Action::SetCount { quantity: "dossiers_overdue".into(), text: "1".into() });
        s.apply(Action::SetCount { quantity: "petitions_total".into(), text: "1".into() });
        s.apply(Action::ResetCount("dossiers_overdue".into()));
        assert_eq!(s.draft().counts["dossiers_overdue"], base.counts["dossiers_overdue"]);
        s.apply(Action::SetGivenMode { group: "MDHL".into(), on: true, prefill: Some("14,67".into()) });
        assert_eq!(s.draft().given["MDHL"], "14,67");
        s.apply(Action::ResetGroup("MDHL".into()));
        assert!(!s.draft().given_mode.contains("MDHL"));
        assert_eq!(s.draft(), &base);
        s.apply(Action::SetRate { indicator: "1.1".into(), text: "5".into() });
        s.apply(Action::ResetAll);
        assert_eq!(s.draft(), &base);
    }

    #[test]
    fn scenarios_are_created_duplicated_renamed_deleted() {
        let mut s = Session::default();
        s.apply(Action::SetCount { quantity: "dossiers_overdue".into(), text: "0".into() });
        s.apply(Action::DuplicateScenario);
        assert_eq!(s.scenarios.len(), 2);
        assert_eq!(s.selected, 1);
        assert_eq!(s.scenarios[1].name, "Kịch bản 1 (bản sao)");
        assert_eq!(s.draft().counts["dossiers_overdue"], "0");
        s.apply(Action::NewScenario);
        assert_eq!(s.scenarios[2].name, "Kịch bản 2");
        assert_eq!(s.draft().counts["dossiers_overdue"], "46764", "a new scenario starts from the baseline");
        s.apply(Action::RenameScenario { index: 2, name: "".into() });
        assert_eq!(s.display_name(2), "Kịch bản 3", "a blank name shows its place");
        s.apply(Action::RenameScenario { index: 2, name: "Phương án B".into() });
        assert_eq!(s.scenarios[2].name, "Phương án B");
        // Edits go to the selected scenario only.
        s.apply(Action::SelectScenario(0));
        s.apply(Action::SetCount { quantity: "dossiers_overdue".into(), text: "5".into() });
        assert_eq!(s.scenarios[1].draft.counts["dossiers_overdue"], "0");
        s.apply(Action::DeleteScenario(0));
        assert_eq!(s.scenarios.len(), 2);
        assert_eq!(s.selected, 0);
        assert_eq!(s.scenarios[0].name, "Kịch bản 1 (bản sao)");
        s.apply(Action::DeleteScenario(0));
        s.apply(Action::DeleteScenario(0));
        assert_eq!(s.scenarios.len(), 1, "the last scenario stays");
        // Choosing another unit starts over.
        s.apply(Action::ChooseUnit("H38".into()));
        assert_eq!(s.scenarios.len(), 1);
        assert_eq!(s.draft().counts["dossiers_received"], "280591");
    }

    #[test]
    fn another_table_ranks_the_scenario() {
        let csv = "code,name,kind,total,g_CKMB,g_TDGQ,g_ONLINE,g_TTTT,g_MDHL,g_MDSH\nC1,Xã A,COMMUNE,60,10,10,10,10,10,10\nC2,Xã B,COMMUNE,90,15,15,15,15,15,15\nA1,Sở C,AGENCY,50,10,10,10,10,5,5\n";
        let table = reference::read_csv(csv.as_bytes()).unwrap();
        let id = reference::add_table(None, "Tỉnh X", table, csv.into());
        let mut s = Session::default();
        s.apply(Action::SetCount { quantity: "dossiers_overdue".into(), text: "0".into() });
        s.apply(Action::SetTable(id.clone()));
        assert_eq!(s.table, id);
        assert_eq!(s.unit, None, "H20 is not in that table");
        assert_eq!(s.draft().counts["dossiers_overdue"], "0", "what was typed stays");
        assert_eq!(s.rank_table().len(), 3);
        // A commune ranks among communes only.
        s.apply(Action::ChooseUnit("C1".into()));
        assert_eq!(s.rank_table().len(), 1);
        assert_eq!(s.rank_table().rank(6000).position, 2);
        s.apply(Action::SetTable("nowhere".into()));
        assert_eq!(s.table, id);
        reference::remove_table(&id);
        assert_eq!(s.reference().id, reference::SHIPPED_ID, "a removed table falls back to the default");
    }

    #[test]
    fn a_plan_can_become_a_scenario() {
        let mut s = Session::default();
        s.apply(Action::ApplyPlanAsScenario {
            name: "Hạng 5".into(),
            counts: vec![("dossiers_overdue".into(), "100".into())],
            rates: vec![],
        });
        assert_eq!(s.scenarios.len(), 2);
        assert_eq!(s.current().unwrap().name, "Hạng 5");
        assert_eq!(s.draft().counts["dossiers_overdue"], "100");
        assert_eq!(s.scenarios[0].draft.counts["dossiers_overdue"], "46764");
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
        assert_eq!(
            parse_weight("0"),
            Err(crate::engine::InputError::Number(crate::engine::number::NumberError::NotANumber))
        );
    }

    #[test]
    fn numbers_the_app_wrote_follow_the_language() {
        let mut s = Session::default();
        s.apply(Action::SetRateMode { indicator: "4.2".into(), on: true, prefill: Some("23,8227".into()) });
        s.apply(Action::SetGiven { group: "TTTT".into(), text: "6,4".into() });
        s.apply(Action::SetLang(Lang::En));
        assert_eq!(s.draft().given["ONLINE"], "8.84");
        assert_eq!(s.draft().rates["4.2"], "23.8227");
        assert_eq!(s.draft().given["TTTT"], "6,4", "typed by the user: kept as typed");
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
        assert_eq!(s.draft().rates["4.1"], "80");
    }

    #[test]
    fn history_rows_are_edited_in_place() {
        let mut s = Session::default();
        s.apply(Action::AddHistoryRow);
        s.apply(Action::SetHistoryCell { row: 0, column: HistoryColumn::Period, text: "2026-09".into() });
        s.apply(Action::SetHistoryCell { row: 0, column: HistoryColumn::Total, text: "61,2".into() });
        s.apply(Action::SetHistoryCell { row: 0, column: HistoryColumn::Group("CKMB".into()), text: "8".into() });
        s.apply(Action::SetHistoryCell { row: 0, column: HistoryColumn::Of, text: "34".into() });
        s.apply(Action::AddHistoryRow);
        assert_eq!(s.history.rows[1].of, "34", "a new row keeps the number of units");
        s.apply(Action::RemoveHistoryRow(1));
        assert_eq!(s.history.rows.len(), 1);
        assert_eq!(s.history.rows[0].groups["CKMB"], "8");
        s.apply(Action::SetHistoryCell { row: 9, column: HistoryColumn::Total, text: "1".into() });
        assert_eq!(s.history.rows.len(), 1);
    }
}

/// Options in the page's address (`?embed=1&lang=en&profile=document&unit=H38&compact=1`):
/// an embedded view and its starting point.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PageOptions {
    /// Only the calculator, no page chrome; the height is posted to the host.
    pub embed: bool,
    /// A tighter layout (no descriptions, no targets or scenario tools).
    pub compact: bool,
    pub lang: Option<Lang>,
    pub profile: Option<String>,
    pub unit: Option<String>,
}

impl PageOptions {
    /// Reads the query string (with or without its leading '?'). Unknown
    /// keys and values are ignored.
    pub fn from_query(query: &str) -> PageOptions {
        let mut o = PageOptions::default();
        for pair in query.trim_start_matches('?').split('&') {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let v = v.trim();
            let yes = matches!(v, "" | "1" | "true" | "yes");
            match k {
                "embed" => o.embed = yes,
                "compact" => o.compact = yes,
                "lang" => o.lang = Lang::from_code(v),
                "profile" if profiles::get(v).is_some() => o.profile = Some(v.to_string()),
                "unit" if !v.is_empty() && v.len() <= MAX_NAME => o.unit = Some(v.to_string()),
                _ => {}
            }
        }
        o
    }

    /// Applies the starting point (language, profile, unit) to a session.
    pub fn apply_to(&self, s: &mut Session) {
        if let Some(lang) = self.lang {
            s.apply(Action::SetLang(lang));
        }
        if let Some(p) = &self.profile {
            s.apply(Action::SetProfile(p.clone()));
        }
        if let Some(u) = &self.unit {
            s.apply(Action::ChooseUnit(u.clone()));
        }
    }
}

#[cfg(test)]
mod options_tests {
    use super::*;

    #[test]
    fn page_options_from_the_address() {
        let o = PageOptions::from_query("?embed=1&lang=en&profile=document&unit=H38&compact&x=y");
        assert!(o.embed && o.compact);
        assert_eq!(o.lang, Some(Lang::En));
        assert_eq!(o.profile.as_deref(), Some("document"));
        assert_eq!(o.unit.as_deref(), Some("H38"));
        let mut s = Session::default();
        o.apply_to(&mut s);
        assert_eq!((s.lang, s.profile.as_str(), s.unit.as_deref()), (Lang::En, "document", Some("H38")));
        let o = PageOptions::from_query("profile=nope&lang=fr&embed=0");
        assert_eq!(o, PageOptions::default());
        // A unit not in the table is ignored by the session.
        let mut s = Session::default();
        PageOptions::from_query("unit=ZZ").apply_to(&mut s);
        assert_eq!(s.unit.as_deref(), Some("H20"));
    }
}
