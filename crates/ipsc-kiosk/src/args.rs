//! The command line: what the operator may ask for, each value checked before anything
//! is served, and a refusal to listen beyond this machine unless asked in so many words.

use std::net::{IpAddr, Ipv4Addr};

/// The usage text, printed by `--help` and after an argument error.
pub const USAGE: &str = "\
usage: ipsc-kiosk [--port N] [--idle SECONDS] [--share-base URL] [--listen ADDR --allow-remote]

Serves the IP Subsidy Self-Check app, built into this program, for a kiosk's browser.

  --port N            the port on 127.0.0.1 (default 8080; 0 picks a free one)
  --idle SECONDS      seconds with no touch or key before the screen starts afresh
                      for the next person (default 180, from 30 to 86400)
  --share-base URL    the public address (http or https) of the standalone page; the
                      results' share link, and its QR code, open there. Without it the
                      results show no QR code
  --listen ADDR       the IP address to listen on (default 127.0.0.1). Anything but a
                      loopback address also needs --allow-remote: the program is made
                      for the browser on the same machine
  --allow-remote      allow --listen on an address other machines can reach
  --help              this text";

/// The app's own default idle time, so that the program and `?mode=kiosk` agree.
pub const DEFAULT_IDLE: u32 = 180;

/// The longest idle time: a day (a kiosk that waits longer is not reset for strangers).
pub const MAX_IDLE: u32 = 86_400;

/// The shortest idle time: the app warns for the last 20 of these seconds at least, the
/// time WCAG 2.2.1 asks to be given to ask for more; less would leave no quiet time.
pub const MIN_IDLE: u32 = 30;

/// What the program was told to do.
#[derive(Debug, PartialEq, Eq)]
pub enum Command {
    /// Print the usage and stop.
    Help,
    /// Serve the app with these settings.
    Serve(Options),
}

/// The settings of a run.
#[derive(Debug, PartialEq, Eq)]
pub struct Options {
    /// The address to listen on: loopback unless `--allow-remote` was given.
    pub listen: IpAddr,
    /// The port; 0 lets the system choose a free one.
    pub port: u16,
    /// Seconds idle before the kiosk starts afresh ([`MIN_IDLE`] to [`MAX_IDLE`]).
    pub idle: u32,
    /// The public address of the standalone page, for the share link and its QR code.
    pub share_base: Option<String>,
}

/// Reads the arguments (without the program's name). An error is a sentence for the
/// operator.
pub fn parse<I: IntoIterator<Item = String>>(args: I) -> Result<Command, String> {
    let mut listen = None;
    let mut port = None;
    let mut idle = None;
    let mut share_base = None;
    let mut allow_remote = false;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        // Both `--port 8080` and `--port=8080`.
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => {
                (flag.to_owned(), Some(value.to_owned()))
            }
            _ => (arg, None),
        };
        let mut value = |name: &str| {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match flag.as_str() {
            "--help" | "-h" => return Ok(Command::Help),
            "--port" => set(&mut port, "--port", parse_port(&value("--port")?)?)?,
            "--idle" => set(&mut idle, "--idle", parse_idle(&value("--idle")?)?)?,
            "--share-base" => set(
                &mut share_base,
                "--share-base",
                parse_share_base(&value("--share-base")?)?,
            )?,
            "--listen" => set(&mut listen, "--listen", parse_listen(&value("--listen")?)?)?,
            "--allow-remote" if inline.is_none() => allow_remote = true,
            _ => return Err(format!("unknown argument '{flag}'")),
        }
    }
    let listen = listen.unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST));
    if !listen.is_loopback() && !allow_remote {
        return Err(format!(
            "--listen {listen} would let other machines reach the kiosk; add --allow-remote \
             if that is really wanted"
        ));
    }
    Ok(Command::Serve(Options {
        listen,
        port: port.unwrap_or(8080),
        idle: idle.unwrap_or(DEFAULT_IDLE),
        share_base,
    }))
}

/// Sets a setting once: a second value for it is more likely a mistake than a wish.
fn set<T>(slot: &mut Option<T>, name: &str, value: T) -> Result<(), String> {
    if slot.replace(value).is_some() {
        return Err(format!("{name} was given twice"));
    }
    Ok(())
}

fn parse_port(text: &str) -> Result<u16, String> {
    text.parse()
        .map_err(|_| format!("--port must be a whole number from 0 to 65535, not '{text}'"))
}

fn parse_idle(text: &str) -> Result<u32, String> {
    match text.parse::<u32>() {
        Ok(seconds) if (MIN_IDLE..=MAX_IDLE).contains(&seconds) => Ok(seconds),
        _ => Err(format!(
            "--idle must be a whole number of seconds from {MIN_IDLE} to {MAX_IDLE}, not '{text}'"
        )),
    }
}

fn parse_listen(text: &str) -> Result<IpAddr, String> {
    text.parse()
        .map_err(|_| format!("--listen must be an IP address such as 127.0.0.1, not '{text}'"))
}

/// An absolute http(s) URL with a host and no fragment (the share link's answers go in
/// the fragment), and nothing a browser would strip or a terminal misprint.
fn parse_share_base(text: &str) -> Result<String, String> {
    let refuse = |why: &str| Err(format!("--share-base {why}, not '{text}'"));
    let lower = text.to_ascii_lowercase();
    let Some(rest) = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
    else {
        return refuse("must be an absolute http:// or https:// address");
    };
    let host = rest.split(['/', '?']).next().unwrap_or_default();
    if host.is_empty() || host.contains('@') {
        return refuse("must name a host (and no user name)");
    }
    if text.contains('#') {
        return refuse("must have no '#' part (the share link puts the answers there)");
    }
    if text.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return refuse("must have no spaces or control characters");
    }
    // Never raw in an address (they are written %22, %3C, %3E); the app refuses them too.
    if text.contains(['"', '<', '>']) {
        return refuse("must have no '\"', '<' or '>' (write them %22, %3C, %3E)");
    }
    if text.len() > 1000 {
        return refuse("must be under 1000 characters");
    }
    Ok(text.to_owned())
}

#[cfg(test)]
#[allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)] // Reason: tests fail loudly.
mod tests {
    use super::*;

    fn run(args: &[&str]) -> Result<Command, String> {
        parse(args.iter().map(|a| (*a).to_owned()))
    }

    fn options(args: &[&str]) -> Options {
        match run(args) {
            Ok(Command::Serve(options)) => options,
            other => panic!("{args:?} gave {other:?}"),
        }
    }

    #[test]
    fn with_no_arguments_it_serves_loopback_8080_with_the_apps_idle_time() {
        assert_eq!(
            options(&[]),
            Options {
                listen: IpAddr::V4(Ipv4Addr::LOCALHOST),
                port: 8080,
                idle: 180,
                share_base: None
            }
        );
    }

    #[test]
    fn every_setting_is_read_in_both_spellings() {
        let given = options(&[
            "--port",
            "9000",
            "--idle=60",
            "--share-base",
            "https://example.gov.cn/ipsc/",
            "--listen=::1",
        ]);
        assert_eq!(given.port, 9000);
        assert_eq!(given.idle, 60);
        assert_eq!(
            given.share_base.as_deref(),
            Some("https://example.gov.cn/ipsc/")
        );
        assert_eq!(given.listen, "::1".parse::<IpAddr>().unwrap());
        assert_eq!(run(&["--help"]), Ok(Command::Help));
    }

    #[test]
    fn a_bind_beyond_loopback_is_refused_unless_asked_for() {
        for address in ["0.0.0.0", "192.168.1.10", "::"] {
            let error = run(&["--listen", address]).unwrap_err();
            assert!(error.contains("--allow-remote"), "{error}");
            let allowed = options(&["--listen", address, "--allow-remote"]);
            assert_eq!(allowed.listen, address.parse::<IpAddr>().unwrap());
        }
        assert!(options(&["--allow-remote"]).listen.is_loopback());
    }

    #[test]
    fn bad_values_are_refused_with_a_sentence() {
        for (args, says) in [
            (&["--port", "x"][..], "--port must be"),
            (&["--port", "65536"], "--port must be"),
            (&["--port"], "--port needs a value"),
            (&["--idle", "0"], "--idle must be"),
            (&["--idle", "29"], "--idle must be"),
            (&["--idle", "-5"], "--idle must be"),
            (&["--idle", "1.5"], "--idle must be"),
            (&["--idle", "86401"], "--idle must be"),
            (&["--share-base", "example.gov.cn/ipsc/"], "absolute"),
            (&["--share-base", "ftp://example.gov.cn/"], "absolute"),
            (&["--share-base", "javascript:alert(1)"], "absolute"),
            (&["--share-base", "https:///ipsc/"], "host"),
            (&["--share-base", "https://a@example.gov.cn/"], "host"),
            (&["--share-base", "https://example.gov.cn/#x"], "'#'"),
            (&["--share-base", "https://example.gov.cn/ a"], "spaces"),
            (&["--share-base", "https://example.gov.cn/?a=\"b\""], "'\"'"),
            (&["--listen", "localhost"], "IP address"),
            (&["--port", "1", "--port", "2"], "twice"),
            (&["--verbose"], "unknown argument '--verbose'"),
            (&["--allow-remote=yes"], "unknown argument"),
            (&["8080"], "unknown argument"),
        ] {
            let error = run(args).unwrap_err();
            assert!(error.contains(says), "{args:?}: {error}");
        }
    }

    #[test]
    fn a_share_base_keeps_its_case_and_its_query() {
        let given = options(&[
            "--share-base",
            "HTTPS://Example.gov.cn/IPSC/?from=kiosk&x=%221%22",
        ]);
        assert_eq!(
            given.share_base.as_deref(),
            Some("HTTPS://Example.gov.cn/IPSC/?from=kiosk&x=%221%22")
        );
    }
}
