//! Whatever is typed in the fields: scoring, the view, and the planner.
#![no_main]
use libfuzzer_sys::fuzz_target;
use vn766::engine::plan::{self, Goal, Preferences};
use vn766::engine::{assess, profiles};
use vn766::session::{Action, Session};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut s = Session::default();
    let method = s.method();
    // Spread the text over the fields, one line each.
    for (line, q) in text.lines().zip(method.quantities.iter()) {
        s.apply(Action::SetCount { quantity: q.id.clone(), text: line.to_string() });
    }
    if let Some(last) = text.lines().last() {
        s.apply(Action::SetGivenMode { group: "ONLINE".into(), on: true, prefill: None });
        s.apply(Action::SetGiven { group: "ONLINE".into(), text: last.into() });
    }
    let a = assess(method, s.draft());
    let _ = vn766::view::page(&s, &a, None, &s.rank_table());
    if a.issues.is_empty() {
        let _ = plan::plan(profiles::default_profile(), &a.inputs, &Goal::Total(9000), &Preferences::default());
    }
});
