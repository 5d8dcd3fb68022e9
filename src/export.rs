//! The download: the answers, in the shape `ipsc assess` reads (policies/ANSWERS.md), and
//! the assessment's outcome line by line, as JSON.
//!
//! The JSON is built as a JavaScript object and written by the browser's `JSON.stringify`,
//! so the wasm carries no JSON writer and no serializer for the answers: together they
//! cost more of the first load than this whole module. The browser tests check that the
//! answers come out exactly as serde writes them, which is what `ipsc assess` reads.

use ipsc_engine::{Answers, Assessment};
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::JsValue;

fn set(object: &Object, key: &str, value: &JsValue) {
    // Setting a plain property on a fresh plain object cannot fail.
    let _ = Reflect::set(object, &JsValue::from_str(key), value);
}

fn text(value: &impl ToString) -> JsValue {
    JsValue::from_str(&value.to_string())
}

/// Sets `key` only when there is a value, as serde's `skip_serializing_if` does.
fn set_some<T>(object: &Object, key: &str, value: Option<T>, to_js: impl Fn(T) -> JsValue) {
    if let Some(value) = value {
        set(object, key, &to_js(value));
    }
}

/// The answers as serde writes them (every `None` and empty collection left out).
pub fn answers(a: &Answers) -> Object {
    let o = Object::new();
    set(&o, "version", &a.version.into());
    set_some(&o, "pack", a.pack.as_deref(), JsValue::from_str);
    set_some(&o, "year", a.year, JsValue::from);
    set_some(
        &o,
        "registered_locally",
        a.registered_locally,
        JsValue::from,
    );
    set_some(&o, "region", a.region.as_deref(), JsValue::from_str);
    set_some(&o, "industry", a.industry.as_deref(), JsValue::from_str);
    set_some(&o, "tech_sme", a.tech_sme, |v| JsValue::from_str(v.code()));
    set_some(&o, "size", a.size.as_ref(), |s| {
        let size = Object::new();
        set_some(&size, "staff", s.staff, JsValue::from);
        set_some(&size, "sales", s.sales.as_ref(), text);
        set_some(&size, "assets", s.assets.as_ref(), text);
        size.into()
    });
    set_some(&o, "abnormal_list", a.abnormal_list, JsValue::from);
    set_some(&o, "dishonest_list", a.dishonest_list, JsValue::from);
    if !a.counts.is_empty() {
        let counts = Object::new();
        for (id, n) in a.counts.iter() {
            set(&counts, id, &(*n).into());
        }
        set(&o, "counts", &counts);
    }
    if !a.loans.is_empty() {
        let loans: Array = a
            .loans
            .iter()
            .map(|l| {
                let loan = Object::new();
                set(&loan, "principal", &text(&l.principal));
                set(&loan, "start", &text(&l.start));
                set(&loan, "term_months", &l.term_months.into());
                set_some(&loan, "contract_rate", l.contract_rate.as_ref(), text);
                JsValue::from(loan)
            })
            .collect();
        set(&o, "loans", &loans);
    }
    set_some(&o, "newer_lpr", a.newer_lpr.as_ref(), |n| {
        let lpr = Object::new();
        set(&lpr, "effective", &text(&n.effective));
        set(&lpr, "one_year", &text(&n.one_year));
        lpr.into()
    });
    if !a.levels.is_empty() {
        let levels = Object::new();
        for (id, level) in a.levels.iter() {
            set(&levels, id, &JsValue::from_str(level));
        }
        set(&o, "levels", &levels);
    }
    if !a.situations.is_empty() {
        let situations: Array = a.situations.iter().map(|s| JsValue::from_str(s)).collect();
        set(&o, "situations", &situations);
    }
    o
}

/// The whole download, indented for people to read.
pub fn json(a: &Answers, assessment: &Assessment) -> Option<String> {
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
    set(&export, "answers", &answers(a));
    set(&export, "assessment", &outcome);
    js_sys::JSON::stringify_with_replacer_and_space(&export, &JsValue::NULL, &JsValue::from(2))
        .ok()
        .map(String::from)
}
