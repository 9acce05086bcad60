//! Reference tables: units with the counts the portal publishes and their
//! published scores, read from our CSV format (the columns of
//! `data/provinces-2026-10-10.csv`, documented in `data/README.md`).
//!
//! - [`columns`]: the columns of the format, each with a fixed id, and the
//!   quantities and codes a unit holds in fixed places;
//! - [`keyed`]: how a unit holds them (arrays, not maps: a unit is a few
//!   hundred bytes, read and scored in microseconds);
//! - `rows`: reading a row by column ids, shared by [`super::import`], which
//!   maps the portal's JSON and pasted tables onto our columns;
//! - [`problems`]: what is wrong with a value, a row or a file.

use std::sync::{Arc, OnceLock};

use super::exact::Frac;
use super::i18n::Text;
use super::inputs::{Inputs, RateInput};
use super::method::{Cents, Methodology};
use super::rank::RankTable;
use crate::text;

pub mod columns;
pub mod keyed;
pub mod problems;
mod rows;

pub use columns::is_column;
pub(crate) use columns::{key, shorten, RATE_COLUMNS, SCORE_COLUMNS};
pub use columns::{GROUP_CODES, MAX_ROWS, QUANTITIES, RATE_CODES, SCORE_CODES};
pub use keyed::Keyed;
pub use problems::{Expected, Issue, ReadError, RowProblem};
pub(crate) use rows::{read_delimited, shown, Cell, Collector, RowBuilder};

/// A unit's counts, by quantity id (the quantities of [`QUANTITIES`]).
pub type Counts = Keyed<u64, 36>;
/// Scores or rates in hundredths, by group or indicator code.
pub type Hundredths<const N: usize> = Keyed<i64, N>;

/// Scores the portal published for a unit, in cents.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Published {
    pub total: Option<Cents>,
    /// Group code (as the file names it) → score.
    pub groups: Hundredths<7>,
    /// Indicator portal code → score.
    pub indicators: Hundredths<15>,
}

impl Default for Published {
    fn default() -> Self {
        Published { total: None, groups: Keyed::new(&GROUP_CODES), indicators: Keyed::new(&SCORE_CODES) }
    }
}

impl Published {
    /// The published score of a group, under its id or any alias.
    pub fn group(&self, method: &Methodology, group: usize) -> Option<Cents> {
        let g = &method.groups[group];
        self.groups.iter().find(|(code, _)| g.answers_to(code)).map(|(_, v)| v)
    }
}

/// One unit of a reference table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unit {
    pub code: String,
    pub name: String,
    /// PROVINCE, MINISTRY, AGENCY or COMMUNE, as the portal names it.
    pub kind: String,
    /// Quantity id → count.
    pub counts: Counts,
    /// Indicator portal code → rate in hundredths of a percent, for
    /// indicators published as a rate only.
    pub rates: Hundredths<1>,
    pub published: Published,
}

impl Default for Unit {
    fn default() -> Self {
        Unit {
            code: String::new(),
            name: String::new(),
            kind: String::new(),
            counts: Keyed::new(&QUANTITIES),
            rates: Keyed::new(&RATE_CODES),
            published: Published::default(),
        }
    }
}

/// Where a method's inputs are in a unit: worked out once per method (a
/// batch scores every unit of a table with one layout).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Layout {
    /// Per quantity of the method: its place among a unit's counts.
    quantities: Vec<Option<usize>>,
    /// Per indicator of the method: its place among a unit's rates.
    rates: Vec<Option<usize>>,
    /// Per group of the method: the places of the codes it answers to
    /// among a unit's published group scores.
    groups: Vec<Vec<usize>>,
}

impl Layout {
    pub fn of(method: &Methodology) -> Layout {
        Layout {
            quantities: method.quantities.iter().map(|q| QUANTITIES.iter().position(|n| *n == q.id)).collect(),
            rates: method.indicators.iter().map(|i| RATE_CODES.iter().position(|c| *c == i.code)).collect(),
            groups: method
                .groups
                .iter()
                .map(|g| (0..GROUP_CODES.len()).filter(|&s| g.answers_to(GROUP_CODES[s])).collect())
                .collect(),
        }
    }
}

impl Unit {
    /// The unit's inputs for `method`: its counts and rates; a group whose
    /// inputs are not all known is split from its published score (the
    /// indicators without inputs are its remainder).
    pub fn inputs(&self, method: &Methodology) -> Inputs {
        self.inputs_in(method, &Layout::of(method))
    }

    /// [`Unit::inputs`] with the method's layout worked out beforehand.
    pub fn inputs_in(&self, method: &Methodology, layout: &Layout) -> Inputs {
        let mut inputs = Inputs::empty(method);
        for (qi, slot) in layout.quantities.iter().enumerate() {
            inputs.counts[qi] = slot.and_then(|s| self.counts.at(s));
        }
        for (ii, slot) in layout.rates.iter().enumerate() {
            if let Some(h) = slot.and_then(|s| self.rates.at(s)) {
                inputs.rates[ii] = RateInput::Rate(Frac::new(h as u128, 10_000));
            }
        }
        for (gi, slots) in layout.groups.iter().enumerate() {
            if !group_known(method, gi, &inputs) {
                inputs.anchors[gi] = slots
                    .iter()
                    .find_map(|&s| self.published.groups.at(s))
                    .or_else(|| self.published.group(method, gi));
            }
        }
        inputs
    }

    /// Groups of `method` that this unit can neither compute nor take from
    /// its published scores.
    pub fn unknown_groups(&self, method: &Methodology) -> Vec<usize> {
        let inputs = self.inputs(method);
        (0..method.groups.len()).filter(|&g| inputs.anchors[g].is_none() && !group_known(method, g, &inputs)).collect()
    }
}

/// Whether every scored indicator of a group has its counts or a rate, and
/// so has any indicator of another group whose rate it is multiplied by: a
/// group short of an input another group holds is split from its published
/// score like any group with missing inputs, never refused.
fn group_known(method: &Methodology, group: usize, inputs: &Inputs) -> bool {
    let known = |i: usize| match &method.indicators[i].formula {
        None => true,
        Some(f) => {
            inputs.rates[i].rate().is_some()
                || f.numerator.quantities().chain(f.denominator.quantities()).all(|q| inputs.counts[q].is_some())
        }
    };
    method.groups[group]
        .indicators
        .iter()
        .all(|&i| known(i) && method.indicators[i].formula.as_ref().and_then(|f| f.times_rate_of).is_none_or(known))
}

/// A reference table.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Table {
    pub units: Vec<Unit>,
}

impl Table {
    /// The published totals, in table order (units without one count as 0).
    pub fn published_totals(&self) -> Vec<Cents> {
        self.units.iter().map(|u| u.published.total.unwrap_or(0)).collect()
    }
    pub fn position(&self, code: &str) -> Option<usize> {
        self.units.iter().position(|u| u.code == code)
    }

    /// Each unit's published rank among the units of its kind.
    pub fn published_ranks(&self) -> Vec<usize> {
        let entries: Vec<(&str, Option<Cents>)> =
            self.units.iter().map(|u| (u.kind.as_str(), Some(u.published.total.unwrap_or(0)))).collect();
        super::rank::ranks_by_kind(&entries).into_iter().map(|r| r.unwrap_or(1)).collect()
    }

    /// The kinds of unit in the table (PROVINCE, AGENCY, COMMUNE…), in the
    /// order they first appear.
    pub fn kinds(&self) -> Vec<String> {
        let mut kinds: Vec<String> = Vec::new();
        for u in &self.units {
            if !kinds.contains(&u.kind) {
                kinds.push(u.kind.clone());
            }
        }
        kinds
    }

    /// The units of one kind: their index in the table and their published
    /// total (0 when there is none), in table order.
    pub fn published_totals_of_kind(&self, kind: &str) -> Vec<(usize, Cents)> {
        self.units
            .iter()
            .enumerate()
            .filter(|(_, u)| u.kind == kind)
            .map(|(i, u)| (i, u.published.total.unwrap_or(0)))
            .collect()
    }

    /// The rank table of one kind, without the unit at index `excluding`:
    /// the portal ranks agencies among agencies and communes among communes.
    pub fn rank_table(&self, kind: &str, excluding: Option<usize>) -> RankTable {
        RankTable::new(
            self.published_totals_of_kind(kind).into_iter().filter(|&(i, _)| Some(i) != excluding).map(|(_, t)| t),
        )
    }
}

/// Reads a reference table in our CSV format. Columns other than `code` are
/// optional; an empty cell is a missing value; a kind may be written in
/// either language ("Xã" is COMMUNE). The first problem found is
/// the error ([`crate::engine::import`] lists them all and keeps the good
/// rows).
pub fn read_csv(data: &[u8]) -> Result<Table, ReadError> {
    read_separated(data, b',')
}

/// [`read_csv`] with another separator (a tab for a workbook's sheet).
pub fn read_separated(data: &[u8], separator: u8) -> Result<Table, ReadError> {
    let sheet = read_delimited(data, separator, &|h| Some(h.trim().to_string()))?;
    match sheet.collected.problems.into_iter().next() {
        Some(p) => Err(p.into()),
        None => Ok(Table { units: sheet.collected.units }),
    }
}

/// The shipped table: the 34 provinces, year 2026 to date, captured 2026-10-10.
pub const PROVINCES_2026_CSV: &str = include_str!("../../../data/provinces-2026-10-10.csv");

/// A reference table the app knows: shipped with it, or imported by the
/// user (kept in the browser's storage by the app).
#[derive(Debug, PartialEq, Eq)]
pub struct Named {
    pub id: String,
    pub name: Text,
    pub table: Table,
    pub shipped: bool,
    /// What the table was imported from (to store it again), for imported
    /// ones: one text per file, merged in this order.
    pub sources: Vec<String>,
}

/// The id of the shipped 34-province table (the default).
pub const SHIPPED_ID: &str = "provinces-2026-10-10";
/// The day and period the shipped table stands for (a data directory's
/// provinces table of that date is the same table).
pub const SHIPPED_DATE: &str = "2026-10-10";
pub const SHIPPED_PERIOD: &str = "year:2026";

/// The shipped table, read once: data that never changes, shared by every
/// catalogue ([`crate::catalog::Catalog`] holds the tables a session knows).
pub fn shipped() -> Arc<Named> {
    static SHIPPED: OnceLock<Arc<Named>> = OnceLock::new();
    SHIPPED
        .get_or_init(|| {
            Arc::new(Named {
                id: SHIPPED_ID.into(),
                name: Text { vi: text::VI.shipped_table_name.into(), en: text::EN.shipped_table_name.into() },
                // Checked by the tests; an unreadable shipped table would be a
                // build defect, shown as an empty table rather than a crash.
                table: read_csv(PROVINCES_2026_CSV.as_bytes()).unwrap_or_default(),
                shipped: true,
                sources: Vec::new(),
            })
        })
        .clone()
}

#[cfg(test)]
mod tests {
    use super::columns::unit_kind;
    use super::*;
    use crate::engine::Lang;

    #[test]
    fn reads_the_shipped_table() {
        let t = read_csv(PROVINCES_2026_CSV.as_bytes()).unwrap();
        assert_eq!(t.units.len(), 34);
        let dt = &t.units[0];
        assert_eq!(dt.code, "H20");
        assert_eq!(dt.name, "UBND tỉnh Đồng Tháp");
        assert_eq!(dt.counts["dossiers_received"], 405424);
        assert_eq!(dt.counts["dossiers_overdue"], 46764);
        assert_eq!(dt.counts["dossiers_disliked"], 138);
        assert_eq!(dt.counts["petitions_overdue"], 52);
        assert_eq!(dt.counts["petitions_disliked_or_repeated"], 50);
        assert_eq!(dt.rates["ELECTRONIC_CERTIFIED_COPY"], 10_000);
        assert_eq!(dt.published.total, Some(6880));
        assert_eq!(dt.published.groups["ONLINE"], 884);
    }

    #[test]
    fn online_and_payment_counts_compute_their_groups() {
        // Phú Thọ's year from the online-services tree, and a commune case
        // of the payment tree: the published g_ONLINE and g_TTTT are then not used.
        let csv = "code,g_ONLINE,g_TTTT,dossier_sync_num,dossier_sync_den,online_procedures,online_procedures_full,\
online_procedures_partial,online_services,online_services_with_dossiers,dossiers_channel_online,dossiers_channel_total,\
pay_dossier_success,pay_dossier_obligation,pay_formality_success,pay_fee_formality,pay_fee_dossier_formality\n\
H44,1,1,10,10,89,21,31,1884,516,589496,597894,1054,1141,16,41,5\n";
        let t = read_csv(csv.as_bytes()).unwrap();
        let m = crate::engine::profiles::default_profile();
        let ev = crate::engine::evaluate(m, &t.units[0].inputs(m));
        let group = |id: &str| ev.groups[m.group_index(id).unwrap()].clone();
        assert_eq!((group("ONLINE").score, group("ONLINE").remainder), (Some(856), None));
        assert_eq!((group("TTTT").score, group("TTTT").remainder), (Some(682), None));
        // Without C's numerator, C is the rest of the published score.
        let t = read_csv(
            csv.replace(",pay_fee_dossier_formality", "")
                .replace(",5\n", "\n")
                .replace("H44,1,1,", "H44,8.56,6.82,")
                .as_bytes(),
        )
        .unwrap();
        let ev = crate::engine::evaluate(m, &t.units[0].inputs(m));
        let tttt = ev.groups[m.group_index("TTTT").unwrap()].clone();
        assert_eq!(tttt.score, Some(682));
        assert_eq!(tttt.remainder.unwrap().cents, 30);
    }

    #[test]
    fn malformed_files_name_the_row_and_column() {
        let e = read_csv(b"code,tdgq_received\nH1,12x\n").unwrap_err();
        assert_eq!((e.row, e.column.as_deref()), (Some(2), Some("tdgq_received")));
        assert_eq!(e.to_string(), "row 2, column tdgq_received: \"12x\": Not a number");
        let e = read_csv(b"name\nx\n").unwrap_err();
        assert_eq!(e.to_string(), "row 1, column code: the column is missing");
        let e = read_csv(b"code,total\nH1,50\nH2\n").unwrap_err();
        assert_eq!(e.row, Some(3));
        assert!(e.message.contains("1 cells where the header has 2"), "{e}");
        let e = read_csv(b"code,total\nH1,50\nH1,60\n").unwrap_err();
        assert_eq!(e.to_string(), "row 3, column code: \"H1\" appears twice");
        let e = read_csv(b"code,total\nH1,150\n").unwrap_err();
        assert_eq!(e.to_string(), "row 2, column total: \"150\" is above 100");
        let e = read_csv(b"code,tdgq_received,tdgq_on_time\nH1,10,11\n").unwrap_err();
        assert_eq!(e.to_string(), "row 2, column tdgq_on_time: above tdgq_received");
        let e = read_csv(b"code,dossiers_total,result_e_den\nH1,10,11\n").unwrap_err();
        assert_eq!(e.to_string(), "row 2, column result_e_den: 11 differs from dossiers_total (10)");
        let e = read_csv(b"code,name\nH1,\xff\xfe\n").unwrap_err();
        assert_eq!(e.message, "the text is not UTF-8");
        let e = read_csv(b"code,total\n,50\n").unwrap_err();
        assert_eq!(e.to_string(), "row 2, column code: the code is empty");
        let e = read_csv(b"code,code\n").unwrap_err();
        assert_eq!(e.to_string(), "row 1, column code: the column appears twice");
    }

    #[test]
    fn each_kind_ranks_among_its_own() {
        let unit = |code: &str, kind: &str, total: Option<Cents>| Unit {
            code: code.into(),
            kind: kind.into(),
            published: Published { total, ..Published::default() },
            ..Unit::default()
        };
        let t = Table {
            units: vec![
                unit("A1", "AGENCY", Some(8000)),
                unit("X1", "COMMUNE", Some(9000)),
                unit("A2", "AGENCY", Some(7000)),
                unit("X2", "COMMUNE", None),
            ],
        };
        assert_eq!(t.kinds(), ["AGENCY", "COMMUNE"]);
        assert_eq!(t.published_totals_of_kind("AGENCY"), [(0, 8000), (2, 7000)]);
        assert_eq!(t.published_totals_of_kind("COMMUNE"), [(1, 9000), (3, 0)]);
        assert!(t.published_totals_of_kind("PROVINCE").is_empty());
        // A2 at 85,00 would lead the agencies, though a commune has 90,00.
        let agencies = t.rank_table("AGENCY", Some(2));
        assert_eq!(agencies.rank(8500), super::super::rank::Rank { position: 1, of: 2 });
        assert_eq!(t.rank_table("COMMUNE", None).len(), 2);
        assert!(Table::default().kinds().is_empty());
    }

    #[test]
    fn every_problem_of_a_row_is_kept() {
        let sheet = read_delimited(b"code,total,tdgq_received\nH1,150,12x\n", b',', &|h| Some(h.to_string())).unwrap();
        let messages: Vec<String> = sheet.collected.problems.iter().map(|p| p.message(Lang::Vi)).collect();
        assert_eq!(
            messages,
            ["dòng 2, cột tdgq_received: \"12x\": Không phải là số", "dòng 2, cột total: \"150\" lớn hơn 100"]
        );
        assert_eq!(sheet.collected.skipped, 1);
    }

    #[test]
    fn every_column_of_the_shipped_table_is_known() {
        let header = PROVINCES_2026_CSV.lines().next().unwrap();
        assert!(header.split(',').all(is_column), "{header}");
        assert!(!is_column("g_") && !is_column("tdgq") && !is_column("nonsense_score") && !is_column("Code"));
    }

    #[test]
    fn names_and_kinds_match_loosely() {
        assert_eq!(key("  Công khai, minh bạch (18) "), "cong khai minh bach");
        assert_eq!(key("Mã ĐV"), "ma dv");
        assert_eq!(key("g_CKMB"), "g_ckmb");
        assert_eq!(unit_kind("Xã, phường"), "COMMUNE");
        assert_eq!(unit_kind("Sở, ngành"), "AGENCY");
        assert_eq!(unit_kind("ministry"), "MINISTRY");
        assert_eq!(unit_kind("Tỉnh"), "PROVINCE");
        assert_eq!(unit_kind("Đặc khu"), "Đặc khu");
        assert_eq!(shorten(&"á".repeat(41)), format!("{}…", "á".repeat(40)));
    }

    #[test]
    fn an_empty_file_is_an_empty_table() {
        assert_eq!(read_csv(b"code,name\n").unwrap().units.len(), 0);
        assert!(read_csv(b"").is_err());
    }
}
