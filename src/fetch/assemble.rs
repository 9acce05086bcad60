//! The portal's answers turned into rows of the reference CSV format
//! (`data/README.md`), joined on `departmentId` (the only key every answer
//! carries). Pure: no network, no files.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

/// The parts of a unit's figures, one per answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Part {
    /// Total and kind (service-results).
    Total,
    Ckmb,
    Tdgq,
    Online,
    Tttt,
    Mdhl,
    Mdsh,
}

impl Part {
    pub const ALL: [Part; 7] = [Part::Total, Part::Ckmb, Part::Tdgq, Part::Online, Part::Tttt, Part::Mdhl, Part::Mdsh];
    pub fn name(self) -> &'static str {
        match self {
            Part::Total => "service-results",
            Part::Ckmb => "transparency",
            Part::Tdgq => "dvc-progress-tree",
            Part::Online => "provide-online-tree",
            Part::Tttt => "formality-online-payment-tree",
            Part::Mdhl => "handling-satisfaction",
            Part::Mdsh => "dossier-digitized",
        }
    }
}

/// The CSV's columns, in order.
pub const HEADER: &[&str] = &[
    "code",
    "name",
    "kind",
    "total",
    "g_CKMB",
    "g_TDGQ",
    "g_ONLINE",
    "g_TTTT",
    "g_MDHL",
    "g_MDSH",
    "publish_on_time_num",
    "publish_on_time_den",
    "publish_on_time_score",
    "public_update_num",
    "public_update_den",
    "public_update_score",
    "content_full_num",
    "content_full_den",
    "content_full_score",
    "dossier_sync_num",
    "dossier_sync_den",
    "dossier_sync_score",
    "tdgq_received",
    "tdgq_on_time",
    "tdgq_overdue",
    "tdgq_score",
    "online_procedures",
    "online_procedures_full",
    "online_procedures_partial",
    "online_services",
    "online_services_with_dossiers",
    "dossiers_channel_online",
    "dossiers_channel_total",
    "pay_dossier_success",
    "pay_dossier_obligation",
    "pay_formality_success",
    "pay_fee_formality",
    "pay_fee_dossier_formality",
    "tttt_score",
    "petitions_total",
    "dossiers_total",
    "satisfaction_num",
    "satisfaction_den",
    "satisfaction_score",
    "petition_on_time_num",
    "petition_on_time_den",
    "petition_on_time_score",
    "petition_satisfaction_num",
    "petition_satisfaction_den",
    "petition_satisfaction_score",
    "result_e_num",
    "result_e_den",
    "result_e_score",
    "digitised_num",
    "digitised_den",
    "digitised_score",
    "reused_num",
    "reused_den",
    "reused_score",
    "personal_storage_num",
    "personal_storage_den",
    "personal_storage_score",
    "citizen_dossier_num",
    "citizen_dossier_den",
    "citizen_dossier_score",
    "citizen_formality_num",
    "citizen_formality_den",
    "citizen_formality_score",
    "certified_copy_num",
    "certified_copy_den",
    "certified_copy_ratio",
    "certified_copy_score",
];

/// The metric codes of the three "metrics" answers and their columns' stem.
const METRICS: &[(&str, &str)] = &[
    ("PUBLISH_ON_TIME", "publish_on_time"),
    ("PUBLIC_UPDATE_ON_TIME", "public_update"),
    ("PUBLIC_CONTENT_FULL", "content_full"),
    ("DOSSIER_SYNC", "dossier_sync"),
    ("ORIGINAL_RESULT_AVAILABLE", "result_e"),
    ("SO_HOA_GIAY_TO_GIAI_QUYET", "digitised"),
    ("REUSED_DIGITIZED_DATA", "reused"),
    ("SYNCED_WITH_DVCQG_PERSONAL_STORAGE", "personal_storage"),
    ("CITIZEN_DATA_CONNECTED_DOSSIER", "citizen_dossier"),
    ("CITIZEN_DATA_CONNECTED_FORMALITY", "citizen_formality"),
    ("ELECTRONIC_CERTIFIED_COPY", "certified_copy"),
    ("DOSSIER_RECEIVING_SATISFACTION", "satisfaction"),
    ("PETITION_PROCESSING_ON_TIME", "petition_on_time"),
    ("PETITION_HANDLING_SATISFACTION", "petition_satisfaction"),
];

/// One unit's cells, and which answers held it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Row {
    pub id: String,
    pub cells: BTreeMap<&'static str, String>,
    pub parts: BTreeSet<Part>,
}

/// A number (or a string holding one) as the CSV writes it; `None` for
/// null or anything else.
fn number(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::Number(n) => Some(n.to_string()),
        Value::String(s) if !s.trim().is_empty() && s.trim().parse::<f64>().is_ok() => Some(s.trim().to_string()),
        _ => None,
    }
}

fn text(v: Option<&Value>) -> Option<String> {
    v.and_then(Value::as_str).map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

/// The rows of a table being gathered, by `departmentId`.
#[derive(Clone, Debug, Default)]
pub struct Rows {
    pub rows: BTreeMap<String, Row>,
}

impl Rows {
    fn row(&mut self, item: &Value) -> Option<&mut Row> {
        let id = text(item.get("departmentId"))?;
        let row = self.rows.entry(id.clone()).or_insert_with(|| Row { id, ..Row::default() });
        if let Some(code) = text(item.get("departmentCode")) {
            row.cells.entry("code").or_insert(code);
        }
        if let Some(name) = text(item.get("departmentName")) {
            row.cells.entry("name").or_insert(name);
        }
        Some(row)
    }

    fn put(row: &mut Row, column: &'static str, value: Option<String>) {
        if let Some(v) = value {
            row.cells.insert(column, v);
        }
    }

    /// A unit of service-results: its total and kind.
    pub fn add_total(&mut self, item: &Value, kind: Option<&'static str>) {
        let Some(row) = self.row(item) else { return };
        Rows::put(row, "total", number(item.get("totalScore")));
        let kind = kind.or(match item.get("childGroup").and_then(Value::as_str) {
            Some("AGENCY") => Some("AGENCY"),
            Some("COMMUNE") => Some("COMMUNE"),
            _ => None,
        });
        if let Some(k) = kind {
            row.cells.insert("kind", k.to_string());
        }
        // A province of the national list: its published group scores.
        if let Some(groups) = item.get("groupScores").and_then(Value::as_object) {
            for (code, column) in [
                ("CKMB", "g_CKMB"),
                ("TDGQ", "g_TDGQ"),
                ("CLGQ", "g_ONLINE"),
                ("ONLINE", "g_ONLINE"),
                ("TTTT", "g_TTTT"),
                ("MDHL", "g_MDHL"),
                ("MDSH", "g_MDSH"),
            ] {
                Rows::put(row, column, number(groups.get(code)));
            }
        }
        row.parts.insert(Part::Total);
    }

    /// An item of transparency, dossier-digitized or handling-satisfaction.
    pub fn add_metrics(&mut self, part: Part, item: &Value) {
        let Some(row) = self.row(item) else { return };
        let group = match part {
            Part::Ckmb => "g_CKMB",
            Part::Mdsh => "g_MDSH",
            _ => "g_MDHL",
        };
        Rows::put(row, group, number(item.get("totalScore")));
        for m in item.get("metrics").and_then(Value::as_array).into_iter().flatten() {
            let Some(stem) = m.get("code").and_then(Value::as_str).and_then(|c| METRICS.iter().find(|(k, _)| *k == c))
            else {
                continue;
            };
            let stem = stem.1;
            let col = |suffix: &str| -> &'static str {
                HEADER
                    .iter()
                    .find(|h| h.strip_prefix(stem).and_then(|r| r.strip_prefix('_')) == Some(suffix))
                    .copied()
                    .unwrap_or("")
            };
            Rows::put(row, col("num"), number(m.get("numerator")));
            Rows::put(row, col("den"), number(m.get("denominator")));
            Rows::put(row, col("score"), number(m.get("score")));
            if stem == "certified_copy" {
                Rows::put(row, "certified_copy_ratio", number(m.get("ratio")));
            }
            match stem {
                "satisfaction" => Rows::put(row, "dossiers_total", number(m.get("denominator"))),
                "petition_on_time" => Rows::put(row, "petitions_total", number(m.get("denominator"))),
                _ => {}
            }
        }
        row.cells.remove("");
        row.parts.insert(part);
    }

    /// The progress tree's parent or a child: received, on time, overdue.
    pub fn add_progress(&mut self, item: &Value) {
        let Some(row) = self.row(item) else { return };
        let received = number(item.get("totalReceived"));
        let on_time = number(item.get("totalOnTime"));
        let overdue = number(item.get("totalOverdue")).or_else(|| {
            let (r, o) = (received.as_ref()?.parse::<u64>().ok()?, on_time.as_ref()?.parse::<u64>().ok()?);
            r.checked_sub(o).map(|d| d.to_string())
        });
        Rows::put(row, "tdgq_received", received);
        Rows::put(row, "tdgq_on_time", on_time);
        Rows::put(row, "tdgq_overdue", overdue);
        let score = number(item.get("score")).or_else(|| number(item.get("totalScore")));
        Rows::put(row, "tdgq_score", score.clone());
        Rows::put(row, "g_TDGQ", score);
        row.parts.insert(Part::Tdgq);
    }

    /// The payment tree's parent or a child.
    pub fn add_payment(&mut self, item: &Value) {
        let Some(row) = self.row(item) else { return };
        for (field, column) in [
            ("totalDossierOnlinePaymentSuccess", "pay_dossier_success"),
            ("totalDossierFinancialObligation", "pay_dossier_obligation"),
            ("totalDossierOnlineFormalityPaymentSuccess", "pay_formality_success"),
            ("totalFeeFormality", "pay_fee_formality"),
            ("totalFeeDossierFormality", "pay_fee_dossier_formality"),
        ] {
            Rows::put(row, column, number(item.get(field)));
        }
        let score = number(item.get("totalScore"));
        Rows::put(row, "tttt_score", score.clone());
        Rows::put(row, "g_TTTT", score);
        row.parts.insert(Part::Tttt);
    }

    /// The online tree's parent (the unit asked about): its counts.
    pub fn add_online(&mut self, parent: &Value) {
        let Some(row) = self.row(parent) else { return };
        for (field, column) in [
            ("authorityCount", "online_procedures"),
            ("fullCount", "online_procedures_full"),
            ("partialCount", "online_procedures_partial"),
            ("onlineServiceTotal", "online_services"),
            ("onlineDossierCount", "online_services_with_dossiers"),
            ("channelOnlineSum", "dossiers_channel_online"),
            ("channelTotalSum", "dossiers_channel_total"),
        ] {
            Rows::put(row, column, number(parent.get(field)));
        }
        Rows::put(row, "g_ONLINE", number(parent.get("totalScore")));
        row.parts.insert(Part::Online);
    }

    /// An online tree's child: its published ONLINE score, and its kind.
    pub fn add_online_child(&mut self, child: &Value) {
        let Some(row) = self.row(child) else { return };
        Rows::put(row, "g_ONLINE", number(child.get("totalScore")));
        if !row.cells.contains_key("kind") {
            match child.get("level").and_then(Value::as_str) {
                Some("COMMUNE") => row.cells.insert("kind", "COMMUNE".into()),
                Some("PROVINCE") => row.cells.insert("kind", "AGENCY".into()),
                _ => None,
            };
        }
    }
}

/// The items of an answer: `overview` or `parent` (the unit asked about),
/// and `evaluation` or `children`.
pub fn root(data: &Value) -> Option<&Value> {
    data.get("parent").or_else(|| data.get("overview")).filter(|v| v.is_object())
}

pub fn items(data: &Value) -> &[Value] {
    ["children", "evaluation"]
        .iter()
        .find_map(|k| data.get(*k).and_then(Value::as_array))
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

/// A metrics answer's pages: (current, total).
pub fn pages(data: &Value) -> (u64, u64) {
    let p = data.get("pagination");
    let n = |k: &str| p.and_then(|p| p.get(k)).and_then(Value::as_u64);
    (n("currentPage").unwrap_or(1), n("totalPages").unwrap_or(1))
}

/// A row as CSV cells in [`HEADER`]'s order.
pub fn record(row: &Row) -> Vec<String> {
    HEADER.iter().map(|h| row.cells.get(h).cloned().unwrap_or_default()).collect()
}

/// The row with only its identity and published scores (its counts left
/// out): what is written when the portal's counts disagree with each other.
pub fn scores_only(row: &Row) -> Row {
    let keep = |h: &str| matches!(h, "code" | "name" | "kind" | "total") || h.starts_with("g_");
    Row { cells: row.cells.iter().filter(|(h, _)| keep(h)).map(|(h, v)| (*h, v.clone())).collect(), ..row.clone() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn answers_join_on_the_department_id() {
        let mut rows = Rows::default();
        rows.add_total(&json!({"departmentId": "a", "departmentCode": "H44.07", "departmentName": "Sở Công Thương", "totalScore": 71.2, "childGroup": "AGENCY"}), None);
        rows.add_metrics(
            Part::Ckmb,
            &json!({"departmentId": "a", "totalScore": 12.5, "metrics": [
            {"code": "PUBLISH_ON_TIME", "numerator": 3, "denominator": 4, "score": 4.5},
            {"code": "UNKNOWN", "numerator": 1, "denominator": 1, "score": 1}]}),
        );
        rows.add_progress(&json!({"departmentId": "a", "totalReceived": 100, "totalOnTime": 90, "totalScore": 18}));
        let r = &rows.rows["a"];
        assert_eq!(r.cells["code"], "H44.07");
        assert_eq!(r.cells["kind"], "AGENCY");
        assert_eq!(r.cells["publish_on_time_num"], "3");
        assert_eq!(r.cells["publish_on_time_score"], "4.5");
        assert_eq!(r.cells["tdgq_overdue"], "10", "overdue = received - on time on a parent");
        assert_eq!(r.cells["g_TDGQ"], "18");
        assert_eq!(r.parts, [Part::Total, Part::Ckmb, Part::Tdgq].into());
        assert_eq!(record(r).len(), HEADER.len());
        assert!(!r.cells.contains_key(""));
    }
}
