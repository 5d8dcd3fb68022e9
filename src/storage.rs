//! Keeping answers: in the browser's storage (standalone page only) and in a share link's
//! fragment, which browsers never send to a server.
//!
//! Both hold the same text: base64url of [version, postcard(pack id, form), checksum]. The
//! version says how to read it; the checksum tells a damaged link from a good one; the
//! pack id tells a link made for other policy data. Anything else is "damaged".

use crate::form::Form;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::{Deserialize, Serialize};

const VERSION: u8 = 1;
const STORAGE_KEY: &str = "ipsc.answers";
const PREFS_KEY: &str = "ipsc.prefs";

#[derive(Serialize)]
struct Out<'a> {
    pack: &'a str,
    form: &'a Form,
}

#[derive(Deserialize)]
struct In {
    pack: String,
    form: Form,
}

/// Why saved answers could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkError {
    /// Damaged, tampered with, or not ours.
    Damaged,
    /// Made for another pack (or another version of the shape).
    OtherPack,
}

fn checksum(bytes: &[u8]) -> [u8; 4] {
    // FNV-1a, 32 bits: catches truncation and stray edits; not a signature.
    let hash = bytes.iter().fold(0x811c_9dc5_u32, |h, b| {
        (h ^ u32::from(*b)).wrapping_mul(0x0100_0193)
    });
    hash.to_le_bytes()
}

/// The form as text for storage or a link.
pub fn encode(pack_id: &str, form: &Form) -> String {
    let mut bytes = vec![VERSION];
    bytes.extend(
        postcard::to_allocvec(&Out {
            pack: pack_id,
            form,
        })
        .unwrap_or_default(),
    );
    let sum = checksum(&bytes);
    bytes.extend(sum);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// The form from text made by [`encode`] for this pack.
pub fn decode(pack_id: &str, text: &str) -> Result<Form, LinkError> {
    let bytes = URL_SAFE_NO_PAD
        .decode(text.trim())
        .map_err(|_| LinkError::Damaged)?;
    let (body, sum) = bytes
        .split_at_checked(bytes.len().saturating_sub(4))
        .ok_or(LinkError::Damaged)?;
    if body.is_empty() || checksum(body) != sum {
        return Err(LinkError::Damaged);
    }
    let (&version, payload) = body.split_first().ok_or(LinkError::Damaged)?;
    if version != VERSION {
        return Err(LinkError::OtherPack);
    }
    let read: In = postcard::from_bytes(payload).map_err(|_| LinkError::Damaged)?;
    if read.pack != pack_id {
        return Err(LinkError::OtherPack);
    }
    Ok(read.form)
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

    #[test]
    fn a_form_survives_the_round_trip() {
        let text = encode("p", &form());
        assert_eq!(decode("p", &text), Ok(form()));
        assert!(
            text.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'),
            "safe in a URL: {text}"
        );
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
        if let Some(byte) = flipped.get_mut(5) {
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
