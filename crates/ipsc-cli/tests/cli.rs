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
    assert!(out.contains(" passed, 0 failed"), "{out}");
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
    let (ok, out, _) = ipsc(&[
        "assess",
        repo(PACK).to_str().unwrap(),
        answers.to_str().unwrap(),
        "--year",
        "2024",
        "--lang",
        "en",
    ]);
    assert!(ok);
    assert!(out.contains("Total"), "{out}");
}
