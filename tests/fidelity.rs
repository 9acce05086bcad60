//! Fidelity: the engine reproduces, to the cent, every score the portal
//! published in the data we hold:
//!
//! - the shipped table (34 provinces, 2026-10-10): every indicator score,
//!   the CKMB, TDGQ, MDHL and MDSH group scores and the totals;
//! - TTTT from the portal's payment tree (34 provinces, 2026-09-30,
//!   `data/fidelity/tttt-provinces-2026-09-30.csv`) and two commune cases;
//! - ONLINE from the portal's online-services tree (5 published scores,
//!   `data/fidelity/online-observations.csv`).
//!
//! `cargo test --test fidelity -- --nocapture` prints what each reproduced.

use std::collections::BTreeMap;

use vn766::engine::reference::{self, PROVINCES_2026_CSV};
use vn766::engine::{evaluate, format, profiles, Cents, Inputs, Methodology, Outcome};

const TTTT_CSV: &str = include_str!("../data/fidelity/tttt-provinces-2026-09-30.csv");
const ONLINE_CSV: &str = include_str!("../data/fidelity/online-observations.csv");

/// The two commune cases of the methodology reference: A's counts, B's
/// numerator, C's numerator, fee-bearing procedures → published TTTT.
type Case = ((u64, u64), u64, u64, u64, Cents);
const COMMUNES: [Case; 2] = [((1054, 1141), 16, 5, 41, 682), ((2140, 2295), 16, 5, 41, 687)];

/// Rows of a CSV file as maps from column to cell.
fn rows(text: &str) -> Vec<BTreeMap<String, String>> {
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let header = r.headers().unwrap().clone();
    r.records().map(|rec| header.iter().zip(rec.unwrap().iter()).map(|(h, v)| (h.into(), v.into())).collect()).collect()
}

fn cents(text: &str) -> Cents {
    let (whole, dec) = text.split_once('.').unwrap_or((text, ""));
    whole.parse::<Cents>().unwrap() * 100 + format!("{dec:0<2}")[..2].parse::<Cents>().unwrap()
}

/// Inputs holding only these counts.
fn counts(method: &Methodology, values: &[(&str, u64)]) -> Inputs {
    let mut inputs = Inputs::empty(method);
    for &(q, v) in values {
        inputs.counts[method.quantity_index(q).unwrap_or_else(|| panic!("{q}"))] = Some(v);
    }
    inputs
}

fn tttt(method: &Methodology, a: (u64, u64), b: u64, c: u64, fee: u64) -> Option<Cents> {
    let inputs = counts(
        method,
        &[
            ("dossiers_paid_online", a.0),
            ("dossiers_with_fee", a.1),
            ("fee_procedures_paid_online", b),
            ("fee_procedures_with_dossiers", c),
            ("fee_procedures", fee),
        ],
    );
    evaluate(method, &inputs).groups[method.group_index("TTTT").unwrap()].score
}

/// What one set of published scores gave: how many, and the misses.
#[derive(Default)]
struct Tally {
    checked: usize,
    misses: Vec<String>,
}

impl Tally {
    fn check(&mut self, what: impl Fn() -> String, computed: Option<Cents>, published: Cents) {
        self.checked += 1;
        if computed != Some(published) {
            self.misses.push(format!(
                "{}: computed {:?}, published {}",
                what(),
                computed.map(format::plain_cents),
                format::plain_cents(published)
            ));
        }
    }
    fn line(&self, name: &str) -> String {
        format!("{name} {}/{}", self.checked - self.misses.len(), self.checked)
    }
}

#[test]
fn every_published_score_is_reproduced() {
    let method = profiles::default_profile();
    let table = reference::read_csv(PROVINCES_2026_CSV.as_bytes()).expect("the shipped table reads");
    assert_eq!(table.units.len(), 34);

    let mut indicators = Tally::default();
    let mut groups: BTreeMap<&str, Tally> = BTreeMap::new();
    let mut totals = Tally::default();
    let mut tttt_split = Tally::default();
    for unit in &table.units {
        let ev = evaluate(method, &unit.inputs(method));
        assert!(ev.issues.is_empty(), "{}: {:?}", unit.code, ev.issues);
        for (i, ind) in method.indicators.iter().enumerate() {
            let Some(published) = unit.published.indicators.get(&ind.code) else { continue };
            indicators.check(|| format!("{} {}", unit.code, ind.id), ev.indicators[i].points(), published);
        }
        for code in ["CKMB", "TDGQ", "MDHL", "MDSH"] {
            let g = method.group_index(code).unwrap();
            assert!(ev.groups[g].remainder.is_none(), "{} {code} must be computed from inputs", unit.code);
            let published = unit.published.group(method, g).expect("published group score");
            groups.entry(code).or_default().check(|| format!("{} {code}", unit.code), ev.groups[g].score, published);
        }
        // TTTT: A and B from the table's counts, C the rest of the published
        // score, which must be a score C can have.
        let g = method.group_index("TTTT").unwrap();
        let rest = ev.groups[g].remainder.clone().expect("TTTT is split: the table lacks C's numerator");
        let c = method.indicator_index("TTTT.C").unwrap();
        assert_eq!(rest.indicators, [c], "{}", unit.code);
        assert!(rest.plausible(), "{}: C would be {}", unit.code, rest.cents);
        tttt_split.check(
            || format!("{} TTTT", unit.code),
            ev.groups[g].score,
            unit.published.group(method, g).unwrap(),
        );
        totals.check(|| format!("{} total", unit.code), ev.total, unit.published.total.unwrap());
    }

    // TTTT from the payment tree's counts, C's numerator included.
    let mut tttt_table = Tally::default();
    for row in rows(TTTT_CSV) {
        let n = |c: &str| row[c].parse::<u64>().unwrap();
        let computed = tttt(
            method,
            (n("pay_dossier_success"), n("pay_dossier_obligation")),
            n("pay_formality_success"),
            n("fee_dossier_formality"),
            n("pay_fee_formality"),
        );
        tttt_table.check(|| format!("{} TTTT", row["code"]), computed, cents(&row["tttt_score"]));
    }
    let mut communes = Tally::default();
    for (n, (a, b, c, fee, published)) in COMMUNES.into_iter().enumerate() {
        communes.check(|| format!("commune case {}", n + 1), tttt(method, a, b, c, fee), published);
    }

    // ONLINE from the online-services tree's counts.
    let mut online = Tally::default();
    for row in rows(ONLINE_CSV) {
        let n = |c: &str| row[c].parse::<u64>().unwrap();
        let inputs = counts(
            method,
            &[
                ("procedures_total", n("authorityCount")),
                ("procedures_online_full", n("fullCount")),
                ("procedures_online_partial", n("partialCount")),
                ("online_services", n("onlineServiceTotal")),
                ("online_services_with_dossiers", n("onlineDossierCount")),
                ("dossiers_channel_online", n("channelOnlineSum")),
                ("dossiers_channel_total", n("channelTotalSum")),
            ],
        );
        let g = method.group_index("ONLINE").unwrap();
        online.check(
            || format!("{} {}", row["unit"], row["period"]),
            evaluate(method, &inputs).groups[g].score,
            cents(&row["score"]),
        );
    }

    let mut lines = vec![indicators.line("indicator scores")];
    lines.extend(groups.iter().map(|(code, t)| t.line(code)));
    lines.push(format!(
        "{}, of which C as the rest of the published score, within 0–2 in every province",
        tttt_split.line("TTTT split")
    ));
    lines.push(totals.line("totals"));
    println!("fidelity, the 34-province table of 2026-10-10: {}", lines.join("; "));
    println!(
        "fidelity, TTTT from the payment tree: {} (2026-09-30), {}",
        tttt_table.line("provinces"),
        communes.line("commune cases")
    );
    println!("fidelity, ONLINE from the online-services tree: {}", online.line("published scores"));
    let all: Vec<&Tally> = [&indicators, &totals, &tttt_split, &tttt_table, &communes, &online]
        .into_iter()
        .chain(groups.values())
        .collect();
    let misses: Vec<&String> = all.iter().flat_map(|t| &t.misses).collect();
    let checked: usize = all.iter().map(|t| t.checked).sum();
    println!("fidelity: {} of {checked} published scores reproduced to the cent", checked - misses.len());
    assert!(misses.is_empty(), "{} misses:\n{:?}", misses.len(), misses);
    assert_eq!(indicators.checked, 509);
    assert_eq!(groups.values().map(|t| t.checked).sum::<usize>(), 136);
    assert_eq!((tttt_table.checked, communes.checked, online.checked), (34, 2, 5));
}

#[test]
fn without_the_ckmb_rule_two_group_scores_miss() {
    // The CKMB group rule in the methodology file is what makes the last two
    // scores match: remove it and exactly Thái Nguyên and Thanh Hóa miss.
    let text = profiles::SOURCES[0].1.replace("score_rule = \"rates-first\"", "");
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
fn exact_arithmetic_would_miss_the_tie() {
    // 1/48 of 6 points is exactly 0,125, and the portal publishes 0,12: in
    // double it is 0,12499…, which rounds half up to 0,12. Exact
    // arithmetic rounded half up gives 0,13 (and half to even, which did
    // give 0,12, misses 0,625 → 0,63: tests/rules.rs).
    let rounding = "arithmetic = \"binary64\"\npoints = \"half_up\"";
    assert!(profiles::SOURCES[0].1.contains(rounding));
    let text = profiles::SOURCES[0].1.replacen(rounding, "arithmetic = \"exact\"\npoints = \"half_up\"", 1);
    let method = profiles::load_toml(&text).unwrap();
    let table = reference::read_csv(PROVINCES_2026_CSV.as_bytes()).unwrap();
    let tay_ninh = table.units.iter().find(|u| u.code == "H53").unwrap();
    assert_eq!(tay_ninh.published.indicators["PUBLISH_ON_TIME"], 12);
    assert_eq!(evaluate(&method, &tay_ninh.inputs(&method)).indicators[0].points(), Some(13));
    let method = profiles::default_profile();
    assert_eq!(evaluate(method, &tay_ninh.inputs(method)).indicators[0].points(), Some(12));
}

#[test]
fn tttt_needs_binary64_and_half_up() {
    // The two commune cases pin TTTT's rule: exact decimal arithmetic
    // misses (0,305 is a true tie there, 0,30499… in binary64), and so does
    // the exact half-even rounding of the other groups.
    let rule = "arithmetic = \"binary64\"\nrate_decimals = 2\nrate = \"half_up\"\npoints = \"half_up\"";
    assert!(profiles::SOURCES[0].1.contains(rule));
    let misses = |replacement: &str| {
        let method = profiles::load_toml(&profiles::SOURCES[0].1.replace(rule, replacement)).unwrap();
        COMMUNES.iter().filter(|&&(a, b, c, fee, published)| tttt(&method, a, b, c, fee) != Some(published)).count()
    };
    assert_eq!(misses(rule), 0);
    let exact_half_up = "arithmetic = \"exact\"\nrate_decimals = 2\nrate = \"half_up\"\npoints = \"half_up\"";
    let exact_half_even = "arithmetic = \"exact\"\nrate_decimals = 2\nrate = \"half_even\"\npoints = \"half_even\"";
    assert!(misses(exact_half_up) >= 1, "exact decimal arithmetic");
    assert!(misses(exact_half_even) >= 1, "half-even rounding");
}

#[test]
fn a_split_group_keeps_its_score_and_shows_its_indicators() {
    // TTTT of Đồng Tháp: the published 6,42 split into A and B (computed)
    // and C (the rest); each computed part's points are shown.
    let method = profiles::default_profile();
    let table = reference::read_csv(PROVINCES_2026_CSV.as_bytes()).unwrap();
    let ev = evaluate(method, &table.units[0].inputs(method));
    let a = method.indicator_index("TTTT.A").unwrap();
    assert!(matches!(ev.indicators[a], Outcome::Scored(_)));
    let g = &ev.groups[method.group_index("TTTT").unwrap()];
    assert_eq!(g.score, Some(642));
    assert_eq!(g.indicator_sum.unwrap() + g.remainder.as_ref().unwrap().cents, 642);
}

#[test]
fn every_shipped_table_with_counts_is_reproduced() {
    // The shipped data directory (data/directory, converted from public
    // captures): each table's units scored from their counts; every group
    // whose counts a table carries must give the published score.
    let dir = std::path::Path::new("data/directory");
    let index = vn766::directory::Index::read(&std::fs::read_to_string(dir.join("index.json")).unwrap()).unwrap();
    let (mut checked, mut reproduced, mut tables) = (0, 0, 0);
    for t in &index.tables {
        let text = std::fs::read_to_string(dir.join(&t.file)).unwrap();
        let report = vn766::fetch::check::check(&text).unwrap();
        if report.groups.is_empty() {
            continue;
        }
        tables += 1;
        println!("fidelity, shipped {}: {}", t.id, report.line());
        for (ok, n) in report.groups.values() {
            reproduced += ok;
            checked += n;
        }
        assert!(report.mismatches.is_empty(), "{}: {:?}", t.id, report.mismatches);
    }
    println!("fidelity, the shipped directory: {reproduced} of {checked} published group scores of {tables} tables reproduced to the cent");
    assert!(tables >= 6, "the shipped tables with counts");
}
