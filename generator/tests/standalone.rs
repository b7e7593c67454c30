//! The binary alone: copied into an empty folder and run with an empty
//! environment (no PATH, so no cargo, rustup, Python or node; a fresh HOME,
//! so no cache), it builds a complete site with search, searches it and
//! serves it. Everything it needs is embedded.

mod inputs;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Duration;

/// The binary copied into a folder of its own, and an empty home.
struct Alone {
    _dir: tempfile::TempDir,
    bin: PathBuf,
    home: PathBuf,
    site: PathBuf,
}

impl Alone {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let bin = dir.path().join("bin/bangchim");
        std::fs::create_dir_all(bin.parent().unwrap()).unwrap();
        std::fs::copy(env!("CARGO_BIN_EXE_bangchim"), &bin).unwrap();
        let home = dir.path().join("home");
        std::fs::create_dir_all(&home).unwrap();
        // A publisher's site: bangchim.toml and content/, nothing else.
        let site = dir.path().join("site");
        inputs::copy_dir(&inputs::repo().join("content"), &site.join("content"));
        std::fs::copy(
            inputs::repo().join("bangchim.toml"),
            site.join("bangchim.toml"),
        )
        .unwrap();
        Alone {
            _dir: dir,
            bin,
            home,
            site,
        }
    }

    /// The binary, run in the site folder with nothing but HOME set.
    fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(&self.bin);
        cmd.env_clear()
            .env("HOME", &self.home)
            .env("PATH", "")
            .current_dir(&self.site)
            .args(args);
        cmd
    }

    fn run(&self, args: &[&str]) -> String {
        let out = self.command(args).output().unwrap();
        assert!(
            out.status.success(),
            "bangchim {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }
}

/// Every file of a built site but the precompressed siblings (the test
/// binary's own build leaves them out), by path.
fn site_files(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut files = inputs::all_files(dir);
    files.retain(|(name, _)| !name.ends_with(".br") && !name.ends_with(".gz"));
    files
}

fn get(addr: &str, path: &str, headers: &str) -> String {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\n{headers}Connection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    String::from_utf8_lossy(&raw).into_owned()
}

#[test]
fn the_binary_alone_builds_searches_and_serves() {
    let alone = Alone::new();
    alone.run(&["build", "--out", "public"]);
    let out = alone.site.join("public");
    let module = out.join("static/search").join(bangchim::searcher::MODULE);
    assert_eq!(
        std::fs::read(&module).unwrap(),
        bangchim::searcher::FILES
            .iter()
            .find(|(n, _)| *n == bangchim::searcher::MODULE)
            .unwrap()
            .1,
        "the embedded module is written as is"
    );
    assert!(out.join("search/manifest.json").is_file());
    assert!(
        std::fs::read_dir(out.join("search/lexicon"))
            .unwrap()
            .count()
            > 0,
        "the lexicon is analysed with the embedded dictionary"
    );
    // The same bytes as the in-process build of the test binary, made in
    // another folder, with another HOME, working directory and
    // environment: nothing of the machine's setup leaks into the output.
    let (alone_files, shared) = (site_files(&out), site_files(inputs::seed_site()));
    assert_eq!(
        alone_files.iter().map(|f| &f.0).collect::<Vec<_>>(),
        shared.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    for ((name, a), (_, b)) in alone_files.iter().zip(&shared) {
        assert!(a == b, "{name} differs between two environments");
    }
    let home_entries: Vec<_> = std::fs::read_dir(&alone.home).unwrap().collect();
    assert!(
        home_entries.is_empty(),
        "nothing is cached under HOME: {home_entries:?}"
    );

    // Korean analysis in the search command: a particle-inflected query
    // finds the officer's table.
    let hits = alone.run(&["search", "--out", "public", "--json", "보호책임자에게"]);
    let hits: serde_json::Value = serde_json::from_str(&hits).unwrap();
    assert!(
        hits["hits"].as_array().is_some_and(|h| !h.is_empty()),
        "{hits}"
    );

    // Its output piped into a reader that has stopped (`| head`): the
    // command ends quietly and successfully, as a Unix tool does.
    let mut search = alone
        .command(&["search", "--out", "public", "--json", "개인정보"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(search.stdout.take());
    let closed = search.wait_with_output().unwrap();
    assert!(
        closed.status.success() && closed.stderr.is_empty(),
        "{:?}: {}",
        closed.status,
        String::from_utf8_lossy(&closed.stderr)
    );

    let mut child = alone
        .command(&["serve", "--port", "0"])
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let addr = loop {
        let line = lines.next().expect("serve said where it listens").unwrap();
        if let Some((_, rest)) = line.split_once("serving http://") {
            break rest.split('/').next().unwrap().to_string();
        }
    };
    std::thread::spawn(move || for _ in lines {});
    let wasm = format!("/static/search/{}", bangchim::searcher::MODULE);
    let page = get(&addr, "/", "");
    let range = get(&addr, &wasm, "Range: bytes=0-3\r\n");
    let _ = child.kill();
    let _ = child.wait();
    assert!(page.starts_with("HTTP/1.1 200"), "{page}");
    assert!(page.contains(&wasm), "the page names the module it serves");
    assert!(range.starts_with("HTTP/1.1 206"), "{range}");
    assert!(range.ends_with("\0asm"), "the module's magic number");
}
