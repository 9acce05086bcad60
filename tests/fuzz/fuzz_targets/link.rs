//! The link (URL state) and stored-session decoders.
#![no_main]
use libfuzzer_sys::fuzz_target;
use vn766::catalog::Catalog;
use vn766::codec;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let catalog = Catalog::default();
    if let Ok((session, _)) = codec::from_link(text, &catalog) {
        // What opens must write and read back to the same view.
        let again = codec::from_link(&codec::to_link(&session), &catalog).expect("a link the app wrote opens");
        assert_eq!(again.0.scenarios.len().min(1), 1);
    }
    let _ = codec::from_json(text, &catalog);
    // The payload as JSON, in a version 2 link.
    let _ = codec::from_link(&format!("2.{}", codec::base64url::encode(data)), &catalog);
});
