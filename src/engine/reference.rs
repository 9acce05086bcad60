//! Reference tables: units with the counts the portal publishes and their
//! published scores, read from our CSV format (the columns of
//! `data/provinces-2026-10-10.csv`, documented in `data/README.md`).

use std::collections::BTreeMap;
use std::fmt;
use std::sync::OnceLock;

use super::exact::Frac;
use super::i18n::Text;
use super::inputs::{Inputs, RateInput};
use super::method::{Cents, Methodology};
use super::number::{self, NumberKind};
use super::rank::RankTable;

/// Scores the portal published for a unit, in cents.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Published {
    pub total: Option<Cents>,
    /// Group code (as the file names it) → score.
    pub groups: BTreeMap<String, Cents>,
    /// Indicator portal code → score.
    pub indicators: BTreeMap<String, Cents>,
}

impl Published {
    /// The published score of a group, under its id or any alias.
    pub fn group(&self, method: &Methodology, group: usize) -> Option<Cents> {
        let g = &method.groups[group];
        self.groups.iter().find(|(code, _)| g.answers_to(code)).map(|(_, &v)| v)
    }
}

/// One unit of a reference table.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Unit {
    pub code: String,
    pub name: String,
    /// PROVINCE, MINISTRY, AGENCY or COMMUNE, as the portal names it.
    pub kind: String,
    /// Quantity id → count.
    pub counts: BTreeMap<String, u64>,
    /// Indicator portal code → rate, for indicators published as a rate only.
    pub rates: BTreeMap<String, Frac>,
    pub published: Published,
}

impl Unit {
    /// The unit's inputs for `method`: its counts and rates; a group whose
    /// inputs are not all known takes the published group score, if any.
    pub fn inputs(&self, method: &Methodology) -> Inputs {
        let mut inputs = Inputs::empty(method);
        for (qi, q) in method.quantities.iter().enumerate() {
            inputs.counts[qi] = self.counts.get(&q.id).copied();
        }
        for (ii, ind) in method.indicators.iter().enumerate() {
            if let Some(&r) = self.rates.get(&ind.code) {
                inputs.rates[ii] = RateInput::Rate(r);
            }
        }
        for gi in 0..method.groups.len() {
            if !self.group_known(method, gi, &inputs) {
                inputs.given[gi] = self.published.group(method, gi);
            }
        }
        inputs
    }

    /// Whether every scored indicator of a group has its counts or a rate.
    fn group_known(&self, method: &Methodology, group: usize, inputs: &Inputs) -> bool {
        method.groups[group].indicators.iter().all(|&i| match &method.indicators[i].formula {
            None => true,
            Some(f) => {
                inputs.rates[i].rate().is_some()
                    || f.numerator.quantities().chain(f.denominator.quantities()).all(|q| inputs.counts[q].is_some())
            }
        })
    }

    /// Groups of `method` that this unit can neither compute nor take from
    /// its published scores.
    pub fn unknown_groups(&self, method: &Methodology) -> Vec<usize> {
        let inputs = self.inputs(method);
        (0..method.groups.len())
            .filter(|&g| inputs.given[g].is_none() && !self.group_known(method, g, &inputs))
            .collect()
    }
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

/// Why a file could not be read: the row (1 = the header line) and the
/// column it concerns, when there is one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadError {
    pub row: Option<u64>,
    pub column: Option<String>,
    pub message: String,
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.row, &self.column) {
            (Some(r), Some(c)) => write!(f, "row {r}, column {c}: {}", self.message),
            (Some(r), None) => write!(f, "row {r}: {}", self.message),
            (None, Some(c)) => write!(f, "column {c}: {}", self.message),
            (None, None) => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for ReadError {}

/// Columns that are one quantity each.
const COUNT_COLUMNS: &[(&str, &str)] = &[
    ("publish_on_time_num", "procedures_announced_on_time"),
    ("publish_on_time_den", "procedures_announced"),
    ("public_update_num", "procedures_published_on_time"),
    ("public_update_den", "procedures_to_publish"),
    ("content_full_num", "procedures_content_full"),
    ("content_full_den", "procedures_published"),
    ("dossier_sync_num", "dossiers_synced"),
    ("dossier_sync_den", "dossiers_sync_base"),
    ("tdgq_received", "dossiers_received"),
    ("tdgq_overdue", "dossiers_overdue"),
    ("result_e_num", "dossiers_e_result"),
    ("digitised_num", "dossiers_digitised"),
    ("reused_num", "dossiers_reused"),
    ("personal_storage_num", "dossiers_personal_storage"),
    ("citizen_dossier_num", "dossiers_citizen_data"),
    ("citizen_formality_num", "procedures_citizen_data"),
    ("citizen_formality_den", "procedures_citizen_base"),
    ("certified_copy_num", "certified_copy_offered"),
    ("certified_copy_den", "certified_copy_base"),
    ("pay_dossier_success", "dossiers_paid_online"),
    ("pay_dossier_obligation", "dossiers_with_fee"),
    ("pay_formality_success", "fee_procedures_paid_online"),
    ("pay_fee_formality", "fee_procedures"),
    ("petitions_total", "petitions_total"),
];

/// Columns that repeat the dossier total: they must agree with it.
const TOTAL_COLUMNS: &[&str] = &[
    "dossiers_total",
    "result_e_den",
    "digitised_den",
    "reused_den",
    "personal_storage_den",
    "citizen_dossier_den",
    "satisfaction_den",
];

/// Published indicator scores: column → indicator portal code.
const SCORE_COLUMNS: &[(&str, &str)] = &[
    ("publish_on_time_score", "PUBLISH_ON_TIME"),
    ("public_update_score", "PUBLIC_UPDATE_ON_TIME"),
    ("content_full_score", "PUBLIC_CONTENT_FULL"),
    ("dossier_sync_score", "DOSSIER_SYNC"),
    ("tdgq_score", "DOSSIER_ON_TIME"),
    ("result_e_score", "ORIGINAL_RESULT_AVAILABLE"),
    ("digitised_score", "SO_HOA_GIAY_TO_GIAI_QUYET"),
    ("reused_score", "REUSED_DIGITIZED_DATA"),
    ("personal_storage_score", "SYNCED_WITH_DVCQG_PERSONAL_STORAGE"),
    ("citizen_dossier_score", "CITIZEN_DATA_CONNECTED_DOSSIER"),
    ("citizen_formality_score", "CITIZEN_DATA_CONNECTED_FORMALITY"),
    ("certified_copy_score", "ELECTRONIC_CERTIFIED_COPY"),
    ("satisfaction_score", "DOSSIER_RECEIVING_SATISFACTION"),
    ("petition_on_time_score", "PETITION_PROCESSING_ON_TIME"),
    ("petition_satisfaction_score", "PETITION_HANDLING_SATISFACTION"),
];

/// Columns published as a rate in percent: column → indicator portal code.
const RATE_COLUMNS: &[(&str, &str)] = &[("certified_copy_ratio", "ELECTRONIC_CERTIFIED_COPY")];

/// At most this many rows: a reference table is a few thousand units.
pub const MAX_ROWS: usize = 100_000;

struct Row<'a> {
    record: &'a csv::StringRecord,
    headers: &'a BTreeMap<String, usize>,
    line: u64,
}

impl Row<'_> {
    fn err(&self, column: &str, message: impl Into<String>) -> ReadError {
        ReadError { row: Some(self.line), column: Some(column.to_string()), message: message.into() }
    }

    fn text(&self, column: &str) -> Option<&str> {
        let idx = *self.headers.get(column)?;
        let value = self.record.get(idx)?.trim();
        (!value.is_empty()).then_some(value)
    }

    fn count(&self, column: &str) -> Result<Option<u64>, ReadError> {
        match self.text(column) {
            None => Ok(None),
            Some(t) => match number::parse(t, NumberKind::Count) {
                Ok(p) => Ok(Some(p.value.mantissa)),
                Err(e) => Err(self.err(column, format!("\"{t}\": {e}"))),
            },
        }
    }

    /// A score or percentage written with a dot, as the portal writes it.
    fn hundredths(&self, column: &str, max: u64) -> Result<Option<Cents>, ReadError> {
        match self.text(column) {
            None => Ok(None),
            Some(t) => {
                let p = number::parse(t, NumberKind::Decimal).map_err(|e| self.err(column, format!("\"{t}\": {e}")))?;
                if !p.value.at_most(max) {
                    return Err(self.err(column, format!("\"{t}\" is above {max}")));
                }
                let cents = Frac::new(p.value.mantissa as u128, 10u128.pow(p.value.scale))
                    .scaled_round(2, super::exact::RoundMode::HalfEven);
                Ok(Some(cents as Cents))
            }
        }
    }
}

/// Reads a reference table in our CSV format. Columns other than `code` are
/// optional; an empty cell is a missing value.
pub fn read_csv(data: &[u8]) -> Result<Table, ReadError> {
    let data = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);
    let mut reader = csv::ReaderBuilder::new().has_headers(true).flexible(false).from_reader(data);
    let header_record =
        reader.headers().map_err(|e| ReadError { row: Some(1), column: None, message: csv_message(&e) })?.clone();
    let mut headers = BTreeMap::new();
    for (i, h) in header_record.iter().enumerate() {
        let h = h.trim().to_string();
        if headers.insert(h.clone(), i).is_some() {
            return Err(ReadError { row: Some(1), column: Some(h), message: "the column appears twice".into() });
        }
    }
    if !headers.contains_key("code") {
        return Err(ReadError { row: Some(1), column: Some("code".into()), message: "the column is missing".into() });
    }
    let mut units: Vec<Unit> = Vec::new();
    for (n, record) in reader.records().enumerate() {
        let line = n as u64 + 2;
        let record = record.map_err(|e| ReadError {
            row: Some(e.position().map(|p| p.line()).unwrap_or(line)),
            column: None,
            message: csv_message(&e),
        })?;
        if units.len() >= MAX_ROWS {
            return Err(ReadError { row: Some(line), column: None, message: format!("more than {MAX_ROWS} rows") });
        }
        let row = Row { record: &record, headers: &headers, line };
        let unit = read_unit(&row)?;
        if units.iter().any(|u| u.code == unit.code) {
            return Err(row.err("code", format!("\"{}\" appears twice", unit.code)));
        }
        units.push(unit);
    }
    Ok(Table { units })
}

fn csv_message(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Utf8 { .. } => "the text is not UTF-8".to_string(),
        csv::ErrorKind::UnequalLengths { expected_len, len, .. } => {
            format!("{len} cells where the header has {expected_len}")
        }
        _ => e.to_string(),
    }
}

fn read_unit(row: &Row) -> Result<Unit, ReadError> {
    let code = row.text("code").ok_or_else(|| row.err("code", "the code is empty"))?.to_string();
    let mut unit = Unit {
        name: row.text("name").unwrap_or(&code).to_string(),
        kind: row.text("kind").unwrap_or("").to_string(),
        code,
        ..Unit::default()
    };
    for &(column, quantity) in COUNT_COLUMNS {
        if let Some(v) = row.count(column)? {
            unit.counts.insert(quantity.to_string(), v);
        }
    }
    // The dossier total appears in several columns; they must agree.
    let mut total: Option<(u64, &str)> = None;
    for &column in TOTAL_COLUMNS {
        if let Some(v) = row.count(column)? {
            match total {
                None => total = Some((v, column)),
                Some((t, first)) if t != v => {
                    return Err(row.err(column, format!("{v} differs from {first} ({t})")));
                }
                _ => {}
            }
        }
    }
    if let Some((t, _)) = total {
        unit.counts.insert("dossiers_total".into(), t);
    }
    // Overdue dossiers: given, or received − on time.
    let received = row.count("tdgq_received")?;
    if let (None, Some(on_time), Some(received)) = (row.count("tdgq_overdue")?, row.count("tdgq_on_time")?, received) {
        let overdue = received.checked_sub(on_time).ok_or_else(|| row.err("tdgq_on_time", "above tdgq_received"))?;
        unit.counts.insert("dossiers_overdue".into(), overdue);
    }
    // Dossiers with a complaint or a dislike: total − overdue − satisfied.
    if let (Some(sat), Some((t, _)), Some(&overdue)) =
        (row.count("satisfaction_num")?, total, unit.counts.get("dossiers_overdue"))
    {
        let disliked = t
            .checked_sub(overdue)
            .and_then(|x| x.checked_sub(sat))
            .ok_or_else(|| row.err("satisfaction_num", "above the dossier total minus the overdue dossiers"))?;
        unit.counts.insert("dossiers_disliked".into(), disliked);
    }
    // Complaints: overdue = total − on time; disliked or repeated = on time − satisfied.
    let petitions = row.count("petitions_total")?.or(row.count("petition_on_time_den")?);
    if let Some(p) = petitions {
        unit.counts.insert("petitions_total".into(), p);
        if let Some(on_time) = row.count("petition_on_time_num")? {
            let overdue =
                p.checked_sub(on_time).ok_or_else(|| row.err("petition_on_time_num", "above petitions_total"))?;
            unit.counts.insert("petitions_overdue".into(), overdue);
            if let Some(sat) = row.count("petition_satisfaction_num")? {
                let rest = on_time
                    .checked_sub(sat)
                    .ok_or_else(|| row.err("petition_satisfaction_num", "above petition_on_time_num"))?;
                unit.counts.insert("petitions_disliked_or_repeated".into(), rest);
            }
        }
    }
    for &(column, code) in RATE_COLUMNS {
        if let Some(h) = row.hundredths(column, 100)? {
            unit.rates.insert(code.to_string(), Frac::new(h as u128, 10_000));
        }
    }
    for &(column, code) in SCORE_COLUMNS {
        if let Some(v) = row.hundredths(column, 100)? {
            unit.published.indicators.insert(code.to_string(), v);
        }
    }
    for (column, _) in row.headers.iter().filter(|(h, _)| h.starts_with("g_")) {
        if let Some(v) = row.hundredths(column, 100)? {
            unit.published.groups.insert(column[2..].to_string(), v);
        }
    }
    if let Some(v) = row.hundredths("tttt_score", 100)? {
        unit.published.groups.entry("TTTT".into()).or_insert(v);
    }
    unit.published.total = row.hundredths("total", 100)?;
    Ok(unit)
}

/// The shipped table: the 34 provinces, year 2026 to date, captured 2026-10-10.
pub const PROVINCES_2026_CSV: &str = include_str!("../../data/provinces-2026-10-10.csv");

/// A reference table shipped with the app.
#[derive(Debug)]
pub struct Shipped {
    pub id: &'static str,
    pub name: Text,
    pub table: Table,
}

/// The shipped reference tables (parsed once), the default first.
pub fn shipped() -> &'static [Shipped] {
    static ALL: OnceLock<Vec<Shipped>> = OnceLock::new();
    ALL.get_or_init(|| {
        vec![Shipped {
            id: "provinces-2026-10-10",
            name: Text {
                vi: "34 tỉnh, thành phố · năm 2026 (10/10/2026)".into(),
                en: "34 provinces · year 2026 (2026-10-10)".into(),
            },
            // Checked by the tests; an unreadable shipped table would be a
            // build defect, shown as an empty table rather than a crash.
            table: read_csv(PROVINCES_2026_CSV.as_bytes()).unwrap_or_default(),
        }]
    })
}

/// A shipped table by id.
pub fn shipped_table(id: &str) -> Option<&'static Shipped> {
    shipped().iter().find(|t| t.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(dt.rates["ELECTRONIC_CERTIFIED_COPY"], Frac::new(10_000, 10_000));
        assert_eq!(dt.published.total, Some(6880));
        assert_eq!(dt.published.groups["ONLINE"], 884);
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
    fn an_empty_file_is_an_empty_table() {
        assert_eq!(read_csv(b"code,name\n").unwrap().units.len(), 0);
        assert!(read_csv(b"").is_err());
    }
}
