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

    /// The same day `months` months later (earlier when negative), or that month's last day
    /// where it is shorter (2024-01-31 and one month is 2024-02-29): the day a loan's month
    /// begins. `None` beyond the years a date holds.
    pub fn add_months(self, months: i64) -> Option<Date> {
        let index = self.month_index().checked_add(months)?;
        let year = i32::try_from(index.div_euclid(12)).ok()?;
        let month = u8::try_from(index.rem_euclid(12) + 1).ok()?;
        if !(1000..=9999).contains(&year) {
            return None;
        }
        Date::new(year, month, self.day.min(days_in_month(year, month))).ok()
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

    #[test]
    fn april_june_september_and_november_have_30_days_so_the_31st_is_refused() {
        for month in ["04", "06", "09", "11"] {
            let last = format!("2025-{month}-30");
            assert_eq!(Date::parse(&last).map(|d| d.to_string()), Ok(last.clone()));
            assert_eq!(
                Date::parse(&format!("2025-{month}-31")),
                Err(DateError::NoSuchDay),
                "2025-{month}-31"
            );
        }
        // The months of 31 days keep their 31st.
        for month in ["01", "03", "05", "07", "08", "10", "12"] {
            assert!(Date::parse(&format!("2025-{month}-31")).is_ok(), "{month}");
        }
    }

    #[test]
    fn day_zero_and_years_outside_1000_to_9999_are_refused() {
        assert_eq!(Date::parse("2025-01-00"), Err(DateError::NoSuchDay));
        assert_eq!(Date::parse("2025-00-01"), Err(DateError::NoSuchDay));
        assert_eq!(Date::parse("0999-12-31"), Err(DateError::NoSuchDay));
        assert_eq!(Date::new(10_000, 1, 1), Err(DateError::NoSuchDay));
        assert_eq!(Date::parse("1000-01-01").map(Date::year), Ok(1000));
        assert_eq!(Date::parse("9999-12-31").map(Date::year), Ok(9999));
    }

    #[test]
    fn only_a_hyphen_in_each_place_and_nothing_after_the_day_is_a_date() {
        for text in [
            "2025/01/01",
            "2025/01-01",
            "2025-01/01",
            "2025-01-011",
            "2025-01-01T00:00",
            "2025-01-01 ",
        ] {
            assert_eq!(Date::parse(text), Err(DateError::Format), "{text:?}");
        }
    }

    #[test]
    fn a_date_gives_back_its_year_month_and_day() {
        let date = Date::parse("2025-04-30");
        assert_eq!(date.map(Date::year), Ok(2025));
        assert_eq!(date.map(Date::month), Ok(4));
        assert_eq!(date.map(Date::day), Ok(30));
        assert_eq!(Date::parse("2025-12-07").map(Date::month), Ok(12));
        assert_eq!(
            "2025-12-07".parse::<Date>().map(|d| d.to_string()),
            Ok("2025-12-07".into())
        );
    }

    #[test]
    fn month_index_counts_months_from_january_of_year_0() {
        // months_in_year compares it with year × 12, so it must start at zero, not just
        // step by one.
        assert_eq!(
            Date::parse("2025-01-15").map(Date::month_index),
            Ok(2025 * 12)
        );
        assert_eq!(
            Date::parse("2025-12-31").map(Date::month_index),
            Ok(2025 * 12 + 11)
        );
    }

    #[test]
    fn adding_months_keeps_the_day_or_takes_the_months_last() {
        let add = |text: &str, months: i64| {
            Date::parse(text)
                .ok()
                .and_then(|d| d.add_months(months))
                .map(|d| d.to_string())
        };
        assert_eq!(add("2024-07-15", 0).as_deref(), Some("2024-07-15"));
        assert_eq!(add("2024-07-15", 6).as_deref(), Some("2025-01-15"));
        assert_eq!(add("2024-01-31", 1).as_deref(), Some("2024-02-29"));
        assert_eq!(add("2025-01-31", 1).as_deref(), Some("2025-02-28"));
        assert_eq!(add("2025-01-31", 3).as_deref(), Some("2025-04-30"));
        assert_eq!(add("2025-03-31", -1).as_deref(), Some("2025-02-28"));
        assert_eq!(add("2025-01-10", -1).as_deref(), Some("2024-12-10"));
        assert_eq!(add("2025-12-10", 1).as_deref(), Some("2026-01-10"));
        assert_eq!(add("9999-12-01", 1), None);
        assert_eq!(add("1000-01-01", -1), None);
        assert_eq!(add("2025-01-01", i64::MAX), None);
    }

    #[test]
    fn dates_are_json_strings_and_bad_ones_are_refused() {
        let date = Date::parse("2024-02-29").ok();
        assert_eq!(
            date.and_then(|d| serde_json::to_string(&d).ok()).as_deref(),
            Some("\"2024-02-29\"")
        );
        assert_eq!(serde_json::from_str::<Date>("\"2024-02-29\"").ok(), date);
        assert!(serde_json::from_str::<Date>("\"2025-02-29\"").is_err());
    }

    #[test]
    fn each_date_error_says_what_is_wrong() {
        assert_eq!(
            DateError::Format.to_string(),
            "not a date of the form YYYY-MM-DD"
        );
        assert_eq!(
            DateError::NoSuchDay.to_string(),
            "no such day in the calendar"
        );
    }
}
