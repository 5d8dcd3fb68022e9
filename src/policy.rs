//! The default policy pack, built in: validated from TOML by `build.rs`, embedded in
//! postcard's binary form, read once on first use.

use ipsc_engine::Pack;
use std::sync::OnceLock;

const PACK_BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/pack.bin"));

/// The default pack, or why it could not be read (which `build.rs` makes very unlikely).
pub fn default_pack() -> Result<&'static Pack, &'static str> {
    static PACK: OnceLock<Result<Pack, String>> = OnceLock::new();
    PACK.get_or_init(|| postcard::from_bytes(PACK_BYTES).map_err(|e| e.to_string()))
        .as_ref()
        .map_err(String::as_str)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_built_in_pack_reads_and_is_valid() {
        let pack = super::default_pack();
        assert!(pack.is_ok_and(|p| p.validate().is_empty()));
    }
}
