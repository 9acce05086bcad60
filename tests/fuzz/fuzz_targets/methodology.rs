//! The methodology loader (TOML and JSON files, with `extends`).
#![no_main]
use libfuzzer_sys::fuzz_target;
use vn766::engine::{evaluate, profiles, Inputs};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(m) = profiles::load_toml(text) {
        // A method that loads scores without panicking.
        let _ = evaluate(&m, &Inputs::empty(&m));
    }
    let none = |_: &str| None;
    let _ = profiles::load_json(text, &none);
});
