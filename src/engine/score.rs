//! Scoring: inputs in, every indicator's points, the group scores, the total
//! and the band out.

use super::exact::{self, Frac};
use super::inputs::{Draft, Field, FieldIssue, InputError, Inputs, RateInput};
use super::method::{Cents, EmptyRule, Methodology};
use super::number::NumberError;

/// How an indicator was scored.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scored {
    /// The rate the points come from (after any factor), as a fraction of one.
    pub rate: Frac,
    /// The rate before the factor, and the factor's rate (3.3 × 1.4).
    pub factor: Option<(Frac, Frac)>,
    /// Whether the rate came from a typed rate rather than counts.
    pub from_rate: bool,
    /// The denominator was zero and the empty-denominator rule applied.
    pub empty: Option<EmptyRule>,
    /// Unrounded points.
    pub raw: f64,
    /// Shown points, rounded.
    pub points: Cents,
    /// What the indicator adds to its group (differs from `points` only
    /// where the group recomputes from rounded rates).
    pub group_points: Cents,
    /// The target capped the points.
    pub capped: bool,
}

/// The result for one indicator.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Outcome {
    Scored(Scored),
    /// Not scored (2.2, 5.1).
    DisplayOnly,
    /// Its group's score is given, so it is not computed.
    Given,
    /// An input is missing or not valid: no points ("—").
    Invalid,
}

impl Outcome {
    pub fn points(&self) -> Option<Cents> {
        match self {
            Outcome::Scored(s) => Some(s.points),
            _ => None,
        }
    }
    pub fn scored(&self) -> Option<&Scored> {
        match self {
            Outcome::Scored(s) => Some(s),
            _ => None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GroupResult {
    /// `None` when an indicator of the group is invalid.
    pub score: Option<Cents>,
    pub given: bool,
    /// The sum of the indicators' shown points (equal to `score` unless the
    /// group recomputes from rounded rates, or is given).
    pub indicator_sum: Option<Cents>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Evaluation {
    pub indicators: Vec<Outcome>,
    pub groups: Vec<GroupResult>,
    /// `None` while any group cannot be computed.
    pub total: Option<Cents>,
    /// Index into the methodology's bands.
    pub band: Option<usize>,
    /// Problems found between fields (a numerator above its denominator…)
    /// and missing values.
    pub issues: Vec<FieldIssue>,
}

fn sum_expr(terms: &[(usize, i8)], counts: &[Option<u64>]) -> Option<i128> {
    let mut total: i128 = 0;
    for &(q, sign) in terms {
        total += sign as i128 * counts.get(q).copied().flatten()? as i128;
    }
    Some(total)
}

/// The rate of indicator `i` before any factor, from its typed rate or its
/// counts; `Err` with the issues when it cannot be computed, `Ok(None)` when
/// the denominator is zero.
fn own_rate(method: &Methodology, inputs: &Inputs, i: usize) -> Result<Option<Frac>, Vec<FieldIssue>> {
    match inputs.rates.get(i).copied().unwrap_or_default() {
        RateInput::Rate(r) => return Ok(Some(r)),
        // The typed rate's own issue says what is wrong.
        RateInput::Invalid => return Err(Vec::new()),
        RateInput::Counts => {}
    }
    let Some(f) = &method.indicators[i].formula else {
        return Ok(None);
    };
    let mut issues = Vec::new();
    for q in f.numerator.quantities().chain(f.denominator.quantities()) {
        if inputs.counts.get(q).copied().flatten().is_none()
            && !issues.iter().any(|x: &FieldIssue| x.field == Field::Count(q))
        {
            issues.push(FieldIssue { field: Field::Count(q), error: InputError::Number(NumberError::Empty) });
        }
    }
    if !issues.is_empty() {
        return Err(issues);
    }
    let num = sum_expr(&f.numerator.terms, &inputs.counts).unwrap_or(0);
    let den = sum_expr(&f.denominator.terms, &inputs.counts).unwrap_or(0);
    if num < 0 {
        let from = f.numerator.positive().next().unwrap_or(0);
        return Err(f
            .numerator
            .negative()
            .map(|q| FieldIssue { field: Field::Count(q), error: InputError::SubtractionExceeds { from } })
            .collect());
    }
    if num > den {
        let denominator = f.denominator.positive().next().unwrap_or(0);
        let dens: Vec<usize> = f.denominator.quantities().collect();
        return Err(f
            .numerator
            .positive()
            .filter(|q| !dens.contains(q))
            .map(|q| FieldIssue { field: Field::Count(q), error: InputError::AboveDenominator { denominator } })
            .collect());
    }
    if den == 0 {
        return Ok(None);
    }
    Ok(Some(Frac::new(num as u128, den as u128)))
}

/// Scores one unit.
pub fn evaluate(method: &Methodology, inputs: &Inputs) -> Evaluation {
    let n = method.indicators.len();
    let mut issues: Vec<FieldIssue> = Vec::new();
    let mut outcomes = vec![Outcome::Invalid; n];
    let mut groups = Vec::with_capacity(method.groups.len());

    for (gi, group) in method.groups.iter().enumerate() {
        let given = inputs.given.get(gi).copied().flatten();
        let mut all_valid = true;
        let mut score: Cents = 0;
        let mut shown: Cents = 0;
        for &i in &group.indicators {
            let ind = &method.indicators[i];
            let Some(formula) = &ind.formula else {
                outcomes[i] = Outcome::DisplayOnly;
                continue;
            };
            if given.is_some() {
                outcomes[i] = Outcome::Given;
                continue;
            }
            let rate = match own_rate(method, inputs, i) {
                Ok(r) => r,
                Err(found) => {
                    for issue in found {
                        if !issues.contains(&issue) {
                            issues.push(issue);
                        }
                    }
                    all_valid = false;
                    continue;
                }
            };
            let factor = match formula.times_rate_of {
                None => None,
                Some(j) => match own_rate(method, inputs, j) {
                    Ok(r) => Some(r.unwrap_or(Frac::ZERO)),
                    Err(_) => {
                        issues.push(FieldIssue {
                            field: Field::Indicator(i),
                            error: InputError::NeedsRateOf { indicator: j },
                        });
                        all_valid = false;
                        continue;
                    }
                },
            };
            let scored = match rate {
                None => {
                    let pts = match formula.empty_denominator {
                        EmptyRule::Zero => 0,
                        EmptyRule::Full => ind.max,
                    };
                    Scored {
                        rate: if pts > 0 { Frac::ONE } else { Frac::ZERO },
                        factor: None,
                        from_rate: false,
                        empty: Some(formula.empty_denominator),
                        raw: pts as f64 / 100.0,
                        points: pts,
                        group_points: pts,
                        capped: false,
                    }
                }
                Some(own) => {
                    let rate = match factor {
                        Some(fr) => own.times(fr),
                        None => own,
                    };
                    let target = ind.target_or_one();
                    let (points, capped, raw) = exact::points(ind.max, rate, target, method.points_rounding);
                    let group_points = match group.score_rule {
                        None => points,
                        Some(rule) => {
                            let rounded = rate.round_percent(rule.rate_decimals, rule.points);
                            exact::points(ind.max, rounded, target, rule.points).0
                        }
                    };
                    Scored {
                        rate,
                        factor: factor.map(|f| (own, f)),
                        from_rate: inputs.rates.get(i).is_some_and(|r| r.rate().is_some()),
                        empty: None,
                        raw,
                        points,
                        group_points,
                        capped: capped && ind.target.is_some(),
                    }
                }
            };
            score += scored.group_points;
            shown += scored.points;
            outcomes[i] = Outcome::Scored(scored);
        }
        groups.push(match given {
            Some(g) => GroupResult { score: Some(g), given: true, indicator_sum: None },
            None if all_valid => GroupResult { score: Some(score), given: false, indicator_sum: Some(shown) },
            None => GroupResult { score: None, given: false, indicator_sum: None },
        });
    }
    let total = groups.iter().map(|g| g.score).sum::<Option<Cents>>();
    Evaluation { indicators: outcomes, groups, total, band: total.map(|t| method.band_of(t)), issues }
}

/// The evaluation of a draft, with every problem of its fields.
#[derive(Clone, Debug, PartialEq)]
pub struct Assessment {
    /// The draft as numbers (what the planner starts from).
    pub inputs: Inputs,
    pub evaluation: Evaluation,
    /// Parse errors first, then problems between fields; one per field.
    pub issues: Vec<FieldIssue>,
}

impl Assessment {
    pub fn issue_for(&self, field: Field) -> Option<&FieldIssue> {
        self.issues.iter().find(|i| i.field == field)
    }
}

/// Parses a draft and scores it.
pub fn assess(method: &Methodology, draft: &Draft) -> Assessment {
    let (inputs, mut issues) = draft.parse(method);
    let evaluation = evaluate(method, &inputs);
    for issue in &evaluation.issues {
        if !issues.iter().any(|i| i.field == issue.field) {
            issues.push(*issue);
        }
    }
    Assessment { inputs, evaluation, issues }
}
