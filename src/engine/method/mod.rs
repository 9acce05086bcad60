//! The methodology as data: the file format (TOML), profile inheritance
//! (`extends`), validation, and the checked, indexed form the engine uses.
//!
//! The file format is documented in `methodology/README.md`.

//!
//! - this module: the checked form ([`Methodology`] and its parts);
//! - `file`: the file as written, `extends` and [`load`];
//! - `compile`: the checks, and the indexed form built from a file.

use std::collections::BTreeSet;
use std::fmt;

use super::exact::{Frac, RoundMode};
use super::i18n::Text;

mod compile;
mod file;

pub use file::{load, Syntax};

/// Points are kept in hundredths ("cents"): 18 points is 1 800.
pub type Cents = i64;

/// How sure we are of a part of the method.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Confidence {
    /// Reproduced to the cent from the portal's own published numbers.
    Verified,
    /// Stated in the portal operators' documents.
    Document,
    /// Fitted by third parties or inferred by us: an estimate.
    Inferred,
}

impl Confidence {
    pub const NAMES: [&'static str; 3] = ["verified", "document", "inferred"];

    fn from_name(name: &str) -> Option<Confidence> {
        match name {
            "verified" => Some(Confidence::Verified),
            "document" => Some(Confidence::Document),
            "inferred" => Some(Confidence::Inferred),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        Confidence::NAMES[self as usize]
    }

    /// Whether the UI must show it as an estimate.
    pub fn is_estimate(self) -> bool {
        self == Confidence::Inferred
    }
}

/// What an indicator scores when its denominator is zero.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EmptyRule {
    /// Nothing to score: 0 points.
    Zero,
    /// Nothing went wrong: full points (complaints when there were none).
    Full,
}

/// A numerator or denominator: a sum and difference of quantities.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expr {
    /// `(quantity index, +1 or -1)`, in the order written; the first is +1.
    pub terms: Vec<(usize, i8)>,
}

impl Expr {
    pub fn quantities(&self) -> impl Iterator<Item = usize> + '_ {
        self.terms.iter().map(|&(q, _)| q)
    }
    pub fn positive(&self) -> impl Iterator<Item = usize> + '_ {
        self.terms.iter().filter(|t| t.1 > 0).map(|t| t.0)
    }
    pub fn negative(&self) -> impl Iterator<Item = usize> + '_ {
        self.terms.iter().filter(|t| t.1 < 0).map(|t| t.0)
    }
}

#[derive(Clone, Debug)]
pub struct Quantity {
    pub id: String,
    pub name: Text,
}

/// How points are computed from a rate: the arithmetic the portal uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arithmetic {
    /// Exact: fractions of integers, rounded once.
    Exact,
    /// IEEE-754 double precision, as the portal's code computes some groups:
    /// every step in binary64, each rounding on the double's exact value
    /// (0,305 is stored as 0,30499… and rounds half up to 0,30).
    Binary64,
}

impl Arithmetic {
    pub const NAMES: [&'static str; 2] = ["exact", "binary64"];

    fn from_name(name: &str) -> Option<Arithmetic> {
        match name {
            "exact" => Some(Arithmetic::Exact),
            "binary64" => Some(Arithmetic::Binary64),
            _ => None,
        }
    }
}

/// A named rounding rule (`[[rounding_rules]]`): how a rate becomes points.
/// A group uses one for its indicators' points (`points_rule`) or to
/// recompute its score (`score_rule`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoundingRule {
    pub id: String,
    pub arithmetic: Arithmetic,
    /// The rate is first rounded to this many decimals of a percent.
    pub rate_decimals: Option<u32>,
    /// How the rate is rounded (with `rate_decimals`).
    pub rate: RoundMode,
    /// How the points are rounded to cents.
    pub points: RoundMode,
    pub confidence: Confidence,
    pub source: String,
}

#[derive(Clone, Debug)]
pub struct Group {
    pub id: String,
    pub aliases: Vec<String>,
    pub name: Text,
    pub max: Cents,
    pub confidence: Confidence,
    pub source: String,
    /// The rule its indicators' points follow (index into
    /// [`Methodology::rounding_rules`]); the profile's `[rounding]` when none.
    pub points_rule: Option<usize>,
    /// The rule the group's score recomputes its indicators with, when the
    /// score is not the sum of their shown points.
    pub score_rule: Option<usize>,
    /// Indices into [`Methodology::indicators`], in display order.
    pub indicators: Vec<usize>,
}

impl Group {
    /// Whether `code` names this group (its id or an older alias, e.g. CLGQ).
    pub fn answers_to(&self, code: &str) -> bool {
        self.id.eq_ignore_ascii_case(code) || self.aliases.iter().any(|a| a.eq_ignore_ascii_case(code))
    }
}

/// The inputs an indicator is computed from (absent for display-only ones).
#[derive(Clone, Debug)]
pub struct Formula {
    pub numerator: Expr,
    pub denominator: Expr,
    /// The rate is multiplied by this other indicator's rate (3.3 × 1.4).
    pub times_rate_of: Option<usize>,
    pub empty_denominator: EmptyRule,
}

#[derive(Clone, Debug)]
pub struct Indicator {
    pub id: String,
    pub code: String,
    pub group: usize,
    pub name: Text,
    pub description: Text,
    pub max: Cents,
    /// The rate at which the indicator earns full marks (100% when none).
    pub target: Option<Frac>,
    /// The target in basis points of one (5 000 = 50%), for display.
    pub target_bp: Option<u32>,
    /// `None` for display-only indicators (2.2, 5.1).
    pub formula: Option<Formula>,
    pub confidence: Confidence,
    pub source: String,
}

impl Indicator {
    pub fn is_display_only(&self) -> bool {
        self.formula.is_none()
    }
    pub fn target_or_one(&self) -> Frac {
        self.target.unwrap_or(Frac::ONE)
    }
}

#[derive(Clone, Debug)]
pub struct Band {
    pub id: String,
    pub name: Text,
    /// Lowest total of the band (inclusive), in cents.
    pub min: Cents,
    pub color: String,
    pub confidence: Confidence,
    pub source: String,
}

/// The checked method the engine computes with.
#[derive(Clone, Debug)]
pub struct Methodology {
    pub id: String,
    pub version: String,
    pub name: Text,
    pub description: Text,
    pub source: String,
    /// How an indicator's shown points are rounded.
    pub points_rounding: RoundMode,
    /// The arithmetic they are computed in (`[rounding].arithmetic`).
    pub points_arithmetic: Arithmetic,
    pub rounding_confidence: Confidence,
    pub rounding_source: String,
    /// Named rules groups refer to.
    pub rounding_rules: Vec<RoundingRule>,
    pub ranking_source: String,
    /// Highest band first.
    pub bands: Vec<Band>,
    pub quantities: Vec<Quantity>,
    pub groups: Vec<Group>,
    pub indicators: Vec<Indicator>,
    /// The total every group's maximum adds up to (100 points).
    pub max_total: Cents,
}

impl Methodology {
    pub fn quantity_index(&self, id: &str) -> Option<usize> {
        self.quantities.iter().position(|q| q.id == id)
    }
    pub fn indicator_index(&self, id: &str) -> Option<usize> {
        self.indicators.iter().position(|i| i.id == id)
    }
    pub fn group_index(&self, code: &str) -> Option<usize> {
        self.groups.iter().position(|g| g.answers_to(code))
    }
    /// The band a total falls in.
    pub fn band_of(&self, total: Cents) -> usize {
        self.bands.iter().position(|b| total >= b.min).unwrap_or(self.bands.len() - 1)
    }
    /// Quantities the scored indicators of a group read.
    pub fn group_quantities(&self, group: usize) -> BTreeSet<usize> {
        let mut out = BTreeSet::new();
        for &i in &self.groups[group].indicators {
            if let Some(f) = &self.indicators[i].formula {
                out.extend(f.numerator.quantities());
                out.extend(f.denominator.quantities());
            }
        }
        out
    }
    /// Whether any part of the method is an estimate.
    pub fn has_estimates(&self) -> bool {
        self.indicators.iter().any(|i| i.confidence.is_estimate())
            || self.groups.iter().any(|g| g.confidence.is_estimate())
            || self.bands.iter().any(|b| b.confidence.is_estimate())
    }
}

/// Why a methodology file was refused: one sentence naming the place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MethodError(pub String);

impl fmt::Display for MethodError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for MethodError {}

fn err<T>(message: impl Into<String>) -> Result<T, MethodError> {
    Err(MethodError(message.into()))
}
