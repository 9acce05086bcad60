//! Reference tables: units with the counts the portal publishes and their
//! published scores, read from our CSV format (the columns of
//! `data/provinces-2026-10-10.csv`, documented in `data/README.md`).
//!
//! The row reader here is shared: [`super::import`] maps the portal's JSON
//! and pasted tables onto our columns and reads them with it, keeping every
//! row's problems ([`RowProblem`]) where [`read_csv`] stops at the first.

use std::borrow::Cow;
use std::collections::btree_map::Entry;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::sync::{Arc, OnceLock};

use super::exact::{Frac, RoundMode};
use super::i18n::{fold, Lang, Text};
use super::inputs::{Inputs, RateInput};
use super::method::{Cents, Methodology};
use super::number::{self, Decimal, NumberError, NumberKind};
use super::rank::RankTable;
use crate::text::{self, fill};

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
    /// inputs are not all known is split from its published score (the
    /// indicators without inputs are its remainder).
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
                inputs.anchors[gi] = self.published.group(method, gi);
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
            .filter(|&g| inputs.anchors[g].is_none() && !self.group_known(method, g, &inputs))
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

impl From<RowProblem> for ReadError {
    fn from(p: RowProblem) -> ReadError {
        ReadError { row: Some(p.row as u64), column: p.column, message: p.issue.message(Lang::En) }
    }
}

/// What is wrong with a value, a row or the header of a table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Issue {
    /// Not an acceptable number: the value as written (shortened) and why.
    Number { text: String, error: NumberError },
    /// A score or a percentage above its maximum.
    Above { text: String, max: u64 },
    /// A count above the count it is part of (named as the file names it).
    AboveColumn(String),
    /// Satisfied dossiers above the dossier total minus the overdue dossiers.
    AboveTotalMinusOverdue,
    /// A column repeating the dossier total disagrees with the first one.
    Differs { value: u64, first: String, first_value: u64 },
    /// A JSON value of the wrong type: what was expected, what was found.
    Expected { expected: Expected, found: String },
    /// The unit has no code.
    EmptyCode,
    /// A code seen before: a unit's in the table, a metric's in the unit.
    Twice(String),
    /// A row with another number of cells than the header.
    CellCount { expected: usize, found: usize },
    /// The text is not UTF-8.
    NotUtf8,
    /// Another error of the CSV reader (its English text).
    Csv(String),
    /// A header cell naming a column already named.
    ColumnTwice,
    /// A column that must be there is not.
    ColumnMissing,
    /// More than [`MAX_ROWS`] rows.
    TooManyRows,
    /// Files merged into one table disagree on a value of a unit: the
    /// unit's code, the value kept (the earlier file's) and the other.
    Conflict { code: String, kept: String, other: String },
}

/// What a JSON value should have been.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expected {
    Text,
    Object,
    List,
}

impl Issue {
    /// The issue in `lang`, short.
    pub fn message(&self, lang: Lang) -> String {
        let t = text::t(lang);
        match self {
            Issue::Number { text, error } => fill(t.issue_number, &[("text", text), ("error", error.message(lang))]),
            Issue::Above { text, max } => fill(t.issue_above, &[("text", text), ("max", &max.to_string())]),
            Issue::AboveColumn(column) => fill(t.issue_above_column, &[("column", column)]),
            Issue::AboveTotalMinusOverdue => t.issue_above_total_minus_overdue.to_string(),
            Issue::Differs { value, first, first_value } => fill(
                t.issue_differs,
                &[("value", &value.to_string()), ("first", first), ("first_value", &first_value.to_string())],
            ),
            Issue::Expected { expected, found } => {
                let what = match expected {
                    Expected::Text => t.expected_text,
                    Expected::Object => t.expected_object,
                    Expected::List => t.expected_list,
                };
                fill(t.issue_expected, &[("expected", what), ("found", found)])
            }
            Issue::EmptyCode => t.issue_empty_code.to_string(),
            Issue::Twice(code) => fill(t.issue_twice, &[("code", code)]),
            Issue::CellCount { expected, found } => {
                fill(t.issue_cell_count, &[("expected", &expected.to_string()), ("found", &found.to_string())])
            }
            Issue::NotUtf8 => t.issue_not_utf8.to_string(),
            Issue::Csv(message) => fill(t.issue_csv, &[("message", message)]),
            Issue::ColumnTwice => t.issue_column_twice.to_string(),
            Issue::ColumnMissing => t.issue_column_missing.to_string(),
            Issue::TooManyRows => fill(t.issue_too_many_rows, &[("max", &MAX_ROWS.to_string())]),
            Issue::Conflict { code, kept, other } => {
                fill(t.issue_conflict, &[("code", code), ("kept", kept), ("other", other)])
            }
        }
    }
}

/// A problem in one row of a table, or one entry of a JSON list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowProblem {
    /// 1-based, as a user counts: the line of delimited text (1 = the
    /// header), the entry of a JSON list; 0 for a problem between files.
    pub row: usize,
    /// The column as the file names it (a header as written, a JSON field),
    /// when the problem concerns one.
    pub column: Option<String>,
    pub issue: Issue,
}

impl RowProblem {
    /// "row 3, column total: …" in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let (row, column) = (self.row, self.column.as_deref());
        if row == 0 {
            // Not a row of one file (files merged disagree).
            return match column {
                Some(c) => format!("{c}: {}", self.issue.message(lang)),
                None => self.issue.message(lang),
            };
        }
        let t = text::t(lang);
        let row = row.to_string();
        let place = match column {
            Some(c) => fill(t.place_row_column, &[("row", &row), ("column", c)]),
            None => fill(t.place_row, &[("row", &row)]),
        };
        format!("{place}: {}", self.issue.message(lang))
    }
}

impl fmt::Display for RowProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

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
    ("pay_fee_dossier_formality", "fee_procedures_with_dossiers"),
    ("online_procedures", "procedures_total"),
    ("online_procedures_full", "procedures_online_full"),
    ("online_procedures_partial", "procedures_online_partial"),
    ("online_services", "online_services"),
    ("online_services_with_dossiers", "online_services_with_dossiers"),
    ("dossiers_channel_online", "dossiers_channel_online"),
    ("dossiers_channel_total", "dossiers_channel_total"),
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

/// Published indicator scores: column → indicator portal code. The
/// portal's metrics are named by code; their columns share the prefix of the
/// score column (`_num`, `_den`, and `_ratio` where [`RATE_COLUMNS`] has it).
pub(crate) const SCORE_COLUMNS: &[(&str, &str)] = &[
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
pub(crate) const RATE_COLUMNS: &[(&str, &str)] = &[("certified_copy_ratio", "ELECTRONIC_CERTIFIED_COPY")];

/// The other columns of our format.
const OTHER_COLUMNS: &[&str] = &[
    "code",
    "name",
    "kind",
    "total",
    "tdgq_on_time",
    "tttt_score",
    "satisfaction_num",
    "petition_on_time_num",
    "petition_on_time_den",
    "petition_satisfaction_num",
    // Accepted but not read: it repeats the number of complaints.
    "petition_satisfaction_den",
];

/// Whether `name` is a column of our format (`data/README.md`).
pub(crate) fn is_column(name: &str) -> bool {
    name.strip_prefix("g_").is_some_and(|g| !g.is_empty())
        || OTHER_COLUMNS.contains(&name)
        || TOTAL_COLUMNS.contains(&name)
        || COUNT_COLUMNS.iter().any(|&(c, _)| c == name)
        || RATE_COLUMNS.iter().any(|&(c, _)| c == name)
        || SCORE_COLUMNS.iter().any(|&(c, _)| c == name)
}

/// At most this many rows: a reference table is a few thousand units.
pub const MAX_ROWS: usize = 100_000;

/// Text reduced for matching names written by people: folded (lower case,
/// no diacritics), a trailing "(…)" dropped, punctuation as spaces, spaces
/// collapsed: "Công khai, minh bạch (18)" → "cong khai minh bach".
pub(crate) fn key(text: &str) -> String {
    let t = text.trim();
    let t = if t.ends_with(')') { t.rfind('(').map_or(t, |i| &t[..i]) } else { t };
    let spaced: String = fold(t).chars().map(|c| if c.is_alphanumeric() || c == '_' { c } else { ' ' }).collect();
    spaced.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The kind of a unit as the portal names it, from either language ("Xã" →
/// COMMUNE); other text is kept as written.
fn unit_kind(text: &str) -> String {
    const KINDS: &[(&str, &[&str])] = &[
        ("PROVINCE", &["province", "tinh", "tinh thanh pho"]),
        ("MINISTRY", &["ministry", "bo", "bo nganh"]),
        ("AGENCY", &["agency", "so", "so nganh", "co quan"]),
        ("COMMUNE", &["commune", "xa", "phuong", "xa phuong", "xa phuong dac khu"]),
    ];
    if KINDS.iter().any(|(kind, _)| *kind == text) {
        return text.to_string();
    }
    let k = key(text);
    KINDS
        .iter()
        .find(|(_, names)| names.contains(&k.as_str()))
        .map_or_else(|| text.to_string(), |(kind, _)| kind.to_string())
}

/// At most 40 characters of `text`, for messages.
pub(crate) fn shorten(text: &str) -> String {
    match text.char_indices().nth(40) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_string(),
    }
}

/// One value of a row, as the file gives it.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Cell<'a> {
    /// Text: a cell of delimited text, a JSON string.
    Text(&'a str),
    /// A JSON number.
    Number(&'a serde_json::Number),
    /// A missing value (JSON null).
    Null,
    /// Another JSON value, as messages show it ("true", "[…]").
    Other(&'static str),
}

/// Where the columns of our format are among a row's cells, each with the
/// name the file gives it (a header as written, a JSON field) for messages.
#[derive(Debug, Default)]
pub(crate) struct Columns<'a> {
    index: BTreeMap<Cow<'a, str>, (Cow<'a, str>, usize)>,
}

impl<'a> Columns<'a> {
    /// Puts `column` at `position`; false, and no change, when it is
    /// already there.
    fn insert(&mut self, column: impl Into<Cow<'a, str>>, label: impl Into<Cow<'a, str>>, position: usize) -> bool {
        match self.index.entry(column.into()) {
            Entry::Vacant(e) => {
                e.insert((label.into(), position));
                true
            }
            Entry::Occupied(_) => false,
        }
    }
}

/// A row: its cells, and where each column is among them.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Row<'r, 'a> {
    columns: &'r Columns<'a>,
    cells: &'r [Cell<'a>],
}

impl<'a> Row<'_, 'a> {
    /// The name the file gives a column.
    fn label(&self, column: &str) -> String {
        self.columns.index.get(column).map_or(column, |(label, _)| label).to_string()
    }

    /// A cell with a value (not empty, not null).
    fn cell(&self, column: &str) -> Option<Cell<'a>> {
        let &(_, position) = self.columns.index.get(column)?;
        match *self.cells.get(position)? {
            Cell::Null => None,
            Cell::Text(t) if t.trim().is_empty() => None,
            cell => Some(cell),
        }
    }

    /// The group score columns (`g_CKMB`…) and their group codes.
    fn groups(&self) -> impl Iterator<Item = (&str, &str)> {
        self.columns.index.keys().filter_map(|c| Some((c.as_ref(), c.strip_prefix("g_").filter(|g| !g.is_empty())?)))
    }
}

/// A row built cell by cell (a unit of the portal's JSON).
#[derive(Debug, Default)]
pub(crate) struct RowBuilder<'a> {
    columns: Columns<'a>,
    cells: Vec<Cell<'a>>,
}

impl<'a> RowBuilder<'a> {
    /// Adds a cell; false, and no change, when the column is already there.
    pub(crate) fn insert(
        &mut self,
        column: impl Into<Cow<'a, str>>,
        label: impl Into<Cow<'a, str>>,
        cell: Cell<'a>,
    ) -> bool {
        let added = self.columns.insert(column, label, self.cells.len());
        if added {
            self.cells.push(cell);
        }
        added
    }

    /// The row, for [`Collector::add`].
    pub(crate) fn row(&self) -> Row<'_, 'a> {
        Row { columns: &self.columns, cells: &self.cells }
    }
}

/// A JSON number read as a number of `kind`. JSON writes decimals with a dot
/// and never groups digits, so "1.234" is never 1 234 here.
fn parse_json_number(n: &serde_json::Number, kind: NumberKind) -> Result<number::Parsed, NumberError> {
    let text = match (n.as_u64(), n.as_i64(), n.as_f64()) {
        (Some(u), _, _) => u.to_string(),
        (None, Some(i), _) => i.to_string(),
        (None, None, Some(f)) if kind == NumberKind::Count && f.fract() != 0.0 => {
            return Err(if f < 0.0 { NumberError::Negative } else { NumberError::NotWhole });
        }
        // serde_json's shortest form ("68.8"; "1e30" for the huge and the
        // tiny, which the parser would not read as a number).
        (None, None, Some(f)) => {
            let t = n.to_string();
            if t.contains(['e', 'E']) {
                return Err(if f.abs() >= 1.0 { NumberError::TooLarge } else { NumberError::TooManyDecimals });
            }
            t
        }
        (None, None, None) => return Err(NumberError::NotANumber),
    };
    number::parse(&text, kind)
}

/// A cell's value as messages show it (text shortened).
pub(crate) fn shown(cell: Cell) -> String {
    match cell {
        Cell::Text(t) => shorten(t.trim()),
        Cell::Number(n) => n.to_string(),
        Cell::Null => "null".into(),
        Cell::Other(found) => found.to_string(),
    }
}

/// Reads the values of a row, keeping one issue per column.
struct Reader<'r, 'a> {
    row: Row<'r, 'a>,
    issues: Vec<(Option<String>, Issue)>,
}

impl<'a> Reader<'_, 'a> {
    fn issue(&mut self, column: &str, issue: Issue) {
        let label = self.row.label(column);
        if !self.issues.iter().any(|(c, _)| c.as_deref() == Some(label.as_str())) {
            self.issues.push((Some(label), issue));
        }
    }

    /// `column` is above `other`, the count it is part of.
    fn above(&mut self, column: &str, other: &str) {
        let other = self.row.label(other);
        self.issue(column, Issue::AboveColumn(other));
    }

    /// A text value (a JSON number is taken as written).
    fn text(&mut self, column: &str) -> Option<String> {
        match self.row.cell(column)? {
            Cell::Text(t) => Some(t.trim().to_string()),
            Cell::Number(n) => Some(n.to_string()),
            Cell::Null => None,
            Cell::Other(found) => {
                self.issue(column, Issue::Expected { expected: Expected::Text, found: found.to_string() });
                None
            }
        }
    }

    /// A number of `kind`, and its cell for messages.
    fn number(&mut self, column: &str, kind: NumberKind) -> Option<(Decimal, Cell<'a>)> {
        let cell = self.row.cell(column)?;
        let parsed = match cell {
            Cell::Null => return None,
            Cell::Text(t) => number::parse(t, kind),
            Cell::Number(n) => parse_json_number(n, kind),
            Cell::Other(_) => Err(NumberError::NotANumber),
        };
        match parsed {
            Ok(p) => Some((p.value, cell)),
            Err(error) => {
                self.issue(column, Issue::Number { text: shown(cell), error });
                None
            }
        }
    }

    fn count(&mut self, column: &str) -> Option<u64> {
        self.number(column, NumberKind::Count).map(|(d, _)| d.mantissa)
    }

    /// A score or percentage (at most `max`) in hundredths.
    fn hundredths(&mut self, column: &str, max: u64) -> Option<Cents> {
        let (value, cell) = self.number(column, NumberKind::Decimal)?;
        if !value.at_most(max) {
            self.issue(column, Issue::Above { text: shown(cell), max });
            return None;
        }
        let cents = Frac::new(value.mantissa as u128, 10u128.pow(value.scale)).scaled_round(2, RoundMode::HalfEven);
        Some(cents as Cents)
    }
}

/// Reads the unit of a row in our format's columns, or every issue found.
fn read_unit(row: Row) -> Result<Unit, Vec<(Option<String>, Issue)>> {
    let mut r = Reader { row, issues: Vec::new() };
    let code = r.text("code").unwrap_or_default();
    if code.is_empty() {
        r.issue("code", Issue::EmptyCode);
    }
    let mut unit = Unit {
        name: r.text("name").unwrap_or_else(|| code.clone()),
        kind: r.text("kind").map(|k| unit_kind(&k)).unwrap_or_default(),
        code,
        ..Unit::default()
    };
    for &(column, quantity) in COUNT_COLUMNS {
        if let Some(v) = r.count(column) {
            unit.counts.insert(quantity.to_string(), v);
        }
    }
    // The dossier total appears in several columns; they must agree.
    let mut total: Option<(u64, &str)> = None;
    for &column in TOTAL_COLUMNS {
        if let Some(v) = r.count(column) {
            match total {
                None => total = Some((v, column)),
                Some((t, first)) if t != v => {
                    let first = row.label(first);
                    r.issue(column, Issue::Differs { value: v, first, first_value: t });
                }
                _ => {}
            }
        }
    }
    if let Some((t, _)) = total {
        unit.counts.insert("dossiers_total".into(), t);
    }
    // Overdue dossiers: given, or received − on time.
    let received = r.count("tdgq_received");
    if let (None, Some(on_time), Some(received)) = (r.count("tdgq_overdue"), r.count("tdgq_on_time"), received) {
        match received.checked_sub(on_time) {
            Some(overdue) => {
                unit.counts.insert("dossiers_overdue".into(), overdue);
            }
            None => r.above("tdgq_on_time", "tdgq_received"),
        }
    }
    // Dossiers with a complaint or a dislike: total − overdue − satisfied.
    if let (Some(sat), Some((t, _)), Some(&overdue)) =
        (r.count("satisfaction_num"), total, unit.counts.get("dossiers_overdue"))
    {
        match t.checked_sub(overdue).and_then(|x| x.checked_sub(sat)) {
            Some(disliked) => {
                unit.counts.insert("dossiers_disliked".into(), disliked);
            }
            None => r.issue("satisfaction_num", Issue::AboveTotalMinusOverdue),
        }
    }
    // Complaints: overdue = total − on time; disliked or repeated = on time − satisfied.
    let petitions = r.count("petitions_total").or_else(|| r.count("petition_on_time_den"));
    if let Some(p) = petitions {
        unit.counts.insert("petitions_total".into(), p);
        if let Some(on_time) = r.count("petition_on_time_num") {
            match p.checked_sub(on_time) {
                Some(overdue) => {
                    unit.counts.insert("petitions_overdue".into(), overdue);
                }
                None => r.above("petition_on_time_num", "petitions_total"),
            }
            if let Some(sat) = r.count("petition_satisfaction_num") {
                match on_time.checked_sub(sat) {
                    Some(rest) => {
                        unit.counts.insert("petitions_disliked_or_repeated".into(), rest);
                    }
                    None => r.above("petition_satisfaction_num", "petition_on_time_num"),
                }
            }
        }
    }
    for &(column, code) in RATE_COLUMNS {
        if let Some(h) = r.hundredths(column, 100) {
            unit.rates.insert(code.to_string(), Frac::new(h as u128, 10_000));
        }
    }
    for &(column, code) in SCORE_COLUMNS {
        if let Some(v) = r.hundredths(column, 100) {
            unit.published.indicators.insert(code.to_string(), v);
        }
    }
    for (column, group) in row.groups() {
        if let Some(v) = r.hundredths(column, 100) {
            unit.published.groups.insert(group.to_string(), v);
        }
    }
    if let Some(v) = r.hundredths("tttt_score", 100) {
        unit.published.groups.entry("TTTT".into()).or_insert(v);
    }
    unit.published.total = r.hundredths("total", 100);
    if r.issues.is_empty() {
        Ok(unit)
    } else {
        Err(r.issues)
    }
}

/// Units read so far, and the rows left out with their problems.
#[derive(Debug, Default)]
pub(crate) struct Collector {
    pub(crate) units: Vec<Unit>,
    pub(crate) problems: Vec<RowProblem>,
    /// Rows left out.
    pub(crate) skipped: usize,
    codes: BTreeSet<String>,
}

impl Collector {
    /// Refuses row `number` when [`MAX_ROWS`] rows have been read.
    pub(crate) fn room(&self, number: usize) -> Result<(), RowProblem> {
        if self.units.len() + self.skipped >= MAX_ROWS {
            return Err(RowProblem { row: number, column: None, issue: Issue::TooManyRows });
        }
        Ok(())
    }

    /// Reads the unit of row `number`; `issues` were found earlier in the
    /// row. A row with issues, or with a code seen before, is left out.
    pub(crate) fn add(&mut self, number: usize, row: Row, mut issues: Vec<(Option<String>, Issue)>) {
        match read_unit(row) {
            Ok(unit) if issues.is_empty() => {
                if !self.codes.contains(&unit.code) {
                    self.codes.insert(unit.code.clone());
                    self.units.push(unit);
                    return;
                }
                issues.push((Some(row.label("code")), Issue::Twice(unit.code)));
            }
            Ok(_) => {}
            Err(more) => issues.extend(more),
        }
        self.leave_out(number, issues);
    }

    /// Leaves row `number` out, with its issues.
    pub(crate) fn leave_out(&mut self, number: usize, issues: Vec<(Option<String>, Issue)>) {
        self.skipped += 1;
        self.problems.extend(issues.into_iter().map(|(column, issue)| RowProblem { row: number, column, issue }));
    }
}

/// Delimited text read: its units and problems, and the header cells that
/// name no column.
#[derive(Debug)]
pub(crate) struct Sheet {
    pub(crate) collected: Collector,
    pub(crate) ignored: Vec<String>,
}

/// Reads delimited text whose header cells `column` maps to columns of our
/// format (`None`: a column we do not read). The header's problems, and more
/// than [`MAX_ROWS`] rows, are fatal; a row with problems is left out. Rows
/// of empty cells are passed over.
pub(crate) fn read_delimited(
    data: &[u8],
    delimiter: u8,
    column: &dyn Fn(&str) -> Option<String>,
) -> Result<Sheet, RowProblem> {
    let data = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);
    let mut reader = csv::ReaderBuilder::new().has_headers(true).flexible(true).delimiter(delimiter).from_reader(data);
    let header = reader.headers().map_err(|e| RowProblem { row: 1, column: None, issue: csv_issue(&e) })?.clone();
    let header_row = header.position().map_or(1, |p| p.line() as usize);
    let names: Vec<Option<String>> = header.iter().map(column).collect();
    let mut columns = Columns::default();
    let mut ignored = Vec::new();
    for (position, (h, name)) in header.iter().zip(&names).enumerate() {
        match name {
            Some(c) if !columns.insert(c.as_str(), h.trim(), position) => {
                let issue = Issue::ColumnTwice;
                return Err(RowProblem { row: header_row, column: Some(h.trim().to_string()), issue });
            }
            Some(_) => {}
            None if h.trim().is_empty() => {}
            None => ignored.push(h.trim().to_string()),
        }
    }
    if !columns.index.contains_key("code") {
        return Err(RowProblem { row: header_row, column: Some("code".into()), issue: Issue::ColumnMissing });
    }
    let mut collected = Collector::default();
    for (n, record) in reader.records().enumerate() {
        let position = match &record {
            Ok(r) => r.position(),
            Err(e) => e.position(),
        };
        let number = position.map_or(n + header_row + 1, |p| p.line() as usize);
        collected.room(number)?;
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                collected.leave_out(number, vec![(None, csv_issue(&e))]);
                continue;
            }
        };
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if record.len() != header.len() {
            let issue = Issue::CellCount { expected: header.len(), found: record.len() };
            collected.leave_out(number, vec![(None, issue)]);
            continue;
        }
        let cells: Vec<Cell> = record.iter().map(Cell::Text).collect();
        collected.add(number, Row { columns: &columns, cells: &cells }, Vec::new());
    }
    Ok(Sheet { collected, ignored })
}

fn csv_issue(e: &csv::Error) -> Issue {
    match e.kind() {
        csv::ErrorKind::Utf8 { .. } => Issue::NotUtf8,
        _ => Issue::Csv(e.to_string()),
    }
}

/// Reads a reference table in our CSV format. Columns other than `code` are
/// optional; an empty cell is a missing value; a kind may be written in
/// either language ("Xã" is COMMUNE). The first problem found is
/// the error ([`crate::engine::import`] lists them all and keeps the good
/// rows).
pub fn read_csv(data: &[u8]) -> Result<Table, ReadError> {
    let sheet = read_delimited(data, b',', &|h| Some(h.trim().to_string()))?;
    match sheet.collected.problems.into_iter().next() {
        Some(p) => Err(p.into()),
        None => Ok(Table { units: sheet.collected.units }),
    }
}

/// The shipped table: the 34 provinces, year 2026 to date, captured 2026-10-10.
pub const PROVINCES_2026_CSV: &str = include_str!("../../data/provinces-2026-10-10.csv");

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
