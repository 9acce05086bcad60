//! The CSV readers: reference tables and score histories.
#![no_main]
use libfuzzer_sys::fuzz_target;
use vn766::engine::{evaluate, profiles, reference};
use vn766::history::History;

fuzz_target!(|data: &[u8]| {
    let method = profiles::default_profile();
    if let Ok(table) = reference::read_csv(data) {
        for unit in table.units.iter().take(50) {
            let _ = evaluate(method, &unit.inputs(method));
        }
    }
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(h) = History::from_csv(text, method) {
            let (points, _) = h.check(method);
            let _ = vn766::history::chart(&points, method, vn766::engine::Lang::Vi);
        }
    }
});
