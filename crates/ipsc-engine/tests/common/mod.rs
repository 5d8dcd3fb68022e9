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

/// A pack from TOML, read as `ipsc check` and the app's build read it (with the engine's
/// own words where the pack gives none), which must also be valid.
pub fn pack_from(source: &str) -> Pack {
    ipsc_engine::load::from_toml(source).unwrap_or_else(|errors| {
        let errors: Vec<String> = errors.iter().map(ToString::to_string).collect();
        panic!("{errors:#?}")
    })
}

/// A pack from TOML with the engine's words, not validated: for tests of what validation
/// says about it.
pub fn unchecked_pack_from(source: &str) -> Pack {
    ipsc_engine::load::parse_pack(source).unwrap_or_else(|e| panic!("{e}"))
}

pub fn suizhou() -> Pack {
    pack_from(&read("policies/suizhou-2024-15/pack.toml"))
}

pub fn suizhou_cases() -> CaseFile {
    toml::from_str(&read("policies/suizhou-2024-15/cases.toml")).unwrap_or_else(|e| panic!("{e}"))
}

/// Every pack in `policies/` that has cases (its folder's name, the pack and its cases, in
/// the folders' order), then the fixture pack with its own cases.
pub fn packs_with_cases() -> Vec<(String, Pack, CaseFile)> {
    let dir = repo_file("policies");
    let mut folders: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.join("pack.toml").is_file() && path.join("cases.toml").is_file())
        .collect();
    folders.sort();
    folders
        .into_iter()
        .map(|folder| {
            let name = folder.file_name().unwrap().to_string_lossy().into_owned();
            let read = |file: &str| {
                let path = folder.join(file);
                std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
            };
            let cases = toml::from_str(&read("cases.toml"))
                .unwrap_or_else(|e| panic!("{name}/cases.toml: {e}"));
            (name, pack_from(&read("pack.toml")), cases)
        })
        .chain([("fixture".to_owned(), fixture(), fixture_cases())])
        .collect()
}

pub fn fixture_cases() -> CaseFile {
    toml::from_str(include_str!("../fixture-cases.toml")).unwrap_or_else(|e| panic!("{e}"))
}

pub fn fixture() -> Pack {
    pack_from(include_str!("../fixture-pack.toml"))
}
