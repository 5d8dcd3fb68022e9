//! `serve [--port N]`: builds the release app, reports its size, then serves `dist/` on
//! 127.0.0.1 as a strict host would (`e2e/server.mjs`, with deploy/'s headers).

use crate::cmd::{self, Result};
use crate::{release, setup, size};
use std::path::Path;

/// Builds, then serves `dist/` on the port asked for (8080 unless `--port N`).
pub fn run(args: &[String]) -> Result {
    let port = match args {
        [] => "8080".to_owned(),
        [flag, port] if flag == "--port" => port.clone(),
        _ => return Err("usage: cargo xtask serve [--port N]".into()),
    };
    setup::for_build()?;
    release::build()?;
    size::report(Path::new("dist"), size::BUDGET_GZIP)?;
    cmd::run("node", &["e2e/server.mjs", "dist", &port], &[])
}
