//! Options in the page's address: an embedded view and its starting point.

use super::{Action, Session, MAX_NAME};
use crate::engine::{profiles, Lang};

/// Options in the page's address (`?embed=1&lang=en&profile=document&unit=H38&compact=1`):
/// an embedded view and its starting point.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PageOptions {
    /// Only the calculator, no page chrome; the height is posted to the host.
    pub embed: bool,
    /// A tighter layout (no descriptions, no targets or scenario tools).
    pub compact: bool,
    pub lang: Option<Lang>,
    pub profile: Option<String>,
    pub unit: Option<String>,
}

impl PageOptions {
    /// Reads the query string (with or without its leading '?'). Unknown
    /// keys and values are ignored.
    pub fn from_query(query: &str) -> PageOptions {
        let mut o = PageOptions::default();
        for pair in query.trim_start_matches('?').split('&') {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let v = v.trim();
            let yes = matches!(v, "" | "1" | "true" | "yes");
            match k {
                "embed" => o.embed = yes,
                "compact" => o.compact = yes,
                "lang" => o.lang = Lang::from_code(v),
                "profile" if profiles::get(v).is_some() => o.profile = Some(v.to_string()),
                "unit" if !v.is_empty() && v.len() <= MAX_NAME => o.unit = Some(v.to_string()),
                _ => {}
            }
        }
        o
    }

    /// Applies the starting point (language, profile, unit) to a session.
    pub fn apply_to(&self, s: &mut Session) {
        if let Some(lang) = self.lang {
            s.apply(Action::SetLang(lang));
        }
        if let Some(p) = &self.profile {
            s.apply(Action::SetProfile(p.clone()));
        }
        if let Some(u) = &self.unit {
            s.apply(Action::ChooseUnit(u.clone()));
        }
    }
}

#[cfg(test)]
mod options_tests {
    use super::*;

    #[test]
    fn page_options_from_the_address() {
        let o = PageOptions::from_query("?embed=1&lang=en&profile=document&unit=H38&compact&x=y");
        assert!(o.embed && o.compact);
        assert_eq!(o.lang, Some(Lang::En));
        assert_eq!(o.profile.as_deref(), Some("document"));
        assert_eq!(o.unit.as_deref(), Some("H38"));
        let mut s = Session::default();
        o.apply_to(&mut s);
        assert_eq!((s.lang, s.profile.as_str(), s.unit.as_deref()), (Lang::En, "document", Some("H38")));
        let o = PageOptions::from_query("profile=nope&lang=fr&embed=0");
        assert_eq!(o, PageOptions::default());
        // A unit not in the table is ignored by the session.
        let mut s = Session::default();
        PageOptions::from_query("unit=ZZ").apply_to(&mut s);
        assert_eq!(s.unit.as_deref(), Some("H20"));
    }
}
