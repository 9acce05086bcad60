//! What is wrong with a value, a row or the header of a table, and the
//! error of a file that could not be read.

use std::fmt;

use super::columns::MAX_ROWS;
use crate::engine::i18n::Lang;
use crate::engine::number::NumberError;
use crate::text::{self, fill};

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
