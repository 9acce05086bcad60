//! The baseline and the scenarios side by side, and the results as CSV.

use super::spreadsheet_csv;
use crate::engine::{format, Assessment, Cents, RankTable};
use crate::session::Session;

/// The results of one column of the comparison (the baseline or a scenario).
#[derive(Clone, Debug, PartialEq)]
pub struct ColumnResult {
    pub name: String,
    pub baseline: bool,
    pub selected: bool,
    /// Index into the session's scenarios (`None` for the baseline).
    pub scenario: Option<usize>,
    pub groups: Vec<Option<Cents>>,
    pub total: Option<Cents>,
    pub band: Option<usize>,
    pub rank: Option<(usize, usize)>,
    pub indicators: Vec<Option<Cents>>,
}

/// The baseline (when there is a unit) and every scenario, scored.
pub fn columns(session: &Session) -> Vec<ColumnResult> {
    let baseline = super::assess_baseline(session).map(|(_, a)| a);
    let current = session.current().map(|c| super::assess_scenario(session, &c.draft, baseline.as_ref()));
    columns_from(session, current.as_ref(), baseline.as_ref(), &session.rank_table())
}

/// [`columns`] with what the page has already computed: the selected
/// scenario's and the baseline's assessments and the rank table. Only the
/// other scenarios are scored here, so a keystroke scores nothing twice.
pub fn columns_from(
    session: &Session,
    current: Option<&Assessment>,
    baseline: Option<&Assessment>,
    ranks: &RankTable,
) -> Vec<ColumnResult> {
    let lang = session.lang;
    let t = crate::text::t(lang);
    let column = |name: String, a: &Assessment, baseline: bool, scenario: Option<usize>| {
        let ev = &a.evaluation;
        ColumnResult {
            name,
            baseline,
            selected: scenario == Some(session.selected),
            scenario,
            groups: ev.groups.iter().map(|g| g.score).collect(),
            total: ev.total,
            band: ev.band,
            rank: ev.total.map(|t| {
                let r = ranks.rank(t);
                (r.position, r.of)
            }),
            indicators: ev.indicators.iter().map(|o| o.points()).collect(),
        }
    };
    let mut out = Vec::new();
    if let Some(base) = baseline {
        out.push(column(t.view_published.to_string(), base, true, None));
    }
    for (i, s) in session.scenarios.iter().enumerate() {
        let name = session.display_name(i);
        match current {
            Some(a) if i == session.selected => out.push(column(name, a, false, Some(i))),
            _ => out.push(column(name, &super::assess_scenario(session, &s.draft, baseline), false, Some(i))),
        }
    }
    out
}

/// A cell of the comparison: the value, and its change against the baseline.
#[derive(Clone, Debug, PartialEq)]
pub struct CompareCell {
    pub text: String,
    /// "+2,41" / "↑3" (None for the baseline or when unchanged or unknown).
    pub delta: Option<String>,
    /// Better (true) or worse (false) than the baseline.
    pub better: Option<bool>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CompareRow {
    pub label: String,
    /// The total, band and rank rows stand out.
    pub key: bool,
    pub cells: Vec<CompareCell>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ComparisonView {
    /// (name, is baseline, is selected, scenario index)
    pub columns: Vec<(String, bool, bool, Option<usize>)>,
    pub rows: Vec<CompareRow>,
}

/// The scenarios side by side, differences from the baseline marked.
pub fn comparison(session: &Session, cols: &[ColumnResult]) -> ComparisonView {
    let method = session.method();
    let lang = session.lang;
    let t = crate::text::t(lang);
    let base = cols.iter().find(|c| c.baseline);
    let cents_row = |label: String, key: bool, get: &dyn Fn(&ColumnResult) -> Option<Cents>| CompareRow {
        label,
        key,
        cells: cols
            .iter()
            .map(|c| {
                let v = get(c);
                let b = base.and_then(get);
                let (delta, better) = match (v, b, c.baseline) {
                    (Some(v), Some(b), false) if v != b => (Some(format::signed_cents(v - b, lang)), Some(v > b)),
                    _ => (None, None),
                };
                CompareCell { text: v.map(|v| format::cents(v, lang)).unwrap_or_else(|| "—".into()), delta, better }
            })
            .collect(),
    };
    let mut rows: Vec<CompareRow> = method
        .groups
        .iter()
        .enumerate()
        .map(|(g, group)| {
            cents_row(format!("{} {}", group.id, group.name.get(lang)), false, &|c: &ColumnResult| c.groups[g])
        })
        .collect();
    rows.push(cents_row(t.view_total.into(), true, &|c: &ColumnResult| c.total));
    rows.push(CompareRow {
        label: t.view_band.into(),
        key: true,
        cells: cols
            .iter()
            .map(|c| {
                let better = match (c.band, base.and_then(|b| b.band), c.baseline) {
                    // Bands are listed highest first.
                    (Some(x), Some(y), false) if x != y => Some(x < y),
                    _ => None,
                };
                CompareCell {
                    text: c.band.map(|b| method.bands[b].name.get(lang).to_string()).unwrap_or_else(|| "—".into()),
                    delta: None,
                    better,
                }
            })
            .collect(),
    });
    rows.push(CompareRow {
        label: t.view_rank.into(),
        key: true,
        cells: cols
            .iter()
            .map(|c| {
                let (delta, better) = match (c.rank, base.and_then(|b| b.rank), c.baseline) {
                    (Some((r, _)), Some((b, _)), false) if r != b => {
                        (Some(if r < b { format!("↑{}", b - r) } else { format!("↓{}", r - b) }), Some(r < b))
                    }
                    _ => (None, None),
                };
                CompareCell {
                    text: c.rank.map(|(r, of)| format!("{r}/{of}")).unwrap_or_else(|| "—".into()),
                    delta,
                    better,
                }
            })
            .collect(),
    });
    ComparisonView {
        columns: cols.iter().map(|c| (c.name.clone(), c.baseline, c.selected, c.scenario)).collect(),
        rows,
    }
}

/// The comparison and every indicator's points as CSV for a spreadsheet in
/// the user's language (see [`spreadsheet_csv`]).
pub fn results_csv(session: &Session, cols: &[ColumnResult]) -> String {
    let method = session.method();
    let lang = session.lang;
    let t = crate::text::t(lang);
    let num = |v: Option<Cents>| v.map(|c| format::sheet_cents(c, lang)).unwrap_or_default();
    let mut rows = Vec::new();
    let mut header = vec![t.view_item.to_string()];
    header.extend(cols.iter().map(|c| c.name.clone()));
    rows.push(header);
    for (g, group) in method.groups.iter().enumerate() {
        let mut row = vec![format!("{} {}", group.id, group.name.get(lang))];
        row.extend(cols.iter().map(|c| num(c.groups[g])));
        rows.push(row);
    }
    let mut total = vec![t.view_total.to_string()];
    total.extend(cols.iter().map(|c| num(c.total)));
    rows.push(total);
    let mut band = vec![t.view_band.to_string()];
    band.extend(cols.iter().map(|c| c.band.map(|b| method.bands[b].name.get(lang).to_string()).unwrap_or_default()));
    rows.push(band);
    let mut rank = vec![t.view_rank.to_string()];
    rank.extend(cols.iter().map(|c| c.rank.map(|(r, of)| format!("{r}/{of}")).unwrap_or_default()));
    rows.push(rank);
    for (i, ind) in method.indicators.iter().enumerate() {
        if ind.is_display_only() {
            continue;
        }
        let mut row = vec![format!("{} {}", ind.id, ind.name.get(lang))];
        row.extend(cols.iter().map(|c| num(c.indicators[i])));
        rows.push(row);
    }
    spreadsheet_csv(rows, lang)
}

#[cfg(test)]
mod comparison_tests {
    use super::*;
    use crate::session::Action;

    #[test]
    fn scenarios_side_by_side() {
        let mut s = Session::default();
        s.apply(Action::ChooseUnit("H38".into()));
        s.apply(Action::SetCount { quantity: "dossiers_overdue".into(), text: "0".into() });
        s.apply(Action::NewScenario);
        s.apply(Action::SetCount { quantity: "petitions_overdue".into(), text: "0".into() });
        let cols = columns(&s);
        assert_eq!(cols.len(), 3);
        assert!(cols[0].baseline && cols[2].selected);
        let v = comparison(&s, &cols);
        assert_eq!(v.columns[0].0, "Số liệu gốc");
        let total = v.rows.iter().find(|r| r.label == "Tổng điểm").unwrap();
        assert_eq!(total.cells[0].text, "61,72");
        assert!(total.cells[1].delta.as_deref().unwrap().starts_with('+'));
        assert_eq!(total.cells[1].better, Some(true));
        let rank = v.rows.iter().find(|r| r.label == "Thứ hạng").unwrap();
        assert_eq!(rank.cells[0].text, "23/34");
        assert!(rank.cells[2].delta.as_deref().unwrap().starts_with('↑'));
        let csv = results_csv(&s, &cols);
        // Vietnamese: ";" between fields, decimal commas (as Excel reads
        // them under Vietnamese settings).
        assert!(csv.starts_with("\u{feff}Mục;Số liệu gốc;Kịch bản 1;Kịch bản 2\r\n"));
        assert!(csv.contains("\r\nTổng điểm;61,72;"));
        assert!(csv.contains("\r\nThứ hạng;23/34;"));
        assert!(csv.contains("\r\n2.1 Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn;18,54;20,00;18,54\r\n"), "{csv}");
        // English: commas and dots.
        s.apply(Action::SetLang(crate::engine::Lang::En));
        let csv = results_csv(&s, &columns(&s));
        assert!(csv.contains("\r\nTotal,61.72,63.18,67.96\r\n"), "{csv}");
    }
}
