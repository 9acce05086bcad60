//! Delimited text: our CSV format, or a table pasted from a spreadsheet.

use super::{preview, ImportError, Preview, Shape};
use crate::engine::reference;

/// Header names of a pasted table (as [`reference::key`] reduces them):
/// column of our format → names in Vietnamese and English. Our own column
/// names are accepted too, in any case.
pub const HEADERS: &[(&str, &[&str])] = &[
    ("code", &["code", "ma", "ma don vi", "ma dv", "unit code"]),
    ("name", &["name", "ten", "ten don vi", "don vi", "unit", "unit name"]),
    ("kind", &["kind", "loai", "loai don vi", "type"]),
    ("total", &["total", "tong diem", "diem", "score", "total score", "tong"]),
    ("g_CKMB", &["ckmb", "cong khai minh bach", "cong khai", "publicity", "publicity and transparency"]),
    (
        "g_TDGQ",
        &[
            "tdgq",
            "tien do",
            "tien do giai quyet",
            "tien do ket qua giai quyet",
            "timeliness",
            "timeliness of handling",
        ],
    ),
    (
        "g_ONLINE",
        &[
            "online",
            "dvctt",
            "dvc truc tuyen",
            "dich vu cong truc tuyen",
            "dich vu truc tuyen",
            "online services",
            "online public services",
        ],
    ),
    ("g_CLGQ", &["clgq"]),
    ("g_TTTT", &["tttt", "thanh toan", "thanh toan truc tuyen", "payment", "online payment"]),
    ("g_MDHL", &["mdhl", "hai long", "muc do hai long", "satisfaction"]),
    ("g_MDSH", &["mdsh", "so hoa", "so hoa ho so", "digitisation", "digitization", "digitisation of dossiers"]),
];

/// The column of our format a pasted header names, if any.
pub(super) fn pasted_column(header: &str) -> Option<String> {
    let k = reference::key(header);
    if let Some(&(column, _)) = HEADERS.iter().find(|(_, names)| names.contains(&k.as_str())) {
        return Some(column.to_string());
    }
    let name = header.trim().to_ascii_lowercase();
    match name.strip_prefix("g_") {
        Some(group) if !group.is_empty() => Some(format!("g_{}", group.to_ascii_uppercase())),
        _ => reference::is_column(&name).then_some(name),
    }
}

/// The separator of a header line: a tab if there is one, else semicolons
/// if they outnumber commas, else commas if any.
fn separator(header: &str) -> u8 {
    let (semicolons, commas) = (header.matches(';').count(), header.matches(',').count());
    if header.contains('\t') || (semicolons == 0 && commas == 0) {
        b'\t'
    } else if semicolons > commas {
        b';'
    } else {
        b','
    }
}

pub(super) fn from_delimited(text: &str, tab: bool) -> Result<Preview, ImportError> {
    let header = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let separator = if tab { b'\t' } else { separator(header) };
    let cells = || header.split(separator as char).map(|h| h.trim().trim_matches('"'));
    let ours = separator == b',' && cells().any(|h| h == "code") && cells().all(reference::is_column);
    let (shape, sheet) = if ours {
        (Shape::Csv, reference::read_delimited(text.as_bytes(), separator, &|h| Some(h.trim().to_string())))
    } else {
        if !cells().any(|h| pasted_column(h).is_some()) {
            return Err(ImportError::Unrecognised);
        }
        (
            Shape::Pasted { separator: separator as char },
            reference::read_delimited(text.as_bytes(), separator, &pasted_column),
        )
    };
    let sheet = sheet.map_err(ImportError::Table)?;
    Ok(preview(shape, sheet.collected, sheet.ignored))
}
