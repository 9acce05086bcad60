//! Engine speed, natively: ns per unit scored, for one unit, the shipped
//! 34-province table and 10 000 generated units; and ns per keystroke-sized
//! step (parse a draft and score it). Run with `make bench` or
//! `cargo bench --bench engine`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use vn766::engine::plan::{self, Goal, Preferences};
use vn766::engine::reference::{self, PROVINCES_2026_CSV};
use vn766::engine::{assess, batch, evaluate, profiles, Draft, Inputs, Lang, RankTable};

/// Runs `f` (which scores `units` units) repeatedly for about `budget` and
/// returns the best ns per unit over several rounds.
fn measure(units: usize, budget: Duration, mut f: impl FnMut()) -> f64 {
    // Warm up.
    let start = Instant::now();
    let mut calls = 0u64;
    while start.elapsed() < budget / 10 {
        f();
        calls += 1;
    }
    let per_round = calls.max(1);
    let mut best = f64::MAX;
    for _ in 0..10 {
        let t = Instant::now();
        for _ in 0..per_round {
            f();
        }
        let ns = t.elapsed().as_nanos() as f64 / (per_round as f64 * units as f64);
        best = best.min(ns);
    }
    best
}

/// A cheap deterministic generator for varied units.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

/// A table of `n` units: the shipped rows repeated under codes U0, U1, …
fn large_table(n: usize) -> String {
    let mut lines = PROVINCES_2026_CSV.lines();
    let header = lines.next().unwrap_or_default();
    let rows: Vec<&str> = lines.collect();
    let mut out = format!("{header}\n");
    for i in 0..n {
        let row = rows[i % rows.len()];
        let rest = row.split_once(',').map_or("", |(_, r)| r);
        out.push_str(&format!("U{i},{rest}\n"));
    }
    out
}

fn main() {
    let method = profiles::default_profile();
    let table = reference::read_csv(PROVINCES_2026_CSV.as_bytes()).unwrap();
    let table_inputs: Vec<Inputs> = table.units.iter().map(|u| u.inputs(method)).collect();

    // 10 000 units: the real ones with every count scaled by a random factor
    // (numerators kept within their denominators), all groups computed.
    let mut rng = Lcg(766);
    let mut generated = Vec::with_capacity(10_000);
    for n in 0..10_000 {
        let mut inputs = table_inputs[n % table_inputs.len()].clone();
        let scale = 50 + rng.next() % 100;
        for c in inputs.counts.iter_mut().flatten() {
            *c = *c * scale / 100;
        }
        generated.push(inputs);
    }

    let budget = Duration::from_millis(400);
    let one = &table_inputs[0];
    let one_ns = measure(1, budget, || {
        black_box(evaluate(method, black_box(one)));
    });
    let table_ns = measure(table_inputs.len(), budget, || {
        for i in &table_inputs {
            black_box(evaluate(method, black_box(i)));
        }
    });
    let gen_ns = measure(generated.len(), budget * 3, || {
        for i in &generated {
            black_box(evaluate(method, black_box(i)));
        }
    });
    let draft = Draft::from_inputs(method, one, Lang::Vi);
    let draft_ns = measure(1, budget, || {
        black_box(assess(method, black_box(&draft)));
    });
    let load_ns = measure(1, budget, || {
        black_box(profiles::load_toml(profiles::SOURCES[0].1).unwrap());
    });
    let csv_ns = measure(table.units.len(), budget, || {
        black_box(reference::read_csv(black_box(PROVINCES_2026_CSV.as_bytes())).unwrap());
    });
    // A 5 000-unit table (the shipped rows repeated under new codes): read
    // and scored whole, as the `score` command and the batch table do.
    let big = large_table(5_000);
    let read_score_ns = measure(5_000, budget * 3, || {
        let t = reference::read_csv(black_box(big.as_bytes())).unwrap();
        black_box(batch::score_table(method, &t));
    });
    let unit_bytes = {
        let t = reference::read_csv(big.as_bytes()).unwrap();
        // Each string is one allocation (its capacity, and about 16 bytes the
        // allocator keeps beside it).
        let heap: usize =
            t.units.iter().map(|u| u.code.capacity() + u.name.capacity() + u.kind.capacity() + 3 * 16).sum();
        (std::mem::size_of::<reference::Unit>() * t.units.capacity() + heap) / t.units.len()
    };

    // The planner: rank 5 for every province (the full method, all levers free).
    let totals = table.published_totals();
    let goals: Vec<Goal> = (0..table.units.len())
        .map(|i| Goal::Rank { position: 5, total: RankTable::excluding(&totals, Some(i)).total_for_rank(5) })
        .collect();
    let prefs = Preferences::default();
    let plan_ns = measure(table_inputs.len(), budget * 2, || {
        for (inputs, goal) in table_inputs.iter().zip(&goals) {
            black_box(plan::plan(method, black_box(inputs), goal, &prefs).ok());
        }
    });
    let levers_ns = measure(1, budget, || {
        black_box(plan::levers(method, black_box(one), &prefs));
    });

    println!("engine benchmark (native, best of 10 rounds)");
    println!("  score one unit                  {one_ns:>10.0} ns/unit");
    println!("  score the 34-province table     {table_ns:>10.0} ns/unit");
    println!("  score 10 000 generated units    {gen_ns:>10.0} ns/unit");
    println!("  parse a typed draft and score   {draft_ns:>10.0} ns/edit");
    println!("  read the CSV table              {csv_ns:>10.0} ns/unit");
    println!("  read and score 5 000 units      {read_score_ns:>10.0} ns/unit (target 3 000)");
    println!("  a unit in memory                {unit_bytes:>10} bytes (target 1 024)");
    println!("  load the methodology file       {:>10.1} µs", load_ns / 1000.0);
    println!("  plan to rank 5 (34 provinces)    {:>10.1} µs/plan (one frame = 16 667 µs)", plan_ns / 1000.0);
    println!("  levers table                    {:>10.1} µs", levers_ns / 1000.0);
    let worst = one_ns.max(table_ns).max(gen_ns);
    println!("  target: below 5 000 ns/unit: {}", if worst < 5000.0 { "met" } else { "NOT met" });
}
