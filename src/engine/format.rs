//! Numbers as each language writes them: Vietnamese "1.234,56", English
//! "1,234.56". Everything shown to a user goes through here; values are exact
//! integers (cents, hundredths of a percent), so nothing can print as NaN.

use super::exact::{Frac, RoundMode};
use super::i18n::Lang;
use super::method::Cents;

fn separators(lang: Lang) -> (char, char) {
    // (grouping, decimal)
    match lang {
        Lang::Vi => ('.', ','),
        Lang::En => (',', '.'),
    }
}

fn group_digits(digits: &str, sep: char) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// A value in hundredths with two decimals: 7870 → "78,70" / "78.70".
pub fn cents(value: Cents, lang: Lang) -> String {
    scaled(value as i128, 2, lang)
}

/// `value / 10^decimals` written with exactly `decimals` decimals.
pub fn scaled(value: i128, decimals: u32, lang: Lang) -> String {
    let (group, dec) = separators(lang);
    let neg = value < 0;
    let abs = value.unsigned_abs();
    let unit = 10u128.pow(decimals);
    let int = group_digits(&(abs / unit).to_string(), group);
    let mut out = String::new();
    if neg {
        out.push('-');
    }
    out.push_str(&int);
    if decimals > 0 {
        out.push(dec);
        out.push_str(&format!("{:0width$}", abs % unit, width = decimals as usize));
    }
    out
}

/// A signed change in hundredths: "+3,42", "−0,50", "0,00".
pub fn signed_cents(value: Cents, lang: Lang) -> String {
    let body = cents(value.abs(), lang);
    if value > 0 {
        format!("+{body}")
    } else if value < 0 {
        format!("\u{2212}{body}")
    } else {
        body
    }
}

/// A whole count with grouping: 405424 → "405.424" / "405,424".
pub fn count(value: u64, lang: Lang) -> String {
    group_digits(&value.to_string(), separators(lang).0)
}

/// A rate as a percentage with two decimals: "2,83%".
pub fn percent(rate: Frac, lang: Lang) -> String {
    let hundredths = rate.scaled_round(4, RoundMode::HalfEven);
    format!("{}%", scaled(hundredths as i128, 2, lang))
}

/// A percentage given in basis points of one, with only the decimals it
/// needs: 5000 → "50%", 8050 → "80,5%".
pub fn percent_bp(bp: u32, lang: Lang) -> String {
    let s = scaled(bp as i128, 2, lang);
    let dec = separators(lang).1;
    let s = s.trim_end_matches('0').trim_end_matches(dec);
    format!("{s}%")
}

/// Points with only the decimals they need: 600 → "6", 250 → "2,5".
pub fn points_short(value: Cents, lang: Lang) -> String {
    let s = cents(value, lang);
    let dec = separators(lang).1;
    s.trim_end_matches('0').trim_end_matches(dec).to_string()
}

/// Cents with a dot and two decimals, for machine-readable output: "78.70".
pub fn plain_cents(value: Cents) -> String {
    let sign = if value < 0 { "-" } else { "" };
    format!("{sign}{}.{:02}", value.abs() / 100, value.abs() % 100)
}

/// Cents for a spreadsheet in the user's language, without thousands
/// separators: "1234,50" in Vietnamese (as Excel reads it under Vietnamese
/// settings), "1234.50" in English.
pub fn sheet_cents(value: Cents, lang: Lang) -> String {
    let plain = plain_cents(value);
    match lang {
        Lang::Vi => plain.replace('.', ","),
        Lang::En => plain,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages() {
        assert_eq!(cents(7870, Lang::Vi), "78,70");
        assert_eq!(cents(7870, Lang::En), "78.70");
        assert_eq!(cents(123456789, Lang::Vi), "1.234.567,89");
        assert_eq!(cents(123456789, Lang::En), "1,234,567.89");
        assert_eq!(cents(5, Lang::Vi), "0,05");
        assert_eq!(signed_cents(342, Lang::Vi), "+3,42");
        assert_eq!(signed_cents(-50, Lang::En), "\u{2212}0.50");
        assert_eq!(signed_cents(0, Lang::Vi), "0,00");
        assert_eq!(count(405424, Lang::Vi), "405.424");
        assert_eq!(count(1653458, Lang::En), "1,653,458");
        assert_eq!(count(12, Lang::En), "12");
        assert_eq!(percent(Frac::new(45, 52), Lang::Vi), "86,54%");
        assert_eq!(percent(Frac::new(1, 1), Lang::En), "100.00%");
        assert_eq!(percent_bp(5000, Lang::Vi), "50%");
        assert_eq!(percent_bp(8050, Lang::Vi), "80,5%");
        assert_eq!(points_short(600, Lang::Vi), "6");
        assert_eq!(points_short(250, Lang::En), "2.5");
        assert_eq!(points_short(0, Lang::En), "0");
        assert_eq!(plain_cents(7870), "78.70");
        assert_eq!(plain_cents(-5), "-0.05");
    }
}
