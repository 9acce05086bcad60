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

use std::fmt;

use serde_json::{Map, Value};

use super::i18n::Lang;
use super::reference::{self, Cell, Collector, RowBuilder, Table};

pub use super::reference::{Expected, Issue, RowProblem};

/// The largest input accepted, checked before anything is parsed.
pub const MAX_BYTES: usize = 20 * 1024 * 1024;

/// What kind of content was imported.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// The portal's evaluation response: published total and group scores.
    Evaluation,
    /// The portal's per-unit detail: counts and published scores.
    Detail,
    /// Our CSV format.
    Csv,
    /// A table pasted from a spreadsheet, with its separator.
    Pasted { separator: char },
}

impl Shape {
    /// The shape's name in `lang`.
    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            Shape::Evaluation => lang.pick("Kết quả đánh giá của Cổng (JSON)", "Portal evaluation response (JSON)"),
            Shape::Detail => lang.pick("Số liệu chi tiết của Cổng (JSON)", "Portal detail data (JSON)"),
            Shape::Csv => lang.pick("Tệp CSV của ứng dụng", "Our CSV format"),
            Shape::Pasted { .. } => lang.pick("Bảng dán từ bảng tính", "Table pasted from a spreadsheet"),
        }
    }
}

/// An imported table and what was left out of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Preview {
    pub shape: Shape,
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
        match self {
            ImportError::Empty => lang.pick("Không có gì để nhập: nội dung trống", "Nothing to import: empty").into(),
            ImportError::NotUtf8 { offset } => lang.pick(
                format!("Không phải văn bản UTF-8 (byte thứ {offset}, đếm từ 0)"),
                format!("Not UTF-8 text (at byte offset {offset})"),
            ),
            ImportError::TooLarge { bytes } => {
                let (mb, max) = (bytes.div_ceil(1 << 20), MAX_BYTES >> 20);
                lang.pick(
                    format!("Tệp quá lớn: {mb} MB (tối đa {max} MB)"),
                    format!("The file is too large: {mb} MB ({max} MB at most)"),
                )
            }
            ImportError::Unrecognised => lang
                .pick(
                    "Không nhận ra nội dung: cần JSON của Cổng, tệp CSV hoặc bảng có dòng tiêu đề",
                    "Unrecognised content: expected the portal's JSON, our CSV or a table with a header",
                )
                .into(),
            ImportError::Json { line, column, truncated: true } => lang.pick(
                format!("JSON bị cắt cụt (dòng {line}, cột {column})"),
                format!("The JSON ends too early (line {line}, column {column})"),
            ),
            ImportError::Json { line, column, truncated: false } => lang.pick(
                format!("Lỗi cú pháp JSON ở dòng {line}, cột {column}"),
                format!("JSON syntax error at line {line}, column {column}"),
            ),
            ImportError::Table(problem) => problem.message(lang),
            ImportError::NoUnits { skipped: 0, .. } => lang.pick("Không có đơn vị nào", "No unit to import").into(),
            ImportError::NoUnits { skipped, .. } => lang.pick(
                format!("Không có đơn vị nào dùng được ({skipped} dòng có lỗi)"),
                format!("No usable unit ({skipped} rows with problems)"),
            ),
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

/// Imports pasted text.
pub fn import_text(text: &str) -> Result<Preview, ImportError> {
    import(text.as_bytes(), None)
}

fn preview(shape: Shape, collected: Collector, ignored_columns: Vec<String>) -> Preview {
    Preview {
        shape,
        table: Table { units: collected.units },
        problems: collected.problems,
        skipped: collected.skipped,
        ignored_columns,
    }
}

// --- The portal's JSON ------------------------------------------------------

/// Keys of the detail capture's list of units.
const LIST_KEYS: &[&str] = &["provinces", "units", "departments", "items"];

/// A unit's own fields: JSON field → column of our format.
const UNIT_FIELDS: &[(&str, &str)] =
    &[("departmentCode", "code"), ("departmentName", "name"), ("childGroup", "kind"), ("totalScore", "total")];

/// Fields of `componentIndicators` (keyed by group, as in `TDGQ_TienDoGiaiQuyet`):
/// group, field, column of our format.
const COMPONENT_FIELDS: &[(&str, &str, &str)] = &[
    ("TDGQ", "totalReceived", "tdgq_received"),
    ("TDGQ", "totalOnTime", "tdgq_on_time"),
    ("TDGQ", "totalOverdue", "tdgq_overdue"),
    ("TDGQ", "score", "tdgq_score"),
    ("TTTT", "totalDossierOnlinePaymentSuccess", "pay_dossier_success"),
    ("TTTT", "totalDossierFinancialObligation", "pay_dossier_obligation"),
    ("TTTT", "totalDossierOnlineFormalityPaymentSuccess", "pay_formality_success"),
    ("TTTT", "totalFeeFormality", "pay_fee_formality"),
    ("TTTT", "score", "tttt_score"),
    ("MDHL", "totalPetitions", "petitions_total"),
    ("MDHL", "totalDossiers", "dossiers_total"),
];

/// Fields of a metric: field → suffix of its column.
const METRIC_FIELDS: &[(&str, &str)] = &[("numerator", "num"), ("denominator", "den"), ("score", "score")];

fn from_json(text: &str) -> Result<Preview, ImportError> {
    let value: Value = serde_json::from_str(text).map_err(|e| ImportError::Json {
        line: e.line(),
        column: e.column(),
        truncated: e.is_eof(),
    })?;
    let (shape, entries) = json_units(&value).ok_or(ImportError::Unrecognised)?;
    let mut collected = Collector::default();
    for (i, entry) in entries.iter().enumerate() {
        let number = i + 1;
        collected.room(number).map_err(ImportError::Table)?;
        match entry {
            Value::Object(fields) => {
                let (row, issues) = json_row(fields);
                collected.add(number, row.row(), issues);
            }
            other => {
                let issue = Issue::Expected { expected: Expected::Object, found: describe(other) };
                collected.leave_out(number, vec![(None, issue)]);
            }
        }
    }
    Ok(preview(shape, collected, Vec::new()))
}

/// The list of units of a JSON document, and its shape.
fn json_units(value: &Value) -> Option<(Shape, &[Value])> {
    match value {
        Value::Array(list) => {
            let detail = list.iter().any(|e| e.get("componentIndicators").is_some() || e.get("childGroup").is_some());
            let units =
                detail || list.iter().any(|e| e.get("departmentCode").is_some() || e.get("groupScores").is_some());
            units.then_some((if detail { Shape::Detail } else { Shape::Evaluation }, list.as_slice()))
        }
        Value::Object(map) => {
            if let Some(Value::Array(list)) = map.get("evaluation") {
                return Some((Shape::Evaluation, list));
            }
            if let Some(list) = LIST_KEYS.iter().find_map(|k| map.get(*k).and_then(Value::as_array)) {
                return Some((Shape::Detail, list));
            }
            map.get("data").filter(|d| d.is_object()).and_then(json_units)
        }
        _ => None,
    }
}

/// A JSON value as messages show it: text quoted and shortened.
fn describe(value: &Value) -> String {
    match cell(value) {
        Cell::Text(s) => format!("\"{}\"", reference::shorten(s)),
        other => reference::shown(other),
    }
}

/// A JSON value as a cell.
fn cell(value: &Value) -> Cell<'_> {
    match value {
        Value::Null => Cell::Null,
        Value::String(s) => Cell::Text(s),
        Value::Number(n) => Cell::Number(n),
        Value::Bool(true) => Cell::Other("true"),
        Value::Bool(false) => Cell::Other("false"),
        Value::Array(_) => Cell::Other("[…]"),
        Value::Object(_) => Cell::Other("{…}"),
    }
}

type Issues = Vec<(Option<String>, Issue)>;

/// A unit of the portal's JSON as a row of our columns, and the problems of
/// its structure.
fn json_row(entry: &Map<String, Value>) -> (RowBuilder<'_>, Issues) {
    let mut row = RowBuilder::default();
    let mut issues = Issues::new();
    for &(field, column) in UNIT_FIELDS {
        let value = entry.get(field).map_or(Cell::Null, |v| cell(v));
        let value = match value {
            Cell::Null if column == "kind" => Cell::Text("PROVINCE"),
            v => v,
        };
        row.insert(column, field, value);
    }
    if let Some(groups) = object(entry, "groupScores", &mut issues) {
        for (code, score) in groups {
            row.insert(format!("g_{code}"), format!("groupScores.{code}"), cell(score));
        }
    }
    let Some(components) = object(entry, "componentIndicators", &mut issues) else {
        return (row, issues);
    };
    for (key, component) in components {
        let label = format!("componentIndicators.{key}");
        let Value::Object(fields) = component else {
            if !component.is_null() {
                issues.push((Some(label), Issue::Expected { expected: Expected::Object, found: describe(component) }));
            }
            continue;
        };
        let group = key.split('_').next().unwrap_or(key);
        for &(_, field, column) in COMPONENT_FIELDS.iter().filter(|(g, _, _)| *g == group) {
            if let Some(value) = fields.get(field) {
                put(&mut row, &mut issues, column.into(), format!("{key}.{field}"), group, value);
            }
        }
        let Some(metrics) = fields.get("metrics").filter(|m| !m.is_null()) else { continue };
        let Value::Array(metrics) = metrics else {
            let issue = Issue::Expected { expected: Expected::List, found: describe(metrics) };
            issues.push((Some(format!("{key}.metrics")), issue));
            continue;
        };
        for (i, metric) in metrics.iter().enumerate() {
            let Value::Object(metric) = metric else {
                let issue = Issue::Expected { expected: Expected::Object, found: describe(metric) };
                issues.push((Some(format!("{key}.metrics[{i}]")), issue));
                continue;
            };
            let code = metric.get("code").and_then(Value::as_str).unwrap_or("");
            // Other metrics (PETITION_CLASSIFICATION_*) are shown only, not scored.
            let score = reference::SCORE_COLUMNS.iter().find(|(_, c)| *c == code);
            let Some(prefix) = score.and_then(|(column, _)| column.strip_suffix("_score")) else { continue };
            for &(field, suffix) in METRIC_FIELDS {
                if let Some(value) = metric.get(field) {
                    put(&mut row, &mut issues, format!("{prefix}_{suffix}"), format!("{code}.{field}"), code, value);
                }
            }
            // A rate published without its counts (4.6).
            let no_counts = ["numerator", "denominator"].iter().all(|f| metric.get(*f).is_none_or(Value::is_null));
            let rate = format!("{prefix}_ratio");
            if no_counts && reference::RATE_COLUMNS.iter().any(|(c, _)| *c == rate) {
                if let Some(value) = metric.get("ratio") {
                    put(&mut row, &mut issues, rate, format!("{code}.ratio"), code, value);
                }
            }
        }
    }
    (row, issues)
}

/// The object under `field`, if any; another value is an issue.
fn object<'a>(entry: &'a Map<String, Value>, field: &str, issues: &mut Issues) -> Option<&'a Map<String, Value>> {
    match entry.get(field)? {
        Value::Object(map) => Some(map),
        Value::Null => None,
        other => {
            issues.push((Some(field.into()), Issue::Expected { expected: Expected::Object, found: describe(other) }));
            None
        }
    }
}

/// Puts a JSON value under `column`. A column given twice is an issue, once
/// for its `owner` (the group or the metric that appears twice).
fn put<'a>(
    row: &mut RowBuilder<'a>,
    issues: &mut Issues,
    column: String,
    label: String,
    owner: &str,
    value: &'a Value,
) {
    if !row.insert(column, label.clone(), cell(value)) {
        let twice = Issue::Twice(owner.to_string());
        if !issues.iter().any(|(_, i)| *i == twice) {
            issues.push((Some(label), twice));
        }
    }
}

// --- Delimited text -----------------------------------------------------------

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
fn pasted_column(header: &str) -> Option<String> {
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

fn from_delimited(text: &str, tab: bool) -> Result<Preview, ImportError> {
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
