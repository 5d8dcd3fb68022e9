//! The size report of `dist/`: each file and the total, raw, gzip and brotli, against the
//! first-load budget. Sizes are deterministic for a given build, so going over the budget
//! fails, like any other broken promise.

use crate::Result;
use std::io::Write;
use std::path::{Path, PathBuf};

fn gzip(bytes: &[u8]) -> Result<usize> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).map_err(|e| e.to_string())?;
    Ok(encoder.finish().map_err(|e| e.to_string())?.len())
}

fn brotli(bytes: &[u8]) -> Result<usize> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).map_err(|e| e.to_string())?;
    Ok(out.len())
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) -> Result {
    for entry in
        std::fs::read_dir(dir).map_err(|e| format!("{}: {e} (build first)", dir.display()))?
    {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_dir() {
            files(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

fn kb(bytes: usize) -> String {
    format!("{:.1} KB", bytes as f64 / 1024.0)
}

/// Prints the report; fails if the gzip total is over `budget` bytes.
pub fn report(dist: &Path, budget: u64) -> Result {
    let mut paths = Vec::new();
    files(dist, &mut paths)?;
    paths.sort();
    println!("\nsize of {}/ (the whole first load)", dist.display());
    println!(
        "{:<44} {:>11} {:>11} {:>11}",
        "file", "raw", "gzip", "brotli"
    );
    let (mut raw_total, mut gz_total, mut br_total) = (0, 0, 0);
    let mut later = Vec::new();
    for path in &paths {
        let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
        let (gz, br) = (gzip(&bytes)?, brotli(&bytes)?);
        let name = path
            .strip_prefix(dist)
            .unwrap_or(path)
            .display()
            .to_string();
        let line = format!(
            "{name:<44} {:>11} {:>11} {:>11}",
            kb(bytes.len()),
            kb(gz),
            kb(br)
        );
        // The report's texts are fetched on the check page, not by the first load.
        if name.starts_with("ipsc-texts-") {
            later.push(line);
            continue;
        }
        println!("{line}");
        raw_total += bytes.len();
        gz_total += gz;
        br_total += br;
    }
    println!(
        "{:<44} {:>11} {:>11} {:>11}",
        "total",
        kb(raw_total),
        kb(gz_total),
        kb(br_total)
    );
    for line in later {
        println!("{line}  (loaded later, on the check page)");
    }
    let budget_kb = budget / 1024;
    if u64::try_from(gz_total).unwrap_or(u64::MAX) > budget {
        return Err(format!(
            "the first load is {} gzip, over the {budget_kb} KB budget",
            kb(gz_total)
        ));
    }
    println!("within the {budget_kb} KB gzip budget");
    Ok(())
}
