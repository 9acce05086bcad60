//! The text catalogue: every user-facing text of the app, one file per
//! language (`src/text/vi.toml`, `src/text/en.toml`), compiled by build.rs
//! into [`Texts`] (a build fails when a key or a placeholder is missing in
//! one language). The engine returns typed errors; the catalogue words them.
//!
//! A text with placeholders (`"{n} ô cần sửa"`) is filled with [`fill`].

use crate::engine::Lang;

include!(concat!(env!("OUT_DIR"), "/texts.rs"));

/// The texts of a language.
#[cfg(any(feature = "web", not(feature = "quick")))]
pub fn t(lang: Lang) -> &'static Texts {
    match lang {
        Lang::Vi => &VI,
        Lang::En => &EN,
    }
}

/// The quick-start module (feature `quick` without the app) answers only
/// the prerendered page, which is in Vietnamese: its wasm leaves the
/// English catalogue out.
#[cfg(all(feature = "quick", not(feature = "web")))]
pub fn t(_: Lang) -> &'static Texts {
    &VI
}

/// A text with its placeholders filled: `fill("{n} ô cần sửa", &[("n", "2")])`.
/// One pass over the template: a value is never read as a template (a
/// user's text holding "{n}" stays as typed).
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}').map(|close| (&after[..close], close)) {
            Some((name, close)) if values.iter().any(|(n, _)| *n == name) => {
                out.push_str(values.iter().find(|(n, _)| *n == name).map_or("", |(_, v)| v));
                rest = &after[close + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn keys(text: &str) -> Vec<(String, Vec<String>)> {
        let table: toml::Table = toml::from_str(text).unwrap();
        let mut out: Vec<(String, Vec<String>)> = table
            .iter()
            .map(|(k, v)| {
                let s = v.as_str().unwrap_or_else(|| panic!("{k} is not a text"));
                let mut names: Vec<String> =
                    s.split('{').skip(1).filter_map(|r| r.split_once('}').map(|(n, _)| n.to_string())).collect();
                names.sort();
                names.dedup();
                (k.clone(), names)
            })
            .collect();
        out.sort();
        out
    }

    /// Both languages have every key, and each text the same placeholders.
    #[test]
    fn both_languages_have_every_key_and_placeholder() {
        let vi = keys(include_str!("vi.toml"));
        let en = keys(include_str!("en.toml"));
        assert_eq!(vi.len(), en.len());
        for (a, b) in vi.iter().zip(&en) {
            assert_eq!(a, b);
        }
        assert!(vi.len() > 150);
    }

    #[test]
    fn placeholders_are_filled_by_name() {
        assert_eq!(fill(VI.fix_count_many, &[("n", "2")]), "2 ô cần sửa");
        assert_eq!(fill(EN.fix_count_many, &[("n", "2")]), "2 fields need attention");
        assert_eq!(fill("{a} {b} {a}", &[("a", "x"), ("b", "y")]), "x y x");
        assert_eq!(fill("{a}: {b}", &[("a", "{b}"), ("b", "y")]), "{b}: y", "a value is not a template");
        assert_eq!(fill("{unknown} {", &[("a", "x")]), "{unknown} {");
    }
}
