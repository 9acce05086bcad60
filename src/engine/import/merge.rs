//! Several imported files as one table: units matched by code, each file
//! filling what the earlier ones lack (a detail capture with the payment and
//! online-services trees of the same date, say). Where two files disagree
//! on a value, the earlier file's is kept and the difference listed.

use super::{Issue, Preview, RowProblem};
use crate::engine::format;
use crate::engine::reference::keyed::{Keyed, Slot};
use crate::engine::reference::Unit;

/// Fills `into` from `from`, noting each value they disagree on.
fn fill<V: Slot, const N: usize>(
    into: &mut Keyed<V, N>,
    from: &Keyed<V, N>,
    code: &str,
    show: &dyn Fn(V) -> String,
    problems: &mut Vec<RowProblem>,
) {
    for (key, value) in from.iter() {
        match into.get(key) {
            None => into.insert(key, value),
            Some(kept) if kept != value => problems.push(RowProblem {
                row: 0,
                column: Some(key.to_string()),
                issue: Issue::Conflict { code: code.to_string(), kept: show(kept), other: show(value) },
            }),
            Some(_) => {}
        }
    }
}

fn merge_unit(into: &mut Unit, from: &Unit, problems: &mut Vec<RowProblem>) {
    if into.name.is_empty() || into.name == into.code {
        into.name = from.name.clone();
    }
    if into.kind.is_empty() {
        into.kind = from.kind.clone();
    }
    let code = into.code.clone();
    fill(&mut into.counts, &from.counts, &code, &|v| v.to_string(), problems);
    let cents = |v: i64| format::plain_cents(v);
    fill(&mut into.rates, &from.rates, &code, &cents, problems);
    fill(&mut into.published.groups, &from.published.groups, &code, &cents, problems);
    fill(&mut into.published.indicators, &from.published.indicators, &code, &cents, problems);
    if into.published.total.is_none() {
        into.published.total = from.published.total;
    }
}

/// The files' tables as one, in the order given: units in the order they
/// first appear; the first file's shape, the others' in `merged`; every
/// file's problems, then the disagreements.
pub fn merge(previews: Vec<Preview>) -> Option<Preview> {
    let mut previews = previews.into_iter();
    let mut out = previews.next()?;
    let mut conflicts = Vec::new();
    for p in previews {
        out.merged.push(p.shape);
        out.merged.extend(p.merged);
        out.problems.extend(p.problems);
        out.skipped += p.skipped;
        out.ignored_columns.extend(p.ignored_columns);
        for unit in p.table.units {
            match out.table.units.iter_mut().find(|u| u.code == unit.code) {
                Some(existing) => merge_unit(existing, &unit, &mut conflicts),
                None => out.table.units.push(unit),
            }
        }
    }
    out.problems.extend(conflicts);
    Some(out)
}
