//! A scope's series (`series/<scope id>.<period>.csv`): every unit's
//! published total and group scores at every date the directory holds. A
//! unit's history, with its rank among the scope's units at each date, and
//! its change since the previous date.

use std::collections::BTreeMap;

use crate::engine::{format, rank, Cents, Lang};
use crate::history::{History, HistoryRow};

/// One unit at one date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Point {
    /// `YYYY-MM-DD`.
    pub date: String,
    pub total: Option<Cents>,
    /// CKMB, TDGQ, ONLINE, TTTT, MDHL, MDSH.
    pub groups: [Option<Cents>; 6],
    /// Rank among the scope's units with a total that date, and how many.
    pub rank: Option<(usize, usize)>,
}

/// The series of one scope and period, by unit code.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Series {
    pub units: BTreeMap<String, Vec<Point>>,
}

pub const GROUPS: [&str; 6] = ["CKMB", "TDGQ", "ONLINE", "TTTT", "MDHL", "MDSH"];

fn cents(s: &str) -> Option<Cents> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    let (whole, dec) = s.split_once('.').unwrap_or((s, ""));
    let dec = format!("{dec:0<2}");
    Some(whole.parse::<Cents>().ok()? * 100 + dec.get(..2)?.parse::<Cents>().ok()?)
}

/// `DD/MM/YYYY` (vi) or `YYYY-MM-DD` (en) of a `YYYY-MM-DD` date.
pub fn show_date(date: &str, lang: Lang) -> String {
    match (lang, date.split('-').collect::<Vec<_>>().as_slice()) {
        (Lang::Vi, [y, m, d]) => format!("{d}/{m}/{y}"),
        _ => date.to_string(),
    }
}

impl Series {
    /// Reads a series file; rows it cannot read are skipped (a file the
    /// index vouches for has none).
    pub fn read(text: &str) -> Series {
        let mut lines = text.lines();
        let header: Vec<&str> = lines.next().unwrap_or("").split(',').collect();
        let at = |name: &str| header.iter().position(|h| h.trim() == name);
        let (Some(d), Some(c), Some(t)) = (at("date"), at("code"), at("total")) else { return Series::default() };
        let g: Vec<Option<usize>> = GROUPS.iter().map(|g| at(&format!("g_{g}"))).collect();
        let mut by_date: BTreeMap<String, Vec<(String, Point)>> = BTreeMap::new();
        for line in lines {
            let cells: Vec<&str> = line.split(',').collect();
            let cell = |i: Option<usize>| i.and_then(|i| cells.get(i)).copied().unwrap_or("");
            let (date, code) = (cell(Some(d)).trim(), cell(Some(c)).trim());
            if date.is_empty() || code.is_empty() {
                continue;
            }
            let mut groups = [None; 6];
            for (k, gi) in g.iter().enumerate() {
                groups[k] = cents(cell(*gi));
            }
            by_date.entry(date.to_string()).or_default().push((
                code.to_string(),
                Point { date: date.to_string(), total: cents(cell(Some(t))), groups, rank: None },
            ));
        }
        let mut series = Series::default();
        for (_, points) in by_date {
            let entries: Vec<(&str, Option<Cents>)> = points.iter().map(|(_, p)| ("unit", p.total)).collect();
            let ranks = rank::ranks_by_kind(&entries);
            let of = points.iter().filter(|(_, p)| p.total.is_some()).count();
            for ((code, mut p), r) in points.into_iter().zip(ranks) {
                p.rank = r.map(|r| (r, of));
                series.units.entry(code).or_default().push(p);
            }
        }
        series
    }

    /// A unit's points, oldest first.
    pub fn of(&self, code: &str) -> &[Point] {
        self.units.get(code).map(Vec::as_slice).unwrap_or(&[])
    }

    /// A unit's history as the history section shows it (one row a date).
    pub fn history(&self, code: &str, name: &str, lang: Lang) -> History {
        let rows = self
            .of(code)
            .iter()
            .filter(|p| p.total.is_some())
            .map(|p| HistoryRow {
                period: show_date(&p.date, lang),
                total: p.total.map(|t| format::cents(t, lang)).unwrap_or_default(),
                rank: p.rank.map(|r| r.0.to_string()).unwrap_or_default(),
                of: p.rank.map(|r| r.1.to_string()).unwrap_or_default(),
                groups: if p.groups.iter().all(Option::is_some) {
                    GROUPS
                        .iter()
                        .zip(p.groups)
                        .map(|(g, v)| (g.to_string(), format::cents(v.unwrap_or(0), lang)))
                        .collect()
                } else {
                    BTreeMap::new()
                },
            })
            .collect();
        History { unit: name.to_string(), rows }
    }

    /// The point of `date` and the one before it, for "since the previous date".
    pub fn around(&self, code: &str, date: &str) -> (Option<&Point>, Option<&Point>) {
        let points = self.of(code);
        match points.iter().position(|p| p.date == date) {
            Some(i) => (points.get(i), i.checked_sub(1).and_then(|j| points.get(j))),
            None => (None, None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "date,code,total,g_CKMB,g_TDGQ,g_ONLINE,g_TTTT,g_MDHL,g_MDSH
2026-10-09,A,60.1,10,10,10,10,10,10.1
2026-10-09,B,61,10,10,10,10,10,11
2026-10-10,A,62.5,10,10,10,10,10,12.5
2026-10-10,B,61,10,10,10,10,10,11
2026-10-10,C,,,,,,,
";

    #[test]
    fn a_unit_s_points_carry_its_rank_at_each_date() {
        let s = Series::read(TEXT);
        let a = s.of("A");
        assert_eq!(a.len(), 2);
        assert_eq!(a[0].total, Some(6010));
        assert_eq!(a[0].rank, Some((2, 2)));
        assert_eq!(a[1].rank, Some((1, 2)), "C has no total: not ranked, not counted");
        assert_eq!(a[1].groups[5], Some(1250));
        let h = s.history("A", "Xã A", Lang::Vi);
        assert_eq!(h.rows.len(), 2);
        assert_eq!(
            (h.rows[1].period.as_str(), h.rows[1].total.as_str(), h.rows[1].rank.as_str()),
            ("10/10/2026", "62,50", "1")
        );
        assert_eq!(h.rows[1].groups["MDSH"], "12,50");
        let (now, before) = s.around("A", "2026-10-10");
        assert_eq!((now.unwrap().total, before.unwrap().total), (Some(6250), Some(6010)));
    }
}
