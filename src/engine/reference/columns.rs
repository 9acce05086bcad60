//! The columns of our CSV format (`data/README.md`) and what each becomes:
//! every column has a fixed id (its place in [`COLUMNS`], known at compile
//! time through [`col`]), so that reading a row looks nothing up by name.

use crate::engine::i18n::fold;

/// Every column of our format but the group scores (`g_<code>`), in a
/// fixed order: a column's id is its place here.
pub(crate) const COLUMNS: &[&str] = &[
    // The unit.
    "code",
    "name",
    "kind",
    "total",
    // Counts, one quantity each (see COUNT_COLUMNS).
    "publish_on_time_num",
    "publish_on_time_den",
    "public_update_num",
    "public_update_den",
    "content_full_num",
    "content_full_den",
    "dossier_sync_num",
    "dossier_sync_den",
    "tdgq_received",
    "tdgq_overdue",
    "result_e_num",
    "digitised_num",
    "reused_num",
    "personal_storage_num",
    "citizen_dossier_num",
    "citizen_formality_num",
    "citizen_formality_den",
    "certified_copy_num",
    "certified_copy_den",
    "pay_dossier_success",
    "pay_dossier_obligation",
    "pay_formality_success",
    "pay_fee_formality",
    "pay_fee_dossier_formality",
    "online_procedures",
    "online_procedures_full",
    "online_procedures_partial",
    "online_services",
    "online_services_with_dossiers",
    "dossiers_channel_online",
    "dossiers_channel_total",
    "petitions_total",
    // The dossier total, repeated (see TOTAL_COLUMNS).
    "dossiers_total",
    "result_e_den",
    "digitised_den",
    "reused_den",
    "personal_storage_den",
    "citizen_dossier_den",
    "satisfaction_den",
    // Counts that other counts derive from.
    "tdgq_on_time",
    "satisfaction_num",
    "petition_on_time_num",
    "petition_on_time_den",
    "petition_satisfaction_num",
    // Accepted but not read: it repeats the number of complaints.
    "petition_satisfaction_den",
    // Published scores (see SCORE_COLUMNS), TTTT's and a rate (RATE_COLUMNS).
    "publish_on_time_score",
    "public_update_score",
    "content_full_score",
    "dossier_sync_score",
    "tdgq_score",
    "result_e_score",
    "digitised_score",
    "reused_score",
    "personal_storage_score",
    "citizen_dossier_score",
    "citizen_formality_score",
    "certified_copy_score",
    "satisfaction_score",
    "petition_on_time_score",
    "petition_satisfaction_score",
    "tttt_score",
    "certified_copy_ratio",
];

const fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

const fn place(list: &[&str], name: &str) -> usize {
    let mut i = 0;
    while i < list.len() {
        if same(list[i], name) {
            return i;
        }
        i += 1;
    }
    panic!("not in the list")
}

/// The id of a column of [`COLUMNS`]; a compile-time error for a name that
/// is not there when used in a constant.
pub(crate) const fn col(name: &str) -> usize {
    place(COLUMNS, name)
}

/// The id of a column by name, at run time (a header, a JSON field).
pub(crate) fn column_id(name: &str) -> Option<usize> {
    COLUMNS.iter().position(|c| *c == name)
}

/// The quantities a reference table holds counts of: a unit's counts are
/// an array in this order ([`super::Unit::counts`]).
pub const QUANTITIES: [&str; 36] = [
    "procedures_announced_on_time",
    "procedures_announced",
    "procedures_published_on_time",
    "procedures_to_publish",
    "procedures_content_full",
    "procedures_published",
    "dossiers_synced",
    "dossiers_sync_base",
    "dossiers_received",
    "dossiers_overdue",
    "dossiers_e_result",
    "dossiers_digitised",
    "dossiers_reused",
    "dossiers_personal_storage",
    "dossiers_citizen_data",
    "procedures_citizen_data",
    "procedures_citizen_base",
    "certified_copy_offered",
    "certified_copy_base",
    "dossiers_paid_online",
    "dossiers_with_fee",
    "fee_procedures_paid_online",
    "fee_procedures",
    "fee_procedures_with_dossiers",
    "procedures_total",
    "procedures_online_full",
    "procedures_online_partial",
    "online_services",
    "online_services_with_dossiers",
    "dossiers_channel_online",
    "dossiers_channel_total",
    "petitions_total",
    "dossiers_total",
    "dossiers_disliked",
    "petitions_overdue",
    "petitions_disliked_or_repeated",
];

/// The place of a quantity in [`QUANTITIES`].
pub(crate) const fn quantity(name: &str) -> usize {
    place(&QUANTITIES, name)
}

/// Columns that are one quantity each: (column, quantity).
pub(crate) const COUNT_COLUMNS: [(usize, usize); 32] = {
    let mut out = [(0, 0); 32];
    let mut i = 0;
    while i < 32 {
        // The count columns come right after the unit's four, in the
        // order of the quantities they fill.
        out[i] = (4 + i, i);
        i += 1;
    }
    out
};

/// Columns that repeat the dossier total: they must agree.
pub(crate) const TOTAL_COLUMNS: [usize; 7] = [
    col("dossiers_total"),
    col("result_e_den"),
    col("digitised_den"),
    col("reused_den"),
    col("personal_storage_den"),
    col("citizen_dossier_den"),
    col("satisfaction_den"),
];

/// The indicators whose published scores a table holds, by portal code: a
/// unit's published indicator scores are an array in this order.
pub const SCORE_CODES: [&str; 15] = [
    "PUBLISH_ON_TIME",
    "PUBLIC_UPDATE_ON_TIME",
    "PUBLIC_CONTENT_FULL",
    "DOSSIER_SYNC",
    "DOSSIER_ON_TIME",
    "ORIGINAL_RESULT_AVAILABLE",
    "SO_HOA_GIAY_TO_GIAI_QUYET",
    "REUSED_DIGITIZED_DATA",
    "SYNCED_WITH_DVCQG_PERSONAL_STORAGE",
    "CITIZEN_DATA_CONNECTED_DOSSIER",
    "CITIZEN_DATA_CONNECTED_FORMALITY",
    "ELECTRONIC_CERTIFIED_COPY",
    "DOSSIER_RECEIVING_SATISFACTION",
    "PETITION_PROCESSING_ON_TIME",
    "PETITION_HANDLING_SATISFACTION",
];

/// Published indicator scores: (column name, indicator portal code). The
/// portal's metrics are named by code; their columns share the prefix of the
/// score column (`_num`, `_den`, and `_ratio` where [`RATE_COLUMNS`] has it).
pub(crate) const SCORE_COLUMNS: [(&str, &str); 15] = {
    let mut out = [("", ""); 15];
    let mut i = 0;
    while i < 15 {
        out[i] = (COLUMNS[col("publish_on_time_score") + i], SCORE_CODES[i]);
        i += 1;
    }
    out
};

/// The ids of the score columns, in the order of [`SCORE_CODES`].
pub(crate) const SCORE_COLUMN_IDS: [usize; 15] = {
    let mut out = [0; 15];
    let mut i = 0;
    while i < 15 {
        out[i] = col("publish_on_time_score") + i;
        i += 1;
    }
    out
};

/// The indicators a table may hold as a rate only, by portal code.
pub const RATE_CODES: [&str; 1] = ["ELECTRONIC_CERTIFIED_COPY"];

/// Columns published as a rate in percent: (column name, indicator code).
pub(crate) const RATE_COLUMNS: [(&str, &str); 1] = [("certified_copy_ratio", RATE_CODES[0])];

/// The ids of the rate columns, in the order of [`RATE_CODES`].
pub(crate) const RATE_COLUMN_IDS: [usize; 1] = [col("certified_copy_ratio")];

/// The group codes a table holds published scores of in fixed places
/// (others are kept aside): a unit's published group scores.
pub const GROUP_CODES: [&str; 7] = ["CKMB", "TDGQ", "ONLINE", "CLGQ", "TTTT", "MDHL", "MDSH"];

/// Whether `name` is a column of our format (`data/README.md`).
pub fn is_column(name: &str) -> bool {
    name.strip_prefix("g_").is_some_and(|g| !g.is_empty()) || column_id(name).is_some()
}

/// At most this many rows: a reference table is a few thousand units.
pub const MAX_ROWS: usize = 100_000;

/// Text reduced for matching names written by people: folded (lower case,
/// no diacritics), a trailing "(…)" dropped, punctuation as spaces, spaces
/// collapsed: "Công khai, minh bạch (18)" → "cong khai minh bach".
pub(crate) fn key(text: &str) -> String {
    let t = text.trim();
    let t = if t.ends_with(')') { t.rfind('(').map_or(t, |i| &t[..i]) } else { t };
    let spaced: String = fold(t).chars().map(|c| if c.is_alphanumeric() || c == '_' { c } else { ' ' }).collect();
    spaced.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The kind of a unit as the portal names it, from either language ("Xã" →
/// COMMUNE); other text is kept as written.
pub(crate) fn unit_kind(text: &str) -> String {
    const KINDS: &[(&str, &[&str])] = &[
        ("PROVINCE", &["province", "tinh", "tinh thanh pho"]),
        ("MINISTRY", &["ministry", "bo", "bo nganh"]),
        ("AGENCY", &["agency", "so", "so nganh", "co quan"]),
        ("COMMUNE", &["commune", "xa", "phuong", "xa phuong", "xa phuong dac khu"]),
    ];
    if KINDS.iter().any(|(kind, _)| *kind == text) {
        return text.to_string();
    }
    let k = key(text);
    KINDS
        .iter()
        .find(|(_, names)| names.contains(&k.as_str()))
        .map_or_else(|| text.to_string(), |(kind, _)| kind.to_string())
}

/// At most 40 characters of `text`, for messages.
pub(crate) fn shorten(text: &str) -> String {
    match text.char_indices().nth(40) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fixed_places_line_up() {
        // Each count column fills the quantity the README says.
        let pairs: Vec<(&str, &str)> = COUNT_COLUMNS.iter().map(|&(c, q)| (COLUMNS[c], QUANTITIES[q])).collect();
        assert_eq!(pairs[0], ("publish_on_time_num", "procedures_announced_on_time"));
        assert_eq!(pairs[8], ("tdgq_received", "dossiers_received"));
        assert_eq!(pairs[23], ("pay_fee_dossier_formality", "fee_procedures_with_dossiers"));
        assert_eq!(pairs[31], ("petitions_total", "petitions_total"));
        assert_eq!(SCORE_COLUMNS[4], ("tdgq_score", "DOSSIER_ON_TIME"));
        assert_eq!(SCORE_COLUMNS[14], ("petition_satisfaction_score", "PETITION_HANDLING_SATISFACTION"));
        assert_eq!(quantity("petitions_disliked_or_repeated"), 35);
        let mut names = COLUMNS.to_vec();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), COLUMNS.len(), "no column twice");
    }
}
