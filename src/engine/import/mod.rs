//! Importers of reference tables: a file, or text pasted from a spreadsheet,
//! becomes a [`Table`], with a preview of the problems of each row.
//!
//! The shape is found from the content (and a file name's extension):
//!
//! - the portal's **evaluation response** JSON (`{"code":"OK","data":{"evaluation":[…]}}`,
//!   `{"evaluation":[…]}` or a bare list of its entries): published total
//!   and group scores;
//! - the portal's **detail** JSON (a list under `provinces`, `units`,
//!   `departments` or `items`, or a bare list whose entries have
//!   `componentIndicators` or `childGroup`): counts and published scores,
//!   mapped to the columns of our CSV format and read by the same reader;
//! - the portal's **payment tree** and **online-services tree** (`{"data":
//!   {"parent": {…}, "children": […]}}`): TTTT's or ONLINE's counts and the
//!   group's published score, for a unit and its agencies and communes;
//! - **our CSV format** (`data/README.md`): comma-separated, every header
//!   one of our columns;
//! - a **pasted table**: tab-separated (or semicolon- or comma-separated
//!   when the header line clearly is), headers in Vietnamese or English
//!   (see [`HEADERS`]) or our column names, numbers in either convention.
//!
//! A row with problems is left out of the table and listed; a unit without a
//! code is such a row (no code is made up from a name). A unit's kind
//! defaults to PROVINCE in the portal's JSON (no `childGroup`); `rank` and
//! `groupRank` are not read, since the engine ranks units itself.
//! Whatever the input, the importers return, never panic.
//!
//! Several files (a detail capture and the two trees, say) become one table
//! with [`merge`]: units matched by code, each file filling what the others
//! lack.

use std::fmt;

use super::i18n::Lang;
use super::reference::{Collector, Table};
use crate::text::{self, fill};

pub use super::reference::{Expected, Issue, RowProblem};

mod delimited;
mod merge;
mod portal;
mod tree;

use delimited::from_delimited;
pub use delimited::HEADERS;
pub use merge::merge;
use portal::from_json;

/// The largest input accepted, checked before anything is parsed.
pub const MAX_BYTES: usize = 20 * 1024 * 1024;

/// What kind of content was imported.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// The portal's evaluation response: published total and group scores.
    Evaluation,
    /// The portal's per-unit detail: counts and published scores.
    Detail,
    /// The portal's online-payment tree: TTTT's counts and scores.
    PaymentTree,
    /// The portal's online-services tree: ONLINE's counts and scores.
    OnlineTree,
    /// Our CSV format.
    Csv,
    /// A table pasted from a spreadsheet, with its separator.
    Pasted { separator: char },
    /// A sheet of a workbook (xlsx, xls, ods).
    Workbook,
}

impl Shape {
    /// The shape's name in `lang`.
    pub fn name(self, lang: Lang) -> &'static str {
        let t = text::t(lang);
        match self {
            Shape::Evaluation => t.shape_evaluation,
            Shape::Detail => t.shape_detail,
            Shape::PaymentTree => t.shape_payment_tree,
            Shape::OnlineTree => t.shape_online_tree,
            Shape::Csv => t.shape_csv,
            Shape::Pasted { .. } => t.shape_pasted,
            Shape::Workbook => t.shape_workbook,
        }
    }
}

/// An imported table and what was left out of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Preview {
    pub shape: Shape,
    /// The shapes of the files merged into this one, after the first.
    pub merged: Vec<Shape>,
    /// The units without problems, in the order of the input.
    pub table: Table,
    /// The problems of the rows left out, in the order of the input.
    pub problems: Vec<RowProblem>,
    /// How many rows (or JSON entries) were left out.
    pub skipped: usize,
    /// Header cells of a table that name no column we read (left out).
    pub ignored_columns: Vec<String>,
}

/// Why nothing could be imported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportError {
    /// Nothing but spaces.
    Empty,
    /// Not UTF-8 text: the offset of the first bad byte (0 = the first byte).
    NotUtf8 { offset: usize },
    /// Above [`MAX_BYTES`].
    TooLarge { bytes: usize },
    /// Neither the portal's JSON nor a table with a header we know.
    Unrecognised,
    /// A JSON syntax error, 1-based; `truncated` when the text ends too early.
    Json { line: usize, column: usize, truncated: bool },
    /// A table whose header cannot be used, or with too many rows.
    Table(RowProblem),
    /// Every row has problems, or there are none.
    NoUnits { skipped: usize, problems: Vec<RowProblem> },
}

impl ImportError {
    /// The error in `lang`, short.
    pub fn message(&self, lang: Lang) -> String {
        let t = text::t(lang);
        match self {
            ImportError::Empty => t.import_empty.into(),
            ImportError::NotUtf8 { offset } => fill(t.import_not_utf8, &[("offset", &offset.to_string())]),
            ImportError::TooLarge { bytes } => {
                let (mb, max) = (bytes.div_ceil(1 << 20), MAX_BYTES >> 20);
                fill(t.import_too_large, &[("mb", &mb.to_string()), ("max", &max.to_string())])
            }
            ImportError::Unrecognised => t.import_unrecognised.into(),
            ImportError::Json { line, column, truncated } => fill(
                if *truncated { t.import_json_truncated } else { t.import_json_syntax },
                &[("line", &line.to_string()), ("column", &column.to_string())],
            ),
            ImportError::Table(problem) => problem.message(lang),
            ImportError::NoUnits { skipped: 0, .. } => t.import_no_units.into(),
            ImportError::NoUnits { skipped, .. } => fill(t.import_no_usable_units, &[("n", &skipped.to_string())]),
        }
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for ImportError {}

/// Imports a file: its bytes and, optionally, its name (an extension of
/// `.json` means JSON, `.tsv` tab-separated; the content decides otherwise).
pub fn import(data: &[u8], file_name: Option<&str>) -> Result<Preview, ImportError> {
    if data.len() > MAX_BYTES {
        return Err(ImportError::TooLarge { bytes: data.len() });
    }
    let body = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);
    let text = std::str::from_utf8(body)
        .map_err(|e| ImportError::NotUtf8 { offset: data.len() - body.len() + e.valid_up_to() })?;
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    let extension = file_name.and_then(|n| n.rsplit_once('.')).map(|(_, e)| e.to_ascii_lowercase());
    let preview = if extension.as_deref() == Some("json") || text.trim_start().starts_with(['{', '[']) {
        from_json(text)?
    } else {
        from_delimited(text, extension.as_deref() == Some("tsv"))?
    };
    if preview.table.units.is_empty() {
        return Err(ImportError::NoUnits { skipped: preview.skipped, problems: preview.problems });
    }
    Ok(preview)
}

/// Imports a workbook's sheet, read as rows of text (see
/// [`sheet_text`]), with the same header recognition and row problems as a
/// pasted table.
pub fn import_sheet(rows: &[Vec<String>]) -> Result<Preview, ImportError> {
    let text = sheet_text(rows).ok_or(ImportError::Unrecognised)?;
    let mut preview = from_delimited(&text, true)?;
    preview.shape = Shape::Workbook;
    if preview.table.units.is_empty() {
        return Err(ImportError::NoUnits { skipped: preview.skipped, problems: preview.problems });
    }
    Ok(preview)
}

/// A sheet's rows as tab-separated text from its header on: the header is
/// the first row, among the first 30, that names at least two columns we
/// read (`known`), so that title rows above it, as report workbooks have,
/// are passed over; empty rows are left out. `None` when no row qualifies.
pub fn sheet_text_with(rows: &[Vec<String>], known: impl Fn(&str) -> bool) -> Option<String> {
    let header = rows.iter().take(30).position(|r| r.iter().filter(|c| known(c)).count() >= 2)?;
    let line = |r: &Vec<String>| r.iter().map(|c| c.replace(['\t', '\n', '\r'], " ")).collect::<Vec<_>>().join("\t");
    let lines: Vec<String> =
        rows[header..].iter().filter(|r| r.iter().any(|c| !c.trim().is_empty())).map(line).collect();
    Some(lines.join("\n"))
}

/// [`sheet_text_with`] for reference tables.
pub fn sheet_text(rows: &[Vec<String>]) -> Option<String> {
    sheet_text_with(rows, |c| delimited::pasted_column(c).is_some())
}

/// Imports pasted text.
pub fn import_text(text: &str) -> Result<Preview, ImportError> {
    import(text.as_bytes(), None)
}

fn preview(shape: Shape, collected: Collector, ignored_columns: Vec<String>) -> Preview {
    Preview {
        shape,
        merged: Vec::new(),
        table: Table { units: collected.units },
        problems: collected.problems,
        skipped: collected.skipped,
        ignored_columns,
    }
}
