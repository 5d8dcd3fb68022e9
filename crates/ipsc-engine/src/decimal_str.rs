//! Decimals in packs are written as strings (`"10000"`, `"0.40"`) and read exactly: a
//! figure that does not fit is an error, never silently rounded as a float would be, and
//! no format-specific number type is involved.

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serializer};

/// Writes a decimal as its string.
pub fn serialize<S: Serializer>(value: &Decimal, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_str(value)
}

/// Reads a decimal from a string, exactly.
pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Decimal, D::Error> {
    let text = String::deserialize(deserializer)?;
    exact(&text).map_err(serde::de::Error::custom)
}

fn exact(text: &str) -> Result<Decimal, String> {
    let plain = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == '-');
    match Decimal::from_str_exact(text) {
        Ok(value) if plain => Ok(value),
        _ => Err(format!(
            "`{text}` is not a plain decimal number such as \"10000\" or \"0.40\""
        )),
    }
}

/// The same for `Option<Decimal>`.
pub mod option {
    use super::*;

    /// Writes an optional decimal as an optional string.
    pub fn serialize<S: Serializer>(
        value: &Option<Decimal>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(value) => serializer.serialize_some(&value.to_string()),
            None => serializer.serialize_none(),
        }
    }

    /// Reads an optional decimal from an optional string, exactly.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Decimal>, D::Error> {
        Option::<String>::deserialize(deserializer)?
            .map(|text| exact(&text).map_err(serde::de::Error::custom))
            .transpose()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn reads_plain_decimals_exactly_and_nothing_else() {
        assert_eq!(
            super::exact("0.40").map(|d| d.to_string()),
            Ok("0.40".into())
        );
        assert!(super::exact("1_000").is_err());
        assert!(super::exact("+5").is_err());
        assert!(super::exact("1e3").is_err());
        assert!(super::exact("").is_err());
        assert!(super::exact("0.12345678901234567890123456789").is_err());
    }
}
