//! The portal's per-group trees: the online-payment tree
//! (`formality-online-payment-tree`, TTTT's counts) and the online-services
//! tree (`provide-online-tree`, ONLINE's counts). Each is `{"parent": {…},
//! "children": [{…}, …]}`, under `data` as the portal returns it; the
//! parent is the unit asked about, the children its agencies and communes.
//!
//! A unit's `totalScore` is its published score of that group (not its
//! total). Children of `level` PROVINCE are the province's agencies (the
//! detail capture calls them AGENCY); COMMUNE stays COMMUNE. Entries are
//! numbered from 1, the parent first.

use serde_json::{Map, Value};

use super::portal::{cell, describe, Issues};
use super::{preview, ImportError, Preview, Shape};
use crate::engine::reference::{Cell, Collector, Expected, Issue, RowBuilder};

/// The fields of a unit in the payment tree: field → column of our format.
const PAYMENT_FIELDS: &[(&str, &str)] = &[
    ("totalScore", "g_TTTT"),
    ("totalDossierOnlinePaymentSuccess", "pay_dossier_success"),
    ("totalDossierFinancialObligation", "pay_dossier_obligation"),
    ("totalDossierOnlineFormalityPaymentSuccess", "pay_formality_success"),
    ("totalFeeFormality", "pay_fee_formality"),
    ("totalFeeDossierFormality", "pay_fee_dossier_formality"),
];

/// The fields of a unit in the online-services tree.
const ONLINE_FIELDS: &[(&str, &str)] = &[
    ("totalScore", "g_ONLINE"),
    ("authorityCount", "online_procedures"),
    ("fullCount", "online_procedures_full"),
    ("partialCount", "online_procedures_partial"),
    ("onlineServiceTotal", "online_services"),
    ("onlineDossierCount", "online_services_with_dossiers"),
    ("channelOnlineSum", "dossiers_channel_online"),
    ("channelTotalSum", "dossiers_channel_total"),
];

/// A tree's parent and children, and which tree it is.
pub(super) fn tree(value: &Value) -> Option<(Shape, &Value, &Value)> {
    let map = value.as_object()?;
    if let Some(data) = map.get("data").filter(|d| d.get("parent").is_some()) {
        return tree(data);
    }
    let parent = map.get("parent")?;
    let children = map.get("children").unwrap_or(&Value::Null);
    let has = |fields: &[(&str, &str)]| {
        fields[1..].iter().any(|(f, _)| {
            parent.get(f).is_some() || children.as_array().is_some_and(|c| c.iter().any(|x| x.get(f).is_some()))
        })
    };
    if has(PAYMENT_FIELDS) {
        Some((Shape::PaymentTree, parent, children))
    } else if has(ONLINE_FIELDS) {
        Some((Shape::OnlineTree, parent, children))
    } else {
        None
    }
}

pub(super) fn from_tree(shape: Shape, parent: &Value, children: &Value) -> Result<Preview, ImportError> {
    let fields = if shape == Shape::PaymentTree { PAYMENT_FIELDS } else { ONLINE_FIELDS };
    let mut collected = Collector::default();
    let children: &[Value] = match children {
        Value::Array(list) => list,
        Value::Null => &[],
        other => {
            let issue = Issue::Expected { expected: Expected::List, found: describe(other) };
            return Err(ImportError::Table(super::RowProblem { row: 1, column: Some("children".into()), issue }));
        }
    };
    for (n, entry) in std::iter::once(parent).chain(children).enumerate() {
        let number = n + 1;
        collected.room(number).map_err(ImportError::Table)?;
        match entry {
            Value::Object(map) => {
                let (row, issues) = row(map, fields, n == 0);
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

/// A unit of a tree as a row of our columns.
fn row<'a>(
    entry: &'a Map<String, Value>,
    fields: &[(&'static str, &'static str)],
    parent: bool,
) -> (RowBuilder<'a>, Issues) {
    let mut row = RowBuilder::default();
    let value = |f: &str| entry.get(f).map_or(Cell::Null, cell);
    row.insert("code", "departmentCode", value("departmentCode"));
    row.insert("name", "departmentName", value("departmentName"));
    let kind = match (value("level"), parent) {
        (Cell::Text(level), false) if level.eq_ignore_ascii_case("PROVINCE") => Cell::Text("AGENCY"),
        (Cell::Null, true) => Cell::Text("PROVINCE"),
        (Cell::Null, false) => Cell::Null,
        (other, _) => other,
    };
    row.insert("kind", "level", kind);
    for &(field, column) in fields {
        row.insert(column, field, value(field));
    }
    (row, Issues::new())
}
