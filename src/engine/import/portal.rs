//! The portal's evaluation response and per-unit detail capture (JSON).

use serde_json::{Map, Value};

use super::{preview, ImportError, Preview, Shape};
use crate::engine::reference::{self, Cell, Collector, Expected, Issue, RowBuilder};

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

pub(super) fn from_json(text: &str) -> Result<Preview, ImportError> {
    let value: Value = serde_json::from_str(text).map_err(|e| ImportError::Json {
        line: e.line(),
        column: e.column(),
        truncated: e.is_eof(),
    })?;
    if let Some((shape, parent, children)) = super::tree::tree(&value) {
        return super::tree::from_tree(shape, parent, children);
    }
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
pub(super) fn describe(value: &Value) -> String {
    match cell(value) {
        Cell::Text(s) => format!("\"{}\"", reference::shorten(s)),
        other => reference::shown(other),
    }
}

/// A JSON value as a cell.
pub(super) fn cell(value: &Value) -> Cell<'_> {
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

pub(super) type Issues = Vec<(Option<String>, Issue)>;

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
