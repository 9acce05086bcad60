//! A unit's scores over periods: entered by hand or imported from CSV
//! (`period,total` and optionally `rank`, `of` and the six group scores),
//! checked (the groups should add up to the total), and laid out as an SVG
//! line chart with the bands behind it. Pure: the app only draws it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::engine::inputs::{parse_count, parse_score, InputError};
use crate::engine::{format, Cents, FieldIssue, Lang, Methodology};
use crate::text::fill;

/// One period as typed: text, so that nothing typed is lost.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryRow {
    /// "2024-01", "Tháng 1/2024", "2024-Q1", "2024": shown as written.
    pub period: String,
    pub total: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub rank: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub of: String,
    /// Group id → score text.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub groups: BTreeMap<String, String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct History {
    /// Whose scores (free text: "UBND tỉnh Bắc Kạn").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub unit: String,
    #[serde(default)]
    pub rows: Vec<HistoryRow>,
}

/// The example shipped with the app: Bắc Kạn's monthly totals and ranks in
/// 2024 (63 provinces), from the province's report of July 2024, with July's
/// group scores as the press printed them (they add up to 82,10, not 82,88:
/// the consistency check flags it).
pub const BAC_KAN_2024_CSV: &str = include_str!("../data/history/bac-kan-2024.csv");

/// A period, checked.
#[derive(Clone, Debug, PartialEq)]
pub struct Point {
    pub period: String,
    pub total: Cents,
    pub rank: Option<(usize, usize)>,
    /// Group scores when all six were given.
    pub groups: Option<Vec<Cents>>,
    /// The groups add up to something else than the total (beyond rounding).
    pub inconsistent: Option<Cents>,
}

/// What is wrong with a cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowError {
    Input(InputError),
    /// A rank of 0, or above the number of units.
    RankOutOfRange,
}

/// A problem in a row: 1-based row, the column, the error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowIssue {
    pub row: usize,
    pub column: String,
    pub error: RowError,
}

impl RowIssue {
    pub fn message(&self, method: &Methodology, lang: Lang) -> String {
        match self.error {
            RowError::Input(e) => {
                FieldIssue { field: crate::engine::Field::Indicator(0), error: e }.message(method, lang)
            }
            RowError::RankOutOfRange => crate::text::t(lang).history_rank_range.into(),
        }
    }
}

/// Why a history file could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HistoryError {
    /// The CSV reader's own error (its English text), and the row.
    Csv {
        row: usize,
        detail: String,
    },
    NoPeriodColumn,
    NoTotalColumn,
    TooManyRows {
        row: usize,
    },
    NoRows,
    /// The first row with a problem.
    Row(RowIssue),
}

impl HistoryError {
    pub fn message(&self, method: &Methodology, lang: Lang) -> String {
        let t = crate::text::t(lang);
        match self {
            HistoryError::Csv { row, detail } => fill(t.history_csv, &[("row", &row.to_string()), ("detail", detail)]),
            HistoryError::NoPeriodColumn => t.history_no_period_column.into(),
            HistoryError::NoTotalColumn => t.history_no_total_column.into(),
            HistoryError::TooManyRows { row } => fill(t.history_too_many_rows, &[("row", &row.to_string())]),
            HistoryError::NoRows => t.history_no_rows.into(),
            HistoryError::Row(i) => fill(
                t.history_row_problem,
                &[("row", &(i.row + 1).to_string()), ("column", &i.column), ("message", &i.message(method, lang))],
            ),
        }
    }
}

/// How far the groups' sum may stray from the total: each of six scores
/// printed to one decimal is off by at most 0,05.
pub const SUM_TOLERANCE: Cents = 30;

/// Header names of the history's columns, folded (no diacritics, lower case).
const PERIOD: &[&str] = &["period", "ky", "thang", "month", "quy", "quarter", "nam", "year", "ky danh gia"];
const TOTAL: &[&str] = &["total", "tong diem", "tong", "diem", "score"];
const RANK: &[&str] = &["rank", "hang", "xep hang", "thu hang"];
const OF: &[&str] = &["of", "tren", "so don vi", "units"];

/// A workbook's sheet (rows of text) from its header on, as tab-separated
/// text for [`History::from_csv`]: the header is the first row naming two
/// of the history's columns, so title rows above it are passed over.
pub fn sheet_text(rows: &[Vec<String>]) -> Option<String> {
    let known = |c: &str| {
        let c = crate::engine::i18n::fold(c);
        [PERIOD, TOTAL, RANK, OF].iter().any(|names| names.contains(&c.as_str()))
    };
    crate::engine::import::sheet_text_with(rows, known)
}

impl History {
    /// The rows that are valid, and the problems of the others.
    pub fn check(&self, method: &Methodology) -> (Vec<Point>, Vec<RowIssue>) {
        let mut points = Vec::new();
        let mut issues = Vec::new();
        for (n, r) in self.rows.iter().enumerate() {
            let row = n + 1;
            let mut bad = |column: &str, error: RowError| {
                issues.push(RowIssue { row, column: column.to_string(), error });
            };
            if r.period.trim().is_empty() {
                bad("period", RowError::Input(InputError::Number(crate::engine::number::NumberError::Empty)));
                continue;
            }
            let total = match parse_score(&r.total, method.max_total) {
                Ok(t) => t,
                Err(e) => {
                    bad("total", RowError::Input(e));
                    continue;
                }
            };
            let rank = match (r.rank.trim().is_empty(), r.of.trim().is_empty()) {
                (true, _) => None,
                (false, of_empty) => match (parse_count(&r.rank), if of_empty { Ok(0) } else { parse_count(&r.of) }) {
                    (Ok(p), Ok(of)) if p >= 1 && (of == 0 || p <= of) => Some((p as usize, of as usize)),
                    (Err(e), _) => {
                        bad("rank", RowError::Input(e));
                        None
                    }
                    (_, Err(e)) => {
                        bad("of", RowError::Input(e));
                        None
                    }
                    _ => {
                        bad("rank", RowError::RankOutOfRange);
                        None
                    }
                },
            };
            let mut groups = Vec::new();
            let mut group_error = false;
            for g in &method.groups {
                match r.groups.iter().find(|(k, _)| g.answers_to(k)).map(|(_, v)| v) {
                    Some(text) if !text.trim().is_empty() => match parse_score(text, g.max) {
                        Ok(v) => groups.push(v),
                        Err(e) => {
                            bad(&g.id, RowError::Input(e));
                            group_error = true;
                        }
                    },
                    _ => {}
                }
            }
            let groups = (!group_error && groups.len() == method.groups.len()).then_some(groups);
            let inconsistent =
                groups.as_ref().map(|g| g.iter().sum::<Cents>()).filter(|s| (s - total).abs() > SUM_TOLERANCE);
            points.push(Point { period: r.period.trim().to_string(), total, rank, groups, inconsistent });
        }
        (points, issues)
    }

    /// Reads `period,total[,rank][,of][,<group ids>]` CSV (comma, semicolon
    /// or tab; a header row is required; decimal comma or dot). A bad file
    /// is refused with the row and column.
    pub fn from_csv(text: &str, method: &Methodology) -> Result<History, HistoryError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let first = text.lines().next().unwrap_or("");
        let delim = [b'\t', b';', b','].into_iter().find(|&d| first.as_bytes().contains(&d)).unwrap_or(b',');
        let mut reader =
            csv::ReaderBuilder::new().delimiter(delim).flexible(true).trim(csv::Trim::All).from_reader(text.as_bytes());
        let headers: Vec<String> = reader
            .headers()
            .map_err(|e| HistoryError::Csv { row: 1, detail: e.to_string() })?
            .iter()
            .map(crate::engine::i18n::fold)
            .collect();
        let col = |names: &[&str]| headers.iter().position(|h| names.contains(&h.as_str()));
        let period = col(PERIOD).ok_or(HistoryError::NoPeriodColumn)?;
        let total = col(TOTAL).ok_or(HistoryError::NoTotalColumn)?;
        let rank = col(RANK);
        let of = col(OF);
        let groups: Vec<(usize, String)> = headers
            .iter()
            .enumerate()
            .filter_map(|(i, h)| method.group_index(h).map(|g| (i, method.groups[g].id.clone())))
            .collect();
        let mut rows = Vec::new();
        for (n, record) in reader.records().enumerate() {
            let record = record.map_err(|e| HistoryError::Csv { row: n + 2, detail: e.to_string() })?;
            if record.iter().all(|c| c.is_empty()) {
                continue;
            }
            if rows.len() >= 1000 {
                return Err(HistoryError::TooManyRows { row: n + 2 });
            }
            let cell = |i: Option<usize>| i.and_then(|i| record.get(i)).unwrap_or("").to_string();
            rows.push(HistoryRow {
                period: cell(Some(period)),
                total: cell(Some(total)),
                rank: cell(rank),
                of: cell(of),
                groups: crate::engine::sort::map(
                    groups.iter().map(|(i, id)| (id.clone(), cell(Some(*i)))).filter(|(_, v)| !v.is_empty()),
                ),
            });
        }
        if rows.is_empty() {
            return Err(HistoryError::NoRows);
        }
        let h = History { unit: String::new(), rows };
        let (_, issues) = h.check(method);
        if let Some(i) = issues.into_iter().next() {
            return Err(HistoryError::Row(i));
        }
        Ok(h)
    }

    /// The example dataset (Bắc Kạn, 2024).
    pub fn example(method: &Methodology) -> History {
        let mut h = History::from_csv(BAC_KAN_2024_CSV, method).unwrap_or_default();
        h.unit = "UBND tỉnh Bắc Kạn".into();
        h
    }
}

/// The chart, laid out: coordinates in an SVG of `width` × `height`.
#[derive(Clone, Debug, PartialEq)]
pub struct Chart {
    pub width: f64,
    pub height: f64,
    /// Band backgrounds: (y, height, colour, name).
    pub bands: Vec<(f64, f64, String, String)>,
    /// Horizontal grid lines: (y, label).
    pub y_ticks: Vec<(f64, String)>,
    /// The line through the points, as an SVG path.
    pub path: String,
    /// Each point: (x, y, period, value text).
    pub points: Vec<(f64, f64, String, String)>,
    /// The plot area: (left, top, right, bottom).
    pub plot: (f64, f64, f64, f64),
    /// The dates written under the axis: (x, text, text-anchor). About five
    /// at most (each point has its own label on hover and focus), the last
    /// always, and without their year when all share one ("26/09").
    pub axis: Vec<(f64, String, &'static str)>,
}

/// The year of a period written as a date ("26/09/2026", "2026-09-26").
fn year_of(p: &str) -> Option<&str> {
    let b = p.as_bytes();
    match (b.len(), b.get(2), b.get(4)) {
        (10, Some(b'/'), _) => Some(&p[6..]),
        (10, _, Some(b'-')) => Some(&p[..4]),
        _ => None,
    }
}

/// The labels under the axis of points at `xs` named `periods`.
fn axis(xs: &[f64], periods: &[&str]) -> Vec<(f64, String, &'static str)> {
    let n = periods.len();
    let step = n.div_ceil(5).max(1);
    let years: Vec<&str> = periods.iter().filter_map(|p| year_of(p)).collect();
    let one_year = years.len() == n && years.windows(2).all(|w| w[0] == w[1]);
    (0..n)
        .filter(|&i| i + 1 == n || (i % step == 0 && n - 1 - i >= step))
        .map(|i| {
            let p = periods[i];
            let text = match (one_year, p.as_bytes().get(2)) {
                (true, Some(b'/')) => p[..5].to_string(),
                (true, _) => p[5..].to_string(),
                _ => p.to_string(),
            };
            let anchor = match i {
                _ if n == 1 => "middle",
                0 => "start",
                _ if i + 1 == n => "end",
                _ => "middle",
            };
            (xs[i], text, anchor)
        })
        .collect()
}

/// A coordinate with one decimal, written without float formatting code
/// (kept out of the app's bundle).
pub fn tenths(x: f64) -> String {
    let t = (x * 10.0).round() as i64;
    let sign = if t < 0 { "-" } else { "" };
    format!("{sign}{}.{}", t.abs() / 10, t.abs() % 10)
}

/// Lays out the totals of `points` with the method's bands behind them.
pub fn chart(points: &[Point], method: &Methodology, lang: Lang) -> Chart {
    let (width, height) = (400.0, 160.0);
    let (left, top, right, bottom) = (44.0, 12.0, width - 30.0, height - 40.0);
    let min = points.iter().map(|p| p.total).min().unwrap_or(0);
    // From the tens below the lowest point (less 10) to 100.
    let lo = ((min / 1000) * 1000 - 1000).clamp(0, 9000);
    let hi = method.max_total;
    let y = |c: Cents| bottom - (c - lo) as f64 / (hi - lo) as f64 * (bottom - top);
    let n = points.len().max(1);
    let x = |i: usize| if n == 1 { (left + right) / 2.0 } else { left + (right - left) * i as f64 / (n - 1) as f64 };
    let mut bands = Vec::new();
    for (i, b) in method.bands.iter().enumerate() {
        let upper = if i == 0 { hi } else { method.bands[i - 1].min };
        let (b_lo, b_hi) = (b.min.max(lo), upper.min(hi));
        if b_hi > b_lo {
            bands.push((y(b_hi), y(b_lo) - y(b_hi), b.color.clone(), b.name.get(lang).to_string()));
        }
    }
    let y_ticks = (0..=10)
        .map(|k| k * 1000)
        .filter(|&c| c >= lo && c <= hi)
        .map(|c| (y(c), format::points_short(c, lang)))
        .collect();
    let coords: Vec<(f64, f64)> = points.iter().enumerate().map(|(i, p)| (x(i), y(p.total))).collect();
    let path = coords
        .iter()
        .enumerate()
        .map(|(i, (px, py))| format!("{}{},{}", if i == 0 { "M" } else { "L" }, tenths(*px), tenths(*py)))
        .collect::<Vec<_>>()
        .join(" ");
    Chart {
        width,
        height,
        bands,
        y_ticks,
        path,
        points: points
            .iter()
            .zip(&coords)
            .map(|(p, &(px, py))| (px, py, p.period.clone(), format::cents(p.total, lang)))
            .collect(),
        plot: (left, top, right, bottom),
        axis: axis(
            &coords.iter().map(|c| c.0).collect::<Vec<_>>(),
            &points.iter().map(|p| p.period.as_str()).collect::<Vec<_>>(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::profiles;

    #[test]
    fn the_axis_writes_about_five_dates_without_a_shared_year() {
        let days: Vec<String> = (0..15).map(|d| format!("{:02}/10/2026", d + 1)).collect();
        let periods: Vec<&str> = days.iter().map(String::as_str).collect();
        let xs: Vec<f64> = (0..15).map(f64::from).collect();
        let labels = axis(&xs, &periods);
        let shown: Vec<(&str, &str)> = labels.iter().map(|(_, t, a)| (t.as_str(), *a)).collect();
        assert_eq!(
            shown,
            [("01/10", "start"), ("04/10", "middle"), ("07/10", "middle"), ("10/10", "middle"), ("15/10", "end")]
        );
        // Other periods, or dates of two years, stay whole.
        assert_eq!(axis(&[0.0, 1.0], &["2024-01", "2024-02"])[1].1, "2024-02");
        assert_eq!(axis(&[0.0, 1.0], &["2025-12-31", "2026-01-01"])[0].1, "2025-12-31");
        assert_eq!(axis(&[0.0, 1.0], &["2026-09-26", "2026-10-10"])[1].1, "10-10");
        assert_eq!(axis(&[0.5], &["2024"])[0].2, "middle");
    }

    #[test]
    fn the_example_reads_and_flags_july() {
        let m = profiles::default_profile();
        let h = History::example(m);
        let (points, issues) = h.check(m);
        assert!(issues.is_empty(), "{issues:?}");
        assert_eq!(points.len(), 7);
        assert_eq!(points[0].period, "2024-01");
        assert_eq!(points[0].total, 6613);
        assert_eq!(points[0].rank, Some((31, 63)));
        assert_eq!(points[6].total, 8288);
        assert_eq!(points[6].groups.as_ref().unwrap().iter().sum::<Cents>(), 8210);
        assert_eq!(points[6].inconsistent, Some(8210));
        assert_eq!(points[5].inconsistent, None);
    }

    #[test]
    fn bad_csv_names_the_row_and_column() {
        let m = profiles::default_profile();
        let en = |text: &str| History::from_csv(text, m).unwrap_err().message(m, Lang::En);
        assert_eq!(en("period,total\n2024-01,abc\n"), "row 2, column total: Not a number");
        assert_eq!(en("period,total\n2024-01,101\n"), "row 2, column total: Cannot exceed the maximum of 100");
        assert_eq!(History::from_csv("ky;tong diem\n", m).unwrap_err(), HistoryError::NoRows);
        assert_eq!(en("a,b\n1,2\n"), "row 1: no period column (period, kỳ, tháng)");
        assert_eq!(
            History::from_csv("a,b\n1,2\n", m).unwrap_err().message(m, Lang::Vi),
            "dòng 1: không có cột kỳ (kỳ, tháng, period)"
        );
        let h = History::from_csv("Kỳ\tTổng điểm\tHạng\tTrên\tCKMB\n2024-Q1\t71,5\t3\t34\t12,1\n", m).unwrap();
        assert_eq!(h.rows[0].groups["CKMB"], "12,1");
        assert_eq!(h.check(m).0[0].rank, Some((3, 34)));
        assert_eq!(
            en("period,total,rank,of\n2024,50,40,34\n"),
            "row 2, column rank: The rank must be from 1 to the number of units"
        );
    }

    #[test]
    fn the_chart_puts_points_and_bands_in_the_plot() {
        let m = profiles::default_profile();
        let (points, _) = History::example(m).check(m);
        let c = chart(&points, m, Lang::Vi);
        let (l, t, r, b) = c.plot;
        assert_eq!(c.points.len(), 7);
        assert!(c.points.iter().all(|&(x, y, _, _)| x >= l && x <= r && y >= t && y <= b));
        // Higher totals sit higher (smaller y).
        assert!(c.points[6].1 < c.points[0].1);
        assert!(c.path.starts_with("M44.0,"));
        // Bands from 50 up: average, fair, good, excellent.
        assert_eq!(c.bands.len(), 4);
        assert_eq!(c.y_ticks.first().map(|t| t.1.as_str()), Some("50"));
        assert_eq!(c.points[0].3, "66,13");
    }
}
