//! `bangchim serve` over real HTTP: it serves the site on 127.0.0.1, tells
//! pages to reload after an edit (and serves the edit), refuses paths
//! outside its output, and keeps serving the last good build when an edit
//! breaks the content.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
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

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        let target = to.join(p.file_name().unwrap());
        if p.is_dir() {
            copy_dir(&p, &target);
        } else {
            std::fs::copy(&p, &target).unwrap();
        }
    }
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
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let site = tempfile::tempdir().unwrap();
    copy_dir(&repo.join("content"), &site.path().join("content"));
    std::fs::copy(
        repo.join("bangchim.toml"),
        site.path().join("bangchim.toml"),
    )
    .unwrap();
    std::fs::write(site.path().join("secret.txt"), "not for the web").unwrap();

    let mut child = Command::new(env!("CARGO_BIN_EXE_bangchim"))
        .args(["serve", "--port", "0", "--root"])
        .arg(site.path())
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let server = Server(child);
    let mut lines = BufReader::new(stderr).lines();
    let addr = loop {
        let line = lines.next().expect("serve said where it listens").unwrap();
        if let Some(rest) = line.split_once("serving http://").map(|(_, r)| r) {
            break rest.split('/').next().unwrap().to_string();
        }
    };
    std::thread::spawn(move || for _ in lines {});
    assert!(addr.starts_with("127.0.0.1:"), "{addr}");

    let (status, home) = get(&addr, "/");
    assert_eq!(status, 200);
    assert!(
        home.contains("/__bangchim/reload.js"),
        "pages load the reload script"
    );
    let (_, version) = get(&addr, "/__bangchim/version");

    // An edit: rebuilt, the version moves, the page shows the edit.
    let md = site.path().join("content/seoul/contract.md");
    let text = std::fs::read_to_string(&md).unwrap();
    std::fs::write(&md, format!("{text}\n새로 추가한 안내 문장입니다.\n")).unwrap();
    wait_for(
        || get(&addr, "/__bangchim/version").1 != version,
        "a rebuild",
    );
    assert!(
        get(&addr, "/seoul/contract/")
            .1
            .contains("새로 추가한 안내 문장입니다.")
    );

    // A broken edit: the last good build stays served.
    let (_, good) = get(&addr, "/__bangchim/version");
    std::fs::write(&md, "## 제1조 목적\n\n| a | b |\n| c | d |\n").unwrap();
    std::thread::sleep(Duration::from_secs(2));
    assert_eq!(get(&addr, "/__bangchim/version").1, good);
    assert_eq!(get(&addr, "/seoul/contract/").0, 200);

    // Precompressed siblings go to clients that accept them.
    let wasm = "/static/search/bangchim_search_wasm_bg.wasm";
    let (plain_head, plain) = get_raw(&addr, wasm, "");
    assert!(!plain_head.contains("Content-Encoding"));
    let (head, br) = get_raw(&addr, wasm, "Accept-Encoding: gzip, deflate, br\r\n");
    assert!(head.contains("Content-Encoding: br"), "{head}");
    let mut unpacked = Vec::new();
    brotli::Decompressor::new(&br[..], 4096)
        .read_to_end(&mut unpacked)
        .unwrap();
    assert_eq!(unpacked, plain);
    assert!(br.len() * 2 < plain.len());

    // Nothing outside the output folder.
    for evil in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
        "/static/../../secret.txt",
    ] {
        let (status, body) = get(&addr, evil);
        assert_eq!(status, 404, "{evil}");
        assert!(!body.contains("not for the web"), "{evil}");
    }
    drop(server);
}
