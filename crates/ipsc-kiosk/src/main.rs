//! The `ipsc-kiosk` command: reads its arguments, then serves the built-in app (see the
//! library's docs). Argument errors exit with 2, other failures with 1, never a panic.

use std::io::Write;
use std::process::ExitCode;

/// Writes to stdout or stderr, ignoring a closed stream (where `println!` would panic).
fn say(mut to: impl Write, text: &str) {
    let _ = writeln!(to, "{text}");
}

fn main() -> ExitCode {
    match ipsc_kiosk::args::parse(std::env::args().skip(1)) {
        Ok(ipsc_kiosk::args::Command::Help) => {
            say(std::io::stdout(), ipsc_kiosk::args::USAGE);
            ExitCode::SUCCESS
        }
        Ok(ipsc_kiosk::args::Command::Serve(options)) => {
            match ipsc_kiosk::run(&ipsc_kiosk::BUILD, &options) {
                Ok(()) => ExitCode::SUCCESS,
                Err(message) => {
                    say(std::io::stderr(), &format!("ipsc-kiosk: {message}"));
                    ExitCode::FAILURE
                }
            }
        }
        Err(message) => {
            say(
                std::io::stderr(),
                &format!("ipsc-kiosk: {message}\n\n{}", ipsc_kiosk::args::USAGE),
            );
            ExitCode::from(2)
        }
    }
}
