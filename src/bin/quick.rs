//! The quick-start module: the engine and the page's view without Yew, so
//! that it arrives well before the app on a slow connection and answers
//! edits in the prerendered page until the app replaces it
//! ([`vn766::quick`]). Trunk builds it as a "worker" (no page of its own);
//! `boot.js` loads it first, then the app.

use vn766::quick::{self, Change};
use wasm_bindgen::prelude::*;

/// `typed`: the prerendered fields' ids and texts, in pairs. The answer:
/// the changes to make, in triples (selector, what, value), `what` being
/// "text", "width", "color" (empty value: none) or "invalid" ("1" or "").
#[wasm_bindgen]
pub fn answer(typed: Vec<String>) -> Vec<String> {
    let pairs: Vec<(String, String)> = typed.chunks_exact(2).map(|p| (p[0].clone(), p[1].clone())).collect();
    let mut out = Vec::new();
    for p in quick::answer(&pairs) {
        let (what, value) = match p.change {
            Change::Text(t) => ("text", t),
            Change::Width(w) => ("width", w.to_string()),
            Change::Color(c) => ("color", c.unwrap_or_default()),
            Change::Invalid(on) => ("invalid", if on { "1".into() } else { String::new() }),
        };
        out.extend([p.selector, what.to_string(), value]);
    }
    out
}

fn main() {}
