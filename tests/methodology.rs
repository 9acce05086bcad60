//! The methodology files: the shipped profiles load, and a broken file is
//! refused with a message that says what is wrong.

use vn766::engine::method::EmptyRule;
use vn766::engine::{profiles, Confidence};

const BASE: &str = profiles::SOURCES[0].1;

/// 3.3's denominator line, where a test adds a factor (`times_rate_of`).
const CHANNELS: &str = "denominator = \"dossiers_channel_total\"\n";

fn broken(from: &str, to: &str) -> String {
    assert!(BASE.contains(from), "the base file has no {from:?}");
    let e = profiles::load_toml(&BASE.replacen(from, to, 1)).expect_err("the broken file must be refused");
    e.to_string()
}

#[test]
fn shipped_profiles_load() {
    let ids: Vec<&str> = profiles::list().iter().map(|m| m.id.as_str()).collect();
    assert_eq!(ids, ["portal-2026", "document"]);
    for m in profiles::list() {
        assert_eq!(m.max_total, 10_000);
        let groups: Vec<&str> = m.groups.iter().map(|g| g.id.as_str()).collect();
        assert_eq!(groups, ["CKMB", "TDGQ", "ONLINE", "TTTT", "MDHL", "MDSH"]);
        assert!(m.has_estimates() || m.id == "document");
        for g in &m.groups {
            assert_eq!(g.indicators.iter().map(|&i| m.indicators[i].max).sum::<i64>(), g.max);
        }
    }
}

#[test]
fn portal_profile_as_the_reference_describes_it() {
    let m = profiles::default_profile();
    let ind = |id: &str| &m.indicators[m.indicator_index(id).unwrap()];
    assert_eq!(ind("3.3").target_bp, Some(5000));
    assert_eq!(ind("5.4").target_bp, Some(9000));
    assert_eq!(ind("4.3").target_bp, Some(8000));
    assert_eq!(ind("4.2").target_bp, None);
    assert_eq!(ind("5.2").formula.as_ref().unwrap().empty_denominator, EmptyRule::Full);
    assert_eq!(ind("5.4").formula.as_ref().unwrap().empty_denominator, EmptyRule::Zero);
    assert!(ind("2.2").is_display_only() && ind("5.1").is_display_only());
    // 3.3 is not multiplied by 1.4's sync rate (the portal's data refutes
    // the document's factor); its 50% target is verified.
    assert_eq!(ind("3.3").formula.as_ref().unwrap().times_rate_of, None);
    // ONLINE and TTTT are settled by the portal's own counts.
    assert_eq!(ind("3.1").confidence, Confidence::Verified);
    assert_eq!(ind("3.2").confidence, Confidence::Verified);
    assert_eq!(ind("3.3").confidence, Confidence::Verified);
    assert_eq!(ind("TTTT.C").confidence, Confidence::Verified);
    // Points in double, half up; ONLINE and TTTT round the rate first, and
    // so does CKMB's group score.
    use vn766::engine::exact::RoundMode;
    use vn766::engine::method::Arithmetic;
    assert_eq!((m.points_arithmetic, m.points_rounding), (Arithmetic::Binary64, RoundMode::HalfUp));
    let tttt = &m.groups[m.group_index("TTTT").unwrap()];
    let rule = &m.rounding_rules[tttt.points_rule.unwrap()];
    assert_eq!((rule.id.as_str(), rule.rate_decimals), ("rates-first", Some(2)));
    assert_eq!(rule.arithmetic, Arithmetic::Binary64);
    assert_eq!((rule.rate, rule.points), (RoundMode::HalfUp, RoundMode::HalfUp));
    assert_eq!(m.groups[m.group_index("ONLINE").unwrap()].points_rule, tttt.points_rule);
    assert_eq!(m.groups[m.group_index("CKMB").unwrap()].score_rule, tttt.points_rule);
    assert!(tttt.source.contains("184 of 184"));
    assert_eq!(ind("1.1").confidence, Confidence::Verified);
    assert!(m.groups[m.group_index("CLGQ").unwrap()].id == "ONLINE");
    let bands: Vec<(&str, i64)> = m.bands.iter().map(|b| (b.name.vi.as_str(), b.min)).collect();
    assert_eq!(bands, [("Xuất sắc", 9000), ("Tốt", 8000), ("Khá", 7000), ("Trung bình", 5000), ("Yếu", 0)]);
    assert_eq!(m.bands[m.band_of(8999)].id, "good");
    assert_eq!(m.bands[m.band_of(9000)].id, "excellent");
    assert_eq!(m.bands[m.band_of(4999)].id, "weak");
}

#[test]
fn document_profile_differs_where_the_document_does() {
    let d = profiles::get("document").unwrap();
    let ind = |id: &str| &d.indicators[d.indicator_index(id).unwrap()];
    assert_eq!(ind("4.2").target_bp, Some(8000));
    assert_eq!(ind("3.0").max, 1200);
    assert_eq!(ind("TTTT.A").max, 1000);
    assert!(d.indicator_index("3.3").is_none() && d.indicator_index("TTTT.B").is_none());
    let online: Vec<&str> = d.groups[2].indicators.iter().map(|&i| d.indicators[i].id.as_str()).collect();
    assert_eq!(online, ["3.0"]);
    // Everything else comes from portal-2026.
    assert_eq!(d.bands.len(), 5);
    assert_eq!(ind("1.1").code, "PUBLISH_ON_TIME");
    assert!(d.groups[0].score_rule.is_some());
}

#[test]
fn maxima_must_add_up() {
    assert_eq!(
        broken("max = 20\nconfidence = \"verified\"", "max = 21\nconfidence = \"verified\""),
        "groups: the maxima add up to 101.00 instead of 100"
    );
    let e = broken(
        "id = \"1.3\"\ncode = \"PUBLIC_CONTENT_FULL\"\ngroup = \"CKMB\"",
        "id = \"1.3\"\ncode = \"PUBLIC_CONTENT_FULL\"\ngroup = \"TDGQ\"",
    );
    assert_eq!(e, "groups \"CKMB\": its indicators' maxima add up to 16.00 instead of the group's 18.00");
}

#[test]
fn unknown_rules_are_named() {
    assert_eq!(
        broken("points = \"half_up\"\nconfidence", "points = \"half_down\"\nconfidence"),
        "rounding.points: unknown rounding rule \"half_down\" (known: half_even, half_up)"
    );
    assert_eq!(
        broken("empty_denominator = \"full\"", "empty_denominator = \"none\""),
        "indicators \"5.2\".empty_denominator: unknown rule \"none\" (known: zero, full)"
    );
    assert_eq!(
        broken("ties = \"competition\"", "ties = \"dense\""),
        "ranking.ties: unknown rule \"dense\" (known: competition)"
    );
    assert_eq!(
        broken("confidence = \"inferred\"\nsource = \"Usual", "confidence = \"guess\"\nsource = \"Usual"),
        "bands[1] \"good\": unknown confidence \"guess\" (known: verified, document, inferred)"
    );
    assert_eq!(
        broken("rate = \"half_up\"", "rate = \"ceil\""),
        "rounding_rules \"rates-first\".rate: unknown rounding rule \"ceil\" (known: half_even, half_up)"
    );
    assert_eq!(
        broken("arithmetic = \"binary64\"", "arithmetic = \"decimal\""),
        "rounding.arithmetic: unknown arithmetic \"decimal\" (known: exact, binary64)"
    );
    assert_eq!(
        broken("arithmetic = \"binary64\"\nrate_decimals", "arithmetic = \"decimal\"\nrate_decimals"),
        "rounding_rules \"rates-first\".arithmetic: unknown arithmetic \"decimal\" (known: exact, binary64)"
    );
    assert_eq!(
        broken("score_rule = \"rates-first\"", "score_rule = \"rates-last\""),
        "groups \"CKMB\".score_rule: unknown rounding rule \"rates-last\""
    );
    assert_eq!(
        broken("rate_decimals = 2\nrate = \"half_up\"", "rate = \"half_up\""),
        "rounding_rules \"rates-first\".rate: needs rate_decimals"
    );
}

#[test]
fn duplicates_are_refused() {
    assert_eq!(broken("id = \"1.2\"", "id = \"1.1\""), "indicators \"1.1\": duplicate indicator id");
    assert_eq!(
        broken("code = \"PUBLIC_UPDATE_ON_TIME\"", "code = \"PUBLISH_ON_TIME\""),
        "indicators \"1.2\": duplicate portal code \"PUBLISH_ON_TIME\""
    );
    assert_eq!(
        broken("id = \"procedures_announced_on_time\"", "id = \"procedures_announced\""),
        "quantities \"procedures_announced\": duplicate quantity id"
    );
    assert_eq!(broken("id = \"good\"", "id = \"excellent\""), "bands[1] \"excellent\": duplicate band id");
    assert_eq!(
        broken("aliases = [\"CLGQ\"]", "aliases = [\"CKMB\"]"),
        "groups \"ONLINE\": duplicate group id or alias \"CKMB\""
    );
}

#[test]
fn bands_must_not_overlap_and_must_cover_zero() {
    assert_eq!(broken("min = 80", "min = 90"), "bands: \"excellent\" and \"good\" overlap (both start at 90.00)");
    assert_eq!(
        broken("min = 0\ncolor", "min = 10\ncolor"),
        "bands: the lowest band must start at 0 so that every total has a band"
    );
    assert_eq!(broken("min = 90", "min = 120"), "bands[0] \"excellent\".min: must be between 0 and 100");
    assert_eq!(
        broken("color = \"#1a7f37\"", "color = \"green\""),
        "bands[0] \"excellent\".color: \"green\" is not a colour like #1a7f37"
    );
}

#[test]
fn formulas_are_checked() {
    assert_eq!(
        broken("numerator = \"procedures_announced_on_time\"", "numerator = \"procedures_anounced_on_time\""),
        "indicators \"1.1\".numerator: unknown quantity \"procedures_anounced_on_time\""
    );
    assert_eq!(
        broken(
            "denominator = \"dossiers_received\"\nempty",
            "denominator = \"dossiers_received - dossiers_overdue\"\nempty"
        ),
        "indicators \"2.1\".denominator: must be a sum of quantities, without '-'"
    );
    assert_eq!(
        broken("numerator = \"dossiers_received - dossiers_overdue\"", "numerator = \"dossiers_received - \""),
        "indicators \"2.1\".numerator: \"dossiers_received - \" is not a sum or difference of quantities"
    );
    assert_eq!(
        broken(CHANNELS, &format!("{CHANNELS}times_rate_of = \"9.9\"\n")),
        "indicators \"3.3\".times_rate_of: unknown indicator \"9.9\""
    );
    assert_eq!(
        broken(CHANNELS, &format!("{CHANNELS}times_rate_of = \"2.2\"\n")),
        "indicators \"3.3\".times_rate_of: \"2.2\" must be a scored indicator without a factor of its own"
    );
    assert_eq!(broken("target = 50", "target = 0"), "indicators \"3.3\".target: must be above 0% and at most 100%");
    assert_eq!(broken("target = 50", "target = 50.125"), "indicators \"3.3\".target: more than 2 decimals");
    assert_eq!(broken("group = \"CKMB\"", "group = \"XYZ\""), "indicators \"1.1\".group: unknown group \"XYZ\"");
}

#[test]
fn syntax_and_shape_errors_say_where() {
    let e = profiles::load_toml("[profile]\nid = \"x\"\nversion = ").unwrap_err().to_string();
    assert!(e.starts_with("methodology: ") && e.contains("(line 3)"), "{e}");
    let e = broken("[ranking]", "[rankings]");
    assert!(e.contains("unknown field `rankings`"), "{e}");
    let e = profiles::load_toml("extends = \"nowhere\"\n[profile]\nid = \"x\"\nversion = \"1\"\nname = { vi = \"a\", en = \"b\" }\ndescription = { vi = \"a\", en = \"b\" }\nsource = \"\"\n").unwrap_err();
    assert_eq!(e.to_string(), "extends: no profile named \"nowhere\"");
    let e = broken("id = \"portal-2026\"", "id = \"portal 2026\"");
    assert_eq!(e, "profile.id: \"portal 2026\" must be letters, digits, '-', '_' or '.'");
    let e = broken("name = { vi = \"Xuất sắc\", en = \"Excellent\" }", "name = { vi = \"\", en = \"Excellent\" }");
    assert_eq!(e, "bands[0] \"excellent\".name: needs both a Vietnamese and an English text");
    assert_eq!(
        broken("points_decimals = 2", "points_decimals = 3"),
        "rounding.points_decimals: 3 is not supported (points are kept to 2 decimals)"
    );
}

#[test]
fn a_child_profile_can_only_remove_what_exists() {
    let child = profiles::SOURCES[1].1.replacen("\"TTTT.C\"]", "\"TTTT.Z\"]", 1);
    assert_eq!(
        profiles::load_toml(&child).unwrap_err().to_string(),
        "remove_indicators: the base has no indicator \"TTTT.Z\""
    );
    let orphan = BASE.replacen("[profile]", "remove_indicators = [\"1.1\"]\n[profile]", 1);
    assert_eq!(
        profiles::load_toml(&orphan).unwrap_err().to_string(),
        "remove_indicators: only a file that extends another may remove indicators"
    );
}

#[test]
fn the_embedded_profiles_are_the_toml_as_written() {
    // build.rs compiles the files into the crate; they must be what the
    // loader makes of the files as written.
    assert_eq!(profiles::list().len(), profiles::SOURCES.len());
    for ((id, toml), embedded) in profiles::SOURCES.iter().zip(profiles::list()) {
        let loaded = profiles::load_toml(toml).unwrap();
        assert_eq!(format!("{loaded:?}"), format!("{embedded:?}"), "{id}");
    }
}

#[test]
fn json_is_read_too() {
    let json = r#"{"extends":"portal-2026","profile":{"id":"x","version":"1","name":{"vi":"a","en":"b"},"description":{"vi":"a","en":"b"},"source":""}}"#;
    let none = |_: &str| None;
    assert_eq!(profiles::load_json(json, &none).unwrap_err().to_string(), "extends: no profile named \"portal-2026\"");
    let e = profiles::load_json("{\"profile\": 3}", &none).unwrap_err().to_string();
    assert!(e.starts_with("methodology: invalid type"), "{e}");
}

/// WCAG relative luminance of "#rrggbb".
fn luminance(hex: &str) -> f64 {
    let c = |i: usize| {
        let v = u8::from_str_radix(&hex[i..i + 2], 16).unwrap() as f64 / 255.0;
        if v <= 0.03928 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * c(1) + 0.7152 * c(3) + 0.0722 * c(5)
}

#[test]
fn band_colours_carry_white_text_at_aa_contrast() {
    for m in profiles::list() {
        for b in &m.bands {
            let ratio = 1.05 / (luminance(&b.color) + 0.05);
            assert!(ratio >= 4.5, "{} {}: white on {} is {ratio:.2}:1", m.id, b.id, b.color);
        }
    }
}
