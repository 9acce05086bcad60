//! Goal seek: what each lever alone would take.

use super::model::model;
use super::{apply, finish, owner_rate, Goal, Lever, PlanError, Preferences};
use crate::engine::exact::Frac;
use crate::engine::inputs::Inputs;
use crate::engine::method::{Cents, Methodology};
use crate::engine::score::{evaluate, for_what_if};

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
