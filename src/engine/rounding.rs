//! Points from a rate under a named rounding rule of the methodology
//! ([`RoundingRule`]): exactly (fractions of integers, rounded once), or in
//! IEEE-754 double precision the way the portal's code computes some groups.
//!
//! The binary64 steps, as the methodology file names them for TTTT: the
//! rate in percent (`numerator ÷ denominator × 100`, a double) is rounded to
//! `rate_decimals` on the double's exact value; points = rate × max ÷ 100; a
//! target caps as min(max, points × 100 ÷ target); the points are rounded to
//! cents on the double's exact value. So 0,305, which a double stores as
//! 0,30499999999999999334, rounds half up to 0,30, not 0,31.

use super::exact::{self, div_round, Frac, RoundMode};
use super::method::{Arithmetic, Cents, Methodology, RoundingRule};

/// `x × 10^decimals` rounded to an integer on the exact value of the double
/// `x` (no second rounding in binary: 0,305 × 100 is 30,4999…, not 30,5).
/// Negative, infinite and NaN values give 0.
pub fn round_f64(x: f64, decimals: u32, mode: RoundMode) -> i64 {
    if !x.is_finite() || x <= 0.0 {
        return 0;
    }
    // x = mantissa × 2^exponent, exactly.
    let bits = x.to_bits();
    let raw_exp = ((bits >> 52) & 0x7ff) as i32;
    let frac = bits & ((1u64 << 52) - 1);
    let (mantissa, exponent) = if raw_exp == 0 { (frac, -1074) } else { (frac | (1u64 << 52), raw_exp - 1075) };
    let scaled = mantissa as u128 * 10u128.pow(decimals.min(6));
    if exponent >= 0 {
        // Above 2^53: far beyond any score; saturate.
        return (scaled.checked_shl(exponent as u32).unwrap_or(u128::MAX)).min(i64::MAX as u128) as i64;
    }
    let shift = (-exponent) as u32;
    if shift >= 127 {
        return 0;
    }
    div_round(scaled, 1u128 << shift, mode) as i64
}

/// Points in cents for `rate` against `target` under `rule`: the points, whether
/// the target capped them, and the unrounded value.
pub fn points(rule: &RoundingRule, max: Cents, rate: Frac, target: Frac) -> (Cents, bool, f64) {
    compute(rule.arithmetic, rule.rate_decimals.map(|d| (d, rule.rate)), rule.points, max, rate, target)
}

/// Points in cents under the profile's `[rounding]`: no rate rounded first.
pub fn default_points(method: &Methodology, max: Cents, rate: Frac, target: Frac) -> (Cents, bool, f64) {
    compute(method.points_arithmetic, None, method.points_rounding, max, rate, target)
}

/// Points in cents for `rate` against `target`, in `arithmetic`, the rate
/// first rounded to `rate_round`'s decimals of a percent when given, the
/// points rounded to cents with `points`.
pub fn compute(
    arithmetic: Arithmetic,
    rate_round: Option<(u32, RoundMode)>,
    points: RoundMode,
    max: Cents,
    rate: Frac,
    target: Frac,
) -> (Cents, bool, f64) {
    match arithmetic {
        Arithmetic::Exact => {
            let rate = match rate_round {
                Some((d, mode)) => rate.round_percent(d, mode),
                None => rate,
            };
            exact::points(max, rate, target, points)
        }
        Arithmetic::Binary64 => {
            let mut percent = rate.num as f64 / rate.den as f64 * 100.0;
            if let Some((d, mode)) = rate_round {
                percent = round_f64(percent, d, mode) as f64 / 10f64.powi(d as i32);
            }
            let max_points = max as f64 / 100.0;
            let mut value = percent * max_points / 100.0;
            let mut capped = false;
            if target != Frac::ONE {
                let target_percent = target.num as f64 / target.den as f64 * 100.0;
                let scaled = value * 100.0 / target_percent;
                capped = scaled >= max_points;
                value = scaled.min(max_points);
            } else if value >= max_points {
                capped = true;
            }
            (round_f64(value, 2, points).min(max), capped, value)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::method::Confidence;
    use RoundMode::{HalfEven, HalfUp};

    fn binary64(rate: Option<u32>) -> RoundingRule {
        RoundingRule {
            id: "b".into(),
            arithmetic: Arithmetic::Binary64,
            rate_decimals: rate,
            rate: HalfUp,
            points: HalfUp,
            confidence: Confidence::Verified,
            source: String::new(),
        }
    }

    #[test]
    fn doubles_round_on_their_exact_value() {
        // 0,305 is stored as 0,304999…: half up gives 0,30.
        assert_eq!(round_f64(0.305, 2, HalfUp), 30);
        // 0,125 is exact in binary: a true tie.
        assert_eq!(round_f64(0.125, 2, HalfUp), 13);
        assert_eq!(round_f64(0.125, 2, HalfEven), 12);
        assert_eq!(round_f64(92.375_109_553_023_66, 2, HalfUp), 9238);
        // 0,7804 × 100 ÷ 80 in binary64 is 0,97550000000000003…
        assert_eq!(round_f64(0.7804000000000001 * 100.0 / 80.0, 2, HalfUp), 98);
        assert_eq!(round_f64(10.0, 2, HalfUp), 1000);
        assert_eq!(round_f64(1e-300, 2, HalfUp), 0);
        assert_eq!(round_f64(f64::NAN, 2, HalfUp), 0);
        assert_eq!(round_f64(-1.0, 2, HalfUp), 0);
    }

    #[test]
    fn binary64_points_cap_at_the_target() {
        // 5/41 = 12,195% → 12,20%; × 2 ÷ 100 = 0,244; ÷ 80% = 0,305 (0,30499…) → 0,30.
        let r = binary64(Some(2));
        assert_eq!(points(&r, 200, Frac::new(5, 41), Frac::from_basis_points(8000)).0, 30);
        // 16/41 = 39,02% → 0,7804 → 0,9755 (0,97550…03) → 0,98.
        assert_eq!(points(&r, 200, Frac::new(16, 41), Frac::from_basis_points(8000)).0, 98);
        // At or above the target: the maximum, capped.
        let (p, capped, _) = points(&r, 200, Frac::new(33, 41), Frac::from_basis_points(8000));
        assert_eq!((p, capped), (200, true));
        // 1054/1141 = 92,38% of 6 points = 5,5428 → 5,54.
        assert_eq!(points(&r, 600, Frac::new(1054, 1141), Frac::ONE).0, 554);
    }
}
