//! A reporting period: a year, a quarter or a month, to date.

use std::fmt;
use std::str::FromStr;

/// `year:2026`, `quarter:2026-4`, `month:2026-11`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Period {
    Year(u16),
    Quarter(u16, u8),
    Month(u16, u8),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PeriodError(pub String);

impl fmt::Display for PeriodError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\"{}\" is not a period (year:2026, quarter:2026-4, month:2026-11)", self.0)
    }
}

impl std::error::Error for PeriodError {}

impl FromStr for Period {
    type Err = PeriodError;
    fn from_str(s: &str) -> Result<Period, PeriodError> {
        let bad = || PeriodError(s.to_string());
        let (kind, rest) = s.split_once(':').ok_or_else(bad)?;
        let year = |y: &str| y.parse::<u16>().ok().filter(|y| (2000..=2100).contains(y)).ok_or_else(bad);
        match kind {
            "year" => Ok(Period::Year(year(rest)?)),
            "quarter" | "month" => {
                let (y, n) = rest.split_once('-').ok_or_else(bad)?;
                let n: u8 = n.parse().map_err(|_| bad())?;
                match kind {
                    "quarter" if (1..=4).contains(&n) => Ok(Period::Quarter(year(y)?, n)),
                    "month" if (1..=12).contains(&n) => Ok(Period::Month(year(y)?, n)),
                    _ => Err(bad()),
                }
            }
            _ => Err(bad()),
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::Year(y) => write!(f, "year:{y}"),
            Period::Quarter(y, q) => write!(f, "quarter:{y}-{q}"),
            Period::Month(y, m) => write!(f, "month:{y}-{m:02}"),
        }
    }
}

fn leap(y: u16) -> bool {
    (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400)
}

fn days_in(y: u16, m: u8) -> u8 {
    match m {
        2 if leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl Period {
    /// In file names: `year-2026`, `quarter-2026-4`, `month-2026-11`.
    pub fn file_part(&self) -> String {
        self.to_string().replace(':', "-")
    }
    pub fn year(&self) -> u16 {
        match *self {
            Period::Year(y) | Period::Quarter(y, _) | Period::Month(y, _) => y,
        }
    }
    /// The portal's `timeType` and the field it is numbered by.
    pub fn time_type(&self) -> (&'static str, Option<(&'static str, u8)>) {
        match *self {
            Period::Year(_) => ("year", None),
            Period::Quarter(_, q) => ("quarter", Some(("quarter", q))),
            Period::Month(_, m) => ("month", Some(("month", m))),
        }
    }
    /// First and last day (`YYYY-MM-DD`, inclusive).
    pub fn date_range(&self) -> (String, String) {
        let (y, first, last) = match *self {
            Period::Year(y) => (y, 1, 12),
            Period::Quarter(y, q) => (y, 3 * q - 2, 3 * q),
            Period::Month(y, m) => (y, m, m),
        };
        (format!("{y}-{first:02}-01"), format!("{y}-{last:02}-{:02}", days_in(y, last)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_read_and_write() {
        for s in ["year:2026", "quarter:2026-4", "month:2026-11", "month:2024-02"] {
            assert_eq!(s.parse::<Period>().unwrap().to_string(), s);
        }
        assert_eq!("month:2026-2".parse::<Period>().unwrap().to_string(), "month:2026-02");
        for bad in ["2026", "year:26", "quarter:2026-5", "month:2026-13", "week:2026-1", "year:abc"] {
            assert!(bad.parse::<Period>().is_err(), "{bad}");
        }
        assert_eq!("month:2024-02".parse::<Period>().unwrap().date_range(), ("2024-02-01".into(), "2024-02-29".into()));
        assert_eq!(
            "quarter:2026-3".parse::<Period>().unwrap().date_range(),
            ("2026-07-01".into(), "2026-09-30".into())
        );
        assert_eq!("year:2026".parse::<Period>().unwrap().file_part(), "year-2026");
    }
}
