//! Scoring: inputs in, every indicator's points, the group scores, the total
//! and the band out.

use super::exact::Frac;
use super::inputs::{Draft, Field, FieldIssue, InputError, Inputs, RateInput};
use super::method::{Cents, EmptyRule, Methodology};
use super::number::NumberError;
use super::rounding;

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
    /// Without inputs, it is part of its group's remainder (the group's
    /// published or typed score less the points of the indicators computed).
    Remainder,
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

/// The part of a group's known score (published, or typed as the unit's
/// current score) that its computed indicators do not explain: the points
/// of the indicators without inputs, together.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Remainder {
    /// The known score less the computed indicators' points. Outside
    /// `0..=max` the inputs disagree with the known score.
    pub cents: Cents,
    /// The indicators it stands for (none when every input is known).
    pub indicators: Vec<usize>,
    /// Their maxima, added up.
    pub max: Cents,
}

impl Remainder {
    /// Whether the remainder is a score its indicators could have.
    pub fn plausible(&self) -> bool {
        (0..=self.max).contains(&self.cents)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GroupResult {
    /// `None` when an indicator of the group is invalid.
    pub score: Option<Cents>,
    pub given: bool,
    /// The sum of the indicators' shown points (equal to `score` unless the
    /// group recomputes from rounded rates, is given or has a remainder).
    pub indicator_sum: Option<Cents>,
    /// Set when the score is split: a known score and the indicators
    /// computed, or a scenario carrying its baseline's remainder.
    pub remainder: Option<Remainder>,
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

/// Whether indicator `i` has inputs: a typed rate, or every count it reads.
pub fn has_inputs(method: &Methodology, inputs: &Inputs, i: usize) -> bool {
    match inputs.rates.get(i).copied().unwrap_or_default() {
        RateInput::Rate(_) => true,
        RateInput::Invalid => false,
        RateInput::Counts => method.indicators[i].formula.as_ref().is_some_and(|f| {
            f.numerator
                .quantities()
                .chain(f.denominator.quantities())
                .all(|q| inputs.counts.get(q).copied().flatten().is_some())
        }),
    }
}

/// Indicator `i` scored from its rate (before any factor) and its factor.
fn score_indicator(
    method: &Methodology,
    group: usize,
    i: usize,
    rate: Option<Frac>,
    factor: Option<Frac>,
    from_rate: bool,
) -> Scored {
    let ind = &method.indicators[i];
    let group = &method.groups[group];
    let Some(own) = rate else {
        let empty = ind.formula.as_ref().map_or(EmptyRule::Zero, |f| f.empty_denominator);
        let pts = match empty {
            EmptyRule::Zero => 0,
            EmptyRule::Full => ind.max,
        };
        return Scored {
            rate: if pts > 0 { Frac::ONE } else { Frac::ZERO },
            factor: None,
            from_rate: false,
            empty: Some(empty),
            raw: pts as f64 / 100.0,
            points: pts,
            group_points: pts,
            capped: false,
        };
    };
    let rate = match factor {
        Some(fr) => own.times(fr),
        None => own,
    };
    let target = ind.target_or_one();
    let (points, capped, raw) = match group.points_rule {
        Some(r) => rounding::points(&method.rounding_rules[r], ind.max, rate, target),
        None => rounding::default_points(method, ind.max, rate, target),
    };
    let group_points = match group.score_rule {
        Some(r) => rounding::points(&method.rounding_rules[r], ind.max, rate, target).0,
        None => points,
    };
    Scored {
        rate,
        factor: factor.map(|f| (own, f)),
        from_rate,
        empty: None,
        raw,
        points,
        group_points,
        capped: capped && ind.target.is_some(),
    }
}

/// Scores one unit.
///
/// A group is, in this order: given as a whole (`inputs.given`); split by
/// the remainder its baseline carries (`inputs.carried`: the indicators of
/// the remainder are not computed, the others are); split from its known
/// score (`inputs.anchors`: the indicators with inputs are computed, the
/// others are the remainder, and the group keeps the known score); or
/// computed from every indicator.
pub fn evaluate(method: &Methodology, inputs: &Inputs) -> Evaluation {
    let n = method.indicators.len();
    let mut issues: Vec<FieldIssue> = Vec::new();
    let mut outcomes = vec![Outcome::Invalid; n];
    let mut groups = Vec::with_capacity(method.groups.len());
    let note = |issues: &mut Vec<FieldIssue>, issue: FieldIssue| {
        if !issues.contains(&issue) {
            issues.push(issue);
        }
    };

    for (gi, group) in method.groups.iter().enumerate() {
        let given = inputs.given.get(gi).copied().flatten();
        let carried = inputs.carried.get(gi).cloned().flatten();
        let anchor = if carried.is_some() { None } else { inputs.anchors.get(gi).copied().flatten() };
        let mut all_valid = true;
        let mut score: Cents = 0;
        let mut shown: Cents = 0;
        let mut rest: Vec<usize> = Vec::new();
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
            if let Some(c) = &carried {
                if c.indicators.contains(&i) {
                    outcomes[i] = Outcome::Remainder;
                    // A new value without the current one changes nothing:
                    // say so rather than show "no change".
                    if has_inputs(method, inputs, i) {
                        note(&mut issues, FieldIssue { field: Field::Indicator(i), error: InputError::NeedsCurrent });
                    }
                    continue;
                }
            }
            if anchor.is_some() && !has_inputs(method, inputs, i) {
                outcomes[i] = Outcome::Remainder;
                rest.push(i);
                continue;
            }
            let factor = match formula.times_rate_of {
                None => Ok(None),
                Some(j) => match own_rate(method, inputs, j) {
                    Ok(r) => Ok(Some(r.unwrap_or(Frac::ZERO))),
                    Err(_) => Err(vec![FieldIssue {
                        field: Field::Indicator(i),
                        error: InputError::NeedsRateOf { indicator: j },
                    }]),
                },
            };
            let rate = own_rate(method, inputs, i);
            let (rate, factor) = match (rate, factor) {
                (Ok(r), Ok(f)) => (r, f),
                (r, f) => {
                    for issue in r.err().into_iter().chain(f.err()).flatten() {
                        note(&mut issues, issue);
                    }
                    if anchor.is_some() {
                        // The known score stands: the indicator stays in the remainder.
                        outcomes[i] = Outcome::Remainder;
                        rest.push(i);
                    } else {
                        all_valid = false;
                    }
                    continue;
                }
            };
            let from_rate = inputs.rates.get(i).is_some_and(|r| r.rate().is_some());
            let scored = score_indicator(method, gi, i, rate, factor, from_rate);
            score += scored.group_points;
            shown += scored.points;
            outcomes[i] = Outcome::Scored(scored);
        }
        groups.push(match (given, carried, anchor) {
            (Some(g), _, _) => GroupResult { score: Some(g), given: true, indicator_sum: None, remainder: None },
            // A remainder the inputs disagree with (and say so) cannot take
            // the group beyond what it can score.
            (None, Some(c), _) if all_valid => GroupResult {
                score: Some((c.cents + score).clamp(0, group.max)),
                given: false,
                indicator_sum: Some(shown),
                remainder: Some(c),
            },
            (None, None, Some(a)) => {
                let max = rest.iter().map(|&i| method.indicators[i].max).sum();
                GroupResult {
                    score: Some(a),
                    given: false,
                    indicator_sum: Some(shown),
                    remainder: Some(Remainder { cents: a - score, indicators: rest, max }),
                }
            }
            (None, _, _) if all_valid => {
                GroupResult { score: Some(score), given: false, indicator_sum: Some(shown), remainder: None }
            }
            _ => GroupResult { score: None, given: false, indicator_sum: None, remainder: None },
        });
    }
    let total = groups.iter().map(|g| g.score).sum::<Option<Cents>>();
    Evaluation { indicators: outcomes, groups, total, band: total.map(|t| method.band_of(t)), issues }
}

/// The same inputs ready for a what-if: each group split from its known
/// score carries its remainder instead, so that a changed input moves the
/// total by its difference (the known score alone would keep the total).
pub fn for_what_if(method: &Methodology, inputs: &Inputs) -> Inputs {
    if inputs.anchors.iter().all(Option::is_none) {
        return inputs.clone();
    }
    let ev = evaluate(method, inputs);
    let mut out = inputs.clone();
    for (g, group) in ev.groups.iter().enumerate() {
        if out.carried.get(g).is_some_and(Option::is_none) {
            out.carried[g] = group.remainder.clone();
        }
    }
    out.anchors = vec![None; out.anchors.len()];
    out
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
    assess_against(method, draft, None)
}

/// Parses a scenario's draft and scores it against its baseline: a group the
/// baseline splits (a known score with indicators without inputs) carries
/// the baseline's remainder, so a new value moves the total by its
/// difference from the current one.
pub fn assess_against(method: &Methodology, draft: &Draft, baseline: Option<&Evaluation>) -> Assessment {
    let (mut inputs, mut issues) = draft.parse(method);
    if let Some(b) = baseline {
        inputs.carried = b.groups.iter().map(|g| g.remainder.clone()).collect();
    }
    let evaluation = evaluate(method, &inputs);
    for issue in &evaluation.issues {
        if !issues.iter().any(|i| i.field == issue.field) {
            issues.push(*issue);
        }
    }
    Assessment { inputs, evaluation, issues }
}
