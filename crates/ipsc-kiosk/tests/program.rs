//! The real program, started as an operator would: it says where to open, serves the
//! kiosk's page and the build over TCP on loopback, and refuses bad arguments with exit 2.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)] // Reason: tests fail loudly.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};

const PROGRAM: &str = env!("CARGO_BIN_EXE_ipsc-kiosk");

/// Kills the program when the test ends, whether it passed or not.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Sends one request and returns the whole answer as text (head and body).
fn get(address: &str, method: &str, target: &str) -> String {
    let mut stream = TcpStream::connect(address).unwrap();
    // A program that never answers fails the test instead of hanging it.
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "{method} {target} HTTP/1.0\r\nHost: {address}\r\n\r\n"
    )
    .unwrap();
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).unwrap();
    String::from_utf8_lossy(&answer).into_owned()
}

#[test]
fn the_program_serves_the_kiosk_page_on_loopback() {
    let mut child = Command::new(PROGRAM)
        .args([
            "--port",
            "0",
            "--idle",
            "45",
            "--share-base",
            "https://example.gov.cn/ipsc/",
        ])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let _running = Running(child);
    let mut said = String::new();
    // The settings end with the share base; read up to it, not to an end that never comes.
    while !said.contains("share base") {
        assert!(
            out.read_line(&mut said).unwrap() > 0,
            "the program stopped: {said}"
        );
    }
    let address = said
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_else(|| panic!("no address in {said:?}"))
        .to_owned();
    assert!(address.starts_with("127.0.0.1:"), "{said}");
    assert!(said.contains("idle: 45 seconds"), "{said}");
    assert!(
        said.contains("share base: https://example.gov.cn/ipsc/"),
        "{said}"
    );

    let page = get(&address, "GET", "/?mode=kiosk");
    assert!(
        page.starts_with("HTTP/1.0 200") || page.starts_with("HTTP/1.1 200"),
        "{page}"
    );
    assert!(
        page.contains("Content-Type: text/html; charset=utf-8"),
        "{page}"
    );
    assert!(
        page.contains("Content-Security-Policy: default-src 'none'"),
        "{page}"
    );
    assert!(page.contains("X-Content-Type-Options: nosniff"), "{page}");
    assert!(
        page.contains(r#"data-mode="kiosk" data-idle-seconds="45" data-share-base="https://example.gov.cn/ipsc/""#),
        "{page}"
    );

    let head = get(&address, "HEAD", "/index.html");
    assert!(head.contains(" 200 "), "{head}");
    assert!(head.ends_with("\r\n\r\n"), "HEAD sends no body: {head}");

    for escape in [
        "/../Cargo.toml",
        "/%2e%2e/Cargo.toml",
        "/..%2fCargo.toml",
        "//etc/passwd",
    ] {
        let answer = get(&address, "GET", escape);
        assert!(answer.contains(" 404 "), "{escape}: {answer}");
    }
    assert!(get(&address, "POST", "/").contains(" 405 "));

    // A browser may keep its connection for the next request (the server answers each in
    // full, its length given).
    let kept = TcpStream::connect(&address).unwrap();
    kept.set_read_timeout(Some(std::time::Duration::from_secs(10)))
        .unwrap();
    let mut kept = BufReader::new(kept);
    for target in ["/", "/index.html"] {
        write!(
            kept.get_mut(),
            "GET {target} HTTP/1.1\r\nHost: {address}\r\n\r\n"
        )
        .unwrap();
        let mut length = None;
        let mut line = String::new();
        while line != "\r\n" {
            line.clear();
            kept.read_line(&mut line).unwrap();
            assert!(!line.is_empty(), "the connection closed after {target}");
            if let Some(value) = line.strip_prefix("Content-Length: ") {
                length = Some(value.trim().parse::<usize>().unwrap());
            }
            assert_ne!(line, "Connection: close\r\n", "{target}");
        }
        let mut body = vec![0; length.unwrap()];
        kept.read_exact(&mut body).unwrap();
        assert!(String::from_utf8_lossy(&body).contains("data-mode=\"kiosk\""));
    }
}

#[test]
fn bad_arguments_exit_with_2_and_a_sentence() {
    for (args, says) in [
        (&["--port", "http"][..], "--port must be"),
        (&["--idle", "0"], "--idle must be"),
        (&["--share-base", "example.gov.cn"], "--share-base must be"),
        (&["--listen", "0.0.0.0"], "--allow-remote"),
        (&["--nonsense"], "unknown argument"),
    ] {
        let output = Command::new(PROGRAM).args(args).output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(says), "{args:?}: {stderr}");
        assert!(stderr.contains("usage: ipsc-kiosk"), "{stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
    let help = Command::new(PROGRAM).arg("--help").output().unwrap();
    assert_eq!(help.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&help.stdout).contains("--share-base URL"));
}
