//! Reading rows of our columns, from delimited text or the portal's JSON: a
//! header (or a JSON entry's fields) is resolved once to column ids, then
//! each row is read by id into a [`Unit`], keeping every problem of the row
//! ([`RowProblem`]); [`super::read_csv`] stops at the first.

use std::borrow::Cow;
use std::collections::BTreeSet;

use super::columns::{
    col, column_id, quantity, unit_kind, COLUMNS, COUNT_COLUMNS, GROUP_CODES, MAX_ROWS, RATE_COLUMN_IDS,
    SCORE_COLUMN_IDS, TOTAL_COLUMNS,
};
use super::problems::{Expected, Issue, RowProblem};
use super::{shorten, Unit};
use crate::engine::exact::{Frac, RoundMode};
use crate::engine::method::Cents;
use crate::engine::number::{self, Decimal, NumberError, NumberKind};

/// A column's id, known at compile time: `c!("tdgq_received")`.
macro_rules! c {
    ($name:literal) => {{
        const ID: usize = col($name);
        ID
    }};
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
#[derive(Debug)]
pub(crate) struct Columns<'a> {
    /// By column id: the cell's position and its name in the file.
    by_id: Vec<Option<(usize, Cow<'a, str>)>>,
    /// Group score columns (`g_<code>`), in the order of their names: the
    /// column's name, the cell's position and its name in the file.
    groups: Vec<(Cow<'a, str>, usize, Cow<'a, str>)>,
    /// Other columns, not read (kept to refuse one given twice).
    others: Vec<Cow<'a, str>>,
}

impl Default for Columns<'_> {
    fn default() -> Self {
        Columns { by_id: vec![None; COLUMNS.len()], groups: Vec::new(), others: Vec::new() }
    }
}

impl<'a> Columns<'a> {
    /// Puts `column` at `position`; false, and no change, when it is
    /// already there.
    fn insert(&mut self, column: impl Into<Cow<'a, str>>, label: impl Into<Cow<'a, str>>, position: usize) -> bool {
        let column = column.into();
        if column.strip_prefix("g_").is_some_and(|g| !g.is_empty()) {
            return match self.groups.binary_search_by(|(name, _, _)| name.as_ref().cmp(column.as_ref())) {
                Ok(_) => false,
                Err(at) => {
                    self.groups.insert(at, (column, position, label.into()));
                    true
                }
            };
        }
        match column_id(&column) {
            Some(id) if self.by_id[id].is_some() => false,
            Some(id) => {
                self.by_id[id] = Some((position, label.into()));
                true
            }
            None if self.others.contains(&column) => false,
            None => {
                self.others.push(column);
                true
            }
        }
    }

    pub(crate) fn has(&self, id: usize) -> bool {
        self.by_id[id].is_some()
    }
}

/// A row's cells: a record of delimited text, or cells built one by one.
#[derive(Clone, Copy, Debug)]
enum Cells<'r, 'a> {
    Record(&'a csv::StringRecord),
    Built(&'r [Cell<'a>]),
}

/// A row: its cells, and where each column is among them.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Row<'r, 'a> {
    columns: &'r Columns<'a>,
    cells: Cells<'r, 'a>,
}

impl<'a> Row<'_, 'a> {
    /// The name the file gives column `id`.
    pub(crate) fn label(&self, id: usize) -> String {
        self.columns.by_id[id].as_ref().map_or(COLUMNS[id], |(_, label)| label).to_string()
    }

    fn at(&self, position: usize) -> Option<Cell<'a>> {
        let cell = match self.cells {
            Cells::Record(r) => Cell::Text(r.get(position)?),
            Cells::Built(cells) => *cells.get(position)?,
        };
        match cell {
            Cell::Null => None,
            // Most cells start with a digit: no need to trim them to know.
            Cell::Text(t) if !t.as_bytes().first().is_some_and(u8::is_ascii_digit) && t.trim().is_empty() => None,
            cell => Some(cell),
        }
    }

    /// The cell of column `id`, with a value (not empty, not null).
    fn cell(&self, id: usize) -> Option<Cell<'a>> {
        self.at(self.columns.by_id[id].as_ref()?.0)
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
        Row { columns: &self.columns, cells: Cells::Built(&self.cells) }
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

type Issues = Vec<(Option<String>, Issue)>;

/// Reads the values of a row, keeping one issue per column.
struct Reader<'r, 'a> {
    row: Row<'r, 'a>,
    issues: Issues,
}

impl<'a> Reader<'_, 'a> {
    fn issue_at(&mut self, label: String, issue: Issue) {
        if !self.issues.iter().any(|(c, _)| c.as_deref() == Some(label.as_str())) {
            self.issues.push((Some(label), issue));
        }
    }

    fn issue(&mut self, id: usize, issue: Issue) {
        let label = self.row.label(id);
        self.issue_at(label, issue);
    }

    /// Column `id` is above `other`, the count it is part of.
    fn above(&mut self, id: usize, other: usize) {
        let other = self.row.label(other);
        self.issue(id, Issue::AboveColumn(other));
    }

    /// A text value (a JSON number is taken as written).
    fn text(&mut self, id: usize) -> Option<String> {
        match self.row.cell(id)? {
            Cell::Text(t) => Some(t.trim().to_string()),
            Cell::Number(n) => Some(n.to_string()),
            Cell::Null => None,
            Cell::Other(found) => {
                self.issue(id, Issue::Expected { expected: Expected::Text, found: found.to_string() });
                None
            }
        }
    }

    /// A number of `kind` from `cell`; its problem goes under `label`.
    fn number_in(&mut self, cell: Cell<'a>, label: impl FnOnce() -> String, kind: NumberKind) -> Option<Decimal> {
        let parsed = match cell {
            Cell::Null => return None,
            Cell::Text(t) => number::parse(t, kind),
            Cell::Number(n) => parse_json_number(n, kind),
            Cell::Other(_) => Err(NumberError::NotANumber),
        };
        match parsed {
            Ok(p) => Some(p.value),
            Err(error) => {
                self.issue_at(label(), Issue::Number { text: shown(cell), error });
                None
            }
        }
    }

    fn count(&mut self, id: usize) -> Option<u64> {
        let cell = self.row.cell(id)?;
        let row = self.row;
        self.number_in(cell, || row.label(id), NumberKind::Count).map(|d| d.mantissa)
    }

    /// A score or percentage (at most `max`) in hundredths, from `cell`.
    fn hundredths_in(&mut self, cell: Cell<'a>, label: &dyn Fn() -> String, max: u64) -> Option<Cents> {
        let value = self.number_in(cell, label, NumberKind::Decimal)?;
        if !value.at_most(max) {
            self.issue_at(label(), Issue::Above { text: shown(cell), max });
            return None;
        }
        if value.scale <= 2 {
            // Exact in hundredths: no rounding needed.
            return Some(value.mantissa as Cents * 10i64.pow(2 - value.scale));
        }
        let cents = Frac::new(value.mantissa as u128, 10u128.pow(value.scale)).scaled_round(2, RoundMode::HalfEven);
        Some(cents as Cents)
    }

    fn hundredths(&mut self, id: usize, max: u64) -> Option<Cents> {
        let cell = self.row.cell(id)?;
        let row = self.row;
        self.hundredths_in(cell, &|| row.label(id), max)
    }
}

/// Reads the unit of a row in our format's columns, or every issue found.
fn read_unit(row: Row) -> Result<Unit, Issues> {
    let mut r = Reader { row, issues: Vec::new() };
    let code = r.text(c!("code")).unwrap_or_default();
    if code.is_empty() {
        r.issue(c!("code"), Issue::EmptyCode);
    }
    let mut unit = Unit {
        name: r.text(c!("name")).unwrap_or_else(|| code.clone()),
        kind: r.text(c!("kind")).map(|k| unit_kind(&k)).unwrap_or_default(),
        code,
        ..Unit::default()
    };
    for &(column, slot) in &COUNT_COLUMNS {
        if let Some(v) = r.count(column) {
            unit.counts.set_at(slot, v);
        }
    }
    // The dossier total appears in several columns; they must agree.
    let mut total: Option<(u64, usize)> = None;
    for &column in &TOTAL_COLUMNS {
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
        unit.counts.set_at(quantity("dossiers_total"), t);
    }
    // Overdue dossiers: given, or received − on time.
    let received = r.count(c!("tdgq_received"));
    if let (None, Some(on_time), Some(received)) = (r.count(c!("tdgq_overdue")), r.count(c!("tdgq_on_time")), received)
    {
        match received.checked_sub(on_time) {
            Some(overdue) => unit.counts.set_at(quantity("dossiers_overdue"), overdue),
            None => r.above(c!("tdgq_on_time"), c!("tdgq_received")),
        }
    }
    // Dossiers with a complaint or a dislike: total − overdue − satisfied.
    if let (Some(sat), Some((t, _)), Some(overdue)) =
        (r.count(c!("satisfaction_num")), total, unit.counts.at(quantity("dossiers_overdue")))
    {
        match t.checked_sub(overdue).and_then(|x| x.checked_sub(sat)) {
            Some(disliked) => unit.counts.set_at(quantity("dossiers_disliked"), disliked),
            None => r.issue(c!("satisfaction_num"), Issue::AboveTotalMinusOverdue),
        }
    }
    // Complaints: overdue = total − on time; disliked or repeated = on time − satisfied.
    let petitions = r.count(c!("petitions_total")).or_else(|| r.count(c!("petition_on_time_den")));
    if let Some(p) = petitions {
        unit.counts.set_at(quantity("petitions_total"), p);
        if let Some(on_time) = r.count(c!("petition_on_time_num")) {
            match p.checked_sub(on_time) {
                Some(overdue) => unit.counts.set_at(quantity("petitions_overdue"), overdue),
                None => r.above(c!("petition_on_time_num"), c!("petitions_total")),
            }
            if let Some(sat) = r.count(c!("petition_satisfaction_num")) {
                match on_time.checked_sub(sat) {
                    Some(rest) => unit.counts.set_at(quantity("petitions_disliked_or_repeated"), rest),
                    None => r.above(c!("petition_satisfaction_num"), c!("petition_on_time_num")),
                }
            }
        }
    }
    for (slot, &column) in RATE_COLUMN_IDS.iter().enumerate() {
        if let Some(h) = r.hundredths(column, 100) {
            unit.rates.set_at(slot, h);
        }
    }
    for (slot, &column) in SCORE_COLUMN_IDS.iter().enumerate() {
        if let Some(v) = r.hundredths(column, 100) {
            unit.published.indicators.set_at(slot, v);
        }
    }
    for (name, position, label) in &row.columns.groups {
        let Some(cell) = row.at(*position) else { continue };
        if let Some(v) = r.hundredths_in(cell, &|| label.to_string(), 100) {
            let code = &name[2..];
            match GROUP_CODES.iter().position(|g| *g == code) {
                Some(slot) => unit.published.groups.set_at(slot, v),
                None => unit.published.groups.insert(code, v),
            }
        }
    }
    if let Some(v) = r.hundredths(c!("tttt_score"), 100) {
        if !unit.published.groups.contains_key("TTTT") {
            unit.published.groups.insert("TTTT", v);
        }
    }
    unit.published.total = r.hundredths(c!("total"), 100);
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
    pub(crate) fn add(&mut self, number: usize, row: Row, mut issues: Issues) {
        match read_unit(row) {
            Ok(unit) if issues.is_empty() => {
                if !self.codes.contains(&unit.code) {
                    self.codes.insert(unit.code.clone());
                    self.units.push(unit);
                    return;
                }
                issues.push((Some(row.label(c!("code"))), Issue::Twice(unit.code)));
            }
            Ok(_) => {}
            Err(more) => issues.extend(more),
        }
        self.leave_out(number, issues);
    }

    /// Leaves row `number` out, with its issues.
    pub(crate) fn leave_out(&mut self, number: usize, issues: Issues) {
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
    let mut columns = Columns::default();
    let mut ignored = Vec::new();
    for (position, h) in header.iter().enumerate() {
        match column(h) {
            Some(c) => {
                if !columns.insert(c, h.trim(), position) {
                    let issue = Issue::ColumnTwice;
                    return Err(RowProblem { row: header_row, column: Some(h.trim().to_string()), issue });
                }
            }
            None if h.trim().is_empty() => {}
            None => ignored.push(h.trim().to_string()),
        }
    }
    if !columns.has(c!("code")) {
        return Err(RowProblem { row: header_row, column: Some("code".into()), issue: Issue::ColumnMissing });
    }
    let mut collected = Collector::default();
    let mut record = csv::StringRecord::new();
    let mut n = 0;
    loop {
        let read = reader.read_record(&mut record);
        let number = record.position().map_or(n + header_row + 1, |p| p.line() as usize);
        n += 1;
        match read {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let number = e.position().map_or(number, |p| p.line() as usize);
                collected.room(number)?;
                collected.leave_out(number, vec![(None, csv_issue(&e))]);
                continue;
            }
        }
        collected.room(number)?;
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if record.len() != header.len() {
            let issue = Issue::CellCount { expected: header.len(), found: record.len() };
            collected.leave_out(number, vec![(None, issue)]);
            continue;
        }
        collected.add(number, Row { columns: &columns, cells: Cells::Record(&record) }, Vec::new());
    }
    collected.units.shrink_to_fit();
    Ok(Sheet { collected, ignored })
}

fn csv_issue(e: &csv::Error) -> Issue {
    match e.kind() {
        csv::ErrorKind::Utf8 { .. } => Issue::NotUtf8,
        _ => Issue::Csv(e.to_string()),
    }
}
