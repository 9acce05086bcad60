//! One parser for numbers as Vietnamese and English users type them.
//!
//! Accepted: "1.234,5" and "1,234.5" (grouping and decimal separators in
//! either convention), "78,7" and "78.7", "1 234" (spaces, also non-breaking,
//! as grouping), "12%", surrounding spaces, a leading "+".
//!
//! Where one separator alone is ambiguous the kind of field decides: in a
//! count ("1.234", "1,234") a single separator followed by exactly three
//! digits groups thousands; in a rate or score it is the decimal separator,
//! since rates stay below 100 and Vietnamese writes "12,345" for 12.345.

use std::fmt;

/// The largest count we accept: far above any unit's monthly dossiers, small
/// enough that exact arithmetic on products of two counts cannot overflow.
pub const MAX_COUNT: u64 = 1_000_000_000_000;
/// Digits kept after the decimal separator for rates and scores.
pub const MAX_DECIMALS: u32 = 6;

/// What a field holds, which decides how an ambiguous separator is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumberKind {
    /// A whole number of things (dossiers, procedures).
    Count,
    /// A percentage or a score: a decimal number.
    Decimal,
}

/// A non-negative decimal number: `mantissa / 10^scale`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Decimal {
    pub mantissa: u64,
    pub scale: u32,
}

impl Decimal {
    pub fn to_f64(self) -> f64 {
        self.mantissa as f64 / 10f64.powi(self.scale as i32)
    }
    /// Whether the value is at most `whole` (an integer).
    pub fn at_most(self, whole: u64) -> bool {
        (self.mantissa as u128) <= (whole as u128) * 10u128.pow(self.scale)
    }
}

/// A number parsed from text, with whether it carried a percent sign.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Parsed {
    pub value: Decimal,
    pub percent: bool,
}

/// Why a typed value was refused. Messages in both languages are in
/// the text catalogue ([`crate::text`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumberError {
    Empty,
    NotANumber,
    Negative,
    NotWhole,
    TooLarge,
    TooManyDecimals,
}

impl NumberError {
    /// The error as the text catalogue words it.
    pub fn message(self, lang: crate::engine::Lang) -> &'static str {
        let t = crate::text::t(lang);
        match self {
            NumberError::Empty => t.number_empty,
            NumberError::NotANumber => t.number_not_a_number,
            NumberError::Negative => t.number_negative,
            NumberError::NotWhole => t.number_not_whole,
            NumberError::TooLarge => t.number_too_large,
            NumberError::TooManyDecimals => t.number_too_many_decimals,
        }
    }
}

impl fmt::Display for NumberError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message(crate::engine::Lang::En))
    }
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{00a0}' || c == '\u{202f}' || c == '\u{2009}'
}

/// Plain digits, or (for a decimal) digits, a dot and up to six digits:
/// what our CSV files hold, read without the general parser's work. Any
/// other text, or a value near a limit, is left to [`parse`].
fn parse_plain(text: &str, kind: NumberKind) -> Option<Parsed> {
    let b = text.as_bytes();
    let digits = |s: &[u8]| -> Option<u64> {
        if s.is_empty() || s.len() > 12 || !s.iter().all(u8::is_ascii_digit) {
            return None;
        }
        Some(s.iter().fold(0u64, |n, d| n * 10 + (d - b'0') as u64))
    };
    let value = match b.iter().position(|&c| c == b'.') {
        None => Decimal { mantissa: digits(b)?, scale: 0 },
        Some(dot) if kind == NumberKind::Decimal && dot <= 6 => {
            let int = digits(&b[..dot])?;
            let frac = &b[dot + 1..];
            let frac = &frac[..frac.iter().rposition(|&d| d != b'0').map_or(0, |i| i + 1)];
            if frac.len() > 6 || !b[dot + 1..].iter().all(u8::is_ascii_digit) || dot + 1 == b.len() {
                return None;
            }
            let scale = frac.len() as u32;
            let f = if frac.is_empty() { 0 } else { digits(frac)? };
            Decimal { mantissa: int * 10u64.pow(scale) + f, scale }
        }
        Some(_) => return None,
    };
    (kind == NumberKind::Decimal || value.mantissa <= MAX_COUNT).then_some(Parsed { value, percent: false })
}

/// Parses `text` as a number of the given kind.
pub fn parse(text: &str, kind: NumberKind) -> Result<Parsed, NumberError> {
    if let Some(p) = parse_plain(text, kind) {
        return Ok(p);
    }
    let mut s = text.trim_matches(is_space);
    if s.is_empty() {
        return Err(NumberError::Empty);
    }
    let mut percent = false;
    if let Some(rest) = s.strip_suffix('%') {
        percent = true;
        s = rest.trim_end_matches(is_space);
    }
    let mut negative = false;
    if let Some(rest) = s.strip_prefix(['-', '\u{2212}']) {
        negative = true;
        s = rest.trim_start_matches(is_space);
    } else if let Some(rest) = s.strip_prefix('+') {
        s = rest.trim_start_matches(is_space);
    }
    if s.is_empty() || (percent && kind == NumberKind::Count) {
        return Err(NumberError::NotANumber);
    }
    let (int_part, frac_part) = split(s, kind)?;
    let value = assemble(&int_part, frac_part.as_deref().unwrap_or(""))?;
    if negative && value.mantissa != 0 {
        return Err(NumberError::Negative);
    }
    if kind == NumberKind::Count {
        if value.scale > 0 && value.mantissa % 10u64.pow(value.scale) != 0 {
            return Err(NumberError::NotWhole);
        }
        let whole = value.mantissa / 10u64.pow(value.scale);
        if whole > MAX_COUNT {
            return Err(NumberError::TooLarge);
        }
        return Ok(Parsed { value: Decimal { mantissa: whole, scale: 0 }, percent });
    }
    Ok(Parsed { value, percent })
}

/// Splits into the digits before and after the decimal separator, checking
/// that grouping separators stand between groups of three digits.
fn split(s: &str, kind: NumberKind) -> Result<(String, Option<String>), NumberError> {
    if !s.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',' || is_space(c)) {
        return Err(NumberError::NotANumber);
    }
    let dots = s.matches('.').count();
    let commas = s.matches(',').count();
    // Decide which character (if any) is the decimal separator.
    let decimal_sep: Option<char> = match (dots, commas) {
        (0, 0) => None,
        (_, 0) | (0, _) => {
            let sep = if dots > 0 { '.' } else { ',' };
            let count = dots.max(commas);
            if count > 1 {
                None // repeated: grouping ("1.234.567")
            } else {
                let after = s.rsplit(sep).next().unwrap_or("");
                let looks_grouped = after.len() == 3 && after.chars().all(|c| c.is_ascii_digit());
                if kind == NumberKind::Count && looks_grouped {
                    None
                } else {
                    Some(sep)
                }
            }
        }
        _ => {
            // Both present: the last one is the decimal separator.
            let last_dot = s.rfind('.');
            let last_comma = s.rfind(',');
            if last_dot > last_comma {
                Some('.')
            } else {
                Some(',')
            }
        }
    };
    let (int_raw, frac_raw) = match decimal_sep {
        Some(sep) => {
            let idx = s.rfind(sep).unwrap_or(s.len());
            (&s[..idx], Some(&s[idx + sep.len_utf8()..]))
        }
        None => (s, None),
    };
    // The fraction: digits only.
    let frac = match frac_raw {
        Some(f) if f.is_empty() || !f.chars().all(|c| c.is_ascii_digit()) => return Err(NumberError::NotANumber),
        Some(f) => Some(f.to_string()),
        None => None,
    };
    // The integer part: digits, possibly grouped by one kind of separator
    // (the one that is not the decimal separator, or spaces).
    let groups: Vec<&str> = int_raw.split(|c: char| c == '.' || c == ',' || is_space(c)).collect();
    if groups.len() > 1 {
        let seps: Vec<char> = int_raw.chars().filter(|c| !c.is_ascii_digit()).collect();
        let first = seps[0];
        let same_kind = seps.iter().all(|&c| c == first || (is_space(c) && is_space(first)));
        let valid = same_kind
            && Some(first) != decimal_sep
            && !groups[0].is_empty()
            && groups[0].len() <= 3
            && groups[1..].iter().all(|g| g.len() == 3);
        if !valid {
            return Err(NumberError::NotANumber);
        }
    }
    let int_digits: String = groups.concat();
    if int_digits.is_empty() {
        // ",5" or ".5": a bare fraction.
        if frac.is_some() {
            return Ok(("0".to_string(), frac));
        }
        return Err(NumberError::NotANumber);
    }
    Ok((int_digits, frac))
}

fn assemble(int_digits: &str, frac_digits: &str) -> Result<Decimal, NumberError> {
    // Drop trailing zeros of the fraction: they carry no value.
    let frac = frac_digits.trim_end_matches('0');
    let int = int_digits.trim_start_matches('0');
    if frac.len() > MAX_DECIMALS as usize {
        return Err(NumberError::TooManyDecimals);
    }
    // 18 significant digits always fit a u64.
    if int.len() + frac.len() > 18 {
        return Err(NumberError::TooLarge);
    }
    let mut mantissa: u64 = 0;
    for c in int.chars().chain(frac.chars()) {
        mantissa = mantissa * 10 + (c as u8 - b'0') as u64;
    }
    Ok(Decimal { mantissa, scale: frac.len() as u32 })
}

#[cfg(test)]
mod plain_tests {
    use super::*;

    /// The shortcut gives exactly what the general parser gives.
    #[test]
    fn plain_numbers_read_as_the_parser_reads_them() {
        for text in
            ["0", "7", "405424", "999999999999", "68.8", "68.80", "11.46", "0.5", "100", "12.345", "007", "1.000001"]
        {
            for kind in [NumberKind::Count, NumberKind::Decimal] {
                if let Some(fast) = parse_plain(text, kind) {
                    let mut general = parse(&format!(" {text}"), kind).unwrap();
                    general.percent = false;
                    assert_eq!(fast, general, "{text} {kind:?}");
                }
            }
        }
        assert!(parse_plain("1.234", NumberKind::Count).is_none(), "a grouped count is the parser's");
        assert!(parse_plain("1000000000001", NumberKind::Count).is_none());
        assert!(parse_plain("68.", NumberKind::Decimal).is_none());
        assert!(parse_plain("1.0000001", NumberKind::Decimal).is_none());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use NumberKind::*;

    fn dec(text: &str) -> Result<f64, NumberError> {
        parse(text, Decimal).map(|p| p.value.to_f64())
    }
    fn count(text: &str) -> Result<u64, NumberError> {
        parse(text, Count).map(|p| p.value.mantissa)
    }

    #[test]
    fn vietnamese_and_english_decimals() {
        assert_eq!(dec("78,7"), Ok(78.7));
        assert_eq!(dec("78.7"), Ok(78.7));
        assert_eq!(dec("1.234,5"), Ok(1234.5));
        assert_eq!(dec("1,234.5"), Ok(1234.5));
        assert_eq!(dec("  12,5  "), Ok(12.5));
        assert_eq!(dec("\u{a0}12,5\u{a0}"), Ok(12.5));
        assert_eq!(dec("12,345"), Ok(12.345));
        assert_eq!(dec(",5"), Ok(0.5));
        assert_eq!(dec("+3"), Ok(3.0));
        assert_eq!(dec("1 234,5"), Ok(1234.5));
        assert_eq!(dec("0"), Ok(0.0));
        assert_eq!(dec("-0"), Ok(0.0));
    }

    #[test]
    fn percent_sign() {
        let p = parse("12%", Decimal).unwrap();
        assert!(p.percent);
        assert_eq!(p.value.to_f64(), 12.0);
        let p = parse(" 31,5 % ", Decimal).unwrap();
        assert!(p.percent);
        assert_eq!(p.value, crate::engine::number::Decimal { mantissa: 315, scale: 1 });
        assert_eq!(count("12%"), Err(NumberError::NotANumber));
    }

    #[test]
    fn counts_with_grouping() {
        assert_eq!(count("405424"), Ok(405424));
        assert_eq!(count("405.424"), Ok(405424));
        assert_eq!(count("405,424"), Ok(405424));
        assert_eq!(count("1.653.458"), Ok(1653458));
        assert_eq!(count("1,653,458"), Ok(1653458));
        assert_eq!(count("1 653 458"), Ok(1653458));
        assert_eq!(count("12.0"), Ok(12));
        assert_eq!(count("12,50"), Err(NumberError::NotWhole));
        assert_eq!(count("0012"), Ok(12));
    }

    #[test]
    fn errors() {
        assert_eq!(dec(""), Err(NumberError::Empty));
        assert_eq!(dec("   "), Err(NumberError::Empty));
        assert_eq!(dec("abc"), Err(NumberError::NotANumber));
        assert_eq!(dec("1e5"), Err(NumberError::NotANumber));
        assert_eq!(dec("NaN"), Err(NumberError::NotANumber));
        assert_eq!(dec("12,3,4"), Err(NumberError::NotANumber));
        assert_eq!(dec("1.23.4"), Err(NumberError::NotANumber));
        assert_eq!(dec("1,2345.6"), Err(NumberError::NotANumber));
        assert_eq!(dec("12,"), Err(NumberError::NotANumber));
        assert_eq!(dec("%"), Err(NumberError::NotANumber));
        assert_eq!(dec("-"), Err(NumberError::NotANumber));
        assert_eq!(dec("-5"), Err(NumberError::Negative));
        assert_eq!(dec("\u{2212}5"), Err(NumberError::Negative));
        assert_eq!(count("-12"), Err(NumberError::Negative));
        assert_eq!(dec("1,1234567"), Err(NumberError::TooManyDecimals));
        assert_eq!(count("100000000000000000000"), Err(NumberError::TooLarge));
        assert_eq!(count("1000000000001"), Err(NumberError::TooLarge));
        assert_eq!(count("1000000000000"), Ok(MAX_COUNT));
        assert_eq!(dec("12 %%"), Err(NumberError::NotANumber));
        assert_eq!(dec("1.234.567,5"), Ok(1234567.5));
        assert_eq!(dec("1.234,567.5"), Err(NumberError::NotANumber));
    }

    #[test]
    fn trailing_zeros_do_not_count_as_decimals() {
        assert_eq!(dec("1,5000000000"), Ok(1.5));
    }
}
