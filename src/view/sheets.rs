//! Workbooks for Excel, as data: the results (the comparison and every
//! indicator's points), the batch table and the history, each a [`Book`] of
//! sheets with a title row, a line naming the unit, period, method and date,
//! a header and rows of numbers and text. Pure; laid out and written only
//! by the workbook module the app loads on first use (`src/bin/sheets.rs`,
//! which gets the session as the codec writes it) and by the `score`
//! command, both through `crate::workbook` (rust_xlsxwriter).
//! Numbers stay numbers (shown with two decimals, "11,46" under Vietnamese
//! settings); sheet names and labels follow the language.

use super::ColumnResult;
use crate::engine::batch::Scored;
use crate::engine::{Cents, Methodology, Table};
use crate::session::Session;
use crate::text::t;

/// A workbook: its sheets, in order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Book {
    pub sheets: Vec<Sheet>,
}

/// One sheet: a title row, a line of context, a header row (frozen with the
/// first column) and the rows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sheet {
    /// At most 31 characters, none of `[]:*?/\` (Excel's rule).
    pub name: String,
    pub title: String,
    /// "Đơn vị: … · Bảng tham chiếu: … · Cách tính: … · Ngày: …"
    pub context: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    /// Column widths in characters (the first, then all others).
    pub widths: (f64, f64),
}

/// A cell: a number (written as a number with two decimals), text, or nothing.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Number(f64),
    Text(String),
    Empty,
}

impl Cell {
    fn cents(value: Option<Cents>) -> Cell {
        value.map_or(Cell::Empty, |c| Cell::Number(c as f64 / 100.0))
    }
    fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }
}

/// A sheet name as Excel accepts it: the forbidden characters replaced, at
/// most 31 UTF-16 units.
pub fn sheet_name(name: &str) -> String {
    let clean: String = name.chars().map(|c| if "[]:*?/\\".contains(c) { '-' } else { c }).collect();
    let mut out = String::new();
    for c in clean.trim().trim_matches('\'').chars() {
        if out.encode_utf16().count() + c.len_utf16() > 31 {
            break;
        }
        out.push(c);
    }
    out
}

/// The context line of every sheet.
fn context(session: &Session, date: &str) -> String {
    let lang = session.lang;
    let s = t(lang);
    let method = session.method();
    let unit = session.unit().map(|u| u.name).unwrap_or_else(|| s.library_own_figures.to_string());
    format!(
        "{}: {unit} · {}: {} · {}: {} ({}) · {}: {date}",
        s.sheet_unit,
        s.sheet_reference,
        session.reference().name.get(lang),
        s.profile,
        method.name.get(lang),
        method.version,
        s.sheet_date
    )
}

/// The comparison (groups, total, band, rank) and every indicator's points,
/// one sheet each, a column per scenario as on screen.
pub fn results_book(session: &Session, cols: &[ColumnResult], date: &str) -> Book {
    let lang = session.lang;
    let s = t(lang);
    let method = session.method();
    let context = context(session, date);
    let mut header = vec![s.view_item.to_string()];
    header.extend(cols.iter().map(|c| c.name.clone()));
    let mut compare = Vec::new();
    for (g, group) in method.groups.iter().enumerate() {
        let mut row = vec![Cell::text(format!("{} {}", group.id, group.name.get(lang)))];
        row.extend(cols.iter().map(|c| Cell::cents(c.groups[g])));
        compare.push(row);
    }
    let mut total = vec![Cell::text(s.view_total)];
    total.extend(cols.iter().map(|c| Cell::cents(c.total)));
    compare.push(total);
    let mut band = vec![Cell::text(s.view_band)];
    band.extend(cols.iter().map(|c| c.band.map_or(Cell::Empty, |b| Cell::text(method.bands[b].name.get(lang)))));
    compare.push(band);
    let mut rank = vec![Cell::text(s.view_rank)];
    rank.extend(cols.iter().map(|c| c.rank.map_or(Cell::Empty, |(r, of)| Cell::text(format!("{r}/{of}")))));
    compare.push(rank);
    let indicators = method
        .indicators
        .iter()
        .enumerate()
        .filter(|(_, ind)| !ind.is_display_only())
        .map(|(i, ind)| {
            let mut row = vec![Cell::text(format!("{} {}", ind.id, ind.name.get(lang)))];
            row.extend(cols.iter().map(|c| Cell::cents(c.indicators[i])));
            row
        })
        .collect();
    Book {
        sheets: vec![
            Sheet {
                name: sheet_name(s.sheet_comparison),
                title: s.sheet_comparison_title.to_string(),
                context: context.clone(),
                header: header.clone(),
                rows: compare,
                widths: (34.0, 16.0),
            },
            Sheet {
                name: sheet_name(s.sheet_indicators),
                title: s.sheet_indicators_title.to_string(),
                context,
                header,
                rows: indicators,
                widths: (60.0, 16.0),
            },
        ],
    }
}

/// Every unit of a batch: code, name, kind, the group scores, the total
/// beside the published one and their difference, band and rank.
pub fn batch_book(session: &Session, method: &Methodology, table: &Table, scored: &[Scored], date: &str) -> Book {
    let lang = session.lang;
    let s = t(lang);
    let mut header: Vec<String> = [s.sheet_code, s.sheet_name, s.sheet_kind].map(String::from).to_vec();
    header.extend(method.groups.iter().map(|g| g.id.clone()));
    header.extend([s.view_total, s.sheet_published, s.sheet_difference, s.view_band, s.view_rank].map(String::from));
    let rows = scored
        .iter()
        .filter_map(|sc| {
            let u = table.units.get(sc.index)?;
            let mut row = vec![Cell::text(&u.code), Cell::text(&u.name), Cell::text(&u.kind)];
            row.extend(sc.groups.iter().map(|g| Cell::cents(*g)));
            row.extend([Cell::cents(sc.total), Cell::cents(sc.published), Cell::cents(sc.difference())]);
            row.push(sc.band.map_or(Cell::Empty, |b| Cell::text(method.bands[b].name.get(lang))));
            row.push(sc.rank.map_or(Cell::Empty, |r| Cell::Number(r as f64)));
            Some(row)
        })
        .collect();
    let mut context = context(session, date);
    if method.id != session.method().id {
        context = format!("{context} · {}: {}", s.profile, method.name.get(lang));
    }
    Book {
        sheets: vec![Sheet {
            name: sheet_name(s.sheet_batch),
            title: s.sheet_batch_title.to_string(),
            context,
            header,
            rows,
            widths: (16.0, 12.0),
        }],
    }
}

/// The unit's history: period, total, rank (of how many) and the group scores.
pub fn history_book(session: &Session, date: &str) -> Book {
    let lang = session.lang;
    let s = t(lang);
    let method = session.method();
    let (points, _) = session.history.check(method);
    // Rank and "of" in columns of their own, as numbers (and as the history
    // importer reads them back).
    let mut header = [s.sheet_period, s.view_total, s.view_rank, s.sheet_of].map(String::from).to_vec();
    header.extend(method.groups.iter().map(|g| g.id.clone()));
    let rows = points
        .iter()
        .map(|p| {
            let mut row = vec![Cell::text(&p.period), Cell::cents(Some(p.total))];
            match p.rank {
                Some((r, of)) => row.extend([Cell::Number(r as f64), Cell::Number(of as f64)]),
                None => row.extend([Cell::Empty, Cell::Empty]),
            }
            match &p.groups {
                Some(groups) => row.extend(groups.iter().map(|g| Cell::cents(Some(*g)))),
                None => row.extend(method.groups.iter().map(|_| Cell::Empty)),
            }
            row
        })
        .collect();
    Book {
        sheets: vec![Sheet {
            name: sheet_name(s.sheet_history),
            title: s.sheet_history_title.to_string(),
            context: context(session, date),
            header,
            rows,
            widths: (14.0, 12.0),
        }],
    }
}
