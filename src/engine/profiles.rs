//! The methodology profiles shipped with the app, embedded at compile time
//! and parsed and checked once, on first use.

use std::sync::OnceLock;

use super::method::{self, MethodError, Methodology};

/// `(id, file text)` of every shipped profile; the first is the default.
pub const FILES: &[(&str, &str)] = &[
    ("portal-2026", include_str!("../../methodology/portal-2026.toml")),
    ("document", include_str!("../../methodology/document.toml")),
];

pub const DEFAULT_ID: &str = "portal-2026";

fn file_text(id: &str) -> Option<String> {
    FILES.iter().find(|(i, _)| *i == id).map(|(_, t)| t.to_string())
}

/// Loads a methodology file that may extend a shipped profile.
pub fn load(text: &str) -> Result<Methodology, MethodError> {
    method::load(text, &file_text)
}

fn all() -> &'static [Methodology] {
    static ALL: OnceLock<Vec<Methodology>> = OnceLock::new();
    ALL.get_or_init(|| {
        FILES
            .iter()
            .map(|(id, text)| match load(text) {
                Ok(m) => m,
                // The shipped files are checked by the tests; a broken one
                // is a build defect, not a user error.
                Err(e) => panic!("shipped methodology {id} is invalid: {e}"),
            })
            .collect()
    })
}

/// Every shipped profile, the default first.
pub fn list() -> &'static [Methodology] {
    all()
}

/// A shipped profile by id.
pub fn get(id: &str) -> Option<&'static Methodology> {
    all().iter().find(|m| m.id == id)
}

/// The default profile (`portal-2026`).
pub fn default_profile() -> &'static Methodology {
    &all()[0]
}
