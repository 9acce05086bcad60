//! The three rules a held-out capture of a whole province's agencies and
//! communes settled (year 2026 to date), each as a synthetic unit with
//! exactly the counts of the published case, and each shown to miss under
//! the rule it replaced:
//!
//! - 3.3 is not multiplied by 1.4's sync rate: an agency with 484 of 484
//!   dossiers online and 1.4 at 0 ÷ 0 is published with 3.3 at 6,00;
//! - ONLINE rounds the rate first, as TTTT does: a commune with 949 of
//!   2 050 dossiers online (46,29 %) is published with ONLINE 5,83;
//! - points are rounded half up in double: 4.3 at 26 ÷ 104 = 25 % is
//!   exactly 0,625 and is published 0,63.

use vn766::engine::{evaluate, profiles, Cents, Inputs, Methodology};

fn counts(method: &Methodology, values: &[(&str, u64)]) -> Inputs {
    let mut inputs = Inputs::empty(method);
    for &(q, v) in values {
        inputs.counts[method.quantity_index(q).unwrap_or_else(|| panic!("{q}"))] = Some(v);
    }
    inputs
}

fn points(method: &Methodology, inputs: &Inputs, id: &str) -> Option<Cents> {
    evaluate(method, inputs).indicators[method.indicator_index(id).unwrap()].points()
}

fn group(method: &Methodology, inputs: &Inputs, id: &str) -> Option<Cents> {
    evaluate(method, inputs).groups[method.group_index(id).unwrap()].score
}

/// The shipped profile with one piece of text changed (a rule undone).
fn with(from: &str, to: &str) -> Methodology {
    let text = profiles::SOURCES[0].1;
    assert!(text.contains(from), "the profile has no {from:?}");
    profiles::load_toml(&text.replacen(from, to, 1)).unwrap()
}

/// The commune: 3.3 at 949 ÷ 2 050, 3.2 at 28 ÷ 403, 3.1 at 0 ÷ 0.
fn commune(method: &Methodology) -> Inputs {
    counts(
        method,
        &[
            ("dossiers_channel_online", 949),
            ("dossiers_channel_total", 2050),
            ("online_services_with_dossiers", 28),
            ("online_services", 403),
            ("procedures_online_full", 0),
            ("procedures_online_partial", 0),
            ("procedures_total", 0),
        ],
    )
}

/// The agency: 3.3 at 484 ÷ 484, 1.4 at 0 ÷ 0, 3.2 at 0 ÷ 62, 3.1 at 0 ÷ 0.
fn agency(method: &Methodology) -> Inputs {
    counts(
        method,
        &[
            ("dossiers_channel_online", 484),
            ("dossiers_channel_total", 484),
            ("dossiers_synced", 0),
            ("dossiers_sync_base", 0),
            ("online_services_with_dossiers", 0),
            ("online_services", 62),
            ("procedures_online_full", 0),
            ("procedures_online_partial", 0),
            ("procedures_total", 0),
        ],
    )
}

/// 4.3 at 26 ÷ 104.
fn reuse(method: &Methodology) -> Inputs {
    counts(method, &[("dossiers_reused", 26), ("dossiers_total", 104)])
}

#[test]
fn online_rounds_the_rate_first() {
    let m = profiles::default_profile();
    let u = commune(m);
    // 46,29 % × 6 ÷ 50 % = 5,5548 → 5,55; 6,95 % × 4 = 0,278 → 0,28.
    assert_eq!(points(m, &u, "3.3"), Some(555));
    assert_eq!(points(m, &u, "3.2"), Some(28));
    assert_eq!(points(m, &u, "3.1"), Some(0), "3.1 with no procedures scores 0");
    assert_eq!(group(m, &u, "ONLINE"), Some(583));
}

#[test]
fn the_exact_rate_misses_the_commune() {
    // Without ONLINE's rule the exact rate gives 5,5551 → 5,56 and 5,84.
    let old = with("points_rule = \"rates-first\"", "");
    assert!(old.groups[old.group_index("ONLINE").unwrap()].points_rule.is_none());
    let u = commune(&old);
    assert_eq!(points(&old, &u, "3.3"), Some(556));
    assert_eq!(group(&old, &u, "ONLINE"), Some(584));
}

#[test]
fn online_dossiers_ignore_the_sync_rate() {
    let m = profiles::default_profile();
    let u = agency(m);
    assert_eq!(points(m, &u, "1.4"), Some(0), "1.4 at 0 ÷ 0 scores 0");
    assert_eq!(points(m, &u, "3.3"), Some(600));
    assert_eq!(points(m, &u, "3.2"), Some(0));
    assert_eq!(group(m, &u, "ONLINE"), Some(600));
}

#[test]
fn the_sync_factor_misses_the_agency() {
    // The formula document's 3.3 × 1.4 gives 0 where 6,00 is published.
    let channels = "denominator = \"dossiers_channel_total\"\n";
    let old = with(channels, &format!("{channels}times_rate_of = \"1.4\"\n"));
    let u = agency(&old);
    assert_eq!(points(&old, &u, "3.3"), Some(0));
    assert_eq!(group(&old, &u, "ONLINE"), Some(0));
}

#[test]
fn points_round_half_up() {
    let m = profiles::default_profile();
    // 25 % × 2 ÷ 80 % = 0,625 exactly → 0,63.
    assert_eq!(points(m, &reuse(m), "4.3"), Some(63));
}

#[test]
fn half_even_rounding_misses_the_reuse_case() {
    let old = with("arithmetic = \"binary64\"\npoints = \"half_up\"", "arithmetic = \"exact\"\npoints = \"half_even\"");
    assert_eq!(points(&old, &reuse(&old), "4.3"), Some(62));
}

#[test]
fn the_province_tables_ties_still_round_as_published() {
    // The same rule on the ties of the 34-province table: 1/48 of 6 points
    // (0,12499… in double) → 0,12, and CKMB's group rounds 1/57 → 1,75 % →
    // 0,105 (0,10499… in double) → 0,10.
    let m = profiles::default_profile();
    let one_in = |den| counts(m, &[("procedures_announced_on_time", 1), ("procedures_announced", den)]);
    assert_eq!(points(m, &one_in(48), "1.1"), Some(12));
    assert_eq!(points(m, &one_in(57), "1.1"), Some(11), "shown points use the exact rate");
    let ckmb = |den| {
        let mut u = one_in(den);
        for q in ["procedures_to_publish", "procedures_published_on_time", "procedures_published"] {
            u.counts[m.quantity_index(q).unwrap()] = Some(1);
        }
        u.counts[m.quantity_index("procedures_content_full").unwrap()] = Some(1);
        u.counts[m.quantity_index("dossiers_synced").unwrap()] = Some(1);
        u.counts[m.quantity_index("dossiers_sync_base").unwrap()] = Some(1);
        group(m, &u, "CKMB")
    };
    // 0,10 + 4 + 2 + 6
    assert_eq!(ckmb(57), Some(1210));
}
