//! Whatever is typed in the fields (values to try and current values):
//! scoring against the baseline, the view, and the planner.
#![no_main]
use libfuzzer_sys::fuzz_target;
use vn766::engine::plan::{self, Goal, Preferences};
use vn766::session::{Action, Session};
use vn766::view;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut s = Session::default();
    let method = s.method();
    let n = method.quantities.len();
    // Spread the text over the fields, one line each: the values to try,
    // then the current values.
    for (k, line) in text.lines().take(2 * n).enumerate() {
        let quantity = method.quantities[k % n].id.clone();
        let text = line.to_string();
        s.apply(if k < n { Action::SetCount { quantity, text } } else { Action::SetCurrentCount { quantity, text } });
    }
    if let Some(last) = text.lines().last() {
        s.apply(Action::SetCurrentRate { indicator: "3.3".into(), text: last.into() });
        s.apply(Action::SetGivenMode { group: "TTTT".into(), on: true, prefill: None });
        s.apply(Action::SetGiven { group: "TTTT".into(), text: last.into() });
    }
    let base = view::assess_baseline(&s);
    let a = view::assess_scenario(&s, s.draft(), base.as_ref().map(|(_, a)| a));
    let published = s.published();
    let b = base.as_ref().map(|(d, a)| view::Base { draft: d, assessment: a, published: published.as_ref() });
    let _ = view::page(&s, &a, b, &s.rank_table());
    if a.issues.is_empty() {
        let _ = plan::plan(method, &a.inputs, &Goal::Total(9000), &Preferences::default());
    }
});
