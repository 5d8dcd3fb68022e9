//! The real program against hostile or broken clients on loopback: a huge or withheld
//! body, HTTP/2 prefaces, an oversize or never-finished request head, idle and stalled
//! connections. After each it must still be running, answer `GET /` within a second,
//! and give back the threads and descriptors those clients took (read from Linux's
//! `/proc`). The program's timeouts are a few seconds (see `src/serve.rs`), so the
//! tests wait for them; they run in parallel, each against a program of its own.
//!
//! `IPSC_KIOSK_UNDER_TEST=PATH` runs them against another build of the program (as they
//! were run against the tiny_http one it replaced, which failed them).
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)] // Reason: tests fail loudly.

use std::io::{BufRead, BufReader, ErrorKind, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The program's timeout for a request head and for an idle kept-alive connection,
/// and for a connection on which no byte moves (`src/serve.rs`'s constants), with a
/// second or two of slack for a busy machine.
const HEAD_WAIT: Duration = Duration::from_secs(5 + 3);
const STALL_WAIT: Duration = Duration::from_secs(10 + 4);

/// The program, started on a free loopback port; killed when the test ends.
struct Kiosk {
    child: Child,
    address: String,
    /// Threads and descriptors once it is up and has answered one request.
    start: (usize, usize),
}

impl Drop for Kiosk {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Kiosk {
    fn start() -> Self {
        let program = std::env::var("IPSC_KIOSK_UNDER_TEST")
            .unwrap_or_else(|_| env!("CARGO_BIN_EXE_ipsc-kiosk").to_owned());
        let mut child = Command::new(program)
            .args(["--port", "0"])
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let mut said = String::new();
        while !said.contains("share base") {
            assert!(out.read_line(&mut said).unwrap() > 0, "it stopped: {said}");
        }
        // Keep reading (and dropping) what it says, so that it never blocks on a full pipe.
        std::thread::spawn(move || std::io::copy(&mut out, &mut std::io::sink()));
        let address = said
            .split("http://")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .unwrap()
            .to_owned();
        let mut kiosk = Kiosk {
            child,
            address,
            start: (0, 0),
        };
        kiosk.assert_healthy("at start");
        kiosk.start = kiosk.counts();
        kiosk
    }

    /// The program's threads and open descriptors.
    fn counts(&self) -> (usize, usize) {
        let count = |what: &str| {
            std::fs::read_dir(format!("/proc/{}/{what}", self.child.id()))
                .map(|d| d.count())
                .unwrap_or(usize::MAX)
        };
        (count("task"), count("fd"))
    }

    fn connect(&self) -> TcpStream {
        let stream = TcpStream::connect(&self.address).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(2)))
            .unwrap();
        stream
            .set_write_timeout(Some(Duration::from_secs(2)))
            .unwrap();
        stream
    }

    /// Still running, and `GET /` is answered with 200 within a second.
    fn assert_healthy(&mut self, after: &str) {
        assert!(
            self.child.try_wait().unwrap().is_none(),
            "the program died {after}: {:?}",
            self.child.try_wait()
        );
        let began = Instant::now();
        let answer = self.get_within(Duration::from_secs(1));
        assert!(
            answer.starts_with("HTTP/1.1 200 OK\r\n"),
            "GET / {after}: {answer:?}"
        );
        assert!(
            began.elapsed() < Duration::from_secs(1),
            "GET / {after} took {:?}",
            began.elapsed()
        );
    }

    /// `GET /`'s whole answer, or what came of it when `limit` ran out.
    fn get_within(&self, limit: Duration) -> String {
        let Ok(mut stream) = TcpStream::connect(&self.address) else {
            return "no connection".to_owned();
        };
        stream.set_read_timeout(Some(limit)).unwrap();
        let _ = stream.write_all(b"GET / HTTP/1.1\r\nHost: kiosk\r\nConnection: close\r\n\r\n");
        let mut answer = Vec::new();
        match stream.read_to_end(&mut answer) {
            Ok(_) => String::from_utf8_lossy(&answer).into_owned(),
            Err(e) => format!("{e} after {:?}", String::from_utf8_lossy(&answer)),
        }
    }

    /// Waits up to `limit` for the threads and descriptors to come back to near the start.
    fn assert_settles(&self, limit: Duration, after: &str) {
        let began = Instant::now();
        let (threads, fds) = self.start;
        loop {
            let now = self.counts();
            if now.0 <= threads + 1 && now.1 <= fds + 2 {
                return;
            }
            assert!(
                began.elapsed() < limit,
                "{after}: threads and descriptors {now:?}, at start {:?}",
                self.start
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

/// Whether the program closed `stream` (or answered and closed it) within `limit`.
fn closed_within(stream: &mut TcpStream, limit: Duration) -> bool {
    let began = Instant::now();
    let mut buffer = [0; 4096];
    while began.elapsed() < limit {
        match stream.read(&mut buffer) {
            Ok(0) => return true,
            Ok(_) => {}
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
            Err(_) => return true,
        }
    }
    false
}

/// The first line of what the program answers on `stream`, up to its close.
fn status_line(stream: &mut TcpStream) -> String {
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    String::from_utf8_lossy(&answer)
        .lines()
        .next()
        .unwrap_or_default()
        .to_owned()
}

#[test]
fn a_huge_announced_body_is_refused_unread() {
    let mut kiosk = Kiosk::start();
    // The first aborted tiny_http (it allocated the body), the second made it panic.
    for length in ["99999999999", "18446744073709551615"] {
        let mut stream = kiosk.connect();
        write!(
            stream,
            "GET / HTTP/1.1\r\nHost: kiosk\r\nContent-Length: {length}\r\n\r\n"
        )
        .unwrap();
        let status = status_line(&mut stream);
        // 413 from the program; hyper itself answers a length beyond what it can count
        // (u64::MAX is its "unknown") with 431.
        assert!(
            ["413", "400", "431"]
                .iter()
                .any(|code| status.starts_with(&format!("HTTP/1.1 {code}"))),
            "Content-Length: {length}: {status:?}"
        );
        kiosk.assert_healthy(&format!("after Content-Length: {length}"));
    }
    // Nor is a chunked one read.
    let mut stream = kiosk.connect();
    stream
        .write_all(
            b"POST / HTTP/1.1\r\nHost: kiosk\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFF\r\n",
        )
        .unwrap();
    let status = status_line(&mut stream);
    assert!(status.starts_with("HTTP/1.1 413"), "chunked: {status:?}");
    kiosk.assert_healthy("after a chunked body");
    kiosk.assert_settles(HEAD_WAIT, "after the huge bodies");
}

#[test]
fn a_withheld_body_holds_up_no_one() {
    let mut kiosk = Kiosk::start();
    let mut stream = kiosk.connect();
    stream
        .write_all(b"GET / HTTP/1.1\r\nHost: kiosk\r\nContent-Length: 2000\r\n\r\n")
        .unwrap();
    // The announced body never comes, and this client keeps its connection open: others
    // are still answered at once.
    kiosk.assert_healthy("while a body is withheld");
    kiosk.assert_healthy("while a body is still withheld");
    let status = status_line(&mut stream);
    assert!(status.starts_with("HTTP/1.1 413"), "{status:?}");
    drop(stream);
    kiosk.assert_settles(HEAD_WAIT, "after the withheld body");
}

#[test]
fn http2_prefaces_leave_nothing_behind() {
    let mut kiosk = Kiosk::start();
    let mut streams = Vec::new();
    for _ in 0..50 {
        let mut stream = kiosk.connect();
        let _ = stream.write_all(b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
        streams.push(stream);
    }
    for stream in &mut streams {
        assert!(
            closed_within(stream, HEAD_WAIT),
            "an HTTP/2 preface's connection stayed open"
        );
    }
    kiosk.assert_healthy("after 50 HTTP/2 prefaces");
    drop(streams);
    kiosk.assert_settles(HEAD_WAIT, "after 50 HTTP/2 prefaces");
}

#[test]
fn an_oversize_request_head_is_refused() {
    let mut kiosk = Kiosk::start();
    let mut stream = kiosk.connect();
    let big = "a".repeat(1 << 20);
    // The program may close before it has all of it: the write can fail.
    let _ = write!(
        stream,
        "GET / HTTP/1.1\r\nHost: kiosk\r\nX-Big: {big}\r\n\r\n"
    );
    assert!(
        closed_within(&mut stream, HEAD_WAIT),
        "a 1 MB header's connection stayed open"
    );
    let mut many = kiosk.connect();
    let headers: String = (0..500).map(|i| format!("X-{i}: {i}\r\n")).collect();
    let _ = write!(many, "GET / HTTP/1.1\r\nHost: kiosk\r\n{headers}\r\n");
    let status = status_line(&mut many);
    assert!(
        status.is_empty() || status.starts_with("HTTP/1.1 431"),
        "500 headers: {status:?}"
    );
    kiosk.assert_healthy("after oversize heads");
    drop((stream, many));
    kiosk.assert_settles(HEAD_WAIT, "after oversize heads");
}

#[test]
fn a_slow_or_unfinished_request_head_is_cut_off() {
    let mut kiosk = Kiosk::start();
    // A head that trickles in, a line every half second, and never ends.
    let mut slow = kiosk.connect();
    slow.set_read_timeout(Some(Duration::from_millis(500)))
        .unwrap();
    slow.write_all(b"GET / HTTP/1.1\r\n").unwrap();
    let began = Instant::now();
    let mut cut = false;
    while began.elapsed() < HEAD_WAIT {
        if slow.write_all(b"X-Slow: 1\r\n").is_err() || closed_within(&mut slow, Duration::ZERO) {
            cut = true;
            break;
        }
        let mut byte = [0; 1];
        match slow.read(&mut byte) {
            Ok(_) => {
                cut = true;
                break;
            }
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
            Err(_) => {
                cut = true;
                break;
            }
        }
    }
    assert!(
        cut,
        "a head trickling in for {:?} was not cut off",
        began.elapsed()
    );
    // Heads that stop half way.
    let mut unfinished: Vec<TcpStream> = (0..20)
        .map(|_| {
            let mut stream = kiosk.connect();
            stream.write_all(b"GET / HTTP/1.1\r\nHost: kio").unwrap();
            stream
        })
        .collect();
    kiosk.assert_healthy("while 20 request heads are unfinished");
    for stream in &mut unfinished {
        assert!(
            closed_within(stream, HEAD_WAIT),
            "an unfinished head's connection stayed open"
        );
    }
    kiosk.assert_healthy("after unfinished request heads");
    kiosk.assert_settles(Duration::from_secs(2), "after unfinished request heads");
}

#[test]
fn idle_connections_are_closed_and_capped() {
    let mut kiosk = Kiosk::start();
    // More than the program's cap on connections, none of them saying anything.
    let mut idle: Vec<TcpStream> = (0..200).map(|_| kiosk.connect()).collect();
    // Those over the cap are closed at once or after a short wait, and the others
    // time out, so a real client is served again within about one head timeout.
    let began = Instant::now();
    while !kiosk
        .get_within(Duration::from_secs(1))
        .starts_with("HTTP/1.1 200")
    {
        assert!(
            began.elapsed() < HEAD_WAIT,
            "GET / among 200 idle: no answer"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    // A kept-alive connection after its answer is idle too.
    let mut kept = kiosk.connect();
    kept.write_all(b"GET / HTTP/1.1\r\nHost: kiosk\r\n\r\n")
        .unwrap();
    let mut first = [0; 15];
    kept.read_exact(&mut first).unwrap();
    assert_eq!(&first, b"HTTP/1.1 200 OK");
    assert!(
        closed_within(&mut kept, HEAD_WAIT),
        "a kept-alive connection stayed open"
    );
    for stream in &mut idle {
        assert!(
            closed_within(stream, HEAD_WAIT),
            "an idle connection stayed open"
        );
    }
    kiosk.assert_healthy("after 200 idle connections");
    // The clients still hold theirs: the program let go of its ends.
    kiosk.assert_settles(Duration::from_secs(2), "after 200 idle connections");
}

#[test]
fn a_client_that_never_reads_its_answers_is_let_go() {
    let mut kiosk = Kiosk::start();
    let mut stream = kiosk.connect();
    stream
        .set_write_timeout(Some(Duration::from_millis(200)))
        .unwrap();
    // Pipelined requests whose answers are never read: the program's writes stall.
    let requests = "GET / HTTP/1.1\r\nHost: kiosk\r\n\r\n".repeat(200);
    for _ in 0..100 {
        if stream.write_all(requests.as_bytes()).is_err() {
            break;
        }
    }
    kiosk.assert_healthy("while a client reads nothing");
    // The client still holds its end; the program's must go.
    kiosk.assert_settles(STALL_WAIT, "after a client that reads nothing");
    kiosk.assert_healthy("after a client that reads nothing");
    drop(stream);
}
