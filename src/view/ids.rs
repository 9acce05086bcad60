//! The page's element ids, from one rule ([`dom_id`]): the app gives every
//! element its id from here, and the end-to-end tests' page object asks the
//! running app for the same ids (the wasm module exports [`dom_id`]), so the
//! rule is written once.

/// An id from its parts: each part's characters other than ASCII letters,
/// digits, `-` and `_` become `_`, and the parts are joined with `-`
/// (`["q", "3.3", "dossiers_channel_online"]` → `q-3_3-dossiers_channel_online`).
pub fn dom_id(parts: &[&str]) -> String {
    let clean = |s: &str| -> String {
        s.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' }).collect()
    };
    parts.iter().map(|p| clean(p)).collect::<Vec<_>>().join("-")
}

/// A count's field (the value to try) in an indicator's row.
pub fn count(indicator: &str, quantity: &str) -> String {
    dom_id(&["q", indicator, quantity])
}
/// An indicator's rate field (rate mode).
pub fn rate(indicator: &str) -> String {
    dom_id(&["rate", indicator])
}
/// The field of an input's current value, beside the field `id` of the value to try.
pub fn current(id: &str) -> String {
    dom_id(&["cur", id])
}
/// An indicator's row.
pub fn row(indicator: &str) -> String {
    dom_id(&["ind", indicator])
}
/// An indicator's points, and the points of its current value.
pub fn points(indicator: &str) -> String {
    dom_id(&["pts", &row(indicator)])
}
pub fn current_points(indicator: &str) -> String {
    dom_id(&["cur-pts", &row(indicator)])
}
/// The resulting rate of an indicator, and its slider.
pub fn rate_out(indicator: &str) -> String {
    dom_id(&["rate-out", &row(indicator)])
}
pub fn slider(indicator: &str) -> String {
    dom_id(&["slider", &row(indicator)])
}
/// A group's bar in the summary.
pub fn bar(group: &str) -> String {
    dom_id(&["bar", group])
}
/// A group's section, its score, its remainder line.
pub fn group(group: &str) -> String {
    dom_id(&["group", group])
}
pub fn group_score(group: &str) -> String {
    dom_id(&["score", group])
}
pub fn rest(group: &str) -> String {
    dom_id(&["rest", group])
}
/// A group's given score, the switch to give it, and its current score (a
/// unit not in the table).
pub fn given(group: &str) -> String {
    dom_id(&["given", group])
}
pub fn given_mode(group: &str) -> String {
    dom_id(&["given-mode", group])
}
pub fn current_score(group: &str) -> String {
    dom_id(&["current-score", group])
}
/// A lever owner's weight and lock in the levers table.
pub fn weight(owner: &str) -> String {
    dom_id(&["weight", owner])
}
pub fn lock(owner: &str) -> String {
    dom_id(&["lock", owner])
}

/// An element's id by the name of its kind, for the tests' page object
/// ("count", "3.3", "dossiers_channel_online"); `None` for an unknown kind or
/// a wrong number of arguments.
pub fn named(kind: &str, args: &[&str]) -> Option<String> {
    Some(match (kind, args) {
        ("count", [i, q]) => count(i, q),
        ("current-count", [i, q]) => current(&count(i, q)),
        ("rate", [i]) => rate(i),
        ("current-rate", [i]) => current(&rate(i)),
        ("row", [i]) => row(i),
        ("points", [i]) => points(i),
        ("current-points", [i]) => current_points(i),
        ("rate-out", [i]) => rate_out(i),
        ("slider", [i]) => slider(i),
        ("group", [g]) => group(g),
        ("group-score", [g]) => group_score(g),
        ("rest", [g]) => rest(g),
        ("given", [g]) => given(g),
        ("given-mode", [g]) => given_mode(g),
        ("current-score", [g]) => current_score(g),
        ("weight", [o]) => weight(o),
        ("lock", [o]) => lock(o),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_rule_for_every_id() {
        assert_eq!(count("3.3", "dossiers_channel_online"), "q-3_3-dossiers_channel_online");
        assert_eq!(
            current(&count("TTTT.C", "fee_procedures_with_dossiers")),
            "cur-q-TTTT_C-fee_procedures_with_dossiers"
        );
        assert_eq!(points("4.5a"), "pts-ind-4_5a");
        assert_eq!(current(&rate("3.3")), "cur-rate-3_3");
        assert_eq!(dom_id(&["a b", "c\"d"]), "a_b-c_d");
        assert_eq!(
            named("current-count", &["3.3", "dossiers_channel_online"]).as_deref(),
            Some("cur-q-3_3-dossiers_channel_online")
        );
        assert_eq!(named("rest", &["ONLINE"]).as_deref(), Some("rest-ONLINE"));
        assert_eq!(named("rest", &[]), None);
        assert_eq!(named("nothing", &["x"]), None);
    }
}
