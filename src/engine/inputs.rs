//! What the engine computes from: numbers ([`Inputs`]), and the text a user
//! typed ([`Draft`]) together with the errors found in it.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::exact::{Frac, RoundMode};
use super::format;
use super::i18n::Lang;
use super::method::{Cents, Methodology};
use super::number::{self, NumberError, NumberKind};
use super::score::Remainder;
use crate::text::{self, fill};

/// The inputs of one unit, as numbers, indexed like the methodology.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Inputs {
    /// Per quantity; `None` when missing or not valid.
    pub counts: Vec<Option<u64>>,
    /// Per indicator: from its counts, or given as a rate (rate mode).
    pub rates: Vec<RateInput>,
    /// Per group: `Some` when the group's score is given (it replaces its
    /// indicators).
    pub given: Vec<Option<Cents>>,
    /// Per group: its known score (published, or typed as the unit's current
    /// score). The indicators without inputs are carried together as what
    /// this score leaves after the others ([`Remainder`]).
    pub anchors: Vec<Option<Cents>>,
    /// Per group: the remainder of the baseline, for a scenario scored
    /// against it (see [`crate::engine::score::assess_against`]).
    pub carried: Vec<Option<Remainder>>,
}

impl Inputs {
    pub fn empty(method: &Methodology) -> Inputs {
        Inputs {
            counts: vec![None; method.quantities.len()],
            rates: vec![RateInput::Counts; method.indicators.len()],
            given: vec![None; method.groups.len()],
            anchors: vec![None; method.groups.len()],
            carried: vec![None; method.groups.len()],
        }
    }
}

/// How an indicator's rate is given.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum RateInput {
    /// Computed from its counts.
    #[default]
    Counts,
    /// Given as a rate (rate mode).
    Rate(Frac),
    /// Rate mode, but the typed rate is not valid: no points.
    Invalid,
}

impl RateInput {
    pub fn rate(self) -> Option<Frac> {
        match self {
            RateInput::Rate(r) => Some(r),
            _ => None,
        }
    }
}

/// Where a value is entered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    /// A quantity (a count), by index.
    Count(usize),
    /// An indicator's rate in rate mode.
    Rate(usize),
    /// A group's given score.
    Given(usize),
    /// A group's known current score (for a unit not in the table).
    Score(usize),
    /// An indicator as a whole (a problem of no single field).
    Indicator(usize),
}

/// Why an input cannot be used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputError {
    Number(NumberError),
    /// A rate above 100%.
    RateAbove100,
    /// A given group score above the group's maximum.
    AboveMax {
        max: Cents,
    },
    /// A numerator count above its denominator (quantity index).
    AboveDenominator {
        denominator: usize,
    },
    /// The counts subtracted from `from` (quantity index) exceed it.
    SubtractionExceeds {
        from: usize,
    },
    /// The indicator multiplies by another indicator's rate, which is not
    /// available (indicator index).
    NeedsRateOf {
        indicator: usize,
    },
    /// A new value for an indicator whose current value is not known: it is
    /// part of its group's remainder, so the new value changes nothing until
    /// the current one is given.
    NeedsCurrent,
}

/// An input error, attached to the field it concerns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldIssue {
    pub field: Field,
    pub error: InputError,
}

impl FieldIssue {
    /// The message shown next to the field.
    pub fn message(&self, method: &Methodology, lang: Lang) -> String {
        let t = text::t(lang);
        let q = |i: usize| method.quantities[i].name.get(lang);
        match self.error {
            InputError::Number(e) => e.message(lang).to_string(),
            InputError::RateAbove100 => t.input_rate_above_100.to_string(),
            InputError::AboveMax { max } => fill(t.input_above_max, &[("max", &format::points_short(max, lang))]),
            InputError::AboveDenominator { denominator } => {
                fill(t.input_above_denominator, &[("quantity", q(denominator))])
            }
            InputError::SubtractionExceeds { from } => fill(t.input_subtraction_exceeds, &[("quantity", q(from))]),
            InputError::NeedsRateOf { indicator } => {
                fill(t.input_needs_rate_of, &[("indicator", &method.indicators[indicator].id)])
            }
            InputError::NeedsCurrent => t.input_needs_current.to_string(),
        }
    }

    /// The field's name, for messages that stand away from the field.
    pub fn field_name(&self, method: &Methodology, lang: Lang) -> String {
        let t = text::t(lang);
        match self.field {
            Field::Count(q) => method.quantities[q].name.get(lang).to_string(),
            Field::Rate(i) | Field::Indicator(i) => {
                let ind = &method.indicators[i];
                format!("{} {}", ind.id, ind.name.get(lang))
            }
            Field::Given(g) => fill(t.field_given_score, &[("group", method.groups[g].name.get(lang))]),
            Field::Score(g) => fill(t.field_current_score, &[("group", method.groups[g].name.get(lang))]),
        }
    }

    /// "Field: message", for a list of problems or the command line.
    pub fn describe(&self, method: &Methodology, lang: Lang) -> String {
        format!("{}: {}", self.field_name(method, lang), self.message(method, lang))
    }
}

/// What the user typed, kept as text so that nothing typed is ever lost.
/// Keys are the methodology's ids, so a draft survives a change of profile.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    /// Quantity id → text.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub counts: BTreeMap<String, String>,
    /// Indicator id → rate text (kept when the indicator is back in counts mode).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub rates: BTreeMap<String, String>,
    /// Indicators in rate mode.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub rate_mode: BTreeSet<String>,
    /// Group id → given score text.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub given: BTreeMap<String, String>,
    /// Groups whose score is given.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub given_mode: BTreeSet<String>,
    /// Group id → the group's known score (published, or typed as the
    /// unit's current score): a baseline's, not a scenario's. Indicators
    /// without inputs are the remainder of this score.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub scores: BTreeMap<String, String>,
}

/// Parses a rate typed in percent ("31,5", "31,5%"): at most 100%.
pub fn parse_rate(text: &str) -> Result<Frac, InputError> {
    let p = number::parse(text, NumberKind::Decimal).map_err(InputError::Number)?;
    if !p.value.at_most(100) {
        return Err(InputError::RateAbove100);
    }
    Ok(Frac::from_percent(p.value.mantissa, p.value.scale))
}

/// Parses a count ("405.424", "405424").
pub fn parse_count(text: &str) -> Result<u64, InputError> {
    number::parse(text, NumberKind::Count).map(|p| p.value.mantissa).map_err(InputError::Number)
}

/// Parses a given group score ("8,84"), rounded half to even to cents.
pub fn parse_score(text: &str, max: Cents) -> Result<Cents, InputError> {
    let p = number::parse(text, NumberKind::Decimal).map_err(InputError::Number)?;
    if p.percent {
        return Err(InputError::Number(NumberError::NotANumber));
    }
    let cents = Frac::new(p.value.mantissa as u128, 10u128.pow(p.value.scale)).scaled_round(2, RoundMode::HalfEven);
    if cents > max as u128 {
        return Err(InputError::AboveMax { max });
    }
    Ok(cents as Cents)
}

impl Draft {
    /// Turns the text into numbers, with an issue for each field that is not
    /// a valid value. Only the fields in use are read: the counts of groups
    /// in given mode and of indicators in rate mode are kept but not checked.
    pub fn parse(&self, method: &Methodology) -> (Inputs, Vec<FieldIssue>) {
        let mut inputs = Inputs::empty(method);
        let mut issues = Vec::new();
        let mut needed = vec![false; method.quantities.len()];
        for (gi, group) in method.groups.iter().enumerate() {
            if self.given_mode.contains(&group.id) {
                let text = self.given.get(&group.id).map(String::as_str).unwrap_or("");
                match parse_score(text, group.max) {
                    Ok(v) => inputs.given[gi] = Some(v),
                    Err(error) => issues.push(FieldIssue { field: Field::Given(gi), error }),
                }
            }
            if let Some(text) = self.scores.get(&group.id).filter(|t| !t.trim().is_empty()) {
                match parse_score(text, group.max) {
                    Ok(v) => inputs.anchors[gi] = Some(v),
                    Err(error) => issues.push(FieldIssue { field: Field::Score(gi), error }),
                }
            }
        }
        for (ii, ind) in method.indicators.iter().enumerate() {
            let Some(formula) = &ind.formula else { continue };
            let group_given = self.given_mode.contains(&method.groups[ind.group].id);
            if self.rate_mode.contains(&ind.id) {
                let text = self.rates.get(&ind.id).map(String::as_str).unwrap_or("");
                match parse_rate(text) {
                    Ok(r) => inputs.rates[ii] = RateInput::Rate(r),
                    Err(error) => {
                        inputs.rates[ii] = RateInput::Invalid;
                        if !group_given {
                            issues.push(FieldIssue { field: Field::Rate(ii), error });
                        }
                    }
                }
            } else if !group_given {
                for q in formula.numerator.quantities().chain(formula.denominator.quantities()) {
                    needed[q] = true;
                }
            }
        }
        for (qi, quantity) in method.quantities.iter().enumerate() {
            let text = self.counts.get(&quantity.id).map(String::as_str).unwrap_or("");
            match parse_count(text) {
                Ok(v) => inputs.counts[qi] = Some(v),
                // An empty count is reported by the scoring, where it is
                // missing (not where a remainder stands for it).
                Err(InputError::Number(NumberError::Empty)) => {}
                Err(error) if needed[qi] => issues.push(FieldIssue { field: Field::Count(qi), error }),
                Err(_) => {}
            }
        }
        (inputs, issues)
    }

    /// A draft holding `inputs` as text, in the way `lang` writes numbers.
    pub fn from_inputs(method: &Methodology, inputs: &Inputs, lang: Lang) -> Draft {
        let mut d = Draft::default();
        for (qi, q) in method.quantities.iter().enumerate() {
            if let Some(v) = inputs.counts.get(qi).copied().flatten() {
                d.counts.insert(q.id.clone(), v.to_string());
            }
        }
        for (ii, ind) in method.indicators.iter().enumerate() {
            if let Some(r) = inputs.rates.get(ii).and_then(|r| r.rate()) {
                d.rates.insert(ind.id.clone(), rate_text(r, lang));
                d.rate_mode.insert(ind.id.clone());
            }
        }
        for (gi, g) in method.groups.iter().enumerate() {
            if let Some(v) = inputs.given.get(gi).copied().flatten() {
                d.given.insert(g.id.clone(), format::cents(v, lang));
                d.given_mode.insert(g.id.clone());
            }
            if let Some(v) = inputs.anchors.get(gi).copied().flatten() {
                d.scores.insert(g.id.clone(), format::cents(v, lang));
            }
        }
        d
    }
}

/// A rate as text for a field: the percentage with up to 4 decimals, no sign.
pub fn rate_text(rate: Frac, lang: Lang) -> String {
    let v = rate.scaled_round(6, RoundMode::HalfEven);
    let s = format::scaled(v as i128, 4, lang);
    let dec = lang.pick(',', '.');
    s.trim_end_matches('0').trim_end_matches(dec).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::profiles;

    #[test]
    fn rates_scores_and_counts() {
        assert_eq!(parse_rate("50"), Ok(Frac::new(50, 100)));
        assert_eq!(parse_rate("31,5%"), Ok(Frac::new(315, 1000)));
        assert_eq!(parse_rate("100"), Ok(Frac::new(100, 100)));
        assert_eq!(parse_rate("100,01"), Err(InputError::RateAbove100));
        assert_eq!(parse_rate("abc"), Err(InputError::Number(NumberError::NotANumber)));
        assert_eq!(parse_rate(""), Err(InputError::Number(NumberError::Empty)));
        assert_eq!(parse_rate("-3"), Err(InputError::Number(NumberError::Negative)));
        assert_eq!(parse_score("8,84", 1200), Ok(884));
        assert_eq!(parse_score("8,845", 1200), Ok(884));
        assert_eq!(parse_score("8,855", 1200), Ok(886));
        assert_eq!(parse_score("12", 1200), Ok(1200));
        assert_eq!(parse_score("12,01", 1200), Err(InputError::AboveMax { max: 1200 }));
        assert_eq!(parse_score("8%", 1200), Err(InputError::Number(NumberError::NotANumber)));
        assert_eq!(parse_count("405.424"), Ok(405424));
        assert_eq!(parse_count("4,5"), Err(InputError::Number(NumberError::NotWhole)));
    }

    #[test]
    fn rate_text_round_trips() {
        assert_eq!(rate_text(Frac::new(1, 3), Lang::Vi), "33,3333");
        assert_eq!(rate_text(Frac::new(1, 2), Lang::En), "50");
        assert_eq!(parse_rate(&rate_text(Frac::new(283, 10_000), Lang::Vi)), Ok(Frac::new(283, 10_000)));
    }

    #[test]
    fn each_input_error_names_its_field() {
        let m = profiles::default_profile();
        let mut d = Draft::default();
        let online = m.quantity_index("dossiers_channel_online").unwrap();
        d.counts.insert("dossiers_channel_online".into(), "abc".into());
        d.rate_mode.insert("1.1".into());
        d.rates.insert("1.1".into(), "120".into());
        d.given_mode.insert("ONLINE".into());
        d.given.insert("ONLINE".into(), "13".into());
        let (_, issues) = d.parse(m);
        // ONLINE is given, so its counts are not read; its given score is.
        assert!(!issues.iter().any(|i| i.field == Field::Count(online)));
        let g = m.group_index("ONLINE").unwrap();
        let given = issues.iter().find(|i| i.field == Field::Given(g)).unwrap();
        assert_eq!(given.message(m, Lang::Vi), "Không được vượt quá điểm tối đa 12");
        assert_eq!(
            given.describe(m, Lang::En),
            "Online public services (given score): Cannot exceed the maximum of 12"
        );
        let rate = issues.iter().find(|i| i.field == Field::Rate(0)).unwrap();
        assert_eq!(rate.error, InputError::RateAbove100);
        assert_eq!(rate.message(m, Lang::En), "A rate cannot exceed 100%");
        // Empty counts of groups in use are reported as empty, by the
        // scoring (where no remainder stands for them).
        let issues = crate::engine::assess(m, &d).issues;
        let to_publish = m.quantity_index("procedures_to_publish").unwrap();
        let empty = issues.iter().find(|i| i.field == Field::Count(to_publish)).unwrap();
        assert_eq!(empty.error, InputError::Number(NumberError::Empty));
        assert_eq!(empty.describe(m, Lang::Vi), "TTHC phải cập nhật, công khai: Chưa nhập giá trị");
        // 1.1 is in rate mode: its counts are kept but not read.
        let announced = m.quantity_index("procedures_announced").unwrap();
        assert!(!issues.iter().any(|i| i.field == Field::Count(announced)));
    }
}
