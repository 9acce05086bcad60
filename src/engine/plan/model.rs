//! The levers of a state and the linear model of its points: what the
//! planner optimises over, and the levers table.

use std::collections::BTreeMap;

use super::{Lever, LeverKind, Preferences};
use crate::engine::inputs::{Inputs, RateInput};
use crate::engine::method::Methodology;
use crate::engine::score::{evaluate, for_what_if, Evaluation, Outcome};

/// An indicator's points as a linear function of the levers (before the cap).
#[derive(Clone, Debug)]
pub(super) struct Linear {
    pub(super) indicator: usize,
    /// Points at the current state, before the cap (may exceed `max`).
    pub(super) intercept: f64,
    /// Points per unit of each lever (index into the levers).
    pub(super) slopes: Vec<(usize, f64)>,
    pub(super) max: f64,
}

/// The levers and the linear model of the current state.
pub(super) struct Model {
    pub(super) levers: Vec<Lever>,
    pub(super) linear: Vec<Linear>,
}

fn count(inputs: &Inputs, q: usize) -> Option<u64> {
    inputs.counts.get(q).copied().flatten()
}

fn expr_value(terms: &[(usize, i8)], inputs: &Inputs) -> Option<i128> {
    terms.iter().try_fold(0i128, |acc, &(q, s)| Some(acc + s as i128 * count(inputs, q)? as i128))
}

/// Builds the levers and the linear model. Indicators of given groups, with
/// an empty denominator or not scored are fixed.
pub(super) fn model(method: &Methodology, inputs: &Inputs, ev: &Evaluation, prefs: &Preferences) -> Model {
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

pub(super) fn gain(m: &Model, lever: usize, units: f64) -> f64 {
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
    crate::engine::sort::sort_by(&mut out, |a, b| b.per_point.total_cmp(&a.per_point));
    out
}
