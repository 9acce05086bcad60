//! The goal and the planner's costs, kept as typed like every other input,
//! and what they mean for the planner.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::Session;
use crate::engine::{Lang, Methodology};
use crate::text::{fill, t};

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
            GoalError::UnknownBand(b) => fill(t(lang).goal_no_such_band, &[("band", b)]),
            GoalError::RankOutOfRange { of } => fill(t(lang).goal_rank_range, &[("of", &of.to_string())]),
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

impl Session {
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
            weights: crate::engine::sort::map(
                self.targets.weights.iter().filter_map(|(k, v)| parse_weight(v).ok().map(|w| (k.clone(), w))),
            ),
            locked: self.targets.locks.clone(),
        }
    }
}
