//! The download: the answers, in the shape `ipsc assess` reads (policies/ANSWERS.md), and
//! the assessment's outcome line by line, as JSON, offered as a file (`download`).
//!
//! The JSON is built as a JavaScript object and written by the browser's `JSON.stringify`,
//! so the wasm carries no JSON writer and no serializer for the answers: together they
//! cost more of the first load than this whole module. The browser tests check that the
//! answers come out exactly as serde writes them, which is what `ipsc assess` reads.

use crate::kinds::{exported, Exported};
use crate::questions::Value;
use ipsc_engine::{Answers, Assessment, Pack};
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::JsValue;

fn set(object: &Object, key: &str, value: &JsValue) {
    // Setting a plain property on a fresh plain object cannot fail.
    let _ = Reflect::set(object, &JsValue::from_str(key), value);
}

fn text(value: &impl ToString) -> JsValue {
    JsValue::from_str(&value.to_string())
}

/// The object at `key` in `object`, made if it is not there yet.
fn child(object: &Object, key: &str) -> Object {
    match Reflect::get(object, &JsValue::from_str(key)) {
        Ok(found) if found.is_object() => Object::from(found),
        _ => {
            let made = Object::new();
            set(object, key, &made);
            made
        }
    }
}

/// Sets a value at a path of keys, making the objects on the way (`size.staff`).
fn set_at<'k>(object: &Object, mut path: impl Iterator<Item = &'k str>, value: &JsValue) {
    let mut at = object.clone();
    let mut key = path.next().unwrap_or_default();
    for next in path {
        at = child(&at, key);
        key = next;
    }
    set(&at, key, value);
}

/// A value as serde writes it: decimals and dates as text, the rest as themselves.
fn js(value: Value) -> JsValue {
    match value {
        Value::Flag(v) => v.into(),
        // Years, counts and months: far inside what a double holds exactly.
        #[allow(clippy::cast_precision_loss)]
        Value::Whole(v) => JsValue::from_f64(v as f64),
        Value::Decimal(v) => text(&v),
        Value::Date(v) => text(&v),
        Value::Id(v) => JsValue::from_str(&v),
        Value::Ids(v) => v
            .iter()
            .map(|s| JsValue::from_str(s))
            .collect::<Array>()
            .into(),
    }
}

/// A record (a loan, a newer LPR) as an object of its parts.
fn record(parts: Vec<(&'static str, Value)>) -> JsValue {
    let o = Object::new();
    for (path, value) in parts {
        set(&o, path, &js(value));
    }
    o.into()
}

/// The answers as serde writes them (every `None` and empty collection left out), each
/// where its question's kind says (`kinds::exported`).
pub fn answers(pack: &'static Pack, a: &Answers) -> Object {
    let o = Object::new();
    set(&o, "version", &a.version.into());
    if let Some(id) = &a.pack {
        set(&o, "pack", &JsValue::from_str(id));
    }
    // Where serde writes it; its question, asked last on its step, sets it again in place.
    if let Some(year) = a.year {
        set(&o, "year", &year.into());
    }
    for out in exported(pack, a) {
        match out {
            Exported::At(path, value) => set_at(&o, path.split('.'), &js(value)),
            // All of them where serde puts the map, in its (sorted) order.
            Exported::Counts => {
                let counts = child(&o, "counts");
                for (id, n) in a.counts.iter() {
                    set(&counts, id, &(*n).into());
                }
            }
            Exported::Levels => {
                let levels = child(&o, "levels");
                for (id, level) in a.levels.iter() {
                    set(&levels, id, &JsValue::from_str(level));
                }
            }
            Exported::Records {
                path,
                list,
                records,
            } => {
                let mut records = records.into_iter().map(record);
                if list {
                    set(&o, path, &records.collect::<Array>());
                } else if let Some(one) = records.next() {
                    set(&o, path, &one);
                }
            }
        }
    }
    o
}

/// The whole download, indented for people to read.
pub fn json(pack: &'static Pack, a: &Answers, assessment: &Assessment) -> Option<String> {
    let outcome = Object::new();
    set(&outcome, "pack", &JsValue::from_str(&assessment.pack));
    set(&outcome, "year", &assessment.year.into());
    set(&outcome, "total", &text(&assessment.total));
    let lines: Array = assessment
        .lines
        .iter()
        .map(|l| {
            let line = Object::new();
            set(&line, "measure", &JsValue::from_str(&l.measure));
            set(&line, "clause", &JsValue::from_str(&l.clause));
            // As serde writes the enum (`eligible`).
            set(&line, "status", &JsValue::from_str(l.status.code()));
            set(&line, "amount", &text(&l.amount));
            JsValue::from(line)
        })
        .collect();
    set(&outcome, "lines", &lines);
    let export = Object::new();
    set(&export, "answers", &answers(pack, a));
    set(&export, "assessment", &outcome);
    js_sys::JSON::stringify_with_replacer_and_space(&export, &JsValue::NULL, &JsValue::from(2))
        .ok()
        .map(String::from)
}

/// Offers the answers and the assessment as a JSON file, in the shape `ipsc assess` reads.
pub(crate) fn download(pack: &'static Pack, answers: &Answers, assessment: &Assessment) {
    let Some(json) = json(pack, answers, assessment) else {
        return;
    };
    // A data: URL, not a Blob: nothing to revoke, and fewer browser bindings to load.
    let url = format!(
        "data:application/json;charset=utf-8,{}",
        js_sys::encode_uri_component(&json)
    );
    let anchor = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("a").ok());
    if let Some(anchor) =
        anchor.and_then(|a| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlAnchorElement>(a).ok())
    {
        anchor.set_href(&url);
        anchor.set_download(&format!(
            "ipsc-{}-{}.json",
            assessment.pack, assessment.year
        ));
        anchor.click();
    }
}
