//! What the page shows, computed from the session and the engine's results:
//! every text already in the user's language and number format. Pure (no web
//! dependencies), so the whole page's content is tested natively; the Yew
//! components only lay it out.
//!
//! - [`page`]: the calculator (summary, groups, indicator rows);
//! - [`missing`]: where the points are lost, largest first (the first screen);
//! - [`targets`]: the goal, the plan and the levers table;
//! - [`compare`]: the scenarios side by side, and the results CSV;
//! - [`history`]: a unit's scores over periods;
//! - [`batch`]: the batch table of a whole reference table;
//! - [`units`]: the unit picker's options and the tables' list.
//!
//! [`crate::derive`] puts them together: one derived view of the session.

use std::collections::BTreeMap;

use crate::engine::{assess, assess_against, Assessment, Cents, Draft, Lang, Methodology, RankTable};
use crate::session::Session;

pub mod batch;
pub mod compare;
pub mod directory;
pub mod history;
pub mod ids;
pub mod missing;
pub mod page;
mod row;
pub mod saved;
pub mod sheets;
mod summary;
pub mod targets;
pub mod units;

pub use batch::*;
pub use compare::*;
pub use directory::*;
pub use history::*;
pub use missing::*;
pub use page::*;
pub use saved::*;
pub use summary::*;
pub use targets::*;
pub use units::*;

/// The baseline (the unit's published figures and the current values the
/// user gave) and its assessment, when there is one: groups the table does
/// not fully hold are split from their known scores.
pub fn assess_baseline(session: &Session) -> Option<(Draft, Assessment)> {
    let draft = session.baseline()?;
    let a = assess(session.method(), &draft);
    Some((draft, a))
}

/// A scenario's draft assessed against the baseline's assessment: groups
/// the baseline splits carry its remainder, so a value tried moves the total
/// by its difference from the current one.
/// The baseline as the page is computed against it: its assessment, its
/// draft, and the unit's published figures (see [`Base::of`]).
pub type Baseline = (Assessment, Draft, Option<Draft>);

pub fn baseline(session: &Session) -> Option<Baseline> {
    assess_baseline(session).map(|(d, a)| (a, d, session.published()))
}

pub fn assess_scenario(session: &Session, draft: &Draft, baseline: Option<&Assessment>) -> Assessment {
    assess_against(session.method(), draft, baseline.map(|b| &b.evaluation))
}

#[derive(Clone, Debug, PartialEq)]
pub struct BandView {
    pub name: String,
    pub color: String,
    pub estimate: bool,
}

impl BandView {
    pub fn of(method: &Methodology, band: usize, lang: Lang) -> BandView {
        let band = &method.bands[band];
        BandView {
            name: band.name.get(lang).to_string(),
            color: band.color.clone(),
            estimate: band.confidence.is_estimate(),
        }
    }
}

pub(crate) fn text<'a>(map: &'a BTreeMap<String, String>, key: &str) -> &'a str {
    map.get(key).map(String::as_str).unwrap_or("")
}

/// Whether two texts mean the same value (so "8,84" and "8.84" are equal).
pub(crate) fn same(a: &str, b: &str) -> bool {
    a.trim() == b.trim()
        || matches!(
            (
                crate::engine::number::parse(a, crate::engine::number::NumberKind::Decimal),
                crate::engine::number::parse(b, crate::engine::number::NumberKind::Decimal)
            ),
            (Ok(x), Ok(y)) if x.value.to_f64() == y.value.to_f64()
        )
}

/// The rank table: the reference table's published totals, the session's
/// unit left out.
pub fn rank_table(session: &Session) -> RankTable {
    session.rank_table()
}

pub(crate) fn fraction(score: Option<Cents>, max: Cents) -> f64 {
    match score {
        Some(s) if max > 0 => (s as f64 / max as f64).clamp(0.0, 1.0),
        _ => 0.0,
    }
}

/// A bar's `width` attribute (0–1000) for a share in [0, 1]: the app's
/// bars and the quick start's draw it alike.
pub fn bar_width(fraction: f64) -> u32 {
    (fraction.clamp(0.0, 1.0) * 1000.0).round() as u32
}

/// A slider's value ("45.5") as the rate's text in the page's language
/// ("45,5" in Vietnamese).
pub fn slider_text(value: &str, lang: Lang) -> String {
    if lang == Lang::Vi {
        value.replace('.', ",")
    } else {
        value.to_string()
    }
}

/// A slider position in percent as its `value` attribute: "45.5".
pub fn slider_value(percent: f64) -> String {
    let tenths = (percent.clamp(0.0, 100.0) * 10.0).round() as u32;
    format!("{}.{}", tenths / 10, tenths % 10)
}

/// The name of a language, in that language ("Tiếng Việt", "English").
pub fn lang_name(lang: Lang) -> &'static str {
    crate::text::t(lang).language_name
}

/// Rows as a CSV file for a spreadsheet in the user's language: UTF-8 with a
/// byte-order mark (so that Vietnamese shows right), CRLF line ends, fields
/// quoted where they need it; separated by ";" in Vietnamese (Excel's list
/// separator under Vietnamese settings, where the comma is the decimal
/// mark: numbers come from [`format::sheet_cents`]) and by "," in English.
///
/// Written here rather than with the csv crate's writer, whose quoting
/// styles include one that tries each field as a float: that brings the
/// standard float parser and its tables (about 13 KB of wasm) into the first
/// screen for a branch never taken. The quoting is the crate's default
/// ("necessary"), and a test checks that both write the same bytes.
pub(crate) fn spreadsheet_csv(rows: impl IntoIterator<Item = Vec<String>>, lang: Lang) -> String {
    let delimiter = match lang {
        Lang::Vi => ';',
        Lang::En => ',',
    };
    let mut out = String::from("\u{feff}");
    for row in rows {
        for (i, field) in row.iter().enumerate() {
            if i > 0 {
                out.push(delimiter);
            }
            // A lone empty field is quoted, so that the line is not empty.
            if field.contains([delimiter, '"', '\r', '\n']) || (row.len() == 1 && field.is_empty()) {
                out.push('"');
                out.push_str(&field.replace('"', "\"\""));
                out.push('"');
            } else {
                out.push_str(field);
            }
        }
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod csv_tests {
    use super::*;
    use proptest::prelude::*;

    /// What the csv crate's writer makes of the same rows.
    fn by_the_crate(rows: &[Vec<String>], lang: Lang) -> String {
        let delimiter = if lang == Lang::Vi { b';' } else { b',' };
        let mut w = csv::WriterBuilder::new()
            .delimiter(delimiter)
            .terminator(csv::Terminator::CRLF)
            .flexible(true)
            .from_writer(Vec::from("\u{feff}"));
        for row in rows {
            w.write_record(row).unwrap();
        }
        String::from_utf8(w.into_inner().unwrap()).unwrap()
    }

    proptest! {
        /// Byte for byte the csv crate's output, quoting included.
        #[test]
        fn writes_as_the_csv_crate(
            rows in proptest::collection::vec(proptest::collection::vec("[a-zA-Zđ0-9 ,;\"\r\n.]{0,6}", 1..5), 0..6),
            vi in any::<bool>(),
        ) {
            let lang = if vi { Lang::Vi } else { Lang::En };
            prop_assert_eq!(spreadsheet_csv(rows.clone(), lang), by_the_crate(&rows, lang));
        }
    }

    #[test]
    fn vietnamese_uses_semicolons_and_keeps_decimal_commas() {
        let rows =
            vec![vec!["Mục".to_string(), "Tổng điểm".to_string()], vec!["A; B".to_string(), "61,72".to_string()]];
        assert_eq!(spreadsheet_csv(rows, Lang::Vi), "\u{feff}Mục;Tổng điểm\r\n\"A; B\";61,72\r\n");
    }
}
