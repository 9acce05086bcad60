//! Targets: what it takes to reach a total, a band or a rank, and the
//! cheapest way there.
//!
//! **Levers.** What a unit can change is modelled the way the portal counts:
//! a lever is a count that only improves numerators (more dossiers with an
//! electronic result), a subtracted count that can shrink (fewer overdue
//! dossiers), or, for an indicator entered as a rate, the rate itself. A
//! lever belongs to the first indicator that uses it ("owner": overdue
//! dossiers belong to 2.1) and moves every indicator that uses it (2.1 and
//! 5.4), including through a rate factor where a methodology states one
//! (the formula document's 3.3 × 1.4: the sync count then moves 3.3 too;
//! the portal's profile has none). Weights and locks are set per owner.
//!
//! **Cheapest plan.** Each indicator's points are `min(max, slope × rate)`,
//! concave and piecewise linear; the total is their sum. Minimising the cost
//! of the changes subject to "total ≥ target" is then a linear programme
//! (one variable per lever and per indicator, `points ≤ max` and
//! `points ≤ linear(rate)` rows), solved exactly by [`super::lp`]. Where the
//! levers are separable this is the same as a greedy on marginal points per
//! unit of cost; where they are coupled (one count feeding two indicators, or
//! two counts sharing one indicator's cap: overdue and disliked dossiers in
//! 5.4) the programme still finds the optimum, which a greedy need not. A
//! rate factor, the one non-linear coupling a methodology can state, is
//! linearised at the current point: that underestimates the gain of moving both, so the plan
//! errs on the safe side. The continuous plan is then rounded up to whole
//! dossiers, checked with the exact engine (rounding to cents included), and
//! topped up lever by lever if rounding left it a cent short.
//!
//! **Remainders.** A group split from its published score (indicators
//! without inputs, see [`super::score::Remainder`]) keeps its remainder
//! fixed: only the indicators computed are levers.

use std::collections::{BTreeMap, BTreeSet};

use super::exact::Frac;
use super::inputs::{Inputs, RateInput};
use super::lp::{self, Row};
use super::method::{Cents, Methodology};
use super::score::{evaluate, for_what_if, Evaluation, Outcome};

mod model;
mod seek;

use model::{gain, model, Model};
pub use model::{levers, LeverInfo};
pub use seek::{seek, Seek};

/// What to reach.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Goal {
    /// A total, in cents.
    Total(Cents),
    /// The lowest total of a band (index into the methodology's bands).
    Band(usize),
    /// A rank (1 = first) in a reference table, as the total it takes.
    Rank { position: usize, total: Cents },
}

impl Goal {
    pub fn total(&self, method: &Methodology) -> Cents {
        match self {
            Goal::Total(t) => *t,
            Goal::Band(b) => method.bands.get(*b).map(|b| b.min).unwrap_or(0),
            Goal::Rank { total, .. } => *total,
        }
    }
}

/// The user's costs: a weight per lever owner (indicator id; default 1) and
/// the owners that cannot change ("không thay đổi được").
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Preferences {
    pub weights: BTreeMap<String, f64>,
    pub locked: BTreeSet<String>,
}

impl Preferences {
    fn weight(&self, method: &Methodology, owner: usize) -> f64 {
        self.weights.get(&method.indicators[owner].id).copied().filter(|w| w.is_finite() && *w > 0.0).unwrap_or(1.0)
    }
    fn is_locked(&self, method: &Methodology, owner: usize) -> bool {
        self.locked.contains(&method.indicators[owner].id)
    }
}

/// What a lever changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LeverKind {
    /// A count that only adds to numerators (quantity index).
    Increase(usize),
    /// A subtracted count that can shrink (quantity index).
    Decrease(usize),
    /// The typed rate of an indicator in rate mode (indicator index).
    Rate(usize),
}

/// A lever in the current state.
#[derive(Clone, Debug, PartialEq)]
pub struct Lever {
    pub kind: LeverKind,
    /// The indicator it belongs to (weights and locks are set on it).
    pub owner: usize,
    /// Every indicator it moves.
    pub moves: Vec<usize>,
    /// The current count, or the current rate in percent.
    pub current: f64,
    /// How far it can move, in its units (counts or percentage points).
    pub room: f64,
    /// Units per percentage point of the owner's rate (its denominator ÷ 100;
    /// 1 for rate levers).
    pub units_per_point: f64,
    pub weight: f64,
    pub locked: bool,
}

impl Lever {
    pub fn is_count(&self) -> bool {
        !matches!(self.kind, LeverKind::Rate(_))
    }
}

/// One change of a plan.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    pub lever: Lever,
    /// The lever's value before and after (a count, or a rate in percent).
    pub from: f64,
    pub to: f64,
    /// The owner's rate before and after.
    pub rate_from: Frac,
    pub rate_to: Frac,
    /// What this step adds to the total (applied in the listed order).
    pub gain: Cents,
    pub cost: f64,
}

/// The cheapest plan found for a goal.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    /// The total aimed at, in cents.
    pub target: Cents,
    /// The current total.
    pub current: Cents,
    /// Whether the plan reaches the target (else it is the best reachable).
    pub reachable: bool,
    /// The steps, biggest gain first.
    pub steps: Vec<Step>,
    /// The inputs with the plan applied, and their exact result.
    pub inputs: Inputs,
    pub evaluation: Evaluation,
    pub cost: f64,
}

/// Why there is no plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlanError {
    /// The current inputs have errors: nothing to plan from.
    InvalidInputs,
}

/// Applies lever amounts (in units) to the inputs.
fn apply(inputs: &Inputs, levers: &[Lever], amounts: &[f64]) -> Inputs {
    let mut out = inputs.clone();
    for (l, &a) in levers.iter().zip(amounts) {
        if a <= 0.0 {
            continue;
        }
        match l.kind {
            LeverKind::Increase(q) => {
                if let Some(Some(c)) = out.counts.get_mut(q) {
                    *c += a.round() as u64;
                }
            }
            LeverKind::Decrease(q) => {
                if let Some(Some(c)) = out.counts.get_mut(q) {
                    *c = c.saturating_sub(a.round() as u64);
                }
            }
            LeverKind::Rate(i) => {
                // Rates move in hundredths of a percentage point.
                let bp = ((l.current + a) * 100.0).round().clamp(0.0, 10_000.0) as u128;
                if let Some(r) = out.rates.get_mut(i) {
                    *r = RateInput::Rate(Frac::new(bp, 10_000));
                }
            }
        }
    }
    out
}

/// Rounds a lever amount up to what can be entered (whole counts; rates in
/// hundredths of a point), within its room.
fn round_up(l: &Lever, a: f64) -> f64 {
    let a = a.max(0.0);
    let r = if l.is_count() { (a - 1e-7).ceil() } else { ((a - 1e-9) * 100.0).ceil() / 100.0 };
    r.clamp(0.0, l.room.max(0.0))
}

fn owner_rate(ev: &Evaluation, owner: usize) -> Frac {
    match ev.indicators.get(owner) {
        Some(Outcome::Scored(s)) => s.factor.map(|(own, _)| own).unwrap_or(s.rate),
        _ => Frac::ZERO,
    }
}

/// The cheapest set of changes that brings the total to `goal`.
pub fn plan(method: &Methodology, inputs: &Inputs, goal: &Goal, prefs: &Preferences) -> Result<Plan, PlanError> {
    let inputs = &for_what_if(method, inputs);
    let ev = evaluate(method, inputs);
    let Some(current) = ev.total else { return Err(PlanError::InvalidInputs) };
    let target = goal.total(method).clamp(0, method.max_total);
    let m = model(method, inputs, &ev, prefs);
    let n_l = m.levers.len();
    let free: Vec<bool> = m.levers.iter().map(|l| !l.locked && l.room > 0.0).collect();
    if current >= target {
        return Ok(Plan {
            target,
            current,
            reachable: true,
            steps: Vec::new(),
            inputs: inputs.clone(),
            evaluation: ev,
            cost: 0.0,
        });
    }

    // The linear programme, in percentage points of each lever's owner.
    let n_p = m.linear.len();
    let n = n_l + n_p;
    let mut cost = vec![0.0; n];
    for (k, l) in m.levers.iter().enumerate() {
        cost[k] = l.weight * if l.is_count() { l.units_per_point } else { 1.0 };
    }
    let mut rows = Vec::new();
    for (k, l) in m.levers.iter().enumerate() {
        let mut a = vec![0.0; n];
        a[k] = 1.0;
        rows.push(Row::at_most(a, if free[k] { l.room / l.units_per_point } else { 0.0 }));
    }
    let mut sum = vec![0.0; n];
    for (p, lin) in m.linear.iter().enumerate() {
        let mut a = vec![0.0; n];
        a[n_l + p] = 1.0;
        for &(l, s) in &lin.slopes {
            a[l] -= s * m.levers[l].units_per_point;
        }
        rows.push(Row::at_most(a, lin.intercept));
        let mut cap = vec![0.0; n];
        cap[n_l + p] = 1.0;
        rows.push(Row::at_most(cap, lin.max));
        sum[n_l + p] = 1.0;
    }
    // Points that no lever moves (given groups, fixed indicators).
    let modelled: f64 = m.linear.iter().map(|l| l.intercept.min(l.max)).sum();
    let fixed = current as f64 / 100.0 - modelled;
    rows.push(Row::at_least(sum, target as f64 / 100.0 - fixed));

    let amounts: Vec<f64> = match lp::minimise(&cost, &rows) {
        lp::Outcome::Optimal { y, .. } => {
            (0..n_l).map(|k| round_up(&m.levers[k], y[k] * m.levers[k].units_per_point)).collect()
        }
        // Out of reach: every free lever as far as it goes.
        _ => (0..n_l).map(|k| if free[k] { m.levers[k].room } else { 0.0 }).collect(),
    };
    Ok(finish(method, inputs, &ev, &m, &free, amounts, target))
}

/// From whole lever amounts to a checked plan: tops up with whole steps if
/// rounding left the exact total short, then lists the steps with their
/// exact gains.
fn finish(
    method: &Methodology,
    inputs: &Inputs,
    ev: &Evaluation,
    m: &Model,
    free: &[bool],
    mut amounts: Vec<f64>,
    target: Cents,
) -> Plan {
    let n_l = m.levers.len();
    let current = ev.total.unwrap_or(0);
    let mut result = evaluate(method, &apply(inputs, &m.levers, &amounts));
    for _ in 0..64 {
        let total = result.total.unwrap_or(0);
        if total >= target {
            break;
        }
        let short = (target - total) as f64 / 100.0;
        let mut best: Option<(f64, usize, f64, Evaluation)> = None;
        for k in 0..n_l {
            let left = m.levers[k].room - amounts[k];
            if !free[k] || left <= 0.0 {
                continue;
            }
            let slope = gain(m, k, m.levers[k].units_per_point) / m.levers[k].units_per_point;
            let want = if slope > 0.0 { short / slope } else { left };
            let unit = if m.levers[k].is_count() { 1.0 } else { 0.01 };
            let step = round_up(&m.levers[k], want.max(unit)).min(left);
            let mut trial = amounts.clone();
            trial[k] += step;
            let t_ev = evaluate(method, &apply(inputs, &m.levers, &trial));
            let g = t_ev.total.unwrap_or(0) - total;
            if g > 0 {
                let ratio = g as f64 / (step * m.levers[k].weight);
                if best.as_ref().is_none_or(|b| ratio > b.0) {
                    best = Some((ratio, k, step, t_ev));
                }
            }
        }
        let Some((_, k, step, t_ev)) = best else { break };
        amounts[k] += step;
        result = t_ev;
    }
    let planned = apply(inputs, &m.levers, &amounts);
    let reachable = result.total.is_some_and(|t| t >= target);

    // Steps, in order of gain per cost, each gain measured on the exact total.
    let mut order: Vec<usize> = (0..n_l).filter(|&k| amounts[k] > 0.0).collect();
    let eff = |k: usize| gain(m, k, amounts[k]) / (amounts[k] * m.levers[k].weight).max(1e-12);
    crate::engine::sort::sort_by(&mut order, |&a, &b| eff(b).total_cmp(&eff(a)));
    let mut steps = Vec::new();
    let mut partial = vec![0.0; n_l];
    let mut before_total = current;
    let mut before_ev = ev.clone();
    for k in order {
        partial[k] = amounts[k];
        let after_ev = evaluate(method, &apply(inputs, &m.levers, &partial));
        let after_total = after_ev.total.unwrap_or(before_total);
        let l = &m.levers[k];
        let sign = if matches!(l.kind, LeverKind::Decrease(_)) { -1.0 } else { 1.0 };
        steps.push(Step {
            lever: l.clone(),
            from: l.current,
            to: l.current + sign * amounts[k],
            rate_from: owner_rate(&before_ev, l.owner),
            rate_to: owner_rate(&after_ev, l.owner),
            gain: after_total - before_total,
            cost: amounts[k] * l.weight,
        });
        before_total = after_total;
        before_ev = after_ev;
    }
    crate::engine::sort::sort_by_key(&mut steps, |s| std::cmp::Reverse(s.gain));
    let cost = steps.iter().map(|s| s.cost).sum();
    Plan { target, current, reachable, steps, inputs: planned, evaluation: result, cost }
}
