//! Targets: goal seek, coupled levers, and the cheapest plan checked against
//! exhaustive search.

use vn766::engine::plan::{self, Goal, LeverKind, Preferences};
use vn766::engine::reference::{self, PROVINCES_2026_CSV};
use vn766::engine::{evaluate, profiles, Inputs, Methodology, RankTable};

fn m() -> &'static Methodology {
    profiles::default_profile()
}

fn unit(code: &str) -> (Inputs, RankTable) {
    let t = reference::read_csv(PROVINCES_2026_CSV.as_bytes()).unwrap();
    let i = t.position(code).unwrap();
    (t.units[i].inputs(m()), RankTable::excluding(&t.published_totals(), Some(i)))
}

fn ind(id: &str) -> usize {
    m().indicator_index(id).unwrap()
}

fn q(id: &str) -> usize {
    m().quantity_index(id).unwrap()
}

/// Every lever locked except the named owners.
fn only(owners: &[&str]) -> Preferences {
    Preferences {
        locked: m().indicators.iter().map(|i| i.id.clone()).filter(|id| !owners.contains(&id.as_str())).collect(),
        ..Preferences::default()
    }
}

#[test]
fn a_rank_goal_is_reached() {
    let (inputs, ranks) = unit("H38");
    assert_eq!(ranks.rank(evaluate(m(), &inputs).total.unwrap()).position, 23);
    let goal = Goal::Rank { position: 5, total: ranks.total_for_rank(5) };
    let p = plan::plan(m(), &inputs, &goal, &Preferences::default()).unwrap();
    assert!(p.reachable);
    let total = p.evaluation.total.unwrap();
    assert!(total >= ranks.total_for_rank(5));
    assert!(ranks.rank(total).position <= 5);
    assert_eq!(p.steps.iter().map(|s| s.gain).sum::<i64>(), total - p.current);
    assert!(!p.steps.is_empty());
    for s in &p.steps {
        assert!(s.gain >= 0 && s.cost > 0.0, "{s:?}");
    }
}

#[test]
fn a_met_goal_needs_nothing_and_bad_inputs_plan_nothing() {
    let (inputs, _) = unit("H20");
    let p = plan::plan(m(), &inputs, &Goal::Total(5000), &Preferences::default()).unwrap();
    assert!(p.reachable && p.steps.is_empty() && p.cost == 0.0);
    let mut bad = inputs.clone();
    bad.counts[q("dossiers_overdue")] = None;
    assert_eq!(plan::plan(m(), &bad, &Goal::Total(9000), &Preferences::default()), Err(plan::PlanError::InvalidInputs));
}

#[test]
fn an_unreachable_goal_shows_the_best_reachable() {
    let (inputs, _) = unit("H20");
    // Only 1.1 may change: from 0/52 to 52/52 is +6 points at most.
    let p = plan::plan(m(), &inputs, &Goal::Total(9000), &only(&["1.1"])).unwrap();
    assert!(!p.reachable);
    assert_eq!(p.evaluation.total, Some(6880 + 600));
    assert_eq!(p.steps.len(), 1);
    assert_eq!(p.steps[0].to, 52.0);
}

#[test]
fn overdue_dossiers_move_two_indicators_and_a_lock_holds() {
    let (inputs, _) = unit("H20");
    let levers = plan::levers(m(), &inputs, &Preferences::default());
    let overdue = levers.iter().find(|l| l.lever.kind == LeverKind::Decrease(q("dossiers_overdue"))).unwrap();
    assert_eq!(overdue.lever.owner, ind("2.1"));
    assert!(overdue.lever.moves.contains(&ind("5.4")));
    assert_eq!(overdue.lever.room, 46764.0);
    // +1 point of 2.1's rate (4 054 fewer overdue dossiers): 0,20 on 2.1 and
    // 0,07 on 5.4 (6 ÷ 90% × 1%), 5.4 being 1,57 points below its cap.
    assert!((overdue.per_point - (0.2 + 6.0 / 0.9 / 100.0)).abs() < 1e-6, "{}", overdue.per_point);
    // Levers are sorted by points per percentage point.
    assert!(levers.windows(2).all(|w| w[0].per_point >= w[1].per_point));
    // With 2.1 locked, 5.4 can still use dissatisfied dossiers but overdue stays.
    let p = plan::plan(m(), &inputs, &Goal::Total(7000), &only(&["5.4"])).unwrap();
    for s in &p.steps {
        assert_ne!(s.lever.kind, LeverKind::Decrease(q("dossiers_overdue")));
    }
    assert_eq!(p.inputs.counts[q("dossiers_overdue")], inputs.counts[q("dossiers_overdue")]);
}

#[test]
fn a_count_that_feeds_a_factor_moves_both_indicators() {
    // The portal does not multiply 3.3 by 1.4's sync rate, but a
    // methodology file can (the formula document's reading): the sync count
    // then moves 3.3 too, and the planner uses it.
    let channels = "denominator = \"dossiers_channel_total\"\n";
    let text =
        vn766::engine::profiles::SOURCES[0].1.replacen(channels, &format!("{channels}times_rate_of = \"1.4\"\n"), 1);
    let doc = vn766::engine::profiles::load_toml(&text).unwrap();
    let (mut inputs, _) = unit("H38");
    // ONLINE computed from counts: 3.3's rate is its share times 1.4's rate.
    inputs.anchors[m().group_index("ONLINE").unwrap()] = None;
    for (id, v) in [
        ("procedures_total", 100),
        ("procedures_online_full", 30),
        ("procedures_online_partial", 20),
        ("online_services", 100),
        ("online_services_with_dossiers", 50),
        ("dossiers_channel_online", 20000),
        ("dossiers_channel_total", 280591),
        ("dossiers_synced", 200000),
    ] {
        inputs.counts[q(id)] = Some(v);
    }
    let levers = plan::levers(&doc, &inputs, &Preferences::default());
    let sync = levers.iter().find(|l| l.lever.kind == LeverKind::Increase(q("dossiers_synced"))).unwrap();
    assert_eq!(sync.lever.owner, ind("1.4"));
    assert!(sync.lever.moves.contains(&ind("3.3")));
    let p = plan::plan(&doc, &inputs, &Goal::Total(7500), &Preferences::default()).unwrap();
    assert!(p.reachable, "{p:?}");
    assert!(evaluate(&doc, &p.inputs).total.unwrap() >= 7500);
    // Under the portal's method the sync count moves 1.4 alone.
    let levers = plan::levers(m(), &inputs, &Preferences::default());
    let sync = levers.iter().find(|l| l.lever.kind == LeverKind::Increase(q("dossiers_synced"))).unwrap();
    assert_eq!(sync.lever.moves, [ind("1.4")]);
}

/// The lowest cost, by exhaustive search over a grid of lever amounts, that
/// reaches `target` with the exact engine; `None` if no grid point does.
fn brute_force(inputs: &Inputs, levers: &[(usize, bool, f64)], grid: usize, target: i64) -> Option<f64> {
    let mut best: Option<f64> = None;
    let k = levers.len();
    let mut idx = vec![0usize; k];
    loop {
        let mut trial = inputs.clone();
        let mut cost = 0.0;
        for (j, &(quantity, increase, room)) in levers.iter().enumerate() {
            let amount = (room * idx[j] as f64 / grid as f64).round();
            cost += amount;
            let c = trial.counts[quantity].unwrap();
            trial.counts[quantity] = Some(if increase { c + amount as u64 } else { c - amount as u64 });
        }
        if evaluate(m(), &trial).total.unwrap() >= target && best.is_none_or(|b| cost < b) {
            best = Some(cost);
        }
        // Next grid point.
        let mut j = 0;
        loop {
            if j == k {
                return best;
            }
            idx[j] += 1;
            if idx[j] <= grid {
                break;
            }
            idx[j] = 0;
            j += 1;
        }
    }
}

#[test]
fn the_plan_is_as_cheap_as_exhaustive_search() {
    // Small cases: two or three free levers (one pair coupled through 5.4's
    // cap), a grid of 40 steps each, several targets.
    /// (owner, quantity, increase?)
    type Free = (&'static str, &'static str, bool);
    let cases: &[(&str, &[Free])] = &[
        // Separable: three MDSH counts with different slopes and caps.
        (
            "H20",
            &[
                ("4.1", "dossiers_e_result", true),
                ("4.3", "dossiers_reused", true),
                ("4.5b", "dossiers_citizen_data", true),
            ],
        ),
        // Coupled: overdue dossiers (2.1 and 5.4) and dissatisfied dossiers (5.4).
        ("H26", &[("2.1", "dossiers_overdue", false), ("5.4", "dossiers_disliked", false)]),
        // Coupled complaints: overdue complaints (5.2 and 5.3) and disliked ones (5.3).
        ("H21", &[("5.2", "petitions_overdue", false), ("5.3", "petitions_disliked_or_repeated", false)]),
        // Procedures, with caps reached early.
        ("H55", &[("1.1", "procedures_announced_on_time", true), ("1.2", "procedures_published_on_time", true)]),
    ];
    let mut compared = 0;
    for (code, free) in cases {
        let (inputs, _) = unit(code);
        let owners: Vec<&str> = free.iter().map(|f| f.0).collect();
        let prefs = only(&owners);
        let info = plan::levers(m(), &inputs, &prefs);
        let grid_levers: Vec<(usize, bool, f64)> = free
            .iter()
            .map(|&(_, quantity, increase)| {
                let kind = if increase { LeverKind::Increase(q(quantity)) } else { LeverKind::Decrease(q(quantity)) };
                let l = info.iter().find(|l| l.lever.kind == kind).unwrap_or_else(|| panic!("{code} {quantity}"));
                (q(quantity), increase, l.lever.room)
            })
            .collect();
        let current = evaluate(m(), &inputs).total.unwrap();
        let reach = {
            let p = plan::plan(m(), &inputs, &Goal::Total(10_000), &prefs).unwrap();
            p.evaluation.total.unwrap()
        };
        for frac in [0.2, 0.5, 0.8, 0.95] {
            let target = current + ((reach - current) as f64 * frac) as i64;
            let p = plan::plan(m(), &inputs, &Goal::Total(target), &prefs).unwrap();
            assert!(p.reachable, "{code} {target}");
            assert!(p.evaluation.total.unwrap() >= target, "{code}: the plan must reach {target}");
            let grid = 40;
            let best =
                brute_force(&inputs, &grid_levers, grid, target).expect("the grid's far corner reaches the target");
            // The plan may use any whole count; the grid only multiples of a
            // step, so the plan costs at most the grid's best (plus the
            // top-up of a few whole counts for rounding).
            let slack = grid_levers.len() as f64 * 3.0;
            assert!(
                p.cost <= best + slack,
                "{code} target {target}: plan costs {} > exhaustive {best}\n{:#?}",
                p.cost,
                p.steps
            );
            compared += 1;
        }
    }
    println!("plan vs exhaustive search: {compared} cases, the plan never costs more");
}

#[test]
fn weights_shift_the_plan() {
    let (inputs, _) = unit("H20");
    let free = ["4.1", "4.2"];
    let cheap_41 = plan::plan(m(), &inputs, &Goal::Total(7000), &only(&free)).unwrap();
    let mut prefs = only(&free);
    prefs.weights.insert("4.1".into(), 50.0);
    let dear_41 = plan::plan(m(), &inputs, &Goal::Total(7000), &prefs).unwrap();
    let used = |p: &plan::Plan, quantity: &str| {
        p.steps.iter().find(|s| s.lever.kind == LeverKind::Increase(q(quantity))).map(|s| s.to - s.from).unwrap_or(0.0)
    };
    assert!(used(&dear_41, "dossiers_e_result") < used(&cheap_41, "dossiers_e_result"));
    assert!(used(&dear_41, "dossiers_digitised") > used(&cheap_41, "dossiers_digitised"));
}

#[test]
fn steps_read_as_plain_words() {
    use vn766::engine::{explain, Lang};
    let (inputs, _) = unit("H20");
    let p = plan::plan(m(), &inputs, &Goal::Total(6900), &only(&["2.1"])).unwrap();
    assert_eq!(p.steps.len(), 1);
    let vi = explain::plan_step(m(), &p.steps[0], Lang::Vi);
    let en = explain::plan_step(m(), &p.steps[0], Lang::En);
    // 2.1 needs +0,20 on its own… and 5.4 moves too.
    assert!(vi.starts_with("Giảm hồ sơ quá hạn từ 46.764 xuống "), "{vi}");
    assert!(
        vi.contains("nâng tỷ lệ hồ sơ xử lý trước hạn, đúng hạn từ 88,47% lên ") && vi.contains("(cũng nâng 5.4)"),
        "{vi}"
    );
    assert!(vi.ends_with(" điểm") && vi.contains(": +0,"), "{vi}");
    assert!(en.starts_with("Cut overdue dossiers from 46,764 to "), "{en}");
    assert_eq!(explain::in_sentence("TTHC công bố"), "TTHC công bố");
    assert_eq!(explain::in_sentence("Tỷ lệ hồ sơ"), "tỷ lệ hồ sơ");
}

#[test]
fn goal_seek_gives_each_lever_alone() {
    let (inputs, _) = unit("H20");
    let seeks = plan::seek(m(), &inputs, &Goal::Total(7000), &Preferences::default()).unwrap();
    assert!(seeks.len() > 10);
    // 4.1 alone: the least count of dossiers with an electronic result.
    let s = seeks.iter().find(|s| s.lever.kind == LeverKind::Increase(q("dossiers_e_result"))).unwrap();
    assert!(s.reachable);
    let with = |n: f64| {
        let mut i = inputs.clone();
        i.counts[q("dossiers_e_result")] = Some(n as u64);
        evaluate(m(), &i).total.unwrap()
    };
    assert!(with(s.to) >= 7000);
    assert!(with(s.to - 1.0) < 7000, "the least count: {} reaches, one fewer does not", s.to);
    // 1.1 alone gives at most 6 points: not enough for 80.
    let seeks = plan::seek(m(), &inputs, &Goal::Total(8000), &Preferences::default()).unwrap();
    let s = seeks.iter().find(|s| s.lever.owner == ind("1.1")).unwrap();
    assert!(!s.reachable);
    assert_eq!(s.total, 6880 + 600);
    assert_eq!(s.to, 52.0);
    // Locked levers are left out.
    let seeks = plan::seek(m(), &inputs, &Goal::Total(8000), &only(&["1.1"])).unwrap();
    assert_eq!(seeks.len(), 1);
}
