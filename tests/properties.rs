//! Property tests: the engine's invariants hold for any input.

use proptest::prelude::*;
use vn766::engine::exact::{self, Frac, RoundMode};
use vn766::engine::number::{self, NumberKind, MAX_COUNT};
use vn766::engine::{
    evaluate, format, profiles, reference, Draft, Inputs, Lang, Methodology, Outcome, RankTable, RateInput,
};

fn shipped() -> &'static reference::Table {
    static TABLE: std::sync::OnceLock<reference::Table> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| reference::read_csv(reference::PROVINCES_2026_CSV.as_bytes()).unwrap())
}

fn method() -> &'static Methodology {
    profiles::default_profile()
}

/// Any inputs for the default profile: counts (small and large), some
/// indicators in rate mode, some groups given.
fn any_inputs() -> impl Strategy<Value = Inputs> {
    inputs_for(method())
}

fn inputs_for(m: &'static Methodology) -> impl Strategy<Value = Inputs> {
    (
        prop::collection::vec(
            prop::option::weighted(0.95, prop_oneof![0u64..1000, 0u64..=MAX_COUNT]),
            m.quantities.len(),
        ),
        prop::collection::vec(
            prop_oneof![
                6 => Just(RateInput::Counts),
                2 => (0u128..=10_000).prop_map(|bp| RateInput::Rate(Frac::new(bp, 10_000))),
                1 => Just(RateInput::Invalid),
            ],
            m.indicators.len(),
        ),
        prop::collection::vec(prop::option::weighted(0.2, 0.0f64..=1.0), m.groups.len()),
        prop::collection::vec(prop::option::weighted(0.2, 0.0f64..=1.0), m.groups.len()),
    )
        .prop_map(move |(counts, rates, given, anchors)| Inputs {
            counts,
            rates,
            given: given.iter().enumerate().map(|(g, v)| v.map(|x| (x * m.groups[g].max as f64) as i64)).collect(),
            anchors: anchors.iter().enumerate().map(|(g, v)| v.map(|x| (x * m.groups[g].max as f64) as i64)).collect(),
            carried: vec![None; m.groups.len()],
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn points_stay_within_zero_and_max(
        max in 0i64..=2_000, num in 0u128..=1_000_000_000_000, den in 1u128..=1_000_000_000_000, target_bp in 1u128..=10_000
    ) {
        let num = num.min(den);
        for mode in [RoundMode::HalfEven, RoundMode::HalfUp] {
            let (p, _, raw) = exact::points(max, Frac::new(num, den), Frac::new(target_bp, 10_000), mode);
            prop_assert!((0..=max).contains(&p));
            prop_assert!(raw >= 0.0 && raw <= max as f64 / 100.0 + 1e-9);
            prop_assert!((p as f64 / 100.0 - raw).abs() <= 0.005 + 1e-9);
        }
    }

    #[test]
    fn points_never_fall_when_a_rate_rises(
        max in 0i64..=2_000, a in 0u128..=1_000_000, b in 0u128..=1_000_000, den in 1u128..=1_000_000, target_bp in 1u128..=10_000
    ) {
        let (lo, hi) = (a.min(b).min(den), a.max(b).min(den));
        let t = Frac::new(target_bp, 10_000);
        let p_lo = exact::points(max, Frac::new(lo, den), t, RoundMode::HalfEven).0;
        let p_hi = exact::points(max, Frac::new(hi, den), t, RoundMode::HalfEven).0;
        prop_assert!(p_lo <= p_hi);
    }

    #[test]
    fn every_indicator_is_monotone_in_its_numerator(inputs in any_inputs(), pick in any::<prop::sample::Index>(), extra in 1u64..1000) {
        // Raising a count that only adds to numerators never lowers a score.
        let m = method();
        let eligible: Vec<usize> = (0..m.quantities.len())
            .filter(|&q| {
                m.indicators.iter().filter_map(|i| i.formula.as_ref()).all(|f| {
                    !f.denominator.quantities().any(|x| x == q) && !f.numerator.negative().any(|x| x == q)
                })
            })
            .collect();
        assert!(eligible.len() > 15);
        let q = eligible[pick.index(eligible.len())];
        let before = evaluate(m, &inputs);
        let mut raised = inputs.clone();
        raised.counts[q] = raised.counts[q].map(|c| c + extra);
        let after = evaluate(m, &raised);
        for (i, (b, a)) in before.indicators.iter().zip(&after.indicators).enumerate() {
            if let (Outcome::Scored(b), Outcome::Scored(a)) = (b, a) {
                prop_assert!(a.points >= b.points, "indicator {} fell: {} -> {}", m.indicators[i].id, b.points, a.points);
            }
        }
    }

    #[test]
    fn the_total_is_the_sum_of_the_groups(
        a in inputs_for(&profiles::list()[0]), b in inputs_for(&profiles::list()[1])
    ) {
        for (m, inputs) in profiles::list().iter().zip([a, b]) {
            let ev = evaluate(m, &inputs);
            let sum: Option<i64> = ev.groups.iter().map(|g| g.score).sum();
            prop_assert_eq!(ev.total, sum);
            if let Some(total) = ev.total {
                prop_assert!((0..=10_000).contains(&total));
                prop_assert_eq!(ev.band, Some(m.band_of(total)));
            }
            for (g, group) in m.groups.iter().enumerate() {
                if let Some(s) = ev.groups[g].score {
                    prop_assert!((0..=group.max).contains(&s));
                }
            }
            // Every scored indicator is within [0, max].
            for (i, o) in ev.indicators.iter().enumerate() {
                if let Outcome::Scored(s) = o {
                    prop_assert!((0..=m.indicators[i].max).contains(&s.points));
                    prop_assert!((0..=m.indicators[i].max).contains(&s.group_points));
                }
            }
        }
    }

    #[test]
    fn any_subset_of_a_units_inputs_keeps_its_published_total(
        unit in 0usize..34, keep in prop::collection::vec(any::<bool>(), 40), changed in any::<prop::sample::Index>(), by in 1u64..5000
    ) {
        // Every group keeps its published score; only some indicators keep
        // their inputs. The published total is reproduced to the cent, each
        // remainder is exactly the points of the indicators it stands for,
        // and a scenario against that baseline moves only by what changed.
        let m = method();
        let u = &shipped().units[unit];
        let full = evaluate(m, &u.inputs(m));
        let mut inputs = u.inputs(m);
        let kept: Vec<usize> = (0..m.indicators.len()).filter(|&i| keep[i % keep.len()]).collect();
        let read = |i: usize| -> Vec<usize> {
            m.indicators[i].formula.as_ref().map(|f| f.numerator.quantities().chain(f.denominator.quantities()).collect()).unwrap_or_default()
        };
        for q in 0..m.quantities.len() {
            if !kept.iter().any(|&i| read(i).contains(&q)) {
                inputs.counts[q] = None;
            }
        }
        for i in 0..m.indicators.len() {
            if !kept.contains(&i) {
                inputs.rates[i] = RateInput::Counts;
            }
        }
        for g in 0..m.groups.len() {
            inputs.anchors[g] = u.published.group(m, g);
        }
        let base = evaluate(m, &inputs);
        prop_assert_eq!(base.total, u.published.total);
        for (g, result) in base.groups.iter().enumerate() {
            let rest = result.remainder.as_ref().unwrap();
            prop_assert!(rest.plausible(), "{} {}: {}", u.code, m.groups[g].id, rest.cents);
            // Where the full inputs are known, the remainder is exactly the
            // points of the indicators it stands for.
            if full.groups[g].remainder.is_none() {
                let points: i64 = rest.indicators.iter().map(|&i| full.indicators[i].scored().unwrap().group_points).sum();
                prop_assert_eq!(rest.cents, points, "{} {}", u.code, m.groups[g].id);
            }
        }
        // A scenario: one count the baseline holds, raised.
        let mut scenario = inputs.clone();
        scenario.carried = base.groups.iter().map(|g| g.remainder.clone()).collect();
        let same = evaluate(m, &scenario);
        prop_assert_eq!(same.total, base.total);
        let held: Vec<usize> = (0..m.quantities.len()).filter(|&q| scenario.counts[q].is_some()).collect();
        if !held.is_empty() {
            let q = held[changed.index(held.len())];
            scenario.counts[q] = scenario.counts[q].map(|c| c + by);
            let moved = evaluate(m, &scenario);
            if let (Some(after), Some(before)) = (moved.total, same.total) {
                let delta: i64 = (0..m.indicators.len())
                    .filter_map(|i| Some(moved.indicators[i].scored()?.group_points - same.indicators[i].scored()?.group_points))
                    .sum();
                prop_assert_eq!(after - before, delta);
            }
        }
    }

    #[test]
    fn a_higher_total_never_ranks_lower(others in prop::collection::vec(0i64..=10_000, 0..60), a in 0i64..=10_000, b in 0i64..=10_000) {
        let table = RankTable::new(others.clone());
        let (lo, hi) = (a.min(b), a.max(b));
        prop_assert!(table.rank(hi).position <= table.rank(lo).position);
        prop_assert_eq!(table.rank(lo).of, others.len() + 1);
        // The total needed for a rank reaches it.
        for k in 1..=others.len() + 1 {
            prop_assert!(table.rank(table.total_for_rank(k)).position <= k);
        }
        if let Some(gap) = table.to_next_rank(lo) {
            prop_assert!(table.rank(lo + gap).position < table.rank(lo).position);
        }
    }

    #[test]
    fn the_parser_never_panics(s in ".{0,40}") {
        let _ = number::parse(&s, NumberKind::Count);
        let _ = number::parse(&s, NumberKind::Decimal);
    }

    #[test]
    fn any_typed_text_scores_without_panicking(texts in prop::collection::vec("[0-9.,% a-z-]{0,12}", 40)) {
        let m = method();
        let mut draft = Draft::default();
        for (q, t) in m.quantities.iter().zip(&texts) {
            draft.counts.insert(q.id.clone(), t.clone());
        }
        let a = vn766::engine::assess(m, &draft);
        prop_assert_eq!(a.evaluation.total.is_some(), a.issues.is_empty() && a.evaluation.groups.iter().all(|g| g.score.is_some()));
    }

    #[test]
    fn formatted_numbers_parse_back(cents in 0i64..=100_000_000, lang in prop_oneof![Just(Lang::Vi), Just(Lang::En)]) {
        let text = format::cents(cents, lang);
        let p = number::parse(&text, NumberKind::Decimal).unwrap();
        prop_assert_eq!(Frac::new(p.value.mantissa as u128, 10u128.pow(p.value.scale)).scaled_round(2, RoundMode::HalfEven), cents as u128);
        let count = format::count(cents as u64, lang);
        prop_assert_eq!(number::parse(&count, NumberKind::Count).unwrap().value.mantissa, cents as u64);
    }
}
