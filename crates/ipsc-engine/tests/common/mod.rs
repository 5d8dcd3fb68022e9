//! Loading the packs the tests use.
#![allow(dead_code, clippy::expect_used, clippy::unwrap_used)] // Reason: test helpers; each test uses some.

use ipsc_engine::cases::CaseFile;
use ipsc_engine::Pack;
use std::path::PathBuf;

pub fn repo_file(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(path)
}

pub fn read(path: &str) -> String {
    std::fs::read_to_string(repo_file(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A pack from TOML, which must also be valid.
pub fn pack_from(source: &str) -> Pack {
    let pack: Pack = toml::from_str(source).unwrap_or_else(|e| panic!("{e}"));
    let problems = pack.validate();
    assert!(problems.is_empty(), "{problems:#?}");
    pack
}

pub fn suizhou() -> Pack {
    pack_from(&read("policies/suizhou-2024-15/pack.toml"))
}

pub fn suizhou_cases() -> CaseFile {
    toml::from_str(&read("policies/suizhou-2024-15/cases.toml")).unwrap_or_else(|e| panic!("{e}"))
}

pub fn fixture() -> Pack {
    pack_from(include_str!("../fixture-pack.toml"))
}
