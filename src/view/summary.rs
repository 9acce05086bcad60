//! The summary's lines in words: the rank, the change against the
//! baseline, what the next place takes, what needs fixing. One function for
//! the app's summary and for the quick start ([`crate::quick`]), which
//! answers edits in the prerendered page before the app has loaded.

use super::SummaryView;
use crate::engine::Lang;
use crate::text::{fill, t};

#[derive(Clone, Debug, PartialEq)]
pub struct SummaryLines {
    /// "Hạng 23/34" or "—".
    pub rank: String,
    /// "+3,42 điểm, ↑2 hạng so với số liệu gốc", when there is a baseline.
    pub delta: Option<String>,
    /// "Cần thêm 0,05 điểm để lên hạng", or that the unit is first.
    pub next: Option<String>,
    /// "2 ô cần sửa", or that no total can be computed yet.
    pub issues: Option<String>,
}

/// A change of rank in words: "↑2 hạng", "↓1 place", "giữ hạng"
/// (`places` up, a positive number, or down).
pub fn rank_change(places: i64, lang: Lang) -> String {
    let s = t(lang);
    let unit = |n: i64| if n == 1 { s.rank_one } else { s.ranks_up };
    match places {
        0 => s.ranks_same.to_string(),
        r if r > 0 => format!("↑{r} {}", unit(r)),
        r => format!("↓{} {}", -r, unit(-r)),
    }
}

pub fn summary_lines(v: &SummaryView, lang: Lang) -> SummaryLines {
    let s = t(lang);
    let rank = v.rank.map(|(p, of)| format!("{} {p}/{of}", s.rank_prefix)).unwrap_or_else(|| "—".into());
    let delta = match (&v.delta_points, v.delta_ranks) {
        (Some(points), Some(ranks)) => {
            let ranks = rank_change(ranks, lang);
            Some(format!("{points} {}, {ranks} {}", s.points, s.vs_baseline))
        }
        _ => None,
    };
    let next = match &v.to_next_rank {
        Some(gap) => Some(fill(s.to_next_rank, &[("points", gap)])),
        None => v.first_place.then(|| s.first_place.to_string()),
    };
    let issues = match v.issues {
        0 => (v.total == "—").then(|| s.incomplete.to_string()),
        1 => Some(s.fix_count_one.to_string()),
        n => Some(fill(s.fix_count_many, &[("n", &n.to_string())])),
    };
    SummaryLines { rank, delta, next, issues }
}
