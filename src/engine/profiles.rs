//! The methodology profiles shipped with the app, embedded at compile time
//! and parsed and checked once, on first use.

use std::sync::OnceLock;

use super::method::{self, MethodError, Methodology, Syntax};

macro_rules! shipped {
    ($($id:literal),* $(,)?) => {
        /// `(id, JSON text)` of every shipped profile, converted from
        /// `methodology/<id>.toml` by build.rs; the first is the default.
        pub const SHIPPED: &[(&str, &str)] =
            &[$(($id, include_str!(concat!(env!("OUT_DIR"), "/methodology/", $id, ".json")))),*];
        /// `(id, TOML text)`: the files as written.
        #[cfg(not(target_arch = "wasm32"))]
        pub const SOURCES: &[(&str, &str)] =
            &[$(($id, include_str!(concat!("../../methodology/", $id, ".toml")))),*];
    };
}

shipped!("portal-2026", "document");

pub const DEFAULT_ID: &str = "portal-2026";

fn find(files: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
    move |id| files.iter().find(|(i, _)| *i == id).map(|(_, t)| t.to_string())
}

/// Loads a methodology written in TOML, which may extend a shipped profile.
#[cfg(not(target_arch = "wasm32"))]
pub fn load_toml(text: &str) -> Result<Methodology, MethodError> {
    method::load(text, Syntax::Toml, &find(SOURCES))
}

/// Loads a methodology in JSON, which may extend a shipped profile.
pub fn load_json(text: &str) -> Result<Methodology, MethodError> {
    method::load(text, Syntax::Json, &find(SHIPPED))
}

fn all() -> &'static [Methodology] {
    static ALL: OnceLock<Vec<Methodology>> = OnceLock::new();
    ALL.get_or_init(|| {
        SHIPPED
            .iter()
            .map(|(id, text)| match load_json(text) {
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
