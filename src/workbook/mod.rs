//! Excel workbooks (feature `workbook`): a [`Book`] written with
//! rust_xlsxwriter, and a sheet of a workbook (xlsx, xls, xlsb, ods) read
//! with calamine into rows of text that the table and history importers
//! read as they read a pasted table. Used natively by the `score` command
//! and, in the browser, by the workbook module the app loads on first use
//! (`src/bin/sheets.rs`).
//!
//! Reading is bounded: an xlsx sheet is read cell by cell and refused past
//! [`MAX_ROWS`] rows or [`MAX_COLUMNS`] columns (a small file can declare a
//! cell at XFD1048576, which a dense read would try to allocate). calamine
//! can panic on a damaged file (fuzzing found a slice index out of range in
//! its .xls container reader, `tests/fixtures/workbooks/damaged.xls`):
//! natively the panic is caught and said as [`WorkbookError::Damaged`]; in
//! the browser, where a panic stops the module, `boot.js` starts a fresh
//! instance for the next file.

use std::fmt;
use std::io::Cursor;

use calamine::{Data, DataRef, Reader, Sheets};
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook};

use crate::view::sheets::{Book, Cell};

/// The most rows and columns read from a sheet.
pub const MAX_ROWS: u32 = 200_000;
pub const MAX_COLUMNS: u32 = 256;

/// Why a workbook could not be written or read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WorkbookError {
    /// Not a workbook calamine reads (the reason, in English).
    Unreadable(String),
    /// The workbook has no sheet (or no sheet of that name).
    NoSheet(String),
    /// A sheet larger than [`MAX_ROWS`] × [`MAX_COLUMNS`].
    TooLarge { rows: u32, columns: u32 },
    /// rust_xlsxwriter refused (the reason, in English).
    Write(String),
    /// The reader stopped on the file (its panic, in English).
    Damaged(String),
}

impl fmt::Display for WorkbookError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WorkbookError::Unreadable(why) => write!(f, "not a workbook that can be read ({why})"),
            WorkbookError::NoSheet(name) if name.is_empty() => write!(f, "the workbook has no sheet"),
            WorkbookError::NoSheet(name) => write!(f, "the workbook has no sheet named “{name}”"),
            WorkbookError::TooLarge { rows, columns } => {
                write!(f, "the sheet reaches row {rows} or column {columns}, more than {MAX_ROWS} rows × {MAX_COLUMNS} columns")
            }
            WorkbookError::Write(why) => write!(f, "the workbook could not be written ({why})"),
            WorkbookError::Damaged(why) => write!(f, "the file is damaged: the workbook reader stopped ({why})"),
        }
    }
}

impl std::error::Error for WorkbookError {}

/// The .xlsx bytes of a book: per sheet, a bold title on row 1, the context
/// on row 2, a bold header on row 4 and the rows below, frozen above the
/// data and right of the first column; numbers as numbers with two decimals.
pub fn write(book: &Book) -> Result<Vec<u8>, WorkbookError> {
    let err = |e: rust_xlsxwriter::XlsxError| WorkbookError::Write(e.to_string());
    let mut wb = Workbook::new();
    let title = Format::new().set_bold().set_font_size(14).set_align(FormatAlign::Left);
    let context = Format::new().set_italic();
    let header = Format::new().set_bold().set_border_bottom(FormatBorder::Thin).set_text_wrap();
    let number = Format::new().set_num_format("0.00");
    for sheet in &book.sheets {
        let ws = wb.add_worksheet();
        ws.set_name(&sheet.name).map_err(err)?;
        ws.write_string_with_format(0, 0, &sheet.title, &title).map_err(err)?;
        ws.write_string_with_format(1, 0, &sheet.context, &context).map_err(err)?;
        for (c, h) in sheet.header.iter().enumerate() {
            ws.write_string_with_format(3, c as u16, h, &header).map_err(err)?;
        }
        for (r, row) in sheet.rows.iter().enumerate() {
            let r = 4 + r as u32;
            for (c, cell) in row.iter().enumerate() {
                let c = c as u16;
                match cell {
                    Cell::Number(v) => ws.write_number_with_format(r, c, *v, &number).map(|_| ()).map_err(err)?,
                    Cell::Text(s) => ws.write_string(r, c, s).map(|_| ()).map_err(err)?,
                    Cell::Empty => {}
                }
            }
        }
        ws.set_column_width(0, sheet.widths.0).map_err(err)?;
        for c in 1..sheet.header.len().max(1) as u16 {
            ws.set_column_width(c, sheet.widths.1).map_err(err)?;
        }
        ws.set_freeze_panes(4, 1).map_err(err)?;
    }
    wb.save_to_buffer().map_err(err)
}

/// A sheet read as rows of text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReadSheet {
    /// Every sheet's name, in order.
    pub names: Vec<String>,
    /// The sheet read.
    pub name: String,
    /// Its rows from A1, each cell as text: numbers written plainly
    /// ("1234", "78.5"), dates as dd/mm/yyyy, empty cells as "".
    pub rows: Vec<Vec<String>>,
}

/// Reads sheet `sheet` (a name; empty: the first) of a workbook.
pub fn read(bytes: &[u8], sheet: &str) -> Result<ReadSheet, WorkbookError> {
    #[cfg(panic = "unwind")]
    {
        std::panic::catch_unwind(|| read_sheet(bytes, sheet)).unwrap_or_else(|payload| {
            let why = payload
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| payload.downcast_ref::<&str>().copied())
                .unwrap_or("a panic");
            Err(WorkbookError::Damaged(why.to_string()))
        })
    }
    #[cfg(not(panic = "unwind"))]
    read_sheet(bytes, sheet)
}

fn read_sheet(bytes: &[u8], sheet: &str) -> Result<ReadSheet, WorkbookError> {
    let mut wb = calamine::open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| WorkbookError::Unreadable(e.to_string()))?;
    let names = wb.sheet_names();
    let name = if sheet.is_empty() { names.first().cloned() } else { names.iter().find(|n| *n == sheet).cloned() };
    let name = name.ok_or_else(|| WorkbookError::NoSheet(sheet.to_string()))?;
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut put = |r: u32, c: u32, text: String| -> Result<(), WorkbookError> {
        if r >= MAX_ROWS || c >= MAX_COLUMNS {
            return Err(WorkbookError::TooLarge { rows: r + 1, columns: c + 1 });
        }
        if text.is_empty() {
            return Ok(());
        }
        let (r, c) = (r as usize, c as usize);
        if rows.len() <= r {
            rows.resize(r + 1, Vec::new());
        }
        if rows[r].len() <= c {
            rows[r].resize(c + 1, String::new());
        }
        rows[r][c] = text;
        Ok(())
    };
    if let Sheets::Xlsx(xlsx) = &mut wb {
        // Cell by cell: only the cells present are read.
        let mut cells = xlsx.worksheet_cells_reader(&name).map_err(|e| WorkbookError::Unreadable(e.to_string()))?;
        while let Some(cell) = cells.next_cell().map_err(|e| WorkbookError::Unreadable(e.to_string()))? {
            let (r, c) = cell.get_position();
            put(r, c, text_ref(cell.get_value()))?;
        }
    } else {
        let range = wb.worksheet_range(&name).map_err(|e| WorkbookError::Unreadable(e.to_string()))?;
        let (r0, c0) = range.start().unwrap_or((0, 0));
        for (r, row) in range.rows().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                put(r0 + r as u32, c0 + c as u32, text(cell))?;
            }
        }
    }
    Ok(ReadSheet { names, name, rows })
}

fn text(cell: &Data) -> String {
    match cell {
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number(*f),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.trim().to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => date(d.as_f64()),
        Data::Error(_) | Data::Empty => String::new(),
    }
}

fn text_ref(cell: &DataRef<'_>) -> String {
    match cell {
        DataRef::SharedString(s) => s.trim().to_string(),
        other => text(&Data::from(other.clone())),
    }
}

/// A number as the importers read it unambiguously: whole numbers plainly,
/// others with a dot and at most six decimals.
pub fn number(f: f64) -> String {
    if !f.is_finite() {
        return String::new();
    }
    if f.fract() == 0.0 && f.abs() < 1e15 {
        return format!("{}", f as i64);
    }
    let s = format!("{f:.6}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// An Excel date serial (days since 1899-12-30) as dd/mm/yyyy.
fn date(serial: f64) -> String {
    let days = serial.floor() as i64 - 25_569; // 1970-01-01
    let (y, m, d) = crate::view::saved::civil_date(days);
    format!("{d:02}/{m:02}/{y}")
}

#[cfg(test)]
mod tests;
