//! A short fingerprint of bytes (FNV-1a, 32 bits) for the app's own data: it names the
//! report-texts file after its content and catches damaged share links. It catches
//! truncation and stray edits; it is not a signature.

/// The FNV-1a hash of `bytes`, 32 bits.
pub fn fnv1a32(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5_u32, |h, b| {
        (h ^ u32::from(*b)).wrapping_mul(0x0100_0193)
    })
}

/// The name of the file that carries a pack's report texts, after their bytes.
pub fn report_texts_file(bytes: &[u8]) -> String {
    format!("ipsc-texts-{:08x}.bin", fnv1a32(bytes))
}

#[cfg(test)]
mod tests {
    #[test]
    fn matches_the_published_fnv1a_values() {
        // From the FNV reference test vectors.
        assert_eq!(super::fnv1a32(b""), 0x811c_9dc5);
        assert_eq!(super::fnv1a32(b"a"), 0xe40c_292c);
        assert_eq!(super::fnv1a32(b"foobar"), 0xbf9c_f968);
    }
}
