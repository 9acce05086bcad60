//! Targets: what it takes to reach a total, a band or a rank, and the
//! cheapest way there.
//!
//! **Levers.** What a unit can change is modelled the way the portal counts:
//! a lever is a count that only improves numerators (more dossiers with an
//! electronic result), a subtracted count that can shrink (fewer overdue
//! dossiers), or, for an indicator entered as a rate, the rate itself. A
//! lever belongs to the first indicator that uses it ("owner": overdue
//! dossiers belong to 2.1) and moves every indicator that uses it (2.1 and
//! 5.4), including through a rate factor (the sync count of 1.4 also moves
//! 3.3). Weights and locks are set per owner.
//!
//! **Cheapest plan.** Each indicator's points are `min(max, slope × rate)`,
//! concave and piecewise linear; the total is their sum. Minimising the cost
//! of the changes subject to "total ≥ target" is then a linear programme
//! (one variable per lever and per indicator, `points ≤ max` and
//! `points ≤ linear(rate)` rows), solved exactly by [`super::lp`]. Where the
//! levers are separable this is the same as a greedy on marginal points per
//! unit of cost; where they are coupled (one count feeding two indicators, or
//! two counts sharing one indicator's cap: overdue and disliked dossiers in
//! 5.4) the programme still finds the optimum, which a greedy need not. The
//! one non-linear coupling, 3.3's rate times 1.4's rate, is linearised at the
//! current point: that underestimates the gain of moving both, so the plan
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

/// An indicator's points as a linear function of the levers (before the cap).
#[derive(Clone, Debug)]
struct Linear {
    indicator: usize,
    /// Points at the current state, before the cap (may exceed `max`).
    intercept: f64,
    /// Points per unit of each lever (index into the levers).
    slopes: Vec<(usize, f64)>,
    max: f64,
}

/// The levers and the linear model of the current state.
struct Model {
    levers: Vec<Lever>,
    linear: Vec<Linear>,
}

fn count(inputs: &Inputs, q: usize) -> Option<u64> {
    inputs.counts.get(q).copied().flatten()
}

fn expr_value(terms: &[(usize, i8)], inputs: &Inputs) -> Option<i128> {
    terms.iter().try_fold(0i128, |acc, &(q, s)| Some(acc + s as i128 * count(inputs, q)? as i128))
}

/// Builds the levers and the linear model. Indicators of given groups, with
/// an empty denominator or not scored are fixed.
fn model(method: &Methodology, inputs: &Inputs, ev: &Evaluation, prefs: &Preferences) -> Model {
    let mut levers: Vec<Lever> = Vec::new();
    let find = |kind: LeverKind, owner: usize, current: f64, room: f64, upp: f64, levers: &mut Vec<Lever>| {
        if let Some(k) = levers.iter().position(|l| l.kind == kind) {
            let l = &mut levers[k];
            l.room = l.room.min(room);
            if !l.moves.contains(&owner) {
                l.moves.push(owner);
            }
            return k;
        }
        levers.push(Lever {
            kind,
            owner,
            moves: vec![owner],
            current,
            room,
            units_per_point: upp.max(1e-9),
            weight: prefs.weight(method, owner),
            locked: prefs.is_locked(method, owner),
        });
        levers.len() - 1
    };
    // Per indicator: (own rate, d own rate / d lever) for rates that feed factors.
    let order: Vec<usize> = method.groups.iter().flat_map(|g| g.indicators.iter().copied()).collect();
    let mut own: BTreeMap<usize, (f64, Vec<(usize, f64)>)> = BTreeMap::new();
    for &i in &order {
        let ind = &method.indicators[i];
        let Some(f) = &ind.formula else { continue };
        let Outcome::Scored(s) = ev.indicators[i] else { continue };
        if s.empty.is_some() {
            continue;
        }
        match inputs.rates.get(i).copied().unwrap_or_default() {
            RateInput::Rate(r) => {
                let pct = r.to_f64() * 100.0;
                let k = find(LeverKind::Rate(i), i, pct, 100.0 - pct, 1.0, &mut levers);
                own.insert(i, (r.to_f64(), vec![(k, 0.01)]));
            }
            RateInput::Invalid => {}
            RateInput::Counts => {
                let (Some(num), Some(den)) =
                    (expr_value(&f.numerator.terms, inputs), expr_value(&f.denominator.terms, inputs))
                else {
                    continue;
                };
                if den <= 0 {
                    continue;
                }
                let den_f = den as f64;
                let mut d = Vec::new();
                for &(q, sign) in &f.numerator.terms {
                    if f.denominator.quantities().any(|x| x == q) {
                        continue;
                    }
                    let current = count(inputs, q).unwrap_or(0) as f64;
                    let (kind, room) = if sign > 0 {
                        (LeverKind::Increase(q), (den - num).max(0) as f64)
                    } else {
                        (LeverKind::Decrease(q), current)
                    };
                    let k = find(kind, i, current, room, den_f / 100.0, &mut levers);
                    d.push((k, 1.0 / den_f));
                }
                own.insert(i, (num as f64 / den_f, d));
            }
        }
    }
    // Linear model: points = K × own × factor, linearised at the current state.
    let mut linear = Vec::new();
    for &i in &order {
        let ind = &method.indicators[i];
        let Some(f) = &ind.formula else { continue };
        let Some((r0, d_own)) = own.get(&i) else { continue };
        let k = ind.max as f64 / 100.0 / ind.target_or_one().to_f64();
        let (f0, d_factor) = match f.times_rate_of {
            Some(j) => match own.get(&j) {
                Some((rj, dj)) => (*rj, dj.clone()),
                // The factor's indicator is fixed (its group is given, say):
                // its rate as the engine used it.
                None => match ev.indicators[i] {
                    Outcome::Scored(s) => (s.factor.map(|(_, fr)| fr.to_f64()).unwrap_or(1.0), Vec::new()),
                    _ => continue,
                },
            },
            None => (1.0, Vec::new()),
        };
        let mut slopes: Vec<(usize, f64)> = Vec::new();
        for &(l, dr) in d_own {
            slopes.push((l, k * dr * f0));
        }
        for &(l, df) in &d_factor {
            match slopes.iter_mut().find(|(x, _)| *x == l) {
                Some(s) => s.1 += k * r0 * df,
                None => slopes.push((l, k * r0 * df)),
            }
            if let Some(lever) = levers.get_mut(l) {
                if !lever.moves.contains(&i) {
                    lever.moves.push(i);
                }
            }
        }
        linear.push(Linear { indicator: i, intercept: k * r0 * f0, slopes, max: ind.max as f64 / 100.0 });
    }
    Model { levers, linear }
}

/// A lever's effect at the current state, for the levers table.
#[derive(Clone, Debug, PartialEq)]
pub struct LeverInfo {
    pub lever: Lever,
    /// Points gained for +1 percentage point of the owner's rate.
    pub per_point: f64,
    /// Points gained for 100 more (or fewer) dossiers; `None` for rate levers.
    pub per_hundred: Option<f64>,
    /// Percentage points of the owner's rate left before its target caps it.
    pub headroom_points: f64,
    /// The same in the lever's units (counts).
    pub headroom_units: f64,
}

fn gain(m: &Model, lever: usize, units: f64) -> f64 {
    m.linear
        .iter()
        .map(|lin| {
            let s: f64 = lin.slopes.iter().filter(|(l, _)| *l == lever).map(|(_, s)| s).sum();
            let before = lin.intercept.min(lin.max);
            let after = (lin.intercept + s * units).min(lin.max);
            (after - before).max(0.0)
        })
        .sum()
}

/// Every lever, with its points per step and its headroom, best first.
pub fn levers(method: &Methodology, inputs: &Inputs, prefs: &Preferences) -> Vec<LeverInfo> {
    let inputs = &for_what_if(method, inputs);
    let ev = evaluate(method, inputs);
    let m = model(method, inputs, &ev, prefs);
    let mut out: Vec<LeverInfo> = m
        .levers
        .iter()
        .enumerate()
        .filter(|(_, l)| l.room > 0.0)
        .map(|(k, l)| {
            let owner_lin = m.linear.iter().find(|x| x.indicator == l.owner);
            let (headroom_points, headroom_units) = match owner_lin {
                Some(lin) => {
                    let s: f64 = lin.slopes.iter().filter(|(x, _)| *x == k).map(|(_, s)| s).sum();
                    let units = if s > 0.0 { ((lin.max - lin.intercept) / s).max(0.0).min(l.room) } else { 0.0 };
                    (units / l.units_per_point, units)
                }
                None => (0.0, 0.0),
            };
            LeverInfo {
                lever: l.clone(),
                per_point: gain(&m, k, l.units_per_point.min(l.room)),
                per_hundred: l.is_count().then(|| gain(&m, k, 100f64.min(l.room))),
                headroom_points,
                headroom_units,
            }
        })
        .collect();
    out.sort_by(|a, b| b.per_point.total_cmp(&a.per_point));
    out
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
    order.sort_by(|&a, &b| eff(b).total_cmp(&eff(a)));
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
    steps.sort_by_key(|s| std::cmp::Reverse(s.gain));
    let cost = steps.iter().map(|s| s.cost).sum();
    Plan { target, current, reachable, steps, inputs: planned, evaluation: result, cost }
}

/// What one lever alone would take to reach a goal, everything else fixed.
#[derive(Clone, Debug, PartialEq)]
pub struct Seek {
    pub lever: Lever,
    /// Whether this lever alone reaches the goal.
    pub reachable: bool,
    /// The lever's value needed (or, out of reach, its furthest value).
    pub to: f64,
    /// The owner's rate needed (or its furthest).
    pub rate_to: Frac,
    /// The total reached (the target, or the most this lever can give).
    pub total: Cents,
}

/// Goal seek: for each lever (locked ones left out), the change it would
/// need on its own to reach the goal, or the most it can give. Every answer
/// is checked with the exact engine.
pub fn seek(method: &Methodology, inputs: &Inputs, goal: &Goal, prefs: &Preferences) -> Result<Vec<Seek>, PlanError> {
    let inputs = &for_what_if(method, inputs);
    let ev = evaluate(method, inputs);
    let Some(current) = ev.total else { return Err(PlanError::InvalidInputs) };
    let target = goal.total(method).clamp(0, method.max_total);
    let m = model(method, inputs, &ev, prefs);
    let mut out = Vec::new();
    for (k, l) in m.levers.iter().enumerate() {
        if l.locked || l.room <= 0.0 {
            continue;
        }
        // The exact total never falls as a lever moves: bisect on whole
        // counts (or hundredths of a point) for the least amount that
        // reaches the target.
        let unit = if l.is_count() { 1.0 } else { 0.01 };
        let steps = (l.room / unit).floor() as u64;
        let reaches = |n: u64| {
            let mut a = vec![0.0; m.levers.len()];
            a[k] = n as f64 * unit;
            evaluate(method, &apply(inputs, &m.levers, &a)).total.unwrap_or(0) >= target
        };
        let amount = if current >= target {
            0.0
        } else if !reaches(steps) {
            steps as f64 * unit
        } else {
            let (mut lo, mut hi) = (0u64, steps);
            while hi - lo > 1 {
                let mid = lo + (hi - lo) / 2;
                if reaches(mid) {
                    hi = mid;
                } else {
                    lo = mid;
                }
            }
            hi as f64 * unit
        };
        let mut free = vec![false; m.levers.len()];
        free[k] = true;
        let mut amounts = vec![0.0; m.levers.len()];
        amounts[k] = amount;
        let p = finish(method, inputs, &ev, &m, &free, amounts, target);
        let (to, rate_to) = match p.steps.first() {
            Some(s) => (s.to, s.rate_to),
            None => (l.current, owner_rate(&ev, l.owner)),
        };
        out.push(Seek {
            lever: l.clone(),
            reachable: p.reachable,
            to,
            rate_to,
            total: p.evaluation.total.unwrap_or(current),
        });
    }
    Ok(out)
}
