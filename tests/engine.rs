//! The engine's behaviour on the cases the reference describes: coupled
//! inputs, empty denominators, targets, rate mode, given scores, errors and
//! explanations.

use vn766::engine::inputs::InputError;
use vn766::engine::number::NumberError;
use vn766::engine::reference::{self, PROVINCES_2026_CSV};
use vn766::engine::{assess, evaluate, explain, profiles, Draft, Field, Inputs, Lang, Methodology, Outcome, RankTable};

fn m() -> &'static Methodology {
    profiles::default_profile()
}

fn table() -> reference::Table {
    reference::read_csv(PROVINCES_2026_CSV.as_bytes()).unwrap()
}

fn unit_draft(code: &str) -> Draft {
    let t = table();
    let u = t.units.iter().find(|u| u.code == code).unwrap();
    Draft::from_inputs(m(), &u.inputs(m()), Lang::Vi)
}

fn points(ev: &vn766::engine::Evaluation, id: &str) -> Option<i64> {
    ev.indicators[m().indicator_index(id).unwrap()].points()
}

#[test]
fn a_real_unit_starts_with_online_and_payment_split_from_their_published_scores() {
    let d = unit_draft("H20");
    assert!(d.given_mode.is_empty());
    // The table holds no ONLINE count and not C's numerator: those groups
    // keep their published scores, split.
    assert_eq!(d.scores["ONLINE"], "8,84");
    assert_eq!(d.scores["TTTT"], "6,42");
    assert_eq!(d.scores.len(), 2);
    assert_eq!(d.counts["dossiers_received"], "405424");
    assert!(d.rate_mode.contains("4.6"));
    let a = assess(m(), &d);
    assert!(a.issues.is_empty(), "{:?}", a.issues);
    assert_eq!(a.evaluation.total, Some(6880));
    assert_eq!(m().bands[a.evaluation.band.unwrap()].name.vi, "Trung bình");
    let online = a.evaluation.groups[2].remainder.as_ref().unwrap();
    assert_eq!((online.cents, online.max, online.indicators.len()), (884, 1200, 3));
    // TTTT: A = 227321/264583 = 85,92% × 6 = 5,16 (5,1552 in binary64);
    // B = 113/330 = 34,24% × 2 ÷ 80% = 0,856 → 0,86; C = 6,42 − 5,16 − 0,86.
    assert_eq!(points(&a.evaluation, "TTTT.A"), Some(516));
    assert_eq!(points(&a.evaluation, "TTTT.B"), Some(86));
    let tttt = a.evaluation.groups[3].remainder.as_ref().unwrap();
    assert_eq!((tttt.cents, tttt.max), (40, 200));
    assert!(tttt.plausible());
    assert_eq!(a.evaluation.indicators[m().indicator_index("TTTT.C").unwrap()], Outcome::Remainder);
}

#[test]
fn overdue_dossiers_lower_timeliness_and_satisfaction_together() {
    let mut d = unit_draft("H20");
    let before = assess(m(), &d).evaluation;
    d.counts.insert("dossiers_overdue".into(), "20000".into());
    let after = assess(m(), &d).evaluation;
    assert!(points(&after, "2.1") > points(&before, "2.1"));
    assert!(points(&after, "5.4") > points(&before, "5.4"));
    // 2.1: (405424 − 20000) / 405424 × 20 = 19,01
    assert_eq!(points(&after, "2.1"), Some(1901));
    // 5.4: (405424 − 20000 − 138) / 405424 = 95,03% ≥ 90% → full 6
    assert_eq!(points(&after, "5.4"), Some(600));
}

#[test]
fn overdue_complaints_lower_both_complaint_indicators() {
    let mut d = unit_draft("H20");
    d.counts.insert("petitions_overdue".into(), "0".into());
    let ev = assess(m(), &d).evaluation;
    assert_eq!(points(&ev, "5.2"), Some(600));
    // (286 − 0 − 50) / 286 × 6 = 4,95
    assert_eq!(points(&ev, "5.3"), Some(495));
}

#[test]
fn empty_denominators_follow_each_indicators_rule() {
    let mut d = unit_draft("H20");
    for q in [
        "petitions_total",
        "petitions_overdue",
        "petitions_disliked_or_repeated",
        "dossiers_total",
        "dossiers_e_result",
        "dossiers_digitised",
        "dossiers_reused",
        "dossiers_personal_storage",
        "dossiers_citizen_data",
        "dossiers_disliked",
        "procedures_announced",
        "procedures_announced_on_time",
        "dossiers_overdue",
    ] {
        d.counts.insert(q.into(), "0".into());
    }
    let ev = assess(m(), &d).evaluation;
    assert_eq!(points(&ev, "5.2"), Some(600), "no complaints: full marks");
    assert_eq!(points(&ev, "5.3"), Some(600), "no complaints: full marks");
    assert_eq!(points(&ev, "5.4"), Some(0), "no dossiers: 0 points");
    assert_eq!(points(&ev, "1.1"), Some(0));
    let i = m().indicator_index("5.2").unwrap();
    assert_eq!(
        explain::indicator(m(), i, &ev.indicators[i], Lang::Vi),
        "Mẫu số bằng 0 (không phát sinh) → đủ điểm 6,00"
    );
    assert_eq!(
        explain::indicator(m(), i, &ev.indicators[i], Lang::En),
        "Denominator is 0 (none arose) → full marks 6.00"
    );
}

#[test]
fn online_submission_counts_against_its_target_without_the_sync_rate() {
    let mut d = unit_draft("H20");
    // Computed from its inputs alone (no published score to split).
    d.scores.remove("ONLINE");
    for (q, v) in [
        ("procedures_total", "100"),
        ("procedures_online_full", "50"),
        ("procedures_online_partial", "30"),
        ("online_services", "50"),
        ("online_services_with_dossiers", "25"),
    ] {
        d.counts.insert(q.into(), v.into());
    }
    d.rate_mode.insert("3.3".into());
    d.rates.insert("3.3".into(), "2,83".into());
    let a = assess(m(), &d);
    assert!(a.issues.is_empty(), "{:?}", a.issues);
    let ev = &a.evaluation;
    let i = m().indicator_index("3.3").unwrap();
    // 2,83% × 6 ÷ 50% = 0,3396 → 0,34
    assert_eq!(points(ev, "3.3"), Some(34));
    assert_eq!(explain::indicator(m(), i, &ev.indicators[i], Lang::Vi), "2,83% × 6 ÷ 50% = 0,34");
    assert_eq!(points(ev, "3.1"), Some(200), "80% reaches 3.1's target");
    let i31 = m().indicator_index("3.1").unwrap();
    assert_eq!(explain::indicator(m(), i31, &ev.indicators[i31], Lang::En), "80.00% ≥ 80% (full-marks level) → 2.00");
    assert_eq!(points(ev, "3.2"), Some(200));
    // ONLINE = 2 + 2 + 0,34
    assert_eq!(ev.groups[2].score, Some(434));
    // A lower sync rate (1.4) does not lower 3.3.
    d.counts.insert("dossiers_synced".into(), "174691".into());
    let ev = assess(m(), &d).evaluation;
    assert_eq!(points(&ev, "3.3"), Some(34));
}

/// Counts of an ONLINE group alone, every other group given.
fn online_only() -> Draft {
    let mut d = Draft::default();
    d.given_mode.extend(["CKMB", "TDGQ", "TTTT", "MDHL", "MDSH"].map(String::from));
    for (g, v) in [("CKMB", "10"), ("TDGQ", "15"), ("TTTT", "5"), ("MDHL", "10"), ("MDSH", "10")] {
        d.given.insert(g.into(), v.into());
    }
    for (q, v) in [
        ("procedures_total", "10"),
        ("procedures_online_full", "8"),
        ("procedures_online_partial", "0"),
        ("online_services", "5"),
        ("online_services_with_dossiers", "5"),
        ("dossiers_channel_total", "100"),
        ("dossiers_channel_online", "50"),
    ] {
        d.counts.insert(q.into(), v.into());
    }
    d
}

#[test]
fn an_online_group_needs_nothing_of_the_sync_rate() {
    let a = assess(m(), &online_only());
    assert!(a.issues.is_empty(), "{:?}", a.issues);
    // 50% reaches 3.3's target: ONLINE = 2 + 4 + 6
    assert_eq!(a.evaluation.groups[2].score, Some(1200));
    assert_eq!(a.evaluation.total, Some(1000 + 1500 + 1200 + 500 + 1000 + 1000));
}

#[test]
fn a_factor_a_methodology_file_states_needs_the_other_indicator() {
    // The formula document's reading, 3.3 × the 1.4 sync rate, can still
    // be stated in a methodology file; the field then says what it needs.
    let channels = "denominator = \"dossiers_channel_total\"\n";
    let text = profiles::SOURCES[0].1.replacen(channels, &format!("{channels}times_rate_of = \"1.4\"\n"), 1);
    let doc = profiles::load_toml(&text).unwrap();
    let mut d = online_only();
    let a = assess(&doc, &d);
    let i = doc.indicator_index("3.3").unwrap();
    let issue = a.issue_for(Field::Indicator(i)).expect("3.3 needs 1.4");
    assert_eq!(issue.message(&doc, Lang::Vi), "Cần số liệu của chỉ số 1.4");
    assert_eq!(a.evaluation.total, None);
    d.counts.insert("dossiers_synced".into(), "90".into());
    d.counts.insert("dossiers_sync_base".into(), "100".into());
    let a = assess(&doc, &d);
    assert!(a.issues.is_empty(), "{:?}", a.issues);
    // 50% × 90% = 45% → 6 × 45/50 = 5,40; ONLINE = 2 + 4 + 5,40
    assert_eq!(a.evaluation.groups[2].score, Some(1140));
    assert_eq!(
        explain::indicator(&doc, i, &a.evaluation.indicators[i], Lang::Vi),
        "50,00% × 90,00% (1.4) = 45,00%; 45,00% × 6 ÷ 50% = 5,40"
    );
}

#[test]
fn a_given_score_replaces_the_group() {
    let mut d = unit_draft("H20");
    d.given_mode.insert("MDSH".into());
    d.given.insert("MDSH".into(), "20".into());
    d.counts.insert("dossiers_e_result".into(), "abc".into());
    let a = assess(m(), &d);
    assert!(a.issues.is_empty(), "counts of a given group are kept but not checked");
    assert_eq!(a.evaluation.groups[5].score, Some(2000));
    assert_eq!(a.evaluation.total, Some(6880 - 972 + 2000));
    let i = m().indicator_index("4.1").unwrap();
    assert_eq!(a.evaluation.indicators[i], Outcome::Given);
}

#[test]
fn bad_input_marks_its_field_and_keeps_the_rest() {
    let mut d = unit_draft("H20");
    d.counts.insert("dossiers_e_result".into(), "abc".into());
    d.counts.insert("procedures_announced_on_time".into(), "60".into());
    let a = assess(m(), &d);
    let e_result = m().quantity_index("dossiers_e_result").unwrap();
    let on_time = m().quantity_index("procedures_announced_on_time").unwrap();
    assert_eq!(a.issue_for(Field::Count(e_result)).unwrap().error, InputError::Number(NumberError::NotANumber));
    let above = a.issue_for(Field::Count(on_time)).unwrap();
    assert_eq!(above.message(m(), Lang::Vi), "Lớn hơn mẫu số “TTHC phải công bố”");
    assert_eq!(above.message(m(), Lang::En), "Larger than the denominator “Procedures to announce”");
    assert_eq!(a.issues.len(), 2);
    let ev = &a.evaluation;
    assert_eq!(points(ev, "4.1"), None);
    assert_eq!(points(ev, "1.1"), None);
    assert_eq!(ev.groups[0].score, None);
    assert_eq!(ev.groups[5].score, None);
    assert_eq!(ev.total, None);
    assert_eq!(ev.band, None);
    // The other groups and indicators are untouched.
    assert_eq!(ev.groups[1].score, Some(1769));
    assert_eq!(points(ev, "4.2"), Some(95));
}

#[test]
fn subtracted_counts_above_their_total_are_named() {
    let mut d = unit_draft("H20");
    d.counts.insert("dossiers_overdue".into(), "500000".into());
    let a = assess(m(), &d);
    let overdue = m().quantity_index("dossiers_overdue").unwrap();
    let issue = a.issue_for(Field::Count(overdue)).unwrap();
    assert_eq!(issue.message(m(), Lang::Vi), "Các số bị trừ vượt quá “Hồ sơ tiếp nhận (tiến độ)”");
}

#[test]
fn the_portal_ckmb_rule_is_explained() {
    let t = table();
    let u = t.units.iter().find(|u| u.code == "H55").unwrap();
    let ev = evaluate(m(), &u.inputs(m()));
    assert_eq!(ev.groups[0].score, Some(810));
    assert_eq!(ev.groups[0].indicator_sum, Some(811));
    let i = m().indicator_index("1.1").unwrap();
    assert_eq!(
        explain::indicator(m(), i, &ev.indicators[i], Lang::Vi),
        "1,75% × 6 = 0,11 (nhóm tính từ tỷ lệ làm tròn 2 chữ số: 0,10)"
    );
    let g = explain::group(m(), 0, &ev.groups[0], Lang::En);
    assert!(g.contains("8.10") && g.contains("8.11"), "{g}");
}

#[test]
fn hypothetical_rank_leaves_the_unit_out() {
    let t = table();
    let totals = t.published_totals();
    let h38 = t.position("H38").unwrap();
    let ranks = RankTable::excluding(&totals, Some(h38));
    assert_eq!(ranks.rank(6172).position, 23);
    assert_eq!(ranks.rank(6172).of, 34);
    assert_eq!(ranks.rank(6880).position, 1);
    assert_eq!(ranks.rank(6900).position, 1);
    assert_eq!(ranks.to_next_rank(6172), Some(6180 - 6172));
    assert_eq!(ranks.total_for_rank(10), 6409);
}

#[test]
fn rates_and_counts_give_the_same_points() {
    let mut d = unit_draft("H20");
    let counts = assess(m(), &d).evaluation;
    d.rate_mode.insert("1.2".into());
    d.rates.insert("1.2".into(), "86,538462".into());
    let rate = assess(m(), &d).evaluation;
    assert_eq!(points(&counts, "1.2"), points(&rate, "1.2"));
    assert_eq!(counts.total, rate.total);
}

#[test]
fn inputs_of_another_shape_do_not_panic() {
    let ev = evaluate(m(), &Inputs { counts: vec![], rates: vec![], given: vec![], anchors: vec![], carried: vec![] });
    assert_eq!(ev.total, None);
    assert!(!ev.issues.is_empty());
}

#[test]
fn an_invalid_rate_is_one_issue_not_a_missing_count() {
    let mut d = Draft::default();
    d.rate_mode.insert("3.2".into());
    d.rates.insert("3.2".into(), "".into());
    let a = assess(m(), &d);
    let i = m().indicator_index("3.2").unwrap();
    assert!(a.issue_for(Field::Rate(i)).is_some());
    let services = m().quantity_index("online_services").unwrap();
    assert!(a.issue_for(Field::Count(services)).is_none(), "3.2's counts are not in use");
}
