//! Keeping answers: in the browser's storage (standalone page only) and in a share link's
//! fragment, which browsers never send to a server (`share_link` makes the link).
//!
//! Both hold the same text: the form's fields as `application/x-www-form-urlencoded` pairs
//! (`v=2&p=PACK&year=2025&…`) and last a checksum of everything before it (`&sum=…`). The
//! version says how to read it; the checksum tells a damaged link from a good one; the
//! pack id tells a link made for other policy data. Anything else is "damaged".
//!
//! Why not a serde format: the form's generated (de)serializer and an encoding for URLs
//! cost more of the first load than these explicit pairs, and the pairs read plainly.

use crate::form::{get, put, Form, Values};
use crate::kinds::{keys, Keys};
use ipsc_engine::Pack;

const VERSION: &str = "2";
/// Where the answers are kept; another tab's `storage` event names it when it changes them.
pub const STORAGE_KEY: &str = "ipsc.answers";
const PREFS_KEY: &str = "ipsc.prefs";
/// Written and removed once at start, to learn whether the browser keeps anything.
const PROBE_KEY: &str = "ipsc.probe";

/// Why saved answers could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkError {
    /// Damaged, tampered with, or not ours.
    Damaged,
    /// Made for another pack (or another version of the shape).
    OtherPack,
    /// Two answers to one question: which was meant cannot be known, and taking either
    /// would show one thing and mean another.
    Repeated,
}

fn checksum(text: &str) -> String {
    format!("{:08x}", ipsc_engine::digest::fnv1a32(text.as_bytes()))
}

/// The form as text for storage or a link.
pub fn encode(pack: &'static Pack, form: &Form) -> String {
    let Keys { ticks, groups, .. } = keys(pack);
    let mut out = form_urlencoded::Serializer::new(String::new());
    out.append_pair("v", VERSION)
        .append_pair("p", &pack.meta.id);
    for (key, value) in form.values.iter() {
        out.append_pair(key, value);
    }
    for (key, _) in ticks {
        for id in form.ticked(key) {
            out.append_pair(key, id);
        }
    }
    // Every item writes all its fields, so that an item left empty still counts as one.
    for (group, item_keys) in groups {
        for item in form.items(group) {
            for key in item_keys {
                out.append_pair(&format!("{group}.{key}"), get(&item.values, key));
            }
        }
    }
    let body = out.finish();
    let sum = checksum(&body);
    format!("{body}&sum={sum}")
}

/// The form from text made by [`encode`] for this pack.
pub fn decode(pack: &'static Pack, text: &str) -> Result<Form, LinkError> {
    let (body, sum) = text.trim().rsplit_once("&sum=").ok_or(LinkError::Damaged)?;
    if checksum(body) != sum {
        return Err(LinkError::Damaged);
    }
    let mut pairs = form_urlencoded::parse(body.as_bytes());
    match (pairs.next(), pairs.next()) {
        (Some((v, version)), Some((p, id))) if v == "v" && p == "p" => {
            if version != VERSION || id != pack.meta.id {
                return Err(LinkError::OtherPack);
            }
        }
        _ => return Err(LinkError::Damaged),
    }
    let Keys {
        single,
        ticks,
        groups,
    } = keys(pack);
    let mut form = Form::default();
    // The keys met so far: of the whole form, and of the item being read.
    let mut seen: Vec<String> = Vec::new();
    let mut seen_in_item: Vec<&str> = Vec::new();
    for (key, value) in pairs {
        let value = value.into_owned();
        if let Some((_, choices)) = ticks.iter().find(|(k, _)| *k == key) {
            // Only the question's own choices, each once (encode writes nothing else).
            if !choices.contains(&value) {
                return Err(LinkError::Damaged);
            }
            if form.ticked(&key).contains(&value) {
                return Err(LinkError::Repeated);
            }
            form.toggle(&key, &value);
            continue;
        }
        let in_group = groups.iter().find_map(|(group, item_keys)| {
            let k = key.strip_prefix(group.as_str())?.strip_prefix('.')?;
            let k = item_keys.iter().find(|i| *i == k)?;
            Some((group, item_keys, k))
        });
        match in_group {
            // Every item starts with its first field (encode writes them all).
            Some((group, item_keys, k)) if item_keys.first() == Some(k) => {
                let mut item = Values::new();
                put(&mut item, k, value);
                form.push(group, item).ok_or(LinkError::Damaged)?;
                seen_in_item = vec![k.as_str()];
            }
            Some((group, _, k)) => {
                if seen_in_item.contains(&k.as_str()) {
                    return Err(LinkError::Repeated);
                }
                seen_in_item.push(k);
                let item = form
                    .groups
                    .get_mut(group)
                    .and_then(|items| items.last_mut())
                    .ok_or(LinkError::Damaged)?;
                put(&mut item.values, k, value);
            }
            None if single.iter().any(|k| *k == key) => {
                if seen.iter().any(|k| *k == key) {
                    return Err(LinkError::Repeated);
                }
                form.set(&key, value);
                seen.push(key.into_owned());
            }
            None => return Err(LinkError::Damaged),
        }
    }
    Ok(form)
}

/// The part of a URL fragment that holds answers: `#a=…`.
pub fn from_fragment(hash: &str) -> Option<&str> {
    hash.strip_prefix("#a=")
}

/// A link to the app's own page with the answers in its fragment. On a kiosk, the public
/// page it was given (its own address is no one else's), or none. Elsewhere this page
/// without its query (a frame's `?mode=embedded&host=…` is not for whoever opens the
/// link), or when embedded by script in someone else's page, the app's page beside its
/// files.
pub(crate) fn share_link(pack: &'static Pack, form: &Form) -> Option<String> {
    let settings = crate::settings::get();
    let base = if settings.mode == crate::settings::Mode::Kiosk {
        settings.share_base.clone()?
    } else if let Some(assets) = crate::settings::assets_base() {
        assets.to_owned()
    } else {
        let location = web_sys::window()?.location();
        format!("{}{}", location.origin().ok()?, location.pathname().ok()?)
    };
    let base = base.split('#').next().unwrap_or_default();
    Some(format!("{base}#a={}", encode(pack, form)))
}

/// The page's storage, found once: `window.localStorage` is a slow getter (about a sixth of
/// the answers' write on each keystroke, measured in a CPU profile at 4× throttle), and it
/// is the same object for the page's life. Storage can be switched off, or refused inside
/// a frame: then nothing is kept, for the page's life too.
fn local_storage() -> Option<web_sys::Storage> {
    thread_local! {
        static STORAGE: Option<web_sys::Storage> = web_sys::window()
            .and_then(|w| w.local_storage().ok().flatten());
    }
    STORAGE.with(Clone::clone)
}

/// Saved answers, if any.
pub fn load() -> Option<String> {
    local_storage()?.get_item(STORAGE_KEY).ok()?
}

/// Whether the browser keeps what the page writes: a probe written and removed. Storage
/// can be missing, switched off, refused in a frame, or throw on every write (some private
/// modes), and the page must not promise to keep what it cannot.
pub fn keeps() -> bool {
    local_storage().is_some_and(|storage| {
        storage.set_item(PROBE_KEY, "1").is_ok() && storage.remove_item(PROBE_KEY).is_ok()
    })
}

/// Saves answers; `false` if the browser refused (no storage, or full).
pub fn save(text: &str) -> bool {
    local_storage().is_some_and(|storage| storage.set_item(STORAGE_KEY, text).is_ok())
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

/// Forgets the preferences (they are the defaults again).
pub fn forget_prefs() {
    if let Some(storage) = local_storage() {
        let _ = storage.remove_item(PREFS_KEY);
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
    use crate::policy::default_pack;

    fn pack() -> &'static Pack {
        default_pack().unwrap_or_else(|e| panic!("{e}"))
    }

    fn form() -> Form {
        Form::answered(&[
            ("year", "2025"),
            ("registered", "1"),
            ("count.domestic-invention-patents", "3 件"),
        ])
    }

    fn every_field() -> Form {
        let mut form = Form::answered(&[
            ("year", "2025"),
            ("registered", "1"),
            ("count.domestic-invention-patents", "3 件"),
            ("region", "zengdu"),
            ("industry", "wind-turbines"),
            ("tech-sme", "unsure"),
            ("staff", "120"),
            ("sales", "5,000 万元"),
            ("assets", "1亿"),
            ("abnormal", "0"),
            ("dishonest", "1"),
            ("has-loans", "1"),
            ("lpr-date", "2026-03-20"),
            ("lpr-rate", "2.9%"),
            ("level.protection-workstation", "city"),
        ]);
        let mut loan = Values::new();
        for (key, value) in [
            ("principal", "500万"),
            ("start", "2025-03-01"),
            ("term", "12"),
            ("rate", "3.1"),
        ] {
            put(&mut loan, key, value.into());
        }
        // Text with every character a link must escape, where text may be typed.
        let mut odd = Values::new();
        put(&mut odd, "rate", "a&b=c #d".into());
        for item in [loan, Values::new(), odd] {
            form.push("loan", item);
        }
        form.toggle("situation", "trademarks");
        form.toggle("situation", "exports");
        form
    }

    #[test]
    fn a_form_survives_the_round_trip() {
        for form in [Form::default(), form(), every_field()] {
            let text = encode(pack(), &form);
            assert_eq!(decode(pack(), &text), Ok(form));
            assert!(
                text.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-_.*%+&=".contains(&b)),
                "safe in a URL fragment: {text}"
            );
        }
    }

    #[test]
    fn unknown_fields_and_a_loan_field_before_any_loan_are_damage() {
        let id = &pack().meta.id;
        for body in [
            format!("v=2&p={id}&colour=red"),
            format!("v=2&p={id}&loan.term=12"),
            format!("v=2&p={id}&count.no-such-question=3"),
            format!("p={id}&v=2"),
        ] {
            let text = format!("{body}&sum={}", checksum(&body));
            assert_eq!(decode(pack(), &text), Err(LinkError::Damaged), "{body}");
        }
        let body = format!("v=1&p={id}");
        let older = format!("{body}&sum={}", checksum(&body));
        assert_eq!(decode(pack(), &older), Err(LinkError::OtherPack));
    }

    #[test]
    fn damage_and_other_packs_are_told_apart() {
        let text = encode(pack(), &form());
        let other = Box::leak(Box::new(pack().clone()));
        other.meta.id = "another".into();
        assert_eq!(decode(other, &text), Err(LinkError::OtherPack));
        assert_eq!(
            decode(pack(), &text[..text.len() - 3]),
            Err(LinkError::Damaged)
        );
        let mut flipped = text.clone().into_bytes();
        if let Some(byte) = flipped.get_mut(12) {
            *byte = if *byte == b'A' { b'B' } else { b'A' };
        }
        assert_eq!(
            decode(pack(), &String::from_utf8(flipped).unwrap_or_default()),
            Err(LinkError::Damaged)
        );
        assert_eq!(decode(pack(), ""), Err(LinkError::Damaged));
        assert_eq!(decode(pack(), "%%%"), Err(LinkError::Damaged));
    }

    fn signed(body: &str) -> String {
        format!("{body}&sum={}", checksum(body))
    }

    #[test]
    fn a_link_that_answers_a_question_twice_is_refused_not_read_as_its_last_answer() {
        let id = &pack().meta.id;
        for body in [
            format!(
                "v=2&p={id}&count.domestic-invention-patents=3&count.domestic-invention-patents=5"
            ),
            format!("v=2&p={id}&year=2025&registered=1&year=1999"),
            format!("v=2&p={id}&situation=exports&situation=exports"),
            format!("v=2&p={id}&loan.principal=1&loan.term=12&loan.term=24"),
        ] {
            assert_eq!(
                decode(pack(), &signed(&body)),
                Err(LinkError::Repeated),
                "{body}"
            );
        }
        // Two loans are two items, not one field twice.
        let two = format!("v=2&p={id}&loan.principal=1&loan.term=12&loan.principal=2&loan.term=24");
        assert_eq!(
            decode(pack(), &signed(&two)).map(|f| f.items("loan").len()),
            Ok(2)
        );
    }

    #[test]
    fn a_link_ticks_only_the_questions_choices_and_holds_a_bounded_number_of_items() {
        let id = &pack().meta.id;
        let body = format!("v=2&p={id}&situation=planet");
        assert_eq!(decode(pack(), &signed(&body)), Err(LinkError::Damaged));
        let mut body = format!("v=2&p={id}");
        for _ in 0..=crate::form::MAX_ITEMS {
            body.push_str("&loan.principal=1");
        }
        assert_eq!(decode(pack(), &signed(&body)), Err(LinkError::Damaged));
    }

    #[test]
    fn a_link_keeps_no_more_of_an_answer_than_the_form_does_and_no_invisible_marks() {
        let id = &pack().meta.id;
        let long = "9".repeat(1_000_000);
        let body =
            format!("v=2&p={id}&count.pct-invention-patents={long}&staff=1%E2%80%8B2%E2%80%AE3");
        let form = decode(pack(), &signed(&body)).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(
            form.get("count.pct-invention-patents").chars().count(),
            crate::form::KEPT_CHARS
        );
        assert_eq!(form.get("staff"), "123");
        assert!(
            encode(pack(), &form).len() < 1_000,
            "and so does a link made of it"
        );
    }

    /// Links made before the question table still open with every answer.
    #[test]
    fn a_link_of_the_earlier_layout_reads_the_same() {
        let id = &pack().meta.id;
        let body = format!(
            "v=2&p={id}&year=2025&registered=1&has-loans=1&tech-sme=unsure\
             &count.domestic-invention-patents=3&level.protection-workstation=city\
             &situation=exports&loan.principal=500%E4%B8%87&loan.start=2025-03-01\
             &loan.term=12&loan.rate="
        );
        let text = format!("{body}&sum={}", checksum(&body));
        let form = decode(pack(), &text).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(form.get("tech-sme"), "unsure");
        assert_eq!(form.get("count.domestic-invention-patents"), "3");
        assert_eq!(form.ticked("situation"), ["exports".to_owned()]);
        assert_eq!(form.items("loan").len(), 1);
        assert_eq!(
            form.items("loan")
                .first()
                .and_then(|l| l.values.get("principal"))
                .map(String::as_str),
            Some("500万")
        );
    }
}
