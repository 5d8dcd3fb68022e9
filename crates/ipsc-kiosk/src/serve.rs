//! The HTTP server: hyper's HTTP/1.1 on a one-thread tokio runtime, with the limits a
//! program that any local process can reach needs, so that no client can crash it, make
//! it allocate what it announces, or keep what it gives out.
//!
//! The program needs no request body, so none is ever read: a request that announces
//! one is refused and its connection closed. Each connection holds a slot of a fixed
//! number; a request head must arrive whole within [`HEAD_TIMEOUT`] (which also closes
//! a kept-alive connection left idle that long); a connection on which no byte moves for
//! [`STALL_TIMEOUT`] (a client that stopped reading its answer) is dropped.

use crate::respond::{self, Reply, Site};
use http_body_util::Full;
use hyper::body::{Body, Incoming};
use hyper::server::conn::http1;
use hyper::{Request, Response};
use hyper_util::rt::{TokioIo, TokioTimer};
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Semaphore;
use tokio::time::Instant;

/// Connections served at once. A kiosk's Chromium opens at most 6 to one host, so this
/// leaves room for reloads and a second browser while bounding what a flood can take:
/// one task and one descriptor each.
pub const MAX_CONNECTIONS: usize = 64;

/// Connections over [`MAX_CONNECTIONS`] that may wait, each up to [`SLOT_WAIT`], for a
/// slot; any more are closed at once. A browser's short burst while other connections
/// are ending is still served, yet a flood costs at most this many more descriptors,
/// and the kiosk's own browser is served again as soon as the flood's connections time
/// out (waiting in the kernel's queue instead would make it wait behind all of them).
pub const MAX_WAITING: usize = 64;

/// How long a connection over the cap waits for a slot before it is closed.
pub const SLOT_WAIT: Duration = Duration::from_secs(1);

/// The longest a request head may take to arrive, from the connection's start or the
/// previous answer: so also how long a kept-alive connection may sit idle. A browser on
/// the same machine sends its head at once, and reopens a connection closed while idle.
pub const HEAD_TIMEOUT: Duration = Duration::from_secs(5);

/// A connection on which nothing is read or written for this long is dropped: it
/// covers an answer the client stopped reading, which no head timeout sees.
pub const STALL_TIMEOUT: Duration = Duration::from_secs(10);

/// How often a connection checks for a stall.
const STALL_CHECK: Duration = Duration::from_secs(1);

/// The most a connection buffers while reading a request head: a head that does not fit
/// gets 431 and its connection closed. The kiosk's requests carry no cookies and have
/// heads well under 2 KB; hyper takes no less than 8 KB.
pub const MAX_HEAD_BYTES: usize = 16 * 1024;

/// The most header lines in a request (hyper answers 431 above it).
pub const MAX_HEADERS: usize = 64;

/// Pause after a failed accept (such as running out of descriptors), so that the loop
/// does not spin while the cause lasts.
const ACCEPT_PAUSE: Duration = Duration::from_millis(100);

/// Serves `site` on `listener` until the process ends. Fails only when the runtime
/// cannot be made or the listener cannot join it.
pub fn serve(site: &'static Site<'static>, listener: std::net::TcpListener) -> Result<(), String> {
    // One thread: the kiosk has one browser, and the answers are slices of the program.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .enable_time()
        .build()
        .map_err(|e| format!("cannot start the server: {e}"))?;
    runtime.block_on(accept_loop(site, listener))
}

async fn accept_loop(
    site: &'static Site<'static>,
    listener: std::net::TcpListener,
) -> Result<(), String> {
    listener
        .set_nonblocking(true)
        .map_err(|e| format!("cannot serve: {e}"))?;
    let listener = TcpListener::from_std(listener).map_err(|e| format!("cannot serve: {e}"))?;
    let slots = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    let waiting = Arc::new(Semaphore::new(MAX_WAITING));
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(_) => {
                tokio::time::sleep(ACCEPT_PAUSE).await;
                continue;
            }
        };
        let slots = Arc::clone(&slots);
        let waiting = Arc::clone(&waiting);
        tokio::spawn(async move {
            let slot = match Arc::clone(&slots).try_acquire_owned() {
                Ok(slot) => slot,
                Err(_) => {
                    // Dropping the stream closes the connection.
                    let Ok(_place) = waiting.try_acquire_owned() else {
                        return;
                    };
                    match tokio::time::timeout(SLOT_WAIT, slots.acquire_owned()).await {
                        Ok(Ok(slot)) => slot,
                        _ => return,
                    }
                }
            };
            connection(site, stream).await;
            drop(slot);
        });
    }
}

/// The HTTP/1.1 settings of every connection.
fn http() -> http1::Builder {
    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(HEAD_TIMEOUT)
        .max_buf_size(MAX_HEAD_BYTES)
        .max_headers(MAX_HEADERS)
        .keep_alive(true)
        // As the answers were written before: `Content-Type`, not `content-type`, and no
        // `Date` (an answer is the program's file whenever it is asked for).
        .title_case_headers(true)
        .auto_date_header(false);
    http
}

/// Serves one connection until it ends, times out or stalls.
async fn connection(site: &'static Site<'static>, stream: TcpStream) {
    let _ = stream.set_nodelay(true);
    let began = Instant::now();
    let moved = Arc::new(AtomicU64::new(0));
    let io = TokioIo::new(Watched {
        stream,
        began,
        moved: Arc::clone(&moved),
    });
    let service = hyper::service::service_fn(move |request: Request<Incoming>| async move {
        Ok::<_, std::convert::Infallible>(answer(site, &request))
    });
    let serving = http().serve_connection(io, service);
    tokio::pin!(serving);
    loop {
        tokio::select! {
            // An error is the client's (a bad request, a timeout, a reset): hyper has
            // answered it if it could, and the connection is over either way.
            _ = serving.as_mut() => return,
            () = tokio::time::sleep(STALL_CHECK) => {
                let last = Duration::from_millis(moved.load(Ordering::Relaxed));
                if began.elapsed().saturating_sub(last) > STALL_TIMEOUT {
                    // Dropping the connection closes it, mid-answer or not.
                    return;
                }
            }
        }
    }
}

/// The answer to one request, from [`respond::respond`] alone.
fn answer(
    site: &'static Site<'static>,
    request: &Request<Incoming>,
) -> Response<Full<&'static [u8]>> {
    // A body is refused before a byte of it is read (the program needs none): hyper never
    // reads more than its buffer, and the `Connection: close` stops it waiting for more.
    if !request.body().is_end_stream() {
        return response(respond::body_refused(), false);
    }
    let method = request.method().as_str();
    // The request's target as sent: an absolute `http://…` one stays whole, so that, as
    // `respond` expects, only a path starting with `/` can name a file.
    let uri = request.uri();
    let target = if uri.scheme().is_some() || uri.authority().is_some() {
        uri.to_string()
    } else {
        uri.path_and_query()
            .map(|p| p.as_str().to_owned())
            .unwrap_or_default()
    };
    response(respond::respond(site, method, &target), method == "HEAD")
}

/// `reply` as hyper's response, its length announced; with `head_only`, with no body.
fn response(reply: Reply<'static>, head_only: bool) -> Response<Full<&'static [u8]>> {
    let mut builder = Response::builder().status(reply.status);
    for (name, value) in &reply.headers {
        builder = builder.header(*name, *value);
    }
    let built = builder
        .header("Content-Length", reply.body.len())
        .body(Full::new(if head_only { &b""[..] } else { reply.body }));
    built.unwrap_or_else(|_| {
        // Only a header the build gave could be invalid (the policy comes from deploy/):
        // then every answer is a bare 500, not a crash.
        let mut failed = Response::new(Full::new(&b""[..]));
        *failed.status_mut() = hyper::StatusCode::INTERNAL_SERVER_ERROR;
        failed
    })
}

/// A connection's stream, noting when a byte last moved either way (milliseconds after
/// `began`) for the stall check.
struct Watched {
    stream: TcpStream,
    began: Instant,
    moved: Arc<AtomicU64>,
}

impl Watched {
    fn touch(&self) {
        let now = u64::try_from(self.began.elapsed().as_millis()).unwrap_or(u64::MAX);
        self.moved.store(now, Ordering::Relaxed);
    }
}

impl AsyncRead for Watched {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let before = buf.filled().len();
        let polled = Pin::new(&mut self.stream).poll_read(cx, buf);
        if buf.filled().len() > before {
            self.touch();
        }
        polled
    }
}

impl AsyncWrite for Watched {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        let polled = Pin::new(&mut self.stream).poll_write(cx, buf);
        if matches!(polled, Poll::Ready(Ok(n)) if n > 0) {
            self.touch();
        }
        polled
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> Poll<std::io::Result<usize>> {
        let polled = Pin::new(&mut self.stream).poll_write_vectored(cx, bufs);
        if matches!(polled, Poll::Ready(Ok(n)) if n > 0) {
            self.touch();
        }
        polled
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.stream).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.stream).poll_shutdown(cx)
    }
}
