//! Fidelity: the engine reproduces, to the cent, every score the portal
//! published in the shipped table (34 provinces, 2026-10-10).

use vn766::engine::reference::{self, PROVINCES_2026_CSV};
use vn766::engine::{evaluate, format, profiles, Outcome};

#[test]
fn every_published_score_is_reproduced() {
    let method = profiles::default_profile();
    let table = reference::read_csv(PROVINCES_2026_CSV.as_bytes()).expect("the shipped table reads");
    assert_eq!(table.units.len(), 34);

    let mut indicators_checked = 0;
    let mut groups_checked = 0;
    let mut totals_checked = 0;
    let mut misses = Vec::new();
    for unit in &table.units {
        let inputs = unit.inputs(method);
        let ev = evaluate(method, &inputs);
        assert!(ev.issues.is_empty(), "{}: {:?}", unit.code, ev.issues);
        for (i, ind) in method.indicators.iter().enumerate() {
            let Some(&published) = unit.published.indicators.get(&ind.code) else { continue };
            indicators_checked += 1;
            match ev.indicators[i] {
                Outcome::Scored(s) if s.points == published => {}
                other => misses.push(format!(
                    "{} {} {}: computed {:?}, published {}",
                    unit.code,
                    ind.id,
                    ind.code,
                    other.points().map(format::plain_cents),
                    format::plain_cents(published)
                )),
            }
        }
        for code in ["CKMB", "TDGQ", "MDHL", "MDSH"] {
            let g = method.group_index(code).unwrap();
            assert!(!ev.groups[g].given, "{} {code} must be computed from inputs", unit.code);
            let published = unit.published.group(method, g).expect("published group score");
            groups_checked += 1;
            if ev.groups[g].score != Some(published) {
                misses.push(format!(
                    "{} group {code}: computed {:?}, published {}",
                    unit.code,
                    ev.groups[g].score.map(format::plain_cents),
                    format::plain_cents(published)
                ));
            }
        }
        totals_checked += 1;
        if ev.total != unit.published.total {
            misses.push(format!("{} total: computed {:?}, published {:?}", unit.code, ev.total, unit.published.total));
        }
    }
    let checked = indicators_checked + groups_checked + totals_checked;
    println!(
        "fidelity: {} of {checked} published scores reproduced to the cent \
         ({indicators_checked} indicator scores, {groups_checked} CKMB/TDGQ/MDHL/MDSH group scores, \
         {totals_checked} totals; ONLINE and TTTT taken as published)",
        checked - misses.len()
    );
    assert!(misses.is_empty(), "{} misses:\n{}", misses.len(), misses.join("\n"));
    assert_eq!(indicators_checked, 509);
    assert_eq!(groups_checked, 136);
}

#[test]
fn without_the_ckmb_rule_two_group_scores_miss() {
    // The CKMB group rule in the methodology file is what makes the last two
    // scores match: remove it and exactly Thái Nguyên and Thanh Hóa miss.
    let text = profiles::SOURCES[0].1.replace("score = { rate_decimals = 2, points = \"half_even\" }", "");
    let method = profiles::load_toml(&text).unwrap();
    let table = reference::read_csv(PROVINCES_2026_CSV.as_bytes()).unwrap();
    let g = method.group_index("CKMB").unwrap();
    let misses: Vec<&str> = table
        .units
        .iter()
        .filter(|u| evaluate(&method, &u.inputs(&method)).groups[g].score != u.published.group(&method, g))
        .map(|u| u.code.as_str())
        .collect();
    assert_eq!(misses, ["H55", "H56"]);
}

#[test]
fn half_up_points_would_miss_the_tie() {
    // 1/48 of 6 points is exactly 0,125; the portal publishes 0,12.
    let text = profiles::SOURCES[0].1.replace("points = \"half_even\"\nconfidence", "points = \"half_up\"\nconfidence");
    let method = profiles::load_toml(&text).unwrap();
    let table = reference::read_csv(PROVINCES_2026_CSV.as_bytes()).unwrap();
    let tay_ninh = table.units.iter().find(|u| u.code == "H53").unwrap();
    let ev = evaluate(&method, &tay_ninh.inputs(&method));
    assert_eq!(ev.indicators[0].points(), Some(13));
    assert_eq!(tay_ninh.published.indicators["PUBLISH_ON_TIME"], 12);
}
