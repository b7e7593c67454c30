//! `bangchim serve` over real HTTP: it serves the site on 127.0.0.1, tells
//! pages to reload after an edit (saved by rename, as editors do) and
//! serves the edit, reports a broken edit's error while it keeps serving
//! the last good build, behaves as a static host (Range, ETag/304,
//! caching, HEAD, a bound on the request line), and refuses paths outside
//! its output.

mod inputs;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running `bangchim serve`, stopped when dropped.
struct Server {
    /// The process.
    child: Child,
    /// Where it listens (`127.0.0.1:PORT`).
    addr: String,
}

impl Server {
    /// Starts `bangchim serve` on a free port over the site in `root`, and
    /// waits until it says where it listens.
    fn start(root: &Path) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_bangchim"))
            .args(["serve", "--port", "0", "--root"])
            .arg(root)
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        let stderr = child.stderr.take().unwrap();
        let mut server = Server {
            child,
            addr: String::new(),
        };
        let mut lines = BufReader::new(stderr).lines();
        server.addr = loop {
            let line = lines.next().expect("serve said where it listens").unwrap();
            if let Some(rest) = line.split_once("serving http://").map(|(_, r)| r) {
                break rest.split('/').next().unwrap().to_string();
            }
        };
        std::thread::spawn(move || for _ in lines {});
        assert!(server.addr.starts_with("127.0.0.1:"), "{}", server.addr);
        server
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One GET with extra header lines; the raw head and body bytes.
fn get_raw(addr: &str, path: &str, headers: &str) -> (String, Vec<u8>) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\n{headers}Connection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or(raw.len());
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let body = raw.get(split + 4..).unwrap_or_default().to_vec();
    (head, body)
}

fn get(addr: &str, path: &str) -> (u16, String) {
    let (head, body) = get_raw(addr, path, "");
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    (status, String::from_utf8_lossy(&body).into_owned())
}

/// The build status the pages' script polls.
fn build_status(addr: &str) -> serde_json::Value {
    let (code, body) = get(addr, "/__bangchim/status");
    assert_eq!(code, 200);
    serde_json::from_str(&body).unwrap()
}

/// The build version once no build has happened for a second.
fn settled(addr: &str) -> u64 {
    let mut last = build_status(addr)["version"].as_u64().unwrap();
    loop {
        std::thread::sleep(Duration::from_secs(1));
        let now = build_status(addr)["version"].as_u64().unwrap();
        if now == last {
            return now;
        }
        last = now;
    }
}

fn header<'a>(head: &'a str, name: &str) -> Option<&'a str> {
    head.lines().find_map(|l| {
        let (n, v) = l.split_once(':')?;
        n.eq_ignore_ascii_case(name).then(|| v.trim())
    })
}

fn status_of(head: &str) -> u16 {
    head.split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0)
}

fn http_semantics(addr: &str) {
    let wasm = &format!("/static/search/{}", bangchim::searcher::MODULE);
    let (head, whole) = get_raw(addr, wasm, "");
    assert_eq!(status_of(&head), 200);
    // Range: 206 with the bytes asked for; past the end, 416.
    let (head, part) = get_raw(addr, wasm, "Range: bytes=0-99\r\n");
    assert_eq!(status_of(&head), 206, "{head}");
    assert_eq!(part, whole[..100]);
    assert!(
        header(&head, "content-range")
            .unwrap()
            .starts_with("bytes 0-99/")
    );
    let (head, _) = get_raw(addr, wasm, "Range: bytes=99999999-\r\n");
    assert_eq!(status_of(&head), 416, "{head}");
    // ETag and If-None-Match: 304; Last-Modified too.
    let (head, _) = get_raw(addr, "/seoul/poll/", "");
    let tag = header(&head, "etag").expect("an ETag").to_string();
    assert!(header(&head, "last-modified").is_some(), "{head}");
    assert_eq!(header(&head, "cache-control"), Some("no-cache"));
    let (head, body) = get_raw(addr, "/seoul/poll/", &format!("If-None-Match: {tag}\r\n"));
    assert_eq!(status_of(&head), 304, "{head}");
    assert!(body.is_empty());
    // Content-named index blocks are cached for a year.
    let (_, manifest) = get(addr, "/search/manifest.json");
    let name = manifest
        .split('"')
        .find(|s| s.contains(".fast.") || s.contains(".idx."))
        .expect("a block named in the manifest")
        .to_string();
    let (head, _) = get_raw(addr, &format!("/search/index/{name}"), "");
    assert_eq!(status_of(&head), 200, "{name}: {head}");
    assert_eq!(
        header(&head, "cache-control"),
        Some("public, max-age=31536000, immutable")
    );
    // So is the searcher bundle, named after its content too.
    let (head, _) = get_raw(addr, wasm, "");
    assert_eq!(
        header(&head, "cache-control"),
        Some("public, max-age=31536000, immutable"),
        "{head}"
    );
    // HEAD: the headers, no body.
    let mut s = TcpStream::connect(addr).unwrap();
    write!(
        s,
        "HEAD /seoul/poll/ HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = String::new();
    s.read_to_string(&mut raw).unwrap();
    assert!(raw.starts_with("HTTP/1.1 200"), "{raw}");
    assert!(raw.ends_with("\r\n\r\n"), "a body after HEAD: {raw}");
    // An oversized request line is refused.
    let (head, _) = get_raw(addr, &format!("/{}", "a".repeat(20_000)), "");
    assert!((400..500).contains(&status_of(&head)), "{head}");
}

fn wait_for(mut done: impl FnMut() -> bool, what: &str) {
    let start = Instant::now();
    while !done() {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn serve_rebuilds_reloads_and_stays_inside_its_folder() {
    let site = site_with_secret();
    let server = Server::start(site.path());
    let addr = server.addr.as_str();

    let version = serves_pages_with_reload_script(addr);
    let md = site.path().join("content/seoul/contract.md");
    edit_saved_by_rename_is_served(addr, site.path(), &md, version);
    broken_edit_keeps_last_good_build(addr, &md);

    // A static host's behaviour: Range, validators, caching, HEAD.
    http_semantics(addr);
    precompressed_siblings_are_served(addr);
    nothing_outside_the_output(addr);
    drop(server);
}

/// A copy of the repository's content and configuration in a temporary
/// folder, with a file beside them that must not be served.
fn site_with_secret() -> tempfile::TempDir {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let site = tempfile::tempdir().unwrap();
    inputs::copy_dir(&repo.join("content"), &site.path().join("content"));
    std::fs::copy(
        repo.join("bangchim.toml"),
        site.path().join("bangchim.toml"),
    )
    .unwrap();
    std::fs::write(site.path().join("secret.txt"), "not for the web").unwrap();
    site
}

/// The home page is served and loads the reload script; the build
/// version it starts at.
fn serves_pages_with_reload_script(addr: &str) -> u64 {
    let (status, home) = get(addr, "/");
    assert_eq!(status, 200);
    assert!(
        home.contains("/__bangchim/reload.js"),
        "pages load the reload script"
    );
    build_status(addr)["version"].as_u64().unwrap()
}

/// An edit saved by rename (as editors do): rebuilt, the version moves
/// past `version`, the page shows the edit.
fn edit_saved_by_rename_is_served(addr: &str, site: &Path, md: &Path, version: u64) {
    let text = std::fs::read_to_string(md).unwrap();
    let saved = site.join("content/seoul/.contract.md.swp");
    std::fs::write(&saved, format!("{text}\n새로 추가한 안내 문장입니다.\n")).unwrap();
    std::fs::rename(&saved, md).unwrap();
    wait_for(
        || build_status(addr)["version"].as_u64().unwrap() > version,
        "a rebuild",
    );
    assert!(
        get(addr, "/seoul/contract/")
            .1
            .contains("새로 추가한 안내 문장입니다.")
    );
}

/// A broken edit: the error reaches the page's script, and the last good
/// build stays served.
fn broken_edit_keeps_last_good_build(addr: &str, md: &Path) {
    let good = settled(addr);
    std::fs::write(md, "## 제1조 목적\n\n| a | b |\n| c | d |\n").unwrap();
    wait_for(
        || build_status(addr)["error"].is_string(),
        "the build error",
    );
    let error = build_status(addr)["error"].as_str().unwrap().to_string();
    assert!(error.contains("contract.md:"), "{error}");
    assert_eq!(build_status(addr)["version"].as_u64().unwrap(), good);
    assert_eq!(get(addr, "/seoul/contract/").0, 200);
    assert!(
        get(addr, "/__bangchim/reload.js")
            .1
            .contains("/__bangchim/status")
    );
}

/// Precompressed siblings go to clients that accept them.
fn precompressed_siblings_are_served(addr: &str) {
    let wasm = &format!("/static/search/{}", bangchim::searcher::MODULE);
    let (plain_head, plain) = get_raw(addr, wasm, "");
    assert!(header(&plain_head, "content-encoding").is_none());
    let (head, br) = get_raw(addr, wasm, "Accept-Encoding: gzip, deflate, br\r\n");
    assert_eq!(header(&head, "content-encoding"), Some("br"), "{head}");
    assert_eq!(header(&head, "vary"), Some("accept-encoding"), "{head}");
    let mut unpacked = Vec::new();
    brotli::Decompressor::new(&br[..], 4096)
        .read_to_end(&mut unpacked)
        .unwrap();
    assert_eq!(unpacked, plain);
    assert!(br.len() * 2 < plain.len());
}

/// Nothing outside the output folder is served.
fn nothing_outside_the_output(addr: &str) {
    for evil in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
        "/static/../../secret.txt",
    ] {
        let (status, body) = get(addr, evil);
        assert_eq!(status, 404, "{evil}");
        assert!(!body.contains("not for the web"), "{evil}");
    }
}
