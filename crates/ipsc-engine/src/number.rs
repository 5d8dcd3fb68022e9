//! Reading numbers as people type them: full-width digits, ¥ and 元, 万 and 亿, separators.
//!
//! Every rejection has its own kind, so the form can say exactly what is wrong instead of
//! "invalid number", and nothing a user types can make it panic.

use rust_decimal::Decimal;
use std::fmt;

/// Why a text was not accepted as a number of the asked kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumberError {
    /// Nothing but spaces.
    Empty,
    /// Characters that are not part of a number (letters, two points, a stray symbol).
    NotANumber,
    /// Scientific notation such as `1e5`: nobody writes money that way, so it is a typo.
    Exponent,
    /// A `+` or `-` sign, where the value cannot be negative.
    Sign,
    /// A fraction where only whole numbers make sense (a number of patents).
    NotWhole,
    /// More decimal places than the quantity has (yuan have two: the fen).
    TooManyDecimals {
        /// The number of places allowed.
        max: u32,
    },
    /// Thousands separators not in groups of three (`1,00,000`), or in the decimals.
    BadGrouping,
    /// Larger than any sensible value of this quantity.
    TooLarge,
}

impl fmt::Display for NumberError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NumberError::Empty => f.write_str("empty"),
            NumberError::NotANumber => f.write_str("not a number"),
            NumberError::Exponent => f.write_str("exponent notation is not accepted"),
            NumberError::Sign => f.write_str("must not have a sign"),
            NumberError::NotWhole => f.write_str("must be a whole number"),
            NumberError::TooManyDecimals { max } => write!(f, "at most {max} decimal places"),
            NumberError::BadGrouping => f.write_str("thousands separators must group three digits"),
            NumberError::TooLarge => f.write_str("too large"),
        }
    }
}

impl std::error::Error for NumberError {}

/// What kind of quantity a field holds, which fixes its units, decimals and range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Quantity {
    /// A count of items: whole, at most [`MAX_COUNT`]; `件`, `个` and `项` may follow.
    Count,
    /// Yuan: at most two decimals, at most [`MAX_YUAN`]; `¥`/`￥` may lead, `元` may follow.
    Yuan,
    /// A rate in percent: at most four decimals, at most 100; `%` may follow. 万 and 亿 are
    /// not accepted, since "3万%" is never meant.
    Percent,
}

/// The largest count accepted: no enterprise is granted a million patents in a year.
pub const MAX_COUNT: u32 = 1_000_000;

/// The largest yuan amount accepted: one trillion (1万亿), far above any pledged loan.
pub const MAX_YUAN: Decimal = Decimal::from_parts(0xD4A5_1000, 0xE8, 0, false, 0);

/// The largest rate accepted, in percent.
pub const MAX_PERCENT: Decimal = Decimal::ONE_HUNDRED;

/// Folds full-width forms (what a Chinese input method gives) to ASCII.
fn fold_full_width(ch: char) -> char {
    match ch {
        '０'..='９' => {
            char::from_u32(u32::from(ch) - u32::from('０') + u32::from('0')).unwrap_or(ch)
        }
        '．' => '.',
        '，' => ',',
        '％' => '%',
        '＋' => '+',
        '－' | '−' => '-',
        'ｅ' => 'e',
        'Ｅ' => 'E',
        _ => ch,
    }
}

fn strip_suffix_trim<'a>(text: &'a str, suffixes: &[&str]) -> (&'a str, bool) {
    for suffix in suffixes {
        if let Some(rest) = text.strip_suffix(suffix) {
            return (rest.trim(), true);
        }
    }
    (text, false)
}

/// Reads `text` as a quantity of the given kind, exactly.
pub fn parse(text: &str, quantity: Quantity) -> Result<Decimal, NumberError> {
    let folded: String = text.trim().chars().map(fold_full_width).collect();
    let mut rest = folded.as_str();
    match quantity {
        Quantity::Yuan => {
            rest = rest.strip_prefix(['¥', '￥']).map_or(rest, str::trim);
            rest = strip_suffix_trim(rest, &["元"]).0;
        }
        Quantity::Count => rest = strip_suffix_trim(rest, &["件", "个", "项"]).0,
        Quantity::Percent => rest = strip_suffix_trim(rest, &["%"]).0,
    }
    let mut multiplier = Decimal::ONE;
    if quantity != Quantity::Percent {
        // 万亿 (a trillion) is written with 亿 last, so 亿 comes off first.
        let (after_yi, yi) = strip_suffix_trim(rest, &["亿"]);
        let (after_wan, wan) = strip_suffix_trim(after_yi, &["万"]);
        rest = after_wan;
        if wan {
            multiplier *= Decimal::from(10_000u32);
        }
        if yi {
            multiplier *= Decimal::from(100_000_000u32);
        }
    }
    if rest.is_empty() {
        return Err(NumberError::Empty);
    }
    if rest.starts_with(['+', '-']) {
        return Err(NumberError::Sign);
    }
    if rest.contains(['e', 'E'])
        && rest
            .chars()
            .all(|c| c.is_ascii_digit() || ".,eE+-".contains(c))
    {
        return Err(NumberError::Exponent);
    }
    if !rest
        .chars()
        .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return Err(NumberError::NotANumber);
    }
    let (int_part, frac_part) = match rest.split_once('.') {
        Some((_, frac)) if frac.contains('.') => return Err(NumberError::NotANumber),
        Some((int, frac)) => (int, frac),
        None => (rest, ""),
    };
    if int_part.is_empty() && frac_part.is_empty() {
        return Err(NumberError::NotANumber);
    }
    if frac_part.contains(',') {
        return Err(NumberError::BadGrouping);
    }
    if int_part.contains(',') {
        let mut groups = int_part.split(',');
        let first_ok = groups.next().is_some_and(|g| (1..=3).contains(&g.len()));
        if !first_ok || !groups.all(|g| g.len() == 3) {
            return Err(NumberError::BadGrouping);
        }
    }
    let digits: String = int_part.chars().filter(char::is_ascii_digit).collect();
    let int_digits = digits.trim_start_matches('0');
    // 29 significant digits is the most a Decimal holds; beyond that it is absurd anyway.
    if int_digits.len() + frac_part.len() > 28 {
        return Err(NumberError::TooLarge);
    }
    // The digits make the mantissa and the decimals the scale, exactly. (Decimal's own
    // string reader would do the same, at several times the size in the wasm.)
    let mut mantissa: i128 = 0;
    for c in int_digits.chars().chain(frac_part.chars()) {
        let digit = c.to_digit(10).ok_or(NumberError::NotANumber)?;
        mantissa = mantissa
            .checked_mul(10)
            .and_then(|m| m.checked_add(i128::from(digit)))
            .ok_or(NumberError::TooLarge)?;
    }
    let scale = u32::try_from(frac_part.len()).map_err(|_| NumberError::TooLarge)?;
    let value =
        Decimal::try_from_i128_with_scale(mantissa, scale).map_err(|_| NumberError::TooLarge)?;
    let value = value
        .checked_mul(multiplier)
        .ok_or(NumberError::TooLarge)?
        .normalize();
    let (max_places, max_value) = match quantity {
        Quantity::Count => (0, Decimal::from(MAX_COUNT)),
        Quantity::Yuan => (2, MAX_YUAN),
        Quantity::Percent => (4, MAX_PERCENT),
    };
    if value.scale() > max_places {
        return Err(if max_places == 0 {
            NumberError::NotWhole
        } else {
            NumberError::TooManyDecimals { max: max_places }
        });
    }
    if value > max_value {
        return Err(NumberError::TooLarge);
    }
    Ok(value)
}

/// Reads a count of items (a number of patents).
pub fn parse_count(text: &str) -> Result<u32, NumberError> {
    let value = parse(text, Quantity::Count)?;
    u32::try_from(value).map_err(|_| NumberError::TooLarge)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn yuan(text: &str) -> Result<String, NumberError> {
        parse(text, Quantity::Yuan).map(|v| v.to_string())
    }

    #[test]
    fn reads_what_people_type() {
        assert_eq!(yuan(" 5000000 "), Ok("5000000".into()));
        assert_eq!(yuan("\u{3000}5,000,000.00\u{3000}"), Ok("5000000".into()));
        assert_eq!(yuan("５，０００，０００．５"), Ok("5000000.5".into()));
        assert_eq!(yuan("¥1,234.56"), Ok("1234.56".into()));
        assert_eq!(yuan("￥ 1234.56 元"), Ok("1234.56".into()));
        assert_eq!(yuan("500万"), Ok("5000000".into()));
        assert_eq!(yuan("500万元"), Ok("5000000".into()));
        assert_eq!(yuan("1.2345万"), Ok("12345".into()));
        assert_eq!(yuan("0.5亿"), Ok("50000000".into()));
        assert_eq!(yuan(".5"), Ok("0.5".into()));
        assert_eq!(parse_count("3件"), Ok(3));
        assert_eq!(parse_count("1,000"), Ok(1000));
        assert_eq!(
            parse("3.85%", Quantity::Percent).map(|v| v.to_string()),
            Ok("3.85".into())
        );
        assert_eq!(
            parse("３．８５％", Quantity::Percent).map(|v| v.to_string()),
            Ok("3.85".into())
        );
    }

    #[test]
    fn each_mistake_has_its_own_kind() {
        assert_eq!(yuan("   "), Err(NumberError::Empty));
        assert_eq!(yuan("元"), Err(NumberError::Empty));
        assert_eq!(yuan("abc"), Err(NumberError::NotANumber));
        assert_eq!(yuan("1.2.3"), Err(NumberError::NotANumber));
        assert_eq!(yuan("1e5"), Err(NumberError::Exponent));
        assert_eq!(yuan("1E+5"), Err(NumberError::Exponent));
        assert_eq!(yuan("-5"), Err(NumberError::Sign));
        assert_eq!(yuan("+5"), Err(NumberError::Sign));
        assert_eq!(parse_count("2.5"), Err(NumberError::NotWhole));
        assert_eq!(parse_count("1.0"), Ok(1));
        assert_eq!(yuan("1.234"), Err(NumberError::TooManyDecimals { max: 2 }));
        assert_eq!(yuan("1.00001万"), Ok("10000.1".into()));
        assert_eq!(yuan("1.000001万"), Ok("10000.01".into()));
        assert_eq!(
            yuan("1.0000001万"),
            Err(NumberError::TooManyDecimals { max: 2 })
        );
        assert_eq!(yuan("1,00,000"), Err(NumberError::BadGrouping));
        assert_eq!(yuan("1000,000"), Err(NumberError::BadGrouping));
        assert_eq!(yuan(",100"), Err(NumberError::BadGrouping));
        assert_eq!(yuan("1.000,5"), Err(NumberError::BadGrouping));
        assert_eq!(yuan("2万亿"), Err(NumberError::TooLarge));
        assert_eq!(
            yuan("99999999999999999999999999999999"),
            Err(NumberError::TooLarge)
        );
        assert_eq!(parse_count("1000001"), Err(NumberError::TooLarge));
        assert_eq!(parse("101", Quantity::Percent), Err(NumberError::TooLarge));
        assert_eq!(
            parse("3万", Quantity::Percent),
            Err(NumberError::NotANumber)
        );
    }

    #[test]
    fn max_yuan_is_one_trillion() {
        assert_eq!(Ok(MAX_YUAN), Decimal::from_str("1000000000000"));
        assert_eq!(yuan("1万亿"), Ok("1000000000000".into()));
    }

    #[test]
    fn full_width_signs_and_exponents_get_their_own_kinds() {
        // What a Chinese input method gives must be told apart as the ASCII would be,
        // not lumped in with letters as "not a number".
        assert_eq!(yuan("＋5"), Err(NumberError::Sign));
        assert_eq!(yuan("－5"), Err(NumberError::Sign));
        assert_eq!(yuan("−5"), Err(NumberError::Sign));
        assert_eq!(yuan("1ｅ5"), Err(NumberError::Exponent));
        assert_eq!(yuan("1Ｅ5"), Err(NumberError::Exponent));
    }

    #[test]
    fn a_point_alone_is_not_a_number_but_a_trailing_point_is_fine() {
        assert_eq!(yuan("."), Err(NumberError::NotANumber));
        assert_eq!(yuan("5."), Ok("5".into()));
    }

    #[test]
    fn european_style_1_000_000_50_is_not_a_number_rather_than_badly_grouped() {
        // Two decimal points make it no number at all; the comma after them is beside
        // the point, and "group three digits" would be the wrong advice.
        assert_eq!(yuan("1.000.000,50"), Err(NumberError::NotANumber));
    }

    #[test]
    fn up_to_28_digits_are_read_exactly_and_29_are_too_many() {
        let percent = |text: &str| parse(text, Quantity::Percent).map(|v| v.to_string());
        let zeros = |n: usize| "0".repeat(n);
        // 1 and 27 decimals: 28 digits.
        assert_eq!(percent(&format!("1.{}", zeros(27))), Ok("1".into()));
        // 1 and 28 decimals: 29 digits, whatever the value.
        assert_eq!(
            percent(&format!("1.{}", zeros(28))),
            Err(NumberError::TooLarge)
        );
        assert_eq!(
            percent(&format!("12.{}", zeros(27))),
            Err(NumberError::TooLarge)
        );
        // Leading zeros are not digits of the value.
        assert_eq!(yuan(&format!("{}1", zeros(40))), Ok("1".into()));
    }

    #[test]
    fn the_largest_of_each_quantity_is_accepted() {
        assert_eq!(parse_count("1000000"), Ok(MAX_COUNT));
        assert_eq!(
            parse("100", Quantity::Percent).map(|v| v.to_string()),
            Ok("100".into())
        );
        assert_eq!(
            parse("3.1234", Quantity::Percent).map(|v| v.to_string()),
            Ok("3.1234".into())
        );
        assert_eq!(
            parse("3.12345", Quantity::Percent),
            Err(NumberError::TooManyDecimals { max: 4 })
        );
    }

    #[test]
    fn each_number_error_says_what_is_wrong() {
        for (error, words) in [
            (NumberError::Empty, "empty"),
            (NumberError::NotANumber, "not a number"),
            (NumberError::Exponent, "exponent notation is not accepted"),
            (NumberError::Sign, "must not have a sign"),
            (NumberError::NotWhole, "must be a whole number"),
            (
                NumberError::TooManyDecimals { max: 2 },
                "at most 2 decimal places",
            ),
            (
                NumberError::BadGrouping,
                "thousands separators must group three digits",
            ),
            (NumberError::TooLarge, "too large"),
        ] {
            assert_eq!(error.to_string(), words);
        }
    }
}
