//! The table importers: the portal's JSON (evaluation, detail), our CSV and
//! pasted tables (tab, semicolon, comma).
#![no_main]
use libfuzzer_sys::fuzz_target;
use vn766::engine::{batch, import, profiles};

fuzz_target!(|data: &[u8]| {
    for name in [None, Some("t.json"), Some("t.tsv"), Some("t.csv")] {
        if let Ok(p) = import::import(data, name) {
            let _ = batch::score_table(profiles::default_profile(), &p.table);
        }
    }
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = import::import_text(text);
    }
});
