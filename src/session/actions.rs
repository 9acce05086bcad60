//! The changes a user makes ([`Action`]) and how each changes the session
//! ([`Session::apply`]): the reducer, pure and tested natively.

use std::collections::{BTreeMap, BTreeSet};

use super::{GoalKind, Scenario, Session, MAX_NAME, MAX_SCENARIOS};
use crate::engine::inputs::{rate_text, Draft};
use crate::engine::{format, profiles, reference, Lang};
use crate::history::{History, HistoryRow};

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
    /// An imported table joins the catalogue and ranks the scenario.
    AddTable {
        name: String,
        table: reference::Table,
        /// What it was imported from, one text per file (to store it).
        sources: Vec<String>,
    },
    /// The host's current table (`?data=`), fetched: it replaces the copy
    /// kept from an earlier visit and ranks, unless the user ranks against
    /// a table they imported.
    SetHostTable {
        name: String,
        table: reference::Table,
        sources: Vec<String>,
    },
    /// Forgets an imported table (the shipped one ranks if it did).
    RemoveTable(String),
    /// The host's data directory (its index) was read.
    SetDirectory {
        url: String,
        index: crate::directory::Index,
    },
    /// The directory's units list was read (the unit picker searches it).
    SetDirectoryUnits(Vec<crate::directory::DirUnit>),
    /// A series of the directory was read.
    AddSeries {
        file: String,
        series: crate::directory::Series,
    },
    /// A table of the directory was read: it ranks, and `unit` (when given)
    /// is chosen.
    OpenDirectoryTable {
        /// The table's id in the directory's index, and its name.
        id: String,
        name: crate::engine::i18n::Text,
        table: reference::Table,
        /// What it was read from (kept for offline use).
        source: String,
        unit: Option<String>,
    },
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
    /// Rate mode on or off; `prefill` is the rate to show when the field is
    /// empty. For an indicator whose current value is the user's to give,
    /// the current value follows (`current_prefill` likewise).
    SetRateMode {
        indicator: String,
        on: bool,
        prefill: Option<String>,
        current_prefill: Option<String>,
    },
    /// A rate typed on an indicator's line: rate mode on (for the current
    /// value too where the user gives it, which keeps `current_prefill`
    /// when empty), then `text` as the rate to try, or as the current rate
    /// when `current`.
    TryRate {
        indicator: String,
        text: String,
        current: bool,
        current_prefill: Option<String>,
    },
    /// The unit's current value of a count the table does not hold.
    SetCurrentCount {
        quantity: String,
        text: String,
    },
    /// The unit's current rate of an indicator the table does not hold.
    SetCurrentRate {
        indicator: String,
        text: String,
    },
    /// The unit's current score of a group (a unit not in the table).
    SetCurrentScore {
        group: String,
        text: String,
    },
    /// Forgets the current values given for an indicator.
    ResetCurrent(String),
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
    pub fn apply(&mut self, action: Action) {
        let base = |s: &Session| s.start_draft();
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
                if let Some(t) = self.tables.get(&id).cloned() {
                    if self.unit.as_deref().is_some_and(|u| t.table.position(u).is_none()) {
                        // The unit is not in that table: its figures stay,
                        // as figures of a unit not in the table.
                        self.current = self.baseline().unwrap_or_default();
                        self.unit = None;
                    }
                    self.table = id;
                }
            }
            Action::AddTable { name, table, sources } => {
                let id = self.tables.add(None, &name, table, sources);
                self.apply(Action::SetTable(id));
            }
            Action::SetHostTable { name, table, sources } => {
                self.tables.set_host(&name, table, sources);
                let host = crate::catalog::HOST_ID;
                if self.table == reference::SHIPPED_ID || self.table == host {
                    self.apply(Action::SetTable(host.into()));
                }
            }
            Action::SetDirectory { url, index } => {
                self.tables.directory = Some(std::sync::Arc::new(crate::directory::Directory::new(&url, index)));
            }
            Action::SetDirectoryUnits(units) => {
                self.tables.directory_mut(|d| d.units = Some(std::sync::Arc::new(units)));
            }
            Action::AddSeries { file, series } => {
                self.tables.directory_mut(|d| {
                    d.series.insert(file, std::sync::Arc::new(series));
                });
            }
            Action::OpenDirectoryTable { id, name, table, source, unit } => {
                let cid = format!("{}{id}", crate::catalog::DIR_PREFIX);
                self.tables.add_named(&cid, name, table, vec![source]);
                self.apply(Action::SetTable(cid));
                if let Some(code) = unit {
                    self.apply(Action::ChooseUnit(code));
                }
            }
            Action::RemoveTable(id) => {
                self.tables.remove(&id);
                if self.table == id {
                    self.apply(Action::SetTable(reference::SHIPPED_ID.into()));
                }
            }
            Action::ChooseUnit(code) => {
                if self.reference().table.position(&code).is_some() {
                    self.unit = Some(code);
                    self.current = Draft::default();
                    self.restart();
                }
            }
            Action::StartBlank => {
                self.unit = None;
                self.current = Draft::default();
                self.restart();
            }
            Action::SetCount { quantity, text } => {
                self.draft_mut().counts.insert(quantity, text);
            }
            Action::SetRate { indicator, text } => {
                self.draft_mut().rates.insert(indicator, text);
            }
            Action::SetRateMode { indicator, on, prefill, current_prefill } => {
                let method = self.method();
                if method.indicator_index(&indicator).is_some_and(|i| self.needs_current(i)) {
                    rate_mode(&mut self.current, &indicator, on, current_prefill);
                }
                rate_mode(self.draft_mut(), &indicator, on, prefill);
            }
            Action::TryRate { indicator, text, current, current_prefill } => {
                let method = self.method();
                if method.indicator_index(&indicator).is_some_and(|i| self.needs_current(i)) {
                    rate_mode(&mut self.current, &indicator, true, current_prefill);
                }
                rate_mode(self.draft_mut(), &indicator, true, None);
                if current {
                    self.set_current(|d| &mut d.rates, &indicator, &text);
                } else {
                    self.draft_mut().rates.insert(indicator, text);
                }
            }
            Action::SetCurrentCount { quantity, text } => self.set_current(|d| &mut d.counts, &quantity, &text),
            Action::SetCurrentRate { indicator, text } => {
                self.current.rate_mode.insert(indicator.clone());
                self.set_current(|d| &mut d.rates, &indicator, &text);
            }
            Action::SetCurrentScore { group, text } => self.set_current(|d| &mut d.scores, &group, &text),
            Action::ResetCurrent(indicator) => {
                let method = self.method();
                if let Some(f) = method.indicator_index(&indicator).and_then(|i| method.indicators[i].formula.as_ref())
                {
                    let quantities: BTreeSet<&str> = crate::engine::sort::set(
                        f.numerator
                            .quantities()
                            .chain(f.denominator.quantities())
                            .map(|q| method.quantities[q].id.as_str()),
                    );
                    for q in quantities {
                        self.set_current(|d| &mut d.counts, q, "");
                    }
                }
                self.set_current(|d| &mut d.rates, &indicator, "");
                self.current.rate_mode.remove(&indicator);
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
                        let mut name = crate::text::fill(crate::text::t(self.lang).scenario_copy, &[("name", &s.name)]);
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
            // A file brings a view, not tables: the catalogue stays.
            Action::Replace(s) => *self = Session { tables: self.tables.clone(), ..*s },
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

/// Rate mode on or off in a draft, the rate prefilled when its field is empty.
fn rate_mode(d: &mut Draft, indicator: &str, on: bool, prefill: Option<String>) {
    if on && d.rates.get(indicator).is_none_or(|t| t.trim().is_empty()) {
        if let Some(p) = prefill {
            d.rates.insert(indicator.to_string(), p);
        }
    }
    set_member(&mut d.rate_mode, indicator, on);
}

fn set_member(set: &mut BTreeSet<String>, key: &str, member: bool) {
    if member {
        set.insert(key.to_string());
    } else {
        set.remove(key);
    }
}
