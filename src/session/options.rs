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
    /// A host's current reference table (`?data=URL`, percent-encoded or
    /// not): fetched at start and ranked against. An absolute http(s)
    /// address or one relative to the page.
    pub data: Option<String>,
}

/// The longest `?data=` address accepted.
pub const MAX_DATA_URL: usize = 2000;

/// `%XX` escapes decoded (and `+` as a space), as a query value is written;
/// `None` when the result is not UTF-8.
fn percent_decoded(v: &str) -> Option<String> {
    let bytes = v.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok()?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

/// A data address as accepted: http(s), or relative to the page (no other
/// scheme, such as `javascript:` or `data:`).
fn data_url(v: &str) -> Option<String> {
    let v = percent_decoded(v)?;
    let v = v.trim();
    let lower = v.to_ascii_lowercase();
    let relative = !lower.contains(':') && !v.starts_with("//");
    let ok = !v.is_empty()
        && v.len() <= MAX_DATA_URL
        && (lower.starts_with("https://") || lower.starts_with("http://") || relative)
        && !v.chars().any(|c| c.is_control() || c.is_whitespace());
    ok.then(|| v.to_string())
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
                "data" => o.data = data_url(v),
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

    #[test]
    fn a_data_address_is_decoded_and_only_http_or_relative() {
        let data = |q: &str| PageOptions::from_query(q).data;
        assert_eq!(
            data("data=https%3A%2F%2Fcong.tinh.vn%2F766%2Fbang.xlsx").as_deref(),
            Some("https://cong.tinh.vn/766/bang.xlsx")
        );
        assert_eq!(data("embed=1&data=https://cong.tinh.vn/a.json").as_deref(), Some("https://cong.tinh.vn/a.json"));
        assert_eq!(data("data=du-lieu/thang-11.csv").as_deref(), Some("du-lieu/thang-11.csv"));
        for bad in [
            "data=javascript:alert(1)",
            "data=data:text/csv,x",
            "data=//evil.example/x",
            "data=",
            "data=%ZZ",
            "data=a%20b",
        ] {
            assert_eq!(data(bad), None, "{bad}");
        }
    }
}
