//! Batch scoring: every unit of a reference table under one methodology,
//! with computed and published totals side by side and ranks by computed
//! total within each kind (agencies among agencies, communes among
//! communes, as the portal ranks them). Used by the `score` command and the
//! app's batch table; work can be split into chunks.

use std::ops::Range;

use super::method::{Cents, Methodology};
use super::reference::{Layout, Table, Unit};
use super::score::evaluate;

/// One unit, scored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scored {
    /// Index into the table's units.
    pub index: usize,
    /// Group scores (computed, or the published score where the inputs are
    /// missing); `None` where neither is known.
    pub groups: Vec<Option<Cents>>,
    /// `None` when a group is unknown or an input is not valid.
    pub total: Option<Cents>,
    pub band: Option<usize>,
    pub published: Option<Cents>,
    /// Rank among the units of its kind by computed total (set by [`rank`]).
    pub rank: Option<usize>,
}

impl Scored {
    /// Computed minus published total, when both are known.
    pub fn difference(&self) -> Option<Cents> {
        Some(self.total? - self.published?)
    }
}

/// Scores one unit.
pub fn score_unit(method: &Methodology, index: usize, unit: &Unit) -> Scored {
    score_in(method, &Layout::of(method), index, unit)
}

/// Scores one unit with the method's layout worked out beforehand.
fn score_in(method: &Methodology, layout: &Layout, index: usize, unit: &Unit) -> Scored {
    let ev = evaluate(method, &unit.inputs_in(method, layout));
    Scored {
        index,
        groups: ev.groups.iter().map(|g| g.score).collect(),
        total: ev.total,
        band: ev.band,
        published: unit.published.total,
        rank: None,
    }
}

/// Scores the units in `range` (a chunk of the table).
pub fn score_range(method: &Methodology, table: &Table, range: Range<usize>) -> Vec<Scored> {
    let end = range.end.min(table.units.len());
    let layout = Layout::of(method);
    (range.start.min(end)..end).map(|i| score_in(method, &layout, i, &table.units[i])).collect()
}

/// Ranks scored units by computed total within their kind (1, 2, 2, 4).
pub fn rank(scored: &mut [Scored], table: &Table) {
    let entries: Vec<(&str, Option<Cents>)> = scored
        .iter()
        .map(|s| match table.units.get(s.index) {
            Some(u) => (u.kind.as_str(), s.total),
            None => ("", None),
        })
        .collect();
    let ranks = super::rank::ranks_by_kind(&entries);
    for (s, r) in scored.iter_mut().zip(ranks) {
        s.rank = r;
    }
}

/// Scores and ranks a whole table.
pub fn score_table(method: &Methodology, table: &Table) -> Vec<Scored> {
    let mut scored = score_range(method, table, 0..table.units.len());
    rank(&mut scored, table);
    scored
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{profiles, reference};

    #[test]
    fn the_shipped_table_scores_as_published() {
        let m = profiles::default_profile();
        let t = reference::read_csv(reference::PROVINCES_2026_CSV.as_bytes()).unwrap();
        let scored = score_table(m, &t);
        assert_eq!(scored.len(), 34);
        assert!(scored.iter().all(|s| s.difference() == Some(0)));
        assert_eq!(scored[0].rank, Some(1));
        assert_eq!(scored[33].rank, Some(34));
        // Chunks give the same result.
        let mut chunked: Vec<Scored> = (0..34).step_by(5).flat_map(|i| score_range(m, &t, i..i + 5)).collect();
        rank(&mut chunked, &t);
        assert_eq!(chunked, scored);
    }

    #[test]
    fn kinds_rank_apart() {
        let m = profiles::default_profile();
        let csv = "code,kind,total,g_CKMB,g_TDGQ,g_ONLINE,g_TTTT,g_MDHL,g_MDSH\nA1,AGENCY,0,10,10,10,10,10,10\nA2,AGENCY,0,10,10,10,10,10,12\nC1,COMMUNE,0,1,1,1,1,1,1\nC2,COMMUNE,0,10,10,10,10,10,10\n";
        let t = reference::read_csv(csv.as_bytes()).unwrap();
        let ranks: Vec<Option<usize>> = score_table(m, &t).iter().map(|s| s.rank).collect();
        assert_eq!(ranks, [Some(2), Some(1), Some(2), Some(1)]);
    }
}
