//! Rounding and writing amounts of money: 四舍五入 to the fen, thousands separators.

use rust_decimal::{Decimal, RoundingStrategy};

/// Rounds a yuan amount to the fen, half away from zero (四舍五入).
///
/// `Decimal::round_dp` rounds half to even, which is not what a Chinese finance office does.
/// The result always carries two decimals (`30000.00`), so amounts read the same in every
/// output.
pub fn round_to_fen(amount: Decimal) -> Decimal {
    let mut rounded = amount.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    rounded.rescale(2);
    rounded
}

/// Writes a decimal with `,` between groups of three integer digits and exactly `places`
/// decimals, rounding half away from zero: `1234567.5` with 2 places is `1,234,567.50`.
pub fn group_thousands(value: Decimal, places: u32) -> String {
    let rounded = value.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero);
    let text = format!("{:.*}", places as usize, rounded.abs());
    let (int_part, frac_part) = match text.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (text.as_str(), None),
    };
    let mut out = String::with_capacity(text.len() + text.len() / 3 + 1);
    if rounded.is_sign_negative() && !rounded.is_zero() {
        out.push('-');
    }
    let digits = int_part.len();
    for (i, ch) in int_part.chars().enumerate() {
        if i > 0 && (digits - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if let Some(frac) = frac_part {
        out.push('.');
        out.push_str(frac);
    }
    out
}

/// Writes a yuan amount to the fen with thousands separators: `30,000.00`.
pub fn yuan(amount: Decimal) -> String {
    group_thousands(amount, 2)
}

/// Writes a rate in percent as banks do, with at least two decimals: `3.1` is `3.10%`,
/// `3.125` stays `3.125%`.
pub fn percent(rate: Decimal) -> String {
    let mut value = rate.normalize();
    if value.scale() < 2 {
        value.rescale(2);
    }
    format!("{value}%")
}

/// Writes a rate or ratio without trailing zeros: `3.10` is `3.1`, `40.00` is `40`.
pub fn plain(value: Decimal) -> String {
    value.normalize().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap_or_default()
    }

    #[test]
    fn rounds_half_away_from_zero_not_to_even() {
        assert_eq!(round_to_fen(d("0.125")), d("0.13"));
        assert_eq!(round_to_fen(d("0.135")), d("0.14"));
        assert_eq!(round_to_fen(d("2.004999")), d("2.00"));
    }

    #[test]
    fn groups_thousands() {
        assert_eq!(yuan(d("0")), "0.00");
        assert_eq!(yuan(d("999.5")), "999.50");
        assert_eq!(yuan(d("1000")), "1,000.00");
        assert_eq!(yuan(d("1234567.891")), "1,234,567.89");
        assert_eq!(yuan(d("-1234.5")), "-1,234.50");
        assert_eq!(group_thousands(d("100000"), 0), "100,000");
    }

    #[test]
    fn plain_drops_trailing_zeros() {
        assert_eq!(plain(d("3.10")), "3.1");
        assert_eq!(plain(d("40.00")), "40");
        assert_eq!(percent(d("3.1")), "3.10%");
        assert_eq!(percent(d("3.125")), "3.125%");
    }

    #[test]
    fn a_negative_amount_that_rounds_to_zero_has_no_minus_sign() {
        assert_eq!(yuan(d("-0.001")), "0.00");
        assert_eq!(yuan(d("-0.005")), "-0.01");
    }

    #[test]
    fn separators_fall_every_three_digits_from_the_point() {
        for (value, written) in [
            ("1", "1.00"),
            ("12", "12.00"),
            ("123", "123.00"),
            ("1234", "1,234.00"),
            ("12345", "12,345.00"),
            ("123456", "123,456.00"),
            ("1234567", "1,234,567.00"),
            ("1000000000000", "1,000,000,000,000.00"),
        ] {
            assert_eq!(yuan(d(value)), written, "{value}");
        }
    }

    #[test]
    fn percent_keeps_two_decimals_at_least_and_drops_zeros_beyond() {
        assert_eq!(percent(d("3")), "3.00%");
        assert_eq!(percent(d("3.45")), "3.45%");
        assert_eq!(percent(d("3.4500")), "3.45%");
    }
}
