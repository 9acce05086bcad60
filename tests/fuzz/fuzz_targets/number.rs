//! The number parser, and the field parsers built on it.
#![no_main]
use libfuzzer_sys::fuzz_target;
use vn766::engine::inputs::{parse_count, parse_rate, parse_score};
use vn766::engine::number::{parse, NumberKind, MAX_COUNT};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for kind in [NumberKind::Count, NumberKind::Decimal] {
        if let Ok(p) = parse(text, kind) {
            if kind == NumberKind::Count {
                assert!(p.value.scale == 0 && p.value.mantissa <= MAX_COUNT);
            }
            assert!(p.value.scale <= 6);
        }
    }
    if let Ok(r) = parse_rate(text) {
        assert!(r.num <= r.den, "a rate above 100%: {text:?}");
    }
    if let Ok(c) = parse_score(text, 1800) {
        assert!((0..=1800).contains(&c));
    }
    let _ = parse_count(text);
});
