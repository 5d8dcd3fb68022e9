//! Answers one request from the files of the build alone: a path either names a file of
//! the build exactly or gets 404, and every answer carries the strict host's headers.

use include_dir::Dir;

/// The app's content security policy, as `deploy/ipsc-location.conf` gives it to nginx
/// (read from there by `build.rs`), with only the page itself allowed to frame it.
pub const CSP: &str = env!("IPSC_KIOSK_CSP");

/// The permissions policy, as `deploy/ipsc-location.conf` gives it to nginx.
pub const PERMISSIONS: &str = env!("IPSC_KIOSK_PERMISSIONS");

/// The build's files and the page the kiosk opens on.
pub struct Site<'a> {
    files: &'a Dir<'a>,
    index: String,
}

impl<'a> Site<'a> {
    /// The build in `files`, whose `index.html` is served as `index` (the kiosk's copy).
    pub fn new(files: &'a Dir<'a>, index: String) -> Self {
        Self { files, index }
    }
}

/// An answer: status, headers and body. For HEAD the body is still given, so that its
/// length is announced; the server then sends none.
#[derive(Debug)]
pub struct Reply<'a> {
    /// The HTTP status code.
    pub status: u16,
    /// The headers, in order.
    pub headers: Vec<(&'static str, &'static str)>,
    /// The body.
    pub body: &'a [u8],
}

/// The answer to a request that announces a body (the program takes none), sent before
/// any of it is read; `Connection: close` because the unread body is still on its way.
pub fn body_refused() -> Reply<'static> {
    let mut reply = text(413, b"request bodies are not accepted");
    reply.headers.push(("Connection", "close"));
    reply
}

/// The answer to `method` on `target` (the request line's path, with any query).
pub fn respond<'a>(site: &'a Site<'a>, method: &str, target: &str) -> Reply<'a> {
    if method != "GET" && method != "HEAD" {
        let mut reply = text(405, b"method not allowed");
        reply.headers.push(("Allow", "GET, HEAD"));
        return reply;
    }
    let found = match build_path(target) {
        Some("" | "index.html") => Some(("index.html", site.index.as_bytes())),
        Some(path) => site.files.get_file(path).map(|f| (path, f.contents())),
        None => None,
    };
    match found {
        Some((path, body)) => Reply {
            status: 200,
            headers: headers(content_type(path)),
            body,
        },
        None => text(404, b"not found"),
    }
}

/// The path of the file `target` asks for, relative to the build, or `None` when it
/// cannot name one. The query is not part of it (`/?mode=kiosk` is the page). Only plain
/// names pass: letters, digits, `-`, `_` and dots, never a name starting with a dot (so
/// no `..`) or an empty one (so no `//`); a `%` escape, `\`, `:` or an absolute URL never
/// reaches the lookup. The build's own names are all of that kind.
fn build_path(target: &str) -> Option<&str> {
    let path = target.split(['?', '#']).next()?.strip_prefix('/')?;
    if path.is_empty() {
        return Some(path);
    }
    let plain = |name: &str| {
        !name.is_empty()
            && !name.starts_with('.')
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
    };
    path.split('/').all(plain).then_some(path)
}

/// The media type by the file's extension, as the strict host gives it.
fn content_type(path: &str) -> &'static str {
    match path.rsplit_once('.').map(|(_, ext)| ext) {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("json") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        _ => "application/octet-stream",
    }
}

fn headers(content_type: &'static str) -> Vec<(&'static str, &'static str)> {
    vec![
        ("Content-Type", content_type),
        ("Content-Security-Policy", CSP),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "no-referrer"),
        // As nginx sends them (docs/WEBMASTER.md), but for CORP: no other site loads the
        // kiosk's files, so they are the kiosk's own alone.
        ("Cross-Origin-Opener-Policy", "same-origin"),
        ("Cross-Origin-Resource-Policy", "same-origin"),
        ("Permissions-Policy", PERMISSIONS),
        // A program replaced by a newer one must not leave the old page in the browser.
        ("Cache-Control", "no-cache"),
    ]
}

fn text(status: u16, body: &'static [u8]) -> Reply<'static> {
    Reply {
        status,
        headers: headers("text/plain; charset=utf-8"),
        body,
    }
}

#[cfg(test)]
#[allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)] // Reason: tests fail loudly.
mod tests {
    use super::*;
    use include_dir::{include_dir, DirEntry};

    static FIXTURE: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/tests/fixture");

    fn site() -> Site<'static> {
        let page = std::str::from_utf8(FIXTURE.get_file("index.html").unwrap().contents()).unwrap();
        let index = crate::page::with_root_attributes(
            page,
            &crate::page::root_attributes(90, Some("https://example.gov.cn/ipsc/?a=\"&b=<")),
        )
        .unwrap();
        Site::new(&FIXTURE, index)
    }

    fn header(reply: &Reply, name: &str) -> &'static str {
        reply
            .headers
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| *v)
            .unwrap_or_else(|| panic!("no {name} in {:?}", reply.headers))
    }

    fn files<'a>(dir: &'a Dir<'a>, out: &mut Vec<&'a include_dir::File<'a>>) {
        for entry in dir.entries() {
            match entry {
                DirEntry::Dir(d) => files(d, out),
                // Hidden files are in the fixture to prove they are never served.
                DirEntry::File(f) if f.path().to_string_lossy().contains("/.") => {}
                DirEntry::File(f) if f.path().to_string_lossy().starts_with('.') => {}
                DirEntry::File(f) => out.push(f),
            }
        }
    }

    #[test]
    fn the_csp_is_the_deploy_configurations_with_only_itself_as_framer() {
        assert!(CSP.starts_with("default-src 'none'; script-src 'self' 'wasm-unsafe-eval';"));
        assert!(CSP.ends_with("; frame-ancestors 'self'"), "{CSP}");
        assert!(
            !CSP.contains('$') && !CSP.contains("unsafe-inline"),
            "{CSP}"
        );
    }

    #[test]
    fn every_file_is_served_with_its_type_and_the_policy() {
        let site = site();
        let mut all = Vec::new();
        files(&FIXTURE, &mut all);
        assert!(all.len() >= 6, "the fixture has {} files", all.len());
        for file in all {
            let path = file.path().to_str().unwrap().replace('\\', "/");
            for method in ["GET", "HEAD"] {
                let reply = respond(&site, method, &format!("/{path}"));
                assert_eq!(reply.status, 200, "{path}");
                assert_eq!(header(&reply, "Content-Security-Policy"), CSP);
                assert_eq!(header(&reply, "X-Content-Type-Options"), "nosniff");
                assert_eq!(header(&reply, "Referrer-Policy"), "no-referrer");
                assert_eq!(header(&reply, "Cross-Origin-Opener-Policy"), "same-origin");
                assert_eq!(
                    header(&reply, "Cross-Origin-Resource-Policy"),
                    "same-origin"
                );
                assert!(header(&reply, "Permissions-Policy").contains("camera=()"));
                if path != "index.html" {
                    assert_eq!(reply.body, file.contents(), "{path}");
                }
            }
        }
        for (path, kind) in [
            ("/index.html", "text/html; charset=utf-8"),
            ("/app.js", "text/javascript; charset=utf-8"),
            ("/app.css", "text/css; charset=utf-8"),
            ("/app_bg.wasm", "application/wasm"),
            ("/ipsc-texts-0.bin", "application/octet-stream"),
            ("/nested/deep.json", "application/json"),
        ] {
            assert_eq!(
                header(&respond(&site, "GET", path), "Content-Type"),
                kind,
                "{path}"
            );
        }
    }

    #[test]
    fn the_page_is_the_kiosks_copy_with_or_without_a_query() {
        let site = site();
        for target in [
            "/",
            "/index.html",
            "/?mode=kiosk",
            "/index.html?idle=5#results",
        ] {
            let reply = respond(&site, "GET", target);
            assert_eq!(reply.status, 200, "{target}");
            let html = std::str::from_utf8(reply.body).unwrap();
            assert!(
                html.contains(r#"<div data-mode="kiosk" data-idle-seconds="90" data-share-base="https://example.gov.cn/ipsc/?a=&quot;&amp;b=&lt;" class=ipsc-root"#),
                "{html}"
            );
            assert_eq!(header(&reply, "Cache-Control"), "no-cache");
        }
        assert_eq!(respond(&site, "GET", "/app.js?v=1").status, 200);
    }

    #[test]
    fn nothing_outside_the_build_is_served() {
        let site = site();
        for target in [
            "/..",
            "/../Cargo.toml",
            "/../../e2e/server.mjs",
            "/nested/../app.js",
            "/./app.js",
            "/%2e%2e/Cargo.toml",
            "/%2E%2E%2FCargo.toml",
            "/nested%2fdeep.json",
            "/nested%2Fdeep.json",
            "/app%2ejs",
            "/%61pp.js",
            "/..\\Cargo.toml",
            "/nested\\deep.json",
            "//etc/passwd",
            "/etc/passwd",
            "//app.js",
            "/nested//deep.json",
            "/nested/",
            "/nested",
            "/.hidden",
            "/nested/.hidden",
            "app.js",
            "http://127.0.0.1/app.js",
            "*",
            "",
            "/C:/Windows/win.ini",
            "/app.js\0",
            "/missing.js",
            "/INDEX.HTML",
        ] {
            let reply = respond(&site, "GET", target);
            assert_eq!(reply.status, 404, "{target:?}");
            assert_eq!(reply.body, b"not found");
            assert_eq!(header(&reply, "Content-Security-Policy"), CSP);
        }
        // The fixture does hold the hidden files, so the 404s above are the rule's doing.
        assert!(FIXTURE.get_file(".hidden").is_some());
        assert!(FIXTURE.get_file("nested/.hidden").is_some());
    }

    #[test]
    fn a_body_is_refused_with_the_policy_and_a_close() {
        let reply = body_refused();
        assert_eq!(reply.status, 413);
        assert_eq!(header(&reply, "Connection"), "close");
        assert_eq!(header(&reply, "Content-Security-Policy"), CSP);
    }

    #[test]
    fn only_get_and_head_are_answered() {
        let site = site();
        for method in ["POST", "PUT", "DELETE", "OPTIONS", "TRACE", "PATCH", "get"] {
            let reply = respond(&site, method, "/app.js");
            assert_eq!(reply.status, 405, "{method}");
            assert_eq!(header(&reply, "Allow"), "GET, HEAD");
        }
    }
}
