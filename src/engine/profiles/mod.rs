//! The methodology profiles shipped with the app: `methodology/*.toml`,
//! checked and compiled by build.rs with the same loader
//! ([`super::method::load`]) and embedded as static data ([`raw`]), built
//! once on first use.

mod raw;

use std::sync::OnceLock;

use super::method::{self, MethodError, Methodology, Syntax};

/// `(id, TOML text)`: the files as written, the default first.
#[cfg(not(target_arch = "wasm32"))]
pub const SOURCES: &[(&str, &str)] = &[
    ("portal-2026", include_str!("../../../methodology/portal-2026.toml")),
    ("document", include_str!("../../../methodology/document.toml")),
];

pub const DEFAULT_ID: &str = "portal-2026";

/// Loads a methodology written in TOML, which may extend a shipped profile.
#[cfg(not(target_arch = "wasm32"))]
pub fn load_toml(text: &str) -> Result<Methodology, MethodError> {
    let base = |id: &str| SOURCES.iter().find(|(i, _)| *i == id).map(|(_, t)| t.to_string());
    method::load(text, Syntax::Toml, &base)
}

/// Loads a methodology in JSON (the same fields as the TOML files); it may
/// extend a shipped profile, given as JSON by `base`.
pub fn load_json(text: &str, base: &dyn Fn(&str) -> Option<String>) -> Result<Methodology, MethodError> {
    method::load(text, Syntax::Json, base)
}

fn all() -> &'static [Methodology] {
    static ALL: OnceLock<Vec<Methodology>> = OnceLock::new();
    ALL.get_or_init(|| raw::PROFILES.iter().map(raw::build).collect())
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

#[cfg(test)]
mod embedded_tests {
    use super::*;

    /// The static data build.rs wrote is exactly what the loader reads from
    /// each file.
    #[test]
    fn the_embedded_profiles_are_the_files() {
        assert_eq!(list().len(), SOURCES.len());
        for (m, (id, text)) in list().iter().zip(SOURCES) {
            assert_eq!(m.id, *id);
            let loaded = load_toml(text).unwrap();
            assert_eq!(format!("{m:?}"), format!("{loaded:?}"), "{id}");
        }
    }
}
