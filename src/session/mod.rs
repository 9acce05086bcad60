//! The calculator's state as a pure model: what the user chose and typed
//! (the unit, the scenarios, the goal, the history) and the actions that
//! change it. No web dependencies: the app wraps it in a Yew reducer, the
//! tests run it natively, and [`crate::codec`] writes it to links, storage
//! and files.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::catalog::Catalog;
use crate::engine::inputs::{rate_text, Draft};
use crate::engine::{format, profiles, reference, Lang, Methodology};
use crate::history::History;

mod actions;
mod goals;
mod options;

pub use actions::{Action, HistoryColumn};
pub use goals::{parse_weight, GoalError, GoalKind, Targets};
pub use options::PageOptions;

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
    /// What the user knows of the unit's current figures beyond the table
    /// ("hiện tại"): counts and rates the table does not hold, and group
    /// scores for a unit not in it. They join the baseline: the remainder of
    /// a group's published score shrinks by their points, the total stays.
    pub current: Draft,
    /// The scenarios (at least one); the calculator edits the selected one.
    pub scenarios: Vec<Scenario>,
    pub selected: usize,
    /// The goal and the planner's costs.
    pub targets: Targets,
    /// The unit's scores over periods.
    pub history: History,
    /// The reference tables the session knows (shipped and imported); not
    /// written to links or files (the app stores imported tables apart).
    pub tables: Catalog,
}

/// The most scenarios a session keeps.
pub const MAX_SCENARIOS: usize = 20;
/// The longest scenario name.
pub const MAX_NAME: usize = 60;

fn scenario_name(lang: Lang, n: usize) -> String {
    crate::text::fill(crate::text::t(lang).scenario_numbered, &[("n", &n.to_string())])
}

impl Default for Session {
    /// The first unit of the default table under the default profile.
    fn default() -> Session {
        let tables = Catalog::default();
        let table = tables.tables()[0].clone();
        let mut s = Session {
            lang: Lang::Vi,
            profile: profiles::DEFAULT_ID.to_string(),
            table: table.id.clone(),
            unit: table.table.units.first().map(|u| u.code.clone()),
            current: Draft::default(),
            scenarios: Vec::new(),
            selected: 0,
            targets: Targets::default(),
            history: History::default(),
            tables,
        };
        s.restart();
        s
    }
}
impl Session {
    pub fn method(&self) -> &'static Methodology {
        profiles::get(&self.profile).unwrap_or_else(profiles::default_profile)
    }

    /// The reference table (the default one if this one is gone).
    pub fn reference(&self) -> std::sync::Arc<reference::Named> {
        self.tables.get_or_default(&self.table).clone()
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
    /// language (its group scores as `scores` where the table does not hold
    /// every input); `None` without a unit.
    pub fn published(&self) -> Option<Draft> {
        let method = self.method();
        self.unit().map(|u| Draft::from_inputs(method, &u.inputs(method), self.lang))
    }

    /// The baseline: the unit's published figures and what the user said
    /// of its current ones (`current`); `None` when there is neither.
    pub fn baseline(&self) -> Option<Draft> {
        let mut base = match self.published() {
            Some(d) => d,
            None if self.current == Draft::default() => return None,
            None => Draft::default(),
        };
        let c = &self.current;
        base.counts.extend(c.counts.iter().map(|(k, v)| (k.clone(), v.clone())));
        base.rates.extend(c.rates.iter().map(|(k, v)| (k.clone(), v.clone())));
        base.rate_mode.extend(c.rate_mode.iter().cloned());
        base.scores.extend(c.scores.iter().map(|(k, v)| (k.clone(), v.clone())));
        Some(base)
    }

    /// What a scenario starts from: the baseline's inputs (its known group
    /// scores stay with the baseline).
    pub fn start_draft(&self) -> Draft {
        Draft { scores: BTreeMap::new(), ..self.baseline().unwrap_or_default() }
    }

    /// Whether indicator `id`'s inputs are not all in the reference table:
    /// its current value is the user's to give ("hiện tại"), beside the value
    /// to try.
    pub fn needs_current(&self, indicator: usize) -> bool {
        let method = self.method();
        let Some(ind) = method.indicators.get(indicator) else { return false };
        let Some(f) = &ind.formula else { return false };
        let Some(unit) = self.unit() else { return true };
        !unit.rates.contains_key(&ind.code)
            && f.numerator
                .quantities()
                .chain(f.denominator.quantities())
                .any(|q| !unit.counts.contains_key(&method.quantities[q].id))
    }

    /// One scenario, from the baseline.
    fn restart(&mut self) {
        self.scenarios = vec![Scenario { name: scenario_name(self.lang, 1), draft: self.start_draft() }];
        self.selected = 0;
    }

    /// Sets a current value (`field` of `current`, by key) and moves every
    /// scenario that still had the old current value with it, so that the
    /// baseline and the scenarios that did not change it stay equal.
    fn set_current(&mut self, field: fn(&mut Draft) -> &mut BTreeMap<String, String>, key: &str, text: &str) {
        let old = field(&mut self.current).get(key).cloned().unwrap_or_default();
        let text = text.to_string();
        for scenario in &mut self.scenarios {
            let map = field(&mut scenario.draft);
            if map.get(key).is_none_or(|v| v.trim() == old.trim()) {
                if text.trim().is_empty() {
                    map.remove(key);
                } else {
                    map.insert(key.to_string(), text.clone());
                }
            }
        }
        let map = field(&mut self.current);
        if text.trim().is_empty() {
            map.remove(key);
        } else {
            map.insert(key.to_string(), text);
        }
    }

    /// A name not yet taken: "Kịch bản 3".
    fn fresh_name(&self) -> String {
        (1..)
            .map(|n| scenario_name(self.lang, n))
            .find(|name| !self.scenarios.iter().any(|s| &s.name == name))
            .unwrap_or_default()
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
mod tests;
