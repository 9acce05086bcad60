//! Hypothetical ranks against a reference table: competition ranking
//! (1, 2, 2, 4) on totals compared at 2 decimals (cents), highest first.

use super::method::Cents;

/// Each entry's competition rank (1, 2, 2, 4; highest total first) among
/// the entries of the same kind; `None` for an entry without a total.
pub fn ranks_by_kind(entries: &[(&str, Option<Cents>)]) -> Vec<Option<usize>> {
    let mut by_kind: std::collections::BTreeMap<&str, Vec<Cents>> = std::collections::BTreeMap::new();
    for &(kind, total) in entries {
        if let Some(t) = total {
            by_kind.entry(kind).or_default().push(t);
        }
    }
    let tables = super::sort::map(by_kind.into_iter().map(|(kind, totals)| (kind, RankTable::new(totals))));
    // Each table holds the entry itself too: the units strictly above it
    // are the same either way.
    entries.iter().map(|&(kind, total)| Some(tables.get(kind)?.rank(total?).position)).collect()
}

/// A rank and the number of units it is out of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rank {
    pub position: usize,
    pub of: usize,
}

/// The totals of the other units of a reference table, highest first.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RankTable {
    others: Vec<Cents>,
}

impl RankTable {
    /// The table of `totals` (the unit being ranked must not be among them:
    /// see [`RankTable::excluding`]).
    pub fn new(totals: impl IntoIterator<Item = Cents>) -> RankTable {
        let mut others: Vec<Cents> = totals.into_iter().collect();
        super::sort::sort_by(&mut others, |a, b| b.cmp(a));
        RankTable { others }
    }

    /// The table of `totals` without the entry at `index` (the unit itself).
    pub fn excluding(totals: &[Cents], index: Option<usize>) -> RankTable {
        RankTable::new(totals.iter().enumerate().filter(|(i, _)| Some(*i) != index).map(|(_, &t)| t))
    }

    pub fn len(&self) -> usize {
        self.others.len()
    }

    pub fn is_empty(&self) -> bool {
        self.others.is_empty()
    }

    /// Units strictly above `total`.
    fn above(&self, total: Cents) -> usize {
        self.others.partition_point(|&t| t > total)
    }

    /// Where `total` would rank among the others.
    pub fn rank(&self, total: Cents) -> Rank {
        Rank { position: self.above(total) + 1, of: self.others.len() + 1 }
    }

    /// Points to gain to move up at least one place (to tie the unit just
    /// above); `None` when already first.
    pub fn to_next_rank(&self, total: Cents) -> Option<Cents> {
        let above = self.above(total);
        if above == 0 {
            None
        } else {
            Some(self.others[above - 1] - total)
        }
    }

    /// The lowest total that ranks at `position` or better (1 = first).
    pub fn total_for_rank(&self, position: usize) -> Cents {
        if position == 0 {
            return self.others.first().copied().unwrap_or(0);
        }
        self.others.get(position - 1).copied().unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn competition_ranking() {
        let t = RankTable::new([9000, 8000, 8000, 7000]);
        assert_eq!(t.rank(9500), Rank { position: 1, of: 5 });
        assert_eq!(t.rank(9000), Rank { position: 1, of: 5 });
        assert_eq!(t.rank(8500), Rank { position: 2, of: 5 });
        assert_eq!(t.rank(8000), Rank { position: 2, of: 5 });
        assert_eq!(t.rank(7999), Rank { position: 4, of: 5 });
        assert_eq!(t.rank(0), Rank { position: 5, of: 5 });
    }

    #[test]
    fn next_rank_and_total_for_rank() {
        let t = RankTable::new([9000, 8000, 8000, 7000]);
        assert_eq!(t.to_next_rank(7500), Some(500));
        assert_eq!(t.to_next_rank(9000), None);
        assert_eq!(t.to_next_rank(8999), Some(1));
        assert_eq!(t.total_for_rank(1), 9000);
        assert_eq!(t.total_for_rank(2), 8000);
        assert_eq!(t.total_for_rank(3), 8000);
        assert_eq!(t.total_for_rank(4), 7000);
        assert_eq!(t.total_for_rank(5), 0);
        for k in 1..=5 {
            assert!(t.rank(t.total_for_rank(k)).position <= k);
        }
    }

    #[test]
    fn the_unit_itself_is_left_out() {
        let totals = [6880, 6748, 6718];
        let t = RankTable::excluding(&totals, Some(0));
        assert_eq!(t.rank(6880), Rank { position: 1, of: 3 });
        assert_eq!(t.rank(6700), Rank { position: 3, of: 3 });
    }

    #[test]
    fn ranks_within_each_kind_with_ties() {
        let entries = [
            ("PROVINCE", Some(7000)),
            ("COMMUNE", Some(5000)),
            ("PROVINCE", Some(8000)),
            ("PROVINCE", Some(7000)),
            ("COMMUNE", None),
            ("PROVINCE", Some(6000)),
        ];
        assert_eq!(ranks_by_kind(&entries), [Some(2), Some(1), Some(1), Some(2), None, Some(4)]);
    }
}
