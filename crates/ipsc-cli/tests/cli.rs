//! The command as an editor uses it.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)] // Reason: tests fail loudly.

use std::path::PathBuf;
use std::process::Command;

fn repo(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(path)
}

fn ipsc(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_ipsc"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

const PACK: &str = "policies/suizhou-2024-15/pack.toml";

#[test]
fn check_validates_the_pack_and_runs_its_cases() {
    let (ok, out, err) = ipsc(&["check", repo(PACK).to_str().unwrap()]);
    assert!(ok, "{out}{err}");
    // Counted from the file as it is now, so that a case added to it is counted too; a file
    // whose cases were all skipped or lost would otherwise pass as "0 passed".
    let cases = std::fs::read_to_string(repo("policies/suizhou-2024-15/cases.toml"))
        .unwrap()
        .lines()
        .filter(|l| l.trim() == "[[case]]")
        .count();
    assert!(cases > 0, "cases.toml has no [[case]]");
    assert!(
        out.lines()
            .any(|l| l == format!("cases: {cases} passed, 0 failed")),
        "{cases} cases: {out}"
    );
}

#[test]
fn check_names_the_file_the_line_and_the_field() {
    let dir = std::env::temp_dir().join(format!("ipsc-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let source = std::fs::read_to_string(repo(PACK)).unwrap().replacen(
        "clause = \"一(三)\"",
        "clause = \"一(九十九)\"",
        1,
    );
    let bad_line = source
        .lines()
        .position(|l| l.contains("一(九十九)"))
        .unwrap()
        + 1;
    let path = dir.join("pack.toml");
    std::fs::write(&path, source).unwrap();
    let (ok, _, err) = ipsc(&["check", path.to_str().unwrap()]);
    assert!(!ok);
    assert!(
        err.contains(&format!("pack.toml:{bad_line}: measure[2].clause:")),
        "{err}"
    );
}

/// A pack that lacks the words for a code the engine shows would put the raw code on the
/// results page: `check` must refuse it, at the table where the words belong.
#[test]
fn check_demands_words_for_every_status() {
    let dir = std::env::temp_dir().join(format!("ipsc-cli-s-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let source: String = std::fs::read_to_string(repo(PACK))
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with("\"status.eligible\" ="))
        .map(|l| format!("{l}\n"))
        .collect();
    let text_table = source.lines().position(|l| l == "[text]").unwrap() + 1;
    let path = dir.join("pack.toml");
    std::fs::write(&path, source).unwrap();
    let (ok, _, err) = ipsc(&["check", path.to_str().unwrap()]);
    assert!(!ok, "a pack without words for status.eligible passed");
    assert!(
        err.contains(&format!(
            "pack.toml:{text_table}: text.status.eligible: is missing"
        )),
        "{err}"
    );
}

#[test]
fn assess_prints_json_with_total_and_lines() {
    let dir = std::env::temp_dir().join(format!("ipsc-cli-a-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let answers = dir.join("answers.json");
    std::fs::write(
        &answers,
        r#"{"answers": {"version": 1, "year": 2025, "registered_locally": true, "tech_sme": "yes",
            "counts": {"domestic-invention-patents": 3},
            "loans": [{"principal": "5000000", "start": "2025-01-01", "term_months": 12}]}}"#,
    )
    .unwrap();
    let (ok, out, err) = ipsc(&[
        "assess",
        repo(PACK).to_str().unwrap(),
        answers.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert!(ok, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["total"], "92000.00");
    assert_eq!(json["lines"][0]["measure"], "domestic-invention-patent");
    assert_eq!(json["lines"][0]["status"], "eligible");
    assert_eq!(json["lines"][0]["amount"], "30000.00");
    let (ok, out, err) = ipsc(&[
        "assess",
        repo(PACK).to_str().unwrap(),
        answers.to_str().unwrap(),
        "--year",
        "2024",
        "--format",
        "json",
    ]);
    assert!(ok, "{err}");
    // Worked by hand from the pack: 3 patents × 10,000; no PCT patents; the loan starts in
    // 2025 so none of its months fall in 2024; no workstation was answered.
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["year"], 2024);
    assert_eq!(json["total"], "30000.00");
    let lines: Vec<(&str, &str, &str)> = json["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["measure"].as_str().unwrap(),
                l["status"].as_str().unwrap(),
                l["amount"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        lines,
        [
            ("domestic-invention-patent", "eligible", "30000.00"),
            ("pct-invention-patent", "not-eligible", "0.00"),
            ("ip-pledge-interest", "not-eligible", "0.00"),
            ("protection-workstation", "not-eligible", "0.00"),
        ]
    );
    assert_eq!(json["lines"][2]["calculation"]["loans"][0]["months"], 0);
    assert_eq!(json["lines"][2]["calculation"]["loans"][0]["lpr"], "3.10");

    let (ok, out, err) = ipsc(&[
        "assess",
        repo(PACK).to_str().unwrap(),
        answers.to_str().unwrap(),
        "--year",
        "2024",
        "--lang",
        "en",
    ]);
    assert!(ok, "{err}");
    let table: Vec<&str> = out.lines().map(str::trim).collect();
    let amounts: Vec<&str> = table
        .iter()
        .copied()
        .filter(|l| l.contains(" · ") || l.ends_with("  Total"))
        .skip(1) // the title: doc number, title · year
        .collect();
    assert_eq!(
        amounts,
        [
            "30,000.00  Reward for domestic invention patents [一(一)] · Eligible as answered",
            "0.00  Reward for invention patents granted abroad via the PCT [一(一)] · Not eligible as answered",
            "0.00  Interest subsidy on IP-pledge loans [一(三)] · Not eligible as answered",
            "0.00  Subsidy for IP protection workstations [一(七)] · Not eligible as answered",
            "30,000.00  Total",
        ],
        "{out}"
    );
    for working in [
        "3 × ¥10,000.00 = ¥30,000.00",
        "0 × ¥100,000.00 = ¥0.00",
        "Loan 1 (from 2025-01-01): ¥5,000,000.00 × 3.10% (1-year LPR effective 2024-10-21) × 40% × 0/12 = ¥0.00",
        "- None of the loans has months in the assessment year.",
        // The workstation's own words, not the general ones for a missing recognition.
        "- The enterprise hosts no IP protection workstation.",
    ] {
        assert!(table.contains(&working), "{working}\n{out}");
    }
    assert!(
        table.first().is_some_and(|t| t.ends_with(" · 2024")),
        "{out}"
    );
}

/// Runs `assess` on answers with this text; gives the file's path and what was said on stderr.
fn assess_text(name: &str, text: &str) -> (String, String) {
    let dir = std::env::temp_dir().join(format!("ipsc-cli-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{name}.json"));
    std::fs::write(&path, text).unwrap();
    let (ok, out, err) = ipsc(&[
        "assess",
        repo(PACK).to_str().unwrap(),
        path.to_str().unwrap(),
        "--year",
        "2025",
    ]);
    assert!(!ok, "{name} was accepted: {out}");
    assert_eq!(err.lines().count(), 1, "{name}: one line: {err}");
    (path.display().to_string(), err.trim_end().to_owned())
}

/// A loan with one field's JSON replaced.
fn loan(field: &str, json: &str) -> String {
    let mut fields = vec![
        ("principal", "\"5000000\""),
        ("start", "\"2025-04-01\""),
        ("term_months", "12"),
    ];
    for f in &mut fields {
        if f.0 == field {
            f.1 = json;
        }
    }
    if !fields.iter().any(|f| f.0 == field) {
        fields.push((field, json));
    }
    let body: Vec<String> = fields.iter().map(|(k, v)| format!("\"{k}\":{v}")).collect();
    format!("{{\"version\":1,\"loans\":[{{{}}}]}}", body.join(","))
}

#[test]
fn a_bad_value_in_the_answers_is_named_by_line_field_and_problem() {
    let whole = "a whole number";
    let decimal = "a decimal number in quotes, such as \"5000000.00\"";
    let cases: Vec<(&str, String, String)> = vec![
        (
            "date",
            "{\n  \"version\": 1,\n  \"loans\": [\n    {\"principal\": \"5000000\", \"start\": \"2025-04-31\", \"term_months\": 12}\n  ]\n}".into(),
            ":4:50: loans[0].start: \"2025-04-31\" is not a date: no such day in the calendar".into(),
        ),
        (
            "date-form",
            loan("start", "\"2025/04/01\""),
            ":1:65: loans[0].start: \"2025/04/01\" is not a date: not a date of the form YYYY-MM-DD".into(),
        ),
        (
            "principal-words",
            loan("principal", "\"five million\""),
            format!(":1:49: loans[0].principal: invalid value: string \"five million\", expected {decimal}"),
        ),
        (
            "principal-type",
            loan("principal", "true"),
            format!(":1:39: loans[0].principal: invalid type: boolean `true`, expected {decimal}"),
        ),
        (
            "term-negative",
            loan("term_months", "-3"),
            format!(":1:82: loans[0].term_months: invalid value: integer `-3`, expected {whole}"),
        ),
        (
            "term-overflow",
            loan("term_months", "99999999999"),
            format!(":1:91: loans[0].term_months: invalid value: integer `99999999999`, expected {whole}"),
        ),
        (
            "term-fraction",
            loan("term_months", "1.5"),
            format!(":1:83: loans[0].term_months: invalid type: floating point `1.5`, expected {whole}"),
        ),
        (
            "yes-no-unsure",
            r#"{"version":1,"tech_sme":"maybe"}"#.into(),
            ":1:31: tech_sme: unknown variant `maybe`, expected one of `yes`, `no`, `unsure`".into(),
        ),
        (
            "bool-type",
            r#"{"version":1,"registered_locally":"yes"}"#.into(),
            ":1:39: registered_locally: invalid type: string \"yes\", expected true or false".into(),
        ),
        (
            "count-type",
            r#"{"version":1,"counts":{"domestic-invention-patents":"3"}}"#.into(),
            format!(":1:55: counts.domestic-invention-patents: invalid type: string \"3\", expected {whole}"),
        ),
        (
            "year-type",
            r#"{"version":1,"year":"2025"}"#.into(),
            ":1:26: year: invalid type: string \"2025\", expected a whole number such as 2025".into(),
        ),
        (
            "loans-type",
            r#"{"version":1,"loans":{"principal":"1"}}"#.into(),
            ":1:21: loans: invalid type: map, expected a list in [ ]".into(),
        ),
        (
            "unknown-field",
            loan("rate", "\"3\""),
            ":1:89: loans[0].rate: is not a field of this shape; the fields here are `principal`, `start`, `term_months`, `contract_rate` (see policies/ANSWERS.md)".into(),
        ),
        (
            "missing-field",
            r#"{"version":1,"loans":[{"principal":"5000000","term_months":12}]}"#.into(),
            ":1:62: loans[0].start: is missing (see policies/ANSWERS.md)".into(),
        ),
        (
            "version-type",
            r#"{"version":"1"}"#.into(),
            format!(":1:14: version: invalid type: string \"1\", expected {whole}"),
        ),
        (
            "version-other",
            r#"{"version":2}"#.into(),
            ": version: must be 1: this tool reads the shape of version 1 only, described in policies/ANSWERS.md (the file says 2)".into(),
        ),
        (
            "version-missing",
            r#"{"year":2025}"#.into(),
            ": version: is missing or 0: answers of this shape say \"version\": 1 (see policies/ANSWERS.md)".into(),
        ),
        (
            "syntax",
            r#"{"version":1,"#.into(),
            ":1:13: not valid JSON: EOF while parsing a value".into(),
        ),
        (
            "trailing",
            r#"{"version":1} and more"#.into(),
            ":1:15: not valid JSON: trailing characters".into(),
        ),
        (
            "empty",
            " \n".into(),
            ": the file is empty: expected answers as a JSON object (see policies/ANSWERS.md)".into(),
        ),
        (
            "list",
            "[1, 2]".into(),
            ": expected a JSON object (the answers, or the app's download with \"answers\" in it), found a list (see policies/ANSWERS.md)".into(),
        ),
        (
            "export-date",
            format!(r#"{{"answers":{},"assessment":{{}}}}"#, loan("start", "\"2025-02-29\"")),
            ":1:76: answers.loans[0].start: \"2025-02-29\" is not a date: no such day in the calendar".into(),
        ),
        (
            "export-unknown-field",
            r#"{"answers":{"version":1,"colour":"red"}}"#.into(),
            ":1:32: answers.colour: is not a field of this shape; the fields here are `version`, `pack`, `year`, `registered_locally`, `region`, `industry`, `tech_sme`, `size`, `abnormal_list`, `dishonest_list`, `counts`, `loans`, `newer_lpr`, `levels`, `situations` (see policies/ANSWERS.md)".into(),
        ),
        (
            "export-answers-type",
            r#"{"answers":5}"#.into(),
            ":1:12: answers: invalid type: integer `5`, expected the answers, an object in { }".into(),
        ),
    ];
    for (name, text, expected) in cases {
        let (path, err) = assess_text(name, &text);
        assert_eq!(err, format!("{path}{expected}"), "{name}");
    }
}

#[test]
fn an_answer_the_engine_refuses_is_worded_for_a_person() {
    let regions = "zengdu, suixian, guangshui, hitech-zone, dahongshan";
    let cases: Vec<(&str, String, String)> = vec![
        (
            "principal-zero",
            loan("principal", "\"0\""),
            ": loans[0].principal: must be more than zero (the file says \"0\")".into(),
        ),
        (
            "principal-fen",
            loan("principal", "\"5000000.001\""),
            ": loans[0].principal: has too many decimals: yuan go to the fen, 2 decimals (the file says \"5000000.001\")".into(),
        ),
        (
            "term-zero",
            loan("term_months", "0"),
            ": loans[0].term_months: must be more than zero (the file says 0)".into(),
        ),
        (
            "term-long",
            loan("term_months", "400"),
            ": loans[0].term_months: is too large: at most 360 months (the file says 400)".into(),
        ),
        (
            "rate-negative",
            loan("contract_rate", "\"-1\""),
            ": loans[0].contract_rate: must be zero or more (the file says \"-1\")".into(),
        ),
        (
            "region",
            r#"{"version":1,"region":"atlantis"}"#.into(),
            format!(": region: is not a region of this pack; it has: {regions} (the file says \"atlantis\")"),
        ),
        (
            "export-region",
            r#"{"answers":{"version":1,"region":"atlantis"}}"#.into(),
            format!(": answers.region: is not a region of this pack; it has: {regions} (the file says \"atlantis\")"),
        ),
        (
            "count-id",
            r#"{"version":1,"counts":{"utility-models":2}}"#.into(),
            ": counts.utility-models: the pack counts no such items; it counts: domestic-invention-patents, pct-invention-patents".into(),
        ),
        (
            "level",
            r#"{"version":1,"levels":{"protection-workstation":"galaxy"}}"#.into(),
            ": levels.protection-workstation: is not one of this question's levels: none, county, city, province, national (the file says \"galaxy\")".into(),
        ),
        (
            "lpr-not-newer",
            r#"{"version":1,"newer_lpr":{"effective":"2020-01-01","one_year":"3"}}"#.into(),
            ": newer_lpr.effective: must be later than the pack's last LPR quote, effective 2025-05-20 (the file says \"2020-01-01\")".into(),
        ),
    ];
    for (name, text, expected) in cases {
        let (path, err) = assess_text(name, &text);
        assert_eq!(err, format!("{path}{expected}"), "{name}");
    }
    // No Debug names of the engine's problems reach a person.
    let (_, err) = assess_text("debug-names", &loan("principal", "\"0\""));
    assert!(!err.contains("NotPositive") && !err.contains('`'), "{err}");
}

#[test]
fn a_year_out_of_range_or_missing_is_said_plainly() {
    let dir = std::env::temp_dir().join(format!("ipsc-cli-y-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("answers.json");
    std::fs::write(&path, r#"{"version":1}"#).unwrap();
    let (pack, file) = (repo(PACK), path.to_str().unwrap().to_owned());
    let (ok, _, err) = ipsc(&["assess", pack.to_str().unwrap(), &file]);
    assert!(!ok);
    assert_eq!(
        err.trim_end(),
        format!("{file}: year: is missing: give \"year\" in the answers or pass --year")
    );
    let (ok, _, err) = ipsc(&["assess", pack.to_str().unwrap(), &file, "--year", "3000"]);
    assert!(!ok);
    assert_eq!(
        err.trim_end(),
        format!("{file}: year: 3000 is outside the years the tool assesses, 2000 to 2100")
    );
}
