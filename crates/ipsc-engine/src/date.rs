//! A calendar date: just what the rules need (read `YYYY-MM-DD`, order, month arithmetic).
//!
//! A date library would bring time zones, clocks and formatting into the wasm for three
//! operations; this type is small, total and checked.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A valid date of the proleptic Gregorian calendar, years 1000 to 9999.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

/// Why a text is not a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateError {
    /// Not of the form `YYYY-MM-DD`.
    Format,
    /// The form is right but no such day exists (`2025-02-30`), or the year is out of range.
    NoSuchDay,
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateError::Format => f.write_str("not a date of the form YYYY-MM-DD"),
            DateError::NoSuchDay => f.write_str("no such day in the calendar"),
        }
    }
}

impl std::error::Error for DateError {}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl Date {
    /// The date, if it exists.
    pub fn new(year: i32, month: u8, day: u8) -> Result<Date, DateError> {
        if !(1000..=9999).contains(&year)
            || !(1..=12).contains(&month)
            || day == 0
            || day > days_in_month(year, month)
        {
            return Err(DateError::NoSuchDay);
        }
        Ok(Date { year, month, day })
    }

    /// Reads `YYYY-MM-DD` exactly (what `<input type="date">` gives).
    pub fn parse(text: &str) -> Result<Date, DateError> {
        let bytes = text.as_bytes();
        let digits = |range: std::ops::Range<usize>| -> Result<u32, DateError> {
            let part = bytes.get(range).ok_or(DateError::Format)?;
            part.iter().try_fold(0u32, |acc, b| {
                if b.is_ascii_digit() {
                    Ok(acc * 10 + u32::from(b - b'0'))
                } else {
                    Err(DateError::Format)
                }
            })
        };
        if bytes.len() != 10 || bytes.get(4) != Some(&b'-') || bytes.get(7) != Some(&b'-') {
            return Err(DateError::Format);
        }
        let year = i32::try_from(digits(0..4)?).map_err(|_| DateError::Format)?;
        let month = u8::try_from(digits(5..7)?).map_err(|_| DateError::Format)?;
        let day = u8::try_from(digits(8..10)?).map_err(|_| DateError::Format)?;
        Date::new(year, month, day)
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.year
    }

    /// The month, 1 to 12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month.
    pub fn day(self) -> u8 {
        self.day
    }

    /// Months since the start of year 0: the month's position on one line, so that
    /// "which months of a loan fall in a year" is interval arithmetic.
    pub fn month_index(self) -> i64 {
        i64::from(self.year) * 12 + i64::from(self.month) - 1
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl std::str::FromStr for Date {
    type Err = DateError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Date::parse(s)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Date::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_real_dates_and_rejects_others() {
        assert_eq!(
            Date::parse("2024-02-29").map(|d| d.to_string()),
            Ok("2024-02-29".into())
        );
        assert_eq!(Date::parse("2025-02-29"), Err(DateError::NoSuchDay));
        assert_eq!(Date::parse("1900-02-29"), Err(DateError::NoSuchDay));
        assert_eq!(Date::parse("2000-02-29").map(|d| d.day()), Ok(29));
        assert_eq!(Date::parse("2025-13-01"), Err(DateError::NoSuchDay));
        assert_eq!(Date::parse("2025-1-01"), Err(DateError::Format));
        assert_eq!(Date::parse("２０２５-01-01"), Err(DateError::Format));
        assert_eq!(Date::parse("+025-01-01"), Err(DateError::Format));
        assert_eq!(Date::parse(""), Err(DateError::Format));
    }

    #[test]
    fn orders_by_calendar() {
        let a = Date::parse("2024-12-31").ok();
        let b = Date::parse("2025-01-01").ok();
        assert!(a < b);
        assert_eq!(
            b.map(Date::month_index)
                .zip(a.map(Date::month_index))
                .map(|(x, y)| x - y),
            Some(1)
        );
    }
}
