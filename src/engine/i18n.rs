//! The two languages, bilingual text from the methodology files, and the
//! engine's own messages (input errors, explanations) in both languages.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    #[serde(rename = "vi")]
    Vi,
    #[serde(rename = "en")]
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Vi, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "vi" => Some(Lang::Vi),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// Picks the Vietnamese or the English of a pair.
    pub fn pick<T>(self, vi: T, en: T) -> T {
        match self {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }
}

/// A text in both languages, as the methodology files write it:
/// `name = { vi = "…", en = "…" }`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub vi: String,
    pub en: String,
}

impl Text {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Vi => &self.vi,
            Lang::En => &self.en,
        }
    }
}

/// Text folded for searching: lower case, without Vietnamese diacritics
/// ("Đồng Tháp" → "dong thap"), so that "dong thap" finds "Đồng Tháp".
pub fn fold(text: &str) -> String {
    const GROUPS: [(&str, char); 7] = [
        ("àáảãạăằắẳẵặâầấẩẫậ", 'a'),
        ("èéẻẽẹêềếểễệ", 'e'),
        ("ìíỉĩị", 'i'),
        ("òóỏõọôồốổỗộơờớởỡợ", 'o'),
        ("ùúủũụưừứửữự", 'u'),
        ("ỳýỷỹỵ", 'y'),
        ("đ", 'd'),
    ];
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        // Combining marks (text typed in decomposed form) are dropped.
        if ('\u{0300}'..='\u{036f}').contains(&c) {
            continue;
        }
        let base = GROUPS.iter().find(|(set, _)| set.contains(c)).map(|&(_, b)| b).unwrap_or(c);
        out.push(base);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_ignores_case_and_diacritics() {
        assert_eq!(fold("UBND tỉnh Đồng Tháp"), "ubnd tinh dong thap");
        assert_eq!(fold("Thành phố Hồ Chí Minh"), "thanh pho ho chi minh");
        assert_eq!(fold("Quảng Ngãi"), "quang ngai");
        assert_eq!(fold("Thu\u{0300}a Thiên"), "thua thien");
        assert!(fold("UBND tỉnh Đắk Lắk").contains(&fold("dak lak")));
    }
}
