//! The scenario file import (any version), and what the app does with what
//! it reads: score every scenario, write the file again.
#![no_main]
use libfuzzer_sys::fuzz_target;
use vn766::catalog::Catalog;
use vn766::codec;

fuzz_target!(|data: &[u8]| {
    let catalog = Catalog::default();
    if let Ok(session) = codec::from_file_bytes(data, &catalog) {
        let cols = vn766::view::columns(&session);
        let _ = vn766::view::results_csv(&session, &cols);
        let again = codec::from_json(&codec::to_json(&session), &catalog).expect("a file the app wrote reads back");
        assert_eq!(again, session);
    }
});
