//! Drafts of versions 1 and 2, made under the methodology of 2026-10
//! (portal-2026 2026.10.1), brought to version 3:
//!
//! - ONLINE's counts have their own quantities now: "procedures offered
//!   online" is split into end to end and in part, and 3.3 divides the
//!   dossiers submitted online by the dossiers of every channel (before: by
//!   2.1's received dossiers). A count typed under an old name keeps its
//!   value and its meaning (the partial count is 0, the channel total is the
//!   received dossiers it was divided by).
//! - ONLINE and TTTT used to start as given scores equal to the published
//!   ones. A group given at its published score (or left as the baseline
//!   gave it) is now split from that score instead; a score the user
//!   changed stays given.

use crate::engine::inputs::{parse_score, Draft};
use crate::session::Session;

/// Old quantity → (its new name, a companion quantity and where its value
/// comes from when the draft has none).
const RENAMED: &[(&str, &str, &str, Companion)] = &[
    ("procedures_online", "procedures_online_full", "procedures_online_partial", Companion::Zero),
    (
        "dossiers_submitted_online",
        "dossiers_channel_online",
        "dossiers_channel_total",
        Companion::Copy("dossiers_received"),
    ),
];

enum Companion {
    Zero,
    Copy(&'static str),
}

fn rename(d: &mut Draft) {
    for (old, new, companion, from) in RENAMED {
        let Some(value) = d.counts.remove(*old) else { continue };
        d.counts.entry(new.to_string()).or_insert(value);
        let fill = match from {
            Companion::Zero => Some("0".to_string()),
            Companion::Copy(q) => d.counts.get(*q).cloned(),
        };
        if let Some(fill) = fill {
            d.counts.entry(companion.to_string()).or_insert(fill);
        }
    }
}

/// Upgrades the drafts of a session read from version 1 or 2.
pub(super) fn drafts_of_version_2(s: &mut Session) {
    let published = s.published().unwrap_or_default();
    let method = s.method();
    for scenario in &mut s.scenarios {
        let d = &mut scenario.draft;
        rename(d);
        let given: Vec<String> = d.given_mode.iter().cloned().collect();
        for g in given {
            let Some(group) = method.groups.iter().find(|x| x.id == g) else { continue };
            let typed = d.given.get(&g).map(|t| parse_score(t, group.max));
            let known = published.scores.get(&g).map(|t| parse_score(t, group.max));
            let at_published = match (typed, known) {
                // Left as the baseline gave it (a link keeps only changes).
                (None, Some(_)) => true,
                (Some(Ok(a)), Some(Ok(b))) => a == b,
                _ => false,
            };
            if at_published {
                d.given_mode.remove(&g);
                d.given.remove(&g);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::catalog::Catalog;
    use crate::codec::{base64url, from_json, from_link};

    #[test]
    fn a_version_2_file_opens_with_online_and_tttt_split() {
        // As version 2 stored the default view of Lào Cai, with one count
        // typed under ONLINE's old names and MDSH given at a changed score.
        let v2 = r#"{"format":"vn766","version":2,"lang":"vi","profile":"portal-2026","table":"provinces-2026-10-10","unit":"H38","selected":0,
          "scenarios":[{"name":"Kịch bản 1","counts":{"dossiers_received":"280591","dossiers_submitted_online":"1000","procedures_online":"40"},
            "given":{"ONLINE":"8,44","TTTT":"6,45","MDSH":"11"},"given_mode":["ONLINE","TTTT","MDSH"]}]}"#;
        let s = from_json(v2, &Catalog::default()).unwrap();
        let d = s.draft();
        assert!(!d.given_mode.contains("ONLINE") && !d.given_mode.contains("TTTT"), "{d:?}");
        assert!(d.given_mode.contains("MDSH"), "a changed score stays given");
        assert_eq!(d.counts["dossiers_channel_online"], "1000");
        assert_eq!(d.counts["dossiers_channel_total"], "280591");
        assert_eq!(d.counts["procedures_online_full"], "40");
        assert_eq!(d.counts["procedures_online_partial"], "0");
        assert!(!d.counts.contains_key("procedures_online"));
    }

    #[test]
    fn a_version_2_link_keeps_its_changes() {
        // A link holds differences: ONLINE and TTTT given, their scores as published.
        let v2 = r#"{"format":"vn766","version":2,"lang":"vi","profile":"portal-2026","table":"provinces-2026-10-10","unit":"H38","selected":0,"relative":true,
          "scenarios":[{"name":"Kịch bản 1","counts":{"dossiers_overdue":"0"},"given_mode":["ONLINE","TTTT"]}]}"#;
        let (s, _) = from_link(&format!("2.{}", base64url::encode(v2.as_bytes())), &Catalog::default()).unwrap();
        assert_eq!(s.draft().counts["dossiers_overdue"], "0");
        assert!(s.draft().given_mode.is_empty());
        assert!(s.draft().given.is_empty());
    }
}
