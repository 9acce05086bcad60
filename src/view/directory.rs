//! What a data directory adds to the page: the unit's history drawn from
//! its scope's series, and its change since the previous date.

use crate::directory::{period_name, series::show_date};
use crate::engine::format;
use crate::session::Session;
use crate::text::{fill, t};

use super::{history_of, HistoryView};

/// A unit's figures from the directory's series.
#[derive(Clone, Debug, PartialEq)]
pub struct SeriesView {
    /// "Theo số liệu Cổng (năm 2026)": one period, never mixed.
    pub title: String,
    pub history: HistoryView,
    /// "+0,42 điểm, ↑2 hạng so với 09/10/2026".
    pub since: Option<String>,
}

/// The series of the unit of a directory table, when it has been read.
pub fn series_view(session: &Session) -> Option<SeriesView> {
    let dir = session.tables.directory.as_ref()?;
    let entry = dir.entry_for(&session.table)?;
    let series = dir.series.get(&dir.series_of(entry)?.file)?;
    let code = session.unit.as_deref()?;
    let name = session.unit().map(|u| u.name).unwrap_or_default();
    let lang = session.lang;
    let s = t(lang);
    let history = series.history(code, &name, lang);
    let (now, before) = series.around(code, &entry.date);
    let since = match (now, before) {
        (Some(n), Some(b)) => match (n.total, b.total) {
            (Some(a), Some(z)) => {
                let ranks = match (n.rank, b.rank) {
                    (Some((r1, _)), Some((r0, _))) => super::summary::rank_change(r0 as i64 - r1 as i64, lang),
                    _ => s.ranks_same.to_string(),
                };
                Some(fill(
                    s.dir_since,
                    &[
                        ("points", &format::signed_cents(a - z, lang)),
                        ("ranks", &ranks),
                        ("date", &show_date(&b.date, lang)),
                    ],
                ))
            }
            _ => None,
        },
        _ => None,
    };
    Some(SeriesView {
        title: fill(s.dir_history_title, &[("period", &period_name(&entry.period, lang))]),
        history: history_of(&history, session.method(), lang),
        since,
    })
}

/// A date of the directory for the reference table's scope and period.
#[derive(Clone, Debug, PartialEq)]
pub struct DateOption {
    /// The table's id in the directory's index.
    pub id: String,
    /// "10/10/2026".
    pub label: String,
    pub selected: bool,
}

/// The tables the reference table's scope has in the directory, to choose
/// from: its period's dates, newest first, then (when the scope has several
/// periods: year to date, a quarter, a month) the other periods' dates,
/// each labelled with its period, so that a choice never mixes periods.
/// None when the reference is not a directory table.
pub fn directory_dates(session: &Session) -> Vec<DateOption> {
    let Some(dir) = &session.tables.directory else { return Vec::new() };
    let Some(entry) = dir.entry_for(&session.table) else { return Vec::new() };
    let lang = session.lang;
    let mut periods: Vec<&str> = vec![entry.period.as_str()];
    for t in &dir.index.tables {
        if t.scope == entry.scope && t.province == entry.province && !periods.contains(&t.period.as_str()) {
            periods.push(&t.period);
        }
    }
    // The others coarse to fine: year to date, quarters, months.
    let rank = |p: &str| match p.split(':').next() {
        Some("year") => 0,
        Some("quarter") => 1,
        _ => 2,
    };
    let mut others = periods.split_off(1);
    crate::engine::sort::sort_by_key(&mut others, |p| (rank(p), p.to_string()));
    periods.extend(others);
    let several = periods.len() > 1;
    let mut out = Vec::new();
    for period in periods {
        let mut dates: Vec<DateOption> = dir
            .index
            .series_of(entry.scope, entry.province.as_deref(), period)
            .into_iter()
            .map(|t| DateOption {
                id: t.id.clone(),
                label: if several {
                    format!("{} · {}", show_date(&t.date, lang), period_name(period, lang))
                } else {
                    show_date(&t.date, lang)
                },
                selected: t.id == entry.id,
            })
            .collect();
        dates.reverse();
        out.extend(dates);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::directory::{Directory, Index, Series};
    use crate::engine::{reference, Lang};
    use crate::session::Action;

    const INDEX: &str = include_str!("../../tests/fixtures/directory/index.json");
    const UNITS: &str = include_str!("../../tests/fixtures/directory/units.json");
    const TABLE: &str = include_str!("../../tests/fixtures/directory/tables/2026-10-10/H44.communes.year-2026.csv");
    const SERIES: &str = include_str!("../../tests/fixtures/directory/series/H44.communes.year-2026.csv");

    fn with_directory() -> Session {
        let mut s = Session::default();
        s.apply(Action::SetDirectory {
            url: "https://host.vn/data/index.json".into(),
            index: Index::read(INDEX).unwrap(),
        });
        s.apply(Action::SetDirectoryUnits(Directory::read_units(UNITS).unwrap()));
        s
    }

    /// The session with the shipped data directory's index read.
    fn with_shipped() -> Session {
        const SHIPPED: &str = include_str!("../../data/directory/index.json");
        let mut s = Session::default();
        s.apply(Action::SetDirectory { url: "data/index.json".into(), index: Index::read(SHIPPED).unwrap() });
        s
    }

    /// Opens the directory's table `id` (its CSV `text`) on `unit`.
    fn open(s: &mut Session, id: &str, text: &str, unit: &str) {
        let name = crate::directory::table_names(s.tables.directory.as_ref().unwrap().table(id).unwrap());
        let table = reference::read_csv(text.as_bytes()).unwrap();
        s.apply(Action::OpenDirectoryTable {
            id: id.into(),
            name,
            table,
            source: text.into(),
            unit: Some(unit.into()),
        });
    }

    #[test]
    fn every_unit_of_the_directory_is_found_with_its_kind_and_province() {
        let s = with_directory();
        let options = crate::view::unit_options(&s);
        assert_eq!(options.len(), 34 + 6, "the table's provinces, then the directory's units");
        let o = options.iter().find(|o| o.code == "H44.100").unwrap();
        assert_eq!(o.label, "UBND Phường Việt Trì · xã, phường · UBND tỉnh Phú Thọ");
        assert!(o.folded.contains("viet tri") && o.folded.contains("phu tho"));
        assert_eq!(o.open.as_deref(), Some("2026-10-10/H44.communes.year-2026"), "the latest date");
        let dir = s.tables.directory.as_ref().unwrap();
        assert_eq!(dir.file_url("tables/x.csv"), "https://host.vn/data/tables/x.csv");
    }

    #[test]
    fn a_commune_ranks_among_its_communes_with_its_history() {
        let mut s = with_directory();
        open(&mut s, "2026-10-10/H44.communes.year-2026", TABLE, "H44.100");
        assert_eq!(s.unit.as_deref(), Some("H44.100"));
        assert_eq!(s.reference().name.vi, "Xã, phường của UBND tỉnh Phú Thọ · năm 2026 · 10/10/2026");
        let page = crate::quick::page_of(&s);
        assert_eq!(page.summary.total, "54,39", "the published total, reproduced from the counts");
        assert_eq!(page.summary.rank, Some((3, 3)));
        assert!(series_view(&s).is_none(), "the series is not read yet");
        s.apply(Action::AddSeries { file: "series/H44.communes.year-2026.csv".into(), series: Series::read(SERIES) });
        let v = series_view(&s).unwrap();
        assert_eq!(v.title, "Theo số liệu Cổng (năm 2026)");
        let periods: Vec<&str> = v.history.points.iter().map(|p| p.period.as_str()).collect();
        assert_eq!(periods, ["09/10/2026", "10/10/2026"]);
        assert_eq!(v.history.points[1].rank, "3/3");
        assert_eq!(v.since.as_deref(), Some("0,00 điểm, giữ hạng so với 09/10/2026"));
        let dates = directory_dates(&s);
        assert_eq!(
            dates.iter().map(|d| (d.label.as_str(), d.selected)).collect::<Vec<_>>(),
            [("10/10/2026", true), ("09/10/2026", false)]
        );
        s.apply(Action::SetLang(Lang::En));
        assert_eq!(series_view(&s).unwrap().since.as_deref(), Some("0.00 points, same rank since 2026-10-09"));
    }

    #[test]
    fn the_shipped_table_draws_a_province_from_the_shipped_directory() {
        // The shipped provinces table is the shipped directory's table of
        // 10/10/2026: a province's history and dates come from its series.
        const PROVINCES: &str = include_str!("../../data/directory/series/provinces.year-2026.csv");
        let mut s = with_shipped();
        s.apply(Action::ChooseUnit("H38".into()));
        assert!(series_view(&s).is_none(), "the series is not read yet");
        let dir = s.tables.directory.as_ref().unwrap();
        let entry = dir.entry_for(&s.table).expect("the shipped table is the directory's of its date");
        assert_eq!(entry.id, "2026-10-10/provinces.year-2026");
        let file = dir.series_of(entry).unwrap().file.clone();
        s.apply(Action::AddSeries { file, series: Series::read(PROVINCES) });
        let v = series_view(&s).unwrap();
        assert_eq!(v.history.points.len(), 15, "every date from 26/09 to 10/10/2026");
        assert_eq!(v.history.points[0].period, "26/09/2026");
        assert_eq!(v.history.points[14].rank, "23/34");
        assert!(v.since.as_deref().unwrap().ends_with("so với 09/10/2026"), "{:?}", v.since);
        assert_eq!(directory_dates(&s).len(), 15);
        assert!(directory_dates(&s)[0].selected);
    }

    #[test]
    fn a_scope_with_several_periods_offers_each_date_with_its_period() {
        // Phú Thọ's communes ship year to date, quarter 3 and August: one
        // choice each, labelled, the year first (it is the latest table).
        const YEAR: &str = include_str!("../../data/directory/tables/2026-09-26/H44.communes.year-2026.csv");
        let mut s = with_shipped();
        open(&mut s, "2026-09-26/H44.communes.year-2026", YEAR, "H44.100");
        let dates = directory_dates(&s);
        let labels: Vec<(&str, bool)> = dates.iter().map(|d| (d.label.as_str(), d.selected)).collect();
        assert_eq!(
            labels,
            [("26/09/2026 · năm 2026", true), ("26/09/2026 · quý 3/2026", false), ("26/09/2026 · tháng 8/2026", false)]
        );
        assert_eq!(dates[2].id, "2026-09-26/H44.communes.month-2026-08");
    }
}
