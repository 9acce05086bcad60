//! Exact arithmetic: rates as fractions of integers, points as integer cents.
//!
//! The portal's published points are reproduced by computing exactly and
//! rounding once (binary floating point would turn 1/48 of 6 points, exactly
//! 0,125, into 0,12499… or 0,12500…01 depending on the order of operations).
//! Counts are at most [`crate::engine::number::MAX_COUNT`] (10^12), so a
//! product of two rates, times a maximum in cents, times a target in basis
//! points, stays below 10^33, well inside `u128`.

use serde::{Deserialize, Serialize};

/// How a value is rounded to an integer (of cents, or of hundredths of a
/// percent), named as the methodology files name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RoundMode {
    /// Ties go to the even neighbour (0,125 → 0,12; 0,135 → 0,14).
    #[serde(rename = "half_even")]
    HalfEven,
    /// Ties go up (0,125 → 0,13).
    #[serde(rename = "half_up")]
    HalfUp,
}

impl RoundMode {
    pub const NAMES: [&'static str; 2] = ["half_even", "half_up"];

    pub fn from_name(name: &str) -> Option<RoundMode> {
        match name {
            "half_even" => Some(RoundMode::HalfEven),
            "half_up" => Some(RoundMode::HalfUp),
            _ => None,
        }
    }
}

/// `a / b` rounded to an integer. `b` must not be zero.
pub fn div_round(a: u128, b: u128, mode: RoundMode) -> u128 {
    debug_assert!(b != 0);
    if b == 0 {
        return 0;
    }
    // Most values fit 64 bits; the 128-bit division is much slower.
    let (q, r) = if a <= u64::MAX as u128 && b <= u64::MAX as u128 {
        let (a, b) = (a as u64, b as u64);
        ((a / b) as u128, (a % b) as u128)
    } else {
        (a / b, a % b)
    };
    // Compare the remainder with half of b without overflow: r vs b - r.
    let rest = b - r;
    if r > rest {
        q + 1
    } else if r < rest {
        q
    } else {
        match mode {
            RoundMode::HalfUp => q + 1,
            RoundMode::HalfEven => q + (q & 1),
        }
    }
}

/// A non-negative fraction `num / den` with `den > 0`. Rates are fractions of
/// one (50% is 1/2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Frac {
    pub num: u128,
    pub den: u128,
}

impl Frac {
    pub const ZERO: Frac = Frac { num: 0, den: 1 };
    pub const ONE: Frac = Frac { num: 1, den: 1 };

    /// `num / den`; a zero denominator gives zero.
    pub fn new(num: u128, den: u128) -> Frac {
        if den == 0 {
            Frac::ZERO
        } else {
            Frac { num, den }
        }
    }

    /// A percentage written as a decimal, `mantissa / 10^scale` percent.
    pub fn from_percent(mantissa: u64, scale: u32) -> Frac {
        Frac::new(mantissa as u128, 100 * 10u128.pow(scale))
    }

    /// Basis points of one (1/10 000): 50% is 5 000.
    pub fn from_basis_points(bp: u32) -> Frac {
        Frac::new(bp as u128, 10_000)
    }

    pub fn times(self, other: Frac) -> Frac {
        Frac::new(self.num * other.num, self.den * other.den).reduced()
    }

    /// The same value with the common factors of both terms removed.
    pub fn reduced(self) -> Frac {
        let g = gcd(self.num, self.den);
        if g > 1 {
            Frac { num: self.num / g, den: self.den / g }
        } else {
            self
        }
    }

    /// Whether `self >= other`.
    pub fn at_least(self, other: Frac) -> bool {
        self.num * other.den >= other.num * self.den
    }

    pub fn to_f64(self) -> f64 {
        self.num as f64 / self.den as f64
    }

    /// The value times `10^digits`, rounded: `Frac(1, 57).scaled_round(4)`
    /// is 175 (1,75% to 2 decimals, in hundredths of a percent).
    pub fn scaled_round(self, digits: u32, mode: RoundMode) -> u128 {
        div_round(self.num * 10u128.pow(digits), self.den, mode)
    }

    /// The rate rounded to `decimals` decimals of a percent.
    pub fn round_percent(self, decimals: u32, mode: RoundMode) -> Frac {
        Frac::new(self.scaled_round(decimals + 2, mode), 10u128.pow(decimals + 2))
    }
}

fn gcd(mut a: u128, mut b: u128) -> u128 {
    while b != 0 {
        let t = a % b;
        a = b;
        b = t;
    }
    a
}

/// Points in cents for `rate` against an optional `target`:
/// `max × min(1, rate ÷ target)`, rounded once. Returns the points, whether
/// the target capped them, and the unrounded value.
pub fn points(max_cents: i64, rate: Frac, target: Frac, mode: RoundMode) -> (i64, bool, f64) {
    let max = max_cents.max(0) as u128;
    if rate.at_least(target) {
        return (max_cents.max(0), true, max_cents.max(0) as f64 / 100.0);
    }
    // max × (rate.num / rate.den) ÷ (target.num / target.den)
    let num = max * rate.num * target.den;
    let den = rate.den * target.num;
    let cents = div_round(num, den, mode) as i64;
    (cents, false, num as f64 / den as f64 / 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use RoundMode::*;

    #[test]
    fn rounding_ties() {
        assert_eq!(div_round(125, 10, HalfEven), 12);
        assert_eq!(div_round(135, 10, HalfEven), 14);
        assert_eq!(div_round(125, 10, HalfUp), 13);
        assert_eq!(div_round(124, 10, HalfUp), 12);
        assert_eq!(div_round(126, 10, HalfEven), 13);
        assert_eq!(div_round(0, 7, HalfEven), 0);
        assert_eq!(div_round(u128::MAX / 3, u128::MAX / 6, HalfEven), 2);
    }

    #[test]
    fn points_are_exact() {
        // 1/48 of 6 points is exactly 0,125: half to even gives 0,12.
        let (p, capped, raw) = points(600, Frac::new(1, 48), Frac::ONE, HalfEven);
        assert_eq!((p, capped), (12, false));
        assert!((raw - 0.125).abs() < 1e-12);
        // The target caps: 62% against 50% gives the maximum.
        assert_eq!(points(600, Frac::new(62, 100), Frac::from_basis_points(5000), HalfEven).0, 600);
        // 2,83% × 6 ÷ 50% = 0,3396 → 0,34
        assert_eq!(points(600, Frac::new(283, 10_000), Frac::from_basis_points(5000), HalfEven).0, 34);
    }

    #[test]
    fn percent_rounding() {
        assert_eq!(Frac::new(1, 57).round_percent(2, HalfEven), Frac::new(175, 10_000));
        assert_eq!(Frac::new(2, 89).scaled_round(4, HalfEven), 225);
        assert_eq!(Frac::from_percent(315, 1), Frac::new(315, 1000));
    }
}
