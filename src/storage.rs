//! Keeping answers: in the browser's storage (standalone page only) and in a share link's
//! fragment, which browsers never send to a server.
//!
//! Both hold the same text: the form's fields as `application/x-www-form-urlencoded` pairs
//! (`v=2&p=PACK&year=2025&…`) and last a checksum of everything before it (`&sum=…`). The
//! version says how to read it; the checksum tells a damaged link from a good one; the
//! pack id tells a link made for other policy data. Anything else is "damaged".
//!
//! Why not a serde format: the form's generated (de)serializer and an encoding for URLs
//! cost more of the first load than these explicit pairs, and the pairs read plainly.

use crate::form::{Form, LoanForm};
use ipsc_engine::YesNoUnsure;

const VERSION: &str = "2";
const STORAGE_KEY: &str = "ipsc.answers";
const PREFS_KEY: &str = "ipsc.prefs";

/// Why saved answers could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkError {
    /// Damaged, tampered with, or not ours.
    Damaged,
    /// Made for another pack (or another version of the shape).
    OtherPack,
}

fn checksum(text: &str) -> String {
    format!("{:08x}", ipsc_engine::digest::fnv1a32(text.as_bytes()))
}

fn flag(value: Option<bool>) -> Option<&'static str> {
    value.map(|v| if v { "1" } else { "0" })
}

fn read_flag(value: &str) -> Option<bool> {
    match value {
        "1" => Some(true),
        "0" => Some(false),
        _ => None,
    }
}

/// A field of the form with its key in the text.
type Keyed<'f, T> = (&'static str, &'f mut T);

/// The form's text fields and yes/no answers with their keys: the one list both ways use.
fn fields(form: &mut Form) -> ([Keyed<'_, String>; 8], [Keyed<'_, Option<bool>>; 4]) {
    (
        [
            ("year", &mut form.year),
            ("region", &mut form.region),
            ("industry", &mut form.industry),
            ("staff", &mut form.staff),
            ("sales", &mut form.sales),
            ("assets", &mut form.assets),
            ("lpr-date", &mut form.lpr_date),
            ("lpr-rate", &mut form.lpr_rate),
        ],
        [
            ("registered", &mut form.registered),
            ("abnormal", &mut form.abnormal),
            ("dishonest", &mut form.dishonest),
            ("has-loans", &mut form.has_loans),
        ],
    )
}

/// The form as text for storage or a link.
pub fn encode(pack_id: &str, form: &Form) -> String {
    let mut out = form_urlencoded::Serializer::new(String::new());
    out.append_pair("v", VERSION).append_pair("p", pack_id);
    let mut copy = form.clone();
    let (texts, flags) = fields(&mut copy);
    for (key, value) in texts {
        if !value.is_empty() {
            out.append_pair(key, value);
        }
    }
    for (key, value) in flags {
        if let Some(value) = flag(*value) {
            out.append_pair(key, value);
        }
    }
    if let Some(sme) = form.tech_sme {
        out.append_pair("tech-sme", sme.code());
    }
    for (id, value) in form.counts.iter() {
        out.append_pair(&format!("count.{id}"), value);
    }
    for (id, value) in form.levels.iter() {
        out.append_pair(&format!("level.{id}"), value);
    }
    for id in &form.situations {
        out.append_pair("situation", id);
    }
    // Every loan writes all four fields, so that a loan left empty still counts as one.
    for loan in &form.loans {
        out.append_pair("loan.principal", &loan.principal)
            .append_pair("loan.start", &loan.start)
            .append_pair("loan.term", &loan.term)
            .append_pair("loan.rate", &loan.rate);
    }
    let body = out.finish();
    let sum = checksum(&body);
    format!("{body}&sum={sum}")
}

/// The form from text made by [`encode`] for this pack.
pub fn decode(pack_id: &str, text: &str) -> Result<Form, LinkError> {
    let (body, sum) = text.trim().rsplit_once("&sum=").ok_or(LinkError::Damaged)?;
    if checksum(body) != sum {
        return Err(LinkError::Damaged);
    }
    let mut pairs = form_urlencoded::parse(body.as_bytes());
    match (pairs.next(), pairs.next()) {
        (Some((v, version)), Some((p, pack))) if v == "v" && p == "p" => {
            if version != VERSION || pack != pack_id {
                return Err(LinkError::OtherPack);
            }
        }
        _ => return Err(LinkError::Damaged),
    }
    let mut form = Form::default();
    for (key, value) in pairs {
        let value = value.into_owned();
        let (texts, flags) = fields(&mut form);
        if let Some((_, text)) = texts.into_iter().find(|(k, _)| *k == key) {
            *text = value;
            continue;
        }
        if let Some((_, flag)) = flags.into_iter().find(|(k, _)| *k == key) {
            *flag = read_flag(&value);
            continue;
        }
        match key.as_ref() {
            "tech-sme" => {
                form.tech_sme = Some(YesNoUnsure::from_code(&value).ok_or(LinkError::Damaged)?);
            }
            "situation" => form.situations.push(value),
            // Every loan starts with its principal (encode writes all four fields).
            "loan.principal" => form.loans.push(LoanForm {
                principal: value,
                ..LoanForm::default()
            }),
            "loan.start" | "loan.term" | "loan.rate" => {
                let loan = form.loans.last_mut().ok_or(LinkError::Damaged)?;
                *match key.as_ref() {
                    "loan.start" => &mut loan.start,
                    "loan.term" => &mut loan.term,
                    _ => &mut loan.rate,
                } = value;
            }
            other => {
                if let Some(id) = other.strip_prefix("count.") {
                    form.counts.insert(id.to_owned(), value);
                } else if let Some(id) = other.strip_prefix("level.") {
                    form.levels.insert(id.to_owned(), value);
                } else {
                    return Err(LinkError::Damaged);
                }
            }
        }
    }
    Ok(form)
}

/// The part of a URL fragment that holds answers: `#a=…`.
pub fn from_fragment(hash: &str) -> Option<&str> {
    hash.strip_prefix("#a=")
}

fn local_storage() -> Option<web_sys::Storage> {
    // Storage can be switched off, or refused inside a frame: then nothing is kept.
    web_sys::window()?.local_storage().ok()?
}

/// Saved answers, if any.
pub fn load() -> Option<String> {
    local_storage()?.get_item(STORAGE_KEY).ok()?
}

/// Saves answers.
pub fn save(text: &str) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(STORAGE_KEY, text);
    }
}

/// Saved preferences: language tag and large text.
pub fn load_prefs() -> Option<String> {
    local_storage()?.get_item(PREFS_KEY).ok()?
}

/// Saves preferences.
pub fn save_prefs(text: &str) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(PREFS_KEY, text);
    }
}

/// Removes everything this app keeps.
pub fn clear() {
    if let Some(storage) = local_storage() {
        let _ = storage.remove_item(STORAGE_KEY);
        let _ = storage.remove_item(PREFS_KEY);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> Form {
        let mut form = Form {
            year: "2025".into(),
            registered: Some(true),
            ..Form::default()
        };
        form.counts
            .insert("domestic-invention-patents".into(), "3 件".into());
        form
    }

    fn every_field() -> Form {
        let mut form = form();
        form.region = "zengdu".into();
        form.industry = "wind-turbines".into();
        form.tech_sme = Some(YesNoUnsure::Unsure);
        form.staff = "120".into();
        form.sales = "5,000 万元".into();
        form.assets = "1亿".into();
        form.abnormal = Some(false);
        form.dishonest = Some(true);
        form.has_loans = Some(true);
        form.loans = vec![
            LoanForm {
                principal: "500万".into(),
                start: "2025-03-01".into(),
                term: "12".into(),
                rate: "3.1".into(),
            },
            LoanForm::default(),
        ];
        form.lpr_date = "2026-03-20".into();
        form.lpr_rate = "2.9%".into();
        form.levels
            .insert("protection-workstation".into(), "city".into());
        form.situations = vec!["exports".into(), "a&b=c #d".into()];
        form
    }

    #[test]
    fn a_form_survives_the_round_trip() {
        for form in [Form::default(), form(), every_field()] {
            let text = encode("p", &form);
            assert_eq!(decode("p", &text), Ok(form));
            assert!(
                text.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-_.*%+&=".contains(&b)),
                "safe in a URL fragment: {text}"
            );
        }
    }

    #[test]
    fn unknown_fields_and_a_loan_field_before_any_loan_are_damage() {
        for body in ["v=2&p=p&colour=red", "v=2&p=p&loan.term=12", "p=p&v=2"] {
            let text = format!("{body}&sum={}", checksum(body));
            assert_eq!(decode("p", &text), Err(LinkError::Damaged), "{body}");
        }
        let older = format!("v=1&p=p&sum={}", checksum("v=1&p=p"));
        assert_eq!(decode("p", &older), Err(LinkError::OtherPack));
    }

    #[test]
    fn damage_and_other_packs_are_told_apart() {
        let text = encode("p", &form());
        assert_eq!(decode("q", &text), Err(LinkError::OtherPack));
        assert_eq!(
            decode("p", &text[..text.len() - 3]),
            Err(LinkError::Damaged)
        );
        let mut flipped = text.clone().into_bytes();
        if let Some(byte) = flipped.get_mut(12) {
            *byte = if *byte == b'A' { b'B' } else { b'A' };
        }
        assert_eq!(
            decode("p", &String::from_utf8(flipped).unwrap_or_default()),
            Err(LinkError::Damaged)
        );
        assert_eq!(decode("p", ""), Err(LinkError::Damaged));
        assert_eq!(decode("p", "%%%"), Err(LinkError::Damaged));
    }
}
