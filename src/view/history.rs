//! A unit's scores over periods: the rows as typed with their problems, the
//! checked points and the chart.

use std::collections::BTreeMap;

use crate::engine::format;
use crate::session::Session;

/// One history row, with the problems of its cells.
#[derive(Clone, Debug, PartialEq)]
pub struct HistoryRowView {
    pub row: crate::history::HistoryRow,
    /// Column → message.
    pub errors: BTreeMap<String, String>,
}

/// A checked period for the accessible table beside the chart.
#[derive(Clone, Debug, PartialEq)]
pub struct HistoryPointView {
    pub period: String,
    pub total: String,
    pub rank: String,
    pub band: String,
    /// "Tổng các nhóm 82,10 ≠ 82,88".
    pub warning: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct HistoryView {
    pub unit: String,
    pub group_ids: Vec<String>,
    pub rows: Vec<HistoryRowView>,
    pub points: Vec<HistoryPointView>,
    pub chart: Option<crate::history::Chart>,
}

pub fn history(session: &Session) -> HistoryView {
    history_of(&session.history, session.method(), session.lang)
}

/// The view of any history (the one typed, or one a directory's series
/// draws).
pub fn history_of(
    history: &crate::history::History,
    method: &crate::engine::Methodology,
    lang: crate::engine::Lang,
) -> HistoryView {
    let (points, issues) = history.check(method);
    let rows = history
        .rows
        .iter()
        .enumerate()
        .map(|(n, r)| HistoryRowView {
            row: r.clone(),
            errors: crate::engine::sort::map(
                issues.iter().filter(|i| i.row == n + 1).map(|i| (i.column.clone(), i.message(method, lang))),
            ),
        })
        .collect();
    HistoryView {
        unit: history.unit.clone(),
        group_ids: method.groups.iter().map(|g| g.id.clone()).collect(),
        rows,
        points: points
            .iter()
            .map(|p| HistoryPointView {
                period: p.period.clone(),
                total: format::cents(p.total, lang),
                rank: p
                    .rank
                    .map(|(r, of)| if of > 0 { format!("{r}/{of}") } else { r.to_string() })
                    .unwrap_or_default(),
                band: method.bands[method.band_of(p.total)].name.get(lang).to_string(),
                warning: p.inconsistent.map(|sum| {
                    crate::text::fill(
                        crate::text::t(lang).view_groups_add_up,
                        &[("sum", &format::cents(sum, lang)), ("total", &format::cents(p.total, lang))],
                    )
                }),
            })
            .collect(),
        chart: (!points.is_empty()).then(|| crate::history::chart(&points, method, lang)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::Action;

    #[test]
    fn the_history_view_flags_and_charts() {
        let mut s = Session::default();
        s.apply(Action::ReplaceHistory(crate::history::History::example(s.method())));
        s.apply(Action::AddHistoryRow);
        s.apply(Action::SetHistoryCell { row: 7, column: crate::session::HistoryColumn::Total, text: "abc".into() });
        let h = history(&s);
        assert_eq!(h.points.len(), 7);
        assert_eq!(h.points[0].rank, "31/63");
        assert_eq!(h.points[6].warning.as_deref(), Some("Tổng các nhóm 82,10 ≠ 82,88"));
        assert_eq!(h.rows[7].errors.get("period").map(String::as_str), Some("Chưa nhập giá trị"));
        assert!(h.chart.is_some());
    }
}
